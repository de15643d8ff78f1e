"""Publishing a variant's files under reports/: both or neither, never half, and what a make run did.

    python -m analysis.build.publishing summary RUN_DIR [--out reports] [--failed] VARIANT...

Kept free of the report's heavy imports: make report calls the summary even when nothing changed.
"""

from __future__ import annotations

import argparse
import contextlib
import fcntl
import os
import shutil
import signal
import sys
import tempfile
import threading
from pathlib import Path

# While files are moved into place, SIGINT (Ctrl-C), SIGTERM and SIGHUP are held: their handlers
# run once both files are in place (or rolled back).
HELD_SIGNALS = (signal.SIGINT, signal.SIGTERM, signal.SIGHUP)
# The files this process has put in place: an interrupt that arrives while they were moved in is
# acted on once they all are, and must not be reported as "nothing published".
PUBLISHED: set[Path] = set()
# Published files are readable as any file the user writes (mkstemp makes them private, 0600, and a
# web server or a colleague could not read the reports). Read once, at import: os.umask can only be
# read by setting it, which must not race another thread.
_UMASK = os.umask(0o022)
os.umask(_UMASK)


def publish(files: dict[Path, Path], mtime: float | None = None) -> None:
    """Move a variant's finished files into place together (dated `mtime`, if given).

    Each file is first copied next to its destination under a name of its own; then, with the
    folder locked against other builds, each is renamed over the published one. Interrupts wait
    until all of it is done.
    A reader who opens the folder in the microseconds between two renames may see the new HTML
    beside the old PDF; no run ever leaves it so: if a rename fails, the ones done are rolled back.
    """
    staged: dict[Path, Path] = {}
    # Held from the first staged file to the last one removed: an interrupt in between would leave
    # a staged copy behind under reports/.
    with _interrupts_held():
        try:
            for src, dst in files.items():
                dst.parent.mkdir(parents=True, exist_ok=True)
                fd, tmp = tempfile.mkstemp(prefix=f".{dst.name}.", suffix=".new", dir=dst.parent)
                os.close(fd)
                os.chmod(tmp, 0o666 & ~_UMASK)
                staged[dst] = Path(tmp)
                shutil.copyfile(src, staged[dst])
                if mtime is not None:
                    os.utime(staged[dst], (mtime, mtime))
            with _locked(next(iter(files.values())).parent):
                _swap(staged)
        finally:
            for tmp in staged.values():
                tmp.unlink(missing_ok=True)


@contextlib.contextmanager
def _locked(folder: Path):
    """An exclusive lock on the folder: two builds publishing at once take turns."""
    fd = os.open(folder, os.O_RDONLY)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)


@contextlib.contextmanager
def _interrupts_held():
    """Record the held signals instead of acting on them; act on the first once the block is done.

    Python runs a signal's handler between two steps of the program, whenever the signal arrived; a
    handler that only records it is therefore the one that runs inside the block, even for a signal
    that arrived just before it."""
    if threading.current_thread() is not threading.main_thread():  # only the main thread has handlers
        yield
        return
    received: list[int] = []
    previous = {sig: signal.signal(sig, lambda signum, frame: received.append(signum)) for sig in HELD_SIGNALS}
    try:
        yield
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
        if received and previous[received[0]] is not signal.SIG_IGN:
            signal.raise_signal(received[0])


def _swap(staged: dict[Path, Path]) -> None:
    backups = {dst: staged[dst].with_suffix(".old") for dst in staged}
    replaced: list[Path] = []
    try:
        for dst, new in staged.items():
            if dst.exists():
                os.link(dst, backups[dst])
            os.replace(new, dst)
            replaced.append(dst)
    except BaseException:
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
    """Tell make report's summary (python -m analysis.build.publishing summary) how this variant's run ended."""
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
    parser = argparse.ArgumentParser(prog="python -m analysis.build.publishing", description=__doc__.splitlines()[0])
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
