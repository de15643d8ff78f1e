"""The comparison's findings: the thefts' sizes, the focus incident's own times, the remedies by
extent, and the key numbers counted in Japan dates only."""

from __future__ import annotations

import pandas as pd

from analysis import l10n, vocab
from analysis.measures.durations import milestones
from analysis.report import citing, story
from analysis.report.context import ComparisonContext
from analysis.report.findings.accounts import _earlier_account, _other_count
from analysis.report.findings.parts import Findings, KeyNumber

# The same-day detection count's label, by (a theft counted in another zone's dates left out, a
# detection dated only to a span after the theft's day counted).
_SAME_DAY_LABELS = {
    (False, False): "num_fastest_detection",
    (True, False): "num_fastest_detection_zoned",
    (False, True): "num_fastest_detection_spans",
    (True, True): "num_fastest_detection_zoned_spans",
}


def _same_day_detections(table: pd.DataFrame, names: dict[str, str], lang: str) -> KeyNumber | None:
    """How many thefts were noticed the day they began, of those whose detection is dated in Japan
    time; None where none is. A detection dated only to a span that starts after the theft's day
    (Mt. Gox: a month, 874-901 days) was not the same day, and counts, so that leaving it out does
    not flatter the share; a span that could hold the theft's own day decides nothing. Such a theft is
    named rather than numbered ("1 only to a later month" left the reader asking which)."""
    detections = table[table["milestone"] == "detection"]
    later_span = (detections["state"] == "range") & (detections["days_min"] > 0)
    dated = detections[(detections["state"] == "known") | later_span.fillna(False).astype(bool)]
    detected = dated[dated["zone"].isna()]
    if detected.empty:
        return None
    ranged = detected[detected["state"] == "range"]
    spanned = l10n.join([l10n.inside_brackets(names[i], lang) for i in ranged["incident_id"]], lang)
    # "of 6 dated to the day" would be false if one dated in another zone's days were left out
    key = _SAME_DAY_LABELS[(len(detected) < len(dated), not ranged.empty)]
    label = l10n.t(key, lang, n=len(detected), names=spanned, unit=l10n.period_unit(ranged["period"], lang))
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
    if (same_day := _same_day_detections(table, ctx.names, lang)) is not None:
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
    drains = [l10n.inside_brackets(ctx.names[i], ctx.lang) for i in ctx.drains]
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
        # inside the sentence's brackets: a name's own brackets would nest
        names = l10n.join((l10n.inside_brackets(ctx.names[i], lang) for i in ids), lang)
        if extent == "full":
            by_form = {}
            for i in ids:
                by_form.setdefault(ctx.remedy_method(i), []).append(l10n.inside_brackets(ctx.names[i], lang))
            groups = l10n.t("method_joiner", lang).join(
                l10n.t("find_method", lang, method=l10n.label("method", f, lang), incidents=l10n.join(n, lang))
                for f, n in by_form.items()
            )
            parts.append(l10n.t("find_extent_full", lang, count=count, groups=groups))
        else:
            parts.append(l10n.t(f"find_extent_{extent or 'unknown'}", lang, count=count, incidents=names))
    return l10n.t("extent_joiner", lang).join(parts)
