"""The site's pages: Jinja2 templates (templates/site) with autoescape, every word from the
catalogue. Every link is relative to its page, so that the site works from a file, from a web
server's root and from a sub-path (GitHub Pages serves a project at /<repo>/)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path, PurePosixPath

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup

from analysis import l10n, typeset
from analysis.site.content import Report, Variant

TEMPLATES = Path(__file__).resolve().parents[1] / "templates" / "site"
# The site's menu: (catalogue key, page from the language's folder).
MENU = (
    ("site_nav_reports", "index.html"),
    ("site_nav_search", "search.html"),
    ("site_nav_data", "data.html"),
    ("site_nav_corrections", "corrections.html"),
)


@cache
def environment() -> Environment:
    env = Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    # A report's words as the reports set them: each quantity (「約11時間23分」, 「8〜9日」, a date:
    # l10n.quantity_pattern) in a span kept on one line (site.css .nobr), the rest left to break
    # where the language breaks (phrases in Japanese). Text only: never in an attribute.
    env.filters["unbroken"] = typeset.unbroken
    return env


def root_of(path: str) -> str:
    """The way from a page (its path from the site's top) back to the top: '' or '../' or ..."""
    return "../" * (len(PurePosixPath(path).parts) - 1)


@dataclass(frozen=True)
class Other:
    """The same page in another language."""

    lang: str
    name: str  # the language's name in itself
    href: str


def others(lang: str, href_of) -> list[Other]:
    """The page in every other language; `href_of(lang)` is its address from this page."""
    return [Other(o, l10n.t("site_language_name", o), href_of(o)) for o in l10n.others(lang)]


def _render(template: str, path: str, lang: str, **fields) -> str:
    """A page of the site at `path` (from the site's top) in `lang`."""
    menu = [(key, f"{lang}/{href}") for key, href in MENU]
    t = lambda key, **f: l10n.t(key, lang, **f)  # noqa: E731
    text = (
        environment().get_template(template).render(lang=lang, root=root_of(path), here=path, menu=menu, t=t, **fields)
    )
    return text.rstrip("\n") + "\n"


def _switch(path: str, lang: str, path_in) -> list[Other]:
    """The same page in the other languages: `path_in(lang)` is its path from the site's top."""
    root = root_of(path)
    return others(lang, lambda o: root + path_in(o))


def language_name(of: str, lang: str) -> str:
    """A language as `lang` names it (the catalogue's [language]), else as it names itself."""
    return (
        l10n.label("language", of, lang) if l10n.has_label("language", of, lang) else l10n.t("site_language_name", of)
    )


def spoken(langs: list[str], lang: str) -> str:
    """Languages as a sentence lists them: 'English and Japanese', 「日本語と英語」."""
    names = [language_name(o, lang) for o in langs]
    if len(names) < 2:
        return "".join(names)
    return l10n.join(names[:-1], lang) + l10n.t("site_last_joiner", lang) + names[-1]


def home(lang: str, reports: list[Report]) -> str:
    path = f"{lang}/index.html"
    by_language: dict[str, list[Report]] = {}
    for r in reports:
        by_language.setdefault(r.lang, []).append(r)
    mine = by_language.get(lang, [])
    by_variant = {r.variant: r for r in reports}
    formats = {}
    for r in mine:
        v = Variant(r.kind, r.lang, r.incident_id)
        formats[r.variant] = [
            {
                "lang": o,
                "language": l10n.t("site_language_name", o),
                "colon": l10n.t("label_colon", lang),
                "variant": v.other(o).name,
            }
            for o in [lang, *l10n.others(lang)]
            if v.other(o).name in by_variant
        ]
    languages = spoken([lang, *l10n.others(lang)], lang)
    incidents = [r for r in mine if r.kind == "incident"]
    return _render(
        "home.html.j2",
        path,
        lang,
        title=l10n.t("site_name", lang),
        switch=_switch(path, lang, lambda o: f"{o}/index.html"),
        intro=l10n.t("site_intro", lang, n=l10n.number(len(incidents), lang), languages=languages),
        comparison=next((r for r in mine if r.kind == "comparison"), None),
        incidents=incidents,
        formats=formats,
    )


def charts(report: Report, reports: list[Report]) -> str:
    lang = report.lang
    path = f"{lang}/charts/{report.variant}.html"
    v = Variant(report.kind, lang, report.incident_id)
    have = {r.variant for r in reports}
    switch = [
        o for o in _switch(path, lang, lambda o: f"{o}/charts/{v.other(o).name}.html") if v.other(o.lang).name in have
    ]
    title = l10n.t("site_charts_title", lang, title=report.title)
    return _render("charts.html.j2", path, lang, title=title, switch=switch, report=report)


def simple(name: str, lang: str, title_key: str, **fields) -> str:
    """A page of the language's folder under the same name in every language (data, corrections, search)."""
    path = f"{lang}/{name}.html"
    return _render(f"{name}.html.j2", path, lang, title=l10n.t(title_key, lang),
                   switch=_switch(path, lang, lambda o: f"{o}/{name}.html"), **fields)  # fmt: skip


def root_page(incidents: int) -> str:
    """The site's top: the site in each language, the default language first."""
    order = [l10n.DEFAULT_LANGUAGE, *l10n.others(l10n.DEFAULT_LANGUAGE)]
    choices = [
        {
            "lang": o,
            "name": l10n.t("site_name", o),
            "intro": l10n.t("site_intro", o, n=l10n.number(incidents, o), languages=spoken(order, o)),
            "choose": l10n.t("site_choose_language", o),
            "colon": l10n.t("label_colon", o),
            "language": l10n.t("site_language_name", o),
        }
        for o in order
    ]
    title = " / ".join(c["name"] for c in choices)
    text = environment().get_template("root.html.j2").render(lang=order[0], title=title, choices=choices)
    return text.rstrip("\n") + "\n"


def stylesheet() -> str:
    """The site's stylesheet, then the rules each language's catalogue sets (fonts, line breaking),
    for any element in a language (the top page holds every language, a card names the others)."""
    per_language = l10n.stylesheet().replace("html:lang(", ":lang(")
    return (TEMPLATES / "site.css").read_text(encoding="utf-8") + per_language


def asset(name: str) -> str:
    return (TEMPLATES / name).read_text(encoding="utf-8")


_BODY = re.compile(r"<body\b[^>]*>")
_MAIN = re.compile(r"<main\b([^>]*)>")


def report_page(html: str, report: Report, path: str, annex: bool = False) -> str:
    """A report (or its reviewer's annex) as the site serves it: the site's bar at the top (home,
    charts, PDF, the other languages) and, for a report, its main content marked as what the
    search indexes (Pagefind's data-pagefind-body) under the report's title. The report itself is
    left as the build wrote it."""
    lang, root = report.lang, root_of(path)
    v = Variant(report.kind, lang, report.incident_id)
    switch = others(lang, lambda o: f"{v.other(o).name}.html")  # beside it, in the same folder
    bar = (
        environment()
        .get_template("bar.html.j2")
        .render(
            lang=lang,
            root=root,
            variant=report.variant,
            charts=not annex,
            pdf="" if annex else f"{report.variant}.pdf",
            switch=switch,
            t=lambda key, **f: l10n.t(key, lang, **f),
        )
    )
    head = Markup('<link rel="stylesheet" href="{}">\n<link rel="icon" href="data:,">\n').format(
        f"{root}assets/bar.css"
    )
    if not annex:
        head += Markup('<meta data-pagefind-meta="title[content]" content="{}">\n').format(report.title)
    if html.count("</head>") != 1 or len(_BODY.findall(html)) != 1 or (not annex and len(_MAIN.findall(html)) != 1):
        raise ValueError(f"{path}: not a report page as the build writes it (one head, body and main)")
    html = html.replace("</head>", str(head) + "</head>", 1)
    html = _BODY.sub(lambda m: m.group(0) + "\n" + bar, html, count=1)
    if not annex:
        html = _MAIN.sub(lambda m: f"<main{m.group(1)} data-pagefind-body>", html, count=1)
    return html
