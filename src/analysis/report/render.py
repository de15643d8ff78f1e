"""One renderer: report objects (analysis.report.model) to HTML through Jinja2 templates with autoescape."""

from __future__ import annotations

import base64
from datetime import date
from functools import cache
from pathlib import Path

import pandas as pd
from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup

from analysis import l10n, typeset
from analysis.report import style
from analysis.report.cells import Lines, Link

TEMPLATES = Path(__file__).resolve().parents[1] / "templates" / "sections"


def _svg_uri(figure) -> str:
    """The chart as vector graphics: sharp at a phone's width and in the printed PDF."""
    return "data:image/svg+xml;base64," + base64.b64encode(style.svg_text(figure).encode()).decode("ascii")


def _css_string(text: str) -> str:
    """Text as a quoted CSS string, inside a <style> element, where HTML escapes are not read: every
    character but letters, digits and spaces written as a CSS escape, so no text can end the string
    or the element."""
    return '"' + "".join(c if c.isalnum() or c == " " else f"\\{ord(c):x} " for c in text) + '"'


def _cell(value):
    """A table cell as text: empty for a missing value, Markup kept as it is (it is already safe)."""
    if isinstance(value, Markup):
        return value
    if value is None or (not isinstance(value, (str, list, tuple)) and pd.isna(value)):
        return ""
    return str(value)


@cache
def environment() -> Environment:
    env = Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=False,
    )
    env.filters["svg_uri"] = _svg_uri
    env.filters["cell"] = _cell
    env.tests["link"] = lambda value: isinstance(value, Link)
    env.tests["lines"] = lambda value: isinstance(value, Lines)
    env.filters["unbroken_numbers"] = typeset.unbroken
    env.filters["unbroken_quantities"] = lambda text: typeset.unbroken(text, about_apart=True)
    return env


def lead_ins(blocks: list) -> list[tuple[bool, list]]:
    """The blocks in runs to be kept on one page: the section's heading with the text that opens it,
    and each heading with the text after it, each with the chart or short table that follows (a
    heading never ends a page alone; a long table may start on its own). Returns (kept together,
    blocks) pairs; the first run always exists (it carries the section's heading)."""
    runs, i = [], 0
    while i < len(blocks) or not runs:
        if not runs or blocks[i].kind == "heading":
            j = i + (1 if runs else 0)
            while j < len(blocks) and blocks[j].kind == "text" and j - i < 3:
                j += 1
            if j < len(blocks) and blocks[j].kind in ("table", "chart") and _fits_a_page(blocks[j]):
                j += 1
            runs.append((True, blocks[i:j]))
            i = j
        else:
            runs.append((False, [blocks[i]]))
            i += 1
    return runs


def _fits_a_page(block) -> bool:
    return block.kind != "table" or len(block.frame) <= 12


def render_section(section) -> str:
    return environment().get_template("section.html.j2").render(section=section, runs=lead_ins(section.blocks))


def render_front(front) -> str:
    return environment().get_template("front.html.j2").render(front=front)


def stylesheet() -> str:
    """The report's stylesheet: report.css, then the rules each language's catalogue sets."""
    return (TEMPLATES.parent / "report" / "report.css").read_text(encoding="utf-8") + l10n.stylesheet()


def page_foot(lang: str, as_of: date, edition: str) -> str:
    """The printed report's dateline and edition, at the foot of every page, page 1 among them however
    long its findings run, so that a page printed or cited alone names the text it is from
    (report.css sets its type)."""
    dateline = l10n.t("dateline", lang, day=l10n.day(as_of, lang), edition=edition)
    return "@page { @bottom-left { content: " + _css_string(dateline) + "; } }\n"


def render_annex(ctx, report_title: str, sections) -> str:
    """A standalone page (the reviewer's annex) with the report's stylesheet and a link back."""
    css = stylesheet()
    return (
        environment()
        .get_template("annex.html.j2")
        .render(
            lang=ctx.lang,
            title=l10n.t("annex_title", ctx.lang, title=report_title),
            back=l10n.t("annex_back", ctx.lang),
            back_href=f"../{ctx.variant}.html",
            intro=l10n.t("annex_intro", ctx.lang),
            css=Markup(css),
            sections=[Markup(render_section(s)) for s in sections],
        )
    )
