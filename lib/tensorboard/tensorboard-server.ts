/**
 * Starting TensorBoard from a notebook: the project's own TensorBoard (from `.venv`, made by
 * `npm install`), on 127.0.0.1 and a free port, shown in the notebook as a link and an iframe, and
 * stopped with the kernel.
 */
import { ChildProcess, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as path from 'node:path';
import { pythonToolsEnv, venvLayout } from '../platform/index.js';
import { defaultLogDir, findProjectRoot } from './log-dir.js';
import { showFrame, showNotStarted, showStarting } from './tensorboard-frame.js';
import { InvalidParameterError } from '../errors/index.js';

/** Options of {@link startTensorBoard}. */
export interface StartTensorBoardOptions {
  /** The log folder to show (created if missing). Default: {@link defaultLogDir}. */
  logDir?: string;
  /** The port (on 127.0.0.1). Default: a free one. */
  port?: number;
  /** Show the link and the iframe in the notebook (default true). */
  display?: boolean;
  /** Height of the iframe in pixels (default 800). */
  height?: number;
  /** Seconds to wait for TensorBoard to answer before giving up (default 120). */
  timeoutSeconds?: number;
  /** The folder holding `.venv` (default: the project root, see `findProjectRoot`). */
  projectRoot?: string;
  /**
   * The address the browser uses, from the port (default: the local `http://127.0.0.1:<port>/`);
   * behind a Jupyter server, its proxy's path (see `showTensorBoard`).
   */
  browserUrl?: (port: number) => string;
}

/** A TensorBoard started by {@link startTensorBoard}. */
export interface TensorBoardHandle {
  /** `http://127.0.0.1:<port>/` */
  url: string;
  /** The address shown to the browser: `url`, or the Jupyter server's proxy path (`/user/ana/proxy/<port>/`). */
  browserUrl: string;
  port: number;
  /** The log folder it shows (absolute). */
  logDir: string;
  /** The process id of TensorBoard. */
  pid: number;
  /** Whether this call found it already running (and reused it). */
  reused: boolean;
  /** Stops this TensorBoard (and frees its port); safe to call twice. */
  stop(): Promise<void>;
}

interface Running {
  child: ChildProcess;
  url: string;
  port: number;
  logDir: string;
  exited: Promise<void>;
  output: () => string;
}

const running = new Map<string, Running>();
/** Starts under way, by log folder: a second call for the same folder waits for the first. */
const starting = new Map<string, Promise<Running>>();
let hooksInstalled = false;

/**
 * Runs TensorBoard's main module (what the venv's `tensorboard` console script runs, on every OS),
 * and exits when this process's end of stdin closes,
 * which happens when the kernel dies in any way (even killed with SIGKILL, when no exit hook runs).
 * TensorBoard's data server already dies with its parent (`--die-after-stdin`).
 */
const WATCHDOG = String.raw`
import os, runpy, sys, threading
def watch():
    try:
        while sys.stdin.buffer.read(65536):
            pass
    finally:
        os._exit(0)
threading.Thread(target=watch, daemon=True).start()
sys.argv = ["tensorboard"] + sys.argv[1:]
runpy.run_module("tensorboard.main", run_name="__main__", alter_sys=True)
`;

function isAlive(child: ChildProcess): boolean {
  return child.exitCode === null && child.signalCode === null;
}

function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined || !isAlive(child)) return;
  try {
    // Its own process group: TensorBoard and its data server (POSIX; Windows has no groups to signal).
    if (process.platform === 'win32') child.kill(signal);
    else process.kill(-child.pid, signal);
  } catch {
    try {
      child.kill(signal);
    } catch {
      // already gone
    }
  }
}

function installHooks(): void {
  if (hooksInstalled) return;
  hooksInstalled = true;
  process.on('exit', () => {
    for (const r of running.values()) killGroup(r.child, 'SIGTERM');
  });
  // SIGTERM / SIGHUP end Node without an "exit" event: stop TensorBoard, then end as Node would have.
  for (const signal of ['SIGTERM', 'SIGHUP'] as const) {
    const handler = (): void => {
      for (const r of running.values()) killGroup(r.child, 'SIGTERM');
      process.removeListener(signal, handler);
      if (process.listenerCount(signal) === 0) process.kill(process.pid, signal);
    };
    process.on(signal, handler);
  }
}

/** A free TCP port on 127.0.0.1. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

function handleFor(r: Running, browserUrl: string, reused: boolean): TensorBoardHandle {
  return { url: r.url, browserUrl, port: r.port, logDir: r.logDir, pid: r.child.pid!, reused, stop: () => stopOne(r) };
}

async function stopOne(r: Running): Promise<void> {
  if (running.get(r.logDir) === r) running.delete(r.logDir);
  if (!isAlive(r.child)) return;
  killGroup(r.child, 'SIGTERM');
  const killer = setTimeout(() => killGroup(r.child, 'SIGKILL'), 5000);
  await r.exited;
  clearTimeout(killer);
}

/** The venv's Python, once TensorBoard is installed there; else an error saying how to get it. */
function tensorboardPython(projectRoot: string | undefined): { root: string; python: string } {
  const root = path.resolve(projectRoot ?? findProjectRoot() ?? process.cwd());
  const layout = venvLayout(root);
  const script = layout.tool('tensorboard');
  if (!fs.existsSync(script) || !fs.existsSync(layout.python)) {
    throw new Error(
      `TensorBoard não encontrado em ${script}: rode "npm install" na pasta do projeto (ele cria o ambiente Python .venv com o TensorBoard). ` +
        `/ TensorBoard is missing at ${script}: run "npm install" in the project folder (it creates the Python environment .venv).`,
    );
  }
  return { root, python: layout.python };
}

/**
 * Starts TensorBoard on a log folder (the project's own, from `.venv`, on 127.0.0.1
 * and a free port), waits until it answers, and shows a link and the dashboard (an iframe) in the
 * notebook. Called again for the same folder, it reuses the running TensorBoard (same URL).
 * TensorBoard stops with the kernel (when it exits, is terminated, or even killed), or with
 * {@link stopTensorBoard} / `handle.stop()`.
 *
 * @example
 * const tb = await l5.startTensorBoard();          // logs/ of the project
 * tb.url;                                           // "http://127.0.0.1:40123/"
 * @throws Error (Portuguese and English) when TensorBoard is missing from `.venv` ("rode npm install"),
 *   or when TensorBoard exits or does not answer in time (with what it printed)
 */
export async function startTensorBoard(options: StartTensorBoardOptions = {}): Promise<TensorBoardHandle> {
  const logDir = path.resolve(options.logDir ?? defaultLogDir());
  const height = options.height ?? 800;
  const display = options.display ?? true;
  const pending = starting.get(logDir);
  // A start under way for this folder: wait for it (if it fails, this call tries on its own).
  const previous = pending ? await pending.catch(() => undefined) : running.get(logDir);
  const browserUrl = (r: Running): string => options.browserUrl?.(r.port) ?? r.url;
  if (previous && isAlive(previous.child)) {
    if (display) showFrame(previous.logDir, browserUrl(previous), height, true);
    return handleFor(previous, browserUrl(previous), true);
  }
  running.delete(logDir);
  const displayId = display
    ? `tensorboard-${process.pid}-${Date.now()}-${Math.random().toString(36).slice(2)}`
    : undefined;
  if (displayId) showStarting(logDir, displayId);
  const launched = launch(logDir, options);
  starting.set(logDir, launched);
  let r: Running;
  try {
    r = await launched;
  } catch (error) {
    if (displayId) showNotStarted(displayId);
    throw error;
  } finally {
    starting.delete(logDir);
  }
  if (display) showFrame(r.logDir, browserUrl(r), height, false, displayId);
  return handleFor(r, browserUrl(r), false);
}

/** Starts TensorBoard for `logDir` and waits until it answers. */
async function launch(logDir: string, options: StartTensorBoardOptions): Promise<Running> {
  const { root, python } = tensorboardPython(options.projectRoot);
  if (options.port !== undefined && !(Number.isInteger(options.port) && options.port > 0 && options.port < 65536)) {
    throw new InvalidParameterError(
      'startTensorBoard',
      'port',
      `must be an integer in 1..65535, got ${String(options.port)}`,
    );
  }
  fs.mkdirSync(logDir, { recursive: true });
  const port = options.port ?? (await freePort());
  const child = spawn(
    python,
    ['-c', WATCHDOG, '--logdir', logDir, '--host', '127.0.0.1', '--port', String(port), '--reload_interval', '5'],
    {
      detached: true, // its own process group, so that stopping it stops its data server too
      stdio: ['pipe', 'pipe', 'pipe'],
      env: pythonToolsEnv(root),
    },
  );
  let log = '';
  const keep = (d: Buffer): void => {
    log = (log + d.toString()).slice(-20000);
  };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  const exited = new Promise<void>((resolve) => {
    child.once('exit', () => resolve());
    child.once('error', (e) => {
      keep(Buffer.from(String(e)));
      resolve();
    });
  });
  // Do not keep the kernel alive for TensorBoard's sake: when the kernel ends, so does TensorBoard.
  child.unref();
  for (const s of [child.stdin, child.stdout, child.stderr]) (s as unknown as net.Socket | null)?.unref?.();

  const url = `http://127.0.0.1:${port}/`;
  const r: Running = { child, url, port, logDir, exited, output: () => log };
  running.set(logDir, r);
  installHooks();

  const giveUpAt = Date.now() + (options.timeoutSeconds ?? 120) * 1000;
  try {
    for (;;) {
      if (!isAlive(child) || child.pid === undefined) {
        throw new Error(
          `TensorBoard terminou antes de responder / exited before answering (${child.exitCode ?? child.signalCode}):\n${log}`,
        );
      }
      try {
        const res = await fetch(`${url}data/logdir`, { signal: AbortSignal.timeout(2000) });
        if (res.ok) {
          const answer = (await res.json()) as { logdir?: string };
          if (answer.logdir !== undefined && path.resolve(answer.logdir) !== logDir) {
            throw new Error(
              `startTensorBoard: port ${port} is served by another TensorBoard (logdir ${answer.logdir})`,
            );
          }
          break;
        }
      } catch (e) {
        if ((e as Error).message?.startsWith('startTensorBoard:')) throw e;
        // not listening yet
      }
      if (Date.now() > giveUpAt)
        throw new Error(`TensorBoard não respondeu em ${url} / did not answer at ${url}:\n${log}`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  } catch (e) {
    await stopOne(r);
    throw e;
  }
  return r;
}

/**
 * Stops the TensorBoard started for `logDir` (default: every TensorBoard started by
 * {@link startTensorBoard}) and waits until it has exited (its port is then free).
 */
export async function stopTensorBoard(logDir?: string): Promise<void> {
  const targets =
    logDir === undefined ? [...running.values()] : [running.get(path.resolve(logDir))].filter((r): r is Running => !!r);
  await Promise.all(targets.map(stopOne));
}

/** The TensorBoards started by {@link startTensorBoard} that are still running: log folder → URL. */
export function runningTensorBoards(): Map<string, string> {
  return new Map([...running].filter(([, r]) => isAlive(r.child)).map(([dir, r]) => [dir, r.url]));
}
