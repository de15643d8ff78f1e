"""The reports' parameters: what may be varied, and the check that runs before any cell does."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from analysis.l10n import DEFAULT_LANGUAGE, LANGUAGES

DEFAULTS: dict[str, Any] = {
    "incident_id": "coincheck-2018",
    "lang": DEFAULT_LANGUAGE,
    "chain": None,  # the chain milestones of data/milestones.csv that the incident has dated
    "data_dir": None,
}

COMPARISON_DEFAULTS: dict[str, Any] = {
    "incidents": None,  # every incident of incidents.csv, in its order
    "focus": None,  # the incident the comparison is written around: vocab.FOCUS when compared, else the largest
    "lang": DEFAULT_LANGUAGE,
    "data_dir": None,
}


class ParameterError(ValueError):
    """A parameter the report does not know, or a value it cannot use."""


# What each parameter may hold, checked before any value is looked up: its shape ("text", "list" of
# texts or None for the default, "folder" as a path or None for data/) and how to say it.
SHAPES = {
    "incident_id": ("text", "an incident's id as text, such as coincheck-2018"),
    "lang": ("text", f"a language code as text: {' or '.join(LANGUAGES)}"),
    "chain": ("list", "a list of milestones such as [leak, order], or null for the incident's own chain"),
    "incidents": ("list", "a list of incident ids such as [coincheck-2018, zaif-2018], or null for all"),
    "focus": ("optional text", "one of the compared incidents' ids as text, or null for the default"),
    "data_dir": ("folder", "a folder's path as text, or null for the project's data/"),
}


def check_names(given: Any, allowed=tuple(DEFAULTS)) -> None:
    """Known names, each holding a value of its shape; raise ParameterError listing every problem."""
    if not isinstance(given, dict):
        raise ParameterError(f"parameters must be a mapping of name: value, got {type(given).__name__}")
    unknown = sorted(set(map(str, given)) - set(allowed))
    if unknown:
        raise ParameterError(f"unknown parameter(s): {', '.join(unknown)}; the report takes: {', '.join(allowed)}")
    problems = [
        f"{name} must be {SHAPES[name][1]}, got {value!r:.80}"
        for name, value in given.items()
        if name in SHAPES and not _has_shape(value, SHAPES[name][0])
    ]
    if problems:
        raise ParameterError("invalid parameters:\n  - " + "\n  - ".join(problems))


def _has_shape(value: Any, shape: str) -> bool:
    if shape == "text":
        return isinstance(value, str)
    if shape == "optional text":
        return value is None or isinstance(value, str)
    if shape == "list":
        return value is None or (isinstance(value, (list, tuple)) and all(isinstance(v, str) for v in value))
    return value is None or (isinstance(value, (str, Path)) and str(value) != "")


def _lang_problems(lang) -> list[str]:
    if lang not in LANGUAGES:
        return [f"lang '{lang}' is not supported; use one of: {', '.join(LANGUAGES)}"]
    return []


def dated_milestones(data, incident: str) -> set[str]:
    """The milestones the incident has a Japan day for: a chain measures between days. A date given
    in another zone stands for one of two Japan days, and a period for many."""
    ev = data.events
    usable = (ev["incident_id"] == incident) & ev["effective"] & ev["date"].notna() & ev["date_zone"].isna()
    return set(ev.loc[usable, "milestone"].dropna())


def default_chain(data, incident: str) -> list[str]:
    """The incident's own chain: the chain milestones it has a day for, in the vocabulary's order."""
    present = dated_milestones(data, incident)
    return [m for m in data.chain_milestones if m in present]


def check_values(params: dict[str, Any], data) -> dict[str, Any]:
    """Check each value against the vocabularies and the loaded data; return the full set."""
    p = {**DEFAULTS, **params}
    problems = _lang_problems(p["lang"])
    incidents = list(data.incidents["incident_id"])
    if p["incident_id"] not in incidents:
        problems.append(f"incident_id '{p['incident_id']}' is not in the data; use one of: {', '.join(incidents)}")
    elif p["chain"] is None:
        p["chain"] = default_chain(data, p["incident_id"])
    chain = p["chain"]
    if chain is None:
        pass  # the incident is unknown, said above
    elif (
        isinstance(chain, str)
        or not isinstance(chain, (list, tuple))
        or (len(chain) < 2 and params.get("chain") is not None)
    ):
        problems.append(f"chain must be a list of at least two milestones, got {chain!r}")
    else:
        present = dated_milestones(data, p["incident_id"])
        allowed = data.event_milestones
        for m in chain:
            if m not in allowed:
                problems.append(f"chain: unknown milestone '{m}'; use any of: {', '.join(allowed)}")
            elif m not in present:
                have = ", ".join(x for x in allowed if x in present)
                problems.append(
                    f"chain: milestone '{m}' is not recorded with a date for {p['incident_id']}; it has: {have}"
                )
        if len(set(chain)) != len(chain):
            problems.append(f"chain names a milestone twice: {chain}")
        elif all(m in allowed for m in chain) and [allowed.index(m) for m in chain] != sorted(
            allowed.index(m) for m in chain
        ):
            in_order = sorted(chain, key=allowed.index)
            problems.append(f"chain must follow the order milestones happen in: {', '.join(in_order)}")
    if problems:
        raise ParameterError("invalid report parameters:\n  - " + "\n  - ".join(problems))
    return p


def check_data_dir(data_dir) -> Path | None:
    if data_dir is None:
        return None
    path = Path(data_dir)
    try:
        found = path.is_dir()
    except (OSError, ValueError) as err:  # a name too long for the file system, a NUL byte
        raise ParameterError(f"data_dir '{str(data_dir)[:80]}' cannot be a folder: {err}") from err
    if not found:
        raise ParameterError(f"data_dir '{str(data_dir)[:80]}' is not a folder")
    return path


def check_comparison_values(params: dict[str, Any], data) -> dict[str, Any]:
    p = {**COMPARISON_DEFAULTS, **params}
    problems = _lang_problems(p["lang"])
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
        if p["focus"] is not None and p["focus"] not in chosen:
            problems.append(
                f"focus: '{p['focus']}' is not one of the compared incidents: {', '.join(map(str, chosen))}"
            )
    if problems:
        raise ParameterError("invalid comparison parameters:\n  - " + "\n  - ".join(problems))
    return p
