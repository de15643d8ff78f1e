"""Reading figures as pages print them: hand-read examples, and properties over any text."""

from datetime import date, datetime, timedelta
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from analysis.data.printed import (
    Amount,
    Unreadable,
    When,
    amounts_in,
    dates_in,
    page_date,
    read_amount,
    read_when,
    resolve,
)


def fields(w: When) -> tuple:
    return (w.year, w.month, w.day, w.hour, w.minute)


@pytest.mark.parametrize(
    "text, expected, approximate",
    [
        ("1月26日午前0時2分頃", (None, 1, 26, 0, 2), True),
        ("2018年9月17日", (2018, 9, 17, None, None), False),
        ("平成30年2月13日(火)", (2018, 2, 13, None, None), False),  # Heisei 30 = 1988 + 30
        ("令和6年7月16日", (2024, 7, 16, None, None), False),  # Reiwa 6 = 2018 + 6
        ("2018/1/26(金) 00:02頃", (2018, 1, 26, 0, 2), True),
        ("1/26 12:07", (None, 1, 26, 12, 7), False),
        ("午後9時11分頃", (None, None, None, 21, 11), True),
        ("午前11時25分", (None, None, None, 11, 25), False),
        ("5月31日午後10時過ぎ", (None, 5, 31, 22, 0), True),  # "shortly after" is not exact
        ("28日夕", (None, None, 28, None, None), False),  # a part of the day keeps the day
        ("9月以降", (None, 9, None, None, None), False),  # a planned start: from September on
        ("around 11:25 a.m.", (None, None, None, 11, 25), True),
        ("Feb. 24", (None, 2, 24, None, None), False),
        ("February 21, 2025, 14:13 UTC", (2025, 2, 21, 14, 13), False),
        ("20:00:00 UTC on April 3, 2017", (2017, 4, 3, 20, 0), False),
        ("11th Jul 2019 22:12", (2019, 7, 11, 22, 12), False),
        ("8: 26 a. m.", (None, None, None, 8, 26), False),
        ("2:16pm EST", (None, None, None, 14, 16), False),
        ("12:07 p.m.", (None, None, None, 12, 7), False),
        ("noon", (None, None, None, 12, 0), False),
        ("July 2024", (2024, 7, None, None, None), False),
    ],
)
def test_reads_dates_and_times(text, expected, approximate):
    w = read_when(text)
    assert fields(w) == expected
    assert w.approximate is approximate


def test_weekdays_zones_and_ranges():
    assert read_when("Friday").weekday == 4
    assert read_when("1月26日(金)").weekday == 4
    assert read_when("01:59:06 UTC").zone == "UTC"
    assert read_when("23:30 JST").zone == "Asia/Tokyo"
    window = read_when("14日午後5時〜午後7時頃")
    assert (window.day, window.hour, window.until.day, window.until.hour) == (14, 17, 14, 19)
    assert window.approximate
    between = read_when("between 5 p.m. and 7 p.m.")
    assert (between.hour, between.until.hour) == (17, 19)
    # The first quarter of the year ending March 2020 is April to June 2019.
    fiscal = read_when("FYE March 2020 Q1")
    assert (fiscal.year, fiscal.month, fiscal.until.year, fiscal.until.month) == (2019, 4, 2019, 6)


@pytest.mark.parametrize(
    "text",
    [
        "",
        "two minutes past midnight",
        "Christmas 2023",
        "今月はじめごろ",
        "08/03/2018",
        "13月1日",
        "2月30日 2019年",
        "25:00",
        "午後13時",
        "9月18日 9月19日",
    ],
)
def test_refuses_what_it_cannot_read(text):
    with pytest.raises(Unreadable):
        read_when(text)


def test_resolve_against_the_page_date():
    published = date(2018, 9, 20)  # a Thursday
    # A bare day is the nearest date with that day: 17th -> 17 Sep (3 days back); 30th -> 30 Sep (10 days
    # ahead, nearer than 30 Aug, 21 days back); 1st -> 1 Oct (11 ahead, against 19 back).
    assert fields(resolve(read_when("17日"), published))[:3] == (2018, 9, 17)
    assert fields(resolve(read_when("30日"), published))[:3] == (2018, 9, 30)
    assert fields(resolve(read_when("1日"), published))[:3] == (2018, 10, 1)
    # A weekday is the latest such day on or before the page: "Monday" -> 17 Sep; "last Friday" -> 14 Sep.
    assert fields(resolve(read_when("Monday"), published))[:3] == (2018, 9, 17)
    assert fields(resolve(read_when("last Friday"), published))[:3] == (2018, 9, 14)
    assert fields(resolve(read_when("Thursday"), published))[:3] == (2018, 9, 20)
    # A month and day get the nearest year: a January page speaking of 25 Dec means the previous year.
    assert resolve(read_when("12月25日"), date(2019, 1, 10)).year == 2018
    # A page dated only to the month knows the year of a month-day, not the month of a bare day.
    d, precision = page_date("2019-05")
    assert (resolve(read_when("May 7"), d, precision).year, precision) == (2019, "month")
    assert resolve(read_when("7日"), d, precision).month is None
    # Without a page date nothing is filled.
    assert resolve(read_when("17日"), None).year is None


@pytest.mark.parametrize(
    "text, value, unit, approximate",
    [
        ("約580億円", "58000000000", "JPY", True),
        ("5億2300万ネム", "523000000", "XEM", False),
        ("30億2000万円", "3020000000", "JPY", False),
        ("$532 million", "532000000", "USD", False),
        ("US$1.5 billion", "1500000000", "USD", False),
        ("about ¥58 billion", "58000000000", "JPY", True),
        ("4,502.9BTC", "4502.9", "BTC", False),
        ("約85万のBTC", "850000", "BTC", True),
        ("60.3%", "60.3", "percent", False),
        ("約26万人", "260000", "persons", True),
        ("1,775,267 shares", "1775267", "shares", False),
        ("1XEMあたり88.549円", "88.549", "JPY/XEM", False),
        ("1MONA=144.548円", "144.548", "JPY/MONA", False),
        ("470億円前後", "47000000000", "JPY", True),
        ("nearly 447,000 ether", "447000", "ETH", True),
        ("482億円相当", "48200000000", "JPY", False),  # 相当 (worth) says what the figure is
        ("30億2800万円分", "3028000000", "JPY", False),
    ],
)
def test_reads_amounts(text, value, unit, approximate):
    assert read_amount(text) == Amount(Decimal(value).normalize(), unit, approximate)


@pytest.mark.parametrize("text", ["5億2300万", "1.5m", "2", "about 30", "$1 per coin", "580億円と約600億円"])
def test_refuses_an_amount_without_one_unit(text):
    with pytest.raises(Unreadable):
        read_amount(text)


def test_amounts_in_our_own_sentences():
    got = amounts_in("Theft detected (4,502.9 BTC, about 48.2 bn JPY) on 31 May 2024, 3 days later")
    assert [str(a) for a in got] == ["4502.9 BTC", "~48200000000 JPY"]
    ja = amounts_in("不正流出を検知(4,502.9 BTC、約482億円)、2024年5月31日")
    assert [(a.value, a.unit, a.approximate) for a in ja] == [(a.value, a.unit, a.approximate) for a in got]
    assert amounts_in("six transfers within about 8 minutes; 12 Mar 2018") == []
    with pytest.raises(Unreadable, match="names no unit"):
        amounts_in("Group funding: 2 bn JPY (55 bn in all)")


def test_a_count_of_companies_is_an_amount_in_both_languages():
    # Coincheck: prosecutors indicted 13 people and 1 company (CoinPost prints 13人と1法人): a count in
    # digits is an amount the two texts must share; words ("one company", "the company") are none.
    ja = amounts_in("検察は13人と1法人を起訴")
    assert [str(a) for a in ja] == ["13 persons", "1 companies"]
    assert [str(a) for a in amounts_in("prosecutors indicted 13 people and 1 company")] == [str(a) for a in ja]
    assert amounts_in("the company said one company was charged") == []
    # A year before "company" reads as a count: it fails closed (no page prints 2021 companies, and
    # the other language gives none), so a text writes such a year elsewhere in its sentence.
    assert [str(a) for a in amounts_in("In 2021 company executives")] == ["2021 companies"]


@pytest.mark.parametrize(
    "text, dates",
    [
        # a day without its year takes the year written after it in English, before it in Japanese
        ("orders on 8 March and 22 June 2018", [(2018, 3, 8), (2018, 6, 22)]),
        ("金融庁はすでに2018年3月8日と6月22日の2度", [(2018, 3, 8), (2018, 6, 22)]),
        ("in December 2024 the FBI named it; in 2023 others", [(2024, 12, None)]),
        ("2024年12月、FBIが名指しした。2023年には", [(2024, 12, None)]),
        ("issued on 22 June 2018 and lifted on 28 June 2019", [(2018, 6, 22), (2019, 6, 28)]),
        ("the thief may have used a key; 4,502.9 BTC", []),
        ("6カ月後に約482億円", []),
    ],
)
def test_dates_in_our_own_sentences(text, dates):
    assert [(w.year, w.month, w.day) for w in dates_in(text)] == dates


@pytest.mark.parametrize(
    "text, dates",
    [
        # a sentence does not end at an abbreviation or inside a number: the year written later holds
        ("On 8 March and, after the U.S. Treasury acted, on 22 June 2018.", [(2018, 3, 8), (2018, 6, 22)]),
        ("about 6.7 bn JPY on 8 March and 22 June 2018", [(2018, 3, 8), (2018, 6, 22)]),
        ("2014年2月24日に約1.5万BTCを失い、2月28日に申請した。", [(2014, 2, 24), (2014, 2, 28)]),
        # a month's name is capitalised: "may" is a verb
        ("Customers holding over 10 may claim by 31 May 2020", [(2020, 5, 31)]),
        # a sentence that ends does not lend its year to the one before
        ("Halted on 24 Feb. Mt. Gox filed on 28 February 2014.", None),
    ],
)
def test_dates_in_sentences_with_abbreviations_and_numbers(text, dates):
    if dates is None:
        with pytest.raises(Unreadable, match="without a year"):
            dates_in(text)
        assert [(w.year, w.month, w.day) for w in dates_in(text, "keep")] == [(None, 2, 24), (2014, 2, 28)]
        return
    assert [(w.year, w.month, w.day) for w in dates_in(text)] == dates


@pytest.mark.parametrize(
    "text",
    [
        "told its users on 25 August",
        "8月25日に告知した",
        "on 31 February 2020",
        # forms the reader would take for another date or read in part: refused, not guessed
        "on March 8, 2018",
        "on 8 March, 2018",
        "on Sept. 1",
        "on 1st March 2018",
        "from 8–10 March 2018",
        "on 8 and 22 March 2018",
        "2018年3月8〜10日",
        "2018年3月8日と22日",
        "2018年6月22日に命令し、翌年6月28日に解除した",
        "同月22日",
        "平成30年3月8日",
    ],
)
def test_a_date_our_sentence_cannot_place_is_refused(text):
    with pytest.raises(Unreadable):
        dates_in(text)


def test_a_note_may_give_a_day_without_its_year():
    """Beside the row it refers to ("planned 14 May"): kept without a year, for that row to state."""
    assert [(w.year, w.month, w.day) for w in dates_in("told its users on 25 August", "keep")] == [(None, 8, 25)]
    with pytest.raises(Unreadable):
        dates_in("on March 8", "keep")  # another form is refused all the same


@pytest.mark.parametrize("text", ["10時以降", "以降9月"])
def test_from_is_read_only_after_a_month_or_a_day(text):
    """「9月以降」 (a planned start) states September; 「10時以降」 is a lower bound, not 10:00."""
    with pytest.raises(Unreadable):
        read_when(text)


# -- properties -----------------------------------------------------------------------------------

FIGURE_ALPHABET = st.sampled_from(
    list("0123456789年月日時分秒頃約午前後()/:.-~〜 ,億万円BTCXEMa.m.p.UTJSGabout") + ["平成", "令和", "May", "Friday"]
)


@settings(max_examples=400, deadline=None)
@given(st.one_of(st.text(max_size=40), st.lists(FIGURE_ALPHABET, max_size=16).map("".join)))
def test_any_text_reads_or_is_refused(text):
    """Whatever a citation holds, the reader answers with fields or with Unreadable, never a crash."""
    for read in (read_when, read_amount, amounts_in, dates_in):
        try:
            read(text)
        except Unreadable:
            pass
    try:
        w = read_when(text)
    except Unreadable:
        return
    resolve(w, date(2020, 2, 29))


@settings(max_examples=200, deadline=None)
@given(st.lists(st.dates(min_value=date(1990, 1, 1), max_value=date(2039, 12, 31)), max_size=4), st.booleans())
def test_a_sentence_gives_the_same_dates_in_both_languages(days, shared_year):
    """However many dates a sentence gives, and whether they share one written year, English and
    Japanese read back the same days."""
    if shared_year:
        days = [d.replace(year=days[-1].year) for d in days if (d.month, d.day) != (2, 29)]
    months = "January February March April May June July August September October November December".split()
    en, ja = [], []
    for i, d in enumerate(days):
        year_en = not shared_year or i == len(days) - 1
        en.append(f"{d.day} {months[d.month - 1]}" + (f" {d.year}" if year_en else ""))
        ja.append((f"{d.year}年" if not shared_year or i == 0 else "") + f"{d.month}月{d.day}日")
    want = [(d.year, d.month, d.day) for d in days]
    assert [(w.year, w.month, w.day) for w in dates_in("on " + " and ".join(en))] == want
    assert [(w.year, w.month, w.day) for w in dates_in("、".join(ja) + "に")] == want


@settings(max_examples=300, deadline=None)
@given(st.datetimes(min_value=datetime(1990, 1, 1), max_value=datetime(2039, 12, 31)))
def test_printed_forms_read_back(moment):
    """A moment printed the Japanese or the English way reads back as the same fields."""
    hour12 = moment.hour % 12 or 12
    ampm = "a.m." if moment.hour < 12 else "p.m."
    forms = [
        f"{moment.year}年{moment.month}月{moment.day}日{moment.hour}時{moment.minute}分",
        f"{moment.year}年{moment.month}月{moment.day}日{'午前' if moment.hour < 12 else '午後'}{hour12 % 12}時{moment.minute}分頃",
        f"{moment:%B} {moment.day}, {moment.year}, {hour12}:{moment.minute:02d} {ampm}",
        f"{moment.day} {moment:%b} {moment.year} {moment:%H:%M}",
    ]
    for text in forms:
        w = read_when(text)
        assert fields(w) == (moment.year, moment.month, moment.day, moment.hour, moment.minute), text


@settings(max_examples=200, deadline=None)
@given(st.dates(min_value=date(2000, 1, 1), max_value=date(2030, 12, 31)), st.integers(-20, 20))
def test_a_bare_day_resolves_to_the_nearest_date(published, shift):
    """「N日」 read against a page date is the date with day N nearest to it (within a month)."""
    target = published + timedelta(days=shift)
    w = resolve(read_when(f"{target.day}日"), published)
    got = date(w.year, w.month, w.day)
    assert abs((got - published).days) <= abs(shift)
    assert got.day == target.day
