/**
 * Checks on user options, shared by the training helpers. Every error starts
 * with the name of the public function that was called and names the bad
 * option, e.g. `withGradientClipping: clipnorm must be a positive finite number, got -1`.
 *
 * Internal module: not re-exported by the `training` barrel.
 */
import { describeValue } from '../errors/invalid-parameter-error.js';

export { describeValue };

/** Throws unless `options` is a plain object (not null, not an array). */
export function checkOptionsObject(caller: string, options: unknown): asserts options is Record<string, unknown> {
  if (options === null || typeof options !== 'object' || Array.isArray(options)) {
    throw new TypeError(`${caller}: options must be an object, got ${describeValue(options)}`);
  }
}

/** Lower case without underscores, so `global_clipnorm` and `clipNorm` can be matched to `globalClipnorm` and `clipnorm`. */
function looseName(name: string): string {
  return name.replace(/_/g, '').toLowerCase();
}

/**
 * Throws on the first key of `options` that is not in `allowed`, suggesting the
 * intended spelling for Python-style or differently cased names.
 */
export function checkKnownKeys(caller: string, options: Record<string, unknown>, allowed: readonly string[]): void {
  for (const key of Object.keys(options)) {
    if (allowed.includes(key)) continue;
    const match = allowed.find((name) => looseName(name) === looseName(key));
    const hint = match === undefined ? '' : ` (did you mean "${match}"?)`;
    throw new TypeError(`${caller}: unknown option "${key}"${hint}; expected one of ${allowed.join(', ')}`);
  }
}

/** Throws unless `value` is a number with 0 < value < Infinity. */
export function checkPositiveFinite(caller: string, name: string, value: unknown): asserts value is number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) {
    throw new RangeError(`${caller}: ${name} must be a positive finite number, got ${describeValue(value)}`);
  }
}
