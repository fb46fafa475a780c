"""The examples in docstrings run (networkx style): they are documentation that cannot rot."""

from __future__ import annotations

import doctest
import importlib

import pytest

MODULES = ["tradegraph.graph.model", "tradegraph.loaders.parallel", "tradegraph.loaders.watch"]


@pytest.mark.parametrize("name", MODULES)
def test_doctests_pass(name):
    result = doctest.testmod(importlib.import_module(name))
    assert result.attempted > 0 and result.failed == 0
