"""The notebooks executed for real, through papermill, and kept in step with the registry."""

import re

import nbformat
import papermill
import pytest

from analysis.report import registry
from analysis.report.context import prepare_comparison, prepare_incident

from conftest import ROOT

# Builds reports, runs notebooks or draws every chart: left out of make test-fast.
pytestmark = pytest.mark.slow

NOTEBOOK = ROOT / "notebooks" / "incident.ipynb"
COMPARISON = ROOT / "notebooks" / "comparison.ipynb"
EXPLORE = ROOT / "notebooks" / "explore.ipynb"


def run(notebook, tmp_path, monkeypatch, **parameters) -> str:
    """Execute the notebook; return the HTML it shows, after checking no cell failed."""
    # The kernel inherits this: a missing glyph in any chart fails the cell, and so the run.
    monkeypatch.setenv("PYTHONWARNINGS", "error:Glyph:UserWarning")
    out = tmp_path / "out.ipynb"
    papermill.execute_notebook(
        str(notebook),
        str(out),
        parameters=parameters,
        kernel_name="python3",
        progress_bar=False,
        cwd=str(notebook.parent),
    )
    nb = nbformat.read(out, as_version=4)
    assert not [o for c in nb.cells for o in c.get("outputs", []) if o.get("output_type") == "error"]
    return outputs_html(nb)


def outputs_html(nb) -> str:
    """The HTML the notebook shows, without the spans that keep each quantity on one line."""
    return re.sub(r'<span class="nobr">(.*?)</span>', r"\1", _outputs(nb))


def _outputs(nb) -> str:
    return "\n".join(
        out.get("data", {}).get("text/html", "")
        for cell in nb.cells
        if cell.cell_type == "code"
        for out in cell.get("outputs", [])
    )


@pytest.mark.parametrize(
    "lang, words",
    [
        (
            "ja",
            ["要点", "時系列", "業務改善命令の内容", "46,311,127,000円", "15日・10営業日", "コインチェック（2018年）"],
        ),
        (
            "en",
            [
                "Key facts",
                "Timeline",
                "The business improvement order",
                "46,311,127,000 JPY",
                "15 days, 10 business days",
                "Coincheck 2018: timeline",
            ],
        ),
    ],
)
def test_incident_notebook_runs_top_to_bottom(tmp_path, monkeypatch, lang, words):
    html = run(NOTEBOOK, tmp_path, monkeypatch, lang=lang)
    for w in words:
        assert w in html
    drawn = registry.charts_of(prepare_incident(lang=lang))
    # Every chart the registry draws for the report, each with its phone layout beside it.
    assert html.count("<figure") == len(drawn) > 0
    assert html.count('<source media="screen and (max-width: 720px)"') == len(drawn)


def test_any_incident_is_a_report(tmp_path, monkeypatch):
    """Mt. Gox has no timed first day, no dated chain and no order items: those sections are left
    out (their gaps are in the disputed-and-missing table), and the contents list what is kept."""
    html = run(NOTEBOOK, tmp_path, monkeypatch, incident_id="mtgox-2014", lang="en")
    assert "Mt. Gox 2014: timeline, speed of response, remedy" in html
    for absent in ("The first day, hour by hour", "Time between milestones", "The business improvement order"):
        assert absent not in html
    assert "No source gives the time of the theft" not in html
    assert '<li><a href="#key_facts">Key facts</a></li><li><a href="#compensation">' in html
    assert "Coincheck" not in html.split("Sources")[0]


def test_comparison_notebook_runs(tmp_path, monkeypatch):
    html = run(COMPARISON, tmp_path, monkeypatch, lang="en")
    for w in [
        "Days from the theft",
        "What each compared milestone means",
        "Remedy decided",
        "6 days",
        "coincheck-2018-en.html",
    ]:
        assert w in html  # 6 days: Zaif's theft 14 Sep, full cover announced 20 Sep 2018; links to each report
    drawn = registry.charts_of(prepare_comparison(lang="en"))
    # Time from each theft to each step, the thefts by size, and the first days of Coincheck, Binance
    # (its statement times the theft, the detection, the halt; its notice the disclosure and remedy) and
    # Bybit (its theft at 23:13, its disclosure and remedy at 00:44 the next day, within the first day;
    # DMM Bitcoin's disclosure has a date but no time: too few timed facts), each with its phone layout.
    assert html.count("<figure") == len(drawn) == 5
    assert html.count('<source media="screen and (max-width: 720px)"') == len(drawn)


def test_explore_notebook_runs(tmp_path, monkeypatch):
    html = run(EXPLORE, tmp_path, monkeypatch)
    assert "remedy_decided" in html


@pytest.mark.parametrize("notebook, kind", [(NOTEBOOK, "incident"), (COMPARISON, "comparison")])
def test_notebook_shows_every_section_of_the_registry_in_order(notebook, kind):
    nb = nbformat.read(notebook, as_version=4)
    called = [m for c in nb.cells if c.cell_type == "code" for m in re.findall(r'section\(ctx, "(\w+)"\)', c.source)]
    assert called == [s.key for s in registry.REPORTS[kind].sections]


@pytest.mark.parametrize(
    "notebook, declared",
    [
        (NOTEBOOK, {"incident_id", "lang", "chain", "data_dir"}),
        (COMPARISON, {"incidents", "focus", "lang", "data_dir"}),
        (EXPLORE, {"incident", "start", "end", "compare", "milestones_to_draw", "lang", "data_dir"}),
    ],
)
def test_committed_notebook_has_parameters_cell_and_no_outputs(notebook, declared):
    nb = nbformat.read(notebook, as_version=4)
    tagged = [c for c in nb.cells if "parameters" in c.metadata.get("tags", [])]
    assert len(tagged) == 1
    assert all(not c.get("outputs") and c.get("execution_count") is None for c in nb.cells if c.cell_type == "code")
    assert set(papermill.inspect_notebook(str(notebook))) == declared
    assert any("%autoreload 2" in c.source for c in nb.cells)
