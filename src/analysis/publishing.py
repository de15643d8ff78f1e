"""Publishing a variant's files under reports/: both or neither, never half, and what a make run did.

    python -m analysis.publishing summary RUN_DIR [--out reports] [--failed] VARIANT...

Kept free of the report's heavy imports: make report calls the summary even when nothing changed.
"""

from __future__ import annotations

import argparse
import os
import shutil
import signal
import sys
from pathlib import Path

# While files are moved into place: SIGINT (Ctrl-C), SIGTERM and SIGHUP wait until both are there.
HELD_SIGNALS = {signal.SIGINT, signal.SIGTERM, signal.SIGHUP}
# The files this process has put in place: an interrupt that arrives while they were moved in is
# raised once they all are, and must not be reported as "nothing published".
PUBLISHED: set[Path] = set()


def publish(files: dict[Path, Path]) -> None:
    """Move a variant's finished files into place together: readers see the old pair or the new.

    Each file is copied next to its destination first; the renames then run with interrupts held
    back, and if one fails the ones done are rolled back to the previous files.
    """
    staged = {}
    try:
        for src, dst in files.items():
            dst.parent.mkdir(parents=True, exist_ok=True)
            staged[dst] = dst.with_name(f".{dst.name}.new")
            shutil.copyfile(src, staged[dst])
        old = signal.pthread_sigmask(signal.SIG_BLOCK, HELD_SIGNALS)
        try:
            _swap(staged)
        finally:
            signal.pthread_sigmask(signal.SIG_SETMASK, old)
    finally:
        for tmp in staged.values():
            tmp.unlink(missing_ok=True)


def _swap(staged: dict[Path, Path]) -> None:
    backups = {dst: dst.with_name(f".{dst.name}.old") for dst in staged}
    replaced: list[Path] = []
    try:
        for dst, new in staged.items():
            backups[dst].unlink(missing_ok=True)
            if dst.exists():
                os.link(dst, backups[dst])
            os.replace(new, dst)
            replaced.append(dst)
    except OSError:
        for dst in replaced:
            if backups[dst].exists():
                os.replace(backups[dst], dst)
            else:
                dst.unlink(missing_ok=True)
        raise
    finally:
        for backup in backups.values():
            backup.unlink(missing_ok=True)
    PUBLISHED.update(staged)


def record(name: str, outcome: str) -> None:
    """Tell make report's summary (python -m analysis.build --summary) how this variant's run ended."""
    folder = os.environ.get("REPORT_RUN")
    if folder and Path(folder).is_dir():
        (Path(folder) / name).write_text(outcome, encoding="utf-8")


def kept_message(name: str, out_dir: Path) -> str:
    previous = [p.name for p in (out_dir / f"{name}.html", out_dir / f"{name}.pdf") if p.exists()]
    if previous:
        return f"{out_dir}/ keeps the previously published {' and '.join(previous)}"
    return f"nothing was published for {name}"


def summary(run_dir: Path, variants: list[str], out_dir: Path, failed: bool) -> str:
    """What make report did, variant by variant: published, failed (previous kept), or not rebuilt."""
    lines, outcomes = [], {}
    for v in variants:
        marker = run_dir / v
        outcomes[v] = marker.read_text(encoding="utf-8").strip() if marker.is_file() else ""
    published = [v for v in variants if outcomes[v] == "published"]
    untouched = [v for v in variants if not outcomes[v]]
    broken = [v for v in variants if outcomes[v] not in ("", "published")]
    if published:
        lines.append(f"published ({len(published)}): {', '.join(published)}")
    for v in broken:
        lines.append(f"{outcomes[v]}: {v}; {kept_message(v, out_dir)}")
    if untouched:
        if failed:
            why = "not rebuilt, make stopped first; their published files, if any, are from an earlier run"
        else:
            why = "up to date, left as they were"
        lines.append(f"{why} ({len(untouched)}): {', '.join(untouched)}")
    return "\n".join(lines)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m analysis.publishing", description=__doc__.splitlines()[0])
    parser.add_argument("command", choices=["summary"])
    parser.add_argument("run_dir", type=Path, help="where the builds of this make run recorded their outcome")
    parser.add_argument("variants", nargs="+")
    parser.add_argument("--out", type=Path, default=Path("reports"))
    parser.add_argument("--failed", action="store_true", help="the make run failed")
    args = parser.parse_args(argv)
    print(summary(args.run_dir, args.variants, args.out, args.failed))
    return 0


if __name__ == "__main__":
    sys.exit(main())
