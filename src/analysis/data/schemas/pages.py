"""data/pages.csv: every page citations.csv cites, once: what kind of page it is, who published it
and when."""

from datetime import date

from analysis import vocab
from analysis.data import printed
from analysis.data.schemas.columns import URL, Format, column
from analysis.data.schemas.rules import DataFile

PAGE_DATE = Format(
    lambda v: printed.page_date(v) is not None,
    "is not a page date; write YYYY-MM-DD, or YYYY-MM or YYYY when the page (or its address) shows no more",
    when=lambda v: date(int(v[:4]), 1, 1),
)

FILE = DataFile(
    "pages.csv",
    {
        "url": column(URL, unique=True),
        "kind": column(allowed=vocab.PAGE_KINDS),
        "publisher": column(),
        "published": column(PAGE_DATE, required=False),
    },
)
