/**
 * Servers started by the browser tests (JupyterLab, TensorBoard): each in its own process group on
 * 127.0.0.1, stopped by the test that started it, even when the test fails or Jest exits early.
 *
 * Some children leave the group: Jupyter starts every kernel in a new session, and a kernel may start
 * TensorBoard. So every process a server starts carries a marker in its environment
 * (`LISTA5_TEST_SERVER=<random id>`), and {@link ServerProcess.stop} ends, by their process ids, the
 * processes that still carry this server's marker once the group is gone.
 */
import { ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import * as fs from 'node:fs';

export { freePort } from '../../helpers/tensorboard';

/** The environment variable that marks the processes a test server started. */
export const MARKER_VARIABLE = 'LISTA5_TEST_SERVER';

export interface ServerProcess {
  child: ChildProcess;
  /** This server's marker value (see {@link MARKER_VARIABLE}). */
  marker: string;
  /** Everything the server printed so far. */
  output(): string;
  /** Whether the main process is still running. */
  alive(): boolean;
  /** SIGTERM to the group, SIGKILL after `graceMs`, then SIGKILL to any marked process left; safe to call twice. */
  stop(graceMs?: number): Promise<void>;
}

const started = new Set<ServerProcess>();
process.on('exit', () => {
  for (const server of started) {
    killGroup(server.child, 'SIGKILL');
    for (const pid of markedProcesses(server.marker)) killPid(pid, 'SIGKILL');
  }
});

function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    // the group is gone
  }
}

function killPid(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(pid, signal);
  } catch {
    // already gone
  }
}

/** Process ids whose environment holds `LISTA5_TEST_SERVER=<marker>` (Linux /proc; none elsewhere). */
export function markedProcesses(marker: string): number[] {
  const needle = Buffer.from(`${MARKER_VARIABLE}=${marker}\0`);
  let entries: string[];
  try {
    entries = fs.readdirSync('/proc');
  } catch {
    return [];
  }
  const pids: number[] = [];
  for (const entry of entries) {
    if (!/^\d+$/.test(entry) || Number(entry) === process.pid) continue;
    try {
      if (fs.readFileSync(`/proc/${entry}/environ`).includes(needle)) pids.push(Number(entry));
    } catch {
      // ended meanwhile, or not ours to read
    }
  }
  return pids;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Starts `command` in a new process group with a fresh marker in its environment. */
export function startServerProcess(
  command: string,
  args: string[],
  options: { cwd: string; env: NodeJS.ProcessEnv },
): ServerProcess {
  const marker = randomUUID();
  const child = spawn(command, args, {
    cwd: options.cwd,
    env: { ...options.env, [MARKER_VARIABLE]: marker },
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  const append = (d: Buffer) => {
    log += d.toString();
    if (log.length > 2_000_000) log = log.slice(-1_000_000);
  };
  child.stdout!.on('data', append);
  child.stderr!.on('data', append);
  child.on('error', (e) => append(Buffer.from(`\n[spawn error] ${e.message}\n`)));
  const exited = new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve();
    child.once('exit', () => resolve());
    child.once('error', () => resolve());
  });
  const alive = () => child.pid !== undefined && child.exitCode === null && child.signalCode === null;

  const server: ServerProcess = {
    child,
    marker,
    output: () => log,
    alive,
    stop: async (graceMs = 10_000) => {
      if (!started.has(server)) return;
      killGroup(child, 'SIGTERM');
      const killer = setTimeout(() => killGroup(child, 'SIGKILL'), graceMs);
      await exited;
      clearTimeout(killer);
      killGroup(child, 'SIGKILL'); // whatever of the group outlived its leader
      // Kernels (new sessions) and what they started: SIGTERM, then SIGKILL what is left.
      let leftovers = markedProcesses(marker);
      for (const pid of leftovers) killPid(pid, 'SIGTERM');
      for (let i = 0; i < 50 && leftovers.length > 0; i++) {
        await sleep(100);
        leftovers = markedProcesses(marker);
      }
      for (const pid of leftovers) killPid(pid, 'SIGKILL');
      started.delete(server);
    },
  };
  started.add(server);
  return server;
}

/**
 * Polls `probe` until it returns a value (not undefined); fails when the process exits first or after
 * `giveUpMs` (a guard against hanging, not a speed requirement).
 */
export async function waitUntilServing<T>(
  server: ServerProcess,
  what: string,
  probe: () => Promise<T | undefined>,
  giveUpMs = 180_000,
): Promise<T> {
  const giveUpAt = Date.now() + giveUpMs;
  for (;;) {
    if (!server.alive())
      throw new Error(
        `${what} exited (${server.child.exitCode ?? server.child.signalCode}) before serving:\n${server.output()}`,
      );
    if (Date.now() > giveUpAt)
      throw new Error(`${what} did not answer within ${giveUpMs / 1000} s:\n${server.output()}`);
    try {
      const value = await probe();
      if (value !== undefined) return value;
    } catch {
      // not listening yet
    }
    await sleep(250);
  }
}
