"""The static website of the reports (make site): a home page per language with a card per report,
each chart's numbers, sources and citation, the dataset, the corrections and full-text search.

It sits beside analysis.build, above the report layer: it reads the registry and each report's
context for the words and numbers it shows, and the built reports (reports/) for the pages.
"""
