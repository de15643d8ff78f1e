"""data/citations.csv: every figure a cited page prints, with the row it backs. What the figures
must agree with is checked across the files (`analysis.data.evidence`)."""

from datetime import date

from analysis import vocab
from analysis.data import printed
from analysis.data.schemas.columns import ID, URL, Format, column
from analysis.data.schemas.rules import DataFile

PAGE_DATE = Format(
    lambda v: printed.page_date(v) is not None,
    "is not a page date; write YYYY-MM-DD, or YYYY-MM or YYYY when the page (or its address) shows no more",
    when=lambda v: date(int(v[:4]), 1, 1),
)

FILE = DataFile(
    "citations.csv",
    {
        "table": column(allowed=tuple(vocab.CITED_TABLES)),
        "record_id": column(ID),
        "claim": column(allowed=vocab.CLAIMS),
        "printed": column(),
        "printed_tz": column(required=False),
        "where": column(allowed=vocab.PLACES),
        "url": column(URL),
        "publisher": column(),
        "published": column(PAGE_DATE, required=False),
    },
)
