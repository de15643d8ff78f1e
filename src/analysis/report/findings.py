"""What a report finds, in sentences and key numbers computed from the data.

Each finding is a sentence of the catalogue with its numbers filled in from the rows it rests on;
a finding whose facts the data lacks is left out, never guessed. Change a date in data/ and the
sentence that depends on it changes with it.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from importlib.metadata import PackageNotFoundError, version

import pandas as pd

from analysis import l10n, vocab
from analysis.data import inputs
from analysis.measures.durations import Duration, Milestone, between, earliest_of, milestones, zone_day
from analysis.report import citing, conflicts, days, payment, story
from analysis.report.context import ComparisonContext, Context, IncidentContext


@dataclass(frozen=True)
class KeyNumber:
    value: str
    label: str


@dataclass(frozen=True)
class Findings:
    headline: str
    paragraphs: list[str]
    numbers: list[KeyNumber]


def _gap(a: Milestone | None, b: Milestone | None) -> Duration | None:
    """The time from a to b (counted in another zone's dates, or a range of days, when a date is that
    zone's); None when either is not dated at all, or only to a month or quarter (too loose for a
    finding)."""
    if a is None or b is None or a.period is not None or b.period is not None or not (a.known and b.known):
        return None
    return between(a, b)


def elapsed(a: Milestone | None, b: Milestone | None, lang: str, zoned: bool = True, apart: bool = False) -> str | None:
    """The time from a to b as readers say it (l10n.elapsed); None when either is not dated; without
    its zone's name where the paragraph says it (`days_zone`); `apart`, with the zone bound to the
    count ("3 UTC days"), for a count the sentence goes on after."""
    d = _gap(a, b)
    if d is None:
        return None
    lo, hi = d.days_range or (None, None)
    return l10n.elapsed(d.calendar_days, d.hours, lang, lo=lo, hi=hi, approximate=d.approximate,
                         zone=d.zone if zoned else None, apart=apart)  # fmt: skip


def _within_minute(d: Duration | None) -> bool:
    return d is not None and d.hours is not None and abs(d.hours) < 1 / 60


def _at_once(d: Duration | None) -> bool:
    """Within the minute; a claim to the minute needs both times exact (not 頃/about)."""
    return _within_minute(d) and not d.approximate


def _about_once(d: Duration | None) -> bool:
    """The same time of day, as pages give it approximately: about the same time, no more."""
    return _within_minute(d) and d.approximate


def _same_day(d: Duration | None) -> bool:
    return d is not None and d.hours is None and d.calendar_days == 0


def _next_day(d: Duration | None) -> bool:
    return d is not None and d.hours is None and d.calendar_days == 1


def _sentence(key: str, lang: str, **fields) -> str | None:
    return None if any(v is None for v in fields.values()) else l10n.t(key, lang, **fields)


# A count of a year or more of days is hard to picture: a sentence gives its day as well.
_DATED_FROM_DAYS = 365


def when(
    a: Milestone | None,
    b: Milestone | None,
    lang: str,
    since: str,
    zoned: bool = True,
    dated: bool = True,
    dated_from: int = _DATED_FROM_DAYS,
) -> str | None:
    """When b came, said from a: "33 min after noticing it"; "on the day it noticed the theft" or "the day
    after it noticed the theft" when only the dates are known; "in the same minute" when within a minute
    (`since` names the phrases in the catalogue); days counted in another zone's dates say so, unless
    `zoned` is False because the sentence or its paragraph says it once for all its counts
    (`days_zone`); a count of `dated_from` days or more (a year unless told otherwise: a count that
    long is hard to picture) gives b's day too ("on 28 February 2014, 901 days after the drain
    began"), unless `dated` is False (a headline keeps to the count) or the pages give the day only
    roughly (it would read as exact). Where that day, in the other zone's dates, is not its Japan day,
    the Japan day is said beside it, as the timeline and the charts date it there ("on 15 November
    2024 (UTC date; 16 November 2024 in Japan), 3,027 days after the theft")."""
    d = _gap(a, b)
    if d is None:
        return None

    def told(text: str) -> str:
        return l10n.in_zone(text, d.zone, lang, phrase=True) if zoned else text

    if _same_day(d):
        return told(l10n.t(f"{since}_same_day", lang))
    if _next_day(d):
        return told(l10n.t(f"{since}_next_day", lang))
    if _at_once(d):
        return l10n.t(f"{since}_at_once", lang)
    if _about_once(d):
        return l10n.t(f"{since}_about_once", lang)
    # A count in another zone's dates reaches b's day in that zone, which may not be the Japan date
    # the timeline gives it: that day is marked as the zone's, unless the sentence itself says the zone.
    lo, hi = d.days_range or (None, None)
    value = l10n.elapsed(d.calendar_days, None, lang, lo=lo, hi=hi) if d.zone else elapsed(a, b, lang)
    day = zone_day(b, d.zone) if d.zone else b.day
    gives_day = d.days_range is None and (d.calendar_days or 0) >= dated_from
    if dated and gives_day and day is not None and not b.approximate:
        if d.zone and b.day is not None and b.day != day:
            # the day in both zones says the zone once, for the count too (not again after it)
            day_text = l10n.t("zoned_day_and_japan_sentence", lang, day=l10n.day(day, lang),
                              zone=l10n.label("zone", d.zone, lang), japan=l10n.day(b.day, lang))  # fmt: skip
            return l10n.t(f"{since}_dated", lang, value=value, day=day_text)
        day_text = l10n.day(day, lang) if zoned else l10n.zoned_day(day, d.zone, lang)
        return told(l10n.t(f"{since}_dated", lang, value=value, day=day_text))
    return told(l10n.t(since, lang, value=value))


def days_zone(*gaps: tuple[Milestone | None, Milestone | None]) -> str | None:
    """The other zone all of these counts of days are made in, when at least two are and every
    other count by date is too (a paragraph then says it once); counts in hours and missing ones
    do not stand in the way. None when any count of days is made in Japan dates, a range of them
    included."""
    by_day = [d for d in (_gap(a, b) for a, b in gaps) if d is not None and d.hours is None]
    zones = {d.zone or None for d in by_day}
    return next(iter(zones)) if len(zones) == 1 and len(by_day) >= 2 else None


def _theft_day(ctx: IncidentContext, theft: Milestone | None) -> str | None:
    """The theft's day as the tables write it in full, with its zone when it is another zone's date."""
    if theft is None or not theft.known or (theft.day is None and theft.span is None):
        return None
    return days.told(_row(ctx, theft), ctx.lang)


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


def _clock(m: Milestone, lang: str) -> str:
    """A milestone's time of day in Japan, "about" where its page gives it as approximate."""
    return l10n.clock(m.timestamp, lang, bool(m.approximate))


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


def _regulator_step(ctx: IncidentContext, regulator: Milestone | None) -> str | None:
    """What the regulator's first formal step was, by its row's milestone: "report ordered"."""
    events = ctx.data.events
    rows = events.loc[events["event_id"] == (regulator.event_id if regulator else None), "milestone"]
    if rows.empty or not isinstance(rows.iloc[0], str):
        return None
    return ctx.milestone_names[rows.iloc[0]].lower()


def _order(ctx: IncidentContext, order: Milestone | None, when_: str | None) -> str | None:
    """The business improvement order: "A business improvement order followed 3 days after the
    theft", or by the name its row gives it ("A third business improvement order of 2018 ...")."""
    if when_ is None:
        return None
    named = ctx.own_step(order.event_id)
    if named is None:
        return l10n.t("find_order", ctx.lang, order=when_)
    return l10n.t("find_order_named", ctx.lang, order=when_, step=l10n.sentence_start(named))


def _decided(
    ctx: IncidentContext, step: Milestone | None, decided: str | None, gap_in_headline: bool, why: str
) -> str | None:
    """When the remedy was decided (`step`, said as `decided`), by the name its row gives the step
    where the milestone's would be vague (Mt. Gox's: a court's approval of a plan, not the exchange's
    decision); that no page dates its delivery, unless the headline says so already; and what the
    pages do say of the delivery (`why`)."""
    if step is None or decided is None:
        return None
    named = ctx.own_step(step.event_id)
    key = "find_decided" if gap_in_headline else "find_decided_only"
    if named is None:
        return l10n.t(key, ctx.lang, when=decided, why=why)
    return l10n.t(f"{key}_named", ctx.lang, when=decided, why=why, step=l10n.sentence_start(named))


def _on_disclosure_day(
    ctx: IncidentContext, step: Milestone | None, disclosure: Milestone | None, drain: bool
) -> str | None:
    """The remedy's decision "on 20 September 2018, the day the theft was disclosed", where both fell
    on one Japan date, neither dated roughly nor in another zone: the count from the theft, said with
    the disclosure in the paragraph before, would only be said again (Zaif's "6 days", in its headline
    and key numbers too). None otherwise."""
    if step is None or disclosure is None or step.zone or disclosure.zone:
        return None
    if step.approximate or disclosure.approximate:
        return None
    if step.day is None or step.day != disclosure.day:
        return None
    return l10n.t(
        "on_disclosure_day_drain" if drain else "on_disclosure_day", ctx.lang, day=l10n.day(step.day, ctx.lang)
    )


def _remedy_what(ctx: IncidentContext) -> str | None:
    """What the remedy gives customers and to what extent, from its remedies.csv row, a sentence of its
    own where page 1 has no payment to tell: "Remedy (partial or under way): repayments ... Funding: ...".
    Its own sentence, not the decision's: the terms may have been set after the decision (Zaif's MONA
    split came with the transfer, two months on)."""
    rows = ctx.data.remedies[ctx.data.remedies["incident_id"] == ctx.incident_id]
    if rows.empty or not isinstance(detail := rows[l10n.column("detail", ctx.lang)].iloc[0], str) or not detail:
        return None
    extent = rows["extent"].iloc[0]
    funded = rows[l10n.column("funded_by", ctx.lang)].iloc[0]
    if extent in ("full", "partial") and isinstance(funded, str) and funded:
        # "in full" beside "36.067%" read as a share: the extent said in words, with what paid for it
        return l10n.t(f"remedy_what_{extent}", ctx.lang, detail=detail.rstrip(".。"), funded=funded.rstrip(".。"))
    return l10n.t("remedy_what", ctx.lang, detail=detail.rstrip(".。"), extent=l10n.label("extent", extent, ctx.lang))


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


def _missing_time(theft: Milestone, detection: Milestone, lang: str) -> str:
    """Which time of day no source gives, when hours cannot be counted: the theft's, the detection's
    or both (Binance, BITPoint and Liquid date their detection to the minute; their thefts to a day)."""
    key = {(True, False): "missing_theft_time", (False, True): "missing_detection_time"}.get(
        (theft.timestamp is None, detection.timestamp is None), "missing_both_times"
    )
    return l10n.t(key, lang)


# A step's status with a sentence of its own (its catalogue key), said in the step's place among the
# response's sentences instead of "Did not happen: ..." (`incident` places each: an entry it does not
# place would be told nowhere). A halt that never came is said as its note's reason, what stayed open
# (Bybit's withdrawals), and that no page found reports a halt of anything else: no wider than its page.
_OWN_SENTENCE = {("never", "suspension"): "find_never_suspension"}


def _has_own_sentence(step: Milestone | None) -> bool:
    return step is not None and (step.status, step.name) in _OWN_SENTENCE


def _own_sentence(ctx: IncidentContext, step: Milestone | None) -> str | None:
    """A step's own sentence (`_OWN_SENTENCE`): its note's reason (after its label), then what no page
    found; None where its status has none."""
    if not _has_own_sentence(step):
        return None
    key = _OWN_SENTENCE[(step.status, step.name)]
    why = _reason(ctx, step).rstrip(".。")
    return l10n.t(key if why else f"{key}_plain", ctx.lang, why=why)


def _first_hours(ctx: IncidentContext, steps: tuple, sentences: list[str | None]) -> list[str]:
    """The sentences of the first hours' steps (`steps`: detection, halt, disclosure), each step the
    pages do not date said in its own place (Bitfinex's detection before its halt), not with the
    regulator's, where the paragraph after it would read as not found; undated steps side by side
    are said together ("Not found in the sources: first suspension, theft disclosed.")."""
    out: list[str] = []
    run: list[Milestone] = []
    for step, sentence in zip(steps, sentences):
        if _unsaid(step):
            run.append(step)
        else:
            out += _unknown(ctx, run)
            run = []
        if sentence:
            out.append(sentence)
    return out + _unknown(ctx, run)


def _unsaid(step: Milestone | None) -> bool:
    """A step the sources do not date, that did not happen or does not apply, with no sentence of its
    own (`_own_sentence`): `_unknown` says it."""
    return step is not None and not step.known and step.status in vocab.UNDATED and not _has_own_sentence(step)


def _unknown(ctx: IncidentContext, steps) -> list[str]:
    """The first steps the sources do not date, did not happen or do not apply, said in a sentence
    each (a gap said, not hidden): "Not found in the sources: first regulator action.", each step named
    with its reason where several share a status; a step with a sentence of its own (`_own_sentence`)
    is not among them."""
    names = ctx.milestone_names
    by_status: dict[str, list[str]] = {}
    reasons: dict[str, list[tuple[str, Milestone]]] = {}
    for step in steps:
        if _unsaid(step):
            by_status.setdefault(step.status, []).append(names[step.name].lower())
            # why it was not found, did not happen or does not apply: its row's note says
            reasons.setdefault(step.status, []).append((names[step.name], step))
    keys = {"gap": "find_undated", "never": "find_never", "not_applicable": "find_not_applicable"}
    joiner = l10n.t("sentence_joiner", ctx.lang)
    out = []
    for s in vocab.UNDATED:
        if s not in by_status:
            continue
        # With more than one step, each reason names its own: which one "the pages say only ..." is
        # about; after that label's colon it goes on in lower case, as the note has it.
        several = len(by_status[s]) > 1
        told = [(name, _reason(ctx, step, start=not several)) for name, step in reasons.get(s, [])]
        whys = [l10n.labelled(name, why, ctx.lang) if several else why for name, why in told if why]
        said = l10n.t(keys[s], ctx.lang, steps=l10n.join(by_status[s], ctx.lang))
        out.append(joiner.join([said, *whys]))
    return out


def _note(ctx: IncidentContext, step: Milestone | None) -> str:
    """The note of a milestone's row in the report's language; empty when it has none."""
    rows = ctx.data.events[ctx.data.events["event_id"] == (step.event_id if step else None)]
    note = rows[l10n.column("note", ctx.lang)].iloc[0] if len(rows) else None
    return note if isinstance(note, str) else ""


def _reason(ctx: IncidentContext, step: Milestone, start: bool = True) -> str:
    """Why a step did not happen or does not apply, as its row's note gives it after its label ("Not
    applicable: in 2014 no regulator supervised ..." / 「該当しない。2014年当時、...」): its first
    sentence (the annex gives the whole note)."""
    note = _note(ctx, step)
    return _first_sentence(l10n.after_label(note, ctx.lang, start)) if note else ""


def _gap_note(ctx: IncidentContext, gap: Milestone | None) -> str:
    """What the pages do say of a milestone they do not date: its row's note's first sentence, a
    sentence of its own after the one that says so; nothing when the row has no note."""
    note = _note(ctx, gap)
    note = _first_sentence(l10n.after_label(note, ctx.lang)) if note else ""
    return l10n.t("gap_why", ctx.lang, note=note.rstrip(".。")) if note else ""


# A full stop inside a name or an abbreviation ends no sentence ("Mt. Gox", "Art. 63-16", "9 a.m.").
_ABBREVIATIONS = (
    "Mt", "St", "No", "Co", "Ltd", "Inc", "Jr", "Sr", "vs", "etc", "Art", "approx", "e.g", "i.e", "a.m", "p.m",
    "p", "pp", "U.S", "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec",
)  # fmt: skip
_NOT_AN_END = re.compile(r"\b(?:" + "|".join(re.escape(a) for a in _ABBREVIATIONS) + r")\.$")
_OPENING, _CLOSING = "(（「『[", ")）」』]"


def _first_sentence(note: str) -> str:
    """A note's first sentence: page 1 is the reader's edition; the rest of a note is in the annex. A
    sentence never ends inside brackets or quotation marks, nor at an abbreviation's full stop."""
    depth = 0
    for i, ch in enumerate(note):
        depth += (ch in _OPENING) - (ch in _CLOSING)
        if depth > 0:
            continue
        if ch == "。" or (
            ch == "." and re.match(r"\s+[A-Z(「\d]", note[i + 1 :]) and not _NOT_AN_END.search(note[: i + 1])
        ):
            return note[: i + 1]
    return note


def _customers_clause(ctx: IncidentContext, told: dict, since: str) -> tuple[str, str] | None:
    """What became of customers, as a headline's clause (its catalogue key, its text): nothing lost
    by the exchange's own account, or a remedy decided (page 1 tells its count: among `told_counts`)
    whose first delivery no page dates (not one the sources say never came, nor one not applicable);
    None otherwise, and for a remedy partial or under way (Mt. Gox's creditors were paid in part
    by dates the pages give only as "by": a clause would say too much or too little; its paragraph
    tells it)."""
    m = ctx.found
    extent = story.extent_of(ctx, ctx.incident_id)
    if extent == "not_needed":
        return "headline_no_loss", l10n.t("headline_no_loss", ctx.lang)
    if extent == "partial" or "remedy_decided" not in told:
        return None
    if getattr(m.get("remedy_delivered"), "status", "gap") != "gap":
        return None
    decided = when(m.get("leak"), m.get("remedy_decided"), ctx.lang, since, dated=False)
    return None if decided is None else ("headline_decided", l10n.t("headline_decided", ctx.lang, decided=decided))


def told_counts(ctx: IncidentContext) -> dict[str, tuple[Milestone | None, Milestone | None]]:
    """The counts page 1's text may tell, by the milestone each ends at (its start, its end): each
    from the theft, the halt from the detection where that is dated; the remedy's delivery where it
    is dated, else its decision where a remedy was due. A count is told only where both its ends are
    dated to a day (`_gap`); the pairs are returned either way."""
    m = ctx.found
    theft, detection = m.get("leak"), m.get("detection")
    regulator = earliest_of(m, "regulator_action", ctx.data.measures.get("regulator_action", ()))
    halt_from = detection if _gap(detection, m.get("suspension")) is not None else theft
    told = {step: (theft, m.get(step)) for step in ("detection", "disclosure", "order")}
    told |= {"suspension": (halt_from, m.get("suspension")), "regulator_action": (theft, regulator)}
    delivered_dated = _gap(theft, m.get("remedy_delivered")) is not None
    if delivered_dated or story.extent_of(ctx, ctx.incident_id) != "not_needed":
        remedy = "remedy_delivered" if delivered_dated else "remedy_decided"
        told[remedy] = (theft, m.get(remedy))
    return told


def told_from_theft(ctx: IncidentContext) -> set[str]:
    """The steps whose count from the theft page 1's text tells by the step's own name: a chart of
    time since the theft titles itself with no other (not BITPoint's halt, told from its detection;
    not Mt. Gox's detection, dated only to a month, which the text tells as that month and its span of
    days, not by the step's name; nor its halt, which
    the text names for what it halted: "first suspension" would be untrue of it)."""
    theft = ctx.found.get("leak")
    return {
        step
        for step, (start, end) in told_counts(ctx).items()
        if start is theft and _gap(start, end) is not None and ctx.own_step(end.event_id) is None
    }


def incident(ctx: IncidentContext) -> Findings:
    lang, m = ctx.lang, ctx.found
    theft, detection = m.get("leak"), m.get("detection")
    told = told_counts(ctx)
    regulator = told["regulator_action"][1]
    inc = ctx.data.incidents.set_index("incident_id").loc[ctx.incident_id]
    drain = inc["kind"] == "drain"  # told as a drain over years, not timed as a one-day hack

    def tell(key: str) -> str:
        return l10n.drained(key, drain)

    # A remedy in tokens (IOUs for the loss) is told as such, never as the coins given back.
    delivery = (lambda key: f"{key}_tokens") if ctx.remedy_in_tokens else (lambda key: key)
    to_detection = _gap(theft, detection)
    # Only the exchange can say when it noticed: said as its account where the row is its own.
    own = detection is not None and _exchange_says(ctx, detection)
    # Unnoticed for a while: a finding to lead with only when it is at least an hour.
    long_enough = (
        to_detection is not None
        and to_detection.days_range is None
        and (to_detection.hours >= 1 if to_detection.hours is not None else to_detection.calendar_days >= 2)
    )
    unnoticed = elapsed(theft, detection, lang) if long_enough else None
    delivered_dated = "remedy_delivered" in told
    # Counts of days all made in one other zone's dates: the paragraphs say so once, not after each.
    one_zone = days_zone(*told.values())
    halt_from = told["suspension"][0]

    def said(a: Milestone | None, b: Milestone | None, since: str) -> str | None:
        return when(a, b, lang, since, zoned=one_zone is None)

    f = ctx.compensation
    paid = None
    if f is not None:
        paid = payment.share(f, lang)
    slack = None
    if "report" in m and "report_deadline" in m and m["report"].day and m["report_deadline"].day:
        slack = (m["report_deadline"].day - m["report"].day).days

    if _same_day(to_detection) and not to_detection.zone:
        if detection.timestamp is None:
            noticed = l10n.t("find_noticed_same_day", lang, missing=_missing_time(theft, detection, lang))
        else:
            # the time the halt is counted from, with what its row says was detected (BITPoint's XRP
            # send error, not the theft itself)
            what = _inside(ctx, getattr(_row(ctx, detection), l10n.column("title", lang)))
            noticed = l10n.t("find_noticed_same_day_at", lang, step=ctx.milestone_names["detection"],
                             at=_clock(detection, lang), what=what)  # fmt: skip
    elif _same_day(to_detection) or _next_day(to_detection):
        # a day without both times: the day said (in its zone's dates), never "for next day"
        noticed = l10n.t("find_noticed_day", lang, when=said(theft, detection, "after_start"),
                         missing=_missing_time(theft, detection, lang))  # fmt: skip
    elif (later := _later_period(ctx, theft, detection)) is not None:
        # dated only to a month after the theft's (Mt. Gox: February 2014): the month and its span of days
        noticed = l10n.t(tell("find_noticed_period_own" if own else "find_noticed_period"), lang,
                         when=l10n.period(detection.period, lang), value=later)  # fmt: skip
    elif _at_once(to_detection):
        noticed = l10n.t("find_noticed_at_once" if own else "find_noticed_at_once_plain", lang)
    elif _about_once(to_detection):
        at = l10n.t("japan_time_at", lang, at=l10n.clock(theft.timestamp, lang, approximate=True))
        noticed = l10n.t("find_noticed_about_once", lang, at=at)
    else:
        other = _other_count(ctx, theft, detection, short=True)
        # Only the exchange can say when it noticed: its own account, said so (its day when the
        # sources give no time).
        key = (
            (
                "find_unnoticed_own"
                if detection.timestamp is not None and theft.timestamp is not None
                else "find_unnoticed_own_day"
            )
            if own
            else "find_unnoticed"
        )
        start = _clock(theft, lang) if theft.timestamp is not None else ""
        # "... noticed something wrong 3 UTC days after the theft": the sentence goes on after the count
        duration = elapsed(theft, detection, lang, zoned=one_zone is None, apart=key == "find_unnoticed_own_day")
        noticed = _sentence(key, lang, duration=duration, other=other or "", start=start)
    # What the row says was halted, where "first halted a service" would be untrue (Mt. Gox had
    # halted services for other reasons before its loss came to light).
    halted_what = None if m.get("suspension") is None else ctx.own_step(m["suspension"].event_id)
    disclosed = when(theft, m.get("disclosure"), lang, "after_start", dated=False)
    delivered = when(theft, m.get("remedy_delivered"), lang, "after_theft", dated=False)
    # Whether the headline says what customers got (a payment, a delivery): else a clause says it.
    says_customers = False
    if drain and disclosed:
        headline = l10n.t("headline_drain", lang, name=ctx.name, disclosed=disclosed)
    elif unnoticed:
        # The exchange's account is of when it noticed (its time, where it gives one), not of the
        # theft's start: the headline pins the account to that time, not to the count.
        timed = detection.timestamp is not None and theft.timestamp is not None
        # a headline stands alone: its time says its zone
        at = l10n.t("japan_time_at", lang, at=_clock(detection, lang)) if timed else None
        key = ("headline_unnoticed_at" if timed else "headline_unnoticed") if own else "headline_unnoticed_plain"
        if f is not None:
            share = payment.share(f, lang)
            says_customers = True
            headline = l10n.t(f"{key}_paid", lang, name=ctx.name, unnoticed=unnoticed, at=at, ratio=share,
                              asset=f.asset, price=l10n.number(f.price_per_unit_jpy, lang, 3))  # fmt: skip
        else:
            headline = l10n.t(key, lang, name=ctx.name, unnoticed=unnoticed, at=at)
    elif disclosed and delivered:
        says_customers = True
        # Both counts in one other zone's dates: the headline says the zone once, not after each.
        shared = days_zone((theft, m.get("disclosure")), (theft, m.get("remedy_delivered")))
        if shared:
            disclosed = when(theft, m.get("disclosure"), lang, "after_start", zoned=False, dated=False)
            delivered = when(theft, m.get("remedy_delivered"), lang, "after_theft", zoned=False, dated=False)
        headline = l10n.t(delivery("headline_disclosed_delivered"), lang, name=ctx.name, disclosed=disclosed,
                          delivered=delivered)  # fmt: skip
        if shared:
            headline = l10n.t("headline_in_zone", lang, headline=headline, zone=l10n.label("zone", shared, lang))
    elif disclosed:
        headline = l10n.t("headline_disclosed", lang, name=ctx.name, disclosed=disclosed)
    else:
        headline = l10n.t("headline_plain", lang, name=ctx.name)
    customers = None if says_customers else _customers_clause(ctx, told, "after_drain" if drain else "after_theft")
    # a remedy decided whose delivery no page dates, said by the headline: page 1 does not say it twice
    gap_in_headline = customers is not None and customers[0] == "headline_decided"
    if customers:
        headline = l10n.t("headline_then", lang, headline=headline, customers=customers[1])

    def said_on(b: Milestone | None, since: str) -> str | None:
        # a remedy's step with its day: the headline and the key numbers give the count alone
        return when(theft, b, lang, since, zoned=one_zone is None, dated_from=0)

    delivered_on = said_on(m.get("remedy_delivered"), "after_theft")
    paid_on = None if f is None else delivered_on
    sentences = [
        _sentence(
            tell("find_stolen"),
            lang,
            day=_theft_day(ctx, theft),
            stolen=inc[f"stolen_{lang}"],
            exchange=inc[f"exchange_{lang}"],
            **({"earlier": _earlier_theft(ctx, theft)} if drain else {}),
        ),
        noticed,
        _sentence(
            "find_halted" if halted_what is None else "find_halted_named",
            lang,
            # from the detection; from the theft when the detection is not dated to a day
            halted=said(
                *told["suspension"],
                "after_noticing" if halt_from is detection else "after_drain" if drain else "after_theft",
            ),
            # another day for the halt, or other times for the detection it is counted from
            other=_earlier_account(ctx, m.get("suspension"))
            + (_other_count(ctx, detection, m.get("suspension")) or ""),
            **({} if halted_what is None else {"step": halted_what}),
        )  # fmt: skip
        # a halt that never came, said in the halt's place
        or _own_sentence(ctx, m.get("suspension")),
        _sentence(
            tell("find_disclosed"),
            lang,
            # a drain's disclosure is of "the loss": "after it began" would say the loss began
            disclosed=said(theft, m.get("disclosure"), "after_drain" if drain else "after_start"),
            **({"earlier": _from_earlier_theft(ctx, theft, m.get("disclosure"))} if drain else {}),
        ),
        # named for what it was: a report ordered, an inspection, an order
        _sentence(
            "find_first_step",
            lang,
            first=said(theft, regulator, "after_theft"),
            step=_regulator_step(ctx, regulator),
        ),
        _order(ctx, m.get("order"), said(theft, m.get("order"), "after_theft")),
        _sentence("find_report", lang, deadline=l10n.day(m["report_deadline"].day, lang)) if slack == 0 else None,
        *_unknown(ctx, (regulator,)),
    ]
    paid_said = _sentence(
        "find_paid" if paid_on is None else "find_paid_dated",
        lang,
        # begins the English sentence ("On 12 March 2018, 45 days after the theft, XEM holders ...")
        **({} if paid_on is None else {"when": l10n.sentence_start(paid_on)}),
        ratio=paid,
        price=None if f is None else l10n.number(f.price_per_unit_jpy, lang, 3),
        implied=None if f is None else payment.implied(f, lang),
        asset=None if f is None else f.asset,
        market=None if f is None else f.facts["reference_market"].value,
        # to the 100 million yen the reported total is printed to (463億円, cc-compensation-paid)
        total=None if f is None else l10n.big_money(f.total_paid_jpy.quantize(Decimal("1E8")), lang),
        funded=None if f is None else l10n.label("funding_source", f.facts["funding_source"].value, lang),
        exchange=inc[f"exchange_{lang}"],
        method=None if f is None else l10n.label("price_method", f.facts["price_method"].value, lang),
    )
    # the payment's sentence says when it was made
    delivered_said = None if f is not None else _sentence(delivery("find_delivered"), lang, when=delivered_on)
    # Without a dated delivery, page 1 still says when the remedy was decided, that the delivery is not
    # dated (unless the headline has just said so) and what the pages do say of it (the gap row's
    # note): a gap said, not hidden.
    decided_said = (
        None
        if "remedy_decided" not in told  # delivered, or nothing was due: no gap to say
        else _decided(
            ctx,
            m.get("remedy_decided"),
            _on_disclosure_day(ctx, m.get("remedy_decided"), m.get("disclosure"), drain)
            or said_on(m.get("remedy_decided"), "after_drain" if drain else "after_theft"),
            gap_in_headline,
            _gap_note(ctx, m.get("remedy_delivered")),
        )
    )
    remedy = [paid_said, delivered_said, decided_said]
    # What the remedy gives, and whether in full or in part: where its delivery is undated, or dated
    # with no payment to tell (Bitfinex's tokens: what they were worth).
    if decided_said is not None or (f is None and delivered_dated):
        remedy.append(_remedy_what(ctx))
    # the first and last days of the remedy's steps its sentences tell: what followed before them is
    # told before the remedy
    told_of = (("remedy_delivered", paid_said or delivered_said), ("remedy_decided", decided_said))
    steps = [m[k] for k, s in told_of if s and k in m and m[k].earliest]
    remedy_days = (min(s.earliest for s in steps), max(s.latest for s in steps)) if steps else None
    followed_before, followed_after = story.aftermath(ctx, remedy_days)
    joiner = l10n.t("sentence_joiner", lang)
    # What, how much, who was hurt, why and who did it lead; how fast the exchange and the
    # regulator moved and what customers got come next; what followed closes.
    told_first = [s for s in sentences[1:4] if s]
    speed = _first_hours(ctx, (detection, m.get("suspension"), m.get("disclosure")), sentences[1:4])
    later = [s for s in [*sentences[4:], *followed_before, *remedy, *followed_after] if s]
    if one_zone:
        # where the theft itself is dated in that zone, that is the reason the counts use it, and is said
        key = "find_days_in_zone_theft" if theft is not None and theft.zone == one_zone else "find_days_in_zone"
        # said before the first paragraph that tells a step, not before one of gaps alone
        (speed if told_first else later).insert(0, l10n.t(key, lang, zone=l10n.label("zone", one_zone, lang)))
    paragraphs = [
        joiner.join(s for s in [sentences[0], *story.lead(ctx)] if s),
        joiner.join(speed),
        joiner.join(later),
    ]

    counts = [
        ("num_unnoticed", unnoticed),
        (tell("num_disclosed"), elapsed(theft, m.get("disclosure"), lang)),
        ("num_order", elapsed(theft, m.get("order"), lang)),
        ("num_paid", paid),
        (delivery("num_delivered"), elapsed(theft, m.get("remedy_delivered"), lang)),
    ]
    numbers = [KeyNumber(value, l10n.t(key, lang)) for key, value in counts if value]

    return Findings(headline, [p for p in paragraphs if p], numbers)


# The same-day detection count's label, by (a theft counted in another zone's dates left out, a
# detection dated only to a span after the theft's day counted).
_SAME_DAY_LABELS = {
    (False, False): "num_fastest_detection",
    (True, False): "num_fastest_detection_zoned",
    (False, True): "num_fastest_detection_spans",
    (True, True): "num_fastest_detection_zoned_spans",
}


def _same_day_detections(table: pd.DataFrame, lang: str) -> KeyNumber | None:
    """How many thefts were noticed the day they began, of those whose detection is dated in Japan
    time; None where none is. A detection dated only to a span that starts after the theft's day
    (Mt. Gox: a month, 874-901 days) was not the same day, and counts, so that leaving it out does
    not flatter the share; a span that could hold the theft's own day decides nothing."""
    detections = table[table["milestone"] == "detection"]
    later_span = (detections["state"] == "range") & (detections["days_min"] > 0)
    dated = detections[(detections["state"] == "known") | later_span.fillna(False).astype(bool)]
    detected = dated[dated["zone"].isna()]
    if detected.empty:
        return None
    ranged = detected[detected["state"] == "range"]
    spans = len(ranged)
    # "of 6 dated to the day" would be false if one dated in another zone's days were left out
    key = _SAME_DAY_LABELS[(len(detected) < len(dated), spans > 0)]
    label = l10n.t(key, lang, n=len(detected), k=spans, unit=l10n.period_unit(ranged["period"], lang))
    return KeyNumber(f"{int((detected['days'] == 0).sum())} / {len(detected)}", label)


def _dated(table: pd.DataFrame, milestone: str) -> pd.DataFrame:
    """The incidents whose sources date the milestone, exactly or to a range of days."""
    return table[(table["milestone"] == milestone) & table["state"].isin(["known", "range"])]


def comparison(ctx: ComparisonContext, focus: str | None = None) -> Findings:
    lang, table = ctx.lang, ctx.table
    names = ctx.milestone_names
    focus = focus or ctx.focus
    # The focus incident's own times, as the chart shows them: ranks would claim an order that
    # same-day dates and ranges of days cannot support.
    own = table[(table["incident_id"] == focus) & table["state"].isin(["known", "range"])]
    found = milestones(ctx.data.events, focus)
    # where a source puts a step earlier, or gives another time for the theft the detection is
    # counted from (a conflict), it is said beside the step, as on page 1
    other_thefts = _other_count(ctx, found.get("leak"), found.get("detection"), short=True) or ""
    steps = [
        l10n.t(
            "step_value_day" if pd.notna(r["days"]) and r["days"] in (0, 1) and pd.isna(r["hours"]) else "step_value",
            lang,
            step=names[r["milestone"]].lower(),
            value=l10n.since(r, lang)
            + _earlier_account(ctx, found.get(r["milestone"]))
            + (other_thefts if r["milestone"] == "detection" else ""),
        )
        for _, r in own.iterrows()
    ]
    extents = story.remedy_extents(ctx)
    delivered = _dated(table, "remedy_delivered")
    # A remedy is due only where customers are known to have lost assets (extent not_found counts:
    # a loss with no remedy found); "not applicable" is not "not found", and where no page says what
    # all customers lost (no remedies row, remedy not "not applicable") it is not counted either way.
    needing = [i for i in ctx.incidents if extents[i] not in ("not_needed", None)]
    delivered = delivered[delivered["incident_id"].isin(needing)]
    disclosed = _dated(table, "disclosure")
    # By the next calendar day (Japan dates) at the latest: a range, or a count in another zone's
    # dates, counts only when its last possible Japan day does.
    next_day = int((disclosed["days_most_japan"] <= 1).sum())
    largest, smallest = ctx.incidents[0], ctx.incidents[-1]  # prepare_comparison ranks them
    paragraphs = [
        l10n.t(
            "find_sizes",
            lang,
            largest=ctx.names[largest],
            largest_value=citing.value_text(ctx.data, largest, lang),
            name=ctx.names[focus],
            rank=l10n.ordinal("rank", ctx.incidents.index(focus) + 1, lang),
            n=len(ctx.incidents),
            value=citing.value_text(ctx.data, focus, lang),
            smallest=ctx.names[smallest],
            smallest_value=citing.value_text(ctx.data, smallest, lang),
            drains=_drain_note(ctx),
        ),
        l10n.t(
            "find_compared",
            lang,
            n=len(ctx.incidents),
            name=ctx.names.get(focus, focus),
            steps=l10n.t("steps_joiner", lang).join(steps),
        ),
        # The share of remedies with a dated delivery is the headline's and a key number's, not repeated.
        l10n.t("find_remedies", lang, extents=_extents_text(ctx, extents)),
    ]
    # Counted in Japan dates only: a day counted in another zone's dates (a UTC-dated theft) is not
    # the same measure, so it is left out of this count (its report says it in its own zone).
    numbers = [KeyNumber(str(len(ctx.incidents)), l10n.t("num_thefts", lang))]
    if (same_day := _same_day_detections(table, lang)) is not None:
        numbers.append(same_day)
    numbers.insert(1, KeyNumber(f"{next_day} / {len(ctx.incidents)}", l10n.t("num_disclosed_next_day", lang)))
    # a remedy in tokens (IOUs for the loss) reached customers, but not as what they lost: said so
    tokens = sum(ctx.in_tokens(i) for i in delivered["incident_id"])
    delivered_label = l10n.t("num_delivered_known", lang)
    if tokens:
        delivered_label = l10n.paren(delivered_label, l10n.t("num_tokens", lang, k=tokens), lang)
    numbers.append(KeyNumber(f"{len(delivered)} / {len(needing)}", delivered_label))
    # "only" is true only of some: none, all and no loss at all each have their own words.
    if not needing:
        headline_key = "headline_comparison_no_loss"
    elif not len(delivered):
        headline_key = "headline_comparison_none"
    elif len(delivered) == len(needing):
        headline_key = "headline_comparison_all"
    else:
        headline_key = "headline_comparison"
    headline = l10n.t(
        headline_key,
        lang,
        n=len(ctx.incidents),
        disclosed=next_day,
        needing=len(needing),
        delivered=len(delivered),
    )
    return Findings(headline, paragraphs, numbers)


def _drain_note(ctx: ComparisonContext) -> str:
    """A drain over years is valued when its loss came to light, not at a theft's time: said so."""
    drains = [ctx.names[i] for i in ctx.drains]
    return l10n.t("sizes_drain_note", ctx.lang, names=l10n.join(drains, ctx.lang)) if drains else ""


def _extents_text(ctx: ComparisonContext, extents: dict[str, str | None]) -> str:
    """'A remedy for every unit customers lost was decided in 4 thefts (cash in yen: Coincheck 2018;
    ...); The remedy was partial or under way in 1 theft (Mt. Gox 2014). ...': each extent once,
    each incident under its extent and form."""
    lang = ctx.lang
    parts = []
    for extent in (*vocab.REMEDY_EXTENTS, None):
        ids = [i for i in ctx.incidents if extents[i] == extent]
        if not ids:
            continue
        count = l10n.plural("thefts", len(ids), lang)
        names = l10n.join((ctx.names[i] for i in ids), lang)
        if extent == "full":
            by_form = {}
            for i in ids:
                by_form.setdefault(ctx.remedy_method(i), []).append(ctx.names[i])
            groups = l10n.t("method_joiner", lang).join(
                l10n.t("find_method", lang, method=l10n.label("method", f, lang), incidents=l10n.join(n, lang))
                for f, n in by_form.items()
            )
            parts.append(l10n.t("find_extent_full", lang, count=count, groups=groups))
        else:
            parts.append(l10n.t(f"find_extent_{extent or 'unknown'}", lang, count=count, incidents=names))
    return l10n.t("extent_joiner", lang).join(parts)


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
