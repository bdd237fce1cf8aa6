/**
 * Runs a lesson notebook the way `npm start` does (nbconvert + the tslab kernel) and reads back
 * what it produced, for tests.
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
  /** Where the run wrote its files (executed notebook, handout, logs). */
  dir: string;
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

/** Removes the temporary folder of an executed notebook (its handout and logs). */
export function removeExecutedNotebook(nb: ExecutedNotebook | undefined): void {
  if (nb) fs.rmSync(nb.dir, { recursive: true, force: true });
}

/**
 * Executes notebooks/<name> into a fresh temporary folder, with TensorBoard logs going there too
 * (LISTA5_LOGDIR). Throws with the failing cell's source and output when a cell fails.
 */
export function executeNotebook(name: string): ExecutedNotebook {
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
      env: toolsEnv({ LISTA5_LOGDIR: path.join(dir, 'logs'), LISTA5_LOGDIR_SHOWN: 'logs' }),
    },
  );
  if (r.error) throw r.error;
  if (r.status !== 0) throw new Error(`executing ${name} failed:\n${r.stderr}`);
  const nb = JSON.parse(fs.readFileSync(executed, 'utf8')) as { cells: NotebookCell[] };
  return { cells: nb.cells, html: fs.readFileSync(html, 'utf8'), dir };
}
