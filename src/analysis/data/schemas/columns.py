"""How a column of a curated file is declared, once: whether it may be empty, its format or
vocabulary, whether its values are unique, and what loading makes of its text.

A column is a pandera `Column` of text: the files are read as text and checked before anything is
converted, so a bad cell is reported with the exact text the file holds. What a column becomes
once the file passed its checks is in the column's metadata (`loads`), which
`analysis.data.loading` follows; nothing else names a column's type.
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date

import pandas as pd
import pandera.pandas as pa

from analysis import l10n
from analysis.data.schemas import cells


@dataclass(frozen=True)
class Format:
    """The form a cell's text must take (`test`), what the message asks for instead (`expect`),
    and, for a date, the day a well-formed value stands for (`when`), which must lie in the
    plausible window (`cells.plausible_window`)."""

    test: Callable[[str], bool]
    expect: str
    when: Callable[[str], date] | None = None


ID = Format(cells.is_slug, "is not a valid id; use lower-case letters, digits and hyphens (e.g. coincheck-2018)")
DATE = Format(cells.is_date, "is not a real date; write it as YYYY-MM-DD (e.g. 2018-01-26)", date.fromisoformat)
SEED_ITEM = Format(
    cells.is_seed_item, "is not a seed item; use the item number (1, 2, ...) or 'lead' for the opening paragraphs"
)
URL = Format(cells.is_url, "is not a well-formed web address; it must look like https://host.example/path")
URLS = Format(
    cells.is_url_list,
    "is not a well-formed web address (or list of them separated by ' ; '); each must look like "
    "https://host.example/path",
)
CHECKED = Format(
    lambda v: cells.is_date(v) and date(2009, 1, 1) <= date.fromisoformat(v) <= date.today(),
    "is not the date the row was checked; write YYYY-MM-DD, not in the future",
)
BOOLEAN = ("true", "false")


class Loads(enum.Enum):
    """What loading makes of a column's text."""

    TEXT = "the text; an empty cell stays '' (not stated)"
    OR_MISSING = "the text; an empty cell becomes <NA>"
    BOOLEAN = "True for 'true'"
    WHOLE = "an int64"
    DAY = "a whole day, period[D] (never a midnight); NaT when empty"
    MONTH_OR_QUARTER = "a pandas Period of a month (YYYY-MM) or a quarter (YYYY-Qn); None when empty"
    CATEGORY = "a Categorical whose categories are the column's vocabulary, in its order"


def column(
    fmt: Format | None = None,
    *,
    required: bool = True,
    allowed: Iterable[str] | None = None,
    unique: bool = False,
    loads: Loads = Loads.TEXT,
) -> pa.Column:
    """A text column: required or not, its format or its vocabulary (`allowed`), unique or not,
    and what loading makes of it."""
    checks = []
    if required:
        checks.append(pa.Check(lambda s: s.str.len() > 0, error="is empty, but a value is required"))
    if allowed is not None:
        allowed = tuple(allowed)
        choices = ", ".join(allowed)
        # The vocabulary is the function's `allowed` argument: analysis.data.package reads it there.
        checks.append(
            pa.Check(
                lambda v, allowed=frozenset(allowed): v == "" or v in allowed,
                element_wise=True,
                error=f"is not an allowed value; use one of: {choices}",
            )
        )
    if fmt is not None:
        checks.append(pa.Check(lambda v, test=fmt.test: v == "" or test(v), element_wise=True, error=fmt.expect))
        if fmt.when is not None:
            checks.append(
                pa.Check(
                    lambda v, test=fmt.test, when=fmt.when: v == "" or not test(v) or cells.in_window(when(v)),
                    element_wise=True,
                    error=cells.outside_window(),
                )
            )
    if loads is Loads.CATEGORY and allowed is None:
        raise ValueError("a column loaded as a category needs its vocabulary (allowed)")
    metadata = {"loads": loads, "allowed": allowed}
    return pa.Column(str, checks=checks, unique=unique, nullable=False, metadata=metadata)


def flag(*, required: bool = True) -> pa.Column:
    """'true' or 'false', loaded as a bool (an empty optional flag is False)."""
    return column(required=required, allowed=BOOLEAN, loads=Loads.BOOLEAN)


def in_every_language(base: str, **spec) -> dict[str, pa.Column]:
    """The column `base` once per language of the reports (title_en, title_ja, ...): the languages
    come from l10n's one list, so a new language's catalogue asks for its columns here."""
    return {name: column(**spec) for name in l10n.columns(base)}


# -- loading ------------------------------------------------------------------------------------


def loads(col: pa.Column) -> Loads:
    return (col.metadata or {}).get("loads", Loads.TEXT)


def month_or_quarter(text: str) -> pd.Period | None:
    if not text:
        return None
    year, part = text.split("-")
    return pd.Period(f"{year}{part}", freq="Q") if part.startswith("Q") else pd.Period(text, freq="M")


_CONVERT: dict[Loads, Callable[[pd.Series, pa.Column], object]] = {
    Loads.OR_MISSING: lambda text, col: text.replace("", pd.NA),
    Loads.BOOLEAN: lambda text, col: text == "true",
    Loads.WHOLE: lambda text, col: text.astype("int64"),
    Loads.DAY: lambda text, col: pd.PeriodIndex(text.replace("", None), freq="D"),
    # object, so that an empty cell stays None: a list of one freq's Periods and Nones would infer a
    # period dtype with NaT, which "is not None".
    Loads.MONTH_OR_QUARTER: lambda text, col: pd.Series(
        [month_or_quarter(t) for t in text], index=text.index, dtype=object
    ),
    Loads.CATEGORY: lambda text, col: pd.Categorical(text, categories=col.metadata["allowed"]),
}


def convert(raw: pd.DataFrame, schema: pa.DataFrameSchema) -> pd.DataFrame:
    """A checked file's frame with each column converted as its declaration says; columns the
    schema does not declare (added by loading: a row's pages) are left as they are."""
    df = raw.copy()
    for name, col in schema.columns.items():
        if loads(col) is not Loads.TEXT:
            df[name] = _CONVERT[loads(col)](raw[name], col)
    return df
