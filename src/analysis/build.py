"""Building one report variant: parameters -> executed notebook -> HTML -> PDF -> published.

    python -m analysis.build coincheck-2018-ja         # an incident's report: <incident_id>-<lang>
    python -m analysis.build comparison-en            # the thefts compared: comparison-<lang>
    python -m analysis.build my-variant --params p.yaml --notebook notebooks/incident.ipynb

Nothing under the output folder is touched until every step has succeeded; then the HTML and
PDF replace the published ones by rename. A failed run keeps its executed notebook, papermill's
error cell included, under the build folder.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

import nbformat
import yaml

from analysis.context import Context, prepare_comparison, prepare_incident
from analysis.errors import DataValidationError
from analysis.findings import as_of
from analysis.l10n import LANGUAGES
from analysis.params import ParameterError, check_names
from analysis.publishing import PUBLISHED, kept_message, publish, record

ROOT = Path(__file__).resolve().parents[2]
TEMPLATES = Path(__file__).resolve().parent / "templates"
PRINT_TIMEOUT = 180  # seconds; the longest report prints in about 5
CHROMIUM_CANDIDATES = ("/usr/lib/chromium/chromium", "/usr/bin/chromium", "/usr/bin/chromium-browser")
NOTEBOOKS = ROOT / "notebooks"
# Each notebook's parameters are checked by the same function its first cell calls.
PREPARE = {"incident": prepare_incident, "comparison": prepare_comparison}


class BuildError(RuntimeError):
    pass


# When each stage of this process's build began (make bench reads them through --timings).
STAGES: list[tuple[str, float]] = []


def say(name: str, step: str, stage: str) -> None:
    STAGES.append((stage, time.time()))
    print(f"==> [{name}] {step}", flush=True)


def stage_times() -> dict[str, float]:
    """Seconds per stage: start-up (process start to the first stage: interpreter and imports),
    then each stage until the next began, the last until now."""
    import psutil

    marks = [("startup", psutil.Process().create_time()), *STAGES, ("end", time.time())]
    return {a: round(t2 - t1, 3) for (a, t1), (_, t2) in zip(marks, marks[1:])}


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


def execute(notebook: Path, params: dict, out: Path) -> None:
    import papermill

    out.parent.mkdir(parents=True, exist_ok=True)
    papermill.execute_notebook(
        str(notebook),
        str(out),
        parameters=params,
        kernel_name="python3",
        progress_bar=False,
        cwd=str(notebook.parent),
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


def to_html(executed: Path, lang: str, title: str) -> str:
    from nbconvert import HTMLExporter
    from nbconvert.preprocessors import TagRemovePreprocessor
    from traitlets.config import Config

    nb = nbformat.read(executed, as_version=4)
    nb.metadata["title"] = title
    config = Config()
    config.TagRemovePreprocessor.remove_cell_tags = {"remove_cell", "parameters", "injected-parameters"}
    exporter = HTMLExporter(
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
    body, _ = exporter.from_notebook_node(nb)
    return body


def chromium() -> str:
    explicit = os.environ.get("CHROMIUM")
    for candidate in ([explicit] if explicit else []) + list(CHROMIUM_CANDIDATES):
        if candidate and Path(candidate).exists():
            return candidate
    raise BuildError(
        "no Chromium found to print the PDF; install the Debian package 'chromium' "
        "(make sysdeps does it) or set CHROMIUM to the browser's path"
    )


def chromium_command(profile: Path | str, *args: str) -> list[str]:
    """Headless Chromium with a fresh profile and no calls home (this network refuses them)."""
    return [
        chromium(),
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        f"--user-data-dir={profile}",
        *args,
    ]


def to_pdf(html_file: Path, pdf_file: Path, created: date) -> None:
    """Print the page to an A4 PDF with bookmarks from its headings, dated the day its data is as of.

    `pdf_file` must be a path no earlier run used: Chromium can exit 0 without writing anything,
    and then only a fresh path tells "printed now" from "left by a run before".
    """
    if pdf_file.exists():
        raise BuildError(f"{pdf_file} exists already; the PDF is printed to a fresh path on every run")
    with tempfile.TemporaryDirectory(prefix="chromium-", ignore_cleanup_errors=True) as profile:
        cmd = chromium_command(
            profile,
            "--no-pdf-header-footer",
            "--generate-pdf-document-outline",
            f"--print-to-pdf={pdf_file}",
            html_file.resolve().as_uri(),
        )
        returncode, stderr = run_browser(cmd)
    if returncode != 0:
        raise BuildError(f"Chromium could not print {html_file} (exit {returncode}):\n{stderr[-2000:]}")
    if pdf_pages(pdf_file) < 1:
        found = f"{pdf_file.stat().st_size} bytes" if pdf_file.exists() else "no file"
        raise BuildError(
            f"Chromium exited 0 but wrote no readable PDF for {html_file} ({pdf_file}: {found}):\n{stderr[-2000:]}"
        )
    pdf_file.write_bytes(fix_pdf_ids(fix_pdf_dates(pdf_file.read_bytes(), created)))


def run_browser(cmd: list[str]) -> tuple[int, str]:
    """Run Chromium in a process group of its own, and end the whole group (browser, renderer, GPU
    helpers) if the build is interrupted or the print takes too long: none is left writing files."""
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, start_new_session=True)
    try:
        _, stderr = proc.communicate(timeout=PRINT_TIMEOUT)
    except BaseException as err:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()
        if isinstance(err, subprocess.TimeoutExpired):
            raise BuildError(f"Chromium did not finish printing within {PRINT_TIMEOUT} s") from err
        raise
    return proc.returncode, stderr


def pdf_pages(pdf_file: Path) -> int:
    """The number of pages poppler reads in the file; 0 when there is no file or it is not a PDF."""
    if not pdf_file.is_file():
        return 0
    with pdf_file.open("rb") as f:
        if f.read(5) != b"%PDF-":
            return 0
    run = subprocess.run(["pdfinfo", str(pdf_file)], capture_output=True, text=True)
    found = re.search(r"^Pages:\s+(\d+)$", run.stdout, re.M)
    return int(found.group(1)) if run.returncode == 0 and found else 0


def fix_pdf_dates(pdf: bytes, created: date) -> bytes:
    """Same-length replacement of the print time by the data's date, so the same data gives the same
    bytes and the PDF's byte offsets stay valid."""
    stamp = created.strftime("%Y%m%d000000").encode()
    return re.sub(rb"(/(?:CreationDate|ModDate) \(D:)\d{14}", lambda m: m.group(1) + stamp, pdf)


def fix_pdf_ids(pdf: bytes) -> bytes:
    """The tagged PDF names its structure elements after Chromium's DOM node numbers, which shift from
    one run to the next; number them by rank instead (same order, so the ID tree stays sorted, and
    same length, so the byte offsets stay valid)."""
    found = sorted({int(n) for n in re.findall(rb"\(node(\d+)\)", pdf)})
    rank = {n: i for i, n in enumerate(found)}
    return re.sub(rb"\(node(\d+)\)", lambda m: b"(node%0*d)" % (len(m.group(1)), rank[int(m.group(1))]), pdf)


def build(name: str, notebook: Path, params: dict, build_dir: Path, out_dir: Path) -> None:
    work = build_dir / name
    say(name, f"checking parameters {params} and data", "check")
    ctx = check_params(notebook, params)
    if params.get("data_dir") is not None:  # the notebook runs in its own folder: the path must not be relative
        params = {**params, "data_dir": str(Path(params["data_dir"]).resolve())}
    from analysis.registry import REPORTS

    title = REPORTS[ctx.kind].title(ctx)
    say(name, f"executing {notebook} with papermill", "execute")
    executed = work / notebook.name
    executed.unlink(missing_ok=True)
    try:
        execute(notebook, params, executed)
    except Exception as err:  # papermill has already saved the notebook with its error cell
        raise BuildError(
            f"the notebook failed: {type(err).__name__}: {str(err).strip()[:1500]}\n"
            f"the executed notebook, with the error cell, is kept at {executed}"
        ) from err
    # The HTML and PDF of this run go to a folder of their own, so nothing an earlier run left
    # can pass for them.
    run = Path(tempfile.mkdtemp(prefix="run-", dir=work))
    try:
        say(name, "rendering HTML", "html")
        html_file = run / f"{name}.html"
        html_file.write_text(to_html(executed, ctx.lang, title), encoding="utf-8")
        say(name, "printing PDF with Chromium", "pdf")
        pdf_file = run / f"{name}.pdf"
        to_pdf(html_file, pdf_file, as_of(ctx))
        say(name, f"publishing to {out_dir}/", "publish")
        publish({html_file: out_dir / html_file.name, pdf_file: out_dir / pdf_file.name})
    finally:
        shutil.rmtree(run, ignore_errors=True)
    STAGES.append(("cleanup", time.time()))


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m analysis.build", description=__doc__.splitlines()[0])
    parser.add_argument("name", help="the variant: <incident_id>-<lang> (e.g. coincheck-2018-ja) or comparison-<lang>")
    parser.add_argument("--params", type=Path, default=None, help="a YAML file of parameters instead of the name's")
    parser.add_argument("--notebook", type=Path, default=None, help="default: the name's (incident or comparison)")
    parser.add_argument("--build-dir", type=Path, default=ROOT / "build")
    parser.add_argument("--out", type=Path, default=ROOT / "reports")
    parser.add_argument("--timings", type=Path, default=None, help="write the seconds of each stage here (JSON)")
    args = parser.parse_args(argv)
    name, outcome = args.name, "failed"
    previous = {sig: signal.getsignal(sig) for sig in INTERRUPTS}
    for sig, handler in previous.items():
        if handler is not signal.SIG_IGN:  # under nohup, a hangup stays ignored
            signal.signal(sig, _interrupted)
    try:
        if args.params:
            params = read_params(args.params)
            kind = args.notebook.stem if args.notebook else "incident"
        else:
            kind, params = variant_params(name)
        notebook = args.notebook or NOTEBOOKS / f"{kind}.ipynb"
        build(name, notebook, params, args.build_dir, args.out)
        outcome = "published"
    except (ParameterError, DataValidationError, BuildError, OSError) as err:
        print(f"build of {name} failed; {kept_message(name, args.out)}.\n{err}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        if args.out / f"{name}.pdf" in PUBLISHED:
            outcome = "published"
            print(f"\nbuild of {name} interrupted after it published {args.out}/{name}.html and .pdf", file=sys.stderr)
        else:
            outcome = "interrupted"
            print(f"\nbuild of {name} interrupted; {kept_message(name, args.out)}.", file=sys.stderr)
        return 130
    finally:
        record(name, outcome)  # an unexpected error (a bug, with its traceback) is recorded as failed
        for sig, handler in previous.items():
            signal.signal(sig, handler)
    if args.timings:
        args.timings.write_text(json.dumps(stage_times()), encoding="utf-8")
    return 0


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
