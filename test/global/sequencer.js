/**
 * The order of the test files in one `npm test` run (jest --runInBand, while scripts/test.mjs executes
 * the notebooks in the background): first the browser suites that run notebooks in JupyterLab
 * themselves (`runAllCells(`, full tier; they take longest), then the unit tests, then the integration
 * tests, and last the suites that read an executed notebook (`executedNotebook(`), so that they wait
 * for the background runs as little as possible while the other files keep the second core busy.
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
  if (source.includes('runAllCells(')) return 0;
  if (source.includes('executedNotebook(')) return 3;
  if (rel.startsWith('lib/')) return 1;
  return 2;
}

class NotebooksLastSequencer extends Sequencer {
  sort(tests) {
    const ranked = tests.map((test) => ({ test, rank: rank(test.path) }));
    ranked.sort((a, b) => a.rank - b.rank || a.test.path.localeCompare(b.test.path));
    return ranked.map(({ test }) => test);
  }
}

module.exports = NotebooksLastSequencer;
