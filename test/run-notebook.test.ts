/**
 * python/run_notebook.py, the headless runner behind `npm start`, when the kernel does not start:
 * one clear message saying what to try, not a Python traceback. A fake "tslab" kernel that never
 * answers (registered in a temporary Jupyter folder) stands in for a cold start that takes too long.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { projectRoot, python, toolsEnv } from './helpers/python';

let tmp: string;

beforeAll(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'lista5-runner-'));
});

afterAll(() => {
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

test('a kernel that does not start in time gets one message with what to try', () => {
  const kernelDir = path.join(tmp, 'jupyter', 'kernels', 'tslab');
  fs.mkdirSync(kernelDir, { recursive: true });
  fs.writeFileSync(
    path.join(kernelDir, 'kernel.json'),
    JSON.stringify({
      argv: [python, '-c', 'import signal, time; signal.signal(signal.SIGINT, signal.SIG_IGN); time.sleep(120)'],
      display_name: 'never',
      language: 'typescript',
    }),
  );
  const notebook = path.join(tmp, 'um.ipynb');
  fs.writeFileSync(
    notebook,
    JSON.stringify({
      cells: [{ id: 'um', cell_type: 'code', source: '1 + 1', metadata: {}, outputs: [], execution_count: null }],
      metadata: { kernelspec: { name: 'tslab', display_name: 'TypeScript', language: 'typescript' } },
      nbformat: 4,
      nbformat_minor: 5,
    }),
  );
  const r = spawnSync(
    python,
    [path.join(projectRoot, 'python', 'run_notebook.py'), notebook, '--executed', path.join(tmp, 'out.ipynb')],
    {
      encoding: 'utf8',
      timeout: 120_000,
      env: toolsEnv({ JUPYTER_PATH: path.join(tmp, 'jupyter'), LISTA5_KERNEL_STARTUP_TIMEOUT: '3' }),
    },
  );
  expect(r.status).toBe(1);
  expect(r.stderr).toContain('The TypeScript kernel (tslab) did not start');
  expect(r.stderr).toContain('LISTA5_KERNEL_STARTUP_TIMEOUT=6 npm start');
  expect(r.stderr).not.toContain('Traceback');
}, 120_000);
