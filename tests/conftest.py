import csv
import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "data"
SEED = ROOT.parent / "shared" / "seeds" / "000_5cbfb5f9eb25f7f5.txt"


@pytest.fixture
def data_copy(tmp_path) -> Path:
    """A private copy of data/ that a test may break."""
    target = tmp_path / "data"
    shutil.copytree(DATA, target, ignore=shutil.ignore_patterns("*.md"))
    return target


def set_cell(path: Path, line: int, column: str, value: str) -> None:
    """Change one cell, addressed as a person would: by the file's line number and column name."""
    rows = list(csv.reader(path.open(encoding="utf-8", newline="")))
    header = rows[0]
    rows[line - 1][header.index(column)] = value
    with path.open("w", encoding="utf-8", newline="") as f:
        csv.writer(f, lineterminator="\n").writerows(rows)


def line_of(path: Path, column: str, value: str) -> int:
    rows = list(csv.reader(path.open(encoding="utf-8", newline="")))
    col = rows[0].index(column)
    return next(i for i, r in enumerate(rows, start=1) if r[col] == value)
