"""One renderer: report objects (analysis.model) to HTML through Jinja2 templates with autoescape."""

from __future__ import annotations

import base64
from functools import cache
from pathlib import Path

import pandas as pd
from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup

from analysis import style

TEMPLATES = Path(__file__).resolve().parent / "templates" / "sections"


def _svg_uri(figure) -> str:
    """The chart as vector graphics: sharp at a phone's width and in the printed PDF."""
    return "data:image/svg+xml;base64," + base64.b64encode(style.svg_text(figure).encode()).decode("ascii")


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
    return env


def render_section(section) -> str:
    return environment().get_template("section.html.j2").render(section=section)


def render_front(front) -> str:
    return environment().get_template("front.html.j2").render(front=front)
