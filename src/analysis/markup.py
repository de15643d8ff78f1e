"""HTML building blocks for the report pages: everything from the data is escaped here."""

from __future__ import annotations

import base64
import html

import pandas as pd
from IPython.display import HTML

from analysis import style
from analysis.labels import t, value_label


class Markup(str):
    """Text that is already safe HTML."""


def esc(value) -> str:
    return "" if value is None or (not isinstance(value, str) and pd.isna(value)) else html.escape(str(value))


def table(headers: list[str], rows: list[list], css: str = "", widths: list[int] | None = None) -> str:
    """An HTML table; cells are escaped unless they were built as Markup."""
    cols = "".join(f'<col style="width:{w}%"/>' for w in widths or [])
    colgroup = f"<colgroup>{cols}</colgroup>" if cols else ""
    head = "".join(f"<th>{esc(h)}</th>" for h in headers)
    body = "".join("<tr>" + "".join(f"<td>{_cell(c)}</td>" for c in row) + "</tr>" for row in rows)
    return f'<table class="data {css}">{colgroup}<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>'


def _cell(value) -> str:
    return value if isinstance(value, Markup) else esc(value)


def link(urls) -> Markup:
    """One link per address; a cell may hold several separated by ' ; '."""
    if urls is None or (not isinstance(urls, str) and pd.isna(urls)) or not urls:
        return Markup("")
    return Markup("<br/>".join(f'<a href="{esc(u)}">{esc(u)}</a>' for u in str(urls).split(" ; ")))


def page_links(pages, lang: str) -> Markup:
    """One link per page read, named by its publisher; the tooltip shows what the page prints."""
    return Markup(
        "<br/>".join(
            f'<a href="{esc(p.url)}" title="{esc(page_tooltip(p, lang))}">{esc(p.publisher)}</a>' for p in pages
        )
    )


def page_tooltip(page, lang: str) -> str:
    figures = "; ".join(printed_figure(f, lang) for f in page.figures)
    return f"{page.publisher}, {page.published or '—'}: {figures}"


def printed_figure(figure, lang: str) -> str:
    """A figure as its page prints it, where it stands and, outside Japan time, its zone."""
    where = value_label("where", figure.where, lang)
    zone = f", {t('zone_note', lang, zone=figure.zone)}" if figure.zone else ""
    return f"「{figure.printed}」({where}{zone})" if lang == "ja" else f"“{figure.printed}” ({where}{zone})"


def sources_cell(row, lang: str) -> Markup:
    """The pages of a researched row, or the link the seed gives for one of its items."""
    pages = getattr(row, "pages", ())
    return page_links(pages, lang) if pages else link(row.source_url)


def figure_html(fig, alt: str) -> str:
    data = base64.b64encode(style.png_bytes(fig)).decode("ascii")
    return f'<figure><img src="data:image/png;base64,{data}" alt="{esc(alt)}"/></figure>'


def title(lang: str, title_key: str, subtitle_key: str) -> HTML:
    return HTML(
        f'<h1>{esc(t(title_key, lang))}</h1><p class="subtitle">{esc(t(subtitle_key, lang))}</p>'
        f'<p class="meta">{esc(t("generated", lang))}</p>'
    )


def toc(sections: tuple[str, ...], lang: str) -> HTML:
    items = "".join(f'<li><a href="#{s}">{esc(t(s, lang))}</a></li>' for s in sections)
    return HTML(f'<nav class="toc"><h2>{esc(t("toc", lang))}</h2><ol>{items}</ol></nav>')


def heading(sections: tuple[str, ...], section: str, lang: str) -> HTML:
    return HTML(f'<h2 id="{section}">{sections.index(section) + 1}. {esc(t(section, lang))}</h2>')
