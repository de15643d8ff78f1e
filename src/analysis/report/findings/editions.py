"""Which data a report shows: the day it was last checked or corrected, and its edition (the package's
version with a digest of the data and words it reads)."""

from __future__ import annotations

import hashlib
from datetime import date
from importlib.metadata import PackageNotFoundError, version

from analysis import l10n
from analysis.data import inputs
from analysis.report.context import Context


def as_of(ctx: Context) -> date:
    """The day the report's data was last checked against its sources or corrected: the latest
    'checked' of the rows it reads (an incident's own; the comparison's, every compared incident's)
    and the latest correction of what it shows (data/corrections.csv), so that a row of another
    incident checked later leaves the report as it was (data.inputs)."""
    days = [date.fromisoformat(d) for d in ctx.corrections["date"]]
    for frame in (ctx.data.events, ctx.data.incidents, ctx.data.remedies, ctx.data.story):
        mine = frame[frame["incident_id"].isin(ctx.incidents)]
        days += [date.fromisoformat(d) for d in mine["checked"] if isinstance(d, str) and d]
    return max(days) if days else date.fromisoformat(ctx.data.sources["published"].max())


def edition(ctx: Context) -> str:
    """The package's version and a short digest of the data the report reads (data.inputs) and of the
    words of its language (its catalogue): a change to the data or to the words gives a new edition
    (a change to the code alone does not, until the version is raised)."""
    try:
        package = version("analysis")
    except PackageNotFoundError:
        package = "dev"
    # the data this report reads: its incident's rows and the shared files (every file, compared)
    data = inputs.digest(ctx.data.data_dir, ctx.own_incidents)
    digest = hashlib.sha256(f"{data} {l10n.words_digest(ctx.lang)}".encode()).hexdigest()
    return f"{package}+{digest[:8]}"
