"""The ``tradegraph`` command: a thin frame over the library.

Each command lives in ``tradegraph/commands/<name>.py`` with ``register(subparsers)``; it sets
``func(args) -> int`` on its parser. Only here are errors turned into messages and exit codes:
a ``TradegraphError`` prints its coded message (exit 1), an argument error argparse's usage
(exit 2), anything else a coded TG099 line asking for a report; ``--debug`` shows the traceback.
"""

from __future__ import annotations

import argparse
import importlib
import logging
import sys
from collections.abc import Sequence

from tradegraph.graph.errors import TradegraphError

COMMANDS = (
    "ingest",
    "watch",
    "forget",
    "extract",
    "evaluate",
    "train",
    "stats",
    "actors",
    "ask",
    "query",
    "cypher",
    "viz",
    "timeline",
    "export",
    "neo4j",
    "demo",
    "migrate",
)
log = logging.getLogger("tradegraph")


def version() -> str:
    from tradegraph import __version__

    return f"tradegraph {__version__}"


def _common(parser: argparse.ArgumentParser, top: bool) -> None:
    """``--version``, ``--debug`` and ``--quiet`` on the main parser and on every command."""
    default = False if top else argparse.SUPPRESS
    parser.add_argument("--version", action="version", version=version())
    parser.add_argument(
        "--debug", action="store_true", default=default, help="show tracebacks and driver logs"
    )
    parser.add_argument("--quiet", "-q", action="store_true", default=default, help="no progress output")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="tradegraph",
        description="Turn news about trade diplomacy into a knowledge graph and ask it questions.",
    )
    _common(parser, top=True)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMANDS:
        try:
            module = importlib.import_module(f"tradegraph.commands.{name}")
        except ModuleNotFoundError as err:
            if err.name != f"tradegraph.commands.{name}":
                raise
            continue  # a command not written yet
        module.register(sub)
        _common(sub.choices[name], top=False)
    return parser


_handler: logging.Handler | None = None


def setup_logging(debug: bool) -> None:
    """Our warnings on stderr; the Neo4j driver's notifications only with ``--debug``.

    The driver logs server notifications (a ``GqlStatusObject`` on the first query of a new
    label, say) as warnings; without a handler Python would dump them raw on stderr. Only our
    own handler is replaced, so an embedding program's logging setup stays as it was.
    """
    global _handler
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("tradegraph: %(levelname)s: %(name)s: %(message)s"))
    levels = {"tradegraph": logging.DEBUG if debug else logging.WARNING}
    levels["neo4j"] = logging.DEBUG if debug else logging.CRITICAL
    for name, level in levels.items():
        logger = logging.getLogger(name)
        if _handler is not None:
            logger.removeHandler(_handler)
        logger.addHandler(handler)
        logger.setLevel(level)
    _handler = handler
    if not debug:
        import warnings

        warnings.filterwarnings("ignore", module="neo4j")


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    debug = "--debug" in argv
    setup_logging(debug)
    try:
        parser = build_parser()
        args = parser.parse_args(argv)
        if not getattr(args, "func", None):
            parser.print_help()
            return 2
        return int(args.func(args) or 0)
    except TradegraphError as err:
        if debug:
            raise
        print(f"tradegraph: {err}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("tradegraph: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
    except OSError as err:  # a file the user named cannot be read or written
        if debug:
            raise
        where = f" {err.filename!r}" if getattr(err, "filename", None) else ""
        print(
            f"tradegraph: [TG183] cannot use{where}: {err.strerror or err}; check the path", file=sys.stderr
        )
        return 1
    except MemoryError:
        print("tradegraph: [TG098] out of memory; process fewer articles at once", file=sys.stderr)
        return 1
    except Exception as err:  # noqa: BLE001 - the last line of defence: a message, not a traceback
        if debug:
            raise
        log.debug("unexpected error", exc_info=True)
        print(
            f"tradegraph: [TG099] unexpected {type(err).__name__}: {err}; "
            "rerun with --debug for the traceback and please report it",
            file=sys.stderr,
        )
        return 1


if __name__ == "__main__":
    sys.exit(main())
