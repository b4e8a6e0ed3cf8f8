"""The LLM engine: condense articles into a Draft through any OpenAI-compatible endpoint.

The model fills a small DraftResponse that cites sentence numbers; `convert` is the one place
that turns an answer into DraftPoints, keeping only numbers that were shown. Inputs too big for
the context are condensed chunk by chunk in parallel, then merged by reduce calls.
"""

from __future__ import annotations

import json
import threading
import time
from collections import Counter
from collections.abc import Callable, Mapping
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from pydantic import ValidationError

from brief import llm_prompt, pricing, tokens
from brief.errors import InvalidDataError, TemporaryFailure
from brief.llm import ChatClient, Message, Mode, Rejected
from brief.llm_cache import LLMCache, cache_key
from brief.models import Article, Draft, DraftPoint, EngineInfo, PointKind, Strict, Usage
from brief.settings import Settings

Progress = Callable[[int, int], None]


# --- what the model answers -----------------------------------------------------------------


class AnswerLine(Strict):
    text: str
    sentences: list[int]


class AnswerPoint(Strict):
    kind: PointKind
    text: str
    speaker: str | None
    quote: str | None
    sentences: list[int]


class DraftResponse(Strict):
    bottom_line: AnswerLine
    points: list[AnswerPoint]


def response_schema() -> dict[str, Any]:
    """DraftResponse as a strict JSON schema (every field required, no extra fields)."""

    def strip(node: Any) -> Any:
        if isinstance(node, dict):
            return {k: strip(v) for k, v in node.items() if k not in ("title", "default")}
        if isinstance(node, list):
            return [strip(v) for v in node]
        return node

    schema: dict[str, Any] = strip(DraftResponse.model_json_schema())
    return schema


def fingerprint(settings: Settings, prompts_hash: str, schema: dict[str, Any]) -> str:
    """Hash of the prompt files, the answer schema and the settings that shape the answer."""
    return settings.fingerprint(prompts_hash, json.dumps(schema))


# --- the one conversion -------------------------------------------------------------------


def restrict(answer: DraftResponse, allowed: set[int], counts: Counter[str]) -> DraftResponse:
    """Drop numbers that were not shown, then points left with none; count both."""

    def keep(numbers: list[int]) -> list[int]:
        kept = list(dict.fromkeys(n for n in numbers if n in allowed))
        counts["unknown_ids_dropped"] += len(set(numbers)) - len(kept)
        return kept

    points = []
    for point in answer.points:
        cited = keep(point.sentences)
        if cited:
            points.append(point.model_copy(update={"sentences": cited}))
        else:
            counts["points_without_citation_dropped"] += 1
    line = answer.bottom_line.model_copy(update={"sentences": keep(answer.bottom_line.sentences)})
    if not line.sentences:
        counts["points_without_citation_dropped"] += 1
    return DraftResponse(bottom_line=line, points=points)


def convert(
    answer: DraftResponse,
    shown: Mapping[int, list[str]],
    allowed: set[int],
    counts: Counter[str],
) -> tuple[DraftPoint | None, list[DraftPoint]]:
    """The answer as DraftPoints whose sentence_ids are all ids shown to the model.

    `shown` maps each number to the ids of its sentence group; `allowed` are the numbers this
    answer's request showed (all of them, or those of the drafts a reduce call merged).
    """
    answer = restrict(answer, allowed & set(shown), counts)

    def ids(numbers: list[int]) -> list[str]:
        return list(dict.fromkeys(i for n in numbers for i in shown[n]))

    total = len(answer.points)
    points = [
        DraftPoint(
            kind=p.kind,
            text=p.text,
            speaker=p.speaker,
            quote=p.quote,
            sentence_ids=ids(p.sentences),
            score=float(total - rank),  # the model lists the most important first
        )
        for rank, p in enumerate(answer.points)
    ]
    line = answer.bottom_line
    bottom = (
        DraftPoint(kind="context", text=line.text, sentence_ids=ids(line.sentences))
        if line.sentences
        else None
    )
    return bottom, points


# --- calls: cache, structured output, repair, deadline -------------------------------------


def parse(content: str) -> DraftResponse:
    """Validate an answer; tolerate the ```json fence some servers add around it."""
    text = content.strip()
    if text.startswith("```"):
        text = text.strip("`").removeprefix("json").strip()
    return DraftResponse.model_validate_json(text)


class _Run:
    """One condense run: shared client, cache, usage totals and the stage's deadline."""

    def __init__(
        self,
        settings: Settings,
        client: ChatClient,
        progress: Progress | None,
        schema: dict[str, Any],
        prompts_hash: str,
    ) -> None:
        self.settings = settings
        self.client = client
        self.cache = LLMCache(settings.llm_cache_dir())
        self.progress = progress
        self.deadline = time.monotonic() + settings.llm_deadline
        self.mode: Mode = "json_schema"
        self.schema = schema
        self.key_base = (
            settings.model,
            client.endpoint,
            str(settings.temperature),
            str(settings.max_output_tokens),
            json.dumps(schema, sort_keys=True),
            prompts_hash,
        )
        self.lock = threading.Lock()
        self.usage = Usage()
        self.counts: Counter[str] = Counter()
        self.done = 0
        self.total = 0

    def ask(self, messages: list[Message]) -> DraftResponse:
        """A validated answer: from the cache, or from the model with at most one repair."""
        key = cache_key(*self.key_base, json.dumps([m.model_dump() for m in messages]))
        cached = self.cache.get(key)
        answer = _parse_or_none(cached) if cached else None
        if answer is None:
            answer = self._ask_model(messages)
            if not self.cache.put(key, answer.model_dump_json()):
                # The answer is paid for: use it, and let run.json tell that a rerun pays again.
                with self.lock:
                    self.counts["cache_write_errors"] += 1
        else:
            with self.lock:
                self.counts["cache_hits"] += 1
        with self.lock:
            self.done += 1
            if self.progress:
                self.progress(self.done, self.total)
        return answer

    def _ask_model(self, messages: list[Message]) -> DraftResponse:
        content = self._send(messages)
        try:
            return parse(content)
        except ValidationError as exc:
            error = _short(exc)
        with self.lock:
            self.counts["repairs"] += 1
        repair = llm_prompt.render("repair.j2", error=error)
        retry = [
            *messages,
            Message(role="assistant", content=content),
            Message(role="user", content=repair),
        ]
        content = self._send(retry)
        try:
            return parse(content)
        except ValidationError as exc:
            raise InvalidDataError(
                f"the model's answer is still not valid after a repair request ({_short(exc)}); "
                f"try another --model (was {self.settings.model!r})"
            ) from exc

    def _send(self, messages: list[Message]) -> str:
        s = self.settings
        left = self.deadline - time.monotonic()
        if left <= 0:
            raise TemporaryFailure(
                f"the LLM step ran past its deadline of {s.llm_deadline:.0f} s; try again "
                "later or raise --llm-deadline"
            )
        # Every attempt of the client's own retries gets this timeout: keep them in the deadline.
        timeout = min(s.llm_timeout, left / (s.llm_retries + 1))
        mode = self.mode
        try:
            reply = self.client.complete(messages, mode, self.schema, timeout)
        except Rejected:
            if mode != "json_schema":
                raise
            # Servers without structured output often reject json_schema: ask for plain JSON.
            self.mode = "json_object"
            with self.lock:
                self.counts["json_object_fallback"] = 1
                self.usage.llm_calls += 1
            reply = self.client.complete(messages, "json_object", self.schema, timeout)
        with self.lock:
            u = self.usage
            u.llm_calls += 1
            u.input_tokens += reply.input_tokens
            u.output_tokens += reply.output_tokens
            u.cached_tokens += reply.cached_tokens
        if reply.refusal:
            raise InvalidDataError(f"the model refused to write the brief: {reply.refusal}")
        if reply.finish_reason == "length":
            raise InvalidDataError(
                f"the model's answer was cut off at {s.max_output_tokens} tokens; "
                "raise --max-output-tokens"
            )
        if reply.finish_reason == "content_filter":
            raise InvalidDataError("the endpoint's content filter stopped the answer")
        return reply.content or ""

    def ask_all(self, batches: list[list[Message]]) -> list[DraftResponse]:
        """Answers for several requests, at most `concurrency` in flight."""
        if len(batches) == 1:
            return [self.ask(batches[0])]
        with ThreadPoolExecutor(max_workers=min(self.settings.concurrency, len(batches))) as pool:
            futures = [pool.submit(self.ask, b) for b in batches]
            try:
                return [f.result() for f in futures]
            except BaseException:
                pool.shutdown(wait=False, cancel_futures=True)
                raise


def _parse_or_none(content: str) -> DraftResponse | None:
    try:
        return parse(content)
    except ValidationError:
        return None


def _short(exc: ValidationError) -> str:
    parts = [f"{'.'.join(map(str, e['loc'])) or 'answer'}: {e['msg']}" for e in exc.errors()[:5]]
    return "; ".join(parts)


# --- map and reduce -------------------------------------------------------------------------


def _reduce_batches(drafts: list[str], settings: Settings) -> list[list[int]]:
    """Consecutive drafts (their indexes) packed into reduce requests that fit the context."""
    overhead = llm_prompt.message_tokens(llm_prompt.reduce_messages([]), settings.model)
    room = llm_prompt.room_for_data(settings, overhead)
    costs = tokens.count_many([d + "\n" for d in drafts], settings.model)
    batches: list[list[int]] = [[]]
    used = 0
    for i, cost in enumerate(costs):
        if batches[-1] and used + cost > room:
            batches.append([])
            used = 0
        batches[-1].append(i)
        used += cost
    return batches


def condense(
    articles: list[Article],
    settings: Settings,
    *,
    progress: Progress | None = None,
    client: ChatClient | None = None,
    plan: llm_prompt.Plan | None = None,
) -> Draft:
    """A Draft written by the model; raises 75 (try later), 78 (configuration), 65 (bad answer).

    `plan` is llm_prompt.plan(articles, settings) when the caller has already built it.
    """
    if plan is None:
        plan = llm_prompt.plan(articles, settings)
    schema = response_schema()
    prompts_hash = llm_prompt.prompts_hash()
    run = _Run(settings, client or ChatClient(settings), progress, schema, prompts_hash)
    run.total = len(plan.chunks) + (1 if len(plan.chunks) > 1 else 0)
    answers = run.ask_all(plan.chunks)
    allowed = [set(plan.shown)] * len(answers)
    rounds = 1
    while len(answers) > 1:
        drafts = [restrict(a, ok, run.counts) for a, ok in zip(answers, allowed, strict=True)]
        texts = [d.model_dump_json() for d in drafts]
        batches = _reduce_batches(texts, settings)
        if len(batches) == len(drafts):
            raise InvalidDataError(
                "chunk drafts are too long to merge within the context window; "
                "lower --max-output-tokens or use a model with a larger context"
            )
        if len(batches) > 1:  # an extra round: the final reduce call is already counted
            run.total += len(batches)
        answers = run.ask_all([llm_prompt.reduce_messages([texts[i] for i in b]) for b in batches])
        # A reduce call may only cite numbers that were in the drafts it merged.
        allowed = [{n for i in b for n in _numbers(drafts[i])} for b in batches]
        rounds += 1
    bottom, points = convert(answers[0], plan.shown, allowed[0], run.counts)
    usage = run.usage
    # None when the model has no known price: unknown, never $0.
    cost = pricing.cost(
        settings.model, usage.input_tokens, usage.cached_tokens, usage.output_tokens
    )
    if cost is None:
        run.counts["price_unknown"] = 1
    usage = usage.model_copy(update={"cost_usd": cost, "cache_hit": usage.llm_calls == 0})
    counts = {
        "sentences": plan.sentences,
        "distinct_sentences": plan.distinct_sentences,
        "chunks": len(plan.chunks),
        "rounds": rounds,
        "unknown_ids_dropped": 0,
        "points_without_citation_dropped": 0,
        **run.counts,
    }
    return Draft(
        bottom_line=bottom,
        points=points,
        engine=EngineInfo(name="llm", model=settings.model),
        usage=usage,
        counts=counts,
        fingerprint=fingerprint(settings, prompts_hash, schema),
    )


def _numbers(draft: DraftResponse) -> set[int]:
    return {n for p in draft.points for n in p.sentences} | set(draft.bottom_line.sentences)
