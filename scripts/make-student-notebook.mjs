#!/usr/bin/env node
/**
 * `npm run notebooks`: derives each student notebook from its solutions notebook, so the two never
 * drift apart: every notebooks/<name>-solucoes.ipynb gives notebooks/<name>-aluno.ipynb (the lesson,
 * lista5-solucoes → lista5-aluno, and the "Para ir além" notebook). Edit the solutions notebook (in
 * JupyterLab or by hand), then run this.
 *
 * Per-cell metadata `"lista5"` in the solutions notebook says what the student sees:
 *  - `{"aluno": "<source>"}`: the cell stays, with this source instead (e.g. "// Seu código aqui");
 *  - `{"somente_solucao": true}`: the cell is left out of the student notebook.
 * Outputs and execution counts are removed from both notebooks (they are stored clean).
 * With --check it writes nothing and exits 1 if a notebook is not what this script would write.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

const NOTEBOOKS = join(root, 'notebooks');
export const SOLUTIONS = join(NOTEBOOKS, 'lista5-solucoes.ipynb');
export const STUDENT = join(NOTEBOOKS, 'lista5-aluno.ipynb');

/** Every `[solutions, student]` pair of paths in notebooks/, the lesson's first. */
export function notebookPairs() {
  return readdirSync(NOTEBOOKS)
    .filter((name) => name.endsWith('-solucoes.ipynb'))
    .sort((a, b) => (a === 'lista5-solucoes.ipynb' ? -1 : b === 'lista5-solucoes.ipynb' ? 1 : a.localeCompare(b)))
    .map((name) => [join(NOTEBOOKS, name), join(NOTEBOOKS, name.replace(/-solucoes\.ipynb$/, '-aluno.ipynb'))]);
}

/** A notebook as the repository stores it (one-space JSON indent, a final newline). */
export const serialize = (nb) => JSON.stringify(nb, null, 1) + '\n';

function clean(cell) {
  const out = { ...cell, metadata: { ...cell.metadata } };
  if (out.cell_type === 'code') {
    out.outputs = [];
    out.execution_count = null;
  }
  return out;
}

/** The solutions notebook without outputs, and the student notebook derived from it. */
export function deriveNotebooks(solutions) {
  const cleanSolutions = { ...solutions, cells: solutions.cells.map(clean) };
  const studentCells = [];
  for (const cell of cleanSolutions.cells) {
    const rule = cell.metadata.lista5 ?? {};
    if (rule.somente_solucao) continue;
    const studentCell = { ...cell, metadata: { ...cell.metadata } };
    delete studentCell.metadata.lista5;
    if (typeof rule.aluno === 'string') studentCell.source = rule.aluno;
    studentCells.push(studentCell);
  }
  return { solutions: cleanSolutions, student: { ...cleanSolutions, cells: studentCells } };
}

// Run as a script (not when imported, e.g. by scripts/format-notebooks.mjs).
if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) main();

function main() {
  const check = process.argv.includes('--check');
  let stale = false;
  for (const [solutionsPath, studentPath] of notebookPairs()) {
    const { solutions, student } = deriveNotebooks(JSON.parse(readFileSync(solutionsPath, 'utf8')));
    for (const [path, nb] of [
      [solutionsPath, solutions],
      [studentPath, student],
    ]) {
      const text = serialize(nb);
      let current = '';
      try {
        current = readFileSync(path, 'utf8');
      } catch {
        // no student notebook yet: write it
      }
      if (current === text) continue;
      if (check) {
        console.error(`${path} is out of date: run "npm run notebooks".`);
        stale = true;
      } else {
        writeFileSync(path, text);
        console.log(`wrote ${path}`);
      }
    }
  }
  process.exit(stale ? 1 : 0);
}
