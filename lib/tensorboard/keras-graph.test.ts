import * as tf from '@tensorflow/tfjs';
import { KerasLayerJson, kerasModelJson } from './keras-graph.js';

describe('kerasModelJson', () => {
  it('gives a Sequential model Keras-style JSON with its InputLayer first', () => {
    const model = tf.sequential({ name: 'deep' });
    model.add(tf.layers.dense({ units: 3, inputShape: [1], activation: 'sigmoid', name: 'h1' }));
    model.add(tf.layers.dense({ units: 1, activation: 'sigmoid', name: 'out' }));
    const json = kerasModelJson(model);
    expect(json.class_name).toBe('Sequential');
    expect(json.config.name).toBe('deep');
    expect(json.config.layers.map((l) => [l.class_name, l.config.name])).toEqual([
      ['InputLayer', 'h1_input'],
      ['Dense', 'h1'],
      ['Dense', 'out'],
    ]);
    expect(json.config.layers[0].config).toMatchObject({ batch_shape: [null, 1], dtype: 'float32', sparse: false });
    expect(json.config.layers[1].config).toMatchObject({ units: 3, activation: 'sigmoid' });
    expect(JSON.parse(JSON.stringify(json))).toEqual(json);
    model.dispose();
  });

  it("rewrites a functional model's inbound nodes as Keras 3 call records", () => {
    const x = tf.input({ shape: [2], name: 'x' });
    const a = tf.layers.dense({ units: 4, name: 'a' }).apply(x) as tf.SymbolicTensor;
    const b = tf.layers.dense({ units: 4, name: 'b' }).apply(x) as tf.SymbolicTensor;
    const sum = tf.layers.add({ name: 'sum' }).apply([a, b]) as tf.SymbolicTensor;
    const model = tf.model({ inputs: x, outputs: sum, name: 'fun' });
    const json = kerasModelJson(model);
    expect(json.class_name).toBe('Functional');
    const byName = new Map(json.config.layers.map((l) => [l.config.name, l] as [string, KerasLayerJson]));
    expect(byName.get('x')!.config.batch_shape).toEqual([null, 2]);
    expect(byName.get('a')!.inbound_nodes).toEqual([
      { args: [{ class_name: '__keras_tensor__', config: { keras_history: ['x', 0, 0] } }], kwargs: {} },
    ]);
    expect(byName.get('sum')!.inbound_nodes).toEqual([
      {
        args: [
          [
            { class_name: '__keras_tensor__', config: { keras_history: ['a', 0, 0] } },
            { class_name: '__keras_tensor__', config: { keras_history: ['b', 0, 0] } },
          ],
        ],
        kwargs: {},
      },
    ]);
    expect(json.config.input_layers).toEqual([['x', 0, 0]]);
    expect(json.config.output_layers).toEqual([['sum', 0, 0]]);
    model.dispose();
  });

  it('converts nested models too', () => {
    const inner = tf.sequential({ name: 'inner', layers: [tf.layers.dense({ units: 2, inputShape: [4], name: 'd' })] });
    const x = tf.input({ shape: [4], name: 'x' });
    const model = tf.model({ inputs: x, outputs: inner.apply(x) as tf.SymbolicTensor, name: 'outer' });
    const json = kerasModelJson(model);
    const nested = json.config.layers.find((l) => l.config.name === 'inner')!;
    expect(nested.class_name).toBe('Sequential');
    expect(nested.config.layers!.map((l) => l.class_name)).toEqual(['InputLayer', 'Dense']);
    expect(nested.inbound_nodes).toEqual([
      { args: [{ class_name: '__keras_tensor__', config: { keras_history: ['x', 0, 0] } }], kwargs: {} },
    ]);
    model.dispose();
  });

  it('accepts Keras JSON as an object or a string, and leaves Keras 3 JSON as it is', () => {
    const keras3 = {
      class_name: 'Sequential',
      config: {
        name: 's',
        layers: [
          { class_name: 'InputLayer', config: { batch_shape: [null, 1], name: 'input_layer' } },
          { class_name: 'Dense', config: { name: 'd', units: 1 } },
        ],
      },
    };
    expect(kerasModelJson(keras3)).toEqual(keras3);
    expect(kerasModelJson(JSON.stringify(keras3))).toEqual(keras3);
  });

  it('rejects things that are not models', () => {
    expect(() => kerasModelJson('{not json')).toThrow(/kerasGraph: the model JSON string does not parse/);
    expect(() => kerasModelJson({} as never)).toThrow(/kerasGraph: expected a tfjs LayersModel or Keras model JSON/);
    expect(() => kerasModelJson({ class_name: 'Dense', config: { name: 'd' } } as never)).toThrow(
      /has no config.layers list/,
    );
    expect(() => kerasModelJson(42 as never)).toThrow(/expected a tfjs LayersModel/);
  });
});
