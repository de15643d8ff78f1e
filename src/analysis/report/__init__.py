"""The report: a report's context, its sections and findings as plain objects, its charts, and the
one renderer that makes them HTML. Imports the data and the measures, never the build."""
