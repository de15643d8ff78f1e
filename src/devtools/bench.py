"""make bench: what the Jupyter path costs, measured like with like.

    python -m devtools.bench [--runs N] [--variants N]

Every figure is the median of N runs with its range, in wall seconds and CPU seconds (all
processes of the run: make, drivers, kernels, Chromium), and all of one bench run:
(a) `make -j2 report` from clean: the variants, HTML and PDF (one build process, kernels forked
    from a warm process, one browser);
(b) the floor: the same report pages and PDFs with no notebook, kernel or nbconvert, on the same
    two processes (a pool of two workers forked after the imports and the data read, one browser
    each);
(c) the naive chain a user writes by hand, per variant and one after another: papermill CLI,
    `jupyter nbconvert --to html --no-input`, Chromium's print;
(d) `make report` with nothing to do; after one Zaif row is edited (its reports and the comparison's
    rebuilt, 4 of 20); the peak memory of (a);
(e) the stages of one variant built alone (start-up, checks, kernel: the warm process and the
    forked kernel, cells, HTML, PDF, publishing), and a fresh kernel's start and stop;
(f) scaling: `make -j2` over the first 5, 10 and all variants: time per variant and cores busy;
(g) the largest data accepted: events.csv padded to analysis.vocab.MAX_ROWS rows, one variant.
The targets of issue 12 are printed next to the figures they judge.
"""

from __future__ import annotations

import argparse
import contextlib
import csv
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parents[2]
PY = sys.executable
MAKE = ["make", "--no-print-directory"]


# -- measuring ----------------------------------------------------------------------------------


def children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def become_subreaper() -> None:
    """Adopt every orphaned descendant (a kernel its driver did not wait for, a browser helper), so
    that its CPU time is counted when it is reaped instead of vanishing with init."""
    import ctypes

    PR_SET_CHILD_SUBREAPER = 36
    if sys.platform == "linux":  # elsewhere an orphan's CPU time is not counted (the figures say less)
        ctypes.CDLL(None, use_errno=True).prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0)


def reap_orphans(patience: float = 30.0) -> None:
    """Wait for the adopted orphans to end (a kernel shutting down); one that outlives `patience`
    seconds is killed, so a lingering helper cannot hang the bench."""
    from analysis.build.kernels import reap

    reap(patience, kill_late=True)


def measure(cmd: list[str]) -> tuple[float, float]:
    """Wall and CPU seconds of one command and all its descendants, orphans included."""
    cpu, start = children_cpu(), time.perf_counter()
    run = subprocess.run(cmd, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    reap_orphans()
    wall = time.perf_counter() - start
    if run.returncode != 0:
        raise SystemExit(f"{' '.join(map(str, cmd))} failed:\n{run.stderr.decode(errors='replace')[-2000:]}")
    return wall, children_cpu() - cpu


def peak_memory(cmd: list[str]) -> int:
    """Peak memory of the whole process tree, in a run of its own: sampling costs CPU.

    Memory is summed as PSS (each shared page split among the processes sharing it): a sum of
    RSS would count Chromium's and the kernels' shared libraries once per process.
    """
    peak = 0
    proc = subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    parent = psutil.Process(proc.pid)
    done = threading.Event()

    def sample():
        nonlocal peak
        while not done.is_set():
            try:
                total = 0
                for p in [parent, *parent.children(recursive=True)]:
                    try:
                        total += p.memory_full_info().pss
                    except psutil.Error:
                        pass
                peak = max(peak, total)
            except psutil.Error:
                pass
            time.sleep(0.05)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    _, err = proc.communicate()
    done.set()
    sampler.join()
    reap_orphans()
    if proc.returncode != 0:
        raise SystemExit(f"{' '.join(cmd)} failed:\n{err.decode(errors='replace')[-2000:]}")
    return peak


class Series:
    """Repeated measurements of one thing: median and range of wall and CPU seconds."""

    def __init__(self, label: str):
        self.label, self.wall, self.cpu = label, [], []

    def add(self, wall_cpu: tuple[float, float]) -> None:
        self.wall.append(wall_cpu[0])
        self.cpu.append(wall_cpu[1])

    @property
    def w(self) -> float:
        return statistics.median(self.wall)

    @property
    def c(self) -> float:
        return statistics.median(self.cpu)

    def line(self) -> str:
        def spread(xs):
            return f"{statistics.median(xs):6.2f} s ({min(xs):.2f}-{max(xs):.2f})"

        return f"{self.label:<44} wall {spread(self.wall)}   CPU {spread(self.cpu)}   n={len(self.wall)}"


def verdict(ok: bool) -> str:
    return "met" if ok else "NOT met"


# -- what is measured ---------------------------------------------------------------------------


def all_variants() -> list[str]:
    run = subprocess.run([*MAKE, "variants"], cwd=ROOT, capture_output=True, text=True, check=True)
    return run.stdout.split()


def make_report(variants: list[str], jobs: int = 2) -> list[str]:
    """make report for these variants only (the Makefile's VARIANTS, overridden)."""
    return [*MAKE, f"-j{jobs}", "report", f"VARIANTS={' '.join(variants)}"]


def clean() -> None:
    for folder in ("build", "reports"):
        shutil.rmtree(ROOT / folder, ignore_errors=True)


@contextlib.contextmanager
def zaif_row_edits():
    """edit(i) rewords one Zaif event's note (differently each run, so each run has an edit to
    rebuild); data/events.csv is restored afterwards, whatever happens."""
    path = ROOT / "data" / "events.csv"
    original = path.read_bytes()
    rows = list(csv.reader(original.decode("utf-8").splitlines()))
    line = next(i for i, r in enumerate(rows) if r[0] == "zaif-2018")
    note = rows[0].index("note_en")

    def edit(i: int) -> None:
        changed = [list(r) for r in rows]
        changed[line][note] += f" (bench edit {i})"
        with path.open("w", encoding="utf-8", newline="") as f:
            csv.writer(f, lineterminator="\n").writerows(changed)

    try:
        yield edit
    finally:
        path.write_bytes(original)


def make_clean(variants: list[str], jobs: int = 2) -> tuple[float, float]:
    clean()
    return measure(make_report(variants, jobs))


_BROWSER = None  # one per floor worker, as the build keeps one for all its PDFs


def floor_variant(name: str, out: str) -> None:
    """One variant's page, PDF and reviewer's annex, no notebook: the work a build cannot avoid."""
    from analysis.build.pipeline import PREPARE, variant_params
    from analysis.build.printing import to_pdf
    from analysis.report import registry
    from analysis.report.findings import as_of

    kind, params = variant_params(name)
    ctx = PREPARE[kind](**params)
    body = "".join(part._repr_html_() for part in registry.report(ctx))
    page = Path(out) / f"{name}.html"
    page.write_text(f"<!DOCTYPE html><html lang='{ctx.lang}'><body>{body}</body></html>", encoding="utf-8")
    (Path(out) / f"{name}-annex.html").write_text(registry.annex_html(ctx), encoding="utf-8")
    to_pdf(page, Path(out) / f"{name}.pdf", as_of(ctx), _BROWSER)


def _floor_worker() -> None:
    global _BROWSER
    from multiprocessing.util import Finalize

    from analysis.build.printing import Browser

    _BROWSER = Browser()
    Finalize(_BROWSER, _BROWSER.close, exitpriority=10)


def floor(variants: list[str], jobs: int) -> None:
    """The floor on `jobs` processes: the package imported and the data read once, then forked to
    the workers; one browser per worker."""
    import multiprocessing

    import analysis.report.registry  # noqa: F401 - imported before the fork, shared by the workers
    from analysis.data import loading

    loading.REUSE = True
    loading.load_dataset()
    ctx = multiprocessing.get_context("fork")
    with tempfile.TemporaryDirectory() as out, ctx.Pool(jobs, initializer=_floor_worker) as pool:
        pool.starmap(floor_variant, [(v, out) for v in variants], chunksize=1)
        pool.close()
        pool.join()


def naive_chain(variants: list[str]) -> None:
    """papermill CLI, nbconvert CLI and Chromium, one variant after another."""
    from analysis.build.pipeline import variant_params
    from analysis.build.printing import chromium_command

    bin_dir = Path(PY).parent
    with tempfile.TemporaryDirectory() as tmp:
        for name in variants:
            kind, params = variant_params(name)
            executed = Path(tmp) / f"{name}.ipynb"
            args = [a for k, v in params.items() for a in ("-p", k, str(v))]
            steps = [
                [str(bin_dir / "papermill"), f"notebooks/{kind}.ipynb", str(executed), *args, "-k", "python3"],
                [str(bin_dir / "jupyter"), "nbconvert", "--to", "html", "--no-input", str(executed)],
            ]
            for step in steps:
                subprocess.run(step, cwd=ROOT, check=True, capture_output=True)
            profile = Path(tmp) / "profile"
            html = executed.with_suffix(".html")
            subprocess.run(
                chromium_command(profile, "--no-pdf-header-footer", f"--print-to-pdf={html.with_suffix('.pdf')}")
                + [html.as_uri()],
                check=True,
                capture_output=True,
            )
            shutil.rmtree(profile, ignore_errors=True)


def stages(variants: list[str], jobs: int) -> dict[str, dict[str, float]]:
    """Each variant's seconds per stage, built by one build process as make report runs it."""
    with tempfile.TemporaryDirectory() as tmp:
        timings = Path(tmp) / "t.json"
        measure(
            [PY, "-m", "analysis.build", *variants, "--jobs", str(jobs), "--timings", str(timings)]
            + ["--build-dir", f"{tmp}/build", "--out", f"{tmp}/out"]
        )
        return json.loads(timings.read_text())


def kernel_start_stop() -> float:
    code = (
        "import time; from jupyter_client.manager import start_new_kernel; t = time.perf_counter(); "
        "km, kc = start_new_kernel(kernel_name='python3'); kc.stop_channels(); km.shutdown_kernel(now=True); "
        "print(time.perf_counter() - t)"
    )
    run = subprocess.run([PY, "-c", code], capture_output=True, text=True, check=True)
    reap_orphans()
    return float(run.stdout.split()[-1])


def padded_data(folder: Path, rows: int) -> Path:
    """A copy of data/ whose events.csv holds `rows` rows: copies of a seed event of Coincheck."""
    data = folder / "data"
    shutil.copytree(ROOT / "data", data, ignore=shutil.ignore_patterns("*.md"))
    with (data / "events.csv").open(encoding="utf-8", newline="") as f:
        table = list(csv.reader(f))
    col = {name: i for i, name in enumerate(table[0])}
    model = next(
        r
        for r in table[1:]
        if r[col["incident_id"]] == "coincheck-2018" and r[col["source_id"]] == "seed" and not r[col["milestone"]]
    )
    extra = []
    for i in range(rows - (len(table) - 1)):
        row = list(model)
        row[col["event_id"]] = f"bench-{i}"
        extra.append(row)
    with (data / "events.csv").open("w", encoding="utf-8", newline="") as f:
        csv.writer(f, lineterminator="\n").writerows(table + extra)
    return data


def largest(rows: int | None = None) -> tuple[float, float, int]:
    """Wall seconds, CPU seconds and peak memory of one variant built on the largest data accepted."""
    from analysis.vocab import MAX_ROWS

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        params = folder / "params.yaml"
        params.write_text(f"data_dir: {padded_data(folder, rows or MAX_ROWS)}\nlang: en\n", encoding="utf-8")
        cmd = [PY, "-m", "analysis.build", "largest-en", "--params", str(params)]
        cmd += ["--build-dir", str(folder / "build"), "--out", str(folder / "reports")]
        wall, cpu = measure(cmd)
        peak = peak_memory(cmd)
    return wall, cpu, peak


# -- the run ------------------------------------------------------------------------------------


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m devtools.bench", description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3, help="runs of each measurement (default 3)")
    parser.add_argument("--variants", type=int, default=None, help="only the first N variants (default: all)")
    args = parser.parse_args(argv)
    become_subreaper()
    variants = all_variants()[: args.variants]
    n = len(variants)
    print(f"make bench: {n} variants, {args.runs} runs each, {os.cpu_count()} cores; medians (range)", flush=True)

    build = Series("(a) make -j2 report, from clean")
    base = Series("(b) floor, 2 processes")
    naive = Series("(c) naive chain, serial")
    # Interleaved, so that a slow spell of the machine weighs on all three alike.
    for _ in range(args.runs):
        build.add(make_clean(variants))
        base.add(measure([PY, "-m", "devtools.bench", "--floor-only", "2", *variants]))
        naive.add(measure([PY, "-m", "devtools.bench", "--naive-only", *variants]))
    for s in (build, base, naive):
        print(s.line(), flush=True)
    noop = Series("(d) make report, nothing to do")
    for _ in range(max(5, args.runs)):
        noop.add(measure(make_report(variants)))
    print(noop.line())
    one = Series("(d) make -j2 report, one Zaif row edited")
    rebuilt = set()
    with zaif_row_edits() as edit:
        for i in range(args.runs):
            edit(i)
            before = {p: p.stat().st_mtime_ns for p in (ROOT / "reports").glob("*.pdf")}
            one.add(measure(make_report(variants)))
            rebuilt |= {p.stem for p in before if p.stat().st_mtime_ns != before[p]}
        measure(make_report(variants))  # the row as it was: those variants again, untimed
    print(f"{one.line()}   rebuilt: {', '.join(sorted(rebuilt))} ({len(rebuilt)} of {n})")
    clean()
    peak = peak_memory(make_report(variants))
    print(f"(d) peak memory of (a), PSS summed over its processes: {peak / 2**20:.0f} MiB")

    print("\ntargets (issue 12):")
    ratio = build.c / base.c
    print(f"  CPU of (a) / CPU of (b) = {ratio:.2f}   target <= 1.5: {verdict(ratio <= 1.5)}")
    speed = naive.w / build.w
    print(f"  wall of (c) / wall of (a) = {speed:.2f}   target >= 3: {verdict(speed >= 3)}")
    share = build.c / naive.c
    print(f"  CPU of (a) / CPU of (c) = {share:.2f}   target <= 0.5: {verdict(share <= 0.5)}")
    print(f"  no-op {noop.w:.3f} s   target < 0.5 s: {verdict(noop.w < 0.5)}")
    print(f"  peak memory {peak / 2**20:.0f} MiB   target < 1024 MiB: {verdict(peak < 2**30)}")

    alone = [stages(variants[:1], 1)[variants[0]] for _ in range(args.runs)]
    print(f"\n(e) stages of {variants[0]} built alone (median of {args.runs}), and of every variant in")
    print(f"    a -j2 build of all {n} (median and range over the variants of one run):")
    together = stages(variants, 2)
    for key in alone[0]:
        seen = [t[key] for t in together.values() if key in t and key != "waiting"]
        spread = f"{statistics.median(seen):6.2f} s ({min(seen):.2f}-{max(seen):.2f})" if seen else ""
        print(f"  {key:<8} {statistics.median(r[key] for r in alone):6.2f} s   {spread}")
    kernel = statistics.median(kernel_start_stop() for _ in range(args.runs))
    print(f"  (a fresh kernel's start and stop, which a forked kernel replaces: {kernel:.2f} s)")

    print("\n(f) scaling, make -j2 from clean:")
    for k in sorted({min(5, n), min(10, n), n}):
        wall, cpu = make_clean(variants[:k])
        print(
            f"  {k:>3} variants: wall {wall:6.1f} s ({wall / k:.2f} s each), CPU {cpu:6.1f} s, cores busy {cpu / wall:.2f}"
        )

    from analysis.vocab import MAX_ROWS

    wall, cpu, big = largest()
    print(
        f"\n(g) the largest data accepted ({MAX_ROWS} events), one variant: {wall:.1f} s wall, {cpu:.1f} s CPU, "
        f"peak memory {big / 2**20:.0f} MiB"
    )
    clean()
    measure([*MAKE, "-j2", "report"])  # leave the reports as make report would
    return 0


if __name__ == "__main__":
    if sys.argv[1:2] == ["--floor-only"]:
        floor(sys.argv[3:], int(sys.argv[2]))
    elif sys.argv[1:2] == ["--naive-only"]:
        naive_chain(sys.argv[2:])
    else:
        sys.exit(main())
