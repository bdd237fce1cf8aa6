/**
 * The executed lesson notebooks, for tests. Each notebook is executed once per test run, the way
 * `npm start` does (nbconvert + the tslab kernel): `scripts/test.mjs` executes them in the background
 * while the other suites run and names the folder in LISTA5_TEST_RUNS (its layout is owned by
 * scripts/notebook-runs.mjs, read here through its manifest); `executedNotebook` waits for the one
 * asked for. Run outside `npm test` (jest on one file), it executes the notebook itself, once per file.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { spawnSync } from 'node:child_process';
import { projectRoot, python, toolsEnv } from './python';

export interface NotebookOutput {
  output_type: string;
  text?: string | string[];
  data?: Record<string, unknown>;
}
export interface NotebookCell {
  cell_type: 'code' | 'markdown' | 'raw';
  source: string | string[];
  outputs?: NotebookOutput[];
  metadata: Record<string, unknown>;
}
export interface ExecutedNotebook {
  cells: NotebookCell[];
  /** The HTML handout. */
  html: string;
  /** Where the run wrote its files (executed notebook, handout, logs); read-only for the tests. */
  dir: string;
  /** The executed notebook file. */
  executedPath: string;
  /** The HTML handout file. */
  htmlPath: string;
  /** Its TensorBoard logs (the handout calls this folder "logs/"). */
  logDir: string;
  /** True when this test file executed it (then `releaseExecutedNotebook` removes it). */
  owned: boolean;
}

export const join = (text: string | string[] | undefined): string =>
  Array.isArray(text) ? text.join('') : (text ?? '');

/** Everything a code cell printed (stream outputs and text/plain displays). */
export function cellText(cell: NotebookCell): string {
  return (cell.outputs ?? [])
    .map((o) =>
      o.output_type === 'stream' ? join(o.text) : join(o.data?.['text/plain'] as string | string[] | undefined),
    )
    .join('\n');
}

/** What a code cell printed to stdout/stderr, in order. */
export function streamText(cell: NotebookCell): string {
  return (cell.outputs ?? []).map((o) => (o.output_type === 'stream' ? join(o.text) : '')).join('');
}

/** The first code cell whose source contains `fragment`; throws when there is none. */
export function findCell(nb: ExecutedNotebook, fragment: string): NotebookCell {
  const cell = nb.cells.find((c) => c.cell_type === 'code' && join(c.source).includes(fragment));
  if (!cell) throw new Error(`no code cell contains ${JSON.stringify(fragment)}`);
  return cell;
}

/** Removes the temporary folder of a notebook this file executed itself; the shared runs stay. */
export function releaseExecutedNotebook(nb: ExecutedNotebook | undefined): void {
  if (nb?.owned) fs.rmSync(nb.dir, { recursive: true, force: true });
}

/** Where one notebook's shared run is (scripts/notebook-runs.mjs writes it). */
interface RunEntry {
  dir: string;
  executed: string;
  html: string;
  logDir: string;
  log: string;
  result: string;
}

/** The test run's executed notebooks folder, when `scripts/test.mjs` started one. */
const runsFolder = (): string | undefined => process.env.LISTA5_TEST_RUNS || undefined;

/** Whether the full tier is running (`npm run test:full`): its suites may expect the student runs. */
export const fullTier = (): boolean => process.env.LISTA5_TEST_TIER === 'full';

const ownRuns = new Map<string, ExecutedNotebook>();

/**
 * The executed notebooks/<name>: the test run's shared execution (waited for, up to `giveUpMs`), or,
 * outside `npm test`, an execution of its own (once per test file). Throws with the failing cell's
 * report when the notebook failed.
 */
export async function executedNotebook(name: string, giveUpMs = 40 * 60_000): Promise<ExecutedNotebook> {
  const runs = runsFolder();
  const entry = runs
    ? (JSON.parse(fs.readFileSync(path.join(runs, 'manifest.json'), 'utf8')) as { notebooks: Record<string, RunEntry> })
        .notebooks[name]
    : undefined;
  if (!entry) {
    const own = ownRuns.get(name) ?? executeNotebook(name);
    ownRuns.set(name, own);
    return own;
  }
  const giveUpAt = Date.now() + giveUpMs;
  while (!fs.existsSync(entry.result)) {
    if (Date.now() > giveUpAt) throw new Error(`${name} did not finish executing within ${giveUpMs / 60_000} min`);
    await new Promise((r) => setTimeout(r, 500));
  }
  const result = JSON.parse(fs.readFileSync(entry.result, 'utf8')) as { status: number; error?: string };
  if (result.status !== 0) throw new Error(`executing ${name} failed:\n${result.error ?? ''}`);
  return readExecuted(entry.executed, entry.html, entry.logDir, entry.dir, false);
}

function readExecuted(executedPath: string, htmlPath: string, logDir: string, dir: string, owned: boolean) {
  const nb = JSON.parse(fs.readFileSync(executedPath, 'utf8')) as { cells: NotebookCell[] };
  const html = fs.readFileSync(htmlPath, 'utf8');
  return { cells: nb.cells, html, dir, executedPath, htmlPath, logDir, owned };
}

/**
 * Executes notebooks/<name> into a fresh temporary folder, with TensorBoard logs going there too
 * (LISTA5_LOGDIR). Throws with the failing cell's source and output when a cell fails.
 */
function executeNotebook(name: string): ExecutedNotebook {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lista5-nb-'));
  const stem = path.basename(name, '.ipynb');
  const executed = path.join(dir, `${stem}.ipynb`);
  const html = path.join(dir, `${stem}.html`);
  const r = spawnSync(
    python,
    [
      path.join(projectRoot, 'python', 'run_notebook.py'),
      path.join(projectRoot, 'notebooks', name),
      '--executed',
      executed,
      '--html',
      html,
    ],
    {
      cwd: projectRoot,
      encoding: 'utf8',
      timeout: 30 * 60_000,
      maxBuffer: 64 * 1024 * 1024,
      // As npm start names it: logs/<notebook>.
      env: toolsEnv({
        LISTA5_LOGDIR: path.join(dir, 'logs'),
        LISTA5_LOGDIR_SHOWN: `logs/${path.basename(name, '.ipynb')}`,
      }),
    },
  );
  if (r.error) throw r.error;
  if (r.status !== 0) throw new Error(`executing ${name} failed:\n${r.stderr}`);
  return readExecuted(executed, html, path.join(dir, 'logs'), dir, true);
}
