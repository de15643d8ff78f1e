"""data/remedies.csv: what each theft's customers got back. Its event is checked against events.csv
across the files (`analysis.data.relations`)."""

import re

from analysis import vocab
from analysis.data.schemas.columns import CHECKED, ID, SEED_ITEM, URLS, Format, column, in_every_language
from analysis.data.schemas.rules import DataFile, Rule

SHARE = Format(
    lambda v: re.fullmatch(r"\d{1,2}(\.\d+)?", v) is not None and 0 < float(v) < 100,
    "is not a share; give the percentage repaid as a number above 0 and below 100 (36.067)",
)


def _gives_back(f):
    """A remedy has a form exactly when customers got something back."""
    return f["extent"].isin(("full", "partial"))


RULES = (
    Rule(
        "method",
        lambda f: _gives_back(f) & (f["method"] == ""),
        "is empty, but the extent '{extent}' gives customers something back; name its form",
    ),
    Rule(
        "method",
        lambda f: ~_gives_back(f) & f["extent"].isin(vocab.REMEDY_EXTENTS) & (f["method"] != ""),
        "names a form, but the extent '{extent}' gives customers nothing back; leave it empty",
    ),
    Rule(
        "share",
        lambda f: (f["share"] != "") & (f["extent"] != "partial"),
        "is given for extent '{extent}'; only a partial remedy has a share",
    ),
    Rule(
        "event_id",
        lambda f: (f["source_id"] != "seed") & (f["event_id"] == ""),
        "is empty; a researched remedy names the event (milestone remedy_decided) that announced it",
    ),
)

FILE = DataFile(
    "remedies.csv",
    {
        "incident_id": column(ID, unique=True),
        "method": column(required=False, allowed=vocab.REMEDY_METHODS),
        "extent": column(allowed=vocab.REMEDY_EXTENTS),
        "share": column(SHARE, required=False),
        **in_every_language("detail"),
        **in_every_language("funded_by"),
        "source_id": column(ID),
        "source_url": column(URLS, required=False),
        "seed_item": column(SEED_ITEM, required=False),
        "event_id": column(ID, required=False),
        "checked": column(CHECKED, required=False),
    },
    RULES,
)
