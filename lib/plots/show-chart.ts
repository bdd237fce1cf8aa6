/**
 * Shows a Vega-Lite chart in a notebook: interactive in JupyterLab, static SVG in handouts.
 */
import { checkObject } from '../errors/index.js';
import { DisplayOptions, displayBundle, MimeBundle } from '../notebook/display.js';
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
   * Include the SVG rendering (default true). Leave it out for the intermediate frames of a live
   * chart: JupyterLab draws the Vega-Lite spec itself, and rendering the SVG costs time.
   */
  svg?: boolean;
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
  checkObject('chartBundle', 'spec', spec, 'a Vega-Lite spec (an object)');
  const withSchema = compactSpec({ $schema: VEGA_LITE_SCHEMA, ...spec });
  const drawn = options.staticSpec ? compactSpec({ $schema: VEGA_LITE_SCHEMA, ...options.staticSpec }) : withSchema;
  return {
    [VEGA_LITE_MIME]: withSchema,
    ...(options.svg === false ? {} : { 'image/svg+xml': compactSvg(await renderSvg(drawn)) }),
    'text/plain': `[Gráfico: ${titleOf(spec)}]`,
  };
}

/** Options of {@link showChart}: those of {@link chartBundle} and of `displayBundle`. */
export interface ShowChartOptions extends ChartBundleOptions, DisplayOptions {}

/**
 * Displays a chart as ONE notebook output (see {@link chartBundle}). With a `displayId`, a later
 * call with the same id and `update: true` redraws that output in place (see `liveChart`).
 */
export async function showChart(spec: VegaLiteSpec, options: ShowChartOptions = {}): Promise<void> {
  checkObject('showChart', 'spec', spec, 'a Vega-Lite spec (an object), e.g. l5.lossCurve(losses)');
  const { svg, staticSpec, ...display } = options;
  displayBundle(await chartBundle(spec, { svg, staticSpec }), display);
}
