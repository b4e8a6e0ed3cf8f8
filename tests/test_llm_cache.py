"""The answer cache: what changes the key, and what a damaged entry does."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from brief import llm_engine, llm_prompt
from brief.llm_cache import LLMCache, cache_key
from brief.settings import Settings
from tests.llm_server import ChatServer
from tests.test_llm import ARTICLES


def test_an_answer_round_trips_and_a_missing_one_is_none(tmp_path: Path) -> None:
    cache = LLMCache(tmp_path)
    key = cache_key("gpt-4.1-mini", "http://x/v1", "prompt")
    assert cache.get(key) is None
    cache.put(key, '{"answer": 1}')
    assert cache.get(key) == '{"answer": 1}'
    assert not list(tmp_path.rglob("*.tmp"))


@pytest.fixture
def server() -> Iterator[ChatServer]:
    with ChatServer() as s:
        yield s


def test_a_damaged_entry_is_asked_again_and_replaced(server: ChatServer, tmp_path: Path) -> None:
    settings = Settings(OPENAI_BASE_URL=server.url, cache_dir=tmp_path, llm_retries=0)
    first = llm_engine.condense(ARTICLES, settings)
    [entry] = list(tmp_path.rglob("*.json"))
    entry.write_text("{not json")

    again = llm_engine.condense(ARTICLES, settings)
    assert len(server.requests) == 2
    assert again.points == first.points
    llm_engine.condense(ARTICLES, settings)
    assert len(server.requests) == 2


def test_an_unwritable_cache_loses_the_entry_not_the_answer(
    server: ChatServer, tmp_path: Path
) -> None:
    blocked = tmp_path / "cache"
    blocked.write_text("")  # a file where the folder should be
    settings = Settings(OPENAI_BASE_URL=server.url, cache_dir=blocked, llm_retries=0)
    draft = llm_engine.condense(ARTICLES, settings)
    assert draft.points and draft.bottom_line is not None
    assert draft.counts["cache_write_errors"] == 1

    llm_engine.condense(ARTICLES, settings)
    assert len(server.requests) == 2  # nothing was stored: the rerun pays again
    assert list(tmp_path.iterdir()) == [blocked]


def test_every_setting_that_shapes_the_answer_is_asked_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    prompts = tmp_path / "prompts"
    shutil.copytree(llm_prompt.prompts_dir(), prompts)
    monkeypatch.setattr(llm_prompt, "prompts_dir", lambda: prompts)
    with ChatServer() as one, ChatServer() as two:
        base: dict[str, Any] = {"OPENAI_BASE_URL": one.url, "cache_dir": tmp_path / "cache"}

        def requests_sent(**changes: Any) -> int:
            before = len(one.requests) + len(two.requests)
            llm_engine.condense(ARTICLES, Settings(**{**base, **changes}))
            return len(one.requests) + len(two.requests) - before

        assert (requests_sent(), requests_sent()) == (1, 0)
        changes: list[dict[str, Any]] = [
            {"temperature": 0.7},
            {"max_output_tokens": 1_000},
            {"model": "gpt-4o-mini"},
            {"OPENAI_BASE_URL": two.url},
        ]
        for change in changes:
            assert (requests_sent(**change), requests_sent(**change)) == (1, 0), change
        # The repair prompt is not sent in a run that needs no repair; it still shapes answers.
        repair = prompts / "repair.j2"
        repair.write_text(repair.read_text() + "Mind the schema.\n")
        assert (requests_sent(), requests_sent()) == (1, 0)
