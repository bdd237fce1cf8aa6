/**
 * The tslab kernel says it is busy from the start of each request to its end, as Jupyter's protocol
 * asks (patches/tslab+1.0.22.patch). Unpatched, tslab 1.0.22 started handling every request the moment
 * it arrived: during a Run All it published "busy" for all queued cells at once and "idle" after the
 * first one finished, so JupyterLab showed "Idle" while the next cells were still training.
 *
 * This queues five cells at once through Jupyter's own client (jupyter_client), as JupyterLab's Run All
 * does, and reads the kernel's status messages (test/fixtures/kernel_status_run_all.py).
 */
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { projectRoot, python, toolsEnv } from './helpers/python';

interface Message {
  sent?: string[];
  channel?: 'iopub' | 'shell';
  type?: string;
  parent?: string;
  state?: string;
  status?: string;
  text?: string;
}

let sent: string[] = [];
let iopub: Message[] = [];
let replies: Message[] = [];
let run: ReturnType<typeof spawnSync>;

beforeAll(() => {
  run = spawnSync(python, [path.join(projectRoot, 'test', 'fixtures', 'kernel_status_run_all.py')], {
    encoding: 'utf8',
    timeout: 240_000,
    env: toolsEnv(),
  });
  const messages = String(run.stdout)
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as Message);
  sent = messages.find((m) => m.sent)?.sent ?? [];
  // Only the messages about our requests (not the start-up's kernel_info).
  iopub = messages.filter((m) => m.channel === 'iopub' && sent.includes(m.parent ?? ''));
  replies = messages.filter((m) => m.channel === 'shell');
}, 240_000);

test('the client ran and every queued request got its reply', () => {
  expect(run.error).toBeUndefined();
  expect(run.status === 0 ? '' : String(run.stderr)).toBe('');
  expect(sent).toHaveLength(5);
  expect(replies.map((r) => [sent.indexOf(r.parent ?? ''), r.status])).toEqual([
    [0, 'ok'],
    [1, 'ok'],
    [2, 'ok'],
    [3, 'error'],
    [4, 'abort'],
  ]);
});

test('busy when a request starts, idle when it ends, one request after the other', () => {
  const statuses = iopub.filter((m) => m.type === 'status').map((m) => `${sent.indexOf(m.parent ?? '')} ${m.state}`);
  expect(statuses).toEqual(sent.flatMap((_, i) => [`${i} busy`, `${i} idle`]));
});

test("each cell's output comes while the kernel is busy with that cell", () => {
  const streams = iopub.filter((m) => m.type === 'stream');
  expect(streams.map((m) => m.text)).toEqual(['um\n', 'dois\n', 'tres\n', expect.stringContaining('falhou')]);
  for (const stream of streams) {
    const at = iopub.indexOf(stream);
    const before = iopub.slice(0, at).filter((m) => m.type === 'status');
    // The last status before the output is this cell's busy: no idle in between, no other cell's status.
    expect(before[before.length - 1]).toMatchObject({ parent: stream.parent, state: 'busy' });
  }
});
