"""Sections and tables both reports have: the opening, disputed and missing facts, the sources."""

from __future__ import annotations

import pandas as pd

from analysis import citing, l10n
from analysis.context import Context
from analysis.model import Front, Heading, Section, Table, Text


def when(row, lang: str) -> str:
    """A fact's day as the reader's language writes it, a month or quarter if that is all, or a dash."""
    if not pd.isna(row.date):
        return l10n.day(row.date.to_timestamp().date(), lang, "short")
    if row.period is not None:
        if row.period.freqstr.startswith("Q"):
            return l10n.t("quarter", lang, year=row.period.year, q=row.period.quarter)
        return l10n.month(row.period.year, row.period.month, lang)
    return "—"


def clock(row, lang: str) -> str:
    """A fact's time of day, marked when its page gives it as approximate."""
    if pd.isna(row.time):
        return ""
    return l10n.about(row.time, lang, bool(row.approximate))


def title_of(row, lang: str) -> str:
    return getattr(row, f"title_{lang}")


def note_of(row, lang: str):
    return getattr(row, f"note_{lang}")


def front(ctx: Context, title: str, subtitle: str, contents: list[tuple[str, str]]) -> Front:
    return Front(
        title=title,
        subtitle=subtitle,
        meta=l10n.t("generated", ctx.lang),
        contents_title=l10n.t("toc", ctx.lang),
        contents=contents,
    )


def not_known(section: Section, lang: str, reason_key: str = "not_known") -> Section:
    """The form a section takes when the data cannot support it for this incident."""
    return section.add(Text(l10n.t(reason_key, lang), "note"))


def _frame(headers: list[str], rows: list[list]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=headers)


def events_table(ctx: Context) -> Table:
    lang, rows, shown = ctx.lang, [], []
    for r in ctx.events.itertuples():
        status = l10n.label("status", r.status, lang)
        if r.status == "conflict":
            which = "used_value" if r.preferred else "alternative"
            status = f"{status} ({l10n.t(which, lang)})"
        title = title_of(r, lang) + (f" [{status}]" if status else "")
        title += f" [{l10n.label('flag', r.flag, lang)}]" if isinstance(r.flag, str) else ""
        rows.append(
            [
                ctx.numbers[r.event_id],
                when(r, lang),
                clock(r, lang),
                l10n.label("actor", r.actor, lang),
                l10n.label("source_kind", r.source_kind, lang),
                title,
                citing.sources_cell(r, lang),
                "" if pd.isna(r.seed_item) else r.seed_item,
            ]
        )
        shown.append(r)
    headers = [l10n.t(k, lang) for k in ("no", "date", "time", "actor", "kind", "title", "link", "seed_item")]
    if ctx.kind == "comparison":
        rows = [[ctx.names[r.incident_id], *row] for r, row in zip(shown, rows)]
        return Table(
            _frame([l10n.t("incident", lang), *headers], rows), "events incident", (10, 4, 11, 7, 10, 5, 27, 20, 6)
        )
    return Table(_frame(headers, rows), "events", (4, 11, 7, 12, 6, 33, 21, 6))


def notes_table(ctx: Context) -> Table:
    lang = ctx.lang
    rows = [
        [
            ctx.numbers[r.event_id],
            title_of(r, lang),
            note_of(r, lang),
            "" if pd.isna(r.source_url_as_printed) else r.source_url_as_printed,
        ]
        for r in ctx.events.itertuples()
        if not pd.isna(note_of(r, lang)) and r.status == "reported"
    ]
    headers = [l10n.t(k, lang) for k in ("no", "title", "note", "as_printed")]
    return Table(_frame(headers, rows), "notes", (6, 30, 44, 20))


def disputed_table(ctx: Context) -> Table:
    """One row per disputed fact: every value with its pages, the one used, and why."""
    lang, rows = ctx.lang, []
    conflicts = ctx.events[ctx.events["status"] == "conflict"]
    for _, group in conflicts.groupby("conflict_group", sort=False):
        values = [
            citing.Markup("{0} {1}: {2} {3}").format(
                when(r, lang), clock(r, lang), title_of(r, lang), citing.sources_cell(r, lang)
            )
            for r in group.itertuples()
        ]
        used = next(group[group["preferred"]].itertuples())
        fact = ctx.milestone_names.get(used.milestone) if isinstance(used.milestone, str) else title_of(used, lang)
        rows.append(
            [
                f"{ctx.names[used.incident_id]}: {fact}",
                citing.Markup("<br/>").join(values),
                f"{when(used, lang)} {clock(used, lang)}".strip(),
                note_of(used, lang),
            ]
        )
    headers = [l10n.t(k, lang) for k in ("fact_col", "values_col", "used_col", "why_col")]
    return Table(_frame(headers, rows), "notes", (18, 42, 12, 28))


def missing_table(ctx: Context) -> Table:
    lang = ctx.lang
    rows = [
        [
            ctx.names[r.incident_id],
            ctx.milestone_names.get(r.milestone, "") if isinstance(r.milestone, str) else "",
            title_of(r, lang),
            l10n.label("status", r.status, lang),
            note_of(r, lang),
        ]
        for r in ctx.events.itertuples()
        if r.status in ("gap", "never")
    ]
    headers = [l10n.t(k, lang) for k in ("incident", "milestone_col", "fact_col", "status_col", "why_col")]
    return Table(_frame(headers, rows), "notes", (14, 16, 24, 10, 36))


def evidence_table(ctx: Context) -> Table:
    """Every page read for a researched fact, with each figure exactly as the page prints it."""
    lang, rows, incidents = ctx.lang, [], []
    for r in ctx.events.itertuples():
        for page in r.pages:
            incidents.append(ctx.names[r.incident_id])
            rows.append(
                [
                    ctx.numbers[r.event_id],
                    title_of(r, lang),
                    citing.figures_cell(page, lang),
                    f"{page.publisher}, {page.published or '—'}",
                    r.checked,
                    citing.link(page.url),
                ]
            )
    headers = [l10n.t(k, lang) for k in ("no", "title", "printed_col", "publisher_col", "checked_col", "link")]
    if ctx.kind == "comparison":
        rows = [[name, *row] for name, row in zip(incidents, rows)]
        return Table(
            _frame([l10n.t("incident", lang), *headers], rows), "evidence incident", (10, 5, 17, 22, 15, 11, 20)
        )
    return Table(_frame(headers, rows), "evidence", (5, 21, 24, 18, 11, 21))


def sources_table(ctx: Context) -> Table:
    lang = ctx.lang
    rows = [
        [
            r.source_id,
            l10n.label("source_type", r.kind, lang),
            r.title,
            r.published,
            r.location,
            getattr(r, f"note_{lang}"),
        ]
        for r in ctx.data.sources.itertuples()
    ]
    headers = [l10n.t(k, lang) for k in ("source_id_col", "kind", "title", "date", "location_col", "note")]
    return Table(_frame(headers, rows), "plain", (10, 8, 22, 10, 18, 32))


def disputed(ctx: Context, section: Section) -> Section:
    lang = ctx.lang
    return section.add(
        Text(l10n.t("disputed_intro", lang)),
        Heading(l10n.t("disputed_facts", lang)),
        disputed_table(ctx),
        Heading(l10n.t("missing_facts", lang)),
        missing_table(ctx),
    )


def sources(ctx: Context, section: Section) -> Section:
    lang = ctx.lang
    section.add(Heading(l10n.t("events_table", lang)), events_table(ctx))
    if ctx.kind == "incident":
        section.add(Heading(l10n.t("quality_notes", lang)), notes_table(ctx))
    return section.add(
        Heading(l10n.t("evidence", lang)),
        Text(l10n.t("evidence_intro", lang)),
        evidence_table(ctx),
        Heading(l10n.t("source_documents", lang)),
        sources_table(ctx),
    )
