"""What a reviewer relies on: committed artifacts that are current, notebooks without outputs,
and builds that give the same bytes twice."""

import shutil
import subprocess
import sys

import nbformat
import pytest

from analysis.build import pipeline as build
from devtools import artifacts, notebooks

from conftest import ROOT, set_cell

# Builds reports, runs notebooks or draws every chart: left out of make test-fast.
pytestmark = pytest.mark.slow

NOTEBOOK = ROOT / "notebooks" / "incident.ipynb"


def test_committed_artifacts_are_current():
    assert artifacts.stale() == []


def test_stale_missing_and_extra_artifacts_are_named(tmp_path):
    review = tmp_path / "review"
    shutil.copytree(artifacts.REVIEW, review)
    shutil.copy(review / "figures" / "en" / "compensation.png", review / "figures" / "ja" / "timeline.png")
    (review / "numbers" / "durations.csv").unlink()
    (review / "figures" / "ja" / "old_chart.png").write_bytes(b"")
    assert artifacts.stale(review) == [
        "review/figures/ja/timeline.png: differs from what the code produces now",
        "review/numbers/durations.csv: missing",
        "review/figures/ja/old_chart.png: no longer produced",
    ]
    run = subprocess.run(
        [sys.executable, "-m", "devtools.artifacts", "check", str(review)], capture_output=True, text=True
    )
    assert run.returncode == 1 and "make figures" in run.stderr


def test_a_data_change_moves_exactly_what_depends_on_it(tmp_path, data_copy, monkeypatch):
    # The price per XEM feeds the compensation chart (both languages, print and phone layouts) and
    # compensation.csv only.
    set_cell(data_copy / "compensation.csv", 4, "value", "90.000")
    monkeypatch.setenv("ANALYSIS_DATA_DIR", str(data_copy))
    out = tmp_path / "review"
    artifacts.write(out)
    changed = sorted(
        str(p.relative_to(out))
        for p in out.rglob("*")
        if p.is_file() and p.read_bytes() != (artifacts.REVIEW / p.relative_to(out)).read_bytes()
    )
    assert changed == [
        "figures/en/compensation-phone.png",
        "figures/en/compensation.png",
        "figures/ja/compensation-phone.png",
        "figures/ja/compensation.png",
        "numbers/compensation.csv",
    ]


def test_notebook_with_outputs_is_refused_and_stripped(tmp_path):
    nb = nbformat.read(NOTEBOOK, as_version=4)
    nb.cells[2].outputs = [nbformat.v4.new_output("stream", text="hello")]
    nb.cells[2].execution_count = 3
    nb.cells[2].metadata["execution"] = {"iopub.status.idle": "2026-01-01T00:00:00Z"}
    path = tmp_path / "saved.ipynb"
    nbformat.write(nb, path)
    run = subprocess.run(
        [sys.executable, "-m", "devtools.notebooks", "check", str(path)], capture_output=True, text=True
    )
    assert run.returncode == 1
    assert "cell 3 has outputs" in run.stderr and "cell 3 has 'execution' metadata" in run.stderr
    notebooks.main(["strip", str(path)])
    assert notebooks.problems(nbformat.read(path, as_version=4)) == []


def test_notebook_text_for_diffs():
    text = notebooks.as_text(nbformat.read(NOTEBOOK, as_version=4))
    assert "# ---- code cell parameters [parameters]" in text and 'lang = "ja"' in text


@pytest.mark.parametrize("lang", ["ja"])
def test_two_builds_are_byte_identical(tmp_path, lang):
    outputs = []
    for run in ("one", "two"):
        work = tmp_path / run
        build.build(f"coincheck-2018-{lang}", NOTEBOOK, {"lang": lang}, work / "build", work / "reports")
        artifacts.write(tmp_path / run / "review")
        outputs.append(
            {p.relative_to(tmp_path / run): p.read_bytes() for p in (tmp_path / run).rglob("*") if p.is_file()}
        )
    one, two = outputs
    assert sorted(one) == sorted(two)
    assert {
        "build/coincheck-2018-ja/incident.ipynb",
        "reports/coincheck-2018-ja.html",
        "reports/coincheck-2018-ja.pdf",
    } <= {str(p) for p in one}
    differ = [str(p) for p in one if one[p] != two[p]]
    assert differ == []


def test_the_ci_workflow_is_linted_and_runs_on_a_current_node(tmp_path):
    """make check runs actionlint on .github/workflows; it catches actions whose runtime GitHub has
    removed (node20, 23 Sep 2026), which would stop the workflow from running at all."""
    actionlint = ROOT / ".venv" / "bin" / "actionlint"
    workflow = ROOT / ".github" / "workflows" / "report.yml"
    ok = subprocess.run([str(actionlint), str(workflow)], capture_output=True, text=True)
    assert ok.returncode == 0, ok.stdout
    old = tmp_path / "old.yml"
    old.write_text(workflow.read_text().replace("actions/checkout@v6", "actions/checkout@v4"))
    stale = subprocess.run([str(actionlint), str(old)], capture_output=True, text=True)
    assert stale.returncode != 0 and 'runtime "node20" is deprecated' in stale.stdout
