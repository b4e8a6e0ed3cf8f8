"""`brief estimate`: tokens, calls and cost before any call, and the budget refusal."""

from __future__ import annotations

import pytest

from brief import llm_engine, llm_prompt, pricing
from brief.errors import ConfigError
from brief.estimate import check_budget, estimate
from brief.llm import Message
from brief.settings import Settings
from tests.llm_server import ChatServer, user_text
from tests.test_llm import ARTICLES, many_articles


def test_estimate_needs_no_endpoint_and_counts_the_prompt_that_is_sent() -> None:
    est = estimate(ARTICLES, Settings())
    assert (est.calls, est.chunks, est.rounds) == (1, 1, 1)

    with ChatServer() as server:
        llm_engine.condense(ARTICLES, Settings(OPENAI_BASE_URL=server.url))
        sent = [Message(**m) for m in server.requests[0]["messages"]]
    assert est.input_tokens == llm_prompt.message_tokens(sent, "gpt-4.1-mini")
    assert est.input_tokens > est.sentence_tokens + est.overhead_tokens
    # gpt-4.1-mini: $0.40 per million tokens in, $1.60 out; 700 tokens expected per answer.
    assert est.output_tokens == 700
    assert est.cost_usd == pytest.approx(est.input_tokens * 0.40e-6 + 700 * 1.60e-6, abs=1e-6)
    assert est.max_cost_usd == pytest.approx(est.input_tokens * 0.40e-6 + 4096 * 1.60e-6, abs=1e-6)


def test_one_plan_serves_the_estimate_and_the_run() -> None:
    articles = many_articles(24)
    with ChatServer() as server:
        settings = Settings(OPENAI_BASE_URL=server.url, context_tokens=2_000, max_output_tokens=400)
        plan = llm_prompt.plan(articles, settings)
        assert estimate(articles, settings, plan=plan) == estimate(articles, settings)
        llm_engine.condense(articles, settings, plan=plan)
        maps = [user_text(r) for r in server.requests if "Articles" in user_text(r)]
    assert sorted(maps) == sorted(chunk[1].content for chunk in plan.chunks)  # sent in parallel


def test_a_chunked_run_makes_the_calls_the_estimate_announced() -> None:
    articles = many_articles(24)
    with ChatServer() as server:
        settings = Settings(OPENAI_BASE_URL=server.url, context_tokens=2_000, max_output_tokens=400)
        est = estimate(articles, settings)
        assert server.requests == []
        llm_engine.condense(articles, settings)
        maps = [r for r in server.requests if "Articles" in user_text(r)]
    # Map calls are known exactly; reduce calls depend on answer lengths, assumed long.
    assert est.chunks == len(maps) >= 3
    assert est.calls >= len(server.requests) > len(maps)


def test_over_max_input_tokens_is_refused() -> None:
    est = estimate(ARTICLES, Settings())
    check_budget(est, Settings(max_input_tokens=est.input_tokens))
    with pytest.raises(ConfigError, match=r"max-input-tokens.*nothing was sent") as caught:
        check_budget(est, Settings(max_input_tokens=est.input_tokens - 1))
    assert caught.value.exit_code == 78


def test_max_cost_is_checked_against_the_worst_case() -> None:
    est = estimate(ARTICLES, Settings())
    assert est.max_cost_usd is not None and est.cost_usd is not None
    assert est.max_cost_usd > est.cost_usd
    check_budget(est, Settings(max_cost=est.max_cost_usd))
    with pytest.raises(ConfigError, match=r"up to \$.*max-cost"):
        check_budget(est, Settings(max_cost=(est.cost_usd + est.max_cost_usd) / 2))


def test_a_model_without_a_price_has_no_cost_and_cannot_meet_max_cost() -> None:
    est = estimate(ARTICLES, Settings(model="llama3.1:8b"))
    assert est.cost_usd is None
    check_budget(est, Settings(model="llama3.1:8b", max_input_tokens=10**6))
    with pytest.raises(ConfigError, match="no known price"):
        check_budget(est, Settings(model="llama3.1:8b", max_cost=1.0))


def test_a_dated_snapshot_uses_its_family_price() -> None:
    assert pricing.price("gpt-4.1-mini-2025-04-14") == pricing.TABLE["gpt-4.1-mini"]
    assert pricing.cost("gpt-4o-mini", 1_000_000, 0, 0) == pytest.approx(0.15)
    assert pricing.cost("gpt-4o-mini", 1_000_000, 1_000_000, 0) == pytest.approx(0.075)
