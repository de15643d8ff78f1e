"""The one place for how charts look: fonts, sizes, colours, the source line."""

from __future__ import annotations

import contextlib
import contextvars
import inspect
import io

import matplotlib
import matplotlib_fontja  # noqa: F401  (registers the bundled IPAexGothic font with matplotlib)
from matplotlib.colors import to_rgb
from matplotlib.figure import Figure

from analysis import l10n
from analysis.report import linebreaks

FONT = "IPAexGothic"
WIDTH_IN = 7.08  # the text width of an A4 page with 15 mm margins (180 mm), where it prints 1:1
# A phone's chart: 3.8 in is 365 CSS px, drawn about 1:1 on a 390 px screen, so 7.5 pt text stays
# 10 px high there instead of shrinking to half.
NARROW_WIDTH_IN = 3.8
_WIDTH: contextvars.ContextVar[float] = contextvars.ContextVar("chart_width", default=WIDTH_IN)
DPI = 200

ACTOR_COLOURS = {
    "coincheck": "#1f5fa8",
    "fsa": "#b2372c",
    "attacker": "#333333",
    "lawyers": "#6a3d9a",
    "victims_association": "#8c6d1f",
    "customers": "#2e7d4f",
    "ministries": "#d26a00",
    "exchange": "#1f5fa8",
    "parent_company": "#5b8cc4",
    "acquirer": "#2e7d4f",
    "police": "#8c564b",
    "nem_foundation": "#17807e",
    "trustee": "#7f7f7f",
    "regulator": "#b2372c",
}
# Where colour alone says who acted (a clock's rows that mark no step), printed in grey the attacker's
# near-black and an exchange's blue come close: the attacker's marks are diamonds, every other's dots
# (a diamond a little smaller, as it looks larger than a dot of the same size).
ACTOR_MARKS = {"attacker": {"marker": "D", "ms": 4.2}}
DOT = {"marker": "o", "ms": 5}


def actor_mark(actor: str) -> dict:
    """An actor's mark, as Line2D's marker and ms."""
    return ACTOR_MARKS.get(actor, DOT)


MILESTONE_COLOUR = "#444444"
# Okabe-Ito: eight colours that stay apart under the common colour-vision deficiencies.
OKABE_ITO = {
    "black": "#000000",
    "orange": "#E69F00",
    "sky": "#56B4E9",
    "green": "#009E73",
    "yellow": "#F0E442",
    "blue": "#0072B2",
    "vermillion": "#D55E00",
    "purple": "#CC79A7",
}
HIGHLIGHT = OKABE_ITO["vermillion"]  # the incident a chart is about
# The highlight's words: the vermillion darkened until small text on its tint reads (5.5:1, where the
# vermillion itself gives 3.2:1); marks keep the vermillion.
HIGHLIGHT_INK = "#9A4400"
# What a value is where it is no like of its panel's others and its mark is grey (its words say what
# it is): a remedy for customers who lost nothing (numbers.QUALIFIER_KINDS).
MUTED_KINDS = frozenset({"no_loss"})
CONTEXT = OKABE_ITO["blue"]  # the others
# n/a: neutral, never an alarm colour; words in it read on the zebra band and the focus tint (4.8:1)
MISSING = "#666666"
MIN_TEXT_PT = 7.5  # the smallest text of a chart at printed size
# A phone's chart is read at about its printed size on a small screen: the comparison's many rows of
# names and values a step larger there (nearly 11 px on a 390 px screen), its panels' titles a step above.
NARROW_TEXT_PT = 8
PANEL_TITLE_STEP_PT = 1.5
PANEL_TITLE_PAD_PT = 3  # a panel's title close above its rows
# The space between two rows of labels, in lines of their text: close in print (page 1 holds the
# chart), more air on a phone; never touching (in print the 0.6 pt of white padding under two rows'
# words may meet, which page 1's room allows no more than).
ROW_GAP_LINES = 0.1
NARROW_ROW_GAP_LINES = 0.3
# A label beside a mark keeps this far (points) from its panel's edges, and tick labels this far apart.
EDGE_PT = 1.5
LABEL_LINESPACING = 1.0  # a label's lines (a name or a value on two lines), close but apart
# The widest a row's name may be before it is wrapped, as a share of the chart's width.
NAME_SHARE = 0.32
NARROW_NAME_SHARE = 0.4
# Every other row of a panel on a light band: the right-hand panels carry no names, and rows set
# close in print (grey words over grey words) read as one block without it. The focus row's tint is
# darker than the band, so it stands out printed in grey too (the Japanese font has no bold).
ZEBRA = "#f5f5f5"
FOCUS_TINT = 0.14
# The comparison's rows of panels a little closer than other charts' (inches): page 1 holds it with
# a source line that names the kinds of page read.
COMPARED_H_PAD = 0.04
CLOSED_DAY_COLOUR = "#ececec"
PAID_COLOUR = "#1f5fa8"
REPORTED_COLOUR = "#9aa5b1"

RC = {
    "font.family": FONT,
    "font.size": 8,
    "axes.titlesize": 10,
    "axes.titleweight": "normal",
    "axes.labelsize": 8,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "legend.fontsize": 7.5,
    "legend.frameon": False,
    "xtick.labelsize": 7.5,
    "ytick.labelsize": 7.5,
    "svg.hashsalt": "coincheck-2018",
    "path.simplify": False,
}


@contextlib.contextmanager
def narrow():
    """Charts drawn inside are laid out for a phone's width (stacked panels, shorter lines)."""
    token = _WIDTH.set(NARROW_WIDTH_IN)
    try:
        yield
    finally:
        _WIDTH.reset(token)


def is_narrow() -> bool:
    return _WIDTH.get() < WIDTH_IN


def chart_width() -> float:
    """The width (inches) of the charts being drawn: the page's, or a phone's inside `narrow()`."""
    return _WIDTH.get()


def tint(colour: str, share: float) -> tuple[float, float, float]:
    """The colour as `share` of it over white, solid: a band or fill under words and hatching, which
    an SVG would draw in the fill's own transparency."""
    return tuple(1 - share * (1 - c) for c in to_rgb(colour))


def new_figure(height_in: float, **subplots) -> tuple[Figure, object]:
    """A figure of the report's width, not attached to pyplot (no global state, no leaks).

    Called inside a `styled` chart it keeps that chart's language fonts, and remembers them: tick
    labels are made when the figure is saved, which must happen with the same fonts."""
    families = matplotlib.rcParams["font.family"]
    params = {**RC, "font.family": families if FONT in families else [FONT]}
    with matplotlib.rc_context(params):
        fig = Figure(figsize=(_WIDTH.get(), height_in), dpi=DPI, layout="constrained")
        axes = fig.subplots(**subplots)
    fig.report_rc = params
    return fig, axes


def rc(lang: str | None = None) -> dict:
    """The report's rcParams with the language's chart fonts (its catalogue's chart_fonts: English
    in a Latin face with Japanese glyphs falling back to the bundled Japanese font); the bundled
    font for a chart in no language."""
    return {**RC, "font.family": l10n.chart_fonts(lang) if lang else [FONT]}


def styled(draw):
    """Run a chart function with the report's rcParams (and its language's fonts) while it draws."""
    signature = inspect.signature(draw)

    def wrapper(*args, **kwargs):
        lang = signature.bind_partial(*args, **kwargs).arguments.get("lang")
        with matplotlib.rc_context(rc(lang)):
            return draw(*args, **kwargs)

    wrapper.__name__, wrapper.__doc__, wrapper.__wrapped__ = draw.__name__, draw.__doc__, draw
    return wrapper


# How much text fits on one line of a chart's title or source line across a chart 7.2 in wide, in
# half-width columns (a Japanese character takes two); a chart of another width fits as many more or
# fewer as its width allows.
LINE_COLUMNS = {"title": 88, "source": 122, "label": 110}
_COLUMNS_WIDTH_IN = 7.2


def wrapped(text: str, lang: str, kind: str = "title", share: float = 1.0) -> str:
    """A chart's text broken into lines that fit the page (or `share` of its width), where the
    language breaks a line (linebreaks.wrap)."""
    return linebreaks.wrap(text, lang, max(12, int(LINE_COLUMNS[kind] * share * _WIDTH.get() / _COLUMNS_WIDTH_IN)))


def add_source_line(fig: Figure, text: str, lang: str, h_pad: float = 0.06) -> None:
    """The chart's source line under its panels; `h_pad` (inches) the space between its rows of
    panels, closer where page 1 must hold the chart (the comparison's three rows)."""
    fig.get_layout_engine().set(h_pad=h_pad)
    fig.supxlabel(
        wrapped(text, lang, "source"), x=0.01, ha="left", fontsize=MIN_TEXT_PT, color="#555555", fontweight="normal"
    )


def chart_title(fig: Figure, text: str, lang: str) -> None:
    """The finding a chart shows, as its title above every panel, wrapped to the page's width. The
    title as written is kept on the figure for its alt text and the site's headings and citations:
    the wrapped one's line breaks would read as spaces, between Japanese words too."""
    fig.suptitle(wrapped(text, lang), x=0.01, ha="left", fontsize=10, linespacing=1.3)
    fig.analysis_title = text


def axis_unit(ax, text: str) -> None:
    """A y axis's quantity and unit written horizontally above it (never sideways: Japanese set
    vertically rotated is hard to read)."""
    ax.annotate(
        text,
        (0, 1),
        xycoords="axes fraction",
        xytext=(0, 8),
        textcoords="offset points",
        ha="left",
        va="bottom",
        fontsize=MIN_TEXT_PT,
        color="#333333",
    )


def png_bytes(fig: Figure) -> bytes:
    """PNG with no software or date stamp, so the same figure gives the same bytes."""
    return _saved(fig, "png", metadata={"Software": None})


def svg_text(fig: Figure) -> str:
    """SVG for the HTML: sharp at any width and in print; ids from a fixed hash salt and no date, so the
    same figure gives the same bytes. Its background is the page's (a phone shows a scroll shadow
    through it)."""
    return _saved(fig, "svg", metadata={"Date": None, "Creator": None}, transparent=True).decode()


def _saved(fig: Figure, fmt: str, **kwargs) -> bytes:
    buf = io.BytesIO()
    # svg.fonttype stays "path": glyphs drawn as outlines look the same whatever fonts the reader has.
    params = getattr(fig, "report_rc", RC)
    with matplotlib.rc_context(params):
        fig.savefig(buf, format=fmt, dpi=DPI, **kwargs)
    return buf.getvalue()
