"""The one list of what each report shows: its sections in order, and every chart with its section.

Notebooks, the review artifacts (`make figures`) and the tests read this list. Adding a chart is a
chart function in `analysis.report.charts` and one `ChartSpec` line below: the chart then appears in its
section, in review/figures and in the image tests. A chart's `draw` returns None when the data
cannot support it for the report at hand (the section then says what is not known), or a dict
of named figures when it draws one per incident. The section "front" is the report's opening.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from weakref import WeakKeyDictionary

import pandas as pd
from matplotlib.figure import Figure

from analysis import l10n
from analysis.report import annex, charts, common, comparison, findings, incident, style
from analysis.report.context import Context
from analysis.report.model import Chart, Front, Section

Drawn = Figure | dict[str, Figure] | None
Numbers = pd.DataFrame | dict[str, pd.DataFrame] | None


@dataclass(frozen=True)
class SectionSpec:
    key: str
    build: Callable[[Context, Section], Section]
    title: Callable[[Context], str] | None = None  # default: the catalogue's text under the key

    def title_for(self, ctx: Context) -> str:
        return self.title(ctx) if self.title else l10n.t(self.key, ctx.lang)


@dataclass(frozen=True)
class ReportSpec:
    title: Callable[[Context], str]
    subtitle: Callable[[Context], str]
    findings: Callable[[Context], findings.Findings]
    sections: tuple[SectionSpec, ...]
    # The reviewer's annex (reports/provenance/<variant>.html): every fact with its data row and
    # every page with what it prints, one link away from the reader's edition.
    annex: tuple[SectionSpec, ...]


@dataclass(frozen=True)
class ChartSpec:
    key: str
    report: str
    section: str
    draw: Callable[[Context], Drawn]
    # Whether the chart has a layout for a phone's width (style.narrow); one without it is shown
    # at print width on a phone, in a frame that scrolls sideways.
    phone: bool = False
    # The numbers the chart draws, as a table (named as `draw` names its figures): the frame the
    # chart is drawn from, which the site offers as CSV beside the chart.
    data: Callable[[Context], Numbers] | None = None


REPORTS = {
    "incident": ReportSpec(
        incident.title,
        incident.subtitle,
        findings.incident,
        (
            SectionSpec("key_facts", incident.key_facts),
            SectionSpec("first_day", incident.first_day),
            SectionSpec("timeline", incident.timeline),
            SectionSpec("chain", incident.chain),
            SectionSpec("compensation", incident.remedy),
            SectionSpec("order_items", incident.order_items),
            SectionSpec("later", incident.later, incident.later_title),
            SectionSpec("disputed", common.disputed),
            SectionSpec("method", incident.method),
            SectionSpec("glossary", common.glossary),
            SectionSpec("limitations", common.limitations),
            SectionSpec("endnotes", common.endnotes),
        ),
        (SectionSpec("sources", incident.sources), SectionSpec("provenance", annex.incident_provenance)),
    ),
    "comparison": ReportSpec(
        comparison.title,
        comparison.subtitle,
        findings.comparison,
        (
            SectionSpec("incidents", comparison.incidents),
            SectionSpec("definitions", comparison.definitions),
            SectionSpec("since_theft", comparison.since_theft),
            SectionSpec("remedies", comparison.remedies),
            SectionSpec("first_day", comparison.first_day),
            SectionSpec("disputed", common.disputed),
            SectionSpec("method", common.method),
            SectionSpec("glossary", common.glossary),
            SectionSpec("limitations", common.limitations),
            SectionSpec("endnotes", comparison.endnotes),
        ),
        (SectionSpec("sources", common.sources), SectionSpec("provenance", annex.provenance)),
    ),
}

CHARTS = (
    ChartSpec("response", "incident", "front", charts.response_of, phone=True, data=charts.response_data),
    ChartSpec(
        "first_day",
        "incident",
        "first_day",
        lambda c: charts.first_day_of(c, c.incident_id),
        phone=True,
        data=lambda c: charts.first_day_data(c, c.incident_id),
    ),
    ChartSpec("timeline", "incident", "timeline", charts.timeline_of, phone=True, data=charts.timeline_data),
    ChartSpec(
        "milestone_chain", "incident", "chain", charts.milestone_chain_of, phone=True, data=charts.milestone_chain_data
    ),
    ChartSpec(
        "compensation", "incident", "compensation", charts.compensation_of, phone=True, data=charts.compensation_data
    ),
    ChartSpec(
        "price_window", "incident", "compensation", charts.price_window_of, phone=True, data=charts.price_window_data
    ),
    ChartSpec(
        "later_milestones",
        "incident",
        "later",
        charts.later_milestones_of,
        phone=True,
        data=charts.later_milestones_data,
    ),
    ChartSpec("compared", "comparison", "front", charts.compared_of, phone=True, data=charts.compared_data),
    ChartSpec("sizes", "comparison", "incidents", charts.sizes_of, phone=True, data=charts.sizes_data),
    ChartSpec(
        "first_day",
        "comparison",
        "first_day",
        lambda c: charts.first_days_of(c, comparison.first_day_incidents(c)),
        phone=True,
        data=lambda c: {i: charts.first_day_data(c, i) for i in comparison.first_day_incidents(c)},
    ),
)


def _named(spec: ChartSpec, made) -> list[tuple[str, object]]:
    """A chart's figures (or tables) by name: the chart's key, with the incident for one made per
    incident; none when the data cannot support it."""
    if isinstance(made, dict):
        return [(f"{spec.key}-{name}", item) for name, item in made.items() if item is not None]
    return [] if made is None else [(spec.key, made)]


def _drawn(ctx: Context, section: str | None = None, phone: bool = False):
    """(spec, name, figure) for every chart the report draws, in the registry's order (with `phone`,
    only those that have a phone layout)."""
    for spec in CHARTS:
        if spec.report != ctx.kind or (section is not None and spec.section != section) or (phone and not spec.phone):
            continue
        yield from ((spec, name, fig) for name, fig in _named(spec, spec.draw(ctx)))


def drawn(ctx: Context, phone: bool = False) -> list[tuple[ChartSpec, str, Figure]]:
    """(spec, name, figure) for every chart the report draws, in the registry's order."""
    return list(_drawn(ctx, phone=phone))


def numbers_of(ctx: Context) -> dict[str, pd.DataFrame]:
    """The numbers of the report's charts, as tables named as charts_of names the charts (a chart
    that draws nothing for the report may still have its table: pair them by name)."""
    return {
        name: frame
        for spec in CHARTS
        if spec.report == ctx.kind and spec.data is not None
        for name, frame in _named(spec, spec.data(ctx))
    }


def charts_of(ctx: Context, section: str | None = None, phone: bool = False) -> dict[str, Figure]:
    """The report's charts (of one section, or all), by name: the chart's key, with the incident
    for a chart drawn once per incident; with `phone`, only those that have a phone layout."""
    return {name: fig for _, name, fig in _drawn(ctx, section, phone)}


_KEPT: WeakKeyDictionary[Context, tuple[SectionSpec, ...]] = WeakKeyDictionary()


def kept(ctx: Context) -> tuple[SectionSpec, ...]:
    """The report's sections that have something to say for its incidents, in order: a section
    the data cannot support is left out (its gaps are in the disputed-and-missing table)."""
    if ctx not in _KEPT:
        specs = REPORTS[ctx.kind].sections
        _KEPT[ctx] = tuple(s for s in specs if not s.build(ctx, Section(s.key, "")).empty)
    return _KEPT[ctx]


def section(ctx: Context, key: str) -> Section:
    """A section of the report (or of its annex) with its charts, titled and numbered as the
    report's (or the annex's) contents say; a section left out of the report comes back empty."""
    spec = REPORTS[ctx.kind]
    in_report = any(s.key == key for s in spec.sections)
    numbered = kept(ctx) if in_report else spec.annex
    number = next((n for n, s in enumerate(numbered, start=1) if s.key == key), 0)
    spec = next(s for s in (spec.sections if in_report else spec.annex) if s.key == key)
    built = spec.build(ctx, Section(key, spec.title_for(ctx), number))
    if built.empty:
        return built
    return built.add(*_charts(ctx, key))


def _charts(ctx: Context, key: str) -> list[Chart]:
    """A section's charts, each with its phone layout."""
    wide = list(_drawn(ctx, key))
    with style.narrow():
        narrow = {name: fig for _, name, fig in _drawn(ctx, key, phone=True)}
    return [Chart(fig, charts.title_of(fig), narrow.get(name)) for _, name, fig in wide]


def front(ctx: Context) -> Front:
    """The report's opening: the headline finding, the findings, key numbers and the main chart."""
    spec = REPORTS[ctx.kind]
    contents = [(s.key, s.title_for(ctx)) for s in kept(ctx)]
    chart = next(iter(_charts(ctx, "front")), None)
    return common.front(ctx, spec.title(ctx), spec.subtitle(ctx), contents, spec.findings(ctx), chart)


def annex(ctx: Context) -> list[Section]:
    """The reviewer's annex: its sections in order."""
    return [section(ctx, s.key) for s in REPORTS[ctx.kind].annex]


def annex_html(ctx: Context) -> str:
    """The annex as a page of its own beside the report, in the report's style."""
    from analysis.report import render

    return render.render_annex(ctx, REPORTS[ctx.kind].title(ctx), annex(ctx))


def report(ctx: Context) -> list:
    """The whole report: its opening, then every section in order."""
    return [front(ctx), *(section(ctx, s.key) for s in kept(ctx))]
