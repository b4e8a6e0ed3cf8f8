"""What the model sees: article sentences as numbered data lines in chunks that fit its context.

Each distinct sentence (near-duplicates merged by brief.dedupe) is shown once under a number;
the number stands for every id of its group. Prompts are Jinja files under prompts/.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from functools import lru_cache
from pathlib import Path
from typing import Any

import jinja2

from brief import pricing, tokens
from brief.assets import prompts_dir
from brief.dedupe import group_sentences
from brief.errors import ConfigError
from brief.llm import Message
from brief.models import POINT_KINDS, Article, Strict
from brief.sentences import fold
from brief.settings import Settings

PROMPT_FILES = ("system.j2", "user.j2", "reduce.j2", "repair.j2")
MAX_POINTS = 12
MESSAGE_OVERHEAD = 4  # tokens Chat Completions adds around each message
# Room kept free beyond max_output_tokens: token counts of other tokenizers vary a little.
SAFETY = 0.95
# Format (Cf: zero-width, bidi controls, tag characters), control, private-use, unassigned.
_INVISIBLE_CATEGORIES = {"Cf", "Cc", "Co", "Cs", "Cn"}
_VARIATION_SELECTORS = re.compile("[\ufe00-\ufe0f\U000e0100-\U000e01ef]")


class Line(Strict):
    n: int
    text: str


class Block(Strict):
    """The shown sentences of one article. Titles are left out: the model sees only what it
    can cite."""

    lines: list[Line]


class Plan(Strict):
    """Everything a run sends in its first round, and what each shown number stands for."""

    shown: dict[int, list[str]]
    chunks: list[list[Message]]
    chunk_tokens: list[int]
    sentences: int
    distinct_sentences: int
    # tokens of the distinct sentences alone, taken from their numbered lines: within 0.1 %
    # of counting them bare on seeds and corpus
    sentence_tokens: int
    separator_tokens: int  # one "#" line per article in every chunk that holds it
    overhead_tokens: int  # system prompt + empty user prompt, per call
    room: int  # data tokens one call may carry


@lru_cache(maxsize=1)
def _env(folder: Path) -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(folder),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        autoescape=False,  # plain text for a model, not HTML
    )


def render(name: str, **values: Any) -> str:
    """Render prompts/<name>; a missing variable or a syntax error is a ConfigError."""
    folder = prompts_dir()
    try:
        return _env(folder).get_template(name).render(**values).strip()
    except jinja2.TemplateSyntaxError as exc:
        raise ConfigError(f"{folder / name}, line {exc.lineno}: {exc.message}") from exc
    except jinja2.TemplateError as exc:
        raise ConfigError(f"{folder / name}: {exc}") from exc


def prompts_hash() -> str:
    """sha256 of the prompt files: part of the cache key and of the brief's fingerprint."""
    digest = hashlib.sha256()
    for name in PROMPT_FILES:
        digest.update((prompts_dir() / name).read_bytes())
    return digest.hexdigest()


def clean(text: str) -> str:
    """Invisible characters removed: what the model may read.

    Sentence text comes folded from ingest; printable ASCII holds no newline that could forge
    a numbered line, so only text that lost characters here is folded again.
    """
    if text.isascii() and text.isprintable():  # the common case needs no scan
        return text
    text = "".join(
        c for c in text if c.isspace() or unicodedata.category(c) not in _INVISIBLE_CATEGORIES
    )
    return fold(_VARIATION_SELECTORS.sub("", text))


def data_tag(blob: str) -> str:
    """A delimiter derived from the data itself: text cannot contain the hash of itself."""
    return "data-" + hashlib.sha256(blob.encode()).hexdigest()[:12]


def system_prompt(*, merge: bool) -> str:
    return render("system.j2", merge=merge, kinds=POINT_KINDS, max_points=MAX_POINTS)


def message_tokens(messages: list[Message], model: str) -> int:
    """Input tokens of a chat request, as the endpoint counts them (to within a few)."""
    counts = tokens.count_many([m.content for m in messages], model)
    return sum(counts) + MESSAGE_OVERHEAD * len(messages) + 3


def _blocks_tag(blocks: list[Block]) -> str:
    return data_tag("\n#\n".join("\n".join(ln.text for ln in b.lines) for b in blocks))


def _map_user(blocks: list[Block], tag: str) -> str:
    return render("user.j2", articles=blocks, tag=tag)


def reduce_messages(drafts: list[str]) -> list[Message]:
    user = render("reduce.j2", drafts=drafts, tag=data_tag("\n".join(drafts)))
    return [
        Message(role="system", content=system_prompt(merge=True)),
        Message(role="user", content=user),
    ]


def room_for_data(settings: Settings, overhead: int) -> int:
    context = settings.context_tokens or pricing.context_window(settings.model)
    room = int((context - settings.max_output_tokens) * SAFETY) - overhead
    if room < 500:
        raise ConfigError(
            f"the context window ({context} tokens) leaves no room for articles after "
            f"{settings.max_output_tokens} output tokens; lower --max-output-tokens"
        )
    return room


def _number_tokens(n: int) -> int:
    # Both bundled encodings split digit runs into groups of three, each one token.
    return (len(str(n)) + 2) // 3


def plan(articles: list[Article], settings: Settings) -> Plan:
    """Number the distinct sentences and pack them, article by article, into chunks that fit.

    Each line is tokenized once: the encodings never merge tokens across a line end, so a
    chunk's tokens are its lines' plus those of the prompt around them.
    """
    model = settings.model
    owner = {s.id: a.id for a in articles for s in a.sentences}
    cleaned = [(g, clean(g.text)) for g in group_sentences(articles)]
    groups = [g for g, text in cleaned if text]
    lines = [Line(n=i + 1, text=text) for i, text in enumerate(t for _, t in cleaned if t)]
    line_cost = tokens.count_many([f"{ln.n} {ln.text}\n" for ln in lines], model)
    separator = tokens.count("#\n", model)
    system = Message(role="system", content=system_prompt(merge=False))
    # Per call: the system prompt and the message framing; the user prompt is counted per chunk.
    fixed = tokens.count(system.content, model) + MESSAGE_OVERHEAD * 2 + 3
    overhead = fixed + tokens.count(_map_user([], _blocks_tag([])), model)
    room = room_for_data(settings, overhead)

    packed: list[list[Block]] = [[]]
    line_tokens = [0]  # per chunk, the numbered lines alone (separators are in the frame)
    used = 0
    current: str | None = None
    for group, line, cost in zip(groups, lines, line_cost, strict=True):
        article = owner[group.ids[0]]
        extra = cost + (separator if article != current else 0)
        if used + extra > room and packed[-1]:
            packed.append([])
            line_tokens.append(0)
            used, current = 0, None
            extra = cost + separator
        if article != current:
            packed[-1].append(Block(lines=[]))
            current = article
        packed[-1][-1].lines.append(line)
        line_tokens[-1] += cost
        used += extra
    chunks: list[list[Message]] = []
    chunk_tokens: list[int] = []
    for blocks, data in zip(packed, line_tokens, strict=True):
        tag = _blocks_tag(blocks)
        chunks.append([system, Message(role="user", content=_map_user(blocks, tag))])
        frame = _map_user([Block(lines=[]) for _ in blocks], tag)
        chunk_tokens.append(fixed + tokens.count(frame, model) + data)
    return Plan(
        shown={ln.n: g.ids for ln, g in zip(lines, groups, strict=True)},
        chunks=chunks,
        chunk_tokens=chunk_tokens,
        sentences=sum(len(a.sentences) for a in articles),
        distinct_sentences=len(groups),
        sentence_tokens=sum(line_cost) - sum(_number_tokens(ln.n) for ln in lines),
        separator_tokens=separator * sum(len(c) for c in packed),
        overhead_tokens=overhead,
        room=room,
    )
