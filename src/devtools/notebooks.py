"""Notebooks as they are committed: no outputs, no execution metadata, readable as text.

python -m devtools.notebooks check FILE...   # exit 1 naming each notebook with outputs
python -m devtools.notebooks strip FILE...   # remove them (the pre-commit hook)
python -m devtools.notebooks text FILE       # cells as plain text (git diff's textconv)
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import nbformat

VOLATILE_CELL_METADATA = ("execution", "papermill", "collapsed", "scrolled", "ExecuteTime")


def problems(nb) -> list[str]:
    found = []
    for i, cell in enumerate(nb.cells, start=1):
        if cell.cell_type != "code":
            continue
        if cell.get("outputs"):
            found.append(f"cell {i} has outputs")
        if cell.get("execution_count") is not None:
            found.append(f"cell {i} has an execution count")
        for key in VOLATILE_CELL_METADATA:
            if key in cell.metadata:
                found.append(f"cell {i} has '{key}' metadata")
    for key in ("papermill", "widgets"):
        if key in nb.metadata:
            found.append(f"notebook has '{key}' metadata")
    return found


def strip(nb):
    for cell in nb.cells:
        if cell.cell_type == "code":
            cell.outputs = []
            cell.execution_count = None
        for key in VOLATILE_CELL_METADATA:
            cell.metadata.pop(key, None)
    for key in ("papermill", "widgets"):
        nb.metadata.pop(key, None)
    return nb


def as_text(nb) -> str:
    parts = []
    for cell in nb.cells:
        tags = cell.metadata.get("tags", [])
        head = f"# ---- {cell.cell_type} cell {cell.get('id', '')}" + (f" [{', '.join(tags)}]" if tags else "")
        parts.append(head + "\n" + cell.source.rstrip() + "\n")
        for out in cell.get("outputs", []):
            parts.append(f"# output: {out.get('output_type')}\n")
    return "\n".join(parts)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m devtools.notebooks")
    parser.add_argument("command", choices=["check", "strip", "text"])
    parser.add_argument("files", nargs="+", type=Path)
    args = parser.parse_args(argv)
    status = 0
    for path in args.files:
        nb = nbformat.read(path, as_version=4)
        if args.command == "text":
            sys.stdout.write(as_text(nb))
        elif args.command == "check":
            for p in problems(nb):
                print(f"{path}: {p}; strip it with `python -m devtools.notebooks strip {path}`", file=sys.stderr)
                status = 1
        elif problems(nb):
            nbformat.write(strip(nb), path)
            print(f"stripped {path}")
            status = 1  # pre-commit: the file changed, look at it and add it again
    return status


if __name__ == "__main__":
    sys.exit(main())
