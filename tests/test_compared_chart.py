"""The comparison chart (every theft's time to each compared step, charts.compared) as drawn, in
each language, in print and on a phone: no two of its texts touch (their boxes do not meet at
all), none runs past the figure's edge or out of its panel, none is smaller than the smallest text
(and a phone's rows a step larger); a label that must be wrapped breaks where the language breaks
a line or beside a quantity, never inside a word."""

from __future__ import annotations

import contextlib
import itertools

import matplotlib
import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.text import Text
from matplotlib.transforms import Bbox

from analysis import l10n
from analysis.report import charts, style
from analysis.report.context import prepare_comparison

INCIDENTS = [None, ["bitfinex-2016", "binance-2019", "mtgox-2014"]]  # all nine (default), and three


def drawn(lang: str, phone: bool, incidents=None, chart=charts.compared_of) -> Figure:
    ctx = prepare_comparison(lang=lang, **({"incidents": incidents} if incidents else {}))
    with style.narrow() if phone else contextlib.nullcontext():
        fig = chart(ctx)
    FigureCanvasAgg(fig)
    fig.canvas.draw()
    return fig


def boxes(fig: Figure) -> list[tuple[Text, Bbox]]:
    renderer = fig.canvas.get_renderer()
    return [(t, t.get_window_extent(renderer)) for t in fig.findobj(Text) if t.get_visible() and t.get_text().strip()]


@pytest.mark.parametrize("incidents", INCIDENTS, ids=["nine", "three"])
@pytest.mark.parametrize("phone", [False, True], ids=["print", "phone"])
@pytest.mark.parametrize("lang", l10n.LANGUAGES)
def test_no_label_touches_another_or_leaves_the_figure(lang, phone, incidents):
    fig = drawn(lang, phone, incidents)
    texts = boxes(fig)
    touching = [
        (a.get_text(), b.get_text())
        for (a, box_a), (b, box_b) in itertools.combinations(texts, 2)
        if (inter := Bbox.intersection(box_a, box_b)) is not None and inter.width > 0 and inter.height > 0
    ]
    assert touching == []
    edge = fig.bbox
    outside = [t.get_text() for t, b in texts if b.x0 < edge.x0 or b.x1 > edge.x1 or b.y0 < edge.y0 or b.y1 > edge.y1]
    assert outside == []
    small = [(t.get_text(), t.get_fontsize()) for t, _ in texts if t.get_fontsize() < style.MIN_TEXT_PT]
    assert small == []
    renderer = fig.canvas.get_renderer()
    for ax in fig.axes:
        if not ax.get_visible():
            continue
        panel = ax.get_window_extent(renderer)
        for t in ax.texts:  # the values and the words for a missing one stay inside their panel
            b = t.get_window_extent(renderer)
            assert panel.x0 <= b.x0 and b.x1 <= panel.x1, (ax.get_title(loc="left"), t.get_text())
        if phone:  # a phone's names and values a step above the smallest text
            rows = [*ax.texts, *ax.get_yticklabels()]
            assert {t.get_fontsize() for t in rows if t.get_text()} == {style.NARROW_TEXT_PT}


@pytest.mark.parametrize(
    "text, lang, room, lines",
    [
        ("協定世界時の日付で8日", "ja", 80, ["協定世界時の日付で", "8日"]),  # beside the quantity
        ("ビットフィネックス（2016年）", "ja", 80, ["ビットフィネックス", "（2016年）"]),  # before the bracket
        ("マウントゴックス（2014年）（長期の流出）", "ja", 110, ["マウントゴックス（2014年）", "（長期の流出）"]),
        ("8 days, in UTC dates", "en", 60, ["8 days,", "in UTC dates"]),  # after the comma
        ("same day", "en", 200, ["same day"]),  # it fits: one line
    ],
)
def test_a_long_label_breaks_where_the_language_breaks(text, lang, room, lines):
    with matplotlib.rc_context(style.rc(lang)), style.narrow():
        fig, _ = style.new_figure(2)
        measure = charts.fitting.Measure(fig)
        fitted = charts.fitting.fitted(measure, text, lang, style.NARROW_TEXT_PT, room)
        assert all(measure(line, style.NARROW_TEXT_PT)[0] <= room for line in fitted.split("\n"))
    assert fitted.split("\n") == lines


@pytest.mark.parametrize("held", ["Mt. Gox 2014", "Liquid 2021", "December 2024"])
def test_a_label_keeps_a_name_with_its_year(held):
    # The most even two lines of "a Mt. Gox 2014" are "a Mt." and "Gox 2014": a name cut from its
    # year (or its first word) reads as two things; the label gives up evenness for it.
    with matplotlib.rc_context(style.rc("en")), style.narrow():
        fig, _ = style.new_figure(2)
        measure = charts.fitting.Measure(fig)
        room = measure(held, style.NARROW_TEXT_PT)[0] + 1
        fitted = charts.fitting.fitted(measure, f"a {held}", "en", style.NARROW_TEXT_PT, room)
    assert fitted.split("\n") == ["a", held]


@pytest.mark.parametrize("phone", [False, True], ids=["print", "phone"])
@pytest.mark.parametrize("lang", l10n.LANGUAGES)
def test_every_size_is_written_beside_its_bar_inside_the_plot(lang, phone):
    # The largest's value once sat on a white box over the end of its bar, which then looked shorter
    # (Bybit's US$1.46 billion on the phone chart).
    fig = drawn(lang, phone, chart=charts.sizes_of)
    renderer = fig.canvas.get_renderer()
    ax = fig.axes[0]
    plot = ax.get_window_extent(renderer)
    bars = sorted((p.get_window_extent(renderer) for p in ax.patches), key=lambda b: -b.y0)
    labels = sorted((t.get_window_extent(renderer) for t in ax.texts), key=lambda b: -b.y0)
    assert len(bars) == len(labels) == 9
    for bar, label in zip(bars, labels):
        assert bar.x1 < label.x0 and label.x1 <= plot.x1
    # the names leave the bars half the width: a phone's long name is on two lines (マウントゴックス
    # （2014年）（長期の流出） once took half the Japanese phone chart, the smallest bars 2 px wide)
    assert plot.width > 0.5 * fig.bbox.width


@pytest.mark.parametrize("phone", [False, True], ids=["print", "phone"])
@pytest.mark.parametrize("lang", l10n.LANGUAGES)
def test_a_value_written_left_of_its_mark_stays_clear_of_the_axis(lang, phone):
    # Bitfinex's 「協定世界時の日付で8日」 once ended 2.7 pt from the y axis, a sliver of stem between
    # them, as if it were the axis's own label: a value goes left only with 10 pt to spare.
    fig = drawn(lang, phone)
    renderer = fig.canvas.get_renderer()
    close = [
        t.get_text()
        for ax in fig.axes
        if ax.get_visible()
        for t in ax.texts
        if t.get_horizontalalignment() == "right"
        and t.get_window_extent(renderer).x0 - ax.get_window_extent(renderer).x0 < 10 * fig.dpi / 72 - 0.5
    ]
    assert close == []


@pytest.mark.parametrize("phone", [False, True], ids=["print", "phone"])
@pytest.mark.parametrize(
    "lang, said, key",
    # In full, Bitfinex's 「協定世界時の日付で8日」 did not fit beside its mark and wrapped, making its
    # row taller in all six panels: the chart says every UTC count briefly, one way in all four, and
    # its source line says what the brief form counts. 「8日（協定世界時）、トークン」 wrapped too: the
    # brief form names the zone as briefly as the English does. (Bitfinex's 8 days carry the word
    # "tokens", beside the value or on the mark's other side: test_a_remedy_delivered_in_tokens...)
    [
        ("ja", {"当日（UTC）", "8日（UTC）"}, "（UTC）：協定世界時の日付で数えた日数。"),
        ("en", {"same day (UTC)", "8 days (UTC)"}, "(UTC): days counted in UTC dates."),
    ],
)
def test_days_in_another_zone_are_said_one_way_on_one_line(lang, phone, said, key):
    fig = drawn(lang, phone)
    zone = l10n.label("zone_short", "UTC", lang)
    source = fig.texts[-1].get_text()  # the source line explains the marks; it is not a value
    assert key in source.replace("\n", " " if lang == "en" else "")
    values = [t.get_text() for t, _ in boxes(fig) if zone in t.get_text() and t.get_text() != source]
    assert all("\n" not in v for v in values), values
    tokens = l10n.t("compared_kind_value", lang, value="", kind=l10n.t("compared_kind_tokens", lang))
    assert {v.removesuffix(tokens) for v in values} == said


@pytest.mark.parametrize("phone", [False, True], ids=["print", "phone"])
@pytest.mark.parametrize(
    "lang, value, note",
    [
        ("en", "8 days (UTC)", "Tokens: the day tokens for the loss (not coins) were credited."),
        ("ja", "8日（UTC）", "トークン：コインでなく損失分のトークンを付与した日。"),
    ],
)
def test_a_remedy_delivered_in_tokens_is_marked_as_such(lang, phone, value, note):
    # Bitfinex credited tokens standing for the loss (remedies.csv method 'tokens'), not the coins:
    # its "Remedy delivered" value says so in a word the source line explains, on one line: after the
    # value where the panel has room for both on one side, else on the mark's other side. No other
    # value says it.
    fig = drawn(lang, phone)
    source = fig.texts[-1].get_text()
    assert note in source.replace("\n", " " if lang == "en" else "")
    word = l10n.t("compared_kind_tokens", lang)
    marked = [t for t, _ in boxes(fig) if t.get_text().endswith(word) and t.get_text() != source]
    assert len(marked) == 1, [t.get_text() for t in marked]
    (label,) = marked
    if label.get_text() != word:
        assert label.get_text() == l10n.t("compared_kind_value", lang, value=value, kind=word)
    else:  # the value itself on the mark's other side, in the same row
        row = [t for t in label.axes.texts if t.xy[1] == label.xy[1] and t is not label]
        assert [t.get_text() for t in row] == [value]
        assert {t.get_horizontalalignment() for t in (label, *row)} == {"left", "right"}


def test_a_next_day_with_neither_time_is_drawn_as_a_span_not_a_point():
    # BITPoint: theft on 11 July 2019 at no time given, before its detection at about 22:12; disclosed
    # on 12 July at no time given. A point at 24 h sat beyond every "same day" span though the
    # disclosure may have come within the hour: it spans 48 min (from 23:12) to 48 h.
    from analysis.report.charts.scales import log_place

    table = prepare_comparison(lang="en").table.set_index(["incident_id", "milestone"])
    row = table.loc[("bitpoint-2019", "disclosure")]
    assert (row["days"], row["hours_min"], row["hours_max"]) == (1, pytest.approx(0.8), pytest.approx(48.0))
    x, extent = log_place(row)
    assert x == pytest.approx(2.0) and extent == (pytest.approx(0.8 / 24), pytest.approx(2.0))
    # a count of two days or more is still its days (a hollow dot): Zaif's disclosure, 6 days
    assert log_place(table.loc[("zaif-2018", "disclosure")]) == (6.0, None)


def test_the_compared_chart_s_title_nests_no_brackets():
    # 「（コインチェック（2018年）を強調）」 nested a name's brackets in the title's
    assert charts.title_of(drawn("ja", False)) == "流出から各段階までの時間（2018年のコインチェックを強調）"
    assert charts.title_of(drawn("en", False)) == "Time from each theft to each step (Coincheck 2018 highlighted)"


@pytest.mark.parametrize("phone", [False, True], ids=["print", "phone"])
def test_a_remedy_for_no_loss_is_grey_and_the_focus_row_s_words_are_dark(phone):
    # Bybit said at 1 h 31 min that customers lost nothing: no remedy for a loss, so not drawn as one
    # (a grey mark; its words in ink, saying what it is, never read as 'not found'); Coincheck's own
    # values (the focus) in the darker vermillion its tint leaves readable, its marks in the vermillion.
    from matplotlib.colors import to_hex

    fig = drawn("en", phone)
    colour = {t.get_text(): to_hex(t.get_color()) for t in fig.findobj(Text) if t.get_text().strip()}
    assert colour["1 h 31 min, no loss"] == style.CONTEXT.lower()
    assert colour["6 days, no loss"] == style.CONTEXT.lower()
    assert colour["not found"] == style.MISSING.lower()
    assert colour["about 11 h 23 min"] == style.HIGHLIGHT_INK.lower()
    assert colour["3 days"] == style.CONTEXT.lower()  # Zaif's detection: another theft, in blue
    grey_marks = [
        line for ax in fig.axes for line in ax.get_lines()
        if to_hex(line.get_markeredgecolor()) == style.MISSING.lower() and line.get_marker() == "o"
    ]  # fmt: skip
    assert len(grey_marks) >= 3  # Bybit's and Binance's dots (both times), Liquid's hollow dot
