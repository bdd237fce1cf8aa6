"""
The Python side of `npm run bench:rnn` (bench/rnn.mjs): the Para ir além notebook's recurrent
classifier on TensorFlow 2.21 / Keras 3 — one recurrent layer of 8 units and Dense(1, sigmoid), Adam,
binary cross-entropy, plain `model.fit` — on the same sequences as the TypeScript side (read from
--data, written by bench/rnn.mjs). Runs in the benchmark virtualenv bench/.venv-keras.

    bench/.venv-keras/bin/python bench/keras_rnn_bench.py --data DATA.json [--cells simpleRNN,lstm,gru]
        [--epochs 10] [--batch-size 32] [--lr 0.02] [--reps 1]

The same model as the TypeScript side: Keras' defaults are what the notebook sets in tfjs
(recurrent_activation sigmoid, LSTM forget-gate bias 1 via unit_forget_bias, glorot_uniform and
orthogonal initializers); the GRU uses reset_after=False (the only GRU tfjs has) with its update-gate
bias set to 2, as the notebook does. One JSON line per cell on stdout:
    {"side": "keras", "cell": ..., "seconds": [...], "cpuSeconds": [...], "loss": [...], "acc": ...}
seconds is the wall time of `model.fit` alone (its tf.function tracing included: every Keras fit pays
it), cpuSeconds the process's CPU time (all threads) over the same span.
"""
import argparse
import json
import os
import time

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")

import numpy as np  # noqa: E402
import keras  # noqa: E402
import tensorflow as tf  # noqa: E402
from keras_first_sign_seeds import network as first_sign_network  # noqa: E402


def network(cell, steps, units=8, seed=0):
    """The notebook's network in Keras (LSTM forget-gate bias 1, GRU update-gate bias 2): the one the
    Keras check of Para ir além's Part 2 builds (keras_first_sign_seeds.py)."""
    return first_sign_network(cell, steps, seed, units, lstm_forget_bias=1.0, gru_update_bias=2.0)


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--data", required=True)
    p.add_argument("--cells", default="simpleRNN,lstm,gru")
    p.add_argument("--epochs", type=int, default=10)
    p.add_argument("--batch-size", type=int, default=32)
    p.add_argument("--lr", type=float, default=0.02)
    p.add_argument("--reps", type=int, default=1)
    a = p.parse_args()
    with open(a.data) as f:
        d = json.load(f)
    x = np.asarray(d["x"], dtype="float32").reshape(d["xShape"])
    y = np.asarray(d["y"], dtype="float32").reshape(d["yShape"])
    for cell in a.cells.split(","):
        seconds, cpu, history = [], [], None
        for rep in range(a.reps):
            model = network(cell, x.shape[1], seed=rep)
            model.compile(optimizer=keras.optimizers.Adam(a.lr), loss="binary_crossentropy", metrics=["accuracy"])
            t0, c0 = time.perf_counter(), time.process_time()
            history = model.fit(x, y, batch_size=a.batch_size, epochs=a.epochs, shuffle=True, verbose=0)
            seconds.append(time.perf_counter() - t0)
            cpu.append(time.process_time() - c0)
        line = {
            "side": "keras",
            "cell": cell,
            "seconds": seconds,
            "cpuSeconds": cpu,
            "loss": [float(v) for v in history.history["loss"]],
            "acc": float(history.history["accuracy"][-1]),
            "tensorflow": tf.__version__,
            "keras": keras.__version__,
        }
        print(json.dumps(line), flush=True)


if __name__ == "__main__":
    main()
