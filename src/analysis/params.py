"""The report's parameters: what may be varied, and the check that runs before any cell does."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from analysis import vocab
from analysis.labels import LANGUAGES

DEFAULTS: dict[str, Any] = {
    "incident_id": "coincheck-2018",
    "lang": "ja",
    "chain": list(vocab.DEFAULT_CHAIN),
    "asset": "XEM",
    "data_dir": None,
}


COMPARISON_DEFAULTS: dict[str, Any] = {
    "incidents": None,  # every incident of incidents.csv, in its order
    "lang": "ja",
    "data_dir": None,
}


class ParameterError(ValueError):
    """A parameter the report does not know, or a value it cannot use."""


def check_names(given: dict[str, Any], allowed=tuple(DEFAULTS)) -> None:
    unknown = sorted(set(given) - set(allowed))
    if unknown:
        raise ParameterError(f"unknown parameter(s): {', '.join(unknown)}; the report takes: {', '.join(allowed)}")


def check_values(params: dict[str, Any], data) -> dict[str, Any]:
    """Check each value against the vocabularies and the loaded data; return the full set."""
    p = {**DEFAULTS, **params}
    problems = []
    if p["lang"] not in LANGUAGES:
        problems.append(f"lang '{p['lang']}' is not supported; use one of: {', '.join(LANGUAGES)}")
    incidents = sorted(set(data.events["incident_id"]))
    if p["incident_id"] not in incidents:
        problems.append(f"incident_id '{p['incident_id']}' is not in the data; use one of: {', '.join(incidents)}")
    chain = p["chain"]
    if isinstance(chain, str) or not isinstance(chain, (list, tuple)) or len(chain) < 2:
        problems.append(f"chain must be a list of at least two milestones, got {chain!r}")
    else:
        ev = data.events
        usable = (ev["incident_id"] == p["incident_id"]) & ev["effective"] & ev["date"].notna()
        present = set(ev.loc[usable, "milestone"].dropna())
        allowed = data.event_milestones
        for m in chain:
            if m not in allowed:
                problems.append(f"chain: unknown milestone '{m}'; use any of: {', '.join(allowed)}")
            elif p["incident_id"] in incidents and m not in present:
                have = ", ".join(x for x in allowed if x in present)
                problems.append(
                    f"chain: milestone '{m}' is not recorded with a date for {p['incident_id']}; it has: {have}"
                )
        if len(set(chain)) != len(chain):
            problems.append(f"chain names a milestone twice: {chain}")
    assets = sorted(set(data.compensation.loc[data.compensation["incident_id"] == p["incident_id"], "asset"]))
    if p["incident_id"] in incidents and p["asset"] not in assets:
        problems.append(
            f"asset '{p['asset']}' has no compensation data for {p['incident_id']}; "
            f"use one of: {', '.join(assets) or 'none'}"
        )
    if problems:
        raise ParameterError("invalid report parameters:\n  - " + "\n  - ".join(problems))
    return p


def check_data_dir(data_dir) -> Path | None:
    if data_dir is None:
        return None
    path = Path(data_dir)
    if not path.is_dir():
        raise ParameterError(f"data_dir '{data_dir}' is not a folder")
    return path


def check_comparison_values(params: dict[str, Any], data) -> dict[str, Any]:
    p = {**COMPARISON_DEFAULTS, **params}
    problems = []
    if p["lang"] not in LANGUAGES:
        problems.append(f"lang '{p['lang']}' is not supported; use one of: {', '.join(LANGUAGES)}")
    known = list(data.incidents["incident_id"])
    if p["incidents"] is None:
        p["incidents"] = known
    chosen = p["incidents"]
    if isinstance(chosen, str) or not isinstance(chosen, (list, tuple)) or not chosen:
        problems.append(f"incidents must be a list of at least one incident, got {chosen!r}")
    else:
        for incident in chosen:
            if incident not in known:
                problems.append(f"incidents: '{incident}' is not in the data; use any of: {', '.join(known)}")
        if len(set(chosen)) != len(chosen):
            problems.append(f"incidents names an incident twice: {chosen}")
    if problems:
        raise ParameterError("invalid comparison parameters:\n  - " + "\n  - ".join(problems))
    return p
