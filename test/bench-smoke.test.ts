/**
 * Smoke test of `npm run bench` (bench/run.mjs): the TypeScript side on a tiny configuration, no Keras
 * (no Python, no TensorFlow), no timing claims. Checks that the report has the table with every row,
 * the memory table and the scaling table, on stdout and in the --out file.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const root = path.resolve(__dirname, '..');
const ROW_LABELS = [
  'exploding (Dense(1), SGD 0.01)',
  'clipped (clipvalue 1)',
  'modelo_raso',
  'modelo_fundo',
  'modelo_fundo + TensorBoard & gradients',
  'modelo_xavier',
  'modelo_xavier + TensorBoard & gradients',
];

/** The first Markdown table after `heading`: its rows as `{ column header: cell }`. */
function tableAfter(markdown: string, heading: string): Record<string, string>[] {
  const lines = markdown.split('\n');
  const start = lines.findIndex((l) => l.startsWith(heading));
  expect(start).toBeGreaterThanOrEqual(0);
  const rows: string[][] = [];
  let i = start + 1;
  while (i < lines.length && !lines[i].startsWith('|')) i++;
  for (; i < lines.length && lines[i].startsWith('|'); i++) {
    rows.push(
      lines[i]
        .split('|')
        .slice(1, -1)
        .map((c) => c.trim()),
    );
  }
  const [header] = rows;
  return rows.slice(2).map((cells) => Object.fromEntries(header.map((h, j) => [h, cells[j]])));
}

describe('npm run bench (TypeScript side, tiny configuration)', () => {
  const builtLib = path.join(root, 'lib', 'dist', 'index.js');
  let stdout = '';
  let stderr = '';
  let status: number | null = null;
  let fileText = '';
  let dir = '';

  beforeAll(() => {
    if (!fs.existsSync(builtLib)) throw new Error('lib/dist is missing: run "npm run build" first');
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-smoke-'));
    const out = path.join(dir, 'latest.md');
    const r = spawnSync(
      process.execPath,
      [
        path.join(root, 'bench', 'run.mjs'),
        '--epochs',
        '3',
        '--reps',
        '1',
        '--no-keras',
        '--scaling-epochs',
        '2,3',
        '--scaling-sizes',
        '50:2,100:2',
        '--out',
        out,
      ],
      { cwd: root, encoding: 'utf8', timeout: 180_000, env: { ...process.env, PATH: process.env.PATH ?? '' } },
    );
    stdout = r.stdout;
    stderr = r.stderr;
    status = r.status;
    fileText = fs.existsSync(out) ? fs.readFileSync(out, 'utf8') : '';
  }, 200_000);

  afterAll(() => {
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('exits 0 and writes the same report to stdout and to --out', () => {
    if (status !== 0) throw new Error(`bench/run.mjs exited with ${status}:\n${stderr}`);
    expect(stdout).toContain('# Lista 5 benchmark');
    expect(fileText).toBe(stdout);
    expect(fs.existsSync(path.join(dir, 'latest.jsonl'))).toBe(true);
  });

  it('prints the fit-time table with every row, timed on the TypeScript side, Keras skipped', () => {
    const rows = tableAfter(stdout, '## Fit time and accuracy');
    expect(rows.map((r) => r.row)).toEqual(ROW_LABELS);
    for (const r of rows) {
      // The logging rows need l5.TensorBoardCallback; without it they say so.
      if (r['TS fit s'] === 'n/a (not built)') {
        expect(r.row).toContain('TensorBoard');
        continue;
      }
      expect(r.epochs).toBe('3');
      expect(Number(r['TS fit s'])).toBeGreaterThan(0);
      expect(Number(r['TS CPU s'])).toBeGreaterThan(0);
      expect(r['Keras fit s']).toBe('skipped');
      if (r.row.startsWith('modelo_')) {
        // Accuracies of the classifiers are numbers in [0, 1].
        for (const column of ['TS train acc', 'TS test acc']) {
          expect(Number(r[column])).toBeGreaterThanOrEqual(0);
          expect(Number(r[column])).toBeLessThanOrEqual(1);
        }
      }
    }
  });

  it('reports peak memory and the scaling series', () => {
    const memory = tableAfter(stdout, '## Peak memory');
    expect(memory.map((r) => r.row)).toEqual(expect.arrayContaining(['modelo_raso', 'modelo_fundo', 'modelo_xavier']));
    for (const r of memory) expect(Number(r['max RSS MB (resourceUsage)'])).toBeGreaterThan(10);
    const scaling = tableAfter(stdout, "## How modelo_xavier's fit time grows");
    expect(scaling.map((r) => `${r.series} ${r['training points']} ${r.epochs}`)).toEqual([
      'vs epochs 500 2',
      'vs epochs 500 3',
      'vs data size 50 2',
      'vs data size 100 2',
    ]);
    for (const r of scaling) expect(Number(r['ms / epoch'])).toBeGreaterThan(0);
  });
});
