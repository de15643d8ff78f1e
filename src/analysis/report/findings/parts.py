"""What a report's findings are made of: a headline, its paragraphs and key numbers, and a
catalogue sentence that is left out when any of its facts is missing."""

from __future__ import annotations

from dataclasses import dataclass

from analysis import l10n


@dataclass(frozen=True)
class KeyNumber:
    value: str
    label: str


@dataclass(frozen=True)
class Findings:
    headline: str
    paragraphs: list[str]
    numbers: list[KeyNumber]


def _sentence(key: str, lang: str, **fields) -> str | None:
    return None if any(v is None for v in fields.values()) else l10n.t(key, lang, **fields)
