"""Reading a figure exactly as a page prints it: a date, a time, a month, an amount.

A researched fact records the figure its page prints (「1月26日午前0時2分頃」, "around 11:25 a.m.
Friday", 「約580億円」, "$532 million"). These functions turn such a figure into the fields it
states, so the data can be checked against its evidence: a figure either reads completely (every
character accounted for) or is refused with the reason, never half-read or guessed.

Dates and times are read in the zone the page uses (the citation's `printed_tz`); what a figure
leaves out (the year, the month) is taken from the page's publication date by `resolve`.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, replace
from datetime import date, timedelta
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING

from analysis import l10n

if TYPE_CHECKING:
    import pandas as pd

# Words that mark a figure as approximate ("shortly after" and "nearly" included: not exact).
APPROX_WORDS = (
    "approximately",
    "roughly",
    "around",
    "about",
    "some",
    "circa",
    "an estimated",
    "estimated",
    "nearly",
    "almost",
    "shortly after",
    "just after",
)
APPROX_JA = ("頃", "ごろ", "ころ", "約", "前後", "ほど", "程度", "過ぎ", "すぎ")
# Parts of a day or a month narrow a figure without changing what it states (「28日夕」, 「2月初旬」,
# "early February"): the reader accepts them and keeps the day or month.
PART_WORDS = ("未明", "早朝", "朝", "昼", "夕方", "夕", "夜", "深夜", "初旬", "上旬", "中旬", "下旬", "はじめ", "末")
PART_WORDS_EN = ("early", "mid", "late", "morning", "afternoon", "evening", "night")

MONTHS = {
    name: i
    for i, names in enumerate(
        (
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sept", "sep"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ),
        start=1,
    )
    for name in names
}
WEEKDAYS = {
    name: i
    for i, names in enumerate(
        (
            ("monday", "mon"),
            ("tuesday", "tue", "tues"),
            ("wednesday", "wed"),
            ("thursday", "thu", "thur", "thurs"),
            ("friday", "fri"),
            ("saturday", "sat"),
            ("sunday", "sun"),
        )
    )
    for name in names
}
WEEKDAYS_JA = {c: i for i, c in enumerate("月火水木金土日")}
ERAS = {"平成": 1988, "令和": 2018}
# Zone names a figure may carry itself; they must agree with the citation's printed_tz.
ZONE_WORDS = {
    "utc": "UTC",
    "gmt": "UTC",
    "jst": "Asia/Tokyo",
    "日本時間": "Asia/Tokyo",
    "japan time": "Asia/Tokyo",
    "hkt": "Asia/Hong_Kong",
    "sgt": "Asia/Singapore",
    "et": "America/New_York",
    "est": "America/New_York",
    "edt": "America/New_York",
    "pt": "America/Los_Angeles",
    "pst": "America/Los_Angeles",
    "pdt": "America/Los_Angeles",
}


class Unreadable(ValueError):
    """The figure is not one the reader knows; the message says what is left over."""


@dataclass(frozen=True)
class When:
    """The fields of a date and/or time as printed; None where the figure does not state one."""

    year: int | None = None
    month: int | None = None
    day: int | None = None
    weekday: int | None = None  # Monday = 0
    hour: int | None = None
    minute: int | None = None
    quarter: int | None = None
    zone: str | None = None  # a zone word printed in the figure itself (UTC, JST, ...)
    approximate: bool = False
    until: When | None = None  # the end of a printed range (17時〜19時); self is its start

    @property
    def states_day(self) -> bool:
        return self.day is not None or self.weekday is not None

    @property
    def states_time(self) -> bool:
        return self.hour is not None


@dataclass(frozen=True)
class Amount:
    value: Decimal
    unit: str
    approximate: bool = False

    def __str__(self) -> str:
        return f"{'~' if self.approximate else ''}{self.value.normalize():f} {self.unit}"


# -- dates and times ------------------------------------------------------------------------------


def _normal(text: str) -> str:
    """Full-width digits, colons and spaces become ASCII; the rest of the text is kept."""
    return unicodedata.normalize("NFKC", text).replace("〜", "~").replace("–", "~").replace("—", "~")


_MONTH_NAME = "|".join(sorted(MONTHS, key=len, reverse=True))
_WEEKDAY_NAME = "|".join(sorted(WEEKDAYS, key=len, reverse=True))
_AMPM = r"(?P<ampm>a\.?\s?m\.?|p\.?\s?m\.?)"
_WHEN_PATTERNS: tuple[tuple[str, str], ...] = (
    ("fiscal", rf"\bFYE?\s+(?P<mn>{_MONTH_NAME})\b\.?\s+(?P<y>\d{{4}})\s+Q(?P<q>[1-4])\b"),
    ("iso", r"(?P<y>\d{4})[-/.](?P<m>\d{1,2})[-/.](?P<d>\d{1,2})(?!\d)"),
    # 「1/26」: month/day, as Japanese pages print a date without its year.
    ("slash", r"(?<![\d/])(?P<m>\d{1,2})/(?P<d>\d{1,2})(?![\d/])"),
    ("era", r"(?P<era>平成|令和)(?P<ey>元|\d{1,2})年"),
    ("year_ja", r"(?P<y>\d{4})年"),
    ("month_ja", r"(?P<m>\d{1,2})月"),
    ("day_ja", r"(?P<d>\d{1,2})日"),
    ("weekday_ja", r"[((](?P<wd>[月火水木金土日])(?:曜日?)?[))]|(?P<wd2>[月火水木金土日])曜日?"),
    ("noon_ja", r"正午"),
    ("half_ja", r"(?P<ap>午前|午後)?(?P<h>\d{1,2})時半"),
    ("time_ja", r"(?P<ap>午前|午後)?(?P<h>\d{1,2})時(?:(?P<mi>\d{1,2})分)?"),
    ("quarter_ja", r"第(?P<q>[1-4])四半期"),
    ("clock", rf"(?P<h>\d{{1,2}})[:.]\s?(?P<mi>\d{{2}})(?::\d{{2}})?\s*{_AMPM}?"),
    ("hour_ampm", rf"(?P<h>\d{{1,2}})\s*{_AMPM}"),
    ("noon", r"\bnoon\b|\bmidday\b"),
    ("midnight", r"\bmidnight\b"),
    ("md", rf"\b(?P<mn>{_MONTH_NAME})\b\.?\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\b(?:,?\s+(?P<y>\d{{4}})\b)?"),
    ("dm", rf"\b(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<mn>{_MONTH_NAME})\b\.?(?:,?\s+(?P<y>\d{{4}})\b)?"),
    ("my", rf"\b(?P<mn>{_MONTH_NAME})\b\.?,?\s+(?P<y>\d{{4}})\b"),
    ("quarter", r"\bQ(?P<q>[1-4])\s+(?P<y>\d{4})\b|\b(?P<y2>\d{4})\s*Q(?P<q2>[1-4])\b"),
    ("weekday", rf"\b(?P<wdn>{_WEEKDAY_NAME})\b\.?"),
    ("year", r"(?<![\d.])(?P<y>(?:19|20)\d{2})(?![\d.])"),
)
_WHEN_RE = [(kind, re.compile(p, re.IGNORECASE)) for kind, p in _WHEN_PATTERNS]
_ZONE_RE = re.compile(
    r"\(?\b(" + "|".join(sorted((re.escape(z) for z in ZONE_WORDS if z.isascii()), key=len, reverse=True)) + r")\b\)?"
    r"|\(?(日本時間)\)?",
    re.IGNORECASE,
)
_APPROX_RE = re.compile(
    r"\b(" + "|".join(APPROX_WORDS) + r")\b|(" + "|".join(APPROX_JA) + r")|~(?=\s*\d)", re.IGNORECASE
)
# What may stand between the parts of one figure: punctuation and a few joining words.
_JOINERS = re.compile(
    r"[\s,.、。()()・の]|\b(at|on|of|the|in|last)\b|時点|"
    + "|".join(PART_WORDS)
    + r"|\b("
    + "|".join(PART_WORDS_EN)
    + r")\b",
    re.IGNORECASE,
)
_RANGE_SPLIT = re.compile(r"\s*(?:~|から|\bto\b|\buntil\b|\band\b|-)\s*", re.IGNORECASE)


def _hour(h: int, ampm: str | None) -> int:
    if not ampm:
        return h
    pm = ampm.lower().startswith(("p", "午後"))
    if h > 12:
        raise Unreadable(f"{h} o'clock cannot carry a.m./p.m.")
    return (h % 12) + (12 if pm else 0)


def _read_one(text: str) -> When:
    fields: dict = {}
    rest = text

    def put(name: str, value) -> None:
        if name in fields and fields[name] != value:
            raise Unreadable(f"the figure states its {name} twice, differently ({fields[name]} and {value})")
        fields[name] = value

    zone = None
    for m in _ZONE_RE.finditer(rest):
        word = (m.group(1) or m.group(2)).lower()
        found = ZONE_WORDS[word]
        if zone and zone != found:
            raise Unreadable(f"the figure names two zones ({zone}, {found})")
        zone = found
    rest = _ZONE_RE.sub(" ", rest)
    approximate = _APPROX_RE.search(rest) is not None
    rest = _APPROX_RE.sub(" ", rest)
    for kind, pattern in _WHEN_RE:
        while (m := pattern.search(rest)) is not None:
            g = m.groupdict()
            if kind == "iso":
                put("year", int(g["y"]))
                put("month", int(g["m"]))
                put("day", int(g["d"]))
            elif kind == "slash":
                put("month", int(g["m"]))
                put("day", int(g["d"]))
            elif kind == "era":
                put("year", ERAS[g["era"]] + (1 if g["ey"] == "元" else int(g["ey"])))
            elif kind in ("year_ja", "year"):
                put("year", int(g["y"]))
            elif kind == "month_ja":
                put("month", int(g["m"]))
            elif kind == "day_ja":
                put("day", int(g["d"]))
            elif kind == "weekday_ja":
                put("weekday", WEEKDAYS_JA[g["wd"] or g["wd2"]])
            elif kind in ("noon_ja", "noon"):
                put("hour", 12)
                put("minute", 0)
            elif kind == "midnight":
                put("hour", 0)
                put("minute", 0)
            elif kind == "half_ja":
                put("hour", _hour(int(g["h"]), g["ap"]))
                put("minute", 30)
            elif kind in ("time_ja", "clock", "hour_ampm"):
                put("hour", _hour(int(g["h"]), g.get("ap") or g.get("ampm")))
                put("minute", int(g.get("mi") or 0))
            elif kind == "quarter_ja":
                put("quarter", int(g["q"]))
            elif kind in ("md", "dm", "my"):
                put("month", MONTHS[g["mn"].lower()])
                if g.get("d"):
                    put("day", int(g["d"]))
                if g.get("y"):
                    put("year", int(g["y"]))
            elif kind == "fiscal":
                # "FYE March 2020 Q1": the first quarter of the year that ends in March 2020.
                end_month, end_year, q = MONTHS[g["mn"].lower()], int(g["y"]), int(g["q"])
                first = end_year * 12 + end_month - 12 + 3 * (q - 1)  # months since year 0, 0-based
                put("year", first // 12)
                put("month", first % 12 + 1)
                last = first + 2
                put("until", When(year=last // 12, month=last % 12 + 1))
            elif kind == "quarter":
                put("quarter", int(g["q"] or g["q2"]))
                put("year", int(g["y"] or g["y2"]))
            elif kind == "weekday":
                put("weekday", WEEKDAYS[g["wdn"].lower()])
            rest = rest[: m.start()] + " " + rest[m.end() :]
    left = _JOINERS.sub("", rest)
    if left:
        raise Unreadable(f"cannot read {left!r} as part of a date or time")
    if not fields:
        raise Unreadable("states no date or time")
    when = When(zone=zone, approximate=approximate, **fields)
    _check_fields(when)
    return when


def _check_fields(w: When) -> None:
    if w.month is not None and not 1 <= w.month <= 12:
        raise Unreadable(f"month {w.month} does not exist")
    if w.day is not None and not 1 <= w.day <= 31:
        raise Unreadable(f"day {w.day} does not exist")
    if w.hour is not None and not 0 <= w.hour <= 23:
        raise Unreadable(f"hour {w.hour} does not exist")
    if w.minute is not None and not 0 <= w.minute <= 59:
        raise Unreadable(f"minute {w.minute} does not exist")
    if w.year is not None and w.month is not None and w.day is not None:
        try:
            date(w.year, w.month, w.day)
        except ValueError as err:
            raise Unreadable(f"{w.year}-{w.month}-{w.day} is not a real date") from err


def read_when(text: str) -> When:
    """The date and/or time a printed figure states; a range (17時〜19時) keeps its end in `until`."""
    text = re.sub(r"^between\s+", "", _normal(text).strip(), flags=re.IGNORECASE)
    # 以降 after a month or a day ("from ... on": 「9月以降」, a planned start) states the date it follows;
    # after a time (10時以降) it would be a lower bound, not the time, so it is not read there
    text = re.sub(r"(?<=[月日])以降$", "", text)
    if not text:
        raise Unreadable("the figure is empty")
    try:
        return _read_one(text)
    except Unreadable as single:
        for m in _RANGE_SPLIT.finditer(text):
            try:
                start, end = _read_one(text[: m.start()]), _read_one(text[m.end() :])
            except Unreadable:
                continue
            # The end inherits what the range states once: 「9月14日17時〜19時」.
            inherited = {
                k: getattr(start, k)
                for k in ("year", "month", "day", "weekday")
                if getattr(end, k) is None and not (k == "weekday" and end.day is not None)
            }
            end = replace(end, **inherited, approximate=end.approximate or start.approximate)
            return replace(start, until=end, approximate=start.approximate or end.approximate)
        raise single


# The dates our own sentences give, in the one form each language writes them ("8 March 2018",
# "March 2018"; 「2018年3月8日」, 「3月8日」): month names capitalised, as a date's are ("may" is a verb).
_MONTH_CAPITAL = "|".join(sorted((n.capitalize() for n in MONTHS), key=len, reverse=True))
_DAY_MONTH_EN = re.compile(rf"\b(?:(?P<day>\d{{1,2}}) )?(?P<month>{_MONTH_CAPITAL})\b(?: (?P<year>\d{{4}})\b)?")
_DAY_MONTH_JA = re.compile(r"(?:(?P<year>\d{4})年)?(?P<month>\d{1,2})月(?:(?P<day>\d{1,2})日)?")
# Dates in a form the reader would take for another or half read: refused, with the form to use.
_OTHER_FORMS = re.compile(
    rf"\b(?:{_MONTH_CAPITAL})\.? \d{{1,2}}(?!\d)|\b(?:{_MONTH_CAPITAL}),\s*\d"  # March 8, 2018; Sept. 1; March, 2018
    rf"|\b\d{{1,2}}(?:st|nd|rd|th)\b"  # 1st March, the 2nd of March
    rf"|\b\d{{1,2}}\s*(?:[–—~-]|and|or|to)\s*\d{{1,2}} (?:{_MONTH_CAPITAL})\b"  # 8–10 March, 8 and 22 March
    r"|月\d{1,2}日?\s*[〜~～・、とや－-]\s*\d{1,2}日"  # 3月8〜10日, 3月8日と22日
    r"|日[とや、・]\d{1,2}日"
    r"|(?:翌|前|同|昨|今|来)[年月]|(?:平成|令和|昭和)\d"  # 翌年6月28日, 同月22日, 平成30年
)
# A sentence ends at 。 or at ". " before a capital, not after an abbreviation (U.S., Mt. Gox, Feb.)
# nor inside a number (6.7 bn JPY): a date's year may be written later in its sentence.
SENTENCE_END = re.compile(r"(?<=。)|(?<![A-Z])(?<!\b[A-Z][a-z])(?<!\bNo)(?<!\bInc)(?<!\bLtd)(?<=[a-z)])\.\s+(?=[A-Z])")


def dates_in(text: str, yearless: str = "refuse") -> list[When]:
    """The days and months a sentence of our own gives ("on 8 March and 22 June 2018", "in December
    2024", 「2018年3月8日と6月22日」), each with its year: a date written without one takes the year
    of the next date of its sentence that has one in English ("8 March and 22 June 2018") and of the
    one before in Japanese (「2018年3月8日と6月22日」). A year alone ("in 2023") is not a date here. A
    day or month whose sentence never gives its year is refused, or with `yearless="keep"` given
    without one (year None: a note's "planned 14 May", beside the row it refers to). A date in
    another form ("March 8, 2018", "1st March", "8–10 March", 「翌年6月28日」, 「平成30年」) is refused
    rather than read for another or in part."""
    text = _normal(text)
    other = _OTHER_FORMS.search(text)
    if other:
        raise Unreadable(f"gives a date as {other[0]!r}; write each date whole, as '8 March 2018' or 「2018年3月8日」")
    found = []
    for sentence in SENTENCE_END.split(text):
        ja = _DAY_MONTH_JA.search(sentence) is not None
        here = []
        for m in (_DAY_MONTH_JA if ja else _DAY_MONTH_EN).finditer(sentence):
            month = int(m["month"]) if ja else MONTHS[m["month"].lower()]
            if not m["day"] and not m["year"] and not ja:
                continue  # a month named without a year or a day ("May"): not a date given
            here.append([int(m["year"]) if m["year"] else None, month, int(m["day"]) if m["day"] else None, m[0]])
        year = None
        for f in here if ja else here[::-1]:
            year = f[0] = f[0] if f[0] is not None else year
        found += here
    if yearless == "refuse" and any(f[0] is None for f in found):
        raise Unreadable(f"gives {next(f[3] for f in found if f[0] is None)!r} without a year")
    dates = [When(year=y, month=mo, day=d) for y, mo, d, _ in found]
    for w in dates:
        _check_fields(w)
    return dates


def page_date(text: str) -> tuple[date, str] | None:
    """A page's date as precise as the page (or its address) shows it: YYYY-MM-DD, YYYY-MM or YYYY."""
    m = re.fullmatch(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?", text or "")
    if m is None:
        return None
    year, month, day = int(m[1]), int(m[2] or 7), int(m[3] or 1)
    try:
        return date(year, month, day), "day" if m[3] else "month" if m[2] else "year"
    except ValueError:
        return None


def resolve(when: When, published: date | None, precision: str = "day") -> When:
    """Fill the year and month a figure leaves out from the page's publication date.

    A day without a month is the date with that day nearest to publication; a month without a
    year, the nearest such month; a weekday alone, the latest such day on or before publication
    (news reports name the weekday of a recent event). A page dated only to the month or year
    fills only what that date knows: a month and day get the year, a bare day or weekday nothing.
    Nothing is filled without a publication date: the figure then states only what it prints.
    """
    if published is None:
        return when
    w = when
    if precision != "day" and (w.month is None or w.year is not None):
        return replace(w, until=resolve(w.until, published, precision)) if w.until else w
    if precision == "year":
        w = replace(w, year=published.year)
    elif w.day is not None and w.month is None:
        candidates = []
        for shift in (-1, 0, 1):
            y, m = published.year, published.month + shift
            y, m = (y - 1, 12) if m == 0 else (y + 1, 1) if m == 13 else (y, m)
            try:
                candidates.append(date(w.year or y, m, w.day))
            except ValueError:
                continue
        if candidates:
            best = min(candidates, key=lambda d: abs((d - published).days))
            w = replace(w, year=best.year, month=best.month)
    elif w.month is not None and w.year is None:
        best = min(
            (published.year - 1, published.year, published.year + 1),
            key=lambda y: abs((y * 12 + w.month) - (published.year * 12 + published.month)),
        )
        w = replace(w, year=best)
    elif w.weekday is not None and w.day is None and w.month is None:
        back = (published.weekday() - w.weekday) % 7
        d = published - timedelta(days=back)
        w = replace(w, year=d.year, month=d.month, day=d.day)
    elif w.quarter is not None and w.year is None:
        w = replace(w, year=published.year)
    if w.until is not None:
        w = replace(w, until=resolve(w.until, published, precision))
    return w


# -- amounts --------------------------------------------------------------------------------------

# Units as the reader knows them; each name a page or our own text uses maps to one of these.
UNIT_WORDS = {
    "円": "JPY",
    "yen": "JPY",
    "jpy": "JPY",
    "¥": "JPY",
    "ドル": "USD",
    "米ドル": "USD",
    "usd": "USD",
    "dollars": "USD",
    "$": "USD",
    "us$": "USD",
    "btc": "BTC",
    "bitcoin": "BTC",
    "bitcoins": "BTC",
    "ビットコイン": "BTC",
    "xem": "XEM",
    "nem": "XEM",
    "ネム": "XEM",
    "mona": "MONA",
    "モナコイン": "MONA",
    "bch": "BCH",
    "eth": "ETH",
    "ether": "ETH",
    "イーサリアム": "ETH",
    "xrp": "XRP",
    "steth": "stETH",
    "cmeth": "cmETH",
    "meth": "mETH",
    "token": "tokens",
    "トークン": "tokens",
    "tokens": "tokens",
    "%": "percent",
    "percent": "percent",
    "per cent": "percent",
    "パーセント": "percent",
    "株": "shares",
    "shares": "shares",
    "人": "persons",
    "people": "persons",
    "persons": "persons",
    "名": "persons",
    "法人": "companies",
    "company": "companies",
    "companies": "companies",
}
SCALE_WORDS = {
    "trillion": Decimal(10) ** 12,
    "billion": Decimal(10) ** 9,
    "bn": Decimal(10) ** 9,
    "million": Decimal(10) ** 6,
    "m": Decimal(10) ** 6,
    "thousand": Decimal(10) ** 3,
    "k": Decimal(10) ** 3,
}
SCALE_JA = {"兆": Decimal(10) ** 12, "億": Decimal(10) ** 8, "万": Decimal(10) ** 4, "千": Decimal(10) ** 3}

_UNIT_NAME = "|".join(sorted((re.escape(u) for u in UNIT_WORDS), key=len, reverse=True))
_NUM = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_JA_GROUPS = rf"(?:(?:{_NUM})[兆億万千])+(?:{_NUM})?"
_AMOUNT_RE = re.compile(
    rf"(?P<pre>US\$|\$|¥|JPY\s|USD\s)?\s*"
    rf"(?P<num>{_JA_GROUPS}|{_NUM})"
    rf"(?:\s*(?P<scale>trillion|billion|million|thousand|bn|m|k)\b)?"
    # 相当 (worth) and 分 (the amount of) after a unit say what the figure is, not how much: 「482億円相当」.
    rf"(?:\s*の?\s*(?P<unit>{_UNIT_NAME})(?![A-Za-z])(?:相当|分)?)?"
    rf"(?:\s*(?:per\s+|/)(?P<per>{_UNIT_NAME})(?![A-Za-z]))?",
    re.IGNORECASE,
)
# 「1XEMあたり88.549円」「1MONA=144.548円」: a price per unit of a coin, printed the Japanese way.
_RATE_JA_RE = re.compile(
    rf"1\s*(?P<per>{_UNIT_NAME})\s*(?:あたり|当たり|=)\s*(?P<num>{_NUM})\s*(?P<unit>円|米ドル|ドル)", re.IGNORECASE
)


def _number(text: str) -> Decimal:
    """A number as printed, Japanese multipliers included: 5億2300万 = 523,000,000."""
    text = text.replace(",", "")
    if not any(c in text for c in SCALE_JA):
        return Decimal(text)
    total, rest = Decimal(0), text
    for part in re.finditer(r"(\d+(?:\.\d+)?)([兆億万千])?", text):
        value = Decimal(part.group(1))
        total += value * SCALE_JA[part.group(2)] if part.group(2) else value
        rest = rest.replace(part.group(0), "", 1)
    return total


def _unit(word: str | None) -> str | None:
    return None if word is None else UNIT_WORDS[word.lower().strip()]


def _amount_from(m: re.Match, approximate: bool) -> Amount:
    g = m.groupdict()
    try:
        value = _number(g["num"])
    except InvalidOperation as err:
        raise Unreadable(f"cannot read {g['num']!r} as a number") from err
    if g.get("scale"):
        value *= SCALE_WORDS[g["scale"].lower()]
    pre = g.get("pre")
    unit = _unit(pre.strip()) if pre else None
    after = _unit(g.get("unit"))
    if unit and after and unit != after:
        raise Unreadable(f"the amount names two units ({unit}, {after})")
    unit = unit or after
    if unit is None:
        raise Unreadable(f"the amount {m.group(0).strip()!r} names no unit")
    if g.get("per"):
        unit = f"{unit}/{_unit(g['per'])}"
    return Amount(value.normalize(), unit, approximate)


def read_amount(text: str) -> Amount:
    """The one amount a printed figure states (「約580億円」, "$532 million", "4,502.9 BTC")."""
    text = _normal(text).strip()
    approximate = _APPROX_RE.search(text) is not None
    body = _APPROX_RE.sub(" ", text).strip()
    m = _RATE_JA_RE.fullmatch(body)
    if m is None:
        m = _AMOUNT_RE.fullmatch(body)
    if m is None or not m.group("num"):
        raise Unreadable(f"cannot read {text!r} as one amount with its unit")
    return _amount_from(m, approximate)


_APPROX_BEFORE = re.compile(rf"(?:\b(?:{'|'.join(APPROX_WORDS)})\b|約|~)\s*$", re.IGNORECASE)


def amounts_in(text: str) -> list[Amount]:
    """Every amount with a unit or a scale in a sentence of our own (titles, details).

    A bare number (a count, a year, a day) is not an amount; a number with a scale but no unit
    ("55 bn") is refused, so our texts always say what they count.
    """
    text = _normal(text)
    found = []
    for m in _RATE_JA_RE.finditer(text):
        found.append((m.start(), _amount_from(m, _APPROX_BEFORE.search(text[: m.start()]) is not None)))
        text = text[: m.start()] + " " * (m.end() - m.start()) + text[m.end() :]
    for m in _AMOUNT_RE.finditer(text):
        g = m.groupdict()
        if not g.get("num"):
            continue
        has_unit = g.get("unit") or g.get("pre")
        scaled = g.get("scale") or any(c in g["num"] for c in SCALE_JA)
        if (not has_unit and not scaled) or _looks_like_date(text, m):
            continue
        found.append((m.start(), _amount_from(m, _APPROX_BEFORE.search(text[: m.start()]) is not None)))
    return [a for _, a in sorted(found, key=lambda pair: pair[0])]


def _looks_like_date(text: str, m: re.Match) -> bool:
    """「3月12日」 and "12 Mar 2018" are dates, not amounts."""
    after = text[m.end() : m.end() + 4]
    return bool(re.match(r"[月日年時]", after)) or bool(re.match(rf"\s*({_MONTH_NAME})\b", after, re.IGNORECASE))


def dollars_in(text: str) -> list[float]:
    """The US-dollar amounts a text prints; none when it prints one this module cannot read (the
    citations check reports that amount)."""
    try:
        return [a.value for a in amounts_in(text) if a.unit == "USD"]
    except Unreadable:
        return []


def value_rows(story: pd.DataFrame) -> pd.Series:
    """Each incident's value row of story.csv (its text in the reference language), by incident id: the row a
    dollar value may add up (see dollar_basis)."""
    text = l10n.reference_column("text")
    return story[story["aspect"] == "value"].drop_duplicates("incident_id").set_index("incident_id")[text]


def dollar_basis(value: int, stolen: str, value_row: str) -> str | None:
    """How an incident's US-dollar value traces to its pages: 'printed' when the theft's own text
    or its value row prints it, 'sum' when it adds up the value row's parts (Liquid: two entities'
    losses), None when it does neither (validation refuses it; a chart's note says which are sums)."""
    parts = dollars_in(value_row)
    if any(abs(v - value) < 0.5 for v in [*dollars_in(stolen), *parts]):
        return "printed"
    if len(parts) > 1 and abs(sum(parts) - value) < 0.5:
        return "sum"
    return None
