"""Per-model prices and context windows: a small table, dated, for estimates and `usage`.

Prices are OpenAI's list prices (standard tier, USD per million tokens) as published on
PRICES_AS_OF; check https://openai.com/api/pricing before trusting a cost to the cent.
Models not in the table (local servers, other vendors) get no price: cost is unknown, not 0.
"""

from __future__ import annotations

from brief.models import Strict

PRICES_AS_OF = "2025-08-15"
DEFAULT_CONTEXT = 128_000


class ModelPrice(Strict):
    input: float  # USD per 1M input tokens
    cached_input: float  # USD per 1M input tokens served from the provider's prompt cache
    output: float  # USD per 1M output tokens
    context: int  # context window, tokens


TABLE: dict[str, ModelPrice] = {
    "gpt-4.1": ModelPrice(input=2.00, cached_input=0.50, output=8.00, context=1_047_576),
    "gpt-4.1-mini": ModelPrice(input=0.40, cached_input=0.10, output=1.60, context=1_047_576),
    "gpt-4.1-nano": ModelPrice(input=0.10, cached_input=0.025, output=0.40, context=1_047_576),
    "gpt-4o": ModelPrice(input=2.50, cached_input=1.25, output=10.00, context=128_000),
    "gpt-4o-mini": ModelPrice(input=0.15, cached_input=0.075, output=0.60, context=128_000),
    "gpt-5": ModelPrice(input=1.25, cached_input=0.125, output=10.00, context=400_000),
    "gpt-5-mini": ModelPrice(input=0.25, cached_input=0.025, output=2.00, context=400_000),
    "gpt-5-nano": ModelPrice(input=0.05, cached_input=0.005, output=0.40, context=400_000),
    "o4-mini": ModelPrice(input=1.10, cached_input=0.275, output=4.40, context=200_000),
    "o3": ModelPrice(input=2.00, cached_input=0.50, output=8.00, context=200_000),
}


def price(model: str) -> ModelPrice | None:
    """The entry for `model`; a dated snapshot ("gpt-4.1-mini-2025-04-14") uses its family's."""
    if model in TABLE:
        return TABLE[model]
    family = [name for name in TABLE if model.startswith(name + "-")]
    return TABLE[max(family, key=len)] if family else None


def context_window(model: str) -> int:
    entry = price(model)
    return entry.context if entry else DEFAULT_CONTEXT


def cost(model: str, input_tokens: int, cached_tokens: int, output_tokens: int) -> float | None:
    """USD for one or more calls; None when the model has no known price."""
    entry = price(model)
    if entry is None:
        return None
    fresh = max(input_tokens - cached_tokens, 0)
    usd = fresh * entry.input + cached_tokens * entry.cached_input + output_tokens * entry.output
    return round(usd / 1_000_000, 6)
