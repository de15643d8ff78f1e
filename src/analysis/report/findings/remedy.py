"""The remedy's sentences where no payment is told: when it was decided, what the pages say of its
delivery, what it gives and who paid for it, and the headline's clause on what became of customers."""

from __future__ import annotations

from analysis import l10n
from analysis.measures.durations import Milestone
from analysis.report import story
from analysis.report.context import IncidentContext
from analysis.report.findings.timing import when


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
