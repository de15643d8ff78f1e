"""Data, checks and figures for the report on the January 2018 Coincheck NEM theft."""

from analysis.errors import DataValidationError, Problem

__all__ = ["DataValidationError", "Problem"]
