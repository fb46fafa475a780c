#!/usr/bin/env bash
# The test suite, as `./run test` runs it (and `.ci/run` through it). Extra arguments go to pytest.
# Without $TRADEGRAPH_TEST_NEO4J_URI it starts a managed Neo4j of its own (a separate home and port,
# so the tests' clearing never touches your data) and stops it afterwards.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${TRADEGRAPH_VENV:-.venv}/bin/python

if [ -z "${TRADEGRAPH_TEST_NEO4J_URI:-}" ]; then
  export TRADEGRAPH_NEO4J_HOME=${TRADEGRAPH_TEST_NEO4J_HOME:-$HOME/.tradegraph/neo4j-test}
  export TRADEGRAPH_NEO4J_PORT=${TRADEGRAPH_TEST_NEO4J_PORT:-7697}
  if ! "$PY" -m tradegraph neo4j status >/dev/null; then
    trap '"$PY" -m tradegraph neo4j stop' EXIT
    "$PY" -m tradegraph neo4j start
  fi
  export TRADEGRAPH_TEST_NEO4J_URI="bolt://127.0.0.1:$TRADEGRAPH_NEO4J_PORT"
fi

# Static guardrails first (settings in pyproject.toml): formatting, lint (line length 110,
# mccabe complexity <= 15 with an allow-list that only shrinks), the layers, types.
BIN=$(dirname "$PY")
"$BIN/ruff" format --check tradegraph tests benchmarks notebooks
"$BIN/ruff" check tradegraph tests benchmarks notebooks
"$BIN/lint-imports"
"$PY" -m mypy

# A per-test limit, so one hung test fails alone instead of running CI out of time.
status=0
# One run: the tests and every docstring example of the package (networkx style).
"$PY" -m pytest -q --timeout="${TRADEGRAPH_TEST_TIMEOUT:-600}" --doctest-modules tests tradegraph "$@" || status=$?
if [ "$status" -eq 5 ]; then
  echo "test.sh: pytest ran no test; that is a failure" >&2
  exit 1
fi
exit "$status"
