/**
 * lib/tensorboard: TensorBoard's file format in pure TypeScript. A `SummaryWriter` that writes event
 * files TensorBoard reads (scalars, histograms, text, the Keras graph), a reader that decodes them
 * back, the log folder's location, and the TensorBoard server (started from the project's `.venv`).
 *
 * May import: errors, platform, notebook (to show the dashboard).
 */
export { SummaryWriter } from './summary-writer.js';
export type { HistogramSummaryOptions, HistogramWriteResult, SummaryWriterOptions } from './summary-writer.js';
export type { HistogramInput, ScalarInput } from './inputs.js';
export { listEventFiles, listRuns, readEventFile, readEvents, readRun } from './event-reader.js';
export type {
  FileVersionEvent,
  GraphEvent,
  HistogramEvent,
  OtherEvent,
  ReadEventsOptions,
  ReadRunOptions,
  RunData,
  RunPoint,
  ScalarEvent,
  TensorBoardEvent,
  TensorBoardEventBase,
  TensorBoardEventKind,
  TextEvent,
} from './event-reader.js';
export { computeHistogramBuckets, DEFAULT_HISTOGRAM_BUCKETS, histogramRows } from './histogram.js';
export type { HistogramBuckets, HistogramRow } from './histogram.js';
export { kerasModelJson } from './keras-graph.js';
export type { KerasLayerJson, KerasModelJson, ModelWithJson } from './keras-graph.js';
export { CorruptRecordError, encodeTFRecord, readTFRecords } from './records.js';
export type { ReadTFRecordsOptions, TFRecord, TruncatedTail } from './records.js';
export { crc32c, maskedCrc32c } from './crc.js';
export { eventFileName, FILE_VERSION, isEventFileName } from './file-name.js';
export {
  defaultLogDir,
  displayPath,
  findProjectRoot,
  LOGDIR_ENV,
  LOGDIR_SHOWN_ENV,
  notebookName,
  PROJECT_PACKAGE_NAME,
  SESSION_NAME_ENV,
} from './log-dir.js';
export { runningTensorBoards, startTensorBoard, stopTensorBoard } from './tensorboard-server.js';
export type { StartTensorBoardOptions, TensorBoardHandle } from './tensorboard-server.js';
export * from './show-tensorboard.js';
export { JUPYTER_BASE_URL_ENV, JUPYTERHUB_PREFIX_ENV } from './remote-access.js';
