"""Command line: check the data and print the milestone durations and compensation figures.

python -m analysis [--data DIR] [--incident ID] [--chain leak,order,...] [--csv DIR]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import pandas as pd

from analysis.data.loading import load_dataset
from analysis.data.params import default_chain
from analysis.errors import DataValidationError
from analysis.measures.compensation import compensation_figures
from analysis.measures.durations import MilestoneNotFound, chain_durations


def write_numbers(durations: pd.DataFrame, compensation_rows: list[dict], folder: Path) -> list[Path]:
    """The milestone durations and compensation figures as CSV (for review/numbers and --csv)."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = [folder / "durations.csv", folder / "compensation.csv"]
    durations.to_csv(paths[0], index=False, lineterminator="\n")
    pd.DataFrame(compensation_rows).to_csv(paths[1], index=False, lineterminator="\n")
    return paths


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m analysis", description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=None, help="folder of the CSV files (default: data/)")
    parser.add_argument("--incident", default="coincheck-2018")
    parser.add_argument(
        "--chain",
        default="",
        help="milestones separated by commas (default: the chain milestones of data/milestones.csv the incident has)",
    )
    parser.add_argument("--asset", default="", help="the stolen asset (default: the incident's in compensation.csv)")
    parser.add_argument(
        "--csv", type=Path, default=None, metavar="DIR", help="also write durations.csv and compensation.csv into DIR"
    )
    args = parser.parse_args(argv)

    try:
        data = load_dataset(args.data)
    except DataValidationError as err:
        print(err, file=sys.stderr)
        return 2
    chain = [m.strip() for m in args.chain.split(",") if m.strip()] or default_chain(data, args.incident)
    assets = data.compensation.loc[data.compensation["incident_id"] == args.incident, "asset"]
    asset = args.asset or (assets.iloc[0] if not assets.empty else "")
    allowed = data.event_milestones
    unknown = [m for m in chain if m not in allowed]
    if unknown:
        print(f"unknown milestone(s): {', '.join(unknown)}; allowed: {', '.join(allowed)}", file=sys.stderr)
        return 2
    try:
        durations = chain_durations(data.events, args.incident, chain)
        figures = pd.DataFrame(compensation_figures(data.compensation, args.incident, asset).as_rows())
    except (MilestoneNotFound, KeyError, ValueError) as err:
        print(f"error: {err.args[0] if err.args else err}", file=sys.stderr)
        return 2

    print(f"Data in {data.data_dir}: {len(data.events)} events, all checks passed.\n")
    print(
        f"Milestone durations, {args.incident} (business days: Japan, counted after the start day up to and "
        "including the end day)"
    )
    print(durations.drop(columns="incident_id").astype({"hours": object}).fillna("-").to_string(index=False))
    print(f"\nCompensation, {args.incident} {asset}")
    print(figures.to_string(index=False))
    if args.csv:
        write_numbers(durations, figures.to_dict("records"), args.csv)
    return 0


if __name__ == "__main__":
    sys.exit(main())
