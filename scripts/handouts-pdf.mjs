#!/usr/bin/env node
/**
 * `npm run handouts:pdf`: prints the HTML handouts (handouts/*.html, made by `npm run handouts`) to
 * PDF files beside them, with Chrome, Chromium or Edge (found as lib/platform's findBrowser says:
 * CHROME_PATH, then the usual places on each OS) through playwright-core.
 * The pages are opened offline: any request that is not file: or data: is refused, and the script
 * fails if a handout tried one (a handout must be complete on its own).
 * Usage: node scripts/handouts-pdf.mjs [--dir DIR] [handout names...]
 *   --dir DIR   the folder of the handouts (default: handouts/; `npm run handouts -- --out DIR` wrote them)
 *   names       default: every .html in that folder
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { basename, join, relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { platform, root } from './paths.mjs';

const PRINT_CSS = `
@media print {
  .jp-Cell pre, .jp-OutputArea-output pre { white-space: pre-wrap !important; overflow-wrap: anywhere; }
  .jp-OutputArea-output img { max-width: 100% !important; height: auto !important; }
  .jp-OutputArea-child, .jp-InputArea { break-inside: avoid; }
}`;

const args = process.argv.slice(2);
const dirAt = args.indexOf('--dir');
if (dirAt >= 0 && !args[dirAt + 1]) {
  console.error('handouts-pdf: --dir needs a folder');
  process.exit(2);
}
const handouts = dirAt >= 0 ? resolve(args[dirAt + 1]) : join(root, 'handouts');
if (dirAt >= 0) args.splice(dirAt, 2);
const requested = args.map((n) => `${basename(n, '.html').replace(/\.ipynb$/, '')}.html`);
const names = requested.length
  ? requested
  : existsSync(handouts)
    ? readdirSync(handouts)
        .filter((f) => f.endsWith('.html'))
        .sort()
    : [];
if (names.length === 0) {
  console.error(`No HTML handout in ${relative(process.cwd(), handouts) || '.'}/: run "npm run handouts" first.`);
  process.exit(1);
}
const missing = names.filter((n) => !existsSync(join(handouts, n)));
if (missing.length) {
  console.error(
    `Missing in ${relative(process.cwd(), handouts) || '.'}/: ${missing.join(', ')}. Run "npm run handouts" first.`,
  );
  process.exit(1);
}
const found = platform.findBrowser();
if (found.path === null) {
  console.error(`No Chrome or Chromium found to print the PDFs. ${found.hint}`);
  process.exit(1);
}

const browser = await chromium.launch({ executablePath: found.path, args: [...platform.HEADLESS_CHROMIUM_ARGS] });
let failed = false;
try {
  for (const name of names) {
    const html = join(handouts, name);
    const pdf = join(handouts, name.replace(/\.html$/, '.pdf'));
    const context = await browser.newContext();
    const refused = [];
    await context.route('**/*', (route) => {
      const url = route.request().url();
      if (url.startsWith('file:') || url.startsWith('data:')) return route.continue();
      refused.push(url);
      return route.abort('blockedbyclient');
    });
    const page = await context.newPage();
    await page.goto(pathToFileURL(html).href, { waitUntil: 'load' });
    // Every chart is an <img>: wait until each is decoded, and name any that cannot be.
    const broken = await page.evaluate(async () => {
      const images = Array.from(globalThis.document.images);
      await Promise.all(images.map((img) => img.decode().catch(() => undefined)));
      return images.filter((img) => img.naturalWidth === 0).map((img) => img.src.slice(0, 80));
    });
    // On paper nothing scrolls: wrap long code and output lines, and keep each chart on one page.
    await page.addStyleTag({ content: PRINT_CSS });
    await page.pdf({
      path: pdf,
      format: 'A4',
      scale: 0.8, // the 90-column model summaries fit the width
      printBackground: true,
      margin: { top: '14mm', bottom: '16mm', left: '12mm', right: '12mm' },
      displayHeaderFooter: true,
      headerTemplate: '<span></span>',
      footerTemplate:
        '<div style="width:100%;font-size:8px;color:#666;text-align:center;"><span class="title"></span> · <span class="pageNumber"></span>/<span class="totalPages"></span></div>',
    });
    await context.close();
    if (refused.length || broken.length) {
      failed = true;
      if (refused.length) console.error(`${name} tried to load from the network (refused): ${refused.join(', ')}`);
      if (broken.length) console.error(`${name} has images that do not load: ${broken.join(', ')}`);
    }
    console.log(`wrote ${relative(process.cwd(), pdf) || pdf} (${Math.round(statSync(pdf).size / 1024)} KiB)`);
  }
} finally {
  await browser.close();
}
process.exit(failed ? 1 : 0);
