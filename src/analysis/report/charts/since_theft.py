"""One incident's milestones as time after its theft: the later ones on a linear scale of days,
the response on the comparison's log scale."""

from __future__ import annotations

from datetime import date

import pandas as pd
from matplotlib.figure import Figure

from analysis import l10n, vocab
from analysis.report import style
from analysis.report.charts.fitting import Measure, fitted
from analysis.report.charts.marks import (
    VALUE_OFFSET_PT,
    log_mark,
    lollipop,
    marks_key,
    missing,
    not_drawn,
    value_label,
)
from analysis.report.charts.scales import LOG_RIGHT, days_axis, log_axis, share_of_log_axis, spaced_log_ticks


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
def later_milestones(table: pd.DataFrame, name: str, lang: str, milestone_names: dict[str, str],
                     sources: str, drain: bool = False) -> Figure:  # fmt: skip
    """One incident's later milestones on a linear scale of days after the theft, one row each, with
    the date and the days written beside each; a range as a bar, a gap named in grey; titled with
    the last dated one. A `drain` over years is counted from its start, and the axis and title say so."""

    def said(key: str) -> str:
        return l10n.drained(key, drain)

    narrow = style.is_narrow()  # a phone: each value under its step's name, none beside the marks
    ends = [e[1] if (e := _extent(r)) else _days(r) for _, r in table.iterrows() if _days(r) is not None]
    right = max(ends + [2]) * 1.05
    rows = []  # (name, value's words or None, row)
    for _, row in table.iterrows():
        text = None
        if _days(row) is not None:
            # the zone bound to the count, "(2,016-2,017 UTC days)": beside a US date, "days, in UTC
            # dates" ran into the step names
            text = l10n.since(row, lang, apart=True)
            if isinstance(row["date"], str) and row["date"] and isinstance(row["date_zone"], str) and row["date_zone"]:
                # a date in another zone, as printed or as the count reaches it there: said to be that zone's
                day = l10n.zoned_day(date.fromisoformat(row["date"]), row["date_zone"], lang, bracketed=True)
                text = l10n.paren(day, text, lang)
            elif row["state"] == "known":
                text = l10n.paren(l10n.day(date.fromisoformat(row["date"]), lang), text, lang)
            elif isinstance(row["date"], str) and row["date"]:  # a range from a Japan date
                day = l10n.zoned_day(date.fromisoformat(row["date"]), row["date_zone"], lang, bracketed=True)
                text = l10n.paren(day, text, lang)
            elif isinstance(row["period"], str) and row["period"]:  # NaN where the row has no period
                text = l10n.paren(l10n.period(row["period"], lang), text, lang)
        name_text = milestone_names[row["milestone"]]
        if narrow:  # the name and, under it, the value, each in at most half the page: the plot keeps the rest
            # (a step named for what it was runs long: Coincheck's conviction upheld by the Supreme Court)
            name_text = style.wrapped(name_text, lang, "label", 0.5)
            if text is not None:
                name_text += "\n" + style.wrapped(text, lang, "label", 0.5)
        rows.append((name_text, text, row))
    # A row as tall as its lines: a phone's row holds the name and one line of value (a third of a
    # row a line, and a third for the gap).
    heights = [max(1.0, (label.count("\n") + 2) / 3) if narrow else 1.0 for label, _, _ in rows]
    ys = [sum(heights[:k]) + h / 2 - 0.5 for k, h in enumerate(heights)]
    # The source line names each kind of page read and wraps to three lines in print, six on a phone: a
    # chart of one step needs room for them.
    fig, ax = style.new_figure((1.8 if narrow else 1.5) + (0.48 if narrow else 0.27) * sum(heights))
    beside = []  # (start, end, y, text) of each value, placed once the layout gives the plot its width
    for y, (_, text, row) in zip(ys, rows):
        value = _days(row)
        if value is None:
            missing(ax, y, l10n.label("state", row["state"], lang))
            continue
        extent = _extent(row)
        deadline = row["milestone"] in vocab.DEADLINES and extent is None  # a deadline's span is drawn as one
        # the incident's own colour, as in its response chart: blue is the other thefts in the comparison
        lollipop(ax, y, value, style.HIGHLIGHT, pd.notna(row["hours"]), extent=extent, marker="D" if deadline else "o",
                 ms=4.5 if deadline else 5)  # fmt: skip
        if narrow:
            continue
        end = extent[1] if extent else value
        beside.append((extent[0] if extent else end, end, y, text))
    ax.set_yticks(ys, [label for label, _, _ in rows], fontsize=style.MIN_TEXT_PT)
    ax.tick_params(axis="y", length=0)
    ax.set_ylim(sum(heights) - 0.5, -0.6)
    days_axis(ax, lang, right)
    ax.set_xlabel(
        l10n.t("days_after_drain_axis" if drain else "days_after_theft_axis", lang), fontsize=style.MIN_TEXT_PT
    )
    dated = table[table["state"].isin(["known", "range"]) & ~table["milestone"].isin(vocab.DEADLINES)]
    if dated.empty:
        title = l10n.t(said("later_chart_title"), lang, name=l10n.inside_brackets(name, lang))
    else:
        positions = [_days(r) for _, r in dated.iterrows()]
        last = dated.iloc[positions.index(max(positions))]
        # "deadlines aside" only where a deadline is drawn after the step the title names
        deadlines = [_days(r) for _, r in table[table["milestone"].isin(vocab.DEADLINES)].iterrows()]
        later_deadline = any(d is not None and d > max(positions) for d in deadlines)
        title = l10n.t(said("later_finding" if later_deadline else "later_finding_plain"), lang, name=name,
                       step=milestone_names[last["milestone"]], value=l10n.since(last, lang, apart=True))  # fmt: skip
    style.chart_title(fig, title, lang)
    # a deadline drawn as a diamond is keyed as such; one known only as a span is drawn, and keyed, as one
    diamond = table["milestone"].isin(vocab.DEADLINES) & table.apply(lambda r: _extent(r) is None, axis=1)
    drawn = [(pd.notna(r["hours"]), _extent(r)) for _, r in table[~diamond].iterrows() if _days(r) is not None]
    deadline = any(_days(r) is not None for _, r in table[diamond].iterrows())
    periods = [r["period"] for _, r in table.iterrows() if _extent(r) and isinstance(r["period"], str) and r["period"]]
    style.add_source_line(
        fig,
        l10n.t(said("later_source"), lang, keys=marks_key(drawn, lang, periods, deadline=deadline), sources=sources),
        lang,
    )
    # Each value beside its mark once the layout gives the plot its width: to the right, or to the
    # left of a mark far along the scale; on the other side where only that one has room, and on two
    # lines where neither does (Bitfinex's arrests, dated in US Eastern time and counted in UTC dates),
    # never into the steps' names.
    fig.draw_without_rendering()
    width = ax.get_position().width * fig.get_figwidth() * 72
    low, high = ax.get_xlim()
    measure = Measure(fig)
    for start, end, y, text in beside:
        room = {
            True: max(0.0, (start - low) / (high - low) * width - VALUE_OFFSET_PT[True] - style.EDGE_PT),
            False: max(0.0, (high - end) / (high - low) * width - VALUE_OFFSET_PT[False] - style.EDGE_PT),
        }
        wide = measure(text, style.MIN_TEXT_PT)[0]
        left = end > right * 0.55
        if wide > room[left] and (wide <= room[not left] or room[not left] > room[left]):
            left = not left
        value_label(ax, start if left else end, y, fitted(measure, text, lang, style.MIN_TEXT_PT, room[left]),
                    "#222222", left=left)  # fmt: skip
    return fig


@style.styled
def response(rows: list, title: str, lang: str, sources: str, drain: bool = False) -> Figure:
    """One incident's steps as time after the theft on the log scale the comparison uses (hours
    apart from days, months from years), each labelled with its duration; a step the sources do
    not date is named in grey rather than left out. The key names only the marks drawn. A `drain`
    over years is counted from its start, and the axis says so."""
    narrow = style.is_narrow()  # a phone: each value under its step's name, none beside the marks
    # on a phone each row has two lines, its name and its value: a row's gap must part it from the next
    fig, ax = style.new_figure(1.1 + (0.5 if narrow else 0.3) * len(rows))
    known = [r.days for r in rows if r.days is not None]
    right = min(LOG_RIGHT, max(known + [1]) * (4 if narrow else 12))
    for y, row in enumerate(rows):
        if row.days is None:
            not_drawn(ax, y, row.state, lang)
    # a value with what it is, where it is not what its step's name says ("6 days, no loss")
    values = [
        l10n.t("compared_kind_value", lang, value=r.text, kind=l10n.t(f"compared_kind_{r.kind}", lang)) if r.kind
        else r.text
        for r in rows
    ]  # fmt: skip
    labels = [f"{r.label}\n{v}" if narrow and r.days is not None else r.label for r, v in zip(rows, values)]
    ax.set_yticks(range(len(rows)), labels, fontsize=style.MIN_TEXT_PT)
    ax.tick_params(axis="y", length=0)
    ax.set_ylim(len(rows) - 0.5, -0.5)
    log_axis(ax, lang, right=right)
    ax.set_xlabel(
        l10n.t("time_after_drain_axis" if drain else "time_after_theft_axis", lang), fontsize=style.MIN_TEXT_PT
    )
    style.chart_title(fig, title, lang)
    drawn = [(r.timed, r.extent) for r in rows if r.days is not None]
    periods = [r.period for r in rows if r.extent is not None and r.period]
    edge = any(r.edge for r in rows)
    keys = marks_key(drawn, lang, periods, edge)
    # "partial" beside a plan's approval could read as a plan partly approved: the key says what it is
    # ("no loss" says itself)
    if any(r.kind == "partial" for r in rows):
        partial = l10n.t("compared_kind_partial_note", lang).strip().rstrip(".。")
        keys = f"{keys}{l10n.t('full_stop', lang)}{l10n.t('sentence_joiner', lang)}{partial}"
    style.add_source_line(fig, l10n.t("response_source", lang, keys=keys, sources=sources), lang)
    # On a narrow axis the scale's words would run together ("1 year10 years"): keep those that stand apart.
    fig.draw_without_rendering()
    width = ax.get_position().width * fig.get_figwidth() * 72
    ticks = spaced_log_ticks(Measure(fig), lang, style.MIN_TEXT_PT, width, right)
    ax.set_xticks([v for v, _ in ticks], [t for _, t in ticks])
    # The marks once the layout has given the plot its width: a span too narrow to see there is drawn
    # as wide as its bar is thick (log_mark).
    for y, (row, value) in enumerate(zip(rows, values)):
        if row.days is None:
            continue
        # a remedy for customers who lost nothing is no remedy for a loss: a grey mark, as in the comparison
        colour = style.MISSING if row.kind in style.MUTED_KINDS else style.HIGHLIGHT
        log_mark(ax, y, row.days, row.extent, colour, row.timed, ms=5, right=right)
        if not narrow:  # a value near the scale's right end is written to the left of its mark, not cut off
            value_label(ax, row.days, y, value, "#222222", left=share_of_log_axis(row.days, right) > 0.8)
    return fig
