/**
 * startTensorBoard / stopTensorBoard with the project's real TensorBoard (.venv): it starts on
 * 127.0.0.1, answers over HTTP, shows a link and an iframe, is reused for the same folder, frees its
 * port when stopped, and dies with the process that started it, even one killed with SIGKILL.
 */
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { spawn } from 'node:child_process';
import { DisplayOptions, MimeBundle, setDisplaySink } from '../lib/notebook/display.js';
import { SummaryWriter } from '../lib/tensorboard/summary-writer.js';
import {
  runningTensorBoards,
  startTensorBoard,
  stopTensorBoard,
  TensorBoardHandle,
} from '../lib/tensorboard/tensorboard-server.js';
import { projectRoot } from './helpers/python.js';

const logDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tb-server-test-'));
const shown: MimeBundle[] = [];
const shownOptions: DisplayOptions[] = [];
let restore: () => void;

beforeAll(() => {
  restore = setDisplaySink((bundle, options) => {
    shown.push(bundle);
    shownOptions.push(options);
  });
  const w = new SummaryWriter(path.join(logDir, 'modelo_fundo', 'train'));
  w.scalar('epoch_loss', 0.69, 0);
  w.close();
});

afterAll(async () => {
  await stopTensorBoard();
  restore();
  fs.rmSync(logDir, { recursive: true, force: true });
}, 60_000);

/** Whether something accepts connections on 127.0.0.1:port. */
function listening(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Polls `condition` every 200 ms; a guard against hanging, not a performance limit. */
async function eventually(condition: () => Promise<boolean> | boolean, what: string, limitMs = 60_000): Promise<void> {
  const giveUpAt = Date.now() + limitMs;
  while (!(await condition())) {
    if (Date.now() > giveUpAt) throw new Error(`gave up waiting until ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

describe('startTensorBoard', () => {
  let first: TensorBoardHandle;

  test('starts TensorBoard on 127.0.0.1 and a free port, answering /data/runs with JSON', async () => {
    // Two calls at once start one TensorBoard.
    const both = await Promise.all([startTensorBoard({ logDir }), startTensorBoard({ logDir, display: false })]);
    first = both[0];
    expect(both[1]).toMatchObject({ url: first.url, pid: first.pid, reused: true });
    expect(first.url).toBe(`http://127.0.0.1:${first.port}/`);
    expect(first.logDir).toBe(logDir);
    expect(first.reused).toBe(false);
    const res = await fetch(`${first.url}data/runs`);
    expect(res.headers.get('content-type')).toMatch(/json/);
    expect(await res.json()).toEqual(['modelo_fundo/train']);
    expect(runningTensorBoards()).toEqual(new Map([[logDir, first.url]]));
  }, 180_000);

  test('says it is starting, then shows a link and the dashboard in its place (HTML with a text fallback)', () => {
    expect(shown).toHaveLength(2);
    expect(shown[0]['text/plain']).toBe(`Iniciando o TensorBoard sobre ${logDir}…`);
    expect(shownOptions[0].displayId).toEqual(expect.any(String));
    expect(shownOptions[1]).toEqual({ displayId: shownOptions[0].displayId, update: true });
    const html = shown[1]['text/html'] as string;
    expect(html).toContain(`<a href="${first.url}" target="_blank">${first.url}</a>`);
    expect(html).toContain(`<iframe src="${first.url}"`);
    // Behind the frame while the dashboard loads:
    expect(html).toContain('Carregando o painel do TensorBoard…');
    expect(shown[1]['text/plain']).toBe(`TensorBoard: ${first.url} (logs em ${logDir})`);
  });

  test('a second call for the same folder reuses the running TensorBoard', async () => {
    const again = await startTensorBoard({ logDir });
    expect(again).toMatchObject({ url: first.url, pid: first.pid, reused: true });
    expect(shown[2]['text/plain']).toBe(`TensorBoard (já estava rodando): ${first.url} (logs em ${logDir})`);
  });

  test('stopTensorBoard stops it and frees the port', async () => {
    expect(await listening(first.port)).toBe(true);
    await stopTensorBoard(logDir);
    expect(await listening(first.port)).toBe(false);
    expect(alive(first.pid)).toBe(false);
    expect(runningTensorBoards().size).toBe(0);
    // Free for anyone: bind it.
    await new Promise<void>((resolve, reject) => {
      const server = net.createServer().once('error', reject);
      server.listen(first.port, '127.0.0.1', () => server.close(() => resolve()));
    });
  }, 60_000);

  test('dies with the process that started it, even one killed with SIGKILL', async () => {
    const dist = path.join(projectRoot, 'lib', 'dist', 'tensorboard', 'tensorboard-server.js');
    expect(fs.existsSync(dist)).toBe(true); // npm test builds lib first
    const script =
      `require(${JSON.stringify(dist)}).startTensorBoard({ logDir: ${JSON.stringify(logDir)}, display: false })` +
      `.then((h) => console.log(JSON.stringify({ pid: h.pid, port: h.port })), (e) => { console.error(e); process.exit(1); });` +
      `setInterval(() => {}, 1000);`;
    const kernel = spawn(process.execPath, ['-e', script], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    kernel.stdout.on('data', (d) => (out += d));
    kernel.stderr.on('data', (d) => (out += d));
    let started: { pid: number; port: number } | undefined;
    try {
      await eventually(() => out.includes('}') || kernel.exitCode !== null, 'the child started TensorBoard', 180_000);
      started = JSON.parse(out.trim()) as { pid: number; port: number };
      const { pid, port } = started;
      expect(await listening(port)).toBe(true);
      kernel.kill('SIGKILL');
      await eventually(
        async () => !alive(pid) && !(await listening(port)),
        'TensorBoard stopped after its parent was killed',
      );
    } finally {
      if (kernel.exitCode === null) kernel.kill('SIGKILL');
      // Never leave a TensorBoard behind, even when the test failed.
      if (started && alive(started.pid)) process.kill(-started.pid, 'SIGKILL');
    }
  }, 240_000);
});
