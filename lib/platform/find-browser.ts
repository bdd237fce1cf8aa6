/**
 * Finds a Chromium-based browser for the browser tests and the PDF handouts (playwright-core
 * drives it; no browser is downloaded). `CHROME_PATH` first, as chrome-launcher does, then the
 * usual install locations of each OS (chrome-launcher's src/chrome-finder.ts lists the same ones).
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import { type Env, getEnv, pathApi, searchPath } from './os-paths.js';

/**
 * Flags for a headless Chromium on a machine without (or cut off from) the internet: no sandbox
 * (containers, root), no GPU, and none of the background requests Chromium makes at start.
 */
export const HEADLESS_CHROMIUM_ARGS: readonly string[] = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

/** The environment variable naming the browser to use (chrome-launcher's convention). */
export const CHROME_PATH_ENV = 'CHROME_PATH';

/** A browser was found: `source` says how (the variable, a PATH folder, or a usual location). */
export interface BrowserFound {
  path: string;
  source: 'CHROME_PATH' | 'PATH' | 'default location';
}

/** No browser: the paths looked at, in order, and what to do about it. */
export interface BrowserMissing {
  path: null;
  tried: string[];
  hint: string;
}

/** What {@link findBrowser} needs to know about the machine; every field defaults to this process's. */
export interface FindBrowserOptions {
  platform?: NodeJS.Platform;
  env?: Env;
  /** Whether a file exists (default `fs.existsSync`). */
  exists?: (path: string) => boolean;
  /** The home folder, for ~/Applications on macOS (default: `HOME`, then `os.homedir()`). */
  homedir?: string;
}

/** Linux executable names, most wanted first (Debian's package is `chromium`). */
export const LINUX_BROWSER_NAMES = ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable'];

const MAC_APPS = [
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
  '/Applications/Chromium.app/Contents/MacOS/Chromium',
];

const WINDOWS_APPS = ['Google\\Chrome\\Application\\chrome.exe', 'Microsoft\\Edge\\Application\\msedge.exe'];

/** How to get a browser on `platform`, ending with the `CHROME_PATH` alternative. */
export function browserInstallHint(platform: NodeJS.Platform): string {
  const install =
    platform === 'darwin'
      ? 'Install Google Chrome (https://www.google.com/chrome/)'
      : platform === 'win32'
        ? 'Google Chrome or Microsoft Edge is usually installed; install Chrome (https://www.google.com/chrome/)'
        : 'On Debian/Ubuntu: sudo apt-get install chromium';
  return `${install}, or set ${CHROME_PATH_ENV} to a Chrome or Chromium executable.`;
}

/**
 * The places looked at on `platform`, in order (without `CHROME_PATH`). Linux: each name (in
 * {@link LINUX_BROWSER_NAMES} order) in every PATH folder, then /usr/bin and /snap/bin/chromium;
 * macOS: /Applications then ~/Applications; Windows: Chrome then Edge under %PROGRAMFILES%,
 * %PROGRAMFILES(X86)% and %LOCALAPPDATA%.
 */
export function browserCandidates(
  platform: NodeJS.Platform,
  env: Env,
  homedir: string,
): Array<{ path: string; source: BrowserFound['source'] }> {
  const p = pathApi(platform);
  const at = (source: BrowserFound['source']) => (path: string) => ({ path, source });
  let found: Array<{ path: string; source: BrowserFound['source'] }>;
  if (platform === 'win32') {
    const roots = [
      getEnv(env, 'PROGRAMFILES', platform) ?? 'C:\\Program Files',
      getEnv(env, 'PROGRAMFILES(X86)', platform) ?? 'C:\\Program Files (x86)',
      getEnv(env, 'LOCALAPPDATA', platform),
    ].filter((dir): dir is string => dir !== undefined);
    found = WINDOWS_APPS.flatMap((app) => roots.map((dir) => p.join(dir, app))).map(at('default location'));
  } else if (platform === 'darwin') {
    found = [...MAC_APPS, ...MAC_APPS.map((app) => p.join(homedir, app))].map(at('default location'));
  } else {
    const dirs = searchPath(env, platform);
    const inPath = LINUX_BROWSER_NAMES.flatMap((name) => dirs.map((dir) => p.join(dir, name)));
    const usual = [...LINUX_BROWSER_NAMES.map((name) => `/usr/bin/${name}`), '/snap/bin/chromium'];
    found = [...inPath.map(at('PATH')), ...usual.map(at('default location'))];
  }
  return found.filter((candidate, i) => found.findIndex((other) => other.path === candidate.path) === i);
}

/**
 * Finds a Chrome or Chromium executable: `CHROME_PATH` when set (a missing file there is
 * reported, not skipped), else the first usual location that exists.
 *
 * @returns `{ path, source }`, or `{ path: null, tried, hint }` saying how to install one
 */
export function findBrowser(options: FindBrowserOptions = {}): BrowserFound | BrowserMissing {
  const platform = options.platform ?? process.platform;
  const env = options.env ?? process.env;
  const exists = options.exists ?? fs.existsSync;
  const chromePath = getEnv(env, CHROME_PATH_ENV, platform);
  if (chromePath !== undefined) {
    if (exists(chromePath)) return { path: chromePath, source: 'CHROME_PATH' };
    return {
      path: null,
      tried: [chromePath],
      hint: `${CHROME_PATH_ENV} is set to ${chromePath}, but there is no file there: correct it or unset it.`,
    };
  }
  const homedir = options.homedir ?? getEnv(env, 'HOME', platform) ?? os.homedir();
  const candidates = browserCandidates(platform, env, homedir);
  const hit = candidates.find((candidate) => exists(candidate.path));
  if (hit) return hit;
  return { path: null, tried: candidates.map((candidate) => candidate.path), hint: browserInstallHint(platform) };
}
