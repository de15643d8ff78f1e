"""Sections and tables both reports have: the opening, disputed and missing facts, the sources."""

from __future__ import annotations

import re
from decimal import Decimal

import pandas as pd

from analysis import l10n, vocab
from analysis.report import citing
from analysis.report.cells import Lines, Link
from analysis.report.context import Context
from analysis.report.model import Front, Heading, Section, Table, Text


def when(row, lang: str) -> str:
    """A fact's day as the reader's language writes it (with its zone when it is not Japan's date), a
    month or quarter if that is all, or a dash."""
    if not pd.isna(row.date):
        return l10n.zoned_day(row.date.to_timestamp().date(), row.date_zone, lang, style="short")
    if row.period is not None:
        return l10n.period(row.period, lang)
    return "—"


def clock(row, lang: str) -> str:
    """A fact's time of day, marked when its page gives it as approximate."""
    if pd.isna(row.time):
        return ""
    return l10n.about(row.time, lang, bool(row.approximate))


def title_of(row, lang: str) -> str:
    return getattr(row, f"title_{lang}")


def note_of(row, ctx: Context):
    """A row's note in the reader's language, another row named by its title: the reader's edition
    numbers its sources, not its facts, so a number would lead to the wrong page."""
    note = getattr(row, f"note_{ctx.lang}")
    if not isinstance(note, str):
        return note
    return _EVENT_ID.sub(lambda m: _titled(m, ctx), note)


# An id, with the space a Japanese note sets between it and its particle (「… を参照」), which a
# title in brackets does not take.
_EVENT_ID = re.compile(r"\b[a-z0-9]+(?:-[a-z0-9]+)+\b(?: (?=[\u3041-\u309f]))?")


def _titled(m: re.Match, ctx: Context) -> str:
    rows = ctx.data.events[ctx.data.events["event_id"] == m.group(0).rstrip()]
    return l10n.quoted(title_of(next(rows.itertuples()), ctx.lang), ctx.lang) if len(rows) else m.group(0)


def cite(row, ctx: Context) -> str:
    """A fact's source as a reader cites it: the pages' publishers, or the timeline document's item."""
    pages = getattr(row, "pages", ())
    if pages:
        return l10n.join(dict.fromkeys(citing.publisher(p, ctx.lang) for p in pages), ctx.lang)
    if isinstance(row.seed_item, str) and row.seed_item:
        return seed_ref(row.seed_item, ctx.lang)
    return ""


def remedy_extent(row, lang: str) -> str:
    """A remedy's extent as readers say it, with the share repaid when its page prints one."""
    text = l10n.label("extent", row.extent, lang)
    if isinstance(row.share, str) and row.share:
        return l10n.paren(text, l10n.percent(Decimal(row.share) / 100, lang, len(row.share.partition(".")[2])), lang)
    return text


def seed_ref(item: str, lang: str) -> str:
    """An item of the timeline document as a reader cites it: 'the timeline document (16 Feb 2018),
    item 14'; its opening paragraph is its preamble."""
    source = l10n.t("seed_short", lang)
    if item == "lead":
        return l10n.t("seed_lead_ref", lang, source=source)
    return l10n.t("seed_item_ref", lang, source=source, item=item)


def front(ctx: Context, title: str, subtitle: str, contents: list[tuple[str, str]], found, chart) -> Front:
    from analysis.report.findings import as_of, edition

    return Front(
        title=title,
        headline=found.headline,
        subtitle=subtitle,
        paragraphs=found.paragraphs,
        numbers=found.numbers,
        chart=chart,
        dated=l10n.t("as_of", ctx.lang, day=l10n.day(as_of(ctx), ctx.lang), edition=edition(ctx))
        + l10n.t("sentence_joiner", ctx.lang),
        meta=l10n.t("generated", ctx.lang),
        contents_title=l10n.t("toc", ctx.lang),
        contents=contents,
    )


def not_known(section: Section, lang: str, reason_key: str = "not_known", **fields) -> Section:
    """The form a section takes when the data cannot support it for this incident: the report leaves
    such a section out (registry.kept); the notebook still says why."""
    return section.add(Text(l10n.t(reason_key, lang, **fields), "note not-known"))


def _frame(headers: list[str], rows: list[list]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=headers)


def table_of(headers: list[str], rows: list[list], css: str, widths: tuple[int, ...] = ()) -> Table:
    """A table without the columns no row fills (a column of blanks tells the reader nothing)."""
    frame = _frame(headers, rows)
    keep = [i for i, col in enumerate(frame.columns) if (frame[col].astype(str).str.strip() != "").any()]
    return Table(frame.iloc[:, keep], css, tuple(widths[i] for i in keep) if widths else ())


def events_table(ctx: Context, events: pd.DataFrame) -> Table:
    lang, rows = ctx.lang, []
    for r in events.itertuples():
        rows.append(
            [
                ctx.numbers[r.event_id],
                when(r, lang),
                clock(r, lang),
                l10n.label("actor", r.actor, lang),
                l10n.label("source_kind", r.source_kind, lang),
                title_of(r, lang),
                l10n.join((s for s in (standing(r, lang), corrected(ctx, "events", r.event_id)) if s), lang),
                citing.sources_cell(r, lang),
                "" if pd.isna(r.seed_item) else r.seed_item,
            ]
        )
    headers = [l10n.t(k, lang) for k in ("no", "date", "time", "actor", "kind", "title", "status_col", "link", "item")]
    # the date and time columns hold quantities that never break: as wide as "2024/10/31", "00:02"
    return table_of(headers, rows, "events", (5, 13, 8, 12, 6, 24, 10, 17, 5))


def corrected(ctx: Context, table: str, record_id: str) -> str:
    """'corrected on 5 December 2026' beside a fact whose published value was corrected (its latest
    correction in data/corrections.csv; the annex lists them all); empty for one never corrected."""
    day = ctx.corrected_on(table, record_id)
    return l10n.t("corrected_on", ctx.lang, day=l10n.day(day, ctx.lang)) if day else ""


def with_corrected(cell, ctx: Context, table: str, record_id: str):
    """A source cell with 'corrected on ...' under it when its record was corrected."""
    note = corrected(ctx, table, record_id)
    if not note:
        return cell
    return Lines((*(cell.parts if isinstance(cell, Lines) else (cell,)), note))


def standing(row, lang: str) -> str:
    """How far a fact can be relied on, in words: disputed (and whether its value is the one used),
    not found, and a weak copy of a page."""
    parts = [l10n.label("status", row.status, lang)]
    if row.status == "conflict":
        parts.append(l10n.t("used_value" if row.preferred else "alternative", lang))
    if isinstance(row.flag, str):
        parts.append(l10n.label("flag", row.flag, lang))
    return l10n.join((p for p in parts if p), lang)


def notes_table(ctx: Context) -> Table:
    lang = ctx.lang
    rows = [
        [
            ctx.numbers[r.event_id],
            title_of(r, lang),
            note_of(r, ctx),
            "" if pd.isna(r.source_url_as_printed) else r.source_url_as_printed,
        ]
        for r in ctx.events.itertuples()
        if not pd.isna(note_of(r, ctx)) and r.status == "reported"
    ]
    headers = [l10n.t(k, lang) for k in ("no", "title", "note", "as_printed")]
    return table_of(headers, rows, "notes", (6, 30, 44, 20))


def disputed_table(ctx: Context) -> Table:
    """One row per disputed fact: every value with its pages, the one used, and why."""
    lang, rows = ctx.lang, []
    conflicts = ctx.events[ctx.events["status"] == "conflict"]
    for _, group in conflicts.groupby("conflict_group", sort=False):
        values = [
            Lines(
                (
                    l10n.labelled(" ".join(filter(None, (when(r, lang), clock(r, lang)))), title_of(r, lang), lang),
                    citing.sources_cell(r, lang),
                ),
                inline=True,
            )
            for r in group.itertuples()
        ]
        used = next(group[group["preferred"]].itertuples())
        fact = ctx.milestone_names.get(used.milestone) if isinstance(used.milestone, str) else title_of(used, lang)
        rows.append(
            [
                l10n.labelled(ctx.names[used.incident_id], fact, lang),
                Lines(tuple(values)),
                f"{when(used, lang)} {clock(used, lang)}".strip(),
                note_of(used, ctx),
            ]
        )
    headers = [l10n.t(k, lang) for k in ("fact_col", "values_col", "used_col", "why_col")]
    return Table(_frame(headers, rows), "notes", (18, 42, 12, 28))


def _with_pages(note, row, lang: str):
    """A step's reason with the pages of its row (those that print its words or its dates: claims
    `words` and `when`), linked beside it as a disputed value's are: the reader checks the why where
    it is told."""
    return Lines((note, citing.sources_cell(row, lang)), inline=True) if row.pages else note


def missing_table(ctx: Context) -> Table:
    lang = ctx.lang
    rows = [
        [
            ctx.names[r.incident_id],
            ctx.milestone_names.get(r.milestone, "") if isinstance(r.milestone, str) else "",
            title_of(r, lang),
            l10n.label("status", r.status, lang),
            _with_pages(note_of(r, ctx), r, lang),
        ]
        for r in ctx.events.itertuples()
        if r.status in vocab.UNDATED
    ]
    # Who did it, where no page names anyone (page 1 says so): a gap of the story, listed as one.
    named = set(ctx.data.story.loc[ctx.data.story["aspect"] == "attribution", "incident_id"])
    rows += [
        [ctx.names[i], l10n.t("attribution_aspect", lang), l10n.t("attribution_fact", lang),
         l10n.label("status", "gap", lang), l10n.t("attribution_gap_note", lang)]
        for i in ctx.incidents
        if i not in named
    ]  # fmt: skip
    headers = [l10n.t(k, lang) for k in ("incident", "milestone_col", "fact_col", "status_col", "why_col")]
    return Table(_frame(headers, rows), "notes", (14, 16, 24, 10, 36))


def evidence_table(ctx: Context, events: pd.DataFrame) -> Table:
    """Every page read for a researched fact, with each figure exactly as the page prints it."""
    lang, rows = ctx.lang, []
    for r in events.itertuples():
        for page in r.pages:
            rows.append(
                [
                    ctx.numbers[r.event_id],
                    title_of(r, lang),
                    citing.figures_cell(page, lang),
                    f"{citing.publisher(page, lang)}, {page.published or '—'}",
                    r.checked,
                    citing.link(page.url),
                ]
            )
    headers = [l10n.t(k, lang) for k in ("no", "title", "printed_col", "publisher_col", "checked_col", "link")]
    return table_of(headers, rows, "evidence", (5, 22, 24, 18, 12, 19))


def _by_incident(ctx: Context, table) -> list:
    """The table of the report's events: one under each incident's name that has rows (the
    comparison), or the one table (an incident's report)."""
    blocks = []
    for incident, events in ctx.by_incident(ctx.events):
        built = table(ctx, events)
        if incident is None:
            blocks.append(built)
        elif len(built.frame):
            blocks += [Heading(ctx.names[incident], level=4), built]
    return blocks


def sources_table(ctx: Context) -> Table:
    lang = ctx.lang
    used = set(ctx.events["source_id"]) | set(
        ctx.data.incidents.loc[ctx.data.incidents["incident_id"].isin(ctx.incidents), "source_id"]
    )
    rows = [
        [getattr(r, f"title_{lang}"), l10n.label("source_type", r.kind, lang), r.published, getattr(r, f"note_{lang}")]
        for r in ctx.data.sources.itertuples()
        if r.source_id in used  # only the documents this report's facts rest on
    ]
    headers = [l10n.t(k, lang) for k in ("title", "kind", "date", "note")]
    return Table(_frame(headers, rows), "plain", (30, 10, 12, 48))


def disputed(ctx: Context, section: Section) -> Section:
    lang = ctx.lang
    return section.add(
        Text(l10n.t("disputed_intro", lang)),
        Heading(l10n.t("disputed_facts", lang)),
        disputed_table(ctx),
        Heading(l10n.t("missing_facts", lang)),
        missing_table(ctx),
    )


def kinds_key(lang: str) -> str:
    """What each mark of the Kind column stands for."""
    marks = (f"{l10n.label('source_kind', k, lang)} {l10n.t(f'kind_{k}', lang)}" for k in vocab.SOURCE_KINDS)
    return l10n.t("kinds_key", lang, marks=l10n.t("method_joiner", lang).join(marks))


def sources(ctx: Context, section: Section, *after_events) -> Section:
    """The annex's record: every event's row, then `after_events` (an incident's notes on the
    data's quality), the pages behind each researched row and the source documents."""
    lang = ctx.lang
    section.add(Heading(l10n.t("events_table", lang)), Text(kinds_key(lang), "note"), *_by_incident(ctx, events_table))
    section.add(*after_events)
    section.add(Heading(l10n.t("evidence", lang)), Text(l10n.t("evidence_intro", lang)))
    section.add(*_by_incident(ctx, evidence_table))
    return section.add(Heading(l10n.t("source_documents", lang)), sources_table(ctx))


def method(ctx: Context, section: Section) -> Section:
    lang = ctx.lang
    section.add(*(Text(l10n.t(k, lang)) for k in ("method_term", "method_time", "method_days", "method_about")))
    has_seed = (ctx.events["source_id"] == "seed").any()
    section.add(Text(l10n.t("method_evidence" if has_seed else "method_evidence_research", lang)))
    return section.add(Text(l10n.t("method_conflicts", lang)))


def _own_text(ctx: Context) -> str:
    """Everything the report says of its incidents in the reader's language, lower-cased: the facts'
    titles and notes, the story, the remedies, what was stolen and the order's items."""
    lang = ctx.lang
    parts = [*ctx.events[f"title_{lang}"], *ctx.events[f"note_{lang}"].dropna()]
    for frame, cols in (
        (ctx.data.story, ("text",)),
        (ctx.data.remedies, ("detail", "funded_by")),
        (ctx.data.incidents, ("stolen",)),
        (ctx.data.order_items, ("text",)),
    ):
        rows = _own_rows(ctx, frame)
        for col in cols:
            parts += list(rows[f"{col}_{lang}"].dropna())
    return " ".join(map(str, parts)).lower()


def glossary(ctx: Context, section: Section) -> Section:
    """The catalogue's entries ('term: meaning') for the terms this report uses: an entry is kept
    when one of its words ([glossary_words]) occurs in what the report says of its incidents."""
    words, text = l10n.catalogue(ctx.lang)["glossary_words"], _own_text(ctx)
    entries = [
        entry
        for key, entry in l10n.catalogue(ctx.lang)["glossary"].items()
        if any(w.lower() in text for w in words[key].split("|"))
    ]
    if not entries:
        return not_known(section, ctx.lang, "not_known")
    rows = [re.split(r"[:：]\s*", entry, maxsplit=1) for entry in entries]
    headers = [l10n.t("term_col", ctx.lang), l10n.t("meaning_col", ctx.lang)]
    return section.add(Table(_frame(headers, rows), "plain", (25, 75)))


def limitations(ctx: Context, section: Section) -> Section:
    return section.add(Text(l10n.t("limitations_text", ctx.lang)))


def annex_link(ctx: Context) -> Text:
    """The sentence that sends a reader to the reviewer's annex of this report."""
    href = f"provenance/{ctx.variant}.html"
    text, label = l10n.t("annex_link", ctx.lang), l10n.t("annex_label", ctx.lang)
    return Text(text, "note", Link(href, label))


def _own_rows(ctx: Context, frame: pd.DataFrame) -> pd.DataFrame:
    """The rows of a file keyed by incident (story, incidents, remedies, order items) for this report."""
    return frame[frame["incident_id"].isin(ctx.incidents)]


def _cited_pages(ctx: Context) -> dict[str, tuple]:
    """Every page the report's rows cite, in the order the report first uses them: the events, then
    the story, the incident and the remedy rows; each with its figures (once each)."""
    frames = [ctx.events, *(_own_rows(ctx, f) for f in (ctx.data.story, ctx.data.incidents, ctx.data.remedies))]
    found: dict[str, tuple] = {}
    for frame in frames:
        for pages in frame["pages"]:
            for page in pages:
                _, figures = found.setdefault(page.url, (page, {}))
                figures.update(dict.fromkeys(f.printed for f in page.figures))
    return found


def endnotes(ctx: Context, section: Section) -> Section:
    """The reader's list of sources: each page once, numbered, with its publisher, date, kind, the
    figures it prints as they stand, and its link; the timeline document first when the report uses
    it; and the facts that rest only on blogs, wikis or aggregators, named as such."""
    lang, rows = ctx.lang, []
    if (ctx.events["source_id"] == "seed").any():
        seed = ctx.data.sources.set_index("source_id").loc["seed"]
        rows.append([1, f"{seed[f'title_{lang}']}, {citing.page_date(seed['published'], lang)}", "", ""])
    for page, figures in _cited_pages(ctx).values():
        joined = l10n.t("figure_separator", lang).join(l10n.quoted(f, lang) for f in figures)
        source = l10n.t("endnote_source", lang, publisher=citing.publisher(page, lang),
                        date=citing.page_date(page.published, lang), kind=citing.kind(page, lang))  # fmt: skip
        rows.append([len(rows) + 1, source, joined, citing.link(page.url)])
    headers = [l10n.t(k, lang) for k in ("no", "endnote_source_col", "printed_col", "link")]
    section.add(
        Text(l10n.t("endnotes_intro", lang)),
        annex_link(ctx),
        Table(_frame(headers, rows), "endnotes", (5, 36, 39, 20)),
    )
    weak = [
        l10n.quoted(title_of(r, lang), lang)
        for r in ctx.events.itertuples()
        # a step not found has no fact to rest on a page: its reason's pages are listed beside it
        if r.pages and r.status not in vocab.UNDATED and all(p.kind == vocab.PAGE_KINDS[-1] for p in r.pages)
    ]
    if weak:
        section.add(Text(l10n.t("weak_facts", lang, facts=l10n.join(weak, lang)), "note"))
    return section
