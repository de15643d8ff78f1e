"""What the report notebooks show: sections, tables and figures as escaped HTML, in one language.

The notebooks only call these functions; every number shown is computed here from data rows, and
each key fact names the rows it rests on.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

import pandas as pd
from IPython.display import HTML

from analysis import charts, markup, tables, vocab
from analysis.compensation import CompensationFigures, compensation_figures
from analysis.durations import chain_durations, milestones, since_theft
from analysis.labels import day_text, t, value_label
from analysis.loading import Dataset, load_dataset
from analysis.markup import esc, figure_html, sources_cell, table
from analysis.params import check_data_dir, check_names, check_values

SECTIONS = (
    "key_facts",
    "first_day",
    "timeline",
    "chain",
    "compensation",
    "order_items",
    "later",
    "disputed",
    "sources",
)


@dataclass(frozen=True)
class Context:
    data: Dataset
    incident_id: str
    lang: str
    chain: tuple[str, ...]
    asset: str
    durations: pd.DataFrame
    figures: CompensationFigures

    @property
    def events(self) -> pd.DataFrame:
        """Every row of the incident: the seed's, the research's, alternatives and gaps."""
        return self.data.events[self.data.events["incident_id"] == self.incident_id]

    @property
    def seed_events(self) -> pd.DataFrame:
        return self.events[self.events["source_id"] == "seed"]

    @property
    def numbers(self) -> dict[str, int]:
        return tables.event_numbers(self.events)

    @property
    def milestone_names(self) -> dict[str, str]:
        return self.data.milestone_names(self.lang)

    @property
    def later(self) -> list[str]:
        """Milestones after the seed's period: those the vocabulary puts after the yen's resumption."""
        order = self.data.event_milestones
        return order[order.index(vocab.LATER_THAN) + 1 :]


def prepare(**params) -> Context:
    """Check the parameters against the data, load it and compute what the report shows."""
    check_names(params)
    data = load_dataset(check_data_dir(params.get("data_dir")))
    p = check_values(params, data)
    return Context(
        data=data,
        incident_id=p["incident_id"],
        lang=p["lang"],
        chain=tuple(p["chain"]),
        asset=p["asset"],
        durations=chain_durations(data.events, p["incident_id"], p["chain"]),
        figures=compensation_figures(data.compensation, p["incident_id"], p["asset"]),
    )


def _num(x: Decimal | int, places: int = 0) -> str:
    return f"{x:,.{places}f}"


# -- sections ----------------------------------------------------------------------------------


def title(ctx: Context) -> HTML:
    return markup.title(ctx.lang, "report_title", "subtitle")


def toc(ctx: Context) -> HTML:
    return markup.toc(SECTIONS, ctx.lang)


def heading(ctx: Context, section: str) -> HTML:
    return markup.heading(SECTIONS, section, ctx.lang)


def _fact_ref(ctx: Context, fact: str) -> str:
    f = ctx.figures.facts[fact]
    return f"compensation.csv:{f.line} (seed {f.seed_item})"


def key_facts(ctx: Context) -> HTML:
    f, lang = ctx.figures, ctx.lang
    approx = t("approx", lang) + " "
    ja = lang == "ja"
    yen = (lambda v: f"{v}円") if ja else (lambda v: f"JPY {v}")
    oku = lambda v: f"({_num(v / 100_000_000, 1)}億円)" if ja else f"({_num(v / 1_000_000_000, 2)} bn)"
    unit_price = (lambda v: f"{v} 円/{f.asset}") if ja else (lambda v: f"JPY {v} per {f.asset}")
    rows = [
        [t("stolen", lang), f"{_num(f.units_stolen)} {f.asset} (NEM)", _fact_ref(ctx, "units_stolen")],
        [
            t("reported_loss", lang),
            approx + yen(_num(f.reported_loss_jpy)) + " " + oku(f.reported_loss_jpy),
            _fact_ref(ctx, "reported_loss_jpy"),
        ],
        [
            t("holders", lang),
            approx + (f"{_num(f.holders)}人" if ja else f"{_num(f.holders)} people"),
            _fact_ref(ctx, "holders"),
        ],
        [t("price_paid", lang), unit_price(f.price_per_unit_jpy), _fact_ref(ctx, "price_per_unit")],
        [
            t("total_paid", lang),
            yen(_num(f.total_paid_jpy)) + " " + oku(f.total_paid_jpy),
            "units_stolen × price_per_unit",
        ],
        [
            t("implied_price", lang),
            approx + unit_price(f"{f.implied_price_jpy:.3f}"),
            "reported_loss_jpy ÷ units_stolen",
        ],
        [t("ratio", lang), approx + f"{f.paid_to_reported_ratio * 100:.1f}%", "total_paid ÷ reported_loss_jpy"],
        [t("per_holder", lang), approx + yen(_num(f.average_per_holder_jpy)), "total_paid ÷ holders"],
        [
            t("window", lang),
            f"{f.window_start:%Y-%m-%d %H:%M} – {f.window_end:%Y-%m-%d %H:%M} JST "
            f"({f.window_hours:.2f} {'時間' if ja else 'hours'})",
            _fact_ref(ctx, "price_window_start") + ", " + _fact_ref(ctx, "price_window_end"),
        ],
    ]
    found = milestones(ctx.data.events, ctx.incident_id)
    line_of = {eid: int(line) for line, eid in zip(ctx.data.events.index, ctx.data.events["event_id"])}
    names = ctx.milestone_names
    for _, r in ctx.durations.iterrows():
        name = (t("total", lang) + ": ") * (r["step"] == "total") + f"{names[r['from']]} → {names[r['to']]}"
        value = charts.days_text(r["calendar_days"], r["business_days"], lang)
        refs = ", ".join(f"events.csv:{line_of[found[m].event_id]}" for m in (r["from"], r["to"]))
        rows.append([name, value, refs])
    return HTML(
        table([t("fact", lang), t("value", lang), t("basis", lang)], rows, "facts")
        + f'<p class="note">{esc(t("approx_note", lang))}</p>'
    )


def timeline_figure(ctx: Context) -> HTML:
    fig = charts.timeline(ctx.seed_events, ctx.lang, ctx.chain, ctx.numbers, ctx.events, ctx.milestone_names)
    return HTML(figure_html(fig, t("timeline_chart_title", ctx.lang)))


def chain_table(ctx: Context) -> HTML:
    lang = ctx.lang
    rows = []
    for _, r in ctx.durations.iterrows():
        prefix = t("total", lang) + ": " if r["step"] == "total" else ""
        rows.append(
            [
                prefix + ctx.milestone_names[r["from"]],
                ctx.milestone_names[r["to"]],
                r["from_date"],
                r["to_date"],
                r["calendar_days"],
                r["business_days"],
                "—" if pd.isna(r["hours"]) else f"{r['hours']:.2f}",
            ]
        )
    headers = [t(k, lang) for k in ("from", "to", "from_date", "to_date", "calendar_days", "business_days", "hours")]
    out = table(headers, rows, "numbers")
    found = milestones(ctx.data.events, ctx.incident_id)
    if "report_deadline" in found and "report" in found:
        deadline, report = found["report_deadline"].day, found["report"].day
        out += (
            f"<p>{esc(t('deadline_met', lang, deadline=deadline, report=report, slack=(deadline - report).days))}</p>"
        )
    out += f'<p class="note">{esc(t("bd_note", lang))}</p>'
    fig = charts.milestone_chain(ctx.data.events, ctx.durations, lang, ctx.milestone_names)
    return HTML(out + figure_html(fig, t("chain_chart_title", lang)))


def compensation_section(ctx: Context) -> HTML:
    f, lang = ctx.figures, ctx.lang
    facts = f.facts
    method = t(
        "method_text",
        lang,
        market=facts["reference_market"].value,
        currency=facts["payout_currency"].value,
        funding=value_label("funding_source", facts["funding_source"].value, lang),
    )
    out = f"<p><strong>{esc(t('method', lang))}:</strong> {esc(method)}</p>"
    out += figure_html(charts.compensation(f, lang), t("comp_chart_title", lang))
    out += figure_html(charts.price_window(f, ctx.events, lang), t("window_chart_title", lang))
    return HTML(out)


def order_items(ctx: Context) -> HTML:
    items = ctx.data.order_items[ctx.data.order_items["incident_id"] == ctx.incident_id]
    col = "text_ja" if ctx.lang == "ja" else "text_en"
    rows = [
        [f"({r.item_no})", getattr(r, col), "" if pd.isna(r.deadline) else str(r.deadline)] for r in items.itertuples()
    ]
    return HTML(table([t("item", ctx.lang), t("text", ctx.lang), t("deadline", ctx.lang)], rows, "order"))


def first_day(ctx: Context) -> HTML:
    lang = ctx.lang
    table_ = since_theft(ctx.data.events, [ctx.incident_id], vocab.FIRST_DAY[1:])
    found = milestones(ctx.data.events, ctx.incident_id)
    rows = [
        [
            ctx.milestone_names[r["milestone"]],
            f"{found[r['milestone']].timestamp:%H:%M}",
            f"{r['hours']:.2f}",
        ]
        for _, r in table_.iterrows()
        if r["state"] == "known" and pd.notna(r["hours"])
    ]
    theft = found["leak"]
    out = f"<p>{esc(ctx.milestone_names['leak'])}: {theft.day} {theft.timestamp:%H:%M} JST</p>"
    out += table([t("milestone_col", lang), t("time", lang), t("hours_after", lang)], rows, "numbers")
    out += f'<p class="note">{esc(t("secondary_note", lang))}</p>'
    name = ctx.data.incident_names(lang)[ctx.incident_id]
    fig = charts.first_day(ctx.data.events, ctx.incident_id, name, lang, ctx.milestone_names)
    title = t("first_day_chart_title", lang, name=name, day=day_text(theft.day, lang))
    return HTML(out + figure_html(fig, title))


def later_table(ctx: Context) -> pd.DataFrame:
    """Days from the theft to each later milestone the incident has a row for (gaps included)."""
    found = milestones(ctx.data.events, ctx.incident_id)
    return since_theft(ctx.data.events, [ctx.incident_id], [m for m in ctx.later if m in found])


def later(ctx: Context) -> HTML:
    lang = ctx.lang
    table_ = later_table(ctx)
    rows = []
    for _, r in table_.iterrows():
        if r["state"] == "known":
            value = charts.days_label(int(r["days"]), lang)
        elif r["state"] == "range":
            value = f"{charts.days_label(int(r['days_min']), lang)} – {charts.days_label(int(r['days_max']), lang)}"
        else:
            value = value_label("state", r["state"], lang)
        rows.append(
            [
                ctx.milestone_names[r["milestone"]],
                r["date"] or r["period"] or "—",
                value,
                sources_cell(next(ctx.events[ctx.events["event_id"] == r["event_id"]].itertuples()), lang),
            ]
        )
    out = table(
        [t("milestone_col", lang), t("date", lang), t("days_col", lang), t("source_col", lang)],
        rows,
        "plain",
        [28, 14, 18, 40],
    )
    out += f'<p class="note">{esc(t("secondary_note", lang))}</p>'
    fig = charts.later_milestones(table_, lang, ctx.milestone_names)
    return HTML(out + figure_html(fig, t("later_chart_title", lang)))


def disputed(ctx: Context) -> HTML:
    lang = ctx.lang
    out = f"<p>{esc(t('disputed_intro', lang))}</p>"
    names = ctx.data.incident_names(lang)
    mnames = ctx.milestone_names
    out += f"<h3>{esc(t('disputed_facts', lang))}</h3>" + tables.disputed_table(ctx.events, lang, mnames, names)
    out += f"<h3>{esc(t('missing_facts', lang))}</h3>" + tables.missing_table(ctx.events, lang, mnames, names)
    return HTML(out)


def sources(ctx: Context) -> HTML:
    lang = ctx.lang
    out = f"<h3>{esc(t('events_table', lang))}</h3>" + tables.events_table(ctx.events, lang, ctx.numbers)
    out += f"<h3>{esc(t('quality_notes', lang))}</h3>" + tables.notes_table(ctx.events, lang, ctx.numbers)
    out += f"<h3>{esc(t('evidence', lang))}</h3><p>{esc(t('evidence_intro', lang))}</p>"
    out += tables.evidence_table(ctx.events, lang, ctx.numbers)
    return HTML(out + tables.sources_list(ctx.data.sources, lang))
