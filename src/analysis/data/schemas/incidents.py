"""data/incidents.csv: one row per theft. Its US-dollar value is checked against what the report
prints for it across the files (`analysis.data.relations`)."""

from analysis import vocab
from analysis.data.schemas import cells
from analysis.data.schemas.columns import CHECKED, ID, URLS, Format, Loads, column, in_every_language
from analysis.data.schemas.rules import DataFile

FILE = DataFile(
    "incidents.csv",
    {
        "incident_id": column(ID, unique=True),
        **in_every_language("name"),
        **in_every_language("exchange"),
        "kind": column(allowed=vocab.INCIDENT_KINDS),
        **in_every_language("stolen"),
        "value_usd": column(
            Format(cells.is_whole, "is not a whole number of US dollars; write the digits only (e.g. 532000000)"),
            loads=Loads.WHOLE,
        ),
        "source_id": column(ID),
        "source_url": column(URLS, required=False),
        "checked": column(CHECKED, required=False),
    },
)
