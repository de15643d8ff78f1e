"""The other values of a disputed fact: the rows of its conflict group the analysis does not use.

Page 1 names them beside the value used (another day for a halt, other times for a theft, other
starts of a drain), so that a dispute the data records is never hidden behind one value. A value
from a weak page (a rewritten copy, flag `weak`) is kept in the annex's table of disputes but is
not told on page 1.
"""

from __future__ import annotations

import pandas as pd

from analysis import vocab


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


def period_last_day(period) -> pd.Timestamp:
    """The last day of a month or quarter (a Period or its text), at its start; NaT for none."""
    return pd.Period(period).end_time.normalize() if isinstance(period, (str, pd.Period)) and str(period) else pd.NaT


def japan_days(events: pd.DataFrame) -> tuple[pd.Series, pd.Series]:
    """Each event's first and last Japan day, as midnights: those of the stretch of Japan time its
    day covers (`day_start`, `day_end`: a day given in another zone covers parts of two), else of its
    month or quarter; NaT for neither."""
    first = events["day_start"].dt.tz_localize(None).dt.normalize()
    last = (events["day_end"] - pd.Timedelta(1, "us")).dt.tz_localize(None).dt.normalize()
    return (
        first.fillna(pd.to_datetime(events["period"].map(period_start))),
        last.fillna(pd.to_datetime(events["period"].map(period_last_day))),
    )


def field(row, name: str):
    """A field of an events row, as pandas gives it by itertuples or by iloc (None where it has none)."""
    return row.get(name) if isinstance(row, pd.Series) else getattr(row, name, None)


def account_kind(events: pd.DataFrame, row) -> str:
    """Whose account a row is. `company`: the exchange's (or its group's) own: a ● item of the seed,
    a date stated inside one (`derived`, under a ● item), its announcement as a page quotes it
    (`quoted`), or a row read on a company page; `other`: another actor's announcement (a ○ item, or
    a date stated inside one); else the most direct kind of page it was read on (vocab.PAGE_KINDS,
    most direct first), "" when it names none. Who acted (the actor) does not tell it: a news page
    may say the exchange halted without the exchange saying so."""
    kind = field(row, "source_kind")
    if kind in ("company", "quoted"):
        return "company"
    if kind == "other":
        return "other"
    if kind == "derived" and (heading := seed_heading(events, row)) is not None:
        return "company" if heading["source_kind"] == "company" else "other"
    pages = field(row, "pages")
    kinds = {p.kind for p in pages} if isinstance(pages, (tuple, list)) else set()
    return next((k for k in vocab.PAGE_KINDS if k in kinds), "")


def seed_heading(events: pd.DataFrame, row) -> pd.Series | None:
    """The seed's ● or ○ item a stated date sits under (its events row), or None: the seed's numbered
    lines run on under each heading, so it is the nearest heading before the line."""
    item = str(field(row, "seed_item"))
    if not item.isdigit():
        return None
    same = (events["source_id"] == field(row, "source_id")) & (events["incident_id"] == field(row, "incident_id"))
    items = events[
        same & events["source_kind"].isin(["company", "other"]) & events["seed_item"].astype(str).str.isdigit()
    ]
    above = items[items["seed_item"].astype(int) <= int(item)]
    return None if above.empty else above.loc[above["seed_item"].astype(int).idxmax()]


def own_account(events: pd.DataFrame, row) -> bool:
    """Whether a row is the exchange's (or its group's) own account (account_kind `company`)."""
    return account_kind(events, row) == "company"
