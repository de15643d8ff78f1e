"""Durations between milestones: the arithmetic on the invented fixture data (tests/fixtures/data,
incident example-2020 and sample-2022), and, last, the real Coincheck chain on data/.

The fixture's dates, in Japan time: theft Fri 7 Feb 2020 10:00 (an alternative 10:30 not preferred),
detection 11:00, suspension 11:30, trading halted 12:00, notice 12:30, all withdrawals 15:00, report
demanded 7 Feb, disclosure Sat 8 Feb (day only), price window ends Sat 8 Feb 18:30, order Wed 12 Feb,
report deadline and report Tue 25 Feb, yen withdrawals Fri 28 Feb, remedy delivered April 2020 (month
only), all services Q3 2020 (quarter only), inspection a gap. Holidays: Tue 11 Feb (National
Foundation Day), Mon 24 Feb (substitute for the Emperor's Birthday, Sun 23 Feb).
"""

import dataclasses
from datetime import date, datetime

import pandas as pd
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from analysis.data.loading import load_dataset
from analysis.measures.durations import (
    Milestone,
    MilestoneNotFound,
    between,
    chain_durations,
    earliest_of,
    first_day,
    first_day_facts,
    hours_bounds,
    milestone_duration,
    milestones,
    since_theft,
    zone_day,
)

INCIDENT = "example-2020"


@pytest.fixture(scope="module")
def events(fixture_dataset):
    return fixture_dataset.events


def test_default_chain(events):
    table = chain_durations(events, INCIDENT, ["leak", "order", "report", "jpy_withdrawal_resumed"])
    got = [(r["from"], r["to"], r["calendar_days"], r["business_days"]) for _, r in table.iterrows()]
    assert got == [
        # leak Fri 7 Feb -> order Wed 12 Feb: 5 days; business days 10, 12 Feb (11 Feb holiday) = 2.
        ("leak", "order", 5, 2),
        # order 12 Feb -> report 25 Feb: 13 days; 13, 14, 17-21, 25 Feb = 8 (24 Feb substitute holiday).
        ("order", "report", 13, 8),
        # report Tue 25 Feb -> yen withdrawals Fri 28 Feb: 3 days, 26, 27, 28 Feb = 3.
        ("report", "jpy_withdrawal_resumed", 3, 3),
        # 7 Feb -> 28 Feb: 21 days; 2 + 8 + 3 = 13 business days.
        ("leak", "jpy_withdrawal_resumed", 21, 13),
    ]
    assert list(table["step"]) == ["step", "step", "step", "total"]
    # Order, report and yen withdrawals are days only: no hours, though the theft has a time.
    assert table["hours"].isna().all()


def test_hours_when_both_times_are_known(events):
    # Trading halted 7 Feb 12:00; the price window closed 8 Feb 18:30: 24 h + 6 h 30 min.
    d = milestone_duration(events, INCIDENT, "trading_halt", "price_window_end")
    assert d.hours == pytest.approx(30.5)
    assert d.calendar_days == 1
    assert d.business_days == 0  # Saturday 8 Feb


def test_report_came_on_the_deadline(events):
    # Deadline and report both 25 Feb; order 12 Feb -> deadline 25 Feb as order -> report above.
    d = milestone_duration(events, INCIDENT, "report_deadline", "report")
    assert (d.calendar_days, d.business_days) == (0, 0)
    d = milestone_duration(events, INCIDENT, "order", "report_deadline")
    assert (d.calendar_days, d.business_days) == (13, 8)


def test_reversed_pair_is_negative(events):
    # order 12 Feb -> leak 7 Feb: the 5 days and 2 business days of leak -> order, negative.
    d = milestone_duration(events, INCIDENT, "order", "leak")
    assert (d.calendar_days, d.business_days) == (-5, -2)


def test_unknown_milestone_or_incident(events):
    # The dated milestones in time order: 10:00, 11:00, 11:30, 12:00, 12:30 on 7 Feb.
    with pytest.raises(
        MilestoneNotFound,
        match="has no milestone 'liquidation'; it has: leak, detection, suspension, trading_halt, public_notice",
    ):
        milestone_duration(events, INCIDENT, "leak", "liquidation")
    with pytest.raises(MilestoneNotFound, match="'ftx-2022' has no milestone 'leak'"):
        milestone_duration(events, "ftx-2022", "leak", "order")


def test_chain_needs_two_milestones(events):
    with pytest.raises(ValueError, match="at least two"):
        chain_durations(events, INCIDENT, ["leak"])


def test_disputed_fact_uses_the_preferred_value(events):
    # The theft is a conflict: 10:00 (ex-leak, preferred) against 10:30 (ex-leak-alt). From the
    # preferred 10:00 to detection 11:00 is 1 h; from the alternative it would be 30 min.
    d = milestone_duration(events, INCIDENT, "leak", "detection")
    assert d.start.event_id == "ex-leak" and d.hours == pytest.approx(1)
    alternatives = events[events["conflict_group"] == "example-2020-leak-time"]
    assert sorted(alternatives["time"]) == ["10:00", "10:30"]
    assert alternatives["preferred"].sum() == 1


def test_first_day_in_hours(events):
    # From the theft at 10:00: detection 11:00 = 1 h, suspension 11:30 = 1.5 h, trading halt 12:00 =
    # 2 h, notice 12:30 = 2.5 h, all withdrawals 15:00 = 5 h. The disclosure (8 Feb) has no time: left out.
    hours = dict(zip(first_day(events, INCIDENT)["milestone"], first_day(events, INCIDENT)["hours"]))
    assert hours == {
        "leak": 0,
        "detection": 1,
        "suspension": 1.5,
        "public_notice": 2.5,
        "trading_halt": 2,
        "all_withdrawals_suspended": 5,
    }


def test_not_applicable_is_not_a_date(events):
    # sample-2022's remedy delivery is not applicable (customers lost nothing); a gap: test_beyond_seed.
    with pytest.raises(MilestoneNotFound, match="has no such step in 'remedy_delivered'"):
        milestone_duration(events, "sample-2022", "suspension", "remedy_delivered")


def test_a_month_gives_a_range(events):
    # Remedy delivered in April 2020, from the theft on 7 Feb 2020 (a leap year): 22 days to 29 Feb,
    # 23 to 1 Mar, 54 to 1 Apr (23 + 31), 83 to 30 Apr (54 + 29).
    row = since_theft(events, [INCIDENT], ["remedy_delivered"]).iloc[0]
    assert (row["state"], row["days_min"], row["days_max"]) == ("range", 54, 83)


def test_a_quarter_gives_a_range(events):
    # All services back in Q3 2020: 7 Feb -> 1 Jul = 23 + 31 + 30 + 31 + 30 = 145 days;
    # -> 30 Sep = 145 + 31 + 31 + 29 = 236 days.
    row = since_theft(events, [INCIDENT], ["full_reopening"]).iloc[0]
    assert (row["state"], row["days_min"], row["days_max"]) == ("range", 145, 236)


def test_a_date_in_another_zone_is_counted_in_its_dates(events):
    # sample-2022's theft is 1 Mar 2022 as a UTC date (09:00 on 1 Mar to 09:00 on 2 Mar in Japan).
    # Its suspension, 2 Mar 09:30 JST, is 00:30 UTC on 2 Mar: the next UTC day, one number.
    row = since_theft(events, ["sample-2022"], ["suspension"]).iloc[0]
    assert (row["state"], row["days"], row["zone"], row["date"]) == ("known", 1, "UTC", "2022-03-02")
    assert pd.isna(row["days_min"]) and pd.isna(row["hours"])


def test_a_date_in_another_zone_against_a_japan_date_gives_a_range():
    # A UTC date (1 Mar: 1 or 2 Mar in Japan) and a Japan date without a time (3 Mar): 1 or 2 days;
    # neither side can be put in the other's dates, so no single number.
    theft = Milestone("leak", "t", None, None, span=(date(2022, 3, 1), date(2022, 3, 2)), zone="UTC",
                      zone_day=date(2022, 3, 1))  # fmt: skip
    later = Milestone("order", "o", date(2022, 3, 3), None)
    d = between(theft, later)
    assert (d.calendar_days, d.days_range, d.zone) == (None, (1, 2), None)
    # Two dates of different zones (UTC and US Eastern): counted in the theft's zone, where the US date
    # (05:00 UTC on 5 Mar to 05:00 on 6 Mar) overlaps two UTC dates: 4 or 5 days, in UTC dates; its
    # most in Japan dates (up to 6 Mar) is kept for the counts made across thefts.
    arrest = Milestone("arrest", "a", None, None, span=(date(2022, 3, 5), date(2022, 3, 6)),
                       zone="America/New_York", zone_day=date(2022, 3, 5))  # fmt: skip
    d = between(theft, arrest)
    assert (d.calendar_days, d.days_range, d.zone, d.japan_most) == (None, (4, 5), "UTC", 5)
    # Where the two zones' dates coincide (UTC and London in winter), one number, and the date there.
    london = dataclasses.replace(arrest, zone="Europe/London")
    assert (between(theft, london).calendar_days, between(theft, london).zone) == (4, "UTC")
    assert zone_day(london, "UTC") == date(2022, 3, 5)
    assert zone_day(arrest, "UTC") is None  # 05:00 UTC on 5 Mar to 05:00 on 6 Mar: two dates


_ZONES = st.sampled_from(["UTC", "America/New_York", "Europe/London", "Asia/Kolkata", "Pacific/Auckland"])


@given(_ZONES, _ZONES, st.dates(date(2015, 1, 1), date(2025, 12, 31)), st.integers(0, 4000), st.floats(0, 0.999))
def test_a_count_across_two_zones_holds_every_moment_of_the_later_date(zone_a, zone_b, day, later, fraction):
    # Whatever moment of b's date it was, its date in a's zone, counted from a's date, lies in the
    # range; the day's first moment gives its least, and the range is never wider than the day is.
    assume(zone_a != zone_b)
    b_day = day + pd.Timedelta(days=later)
    a = Milestone("leak", "t", None, None, span=(day, day + pd.Timedelta(days=1)), zone=zone_a, zone_day=day)
    b = Milestone("arrest", "a", None, None, span=(b_day, b_day + pd.Timedelta(days=1)), zone=zone_b, zone_day=b_day)
    d = between(a, b)
    start = pd.Timestamp(b_day).tz_localize(zone_b)
    end = (pd.Timestamp(b_day) + pd.Timedelta(days=1)).tz_localize(zone_b)
    lo, hi = d.days_range or (d.calendar_days, d.calendar_days)
    assert d.zone == zone_a
    assert lo <= (start + (end - start) * fraction).tz_convert(zone_a).date().toordinal() - day.toordinal() <= hi
    assert lo == start.tz_convert(zone_a).date().toordinal() - day.toordinal()
    assert hi - lo <= 1 + int((end - start) > pd.Timedelta(hours=24))  # a 25-hour day may touch three dates


def test_since_theft_keeps_its_columns_with_no_milestone(fixture_dataset):
    # No later step at all: an empty table the later section can still select from.
    empty = since_theft(fixture_dataset.events, [INCIDENT], [])
    full = since_theft(fixture_dataset.events, [INCIDENT], ["detection"])
    assert empty.empty and list(empty.columns) == list(full.columns)


def _at(day: date, hhmm: str | None) -> Milestone:
    stamp = None if hhmm is None else pd.Timestamp(f"{day} {hhmm}", tz="Asia/Tokyo")
    return Milestone("step", "e", day, stamp)


@pytest.mark.parametrize(
    "theft, step, expected",
    [
        # DMM Bitcoin: theft about 13:26 on 31 May 2024, disclosed that day at no time given: 0 to 10 h 34 min
        ((date(2024, 5, 31), "13:26"), (date(2024, 5, 31), None), (0.0, 10 + 34 / 60)),
        # BITPoint: theft on 11 July 2019 at no time given, first halt at 06:30 on 12 July: 6 h 30 min to 30 h 30 min
        ((date(2019, 7, 11), None), (date(2019, 7, 12), "06:30"), (6.5, 30.5)),
        # its detection at 22:12 the same day: 0 to 22 h 12 min
        ((date(2019, 7, 11), None), (date(2019, 7, 11), "22:12"), (0.0, 22.2)),
        # a theft at 20:00 and a step the next day at no time given: 4 h to 28 h
        ((date(2020, 1, 1), "20:00"), (date(2020, 1, 2), None), (4.0, 28.0)),
    ],
)
def test_one_time_of_day_bounds_a_count_of_calendar_days(theft, step, expected):
    lo, hi = hours_bounds(_at(*theft), _at(*step), (step[0] - theft[0]).days)
    assert (lo, hi) == pytest.approx(expected)


def test_hours_are_not_bounded_with_both_times_neither_or_two_days_apart():
    day = date(2020, 1, 1)
    assert hours_bounds(_at(day, "01:00"), _at(day, "02:00"), 0) is None  # the hours are known
    assert hours_bounds(_at(day, None), _at(day, None), 0) is None  # the day is all there is
    assert hours_bounds(_at(day, "01:00"), _at(date(2020, 1, 3), None), 2) is None  # a count of days: a dot
    assert hours_bounds(_at(day, None), _at(date(2020, 1, 3), None), 2) is None


def test_with_neither_time_a_step_the_next_day_spans_up_to_two_days():
    # "Next day" with neither time was drawn as a point at 24 h, beyond every "same day" span, though
    # it may have come minutes after the theft: it is a span, as the same day is. BITPoint: the theft
    # on 11 July 2019 at no time given, before its detection at about 22:12 (so by 23:12); disclosed on
    # 12 July at no time given: 48 min to 48 h.
    theft, disclosed = _at(date(2019, 7, 11), None), _at(date(2019, 7, 12), None)
    latest = pd.Timestamp("2019-07-11 23:12", tz="Asia/Tokyo")
    assert hours_bounds(theft, disclosed, 1, latest) == pytest.approx((0.8, 48.0))
    assert hours_bounds(theft, disclosed, 1) == pytest.approx((0.0, 48.0))  # no timed step: from 0


@settings(max_examples=200, deadline=None)
@given(
    start=st.integers(min_value=0, max_value=24 * 60 - 1),
    end=st.integers(min_value=0, max_value=24 * 60 - 1),
    days=st.sampled_from([0, 1]),
    timed_theft=st.booleans(),
)
def test_the_bounds_hold_every_time_the_missing_one_could_be(start, end, days, timed_theft):
    # Whatever time of day the missing one was (each minute tried at its ends), the hours from the
    # theft to the step lie within the bounds, and both bounds are reached by some time.
    day = date(2020, 1, 1)
    later = day + pd.Timedelta(days=days)
    hhmm = lambda m: f"{m // 60:02d}:{m % 60:02d}"  # noqa: E731
    theft = _at(day, hhmm(start) if timed_theft else None)
    step = _at(later, None if timed_theft else hhmm(end))
    lo, hi = hours_bounds(theft, step, days)
    known = start if timed_theft else end
    # minutes from the theft to the step for every minute the untimed one could be at, never negative
    possible = [
        (24 * 60 * days + (m - known if timed_theft else known - m)) / 60
        for m in range(24 * 60)
        if 24 * 60 * days + (m - known if timed_theft else known - m) >= 0
    ]
    # a day's minutes run to the next midnight, which is the bound itself: within a minute of it
    assert lo - 1e-9 <= min(possible) <= lo + 1 / 60 + 1e-9
    assert hi - 1 / 60 - 1e-9 <= max(possible) <= hi + 1e-9


def test_an_untimed_step_starts_no_earlier_than_a_timed_step_it_follows():
    # Coincheck: the theft about 00:02 on 26 Jan 2018, detected about 11:25, disclosed that day at no
    # time given. A disclosure follows its detection (milestones.csv not_before), so its span starts
    # at 10:25 (an hour before "about 11:25") less the theft's latest moment, 01:02: 9 h 23 min.
    day = date(2018, 1, 26)
    theft = dataclasses.replace(_at(day, "00:02"), approximate=True)
    detected_from = pd.Timestamp("2018-01-26 10:25", tz="Asia/Tokyo")
    assert hours_bounds(theft, _at(day, None), 0, follows=[detected_from]) == pytest.approx((9 + 23 / 60, 24.0))
    # a timed step of another day bounds nothing: the step's whole day stays open
    assert hours_bounds(theft, _at(day, None), 0, follows=[detected_from - pd.Timedelta(days=1)]) == pytest.approx(
        (0.0, 24.0)
    )
    # the latest of the steps it follows within its day bounds it, whatever another day's step says:
    # after the first public notice at 12:07 (exact), from 11 h 05 min
    noticed = pd.Timestamp("2018-01-26 12:07", tz="Asia/Tokyo")
    later_day = noticed + pd.Timedelta(days=1)
    assert hours_bounds(theft, _at(day, None), 0, follows=[detected_from, later_day, noticed]) == pytest.approx(
        (11 + 5 / 60, 24.0)
    )
    # another zone's day: a step dated 2 Aug 2016 in UTC after a theft at 20:00 Japan time on 2 Aug
    # (11:00 UTC), following a step at 03:16 Japan time on 3 Aug (18:16 UTC on 2 Aug): from 7 h 16 min
    # to the UTC day's end, 13 h
    utc_day = Milestone("disclosure", "d", None, None, zone="UTC", zone_day=date(2016, 8, 2),
                        span=(date(2016, 8, 2), date(2016, 8, 3)))  # fmt: skip
    at_20 = _at(date(2016, 8, 2), "20:00")
    bounds = hours_bounds(at_20, utc_day, 0, follows=[pd.Timestamp("2016-08-03 03:16", tz="Asia/Tokyo")])
    assert bounds == pytest.approx((7 + 16 / 60, 13.0))
    # with neither time, a step the next day after a detection at 06:30 that day: from 06:30 on
    nothing = _at(day, None)
    next_day = pd.Timestamp("2018-01-27 06:30", tz="Asia/Tokyo")
    assert hours_bounds(nothing, _at(date(2018, 1, 27), None), 1, follows=[next_day]) == pytest.approx((6.5, 48.0))


@settings(max_examples=200, deadline=None)
@given(
    start=st.integers(min_value=0, max_value=24 * 60 - 1),
    follows=st.integers(min_value=0, max_value=24 * 60 - 1),
    days=st.sampled_from([0, 1]),
)
def test_the_bounds_hold_every_time_a_step_after_another_could_be(start, follows, days):
    # A timed theft, and an untimed step that cannot precede a step timed on its day: for every minute
    # of its day at or after that step's time, the hours from the theft lie within the bounds, and
    # both bounds are reached by some such minute.
    day = date(2020, 1, 1)
    later = day + pd.Timedelta(days=days)
    hhmm = lambda m: f"{m // 60:02d}:{m % 60:02d}"  # noqa: E731
    earliest = pd.Timestamp(f"{later} {hhmm(follows)}", tz="Asia/Tokyo")
    lo, hi = hours_bounds(_at(day, hhmm(start)), _at(later, None), days, follows=[earliest])
    after = [24 * 60 * days + m - start for m in range(follows, 24 * 60)]
    possible = [x / 60 for x in after if x >= 0]
    assert lo - 1e-9 <= min(possible) <= lo + 1 / 60 + 1e-9
    assert hi - 1 / 60 - 1e-9 <= max(possible) <= hi + 1e-9


def test_since_theft_starts_coincheck_s_disclosure_at_its_first_notice():
    # The real data: Coincheck's disclosure (26 Jan 2018, no time) follows its detection (about 11:25)
    # and its first public notice (12:07). hours_bounds, as in the unit case above, gives 12:07 less
    # the theft's latest moment (about 00:02, so 01:02), 11 h 05 min: left of the detection's dot,
    # which the chart draws at the stated times, 11 h 23 min. The span starts where the notice would
    # be drawn, 12:07 less 00:02: 12 h 05 min. Its first regulator action, which need not follow
    # either, keeps the whole day.
    dataset = load_dataset()
    table = since_theft(
        dataset.events,
        ["coincheck-2018"],
        ["disclosure", "regulator_action"],
        dataset.measures,
        not_before=dataset.not_before,
    )
    bounds = table.set_index("milestone")[["hours_min", "hours_max"]]
    assert tuple(bounds.loc["disclosure"]) == pytest.approx((12 + 5 / 60, 24.0))
    assert tuple(bounds.loc["regulator_action"]) == pytest.approx((0.0, 24.0))
    # and right of every dot drawn for a step it follows
    drawn = since_theft(dataset.events, ["coincheck-2018"], ["detection", "public_notice"])
    assert drawn["hours"].tolist() == pytest.approx([11 + 23 / 60, 12 + 5 / 60])


def _events(rows) -> pd.DataFrame:
    """Incident x's events, as milestones() reads them, from (milestone, date, time, approximate)."""
    return pd.DataFrame(
        [
            {"incident_id": "x", "event_id": f"x-{i}", "milestone": name, "effective": True,
             "date": pd.Period(day, "D"), "date_zone": None, "period": None, "status": "reported",
             "approximate": about,
             "timestamp": pd.Timestamp(f"{day} {time}", tz="Asia/Tokyo") if time else pd.NaT}
            for i, (name, day, time, about) in enumerate(rows)
        ]
    )  # fmt: skip


@settings(max_examples=200, deadline=None)
@given(
    theft=st.integers(min_value=0, max_value=24 * 60 - 1),
    detected=st.integers(min_value=0, max_value=24 * 60 - 1),
    theft_about=st.booleans(),
    detected_about=st.booleans(),
    next_day=st.booleans(),
)
def test_a_span_never_starts_left_of_a_dot_it_follows(theft, detected, theft_about, detected_about, next_day):
    # Whatever the times, and however approximate each: a disclosure with no time after a detection
    # timed on its day (the theft's day or the next) has a span whose start is at or right of the
    # detection's dot, and whose end is the most hours the times allow (hours_bounds').
    assume(next_day or detected >= theft)
    hhmm = lambda m: f"{m // 60:02d}:{m % 60:02d}"  # noqa: E731
    day = "2020-01-02" if next_day else "2020-01-01"
    events = _events([
        ("leak", "2020-01-01", hhmm(theft), theft_about),
        ("detection", day, hhmm(detected), detected_about),
        ("disclosure", day, None, False),
    ])  # fmt: skip
    table = since_theft(events, ["x"], ["detection", "disclosure"], not_before={"disclosure": ["detection"]})
    rows = table.set_index("milestone")
    lo, hi = rows.loc["disclosure", "hours_min"], rows.loc["disclosure", "hours_max"]
    assert rows.loc["detection", "hours"] <= lo + 1e-9 <= hi + 1e-9
    found = milestones(events, "x")
    most = hours_bounds(found["leak"], found["disclosure"], int(next_day))[1]
    assert hi == pytest.approx(most)


def test_a_span_is_not_moved_by_a_dot_of_another_day_nor_without_a_theft_time():
    # A detection the day before the disclosure bounds nothing (the disclosure's whole next day
    # stays open: from the theft's 22:00 to the next day's end, 2 h to 26 h); nor can a theft with no
    # time draw a dot to start from (its day and the disclosure's: 0 to 24 h).
    events = _events([
        ("leak", "2020-01-01", "22:00", False),
        ("detection", "2020-01-01", "23:30", False),
        ("disclosure", "2020-01-02", None, False),
    ])  # fmt: skip
    table = since_theft(events, ["x"], ["disclosure"], not_before={"disclosure": ["detection"]})
    assert tuple(table[["hours_min", "hours_max"]].iloc[0]) == pytest.approx((2.0, 26.0))
    untimed = _events([
        ("leak", "2020-01-01", None, False),
        ("detection", "2020-01-01", "09:00", False),
        ("disclosure", "2020-01-01", None, False),
    ])  # fmt: skip
    table = since_theft(untimed, ["x"], ["disclosure"], not_before={"disclosure": ["detection"]})
    assert table[["hours_min", "hours_max"]].iloc[0].isna().all()


def test_since_theft_gives_the_bounds_the_charts_draw(fixture_dataset):
    # The fixture's theft at 10:00 on 7 Feb 2020: the disclosure, 8 Feb with no time, 14 h (from the
    # theft to the next midnight) to 38 h; the report request, 7 Feb with no time, up to 14 h; the
    # detection at 11:00 has both times, so no bounds.
    table = since_theft(fixture_dataset.events, [INCIDENT], ["detection", "disclosure", "report_request"])
    bounds = table.set_index("milestone")[["hours_min", "hours_max"]]
    assert tuple(bounds.loc["disclosure"]) == (14.0, 38.0)
    assert tuple(bounds.loc["report_request"]) == (0.0, 14.0)
    assert bounds.loc["detection"].isna().all()
    assert str(table["hours_max"].dtype) == "Float64"


def test_the_bounds_follow_the_zone_approximate_times_and_the_first_step_of_the_day():
    day = date(2019, 7, 11)
    theft = _at(day, None)
    halt = _at(date(2019, 7, 12), "06:30")
    # BITPoint: a theft with no time came before its detection at 22:12 that day: the halt at 06:30
    # the next day came 8 h 18 min to 30 h 30 min after it.
    latest = pd.Timestamp("2019-07-11 22:12", tz="Asia/Tokyo")
    assert hours_bounds(theft, halt, 1, latest) == pytest.approx((8.3, 30.5))
    # about 22:12: the theft may have come up to an hour later, so from 7 h 18 min
    assert hours_bounds(theft, halt, 1, latest + pd.Timedelta(hours=1)) == pytest.approx((7.3, 30.5))
    # an approximate time stays in its day: about 00:30 is no earlier than midnight
    early = dataclasses.replace(_at(day, "00:30"), approximate=True)
    assert hours_bounds(early, _at(day, None), 0) == pytest.approx((0.0, 24.0))
    # Bitfinex: a theft dated to 2 Aug 2016 in UTC, a step at 03:16 on 3 Aug in Japan (18:16 UTC on
    # 2 Aug): 0 to 18 h 16 min, counted in UTC dates
    utc = Milestone("leak", "t", None, None, zone="UTC", zone_day=date(2016, 8, 2),
                    span=(date(2016, 8, 2), date(2016, 8, 3)))  # fmt: skip
    disclosed = Milestone("disclosure", "d", date(2016, 8, 3), pd.Timestamp("2016-08-03 03:16", tz="Asia/Tokyo"))
    assert hours_bounds(utc, disclosed, 0) == pytest.approx((0.0, 18 + 16 / 60))


def test_an_approximate_time_near_a_zones_midnight_gives_no_day_there():
    # A UTC theft on 1 Mar and a suspension "about 08:30" on 2 Mar in Japan: 23:30 UTC on 1 Mar, but
    # "about" may put it after UTC midnight, so its UTC day is unknown and the count is a Japan range.
    theft = Milestone("leak", "t", None, None, span=(date(2022, 3, 1), date(2022, 3, 2)), zone="UTC",
                      zone_day=date(2022, 3, 1))  # fmt: skip
    at = pd.Timestamp("2022-03-02 08:30", tz="Asia/Tokyo")
    exact = Milestone("suspension", "s", date(2022, 3, 2), at)
    assert (between(theft, exact).calendar_days, between(theft, exact).zone) == (0, "UTC")
    about = Milestone("suspension", "s", date(2022, 3, 2), at, approximate=True)
    assert (between(theft, about).zone, between(theft, about).days_range) == (None, (0, 1))
    # Hours away from UTC midnight, "about" changes nothing: 06:00 JST is 21:00 UTC.
    early = Milestone("suspension", "s", date(2022, 3, 2), pd.Timestamp("2022-03-02 06:00", tz="Asia/Tokyo"),
                      approximate=True)  # fmt: skip
    assert (between(theft, early).calendar_days, between(theft, early).zone) == (0, "UTC")


def test_the_first_of_several_parts_is_the_one_nothing_could_precede():
    # An inspection on 15 March and an order dated only to March 2019: either could be first, so
    # the measure is 1 to 15 March (a range), not 15 March; an order in April leaves 15 March first.
    inspection = Milestone("inspection", "i", date(2019, 3, 15), None)
    march = Milestone("order", "o", None, None, period=pd.Period("2019-03", "M"))
    first = earliest_of({"inspection": inspection, "order": march}, "regulator_action", ["inspection", "order"])
    assert (first.day, first.span, first.name) == (None, (date(2019, 3, 1), date(2019, 3, 15)), "regulator_action")
    april = Milestone("order", "o", None, None, period=pd.Period("2019-04", "M"))
    first = earliest_of({"inspection": inspection, "order": april}, "regulator_action", ["inspection", "order"])
    assert (first.day, first.event_id) == (date(2019, 3, 15), "i")
    # A UTC date spans two Japan days; a Japan date on the second of them may come before or after.
    utc = Milestone("report_request", "r", None, None, span=(date(2019, 3, 14), date(2019, 3, 15)), zone="UTC",
                    zone_day=date(2019, 3, 14))  # fmt: skip
    first = earliest_of({"inspection": inspection, "report_request": utc}, "m", ["inspection", "report_request"])
    assert first.span == (date(2019, 3, 14), date(2019, 3, 15))
    theft = Milestone("leak", "t", date(2019, 3, 10), None)
    assert between(theft, first).days_range == (4, 5)
    # Two parts on the same UTC date: that date, in UTC, counted in its dates (not a Japan range).
    same = Milestone("inspection", "i2", None, None, span=utc.span, zone="UTC", zone_day=date(2019, 3, 14))
    first = earliest_of({"report_request": utc, "inspection": same}, "m", ["report_request", "inspection"])
    assert (first.zone, first.zone_day) == ("UTC", date(2019, 3, 14))
    utc_theft = Milestone("leak", "t", None, None, span=(date(2019, 3, 10), date(2019, 3, 11)), zone="UTC",
                          zone_day=date(2019, 3, 10))  # fmt: skip
    assert (between(utc_theft, first).calendar_days, between(utc_theft, first).zone) == (4, "UTC")
    # Nothing known: the first recorded part, as a gap.
    gap = Milestone("order", "g", None, None, status="gap")
    assert earliest_of({"order": gap}, "m", ["inspection", "order"]).status == "gap"
    assert earliest_of({}, "m", ["order"]) is None


_PART = st.one_of(
    st.dates(date(2019, 1, 1), date(2019, 12, 31)).map(lambda d: Milestone("x", "d", d, None)),
    st.dates(date(2019, 1, 1), date(2019, 12, 31)).map(
        lambda d: Milestone("x", "z", None, None, span=(d, d + pd.Timedelta(days=1)), zone="UTC", zone_day=d)
    ),
    st.integers(1, 12).map(lambda m: Milestone("x", "p", None, None, period=pd.Period(f"2019-{m:02d}", "M"))),
)


@given(st.lists(_PART, min_size=1, max_size=4))
def test_the_first_part_never_claims_a_day_it_cannot_know(parts):
    found = {f"p{i}": p for i, p in enumerate(parts)}
    first = earliest_of(found, "m", list(found))
    # It can be no earlier than any part can be, and no later than any part surely is.
    assert first.earliest == min(p.earliest for p in parts)
    assert first.latest == min(p.latest for p in parts)
    # A single day only when one part is surely first.
    if first.day is not None:
        assert any(p.day == first.day and all(o.earliest >= p.day for o in parts) for p in parts)


def test_since_theft_states(fixture_dataset):
    table = since_theft(
        fixture_dataset.events, [INCIDENT, "sample-2022"], fixture_dataset.compared, fixture_dataset.measures
    )
    got = {
        (r.incident_id, r.milestone): (r.state, None if str(r.days) == "<NA>" else int(r.days))
        for r in table.itertuples()
    }
    # The first regulator action is the earliest dated of its parts: the report demanded on the day of
    # the theft (7 Feb), before the order (12 Feb); the inspection, a gap, is passed over.
    assert got[(INCIDENT, "regulator_action")] == ("known", 0)
    assert got[(INCIDENT, "disclosure")] == ("known", 1)  # 7 -> 8 Feb
    assert got[(INCIDENT, "remedy_decided")] == ("known", 3)  # 7 -> 10 Feb
    assert got[(INCIDENT, "remedy_delivered")] == ("range", None)  # April 2020
    assert got[("sample-2022", "detection")] == ("not_recorded", None)  # no row at all
    assert got[("sample-2022", "remedy_delivered")] == ("not_applicable", None)
    hours = {(r.incident_id, r.milestone): r.hours for r in table.itertuples()}
    assert float(hours[(INCIDENT, "suspension")]) == pytest.approx(1.5)  # 10:00 -> 11:30
    gap = since_theft(fixture_dataset.events, [INCIDENT], ["inspection"]).iloc[0]
    assert gap["state"] == "gap"


# -- the real incident ---------------------------------------------------------------------------


def test_coincheck_chain_as_the_seed_dates_it():
    """The facts of data/: Coincheck's chain and price window as the report prints them (a correction
    to these dates changes these numbers, and only tests of facts like this one)."""
    events = load_dataset().events
    table = chain_durations(events, "coincheck-2018", ["leak", "order", "report", "jpy_withdrawal_resumed"])
    got = [(r["from"], r["to"], r["calendar_days"], r["business_days"]) for _, r in table.iterrows()]
    assert got == [
        # leak Fri 26 Jan -> order Mon 29 Jan: 3 days; business days 29 Jan only.
        ("leak", "order", 3, 1),
        # order 29 Jan -> report 13 Feb: 15 days; 30, 31 Jan, 1, 2, 5-9, 13 Feb = 10 (12 Feb holiday).
        ("order", "report", 15, 10),
        # report and JPY withdrawals resumed on the same day, 13 Feb.
        ("report", "jpy_withdrawal_resumed", 0, 0),
        # 26 Jan -> 13 Feb: 18 days; 1 + 10 business days.
        ("leak", "jpy_withdrawal_resumed", 18, 11),
    ]
    # Trading halted 26 Jan 12:09; the price window closed 27 Jan 23:00: 24 h + 10 h 51 min.
    d = milestone_duration(events, "coincheck-2018", "trading_halt", "price_window_end")
    assert (d.hours, d.calendar_days, d.business_days) == (pytest.approx(34.85), 1, 0)
    d = milestone_duration(events, "coincheck-2018", "report_deadline", "report")
    assert (d.calendar_days, d.business_days) == (0, 0)


def test_days_in_another_zone_and_the_next_day_are_said_so():
    from analysis import l10n

    # One calendar day without the hours is the next day, not "1 day" (read as 24 hours).
    assert l10n.elapsed(1, None, "en") == "next day" and l10n.elapsed(1, None, "ja") == "翌日"
    assert l10n.elapsed(2, None, "en") == "2 days"
    # Days counted in UTC dates say so, in both languages.
    assert l10n.elapsed(0, None, "en", zone="UTC") == "same day, in UTC dates"
    assert l10n.elapsed(8, None, "ja", zone="UTC") == "協定世界時の日付で8日"
    # Hours need no zone: an interval is the same everywhere.
    assert l10n.elapsed(0, 1.5, "en", zone="UTC") == "1 h 30 min"


def test_a_range_of_two_adjacent_days_is_one_or_the_other():
    from analysis import l10n

    # "2,016–2,017 days" read as years (an editor's read): two adjacent counts are one or the other.
    assert l10n.elapsed(None, None, "en", lo=2016, hi=2017, zone="UTC") == "2,016 or 2,017 days, in UTC dates"
    assert l10n.elapsed(None, None, "en", lo=3026, hi=3027, zone="UTC", apart=True) == "3,026 or 3,027 UTC days"
    # A wider range stays a range; Japanese has no year to mistake it for (日, not 年).
    assert l10n.elapsed(None, None, "en", lo=874, hi=901) == "874–901 days"
    assert l10n.elapsed(None, None, "ja", lo=2016, hi=2017) == "2,016〜2,017日"


@settings(max_examples=300, deadline=None)
@given(
    theft=st.dates(min_value=date(2010, 1, 1), max_value=date(2030, 1, 1)),
    later=st.datetimes(min_value=datetime(2010, 1, 1), max_value=datetime(2031, 1, 1)),
)
def test_a_utc_count_lies_within_the_japan_range(theft, later):
    """A theft dated in UTC against a fact with a Japan time: the count in UTC dates is one of the
    Japan-day counts the two possible Japan dates give (never outside the range it replaces)."""
    stamp = pd.Timestamp(later, tz="Asia/Tokyo")
    start = pd.Timestamp(theft, tz="UTC").tz_convert("Asia/Tokyo")
    span = (start.date(), (start + pd.Timedelta(days=1) - pd.Timedelta(microseconds=1)).date())
    a = Milestone("leak", "t", None, None, span=span, zone="UTC", zone_day=theft)
    b = Milestone("disclosure", "d", stamp.date(), stamp)
    lo, hi = (b.day - span[1]).days, (b.day - span[0]).days
    d = between(a, b)
    assert d.zone == "UTC" and d.days_range is None
    assert lo <= d.calendar_days <= hi
    assert d.calendar_days == (stamp.tz_convert("UTC").date() - theft).days


def test_a_range_of_hours_is_said_once():
    from analysis import l10n

    # Coincheck's detection 11:25 counted from 02:57 and 03:00: 8 h 28 min and 8 h 25 min.
    assert l10n.hours_range(8 + 25 / 60, 8 + 28 / 60, "en", approximate=True) == "about 8 h 25–28 min"
    assert l10n.hours_range(8 + 25 / 60, 8 + 28 / 60, "ja", approximate=True) == "約8時間25〜28分"
    assert l10n.hours_range(9 + 10 / 60, 10 + 5 / 60, "en") == "9 h 10 min–10 h 5 min"
    assert l10n.hours_range(2.5, 2.5, "en") == "2 h 30 min"


@settings(max_examples=300, deadline=None)
@given(
    earlier=st.datetimes(min_value=datetime(2010, 1, 1), max_value=datetime(2030, 1, 1)),
    later=st.dates(min_value=date(2010, 1, 1), max_value=date(2031, 1, 1)),
    zone=st.sampled_from(["UTC", "America/New_York"]),
)
def test_a_zoned_later_fact_counts_within_the_japan_range(earlier, later, zone):
    """A timed theft (Japan time) and a later fact dated in another zone (Bybit's reserves, a US court
    day): the count in that zone's dates is one of the Japan-day counts, and the most Japan days is
    kept beside it."""
    stamp = pd.Timestamp(earlier, tz="Asia/Tokyo")
    first = pd.Timestamp(later, tz=zone).tz_convert("Asia/Tokyo")
    span = (first.date(), (first + pd.Timedelta(days=1) - pd.Timedelta(microseconds=1)).date())
    a = Milestone("leak", "t", stamp.date(), stamp)
    b = Milestone("full_reopening", "r", None, None, span=span, zone=zone, zone_day=later)
    d = between(a, b)
    lo, hi = (span[0] - a.day).days, (span[1] - a.day).days
    assert d.zone == zone and lo <= d.calendar_days <= hi and d.japan_most == hi


def test_an_approximate_time_near_midnight_keeps_the_day_its_page_prints_in_that_zone():
    # "about 23:40 UTC" on 3 Apr is 08:40 on 4 Apr in Japan. Within an hour of UTC midnight, the UTC
    # day could be either, unless a page prints the time in UTC: then its day there is the 3rd.
    from analysis.measures import durations

    stamp = pd.Timestamp("2017-04-04 08:40", tz="Asia/Tokyo")
    told = Milestone("x", "x-1", date(2017, 4, 4), stamp, approximate=True)
    printed = Milestone("x", "x-1", date(2017, 4, 4), stamp, approximate=True, printed_zones=frozenset({"UTC"}))
    assert durations.zone_day(told, "UTC") is None
    assert durations.zone_day(printed, "UTC") == date(2017, 4, 3)
    # An exact time needs no page in that zone: its day there is its day.
    exact = Milestone("x", "x-1", date(2017, 4, 4), stamp)
    assert durations.zone_day(exact, "UTC") == date(2017, 4, 3)
    # A page printing another zone does not vouch for this one.
    other = Milestone(
        "x", "x-1", date(2017, 4, 4), stamp, approximate=True, printed_zones=frozenset({"America/New_York"})
    )
    assert durations.zone_day(other, "UTC") is None


def test_first_day_facts_run_past_midnight_to_a_day_after_the_theft():
    """Bybit's theft at 23:13 on 21 Feb 2025 (Japan time), its disclosure and remedy at 00:44 on 22 Feb:
    the theft's date and the 24 hours after it. A fact moved to 23:13 on 22 Feb (exactly a day) stays;
    one at 23:14 goes; one earlier on the theft's own date stays (a first day is the date, then on)."""
    events = load_dataset().events
    bybit = events[events["incident_id"] == "bybit-2025"].copy()
    facts = first_day_facts(bybit, "bybit-2025")
    assert sorted(facts["event_id"]) == ["bybit-disclosure", "bybit-remedy-decided", "bybit-theft", "bybit-theft-1430"]
    tokyo = "Asia/Tokyo"
    disclosure = bybit.index[bybit["event_id"] == "bybit-disclosure"][0]
    for at, kept in (("2025-02-22 23:13", True), ("2025-02-22 23:14", False), ("2025-02-21 08:00", True)):
        moved = bybit.copy()
        moved.loc[disclosure, "timestamp"] = pd.Timestamp(at, tz=tokyo)
        assert ("bybit-disclosure" in set(first_day_facts(moved, "bybit-2025")["event_id"])) is kept, at


def test_first_day_facts_of_a_theft_dated_only_to_its_day():
    """Liquid's theft is dated 19 Aug 2021 with no time: no hours after it can be counted, so its first
    day is that date's timed facts only (the detection at about 08:50)."""
    events = load_dataset().events
    assert list(first_day_facts(events, "liquid-2021")["event_id"]) == ["liquid-detection"]
    with pytest.raises(MilestoneNotFound, match="no-such-incident"):
        first_day_facts(events, "no-such-incident")
