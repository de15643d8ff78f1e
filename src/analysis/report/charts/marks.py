"""The marks and words the charts share: a dot, a bar or a span for a fact, a value beside its mark,
a step with no value said in grey, what the marks drawn mean, and the line naming the sources."""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from analysis import l10n, vocab
from analysis.report import style
from analysis.report.charts.scales import LOG_EDGE, LOG_RIGHT, share_of_log_axis

# A span's bar is this thick (points); a span narrower than that on its axis (Mt. Gox's 874–901 days:
# under half a point) is drawn as wide as the bar is thick, about its middle, so that it reads as a
# span and not as a hairline at the stem's end.
SPAN_LW = 4.0
SPAN_ALPHA = 0.3  # a span's bar: light, so a dot drawn over it still stands out

# The timeline draws two kinds of mark only: a dot at a fact's stated time, a bar across the day of
# a fact known by its date. Who acted is the row's colour and name; the kind of source (the seed's
# ● and ○, a date inside an announcement, a news report) is in the sources table, one link away.
TIMED_MS = 4.7


def source_line(events: pd.DataFrame, lang: str) -> str:
    """The seed's title when every fact drawn comes from it; otherwise the research's line, naming
    the kinds of page its rows were read on."""
    return credit(set(events["source_id"]), lang, read_on(events))


def read_on(events: pd.DataFrame) -> set[str]:
    """The kinds of page (vocab.PAGE_KINDS, from pages.csv) the rows' facts were read on."""
    pages = events["pages"] if "pages" in events else ()
    return {p.kind for ps in pages if isinstance(ps, (tuple, list)) for p in ps if p.kind}


def sources_named(sources: set[str], kinds: set[str], lang: str) -> str:
    """What a chart rests on, as its source line says it: the seed's timeline where a row comes from
    it, then each kind of page read, most direct first ("company announcements; newspapers and wire
    services"); a chart drawn from blogs says so."""
    named = [l10n.t("seed_short", lang)] if "seed" in sources else []
    named += [l10n.label("pages_read", k, lang) for k in vocab.PAGE_KINDS if k in kinds]
    return l10n.t("kinds_separator", lang).join(named) if named else l10n.t("pages_listed", lang)


def credit(sources: set[str], lang: str, kinds: set[str]) -> str:
    """A chart's source line from the sources of the rows it draws: the seed's title when it rests
    on the seed alone, else what it rests on (`sources_named`), with the list of sources to see."""
    if sources == {"seed"}:
        return l10n.t("source_line", lang, source=l10n.t("seed_name", lang))
    return l10n.t("source_line_research", lang, sources=sources_named(sources, kinds, lang))


def under_label(ax, y: float, text: str, colour: str = "#222222"):
    """A phone's fact text under its mark, from the plot's left edge."""
    note = ax.annotate(text, (0, y + 0.38), xycoords=("axes fraction", "data"), va="top", ha="left",
                       fontsize=style.MIN_TEXT_PT, color=colour, linespacing=1.05, zorder=4)  # fmt: skip
    note.set_in_layout(False)
    return note


def lollipop(ax, y: float, x: float, colour: str, timed: bool, *, ms: float = 5,
              extent: tuple[float, float] | None = None, marker: str = "o") -> None:  # fmt: skip
    """A stem from the theft to a step and its mark: a filled dot when both times are known, a
    hollow one when the days are counted by calendar date, a bar over a range of days; a deadline's
    `marker` a diamond ("D"), as it is no step taken."""
    ax.plot([0, extent[0] if extent else x], [y, y], color=colour, lw=1, alpha=0.35, solid_capstyle="butt")
    if extent is not None:
        # The bar ends where the range does (projecting ends drew Q2 2019 some 25 days too wide); an
        # upright tick at each end keeps a range of 2 days on a scale of 3,000 seen as a mark, not as
        # the stem's end.
        # light, as the key calls it: somewhere in the span, not a length
        ax.plot(extent, [y, y], color=colour, lw=4.5, alpha=0.4, solid_capstyle="butt", clip_on=False, zorder=3)
        ax.plot(extent, [y, y], ls="none", marker="|", ms=7, mew=1.2, color=colour, alpha=0.7, clip_on=False,
                zorder=3)  # fmt: skip
        return
    ax.plot([x], [y], marker=marker, ms=ms, mfc=colour if timed else "white", mec=colour, mew=1.2, ls="none",
            clip_on=False, zorder=3)  # fmt: skip


VALUE_OFFSET_PT = {True: 6, False: 5}  # a value's distance from its mark, written to the left (True) or right


def value_label(ax, x: float, y: float, text: str, colour: str, *, left: bool) -> None:
    """A value written beside its mark; written to the left it sits on white, over the stem."""
    label = ax.annotate(text, (x, y), xytext=(-VALUE_OFFSET_PT[True] if left else VALUE_OFFSET_PT[False], 0),
                        textcoords="offset points", va="center",
                        ha="right" if left else "left", fontsize=style.MIN_TEXT_PT, color=colour, zorder=4,
                        bbox=dict(fc="white", ec="none", pad=0.6) if left else None)  # fmt: skip
    label.set_in_layout(False)  # it stays inside the plot; the layout should not shrink the plot for it


def missing(ax, y: float, text: str) -> None:
    ax.annotate(text, (0, y), xytext=(4, 0), textcoords="offset points", va="center", fontsize=style.MIN_TEXT_PT,
                color=style.MISSING)  # fmt: skip


def log_mark(ax, y: float, x: float, extent: tuple[float, float] | None, colour: str, timed: bool, *,
             ms: float, right: float = LOG_RIGHT) -> None:  # fmt: skip
    """A step on the log scale (its right end `right`): a stem from the scale's edge, then a light
    span over a range (somewhere in it: light, so that it does not read as a length; one narrower than
    its bar is thick as wide as that), else a dot, filled when both times are known. The axes' width
    is read from its place in the figure: call it once the figure has its size."""
    ax.plot([LOG_EDGE, extent[0] if extent else x], [y, y], color=colour, lw=1, alpha=0.35, solid_capstyle="butt")
    if extent is not None:
        lo, hi = extent
        width = ax.get_position().width * ax.figure.get_figwidth() * 72
        if (share_of_log_axis(hi, right) - share_of_log_axis(lo, right)) * width < SPAN_LW:
            ax.plot([(lo * hi) ** 0.5], [y], marker="|", ms=SPAN_LW, mew=SPAN_LW, color=colour, alpha=SPAN_ALPHA,
                    ls="none", zorder=3)  # fmt: skip
            return
        ax.plot(extent, [y, y], color=colour, lw=SPAN_LW, alpha=SPAN_ALPHA, solid_capstyle="butt", zorder=3)
        return
    ax.plot([x], [y], marker="o", ms=ms, mfc=colour if timed else "white", mec=colour, mew=1.2, ls="none",
            clip_on=False, zorder=3)  # fmt: skip


def not_drawn(ax, y: float, state: str, lang: str) -> None:
    """A step with no value, said in words; 'not applicable' (nothing to do) set apart in italics
    from 'not found' and 'did not happen'."""
    ax.annotate(l10n.label("state", state, lang), (LOG_EDGE, y), xytext=(4, 0), textcoords="offset points",
                va="center", fontsize=style.MIN_TEXT_PT, color=style.MISSING,
                fontstyle="italic" if state == "not_applicable" else "normal")  # fmt: skip


def marks_key(drawn: list[tuple[bool, tuple | None]], lang: str, periods: Sequence[str] = (), edge: bool = False,
              deadline: bool = False) -> str:  # fmt: skip
    """What the marks drawn mean, only those drawn: (both times known, span) of each mark; `periods`
    those spans stand for (a date the pages give only to a month or a quarter), named as such ("some
    only to a month": never a quarter where none is drawn); `edge` when a dot
    stands at the scale's left edge for a step within its first ten minutes (not to scale); `deadline`
    when a diamond stands for a deadline (and is not among `drawn`)."""
    keys = [
        key
        for key, shown in (
            ("key_filled", any(timed and extent is None for timed, extent in drawn)),
            ("key_hollow", any(not timed and extent is None for timed, extent in drawn)),
            ("key_span_period" if periods else "key_span", any(extent is not None for _, extent in drawn)),
            ("key_edge", edge),
            ("key_deadline", deadline),
        )
        if shown
    ]
    unit = l10n.period_unit(periods, lang) if periods else None
    return l10n.sentence_start(l10n.t("key_joiner", lang).join(l10n.t(k, lang, unit=unit) for k in keys))
