#!/usr/bin/env node
/**
 * `npm start` / `npm run handouts`: runs the lesson headless.
 * Executes the student and the solutions notebooks through the tslab kernel (nbconvert), and
 * writes the executed notebooks and their HTML handouts to handouts/. TensorBoard logs go to logs/.
 * Usage: node scripts/run-lesson.mjs [notebook names...]   (default: both notebooks)
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import { root, python, pythonToolsEnv } from './paths.mjs';

export const NOTEBOOKS = ['lista5-aluno.ipynb', 'lista5-solucoes.ipynb'];

if (!existsSync(python)) {
  console.error('The Python environment .venv is missing: run "npm install" first.');
  process.exit(1);
}
const names = process.argv.slice(2).length ? process.argv.slice(2) : NOTEBOOKS;
const handouts = join(root, 'handouts');
const started = Date.now();
for (const name of names) {
  const notebook = join(root, 'notebooks', basename(name));
  const stem = basename(name, '.ipynb');
  const r = spawnSync(
    python,
    [
      join(root, 'python', 'run_notebook.py'),
      notebook,
      '--executed',
      join(handouts, `${stem}.ipynb`),
      '--html',
      join(handouts, `${stem}.html`),
    ],
    { cwd: root, stdio: 'inherit', env: pythonToolsEnv() },
  );
  if (r.status !== 0) {
    console.error(`\n${name} failed: see the cell above. The partly executed notebook is in handouts/${stem}.ipynb.`);
    process.exit(r.status ?? 1);
  }
}
const seconds = ((Date.now() - started) / 1000).toFixed(0);
const rel = (p) => relative(process.cwd(), p) || '.';
console.log(`
Lesson executed in ${seconds} s.
  Executed notebooks and HTML handouts: ${rel(handouts)}/ (open the .html files in any browser, offline)
  TensorBoard logs:                     ${rel(join(root, 'logs'))}/
Next:
  npm run lab           open the notebooks in JupyterLab (TypeScript kernel "tslab")
  npm run tensorboard   TensorBoard on the logs (tensorboard --logdir logs)
`);
