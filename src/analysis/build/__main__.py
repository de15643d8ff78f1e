"""python -m analysis.build: the build's command line (analysis.build.pipeline)."""

import sys

from analysis.build.pipeline import main

sys.exit(main())
