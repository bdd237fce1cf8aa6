import { liveGradientChart } from './live-gradients';

// The chart itself, fed by a real training's logs, is tested with runModel (lesson/run-model.test.ts).
describe('liveGradientChart', () => {
  it('rejects bad options, naming them', () => {
    expect(() => liveGradientChart({} as never)).toThrow(/options.model must name the model/);
    expect(() => liveGradientChart({ model: 'm', minIntervalMs: NaN })).toThrow(
      /minIntervalMs must be a number >= 0, got NaN/,
    );
  });

  it('is a callback for the end of each epoch and of the training', () => {
    const callback = liveGradientChart({ model: 'modelo_fundo', live: false });
    expect(Object.keys(callback).sort()).toEqual(['onEpochEnd', 'onTrainEnd']);
  });
});
