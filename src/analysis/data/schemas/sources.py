"""data/sources.csv: where the facts come from (the seed, research)."""

from analysis import vocab
from analysis.data.schemas.columns import DATE, ID, column, in_every_language
from analysis.data.schemas.rules import DataFile

FILE = DataFile(
    "sources.csv",
    {
        "source_id": column(ID, unique=True),
        "kind": column(allowed=vocab.SOURCE_TYPES),
        **in_every_language("title"),
        "published": column(DATE, required=False),
        "location": column(),
        **in_every_language("note", required=False),
    },
)
