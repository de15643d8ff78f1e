"""Page 1's story of an incident: what was stolen and its worth, who was hurt, why it could happen,
what the regulator had done to the exchange before, who did it and what became of them, and what
followed (a takeover named by who took it over).

Every sentence comes from a row: the incident's row (what was stolen), its story rows
(data/story.csv: value, victims, cause, history, attribution, acquirer, each with its source) and its
dated events whose milestones tell enforcement and aftermath (vocab.ENFORCEMENT, vocab.AFTERMATH). An aspect
without a row is left out, never filled by a template that fits another incident.
"""

from __future__ import annotations

from datetime import date

import pandas as pd

from analysis import l10n, vocab
from analysis.measures.durations import milestones
from analysis.report import conflicts, days
from analysis.report.context import Context, IncidentContext


def _aspect(ctx: IncidentContext, aspect: str) -> str | None:
    rows = ctx.data.story[(ctx.data.story["incident_id"] == ctx.incident_id) & (ctx.data.story["aspect"] == aspect)]
    return None if rows.empty else rows[f"text_{ctx.lang}"].iloc[0]


def _day(row, lang: str, with_japan: bool = True) -> str:
    """An event's day written to stand in brackets ("24 February 2025, UTC date"; "3 April 2017, UTC
    date; 4 April 2017 in Japan"): days.told."""
    return days.told(row, lang, bracketed=True, with_japan=with_japan)


def _dated(ctx: IncidentContext, names: tuple[str, ...], before: date | None = None, since: date | None = None):
    """The incident's events with these milestones dated to a day or to a period (a month, a quarter),
    in time order (a period by its first day); where given, only those whose last Japan day is
    `before` a day, or only the others (`since` it: on or after it, or a period or another zone's day
    that may be)."""
    ev = ctx.events
    dated = ev[ev["milestone"].isin(names) & ev["effective"] & (ev["date"].notna() | ev["period"].notna())]
    _, last = conflicts.japan_days(dated)
    keep = pd.Series(True, index=dated.index)
    if before is not None:
        keep &= last < pd.Timestamp(before)
    if since is not None:
        keep &= ~(last < pd.Timestamp(since))
    first = dated["date"].dt.start_time.fillna(dated["period"].map(conflicts.period_start))
    return dated.assign(_first=first)[keep].sort_values("_first", kind="stable").drop(columns="_first")


def _acquirer(ctx: IncidentContext):
    """The incident's story row `acquirer` (who took the exchange over, and how), or None."""
    story = ctx.data.story
    rows = story[(story["incident_id"] == ctx.incident_id) & (story["aspect"] == "acquirer")]
    return None if rows.empty else rows.iloc[0]


def _names_buyer(ctx: IncidentContext, row) -> bool:
    """Whether a page of this event is one the acquirer's row is read on: the page that names the buyer."""
    acquirer = _acquirer(ctx)
    if acquirer is None:
        return False
    c = ctx.data.citations
    urls = set(c.loc[(c["table"] == "story") & (c["record_id"] == acquirer["fact_id"]), "url"])
    return any(p.url in urls for p in (row.pages or ()))


def _step_name(ctx: IncidentContext, row, buyer: bool = True) -> str:
    """A step as page 1 names it: by the name its row gives it; else by its milestone, a takeover or
    transfer by who took the exchange over and how (its story row `acquirer`): "purchase by Monex
    Group completed"; without the buyer where `buyer` is False (the step's own account does not name
    it)."""
    if (own := ctx.own_step(row.event_id)) is not None:
        return own
    acquirer = _acquirer(ctx)
    if row.milestone.startswith("acquisition_") and acquirer is not None:
        key = f"{acquirer['term']}_{row.milestone}" + ("" if buyer else "_unnamed")
        return l10n.t(key, ctx.lang, who=acquirer[l10n.column("text", ctx.lang)])
    return ctx.milestone_names[row.milestone].lower()


def _steps(ctx: IncidentContext, names: tuple[str, ...], dated: pd.DataFrame | None = None) -> str | None:
    """'second improvement order (8 March 2018), all services resumed (April–June 2019)': the incident's dated
    events with these milestones (or those `dated` already picked by _dated), named by their
    milestone, in time order; None when it has none."""
    dated = _dated(ctx, names) if dated is None else dated
    if dated.empty:
        return None
    told = []
    for r in dated.itertuples():
        others = _other_days(ctx, r)
        # Where the accounts disagree and the step's own does not name the buyer, the buyer is said
        # beside the account that does, never joined to a day its page does not give.
        buyer = (
            not others
            or _term(ctx) != "purchase"
            or _names_buyer(ctx, r)
            or not any(_names_buyer(ctx, o) for o in others)  # no account names it: kept with the step
        )
        step = l10n.t("story_step", ctx.lang, step=_step_name(ctx, r, buyer))
        told.append(l10n.paren(step, _day_told(ctx, r, others, buyer), ctx.lang))
    return l10n.t("story_steps_joiner", ctx.lang).join(told)


def _other_days(ctx: IncidentContext, row) -> list:
    """The other rows of the step's conflict (events.csv, weak pages aside) that give another day (or
    month), earliest first, one per day."""
    # Days are compared as the data holds them (a Japan date and its zone, or a period), not as
    # written: the step's own day may be told in two zones and still be the other account's day.
    seen, others = {_when_held(row)}, []
    for other in conflicts.others(ctx.data.events, row.event_id).itertuples():
        if _when_held(other) not in seen and (not pd.isna(other.date) or not pd.isna(other.period)):
            others.append(other)
            seen.add(_when_held(other))
    return others


def _day_told(ctx: IncidentContext, row, others: list, buyer: bool = True) -> str:
    """A step's day; where other accounts give other days, each day with whose account it is: "31 March
    2023, by the seller's own account; 14 February 2023, by a trade-press page, which names SBI
    Holdings as the buyer" (the buyer said there where `buyer` is False). The step's own day is then
    its Japan day alone: its other zone's day would run into the accounts' semicolons."""
    if not others:
        return _day(row, ctx.lang)
    # Each day says whose account it is: a reader weighs a company's filing and a trade-press page apart.
    told = l10n.t("day_by_account", ctx.lang, day=_day(row, ctx.lang, with_japan=False), whose=_account(ctx, row))
    for other in others:
        whose = _account(ctx, other)
        if not buyer and _names_buyer(ctx, other):
            whose = l10n.t(
                "account_names_buyer", ctx.lang, whose=whose, who=_acquirer(ctx)[l10n.column("text", ctx.lang)]
            )
        told = l10n.t("day_and_other", ctx.lang, day=told, other=_day(other, ctx.lang, with_japan=False), whose=whose)
    return told


def _account(ctx: IncidentContext, row) -> str:
    """Whose account a row's day is (conflicts.account_kind): the exchange's, its parent's or, for a
    parent selling the exchange, the seller's own; another actor's announcement; or the most direct
    kind of page it was read on: "by the seller's own account", "by a trade-press page"."""
    kind = conflicts.account_kind(ctx.data.events, row)
    if kind == "company":
        if str(row.milestone).startswith("acquisition_") and row.actor == "parent_company" and _term(ctx) == "purchase":
            kind = "company_seller"  # a parent's account of selling the exchange: the seller's, whatever it then held
        elif l10n.has_label("account", f"company_{row.actor}", ctx.lang):
            kind = f"company_{row.actor}"
    return l10n.label("account", kind or "unknown", ctx.lang)


def _term(ctx: IncidentContext) -> str | None:
    """How the acquirer took the exchange over (its story row's term), or None without one."""
    acquirer = _acquirer(ctx)
    return None if acquirer is None else acquirer["term"]


def _when_held(row) -> tuple:
    """A row's day as the data holds it: its Japan date (or its zone's date) and zone, or its period."""
    date = None if pd.isna(row.date) else row.date
    zone = row.date_zone if isinstance(row.date_zone, str) else ""
    return date, zone, None if pd.isna(row.period) else str(row.period)


def report_title(ctx: Context, incident: str, name: str) -> str:
    """An incident's report title: its third subject the remedy, or who bore the loss where, by the
    exchange's own account, customers lost nothing (no remedy was due them)."""
    lost_nothing = extent_of(ctx, incident) == "not_needed"
    return l10n.t("report_title_no_remedy" if lost_nothing else "report_title", ctx.lang, name=name)


def extent_of(ctx: Context, incident: str) -> str | None:
    """An incident's remedy extent (vocab.REMEDY_EXTENTS): its remedies.csv row (not_found where
    customers lost assets and no page says what they got back), else not_needed when the sources
    show customers lost nothing (the remedy is not applicable), else None: no page found says even
    what all its customers lost."""
    rows = ctx.data.remedies
    extent = rows.loc[rows["incident_id"] == incident, "extent"]
    if len(extent):
        return extent.iloc[0]
    decided = milestones(ctx.data.events, incident).get("remedy_decided")
    return "not_needed" if decided is not None and decided.status == "not_applicable" else None


def remedy_extents(ctx: Context) -> dict[str, str | None]:
    """Each compared incident's remedy extent (`extent_of`)."""
    return {i: extent_of(ctx, i) for i in ctx.incidents}


def _told(ctx: IncidentContext, fields: dict[str, str | None]) -> list[str]:
    return [l10n.t(key, ctx.lang, text=text) for key, text in fields.items() if isinstance(text, str) and text]


def lead(ctx: IncidentContext) -> list[str]:
    """What the theft was worth, who was hurt, why it could happen, what the regulator had done to the
    exchange before, who did it and what became of them: each sentence only where its row exists."""
    lost_nothing = extent_of(ctx, ctx.incident_id) == "not_needed"
    # Where customers lost nothing, a victims row says by whose accounts (Liquid's two companies),
    # told as that, not as who was hurt.
    victims = "story_victims_no_loss" if lost_nothing else "story_victims"
    # A drain's value is of all the coins reported gone at its end, some of them found later: not
    # called the value stolen (Mt. Gox's US$470 million).
    value = "story_value_drain" if ctx.incident_id in ctx.drains else "story_value"
    told = _told(ctx, {value: _aspect(ctx, "value"), victims: _aspect(ctx, "victims")})
    if _aspect(ctx, "victims") is None and lost_nothing:
        # Nobody to name as hurt, the remedy says so; and who bore the loss, where its row says.
        remedy = ctx.data.remedies[ctx.data.remedies["incident_id"] == ctx.incident_id]
        funded = remedy[l10n.column("funded_by", ctx.lang)].iloc[0] if len(remedy) else ""
        told.append(l10n.t("story_no_victims_funded" if funded else "story_no_victims", ctx.lang, funded=funded))
    told += _told(
        ctx,
        {
            "story_cause": _aspect(ctx, "cause"),
            "story_history": _aspect(ctx, "history"),
            "story_attribution": _aspect(ctx, "attribution"),
        },
    )
    if _aspect(ctx, "attribution") is None:
        told.append(l10n.t("story_no_attribution", ctx.lang))  # a gap stays a gap, and is said
    return told + _told(ctx, {"story_enforcement": _steps(ctx, vocab.ENFORCEMENT)})


def aftermath(ctx: IncidentContext, remedy: tuple[date, date] | None = None) -> tuple[list[str], list[str]]:
    """What followed for the exchange and the market: orders, reserves, reopening, takeover,
    registration, closure, rules. A completed takeover is told without its announcement. Split
    around `remedy`, the first and last days of the remedy's steps page 1 tells, so that page 1 runs
    forward in time: the steps wholly before its first day (Coincheck's second order, of 8 March,
    before its payment of 12 March; Mt. Gox's proceedings of 2014 to 2018 before its plan's approval
    of 2021), told before the remedy ("Then: ...", "After the drain: ..."), and the rest, told after
    it ("Later: ..." where each began after its last day). Without `remedy`, all of it, after the theft."""
    done = ctx.events["milestone"].eq("acquisition_completed") & ctx.events["effective"] & ctx.events["date"].notna()
    names = tuple(m for m in vocab.AFTERMATH if not (m == "acquisition_announced" and done.any()))
    # Where customers lost nothing, the day they could take their coins out again is what the
    # theft cost them; where a remedy was due, its delivery is told instead.
    lost_nothing = extent_of(ctx, ctx.incident_id) == "not_needed"
    if lost_nothing:
        names = (*names, "crypto_withdrawal_resumed")
    # Before the remedy, "Then:" (all of page 1's last paragraph is after the theft; a drain's
    # proceedings came after the drain); after it, "Later:" where every step began after the remedy's
    # last day (a step on one of its days is not said to be later: no page says which came first).
    drain = ctx.incident_id in ctx.drains
    opening = l10n.drained("story_aftermath", drain)
    if remedy is None:
        return [], _with_gap(ctx, _told(ctx, {opening: _steps(ctx, names)}), lost_nothing)
    first, last = remedy
    before = _told(ctx, {opening if drain else "story_then": _steps(ctx, names, _dated(ctx, names, before=first))})
    after_rows = _dated(ctx, names, since=first)
    later = bool((conflicts.japan_days(after_rows)[0] > pd.Timestamp(last)).all())
    key = "story_later" if later else "story_then" if before else opening
    return before, _with_gap(ctx, _told(ctx, {key: _steps(ctx, names, after_rows)}), lost_nothing)


def _with_gap(ctx: IncidentContext, told: list[str], lost_nothing: bool) -> list[str]:
    """What followed, with the day customers could withdraw again said to be unknown where they lost
    nothing and no page found it."""
    resumed = ctx.found.get("crypto_withdrawal_resumed")
    if lost_nothing and resumed is not None and resumed.status == "gap":
        # Balances kept whole are worth little while they cannot be withdrawn (DMM Bitcoin): a day
        # searched for and not found is said, not left for the reader to assume.
        return [*told, l10n.t("story_withdrawal_gap", ctx.lang)]
    return told
