/**
 * Every function and class the notebooks can call (`import * as l5 from "lista5"`), called with a
 * missing argument: either it needs none, or it throws an error that starts with its own name and
 * names what was wrong, never a bare TypeError from deep inside ("Cannot read properties of
 * undefined"). A new export must be added to one of the two lists below.
 */
import * as l5 from './index.js';
import { setDisplaySink } from './notebook/display.js';

/** Exports whose arguments are all optional: calling them bare is fine. */
const NO_ARGUMENTS_NEEDED = new Set([
  'CorruptRecordError',
  'InvalidParameterError',
  'MT19937',
  'MinMaxScaler',
  'ProgressLine',
  'RandomState',
  'TensorBoardCallback',
  'TerminateOnNaN',
  'terminateOnNaN',
  'checkRandomState',
  'defaultLogDir',
  'notebookName',
  'epochLine',
  'eventFileName',
  'findProjectRoot',
  'fitProgress',
  'formatMetric',
  'formatNumberPt',
  'getGradientClipping',
  'initBackend',
  'isMatrix',
  'isPackageInstalled',
  'isHeadless',
  'kerasSGD',
  'LiveChart',
  'liveChart',
  'lessonData',
  'lessonNetworks',
  'makeCircles',
  'readBackendRequest',
  'readEvents',
  'readTFRecords',
  'runningTensorBoards',
  'seedSequence',
  'showTensorBoard',
  'startTensorBoard',
  'stopTensorBoard',
]);

/** Exports whose error names another function: the one the user called (e.g. kerasGraph for the writer's method). */
const REPORTED_AS: Record<string, string> = { kerasModelJson: 'kerasGraph', kernelOrConsoleSink: 'displayBundle' };

const isClass = (f: unknown): boolean =>
  typeof f === 'function' && /^class\s/.test(Function.prototype.toString.call(f));

async function callBare(f: (...args: unknown[]) => unknown): Promise<Error | undefined> {
  try {
    const r = isClass(f) ? new (f as unknown as new (...args: unknown[]) => unknown)() : f();
    if (r instanceof Promise) await r;
    return undefined;
  } catch (e) {
    return e as Error;
  }
}

const functions = Object.entries(l5).filter(([, v]) => typeof v === 'function') as [
  string,
  (...a: unknown[]) => unknown,
][];
const needArguments = functions.filter(([name]) => !NO_ARGUMENTS_NEEDED.has(name));

let restoreSink: () => void;
beforeAll(() => {
  restoreSink = setDisplaySink(() => undefined); // showTensorBoard & co. display nothing here
});
afterAll(async () => {
  restoreSink();
  await l5.stopTensorBoard();
});

it('lists every export as needing arguments or not', () => {
  expect(functions.length).toBeGreaterThan(50);
  for (const name of NO_ARGUMENTS_NEEDED) expect(Object.keys(l5)).toContain(name);
});

it.each(needArguments)('%s() without its arguments names itself and what is missing', async (name, f) => {
  const error = await callBare(f);
  expect(error).toBeInstanceOf(Error);
  expect(error!.message.startsWith(`${REPORTED_AS[name] ?? name}:`)).toBe(true);
  expect(error!.message).not.toMatch(
    /Cannot read properties|is not a function|is not iterable|Cannot convert undefined/,
  );
});
