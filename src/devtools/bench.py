"""make bench: how long the report takes to build, against the floor of doing the same work
without Jupyter, and how much memory the build needs at its peak.

    python -m devtools.bench [--runs N]

(a) `make -j2 report` from clean (every variant, HTML and PDF);
(b) `make report` when nothing changed;
(c) the floor: one Python process that builds the same report pages for every variant, with no
    notebook, kernel or nbconvert, and prints their PDFs with the same Chromium call;
(d) the largest data the report accepts: events.csv padded to analysis.vocab.MAX_ROWS rows, one
    variant built end to end (wall time, CPU time of the whole tree, peak memory).
"""

from __future__ import annotations

import argparse
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


def timed(cmd: list[str]) -> float:
    start = time.perf_counter()
    run = subprocess.run(cmd, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    if run.returncode != 0:
        raise SystemExit(f"{' '.join(cmd)} failed:\n{run.stderr.decode(errors='replace')[-2000:]}")
    return time.perf_counter() - start


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
                procs = [parent, *parent.children(recursive=True)]
                total = 0
                for p in procs:
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
    if proc.returncode != 0:
        raise SystemExit(f"{' '.join(cmd)} failed:\n{err.decode(errors='replace')[-2000:]}")
    return peak


def floor() -> None:
    """The same report pages and PDFs with no notebook, kernel or nbconvert: one page per variant."""
    from analysis import registry
    from analysis.build import to_pdf, variant_params
    from analysis.context import prepare_comparison, prepare_incident
    from analysis.findings import as_of

    names = subprocess.run(["make", "--no-print-directory", "variants"], cwd=ROOT, capture_output=True, text=True)
    prepare = {"incident": prepare_incident, "comparison": prepare_comparison}
    with tempfile.TemporaryDirectory() as tmp:
        for name in names.stdout.split():
            kind, params = variant_params(name)
            ctx = prepare[kind](**params)
            body = "".join(part._repr_html_() for part in registry.report(ctx))
            page = Path(tmp) / f"{name}.html"
            page.write_text(f"<!DOCTYPE html><html lang='{ctx.lang}'><body>{body}</body></html>", encoding="utf-8")
            to_pdf(page, Path(tmp) / f"{name}.pdf", as_of(ctx))


def padded_data(folder: Path, rows: int) -> Path:
    """A copy of data/ whose events.csv holds `rows` rows: copies of a dated seed event of Coincheck."""
    import csv

    data = folder / "data"
    shutil.copytree(ROOT / "data", data, ignore=shutil.ignore_patterns("*.md"))
    with (data / "events.csv").open(encoding="utf-8", newline="") as f:
        table = list(csv.reader(f))
    header = table[0]
    col = {name: i for i, name in enumerate(header)}
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
        cmd = [sys.executable, "-m", "analysis.build", "largest-en", "--params", str(params)]
        cmd += ["--build-dir", str(folder / "build"), "--out", str(folder / "reports")]
        cpu0 = _children_cpu()
        wall = timed(cmd)
        cpu = _children_cpu() - cpu0
        peak = peak_memory(cmd)
    return wall, cpu, peak


def _children_cpu() -> float:
    import os

    t = os.times()
    return t.children_user + t.children_system


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m devtools.bench")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args(argv)
    make = ["make", "--no-print-directory"]

    def from_clean():
        for folder in ("build", "reports"):
            shutil.rmtree(ROOT / folder, ignore_errors=True)
        return [*make, "-j2", "report"]

    # Clean builds and floors alternate, so a slow spell of the machine weighs on both alike.
    clean, floors = [], []
    for _ in range(args.runs):
        clean.append(timed(from_clean()))
        floors.append(timed([sys.executable, "-m", "devtools.bench", "--floor-only"]))
    noop = [timed([*make, "report"]) for _ in range(max(5, args.runs))]
    peak = peak_memory(from_clean())

    a, b, c = statistics.median(clean), statistics.median(noop), statistics.median(floors)
    print(
        f"(a) make -j2 report, from clean: median {a:.2f} s over {len(clean)} runs "
        f"({', '.join(f'{x:.2f}' for x in clean)})"
    )
    print(f"(b) make report, nothing changed: median {b:.3f} s over {len(noop)} runs (target < 0.5 s)")
    print(
        f"(c) floor, one process, no Jupyter: median {c:.2f} s over {len(floors)} runs "
        f"({', '.join(f'{x:.2f}' for x in floors)})"
    )
    print(f"ratio (a)/(c): {a / c:.2f} (target <= 1.5)")
    print(f"peak memory of the build (PSS summed over its processes): {peak / 2**20:.0f} MiB (target < 1024 MiB)")
    from analysis.vocab import MAX_ROWS

    wall, cpu, big = largest()
    print(
        f"(d) the largest data accepted ({MAX_ROWS} events), one variant: {wall:.1f} s wall, {cpu:.1f} s CPU, "
        f"peak memory {big / 2**20:.0f} MiB"
    )
    return 0


if __name__ == "__main__":
    if sys.argv[1:] == ["--floor-only"]:
        floor()
        sys.exit(0)
    sys.exit(main())
