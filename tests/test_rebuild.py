"""An edit to one incident's row touches that incident's reports and the comparison's, no other:
its data digest (data.inputs) changes for those variants alone, the stamps make compares say so,
and every other report reads exactly as before.

The digests and stamps are tried on the invented fixture data (tests/fixtures/data: example-2020 and
sample-2022, 2 x 2 incident variants and 2 comparisons); the reports themselves (slow) on data/."""

from __future__ import annotations

import pytest

from analysis.build import stamps
from analysis.data import inputs
from analysis.data.loading import load_dataset
from analysis.l10n import LANGUAGES
from analysis.report import registry
from analysis.report.context import prepare_comparison, prepare_incident

from conftest import FIXTURE_DATA, line_of, set_cell


def variants(incidents) -> list[str]:
    return [f"{i}-{lang}" for i in incidents for lang in LANGUAGES] + [f"comparison-{lang}" for lang in LANGUAGES]


def edit_a_row(data_dir, incident: str) -> None:
    """An event's English title reworded (the incident's first event); no citation's figure touched."""
    events = data_dir / "events.csv"
    line = line_of(events, "incident_id", incident)
    set_cell(events, line, "title_en", f"A reworded title of an event of {incident}")


# The fixture: two incidents, so an edit to one shows whether the other's digest stays.
INCIDENTS = list(load_dataset(FIXTURE_DATA).incidents["incident_id"])
VARIANTS = variants(INCIDENTS)
SAMPLE_AND_COMPARISON = {f"{v}-{lang}" for v in ("sample-2022", "comparison") for lang in LANGUAGES}


def test_a_rows_digest_changes_for_its_incident_and_the_comparison_only(fixture_copy):
    before = {i: inputs.digest(fixture_copy, [i]) for i in INCIDENTS} | {None: inputs.digest(fixture_copy)}
    edit_a_row(fixture_copy, "sample-2022")
    after = {i: inputs.digest(fixture_copy, [i]) for i in INCIDENTS} | {None: inputs.digest(fixture_copy)}
    assert {k for k in before if before[k] != after[k]} == {"sample-2022", None}


@pytest.mark.parametrize(
    "file, incident",
    # citations.csv: example-2020's event ex-detection is the first event cited.
    [("story.csv", "example-2020"), ("remedies.csv", "sample-2022"), ("citations.csv", "example-2020")],
)
def test_each_file_kept_per_incident_is_split_by_incident(fixture_copy, file, incident):
    """A row of story, remedies or citations (the last through the record it cites) counts for its
    own incident; a shared file (milestones.csv) counts for every report."""
    import csv

    path = fixture_copy / file
    rows = list(csv.reader(path.open(encoding="utf-8", newline="")))
    before = {i: inputs.digest(fixture_copy, [i]) for i in INCIDENTS}
    if file == "citations.csv":
        events = {r[1]: r[0] for r in csv.reader((fixture_copy / "events.csv").open(encoding="utf-8"))}
        line = next(n for n, r in enumerate(rows, 1) if r[0] == "events" and events.get(r[1]) == incident)
        column = "claim"
    else:
        line = next(n for n, r in enumerate(rows, 1) if r[0] == incident)
        column = rows[0][-1]
    set_cell(path, line, column, rows[line - 1][rows[0].index(column)] + " (edited)")
    after = {i: inputs.digest(fixture_copy, [i]) for i in INCIDENTS}
    assert {i for i in INCIDENTS if before[i] != after[i]} == {incident}
    set_cell(fixture_copy / "milestones.csv", 2, "definition_en", "edited")
    assert all(inputs.digest(fixture_copy, [i]) != after[i] for i in INCIDENTS)


def test_stamps_change_for_four_of_the_six_variants(fixture_copy, tmp_path):
    out = tmp_path / "inputs"
    assert sorted(stamps.write(VARIANTS, out, fixture_copy)) == sorted(VARIANTS)
    assert stamps.write(VARIANTS, out, fixture_copy) == []  # nothing changed: no stamp rewritten
    edit_a_row(fixture_copy, "sample-2022")
    assert set(stamps.write(VARIANTS, out, fixture_copy)) == SAMPLE_AND_COMPARISON


# The reports of data/ (slow): every variant of the real incidents, and an edit to a Zaif row.
LIVE_VARIANTS = variants(load_dataset().incidents["incident_id"])
ZAIF_AND_COMPARISON = {f"{v}-{lang}" for v in ("zaif-2018", "comparison") for lang in LANGUAGES}


def edit_a_zaif_row(data_dir) -> None:
    """A Zaif event's English title reworded; a Zaif citation's figure untouched."""
    edit_a_row(data_dir, "zaif-2018")


def _pages(data_dir) -> dict[str, str]:
    pages = {}
    for variant in LIVE_VARIANTS:
        stem, _, lang = variant.rpartition("-")
        if stem == "comparison":
            ctx = prepare_comparison(lang=lang, data_dir=data_dir)
        else:
            ctx = prepare_incident(incident_id=stem, lang=lang, data_dir=data_dir)
        pages[variant] = "".join(p._repr_html_() for p in registry.report(ctx)) + registry.annex_html(ctx)
    return pages


@pytest.mark.slow
def test_every_other_report_reads_as_before(data_copy):
    """The dependency the digests claim, checked against what the reports print: after the Zaif
    edit, only Zaif's two reports and the comparison's differ (reader's edition and annex)."""
    before = _pages(data_copy)
    edit_a_zaif_row(data_copy)
    after = _pages(data_copy)
    assert {v for v in LIVE_VARIANTS if before[v] != after[v]} == ZAIF_AND_COMPARISON


def test_a_rows_line_counts_as_the_annex_prints_it(fixture_copy):
    """The reviewer's annex prints each fact's line (events.csv:29): moving example-2020's rows (the
    first of the file) to its end moves their lines, and its digest with them; a blank line before them too."""
    path = fixture_copy / "events.csv"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    before = inputs.digest(fixture_copy, ["example-2020"])
    ours = [x for x in lines[1:] if x.startswith("example-2020,")]
    path.write_text(lines[0] + "".join(x for x in lines[1:] if x not in ours) + "".join(ours), encoding="utf-8")
    moved = inputs.digest(fixture_copy, ["example-2020"])
    assert moved != before
    path.write_text("".join(lines[:1]) + "\n" + "".join(lines[1:]), encoding="utf-8")
    assert inputs.digest(fixture_copy, ["example-2020"]) not in (before, moved)


def test_a_byte_order_mark_or_a_blank_line_never_hides_an_edit(fixture_copy):
    """Read as loading reads them (utf-8-sig, blank lines skipped): a BOM on events.csv still lets a
    citation's edit reach its incident's digest (example-2020's, whose events are the ones cited); a
    blank line in citations.csv is no crash."""
    events, citations = fixture_copy / "events.csv", fixture_copy / "citations.csv"
    events.write_bytes(b"\xef\xbb\xbf" + events.read_bytes())
    citations.write_text(citations.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    before = inputs.digest(fixture_copy, ["example-2020"])
    ours = {
        r.split(",")[1] for r in events.read_text(encoding="utf-8-sig").splitlines() if r.startswith("example-2020,")
    }
    line = next(
        n
        for n, r in enumerate(citations.read_text(encoding="utf-8").splitlines(), 1)
        if r.startswith("events,") and r.split(",")[1] in ours
    )
    set_cell(citations, line, "printed", "An edited figure")
    assert inputs.digest(fixture_copy, ["example-2020"]) != before


def _digests(folder) -> dict[str, str]:
    """Each fixture incident's data digest, as make decides from it which reports to rebuild."""
    return {i: inputs.digest(folder, [i]) for i in ("example-2020", "sample-2022")}


def test_a_correction_reaches_only_the_reports_of_its_record(fixture_copy):
    """corrections.csv: a row belongs to the incident of the record it corrects (sp-leak: sample-2022),
    so rewording its why leaves example-2020's reports as they were; a correction of a milestone
    (shared by every report) reaches both."""
    corrections = fixture_copy / "corrections.csv"
    before = _digests(fixture_copy)
    line = next(n for n, r in enumerate(corrections.read_text(encoding="utf-8").splitlines(), 1) if ",sp-leak," in r)
    set_cell(corrections, line, "why_en", "Reworded.")
    after = _digests(fixture_copy)
    assert after["sample-2022"] != before["sample-2022"]
    assert after["example-2020"] == before["example-2020"]
    with corrections.open("a", encoding="utf-8") as f:
        f.write("2026-12-03,milestones,detection,name_en,Detected,Detection,Renamed.,改めた。,,1a2b3c4\n")
    assert all(d != after[i] for i, d in _digests(fixture_copy).items())


def test_a_page_edit_reaches_only_the_reports_that_cite_it(fixture_copy):
    """pages.csv: a page's publisher belongs to the incidents whose citations read it (example-2020
    cites the Example Wire page; sample-2022 cites no page), not to every report."""
    pages = fixture_copy / "pages.csv"
    before = _digests(fixture_copy)
    line = next(n for n, r in enumerate(pages.read_text(encoding="utf-8").splitlines(), 1) if "wire/" in r)
    set_cell(pages, line, "publisher", "An edited publisher")
    after = _digests(fixture_copy)
    assert after["example-2020"] != before["example-2020"]
    assert after["sample-2022"] == before["sample-2022"]


def test_the_as_of_date_is_of_the_reports_own_rows(fixture_copy):
    """A later 'checked' date on another incident's row leaves a report's 'as of' date as it was:
    example-2020's checked rows set to 1 Nov, a sample-2022 row to 20 Nov; example-2020's report stays
    as of 1 Nov, the comparison (both incidents) is as of 20 Nov."""
    import csv

    from analysis.report.findings import as_of

    for name in ("events.csv", "incidents.csv", "remedies.csv", "story.csv"):
        path = fixture_copy / name
        rows = list(csv.reader(path.open(encoding="utf-8", newline="")))
        col, checked = rows[0].index("incident_id"), rows[0].index("checked")
        for r in rows[1:]:
            if r[checked]:
                r[checked] = "2026-11-01" if r[col] == "example-2020" else "2026-10-01"
        with path.open("w", encoding="utf-8", newline="") as f:
            csv.writer(f, lineterminator="\n").writerows(rows)
    corrections = fixture_copy / "corrections.csv"
    for line in range(2, len(corrections.read_text(encoding="utf-8").splitlines()) + 1):
        set_cell(corrections, line, "date", "2026-09-01")  # corrected before any check: not the latest
    ours = as_of(prepare_incident(incident_id="example-2020", lang="en", data_dir=fixture_copy))
    events = fixture_copy / "events.csv"
    set_cell(events, line_of(events, "incident_id", "sample-2022"), "checked", "2026-11-20")
    assert as_of(prepare_incident(incident_id="example-2020", lang="en", data_dir=fixture_copy)) == ours
    assert ours.isoformat() == "2026-11-01"
    assert as_of(prepare_comparison(lang="en", data_dir=fixture_copy)).isoformat() == "2026-11-20"
    # A correction of one of its facts, published later than any check, dates the report.
    event = next(csv.DictReader(events.open(encoding="utf-8")))
    assert event["incident_id"] == "example-2020"
    with corrections.open("a", encoding="utf-8", newline="") as f:
        csv.writer(f, lineterminator="\n").writerow(
            ["2026-11-25", "events", event["event_id"], "note_en", "before", "after", "why", "なぜ", "", "1234567"]
        )
    assert (
        as_of(prepare_incident(incident_id="example-2020", lang="en", data_dir=fixture_copy)).isoformat()
        == "2026-11-25"
    )


def test_every_module_of_the_report_is_an_input_of_make():
    """make rebuilds a report when any module it imports changes: Makefile's PACKAGE_PY lists every
    module of the package at any depth (report/charts/, data/schemas/), the website's apart. A
    wildcard of fixed depth once left report/charts/ out, and an edited chart kept stale reports."""
    import subprocess
    from pathlib import Path

    root = Path(__file__).resolve().parents[1]
    db = subprocess.run(["make", "--no-print-directory", "-pq", "help"], cwd=root, capture_output=True, text=True)
    line = next(x for x in db.stdout.splitlines() if x.startswith("PACKAGE_PY :="))
    listed = set(line.split(":=", 1)[1].split())
    wanted = {
        str(p.relative_to(root))
        for p in (root / "src" / "analysis").rglob("*.py")
        if "__pycache__" not in p.parts and "site" not in p.relative_to(root / "src" / "analysis").parts[:1]
    }
    assert "src/analysis/report/charts/compared.py" in wanted
    assert listed == wanted
