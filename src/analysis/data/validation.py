"""Checks on the curated CSV files, run on their text before anything is converted.

Every check reports through `Problem`s that name file, line, column and value, and all of them
run before the caller raises, so one run lists everything there is to fix.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date, datetime, time
from decimal import Decimal
from urllib.parse import urlsplit

import pandas as pd
import pandera.pandas as pa

from analysis import l10n, vocab
from analysis.data import printed
from analysis.data.evidence import check_citations
from analysis.errors import Problem

SLUG = re.compile(r"^[a-z0-9]+(?:[-_][a-z0-9]+)*$")


# -- value checks: each takes the cell text and says whether it is acceptable -------------------


def is_date(text: str) -> bool:
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        return False
    try:
        date.fromisoformat(text)
    except ValueError:
        return False
    return True


def is_time(text: str) -> bool:
    if not re.fullmatch(r"\d{2}:\d{2}", text):
        return False
    try:
        time.fromisoformat(text)
    except ValueError:
        return False
    return True


def is_aware_datetime(text: str) -> bool:
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?[+-]\d{2}:\d{2}", text):
        return False
    try:
        return datetime.fromisoformat(text).tzinfo is not None
    except ValueError:
        return False


def is_url(text: str) -> bool:
    if any(c.isspace() for c in text):
        return False
    parts = urlsplit(text)
    host = parts.hostname or ""
    return (
        parts.scheme in ("http", "https")
        and "." in host
        and not host.startswith(("http.", "https."))
        and host not in ("http", "https")
    )


def is_url_list(text: str) -> bool:
    """One address, or several separated by ' ; ' (a fact read on more than one page)."""
    return all(is_url(part) for part in text.split(" ; "))


def plausible_window() -> tuple[date, date]:
    """The dates a fact may carry: from the first Bitcoin block to a year from today. A date
    outside is a typo (2099 for 2019), and the charts' and tables' work grows with the span."""
    today = date.today()
    return vocab.EARLIEST_DATE, today.replace(year=today.year + 1, day=min(today.day, 28))


def in_window(day: date) -> bool:
    first, last = plausible_window()
    return first <= day <= last


def outside_window() -> str:
    first, last = plausible_window()
    return f"is outside the plausible dates {first.isoformat()} to {last.isoformat()}; check the year"


def is_period(text: str) -> bool:
    """A month (YYYY-MM) or a quarter (YYYY-Qn): what a source gives when it gives no day."""
    return re.fullmatch(r"\d{4}-(0[1-9]|1[0-2]|Q[1-4])", text) is not None


def is_number(text: str) -> bool:
    return re.fullmatch(r"\d+(\.\d+)?", text) is not None


def is_seed_item(text: str) -> bool:
    return text == "lead" or re.fullmatch(r"[1-9]\d*", text) is not None


# -- column specifications ----------------------------------------------------------------------


def _column(
    *,
    required: bool = True,
    test=None,
    expect: str = "",
    allowed=None,
    unique: bool = False,
    when=None,
) -> pa.Column:
    """A text column: required or not, its format (test), its vocabulary (allowed) and, for dates,
    `when`: the day a well-formed value stands for, which must lie in the plausible window."""
    checks = []
    if required:
        checks.append(pa.Check(lambda s: s.str.len() > 0, error="is empty, but a value is required"))
    if allowed is not None:
        choices = ", ".join(allowed)
        checks.append(
            pa.Check(
                lambda v, allowed=frozenset(allowed): v == "" or v in allowed,
                element_wise=True,
                error=f"is not an allowed value; use one of: {choices}",
            )
        )
    if test is not None:
        checks.append(pa.Check(lambda v, test=test: v == "" or test(v), element_wise=True, error=expect))
    if when is not None:
        checks.append(
            pa.Check(
                lambda v, test=test, when=when: v == "" or not test(v) or in_window(when(v)),
                element_wise=True,
                error=outside_window(),
            )
        )
    return pa.Column(str, checks=checks, unique=unique, nullable=False)


# The columns whose text the checks read (l10n.REFERENCE_LANGUAGE's): a theft's printed dollar
# value, the value row of its story, the note a rule requires.
_STOLEN = l10n.column("stolen", l10n.REFERENCE_LANGUAGE)
_TEXT = l10n.column("text", l10n.REFERENCE_LANGUAGE)
_NOTE = l10n.column("note", l10n.REFERENCE_LANGUAGE)


def _in_every_language(base: str, **spec) -> dict[str, pa.Column]:
    """The column `base` once per language of the reports (title_en, title_ja, ...): the languages
    come from l10n's one list, so a new language's catalogue asks for its columns here."""
    return {name: _column(**spec) for name in l10n.columns(base)}


_SLUG = dict(
    test=lambda v: SLUG.fullmatch(v) is not None,
    expect="is not a valid id; use lower-case letters, digits and hyphens (e.g. coincheck-2018)",
)
_DATE = dict(
    test=is_date, expect="is not a real date; write it as YYYY-MM-DD (e.g. 2018-01-26)", when=date.fromisoformat
)
_SEED_ITEM = dict(
    test=is_seed_item, expect="is not a seed item; use the item number (1, 2, ...) or 'lead' for the opening paragraphs"
)
_URL = dict(test=is_url, expect="is not a well-formed web address; it must look like https://host.example/path")
_URLS = dict(
    test=is_url_list,
    expect="is not a well-formed web address (or list of them separated by ' ; '); each must look like "
    "https://host.example/path",
)
_BOOL = dict(allowed=("true", "false"))
_CHECKED = dict(
    test=lambda v: is_date(v) and date(2009, 1, 1) <= date.fromisoformat(v) <= date.today(),
    expect="is not the date the row was checked; write YYYY-MM-DD, not in the future",
)

SCHEMAS: dict[str, pa.DataFrameSchema] = {
    "events.csv": pa.DataFrameSchema(
        {
            "incident_id": _column(**_SLUG),
            "event_id": _column(unique=True, **_SLUG),
            "date": _column(required=False, **_DATE),
            "time": _column(
                required=False,
                test=is_time,
                expect="is not a time of day; write it as HH:MM in Japan time (e.g. 12:09), or leave it empty",
            ),
            "date_zone": _column(required=False, allowed=vocab.DATE_ZONES),
            "actor": _column(allowed=vocab.ACTORS),
            "source_kind": _column(allowed=vocab.SOURCE_KINDS),
            "milestone": _column(required=False, **_SLUG),
            **_in_every_language("title"),
            "source_url": _column(required=False, **_URLS),
            "source_url_as_printed": _column(required=False),
            "seed_item": _column(required=False, **_SEED_ITEM),
            "source_id": _column(**_SLUG),
            **_in_every_language("note", required=False),
            "status": _column(allowed=vocab.STATUSES),
            "conflict_group": _column(required=False, **_SLUG),
            "preferred": _column(required=False, **_BOOL),
            "approximate": _column(**_BOOL),
            "flag": _column(required=False, allowed=vocab.FLAGS),
            "period": _column(
                required=False,
                test=is_period,
                expect="is not a month or quarter; write YYYY-MM (e.g. 2024-07) or YYYY-Qn (e.g. 2019-Q2)",
                when=lambda v: date(int(v[:4]), 1, 1),
            ),
            "checked": _column(required=False, **_CHECKED),
        },
        strict=True,
    ),
    "compensation.csv": pa.DataFrameSchema(
        {
            "incident_id": _column(**_SLUG),
            "asset": _column(
                test=lambda v: re.fullmatch(r"[A-Z0-9]{2,10}", v) is not None,
                expect="is not an asset ticker; use upper-case letters and digits (e.g. XEM)",
            ),
            "fact": _column(allowed=tuple(vocab.COMPENSATION_FACTS)),
            "value": _column(),
            "unit": _column(),
            "approximate": _column(allowed=("true", "false")),
            "seed_item": _column(**_SEED_ITEM),
            "source_id": _column(**_SLUG),
            **_in_every_language("note", required=False),
        },
        strict=True,
    ),
    "order_items.csv": pa.DataFrameSchema(
        {
            "incident_id": _column(**_SLUG),
            "order_event_id": _column(**_SLUG),
            "item_no": _column(
                test=lambda v: re.fullmatch(r"[1-9]\d*", v) is not None,
                expect="is not an item number; use a whole number from 1",
            ),
            **_in_every_language("text"),
            "deadline": _column(required=False, **_DATE),
            "seed_item": _column(**_SEED_ITEM),
            "source_id": _column(**_SLUG),
        },
        strict=True,
    ),
    "incidents.csv": pa.DataFrameSchema(
        {
            "incident_id": _column(unique=True, **_SLUG),
            **_in_every_language("name"),
            **_in_every_language("exchange"),
            "kind": _column(allowed=vocab.INCIDENT_KINDS),
            **_in_every_language("stolen"),
            "value_usd": _column(
                test=lambda v: re.fullmatch(r"[1-9]\d*", v) is not None,
                expect="is not a whole number of US dollars; write the digits only (e.g. 532000000)",
            ),
            "source_id": _column(**_SLUG),
            "source_url": _column(required=False, **_URLS),
            "checked": _column(required=False, **_CHECKED),
        },
        strict=True,
    ),
    "remedies.csv": pa.DataFrameSchema(
        {
            "incident_id": _column(unique=True, **_SLUG),
            "method": _column(required=False, allowed=vocab.REMEDY_METHODS),
            "extent": _column(allowed=vocab.REMEDY_EXTENTS),
            "share": _column(
                required=False,
                test=lambda v: re.fullmatch(r"\d{1,2}(\.\d+)?", v) is not None and 0 < float(v) < 100,
                expect="is not a share; give the percentage repaid as a number above 0 and below 100 (36.067)",
            ),
            **_in_every_language("detail"),
            **_in_every_language("funded_by"),
            "source_id": _column(**_SLUG),
            "source_url": _column(required=False, **_URLS),
            "seed_item": _column(required=False, **_SEED_ITEM),
            "event_id": _column(required=False, **_SLUG),
            "checked": _column(required=False, **_CHECKED),
        },
        strict=True,
    ),
    "story.csv": pa.DataFrameSchema(
        {
            "incident_id": _column(**_SLUG),
            "fact_id": _column(unique=True, **_SLUG),
            "aspect": _column(allowed=vocab.STORY_ASPECTS),
            "term": _column(required=False, allowed=[t for terms in vocab.TERMS.values() for t in terms]),
            **_in_every_language("text"),
            "source_id": _column(**_SLUG),
            "seed_item": _column(required=False, **_SEED_ITEM),
            "checked": _column(required=False, **_CHECKED),
        },
        strict=True,
    ),
    "pages.csv": pa.DataFrameSchema(
        {
            "url": _column(unique=True, **_URL),
            "kind": _column(allowed=vocab.PAGE_KINDS),
        },
        strict=True,
    ),
    "milestones.csv": pa.DataFrameSchema(
        {
            "milestone": _column(unique=True, **_SLUG),
            "kind": _column(allowed=vocab.MILESTONE_KINDS),
            "part_of": _column(required=False, **_SLUG),
            "compared": _column(**_BOOL),
            "chain": _column(**_BOOL),
            "not_before": _column(
                required=False,
                test=lambda v: all(SLUG.fullmatch(x) for x in v.split(" ")),
                expect="is not a list of milestones separated by single spaces",
            ),
            **_in_every_language("name"),
            **_in_every_language("definition"),
        },
        strict=True,
    ),
    "citations.csv": pa.DataFrameSchema(
        {
            "table": _column(allowed=tuple(vocab.CITED_TABLES)),
            "record_id": _column(**_SLUG),
            "claim": _column(allowed=vocab.CLAIMS),
            "printed": _column(),
            "printed_tz": _column(required=False),
            "where": _column(allowed=vocab.PLACES),
            "url": _column(**_URL),
            "publisher": _column(),
            "published": _column(
                required=False,
                test=lambda v: printed.page_date(v) is not None,
                expect="is not a page date; write YYYY-MM-DD, or YYYY-MM or YYYY when the page (or its address) "
                "shows no more",
                when=lambda v: date(int(v[:4]), 1, 1),
            ),
        },
        strict=True,
    ),
    "sources.csv": pa.DataFrameSchema(
        {
            "source_id": _column(unique=True, **_SLUG),
            "kind": _column(allowed=vocab.SOURCE_TYPES),
            **_in_every_language("title"),
            "published": _column(required=False, **_DATE),
            "location": _column(),
            **_in_every_language("note", required=False),
        },
        strict=True,
    ),
}


def check_schema(name: str, frame: pd.DataFrame) -> list[Problem]:
    """Column-by-column checks of one file; the frame's index holds the file's line numbers."""
    schema = SCHEMAS[name]
    problems = _invisible_characters(name, frame)
    try:
        schema.validate(frame, lazy=True)
    except pa.errors.SchemaErrors as err:
        problems += [_problem(name, schema, row) for row in err.failure_cases.itertuples(index=False)]
    return problems


def _undrawable(ch: str) -> bool:
    """Control, format (zero-width, direction overrides), private and unassigned characters: no
    font draws them, and a chart would print a missing-glyph box. Spaces (U+3000 too) are fine."""
    return not ch.isprintable() and unicodedata.category(ch) != "Zs"


def _invisible_characters(name: str, frame: pd.DataFrame) -> list[Problem]:
    problems = []
    suspects = ~frame.map(str.isprintable).to_numpy()
    for row, col in zip(*suspects.nonzero()):
        value = frame.iat[row, col]
        bad = [ch for ch in value if _undrawable(ch)]
        if bad:
            shown = "".join(f"\\u{ord(ch):04x}" if _undrawable(ch) else ch for ch in value)
            what = unicodedata.name(bad[0], "a control character")
            problems.append(
                Problem(
                    name,
                    int(frame.index[row]),
                    frame.columns[col],
                    shown,
                    f"contains U+{ord(bad[0]):04X} ({what}), which no font draws; remove it",
                )
            )
    return problems


def _problem(name: str, schema: pa.DataFrameSchema, case) -> Problem:
    expected = ", ".join(schema.columns)
    if case.check == "column_in_schema":
        return Problem(
            name, 1, str(case.failure_case), None, f"is not a column of this file; the columns are: {expected}"
        )
    if case.check == "column_in_dataframe":
        return Problem(
            name,
            1,
            str(case.failure_case),
            None,
            "is missing from the header row; every one of these columns is required: " + expected,
        )
    if case.check == "field_uniqueness":
        message = "appears on more than one line; each value in this column must be unique"
    else:
        message = str(case.check)
    line = None if pd.isna(case.index) else int(case.index)
    return Problem(name, line, case.column, str(case.failure_case), message)


# -- checks across rows and files ---------------------------------------------------------------


def check_relations(frames: dict[str, pd.DataFrame]) -> list[Problem]:
    """Checks that need more than one row or file; they only look at cells whose format passed."""
    problems: list[Problem] = []
    sources = frames.get("sources.csv")
    known_sources = set(sources["source_id"]) if _has(sources, "source_id") else None
    events = frames.get("events.csv")

    for name, frame in frames.items():
        if known_sources is not None and _has(frame, "source_id") and name != "sources.csv":
            for line, value in frame["source_id"].items():
                if value and value not in known_sources:
                    problems.append(
                        Problem(name, line, "source_id", value, "names a source that is not in sources.csv")
                    )

    incidents = frames.get("incidents.csv")
    if _has(incidents, "incident_id"):
        known = set(incidents["incident_id"])
        for name in ("events.csv", "compensation.csv", "order_items.csv", "remedies.csv", "story.csv"):
            frame = frames.get(name)
            if _has(frame, "incident_id"):
                for line, value in frame["incident_id"].items():
                    if value and value not in known:
                        problems.append(
                            Problem(name, line, "incident_id", value, "names an incident that is not in incidents.csv")
                        )
    vocabulary = frames.get("milestones.csv")
    if _has(vocabulary, "milestone", "kind", "part_of", "not_before", "compared"):
        problems += _check_milestones(vocabulary)
        known_milestones = vocabulary[vocabulary["kind"] == "event"]
    else:
        known_milestones = None
    if _has(events, "incident_id", "milestone", "date", "time") and known_milestones is not None:
        problems += _check_events(events, known_milestones)
    cites, kinds = frames.get("citations.csv"), frames.get("pages.csv")
    if _has(cites, "url") and _has(kinds, "url"):
        problems += _check_page_kinds(cites, kinds)
    story = frames.get("story.csv")
    if _has(story, "incident_id", "aspect", "term", "source_id", "seed_item"):
        problems += _check_story(story)
    if _has(incidents, "incident_id", "value_usd", _STOLEN) and _has(story, "incident_id", "aspect", _TEXT):
        problems += _check_values(incidents, story)
    remedies = frames.get("remedies.csv")
    if _has(remedies, "event_id", "incident_id", "source_id") and _has(
        events, "event_id", "incident_id", "milestone", "status"
    ):
        problems += _check_remedy_events(remedies, events)
    problems += check_citations(frames)
    comp = frames.get("compensation.csv")
    if _has(comp, "incident_id", "asset", "fact", "value", "unit"):
        problems += _check_compensation(comp)
    items = frames.get("order_items.csv")
    if _has(items, "order_event_id", "item_no") and _has(events, "event_id", "milestone"):
        problems += _check_order_items(items, events)
    return problems


def _check_values(incidents: pd.DataFrame, story: pd.DataFrame) -> list[Problem]:
    """An incident's value in US dollars is one the report prints for it (what was stolen, or the
    story's value row), or the sum of the value row's parts (Liquid: two entities' losses): the
    comparison ranks the thefts by it, so it must trace back to a printed figure."""
    values = printed.value_rows(story)
    problems = []
    for line, row in incidents.iterrows():
        if not re.fullmatch(r"[1-9]\d*", row["value_usd"]):
            continue  # the schema reports it
        value_row = values.get(row["incident_id"], "")
        if printed.dollar_basis(int(row["value_usd"]), row[_STOLEN], value_row) is None:
            shown = ", ".join(f"{v:,.0f}" for t in (row[_STOLEN], value_row) for v in printed.dollars_in(t)) or "none"
            problems.append(
                Problem(
                    "incidents.csv",
                    line,
                    "value_usd",
                    row["value_usd"],
                    f"is not a US-dollar amount printed in {_STOLEN} or in the incident's value row of story.csv "
                    f"(they print: {shown}), nor the sum of the value row's amounts",
                )
            )
    return problems


def _has(frame, *columns) -> bool:
    return frame is not None and all(c in frame.columns for c in columns)


def _when(row) -> tuple[date, time | None] | None:
    if (
        not is_date(row["date"])
        or not in_window(date.fromisoformat(row["date"]))
        or (row["time"] and not is_time(row["time"]))
    ):
        return None
    return date.fromisoformat(row["date"]), time.fromisoformat(row["time"]) if row["time"] else None


def _check_milestones(vocabulary: pd.DataFrame) -> list[Problem]:
    """The vocabulary names what the code relies on; its links point at milestones it defines."""
    name = "milestones.csv"
    problems = []
    kinds = dict(zip(vocabulary["milestone"], vocabulary["kind"]))
    for m in dict.fromkeys(vocab.CODE_MILESTONES):
        if kinds.get(m) != "event":
            problems.append(
                Problem(name, None, "milestone", m, "is missing; the report's code uses this milestone of kind 'event'")
            )
    for line, row in vocabulary.iterrows():
        if row["part_of"] and kinds.get(row["part_of"]) != "measure":
            problems.append(
                Problem(name, line, "part_of", row["part_of"], "is not a milestone of kind 'measure' in this file")
            )
        if row["kind"] == "measure" and (row["part_of"] or row["not_before"]):
            col = "part_of" if row["part_of"] else "not_before"
            problems.append(
                Problem(name, line, col, row[col], "must be empty for a measure; its parts carry their own order")
            )
        for earlier in row["not_before"].split():
            if kinds.get(earlier) != "event" or earlier == row["milestone"]:
                problems.append(
                    Problem(name, line, "not_before", earlier, "is not another milestone of kind 'event' in this file")
                )
    if not (vocabulary["compared"] == "true").any():
        problems.append(
            Problem(
                name, None, "compared", "false", "is false on every row; the comparison needs at least one milestone"
            )
        )
    for line, row in vocabulary[vocabulary["kind"] == "measure"].iterrows():
        if not (vocabulary["part_of"] == row["milestone"]).any():
            problems.append(
                Problem(name, line, "milestone", row["milestone"], "is a measure that no milestone is part of")
            )
    return problems


def _check_page_kinds(cites: pd.DataFrame, kinds: pd.DataFrame) -> list[Problem]:
    """Every page cited has its kind in pages.csv, and pages.csv lists no page nobody cites."""
    cited, listed = set(cites["url"]), set(kinds["url"])
    problems = [
        Problem("citations.csv", line, "url", url, "is a page with no kind; add it to pages.csv with its kind")
        for line, url in cites["url"][~cites["url"].isin(listed) & (cites["url"] != "")].drop_duplicates().items()
    ]
    problems += [
        Problem("pages.csv", line, "url", url, "is a page no line of citations.csv cites; remove it")
        for line, url in kinds["url"][~kinds["url"].isin(cited)].items()
    ]
    return problems


def _check_story(story: pd.DataFrame) -> list[Problem]:
    """A cause or an attribution is a term of its own aspect; value and victims carry none; the
    seed's rows say where in the seed; each aspect is told once per incident."""
    name, problems = "story.csv", []
    for line, row in story.iterrows():
        terms = vocab.TERMS.get(row["aspect"])
        if terms is not None and row["term"] not in terms:
            problems.append(
                Problem(
                    name, line, "term", row["term"], f"is not a term of {row['aspect']}; use one of: {', '.join(terms)}"
                )
            )
        elif terms is None and row["aspect"] in vocab.STORY_ASPECTS and row["term"]:
            problems.append(
                Problem(name, line, "term", row["term"], f"is given for {row['aspect']}, which has no terms")
            )
        if row["source_id"] == "seed" and not row["seed_item"]:
            problems.append(
                Problem(name, line, "seed_item", "", "is empty; a fact from the seed says which item states it")
            )
    told = story.duplicated(["incident_id", "aspect"], keep="first")
    for line in story.index[told]:
        problems.append(
            Problem(
                name, line, "aspect", story.at[line, "aspect"], f"is told twice for {story.at[line, 'incident_id']}"
            )
        )
    return problems


def _check_remedy_events(remedies: pd.DataFrame, events: pd.DataFrame) -> list[Problem]:
    """A researched remedy rests on the event that announced it, and its pages are that event's. A
    remedy has a form exactly when customers got something back; a share only when partial; where
    customers lost nothing, its delivery is not applicable (never a dated step)."""
    problems = []
    decided = {(r.incident_id, r.event_id) for r in events.itertuples() if r.milestone == "remedy_decided"}
    delivered = {
        r.incident_id: (line, r.status) for line, r in zip(events.index, events.itertuples())
        if r.milestone == "remedy_delivered"
    }  # fmt: skip
    for line, row in remedies.iterrows():
        extent = row.get("extent", "")
        gives_back = extent in ("full", "partial")
        if "method" in row and bool(row["method"]) != gives_back and extent in vocab.REMEDY_EXTENTS:
            why = (
                f"is empty, but the extent '{extent}' gives customers something back; name its form"
                if gives_back
                else f"names a form, but the extent '{extent}' gives customers nothing back; leave it empty"
            )
            problems.append(Problem("remedies.csv", line, "method", row["method"], why))
        if row.get("share") and extent != "partial":
            problems.append(
                Problem(
                    "remedies.csv",
                    line,
                    "share",
                    row["share"],
                    f"is given for extent '{extent}'; only a partial remedy has a share",
                )
            )
        at = delivered.get(row["incident_id"])
        if extent == "not_needed" and at is not None and at[1] != "not_applicable":
            problems.append(
                Problem(
                    "events.csv",
                    at[0],
                    "status",
                    at[1],
                    f"is the remedy's delivery for {row['incident_id']}, whose customers lost nothing "
                    f"(remedies.csv line {line}, extent not_needed); make it 'not_applicable' and say why in its note",
                )
            )
        if row["source_id"] == "seed":
            continue
        if not row["event_id"]:
            problems.append(
                Problem(
                    "remedies.csv",
                    line,
                    "event_id",
                    "",
                    "is empty; a researched remedy names the event (milestone remedy_decided) that announced it",
                )
            )
        elif (row["incident_id"], row["event_id"]) not in decided:
            problems.append(
                Problem(
                    "remedies.csv",
                    line,
                    "event_id",
                    row["event_id"],
                    f"is not an event of {row['incident_id']} with milestone 'remedy_decided' in events.csv",
                )
            )
    return problems


def _check_events(events: pd.DataFrame, vocabulary: pd.DataFrame) -> list[Problem]:
    problems = []
    name = "events.csv"
    allowed = list(vocabulary["milestone"])
    for line, value in events["milestone"].items():
        if value and value not in allowed:
            problems.append(
                Problem(
                    name,
                    line,
                    "milestone",
                    value,
                    "is not a milestone of milestones.csv (kind 'event'); use one of: " + ", ".join(allowed),
                )
            )
    precedence = [
        (earlier, row["milestone"]) for _, row in vocabulary.iterrows() for earlier in row["not_before"].split()
    ]
    if "source_url_as_printed" in events.columns and _NOTE in events.columns:
        for line, row in events.iterrows():
            if row["source_url_as_printed"] and not row[_NOTE]:
                problems.append(
                    Problem(name, line, _NOTE, "", "a corrected URL needs a note saying what was corrected")
                )
    notes = l10n.columns("note")
    if all(c in events.columns for c in notes):
        for line, row in events.iterrows():
            have = next((c for c in notes if row[c]), None)
            for missing in [c for c in notes if not row[c]] if have else []:
                message = f"is empty while '{have}' is not; every note is given in every language ({', '.join(notes)})"
                problems.append(Problem(name, line, missing, "", message))
    if _has(events, "status", "conflict_group", "preferred", "period", "source_id", "source_url", "seed_item"):
        problems += _check_uncertainty(events)
        # Alternatives of a conflict stand beside the value used; they are not milestones of their own.
        effective = events[~((events["status"] == "conflict") & (events["preferred"] != "true"))]
    else:
        effective = events
    milestones = effective[effective["milestone"].isin(allowed)]
    for incident, group in milestones.groupby("incident_id", sort=True):
        lines: dict[str, int] = {}
        seen: dict[str, tuple[int, tuple]] = {}
        for line, row in group.iterrows():
            m = row["milestone"]
            if m in lines:
                problems.append(
                    Problem(
                        name,
                        line,
                        "milestone",
                        m,
                        f"is given twice for {incident} (also on line {lines[m]}); "
                        "each milestone may occur once per incident (alternatives go in a conflict_group)",
                    )
                )
                continue
            lines[m] = line
            when = _when(row) if row["date"] else None
            if when is not None:
                seen[m] = (line, when)
        for earlier, later in precedence:
            if earlier in seen and later in seen:
                (l1, w1), (l2, w2) = seen[earlier], seen[later]
                if _before(w2, w1):
                    problems.append(
                        Problem(
                            name,
                            l2,
                            "date",
                            _show(w2),
                            f"puts milestone '{later}' before '{earlier}' (line {l1}, {_show(w1)}); "
                            f"'{later}' cannot come before '{earlier}'",
                        )
                    )
    return problems


def _check_uncertainty(events: pd.DataFrame) -> list[Problem]:
    """Disputed facts keep every value; missing facts stay empty; outside facts name their page."""
    name = "events.csv"
    problems = []
    for line, row in events.iterrows():
        status = row["status"]
        if status in vocab.UNDATED:
            for col in ("date", "time", "period"):
                if row[col]:
                    problems.append(
                        Problem(
                            name,
                            line,
                            col,
                            row[col],
                            f"is filled on a row with status '{status}'; a fact not found stays empty. If a source "
                            "gives it, set status to 'reported' and name the source in source_url",
                        )
                    )
            if not row[_NOTE]:
                problems.append(
                    Problem(
                        name,
                        line,
                        _NOTE,
                        "",
                        f"is empty; a row with status '{status}' must say what was searched for or why it did not happen",
                    )
                )
        elif status in ("reported", "conflict"):
            if not row["date"] and not row["period"]:
                problems.append(
                    Problem(
                        name,
                        line,
                        "date",
                        "",
                        "is empty; give the date (or, when the source gives only a month or quarter, the period), "
                        "or mark the row status 'gap'",
                    )
                )
            if row["date"] and row["period"]:
                problems.append(
                    Problem(name, line, "period", row["period"], "is filled as well as the date; give one of them")
                )
            if row["time"] and not row["date"]:
                problems.append(Problem(name, line, "time", row["time"], "needs a date"))
        if row["date_zone"] and (row["time"] or not row["date"]):
            problems.append(
                Problem(
                    name,
                    line,
                    "date_zone",
                    row["date_zone"],
                    "belongs only to a date without a time (a time is stored in Japan time, its page's zone in "
                    "citations.csv); empty it",
                )
            )
        if row["source_id"] == "seed" and not row["seed_item"]:
            problems.append(Problem(name, line, "seed_item", "", "is empty; a fact from the seed names its item"))
        in_conflict = status == "conflict"
        if bool(row["conflict_group"]) != in_conflict:
            problems.append(
                Problem(
                    name,
                    line,
                    "conflict_group",
                    row["conflict_group"],
                    "must be filled exactly when status is 'conflict'",
                )
            )
        if bool(row["preferred"]) != in_conflict:
            problems.append(
                Problem(
                    name,
                    line,
                    "preferred",
                    row["preferred"],
                    "must be 'true' or 'false' exactly when status is 'conflict'",
                )
            )
    conflicts = events[(events["status"] == "conflict") & (events["conflict_group"] != "")]
    for group_id, group in conflicts.groupby("conflict_group", sort=True):
        first = int(group.index[0])
        if len(group) < 2:
            problems.append(
                Problem(
                    name,
                    first,
                    "conflict_group",
                    group_id,
                    "has only this row; a conflict keeps every value the sources give, at least two rows",
                )
            )
        chosen = int((group["preferred"] == "true").sum())
        if chosen != 1:
            problems.append(
                Problem(
                    name,
                    first,
                    "preferred",
                    group_id,
                    f"marks {chosen} rows of conflict group '{group_id}' as preferred; exactly one value is the one "
                    "the analysis uses",
                )
            )
        for col in ("incident_id", "milestone"):
            if group[col].nunique() > 1:
                problems.append(
                    Problem(
                        name,
                        first,
                        col,
                        group_id,
                        f"differs between the rows of conflict group '{group_id}'; they must be values of one fact",
                    )
                )
    return problems


def _before(a, b) -> bool:
    """True when a is surely before b; two facts on the same day without both times are not."""
    (da, ta), (db, tb) = a, b
    if da != db:
        return da < db
    return ta is not None and tb is not None and ta < tb


def _show(when) -> str:
    d, t = when
    return d.isoformat() + (f" {t:%H:%M}" if t else "")


def _check_compensation(comp: pd.DataFrame) -> list[Problem]:
    problems = []
    name = "compensation.csv"
    for line, row in comp.iterrows():
        fact, value, unit, asset = row["fact"], row["value"], row["unit"], row["asset"]
        if fact not in vocab.COMPENSATION_FACTS:
            continue
        want = vocab.COMPENSATION_FACTS[fact].format(asset=asset)
        if unit != want:
            problems.append(Problem(name, line, "unit", unit, f"is the wrong unit for '{fact}'; use {want}"))
        why = None
        if want == "datetime" and not is_aware_datetime(value):
            why = f"is not a date and time with its UTC offset for '{fact}'; write it as YYYY-MM-DDTHH:MM+09:00"
        elif fact in vocab.CHOSEN_FACTS and value not in vocab.CHOSEN_FACTS[fact]:
            why = f"is not an allowed value for '{fact}'; use one of: {', '.join(vocab.CHOSEN_FACTS[fact])}"
        elif want == "datetime" and not in_window(datetime.fromisoformat(value).date()):
            why = outside_window()
        elif want not in ("text", "datetime") and not is_number(value):
            why = (
                f"is not a number of {want} for '{fact}'; write a plain non-negative "
                "number with a dot for decimals and no thousands separators"
            )
        elif fact in vocab.NUMERIC_BOUNDS:
            why = _out_of_bounds(fact, value, want)
        if why:
            problems.append(Problem(name, line, "value", value, why))
    for (incident, asset), group in comp.groupby(["incident_id", "asset"], sort=True):
        lines = {}
        for line, fact in group["fact"].items():
            if fact in lines:
                problems.append(
                    Problem(
                        name, line, "fact", fact, f"is given twice for {incident} {asset} (also on line {lines[fact]})"
                    )
                )
            lines.setdefault(fact, line)
        for fact in vocab.COMPENSATION_FACTS:
            if fact not in lines:
                problems.append(
                    Problem(
                        name,
                        None,
                        "fact",
                        fact,
                        f"is missing for {incident} {asset}; every compensation fact is required",
                    )
                )
        start = group[group["fact"] == "price_window_start"]["value"]
        end = group[group["fact"] == "price_window_end"]["value"]
        if len(start) == 1 and len(end) == 1 and is_aware_datetime(start.iloc[0]) and is_aware_datetime(end.iloc[0]):
            if datetime.fromisoformat(end.iloc[0]) <= datetime.fromisoformat(start.iloc[0]):
                problems.append(
                    Problem(
                        name,
                        end.index[0],
                        "value",
                        end.iloc[0],
                        f"ends the price window before it starts ({start.iloc[0]}, line {start.index[0]})",
                    )
                )
    return problems


def _out_of_bounds(fact: str, value: str, unit: str) -> str | None:
    """None when a well-formed number lies within its fact's plausible bounds (vocab.NUMERIC_BOUNDS)."""
    low, high, places = vocab.NUMERIC_BOUNDS[fact]
    whole, _, fraction = value.partition(".")
    if len(fraction.rstrip("0")) > places:
        kept = "a whole number" if places == 0 else f"at most {places} decimal places"
        return f"has more decimals than '{fact}' can have; write {kept}"
    number = Decimal(value)
    if number == 0:
        return f"is zero; '{fact}' must be more than 0 (the report divides by it), or leave the incident's compensation out"
    if not Decimal(low) <= number <= Decimal(high):
        return f"is outside the plausible range of '{fact}' ({low} to {high} {unit}); check the digits"
    return None


def _check_order_items(items: pd.DataFrame, events: pd.DataFrame) -> list[Problem]:
    problems = []
    name = "order_items.csv"
    orders = set(events.loc[events["milestone"] == "order", "event_id"])
    seen = {}
    for line, row in items.iterrows():
        if row["order_event_id"] not in orders:
            problems.append(
                Problem(
                    name,
                    line,
                    "order_event_id",
                    row["order_event_id"],
                    "is not the event_id of an event with milestone 'order' in events.csv",
                )
            )
        key = (row["order_event_id"], row["item_no"])
        if key in seen:
            problems.append(
                Problem(
                    name, line, "item_no", row["item_no"], f"is given twice for this order (also on line {seen[key]})"
                )
            )
        seen.setdefault(key, line)
    return problems
