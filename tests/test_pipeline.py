"""One build process for a run: kernels forked from a warm process, one browser for every PDF.

What the faster path must keep: the bytes a fresh kernel and a fresh browser give, a failure per
variant that does not stop the others, a browser that dies replaced, and data read once only
while its files are unchanged.
"""

import os
import signal
import threading
import time
from datetime import date
from pathlib import Path

import nbformat
import pytest

from analysis.build import pipeline as build
from analysis.build import printing
from analysis.build.kernels import WarmKernels
from analysis.data import loading

from conftest import ROOT, set_cell

# Builds reports, runs notebooks or draws every chart: left out of make test-fast.
pytestmark = pytest.mark.slow

NOTEBOOK = ROOT / "notebooks" / "incident.ipynb"


def test_a_forked_kernel_gives_the_bytes_of_a_fresh_one(tmp_path):
    params = {"incident_id": "coincheck-2018", "lang": "ja"}
    fresh, forked = tmp_path / "fresh" / "incident.ipynb", tmp_path / "forked" / "incident.ipynb"
    build.execute(NOTEBOOK, params, fresh)
    with WarmKernels() as kernels:
        build.execute(NOTEBOOK, params, forked, kernels)
    assert len(nbformat.read(fresh, as_version=4).cells) > 10
    assert forked.read_bytes() == fresh.read_bytes()


PROBE = """
import json, os, sys, time, warnings
print(json.dumps({
    "tz": [time.strftime("%z %Z", time.localtime(t)) for t in (1517000000, 1530000000)],
    "warnoptions": sys.warnoptions,
    "user_warning": next((f[0] for f in warnings.filters if f[2] is UserWarning), None),
    "hashseed": os.environ.get("PYTHONHASHSEED"),
}))
"""


def test_each_kernel_gets_the_environment_a_fresh_kernel_would(tmp_path, monkeypatch):
    """Kernels forked from one warm process, each started under another environment (as two
    variants' kernels could be): TZ is the kernel's own (time.tzset), and a setting Python reads only
    as it starts (PYTHONWARNINGS) makes the kernel a fresh one; what the kernel sees is what a fresh
    kernel under that environment sees."""
    notebook = tmp_path / "probe.ipynb"
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell("", metadata={"tags": ["parameters"]}), nbformat.v4.new_code_cell(PROBE)]
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nbformat.write(nb, notebook)

    def seen(path: Path) -> dict:
        import json

        return json.loads(nbformat.read(path, as_version=4).cells[-1].outputs[0]["text"])

    settings = [
        {"TZ": "America/New_York"},
        {"TZ": "Asia/Tokyo", "PYTHONWARNINGS": "error::UserWarning"},
        {"TZ": "UTC", "PYTHONWARNINGS": "ignore::UserWarning", "PYTHONHASHSEED": "7"},
    ]
    with WarmKernels() as kernels:  # started under the test's own environment
        for i, env in enumerate(settings):
            for key, value in env.items():
                monkeypatch.setenv(key, value)
            build.execute(notebook, {}, tmp_path / f"forked-{i}.ipynb", kernels)
            build.execute(notebook, {}, tmp_path / f"fresh-{i}.ipynb")
            assert seen(tmp_path / f"forked-{i}.ipynb") == seen(tmp_path / f"fresh-{i}.ipynb"), env
            for key in env:
                monkeypatch.delenv(key)
    new_york = seen(tmp_path / "forked-0.ipynb")
    assert new_york["tz"] == ["-0500 EST", "-0400 EDT"]
    assert seen(tmp_path / "forked-1.ipynb")["warnoptions"] == ["error::UserWarning"]
    assert seen(tmp_path / "forked-1.ipynb")["user_warning"] == "error"
    assert seen(tmp_path / "forked-2.ipynb")["hashseed"] == "7"


def test_one_failing_variant_does_not_stop_the_others(tmp_path, capsys, monkeypatch):
    """Three variants two at a time: one notebook fails in its kernel, one name is not an incident;
    the third is published, each failure is told with what was kept, and make's summary learns it."""
    broken = tmp_path / "broken" / "incident.ipynb"
    broken.parent.mkdir()
    nb = nbformat.read(NOTEBOOK, as_version=4)
    nb.cells[-1].source = 'raise RuntimeError("MarkerBroken")'
    nbformat.write(nb, broken)
    queue = tmp_path / "queue"
    queue.write_text(f"bitpoint-2019-ja {broken}\nbitpoint-2019-en {NOTEBOOK}\nnosuch-2020-en {NOTEBOOK}\n")
    run, out = tmp_path / "run", tmp_path / "reports"
    run.mkdir()
    monkeypatch.setenv("REPORT_RUN", str(run))
    code = build.main(["--queue", str(queue), "--jobs", "2", "--build-dir", str(tmp_path / "build"), "--out", str(out)])
    err = capsys.readouterr().err
    assert code == 1
    assert files(out) == ["bitpoint-2019-en.html", "bitpoint-2019-en.pdf", "provenance/bitpoint-2019-en.html"]
    assert "build of bitpoint-2019-ja failed; nothing was published for bitpoint-2019-ja." in err
    assert "MarkerBroken" in err and "is kept at" in err
    assert "build of nosuch-2020-en failed" in err and "nosuch-2020" in err
    outcomes = {p.name: p.read_text() for p in run.iterdir()}
    assert outcomes == {"bitpoint-2019-ja": "failed", "bitpoint-2019-en": "published", "nosuch-2020-en": "failed"}
    assert not list((tmp_path / "build").glob("*/run-*"))  # no run folder is left behind


@pytest.fixture(scope="module")
def page(tmp_path_factory):
    folder = tmp_path_factory.mktemp("page")
    page = folder / "page.html"
    page.write_text("<!DOCTYPE html><h1>一</h1><p>one</p><h1 style='break-before: page'>二</h1>", encoding="utf-8")
    return page


def test_prints_at_once_from_threads_give_the_bytes_of_one_print(tmp_path, page):
    created = date(2018, 2, 13)
    printing.to_pdf(page, tmp_path / "alone.pdf", created)
    with printing.Browser() as browser:
        threads = [
            threading.Thread(target=printing.to_pdf, args=(page, tmp_path / f"{i}.pdf", created, browser))
            for i in range(4)
        ]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
    alone = (tmp_path / "alone.pdf").read_bytes()
    assert printing.pdf_pages(tmp_path / "alone.pdf") == 2
    assert all((tmp_path / f"{i}.pdf").read_bytes() == alone for i in range(4))


def test_a_browser_that_dies_fails_its_prints_and_is_started_again(tmp_path, page):
    with printing.Browser() as browser:
        printing.to_pdf(page, tmp_path / "one.pdf", date(2018, 2, 13), browser)
        os.killpg(browser._proc.pid, signal.SIGKILL)
        for _ in range(100):  # the reader sees the pipe close
            if browser._proc is None:
                break
            time.sleep(0.05)
        printing.to_pdf(page, tmp_path / "two.pdf", date(2018, 2, 13), browser)
    assert (tmp_path / "one.pdf").read_bytes() == (tmp_path / "two.pdf").read_bytes()


def test_a_missing_page_is_a_print_error(tmp_path):
    with pytest.raises(printing.PrintError, match="no readable PDF|could not open"):
        printing.to_pdf(tmp_path / "missing.html", tmp_path / "x.pdf", date(2018, 2, 13))
    assert not (tmp_path / "x.pdf").exists()


def test_data_is_read_again_once_a_file_changes(data_copy, monkeypatch):
    monkeypatch.setattr(loading, "REUSE", True)
    first = loading.load_dataset(data_copy)
    assert loading.load_dataset(data_copy) is first
    set_cell(data_copy / "compensation.csv", 2, "note_en", "changed")
    again = loading.load_dataset(data_copy)
    assert again is not first
    assert "changed" in set(again.compensation["note_en"])
    monkeypatch.setattr(loading, "REUSE", False)
    assert loading.load_dataset(data_copy) is not again


def test_a_publishing_failure_fails_its_variant_only(tmp_path, capsys, monkeypatch):
    """A disk that refuses one variant's files (here: ENOSPC on its copy) fails that variant; the
    other is published, dated when the build started (an input edited during the build then
    leaves it out of date for make)."""
    real = build.publish

    def full_for_bitpoint(files, mtime=None):
        if any(dst.name.startswith("bitpoint") for dst in files.values()):
            raise OSError(28, "No space left on device")
        return real(files, mtime)

    monkeypatch.setattr(build, "publish", full_for_bitpoint)
    out = tmp_path / "reports"
    before = time.time()
    code = build.main(
        ["bitpoint-2019-en", "mtgox-2014-en", "--jobs", "2", "--build-dir", str(tmp_path), "--out", str(out)]
    )
    err = capsys.readouterr().err
    assert code == 1
    assert "build of bitpoint-2019-en failed; nothing was published for bitpoint-2019-en." in err
    assert "No space left on device" in err
    assert files(out) == ["mtgox-2014-en.html", "mtgox-2014-en.pdf", "provenance/mtgox-2014-en.html"]
    assert all(p.stat().st_mtime <= before for p in out.rglob("*.*"))  # this test process started earlier


@pytest.mark.parametrize(("phase", "portable"), [("executing", False), ("printing PDF", False), ("executing", True)])
def test_no_process_outlives_a_killed_build(tmp_path, phase, portable):
    """SIGKILL leaves the build no time to clean up: its kernel, the warm process, the shim and
    Chromium notice on their own that it is gone, and end; also without the Linux-only calls
    (pidfds, prctl), which ANALYSIS_PORTABLE_PROCESSES=1 replaces by polling."""
    import subprocess
    import sys

    import psutil

    cmd = [sys.executable, "-m", "analysis.build", "coincheck-2018-en"]
    cmd += ["--build-dir", str(tmp_path / "build"), "--out", str(tmp_path / "reports")]
    env = {**os.environ, "ANALYSIS_PORTABLE_PROCESSES": "1"} if portable else None
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=env)
    for line in proc.stdout:
        if phase in line:
            break
    time.sleep(1.0)
    family = psutil.Process(proc.pid).children(recursive=True)

    def command(p) -> str:
        try:
            return " ".join(p.cmdline())
        except psutil.Error:  # a helper that has just ended
            return ""

    names = " ".join(command(p) for p in family)
    assert ("kernel_shim" in names) if phase == "executing" else ("remote-debugging-pipe" in names), names
    proc.kill()
    proc.communicate()

    def alive():
        found = []
        for p in family:
            try:
                if p.is_running() and p.status() != psutil.STATUS_ZOMBIE:
                    found.append(command(p)[:100])
            except psutil.Error:
                pass
        return found

    deadline = time.monotonic() + 20
    while alive() and time.monotonic() < deadline:
        time.sleep(0.2)
    assert not alive()


def files(out):
    """The published files under out/, as paths relative to it."""
    return sorted(str(p.relative_to(out)) for p in out.rglob("*") if p.is_file())


def test_a_build_without_the_linux_only_calls_gives_the_same_report(tmp_path):
    """The portable fallbacks (polling for a process's end instead of pidfds and prctl) build the
    same files, and every kernel and shim ends with the build."""
    import subprocess
    import sys

    def built(out, portable: bool) -> dict[str, bytes]:
        env = {**os.environ, "ANALYSIS_PORTABLE_PROCESSES": "1"} if portable else dict(os.environ)
        cmd = [sys.executable, "-m", "analysis.build", "bitpoint-2019-en", "--build-dir", str(out / "build"),
               "--out", str(out / "reports")]  # fmt: skip
        run = subprocess.run(cmd, env=env, capture_output=True, text=True)
        assert run.returncode == 0, run.stderr[-2000:]
        return {p.name: p.read_bytes() for p in sorted((out / "reports").rglob("*.*"))}

    probe = "import os, sys; from analysis.build import kernels; sys.exit(0 if kernels.LINUX_CALLS else 3)"
    forced = subprocess.run([sys.executable, "-c", probe], env={**os.environ, "ANALYSIS_PORTABLE_PROCESSES": "1"})
    assert forced.returncode == 3  # the switch is seen
    assert built(tmp_path / "portable", True) == built(tmp_path / "linuxpid", False)  # same-length folders
