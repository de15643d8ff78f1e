"""The report notebooks executed for real, through papermill, in both languages."""

import nbformat
import papermill
import pytest

from conftest import ROOT

NOTEBOOK = ROOT / "notebooks" / "coincheck.ipynb"
COMPARISON = ROOT / "notebooks" / "comparison.ipynb"


def run(notebook, tmp_path, monkeypatch, lang: str) -> str:
    """Execute the notebook; return the HTML it shows, after checking no cell failed."""
    # The kernel inherits this: a missing glyph in any chart fails the cell, and so the run.
    monkeypatch.setenv("PYTHONWARNINGS", "error:Glyph:UserWarning")
    out = tmp_path / "out.ipynb"
    papermill.execute_notebook(
        str(notebook),
        str(out),
        parameters={"lang": lang},
        kernel_name="python3",
        progress_bar=False,
        cwd=str(notebook.parent),
    )
    nb = nbformat.read(out, as_version=4)
    assert not [o for c in nb.cells for o in c.get("outputs", []) if o.get("output_type") == "error"]
    return outputs_html(nb)


def outputs_html(nb) -> str:
    return "\n".join(
        out.get("data", {}).get("text/html", "")
        for cell in nb.cells
        if cell.cell_type == "code"
        for out in cell.get("outputs", [])
    )


@pytest.mark.parametrize(
    "lang, words",
    [
        ("ja", ["要点", "時系列", "業務改善命令の内容", "46,311,127,000円", "15日・10営業日"]),
        (
            "en",
            [
                "Key facts",
                "Timeline",
                "The business improvement order",
                "JPY 46,311,127,000",
                "15 days, 10 business days",
            ],
        ),
    ],
)
def test_notebook_runs_top_to_bottom(tmp_path, monkeypatch, lang, words):
    html = run(NOTEBOOK, tmp_path, monkeypatch, lang)
    for w in words:
        assert w in html
    assert html.count("data:image/png;base64,") == 6  # first day, timeline, chain, 2 compensation, later


def test_committed_notebook_has_parameters_cell_and_no_outputs():
    nb = nbformat.read(NOTEBOOK, as_version=4)
    tagged = [c for c in nb.cells if "parameters" in c.metadata.get("tags", [])]
    assert len(tagged) == 1
    assert all(not c.get("outputs") and c.get("execution_count") is None for c in nb.cells if c.cell_type == "code")
    assert set(papermill.inspect_notebook(str(NOTEBOOK))) == {"incident_id", "lang", "chain", "asset", "data_dir"}


@pytest.mark.parametrize(
    "lang, words",
    [
        (
            "ja",
            [
                "盗難からの経過日数",
                "比較するマイルストーンの定義",
                "補償方法の決定",
                "見解の分かれる事実",
                "26日",
                "ページの記載",
            ],
        ),
        (
            "en",
            [
                "Days from the theft",
                "What each compared milestone means",
                "Remedy decided",
                "Disputed facts",
                "26 days",  # Zaif: theft 14 Sep, remedy method announced 10 Oct 2018
                "As printed",
            ],
        ),
    ],
)
def test_comparison_notebook_runs(tmp_path, monkeypatch, lang, words):
    html = run(COMPARISON, tmp_path, monkeypatch, lang)
    for w in words:
        assert w in html
    # Days from the theft; the first day of Coincheck and of DMM Bitcoin (the thefts with three or more
    # timed facts on their first day).
    assert html.count("data:image/png;base64,") == 3


def test_comparison_parameters_are_declared():
    assert set(papermill.inspect_notebook(str(COMPARISON))) == {"incidents", "lang", "data_dir"}
    nb = nbformat.read(COMPARISON, as_version=4)
    assert all(not c.get("outputs") for c in nb.cells if c.cell_type == "code")
