/**
 * The Vega-Lite chart description our plots are made of.
 *
 * Charts are plain JSON objects (see https://vega.github.io/vega-lite/): data, a mark and
 * encodings. We keep the type loose on purpose: Vega-Lite validates the spec when it compiles it.
 */

/** A Vega-Lite (v5 schema) specification. */
export type VegaLiteSpec = Record<string, unknown> & { $schema?: string };

/** The schema JupyterLab 4 renders (MIME type `application/vnd.vegalite.v5+json`). */
export const VEGA_LITE_SCHEMA = 'https://vega.github.io/schema/vega-lite/v5.json';

/** The MIME type JupyterLab renders interactively with vega-embed. */
export const VEGA_LITE_MIME = 'application/vnd.vegalite.v5+json';

/**
 * An axis `labelExpr` that prints zero as `0`: a number format such as `.1~e` prints it `0e+0`.
 * Use it with the axis' `format`: `{ format: '.1~e', labelExpr: ZERO_AS_0 }`.
 */
export const ZERO_AS_0 = "datum.value == 0 ? '0' : datum.label";

/** A log axis' `labelExpr` that labels only the powers of ten (1e-5, 1e-4, …), so labels never crowd. */
export const DECADES_ONLY = "abs(log(datum.value) / LN10 - round(log(datum.value) / LN10)) < 1e-6 ? datum.label : ''";

/** A logarithmic quantitative scale with its axis labelled only at the powers of ten. */
export const LOG_SCALE_DECADES = {
  scale: { type: 'log' },
  axis: { format: '.0e', labelExpr: DECADES_ONLY },
} as const;
