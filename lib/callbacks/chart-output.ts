/**
 * One chart output of a notebook cell, redrawn in place at a bounded rate: what the live charts
 * (`liveChart`, `liveGradientChart`) share.
 */
import { randomBytes } from 'node:crypto';
import { showChart, type VegaLiteSpec } from '../plots/index.js';

/**
 * A chart output that is sent once and then redrawn in place (same Jupyter display id,
 * `update_display_data`). Intermediate frames carry only the Vega-Lite spec (JupyterLab draws it);
 * final ones carry the SVG too, for the handouts.
 */
export class ChartOutput {
  /** The Jupyter display id of this output. */
  readonly displayId = `lista5-chart-${randomBytes(6).toString('hex')}`;
  private shown = false;
  private lastSentAt = -Infinity;
  private lastCostMs = 0;
  /** Draws one after the other, so a slow final draw never overtakes an earlier one. */
  private queue: Promise<void> = Promise.resolve();
  private sent = 0;

  /**
   * @param minIntervalMs least time between two intermediate frames
   * @param costFactor an intermediate frame also waits this many times as long as the previous
   *   frame took to build and send (1: a chart is never redrawn more often than it takes to draw)
   */
  constructor(
    private readonly minIntervalMs: number,
    private readonly costFactor = 1,
  ) {}

  /** How many times the chart was sent so far (intermediate frames and final ones). */
  get draws(): number {
    return this.sent;
  }

  /** Whether an intermediate frame may be sent now: the first one always, then at the bounded rate. */
  due(): boolean {
    const wait = Math.max(this.minIntervalMs, this.costFactor * this.lastCostMs);
    return !this.shown || performance.now() - this.lastSentAt >= wait;
  }

  /** Builds the spec and sends it, in place of the earlier frame when there is one; `final` adds the SVG. */
  draw(build: () => VegaLiteSpec, final: boolean): Promise<void> {
    this.queue = this.queue.then(async () => {
      const started = performance.now();
      await showChart(build(), { svg: final, displayId: this.displayId, update: this.shown });
      this.shown = true;
      this.sent++;
      this.lastSentAt = performance.now();
      this.lastCostMs = this.lastSentAt - started;
    });
    return this.queue;
  }
}
