"""What a report section is: plain data (text, tables as DataFrames, charts as Figures).

Section functions build these objects; `analysis.report.render` turns them into HTML through Jinja2
templates with autoescaping. In JupyterLab a section displays itself as that HTML, and its
tables and figures stay at hand as DataFrames and matplotlib Figures:
`section.tables[0]`, `section.figures[0]`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import ClassVar

import pandas as pd
from matplotlib.figure import Figure

from analysis.report.cells import Link


@dataclass
class Text:
    """A paragraph; `css` 'note' for the small print under a table or chart."""

    kind: ClassVar[str] = "text"

    text: str
    css: str = ""
    link: Link | None = None  # written after the text (the annex's link)


@dataclass
class Heading:
    """A heading inside a section (a section's own title is its heading)."""

    kind: ClassVar[str] = "heading"

    text: str
    level: int = 3


@dataclass
class Table:
    """A table: one DataFrame, its columns as the header; a cell is text, a number, a Link or
    Lines (the template renders links; no cell holds HTML)."""

    kind: ClassVar[str] = "table"

    frame: pd.DataFrame
    css: str = ""
    widths: tuple[int, ...] = ()


@dataclass
class Chart:
    """A matplotlib Figure; its alt text is the chart's title; `narrow`, the same chart laid out for
    a phone's width (the page shows it on a narrow screen)."""

    kind: ClassVar[str] = "chart"

    figure: Figure
    alt: str = ""
    narrow: Figure | None = None


Block = Text | Heading | Table | Chart


@dataclass
class Section:
    key: str
    title: str
    number: int = 0
    blocks: list[Block] = field(default_factory=list)

    def add(self, *blocks: Block | None) -> Section:
        self.blocks += [b for b in blocks if b is not None]
        return self

    @property
    def empty(self) -> bool:
        """Nothing to say for this incident: only the reason the data cannot support it."""
        return bool(self.blocks) and all(isinstance(b, Text) and "not-known" in b.css.split() for b in self.blocks)

    @property
    def tables(self) -> list[pd.DataFrame]:
        return [b.frame for b in self.blocks if isinstance(b, Table)]

    @property
    def figures(self) -> list[Figure]:
        return [b.figure for b in self.blocks if isinstance(b, Chart)]

    def _repr_html_(self) -> str:
        from analysis.report.render import render_section

        if self.empty:  # left out of the report; its gaps are in the disputed-and-missing table
            return ""
        return render_section(self)

    def __repr__(self) -> str:
        if self.empty:
            return f"<Section {self.key!r} left out: {' '.join(b.text for b in self.blocks)}>"
        kinds = ", ".join(type(b).__name__ for b in self.blocks)
        return f"<Section {self.number} {self.key!r}: {self.title} [{kinds}]>"


@dataclass
class Front:
    """The report's opening: its name, the headline finding, the findings, key numbers, a chart."""

    title: str
    headline: str
    subtitle: str
    paragraphs: list[str]
    numbers: list  # findings.KeyNumber: value, label
    chart: Chart | None
    dated: str  # the day its data were last checked and its edition, the sentence's joiner after it
    meta: str  # how every number can be traced
    contents_title: str
    contents: list[tuple[str, str]]  # (anchor, heading)

    def _repr_html_(self) -> str:
        from analysis.report.render import render_front

        return render_front(self)

    def __repr__(self) -> str:
        return f"<Front {self.headline!r}>"
