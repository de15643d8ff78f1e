"""One broken copy of the data per defect class; each message names file, line, column and value.

The rules are tried on a copy of the invented fixture data (tests/fixtures/data), so a correction to
data/ cannot fail them; data/ itself is checked by test_real_data_is_clean."""

import subprocess
import sys

import pytest

from analysis.data.loading import load_dataset
from analysis.errors import DataValidationError, Problem

from conftest import line_of, problems_of, set_cell


def only(problems, **want) -> Problem:
    hits = [p for p in problems if all(getattr(p, k) == v for k, v in want.items())]
    assert len(hits) == 1, f"expected one problem with {want}, got:\n" + "\n".join(map(str, problems))
    return hits[0]


def test_real_data_is_clean():
    load_dataset()


def test_fixture_data_is_clean_and_typed(fixture_data):
    """The fixture loads without a problem, into the types the measures read: a date-only fact is a
    whole day (period[D]) with no midnight timestamp, a timed fact a Japan time, a period or gap no day."""
    ev = load_dataset(fixture_data).events.set_index("event_id")
    assert str(ev["date"].dtype) == "period[D]"
    assert ev.loc[ev["precision"] == "day", "timestamp"].isna().all()
    assert ev.loc[ev["precision"] == "none", "date"].isna().all()
    assert str(ev["timestamp"].dt.tz) == "Asia/Tokyo"
    # ex-leak: 2020-02-07 10:00 JST; ex-report: 25 Feb, a day; the others a month, a quarter, a gap.
    assert ev.at["ex-leak", "timestamp"].isoformat() == "2020-02-07T10:00:00+09:00"
    assert (ev.at["ex-report", "precision"], str(ev.at["ex-report", "date"])) == ("day", "2020-02-25")
    assert ev.loc[["ex-remedy-delivered", "ex-full-reopening", "ex-inspection"], "precision"].tolist() == [
        "month",
        "quarter",
        "none",
    ]


@pytest.mark.parametrize(
    "column, value, words",
    [
        ("date", "2018-02-30", "not a real date"),
        ("date", "26/01/2018", "YYYY-MM-DD"),
        ("time", "25:00", "HH:MM"),
        ("time", "12.09", "HH:MM"),
        ("actor", "hackers", "use one of: coincheck, fsa"),
        ("source_kind", "rumour", "use one of: company, other, derived"),
        ("milestone", "leaked", "use one of: leak,"),
        ("source_url", "http://http://corporate.coincheck.com/2018/02/09/38.html", "well-formed web address"),
        ("source_url", "corporate.coincheck.com/2018/01/26/29.html", "well-formed web address"),
        ("seed_item", "61a", "item number"),
        ("event_id", "Leak Event", "not a valid id"),
        ("title_ja", "", "a value is required"),
        ("date_zone", "Asia/Tokyo", "use one of: UTC, America/New_York"),
        ("date_zone", "utc", "use one of: UTC, America/New_York"),
    ],
)
def test_bad_event_cell(fixture_copy, column, value, words):
    path = fixture_copy / "events.csv"
    line = line_of(path, "event_id", "ex-report")  # a seed fact, a day without a time
    set_cell(path, line, column, value)
    p = only(problems_of(fixture_copy), line=line, column=column)
    assert p.value == value and words in p.message
    assert p.file.endswith("events.csv")


def test_a_zone_belongs_only_to_a_date_without_a_time(fixture_copy):
    # ex-trading-halt has a time (stored in Japan time): another zone for its date would be contradictory.
    path = fixture_copy / "events.csv"
    line = line_of(path, "event_id", "ex-trading-halt")
    set_cell(path, line, "date_zone", "UTC")
    p = only(problems_of(fixture_copy), line=line, column="date_zone")
    assert "only to a date without a time" in p.message


def test_message_reads_as_plain_words(fixture_copy):
    path = fixture_copy / "events.csv"
    set_cell(path, 4, "date", "2018-13-01")
    with pytest.raises(DataValidationError) as info:
        load_dataset(fixture_copy)
    text = str(info.value)
    assert "events.csv, line 4, column 'date': value '2018-13-01': is not a real date" in text
    assert text.startswith("1 problem in the data:")


def test_every_problem_is_reported_at_once(fixture_copy):
    set_cell(fixture_copy / "events.csv", 3, "actor", "nobody")
    set_cell(fixture_copy / "events.csv", 5, "time", "9am")
    set_cell(fixture_copy / "compensation.csv", 2, "approximate", "yes")
    found = problems_of(fixture_copy)
    assert {(p.file.split("/")[-1], p.line, p.column) for p in found} == {
        ("events.csv", 3, "actor"),
        ("events.csv", 5, "time"),
        ("compensation.csv", 2, "approximate"),
    }


def test_missing_and_unknown_columns(fixture_copy):
    path = fixture_copy / "order_items.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    lines[0] = lines[0].replace("text_en", "text_english")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    found = problems_of(fixture_copy)
    assert "missing from the header row" in only(found, line=1, column="text_en").message
    assert "is not a column of this file" in only(found, line=1, column="text_english").message


def test_duplicate_ids(fixture_copy):
    path = fixture_copy / "events.csv"
    second = line_of(path, "event_id", "ex-report-request")
    set_cell(path, second, "event_id", "ex-leak")
    found = problems_of(fixture_copy)
    for line in (line_of(path, "event_id", "ex-leak"), second):
        p = only(found, line=line, column="event_id")
        assert p.value == "ex-leak" and "more than one line" in p.message


def test_duplicate_milestone(fixture_copy):
    path = fixture_copy / "events.csv"
    line = line_of(path, "event_id", "ex-order-received")  # ex-order is the order
    set_cell(path, line, "milestone", "order")
    p = only(problems_of(fixture_copy), line=line, column="milestone")
    assert p.value == "order" and "given twice" in p.message


@pytest.mark.parametrize("value", ["88,549", "abc", "-88.549", "1e6"])
def test_non_numeric_or_negative_amount(fixture_copy, value):
    path = fixture_copy / "compensation.csv"
    line = line_of(path, "fact", "price_per_unit")
    set_cell(path, line, "value", value)
    p = only(problems_of(fixture_copy), line=line, column="value")
    assert p.value == value and "non-negative number" in p.message


def test_timestamp_without_offset(fixture_copy):
    path = fixture_copy / "compensation.csv"
    line = line_of(path, "fact", "price_window_end")
    set_cell(path, line, "value", "2020-02-08T18:30")
    p = only(problems_of(fixture_copy), line=line, column="value")
    assert "+09:00" in p.message


def test_price_window_ending_before_it_starts(fixture_copy):
    path = fixture_copy / "compensation.csv"
    line = line_of(path, "fact", "price_window_end")
    set_cell(path, line, "value", "2020-02-07T11:00+09:00")  # starts 12:00
    assert "before it starts" in only(problems_of(fixture_copy), line=line).message


def test_milestone_chain_out_of_order(fixture_copy):
    path = fixture_copy / "events.csv"
    line = line_of(path, "milestone", "report")
    set_cell(path, line, "date", "2020-02-10")  # the order is of 12 Feb
    found = problems_of(fixture_copy)
    p = only(
        found,
        line=line,
        column="date",
        message=next(p.message for p in found if "'report' before 'order'" in p.message),
    )
    assert p.value == "2020-02-10"


def test_same_day_times_out_of_order(fixture_copy):
    # The theft at 13:00 would follow the trading halt of 12:00 the same day.
    path = fixture_copy / "events.csv"
    set_cell(path, line_of(path, "milestone", "leak"), "time", "13:00")
    found = problems_of(fixture_copy)
    assert any("'trading_halt' before 'leak'" in p.message for p in found)


def test_empty_file(fixture_copy):
    (fixture_copy / "order_items.csv").write_bytes(b"")
    p = only(problems_of(fixture_copy))
    assert p.file.endswith("order_items.csv") and "the file is empty" in p.message


def test_header_only(fixture_copy):
    path = fixture_copy / "sources.csv"
    path.write_text(path.read_text(encoding="utf-8").splitlines()[0] + "\n", encoding="utf-8")
    found = problems_of(fixture_copy)
    assert "no data rows" in only(found, line=None, column=None).message


def test_not_utf8(fixture_copy):
    path = fixture_copy / "events.csv"
    path.write_bytes(path.read_text(encoding="utf-8").encode("shift_jis"))
    p = only(problems_of(fixture_copy))
    # The first non-ASCII character is on line 2 (the leak's Japanese title).
    assert p.line == 2 and "not UTF-8" in p.message
    assert p.value.startswith("bytes ")


def test_row_with_wrong_number_of_fields(fixture_copy):
    path = fixture_copy / "order_items.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    lines[2] += ",extra"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    p = only(problems_of(fixture_copy), line=3)
    assert "9 fields but the header has 8" in p.message


def test_unknown_source(fixture_copy):
    set_cell(fixture_copy / "order_items.csv", 2, "source_id", "wikipedia")
    p = only(problems_of(fixture_copy), line=2, column="source_id")
    assert p.value == "wikipedia" and "not in sources.csv" in p.message


def test_order_item_pointing_nowhere(fixture_copy):
    set_cell(fixture_copy / "order_items.csv", 2, "order_event_id", "ex-order-received")
    p = only(problems_of(fixture_copy), line=2, column="order_event_id")
    assert "milestone 'order'" in p.message


@pytest.mark.parametrize(
    "row, named, said",
    [
        ("ex-suspension", "ex-nowhere", "is not a dated event of example-2020"),  # no such event
        ("ex-suspension", "ex-remedy-delivered", "is not a dated event of example-2020"),  # a gap: no day
        ("ex-suspension", "sp-leak", "is not a dated event of example-2020"),  # another theft's
        ("ex-suspension", "ex-suspension", "names the row itself"),
        ("ex-suspension", "ex-report-request", "names an announcement by 'fsa', not by this row's actor 'exchange'"),
        ("ex-remedy-decided", "ex-disclosure", "names an announcement dated 2020-02-08, before the account it gives"),
    ],
)
def test_an_account_names_a_later_announcement_by_its_own_actor(fixture_copy, row, named, said):
    # stated_in: page 1 tells the account as its actor's own, given on the announcement's day.
    path = fixture_copy / "events.csv"
    line = line_of(path, "event_id", row)
    set_cell(path, line, "stated_in", named)
    p = only(problems_of(fixture_copy), line=line, column="stated_in")
    assert p.value == named and said in p.message


@pytest.mark.parametrize("period, refused", [("2020-Q1", False), ("2020-02", False), ("2020-Q2", True)])
def test_an_account_dated_to_a_quarter_or_month_counts_from_its_first_day(fixture_copy, period, refused):
    # The disclosure of 8 Feb 2020 can give an account of Q1 or February 2020 (from 1 Jan, 1 Feb), not
    # of Q2 (from 1 Apr); "2020-Q1" compared as text would sort after every 2020 day.
    path = fixture_copy / "events.csv"
    line = line_of(path, "event_id", "ex-suspension")
    for column, value in (("date", ""), ("time", ""), ("period", period), ("stated_in", "ex-disclosure")):
        set_cell(path, line, column, value)
    if refused:
        p = only(problems_of(fixture_copy), line=line, column="stated_in")
        assert "before the account it gives (2020-04-01)" in p.message
    else:
        assert (
            load_dataset(fixture_copy).events.set_index("event_id").loc["ex-suspension", "stated_in"] == "ex-disclosure"
        )


def test_an_account_may_name_the_announcement_that_gave_it(fixture_copy):
    # The halt of 7 Feb, as the exchange's disclosure of 8 Feb tells it.
    path = fixture_copy / "events.csv"
    set_cell(path, line_of(path, "event_id", "ex-suspension"), "stated_in", "ex-disclosure")
    assert load_dataset(fixture_copy).events.set_index("event_id").loc["ex-suspension", "stated_in"] == "ex-disclosure"


def test_corrected_url_needs_a_note(fixture_copy):
    path = fixture_copy / "events.csv"
    line = line_of(path, "event_id", "ex-notice")  # its link as printed is corrected
    set_cell(path, line, "note_en", "")
    set_cell(path, line, "note_ja", "")
    assert "corrected URL needs a note" in only(problems_of(fixture_copy), line=line, column="note_en").message


def test_missing_compensation_fact(fixture_copy):
    path = fixture_copy / "compensation.csv"
    lines = [row for row in path.read_text(encoding="utf-8").splitlines() if ",holders," not in row]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    p = only(problems_of(fixture_copy), column="fact", value="holders")
    assert "is missing for example-2020 ETH" in p.message


def test_missing_file(fixture_copy):
    (fixture_copy / "sources.csv").unlink()
    assert "the file is missing" in only(problems_of(fixture_copy)).message


def test_cli_reports_and_exits_nonzero(fixture_copy):
    set_cell(fixture_copy / "events.csv", 4, "date", "2018-02-30")
    run = subprocess.run(
        [sys.executable, "-m", "analysis", "--data", str(fixture_copy)], capture_output=True, text=True
    )
    assert run.returncode == 2
    assert "events.csv, line 4, column 'date': value '2018-02-30'" in run.stderr


@pytest.mark.parametrize(
    "event, column, value, missing, what",
    [
        # a note emptied in one language; a step named in one language only
        ("ex-report-deadline", "note_ja", "", "note_ja", "every note is given in every language (note_en, note_ja)"),
        (
            "ex-order",
            "step_en",
            "a second business improvement order",
            "step_ja",
            "every step is given in every language (step_en, step_ja)",
        ),
    ],
)
def test_a_text_needs_every_language(fixture_copy, event, column, value, missing, what):
    path = fixture_copy / "events.csv"
    line = line_of(path, "event_id", event)
    set_cell(path, line, column, value)
    p = only(problems_of(fixture_copy), line=line, column=missing)
    assert what in p.message


def test_a_step_name_only_on_a_step_page_one_names(fixture_copy):
    # Detection is told by its own sentences, never as a named step: a name given there would be lost.
    path = fixture_copy / "events.csv"
    line = line_of(path, "event_id", "ex-detection")
    set_cell(path, line, "step_en", "noticed by a customer")
    set_cell(path, line, "step_ja", "顧客が気づいた")
    p = only(problems_of(fixture_copy), line=line, column="step_en")
    assert p.value == "noticed by a customer"
    assert "whose milestone ('detection') page 1 does not name as a step" in p.message
