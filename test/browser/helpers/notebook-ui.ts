/**
 * Driving a notebook in JupyterLab 4 as a person does (menus, the toolbar's kernel status, the cells'
 * prompts) and reading back what JupyterLab shows in the cells' outputs.
 *
 * All queries are scoped to the notebook panel that is on screen (`.jp-NotebookPanel` not hidden).
 */
import { Locator, Page } from 'playwright-core';

/** The code that runs in the page uses the DOM; these tests type-check without the DOM library. */
declare const document: { querySelector(selector: string): DomElement | null };
interface DomElement {
  className: string;
  textContent: string | null;
  getAttribute(name: string): string | null;
  querySelector(selector: string): DomElement | null;
  querySelectorAll(selector: string): ArrayLike<DomElement>;
  closest(selector: string): DomElement | null;
  getBoundingClientRect(): { width: number; height: number };
}

export const PANEL = '.jp-NotebookPanel:not(.lm-mod-hidden)';
export const VEGA_OUTPUT = '.jp-RenderedVegaCommon5';

/** What JupyterLab shows in one output of one cell. */
export interface ShownOutput {
  /** Index of the cell in the notebook (all cell types). */
  cell: number;
  /** The MIME type JupyterLab rendered (its `data-mime-type`), '' when none is set. */
  mime: string;
  /** Classes of the rendered output node, e.g. `jp-RenderedVegaCommon5 jp-RenderedVegaLite`. */
  classes: string;
  text: string;
}

export interface NotebookRunState {
  /** Kernel status of the toolbar's execution indicator: idle, busy, starting, dead, ... */
  status: string;
  /** The input prompts of the code cells, in order: `[3]:`, `[*]:`, `[ ]:`. */
  prompts: string[];
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Reads the kernel status and the code cells' prompts of the notebook on screen. */
export function runState(page: Page): Promise<NotebookRunState> {
  return page.evaluate((panelSelector) => {
    const panel = document.querySelector(panelSelector);
    const indicator = panel?.querySelector('.jp-Notebook-ExecutionIndicator');
    const prompts = Array.from(panel?.querySelectorAll('.jp-Notebook .jp-CodeCell .jp-InputArea-prompt') ?? []).map(
      (p) => (p.textContent ?? '').trim(),
    );
    return { status: indicator?.getAttribute('data-status') ?? 'unknown', prompts };
  }, PANEL);
}

/**
 * Opens a notebook URL and waits until it shows its cells and its kernel is ready (the toolbar names
 * the kernel and its status is idle).
 */
export async function openNotebook(page: Page, url: string, kernelDisplayName: string): Promise<void> {
  await page.goto(url);
  await page.locator(`${PANEL} .jp-Notebook .jp-Cell`).first().waitFor({ timeout: 120_000 });
  await page.locator(`${PANEL} .jp-KernelName`, { hasText: kernelDisplayName }).waitFor({ timeout: 120_000 });
  await page.locator(`${PANEL} .jp-Notebook-ExecutionIndicator[data-status="idle"]`).waitFor({ timeout: 120_000 });
}

/** Opens a main menu and clicks the item that runs `command` (e.g. Run → "Run All Cells" is `runmenu:run-all`). */
export async function menu(page: Page, menuName: string, command: string): Promise<void> {
  await page.getByRole('menuitem', { name: menuName, exact: true }).click();
  await page.locator(`.lm-Menu-item[data-command="${command}"]`).click();
}

/**
 * Run → Run All Cells, then waits until the kernel is idle with no cell waiting (`[*]`) for a few
 * seconds in a row: the run is over, whether every cell ran or an error stopped the queue.
 * `giveUpMs` guards against a hung kernel; it is no speed requirement.
 */
export async function runAllCells(page: Page, giveUpMs: number): Promise<NotebookRunState> {
  await page.locator(`${PANEL} .jp-Notebook`).click({ position: { x: 5, y: 5 } });
  await menu(page, 'Run', 'runmenu:run-all');
  const giveUpAt = Date.now() + giveUpMs;
  let quiet = 0;
  for (;;) {
    const state = await runState(page);
    if (state.status === 'dead')
      throw new Error(`the kernel died while running the notebook; prompts: ${state.prompts.join(' ')}`);
    const started = state.prompts.some((p) => /\[\d+\]/.test(p));
    const waiting = state.prompts.some((p) => p.includes('*'));
    quiet = state.status === 'idle' && started && !waiting ? quiet + 1 : 0;
    if (quiet >= 3) return state;
    if (Date.now() > giveUpAt)
      throw new Error(`the notebook was still running after ${giveUpMs / 60_000} min: ${JSON.stringify(state)}`);
    await sleep(2000);
  }
}

/** File → Save Notebook, then waits until the tab no longer shows unsaved changes. */
export async function saveNotebook(page: Page): Promise<void> {
  await menu(page, 'File', 'docmanager:save');
  await page
    .locator('.lm-DockPanel-tabBar .lm-TabBar-tab.jp-mod-current:not(.jp-mod-dirty)')
    .waitFor({ timeout: 60_000 });
}

/** Every output JupyterLab shows in the notebook on screen. */
export function shownOutputs(page: Page): Promise<ShownOutput[]> {
  return page.evaluate((panelSelector) => {
    const panel = document.querySelector(panelSelector);
    const cells = Array.from(panel?.querySelectorAll('.jp-Notebook .jp-Cell') ?? []);
    return cells.flatMap((cell, index) =>
      Array.from(cell.querySelectorAll('.jp-OutputArea-output')).map((node) => ({
        cell: index,
        mime: node.getAttribute('data-mime-type') ?? '',
        classes: node.className,
        text: node.textContent ?? '',
      })),
    );
  }, PANEL);
}

/** The rendered Vega-Lite outputs of the notebook on screen, in order. */
export function vegaOutputs(page: Page): Locator {
  return page.locator(`${PANEL} .jp-OutputArea-output${VEGA_OUTPUT}`);
}

/** What is drawn inside one rendered Vega output (after scrolling it into view). */
export interface ChartDrawing {
  /** `canvas` or `svg`: what vega-embed drew into; '' when nothing. */
  element: string;
  width: number;
  height: number;
  /** Canvas: pixels that differ from the corner pixel; SVG: number of marks (paths, lines, symbols, texts). */
  ink: number;
}

export async function chartDrawing(chart: Locator): Promise<ChartDrawing> {
  await chart.scrollIntoViewIfNeeded();
  return chart.evaluate((node: unknown) => {
    const root = node as DomElement;
    const canvas = root.querySelector('canvas') as
      | (DomElement & {
          width: number;
          height: number;
          getContext(
            kind: '2d',
          ): { getImageData(x: number, y: number, w: number, h: number): { data: ArrayLike<number> } } | null;
        })
      | null;
    if (canvas) {
      const box = canvas.getBoundingClientRect();
      const data = canvas.getContext('2d')?.getImageData(0, 0, canvas.width, canvas.height).data ?? [];
      let ink = 0;
      for (let i = 0; i < data.length; i += 4) {
        if (data[i] !== data[0] || data[i + 1] !== data[1] || data[i + 2] !== data[2] || data[i + 3] !== data[3]) ink++;
      }
      return { element: 'canvas', width: box.width, height: box.height, ink };
    }
    const svg = root.querySelector('svg');
    if (svg) {
      const box = svg.getBoundingClientRect();
      return {
        element: 'svg',
        width: box.width,
        height: box.height,
        ink: svg.querySelectorAll('path, line, rect, text, circle').length,
      };
    }
    return { element: '', width: 0, height: 0, ink: 0 };
  });
}

/**
 * A fingerprint of what a rendered chart shows right now: its canvas pixels or its SVG markup,
 * hashed (two calls give the same string exactly when the drawing is the same).
 */
export function drawingFingerprint(chart: Locator): Promise<string> {
  return chart.evaluate((node: unknown) => {
    const root = node as {
      querySelector(s: string): { toDataURL?(): string; outerHTML: string } | null;
    };
    const canvas = root.querySelector('canvas');
    const text = canvas?.toDataURL ? canvas.toDataURL() : (root.querySelector('svg')?.outerHTML ?? '');
    let hash = 0;
    for (let i = 0; i < text.length; i++) hash = (Math.imul(hash, 31) + text.charCodeAt(i)) | 0;
    return text ? `${canvas ? 'canvas' : 'svg'}:${text.length}:${hash}` : '';
  });
}
