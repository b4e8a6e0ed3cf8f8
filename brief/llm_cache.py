"""Validated LLM answers on disk, keyed by everything that shapes them: a rerun sends nothing.

One JSON file per answer under Settings.llm_cache_dir(); writes are atomic. An unreadable entry
is a miss and an unwritable folder a lost entry, never an error: the answer is already paid for.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
from pathlib import Path


def cache_key(*parts: str) -> str:
    """sha256 of the parts (model, endpoint, prompts, schema, parameters…), unambiguously joined."""
    return hashlib.sha256(json.dumps(parts).encode()).hexdigest()


class LLMCache:
    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def _path(self, key: str) -> Path:
        return self.folder / key[:2] / f"{key}.json"

    def get(self, key: str) -> str | None:
        """The stored answer for `key`, or None."""
        try:
            return self._path(key).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            return None

    def put(self, key: str, answer: str) -> bool:
        """Store `answer`; False when the folder cannot be written (the caller goes on)."""
        path = self._path(key)
        tmp = path.with_name(f"{path.name}.{os.getpid()}.{id(answer)}.tmp")
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            tmp.write_text(answer, encoding="utf-8")
            tmp.replace(path)
        except OSError:
            with contextlib.suppress(OSError):
                tmp.unlink()
            return False
        return True
