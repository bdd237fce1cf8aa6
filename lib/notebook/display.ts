/**
 * Rich output for notebook cells run by the tslab kernel.
 *
 * Jupyter sends each output as a "MIME bundle": the same content in several formats, and every
 * front end shows the richest one it knows. JupyterLab draws `application/vnd.vegalite.v5+json`
 * as an interactive chart; nbconvert's HTML ignores it and shows `image/svg+xml` instead. Sending
 * both in ONE bundle gives one chart in JupyterLab and a visible chart in the handouts.
 *
 * tslab's public `display.raw(mime, value)` sends a single MIME type per call, so this module
 * talks to the function tslab itself uses to write display messages.
 */
import { checkFunction, checkObject } from '../errors/index.js';

/** A Jupyter MIME bundle: MIME type → content (a string, or JSON for `+json` types). */
export type MimeBundle = Record<string, unknown>;

/** The shape of tslab's internal writer (`tslab/dist/jupyter`.lastWriteDisplayData). */
type KernelDisplayWriter = (
  message: { data: MimeBundle; metadata: Record<string, unknown>; transient: { display_id?: string } },
  update: boolean,
) => void;

/** Returns tslab's display writer when this code runs inside a tslab kernel, else `null`. */
function kernelWriter(): KernelDisplayWriter | null {
  try {
    // Resolved from this library, so it is the same module instance as the running kernel's.
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- the kernel's own instance, only inside tslab
    const jupyter = require('tslab/dist/jupyter') as { lastWriteDisplayData: KernelDisplayWriter | null };
    return jupyter.lastWriteDisplayData ?? null;
  } catch {
    return null;
  }
}

/** Options of {@link displayBundle}. */
export interface DisplayOptions {
  /** Give the output an id so that later calls with `update: true` replace it in place. */
  displayId?: string;
  /** Replace the output shown earlier with the same `displayId` instead of adding one. */
  update?: boolean;
}

/** Where outputs go; replaceable in tests and scripts. */
export type DisplaySink = (bundle: MimeBundle, options: DisplayOptions) => void;

/** The default sink: the kernel when there is one, else the text version on stdout. */
export const kernelOrConsoleSink: DisplaySink = (bundle, options) => {
  checkObject('displayBundle', 'bundle', bundle, 'a MIME bundle like { "text/plain": "..." }');
  const write = kernelWriter();
  if (write) {
    write(
      { data: bundle, metadata: {}, transient: options.displayId ? { display_id: options.displayId } : {} },
      options.update ?? false,
    );
  } else if (typeof bundle['text/plain'] === 'string' && !options.update) {
    console.log(bundle['text/plain']);
  }
};

let sink: DisplaySink = kernelOrConsoleSink;

/** Sends one MIME bundle as one cell output. Always include a `text/plain` fallback. */
export function displayBundle(bundle: MimeBundle, options: DisplayOptions = {}): void {
  checkObject('displayBundle', 'bundle', bundle, 'a MIME bundle like { "text/plain": "..." }');
  sink(bundle, options);
}

/** Redirects all displays to `newSink` (tests); returns a function that restores the previous one. */
export function setDisplaySink(newSink: DisplaySink): () => void {
  checkFunction('setDisplaySink', 'newSink', newSink, 'a function (bundle, options) => void');
  const previous = sink;
  sink = newSink;
  return () => {
    sink = previous;
  };
}
