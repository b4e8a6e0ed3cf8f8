"""Every test runs with its own state folder and no LLM endpoint unless it sets one."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"


@pytest.fixture(autouse=True)
def _isolated(
    monkeypatch: pytest.MonkeyPatch, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[None]:
    home = tmp_path_factory.mktemp("brief-home")
    monkeypatch.setenv("BRIEF_HOME", str(home))
    monkeypatch.setenv("BRIEF_CONFIG", str(home / "brief.toml"))
    for name in ("OPENAI_API_KEY", "OPENAI_BASE_URL", "BRIEF_MODEL", "BRIEF_ENGINE"):
        monkeypatch.delenv(name, raising=False)
    yield


@pytest.fixture
def seeds() -> Path:
    return SEEDS
