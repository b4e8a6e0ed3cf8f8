from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from brief.errors import ConfigError, TemporaryFailure
from brief.outfiles import run_lock, write_atomically


def test_files_are_replaced_whole(tmp_path: Path) -> None:
    write_atomically(tmp_path, {"a.txt": b"old a", "b.txt": b"old b"})
    written = write_atomically(tmp_path, {"a.txt": b"new a", "b.txt": b"new b"})
    assert written == {"a.txt": tmp_path / "a.txt", "b.txt": tmp_path / "b.txt"}
    assert (tmp_path / "a.txt").read_bytes() == b"new a"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.txt", "b.txt"]


def test_a_failure_while_writing_leaves_previous_outputs_untouched(tmp_path: Path) -> None:
    write_atomically(tmp_path, {"a.txt": b"old a", "b.txt": b"old b"})
    # the second file cannot be created (its folder does not exist): nothing may change
    with pytest.raises(ConfigError, match="cannot write"):
        write_atomically(tmp_path, {"a.txt": b"new a", "missing/b.txt": b"new b"})
    assert (tmp_path / "a.txt").read_bytes() == b"old a"
    assert (tmp_path / "b.txt").read_bytes() == b"old b"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.txt", "b.txt"]


def test_the_lock_refuses_a_second_holder_and_frees_after(tmp_path: Path) -> None:
    with (
        run_lock(tmp_path),
        pytest.raises(TemporaryFailure, match="another brief run"),
        run_lock(tmp_path),
    ):
        pass
    with run_lock(tmp_path):
        pass


def test_outputs_are_readable_by_others_as_the_umask_allows(tmp_path: Path) -> None:
    old = os.umask(0o022)
    try:
        write_atomically(tmp_path, {"brief.pdf": b"%PDF"})
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "brief.pdf").stat().st_mode) == 0o644


def test_an_output_folder_that_is_a_file_is_a_config_error(tmp_path: Path) -> None:
    (tmp_path / "2026-11-23").write_text("not a folder")
    with pytest.raises(ConfigError, match="choose another --out"):
        write_atomically(tmp_path / "2026-11-23", {"brief.json": b"{}"})
