"""The report's charts. Each function takes loaded data and a language and returns a Figure."""

from __future__ import annotations

import math
import unicodedata
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import Decimal

import matplotlib.dates as mdates
import matplotlib.ticker
import pandas as pd
from matplotlib.backends.backend_agg import RendererAgg
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Patch
from matplotlib.ticker import FuncFormatter, Locator, MaxNLocator

from analysis import l10n, vocab
from analysis.measures.calendar import closed_days
from analysis.measures.compensation import CompensationFigures
from analysis.measures.durations import milestones
from analysis.report import citing, style

TZ = vocab.TIMEZONE
# The timeline draws two kinds of mark only: a dot at a fact's stated time, a bar across the day of
# a fact known by its date. Who acted is the row's colour and name; the kind of source (the seed's
# ● and ○, a date inside an announcement, a news report) is in the sources table, one link away.
TIMED_MS = 4.7


def _local(d: date, at: time = time(0)) -> pd.Timestamp:
    return pd.Timestamp(datetime.combine(d, at)).tz_localize(TZ)


class _MiddayEvery(Locator):
    """Noon of every n-th day from the first: where a day's label goes."""

    def __init__(self, n: int, first: date):
        self.n, self.first = n, first

    def __call__(self):
        hi = mdates.num2date(self.axis.get_view_interval()[1], tz=TZ).date()
        days = range(0, (hi - self.first).days + 1, self.n)
        return [mdates.date2num(_local(self.first + timedelta(days=d), time(12))) for d in days]


def _shade_closed_days(ax, first: date, last: date) -> None:
    """Weekends and holidays in grey, each run of closed days as one band."""
    closed = set(closed_days(first, last))
    d = first
    while d <= last:
        if d.weekday() >= 5 or d in closed:
            end = d + timedelta(days=1)
            while end <= last and (end.weekday() >= 5 or end in closed):
                end += timedelta(days=1)
            ax.axvspan(_local(d), _local(end), color=style.CLOSED_DAY_COLOUR, lw=0, zorder=0)
            d = end
        else:
            d += timedelta(days=1)


def _mark_day(ax, day: date, text: str, colour: str, *, lw: float, ls: str, pad: float, fontsize: float) -> None:
    """A vertical line through the middle of a day, labelled above the plot."""
    x = _local(day, time(12))
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


def _day_axis(ax, first: date, last: date, lang: str) -> None:
    """Ticks between days, a day's label under its middle (the facts are days, not instants),
    horizontal, every few days so that the labels never crowd."""
    ax.set_xlim(_local(first), _local(last + timedelta(days=1)))
    ax.xaxis.set_major_locator(mdates.DayLocator(tz=TZ))
    ax.xaxis.set_major_formatter(mdates.DateFormatter("", tz=TZ))
    most = 5 if style.is_narrow() else 12  # day labels that fit across the chart without crowding
    step = max(1, -(-((last - first).days + 1) // most))
    ax.xaxis.set_minor_locator(
        mdates.HourLocator(byhour=[12], interval=1, tz=TZ) if step == 1 else _MiddayEvery(step, first)
    )
    ax.xaxis.set_minor_formatter(FuncFormatter(lambda x, _: l10n.day(mdates.num2date(x, tz=TZ).date(), lang, "axis")))
    ax.tick_params(axis="x", which="minor", length=0, labelsize=style.MIN_TEXT_PT)


@style.styled
def timeline(
    events: pd.DataFrame,
    lang: str,
    title: str,
    chain=(),
    all_events: pd.DataFrame | None = None,
    milestone_names: dict[str, str] | None = None,
) -> Figure:
    """The events one row each, in time order: who acted at the left, the fact written beside its
    mark on a day axis, so that the chart reads without a lookup table. A date-only fact spans its
    day; a timed one sits at its hour; the chain's milestones are named and marked across the rows."""
    rows = events.assign(day_=events["date"].dt.to_timestamp(), at_=events["timestamp"])
    # A fact known only by its date goes after the day's timed facts: drawn first it would seem to
    # come before them (the FSA's demand above the 00:02 theft).
    rows = rows.sort_values(["day_", "at_"], kind="stable", na_position="last").reset_index(drop=True)
    first, last = rows["day_"].min().date(), rows["day_"].max().date()
    span_days = (last - first).days + 2
    found = milestones(events if all_events is None else all_events, events["incident_id"].iloc[0])
    chain_ids = {found[m].event_id: m for m in chain if m in found}
    names = milestone_names or {}

    labels, heights = [], []
    for row in rows.itertuples():
        text = getattr(row, f"title_{lang}")
        step = names.get(row.milestone, row.milestone)
        if isinstance(row.milestone, str) and row.event_id in chain_ids and not text.lower().startswith(step.lower()):
            text = l10n.t("milestone_tag", lang, name=step, text=text)
        if pd.notna(row.at_):
            text = f"{l10n.about(f'{row.at_:%H:%M}', lang, bool(row.approximate))} {text}"
        labels.append(text)
    narrow = style.is_narrow()
    if narrow:  # a phone: who acted leads the text under the mark, as the left column is gone
        labels = [l10n.labelled(l10n.label("actor", a, lang), t, lang) for a, t in zip(rows["actor"], labels)]
        labels, ys, heights = _under_rows(labels, lang, 0.15)
    else:
        # A label runs to the right of its mark in the first half of the axis, to the left after
        # it; it wraps to the room it has there.
        room = []
        for row in rows.itertuples():
            x = (row.day_.date() - first).days + 0.5
            room.append((span_days - x) / span_days if x < span_days / 2 else x / span_days)
        labels, ys, heights = _wrapped_rows(labels, room, lang)

    plot_in = 0.15 * sum(heights) + 0.1
    # The key gets an axes of its own under the plot, so the layout keeps it clear of the source line.
    key_in = 0.5 if narrow else 0.3  # a phone's key: one entry a line
    fig, (ax, key) = style.new_figure(1.6 + key_in + plot_in, nrows=2, height_ratios=[plot_in, key_in])
    key.axis("off")
    _shade_closed_days(ax, first, last + timedelta(days=1))
    steps = [n for n in chain if n in found and found[n].day is not None] if not narrow else []
    for name in steps:  # not on a phone: the lines would cross the text, which names the step
        ax.axvline(_local(found[name].day, time(12)), color=style.MILESTONE_COLOUR, lw=0.6, ls=(0, (4, 3)), zorder=1)
    for y, text, row in zip(ys, labels, rows.itertuples()):
        colour = style.ACTOR_COLOURS[row.actor]
        day = row.day_.date()
        if pd.isna(row.at_):  # the stretch of Japan time its day covers (another zone's day straddles two)
            ax.plot([row.day_start, row.day_end], [y, y], color=colour, lw=3.2, alpha=0.6, solid_capstyle="butt",
                    zorder=2)  # fmt: skip
        else:
            # not clipped: the theft at 00:02 sits on the axis's left edge
            ax.plot([row.at_], [y], marker="o", ms=TIMED_MS, color=colour, ls="none", zorder=3, clip_on=False)
            x = row.at_
        if narrow:
            _under_label(ax, y, text)
            continue
        right = (day - first).days + 0.5 < span_days / 2
        if pd.isna(row.at_):  # the label starts where the day's bar ends
            x = row.day_end if right else row.day_start
        ax.annotate(text, (x, y), xytext=(4 if right else -4, 0), textcoords="offset points", va="center",
                    ha="left" if right else "right", fontsize=style.MIN_TEXT_PT, color="#222222", zorder=4,
                    linespacing=1.05)  # fmt: skip
    if narrow:
        ax.set_yticks([])
    else:
        ax.set_yticks(ys, [l10n.label("actor", a, lang) for a in rows["actor"]], fontsize=style.MIN_TEXT_PT)
        for tick, actor in zip(ax.get_yticklabels(), rows["actor"]):
            tick.set_color(style.ACTOR_COLOURS[actor])
    ax.tick_params(axis="y", length=0, pad=6)  # clear of a dot on the axis's left edge (00:02)
    ax.set_ylim(sum(heights) + 0.3, -0.3)
    ax.spines["left"].set_visible(False)
    _day_axis(ax, first, last + timedelta(days=1), lang)
    ax.tick_params(axis="x", which="both", top=True, labeltop=True)
    ax.set_xlabel(l10n.t("date_axis", lang), fontsize=style.MIN_TEXT_PT)
    style.chart_title(fig, title, lang)
    key.legend(
        handles=[
            Line2D([], [], marker="o", ls="none", ms=TIMED_MS, color="#555555", label=l10n.t("timed_fact", lang)),
            Line2D([], [], color="#555555", alpha=0.6, lw=3.2, label=l10n.t("whole_day", lang)),
            Patch(color=style.CLOSED_DAY_COLOUR, label=l10n.t("holiday_shade", lang)),
            *(
                [Line2D([], [], color=style.MILESTONE_COLOUR, lw=0.6, ls=(0, (4, 3)), label=l10n.t("chain_line", lang))]
                if steps
                else []
            ),  # fmt: skip
        ],
        loc="center left" if narrow else "center",
        ncols=1 if narrow else 4,
        fontsize=style.MIN_TEXT_PT,
    )
    style.add_source_line(fig, _source_line(events, lang), lang)
    return fig


def _source_line(events: pd.DataFrame, lang: str) -> str:
    """The seed's title when every fact drawn comes from it; otherwise the research's line."""
    return _credit(set(events["source_id"]), lang)


def _credit(sources: set[str], lang: str) -> str:
    """A chart's source line from the sources of the rows it draws: the seed's title when it rests
    on the seed alone, the research's line otherwise."""
    if sources == {"seed"}:
        return l10n.t("source_line", lang, source=l10n.t("seed_name", lang))
    return l10n.t("source_line_research", lang)


@style.styled
def milestone_chain(
    events: pd.DataFrame, durations: pd.DataFrame, lang: str, milestone_names: dict[str, str], name: str = ""
) -> Figure:
    """Each step of the chain as a bar from its start day to its end day, named above the bar (the
    plot keeps the page's width), with the deadline; titled with the longest step."""
    incident = durations["incident_id"].iloc[0]
    found = milestones(events, incident)
    rows = durations.reset_index(drop=True)
    first = min(date.fromisoformat(d) for d in rows["from_date"])
    last = max(date.fromisoformat(d) for d in rows["to_date"])
    if "report_deadline" in found:
        last = max(last, found["report_deadline"].day)
    narrow = style.is_narrow()  # a phone: each step's name wrapped above its bar, rows further apart
    fig, ax = style.new_figure(1.4 + (0.72 if narrow else 0.5) * len(rows))
    _shade_closed_days(ax, first, last + timedelta(days=2))
    for i, r in rows.iterrows():
        start, end = date.fromisoformat(r["from_date"]), date.fromisoformat(r["to_date"])
        x0, x1 = _local(start, time(12)), _local(end, time(12))
        colour = style.PAID_COLOUR if r["step"] == "step" else style.MILESTONE_COLOUR
        ax.plot([x0, x1], [i, i], color=colour, lw=6, solid_capstyle="butt", alpha=0.85, zorder=2)
        ax.plot([x0, x1], [i, i], marker="|", ms=12, mew=1.5, color=colour, ls="none", zorder=3)
        step = f"{milestone_names[r['from']]} → {milestone_names[r['to']]}"
        if r["step"] == "total":
            step = l10n.labelled(l10n.t("total", lang), step, lang)
        days = l10n.days_and_business(int(r["calendar_days"]), int(r["business_days"]), lang)
        text = l10n.labelled(step, days, lang)
        ax.annotate(style.wrapped(text, lang, "label") if narrow else text, (_local(first), i), xytext=(0, 7),
                    textcoords="offset points", va="bottom", ha="left", fontsize=style.MIN_TEXT_PT, color="#222222",
                    linespacing=1.1)  # fmt: skip
    ax.set_yticks([])
    ax.spines["left"].set_visible(False)
    ax.set_ylim(len(rows) - 0.5, -0.9)
    if "report_deadline" in found:
        _mark_day(ax, found["report_deadline"].day, l10n.t("deadline", lang), style.ACTOR_COLOURS["fsa"], lw=1,
                  ls=":", pad=2, fontsize=style.MIN_TEXT_PT)  # fmt: skip
    _day_axis(ax, first, last + timedelta(days=2), lang)
    ax.set_xlabel(l10n.t("date_axis", lang), fontsize=style.MIN_TEXT_PT)
    steps = rows[rows["step"] == "step"]
    longest = steps.loc[steps["calendar_days"].astype(int).idxmax()]
    title = l10n.t(
        "chain_chart_finding" if len(steps) > 1 else "chain_chart_one_step",
        lang,
        name=name,
        start=milestone_names[longest["from"]].lower(),
        end=milestone_names[longest["to"]].lower(),
        days=l10n.days_and_business(int(longest["calendar_days"]), int(longest["business_days"]), lang),
    )
    style.chart_title(fig, title, lang)
    chain_events = events[events["event_id"].isin([found[m].event_id for m in set(rows["from"]) | set(rows["to"])])]
    style.add_source_line(fig, _source_line(chain_events, lang), lang)
    return fig


@style.styled
def compensation(figures: CompensationFigures, lang: str) -> Figure:
    """What was paid laid over what was reported lost, per unit and in total: the same units were
    paid for, so the whole gap is the price."""
    narrow = style.is_narrow()  # a phone: what was reported written under the bars, not beside them
    fig, axes = style.new_figure(3.9 if narrow else 3.1, nrows=2)
    scale = l10n.catalogue(lang)["locale"]["big_money_scale"]
    panels = (
        (
            l10n.t("comp_per_unit", lang, asset=figures.asset),
            float(figures.price_per_unit_jpy),
            float(figures.implied_price_jpy),
            l10n.t("money", lang, value=l10n.number(figures.price_per_unit_jpy, lang, 3)),
            l10n.t("money", lang, value=l10n.number(figures.implied_price_jpy, lang, 1)),
            "implied_value",
            l10n.t("price_axis", lang, asset=figures.asset),
        ),
        (
            l10n.t("comp_in_total", lang),
            float(figures.total_paid_jpy) / scale,
            float(figures.reported_loss_jpy) / scale,
            l10n.big_money(figures.total_paid_jpy, lang),
            l10n.big_money(figures.reported_loss_jpy, lang),
            "reported_value",
            l10n.t("amount_axis", lang),
        ),
    )
    for ax, (title, paid, reported, paid_text, reported_text, reported_key, unit) in zip(axes, panels):
        ax.barh([0], [reported], height=0.8, color=style.REPORTED_COLOUR)
        ax.barh([0], [paid], height=0.8, color=style.PAID_COLOUR)
        ax.annotate(
            l10n.t("paid_value", lang, value=paid_text),
            (paid, 0),
            xytext=(-5, 0),
            textcoords="offset points",
            ha="right",
            va="center",
            fontsize=8,
            color="white",
        )
        ax.annotate(
            l10n.t(reported_key, lang, value=l10n.about(reported_text, lang, figures.reported_loss_approximate)),
            (0, -0.45) if narrow else (reported, 0),
            xytext=(0, -2) if narrow else (5, 0),
            textcoords="offset points",
            ha="left",
            va="top" if narrow else "center",
            fontsize=8,
            color="#333333",
        )
        ax.set_xlim(0, reported * (1.05 if narrow else 1.6))
        ax.set_ylim(-1.3 if narrow else -0.5, 0.5)
        ax.set_yticks([])
        ax.spines["left"].set_visible(False)
        ax.set_xlabel(unit, fontsize=style.MIN_TEXT_PT, loc="left")
        ax.set_title(title, loc="left", fontsize=8.5)
    approximate = figures.reported_loss_approximate
    ratio = l10n.about(l10n.percent(float(figures.paid_to_reported_ratio), lang), lang, approximate)
    style.chart_title(
        fig,
        l10n.t(
            "comp_chart_title",
            lang,
            ratio=ratio,
            price=l10n.number(figures.price_per_unit_jpy, lang, 3),
            implied=l10n.about(l10n.number(figures.implied_price_jpy, lang, 1), lang, approximate),
            asset=figures.asset,
        ),
        lang,
    )
    drawn = ("units_stolen", "price_per_unit", "reported_loss_jpy")
    style.add_source_line(fig, _credit({figures.facts[f].source_id for f in drawn}, lang), lang)
    return fig


@style.styled
def price_window(figures: CompensationFigures, events: pd.DataFrame, lang: str) -> Figure:
    """The window over which the price was averaged, on a time axis with the days around it."""
    start, end = pd.Timestamp(figures.window_start).tz_convert(TZ), pd.Timestamp(figures.window_end).tz_convert(TZ)
    first, last = start.date(), end.date() + timedelta(days=1)
    narrow = style.is_narrow()  # a phone: the window's ends labelled outward, a tick a day
    fig, ax = style.new_figure(2.3 if narrow else 1.9)
    _shade_closed_days(ax, first, last)
    ax.axvspan(start, end, ymin=0.3, ymax=0.7, color=style.PAID_COLOUR, alpha=0.25, lw=0)
    hours = l10n.hours_minutes(float(figures.window_hours), lang)
    ax.annotate(
        l10n.t("window_label", lang, hours=hours),
        (start + (end - start) / 2, 0.5),
        xycoords=("data", "axes fraction"),
        ha="center",
        va="center",
        fontsize=8,
    )
    for stamp, key, outward in ((start, "window_start", "right"), (end, "window_end", "left")):
        ax.axvline(stamp, color=style.MILESTONE_COLOUR, lw=1)
        ax.annotate(
            f"{l10n.t(key, lang)}\n{l10n.day(stamp.date(), lang, 'axis')} {stamp:%H:%M}",
            (stamp, 0.95),
            xycoords=("data", "axes fraction"),
            xytext=((-3 if outward == "right" else 3) if narrow else 0, 0),
            textcoords="offset points",
            ha=outward if narrow else "center",
            va="top",
            fontsize=style.MIN_TEXT_PT,
            bbox=dict(fc="white", ec="none", pad=1),
        )
    policy = events[events["milestone"] == "remedy_decided"]
    if not policy.empty:
        # The seed dates the release by day only, which is not the release's own stated time.
        day = policy["date"].iloc[0].to_timestamp().date()
        ax.axvspan(
            _local(day),
            _local(day + timedelta(days=1)),
            ymin=0.05,
            ymax=0.2,
            color=style.MILESTONE_COLOUR,
            alpha=0.35,
            lw=0,
        )
        ax.annotate(
            l10n.t("seed_release_day", lang, day=l10n.day(day, lang, "axis")),
            (_local(day, time(12)), 0.125),
            xycoords=("data", "axes fraction"),
            ha="center",
            va="center",
            fontsize=style.MIN_TEXT_PT,
            color="#222222",
        )
    ax.set_yticks([])
    ax.spines["left"].set_visible(False)
    ax.set_xlim(_local(first), _local(last + timedelta(days=1)))
    ax.xaxis.set_major_locator(mdates.HourLocator(byhour=[0] if narrow else [0, 12], tz=TZ))
    ax.xaxis.set_major_formatter(
        FuncFormatter(
            lambda x, _: (
                f"{l10n.day(mdates.num2date(x, tz=TZ).date(), lang, 'axis')}{chr(10) if narrow else ' '}"
                f"{mdates.num2date(x, tz=TZ):%H:%M}"
            )
        )
    )
    ax.set_xlabel(l10n.t("time_axis", lang))
    style.chart_title(fig, l10n.t("window_chart_title", lang, hours=hours), lang)
    sources = {figures.facts[f].source_id for f in ("price_window_start", "price_window_end")}
    style.add_source_line(fig, _credit(sources | set(policy["source_id"]), lang), lang)
    return fig


def _wrapped_rows(labels: list[str], room: list[float], lang: str) -> tuple[list[str], list[float], list[float]]:
    """Labels wrapped to the share of the page beside their marks, each row as tall as its lines;
    returns the labels, the rows' middles and their total height (in rows)."""
    # The plot is about 85% of the page's width.
    labels = [style.wrapped(t, lang, "label", max(share * 0.85 - 0.02, 0.25)) for t, share in zip(labels, room)]
    heights = [1 + 0.75 * t.count("\n") for t in labels]
    middles = [sum(heights[:i]) + h / 2 for i, h in enumerate(heights)]
    return labels, middles, heights


def _under_rows(labels: list[str], lang: str, row_in: float) -> tuple[list[str], list[float], list[float]]:
    """On a phone: each fact's text on the lines under its mark, across the page's width (beside
    the mark it would have a few words a line); returns the labels, the marks' rows and each row's
    height (in rows of `row_in` inches)."""
    labels = [style.wrapped(t, lang, "label", 0.9) for t in labels]
    line = style.MIN_TEXT_PT * 1.25 * 1.05 / 72 / row_in  # a text line, in rows
    heights = [1.25 + line * (t.count("\n") + 1) for t in labels]
    marks = [sum(heights[:i]) + 0.55 for i in range(len(labels))]
    return labels, marks, heights


def _under_label(ax, y: float, text: str, colour: str = "#222222"):
    """A phone's fact text under its mark, from the plot's left edge."""
    note = ax.annotate(text, (0, y + 0.38), xycoords=("axes fraction", "data"), va="top", ha="left",
                       fontsize=style.MIN_TEXT_PT, color=colour, linespacing=1.05, zorder=4)  # fmt: skip
    note.set_in_layout(False)
    return note


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


def first_day_rows(events: pd.DataFrame, incident: str) -> pd.DataFrame:
    """The incident's timed facts of the theft's day, as the first day's chart draws them."""
    day = milestones(events, incident)["leak"].day
    rows = events[(events["incident_id"] == incident) & events["timestamp"].notna()]
    return rows[[ts.date() == day for ts in rows["timestamp"]]]


@style.styled
def first_day(events: pd.DataFrame, incident: str, name: str, lang: str, milestone_names: dict[str, str]) -> Figure:
    """Every timed fact of the theft's day on a clock, one row each, named at the left by the step
    it marks (or by who acted); a value another source gives instead is drawn hollow, in grey."""
    theft = milestones(events, incident)["leak"]
    day = theft.day
    rows = first_day_rows(events, incident)
    start, end = _local(day) - pd.Timedelta(minutes=30), _local(day + timedelta(days=1))
    span = (end - start).total_seconds()
    # Before noon a label runs to the right of its mark, after noon to the left: each has that room.
    room = []
    for r in rows.itertuples():
        share = (r.timestamp - start).total_seconds() / span
        room.append(1 - share if r.timestamp.hour < 12 else share)
    texts = [
        f"{l10n.about(f'{r.timestamp:%H:%M}', lang, bool(r.approximate))}  {getattr(r, f'title_{lang}')}"
        for r in rows.itertuples()
    ]
    # Each row is named by the step it marks, or by who acted.
    gutter = []
    for row in rows.itertuples():
        colour = style.ACTOR_COLOURS[row.actor] if row.effective else style.MISSING
        step = isinstance(row.milestone, str) and row.effective and row.milestone in milestone_names
        gutter.append((milestone_names[row.milestone] if step else l10n.label("actor", row.actor, lang), colour))
    narrow = style.is_narrow()
    if narrow:  # a phone: the row's name leads the text under the mark, as the left column is gone
        texts, ys, heights = _under_rows([l10n.labelled(g, t, lang) for (g, _), t in zip(gutter, texts)], lang, 0.17)
    else:
        texts, ys, heights = _wrapped_rows(texts, room, lang)
    plot_in = 0.17 * sum(heights) + 0.1
    alternatives = not rows["effective"].all()
    fig, axes = style.new_figure(1.5 + plot_in + (0.3 if alternatives else 0), nrows=2 if alternatives else 1,
                                 **({"height_ratios": [plot_in, 0.25]} if alternatives else {}))  # fmt: skip
    ax = axes[0] if alternatives else axes
    for y, text, row, (_, colour) in zip(ys, texts, rows.itertuples(), gutter):
        ax.plot([row.timestamp], [y], marker="o", ms=5, mfc=colour if row.effective else "white", mec=colour,
                mew=1.2, ls="none")  # fmt: skip
        ink = "#222222" if row.effective else style.MISSING
        if narrow:
            _under_label(ax, y, text, ink)
            continue
        late = row.timestamp.hour >= 12
        note = ax.annotate(text, (row.timestamp, y), xytext=(-6 if late else 6, 0), textcoords="offset points",
                           va="center", ha="right" if late else "left", fontsize=style.MIN_TEXT_PT, linespacing=1.05,
                           color=ink)  # fmt: skip
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
    ax.xaxis.set_major_locator(mdates.HourLocator(byhour=range(0, 24, 6 if style.is_narrow() else 3), tz=TZ))
    ax.xaxis.set_major_formatter(mdates.DateFormatter("%H:%M", tz=TZ))
    ax.grid(axis="x", color="#e6e6e6", lw=0.6)
    ax.set_axisbelow(True)
    ax.set_xlabel(l10n.t("clock_axis", lang, day=l10n.day(day, lang)), fontsize=style.MIN_TEXT_PT)
    style.chart_title(fig, _first_day_title(rows, theft, name, lang, milestone_names), lang)
    if alternatives:
        axes[1].axis("off")
        axes[1].legend(
            handles=[
                Line2D([], [], marker="o", ls="none", mfc="#555555", mec="#555555", label=l10n.t("used_value", lang)),
                Line2D(
                    [], [], marker="o", ls="none", mfc="white", mec=style.MISSING, label=l10n.t("alternative", lang)
                ),
            ],
            loc="center",
            ncols=2,
            fontsize=style.MIN_TEXT_PT,
        )
    style.add_source_line(fig, l10n.t("source_line_research", lang), lang)
    return fig


def _days(row) -> float | None:
    """Where a value sits, in days after the theft: fractional when the hours are known, the middle
    of a range of days; None when it is not known."""
    if row["state"] == "range":
        return (float(row["days_min"]) + float(row["days_max"])) / 2
    if row["state"] != "known":
        return None
    return float(row["hours"]) / 24 if pd.notna(row["hours"]) else float(row["days"])


def _extent(row) -> tuple[float, float] | None:
    """The fewest and most days a range can be; None for a single value."""
    return (float(row["days_min"]), float(row["days_max"])) if row["state"] == "range" else None


@style.styled
def later_milestones(table: pd.DataFrame, name: str, lang: str, milestone_names: dict[str, str]) -> Figure:
    """One incident's later milestones on a linear scale of days after the theft, one row each, with
    the date and the days written beside each; a range as a bar, a gap named in grey; titled with
    the last dated one."""
    narrow = style.is_narrow()  # a phone: each value under its step's name, none beside the marks
    fig, ax = style.new_figure(1.2 + (0.48 if narrow else 0.27) * len(table))
    ends = [e[1] if (e := _extent(r)) else _days(r) for _, r in table.iterrows() if _days(r) is not None]
    right = max(ends + [2]) * 1.05
    labels = []
    for y, (_, row) in enumerate(table.iterrows()):
        labels.append(milestone_names[row["milestone"]])
        value = _days(row)
        if value is None:
            _missing(ax, y, l10n.label("state", row["state"], lang))
            continue
        extent = _extent(row)
        _lollipop(ax, y, value, style.CONTEXT, pd.notna(row["hours"]), extent=extent)
        text = l10n.since(row, lang)
        if row["state"] == "known":
            text = l10n.paren(l10n.day(date.fromisoformat(row["date"]), lang), text, lang)
        elif isinstance(row["period"], str) and row["period"]:  # NaN where the row has no period
            text = l10n.paren(l10n.period(row["period"], lang), text, lang)
        if narrow:
            labels[-1] += "\n" + text
            continue
        end = extent[1] if extent else value
        left = end > right * 0.55
        _value_label(ax, extent[0] if extent and left else end, y, text, "#222222", left=left)
    ax.set_yticks(range(len(table)), labels, fontsize=style.MIN_TEXT_PT)
    ax.tick_params(axis="y", length=0)
    ax.set_ylim(len(table) - 0.5, -0.6)
    _days_axis(ax, lang, right)
    ax.set_xlabel(l10n.t("days_after_theft_axis", lang), fontsize=style.MIN_TEXT_PT)
    dated = table[table["state"].isin(["known", "range"]) & ~table["milestone"].isin(vocab.DEADLINES)]
    if dated.empty:
        title = l10n.t("later_chart_title", lang, name=name)
    else:
        positions = [_days(r) for _, r in dated.iterrows()]
        last = dated.iloc[positions.index(max(positions))]
        title = l10n.t("later_finding", lang, name=name, step=milestone_names[last["milestone"]].lower(),
                       value=l10n.since(last, lang))  # fmt: skip
    style.chart_title(fig, title, lang)
    drawn = [(pd.notna(r["hours"]), _extent(r)) for _, r in table.iterrows() if _days(r) is not None]
    style.add_source_line(fig, l10n.t("later_source", lang, keys=_marks_key(drawn, lang)), lang)
    return fig


def _lollipop(ax, y: float, x: float, colour: str, timed: bool, *, ms: float = 5,
              extent: tuple[float, float] | None = None) -> None:  # fmt: skip
    """A stem from the theft to a step and its mark: a filled dot when both times are known, a
    hollow one when the days are counted by calendar date, a bar over a range of days."""
    ax.plot([0, extent[0] if extent else x], [y, y], color=colour, lw=1, alpha=0.35, solid_capstyle="butt")
    if extent is not None:
        ax.plot(extent, [y, y], color=colour, lw=4.5, alpha=0.7, solid_capstyle="butt", clip_on=False, zorder=3)
        return
    ax.plot([x], [y], marker="o", ms=ms, mfc=colour if timed else "white", mec=colour, mew=1.2, ls="none",
            clip_on=False, zorder=3)  # fmt: skip


def _value_label(ax, x: float, y: float, text: str, colour: str, *, left: bool) -> None:
    """A value written beside its mark; written to the left it sits on white, over the stem."""
    label = ax.annotate(text, (x, y), xytext=(-6 if left else 5, 0), textcoords="offset points", va="center",
                        ha="right" if left else "left", fontsize=style.MIN_TEXT_PT, color=colour, zorder=4,
                        bbox=dict(fc="white", ec="none", pad=0.6) if left else None)  # fmt: skip
    label.set_in_layout(False)  # it stays inside the plot; the layout should not shrink the plot for it


def _missing(ax, y: float, text: str) -> None:
    ax.annotate(text, (0, y), xytext=(4, 0), textcoords="offset points", va="center", fontsize=style.MIN_TEXT_PT,
                color=style.MISSING)  # fmt: skip


def _days_axis(ax, lang: str, right: float) -> None:
    """Whole days from the theft (no 0.2-day ticks), gridlines behind everything."""
    ax.set_xlim(0, max(right, 2))
    ax.xaxis.set_major_locator(MaxNLocator(nbins=6, integer=True))
    ax.tick_params(axis="x", labelsize=style.MIN_TEXT_PT)
    ax.grid(axis="x", color="#e6e6e6", lw=0.6, zorder=0)
    ax.set_axisbelow(True)


# The comparison's time scale: logarithmic, so that 1 h 31 min and 23 h 28 min sit apart and a
# decade of repayments fits beside them; from ten minutes to twenty years, in days.
LOG_LEFT, LOG_RIGHT = 10 / 1440, 7300.0
LOG_TICKS = (
    (1 / 24, "tick_hour"),
    (1, "tick_day"),
    (30.44, "tick_month"),
    (365.25, "tick_year"),
    (3652.5, "tick_decade"),
)


def _log_place(row) -> tuple[float, tuple[float, float] | None] | None:
    """Where a value sits on the log scale, and the span it covers: a timed value at its hours (the
    same minute at the scale's left edge); a count of calendar days at its days, except the same
    day, which spans the day; a range of days over its range (from the edge when it starts at 0)."""
    if row["state"] == "range":
        lo, hi = max(float(row["days_min"]), LOG_LEFT), max(float(row["days_max"]), 1.0)
        return hi, (lo, hi)
    if row["state"] != "known":
        return None
    if pd.notna(row["hours"]):
        return max(float(row["hours"]) / 24, LOG_LEFT), None
    if int(row["days"]) == 0:
        return 1.0, (LOG_LEFT, 1.0)
    return float(row["days"]), None


def _log_axis(ax, lang: str, right: float = LOG_RIGHT) -> None:
    ax.set_xscale("log")
    ax.set_xlim(LOG_LEFT, right)
    ticks = [(v, k) for v, k in LOG_TICKS if v <= right]
    ax.set_xticks([v for v, _ in ticks], [l10n.t(k, lang) for _, k in ticks])
    ax.xaxis.set_minor_locator(matplotlib.ticker.NullLocator())
    ax.tick_params(axis="x", labelsize=style.MIN_TEXT_PT)
    ax.grid(axis="x", color="#e6e6e6", lw=0.6, zorder=0)
    ax.set_axisbelow(True)


def _share_of_log_axis(x: float, right: float) -> float:
    """Where a value lies along a log scale from LOG_LEFT to `right` (0 to 1)."""
    return (math.log(x) - math.log(LOG_LEFT)) / (math.log(right) - math.log(LOG_LEFT))


def _on_right(x: float) -> bool:
    """Whether a value lies in the right part of the log scale, where its label goes to its left."""
    span = math.log(LOG_RIGHT) - math.log(LOG_LEFT)
    return (math.log(x) - math.log(LOG_LEFT)) / span > 0.6


def _log_mark(ax, y: float, x: float, extent: tuple[float, float] | None, colour: str, timed: bool, *,
              ms: float) -> None:  # fmt: skip
    """A step on the log scale: a stem from the scale's edge, then a light span over a range
    (somewhere in it: light, so that it does not read as a length), else a dot, filled when both
    times are known."""
    ax.plot([LOG_LEFT, extent[0] if extent else x], [y, y], color=colour, lw=1, alpha=0.35, solid_capstyle="butt")
    if extent is not None:
        ax.plot(extent, [y, y], color=colour, lw=4, alpha=0.3, solid_capstyle="butt", zorder=3)
        return
    ax.plot([x], [y], marker="o", ms=ms, mfc=colour if timed else "white", mec=colour, mew=1.2, ls="none",
            clip_on=False, zorder=3)  # fmt: skip


def _not_drawn(ax, y: float, state: str, lang: str) -> None:
    """A step with no value, said in words; 'not applicable' (nothing to do) set apart in italics
    from 'not found' and 'did not happen'."""
    ax.annotate(l10n.label("state", state, lang), (LOG_LEFT, y), xytext=(4, 0), textcoords="offset points",
                va="center", fontsize=style.MIN_TEXT_PT, color=style.MISSING,
                fontstyle="italic" if state == "not_applicable" else "normal")  # fmt: skip


@style.styled
def response(rows: list, title: str, lang: str) -> Figure:
    """One incident's steps as time after the theft on the log scale the comparison uses (hours
    apart from days, months from years), each labelled with its duration; a step the sources do
    not date is named in grey rather than left out. The key names only the marks drawn."""
    narrow = style.is_narrow()  # a phone: each value under its step's name, none beside the marks
    fig, ax = style.new_figure(1.1 + (0.4 if narrow else 0.3) * len(rows))
    known = [r.days for r in rows if r.days is not None]
    right = min(LOG_RIGHT, max(known + [1]) * (4 if narrow else 12))
    for y, row in enumerate(rows):
        if row.days is None:
            _not_drawn(ax, y, row.state, lang)
            continue
        _log_mark(ax, y, row.days, row.extent, style.HIGHLIGHT, row.timed, ms=5)
        if not narrow:  # a value near the scale's right end is written to the left of its mark, not cut off
            _value_label(ax, row.days, y, row.text, "#222222", left=_share_of_log_axis(row.days, right) > 0.8)
    labels = [f"{r.label}\n{r.text}" if narrow and r.days is not None else r.label for r in rows]
    ax.set_yticks(range(len(rows)), labels, fontsize=style.MIN_TEXT_PT)
    ax.tick_params(axis="y", length=0)
    ax.set_ylim(len(rows) - 0.5, -0.5)
    _log_axis(ax, lang, right=right)
    ax.set_xlabel(l10n.t("time_after_theft_axis", lang), fontsize=style.MIN_TEXT_PT)
    style.chart_title(fig, title, lang)
    drawn = [(r.timed, r.extent) for r in rows if r.days is not None]
    style.add_source_line(fig, l10n.t("response_source", lang, keys=_marks_key(drawn, lang)), lang)
    return fig


def _marks_key(drawn: list[tuple[bool, tuple | None]], lang: str) -> str:
    """What the marks drawn mean, only those drawn: (both times known, span) of each mark."""
    keys = [
        key
        for key, shown in (
            ("key_filled", any(timed and extent is None for timed, extent in drawn)),
            ("key_hollow", any(not timed and extent is None for timed, extent in drawn)),
            ("key_span", any(extent is not None for _, extent in drawn)),
        )
        if shown
    ]
    return l10n.sentence_start(l10n.t("key_joiner", lang).join(l10n.t(k, lang) for k in keys))


class _Measure:
    """Text as a figure draws it, with the fonts in force: its width and height in points."""

    def __init__(self, fig: Figure):
        self.fig = fig
        self.renderer = RendererAgg(1, 1, fig.dpi)

    def __call__(self, text: str, size: float) -> tuple[float, float]:
        probe = self.fig.text(0, 0, text, fontsize=size, linespacing=style.LABEL_LINESPACING)
        box = probe.get_window_extent(self.renderer)
        probe.remove()
        return box.width * 72 / self.fig.dpi, box.height * 72 / self.fig.dpi


def _fitted(measure: _Measure, text: str, lang: str, size: float, room: float) -> str:
    """`text` on as few lines as fit `room` points, broken where a line may break: after a mark the
    language breaks after (a space, 「、」, 「）」), before an opening bracket, or beside a quantity
    (「協定世界時の日付で」 / 「8日」); inside a run of words (style.wrapped) only when nothing else
    fits. On one line when it fits; the narrowest it can be when nothing does."""
    wide = lambda t: measure(t, size)[0]  # noqa: E731
    if wide(text) <= room:
        return text
    locale = l10n.catalogue(lang)["locale"]
    quantities = [(m.start(), m.end()) for m in l10n.quantity_pattern().finditer(text)]
    breaks = sorted(
        i
        for i in range(1, len(text))
        if (text[i - 1] in locale["line_breaks_after"] or text[i] in locale["never_line_end"] or text[i].isspace()
            or any(i in q for q in quantities))
        and text[i] not in locale["never_line_start"]
        and text[i - 1] not in locale["never_line_end"]
        and not any(a < i < b for a, b in quantities)
    )  # fmt: skip
    # Two lines where they fit: after punctuation if it can be, else as even as it can be.
    two = [(text[:i].strip(), text[i:].strip()) for i in breaks]
    two = [(a, b) for a, b in two if wide(a) <= room and wide(b) <= room]
    if two:
        a, b = min(two, key=lambda t: (not unicodedata.category(t[0][-1]).startswith("P"), max(map(wide, t))))
        return f"{a}\n{b}"
    lines, at = [], 0
    while wide(text[at:].strip()) > room:
        fits = [i for i in breaks if i > at and wide(text[at:i].strip()) <= room]
        if not fits:
            break
        lines.append(text[at : fits[-1]].strip())
        at = fits[-1]
    lines.append(text[at:].strip())
    if all(wide(line) <= room for line in lines):
        return "\n".join(lines)
    forced = {style.wrapped(text, lang, "label", share / 100) for share in range(100, 4, -2)}
    widths = {c: wide(c) for c in forced}
    fitting = [c for c in forced if widths[c] <= room]
    if not fitting:
        return min(widths, key=widths.get, default=text)
    return min(fitting, key=lambda c: (c.count("\n"), widths[c], c))


# How far (points) a value stands from its mark, written to its right or to its left.
_VALUE_OFFSET = {False: 5.0, True: 6.0}
_MISSING_OFFSET = 4.0
# The scale's words in the order they are kept when a narrow panel cannot hold them all.
_TICKS_KEPT = ("tick_day", "tick_decade", "tick_hour", "tick_year", "tick_month")


def _value_side(measure: _Measure, text: str, lang: str, size: float, x: float,
                extent: tuple[float, float] | None, width: float) -> tuple[str, bool]:  # fmt: skip
    """A value's text and whether it goes left of its mark, so that it stays inside a panel `width`
    points wide: on the side the scale leaves room (the right, unless the mark is far right), else
    on the other, else wrapped on the roomier one. Written to the left it starts from a span's start."""
    start = extent[0] if extent else x
    room = {
        False: (1 - _share_of_log_axis(x, LOG_RIGHT)) * width - _VALUE_OFFSET[False] - style.EDGE_PT,
        True: _share_of_log_axis(start, LOG_RIGHT) * width - _VALUE_OFFSET[True] - style.EDGE_PT
        if start > LOG_LEFT
        else 0.0,
    }
    wide = measure(text, size)[0]
    for left in (_on_right(x), not _on_right(x)):
        if wide <= room[left]:
            return text, left
    left = room[True] > room[False]
    return _fitted(measure, text, lang, size, room[left]), left


def _spaced_ticks(measure: _Measure, lang: str, size: float, width: float) -> list[tuple[float, str]]:
    """The log scale's ticks, each with its word where the words stand apart across a panel `width`
    points wide (the day and the decade first, the month last), else none: its gridline stays."""
    kept: dict[float, tuple[str, float, float]] = {}
    for key in _TICKS_KEPT:
        value = next(v for v, k in LOG_TICKS if k == key)
        text = l10n.t(key, lang)
        half = measure(text, size)[0] / 2
        centre = _share_of_log_axis(value, LOG_RIGHT) * width
        lo, hi = centre - half, centre + half
        if all(hi + style.EDGE_PT <= left or right + style.EDGE_PT <= lo for _, left, right in kept.values()):
            kept[value] = (text, lo, hi)
    return [(v, kept[v][0] if v in kept else "") for v, _ in LOG_TICKS]


def _compared_label(ax, x: float, y: float, text: str, colour: str, size: float, *, left: bool) -> None:
    """A value beside its mark; written to the left it sits on white, over the stem."""
    label = ax.annotate(text, (x, y), xytext=(-_VALUE_OFFSET[True] if left else _VALUE_OFFSET[False], 0),
                        textcoords="offset points", va="center", ha="right" if left else "left", fontsize=size,
                        color=colour, zorder=4, linespacing=style.LABEL_LINESPACING,
                        bbox=dict(fc="white", ec="none", pad=0.6) if left else None)  # fmt: skip
    label.set_in_layout(False)  # placed inside the panel (_value_side): the layout should not shrink it


def _compared_missing(ax, y: float, text: str, state: str, size: float) -> None:
    """A step with no value, said in grey words; 'not applicable' (nothing to do) in italics."""
    label = ax.annotate(text, (LOG_LEFT, y), xytext=(_MISSING_OFFSET, 0), textcoords="offset points", va="center",
                        fontsize=size, color=style.MISSING, linespacing=style.LABEL_LINESPACING,
                        fontstyle="italic" if state == "not_applicable" else "normal")  # fmt: skip
    label.set_in_layout(False)


@style.styled
def compared(table: pd.DataFrame, order: list[str], names: dict[str, str], lang: str,
             milestone_names: dict[str, str], focus: str, title: str, source: str) -> Figure:  # fmt: skip
    """One panel per compared milestone, the thefts in one order in every panel (`order`: largest
    first), on a log scale of time after the theft; the focus incident in the highlight colour on a
    tinted band, the others in one colour; a missing value said in grey words, 'not applicable' in
    italics. On a narrow page the panels are stacked in one column, in larger text.

    Every label is measured: a value goes beside its mark on the side with room inside its panel,
    else on two lines; a long name is wrapped; each row is as tall as its tallest text in any panel
    and a gap (style.ROW_GAP_LINES), so no two rows' words touch; the figure is made as tall as its
    rows need."""
    narrow = style.is_narrow()
    size = style.NARROW_TEXT_PT if narrow else style.MIN_TEXT_PT
    gap = (style.NARROW_ROW_GAP_LINES if narrow else style.ROW_GAP_LINES) * size
    kinds = list(dict.fromkeys(table["milestone"]))
    ncols = 1 if narrow else 2
    nrows = (len(kinds) + ncols - 1) // ncols
    fig, axes = style.new_figure(1.1 + nrows * (0.3 + 0.16 * len(order)), nrows=nrows, ncols=ncols, sharey=True,
                                 squeeze=False)  # fmt: skip
    axes = list(axes.flat)
    shown, hidden = axes[: len(kinds)], axes[len(kinds) :]
    measure = _Measure(fig)
    share = style.NARROW_NAME_SHARE if narrow else style.NAME_SHARE
    labels = [_fitted(measure, names.get(i, i), lang, size, share * fig.get_figwidth() * 72) for i in order]
    for n, (ax, milestone) in enumerate(zip(shown, kinds)):
        ax.set_yticks(range(len(order)), labels, fontsize=size, linespacing=style.LABEL_LINESPACING)
        ax.tick_params(axis="y", length=0)
        _log_axis(ax, lang)
        ax.tick_params(axis="x", labelsize=size)
        if not narrow and n < len(kinds) - ncols:
            ax.tick_params(axis="x", labelbottom=False, length=0)  # in print, the scale under the last row only
        ax.set_title(milestone_names[milestone], loc="left", fontsize=size + style.PANEL_TITLE_STEP_PT,
                     pad=style.PANEL_TITLE_PAD_PT)  # fmt: skip
    for ax in hidden:
        ax.set_visible(False)
    for ax in shown[-ncols:]:
        ax.set_xlabel(l10n.t("time_after_theft_axis", lang), fontsize=size)
    style.chart_title(fig, title, lang)
    style.add_source_line(fig, source, lang)

    fig.draw_without_rendering()  # the layout, for the panels' width
    width = shown[0].get_position().width * fig.get_figwidth() * 72
    ticks = _spaced_ticks(measure, lang, size, width)
    for ax in shown:
        ax.set_xticks([v for v, _ in ticks], [t for _, t in ticks])

    # What each panel writes in each row, and how tall each row must be for it.
    tall = {i: measure(label, size)[1] for i, label in zip(order, labels)}
    cells = {}
    for n, milestone in enumerate(kinds):
        rows = table[table["milestone"] == milestone].set_index("incident_id")
        for incident in order:
            if incident not in rows.index:
                continue
            r = rows.loc[incident]
            placed = _log_place(r)
            if placed is None:
                room = width - _MISSING_OFFSET - style.EDGE_PT
                text, left = _fitted(measure, l10n.label("state", r["state"], lang), lang, size, room), False
            else:
                text, left = _value_side(measure, l10n.since(r, lang), lang, size, *placed, width)
            cells[(n, incident)] = (r, placed, text, left)
            tall[incident] = max(tall[incident], measure(text, size)[1])
    pitch = [tall[i] + gap for i in order]  # points
    middles = [sum(pitch[:k]) + p / 2 for k, p in enumerate(pitch)]
    for ax in shown:
        ax.set_yticks(middles, labels, fontsize=size, linespacing=style.LABEL_LINESPACING)
        ax.set_ylim(sum(pitch), 0)
    # Each panel exactly as tall as its rows (its y axis in points): the figure's height follows.
    for _ in range(3):
        fig.draw_without_rendering()
        short = sum(pitch) / 72 - shown[0].get_position().height * fig.get_figheight()
        if abs(short) < 0.002:
            break
        fig.set_size_inches(fig.get_figwidth(), fig.get_figheight() + nrows * short)

    for n, ax in enumerate(shown):
        for incident, y, p in zip(order, middles, pitch):
            colour = style.HIGHLIGHT if incident == focus else style.CONTEXT
            if incident == focus:
                ax.axhspan(y - p / 2, y + p / 2, color=style.HIGHLIGHT, alpha=0.08, lw=0, zorder=0)
            if (n, incident) not in cells:
                continue
            r, placed, text, left = cells[(n, incident)]
            if placed is None:
                _compared_missing(ax, y, text, r["state"], size)
                continue
            x, extent = placed
            _log_mark(ax, y, x, extent, colour, pd.notna(r["hours"]), ms=4.5)
            _compared_label(ax, extent[0] if extent and left else x, y, text, colour, size, left=left)
    return fig


@style.styled
def sizes(values: pd.Series, shown: dict[str, str], names: dict[str, str], lang: str, focus: str, drains: set[str],
          title: str, source: str) -> Figure:  # fmt: skip
    """The thefts ranked by the value stolen at the time, in US dollars as the pages print it, largest
    first, each bar labelled with its value as `shown` writes it ("about" where the page says so); the
    focus incident in the highlight colour; a drain over years hatched and named as such."""
    ranked = values.sort_values(ascending=False, kind="stable")
    fig, ax = style.new_figure(1.2 + 0.24 * len(ranked))
    millions = ranked / 1e6
    for y, (incident, value) in enumerate(millions.items()):
        colour = style.HIGHLIGHT if incident == focus else style.CONTEXT
        ax.barh(y, value, height=0.62, color=colour, alpha=0.35 if incident in drains else 0.85,
                hatch="////" if incident in drains else None, edgecolor=colour, lw=0.6)  # fmt: skip
        text = shown[incident]
        left = value > millions.max() * 0.55
        _value_label(ax, value, y, text, "#222222", left=left)
    ax.set_yticks(range(len(ranked)), [names.get(i, i) for i in ranked.index], fontsize=style.MIN_TEXT_PT)
    ax.tick_params(axis="y", length=0)
    ax.set_ylim(len(ranked) - 0.5, -0.6)
    ax.set_xlim(0, millions.max() * 1.02)
    ax.set_xticks([])  # every bar carries its value; a scale would only repeat them
    ax.spines["bottom"].set_visible(False)
    ax.set_xlabel(l10n.t("value_stolen_axis", lang), fontsize=style.MIN_TEXT_PT)
    style.chart_title(fig, title, lang)
    style.add_source_line(fig, source, lang)
    return fig


# -- what each report draws: the registry's adapters from a report context to a chart -----------


def title_of(fig: Figure) -> str:
    """A chart's title, for its alt text: the figure's own title as written (not wrapped), else its
    first panel's."""
    if getattr(fig, "analysis_title", None):
        return fig.analysis_title
    if fig._suptitle is not None and fig._suptitle.get_text():
        return fig._suptitle.get_text()
    return next((ax.get_title(loc="left") for ax in fig.axes if ax.get_title(loc="left")), "")


def timeline_of(ctx) -> Figure | None:
    if not ctx.has_timeline:
        return None
    events = ctx.timeline_events
    total = None if ctx.durations is None else ctx.durations[ctx.durations["step"] == "total"]
    if total is not None and not total.empty:
        r = total.iloc[0]
        title = l10n.t(
            "timeline_chart_title",
            ctx.lang,
            name=ctx.name,
            last=ctx.milestone_names[r["to"]],
            days=l10n.days_and_business(int(r["calendar_days"]), int(r["business_days"]), ctx.lang),
        )
    else:
        first, last = ctx.window
        title = l10n.t("timeline_plain_title", ctx.lang, name=ctx.name, start=l10n.day(first, ctx.lang),
                       end=l10n.day(last, ctx.lang))  # fmt: skip
    return timeline(events, ctx.lang, title, ctx.chain, ctx.events, ctx.milestone_names)


def first_day_of(ctx, incident: str) -> Figure | None:
    theft = milestones(ctx.data.events, incident).get("leak")
    if theft is None or theft.timestamp is None:
        return None
    if len(first_day_rows(ctx.data.events, incident)) < 2:
        return None  # a clock with one mark on it says nothing the text does not
    return first_day(ctx.data.events, incident, ctx.names[incident], ctx.lang, ctx.milestone_names)


def milestone_chain_of(ctx) -> Figure | None:
    if ctx.durations is None:
        return None
    return milestone_chain(ctx.data.events, ctx.durations, ctx.lang, ctx.milestone_names, ctx.name)


def compensation_of(ctx) -> Figure | None:
    return compensation(ctx.compensation, ctx.lang) if ctx.compensation is not None else None


def price_window_of(ctx) -> Figure | None:
    return price_window(ctx.compensation, ctx.events, ctx.lang) if ctx.compensation is not None else None


def later_milestones_of(ctx) -> Figure | None:
    from analysis.report.incident import later_table

    table = later_table(ctx)
    if not table["state"].isin(["known", "range"]).any():
        return None  # only gaps: the section's table says so; a chart of nothing would not
    return later_milestones(table, ctx.name, ctx.lang, ctx.milestone_names)


def _names(ctx) -> dict[str, str]:
    """The thefts' names, a drain over years named as such."""
    kinds = dict(zip(ctx.data.incidents["incident_id"], ctx.data.incidents["kind"]))
    return {i: l10n.t("drain_name", ctx.lang, name=n) if kinds.get(i) == "drain" else n for i, n in ctx.names.items()}


def compared_of(ctx) -> Figure:
    """The compared milestones of every theft, titled with what it shows (page 1's headline, right
    above it, states the finding; one title line leaves the rows room on page 1)."""
    title = l10n.t("compared_chart_title", ctx.lang, name=ctx.names[ctx.focus])
    source = compared_source([ctx.names[i] for i in ctx.drains], ctx.lang)
    return compared(ctx.table, list(ctx.incidents), _names(ctx), ctx.lang, ctx.milestone_names, ctx.focus, title,
                    source)  # fmt: skip


def compared_source(drains: list[str], lang: str) -> str:
    """The comparison chart's source line: how to read it, and which of its thefts (named) were drains
    over years, counted from the drain's start."""
    notes = l10n.t("compared_drain_note", lang, names=l10n.join(drains, lang)) if drains else ""
    return l10n.t("compared_source", lang, notes=notes)


def sizes_of(ctx) -> Figure:
    """The thefts ranked by the value stolen, titled with the largest and the focus incident's rank;
    the source line says which values are sums and which are drains, of the thefts drawn."""
    values = _values(ctx)
    order = list(ctx.incidents)  # largest first (prepare_comparison)
    drains = ctx.drains
    summed = ctx.summed
    notes = (l10n.t("sizes_sum_note", ctx.lang, names=_joined(ctx, summed)) if summed else "") + (
        l10n.t("sizes_drain_hatch_note", ctx.lang, names=_joined(ctx, drains)) if drains else ""
    )
    shown = {i: citing.value_text(ctx.data, i, ctx.lang, say_sum=False) for i in order}
    title = l10n.t("sizes_title", ctx.lang, largest=ctx.names[order[0]], value=shown[order[0]],
                   focus=ctx.names[ctx.focus], rank=order.index(ctx.focus) + 1, n=len(order))  # fmt: skip
    return sizes(values, shown, _names(ctx), ctx.lang, ctx.focus, set(drains), title,
                 l10n.t("sizes_source", ctx.lang, notes=notes))  # fmt: skip


def _values(ctx) -> pd.Series:
    """The value stolen of each of the report's thefts, in US dollars, in the report's order."""
    return ctx.data.incidents.set_index("incident_id")["value_usd"].loc[list(ctx.incidents)]


def _joined(ctx, ids: list[str]) -> str:
    return l10n.join([ctx.names[i] for i in ids], ctx.lang)


@dataclass(frozen=True)
class Step:
    label: str
    days: float | None
    text: str
    timed: bool = False
    extent: tuple[float, float] | None = None
    state: str = "known"
    same_day: bool = False  # dated to the theft's own day, without the hours
    next_day: bool = False  # dated to the day after the theft, without the hours
    zone: str | None = None  # the zone whose dates the days are counted in, if not Japan's


def _after(step: str, value: str, lang: str, s: Step | None = None) -> str:
    """'detection after 11 h 23 min'; a step at the theft's own time is said so, not 'after', and one
    on the next day as such ('first suspension the next day'), not 'after next day'."""
    if s is not None and s.next_day:
        return l10n.in_zone(l10n.t("step_next_day", lang, step=step), s.zone, lang)
    if value == l10n.t("same_minute", lang):
        return l10n.t("step_at_once", lang, step=step)
    if value == l10n.t("about_same_time", lang):
        return l10n.t("step_about_once", lang, step=step)
    return l10n.t("after_step", lang, step=step, value=value)


def response_of(ctx) -> Figure | None:
    """The incident's compared milestones as time after its theft, titled with what the data finds."""
    from analysis.report.findings import incident

    theft = ctx.found.get("leak")
    if theft is None or not theft.known or theft.period is not None:
        return None
    table = ctx.table_for(ctx.incident_id)
    steps = []
    for _, r in table.iterrows():
        label = ctx.milestone_names[r["milestone"]]
        if ctx.remedy_in_tokens and r["milestone"] == "remedy_delivered":  # IOUs for the loss, not the coins: said so
            label = l10n.t("step_tokens_credited", ctx.lang)
        if r["state"] in ("known", "range"):
            x, extent = _log_place(r)
            day_only = r["state"] == "known" and pd.isna(r["hours"])
            steps.append(Step(label, x, l10n.since(r, ctx.lang), pd.notna(r["hours"]), extent,
                              same_day=day_only and r["days"] == 0, next_day=day_only and r["days"] == 1,
                              zone=r["zone"] if isinstance(r["zone"], str) else None))  # fmt: skip
        else:
            steps.append(Step(label, None, "", state=r["state"]))
    dated = [s for s in steps if s.days is not None and not s.same_day]
    if len(dated) >= 2:
        first, last = dated[0], max(dated, key=lambda s: s.days)
        shown = dict.fromkeys([first, last])  # one step told once when it is both the first and the last
        title = l10n.t("response_chart_title", ctx.lang, name=ctx.name,
                       steps=l10n.t("step_joiner", ctx.lang).join(_after(s.label.lower(), s.text, ctx.lang, s) for s in shown))  # fmt: skip
    else:
        title = incident(ctx).headline
    return response(steps, title, ctx.lang)


# -- the numbers each chart draws, as a table: the same frames the adapters above hand to the chart
# functions, with the names and values as the chart writes them (the site offers them as CSV). A
# row that rests on a fact names it: `event_id` (events.csv), `source_id` and `seed_item` (a fact of
# compensation.csv), or the incident itself (incidents.csv) for a value stolen.


def _since_rows(ctx, table: pd.DataFrame) -> pd.DataFrame:
    """Rows of durations.since_theft (days from the theft to each milestone) as a chart draws them."""
    shown = [
        l10n.since(r, ctx.lang) if r["state"] in ("known", "range") else l10n.label("state", r["state"], ctx.lang)
        for _, r in table.iterrows()
    ]
    thefts = {
        i: f.event_id for i in dict.fromkeys(table["incident_id"]) if (f := milestones(ctx.data.events, i).get("leak"))
    }
    out = table.assign(
        incident=table["incident_id"].map(ctx.names),
        milestone_name=table["milestone"].map(ctx.milestone_names),
        shown=shown,
        from_event_id=table["incident_id"].map(thefts),  # every value is counted from the theft: its fact too
    )
    return out[["incident_id", "incident", "milestone", "milestone_name", "state", "shown", "days", "hours",
                "days_min", "days_max", "approximate", "date", "date_zone", "zone", "period", "from_event_id", "event_id"]
               ].reset_index(drop=True)  # fmt: skip


def _event_rows(events: pd.DataFrame, lang: str, *extra: str) -> pd.DataFrame:
    """Facts of events.csv as a chart draws them: when, who, what (in the report's language)."""
    out = pd.DataFrame(
        {
            "event_id": events["event_id"],
            "date": events["date"].astype("string"),
            "time": events["time"],
            "date_zone": events["date_zone"],
            "actor": events["actor"].astype("string"),
            "milestone": events["milestone"],
            "title": events[l10n.column("title", lang)],
            "approximate": events["approximate"],
            **{col: events[col] for col in extra},
            "source_id": events["source_id"],
        }
    )
    return out.reset_index(drop=True)


def response_data(ctx) -> pd.DataFrame:
    return _since_rows(ctx, ctx.table_for(ctx.incident_id))


def first_day_data(ctx, incident: str) -> pd.DataFrame:
    return _event_rows(first_day_rows(ctx.data.events, incident), ctx.lang, "effective")


def timeline_data(ctx) -> pd.DataFrame:
    return _event_rows(ctx.timeline_events, ctx.lang)


def milestone_chain_data(ctx) -> pd.DataFrame | None:
    if ctx.durations is None:
        return None
    d = ctx.durations
    names = ctx.milestone_names
    facts = {m: f.event_id for m, f in milestones(ctx.data.events, ctx.incident_id).items()}
    return d.assign(
        from_name=d["from"].map(names),
        to_name=d["to"].map(names),
        from_event_id=d["from"].map(facts),
        to_event_id=d["to"].map(facts),
    ).reset_index(drop=True)


def _fact_rows(figures: CompensationFigures, rows: list[dict]) -> pd.DataFrame:
    """Figures of the compensation, each with the fact of compensation.csv it rests on (none for
    a figure computed from the others)."""
    facts = [figures.facts.get(r["figure"]) or figures.facts.get(f"{r['figure']}_jpy") for r in rows]
    return pd.DataFrame(rows).assign(
        source_id=[f.source_id if f else "" for f in facts], seed_item=[f.seed_item if f else "" for f in facts]
    )


def compensation_data(ctx) -> pd.DataFrame | None:
    return None if ctx.compensation is None else _fact_rows(ctx.compensation, ctx.compensation.as_rows())


def price_window_data(ctx) -> pd.DataFrame | None:
    f = ctx.compensation
    if f is None:
        return None
    rows = [
        dict(figure=key, value=f.facts[key].value, unit=f.facts[key].unit, approximate=f.facts[key].approximate)
        for key in ("price_window_start", "price_window_end")
    ]
    rows.append(dict(figure="window_hours", value=str(f.window_hours.quantize(Decimal("0.01"))), unit="h",
                     approximate=False))  # fmt: skip
    window = _fact_rows(f, rows)
    policy = ctx.events[ctx.events["milestone"] == "remedy_decided"]
    decided = pd.DataFrame(
        {
            "figure": "remedy_decided",
            "value": policy["date"].astype("string"),
            "unit": "date",
            "approximate": policy["approximate"],
            "source_id": policy["source_id"],
            "event_id": policy["event_id"],
        }
    )
    return pd.concat([window, decided], ignore_index=True)


def later_milestones_data(ctx) -> pd.DataFrame:
    from analysis.report.incident import later_table

    return _since_rows(ctx, later_table(ctx))


def compared_data(ctx) -> pd.DataFrame:
    return _since_rows(ctx, ctx.table)


def sizes_data(ctx) -> pd.DataFrame:
    values = _values(ctx)
    return pd.DataFrame(
        {
            "incident_id": values.index,
            "incident": [ctx.names[i] for i in values.index],
            "value_usd": values.to_numpy(),
            "shown": [citing.value_text(ctx.data, i, ctx.lang) for i in values.index],
            "drain": [i in ctx.drains for i in values.index],
            "summed": [i in ctx.summed for i in values.index],
        }
    )
