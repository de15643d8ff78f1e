"""Hostile input: every broken copy of the data or of the parameters ends in a located error, never a
traceback, and nothing already published changes.

The fuzzing tests run Hypothesis with a fixed example count and a deadline (the "ci" profile of
conftest.py); HYPOTHESIS_PROFILE=deep make test runs them much longer.
"""

import csv
import io
import shutil
import warnings
from datetime import date, timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, event, given, settings
from hypothesis import strategies as st

from analysis import vocab
from analysis.build import pipeline as build
from analysis.data.loading import FILES, load_dataset
from analysis.data.params import ParameterError
from analysis.data.validation import SCHEMAS, plausible_window
from analysis.errors import DataValidationError
from analysis.report import registry
from analysis.report.context import prepare_comparison, prepare_incident

from conftest import DATA, ROOT, line_of, problems_of, set_cell

# Builds reports, runs notebooks or draws every chart: left out of make test-fast.
pytestmark = pytest.mark.slow

NOTEBOOK = ROOT / "notebooks" / "incident.ipynb"
ROWS = {name: list(csv.reader((DATA / name).open(encoding="utf-8", newline=""))) for name in FILES}
INCIDENTS = [r[0] for r in ROWS["incidents.csv"][1:]]


def render(kind: str, **params) -> str:
    """What a build executes, without papermill and Chromium: the context, then every section."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        ctx = build.PREPARE[kind](**params)
        return "".join(s._repr_html_() for s in registry.report(ctx))


def assert_located(err: DataValidationError, data_dir: Path, *, on_a_line: bool) -> None:
    """Every problem names a file of the data by its path; after a cell edit, some problem also
    names a line (the edited one, or a line the edit breaks)."""
    assert err.problems
    for p in err.problems:
        assert Path(p.file).name in FILES and str(data_dir) in str(Path(p.file).resolve()), p
        assert p.message, p
    if on_a_line:
        assert any(p.line is not None for p in err.problems), str(err)


def write_rows(path: Path, rows: list[list[str]], encoding: str = "utf-8", newline: str = "\n") -> None:
    buf = io.StringIO()
    csv.writer(buf, lineterminator=newline).writerows(rows)
    path.write_bytes(buf.getvalue().encode(encoding, errors="replace"))


# -- strategies ---------------------------------------------------------------------------------

HOSTILE_TEXT = st.one_of(
    st.just(""),
    st.sampled_from(
        [
            "0",
            "-1",
            "9" * 29,
            "1e309",
            "NaN",
            "inf",
            "0.0000000001",
            "２０１８-０１-２６",  # full-width digits
            "2018-01-26T00:00",
            "2099-12-31",
            "1899-12-31",
            "2018-02-30",
            "24:00",
            "12:9",
            "TRUE",
            "coincheck-2018 ",
            "сoincheck-2018",  # Cyrillic с
            "ｃｏｉｎｃｈｅｃｋ-2018",
            "<script>alert(1)</script>",
            "&amp;&lt;",
            '=HYPERLINK("http://x")',
            "line\nbreak",
            '"quoted"',
            "a,b",
            "\u200b",
            "\ufeffleak",
            "x" * 3000,
            "http://",
            "https://example.com/a b",
            "leak",
            "order",
            "true",
            "false",
            "conflict",
            "gap",
            "2019-Q5",
            "2019-Q2",
            "2014-02",
            "JPY",
            "XEM",
        ]
    ),
    st.text(max_size=40),
)


# Values that pass the format checks: they reach the computations, where the subtle bugs are.
PLAUSIBLE = st.one_of(
    st.dates(date(2009, 1, 3), date(2027, 6, 30)).map(date.isoformat),
    st.times().map(lambda t: t.strftime("%H:%M")),
    st.decimals(min_value=1, max_value=10**12, places=3).map(str),
    st.integers(min_value=1, max_value=10**9).map(str),
    st.sampled_from([*vocab.STATUSES, *vocab.ACTORS, *vocab.SOURCE_KINDS, *vocab.REMEDY_METHODS, *vocab.ZONES]),
    st.sampled_from([r[0] for r in ROWS["milestones.csv"][1:]]),
)


@st.composite
def cell_edits(draw):
    """One cell of one file set to a hostile value, or copied from another row (duplicates)."""
    name = draw(st.sampled_from(FILES))
    rows = ROWS[name]
    line = draw(st.integers(min_value=2, max_value=len(rows)))
    column = draw(st.sampled_from(rows[0]))
    col = rows[0].index(column)
    other = draw(st.integers(min_value=2, max_value=len(rows)))
    value = draw(st.one_of(HOSTILE_TEXT, st.just(rows[other - 1][col]), PLAUSIBLE))
    assume(value != rows[line - 1][col])
    return name, line, column, value


@st.composite
def file_edits(draw):
    """A whole-file change: a column dropped, renamed, doubled or moved; an encoding; a row cut."""
    name = draw(st.sampled_from(FILES))
    rows = [list(r) for r in ROWS[name]]
    kind = draw(st.sampled_from(["drop", "rename", "double", "move", "encoding", "cut", "extra", "empty"]))
    col = draw(st.integers(min_value=0, max_value=len(rows[0]) - 1))
    encoding, newline = "utf-8", "\n"
    if kind == "drop":
        rows = [r[:col] + r[col + 1 :] for r in rows]
    elif kind == "rename":
        rows[0][col] = draw(st.sampled_from([rows[0][col].upper(), rows[0][col] + " ", "ｎｏｔｅ", ""]))
    elif kind == "double":
        rows = [r + [r[col]] for r in rows]
    elif kind == "move":
        rows = [r[col:] + r[:col] for r in rows]
    elif kind == "encoding":
        encoding = draw(st.sampled_from(["utf-16", "shift_jis", "cp1252", "utf-8-sig"]))
        newline = draw(st.sampled_from(["\n", "\r\n"]))
    elif kind == "cut":
        line = draw(st.integers(min_value=1, max_value=len(rows) - 1))
        rows[line] = rows[line][: draw(st.integers(min_value=0, max_value=len(rows[line]) - 1))]
    elif kind == "extra":
        line = draw(st.integers(min_value=1, max_value=len(rows) - 1))
        rows[line] = rows[line] + ["extra"]
    else:
        rows = rows[:1]
    return name, kind, rows, encoding, newline


PARAM_VALUES = st.recursive(
    st.one_of(
        st.none(),
        st.booleans(),
        st.integers(),
        st.floats(allow_nan=True),
        HOSTILE_TEXT,
        st.sampled_from([*INCIDENTS, "ja", "en", "leak", "order", "report", "withdrawals_resumed"]),
    ),
    lambda inner: st.one_of(st.lists(inner, max_size=4), st.dictionaries(st.text(max_size=5), inner, max_size=2)),
    max_leaves=6,
)
PARAMS = st.dictionaries(
    st.one_of(st.sampled_from(["incident_id", "lang", "chain", "data_dir", "incidents"]), st.text(max_size=8)),
    PARAM_VALUES,
    max_size=4,
)

# The profile (conftest.py) sets the budget; a file edit or a parameter set costs less to check
# than a cell edit, which renders two whole reports.
EXAMPLES = settings().max_examples
FUZZ = dict(suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


# -- fuzzing ------------------------------------------------------------------------------------


def built_or_located(data_dir: Path, incident: str, lang: str, *, on_a_line: bool) -> None:
    """The report builds, or the data is refused with located problems; the comparison too."""
    for kind, params in (("incident", {"incident_id": incident}), ("comparison", {})):
        try:
            html = render(kind, lang=lang, data_dir=str(data_dir), **params)
        except DataValidationError as err:
            assert_located(err, data_dir, on_a_line=on_a_line)
            event("refused with located problems")
            return
        except ParameterError as err:
            # A cell edit can remove the incident the parameters name, or the dates its chain needs.
            assert "incident_id" in str(err) or "chain" in str(err), err
            continue
        assert "<h1" in html and "<script" not in html
        event(f"{kind} built")


@given(edit=cell_edits(), incident=st.sampled_from(INCIDENTS), lang=st.sampled_from(["ja", "en"]))
@settings(max_examples=EXAMPLES, **FUZZ)
def test_any_cell_builds_or_fails_located(tmp_path_factory, edit, incident, lang):
    name, line, column, value = edit
    data = tmp_path_factory.mktemp("fuzz") / "data"
    shutil.copytree(DATA, data, ignore=shutil.ignore_patterns("*.md"))
    set_cell(data / name, line, column, value)
    built_or_located(data, incident, lang, on_a_line=True)


@given(edit=file_edits(), lang=st.sampled_from(["ja", "en"]))
@settings(max_examples=EXAMPLES // 2, **FUZZ)
def test_any_file_change_builds_or_fails_located(tmp_path_factory, edit, lang):
    name, kind, rows, encoding, newline = edit
    data = tmp_path_factory.mktemp("fuzz") / "data"
    shutil.copytree(DATA, data, ignore=shutil.ignore_patterns("*.md"))
    write_rows(data / name, rows, encoding, newline)
    built_or_located(data, "coincheck-2018", lang, on_a_line=False)


@given(params=PARAMS)
@settings(max_examples=EXAMPLES * 10, **FUZZ)
def test_any_parameters_run_or_fail_with_a_parameter_error(params):
    """Parameters as a YAML file can give them: checked for shape before their values are used."""
    for notebook in ("incident", "comparison"):
        try:
            build.check_params(ROOT / "notebooks" / f"{notebook}.ipynb", params)
        except ParameterError as err:
            assert str(err).strip()
        except DataValidationError as err:  # data_dir pointed at a folder without the data
            assert "the file is missing" in str(err)


# -- the failures of issue 11, one test each ----------------------------------------------------


def test_a_date_outside_the_plausible_window_is_refused(data_copy):
    events = data_copy / "events.csv"
    line = line_of(events, "event_id", "fsa-business-improvement-order")
    set_cell(events, line, "date", "2099-12-31")
    problems = problems_of(data_copy)
    assert [(p.line, p.column, p.value) for p in problems] == [(line, "date", "2099-12-31")]
    assert "outside the plausible dates 2009-01-03 to" in problems[0].message
    first, last = plausible_window()
    assert first == date(2009, 1, 3) and (last - date.today()).days in range(334, 367)


@pytest.mark.parametrize(
    "fact, value, words",
    [
        ("units_stolen", "0", "is zero; 'units_stolen' must be more than 0"),
        ("units_stolen", "9" * 29, "outside the plausible range of 'units_stolen'"),
        ("reported_loss_jpy", "0", "is zero"),
        ("holders", "260000.5", "write a whole number"),
        ("price_per_unit", "88.5490001", "at most 6 decimal places"),
    ],
)
def test_numbers_the_report_divides_by_are_bounded(data_copy, fact, value, words):
    comp = data_copy / "compensation.csv"
    line = line_of(comp, "fact", fact)
    set_cell(comp, line, "value", value)
    [problem] = problems_of(data_copy)
    assert (problem.line, problem.column, problem.value) == (line, "value", value)
    assert words in problem.message


def test_a_price_window_outside_the_plausible_dates_is_refused(data_copy):
    comp = data_copy / "compensation.csv"
    line = line_of(comp, "fact", "price_window_end")
    set_cell(comp, line, "value", "2109-01-27T23:00+09:00")
    [problem] = problems_of(data_copy)
    assert (problem.line, problem.column) == (line, "value") and "plausible dates" in problem.message


COLUMNS = [(name, column) for name in FILES for column in SCHEMAS[name].columns]


@pytest.mark.parametrize("name, column", COLUMNS)
def test_a_missing_column_is_the_only_problem_reported(data_copy, name, column):
    rows = [list(r) for r in ROWS[name]]
    col = rows[0].index(column)
    write_rows(data_copy / name, [r[:col] + r[col + 1 :] for r in rows])
    problems = problems_of(data_copy)
    assert [(Path(p.file).name, p.line, p.column) for p in problems] == [(name, 1, column)], problems
    assert "is missing from the header row" in problems[0].message


@pytest.mark.parametrize(
    "params, words",
    [
        ({"chain": [["leak"], "order"]}, "chain must be a list of milestones"),
        ({"chain": [{"leak": 1}]}, "chain must be a list of milestones"),
        ({"incident_id": ["coincheck-2018"]}, "incident_id must be an incident's id as text"),
        ({"data_dir": 5}, "data_dir must be a folder's path as text"),
        ({"lang": None}, "lang must be a language code as text: en or ja"),
        (
            {"chain": ["leak", "report", "order"]},
            "chain must follow the order milestones happen in: leak, order, report",
        ),
    ],
)
def test_parameters_of_the_wrong_shape_or_order(params, words):
    with pytest.raises(ParameterError) as info:
        prepare_incident(**params)
    assert words in str(info.value)


@pytest.mark.parametrize(
    "params, words",
    [
        ({"incidents": [["coincheck-2018"]]}, "incidents must be a list of incident ids"),
        ({"incidents": [{"a": 1}]}, "incidents must be a list of incident ids"),
        ({"incidents": "coincheck-2018"}, "incidents must be a list of incident ids"),
        ({"data_dir": ["data"]}, "data_dir must be a folder's path as text"),
        ({"focus": ["zaif-2018"]}, "focus must be one of the compared incidents' ids as text"),
        ({"focus": "ftx-2022"}, "focus: 'ftx-2022' is not one of the compared incidents"),
        (
            {"incidents": ["zaif-2018", "bybit-2025"], "focus": "coincheck-2018"},
            "focus: 'coincheck-2018' is not one of the compared incidents: zaif-2018, bybit-2025",
        ),
    ],
)
def test_comparison_parameters_of_the_wrong_shape(params, words):
    with pytest.raises(ParameterError) as info:
        prepare_comparison(**params)
    assert words in str(info.value)


def test_too_many_rows_are_refused_before_any_work(data_copy):
    """50,000 events: refused before reading, with the limit and why, instead of a build of minutes."""
    rows = ROWS["events.csv"]
    extra = [[rows[1][0], f"bulk-{i}", *rows[1][2:]] for i in range(50_000)]
    write_rows(data_copy / "events.csv", rows + extra)
    [problem] = problems_of(data_copy)
    assert Path(problem.file).name == "events.csv" and problem.value.endswith(" bytes")
    assert "is larger than the report is built for (2,000,000 bytes" in problem.message


def test_one_row_over_the_limit_is_refused(data_copy):
    rows = ROWS["order_items.csv"]
    extra = [[*rows[1][:2], str(100 + i), *rows[1][3:]] for i in range(vocab.MAX_ROWS)]
    write_rows(data_copy / "order_items.csv", rows + extra)
    [problem] = problems_of(data_copy)
    assert (Path(problem.file).name, problem.value) == ("order_items.csv", f"more than {vocab.MAX_ROWS} rows")
    assert f"is larger than the report is built for ({vocab.MAX_ROWS} rows)" in problem.message


def test_lines_of_the_wrong_shape_count_towards_the_limit_and_are_listed_briefly(data_copy):
    rows = ROWS["events.csv"]
    write_rows(data_copy / "events.csv", rows + [["x", "y"]] * 200)
    problems = problems_of(data_copy)
    assert len(problems) == 21
    assert [p.message for p in problems if p.line is None] == ["and 180 more lines with the wrong number of fields"]
    write_rows(data_copy / "events.csv", rows + [["x", "y"]] * vocab.MAX_ROWS)
    [problem] = problems_of(data_copy)
    assert problem.value == f"more than {vocab.MAX_ROWS} rows"


def test_a_folder_in_place_of_a_file(data_copy):
    (data_copy / "remedies.csv").unlink()
    (data_copy / "remedies.csv").mkdir()
    [problem] = problems_of(data_copy)
    assert Path(problem.file).name == "remedies.csv" and "the file cannot be read" in problem.message


def test_no_milestone_to_compare_is_refused(data_copy):
    rows = [list(r) for r in ROWS["milestones.csv"]]
    col = rows[0].index("compared")
    for r in rows[1:]:
        r[col] = "false"
    write_rows(data_copy / "milestones.csv", rows)
    [problem] = problems_of(data_copy)
    assert (problem.column, problem.value) == ("compared", "false") and "at least one milestone" in problem.message


def test_the_data_is_well_inside_the_row_limit():
    assert max(len(rows) - 1 for rows in ROWS.values()) * 2 < vocab.MAX_ROWS


def test_closed_days_are_shaded_with_one_calendar_lookup_per_chart(monkeypatch):
    """A long span costs one pass over its days, not one per day (it used to be quadratic)."""
    import matplotlib.pyplot as plt

    from analysis.report import charts

    calls = []
    real = charts.scales.closed_days
    monkeypatch.setattr(charts.scales, "closed_days", lambda a, b: calls.append((a, b)) or real(a, b))
    fig, ax = plt.subplots()
    try:
        charts.scales.shade_closed_days(ax, date(2010, 1, 1), date(2027, 12, 31))
        bands = len(ax.patches)
    finally:
        plt.close(fig)
    assert calls == [(date(2010, 1, 1), date(2027, 12, 31))]
    weeks = (date(2027, 12, 31) - date(2010, 1, 1)).days // 7
    assert weeks <= bands <= weeks + 20 * 18  # a band per weekend, a few more for holidays


def test_the_shading_bands_cover_exactly_the_closed_days():
    import matplotlib.dates as mdates
    import matplotlib.pyplot as plt

    from analysis.measures.calendar import is_business_day
    from analysis.report import charts

    fig, ax = plt.subplots()
    first, last = date(2018, 12, 20), date(2019, 1, 10)
    try:
        charts.scales.shade_closed_days(ax, first, last)
        spans = [(mdates.num2date(p.get_x(), tz=charts.scales.TZ).date(), p.get_width()) for p in ax.patches]
    finally:
        plt.close(fig)
    shaded = {s + timedelta(days=d) for s, w in spans for d in range(round(w))}
    every = {first + timedelta(days=d) for d in range((last - first).days + 1)}
    assert shaded == {d for d in every if not is_business_day(d)}


@pytest.mark.parametrize(
    "text, code",
    [("流\x0c出", "U+000C"), ("a\u202eb", "U+202E"), ("zero\u200bwidth", "U+200B"), ("line\nbreak", "U+000A")],
)
def test_characters_no_font_draws_are_refused(data_copy, text, code):
    """Found by the fuzzing: a form feed in a milestone's name reached a chart as a missing glyph."""
    set_cell(data_copy / "milestones.csv", 2, "name_ja", text)
    [problem] = problems_of(data_copy)
    assert (Path(problem.file).name, problem.line, problem.column) == ("milestones.csv", 2, "name_ja")
    assert f"contains {code}" in problem.message and "\\u" in problem.value


def test_spaces_of_every_width_are_text(data_copy):
    set_cell(data_copy / "events.csv", 2, "title_ja", "全角\u3000スペースと\u00a0なし")
    load_dataset(data_copy)


def test_a_period_emptied_on_a_row_that_has_no_date_is_refused(data_copy):
    """An empty period on a row dated only by its quarter used to reach the durations as NaT."""
    events = data_copy / "events.csv"
    line = line_of(events, "event_id", "cc-full-reopening")
    set_cell(events, line, "period", "")
    problems = problems_of(data_copy)
    [empty] = [p for p in problems if Path(p.file).name == "events.csv" and p.column == "date"]
    assert empty.line == line and "give the date (or, when the source gives only a month or quarter" in empty.message
    assert any("cites a row that gives no date or period" in p.message for p in problems)


@pytest.mark.parametrize(
    "edits, incident",
    [
        # The theft known only by its month (Mt. Gox's 2011 date preferred).
        ([("mtgox-theft", "preferred", "false"), ("mtgox-theft-2011-10", "preferred", "true")], "mtgox-2014"),
        # A chain milestone dated in another zone: one of two Japan days, so not in the chain.
        ([("fsa-business-improvement-order", "date_zone", "America/New_York")], "coincheck-2018"),
        # The report known only by its month: no deadline sentence.
        ([("cc-report-submitted", "date", ""), ("cc-report-submitted", "period", "2018-02")], "coincheck-2018"),
    ],
)
def test_found_by_review_these_valid_edits_build(data_copy, edits, incident):
    events = data_copy / "events.csv"
    for event_id, column, value in edits:
        set_cell(events, line_of(events, "event_id", event_id), column, value)
    for lang in ("ja", "en"):
        assert "<h1" in render("incident", incident_id=incident, lang=lang, data_dir=str(data_copy))
        assert "<h1" in render("comparison", lang=lang, data_dir=str(data_copy))


def test_a_data_dir_no_file_system_can_hold_is_a_parameter_error():
    with pytest.raises(ParameterError, match="cannot be a folder"):
        prepare_incident(data_dir="x" * 300)


def test_a_parameter_file_nested_too_deep_is_a_parameter_error(tmp_path):
    deep = tmp_path / "p.yaml"
    deep.write_text("chain: " + "[" * 5000 + "]" * 5000 + "\n")
    with pytest.raises(ParameterError, match="cannot read the parameter file"):
        build.read_params(deep)
