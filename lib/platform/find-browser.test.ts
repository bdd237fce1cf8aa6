import { browserCandidates, findBrowser } from './find-browser.js';

/** An `exists` that knows only `files`, and records what it was asked. */
function fakeExists(...files: string[]): ((path: string) => boolean) & { asked: string[] } {
  const asked: string[] = [];
  return Object.assign((path: string) => (asked.push(path), files.includes(path)), { asked });
}

const winEnv = {
  ProgramFiles: 'C:\\Program Files',
  'ProgramFiles(x86)': 'C:\\Program Files (x86)',
  LOCALAPPDATA: 'C:\\Users\\ana\\AppData\\Local',
};

describe('findBrowser: CHROME_PATH', () => {
  it.each(['linux', 'darwin', 'win32'] as const)('comes first on %s', (platform) => {
    const exists = fakeExists('/opt/chrome/chrome', '/usr/bin/chromium');
    expect(findBrowser({ platform, env: { CHROME_PATH: '/opt/chrome/chrome', PATH: '/usr/bin' }, exists })).toEqual({
      path: '/opt/chrome/chrome',
      source: 'CHROME_PATH',
    });
    expect(exists.asked).toEqual(['/opt/chrome/chrome']);
  });

  it('is reported, not skipped, when it names a missing file', () => {
    const r = findBrowser({
      platform: 'linux',
      env: { CHROME_PATH: '/nope/chrome' },
      exists: fakeExists('/usr/bin/chromium'),
    });
    expect(r).toEqual({
      path: null,
      tried: ['/nope/chrome'],
      hint: expect.stringMatching(/CHROME_PATH is set to \/nope\/chrome/),
    });
  });

  it('is read whatever its case on win32', () => {
    const exe = 'D:\\Chrome\\chrome.exe';
    expect(findBrowser({ platform: 'win32', env: { Chrome_Path: exe }, exists: fakeExists(exe) })).toMatchObject({
      path: exe,
    });
  });
});

describe('findBrowser on linux', () => {
  it('prefers chromium, searching the PATH folders first', () => {
    const exists = fakeExists('/usr/bin/google-chrome', '/usr/local/bin/chromium');
    const r = findBrowser({ platform: 'linux', env: { PATH: '/usr/bin:/usr/local/bin' }, exists });
    expect(r).toEqual({ path: '/usr/local/bin/chromium', source: 'PATH' });
  });

  it('finds /usr/bin/chromium and /snap/bin/chromium without PATH', () => {
    expect(findBrowser({ platform: 'linux', env: {}, exists: fakeExists('/usr/bin/chromium') })).toEqual({
      path: '/usr/bin/chromium',
      source: 'default location',
    });
    expect(findBrowser({ platform: 'linux', env: {}, exists: fakeExists('/snap/bin/chromium') })).toMatchObject({
      path: '/snap/bin/chromium',
    });
  });

  it('lists every place tried, once each, and says apt-get install chromium', () => {
    const r = findBrowser({ platform: 'linux', env: { PATH: '/usr/bin:/usr/bin' }, exists: fakeExists() });
    expect(r).toEqual({
      path: null,
      tried: [
        '/usr/bin/chromium',
        '/usr/bin/chromium-browser',
        '/usr/bin/google-chrome',
        '/usr/bin/google-chrome-stable',
        '/snap/bin/chromium',
      ],
      hint: 'On Debian/Ubuntu: sudo apt-get install chromium, or set CHROME_PATH to a Chrome or Chromium executable.',
    });
  });
});

describe('findBrowser on darwin', () => {
  const chrome = '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome';

  it('finds Google Chrome in /Applications', () => {
    expect(findBrowser({ platform: 'darwin', env: { HOME: '/Users/ana' }, exists: fakeExists(chrome) })).toEqual({
      path: chrome,
      source: 'default location',
    });
  });

  it('looks in ~/Applications after /Applications', () => {
    expect(browserCandidates('darwin', {}, '/Users/ana').map((c) => c.path)).toEqual([
      chrome,
      '/Applications/Chromium.app/Contents/MacOS/Chromium',
      `/Users/ana${chrome}`,
      '/Users/ana/Applications/Chromium.app/Contents/MacOS/Chromium',
    ]);
    const exists = fakeExists('/Users/ana/Applications/Chromium.app/Contents/MacOS/Chromium');
    expect(findBrowser({ platform: 'darwin', env: { HOME: '/Users/ana' }, exists }).path).toBe(
      '/Users/ana/Applications/Chromium.app/Contents/MacOS/Chromium',
    );
  });

  it('says to install Google Chrome', () => {
    const r = findBrowser({ platform: 'darwin', env: {}, homedir: '/Users/ana', exists: fakeExists() });
    expect(r).toMatchObject({ path: null, hint: expect.stringMatching(/^Install Google Chrome.*CHROME_PATH/) });
  });
});

describe('findBrowser on win32', () => {
  it('looks for Chrome, then Edge, under Program Files, Program Files (x86) and LOCALAPPDATA', () => {
    expect(browserCandidates('win32', winEnv, 'C:\\Users\\ana').map((c) => c.path)).toEqual([
      'C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe',
      'C:\\Program Files (x86)\\Google\\Chrome\\Application\\chrome.exe',
      'C:\\Users\\ana\\AppData\\Local\\Google\\Chrome\\Application\\chrome.exe',
      'C:\\Program Files\\Microsoft\\Edge\\Application\\msedge.exe',
      'C:\\Program Files (x86)\\Microsoft\\Edge\\Application\\msedge.exe',
      'C:\\Users\\ana\\AppData\\Local\\Microsoft\\Edge\\Application\\msedge.exe',
    ]);
  });

  it('falls back to Edge, which Windows usually has', () => {
    const edge = 'C:\\Program Files (x86)\\Microsoft\\Edge\\Application\\msedge.exe';
    expect(findBrowser({ platform: 'win32', env: winEnv, exists: fakeExists(edge) })).toEqual({
      path: edge,
      source: 'default location',
    });
  });

  it('uses the default Program Files folders when the variables are unset', () => {
    const chrome = 'C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe';
    expect(findBrowser({ platform: 'win32', env: {}, exists: fakeExists(chrome) }).path).toBe(chrome);
  });

  it('says Chrome or Edge is usually there, or CHROME_PATH', () => {
    const r = findBrowser({ platform: 'win32', env: winEnv, exists: fakeExists() });
    expect(r).toMatchObject({ path: null, hint: expect.stringMatching(/Chrome or Microsoft Edge.*CHROME_PATH/) });
    expect(r.path === null ? r.tried : []).toHaveLength(6);
  });
});
