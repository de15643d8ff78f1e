"""Evidence for the researched facts: every figure a page prints, checked against the row it backs.

data/citations.csv holds, per researched row, the figures its pages print (「1月26日午前11時25分」,
"Feb. 25", 「約580億円」) with the page's address and where on the page the figure stands; who
published each page and when is in data/pages.csv, once a page. A row's date, time, period and
amounts must each be stated by at least one figure, and every figure must read as the row's value (in the zone the page uses, against the page's date
for a figure without a year or month). A citation that does not state its fact is a located error.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import pandas as pd

from analysis import l10n, vocab
from analysis.data import printed
from analysis.errors import Problem

JST = ZoneInfo(vocab.TIMEZONE)
NAME = "citations.csv"


@dataclass(frozen=True)
class Figure:
    claim: str
    printed: str
    where: str
    zone: str  # the zone the page gives the figure in; empty for Japan time


@dataclass(frozen=True)
class Page:
    """A page as read for one row: the address read, who published it and when, what it prints."""

    url: str
    publisher: str
    published: str
    figures: tuple[Figure, ...]
    kind: str = ""  # vocab.PAGE_KINDS, from data/pages.csv


def when_zones(pages) -> frozenset[str]:
    """The zones a row's pages print its date or time in (citations.csv printed_tz; "" for Japan's):
    where one other zone is all there is, the row's day there is as printed."""
    if not isinstance(pages, (tuple, list)):
        return frozenset()
    return frozenset(f.zone for p in pages for f in p.figures if f.claim == "when")


def pages(citations: pd.DataFrame) -> dict[tuple[str, str], tuple[Page, ...]]:
    """(table, record id) -> the pages cited for it, each with its figures, in file order."""
    grouped: dict[tuple[str, str], dict[str, list]] = defaultdict(dict)
    for r in citations.itertuples():
        by_url = grouped[(r.table, r.record_id)]
        head, figures = by_url.setdefault(r.url, [(r.publisher, r.published, getattr(r, "kind", "")), []])
        figures.append(Figure(r.claim, r.printed, r.where, r.printed_tz))
    return {
        key: tuple(
            Page(url, pub, published, tuple(figs), kind) for url, ((pub, published, kind), figs) in by_url.items()
        )
        for key, by_url in grouped.items()
    }


# -- reading a figure against its row -------------------------------------------------------------


def _zone(name: str) -> ZoneInfo | None:
    if not name:
        return JST
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return None


def _fields(w: printed.When) -> dict:
    return {k: getattr(w, k) for k in ("year", "month", "day", "weekday", "hour", "minute", "quarter")}


def _matches(w: printed.When, at: datetime, with_time: bool) -> bool:
    """Every field the figure states equals the instant's (in the page's zone)."""
    actual = {
        "year": at.year,
        "month": at.month,
        "day": at.day,
        "weekday": at.weekday(),
        "hour": at.hour if with_time else None,
        "minute": at.minute if with_time else None,
        "quarter": (at.month - 1) // 3 + 1,
    }
    return all(v is None or actual[k] is None or v == actual[k] for k, v in _fields(w).items())


def _filled(w: printed.When, at: datetime) -> datetime | None:
    """The instant the figure states, its unstated fields taken from `at`."""
    try:
        return at.replace(
            year=w.year or at.year,
            month=w.month or at.month,
            day=w.day or at.day,
            hour=at.hour if w.hour is None else w.hour,
            minute=at.minute if w.minute is None else w.minute,
        )
    except ValueError:
        return None


def _agrees(w: printed.When, at: datetime, with_time: bool) -> bool:
    if w.until is None:
        return _matches(w, at, with_time)
    start, end = _filled(w, at), _filled(w.until, at)
    return start is not None and end is not None and start <= at <= end


def disagreement(
    w: printed.When, zone: ZoneInfo, day: date | None, at: time | None, period: str | None, day_zone: ZoneInfo = JST
) -> str | None:
    """Why the figure does not read as the row's value; None when it does. A date-only row's day is
    in `day_zone` (Japan unless the row's date_zone says otherwise)."""
    if day is not None:
        if at is not None:
            instant = datetime.combine(day, at, JST).astimezone(zone)
            return None if _agrees(w, instant, True) else f"reads as {show(w, zone)}, not {_row(day, at, None)}"
        if w.states_time:
            return (
                f"states a time of day ({show(w, zone)}), which the row does not give; put it (in Japan time) "
                "in the row's time column"
            )
        # A day in the row's zone is one or two days in the page's zone: the figure must name one of them.
        first = datetime.combine(day, time(0), day_zone).astimezone(zone)
        last = (datetime.combine(day + timedelta(days=1), time(0), day_zone) - timedelta(microseconds=1)).astimezone(
            zone
        )
        local_days = {first.replace(hour=0, minute=0), last.replace(hour=0, minute=0, second=0, microsecond=0)}
        if any(_agrees(w, d.replace(second=0, microsecond=0), False) for d in local_days):
            return None
        return f"reads as {show(w, zone)}, not {_row(day, None, None)}"
    if period:
        if w.states_day:
            return f"states a day ({show(w, zone)}); give the row a date instead of the period {period}"
        year, part = period.split("-")
        if w.year is not None and w.year != int(year):
            return f"reads as {show(w, zone)}, not {period}"
        if part.startswith("Q"):
            q = int(part[1])
            whole = w.until is not None and w.month == 3 * q - 2 and w.until.month == 3 * q
            if w.quarter == q or whole:
                return None
            if w.month is not None and w.until is None:
                return f"states a month ({show(w, zone)}); give the row that month rather than the quarter {period}"
            return f"reads as {show(w, zone)}, not {period}"
        if w.month == int(part) and w.until is None:
            return None
        return f"reads as {show(w, zone)}, not {period}"
    return "cites a row that gives no date or period"


def show(w: printed.When, zone: ZoneInfo | None = None) -> str:
    """A figure's fields in ISO order, '?' for what it does not state."""

    def one(x: printed.When) -> str:
        parts = []
        if x.year or x.month or x.day:
            parts.append(f"{x.year or '????'}-{x.month or 0:02d}-{x.day or 0:02d}".replace("-00", "-??"))
        if x.quarter:
            parts.append(f"Q{x.quarter}")
        if x.weekday is not None and x.day is None:
            parts.append(("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")[x.weekday])
        if x.hour is not None:
            parts.append(f"{x.hour:02d}:{x.minute or 0:02d}")
        return " ".join(parts) or "?"

    text = one(w) + (f" – {one(w.until)}" if w.until else "")
    if zone is not None and zone != JST:
        text += f" {zone.key}"
    return text


def _row(day: date | None, at: time | None, period: str | None) -> str:
    if day is None:
        return period or "no date"
    return day.isoformat() + (f" {at:%H:%M}" if at else "") + " JST"


# -- the checks -----------------------------------------------------------------------------------


@dataclass
class _Read:
    line: int
    claim: str
    when: printed.When | None
    amount: printed.Amount | None
    text: str | None = None  # a term's or a words figure's words as printed


def published_dates(cites: pd.DataFrame, listed: pd.DataFrame | None) -> pd.Series:
    """Each figure's page date from pages.csv (one per page), against which a bare day it prints
    ("28日") is read; empty where pages.csv does not list the page (a problem of its own) or has no
    such columns (then the relations do not run this check at all)."""
    if listed is None or not {"url", "published"} <= set(listed.columns):
        return pd.Series("", index=cites.index, dtype=str)
    dates = listed.drop_duplicates("url").set_index("url")["published"]
    return cites["url"].map(dates).fillna("")


def check_citations(frames: dict[str, pd.DataFrame]) -> list[Problem]:
    """Every citation reads and agrees with its row; every researched row is fully stated."""
    cites = frames.get(NAME)
    needed = ("table", "record_id", "claim", "printed", "printed_tz", "url")
    if cites is None or any(c not in cites.columns for c in needed):
        return []
    cites = cites.assign(published=published_dates(cites, frames.get("pages.csv")))
    records = _records(frames)
    problems: list[Problem] = []
    reads: dict[tuple[str, str], list[_Read]] = defaultdict(list)
    for line, c in cites.iterrows():
        key = (c["table"], c["record_id"])
        if c["table"] not in records:
            continue  # the schema reports the table name
        file = vocab.CITED_TABLES[c["table"]]
        row_line, row = records[c["table"]].get(c["record_id"], (None, None))
        if row is None:
            problems.append(Problem(NAME, line, "record_id", c["record_id"], f"names no row of {file}"))
            continue
        if row.get("source_id") == "seed":
            problems.append(
                Problem(NAME, line, "record_id", c["record_id"], f"cites {file} line {row_line}, a fact from the seed")
            )
            continue
        zone = _zone(c["printed_tz"])
        if zone is None or (c["printed_tz"] and c["printed_tz"] not in vocab.ZONES):
            problems.append(
                Problem(
                    NAME,
                    line,
                    "printed_tz",
                    c["printed_tz"],
                    f"is not one of the zones the reports can name ({', '.join(vocab.ZONES)}); leave it empty for "
                    "Japan time, or add the zone to analysis/vocab.py ZONES and a name for it to each catalogue",
                )
            )
            continue
        published, precision = printed.page_date(c["published"]) or (None, "day")
        try:
            if c["claim"] == "when":
                w = printed.read_when(c["printed"])
                figure_zone = _zone(w.zone or "")
                if w.zone and figure_zone != zone:
                    problems.append(
                        Problem(
                            NAME,
                            line,
                            "printed_tz",
                            c["printed_tz"],
                            f"differs from the zone the figure itself names ({w.zone}); give printed_tz {w.zone}",
                        )
                    )
                    continue
                reads[key].append(_Read(line, "when", printed.resolve(w, published, precision), None))
            elif c["claim"] == "amount":
                reads[key].append(_Read(line, "amount", None, printed.read_amount(c["printed"])))
            elif c["claim"] in ("term", "words"):
                reads[key].append(_Read(line, c["claim"], None, None, c["printed"]))
            else:
                continue  # the schema reports an unknown claim
        except printed.Unreadable as err:
            problems.append(Problem(NAME, line, "printed", c["printed"], f"cannot be read as a {c['claim']}: {err}"))
            continue
        problems += _check_one(c, line, reads[key][-1], zone, file, row_line, row)

    dated = _dated_rows(records)
    for table, rows in records.items():
        for record_id, (row_line, row) in rows.items():
            if row.get("source_id") != "seed":
                elsewhere = dated.get(row.get("incident_id", ""), []) if table == "events" else []
                problems += _check_row(table, record_id, row_line, row, reads.get((table, record_id), []), elsewhere)
    return problems


def _records(frames) -> dict[str, dict[str, tuple[int, dict]]]:
    out = {}
    for table, file in vocab.CITED_TABLES.items():
        frame = frames.get(file)
        key = {"events": "event_id", "story": "fact_id"}.get(table, "incident_id")
        if frame is None or key not in frame.columns or "source_id" not in frame.columns:
            continue
        out[table] = {}
        for line, row in frame.iterrows():
            out[table].setdefault(row[key], (line, row.to_dict()))
    return out


def _row_when(row: dict) -> tuple[date | None, time | None, str | None] | None:
    """The row's date, time and period; None when they are malformed or contradictory (the schema
    and the uncertainty checks report those)."""
    day = at = None
    period = row.get("period") or None
    if period and (row.get("date") or not re.fullmatch(r"\d{4}-(0[1-9]|1[0-2]|Q[1-4])", period)):
        return None
    try:
        if row.get("date"):
            day = date.fromisoformat(row["date"])
        if row.get("time"):
            at = time.fromisoformat(row["time"])
    except ValueError:
        return None
    return day, at, period


def _text_amounts(row: dict, columns: tuple[str, ...]) -> list[printed.Amount]:
    found = []
    for col in columns:
        found += printed.amounts_in(row.get(col) or "")
    return found


# The text columns whose amounts a cited page must print, in the language the checks read
# (l10n.REFERENCE_LANGUAGE); every other language's version of them must give the same amounts.
_AMOUNT_TEXTS = {
    "events": ("title", "note"),
    "incidents": ("stolen",),
    "remedies": ("detail", "funded_by"),
    "story": ("text",),
}
AMOUNT_COLUMNS = {table: tuple(map(l10n.reference_column, bases)) for table, bases in _AMOUNT_TEXTS.items()}
_TEXT = l10n.reference_column("text")
_STOLEN = l10n.reference_column("stolen")


def _term_words(row: dict) -> tuple[str, ...]:
    """The words a page may print for a story row's term (vocab.TERMS), or none."""
    return vocab.TERMS.get(row.get("aspect", ""), {}).get(row.get("term", ""), ())


# A words figure is a word or a few, never a sentence: the project keeps no third-party prose.
_MOST_WORDS = 4
_MOST_COLUMNS = 32  # half-width columns: a Japanese character takes two
_WORD = re.compile(r"\w+(?:['-]\w+)*")
# What our text may add to a figure's word: "remain" backs "remained", never "remainder"
_ENDINGS = ("", "s", "es", "d", "ed", "ing", "'s")
# Two kanji or katakana: a word of substance in a script written without spaces
_KANJI_KANA = r"[\u4e00-\u9fff\u30a0-\u30ff]{2}"
# Where our text's clauses end: a figure's words are read within one
_CLAUSE_END = re.compile(r"[,;:()\[\]、。「」（）]")
# The text whose words a `words` figure backs: the note of an event row with no date (its reason),
# or a story row's text (what an exchange said of its customers' losses, say).
_WORDS_TEXT = {"events.csv": "note", "story.csv": "text"}


def _plain(text: str) -> str:
    """Text as the words check compares it: full-width letters and curly apostrophes as their plain
    forms, case aside."""
    return unicodedata.normalize("NFKC", text).replace("’", "'").casefold()


def _check_words(c, line: int, said: str, file: str, row_line: int, row: dict) -> list[Problem]:
    """A figure of the few words a page prints that a row's text gives too (a story row's text, the
    reason in the note of an event row with no date, the title of a dated event), so a reader finds
    on the page what the text says it shows."""
    if file not in _WORDS_TEXT:
        return [
            Problem(
                NAME,
                line,
                "claim",
                "words",
                f"backs {file} line {row_line}, which is neither a story.csv row nor an events.csv row",
            )
        ]
    if c["printed_tz"]:
        return [Problem(NAME, line, "printed_tz", c["printed_tz"], "is given for words, which have no zone")]
    plain = _plain(said).strip()
    ours = _WORD.findall(plain)
    if re.search(r"\d", plain):
        return _bad_figure(c, line, "gives a number: a date or an amount is a figure of claim 'when' or 'amount'")
    # a final full stop after a word ends a sentence; one after an abbreviation ("U.S.") does not
    sentence = re.search(r"[。！？!?]", plain) or printed.SENTENCE_END.search(plain + " X")
    # a word or two of grammar ("the", 「とした」) is in every text: a figure carries one of substance
    substance = any(len(w) >= 4 for w in ours if w.isascii()) or re.search(_KANJI_KANA, plain)
    if not ours or len(ours) > _MOST_WORDS or l10n.text_columns(said) > _MOST_COLUMNS or sentence or not substance:
        return _bad_figure(
            c,
            line,
            f"is not a words figure: give the few words the page prints (at most {_MOST_WORDS} words and "
            f"{_MOST_COLUMNS} columns, a Japanese character taking two; no sentence; a word of four letters or "
            "more, or two kanji or katakana, among them)",
        )
    base = _WORDS_TEXT[file]
    if file == "events.csv" and row.get("status") not in vocab.UNDATED:
        # a dated event's title may say more than its date, and each such word is the page's
        # (Bitfinex: Lichtenstein "sentenced to five years in prison")
        base = "title"
    texts = list(zip(l10n.columns(base), l10n.LANGUAGES))
    # a note's own label ("Not found:", 「見つからない。」, "Did not happen:"...) is ours, never the page's
    ours_text = [row.get(col) or "" for col, _ in texts]
    if base == "note":
        ours_text = [l10n.after_label(text, lang, start=False) for text, (_, lang) in zip(ours_text, texts)]
    if not any(_gives(_plain(text), ours, plain) for text in ours_text):
        return _bad_figure(
            c,
            line,
            f"is not in the {base} of {file} line {row_line} ({', '.join(col for col, _ in texts)}"
            f"{', its label aside' if base == 'note' else ''}): a words figure's words stand in one language's "
            f"{base}, within one clause, side by side and in order, each as the page prints it or with an ending "
            "(remain: remained), case aside; a Japanese figure stands in it whole",
        )
    return []


def _gives(text: str, words: list[str], figure: str) -> bool:
    """Whether our text gives a words figure within one of its clauses: in a script written without
    spaces, the figure itself (two characters at least: one kanji is in many texts); else its words side
    by side and in order."""
    if any(unicodedata.east_asian_width(ch) in "WF" for ch in figure):
        return len(figure) >= 2 and any(figure in clause for clause in _CLAUSE_END.split(text))
    n = len(words)
    for clause in _CLAUSE_END.split(text):
        theirs = _WORD.findall(clause)
        if any(
            all(t in [w + e for e in _ENDINGS] for w, t in zip(words, theirs[i : i + n]))
            for i in range(len(theirs) - n + 1)
        ):
            return True
    return False


def _check_one(c, line: int, read: _Read, zone: ZoneInfo, file: str, row_line: int, row: dict) -> list[Problem]:
    if read.claim == "words":
        return _check_words(c, line, read.text, file, row_line, row)
    if read.claim == "term":
        words = _term_words(row)
        if not words:
            return [Problem(NAME, line, "claim", "term", f"backs {file} line {row_line}, which has no term to state")]
        if not any(w in read.text.lower() for w in words):
            return _bad_figure(
                c,
                line,
                f"is not a word for the term '{row.get('term')}' of {file} line {row_line}; "
                f"its pages print one of: {', '.join(words)}",
            )
        return []
    if read.claim == "when":
        if file not in _TOLD:
            return [Problem(NAME, line, "claim", "when", f"{file} rows have no date to state; cite amounts only")]
        if _told(file, row) is not None:
            return _check_told_date(c, line, read.when, file, row_line, row)
        when = _row_when(row)
        if when is None:
            return []
        why = disagreement(read.when, zone, *when, _zone(row.get("date_zone") or "") or JST)
        if why:
            return [Problem(NAME, line, "printed", c["printed"], f"{why} as events.csv line {row_line} gives it")]
        return []
    try:
        given = _text_amounts(row, AMOUNT_COLUMNS[c["table"]])
    except printed.Unreadable:
        return []  # reported on the row itself
    if not any(a.value == read.amount.value and a.unit == read.amount.unit for a in given):
        cols = " or ".join(AMOUNT_COLUMNS[c["table"]])
        return [
            Problem(
                NAME,
                line,
                "printed",
                c["printed"],
                f"states {read.amount}, an amount the {cols} of {file} line {row_line} does not give",
            )
        ]
    return []


# The text whose days and months cited pages must print: a story row's text; the note of an event
# row that has no date (a gap, a step that never happened or does not apply), whose reason is a fact
# too. A note may give a day without its year beside the row it refers to ("planned 14 May").
_TOLD = {"story.csv": ("text", "refuse"), "events.csv": ("note", "keep")}


def _told(file: str, row: dict) -> tuple[str, str] | None:
    """The text of the row whose dates its figures state (its base column) and how a day without a
    year is taken; None for a row whose figures state its own date (a dated event)."""
    if file == "events.csv" and row.get("status") not in vocab.UNDATED:
        return None
    return _TOLD.get(file)


def _told_dates(row: dict, col: str, yearless: str) -> list[printed.When] | None:
    try:
        return printed.dates_in(row.get(col) or "", yearless)
    except printed.Unreadable:
        return None  # reported on the row itself


def _same_date(figure: printed.When, given: printed.When) -> bool:
    """A figure states a date the text gives: the same day, or (for a month the text gives) a day or
    the month itself in it; a day the text gives without its year (a note's "planned 14 May"), the
    same day and month. Read as the page prints it: the text says the zone where it is not Japan's."""
    if figure.month != given.month or (given.year is not None and figure.year != given.year):
        return False
    return given.day is None or figure.day == given.day


def _check_told_date(c, line: int, figure: printed.When, file: str, row_line: int, row: dict) -> list[Problem]:
    base, yearless = _told(file, row)
    col = l10n.reference_column(base)
    given = _told_dates(row, col, yearless)
    if given is None:
        return []  # the text itself cannot be read: reported on its row
    if any(_same_date(figure, g) for g in given):
        return []
    shown = ", ".join(_shown_date(g) for g in given) or "none"
    if file == "events.csv":
        return [
            Problem(
                NAME,
                line,
                "record_id",
                c["record_id"],
                f"cites a row with status '{row['status']}' (events.csv line {row_line}) for a date its {col} "
                f"does not give (it gives: {shown}); a page that states the fact makes it 'reported'",
            )
        ]
    return _bad_figure(
        c,
        line,
        f"states {_shown_date(figure)}, a date the {col} of {file} line {row_line} does not give (it gives: {shown})",
    )


def _bad_figure(c, line: int, why: str) -> list[Problem]:
    return [Problem(NAME, line, "printed", c["printed"], why)]


def _shown_date(w: printed.When) -> str:
    shown = "-".join(f"{v:02d}" for v in (w.month, w.day) if v is not None)
    return f"{w.year}-{shown}" if w.year is not None else f"{shown} (no year)"


def _check_told_dates(
    file: str, line: int, row: dict, reads: list[_Read], elsewhere: list[printed.When]
) -> list[Problem]:
    """Every day or month a row's told text gives is printed by a cited page of the row, or (a note)
    is the date of another dated row of the incident, whose own figures state it; every language gives
    the same dates."""
    base, yearless = _told(file, row)
    ref = l10n.reference_column(base)
    problems = []
    ours = {}
    for col in l10n.columns(base):
        try:
            ours[col] = printed.dates_in(row.get(col) or "", yearless)
        except printed.Unreadable as err:
            problems.append(Problem(file, line, col, row.get(col), f"gives a date that cannot be read: {err}"))
    stated = [r.when for r in reads if r.claim == "when" and r.when.month is not None]
    for g in ours.get(ref, []):
        if not any(_same_date(f, g) for f in [*stated, *elsewhere]):
            problems.append(
                Problem(
                    file, line, ref, _shown_date(g), f"is a date no figure in {NAME} prints for this row (claim 'when')"
                )
            )
    key = lambda dates: sorted(_shown_date(w) for w in dates)  # noqa: E731
    for col, dates in ours.items():
        if col != ref and ref in ours and key(dates) != key(ours[ref]):
            problems.append(
                Problem(
                    file,
                    line,
                    col,
                    row.get(col),
                    f"gives the dates {', '.join(key(dates)) or 'none'}, but {ref} gives "
                    f"{', '.join(key(ours[ref])) or 'none'}",
                )
            )
    return problems


def _dated_rows(records) -> dict[str, list[printed.When]]:
    """The dates of each incident's dated event rows (reported or in conflict), which a gap's note may
    refer to."""
    out: dict[str, list[printed.When]] = defaultdict(list)
    for _, row in records.get("events", {}).values():
        # a seed row has no figures of its own (the seed is the source): it cannot stand for a page
        researched = row.get("status") in ("reported", "conflict") and row.get("source_id") != "seed"
        when = _row_when(row) if researched else None
        if when is not None and when[0] is not None:
            day = when[0]
            out[row.get("incident_id", "")].append(printed.When(year=day.year, month=day.month, day=day.day))
    return out


def _check_row(
    table: str, record_id: str, line: int, row: dict, reads: list[_Read], elsewhere: list[printed.When] = ()
) -> list[Problem]:
    """What a researched row must have: its pages in citations.csv, every value stated by a figure."""
    file = vocab.CITED_TABLES[table]
    problems = []
    if row.get("source_url"):
        problems.append(
            Problem(
                file,
                line,
                "source_url",
                row["source_url"],
                "is filled on a researched row; its pages are the citations.csv lines for "
                f"{table} {record_id}, each with the figure the page prints",
            )
        )
    if "checked" in row and not row["checked"]:
        problems.append(Problem(file, line, "checked", "", "is empty; a researched row says when it was last checked"))
    problems += _check_amounts(table, file, line, row, reads)
    if _term_words(row) and not any(r.claim == "term" for r in reads):
        problems.append(
            Problem(file, line, "term", row["term"], f"has no figure in {NAME} printing a word for it (claim 'term')")
        )
    if table == "story" and not reads:
        problems.append(Problem(file, line, _TEXT, row.get(_TEXT, ""), f"has no page in {NAME} stating it"))
    if _told(file, row) is not None:
        problems += _check_told_dates(file, line, row, reads, elsewhere)
    if table != "events":
        if not reads and table == "incidents":
            problems.append(Problem(file, line, _STOLEN, row.get(_STOLEN, ""), f"has no figure in {NAME} stating it"))
        return problems
    if row.get("status") not in ("reported", "conflict"):
        return problems
    when = _row_when(row)
    if when is None:
        return problems
    day, at, period = when
    whens = [r.when for r in reads if r.claim == "when"]
    if not whens:
        col, value = ("date", row.get("date", "")) if day else ("period", period or "")
        return problems + [
            Problem(
                file,
                line,
                col,
                value,
                f"has no figure in {NAME} stating it; add the date (and time) exactly as its page prints it",
            )
        ]
    if day is not None and not any(w.year and w.month and w.day for w in whens):
        problems.append(
            Problem(
                file,
                line,
                "date",
                row["date"],
                f"is not stated by any figure in {NAME} (a figure without a year needs the page's publication date)",
            )
        )
    if at is not None and not any(w.states_time for w in whens):
        problems.append(Problem(file, line, "time", row["time"], f"is not stated by any figure in {NAME}"))
    if period and not any(w.month or w.quarter for w in whens):
        problems.append(Problem(file, line, "period", period, f"is not stated by any figure in {NAME}"))
    # A value taken from a printed range (17時〜19時) is approximate; a range that is the period is not.
    approximate = any(w.approximate or (w.until is not None and not period) for w in whens)
    if (row.get("approximate") == "true") != approximate:
        why = (
            "its page gives the value with 頃/約/about (or as a range): mark it 'true'"
            if approximate
            else "no figure in citations.csv carries 頃/約/about or a range: mark it 'false'"
        )
        problems.append(Problem(file, line, "approximate", row.get("approximate", ""), why))
    return problems


def _check_amounts(table: str, file: str, line: int, row: dict, reads: list[_Read]) -> list[Problem]:
    """Every amount our text gives is printed by a cited page, with the same 'about'; every language agrees."""
    problems = []
    cited = [r.amount for r in reads if r.claim == "amount"]

    def amounts(col: str) -> list[printed.Amount] | None:
        try:
            return printed.amounts_in(row.get(col) or "")
        except printed.Unreadable as err:
            problems.append(Problem(file, line, col, row.get(col), f"gives an amount that cannot be read: {err}"))
            return None

    for col in AMOUNT_COLUMNS[table]:
        ours = amounts(col)
        for a in ours or []:
            backing = [b for b in cited if (b.value, b.unit) == (a.value, a.unit)]
            if not backing:
                problems.append(
                    Problem(file, line, col, str(a), f"is an amount no figure in {NAME} prints for this row")
                )
            elif any(b.approximate for b in backing) != a.approximate:
                word, how = ("about", "with") if not a.approximate else ("no 'about'", "without")
                problems.append(Problem(file, line, col, str(a), f"needs {word}: its page prints it {how} 約/about"))
        base = l10n.base_of(col)
        for version in [c for c in l10n.columns(base) if c != col] if ours is not None else []:
            other = amounts(version)
            if other is not None and sorted((a.value, a.unit) for a in ours) != sorted(
                (a.value, a.unit) for a in other
            ):
                problems.append(
                    Problem(
                        file,
                        line,
                        version,
                        row.get(version),
                        f"gives the amounts {', '.join(map(str, other)) or 'none'}, but {col} gives "
                        f"{', '.join(map(str, ours)) or 'none'}",
                    )
                )
    return problems
