"""The numbers each chart draws, as a table: the same frames the adapters hand to the chart
functions, with the names and values as the chart writes them (the site offers them as CSV). A
row that rests on a fact names it: `event_id` (events.csv), `source_id` and `seed_item` (a fact of
compensation.csv), or the incident itself (incidents.csv) for a value stolen."""

from __future__ import annotations

from decimal import Decimal

import pandas as pd

from analysis import l10n
from analysis.measures.compensation import CompensationFigures
from analysis.measures.durations import first_day_facts, milestones
from analysis.report import citing, story


def values_stolen(ctx) -> pd.Series:
    """The value stolen of each of the report's thefts, in US dollars, in the report's order."""
    return ctx.data.incidents.set_index("incident_id")["value_usd"].loc[list(ctx.incidents)]


def _since_rows(ctx, table: pd.DataFrame) -> pd.DataFrame:
    """Rows of durations.since_theft (days from the theft to each milestone) as a chart draws them."""
    shown = [
        l10n.since(r, ctx.lang) if r["state"] in ("known", "range") else l10n.label("state", r["state"], ctx.lang)
        for _, r in table.iterrows()
    ]
    thefts = {
        i: f.event_id for i in dict.fromkeys(table["incident_id"]) if (f := milestones(ctx.data.events, i).get("leak"))
    }
    out = table.assign(
        incident=table["incident_id"].map(ctx.names),
        milestone_name=table["milestone"].map(ctx.step_names),  # as the chart names them
        shown=shown,
        from_event_id=table["incident_id"].map(thefts),  # every value is counted from the theft: its fact too
    )
    return out[["incident_id", "incident", "milestone", "milestone_name", "state", "shown", "days", "hours",
                "hours_min", "hours_max", "days_min", "days_max", "approximate", "date", "date_zone", "zone", "period", "from_event_id", "event_id"]
               ].reset_index(drop=True)  # fmt: skip


def _event_rows(events: pd.DataFrame, lang: str, *extra: str) -> pd.DataFrame:
    """Facts of events.csv as a chart draws them: when, who, what (in the report's language)."""
    out = pd.DataFrame(
        {
            "event_id": events["event_id"],
            "date": events["date"].astype("string"),
            "time": events["time"],
            "date_zone": events["date_zone"],
            "actor": events["actor"].astype("string"),
            "milestone": events["milestone"],
            "title": events[l10n.column("title", lang)],
            "approximate": events["approximate"],
            **{col: events[col] for col in extra},
            "source_id": events["source_id"],
        }
    )
    return out.reset_index(drop=True)


def response_data(ctx) -> pd.DataFrame:
    return _since_rows(ctx, ctx.table_for(ctx.incident_id))


def first_day_data(ctx, incident: str) -> pd.DataFrame:
    return _event_rows(first_day_facts(ctx.data.events, incident), ctx.lang, "effective")


def timeline_data(ctx) -> pd.DataFrame:
    return _event_rows(ctx.timeline_events, ctx.lang)


def milestone_chain_data(ctx) -> pd.DataFrame | None:
    if ctx.durations is None:
        return None
    d = ctx.durations
    names = ctx.milestone_names
    facts = {m: f.event_id for m, f in milestones(ctx.data.events, ctx.incident_id).items()}
    return d.assign(
        from_name=d["from"].map(names),
        to_name=d["to"].map(names),
        from_event_id=d["from"].map(facts),
        to_event_id=d["to"].map(facts),
    ).reset_index(drop=True)


def _fact_rows(figures: CompensationFigures, rows: list[dict]) -> pd.DataFrame:
    """Figures of the compensation, each with the fact of compensation.csv it rests on (none for
    a figure computed from the others)."""
    facts = [figures.facts.get(r["figure"]) or figures.facts.get(f"{r['figure']}_jpy") for r in rows]
    return pd.DataFrame(rows).assign(
        source_id=[f.source_id if f else "" for f in facts], seed_item=[f.seed_item if f else "" for f in facts]
    )


def compensation_data(ctx) -> pd.DataFrame | None:
    return None if ctx.compensation is None else _fact_rows(ctx.compensation, ctx.compensation.as_rows())


def price_window_data(ctx) -> pd.DataFrame | None:
    f = ctx.compensation
    if f is None:
        return None
    rows = [
        dict(figure=key, value=f.facts[key].value, unit=f.facts[key].unit, approximate=f.facts[key].approximate)
        for key in ("price_window_start", "price_window_end")
    ]
    rows.append(dict(figure="window_hours", value=str(f.window_hours.quantize(Decimal("0.01"))), unit="h",
                     approximate=False))  # fmt: skip
    window = _fact_rows(f, rows)
    policy = ctx.events[ctx.events["milestone"] == "remedy_decided"]
    decided = pd.DataFrame(
        {
            "figure": "remedy_decided",
            "value": policy["date"].astype("string"),
            "unit": "date",
            "approximate": policy["approximate"],
            "source_id": policy["source_id"],
            "event_id": policy["event_id"],
        }
    )
    return pd.concat([window, decided], ignore_index=True)


def later_milestones_data(ctx) -> pd.DataFrame:
    from analysis.report.incident import later_table

    return _since_rows(ctx, later_table(ctx))


# What a compared value can be that its panel's other rows are not, in the order the source line
# explains them: a remedy decided where customers lost nothing or only part of the loss is covered, and
# a remedy delivered as tokens for the loss rather than the coins.
QUALIFIER_KINDS = ("no_loss", "partial", "tokens")


def compared_kinds(ctx) -> dict[tuple[str, str], str]:
    """The compared values drawn (a time, not a missing value) that are not what their panel's other
    rows are, by milestone and theft: a remedy decided for customers who lost nothing (its extent,
    as page 1 reads it, story.extent_of: not_needed, 'no_loss') or for part of the loss ('partial'),
    and a remedy delivered as tokens ('tokens')."""
    table = ctx.table[ctx.table["state"].isin(["known", "range"])]  # those log_place draws
    extent = table["incident_id"].map(story.remedy_extents(ctx))  # as page 1 and the key numbers say it
    tokens = table["incident_id"].map(ctx.in_tokens).astype(bool)
    decided, delivered = table["milestone"] == "remedy_decided", table["milestone"] == "remedy_delivered"
    kind = pd.Series(None, index=table.index, dtype=object)
    kind[decided & (extent == "not_needed")] = "no_loss"
    kind[decided & (extent == "partial")] = "partial"
    kind[delivered & tokens] = "tokens"
    said = kind.notna()
    return dict(zip(zip(table.loc[said, "milestone"], table.loc[said, "incident_id"]), kind[said]))


def compared_data(ctx) -> pd.DataFrame:
    """The comparison's values, each with what it is where its panel's others are not (`kind`:
    compared_kinds), as the chart says beside it."""
    rows = _since_rows(ctx, ctx.table)
    kinds = pd.DataFrame(
        [(m, i, kind) for (m, i), kind in compared_kinds(ctx).items()], columns=["milestone", "incident_id", "kind"]
    )
    return rows.merge(kinds, on=["milestone", "incident_id"], how="left").fillna({"kind": ""})


def sizes_data(ctx) -> pd.DataFrame:
    values = values_stolen(ctx)
    return pd.DataFrame(
        {
            "incident_id": values.index,
            "incident": [ctx.names[i] for i in values.index],
            "value_usd": values.to_numpy(),
            "shown": [citing.value_text(ctx.data, i, ctx.lang) for i in values.index],
            "drain": [i in ctx.drains for i in values.index],
            "summed": [i in ctx.summed for i in values.index],
        }
    )
