"""Executes one notebook top to bottom with nbclient and the tslab kernel.

Why not plain `jupyter nbconvert --execute`: tslab reports a failing cell only as text on
stderr (the error output nbconvert prints is empty), so this runner records which cell failed
and what it wrote to stderr, and prints a JSON summary on its last stdout line.

usage: execute_notebook.py NOTEBOOK OUT_NOTEBOOK [--html OUT_HTML] [--timeout SECONDS]
                           [--html-template FILE.j2] [--require-js-url URL]

--html-template and --require-js-url make the HTML export work offline on any host (npm run export).
"""
import argparse
import json
import os
import sys
import time

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError, CellTimeoutError, DeadKernelError


def cell_text(cell, stream_name):
    parts = []
    for output in cell.get("outputs", []):
        if output.get("output_type") == "stream" and output.get("name") == stream_name:
            parts.append(output.get("text", ""))
        elif stream_name == "stderr" and output.get("output_type") == "error":
            parts.append("%s: %s\n%s" % (output.get("ename", ""), output.get("evalue", ""),
                                           "\n".join(output.get("traceback", []))))
    return "".join(parts)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("notebook")
    parser.add_argument("out")
    parser.add_argument("--html")
    parser.add_argument("--timeout", type=int, default=180)
    parser.add_argument("--kernel", default="tslab")
    parser.add_argument("--html-template")
    parser.add_argument("--require-js-url")
    args = parser.parse_args()

    nb = nbformat.read(args.notebook, as_version=4)
    state = {"current": None}

    def on_cell_start(cell, cell_index):
        state["current"] = cell_index

    client = NotebookClient(
        nb,
        kernel_name=args.kernel,
        timeout=args.timeout,
        resources={"metadata": {"path": os.path.dirname(os.path.abspath(args.notebook))}},
        on_cell_start=on_cell_start,
    )
    summary = {"notebook": args.notebook, "ok": True, "seconds": 0.0}
    started = time.time()
    try:
        client.execute()
    except (CellExecutionError, CellTimeoutError, DeadKernelError) as error:
        index = state["current"]
        cell = nb.cells[index] if index is not None else {}
        if isinstance(error, CellTimeoutError):
            reason = "timed out after %d s (does a loop or a promise never finish?)" % args.timeout
        elif isinstance(error, DeadKernelError):
            reason = "the kernel died"
        else:
            reason = "raised an error"
        summary.update({
            "ok": False,
            "failedCell": index,
            "reason": reason,
            "source": "".join(cell.get("source", "")),
            "stderr": cell_text(cell, "stderr"),
            "stdout": cell_text(cell, "stdout"),
        })
    summary["seconds"] = round(time.time() - started, 2)
    nbformat.write(nb, args.out)
    if args.html:
        from nbconvert import HTMLExporter
        settings = {}
        if args.html_template:
            settings["extra_template_paths"] = [os.path.dirname(os.path.abspath(args.html_template))]
            settings["template_file"] = os.path.basename(args.html_template)
        if args.require_js_url:
            settings["require_js_url"] = args.require_js_url
        body, _ = HTMLExporter(**settings).from_notebook_node(nb)
        with open(args.html, "w", encoding="utf-8") as handle:
            handle.write(body)
    print(json.dumps(summary))
    return 0 if summary["ok"] else 1


if __name__ == "__main__":
    sys.exit(main())
