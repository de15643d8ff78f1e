"""data/corrections.csv: every change to a published fact, found in the history of data/. The real
file loads with the data; a few of its rows, checked by hand against the commits; each defect class
refused with file, line, column and value; and any single cell of it corrupted is either still a
valid file, or refused naming corrections.csv."""

import csv
import re
import shutil
import subprocess
import unicodedata
from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from analysis import l10n
from analysis.data.loading import load_dataset
from analysis.data.schemas import cells
from analysis.data.schemas.corrections import MOVED, TABLES
from analysis.errors import DataValidationError

from conftest import DATA, problems_of, set_cell

NAME = "corrections.csv"
ROWS = list(csv.reader((DATA / NAME).open(encoding="utf-8", newline="")))
HEADER = ROWS[0]


def japan_today() -> date:
    """Today in Japan when a check runs, as the validation reads it: a day fixed when the module was
    imported went stale when the suite ran across Japan's midnight (15:00 UTC), and tomorrow was today."""
    return datetime.now(ZoneInfo("Asia/Tokyo")).date()


def line_where(path: Path, **want: str) -> int:
    """The line of the first row whose cells are `want`."""
    with path.open(encoding="utf-8", newline="") as f:
        for line, row in enumerate(csv.DictReader(f), start=2):
            if all(row[k] == v for k, v in want.items()):
                return line
    raise AssertionError(f"no row {want}")


def row_of(**want: str) -> dict:
    return dict(zip(HEADER, ROWS[line_where(DATA / NAME, **want) - 1]))


# -- the real file --------------------------------------------------------------------------------


def test_real_data_loads_with_its_corrections():
    found = load_dataset().corrections
    assert list(found.columns) == HEADER and len(found) == len(ROWS) - 1
    keys = list(zip(found["date"], found["table"], found["record_id"], found["column"]))
    assert keys == sorted(keys), "sorted by date, table, record and column"
    assert len(set(keys)) == len(keys)
    # Every commit of the history that changed a published fact, by its Japan day.
    days = dict(zip(found["commit"], found["date"]))
    assert (
        days.items()
        >= {
            "813214d": "2026-11-26",
            "99855b0": "2026-11-26",
            "c08c13c": "2026-11-26",
            "60950ef": "2026-11-27",
            "17e2df0": "2026-11-27",  # 16:47 UTC on 26 Nov: 27 Nov in Japan
            "8804bb0": "2026-12-04",
            "c2d0803": "2026-12-04",
            "3f119e0": "2026-12-04",
            "b1f57f9": "2026-12-04",
            "b481308": "2026-12-04",
            "a6eb209": "2026-12-04",
            "88985fe": "2026-12-08",  # 22:09 UTC on 7 Dec: DMM's report order, the Kanto Finance Bureau's
            "36167ad": "2026-12-08",  # Zaif's basic contract of 20 Sep 2018, to consider Fisco's support
            "cdb8107": "2026-12-08",  # the same, in Japanese, naming who signed it
        }.items()
    )


def test_every_correction_names_a_commit_of_this_history_on_its_japan_day():
    """Each row's commit is in the repository and its day is the commit's day in Japan (git log)."""
    root = DATA.parent
    if shutil.which("git") is None or not (root / ".git").exists():
        pytest.skip("not a git checkout")
    found = load_dataset().corrections
    for commit, day in dict(zip(found["commit"], found["date"])).items():
        shown = subprocess.run(["git", "-C", str(root), "show", "-s", "--format=%cI", f"{commit}^{{commit}}"],
                               capture_output=True, text=True)  # fmt: skip
        assert shown.returncode == 0, f"{commit}: not a commit of this repository"
        when = datetime.fromisoformat(shown.stdout.strip()).astimezone(ZoneInfo("Asia/Tokyo")).date()
        assert str(when) == day, (commit, day, when)


@pytest.mark.parametrize(
    "record, column, old, new, day, commit",
    [
        # git show 99855b0 -- data/events.csv: Zaif's detection is the anomaly (17 Sep), not the hack confirmed.
        ("zaif-detection", "date", "2018-09-18", "2018-09-17", "2026-11-26", "99855b0"),
        # The same commit: "about 30 people charged" replaced by a row of people arrested or referred.
        (
            "police-about-30-arrested",
            "record_id",
            "police-about-30-charged",
            "police-about-30-arrested",
            "2026-11-26",
            "99855b0",
        ),
        ("police-about-30-arrested", "date", "2021-01-22", "2021-01-21", "2026-11-26", "99855b0"),
        # git show c2d0803: Zaif's remedy decided on 20 Sep 2018, not 10 Oct.
        ("zaif-remedy-decided", "date", "2018-10-10", "2018-09-20", "2026-12-04", "c2d0803"),
        # One cell corrected on two days: UTC given in 60950ef, emptied when the row became not applicable.
        ("bybit-remedy-delivered", "date_zone", "", "UTC", "2026-11-27", "60950ef"),
        ("bybit-remedy-delivered", "date_zone", "UTC", "", "2026-12-04", "8804bb0"),
        # A removed record keeps its last id, with an empty new value.
        ("bp-crypto-deposits-resumed", "record_id", "bp-crypto-deposits-resumed", "", "2026-11-26", "99855b0"),
    ],
)
def test_rows_checked_by_hand_against_the_commits(record, column, old, new, day, commit):
    row = row_of(table="events", record_id=record, column=column, date=day)
    assert (row["old_value"], row["new_value"], row["commit"]) == (old, new, commit)
    assert row["why_en"] and row["why_ja"]


def test_other_files_rows_checked_by_hand():
    # git show 3f119e0 -- data/remedies.csv: DMM Bitcoin's customers lost nothing.
    dmm = row_of(table="remedies", record_id="dmm-bitcoin-2024", column="extent")
    assert (dmm["old_value"], dmm["new_value"], dmm["date"]) == ("full", "not_needed", "2026-12-04")
    # git show 3f119e0 -- data/story.csv: a value given twice, removed.
    gone = row_of(table="story", record_id="bitfinex-value", column="record_id")
    assert (gone["old_value"], gone["new_value"], gone["source_url"]) == ("bitfinex-value", "", "")
    # A cell changed by two commits of one day is one row: 3f119e0's "by the company's count", then
    # b1f57f9's "The Japan Times' conversion"; old value from before the first, new after the last.
    value = row_of(table="story", record_id="cc-value", column="text_en")
    assert value["old_value"] == "about 58 bn JPY (US$532 million)"
    assert (
        value["new_value"] == "about 58 bn JPY by the company's count (US$532 million in The Japan Times' conversion)"
    )
    assert value["commit"] == "b1f57f9"
    # The latest correction of a structured cell is what the file holds now.
    events = {r["event_id"]: r for r in csv.DictReader((DATA / "events.csv").open(encoding="utf-8"))}
    assert events["zaif-detection"]["date"] == "2018-09-17"
    assert events["bybit-remedy-delivered"]["date_zone"] == ""


def test_a_column_that_moved_is_named_where_it_was_only_before_the_move(fixture_copy):
    # publisher moved from citations.csv to pages.csv on 2026-12-05: a correction dated before names
    # it on citations.csv; one dated since must name the page (pages.csv, by its url).
    path = fixture_copy / NAME
    with path.open("a", encoding="utf-8") as f:
        f.write("2026-12-04,citations,ex-detection,publisher,Old Wire,Example Wire,Renamed.,改めた。,,1a2b3c4\n")
    load_dataset(fixture_copy)  # accepted
    with path.open("a", encoding="utf-8") as f:
        f.write("2026-12-05,citations,ex-detection,publisher,Old Wire,Example Wire,Renamed.,改めた。,,1a2b3c4\n")
    [p] = [p for p in problems_of(fixture_copy) if p.file.endswith(NAME)]
    assert (p.column, p.value) == ("column", "publisher") and "since 2026-12-05" in p.message


def test_fixture_data_loads_with_its_corrections(fixture_data):
    found = load_dataset(fixture_data).corrections
    assert set(found["column"]) == {"record_id", "date_zone", "time", "title_en"}


# -- each defect, refused with its place ------------------------------------------------------------


def refused(data_copy, line: int, column: str, value: str) -> list:
    """Set one cell of corrections.csv; the problems naming that cell."""
    set_cell(data_copy / NAME, line, column, value)
    found = [
        p
        for p in problems_of(data_copy)
        if Path(p.file).name == NAME and p.line == line and p.column == column and p.value == value
    ]
    assert found, f"nothing reported at {NAME} line {line}, column {column}, value {value!r}"
    for p in found:
        assert f"{NAME}, line {line}, column '{column}': value '{value}'" in str(p)
    return found


ZAIF = dict(table="events", record_id="zaif-detection", column="date")


@pytest.mark.parametrize(
    "column, value, words",
    [
        ("table", "trades", "is not an allowed value; use one of: milestones, events"),
        ("table", "corrections", "is not an allowed value"),
        ("record_id", "no-such-event", "is not a record of events.csv"),
        ("record_id", "", "a value is required"),
        ("column", "colour", "is not a column of events.csv"),
        ("column", "Date ", "is not a column name"),
        (
            "new_value",
            "2018-09-16",
            "is not what events.csv holds now for zaif-detection in column date ('2018-09-17')",
        ),
        ("new_value", "2018-09-18", "is the same as old_value"),
        ("date", "2026-13-01", "is not the day a correction was published"),
        ("date", "26/11/2026", "is not the day a correction was published"),
        ("date", "tomorrow", "not in the future"),  # Japan's next day, as the test runs
        ("commit", "99855B0", "is not a short commit id"),
        ("commit", "99855b", "is not a short commit id"),
        ("why_ja", "", "a value is required"),
        ("why_en", "", "a value is required"),
        ("source_url", "www.example.com/page", "is not a well-formed web address"),
    ],
)
def test_each_defect_is_refused_with_its_place(data_copy, column, value, words):
    value = (japan_today() + timedelta(days=1)).isoformat() if value == "tomorrow" else value
    line = line_where(data_copy / NAME, **ZAIF)
    assert any(words in p.message for p in refused(data_copy, line, column, value))


def test_a_duplicated_key_names_both_lines(data_copy):
    path = data_copy / NAME
    first = line_where(path, **ZAIF)
    second = line_where(path, table="events", record_id="zaif-detection", column="title_en")
    [p] = refused(data_copy, second, "column", "date")
    assert f"is corrected twice on 2026-11-26 for events zaif-detection (also on line {first})" in p.message


def test_a_rename_gives_the_new_id(data_copy):
    line = line_where(data_copy / NAME, record_id="police-about-30-arrested", column="record_id")
    [p] = refused(data_copy, line, "new_value", "police-about-30")
    assert "is neither the record's id 'police-about-30-arrested'" in p.message


def test_data_changed_without_a_correction_is_refused(data_copy):
    """Change a corrected date in events.csv and not in corrections.csv: the latest correction of
    that cell no longer says what the file holds, and is named."""
    events = data_copy / "events.csv"
    set_cell(events, line_where(events, event_id="zaif-remedy-decided"), "date", "2018-09-21")
    line = line_where(data_copy / NAME, table="events", record_id="zaif-remedy-decided", column="date")
    [p] = [p for p in problems_of(data_copy) if Path(p.file).name == NAME]
    assert (p.line, p.column, p.value) == (line, "new_value", "2018-09-20")
    assert "holds now for zaif-remedy-decided in column date ('2018-09-21')" in p.message


def test_a_record_renamed_in_the_data_leaves_its_corrections_pointing_nowhere(data_copy):
    events = data_copy / "events.csv"
    set_cell(events, line_where(events, event_id="zaif-detection"), "event_id", "zaif-anomaly")
    lines = {p.line for p in problems_of(data_copy) if Path(p.file).name == NAME and p.column == "record_id"}
    path = data_copy / NAME
    assert {line_where(path, **ZAIF), line_where(path, record_id="zaif-detection", column="title_en")} <= lines


def test_text_in_a_language_may_be_reworded_later(data_copy):
    """A title reworded after its correction needs no new row: only its record is checked."""
    events = data_copy / "events.csv"
    set_cell(events, line_where(events, event_id="zaif-detection"), "title_en", "Server anomaly noticed")
    load_dataset(data_copy)


def test_a_file_left_out_leaves_its_corrections_unread(data_copy):
    """events.csv without its header's date column: that is the one problem, not every correction."""
    rows = list(csv.reader((data_copy / "events.csv").open(encoding="utf-8", newline="")))
    col = rows[0].index("date")
    with (data_copy / "events.csv").open("w", encoding="utf-8", newline="") as f:
        csv.writer(f, lineterminator="\n").writerows([r[:col] + r[col + 1 :] for r in rows])
    assert [(Path(p.file).name, p.column) for p in problems_of(data_copy)] == [("events.csv", "date")]


# -- any single cell corrupted ----------------------------------------------------------------------

# How each file names its records, and which columns a file has: read here from the files
# themselves, apart from the code under test.
NAMED_BY = {
    "compensation": ("incident_id", "asset", "fact"),
    "order_items": ("order_event_id", "item_no"),
    "citations": ("record_id",),
    "events": ("event_id",),
    "incidents": ("incident_id",),
    "remedies": ("incident_id",),
    "story": ("fact_id",),
    "milestones": ("milestone",),
    "sources": ("source_id",),
    "pages": ("url",),
}
FILES = {t: list(csv.DictReader((DATA / f"{t}.csv").open(encoding="utf-8", newline=""))) for t in NAMED_BY}
NAMES = {t: ["/".join(r[c] for c in NAMED_BY[t]) for r in rows] for t, rows in FILES.items()}
REQUIRED = {"date", "table", "record_id", "column", "why_en", "why_ja", "commit"}


def undrawable(text: str) -> bool:
    return any(not ch.isprintable() and unicodedata.category(ch) != "Zs" for ch in text)


def cell_ok(column: str, value: str) -> bool:
    if undrawable(value) or (column in REQUIRED and value == ""):
        return False
    if column == "date":
        return (
            cells.is_date(value)
            and cells.in_window(date.fromisoformat(value))
            and date.fromisoformat(value) <= japan_today()
        )
    if column == "table":
        return value in TABLES
    if column == "column":
        return cells.is_slug(value)
    if column == "commit":
        return re.fullmatch(r"[0-9a-f]{7}", value) is not None
    if column == "source_url":
        return value == "" or cells.is_url(value)
    return True


def still_valid(rows: list[dict]) -> bool:
    """The rules of data/README.md for corrections.csv, written out row by row."""
    if not all(cell_ok(c, v) for r in rows for c, v in r.items()):
        return False
    keys = [(r["table"], r["record_id"], r["column"], r["date"]) for r in rows]
    if len(set(keys)) != len(keys):
        return False
    gone = {(r["table"], r["record_id"]) for r in rows if r["column"] == "record_id" and r["new_value"] == ""}
    latest = {}
    for r in rows:
        if r["old_value"] == r["new_value"]:
            return False
        if r["column"] == "record_id" and (r["old_value"] == "" or r["new_value"] not in ("", r["record_id"])):
            return False
        table = r["table"]
        if r["record_id"] not in NAMES[table] and (table, r["record_id"]) not in gone:
            return False
        # A column the file has, or had before the day it moved to another file (MOVED: pages.csv).
        moved = MOVED.get(f"{table}.csv", {})
        if (
            r["column"] != "record_id"
            and r["column"] not in FILES[table][0]
            and not r["date"] < moved.get(r["column"], "")
        ):
            return False
        if (
            r["record_id"] in NAMES[table]
            and r["column"] != "record_id"
            and r["column"] in FILES[table][0]  # a column moved away is history: nothing to agree with
            and l10n.base_of(r["column"]) is None
        ):
            cell = (table, r["record_id"], r["column"])
            if cell not in latest or r["date"] >= latest[cell]["date"]:  # file order breaks a tie
                latest[cell] = r
    for (table, record, column), r in latest.items():
        held = {row[column] for row, name in zip(FILES[table], NAMES[table]) if name == record}
        if r["new_value"] not in held:
            return False
    return True


HOSTILE = st.one_of(
    st.just(""),
    st.sampled_from(
        [
            "2099-12-31",
            "2008-12-31",
            "2026-02-30",
            "２０２６-１１-２６",
            "events ",
            "Events",
            "record_id",
            "title_en",
            "colour",
            "99855B0",
            "99855b0",
            "zzzzzzz",
            "\u200b",
            "line\nbreak",
            "a,b",
            '"q"',
            "x" * 3000,
            "http://",
            "https://example.com/a b",
            "https://example.com/page",
            "true",
            "UTC",
            "<script>",
        ]
    ),
    st.text(max_size=20),
)
PLAUSIBLE = st.one_of(
    st.dates(date(2026, 11, 20), date(2026, 12, 31)).map(date.isoformat),
    st.sampled_from(TABLES),
    st.sampled_from([n for names in NAMES.values() for n in names[:5]]),
    st.sampled_from(["date", "time", "status", "milestone", "approximate", "date_zone", "title_ja", "extent"]),
    st.text(alphabet="0123456789abcdef", min_size=7, max_size=7),
)
FUZZ = dict(
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.function_scoped_fixture]
)


@st.composite
def corrections_edits(draw):
    """One cell of corrections.csv set to a hostile or plausible value, or another row's."""
    line = draw(st.integers(min_value=2, max_value=len(ROWS)))
    column = draw(st.sampled_from(HEADER))
    other = draw(st.integers(min_value=2, max_value=len(ROWS)))
    value = draw(st.one_of(HOSTILE, PLAUSIBLE, st.just(ROWS[other - 1][HEADER.index(column)])))
    assume(value != ROWS[line - 1][HEADER.index(column)])
    return line, column, value


@given(edit=corrections_edits())
@settings(max_examples=settings().max_examples, **FUZZ)
def test_any_corrupted_cell_is_valid_or_refused_naming_the_file(tmp_path_factory, edit):
    line, column, value = edit
    data = tmp_path_factory.mktemp("corrections") / "data"
    shutil.copytree(DATA, data, ignore=shutil.ignore_patterns("*.md"))
    set_cell(data / NAME, line, column, value)
    with (data / NAME).open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    valid = still_valid(rows)
    try:
        load_dataset(data)
    except DataValidationError as err:
        assert not valid, f"a valid edit was refused:\n{err}"
        assert err.problems and all(Path(p.file).name == NAME and p.line is not None for p in err.problems), err
        return
    assert valid, f"{NAME} line {line}, column {column} set to {value!r} was accepted"


# -- in the reports ---------------------------------------------------------------------------------


def test_a_corrected_fact_says_so_beside_it_and_the_annex_lists_the_change():
    from analysis.report import annex, common, incident
    from analysis.report.context import prepare_incident

    ctx = prepare_incident(incident_id="coincheck-2018", lang="en")
    # corrections.csv: court-verdict-final's milestone set on 4 Dec 2026 (b481308), its words "upheld,
    # not made final" on 8 Dec (8edbaa7): the latest is said; the event row itself was replaced on
    # 26 Nov (court-verdicts -> court-verdict-final).
    assert common.corrected(ctx, "events", "court-verdict-final") == "corrected on 8 December 2026"
    assert common.corrected(ctx, "events", "cc-report-submitted") == ""  # never corrected
    table = common.events_table(ctx, ctx.events).frame
    status = table.set_index(table.columns[0]).iloc[:, 5]  # the standing column, by event number
    assert "corrected on 8 December 2026" in status[ctx.numbers["court-verdict-final"]]
    # A key fact resting on a corrected row says so: the reported loss's note (4 Dec, CC1).
    facts = dict((f, c) for f, _, c in [(a, b, incident._corrected_rows(ctx, d)) for a, b, _, d in
                                          incident.key_fact_rows(ctx)])  # fmt: skip
    assert facts[l10n.t("reported_loss", "en")] == "corrected on 4 December 2026"
    assert facts[l10n.t("price_paid", "en")] == ""
    listed = annex.corrections(ctx)[2].frame
    renamed = listed[(listed.iloc[:, 1] == "events.csv: court-verdict-final") & (listed.iloc[:, 2] == "record_id")]
    assert renamed.iloc[0, 3:5].tolist() == ["court-verdicts", "court-verdict-final"]
    assert not listed.iloc[:, 1].str.contains("zaif-|bitfinex-|mtgox-").any()  # only this report's records


def test_a_report_with_no_correction_of_its_facts_has_no_corrections_table(fixture_dataset):
    from analysis.report import annex
    from analysis.report.context import IncidentContext

    quiet = fixture_dataset.corrections.iloc[0:0]
    data = type(fixture_dataset)(**{**fixture_dataset.__dict__, "corrections": quiet})
    incident = data.incidents["incident_id"].iloc[0]
    assert annex.corrections(IncidentContext(data, "en", (incident,))) == []


def test_a_page_s_correction_marks_the_facts_read_on_it():
    # QUOINE's final report was renamed in pages.csv on 2026-12-05 (one name for four): liquid-theft,
    # never corrected itself, is read on that page, so it is "corrected on" that day; the page's row
    # is among the corrections Liquid's report lists, and not among Coincheck's.
    from analysis.report.context import prepare_incident

    liquid = prepare_incident(incident_id="liquid-2021", lang="en")
    assert liquid.corrected_on("events", "liquid-theft") == date(2026, 12, 5)
    assert "pages" in set(liquid.corrections["table"])
    coincheck = prepare_incident(incident_id="coincheck-2018", lang="en")
    assert "22374956442893" not in " ".join(coincheck.corrections["record_id"])
