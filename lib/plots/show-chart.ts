/**
 * Shows a Vega-Lite chart in a notebook: interactive in JupyterLab, static SVG in handouts.
 */
import { displayBundle, MimeBundle } from '../notebook/display.js';
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

/**
 * The MIME bundle of a chart: the Vega-Lite spec (JupyterLab draws it interactively), its SVG
 * rendering (nbconvert handouts, offline) and a one-line text fallback.
 */
export async function chartBundle(spec: VegaLiteSpec): Promise<MimeBundle> {
  checkObject('chartBundle', 'spec', spec, 'a Vega-Lite spec (an object)');
  const withSchema: VegaLiteSpec = { $schema: VEGA_LITE_SCHEMA, ...spec };
  return {
    [VEGA_LITE_MIME]: withSchema,
    'image/svg+xml': await renderSvg(withSchema),
    'text/plain': `[Gráfico: ${titleOf(spec)}]`,
  };
}

/** Displays a chart as ONE notebook output (see {@link chartBundle}). */
export async function showChart(spec: VegaLiteSpec): Promise<void> {
  checkObject('showChart', 'spec', spec, 'a Vega-Lite spec (an object), e.g. l5.lossCurve(losses)');
  displayBundle(await chartBundle(spec));
}
