"""data/compensation.csv: the facts of each theft's compensation, one row per fact and asset, each
in the unit its fact takes (analysis.vocab.COMPENSATION_FACTS)."""

import re
from datetime import datetime
from decimal import Decimal

import numpy as np
import pandas as pd

from analysis import vocab
from analysis.data.schemas import cells
from analysis.data.schemas.columns import ID, SEED_ITEM, Format, Loads, column, flag, in_every_language
from analysis.data.schemas.rules import DataFile, Rule, on_no_line, repeated_rows

FACTS = vocab.COMPENSATION_FACTS
GROUP = ["incident_id", "asset"]
TICKER = Format(
    lambda v: re.fullmatch(r"[A-Z0-9]{2,10}", v) is not None,
    "is not an asset ticker; use upper-case letters and digits (e.g. XEM)",
)


def unit_of(f: pd.DataFrame) -> pd.Series:
    """The unit each row's fact takes (its asset's: JPY/XEM); '' for a fact of no vocabulary."""
    units = [FACTS[fact].format(asset=asset) if fact in FACTS else "" for fact, asset in zip(f["fact"], f["asset"])]
    return pd.Series(units, index=f.index, dtype=str)


def _known(f: pd.DataFrame) -> pd.Series:
    return f["fact"].isin(tuple(FACTS))


def _out_of_bounds(fact: str, value: str, unit: str) -> str:
    """'' when a well-formed number lies within its fact's plausible bounds (vocab.NUMERIC_BOUNDS)."""
    low, high, places = vocab.NUMERIC_BOUNDS[fact]
    whole, _, fraction = value.partition(".")
    if len(fraction.rstrip("0")) > places:
        kept = "a whole number" if places == 0 else f"at most {places} decimal places"
        return f"has more decimals than '{fact}' can have; write {kept}"
    if not cells.is_number(value):
        return ""  # only a unit of no format (an asset 'text', reported itself) lets a non-number here
    number = Decimal(value)
    if number == 0:
        return f"is zero; '{fact}' must be more than 0 (the report divides by it), or leave the incident's compensation out"
    if not Decimal(low) <= number <= Decimal(high):
        return f"is outside the plausible range of '{fact}' ({low} to {high} {unit}); check the digits"
    return ""


def _outside_window(value: str) -> bool:
    return bool(value) and not cells.in_window(datetime.fromisoformat(value).date())


def value_problems(f: pd.DataFrame) -> pd.Series:
    """Why each row's value is not one its fact takes (the first reason that holds); '' where it is."""
    fact, value, unit = f["fact"], f["value"], unit_of(f)
    known, timed = _known(f), unit == "datetime"
    aware = value.map(cells.is_aware_datetime).astype(bool)
    chosen = pd.Series([v in vocab.CHOSEN_FACTS.get(k, (v,)) for k, v in zip(fact, value)], index=f.index)
    choices = fact.map(lambda k: ", ".join(vocab.CHOSEN_FACTS.get(k, ())))
    reasons = (
        (
            known & timed & ~aware,
            "is not a date and time with its UTC offset for '" + fact + "'; write it as YYYY-MM-DDTHH:MM+09:00",
        ),
        (known & ~chosen, "is not an allowed value for '" + fact + "'; use one of: " + choices),
        (known & timed & value.where(aware, "").map(_outside_window).astype(bool), cells.outside_window()),
        (
            known & ~unit.isin(("text", "datetime")) & ~value.map(cells.is_number).astype(bool),
            "is not a number of " + unit + " for '" + fact + "'; write a plain non-negative number with a dot for "
            "decimals and no thousands separators",
        ),
    )
    why = np.select(
        [c.to_numpy(dtype=bool) for c, _ in reasons],
        [pd.Series(m, index=f.index).to_numpy(dtype=object) for _, m in reasons],
        "",
    )
    why = pd.Series(why, index=f.index, dtype=object)
    bounded = known & fact.isin(tuple(vocab.NUMERIC_BOUNDS)) & (why == "")
    why[bounded] = [_out_of_bounds(k, v, u) for k, v, u in zip(fact[bounded], value[bounded], unit[bounded])]
    return why


def _missing_facts(f: pd.DataFrame) -> pd.DataFrame:
    """Each fact of each incident and asset the file names that none of its lines gives."""
    every = f[GROUP].drop_duplicates().merge(pd.DataFrame({"fact": list(FACTS)}, dtype=str), how="cross")
    given = every.merge(f[[*GROUP, "fact"]].drop_duplicates(), how="left", indicator=True)
    return on_no_line(given[given["_merge"] == "left_only"].drop(columns="_merge"))


def _window_reversed(f: pd.DataFrame) -> pd.DataFrame:
    """The end of a price window at or before its start, each given once and well-formed."""
    given = {}
    for fact in ("price_window_start", "price_window_end"):
        rows = f[f["fact"] == fact]
        rows = rows[~rows.duplicated(GROUP, keep=False)]
        given[fact] = rows[rows["value"].map(cells.is_aware_datetime).astype(bool)]
    start = given["price_window_start"]
    start = start.assign(start=start["value"], start_line=start.index)[[*GROUP, "start", "start_line"]]
    end = given["price_window_end"]
    pairs = end.assign(line=end.index).merge(start, on=GROUP).set_index("line")
    before = [datetime.fromisoformat(e) <= datetime.fromisoformat(s) for e, s in zip(pairs["value"], pairs["start"])]
    return pairs[np.array(before, dtype=bool)]


RULES = (
    Rule(
        "unit",
        lambda f: f.assign(want=unit_of(f))[lambda d: _known(d) & (d["unit"] != d["want"])],
        "is the wrong unit for '{fact}'; use {want}",
    ),
    Rule("value", lambda f: f.assign(why=value_problems(f))[lambda d: d["why"] != ""], lambda found: found["why"]),
    Rule(
        "fact",
        lambda f: repeated_rows(f, [*GROUP, "fact"]),
        "is given twice for {incident_id} {asset} (also on line {first})",
    ),
    Rule("fact", _missing_facts, "is missing for {incident_id} {asset}; every compensation fact is required"),
    Rule("value", _window_reversed, "ends the price window before it starts ({start}, line {start_line})"),
)

FILE = DataFile(
    "compensation.csv",
    {
        "incident_id": column(ID),
        "asset": column(TICKER),
        "fact": column(allowed=tuple(FACTS)),
        "value": column(),
        "unit": column(),
        "approximate": flag(),
        "seed_item": column(SEED_ITEM),
        "source_id": column(ID),
        **in_every_language("note", required=False, loads=Loads.OR_MISSING),
    },
    RULES,
)
