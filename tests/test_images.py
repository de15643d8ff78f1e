"""Every chart against its committed baseline in review/figures (refresh: make figures).

The tolerance is an RMS difference over the image: loose enough for another FreeType build's
anti-aliasing, tight enough that a moved bar or a lost label fails (both checked below).
Measured on the timeline: a lost lane name 3.3, a lost axis label 6.3, a lost event number
only 0.7 (so test_charts checks the event numbers' positions instead of this comparison).
"""

import shutil
from pathlib import Path

import pytest
from matplotlib.testing.compare import compare_images

from analysis.report import registry, style
from analysis.report.context import prepare_incident
from devtools.artifacts import REVIEW, all_figures

from conftest import ROOT

# Builds reports, runs notebooks or draws every chart: left out of make test-fast.
pytestmark = pytest.mark.slow

TOLERANCE = 2.0
FAILURES = ROOT / "build" / "image-failures"


@pytest.fixture(scope="module", params=["ja", "en"])
def rendered(request, tmp_path_factory):
    out = tmp_path_factory.mktemp(f"images-{request.param}")
    ctx = prepare_incident(lang=request.param)
    paths = {}
    for name, fig in all_figures(request.param).items():
        paths[name] = out / f"{name}.png"
        paths[name].write_bytes(style.png_bytes(fig))
    return request.param, paths, ctx


def compare(actual: Path, expected: Path):
    return compare_images(str(expected), str(actual), tol=TOLERANCE, in_decorator=True)


def test_charts_match_baselines(rendered):
    lang, paths, _ = rendered
    failed = []
    for name, actual in paths.items():
        baseline = REVIEW / "figures" / lang / f"{name}.png"
        assert baseline.exists(), f"no baseline {baseline}; run make figures"
        result = compare(actual, baseline)
        if result is not None:
            # Keep the pair and matplotlib's diff image where CI uploads them.
            target = FAILURES / lang
            target.mkdir(parents=True, exist_ok=True)
            for f in (actual, Path(result["diff"])):
                shutil.copy(f, target / f.name)
            shutil.copy(baseline, target / f"{name}-expected.png")
            failed.append(f"{lang}/{name}: RMS {result['rms']:.2f} > {TOLERANCE}")
    assert not failed, "charts differ from review/figures (refresh with `make figures` if intended): " + "; ".join(
        failed
    )


def test_tolerance_catches_a_moved_bar(rendered, tmp_path):
    lang, paths, ctx = rendered
    fig = registry.charts_of(ctx, "compensation")["compensation"]
    bar = fig.axes[0].patches[0]
    bar.set_height(bar.get_height() * 0.9)
    moved = tmp_path / "moved.png"
    moved.write_bytes(style.png_bytes(fig))
    assert compare(moved, paths["compensation"]) is not None


def test_tolerance_catches_a_lost_label(rendered, tmp_path):
    lang, paths, ctx = rendered
    fig = registry.charts_of(ctx, "timeline")["timeline"]
    ax = fig.axes[0]
    names = [label.get_text() for label in ax.get_yticklabels()]
    ax.set_yticks(ax.get_yticks(), ["", *names[1:]])  # one actor's lane loses its name
    lost = tmp_path / "lost.png"
    lost.write_bytes(style.png_bytes(fig))
    assert compare(lost, paths["timeline"]) is not None
