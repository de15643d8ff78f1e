"""Reading the curated CSV files into typed, timezone-aware DataFrames.

Files are read as text, checked (`analysis.data.validation`), and only then converted, so a bad cell
is reported with the exact text the file holds instead of a conversion error.
"""

from __future__ import annotations

import csv
import io
import os
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from analysis import l10n, vocab
from analysis.data.evidence import pages
from analysis.data.validation import SCHEMAS, check_relations, check_schema
from analysis.errors import DataValidationError, Problem

FILES = (
    "milestones.csv",
    "events.csv",
    "compensation.csv",
    "order_items.csv",
    "sources.csv",
    "incidents.csv",
    "remedies.csv",
    "citations.csv",
    "story.csv",
    "pages.csv",
)


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
    milestones = frames["milestones.csv"].copy()
    milestones["compared"] = milestones["compared"] == "true"
    milestones["chain"] = milestones["chain"] == "true"
    return Dataset(
        events=_typed_events(_with_pages(frames["events.csv"], citations, "events", "event_id")),
        compensation=_typed_compensation(frames["compensation.csv"]),
        order_items=_typed_order_items(frames["order_items.csv"]),
        sources=frames["sources.csv"].copy(),
        incidents=_with_pages(frames["incidents.csv"], citations, "incidents", "incident_id").astype(
            {"value_usd": "int64"}
        ),
        remedies=_with_pages(frames["remedies.csv"], citations, "remedies", "incident_id"),
        milestones=milestones,
        citations=citations,
        story=_with_pages(frames["story.csv"], citations, "story", "fact_id"),
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


def _typed_events(raw: pd.DataFrame) -> pd.DataFrame:
    df = raw.copy()
    # A date-only fact stays a whole day (a Period), never a midnight timestamp; a fact known only
    # to the month or quarter keeps that period, and a gap has neither.
    df["date"] = pd.PeriodIndex(raw["date"].replace("", None), freq="D")
    has_time = (raw["time"] != "") & (raw["date"] != "")
    stamps = pd.to_datetime(raw["date"].where(has_time) + " " + raw["time"].where(has_time), format="%Y-%m-%d %H:%M")
    df["timestamp"] = stamps.dt.tz_localize(vocab.TIMEZONE).astype(f"datetime64[us, {vocab.TIMEZONE}]")
    df["period"] = [_period(text) for text in raw["period"]]
    # The stretch of Japan time a date-only fact's day covers: its own day, or, for a date the pages
    # give in another zone, that zone's day, which overlaps two Japan dates.
    spans = [
        _day_span(d, z) if d and not t else (pd.NaT, pd.NaT)
        for d, t, z in zip(raw["date"], raw["time"], raw["date_zone"])
    ]
    df["day_start"] = pd.Series([a for a, _ in spans], index=df.index, dtype=f"datetime64[us, {vocab.TIMEZONE}]")
    df["day_end"] = pd.Series([b for _, b in spans], index=df.index, dtype=f"datetime64[us, {vocab.TIMEZONE}]")
    df["date_zone"] = raw["date_zone"].replace("", pd.NA)
    df["precision"] = [
        "minute" if t else "day" if d else ("quarter" if "Q" in p else "month") if p else "none"
        for d, t, p in zip(raw["date"], has_time, raw["period"])
    ]
    for col in ("time", "milestone", "source_url", "source_url_as_printed", "seed_item", *l10n.columns("note")):
        df[col] = df[col].replace("", pd.NA)
    for col in ("conflict_group", "flag"):
        df[col] = df[col].replace("", pd.NA)
    df["preferred"] = raw["preferred"] == "true"
    df["approximate"] = raw["approximate"] == "true"
    # The row the analysis uses for its fact: everything except the alternatives of a conflict.
    df["effective"] = ~((raw["status"] == "conflict") & ~df["preferred"])
    df["actor"] = pd.Categorical(df["actor"], categories=vocab.ACTORS)
    df["source_kind"] = pd.Categorical(df["source_kind"], categories=vocab.SOURCE_KINDS)
    # Per incident, by day; within a day by time, then the facts known only by their day (listed
    # first they would seem to come before the day's timed facts), ties in file order; facts with no
    # day (a period or a gap) last.
    df["_undated"] = df["date"].isna()
    df = df.sort_values(["incident_id", "_undated", "date", "timestamp"], na_position="last", kind="stable")
    return df.drop(columns="_undated")


def _day_span(day: str, zone: str) -> tuple[pd.Timestamp, pd.Timestamp]:
    start = pd.Timestamp(day)
    zone = zone or vocab.TIMEZONE
    return (
        start.tz_localize(zone).tz_convert(vocab.TIMEZONE),
        (start + pd.Timedelta(days=1)).tz_localize(zone).tz_convert(vocab.TIMEZONE),
    )


def _period(text: str):
    if not text:
        return None
    year, part = text.split("-")
    return pd.Period(f"{year}{part}", freq="Q") if part.startswith("Q") else pd.Period(text, freq="M")


def _typed_compensation(raw: pd.DataFrame) -> pd.DataFrame:
    df = raw.copy()
    df["approximate"] = df["approximate"] == "true"
    for col in l10n.columns("note"):
        df[col] = df[col].replace("", pd.NA)
    return df


def _typed_order_items(raw: pd.DataFrame) -> pd.DataFrame:
    df = raw.copy()
    df["item_no"] = df["item_no"].astype("int64")
    df["deadline"] = pd.PeriodIndex(df["deadline"].replace("", None), freq="D")
    return df.sort_values(["order_event_id", "item_no"], kind="stable")
