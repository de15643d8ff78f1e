"""Reading the curated CSV files into typed, timezone-aware DataFrames.

Files are read as text, checked (`analysis.data.validation`), and only then converted, so a bad cell
is reported with the exact text the file holds instead of a conversion error. What each column
becomes is declared with the column, in the file's module of `analysis.data.schemas`.
"""

from __future__ import annotations

import csv
import io
import os
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from analysis import vocab
from analysis.data import schemas
from analysis.data.evidence import pages
from analysis.data.validation import SCHEMAS, check_relations, check_schema
from analysis.errors import DataValidationError, Problem

# The curated files, in the order they are read: one module of analysis.data.schemas declares each.
FILES = tuple(schemas.FILES)


def default_data_dir() -> Path:
    """data/ of the project, unless ANALYSIS_DATA_DIR points elsewhere."""
    env = os.environ.get("ANALYSIS_DATA_DIR")
    if env:
        return Path(env)
    return Path(__file__).resolve().parents[3] / "data"


@dataclass(frozen=True, eq=False)
class Dataset:
    events: pd.DataFrame
    compensation: pd.DataFrame
    order_items: pd.DataFrame
    sources: pd.DataFrame
    incidents: pd.DataFrame
    remedies: pd.DataFrame
    milestones: pd.DataFrame
    citations: pd.DataFrame
    story: pd.DataFrame
    corrections: pd.DataFrame
    data_dir: Path

    def incident_names(self, lang: str) -> dict[str, str]:
        return dict(zip(self.incidents["incident_id"], self.incidents[f"name_{lang}"]))

    def milestone_names(self, lang: str) -> dict[str, str]:
        return dict(zip(self.milestones["milestone"], self.milestones[f"name_{lang}"]))

    @property
    def event_milestones(self) -> list[str]:
        """The milestones an event may carry, in the vocabulary's order."""
        return list(self.milestones.loc[self.milestones["kind"] == "event", "milestone"])

    @property
    def compared(self) -> list[str]:
        """The milestones every incident is compared on, in the vocabulary's order."""
        return list(self.milestones.loc[self.milestones["compared"], "milestone"])

    @property
    def chain_milestones(self) -> list[str]:
        """The milestones a report's chain of durations runs through, in the vocabulary's order."""
        return list(self.milestones.loc[self.milestones["chain"], "milestone"])

    @property
    def not_before(self) -> dict[str, tuple[str, ...]]:
        """A milestone -> the milestones it cannot precede (a disclosure: the theft, its first public
        notice and its detection)."""
        return {
            m: tuple(after.split()) for m, after in zip(self.milestones["milestone"], self.milestones["not_before"])
        }

    @property
    def measures(self) -> dict[str, tuple[str, ...]]:
        """A measure (the first regulator action) -> the milestones it is the earliest of."""
        parts = self.milestones[self.milestones["part_of"] != ""]
        return {m: tuple(parts.loc[parts["part_of"] == m, "milestone"]) for m in dict.fromkeys(parts["part_of"])}


# Lines with the wrong number of fields listed one by one; beyond, a count.
MAX_LISTED = 20


def _too_big(name: str, found: str, limit: str) -> Problem:
    return Problem(
        name,
        None,
        None,
        found,
        f"is larger than the report is built for ({limit}): its tables and charts are meant to be read "
        "whole, and the build's time and memory are measured up to that size (make bench); keep the file "
        "to the curated facts",
    )


def read_text_table(path: Path, name: str | None = None) -> tuple[pd.DataFrame | None, list[Problem]]:
    """One CSV file as strings, indexed by the line number each record starts on."""
    name = name or path.name
    try:
        size = path.stat().st_size
        if size > vocab.MAX_BYTES:
            return None, [_too_big(name, f"{size} bytes", f"{vocab.MAX_BYTES:,} bytes, analysis.vocab.MAX_BYTES")]
        raw = path.read_bytes()
    except FileNotFoundError:
        return None, [Problem(name, None, None, None, f"the file is missing (looked for {path})")]
    except OSError as err:
        return None, [Problem(name, None, None, None, f"the file cannot be read ({path}): {err.strerror or err}")]
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        line = raw[: err.start].count(b"\n") + 1
        bad = raw[err.start : err.end].hex(" ")
        return None, [
            Problem(
                name,
                line,
                None,
                f"bytes {bad}",
                "the file is not UTF-8 text; open it in an editor and save it as UTF-8",
            )
        ]
    if not text.strip():
        return None, [
            Problem(name, None, None, None, "the file is empty; it needs a header row and at least one data row")
        ]

    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    problems: list[Problem] = []
    misshapen = 0
    try:
        header = next(reader)
        records, lines = [], []
        start = reader.line_num + 1
        for record in reader:
            if record:
                if len(records) + misshapen == vocab.MAX_ROWS:  # one more: refuse before reading on
                    return None, [_too_big(name, f"more than {vocab.MAX_ROWS} rows", f"{vocab.MAX_ROWS} rows")]
                if len(record) != len(header):
                    misshapen += 1
                    if misshapen <= MAX_LISTED:
                        problems.append(
                            Problem(
                                name,
                                start,
                                None,
                                None,
                                f"the line has {len(record)} fields but the header has {len(header)}; "
                                "check for a missing or extra comma, or an unquoted comma in a value",
                            )
                        )
                else:
                    records.append(record)
                    lines.append(start)
            start = reader.line_num + 1
    except csv.Error as err:
        return None, [Problem(name, reader.line_num, None, None, f"the file is not valid CSV: {err}")]
    if misshapen > MAX_LISTED:
        problems.append(
            Problem(name, None, None, None, f"and {misshapen - MAX_LISTED} more lines with the wrong number of fields")
        )
    for col in sorted({c for c in header if header.count(c) > 1}):
        problems.append(Problem(name, 1, col, None, "is in the header row more than once"))
    if not records and not problems:
        problems.append(Problem(name, None, None, None, "the file has a header row but no data rows"))
    if problems:
        return None, problems
    frame = pd.DataFrame(records, columns=header, index=pd.Index(lines, name="line"), dtype=str)
    return frame, []


def check_dataset(data_dir: Path | None = None) -> dict[str, pd.DataFrame]:
    """Read and check every file; raise DataValidationError listing all problems found."""
    data_dir = Path(data_dir) if data_dir is not None else default_data_dir()
    frames: dict[str, pd.DataFrame] = {}
    problems: list[Problem] = []
    for name in FILES:
        frame, found = read_text_table(data_dir / name)
        problems += found
        if frame is not None:
            problems += check_schema(name, frame)
            # Checks across files read the columns they expect; a file whose header is wrong
            # would only add errors that follow from the header's.
            if set(frame.columns) == set(SCHEMAS[name].columns):
                frames[name] = frame
    problems += check_relations(frames)
    if problems:
        raise DataValidationError([_named(p, data_dir) for p in problems])
    return frames


def _named(problem: Problem, data_dir: Path) -> Problem:
    """Name files by their path, so the message says which copy of the data is broken."""
    path = data_dir / problem.file
    try:
        shown = str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        shown = str(path)
    return Problem(shown, problem.line, problem.column, problem.value, problem.message)


# A build loads the same files for every variant; with REUSE on (the build and its warm kernel
# process turn it on) a load is kept and served again while no file has changed. Off by default:
# a caller that changed a frame in place would change it for the next.
REUSE = False
_KEPT: dict[tuple, Dataset] = {}


def load_dataset(data_dir: Path | None = None) -> Dataset:
    data_dir = Path(data_dir) if data_dir is not None else default_data_dir()
    key = _fingerprint(data_dir) if REUSE else None
    if key in _KEPT:
        return _KEPT[key]
    dataset = _load(data_dir)
    if key is not None:
        _KEPT.clear()
        _KEPT[key] = dataset
    return dataset


def _fingerprint(data_dir: Path) -> tuple | None:
    """Where the files are and which versions of them: a file rewritten gets a new mtime or inode."""
    try:
        stats = [(data_dir / name).stat() for name in FILES]
        return (str(data_dir.resolve()), *((st.st_ino, st.st_mtime_ns, st.st_size) for st in stats))
    except OSError:
        return None  # a missing file: the load itself says which


def _load(data_dir: Path) -> Dataset:
    frames = check_dataset(data_dir)
    citations = frames["citations.csv"].merge(frames["pages.csv"], on="url", how="left")
    citations.index = frames["citations.csv"].index
    # A researched row's pages (with what each prints) and, as source_url, their addresses; then
    # each file typed as its declaration (analysis.data.schemas) says.
    for table, name in vocab.CITED_TABLES.items():
        frames[name] = _with_pages(frames[name], citations, table, schemas.key(name))
    typed = {name: schemas.typed(name, frame) for name, frame in frames.items()}
    return Dataset(
        events=typed["events.csv"],
        compensation=typed["compensation.csv"],
        order_items=typed["order_items.csv"],
        sources=typed["sources.csv"],
        incidents=typed["incidents.csv"],
        remedies=typed["remedies.csv"],
        milestones=typed["milestones.csv"],
        citations=citations,
        story=typed["story.csv"],
        corrections=typed["corrections.csv"],
        data_dir=data_dir,
    )


def _with_pages(raw: pd.DataFrame, citations: pd.DataFrame, table: str, key: str) -> pd.DataFrame:
    """A researched row's pages (with what each prints) and, as source_url, their addresses."""
    df = raw.copy()
    found = pages(citations)
    df["pages"] = [found.get((table, k), ()) for k in df[key]]
    from_citations = df["pages"].map(lambda ps: " ; ".join(p.url for p in ps))
    given = df["source_url"] if "source_url" in df.columns else pd.Series("", index=df.index)
    df["source_url"] = given.where(given != "", from_citations)
    return df
