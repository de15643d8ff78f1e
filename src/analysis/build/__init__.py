"""The build: the variants of a run, each notebook executed and turned into HTML and PDF, and
published to reports/ whole or not at all. The only layer that starts processes."""
