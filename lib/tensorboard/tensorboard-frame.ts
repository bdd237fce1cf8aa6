/**
 * What a notebook shows of a TensorBoard it starts: a line while it starts, then the link and the
 * iframe (which say they are loading until the dashboard draws over them).
 */
import { displayBundle } from '../notebook/index.js';
import { displayPath } from './log-dir.js';

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** Shown while TensorBoard starts (several seconds), then replaced in place by {@link showFrame}. */
export function showStarting(logDir: string, displayId: string): void {
  const where = displayPath(logDir);
  displayBundle(
    {
      'text/html': `<p>Iniciando o TensorBoard sobre <code>${escapeHtml(where)}</code>… (alguns segundos)</p>`,
      'text/plain': `Iniciando o TensorBoard sobre ${where}…`,
    },
    { displayId },
  );
}

/**
 * The link and the iframe of a running TensorBoard at `url`, in place of the "starting" line when
 * `displayId` names it.
 */
export function showFrame(logDir: string, url: string, height: number, reused: boolean, displayId?: string): void {
  const where = displayPath(logDir);
  const note = reused ? ' (já estava rodando)' : '';
  // Behind the frame, a line that says it is loading: the dashboard draws over it once it has loaded.
  const loading = `<p style="position:absolute;top:0;left:0;margin:12px;color:#666">Carregando o painel do TensorBoard…</p>`;
  displayBundle(
    {
      'text/html':
        `<p>TensorBoard${escapeHtml(note)}: <a href="${escapeHtml(url)}" target="_blank">${escapeHtml(url)}</a> ` +
        `— logs em <code>${escapeHtml(where)}</code></p>` +
        `<div style="position:relative">${loading}` +
        `<iframe src="${escapeHtml(url)}" width="100%" height="${height}" frameborder="0" style="position:relative"></iframe></div>`,
      'text/plain': `TensorBoard${note}: ${url} (logs em ${where})`,
    },
    displayId ? { displayId, update: true } : {},
  );
}

/** In place of the "starting" line when TensorBoard did not start (the error follows in the cell). */
export function showNotStarted(displayId: string): void {
  displayBundle(
    {
      'text/html': '<p>O TensorBoard não iniciou (veja o erro abaixo).</p>',
      'text/plain': 'O TensorBoard não iniciou.',
    },
    { displayId, update: true },
  );
}
