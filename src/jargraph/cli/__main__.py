"""``python -m jargraph.cli``: the same command line as ``jargraph``."""

import sys

from . import main

sys.exit(main())
