"""``tradegraph migrate``: turn a store directory of the format before SQLite into SQLite now.

Opening such a directory migrates it too; this command does it on purpose and prints the report
(what was read, and every damaged line or record that was skipped). The old files stay as they were.
"""

from __future__ import annotations

import argparse
import os
from pathlib import Path

from tradegraph.commands.options import add_store_option


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser("migrate", help="migrate an embedded store of the old format to SQLite")
    add_store_option(parser)
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from tradegraph.graph.backends.migrate import migrate_directory, needs_migration
    from tradegraph.graph.backends.sqlite import spec_path
    from tradegraph.graph.errors import InputError
    from tradegraph.graph.store import DEFAULT_STORE_PATH, STORE_ENV

    directory = Path(spec_path(args.store or os.environ.get(STORE_ENV) or DEFAULT_STORE_PATH))
    report = migrate_directory(directory) if needs_migration(directory) else None
    if report is None:
        raise InputError(
            f"{directory} holds no store in the old format (snapshot.json, journal.jsonl without "
            "graph.sqlite): it is already migrated, or the path is wrong",
            code="TG353",
        )
    print(report.summary())
    return 0
