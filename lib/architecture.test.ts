/**
 * The layout of lib/ is part of the design (see lib/index.ts): one folder per idea, and each folder
 * imports only from the folders below it in LAYERS. These tests keep it so.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

/** Lowest first. A folder may import from the folders before it, never from those after it. */
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

const folderOf = (file: string) => path.relative(libDir, file).split(path.sep)[0];
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
      const source = fs.readFileSync(file, 'utf8');
      for (const m of source.matchAll(/from\s+['"](\.{1,2}\/[^'"]+)['"]/g)) {
        const target = path.resolve(path.dirname(file), m[1]);
        const to = LAYERS.indexOf(folderOf(target));
        if (to < 0 || to > from) violations.push(`${path.relative(libDir, file)} imports ${m[1]}`);
      }
    }
    expect(violations).toEqual([]);
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
