"""``python -m jargraph``: the same command line as ``jargraph``."""

import sys

from .cli import main

sys.exit(main())
