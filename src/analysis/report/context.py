"""What a report is about: checked parameters, the loaded data, and what is computed from both.

`prepare_incident` serves the report of one incident (an IncidentContext), `prepare_comparison`
the thefts compared (a ComparisonContext); both check their parameters before loading anything and compute nothing the data cannot support
(a missing piece becomes None, which a section shows in its "not known" form).
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cached_property
from typing import ClassVar

import pandas as pd

from analysis import l10n, vocab
from analysis.data import params as checks
from analysis.data import printed, relations
from analysis.data.loading import Dataset, load_dataset
from analysis.measures.compensation import CompensationFigures, compensation_figures
from analysis.measures.durations import chain_durations, milestones, since_theft

# The timeline shows the first weeks; what comes later is a milestone list of its own.
TIMELINE_MAX_DAYS = 62


@dataclass(frozen=True, eq=False)
class Context(ABC):
    """What both kinds of report know: the data, the language and the thefts reported on, and
    what follows from those alone. IncidentContext and ComparisonContext add the rest."""

    kind: ClassVar[str]  # the report it serves: "incident" or "comparison" (registry.REPORTS)
    data: Dataset
    lang: str
    incidents: tuple[str, ...]

    @cached_property
    def events(self) -> pd.DataFrame:
        """Every row of the report's incidents (the seed's, the research's, alternatives, gaps)."""
        ev = self.data.events[self.data.events["incident_id"].isin(self.incidents)]
        order = {incident: i for i, incident in enumerate(self.incidents)}
        return ev.sort_values("incident_id", key=lambda s: s.map(order), kind="stable")

    @cached_property
    def corrections(self) -> pd.DataFrame:
        """The rows of data/corrections.csv about what this report shows, newest first: its incidents'
        rows of every file (events, the incidents themselves, story, remedies, compensation, order
        items), the pages cited for those rows, and the milestones its events carry."""
        c = self.data.corrections
        shown = self._records_shown
        keep = pd.Series([record in shown.get(t, ()) for t, record in zip(c["table"], c["record_id"])], c.index, bool)
        return c[keep].sort_values("date", ascending=False, kind="stable")

    @cached_property
    def _records_shown(self) -> dict[str, set[str]]:
        d, mine = self.data, self.incidents
        own = {
            "events": set(self.events["event_id"]),
            "incidents": set(mine),
            "story": set(d.story.loc[d.story["incident_id"].isin(mine), "fact_id"]),
            "remedies": set(d.remedies.loc[d.remedies["incident_id"].isin(mine), "incident_id"]),
            "compensation": set(
                relations.record_names("compensation.csv", d.compensation[d.compensation["incident_id"].isin(mine)])
            ),
            "order_items": set(
                relations.record_names(
                    "order_items.csv", d.order_items[d.order_items["order_event_id"].isin(self.events["event_id"])]
                )
            ),
        }
        cited = set().union(*(own[t] for t in vocab.CITED_TABLES))  # a figure of citations.csv: by the row it backs
        c = d.citations
        read = c[[r in own.get(t, ()) for t, r in zip(c["table"], c["record_id"])]]
        return {
            **own,
            "citations": cited,
            "pages": set(read["url"]),  # a page (its publisher, its date): by its address
            "milestones": set(self.events["milestone"].dropna()),
        }

    def corrected_on(self, table: str, record_id: str) -> date | None:
        """The day the latest correction of a record, of a page's figure for it or of one of its
        pages (its publisher, its date) was published."""
        c, cites = self.corrections, self.data.citations
        urls = set(cites.loc[(cites["table"] == table) & (cites["record_id"] == record_id), "url"])
        own = (c["record_id"] == record_id) & c["table"].isin([table, "citations"])
        rows = c[own | ((c["table"] == "pages") & c["record_id"].isin(urls))]
        return None if rows.empty else date.fromisoformat(rows["date"].iloc[0])

    @cached_property
    def numbers(self) -> dict[str, int]:
        """The number each event carries in the charts and tables (chronological, per report)."""
        return {eid: i for i, eid in enumerate(self.events["event_id"], start=1)}

    @cached_property
    def names(self) -> dict[str, str]:
        return self.data.incident_names(self.lang)

    @cached_property
    def milestone_names(self) -> dict[str, str]:
        return self.data.milestone_names(self.lang)

    @property
    def step_names(self) -> dict[str, str]:
        """The milestones' names as the report's charts and tables name its steps: their own names
        where several thefts are compared on them."""
        return self.milestone_names

    @cached_property
    def drains(self) -> list[str]:
        """The report's thefts that were drains over years (incidents.csv kind), in its order."""
        kinds = self.data.incidents.set_index("incident_id")["kind"]
        return [i for i in self.incidents if kinds[i] == "drain"]

    @cached_property
    def summed(self) -> list[str]:
        """The report's thefts whose dollar value adds up parts its pages print (Liquid's two
        entities), not one printed figure."""
        incidents = self.data.incidents.set_index("incident_id")
        rows = printed.value_rows(self.data.story)
        return [
            i
            for i in self.incidents
            if printed.dollar_basis(
                int(incidents.at[i, "value_usd"]),
                incidents.at[i, l10n.reference_column("stolen")],
                rows.get(i, ""),
            )
            == "sum"
        ]

    @cached_property
    def table(self) -> pd.DataFrame:
        """Days from each theft to each compared milestone, with the state of every value."""
        return since_theft(
            self.data.events, self.incidents, self.data.compared, self.data.measures, not_before=self.data.not_before
        )

    def table_for(self, incident: str) -> pd.DataFrame:
        return self.table[self.table["incident_id"] == incident]

    def remedy_method(self, incident: str) -> str | None:
        """The form of the incident's remedy (remedies.csv method: cash, tokens, in_kind ...); None
        without a remedies row."""
        return self.data.remedies.set_index("incident_id")["method"].get(incident)

    def in_tokens(self, incident: str) -> bool:
        """Whether the incident's remedy was tokens for the loss (IOUs), told as such and never as
        the coins given back."""
        return self.remedy_method(incident) == "tokens"

    @property
    @abstractmethod
    def variant(self) -> str:
        """The report's file name without its extension: coincheck-2018-en, comparison-ja."""

    @property
    @abstractmethod
    def own_incidents(self) -> tuple[str, ...] | None:
        """The incidents whose rows alone the report reads (with the shared files); None when it
        reads every file whole (data.inputs.digest)."""

    @abstractmethod
    def by_incident(self, events: pd.DataFrame) -> list[tuple[str | None, pd.DataFrame]]:
        """Rows of the report's events as its tables show them: under each incident's name, or
        under none when the report has one incident."""


@dataclass(frozen=True, eq=False)
class IncidentContext(Context):
    """The report of one incident: its milestones, the chain of durations between them, its
    compensation and the timeline's window."""

    kind: ClassVar[str] = "incident"
    chain: tuple[str, ...] = ()

    @property
    def variant(self) -> str:
        return f"{self.incident_id}-{self.lang}"

    @cached_property
    def remedy_in_tokens(self) -> bool:
        """Whether this report's own theft was remedied in tokens for the loss (`in_tokens`)."""
        return self.in_tokens(self.incident_id)

    @property
    def own_incidents(self) -> tuple[str, ...]:
        return self.incidents

    def by_incident(self, events: pd.DataFrame) -> list[tuple[str | None, pd.DataFrame]]:
        return [(None, events)]

    @property
    def incident_id(self) -> str:
        return self.incidents[0]

    @property
    def name(self) -> str:
        return self.names[self.incident_id]

    @cached_property
    def milestone_names(self) -> dict[str, str]:
        """The milestones' names as this report gives them: a drain's loss came to light over years, so
        its disclosure is the loss's, not one theft's, in its text, tables and charts alike."""
        names = self.data.milestone_names(self.lang)
        if self.incident_id in self.drains:
            return {**names, "disclosure": l10n.t("step_loss_disclosed", self.lang)}
        return names

    @cached_property
    def step_names(self) -> dict[str, str]:
        """The milestones' names as this incident's steps are drawn and tabled, as page 1's text names
        them: tokens for the loss as such, never as the remedy reaching customers; a decision by what
        decided it, and a court's ruling by what it did, where its row names its step (Mt. Gox's: the
        court's approval of its plan; Coincheck's: a conviction upheld, which "A conviction made
        final" was not on that day). The glossary, which defines the milestones, keeps their own names."""
        names = dict(self.milestone_names)
        if self.remedy_in_tokens:
            names["remedy_delivered"] = l10n.t("step_tokens_credited", self.lang)
        for name in ("remedy_decided", "verdict"):
            step = self.found.get(name)
            if step is not None and (own := self.own_step(step.event_id)) is not None:
                names[name] = l10n.sentence_start(own)
        return names

    def own_step(self, event_id: str) -> str | None:
        """The name an events row gives its own step (step_en, step_ja: "a recipient's conviction upheld
        by the Supreme Court"), where its milestone's name alone would be vague or untrue of the
        incident; else None."""
        events = self.data.events
        named = events.loc[events["event_id"] == event_id, l10n.column("step", self.lang)]
        return None if named.empty or pd.isna(named.iloc[0]) else named.iloc[0]

    @cached_property
    def found(self) -> dict:
        return milestones(self.data.events, self.incident_id)

    @cached_property
    def theft_day(self) -> date | None:
        theft = self.found.get("leak")
        return theft.earliest if theft is not None else None

    @cached_property
    def durations(self) -> pd.DataFrame | None:
        """Days between the milestones of the chain; None when fewer than two are dated."""
        if len(self.chain) < 2:
            return None
        return chain_durations(self.data.events, self.incident_id, self.chain)

    @cached_property
    def compensation(self) -> CompensationFigures | None:
        comp = self.data.compensation
        assets = comp.loc[comp["incident_id"] == self.incident_id, "asset"]
        if assets.empty:
            return None
        return compensation_figures(comp, self.incident_id, assets.iloc[0])

    @cached_property
    def timeline_events(self) -> pd.DataFrame:
        """What the timeline draws: from the theft to the end of the chain (or to the last dated
        fact), at most TIMELINE_MAX_DAYS days, every announcement (the seed's items and the dates
        inside them) and every milestone; the hour-by-hour detail belongs to the first day."""
        if self.theft_day is None:
            return self.events.iloc[0:0]
        limit = self.theft_day + timedelta(days=TIMELINE_MAX_DAYS)
        if self.durations is not None:
            limit = min(limit, pd.Timestamp(self.durations["to_date"].max()).date())
        ev = self.events[self.events["effective"] & self.events["date"].notna()]
        days = ev["date"].dt.to_timestamp().dt.date
        inside = (days >= self.theft_day) & (days <= limit)
        # Secondary facts of the theft's own day are its hour-by-hour detail (the first day's chart);
        # on later days they are the record (all of it for a theft the timeline document does not cover).
        later = days > self.theft_day
        shown = ev["source_kind"].isin(["company", "other", "derived", "quoted"]) | ev["milestone"].notna() | later
        return ev[inside & shown]

    @cached_property
    def window(self) -> tuple[date, date] | None:
        """The days the timeline covers (the theft's day alone when it has nothing to draw beyond
        it); None without a dated theft."""
        if self.theft_day is None:
            return None
        days = self.timeline_events["date"].dt.to_timestamp().dt.date
        return self.theft_day, max(days.max(), self.theft_day) if len(days) else self.theft_day

    @property
    def has_timeline(self) -> bool:
        """A timeline says something only over several days."""
        return self.window is not None and self.window[1] > self.window[0]


@dataclass(frozen=True, eq=False)
class ComparisonContext(Context):
    """The thefts compared, largest first: days from each theft to each compared milestone, and
    the incident the comparison is written around."""

    kind: ClassVar[str] = "comparison"
    focus_id: str | None = None  # the `focus` parameter, when the parameters name one

    @property
    def variant(self) -> str:
        return f"comparison-{self.lang}"

    @property
    def own_incidents(self) -> None:
        return None

    def by_incident(self, events: pd.DataFrame) -> list[tuple[str | None, pd.DataFrame]]:
        return list(events.groupby("incident_id", sort=False))

    @property
    def focus(self) -> str:
        """The incident the comparison is written around and highlights: the `focus` parameter, else
        the project's subject (vocab.FOCUS) when it is compared, else the first (largest) compared."""
        if self.focus_id is not None:
            return self.focus_id
        return vocab.FOCUS if vocab.FOCUS in self.incidents else self.incidents[0]


def prepare_incident(**params) -> IncidentContext:
    """Check the parameters against the data, load it and return the report's context."""
    checks.check_names(params)
    data = load_dataset(checks.check_data_dir(params.get("data_dir")))
    p = checks.check_values(params, data)
    return IncidentContext(data, p["lang"], (p["incident_id"],), tuple(p["chain"]))


def prepare_comparison(**params) -> ComparisonContext:
    checks.check_names(params, tuple(checks.COMPARISON_DEFAULTS))
    data = load_dataset(checks.check_data_dir(params.get("data_dir")))
    p = checks.check_comparison_values(params, data)
    # Largest first by the value stolen, in every table and chart: one order a reader can follow.
    values = data.incidents.set_index("incident_id")["value_usd"]
    ranked = sorted(p["incidents"], key=lambda i: -values[i])
    return ComparisonContext(data, p["lang"], tuple(ranked), focus_id=p["focus"])
