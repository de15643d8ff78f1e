"""A curated file's declaration: its columns, the rules its rows must keep, and the columns loading
adds; and how a broken rule becomes the problems it reports.

A rule is vectorised: `rows(frame)` marks at once every row that breaks it, and each such row is
reported on its line (the frame's index holds the file's line numbers). The rules are the
dataframe-level checks of the file's pandera schema, so `schema.validate` runs the column checks
and the rules together; pandera tells which rules failed, and the rule itself names the rows and
words the message. (pandera's own failure report would name a failing row once per column, and
its messages are fixed texts, while ours quote the row: "with status 'gap'".)
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

import pandas as pd
import pandera.pandas as pa

from analysis.data.schemas.columns import convert
from analysis.errors import Problem

Found = pd.Series | pd.DataFrame


@dataclass(frozen=True)
class Rule:
    """What the rows of one file must keep beyond each cell's own format.

    `rows(frame)` finds what breaks the rule: a boolean Series over the frame (True: the row breaks
    it), or a frame of findings of its own, indexed by line (NA for a finding on no line, such as a
    fact missing from the file). Each finding is reported at `column`, quoting the cell of `value`
    (by default `column`'s), with `message`: a text whose {fields} are filled from the finding's
    cells, or a function giving one message per finding."""

    column: str
    rows: Callable[[pd.DataFrame], Found]
    message: str | Callable[[pd.DataFrame], Sequence[str]]
    value: str | None = None

    def findings(self, frame: pd.DataFrame) -> pd.DataFrame:
        found = self.rows(frame)
        return frame[found] if isinstance(found, pd.Series) else found

    def passes(self, frame: pd.DataFrame) -> pd.Series | bool:
        found = self.rows(frame)
        return ~found if isinstance(found, pd.Series) else found.empty

    def problems(self, file: str, frame: pd.DataFrame) -> list[Problem]:
        found = self.findings(frame)
        if found.empty:
            return []
        if callable(self.message):
            messages = list(self.message(found))
        elif "{" in self.message:
            messages = [self.message.format_map(cells) for cells in found.to_dict("records")]
        else:
            messages = [self.message] * len(found)
        lines = [None if pd.isna(line) else int(line) for line in found.index]
        values = found[self.value or self.column]
        return [Problem(file, line, self.column, v, m) for line, v, m in zip(lines, values, messages)]


@dataclass(frozen=True)
class DataFile:
    """One curated file, declared once: its columns (with their checks and what loading makes of
    them, `columns.column`), the rules across its rows, and `derive`: the columns loading computes
    from the converted ones and the raw text (events: the timestamp), and the rows' order."""

    name: str
    columns: dict[str, pa.Column]
    rules: tuple[Rule, ...] = ()
    derive: Callable[[pd.DataFrame, pd.DataFrame], pd.DataFrame] | None = None
    schema: pa.DataFrameSchema = field(init=False, repr=False)

    def __post_init__(self):
        declared = tuple(self.columns)

        def check(rule: Rule) -> pa.Check:
            # A rule reads the rows of a file whose header has every column; a missing column is
            # reported by itself, not once more by every rule that reads it.
            def passes(frame: pd.DataFrame):
                return rule.passes(frame) if all(c in frame.columns for c in declared) else True

            return pa.Check(passes, name=f"rule on {rule.column}")

        schema = pa.DataFrameSchema(self.columns, checks=[check(r) for r in self.rules], strict=True, name=self.name)
        object.__setattr__(self, "schema", schema)

    def typed(self, raw: pd.DataFrame) -> pd.DataFrame:
        """The checked text of the file as the frame the analysis reads."""
        df = convert(raw, self.schema)
        return self.derive(df, raw) if self.derive is not None else df


# -- helpers the rules share --------------------------------------------------------------------


def repeated(frame: pd.DataFrame, keys: Sequence[str]) -> pd.Series:
    """The rows whose `keys` an earlier line already has."""
    return frame.duplicated(list(keys), keep="first")


def first_line(frame: pd.DataFrame, keys: Sequence[str]) -> pd.Series:
    """Per row, the first line with the same `keys`."""
    lines = frame.index.to_series(index=frame.index)
    return lines.groupby([frame[k] for k in keys], sort=False).transform("first")


def repeated_rows(frame: pd.DataFrame, keys: Sequence[str]) -> pd.DataFrame:
    """The rows whose `keys` an earlier line already has, each with that line (`first`)."""
    again = repeated(frame, keys)
    return frame[again].assign(first=first_line(frame, keys)[again])


def on_no_line(findings: pd.DataFrame) -> pd.DataFrame:
    """Findings about the file as a whole (a fact it lacks), reported without a line."""
    return findings.set_axis(pd.Index([None] * len(findings), dtype=object), axis=0)
