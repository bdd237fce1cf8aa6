/**
 * What `npm start` / `npm run handouts` leaves for readers without Jupyter: the HTML handouts,
 * opened in Chromium with the network cut off (every request that is not file: or data: is refused
 * and recorded), and their PDF versions made by `npm run handouts:pdf`.
 *
 * The handouts are the test run's executions of the four notebooks, made by `npm start`'s runner
 * (scripts/run-lesson.mjs, see test/helpers/notebooks.ts), copied into a temporary folder where the
 * PDFs are written: the user's handouts/ and logs/ are left alone.
 * Screenshots of the charts: test-artifacts/handouts/. Nothing here asserts speed.
 */
import { spawnSync, SpawnSyncReturns } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Browser, Page } from 'playwright-core';
import {
  executedNotebook,
  ExecutedNotebook as ExecutedNotebookRun,
  releaseExecutedNotebook,
} from '../helpers/notebooks';
import { projectRoot } from '../helpers/python';
import { artifactsDir, describeWithBrowser, guardRequests, launchChromium } from './helpers/chromium';

const VEGA_LITE = 'application/vnd.vegalite.v5+json';
/** Waits for the four notebooks' runs (minutes); this only stops a hung run. */
const LESSON_TIMEOUT_MS = 40 * 60_000;
const NOTEBOOKS = fs
  .readdirSync(path.join(projectRoot, 'notebooks'))
  .filter((f) => f.endsWith('.ipynb'))
  .sort();

interface ExecutedOutput {
  output_type: string;
  data?: Record<string, unknown>;
}
interface ExecutedNotebook {
  cells: { cell_type: string; source?: string | string[]; outputs?: ExecutedOutput[] }[];
}

/** What the page shows of each output of the handout. */
interface HandoutOutput {
  /** Index of the code cell (0 = first code cell). */
  codeCell: number;
  classes: string;
  text: string;
  width: number;
  height: number;
  images: {
    src: string;
    complete: boolean;
    naturalWidth: number;
    naturalHeight: number;
    width: number;
    height: number;
  }[];
}

/** The code that runs in the page uses the DOM; these tests type-check without the DOM library. */
declare const document: { querySelectorAll(selector: string): ArrayLike<DomNode>; images: ArrayLike<DomImage> };
interface DomNode {
  className: string;
  textContent: string | null;
  querySelectorAll(selector: string): ArrayLike<DomNode>;
  getBoundingClientRect(): { width: number; height: number };
}
interface DomImage extends DomNode {
  src: string;
  complete: boolean;
  naturalWidth: number;
  naturalHeight: number;
  decode(): Promise<void>;
}

/** Runs `npm <args>` in the project; throws with its output when it fails, unless `mayFail`. */
function npm(args: string[], options: { env?: NodeJS.ProcessEnv; mayFail?: boolean } = {}): SpawnSyncReturns<string> {
  const r = spawnSync('npm', args, {
    cwd: projectRoot,
    env: options.env ?? process.env,
    encoding: 'utf8',
    timeout: LESSON_TIMEOUT_MS,
    maxBuffer: 256 * 1024 * 1024,
  });
  if (r.error) throw r.error;
  if (r.status !== 0 && !options.mayFail)
    throw new Error(`npm ${args.join(' ')} exited with ${r.status}:\n${r.stdout}\n${r.stderr}`);
  return r;
}

/** Where this run's handouts go (a temporary folder, set in beforeAll). */
let handouts: string;

function readExecuted(stem: string): ExecutedNotebook {
  return JSON.parse(fs.readFileSync(path.join(handouts, `${stem}.ipynb`), 'utf8')) as ExecutedNotebook;
}

describeWithBrowser('the handouts in Chromium', () => {
  let tmp: string;
  const runs: ExecutedNotebookRun[] = [];
  let browser: Browser | undefined;
  let shots: string;

  beforeAll(async () => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'lista5-handouts-'));
    handouts = path.join(tmp, 'handouts');
    fs.mkdirSync(handouts);
    for (const name of NOTEBOOKS) {
      const run = await executedNotebook(name);
      runs.push(run);
      for (const file of [run.executedPath, run.htmlPath])
        fs.copyFileSync(file, path.join(handouts, path.basename(file)));
    }
    browser = await launchChromium();
    shots = artifactsDir('handouts');
  }, LESSON_TIMEOUT_MS);

  afterAll(async () => {
    await browser?.close().catch(() => undefined);
    for (const run of runs) releaseExecutedNotebook(run);
    if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
  }, 60_000);

  test('npm run handouts is npm start (the same command, options passed on)', () => {
    const scripts = (
      JSON.parse(fs.readFileSync(path.join(projectRoot, 'package.json'), 'utf8')) as { scripts: Record<string, string> }
    ).scripts;
    expect(scripts.handouts).toBe('npm start --');
  });

  describe.each(NOTEBOOKS)('handouts/%s as HTML, offline in Chromium', (name) => {
    const stem = path.basename(name, '.ipynb');

    test('loads nothing from the network, and shows every chart and output', async () => {
      const html = path.join(handouts, `${stem}.html`);
      const executed = readExecuted(stem);
      const codeCells = executed.cells.filter((c) => c.cell_type === 'code');
      const chartsPerCell = codeCells.map(
        (c) => (c.outputs ?? []).filter((o) => o.data?.[VEGA_LITE] !== undefined).length,
      );
      const totalCharts = chartsPerCell.reduce((a, b) => a + b, 0);
      expect(totalCharts).toBeGreaterThan(0);

      const context = await browser!.newContext({ viewport: { width: 1280, height: 900 } });
      const refused = await guardRequests(context, (url) => url.startsWith('file:') || url.startsWith('data:'));
      const page: Page = await context.newPage();
      try {
        await page.goto(pathToFileURL(html).href, { waitUntil: 'load' });
        const { shownCodeCells, outputs } = await page.evaluate(
          async (): Promise<{ shownCodeCells: number; outputs: HandoutOutput[] }> => {
            await Promise.all(Array.from(document.images).map((img) => img.decode().catch(() => undefined)));
            const cells = Array.from(document.querySelectorAll('.jp-Cell.jp-CodeCell'));
            const shown = cells.flatMap((cell, codeCell) =>
              Array.from(cell.querySelectorAll('.jp-OutputArea-output')).map((node) => {
                const box = node.getBoundingClientRect();
                return {
                  codeCell,
                  classes: node.className,
                  text: (node.textContent ?? '').trim(),
                  width: box.width,
                  height: box.height,
                  images: (Array.from(node.querySelectorAll('img')) as DomImage[]).map((img) => {
                    const r = img.getBoundingClientRect();
                    return {
                      src: img.src.slice(0, 40),
                      complete: img.complete,
                      naturalWidth: img.naturalWidth,
                      naturalHeight: img.naturalHeight,
                      width: r.width,
                      height: r.height,
                    };
                  }),
                };
              }),
            );
            return { shownCodeCells: cells.length, outputs: shown };
          },
        );

        // As many outputs per code cell as the executed notebook holds, none of them empty.
        expect(shownCodeCells).toBe(codeCells.length);
        const perCell = codeCells.map((_, i) => outputs.filter((o) => o.codeCell === i).length);
        expect(perCell).toEqual(codeCells.map((c) => (c.outputs ?? []).length));
        const empty = outputs.filter(
          (o) => (o.text === '' && o.images.length === 0) || o.width === 0 || o.height === 0,
        );
        expect(empty).toEqual([]);

        // Each chart: one SVG image, decoded and laid out with a real size, in the cell that made it.
        const chartImages = outputs.flatMap((o) =>
          o.images.filter((i) => i.src.startsWith('data:image/svg+xml')).map((i) => ({ ...i, codeCell: o.codeCell })),
        );
        expect(codeCells.map((_, i) => chartImages.filter((c) => c.codeCell === i).length)).toEqual(chartsPerCell);
        for (const image of chartImages) {
          expect(image).toMatchObject({ complete: true });
          expect(image.naturalWidth).toBeGreaterThan(0);
          expect(image.naturalHeight).toBeGreaterThan(0);
          expect(image.width).toBeGreaterThan(100);
          expect(image.height).toBeGreaterThan(100);
        }
        await page.screenshot({ path: path.join(shots, `${stem}-top.png`) });
        const charts = page.locator('.jp-OutputArea-output img[src^="data:image/svg+xml"]');
        expect(await charts.count()).toBe(totalCharts);
        for (let i = 0; i < totalCharts; i++) {
          const chart = charts.nth(i);
          expect(await chart.isVisible()).toBe(true);
          await chart.screenshot({ path: path.join(shots, `${stem}-${String(i + 1).padStart(2, '0')}.png`) });
        }
        expect(refused).toEqual([]);
      } finally {
        await context.close();
      }
    }, 300_000);
  });

  describe('npm run handouts:pdf', () => {
    test('prints each HTML handout to a PDF with pages, the lesson text and every chart title', () => {
      const started = Math.floor(Date.now() / 1000) * 1000;
      // It fails (after writing every PDF) when a handout tried the network or has a broken image.
      const r = npm(['run', 'handouts:pdf', '--', '--dir', handouts], { mayFail: true });
      for (const name of NOTEBOOKS) {
        const stem = path.basename(name, '.ipynb');
        const pdf = path.join(handouts, `${stem}.pdf`);
        expect(r.stdout).toContain(`${stem}.pdf`);
        expect(fs.statSync(pdf).mtimeMs).toBeGreaterThanOrEqual(started);
        const info = spawnSync('pdfinfo', [pdf], { encoding: 'utf8' });
        if (info.error)
          throw new Error(`pdfinfo (Debian package poppler-utils) is needed to check the PDF: ${info.error.message}`);
        expect(info.status).toBe(0);
        const pages = Number(/^Pages:\s+(\d+)$/m.exec(info.stdout)?.[1]);
        expect(pages).toBeGreaterThan(1);
        expect(info.stdout).toMatch(/^Page size:.*\(A4\)$/m);
        const text = spawnSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
        expect(text.status).toBe(0);
        const flat = text.stdout.replace(/\s+/g, ' ');
        // The notebook's own title (its first heading) is printed.
        const heading = readExecuted(stem)
          .cells.map((c) => (Array.isArray(c.source) ? c.source.join('') : String(c.source ?? '')))
          .map((source) => /^#\s+(.+)$/m.exec(source)?.[1])
          .find((t) => t !== undefined);
        expect(heading).toMatch(/^Lista 5 – /);
        expect(flat).toContain(heading!.trim());
        // The charts are printed as vector graphics, with their titles as text.
        const titles = readExecuted(stem)
          .cells.flatMap((c) => c.outputs ?? [])
          .map((o) => (o.data?.[VEGA_LITE] as { title?: string | { text?: string } } | undefined)?.title)
          .filter((t) => t !== undefined)
          .map((t) => (typeof t === 'string' ? t : (t.text ?? '')));
        expect(titles.length).toBeGreaterThan(0);
        for (const title of titles) expect(flat).toContain(title.replace(/\s+/g, ' '));
      }
      expect({ status: r.status, output: r.status === 0 ? '' : `${r.stdout}\n${r.stderr}` }).toEqual({
        status: 0,
        output: '',
      });
    }, 300_000);
  });
});
