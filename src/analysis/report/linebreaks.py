"""Where a line of a chart's text may break, in each language: after a space or Japanese punctuation,
between BudouX's phrases, never inside a quantity ("11 h 23 min", 「88.549円」), a name with its year or
a term and its gloss; kinsoku at either end of a line."""

from __future__ import annotations

import functools
import re

import budoux

from analysis import l10n


def wrap(text: str, lang: str, width: int) -> str:
    """Text broken into lines of at most `width` half-width columns (a Japanese character takes two)
    where the language breaks a line: after a space, or after Japanese punctuation (a run with none is
    broken at the width); a closing mark never opens a line, an opening one never ends it. A last line
    of a word or two (「…日付で／8日」) is avoided by breaking the lines before it a little earlier, on
    as many lines."""
    lines = []
    for paragraph in text.split("\n"):
        broken, _ = _broken(paragraph, lang, width)
        # a widow: a last line under a quarter of the width, where a narrower measure gives as many
        # lines, each broken where the language allows (never inside a word or a quantity)
        for narrower in range(width - 1, int(width * 0.75), -1):
            if len(broken) < 2 or l10n.text_columns(broken[-1]) >= width // 4:
                break
            tried, worse = _broken(paragraph, lang, narrower)
            if len(tried) == len(broken) and not worse and _bracketed(tried) <= _bracketed(broken):
                broken = tried
        lines += broken
    return "\n".join(lines)


def _broken(paragraph: str, lang: str, width: int) -> tuple[list[str], bool]:
    """One paragraph's lines at `width` columns (see wrapped), and whether any had to break where the
    language does not (inside a word, or inside a quantity wider than the line)."""
    locale = l10n.catalogue(lang)["locale"]
    marks, never_first, never_last = locale["line_breaks_after"], locale["never_line_start"], locale["never_line_end"]
    phrases = locale.get("phrase_breaks", False)
    lines, forced = [], False
    while l10n.text_columns(paragraph) > width:
        fits = next(i for i in range(len(paragraph) + 1) if l10n.text_columns(paragraph[:i]) > width) - 1
        # the last break the language allows that splits no quantity ("34 h 51 min", "88.549円")
        if phrases:
            cuts = _phrase_cuts(paragraph, fits, marks)
        else:
            cuts = [i + 1 for i in range(fits) if paragraph[i] in marks and not _in_quantity(paragraph, i + 1)]
        # a quoted name or a bracketed note stays on one line where a break before it will do
        # (「よくある質問」, "(Coincheck 2018 highlighted)")
        if cuts and _inside_brackets(paragraph, cuts[-1]):
            # before an opening bracket is a break Japanese allows even where BudouX joins the phrase
            before = [i for i in range(1, fits + 1) if phrases and paragraph[i] in _OPENERS]
            outside = sorted(i for i in {*cuts, *before} if not _inside_brackets(paragraph, i))
            outside = [i for i in outside if not _in_quantity(paragraph, i)]
            cuts = outside if outside and outside[-1] >= fits // 2 else cuts
        cuts = _kept_with_gloss(paragraph, cuts, fits, locale)
        allowed = bool(cuts) and (cuts[-1] > fits // 3 or phrases)
        cut = cuts[-1] if allowed else fits
        while 0 < cut < len(paragraph) and _in_quantity(paragraph, cut):
            cut -= 1
        if cut == 0:
            # one quantity wider than the line: it breaks, as nothing else can; at its last space that
            # fits ("Coincheck / 2018"), else where the line ends
            spaces = [i + 1 for i in range(1, fits) if paragraph[i] == " "]
            cut, allowed = (spaces[-1] if spaces else fits), False
        forced |= not allowed
        cut = _past(paragraph, cut, never_first)  # kinsoku
        while cut > 1 and paragraph[cut - 1] in never_last:  # an opening bracket stays with what it opens
            cut -= 1
        lines.append(paragraph[:cut].rstrip())
        paragraph = paragraph[cut:].lstrip()
    lines.append(paragraph)
    return lines, forced


_OPENERS, _CLOSERS = "「『“（(【[", "」』”）)】]"
_CLAUSE_ENDS = "。．;；、"
_TERM_COLUMNS = 20  # the longest label kept with its gloss ("light bar", 「損失なし」 in 8)


def _kept_with_gloss(paragraph: str, cuts: list[int], fits: int, locale: dict) -> list[int]:
    """The breaks a line may end at, without one that leaves a term apart from its gloss ("（UTC）：
    協定世界時の…", "Partial: only part repaid"): right after the colon that joins them, before it (which
    kinsoku moves after), or inside the term ("hollow / dot:"), where a break before the term will do,
    one that leaves the line at least half full. A term is a label: a longer one is a clause, left
    to break as it will."""
    if not cuts:
        return cuts
    never_first, phrases = locale["never_line_start"], locale.get("phrase_breaks", False)
    cut = _past(paragraph, cuts[-1], never_first)
    head = paragraph[:cut].rstrip()
    if head and _gloss_colon(paragraph, len(head) - 1):
        colon = len(head) - 1
    else:  # the next colon, where no clause ends before it
        ahead = [i for i in range(cut, min(len(paragraph), cut + fits)) if _gloss_colon(paragraph, i)]
        if not ahead or any(_clause_end(paragraph, i, locale) for i in range(cut, ahead[0])):
            return cuts
        colon = ahead[0]
    term = _term_start(paragraph, colon, locale)
    if term >= cut or l10n.text_columns(paragraph[term:colon]) > _TERM_COLUMNS:
        return cuts
    before = [i for i in cuts if i <= term] + ([term] if phrases and 0 < term <= fits else [])
    return sorted(set(before)) if before and max(before) >= fits // 2 else cuts


def _gloss_colon(text: str, i: int) -> bool:
    """Whether text[i] is a colon that joins a term to its gloss: a full-width one, or an ASCII one
    followed by a space or the end (not a time's, 18:50, nor a URL's)."""
    return text[i] == "：" or (text[i] == ":" and (i + 1 == len(text) or text[i + 1] == " "))


def _clause_end(text: str, i: int, locale: dict) -> bool:
    """Whether text[i] ends a sentence or clause: a mark that does, a comma before a space, or a full
    stop before a space that does not end an abbreviation ("Mt. Gox") nor sit inside a number ("1.46")."""
    if text[i] in _CLAUSE_ENDS:
        return True
    if text[i] not in ".," or not (i + 1 == len(text) or text[i + 1] == " "):
        return False
    return text[i] == "," or not any(_ends_word(text, i + 1, a) for a in locale.get("abbreviations", []))


def _ends_word(text: str, end: int, word: str) -> bool:
    """Whether text[:end] ends with `word`, begun where a word may begin (not inside another)."""
    start = end - len(word)
    return start >= 0 and text[start:end] == word and (start == 0 or not text[start - 1].isalnum())


def _past(text: str, cut: int, never_first: str) -> int:
    """A break moved past the marks that never open a line (kinsoku)."""
    while text[cut : cut + 1] and text[cut] in never_first:
        cut += 1
    return cut


def _term_start(text: str, colon: int, locale: dict) -> int:
    """Where the term glossed by the colon at `colon` begins: after the sentence, clause or gloss
    before it (0 when it opens the paragraph)."""
    ends = (i for i in range(colon - 1, -1, -1) if _clause_end(text, i, locale) or _gloss_colon(text, i))
    end = next(ends, -1)
    start = end + 1
    while start < colon and text[start] == " ":
        start += 1
    return start


def _inside_brackets(text: str, i: int) -> bool:
    """Whether a break before text[i] falls inside a pair of brackets or quotation marks."""
    depth = 0
    for c in text[:i]:
        depth = depth + 1 if c in _OPENERS else max(0, depth - 1) if c in _CLOSERS else depth
    return depth > 0


def _bracketed(lines: list[str]) -> int:
    """How many of the breaks between these lines fall inside brackets or quotation marks."""
    text, breaks = "", 0
    for line in lines[:-1]:
        text += line
        breaks += _inside_brackets(text, len(text))
    return breaks


def _phrase_cuts(paragraph: str, fits: int, marks: str) -> list[int]:
    """Where a line of a language that runs its words together may end, within `fits`: between two
    phrases, after a mark where one ends past half the line (「…公表し、」), as a particle stays with its
    phrase (「…完了」は, not 」／は), not inside a run of kanji where another end will do. A phrase
    longer than the line breaks where its script changes, else after the phrase before it, however
    short the line, else between a kanji and the kana after it (業者／および, not みな／し); inside a
    word last (none returned)."""
    cuts = [i for i in _phrase_ends(paragraph) if i <= fits and not _in_quantity(paragraph, i)]
    # BudouX may end a phrase inside a run of kanji (報告／書提出): another end is taken if one will do.
    whole = [i for i in cuts if not _inside_kanji(paragraph, i)]
    cuts = whole if whole and whole[-1] > fits // 2 else cuts
    marked = [i for i in cuts if paragraph[i - 1] in marks]
    cuts = marked if marked and marked[-1] > fits // 2 else cuts
    if cuts and cuts[-1] > fits // 3:
        return cuts
    changes = [i for i in range(1, fits + 1) if _script_changes(paragraph, i) and not _in_quantity(paragraph, i)]
    loose = [i for i in range(1, fits + 1) if _kanji_then_kana(paragraph, i) and not _in_quantity(paragraph, i)]
    return [i for i in changes if i >= fits // 2] or sorted({*cuts, *changes}) or loose


def _kanji_then_kana(text: str, i: int) -> bool:
    """Whether text[i] is hiragana after a kanji: a break a word's own kana may follow (公表／し), so
    the last one tried."""
    return _scripts_around(text, i) == ("kanji", "hiragana")


def _script(c: str) -> str:
    if "\u3041" <= c <= "\u309f":
        return "hiragana"
    if "\u30a0" <= c <= "\u30ff":
        return "katakana"
    if "\u4e00" <= c <= "\u9fff" or c in "々〆":
        return "kanji"
    return "latin" if c.isascii() and c.isalnum() else "other"


def _scripts_around(text: str, i: int) -> tuple[str, str] | None:
    """The scripts either side of a break before text[i]; None at either end of the text."""
    return (_script(text[i - 1]), _script(text[i])) if 0 < i < len(text) else None


def _inside_kanji(text: str, i: int) -> bool:
    """Whether a break before text[i] would split a run of kanji."""
    return _scripts_around(text, i) == ("kanji", "kanji")


def _script_changes(text: str, i: int) -> bool:
    """Whether text[i] may open a line inside a phrase too long for one: where the script changes
    (「みなし／仮想通貨」), not inside a katakana word, nor between a kanji and the kana after it (公表し)."""
    pair = _scripts_around(text, i)
    if pair is None:
        return False
    a, b = pair
    return a != b and "other" not in pair and pair != ("kanji", "hiragana") and text[i] not in "ー"


@functools.lru_cache(maxsize=4096)
def _phrase_ends(text: str) -> tuple[int, ...]:
    """Where a phrase ends in text written without spaces, as BudouX segments it: a particle stays
    with its word (「完了」は), a word stays whole (「不正アクセス」, 「買い注文」); and after each
    middle dot, which parts the words of a list BudouX may keep as one phrase (「クレジットカード・
    ペイジー・コンビニ入金」), and after a space (「約18:50 クレジットカード」), so a line breaks between
    the words, never inside one (「クレジッ／トカード」)."""
    ends, at = [], 0
    for phrase in _phrase_parser().parse(text)[:-1]:
        at += len(phrase)
        ends.append(at)
    dots = [i + 1 for i, ch in enumerate(text[:-1]) if ch in "・ "]
    return tuple(sorted({*ends, *dots}))


@functools.cache
def _phrase_parser():
    return budoux.load_default_japanese_parser()


# A quantity is kept on one line: digits with their separators and ranges, Japanese units and
# counters after them, and in English the unit words beside a number ("about 11 h 23 min").
_QUANTITY_CHARS = set("0123456789.,:〜~–%時間分日円万億年月件人第号条項")
_UNIT_WORDS = {"h", "min", "day", "days", "JPY", "bn", "m", "million", "billion", "BTC", "XEM", "ETH", "MONA", "BCH"}


@functools.lru_cache(maxsize=4096)
def quantity_spans(text: str) -> tuple[tuple[int, int], ...]:
    """Where the quantities a reader takes in whole sit in the text (l10n.quantity_pattern), and a
    name with its year ("Liquid 2021", "December 2024"): "Liquid / 2021" on two lines reads as two
    things."""
    found = [m.span() for m in l10n.quantity_pattern().finditer(text)]
    return tuple(sorted(found + [m.span() for m in _NAME_YEAR.finditer(text)]))


# A capitalised word and a year after it: a theft's name or a month with its year; a name's
# abbreviated first word goes with it ("Mt. Gox 2014"), never a sentence's last word ("Japan. In 2019")
_NAME_YEAR = re.compile(r"(?<![\w.])(?:(?:Mt|St)\. )?[A-Z][\w$-]*\.? (?:1[89]|20)\d\d(?!\d)")


def _in_quantity(text: str, i: int) -> bool:
    """Whether a line break before text[i] would split a quantity."""
    if any(start < i < end for start, end in quantity_spans(text)):  # "10 business days", "US$1.46 billion"
        return True
    if text[i - 1] in "約翌" and text[i].isdigit():  # 「約11時間」, 「翌18日」
        return True
    if (
        text[i - 1] in _QUANTITY_CHARS
        and text[i] in _QUANTITY_CHARS
        and (text[i - 1].isdigit() or text[i].isdigit() or _digit_near(text, i))
    ):
        return True
    before, after = text[:i].rstrip().rsplit(" ", 1)[-1], text[i:].lstrip().split(" ", 1)[0]
    if text[i - 1] != " " and text[i] != " ":
        return False
    number = lambda w: re.match(r"(?:US\$|\$|¥)?\d", w) is not None  # noqa: E731
    # "11 h 23 min", "5 days 9 h": a duration's parts; "about 11 h", "US$ 5": a number's lead
    return (number(before) and after.rstrip(".,;:)") in _UNIT_WORDS) or (
        before in {"h", "day", "days", "about", "US$", "No."} and number(after)
    )


def _digit_near(text: str, i: int) -> bool:
    """A run of quantity characters around position i that holds a digit."""
    lo = i
    while lo > 0 and text[lo - 1] in _QUANTITY_CHARS:
        lo -= 1
    hi = i
    while hi < len(text) and text[hi] in _QUANTITY_CHARS:
        hi += 1
    return any(c.isdigit() for c in text[lo:hi])
