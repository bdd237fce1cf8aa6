/**
 * What a reader checks at a glance on a chart, checked on the chart as the browser draws it: Vega
 * renders the lesson's Vega-Lite spec in Chromium (real fonts, real text widths), and these checks
 * walk its scene graph, the marks as drawn:
 *
 * - every legend entry has a visible mark of its colour in the plot, of the legend symbol's kind (a line
 *   for a stroke, a point for a triangle);
 * - no two series are drawn on top of each other (same points within a pixel) unless one is dashed;
 * - the labels of an axis do not collide (nor touch);
 * - no number printed as `0e+0`;
 * - the titles of panels side by side sit at one height;
 * - the axes fit the data shown: the marks of each plot (each panel of a faceted chart) span at least
 *   half its width and half its height.
 *
 * Colours fixed per series across the redraws of a live chart: {@link legendColors} of each frame.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import { compileToVega } from '../../../lib/plots/render-svg';
import type { VegaLiteSpec } from '../../../lib/plots/vega-lite-spec';
import { projectRoot } from '../../helpers/python';

/** What the checks found on one chart (empty `problems`: it reads at a glance). */
export interface ChartReport {
  name: string;
  problems: string[];
  /** Legend entry → colour of its symbol. */
  legend: Record<string, string>;
  /** Every text drawn (titles, labels, legends). */
  texts: string[];
}

/**
 * Axes a chart fixes on purpose, which the fill check leaves alone: the x axis of a live chart that
 * spans the whole training from its first frame (the lines grow across it), the y axis of accuracy
 * fixed to [0, 1] (models compare at a glance).
 */
export interface FixedAxes {
  x?: boolean;
  y?: boolean;
}

/** A page with Vega loaded (from node_modules, no network) to draw charts on. */
export async function openChartPage(page: Page): Promise<void> {
  await page.setContent('<!doctype html><html><body style="margin:0;background:#fff"></body></html>');
  await page.addScriptTag({ path: path.join(projectRoot, 'node_modules', 'vega', 'build', 'vega.min.js') });
}

/**
 * Draws `spec` on the page (SVG renderer), runs the checks in the page, and saves a screenshot of the
 * chart as `<dir>/<name>.png` when `dir` is given.
 */
export async function checkChart(
  page: Page,
  name: string,
  spec: VegaLiteSpec,
  dir?: string,
  fixed: FixedAxes = {},
): Promise<ChartReport> {
  const vegaSpec = await compileToVega(spec);
  const id = `chart-${name.replace(/[^\w-]/g, '_')}`;
  const report = await page.evaluate(inPageChecks, { id, name, vegaSpec, fixed });
  if (dir) {
    fs.mkdirSync(dir, { recursive: true });
    await page.locator(`#${id}`).screenshot({ path: path.join(dir, `${id.slice(6)}.png`) });
  }
  return report;
}

/** Runs in the page: draws the chart and walks its scene graph. Self-contained (it is serialized). */
async function inPageChecks(args: {
  id: string;
  name: string;
  vegaSpec: unknown;
  fixed: FixedAxes;
}): Promise<ChartReport> {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const page = globalThis as any;
  const vega = page.vega;
  const document = page.document;
  document.getElementById(args.id)?.remove();
  const div = document.createElement('div');
  div.id = args.id;
  div.style.display = 'inline-block';
  div.style.padding = '4px';
  document.body.appendChild(div);
  const view = new vega.View(vega.parse(args.vegaSpec), { renderer: 'svg', container: div, hover: false });
  await view.runAsync();
  const problems: string[] = [];
  type Bounds = { x1: number; y1: number; x2: number; y2: number };
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  type Item = any;
  const texts: string[] = [];
  const legend: Record<string, string> = {};
  /** Legend entry → shape of its symbol ('stroke' for a line). */
  const shapes = new Map<string, string>();
  const root = view.scenegraph().root;
  const dataMarks: { item: Item; bounds: Bounds; type: string; clipped: Bounds | null; ox: number; oy: number }[] = [];
  const axisLabels = new Map<Item, { text: string; b: Bounds }[]>();
  const titles: { text: string; b: Bounds }[] = [];
  const plots: { group: Item; bounds: Bounds; title?: Bounds }[] = [];
  const visible = (item: Item) =>
    item.opacity !== 0 && item.strokeOpacity !== 0 && !(item.fillOpacity === 0 && item.strokeOpacity === 0);

  /** Walks the scene graph; `origin` is the group's offset on the canvas. */
  function walk(node: Item, ox: number, oy: number, role: string, axis: Item, clip: Bounds | null): void {
    if (node.marktype) {
      const markRole = node.role as string;
      for (const item of node.items ?? []) {
        if (node.marktype === 'group') {
          const gx = ox + (item.x ?? 0);
          const gy = oy + (item.y ?? 0);
          const inner =
            item.clip || markRole === 'cell' || markRole === 'scope'
              ? { x1: gx, y1: gy, x2: gx + (item.width ?? 0), y2: gy + (item.height ?? 0) }
              : clip;
          // The plots: facet cells, or the root view of a chart that is not faceted.
          if ((markRole === 'cell' || node === root) && item.width > 0 && item.height > 0)
            plots.push({ group: item, bounds: { x1: gx, y1: gy, x2: gx + item.width, y2: gy + item.height } });
          const nextAxis = markRole === 'axis' ? item : axis;
          for (const child of item.items ?? [])
            walk(child, gx, gy, markRole === 'mark' ? role : markRole, nextAxis, inner);
          continue;
        }
        const b = item.bounds
          ? { x1: item.bounds.x1 + ox, y1: item.bounds.y1 + oy, x2: item.bounds.x2 + ox, y2: item.bounds.y2 + oy }
          : null;
        if (node.marktype === 'text' && item.text !== undefined && item.text !== null && visible(item)) {
          const text = Array.isArray(item.text) ? item.text.join(' ') : String(item.text);
          texts.push(text);
          if (/(^|[^\d.])0(\.0+)?e[+-]?0+\b/i.test(text)) problems.push(`"${text}": zero printed as 0e+0`);
          if (markRole === 'title-text' && b) titles.push({ text, b });
          if (markRole === 'axis-label' && b && text !== '') {
            const list = axisLabels.get(axis) ?? [];
            list.push({ text, b });
            axisLabels.set(axis, list);
          }
        }
        if (markRole === 'legend-symbol' || markRole === 'legend-label') continue;
        if (
          [
            'axis-label',
            'axis-tick',
            'axis-grid',
            'axis-domain',
            'axis-title',
            'title-text',
            'title-subtitle',
            'legend-title',
            'frame',
          ].includes(markRole)
        )
          continue;
        if (role && role.startsWith('axis')) continue;
        if (role && role.startsWith('legend')) continue;
        if (b && visible(item) && ['line', 'area', 'rect', 'symbol', 'rule', 'text', 'trail'].includes(node.marktype))
          dataMarks.push({ item, bounds: b, type: node.marktype, clipped: node.clip ? clip : null, ox, oy });
      }
      return;
    }
  }
  walk(root, 0, 0, '', null, null);

  // Legends: entry → colour, read from the legend's own groups (symbol and label side by side).
  function legends(node: Item): void {
    if (!node) return;
    if (node.marktype === 'group') {
      for (const item of node.items ?? []) {
        if (node.role === 'legend-entry' || node.role === 'scope') {
          // one entry: a symbol and a label
          const symbols: Item[] = [];
          const labels: Item[] = [];
          (function collect(n: Item) {
            if (n.role === 'legend-symbol') symbols.push(...(n.items ?? []));
            else if (n.role === 'legend-label') labels.push(...(n.items ?? []));
            for (const i of n.items ?? []) for (const c of i.items ?? []) collect(c);
          })(node);
          if (node.role === 'legend-entry' && symbols.length && labels.length)
            symbols.forEach((s, k) => {
              if (labels[k]) {
                legend[String(labels[k].text)] = String(s.stroke && s.stroke !== 'transparent' ? s.stroke : s.fill);
                shapes.set(String(labels[k].text), String(s.shape ?? 'circle'));
              }
            });
        }
        for (const child of item.items ?? []) legends(child);
      }
    }
  }
  legends(root);
  const inside = (b: Bounds, c: Bounds | null) =>
    !c || (b.x2 >= c.x1 - 1 && b.x1 <= c.x2 + 1 && b.y2 >= c.y1 - 1 && b.y1 <= c.y2 + 1);
  // The mark must match the legend's symbol: a line for a stroke, a point for a triangle.
  const matches = (shape: string | undefined, type: string) =>
    shape === 'stroke' ? type === 'line' : shape?.startsWith('triangle') ? type === 'symbol' : true;
  for (const [label, color] of Object.entries(legend)) {
    const seen = dataMarks.some(
      (m) =>
        m.type !== 'text' &&
        m.type !== 'rule' &&
        matches(shapes.get(label), m.type) &&
        [String(m.item.stroke).toLowerCase(), String(m.item.fill).toLowerCase()].includes(color.toLowerCase()) &&
        inside(m.bounds, m.clipped) &&
        (m.bounds.x2 - m.bounds.x1 > 0.5 || m.bounds.y2 - m.bounds.y1 > 0.5),
    );
    if (!seen)
      problems.push(`legend entry "${label}" (${color}, ${shapes.get(label)}) has no visible mark of that shape`);
  }

  // Series on top of each other: line items by stroke; points rounded to a pixel.
  const series = new Map<string, { dashed: boolean; points: Set<string> }>();
  for (const m of dataMarks)
    if (m.type === 'line' && m.item.stroke) {
      const key = `${String(m.item.stroke).toLowerCase()}`;
      const s = series.get(key) ?? { dashed: false, points: new Set<string>() };
      s.dashed ||= Array.isArray(m.item.strokeDash) ? m.item.strokeDash.length > 0 : !!m.item.strokeDash;
      s.points.add(`${Math.round(m.ox + m.item.x)},${Math.round(m.oy + m.item.y)}`);
      series.set(key, s);
    }
  const keys = [...series.keys()];
  for (let i = 0; i < keys.length; i++)
    for (let j = i + 1; j < keys.length; j++) {
      const a = series.get(keys[i])!;
      const b = series.get(keys[j])!;
      const [small, big] = a.points.size <= b.points.size ? [a, b] : [b, a];
      if (small.points.size < 3) continue;
      const shared = [...small.points].filter((p) => big.points.has(p)).length;
      if (shared >= 0.9 * small.points.size && !a.dashed && !b.dashed)
        problems.push(`series ${keys[i]} and ${keys[j]} are drawn on top of each other, neither dashed`);
    }

  // Axis labels that collide or touch (1 px apart at least).
  for (const labels of axisLabels.values())
    for (let i = 0; i < labels.length; i++)
      for (let j = i + 1; j < labels.length; j++) {
        const p = labels[i].b;
        const q = labels[j].b;
        if (p.x1 < q.x2 + 1 && q.x1 < p.x2 + 1 && p.y1 < q.y2 + 1 && q.y1 < p.y2 + 1)
          problems.push(`axis labels "${labels[i].text}" and "${labels[j].text}" collide`);
      }

  // Panel titles side by side sit at one height: titles less than a line apart but not level are a slip.
  for (let i = 0; i < titles.length; i++)
    for (let j = i + 1; j < titles.length; j++) {
      const dy = Math.abs(titles[i].b.y1 - titles[j].b.y1);
      if (dy > 1 && dy < 12)
        problems.push(`titles "${titles[i].text}" and "${titles[j].text}" are ${dy.toFixed(1)} px apart in height`);
    }

  // Axes that fit: the marks of each plot span at least half its width and half its height.
  for (const plot of plots) {
    const own = dataMarks.filter(
      (m) =>
        m.type !== 'text' &&
        m.type !== 'rule' &&
        m.bounds.x1 >= plot.bounds.x1 - 8 &&
        m.bounds.x2 <= plot.bounds.x2 + 8 &&
        m.bounds.y1 >= plot.bounds.y1 - 40 &&
        m.bounds.y2 <= plot.bounds.y2 + 8,
    );
    const content = dataMarks.filter(
      (m) =>
        m.bounds.x1 >= plot.bounds.x1 - 8 &&
        m.bounds.x2 <= plot.bounds.x2 + 300 &&
        m.bounds.y1 >= plot.bounds.y1 - 40 &&
        m.bounds.y2 <= plot.bounds.y2 + 8,
    );
    if (own.length === 0) continue;
    const span = (list: typeof content, lo: 'x1' | 'y1', hi: 'x2' | 'y2') =>
      Math.min(...list.map((m) => m.bounds[hi]), Infinity) === Infinity
        ? 0
        : Math.max(...list.map((m) => Math.min(m.bounds[hi], plot.bounds[hi]))) -
          Math.min(...list.map((m) => Math.max(m.bounds[lo], plot.bounds[lo])));
    const w = plot.bounds.x2 - plot.bounds.x1;
    const h = plot.bounds.y2 - plot.bounds.y1;
    if (!args.fixed.x && span(content, 'x1', 'x2') < 0.5 * w)
      problems.push(`the marks fill ${Math.round((100 * span(content, 'x1', 'x2')) / w)}% of the plot's width`);
    if (!args.fixed.y && span(own, 'y1', 'y2') < 0.5 * h)
      problems.push(`the marks fill ${Math.round((100 * span(own, 'y1', 'y2')) / h)}% of the plot's height`);
  }
  view.finalize();
  return { name: args.name, problems: [...new Set(problems)], legend, texts };
}
