"""The reviewer's annex (reports/provenance/<variant>.html): every number and fact of the report
with the data file and line it comes from, and where each source is kept."""

from __future__ import annotations

from datetime import date

import pandas as pd

from analysis import l10n
from analysis.report import citing
from analysis.report.context import Context, IncidentContext
from analysis.report.incident import key_fact_rows
from analysis.report.model import Heading, Section, Table, Text


def provenance(ctx: Context, section: Section, *first) -> Section:
    """Every file and line behind the report, for a reviewer: kept out of the body. `first` comes
    before the events' rows (an incident's key numbers with theirs)."""
    lang = ctx.lang
    section.add(Text(l10n.t("provenance_intro", lang), "note"), *first)
    rows = [
        [
            ctx.numbers[r.event_id],
            r.event_id,
            f"events.csv:{line}",
            r.source_id,
            "" if pd.isna(r.seed_item) else r.seed_item,
        ]
        for line, r in zip(ctx.events.index, ctx.events.itertuples())
    ]
    headers = [l10n.t(k, lang) for k in ("no", "event_id_col", "line_col", "source_id_col", "seed_item")]
    section.add(
        Heading(l10n.t("events_rows", lang)),
        Table(pd.DataFrame(rows, columns=headers), "provenance", (8, 40, 20, 16, 16)),
    )
    section.add(*corrections(ctx))
    rows = [[r.source_id, getattr(r, f"title_{lang}"), r.location] for r in ctx.data.sources.itertuples()]
    headers = [l10n.t(k, lang) for k in ("source_id_col", "title", "location_col")]
    return section.add(
        Heading(l10n.t("sources_files", lang)), Table(pd.DataFrame(rows, columns=headers), "provenance", (15, 45, 40))
    )


def corrections(ctx: Context) -> list:
    """Every correction of what the report shows (data/corrections.csv), newest first: the value
    before and after, why, and the page behind the new value. Nothing when there is none."""
    lang, found = ctx.lang, ctx.corrections
    if found.empty:
        return []
    rows = [
        [
            l10n.day(date.fromisoformat(r.date), lang),
            f"{r.table}.csv: {r.record_id}",
            r.column,
            r.old_value or "—",
            r.new_value or "—",
            getattr(r, l10n.column("why", lang)),
            citing.link(r.source_url),
        ]
        for r in found.itertuples()
    ]
    headers = [
        l10n.t(k, lang) for k in ("date", "record_col", "column_col", "before_col", "after_col", "why_col", "link")
    ]
    return [
        Heading(l10n.t("corrections_rows", lang)),
        Text(l10n.t("corrections_intro", lang), "note"),
        Table(pd.DataFrame(rows, columns=headers), "provenance", (11, 17, 9, 17, 17, 19, 10)),
    ]


def incident_provenance(ctx: IncidentContext, section: Section) -> Section:
    """The annex's rows for one incident's report, its key numbers first, each with its rows."""
    lang = ctx.lang
    rows = [[fact, value, refs] for fact, value, _, refs in key_fact_rows(ctx)]
    headers = [l10n.t(k, lang) for k in ("fact", "value", "rows_col")]
    numbers = Table(pd.DataFrame(rows, columns=headers), "plain", (30, 35, 35))
    return provenance(ctx, section, Heading(l10n.t("numbers_rows", lang)), numbers)
