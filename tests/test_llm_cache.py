"""The answer cache: what changes the key, and what a damaged entry does."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from brief import llm_engine
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


def test_every_part_of_the_key_matters() -> None:
    base = ("gpt-4.1-mini", "http://x/v1", "0.0", "prompt")
    keys = {cache_key(*base)}
    for i in range(len(base)):
        changed = list(base)
        changed[i] += "!"
        keys.add(cache_key(*changed))
    assert len(keys) == len(base) + 1
    assert cache_key("ab", "c") != cache_key("a", "bc")


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


def test_another_endpoint_is_another_answer(tmp_path: Path) -> None:
    with ChatServer() as one, ChatServer() as two:
        llm_engine.condense(ARTICLES, Settings(OPENAI_BASE_URL=one.url, cache_dir=tmp_path))
        llm_engine.condense(ARTICLES, Settings(OPENAI_BASE_URL=two.url, cache_dir=tmp_path))
        assert len(one.requests) == len(two.requests) == 1
