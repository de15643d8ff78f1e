import pytest

from analysis.data.loading import load_dataset
from analysis.measures.durations import MilestoneNotFound, chain_durations, milestone_duration

INCIDENT = "coincheck-2018"


@pytest.fixture(scope="module")
def events():
    return load_dataset().events


def test_default_chain(events):
    table = chain_durations(events, INCIDENT, ["leak", "order", "report", "jpy_withdrawal_resumed"])
    got = [(r["from"], r["to"], r["calendar_days"], r["business_days"]) for _, r in table.iterrows()]
    assert got == [
        # leak Fri 26 Jan -> order Mon 29 Jan: 3 days; business days 29 Jan only.
        ("leak", "order", 3, 1),
        # order 29 Jan -> report 13 Feb: 15 days; 30, 31 Jan, 1, 2, 5-9, 13 Feb = 10 (12 Feb holiday).
        ("order", "report", 15, 10),
        # report and JPY withdrawals resumed on the same day, 13 Feb.
        ("report", "jpy_withdrawal_resumed", 0, 0),
        # 26 Jan -> 13 Feb: 18 days; 1 + 10 business days.
        ("leak", "jpy_withdrawal_resumed", 18, 11),
    ]
    assert list(table["step"]) == ["step", "step", "step", "total"]
    # The seed gives no time of day for these milestones.
    assert table["hours"].isna().all()


def test_hours_when_both_times_are_known(events):
    # Trading halted 26 Jan 12:09; the price window closed 27 Jan 23:00: 24 h + 10 h 51 min.
    d = milestone_duration(events, INCIDENT, "trading_halt", "price_window_end")
    assert d.hours == pytest.approx(34.85)
    assert d.calendar_days == 1
    assert d.business_days == 0  # Saturday 27 Jan


def test_report_came_on_the_deadline(events):
    d = milestone_duration(events, INCIDENT, "report_deadline", "report")
    assert (d.calendar_days, d.business_days) == (0, 0)
    d = milestone_duration(events, INCIDENT, "order", "report_deadline")
    assert (d.calendar_days, d.business_days) == (15, 10)


def test_reversed_pair_is_negative(events):
    d = milestone_duration(events, INCIDENT, "order", "leak")
    assert (d.calendar_days, d.business_days) == (-3, -1)


def test_unknown_milestone_or_incident(events):
    with pytest.raises(MilestoneNotFound, match="has no milestone 'liquidation'; it has: leak, detection, suspension"):
        milestone_duration(events, INCIDENT, "leak", "liquidation")
    with pytest.raises(MilestoneNotFound, match="'ftx-2022' has no milestone 'leak'"):
        milestone_duration(events, "ftx-2022", "leak", "order")


def test_chain_needs_two_milestones(events):
    with pytest.raises(ValueError, match="at least two"):
        chain_durations(events, INCIDENT, ["leak"])
