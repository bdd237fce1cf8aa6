/**
 * The tests' notebook runs: each lesson notebook is executed once per test run, headless (nbconvert
 * and the tslab kernel, as `npm start` does), into one temporary folder, and every suite that checks
 * an executed notebook, its handout, its logs or its PDF reads that one result.
 *
 * This module owns the folder's layout. `scripts/test.mjs` fills it while the other tests run;
 * `test/helpers/notebooks.ts` reads it through the manifest (it never guesses a path):
 *
 *     <runs>/manifest.json            { notebooks: { <name>: Entry } }
 *     <runs>/<stem>/<stem>.ipynb      the executed notebook        (Entry.executed)
 *     <runs>/<stem>/<stem>.html       its HTML handout             (Entry.html)
 *     <runs>/<stem>/logs/<stem>/      its TensorBoard logs         (Entry.logDir; run-lesson's --logdir is <runs>/<stem>/logs)
 *     <runs>/<stem>/run.log           what the runner printed      (Entry.log)
 *     <runs>/<stem>/result.json       written last: { status, seconds, error? } (Entry.result)
 *
 * A reader waits for result.json; status 0 means every cell ran.
 */
import { spawn } from 'node:child_process';
import { createWriteStream, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { root } from './paths.mjs';

/** The paths of one notebook's run inside the runs folder. */
export function entryFor(runs, name) {
  const stem = basename(name, '.ipynb');
  const dir = join(runs, stem);
  return {
    dir,
    executed: join(dir, `${stem}.ipynb`),
    html: join(dir, `${stem}.html`),
    logs: join(dir, 'logs'),
    logDir: join(dir, 'logs', stem),
    log: join(dir, 'run.log'),
    result: join(dir, 'result.json'),
  };
}

/** Writes the manifest of `names` (before any run starts, so readers know where to wait). */
export function writeManifest(runs, names) {
  const notebooks = Object.fromEntries(names.map((name) => [name, entryFor(runs, name)]));
  writeFileSync(join(runs, 'manifest.json'), JSON.stringify({ notebooks }, null, 2));
  return notebooks;
}

/** The last `lines` lines of a run's log, for an error message. */
export function logTail(entry, lines = 40) {
  try {
    return readFileSync(entry.log, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '';
  }
}

/**
 * Executes notebooks/<name> into its entry's folder with `npm start`'s runner (scripts/run-lesson.mjs:
 * nbconvert and the tslab kernel; the handout says "logs/" as `npm start`'s does).
 * `env` is added to the runner's environment.
 * Resolves to { status, seconds }; result.json is written when it ends, whatever the outcome.
 * `onSpawn` receives the child process (so that the caller can stop it).
 */
export function executeNotebook(runs, name, { env = {}, onSpawn } = {}) {
  const entry = entryFor(runs, name);
  mkdirSync(entry.logDir, { recursive: true });
  const log = createWriteStream(entry.log);
  const started = Date.now();
  return new Promise((resolvePromise) => {
    // `npm start`'s own runner, for one notebook, into this run's folders.
    const child = spawn(
      process.execPath,
      [join(root, 'scripts', 'run-lesson.mjs'), '--out', entry.dir, '--logdir', entry.logs, name],
      {
        cwd: root,
        env: { ...process.env, ...env },
        stdio: ['ignore', 'pipe', 'pipe'],
        // Its own process group on POSIX, so that a stopped run takes its kernel with it.
        detached: process.platform !== 'win32',
      },
    );
    onSpawn?.(child);
    child.stdout.pipe(log, { end: false });
    child.stderr.pipe(log, { end: false });
    const finish = (status, error) => {
      const seconds = (Date.now() - started) / 1000;
      log.end(() => {
        const result = { status, seconds, ...(error ? { error } : {}) };
        if (status !== 0 && !error) result.error = logTail(entry);
        writeFileSync(entry.result, JSON.stringify(result));
        resolvePromise(result);
      });
    };
    child.on('error', (error) => finish(1, String(error)));
    child.on('close', (code, signal) => finish(code ?? 1, signal ? `stopped by ${signal}` : undefined));
  });
}
