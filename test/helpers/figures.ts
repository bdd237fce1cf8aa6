/**
 * The figures rule (issue #17): every figure a markdown cell quotes as a result is printed by the same
 * run, at the same rounding, or written in the notebook's code. Pure functions over notebook JSON; the
 * rule runs over the executed solutions notebooks in test/figures-rule.test.ts.
 *
 * Number convention (issue #17, item 6): prose (markdown) writes decimals with the Portuguese comma
 * ("0,568", "7,5 × 10⁻⁵", "1,6×"); printed output uses the point, as JavaScript prints numbers ("0.568",
 * "7.5e-5", "1.6×"). Both sides are read into one canonical form, the significant digits and the power
 * of ten of the first one, so "0,568" ↔ "0.568", "3,4 × 10³" ↔ "3.4e+3", "7,5 × 10⁻⁵" ↔ "7.5e-5",
 * "120×" ↔ "1.2e+2×" — and "3,4 × 10³" does not match "3.36e+3", nor "0,568" match "0.5680" (the digits
 * are the rounding). Trailing zeros of a decimal count; those of an integer do not (120 = 1,2 × 10²).
 *
 * What counts as a quoted figure in markdown:
 *  - a decimal: "0,568" (or "0.01": read as well, and reported by `conventionIssues`);
 *  - scientific form with a mantissa: "3,4 × 10³", "3,4 × 10<sup>3</sup>", "2×10⁻¹", "8 × 10^-4",
 *    "7,5e-5" (exponent as Unicode superscripts, <sup>, ^ or e-notation; "×", "x" or "·", any spacing);
 *  - a ratio: "120×", "3,4×", "1,3 × uma matriz", "170 vezes";
 *  - a percentage: "44%", "~57%";
 *  - the first end of a range takes the form of the second: in "1,2 a 1,7 × 10⁻³" the 1,2 is
 *    1,2 × 10⁻³, in "de 15 a 220 vezes" the 15 is a ratio (separators: a, até, e, ou, –, —, -).
 *  Prefixes such as "≈", "~", "cerca de" change nothing: the figure must still be printed.
 * Exempt (structural, or an order of magnitude, not a result):
 *  - plain integers: epochs, layers, T = 40, seeds, "500 pontos", "razão 12" (unless × or vezes
 *    follows, or a range makes them a ratio or a scientific figure);
 *  - bare powers of ten: "na casa de 10⁻⁵", "~10⁻³", "10⁻²–10⁻¹" (a power with another base, as in
 *    "1,3<sup>19</sup>", keeps its base as a figure: 1,3 is the gain written in the code);
 *  - anything inside inline code or fenced code blocks, link targets, bare URLs and HTML tags (<sup>
 *    and <sub> are read as exponents and indices), and version numbers ("2.21.0");
 *  - "[0,1]" written without a space would read as a decimal: the notebooks write "[0, 1]".
 * Every markdown cell is read, the title and introduction included: they quote no figure today, and
 * one quoted there would be a claim like any other.
 *
 * A figure is printed by the run when a code cell's outputs (stream text, text/plain, and the titles of
 * its Vega-Lite charts) contain a number with the same canonical form — a ratio needs a printed "×"/"x"
 * after it, a percentage a printed "%" (44% is not matched by 0.44: "0.3 s" would vouch for "30%"),
 * a decimal or scientific figure matches any printed form of its digits. It is written in the code when a code
 * cell's source has that number as a literal with a decimal point or exponent (`learningRate: 0.01`
 * → "0,01"); integer literals (units: 5, epochs: 100) are everywhere in code and vouch for nothing.
 * Theory figures (`THEORY_FIGURES`) follow the same rule: the notebook prints them too.
 */
import type { NotebookCell, NotebookOutput } from './notebooks';

export type FigureKind = 'decimal' | 'scientific' | 'ratio' | 'percent';
type TokenKind = FigureKind | 'integer' | 'power';

/** A number read from text, in canonical form: significant digits and the power of ten of the first. */
export interface NumberToken {
  /** The text as written ("3,4 × 10<sup>3</sup>"). */
  text: string;
  /** Where it starts and ends in the text it was read from. */
  start: number;
  end: number;
  kind: TokenKind;
  /** Canonical key: "-"?digits "e" exponent, e.g. 0,568 → "568e-1", 120 → "12e2"; zero → "0". */
  key: string;
  /** The decimal separator it was written with, if any. */
  separator: ',' | '.' | '';
  /** Written in e-notation ("7,5e-5"). */
  eNotation: boolean;
  /** The k of "× 10^k" or "e k" (0 when there is none). */
  writtenExponent: number;
}

/** A figure that a markdown cell quotes. */
export interface QuotedFigure extends NumberToken {
  kind: FigureKind;
}

/** Figures of theory (not measured): the notebook prints them as well, and the reader knows why. */
export const THEORY_FIGURES: readonly { name: string; value: number; why: string; kind?: FigureKind }[] = [
  { name: 'σ(1)', value: 1 / (1 + Math.exp(-1)), why: 'the sigmoid at 1' },
  { name: '1,3^19', value: 1.3 ** 19, why: 'gain 1,3 over the 19 steps between the first and the last (T = 20)' },
  { name: '1,3 − 1', value: 1.3 - 1, why: 'with gain 1,3 the state grows by this much a step', kind: 'percent' },
  { name: 'acaso', value: 1 / 2, why: 'a coin flip between two balanced classes', kind: 'percent' },
];

const SUPERSCRIPT = '⁰¹²³⁴⁵⁶⁷⁸⁹';
const SUP_CLASS = `[⁻⁺]?[${SUPERSCRIPT}]+`;
/** A number not glued to a word, an identifier or another number. */
const NUMBER = /(?<![\p{L}\p{N}_.,])([-−]?)(\d+)(?:([.,])(\d+))?/gu;
/** What may follow a number, tried in this order. */
const EXPONENT = new RegExp(`^(?:(${SUP_CLASS})|<sup>\\s*([-−+]?\\d+)\\s*</sup>|\\^\\{?([-−+]?\\d+)\\}?)`, 'u');
const TIMES_TEN = /^\s*[×x·]\s*10(?![\d.,])/u;
const E_NOTATION = /^[eE]([-+−]?\d+)(?![\p{L}\p{N}])/u;
const RATIO = /^(?:\s?(?:×|x(?![\p{L}\p{N}]))|\s+vezes(?!\p{L}))/u;
const PERCENT = /^\s?%/;
const VERSION = /^[.,]\d/;
const RANGE = /^\s*(?:a|até|e|ou|–|—|-)\s*$/u;

function superscriptToInt(s: string): number {
  const sign = s.startsWith('⁻') ? -1 : 1;
  const digits = [...s.replace(/^[⁻⁺]/, '')].map((c) => SUPERSCRIPT.indexOf(c)).join('');
  return sign * Number(digits);
}

/** Reads an exponent right at the start of `rest`: ⁻⁵, <sup>3</sup>, ^-4. */
function readExponent(rest: string): { exponent: number; length: number } | undefined {
  const m = EXPONENT.exec(rest);
  if (!m) return undefined;
  const raw = m[1] !== undefined ? superscriptToInt(m[1]) : Number((m[2] ?? m[3]).replace('−', '-'));
  return { exponent: raw, length: m[0].length };
}

/** The canonical key of ±int.frac × 10^exponent (digits as written: they are the rounding). */
export function canonicalKey(negative: boolean, int: string, frac: string, exponent: number): string {
  const all = int + frac;
  const first = all.search(/[1-9]/);
  if (first < 0) return '0';
  let digits = all.slice(first);
  if (frac === '') digits = digits.replace(/0+$/, '') || '0';
  return `${negative ? '-' : ''}${digits}e${int.length - 1 - first + exponent}`;
}

/** Shifts a canonical key by a power of ten (a percentage is its number × 10⁻²). */
export function shiftKey(key: string, by: number): string {
  if (key === '0') return key;
  const m = /^(-?\d+)e(-?\d+)$/.exec(key);
  return m ? `${m[1]}e${Number(m[2]) + by}` : key;
}

/**
 * Every number in `text` (already masked: see `maskMarkdown`), classified. Bare powers of ten are
 * kind 'power'; the exponent of any power is consumed, so it is not read as a number of its own.
 */
export function readNumbers(text: string): NumberToken[] {
  const tokens: NumberToken[] = [];
  NUMBER.lastIndex = 0;
  for (let m = NUMBER.exec(text); m; m = NUMBER.exec(text)) {
    const [whole, sign, int, separator = '', frac = ''] = m;
    const start = m.index;
    let end = start + whole.length;
    const rest = text.slice(end);
    if (VERSION.test(rest)) {
      // 2.21.0: skip the whole version
      const v = /^(?:[.,]\d+)+/.exec(rest);
      NUMBER.lastIndex = end + (v ? v[0].length : 0);
      continue;
    }
    const negative = sign !== '';
    let kind: TokenKind = separator ? 'decimal' : 'integer';
    let exponent = 0;
    let eNotation = false;
    const power = readExponent(rest);
    const timesTen = TIMES_TEN.exec(rest);
    const timesTenExp = timesTen ? readExponent(rest.slice(timesTen[0].length)) : undefined;
    const eNot = E_NOTATION.exec(rest);
    if (timesTen && timesTenExp) {
      kind = 'scientific';
      exponent = timesTenExp.exponent;
      end += timesTen[0].length + timesTenExp.length;
    } else if (eNot) {
      kind = 'scientific';
      eNotation = true;
      exponent = Number(eNot[1].replace('−', '-'));
      end += eNot[0].length;
      const ratio = RATIO.exec(text.slice(end)); // printed 1.7e+2×
      if (ratio) {
        kind = 'ratio';
        end += ratio[0].length;
      }
    } else if (power) {
      // 10⁻⁵ is an order of magnitude; 1,3<sup>19</sup> keeps its base as a figure.
      if (int === '10' && !separator) {
        kind = 'power';
        exponent = power.exponent - 1;
      }
      end += power.length;
    } else {
      const ratio = RATIO.exec(rest);
      const percent = PERCENT.exec(rest);
      if (ratio) {
        kind = 'ratio';
        end += ratio[0].length;
      } else if (percent) {
        kind = 'percent';
        end += percent[0].length;
      }
    }
    NUMBER.lastIndex = end;
    tokens.push({
      text: text.slice(start, end),
      start,
      end,
      kind,
      key: canonicalKey(negative, int, frac, exponent),
      separator: separator as NumberToken['separator'],
      eNotation,
      writtenExponent: kind === 'scientific' || eNotation ? exponent : 0,
    });
  }
  return tokens;
}

/**
 * In prose, the first end of a range takes the form of the second: "1,2 a 1,7 × 10⁻³" (1,2 × 10⁻³),
 * "de 15 a 220 vezes" (15×). Printed output is not read this way.
 */
function readRanges(tokens: NumberToken[], text: string): NumberToken[] {
  for (let i = tokens.length - 2; i >= 0; i--) {
    const [a, b] = [tokens[i], tokens[i + 1]];
    if ((a.kind !== 'integer' && a.kind !== 'decimal') || !RANGE.test(text.slice(a.end, b.start))) continue;
    if (b.kind === 'ratio') a.kind = 'ratio';
    if (b.kind === 'scientific') {
      const [, sign = '', int = '0', , frac = ''] = /^([-−]?)(\d+)([.,](\d+))?/.exec(a.text) ?? [];
      a.key = canonicalKey(sign !== '', int, frac, b.writtenExponent);
      a.kind = 'scientific';
      a.writtenExponent = b.writtenExponent;
    }
  }
  return tokens;
}

/** Blanks (same length, so positions stay) code, link targets, URLs and HTML tags other than sup/sub. */
export function maskMarkdown(markdown: string): string {
  const blank = (s: string) => s.replace(/[^\n]/g, ' ');
  return markdown
    .replace(/<!--[\s\S]*?-->/g, blank)
    .replace(/(`+)[\s\S]*?\1/g, blank)
    .replace(/\]\([^)]*\)/g, (s) => `](${blank(s.slice(2, -1))})`)
    .replace(/https?:\/\/[^\s)>\]]+/g, blank)
    .replace(/<\/?(?!su[pb]\b)[a-zA-Z][^>]*>/g, blank);
}

/** The figures a markdown cell quotes as results (see the rules above). */
export function quotedFigures(markdown: string): QuotedFigure[] {
  const masked = maskMarkdown(markdown);
  return readRanges(readNumbers(masked), masked)
    .filter((t): t is QuotedFigure => t.kind !== 'integer' && t.kind !== 'power')
    .map((t) => ({ ...t, text: markdown.slice(t.start, t.end) }));
}

/** A number printed by a run or written in a code cell. */
interface Evidence {
  key: string;
  /** Printed with "×"/"x" after it, or "%". */
  suffix: 'ratio' | 'percent' | '';
  /** Read from a code cell's source rather than its outputs. */
  fromCode: boolean;
}

/** The titles (chart, axes, legends) anywhere in a Vega-Lite spec. */
export function vegaLiteTitles(spec: unknown): string[] {
  const titles: string[] = [];
  const texts = (v: unknown): string[] =>
    typeof v === 'string' ? [v] : Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (node === null || typeof node !== 'object') return;
    for (const [key, value] of Object.entries(node)) {
      if (key === 'data' || key === 'datasets') continue;
      if (key === 'title') {
        titles.push(...texts(value));
        if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
          const t = value as Record<string, unknown>;
          titles.push(...texts(t.text), ...texts(t.subtitle));
        }
      } else walk(value);
    }
  };
  walk(spec);
  return titles;
}

const joinText = (text: string | string[] | undefined): string => (Array.isArray(text) ? text.join('') : (text ?? ''));

/** What one output shows as text: stream text, text/plain, and the titles of a Vega-Lite chart. */
export function outputText(output: NotebookOutput): string {
  if (output.output_type === 'stream') return joinText(output.text);
  const data = output.data ?? {};
  const parts = [joinText(data['text/plain'] as string | string[] | undefined)];
  for (const [mime, spec] of Object.entries(data)) {
    if (/^application\/vnd\.vegalite\.v\d+\+json$/.test(mime)) parts.push(...vegaLiteTitles(spec));
  }
  return parts.join('\n');
}

const asEvidence = (t: NumberToken, fromCode: boolean): Evidence => ({
  key: t.key,
  suffix: t.kind === 'ratio' ? 'ratio' : t.kind === 'percent' ? 'percent' : '',
  fromCode,
});

/** An integer literal in code (units: 5, epochs: 100) vouches for nothing. */
const vouches = (t: NumberToken): boolean => t.separator !== '' || t.eNotation;

/** Every number the notebook's code cells print (outputs) or write (source). */
export function printedOrWritten(cells: readonly NotebookCell[]): Evidence[] {
  return cells
    .filter((c) => c.cell_type === 'code')
    .flatMap((c) => [
      ...readNumbers((c.outputs ?? []).map(outputText).join('\n')).map((t) => asEvidence(t, false)),
      ...readNumbers(joinText(c.source))
        .filter(vouches)
        .map((t) => asEvidence(t, true)),
    ]);
}

/** Whether `evidence` shows `figure` (same digits, same power of ten; a ratio printed as a ratio). */
export function isShownBy(figure: QuotedFigure, evidence: readonly Evidence[]): boolean {
  return evidence.some((e) => {
    switch (figure.kind) {
      case 'decimal':
      case 'scientific':
        return e.suffix !== 'percent' && e.key === figure.key;
      case 'ratio':
        // printed with its × (120×); written in code as a non-integer literal (gain: 1.3)
        return e.key === figure.key && (e.suffix === 'ratio' || (e.fromCode && e.suffix === ''));
      case 'percent':
        return e.suffix === 'percent' && e.key === figure.key;
    }
  });
}

/** The theory figure that `figure` rounds, if any (to say why a notebook prints it). */
export function theoryOf(figure: QuotedFigure): string | undefined {
  const m = /^(-?)(\d+)e(-?\d+)$/.exec(figure.kind === 'percent' ? shiftKey(figure.key, -2) : figure.key);
  if (!m) return undefined;
  const value = Number(`${m[1]}${m[2][0]}.${m[2].slice(1) || '0'}e${m[3]}`);
  const precision = m[2].length;
  const theory = THEORY_FIGURES.find(
    (t) => (t.kind ?? figure.kind) === figure.kind && Number(t.value.toPrecision(precision)) === value,
  );
  return theory && `${theory.name} = ${Number(theory.value.toPrecision(4))}: ${theory.why}`;
}

/** One figure the text quotes that the run neither prints nor writes. */
export interface FigureViolation {
  /** Index of the markdown cell in the notebook. */
  cell: number;
  /** The figure as written ("3,4 × 10<sup>3</sup>"). */
  figure: string;
  kind: FigureKind;
  /** The sentence around it, the figure in «». */
  context: string;
  /** When it is a theory figure: which (the notebook prints it too). */
  theory?: string;
}

/** The text around [start, end), on one line, the figure marked with «». */
export function contextOf(text: string, start: number, end: number, width = 50): string {
  const flat = (s: string) => s.replace(/\s+/g, ' ');
  const before = flat(text.slice(Math.max(0, start - width), start));
  const after = flat(text.slice(end, end + width));
  return `${start > width ? '…' : ''}${before.trimStart()}«${text.slice(start, end)}»${after.trimEnd()}${end + width < text.length ? '…' : ''}`;
}

/** The figures the notebook's markdown quotes that no code cell prints or writes. */
export function unprintedFigures(notebook: { cells: readonly NotebookCell[] }): FigureViolation[] {
  const evidence = printedOrWritten(notebook.cells);
  return notebook.cells.flatMap((cell, index) => {
    if (cell.cell_type !== 'markdown') return [];
    const markdown = joinText(cell.source);
    return quotedFigures(markdown)
      .filter((f) => !isShownBy(f, evidence))
      .map((f) => {
        const theory = theoryOf(f);
        return {
          cell: index,
          figure: markdown.slice(f.start, f.end),
          kind: f.kind,
          context: contextOf(markdown, f.start, f.end),
          ...(theory ? { theory } : {}),
        };
      });
  });
}

/** A number written against the convention: a decimal point or e-notation in prose, a comma in output. */
export interface ConventionIssue {
  cell: number;
  where: 'markdown' | 'output';
  figure: string;
  context: string;
}

/** Where the notebook breaks the number convention (prose: decimal comma; printed output: point). */
export function conventionIssues(notebook: { cells: readonly NotebookCell[] }): ConventionIssue[] {
  return notebook.cells.flatMap((cell, index): ConventionIssue[] => {
    if (cell.cell_type === 'markdown') {
      const markdown = joinText(cell.source);
      return quotedFigures(markdown)
        .filter((f) => f.separator === '.' || f.eNotation)
        .map((f) => ({
          cell: index,
          where: 'markdown' as const,
          figure: markdown.slice(f.start, f.end),
          context: contextOf(markdown, f.start, f.end),
        }));
    }
    if (cell.cell_type !== 'code') return [];
    const seen = new Set<string>(); // a chart repeats its title in text/plain: one issue per number
    return (cell.outputs ?? []).flatMap((o) => {
      const text = outputText(o);
      return readNumbers(text)
        .filter((t) => t.separator === ',' && !seen.has(t.text) && Boolean(seen.add(t.text)))
        .map((t) => ({
          cell: index,
          where: 'output' as const,
          figure: t.text,
          context: contextOf(text, t.start, t.end),
        }));
    });
  });
}
