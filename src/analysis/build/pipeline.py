"""Building report variants: parameters -> executed notebook -> HTML -> PDF -> published.

    python -m analysis.build coincheck-2018-ja         # an incident's report: <incident_id>-<lang>
    python -m analysis.build comparison-en coincheck-2018-en --jobs 2   # several, two at a time
    python -m analysis.build --queue FILE             # the variants make report found out of date
    python -m analysis.build my-variant --params p.yaml --notebook notebooks/incident.ipynb

One process builds every variant of a run: papermill, nbconvert and the package are imported
once, kernels come forked from one warm process (analysis.build.kernels), one headless Chromium prints
every PDF (analysis.build.printing). Nothing under the output folder is touched until a variant's steps
have all succeeded; then its HTML and PDF replace the published ones together. A failed variant
keeps its executed notebook, papermill's error cell included, under the build folder, and the
others go on.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import queue
import re
import shutil
import signal
import sys
import tempfile
import threading
import time
import traceback
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import nbformat
import yaml

import analysis
from analysis.build.kernels import KernelStartError, WarmKernels
from analysis.build.printing import Browser, PrintError, to_pdf
from analysis.build.publishing import PUBLISHED, kept_message, publish, record
from analysis.data import loading
from analysis.data.params import ParameterError, check_names
from analysis.errors import DataValidationError
from analysis.l10n import LANGUAGES
from analysis.report.context import Context, prepare_comparison, prepare_incident
from analysis.report.findings import as_of, edition
from analysis.report.render import page_foot, stylesheet

ROOT = Path(__file__).resolve().parents[3]
TEMPLATES = Path(__file__).resolve().parents[1] / "templates"
NOTEBOOKS = ROOT / "notebooks"
# Each notebook's parameters are checked by the same function its first cell calls.
PREPARE = {"incident": prepare_incident, "comparison": prepare_comparison}


class BuildError(RuntimeError):
    pass


# When each stage of each variant's build began (make bench reads them through --timings).
STAGES: dict[str, list[tuple[str, float]]] = {}


def say(name: str, step: str, stage: str) -> None:
    mark(name, stage)
    print(f"==> [{name}] {step}", flush=True)


def mark(name: str, stage: str) -> None:
    STAGES.setdefault(name, []).append((stage, time.time()))


def stage_times() -> dict[str, dict[str, float]]:
    """Seconds per stage of each variant built: "waiting" from the package's first import to the
    variant's first stage (for the first variant: the imports), then each stage until the next
    began, the last until the variant's end."""
    return {
        name: {a: round(t2 - t1, 3) for (a, t1), (_, t2) in zip([("waiting", analysis.LOADED_AT), *marks], marks)}
        for name, marks in STAGES.items()
    }


def read_params(path: Path) -> dict:
    try:
        params = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except (OSError, yaml.YAMLError, RecursionError, ValueError) as err:
        raise ParameterError(f"{path}: cannot read the parameter file: {str(err)[:500]}") from err
    if not isinstance(params, dict):
        raise ParameterError(f"{path}: a parameter file must be a mapping of name: value")
    return params


def variant_params(name: str) -> tuple[str, dict]:
    """The notebook and parameters a variant's name stands for: <incident_id>-<lang> or comparison-<lang>."""
    stem, _, lang = name.rpartition("-")
    if lang not in LANGUAGES or not stem:
        raise ParameterError(
            f"variant '{name}' does not end in a language ({', '.join(LANGUAGES)}); name it <incident_id>-<lang> "
            "or comparison-<lang>, or give --params"
        )
    if stem == "comparison":
        return "comparison", {"lang": lang}
    return "incident", {"incident_id": stem, "lang": lang}


def check_params(notebook: Path, params: dict) -> Context:
    """Refuse parameters the notebook does not declare and values the data cannot serve.

    papermill by itself only warns about unknown names; this runs before any cell does, with the
    same checks the notebook's first cell runs, and returns the report's context (for its title).
    """
    import papermill

    declared = tuple(papermill.inspect_notebook(str(notebook)))
    check_names(params, declared)
    return PREPARE.get(notebook.stem, prepare_incident)(**params)


def execute(notebook: Path, params: dict, out: Path, kernels: WarmKernels | None = None, on_start=None) -> None:
    """Run the notebook with papermill; with `kernels`, on a kernel forked from the warm process.
    `on_start()` is called once the kernel is up, before the first cell."""
    import papermill

    out.parent.mkdir(parents=True, exist_ok=True)
    forked = {"kernel_manager_class": kernels.manager_class()} if kernels else {}
    if on_start:
        forked["on_notebook_start"] = lambda notebook: on_start()
    papermill.execute_notebook(
        str(notebook),
        str(out),
        parameters=params,
        kernel_name="python3",
        **forked,
        progress_bar=False,
        # The kernel starts in the notebook's folder, as in JupyterLab. Not papermill's cwd=: it
        # changes the whole process's folder, under the other variants' threads.
        resources={"metadata": {"path": str(notebook.parent)}},
        shutdown_kernel="immediate",
        request_save_on_cell_execute=False,
    )
    normalise_notebook(out)


def normalise_notebook(path: Path) -> None:
    """Drop what changes from run to run: timings, the injected cell's random id, where it ran."""
    nb = nbformat.read(path, as_version=4)
    meta = nb.metadata.get("papermill", {})
    meta.update(start_time=None, end_time=None, duration=None)
    for key in ("input_path", "output_path"):
        if meta.get(key):
            where = Path(meta[key]).resolve()
            meta[key] = str(where.relative_to(ROOT)) if where.is_relative_to(ROOT) else where.name
    for cell in nb.cells:
        cell.metadata.pop("execution", None)
        pm = cell.metadata.get("papermill")
        if pm:
            pm.update(start_time=None, end_time=None, duration=None)
        if "injected-parameters" in cell.metadata.get("tags", []):
            cell["id"] = "injected-parameters"
    nbformat.write(nb, path)


# One exporter per language for the whole run (building one loads and compiles its templates);
# an exporter is not safe to share between threads, hence the lock.
_EXPORTERS: dict[str, object] = {}
_EXPORTING = threading.Lock()


def to_html(executed: Path, lang: str, title: str, day: date, edition: str) -> str:
    """The executed notebook as the report's HTML page; `day`, the day its data were last checked,
    and its edition go to the foot of every printed page."""
    nb = nbformat.read(executed, as_version=4)
    nb.metadata["title"] = title
    with _EXPORTING:
        if lang not in _EXPORTERS:
            _EXPORTERS[lang] = _exporter(lang)
        css = stylesheet() + page_foot(lang, day, edition)
        body, _ = _EXPORTERS[lang].from_notebook_node(nb, resources={"report_css": css})
    return body


def _exporter(lang: str):
    from nbconvert import HTMLExporter
    from nbconvert.preprocessors import TagRemovePreprocessor
    from traitlets import validate
    from traitlets.config import Config

    class Exporter(HTMLExporter):
        # nbconvert accepts ISO 639-1 codes only and writes any other as "en"; the page's language is
        # one of the catalogue's (checked with the parameters), whatever its code's length.
        @validate("language_code")
        def _valid_language_code(self, proposal):
            return proposal["value"]

    config = Config()
    config.TagRemovePreprocessor.remove_cell_tags = {"remove_cell", "parameters", "injected-parameters"}
    exporter = Exporter(
        config=config,
        template_name="report",
        extra_template_basedirs=[str(TEMPLATES)],
        exclude_input=True,
        exclude_input_prompt=True,
        exclude_output_prompt=True,
        embed_images=True,
        language_code=lang,
    )
    exporter.register_preprocessor(TagRemovePreprocessor(config=config), enabled=True)
    return exporter


@dataclass(frozen=True)
class Variant:
    name: str
    notebook: Path
    params: dict


@dataclass(frozen=True)
class Executed:
    """A variant whose notebook has run: what its HTML and PDF are made from."""

    name: str
    notebook: Path  # the executed notebook
    lang: str
    title: str
    as_of: date
    edition: str  # findings.edition: the version and the digest of the data and words it was built from
    annex: str  # the reviewer's annex, as HTML


def run_notebook(v: Variant, build_dir: Path, kernels: WarmKernels | None = None) -> Executed:
    """Check the variant's parameters and data, then execute its notebook under build_dir/<name>/."""
    name, notebook, params = v.name, v.notebook, v.params
    say(name, f"checking parameters {params} and data", "check")
    ctx = check_params(notebook, params)
    if params.get("data_dir") is not None:  # the notebook runs in its own folder: the path must not be relative
        params = {**params, "data_dir": str(Path(params["data_dir"]).resolve())}
    from analysis.report.registry import REPORTS

    say(name, f"executing {notebook} with papermill", "kernel")
    executed = build_dir / name / notebook.name
    executed.unlink(missing_ok=True)
    try:
        execute(notebook, params, executed, kernels, on_start=lambda: mark(name, "cells"))
    except KernelStartError as err:
        raise BuildError(str(err)) from err
    except Exception as err:  # papermill has already saved the notebook with its error cell
        raise BuildError(
            f"the notebook failed: {type(err).__name__}: {str(err).strip()[:1500]}\n"
            f"the executed notebook, with the error cell, is kept at {executed}"
        ) from err
    from analysis.report.registry import annex_html

    return Executed(name, executed, ctx.lang, REPORTS[ctx.kind].title(ctx), as_of(ctx), edition(ctx), annex_html(ctx))


def render(e: Executed, browser: Browser) -> Path:
    """The executed notebook's HTML and PDF, in a fresh folder next to it (returned): nothing an
    earlier run left can pass for them. Nothing is published."""
    run = Path(tempfile.mkdtemp(prefix="run-", dir=e.notebook.parent))
    try:
        say(e.name, "rendering HTML", "html")
        html_file = run / f"{e.name}.html"
        html_file.write_text(to_html(e.notebook, e.lang, e.title, e.as_of, e.edition), encoding="utf-8")
        (run / ANNEX).mkdir()
        (run / ANNEX / f"{e.name}.html").write_text(e.annex, encoding="utf-8")
        say(e.name, "printing PDF with Chromium", "pdf")
        to_pdf(html_file, run / f"{e.name}.pdf", e.as_of, browser)
    except BaseException:
        shutil.rmtree(run, ignore_errors=True)
        raise
    return run


# The reviewer's annex of each report, in a folder beside the reports (linked from each).
ANNEX = "provenance"


def files_of(name: str) -> tuple[str, ...]:
    """A variant's published files, relative to reports/: its HTML, its PDF and its annex."""
    return (f"{name}.html", f"{name}.pdf", f"{ANNEX}/{name}.html")


def publish_files(name: str, run: Path, out_dir: Path, mtime: float | None = None) -> None:
    try:
        say(name, f"publishing to {out_dir}/", "publish")
        publish({run / f: out_dir / f for f in files_of(name)}, mtime)
    finally:
        shutil.rmtree(run, ignore_errors=True)
        mark(name, "end")


def build(name: str, notebook: Path, params: dict, build_dir: Path, out_dir: Path) -> None:
    """One variant, start to published, as make report builds it; BuildError if it was not."""
    outcome = build_all([Variant(name, notebook, params)], build_dir, out_dir, jobs=1)[name]
    if outcome != "published":
        raise BuildError(f"build of {name} {outcome}; the reason is printed above")


FAILURES = (ParameterError, DataValidationError, BuildError, PrintError, OSError)


def build_all(variants: list[Variant], build_dir: Path, out_dir: Path, jobs: int) -> dict[str, str]:
    """Build the variants and publish each as soon as it is ready; return how each ended (published
    or failed). One failure does not stop the others.

    `jobs` notebooks run at a time, and as many variants render at a time: a worker whose notebook
    has run hands it over and starts the next one's kernel while the HTML and PDF are made.
    Published files are dated when this process began reading the package (analysis.LOADED_AT):
    an input edited while it ran leaves them out of date for make. Ctrl-C (KeyboardInterrupt), or a bug, ends the kernels and
    the browser and is raised again once the workers are done, with `.outcomes` on it (published,
    and interrupted or failed for the variants under way).
    """
    jobs = max(1, jobs)
    todo: queue.Queue[Variant] = queue.Queue()
    for v in variants:
        todo.put(v)
    to_render: queue.Queue[Executed | None] = queue.Queue()
    done: queue.Queue[tuple[str, Path | None, BaseException | None]] = queue.Queue()
    stop, taking, started, outcomes = threading.Event(), threading.Lock(), set(), {}

    def take() -> Variant | None:
        with taking:  # so that no variant starts unseen once the build is stopping
            if stop.is_set() or todo.empty():
                return None
            v = todo.get_nowait()
            started.add(v.name)
            return v

    def executing(kernels: WarmKernels) -> None:
        while (v := take()) is not None:
            try:
                to_render.put(run_notebook(v, build_dir, kernels))
            except BaseException as err:
                done.put((v.name, None, err))

    def rendering(browser: Browser) -> None:
        while (e := to_render.get()) is not None and not stop.is_set():
            try:
                done.put((e.name, render(e, browser), None))
            except BaseException as err:
                done.put((e.name, None, err))

    threads: list[threading.Thread] = []

    def wind_down() -> None:
        for _ in range(jobs):
            to_render.put(None)
        deadline = time.monotonic() + 30  # one wait for them all
        for t in threads:
            t.join(timeout=max(0.0, deadline - time.monotonic()))

    try:
        with _reusing_data(), Browser() as browser, WarmKernels() as kernels:
            try:
                threads += [threading.Thread(target=executing, args=(kernels,), daemon=True) for _ in range(jobs)]
                threads += [threading.Thread(target=rendering, args=(browser,), daemon=True) for _ in range(jobs)]
                for t in threads:
                    t.start()
                for _ in variants:
                    name, run, err = _next(done)
                    if err is None:
                        try:
                            publish_files(name, run, out_dir, analysis.LOADED_AT)
                            outcomes[name] = "published"
                            continue
                        except FAILURES as failure:
                            err = failure
                    outcomes[name] = "failed"
                    _tell_failure(name, out_dir, err)
            except BaseException:
                with taking:
                    stop.set()
                browser.kill()  # and no other is started: the workers then fail fast
                kernels.kill()
                wind_down()
                raise
            finally:
                wind_down()
    except BaseException as stopped:  # Ctrl-C or a bug, wherever it landed: what was done is told
        for name in started - outcomes.keys():
            if out_dir / f"{name}.pdf" in PUBLISHED:
                outcomes[name] = "published"
            else:
                outcomes[name] = "interrupted" if isinstance(stopped, KeyboardInterrupt) else "failed"
                for run in (build_dir / name).glob("run-*"):  # made but not published: nothing of it stays
                    shutil.rmtree(run, ignore_errors=True)
        stopped.outcomes = outcomes
        raise
    return outcomes


@contextlib.contextmanager
def _reusing_data():
    """Every variant of a build reads the same files: read and check them once."""
    before, loading.REUSE = loading.REUSE, True
    try:
        yield
    finally:
        loading.REUSE = before


def _next(done: queue.Queue):
    while True:  # a short wait at a time: the main thread must stay able to take Ctrl-C
        try:
            return done.get(timeout=0.5)
        except queue.Empty:
            continue


def _tell_failure(name: str, out_dir: Path, err: BaseException) -> None:
    head = f"build of {name} failed; {kept_message(name, out_dir)}."
    if isinstance(err, FAILURES):
        print(f"{head}\n{err}", file=sys.stderr, flush=True)
    else:  # a bug in the build itself: its traceback is what a fix needs
        trace = "".join(traceback.format_exception(err))
        print(f"{head}\nan unexpected error in the build (a bug):\n{trace}", file=sys.stderr, flush=True)


def default_jobs() -> int:
    """The -j of the make run that started this build (make passes it in MAKEFLAGS), else 1."""
    flags = os.environ.get("MAKEFLAGS", "")
    found = re.search(r"(?:^|\s)-j(\d*)(?:\s|$)", flags)
    if not found:
        return 1
    return int(found.group(1)) if found.group(1) else (os.cpu_count() or 1)


def read_queue(path: Path) -> list[tuple[str, Path]]:
    """What make report queued: one `<variant> <notebook>` line per out-of-date variant."""
    pairs = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            name, notebook = line.split(maxsplit=1)
            pairs.append((name, Path(notebook)))
    return pairs


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m analysis.build", description=__doc__.splitlines()[0])
    parser.add_argument(
        "names", nargs="*", help="variants: <incident_id>-<lang> (e.g. coincheck-2018-ja) or comparison-<lang>"
    )
    parser.add_argument("--queue", type=Path, default=None, help="a file of `<variant> <notebook>` lines to build")
    parser.add_argument("--params", type=Path, default=None, help="a YAML file of parameters instead of the name's")
    parser.add_argument("--notebook", type=Path, default=None, help="default: the name's (incident or comparison)")
    parser.add_argument(
        "--jobs", "-j", type=int, default=None, help="variants built at once (default: make's -j, or 1)"
    )
    parser.add_argument("--build-dir", type=Path, default=ROOT / "build")
    parser.add_argument("--out", type=Path, default=ROOT / "reports")
    parser.add_argument("--timings", type=Path, default=None, help="write each variant's seconds per stage here (JSON)")
    args = parser.parse_args(argv)
    pairs = []
    for name, notebook in [(n, args.notebook) for n in args.names] + (read_queue(args.queue) if args.queue else []):
        if name not in (p[0] for p in pairs):  # a variant named twice is built once
            pairs.append((name, notebook))
    if not pairs or (args.params and len(pairs) > 1):
        parser.error("name one variant with --params, or one or more variants (or --queue)")
    outcomes: dict[str, str] = {}
    previous = {sig: signal.getsignal(sig) for sig in INTERRUPTS}
    for sig, handler in previous.items():
        if handler is not signal.SIG_IGN:  # under nohup, a hangup stays ignored
            signal.signal(sig, _interrupted)
    try:
        variants = []
        for name, notebook in pairs:
            try:
                variants.append(_variant(name, notebook, args.params))
            except ParameterError as err:
                outcomes[name] = "failed"
                print(f"build of {name} failed; {kept_message(name, args.out)}.\n{err}", file=sys.stderr)
        jobs = args.jobs or default_jobs()
        outcomes.update(build_all(variants, args.build_dir, args.out, jobs))
    except KeyboardInterrupt as interrupt:
        outcomes.update(getattr(interrupt, "outcomes", {}))
        for name, outcome in outcomes.items():
            if outcome == "interrupted":
                print(f"\nbuild of {name} interrupted; {kept_message(name, args.out)}.", file=sys.stderr)
        return 130
    except Exception as bug:  # its traceback follows; what was published still is, and is recorded
        outcomes.update(getattr(bug, "outcomes", {}))
        raise
    finally:
        for name, outcome in outcomes.items():
            record(name, outcome)
        for sig, handler in previous.items():
            signal.signal(sig, handler)
    if args.timings:
        args.timings.write_text(json.dumps(stage_times()), encoding="utf-8")
    return 0 if all(o == "published" for o in outcomes.values()) else 1


def _variant(name: str, notebook: Path | None, params_file: Path | None) -> Variant:
    if params_file:
        params = read_params(params_file)
        kind = notebook.stem if notebook else "incident"
    else:
        kind, params = variant_params(name)
    return Variant(name, notebook or NOTEBOOKS / f"{kind}.ipynb", params)


# Ctrl-C, and what a terminal closing or a CI timeout sends.
INTERRUPTS = (signal.SIGINT, signal.SIGTERM, signal.SIGHUP)


def _interrupted(signum, frame):
    """End the build once, as Ctrl-C does (temporary files removed on the way out): make and the
    terminal often send a second signal, which must not interrupt that cleanup."""
    for sig in INTERRUPTS:
        signal.signal(sig, signal.SIG_IGN)
    raise KeyboardInterrupt


if __name__ == "__main__":
    sys.exit(main())
