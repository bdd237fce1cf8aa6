/**
 * The error thrown for a bad argument anywhere in lista5, like scikit-learn's
 * `InvalidParameterError` (which is both a `ValueError` and a `TypeError` in Python): its message
 * starts with the function that was called and names the argument at fault.
 */
export class InvalidParameterError extends TypeError {
  /** The argument at fault, as spelled in the TypeScript API (e.g. `"factor"`). */
  readonly parameter: string;

  /**
   * @param where - the function or class, e.g. `"makeCircles"`; the message starts with it.
   * @param parameter - the argument at fault.
   * @param message - what was expected and what came, e.g. `"must be in [0, 1), got 1.5"`.
   * @param options - `sentence: true` when `message` is a whole sentence that names the argument
   *   itself (`"give both x and y, or neither"`): the message is then `<where>: <message>`; `cause`:
   *   the error that revealed the problem.
   */
  constructor(
    where: string,
    parameter: string,
    message: string,
    options: { sentence?: boolean; cause?: unknown } = {},
  ) {
    super(
      options.sentence ? `${where}: ${message}` : `${where}: ${parameter} ${message}`,
      'cause' in options ? { cause: options.cause } : undefined,
    );
    this.name = 'InvalidParameterError';
    this.parameter = parameter;
  }
}

/**
 * A value as it should read in an error message: strings quoted, short arrays in brackets, typed
 * arrays as `Float64Array(3)`, plain objects as `an object`, other objects by their class (`Map`).
 */
export function describeValue(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'bigint') return `${value}n`;
  if (typeof value === 'function') return 'a function';
  if (Object.is(value, -0)) return '-0';
  if (Array.isArray(value)) {
    return value.length <= 8 ? `[${value.map(describeValue).join(', ')}]` : `an array of ${value.length}`;
  }
  if (ArrayBuffer.isView(value)) return `${value.constructor.name}(${(value as unknown as ArrayLike<unknown>).length})`;
  if (value !== null && typeof value === 'object') {
    const name = (value as object).constructor?.name;
    return name === undefined || name === 'Object' ? 'an object' : name;
  }
  return String(value);
}
