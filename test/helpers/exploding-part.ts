/**
 * The exploding part of lista5-solucoes.ipynb (its cells before the "# Vanishing" heading) and the
 * loss charts its trainings draw, read back from an executed notebook.
 */
import { inlineRows } from '../../lib/plots/compact';
import { join, NotebookCell, NotebookOutput } from './notebooks';
import { VEGA_LITE } from './lesson-outputs';

/** The cells before the "# Vanishing" heading. */
export function explodingPart(cells: NotebookCell[]): NotebookCell[] {
  const end = cells.findIndex((c) => /^#\s*Vanishing/m.test(join(c.source)));
  if (end < 0) throw new Error('the notebook has no "# Vanishing" heading');
  return cells.slice(0, end);
}

/** The first code cell of `cells` whose source contains `fragment`; throws when there is none. */
export function cellIn(cells: NotebookCell[], fragment: string): NotebookCell {
  const cell = cells.find((c) => c.cell_type === 'code' && join(c.source).includes(fragment));
  if (!cell) throw new Error(`no code cell contains ${JSON.stringify(fragment)}`);
  return cell;
}

/** The chart outputs of one cell. */
export const explodingCharts = (cell: NotebookCell): NotebookOutput[] =>
  (cell.outputs ?? []).filter((o) => o.data?.[VEGA_LITE]);

/** The loss per epoch of every line of a loss chart: `{ line: [[epoch, loss], ...] }` as plotted. */
export function plottedLosses(output: NotebookOutput): Record<string, [number, number][]> {
  const spec = output.data![VEGA_LITE] as { layer: Parameters<typeof inlineRows>[0][] };
  const lines: Record<string, [number, number][]> = {};
  for (const p of inlineRows(spec.layer[0])) {
    (lines[String(p.serie ?? 'loss')] ??= []).push([Number(p.epoca), Number(p.loss)]);
  }
  return lines;
}
