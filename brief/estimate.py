"""Before any call: the tokens a run would send and receive, its cost, and the budget check.

Input tokens of the first round are counted exactly on the prompts the run would send. Output
is not knowable in advance: `output_tokens` assumes EXPECTED_OUTPUT per call, and the budget is
checked against the worst case (every call writing max_output_tokens). A repair request, when
an answer is invalid, comes on top.
"""

from __future__ import annotations

import math

from brief import llm_prompt, pricing
from brief.errors import ConfigError
from brief.models import Article, Strict
from brief.settings import Settings

EXPECTED_OUTPUT = 700  # tokens of a typical answer: a bottom line and about a dozen points


class Estimate(Strict):
    model: str
    input_tokens: int
    output_tokens: int
    calls: int
    cost_usd: float | None
    max_output_tokens: int  # worst case: every call writes max_output_tokens
    max_cost_usd: float | None
    chunks: int
    rounds: int
    sentence_tokens: int  # the distinct sentences alone
    overhead_tokens: int  # system prompt and framing, per call
    prices_as_of: str = pricing.PRICES_AS_OF


def estimate(
    articles: list[Article], settings: Settings, *, plan: llm_prompt.Plan | None = None
) -> Estimate:
    """What `brief run --engine llm` would send for `articles`; sends nothing.

    `plan` is llm_prompt.plan(articles, settings) when the caller has already built it.
    """
    if plan is None:
        plan = llm_prompt.plan(articles, settings)
    per_answer = min(EXPECTED_OUTPUT, settings.max_output_tokens)
    input_tokens = sum(plan.chunk_tokens)
    calls = drafts = len(plan.chunks)
    rounds = 1
    # Reduce rounds as condense runs them, with answers assumed EXPECTED_OUTPUT long.
    per_batch = max(2, plan.room // per_answer)
    while drafts > 1:
        batches = math.ceil(drafts / per_batch)
        calls += batches
        input_tokens += batches * plan.overhead_tokens + drafts * per_answer
        drafts = batches
        rounds += 1
    output_tokens = calls * per_answer
    worst = calls * settings.max_output_tokens
    return Estimate(
        model=settings.model,
        input_tokens=input_tokens,
        output_tokens=output_tokens,
        calls=calls,
        cost_usd=pricing.cost(settings.model, input_tokens, 0, output_tokens),
        max_output_tokens=worst,
        max_cost_usd=pricing.cost(settings.model, input_tokens, 0, worst),
        chunks=len(plan.chunks),
        rounds=rounds,
        sentence_tokens=plan.sentence_tokens,
        overhead_tokens=plan.overhead_tokens,
    )


def check_budget(est: Estimate, settings: Settings) -> None:
    """Raise ConfigError (78) when the estimate is over --max-input-tokens or --max-cost."""
    limit = settings.max_input_tokens
    if limit is not None and est.input_tokens > limit:
        raise ConfigError(
            f"this run would send about {est.input_tokens} input tokens, over "
            f"--max-input-tokens {limit}; nothing was sent (raise the limit or pass fewer articles)"
        )
    if settings.max_cost is None:
        return
    if est.max_cost_usd is None:
        raise ConfigError(
            f"no known price for model {est.model!r}, so --max-cost cannot be checked; "
            "nothing was sent (drop --max-cost, or use --max-input-tokens)"
        )
    if est.max_cost_usd > settings.max_cost:
        raise ConfigError(
            f"this run could cost up to ${est.max_cost_usd:.4f} ({est.input_tokens} tokens in, "
            f"up to {est.max_output_tokens} out), over --max-cost {settings.max_cost}; nothing was "
            "sent (raise the limit, lower --max-output-tokens or pass fewer articles)"
        )
