#!/usr/bin/env node
/**
 * `npm start` / `npm run handouts`: runs the lesson headless.
 * Executes the notebooks through the tslab kernel (nbconvert), and writes the executed notebooks and
 * their HTML handouts to handouts/. TensorBoard logs go to logs/.
 *
 * Usage: node scripts/run-lesson.mjs [--out DIR] [--logdir DIR] [notebook names...]
 *   --out DIR      where the executed notebooks and HTML handouts go (default: handouts/)
 *   --logdir DIR   where the TensorBoard logs go (default: logs/), one folder per notebook, DIR/<notebook>/;
 *                  the handouts still call it "logs/<notebook>/"
 *   names          notebooks in notebooks/ (default: all of them, students' first)
 * With npm: npm run handouts -- --out /tmp/x --logdir /tmp/x/logs
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { basename, join, relative, resolve } from 'node:path';
import { root, python, pythonToolsEnv } from './paths.mjs';

/** Every notebook of the lesson: the student versions first, then the solutions. */
export function lessonNotebooks() {
  const all = readdirSync(join(root, 'notebooks')).filter((f) => f.endsWith('.ipynb'));
  const rank = (f) => (f.includes('aluno') ? 0 : 1);
  return all.sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
}

function parseArgs(argv) {
  const options = { out: join(root, 'handouts'), logDir: undefined, names: [] };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--out' || arg === '--logdir') {
      const value = argv[++i];
      if (!value) usage(`${arg} needs a folder`);
      if (arg === '--out') options.out = resolve(value);
      else options.logDir = resolve(value);
    } else if (arg === '-h' || arg === '--help') {
      usage();
    } else if (arg.startsWith('-')) {
      usage(`unknown option ${arg}`);
    } else {
      options.names.push(arg);
    }
  }
  return options;
}

function usage(error) {
  if (error) console.error(`run-lesson: ${error}`);
  console.error('usage: node scripts/run-lesson.mjs [--out DIR] [--logdir DIR] [notebook names...]');
  process.exit(error ? 2 : 0);
}

const options = parseArgs(process.argv.slice(2));
if (!existsSync(python)) {
  console.error('The Python environment .venv is missing: run "npm install" first.');
  process.exit(1);
}
const names = options.names.length ? options.names : lessonNotebooks();
for (const name of names) {
  if (!existsSync(join(root, 'notebooks', basename(name)))) usage(`no notebook notebooks/${basename(name)}`);
}
// Each notebook logs into its own folder, <log folder>/<notebook> (as in JupyterLab and npm start), so
// that one notebook's run never replaces another's; the handouts name it logs/<notebook>.
const envFor = (stem) =>
  pythonToolsEnv(
    options.logDir ? { LISTA5_LOGDIR: join(options.logDir, stem), LISTA5_LOGDIR_SHOWN: `logs/${stem}` } : {},
  );
const rel = (p) => relative(process.cwd(), p) || '.';
const started = Date.now();
for (const name of names) {
  const notebook = join(root, 'notebooks', basename(name));
  const stem = basename(name, '.ipynb');
  const executed = join(options.out, `${stem}.ipynb`);
  const r = spawnSync(
    python,
    [
      join(root, 'python', 'run_notebook.py'),
      notebook,
      '--executed',
      executed,
      '--html',
      join(options.out, `${stem}.html`),
    ],
    { cwd: root, stdio: 'inherit', env: envFor(stem) },
  );
  if (r.status !== 0) {
    console.error(`\n${name} failed: see the cell above. The partly executed notebook is in ${rel(executed)}.`);
    process.exit(r.status ?? 1);
  }
}
const seconds = ((Date.now() - started) / 1000).toFixed(0);
console.log(`
Lesson executed in ${seconds} s.
  Executed notebooks and HTML handouts: ${rel(options.out)}/ (open the .html files in any browser, offline)
  TensorBoard logs:                     ${rel(options.logDir ?? join(root, 'logs'))}/
Next:
  npm run lab           open the notebooks in JupyterLab (TypeScript kernel "tslab")
  npm run tensorboard   TensorBoard on the logs (tensorboard --logdir logs)
`);
