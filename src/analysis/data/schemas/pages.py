"""data/pages.csv: the kind of every page citations.csv cites."""

from analysis import vocab
from analysis.data.schemas.columns import URL, column
from analysis.data.schemas.rules import DataFile

FILE = DataFile(
    "pages.csv",
    {
        "url": column(URL, unique=True),
        "kind": column(allowed=vocab.PAGE_KINDS),
    },
)
