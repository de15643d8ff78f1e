from decimal import Decimal

import pytest

from analysis.data.loading import load_dataset
from analysis.measures.compensation import compensation_figures

from conftest import set_cell


@pytest.fixture(scope="module")
def figures():
    return compensation_figures(load_dataset().compensation, "coincheck-2018", "XEM")


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


def test_a_remedy_in_another_asset_is_stated_in_it(data_copy):
    """Units come from the row's asset, not from a literal: Coincheck's facts restated in BTC load,
    compute the same figures, and the compensation charts speak of BTC; XEM units on a BTC row are
    refused, naming the unit the row needs."""
    import csv

    from analysis.report import charts, registry
    from analysis.report.context import prepare_incident

    from conftest import problems_of

    path = data_copy / "compensation.csv"
    rows = list(csv.reader(path.open(encoding="utf-8", newline="")))
    asset, unit = rows[0].index("asset"), rows[0].index("unit")
    for r in rows[1:]:
        if r[0] == "coincheck-2018":
            r[asset] = "BTC"
            r[unit] = r[unit].replace("XEM", "BTC")
    with path.open("w", encoding="utf-8", newline="") as f:
        csv.writer(f, lineterminator="\n").writerows(rows)
    btc = compensation_figures(load_dataset(data_copy).compensation, "coincheck-2018", "BTC")
    assert btc.asset == "BTC" and btc.total_paid_jpy == Decimal("46311127000")
    ctx = prepare_incident(lang="en", data_dir=data_copy)
    drawn = registry.charts_of(ctx, "compensation")
    text = charts.title_of(drawn["compensation"]) + " ".join(
        t.get_text() for ax in drawn["compensation"].axes for t in ax.texts
    )
    assert "BTC" in text and "XEM" not in text
    line = next(i for i, r in enumerate(rows, start=1) if r[0] == "coincheck-2018" and r[unit] == "JPY/BTC")
    set_cell(path, line, "unit", "JPY/XEM")
    [problem] = problems_of(data_copy)
    assert (problem.line, problem.column, problem.value) == (line, "unit", "JPY/XEM")
    assert "use JPY/BTC" in problem.message
