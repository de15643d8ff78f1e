"""The comparison's charts: every theft's milestones in panels on one log scale, and the thefts
ranked by the value stolen. Every label is measured, so that none leaves its panel or touches
another."""

from __future__ import annotations

from collections.abc import Set as AbstractSet

import pandas as pd
from matplotlib.figure import Figure

from analysis import l10n
from analysis.report import style
from analysis.report.charts.fitting import Measure, fitted
from analysis.report.charts.marks import VALUE_OFFSET_PT, log_mark, value_label
from analysis.report.charts.scales import (
    LOG_EDGE,
    LOG_LEFT,
    LOG_RIGHT,
    log_axis,
    log_place,
    share_of_log_axis,
    spaced_log_ticks,
)

# How far (points) a value written to the left of its mark stays from the y axis: closer, it reads as
# the axis's label, with a sliver of stem between them.
_AXIS_CLEAR_PT = 10.0
_MISSING_OFFSET = 4.0


def _value_side(measure: Measure, value: str, kind: str | None, lang: str, size: float, x: float,
                extent: tuple[float, float] | None, width: float) -> tuple[str, bool, str | None]:  # fmt: skip
    """A value's text (with its `kind`, "8 days (UTC), tokens", where it has one), whether it goes
    left of its mark, and a word for the other side, so that it stays inside a panel `width` points
    wide on one line: whole on the right where it fits there, else on the left; else the value on one
    side and its kind on the other ("tokens ○ 8 days (UTC)"); else wrapped on the roomier side.
    Written to the left it starts from a span's start."""
    start = extent[0] if extent else x
    room = {
        False: (1 - share_of_log_axis(x, LOG_RIGHT)) * width - VALUE_OFFSET_PT[False] - style.EDGE_PT,
        True: share_of_log_axis(start, LOG_RIGHT) * width - VALUE_OFFSET_PT[True] - _AXIS_CLEAR_PT
        if start > LOG_LEFT
        else 0.0,
    }
    text = value if kind is None else l10n.t("compared_kind_value", lang, value=value, kind=kind)
    for left in (False, True):
        if measure(text, size)[0] <= room[left]:
            return text, left, None
    if kind is not None:
        for left in (False, True):
            if measure(value, size)[0] <= room[left] and measure(kind, size)[0] <= room[not left]:
                return value, left, kind
    left = room[True] > room[False]
    return fitted(measure, text, lang, size, room[left]), left, None


def _compared_label(ax, x: float, y: float, text: str, colour: str, size: float, fill: str, *, left: bool) -> None:
    """A value beside its mark, on its row's colour (`fill`): written to the left, over the stem."""
    label = ax.annotate(text, (x, y), xytext=(-VALUE_OFFSET_PT[True] if left else VALUE_OFFSET_PT[False], 0),
                        textcoords="offset points", va="center", ha="right" if left else "left", fontsize=size,
                        color=colour, zorder=4, linespacing=style.LABEL_LINESPACING,
                        bbox=dict(fc=fill, ec="none", pad=0.6))  # fmt: skip
    label.set_in_layout(False)  # placed inside the panel (_value_side): the layout should not shrink it


def _compared_missing(ax, y: float, text: str, state: str, size: float, fill: str) -> None:
    """A step with no value, said in grey words on its row's colour; 'not applicable' (nothing to
    do) in italics."""
    label = ax.annotate(text, (LOG_EDGE, y), xytext=(_MISSING_OFFSET, 0), textcoords="offset points", va="center",
                        fontsize=size, color=style.MISSING, linespacing=style.LABEL_LINESPACING, zorder=4,
                        fontstyle="italic" if state == "not_applicable" else "normal",
                        bbox=dict(fc=fill, ec="none", pad=0.6))  # fmt: skip
    label.set_in_layout(False)


@style.styled
def compared(table: pd.DataFrame, order: list[str], names: dict[str, str], lang: str,
             milestone_names: dict[str, str], focus: str, title: str, source: str,
             words: dict[tuple[str, str], str] | None = None,
             muted: AbstractSet[tuple[str, str]] = frozenset()) -> Figure:  # fmt: skip
    """One panel per compared milestone, the thefts in one order in every panel (`order`: largest
    first), on a log scale of time after the theft; the focus incident in the highlight colour on a
    tinted band, the others in one colour; a missing value said in grey words, 'not applicable' in
    italics; a value that is not what its panel's other rows are says what it is beside it (`words`, by
    milestone and theft: "1 h 31 min, no loss" where the exchange said customers lost nothing, "8 days
    (UTC), tokens" where tokens stood for the loss), so that no row passes for a like of the others;
    a cell in `muted` (by milestone and theft: a remedy for customers who lost nothing) has a grey
    mark. On a narrow page the panels are stacked in one column, in larger text.

    Every label is measured: a value goes beside its mark on the side with room inside its panel, else
    split about its mark (the value on one side, its word on the other), else on two lines; a long
    name is wrapped; each row is as tall as its tallest text in any panel and a gap
    (style.ROW_GAP_LINES), so no two rows' words touch; the figure is made as tall as its rows need."""
    narrow = style.is_narrow()
    size = style.NARROW_TEXT_PT if narrow else style.MIN_TEXT_PT
    gap = (style.NARROW_ROW_GAP_LINES if narrow else style.ROW_GAP_LINES) * size
    words = words or {}
    panels = list(dict.fromkeys(table["milestone"]))
    ncols = 1 if narrow else 2
    nrows = (len(panels) + ncols - 1) // ncols
    fig, axes = style.new_figure(1.1 + nrows * (0.3 + 0.16 * len(order)), nrows=nrows, ncols=ncols, sharey=True,
                                 squeeze=False)  # fmt: skip
    axes = list(axes.flat)
    shown, hidden = axes[: len(panels)], axes[len(panels) :]
    measure = Measure(fig)
    share = style.NARROW_NAME_SHARE if narrow else style.NAME_SHARE
    labels = [fitted(measure, names.get(i, i), lang, size, share * fig.get_figwidth() * 72) for i in order]
    for n, (ax, milestone) in enumerate(zip(shown, panels)):
        ax.set_yticks(range(len(order)), labels, fontsize=size, linespacing=style.LABEL_LINESPACING)
        ax.tick_params(axis="y", length=0)
        log_axis(ax, lang)
        ax.tick_params(axis="x", labelsize=size)
        if not narrow and n < len(panels) - ncols:
            ax.tick_params(axis="x", labelbottom=False, length=0)  # in print, the scale under the last row only
        ax.set_title(milestone_names[milestone], loc="left", fontsize=size + style.PANEL_TITLE_STEP_PT,
                     pad=style.PANEL_TITLE_PAD_PT)  # fmt: skip
    for ax in hidden:
        ax.set_visible(False)
    for ax in shown[-ncols:]:
        ax.set_xlabel(l10n.t("time_after_theft_axis", lang), fontsize=size)
    style.chart_title(fig, title, lang)
    style.add_source_line(fig, source, lang, h_pad=style.COMPARED_H_PAD)

    fig.draw_without_rendering()  # the layout, for the panels' width
    width = shown[0].get_position().width * fig.get_figwidth() * 72
    ticks = spaced_log_ticks(measure, lang, size, width)
    for ax in shown:
        ax.set_xticks([v for v, _ in ticks], [t for _, t in ticks])

    # What each panel writes in each row, and how tall each row must be for it. Days in another zone's
    # dates are said briefly ("8 days (UTC)", explained in the source line): in full, one would wrap,
    # and a wrapped value makes its row taller in every panel.
    tall = {i: measure(label, size)[1] for i, label in zip(order, labels)}
    cells = {}
    for n, milestone in enumerate(panels):
        rows = table[table["milestone"] == milestone].set_index("incident_id")
        for incident in order:
            if incident not in rows.index:
                continue
            r = rows.loc[incident]
            placed = log_place(r)
            if placed is None:
                room = width - _MISSING_OFFSET - style.EDGE_PT
                text, left = fitted(measure, l10n.label("state", r["state"], lang), lang, size, room), False
                aside = None
            else:
                value, kind = l10n.since(r, lang, short=True), words.get((milestone, incident))
                text, left, aside = _value_side(measure, value, kind, lang, size, *placed, width)
            cells[(n, incident)] = (r, placed, text, left, aside)
            tall[incident] = max(tall[incident], measure(text, size)[1])
    pitch = [tall[i] + gap for i in order]  # points
    middles = [sum(pitch[:k]) + p / 2 for k, p in enumerate(pitch)]
    for ax in shown:
        ax.set_yticks(middles, labels, fontsize=size, linespacing=style.LABEL_LINESPACING)
        ax.set_ylim(sum(pitch), 0)
        for spine in ax.spines.values():
            spine.set_zorder(5)  # over the labels' boxes: a bottom row's words never cut the axis
    # Each panel exactly as tall as its rows (its y axis in points): the figure's height follows.
    for _ in range(3):
        fig.draw_without_rendering()
        short = sum(pitch) / 72 - shown[0].get_position().height * fig.get_figheight()
        if abs(short) < 0.002:
            break
        fig.set_size_inches(fig.get_figwidth(), fig.get_figheight() + nrows * short)

    # Every other row on a light band (the focus on its tint): the eye follows a row across both
    # panels, the right-hand one without names; a label sits on its row's own colour, so no
    # gridline runs through its words.
    fills = {
        incident: style.tint(style.HIGHLIGHT, style.FOCUS_TINT) if incident == focus
        else style.ZEBRA if k % 2 else "white"
        for k, incident in enumerate(order)
    }  # fmt: skip
    for n, ax in enumerate(shown):
        for incident, y, p in zip(order, middles, pitch):
            colour = style.HIGHLIGHT if incident == focus else style.CONTEXT
            ink = style.HIGHLIGHT_INK if incident == focus else style.CONTEXT
            if (panels[n], incident) in muted:  # no like of its panel's others: its mark grey, its words
                colour = style.MISSING  # kept in ink, so that they never read as 'not found'
            if fills[incident] != "white":
                ax.axhspan(y - p / 2, y + p / 2, color=fills[incident], lw=0, zorder=0)
            if incident == focus:  # ruled above and below: the focus row still stands out printed in grey
                for edge in (y - p / 2, y + p / 2):
                    ax.axhline(edge, color=style.HIGHLIGHT, lw=0.8, zorder=4.5)  # over the labels' boxes: unbroken
            if (n, incident) not in cells:
                continue
            r, placed, text, left, aside = cells[(n, incident)]
            if placed is None:
                _compared_missing(ax, y, text, r["state"], size, fills[incident])
                continue
            x, extent = placed
            log_mark(ax, y, x, extent, colour, pd.notna(r["hours"]), ms=4.5)
            _compared_label(ax, extent[0] if extent and left else x, y, text, ink, size, fills[incident], left=left)
            if aside is not None:
                _compared_label(ax, x if left else extent[0] if extent else x, y, aside, ink, size, fills[incident],
                                left=not left)  # fmt: skip
    return fig


@style.styled
def sizes(values: pd.Series, shown: dict[str, str], names: dict[str, str], lang: str, focus: str, drains: set[str],
          title: str, source: str) -> Figure:  # fmt: skip
    """The thefts ranked by the value stolen at the time, in US dollars as the pages print it, largest
    first, each bar labelled with its value as `shown` writes it ("about" where the page says so); the
    focus incident in the highlight colour; a drain over years hatched and named as such."""
    ranked = values.sort_values(ascending=False, kind="stable")
    fig, ax = style.new_figure(1.2 + (0.32 if style.is_narrow() else 0.24) * len(ranked))
    millions = ranked / 1e6
    for y, (incident, value) in enumerate(millions.items()):
        colour = style.HIGHLIGHT if incident == focus else style.CONTEXT
        if incident in drains:
            # Light and hatched: the light fill is mixed with white rather than made transparent, as
            # an SVG draws the hatching in the fill's own transparency, where it would all but vanish.
            ax.barh(y, value, height=0.62, color=style.tint(colour, 0.35), hatch="////", edgecolor=colour, lw=0.6)
        else:
            ax.barh(y, value, height=0.62, color=colour, alpha=0.85, edgecolor=colour, lw=0.6)
        # beside its bar, never over it: a box over the bar's end would make the bar look shorter
        value_label(ax, value, y, shown[incident], "#222222", left=False)
    # a phone's long name on two lines, so that the bars keep the width (マウントゴックス（2014年）（長期の流出）)
    shown_names = [names.get(i, i) for i in ranked.index]
    if style.is_narrow():
        shown_names = [style.wrapped(n, lang, "label", 0.42) for n in shown_names]
    ax.set_yticks(range(len(ranked)), shown_names, fontsize=style.MIN_TEXT_PT, linespacing=style.LABEL_LINESPACING)
    ax.tick_params(axis="y", length=0)
    ax.set_ylim(len(ranked) - 0.5, -0.6)
    # The scale runs as far as the widest bar-and-label needs: a bar at v with a label w points wide
    # (and its offset) ends inside an axes W points wide when the scale's end is v / (1 - (w + 5) / W).
    measure = Measure(fig)
    fig.draw_without_rendering()
    room = ax.get_position().width * fig.get_figwidth() * 72
    ax.set_xlim(0, max(v / max(1 - (measure(shown[i], style.MIN_TEXT_PT)[0] + 5 + style.EDGE_PT) / room, 0.2)
                       for i, v in millions.items()))  # fmt: skip
    ax.set_xticks([])  # every bar carries its value; a scale would only repeat them
    ax.spines["bottom"].set_visible(False)
    ax.set_xlabel(l10n.t("value_stolen_axis", lang), fontsize=style.MIN_TEXT_PT)
    style.chart_title(fig, title, lang)
    style.add_source_line(fig, source, lang)
    return fig
