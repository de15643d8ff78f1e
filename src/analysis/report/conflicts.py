"""The other values of a disputed fact: the rows of its conflict group the analysis does not use.

Page 1 names them beside the value used (another day for a halt, other times for a theft, other
starts of a drain), so that a dispute the data records is never hidden behind one value. A value
from a weak page (a rewritten copy, flag `weak`) is kept in the annex's table of disputes but is
not told on page 1.
"""

from __future__ import annotations

import pandas as pd


def others(events: pd.DataFrame, event_id: str, *, weak: bool = False) -> pd.DataFrame:
    """The other rows of the conflict group of `event_id` (none when it has no group), in time order
    (a day, or a month or quarter by its first day), each with its first moment in `start`."""
    row = events[events["event_id"] == event_id]
    if row.empty or not isinstance(row["conflict_group"].iloc[0], str):
        return events.iloc[:0].assign(start=pd.Series(dtype="datetime64[ns]"))
    rest = events[events["conflict_group"].eq(row["conflict_group"].iloc[0]) & events["event_id"].ne(event_id)]
    if not weak:
        rest = rest[rest["flag"].ne("weak")]
    start = rest["date"].dt.start_time.fillna(rest["period"].map(period_start))
    return rest.assign(start=start).sort_values("start", kind="stable")


def period_start(period) -> pd.Timestamp:
    """The first moment of a month or quarter (a Period or its text); NaT for none."""
    return pd.Period(period).start_time if isinstance(period, (str, pd.Period)) and str(period) else pd.NaT


def own_account(events: pd.DataFrame, row: pd.Series) -> bool:
    """Whether a row is the exchange's own account: a ● item of the seed (`company`), a date stated
    inside one (`derived`, under a ● item), the exchange's announcement as a page quotes it (`quoted`),
    or a row read on a page of the company's own (pages.csv kind `company`). Who acted (the actor)
    does not tell it: a news page may say the exchange halted without the exchange saying so."""
    if row["source_kind"] in ("company", "quoted"):
        return True
    pages = row.get("pages")
    if isinstance(pages, (tuple, list)) and any(p.kind == "company" for p in pages):
        return True
    if row["source_kind"] == "derived" and str(row["seed_item"]).isdigit():
        # The seed's numbered lines run on under each ● or ○ heading: a stated date belongs to the
        # nearest heading before it.
        items = events[events["source_kind"].isin(["company", "other"]) & events["seed_item"].astype(str).str.isdigit()]
        above = items[items["seed_item"].astype(int) <= int(row["seed_item"])]
        if not above.empty:
            return above.loc[above["seed_item"].astype(int).idxmax(), "source_kind"] == "company"
    return False
