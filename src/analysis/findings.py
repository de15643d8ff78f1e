"""What a report finds, in sentences and key numbers computed from the data.

Each finding is a sentence of the catalogue with its numbers filled in from the rows it rests on;
a finding whose facts the data lacks is left out, never guessed. Change a date in data/ and the
sentence that depends on it changes with it.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import date
from importlib.metadata import PackageNotFoundError, version

import pandas as pd

from analysis import l10n
from analysis.context import Context
from analysis.durations import Milestone, between, earliest_of


@dataclass(frozen=True)
class KeyNumber:
    value: str
    label: str


@dataclass(frozen=True)
class Findings:
    headline: str
    paragraphs: list[str]
    numbers: list[KeyNumber]


def elapsed(a: Milestone | None, b: Milestone | None, lang: str) -> str | None:
    """The time from a to b as readers say it: hours and minutes within two days when both times
    are known, else calendar days; None when either is not dated."""
    if a is None or b is None or a.day is None or b.day is None:
        return None
    d = between(a, b)
    if d.hours is not None and d.hours < 48:
        return l10n.hours_minutes(d.hours, lang)
    if d.calendar_days == 0:
        return l10n.t("under_a_day", lang)
    return l10n.days(d.calendar_days, lang)


def _sentence(key: str, lang: str, **fields) -> str | None:
    return None if any(v is None for v in fields.values()) else l10n.t(key, lang, **fields)


def when(a: Milestone | None, b: Milestone | None, lang: str, since: str) -> str | None:
    """When b came, said from a: "33 min after noticing it", or "on the day it was noticed" when only
    the dates are known and they are the same (`since` names the pair of phrases in the catalogue)."""
    text = elapsed(a, b, lang)
    if text is None:
        return None
    d = between(a, b)
    if d.hours is None and d.calendar_days == 0:
        return l10n.t(f"{since}_same_day", lang)
    return l10n.t(since, lang, value=text)


def incident(ctx: Context) -> Findings:
    lang, m = ctx.lang, ctx.found
    theft, detection = m.get("leak"), m.get("detection")
    regulator = earliest_of(m, "regulator_action", ctx.data.measures.get("regulator_action", ()))
    inc = ctx.data.incidents.set_index("incident_id").loc[ctx.incident_id]
    unnoticed = elapsed(theft, detection, lang)
    f = ctx.compensation
    paid = None
    if f is not None:
        paid = l10n.about(l10n.number(f.paid_to_reported_ratio * 100, lang, 1) + "%", lang, f.reported_loss_approximate)
    slack = None
    if "report" in m and "report_deadline" in m and m["report"].day and m["report_deadline"].day:
        slack = (m["report_deadline"].day - m["report"].day).days

    sentences = [
        _sentence(
            "find_stolen",
            lang,
            day=l10n.day(theft.day, lang) if theft and theft.day else None,
            stolen=inc[f"stolen_{lang}"],
            exchange=inc["exchange"],
        ),
        _sentence("find_unnoticed", lang, duration=unnoticed)
        if unnoticed != l10n.t("under_a_day", lang)
        else l10n.t("find_noticed_same_day", lang),
        _sentence("find_halted", lang, halted=when(detection, m.get("suspension"), lang, "after_noticing")),
        _sentence("find_disclosed", lang, disclosed=when(theft, m.get("disclosure"), lang, "after_start")),
        _sentence(
            "find_regulator",
            lang,
            first=when(theft, regulator, lang, "after_theft"),
            order=when(theft, m.get("order"), lang, "after_theft"),
        ),
        _sentence("find_report", lang, deadline=l10n.day(m["report_deadline"].day, lang)) if slack == 0 else None,
        _sentence(
            "find_paid",
            lang,
            ratio=paid,
            price=None if f is None else l10n.number(f.price_per_unit_jpy, lang, 3),
            implied=None if f is None else l10n.number(f.implied_price_jpy, lang, 1),
            asset=None if f is None else f.asset,
        ),
        _sentence("find_delivered", lang, when=when(theft, m.get("remedy_delivered"), lang, "after_theft")),
    ]
    joiner = l10n.t("sentence_joiner", lang)
    paragraphs = [joiner.join(s for s in sentences[:4] if s), joiner.join(s for s in sentences[4:] if s)]

    numbers = [
        KeyNumber(unnoticed, l10n.t("num_unnoticed", lang)) if unnoticed else None,
        KeyNumber(elapsed(theft, m.get("disclosure"), lang), l10n.t("num_disclosed", lang))
        if elapsed(theft, m.get("disclosure"), lang)
        else None,
        KeyNumber(elapsed(theft, m.get("order"), lang), l10n.t("num_order", lang))
        if elapsed(theft, m.get("order"), lang)
        else None,
        KeyNumber(paid, l10n.t("num_paid", lang)) if paid else None,
        KeyNumber(elapsed(theft, m.get("remedy_delivered"), lang), l10n.t("num_delivered", lang))
        if elapsed(theft, m.get("remedy_delivered"), lang)
        else None,
    ]
    if unnoticed == l10n.t("under_a_day", lang):
        unnoticed = None  # noticed the same day, no times: not a finding to lead with
    if unnoticed and paid:
        headline = l10n.t("headline_unnoticed_paid", lang, name=ctx.name, unnoticed=unnoticed, ratio=paid)
    elif unnoticed:
        headline = l10n.t("headline_unnoticed", lang, name=ctx.name, unnoticed=unnoticed)
    else:
        headline = l10n.t("headline_plain", lang, name=ctx.name)
    return Findings(headline, [p for p in paragraphs if p], [n for n in numbers if n])


def _ranked(table: pd.DataFrame, milestone: str) -> pd.DataFrame:
    """The incidents with a known value for the milestone, quickest first (hours break ties of days)."""
    rows = table[(table["milestone"] == milestone) & (table["state"] == "known")].copy()
    rows["order"] = [float(h) / 24 if pd.notna(h) else float(d) for d, h in zip(rows["days"], rows["hours"])]
    return rows.sort_values(["order", "incident_id"], kind="stable")


def comparison(ctx: Context, focus: str = "coincheck-2018") -> Findings:
    lang, table = ctx.lang, ctx.table
    names = ctx.milestone_names
    ranks = []
    for milestone in ctx.data.compared:
        ranked = _ranked(table, milestone)
        ids = list(ranked["incident_id"])
        if focus in ids:
            ranks.append(
                l10n.t("find_rank", lang, milestone=names[milestone].lower(), rank=ids.index(focus) + 1, of=len(ids))
            )
    methods = ctx.data.remedies[ctx.data.remedies["incident_id"].isin(ctx.incidents)]
    by_method = methods.groupby("method", sort=False)["incident_id"].agg(list)
    remedy = l10n.t("method_joiner", lang).join(
        l10n.t(
            "find_method",
            lang,
            method=l10n.label("method", method, lang),
            incidents=l10n.join((ctx.names[i] for i in ids), lang),
        )
        for method, ids in by_method.items()
    )
    delivered = _ranked(table, "remedy_delivered")
    paragraphs = [
        l10n.t(
            "find_compared", lang, n=len(ctx.incidents), name=ctx.names.get(focus, focus), ranks=l10n.join(ranks, lang)
        ),
        l10n.t("find_remedies", lang, methods=remedy, delivered=len(delivered), n=len(ctx.incidents)),
    ]
    detected = _ranked(table, "detection")
    numbers = [KeyNumber(str(len(ctx.incidents)), l10n.t("num_thefts", lang))]
    if not detected.empty:
        same_day = int((detected["days"] == 0).sum())
        numbers.append(KeyNumber(f"{same_day} / {len(detected)}", l10n.t("num_fastest_detection", lang)))
    numbers.append(KeyNumber(f"{len(delivered)} / {len(ctx.incidents)}", l10n.t("num_delivered_known", lang)))
    headline = l10n.t("headline_comparison", lang, n=len(ctx.incidents), delivered=len(delivered))
    return Findings(headline, paragraphs, numbers)


def as_of(ctx: Context) -> date:
    """The day the data was last checked against its sources: the latest 'checked' of any row."""
    days = []
    for frame in (ctx.data.events, ctx.data.incidents, ctx.data.remedies):
        days += [date.fromisoformat(d) for d in frame["checked"] if isinstance(d, str) and d]
    return max(days) if days else date.fromisoformat(ctx.data.sources["published"].max())


def edition(ctx: Context) -> str:
    """The package's version and a short digest of the data files: a change to either shows."""
    try:
        package = version("analysis")
    except PackageNotFoundError:
        package = "dev"
    digest = hashlib.sha256()
    for path in sorted(ctx.data.data_dir.glob("*.csv")):
        digest.update(path.name.encode() + path.read_bytes())
    return f"{package}+{digest.hexdigest()[:8]}"
