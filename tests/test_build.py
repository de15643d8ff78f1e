"""make report's pipeline end to end: HTML and PDF contents, and failures that publish nothing."""

import html
import re
import shutil
import subprocess
from html.parser import HTMLParser

import nbformat
import pytest

from analysis import l10n
from analysis.build import pipeline as build
from analysis.build import printing
from analysis.report import registry

from conftest import ROOT, set_cell

# Builds reports, runs notebooks or draws every chart: left out of make test-fast.
pytestmark = pytest.mark.slow

NOTEBOOK = ROOT / "notebooks" / "incident.ipynb"
COMPARISON = ROOT / "notebooks" / "comparison.ipynb"


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    base = tmp_path_factory.mktemp("built")
    for lang in ("ja", "en"):
        build.build(f"coincheck-2018-{lang}", NOTEBOOK, {"lang": lang}, base / "build", base / "reports")
    build.build("comparison-en", COMPARISON, {"lang": "en"}, base / "build", base / "reports")
    return base


class Resources(HTMLParser):
    """Every address the page would fetch by itself (links a reader clicks do not count)."""

    def __init__(self):
        super().__init__()
        self.fetched, self.lang = [], None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "html":
            self.lang = a.get("lang")
        for key in ("src", "data", "poster"):
            if a.get(key):
                self.fetched.append(a[key])
        if tag == "link" and a.get("href"):
            self.fetched.append(a["href"])


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_html_is_self_contained(built, lang):
    html = (built / "reports" / f"coincheck-2018-{lang}.html").read_text(encoding="utf-8")
    page = Resources()
    page.feed(html)
    assert page.lang == lang
    assert page.fetched and all(u.startswith("data:") for u in page.fetched)
    assert not re.search(r"url\(\s*['\"]?(https?:)?//", html)
    assert "@import" not in html
    assert '<nav class="toc">' in html
    assert "jp-InputArea jp-Cell-inputArea" not in html  # code is hidden from readers
    assert "injected-parameters" not in html


def pdftext(path):
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True).stdout


def test_japanese_pdf_text(built):
    pdf = built / "reports" / "coincheck-2018-ja.pdf"
    text = pdftext(pdf)
    for words in ("コインチェック", "業務改善命令", "日本円出金再開", "46,311,127,000円", "ホットウォレット"):
        assert words in text
    assert "\ufffd" not in text
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    assert "(A4)" in info
    pages = int(re.search(r"Pages:\s+(\d+)", info).group(1))
    assert re.search(rf"\b1\s*/\s*{pages}\b", text)  # page numbers


def test_pdf_fonts_are_embedded(built):
    for lang in ("ja", "en"):
        fonts = subprocess.run(
            ["pdffonts", str(built / "reports" / f"coincheck-2018-{lang}.pdf")],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.splitlines()[2:]
        assert fonts and all(line.split()[-5] == "yes" for line in fonts), fonts  # every font embedded
        assert not [line for line in fonts if "Type 3" in line], fonts  # outlines, not fonts
        names = {line.split()[0].partition("+")[2] for line in fonts}
        # Real bold faces: the headings are not smeared regular glyphs.
        expected = (
            {"BIZUDPGothic-Regular", "BIZUDPGothic-Bold"} if lang == "ja" else {"LiberationSans", "LiberationSans-Bold"}
        )
        assert expected <= names, names


def outline(pdf) -> list[str]:
    """The PDF's bookmarks, in order (poppler prints them with the page's text as XML)."""
    xml = subprocess.run(["pdftohtml", "-xml", "-i", "-q", "-stdout", str(pdf)], capture_output=True, text=True).stdout
    return [
        " ".join(html.unescape(re.sub(r"<[^>]+>", "", item)).split())
        for item in re.findall(r"<item[^>]*>(.*?)</item>", xml, re.S)
    ]


@pytest.mark.parametrize("name", ["coincheck-2018-ja", "coincheck-2018-en", "comparison-en"])
def test_pdf_bookmarks_follow_the_headings(built, name):
    kind, params = build.variant_params(name)
    ctx = build.check_params(ROOT / "notebooks" / f"{kind}.ipynb", params)
    front, *sections = registry.report(ctx)
    headings = [front.headline] + [f"{s.number}. {s.title}" for s in sections]
    marks = outline(built / "reports" / f"{name}.pdf")
    # With their spaces: a heading that wraps must not lose the space at the wrap ("forabout").
    spaced = [" ".join(h.split()) for h in headings]
    assert [m for m in marks if m in spaced] == spaced, marks


def test_english_pdf_text(built):
    text = pdftext(built / "reports" / "coincheck-2018-en.pdf")
    assert "Key facts" in text and "46,311,127,000 JPY" in text and "\ufffd" not in text


@pytest.mark.parametrize(
    "name, title",
    [
        ("coincheck-2018-en", "Coincheck 2018: timeline, speed of response, remedy"),
        ("coincheck-2018-ja", "コインチェック（2018年）：経緯・対応の速さ・顧客への補償"),
        ("comparison-en", "Exchange thefts compared: speed of response and what customers got back"),
    ],
)
def test_each_report_has_its_own_title(built, name, title):
    html = (built / "reports" / f"{name}.html").read_text(encoding="utf-8")
    assert f"<title>{title}</title>" in html
    info = subprocess.run(["pdfinfo", str(built / "reports" / f"{name}.pdf")], capture_output=True, text=True).stdout
    assert re.search(rf"^Title:\s+{re.escape(title)}$", info, re.M), info


def test_variant_names_stand_for_their_parameters():
    assert build.variant_params("coincheck-2018-ja") == ("incident", {"incident_id": "coincheck-2018", "lang": "ja"})
    assert build.variant_params("comparison-en") == ("comparison", {"lang": "en"})
    with pytest.raises(build.ParameterError, match="does not end in a language"):
        build.variant_params("coincheck-2018-fr")


def test_data_text_is_escaped(data_copy):
    from analysis.report import registry
    from analysis.report.context import prepare_incident

    set_cell(data_copy / "events.csv", 2, "title_en", "<b>bold</b> & <script>alert(1)</script>")
    html = registry.section(prepare_incident(lang="en", data_dir=str(data_copy)), "sources")._repr_html_()
    assert "&lt;b&gt;bold&lt;/b&gt; &amp; &lt;script&gt;" in html
    assert "<script>" not in html


def published(out):
    return {str(p.relative_to(out)): p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()}


@pytest.fixture
def last_good(built, tmp_path):
    out = tmp_path / "reports"
    shutil.copytree(built / "reports", out)
    return out


def run_build(tmp_path, out, params_text, notebook=NOTEBOOK):
    params = tmp_path / "p.yaml"
    params.write_text(params_text)
    return build.main(
        [
            "coincheck-2018-ja",
            "--params",
            str(params),
            "--notebook",
            str(notebook),
            "--build-dir",
            str(tmp_path / "build"),
            "--out",
            str(out),
        ]
    )


def test_unknown_parameter_fails_before_running(tmp_path, last_good, capsys):
    before = published(last_good)
    assert run_build(tmp_path, last_good, "lang: ja\ncolour: blue\n") == 1
    err = capsys.readouterr().err
    assert "unknown parameter(s): colour; the report takes: incident_id, lang, chain, data_dir" in err
    assert published(last_good) == before
    assert not (tmp_path / "build" / "coincheck-2018-ja" / NOTEBOOK.name).exists()


def test_bad_value_names_what_is_allowed(tmp_path, last_good, capsys):
    before = published(last_good)
    assert run_build(tmp_path, last_good, "lang: fr\n") == 1
    assert "lang 'fr' is not supported; use one of: en, ja" in capsys.readouterr().err
    assert published(last_good) == before


def test_broken_data_fails_and_keeps_last_report(tmp_path, last_good, data_copy, capsys):
    before = published(last_good)
    set_cell(data_copy / "compensation.csv", 4, "value", "88,549")
    assert run_build(tmp_path, last_good, f"lang: ja\ndata_dir: {data_copy}\n") == 1
    err = capsys.readouterr().err
    assert "compensation.csv, line 4, column 'value': value '88,549'" in err
    assert published(last_good) == before


def test_failing_cell_keeps_the_executed_notebook(tmp_path, last_good, capsys):
    before = published(last_good)
    nb = nbformat.read(NOTEBOOK, as_version=4)
    nb.cells.insert(4, nbformat.v4.new_code_cell('raise RuntimeError("chart exploded")'))
    broken = tmp_path / "nb" / NOTEBOOK.name
    broken.parent.mkdir()
    nbformat.write(nb, broken)
    assert run_build(tmp_path, last_good, "lang: ja\n", notebook=broken) == 1
    err = capsys.readouterr().err
    kept = tmp_path / "build" / "coincheck-2018-ja" / NOTEBOOK.name
    assert str(kept) in err and "chart exploded" in err
    executed = nbformat.read(kept, as_version=4)
    assert any(o.get("ename") == "RuntimeError" for c in executed.cells for o in c.get("outputs", []))
    assert published(last_good) == before


def test_pdf_structure_ids_do_not_depend_on_the_run():
    """Chromium names tagged-PDF elements after DOM node numbers that shift between runs."""
    one = b"<</ID (node00000087)>> <</ID (node00000090)>> /Names [(node00000087) 1 0 R (node00000090) 2 0 R]"
    two = b"<</ID (node00000090)>> <</ID (node00000093)>> /Names [(node00000090) 1 0 R (node00000093) 2 0 R]"
    assert printing.fix_pdf_ids(one) == printing.fix_pdf_ids(two)
    fixed = printing.fix_pdf_ids(one)
    assert len(fixed) == len(one) and b"(node00000000)" in fixed and b"(node00000001)" in fixed


def test_readme_shows_page_one_of_every_report(built):
    """The README's gallery lists every variant make report builds, each image is committed, and the
    ones this module builds are what their PDFs print now (make thumbnails refreshes them)."""
    from devtools import thumbnails

    variants = subprocess.run(["make", "-s", "variants"], cwd=ROOT, capture_output=True, text=True).stdout.split()
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert thumbnails.gallery(variants) in readme
    for v in variants:
        assert (thumbnails.PAGES / f"{v}.png").is_file(), v
    for v in ("coincheck-2018-ja", "coincheck-2018-en", "comparison-en"):
        fresh = thumbnails.page_one(built / "reports" / f"{v}.pdf")
        assert fresh == (thumbnails.PAGES / f"{v}.png").read_bytes(), f"review/pages/{v}.png is stale: make thumbnails"


def test_pdf_links_stay_relative(built):
    """Chromium makes a relative link absolute (file:// in the folder it printed from, removed after
    publishing); the published PDF links to the annex beside it, as the HTML does."""
    pdf = (built / "reports" / "coincheck-2018-en.pdf").read_bytes()
    links = re.findall(rb"/URI \(([^)]*)\)", pdf)
    assert b"provenance/coincheck-2018-en.html" in links
    assert not [u for u in links if u.startswith(b"file:")]
    assert printing.pdf_pages_of(pdf) > 1  # the same-length rewrite keeps the file readable


def test_fix_pdf_links_keeps_every_offset(tmp_path):
    folder = tmp_path / "run-abc"
    pdf = b"%PDF-1.4\n1 0 obj <</URI (" + folder.as_uri().encode() + b"/provenance/x.html)>> endobj\nxref 9"
    fixed = printing.fix_pdf_links(pdf, folder)
    assert len(fixed) == len(pdf) and fixed.index(b"xref") == pdf.index(b"xref")
    assert b"/URI (provenance/x.html)" in fixed and b"file:" not in fixed


@pytest.mark.parametrize("name", ["coincheck-2018-en", "coincheck-2018-ja", "comparison-en"])
def test_every_printed_page_carries_the_dateline(built, name):
    # Coincheck's and the comparison's page 1 run long: the "Data as of" line after the chart fell on
    # page 2 (editor's read). The day the data were last checked is now at the foot of every page.
    from analysis.report.context import prepare_comparison, prepare_incident
    from analysis.report.findings import as_of, edition

    lang = name.rsplit("-", 1)[1]
    ctx = prepare_comparison(lang=lang) if name.startswith("comparison") else prepare_incident(lang=lang)
    day = l10n.day(as_of(ctx), lang)
    pdf = built / "reports" / f"{name}.pdf"
    pages = printing.pdf_pages(pdf)
    assert pages > 1
    for page in range(1, pages + 1):
        text = subprocess.run(["pdftotext", "-f", str(page), "-l", str(page), str(pdf), "-"], capture_output=True,
                              text=True, check=True).stdout  # fmt: skip
        # with its edition, so that a page printed or cited alone names the text it is from
        assert l10n.t("dateline", lang, day=day, edition=edition(ctx)) in text, page
