"""What the customers were paid, next to the loss as it was reported.

Amounts are computed with Decimal from the text in the CSV, so the total is exact to the yen.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import ROUND_HALF_EVEN, Decimal

import pandas as pd


@dataclass(frozen=True)
class Fact:
    value: str
    unit: str
    approximate: bool
    seed_item: str
    line: int
    source_id: str


@dataclass(frozen=True)
class CompensationFigures:
    incident_id: str
    asset: str
    units_stolen: Decimal
    price_per_unit_jpy: Decimal
    holders: Decimal
    holders_approximate: bool
    reported_loss_jpy: Decimal
    reported_loss_approximate: bool
    window_start: datetime
    window_end: datetime
    facts: dict[str, Fact]

    @property
    def total_paid_jpy(self) -> Decimal:
        return self.units_stolen * self.price_per_unit_jpy

    @property
    def implied_price_jpy(self) -> Decimal:
        """The price per unit at which the stolen units would be worth the reported loss."""
        return self.reported_loss_jpy / self.units_stolen

    @property
    def paid_to_reported_ratio(self) -> Decimal:
        return self.total_paid_jpy / self.reported_loss_jpy

    @property
    def average_per_holder_jpy(self) -> Decimal:
        return self.total_paid_jpy / self.holders

    @property
    def window_hours(self) -> Decimal:
        return Decimal((self.window_end - self.window_start).total_seconds()) / 3600

    def as_rows(self) -> list[dict]:
        """The figures as a table: what, value, unit, and whether it rests on an approximate fact."""

        def q(x: Decimal, places: str) -> str:
            return str(x.quantize(Decimal(places), rounding=ROUND_HALF_EVEN))

        return [
            dict(figure="units_stolen", value=q(self.units_stolen, "1"), unit=self.asset, approximate=False),
            dict(
                figure="price_per_unit", value=str(self.price_per_unit_jpy), unit=f"JPY/{self.asset}", approximate=False
            ),
            dict(figure="total_paid", value=q(self.total_paid_jpy, "1"), unit="JPY", approximate=False),
            dict(
                figure="reported_loss",
                value=q(self.reported_loss_jpy, "1"),
                unit="JPY",
                approximate=self.reported_loss_approximate,
            ),
            dict(
                figure="implied_price_per_unit",
                value=q(self.implied_price_jpy, "0.001"),
                unit=f"JPY/{self.asset}",
                approximate=self.reported_loss_approximate,
            ),
            dict(
                figure="paid_to_reported_ratio",
                value=q(self.paid_to_reported_ratio, "0.0001"),
                unit="ratio",
                approximate=self.reported_loss_approximate,
            ),
            dict(figure="holders", value=q(self.holders, "1"), unit="persons", approximate=self.holders_approximate),
            dict(
                figure="average_per_holder",
                value=q(self.average_per_holder_jpy, "1"),
                unit="JPY",
                approximate=self.holders_approximate,
            ),
            dict(figure="price_window_hours", value=q(self.window_hours, "0.01"), unit="hours", approximate=False),
        ]


def compensation_figures(compensation: pd.DataFrame, incident: str, asset: str) -> CompensationFigures:
    rows = compensation[(compensation["incident_id"] == incident) & (compensation["asset"] == asset)]
    if rows.empty:
        pairs = sorted(set(zip(compensation["incident_id"], compensation["asset"])))
        raise KeyError(
            f"no compensation facts for {incident} {asset}; the data has: " + ", ".join(f"{i} {a}" for i, a in pairs)
        )
    facts = {
        r.fact: Fact(r.value, r.unit, bool(r.approximate), r.seed_item, int(line), r.source_id)
        for line, r in zip(rows.index, rows.itertuples(index=False))
    }
    return CompensationFigures(
        incident_id=incident,
        asset=asset,
        units_stolen=Decimal(facts["units_stolen"].value),
        price_per_unit_jpy=Decimal(facts["price_per_unit"].value),
        holders=Decimal(facts["holders"].value),
        holders_approximate=facts["holders"].approximate,
        reported_loss_jpy=Decimal(facts["reported_loss_jpy"].value),
        reported_loss_approximate=facts["reported_loss_jpy"].approximate,
        window_start=datetime.fromisoformat(facts["price_window_start"].value),
        window_end=datetime.fromisoformat(facts["price_window_end"].value),
        facts=facts,
    )
