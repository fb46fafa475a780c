"""``python -m tradegraph.demo`` (what ``./run demo`` runs): the main job on the example articles.

The work is ``tradegraph.commands.demo``; this module only gives it an entry point of its own.
"""

from __future__ import annotations

import sys

from tradegraph.commands.demo import main

if __name__ == "__main__":
    sys.exit(main())
