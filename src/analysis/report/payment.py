"""The share of the reported loss paid and the price per unit that loss implies, as every part of a
report writes them: to the precision the reported loss supports, so page 1, its key numbers and the
charts give one value."""

from __future__ import annotations

from analysis import l10n
from analysis.measures.compensation import CompensationFigures


def _places(f: CompensationFigures) -> int:
    """Decimals a figure derived from the reported loss is written to: a loss the pages print as a
    round figure (約580億円, two significant digits) supports whole numbers, about 80% and about
    111 JPY, not 79.8% or 110.9 JPY; an exact loss, one decimal."""
    return 0 if f.reported_loss_approximate else 1


def share(f: CompensationFigures, lang: str) -> str:
    """The share of the reported loss paid: "about 80%"."""
    return l10n.about(l10n.percent(f.paid_to_reported_ratio, lang, _places(f)), lang, f.reported_loss_approximate)


def implied(f: CompensationFigures, lang: str) -> str:
    """The price per unit the reported loss implies, a number without its "about" or unit ("111")."""
    return l10n.number(f.implied_price_jpy, lang, _places(f))
