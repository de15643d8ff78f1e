"""What page 1 says of a step the pages do not date, that never came or does not apply: each said in
its own place, with the first sentence of its row's note (the annex gives the whole note)."""

from __future__ import annotations

import re

from analysis import l10n, vocab
from analysis.measures.durations import Milestone
from analysis.report.context import IncidentContext

# A step's status with a sentence of its own (its catalogue key), said in the step's place among the
# response's sentences instead of "Did not happen: ..." (`incident` places each: an entry it does not
# place would be told nowhere). A halt that never came is said in its note's reason alone (Bybit's
# withdrawals stayed open and its operations kept running), since that reason is what its cited pages
# print: the sentence claims no more than they do.
_OWN_SENTENCE = {("never", "suspension"): "find_never_suspension"}


def _has_own_sentence(step: Milestone | None) -> bool:
    return step is not None and (step.status, step.name) in _OWN_SENTENCE


def _own_sentence(ctx: IncidentContext, step: Milestone | None) -> str | None:
    """A step's own sentence (`_OWN_SENTENCE`): its note's reason (after its label), or, with none, that
    no page found reports the step; None where its status has none."""
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
