"""One Chat Completions call to any OpenAI-compatible endpoint: the only module that imports openai.

Retries for 429, 5xx and timeouts are the openai client's own; this module turns what is left
into BriefErrors (75 for "try later", 78 for "fix your configuration").
"""

from __future__ import annotations

import json
from typing import Any, Literal, cast

import openai

from brief.errors import ConfigError, TemporaryFailure
from brief.models import Strict
from brief.settings import NO_ENDPOINT, Settings

Mode = Literal["json_schema", "json_object"]


class Message(Strict):
    role: Literal["system", "user", "assistant"]
    content: str


class Reply(Strict):
    content: str | None
    refusal: str | None = None
    finish_reason: str | None = None
    input_tokens: int = 0
    output_tokens: int = 0
    cached_tokens: int = 0


class Rejected(ConfigError):
    """The server refused the request as malformed (400/422); maybe only its response_format."""


def _reasoning(model: str) -> bool:
    # o-series and gpt-5 reject `temperature` and `max_tokens`.
    return model.startswith(("o1", "o3", "o4", "gpt-5"))


class ChatClient:
    """A configured client; `complete` sends one request (with the client's own retries)."""

    def __init__(self, settings: Settings) -> None:
        if not settings.llm_configured:
            raise ConfigError(NO_ENDPOINT)
        self.settings = settings
        self.endpoint = settings.base_url or "https://api.openai.com/v1"
        self._client = openai.OpenAI(
            # Local servers (vLLM, Ollama, llama.cpp) take any key, but the client wants one.
            api_key=settings.api_key or "no-key",
            base_url=self.endpoint,
            max_retries=settings.llm_retries,
            timeout=settings.llm_timeout,
        )

    def complete(
        self, messages: list[Message], mode: Mode, schema: dict[str, Any], timeout: float
    ) -> Reply:
        s = self.settings
        fmt: dict[str, Any] = (
            {
                "type": "json_schema",
                "json_schema": {"name": "draft", "strict": True, "schema": schema},
            }
            if mode == "json_schema"
            else {"type": "json_object"}
        )
        reasoning = _reasoning(s.model)
        try:
            resp = self._client.chat.completions.create(
                model=s.model,
                messages=cast(Any, [m.model_dump() for m in messages]),
                response_format=cast(Any, fmt),
                max_completion_tokens=s.max_output_tokens if reasoning else openai.omit,
                max_tokens=openai.omit if reasoning else s.max_output_tokens,
                temperature=openai.omit if reasoning else s.temperature,
                timeout=timeout,
            )
        except openai.APITimeoutError as exc:
            raise TemporaryFailure(
                f"the LLM at {self.endpoint} did not answer within {timeout:.0f} s "
                f"({s.llm_retries} retries); try again later or raise --llm-timeout"
            ) from exc
        except openai.APIConnectionError as exc:
            raise TemporaryFailure(
                f"cannot reach the LLM at {self.endpoint} ({exc}); check that it is running "
                "and OPENAI_BASE_URL, then try again"
            ) from exc
        except openai.APIStatusError as exc:
            raise _status_error(exc, self.endpoint, s) from exc
        if not resp.choices:
            return Reply(content=None, finish_reason="no choices")
        choice = resp.choices[0]
        usage = resp.usage
        details = usage.prompt_tokens_details if usage else None
        return Reply(
            content=choice.message.content,
            refusal=choice.message.refusal,
            finish_reason=choice.finish_reason,
            input_tokens=usage.prompt_tokens if usage else 0,
            output_tokens=usage.completion_tokens if usage else 0,
            cached_tokens=(details.cached_tokens or 0) if details else 0,
        )


def _server_message(exc: openai.APIStatusError) -> str:
    body = exc.body
    if isinstance(body, dict):
        inner = body.get("error", body)
        if isinstance(inner, dict) and inner.get("message"):
            return str(inner["message"])
        return json.dumps(body)[:300]
    return str(body or exc.message)[:300]


def _status_error(exc: openai.APIStatusError, endpoint: str, s: Settings) -> Exception:
    code = exc.status_code
    said = _server_message(exc)
    if code == 429 or code >= 500 or code in (408, 409):
        return TemporaryFailure(
            f"the LLM at {endpoint} answered {code} after {s.llm_retries} retries: {said}; "
            "try again later"
        )
    if code in (401, 403):
        return ConfigError(
            f"the LLM at {endpoint} refused the key ({code}): {said}; check OPENAI_API_KEY"
        )
    if code == 404:
        return ConfigError(
            f"the LLM at {endpoint} answered 404: {said}; check --model ({s.model!r}) "
            "and OPENAI_BASE_URL"
        )
    return Rejected(f"the LLM at {endpoint} rejected the request ({code}): {said}")
