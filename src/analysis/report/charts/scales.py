"""The time scales the charts share: a day axis in Japan time with closed days shaded, a linear
scale of days after the theft, and the comparison's logarithmic scale of time after the theft."""

from __future__ import annotations

import math
from collections.abc import Callable
from datetime import date, datetime, time, timedelta

import matplotlib.dates as mdates
import matplotlib.ticker
import pandas as pd
from matplotlib.ticker import FuncFormatter, Locator, MaxNLocator

from analysis import l10n, vocab
from analysis.measures.calendar import closed_days
from analysis.report import style

TZ = vocab.TIMEZONE


def local(d: date, at: time = time(0)) -> pd.Timestamp:
    return pd.Timestamp(datetime.combine(d, at)).tz_localize(TZ)


class _MiddayEvery(Locator):
    """Noon of every n-th day from the first: where a day's label goes."""

    def __init__(self, n: int, first: date):
        self.n, self.first = n, first

    def __call__(self):
        hi = mdates.num2date(self.axis.get_view_interval()[1], tz=TZ).date()
        days = range(0, (hi - self.first).days + 1, self.n)
        return [mdates.date2num(local(self.first + timedelta(days=d), time(12))) for d in days]


def shade_closed_days(ax, first: date, last: date) -> None:
    """Weekends and holidays in grey, each run of closed days as one band."""
    closed = set(closed_days(first, last))
    d = first
    while d <= last:
        if d.weekday() >= 5 or d in closed:
            end = d + timedelta(days=1)
            while end <= last and (end.weekday() >= 5 or end in closed):
                end += timedelta(days=1)
            ax.axvspan(local(d), local(end), color=style.CLOSED_DAY_COLOUR, lw=0, zorder=0)
            d = end
        else:
            d += timedelta(days=1)


def mark_day(ax, day: date, text: str, colour: str, *, lw: float, ls: str, pad: float, fontsize: float) -> None:
    """A vertical line through the middle of a day, labelled above the plot."""
    x = local(day, time(12))
    ax.axvline(x, color=colour, lw=lw, ls=ls, zorder=1)
    ax.annotate(
        text,
        (x, 1.0),
        xycoords=("data", "axes fraction"),
        xytext=(0, pad),
        textcoords="offset points",
        ha="center",
        va="bottom",
        fontsize=fontsize,
        color=colour,
        annotation_clip=False,
    )


def day_axis(ax, first: date, last: date, lang: str) -> None:
    """Ticks between days, a day's label under its middle (the facts are days, not instants),
    horizontal, every few days so that the labels never crowd."""
    ax.set_xlim(local(first), local(last + timedelta(days=1)))
    ax.xaxis.set_major_locator(mdates.DayLocator(tz=TZ))
    ax.xaxis.set_major_formatter(mdates.DateFormatter("", tz=TZ))
    most = 5 if style.is_narrow() else 12  # day labels that fit across the chart without crowding
    step = max(1, -(-((last - first).days + 1) // most))
    ax.xaxis.set_minor_locator(
        mdates.HourLocator(byhour=[12], interval=1, tz=TZ) if step == 1 else _MiddayEvery(step, first)
    )
    ax.xaxis.set_minor_formatter(FuncFormatter(lambda x, _: l10n.day(mdates.num2date(x, tz=TZ).date(), lang, "axis")))
    ax.tick_params(axis="x", which="minor", length=0, labelsize=style.MIN_TEXT_PT)


def days_axis(ax, lang: str, right: float) -> None:
    """Whole days from the theft (no 0.2-day ticks), written as the text writes them (3,692), fewer
    on a phone so that they stand apart; gridlines behind everything."""
    ax.set_xlim(0, max(right, 2))
    ax.xaxis.set_major_locator(MaxNLocator(nbins=4 if style.is_narrow() else 6, integer=True))
    ax.xaxis.set_major_formatter(FuncFormatter(lambda x, _: l10n.number(round(x), lang)))
    ax.tick_params(axis="x", labelsize=style.MIN_TEXT_PT)
    ax.grid(axis="x", color="#e6e6e6", lw=0.6, zorder=0)
    ax.set_axisbelow(True)


# The comparison's time scale: logarithmic, so that 1 h 31 min and 23 h 28 min sit apart and a
# decade of repayments fits beside them; from ten minutes to twenty years, in days.
LOG_LEFT, LOG_RIGHT = 10 / 1440, 7300.0
# The axis begins a little left of the same-minute place, so that a dot there stands clear of the
# axis line rather than on it; stems and "the same day" spans start at the axis itself.
LOG_EDGE = LOG_LEFT / 1.5
LOG_TICKS = (
    (1 / 24, "tick_hour"),
    (1, "tick_day"),
    (30.44, "tick_month"),
    (365.25, "tick_year"),
    (3652.5, "tick_decade"),
)


def log_place(row) -> tuple[float, tuple[float, float] | None] | None:
    """Where a value sits on the log scale, and the span it covers: a timed value at its hours (the
    same minute at the scale's left edge); a count of the same or the next day over the hours it can
    be (hours_bounds: the same day after a theft at 13:26, at most 10 h 34 min, not the whole day;
    the next day with neither time, up to 48 hours); any other count of calendar days at its days,
    except the same day, which spans the day; a range of days over its range (from the edge when it
    starts at 0)."""
    if row["state"] == "range":
        lo, hi = max(float(row["days_min"]), LOG_EDGE), max(float(row["days_max"]), 1.0)
        return hi, (lo, hi)
    if row["state"] != "known":
        return None
    if pd.notna(row["hours"]):
        return max(float(row["hours"]) / 24, LOG_LEFT), None
    if pd.notna(row.get("hours_max", pd.NA)):
        hi = max(float(row["hours_max"]) / 24, LOG_LEFT)
        return hi, (max(float(row["hours_min"]) / 24, LOG_EDGE), hi)
    if int(row["days"]) == 0:
        return 1.0, (LOG_EDGE, 1.0)
    return float(row["days"]), None


def at_log_edge(row) -> bool:
    """Whether a timed value came within the scale's first ten minutes, and so is drawn at its left
    edge rather than to scale (the same minute has no place on a log scale)."""
    return row["state"] == "known" and pd.notna(row["hours"]) and float(row["hours"]) / 24 < LOG_LEFT


def log_axis(ax, lang: str, right: float = LOG_RIGHT) -> None:
    ax.set_xscale("log")
    ax.set_xlim(LOG_EDGE, right)
    ticks = [(v, k) for v, k in LOG_TICKS if v <= right]
    ax.set_xticks([v for v, _ in ticks], [l10n.t(k, lang) for _, k in ticks])
    ax.xaxis.set_minor_locator(matplotlib.ticker.NullLocator())
    ax.tick_params(axis="x", labelsize=style.MIN_TEXT_PT)
    ax.grid(axis="x", color="#e6e6e6", lw=0.6, zorder=0)
    ax.set_axisbelow(True)


def share_of_log_axis(x: float, right: float) -> float:
    """Where a value lies along a log scale from its edge to `right` (0 to 1)."""
    return (math.log(x) - math.log(LOG_EDGE)) / (math.log(right) - math.log(LOG_EDGE))


# The scale's words in the order they are kept when a narrow axis cannot hold them all.
_TICKS_KEPT = ("tick_day", "tick_decade", "tick_hour", "tick_year", "tick_month")


def spaced_log_ticks(
    measure: Callable[[str, float], tuple[float, float]], lang: str, size: float, width: float, right: float = LOG_RIGHT
) -> list[tuple[float, str]]:
    """The log scale's ticks up to `right`, each with its word where the words stand apart across an
    axis `width` points wide: the scale's words, else their short forms ("1 yr") when those keep more
    of them, else as many as stand apart (the day and the decade first, the month last), the others
    with none: their gridlines stay. `measure` gives a text's width and height in points."""
    full, short = (_spaced(measure, lang, size, width, right, suffix) for suffix in ("", "_short"))
    return short if sum(bool(t) for _, t in short) > sum(bool(t) for _, t in full) else full


def _spaced(measure, lang: str, size: float, width: float, right: float, suffix: str) -> list[tuple[float, str]]:
    kept: dict[float, tuple[str, float, float]] = {}
    for key in _TICKS_KEPT:
        value = next(v for v, k in LOG_TICKS if k == key)
        if value > right:
            continue
        text = l10n.t(key + suffix, lang)
        half = measure(text, size)[0] / 2
        centre = share_of_log_axis(value, right) * width
        lo, hi = centre - half, centre + half
        if all(hi + style.EDGE_PT <= left or other + style.EDGE_PT <= lo for _, left, other in kept.values()):
            kept[value] = (text, lo, hi)
    return [(v, kept[v][0] if v in kept else "") for v, _ in LOG_TICKS if v <= right]
