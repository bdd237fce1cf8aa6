/**
 * The tslab kernel delivers every message of a burst of output (patches/tslab+1.0.22.patch).
 *
 * Unpatched, tslab 1.0.22 with zeromq 6 lost messages: zeromq defers every 513th send on a socket,
 * and a send that comes while that one is pending throws EBUSY. Lines of output vanished (console
 * swallows the error), a display threw into the cell, which then failed with no error text, and a
 * lost "idle" status left JupyterLab showing [*] forever. IOPub's high-water mark (1000 queued
 * messages) dropped more. Measured with the unpatched kernel on this notebook: the first cell kept
 * 504 of its 1200 lines, the second failed after 256 lines and 256 displays, the third never ran.
 * This runs it through the real kernel and Jupyter's own client (nbclient), as `npm start` does.
 * Output printed once the kernel has shut down (a timer's) has nowhere to go: the patch drops it
 * without a message on the terminal.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { join, streamText, type NotebookCell } from './helpers/notebooks';
import { projectRoot, python, toolsEnv } from './helpers/python';

const LINES = 1200;
const SOURCES = [
  `for (let i = 0; i < ${LINES}; i++) console.log(i);`,
  [
    'import * as tslab from "tslab";',
    `for (let i = 0; i < ${LINES}; i++) {`,
    '  console.log(i);',
    '  tslab.display.html(`<b>${i}</b>`);',
    '}',
  ].join('\n'),
  'console.log("depois");',
  // Prints after the run, while the kernel shuts down: nothing to show, and nothing to complain about.
  'setTimeout(() => console.log("tarde demais"), 500);',
];

let tmp: string;
let cells: NotebookCell[];
let run: ReturnType<typeof spawnSync>;

beforeAll(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'lista5-bursts-'));
  const notebook = path.join(tmp, 'rajadas.ipynb');
  fs.writeFileSync(
    notebook,
    JSON.stringify({
      cells: SOURCES.map((source, i) => ({
        id: `c${i}`,
        cell_type: 'code',
        source,
        metadata: {},
        outputs: [],
        execution_count: null,
      })),
      metadata: { kernelspec: { name: 'tslab', display_name: 'TypeScript', language: 'typescript' } },
      nbformat: 4,
      nbformat_minor: 5,
    }),
  );
  const executed = path.join(tmp, 'executada.ipynb');
  run = spawnSync(python, [path.join(projectRoot, 'python', 'run_notebook.py'), notebook, '--executed', executed], {
    encoding: 'utf8',
    timeout: 300_000,
    maxBuffer: 64 * 1024 * 1024,
    env: toolsEnv(),
  });
  cells = fs.existsSync(executed)
    ? (JSON.parse(fs.readFileSync(executed, 'utf8')) as { cells: NotebookCell[] }).cells
    : [];
}, 300_000);

afterAll(() => {
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

const numbers = (n: number) => Array.from({ length: n }, (_, i) => `${i}\n`).join('');

test('every cell runs, with no error', () => {
  expect(run.error).toBeUndefined();
  expect(run.status === 0 ? '' : String(run.stderr)).toBe('');
  expect(cells).toHaveLength(SOURCES.length);
});

test(`${LINES} console.log lines in a tight loop all arrive, in order`, () => {
  expect(streamText(cells[0])).toBe(numbers(LINES));
});

test(`${LINES} lines interleaved with ${LINES} HTML displays all arrive, in order`, () => {
  const outputs = cells[1].outputs ?? [];
  expect(outputs).toHaveLength(2 * LINES);
  outputs.forEach((output, k) => {
    const i = Math.floor(k / 2);
    if (k % 2 === 0) expect([output.output_type, join(output.text)]).toEqual(['stream', `${i}\n`]);
    else
      expect([output.output_type, join(output.data?.['text/html'] as string)]).toEqual(['display_data', `<b>${i}</b>`]);
  });
});

test('the next cell runs after the bursts', () => {
  expect(streamText(cells[2])).toBe('depois\n');
});

test('output that comes after the kernel shut down is dropped quietly', () => {
  expect(String(run.stderr)).not.toContain('could not be sent');
});
