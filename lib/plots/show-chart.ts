/**
 * Shows a Vega-Lite chart in a notebook: interactive in JupyterLab, static SVG in handouts.
 */
import { checkObject } from '../errors/index.js';
import { DisplayOptions, displayBundle, MimeBundle, isHeadless } from '../notebook/index.js';
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
  // Headless (npm start, handouts): no one to move a slider; the handout shows staticSpec's SVG, and a
  // dead input above it would only confuse (Vega's own input, under the chart, remains for JupyterLab).
  const controls = display.update || isHeadless() ? undefined : withControlsAbove(spec);
  if (controls) displayBundle(controls.bundle);
  displayBundle(await chartBundle(controls?.spec ?? spec, { svg, staticSpec }), display);
}

type RangeBind = { input?: string; min?: number; max?: number; step?: number; name?: string; element?: string };
type Param = { name?: string; value?: unknown; bind?: RangeBind };
let controlCount = 0;

const isRange = (p: Param) => p.bind?.input === 'range' && p.bind.element === undefined;
const attribute = (v: unknown) => String(v).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/**
 * For a chart with sliders (params bound to range inputs, e.g. the histogram explorer's epoch):
 * an output to show before the chart holding the sliders, and the spec bound to them (Vega reads
 * and sets an input it did not make: `bind: { element }`). Above the chart, a slider sits next to
 * the top rows it moves; it tells JupyterLab to leave its keys alone (`data-lm-suppress-shortcuts`
 * on the input itself), or else the arrow keys move between cells and fold sections instead of
 * moving the slider; and it is wide enough for every step to be picked with the mouse.
 */
function withControlsAbove(spec: VegaLiteSpec): { spec: VegaLiteSpec; bundle: MimeBundle } | undefined {
  const params = Array.isArray(spec.params) ? (spec.params as Param[]) : [];
  if (!params.some(isRange)) return undefined;
  const prefix = `lista5-controle-${process.pid}-${Date.now().toString(36)}-${++controlCount}`;
  const inputs: string[] = [];
  const bound = params.map((p, i) => {
    if (!isRange(p)) return p;
    const { min = 0, max = 100, step = 1, name = p.name ?? '' } = p.bind!;
    const id = `${prefix}-${i}`;
    const value = typeof p.value === 'number' ? p.value : min;
    inputs.push(
      `<label style="display:flex;align-items:center;gap:8px;font:13px sans-serif;margin:4px 0">` +
        `<span>${attribute(name.trim())}</span>` +
        `<input type="range" id="${id}" min="${min}" max="${max}" step="${step}" value="${value}" ` +
        `aria-label="${attribute(name.trim())}" data-lm-suppress-shortcuts="true" ` +
        `style="width:min(${Math.max(560, Math.ceil((max - min) / step) + 40)}px,70vw)"></label>`,
    );
    return { ...p, bind: { element: `#${id}` } };
  });
  const names = params.filter(isRange).map((p) => (p.bind?.name ?? p.name ?? '').trim());
  return {
    spec: { ...spec, params: bound },
    bundle: {
      'text/html': `<div class="lista5-controles">${inputs.join('')}</div>`,
      'text/plain': `[controle do gráfico abaixo: ${names.join(', ')}]`,
    },
  };
}
