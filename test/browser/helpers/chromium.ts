/**
 * Debian's Chromium (/usr/bin/chromium) driven by playwright-core: the browser the tests look
 * through, and where their screenshots go (test-artifacts/, ignored by git).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Browser, BrowserContext, chromium, Page } from 'playwright-core';
import { projectRoot } from '../../helpers/python';

export const CHROMIUM = '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

export function launchChromium(): Promise<Browser> {
  if (!fs.existsSync(CHROMIUM)) {
    throw new Error(`${CHROMIUM} is missing: install Debian's chromium (apt-get install chromium), as .ci/run does`);
  }
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
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
