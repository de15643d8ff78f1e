"""Data, checks and figures for the report on the January 2018 Coincheck NEM theft."""

import time

# When this process began reading the package; everything else it reads (data, notebooks,
# templates) comes later. A build dates what it publishes with it, so that an input edited while
# it ran leaves the result out of date for make. (Not the process's start time as psutil derives
# it from /proc: that rests on a boot time known to the second.)
LOADED_AT = time.time()

from analysis.errors import DataValidationError, Problem  # noqa: E402

__all__ = ["DataValidationError", "Problem"]
