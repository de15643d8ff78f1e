"""Review artifacts: every chart as PNG per language and the computed numbers as CSV, committed
under review/ so a pull request shows what a change does to them.

    python -m analysis.artifacts write   # refresh review/ (make figures)
    python -m analysis.artifacts check   # fail, naming each stale file (make check)
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

import pandas as pd
from matplotlib.figure import Figure

from analysis import charts, style
from analysis.labels import LANGUAGES
from analysis.report import later_table

ROOT = Path(__file__).resolve().parents[2]
REVIEW = ROOT / "review"
REFRESH = "make figures"


def figures(ctx) -> dict[str, Figure]:
    """Every chart of the report for one prepared context, by file name."""
    return {
        "timeline": charts.timeline(ctx.seed_events, ctx.lang, ctx.chain, ctx.numbers, ctx.events, ctx.milestone_names),
        "first_day": charts.first_day(
            ctx.data.events,
            ctx.incident_id,
            ctx.data.incident_names(ctx.lang)[ctx.incident_id],
            ctx.lang,
            ctx.milestone_names,
        ),
        "milestone_chain": charts.milestone_chain(ctx.data.events, ctx.durations, ctx.lang, ctx.milestone_names),
        "compensation": charts.compensation(ctx.figures, ctx.lang),
        "price_window": charts.price_window(ctx.figures, ctx.events, ctx.lang),
        "later_milestones": charts.later_milestones(later_table(ctx), ctx.lang, ctx.milestone_names),
    }


def comparison_figures(ctx) -> dict[str, Figure]:
    """Every chart of the comparison report for one prepared comparison context."""
    return {"since_theft": charts.since_theft(ctx.table, ctx.names, ctx.lang, ctx.data.milestone_names(ctx.lang))}


def write_numbers(durations: pd.DataFrame, compensation_rows: list[dict], folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = [folder / "durations.csv", folder / "compensation.csv"]
    durations.to_csv(paths[0], index=False, lineterminator="\n")
    pd.DataFrame(compensation_rows).to_csv(paths[1], index=False, lineterminator="\n")
    return paths


def all_figures(lang: str) -> dict[str, Figure]:
    """Every chart of both reports in one language: the Coincheck report's, then the comparison's."""
    from analysis import comparison, report

    return {**figures(report.prepare(lang=lang)), **comparison_figures(comparison.prepare(lang=lang))}


def write(out: Path = REVIEW) -> list[Path]:
    from analysis import comparison, report

    written = []
    for lang in LANGUAGES:
        folder = out / "figures" / lang
        folder.mkdir(parents=True, exist_ok=True)
        for name, fig in all_figures(lang).items():
            path = folder / f"{name}.png"
            path.write_bytes(style.png_bytes(fig))
            written.append(path)
    ctx = report.prepare()
    written += write_numbers(ctx.durations, ctx.figures.as_rows(), out / "numbers")
    since = out / "numbers" / "since_theft.csv"
    comparison.prepare().table.to_csv(since, index=False, lineterminator="\n", float_format="%.4f")
    return [*written, since]


def stale(committed: Path = REVIEW) -> list[str]:
    """Files under `committed` that differ from what the code produces now, or are missing/extra."""
    with tempfile.TemporaryDirectory() as tmp:
        fresh = Path(tmp)
        write(fresh)
        now = {p.relative_to(fresh): p.read_bytes() for p in fresh.rglob("*") if p.is_file()}
    have = {p.relative_to(committed): p for p in committed.rglob("*") if p.is_file()} if committed.exists() else {}
    problems = []
    for rel in sorted(now):
        if rel not in have:
            problems.append(f"{committed.name}/{rel}: missing")
        elif have[rel].read_bytes() != now[rel]:
            problems.append(f"{committed.name}/{rel}: differs from what the code produces now")
    for rel in sorted(set(have) - set(now)):
        problems.append(f"{committed.name}/{rel}: no longer produced")
    return problems


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m analysis.artifacts")
    parser.add_argument("command", choices=["write", "check"])
    parser.add_argument("folder", nargs="?", type=Path, default=REVIEW)
    args = parser.parse_args(argv)
    if args.command == "write":
        for path in write(args.folder):
            print(f"wrote {path.relative_to(args.folder.parent) if args.folder.is_absolute() else path}")
        return 0
    problems = stale(args.folder)
    if problems:
        print("Stale review artifacts (refresh them with `" + REFRESH + "` and commit the result):", file=sys.stderr)
        for p in problems:
            print(f"  - {p}", file=sys.stderr)
        return 1
    print(f"review artifacts are up to date ({args.folder})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
