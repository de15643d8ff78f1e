"""What a table's cell may hold besides text and numbers: links, and several parts in one cell.

Cells are data; the section template (templates/sections/section.html.j2) writes the HTML, so no
section function builds markup and a table read in JupyterLab holds the links' addresses and texts.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Link:
    """A link in a table's cell: where it goes, what it says and, when set, its tooltip (a page's
    address, or what the page prints). The section template writes the <a> element."""

    href: str
    text: str
    title: str | None = None

    def __str__(self) -> str:  # a table shown in JupyterLab reads as text
        return self.text


@dataclass(frozen=True)
class Lines:
    """A cell of several parts (text, links, other Lines), one per line, or on one line separated
    by a space (`inline`): a page's links, a disputed value followed by its pages."""

    parts: tuple[str | Link | Lines, ...]
    inline: bool = False

    def __str__(self) -> str:
        return (" " if self.inline else "\n").join(map(str, self.parts))
