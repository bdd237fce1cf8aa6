/**
 * One-line checks at the top of public functions, so that a missing or wrongly shaped argument
 * gets an error naming it (`runModel: data must be an object like { xTrain, yTrain, xTest, yTest },
 * got undefined`) instead of a bare `TypeError` from deep inside.
 */
import { describeValue, InvalidParameterError } from './invalid-parameter-error.js';

/** Throws unless `value` is a non-null object (not an array). */
export function checkObject(where: string, name: string, value: unknown, expected = 'an object'): void {
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
