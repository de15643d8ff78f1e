"""The website (make site) as readers get it, in headless Chromium: every page at a phone's width
(390 px) and a desktop's (1280 px) without sideways scroll; no serious or critical accessibility
violation (axe-core); every internal link and anchor resolves; the site works opened from files and
served from a sub-path (GitHub Pages serves a project at /<repo>/); the search finds the reports
that contain a word, through Pagefind's index; a second build writes nothing.

The site is built from the reports as they are in reports/ (make test runs make site, and so make
report, first), into a folder of its own; each report's charts come from build/site when make site
left them there for the same code and data.
"""

from __future__ import annotations

import functools
import html
import http.server
import re
import shutil
import threading
import urllib.error
import urllib.request
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from analysis import l10n
from analysis.build import printing
from analysis.data.loading import default_data_dir, load_dataset
from analysis.report import registry
from analysis.site import content
from analysis.site.build import build

# Builds reports, runs notebooks or draws every chart: left out of make test-fast.
pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[1]
WIDTHS = (390, 1280)
SUB_PATH = "repo"  # as GitHub Pages serves a project site: https://<owner>.github.io/<repo>/
# The reports whose pages axe checks, with their annexes: the longest incident report and the
# comparison, one in each language (all of them take minutes; the build writes them all from the
# same templates, the site adds the same bar).
AXE_REPORTS = ("coincheck-2018-en", "comparison-ja")


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> tuple[Path, Path]:
    """The site under <tmp>/repo/ and its cache."""
    top = tmp_path_factory.mktemp("site")
    cache = top / "cache"
    if (ROOT / "build" / "site").is_dir():  # keyed by code and data: what make site drew is reused only if current
        shutil.copytree(ROOT / "build" / "site", cache)
    out = top / SUB_PATH
    build(out, ROOT / "reports", ROOT / "review" / "pages", default_data_dir(), ROOT / "datapackage.json", cache,
          log=lambda *_: None)  # fmt: skip
    return out, cache


@pytest.fixture(scope="module")
def site(built) -> Path:
    return built[0]


def pages_of(site: Path) -> list[str]:
    return sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html") if "pagefind" not in p.parts)


def own_pages(site: Path) -> list[str]:
    """The site's own pages (not the reports and annexes it serves)."""
    return [p for p in pages_of(site) if not p.startswith("reports/")]


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=printing.chromium(), args=["--no-sandbox"])
        yield b
        b.close()


@pytest.fixture(scope="module")
def server(site):
    """The site served under /repo/ by Python's own web server."""
    handler = functools.partial(_Quiet, directory=str(site.parent))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}/{SUB_PATH}/"
    httpd.shutdown()
    httpd.server_close()


def _failed(request) -> bool:
    """A request that failed, not one cut short by the next page (a script still loading)."""
    return "ERR_ABORTED" not in (request.failure or "")


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def test_the_site_has_every_page(site):
    data = load_dataset()
    variants = content.variants(list(data.incidents["incident_id"]))
    pages = set(pages_of(site))
    for v in variants:
        for page in (f"reports/{v.name}.html", f"reports/provenance/{v.name}.html", f"{v.lang}/charts/{v.name}.html"):
            assert page in pages
        assert (site / "reports" / f"{v.name}.pdf").is_file()
        assert (site / "thumbnails" / f"{v.name}.png").is_file()
    for lang in l10n.LANGUAGES:
        assert {f"{lang}/{p}.html" for p in ("index", "search", "data", "corrections")} <= pages
    assert "index.html" in pages and (site / "pagefind" / "pagefind.js").is_file()
    home = (site / "en" / "index.html").read_text(encoding="utf-8")
    for v in variants:
        if v.lang == "en":
            assert f'href="../reports/{v.name}.html"' in home and f'href="../reports/{v.name}.pdf"' in home
            assert f'href="../reports/{v.other("ja").name}.pdf"' in home  # both languages on each card


def test_a_card_says_the_report_s_title_headline_and_size(site):
    """The Coincheck card as the report words it: its title, headline and value stolen."""
    ctx = content.context(content.Variant("incident", "ja", "coincheck-2018"), default_data_dir())
    spec = registry.REPORTS["incident"]
    home = (site / "ja" / "index.html").read_text(encoding="utf-8")
    home = re.sub(r'<span class="nobr">(.*?)</span>', r"\1", home)  # each quantity is kept on one line
    for text in (spec.title(ctx), spec.findings(ctx).headline, l10n.dollars(532000000, "ja")):
        assert html.escape(text, quote=False) in home


def test_a_chart_s_csv_is_the_frame_it_is_drawn_from(site):
    ctx = content.context(content.Variant("incident", "en", "coincheck-2018"), default_data_dir())
    numbers = registry.numbers_of(ctx)
    drawn = registry.charts_of(ctx)
    assert drawn and set(drawn) <= set(numbers)
    for name in drawn:
        csv = site / "en" / "charts" / "coincheck-2018-en" / f"{name}.csv"
        assert csv.read_bytes() == content.csv_bytes(numbers[name]), name
    page = (site / "en" / "charts" / "coincheck-2018-en.html").read_text(encoding="utf-8")
    assert page.count('class="cite"') == len(drawn) and page.count('class="sources"') == len(drawn)


def test_every_chart_on_the_site_names_its_sources(site):
    """No chart's numbers are offered without the pages they rest on (the chain chart's steps name
    the facts of both their ends; the sizes chart, the pages that print each dollar value)."""
    empty = {lang: html.escape(l10n.t("site_chart_sources", lang, n=0), quote=False) for lang in l10n.LANGUAGES}
    pages = sorted(site.glob("*/charts/*.html"))
    assert pages
    assert not [p.name for p in pages if empty[p.parent.parent.name] in p.read_text(encoding="utf-8")]
    sizes = (site / "en" / "charts" / "comparison-en.html").read_text(encoding="utf-8")
    assert "japantimes.co.jp/?post_type=news&amp;p=1347607" in sizes  # Coincheck's US$532 million


def test_every_page_fits_a_phone_and_a_desktop_opened_from_files(site, browser):
    """Opened from files (file://): no page scrolls sideways, nothing it loads fails, every image
    shows; the search page says that search needs a web server."""
    problems = []
    for width in WIDTHS:
        context = browser.new_context(viewport={"width": width, "height": 900})
        page = context.new_page()
        failed: list[str] = []
        page.on("requestfailed", lambda r, failed=failed: _failed(r) and failed.append(r.url))
        for name in pages_of(site):
            failed.clear()
            page.goto((site / name).as_uri(), wait_until="load")
            wide, inner = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
            if wide > inner:
                problems.append(f"{name} at {width} px scrolls sideways ({wide} px wide)")
            broken = page.evaluate("[...document.images].filter(i => !i.complete || !i.naturalWidth).map(i => i.src)")
            problems += [f"{name}: image not shown {b[:80]}" for b in broken]
            problems += [f"{name}: failed to load {u[:120]}" for u in failed]
        page.goto((site / "en" / "search.html").as_uri())
        page.wait_for_function("document.querySelector('.search-status').textContent.length > 0")
        assert page.locator(".search-status").inner_text() == l10n.t("site_search_file", "en")
        context.close()
    assert problems == []


def test_no_serious_or_critical_accessibility_violation(site, browser):
    from axe_playwright_python.sync_playwright import Axe

    axe = Axe()
    reports = [p for p in pages_of(site) if p.startswith("reports/") and Path(p).stem in AXE_REPORTS]
    checks = [(p, w) for p in own_pages(site) for w in WIDTHS] + [(p, 390) for p in reports]
    found = []
    pages = {w: browser.new_page(viewport={"width": w, "height": 900}) for w in WIDTHS}
    for name, width in checks:
        page = pages[width]
        page.goto((site / name).as_uri(), wait_until="load")
        for v in axe.run(page).response["violations"]:
            if v["impact"] in ("serious", "critical"):
                found.append(f"{name} at {width} px: {v['id']} ({v['impact']}) {[n['target'] for n in v['nodes']][:3]}")
    for page in pages.values():
        page.close()
    assert found == []


class _Links(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.links: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        for key in ("id", "name") if tag != "meta" else ():
            if a.get(key):
                self.ids.add(a[key])
        for key in ("href", "src"):
            if a.get(key):
                self.links.append(a[key])
        srcset = a.get("srcset") or ""
        if srcset.startswith("data:"):
            self.links.append(srcset)  # one image, its commas part of the data
        elif srcset:
            self.links += [part.strip().split(" ")[0] for part in srcset.split(", ")]


def _parsed(path: Path) -> _Links:
    parser = _Links()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def test_every_internal_link_resolves(site):
    """Every href and src of every page that stays on the site is a file of the site, and an anchor
    is an id of the page it points to."""
    parsed = {name: _parsed(site / name) for name in pages_of(site)}
    problems = []
    for name, page in parsed.items():
        for link in page.links:
            parts = urlsplit(link)
            if parts.scheme or link.startswith("//"):
                if parts.scheme not in ("http", "https", "data", "mailto"):
                    problems.append(f"{name}: {link}")
                continue
            if link.startswith("/"):
                problems.append(f"{name}: {link} is absolute; it breaks under a sub-path and from a file")
                continue
            target = (site / name).parent / unquote(parts.path) if parts.path else site / name
            target = target.resolve()
            if not target.is_relative_to(site.resolve()) or not target.is_file():
                problems.append(f"{name}: {link} leads to no file of the site")
                continue
            if parts.fragment:
                rel = target.relative_to(site.resolve()).as_posix()
                ids = parsed[rel].ids if rel in parsed else set()
                if unquote(parts.fragment) not in ids:
                    problems.append(f"{name}: {link}: no such anchor")
    assert problems == []


def test_served_from_a_sub_path_every_link_answers(site, server, browser):
    """Served under /repo/ as GitHub Pages serves a project: each of the site's own pages loads
    with nothing failing, and every link of theirs to the site answers."""
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    bad, links = [], set()
    page.on("response", lambda r: r.status >= 400 and bad.append(f"{r.status} {r.url}"))
    page.on("requestfailed", lambda r: _failed(r) and bad.append(f"failed {r.url}"))
    for name in own_pages(site):
        page.goto(server + name, wait_until="load")
        if name.endswith("search.html"):  # its script loads the index: let it finish
            page.wait_for_selector("#search[data-ready]")
        links |= set(page.evaluate("[...document.querySelectorAll('a[href]')].map(a => a.href)"))
    page.close()
    for link in sorted(links):
        if not link.startswith(server):
            assert not link.startswith(server.split(f"/{SUB_PATH}/")[0]), f"{link} leaves the sub-path"
            continue
        try:
            with urllib.request.urlopen(urllib.request.Request(link.split("#")[0], method="HEAD")) as r:
                assert r.status == 200, link
        except urllib.error.HTTPError as e:
            bad.append(f"{e.code} {link}")
    assert bad == []


def _report_text(path: Path) -> str:
    """What the search indexes of a report: the text of its main content."""

    class Text(HTMLParser):
        def __init__(self):
            super().__init__(convert_charrefs=True)
            self.depth, self.parts, self.skip = 0, [], 0

        def handle_starttag(self, tag, attrs):
            if tag == "main":
                self.depth += 1
            if tag in ("script", "style"):
                self.skip += 1

        def handle_endtag(self, tag):
            if tag == "main":
                self.depth -= 1
            if tag in ("script", "style"):
                self.skip -= 1

        def handle_data(self, data):
            if self.depth and not self.skip:
                self.parts.append(data)

    parser = Text()
    parser.feed(path.read_text(encoding="utf-8"))
    return " ".join(parser.parts)


@pytest.mark.parametrize(("lang", "word", "stem"), [("en", "compensation", "compens"), ("ja", "補償", "補償")])
def test_search_finds_the_reports_that_contain_the_word(site, server, browser, lang, word, stem):
    """Pagefind's index, searched in Chromium through its JavaScript API as the search page does,
    returns every report of the language whose text has the word, and only reports that have it (in
    English, a word of its stem: Pagefind stems English words)."""
    page = browser.new_page()
    page.goto(f"{server}{lang}/search.html?q={word}")
    page.wait_for_selector("#search[data-ready]", timeout=30000)
    urls = page.evaluate(
        """async (word) => {
             const pagefind = await import(new URL("../pagefind/pagefind.js", location.href).href);
             const search = await pagefind.search(word);
             return Promise.all(search.results.map(async (r) => (await r.data()).url));
           }""",
        word,
    )
    shown = page.locator(".search-results a").count()
    page.close()
    found = {u.rsplit("/", 1)[-1].removesuffix(".html") for u in urls}
    assert all(u.startswith(f"/{SUB_PATH}/reports/") for u in urls), urls
    texts = {p.stem: _report_text(p).lower() for p in (site / "reports").glob(f"*-{lang}.html")}
    having = {name for name, text in texts.items() if word in text}
    assert having, f"no {lang} report has {word!r}: the test would prove nothing"
    assert having <= found
    assert all(re.search(re.escape(stem), texts[name]) for name in found)
    assert shown == len(found)  # the search page lists what the index returns


def test_a_second_build_writes_nothing(built):
    site, cache = built
    again = build(site, ROOT / "reports", ROOT / "review" / "pages", default_data_dir(), ROOT / "datapackage.json",
                  cache, log=lambda *_: None)  # fmt: skip
    assert (again.changed, again.removed, again.redrawn, again.indexed) == ([], [], [], False)


def test_every_page_links_to_itself_in_the_other_languages(site):
    for name in pages_of(site):
        text = (site / name).read_text(encoding="utf-8")
        lang = re.search(r'<html lang="([^"]+)"', text).group(1)
        switch = set(re.findall(r'<a href="[^"]+"[^>]* hreflang="([^"]+)"', text))
        assert set(l10n.LANGUAGES) - {lang} <= switch, name
