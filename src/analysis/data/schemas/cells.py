"""What a single cell may hold: each test takes the cell's text and says whether it is acceptable.

The schemas (one module per file in this package) use them in their column checks, the rules
across rows and files use them to look only at cells whose format passed, and
`analysis.data.validation` offers them to the rest of the project.
"""

from __future__ import annotations

import re
from datetime import date, datetime, time
from urllib.parse import urlsplit

from analysis import vocab

SLUG = re.compile(r"^[a-z0-9]+(?:[-_][a-z0-9]+)*$")


def is_slug(text: str) -> bool:
    return SLUG.fullmatch(text) is not None


def is_date(text: str) -> bool:
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        return False
    try:
        date.fromisoformat(text)
    except ValueError:
        return False
    return True


def is_time(text: str) -> bool:
    if not re.fullmatch(r"\d{2}:\d{2}", text):
        return False
    try:
        time.fromisoformat(text)
    except ValueError:
        return False
    return True


def is_aware_datetime(text: str) -> bool:
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?[+-]\d{2}:\d{2}", text):
        return False
    try:
        return datetime.fromisoformat(text).tzinfo is not None
    except ValueError:
        return False


def is_url(text: str) -> bool:
    if any(c.isspace() for c in text):
        return False
    parts = urlsplit(text)
    host = parts.hostname or ""
    return (
        parts.scheme in ("http", "https")
        and "." in host
        and not host.startswith(("http.", "https."))
        and host not in ("http", "https")
    )


def is_url_list(text: str) -> bool:
    """One address, or several separated by ' ; ' (a fact read on more than one page)."""
    return all(is_url(part) for part in text.split(" ; "))


def plausible_window() -> tuple[date, date]:
    """The dates a fact may carry: from the first Bitcoin block to a year from today. A date
    outside is a typo (2099 for 2019), and the charts' and tables' work grows with the span."""
    today = date.today()
    return vocab.EARLIEST_DATE, today.replace(year=today.year + 1, day=min(today.day, 28))


def in_window(day: date) -> bool:
    first, last = plausible_window()
    return first <= day <= last


def outside_window() -> str:
    first, last = plausible_window()
    return f"is outside the plausible dates {first.isoformat()} to {last.isoformat()}; check the year"


def is_period(text: str) -> bool:
    """A month (YYYY-MM) or a quarter (YYYY-Qn): what a source gives when it gives no day."""
    return re.fullmatch(r"\d{4}-(0[1-9]|1[0-2]|Q[1-4])", text) is not None


def is_number(text: str) -> bool:
    return re.fullmatch(r"\d+(\.\d+)?", text) is not None


def is_whole(text: str) -> bool:
    """A whole number from 1, written with digits only."""
    return re.fullmatch(r"[1-9]\d*", text) is not None


def is_seed_item(text: str) -> bool:
    return text == "lead" or is_whole(text)


def is_dated(text: str) -> bool:
    """A real day (YYYY-MM-DD) inside the plausible window: a date the rules may compare."""
    return is_date(text) and in_window(date.fromisoformat(text))
