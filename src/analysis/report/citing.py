"""How the reports cite: a link per page read, named by its publisher, its printed figures as tooltip.
Links are data (model.Link, model.Lines) that the section template renders."""

from __future__ import annotations

from datetime import date
from urllib.parse import urlsplit

import pandas as pd

from analysis import l10n
from analysis.data import printed
from analysis.report.cells import Lines, Link


def link(urls) -> Lines:
    """One link per address, named by its site; a cell may hold several separated by ' ; '."""
    if urls is None or (not isinstance(urls, str) and pd.isna(urls)) or not urls:
        return Lines(())
    return Lines(tuple(Link(u, domain(u), u) for u in str(urls).split(" ; ")))


def link_to(href: str, text: str) -> Link:
    """A link to a file beside the report (another report, the annex)."""
    return Link(href, text)


def kind(page, lang: str) -> str:
    """The kind of page (a regulator's, the company's, a newspaper's...), as readers name it."""
    return l10n.label("page_kind", page.kind, lang) if page.kind else ""


def page_date(published: str, lang: str) -> str:
    """A page's date as precise as it is known (a day, a month or a year), or a dash."""
    if not published:
        return "—"
    parts = [int(p) for p in published.split("-")]
    if len(parts) == 3:
        return l10n.day(date(*parts), lang)
    if len(parts) == 2:
        return l10n.month(*parts, lang)
    return published


def domain(url: str) -> str:
    host = urlsplit(url).hostname or url
    return host.removeprefix("www.")


def printed_figure(figure, lang: str) -> str:
    """A figure as its page prints it, where it stands and, outside Japan time, its zone."""
    where = l10n.label("where", figure.where, lang)
    zone = l10n.t("zone_note", lang, zone=l10n.label("zone", figure.zone, lang)) if figure.zone else ""
    return l10n.t("printed_figure", lang, figure=l10n.quoted(figure.printed, lang), where=where, zone=zone)


def publisher(page, lang: str) -> str:
    """A page's publisher as the language writes it: the names as pages.csv gives them, the
    English words of a gloss ("copy of a Cointelegraph story", "megalodon.jp archive") in the
    language's words (catalogue [publisher_words], longest first), and its brackets."""
    text, glosses = page.publisher, l10n.catalogue(lang)["publisher_words"]
    for words in sorted(glosses, key=len, reverse=True):
        text = text.replace(words, glosses[words])
    return l10n.brackets(text, lang)


def page_tooltip(page, lang: str) -> str:
    figures = l10n.t("figure_separator", lang).join(printed_figure(f, lang) for f in page.figures)
    return l10n.t("page_tooltip", lang, publisher=publisher(page, lang), date=page.published or "—", figures=figures)


def page_links(pages, lang: str) -> Lines:
    """One link per page read, named by its publisher; the tooltip shows what the page prints."""
    return Lines(tuple(Link(p.url, publisher(p, lang), page_tooltip(p, lang)) for p in pages))


def sources_cell(row, lang: str) -> Lines:
    """The pages of a researched row, or the link the seed gives for one of its items."""
    pages = getattr(row, "pages", ())
    return page_links(pages, lang) if pages else link(row.source_url)


def figures_cell(page, lang: str) -> Lines:
    return Lines(tuple(printed_figure(f, lang) for f in page.figures))


def value_pages(data, incident_id: str) -> tuple:
    """The pages that print a theft's US-dollar value (incidents.csv value_usd): among the pages of its
    incidents.csv row and of its value row (story.csv), those with a figure of that amount or, for a
    value that adds up parts (Liquid's two entities), of one of the parts. The pages of what was stolen
    often print no dollar figure (Coincheck's value is The Japan Times' conversion)."""
    return _value_basis(data, incident_id)[0]


def value_text(data, incident_id: str, lang: str, say_sum: bool = True) -> str:
    """A theft's US-dollar value as the report writes it: "about" when its page prints it so (or any
    part of a sum is so printed), and a sum of parts said to be one (a chart's bar label, short,
    leaves that to its table: say_sum=False)."""
    value = int(data.incidents.set_index("incident_id").at[incident_id, "value_usd"])
    _, approximate, summed = _value_basis(data, incident_id)
    text = l10n.about(l10n.dollars(value, lang), lang, approximate)
    # A sum no page prints (Liquid's two entities) is said to be one.
    return l10n.t("value_sum", lang, value=text) if summed and say_sum else text


def _value_basis(data, incident_id: str) -> tuple[tuple, bool, bool]:
    """The pages that print the value (see value_pages), whether any of those figures is approximate
    and whether the value is a sum of parts that no page prints whole."""
    incidents, story = data.incidents, data.story
    value = int(incidents.set_index("incident_id").at[incident_id, "value_usd"])
    value_row = story[(story["incident_id"] == incident_id) & (story["aspect"] == "value")]
    read = [p for pages in (*incidents.loc[incidents["incident_id"] == incident_id, "pages"], *value_row["pages"])
            for p in pages]  # fmt: skip
    parts = [v for text in value_row[l10n.reference_column("text")] for v in printed.dollars_in(text)]

    def printing(wanted) -> tuple[tuple, bool]:
        found, approximate = {}, False
        for page in read:
            shown = [
                a
                for f in page.figures
                for a in _dollar_amounts(f.printed)
                if any(abs(a.value - w) < 0.5 for w in wanted)
            ]
            if shown:
                found.setdefault(page.url, page)
                approximate = approximate or any(a.approximate for a in shown)
        return tuple(found.values()), approximate

    exact = printing([value])
    return (*exact, False) if exact[0] else (*printing(parts), True)


def _dollar_amounts(text: str) -> list:
    try:
        return [a for a in printed.amounts_in(text) if a.unit == "USD"]
    except printed.Unreadable:
        return []
