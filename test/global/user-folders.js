/**
 * Jest globalSetup / globalTeardown: the tests must leave the user's handouts/ and logs/ exactly as
 * they found them (every test writes into temporary folders). Setup fingerprints both folders;
 * teardown fails the run, naming the files, if anything in them was added, changed or removed.
 */
const crypto = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '..', '..');
const WATCHED = ['handouts', 'logs'];

/** Relative path → sha256 of every file under the watched folders. */
function fingerprint() {
  const files = new Map();
  const walk = (dir) => {
    if (!fs.existsSync(dir)) return;
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(p);
      else files.set(path.relative(root, p), crypto.createHash('sha256').update(fs.readFileSync(p)).digest('hex'));
    }
  };
  for (const folder of WATCHED) walk(path.join(root, folder));
  return files;
}

/** What changed between two fingerprints, one line per file. */
function changes(before, after) {
  const lines = [];
  for (const [file, hash] of after) {
    if (!before.has(file)) lines.push(`added: ${file}`);
    else if (before.get(file) !== hash) lines.push(`changed: ${file}`);
  }
  for (const file of before.keys()) if (!after.has(file)) lines.push(`removed: ${file}`);
  return lines;
}

module.exports = { fingerprint, changes, WATCHED };
