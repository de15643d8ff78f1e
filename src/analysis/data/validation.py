"""Checks on the curated CSV files, run on their text before anything is converted.

What each file must hold is declared once, in its module of `analysis.data.schemas` (its columns,
their checks, the rules across its rows); what the files must hold together is the table of
`analysis.data.relations`. This module runs them: `check_schema` one file, `check_relations` the
files together. Every check reports through `Problem`s that name file, line, column and value, and
all of them run before the caller raises, so one run lists everything there is to fix.
"""

from __future__ import annotations

import unicodedata

import pandas as pd
import pandera.pandas as pa

from analysis.data import relations
from analysis.data.schemas import FILES, SCHEMAS
from analysis.data.schemas.cells import (
    SLUG,
    in_window,
    is_aware_datetime,
    is_date,
    is_number,
    is_period,
    is_seed_item,
    is_time,
    is_url,
    is_url_list,
    outside_window,
    plausible_window,
)
from analysis.errors import Problem

__all__ = [
    "SCHEMAS",
    "SLUG",
    "check_relations",
    "check_schema",
    "in_window",
    "is_aware_datetime",
    "is_date",
    "is_number",
    "is_period",
    "is_seed_item",
    "is_time",
    "is_url",
    "is_url_list",
    "outside_window",
    "plausible_window",
]


def check_schema(name: str, frame: pd.DataFrame) -> list[Problem]:
    """One file's header, cells and rules across its rows; the frame's index holds the file's line
    numbers."""
    file = FILES[name]
    problems = _invisible_characters(name, frame)
    try:
        file.schema.validate(frame, lazy=True)
    except pa.errors.SchemaErrors as err:
        cases = err.failure_cases
        # A rule is a dataframe-level check: pandera says which failed, the rule says where and why.
        of_rules = (cases["schema_context"] == "DataFrameSchema") & cases["check_number"].notna()
        for number in sorted(set(cases.loc[of_rules, "check_number"].astype(int))):
            problems += file.rules[number].problems(name, frame)
        problems += [_problem(name, file.schema, case) for case in cases[~of_rules].itertuples(index=False)]
    return problems


def check_relations(frames: dict[str, pd.DataFrame]) -> list[Problem]:
    """Checks that need more than one file (`analysis.data.relations`); they only look at cells
    whose format passed."""
    return relations.check(frames)


def _undrawable(ch: str) -> bool:
    """Control, format (zero-width, direction overrides), private and unassigned characters: no
    font draws them, and a chart would print a missing-glyph box. Spaces (U+3000 too) are fine."""
    return not ch.isprintable() and unicodedata.category(ch) != "Zs"


def _invisible_characters(name: str, frame: pd.DataFrame) -> list[Problem]:
    problems = []
    suspects = ~frame.map(str.isprintable).to_numpy()
    for row, col in zip(*suspects.nonzero()):
        value = frame.iat[row, col]
        bad = [ch for ch in value if _undrawable(ch)]
        if bad:
            shown = "".join(f"\\u{ord(ch):04x}" if _undrawable(ch) else ch for ch in value)
            what = unicodedata.name(bad[0], "a control character")
            problems.append(
                Problem(
                    name,
                    int(frame.index[row]),
                    frame.columns[col],
                    shown,
                    f"contains U+{ord(bad[0]):04X} ({what}), which no font draws; remove it",
                )
            )
    return problems


def _problem(name: str, schema: pa.DataFrameSchema, case) -> Problem:
    expected = ", ".join(schema.columns)
    if case.check == "column_in_schema":
        return Problem(
            name, 1, str(case.failure_case), None, f"is not a column of this file; the columns are: {expected}"
        )
    if case.check == "column_in_dataframe":
        return Problem(
            name,
            1,
            str(case.failure_case),
            None,
            "is missing from the header row; every one of these columns is required: " + expected,
        )
    if case.check == "field_uniqueness":
        message = "appears on more than one line; each value in this column must be unique"
    else:
        message = str(case.check)
    line = None if pd.isna(case.index) else int(case.index)
    return Problem(name, line, case.column, str(case.failure_case), message)
