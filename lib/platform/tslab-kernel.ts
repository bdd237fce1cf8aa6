/**
 * The Jupyter kernel specs (kernel.json) for the project's own tslab, written without `tslab install`.
 *
 * `tslab install --binary X` writes `argv: [X, "kernel", "--config-path", "{connection_file}"]`
 * (tslab 1.0.22, python/install.py), and Jupyter starts `X` with Python's `Popen`, no shell. On
 * Windows the only runnable `X` under node_modules/.bin is the `tslab.cmd` batch shim (the bare
 * `tslab` there is a sh script): it runs under cmd.exe, and stopping the kernel stops cmd.exe, not
 * node. Starting node itself on tslab's bin script avoids the shim on every OS and does not depend
 * on PATH: `[<node>, <node_modules/tslab/bin/tslab>, "kernel", "--config-path", "{connection_file}"]`.
 */
import { pathApi } from './os-paths.js';
import { InvalidParameterError } from '../errors/index.js';

/** A Jupyter kernel spec, the content of kernel.json. */
export interface KernelSpec {
  argv: string[];
  display_name: string;
  language: string;
}

/** What the kernel spec needs: absolute paths on the target platform. */
export interface TslabKernelOptions {
  /** The OS Jupyter runs on (default: this one). */
  platform?: NodeJS.Platform;
  /** The Node.js executable, absolute (scripts pass `process.execPath`). */
  nodePath: string;
  /** tslab's bin script, absolute: `<project>/node_modules/tslab/bin/tslab` (plain JavaScript). */
  tslabScript: string;
  /** The JavaScript kernel ("jslab", `--js`) instead of the TypeScript one. */
  js?: boolean;
}

/**
 * The kernel.json content for tslab (or jslab with `js`), with the same names and arguments as
 * `tslab install` writes, but started as `node <tslab bin script>`.
 *
 * @throws Error when `nodePath` or `tslabScript` is not an absolute path of `platform`
 */
export function tslabKernelSpec(options: TslabKernelOptions): KernelSpec {
  const p = pathApi(options.platform ?? process.platform);
  const absolute = (what: string, value: string): string => {
    if (!p.isAbsolute(value))
      throw new InvalidParameterError('tslabKernelSpec', what, `must be an absolute path, got "${value}"`);
    return p.normalize(value);
  };
  // config-path and {connection_file} are two arguments on purpose (tslab issue #36).
  const argv = [
    absolute('nodePath', options.nodePath),
    absolute('tslabScript', options.tslabScript),
    'kernel',
    '--config-path',
    '{connection_file}',
  ];
  if (options.js) argv.push('--js');
  return options.js
    ? { argv, display_name: 'JavaScript', language: 'javascript' }
    : { argv, display_name: 'TypeScript', language: 'typescript' };
}

/**
 * Where kernel.json goes for a kernel installed with `--sys-prefix` into the venv whose Jupyter
 * data folder is `jupyterData` (see `venvLayout(...).jupyterData`): `<jupyterData>/kernels/<name>/kernel.json`.
 */
export function kernelJsonPath(jupyterData: string, name: 'tslab' | 'jslab', platform?: NodeJS.Platform): string {
  const p = pathApi(platform ?? process.platform);
  return p.join(jupyterData, 'kernels', name, 'kernel.json');
}

/** Both files `tslab install --sys-prefix` makes, as `[path, JSON text]`, ready for `fs.writeFileSync`. */
export function tslabKernelFiles(
  jupyterData: string,
  options: Omit<TslabKernelOptions, 'js'>,
): Array<[path: string, json: string]> {
  return (['tslab', 'jslab'] as const).map((name) => [
    kernelJsonPath(jupyterData, name, options.platform),
    `${JSON.stringify(tslabKernelSpec({ ...options, js: name === 'jslab' }), null, 2)}\n`,
  ]);
}
