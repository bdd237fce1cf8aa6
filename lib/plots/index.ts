export * from './vega-lite-spec.js';
export * from './render-svg.js';
export * from './show-chart.js';
export * from './charts/loss-curve.js';
export * from './charts/accuracy-curves.js';
export * from './charts/class-scatter.js';
