"""Every word the reports show, and how each language writes dates, numbers and durations.

The words live in one catalogue per language (catalogue/<lang>.toml, the same keys in each); this
module is the only place that knows languages differ. A TOML file per language rather than gettext
.po files: the catalogue holds sentence templates with named fields and vocabulary labels, which
TOML keeps readable and reviewable in a diff, and the standard library reads it. Dates, numbers and
plurals come from Babel with the patterns each catalogue names.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import tomllib
import unicodedata
from datetime import date
from decimal import Decimal
from functools import cache
from pathlib import Path

import pandas as pd
from babel import Locale
from babel.dates import format_date, format_time
from babel.numbers import format_decimal, format_percent

# The one list of languages: a catalogue file each. ANALYSIS_CATALOGUE_DIR points elsewhere (a
# translator's draft, or the pseudo-locale a test builds); every language in it needs its columns
# in data/ too (title_<lang>, ...), as the schemas are made from this list.
CATALOGUE = Path(os.environ.get("ANALYSIS_CATALOGUE_DIR") or Path(__file__).resolve().parent / "catalogue")
LANGUAGES = tuple(sorted(p.stem for p in CATALOGUE.glob("*.toml")))
DEFAULT_LANGUAGE = "ja"
# The language of the data whose text the checks read: the figures a page prints (the US-dollar
# value in stolen_<lang>), the note a rule requires; every other language's text must agree.
REFERENCE_LANGUAGE = "en"


def others(lang: str) -> tuple[str, ...]:
    """Every language but `lang`, in the order of LANGUAGES: where the same page is in another language."""
    return tuple(o for o in LANGUAGES if o != lang)


def column(base: str, lang: str) -> str:
    """A data column in one language: column("title", "ja") is title_ja."""
    return f"{base}_{lang}"


def reference_column(base: str) -> str:
    """A data column in the language the checks read: reference_column("stolen") is stolen_en."""
    return column(base, REFERENCE_LANGUAGE)


def columns(base: str) -> tuple[str, ...]:
    """The column `base` in every language, in the order of LANGUAGES."""
    return tuple(column(base, lang) for lang in LANGUAGES)


def base_of(name: str) -> str | None:
    """The column a language's column is a version of (note_en -> note), or None."""
    stem, _, lang = name.rpartition("_")
    return stem if stem and lang in LANGUAGES else None


@cache
def catalogue(lang: str) -> dict:
    path = CATALOGUE / f"{lang}.toml"
    if not path.is_file():
        raise KeyError(f"no catalogue for language '{lang}'; the languages are: {', '.join(LANGUAGES)}")
    with path.open("rb") as f:
        return tomllib.load(f)


def words_digest(lang: str) -> str:
    """The sha256 of a language's words as read (not its file's layout: keys moved or comments
    changed leave it as it was), so that an edition changes when the words a report prints do."""
    text = json.dumps(catalogue(lang), sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(text.encode()).hexdigest()


def t(key: str, lang: str, **fields) -> str:
    """A sentence or label of the report, its {fields} filled in: a field not given is an error, never
    a "{field}" left in the text."""
    return catalogue(lang)["text"][key].format(**fields)


def drained(key: str, drain: bool) -> str:
    """A key's variant for a drain over years ("{key}_drain"), whose counts run from the drain's start."""
    return f"{key}_drain" if drain else key


def label(kind: str, value: str, lang: str) -> str:
    """The reader-facing name of a vocabulary value (an actor, a status, ...)."""
    return catalogue(lang)[kind][value]


def has_label(kind: str, value: str, lang: str) -> bool:
    return value in catalogue(lang).get(kind, {})


def _locale(lang: str) -> dict:
    return catalogue(lang)["locale"]


@cache
def _babel(lang: str) -> Locale:
    return Locale.parse(_locale(lang)["babel"])


def chart_fonts(lang: str) -> list[str]:
    """The font families a chart in the language draws with, first choice first."""
    return list(_locale(lang)["chart_fonts"])


def stylesheet() -> str:
    """The page's rules that differ by language, from each catalogue: its fonts (the default
    language's for a page without a language) and, for a language written without spaces, lines
    that break between phrases, never inside a word."""

    def fonts(lang: str) -> str:
        return ", ".join([*(f'"{f}"' for f in _locale(lang)["page_fonts"]), "sans-serif"])

    rules = [f":root {{ --report-font: {fonts(DEFAULT_LANGUAGE)}; }}"]
    rules += [f"html:lang({lang}) {{ --report-font: {fonts(lang)}; }}" for lang in LANGUAGES]
    for lang in LANGUAGES:
        if _locale(lang)["phrase_breaks"]:
            rules.append(f"html:lang({lang}) body {{ word-break: auto-phrase; line-break: strict; }}")
            rules.append(f"html:lang({lang}) .jp-RenderedHTMLCommon table.data td {{ word-break: auto-phrase; }}")
    return "\n".join(rules) + "\n"


def day(d: date, lang: str, style: str = "date") -> str:
    """A calendar day: 2018年1月26日 / 26 January 2018 ('date'), 1/26 / 26 Jan ('axis'), ..."""
    return format_date(d, _locale(lang)[style], locale=_babel(lang))


def clock(at, lang: str, approximate: bool = False) -> str:
    """A time of day (Japan time) as a sentence writes it: 11:25 / 11時25分, 23:00 / 23時; "about 11:25"
    / 11時25分ごろ where its page gives it as approximate. Tables and charts keep HH:MM."""
    pattern = _locale(lang)["clock_on_the_hour" if at.minute == 0 else "clock"]
    text = format_time(at.time() if hasattr(at, "time") else at, pattern, locale=_babel(lang))
    return t("approximately_clock", lang, value=text) if approximate else text


def zoned_day(d: date, zone, lang: str, bracketed: bool = False, style: str = "date") -> str:
    """A day with its zone when a page dates it in another zone (a UTC or US date), as a sentence
    writes it ("2 August 2016 (UTC date)"), or as `style` writes the day ("2 Aug (UTC date)" on a
    chart's 'axis'), or, `bracketed`, inside brackets ("2 August 2016, UTC date"); the plain day when
    the zone is Japan's (empty or missing)."""
    if _missing(zone) or not zone:
        return day(d, lang, style)
    return t(
        "zoned_day_bracketed" if bracketed else "zoned_day",
        lang,
        day=day(d, lang, style),
        zone=label("zone", zone, lang),
    )


def after_label(note: str, lang: str, start: bool = True) -> str:
    """A row's note without its leading label, where it has one of the catalogue's [note_label]
    ("Not applicable: in 2014 ...", 「該当しない。2014年...」), begun as a sentence unless `start` is
    False (it follows another label's colon); the note as it is without one; empty when the note is
    the label alone, with or without its full stop ("Did not happen.")."""
    stop = t("full_stop", lang)
    for label in catalogue(lang)["note_label"].values():
        if note in (label, label + stop):
            return ""
        # its label's own ending, or a full stop and a new sentence ("Did not happen. Withdrawals ...")
        head = next((h for h in (label + t("note_label_end", lang), label + stop) if note.startswith(h)), None)
        if head is not None:
            rest = note[len(head) :].strip()
            return sentence_start(rest) if start else rest
    return note


def text_columns(text: str) -> int:
    """How many half-width columns text takes: a Japanese (wide) character takes two."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def sentence_start(text: str) -> str:
    """Text begun as a sentence: its first letter upper-cased (a script without case is left as it is)."""
    return text[:1].upper() + text[1:]


def month(year: int, month_: int, lang: str) -> str:
    return format_date(date(year, month_, 1), _locale(lang)["month"], locale=_babel(lang))


def period(p, lang: str) -> str:
    """A month or a quarter (a pandas Period, or its text such as '2019Q2')."""
    p = pd.Period(p) if isinstance(p, str) else p
    if p.freqstr.startswith("Q"):
        # a quarter named by its months (「2019年4〜6月」, "April–June 2019"): "Q2" reads as a fiscal quarter too
        return t("quarter", lang, year=p.year, name=label("quarter_name", str(p.quarter), lang))
    return month(p.year, p.month, lang)


def period_unit(periods, lang: str) -> str:
    """What spans standing for `periods` are (texts such as '2014-02', '2019Q2'): months, quarters,
    or either; spans of days when one stands for no period (None or empty: another zone's date)."""
    periods = list(periods)
    if not periods or any(_missing(p) or not p for p in periods):
        return t("span_unit_other", lang)
    kinds = {"quarter" if "Q" in str(p) else "month" for p in periods}
    return t(f"span_unit_{kinds.pop() if len(kinds) == 1 else 'either'}", lang)


def number(x, lang: str, places: int = 0) -> str:
    """A number with the language's grouping; `places` decimals, always shown."""
    pattern = "#,##0" + ("." + "0" * places if places else "")
    return format_decimal(Decimal(str(x)), format=pattern, locale=_babel(lang), decimal_quantization=True)


def percent(ratio, lang: str, places: int = 1) -> str:
    """A ratio as a percentage with the language's grouping and sign (Babel): 0.79846 -> 79.8%."""
    pattern = "#,##0" + ("." + "0" * places if places else "") + "%"
    return format_percent(Decimal(str(ratio)), format=pattern, locale=_babel(lang), decimal_quantization=True)


def plural(key: str, n: int, lang: str, **fields) -> str:
    """A counted phrase ('1 day', '3 days', '3日'): the catalogue's key_one / key_other forms."""
    form = _babel(lang).plural_form(abs(n))
    texts = catalogue(lang)["text"]
    text = texts.get(f"{key}_{form}", texts[f"{key}_other"])
    return text.format(n=number(n, lang), **fields)


def ordinal(key: str, n: int, lang: str) -> str:
    """A rank ('second', '2番目', '11th'): the locale's word for it where it has one (ordinal_words),
    else the catalogue's key_one / key_two / key_few / key_other ordinal forms."""
    words = _locale(lang).get("ordinal_words", [])
    if 1 <= n <= len(words):
        return words[n - 1]
    texts = catalogue(lang)["text"]
    return texts.get(f"{key}_{_babel(lang).ordinal_form(n)}", texts[f"{key}_other"]).format(n=number(n, lang))


def days(n: int, lang: str) -> str:
    return plural("days", n, lang)


def days_and_business(days_: int, business: int, lang: str) -> str:
    """Calendar and business days of a step: 15日・10営業日 / 15 days, 10 business days."""
    return t("days_and_business", lang, days=days(days_, lang), business=plural("business_days", business, lang))


def hours_minutes(hours: float, lang: str) -> str:
    """A duration in hours as hours and minutes: 11 h 23 min / 11時間23分."""
    total = round(hours * 60)
    h, m = divmod(abs(total), 60)
    sign = "-" if total < 0 else ""
    if h == 0:
        return sign + t("duration_m", lang, m=m)
    return sign + t("duration_hm", lang, h=number(h, lang), m=m)


def hours_range(lo: float, hi: float, lang: str, approximate: bool = False) -> str:
    """The fewest and most hours of a time, as readers say it: "about 8 h 25–28 min" within one
    hour, "9 h 10 min–10 h 5 min" across hours, one value when they are the same minute."""
    if lo < 0 or hi < lo:
        raise ValueError(f"not a range of time after a fact: {lo} to {hi} hours")
    a, b = round(lo * 60), round(hi * 60)
    if a == b:
        return about(hours_minutes(lo, lang), lang, approximate)
    (ha, ma), (hb, mb) = divmod(a, 60), divmod(b, 60)
    if ha == hb and ha:
        text = t("duration_hm_range", lang, h=number(ha, lang), m1=ma, m2=mb)
    else:
        text = t("range_joiner", lang).join((hours_minutes(lo, lang), hours_minutes(hi, lang)))
    return about(text, lang, approximate)


def elapsed(
    calendar_days,
    hours,
    lang: str,
    *,
    lo=None,
    hi=None,
    approximate: bool = False,
    zone=None,
    short: bool = False,
    apart: bool = False,
) -> str:
    """Time between two facts as readers say it: hours and minutes within two days when both times
    are known (11 h 23 min; "about" when a page gives either time as approximate), days and hours
    beyond (5 days 9 h), calendar days when only the dates are (3 days; "same day" for none, "next
    day" for one: not 24 hours), a range of days when a date is not pinned down (0 or 1 days); days
    counted in another zone's dates say so (same day, in UTC dates); `apart`, beside counts that are
    not, with the zone bound to the count ("8 UTC days", not "8 days, in UTC dates" after a list)."""
    if not _missing(lo) and not _missing(hi):
        # Two adjacent counts are one or the other ("2,016 or 2,017 days"): "2,016–2,017" read as years.
        kind = "either" if int(hi) == int(lo) + 1 else "range"
        lo, hi = number(int(lo), lang), number(int(hi), lang)
        if apart and not _missing(zone) and zone:
            return t(f"zone_days_{kind}", lang, lo=lo, hi=hi, zone=label("zone", zone, lang))
        return in_zone(t(f"days_{kind}", lang, lo=lo, hi=hi), zone, lang, short=short)
    if _missing(hours):
        n = int(calendar_days)
        if apart and not _missing(zone) and zone and n > 1:
            return plural("zone_days", n, lang, zone=label("zone", zone, lang))
        text = {0: t("under_a_day", lang), 1: t("next_day", lang)}.get(n) or days(n, lang)
        return in_zone(text, zone, lang, short=short)
    whole, h = divmod(round(float(hours)), 24)
    if round(float(hours) * 60) == 0:
        # A minute-level claim needs exact times: two approximate ones are only about the same.
        return t("about_same_time" if approximate else "same_minute", lang)
    if float(hours) < 48:
        text = hours_minutes(float(hours), lang)
    else:
        text = t("days_hours", lang, days=days(whole, lang), h=h) if h else days(whole, lang)
    return about(text, lang, approximate)


def in_zone(text: str, zone, lang: str, phrase: bool = False, short: bool = False) -> str:
    """A count of days in another zone's dates, said so: 'same day, in UTC dates'; as it is without one;
    `short`: 'same day (UTC)', the zone as a chart writes it ([zone_short]). A sentence's `phrase` of
    time keeps its closing particle last: 流出当日（協定世界時の日付）に, not 協定世界時の日付で流出当日に."""
    if _missing(zone) or not zone:
        return text
    if short:
        return t("in_zone_short", lang, text=text, zone=label("zone_short", zone, lang))
    if not phrase:
        return t("in_zone_dates", lang, text=text, zone=label("zone", zone, lang))
    particle = next((p for p in _locale(lang)["zone_note_before"] if text.endswith(p)), "")
    stem = text[: len(text) - len(particle)]
    return t("in_zone_phrase", lang, text=stem, zone=label("zone", zone, lang)) + particle


def since(row, lang: str, short: bool = False, apart: bool = False, zoned: bool = True) -> str:
    """A row of durations.since_theft (days, hours, days_min, days_max, approximate, zone) as readers
    say the time from the theft: the one phrase the tables, findings and charts share; `short` names
    another zone's dates in brief ("8 days (UTC)"), for the comparison chart, whose source line says
    what that counts; not `zoned`, the count alone, for a text that says its zone once elsewhere."""
    return elapsed(row["days"], row["hours"], lang, lo=row["days_min"], hi=row["days_max"],
                   approximate=bool(row["approximate"]), zone=row.get("zone") if zoned else None, short=short,
                   apart=apart)  # fmt: skip


def _missing(value) -> bool:
    return value is None or bool(pd.isna(value))


def count(n: int, lang: str) -> str:
    """A round count as the language writes it: 523,000,000 / 5億2,300万, 260,000 / 26万 (a count
    that is not round stays in digits)."""
    units = catalogue(lang)["locale"].get("count_units", [])
    parts, rest = [], n
    for size, name in units:
        if rest >= size:
            parts.append(number(rest // size, lang) + name)
            rest %= size
    if not parts or rest:
        return number(n, lang)
    return "".join(parts)


def big_money(value, lang: str) -> str:
    """An amount of yen in the language's large unit (46.31 bn JPY, 463.1億円), with no more decimals
    than the amount has (46.3 bn JPY, not 46.30; a whole number without any), so that "about 58 bn
    JPY" claims no precision the source does not have."""
    scale = catalogue(lang)["locale"]["big_money_scale"]
    amount = Decimal(value) / scale
    places = min(catalogue(lang)["locale"]["big_money_places"], max(0, -amount.normalize().as_tuple().exponent))
    return t("big_money", lang, value=number(amount, lang, places))


def dollars(value: int, lang: str) -> str:
    """US dollars as the language writes large sums: US$1.46 billion, US$532 million / 14億6,000万米ドル,
    5億3,200万米ドル; as many decimals as the figure has, never more."""
    for size, name in catalogue(lang)["locale"]["dollar_scales"]:
        if value >= size:
            amount = Decimal(value) / Decimal(size)
            places = max(0, -amount.normalize().as_tuple().exponent)
            return t("dollars", lang, value=f"{number(amount, lang, places)}{name}")
    return t("dollars", lang, value=count(value, lang))


def labelled(label: str, value: str, lang: str) -> str:
    """'Theft: 26 January 2018' / '流出：2018年1月26日'."""
    return f"{label}{t('label_colon', lang)}{value}"


def brackets(text: str, lang: str) -> str:
    """Round brackets as the language writes them: (…) in English, （…） in Japanese, with no space
    before the opening one."""
    if not catalogue(lang)["locale"].get("full_width_brackets"):
        return text
    return re.sub(r"\s*\(", "（", re.sub(r"\s*（", "（", text)).replace(")", "）")


def mid_sentence(title: str, lang: str, names: tuple[str, ...] = ()) -> str:
    """A title as words inside a sentence ("(unauthorised access to the company's wallets detected)"):
    in a language with capitals (locale lowers_titles), its first word lowered when it is an ordinary
    capitalised word followed by a lowercase one; kept when it is an acronym ("XRP send error"), one
    of the `names` the caller gives ("Bybit notices", "Zaif's server") or leads several capitalised
    words ("Kanto Local Finance Bureau"). A name the caller does not give is lowered like any word: give
    every name its titles may lead with."""
    if not catalogue(lang)["locale"].get("lowers_titles"):
        return title
    words = title.split(" ")
    first = words[0]
    bare = re.sub(r"(?:'s|’s)?[^\w]*$", "", first)
    ordinary = bare[:1].isupper() and (bare[1:].islower() or (len(bare) == 1 and bare != "I"))
    next_lower = len(words) > 1 and words[1][:1].islower()
    if not ordinary or not next_lower or bare in names:
        return title
    return first[:1].lower() + title[1:]


def paren(text: str, note: str, lang: str) -> str:
    """'45 days (12 March 2018)' / '45日（2018年3月12日）'."""
    return t("paren", lang, text=text, note=note)


def noted(name: str, note: str, lang: str) -> str:
    """A name with a note in brackets: 'Mt. Gox 2014 (drain)'; a name that already ends in brackets
    takes the note inside them, not a second pair: マウントゴックス（2014年・長期の流出）."""
    close = brackets(")", lang)
    if name.endswith(close):
        return f"{name[:-1]}{t('note_joiner', lang)}{note}{close}"
    return paren(name, note, lang)


def quoted(text: str, lang: str) -> str:
    return t("quoted", lang, text=text)


def says_name(title: str, name: str, lang: str) -> bool:
    """Whether a title already says a step's name: it opens with it (「日本円出金の再開」 for
    「日本円出金再開」) or closes with it as its bracketed note ("Administrative action ...
    (business improvement order)"); case aside, and without the words the language lets a name leave
    out (locale `name_fillers`). A name met only inside a title ("流出" in 「XRPなどが不正流出」)
    does not count: the title says something else."""
    fillers = catalogue(lang)["locale"].get("name_fillers", [])

    def bare(text: str) -> str:
        for word in fillers:
            text = text.replace(word, "")
        return " ".join(text.casefold().split())

    said, step = bare(title), bare(name)
    return said.startswith(step) or said.endswith(bare(brackets(f"({name})", lang)))


def inside_brackets(name: str, lang: str) -> str:
    """A name as written inside a sentence's brackets: one that ends in a bracket of its own
    (コインチェック（2018年）) is turned so that brackets do not nest (「2018年のコインチェック」,
    the catalogue's `name_inside_brackets`); any other name is kept as it is."""
    close, opener = brackets(")", lang), brackets("(", lang)
    opened = name.rfind(opener)
    if not name.endswith(close) or opened <= 0:
        return name
    head, note = name[:opened].rstrip(), name[opened + 1 : -1]
    # only a last bracket of its own, the name before it bracket-free: any other is left as it is
    if any(mark in head + note for mark in "()（）"):
        return name
    return t("name_inside_brackets", lang, name=head, note=note)


def join(items, lang: str) -> str:
    return t("list_separator", lang).join(items)


def about(text: str, lang: str, approximate: bool = True) -> str:
    """A value marked approximate the way the language writes it: 約580億円 / about 58 bn JPY."""
    return t("approximately", lang, value=text) if approximate else text


def catalogue_problems(catalogues: dict[str, dict]) -> list[str]:
    """Keys missing from a language, and sentences whose {fields} differ between languages."""
    import string

    problems = []
    langs = sorted(catalogues)
    sections = sorted({s for c in catalogues.values() for s in c})
    for section in sections:
        keys = sorted({k for c in catalogues.values() for k in c.get(section, {})})
        for key in keys:
            missing = [lang for lang in langs if key not in catalogues[lang].get(section, {})]
            if missing:
                problems.append(f"[{section}] {key}: no translation in {', '.join(missing)}")
                continue
            if section == "text":
                fields = {
                    lang: {f for _, f, _, _ in string.Formatter().parse(catalogues[lang][section][key]) if f}
                    for lang in langs
                }
                if len({frozenset(f) for f in fields.values()}) > 1:
                    problems.append(f"[text] {key}: the languages fill different fields {fields}")
    return problems


@cache
def quantity_pattern() -> re.Pattern:
    """A quantity as a reader takes it in, to be kept on one line: a number (digits with their
    separators, a Japanese 億/万 figure, a range, a time of day) with what leads it ("about",
    "US$", 約) and its unit ("11 h 23 min", "46.31 bn JPY", 「874〜901日」, "401,347 ETH"), or a
    date ("26 January 2018", 「2018年1月26日」). Every language's words are in it, as a report in one
    language quotes the other."""
    leads = {w for lang in LANGUAGES for w in _locale(lang)["unbroken_leads"]}
    units = {w for lang in LANGUAGES for w in _locale(lang)["unbroken_units"]}
    months = {
        name
        for lang in LANGUAGES
        for width in ("wide", "abbreviated")
        for name in _babel(lang).months["format"][width].values()
        if name.isalpha() and name.isascii()
    } | {"Sept"}
    alternatives = lambda words: "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))  # noqa: E731
    num = r"\d(?:[\d,.:]*\d)?(?:[億万]\d(?:[\d,.]*\d)?)*[億万]?"
    # a duration's next part follows only a unit of time ("11 h 23 min", "5 days 9 h", 「8時間25〜28分」),
    # not an amount ("US$1.46 billion" and "34 h" beside it are two quantities)
    part = r"\s?\d+(?:\s?[〜~–-]\s?\d+)?\s?(?:min|h|分|時間)"
    unit = rf"\s?(?:(?:days|day|h|時間|時|日)(?![A-Za-z])(?:{part})*|(?:{alternatives(units)})(?![A-Za-z]))"
    lead = rf"(?:{alternatives(leads)})?"
    # a coin's ticker after an amount written with separators (401,347 ETH; 5億2,300万XEM; a staked
    # coin's lower-case lead, 8,000 mETH), not after a year ("2018 FSA")
    coins = (
        r"(?:\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+\.\d+|\d[\d,.]*[億万][\d,.億万]*)\s?[a-z]{0,2}[A-Z]{3,5}(?![A-Za-z0-9])"
    )
    quantity = rf"{lead}(?:{coins}|{num}(?:\s?[〜~–-]\s?{num})?(?:{unit})?)"
    dates = [
        rf"\d{{1,2}} (?:{alternatives(months)})\b(?: \d{{4}})?",
        # a time written straight after its day stays with it (「2018年1月27日23時」, 「7日17時15分」);
        # 「5日9時間」 is a duration, kept whole by the quantity pattern below
        r"(?:(?:\d{4}年)?\d{1,2}月)?\d{1,2}日\d{1,2}時(?!間)(?:\d{1,2}分)?",
        r"(?:\d{4}年)?\d{1,2}月\d{1,2}日",
        r"\d{4}年\d{1,2}月",
        r"\d{4}/\d{1,2}/\d{1,2}",
    ]
    # never part of a word, an address, a version or a file's line (coincheck-2018-en, events.csv:29,
    # 0.1.0+f81c684b)
    return re.compile(rf"(?<![A-Za-z0-9_.:/\-])(?:{'|'.join([*dates, quantity])})(?![A-Za-z0-9_/+]|[.,]\d)")
