"""What the comparison notebook shows: several thefts side by side, with what is unknown named."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
from IPython.display import HTML

from analysis import charts, markup, tables
from analysis.durations import milestones, since_theft
from analysis.labels import day_text, t, value_label
from analysis.loading import Dataset, load_dataset
from analysis.markup import esc, figure_html, page_links, sources_cell, table
from analysis.params import COMPARISON_DEFAULTS, check_comparison_values, check_data_dir, check_names

SECTIONS = ("incidents", "definitions", "since_theft", "remedies", "first_day", "disputed", "sources")


@dataclass(frozen=True)
class Context:
    data: Dataset
    incidents: tuple[str, ...]
    lang: str
    table: pd.DataFrame

    @property
    def names(self) -> dict[str, str]:
        return self.data.incident_names(self.lang)

    @property
    def numbers(self) -> dict[str, int]:
        return tables.event_numbers(self.events)

    @property
    def milestone_names(self) -> dict[str, str]:
        return self.data.milestone_names(self.lang)

    @property
    def events(self) -> pd.DataFrame:
        ev = self.data.events[self.data.events["incident_id"].isin(self.incidents)]
        order = {incident: i for i, incident in enumerate(self.incidents)}
        return ev.sort_values("incident_id", key=lambda s: s.map(order), kind="stable")


def prepare(**params) -> Context:
    check_names(params, tuple(COMPARISON_DEFAULTS))
    data = load_dataset(check_data_dir(params.get("data_dir")))
    p = check_comparison_values(params, data)
    incidents = tuple(p["incidents"])
    return Context(data, incidents, p["lang"], since_theft(data.events, incidents, data.compared, data.measures))


def title(ctx: Context) -> HTML:
    return markup.title(ctx.lang, "comparison_title", "comparison_subtitle")


def toc(ctx: Context) -> HTML:
    return markup.toc(SECTIONS, ctx.lang)


def heading(ctx: Context, section: str) -> HTML:
    return markup.heading(SECTIONS, section, ctx.lang)


def incidents(ctx: Context) -> HTML:
    lang = ctx.lang
    inc = {r.incident_id: r for r in ctx.data.incidents.itertuples()}
    rows = [
        [
            ctx.names[i],
            inc[i].exchange,
            inc[i].stolen_ja if lang == "ja" else inc[i].stolen_en,
            sources_cell(inc[i], lang) if inc[i].source_url else inc[i].source_id,
        ]
        for i in ctx.incidents
    ]
    headers = [t("incident", lang), t("exchange_col", lang), t("stolen_col", lang), t("source_col", lang)]
    return HTML(table(headers, rows, "plain", [20, 18, 30, 32]))


def definitions(ctx: Context) -> HTML:
    """The one definition behind each column of the comparison (data/milestones.csv)."""
    lang, names = ctx.lang, ctx.milestone_names
    vocabulary = ctx.data.milestones.set_index("milestone")
    rows = [[names["leak"], vocabulary.loc["leak", f"definition_{lang}"], ""]]
    for m in ctx.data.compared:
        parts = ctx.data.measures.get(m, ())
        made_of = t("earliest_of", lang, parts=t("list_separator", lang).join(names[p] for p in parts)) if parts else ""
        rows.append([names[m], vocabulary.loc[m, f"definition_{lang}"], made_of])
    out = f"<p>{esc(t('definitions_intro', lang))}</p>"
    return HTML(
        out
        + table(
            [t("milestone_col", lang), t("definition_col", lang), t("parts_col", lang)], rows, "plain", [20, 55, 25]
        )
    )


def _value(row, lang: str, numbers: dict[str, int]) -> str:
    """A cell of the comparison table; 'No. n' is the row of the sources table it rests on."""
    ref = f" [{t('no', lang)} {numbers[row['event_id']]}]" if isinstance(row["event_id"], str) else ""
    if row["state"] == "known":
        days = charts.days_label(int(row["days"]), lang)
        if pd.notna(row["hours"]):
            days += f" ({float(row['hours']):.1f} h)" if lang == "en" else f"({float(row['hours']):.1f}時間)"
        return f"{days}, {row['date']}{ref}"
    if row["state"] == "range":
        low, high = charts.days_label(int(row["days_min"]), lang), charts.days_label(int(row["days_max"]), lang)
        return f"{low} – {high}{ref}"
    return value_label("state", row["state"], lang) + ref


def _theft(ctx: Context, incident: str) -> str:
    """The day (and time) everything in the row is counted from, with its row."""
    theft = milestones(ctx.data.events, incident).get("leak")
    if theft is None:
        return value_label("state", "not_recorded", ctx.lang)
    ref = f" [{t('no', ctx.lang)} {ctx.numbers[theft.event_id]}]"
    if theft.day is None:
        return value_label("state", theft.status, ctx.lang) + ref
    return f"{theft.day}" + (f" {theft.timestamp:%H:%M}" if theft.timestamp is not None else "") + ref


def since_theft_section(ctx: Context) -> HTML:
    lang = ctx.lang
    names = list(dict.fromkeys(ctx.table["milestone"]))
    rows = []
    for incident in ctx.incidents:
        sub = ctx.table[ctx.table["incident_id"] == incident].set_index("milestone")
        rows.append(
            [ctx.names[incident], _theft(ctx, incident), *(_value(sub.loc[m], lang, ctx.numbers) for m in names)]
        )
    headers = [t("incident", lang), ctx.milestone_names["leak"], *(ctx.milestone_names[m] for m in names)]
    fig = charts.since_theft(ctx.table, ctx.names, lang, ctx.milestone_names)
    out = figure_html(fig, t("since_chart_title", lang))
    out += table(headers, rows, "plain")
    note = {
        "ja": "日数は盗難日から数えた暦日(両方の時刻が分かる場合は時間も)。各欄の定義は前節のとおり。"
        "「不明」は資料を探して見つからなかったもの、「記録なし」はデータに行がないもの。",
        "en": "Days are calendar days from the day of the theft (with hours when both times are known). Each column "
        "follows the definition in the previous section. 'Not found' was searched for without success; "
        "'not recorded' has no row in the data.",
    }[lang]
    return HTML(out + f'<p class="note">{esc(note)}</p>')


def remedies(ctx: Context) -> HTML:
    lang = ctx.lang
    rem = {r.incident_id: r for r in ctx.data.remedies.itertuples()}
    announced = {r.event_id: r.pages for r in ctx.data.events.itertuples()}
    rows = []
    for i in ctx.incidents:
        if i not in rem:
            rows.append([ctx.names[i], value_label("state", "not_recorded", lang), "", "", ""])
            continue
        r = rem[i]
        if r.source_id == "seed":
            source = f"{r.source_id} ({t('seed_item', lang)} {r.seed_item})"
        else:
            # The remedy's own figures, then the pages of the event that announced it.
            pages = tuple(dict.fromkeys((*r.pages, *announced.get(r.event_id, ()))))
            source = page_links(pages, lang)
        rows.append(
            [
                ctx.names[i],
                value_label("method", r.method, lang),
                getattr(r, f"detail_{lang}"),
                getattr(r, f"funded_by_{lang}"),
                source,
            ]
        )
    headers = [
        t("incident", lang),
        t("method_col", lang),
        t("detail_col", lang),
        t("funded_col", lang),
        t("source_col", lang),
    ]
    return HTML(table(headers, rows, "plain", [14, 10, 34, 18, 24]))


def first_day(ctx: Context) -> HTML:
    """The first day on an hour scale, for every selected incident whose theft has a time of day."""
    out = ""
    events = ctx.data.events
    for incident in ctx.incidents:
        theft = milestones(events, incident).get("leak")
        if theft is None or theft.timestamp is None:
            continue
        same_day = events[(events["incident_id"] == incident) & (events["timestamp"].dt.date == theft.day)]
        if len(same_day) < 3:
            continue  # an hour scale says something only with several timed facts on the theft's day
        name = ctx.names[incident]
        fig = charts.first_day(events, incident, name, ctx.lang, ctx.milestone_names)
        out += figure_html(fig, t("first_day_chart_title", ctx.lang, name=name, day=day_text(theft.day, ctx.lang)))
    if not out:
        out = f"<p>{esc(value_label('state', 'gap', ctx.lang))}</p>"
    return HTML(out)


def disputed(ctx: Context) -> HTML:
    lang = ctx.lang
    out = f"<p>{esc(t('disputed_intro', lang))}</p>"
    mnames = ctx.milestone_names
    out += f"<h3>{esc(t('disputed_facts', lang))}</h3>" + tables.disputed_table(ctx.events, lang, mnames, ctx.names)
    out += f"<h3>{esc(t('missing_facts', lang))}</h3>" + tables.missing_table(ctx.events, lang, mnames, ctx.names)
    return HTML(out)


def sources(ctx: Context) -> HTML:
    lang = ctx.lang
    out = f"<h3>{esc(t('events_table', lang))}</h3>" + tables.events_table(ctx.events, lang, ctx.numbers, ctx.names)
    out += f"<h3>{esc(t('evidence', lang))}</h3><p>{esc(t('evidence_intro', lang))}</p>"
    out += tables.evidence_table(ctx.events, lang, ctx.numbers, ctx.names)
    return HTML(out + tables.sources_list(ctx.data.sources, lang))
