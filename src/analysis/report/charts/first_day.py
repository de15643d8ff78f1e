"""The theft's first day on a clock: every timed fact of its date and of the day after it began,
one row each."""

from __future__ import annotations

from datetime import time, timedelta

import matplotlib
import matplotlib.dates as mdates
import pandas as pd
from matplotlib.backends.backend_agg import RendererAgg
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Rectangle
from matplotlib.transforms import ScaledTranslation

from analysis import l10n, vocab
from analysis.measures.durations import first_day_facts, milestones
from analysis.report import style
from analysis.report.charts.fitting import under_rows, wrapped_rows
from analysis.report.charts.marks import source_line, under_label
from analysis.report.charts.scales import TZ, local

# The hour gridlines stop at a fact's words, so that no line runs through them.
_CLEAR = {"fc": "white", "ec": "none", "pad": 0.8}


def _first_day_title(rows: pd.DataFrame, theft, name: str, lang: str, milestone_names: dict[str, str]) -> str:
    """The day's finding: how long after the theft began each compared step of that day came."""
    steps = []
    for r in rows[rows["effective"] & rows["milestone"].isin(vocab.FIRST_DAY_HEADLINE)].itertuples():
        hours = (r.timestamp - theft.timestamp).total_seconds() / 3600
        step = milestone_names[r.milestone].lower()
        approximate = bool(r.approximate) or theft.approximate
        if abs(hours) < 1 / 60:  # to the minute only when both times are exact
            steps.append(l10n.t("step_about_once" if approximate else "step_at_once", lang, step=step))
            continue
        text = l10n.elapsed(0, hours, lang, approximate=approximate)
        steps.append(l10n.t("after_step", lang, step=step, value=text))
    day = l10n.day(theft.day, lang)
    if not steps:
        return l10n.t("first_day_chart_title", lang, name=name, day=day)
    return l10n.t("first_day_finding", lang, name=name, day=day, steps=l10n.t("step_joiner", lang).join(steps))


class _MidnightDated(mdates.DateFormatter):
    """HH:MM, with the date under 00:00: where a clock runs past midnight, the reader sees the day change."""

    def __init__(self, lang: str):
        super().__init__("%H:%M", tz=TZ)
        self.lang = lang

    def __call__(self, x, pos=0):
        at = mdates.num2date(x, tz=TZ)
        if (at.hour, at.minute) != (0, 0):
            return super().__call__(x, pos)
        return f"{super().__call__(x, pos)}\n{l10n.day(at.date(), self.lang, 'axis')}"


def _window(
    rows: pd.DataFrame, day, span: pd.Timedelta | None = None
) -> tuple[pd.Timestamp, pd.Timestamp, pd.Timestamp, int]:
    """The clock's span, its middle and its hours between ticks: the whole date when every fact is of
    the theft's date; else, past midnight, the hours around the facts (at least four), so that a theft
    at 23:13 and its disclosure at 00:44 are not squeezed into the last tenth of a day. Given `span`,
    a clock shorter than it runs on to it: clocks set side by side cover the same hours (and, given
    `first_day`'s `reach`, at the same width)."""
    if all(ts.date() == day for ts in rows["timestamp"]):
        first, last = local(day) - pd.Timedelta(minutes=30), local(day + timedelta(days=1))
        if span is None or last - first >= span:
            return first, last, local(day, time(12)), 3
    else:
        # an hour either side, never into a date the facts do not reach (the axis names their dates only)
        first = max(rows["timestamp"].min().floor("h") - pd.Timedelta(hours=1), local(day) - pd.Timedelta(minutes=30))
        latest = rows["timestamp"].max()
        last = min(latest.ceil("h") + pd.Timedelta(hours=1), local(latest.date() + timedelta(days=1)))
        last = max(last, first + pd.Timedelta(hours=4))
    if span is not None and last - first < span:
        last = first + span
    hours = (last - first).total_seconds() / 3600
    return first, last, first + (last - first) / 2, 1 if hours <= 8 else 2 if hours <= 16 else 3


def clock_span(events: pd.DataFrame, incident: str) -> pd.Timedelta | None:
    """How long the theft's first-day clock runs (`_window`): the scale clocks set side by side share;
    None where the theft has no Japan day to set a clock by."""
    theft = milestones(events, incident).get("leak")
    if theft is None or theft.day is None:
        return None
    first, last, _, _ = _window(first_day_facts(events, incident), theft.day)
    return last - first


@style.styled
def first_day(
    events: pd.DataFrame,
    incident: str,
    name: str,
    lang: str,
    milestone_names: dict[str, str],
    span: pd.Timedelta | None = None,
    reach: tuple[float, float] | None = None,
) -> Figure:
    """Every timed fact of the theft's first day (durations.first_day_facts) on a clock, one row
    each, named at the left by the step it marks (unnamed where it marks none), in the colour of who
    acted (the key names each); a value another source gives instead is drawn hollow, in grey. A
    clock shorter than `span` runs on to it (`_window`); given `reach` (`clock_reach`), its plot
    keeps that room left and right of it, so that clocks set one under another are as wide as one
    another."""
    theft = milestones(events, incident)["leak"]
    day = theft.day
    rows = first_day_facts(events, incident)
    start, end, middle, every = _window(rows, day, span)
    seconds = (end - start).total_seconds()
    # Before the middle a label runs to the right of its mark, after it to the left: each has that room.
    room = []
    for r in rows.itertuples():
        share = (r.timestamp - start).total_seconds() / seconds
        room.append(1 - share if r.timestamp < middle else share)
    texts = [
        f"{l10n.about(f'{r.timestamp:%H:%M}', lang, bool(r.approximate))}  {getattr(r, f'title_{lang}')}"
        for r in rows.itertuples()
    ]
    # Each row that marks a step is named by it; another account of a step is named by that step, in
    # grey (the legend says what a hollow grey dot is). A row that marks no step is left unnamed: who
    # acted is its colour, which the key names, and "Coincheck" six times down the column hid the
    # steps among them.
    gutter = []
    for row in rows.itertuples():
        colour = style.ACTOR_COLOURS[row.actor] if row.effective else style.MISSING
        step = isinstance(row.milestone, str) and row.milestone in milestone_names
        gutter.append((milestone_names[row.milestone] if step else "", colour))
    narrow = style.is_narrow()
    if narrow:  # a phone: a step's name leads the text under the mark, as the left column is gone
        led = [l10n.labelled(g, t, lang) if g else t for (g, _), t in zip(gutter, texts)]
        texts, ys, heights = under_rows(led, lang, 0.17)
    else:
        # kept room either side makes the plot narrower than the page's usual share: labels wrap to it
        plot = 1 - (sum(reach) + 0.1) / style.chart_width() if reach else None
        texts, ys, heights = wrapped_rows(texts, room, lang, plot)
    plot_in = 0.17 * sum(heights) + 0.1
    # The key under the clock (above it on a phone): a filled dot in each actor's colour, named, and
    # the hollow grey dot of another source's value where one is drawn; on a phone two to a line.
    actors = list(dict.fromkeys(rows.loc[rows["effective"], "actor"]))
    key = [
        Line2D([], [], **style.actor_mark(a), ls="none", mfc=style.ACTOR_COLOURS[a], mec=style.ACTOR_COLOURS[a],
               label=l10n.label("actor", a, lang))
        for a in actors
    ]  # fmt: skip
    if not rows["effective"].all():
        key.append(Line2D([], [], marker="o", ls="none", mfc="white", mec=style.MISSING,
                          label=l10n.t("alternative", lang)))  # fmt: skip
    ncols = max(1, min(len(key), 2 if narrow else 4))
    key_in = 0.22 * -(-len(key) // ncols)
    ratios = [key_in, plot_in] if narrow else [plot_in, key_in]
    fig, (ax, keyed) = style.new_figure(1.55 + plot_in + key_in, nrows=2, height_ratios=ratios)
    if narrow:  # a phone's clock runs a screen or more: its key comes first, before the marks it names
        top, foot = ax.get_subplotspec(), keyed.get_subplotspec()
        ax.set_subplotspec(foot)  # the clock stays the figure's first axes, which clock_reach reads
        keyed.set_subplotspec(top)
    for y, text, row, (_, colour) in zip(ys, texts, rows.itertuples(), gutter):
        # another source's value is a hollow dot whoever acted, as the key draws it
        mark = style.actor_mark(row.actor) if row.effective else style.DOT
        ax.plot([row.timestamp], [y], **mark, mfc=colour if row.effective else "white", mec=colour,
                mew=1.2, ls="none")  # fmt: skip
        ink = "#222222" if row.effective else style.MISSING
        if narrow:
            under_label(ax, y, text, ink).set_bbox(_CLEAR)
            continue
        late = row.timestamp >= middle
        note = ax.annotate(text, (row.timestamp, y), xytext=(-6 if late else 6, 0), textcoords="offset points",
                           va="center", ha="right" if late else "left", fontsize=style.MIN_TEXT_PT, linespacing=1.05,
                           color=ink, bbox=_CLEAR)  # fmt: skip
        note.set_in_layout(False)  # the labels run over the plot; the layout should not shrink it for them
    if narrow:
        ax.set_yticks([])
    else:
        ax.set_yticks(ys, [g for g, _ in gutter], fontsize=style.MIN_TEXT_PT)
        for tick, (_, colour) in zip(ax.get_yticklabels(), gutter):
            tick.set_color(colour)
    ax.tick_params(axis="y", length=0)
    ax.set_ylim(sum(heights) + 0.3, -0.3)
    ax.spines["left"].set_visible(False)
    ax.set_xlim(start, end)
    every *= 2 if style.is_narrow() else 1
    ax.xaxis.set_major_locator(mdates.HourLocator(byhour=range(0, 24, every), tz=TZ))
    ax.grid(axis="x", color="#e6e6e6", lw=0.6)
    ax.set_axisbelow(True)
    # the last date the clock reaches, not only the facts: a clock run on to a shared scale may pass
    # midnight with no fact after it, and the axis must still name the new date
    last = max(rows["timestamp"].max().date(), (end - pd.Timedelta(microseconds=1)).date())
    if last == day:
        ax.xaxis.set_major_formatter(mdates.DateFormatter("%H:%M", tz=TZ))
        axis = l10n.t("clock_axis", lang, day=l10n.day(day, lang))
    else:  # past midnight: the new date under its first hour, and a line where it begins
        ax.xaxis.set_major_formatter(_MidnightDated(lang))
        ax.axvline(local(last), color="#888888", lw=0.8, ls=(0, (3, 2)), zorder=1)
        axis = l10n.t("clock_axis_days", lang, first=l10n.day(day, lang), last=l10n.day(last, lang))
    ax.set_xlabel(axis, fontsize=style.MIN_TEXT_PT)
    # a clock taller than the figure is wide runs past a phone's screen: its hours over its first marks too
    if narrow and plot_in > style.chart_width():
        ax.tick_params(axis="x", top=True, labeltop=True)
    style.chart_title(fig, _first_day_title(rows, theft, name, lang, milestone_names), lang)
    keyed.axis("off")
    keyed.legend(handles=key, loc="center", ncols=ncols, fontsize=style.MIN_TEXT_PT)
    style.add_source_line(fig, source_line(rows, lang), lang)
    if reach is not None:
        _keep_room(fig, ax, reach)
    return fig


def clock_reach(fig: Figure) -> tuple[float, float]:
    """How far a clock's row names and hour labels reach beyond its plot, left and right, in inches:
    clocks set one under another keep the widest reach of them all (`first_day`'s `reach`), so that
    an hour is as wide on each (with the layout's own margins, a clock with longer row names was
    narrower)."""
    renderer = RendererAgg(1, 1, fig.dpi)
    ax = fig.axes[0]
    # measured with the fonts the figure is saved with (style._saved): hour labels are made as it draws
    with matplotlib.rc_context(getattr(fig, "report_rc", {})):
        fig.draw_without_rendering()
        plot, inked = ax.get_window_extent(renderer), ax.get_tightbbox(renderer, for_layout_only=True)
    return (plot.x0 - inked.x0) / fig.dpi, (inked.x1 - plot.x1) / fig.dpi


def _keep_room(fig: Figure, ax, reach: tuple[float, float]) -> None:
    """An unseen mark `reach` inches either side of the plot, which the layout makes room for as it
    does for a row's name."""
    left, right = reach
    # a mark of no size is left out of the layout: each is a thousandth of the plot, inside the reach
    for x, by in ((0, -left), (0.999, right)):
        offset = ScaledTranslation(by, 0, fig.dpi_scale_trans)
        ax.add_patch(Rectangle((x, 0), 0.001, 0.001, transform=ax.transAxes + offset, clip_on=False, fill=False, lw=0))
