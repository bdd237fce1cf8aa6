/** Jest globalTeardown: fails the run if the tests touched the user's handouts/ or logs/. */
const { changes, fingerprint } = require('./user-folders');

module.exports = async function globalTeardown() {
  const before = globalThis.__LISTA5_USER_FOLDERS__;
  if (before === undefined) return;
  const changed = changes(before, fingerprint());
  if (changed.length > 0) {
    throw new Error(
      `The tests changed the user's handouts/ or logs/ (tests must write only to temporary folders):\n  ${changed.join('\n  ')}`,
    );
  }
};
