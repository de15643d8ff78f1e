"""What each report draws: the registry's adapters from a report context to a chart function,
with the chart's title."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
from matplotlib.figure import Figure

from analysis import l10n, vocab
from analysis.measures.durations import first_day_clock, milestones, since_theft
from analysis.report import citing, style
from analysis.report.charts.compared import compared, sizes
from analysis.report.charts.compensation import compensation, price_window
from analysis.report.charts.first_day import clock_reach, clock_span, first_day
from analysis.report.charts.marks import read_on, sources_named
from analysis.report.charts.numbers import QUALIFIER_KINDS, compared_kinds, values_stolen
from analysis.report.charts.scales import at_log_edge, log_place
from analysis.report.charts.since_theft import later_milestones, response
from analysis.report.charts.timeline import milestone_chain, timeline


def title_of(fig: Figure) -> str:
    """A chart's title, for its alt text: the figure's own title as written (not wrapped), else its
    first panel's."""
    if getattr(fig, "analysis_title", None):
        return fig.analysis_title
    if fig._suptitle is not None and fig._suptitle.get_text():
        return fig._suptitle.get_text()
    return next((ax.get_title(loc="left") for ax in fig.axes if ax.get_title(loc="left")), "")


def timeline_of(ctx) -> Figure | None:
    if not ctx.has_timeline:
        return None
    events = ctx.timeline_events
    total = None if ctx.durations is None else ctx.durations[ctx.durations["step"] == "total"]
    if total is not None and not total.empty:
        r = total.iloc[0]
        title = l10n.t(
            "timeline_chart_title",
            ctx.lang,
            name=ctx.name,
            last=ctx.milestone_names[r["to"]],
            days=l10n.days(int(r["calendar_days"]), ctx.lang),
            business=l10n.plural("business_days", int(r["business_days"]), ctx.lang),
        )
    elif (step := _last_step_in_window(ctx)) is not None:
        # named as its row is drawn (Liquid's "BTC deposits and withdrawals resume"), not as the milestone
        row = ctx.data.events.set_index("event_id").loc[step["event_id"]]
        # the zone said once, after the whole count ("… came 8 days after the theft, in UTC dates")
        title = l10n.t("timeline_since_title", ctx.lang, name=ctx.name, last=row[f"title_{ctx.lang}"],
                       value=l10n.since(step, ctx.lang, zoned=False))  # fmt: skip
        title = l10n.in_zone(title, step["zone"], ctx.lang, phrase=True)
    else:
        first, last = ctx.window
        title = l10n.t("timeline_plain_title", ctx.lang, name=ctx.name, start=l10n.day(first, ctx.lang),
                       end=l10n.day(last, ctx.lang))  # fmt: skip
    return timeline(events, ctx.lang, title, ctx.chain, ctx.events, ctx.milestone_names)


def _last_step_in_window(ctx) -> pd.Series | None:
    """The latest milestone the timeline draws, with its time from the theft (a deadline is not a
    step taken); None when the timeline dates none two days or more after the theft."""
    end = ctx.window[1]
    names = [m for m, f in ctx.found.items() if m != "leak" and m not in vocab.DEADLINES and f.earliest is not None
             and f.earliest <= end]  # fmt: skip
    table = since_theft(ctx.data.events, [ctx.incident_id], names, not_before=ctx.data.not_before)
    # Two days or more ("took the next day" is not said: the response chart tells the first days); a
    # count in another zone's dates says that zone, as the chart's labels date its rows.
    dated = table[(table["state"] == "known") & (table["days"].fillna(0) >= 2)]
    if dated.empty:
        return None
    # the latest by the Japan dates the axis is in (a count in UTC dates is not ranked against one in
    # Japan's), the later date where two tie
    return dated.sort_values(["days_most_japan", "date"], kind="stable").iloc[-1]


def first_day_of(
    ctx, incident: str, span: pd.Timedelta | None = None, reach: tuple[float, float] | None = None
) -> Figure | None:
    if first_day_clock(ctx.data.events, incident) is None:
        return None  # no theft time, or a clock with its marks all at one minute: it says nothing the text does not
    return first_day(ctx.data.events, incident, ctx.names[incident], ctx.lang, ctx.milestone_names, span, reach)


def first_days_of(ctx, incidents: list[str]) -> dict[str, Figure | None]:
    """The first days of several thefts, set one under another, on clocks of the same hours (the longest
    clock's hours) and of the same width (the widest room any clock's row names take, kept by each):
    Bybit's 1 h 31 min, on a clock of its own four hours, looked as long as Binance's 6 h 25 min on a
    whole day's, and an hour was narrower on Coincheck's clock, whose row names are longer."""
    span = max((s for i in incidents if (s := clock_span(ctx.data.events, i)) is not None), default=None)
    drawn = {i: first_day_of(ctx, i, span) for i in incidents}
    if sum(fig is not None for fig in drawn.values()) < 2:
        return drawn  # one clock: nothing to be as wide as
    reaches = [clock_reach(fig) for fig in drawn.values() if fig is not None]
    reach = (max(r[0] for r in reaches), max(r[1] for r in reaches))
    return {i: first_day_of(ctx, i, span, reach) if fig is not None else None for i, fig in drawn.items()}


def milestone_chain_of(ctx) -> Figure | None:
    if ctx.durations is None:
        return None
    return milestone_chain(ctx.data.events, ctx.durations, ctx.lang, ctx.milestone_names, ctx.name)


def compensation_of(ctx) -> Figure | None:
    return compensation(ctx.compensation, ctx.lang) if ctx.compensation is not None else None


def price_window_of(ctx) -> Figure | None:
    return price_window(ctx.compensation, ctx.events, ctx.lang) if ctx.compensation is not None else None


def later_milestones_of(ctx) -> Figure | None:
    from analysis.report.incident import later_table

    table = later_table(ctx)
    if not table["state"].isin(["known", "range"]).any():
        return None  # only gaps: the section's table says so; a chart of nothing would not
    return later_milestones(
        table,
        ctx.name,
        ctx.lang,
        ctx.step_names,
        _rests_on(ctx, table, [ctx.incident_id]),
        drain=ctx.incident_id in ctx.drains,
    )


def _rests_on(ctx, table: pd.DataFrame, incidents) -> str:
    """What a chart of time since the theft rests on, for its source line (marks.sources_named): the
    rows it dates and the theft of each of its `incidents` every count starts from; a step drawn as
    "not found" dates nothing."""
    dated = table.loc[table["state"].isin(["known", "range"]), "event_id"].dropna()
    thefts = {m.event_id for i in incidents if (m := milestones(ctx.data.events, i).get("leak")) is not None}
    drawn = ctx.data.events[ctx.data.events["event_id"].isin({*dated, *thefts})]
    return sources_named(set(drawn["source_id"]), read_on(drawn), ctx.lang)


def _names(ctx) -> dict[str, str]:
    """The thefts' names, a drain over years named as such."""
    kinds = dict(zip(ctx.data.incidents["incident_id"], ctx.data.incidents["kind"]))
    return {
        i: l10n.noted(n, l10n.t("drain_note", ctx.lang), ctx.lang) if kinds.get(i) == "drain" else n
        for i, n in ctx.names.items()
    }


def compared_of(ctx) -> Figure:
    """The compared milestones of every theft, titled with what it shows (page 1's headline, right
    above it, states the finding; one title line leaves the rows room on page 1)."""
    title = l10n.t("compared_chart_title", ctx.lang, name=l10n.inside_brackets(ctx.names[ctx.focus], ctx.lang))
    edge = any(at_log_edge(r) for _, r in ctx.table.iterrows())
    zones = sorted(
        {
            r["zone"]
            for _, r in ctx.table.iterrows()
            if log_place(r) is not None and l10n.since(r, ctx.lang) != l10n.since(r, ctx.lang, short=True)
        }
    )
    codes = compared_kinds(ctx)
    tokens = sorted({i for (m, i), kind in codes.items() if kind == "tokens"})
    redeemed = since_theft(ctx.data.events, tokens, ["repayment_completed"], not_before=ctx.data.not_before)
    # The pages read: the steps drawn, each theft, and the day the source line gives for the last tokens.
    sources = _rests_on(ctx, pd.concat([ctx.table, redeemed]), ctx.incidents)
    source = compared_source([ctx.names[i] for i in ctx.drains], ctx.lang, edge, zones,
                             kinds=[k for k in QUALIFIER_KINDS if k in codes.values()],
                             redeemed=_redeemed(ctx, redeemed), sources=sources)  # fmt: skip
    words = {k: l10n.t(f"compared_kind_{k}", ctx.lang) for k in QUALIFIER_KINDS}
    return compared(ctx.table, list(ctx.incidents), _names(ctx), ctx.lang, ctx.milestone_names, ctx.focus, title,
                    source, {cell: words[kind] for cell, kind in codes.items()},
                    muted={cell for cell, kind in codes.items() if kind in style.MUTED_KINDS})  # fmt: skip


def _redeemed(ctx, table: pd.DataFrame) -> dict[str, str | None]:
    """For each theft whose remedy was tokens for the loss (`table`: since_theft of its
    repayment_completed), when the last of them were redeemed, as the chart writes a count
    ("244 days (UTC)"); None where no page dates it."""
    known = table[table["state"].isin(["known", "range"])].set_index("incident_id")
    return {ctx.names[i]: l10n.since(known.loc[i], ctx.lang, short=True) if i in known.index else None
            for i in table["incident_id"]}  # fmt: skip


def compared_source(drains: list[str], lang: str, edge: bool = False, zones: list[str] = (), *,
                    kinds: list[str] = (), redeemed: dict[str, str | None] | None = None,
                    sources: str | None = None) -> str:  # fmt: skip
    """The comparison chart's source line: how to read it, whether a dot stands at the scale's edge
    for a step within ten minutes, what a value marked with a zone counts ("8 days (UTC)": days in
    UTC dates), what each word beside a value says it is (`kinds`, of QUALIFIER_KINDS: "no loss",
    "partial", "tokens") and, of tokens, when the last were redeemed (`redeemed`: by theft, None where
    no page dates it; each theft named when more than one paid in tokens), which of its thefts (named)
    were drains over years, counted from the drain's start, and the kinds of page read (`sources`)."""
    said = "".join(l10n.t(f"compared_kind_{k}_note", lang) for k in kinds)
    if "tokens" in kinds and redeemed:
        said += "".join(
            l10n.t("compared_tokens_redeemed", lang, when=when)
            if len(redeemed) == 1
            else l10n.t("compared_tokens_redeemed_of", lang, name=name, when=when)
            for name, when in redeemed.items()
            if when
        )
    notes = (
        (l10n.t("compared_edge_note", lang) if edge else "")
        + "".join(
            l10n.t(
                "compared_zone_note", lang, zone=l10n.label("zone", z, lang), short=l10n.label("zone_short", z, lang)
            )
            for z in zones
        )
        + said
        + (l10n.t("compared_drain_note", lang, names=l10n.join(drains, lang)) if drains else "")
    )
    return l10n.t("compared_source", lang, notes=notes, sources=sources or l10n.t("pages_listed", lang))


def sizes_of(ctx) -> Figure:
    """The thefts ranked by the value stolen, titled with the largest and the focus incident's rank;
    the source line says which values are sums and which are drains, of the thefts drawn."""
    values = values_stolen(ctx)
    order = list(ctx.incidents)  # largest first (prepare_comparison)
    drains = ctx.drains
    summed = ctx.summed
    notes = (l10n.t("sizes_sum_note", ctx.lang, names=_joined(ctx, summed)) if summed else "") + (
        l10n.t("sizes_drain_hatch_note", ctx.lang, names=_joined(ctx, drains)) if drains else ""
    )
    shown = {i: citing.value_text(ctx.data, i, ctx.lang, say_sum=False) for i in order}
    rank = l10n.ordinal("rank", order.index(ctx.focus) + 1, ctx.lang)
    title = l10n.t("sizes_title", ctx.lang, largest=ctx.names[order[0]], value=shown[order[0]],
                   focus=ctx.names[ctx.focus], rank=rank, n=len(order))  # fmt: skip
    return sizes(values, shown, _names(ctx), ctx.lang, ctx.focus, set(drains), title,
                 l10n.t("sizes_source", ctx.lang, notes=notes))  # fmt: skip


def _joined(ctx, ids: list[str]) -> str:
    return l10n.join([ctx.names[i] for i in ids], ctx.lang)


@dataclass(frozen=True)
class Step:
    label: str
    days: float | None
    text: str
    timed: bool = False
    extent: tuple[float, float] | None = None
    state: str = "known"
    same_day: bool = False  # dated to the theft's own day, without the hours
    next_day: bool = False  # dated to the day after the theft, without the hours
    zone: str | None = None  # the zone whose dates the days are counted in, if not Japan's
    period: str = ""  # known only to a month or a quarter ('2014-02', '2019Q2'): the span is that period
    edge: bool = False  # within the log scale's first ten minutes: drawn at its edge, not to scale
    apart: str = ""  # the text with its zone bound to the count, for a title beside counts in other zones
    milestone: str = ""
    kind: str = ""  # what the value is where it is not what the step's name says (numbers.QUALIFIER_KINDS)


def _after(step: str, value: str, lang: str, s: Step | None = None) -> str:
    """'detection after 11 h 23 min'; a step at the theft's own time is said so, not 'after', and one
    on the next day as such ('first suspension the next day'), not 'after next day'."""
    if s is not None and s.next_day:
        return l10n.in_zone(l10n.t("step_next_day", lang, step=step), s.zone, lang)
    if value == l10n.t("same_minute", lang):
        return l10n.t("step_at_once", lang, step=step)
    if value == l10n.t("about_same_time", lang):
        return l10n.t("step_about_once", lang, step=step)
    return l10n.t("after_step", lang, step=step, value=value)


def steps_told(shown: list[Step], lang: str) -> str:
    """The steps a title names, each with its time after the theft ("detection after 11 h 23 min,
    remedy delivered after 45 days"). A zone only some counts are made in is bound to each of them
    ("8 UTC days"): ", in UTC dates" after the last would read as said of all."""
    apart = len({s.zone for s in shown}) > 1
    return l10n.t("step_joiner", lang).join(
        _after(s.label.lower(), s.apart if apart and s.zone else s.text, lang, s) for s in shown
    )


def response_of(ctx) -> Figure | None:
    """The incident's compared milestones as time after its theft, titled with what the data finds."""
    from analysis.report.findings import told_from_theft

    theft = ctx.found.get("leak")
    if theft is None or not theft.known or theft.period is not None:
        return None
    table = ctx.table_for(ctx.incident_id)
    drain = ctx.incident_id in ctx.drains  # counted from the drain's start, as its axis says
    # a remedy for customers who lost nothing or for part of the loss says so beside its time, as in the
    # comparison's chart (Liquid's "6 days, no loss" is no remedy for a loss); tokens are in the step's
    # own name here ("Tokens for the loss credited")
    kinds = {m: k for (m, i), k in compared_kinds(ctx).items() if i == ctx.incident_id and k != "tokens"}
    steps = []
    for _, r in table.iterrows():
        label = ctx.step_names[r["milestone"]]
        if r["state"] in ("known", "range"):
            x, extent = log_place(r)
            day_only = r["state"] == "known" and pd.isna(r["hours"])
            steps.append(Step(label, x, l10n.since(r, ctx.lang), pd.notna(r["hours"]), extent,
                              same_day=day_only and r["days"] == 0, next_day=day_only and r["days"] == 1,
                              zone=r["zone"] if isinstance(r["zone"], str) else None,
                              period=r["period"] if isinstance(r["period"], str) else "", edge=at_log_edge(r),
                              apart=l10n.since(r, ctx.lang, apart=True), milestone=r["milestone"],
                              kind=kinds.get(r["milestone"], "")))  # fmt: skip
        else:
            steps.append(Step(label, None, "", state=r["state"], milestone=r["milestone"]))
    # The title tells only counts page 1's text tells (Bitfinex's remedy decision it does not).
    told = told_from_theft(ctx)
    dated = [s for s in steps if s.days is not None and not s.same_day and s.milestone in told]
    if dated:
        # the last by where its span starts: a next-day span may end past a step timed after it began
        first, last = dated[0], max(dated, key=lambda s: s.extent[0] if s.extent else s.days)
        title = l10n.t(l10n.drained("response_chart_title", drain), ctx.lang, name=ctx.name,
                       steps=steps_told(list(dict.fromkeys([first, last])), ctx.lang))  # fmt: skip
    else:  # no count told alone: what the chart shows, not the headline over again right above it
        title = l10n.t(l10n.drained("response_plain_title", drain), ctx.lang, name=ctx.name)
    return response(steps, title, ctx.lang, _rests_on(ctx, table, [ctx.incident_id]), drain)
