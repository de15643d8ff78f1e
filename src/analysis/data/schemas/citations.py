"""data/citations.csv: every figure a cited page prints, with the row it backs; who published the
page and when is said once per page, in pages.csv. What the figures must agree with is checked across
the files (`analysis.data.evidence`)."""

from analysis import vocab
from analysis.data.schemas.columns import ID, URL, column
from analysis.data.schemas.rules import DataFile

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
    },
)
