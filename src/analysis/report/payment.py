"""The share of the reported loss paid and the price per unit that loss implies, as every part of a
report writes them: to the precision the reported loss supports, with "about" exactly when the
figure is rounded or rests on a round loss, so page 1, its key numbers and the charts give one
value, said one way."""

from __future__ import annotations

from decimal import ROUND_HALF_EVEN, Decimal

from analysis import l10n
from analysis.measures.compensation import CompensationFigures


def _places(f: CompensationFigures, value: Decimal) -> int:
    """Decimals a figure derived from the reported loss is written to: a loss the pages print as a
    round figure (約580億円, two significant digits) supports whole numbers, about 80% and about
    111 JPY, not 79.8% or 110.9 JPY; an exact loss, one decimal. Never fewer than two significant
    digits, so a small figure keeps its size (about 0.52%, not about 1% or 0%)."""
    least = 1 - value.adjusted() if value else 0  # decimals that show two significant digits
    return max(0 if f.reported_loss_approximate else 1, least)


def rounded(value: Decimal, places: int) -> bool:
    """Whether writing the value to `places` decimals changes it (half to even, as Babel writes it)."""
    return value != value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_EVEN)


def _told(value: Decimal, f: CompensationFigures, lang: str, percent: bool = False) -> str:
    places = _places(f, value)
    text = l10n.percent(value / 100, lang, places) if percent else l10n.number(value, lang, places)
    # nothing paid is exact, however round the loss it is measured against
    return l10n.about(text, lang, bool(value) and (f.reported_loss_approximate or rounded(value, places)))


def loss(f: CompensationFigures, lang: str) -> str:
    """The reported loss in the language's large unit, "about" where the pages print it so: 約580億円."""
    return l10n.about(l10n.big_money(f.reported_loss_jpy, lang), lang, f.reported_loss_approximate)


def share(f: CompensationFigures, lang: str) -> str:
    """The share of the reported loss paid: "about 80%"."""
    return _told(f.paid_to_reported_ratio * 100, f, lang, percent=True)


def implied(f: CompensationFigures, lang: str) -> str:
    """The price per unit the reported loss implies, a number with its "about" where due and without
    its unit ("about 111")."""
    return _told(f.implied_price_jpy, f, lang)
