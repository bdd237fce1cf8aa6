/**
 * The layout of lib/ is part of the design (see lib/index.ts): one folder per idea, in layers; a
 * folder imports only from lower layers (earlier in LAYERS), only the folders its index.ts lists on
 * its `May import:` line, and only through their front doors (`index.ts`, or `internal.ts` for what
 * other folders use beyond the public API). These tests keep it so.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

/** Lowest layer first: a folder may import from folders earlier in the list, never from later ones. */
const LAYERS = [
  'errors',
  'platform',
  'data',
  'backend',
  'notebook',
  'tensorboard',
  'recurrent',
  'training',
  'gradients',
  'plots',
  'callbacks',
  'lesson',
];

const libDir = __dirname;

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return e.name === 'dist' || e.name === 'node_modules' ? [] : sourceFiles(p);
    return e.name.endsWith('.ts') && !e.name.endsWith('.test.ts') && !e.name.endsWith('.d.ts') ? [p] : [];
  });
}

/** The unit tests beside the modules (they may reach into any file, but not up the layers). */
function testFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return e.name === 'dist' || e.name === 'node_modules' ? [] : testFiles(p);
    return e.name.endsWith('.test.ts') ? [p] : [];
  });
}

const folderOf = (file: string) => path.relative(libDir, file).split(path.sep)[0];
const doors = new Set(['index.ts', 'internal.ts']);

/** The modules a source file imports or re-exports from (relative paths, resolved to `.ts` files). */
function importsOf(file: string): { spec: string; target: string }[] {
  const source = fs.readFileSync(file, 'utf8');
  return [...source.matchAll(/from\s+['"](\.{1,2}\/[^'"]+)['"]/g)].map((m) => ({
    spec: m[1],
    target: path.resolve(path.dirname(file), m[1]).replace(/\.js$/, '.ts'),
  }));
}

/** The folders named on the `May import:` line of a folder's index.ts (up to its first period). */
function declaredImports(folder: string): string[] | undefined {
  const index = fs.readFileSync(path.join(libDir, folder, 'index.ts'), 'utf8');
  const comment = (/^\s*\/\*\*([\s\S]*?)\*\//.exec(index)?.[1] ?? '').replace(/\n\s*\* ?/g, ' ');
  const line = /May import: ([^.]*)\./.exec(comment)?.[1];
  if (line === undefined) return undefined;
  return line.startsWith('nothing') ? [] : line.split(',').map((entry) => entry.trim().split(/\s/)[0]);
}
const lineCount = (file: string) => fs.readFileSync(file, 'utf8').split('\n').length;
const files = sourceFiles(libDir).filter((f) => path.dirname(f) !== libDir);

describe('lib/ layout', () => {
  it('has exactly the folders lib/index.ts describes', () => {
    const folders = fs
      .readdirSync(libDir, { withFileTypes: true })
      .filter((e) => e.isDirectory() && e.name !== 'dist' && e.name !== 'node_modules')
      .map((e) => e.name);
    expect(folders.sort()).toEqual([...LAYERS].sort());
    const index = fs.readFileSync(path.join(libDir, 'index.ts'), 'utf8');
    for (const folder of LAYERS) expect(index).toContain(`\`${folder}/\``);
  });

  it.each(LAYERS)('%s/ has an index.ts that starts with a comment saying what it is for', (folder) => {
    const index = fs.readFileSync(path.join(libDir, folder, 'index.ts'), 'utf8');
    expect(index.trimStart().startsWith('/**')).toBe(true);
  });

  it('imports only from lower layers', () => {
    const violations: string[] = [];
    for (const file of files) {
      const from = LAYERS.indexOf(folderOf(file));
      for (const { spec, target } of importsOf(file)) {
        const to = LAYERS.indexOf(folderOf(target));
        if (to < 0 || to > from) violations.push(`${path.relative(libDir, file)} imports ${spec}`);
      }
    }
    expect(violations).toEqual([]);
  });

  it("unit tests import only from their own folder's layer and lower ones (the lesson's trainings are tested in lesson/)", () => {
    const violations: string[] = [];
    for (const file of testFiles(libDir).filter((f) => path.dirname(f) !== libDir)) {
      const from = LAYERS.indexOf(folderOf(file));
      for (const { spec, target } of importsOf(file)) {
        if (LAYERS.indexOf(folderOf(target)) > from) violations.push(`${path.relative(libDir, file)} imports ${spec}`);
      }
    }
    expect(violations).toEqual([]);
  });

  it('reaches another folder only through its front door (index.ts or internal.ts)', () => {
    const violations = files.flatMap((file) =>
      importsOf(file)
        .filter(({ target }) => folderOf(target) !== folderOf(file))
        .filter(({ target }) => !(doors.has(path.basename(target)) && path.dirname(path.dirname(target)) === libDir))
        .map(({ spec }) => `${path.relative(libDir, file)} imports ${spec}`),
    );
    expect(violations).toEqual([]);
  });

  it.each(LAYERS)("%s/ imports exactly the folders its index.ts's 'May import:' line lists", (folder) => {
    const declared = declaredImports(folder);
    expect(declared).toBeDefined();
    const lower = LAYERS.slice(0, LAYERS.indexOf(folder));
    expect(declared!.filter((d) => !lower.includes(d))).toEqual([]);
    const used = new Set(
      files
        .filter((f) => folderOf(f) === folder)
        .flatMap((f) => importsOf(f).map(({ target }) => folderOf(target)))
        .filter((to) => to !== folder),
    );
    expect([...used].sort()).toEqual([...declared!].sort());
  });

  it('has no import circle between modules', () => {
    const graph = new Map(files.map((f) => [f, importsOf(f).map(({ target }) => target)]));
    const state = new Map<string, 'open' | 'done'>();
    const circles: string[] = [];
    const visit = (file: string, trail: string[]): void => {
      if (state.get(file) === 'done') return;
      if (state.get(file) === 'open') {
        const loop = [...trail.slice(trail.indexOf(file)), file];
        circles.push(loop.map((f) => path.relative(libDir, f)).join(' -> '));
        return;
      }
      state.set(file, 'open');
      for (const next of graph.get(file) ?? []) visit(next, [...trail, file]);
      state.set(file, 'done');
    };
    for (const file of graph.keys()) visit(file, []);
    expect(circles).toEqual([]);
  });

  it('keeps modules near 300 lines and no folder above a third of the library', () => {
    const long = files.filter((f) => lineCount(f) > 330).map((f) => `${path.relative(libDir, f)}: ${lineCount(f)}`);
    expect(long).toEqual([]);
    const total = files.reduce((n, f) => n + lineCount(f), 0);
    const byFolder = new Map<string, number>();
    for (const f of files) byFolder.set(folderOf(f), (byFolder.get(folderOf(f)) ?? 0) + lineCount(f));
    const heavy = [...byFolder]
      .filter(([, n]) => n / total > 1 / 3)
      .map(([folder, n]) => `${folder}: ${((100 * n) / total).toFixed(0)}%`);
    expect(heavy).toEqual([]);
  });
});
