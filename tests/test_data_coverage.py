"""The curated data against the seed: every item is there, and traceable."""

import re

import pytest

from analysis.data.loading import load_dataset

from conftest import SEED

# Worked by hand from the seed: the numbered items that start with ● (Coincheck) or ○ (others).
COMPANY_ITEMS = {1, 6, 22, 25, 37, 49, 60}
OTHER_ITEMS = {5, 18, 27, 29, 31, 33, 35, 40, 42, 44, 46}


@pytest.fixture(scope="module")
def data():
    return load_dataset()


def test_every_marked_item_of_the_seed_is_an_event(data):
    ev = data.events
    company = {int(i) for i in ev.loc[ev["source_kind"] == "company", "seed_item"]}
    other = {int(i) for i in ev.loc[ev["source_kind"] == "other", "seed_item"]}
    assert company == COMPANY_ITEMS
    assert other == OTHER_ITEMS


@pytest.mark.skipif(not SEED.exists(), reason="the seed is in ../shared, beside a clone of the project")
def test_hand_list_matches_the_seed_itself():
    text = SEED.read_text(encoding="utf-8")
    marks = {int(n): m for n, m in re.findall(r"^\s*(\d+)\.\s+([●○])", text, flags=re.M)}
    assert {n for n, m in marks.items() if m == "●"} == COMPANY_ITEMS
    assert {n for n, m in marks.items() if m == "○"} == OTHER_ITEMS


def test_item_with_two_dates_records_both(data):
    # Item 33: lawyers' group formed 30 Jan, FAQ page published 2 Feb.
    rows = data.events[data.events["seed_item"] == "33"]
    assert sorted(str(d) for d in rows["date"]) == ["2018-01-30", "2018-02-02"]


def test_dated_facts_inside_items_are_rows(data):
    ev = data.events[data.events["incident_id"] == "coincheck-2018"]
    ms = ev[ev["effective"] & ev["milestone"].notna()].set_index("milestone")
    assert str(ms.loc["jpy_withdrawal_resumed", "date"]) == "2018-02-13"  # item 52
    assert str(ms.loc["report_deadline", "date"]) == "2018-02-13"  # item 20 (5)
    assert ms.loc["trading_halt", "time"] == "12:09"  # item 13
    assert str(ms.loc["price_window_end", "date"]) == "2018-01-27"  # item 13
    assert ms.loc["price_window_end", "time"] == "23:00"
    # The earliest time of day the seed gives: the halt of NEM trading (item 13), 12:09 JST.
    seed = ev[(ev["precision"] == "minute") & (ev["source_id"] == "seed")]
    assert seed["timestamp"].min().isoformat() == "2018-01-26T12:09:00+09:00"
    # The chain's dates are the seed's; the theft's time of day comes from secondary sources.
    assert (ms.loc[["order", "report", "jpy_withdrawal_resumed"], "source_id"] == "seed").all()
    assert ms.loc["leak", "source_id"] == "research" and ms.loc["leak", "time"] == "00:02"


def test_malformed_url_is_corrected_and_says_so(data):
    row = data.events.set_index("event_id").loc["cc-jpy-withdrawal-notice"]
    assert row["source_url_as_printed"] == "http://http://corporate.coincheck.com/2018/02/09/38.html"
    assert row["source_url"] == "http://corporate.coincheck.com/2018/02/09/38.html"
    assert "doubled" in row["note_en"]


def test_every_row_names_its_source(data):
    for frame in (data.compensation, data.order_items):
        assert (frame["source_id"] == "seed").all()
        assert frame["seed_item"].str.fullmatch(r"lead|[1-9]\d*").all()
    ev = data.events
    seed = ev[ev["source_id"] == "seed"]
    assert seed["seed_item"].str.fullmatch(r"lead|[1-9]\d*").all()
    outside = ev[(ev["source_id"] != "seed") & ev["status"].isin(["reported", "conflict"])]
    assert outside["source_url"].notna().all()
    # a researched row is read on a page: its own report, a date worked out, or a company statement it quotes
    assert set(outside["source_kind"]) <= {"secondary", "derived", "quoted"}


def test_date_only_facts_are_days_not_midnights(data):
    ev = data.events
    dated = ev[ev["precision"] == "day"]
    assert ev.loc[ev["precision"] == "none", "date"].isna().all()
    assert dated["timestamp"].isna().all()
    assert str(ev["date"].dtype) == "period[D]"
    timed = ev[(ev["precision"] == "minute") & (ev["source_id"] == "seed")]
    assert str(timed["timestamp"].dt.tz) == "Asia/Tokyo"
    # The seed's earliest time (a fact) is checked with the other dated facts of the seed above.


def test_order_items(data):
    items = data.order_items
    assert list(items["item_no"]) == [1, 2, 3, 4, 5]
    assert str(items.loc[items["item_no"] == 5, "deadline"].iloc[0]) == "2018-02-13"
    assert items.loc[items["item_no"] != 5, "deadline"].isna().all()
