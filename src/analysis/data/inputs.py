"""What a report depends on in data/: its own incidents' rows of the files kept per incident, and
every other file whole. A digest of them names the data a report was built from (part of its
edition) and tells make which reports an edit touches: a Zaif row changes Zaif's reports and the
comparison's.

Read as plain CSV, without the checks of loading: the digest must exist for data loading refuses,
so that the build that reports the problem runs at all."""

from __future__ import annotations

import csv
import hashlib
import io
from collections.abc import Iterable
from pathlib import Path

# Files whose rows each belong to one incident: by their incident_id, or (citations.csv) by the
# record they cite: an event, a story fact, an incident or its remedy; a page of pages.csv belongs to
# every incident whose citations read it, and a row of corrections.csv to the incident of the record
# it corrects (a milestone, a source or a record no longer there belongs to every report).
BY_INCIDENT = ("compensation.csv", "events.csv", "incidents.csv", "order_items.csv", "remedies.csv", "story.csv")
CITED_IDS = {"events": ("events.csv", "event_id"), "story": ("story.csv", "fact_id")}


def digest(data_dir: Path, incidents: Iterable[str] | None = None) -> str:
    """The sha256 of the data a report of `incidents` reads (None: every file whole, as the
    comparison of all incidents reads them). A kept row counts with its line in the file, which the
    reviewer's annex prints (events.csv:29)."""
    files = sorted(Path(data_dir).glob("*.csv"))
    h = hashlib.sha256()
    if incidents is None:
        for path in files:
            h.update(path.name.encode() + path.read_bytes())
        return h.hexdigest()
    wanted = set(incidents)
    tables = {p.name: _rows(p) for p in files}
    owner = _owners(tables)
    cited = _cited(tables.get("citations.csv"), owner, wanted)
    for path in files:
        table = tables[path.name]
        kept = None
        if table is not None and path.name in BY_INCIDENT and "incident_id" in table[0]:
            col = table[0].index("incident_id")
            kept = [(n, r) for n, r in table[1] if r[col] in wanted]
        elif table is not None and path.name == "citations.csv" and cited is not None:
            kept = [(n, r) for n, r in table[1] if n in cited[0]]
        elif table is not None and path.name == "pages.csv" and cited is not None and "url" in table[0]:
            u = table[0].index("url")
            kept = [(n, r) for n, r in table[1] if cited[1].get(r[u], set()) & wanted]
        elif table is not None and path.name == "corrections.csv" and {"table", "record_id"} <= set(table[0]):
            t, k = table[0].index("table"), table[0].index("record_id")
            readers = None if cited is None else cited[1]
            kept = [(n, r) for n, r in table[1] if _corrected_for(r[t], r[k], owner, readers, wanted)]
        if kept is None:  # a shared file, or one loading will refuse: all of it counts
            h.update(path.name.encode() + path.read_bytes())
            continue
        out = io.StringIO()
        csv.writer(out, lineterminator="\n").writerows([table[0], *([str(n), *r] for n, r in kept)])
        h.update(path.name.encode() + out.getvalue().encode())
    return h.hexdigest()


def _rows(path: Path) -> tuple[list[str], list[tuple[int, list[str]]]] | None:
    """The header and each record with its line, numbered as loading numbers them (blank lines
    skipped but counted); None when the file is not a clean table (loading says why)."""
    try:
        reader = csv.reader(io.StringIO(path.read_text(encoding="utf-8-sig"), newline=""), strict=True)
        header = next(reader)
        records, start = [], reader.line_num + 1
        for record in reader:
            if record:
                if len(record) != len(header):
                    return None
                records.append((start, record))
            start = reader.line_num + 1
        return header, records
    except (UnicodeDecodeError, csv.Error, StopIteration, OSError):
        return None


def _cited(table, owner: dict, wanted: set[str]) -> tuple[set[int], dict[str, set]] | None:
    """The lines of citations.csv that back the wanted incidents' records, and for every page the
    incidents whose records it is read for (None for a record of no known incident); None when the
    file is not a clean table with those columns (then citations.csv and pages.csv count whole)."""
    if table is None or not {"table", "record_id", "url"} <= set(table[0]):
        return None
    t, k, u = (table[0].index(c) for c in ("table", "record_id", "url"))
    readers: dict[str, set] = {}
    for _, r in table[1]:
        readers.setdefault(r[u], set()).add(owner.get((r[t], r[k])))
    return {n for n, r in table[1] if owner.get((r[t], r[k])) in wanted}, readers


def _corrected_for(table: str, record: str, owner: dict, readers: dict | None, wanted: set[str]) -> bool:
    """Whether a correction of `record` in `table` (named as corrections.csv names it) belongs to a
    report of the wanted incidents: its record's incident is one of them, or its incident is not
    known (a milestone, a source, a removed record, a page nobody reads now), so every report keeps
    it. A page (named by its url) belongs to the incidents it is read for (`readers`, from _cited)."""
    first = record.split("/")[0]  # compensation: incident/asset/fact; order_items: event/item
    if table == "pages":
        found = None if readers is None else readers.get(record, set())
        return not found or bool(found & wanted) or None in found
    if table in ("events", "story", "incidents", "remedies"):
        found = owner.get((table, record))
    elif table == "compensation":
        found = owner.get(("incidents", first))
    elif table == "order_items":
        found = owner.get(("events", first))
    elif table == "citations":  # named by the record it backs
        found = next((owner[(t, record)] for t in ("events", "story", "incidents") if (t, record) in owner), None)
    else:
        found = None
    return found is None or found in wanted


def _owners(tables: dict) -> dict[tuple[str, str], str]:
    """(table, record id) -> incident, for the records citations.csv cites."""
    owner = {}
    for table, (name, key) in {**CITED_IDS, "incidents": ("incidents.csv", "incident_id"),
                               "remedies": ("remedies.csv", "incident_id")}.items():  # fmt: skip
        found = tables.get(name)
        if found is not None and {"incident_id", key} <= set(found[0]):
            i, k = found[0].index("incident_id"), found[0].index(key)
            owner.update({(table, r[k]): r[i] for _, r in found[1]})
    return owner
