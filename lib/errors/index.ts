/**
 * lib/errors: clear errors for bad arguments, shared by every folder. Each message starts with the
 * function that was called and names the argument: `runModel: model must be a tf.LayersModel ...`.
 *
 * May import: nothing in lib/ (the lowest layer).
 */
export { describeValue, InvalidParameterError } from './invalid-parameter-error.js';
export {
  checkArray,
  checkFunction,
  checkKnownKeys,
  checkModel,
  checkNonNegative,
  checkObject,
  checkPositiveFinite,
  checkString,
  invalidArgument,
} from './check-argument.js';
