"""Execute a lesson notebook through the tslab kernel and, optionally, render its HTML handout.

    python python/run_notebook.py NOTEBOOK --executed OUT.ipynb [--html OUT.html] [--timeout SECONDS]
        [--startup-timeout SECONDS]

The notebook runs in its own folder (as in JupyterLab) with nbconvert's ExecutePreprocessor.
The executed notebook is written even when a cell fails; then the exit status is 1 and stderr
names the cell, its source and what it printed. The HTML uses the offline "handout" template.
"""
import argparse
import os
import sys
import time
from pathlib import Path

import nbformat
from nbconvert import HTMLExporter
from nbconvert.preprocessors import CellExecutionError, ExecutePreprocessor

TEMPLATES = Path(__file__).resolve().parent / "nbconvert_templates"


class LessonExecutor(ExecutePreprocessor):
    """Remembers which cell runs, and prints one progress line per code cell."""

    current_index = -1

    def preprocess_cell(self, cell, resources, index):
        self.current_index = index
        if cell.cell_type == "code" and cell.source.strip():
            first_line = cell.source.strip().splitlines()[0][:70]
            print(f"  [{index + 1}/{self.total}] {first_line}", flush=True)
            started = time.monotonic()
            result = super().preprocess_cell(cell, resources, index)
            elapsed = time.monotonic() - started
            if elapsed > 5:
                print(f"      ({elapsed:.1f} s)", flush=True)
            return result
        return super().preprocess_cell(cell, resources, index)


def cell_outputs_text(cell):
    parts = []
    for output in cell.get("outputs", []):
        if output.get("output_type") == "stream":
            parts.append(output.get("text", ""))
        elif output.get("output_type") == "error":
            traceback = "\n".join(output.get("traceback", []))
            parts.append(f"[error] {output.get('ename')!r}: {output.get('evalue')!r}\n{traceback}")
    return "".join(parts).rstrip()


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("notebook", type=Path)
    parser.add_argument("--executed", type=Path, required=True, help="where to write the executed notebook")
    parser.add_argument("--html", type=Path, help="where to write the HTML handout")
    parser.add_argument("--timeout", type=int, default=1800, help="seconds allowed per cell")
    parser.add_argument(
        "--startup-timeout",
        type=int,
        default=int(os.environ.get("LISTA5_KERNEL_STARTUP_TIMEOUT", "180")),
        help="seconds allowed for the kernel to start (a cold start on a slow laptop takes long; default 180)",
    )
    args = parser.parse_args()

    # The kernel inherits this: the notebook knows it runs with no one watching (no browser for
    # TensorBoard; see lista5's startTensorBoard).
    os.environ["LISTA5_HEADLESS"] = "1"
    # As JupyterLab does (jupyter_server names the notebook to its kernel): each notebook's
    # TensorBoard runs go to their own folder, logs/<notebook> (see lista5's defaultLogDir).
    os.environ.setdefault("JPY_SESSION_NAME", str(args.notebook.resolve()))
    notebook = nbformat.read(args.notebook, as_version=4)
    # iopub_timeout: how long nbclient waits, once a cell's reply has come, for the rest of its output.
    # Its default (4 s) silently drops what a busy machine delivers later (a cell printing thousands of
    # lines lost hundreds of them under load); waiting longer costs nothing, as it stops at the idle
    # status that ends every cell, and a cell whose output never ends fails instead of losing lines.
    executor = LessonExecutor(
        kernel_name="tslab",
        timeout=args.timeout,
        startup_timeout=args.startup_timeout,
        iopub_timeout=120,
        raise_on_iopub_timeout=True,
    )
    executor.total = len(notebook.cells)
    failure = None
    print(f"Executing {args.notebook} with the tslab kernel", flush=True)
    try:
        executor.preprocess(notebook, {"metadata": {"path": str(args.notebook.resolve().parent)}})
    except CellExecutionError as error:
        failure = error
    except RuntimeError as error:
        # nbclient: "Kernel didn't respond in N seconds" (a cold start: node, tslab and TensorFlow.js
        # loading from a slow disk or under an antivirus scan).
        if "didn't respond" not in str(error) and "Kernel died" not in str(error):
            raise
        print(
            f"\nThe TypeScript kernel (tslab) did not start: {error}\n"
            "What to try:\n"
            "  - run the same command again (the second start is much faster: files are cached);\n"
            f"  - allow more time: LISTA5_KERNEL_STARTUP_TIMEOUT={2 * args.startup_timeout} npm start;\n"
            "  - run \"npm install\" again (it registers the kernel), then \"npm run lab\" to see the kernel's own messages.",
            file=sys.stderr,
        )
        return 1
    # tslab's replies carry no execution count where nbclient looks for it: number the cells that ran,
    # so the executed notebook and the handout show In [1], In [2], ... instead of In [ ].
    count = 0
    for cell in notebook.cells[: executor.current_index + 1]:
        if cell.cell_type == "code" and cell.source.strip():
            count += 1
            cell.execution_count = count
            for output in cell.get("outputs", []):
                if output.get("output_type") == "execute_result":
                    output["execution_count"] = count
    args.executed.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(notebook, args.executed)
    if failure is not None:
        index = executor.current_index
        cell = notebook.cells[index]
        print(
            f"\nCell {index + 1} of {args.notebook} failed.\n"
            f"--- source ---\n{cell.source}\n"
            f"--- output ---\n{cell_outputs_text(cell)}\n"
            f"--- error ---\n{failure}\n",
            file=sys.stderr,
        )
        return 1
    if args.html:
        exporter = HTMLExporter(template_name="handout", extra_template_basedirs=[str(TEMPLATES)])
        body, _ = exporter.from_notebook_node(notebook)
        args.html.parent.mkdir(parents=True, exist_ok=True)
        args.html.write_text(body, encoding="utf-8")
        print(f"Handout written to {args.html}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
