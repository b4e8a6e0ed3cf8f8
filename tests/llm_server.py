"""A real Chat Completions server on loopback, told per test how to answer (or fail).

`ChatServer` answers POST /v1/chat/completions. Scripted replies in `queue` are used first, one
per request; then `default`. Every request body is kept in `requests`, so a test sees what was
sent. `good_answer` writes a valid brief citing the sentence numbers it finds in the prompt.
"""

from __future__ import annotations

import json
import re
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

Body = dict[str, Any]
_LINE = re.compile(r"^(\d+) ", re.M)
_TEXT_LINE = re.compile(r"^(\d+) (.+)$", re.M)
_CITED = re.compile(r'"sentences":\[([\d,]*)\]')


@dataclass
class Response:
    status: int = 200
    body: Body | str = field(default_factory=dict)
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0


Responder = Callable[[Body], Response]


def completion(
    content: str | None,
    *,
    finish_reason: str = "stop",
    refusal: str | None = None,
    usage: tuple[int, int, int] = (100, 50, 0),
) -> Response:
    """A 200 Chat Completions answer; usage is (prompt, completion, cached) tokens."""
    prompt, out, cached = usage
    return Response(
        body={
            "id": "chatcmpl-test",
            "object": "chat.completion",
            "created": 0,
            "model": "test-model",
            "choices": [
                {
                    "index": 0,
                    "finish_reason": finish_reason,
                    "message": {"role": "assistant", "content": content, "refusal": refusal},
                }
            ],
            "usage": {
                "prompt_tokens": prompt,
                "completion_tokens": out,
                "total_tokens": prompt + out,
                "prompt_tokens_details": {"cached_tokens": cached},
            },
        }
    )


def error(status: int, message: str, **headers: str) -> Response:
    return Response(
        status=status, body={"error": {"message": message, "type": "test"}}, headers=headers
    )


def user_text(body: Body) -> str:
    return "\n".join(m["content"] for m in body["messages"] if m["role"] == "user")


def shown_numbers(body: Body) -> list[int]:
    """Sentence numbers a request showed: data lines, or numbers cited by merged drafts."""
    text = user_text(body)
    found = [int(n) for n in _LINE.findall(text)]
    for group in _CITED.findall(text):
        found.extend(int(n) for n in group.split(",") if n)
    return list(dict.fromkeys(found))


def answer_json(numbers: list[int], extra: list[int] | None = None) -> str:
    """A valid DraftResponse citing `numbers` (one point each, at most four) plus `extra`."""
    first = numbers[:4]
    points = [
        {
            "kind": "decision",
            "text": f"Point from sentence {n}.",
            "speaker": None,
            "quote": None,
            "sentences": [n],
        }
        for n in first
    ]
    if extra:
        points.append(
            {
                "kind": "context",
                "text": "Made up.",
                "speaker": None,
                "quote": None,
                "sentences": extra,
            }
        )
    return json.dumps(
        {"bottom_line": {"text": "The bottom line.", "sentences": first[:1]}, "points": points}
    )


def good_answer(body: Body) -> Response:
    return completion(answer_json(shown_numbers(body)))


def faithful_answer(body: Body) -> Response:
    """Like good_answer, but each point restates its sentence, so verification passes too."""
    lines = dict((int(n), text) for n, text in _TEXT_LINE.findall(user_text(body)))
    if not lines:  # a reduce call: keep the drafts' first points as they are
        return good_answer(body)
    numbers = list(lines)[:6]
    points = [
        {"kind": "context", "text": lines[n], "speaker": None, "quote": None, "sentences": [n]}
        for n in numbers
    ]
    line = {"text": lines[numbers[0]], "sentences": numbers[:1]}
    return completion(json.dumps({"bottom_line": line, "points": points}))


class ChatServer:
    """Start with `with ChatServer() as server:`; `server.url` is the OPENAI_BASE_URL."""

    def __init__(self, default: Responder = good_answer, delay: float = 0.0) -> None:
        self.default = default
        self.delay = delay
        self.queue: list[Responder] = []
        self.requests: list[Body] = []
        self.lock = threading.Lock()
        self.stopping = threading.Event()
        self.in_flight = 0
        self.max_in_flight = 0
        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self._httpd.daemon_threads = True
        self._thread = threading.Thread(
            target=self._httpd.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True
        )

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self._httpd.server_address[1]}/v1"

    def __enter__(self) -> ChatServer:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stopping.set()
        self._httpd.shutdown()
        self._httpd.server_close()

    def _respond(self, body: Body) -> Response:
        with self.lock:
            self.requests.append(body)
            responder = self.queue.pop(0) if self.queue else self.default
            self.in_flight += 1
            self.max_in_flight = max(self.max_in_flight, self.in_flight)
        try:
            response = responder(body)
            wait = self.delay + response.delay
            if wait:
                self.stopping.wait(wait)
            return response
        finally:
            with self.lock:
                self.in_flight -= 1

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                length = int(self.headers.get("content-length", 0))
                body = json.loads(self.rfile.read(length))
                response = server._respond(body)
                payload = (
                    response.body if isinstance(response.body, str) else json.dumps(response.body)
                )
                data = payload.encode()
                try:
                    self.send_response(response.status)
                    self.send_header("content-type", "application/json")
                    self.send_header("content-length", str(len(data)))
                    for name, value in response.headers.items():
                        self.send_header(name, value)
                    self.end_headers()
                    self.wfile.write(data)
                except OSError:
                    pass  # the client gave up (timeout test)

            def log_message(self, format: str, *args: Any) -> None:
                return None

        return Handler


def hang(seconds: float) -> Responder:
    """Answer well, but only after `seconds` (longer than the client's timeout)."""

    def responder(body: Body) -> Response:
        response = good_answer(body)
        response.delay = seconds
        return response

    return responder


def fixed(response: Response) -> Responder:
    return lambda body: response
