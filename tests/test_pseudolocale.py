"""Languages come from one list: a pseudo-language made by machine (devtools.pseudolocale: every
catalogue string rewritten, the English data columns copied) builds complete reports, and nothing
of the English or Japanese catalogue, nor any word written in the code, reaches them."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
from babel import Locale
from bs4 import BeautifulSoup

from devtools import pseudolocale

from conftest import DATA, ROOT

pytestmark = pytest.mark.slow

CODE = pseudolocale.CODE
VARIANTS = (f"coincheck-2018-{CODE}", f"comparison-{CODE}")
LATIN_WORD = re.compile(r"(?<![^\W\d_])[A-Za-z]{4,}(?![^\W\d_])")
# An edition (findings.edition: version + a digest of data and words, "0.1.0+3ecbd2a1") is an identifier, not a
# word: its hex digits may hold four letters in a row ("ecbd"), as a fresh clone's did.
EDITION = re.compile(r"\d+\.\d+\.\d+\+[0-9a-f]{8}\b|\bdev\+[0-9a-f]{8}\b")
JAPANESE = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff]{2,}")

# Every chart of both reports, at print and at phone width, drawn in a fresh interpreter that sees
# the pseudo-language: the text of each, by chart.
DRAW = """
import json, sys
from analysis.report import registry, style
from analysis.report.context import prepare_comparison, prepare_incident
texts = {}
for report, ctx in (("incident", prepare_incident(incident_id="coincheck-2018", lang=sys.argv[1])),
                    ("comparison", prepare_comparison(lang=sys.argv[1]))):
    drawn = {"print": registry.charts_of(ctx)}
    with style.narrow():
        drawn["phone"] = registry.charts_of(ctx, phone=True)
    for width, figures in drawn.items():
        for name, fig in figures.items():
            style.png_bytes(fig)
            texts[f"{report}:{name}:{width}"] = [t.get_text() for t in fig.findobj(lambda a: hasattr(a, "get_text"))]
json.dump(texts, sys.stdout, ensure_ascii=False)
"""


@pytest.fixture(scope="module")
def pseudo(tmp_path_factory):
    """The pseudo-language's catalogue beside the real ones, a copy of data/ with its columns, and
    both its reports built by the real build (HTML, PDF, annex)."""
    where = tmp_path_factory.mktemp("pseudo")
    shutil.copytree(DATA, where / "data", ignore=shutil.ignore_patterns("*.md"))
    assert subprocess.run(
        [sys.executable, "-m", "devtools.pseudolocale", str(where / "catalogue"), str(where / "data")], check=True
    )
    env = {**os.environ, "ANALYSIS_CATALOGUE_DIR": str(where / "catalogue"), "ANALYSIS_DATA_DIR": str(where / "data")}
    run = subprocess.run(
        [sys.executable, "-m", "analysis.build", *VARIANTS, "--build-dir", str(where / "build"),
         "--out", str(where / "out"), "--jobs", "1"],
        env=env, capture_output=True, text=True, cwd=ROOT,
    )  # fmt: skip
    assert run.returncode == 0, run.stderr[-3000:]
    charts = subprocess.run([sys.executable, "-c", DRAW, CODE], env=env, capture_output=True, text=True, check=True)
    data_text = "\n".join(p.read_text(encoding="utf-8") for p in sorted((where / "data").glob("*.csv")))
    return dict(where=where, out=where / "out", charts=json.loads(charts.stdout), data_text=data_text)


def shown(html: Path) -> str:
    """What a reader of the page sees: its text and the text of its images (alt, title, labels)."""
    soup = BeautifulSoup(html.read_text(encoding="utf-8"), "html.parser")
    for hidden in soup(["style", "script"]):
        hidden.decompose()
    described = [tag.get(a, "") for a in ("alt", "title", "aria-label") for tag in soup.find_all(attrs={a: True})]
    return soup.get_text(" ") + "\n" + "\n".join(described)


def pages(pseudo) -> dict[str, str]:
    out = pseudo["out"]
    return {
        name: shown(path)
        for v in VARIANTS
        for name, path in ((f"{v}.html", out / f"{v}.html"), (f"provenance/{v}.html", out / "provenance" / f"{v}.html"))
    }


def test_the_pseudo_language_builds_every_file(pseudo):
    for v in VARIANTS:
        for path in (
            pseudo["out"] / f"{v}.html",
            pseudo["out"] / f"{v}.pdf",
            pseudo["out"] / "provenance" / f"{v}.html",
        ):
            assert path.stat().st_size > 10_000, path
        html = (pseudo["out"] / f"{v}.html").read_text(encoding="utf-8")
        assert f'<html lang="{CODE}"' in html
        # its fonts come from its catalogue (a copy of English's), as the real languages' do
        assert f'html:lang({CODE}) {{ --report-font: "Liberation Sans"' in html
    assert pdf_text(pseudo["out"] / f"{VARIANTS[0]}.pdf").count("Ţĥé") > 10  # the PDF is in it too


def pdf_text(pdf: Path) -> str:
    return subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout


def test_no_phrase_of_the_english_or_japanese_catalogue_reaches_the_reports(pseudo):
    known = pseudolocale.phrases(ROOT / "src" / "analysis" / "catalogue")
    leaks = {name: pseudolocale.untransformed(text, known, pseudo["data_text"]) for name, text in pages(pseudo).items()}
    leaks |= {
        name: pseudolocale.untransformed("\n".join(texts), known, pseudo["data_text"])
        for name, texts in pseudo["charts"].items()
    }
    assert not {k: v for k, v in leaks.items() if v}


def test_no_word_written_in_the_code_reaches_the_reports(pseudo):
    """Stricter than the catalogue check: every Latin word of four letters or more that a reader
    sees comes from the data or is a month's name from Babel's locale data; every run of Japanese
    comes from the data."""
    data_words = set(LATIN_WORD.findall(pseudo["data_text"]))
    # a data phrase begun as a sentence (a table cell: l10n.sentence_start) is still the data's word
    data_words |= {w[:1].upper() + w[1:] for w in data_words}
    babel = Locale.parse("en_GB")
    months = {m for width in ("wide", "abbreviated") for m in babel.months["format"][width].values()} | {"Sept"}
    seen = {**pages(pseudo), **{k: "\n".join(v) for k, v in pseudo["charts"].items()}}
    stray = {
        name: sorted(set(LATIN_WORD.findall(EDITION.sub(" ", text))) - data_words - months)
        for name, text in seen.items()
    }
    japanese = {
        name: sorted(r for r in set(JAPANESE.findall(text)) if r not in pseudo["data_text"])
        for name, text in seen.items()
    }
    assert not {k: v for k, v in stray.items() if v}
    assert not {k: v for k, v in japanese.items() if v}


def test_every_chart_is_drawn_in_the_pseudo_language(pseudo):
    charts = pseudo["charts"]
    with (ROOT / "src" / "analysis" / "catalogue" / "en.toml").open("rb") as f:
        source_word = pseudolocale.transform(tomllib.load(f)["text"]["source_word"])
    assert any(k.endswith(":phone") for k in charts) and any(k.endswith(":print") for k in charts)
    for name, texts in charts.items():
        assert any(source_word in t for t in texts), name  # the source line, in the pseudo-language


def test_the_checks_find_a_leak():
    """The catalogue check is not blind: an English sentence and a Japanese label are found."""
    known = pseudolocale.phrases(ROOT / "src" / "analysis" / "catalogue")
    en = next(p for p, where in known.items() if where[0].startswith("en:[text]") and len(p) > 20)
    ja = next(p for p, where in known.items() if where[0].startswith("ja:[actor]"))
    found = [p for p, _ in pseudolocale.untransformed(f"Ţĥé {en} … {ja}", known, data_text="")]
    assert en in found and ja in found
    assert pseudolocale.untransformed(en, known, data_text=f"a row quoting {en}") == []
