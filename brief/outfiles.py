"""Output files: written whole or not at all, and one run at a time per output folder."""

from __future__ import annotations

import fcntl
import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from brief.errors import ConfigError, TemporaryFailure

LOCK_NAME = ".brief.lock"


@contextmanager
def run_lock(out: Path) -> Iterator[None]:
    """Hold an exclusive lock on `out` for the run; a second run exits 75 at once."""
    try:
        out.mkdir(parents=True, exist_ok=True)
        handle = (out / LOCK_NAME).open("a")
    except OSError as exc:
        raise ConfigError(f"cannot write to output folder {out}: {exc.strerror}") from exc
    with handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError as exc:
            raise TemporaryFailure(
                f"another brief run holds the lock on {out / LOCK_NAME}; retry when it ends"
            ) from exc
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def write_atomically(folder: Path, contents: dict[str, bytes]) -> dict[str, Path]:
    """Write each file to a temporary name in `folder`, then rename it into place.

    All files are fully written and synced before the first rename, so a failure while writing
    leaves the previous outputs untouched.
    """
    staged: list[tuple[Path, Path]] = []
    try:
        folder.mkdir(parents=True, exist_ok=True)
        for name, data in contents.items():
            fd, tmp_name = tempfile.mkstemp(prefix=f".{name}.", suffix=".tmp", dir=folder)
            staged.append((Path(tmp_name), folder / name))
            # mkstemp makes the file private; outputs are read by mailers and web servers
            os.fchmod(fd, 0o666 & ~_umask())
            with os.fdopen(fd, "wb") as fh:
                fh.write(data)
                fh.flush()
                os.fsync(fh.fileno())
    except BaseException as exc:
        for staged_tmp, _ in staged:
            staged_tmp.unlink(missing_ok=True)
        if isinstance(exc, OSError):
            raise ConfigError(
                f"cannot write to {folder}: {exc.strerror or exc} (choose another --out)"
            ) from exc
        raise
    for staged_tmp, final in staged:
        os.replace(staged_tmp, final)
    return {final.name: final for _, final in staged}


def remove_stale(folder: Path, names: set[str], keep: set[str]) -> None:
    """Delete outputs of an earlier run that this run did not write (e.g. a narrower --format)."""
    for name in names - keep:
        (folder / name).unlink(missing_ok=True)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
