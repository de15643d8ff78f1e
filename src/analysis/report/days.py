"""How a report writes an event's day: the Japan date; a date a page gives in another zone with that
zone ("2 August 2016 (UTC date)"); and, where every page prints the event's time in one other zone
whose day there is not the Japan day, both days ("7 May 2019 (UTC date; 8 May 2019 in Japan)"), so a
reader who knows the event by its own zone's date finds it."""

from __future__ import annotations

import pandas as pd

from analysis import l10n
from analysis.data.evidence import when_zones
from analysis.report.conflicts import field


def printed_zone(row) -> str | None:
    """The one other zone every date or time its pages print for the row is given in; None otherwise
    (a page printing Japan time, or two zones)."""
    zones = when_zones(field(row, "pages"))
    return next(iter(zones)) if len(zones) == 1 and "" not in zones else None


def told(row, lang: str, *, bracketed: bool = False, with_japan: bool = True) -> str:
    """An event's day as a report writes it, in a sentence or, `bracketed`, inside brackets; its
    period when it has no day. `with_japan` False gives the Japan day alone where a time was printed
    in another zone (another account's day, said after a step's own)."""
    date, zone = field(row, "date"), field(row, "date_zone")
    if pd.isna(date):
        return l10n.period(field(row, "period"), lang)
    japan = date.to_timestamp().date()
    if isinstance(zone, str) and zone:
        return l10n.zoned_day(japan, zone, lang, bracketed=bracketed)
    other = printed_zone(row) if with_japan else None
    stamp = field(row, "timestamp")
    if other and not pd.isna(stamp) and (there := stamp.tz_convert(other).date()) != japan:
        key = "zoned_day_and_japan" if bracketed else "zoned_day_and_japan_sentence"
        return l10n.t(key, lang, day=l10n.day(there, lang), zone=l10n.label("zone", other, lang),
                      japan=l10n.day(japan, lang))  # fmt: skip
    return l10n.day(japan, lang)
