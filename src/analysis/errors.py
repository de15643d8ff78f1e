"""The one exception type for bad input, and the problems it carries."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Problem:
    """One defect in one place of one data file."""

    file: str
    line: int | None = None
    column: str | None = None
    value: str | None = None
    message: str = ""

    def __str__(self) -> str:
        where = [self.file]
        if self.line is not None:
            where.append(f"line {self.line}")
        if self.column is not None:
            where.append(f"column '{self.column}'")
        text = ", ".join(where)
        if self.value is not None:
            text += f": value '{self.value}'"
        return f"{text}: {self.message}"


class DataValidationError(ValueError):
    """Raised with every problem found, so one run shows all there is to fix."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(set(problems), key=_sort_key)
        count = len(self.problems)
        head = f"{count} problem{'s' if count != 1 else ''} in the data:"
        super().__init__("\n".join([head, *(f"  - {p}" for p in self.problems)]))


def _sort_key(p: Problem):
    return (p.file, p.line if p.line is not None else -1, p.column or "", p.value or "", p.message)
