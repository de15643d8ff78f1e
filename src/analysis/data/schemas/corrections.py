"""data/corrections.csv: every change to a published fact of the other files since the data was first
published, one row per record and column changed (a renamed or removed record: column `record_id`),
with the day, the values before and after, why, the page behind the new value and the commit.

That each row names a record of its file, and that the latest correction of a cell is what the file
holds now, is checked across the files (`analysis.data.relations`)."""

import re
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pandas as pd

from analysis import vocab
from analysis.data.schemas import (
    cells,
    citations,
    compensation,
    events,
    incidents,
    milestones,
    order_items,
    pages,
    remedies,
    sources,
    story,
)
from analysis.data.schemas.columns import URL, Format, column, in_every_language
from analysis.data.schemas.rules import DataFile, Rule, repeated_rows

# The files a correction names, by their stem (events, incidents, ...): every other curated file.
TABLES = tuple(
    m.FILE.name.removesuffix(".csv")
    for m in (milestones, events, compensation, order_items, sources, incidents, remedies, citations, story, pages)
)
# Columns a file once had and gave to another file, with the day they moved: a correction made
# before that day names the column where it was then; one made since names it where it is now
# (publisher and published moved to pages.csv, one per page, named by its url).
MOVED = {"citations.csv": {"publisher": "2026-12-05", "published": "2026-12-05"}}
# The column of a row that records a renamed record (old id -> new id) or a removed one (id -> '').
RECORD = "record_id"
KEY = ["table", "record_id", "column", "date"]


def _published(text: str) -> bool:
    """A real day in the plausible window and not after today in Japan, whose days the dates are."""
    if not cells.is_date(text):
        return False
    day = date.fromisoformat(text)
    return cells.in_window(day) and day <= datetime.now(ZoneInfo(vocab.TIMEZONE)).date()


PUBLISHED = Format(
    _published,
    "is not the day a correction was published; write YYYY-MM-DD (Japan time), a real day not in the future",
)
COLUMN = Format(cells.is_slug, "is not a column name; write it as the file's header does (date, title_en, record_id)")
COMMIT = Format(
    lambda v: re.fullmatch(r"[0-9a-f]{7}", v) is not None,
    "is not a short commit id; write the first 7 hexadecimal digits of the commit (e.g. 99855b0)",
)


def _renamed_wrongly(f: pd.DataFrame) -> pd.Series:
    """A rename gives the record's id as it is now; a removal leaves the new value empty."""
    return (f["column"] == RECORD) & (f["new_value"] != "") & (f["new_value"] != f["record_id"])


RULES = (
    Rule(
        "column",
        lambda f: repeated_rows(f, KEY),
        "is corrected twice on {date} for {table} {record_id} (also on line {first}); give one row per record, "
        "column and day, from the first old value of the day to the last new one",
    ),
    Rule(
        "new_value",
        lambda f: f["old_value"] == f["new_value"],
        "is the same as old_value; a correction changes the value",
    ),
    Rule(
        "new_value",
        _renamed_wrongly,
        "is neither the record's id '{record_id}' (a renamed record) nor empty (a removed one)",
    ),
    Rule(
        "old_value",
        lambda f: (f["column"] == RECORD) & (f["old_value"] == ""),
        "is empty; a renamed or removed record gives its id before the change",
    ),
)

FILE = DataFile(
    "corrections.csv",
    {
        "date": column(PUBLISHED),
        "table": column(allowed=TABLES),
        "record_id": column(),
        "column": column(COLUMN),
        "old_value": column(required=False),
        "new_value": column(required=False),
        **in_every_language("why"),
        "source_url": column(URL, required=False),
        "commit": column(COMMIT),
    },
    RULES,
)
