/** The guard that keeps the tests out of the user's handouts/ and logs/ (test/global/). */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { projectRoot } from './helpers/python';
// eslint-disable-next-line @typescript-eslint/no-require-imports -- the guard is plain CommonJS for Jest's global hooks
const guard = require('./global/user-folders') as {
  fingerprint(): Map<string, string>;
  changes(before: Map<string, string>, after: Map<string, string>): string[];
};

test('names every added, changed and removed file', () => {
  const before = new Map([
    ['handouts/a.html', '1'],
    ['logs/x/ev', '2'],
    ['handouts/b.html', '3'],
  ]);
  const after = new Map([
    ['handouts/a.html', '1'],
    ['logs/x/ev', '9'],
    ['logs/new', '4'],
  ]);
  expect(guard.changes(before, after).sort()).toEqual([
    'added: logs/new',
    'changed: logs/x/ev',
    'removed: handouts/b.html',
  ]);
  expect(guard.changes(before, before)).toEqual([]);
});

test('fingerprints the files under handouts/ and logs/', () => {
  const prints = guard.fingerprint();
  for (const folder of ['handouts', 'logs']) {
    const dir = path.join(projectRoot, folder);
    if (!fs.existsSync(dir)) continue;
    const keep = path.join(folder, '.gitkeep');
    if (fs.existsSync(path.join(projectRoot, keep))) expect(prints.has(keep)).toBe(true);
  }
  for (const file of prints.keys()) expect(file.startsWith('handouts') || file.startsWith('logs')).toBe(true);
});
