/**
 * The error thrown by lib/data for a bad argument, like scikit-learn's `InvalidParameterError`
 * (which is both a `ValueError` and a `TypeError` in Python).
 */
export class InvalidParameterError extends Error {
  /** The argument at fault, as spelled in the TypeScript API (e.g. `"factor"`). */
  readonly parameter: string;

  /**
   * @param where - the function or class, e.g. `"makeCircles"`; the message starts with it.
   * @param parameter - the argument at fault.
   * @param message - what was expected and what came, e.g. `"must be in [0, 1), got 1.5"`.
   */
  constructor(where: string, parameter: string, message: string) {
    super(`${where}: ${parameter} ${message}`);
    this.name = 'InvalidParameterError';
    this.parameter = parameter;
  }
}

/** A value as it should read in an error message (strings quoted, arrays in brackets). */
export function describeValue(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'bigint') return `${value}n`;
  if (Object.is(value, -0)) return '-0';
  if (Array.isArray(value)) return `[${value.map(describeValue).join(', ')}]`;
  if (ArrayBuffer.isView(value)) return `${value.constructor.name}(${(value as unknown as ArrayLike<unknown>).length})`;
  if (value !== null && typeof value === 'object') return value.constructor?.name ?? 'object';
  return String(value);
}
