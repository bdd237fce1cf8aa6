/** What the benchmark scripts share: the project root, `--name value` options, the built library. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** The value after `--name` in argv (a number when `fallback` is one), or `fallback` when absent. */
export function option(name, fallback, argv = process.argv) {
  const i = argv.indexOf(`--${name}`);
  if (i < 0) return fallback;
  const v = argv[i + 1];
  if (v === undefined) throw new Error(`--${name} needs a value`);
  return typeof fallback === 'number' ? Number(v) : v;
}

/** The usage text of a script: its opening doc comment, without the comment's marks (for `--help`). */
export function usage(scriptUrl) {
  return fs
    .readFileSync(fileURLToPath(scriptUrl), 'utf8')
    .split('*/')[0]
    .replace(/^#!.*\n\/\*\*\n/, '')
    .replace(/^ \* ?/gm, '');
}

/** Requires a module of the compiled library (`lib/dist/<subpath>`), or exits saying to build it. */
export function requireDist(subpath = 'index.js', entry = path.join(root, 'lib', 'dist', subpath)) {
  if (!fs.existsSync(entry)) {
    console.error(`${entry} is missing: build the library first (npm run build).`);
    process.exit(1);
  }
  return createRequire(import.meta.url)(entry);
}
