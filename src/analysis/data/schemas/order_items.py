"""data/order_items.csv: the items of a business improvement order. Its order is checked against
events.csv across the files (`analysis.data.relations`)."""

import pandas as pd

from analysis.data.schemas import cells
from analysis.data.schemas.columns import DATE, ID, SEED_ITEM, Format, Loads, column, in_every_language
from analysis.data.schemas.rules import DataFile, Rule, repeated_rows

KEY = ["order_event_id", "item_no"]

RULES = (
    Rule(
        "item_no",
        lambda f: repeated_rows(f, KEY),
        "is given twice for this order (also on line {first})",
    ),
)


def _in_order(df: pd.DataFrame, raw: pd.DataFrame) -> pd.DataFrame:
    return df.sort_values(KEY, kind="stable")


FILE = DataFile(
    "order_items.csv",
    {
        "incident_id": column(ID),
        "order_event_id": column(ID),
        "item_no": column(
            Format(cells.is_whole, "is not an item number; use a whole number from 1"), loads=Loads.WHOLE
        ),
        **in_every_language("text"),
        "deadline": column(DATE, required=False, loads=Loads.DAY),
        "seed_item": column(SEED_ITEM),
        "source_id": column(ID),
    },
    RULES,
    derive=_in_order,
)
