"""The website's parts that need no built report and no browser (tests/test_site.py checks the
site itself): the data's zip, the corrections page, a report page as the site serves it, the
pages' escaping and relative links, the data page in each language, and a build that writes only
what changed."""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import replace
from pathlib import Path

import pytest

from analysis import l10n
from analysis.data.loading import default_data_dir
from analysis.site import pages
from analysis.site.build import SiteError, Writer, corrections, data_page, dataset, deterministic_zip
from analysis.site.content import Chart, Report, Source, Variant, variants

ROOT = Path(__file__).resolve().parents[1]

REPORT = Report(
    variant="coincheck-2018-en",
    kind="incident",
    lang="en",
    incident_id="coincheck-2018",
    title="Coincheck 2018 <b>report</b>",
    headline="A headline with <script>alert(1)</script>",
    size="US$532 million",
    size_label="value stolen at the time",
    as_of="4 December 2026",
    edition="0.1.0+abcdef12",
    charts=[
        Chart("timeline", "A chart & its title", "timeline", True, [Source("A page", "https://example.org/a")], "Cite")
    ],
)


def test_the_data_s_zip_depends_on_the_files_only():
    files = {"data/b.csv": b"x\n1\n", "datapackage.json": b"{}", "data/a.csv": b"y\n2\n"}
    first, again = deterministic_zip(files), deterministic_zip(dict(reversed(list(files.items()))))
    assert first == again
    with zipfile.ZipFile(io.BytesIO(first)) as z:
        assert z.namelist() == sorted(files)
        assert {i.date_time for i in z.infolist()} == {(1980, 1, 1, 0, 0, 0)}
        assert z.read("data/a.csv") == b"y\n2\n"


def test_every_data_file_is_described_in_every_language():
    """Each data/*.csv has its one-line description in every catalogue ([data_file]), and the
    catalogues describe no file that data/ does not have."""
    files = sorted(p.name for p in default_data_dir().glob("*.csv"))
    assert files
    for lang in l10n.LANGUAGES:
        described = l10n.catalogue(lang).get("data_file", {})
        assert sorted(described) == files, lang
        assert all(isinstance(d, str) and d.strip() and "\n" not in d for d in described.values()), lang


def test_the_data_page_describes_each_file_in_the_page_s_language(tmp_path):
    listed = dataset(Writer(tmp_path), default_data_dir(), ROOT / "datapackage.json")
    by_lang = {lang: data_page(listed, lang) for lang in l10n.LANGUAGES}
    ja = by_lang["ja"]
    assert [f["name"] for f in ja["files"]] == sorted(p.name for p in default_data_dir().glob("*.csv"))
    for f in ja["files"]:
        assert f["description"] == l10n.label("data_file", f["name"], "ja")
        assert any("\u3040" <= c <= "\u30ff" or "\u4e00" <= c <= "\u9fff" for c in f["description"]), f["name"]
        assert f["description"] != l10n.label("data_file", f["name"], "en")
    assert ja["caption"] == l10n.label("data_page", "files_caption", "ja")
    html = pages.simple("data", "ja", "site_data_title", **ja)
    for f in ja["files"]:
        assert f'<td class="about">{f["description"]}</td>' in html  # in the page's language: no lang="en"
    assert 'lang="en">' not in html.split("<tbody>")[1]


def test_a_data_file_without_a_description_is_named():
    listed = {"files": [{"name": "events.csv", "rows": 1}, {"name": "new-file.csv", "rows": 2}],
              "zip": {"name": "data.zip", "size_bytes": 2048}, "dictionary": ""}  # fmt: skip
    for lang in l10n.LANGUAGES:
        with pytest.raises(SiteError, match=r"\[data_file\].*new-file\.csv"):
            data_page(listed, lang)


def test_without_a_corrections_file_there_is_none(tmp_path):
    assert corrections(tmp_path, "en") == []


def test_the_corrections_page_lists_the_file_s_rows_in_the_page_s_language(tmp_path):
    (tmp_path / "corrections.csv").write_text(
        "date,table,record_id,column,old_value,new_value,why_en,why_ja,source_url,commit\n"
        "2026-11-26,events,a-1,time,11:52,11:25,The page printed 11:25.,資料は11時25分,https://example.org/p,abcdef0\n"
        "2026-12-01,events,b-2,record_id,b-old,b-2,Renamed <b>.,改名,,1234567\n",
        encoding="utf-8",
    )
    entries = corrections(tmp_path, "ja")
    assert [e["day"] for e in entries] == ["2026年12月1日", "2026年11月26日"]  # newest first
    # A milestone is named in the page's language.
    (tmp_path / "milestones.csv").write_text("milestone,name_en,name_ja\nleak,Theft,流出\n", encoding="utf-8")
    with (tmp_path / "corrections.csv").open("a", encoding="utf-8") as f:
        f.write("2026-12-02,events,c-3,milestone,,leak,A milestone set.,マイルストーンを設定,,7654321\n")
    assert (corrections(tmp_path, "ja")[0]["before"], corrections(tmp_path, "ja")[0]["after"]) == ("—", "流出 (leak)")
    (tmp_path / "milestones.csv").unlink()
    assert entries[1] | {} == {
        "day": "2026年11月26日", "record": "events.csv: a-1", "column": "time", "before": "11:52",
        "after": "11:25", "why": "資料は11時25分", "url": "https://example.org/p", "host": "example.org",
        "commit": "abcdef0", "reworded": False,
    }  # fmt: skip
    page = pages.simple("corrections", "ja", "site_corrections_title", entries=entries)
    assert "資料は11時25分" in page and l10n.t("site_corrections_none", "ja") not in page
    assert "The page printed" not in page  # the other language's column is left out
    english = pages.simple("corrections", "en", "site_corrections_title", entries=corrections(tmp_path, "en"))
    assert "Renamed &lt;b&gt;." in english  # escaped
    empty = pages.simple("corrections", "en", "site_corrections_title", entries=[])
    assert l10n.t("site_corrections_none", "en") in empty


def test_a_text_reworded_since_its_correction_is_said_so(tmp_path):
    """Language cells may be reworded without a correction: the page says so rather than show the
    latest correction's text as if it were today's; a cell corrected again later is not marked."""
    (tmp_path / "events.csv").write_text("event_id,title_en,date\na-1,Now worded so,2018-01-02\n", encoding="utf-8")
    (tmp_path / "corrections.csv").write_text(
        "date,table,record_id,column,old_value,new_value,why_en,why_ja,source_url,commit\n"
        "2026-11-26,events,a-1,title_en,First,Second,w,w,,abcdef0\n"
        "2026-11-27,events,a-1,title_en,Second,Third,w,w,,abcdef1\n"
        "2026-11-27,events,a-1,date,2018-01-01,2018-01-02,w,w,,abcdef1\n",
        encoding="utf-8",
    )
    marks = {(e["after"], e["column"]): e["reworded"] for e in corrections(tmp_path, "en")}
    assert marks == {("Third", "title_en"): True, ("Second", "title_en"): False, ("2018-01-02", "date"): False}
    page = pages.simple("corrections", "en", "site_corrections_title", entries=corrections(tmp_path, "en"))
    assert page.count(l10n.t("site_since_reworded", "en")) == 1


def test_a_page_escapes_what_it_shows():
    home = pages.home("en", [REPORT])
    assert "<script>alert(1)</script>" not in home and "&lt;script&gt;" in home
    assert "<b>report</b>" not in home
    charts = pages.charts(REPORT, [REPORT])
    assert "A chart &amp; its title" in charts and 'href="https://example.org/a"' in charts


def test_a_card_keeps_each_quantity_on_one_line():
    """A card's title, headline and size as the reports set them: each quantity (l10n.quantity_pattern)
    in a span the stylesheet keeps on one line, so a phone never breaks 「8〜9日」 or 「約11時間23分」;
    the rest breaks where the language does."""
    report = replace(REPORT, variant="coincheck-2018-ja", lang="ja", title="コインチェック（2018年）",
                     headline="流出は約11時間23分にわたり気づかれず、流出から8〜9日で<付与>", size="5億3,200万米ドル")  # fmt: skip
    home = pages.home("ja", [report])
    for quantity in ("2018年", "約11時間23分", "8〜9日", "5億3,200万米ドル"):
        assert f'<span class="nobr">{quantity}</span>' in home, quantity
    assert "&lt;付与&gt;" in home  # still escaped
    assert re.search(r"(?m)^\.nobr \{ white-space: nowrap; \}$", pages.stylesheet())


def test_every_link_of_a_page_is_relative():
    for html in (pages.home("en", [REPORT]), pages.charts(REPORT, [REPORT]), pages.root_page(9),
                 pages.simple("search", "ja", "site_nav_search")):  # fmt: skip
        for link in __import__("re").findall(r'(?:href|src)="([^"]+)"', html):
            assert not link.startswith("/"), link
    assert pages.root_of("index.html") == "" and pages.root_of("en/charts/x.html") == "../../"


def test_a_report_as_the_site_serves_it():
    built = (
        '<html lang="en"><head><title>t</title></head><body class="jp-Notebook"><main><p>text</p></main></body></html>'
    )
    served = pages.report_page(built, REPORT, "reports/coincheck-2018-en.html")
    assert "<main data-pagefind-body>" in served
    assert 'class="site-bar"' in served and 'href="coincheck-2018-ja.html"' in served
    assert 'href="../en/charts/coincheck-2018-en.html"' in served and 'href="coincheck-2018-en.pdf"' in served
    assert 'content="Coincheck 2018 &lt;b&gt;report&lt;/b&gt;"' in served  # the search's title, escaped
    annex = pages.report_page(built, REPORT, "reports/provenance/coincheck-2018-en.html", annex=True)
    assert "data-pagefind-body" not in annex and 'href="coincheck-2018-ja.html"' in annex
    assert 'href="../../en/index.html"' in annex
    with pytest.raises(ValueError, match="not a report page"):
        pages.report_page("<html><body></body></html>", REPORT, "reports/x.html")


def test_the_writer_writes_only_what_changed_and_removes_what_is_gone(tmp_path):
    w = Writer(tmp_path)
    assert w.write("a/b.txt", "one") and w.write("c.txt", b"two")
    (tmp_path / "old.txt").write_text("gone")
    w = Writer(tmp_path)
    assert not w.write("a/b.txt", "one") and w.write("c.txt", "three")
    assert w.changed == ["c.txt"]
    assert w.prune(keep_under=()) == ["old.txt"] and not (tmp_path / "old.txt").exists()


def test_a_report_in_every_language():
    names = [v.name for v in variants(["zaif-2018"])]
    assert names == [f"zaif-2018-{lang}" for lang in l10n.LANGUAGES] + [f"comparison-{lang}" for lang in l10n.LANGUAGES]
    assert Variant("incident", "en", "zaif-2018").other("ja").name == "zaif-2018-ja"
