"""One catalogue per language with the same keys; dates, numbers and durations formatted per language."""

import copy
import re
import shutil
from datetime import date
from decimal import Decimal
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from analysis import l10n, vocab
from analysis.data.loading import load_dataset

SRC = Path(l10n.__file__).parent


def catalogues():
    return {lang: l10n.catalogue(lang) for lang in l10n.LANGUAGES}


def test_every_key_has_every_language():
    assert l10n.LANGUAGES == ("en", "ja")
    assert l10n.catalogue_problems(catalogues()) == []


def test_a_removed_key_is_caught():
    broken = copy.deepcopy(catalogues())
    del broken["ja"]["text"]["report_title"]
    broken["en"]["actor"]["fsa"] = "FSA"
    del broken["en"]["actor"]["police"]
    assert l10n.catalogue_problems(broken) == [
        "[actor] police: no translation in en",
        "[text] report_title: no translation in ja",
    ]


def test_a_field_missing_from_one_language_is_caught():
    broken = copy.deepcopy(catalogues())
    broken["en"]["text"]["report_title"] = "A report"
    assert l10n.catalogue_problems(broken)[0].startswith("[text] report_title: the languages fill different fields")


def test_every_vocabulary_value_has_a_label():
    data = load_dataset()
    kinds = {
        "actor": vocab.ACTORS,
        "source_kind": vocab.SOURCE_KINDS,
        "status": vocab.STATUSES,
        "flag": vocab.FLAGS,
        "method": vocab.REMEDY_METHODS,
        "where": vocab.PLACES,
        "source_type": vocab.SOURCE_TYPES,
        "zone": vocab.ZONES,
        "zone_short": vocab.ZONES,
        "currency": vocab.CHOSEN_FACTS["payout_currency"],
        "state": ("known", "range", "gap", "never", "not_recorded", "no_theft_date"),
        "funding_source": tuple(data.compensation.loc[data.compensation["fact"] == "funding_source", "value"]),
    }
    for kind, values in kinds.items():
        for value in values:
            for lang in l10n.LANGUAGES:
                assert l10n.has_label(kind, value, lang), (kind, value, lang)


def test_only_the_localisation_module_tells_languages_apart():
    offenders = [
        f"{p.name}:{n}"
        for p in SRC.rglob("*.py")
        if p.name != "l10n.py"
        for n, line in enumerate(p.read_text(encoding="utf-8").splitlines(), start=1)
        if re.search(r"""lang\s*[!=]=|[!=]=\s*lang\b|["'](ja|en)["']\s*(if|else)""", line)
    ]
    assert offenders == []


@pytest.mark.parametrize(
    "lang, long, axis, month",
    [("ja", "2018年1月26日", "1/26", "2019年6月"), ("en", "26 January 2018", "26 Jan", "June 2019")],
)
def test_dates(lang, long, axis, month):
    assert l10n.day(date(2018, 1, 26), lang) == long
    assert l10n.day(date(2018, 1, 26), lang, "axis") == axis
    assert l10n.month(2019, 6, lang) == month


@pytest.mark.parametrize(
    "lang, expect",
    [
        ("ja", ["1日", "15日", "11時間23分", "33分", "46,311,127,000", "463.1億円", "約580.0億円"]),
        ("en", ["1 day", "15 days", "11 h 23 min", "33 min", "46,311,127,000", "46.31 bn JPY", "about 58.00 bn JPY"]),
    ],
)
def test_numbers_durations_and_plurals(lang, expect):
    scale = l10n.catalogue(lang)["locale"]["big_money_scale"]
    places = l10n.catalogue(lang)["locale"]["big_money_places"]
    got = [
        l10n.days(1, lang),
        l10n.days(15, lang),
        l10n.hours_minutes(11 + 23 / 60, lang),  # 11.38 h is 11 h 23 min, not 11 h 38 min
        l10n.hours_minutes(33 / 60, lang),
        l10n.number(46311127000, lang),
        l10n.t("big_money", lang, value=l10n.number(46311127000 / scale, lang, places)),
        l10n.about(l10n.t("big_money", lang, value=l10n.number(58000000000 / scale, lang, places)), lang),
    ]
    assert got == expect


# One way to write yen per language: English after the number (88.549 JPY, 46.31 bn JPY, 754 m JPY),
# dollars before it as newspapers print them (US$532 million); Japanese 88.549円, 463.1億円.
_YEN_FIRST = re.compile(r"JPY\s?(?:\{|\d)")
_OUR_ENGLISH = {
    "events.csv": ("title_en", "note_en"),
    "incidents.csv": ("stolen_en",),
    "story.csv": ("text_en",),
    "remedies.csv": ("detail_en", "funded_by_en"),
    "compensation.csv": ("note_en",),
    "order_items.csv": ("text_en",),
}


@pytest.mark.parametrize(
    "lang, ranks",
    [
        (
            "en",
            {
                1: "first",
                2: "second",
                3: "third",
                10: "tenth",
                11: "11th",
                12: "12th",
                13: "13th",
                21: "21st",
                22: "22nd",
            },
        ),
        ("ja", {1: "1番目", 2: "2番目", 3: "3番目", 11: "11番目"}),
    ],
)
def test_a_rank_takes_the_languages_ordinal_form(lang, ranks):
    # the comparison's "the second largest of the 9" (it once read "number 2 of 9"; an editor found
    # "2nd" wrong in running prose)
    assert {n: l10n.ordinal("rank", n, lang) for n in ranks} == ranks


def test_yen_is_written_one_way_in_english():
    texts = [v for v in l10n.catalogue("en")["text"].values() if isinstance(v, str)]
    assert [t for t in texts if _YEN_FIRST.search(t)] == []
    data = load_dataset().data_dir
    for name, columns in _OUR_ENGLISH.items():
        frame = pd.read_csv(data / name, dtype=str, keep_default_na=False)
        for col in columns:
            bad = frame[frame[col].str.contains(_YEN_FIRST)]
            assert bad.empty, f"{name} {col}: {list(bad[col])}"


@pytest.mark.parametrize(
    "ratio, lang, places, text",
    [
        (Decimal("46311127000") / Decimal("58000000000"), "en", 1, "79.8%"),  # Coincheck: paid / reported
        (Decimal("46311127000") / Decimal("58000000000"), "ja", 0, "80%"),
        (Decimal("0.5"), "en", 0, "50%"),
        (Decimal("1"), "ja", 1, "100.0%"),
        (Decimal("0.12345"), "en", 2, "12.34%"),  # a tie goes to the even digit, as Babel rounds
    ],
)
def test_one_helper_writes_a_percentage(ratio, lang, places, text):
    assert l10n.percent(ratio, lang, places) == text


def test_a_time_of_day_in_a_sentence():
    # Japanese prose writes 0時2分ごろ, not 約00:02; on the hour, 23時; English keeps 00:02 with "about".
    import pandas as pd

    from analysis import l10n

    at = pd.Timestamp("2018-01-26 00:02", tz="Asia/Tokyo")
    assert l10n.clock(at, "ja", approximate=True) == "0時2分ごろ"
    assert l10n.clock(at, "en", approximate=True) == "about 00:02"
    hour = pd.Timestamp("2018-01-27 23:00", tz="Asia/Tokyo")
    assert (l10n.clock(hour, "ja"), l10n.clock(hour, "en")) == ("23時", "23:00")
    # kept on one line in a page: the whole time is one quantity
    assert l10n.quantity_pattern().search("流出は、0時2分ごろから").group(0) == "0時2分"


def test_a_duration_with_a_range_of_minutes_is_one_quantity():
    """「約8時間25〜28分」 is one length of time: a line must not break inside 時間 (where 「8時」 alone
    would read as a time of day) nor before the minutes."""
    from analysis import l10n

    found = lambda s: [m.group(0) for m in l10n.quantity_pattern().finditer(s)]  # noqa: E731
    assert found("（流出時刻の別の値からは約8時間25〜28分）") == ["約8時間25〜28分"]
    assert found("about 8 h 25–28 min from other times") == ["about 8 h 25–28 min"]
    assert found("約11時間23分、0時2分ごろ") == ["約11時間23分", "0時2分"]


def test_a_japanese_chart_label_breaks_between_words():
    """Japanese runs its words together: a chart's label breaks after punctuation or between phrases
    as BudouX segments them, never inside a word (「不正アクセ／ス」, 「買い／注文」, 「劣後／ローン」),
    between a kanji and the kana after it (「公／表し」), after 「翌」 (「翌／18日」), or before a particle
    (「…完了」／は). The reviewer found each of these on the phone charts when breaks followed script changes."""
    from analysis.report import style

    lines = style.wrapped(
        "ハッカーが日本法人のホットウォレットへ不正アクセスし暗号資産を流出させる", "ja", "label", 0.3
    )
    assert lines.split("\n") == ["ハッカーが日本法人の", "ホットウォレットへ", "不正アクセスし暗号資産を", "流出させる"]
    for text, whole in (
        (
            "DMMグループが調達した資金でビットコインの買い注文を出し、劣後ローンで不足分を補う",
            ("買い注文", "劣後ローン"),
        ),
        ("DMMビットコイン（2024年）：図中で日付の分かる最後の段階「買収・譲渡の完了」は流出から185日後", ("」は",)),
    ):
        for share in (0.2, 0.25, 0.3, 0.35, 0.4):
            wrapped = style.wrapped(text, "ja", "label", share)
            assert wrapped.replace("\n", "") == text
            assert all(word in wrapped for word in whole), wrapped
    assert style.wrapped("取引所が流出を公表し、入出金を停止する", "ja", "label", 0.3).split("\n")[0].endswith("、")
    for share in (0.2, 0.25, 0.3, 0.35):
        text = style.wrapped("翌18日に流出を公表する予定と発表した取引所の説明", "ja", "label", share)
        assert "翌\n" not in text and "公\n" not in text, text
    # a phrase longer than its line (BudouX's 「及びみなし仮想通貨交換業者に」) breaks where its script
    # changes, not inside 交換業者 or before に
    fsa = "金融庁：仮想通貨の不正流出を踏まえ、仮想通貨交換業者およびみなし仮想通貨交換業者に対し、不正アクセスに関する注意喚起"
    for share in (0.3, 0.35, 0.4):
        wrapped = style.wrapped(fsa, "ja", "label", share)
        assert wrapped.replace("\n", "") == fsa
        assert "交換\n業者" not in wrapped and "業者\nに" not in wrapped and "み\nな" not in wrapped, wrapped
    # English keeps breaking at its spaces
    assert "\n" in style.wrapped("the exchange halted withdrawals and deposits of every currency", "en", "label", 0.3)


def test_a_wrapped_title_does_not_end_on_a_word_alone():
    """No widow: a last line of a word or two is avoided by breaking the lines before it a little
    earlier, on as many lines. Bitfinex's phone title ended on 「8日」 alone, Coincheck's later
    milestones on "after the theft"."""
    from analysis.report import style

    title = "ビットフィネックス（2016年）：補償方針の決定まで4〜5日、損失分のトークンの付与まで協定世界時の日付で8日"
    with style.narrow():
        lines = style.wrapped(title, "ja").split("\n")
    assert "".join(lines) == title
    assert lines == [
        "ビットフィネックス（2016年）：",
        "補償方針の決定まで4〜5日、",
        "損失分のトークンの付与まで",
        "協定世界時の日付で8日",
    ]
    title = "Coincheck 2018: the last dated step charted, “A conviction made final”, came 2,363 days after the theft"
    lines = style.wrapped(title, "en").split("\n")
    assert lines == [
        "Coincheck 2018: the last dated step charted, “A conviction made final”, came",
        "2,363 days after the theft",
    ]


@pytest.mark.parametrize(
    "text, lang, kind, lines",
    [
        # a quoted name or a bracketed note stays whole where a break before it will do
        (
            "被害対策弁護団：ホームページで「よくある質問」のページを公開",
            "ja",
            "label",
            ["被害対策弁護団：ホームページで", "「よくある質問」のページを公開"],
        ),
        (
            "Time from each theft to each step (Coincheck 2018 highlighted)",
            "en",
            "title",
            ["Time from each theft to each step", "(Coincheck 2018 highlighted)"],
        ),
        (
            "流出から各段階までの時間（コインチェック（2018年）を強調）",
            "ja",
            "title",
            ["流出から各段階までの時間", "（コインチェック（2018年）を強調）"],
        ),
    ],
)
def test_a_phone_line_breaks_before_brackets_not_inside_them(text, lang, kind, lines):
    from analysis.report import style

    with style.narrow():
        assert style.wrapped(text, lang, kind).split("\n") == lines


def test_a_note_goes_inside_a_name_s_own_brackets():
    # The comparison's charts once read 「マウントゴックス（2014年）（長期の流出）」, two pairs of brackets.
    assert l10n.noted("マウントゴックス（2014年）", "長期の流出", "ja") == "マウントゴックス（2014年・長期の流出）"
    assert l10n.noted("Mt. Gox 2014", "drain", "en") == "Mt. Gox 2014 (drain)"
    assert l10n.noted("Example (2020)", "drain", "en") == "Example (2020, drain)"


@pytest.mark.parametrize(
    "value, en, ja",
    [
        (46311127000, "46.31 bn JPY", "463.1億円"),
        (46300000000, "46.3 bn JPY", "463億円"),  # no decimal the amount does not have (46.30, 463.0)
        (58000000000, "58 bn JPY", "580億円"),
        (3020000000, "3.02 bn JPY", "30.2億円"),
    ],
)
def test_a_large_sum_has_no_more_decimals_than_it_has(value, en, ja):
    assert (l10n.big_money(value, "en"), l10n.big_money(value, "ja")) == (en, ja)


@given(st.text())
def test_the_printed_dateline_is_a_css_string_no_text_can_break(text):
    # render.page_foot puts the dateline in a <style> element, where HTML escapes are not read: any
    # text, quotes, backslashes, "</style>" and line breaks among them, stays one CSS string and reads back.
    from analysis.report.render import _css_string

    quoted = _css_string(text)
    inner = quoted[1:-1]
    assert quoted[0] == quoted[-1] == '"'
    assert not set(inner) & set('"<>\n\r\f')
    assert re.sub(r"\\([0-9a-f]+) ", lambda m: chr(int(m.group(1), 16)), inner) == text


@pytest.mark.parametrize(
    "note, lang, start, rest",
    [
        ("Did not happen: withdrawals stayed open.", "en", False, "withdrawals stayed open."),
        ("Did not happen: withdrawals stayed open.", "en", True, "Withdrawals stayed open."),
        # the label as a sentence of its own, then its reason; or the label alone, with or without its stop
        ("Did not happen. Withdrawals stayed open.", "en", False, "Withdrawals stayed open."),
        ("Did not happen.", "en", True, ""),
        ("Did not happen", "en", True, ""),
        ("行われなかった。出金は停止されなかった。", "ja", True, "出金は停止されなかった。"),
        ("行われなかった。", "ja", True, ""),
        # no label: the note as it is
        ("Withdrawals stayed open.", "en", False, "Withdrawals stayed open."),
    ],
)
def test_a_note_s_label_is_taken_off_whichever_way_it_ends(note, lang, start, rest):
    assert l10n.after_label(note, lang, start) == rest


@pytest.mark.parametrize("zone", [None, float("nan"), pd.NA, ""])
@pytest.mark.parametrize("lang, plain", [("en", "2 Aug 2016"), ("ja", "2016/8/2")])
def test_a_day_with_no_zone_is_the_plain_day_whatever_the_missing_value(zone, lang, plain):
    # The loader gives an empty cell as pd.NA, a frame built by hand as NaN or None: all the plain day,
    # in a sentence and in brackets alike (the annex's cells and the comparison's table).
    day = date(2016, 8, 2)
    assert l10n.zoned_day(day, zone, lang, style="short") == l10n.day(day, lang, "short") == plain
    assert l10n.zoned_day(day, zone, lang, bracketed=True, style="short") == plain


@pytest.mark.parametrize(
    "lang, bracketed, said",
    [("en", False, "2 Aug 2016 (UTC date)"), ("en", True, "2 Aug 2016, UTC date"),
     ("ja", False, "2016/8/2（協定世界時の日付）"), ("ja", True, "2016/8/2、協定世界時の日付")],
)  # fmt: skip
def test_a_day_in_another_zone_says_its_zone(lang, bracketed, said):
    assert l10n.zoned_day(date(2016, 8, 2), "UTC", lang, bracketed=bracketed, style="short") == said


def test_an_edition_names_the_words_as_well_as_the_data(tmp_path, monkeypatch):
    """Two texts never share an edition: a word changed in the report's catalogue gives it another
    edition, as a data row does; a comment or the file's layout leaves it as it was, and so does a
    word of another language's catalogue."""
    from analysis.report.context import prepare_incident
    from analysis.report.findings import edition

    ctx = prepare_incident(incident_id="zaif-2018", lang="en")
    before = edition(ctx)

    def edition_with(lang: str, edit) -> str:
        shutil.copytree(l10n.CATALOGUE, tmp_path / "catalogue", dirs_exist_ok=True)
        path = tmp_path / "catalogue" / f"{lang}.toml"
        text = (l10n.CATALOGUE / f"{lang}.toml").read_text(encoding="utf-8")
        edited = edit(text)
        assert edited != text
        path.write_text(edited, encoding="utf-8")
        monkeypatch.setattr(l10n, "CATALOGUE", tmp_path / "catalogue")
        l10n.catalogue.cache_clear()
        try:
            return edition(ctx)
        finally:
            monkeypatch.undo()
            l10n.catalogue.cache_clear()

    assert edition_with("en", lambda text: "# a comment, and a blank line\n\n" + text) == before
    reworded = edition_with("en", lambda text: text.replace('full_stop = "."', 'full_stop = "!"'))
    assert reworded != before
    assert re.fullmatch(r"(\d+\.\d+\.\d+|dev)\+[0-9a-f]{8}", reworded)
    assert edition_with("ja", lambda text: text.replace('full_stop = "。"', 'full_stop = "！"')) == before


def test_a_name_inside_brackets_does_not_nest_them():
    # 「1件（マウントゴックス（2014年））」 nests brackets: inside them the year goes before the name
    assert l10n.inside_brackets("マウントゴックス（2014年）", "ja") == "2014年のマウントゴックス"
    assert l10n.inside_brackets("Bybit（2025年）", "ja") == "2025年のBybit"
    assert l10n.inside_brackets("Mt. Gox 2014", "en") == "Mt. Gox 2014"
    assert l10n.inside_brackets("Foo (2019)", "en") == "Foo 2019"
    assert l10n.inside_brackets("（注）", "ja") == "（注）"  # nothing before the bracket: kept
    # a name with brackets of its own besides the last, or nested, is left as it is, never garbled
    assert l10n.inside_brackets("フー（バー（2019年））", "ja") == "フー（バー（2019年））"
    assert l10n.inside_brackets("Foo (A) Bar (2019)", "en") == "Foo (A) Bar (2019)"


def test_a_title_that_says_a_step_s_name_needs_no_tag():
    # the timeline tagged "Business improvement order: Administrative action against Coincheck, Inc.
    # (business improvement order)" and 「【日本円出金再開】日本円出金の再開」
    order = "Administrative action against Coincheck, Inc. (business improvement order)"
    assert l10n.says_name(order, "Business improvement order", "en")  # its bracketed note
    assert l10n.says_name("日本円出金の再開", "日本円出金再開", "ja")  # opens with it, の aside
    assert l10n.says_name("Yen withdrawals resume", "Yen withdrawals resume", "en")
    # met only inside the title, the name is not what the title says: the tag marks the chain's step
    assert not l10n.says_name("XRPなどの暗号資産が不正流出", "流出", "ja")
    assert not l10n.says_name("業務改善命令に係る報告書提出のご報告", "報告書提出", "ja")
    assert not l10n.says_name("First unauthorised transfer of NEM", "Theft", "en")
    assert not l10n.says_name("Report under the business improvement order submitted", "Report filed", "en")
    assert not l10n.says_name("日本円出金の停止", "日本円出金再開", "ja")
