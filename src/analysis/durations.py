"""Time between the milestones of an incident.

Calendar days compare dates (Japan time); hours are given only when both facts carry a time of
day; business days follow `analysis.calendar`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

import pandas as pd

from analysis import vocab
from analysis.calendar import business_days_between


class MilestoneNotFound(KeyError):
    """The incident has no row with that milestone."""

    def __init__(self, incident: str, milestone: str, available: Sequence[str]):
        self.incident, self.milestone = incident, milestone
        listed = ", ".join(available) or "none"
        super().__init__(f"incident '{incident}' has no milestone '{milestone}'; it has: {listed}")

    def __str__(self) -> str:
        return self.args[0]


@dataclass(frozen=True)
class Milestone:
    name: str
    event_id: str
    day: date
    timestamp: pd.Timestamp | None


@dataclass(frozen=True)
class Duration:
    start: Milestone
    end: Milestone
    calendar_days: int
    business_days: int
    hours: float | None

    def as_row(self) -> dict:
        return {
            "from": self.start.name,
            "to": self.end.name,
            "from_date": self.start.day.isoformat(),
            "to_date": self.end.day.isoformat(),
            "calendar_days": self.calendar_days,
            "business_days": self.business_days,
            "hours": self.hours,
        }


def milestones(events: pd.DataFrame, incident: str) -> dict[str, Milestone]:
    rows = events[(events["incident_id"] == incident) & events["milestone"].notna()]
    found = {}
    for row in rows.itertuples():
        stamp = None if pd.isna(row.timestamp) else row.timestamp
        found[row.milestone] = Milestone(row.milestone, row.event_id, row.date.to_timestamp().date(), stamp)
    return found


def milestone_duration(events: pd.DataFrame, incident: str, start: str, end: str) -> Duration:
    known = milestones(events, incident)
    for name in (start, end):
        if name not in known:
            raise MilestoneNotFound(incident, name, [m for m in vocab.MILESTONES if m in known])
    return between(known[start], known[end])


def between(a: Milestone, b: Milestone) -> Duration:
    hours = None
    if a.timestamp is not None and b.timestamp is not None:
        hours = (b.timestamp - a.timestamp).total_seconds() / 3600
    return Duration(a, b, (b.day - a.day).days, business_days_between(a.day, b.day), hours)


def chain_durations(events: pd.DataFrame, incident: str, chain: Sequence[str] = vocab.DEFAULT_CHAIN) -> pd.DataFrame:
    """One row per step of the chain, then one for the whole chain from first to last."""
    if len(chain) < 2:
        raise ValueError("a milestone chain needs at least two milestones")
    steps = [milestone_duration(events, incident, a, b) for a, b in zip(chain, chain[1:])]
    if len(chain) > 2:
        steps.append(milestone_duration(events, incident, chain[0], chain[-1]))
    table = pd.DataFrame([s.as_row() for s in steps])
    table["hours"] = table["hours"].astype("Float64")
    table.insert(0, "incident_id", incident)
    table.insert(1, "step", [*(["step"] * (len(chain) - 1)), *(["total"] if len(chain) > 2 else [])])
    return table
