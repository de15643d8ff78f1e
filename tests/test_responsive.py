"""Every report as a reader opens it, in headless Chromium at a phone's width (390 px) and a desktop's
(1280 px): the page never scrolls sideways, and no chart's smallest text is drawn below
MIN_CHART_TEXT_PX. Every chart has a phone layout (registry.ChartSpec.phone) and fits the phone's
width: none scrolls sideways, not even inside its own frame."""

from __future__ import annotations

import html
import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from analysis import l10n
from analysis.build import printing
from analysis.data.loading import load_dataset
from analysis.report import style

# Builds reports, runs notebooks or draws every chart: left out of make test-fast.
pytestmark = pytest.mark.slow

VARIANTS = [f"{i}-{lang}" for i in load_dataset().incidents["incident_id"] for lang in l10n.LANGUAGES] + [
    f"comparison-{lang}" for lang in l10n.LANGUAGES
]
WIDTHS = (390, 1280)
# The text width of the printed page: A4 less its margins (180 mm), in CSS pixels; the screen layout
# above 600 px is the print layout but for the page's side padding (none in print).
PRINT_PX = 680
MIN_CHART_TEXT_PX = 9.0
CSS_PX_PER_PT = 96 / 72

# A page that holds the report in a frame of the width under test (a headless window cannot be made
# narrower than 500 px; a frame can) and measures it once it has loaded, leaving the result in the
# DOM, which Chromium then prints (--dump-dom). Reading the frame needs file pages to be one origin.
HARNESS = """<!DOCTYPE html><html><body style="margin:0">
<iframe id="page" src="{src}" width="{width}" height="900" style="border:0"></iframe>
<script>
document.getElementById("page").addEventListener("load", (event) => {{
  const win = event.target.contentWindow, doc = event.target.contentDocument;
  const figures = [...doc.querySelectorAll("figure img")].map((img) => ({{
    alt: img.alt, rendered: img.getBoundingClientRect().width, natural: img.naturalWidth,
    frame: img.closest("figure").getBoundingClientRect().width, wide: img.closest("figure").classList.contains("wide"),
  }}));
  const tables = [...doc.querySelectorAll("table")].map((t) => ({{
    over: Math.round(t.getBoundingClientRect().width - t.parentElement.clientWidth),
    cells: [...t.querySelectorAll("td, th")].filter((c) => c.scrollWidth > c.clientWidth + 1)
      .map((c) => c.textContent.slice(0, 30)),
    head: (t.querySelector("th") || t).textContent.slice(0, 40),
  }}));
  const out = document.createElement("pre");
  out.id = "measured";
  out.textContent = JSON.stringify({{inner: win.innerWidth, page: doc.documentElement.scrollWidth, figures, tables}});
  document.body.appendChild(out);
}});
</script></body></html>"""


ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def pages(tmp_path_factory) -> dict[str, Path]:
    """Each variant's HTML as make report published it (make test runs make report first), copied to a
    folder of its own, where the harness pages sit beside it. The published pages, not pages rendered
    again here: they are what readers open, and a second run of 20 notebooks beside the other test
    workers is where kernels died in CI ("Kernel died before replying to kernel_info")."""
    out = tmp_path_factory.mktemp("pages")
    published = {name: ROOT / "reports" / f"{name}.html" for name in VARIANTS}
    missing = [str(p.relative_to(ROOT)) for p in published.values() if not p.is_file()]
    assert not missing, f"not built: {', '.join(missing)}; run make report first"
    return {name: Path(shutil.copy(p, out / p.name)) for name, p in published.items()}


def measure(page: Path, width: int, tmp_path: Path) -> dict:
    harness = page.with_name(f"{page.stem}-at-{width}.html")
    harness.write_text(HARNESS.format(src=page.name, width=width), encoding="utf-8")
    cmd = printing.chromium_command(
        tmp_path / "profile",
        "--allow-file-access-from-files",
        "--window-size=1400,1000",
        "--hide-scrollbars",
        "--virtual-time-budget=10000",
        "--dump-dom",
        harness.as_uri(),
    )
    dom = subprocess.run(cmd, capture_output=True, text=True, timeout=120).stdout
    found = re.search(r'<pre id="measured">(.*?)</pre>', dom, re.S)
    assert found, f"{page.name} at {width} px: the page did not finish loading"
    return json.loads(html.unescape(found.group(1)))


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("name", VARIANTS)
def test_page_fits_and_chart_text_stays_readable(pages, name, width, tmp_path):
    m = measure(pages[name], width, tmp_path)
    assert m["inner"] == width
    assert m["page"] <= m["inner"], f"{name} at {width} px scrolls sideways ({m['page']} px wide)"
    assert m["figures"], name
    assert not [f["alt"] for f in m["figures"] if f["wide"]], f"{name}: charts without a phone layout"
    for fig in m["figures"]:
        assert fig["natural"] > 0, (name, fig["alt"])  # the chart's image loaded
        smallest = style.MIN_TEXT_PT * CSS_PX_PER_PT * fig["rendered"] / fig["natural"]
        assert smallest >= MIN_CHART_TEXT_PX, (name, width, fig["alt"], round(smallest, 1))
        assert fig["rendered"] <= fig["frame"] + 0.5, f"{name} at {width} px: {fig['alt']!r} is wider than its frame"


@pytest.mark.parametrize("name", VARIANTS)
def test_no_table_is_wider_than_the_printed_page(pages, name, tmp_path):
    """At the printed page's text width no table overflows its box: in the PDF what overflows is
    cut off at the page's edge (a quantity kept on one line must not push a column off the page),
    and no cell's text runs out of its cell (a fixed-width column is as wide as it is told)."""
    m = measure(pages[name], PRINT_PX, tmp_path)
    over = [(t["head"], t["over"]) for t in m["tables"] if t["over"] > 0]
    assert not over, f"{name}: tables wider than the printed page: {over}"
    spilled = [c for t in m["tables"] for c in t["cells"]]
    assert not spilled, f"{name}: cells whose text runs out of them: {spilled[:5]}"
