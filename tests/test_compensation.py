"""Compensation maths on the invented fixture data (tests/fixtures/data/compensation.csv: example-2020
paid 25.5 JPY per ETH for 4,000,000 ETH to about 7,000 holders, against about 130 million JPY
reported, price averaged from 7 Feb 2020 12:00 to 8 Feb 18:30 JST), and, last, the real Coincheck
figures on data/."""

from decimal import Decimal

import pytest

from analysis.data.loading import load_dataset
from analysis.measures.compensation import compensation_figures

from conftest import set_cell


@pytest.fixture(scope="module")
def figures(fixture_dataset):
    return compensation_figures(fixture_dataset.compensation, "example-2020", "ETH")


def test_total_paid_is_units_times_price(figures):
    # 4,000,000 ETH x 25.5 JPY = 102,000,000 JPY, exactly.
    assert figures.total_paid_jpy == Decimal("102000000")


def test_price_implied_by_reported_loss(figures):
    # 130,000,000 / 4,000,000 = 32.5 JPY per ETH.
    assert round(figures.implied_price_jpy, 3) == Decimal("32.500")


def test_ratio_paid_to_reported(figures):
    # 102,000,000 / 130,000,000 = 0.784615...; also 25.5 / 32.5.
    assert round(figures.paid_to_reported_ratio, 4) == Decimal("0.7846")


def test_average_per_holder(figures):
    # 102,000,000 / 7,000 = 14,571.428... JPY; the holder count is approximate.
    assert round(figures.average_per_holder_jpy, 2) == Decimal("14571.43")
    assert figures.holders_approximate


def test_price_window(figures):
    # 7 Feb 12:00 -> 8 Feb 18:30 JST = 30 h 30 min.
    assert figures.window_hours == Decimal("30.5")
    assert figures.window_start.utcoffset().total_seconds() == 9 * 3600


def test_rows_mark_what_rests_on_approximate_facts(figures):
    rows = {r["figure"]: r for r in figures.as_rows()}
    assert rows["total_paid"]["value"] == "102000000" and not rows["total_paid"]["approximate"]
    # The reported loss is "about" (approximate true): so is the ratio that divides by it.
    assert rows["paid_to_reported_ratio"]["approximate"]
    # 14,571.43 rounded to the yen.
    assert rows["average_per_holder"]["value"] == "14571"


def test_unknown_asset(fixture_dataset):
    with pytest.raises(KeyError, match="no compensation facts for example-2020 BTC; the data has: example-2020 ETH"):
        compensation_figures(fixture_dataset.compensation, "example-2020", "BTC")


def test_coincheck_figures_as_the_seed_gives_them():
    """The facts of data/: Coincheck's compensation as the report prints it (seed items 9, 10, 13,
    14 and the lead); a correction to them changes these numbers, and only tests of facts like this."""
    figures = compensation_figures(load_dataset().compensation, "coincheck-2018", "XEM")
    # 523,000,000 XEM x 88.549 JPY = 523 x 88,549,000 = 46,311,127,000 JPY, exactly.
    assert figures.total_paid_jpy == Decimal("46311127000")
    # 58,000,000,000 / 523,000,000 = 110.8986... JPY per XEM.
    assert round(figures.implied_price_jpy, 3) == Decimal("110.899")
    # 46,311,127,000 / 58,000,000,000 = 0.79846...; also 88.549 / 110.8986.
    assert round(figures.paid_to_reported_ratio, 4) == Decimal("0.7985")
    # 46,311,127,000 / 260,000 = 178,119.72 JPY; the holder count is approximate.
    assert round(figures.average_per_holder_jpy, 2) == Decimal("178119.72")
    assert figures.holders_approximate
    # 26 Jan 12:09 -> 27 Jan 23:00 JST = 34 h 51 min.
    assert figures.window_hours == Decimal("34.85")
    rows = {r["figure"]: r for r in figures.as_rows()}
    assert rows["average_per_holder"]["value"] == "178120"


def test_a_remedy_in_another_asset_is_stated_in_it(fixture_copy):
    """Units come from the row's asset, not from a literal: the fixture's ETH facts restated in BTC
    load, compute the same figures, and the compensation charts speak of BTC (neither of ETH nor of
    the real incident's XEM); ETH units on a BTC row are refused, naming the unit the row needs."""
    import csv

    from analysis.report import charts, registry
    from analysis.report.context import prepare_incident

    from conftest import problems_of

    path = fixture_copy / "compensation.csv"
    rows = list(csv.reader(path.open(encoding="utf-8", newline="")))
    asset, unit = rows[0].index("asset"), rows[0].index("unit")
    for r in rows[1:]:
        if r[0] == "example-2020":
            r[asset] = "BTC"
            r[unit] = r[unit].replace("ETH", "BTC")
    with path.open("w", encoding="utf-8", newline="") as f:
        csv.writer(f, lineterminator="\n").writerows(rows)
    btc = compensation_figures(load_dataset(fixture_copy).compensation, "example-2020", "BTC")
    assert btc.asset == "BTC" and btc.total_paid_jpy == Decimal("102000000")  # as in ETH above
    ctx = prepare_incident(incident_id="example-2020", lang="en", data_dir=fixture_copy)
    drawn = registry.charts_of(ctx, "compensation")
    text = charts.title_of(drawn["compensation"]) + " ".join(
        t.get_text() for ax in drawn["compensation"].axes for t in ax.texts
    )
    assert "BTC" in text and "ETH" not in text and "XEM" not in text
    line = next(i for i, r in enumerate(rows, start=1) if r[0] == "example-2020" and r[unit] == "JPY/BTC")
    set_cell(path, line, "unit", "JPY/ETH")
    [problem] = problems_of(fixture_copy)
    assert (problem.line, problem.column, problem.value) == (line, "unit", "JPY/ETH")
    assert "use JPY/BTC" in problem.message
