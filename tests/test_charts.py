"""Every chart renders in both languages with no missing glyph (a Glyph warning is an error here)."""

import warnings

import pytest
from matplotlib.figure import Figure

from analysis import charts, style
from analysis.artifacts import figures
from analysis.report import prepare


@pytest.fixture(scope="module", params=["ja", "en"])
def ctx(request):
    return prepare(lang=request.param)


def texts(fig: Figure) -> str:
    return "\n".join(t.get_text() for t in fig.findobj(lambda a: hasattr(a, "get_text")))


def test_every_chart_has_title_axis_labels_and_source(ctx):
    for name, fig in figures(ctx).items():
        png = style.png_bytes(fig)  # draws everything: a missing glyph raises here
        assert png.startswith(b"\x89PNG")
        ax = fig.axes[0]
        assert ax.get_title(loc="left"), name
        assert ax.get_xlabel() or ax.get_ylabel(), name
        assert ("出典" if ctx.lang == "ja" else "Source") in texts(fig), name


def test_labels_are_in_the_report_language(ctx):
    body = texts(figures(ctx)["timeline"])
    if ctx.lang == "ja":
        assert "金融庁" in body and "業務改善命令" in body
    else:
        assert "FSA" in body and "Business improvement order" in body and "金融庁" not in body


def test_same_day_events_do_not_overprint(ctx):
    fig = figures(ctx)["timeline"]
    ax = fig.axes[0]
    points = [
        (tuple(line.get_xdata()), tuple(line.get_ydata()))
        for line in ax.get_lines()
        if line.get_marker() not in (None, "None", "") and len(line.get_xdata()) == 1
    ]
    assert len(points) == len(ctx.seed_events)
    assert len(set(points)) == len(points)


def test_chain_chart_numbers_match_the_durations(ctx):
    body = texts(charts.milestone_chain(ctx.data.events, ctx.durations, ctx.lang, ctx.milestone_names))
    expect = "15日・10営業日" if ctx.lang == "ja" else "15 days, 10 business days"
    assert expect in body


def test_missing_glyph_is_an_error():
    """Guards the guard: a character the bundled font lacks must fail, not draw a box."""
    fig, ax = style.new_figure(1)
    ax.set_title("\U0001f4a5")
    with warnings.catch_warnings():
        warnings.filterwarnings("error", message="Glyph", category=UserWarning)
        with pytest.raises(UserWarning, match="Glyph"):
            style.png_bytes(fig)


def test_same_figure_same_bytes(ctx):
    a = style.png_bytes(charts.compensation(ctx.figures, ctx.lang))
    b = style.png_bytes(charts.compensation(ctx.figures, ctx.lang))
    assert a == b
