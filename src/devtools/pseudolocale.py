"""A pseudo-locale: a language made by machine from English, to prove the reports take every word
from the one list of languages (l10n.LANGUAGES, one catalogue each).

Every string the catalogue shows is rewritten letter by letter ("Theft" -> "Ţĥéƒţ"), with its
{fields} and the formats of dates and numbers left alone; each data column in English is copied as
the pseudo-language's column. A report built in it must then show no sentence, label or unit of
the English or Japanese catalogue: one that appears came from somewhere other than the catalogue
(a word written in the code, a language chosen by name). Letters map within Latin-1 and Latin
Extended-A, which the report's fonts draw.

    python -m devtools.pseudolocale <catalogue-dir> <data-dir>

writes <catalogue-dir>/qps.toml and the qps columns into the CSVs of <data-dir> (copies, never the
project's own); build with ANALYSIS_CATALOGUE_DIR and ANALYSIS_DATA_DIR pointing at them.
"""

from __future__ import annotations

import csv
import re
import string
import sys
import tomllib
from pathlib import Path

# qaa-qtz are reserved for local use (ISO 639-2); Microsoft's pseudo-locales use qps.
CODE = "qps"
SOURCE = "en"

_LETTERS = str.maketrans(
    "acdeghijklnorstuwyzACDEGHIJKLNORSTUWYZ",
    "åçďéğĥîĵķĺñöŕšţûŵýžÅÇĎÉĞĤÎĴĶĹÑÖŔŠŢÛŴÝŽ",
)

# [locale] keys holding words a reader sees (units, what leads a number, scale names); the rest are
# formats, fonts and switches, kept as the source language has them.
_SHOWN_LOCALE_KEYS = ("unbroken_leads", "unbroken_units", "count_units", "dollar_scales")
# Sections that are not shown but matched against the data's text (a glossary term's words): the
# pseudo-language's data is the English text, so its patterns stay English.
_MATCHED_SECTIONS = ("glossary_words",)


def transform(text: str) -> str:
    """The pseudo-language's version of a catalogue string: letters outside {fields} rewritten."""
    out = []
    for literal, field, spec, conversion in string.Formatter().parse(text):
        out.append(literal.replace("{", "{{").replace("}", "}}").translate(_LETTERS))
        if field is not None:
            out.append("{" + field + (f"!{conversion}" if conversion else "") + (f":{spec}" if spec else "") + "}")
    return "".join(out)


def _shown(value):
    if isinstance(value, str):
        return transform(value)
    if isinstance(value, list):
        return [_shown(v) for v in value]
    if isinstance(value, dict):
        return {k: _shown(v) for k, v in value.items()}
    return value  # a number or a switch


def catalogue(source: dict) -> dict:
    """The pseudo-language's catalogue made from the source language's."""
    made = {}
    for section, entries in source.items():
        if section == "locale":
            made[section] = {k: (_shown(v) if k in _SHOWN_LOCALE_KEYS else v) for k, v in entries.items()}
        elif section in _MATCHED_SECTIONS:
            made[section] = dict(entries)
        else:
            made[section] = _shown(entries)
    return made


def _toml_value(value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)
    if isinstance(value, str):
        return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
    if isinstance(value, list):
        return "[" + ", ".join(_toml_value(v) for v in value) + "]"
    raise TypeError(f"no TOML form for {value!r}")


def _toml_key(key: str) -> str:
    return key if re.fullmatch(r"[A-Za-z0-9_-]+", key) else _toml_value(key)


def to_toml(made: dict) -> str:
    lines = [f"# The pseudo-locale {CODE}, made by devtools.pseudolocale from {SOURCE}.toml: do not edit."]
    for section, entries in made.items():
        lines += ["", f"[{section}]"]
        lines += [f"{_toml_key(key)} = {_toml_value(value)}" for key, value in entries.items()]
    return "\n".join(lines) + "\n"


def write_catalogue(catalogue_dir: Path, source_dir: Path) -> Path:
    """Copy the languages' catalogues into catalogue_dir and add the pseudo-language's."""
    catalogue_dir.mkdir(parents=True, exist_ok=True)
    for path in source_dir.glob("*.toml"):
        (catalogue_dir / path.name).write_bytes(path.read_bytes())
    with (source_dir / f"{SOURCE}.toml").open("rb") as f:
        made = catalogue(tomllib.load(f))
    target = catalogue_dir / f"{CODE}.toml"
    target.write_text(to_toml(made), encoding="utf-8")
    return target


_SOURCE_COLUMN = re.compile(rf"^(?P<base>\w+)_{SOURCE}$")


def write_columns(data_dir: Path) -> None:
    """Give every CSV of data_dir a pseudo-language column beside each English one (its copy)."""
    for path in sorted(data_dir.glob("*.csv")):
        with path.open(encoding="utf-8-sig", newline="") as f:
            rows = list(csv.reader(f))
        header = rows[0]
        sources = [i for i, name in enumerate(header) if _SOURCE_COLUMN.match(name)]
        if not sources:
            continue
        names = [_SOURCE_COLUMN.sub(rf"\g<base>_{CODE}", header[i]) for i in sources]
        out = [header + names]
        for row in rows[1:]:
            cells = row + [""] * (len(header) - len(row)) if row else row  # a blank line stays blank
            out.append(cells + [cells[i] for i in sources] if cells else cells)
        rows = out
        with path.open("w", encoding="utf-8", newline="") as f:
            csv.writer(f, lineterminator="\n").writerows(rows)


def phrases(catalogue_dir: Path, langs: tuple[str, ...] = ("en", "ja")) -> dict[str, list[str]]:
    """Every phrase the given languages' catalogues show (the text between {fields}, alternatives
    split) that a reader would know as theirs: a Latin word of four letters or more, or two kana or
    kanji; each with the entries that hold it (en:[text] toc)."""
    found: dict[str, set[str]] = {}
    for lang in langs:
        with (catalogue_dir / f"{lang}.toml").open("rb") as f:
            entries = tomllib.load(f)
        for section, values in entries.items():
            if section == "locale" or section in _MATCHED_SECTIONS:
                continue
            for key, value in values.items():
                for phrase in _phrases(value):
                    if re.search(r"[A-Za-z]{4,}|[\u3040-\u30ff\u4e00-\u9fff]{2,}", phrase):
                        found.setdefault(phrase, set()).add(f"{lang}:[{section}] {key}")
    return {phrase: sorted(where) for phrase, where in found.items()}


def _phrases(value):
    if isinstance(value, str):
        for literal, *_ in string.Formatter().parse(value):
            yield from (p.strip() for p in literal.split("|") if p.strip())
    elif isinstance(value, list):
        for v in value:
            yield from _phrases(v)


def untransformed(shown: str, known: dict[str, list[str]], data_text: str) -> list[tuple[str, list[str]]]:
    """The catalogue phrases a report in the pseudo-language shows though they are not its own: in
    `shown` (its visible text) and not in `data_text` (its data's text, which may quote them)."""
    return sorted((p, where) for p, where in known.items() if p in shown and p not in data_text)


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print(__doc__.split("\n\n")[-2].strip(), file=sys.stderr)
        return 2
    from analysis import l10n

    catalogue_dir, data_dir = map(Path, argv)
    write_catalogue(catalogue_dir, Path(l10n.__file__).parent / "catalogue")
    write_columns(data_dir)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
