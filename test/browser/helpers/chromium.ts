/**
 * The browser the tests look through: a Chromium-family browser found by lib/platform's
 * `findBrowser` (CHROME_PATH, then the usual places on Linux, macOS and Windows), driven by
 * playwright-core (which never downloads one); and where the tests' screenshots go (test-artifacts/).
 *
 * A machine without a browser skips the browser suites with one line saying what to install
 * (`describeWithBrowser`), except under `CI=true`, where a missing browser fails the run.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Browser, BrowserContext, chromium, Page } from 'playwright-core';
import { findBrowser, HEADLESS_CHROMIUM_ARGS } from '../../../lib/platform/find-browser';
import { projectRoot } from '../../helpers/python';

export const CHROMIUM_ARGS = HEADLESS_CHROMIUM_ARGS;

/** The browser of this machine, or why there is none. */
export const browserSearch = findBrowser();

/** Why the browser tests cannot run here (undefined when a browser was found). */
export function missingBrowserMessage(): string | undefined {
  return browserSearch.path === null ? `no Chrome or Chromium found. ${browserSearch.hint}` : undefined;
}

/**
 * `describe` for a suite that needs a browser. Without one it prints one line and skips the suite,
 * or, under `CI=true` (where .ci/run installs Chromium), fails with the same message.
 */
export function describeWithBrowser(name: string, body: () => void): void {
  const missing = missingBrowserMessage();
  if (missing === undefined) {
    describe(name, body);
  } else if (process.env.CI === 'true') {
    describe(name, () => {
      test('needs a browser', () => {
        throw new Error(`${missing} (CI=true: the browser tests must run)`);
      });
    });
  } else {
    process.stdout.write(`[skipped] ${name}: ${missing}\n`);
    describe.skip(name, body);
  }
}

export function launchChromium(): Promise<Browser> {
  if (browserSearch.path === null) throw new Error(missingBrowserMessage());
  return chromium.launch({ executablePath: browserSearch.path, args: [...CHROMIUM_ARGS] });
}

/** test-artifacts/<sub>, created empty (screenshots of the last run only). */
export function artifactsDir(sub: string): string {
  const dir = path.join(projectRoot, 'test-artifacts', sub);
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  return dir;
}

/**
 * Lets through only the requests `allowed` accepts and aborts (and records) every other one, so a
 * test can assert that a page tried to reach nothing beyond what it should. Covers the page, its
 * frames, workers and service workers (context-wide routing).
 */
export async function guardRequests(context: BrowserContext, allowed: (url: string) => boolean): Promise<string[]> {
  const blocked: string[] = [];
  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (allowed(url)) return route.continue();
    blocked.push(url);
    return route.abort('blockedbyclient');
  });
  // WebSockets are not routed by context.route: record any that does not go to an allowed address.
  context.on('page', (page: Page) => watchWebSockets(page, allowed, blocked));
  for (const page of context.pages()) watchWebSockets(page, allowed, blocked);
  return blocked;
}

function watchWebSockets(page: Page, allowed: (url: string) => boolean, blocked: string[]): void {
  page.on('websocket', (ws) => {
    if (!allowed(ws.url())) blocked.push(ws.url());
  });
}

/** Browser errors of a page (uncaught exceptions and console errors), for failure messages. */
export function collectPageErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(`console.error: ${m.text()}`);
  });
  return errors;
}
