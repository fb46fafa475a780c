"""A property test over the whole command line: every command, driven with generated arguments
(bad paths, dates, formats, names, stores, flags), ends with success, argparse's usage (exit 2)
or a coded message (exit 1) -- never a traceback and never an unexpected-error TG099."""

from __future__ import annotations

import io
import sys

import pytest
from fixtures import paraphrase_graph as pg
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tradegraph.cli import COMMANDS, main
from tradegraph.queries.catalogue import BY_CLI

# neo4j and demo start servers or ingest the examples: driven only with flags that stop early.
DRIVEN = [c for c in COMMANDS if c not in ("neo4j", "demo")]


@pytest.fixture(scope="module")
def store_dir(tmp_path_factory):
    from tradegraph.graph.backends.memory import MemoryStore

    path = tmp_path_factory.mktemp("cli-prop") / "store"
    with MemoryStore.open(path) as store:
        pg.load(store)
    return str(path)


def tokens(store: str, tmp: str) -> st.SearchStrategy[list[str]]:
    words = st.sampled_from(
        [
            "-",
            "--json",
            "--as-of",
            "2025-13-40",
            "2025-04-16",
            "yesterday",
            "-o",
            f"{tmp}/missing-dir/out.ttl",
            f"{tmp}/out.ttl",
            f"{tmp}/out.xyz",
            "--format",
            "turtle",
            "pdf",
            "--depth",
            "-3",
            "99",
            "--top",
            "x",
            "--kind",
            "robot",
            "person",
            "--actor",
            "Brendan Lynch",
            "Japan",
            "Who represents Japan?",
            "Is Japan allied with the US?",
            "???",
            "representatives",
            "tariffs-on",
            "path",
            "article:nope",
            "https://news.example/fx1",
            "/no/such/file.txt",
            f"{tmp}",
            "--actors",
            "/no/such/actors.yaml",
            "--min-confidence",
            "1.5",
            "--role",
            "ambassador",
            "--level",
            "state",
            "MATCH (n) RETURN n",
            "--quiet",
            "--version",
            "",
            "\x00",
        ]
    )
    stores = st.sampled_from([["--store", store], ["--store", store], ["--store", f"{tmp}/fresh-store"]])
    return st.tuples(st.lists(words, max_size=6), stores, st.lists(st.text(max_size=12), max_size=1)).map(
        lambda t: t[0] + t[1] + t[2]
    )


def drive(argv: list[str], capsys) -> tuple[int, str]:
    try:
        code = main(argv)
    except SystemExit as done:  # argparse: usage errors (2), --help and --version (0)
        code = int(done.code or 0)
    _, err = capsys.readouterr()
    return code, err


@settings(
    max_examples=80,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=st.data())
def test_cli_any_arguments_give_a_coded_message_never_a_traceback(
    data, store_dir, tmp_path, capsys, monkeypatch
):
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"")))
    command = data.draw(st.sampled_from(DRIVEN))
    argv = [command, *data.draw(tokens(store_dir, str(tmp_path)))]
    code, err = drive(argv, capsys)
    assert "Traceback" not in err, (argv, err)
    assert "[TG099]" not in err, (argv, err)
    assert code in (0, 1, 2), (argv, code, err)
    if code == 1:
        assert "[TG" in err, (argv, err)
    if code == 2:
        assert "usage:" in err, (argv, err)


@pytest.mark.parametrize(
    "argv", [["neo4j", "restart"], ["demo", "--no-such-flag"], ["--version"], ["ask", "--version"]]
)
def test_cli_stop_early_commands(argv, capsys):
    code, err = drive(argv, capsys)
    assert code in (0, 2) and "Traceback" not in err


BAD = [
    ["ask", "Who represents Japan?", "--as-of", "2025-02-30"],
    ["query", "representatives", "Japan", "--as-of", "soon"],
    ["export", "-o", "{tmp}/missing/graph.ttl"],
    ["viz", "-o", "{tmp}/missing/graph.html"],
    ["export", "-o", "{tmp}/graph.unknown"],
    ["ingest", "-"],
    ["forget", "article:nope"],
    ["ask", "Who does Brendan Lynch represent?"],
    ["query", "path", "Japan"],
    ["ingest", "{tmp}", "--actors", "{tmp}/none.yaml"],
]


@pytest.mark.parametrize("argv", BAD, ids=lambda a: " ".join(a[:2]))
def test_cli_bad_inputs_of_the_issue_are_coded(argv, store_dir, tmp_path, capsys, monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"")))
    code, err = drive([a.replace("{tmp}", str(tmp_path)) for a in argv] + ["--store", store_dir], capsys)
    assert code == 1 and "[TG" in err and "Traceback" not in err and "[TG099]" not in err, err


@pytest.mark.parametrize("debug", [False, True])
def test_cli_driver_notifications_are_logged_not_dumped(debug, capsys):
    import logging

    from tradegraph.cli import setup_logging

    setup_logging(debug)
    try:
        # What the Neo4j driver logs on the first query of a new label (a GqlStatusObject).
        logging.getLogger("neo4j.notifications").warning(
            "Received notification from DBMS server: %s", "<GqlStatusObject>"
        )
        err = capsys.readouterr().err
        assert ("GqlStatusObject" in err) is debug
        if debug:
            assert err.startswith("tradegraph: WARNING: neo4j.notifications:")
    finally:
        setup_logging(False)


NAMES = [
    "Japan",
    "the US",
    "Akazawa",
    "Wang",
    "Brendan Lynch",
    "",
    "country:JAP",
    "person:ryosei-akazawa",
    "'",
    "x" * 300,
]
QUESTIONS = [
    "Who represents X?",
    "Is X allied with the US?",
    "When did X replace Wang Shouwen?",
    "What tariffs has X imposed?",
    "Who represented X after 31 December 9999?",
    "Who represented X before 1 January 0001?",
    "Who represented X on 31 February 2025?",
    "Who represented X between 2025 and 1999?",
    "Who is X's ambassador?",
    "?",
]
OPTIONS = [
    [],
    ["--json"],
    ["--as-of", "0001-01-01"],
    ["--as-of", "9999-12-31"],
    ["--role", "minister"],
    ["--depth", "5"],
    ["--top", "0"],
]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    question=st.sampled_from(QUESTIONS),
    kind=st.sampled_from(sorted(BY_CLI)),
    names=st.lists(st.sampled_from(NAMES), max_size=3),
    options=st.sampled_from(OPTIONS),
    use_ask=st.booleans(),
)
def test_cli_questions_and_queries_never_crash(question, kind, names, options, use_ask, store_dir, capsys):
    if use_ask:
        argv = ["ask", question.replace("X", names[0] if names else "Japan"), *options[:2]]
    else:
        argv = ["query", kind, *names, *options]
    code, err = drive([*argv, "--store", store_dir], capsys)
    assert "Traceback" not in err and "[TG099]" not in err, (argv, err)
    assert code in (0, 1, 2) and (code != 1 or "[TG" in err), (argv, err)
