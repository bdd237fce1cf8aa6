"""
The Keras check of the Para ir além notebook's Part 2 (accuracy × sequence length over seeds): the
same design trained with TensorFlow 2.21 / Keras 3, so that the conclusion the notebook draws does not
rest on our TypeScript port alone. Runs in the benchmark virtualenv bench/.venv-keras (made by
`npm run bench:rnn`, or: python3 -m venv bench/.venv-keras && PIP_RETRIES=0 bench/.venv-keras/bin/pip
install tensorflow-cpu).

    bench/.venv-keras/bin/python bench/keras_first_sign_seeds.py [--cells simpleRNN,lstm,gru]
        [--steps 10,20,40] [--seeds 0,1,2] [--n-train 2048] [--n-test 512] [--epochs 20]
        [--batch-size 32] [--lr 0.01] [--lstm-forget-bias 1] [--gru-update-bias 2]

The task and the network are the notebook's, with Keras' own machinery:
- data: `RandomState(1000 + T).standard_normal((n_train, T, 1))` for training and
  `RandomState(2000 + T)` for the test set (the numbers `l5.firstSignSequences` draws), label 1 when
  the first step is positive;
- one recurrent layer of 8 units (SimpleRNN with tanh; LSTM with Keras' defaults, sigmoid gates and
  `unit_forget_bias` = forget-gate bias 1, or another bias given by --lstm-forget-bias; GRU with
  reset_after=False, the only GRU tfjs has, and update-gate bias 2) and Dense(1, sigmoid);
- Adam, binary cross-entropy, batch 32, shuffled batches; `keras.utils.set_random_seed(seed)` fixes
  the initial weights and the shuffling (Keras' random streams differ from ours: the seeds are
  "three independent draws", not the notebook's exact networks).

Prints one line per (cell, T): the test accuracy of every seed, how many reached 0.9, the median.
"""
import argparse
import os
import statistics
import time

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")

import numpy as np  # noqa: E402
import keras  # noqa: E402


def data(n, steps, seed):
    x = np.random.RandomState(seed).standard_normal((n, steps, 1)).astype("float32")
    y = (x[:, 0, 0] > 0).astype("float32").reshape(n, 1)
    return x, y


def network(cell, steps, seed, units, lstm_forget_bias, gru_update_bias):
    keras.utils.set_random_seed(seed)
    if cell == "simpleRNN":
        layer = keras.layers.SimpleRNN(units)
    elif cell == "lstm":
        layer = keras.layers.LSTM(units)
    else:
        layer = keras.layers.GRU(units, reset_after=False)
    model = keras.Sequential([keras.Input((steps, 1)), layer, keras.layers.Dense(1, activation="sigmoid")])
    if cell != "simpleRNN":
        kernel, recurrent, bias = layer.get_weights()
        # Keras' gate order: LSTM (i, f, c, o), GRU (z, r, h).
        if cell == "lstm":
            bias[units : 2 * units] = lstm_forget_bias
        else:
            bias[:units] = gru_update_bias
        layer.set_weights([kernel, recurrent, bias])
    return model


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--cells", default="simpleRNN,lstm,gru")
    p.add_argument("--steps", default="10,20,40")
    p.add_argument("--seeds", default="0,1,2")
    p.add_argument("--n-train", type=int, default=2048)
    p.add_argument("--n-test", type=int, default=512)
    p.add_argument("--epochs", type=int, default=20)
    p.add_argument("--batch-size", type=int, default=32)
    p.add_argument("--lr", type=float, default=0.01)
    p.add_argument("--units", type=int, default=8)
    p.add_argument("--lstm-forget-bias", type=float, default=1.0)
    p.add_argument("--gru-update-bias", type=float, default=2.0)
    a = p.parse_args()
    seeds = [int(s) for s in a.seeds.split(",")]
    print(
        f"Keras {keras.__version__}: n_train {a.n_train}, n_test {a.n_test}, {a.epochs} epochs, batch "
        f"{a.batch_size}, Adam {a.lr}, {a.units} units, LSTM forget bias {a.lstm_forget_bias}, GRU update "
        f"bias {a.gru_update_bias}, seeds {seeds}",
        flush=True,
    )
    start = time.time()
    for steps in [int(t) for t in a.steps.split(",")]:
        x, y = data(a.n_train, steps, 1000 + steps)
        x_test, y_test = data(a.n_test, steps, 2000 + steps)
        for cell in a.cells.split(","):
            accuracies = []
            for seed in seeds:
                model = network(cell, steps, seed, a.units, a.lstm_forget_bias, a.gru_update_bias)
                model.compile(
                    optimizer=keras.optimizers.Adam(a.lr), loss="binary_crossentropy", metrics=["accuracy"]
                )
                model.fit(x, y, epochs=a.epochs, batch_size=a.batch_size, shuffle=True, verbose=0)
                accuracies.append(float(model.evaluate(x_test, y_test, batch_size=a.n_test, verbose=0)[1]))
            ok = sum(acc >= 0.9 for acc in accuracies)
            print(
                f"T {steps:3d}  {cell:10s} " + " ".join(f"{acc:.3f}" for acc in accuracies)
                + f"   >= 0.9: {ok}/{len(accuracies)}   median {statistics.median(accuracies):.3f}",
                flush=True,
            )
    print(f"{time.time() - start:.0f} s", flush=True)


if __name__ == "__main__":
    main()
