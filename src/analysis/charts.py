"""The report's charts. Each function takes loaded data and a language and returns a Figure."""

from __future__ import annotations

from collections import defaultdict
from datetime import date, datetime, time, timedelta

import matplotlib.dates as mdates
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Patch
from matplotlib.ticker import FuncFormatter

from analysis import l10n, style, vocab
from analysis.calendar import closed_days
from analysis.compensation import CompensationFigures
from analysis.durations import milestones

TZ = vocab.TIMEZONE
# How a fact is drawn by the kind of its source: marker, hollow or filled, size, legend text.
MARKERS = {
    "company": ("o", False, 5.5, "company_ann"),
    "other": ("o", True, 5.5, "other_ann"),
    "derived": ("D", False, 4.5, "derived_fact"),
    "secondary": ("s", False, 4.5, "secondary_fact"),
}


def _local(d: date, at: time = time(0)) -> pd.Timestamp:
    return pd.Timestamp(datetime.combine(d, at)).tz_localize(TZ)


def _shade_closed_days(ax, first: date, last: date) -> None:
    d = first
    while d <= last:
        if d.weekday() >= 5 or d in set(closed_days(first, last)):
            ax.axvspan(_local(d), _local(d + timedelta(days=1)), color=style.CLOSED_DAY_COLOUR, lw=0, zorder=0)
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
    """Ticks between days, each day's label under its middle: the facts are days, not instants."""
    ax.set_xlim(_local(first), _local(last + timedelta(days=1)))
    ax.xaxis.set_major_locator(mdates.DayLocator(tz=TZ))
    ax.xaxis.set_major_formatter(mdates.DateFormatter("", tz=TZ))
    ax.xaxis.set_minor_locator(mdates.HourLocator(byhour=[12], tz=TZ))
    ax.xaxis.set_minor_formatter(FuncFormatter(lambda x, _: l10n.day(mdates.num2date(x, tz=TZ).date(), lang, "axis")))
    ax.tick_params(axis="x", which="minor", length=0, labelsize=6.5, rotation=90)


@style.styled
def timeline(
    events: pd.DataFrame,
    lang: str,
    chain=(),
    numbers: dict[str, int] | None = None,
    all_events: pd.DataFrame | None = None,
    milestone_names: dict[str, str] | None = None,
) -> Figure:
    """Every event on a time axis, one lane per actor; same-day events are stacked, not overprinted.

    `numbers` are the events' numbers in the report's sources table (default: their order here);
    the milestones marked come from `all_events` (default: `events`).
    """
    numbers = numbers or {eid: i for i, eid in enumerate(events["event_id"], start=1)}
    actors = [a for a in vocab.ACTORS if a in set(events["actor"])]
    first, last = events["date"].min().to_timestamp().date(), events["date"].max().to_timestamp().date()
    fig, ax = style.new_figure(4.6)
    _shade_closed_days(ax, first, last)

    slots = defaultdict(int)
    per_lane_day = events.groupby(["actor", "date"], observed=True).size()
    for row in events.itertuples():
        lane = actors.index(row.actor)
        day = row.date.to_timestamp().date()
        n_same = per_lane_day[(row.actor, row.date)]
        k = slots[(row.actor, day)]
        slots[(row.actor, day)] += 1
        y = lane + (k - (n_same - 1) / 2) * 0.26
        colour = style.ACTOR_COLOURS[row.actor]
        if pd.isna(row.timestamp):
            # A date-only fact spans its day: a bar over the day, the marker at its middle.
            ax.plot(
                [_local(day), _local(day + timedelta(days=1))],
                [y, y],
                color=colour,
                lw=1.2,
                alpha=0.35,
                solid_capstyle="butt",
                zorder=2,
            )
            x = _local(day, time(12))
        else:
            x = row.timestamp
        marker, hollow, size, _ = MARKERS[row.source_kind]
        ax.plot(
            [x],
            [y],
            marker=marker,
            ms=size,
            mfc="white" if hollow else colour,
            mec=colour,
            mew=1.2,
            ls="none",
            zorder=3,
        )
        ax.annotate(
            str(numbers[row.event_id]),
            (x, y),
            xytext=(4.5, 0),
            textcoords="offset points",
            va="center",
            ha="left",
            fontsize=6,
            color="#222222",
            zorder=4,
        )

    found = milestones(events if all_events is None else all_events, events["incident_id"].iloc[0])
    by_day = defaultdict(list)
    for name in chain:
        if name in found:
            by_day[found[name].day].append((milestone_names or {}).get(name, name))
    for day, names in by_day.items():
        _mark_day(ax, day, "\n".join(names), style.MILESTONE_COLOUR, lw=0.8, ls="--", pad=3, fontsize=6.5)

    ax.set_yticks(range(len(actors)), [l10n.label("actor", a, lang) for a in actors])
    ax.set_ylim(len(actors) - 0.5, -0.5)
    _day_axis(ax, first, last + timedelta(days=1), lang)
    ax.set_xlabel(l10n.t("date_axis", lang))
    ax.set_ylabel(l10n.t("actor", lang))
    title = l10n.t("timeline_chart_title", lang, start=l10n.day(first, lang), end=l10n.day(last, lang))
    ax.set_title(title, loc="left", pad=34)
    kinds = [k for k in MARKERS if k in set(events["source_kind"])]
    ax.legend(
        handles=[
            *(
                Line2D(
                    [],
                    [],
                    marker=MARKERS[k][0],
                    ls="none",
                    ms=MARKERS[k][2],
                    mfc="white" if MARKERS[k][1] else "#555555",
                    mec="#555555",
                    label=l10n.t(MARKERS[k][3], lang)[2:],
                )
                for k in kinds
            ),
            Line2D([], [], color="#555555", alpha=0.35, lw=1.2, label=l10n.t("whole_day", lang)),
            Patch(color=style.CLOSED_DAY_COLOUR, label=l10n.t("holiday_shade", lang)),
        ],
        loc="upper center",
        bbox_to_anchor=(0.5, -0.17),
        ncols=3,
    )
    style.add_source_line(fig, _source_line(events, lang))
    return fig


def _source_line(events: pd.DataFrame, lang: str) -> str:
    """The seed's title when every fact drawn comes from it; otherwise the research's line."""
    if (events["source_id"] == "seed").all():
        return l10n.t("source_line", lang, source=l10n.t("seed_name", lang))
    return l10n.t("source_line_research", lang)


@style.styled
def milestone_chain(
    events: pd.DataFrame, durations: pd.DataFrame, lang: str, milestone_names: dict[str, str]
) -> Figure:
    """Each step of the chain as a bar from its start day to its end day, with the deadline."""
    incident = durations["incident_id"].iloc[0]
    found = milestones(events, incident)
    rows = durations.reset_index(drop=True)
    first = min(date.fromisoformat(d) for d in rows["from_date"])
    last = max(date.fromisoformat(d) for d in rows["to_date"])
    if "report_deadline" in found:
        last = max(last, found["report_deadline"].day)
    fig, ax = style.new_figure(0.9 + 0.42 * len(rows))
    _shade_closed_days(ax, first, last)
    for i, r in rows.iterrows():
        start, end = date.fromisoformat(r["from_date"]), date.fromisoformat(r["to_date"])
        x0, x1 = _local(start, time(12)), _local(end, time(12))
        colour = style.PAID_COLOUR if r["step"] == "step" else style.MILESTONE_COLOUR
        ax.plot([x0, x1], [i, i], color=colour, lw=6, solid_capstyle="butt", alpha=0.85, zorder=2)
        ax.plot([x0, x1], [i, i], marker="|", ms=12, mew=1.5, color=colour, ls="none", zorder=3)
        text = l10n.days_and_business(int(r["calendar_days"]), int(r["business_days"]), lang)
        ax.annotate(text, (x1, i), xytext=(7, 0), textcoords="offset points", va="center", fontsize=7)
    labels = [l10n.t("total", lang) + ": " if r["step"] == "total" else "" for _, r in rows.iterrows()]
    ax.set_yticks(
        range(len(rows)),
        [
            f"{prefix}{milestone_names[r['from']]} → {milestone_names[r['to']]}"
            for prefix, (_, r) in zip(labels, rows.iterrows())
        ],
    )
    ax.set_ylim(len(rows) - 0.4, -0.6)
    if "report_deadline" in found:
        _mark_day(
            ax,
            found["report_deadline"].day,
            l10n.t("deadline", lang),
            style.ACTOR_COLOURS["fsa"],
            lw=1,
            ls=":",
            pad=2,
            fontsize=7,
        )
    _day_axis(ax, first, last + timedelta(days=2), lang)
    ax.set_xlabel(l10n.t("date_axis", lang))
    ax.set_title(l10n.t("chain_chart_title", lang), loc="left", pad=14)
    chain_events = events[events["event_id"].isin([found[m].event_id for m in set(rows["from"]) | set(rows["to"])])]
    style.add_source_line(fig, _source_line(chain_events, lang))
    return fig


@style.styled
def compensation(figures: CompensationFigures, lang: str) -> Figure:
    """Price paid against the price implied by the reported loss, and the totals they make."""
    fig, (left, right) = style.new_figure(2.9, ncols=2)
    approx = l10n.t("approx", lang)
    prices = [float(figures.price_per_unit_jpy), float(figures.implied_price_jpy)]
    names = [l10n.t("paid_label", lang), l10n.t("implied_label", lang, approx=approx)]
    bars = left.bar(names, prices, color=[style.PAID_COLOUR, style.REPORTED_COLOUR], width=0.6)
    labels = [l10n.number(figures.price_per_unit_jpy, lang, 3), l10n.number(figures.implied_price_jpy, lang, 3)]
    left.bar_label(bars, labels=labels, padding=2, fontsize=7)
    left.set_ylabel(l10n.t("price_axis", lang))
    left.set_ylim(0, max(prices) * 1.2)
    left.set_title(l10n.t("comp_chart_title", lang), loc="left", fontsize=8.5)

    scale = l10n.catalogue(lang)["locale"]["big_money_scale"]
    places = l10n.catalogue(lang)["locale"]["big_money_places"]
    totals = [float(figures.total_paid_jpy) / scale, float(figures.reported_loss_jpy) / scale]
    names = [l10n.t("paid_total", lang), l10n.t("loss_total", lang, approx=approx)]
    bars = right.bar(names, totals, color=[style.PAID_COLOUR, style.REPORTED_COLOUR], width=0.6)
    right.bar_label(bars, labels=[l10n.number(v, lang, places) for v in totals], padding=2, fontsize=7)
    right.set_ylabel(l10n.t("amount_axis", lang))
    right.set_ylim(0, max(totals) * 1.2)
    ratio = l10n.number(float(figures.paid_to_reported_ratio) * 100, lang, 1) + "%"
    right.set_title(l10n.t("ratio_title", lang, ratio=ratio, approx=approx), loc="left", fontsize=8.5)
    style.add_source_line(fig, l10n.t("source_line", lang, source=l10n.t("seed_name", lang)))
    return fig


@style.styled
def price_window(figures: CompensationFigures, events: pd.DataFrame, lang: str) -> Figure:
    """The window over which the price was averaged, on a time axis with the days around it."""
    start, end = pd.Timestamp(figures.window_start).tz_convert(TZ), pd.Timestamp(figures.window_end).tz_convert(TZ)
    first, last = start.date(), end.date() + timedelta(days=1)
    fig, ax = style.new_figure(1.9)
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
    for stamp, key in ((start, "window_start"), (end, "window_end")):
        ax.axvline(stamp, color=style.MILESTONE_COLOUR, lw=1)
        ax.annotate(
            f"{l10n.t(key, lang)}\n{l10n.day(stamp.date(), lang, 'axis')} {stamp:%H:%M}",
            (stamp, 0.95),
            xycoords=("data", "axes fraction"),
            ha="center",
            va="top",
            fontsize=7,
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
            fontsize=6.5,
            color="white",
        )
    ax.set_yticks([])
    ax.spines["left"].set_visible(False)
    ax.set_xlim(_local(first), _local(last + timedelta(days=1)))
    ax.xaxis.set_major_locator(mdates.HourLocator(byhour=[0, 12], tz=TZ))
    ax.xaxis.set_major_formatter(
        FuncFormatter(
            lambda x, _: f"{l10n.day(mdates.num2date(x, tz=TZ).date(), lang, 'axis')} {mdates.num2date(x, tz=TZ):%H:%M}"
        )
    )
    ax.set_xlabel(l10n.t("time_axis", lang))
    ax.set_title(l10n.t("window_chart_title", lang), loc="left")
    style.add_source_line(fig, l10n.t("source_line", lang, source=l10n.t("seed_name", lang)))
    return fig


MILESTONE_STYLE = {
    "detection": ("o", "#1f5fa8"),
    "suspension": ("s", "#b2372c"),
    "disclosure": ("^", "#d26a00"),
    "regulator_action": ("D", "#6a3d9a"),
    "remedy_decided": ("P", "#2e7d4f"),
    "remedy_delivered": ("X", "#8c6d1f"),
}


@style.styled
def first_day(events: pd.DataFrame, incident: str, name: str, lang: str, milestone_names: dict[str, str]) -> Figure:
    """Every timed fact of the theft's day on a clock, one row each; disputed values shown hollow."""
    theft = milestones(events, incident)["leak"]
    day = theft.day
    rows = events[(events["incident_id"] == incident) & events["timestamp"].notna()]
    rows = rows[[ts.date() == day for ts in rows["timestamp"]]]
    fig, ax = style.new_figure(max(2.4, 0.9 + 0.22 * len(rows)))
    for y, row in enumerate(rows.itertuples()):
        colour = style.ACTOR_COLOURS[row.actor]
        used = bool(row.effective)
        ax.plot([row.timestamp], [y], marker="o", ms=5, mfc=colour if used else "white", mec=colour, mew=1.2, ls="none")
        label = getattr(row, f"title_{lang}")
        if isinstance(row.milestone, str) and used:
            label = f"【{milestone_names.get(row.milestone, row.milestone)}】 {label}"
        # Late in the day the label goes to the left of its marker, so it stays on the page.
        late = row.timestamp.hour >= 12
        note = ax.annotate(
            f"{l10n.about(f'{row.timestamp:%H:%M}', lang, bool(row.approximate))}  {label}",
            (row.timestamp, y),
            xytext=(-6 if late else 6, 0),
            textcoords="offset points",
            va="center",
            ha="right" if late else "left",
            fontsize=6.5,
            color="#222222" if used else "#777777",
        )
        note.set_in_layout(False)  # the labels run over the plot; the layout should not shrink it for them
    ax.set_ylim(len(rows) - 0.5, -0.8)
    ax.set_yticks([])
    ax.spines["left"].set_visible(False)
    ax.set_xlim(_local(day) - pd.Timedelta(minutes=30), _local(day + timedelta(days=1)))
    ax.xaxis.set_major_locator(mdates.HourLocator(byhour=range(0, 24, 2), tz=TZ))
    ax.xaxis.set_major_formatter(mdates.DateFormatter("%H:%M", tz=TZ))
    ax.grid(axis="x", color="#e6e6e6", lw=0.6)
    ax.set_xlabel(l10n.t("clock_axis", lang, day=l10n.day(day, lang)))
    ax.set_title(l10n.t("first_day_chart_title", lang, name=name, day=l10n.day(day, lang)), loc="left")
    fig.legend(
        handles=[
            Line2D([], [], marker="o", ls="none", mfc="#555555", mec="#555555", label=l10n.t("used_value", lang)),
            Line2D([], [], marker="o", ls="none", mfc="white", mec="#555555", label=l10n.t("alternative", lang)),
        ],
        loc="outside upper right",
        ncols=2,
    )
    style.add_source_line(fig, l10n.t("source_line_research", lang))
    return fig


def _symlog_days(ax, largest: float, smallest: float = 0) -> None:
    """Days on a log scale; with a same-day value (0) the part below one day is linear."""
    top = max(largest * 1.6, 3)
    if smallest >= 1:
        ax.set_xscale("log")
        low = smallest / 1.6
    else:
        ax.set_xscale("symlog", linthresh=1, linscale=0.6)
        low = -0.3
    ticks = [t for t in (0, 1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000) if low <= t <= top]
    ax.set_xticks(ticks, [str(t) for t in ticks])
    ax.minorticks_off()
    ax.set_xlim(low, top)


def _days(row) -> float | None:
    """Days after the theft; fractional when the hours are known."""
    if row["state"] != "known":
        return None
    return float(row["hours"]) / 24 if pd.notna(row["hours"]) else float(row["days"])


@style.styled
def since_theft(table: pd.DataFrame, names: dict[str, str], lang: str, milestone_names: dict[str, str]) -> Figure:
    """Per incident, the days from the theft to each compared milestone; what is missing is named."""
    incidents = list(dict.fromkeys(table["incident_id"]))
    kinds = list(dict.fromkeys(table["milestone"]))
    fig, ax = style.new_figure(1.5 + 0.75 * len(incidents))
    largest = max([d for d in (_days(r) for _, r in table.iterrows()) if d is not None] + [2])
    largest = max([largest, *[float(x) for x in table["days_max"].dropna()]])
    _symlog_days(ax, largest)
    for i, incident in enumerate(incidents):
        rows = table[table["incident_id"] == incident].reset_index(drop=True)
        missing: dict[str, list[str]] = {}
        for _, row in rows.iterrows():
            y = i + (kinds.index(row["milestone"]) - (len(kinds) - 1) / 2) * 0.1
            marker, colour = MILESTONE_STYLE.get(row["milestone"], ("o", "#555555"))
            days = _days(row)
            if days is not None:
                ax.plot([days], [y], marker=marker, color=colour, ms=5, ls="none")
            elif row["state"] == "range":
                ax.plot([row["days_min"], row["days_max"]], [y, y], color=colour, lw=3, alpha=0.6)
            else:
                missing.setdefault(row["state"], []).append(milestone_names[row["milestone"]])
        state = set(rows["state"])
        if state == {"no_theft_date"} or ("no_theft_date" in state and not (state & {"known", "range"})):
            text = l10n.t("no_theft_date", lang)
        elif missing:
            # Searched and not found is not the same as never recorded: the reader is told which.
            text = "; ".join(
                f"{l10n.label('state', state, lang)}: {l10n.join(names, lang)}"
                for state, names in missing.items()
                if state != "no_theft_date"
            )
        else:
            text = ""
        if text:
            # Inside the plot, under the incident's markers: a gap is named where its value would be.
            ax.annotate(
                text,
                (0.99, i + 0.38),
                xycoords=("axes fraction", "data"),
                ha="right",
                va="center",
                fontsize=6.5,
                color="#b2372c",
            )
    ax.set_yticks(range(len(incidents)), [names.get(i, i) for i in incidents])
    ax.set_ylim(len(incidents) - 0.45, -0.45)
    for i in range(1, len(incidents)):
        ax.axhline(i - 0.5, color="#dddddd", lw=0.6)
    ax.grid(axis="x", color="#e6e6e6", lw=0.6)
    ax.set_xlabel(l10n.t("days_log_axis", lang))
    ax.set_title(l10n.t("since_chart_title", lang), loc="left")
    ax.legend(
        handles=[
            Line2D(
                [],
                [],
                marker=MILESTONE_STYLE[k][0],
                color=MILESTONE_STYLE[k][1],
                ls="none",
                label=milestone_names[k],
            )
            for k in kinds
            if k in MILESTONE_STYLE
        ],
        loc="upper center",
        bbox_to_anchor=(0.5, -0.1 - 0.25 / len(incidents)),
        ncols=3,
    )
    style.add_source_line(fig, l10n.t("source_line_research", lang))
    return fig


@style.styled
def later_milestones(table: pd.DataFrame, name: str, lang: str, milestone_names: dict[str, str]) -> Figure:
    """One incident's milestones as days after the theft, one row each; periods as ranges, gaps named."""
    fig, ax = style.new_figure(0.9 + 0.25 * len(table))
    values = [float(x) for x in table["days"].dropna()] + [float(x) for x in table["days_max"].dropna()]
    values += [float(x) for x in table["days_min"].dropna()]
    _symlog_days(ax, max(values + [2]), min(values + [0]) if not values else min(values))
    for y, (_, row) in enumerate(table.iterrows()):
        name = milestone_names[row["milestone"]]
        if row["state"] == "known":
            x = float(row["days"])
            ax.plot([x], [y], marker="o", color=style.PAID_COLOUR, ms=4.5, ls="none")
            text = f"{row['date']} ({l10n.days(int(row['days']), lang)})"
        elif row["state"] == "range":
            ax.plot([row["days_min"], row["days_max"]], [y, y], color=style.PAID_COLOUR, lw=3, alpha=0.6)
            x = float(row["days_max"])
            text = (
                f"{row['period']} ({l10n.days(int(row['days_min']), lang)} – {l10n.days(int(row['days_max']), lang)})"
            )
        else:
            x = 0
            text = l10n.label("state", row["state"], lang)
        ax.annotate(
            text,
            (x, y),
            xytext=(6, 0),
            textcoords="offset points",
            va="center",
            fontsize=6.5,
            color="#222222" if row["state"] in ("known", "range") else "#b2372c",
        )
        ax.annotate(
            name,
            (0, y),
            xycoords=("axes fraction", "data"),
            xytext=(-4, 0),
            textcoords="offset points",
            va="center",
            ha="right",
            fontsize=7,
            annotation_clip=False,
        )
    ax.set_yticks([])
    ax.set_ylim(len(table) - 0.5, -0.7)
    ax.grid(axis="x", color="#e6e6e6", lw=0.6)
    ax.set_xlabel(l10n.t("days_log_axis", lang))
    ax.set_title(l10n.t("later_chart_title", lang, name=name), loc="left")
    style.add_source_line(fig, l10n.t("source_line_research", lang))
    return fig


# -- what each report draws: the registry's adapters from a report context to a chart -----------


def title_of(fig: Figure) -> str:
    """A chart's title, for its alt text."""
    return next((ax.get_title(loc="left") for ax in fig.axes if ax.get_title(loc="left")), "")


def timeline_of(ctx) -> Figure | None:
    if not ctx.has_timeline:
        return None
    return timeline(ctx.timeline_events, ctx.lang, ctx.chain, ctx.numbers, ctx.events, ctx.milestone_names)


def first_day_of(ctx, incident: str) -> Figure | None:
    theft = milestones(ctx.data.events, incident).get("leak")
    if theft is None or theft.timestamp is None:
        return None
    return first_day(ctx.data.events, incident, ctx.names[incident], ctx.lang, ctx.milestone_names)


def milestone_chain_of(ctx) -> Figure | None:
    if ctx.durations is None:
        return None
    return milestone_chain(ctx.data.events, ctx.durations, ctx.lang, ctx.milestone_names)


def compensation_of(ctx) -> Figure | None:
    return compensation(ctx.compensation, ctx.lang) if ctx.compensation is not None else None


def price_window_of(ctx) -> Figure | None:
    return price_window(ctx.compensation, ctx.events, ctx.lang) if ctx.compensation is not None else None


def later_milestones_of(ctx) -> Figure | None:
    from analysis.incident import later_table

    table = later_table(ctx)
    return later_milestones(table, ctx.name, ctx.lang, ctx.milestone_names) if not table.empty else None


def since_theft_of(ctx) -> Figure:
    return since_theft(ctx.table, ctx.names, ctx.lang, ctx.milestone_names)
