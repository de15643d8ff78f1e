"""Every chart of every report renders in both languages with no missing glyph (a Glyph warning is an
error here), with a title, axis labels and a source line; every actor has its colour."""

import contextlib
import itertools
import warnings
from datetime import date

import matplotlib.colors
import matplotlib.dates
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.text import Text
from matplotlib.transforms import Bbox

from analysis import l10n, vocab
from analysis.data.loading import load_dataset
from analysis.report import charts, linebreaks, registry, style
from analysis.report.charts import marks
from analysis.report.context import prepare_comparison, prepare_incident

# Builds reports, runs notebooks or draws every chart: left out of make test-fast.
pytestmark = pytest.mark.slow

INCIDENTS = list(load_dataset().incidents["incident_id"])


@pytest.fixture(scope="module", params=l10n.LANGUAGES)
def ctx(request):
    return prepare_incident(lang=request.param)


def texts(fig: Figure) -> str:
    return "\n".join(t.get_text() for t in fig.findobj(lambda a: hasattr(a, "get_text")))


def chart(incident: str, lang: str, phone: bool, name: str) -> Figure:
    """One chart of an incident's report, in print or phone layout, drawn (its texts placed)."""
    ctx = prepare_incident(incident_id=incident, lang=lang)
    with style.narrow() if phone else contextlib.nullcontext():
        fig = registry.charts_of(ctx, phone=phone)[name]
    FigureCanvasAgg(fig)
    fig.canvas.draw()
    return fig


@pytest.mark.parametrize("lang", l10n.LANGUAGES)
@pytest.mark.parametrize("incident", [*INCIDENTS, "comparison"])
def test_every_chart_of_every_report(incident, lang):
    ctx = (
        prepare_comparison(lang=lang) if incident == "comparison" else prepare_incident(incident_id=incident, lang=lang)
    )
    drawn = registry.charts_of(ctx)
    assert drawn, "every report draws at least one chart"
    for name, fig in drawn.items():
        png = style.png_bytes(fig)  # draws everything: a missing glyph raises here
        assert png.startswith(b"\x89PNG")
        assert charts.title_of(fig), name
        assert any(ax.get_xlabel() or ax.get_ylabel() for ax in fig.axes), name
        assert l10n.t("source_word", lang) in texts(fig), name
        visible = [t for t in fig.findobj(Text) if t.get_visible() and t.get_text().strip()]
        small = [(t.get_text(), t.get_fontsize()) for t in visible if t.get_fontsize() < style.MIN_TEXT_PT]
        assert not small, (name, small)  # nothing smaller than 7.5 pt at printed size
        assert not [t.get_text() for t in visible if t.get_rotation() not in (0, 360)], name  # nothing sideways
        # every word in the language's chart fonts (a chart drawn outside style.styled falls back to
        # matplotlib's defaults, or keeps whatever fonts its caller had: English timelines once came
        # out in the Japanese face alone)
        families = {tuple(t.get_fontfamily()) for t in visible}
        assert families == {tuple(l10n.chart_fonts(lang))}, (name, families)


def test_every_actor_has_a_colour_and_a_name():
    for actor in vocab.ACTORS:
        assert actor in style.ACTOR_COLOURS, actor
        for lang in l10n.LANGUAGES:
            assert l10n.has_label("actor", actor, lang), (actor, lang)


def test_labels_are_in_the_report_language(ctx):
    body = texts(registry.charts_of(ctx, "timeline")["timeline"])
    if ctx.lang == "ja":
        assert "金融庁" in body and "業務改善命令" in body
    else:
        assert "FSA" in body and "business improvement order" in body.lower() and "金融庁" not in body


def test_chart_titles_come_from_the_data():
    ctx = prepare_incident(incident_id="dmm-bitcoin-2024", lang="en")
    drawn = registry.charts_of(ctx)
    # Both times are "about 13:26": about the same time, never "the same minute"; the disclosure has
    # no time a company or newspaper page gives, so the title does not count hours to it. A clock of
    # the first day with both its marks at that one minute is not drawn: it says nothing the text does not.
    assert "first_day" not in drawn
    title = " ".join(charts.title_of(drawn["response"]).split())
    assert title == "DMM Bitcoin 2024: detection at about the time of the theft"
    body = "".join(texts(fig) for fig in drawn.values())
    assert "Coincheck" not in body and "26 January" not in body


def test_same_day_events_do_not_overprint(ctx):
    """Every fact has its own mark (a dot at its time, a bar across its day), none on another's."""
    fig = registry.charts_of(ctx, "timeline")["timeline"]
    ax = fig.axes[0]
    marks = [
        (tuple(line.get_xdata()), tuple(line.get_ydata()))
        for line in ax.get_lines()
        if len(line.get_ydata()) in (1, 2) and len(set(line.get_ydata())) == 1 and line.get_linestyle() in ("None", "-")
    ]
    assert len(marks) == len(ctx.timeline_events)
    assert len(set(marks)) == len(marks)


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
    a = style.png_bytes(charts.compensation(ctx.compensation, ctx.lang))
    b = style.png_bytes(charts.compensation(ctx.compensation, ctx.lang))
    assert a == b


QUANTITIES = {
    "en": [
        "about 11 h 23 min",
        "34 h 51 min",
        "88.549 JPY",
        "US$1.46 billion",
        "0–1 days",
        "3,692 days",
        "79.8%",
        "7 May 2019",
        "December 2024",
        "Liquid 2021",
    ],  # fmt: skip
    "ja": ["約11時間23分", "34時間51分", "88.549円", "14億6,000万米ドル", "0〜1日", "3,692日", "79.8%"],
}
WORDS = {
    "en": ["the", "theft", "went", "unnoticed", "for", "compensation", "exchange"],
    "ja": ["流出", "補償", "取引所", "の", "は、", "まで", "コインチェック（2018年）"],
}


@settings(max_examples=150, deadline=None)
@given(
    lang=st.sampled_from(["en", "ja"]),
    picks=st.lists(st.tuples(st.booleans(), st.integers(0, 9)), min_size=3, max_size=30),
    narrow=st.booleans(),
)
def test_a_title_never_breaks_inside_a_quantity(lang, picks, narrow):
    tokens = [(QUANTITIES if q else WORDS)[lang][i % len((QUANTITIES if q else WORDS)[lang])] for q, i in picks]
    text = (" " if lang == "en" else "、").join(tokens)
    if narrow:
        with style.narrow():
            lines = style.wrapped(text, lang).split("\n")
    else:
        lines = style.wrapped(text, lang).split("\n")
    squeeze = lambda s: s.replace(" ", "")  # noqa: E731  (a break drops the space it replaces)
    assert squeeze("".join(lines)) == squeeze(text)  # nothing lost or added
    for q in {t for t in tokens if t in QUANTITIES[lang]}:
        # a quantity wider than a line may break; none of these is
        assert all(q in line or squeeze(q) not in squeeze(line) and not _split_across(lines, q) for line in lines)
    never_last = l10n.catalogue(lang)["locale"]["never_line_end"]
    assert not [line for line in lines[:-1] if line and line[-1] in never_last]  # 「（」 never ends a line


@pytest.mark.parametrize("lang, name", [("ja", "コインチェック（2018年）"), ("en", "Mt. Gox (drain)")])
def test_an_opening_bracket_never_ends_a_line(lang, name):
    never_last = l10n.catalogue(lang)["locale"]["never_line_end"]
    for lead in range(1, 100):  # the bracket at every place a line can end
        lines = style.wrapped(("流" if lang == "ja" else "a") * lead + name, lang).split("\n")
        assert not [line for line in lines[:-1] if line[-1] in never_last], lines


@pytest.mark.parametrize("share", [0.05, 0.1])
def test_a_name_and_year_wider_than_the_line_breaks_at_its_space(share):
    """Held whole where it fits; where it cannot, at its space, never inside the year ("Coincheck 20 / 18")."""
    with style.narrow():
        assert style.wrapped("Coincheck 2018", "en", "label", share) == "Coincheck\n2018"


@pytest.mark.parametrize(
    "held, kept",
    [
        ("Liquid 2021", "Liquid 2021"),
        ("December 2024", "December 2024"),
        ("DMM Bitcoin 2024", "Bitcoin 2024"),
        ("Mt. Gox 2014", "Mt. Gox 2014"),  # an abbreviated first word goes with the name
    ],
)
@pytest.mark.parametrize("kind, share, narrow", [("title", 1.0, False), ("source", 1.0, True), ("label", 0.3, True)])
def test_a_name_or_a_month_keeps_its_year_on_its_line(held, kept, kind, share, narrow):
    """ "Liquid / 2021" on two lines of a phone's source line reads as two things; and holding the
    year must not push the break into the name ("Liqui / d 2021")."""
    with style.narrow() if narrow else contextlib.nullcontext():
        for lead in range(1, 200):  # the year at every place a line can end
            text = "a" * (lead % 9 + 1) + " word" * (lead // 9) + " " + held + " and then a few more words to follow"
            lines = style.wrapped(text, "en", kind, share).split("\n")
            assert " ".join(lines) == text, lines  # every break at a space: none inside a word
            assert not _split_across(lines, kept), lines


def test_only_a_colon_that_joins_a_gloss_is_one():
    assert linebreaks._gloss_colon("Partial: only part", 7) and linebreaks._gloss_colon("（UTC）：協定", 5)
    assert linebreaks._gloss_colon("ends:", 4)
    # a time's colon and an address's are not
    assert not linebreaks._gloss_colon("約18:50", 3) and not linebreaks._gloss_colon("https://example.org", 5)


@pytest.mark.parametrize(
    "lang, text, term",
    [
        # the comparison's phone caption once ended a line with 「（UTC）：」, its gloss on the next
        (
            "ja",
            "10分以内：左端（目盛りどおりでない）。（UTC）：協定世界時の日付で数えた日数。損失なし：顧客残高の維持を取引所が表明。",
            "（UTC）：",
        ),
        (
            "ja",
            "10分以内：左端（目盛りどおりでない）。（UTC）：協定世界時の日付で数えた日数。損失なし：顧客残高の維持を取引所が表明。",
            "損失なし：",
        ),
        (
            "en",
            "No loss: the exchange said customers lost nothing. Partial: only part repaid, or repayment under way.",
            "Partial:",
        ),
        # split inside the term too ("hollow / dot:")
        (
            "en",
            "Filled dot: both times known; hollow dot: calendar days; light bar: somewhere in that span",
            "hollow dot:",
        ),
        (
            "en",
            "Filled dot: both times known; hollow dot: calendar days; light bar: somewhere in that span",
            "light bar:",
        ),
        # an abbreviation's full stop ends no sentence: "Mt." stays with "Gox:", in Japanese too
        ("en", "Largest theft first. Mt. Gox: a drain over years, counted from its start.", "Mt. Gox:"),
        ("ja", "流出額の大きい順に並べた。Mt. Gox 2014：流出の始まりから数える。", "Mt. Gox 2014："),
        # a term begins after the gloss before it ("B", not "A: one thing, B")
        ("en", "Chart key. A: one thing, B: two things and a few more words to follow here.", "B:"),
    ],
)
def test_a_term_is_never_left_at_a_line_end_without_its_gloss(lang, text, term):
    """A break right after the colon of "term: gloss", or inside the term, strands it; a break before
    the term goes with its gloss wherever that leaves the line at least half full. Tried at every
    place the term can fall and at every width of a chart's line."""
    for width in range(24, 72, 3):
        for lead in range(0, 30):
            padded = ("流" if lang == "ja" else "word ") * lead + text
            lines, _ = linebreaks._broken(padded, lang, width)
            assert "".join(lines).replace(" ", "") == padded.replace(" ", "")
            start, at = padded.index(term), 0
            for line in lines[:-1]:
                at = padded.index(line, at)  # where the line begins (a break drops its space)
                end = at + len(line)
                if at <= start < end <= start + len(term):  # the term begins on it, its gloss on the next
                    fits = next(
                        i for i in range(len(padded) - at + 1) if l10n.text_columns(padded[at : at + i]) > width
                    )
                    assert start - at < (fits - 1) // 2, (width, lines)
                at = end


def _katakana(ch: str) -> bool:
    return "\u30a1" <= ch <= "\u30fa" or ch == "ー"  # the middle dot 「・」 (U+30FB) aside


@pytest.mark.parametrize("share", [0.3, 0.35, 0.4, 0.45, 0.5])
@pytest.mark.parametrize("narrow", [False, True])
def test_a_japanese_label_breaks_between_words_not_inside_one(share, narrow):
    """BudouX keeps a list of katakana words as one phrase, so a line once ended inside a word
    (「クレジッ／トカード」) and ran 54 columns at width 52: a break after 「・」 or a space comes first."""
    text = "コインチェック：約18:50 クレジットカード・ペイジー・コンビニ入金を停止"
    with style.narrow() if narrow else contextlib.nullcontext():
        lines = style.wrapped(text, "ja", "label", share).split("\n")
    assert "".join(lines).replace(" ", "") == text.replace(" ", "")
    assert not any(_katakana(a[-1]) and _katakana(b[0]) for a, b in zip(lines, lines[1:])), lines


def _split_across(lines: list[str], q: str) -> bool:
    """Whether the quantity starts on one line and ends on the next."""
    flat = [line.replace(" ", "") for line in lines]
    target = q.replace(" ", "")
    return any(
        a.endswith(target[:k]) and b.startswith(target[k:])
        for a, b in zip(flat, flat[1:])
        for k in range(1, len(target))
    )


VARIANTS = [f"{i}-{lang}" for i in load_dataset().incidents["incident_id"] for lang in l10n.LANGUAGES] + [
    f"comparison-{lang}" for lang in l10n.LANGUAGES
]


def _text_boxes(fig: Figure) -> list[tuple[str, object]]:
    """Every visible, non-empty text of a drawn chart with its box on the canvas."""
    FigureCanvasAgg(fig)
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    return [
        (t.get_text(), t.get_window_extent(renderer))
        for t in fig.findobj(Text)
        if t.get_visible() and t.get_text().strip()
    ]


def _collisions(fig: Figure) -> list[tuple[str, str]]:
    boxes = _text_boxes(fig)
    out = []
    for (a, box_a), (b, box_b) in itertools.combinations(boxes, 2):
        inter = Bbox.intersection(box_a, box_b)
        # matplotlib's boxes hold the font's whole ascent and descent: rows a line apart may touch
        # by a few percent of a line without their glyphs meeting; a fifth of a line is a collision
        if inter is not None and inter.width > 1 and inter.height > 0.2 * min(box_a.height, box_b.height):
            out.append((a, b))
    return out


@pytest.mark.parametrize("phone", [False, True], ids=["print", "phone"])
@pytest.mark.parametrize("variant", VARIANTS)
def test_chart_labels_never_collide(variant, phone):
    """No two texts of any chart (labels, values, ticks, titles, keys) overlap, in the print layout
    or the phone layout (matplotlib's own boxes for the drawn text)."""
    incident, lang = variant.rsplit("-", 1)
    ctx = (
        prepare_comparison(lang=lang) if incident == "comparison" else prepare_incident(incident_id=incident, lang=lang)
    )
    if phone:
        with style.narrow():
            drawn = registry.charts_of(ctx, phone=True)
    else:
        drawn = registry.charts_of(ctx)
    assert {name: c for name, fig in drawn.items() if (c := _collisions(fig))} == {}


def test_collisions_are_found():
    fig = Figure()
    ax = fig.subplots()
    ax.text(0.5, 0.5, "first label")
    ax.text(0.52, 0.5, "second label")
    assert _collisions(fig) == [("first label", "second label")]


@pytest.mark.parametrize("lang", l10n.LANGUAGES)
@pytest.mark.parametrize(
    "incidents, drains, summed",
    [
        (None, ["mtgox-2014"], ["liquid-2021"]),  # the default nine
        (["coincheck-2018", "zaif-2018", "bybit-2025"], [], []),
        (["liquid-2021", "coincheck-2018"], [], ["liquid-2021"]),
        (["mtgox-2014", "coincheck-2018"], ["mtgox-2014"], []),
    ],
)
def test_comparison_source_lines_name_only_the_thefts_drawn(lang, incidents, drains, summed):
    """A source line's note on a drain or a summed value names the compared thefts it is true of,
    from incidents.csv and the value rows; none when no compared theft is one."""
    ctx = prepare_comparison(lang=lang, **({"incidents": incidents} if incidents else {}))
    assert ctx.drains == drains and ctx.summed == summed
    drawn = registry.charts_of(ctx)
    sizes_line, compared_line = ("".join(drawn[n]._supxlabel.get_text().split()) for n in ("sizes", "compared"))
    for incident in INCIDENTS:
        name = "".join(ctx.data.incident_names(lang)[incident].split())  # wrapped lines: compare without spaces
        compared_says = name in compared_line
        sizes_says = name in sizes_line
        assert compared_says == (incident in drains), (incident, compared_line)
        assert sizes_says == (incident in drains or incident in summed), (incident, sizes_line)


@pytest.mark.parametrize("lang", l10n.LANGUAGES)
def test_comparison_rows_alternate_and_each_label_sits_on_its_rows_colour(lang):
    """Rows alternate white and grey (the focus on its tint) in every panel, and every value or
    missing-value label is boxed in its own row's colour, so no gridline runs through its words."""
    ctx = prepare_comparison(lang=lang)
    order = list(ctx.incidents)
    focus_at = order.index(ctx.focus)
    expected = [
        style.tint(style.HIGHLIGHT, style.FOCUS_TINT) if k == focus_at else style.ZEBRA if k % 2 else "white"
        for k in range(len(order))
    ]
    rgb = [tuple(round(c, 4) for c in matplotlib.colors.to_rgb(f)) for f in expected]
    fig = registry.charts_of(ctx)["compared"]
    FigureCanvasAgg(fig).draw()
    panels = [ax for ax in fig.axes if ax.get_visible() and len(ax.get_yticks()) == len(order)]
    assert len(panels) >= 2
    for ax in panels:
        ticks = list(ax.get_yticks())
        banded = {}
        for band in ax.patches:
            box = band.get_bbox()
            middle = (box.y0 + box.y1) / 2
            row = min(range(len(ticks)), key=lambda k: abs(ticks[k] - middle))
            assert abs(ticks[row] - middle) < 0.01, (lang, middle)
            banded[row] = tuple(round(c, 4) for c in matplotlib.colors.to_rgb(band.get_facecolor()))
        assert banded == {k: c for k, c in enumerate(rgb) if expected[k] != "white"}, lang
        labels = [t for t in ax.texts if t.get_bbox_patch() is not None]
        assert labels, lang
        for label in labels:
            row = min(range(len(ticks)), key=lambda k: abs(ticks[k] - label.xy[1]))
            fill = tuple(round(c, 4) for c in matplotlib.colors.to_rgb(label.get_bbox_patch().get_facecolor()))
            assert fill == rgb[row], (lang, label.get_text(), row)


@pytest.mark.parametrize(
    "lang, redeemed",
    [
        ("en", "The last tokens were redeemed 244 days (UTC) after the theft."),
        ("ja", "全額償還は流出から244日（UTC）。"),
    ],
)
def test_the_comparison_source_line_dates_the_last_tokens_and_names_the_pages_read(lang, redeemed):
    # Bitfinex's "8 days (UTC)*" (tokens credited) stood beside Coincheck's 45 days in cash with no word
    # of when the tokens were paid: the last tokens were redeemed on 3 Apr 2017 (UTC date; 05:00 on 4 Apr in
    # Japan), 2 Aug 2016 + 29 + 30 + 31 + 30 + 31 + 31 + 28 + 31 + 3 = 244 UTC days after the theft.
    line = "".join(registry.charts_of(prepare_comparison(lang=lang))["compared"]._supxlabel.get_text().split())
    assert "".join(redeemed.split()) in line
    # The dated steps and thefts drawn were read on the seed, company pages, news, trade press and
    # blogs; no compared step rests on a regulator's or court's page.
    for kind in ("company", "newspaper_wire", "trade_press", "blog_wiki_aggregator"):
        assert "".join(l10n.label("pages_read", kind, lang).split()) in line
    assert "".join(l10n.t("seed_short", lang).split()) in line
    assert "".join(l10n.label("pages_read", "regulator_court", lang).split()) not in line
    # Without a theft paid in tokens, nothing is said of tokens.
    without = prepare_comparison(lang=lang, incidents=["coincheck-2018", "zaif-2018"])
    assert l10n.t("compared_kind_tokens", lang) not in registry.charts_of(without)["compared"]._supxlabel.get_text()


def test_the_tokens_note_names_each_theft_only_when_several_paid_in_tokens():
    note = l10n.t("compared_kind_tokens_note", "en")
    one = charts.compared_source([], "en", kinds=["tokens"], redeemed={"Bitfinex 2016": "244 days (UTC)"})
    assert note + " The last tokens were redeemed 244 days (UTC) after the theft." in one
    # No page dates the redemption: the mark is explained, and nothing is said of when.
    undated = charts.compared_source([], "en", kinds=["tokens"], redeemed={"Bitfinex 2016": None})
    assert note in undated and "redeemed" not in undated
    # Two thefts, one dated: each said of its own theft, never "the last" of both.
    two = charts.compared_source([], "en", kinds=["tokens"], redeemed={"A 2016": "244 days (UTC)", "B 2020": None})
    assert (
        note + " A 2016: the last tokens were redeemed 244 days (UTC) after the theft." in two and "B 2020" not in two
    )
    assert "tokens" not in charts.compared_source([], "en", redeemed={})


def test_a_title_binds_a_zone_to_each_count_only_some_are_made_in():
    # Counts in two zones' dates: ", in UTC dates" after the last would read as said of both.
    from analysis.report.charts.adapters import Step, steps_told

    decided = Step("Remedy decided", 4.5, "4 or 5 days", zone=None, apart="4 or 5 days")
    credited = Step("Tokens credited", 8, "8 days, in UTC dates", zone="UTC", apart="8 UTC days")
    assert steps_told([decided, credited], "en") == "remedy decided after 4 or 5 days, tokens credited after 8 UTC days"
    # One zone for all: each count as the text writes it.
    assert steps_told([credited], "en") == "tokens credited after 8 days, in UTC dates"


@pytest.mark.parametrize("lang", l10n.LANGUAGES)
def test_a_chart_credits_the_sources_of_its_own_rows(lang):
    """The seed's title only when every row drawn rests on the seed; a researched row turns the
    credit to the list of sources."""
    seed = l10n.t("source_line", lang, source=l10n.t("seed_name", lang))
    assert charts.marks.credit({"seed"}, lang, set()) == seed
    # Beside researched rows the seed is one source among the kinds of page read, each named.
    mixed = charts.marks.credit({"seed", "research"}, lang, {"blog_wiki_aggregator", "company"})
    sep = l10n.t("kinds_separator", lang)
    named = sep.join(
        [l10n.t("seed_short", lang), l10n.label("pages_read", "company", lang)]
        + [l10n.label("pages_read", "blog_wiki_aggregator", lang)]
    )
    assert mixed == l10n.t("source_line_research", lang, sources=named) != seed
    assert charts.marks.credit({"research"}, lang, set()) == l10n.t(
        "source_line_research", lang, sources=l10n.t("pages_listed", lang)
    )
    ctx = prepare_incident(lang=lang)
    drawn = registry.charts_of(ctx, "compensation")
    assert {fact.source_id for fact in ctx.compensation.facts.values()} == {"seed"}
    for name in ("compensation", "price_window"):
        assert "".join(drawn[name]._supxlabel.get_text().split()) == "".join(seed.split())  # wrapped: no spaces


def test_a_one_step_chain_is_not_called_the_longest_step():
    # Zaif's chain is one step, theft (14 Sep 2018) to order (25 Sep 2018): 11 days, 5 business days.
    fig = registry.charts.milestone_chain_of(prepare_incident(incident_id="zaif-2018", lang="en"))
    assert (
        charts.title_of(fig) == "Zaif 2018: from “Theft” to “Business improvement order” took 11 days, 5 business days"
    )
    fig = registry.charts.milestone_chain_of(prepare_incident(incident_id="coincheck-2018", lang="en"))
    assert "the longest step, from “Business improvement order” to “Report filed”" in charts.title_of(fig)


def test_chain_numbers_name_the_facts_of_both_ends_of_each_step():
    ctx = prepare_incident(incident_id="coincheck-2018", lang="en")
    data = charts.milestone_chain_data(ctx)
    # events.csv: the first outflow, the order, the report filed, yen withdrawals resumed.
    assert data[["from_event_id", "to_event_id"]].to_numpy().tolist() == [
        ["cc-first-outflow", "fsa-business-improvement-order"],
        ["fsa-business-improvement-order", "cc-report-submitted"],
        ["cc-report-submitted", "jpy-withdrawal-resumed"],
        ["cc-first-outflow", "jpy-withdrawal-resumed"],
    ]


@pytest.mark.parametrize("lang", l10n.LANGUAGES)
def test_a_chart_title_is_given_as_written_not_as_wrapped(lang):
    # The alt text and the site's headings read the title; the wrapped one's line breaks would read
    # as spaces, between Japanese words too.
    ctx = prepare_incident(incident_id="coincheck-2018", lang=lang)
    wrapped = [fig for _, _, fig in registry.drawn(ctx) if "\n" in fig._suptitle.get_text()]
    assert wrapped  # the first day's title is two lines in both languages
    for fig in wrapped:
        assert "\n" not in charts.title_of(fig) and charts.title_of(fig) == fig.analysis_title


@pytest.mark.parametrize("phone", [False, True], ids=["print", "phone"])
@pytest.mark.parametrize("variant", VARIANTS)
def test_the_words_of_a_time_scale_stand_apart(variant, phone):
    """A log scale's words never run together ("1 year10 years" on Mt. Gox's phone chart): between
    two words of an axis there is at least style.EDGE_PT of space; a word that has no room is left
    out and its gridline stays (scales.spaced_log_ticks)."""
    incident, lang = variant.rsplit("-", 1)
    ctx = (
        prepare_comparison(lang=lang) if incident == "comparison" else prepare_incident(incident_id=incident, lang=lang)
    )
    with style.narrow() if phone else contextlib.nullcontext():
        drawn = registry.charts_of(ctx, phone=phone)
    crowded = {}
    for name, fig in drawn.items():
        FigureCanvasAgg(fig)
        fig.canvas.draw()
        renderer = fig.canvas.get_renderer()
        for ax in fig.axes:
            if not ax.get_visible() or ax.get_xscale() != "log":
                continue
            boxes = sorted(
                ((t.get_window_extent(renderer), t.get_text()) for t in ax.get_xticklabels() if t.get_text().strip()),
                key=lambda box: box[0].x0,
            )
            gap_px = style.EDGE_PT * fig.dpi / 72
            for (a, ta), (b, tb) in zip(boxes, boxes[1:]):
                if b.x0 - a.x1 < gap_px:
                    crowded.setdefault(name, []).append((ta, tb))
    assert crowded == {}


@pytest.mark.parametrize("lang", l10n.LANGUAGES)
def test_a_drain_s_bar_shows_its_hatching_in_svg(lang):
    """The website draws the charts as SVG, where a hatched bar is a pattern: its background and its
    lines must differ, or the hatching the source line names ("Mt. Gox 2014 (hatched)") is invisible."""
    import io
    import re

    fig = registry.charts.sizes_of(prepare_comparison(lang=lang))
    svg = io.StringIO()
    fig.savefig(svg, format="svg")
    patterns = re.findall(
        r'<pattern .*?<rect [^>]*fill="(#[0-9a-f]{6})".*?stroke: (#[0-9a-f]{6})', svg.getvalue(), re.S
    )
    assert patterns, "the drain's bar is hatched"
    assert all(background != lines for background, lines in patterns)


@pytest.mark.parametrize("lang", l10n.LANGUAGES)
@pytest.mark.parametrize("incident", INCIDENTS)
def test_no_line_runs_down_a_timeline_through_its_facts(incident, lang):
    # The chain's steps were once dashed lines down the whole plot: they cut through the facts' text,
    # and Binance's and Bybit's keys named a chain those reports do not chart. A step is named in
    # its fact's text instead.
    drawn = registry.charts_of(prepare_incident(incident_id=incident, lang=lang))
    if "timeline" not in drawn:
        pytest.skip("no day-by-day timeline (a drain over years)")
    fig = drawn["timeline"]
    across = [line for line in fig.axes[0].get_lines() if len(set(line.get_xdata())) == 1 < len(set(line.get_ydata()))]
    assert not across


def test_deadlines_are_set_aside_only_where_one_is_drawn_after_the_last_step():
    # Mt. Gox: the repayment deadline is drawn after the remedy decided (3,692 days), named as its row
    # names it, the plan's approval; Coincheck's report deadline (13 Feb 2018) comes before its last
    # step charted, the conviction upheld by the Supreme Court (court-verdict-final's step_en).
    titles = {
        incident: charts.title_of(registry.charts_of(prepare_incident(incident_id=incident, lang="en"))["later_milestones"])
        for incident in ("mtgox-2014", "coincheck-2018")
    }  # fmt: skip
    assert titles["mtgox-2014"].startswith(
        "Mt. Gox 2014: deadlines aside, the last dated step charted, “Approval of the rehabilitation plan”, came "
        "3,692 days after the drain began"
    )
    assert titles["coincheck-2018"].startswith(
        "Coincheck 2018: the last dated step charted, “A recipient's conviction upheld by the Supreme Court”"
    )


@pytest.mark.parametrize("lang", l10n.LANGUAGES)
def test_grey_days_are_explained_where_drawn_and_drawn_only_where_they_matter(lang):
    """The chain's bars count business days, so its closed days are grey and its source line says what
    the grey is; the price window's market traded every day, so it draws no closed day."""
    drawn = registry.charts_of(prepare_incident(incident_id="coincheck-2018", lang=lang))

    def grey(fig):
        return [
            p for p in fig.axes[0].patches if p.get_facecolor()[:3] == matplotlib.colors.to_rgb(style.CLOSED_DAY_COLOUR)
        ]

    key = l10n.t("shaded_source", lang, line="").strip()
    assert grey(drawn["milestone_chain"])
    assert "".join(key.split()) in "".join(drawn["milestone_chain"]._supxlabel.get_text().split())
    assert not grey(drawn["price_window"])


@pytest.mark.parametrize("lang", l10n.LANGUAGES)
def test_a_first_day_past_midnight_is_drawn_to_its_last_fact(lang):
    """Bybit's theft began at 23:13 on 21 Feb 2025 (Japan time) and was disclosed at 00:44 on 22 Feb,
    1 h 31 min later: the first day's clock holds both, on the hours around them (22:00 to 02:00, the
    facts' hours widened by one each side), with the new date under its midnight."""
    ctx = prepare_incident(incident_id="bybit-2025", lang=lang)
    fig = registry.charts_of(ctx)["first_day"]
    ax = fig.axes[0]
    left, right = (matplotlib.dates.num2date(x, tz=vocab.TIMEZONE) for x in ax.get_xlim())
    assert (f"{left:%d %H:%M}", f"{right:%d %H:%M}") == ("21 22:00", "22 02:00")
    body = texts(fig)
    assert "00:44" in body and "23:13" in body
    title = "".join(charts.title_of(fig).split())
    assert "".join(l10n.elapsed(0, 91 / 60, lang).split()) in title  # 23:13 to 00:44
    FigureCanvasAgg(fig).draw()
    ticks = [t.get_text() for t in ax.get_xticklabels()]
    assert ticks == ["22:00", "23:00", f"00:00\n{l10n.day(date(2025, 2, 22), lang, 'axis')}", "01:00", "02:00"]
    assert l10n.day(date(2025, 2, 22), lang) in ax.get_xlabel() and l10n.day(date(2025, 2, 21), lang) in ax.get_xlabel()


def test_the_comparison_s_first_days_share_one_scale():
    """Set one under another, the clocks share a scale: Bybit's (23:13 to 00:44, on its own report a
    clock of 22:00 to 02:00) runs as long as Coincheck's and Binance's whole date, 23:30 to 24:00 the
    next day (24 h 30 min), so that its 1 h 31 min is not drawn as wide as Binance's 6 h 25 min. Its
    own report keeps its four hours (above), and the section says the scale is shared (the clocks'
    widths, below)."""
    ctx = prepare_comparison(lang="en")
    drawn = {name.removeprefix("first_day-"): fig for name, fig in registry.charts_of(ctx, "first_day").items()}
    assert set(drawn) == {"coincheck-2018", "binance-2019", "bybit-2025"}
    spans = {}
    for incident, fig in drawn.items():
        left, right = (matplotlib.dates.num2date(x, tz=vocab.TIMEZONE) for x in fig.axes[0].get_xlim())
        spans[incident] = (right - left).total_seconds() / 3600
    assert spans == {"coincheck-2018": 24.5, "binance-2019": 24.5, "bybit-2025": 24.5}
    left = matplotlib.dates.num2date(drawn["bybit-2025"].axes[0].get_xlim()[0], tz=vocab.TIMEZONE)
    assert f"{left:%d %H:%M}" == "21 22:00"
    said = [b.text for b in registry.section(ctx, "first_day").blocks if hasattr(b, "text")]
    assert l10n.t("first_day_same_scale", "en") in said


@pytest.mark.parametrize("phone", [False, True])
@pytest.mark.parametrize("lang", l10n.LANGUAGES)
def test_a_remedy_for_no_loss_or_part_of_it_says_so_on_its_own_chart(lang, phone):
    """Liquid's remedy was decided 6 days after the theft (19 to 25 Aug 2021) for customers who, by the
    exchange's account, lost nothing; Mt. Gox's plan was approved 3,692 days after the drain began (11
    Sep 2011 to 20 Oct 2021) for part of the loss: each report's own chart says so beside the time, as
    the comparison's does, so that neither reads as a remedy for a whole loss. Bitfinex's tokens are in
    its step's own name and are not said again; the title keeps the counts alone."""
    said = {k: l10n.t(f"compared_kind_{k}", lang) for k in ("no_loss", "partial", "tokens")}
    value = lambda n, kind: l10n.t("compared_kind_value", lang, value=l10n.days(n, lang), kind=kind)  # noqa: E731
    liquid = chart("liquid-2021", lang, phone, "response")
    assert value(6, said["no_loss"]) in texts(liquid)
    assert said["no_loss"] not in charts.title_of(liquid)
    assert value(3692, said["partial"]) in texts(chart("mtgox-2014", lang, phone, "response"))
    tokens_beside = l10n.t("compared_kind_value", lang, value="", kind=said["tokens"])  # ", tokens"
    assert tokens_beside not in texts(chart("bitfinex-2016", lang, phone, "response"))


@pytest.mark.parametrize("narrow", [False, True])
@pytest.mark.parametrize("lang", l10n.LANGUAGES)
def test_the_comparison_s_clocks_are_as_wide_as_one_another(lang, narrow):
    """Set one under another, an hour is as wide on each clock: each keeps the room the longest row
    names take (Coincheck's "Trading in the stolen asset halted"; in English Bybit's plot was wider by
    a seventh of the page, Binance's by an eighth), nothing it prints runs off its figure, and on a page
    each fact's words stay inside the plot (over the row names, their white box would hide them)."""
    with style.narrow() if narrow else contextlib.nullcontext():
        drawn = registry.charts_of(prepare_comparison(lang=lang), "first_day")
        edges = {}
        for name, fig in drawn.items():
            renderer = FigureCanvasAgg(fig).get_renderer()
            with matplotlib.rc_context(fig.report_rc):  # the fonts it is saved with
                fig.draw(renderer)
            plot = fig.axes[0].get_window_extent(renderer)
            edges[name] = (plot.x0, plot.x1)
            for t in fig.findobj(Text):
                if t.get_visible() and t.get_text().strip():
                    box = t.get_window_extent(renderer)
                    assert -0.5 <= box.x0 and box.x1 <= fig.bbox.width + 0.5, (name, t.get_text())
            for t in [] if narrow else fig.axes[0].texts:
                box = t.get_window_extent(renderer)
                assert plot.x0 - 0.5 <= box.x0 and box.x1 <= plot.x1 + 0.5, (name, t.get_text())
    assert len(edges) == 3
    lefts, rights = zip(*edges.values())
    assert max(lefts) - min(lefts) < 0.5 and max(rights) - min(rights) < 0.5, edges


@pytest.mark.parametrize("lang", l10n.LANGUAGES)
def test_a_clock_run_on_past_midnight_names_the_new_date(lang):
    # Run on to a longer shared scale, a clock whose facts are all of the theft's date passes midnight
    # with no fact after it: its axis still names the new date, under its midnight and in its label.
    import pandas as pd

    ctx = prepare_incident(incident_id="coincheck-2018", lang=lang)
    fig = charts.first_day_of(ctx, "coincheck-2018", pd.Timedelta(hours=26.5))
    ax = fig.axes[0]
    FigureCanvasAgg(fig).draw()
    assert l10n.day(date(2018, 1, 27), lang) in ax.get_xlabel()
    assert f"00:00\n{l10n.day(date(2018, 1, 27), lang, 'axis')}" in [t.get_text() for t in ax.get_xticklabels()]


@pytest.mark.parametrize("lang", l10n.LANGUAGES)
def test_a_drain_s_later_steps_count_from_its_start_and_a_deadline_is_a_diamond(lang):
    """Mt. Gox's coins drained from 11 Sep 2011: its later chart counts from the drain's start and says
    so, and its repayment deadline (31 Oct 2026) is drawn as a diamond, keyed as no step taken."""
    fig = registry.charts_of(prepare_incident(incident_id="mtgox-2014", lang=lang))["later_milestones"]
    ax = fig.axes[0]
    assert ax.get_xlabel() == l10n.t("days_after_drain_axis", lang)
    # deadlines aside, the last dated step is the remedy decided on 20 Oct 2021, 3,692 days from the start
    title = " ".join(charts.title_of(fig).split())
    assert title.endswith({"en": "came 3,692 days after the drain began", "ja": "は流出の始まりから3,692日後"}[lang])
    diamonds = [line for line in ax.lines if line.get_marker() == "D"]
    assert len(diamonds) == 1
    # 11 Sep 2011 to 31 Oct 2026: 5,529 days
    assert diamonds[0].get_xdata()[0] == (date(2026, 10, 31) - date(2011, 9, 11)).days == 5529
    key = l10n.t("key_deadline", lang)
    assert "".join(key.split()) in "".join(fig._supxlabel.get_text().split())
    response = registry.charts_of(prepare_incident(incident_id="mtgox-2014", lang=lang))["response"]
    assert l10n.t("step_loss_disclosed", lang) in texts(response)


def test_a_timeline_without_a_chain_is_titled_with_its_last_milestone():
    # Zaif: theft 14 Sep 2018, business improvement order 25 Sep 2018, both Japan dates: 11 days.
    # Liquid: theft 19 Aug 2021, BTC withdrawals back 27 Aug: 8 days; the other coins' return on
    # 30 Aug is drawn after it but is no milestone, so the title names the row it counts to as the
    # chart draws it (its title), not "the last" of anything.
    # Binance: theft at 02:15 JST on 8 May 2019 (7 May in UTC), all services back on 15 May, a UTC
    # date: 8 days counted in UTC dates, said so, as its labels and its text date them (its axis is
    # of Japan dates).
    titles = {
        incident: charts.title_of(registry.charts_of(prepare_incident(incident_id=incident, lang="en"))["timeline"])
        for incident in ("zaif-2018", "liquid-2021", "binance-2019", "coincheck-2018")
    }
    assert titles == {
        # the chain's whole: 26 Jan to 13 Feb 2018, 18 days, 11 business days (durations.csv)
        "coincheck-2018": "Coincheck 2018: “Yen withdrawals resume”, the last milestone of the chain, came 18 days "
        "(11 business days) after the theft",
        "zaif-2018": "Zaif 2018: “Third business improvement order” came 11 days after the theft",
        "liquid-2021": "Liquid 2021: “BTC deposits and withdrawals resume” came 8 days after the theft",
        "binance-2019": "Binance 2019: “Trading, deposits and withdrawals back after the security upgrade” came "
        "8 days after the theft, in UTC dates",
    }


@pytest.mark.parametrize(
    "incident, lang, title",
    [
        # bybit-theft 21 Feb 2025 23:13 JST (21 Feb in UTC); the CEO's word that the gap was closed on
        # 24 Feb, a UTC date: 3 days in UTC dates, the zone said after the whole count
        (
            "bybit-2025",
            "en",
            "Bybit 2025: “The CEO says the ETH gap is fully closed” came 3 days after the theft, in UTC dates",
        ),
        (
            "bybit-2025",
            "ja",
            "Bybit（2025年）：「CEOがETHの不足を完全に埋めたと表明」は流出から3日後（協定世界時の日付）",
        ),
        # bitfinex-theft 2 Aug 2016 and the first tokens redeemed 1 Sep 2016, both UTC dates: 30 days
        (
            "bitfinex-2016",
            "ja",
            "ビットフィネックス（2016年）：「BFXトークンの初回償還」は流出から30日後（協定世界時の日付）",
        ),
    ],
)
def test_a_timeline_counted_in_another_zone_s_dates_says_the_zone_once(incident, lang, title):
    timeline = registry.charts_of(prepare_incident(incident_id=incident, lang=lang))["timeline"]
    assert charts.title_of(timeline) == title


@pytest.mark.parametrize("lang", l10n.LANGUAGES)
def test_a_phone_timeline_names_who_acted_once(lang):
    # "FSA: FSA demands a report" once read so on the phone, where who acted leads each fact.
    ctx = prepare_incident(incident_id="coincheck-2018", lang=lang)
    with style.narrow():
        fig = registry.charts_of(ctx, phone=True)["timeline"]
    texts = [t.get_text().replace("\n", "" if lang == "ja" else " ") for t in fig.axes[0].texts]
    actors = {l10n.label("actor", a, lang) for a in ctx.timeline_events["actor"]}
    labelled = [l10n.labelled(who, "", lang) for who in actors]
    doubled = [
        t
        for t in texts
        for who, lead in zip(actors, labelled)
        if t.startswith(lead) and who.casefold() in t[len(lead) :].casefold()
    ]
    assert texts and not doubled
    assert any(t.startswith(l10n.label("actor", "fsa", lang)) for t in texts)


@pytest.mark.parametrize("phone", [False, True], ids=["print", "phone"])
@pytest.mark.parametrize("lang", l10n.LANGUAGES)
def test_a_day_scale_writes_its_numbers_as_the_text_does_and_apart(lang, phone):
    # Mt. Gox's later milestones run to 3,692 days: the scale once read "1000 2000 3000 4000 5000",
    # its words touching on a phone.
    fig = chart("mtgox-2014", lang, phone, "later_milestones")
    ticks = [t for t in fig.axes[0].get_xticklabels() if t.get_visible() and t.get_text()]
    assert "3,000" in {t.get_text() for t in ticks}  # every scale for 3,692 days passes 3,000
    boxes = sorted((t.get_window_extent() for t in ticks), key=lambda b: b.x0)
    assert all(a.x1 + 2 < b.x0 for a, b in itertools.pairwise(boxes))


@pytest.mark.parametrize("phone", [False, True], ids=["print", "phone"])
def test_the_price_window_dates_the_release_as_the_timeline_document_does(phone):
    # Seed item 6 dates the compensation policy 28 Jan (cc-compensation-policy, the value used); the
    # release's own text says 27 Jan 23:00 (cc-compensation-release-time, an alternative), which is the
    # window's end. The grey bar once took the alternative's day, 27 Jan, and hid the disagreement.
    fig = chart("coincheck-2018", "en", phone, "price_window")
    words = " ".join(texts(fig).split())
    assert ("(28 Jan)" in words) and ("(27 Jan)" not in words) and ("27 Jan 23:00" in words)


@pytest.mark.parametrize("phone", [False, True], ids=["print", "phone"])
@pytest.mark.parametrize("lang", l10n.LANGUAGES)
def test_no_step_of_the_chain_runs_into_the_deadline(lang, phone):
    # On a phone "Theft → Business improvement order: 3 days, 1 business day" once ran across the
    # report deadline's dotted line: each step's words now end before it, on two lines if need be.
    fig = chart("coincheck-2018", lang, phone, "milestone_chain")
    ax = fig.axes[0]
    (deadline,) = [line for line in ax.get_lines() if line.get_linestyle() == ":"]
    at = deadline.get_xdata()[0]
    x = ax.transData.transform((at if isinstance(at, float) else matplotlib.dates.date2num(at), 0))[0]
    steps = [t for t in ax.texts if "→" in t.get_text()]
    assert len(steps) == 4
    assert [t.get_text() for t in steps if t.get_window_extent().x1 >= x] == []


@pytest.mark.parametrize("phone", [False, True], ids=["print", "phone"])
@pytest.mark.parametrize("lang", l10n.LANGUAGES)
def test_the_hour_lines_of_the_first_day_stop_at_its_words(lang, phone):
    # The first day's gridlines ran through the facts' words; each fact now sits on white.
    fig = chart("coincheck-2018", lang, phone, "first_day")
    facts = [t for t in fig.axes[0].texts if t.get_text().strip()]
    assert len(facts) >= 15
    bare = [
        t.get_text() for t in facts if t.get_bbox_patch() is None or t.get_bbox_patch().get_facecolor()[:3] != (1, 1, 1)
    ]
    assert bare == []


@pytest.mark.parametrize("phone", [False, True], ids=["print", "phone"])
def test_a_later_milestone_dated_in_another_zone_gives_that_date(phone):
    # Bitfinex's arrests and sentence are US dates, so their days after its UTC-dated theft are ranges
    # of UTC dates; the chart once gave the range alone, with no date, while the dated rows gave theirs.
    fig = chart("bitfinex-2016", "en", phone, "later_milestones")
    words = " ".join(texts(fig).split())
    assert "8 February 2022, US Eastern date (2,016 or 2,017 UTC days)" in words
    assert "14 November 2024, US Eastern date (3,026 or 3,027 UTC days)" in words
    # The title binds the zone to the count ("in UTC dates" before "after the theft" misread).
    assert "“Sentenced”, came 3,026 or 3,027 UTC days after the theft" in words
    fig = chart("bitfinex-2016", "ja", phone, "later_milestones")
    assert "2022年2月8日、米国東部時間の日付（協定世界時の日付で2,016〜2,017日）" in texts(fig).replace("\n", "")


def test_a_narrow_time_scale_keeps_every_word_in_its_short_form():
    """The comparison's phone panels have room for "1 mo", "1 yr" and "10 yrs" but not for "1 year"
    beside "10 years": the short forms are taken when they keep more of the scale's words, so "1 yr"
    is not dropped; a wide axis keeps the full words."""
    from analysis.report.charts.fitting import Measure
    from analysis.report.charts.scales import spaced_log_ticks

    def words(width: float) -> list[str]:
        return [t for _, t in spaced_log_ticks(Measure(Figure()), "en", style.MIN_TEXT_PT, width)]

    assert words(140) == ["1 h", "1 day", "1 mo", "1 yr", "10 yrs"]
    assert words(600) == ["1 h", "1 day", "1 month", "1 year", "10 years"]


@pytest.mark.parametrize("incident, edge", [("binance-2019", True), ("coincheck-2018", False)])
def test_a_dot_at_the_scale_s_edge_is_said_to_be_off_scale(incident, edge):
    """Binance noticed and halted in the same minute as its theft: those dots stand at the log scale's
    left edge, where ten minutes would be, so the key says they are not to scale. Coincheck has no step
    within ten minutes of its theft, and its key says nothing of the edge."""
    figure = registry.charts_of(prepare_incident(incident_id=incident, lang="en"))["response"]
    words = " ".join(" ".join(t.get_text().split()) for t in figure.texts)  # the source line is wrapped
    assert ("within 10 minutes of the theft is drawn at the left edge, not to scale" in words) is edge
    ax = figure.axes[0]
    assert ax.get_xlim()[0] < 10 / 1440  # the axis starts left of the edge's dots: none sits on its line


@pytest.mark.parametrize("lang", l10n.LANGUAGES)
def test_a_drain_s_response_axis_counts_from_the_drain_s_start(lang):
    # Mt. Gox's "880 days" run from 11 Sep 2011, when the drain began, not from a one-day theft.
    axis = {i: charts.response_of(prepare_incident(incident_id=i, lang=lang)).axes[0].get_xlabel()
            for i in ("mtgox-2014", "coincheck-2018")}  # fmt: skip
    assert axis == {
        "mtgox-2014": l10n.t("time_after_drain_axis", lang),
        "coincheck-2018": l10n.t("time_after_theft_axis", lang),
    }


@pytest.mark.parametrize(
    "lang, decided, title",
    [
        ("en", "remedy decided", "Bitfinex 2016: tokens for the loss credited after 8 days, in UTC dates"),
        ("ja", "補償方針の決定", "ビットフィネックス（2016年）：損失分のトークンの付与まで協定世界時の日付で8日"),
    ],
)
def test_a_response_title_tells_only_counts_page_1_tells(lang, decided, title):
    # Bitfinex: the remedy was decided 4-5 days after the theft, but page 1 tells the day the tokens were
    # credited, not the decision; a title leading with the decision told what the text did not (an
    # editor's read). The one count left is told alone, not the headline over again right under it.
    ctx = prepare_incident(incident_id="bitfinex-2016", lang=lang)
    told = charts.title_of(charts.response_of(ctx))
    assert decided not in told and told == title
    # BITPoint's text counts its halt from the detection, and Mt. Gox's detection (dated to a month)
    # not at all: neither title names them, though the charts draw both.
    # Nor Mt. Gox's halt, which the text names for what it halted ("first suspension" is untrue of it).
    for incident, untold in (
        ("bitpoint-2019", "suspension"),
        ("mtgox-2014", "detection"),
        ("mtgox-2014", "suspension"),
    ):
        other = prepare_incident(incident_id=incident, lang=lang)
        assert other.milestone_names[untold].lower() not in charts.title_of(charts.response_of(other)).lower()
    # Liquid's text tells no count from its theft but "the same day": its title says what the chart
    # shows, not the headline over again right above it.
    liquid = prepare_incident(incident_id="liquid-2021", lang=lang)
    assert charts.title_of(charts.response_of(liquid)) == l10n.t("response_plain_title", lang, name=liquid.name)
    # Coincheck's text tells its detection and its payment: its title still names both counts.
    coincheck = prepare_incident(incident_id="coincheck-2018", lang="en")
    assert " ".join(charts.title_of(charts.response_of(coincheck)).split()) == (
        "Coincheck 2018: detection after about 11 h 23 min, remedy delivered after 45 days"
    )


@pytest.mark.parametrize(
    "incident, name, kinds",
    [
        # Binance's theft rests on a blog, its dated steps on the trade press: both are named.
        ("binance-2019", "response", {"blog_wiki_aggregator", "trade_press"}),
        # Bitfinex's theft was read on the company's page, beside news, trade press and blogs.
        ("bitfinex-2016", "response", {"company", "newspaper_wire", "trade_press", "blog_wiki_aggregator"}),
    ],
)
def test_a_chart_of_time_since_the_theft_names_the_pages_of_its_dates_and_its_theft(incident, name, kinds):
    ctx = prepare_incident(incident_id=incident, lang="en")
    line = " ".join(registry.charts_of(ctx)[name]._supxlabel.get_text().split())
    for kind in vocab.PAGE_KINDS:
        assert (l10n.label("pages_read", kind, "en") in line) == (kind in kinds), (kind, line)


def test_a_count_of_days_one_time_bounds_is_drawn_over_the_hours_it_can_be():
    from analysis.report.charts.scales import LOG_EDGE, log_place

    # The comparison's rows as drawn: DMM's disclosure, the same day as a theft at about 13:26 (so
    # from 12:26), spans the edge to 11 h 34 min, not the whole day; BITPoint's first halt, 06:30 the
    # day after a theft with no time that came before the detection at about 22:12 (so by 23:12),
    # spans 7 h 18 min to 30 h 30 min rather than a dot at one day; Zaif's disclosure, 6 days with no
    # time on one side, stays a dot; Bitfinex's disclosure (18:16 UTC on its theft's UTC day) spans 0
    # to 18 h 16 min.
    table = prepare_comparison(lang="en").table.set_index(["incident_id", "milestone"])
    x, span = log_place(table.loc[("dmm-bitcoin-2024", "disclosure")])
    assert span == (LOG_EDGE, pytest.approx((11 + 34 / 60) / 24)) and x == span[1]
    # its first regulator action, a measure of several parts, that day too: after a timed theft the
    # theft's time bounds every part alike
    assert log_place(table.loc[("dmm-bitcoin-2024", "regulator_action")])[1] == span
    x, span = log_place(table.loc[("bitpoint-2019", "suspension")])
    assert span == (pytest.approx((7 + 18 / 60) / 24), pytest.approx(30.5 / 24)) and x == span[1]
    assert log_place(table.loc[("zaif-2018", "disclosure")]) == (6.0, None)
    x, span = log_place(table.loc[("bitfinex-2016", "disclosure")])
    assert span == (LOG_EDGE, pytest.approx((18 + 16 / 60) / 24))


@pytest.mark.parametrize("lang", l10n.LANGUAGES)
def test_a_compared_value_unlike_its_panel_says_what_it_is(lang):
    """'Remedy decided' sets a promise that customers lost nothing (Bybit, Binance, DMM, Liquid) and a
    court plan that repays part (Mt. Gox) beside compensation for the whole loss; 'Remedy delivered'
    sets tokens for the loss (Bitfinex) beside yen and coins. Each unlike value says what it is, in
    words the source line explains, after the value or on the mark's other side; a remedy for the
    whole loss says nothing more."""
    ctx = prepare_comparison(lang=lang)
    fig = registry.charts_of(ctx)["compared"]
    panels = {ax.get_title(loc="left"): ax for ax in fig.axes if ax.get_visible()}

    def rows(milestone: str) -> list[set[str]]:
        by_row = {}
        for t in panels[ctx.milestone_names[milestone]].texts:
            by_row.setdefault(t.xy[1], set()).add("".join(t.get_text().split()))  # a wrapped value, unwrapped
        return list(by_row.values())

    def reads(milestone: str, value: str, kind: str | None) -> bool:
        if kind is None:
            return {"".join(value.split())} in rows(milestone)
        word = l10n.t(f"compared_kind_{kind}", lang)
        joined = "".join(l10n.t("compared_kind_value", lang, value=value, kind=word).split())
        return {joined} in rows(milestone) or {"".join(value.split()), "".join(word.split())} in rows(milestone)

    hours = {"en": ("1 h 31 min", "6 h 25 min", "3,692 days", "2 days", "8 days (UTC)"),
             "ja": ("1時間31分", "6時間25分", "3,692日", "2日", "8日（UTC）")}[lang]  # fmt: skip
    # Japan time. Bybit: theft 23:13 on 21 Feb 2025, the CEO's word at 00:44 on 22 Feb; Binance: theft
    # 02:15 on 8 May 2019, the SAFU fund named at 08:40; Mt. Gox: the drain's start, 11 Sept 2011, to the
    # plan confirmed on 20 Oct 2021.
    assert reads("remedy_decided", hours[0], "no_loss")
    assert reads("remedy_decided", hours[1], "no_loss")
    assert reads("remedy_decided", hours[2], "partial")
    assert reads("remedy_decided", hours[3], None)  # Coincheck: yen for every XEM, nothing added
    assert reads("remedy_delivered", hours[4], "tokens")
    line = "".join(fig._supxlabel.get_text().split())
    for kind in ("no_loss", "partial", "tokens"):
        assert "".join(l10n.t(f"compared_kind_{kind}_note", lang).split()) in line


def test_the_comparisons_numbers_say_what_each_unlike_value_is():
    # The CSV behind the chart says in a column what the chart says beside a value: the remedies of
    # remedies.csv with extent not_needed (4) or partial (Mt. Gox), the tokens of Bitfinex; nothing else.
    table = charts.compared_data(prepare_comparison(lang="en"))
    kinds = table[table["kind"] != ""].set_index(["milestone", "incident_id"])["kind"].to_dict()
    assert kinds == {
        ("remedy_decided", "bybit-2025"): "no_loss",
        ("remedy_decided", "binance-2019"): "no_loss",
        ("remedy_decided", "dmm-bitcoin-2024"): "no_loss",
        ("remedy_decided", "liquid-2021"): "no_loss",
        ("remedy_decided", "mtgox-2014"): "partial",
        ("remedy_delivered", "bitfinex-2016"): "tokens",
    }


def _span_widths(fig) -> list[tuple[str, float]]:
    """Each span drawn on the figure's log scales and its width on the page in points: a bar's from
    its ends, a block's from its marker."""
    FigureCanvasAgg(fig).draw()
    spans = []
    for ax in fig.axes:
        for line in ax.get_lines():
            if line.get_marker() == "|" and len(line.get_xdata()) == 1:
                spans.append(("block", line.get_markeredgewidth()))
            elif line.get_linewidth() == marks.SPAN_LW and len(line.get_xdata()) == 2:
                (x0, _), (x1, _) = ax.transData.transform(list(zip(line.get_xdata(), line.get_ydata())))
                spans.append(("bar", (x1 - x0) * 72 / fig.dpi))
    return spans


def test_a_span_too_narrow_to_see_is_drawn_as_wide_as_its_bar_is_thick():
    # Mt. Gox's detection lies somewhere in February 2014: 1 Feb 2014 is 874 days after 11 Sept 2011,
    # 28 Feb 901 (111 + 365 + 366 + 32). On a log scale of ten minutes to twenty years that is under
    # half a point: it is drawn as a light block as wide as the span's bar is thick, about its middle
    # (√(874 × 901) ≈ 887.4 days); no other span of the panel is.
    ctx = prepare_comparison(lang="en")
    fig = registry.charts_of(ctx)["compared"]
    (panel,) = [ax for ax in fig.axes if ax.get_visible() and ax.get_title(loc="left") == "Detection"]
    blocks = [line for line in panel.get_lines() if line.get_marker() == "|"]
    assert len(blocks) == 1
    assert blocks[0].get_xdata()[0] == pytest.approx(887.4, abs=0.05)


@pytest.mark.parametrize("phone", [False, True], ids=["print", "phone"])
def test_every_span_is_at_least_as_wide_as_its_bar_is_thick(phone):
    # On every log-scale chart (the comparison's panels, each incident's response on its own shorter
    # scale), at print and phone width: a bar at least SPAN_LW points wide, or a block that wide; a
    # span is never drawn narrower than a block would be.
    figures = []
    with style.narrow() if phone else contextlib.nullcontext():
        figures.append(registry.charts_of(prepare_comparison(lang="en"))["compared"])
        figures += [charts.response_of(prepare_incident(incident_id=i, lang="en")) for i in INCIDENTS]
    spans = [span for fig in figures for span in _span_widths(fig)]
    assert any(kind == "block" for kind, _ in spans) and any(kind == "bar" for kind, _ in spans)
    assert all(width >= marks.SPAN_LW - 0.01 for _, width in spans), spans


@pytest.mark.parametrize("lang", l10n.LANGUAGES)
def test_a_chain_step_of_no_days_is_a_diamond_its_source_line_explains(lang):
    # Coincheck filed its report on 13 Feb 2018, the day yen withdrawals resumed (seed): a step of
    # 0 days has no length to draw, so it is a diamond, and the source line says what a diamond is.
    note = "".join(l10n.t("chain_diamond_note", lang).split())
    for incident in ("coincheck-2018", "zaif-2018"):
        ctx = prepare_incident(incident_id=incident, lang=lang)
        fig = registry.charts.milestone_chain_of(ctx)
        diamonds = [line for line in fig.axes[0].get_lines() if line.get_marker() == "D"]
        same_day = int((ctx.durations["from_date"] == ctx.durations["to_date"]).sum())
        assert len(diamonds) == same_day
        assert (note in "".join(fig._supxlabel.get_text().split())) == (same_day > 0)
        if incident == "coincheck-2018":
            assert same_day == 1


@pytest.mark.parametrize("lang", l10n.LANGUAGES)
def test_the_first_days_key_names_the_colour_of_each_actor_drawn(lang):
    # Rows are coloured by who acted; the key names each colour drawn, in the order first drawn, and
    # the hollow grey dot where another source's value is drawn (Coincheck: the theft at about 02:57 or
    # 03:00; Binance: detection at about 10:15 by a later write-up).
    for incident, actors in (("coincheck-2018", ["attacker", "coincheck"]), ("binance-2019", ["attacker", "exchange"])):
        fig = charts.first_day_of(prepare_incident(incident_id=incident, lang=lang), incident)
        (legend,) = [ax.get_legend() for ax in fig.axes if ax.get_legend() is not None]
        said = [t.get_text() for t in legend.get_texts()]
        assert said == [l10n.label("actor", a, lang) for a in actors] + [l10n.t("alternative", lang)]
        colours = [matplotlib.colors.to_hex(h.get_markerfacecolor()) for h in legend.legend_handles]
        assert colours == [style.ACTOR_COLOURS[a] for a in actors] + ["#ffffff"]
        # in grey print the attacker's near-black and the exchange's blue come close: its marks are
        # diamonds, in the key and on the clock (Coincheck: the theft and three further outflows)
        assert [h.get_marker() for h in legend.legend_handles] == ["D", "o", "o"]
        drawn = [line.get_marker() for line in fig.axes[0].get_lines() if line.get_marker() not in ("None", None)]
        if incident == "coincheck-2018":
            assert drawn.count("D") == 4


@pytest.mark.parametrize("lang", l10n.LANGUAGES)
def test_the_first_day_names_only_the_rows_that_mark_a_step(lang):
    # Coincheck's clock named its rows without a step by who acted ("Coincheck" six times, "Attacker"
    # three), which hid its steps among them: such a row is unnamed; its colour is who acted. The
    # named rows are the day's steps, the two other accounts of the theft's time among them, in
    # events.csv's order of time: theft 00:02 (and 02:57, 03:00), detection, first suspension, first
    # public notice, trading halted, all withdrawals suspended.
    fig = chart("coincheck-2018", lang, False, "first_day")
    names = [t.get_text() for t in fig.axes[0].get_yticklabels()]
    said = [n for n in names if n]
    steps = ["leak", "leak", "leak", "detection", "suspension", "public_notice", "trading_halt",
             "all_withdrawals_suspended"]  # fmt: skip
    assert said == [prepare_incident(incident_id="coincheck-2018", lang=lang).milestone_names[m] for m in steps]
    assert len(names) - len(said) == 9  # three further outflows; six of the exchange's acts with no step
    for who in ("coincheck", "attacker"):
        assert l10n.label("actor", who, lang) not in names


@pytest.mark.parametrize("lang", l10n.LANGUAGES)
def test_a_phone_s_clock_gives_its_key_first_and_its_hours_at_the_top_when_tall(lang):
    # On a phone Coincheck's clock runs well over a screen: its key came after the last mark, and its
    # hours only at its foot. The key now comes before the marks, and a clock taller than wide gives
    # its hours above them too; Bybit's short clock keeps them at its foot alone.
    for incident, tall in (("coincheck-2018", True), ("bybit-2025", False)):
        fig = chart(incident, lang, True, "first_day")
        clock = fig.axes[0]
        (keyed,) = [ax for ax in fig.axes if ax.get_legend() is not None]
        assert keyed.get_position().y0 > clock.get_position().y1  # above it
        top = [t for t in clock.xaxis.get_major_ticks() if t.label2.get_visible() and t.label2.get_text()]
        assert bool(top) is tall
    print_fig = chart("coincheck-2018", lang, False, "first_day")
    (keyed,) = [ax for ax in print_fig.axes if ax.get_legend() is not None]
    assert keyed.get_position().y1 < print_fig.axes[0].get_position().y0  # in print, under the clock


@pytest.mark.parametrize(
    "periods, unit",
    [(["2014-02"], "month"), (["2019Q2"], "quarter"), (["2011-10", "2019Q2"], "month or quarter"), ([], None)],
)
def test_the_key_names_only_the_periods_its_spans_stand_for(periods, unit):
    # Mt. Gox's spans stand for months only (October 2011, February 2014): its key once said "some only
    # to a month or quarter", a line written for Coincheck's "Q2 2019".
    key = marks.marks_key([(False, (1.0, 2.0))], "en", periods)
    if unit is None:
        assert "only to" not in key
    else:
        assert key.endswith(f"(the pages give it no closer, some only to a {unit})")
    ja = marks.marks_key([(False, (1.0, 2.0))], "ja", periods)
    assert ("までのものを含む" in ja) == (unit is not None)


def test_mt_goxs_response_key_names_months_only():
    fig = charts.response_of(prepare_incident(incident_id="mtgox-2014", lang="en"))
    line = " ".join(fig._supxlabel.get_text().split())
    assert "some only to a month)" in line and "quarter" not in line


@pytest.mark.parametrize(
    ("lang", "name", "milestone_name"),
    [
        ("en", "A recipient's conviction upheld by the Supreme Court", "A conviction made final"),
        ("ja", "流出NEMを受け取った一人の上告を最高裁が棄却", "有罪判決の確定"),
    ],
)
def test_coincheck_s_ruling_is_charted_as_what_it_did(lang, name, milestone_name):
    # 16 July 2024: the Supreme Court dismissed the appeal, upholding the conviction; it was not made
    # final that day (corrections.csv, court-verdict-final). The later milestones' row and the title
    # that names the last step charted say what page 1 says (its step_en/step_ja), not the milestone.
    ctx = prepare_incident(incident_id="coincheck-2018", lang=lang)
    fig = charts.later_milestones_of(ctx)
    rows = [t.get_text().split("\n")[0] for t in fig.axes[0].get_yticklabels()]
    assert name in rows and milestone_name not in rows
    assert name in fig.analysis_title and milestone_name not in fig.analysis_title
    # the numbers offered beside the chart (its CSV) name the row as the chart does
    from analysis.report.charts import numbers

    named = set(numbers.later_milestones_data(ctx)["milestone_name"])
    assert name in named and milestone_name not in named


@pytest.mark.parametrize(
    ("incident", "lang", "milestone", "name"),
    [
        # Mt. Gox's remedy was decided by the court's approval of its plan (mtgox-remedy-decided step_en),
        # as page 1's text says: its chart row and its tables say so too, not "Remedy decided"
        ("mtgox-2014", "en", "remedy_decided", "Approval of the rehabilitation plan"),
        ("mtgox-2014", "ja", "remedy_decided", "再生計画の認可"),
        # Bitfinex's tokens stood for the loss: never "Remedy delivered"
        ("bitfinex-2016", "en", "remedy_delivered", "Tokens for the loss credited"),
    ],
)
def test_a_step_is_named_on_its_charts_as_page_one_names_it(incident, lang, milestone, name):
    ctx = prepare_incident(incident_id=incident, lang=lang)
    assert ctx.step_names[milestone] == name
    rows = [t.get_text() for t in charts.response_of(ctx).axes[0].get_yticklabels()]
    assert name in rows and ctx.milestone_names[milestone] not in rows
    if incident == "mtgox-2014":  # Bitfinex's later milestones begin after its tokens
        later = [t.get_text().split("\n")[0] for t in charts.later_milestones_of(ctx).axes[0].get_yticklabels()]
        assert name in later
    # the numbers offered beside the chart (its CSV) name the row as the chart does
    from analysis.report.charts import numbers

    assert name in set(numbers.response_data(ctx)["milestone_name"])
    # the glossary, which defines the milestones, keeps their own names
    assert ctx.milestone_names[milestone] != name


@pytest.mark.parametrize("lang", l10n.LANGUAGES)
def test_on_a_phone_a_step_s_value_stands_closer_to_its_name_than_to_the_next_step(lang):
    # The response chart on a phone writes each value under its step's name: "same day" sat as close
    # to "First regulator action" below it as to "Theft disclosed" above it, so a reader could pair a
    # value with the wrong step. The gap between rows is at least half again a line's.
    fig = chart("coincheck-2018", lang, True, "response")
    renderer = fig.canvas.get_renderer()
    ax = fig.axes[0]
    boxes = [t.get_window_extent(renderer) for t in ax.get_yticklabels() if t.get_text()]
    line = boxes[0].height / 2  # each dated row is two lines: name, value
    gaps = [upper.y0 - lower.y1 for upper, lower in itertools.pairwise(boxes)]
    assert min(gaps) >= 0.5 * line, (gaps, line)


@pytest.mark.parametrize("lang", l10n.LANGUAGES)
def test_the_timeline_tags_a_step_of_the_chain_only_where_its_title_does_not_name_it(lang):
    body = " ".join(texts(chart("coincheck-2018", lang, False, "timeline")).split())
    tagged = {
        # the theft's title does not say "theft": tagged; the order's and the resumption's say theirs
        "en": (
            "Theft: First unauthorised transfer",
            "Business improvement order: Administrative",
            "Yen withdrawals resume: Yen",
        ),
        "ja": ("【流出】最初の不正送金", "【業務改善命令】コインチェック", "【日本円出金再開】日本円出金の再開"),
    }[lang]
    assert tagged[0] in body
    assert tagged[1] not in body if lang == "en" else tagged[1] in body
    assert tagged[2] not in body


@pytest.mark.parametrize("phone", [False, True], ids=["print", "phone"])
def test_a_theft_known_only_by_its_date_heads_its_day_on_the_timeline(phone):
    # BITPoint: the theft on 11 Jul 2019 has no time of day; the XRP send error was detected at about
    # 22:12 that day. Drawn after the day's timed facts, as other date-only facts are, the detection
    # would stand above the theft it detected.
    ctx = prepare_incident(incident_id="bitpoint-2019", lang="en")
    with style.narrow() if phone else contextlib.nullcontext():
        fig = registry.charts_of(ctx, phone=phone)["timeline"]
    FigureCanvasAgg(fig)
    fig.canvas.draw()
    top = {
        key: t.get_window_extent().y1
        for t in fig.findobj(Text)
        for key in ("XRP and other", "XRP send error")
        if key in t.get_text()
    }
    assert top["XRP and other"] > top["XRP send error"]
