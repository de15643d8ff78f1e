from decimal import Decimal

import pytest

from analysis.data.loading import load_dataset
from analysis.measures.compensation import compensation_figures


@pytest.fixture(scope="module")
def figures():
    return compensation_figures(load_dataset().compensation, "coincheck-2018")


def test_total_paid_is_units_times_price(figures):
    # 523,000,000 XEM x 88.549 JPY = 523 x 88,549,000 = 46,311,127,000 JPY, exactly.
    assert figures.total_paid_jpy == Decimal("46311127000")


def test_price_implied_by_reported_loss(figures):
    # 58,000,000,000 / 523,000,000 = 110.8986... JPY per XEM.
    assert round(figures.implied_price_jpy, 3) == Decimal("110.899")


def test_ratio_paid_to_reported(figures):
    # 46,311,127,000 / 58,000,000,000 = 0.79846...; also 88.549 / 110.8986.
    assert round(figures.paid_to_reported_ratio, 4) == Decimal("0.7985")


def test_average_per_holder(figures):
    # 46,311,127,000 / 260,000 = 178,119.72 JPY; the holder count is approximate.
    assert round(figures.average_per_holder_jpy, 2) == Decimal("178119.72")
    assert figures.holders_approximate


def test_price_window(figures):
    # 26 Jan 12:09 -> 27 Jan 23:00 JST = 34 h 51 min.
    assert figures.window_hours == Decimal("34.85")
    assert figures.window_start.utcoffset().total_seconds() == 9 * 3600


def test_rows_mark_what_rests_on_approximate_facts(figures):
    rows = {r["figure"]: r for r in figures.as_rows()}
    assert rows["total_paid"]["value"] == "46311127000" and not rows["total_paid"]["approximate"]
    assert rows["paid_to_reported_ratio"]["approximate"]
    assert rows["average_per_holder"]["value"] == "178120"


def test_unknown_asset():
    with pytest.raises(KeyError, match="no compensation facts for coincheck-2018 BTC"):
        compensation_figures(load_dataset().compensation, "coincheck-2018", "BTC")
