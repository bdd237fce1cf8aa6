/**
 * Shows a Vega-Lite chart in a notebook: interactive in JupyterLab, static SVG in handouts.
 */
import { DisplayOptions, displayBundle, MimeBundle } from '../notebook/display.js';
import { renderSvg } from './render-svg.js';
import { VEGA_LITE_MIME, VEGA_LITE_SCHEMA, VegaLiteSpec } from './vega-lite-spec.js';
import { checkObject } from '../errors/index.js';

function titleOf(spec: VegaLiteSpec): string {
  const title = spec.title;
  if (typeof title === 'string') return title;
  if (title && typeof title === 'object' && typeof (title as { text?: unknown }).text === 'string') {
    return (title as { text: string }).text;
  }
  return 'gráfico';
}

/** Options of {@link chartBundle}. */
export interface ChartBundleOptions {
  /**
   * Include the SVG rendering (default true). Leave it out for the intermediate frames of a live
   * chart: JupyterLab draws the Vega-Lite spec itself, and rendering the SVG costs time.
   */
  svg?: boolean;
}

/**
 * The MIME bundle of a chart: the Vega-Lite spec (JupyterLab draws it interactively), its SVG
 * rendering (nbconvert handouts, offline) and a one-line text fallback.
 */
export async function chartBundle(spec: VegaLiteSpec, options: ChartBundleOptions = {}): Promise<MimeBundle> {
  checkObject('chartBundle', 'spec', spec, 'a Vega-Lite spec (an object)');
  const withSchema: VegaLiteSpec = { $schema: VEGA_LITE_SCHEMA, ...spec };
  return {
    [VEGA_LITE_MIME]: withSchema,
    ...(options.svg === false ? {} : { 'image/svg+xml': await renderSvg(withSchema) }),
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
  const { svg, ...display } = options;
  displayBundle(await chartBundle(spec, { svg }), display);
}
