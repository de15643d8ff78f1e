"""Tables both reports show: every event with its source, the data notes, and the facts that
are disputed or missing."""

from __future__ import annotations

import pandas as pd

from analysis.labels import t, value_label
from analysis.markup import Markup, esc, link, printed_figure, sources_cell, table


def event_numbers(events: pd.DataFrame) -> dict[str, int]:
    """The number each event carries in the charts and tables (chronological, per report)."""
    return {eid: i for i, eid in enumerate(events["event_id"], start=1)}


def when(row) -> str:
    if not pd.isna(row.date):
        return str(row.date)
    if row.period is not None:
        return str(row.period)
    return "—"


def _title(row, lang: str) -> str:
    return getattr(row, "title_ja" if lang == "ja" else "title_en")


def _note(row, lang: str):
    return getattr(row, "note_ja" if lang == "ja" else "note")


def events_table(events: pd.DataFrame, lang: str, numbers: dict[str, int], with_incident=None) -> str:
    rows = []
    for r in events.itertuples():
        status = value_label("status", r.status, lang)
        if r.status == "conflict":
            status = f"{status} ({t('used_value', lang) if r.preferred else t('alternative', lang)})"
        first = [with_incident.get(r.incident_id, r.incident_id)] if with_incident else []
        rows.append(
            first
            + [
                numbers[r.event_id],
                when(r),
                "" if pd.isna(r.time) else ("~" if r.approximate else "") + r.time,
                value_label("actor", r.actor, lang),
                value_label("source_kind", r.source_kind, lang),
                _title(r, lang) + (f" [{status}]" if status else "") + (" [weak]" if r.flag == "weak" else ""),
                sources_cell(r, lang),
                "" if pd.isna(r.seed_item) else r.seed_item,
            ]
        )
    headers = [t(k, lang) for k in ("no", "date", "time", "actor", "kind", "title", "link", "seed_item")]
    widths, css = [4, 11, 7, 12, 6, 33, 21, 6], "events"
    if with_incident:
        headers, widths, css = [t("incident", lang), *headers], [10, 4, 11, 7, 10, 5, 27, 20, 6], "events incident"
    return table(headers, rows, css, widths)


def notes_table(events: pd.DataFrame, lang: str, numbers: dict[str, int]) -> str:
    rows = [
        [
            numbers[r.event_id],
            _title(r, lang),
            _note(r, lang),
            "" if pd.isna(r.source_url_as_printed) else r.source_url_as_printed,
        ]
        for r in events.itertuples()
        if not pd.isna(r.note) and r.status not in ("gap", "never") and r.status != "conflict"
    ]
    return table(
        [t("no", lang), t("title", lang), t("note", lang), t("as_printed", lang)], rows, "notes", [6, 30, 44, 20]
    )


def disputed_table(
    events: pd.DataFrame, lang: str, milestone_names: dict[str, str], names: dict[str, str] | None = None
) -> str:
    """One row per disputed fact: every value with its source, the one used, and why."""
    rows = []
    for _, group in events[events["status"] == "conflict"].groupby("conflict_group", sort=False):
        values = "<br/>".join(
            f"{esc(when(r))} {esc(r.time if not pd.isna(r.time) else '')}: {esc(_title(r, lang))} "
            f"{sources_cell(r, lang)}"
            for r in group.itertuples()
        )
        used = group[group["preferred"]].iloc[0]
        used_row = next(group[group["preferred"]].itertuples())
        fact = milestone_names.get(used["milestone"]) if isinstance(used["milestone"], str) else None
        fact = fact or _title(used_row, lang)
        incident = (names or {}).get(used["incident_id"], used["incident_id"])
        rows.append(
            [
                f"{incident}: {fact}",
                Markup(values),
                f"{when(used_row)} {'' if pd.isna(used_row.time) else used_row.time}".strip(),
                _note(used_row, lang),
            ]
        )
    return table(
        [t("fact_col", lang), t("values_col", lang), t("used_col", lang), t("why_col", lang)],
        rows,
        "notes",
        [18, 42, 12, 28],
    )


def missing_table(
    events: pd.DataFrame, lang: str, milestone_names: dict[str, str], names: dict[str, str] | None = None
) -> str:
    rows = [
        [
            (names or {}).get(r.incident_id, r.incident_id),
            milestone_names.get(r.milestone, r.milestone) if isinstance(r.milestone, str) else "",
            _title(r, lang),
            value_label("status", r.status, lang),
            _note(r, lang),
        ]
        for r in events.itertuples()
        if r.status in ("gap", "never")
    ]
    return table(
        [t("incident", lang), t("milestone_col", lang), t("fact_col", lang), t("status_col", lang), t("why_col", lang)],
        rows,
        "notes",
        [14, 16, 24, 10, 36],
    )


def evidence_table(events: pd.DataFrame, lang: str, numbers: dict[str, int], with_incident=None) -> str:
    """Every page read for a researched fact, with each figure exactly as the page prints it."""
    rows = []
    for r in events.itertuples():
        for page in r.pages:
            first = [with_incident.get(r.incident_id, r.incident_id)] if with_incident else []
            rows.append(
                first
                + [
                    numbers[r.event_id],
                    _title(r, lang),
                    Markup("<br/>".join(esc(printed_figure(f, lang)) for f in page.figures)),
                    f"{page.publisher}, {page.published or '—'}",
                    r.checked,
                    link(page.url),
                ]
            )
    headers = [t(k, lang) for k in ("no", "title", "printed_col", "publisher_col", "checked_col", "link")]
    widths, css = [5, 21, 24, 18, 11, 21], "evidence"
    if with_incident:
        headers, widths, css = [t("incident", lang), *headers], [10, 5, 17, 22, 15, 11, 20], "evidence incident"
    return table(headers, rows, css, widths)


def sources_list(sources: pd.DataFrame, lang: str) -> str:
    note_col = "note_ja" if lang == "ja" else "note"
    items = "".join(
        f"<li><code>{esc(r.source_id)}</code> ({esc(r.kind)}): {esc(r.title)}"
        f"{' (' + esc(r.published) + ')' if r.published else ''}, {esc(r.location)}. {esc(getattr(r, note_col))}</li>"
        for r in sources.itertuples()
    )
    return f"<ul class='sources'>{items}</ul>"
