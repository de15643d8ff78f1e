"""Text that fits its room: labels wrapped to the space beside or under their marks, and text
measured with the figure's own fonts and broken where the language allows."""

from __future__ import annotations

import unicodedata

from matplotlib.backends.backend_agg import RendererAgg
from matplotlib.figure import Figure

from analysis import l10n
from analysis.report import linebreaks, style


def wrapped_rows(
    labels: list[str], room: list[float], lang: str, plot: float | None = None
) -> tuple[list[str], list[float], list[float]]:
    """Labels wrapped to the share of the page beside their marks (`room`, shares of the plot; `plot`,
    the plot's share of the page, about 85% unless given), each row as tall as its lines; returns the
    labels, the rows' middles and their total height (in rows)."""
    plot = plot or 0.85
    labels = [style.wrapped(t, lang, "label", max(share * plot - 0.02, 0.25)) for t, share in zip(labels, room)]
    heights = [1 + 0.75 * t.count("\n") for t in labels]
    middles = [sum(heights[:i]) + h / 2 for i, h in enumerate(heights)]
    return labels, middles, heights


def under_rows(labels: list[str], lang: str, row_in: float) -> tuple[list[str], list[float], list[float]]:
    """On a phone: each fact's text on the lines under its mark, across the page's width (beside
    the mark it would have a few words a line); returns the labels, the marks' rows and each row's
    height (in rows of `row_in` inches)."""
    labels = [style.wrapped(t, lang, "label", 0.9) for t in labels]
    line = style.MIN_TEXT_PT * 1.25 * 1.05 / 72 / row_in  # a text line, in rows
    heights = [1.25 + line * (t.count("\n") + 1) for t in labels]
    marks = [sum(heights[:i]) + 0.55 for i in range(len(labels))]
    return labels, marks, heights


class Measure:
    """Text as a figure draws it, with the fonts in force: its width and height in points."""

    def __init__(self, fig: Figure):
        self.fig = fig
        self.renderer = RendererAgg(1, 1, fig.dpi)

    def __call__(self, text: str, size: float) -> tuple[float, float]:
        probe = self.fig.text(0, 0, text, fontsize=size, linespacing=style.LABEL_LINESPACING)
        box = probe.get_window_extent(self.renderer)
        probe.remove()
        return box.width * 72 / self.fig.dpi, box.height * 72 / self.fig.dpi


def fitted(measure: Measure, text: str, lang: str, size: float, room: float) -> str:
    """`text` on as few lines as fit `room` points, broken where a line may break: after a mark the
    language breaks after (a space, 「、」, 「）」), before an opening bracket, or beside a quantity
    (「協定世界時の日付で」 / 「8日」); inside a run of words (style.wrapped) only when nothing else
    fits. On one line when it fits; the narrowest it can be when nothing does."""
    wide = lambda t: measure(t, size)[0]  # noqa: E731
    if wide(text) <= room:
        return text
    locale = l10n.catalogue(lang)["locale"]
    quantities = linebreaks.quantity_spans(text)
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
