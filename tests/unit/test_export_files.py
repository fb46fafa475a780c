"""Exports are written whole or not at all: a coded error, never a traceback or a broken file."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from fixtures.viz_graph import ACTORS, ARTICLES, RELATIONS

from tradegraph.cli import main
from tradegraph.graph.backends.memory import MemoryStore
from tradegraph.graph.errors import InputError
from tradegraph.graph.export.files import write_bytes_atomically, write_text_atomically

FORMATS = ["json", "graphml", "turtle", "jsonld"]


@pytest.fixture
def store_dir(tmp_path: Path) -> Path:
    store = MemoryStore(tmp_path / "store")
    store.upsert(ACTORS, RELATIONS, ARTICLES)
    store.close()
    return tmp_path / "store"


def _export(store_dir: Path, fmt: str, out: str) -> int:
    return main(["export", "--store", str(store_dir), "--format", fmt, "-o", out])


@pytest.mark.parametrize("fmt", FORMATS)
def test_export_onto_a_directory_is_a_coded_error(
    store_dir: Path, tmp_path: Path, fmt: str, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "out").mkdir()
    assert _export(store_dir, fmt, str(tmp_path / "out")) == 1
    assert "[TG175]" in capsys.readouterr().err and list((tmp_path / "out").iterdir()) == []


@pytest.mark.parametrize("fmt", FORMATS)
def test_export_into_a_missing_directory_is_a_coded_error(
    store_dir: Path, tmp_path: Path, fmt: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert _export(store_dir, fmt, str(tmp_path / "missing" / "g.out")) == 1
    assert "[TG175]" in capsys.readouterr().err


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full")
@pytest.mark.parametrize("fmt", FORMATS)
def test_export_onto_a_full_device_is_a_coded_error(
    store_dir: Path, fmt: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert _export(store_dir, fmt, "/dev/full") == 1
    assert "[TG175] cannot write /dev/full: no space" in capsys.readouterr().err


def test_export_replaces_an_old_file_whole_with_its_permissions(tmp_path: Path) -> None:
    target = tmp_path / "g.txt"
    target.write_text("old", encoding="utf-8")
    target.chmod(0o640)
    write_text_atomically(target, "new")
    assert target.read_text(encoding="utf-8") == "new" and target.stat().st_mode & 0o777 == 0o640
    assert [p.name for p in tmp_path.iterdir()] == ["g.txt"]
    fresh = write_bytes_atomically(tmp_path / "fresh.txt", b"x")
    umask = os.umask(0)
    os.umask(umask)
    assert fresh.stat().st_mode & 0o777 == 0o666 & ~umask


def test_export_text_with_a_lone_surrogate_is_a_coded_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match=r"\[TG176\]"):
        write_text_atomically(tmp_path / "g.json", "a\ud800b")
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("target", ["dir", "missing", "/dev/full"])
def test_viz_unwritable_target_is_a_coded_error(
    store_dir: Path, tmp_path: Path, target: str, capsys: pytest.CaptureFixture[str]
) -> None:
    if target == "/dev/full" and not os.path.exists(target):
        pytest.skip("needs /dev/full")
    (tmp_path / "dir").mkdir()
    out = {"dir": str(tmp_path / "dir"), "missing": str(tmp_path / "no" / "p.html")}.get(target, target)
    assert main(["viz", "--store", str(store_dir), "-o", out]) == 1
    assert "[TG175]" in capsys.readouterr().err
