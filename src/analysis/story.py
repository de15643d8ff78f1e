"""Page 1's story of an incident: what was stolen and its worth, who was hurt, why it could happen,
who did it and what became of them, and what followed.

Every sentence comes from a row: the incident's row (what was stolen), its story rows
(data/story.csv: value, victims, cause, attribution, each with its source) and its dated events
whose milestones tell enforcement and aftermath (vocab.ENFORCEMENT, vocab.AFTERMATH). An aspect
without a row is left out, never filled by a template that fits another incident.
"""

from __future__ import annotations

from analysis import l10n, vocab
from analysis.context import Context


def _aspect(ctx: Context, aspect: str) -> str | None:
    rows = ctx.data.story[(ctx.data.story["incident_id"] == ctx.incident_id) & (ctx.data.story["aspect"] == aspect)]
    return None if rows.empty else rows[f"text_{ctx.lang}"].iloc[0]


def _steps(ctx: Context, names: tuple[str, ...]) -> str | None:
    """'first arrests (11 March 2020), verdict (16 July 2024)': the incident's dated events with
    these milestones, in date order; None when it has none."""
    ev = ctx.events
    dated = ev[ev["milestone"].isin(names) & ev["effective"] & ev["date"].notna()].sort_values("date")
    if dated.empty:
        return None
    return l10n.join(
        (
            l10n.paren(
                l10n.t("story_step", ctx.lang, step=ctx.milestone_names[r.milestone].lower()),
                l10n.day(r.date.to_timestamp().date(), ctx.lang),
                ctx.lang,
            )
            for r in dated.itertuples()
        ),
        ctx.lang,
    )


def _told(ctx: Context, fields: dict[str, str | None]) -> list[str]:
    return [l10n.t(key, ctx.lang, text=text) for key, text in fields.items() if isinstance(text, str) and text]


def lead(ctx: Context) -> list[str]:
    """What the theft was worth, who was hurt, why it could happen, who did it and what became of
    them: each sentence only where its row exists."""
    return _told(
        ctx,
        {
            "story_value": _aspect(ctx, "value"),
            "story_victims": _aspect(ctx, "victims"),
            "story_cause": _aspect(ctx, "cause"),
            "story_attribution": _aspect(ctx, "attribution"),
            "story_enforcement": _steps(ctx, vocab.ENFORCEMENT),
        },
    )


def aftermath(ctx: Context) -> list[str]:
    """What followed for the exchange and the market: orders, takeover, registration, closure, rules."""
    return _told(ctx, {"story_aftermath": _steps(ctx, vocab.AFTERMATH)})
