/**
 * Event file names: `events.out.tfevents.<10-digit seconds>.<host>.<pid>.<n>.v2`, as TF 2 names them.
 * TensorBoard reads any file whose name contains `tfevents`, in name order.
 */
import * as os from 'node:os';
import { checkString } from '../errors/index.js';

/** The `file_version` of the first event in every file. */
export const FILE_VERSION = 'brain.Event:2';

let counter = 0;

/** A number that is new on every call in this process (the `<n>` of the file name). */
export function nextFileCounter(): number {
  return counter++;
}

/** Builds an event file name; `/` and `\` in the host name become `_`. */
export function eventFileName(
  seconds: number,
  n: number,
  host: string = os.hostname(),
  pid: number = process.pid,
): string {
  const secs = String(Math.max(0, Math.floor(seconds))).padStart(10, '0');
  const safeHost = (host || 'localhost').replace(/[/\\]/g, '_');
  return `events.out.tfevents.${secs}.${safeHost}.${pid}.${n}.v2`;
}

/** Whether TensorBoard treats a file of this name as an event file. */
export function isEventFileName(name: string): boolean {
  checkString('isEventFileName', 'name', name, 'a file name');
  return name.includes('tfevents');
}
