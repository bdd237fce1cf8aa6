/**
 * lib/notebook: rich output in a Jupyter notebook run by tslab: MIME bundles (one output holding
 * Vega-Lite, SVG and text), and a progress line that rewrites itself instead of printing 500 lines.
 *
 * May import: errors.
 */
export * from './display.js';
export * from './headless.js';
export * from './progress.js';
export * from './wrap-text.js';
