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
    # Every figure a page prints agrees with the row it backs (analysis.data.evidence).
    Across(("citations.csv",), check_citations),
)


def check(frames: Frames) -> list[Problem]:
    """The problems of every rule of the table whose files are among `frames`, each with every
    column its schema declares."""
    complete = {n for n, frame in frames.items() if n in SCHEMAS and set(SCHEMAS[n].columns) <= set(frame.columns)}
    return [p for rule in RELATIONS if set(rule.files) <= complete for p in rule.problems(frames)]
