"""
The Python side of `npm run bench`: the lesson's trainings (Lista 5) on TensorFlow 2.21 / Keras 3,
timed. Runs in the benchmark virtualenv bench/.venv-keras (made by bench/run.mjs).

    bench/.venv-keras/bin/python bench/keras_bench.py [--rows exploding,clipped,raso,fundo,fundo_tb,xavier,xavier_tb]
        [--reps 2] [--epochs N] [--n-train 500] [--logdir DIR] [--keep-logs] [--out results.jsonl]

Each finished training prints one JSON line on stdout (and appends it to --out):
    {"side": "keras", "row": "...", "rep": 0, "epochs": 500, "fitSeconds": ..., "cpuSeconds": ..., "totalSeconds": ...,
     "trainAccuracy": ..., "testAccuracy": ..., "finalLoss": ...}
fitSeconds is the wall time of `model.fit` alone (tracing included: it is part of every Keras fit);
cpuSeconds the CPU time of the process (all its threads) over the same span; totalSeconds adds building,
compiling and evaluating the model.

What was changed from the original notebook so that it runs on TF 2.21 / Keras 3:
- the exploding data are numpy arrays (Keras 3 refuses Python lists: "Unrecognized data type");
- `input_shape=[1]` / `input_dim=2` are replaced by `keras.Input` (the old arguments only warn, the
  layers are the same);
- ExtendedTensorBoard is rewritten (the original breaks on Keras 3: its positional constructor arguments
  shifted, `_get_writer` is gone, `compiled_loss(y_true=...)` raises, and weight names lost `:0`). The
  version below subclasses keras.callbacks.TensorBoard, takes x and y, and writes
  `<layer>/kernel_0_grads` and `<layer>/bias_0_grads` histograms on the train writer every epoch, with
  the gradients of the compiled loss over the whole training set (tf.GradientTape, eager, as the
  original did).
"""
import argparse
import json
import os
import shutil
import sys
import tempfile
import time

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")

import numpy as np  # noqa: E402
import tensorflow as tf  # noqa: E402
import keras  # noqa: E402
from keras.layers import Dense  # noqa: E402
from keras.models import Sequential  # noqa: E402
from keras.optimizers import SGD  # noqa: E402
from keras.initializers import RandomUniform  # noqa: E402
from sklearn.datasets import make_circles  # noqa: E402
from sklearn.preprocessing import MinMaxScaler  # noqa: E402

ALL_ROWS = ["exploding", "clipped", "raso", "fundo", "fundo_tb", "xavier", "xavier_tb"]


class ExtendedTensorBoard(keras.callbacks.TensorBoard):
    """The lesson's gradient-logging TensorBoard callback, working on Keras 3.

    Adapted from https://github.com/tensorflow/tensorflow/issues/31542 (the lesson's original). Every
    `histogram_freq` epochs it computes the gradient of the compiled loss over (x, y) with respect to
    every trainable weight and writes it as a histogram tagged `<layer>/<weight>_0_grads` (the TF 2.2
    names the lesson's "kernel_0_grads" filter expects) on the `train` run, next to what the standard
    callback writes (epoch scalars, weight histograms, the graph).
    """

    def __init__(self, x, y, log_dir="logs", histogram_freq=0, **kwargs):
        # Keyword arguments only: Keras 3 inserted `write_steps_per_second` among the positional ones.
        super().__init__(log_dir=log_dir, histogram_freq=histogram_freq, **kwargs)
        self.x = tf.constant(np.asarray(x, dtype=np.float32))
        y = np.asarray(y, dtype=np.float32)
        self.y = tf.constant(y.reshape(-1, 1) if y.ndim == 1 else y)
        self._loss_fn = None

    def _loss(self):
        if self._loss_fn is None:
            loss = self.model.loss
            # compile(loss="binary_crossentropy") keeps the string: resolve it to a loss object.
            if isinstance(loss, str) or loss is None:
                loss = keras.losses.get(loss) if loss else keras.losses.BinaryCrossentropy()
            self._loss_fn = loss
        return self._loss_fn

    def _log_gradients(self, epoch):
        pairs = [(layer.name, w) for layer in self.model.layers for w in layer.trainable_weights]
        weights = [w for _, w in pairs]
        with tf.GradientTape() as tape:
            y_pred = self.model(self.x, training=False)  # forward pass
            loss = self._loss()(self.y, y_pred)
        gradients = tape.gradient(loss, weights)  # back-propagation
        with self._train_writer.as_default():
            for (layer_name, w), g in zip(pairs, gradients):
                if g is not None:
                    tf.summary.histogram(f"{layer_name}/{w.name}_0_grads", data=g, step=epoch)
        self._train_writer.flush()

    def on_epoch_end(self, epoch, logs=None):
        super().on_epoch_end(epoch, logs=logs)
        if self.histogram_freq and epoch % self.histogram_freq == 0:
            self._log_gradients(epoch)


def circles(n_samples=1000, n_train=500):
    X, y = make_circles(n_samples=n_samples, noise=0.1, random_state=1)
    X = MinMaxScaler(feature_range=(-1, 1)).fit_transform(X)
    return X[:n_train, :], X[n_train:, :], y[:n_train], y[n_train:]


def exploding_data():
    xs = np.arange(100, dtype=np.float32).reshape(-1, 1)
    return xs, 5 + 10 * xs


def regression(clip, epochs):
    xs, ys = exploding_data()
    model = Sequential([keras.Input(shape=(1,)), Dense(units=1)])
    opt = SGD(clipvalue=1.0) if clip else SGD()
    model.compile(optimizer=opt, loss="mean_squared_error")
    cpu = time.process_time()
    started = time.perf_counter()
    history = model.fit(xs, ys, epochs=epochs, verbose=0)
    fit_seconds = time.perf_counter() - started
    return fit_seconds, {"cpuSeconds": time.process_time() - cpu, "finalLoss": float(history.history["loss"][-1])}


def classifier(kind):
    if kind == "raso":
        init = RandomUniform(minval=0, maxval=1)
        model = Sequential(name="modelo_raso")
        model.add(keras.Input(shape=(2,)))
        model.add(Dense(5, activation="tanh", kernel_initializer=init, name="raso_1"))
        model.add(Dense(1, activation="sigmoid", kernel_initializer=init, name="raso_output"))
        return model
    name, prefix, init = {
        "fundo": ("modelo_fundo", "funda", RandomUniform(minval=0, maxval=1)),
        "xavier": ("modelo_xavier", "xavier", "glorot_uniform"),
    }[kind]
    model = Sequential(name=name)
    model.add(keras.Input(shape=(2,)))
    for i in range(1, 6):
        model.add(Dense(5, activation="tanh", kernel_initializer=init, name=f"{prefix}_{i}"))
    model.add(Dense(1, activation="sigmoid", kernel_initializer=init, name=f"{prefix}_output"))
    return model


def run_model(model, data, epochs, log_to_tb, logdir):
    """The lesson's run_model, without the summary and the plot."""
    trainX, testX, trainy, testy = data
    opt = SGD(learning_rate=0.01, momentum=0.9)
    model.compile(loss="binary_crossentropy", optimizer=opt, metrics=["accuracy"])
    callbacks = None
    if log_to_tb:
        callbacks = [ExtendedTensorBoard(x=trainX, y=trainy, log_dir=os.path.join(logdir, model.name), histogram_freq=1)]
    cpu = time.process_time()
    started = time.perf_counter()
    history = model.fit(trainX, trainy, validation_data=(testX, testy), epochs=epochs, verbose=0, callbacks=callbacks)
    fit_seconds = time.perf_counter() - started
    cpu_seconds = time.process_time() - cpu
    _, train_acc = model.evaluate(trainX, trainy, verbose=0)
    _, test_acc = model.evaluate(testX, testy, verbose=0)
    return fit_seconds, {
        "cpuSeconds": cpu_seconds,
        "trainAccuracy": float(train_acc),
        "testAccuracy": float(test_acc),
        "finalLoss": float(history.history["loss"][-1]),
    }


def finite_or_text(value):
    """JSON has no NaN/Infinity: non-finite floats become the strings "NaN", "Infinity", "-Infinity"."""
    if isinstance(value, float) and not np.isfinite(value):
        return "NaN" if np.isnan(value) else ("Infinity" if value > 0 else "-Infinity")
    return value


def one(row, rep, epochs_override, logdir, keep_logs=False, n_train=500):
    keras.utils.set_random_seed(rep + 1)
    started = time.perf_counter()
    if row in ("exploding", "clipped"):
        epochs = epochs_override or 400
        fit_seconds, extra = regression(row == "clipped", epochs)
    else:
        epochs = epochs_override or 500
        kind = row.replace("_tb", "")
        run_dir = tempfile.mkdtemp(prefix=f"{row}-", dir=logdir)
        try:
            fit_seconds, extra = run_model(classifier(kind), circles(2 * n_train, n_train), epochs, row.endswith("_tb"), run_dir)
        finally:
            if not keep_logs:
                shutil.rmtree(run_dir, ignore_errors=True)
    total = time.perf_counter() - started
    keras.backend.clear_session()
    extra = {k: finite_or_text(v) for k, v in extra.items()}
    return {"side": "keras", "row": row, "rep": rep, "epochs": epochs, "nTrain": n_train, "fitSeconds": fit_seconds, "totalSeconds": total, **extra}


def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--rows", default=",".join(ALL_ROWS), help="comma-separated rows (%(default)s)")
    p.add_argument("--reps", type=int, default=2)
    p.add_argument("--epochs", type=int, default=0, help="override the lesson's epochs (400 / 500)")
    p.add_argument("--n-train", type=int, default=500,
                   help="training points of the circle rows (make_circles(2n), first n for training)")
    p.add_argument("--logdir", default="", help="where the TensorBoard rows write (a temporary folder by default)")
    p.add_argument("--keep-logs", action="store_true", help="keep the TensorBoard logs (under --logdir)")
    p.add_argument("--out", default="", help="append the JSON lines to this file too")
    a = p.parse_args(argv)
    rows = [r for r in a.rows.split(",") if r]
    unknown = [r for r in rows if r not in ALL_ROWS]
    if unknown:
        p.error(f"unknown rows {unknown}; known: {ALL_ROWS}")
    logdir = a.logdir or tempfile.mkdtemp(prefix="keras-bench-")
    os.makedirs(logdir, exist_ok=True)
    print(json.dumps({"side": "keras", "info": {"tensorflow": tf.__version__, "keras": keras.__version__,
                                                  "numpy": np.__version__, "python": sys.version.split()[0]}}), flush=True)
    # Interleave repetitions (rep 0 of every row, then rep 1, ...) so that slow drifts hit all rows alike.
    for rep in range(a.reps):
        for row in rows:
            result = one(row, rep, a.epochs, logdir, a.keep_logs, a.n_train)
            line = json.dumps(result)
            print(line, flush=True)
            if a.out:
                with open(a.out, "a") as f:
                    f.write(line + "\n")
    if not a.logdir and not a.keep_logs:
        shutil.rmtree(logdir, ignore_errors=True)


if __name__ == "__main__":
    main()
