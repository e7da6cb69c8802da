"""Allow ``python -m rdzl_graph``."""

import sys

from .cli import main

sys.exit(main())
