"""Charts on a day axis: the incident's facts one row each, and the chain of milestones as bars."""

from __future__ import annotations

from datetime import date, time, timedelta

import pandas as pd
from matplotlib.dates import date2num
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Patch

from analysis import l10n
from analysis.measures.durations import milestones
from analysis.report import style
from analysis.report.charts.fitting import Measure, fitted, under_rows, wrapped_rows
from analysis.report.charts.marks import TIMED_MS, source_line, under_label
from analysis.report.charts.scales import day_axis, local, mark_day, shade_closed_days

# How far (points) a step's words stay left of the deadline's line.
_LINE_CLEAR_PT = 6.0


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
    day; a timed one sits at its hour. A step of the chain is named in its fact's text, not by a line
    across the rows, which would cut through the other facts' text."""
    found = milestones(events if all_events is None else all_events, events["incident_id"].iloc[0])
    rows = events.assign(day_=events["date"].dt.to_timestamp(), at_=events["timestamp"])
    # A fact known only by its date goes after the day's timed facts: drawn first it would seem to
    # come before them (the FSA's demand above the 00:02 theft). The theft itself (the row the
    # analysis uses), known only by its date, still comes first: nothing is detected before it began
    # (BITPoint's 22:12 detection).
    theft = found["leak"].event_id if "leak" in found else None
    rows = rows.assign(after_=~((rows["event_id"] == theft) & rows["at_"].isna()))
    rows = rows.sort_values(["day_", "after_", "at_"], kind="stable", na_position="last").reset_index(drop=True)
    first, last = rows["day_"].min().date(), rows["day_"].max().date()
    span_days = (last - first).days + 2
    chain_ids = {found[m].event_id: m for m in chain if m in found}
    names = milestone_names or {}

    labels, heights = [], []
    for row in rows.itertuples():
        text = getattr(row, f"title_{lang}")
        step = names.get(row.milestone, row.milestone)
        # a step of the chain is tagged with its name, unless its title says it already
        if isinstance(row.milestone, str) and row.event_id in chain_ids and not l10n.says_name(text, step, lang):
            text = l10n.t("milestone_tag", lang, name=step, text=text)
        if pd.notna(row.at_):
            text = f"{l10n.about(f'{row.at_:%H:%M}', lang, bool(row.approximate))} {text}"
        labels.append(text)
    narrow = style.is_narrow()
    if narrow:  # a phone: who acted leads the text under the mark, as the left column is gone
        # once: not "FSA: FSA demands a report" nor "Victims' lawyers: Coincheck victims' lawyers'
        # group formed" where the fact already names who acted
        # and each fact's day leads its text: a phone shows the date axis only at the chart's top
        # whose date it is, as the axis says Japan's ("2 Aug (UTC date)")
        labels = [
            f"{l10n.zoned_day(d.date(), z, lang, style='axis')} {t}"
            for d, z, t in zip(rows["day_"], rows["date_zone"], labels)
        ]
        labels = [
            t if who.casefold() in title.casefold() else l10n.labelled(who, t, lang)
            for who, title, t in zip(
                (l10n.label("actor", a, lang) for a in rows["actor"]), rows[f"title_{lang}"], labels
            )
        ]
        labels, ys, heights = under_rows(labels, lang, 0.15)
    else:
        # A label runs to the right of its mark in the first half of the axis, to the left after
        # it; it wraps to the room it has there.
        room = []
        for row in rows.itertuples():
            x = (row.day_.date() - first).days + 0.5
            room.append((span_days - x) / span_days if x < span_days / 2 else x / span_days)
        labels, ys, heights = wrapped_rows(labels, room, lang)

    plot_in = 0.15 * sum(heights) + 0.1
    # The key gets an axes of its own under the plot, so the layout keeps it clear of the source line.
    key_in = 0.5 if narrow else 0.3  # a phone's key: one entry a line
    fig, (ax, key) = style.new_figure(1.6 + key_in + plot_in, nrows=2, height_ratios=[plot_in, key_in])
    key.axis("off")
    shade_closed_days(ax, first, last + timedelta(days=1))
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
            under_label(ax, y, text)
            continue
        right = (day - first).days + 0.5 < span_days / 2
        if pd.isna(row.at_):  # the label starts where the day's bar ends
            x = row.day_end if right else row.day_start
        # clear of the dot's edge, not its centre: 4 points from a bar's end or a dot's rim
        pad = 4 + (TIMED_MS / 2 if pd.notna(row.at_) else 0)
        ax.annotate(text, (x, y), xytext=(pad if right else -pad, 0), textcoords="offset points", va="center",
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
    day_axis(ax, first, last + timedelta(days=1), lang)
    ax.tick_params(axis="x", which="both", top=True, labeltop=True)
    ax.set_xlabel(l10n.t("date_axis", lang), fontsize=style.MIN_TEXT_PT)
    style.chart_title(fig, title, lang)
    key.legend(
        handles=[
            Line2D([], [], marker="o", ls="none", ms=TIMED_MS, color="#555555", label=l10n.t("timed_fact", lang)),
            Line2D([], [], color="#555555", alpha=0.6, lw=3.2, label=l10n.t("whole_day", lang)),
            Patch(color=style.CLOSED_DAY_COLOUR, label=l10n.t("holiday_shade", lang)),
        ],
        loc="center left" if narrow else "center",
        ncols=1 if narrow else 3,
        fontsize=style.MIN_TEXT_PT,
    )
    line = source_line(events, lang)
    # A date a page gives in another zone is drawn over the hours it covers in Japan time, across two
    # Japan days: the source line says why such a bar starts mid-day.
    if (rows["at_"].isna() & rows["date_zone"].notna()).any():
        line = l10n.t("zoned_source", lang, line=line)
    style.add_source_line(fig, line, lang)
    return fig


@style.styled
def milestone_chain(
    events: pd.DataFrame, durations: pd.DataFrame, lang: str, milestone_names: dict[str, str], name: str = ""
) -> Figure:
    """Each step of the chain as a bar from its start day to its end day (a step that starts and ends on
    one day as a diamond, which the source line explains), named above the bar (the plot keeps the
    page's width), with the deadline; titled with the longest step."""
    incident = durations["incident_id"].iloc[0]
    found = milestones(events, incident)
    rows = durations.reset_index(drop=True)
    first = min(date.fromisoformat(d) for d in rows["from_date"])
    last = max(date.fromisoformat(d) for d in rows["to_date"])
    if "report_deadline" in found:
        last = max(last, found["report_deadline"].day)
    narrow = style.is_narrow()  # a phone: each step's name wrapped above its bar, rows further apart
    fig, ax = style.new_figure(1.4 + (0.72 if narrow else 0.5) * len(rows))
    shade_closed_days(ax, first, last + timedelta(days=2))
    texts = []
    for i, r in rows.iterrows():
        start, end = date.fromisoformat(r["from_date"]), date.fromisoformat(r["to_date"])
        x0, x1 = local(start, time(12)), local(end, time(12))
        colour = style.PAID_COLOUR if r["step"] == "step" else style.MILESTONE_COLOUR
        if start == end:  # no length to draw: a step of 0 days is a diamond, set off from a line it falls on
            ax.plot([x0], [i], marker="D", ms=7, mfc=colour, mec="white", mew=1, ls="none", zorder=4)
        else:
            ax.plot([x0, x1], [i, i], color=colour, lw=6, solid_capstyle="butt", alpha=0.85, zorder=2)
            ax.plot([x0, x1], [i, i], marker="|", ms=12, mew=1.5, color=colour, ls="none", zorder=3)
        step = f"{milestone_names[r['from']]} → {milestone_names[r['to']]}"
        if r["step"] == "total":
            step = l10n.labelled(l10n.t("total", lang), step, lang)
        days = l10n.days_and_business(int(r["calendar_days"]), int(r["business_days"]), lang)
        texts.append(l10n.labelled(step, days, lang))
    ax.set_yticks([])
    ax.spines["left"].set_visible(False)
    ax.set_ylim(len(rows) - 0.5, -0.9)
    if "report_deadline" in found:
        # its day in its label: the axis names only every few days, and may skip it
        deadline = l10n.t("deadline_on", lang, day=l10n.day(found["report_deadline"].day, lang, "axis"))
        mark_day(ax, found["report_deadline"].day, deadline, style.ACTOR_COLOURS["fsa"], lw=1,
                  ls=":", pad=2, fontsize=style.MIN_TEXT_PT)  # fmt: skip
    day_axis(ax, first, last + timedelta(days=2), lang)
    # Each step's words end before the deadline's line (else the axis's end), on more lines if need be.
    fig.draw_without_rendering()
    ends = [date2num(local(first)), ax.get_xlim()[1]]
    if "report_deadline" in found:
        ends[1] = date2num(local(found["report_deadline"].day, time(12)))
    left, right = (ax.transData.transform((x, 0))[0] for x in ends)
    room = (right - left) * 72 / fig.dpi - _LINE_CLEAR_PT
    measure = Measure(fig)
    for i, text in enumerate(texts):
        ax.annotate(fitted(measure, text, lang, style.MIN_TEXT_PT, room), (local(first), i), xytext=(0, 7),
                    textcoords="offset points", va="bottom", ha="left", fontsize=style.MIN_TEXT_PT, color="#222222",
                    linespacing=1.1)  # fmt: skip
    ax.set_xlabel(l10n.t("date_axis", lang), fontsize=style.MIN_TEXT_PT)
    steps = rows[rows["step"] == "step"]
    longest = steps.loc[steps["calendar_days"].astype(int).idxmax()]
    title = l10n.t(
        "chain_chart_finding" if len(steps) > 1 else "chain_chart_one_step",
        lang,
        name=name,
        start=milestone_names[longest["from"]],
        end=milestone_names[longest["to"]],
        days=l10n.days_and_business(int(longest["calendar_days"]), int(longest["business_days"]), lang),
    )
    style.chart_title(fig, title, lang)
    chain_events = events[events["event_id"].isin([found[m].event_id for m in set(rows["from"]) | set(rows["to"])])]
    line = source_line(chain_events, lang)
    if (rows["from_date"] == rows["to_date"]).any():  # a diamond drawn: said what it is
        line = l10n.t("chain_diamond_note", lang) + line
    style.add_source_line(fig, l10n.t("shaded_source", lang, line=line), lang)
    return fig
