"""The sections of an incident's report, for any incident the data holds.

Each function takes the report's context and the section (titled and numbered by
`analysis.report.registry`) and fills it; what the data cannot support for this incident is said in the
section's "not known" form. The registry adds each section's charts.
"""

from __future__ import annotations

import re
from datetime import date

import pandas as pd

from analysis import l10n, vocab
from analysis.data import relations
from analysis.measures.durations import since_theft
from analysis.report import citing, common, days, payment, story
from analysis.report.common import cite, not_known, note_of, remedy_extent, seed_ref, table_of, when
from analysis.report.context import IncidentContext as Context
from analysis.report.model import Heading, Section, Table, Text


def _num(x, lang: str, places: int = 0) -> str:
    return l10n.number(x, lang, places)


def _seed_item(ctx: Context, fact: str) -> tuple[str, str]:
    """A compensation fact's source as a reader cites it, and its file and line for the appendix."""
    f = ctx.compensation.facts[fact]
    return seed_ref(f.seed_item, ctx.lang), f"compensation.csv:{f.line}"


def _event(ctx: Context, event_id: str):
    rows = ctx.data.events[ctx.data.events["event_id"] == event_id]
    return next(rows.itertuples()), f"events.csv:{int(rows.index[0])}"


def title(ctx: Context) -> str:
    return story.report_title(ctx, ctx.incident_id, ctx.name)


def subtitle(ctx: Context) -> str:
    if ctx.window is None:
        return l10n.t("subtitle_unknown", ctx.lang)
    # The last fact on record, milestone or not (Mt. Gox's repayments came after its last milestone;
    # a deadline or a date set for a step not known to have happened is not a fact of what happened),
    # written as precisely as it is known.
    ev = ctx.events
    happened = ~ev["milestone"].isin(vocab.DEADLINES) & ev["flag"].ne("scheduled")
    facts = ev[ev["effective"] & happened & (ev["date"].notna() | ev["period"].notna())]
    end = l10n.day(ctx.window[1], ctx.lang)
    if len(facts):
        latest = facts["date"].dt.end_time.fillna(facts["period"].map(lambda p: p.end_time, na_action="ignore"))
        row = facts.loc[latest.idxmax()]
        end = days.told(row, ctx.lang)  # a day (in its zone, and Japan's where they differ) or a period
    start = l10n.day(ctx.window[0], ctx.lang)
    theft = ev[ev["milestone"].eq("leak") & ev["effective"] & ev["date"].notna()]
    if len(theft) and theft["date"].iloc[0].to_timestamp().date() == ctx.window[0]:
        start = days.told(theft.iloc[0], ctx.lang)
    drain = ctx.incident_id in ctx.drains
    return l10n.t("subtitle_drain" if drain else "subtitle", ctx.lang, start=start, end=end)


def key_fact_rows(ctx: Context) -> list[tuple[str, str, str, str]]:
    """(fact, value, its source as a reader cites it, the data rows it rests on) for every key fact."""
    lang = ctx.lang
    inc = ctx.data.incidents.set_index("incident_id")
    line = int(ctx.data.incidents.index[ctx.data.incidents["incident_id"] == ctx.incident_id][0])
    pages = inc.loc[ctx.incident_id, "pages"]
    stolen_by = (
        l10n.join(dict.fromkeys(citing.publisher(p, lang) for p in pages), lang)
        if pages
        else l10n.t("seed_short", lang)
    )
    rows = [(l10n.t("stolen", lang), inc.loc[ctx.incident_id, f"stolen_{lang}"], stolen_by, f"incidents.csv:{line}")]
    f = ctx.compensation
    if f is not None:
        unit_price = lambda v: l10n.t("per_unit", lang, value=v, unit=f.asset)  # noqa: E731
        computed = lambda formula: l10n.t("computed", lang, formula=formula)  # noqa: E731
        money = lambda v: l10n.t("money", lang, value=_num(v, lang))  # noqa: E731
        big = lambda v: l10n.big_money(v, lang)  # noqa: E731
        refs = {fact: _seed_item(ctx, fact) for fact in f.facts}
        rows += [
            (l10n.t("reported_loss", lang), payment.loss(f, lang), *refs["reported_loss_jpy"]),
            (
                l10n.t("holders", lang),
                l10n.about(l10n.t("persons", lang, n=l10n.count(int(f.holders), lang)), lang),
                *refs["holders"],
            ),
            (l10n.t("price_paid", lang), unit_price(_num(f.price_per_unit_jpy, lang, 3)), *refs["price_per_unit"]),
            (
                l10n.t("total_paid", lang),
                l10n.paren(money(f.total_paid_jpy), big(f.total_paid_jpy), lang),
                computed(f"{l10n.t('stolen', lang)} × {l10n.t('price_paid', lang)}"),
                f"{refs['units_stolen'][1]} × {refs['price_per_unit'][1]}",
            ),
            (
                l10n.t("implied_price", lang),
                _beside(
                    l10n.about(
                        unit_price(_num(f.implied_price_jpy, lang, 3)), lang, payment.rounded(f.implied_price_jpy, 3)
                    ),
                    unit_price(payment.implied(f, lang)),
                    lang,
                ),  # fmt: skip
                computed(f"{l10n.t('reported_loss', lang)} ÷ {l10n.t('stolen', lang)}"),
                f"{refs['reported_loss_jpy'][1]} ÷ {refs['units_stolen'][1]}",
            ),
            (
                l10n.t("ratio", lang),
                _beside(
                    l10n.about(
                        l10n.percent(f.paid_to_reported_ratio, lang),
                        lang,
                        payment.rounded(f.paid_to_reported_ratio * 100, 1),
                    ),
                    payment.share(f, lang),
                    lang,
                ),  # fmt: skip
                computed(l10n.t("ratio", lang)),
                f"{refs['units_stolen'][1]}, {refs['price_per_unit'][1]}, {refs['reported_loss_jpy'][1]}",
            ),
            (
                l10n.t("per_holder", lang),
                l10n.about(money(f.average_per_holder_jpy), lang),
                computed(f"{l10n.t('total_paid', lang)} ÷ {l10n.t('holders', lang)}"),
                f"{refs['units_stolen'][1]}, {refs['price_per_unit'][1]}, {refs['holders'][1]}",
            ),
            (
                l10n.t("window", lang),
                l10n.t(
                    "window_value",
                    lang,
                    start=f"{l10n.day(f.window_start.date(), lang)} {f.window_start:%H:%M}",
                    end=f"{l10n.day(f.window_end.date(), lang)} {f.window_end:%H:%M}",
                    hours=l10n.hours_minutes(float(f.window_hours), lang),
                ),
                refs["price_window_start"][0],
                f"{refs['price_window_start'][1]}, {refs['price_window_end'][1]}",
            ),
        ]
    if ctx.durations is not None:
        names = ctx.milestone_names
        for _, r in ctx.durations.iterrows():
            prefix = l10n.labelled(l10n.t("total", lang), "", lang) if r["step"] == "total" else ""
            step = l10n.days_and_business(int(r["calendar_days"]), int(r["business_days"]), lang)
            ends = [_event(ctx, ctx.found[m].event_id) for m in (r["from"], r["to"])]
            cited = l10n.join(dict.fromkeys(cite(row, ctx) for row, _ in ends), lang)
            rows.append(
                (f"{prefix}{names[r['from']]} → {names[r['to']]}", step, cited, ", ".join(ref for _, ref in ends))
            )
    compared = ctx.table_for(ctx.incident_id)
    for _, r in compared[compared["state"].isin(["known", "range"])].iterrows():
        row, ref = _event(ctx, r["event_id"])
        rows.append(
            (
                l10n.t(_drained(ctx, "from_theft_to"), lang, milestone=ctx.step_names[r["milestone"]]),
                l10n.since(r, lang),
                cite(row, ctx),
                ref,
            )
        )
    return rows


def _corrected_rows(ctx: Context, refs: str) -> str:
    """'corrected on ...' for a key fact when a row it rests on ("events.csv:12, incidents.csv:3")
    was corrected, the latest such day."""
    days = []
    for file, line in re.findall(r"([a-z_]+\.csv):(\d+)", refs):
        frame = getattr(ctx.data, file.removesuffix(".csv"), None)
        if frame is not None and int(line) in frame.index:
            name = relations.record_names(file, frame.loc[[int(line)]]).iloc[0]
            days.append(ctx.corrected_on(file.removesuffix(".csv"), name))
    days = [d for d in days if d]
    return l10n.t("corrected_on", ctx.lang, day=l10n.day(max(days), ctx.lang)) if days else ""


def key_facts(ctx: Context, section: Section) -> Section:
    lang = ctx.lang
    rows = [
        (fact, value, l10n.join((c for c in (cited, _corrected_rows(ctx, refs)) if c), lang))
        for fact, value, cited, refs in key_fact_rows(ctx)
    ]
    frame = pd.DataFrame(rows, columns=[l10n.t(k, lang) for k in ("fact", "value", "source_col")])
    notes = [l10n.t("approx_note", lang), *range_notes(ctx.table_for(ctx.incident_id), lang)]
    return section.add(Table(frame, "facts"), Text(l10n.t("sentence_joiner", lang).join(notes), "note"))


def range_notes(table: pd.DataFrame, lang: str) -> list[str]:
    """Why each kind of range of days in a table of durations.since_theft is a range, said where it
    is read, not only in Method: a date given in another zone against a Japan date (Bitfinex's UTC
    theft and its remedy), a date in a third zone counted in the theft's zone's dates (its arrests,
    in US Eastern dates), or a fact dated only to a month (Mt. Gox's detection)."""
    ranged = table[table["state"].eq("range")]
    zoned = ranged["zone"].notna()
    notes = [l10n.t("range_note", lang)] if (ranged["period"].isna() & ~zoned).any() else []
    notes += [
        l10n.t("range_zone_note", lang, zone=l10n.label("zone", zone, lang), other=l10n.label("zone", other, lang))
        for zone, other in dict.fromkeys(zip(ranged.loc[zoned, "zone"], ranged.loc[zoned, "date_zone"]))
    ]
    return notes + ([l10n.t("period_range_note", lang)] if ranged["period"].notna().any() else [])


def first_day(ctx: Context, section: Section) -> Section:
    lang = ctx.lang
    theft = ctx.found.get("leak")
    if theft is None or theft.timestamp is None:
        return not_known(section, lang, "not_known_first_day")
    table = since_theft(ctx.data.events, [ctx.incident_id], vocab.FIRST_DAY[1:], not_before=ctx.data.not_before)
    # Within the theft's first day: a step days later belongs to the later milestones.
    rows = [
        [
            ctx.milestone_names[r["milestone"]],
            l10n.about(f"{ctx.found[r['milestone']].timestamp:%H:%M}", lang, ctx.found[r["milestone"]].approximate),
            l10n.since(r, lang),
        ]
        for _, r in table.iterrows()
        if r["state"] == "known" and pd.notna(r["hours"]) and float(r["hours"]) < 24
    ]
    if not rows:
        return not_known(section, lang, "not_known_first_day_steps")
    frame = pd.DataFrame(rows, columns=[l10n.t(k, lang) for k in ("milestone_col", "time", "hours_after")])
    at = l10n.clock(theft.timestamp, lang, bool(theft.approximate))
    return section.add(
        Text(
            l10n.labelled(
                ctx.milestone_names["leak"], l10n.t("japan_time_at", lang, at=f"{l10n.day(theft.day, lang)} {at}"), lang
            )
        ),
        Table(frame, "numbers"),
        secondary_note(ctx),
    )


def timeline(ctx: Context, section: Section) -> Section:
    if not ctx.has_timeline:
        return not_known(section, ctx.lang, "not_known_timeline")
    return section


def chain(ctx: Context, section: Section) -> Section:
    lang = ctx.lang
    if ctx.durations is None:
        return not_known(section, lang, "not_known_chain")
    rows = []
    for _, r in ctx.durations.iterrows():
        prefix = l10n.labelled(l10n.t("total", lang), "", lang) if r["step"] == "total" else ""
        rows.append(
            [
                prefix + ctx.milestone_names[r["from"]],
                ctx.milestone_names[r["to"]],
                l10n.day(pd.Timestamp(r["from_date"]).date(), lang),
                l10n.day(pd.Timestamp(r["to_date"]).date(), lang),
                l10n.days(int(r["calendar_days"]), lang),
                l10n.plural("business_days", int(r["business_days"]), lang),
                "" if pd.isna(r["hours"]) else l10n.hours_minutes(float(r["hours"]), lang),
            ]
        )
    headers = [
        l10n.t(k, lang) for k in ("from", "to", "from_date", "to_date", "calendar_days", "business_days", "hours")
    ]
    section.add(table_of(headers, rows, "numbers"))
    deadline, report = (ctx.found[m].day if m in ctx.found else None for m in ("report_deadline", "report"))
    if deadline is not None and report is not None:  # a day each, not a month or a zone's two days
        section.add(
            Text(
                l10n.t(
                    "deadline_met",
                    lang,
                    deadline=l10n.day(deadline, lang),
                    report=l10n.day(report, lang),
                    slack=l10n.days((deadline - report).days, lang),
                )
            )
        )
    return section.add(Text(l10n.t("bd_note", lang), "note"))


def remedy(ctx: Context, section: Section) -> Section:
    """How the customers were made whole: the compensation policy where the data has one, else the
    remedy row with its announcing event, else the section's "not known" form."""
    lang = ctx.lang
    f = ctx.compensation
    if f is not None:
        facts = f.facts
        method = l10n.t(
            "method_text",
            lang,
            market=facts["reference_market"].value,
            currency=l10n.label("currency", facts["payout_currency"].value, lang),
            funding=l10n.label("funding_source", facts["funding_source"].value, lang),
        )
        return section.add(
            Text(f"{l10n.t('price_method_label', lang)}{l10n.t('label_colon', lang)}{method}"), why_paid(ctx)
        )
    rem = ctx.data.remedies[ctx.data.remedies["incident_id"] == ctx.incident_id]
    decided = ctx.found.get("remedy_decided")
    if rem.empty and decided is not None and decided.status == "not_applicable":
        # Nothing to make whole: say so with the reason the sources give, as the missing facts do.
        row = next(ctx.events[ctx.events["event_id"] == decided.event_id].itertuples())
        return section.add(Text(l10n.labelled(l10n.t("no_remedy_needed", lang), note_of(row, ctx), lang)))
    if rem.empty:
        return not_known(section, lang, "not_known_remedy")
    r = next(rem.itertuples())
    announced = ctx.data.events[ctx.data.events["event_id"] == r.event_id]
    pages = tuple(dict.fromkeys((*r.pages, *(announced["pages"].iloc[0] if not announced.empty else ()))))
    rows = [
        [l10n.t("extent_col", lang), remedy_extent(r, lang)],
        *([[l10n.t("method_col", lang), l10n.label("method", r.method, lang)]] if r.method else []),
        [l10n.t("detail_col", lang), l10n.sentence_start(getattr(r, f"detail_{lang}"))],
        [l10n.t("funded_col", lang), getattr(r, f"funded_by_{lang}")],
        [
            l10n.t("source_col", lang),
            common.with_corrected(
                citing.page_links(pages, lang) if pages else r.source_id, ctx, "remedies", r.incident_id
            ),
        ],
    ]
    frame = pd.DataFrame(rows, columns=[l10n.t("fact", lang), l10n.t("value", lang)])
    return section.add(Table(frame, "facts"))


def _beside(computed: str, written: str, lang: str) -> str:
    """A computed figure as the annex gives it, for checking, with the figure the report's text
    writes (to the reported loss's precision, payment) beside it where the two differ."""
    return computed if computed == written else l10n.paren(computed, l10n.t("in_text", lang, value=written), lang)


def why_paid(ctx: Context) -> Text:
    """Why customers received less than the reported loss, from the figures: every unit stolen was
    paid for, so the whole gap is between the price paid and the price the loss implies."""
    f, lang = ctx.compensation, ctx.lang
    at = lambda ts: f"{l10n.day(ts.date(), lang)} {ts:%H:%M}"  # noqa: E731
    return Text(
        l10n.t(
            "why_paid",
            lang,
            ratio=payment.share(f, lang),
            units=l10n.count(int(f.units_stolen), lang),
            asset=f.asset,
            price=_num(f.price_per_unit_jpy, lang, 3),
            total=l10n.big_money(f.total_paid_jpy, lang),
            market=f.facts["reference_market"].value,
            start=at(f.window_start),
            end=at(f.window_end),
            loss=payment.loss(f, lang),
            implied=payment.implied(f, lang),
        )
    )


def order_items(ctx: Context, section: Section) -> Section:
    lang = ctx.lang
    items = ctx.data.order_items[ctx.data.order_items["incident_id"] == ctx.incident_id]
    order = ctx.found.get("order")
    if items.empty and order is not None and order.known and order.day is not None:
        return not_known(section, lang, "order_items_not_collected", day=l10n.day(order.day, lang))
    if items.empty:
        return not_known(section, lang, "not_known_order_items")
    rows = [
        [
            l10n.t("item_no", lang, n=r.item_no),
            getattr(r, f"text_{lang}"),
            "" if pd.isna(r.deadline) else l10n.day(r.deadline.to_timestamp().date(), lang),
        ]
        for r in items.itertuples()
    ]
    headers = [l10n.t(k, lang) for k in ("item", "text", "deadline")]
    return section.add(Table(pd.DataFrame(rows, columns=headers), "order"))


def secondary_note(ctx: Context) -> Text:
    """Where facts not from the timeline document come from (for an incident it does not cover, all do)."""
    has_seed = (ctx.events["source_id"] == "seed").any()
    return Text(l10n.t("secondary_note" if has_seed else "research_note", ctx.lang), "note")


def later_table(ctx: Context) -> pd.DataFrame:
    """Days from the theft to each milestone the timeline does not cover (gaps included)."""
    end = ctx.window[1] if ctx.has_timeline else ctx.theft_day
    # An undated step the comparison measures (detection, a report order) is not "after" anything;
    # the missing facts list it with its status (not found, did not happen, not applicable).
    compared = {*ctx.data.compared, *(p for parts in ctx.data.measures.values() for p in parts)}
    names = []
    for m, found in ctx.found.items():
        if m == "leak" or (found.earliest is None and m in compared):
            continue
        if found.earliest is None or end is None or found.earliest > end:
            names.append(m)
    table = since_theft(ctx.data.events, [ctx.incident_id], names, not_before=ctx.data.not_before)
    # In time order (a range by its first possible day); what has no date last.
    first = table["days"].fillna(table["days_min"]).astype("Float64")
    return table.assign(_first=first).sort_values("_first", kind="stable", na_position="last").drop(columns="_first")


def _drained(ctx: Context, key: str) -> str:
    """A key's drain variant for a drain over years, whose days count from the drain's start."""
    return l10n.drained(key, ctx.incident_id in ctx.drains)


def later_title(ctx: Context) -> str:
    if not ctx.has_timeline:
        return l10n.t(_drained(ctx, "later_all"), ctx.lang)
    return l10n.t("later", ctx.lang, day=l10n.day(ctx.window[1], ctx.lang))


def later(ctx: Context, section: Section) -> Section:
    lang = ctx.lang
    table = later_table(ctx)
    if table.empty:
        return not_known(section, lang, "not_known_later")
    rows = []
    for _, r in table.iterrows():
        if r["state"] in ("known", "range"):
            value = l10n.since(r, lang)
        else:
            value = l10n.label("state", r["state"], lang)
        row = next(ctx.events[ctx.events["event_id"] == r["event_id"]].itertuples())
        source = common.with_corrected(citing.sources_cell(row, lang), ctx, "events", row.event_id)
        rows.append([ctx.step_names[r["milestone"]], _counted_day(r, row, lang), value, source])
    headers = [l10n.t(k, lang) for k in ("milestone_col", "date", _drained(ctx, "days_col"), "source_col")]
    ranges = range_notes(table, lang)
    return section.add(
        Table(pd.DataFrame(rows, columns=headers), "plain", (28, 16, 18, 38)),
        Text(l10n.t("sentence_joiner", lang).join(ranges), "note") if ranges else None,
        secondary_note(ctx),
    )


def _counted_day(r: pd.Series, row, lang: str) -> str:
    """A later step's day as its count reaches it: a count made in the theft's zone's dates ends on
    that zone's date, which can differ from the Japan date (Bitfinex's last tokens redeemed: 3 Apr
    2017 in UTC, 4 Apr in Japan; 244 days), so that date leads and the Japan date follows it."""
    zone = r["zone"] if isinstance(r["zone"], str) and r["zone"] else None
    if r["state"] != "known" or zone is None or not pd.isna(row.date_zone) or pd.isna(row.date):
        return when(row, lang)
    there, japan = date.fromisoformat(r["date"]), row.date.to_timestamp().date()
    if there == japan:
        return when(row, lang)
    return l10n.t("zoned_day_and_japan_sentence", lang, day=l10n.day(there, lang, "short"),
                  zone=l10n.label("zone", zone, lang), japan=l10n.day(japan, lang, "short"))  # fmt: skip


def method(ctx: Context, section: Section) -> Section:
    """The shared method, then the definitions of the milestones this report measures between
    (compared, the chain, the first day); the later ones are named plainly where they appear."""
    lang = ctx.lang
    common.method(ctx, section)
    vocabulary = ctx.data.milestones.set_index("milestone")
    measured = {*ctx.data.compared, *ctx.chain, *vocab.FIRST_DAY}
    shown = [
        m for m in ctx.data.milestones["milestone"] if m in measured and (m in ctx.found or m in ctx.data.compared)
    ]
    rows = [[ctx.milestone_names[m], vocabulary.loc[m, l10n.column("definition", lang)]] for m in shown]
    headers = [l10n.t("milestone_col", lang), l10n.t("definition_col", lang)]
    return section.add(
        Text(l10n.t("method_definitions", lang)), Table(pd.DataFrame(rows, columns=headers), "plain", (25, 75))
    )


def sources(ctx: Context, section: Section) -> Section:
    """The annex's record, with the notes on the data's quality after the events."""
    return common.sources(ctx, section, Heading(l10n.t("quality_notes", ctx.lang)), common.notes_table(ctx))
