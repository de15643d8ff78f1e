"""What the report notebooks show: sections, tables and figures as escaped HTML, in one language.

The notebooks only call these functions; every number shown is computed here from data rows, and
each key fact names the rows it rests on.
"""

from __future__ import annotations

import base64
import html
from dataclasses import dataclass
from decimal import Decimal

import pandas as pd
from IPython.display import HTML

from analysis import charts, style
from analysis.compensation import CompensationFigures, compensation_figures
from analysis.durations import chain_durations, milestones
from analysis.labels import t, value_label
from analysis.loading import Dataset, load_dataset
from analysis.params import check_data_dir, check_names, check_values

SECTIONS = ("key_facts", "timeline", "chain", "compensation", "order_items", "sources")


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
        return self.data.events[self.data.events["incident_id"] == self.incident_id]


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


# -- building blocks ---------------------------------------------------------------------------


def esc(value) -> str:
    return "" if value is None or (not isinstance(value, str) and pd.isna(value)) else html.escape(str(value))


def table(headers: list[str], rows: list[list[str]], css: str = "", widths: list[int] | None = None) -> str:
    """An HTML table; cells are escaped unless they were built here as markup (Markup)."""
    cols = "".join(f'<col style="width:{w}%"/>' for w in widths or [])
    colgroup = f"<colgroup>{cols}</colgroup>" if cols else ""
    head = "".join(f"<th>{esc(h)}</th>" for h in headers)
    body = "".join("<tr>" + "".join(f"<td>{_cell(c)}</td>" for c in row) + "</tr>" for row in rows)
    return f'<table class="data {css}">{colgroup}<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>'


class Markup(str):
    """Text that is already safe HTML."""


def _cell(value) -> str:
    return value if isinstance(value, Markup) else esc(value)


def link(url) -> Markup:
    if url is None or pd.isna(url):
        return Markup("")
    return Markup(f'<a href="{esc(url)}">{esc(url)}</a>')


def figure_html(fig, alt: str) -> str:
    data = base64.b64encode(style.png_bytes(fig)).decode("ascii")
    return f'<figure><img src="data:image/png;base64,{data}" alt="{esc(alt)}"/></figure>'


def _num(x: Decimal | int, places: int = 0) -> str:
    return f"{x:,.{places}f}"


# -- sections ----------------------------------------------------------------------------------


def title(ctx: Context) -> HTML:
    return HTML(
        f'<h1>{esc(t("report_title", ctx.lang))}</h1><p class="subtitle">{esc(t("subtitle", ctx.lang))}</p>'
        f'<p class="meta">{esc(t("generated", ctx.lang))}</p>'
    )


def toc(ctx: Context) -> HTML:
    items = "".join(f'<li><a href="#{s}">{esc(t(s, ctx.lang))}</a></li>' for s in SECTIONS)
    return HTML(f'<nav class="toc"><h2>{esc(t("toc", ctx.lang))}</h2><ol>{items}</ol></nav>')


def heading(ctx: Context, section: str) -> HTML:
    number = SECTIONS.index(section) + 1
    return HTML(f'<h2 id="{section}">{number}. {esc(t(section, ctx.lang))}</h2>')


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
    for _, r in ctx.durations.iterrows():
        name = (t("total", lang) + ": ") * (
            r["step"] == "total"
        ) + f"{value_label('milestone', r['from'], lang)} → {value_label('milestone', r['to'], lang)}"
        value = charts.days_text(r["calendar_days"], r["business_days"], lang)
        refs = ", ".join(f"events.csv:{line_of[found[m].event_id]}" for m in (r["from"], r["to"]))
        rows.append([name, value, refs])
    return HTML(
        table([t("fact", lang), t("value", lang), t("basis", lang)], rows, "facts")
        + f'<p class="note">{esc(t("approx_note", lang))}</p>'
    )


def timeline_figure(ctx: Context) -> HTML:
    fig = charts.timeline(ctx.events, ctx.lang, ctx.chain)
    return HTML(figure_html(fig, t("timeline_chart_title", ctx.lang)))


def chain_table(ctx: Context) -> HTML:
    lang = ctx.lang
    rows = []
    for _, r in ctx.durations.iterrows():
        prefix = t("total", lang) + ": " if r["step"] == "total" else ""
        rows.append(
            [
                prefix + value_label("milestone", r["from"], lang),
                value_label("milestone", r["to"], lang),
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
    fig = charts.milestone_chain(ctx.data.events, ctx.durations, lang)
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


def sources(ctx: Context) -> HTML:
    lang = ctx.lang
    numbers = charts.event_numbers(ctx.events)
    col = "title_ja" if lang == "ja" else "title_en"
    rows = [
        [
            numbers[r.event_id],
            str(r.date),
            "" if pd.isna(r.time) else r.time,
            value_label("actor", r.actor, lang),
            value_label("source_kind", r.source_kind, lang),
            getattr(r, col),
            link(r.source_url),
            r.seed_item,
        ]
        for r in ctx.events.itertuples()
    ]
    headers = [t(k, lang) for k in ("no", "date", "time", "actor", "kind", "title", "link", "seed_item")]
    out = f"<h3>{esc(t('events_table', lang))}</h3>" + table(headers, rows, "events", [4, 12, 7, 13, 4, 34, 20, 6])
    note_col = "note_ja" if lang == "ja" else "note"
    notes = [
        [
            numbers[r.event_id],
            getattr(r, col),
            getattr(r, note_col),
            "" if pd.isna(r.source_url_as_printed) else r.source_url_as_printed,
        ]
        for r in ctx.events.itertuples()
        if not pd.isna(r.note)
    ]
    out += f"<h3>{esc(t('quality_notes', lang))}</h3>" + table(
        [t("no", lang), t("title", lang), t("note", lang), t("as_printed", lang)], notes, "notes", [6, 30, 44, 20]
    )
    src = ctx.data.sources
    out += (
        "<ul class='sources'>"
        + "".join(
            f"<li><code>{esc(r.source_id)}</code>: {esc(r.title)} ({esc(r.published)}), {esc(r.location)}. {esc(getattr(r, note_col))}</li>"
            for r in src.itertuples()
        )
        + "</ul>"
    )
    return HTML(out)
