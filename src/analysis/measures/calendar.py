"""Japanese business days.

A business day is a Monday to Friday that is neither a national holiday (祝日, including
substitute holidays, from the `holidays` package) nor one of the year-end days 29 Dec - 3 Jan on
which government offices close (行政機関の休日に関する法律, art. 1). The FSA's deadlines run on
that calendar, so it is the one the durations use.

Counting convention: the business days between a and b are those d with a < d <= b. The start
day is not counted, the end day is: an order on Monday with its deadline on Tuesday gives 1,
two milestones on the same day give 0. When b is before a the count is negative.
"""

from __future__ import annotations

from datetime import date, timedelta
from functools import cache

import holidays
import numpy as np


@cache
def _national_holidays(year: int) -> dict[date, str]:
    return dict(holidays.country_holidays("JP", years=year, language="en_US"))


def holiday_name(day: date) -> str | None:
    """Why a weekday is not a business day, or None when it is one (or is a weekend)."""
    name = _national_holidays(day.year).get(day)
    if name:
        return name
    if (day.month, day.day) >= (12, 29) or (day.month, day.day) <= (1, 3):
        return "Year-end government closure"
    return None


def is_business_day(day: date) -> bool:
    return day.weekday() < 5 and holiday_name(day) is None


def closed_days(start: date, end: date) -> list[date]:
    """Weekdays in [start, end] that are not business days."""
    days = []
    d = start
    while d <= end:
        if d.weekday() < 5 and holiday_name(d) is not None:
            days.append(d)
        d += timedelta(days=1)
    return days


def business_days_between(a: date, b: date) -> int:
    """Business days d with a < d <= b (negative when b < a)."""
    if b < a:
        return -business_days_between(b, a)
    first, last = a + timedelta(days=1), b
    holidays_ = [np.datetime64(d) for d in closed_days(first, last)] if first <= last else []
    return int(np.busday_count(np.datetime64(first), np.datetime64(last + timedelta(days=1)), holidays=holidays_))
