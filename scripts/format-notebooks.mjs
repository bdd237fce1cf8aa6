#!/usr/bin/env node
/**
 * `npm run format` (and, with --check, `npm run lint`): the notebooks' code cells formatted by the
 * project's Prettier, at a width a student reads in JupyterLab and in the printed handouts
 * (`NOTEBOOK_PRINT_WIDTH`), with double quotes as the notebooks write strings. Every code cell of each
 * notebooks/*-solucoes.ipynb is formatted, and so is the student version of a cell kept in its
 * metadata (`lista5.aluno`, see scripts/make-student-notebook.mjs); the student notebooks are then
 * derived again from the solutions, so the two never differ in formatting.
 *
 *   node scripts/format-notebooks.mjs           format in place
 *   node scripts/format-notebooks.mjs --check   write nothing; list the cells that are not formatted, exit 1
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { basename } from 'node:path';
import * as prettier from 'prettier';
import { deriveNotebooks, notebookPairs, serialize } from './make-student-notebook.mjs';

/** Characters per line of notebook code: JupyterLab's cell and the handout's page show it unwrapped. */
export const NOTEBOOK_PRINT_WIDTH = 100;

const OPTIONS = { parser: 'typescript', printWidth: NOTEBOOK_PRINT_WIDTH, singleQuote: false };

/** One cell's code, formatted; a cell Prettier cannot parse is reported with the notebook and cell. */
async function formatCode(code, where) {
  try {
    // A cell has no trailing newline in the notebook; Prettier adds one.
    return (await prettier.format(code, OPTIONS)).replace(/\n$/, '');
  } catch (e) {
    throw new Error(`${where}: Prettier cannot read this cell: ${e instanceof Error ? e.message : e}`, { cause: e });
  }
}

const check = process.argv.includes('--check');
const stale = [];
for (const [solutionsPath, studentPath] of notebookPairs()) {
  const nb = JSON.parse(readFileSync(solutionsPath, 'utf8'));
  for (const [i, cell] of nb.cells.entries()) {
    if (cell.cell_type !== 'code') continue;
    const where = `${basename(solutionsPath)}, cell ${i}`;
    const source = Array.isArray(cell.source) ? cell.source.join('') : cell.source;
    const formatted = await formatCode(source, where);
    if (formatted !== source) stale.push(where);
    cell.source = formatted;
    const student = cell.metadata?.lista5?.aluno;
    if (typeof student === 'string') {
      const formattedStudent = await formatCode(student, `${where} (student version)`);
      if (formattedStudent !== student) stale.push(`${where} (student version)`);
      cell.metadata.lista5.aluno = formattedStudent;
    }
  }
  if (!check) {
    const { solutions, student } = deriveNotebooks(nb);
    writeFileSync(solutionsPath, serialize(solutions));
    writeFileSync(studentPath, serialize(student));
  }
}
if (check && stale.length > 0) {
  console.error(`Code cells not formatted (run npm run format):\n  ${stale.join('\n  ')}`);
  process.exit(1);
}
if (!check) console.log(`formatted the code cells of ${notebookPairs().length} notebooks (${stale.length} changed)`);
