/**
 * One-line checks at the top of public functions, so that a missing or wrongly shaped argument
 * gets an error naming it (`runModel: data must be an object like { xTrain, yTrain, xTest, yTest },
 * got undefined`) instead of a bare `TypeError` from deep inside.
 */
import { describeValue, InvalidParameterError } from './invalid-parameter-error.js';

/**
 * The error for a bad argument whose message is one sentence that names it itself:
 * `invalidArgument('fitSeeded', 'y', 'x has 3 samples but y has 2')` reads `fitSeeded: x has 3 ...`.
 */
export function invalidArgument(where: string, parameter: string, sentence: string): InvalidParameterError {
  return new InvalidParameterError(where, parameter, sentence, { sentence: true });
}

/** Throws unless `value` is a non-null object (not an array). */
export function checkObject(
  where: string,
  name: string,
  value: unknown,
  expected = 'an object',
): asserts value is object {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new InvalidParameterError(where, name, `must be ${expected}, got ${describeValue(value)}`);
  }
}

/** Throws unless `value` is a non-empty string (a path, a name). */
export function checkString(
  where: string,
  name: string,
  value: unknown,
  expected = 'a non-empty string',
): asserts value is string {
  if (typeof value !== 'string' || value === '') {
    throw new InvalidParameterError(where, name, `must be ${expected}, got ${describeValue(value)}`);
  }
}

/** Throws unless `value` is a function. */
export function checkFunction(where: string, name: string, value: unknown, expected = 'a function'): void {
  if (typeof value !== 'function') {
    throw new InvalidParameterError(where, name, `must be ${expected}, got ${describeValue(value)}`);
  }
}

/** Throws unless `value` is an array (or, with `arrayLike`, any array-like such as a typed array). */
export function checkArray(
  where: string,
  name: string,
  value: unknown,
  expected = 'an array',
  arrayLike = false,
): asserts value is ArrayLike<unknown> {
  const ok = Array.isArray(value) || (arrayLike && (ArrayBuffer.isView(value) as boolean));
  if (!ok) throw new InvalidParameterError(where, name, `must be ${expected}, got ${describeValue(value)}`);
}

/** Throws unless `value` looks like a tfjs `LayersModel` (has `predict` and `layers`). */
export function checkModel(where: string, name: string, value: unknown): void {
  const model = value as { predict?: unknown; layers?: unknown } | null | undefined;
  if (typeof model?.predict !== 'function' || !Array.isArray(model?.layers)) {
    throw new InvalidParameterError(
      where,
      name,
      `must be a tf.LayersModel (e.g. tf.sequential()), got ${describeValue(value)}`,
    );
  }
}

/** Throws unless `value` is a number with 0 <= value < Infinity. */
export function checkNonNegative(where: string, name: string, value: unknown): asserts value is number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
    throw new InvalidParameterError(where, name, `must be a number >= 0, got ${describeValue(value)}`);
  }
}

/** Throws unless `value` is a number with 0 < value < Infinity. */
export function checkPositiveFinite(where: string, name: string, value: unknown): asserts value is number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) {
    throw new InvalidParameterError(where, name, `must be a positive finite number, got ${describeValue(value)}`);
  }
}

/** Lower case without underscores, so `global_clipnorm` and `clipNorm` can be matched to `globalClipnorm` and `clipnorm`. */
function looseName(name: string): string {
  return name.replace(/_/g, '').toLowerCase();
}

/**
 * Throws on the first key of `options` that is not in `allowed`, suggesting the intended spelling
 * for Python-style or differently cased names: `kerasSGD: unknown option "lr"; expected one of ...`.
 */
export function checkKnownKeys(where: string, options: object, allowed: readonly string[]): void {
  for (const key of Object.keys(options)) {
    if (allowed.includes(key)) continue;
    const match = allowed.find((name) => looseName(name) === looseName(key));
    const hint = match === undefined ? '' : ` (did you mean "${match}"?)`;
    throw invalidArgument(where, key, `unknown option "${key}"${hint}; expected one of ${allowed.join(', ')}`);
  }
}
