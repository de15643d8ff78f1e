"""data/events.csv: one row per dated fact of a theft, with what is known of its date and how sure
it is (status, conflict_group, preferred). How its milestones relate to milestones.csv and to each
other is checked across the files (`analysis.data.relations`)."""

from datetime import date

import pandas as pd

from analysis import l10n, vocab
from analysis.data.schemas import cells
from analysis.data.schemas.columns import (
    CHECKED,
    DATE,
    ID,
    SEED_ITEM,
    URLS,
    Format,
    Loads,
    column,
    flag,
    in_every_language,
)
from analysis.data.schemas.rules import DataFile, Rule

TIME = Format(cells.is_time, "is not a time of day; write it as HH:MM in Japan time (e.g. 12:09), or leave it empty")
PERIOD = Format(
    cells.is_period,
    "is not a month or quarter; write YYYY-MM (e.g. 2024-07) or YYYY-Qn (e.g. 2019-Q2)",
    when=lambda v: date(int(v[:4]), 1, 1),
)
# The note a rule asks for is read in l10n.REFERENCE_LANGUAGE; every language gives it.
NOTE = l10n.reference_column("note")
NOTES = l10n.columns("note")
STEPS = l10n.columns("step")

COLUMNS = {
    "incident_id": column(ID),
    "event_id": column(ID, unique=True),
    "date": column(DATE, required=False, loads=Loads.DAY),
    "time": column(TIME, required=False, loads=Loads.OR_MISSING),
    "date_zone": column(required=False, allowed=vocab.DATE_ZONES, loads=Loads.OR_MISSING),
    "actor": column(allowed=vocab.ACTORS, loads=Loads.CATEGORY),
    "source_kind": column(allowed=vocab.SOURCE_KINDS, loads=Loads.CATEGORY),
    # The announcement that gives this account (its event), where the account is dated by it: a halt
    # the exchange said, days later, had begun earlier (checked by analysis.data.relations).
    "stated_in": column(ID, required=False, loads=Loads.OR_MISSING),
    "milestone": column(ID, required=False, loads=Loads.OR_MISSING),
    **in_every_language("title"),
    **in_every_language("step", required=False, loads=Loads.OR_MISSING),
    "source_url": column(URLS, required=False, loads=Loads.OR_MISSING),
    "source_url_as_printed": column(required=False, loads=Loads.OR_MISSING),
    "seed_item": column(SEED_ITEM, required=False, loads=Loads.OR_MISSING),
    "source_id": column(ID),
    **in_every_language("note", required=False, loads=Loads.OR_MISSING),
    "status": column(allowed=vocab.STATUSES),
    "conflict_group": column(ID, required=False, loads=Loads.OR_MISSING),
    "preferred": flag(required=False),
    "approximate": flag(),
    "flag": column(required=False, allowed=vocab.FLAGS, loads=Loads.OR_MISSING),
    "period": column(PERIOD, required=False, loads=Loads.MONTH_OR_QUARTER),
    "checked": column(CHECKED, required=False),
}


# -- the rules ------------------------------------------------------------------------------------
# Disputed facts keep every value; missing facts stay empty; outside facts name their page.


def _undated(f: pd.DataFrame) -> pd.Series:
    return f["status"].isin(vocab.UNDATED)


def _dated(f: pd.DataFrame) -> pd.Series:
    return f["status"].isin(("reported", "conflict"))


def _filled(f: pd.DataFrame, col: str) -> pd.Series:
    return f[col] != ""


def _some_note(f: pd.DataFrame) -> pd.Series:
    return (f[list(NOTES)] != "").any(axis=1)


def _some_step(f: pd.DataFrame) -> pd.Series:
    return (f[list(STEPS)] != "").any(axis=1)


def _missing_language(found: pd.DataFrame, cols: tuple[str, ...], what: str) -> list[str]:
    given = (found[list(cols)] != "").idxmax(axis=1)  # the first language whose text is given
    return [
        f"is empty while '{have}' is not; every {what} is given in every language ({', '.join(cols)})" for have in given
    ]


def _note_message(found: pd.DataFrame) -> list[str]:
    return _missing_language(found, NOTES, "note")


def _step_message(found: pd.DataFrame) -> list[str]:
    return _missing_language(found, STEPS, "step")


def _conflicts(f: pd.DataFrame) -> pd.DataFrame:
    """The first row of each conflict group (file order), with what its group holds."""
    rows = f[(f["status"] == "conflict") & (f["conflict_group"] != "")]
    group = rows.groupby("conflict_group", sort=False)
    described = rows.assign(
        rows=group["conflict_group"].transform("size"),
        chosen=(rows["preferred"] == "true").groupby(rows["conflict_group"]).transform("sum"),
        incidents=group["incident_id"].transform("nunique"),
        milestones=group["milestone"].transform("nunique"),
    )
    return described[~described.duplicated("conflict_group")]


def _in_a_group(f: pd.DataFrame, broken) -> pd.DataFrame:
    first = _conflicts(f)
    return first[broken(first)]


RULES = (
    Rule(
        NOTE,
        lambda f: _filled(f, "source_url_as_printed") & ~_filled(f, NOTE),
        "a corrected URL needs a note saying what was corrected",
    ),
    *(Rule(note, lambda f, note=note: _some_note(f) & ~_filled(f, note), _note_message) for note in NOTES),
    *(Rule(step, lambda f, step=step: _some_step(f) & ~_filled(f, step), _step_message) for step in STEPS),
    Rule(
        l10n.reference_column("step"),
        lambda f: _some_step(f) & ~f["milestone"].isin(vocab.NAMED_STEPS),
        "is given on a row whose milestone ('{milestone}') page 1 does not name as a step; a step names only "
        f"a row of these milestones: {', '.join(vocab.NAMED_STEPS)}",
    ),
    *(
        Rule(
            col,
            lambda f, col=col: _undated(f) & _filled(f, col),
            "is filled on a row with status '{status}'; a fact not found stays empty. If a source gives it, set "
            "status to 'reported' and name the source in source_url",
        )
        for col in ("date", "time", "period")
    ),
    Rule(
        NOTE,
        lambda f: _undated(f) & ~_filled(f, NOTE),
        "is empty; a row with status '{status}' must say what was searched for or why it did not happen",
    ),
    Rule(
        "date",
        lambda f: _dated(f) & ~_filled(f, "date") & ~_filled(f, "period"),
        "is empty; give the date (or, when the source gives only a month or quarter, the period), or mark the row "
        "status 'gap'",
    ),
    Rule(
        "period",
        lambda f: _dated(f) & _filled(f, "date") & _filled(f, "period"),
        "is filled as well as the date; give one of them",
    ),
    Rule("time", lambda f: _dated(f) & _filled(f, "time") & ~_filled(f, "date"), "needs a date"),
    Rule(
        "date_zone",
        lambda f: _filled(f, "date_zone") & (_filled(f, "time") | ~_filled(f, "date")),
        "belongs only to a date without a time (a time is stored in Japan time, its page's zone in citations.csv); "
        "empty it",
    ),
    Rule(
        "seed_item",
        lambda f: (f["source_id"] == "seed") & ~_filled(f, "seed_item"),
        "is empty; a fact from the seed names its item",
    ),
    Rule(
        "conflict_group",
        lambda f: _filled(f, "conflict_group") != (f["status"] == "conflict"),
        "must be filled exactly when status is 'conflict'",
    ),
    Rule(
        "preferred",
        lambda f: _filled(f, "preferred") != (f["status"] == "conflict"),
        "must be 'true' or 'false' exactly when status is 'conflict'",
    ),
    # A conflict group's problems are reported on its first row, quoting the group.
    Rule(
        "conflict_group",
        lambda f: _in_a_group(f, lambda g: g["rows"] < 2),
        "has only this row; a conflict keeps every value the sources give, at least two rows",
    ),
    Rule(
        "preferred",
        lambda f: _in_a_group(f, lambda g: g["chosen"] != 1),
        "marks {chosen} rows of conflict group '{conflict_group}' as preferred; exactly one value is the one the "
        "analysis uses",
        value="conflict_group",
    ),
    *(
        Rule(
            col,
            lambda f, count=count: _in_a_group(f, lambda g: g[count] > 1),
            "differs between the rows of conflict group '{conflict_group}'; they must be values of one fact",
            value="conflict_group",
        )
        for col, count in (("incident_id", "incidents"), ("milestone", "milestones"))
    ),
)


# -- the typed frame ------------------------------------------------------------------------------


def day_span(day, zone: str, into: str = vocab.TIMEZONE) -> tuple[pd.Timestamp, pd.Timestamp]:
    """The stretch of time a date of `zone` (Japan's when empty) covers, from its first moment up to
    the next day's, in the zone `into`; from the next midnight, so a 23- or 25-hour day is right."""
    start = pd.Timestamp(day)
    zone = zone or vocab.TIMEZONE
    return (
        start.tz_localize(zone).tz_convert(into),
        (start + pd.Timedelta(days=1)).tz_localize(zone).tz_convert(into),
    )


def _derived(df: pd.DataFrame, raw: pd.DataFrame) -> pd.DataFrame:
    """A date-only fact stays a whole day (a Period), never a midnight timestamp; a fact known only
    to the month or quarter keeps that period, and a gap has neither. Added: the timestamp of a
    timed fact, the stretch of Japan time a date-only fact's day covers, how precise the row is,
    and whether it is the row the analysis uses for its fact."""
    has_time = (raw["time"] != "") & (raw["date"] != "")
    stamps = pd.to_datetime(raw["date"].where(has_time) + " " + raw["time"].where(has_time), format="%Y-%m-%d %H:%M")
    df["timestamp"] = stamps.dt.tz_localize(vocab.TIMEZONE).astype(f"datetime64[us, {vocab.TIMEZONE}]")
    # The stretch of Japan time a date-only fact's day covers: its own day, or, for a date the pages
    # give in another zone, that zone's day, which overlaps two Japan dates.
    spans = [
        day_span(d, z) if d and not t else (pd.NaT, pd.NaT)
        for d, t, z in zip(raw["date"], raw["time"], raw["date_zone"])
    ]
    df["day_start"] = pd.Series([a for a, _ in spans], index=df.index, dtype=f"datetime64[us, {vocab.TIMEZONE}]")
    df["day_end"] = pd.Series([b for _, b in spans], index=df.index, dtype=f"datetime64[us, {vocab.TIMEZONE}]")
    df["precision"] = [
        "minute" if t else "day" if d else ("quarter" if "Q" in p else "month") if p else "none"
        for d, t, p in zip(raw["date"], has_time, raw["period"])
    ]
    # The row the analysis uses for its fact: everything except the alternatives of a conflict.
    df["effective"] = ~((raw["status"] == "conflict") & ~df["preferred"])
    # Per incident, by day; within a day by time, then the facts known only by their day (listed
    # first they would seem to come before the day's timed facts), ties in file order; facts with no
    # day (a period or a gap) last.
    df["_undated"] = df["date"].isna()
    df = df.sort_values(["incident_id", "_undated", "date", "timestamp"], na_position="last", kind="stable")
    return df.drop(columns="_undated")


FILE = DataFile("events.csv", COLUMNS, RULES, derive=_derived)
