"""Text set for reading: each quantity kept on one line, in the reports and on the site alike."""

from __future__ import annotations

import html
import re

from markupsafe import Markup, escape

from analysis import l10n

# What marks a value approximate in each language ("about ", 約): it may stand apart from the value.
_ABOUT = tuple(l10n.t("approximately", lang, value="") for lang in l10n.LANGUAGES)


def unbroken(text, about_apart: bool = False) -> Markup:
    """The text, escaped, with each quantity (a number with its lead and unit, a date: see
    l10n.quantity_pattern) kept on one line; with `about_apart`, 'about' may stand on a line of its
    own (the narrow key numbers, a table's cells). Markup (a cell with a link) keeps its tags: only its text changes."""
    if isinstance(text, Markup):
        parts = re.split(r"(<[^>]*>)", str(text))
        return Markup("").join(
            Markup(p) if p.startswith("<") else unbroken(html.unescape(p), about_apart) for p in parts if p
        )
    out, last = [], 0
    for m in l10n.quantity_pattern().finditer(text):
        number = m.group(0)
        if about_apart:
            number = next((number[len(w) :] for w in _ABOUT if number.startswith(w)), number)
        start = m.end() - len(number)
        out += [escape(text[last:start]), Markup('<span class="nobr">{}</span>').format(number)]
        last = m.end()
    return Markup("").join([*out, escape(text[last:])])
