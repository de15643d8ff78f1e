"""The report's charts. Each function takes loaded data and a language and returns a Figure."""

from __future__ import annotations

from collections import defaultdict
from datetime import date, datetime, time, timedelta

import matplotlib.dates as mdates
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Patch

from analysis import style, vocab
from analysis.calendar import closed_days
from analysis.compensation import CompensationFigures
from analysis.durations import milestones
from analysis.labels import day_text, t, value_label

TZ = vocab.TIMEZONE
MARKERS = {"company": "o", "other": "o", "derived": "D"}


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
    ax.xaxis.set_minor_formatter(mdates.DateFormatter("%-m/%-d" if lang == "ja" else "%-d %b", tz=TZ))
    ax.tick_params(axis="x", which="minor", length=0, labelsize=6.5, rotation=90)


@style.styled
def timeline(
    events: pd.DataFrame,
    lang: str,
    chain=vocab.DEFAULT_CHAIN,
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
        face = "white" if row.source_kind == "other" else colour
        ax.plot(
            [x],
            [y],
            marker=MARKERS[row.source_kind],
            ms=5.5 if row.source_kind != "derived" else 4.5,
            mfc=face,
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

    ax.set_yticks(range(len(actors)), [value_label("actor", a, lang) for a in actors])
    ax.set_ylim(len(actors) - 0.5, -0.5)
    _day_axis(ax, first, last + timedelta(days=1), lang)
    ax.set_xlabel(t("date_axis", lang))
    ax.set_ylabel(t("actor", lang))
    ax.set_title(t("timeline_chart_title", lang), loc="left", pad=34)
    ax.legend(
        handles=[
            Line2D([], [], marker="o", ls="none", mfc="#555555", mec="#555555", label=t("company_ann", lang)[2:]),
            Line2D([], [], marker="o", ls="none", mfc="white", mec="#555555", label=t("other_ann", lang)[2:]),
            Line2D(
                [], [], marker="D", ls="none", mfc="#555555", mec="#555555", ms=4.5, label=t("derived_fact", lang)[2:]
            ),
            Line2D([], [], color="#555555", alpha=0.35, lw=1.2, label=t("whole_day", lang)),
            Patch(color=style.CLOSED_DAY_COLOUR, label=t("holiday_shade", lang)),
        ],
        loc="upper center",
        bbox_to_anchor=(0.5, -0.17),
        ncols=3,
    )
    style.add_source_line(fig, t("source_line", lang, source=t("seed_name", lang)))
    return fig


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
        text = days_text(r["calendar_days"], r["business_days"], lang)
        ax.annotate(text, (x1, i), xytext=(7, 0), textcoords="offset points", va="center", fontsize=7)
    labels = [t("total", lang) + ": " if r["step"] == "total" else "" for _, r in rows.iterrows()]
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
            t("deadline", lang),
            style.ACTOR_COLOURS["fsa"],
            lw=1,
            ls=":",
            pad=2,
            fontsize=7,
        )
    _day_axis(ax, first, last + timedelta(days=2), lang)
    ax.set_xlabel(t("date_axis", lang))
    ax.set_title(t("chain_chart_title", lang), loc="left", pad=14)
    style.add_source_line(fig, t("source_line", lang, source=t("seed_name", lang)))
    return fig


def days_text(days: int, business: int, lang: str) -> str:
    if lang == "ja":
        return f"{days_label(days, lang)}・{business}営業日"
    return f"{days_label(days, lang)}, {business} business day{'s' if abs(business) != 1 else ''}"


@style.styled
def compensation(figures: CompensationFigures, lang: str) -> Figure:
    """Price paid against the price implied by the reported loss, and the totals they make."""
    fig, (left, right) = style.new_figure(2.9, ncols=2)
    approx = t("approx", lang)
    paid_label = "補償単価" if lang == "ja" else "Paid"
    implied_label = f"被害額から逆算\n({approx})" if lang == "ja" else f"Implied by the\nreported loss ({approx})"
    prices = [float(figures.price_per_unit_jpy), float(figures.implied_price_jpy)]
    bars = left.bar([paid_label, implied_label], prices, color=[style.PAID_COLOUR, style.REPORTED_COLOUR], width=0.6)
    left.bar_label(
        bars, labels=[f"{figures.price_per_unit_jpy:.3f}", f"{figures.implied_price_jpy:.3f}"], padding=2, fontsize=7
    )
    left.set_ylabel(t("price_axis", lang))
    left.set_ylim(0, max(prices) * 1.2)
    left.set_title(t("comp_chart_title", lang), loc="left", fontsize=8.5)

    oku = 100_000_000
    totals = [float(figures.total_paid_jpy) / oku, float(figures.reported_loss_jpy) / oku]
    paid_total = "補償総額" if lang == "ja" else "Total paid"
    loss_total = f"被害額\n({approx})" if lang == "ja" else f"Reported loss\n({approx})"
    bars = right.bar([paid_total, loss_total], totals, color=[style.PAID_COLOUR, style.REPORTED_COLOUR], width=0.6)
    right.bar_label(bars, labels=[f"{v:,.1f}" for v in totals], padding=2, fontsize=7)
    right.set_ylabel(t("amount_axis", lang))
    right.set_ylim(0, max(totals) * 1.2)
    ratio = f"{float(figures.paid_to_reported_ratio) * 100:.1f}%"
    right.set_title(
        ("補償総額 ÷ 被害額 = " if lang == "ja" else "Paid ÷ reported = ") + f"{ratio} ({approx})",
        loc="left",
        fontsize=8.5,
    )
    style.add_source_line(fig, t("source_line", lang, source=t("seed_name", lang)))
    return fig


@style.styled
def price_window(figures: CompensationFigures, events: pd.DataFrame, lang: str) -> Figure:
    """The window over which the price was averaged, on a time axis with the days around it."""
    start, end = pd.Timestamp(figures.window_start).tz_convert(TZ), pd.Timestamp(figures.window_end).tz_convert(TZ)
    first, last = start.date(), end.date() + timedelta(days=1)
    fig, ax = style.new_figure(1.9)
    _shade_closed_days(ax, first, last)
    ax.axvspan(start, end, ymin=0.3, ymax=0.7, color=style.PAID_COLOUR, alpha=0.25, lw=0)
    hours = f"{figures.window_hours:.2f}"
    ax.annotate(
        t("window_label", lang, hours=hours),
        (start + (end - start) / 2, 0.5),
        xycoords=("data", "axes fraction"),
        ha="center",
        va="center",
        fontsize=8,
    )
    for stamp, key in ((start, "window_start"), (end, "window_end")):
        ax.axvline(stamp, color=style.MILESTONE_COLOUR, lw=1)
        ax.annotate(
            f"{t(key, lang)}\n{stamp:%m/%d %H:%M}",
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
            t("seed_release_day", lang),
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
    ax.xaxis.set_major_formatter(mdates.DateFormatter("%m/%d %H:%M", tz=TZ))
    ax.set_xlabel(t("time_axis", lang))
    ax.set_title(t("window_chart_title", lang), loc="left")
    style.add_source_line(fig, t("source_line", lang, source=t("seed_name", lang)))
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
        label = getattr(row, "title_ja" if lang == "ja" else "title_en")
        if isinstance(row.milestone, str) and used:
            label = f"【{milestone_names.get(row.milestone, row.milestone)}】 {label}"
        prefix = "約" if row.approximate and lang == "ja" else "~" if row.approximate else ""
        # Late in the day the label goes to the left of its marker, so it stays on the page.
        late = row.timestamp.hour >= 12
        note = ax.annotate(
            f"{prefix}{row.timestamp:%H:%M}  {label}",
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
    ax.set_xlabel(t("clock_axis", lang, day=day_text(day, lang)))
    ax.set_title(t("first_day_chart_title", lang, name=name, day=day_text(day, lang)), loc="left")
    fig.legend(
        handles=[
            Line2D([], [], marker="o", ls="none", mfc="#555555", mec="#555555", label=t("used_value", lang)),
            Line2D([], [], marker="o", ls="none", mfc="white", mec="#555555", label=t("alternative", lang)),
        ],
        loc="outside upper right",
        ncols=2,
    )
    style.add_source_line(fig, t("source_line_research", lang))
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
            text = t("no_theft_date", lang)
        elif missing:
            # Searched and not found is not the same as never recorded: the reader is told which.
            text = "; ".join(
                f"{value_label('state', state, lang)}: {', '.join(names)}"
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
    ax.set_xlabel(t("days_log_axis", lang))
    ax.set_title(t("since_chart_title", lang), loc="left")
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
    style.add_source_line(fig, t("source_line_research", lang))
    return fig


@style.styled
def later_milestones(table: pd.DataFrame, lang: str, milestone_names: dict[str, str]) -> Figure:
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
            text = f"{row['date']} ({days_label(int(row['days']), lang)})"
        elif row["state"] == "range":
            ax.plot([row["days_min"], row["days_max"]], [y, y], color=style.PAID_COLOUR, lw=3, alpha=0.6)
            x = float(row["days_max"])
            text = (
                f"{row['period']} ({days_label(int(row['days_min']), lang)} – {days_label(int(row['days_max']), lang)})"
            )
        else:
            x = 0
            text = value_label("state", row["state"], lang)
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
    ax.set_xlabel(t("days_log_axis", lang))
    ax.set_title(t("later_chart_title", lang), loc="left")
    style.add_source_line(fig, t("source_line_research", lang))
    return fig


def days_label(days: int, lang: str) -> str:
    return f"{days}日" if lang == "ja" else f"{days} day{'s' if abs(days) != 1 else ''}"
