/**
 * Smaller charts in the executed notebooks, with the same pictures: every chart output carries its
 * Vega-Lite spec and its SVG, and with 500 epochs of 12 series those were most of a 6 MB notebook.
 *
 * - {@link compactSpec}: the inline data of a spec, rounded to what a chart can show and written as
 *   columns (one object per group of rows, arrays of numbers that Vega-Lite's `flatten` transform
 *   turns back into rows), so that field names and repeated labels are written once; and large
 *   inline data kept as one JSON string (`format: { type: "json" }`), which a notebook stores as
 *   one line instead of one indented line per number.
 * - {@link compactSvg}: the coordinates of an SVG drawing rounded to a tenth of a pixel, without the
 *   per-mark accessibility labels (the SVG is shown as an image, whose inside no screen reader
 *   reads; JupyterLab's interactive chart keeps them), attributes in single quotes (a notebook
 *   stores the SVG as a JSON string, where every double quote costs a backslash).
 */
import type { VegaLiteSpec } from './vega-lite-spec.js';

/** Significant digits kept of each number: more than a chart's pixels (or a tooltip) can show. */
const DIGITS = 4;
/** Below this many rows, data is left as it is. */
const MIN_ROWS = 20;
/** Inline data longer than this (as JSON) is stored as a JSON string. */
const MIN_STRING_CHARS = 2000;

/** `value` rounded to a multiple of a power of ten no larger than `step`. */
function roundTo(value: number, step: number): number {
  if (!Number.isFinite(value) || value === 0 || !(step > 0)) return value;
  const digits = Math.floor(Math.log10(Math.abs(value))) - Math.floor(Math.log10(step)) + 1;
  if (digits >= 17) return value;
  if (digits < 1) return 0;
  return Number(value.toPrecision(digits));
}

/**
 * Rounds a column of numbers to {@link DIGITS} significant digits, but never coarser than a
 * 10^-DIGITS-th of the column's range (a zoomed linear axis such as 1000.12–1000.13 keeps its
 * detail; a log axis down to 1e-10 keeps every value's own digits).
 */
export function roundColumn(values: readonly (number | null)[]): (number | null)[] {
  const finite = values.filter((v): v is number => typeof v === 'number' && Number.isFinite(v));
  if (finite.length === 0) return [...values];
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of finite) {
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  const rangeStep = hi > lo ? (hi - lo) * 10 ** -DIGITS : Infinity;
  return values.map((v) => {
    if (typeof v !== 'number' || v === 0 || !Number.isFinite(v)) return v;
    const ownStep = 10 ** (Math.floor(Math.log10(Math.abs(v))) - DIGITS + 1);
    return roundTo(v, Math.min(ownStep, rangeStep));
  });
}

type Row = Record<string, unknown>;

/**
 * The rows as groups (rows with equal non-numeric fields) holding one array per numeric field, and
 * those numeric fields, or `undefined` when the rows are not a plain table worth it.
 */
function columns(rows: readonly unknown[]): { groups: Row[]; numeric: string[] } | undefined {
  if (rows.length < MIN_ROWS || !rows.every((r) => typeof r === 'object' && r !== null && !Array.isArray(r)))
    return undefined;
  const first = rows[0] as Row;
  const keys = Object.keys(first);
  const numeric = keys.filter((k) => (rows as Row[]).some((r) => typeof r[k] === 'number'));
  if (numeric.length === 0) return undefined;
  for (const r of rows as Row[]) {
    const rk = Object.keys(r);
    if (rk.length !== keys.length || !keys.every((k) => k in r)) return undefined;
    for (const k of keys) {
      const v = r[k];
      if (numeric.includes(k) ? v !== null && typeof v !== 'number' : typeof v === 'object' && v !== null)
        return undefined;
    }
  }
  const labels = keys.filter((k) => !numeric.includes(k));
  const groups = new Map<string, Row>();
  for (const r of rows as Row[]) {
    const id = JSON.stringify(labels.map((k) => r[k]));
    let group = groups.get(id);
    if (group === undefined) {
      const created: Row = Object.fromEntries([...labels.map((k) => [k, r[k]]), ...numeric.map((k) => [k, []])]);
      groups.set(id, created);
      group = created;
    }
    for (const k of numeric) (group[k] as unknown[]).push(typeof r[k] === 'number' ? r[k] : null);
  }
  // Round each column over all groups, so that every group gets the same precision.
  for (const k of numeric) {
    const all = roundColumn([...groups.values()].flatMap((g) => g[k] as (number | null)[]));
    let offset = 0;
    for (const g of groups.values()) {
      const n = (g[k] as unknown[]).length;
      g[k] = all.slice(offset, offset + n);
      offset += n;
    }
  }
  if (groups.size * 4 > rows.length) return undefined; // labels that hardly repeat: nothing to gain
  return { groups: [...groups.values()], numeric };
}

/**
 * A copy of `spec` whose inline data tables (`data: { values: [...] }` of any view with at least
 * 20 rows of numbers and labels) are rounded (see {@link roundColumn}) and stored as columns, with a
 * `flatten` transform put first in that view's transforms to rebuild the rows; inline data of more
 * than 2000 characters is then stored as a JSON string (Vega-Lite parses it, `format: json`). The chart is drawn
 * from the same rows, so it looks the same (rows come grouped by their labels, in the order the
 * labels first appear). NaN and ±Infinity, which JSON cannot hold, become null as before.
 */
export function compactSpec(spec: VegaLiteSpec): VegaLiteSpec {
  return compactView(spec) as VegaLiteSpec;
}

function compactView(view: unknown): unknown {
  if (Array.isArray(view)) return view.map(compactView);
  if (typeof view !== 'object' || view === null) return view;
  const out: Row = {};
  for (const [k, v] of Object.entries(view)) {
    // Views nest under these keys; everything else (encodings, params, ...) is copied as is.
    out[k] = ['layer', 'spec', 'hconcat', 'vconcat', 'concat'].includes(k) ? compactView(v) : v;
  }
  const data = out.data as { values?: unknown; format?: unknown } | undefined;
  if (data && Array.isArray(data.values) && data.format === undefined) {
    const table = columns(data.values);
    let values: unknown = data.values;
    if (table) {
      values = table.groups;
      out.transform = [{ flatten: table.numeric }, ...((out.transform as unknown[] | undefined) ?? [])];
    }
    const json = JSON.stringify(values);
    out.data =
      json.length > MIN_STRING_CHARS ? { ...data, values: json, format: { type: 'json' } } : { ...data, values };
  }
  return out;
}

/** SVG attributes that hold coordinates (in pixels). */
const GEOMETRY = /\s(d|transform|x|y|x1|x2|y1|y2|cx|cy|r|rx|ry|width|height|points)="([^"]*)"/g;
const NUMBER = /-?(?:\d+\.\d*|\.\d+|\d+)(?:e[-+]?\d+)?/gi;

/** Per-mark accessibility attributes Vega writes (a description of every point of a scatter plot). */
const ARIA = /\s(?:aria-label|aria-roledescription|role)="[^"]*"/g;
const ATTRIBUTE = /(\s[\w:-]+)="([^"']*)"/g;

/**
 * `svg` with the numbers of its geometry attributes (paths, positions, sizes) rounded to a tenth
 * of a pixel (Vega writes up to 17 digits), without per-mark `aria-*` and `role` attributes, and
 * with attributes in single quotes; texts and colours are left alone.
 */
export function compactSvg(svg: string): string {
  return svg
    .replace(ARIA, '')
    .replace(GEOMETRY, (_, name: string, value: string) => {
      const rounded = value.replace(NUMBER, (n) => {
        const r = Math.round(Number(n) * 10) / 10;
        return Object.is(r, -0) ? '0' : String(r);
      });
      return ` ${name}="${rounded}"`;
    })
    .replace(ATTRIBUTE, "$1='$2'");
}

/**
 * The rows a view draws from its inline data, undoing {@link compactSpec}: a JSON string is parsed
 * and columns are flattened back into one row per point (for readers of executed notebooks: tests,
 * scripts). Data without the compact form is returned as it is.
 */
export function inlineRows(view: { data?: { values?: unknown }; transform?: unknown[] }): Row[] {
  const raw = view.data?.values;
  const parsed = typeof raw === 'string' ? (JSON.parse(raw) as unknown) : raw;
  if (!Array.isArray(parsed)) return [];
  const flatten = (view.transform ?? []).find(
    (t): t is { flatten: string[] } => typeof t === 'object' && t !== null && 'flatten' in t,
  )?.flatten;
  if (flatten === undefined) return parsed as Row[];
  return (parsed as Row[]).flatMap((group) => {
    const n = Math.max(0, ...flatten.map((k) => (Array.isArray(group[k]) ? (group[k] as unknown[]).length : 0)));
    return Array.from({ length: n }, (_, i) => ({
      ...group,
      ...Object.fromEntries(flatten.map((k) => [k, (group[k] as unknown[] | undefined)?.[i] ?? null])),
    }));
  });
}
