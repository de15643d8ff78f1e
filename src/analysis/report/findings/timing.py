"""The time between two milestones as page 1 says it: a count of days or hours, in another zone's
dates where a page dates a step there, and the day itself where a count is too long to picture."""

from __future__ import annotations

from analysis import l10n
from analysis.measures.durations import Duration, Milestone, between, zone_day


def _gap(a: Milestone | None, b: Milestone | None) -> Duration | None:
    """The time from a to b (counted in another zone's dates, or a range of days, when a date is that
    zone's); None when either is not dated at all, or only to a month or quarter (too loose for a
    finding)."""
    if a is None or b is None or a.period is not None or b.period is not None or not (a.known and b.known):
        return None
    return between(a, b)


def elapsed(a: Milestone | None, b: Milestone | None, lang: str, zoned: bool = True, apart: bool = False) -> str | None:
    """The time from a to b as readers say it (l10n.elapsed); None when either is not dated; without
    its zone's name where the paragraph says it (`days_zone`); `apart`, with the zone bound to the
    count ("3 UTC days"), for a count the sentence goes on after."""
    d = _gap(a, b)
    if d is None:
        return None
    lo, hi = d.days_range or (None, None)
    return l10n.elapsed(d.calendar_days, d.hours, lang, lo=lo, hi=hi, approximate=d.approximate,
                         zone=d.zone if zoned else None, apart=apart)  # fmt: skip


def _within_minute(d: Duration | None) -> bool:
    return d is not None and d.hours is not None and abs(d.hours) < 1 / 60


def _at_once(d: Duration | None) -> bool:
    """Within the minute; a claim to the minute needs both times exact (not 頃/about)."""
    return _within_minute(d) and not d.approximate


def _about_once(d: Duration | None) -> bool:
    """The same time of day, as pages give it approximately: about the same time, no more."""
    return _within_minute(d) and d.approximate


def _same_day(d: Duration | None) -> bool:
    return d is not None and d.hours is None and d.calendar_days == 0


def _next_day(d: Duration | None) -> bool:
    return d is not None and d.hours is None and d.calendar_days == 1


# A count of a year or more of days is hard to picture: a sentence gives its day as well.
_DATED_FROM_DAYS = 365


def when(
    a: Milestone | None,
    b: Milestone | None,
    lang: str,
    since: str,
    zoned: bool = True,
    dated: bool = True,
    dated_from: int = _DATED_FROM_DAYS,
) -> str | None:
    """When b came, said from a: "33 min after noticing it"; "on the day it noticed the theft" or "the day
    after it noticed the theft" when only the dates are known; "in the same minute" when within a minute
    (`since` names the phrases in the catalogue); days counted in another zone's dates say so, unless
    `zoned` is False because the sentence or its paragraph says it once for all its counts
    (`days_zone`); a count of `dated_from` days or more (a year unless told otherwise: a count that
    long is hard to picture) gives b's day too ("on 28 February 2014, 901 days after the drain
    began"), unless `dated` is False (a headline keeps to the count) or the pages give the day only
    roughly (it would read as exact). Where that day, in the other zone's dates, is not its Japan day,
    the Japan day is said beside it, as the timeline and the charts date it there ("on 15 November
    2024 (UTC date; 16 November 2024 in Japan), 3,027 days after the theft")."""
    d = _gap(a, b)
    if d is None:
        return None

    def told(text: str) -> str:
        return l10n.in_zone(text, d.zone, lang, phrase=True) if zoned else text

    if _same_day(d):
        return told(l10n.t(f"{since}_same_day", lang))
    if _next_day(d):
        return told(l10n.t(f"{since}_next_day", lang))
    if _at_once(d):
        return l10n.t(f"{since}_at_once", lang)
    if _about_once(d):
        return l10n.t(f"{since}_about_once", lang)
    # A count in another zone's dates reaches b's day in that zone, which may not be the Japan date
    # the timeline gives it: that day is marked as the zone's, unless the sentence itself says the zone.
    lo, hi = d.days_range or (None, None)
    value = l10n.elapsed(d.calendar_days, None, lang, lo=lo, hi=hi) if d.zone else elapsed(a, b, lang)
    day = zone_day(b, d.zone) if d.zone else b.day
    gives_day = d.days_range is None and (d.calendar_days or 0) >= dated_from
    if dated and gives_day and day is not None and not b.approximate:
        if d.zone and b.day is not None and b.day != day:
            # the day in both zones says the zone once, for the count too (not again after it)
            day_text = l10n.t("zoned_day_and_japan_sentence", lang, day=l10n.day(day, lang),
                              zone=l10n.label("zone", d.zone, lang), japan=l10n.day(b.day, lang))  # fmt: skip
            return l10n.t(f"{since}_dated", lang, value=value, day=day_text)
        day_text = l10n.day(day, lang) if zoned else l10n.zoned_day(day, d.zone, lang)
        return told(l10n.t(f"{since}_dated", lang, value=value, day=day_text))
    return told(l10n.t(since, lang, value=value))


def days_zone(*gaps: tuple[Milestone | None, Milestone | None]) -> str | None:
    """The other zone all of these counts of days are made in, when at least two are and every
    other count by date is too (a paragraph then says it once); counts in hours and missing ones
    do not stand in the way. None when any count of days is made in Japan dates, a range of them
    included."""
    by_day = [d for d in (_gap(a, b) for a, b in gaps) if d is not None and d.hours is None]
    zones = {d.zone or None for d in by_day}
    return next(iter(zones)) if len(zones) == 1 and len(by_day) >= 2 else None


def _clock(m: Milestone, lang: str) -> str:
    """A milestone's time of day in Japan, "about" where its page gives it as approximate."""
    return l10n.clock(m.timestamp, lang, bool(m.approximate))


def _missing_time(theft: Milestone, detection: Milestone, lang: str) -> str:
    """Which time of day no source gives, when hours cannot be counted: the theft's, the detection's
    or both (Binance, BITPoint and Liquid date their detection to the minute; their thefts to a day)."""
    key = {(True, False): "missing_theft_time", (False, True): "missing_detection_time"}.get(
        (theft.timestamp is None, detection.timestamp is None), "missing_both_times"
    )
    return l10n.t(key, lang)
