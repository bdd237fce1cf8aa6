/** Jest globalSetup: remembers the user's handouts/ and logs/ (see user-folders.js). */
const { fingerprint } = require('./user-folders');

module.exports = async function globalSetup() {
  globalThis.__LISTA5_USER_FOLDERS__ = fingerprint();
};
