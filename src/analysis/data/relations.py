"""The rules that need more than one file, as one table (`RELATIONS`), evaluated by `check`.

Most are references: a column of one file names rows of another (or of its own), and each name
must be one of them; a `Reference` row says which column names what, which rows count, and the
message. The few rules that compare values across files (a milestone's date against the
milestones it cannot precede, an incident's dollar value against its story) are `Across` rows:
the files they read and the function that checks them, vectorised over the rows.

A rule runs when its files are there with every column their schemas declare (a file whose header
is wrong is left out, so its columns' problems are reported once, by the schema), and reads only
cells whose format passed; each problem names file, line, column and value like the schemas' own.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import pandas as pd

from analysis import l10n
from analysis.data import printed
from analysis.data.evidence import check_citations
from analysis.data.schemas import SCHEMAS, cells
from analysis.data.schemas import corrections as corrections_schema
from analysis.data.schemas.milestones import of_kind
from analysis.data.schemas.rules import first_line, repeated
from analysis.errors import Problem

Frames = dict[str, pd.DataFrame]


@dataclass(frozen=True)
class Reference:
    """Every filled `column` of `file` (or the rows `rows` selects) names a `target_column` value
    of `target`'s rows (those `among` selects), with the same values in the `same` columns. A
    `words` column names several, separated by spaces; a `once` name is reported on the first line
    it is missing on. The message's {fields} are the row's cells and {targets}, the names allowed."""

    file: str
    column: str
    target: str
    target_column: str
    message: str
    same: tuple[str, ...] = ()
    rows: Callable[[pd.DataFrame], pd.Series] | None = None
    among: Callable[[pd.DataFrame], pd.DataFrame] | None = None
    words: bool = False
    once: bool = False

    @property
    def files(self) -> tuple[str, ...]:
        return (self.file, self.target)

    def problems(self, frames: Frames) -> list[Problem]:
        source, target = frames[self.file], frames[self.target]
        rows = source[self.rows(source) if self.rows else source[self.column] != ""]
        targets = self.among(target) if self.among else target
        names = rows[self.column].str.split().explode().dropna() if self.words else rows[self.column]
        if self.same:
            given = pd.MultiIndex.from_arrays([*(rows[c] for c in self.same), names])
            known = pd.MultiIndex.from_arrays([*(targets[c] for c in self.same), targets[self.target_column]])
        else:
            given, known = names, targets[self.target_column]
        unknown = names[~np.asarray(given.isin(known), dtype=bool)]
        if self.once:
            unknown = unknown.drop_duplicates()
        if "{" in self.message:
            listed = ", ".join(targets[self.target_column])
            records = source.loc[unknown.index].to_dict("records")
            messages = [self.message.format_map({**row, "targets": listed}) for row in records]
        else:
            messages = [self.message] * len(unknown)
        return [
            Problem(self.file, int(line), self.column, name, message)
            for line, name, message in zip(unknown.index, unknown, messages)
        ]


@dataclass(frozen=True)
class Across:
    """A rule comparing values across `files`: `check` returns its problems."""

    files: tuple[str, ...]
    check: Callable[[Frames], list[Problem]]

    def problems(self, frames: Frames) -> list[Problem]:
        return self.check(frames)


def _every_row(frame: pd.DataFrame) -> pd.Series:
    return pd.Series(True, index=frame.index)


# -- the rules comparing values ------------------------------------------------------------------


def _value_is_printed(frames: Frames) -> list[Problem]:
    """An incident's value in US dollars is one the report prints for it (what was stolen, or the
    story's value row), or the sum of the value row's parts (Liquid: two entities' losses): the
    comparison ranks the thefts by it, so it must trace back to a printed figure."""
    incidents, story = frames["incidents.csv"], frames["story.csv"]
    stolen = l10n.reference_column("stolen")  # the language the checks read
    rows = incidents[incidents["value_usd"].map(cells.is_whole).astype(bool)]  # else the schema reports it
    value_rows = rows["incident_id"].map(printed.value_rows(story)).fillna("")
    untraced = np.array(
        [printed.dollar_basis(int(v), s, r) is None for v, s, r in zip(rows["value_usd"], rows[stolen], value_rows)],
        dtype=bool,
    )
    problems = []
    for line, value, text, value_row in zip(
        rows.index[untraced], rows["value_usd"][untraced], rows[stolen][untraced], value_rows[untraced]
    ):
        shown = ", ".join(f"{v:,.0f}" for t in (text, value_row) for v in printed.dollars_in(t)) or "none"
        problems.append(
            Problem(
                "incidents.csv",
                int(line),
                "value_usd",
                value,
                f"is not a US-dollar amount printed in {stolen} or in the incident's value row of story.csv "
                f"(they print: {shown}), nor the sum of the value row's amounts",
            )
        )
    return problems


def _milestones_in_order(frames: Frames) -> list[Problem]:
    """Each milestone once per incident (the alternatives of a conflict aside); none dated before a
    milestone milestones.csv says it cannot precede (on one day, only two times can be out of order)."""
    events, vocabulary = frames["events.csv"], of_kind(frames["milestones.csv"], "event")
    used = events[~((events["status"] == "conflict") & (events["preferred"] != "true"))]
    used = used[used["milestone"].isin(vocabulary["milestone"])]
    key = ["incident_id", "milestone"]
    again = repeated(used, key)
    problems = [
        Problem(
            "events.csv",
            int(line),
            "milestone",
            milestone,
            f"is given twice for {incident} (also on line {first}); each milestone may occur once per incident "
            "(alternatives go in a conflict_group)",
        )
        for line, milestone, incident, first in zip(
            used.index[again], used["milestone"][again], used["incident_id"][again], first_line(used, key)[again]
        )
    ]
    once = used[~again]
    # Only dates that can be compared: real days in the plausible window, with a real time or none.
    dated = once[once["date"].map(cells.is_dated).astype(bool) & once["time"].map(lambda t: not t or cells.is_time(t))]
    when = dated.assign(line=dated.index)[["incident_id", "milestone", "date", "time", "line"]]
    pairs = (
        vocabulary.assign(earlier=vocabulary["not_before"].str.split())
        .explode("earlier")
        .dropna(subset=["earlier"])[["earlier", "milestone"]]
        .drop_duplicates()
    )
    both = pairs.merge(when, on="milestone").merge(
        when.rename(columns={"milestone": "earlier"}), on=["incident_id", "earlier"], suffixes=("", "_earlier")
    )
    before = (both["date"] < both["date_earlier"]) | (
        (both["date"] == both["date_earlier"])
        & (both["time"] != "")
        & (both["time_earlier"] != "")
        & (both["time"] < both["time_earlier"])
    )
    for row in both[before].itertuples(index=False):
        problems.append(
            Problem(
                "events.csv",
                int(row.line),
                "date",
                _show(row.date, row.time),
                f"puts milestone '{row.milestone}' before '{row.earlier}' (line {row.line_earlier}, "
                f"{_show(row.date_earlier, row.time_earlier)}); '{row.milestone}' cannot come before '{row.earlier}'",
            )
        )
    return problems


def _show(day: str, time: str) -> str:
    return f"{day} {time}" if time else day


def _nothing_to_deliver(frames: Frames) -> list[Problem]:
    """Where customers lost nothing (extent not_needed), the remedy's delivery is not applicable,
    never a dated step."""
    remedies, events = frames["remedies.csv"], frames["events.csv"]
    delivered = events[events["milestone"] == "remedy_delivered"]
    delivered = delivered.assign(line=delivered.index).drop_duplicates("incident_id", keep="last")
    unneeded = remedies[remedies["extent"] == "not_needed"]
    pairs = unneeded.assign(remedy_line=unneeded.index)[["incident_id", "remedy_line"]].merge(
        delivered[["incident_id", "line", "status"]], on="incident_id"
    )
    return [
        Problem(
            "events.csv",
            int(row.line),
            "status",
            row.status,
            f"is the remedy's delivery for {row.incident_id}, whose customers lost nothing (remedies.csv line "
            f"{row.remedy_line}, extent not_needed); make it 'not_applicable' and say why in its note",
        )
        for row in pairs[pairs["status"] != "not_applicable"].itertuples(index=False)
    ]


def _first_day(date: str, period: str) -> str:
    """A row's first day as ISO text, which compares as dates do: its date, or its month's or its
    quarter's first day (2019-Q2: 2019-04-01, where the text "2019-Q2" would sort after any 2019 day)."""
    if date or not period:
        return date
    year, part = period.split("-")
    month = (int(part[1]) - 1) * 3 + 1 if part.startswith("Q") else int(part)
    return f"{year}-{month:02d}-01"


def _stated_later_by_its_actor(frames: Frames) -> list[Problem]:
    """An account named with its announcement (stated_in) is told as that actor's own, given on that
    day: the announcement is another row, by the same actor, dated no earlier than the account (the
    dates as written, a zone's date aside: a day's difference across zones is not told apart). Rows
    the Reference rule refuses (no such dated event) are left to it."""
    events = frames["events.csv"]
    rows = events[events["stated_in"] != ""]
    targets = events.assign(target_line=events.index)
    targets = targets[targets["date"] != ""]
    pairs = rows.assign(line=rows.index).merge(
        targets[["incident_id", "event_id", "actor", "date", "target_line"]],
        left_on=("incident_id", "stated_in"),
        right_on=("incident_id", "event_id"),
        suffixes=("", "_stated"),
    )
    first = pd.Series([_first_day(d, p) for d, p in zip(pairs["date"], pairs["period"])], index=pairs.index)
    why = np.select(
        [
            pairs["line"] == pairs["target_line"],
            pairs["actor_stated"] != pairs["actor"],
            (first != "") & (pairs["date_stated"] < first),
        ],
        [
            "names the row itself; name the announcement that gives this account",
            "names an announcement by '" + pairs["actor_stated"] + "', not by this row's actor '" + pairs["actor"]
            + "'; an account is told as its actor's own",
            "names an announcement dated " + pairs["date_stated"] + ", before the account it gives ("
            + first + ")",
        ],
        "",
    )  # fmt: skip
    return [
        Problem("events.csv", int(line), "stated_in", value, message)
        for line, value, message in zip(pairs["line"], pairs["stated_in"], why)
        if message
    ]


# -- the corrections -------------------------------------------------------------------------------

# How a correction names a record of each file: by the file's unique column, or where it has none,
# by the columns that make a row one (their values joined by '/': coincheck-2018/XEM/holders), or,
# for a figure of citations.csv, by the record it backs (several figures may share the name).
RECORD_NAMES: dict[str, tuple[str, ...]] = {
    "compensation.csv": ("incident_id", "asset", "fact"),
    "order_items.csv": ("order_event_id", "item_no"),
    "citations.csv": ("record_id",),
}


def naming_columns(name: str) -> tuple[str, ...]:
    """The columns whose values name a record of the file in corrections.csv."""
    return RECORD_NAMES.get(name) or next((c,) for c, spec in SCHEMAS[name].columns.items() if spec.unique)


def record_names(name: str, frame: pd.DataFrame) -> pd.Series:
    """Each row's name as a correction gives it (`RECORD_NAMES`, else the file's unique column)."""
    parts = frame[list(naming_columns(name))].astype(str)
    return pd.Series(["/".join(values) for values in parts.itertuples(index=False)], index=frame.index, dtype=str)


def _corrections_agree(frames: Frames) -> list[Problem]:
    """Each row of corrections.csv names a record of its file (a removed record aside: a row whose
    column is record_id with an empty new value) and a column of that file (or record_id); and the
    latest correction of a cell gives what the file holds now, so the file cannot drift from the
    data. Text in a language (title_en, note_ja...) may be reworded later without a correction, so
    only its record is checked. Rows of a file left out (missing, or a wrong header, reported by
    itself) are not read, nor rows whose table, date or column the schema refuses."""
    corrections = frames["corrections.csv"]
    removed = corrections[(corrections["column"] == "record_id") & (corrections["new_value"] == "")]
    gone = set(zip(removed["table"], removed["record_id"]))
    problems = []
    for table in dict.fromkeys(corrections["table"]):
        name = f"{table}.csv"
        if name not in frames or name == "corrections.csv" or name not in SCHEMAS:
            continue
        target, columns = frames[name], list(SCHEMAS[name].columns)
        names = record_names(name, target)
        rows = corrections[(corrections["table"] == table) & (corrections["record_id"] != "")]
        known = rows["record_id"].isin(set(names)) | pd.Series(
            [(table, r) in gone for r in rows["record_id"]], index=rows.index, dtype=bool
        )
        for line, record in rows.loc[~known, "record_id"].items():
            problems.append(
                Problem(
                    "corrections.csv",
                    int(line),
                    "record_id",
                    record,
                    f"is not a record of {name} (nor one a row of this file removes); name it as {name} does now "
                    f"({_how_named(name)})",
                )
            )
        moved = corrections_schema.MOVED.get(name, {})
        before_move = pd.Series(
            [d < moved.get(col, "") for d, col in zip(rows["date"], rows["column"])], rows.index, bool
        )
        allowed = rows["column"].isin([*columns, "record_id"]) | before_move
        wrong_column = ~allowed & rows["column"].map(cells.is_slug).astype(bool)
        for line, col in rows.loc[wrong_column, "column"].items():
            problems.append(
                Problem(
                    "corrections.csv",
                    int(line),
                    "column",
                    col,
                    f"is not a column of {name}"
                    + (f" since {moved[col]} (it moved to another file)" if col in moved else "")
                    + "; use record_id for a renamed or removed record, or one of: "
                    + ", ".join(columns),
                )
            )
        problems += _drifted(name, target, names, rows[rows["record_id"].isin(set(names)) & ~wrong_column])
    return problems


def _drifted(name: str, target: pd.DataFrame, names: pd.Series, rows: pd.DataFrame) -> list[Problem]:
    """The latest correction of each cell of a record the file still has (by date, then line) whose
    new value is not the cell's."""
    cells_of = rows[
        rows["column"].isin(list(target.columns))
        & (rows["column"] != "record_id")  # a rename or a removal, even where a file has such a column
        & rows["column"].map(lambda c: l10n.base_of(c) is None).astype(bool)
        & rows["date"].map(cells.is_date).astype(bool)
    ]
    # The index holds the lines; in file order, the last of a date is the latest.
    latest = cells_of.sort_values("date", kind="stable").drop_duplicates(["record_id", "column"], keep="last")
    latest = latest.assign(at=latest.index)
    by_name = target.assign(_name=names)
    problems = []
    for row in latest.itertuples(index=False):
        now = by_name.loc[by_name["_name"] == row.record_id, row.column]
        if row.new_value in set(now):
            continue
        shown = " or ".join(f"'{v}'" for v in dict.fromkeys(now))
        problems.append(
            Problem(
                "corrections.csv",
                int(row.at),
                "new_value",
                row.new_value,
                f"is not what {name} holds now for {row.record_id} in column {row.column} ({shown}), and this is "
                "the latest correction of that cell; record the later change as a correction of its own",
            )
        )
    return problems


def _how_named(name: str) -> str:
    return "its " + "/".join(naming_columns(name))


# -- the table -----------------------------------------------------------------------------------

NO_SOURCE = "names a source that is not in sources.csv"
NO_INCIDENT = "names an incident that is not in incidents.csv"

RELATIONS: tuple[Reference | Across, ...] = (
    *(
        Reference(file, "source_id", "sources.csv", "source_id", NO_SOURCE)
        for file in (
            "events.csv",
            "compensation.csv",
            "order_items.csv",
            "incidents.csv",
            "remedies.csv",
            "story.csv",
        )
    ),
    *(
        Reference(file, "incident_id", "incidents.csv", "incident_id", NO_INCIDENT)
        for file in ("events.csv", "compensation.csv", "order_items.csv", "remedies.csv", "story.csv")
    ),
    Reference(
        "events.csv",
        "milestone",
        "milestones.csv",
        "milestone",
        "is not a milestone of milestones.csv (kind 'event'); use one of: {targets}",
        among=lambda m: of_kind(m, "event"),
    ),
    Reference(
        "milestones.csv",
        "part_of",
        "milestones.csv",
        "milestone",
        "is not a milestone of kind 'measure' in this file",
        among=lambda m: of_kind(m, "measure"),
    ),
    Reference(
        "milestones.csv",
        "not_before",
        "milestones.csv",
        "milestone",
        "is not another milestone of kind 'event' in this file",
        among=lambda m: of_kind(m, "event"),
        words=True,
    ),
    Reference(
        "order_items.csv",
        "order_event_id",
        "events.csv",
        "event_id",
        "is not the event_id of an event with milestone 'order' in events.csv",
        rows=_every_row,
        among=lambda e: e[e["milestone"] == "order"],
    ),
    # A researched remedy rests on the event that announced it.
    Reference(
        "remedies.csv",
        "event_id",
        "events.csv",
        "event_id",
        "is not an event of {incident_id} with milestone 'remedy_decided' in events.csv",
        same=("incident_id",),
        rows=lambda r: (r["source_id"] != "seed") & (r["event_id"] != ""),
        among=lambda e: e[e["milestone"] == "remedy_decided"],
    ),
    # An account told with the day it was given names a dated event of its own theft.
    Reference(
        "events.csv",
        "stated_in",
        "events.csv",
        "event_id",
        "is not a dated event of {incident_id} in events.csv; name the announcement that gives this account",
        same=("incident_id",),
        among=lambda e: e[e["date"] != ""],
    ),
    # Every page cited has its kind in pages.csv, and pages.csv lists no page nobody cites.
    Reference(
        "citations.csv",
        "url",
        "pages.csv",
        "url",
        "is a page with no kind; add it to pages.csv with its kind",
        once=True,
    ),
    Reference(
        "pages.csv",
        "url",
        "citations.csv",
        "url",
        "is a page no line of citations.csv cites; remove it",
        rows=_every_row,
    ),
    Across(("incidents.csv", "story.csv"), _value_is_printed),
    Across(("events.csv", "milestones.csv"), _milestones_in_order),
    Across(("remedies.csv", "events.csv"), _nothing_to_deliver),
    Across(("events.csv",), _stated_later_by_its_actor),
    # Every figure a page prints agrees with the row it backs (analysis.data.evidence).
    # A bare day is read against its page's date (pages.csv): a broken pages.csv is reported alone.
    Across(("citations.csv", "pages.csv"), check_citations),
    # Each correction names a record and column of its file, and the latest agrees with the file.
    Across(("corrections.csv",), _corrections_agree),
)


def check(frames: Frames) -> list[Problem]:
    """The problems of every rule of the table whose files are among `frames`, each with every
    column its schema declares."""
    complete = {n for n, frame in frames.items() if n in SCHEMAS and set(SCHEMAS[n].columns) <= set(frame.columns)}
    return [p for rule in RELATIONS if set(rule.files) <= complete for p in rule.problems(frames)]
