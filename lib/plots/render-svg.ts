/**
 * Renders a Vega-Lite spec to a static SVG string, in Node, with no browser and no network.
 *
 * vega and vega-lite 6 are ES modules with top-level await: they cannot be `require`d, so they
 * are loaded with `import()` here (this file is compiled with module `node16`, which keeps
 * `import()` as is). Notebook cells cannot use `import()` themselves; they call this function.
 */
import type { VegaLiteSpec } from './vega-lite-spec.js';
import { checkObject } from '../errors/index.js';

type VegaModule = typeof import('vega', { with: { 'resolution-mode': 'import' } });
type VegaLiteModule = typeof import('vega-lite', { with: { 'resolution-mode': 'import' } });

/** A plain `import()`: module node16 keeps it as is, in the build and in ts-jest (which uses the same tsconfig). */
const importEsm = (specifier: string): Promise<unknown> => import(specifier);

let modules: Promise<[VegaModule, VegaLiteModule]> | undefined;

function loadVega(): Promise<[VegaModule, VegaLiteModule]> {
  // One after the other: jest's ES module loader fails on two concurrent imports of shared files.
  modules ??= (async () => {
    const vega = (await importEsm('vega')) as VegaModule;
    const vegaLite = (await importEsm('vega-lite')) as VegaLiteModule;
    return [vega, vegaLite] as [VegaModule, VegaLiteModule];
  })();
  return modules;
}

/**
 * The Vega spec Vega-Lite compiles `spec` to (what JupyterLab draws; tests draw it in a browser).
 * @throws an error carrying Vega-Lite's message when the spec cannot be compiled.
 */
export async function compileToVega(spec: VegaLiteSpec): Promise<unknown> {
  checkObject('compileToVega', 'spec', spec, 'a Vega-Lite spec (an object)');
  const [, vegaLite] = await loadVega();
  try {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    return vegaLite.compile(spec as any).spec;
  } catch (error) {
    throw new Error(`compileToVega: Vega-Lite could not compile the chart spec: ${(error as Error).message}`, {
      cause: error,
    });
  }
}

/**
 * Compiles `spec` with Vega-Lite and renders it with Vega's SVG renderer.
 * @throws an error carrying Vega-Lite's message when the spec cannot be compiled.
 */
export async function renderSvg(spec: VegaLiteSpec): Promise<string> {
  checkObject('renderSvg', 'spec', spec, 'a Vega-Lite spec (an object)');
  const [vega, vegaLite] = await loadVega();
  let compiled;
  try {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    compiled = vegaLite.compile(spec as any).spec;
  } catch (error) {
    throw new Error(`renderSvg: Vega-Lite could not compile the chart spec: ${(error as Error).message}`, {
      cause: error,
    });
  }
  const view = new vega.View(vega.parse(compiled), { renderer: 'none', logLevel: vega.Warn });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}
