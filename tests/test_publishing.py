"""Nothing published is lost or mixed: interrupts, a browser that prints nothing, failed variants.

The interrupt tests run make in a copy of the project (the environment in .venv is shared) and
send SIGINT or SIGTERM to the whole process group, as Ctrl-C in a terminal or a CI timeout does.
"""

import contextlib
import os
import shutil
import signal
import subprocess
import threading
import time
from datetime import date
from pathlib import Path

import pytest

from analysis.build import pipeline as build
from analysis.build import printing, publishing

from conftest import ROOT, line_of, set_cell

# Builds reports, runs notebooks or draws every chart: left out of make test-fast.
pytestmark = pytest.mark.slow

NOTEBOOK = ROOT / "notebooks" / "incident.ipynb"
VARIANT = "coincheck-2018-en"
PROJECT_FILES = ("Makefile", "pyproject.toml", "requirements.txt", "data", "notebooks", "src")


@pytest.fixture(scope="module")
def a_pdf(tmp_path_factory) -> Path:
    """A real PDF of two pages, printed by the build's own Chromium call."""
    folder = tmp_path_factory.mktemp("pdf")
    page = folder / "page.html"
    page.write_text("<!DOCTYPE html><p>one</p><p style='break-before: page'>two</p>", encoding="utf-8")
    printing.to_pdf(page, folder / "page.pdf", date(2018, 2, 13))
    return folder / "page.pdf"


def mark(project: Path, marker: str) -> None:
    """Put `marker` where each of a report's files shows it: page 1 of the reader's edition (what
    came before the theft, a row whose text gives no date or amount a marker would drop) and the annex
    (the first fact's title)."""
    events, story = project / "data" / "events.csv", project / "data" / "story.csv"
    set_cell(events, line_of(events, "event_id", "nem-leak"), "title_en", marker)
    set_cell(story, line_of(story, "fact_id", "cc-history"), "text_en", marker)


def published(out: Path) -> dict[str, bytes]:
    return (
        {str(p.relative_to(out)): p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()} if out.exists() else {}
    )


def pdf_text(pdf: Path) -> str:
    return subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    """A copy of the project with one variant published, as a user's checkout would have it."""
    copy = tmp_path_factory.mktemp("project")
    for name in PROJECT_FILES:
        src = ROOT / name
        if src.is_dir():
            shutil.copytree(src, copy / name, ignore=shutil.ignore_patterns("__pycache__", "*.md"))
        else:
            shutil.copy2(src, copy / name)
    (copy / ".venv").symlink_to(ROOT / ".venv")
    run = make(copy, f"reports/{VARIANT}.html")
    assert run.returncode == 0, run.stderr
    return copy


# The copy shares this checkout's .venv: make must never set it up again from the copy (an
# editable install pointing at a folder the test then deletes).
KEEP_ENV = ("-o", ".venv/.installed")


def make(project: Path, *targets: str, **kwargs) -> subprocess.CompletedProcess:
    env = {**os.environ, "ANALYSIS_DATA_DIR": str(project / "data")}
    return subprocess.run(
        ["make", "--no-print-directory", *KEEP_ENV, *targets],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        **kwargs,
    )


def interrupt_make(
    project: Path, target: str, sig: int, phase: str, delay: float, wrapper: tuple[str, ...] = ()
) -> tuple[int, str]:
    """Start make (under `wrapper`, e.g. nohup) in its own process group; `delay` seconds after the
    build reports `phase`, send `sig` to the whole group (make, the build, the kernel, Chromium)."""
    env = {**os.environ, "ANALYSIS_DATA_DIR": str(project / "data"), "PYTHONUNBUFFERED": "1"}
    proc = subprocess.Popen(
        [*wrapper, "make", "--no-print-directory", *KEEP_ENV, target],
        cwd=project,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,
    )
    seen = []
    for line in proc.stdout:
        seen.append(line)
        if line.startswith("==>") and phase in line:
            time.sleep(delay)
            with contextlib.suppress(ProcessLookupError):
                os.killpg(proc.pid, sig)
            break
    rest, _ = proc.communicate(timeout=300)
    return proc.returncode, "".join(seen) + rest


def leftovers(project: Path) -> list[str]:
    """Processes still running in the project copy (the build, its kernels, the warm kernel
    process, Chromium): an interrupted build must leave none."""
    import psutil

    time.sleep(0.5)  # what was killed needs a moment to go
    found = []
    for proc in psutil.process_iter(["pid", "cwd", "cmdline", "status"]):
        cwd = proc.info["cwd"] or ""
        if cwd.startswith(str(project)) and proc.info["status"] != psutil.STATUS_ZOMBIE:
            found.append(" ".join(proc.info["cmdline"] or [])[:120])
    return found


@pytest.mark.parametrize(
    "sig, phase, delay",
    [
        (signal.SIGINT, "checking parameters", 0.2),
        (signal.SIGINT, "executing", 1.0),
        (signal.SIGTERM, "rendering HTML", 0.0),
        (signal.SIGINT, "printing PDF", 0.5),
        (signal.SIGTERM, "publishing", 0.0),
        (signal.SIGINT, "publishing", 0.0),
    ],
)
def test_an_interrupted_build_keeps_a_whole_published_report(project, sig, phase, delay):
    """Whenever the interrupt lands, reports/ holds the earlier pair or the new pair, never one of
    each and never nothing; make's delete-on-interrupt does not reach it."""
    # One word without digits: no line break in it, and no number the page keeps apart in a span.
    tenths = "".join(chr(ord("a") + int(d)) for d in str(int(delay * 10)))
    marker = f"Marker{sig.name}{phase.title().replace(' ', '')}{tenths}"
    mark(project, marker)
    code, out = interrupt_make(project, f"reports/{VARIANT}.html", sig, phase, delay)
    reports = project / "reports"
    html, pdf = reports / f"{VARIANT}.html", reports / f"{VARIANT}.pdf"
    assert "Deleting file" not in out, out
    assert "Traceback" not in out, out
    assert html.is_file() and pdf.is_file(), out
    assert printing.pdf_pages(pdf) > 1
    new_html, new_pdf = marker in html.read_text(encoding="utf-8"), marker in pdf_text(pdf)
    assert new_html == new_pdf, f"HTML new: {new_html}, PDF new: {new_pdf}\n{out}"
    annex = reports / "provenance" / f"{VARIANT}.html"
    assert (marker in annex.read_text(encoding="utf-8")) == new_html, out  # the annex goes with its report
    assert not [p.name for p in reports.rglob(".*")]
    assert not leftovers(project)
    if phase != "publishing":
        assert code != 0 and not new_html, out
        assert f"build of {VARIANT} interrupted; reports/ keeps the previously published" in out, out


def test_a_browser_that_prints_nothing_publishes_nothing(tmp_path, capsys, a_pdf):
    """Chromium can exit 0 without writing the PDF; an earlier run's PDF must not pass for it."""
    out, work = tmp_path / "reports", tmp_path / "build"
    out.mkdir()
    (out / f"{VARIANT}.html").write_text("earlier html")
    (out / f"{VARIANT}.pdf").write_bytes(b"%PDF-1.4 earlier pdf")
    # What the old layout left in the build folder: a PDF at the path a run would print to.
    (work / VARIANT).mkdir(parents=True)
    (work / VARIANT / f"{VARIANT}.pdf").write_bytes(a_pdf.read_bytes())
    before = published(out)
    os.environ["CHROMIUM"] = "/bin/true"
    try:
        code = build.main([VARIANT, "--notebook", str(NOTEBOOK), "--build-dir", str(work), "--out", str(out)])
    finally:
        del os.environ["CHROMIUM"]
    err = capsys.readouterr().err
    assert code == 1
    assert "Chromium ended (exit 0) before it answered" in err
    assert f"keeps the previously published {VARIANT}.html and {VARIANT}.pdf" in err
    assert published(out) == before
    assert not list((work / VARIANT).glob("run-*"))  # the run's own folder is cleaned up


def test_a_pdf_is_counted_by_its_pages(tmp_path, a_pdf):
    assert printing.pdf_pages(a_pdf) == 2
    for content in (b"", b"%PDF-1.7\n", b"<html>not a pdf</html>"):
        (tmp_path / "x.pdf").write_bytes(content)
        assert printing.pdf_pages(tmp_path / "x.pdf") == 0
    assert printing.pdf_pages(tmp_path / "missing.pdf") == 0


def test_publish_puts_both_files_in_place_or_neither(tmp_path, monkeypatch):
    out, new = tmp_path / "reports", tmp_path / "new"
    out.mkdir()
    new.mkdir()
    for name, text in (("a.html", "old html"), ("a.pdf", "old pdf")):
        (out / name).write_text(text)
        (new / name).write_text(text.replace("old", "new"))
    real = os.replace
    calls = []

    def second_rename_fails(src, dst):
        calls.append(dst)
        if len(calls) == 2:
            raise OSError(28, "No space left on device")
        return real(src, dst)

    monkeypatch.setattr(publishing.os, "replace", second_rename_fails)
    with pytest.raises(OSError):
        publishing.publish({new / "a.html": out / "a.html", new / "a.pdf": out / "a.pdf"})
    monkeypatch.setattr(publishing.os, "replace", real)
    assert published(out) == {"a.html": b"old html", "a.pdf": b"old pdf"}
    publishing.publish({new / "a.html": out / "a.html", new / "a.pdf": out / "a.pdf"})
    assert published(out) == {"a.html": b"new html", "a.pdf": b"new pdf"}


def test_published_files_are_readable_as_any_file_the_user_writes(tmp_path):
    """Not private to the builder (a staging file is made 0600): a web server or a colleague reads them."""
    (tmp_path / "a.html").write_text("page")
    (tmp_path / "reports").mkdir()
    publishing.publish({tmp_path / "a.html": tmp_path / "reports" / "a.html"})
    mode = (tmp_path / "reports" / "a.html").stat().st_mode & 0o777
    assert mode == 0o666 & ~publishing._UMASK


def test_make_report_says_what_it_published_and_what_it_kept(tmp_path):
    run, out = tmp_path / "run", tmp_path / "reports"
    run.mkdir()
    out.mkdir()
    (run / "a-en").write_text("published")
    (run / "b-en").write_text("failed")
    (run / "c-en").write_text("interrupted")
    for name in ("b-en.html", "b-en.pdf"):
        (out / name).write_text("x")
    text = publishing.summary(run, ["a-en", "b-en", "c-en", "d-en"], out, failed=True)
    assert text.splitlines() == [
        "published (1): a-en",
        f"failed: b-en; {out}/ keeps the previously published b-en.html and b-en.pdf",
        "interrupted: c-en; nothing was published for c-en",
        "not rebuilt, make stopped first; their published files, if any, are from an earlier run (1): d-en",
    ]
    assert publishing.summary(run, ["d-en"], out, failed=False) == "up to date, left as they were (1): d-en"


def test_a_failed_variant_in_make_report_is_named_with_what_was_kept(project):
    """A whole make report run over a copy whose data breaks every build: the summary says that
    nothing was published and what each variant kept."""
    comp = project / "data" / "compensation.csv"
    original = comp.read_text(encoding="utf-8")
    set_cell(comp, 2, "value", "0")
    try:
        run = make(project, "report")
    finally:
        comp.write_text(original, encoding="utf-8")
    assert run.returncode != 0
    text = run.stdout + run.stderr
    assert "==> report: what this run did to reports/" in text
    assert f"failed: {VARIANT}; reports/ keeps the previously published {VARIANT}.html and {VARIANT}.pdf" in text
    assert "published (" not in text
    assert "compensation.csv, line 2, column 'value': value '0'" in text


def test_two_builds_publishing_at_once_never_leave_a_mixed_pair(tmp_path):
    """Two processes (here threads) publishing the same variant take turns: every pair is whole."""
    out = tmp_path / "reports"
    sources = {}
    for who in ("A", "B"):
        for i in range(30):
            folder = tmp_path / f"{who}{i}"
            folder.mkdir()
            (folder / "v.html").write_text(f"{who}{i}")
            (folder / "v.pdf").write_text(f"{who}{i}")
            sources.setdefault(who, []).append(folder)
    seen = []

    def publisher(who):
        for folder in sources[who]:
            publishing.publish({folder / "v.html": out / "v.html", folder / "v.pdf": out / "v.pdf"})

    def reader():
        for _ in range(300):
            with publishing._locked(out):
                seen.append(((out / "v.html").read_text(), (out / "v.pdf").read_text()))

    out.mkdir()
    publishing.publish({sources["A"][0] / "v.html": out / "v.html", sources["A"][0] / "v.pdf": out / "v.pdf"})
    threads = [threading.Thread(target=publisher, args=(w,)) for w in ("A", "B")] + [threading.Thread(target=reader)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert all(html == pdf for html, pdf in seen)
    assert sorted(p.name for p in out.iterdir()) == ["v.html", "v.pdf"]


def test_an_interrupt_during_publishing_waits_until_both_files_are_in_place(tmp_path, monkeypatch):
    """A signal that arrives between the two renames is acted on once both are done."""
    out, new = tmp_path / "reports", tmp_path / "new"
    out.mkdir()
    new.mkdir()
    for name in ("a.html", "a.pdf"):
        (out / name).write_text("old")
        (new / name).write_text("new")
    real, calls = os.replace, []

    def replace_then_interrupt(src, dst):
        calls.append(dst)
        real(src, dst)
        if len(calls) == 1:
            signal.raise_signal(signal.SIGINT)  # Ctrl-C between the HTML and the PDF

    monkeypatch.setattr(publishing.os, "replace", replace_then_interrupt)
    before = signal.signal(signal.SIGINT, signal.default_int_handler)
    try:
        with pytest.raises(KeyboardInterrupt):
            publishing.publish({new / "a.html": out / "a.html", new / "a.pdf": out / "a.pdf"})
        assert signal.getsignal(signal.SIGINT) is signal.default_int_handler
    finally:
        signal.signal(signal.SIGINT, before)
    assert published(out) == {"a.html": b"new", "a.pdf": b"new"}


def test_a_hangup_under_nohup_does_not_stop_the_build(project):
    """nohup make report: the build keeps the hangup ignored, as nohup asked."""
    mark(project, "MarkerNohup")
    code, out = interrupt_make(project, f"reports/{VARIANT}.html", signal.SIGHUP, "executing", 0.0, ("nohup",))
    assert code == 0, out
    assert "MarkerNohup" in (project / "reports" / f"{VARIANT}.html").read_text(encoding="utf-8")


def test_make_report_interrupted_still_says_what_it_did(project):
    mark(project, "MarkerReportRun")
    code, out = interrupt_make(project, "report", signal.SIGINT, "executing", 0.5)
    assert code != 0
    assert "==> report: interrupted; what this run did to reports/" in out, out
    assert f"interrupted: {VARIANT}; reports/ keeps the previously published {VARIANT}.html and {VARIANT}.pdf" in out
    assert "not rebuilt, make stopped first" in out
    assert "Traceback" not in out and "Deleting file" not in out
    assert not leftovers(project)


def test_make_report_builds_what_is_out_of_date_and_only_that(project):
    """One build process for all variants, and make still decides what is out of date: nothing
    after a full run; after a notebook's edit, that notebook's variants and no others."""
    run = make(project, "-j2", "report")
    assert run.returncode == 0, run.stderr
    reports, variants = project / "reports", make(project, "variants").stdout.split()
    assert sorted(published(reports)) == sorted(f for v in variants for f in build.files_of(v))
    before = {p: p.stat().st_mtime_ns for p in reports.rglob("*.*")}
    run = make(project, "report")
    assert run.returncode == 0, run.stderr
    assert run.stdout.splitlines()[-1] == f"up to date, left as they were ({len(variants)}): {', '.join(variants)}"
    assert "==> [" not in run.stdout
    (project / "notebooks" / "comparison.ipynb").touch()
    run = make(project, "report")
    assert run.returncode == 0, run.stderr
    assert "published (2): comparison-en, comparison-ja" in run.stdout, run.stdout
    after = {p: p.stat().st_mtime_ns for p in reports.rglob("*.*")}
    changed = sorted(str(p.relative_to(reports)) for p in after if after[p] != before[p])
    assert changed == [
        "comparison-en.html",
        "comparison-en.pdf",
        "comparison-ja.html",
        "comparison-ja.pdf",
        "provenance/comparison-en.html",
        "provenance/comparison-ja.html",
    ]
    # an edited Zaif row: Zaif's variants and the comparison's, 4 of the 20
    events = project / "data" / "events.csv"
    set_cell(events, line_of(events, "incident_id", "zaif-2018"), "title_en", "A reworded title of a Zaif event")
    run = make(project, "report")
    assert run.returncode == 0, run.stderr
    published_now = run.stdout.split("published (4): ")[1].splitlines()[0].split(", ")
    assert sorted(published_now) == ["comparison-en", "comparison-ja", "zaif-2018-en", "zaif-2018-ja"], run.stdout


def test_a_relative_data_dir_means_the_same_folder_to_the_notebook(tmp_path, monkeypatch, capsys):
    """The notebook runs in notebooks/: a data_dir relative to where the build was started is
    passed to it as an absolute path."""
    monkeypatch.chdir(ROOT)
    params = tmp_path / "p.yaml"
    params.write_text("lang: en\ndata_dir: data\n")
    out = tmp_path / "reports"
    code = build.main([VARIANT, "--params", str(params), "--build-dir", str(tmp_path / "build"), "--out", str(out)])
    assert code == 0, capsys.readouterr().err
    assert sorted(published(out)) == sorted(build.files_of(VARIANT))
