"""The one place for how charts look: fonts, sizes, colours, the source line."""

from __future__ import annotations

import io

import matplotlib
import matplotlib_fontja  # noqa: F401  (registers the bundled IPAexGothic font with matplotlib)
from matplotlib.figure import Figure

FONT = "IPAexGothic"
WIDTH_IN = 7.2  # the text width of an A4 page with 15 mm margins
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
MILESTONE_COLOUR = "#444444"
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
    "legend.fontsize": 7,
    "legend.frameon": False,
    "xtick.labelsize": 7,
    "ytick.labelsize": 7,
    "svg.hashsalt": "coincheck-2018",
    "path.simplify": False,
}


def new_figure(height_in: float, **subplots) -> tuple[Figure, object]:
    """A figure of the report's width, not attached to pyplot (no global state, no leaks)."""
    with matplotlib.rc_context(RC):
        fig = Figure(figsize=(WIDTH_IN, height_in), dpi=DPI, layout="constrained")
        axes = fig.subplots(**subplots)
    return fig, axes


def styled(draw):
    """Run a chart function with the report's rcParams in force while it draws."""

    def wrapper(*args, **kwargs):
        with matplotlib.rc_context(RC):
            return draw(*args, **kwargs)

    wrapper.__name__, wrapper.__doc__, wrapper.__wrapped__ = draw.__name__, draw.__doc__, draw
    return wrapper


def add_source_line(fig: Figure, text: str) -> None:
    fig.get_layout_engine().set(h_pad=0.06)
    fig.supxlabel(text, x=0.01, ha="left", fontsize=6.5, color="#555555", fontweight="normal")


def png_bytes(fig: Figure) -> bytes:
    """PNG with no software or date stamp, so the same figure gives the same bytes."""
    buf = io.BytesIO()
    with matplotlib.rc_context(RC):
        fig.savefig(buf, format="png", dpi=DPI, metadata={"Software": None})
    return buf.getvalue()
