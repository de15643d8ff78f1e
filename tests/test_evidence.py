"""Researched facts against the figures their pages print: each broken copy names file, line and column.

The broken copies are of the invented fixture data (tests/fixtures/data): its researched event
ex-detection (7 Feb 2020 11:00, approximate) is printed as 「2020年2月7日午前11時頃」 on one page and
「午前11時」 on another, which also prints its amounts 「400万ETH」 and 「約1億3000万円」; ex-disclosure
(8 Feb 2020) as 「8日」 on a page of 8 Feb 2020; ex-inspection is a researched gap. The real data/ is
checked by the first test and the one on Mt. Gox's zones."""

import csv
from datetime import date, time
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from analysis.data import evidence
from analysis.data.evidence import JST, disagreement
from analysis.data.loading import load_dataset
from analysis.data.printed import read_when, resolve

from conftest import DATA as DATA_DIR
from conftest import line_of, problems_of, set_cell


def citation_line(path, record_id, printed):
    rows = list(csv.DictReader(path.open(encoding="utf-8", newline="")))
    return next(i for i, r in enumerate(rows, start=2) if r["record_id"] == record_id and r["printed"] == printed)


def drop_citations(path, record_id, claim="when"):
    rows = list(csv.reader(path.open(encoding="utf-8", newline="")))
    kept = [r for r in rows if not (r[1] == record_id and r[2] == claim)]
    with path.open("w", encoding="utf-8", newline="") as f:
        csv.writer(f, lineterminator="\n").writerows(kept)


def test_every_researched_row_is_stated_by_its_pages():
    data = load_dataset()
    researched = data.events[
        (data.events["source_id"] != "seed") & data.events["status"].isin(["reported", "conflict"])
    ]
    assert len(researched) > 100
    assert all(len(pages) > 0 for pages in researched["pages"])
    assert all(researched["checked"] != "")


def test_removing_the_printed_value_is_caught(fixture_copy):
    drop_citations(fixture_copy / "citations.csv", "ex-detection")
    line = line_of(fixture_copy / "events.csv", "event_id", "ex-detection")
    [p] = problems_of(fixture_copy)
    assert (p.file.endswith("events.csv"), p.line, p.column, p.value) == (True, line, "date", "2020-02-07")
    assert "has no figure in citations.csv stating it" in p.message


def test_a_date_the_page_does_not_print_is_caught(fixture_copy):
    events = fixture_copy / "events.csv"
    line = line_of(events, "event_id", "ex-disclosure")
    set_cell(events, line, "date", "2020-02-09")  # the page of 8 Feb prints 「8日」: 8 Feb, not 9 Feb
    found = problems_of(fixture_copy)
    cites = fixture_copy / "citations.csv"
    blog = citation_line(cites, "ex-disclosure", "8日")
    assert any(
        p.file.endswith("citations.csv")
        and p.line == blog
        and p.column == "printed"
        and p.value == "8日"
        and f"not 2020-02-09 JST as events.csv line {line} gives it" in p.message
        for p in found
    )


def test_a_printed_value_that_does_not_read_as_the_row_is_caught(fixture_copy):
    cites = fixture_copy / "citations.csv"
    line = citation_line(cites, "ex-detection", "午前11時")
    set_cell(cites, line, "printed", "午前11時30分")
    [p] = problems_of(fixture_copy)
    assert (p.line, p.column, p.value) == (line, "printed", "午前11時30分")
    assert "reads as 11:30, not 2020-02-07 11:00 JST" in p.message


def test_an_unreadable_figure_is_caught(fixture_copy):
    cites = fixture_copy / "citations.csv"
    line = citation_line(cites, "ex-detection", "午前11時")
    set_cell(cites, line, "printed", "お昼前")
    [p] = problems_of(fixture_copy)
    assert (p.line, p.column) == (line, "printed") and "cannot be read as a when" in p.message


def test_approximate_follows_the_printed_marker(fixture_copy):
    events = fixture_copy / "events.csv"
    line = line_of(events, "event_id", "ex-detection")  # printed 「2020年2月7日午前11時頃」
    set_cell(events, line, "approximate", "false")
    [p] = problems_of(fixture_copy)
    assert (p.line, p.column) == (line, "approximate") and "頃/約/about" in p.message


def test_japan_time_is_kept_with_the_original_zone():
    data = load_dataset()
    halt = data.events.set_index("event_id").loc["mtgox-trading-halt"]
    # CoinDesk printed the last trade as 01:59:06 UTC on 25 Feb 2014: 10:59 in Japan (UTC+9), same day.
    assert halt["timestamp"].isoformat() == "2014-02-25T10:59:00+09:00"
    figures = {f.printed: f.zone for page in halt["pages"] for f in page.figures}
    assert figures["01:59:06 UTC"] == "UTC"
    # The US pages' "24 February" and "Monday" are kept with their zone: 24 Feb 20:59 in New York.
    assert figures["24 February"] == "America/New_York"


@pytest.mark.parametrize(
    "printed, zone, published, day, at, agrees",
    [
        ("01:59:06 UTC", "UTC", None, date(2014, 2, 25), time(10, 59), True),
        ("01:59:06 UTC", "UTC", None, date(2014, 2, 25), time(1, 59), False),  # not converted
        ("24 February", "America/New_York", None, date(2014, 2, 25), time(10, 59), True),
        ("24 February", "Asia/Tokyo", None, date(2014, 2, 25), time(10, 59), False),
        ("Monday", "America/New_York", date(2014, 2, 28), date(2014, 2, 25), time(10, 59), True),
        ("2:16pm EST", "America/New_York", None, date(2016, 8, 3), time(3, 16), True),  # EDT in August
        ("around 7:50 AM SGT", "Asia/Singapore", None, date(2021, 8, 19), time(8, 50), True),
        # A day in Japan is two dates in UTC: 8 May JST 00:00-23:59 is 7 May 15:00 - 8 May 14:59 UTC.
        ("May 7", "UTC", date(2019, 5, 8), date(2019, 5, 8), None, True),
        ("May 6", "UTC", date(2019, 5, 8), date(2019, 5, 8), None, False),
    ],
)
def test_figures_in_other_zones_are_converted(printed, zone, published, day, at, agrees):
    w = resolve(read_when(printed), published)
    assert (disagreement(w, ZoneInfo(zone), day, at, None) is None) is agrees


def test_a_time_the_row_lacks_is_asked_for():
    why = disagreement(read_when("2019年8月6日 14:00頃"), JST, date(2019, 8, 6), None, None)
    assert "states a time of day" in why


def test_a_period_row_needs_a_period_figure():
    assert disagreement(read_when("FYE March 2020 Q1"), JST, None, None, "2019-Q2") is None
    assert "give the row a date" in disagreement(read_when("2023年12月21日"), JST, None, None, "2023-12")


def test_amounts_must_be_printed_and_agree_across_languages(fixture_copy):
    events = fixture_copy / "events.csv"
    line = line_of(events, "event_id", "ex-detection")  # its page prints 約1億3000万円, not 1億5000万円
    set_cell(events, line, "title_en", "Outflow detected (4,000,000 ETH, about 150 million JPY)")
    found = problems_of(fixture_copy)
    assert any(
        p.line == line and p.column == "title_en" and "no figure in citations.csv prints" in p.message for p in found
    )
    assert any(p.line == line and p.column == "title_ja" and "gives the amounts" in p.message for p in found)


def test_about_must_match_the_page(fixture_copy):
    events = fixture_copy / "events.csv"
    line = line_of(events, "event_id", "ex-detection")  # its page prints 約 (about)
    set_cell(events, line, "title_en", "Outflow detected (4,000,000 ETH, 130 million JPY)")
    found = problems_of(fixture_copy)
    assert any(p.line == line and p.column == "title_en" and "needs about" in p.message for p in found)


def _the_wire_figure(folder):
    """The line of citations.csv for the wire's 午前11時 (ex-detection)."""
    return citation_line(folder / "citations.csv", "ex-detection", "午前11時")


def _the_wire_page(folder):
    """The line of pages.csv for the page that figure is read on."""
    return line_of(folder / "pages.csv", "url", "https://example.org/wire/20200207-outflow")


@pytest.mark.parametrize(
    "file, where, column, value, message",
    [
        (
            "citations.csv",
            _the_wire_figure,
            "printed_tz",
            "Japan/Tokyo",
            "is not one of the zones the reports can name",
        ),
        ("citations.csv", _the_wire_figure, "printed_tz", "Europe/Paris", "add the zone to analysis/vocab.py ZONES"),
        ("citations.csv", _the_wire_figure, "record_id", "no-such-event", "names no row of events.csv"),
        ("citations.csv", _the_wire_figure, "record_id", "ex-order", "a fact from the seed"),
        ("citations.csv", _the_wire_figure, "where", "footnote", "is not an allowed value"),
        ("citations.csv", _the_wire_figure, "url", "www.example.com", "is not a well-formed web address"),
        # Who published a page and when is said once, on its pages.csv row, and refused there.
        ("pages.csv", _the_wire_page, "published", "2018-02-30", "is not a page date"),
        ("pages.csv", _the_wire_page, "publisher", "", "is empty"),
        ("pages.csv", _the_wire_page, "kind", "newspaper", "is not an allowed value"),
    ],
)
def test_bad_citation_and_page_cells(fixture_copy, file, where, column, value, message):
    line = where(fixture_copy)
    set_cell(fixture_copy / file, line, column, value)
    found = problems_of(fixture_copy)
    assert any(
        p.file.endswith(file) and p.line == line and p.column == column and message in p.message for p in found
    ), found


def test_a_bare_day_is_read_against_its_pages_date(fixture_copy):
    # 「8日」 on the blog page dated 2020-02-08 states 8 Feb 2020 (ex-disclosure); dated a month
    # later in pages.csv, the same figure reads as 8 March and disagrees with its row.
    pages = fixture_copy / "pages.csv"
    set_cell(pages, line_of(pages, "url", "https://example.net/blog/2020/02/08/disclosed"), "published", "2020-03-09")
    found = problems_of(fixture_copy)
    cites = fixture_copy / "citations.csv"
    line = citation_line(cites, "ex-disclosure", "8日")
    assert any(p.file.endswith("citations.csv") and p.line == line and p.column == "printed" for p in found), found


def test_a_page_is_named_once_in_the_files_themselves():
    # As the files hold it (not as loading joins them): citations.csv names no publisher or date,
    # and pages.csv gives each page one row, so QUOINE's final report (four names before 5 December
    # 2026) has one.
    with (DATA_DIR / "citations.csv").open(encoding="utf-8", newline="") as f:
        assert not {"publisher", "published"} & set(next(csv.reader(f)))
    with (DATA_DIR / "pages.csv").open(encoding="utf-8", newline="") as f:
        pages = list(csv.DictReader(f))
    assert len({p["url"] for p in pages}) == len(pages)
    assert [p["publisher"] for p in pages if "22374956442893" in p["url"]] == [
        "QUOINE株式会社 (final report, support.custodiem.com)"
    ]


def test_a_broken_pages_file_is_the_only_problem_reported(fixture_copy):
    # pages.csv with a wrong header is refused on its own: the figures' dates cannot be read without
    # their pages' dates, so none of the problems that would follow from it is reported beside it.
    pages = fixture_copy / "pages.csv"
    pages.write_text(pages.read_text(encoding="utf-8").replace("url,kind,publisher,published", "url,kind"),
                     encoding="utf-8")  # fmt: skip
    found = problems_of(fixture_copy)
    assert found and {p.file.rsplit("/", 1)[-1] for p in found} == {"pages.csv"}, found


def test_a_researched_row_keeps_no_address_of_its_own(fixture_copy):
    events = fixture_copy / "events.csv"
    line = line_of(events, "event_id", "ex-detection")
    set_cell(events, line, "source_url", "https://example.com/page")
    [p] = problems_of(fixture_copy)
    assert (p.line, p.column) == (line, "source_url") and "its pages are the citations.csv lines" in p.message


def test_a_researched_row_says_when_it_was_checked(fixture_copy):
    events = fixture_copy / "events.csv"
    line = line_of(events, "event_id", "ex-inspection")  # a gap: checked too
    set_cell(events, line, "checked", "")
    [p] = problems_of(fixture_copy)
    assert (p.line, p.column) == (line, "checked")


def test_a_gap_cannot_be_cited(fixture_copy):
    events = fixture_copy / "events.csv"
    line = line_of(events, "event_id", "ex-detection")
    set_cell(events, line, "status", "gap")
    for column in ("date", "time"):
        set_cell(events, line, column, "")
    found = problems_of(fixture_copy)
    assert any(p.file.endswith("citations.csv") and "makes it 'reported'" in p.message for p in found)


def _date_the_attribution(folder, en="on 9 February 2020", ja="2020年2月9日"):
    """The fixture's researched attribution row, told with a date (its one page, of 8 Feb 2020,
    prints only its term)."""
    story = folder / "story.csv"
    line = line_of(story, "fact_id", "ex-attribution")
    set_cell(story, line, "text_en", f"the thief has not been identified; police opened a case {en}")
    set_cell(story, line, "text_ja", f"流出させた犯人は特定されていない。{ja}に警察が捜査を始めた")
    return story, line


def _cite_the_attribution(folder, printed):
    with (folder / "citations.csv").open("a", encoding="utf-8", newline="") as f:
        csv.writer(f, lineterminator="\n").writerow(
            ["story", "ex-attribution", "when", printed, "", "body", "https://example.org/en/2020/02/08/theft"]
        )


def test_a_date_in_a_story_row_needs_a_page_printing_it(fixture_copy):
    story, line = _date_the_attribution(fixture_copy)
    [p] = problems_of(fixture_copy)
    assert (p.file.endswith("story.csv"), p.line, p.column, p.value) == (True, line, "text_en", "2020-02-09")
    assert "no figure in citations.csv prints" in p.message
    _cite_the_attribution(fixture_copy, "Feb. 9")  # no year: the page's date (8 Feb 2020) supplies it
    load_dataset(fixture_copy)


def test_a_story_figure_must_state_a_date_its_text_gives(fixture_copy):
    _date_the_attribution(fixture_copy)
    _cite_the_attribution(fixture_copy, "Feb. 10")
    found = problems_of(fixture_copy)
    cite = citation_line(fixture_copy / "citations.csv", "ex-attribution", "Feb. 10")
    assert any(
        p.file.endswith("citations.csv")
        and (p.line, p.column, p.value) == (cite, "printed", "Feb. 10")
        and "states 2020-02-10" in p.message
        and "2020-02-09" in p.message
        for p in found
    )


def test_a_month_the_text_gives_is_stated_by_a_day_in_it(fixture_copy):
    _date_the_attribution(fixture_copy, en="in February 2020", ja="2020年2月")
    _cite_the_attribution(fixture_copy, "Feb. 9")
    load_dataset(fixture_copy)


@pytest.mark.parametrize(
    "ja, problem",
    [("2020年2月10日", "gives the dates 2020-02-10, but text_en gives 2020-02-09"), ("2月9日", "without a year")],
)
def test_every_language_gives_the_story_rows_dates(fixture_copy, ja, problem):
    story, line = _date_the_attribution(fixture_copy, ja=ja)
    _cite_the_attribution(fixture_copy, "Feb. 9")
    [p] = problems_of(fixture_copy)
    assert (p.line, p.column) == (line, "text_ja") and problem in p.message


def _tell_the_gap(folder, en, ja):
    """The fixture's researched gap (an inspection never dated), its reason told with a date."""
    events = folder / "events.csv"
    line = line_of(events, "event_id", "ex-inspection")
    set_cell(events, line, "note_en", f"Not found: {en}.")
    set_cell(events, line, "note_ja", f"見つからない。{ja}。")
    return line


def _cite_the_gap(folder, printed):
    with (folder / "citations.csv").open("a", encoding="utf-8", newline="") as f:
        csv.writer(f, lineterminator="\n").writerow(
            ["events", "ex-inspection", "when", printed, "", "body", "https://example.org/en/2020/02/08/theft"]
        )


def test_a_date_a_gaps_reason_gives_needs_a_page(fixture_copy):
    """A gap has no date of its own, but its reason is a fact: a day it gives is printed by a page."""
    line = _tell_the_gap(
        fixture_copy, "the regulator said on 3 February 2020 that it would look", "当局は2020年2月3日に調べるとした"
    )
    [p] = problems_of(fixture_copy)
    assert (p.file.endswith("events.csv"), p.line, p.column, p.value) == (True, line, "note_en", "2020-02-03")
    _cite_the_gap(fixture_copy, "Feb. 3")
    load_dataset(fixture_copy)


def test_a_gaps_reason_may_give_the_date_of_a_dated_row(fixture_copy):
    """The disclosure of 8 Feb 2020 is stated by its own figures; a note that refers to it needs none."""
    _tell_the_gap(
        fixture_copy, "the exchange's notice of 8 February 2020 names none", "2020年2月8日の取引所の告知も示さない"
    )
    load_dataset(fixture_copy)


def test_a_gap_figure_for_a_date_its_reason_does_not_give_is_refused(fixture_copy):
    _tell_the_gap(
        fixture_copy, "the regulator said on 3 February 2020 that it would look", "当局は2020年2月3日に調べるとした"
    )
    _cite_the_gap(fixture_copy, "Feb. 4")
    found = problems_of(fixture_copy)
    cite = citation_line(fixture_copy / "citations.csv", "ex-inspection", "Feb. 4")
    assert any(p.line == cite and "for a date its note_en does not give" in p.message for p in found)


def test_a_seed_row_cannot_stand_for_a_page_in_a_gaps_reason(fixture_copy):
    """The remedy decided on 10 Feb 2020 is a seed row, with no figures of its own: a gap's note that
    gives its date needs a page of its own."""
    line = _tell_the_gap(
        fixture_copy,
        "the remedy decided on 10 February 2020 says nothing of it",
        "2020年2月10日に決まった補償も触れていない",
    )
    [p] = problems_of(fixture_copy)
    assert (p.line, p.column, p.value) == (line, "note_en", "2020-02-10")


@pytest.mark.parametrize(
    "en, ja, problem",
    [
        # a day without its year beside the row it refers to: that row's figures state it
        ("the exchange's notice of 8 February names none", "2月8日の取引所の告知も示さない", None),
        # no dated row of that day: a page must print it, day and month
        ("the regulator said on 3 February that it would look", "当局は2月3日に調べるとした", "02-03 (no year)"),
    ],
)
def test_a_day_a_gaps_reason_gives_without_its_year_is_checked_too(fixture_copy, en, ja, problem):
    line = _tell_the_gap(fixture_copy, en, ja)
    if problem is None:
        load_dataset(fixture_copy)
        return
    [p] = problems_of(fixture_copy)
    assert (p.line, p.column, p.value) == (line, "note_en", problem)
    _cite_the_gap(fixture_copy, "Feb. 3")
    load_dataset(fixture_copy)


def test_a_reason_with_a_date_in_another_form_is_refused(fixture_copy):
    line = _tell_the_gap(
        fixture_copy, "the regulator said on February 3, 2020 that it would look", "当局は2020年2月3日に調べるとした"
    )
    [p] = problems_of(fixture_copy)
    assert (p.line, p.column) == (line, "note_en") and "write each date whole" in p.message


def _cite_words(folder, printed, record_id="ex-inspection", zone="", table="events"):
    with (folder / "citations.csv").open("a", encoding="utf-8", newline="") as f:
        csv.writer(f, lineterminator="\n").writerow(
            [
                "events" if record_id.startswith("ex-") and record_id != "ex-attribution" else "story",
                record_id,
                "words",
                printed,
                zone,
                "body",
                "https://example.org/en/2020/02/08/theft",
            ]
        )
    return citation_line(folder / "citations.csv", record_id, printed)


_SAID = ("the regulator said only that it was monitoring", "当局は注視しているとのみ述べた")


@pytest.mark.parametrize("printed", ["monitoring", "Monitor", "was monitoring", "Regulator said", "注視している"])
def test_a_gaps_reason_is_backed_by_words_its_page_prints(fixture_copy, printed):
    """Words a page prints that the note gives too, side by side and in order (case aside; the note
    may add an ending: "Monitor" backs "monitoring")."""
    _tell_the_gap(fixture_copy, *_SAID)
    _cite_words(fixture_copy, printed)
    data = load_dataset(fixture_copy)
    [page] = data.events.set_index("event_id").at["ex-inspection", "pages"]
    assert [(f.claim, f.printed) for f in page.figures] == [("words", printed)]


@pytest.mark.parametrize(
    "printed, message",
    [
        ("closely monitoring", "is not in the note of events.csv line"),  # "closely": not in the note
        ("not monitoring", "is not in the note of events.csv line"),  # words of the note, not side by side
        ("monitoring was", "is not in the note of events.csv line"),  # side by side, not in order
        ("Not found", "is not in the note of events.csv line"),  # the note's own label, not the page's
        ("m", "is not a words figure"),  # a letter begins many words
        ("the", "is not a words figure"),  # a word of grammar is in every text
        ("とのみ", "is not a words figure"),
        ("25 August 2021", "gives a number"),  # a date is a figure of claim when
        ("regulate", "is not in the note of events.csv line"),
        ("監視", "is not in the note of events.csv line"),
        ("当", "is not a words figure"),  # one kanji is in many notes
        ("monitoring 注視", "is not in the note of events.csv line"),  # half in each language
        ("The regulator is monitoring it closely", "is not a words figure"),  # five words
        ("monitoring.", "is not a words figure"),  # a sentence
        ("当局は事態を注視していると述べた。", "is not a words figure"),
        ("当局は事態を注視していると述べていた", "is not a words figure"),  # 36 columns
        ("…", "is not a words figure"),  # no word at all
    ],
)
def test_a_reason_figure_the_note_does_not_give_is_refused(fixture_copy, printed, message):
    _tell_the_gap(fixture_copy, *_SAID)
    cite = _cite_words(fixture_copy, printed)
    [p] = problems_of(fixture_copy)
    assert (p.file.endswith("citations.csv"), p.line, p.column, p.value) == (True, cite, "printed", printed)
    assert message in p.message


def test_a_words_figure_stands_within_one_clause_of_the_note(fixture_copy):
    """ "first flagged" is not in "among the first, flagged it": a comma ends a clause."""
    _tell_the_gap(fixture_copy, "analysts, ZachXBT among the first, flagged it", "分析者が指摘した")
    cite = _cite_words(fixture_copy, "first flagged")
    [p] = problems_of(fixture_copy)
    assert (p.line, p.value) == (cite, "first flagged") and "within one clause" in p.message
    _tell_the_gap(fixture_copy, "analysts first flagged it, ZachXBT among them", "分析者が指摘した")
    load_dataset(fixture_copy)


@pytest.mark.parametrize("file", ["incidents.csv", "remedies.csv"])
def test_an_incident_or_remedy_row_takes_no_words_figure(file):
    # the fixture's incidents and remedies are the seed's, which no figure may back: called directly
    row = {"stolen_en": "Outflow detected", "detail_en": "Outflow detected"}
    [p] = evidence._check_words({"printed_tz": ""}, 2, "Outflow detected", file, 5, row)
    assert (p.line, p.column, p.value) == (2, "claim", "words")


@pytest.mark.parametrize("printed", ["U.S. regulator’s", "ＳＥＣ staff"])
def test_a_reason_figure_may_hold_an_abbreviation_and_other_forms_of_its_letters(fixture_copy, printed):
    """ "U.S." ends no sentence; a curly apostrophe and full-width letters read as their plain forms."""
    _tell_the_gap(
        fixture_copy, "the SEC staff and the U.S. regulator's chair said nothing", "米国の当局SECは何も述べなかった"
    )
    _cite_words(fixture_copy, printed)
    load_dataset(fixture_copy)


def test_a_dated_event_s_words_figure_stands_in_its_title(fixture_copy):
    # What a dated event's title says beyond its date is the page's (Bitfinex: "sentenced to five
    # years in prison"): a words figure backs it when its words stand in the title, not elsewhere.
    _cite_words(fixture_copy, "Outflow detected", record_id="ex-detection")
    load_dataset(fixture_copy)
    cite = _cite_words(fixture_copy, "monitoring", record_id="ex-detection")
    [p] = problems_of(fixture_copy)
    assert (p.line, p.column, p.value) == (cite, "printed", "monitoring")
    assert "is not in the title of events.csv line" in p.message


def test_a_reason_has_no_zone(fixture_copy):
    _tell_the_gap(fixture_copy, *_SAID)
    cite = _cite_words(fixture_copy, "monitoring", zone="UTC")
    [p] = problems_of(fixture_copy)
    assert (p.line, p.column, p.value) == (cite, "printed_tz", "UTC")


_NOTE_WORD = st.text(alphabet="abcdefghij", min_size=4, max_size=5)


@given(
    note=st.lists(_NOTE_WORD, min_size=1, max_size=8),
    first=st.integers(0, 7),
    size=st.integers(1, 3),
    ending=st.sampled_from(["", "s", "ed", "ing"]),
    stranger=st.text(alphabet="klmnop", min_size=4, max_size=5),
    at=st.integers(0, 3),
)
def test_a_reason_figure_is_accepted_exactly_when_the_note_gives_its_words(note, first, size, ending, stranger, at):
    """Any run of the note's words backs it, whatever ending the note adds to its last; a word the note
    does not give is refused wherever it stands in the figure."""
    start = first % len(note)
    run = note[start : start + size]
    row = {"status": "gap", "note_en": " ".join([*note[:start], *run[:-1], run[-1] + ending, *note[start + size :]])}
    row["note_ja"] = "見つからない"
    cite = {"printed_tz": "", "printed": ""}
    assert evidence._check_words(cite, 2, " ".join(run), "events.csv", 5, row) == []
    foreign = [*run[:at], stranger, *run[at:]]
    refused = evidence._check_words(cite, 2, " ".join(foreign), "events.csv", 5, row)
    assert [p.column for p in refused] == ["printed"]


def test_a_story_row_s_words_are_backed_by_its_page(fixture_copy):
    """The fixture's attribution ("the thief has not been identified"): its page prints "The thief"."""
    story = fixture_copy / "story.csv"
    line = line_of(story, "fact_id", "ex-attribution")
    cite = _cite_words(fixture_copy, "The thief", record_id="ex-attribution", table="story")
    load_dataset(fixture_copy)
    set_cell(fixture_copy / "citations.csv", cite, "printed", "been caught")
    [p] = problems_of(fixture_copy)
    assert (p.line, p.column, p.value) == (cite, "printed", "been caught")
    assert f"is not in the text of story.csv line {line} (text_en, text_ja)" in p.message
