import csv
import os
import shutil
from pathlib import Path

import pytest
from hypothesis import settings

# Property tests: "ci" (the default, in make test) is a fixed, repeatable budget; "deep" is for an
# occasional long search: HYPOTHESIS_PROFILE=deep .venv/bin/python -m pytest tests/test_hostile.py
# No deadline: a property test asserts behaviour, not speed (make bench measures that); a 30 s
# deadline failed a build of the fuzzed data on a loaded CI machine (34.9 s) with nothing wrong.
settings.register_profile("ci", max_examples=30, deadline=None, derandomize=True, database=None)
settings.register_profile("deep", max_examples=1000, deadline=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "data"
SEED = ROOT.parent / "shared" / "seeds" / "000_5cbfb5f9eb25f7f5.txt"
# Invented data for the tests of logic (tests/fixtures/README.md): a correction to data/ cannot fail them.
FIXTURE_DATA = ROOT / "tests" / "fixtures" / "data"


@pytest.fixture
def data_copy(tmp_path) -> Path:
    """A private copy of data/ that a test may break."""
    target = tmp_path / "data"
    shutil.copytree(DATA, target, ignore=shutil.ignore_patterns("*.md"))
    return target


@pytest.fixture(scope="session")
def fixture_data() -> Path:
    """The folder of the invented fixture data (tests/fixtures/data); read it, never write it."""
    return FIXTURE_DATA


@pytest.fixture(scope="session")
def fixture_dataset(fixture_data):
    """The fixture data loaded (and so checked) once; shared, so a test must not change its frames."""
    from analysis.data.loading import load_dataset

    return load_dataset(fixture_data)


@pytest.fixture
def fixture_copy(tmp_path, fixture_data) -> Path:
    """A private copy of the fixture data that a test may break."""
    target = tmp_path / "fixture"
    shutil.copytree(fixture_data, target)
    return target


def problems_of(data_dir) -> list:
    """The problems load_dataset reports for a broken copy of the data (it must refuse it)."""
    from analysis.data.loading import load_dataset
    from analysis.errors import DataValidationError

    with pytest.raises(DataValidationError) as info:
        load_dataset(data_dir)
    return info.value.problems


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
