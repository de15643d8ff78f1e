"""Build the site under site/ from the built reports (make site runs make report first).

python -m analysis.site [--out site] [--reports reports] [--thumbnails review/pages]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from analysis.data.loading import default_data_dir
from analysis.site.build import SiteError, build


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m analysis.site", description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=Path("site"), help="where the site goes (default: site)")
    parser.add_argument("--reports", type=Path, default=Path("reports"), help="the built reports (default: reports)")
    parser.add_argument("--thumbnails", type=Path, default=Path("review/pages"),
                        help="page 1 of each report as PNG (default: review/pages)")  # fmt: skip
    parser.add_argument("--data", type=Path, default=None, help="the data (default: the project's data/)")
    parser.add_argument("--package", type=Path, default=Path("datapackage.json"))
    parser.add_argument("--cache", type=Path, default=Path("build/site"),
                        help="each report's charts and summary, kept between builds (default: build/site)")  # fmt: skip
    parser.add_argument("--no-search", action="store_true", help="leave out the search index")
    args = parser.parse_args(argv)
    try:
        build(args.out, args.reports, args.thumbnails, args.data or default_data_dir(), args.package, args.cache,
              search=not args.no_search)  # fmt: skip
    except SiteError as e:
        print(f"site: {e}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
