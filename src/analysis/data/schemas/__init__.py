"""One declaration per curated file: a module each (events.py, incidents.py, ...) holding the
file's `DataFile`: its columns (each with its checks and what loading makes of it), the rules
across its rows, and the columns loading adds.

    cells.py      what one cell may hold (is_date, is_url, the plausible window)
    columns.py    how a column is declared (`column`, `in_every_language`) and converted (`Loads`)
    rules.py      how a rule across rows is declared (`Rule`) and a file (`DataFile`)

The rules that need more than one file are a table of their own, `analysis.data.relations`.

Why not a pandera DataFrameModel per file: a model's columns are class attributes, written out one
by one, while the columns in a language (title_en, title_ja, ...) must come from l10n's list of
languages (`in_every_language`); a regex field would match them but neither report a missing
language's column on its own nor give the real names that analysis.data.package publishes. So
each file is one `pa.DataFrameSchema`, built from one declaration (`DataFile.schema`), with the
rules as its dataframe-level checks.
"""

from __future__ import annotations

import pandas as pd
import pandera.pandas as pa

from analysis.data.schemas import (
    citations,
    compensation,
    corrections,
    events,
    incidents,
    milestones,
    order_items,
    pages,
    remedies,
    sources,
    story,
)
from analysis.data.schemas.rules import DataFile

# In the order the files are read (and their problems listed); the corrections last, as they name
# the records of all the others.
FILES: dict[str, DataFile] = {
    m.FILE.name: m.FILE
    for m in (
        milestones,
        events,
        compensation,
        order_items,
        sources,
        incidents,
        remedies,
        citations,
        story,
        pages,
        corrections,
    )
}
SCHEMAS: dict[str, pa.DataFrameSchema] = {name: file.schema for name, file in FILES.items()}


def key(name: str) -> str:
    """The column that names a row of the file (its unique column)."""
    return next(col for col, spec in SCHEMAS[name].columns.items() if spec.unique)


def typed(name: str, raw: pd.DataFrame) -> pd.DataFrame:
    """A checked file as the frame the analysis reads, typed as its declaration says."""
    return FILES[name].typed(raw)
