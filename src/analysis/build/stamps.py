"""Each variant's data digest as a file make can compare dates with: build/inputs/<variant>.digest,
rewritten only when the digest changes, so that an edited Zaif row makes only Zaif's reports and
the comparison's out of date (`make report` runs this before it decides what to build).

    python -m analysis.build.stamps --out build/inputs coincheck-2018-en comparison-ja ...
"""

from __future__ import annotations

import argparse
from pathlib import Path

from analysis.build.pipeline import variant_params
from analysis.data import inputs
from analysis.data.loading import default_data_dir


def variant_incidents(name: str) -> tuple[str, ...] | None:
    """The incidents a variant reads the rows of; None for the comparison (every file whole)."""
    kind, params = variant_params(name)
    return (params["incident_id"],) if kind == "incident" else None


def write(names: list[str], out: Path, data_dir: Path | None = None) -> list[str]:
    """Write each variant's digest where it changed; return the variants whose digest changed."""
    data_dir = data_dir or default_data_dir()
    out.mkdir(parents=True, exist_ok=True)
    changed = []
    for name in names:
        text = inputs.digest(data_dir, variant_incidents(name)) + "\n"
        path = out / f"{name}.digest"
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            tmp = path.with_suffix(".tmp")
            tmp.write_text(text, encoding="utf-8")
            tmp.replace(path)
            changed.append(name)
    return changed


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m analysis.build.stamps", description=__doc__.splitlines()[0])
    parser.add_argument("names", nargs="+", help="variants: <incident_id>-<lang> or comparison-<lang>")
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args(argv)
    write(args.names, args.out)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
