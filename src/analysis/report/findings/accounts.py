"""The rows behind a milestone and the other accounts of it: another time the sources give for the
same step, an earlier day, a drain's earlier theft, each said beside the value used."""

from __future__ import annotations

import re

import pandas as pd

from analysis import l10n, vocab
from analysis.measures.durations import Milestone
from analysis.report import conflicts, days
from analysis.report.context import IncidentContext


def _row(ctx: IncidentContext, m: Milestone):
    """A milestone's row of the report's events, as a named tuple."""
    return next(ctx.events[ctx.events["event_id"] == m.event_id].itertuples())


def _described(row, lang: str) -> str:
    """An alternative time's row named by its title, as a phrase inside a sentence: its words before
    any bracket. Such a title names the time (data/README.md: "Time of sending as stated at the press
    conference"), so in English its first word is lowered; any other title is kept as it is."""
    title = _bracketless(getattr(row, l10n.column("title", lang)))
    return "t" + title[1:] if title.startswith("Time ") else title


def _inside(ctx: IncidentContext, title: str) -> str:
    """A row's title as words inside a sentence's brackets: its words before any bracket of its own,
    its first word lowered where the language does so, unless it names the incident's exchange."""
    inc = ctx.data.incidents.set_index("incident_id").loc[ctx.incident_id]
    names = tuple(" ".join(str(inc[c]) for c in ("name_en", "exchange_en")).split())
    return l10n.mid_sentence(_bracketless(title), ctx.lang, names)


def _bracketless(title: str) -> str:
    """A row's title inside a sentence's brackets: its words before any bracket of its own, as it is
    written (its case kept: a title may lead with a name or an acronym)."""
    return re.split(r"\s*[(（]", title)[0]


def _theft_day(ctx: IncidentContext, theft: Milestone | None) -> str | None:
    """The theft's day as the tables write it in full, with its zone when it is another zone's date."""
    if theft is None or not theft.known or (theft.day is None and theft.span is None):
        return None
    return days.told(_row(ctx, theft), ctx.lang)


def _other_count(ctx, start: Milestone | None, end: Milestone | None, short: bool = False) -> str | None:
    """The time to `end` counted from each other time the sources give for `start`, when they
    disagree on it (a conflict of timed rows, weak pages aside), earliest first: "(about 8 h 28 min
    counted from about 02:57, the time of the outflow given by Coincheck on the day; ...)"; short,
    the times alone, in the order of the range ("(about 8 h 25-28 min from about 03:00 or about 02:57,
    the exchange's theft times)"). A time after `end` counts nothing and is left out."""
    if start is None or end is None or end.timestamp is None:
        return None
    rest = conflicts.others(ctx.data.events, start.event_id)
    rest = rest[rest["timestamp"].notna()]
    rest = rest.assign(hours=(end.timestamp - rest["timestamp"]).dt.total_seconds() / 3600)
    rest = rest[rest["hours"] > 0].sort_values("timestamp")
    if rest.empty:
        return None
    approximate = bool(rest["approximate"].any()) or end.approximate
    if short:
        values = l10n.hours_range(rest["hours"].min(), rest["hours"].max(), ctx.lang, approximate)
        # shortest count first, as the range reads: "8 h 25-28 min from about 03:00 or about 02:57"
        clocks = [
            l10n.clock(o.timestamp, ctx.lang, bool(o.approximate)) for o in rest.sort_values("hours").itertuples()
        ]
        times = l10n.t("other_times_joiner", ctx.lang).join(clocks)
        # whose times they are, where every one is the exchange's own account (Coincheck's press
        # conference and handout): beside a time from the ledger, that is what the reader weighs
        own = all(conflicts.own_account(ctx.data.events, o) for o in rest.itertuples())
        key = ("other_count_short_own" if own else "other_count_short") + ("_one" if len(rest) == 1 else "")
        return l10n.t(key, ctx.lang, values=values, times=times)
    counts = [
        l10n.t(
            "other_count_one",
            ctx.lang,
            value=l10n.elapsed(0, o.hours, ctx.lang, approximate=bool(o.approximate) or end.approximate),
            at=l10n.clock(o.timestamp, ctx.lang, bool(o.approximate)),
            given=_described(o, ctx.lang),
        )
        for o in rest.itertuples()
    ]
    return l10n.t("other_count", ctx.lang, counts=l10n.t("other_count_joiner", ctx.lang).join(counts))


def _first_earlier(ctx: IncidentContext, used: Milestone | None) -> pd.Series | None:
    """The earliest other value of a milestone's conflict (weak pages aside) dated to a day before the
    value used; None when there is none."""
    if used is None or used.day is None:
        return None
    rest = conflicts.others(ctx.data.events, used.event_id)
    earlier = rest[rest["date"].notna() & (rest["start"] < pd.Timestamp(used.day))]
    return None if earlier.empty else earlier.iloc[0]


def _later_period(ctx: IncidentContext, theft: Milestone | None, step: Milestone | None) -> str | None:
    """The days from a theft dated to the day to a step dated only to a later month or quarter, as
    the charts count them ("874–901 days"); None otherwise."""
    if theft is None or step is None or theft.day is None or step.period is None:
        return None
    rows = ctx.table_for(ctx.incident_id)
    row = rows[rows["event_id"] == step.event_id]
    if row.empty or row.iloc[0]["state"] != "range" or not row.iloc[0]["days_min"] > 0:
        return None
    return l10n.since(row.iloc[0], ctx.lang)


def _exchange_says(ctx: IncidentContext, step: Milestone) -> bool:
    """Whether a step is the exchange's own act by its own account (its actor, and where the row was
    read: conflicts.own_account): only then may page 1 say "by the exchange's account"."""
    row = ctx.data.events[ctx.data.events["event_id"] == step.event_id].iloc[0]
    return row["actor"] in vocab.EXCHANGE_ACTORS and conflicts.own_account(ctx.data.events, row)


def _earlier_account(ctx: IncidentContext, used: Milestone | None) -> str:
    """When another source puts a milestone earlier than the value used (a conflict the data
    records), the sentence says so: " (another account puts it earlier, about 14 September 2018)"."""
    first = _first_earlier(ctx, used)
    if first is None:
        return ""
    heading = conflicts.seed_heading(ctx.data.events, first)
    if heading is not None and heading["event_id"] == used.event_id and not pd.isna(first["timestamp"]):
        # A time the announcement itself states (Coincheck's compensation release, dated 28 Jan on its
        # site, gives its own release as 23:00 on 27 Jan): the same account, told as such.
        return l10n.t("earlier_account_same_item", ctx.lang, time=l10n.clock(first["timestamp"], ctx.lang),
                      day=days.told(first, ctx.lang, bracketed=True, with_japan=False))  # fmt: skip
    own_actor = ctx.data.events.loc[ctx.data.events["event_id"] == used.event_id, "actor"].iloc[0]
    # The exchange's own other account of its own act (Zaif's release, Coincheck's release text): the
    # act is the exchange's by its actor, the account by where the row was read (conflicts.own_account).
    own = (
        first["actor"] == own_actor
        and own_actor in vocab.EXCHANGE_ACTORS
        and conflicts.own_account(ctx.data.events, first)
    )
    if own:
        key = "earlier_account_own" if first["approximate"] else "earlier_account_own_exact"
        if used.name == "suspension":
            # "First halted ... (it also puts it earlier)" would contradict itself: the other account is
            # of services already down, as that account says, not of a second first halt.
            key = "earlier_halt_own" if first["approximate"] else "earlier_halt_own_exact"
    else:
        key = "earlier_account_about" if first["approximate"] else "earlier_account"
    stated = _stated_day(ctx, first) if own else None
    return l10n.t(key + ("_stated" if stated else ""), ctx.lang,
                  day=days.told(first, ctx.lang, bracketed=True, with_japan=False), stated=stated)  # fmt: skip


def _stated_day(ctx: IncidentContext, row: pd.Series) -> str | None:
    """The day the exchange gave an account, where its row names the announcement (`stated_in`):
    Zaif said on 20 Sep that services had been down since about 14 Sep, which tells the reader the
    account came after the fact; None where the row names none."""
    if not isinstance(row.get("stated_in"), str):
        return None
    announcement = ctx.data.events[ctx.data.events["event_id"] == row["stated_in"]].iloc[0]
    return days.told(announcement, ctx.lang, bracketed=True, with_japan=False)


def _from_earlier_theft(ctx: IncidentContext, theft: Milestone | None, end: Milestone | None) -> str:
    """A drain's count to `end` from the earlier theft its sources also date, beside the count from
    the start used: " (1,095 days from the earlier theft)" (its day is the lead's: _earlier_theft);
    "" without one."""
    first = _first_earlier(ctx, theft)
    if first is None or end is None or end.day is None or end.zone:
        return ""
    if isinstance(first["date_zone"], str) and first["date_zone"]:  # another zone's date: no Japan count
        return ""
    start = first["date"].to_timestamp().date()
    about = bool(first["approximate"])  # an approximate earlier day makes its count approximate too
    value = l10n.about(l10n.elapsed((end.day - start).days, None, ctx.lang), ctx.lang, about)
    return l10n.t("count_from_earlier_theft", ctx.lang, value=value)


def _earlier_theft(ctx: IncidentContext, theft: Milestone | None) -> str:
    """A drain is told from the day its sources' preferred account starts it; a theft its sources
    date earlier, and each account that puts the start later (to a day or a month), are named beside
    it, not hidden behind one start day."""
    if theft is None or theft.day is None:
        return ""
    first = _first_earlier(ctx, theft)
    parts = [] if first is None else [l10n.t("earlier_theft", ctx.lang, day=_when(first, ctx.lang))]
    rest = conflicts.others(ctx.data.events, theft.event_id)
    parts += [
        l10n.t(("later_theft" if pd.isna(o["date"]) else "later_theft_day")
               + ("_own" if conflicts.own_account(ctx.data.events, o) else ""), ctx.lang, when=_when(o, ctx.lang))
        for _, o in rest[rest["start"] > pd.Timestamp(theft.day)].iterrows()
    ]  # fmt: skip
    joiner = l10n.t("accounts_joiner", ctx.lang)
    return l10n.t("theft_accounts", ctx.lang, parts=joiner.join(parts)) if parts else ""


def _when(row: pd.Series, lang: str) -> str:
    """An event's day (with its zone where a page dates it in another), or its month or quarter when it
    has no day: days.told, inside a sentence's brackets."""
    return days.told(row, lang, bracketed=True, with_japan=False)
