from datetime import date

import pytest

from analysis.measures.calendar import business_days_between, closed_days, holiday_name, is_business_day

D = date


def test_february_2018_holidays():
    # Sun 11 Feb: National Foundation Day; Mon 12 Feb: its substitute holiday.
    assert holiday_name(D(2018, 2, 11)) is not None
    assert holiday_name(D(2018, 2, 12)) is not None
    assert not is_business_day(D(2018, 2, 12))
    assert closed_days(D(2018, 1, 26), D(2018, 2, 13)) == [D(2018, 2, 12)]


@pytest.mark.parametrize(
    "a, b, expected",
    [
        # Fri 26 Jan -> Mon 29 Jan: Sat and Sun are skipped, Monday counts.
        (D(2018, 1, 26), D(2018, 1, 29), 1),
        # Fri 9 Feb -> Tue 13 Feb: 10 Sat, 11 Sun (holiday), 12 substitute holiday, 13 counts.
        (D(2018, 2, 9), D(2018, 2, 13), 1),
        # Mon 29 Jan -> Tue 13 Feb: 30, 31 Jan, 1, 2, 5, 6, 7, 8, 9, 13 Feb.
        (D(2018, 1, 29), D(2018, 2, 13), 10),
        # Same day: nothing after the start.
        (D(2018, 2, 13), D(2018, 2, 13), 0),
        # Sat -> Sun: no business day.
        (D(2018, 1, 27), D(2018, 1, 28), 0),
        # Fri 28 Dec 2018 -> Fri 4 Jan 2019: 31 Dec and 1-3 Jan are the year-end closure.
        (D(2018, 12, 28), D(2019, 1, 4), 1),
        # Reversed: the same count, negative.
        (D(2018, 2, 13), D(2018, 1, 29), -10),
    ],
)
def test_business_days_between(a, b, expected):
    assert business_days_between(a, b) == expected


def test_year_end_closure_is_named():
    assert holiday_name(D(2018, 12, 31)) == "Year-end government closure"
    assert is_business_day(D(2018, 12, 28))
