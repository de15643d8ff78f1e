"""The report's charts. Each chart is a function that takes loaded data and a language and returns
a Figure; the registry (`analysis.report.registry`) draws each one through its adapter.

- `timeline`, `first_day`, `compensation`, `since_theft`, `compared`: the charts, a module per kind;
- `scales`, `marks`, `fitting`: what they share (time scales; marks and words; text that fits);
- `adapters`: from a report's context to a chart, with its title;
- `numbers`: the frame each chart draws, as a table (the site's CSV).
"""

from analysis.report.charts.adapters import (
    compared_of,
    compared_source,
    compensation_of,
    first_day_of,
    first_days_of,
    later_milestones_of,
    milestone_chain_of,
    price_window_of,
    response_of,
    sizes_of,
    timeline_of,
    title_of,
)
from analysis.report.charts.compared import compared, sizes
from analysis.report.charts.compensation import compensation, price_window
from analysis.report.charts.first_day import first_day
from analysis.report.charts.numbers import (
    compared_data,
    compensation_data,
    first_day_data,
    later_milestones_data,
    milestone_chain_data,
    price_window_data,
    response_data,
    sizes_data,
    timeline_data,
)
from analysis.report.charts.since_theft import later_milestones, response
from analysis.report.charts.timeline import milestone_chain, timeline

__all__ = [
    "compared",
    "compared_data",
    "compared_of",
    "compared_source",
    "compensation",
    "compensation_data",
    "compensation_of",
    "first_day",
    "first_day_data",
    "first_day_of",
    "first_days_of",
    "later_milestones",
    "later_milestones_data",
    "later_milestones_of",
    "milestone_chain",
    "milestone_chain_data",
    "milestone_chain_of",
    "price_window",
    "price_window_data",
    "price_window_of",
    "response",
    "response_data",
    "response_of",
    "sizes",
    "sizes_data",
    "sizes_of",
    "timeline",
    "timeline_data",
    "timeline_of",
    "title_of",
]
