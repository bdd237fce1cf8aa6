/**
 * A single progress line that updates in place during long trainings, instead of 500 printed lines.
 */
import { randomBytes } from 'node:crypto';
import { displayBundle } from './display.js';

/** One updating line of notebook output (text and HTML). */
export class ProgressLine {
  private readonly displayId = `lista5-progress-${randomBytes(6).toString('hex')}`;
  private shown = false;
  private lastUpdate = 0;

  /**
   * @param minIntervalMs updates closer together than this are skipped (the final one never is),
   *   so a fast loop does not flood the notebook with messages.
   */
  constructor(private readonly minIntervalMs = 250) {}

  /** Shows `text`, replacing the previous text of this line. */
  update(text: string, { force = false }: { force?: boolean } = {}): void {
    const now = Date.now();
    if (this.shown && !force && now - this.lastUpdate < this.minIntervalMs) return;
    this.lastUpdate = now;
    displayBundle({ 'text/plain': text }, { displayId: this.displayId, update: this.shown });
    this.shown = true;
  }
}

/** Formats a number for progress lines: 4 significant digits, and `NaN` / `Infinity` as they are. */
export function formatMetric(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  if (value !== 0 && (Math.abs(value) >= 1e5 || Math.abs(value) < 1e-3)) return value.toExponential(3);
  return value.toPrecision(4);
}
