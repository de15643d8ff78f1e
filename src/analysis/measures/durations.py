"""Time between the milestones of an incident, and from the theft to each milestone across incidents.

Calendar days compare dates (Japan time); a date given in another zone (UTC, US Eastern) is counted
in that zone's dates against a fact with a time of day or a date of the same zone, and says so
(Duration.zone); from it to a date in a third zone, in its dates, as a range of days (also zoned);
else it gives a range of Japan days; hours are given only when both facts carry a time
of day; business days follow `analysis.measures.calendar`. A milestone known only to the month or
quarter gives a range of days, never a single number; a gap gives nothing.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

import pandas as pd

from analysis import vocab
from analysis.data.evidence import when_zones
from analysis.data.schemas.events import day_span
from analysis.measures.calendar import business_days_between


class MilestoneNotFound(KeyError):
    """The incident has no usable row with that milestone."""

    def __init__(self, incident: str, milestone: str, available: Sequence[str], reason: str = ""):
        self.incident, self.milestone = incident, milestone
        listed = ", ".join(available) or "none"
        why = reason or "has no milestone"
        super().__init__(f"incident '{incident}' {why} '{milestone}'; it has: {listed}")

    def __str__(self) -> str:
        return self.args[0]


@dataclass(frozen=True)
class Milestone:
    name: str
    event_id: str
    day: date | None
    timestamp: pd.Timestamp | None
    status: str = "reported"
    period: pd.Period | None = None
    # A date given in another zone: the first and last Japan dates its day overlaps (day is None).
    span: tuple[date, date] | None = None
    approximate: bool = False  # the page gives its time (or date) as approximate
    zone: str | None = None  # the zone of a date given in another zone, and that date as printed
    zone_day: date | None = None
    # The zones its pages print its time in ("20:00:00 UTC on April 3"): its day there is as printed.
    printed_zones: frozenset[str] = frozenset()

    @property
    def known(self) -> bool:
        return self.day is not None or self.period is not None or self.span is not None

    @property
    def earliest(self) -> date | None:
        if self.span is not None:
            return self.span[0]
        return self.day or (self.period.start_time.date() if self.period is not None else None)

    @property
    def latest(self) -> date | None:
        if self.span is not None:
            return self.span[1]
        return self.day or (self.period.end_time.date() if self.period is not None else None)


@dataclass(frozen=True)
class Duration:
    start: Milestone
    end: Milestone
    calendar_days: int | None
    business_days: int | None
    hours: float | None
    days_range: tuple[int, int] | None = None
    # Days counted in another zone's dates (UTC, US Eastern): where one fact is dated in that zone
    # and the other has a time of day (or the same zone's date), the count there is exact; against a
    # date of a third zone, a range (days_range) in the first one's dates. The most Japan days it can
    # be is kept beside it, for counts made in Japan dates across incidents.
    zone: str | None = None
    japan_most: int | None = None

    @property
    def approximate(self) -> bool:
        return self.start.approximate or self.end.approximate

    def as_row(self) -> dict:
        return {
            "from": self.start.name,
            "to": self.end.name,
            "from_date": self.start.day.isoformat() if self.start.day else None,
            "to_date": self.end.day.isoformat() if self.end.day else None,
            "calendar_days": self.calendar_days,
            "business_days": self.business_days,
            "hours": self.hours,
        }


def milestones(events: pd.DataFrame, incident: str) -> dict[str, Milestone]:
    """The milestones of an incident as the analysis uses them (the preferred value of a conflict)."""
    rows = events[(events["incident_id"] == incident) & events["milestone"].notna() & events["effective"]]
    found = {}
    for row in rows.itertuples():
        day = None if pd.isna(row.date) else row.date.to_timestamp().date()
        stamp = None if pd.isna(row.timestamp) else row.timestamp
        span, zone, zone_day = None, None, None
        if not pd.isna(row.date_zone):
            # Never choose one of the two Japan dates: the durations from it are counted in its own
            # zone's dates where they can be (between), else they become ranges.
            span = (row.day_start.date(), (row.day_end - pd.Timedelta(microseconds=1)).date())
            day, zone, zone_day = None, row.date_zone, day
        # A column with no period at all loads as NaT, not None: both mean "no period".
        period = None if pd.isna(row.period) else row.period
        found[row.milestone] = Milestone(
            row.milestone, row.event_id, day, stamp, row.status, period, span, bool(row.approximate),
            zone, zone_day, _printed_zones(row),
        )  # fmt: skip
    return found


def _printed_zones(row) -> frozenset[str]:
    """The zones other than Japan's that the row's pages print its time in (evidence.when_zones)."""
    return when_zones(getattr(row, "pages", None)) - {""}


def milestone_duration(events: pd.DataFrame, incident: str, start: str, end: str) -> Duration:
    known = milestones(events, incident)
    usable = [m for m in known if known[m].day is not None]
    for name in (start, end):
        if name not in known:
            raise MilestoneNotFound(incident, name, usable)
        if known[name].day is None:
            reason = {
                "gap": "has not found the date of",
                "never": "never reached",
                "not_applicable": "has no such step in",
            }.get(known[name].status, "knows no day for")
            raise MilestoneNotFound(incident, name, usable, reason)
    return between(known[start], known[end])


# How far an approximate time ("about 23:40", 「23時40分頃」) may lie from the time it states.
ABOUT = pd.Timedelta(hours=1)


def zone_day(m: Milestone, zone: str) -> date | None:
    """The milestone's date in that zone: as printed when it is dated there, from its time of day
    otherwise, or from a date of another zone whose whole day falls on one date there; None when it
    has none of these, or when its time is approximate, that zone's midnight lies within ABOUT of it
    (either day could be the one) and no page prints its time in that zone."""
    if m.zone == zone:
        return m.zone_day
    if m.timestamp is None:
        if m.zone is None or m.zone_day is None:
            return None
        first, last = _dates_in(m, zone)
        return first if first == last else None
    there = m.timestamp.tz_convert(zone)
    if m.approximate and zone not in m.printed_zones and (there - ABOUT).date() != (there + ABOUT).date():
        return None
    return there.date()


def _in_zone(a: Milestone, b: Milestone) -> tuple[str, int] | None:
    """Days from a to b counted in the dates of the zone one of them is dated in (a UTC theft and a
    disclosure at 08:40 in Japan: the same UTC day); None when the other has no date in that zone."""
    zones = {m.zone for m in (a, b) if m.zone is not None}
    if len(zones) != 1:
        return None
    zone = zones.pop()
    start, end = zone_day(a, zone), zone_day(b, zone)
    return None if start is None or end is None else (zone, (end - start).days)


def _dates_in(m: Milestone, zone: str) -> tuple[date, date]:
    """The first and last dates in `zone` that the day of a date given in another zone overlaps."""
    start, end = day_span(m.zone_day, m.zone, into=zone)
    return start.date(), (end - pd.Timedelta(microseconds=1)).date()


def _across_zones(a: Milestone, b: Milestone) -> tuple[int, int] | None:
    """Days from a to b counted in the dates of a's zone when each is dated in a zone of its own (a
    UTC theft, a US Eastern arrest): b's date overlaps two of a's dates, so it is a range of days
    (one day where the two zones' dates coincide); None unless both are dated in different zones."""
    if a.zone is None or b.zone is None or a.zone == b.zone or a.zone_day is None or b.zone_day is None:
        return None
    if (there := zone_day(b, a.zone)) is not None:  # its time, or a day that falls on one date there
        first = last = there
    else:
        first, last = _dates_in(b, a.zone)
    return (first - a.zone_day).days, (last - a.zone_day).days


def between(a: Milestone, b: Milestone) -> Duration:
    if a.day is None or b.day is None:
        if not (a.known and b.known):
            raise ValueError(f"no duration between {a.name} and {b.name}: one of them is not known")
        lo, hi = (b.earliest - a.latest).days, (b.latest - a.earliest).days
        if (zoned := _in_zone(a, b)) is not None:
            return Duration(a, b, zoned[1], None, None, zone=zoned[0], japan_most=hi)
        if (across := _across_zones(a, b)) is not None:
            if across[0] == across[1]:
                return Duration(a, b, across[0], None, None, zone=a.zone, japan_most=hi)
            return Duration(a, b, None, None, None, across, zone=a.zone, japan_most=hi)
        return Duration(a, b, None, None, None, (lo, hi))
    hours = None
    if a.timestamp is not None and b.timestamp is not None:
        hours = (b.timestamp - a.timestamp).total_seconds() / 3600
    return Duration(a, b, (b.day - a.day).days, business_days_between(a.day, b.day), hours)


def chain_durations(events: pd.DataFrame, incident: str, chain: Sequence[str]) -> pd.DataFrame:
    """One row per step of the chain, then one for the whole chain from first to last."""
    if len(chain) < 2:
        raise ValueError("a milestone chain needs at least two milestones")
    steps = [milestone_duration(events, incident, a, b) for a, b in zip(chain, chain[1:])]
    if len(chain) > 2:
        steps.append(milestone_duration(events, incident, chain[0], chain[-1]))
    table = pd.DataFrame([s.as_row() for s in steps])
    table["hours"] = table["hours"].astype("Float64")
    table.insert(0, "incident_id", incident)
    table.insert(1, "step", [*(["step"] * (len(chain) - 1)), *(["total"] if len(chain) > 2 else [])])
    return table


_EPOCH = pd.Timestamp(0, tz="UTC")  # orders a part without a time of day after those with one


def earliest_of(found: dict[str, Milestone], name: str, parts: Sequence[str]) -> Milestone | None:
    """A measure such as the first regulator action: the earliest of its parts (a report order, an
    inspection, an order) that are known to a day, to another zone's date or to a month; without a
    known part, the first recorded one (a gap).

    Parts the pages do not date (gaps) are left aside: the measure is of what the pages date, and
    the report says which parts are not dated. A part is the first only when no other dated part
    could have come before it. Where their possible days overlap (an order dated only to March and
    an inspection on 15 March; a UTC date against the Japan day it spans), which came first is not
    known, and neither is its day: the measure is the range from the earliest day any part can be
    to the earliest day one of them surely is, a range of days and never a single day the pages do
    not give."""
    known = [found[m] for m in parts if m in found and found[m].known]
    if not known:
        recorded = [found[m] for m in parts if m in found]
        return Milestone(name, recorded[0].event_id, None, None, recorded[0].status) if recorded else None
    first = min(known, key=lambda m: (m.earliest, m.day is None, m.timestamp is None, m.timestamp or _EPOCH))
    rivals = [m for m in known if m is not first and m.earliest < first.latest]
    # Nothing could precede it, or what could is dated to the very same day in the same zone (two
    # steps on one UTC date): its day, and its zone, are the measure's.
    if all(r.zone is not None and (r.zone, r.zone_day) == (first.zone, first.zone_day) for r in rivals):
        return dataclasses.replace(first, name=name)
    span = (first.earliest, min(m.latest for m in known))
    return Milestone(name, first.event_id, None, None, first.status, span=span,
                     approximate=any(m.approximate for m in known))  # fmt: skip


# The columns of since_theft's table (tests/test_durations.py checks them against a row's).
_SINCE_COLUMNS = ("incident_id", "milestone", "event_id", "date", "date_zone", "period", "state", "days", "hours",
                  "hours_min", "hours_max", "days_min", "days_max", "approximate", "zone", "days_most_japan")  # fmt: skip


def _day_bounds(m: Milestone) -> tuple[pd.Timestamp, pd.Timestamp]:
    """The first moment of an untimed fact's day and of the day after, in the zone it is dated in
    (a US day around a change of clocks is 23 or 25 hours)."""
    day, zone = (m.day, vocab.TIMEZONE) if m.day is not None else (m.zone_day, m.zone)
    first = pd.Timestamp(day).tz_localize(zone)
    return first, pd.Timestamp(day + pd.Timedelta(days=1)).tz_localize(zone)


def _moments(m: Milestone) -> tuple[pd.Timestamp, pd.Timestamp]:
    """The first and last moment a timed fact can be: its time, or ABOUT either side of an approximate
    one, never out of its Japan day (a fact is dated to its day whatever its time)."""
    if not m.approximate:
        return m.timestamp, m.timestamp
    first = m.timestamp.tz_convert(vocab.TIMEZONE).normalize()  # a Japan day is always 24 hours
    return max(m.timestamp - ABOUT, first), min(m.timestamp + ABOUT, first + pd.Timedelta(days=1))


def _day_after(first: pd.Timestamp, after: pd.Timestamp, follows: Sequence[pd.Timestamp]) -> tuple:
    """A day's bounds, its start moved to the latest of `follows` (the first moments of steps it cannot
    precede) that falls within it; one of another day bounds nothing."""
    return max((t for t in follows if first < t < after), default=first), after


def hours_bounds(
    a: Milestone,
    b: Milestone,
    days: int,
    latest: pd.Timestamp | None = None,
    follows: Sequence[pd.Timestamp] = (),
) -> tuple[float, float] | None:
    """The fewest and most hours from a to b when they are `days` (0 or 1) days apart in the dates of
    the zone the count is made in and at most one of them has a time of day: a theft at 13:26 and a step
    later that day, 0 to 10 h 34 min; a theft that day and a step at 06:30 the next, 6 h 30 min to
    30 h 30 min, or from 8 h 18 min when the theft came before a detection at 22:12 that day (`latest`:
    the first timed step of the theft's day, which the theft preceded). An untimed step's span starts
    no earlier than the steps of its day it cannot precede (`follows`: their first moments; a
    disclosure after a detection at about 11:25, milestones.csv not_before). An approximate time may
    lie ABOUT either side of the one stated. With neither time, a step the next day is anywhere from
    the theft's last moment (or the first timed step of its day) to the end of the step's day, up to
    48 hours (a day or two either side of a change of clocks), or from a step it follows: drawn as
    that span, as the same day is, not as a point at 24 hours. None with both times (the hours are
    known), and with neither for any other count (the count of days is all there is)."""
    if days not in (0, 1) or a.timestamp is not None and b.timestamp is not None:
        return None
    if a.timestamp is None and b.timestamp is None:
        if days != 1:
            return None
        first, after = _day_bounds(a)
        if latest is not None and first <= latest < after:
            after = latest
        start, end = _day_after(*_day_bounds(b), follows)
        hours = pd.Timedelta(hours=1)
        return max(0.0, (start - after) / hours), (end - first) / hours
    if a.timestamp is not None:  # the later step is somewhere in its day
        start, last = _moments(a)
        first, after = _day_after(*_day_bounds(b), follows)
        lo, hi = first - last, after - start
    else:  # the theft was somewhere in its day, and before the first timed step of that day
        start, last = _moments(b)
        first, after = _day_bounds(a)
        if latest is not None and first <= latest < after:
            after = latest
        lo, hi = start - after, last - first
    hours = pd.Timedelta(hours=1)
    return max(0.0, lo / hours), max(0.0, hi / hours)


def _from_drawn(
    theft: Milestone, m: Milestone, followed: Sequence[Milestone], bounds: tuple[float, float]
) -> tuple[float, float]:
    """`bounds` started no earlier than where the charts draw the timed steps of m's day that m follows:
    at their stated hours from the theft's stated time. hours_bounds allows an approximate time its
    hour either way, the theft's and a followed step's alike; the dots do not. So Coincheck's
    disclosure could start at 11 h 05 min (12:07 less 01:02), left of its detection's dot at
    11 h 23 min (about 11:25 less about 00:02), and read as coming before the detection; it starts at
    its first notice's 12 h 05 min (12:07 less 00:02). The start is then no longer the fewest hours
    the times allow, but the fewest a reader can see on the chart; the end stays the most they allow."""
    first, after = _day_bounds(m)
    hours = pd.Timedelta(hours=1)
    drawn = [(f.timestamp - theft.timestamp) / hours for f in followed if first <= f.timestamp < after]
    # A step drawn within m's day is less than the end, which runs from the theft's earliest moment
    # to that day's end: the span cannot be turned inside out.
    return max([bounds[0], *drawn]), bounds[1]


def since_theft(
    events: pd.DataFrame,
    incidents: Sequence[str],
    names: Sequence[str],
    measures: dict[str, Sequence[str]] | None = None,
    *,
    not_before: dict[str, Sequence[str]] | None = None,
) -> pd.DataFrame:
    """Time from the theft to each milestone, per incident, with the state of every value.

    state: known (days, and hours when both times are known), range (the fewest and most days it
    can be: a month or quarter, or a date in another zone that overlaps two of the dates counted in,
    `zone` naming that zone when it is not Japan's), gap (searched, not found), never, not_recorded
    (the data has no row for it), no_theft_date (the theft itself is a gap, so nothing can be
    measured from it). `not_before` (milestones.csv: a milestone -> those it cannot precede) narrows
    an untimed step's span on its day: it starts no earlier than a timed step it follows, nor left
    of where the charts draw that step (_from_drawn). A measure (the first regulator action) has no
    such steps of its own, and is not narrowed.
    """
    rows = []
    for incident in incidents:
        found = milestones(events, incident)
        theft = found.get("leak")
        # the theft began before every step of its incident: the first one timed on its day bounds it
        first_timed = None
        if theft is not None and theft.timestamp is None and (theft.day or theft.zone_day):
            start, after = _day_bounds(theft)
            stamps = [_moments(f)[1] for f in found.values() if f is not theft and f.timestamp is not None]
            first_timed = min((t for t in stamps if start <= t < after), default=None)
        for name in names:
            m = earliest_of(found, name, measures[name]) if name in (measures or {}) else found.get(name)
            row = {
                "incident_id": incident,
                "milestone": name,
                "event_id": m.event_id if m else None,
                # its Japan date, or the date its page gives in another zone (date_zone)
                "date": (m.day or m.zone_day).isoformat() if m and (m.day or m.zone_day) else None,
                "date_zone": m.zone if m and m.day is None and m.zone_day else None,
                "period": str(m.period) if m and m.period is not None else None,
                "state": None,
                "days": None,
                "hours": None,
                # a count of calendar days the days' bounds and any time of day narrow (hours_bounds),
                # for the charts' spans
                "hours_min": None,
                "hours_max": None,
                "days_min": None,
                "days_max": None,
                "approximate": False,
                "zone": None,  # the zone whose dates the days are counted in, when not Japan's
                "days_most_japan": None,  # the most Japan days it can be, whatever zone the days are in
            }
            if m is None:
                row["state"] = "not_recorded"
            elif not m.known:
                row["state"] = m.status
            elif theft is None or not theft.known:
                row["state"] = "no_theft_date"
            else:
                d = between(theft, m)
                row["approximate"] = d.approximate
                if d.days_range is not None:
                    row.update(state="range", days_min=d.days_range[0], days_max=d.days_range[1], zone=d.zone)
                    row["days_most_japan"] = d.japan_most if d.zone else d.days_range[1]
                else:
                    row.update(state="known", days=d.calendar_days, hours=d.hours, zone=d.zone)
                    # a measure of several parts (the first regulator action) after a theft with no time
                    # is left a whole day: an untimed part that day may have come before the timed one
                    # whose time would bound it; after a timed theft, its day bounds every part alike
                    several = name in (measures or {}) and theft.timestamp is None
                    # a step cannot precede those it follows (a disclosure, its detection); the theft,
                    # which every step follows, bounds it already as the count's start
                    followed = [
                        f
                        for p in (not_before or {}).get(name, ())
                        if p != "leak" and (f := found.get(p)) is not None and f.timestamp is not None
                    ]
                    bounds = (
                        None
                        if several or d.hours is not None
                        else hours_bounds(theft, m, d.calendar_days, first_timed, [_moments(f)[0] for f in followed])
                    )
                    if bounds and theft.timestamp is not None:
                        bounds = _from_drawn(theft, m, followed, bounds)
                    if bounds:
                        row.update(hours_min=bounds[0], hours_max=bounds[1])
                    row["days_most_japan"] = d.japan_most if d.zone else d.calendar_days
                    if d.zone:  # its date in the zone the days are counted in (converted from a time)
                        row.update(date=zone_day(m, d.zone).isoformat(), date_zone=d.zone)
            rows.append(row)
    # no row (no later step at all): the columns all the same, for the callers that select by them
    table = pd.DataFrame(rows) if rows else pd.DataFrame(columns=list(_SINCE_COLUMNS))
    for col in ("days", "days_min", "days_max", "days_most_japan"):
        table[col] = table[col].astype("Int64")
    for col in ("hours", "hours_min", "hours_max"):
        table[col] = table[col].astype("Float64")
    return table


def first_day_facts(events: pd.DataFrame, incident: str) -> pd.DataFrame:
    """The incident's timed facts of the theft's first day: those of its date in Japan, and those
    after it within a day of it (a theft at 23:13 disclosed at 00:44: the disclosure belongs to it)."""
    found = milestones(events, incident)
    theft = found.get("leak")
    if theft is None:
        raise MilestoneNotFound(incident, "leak", list(found), "has no row for")
    rows = events[(events["incident_id"] == incident) & events["timestamp"].notna()]
    same_date = pd.Series([ts.date() == theft.day for ts in rows["timestamp"]], index=rows.index, dtype=bool)
    if theft.timestamp is None:  # a theft dated to its day only: that day's timed facts, no hours after it
        return rows[same_date]
    after = rows["timestamp"] - theft.timestamp
    return rows[same_date | ((after >= pd.Timedelta(0)) & (after <= pd.Timedelta(days=1)))]


def first_day_clock(events: pd.DataFrame, incident: str) -> pd.DataFrame | None:
    """The first day's facts when a clock of them says something: the theft has a time of day and
    the facts fall at two minutes or more (DMM Bitcoin's two, both at 13:26, would not); else None."""
    theft = milestones(events, incident).get("leak")
    if theft is None or theft.timestamp is None:
        return None
    facts = first_day_facts(events, incident)
    return facts if facts["timestamp"].nunique() >= 2 else None


def first_day(events: pd.DataFrame, incident: str, names: Sequence[str] = vocab.FIRST_DAY) -> pd.DataFrame:
    """Hours from the theft to each timed milestone of its first day."""
    found = milestones(events, incident)
    theft = found.get("leak")
    if theft is None or theft.timestamp is None:
        raise MilestoneNotFound(incident, "leak", list(found), "has no time of day for")
    rows = []
    for name in names:
        m = found.get(name)
        if m is None or m.timestamp is None or m.timestamp - theft.timestamp > pd.Timedelta(days=1):
            continue
        hours = (m.timestamp - theft.timestamp).total_seconds() / 3600
        rows.append({"milestone": name, "event_id": m.event_id, "time": f"{m.timestamp:%H:%M}", "hours": hours})
    return pd.DataFrame(rows)
