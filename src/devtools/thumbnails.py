"""Page 1 of every built report as a small PNG under review/pages/, and their gallery in the README,
so that a pull request shows what a change does to the page readers see first.

    python -m devtools.thumbnails write   # from reports/*.pdf (make thumbnails builds them first)
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PAGES = ROOT / "review" / "pages"
README = ROOT / "README.md"
WIDTH_PX = 420
START, END = "<!-- thumbnails: written by make thumbnails -->", "<!-- /thumbnails -->"


def page_one(pdf: Path) -> bytes:
    """The first page at WIDTH_PX wide; poppler renders the same PDF to the same bytes."""
    with tempfile.TemporaryDirectory() as tmp:
        stem = Path(tmp) / "page"
        subprocess.run(
            ["pdftoppm", "-f", "1", "-l", "1", "-singlefile", "-png", "-scale-to-x", str(WIDTH_PX), "-scale-to-y", "-1",
             str(pdf), str(stem)],
            check=True,
            capture_output=True,
        )  # fmt: skip
        return stem.with_suffix(".png").read_bytes()


def gallery(names: list[str]) -> str:
    """The README's block: one linked thumbnail per report, four to a row."""
    cells = [
        f'<a href="review/pages/{n}.png"><img src="review/pages/{n}.png" width="180" alt="{n}"></a>' for n in names
    ]
    rows = [" ".join(cells[i : i + 4]) for i in range(0, len(cells), 4)]
    return "\n".join([START, "", *(r + "<br>" for r in rows), "", END])


def write(reports: Path, variants: list[str]) -> None:
    missing = [v for v in variants if not (reports / f"{v}.pdf").is_file()]
    if missing:
        raise SystemExit(f"no PDF for {', '.join(missing)} in {reports}/: run make report first")
    PAGES.mkdir(parents=True, exist_ok=True)
    for old in PAGES.glob("*.png"):
        if old.stem not in variants:
            old.unlink()
    for v in variants:
        (PAGES / f"{v}.png").write_bytes(page_one(reports / f"{v}.pdf"))
    text = README.read_text(encoding="utf-8")
    if START not in text or END not in text:
        raise SystemExit(f"{README} has no thumbnails block ({START} ... {END})")
    head, _, rest = text.partition(START)
    _, _, tail = rest.partition(END)
    README.write_text(head + gallery(variants) + tail, encoding="utf-8")
    print(f"wrote {len(variants)} thumbnails under {PAGES.relative_to(ROOT)}/ and their gallery in README.md")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m devtools.thumbnails", description=__doc__.splitlines()[0])
    parser.add_argument("command", choices=["write"])
    parser.add_argument("variants", nargs="+", help="the report variants, as make variants lists them")
    parser.add_argument("--reports", type=Path, default=ROOT / "reports")
    args = parser.parse_args(argv)
    write(args.reports, args.variants)
    return 0


if __name__ == "__main__":
    sys.exit(main())
