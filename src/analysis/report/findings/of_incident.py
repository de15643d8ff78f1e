"""An incident's findings: the headline, page 1's three paragraphs (what happened; how fast the
exchange moved; the regulator, the remedy and what followed, in time order) and the key numbers."""

from __future__ import annotations

from decimal import Decimal

from analysis import l10n
from analysis.measures.durations import Milestone, earliest_of
from analysis.report import payment, story
from analysis.report.context import IncidentContext
from analysis.report.findings.accounts import (
    _earlier_account,
    _earlier_theft,
    _exchange_says,
    _from_earlier_theft,
    _inside,
    _later_period,
    _other_count,
    _row,
    _theft_day,
)
from analysis.report.findings.gaps import _first_hours, _gap_note, _own_sentence, _unknown
from analysis.report.findings.parts import Findings, KeyNumber, _sentence
from analysis.report.findings.remedy import _customers_clause, _decided, _on_disclosure_day, _remedy_what
from analysis.report.findings.timing import (
    _about_once,
    _at_once,
    _clock,
    _gap,
    _missing_time,
    _next_day,
    _same_day,
    days_zone,
    elapsed,
    when,
)


def _regulator_step(ctx: IncidentContext, regulator: Milestone | None) -> str | None:
    """What the regulator's first formal step was: by the name its row gives it, which says who took
    it ("a report ordered by the FSA"); else by its row's milestone ("report ordered"). Where the
    pages leave which part came first open (a span of days), neither the office nor the step is known
    for sure, and the part's own name is not given."""
    events = ctx.data.events
    rows = events.loc[events["event_id"] == (regulator.event_id if regulator else None), "milestone"]
    if rows.empty or not isinstance(rows.iloc[0], str):
        return None
    own = ctx.own_step(regulator.event_id) if regulator.day is not None or regulator.zone_day is not None else None
    return own or ctx.milestone_names[rows.iloc[0]].lower()


def _order(ctx: IncidentContext, order: Milestone | None, when_: str | None) -> str | None:
    """The business improvement order: "A business improvement order followed 3 days after the
    theft", or by the name its row gives it ("A third business improvement order of 2018 ...")."""
    if when_ is None:
        return None
    named = ctx.own_step(order.event_id)
    if named is None:
        return l10n.t("find_order", ctx.lang, order=when_)
    return l10n.t("find_order_named", ctx.lang, order=when_, step=l10n.sentence_start(named))


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
        if start is theft
        and _gap(start, end) is not None
        # the regulator's step is told as "the regulator first acted" whatever its row names it
        and (step == "regulator_action" or ctx.own_step(end.event_id) is None)
    }


def _delivery(ctx: IncidentContext, key: str) -> str:
    """A delivery's catalogue key: a remedy in tokens (IOUs for the loss) is told as such, never as the
    coins given back."""
    return f"{key}_tokens" if ctx.remedy_in_tokens else key


def _said(a: Milestone | None, b: Milestone | None, lang: str, since: str, one_zone: str | None) -> str | None:
    """When b came, said from a (`when`), the zone left to the paragraph where it says it once."""
    return when(a, b, lang, since, zoned=one_zone is None)


def _noticed(ctx: IncidentContext, own: bool, drain: bool, one_zone: str | None) -> str | None:
    """When the exchange noticed the theft, said from the theft: the same minute, day or next day where
    that is all the pages allow, the month where they give no day, else the count (with the other
    times the sources give for the theft); its own account, said so, where the row is the exchange's."""
    lang, theft, detection = ctx.lang, ctx.found.get("leak"), ctx.found.get("detection")
    to_detection = _gap(theft, detection)

    def said(a: Milestone | None, b: Milestone | None, since: str) -> str | None:
        return _said(a, b, lang, since, one_zone)

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
        noticed = l10n.t(l10n.drained("find_noticed_period_own" if own else "find_noticed_period", drain), lang,
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
    return noticed


def _headline(ctx: IncidentContext, unnoticed: str | None, own: bool, drain: bool) -> tuple[str, bool]:
    """The headline before its clause on customers, and whether it already says what customers got
    (a payment, a delivery): a drain by its disclosure; a theft unnoticed for a while by that time;
    else by its disclosure and delivery."""
    lang, m, f = ctx.lang, ctx.found, ctx.compensation
    theft, detection = m.get("leak"), m.get("detection")
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
        headline = l10n.t(_delivery(ctx, "headline_disclosed_delivered"), lang, name=ctx.name, disclosed=disclosed,
                          delivered=delivered)  # fmt: skip
        if shared:
            headline = l10n.t("headline_in_zone", lang, headline=headline, zone=l10n.label("zone", shared, lang))
    elif disclosed:
        headline = l10n.t("headline_disclosed", lang, name=ctx.name, disclosed=disclosed)
    else:
        headline = l10n.t("headline_plain", lang, name=ctx.name)
    return headline, says_customers


def incident(ctx: IncidentContext) -> Findings:
    lang, m = ctx.lang, ctx.found
    theft, detection = m.get("leak"), m.get("detection")
    told = told_counts(ctx)
    regulator = told["regulator_action"][1]
    inc = ctx.data.incidents.set_index("incident_id").loc[ctx.incident_id]
    drain = inc["kind"] == "drain"  # told as a drain over years, not timed as a one-day hack

    def tell(key: str) -> str:
        return l10n.drained(key, drain)

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
        return _said(a, b, lang, since, one_zone)

    f = ctx.compensation
    paid = None
    if f is not None:
        paid = payment.share(f, lang)
    slack = None
    if "report" in m and "report_deadline" in m and m["report"].day and m["report_deadline"].day:
        slack = (m["report_deadline"].day - m["report"].day).days

    noticed = _noticed(ctx, own, drain, one_zone)
    # What the row says was halted, where "first halted a service" would be untrue (Mt. Gox had
    # halted services for other reasons before its loss came to light).
    halted_what = None if m.get("suspension") is None else ctx.own_step(m["suspension"].event_id)
    headline, says_customers = _headline(ctx, unnoticed, own, drain)
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
    delivered_said = None if f is not None else _sentence(_delivery(ctx, "find_delivered"), lang, when=delivered_on)
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
        (_delivery(ctx, "num_delivered"), elapsed(theft, m.get("remedy_delivered"), lang)),
    ]
    numbers = [KeyNumber(value, l10n.t(key, lang)) for key, value in counts if value]

    return Findings(headline, [p for p in paragraphs if p], numbers)
