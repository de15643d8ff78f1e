"""The sections of the comparison: several thefts side by side, each cell from one definition."""

from __future__ import annotations

import pandas as pd

from analysis import l10n
from analysis.measures.durations import first_day_clock, milestones
from analysis.report import citing, story
from analysis.report.cells import Lines, Link
from analysis.report.common import annex_link, clock, not_known, note_of, remedy_extent, seed_ref, when, with_corrected
from analysis.report.context import ComparisonContext as Context
from analysis.report.model import Section, Table, Text

# An hour scale says something only with several timed facts on the theft's day.
FIRST_DAY_MIN_FACTS = 3


def title(ctx: Context) -> str:
    return l10n.t("comparison_title", ctx.lang)


def subtitle(ctx: Context) -> str:
    return l10n.t("comparison_subtitle", ctx.lang)


def incidents(ctx: Context, section: Section) -> Section:
    """The thefts compared, largest first by the value stolen at the time in US dollars."""
    lang = ctx.lang
    inc = {r.incident_id: r for r in ctx.data.incidents.itertuples()}
    rows = [
        [
            ctx.names[i],
            getattr(inc[i], f"exchange_{lang}"),
            getattr(inc[i], f"stolen_{lang}"),
            citing.value_text(ctx.data, i, lang),
            _sources(ctx, inc[i]),
        ]
        for i in ctx.incidents
    ]
    headers = [l10n.t(k, lang) for k in ("incident", "exchange_col", "stolen_col", "value_col", "source_col")]
    return section.add(
        Text(l10n.t("incidents_intro", lang)),
        Table(pd.DataFrame(rows, columns=headers), "plain", (16, 15, 29, 14, 26)),
    )


def _sources(ctx: Context, row) -> Lines:
    """What the row rests on: the pages of what was stolen (or the timeline document), then the pages
    that print its dollar value where they are others (Coincheck's is The Japan Times' conversion)."""
    lang = ctx.lang
    stolen = citing.sources_cell(row, lang) if row.source_url else Lines((l10n.t("seed_short", lang),))
    shown = {part.href for part in stolen.parts if isinstance(part, Link)}
    value = citing.page_links(
        tuple(p for p in citing.value_pages(ctx.data, row.incident_id) if p.url not in shown), lang
    )
    return with_corrected(Lines(stolen.parts + value.parts), ctx, "incidents", row.incident_id)


def definitions(ctx: Context, section: Section) -> Section:
    """The one definition behind each column of the comparison (data/milestones.csv)."""
    lang, names = ctx.lang, ctx.milestone_names
    vocabulary = ctx.data.milestones.set_index("milestone")
    rows = [[names["leak"], vocabulary.loc["leak", f"definition_{lang}"], ""]]
    for m in ctx.data.compared:
        parts = ctx.data.measures.get(m, ())
        made_of = l10n.t("earliest_of", lang, parts=l10n.join((names[p] for p in parts), lang)) if parts else ""
        rows.append([names[m], vocabulary.loc[m, f"definition_{lang}"], made_of])
    headers = [l10n.t(k, lang) for k in ("milestone_col", "definition_col", "parts_col")]
    return section.add(
        Text(l10n.t("definitions_intro", lang)), Table(pd.DataFrame(rows, columns=headers), "plain", (20, 55, 25))
    )


def _cell(row, lang: str, numbers: dict[str, int]) -> str:
    """A comparison cell; 'No. n' is the row of the sources table it rests on."""
    ref = l10n.t("ref_no", lang, n=numbers[row["event_id"]]) if isinstance(row["event_id"], str) else ""
    if row["state"] == "known":
        # a count in another zone's dates reaches that zone's date: it is marked as such (Bitfinex)
        day = l10n.zoned_day(pd.Timestamp(row["date"]).date(), row["date_zone"], lang, bracketed=True, style="short")
        return l10n.paren(l10n.since(row, lang), day, lang) + ref
    if row["state"] == "range":
        return f"{l10n.since(row, lang)}{ref}"
    return l10n.label("state", row["state"], lang) + ref


def _theft(ctx: Context, incident: str) -> str:
    """The day (and time) everything in the row is counted from, with its row."""
    theft = milestones(ctx.data.events, incident).get("leak")
    if theft is None:
        return l10n.label("state", "not_recorded", ctx.lang)
    ref = l10n.t("ref_no", ctx.lang, n=ctx.numbers[theft.event_id])
    if not theft.known:
        return l10n.label("state", theft.status, ctx.lang) + ref
    row = next(ctx.events[ctx.events["event_id"] == theft.event_id].itertuples())
    return " ".join(filter(None, (when(row, ctx.lang), clock(row, ctx.lang)))) + ref


def since_theft(ctx: Context, section: Section) -> Section:
    lang, names = ctx.lang, list(dict.fromkeys(ctx.table["milestone"]))
    rows = []
    for incident in ctx.incidents:
        sub = ctx.table[ctx.table["incident_id"] == incident].set_index("milestone")
        rows.append(
            [ctx.names[incident], _theft(ctx, incident), *(_cell(sub.loc[m], lang, ctx.numbers) for m in names)]
        )
    headers = [l10n.t("incident", lang), ctx.milestone_names["leak"], *(ctx.milestone_names[m] for m in names)]
    # "since": eight columns of quantities that never break, set smaller to fit the printed page
    return section.add(
        Table(pd.DataFrame(rows, columns=headers), "plain since"), Text(l10n.t("since_note", lang), "note")
    )


def remedies(ctx: Context, section: Section) -> Section:
    lang = ctx.lang
    rem = {r.incident_id: r for r in ctx.data.remedies.itertuples()}
    announced = {r.event_id: r.pages for r in ctx.data.events.itertuples()}
    rows = []
    for i in ctx.incidents:
        if i not in rem:
            decided = milestones(ctx.data.events, i).get("remedy_decided")
            if decided is not None and decided.status == "not_applicable":  # nothing to make good, and why
                row = next(ctx.events[ctx.events["event_id"] == decided.event_id].itertuples())
                rows.append([ctx.names[i], l10n.t("no_remedy_needed", lang), "", note_of(row, ctx), "", ""])
            else:
                rows.append([ctx.names[i], l10n.label("state", "not_recorded", lang), "", "", "", ""])
            continue
        r = rem[i]
        if r.source_id == "seed":
            source = seed_ref(r.seed_item, lang)
        else:
            # The remedy's own figures, then the pages of the event that announced it.
            source = citing.page_links(tuple(dict.fromkeys((*r.pages, *announced.get(r.event_id, ())))), lang)
        rows.append(
            [
                ctx.names[i],
                remedy_extent(r, lang),
                l10n.label("method", r.method, lang) if r.method else "",
                l10n.sentence_start(getattr(r, f"detail_{lang}")),
                getattr(r, f"funded_by_{lang}"),
                source,
            ]
        )
    headers = [
        l10n.t(k, lang) for k in ("incident", "extent_col", "method_col", "detail_col", "funded_col", "source_col")
    ]
    return section.add(Table(pd.DataFrame(rows, columns=headers), "plain", (13, 10, 9, 30, 16, 22)))


def first_day_incidents(ctx: Context) -> list[str]:
    """The incidents whose theft has a time of day and several timed facts on its first day."""
    events, chosen = ctx.data.events, []
    for incident in ctx.incidents:
        facts = first_day_clock(events, incident)  # the same rule as the chart's: no section left empty
        if facts is not None and len(facts) >= FIRST_DAY_MIN_FACTS:
            chosen.append(incident)
    return chosen


def first_day(ctx: Context, section: Section) -> Section:
    chosen = first_day_incidents(ctx)
    if not chosen:
        return not_known(section, ctx.lang, "not_known_first_day")
    # clocks set one under another share a scale (charts.first_days_of): the reader is told so
    return section.add(Text(l10n.t("first_day_same_scale", ctx.lang))) if len(chosen) > 1 else section


def endnotes(ctx: Context, section: Section) -> Section:
    """The comparison's sources are each theft's own: a link to its report, which lists them."""
    lang = ctx.lang
    rows = [
        [ctx.names[i], citing.link_to(f"{i}-{lang}.html", story.report_title(ctx, i, ctx.names[i]))]
        for i in ctx.incidents
    ]
    headers = [l10n.t("incident", lang), l10n.t("report_col", lang)]
    return section.add(
        Text(l10n.t("comparison_endnotes_intro", lang)),
        Table(pd.DataFrame(rows, columns=headers), "plain", (40, 60)),
        annex_link(ctx),
    )
