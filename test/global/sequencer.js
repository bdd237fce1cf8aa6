/**
 * The order of the test files in one `npm test` run (jest --runInBand, while scripts/test.mjs executes
 * the notebooks in the background), so that the suites wait for the background runs as little as
 * possible while the other files keep the second core busy:
 *  0. the browser suites that need no executed notebook (full tier): they run while the notebooks do;
 *  1. the browser suite that runs the lesson in JupyterLab itself (`runAllCells(`) and then opens the
 *     executed ones (`executedNotebook(`): its Run All overlaps the background runs;
 *  2. the unit tests, 3. the integration tests;
 *  4. last, the suites that only read an executed notebook (`executedNotebook(`).
 */
const fs = require('node:fs');
const path = require('node:path');
const Sequencer = require('@jest/test-sequencer').default;

/** Lower runs first. */
function rank(file) {
  const rel = path
    .relative(path.resolve(__dirname, '..', '..'), file)
    .split(path.sep)
    .join('/');
  const source = fs.readFileSync(file, 'utf8');
  const runsAll = source.includes('runAllCells(');
  const readsExecuted = source.includes('executedNotebook(');
  if (readsExecuted) return runsAll ? 1 : 4;
  if (runsAll || rel.startsWith('test/browser/')) return 0;
  if (rel.startsWith('lib/')) return 2;
  return 3;
}

class NotebooksLastSequencer extends Sequencer {
  sort(tests) {
    const ranked = tests.map((test) => ({ test, rank: rank(test.path) }));
    ranked.sort((a, b) => a.rank - b.rank || a.test.path.localeCompare(b.test.path));
    return ranked.map(({ test }) => test);
  }
}

module.exports = NotebooksLastSequencer;
