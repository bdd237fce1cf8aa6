import * as data from './index.js';

test('the barrel exports the public API of lib/data', () => {
  expect(Object.keys(data).sort()).toEqual(
    [
      'MAX_SEED',
      'MT19937',
      'MT19937_N',
      'MinMaxScaler',
      'RandomState',
      'checkRandomState',
      'firstSignSequences',
      'firstValueSequences',
      'getRow',
      'isMatrix',
      'makeCircles',
      'matrix',
      'sliceRows',
      'takeRows',
      'toMatrix',
      'toRows',
      'trainTestSplitAt',
    ].sort(),
  );
  const { X, y } = data.makeCircles({ nSamples: 10, randomState: 0 });
  const Xs = new data.MinMaxScaler({ featureRange: [-1, 1] }).fitTransform(X);
  const { trainX, testY } = data.trainTestSplitAt(Xs, y, 6);
  expect(trainX.shape).toEqual([6, 2]);
  expect(testY.length).toBe(4);
});
