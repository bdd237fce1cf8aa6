/**
 * Shows a Vega-Lite chart in a notebook: interactive in JupyterLab, static SVG in handouts.
 */
import { displayBundle, MimeBundle } from '../notebook/display.js';
import { compactSpec, compactSvg } from './compact.js';
import { renderSvg } from './render-svg.js';
import { VEGA_LITE_MIME, VEGA_LITE_SCHEMA, VegaLiteSpec } from './vega-lite-spec.js';

function titleOf(spec: VegaLiteSpec): string {
  const title = spec.title;
  if (typeof title === 'string') return title;
  if (title && typeof title === 'object' && typeof (title as { text?: unknown }).text === 'string') {
    return (title as { text: string }).text;
  }
  return 'gráfico';
}

/** Options of {@link chartBundle} and {@link showChart}. */
export interface ChartBundleOptions {
  /**
   * The chart the SVG (handouts) is drawn from, when it should differ from the interactive one: e.g.
   * a few chosen epochs side by side for a chart whose slider picks one epoch in JupyterLab.
   */
  staticSpec?: VegaLiteSpec;
}

/**
 * The MIME bundle of a chart: the Vega-Lite spec (JupyterLab draws it interactively), its SVG
 * rendering (nbconvert handouts, offline) and a one-line text fallback. The spec's data is
 * rounded to what a chart can show and stored as columns, and the SVG is drawn from that same data
 * with its coordinates rounded to a tenth of a pixel (see `compactSpec`, `compactSvg`): the
 * executed notebooks stay small.
 */
export async function chartBundle(spec: VegaLiteSpec, options: ChartBundleOptions = {}): Promise<MimeBundle> {
  const withSchema = compactSpec({ $schema: VEGA_LITE_SCHEMA, ...spec });
  const drawn = options.staticSpec ? compactSpec({ $schema: VEGA_LITE_SCHEMA, ...options.staticSpec }) : withSchema;
  return {
    [VEGA_LITE_MIME]: withSchema,
    'image/svg+xml': compactSvg(await renderSvg(drawn)),
    'text/plain': `[Gráfico: ${titleOf(spec)}]`,
  };
}

/** Displays a chart as ONE notebook output (see {@link chartBundle}). */
export async function showChart(spec: VegaLiteSpec, options: ChartBundleOptions = {}): Promise<void> {
  displayBundle(await chartBundle(spec, options));
}
