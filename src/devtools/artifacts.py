"""Review artifacts: every chart as PNG per language and the computed numbers as CSV, committed
under review/ so a pull request shows what a change does to them.

    python -m devtools.artifacts write   # refresh review/ (make figures)
    python -m devtools.artifacts check   # fail, naming each stale file (make check)
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

from matplotlib.figure import Figure

from analysis.__main__ import write_numbers
from analysis.l10n import LANGUAGES
from analysis.report import registry, style
from analysis.report.context import prepare_comparison, prepare_incident

ROOT = Path(__file__).resolve().parents[2]
REVIEW = ROOT / "review"
REFRESH = "make figures"


def all_figures(lang: str) -> dict[str, Figure]:
    """Every chart of the reference reports in one language, as the registry lists them: the
    Coincheck report's, then the comparison's (a chart drawn per incident is named with it), then
    the phone layouts of those that have one (named "<chart>-phone")."""
    incident, comparison = prepare_incident(lang=lang), prepare_comparison(lang=lang)
    figures = {**registry.charts_of(incident), **_prefixed(registry.charts_of(comparison))}
    with style.narrow():
        phone = {**registry.charts_of(incident, phone=True), **_prefixed(registry.charts_of(comparison, phone=True))}
    return {**figures, **{f"{name}-phone": fig for name, fig in phone.items()}}


def _prefixed(figures: dict[str, Figure]) -> dict[str, Figure]:
    return {f"comparison-{name}": fig for name, fig in figures.items()}


def write(out: Path = REVIEW) -> list[Path]:
    written = []
    for lang in LANGUAGES:
        folder = out / "figures" / lang
        folder.mkdir(parents=True, exist_ok=True)
        for name, fig in all_figures(lang).items():
            path = folder / f"{name}.png"
            path.write_bytes(style.png_bytes(fig))
            written.append(path)
    ctx = prepare_incident()
    written += write_numbers(ctx.durations, ctx.compensation.as_rows(), out / "numbers")
    since = out / "numbers" / "since_theft.csv"
    prepare_comparison().table.to_csv(since, index=False, lineterminator="\n", float_format="%.4f")
    return [*written, since]


def stale(committed: Path = REVIEW) -> list[str]:
    """Files under `committed` that differ from what the code produces now, or are missing/extra."""
    with tempfile.TemporaryDirectory() as tmp:
        fresh = Path(tmp)
        write(fresh)
        now = {p.relative_to(fresh): p.read_bytes() for p in fresh.rglob("*") if p.is_file()}
    have = {p.relative_to(committed): p for p in committed.rglob("*") if p.is_file()} if committed.exists() else {}
    # Page images come from built PDFs (make thumbnails); tests/test_build.py checks them. Audit
    # records (review/audits) are written by the people who checked the reports, not by code.
    have = {rel: p for rel, p in have.items() if rel.parts[0] not in ("pages", "audits")}
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
    parser = argparse.ArgumentParser(prog="python -m devtools.artifacts")
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
