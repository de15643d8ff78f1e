"""What a report finds, in sentences and key numbers computed from the data.

Each finding is a sentence of the catalogue with its numbers filled in from the rows it rests on;
a finding whose facts the data lacks is left out, never guessed. Change a date in data/ and the
sentence that depends on it changes with it.

Its modules, by what they say: `timing` (how long from one step to the next), `accounts` (the other
accounts the sources give of a step), `gaps` (the steps no page dates), `remedy` (what customers
got, where no payment is told), `of_incident` and `of_comparison` (each report's findings; named
apart from the functions `incident` and `comparison` they give the package), `editions` (which data
a report shows). A name with a leading underscore is the package's own: its modules share it, and
only their tests call it from outside.
"""

from analysis.report.findings.editions import as_of, edition
from analysis.report.findings.of_comparison import comparison
from analysis.report.findings.of_incident import incident, told_counts, told_from_theft
from analysis.report.findings.parts import Findings, KeyNumber
from analysis.report.findings.timing import days_zone, elapsed, when

__all__ = [
    "Findings",
    "KeyNumber",
    "as_of",
    "comparison",
    "days_zone",
    "edition",
    "elapsed",
    "incident",
    "told_counts",
    "told_from_theft",
    "when",
]
