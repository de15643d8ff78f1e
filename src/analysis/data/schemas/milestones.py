"""data/milestones.csv: the vocabulary of the events' milestones, each with its definition, whether
the comparison measures it, and the milestones it cannot come before. Its links (part_of,
not_before) are checked as references (`analysis.data.relations`)."""

import pandas as pd

from analysis import vocab
from analysis.data.schemas import cells
from analysis.data.schemas.columns import ID, Format, column, flag, in_every_language
from analysis.data.schemas.rules import DataFile, Rule, on_no_line

LIST = Format(
    lambda v: all(cells.is_slug(x) for x in v.split(" ")), "is not a list of milestones separated by single spaces"
)
FOR_A_MEASURE = "must be empty for a measure; its parts carry their own order"


def _measure(f: pd.DataFrame) -> pd.Series:
    return f["kind"] == "measure"


def _names_itself(f: pd.DataFrame) -> pd.Series:
    """A milestone listed among those it cannot come before: it is not another milestone."""
    words = f["not_before"].str.split().explode()
    return (words == f["milestone"].reindex(words.index)).groupby(level=0).any().reindex(f.index, fill_value=False)


def of_kind(f: pd.DataFrame, kind: str) -> pd.DataFrame:
    """The milestones of one kind ('event': an event may carry it; 'measure': the earliest of its parts)."""
    return f[f["kind"] == kind]


def _code_milestones_missing(f: pd.DataFrame) -> pd.DataFrame:
    events = set(of_kind(f, "event")["milestone"])
    missing = [m for m in dict.fromkeys(vocab.CODE_MILESTONES) if m not in events]
    return on_no_line(pd.DataFrame({"milestone": missing}, dtype=str))


def _never_compared(f: pd.DataFrame) -> pd.DataFrame:
    return on_no_line(pd.DataFrame({"compared": [] if (f["compared"] == "true").any() else ["false"]}, dtype=str))


RULES = (
    # The vocabulary names what the code relies on.
    Rule("milestone", _code_milestones_missing, "is missing; the report's code uses this milestone of kind 'event'"),
    Rule("part_of", lambda f: _measure(f) & (f["part_of"] != ""), FOR_A_MEASURE),
    Rule("not_before", lambda f: _measure(f) & (f["part_of"] == "") & (f["not_before"] != ""), FOR_A_MEASURE),
    Rule(
        "not_before",
        _names_itself,
        "is not another milestone of kind 'event' in this file",
        value="milestone",
    ),
    Rule("compared", _never_compared, "is false on every row; the comparison needs at least one milestone"),
    Rule(
        "milestone",
        lambda f: _measure(f) & ~f["milestone"].isin(f["part_of"]),
        "is a measure that no milestone is part of",
    ),
)

FILE = DataFile(
    "milestones.csv",
    {
        "milestone": column(ID, unique=True),
        "kind": column(allowed=vocab.MILESTONE_KINDS),
        "part_of": column(ID, required=False),
        "compared": flag(),
        "chain": flag(),
        "not_before": column(LIST, required=False),
        **in_every_language("name"),
        **in_every_language("definition"),
    },
    RULES,
)
