/**
 * lib/plots: the lesson's charts as declarative Vega-Lite specs (one file per chart in charts/),
 * shown in the notebook with {@link showChart}: interactive in JupyterLab, a static SVG rendered in
 * Node for the handouts.
 * The charts draw the rows they are given; the gradient charts' rows come from lib/gradients.
 *
 * May import: errors, notebook, gradients.
 */
export * from './vega-lite-spec.js';
export * from './render-svg.js';
export * from './show-chart.js';
export * from './charts/loss-curve.js';
export * from './charts/accuracy-curves.js';
export * from './charts/class-scatter.js';
export * from './charts/gradient-magnitudes.js';
export * from './charts/gradient-distributions.js';
export * from './charts/histogram-explorer.js';
export * from './charts/gradients-through-time.js';
export * from './charts/accuracy-vs-length.js';
export * from './charts/activation-histograms.js';
