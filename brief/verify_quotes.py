"""Quotes and speakers: is a quote verbatim in the cited text, and is the speaker the right one."""

from __future__ import annotations

import re

from brief.text import (
    TITLES,
    name_matches,
    quote_spans,
    say_verbs_re,
    without_quotes,
    word_seq,
    wordlist,
    words,
)

_ELLIPSIS = re.compile(r"…|\.\s?\.\s?\.|\[\s*\.\.\.\s*\]")
_SAY = rf"(?:said in a statement|told reporters|{say_verbs_re()})"
_NAME = r"(?:[A-Z][\w’'.-]*\s+){0,3}[A-Z][\w’'-]+"
_ATTRIBUTION = [
    re.compile(rf"(?P<name>{_NAME})(?:’s?|'s?)?,?(?:\s+\w+){{0,2}}\s+{_SAY}\b"),
    re.compile(rf"\b{_SAY},?\s+(?P<name>{_NAME})"),
    re.compile(rf"\baccording to\s+(?P<name>{_NAME})"),
]
_NOT_NAMES = frozenset(wordlist("he she they it we i the this that a an his her their"))


def quote_found(quote: str, cited: list[str]) -> bool:
    """The quote's words appear in order in one cited sentence or in all of them joined.

    Quote marks, punctuation, case and whitespace are ignored; an ellipsis may skip words.
    """
    parts = [word_seq(p) for p in _ELLIPSIS.split(quote)]
    parts = [p for p in parts if p]
    if not parts:
        return True
    return any(_in_order(parts, word_seq(text)) for text in [*cited, " ".join(cited)])


def _in_order(parts: list[list[str]], hay: list[str]) -> bool:
    pos = 0
    for part in parts:
        found = _find(part, hay, pos)
        if found < 0:
            return False
        pos = found + len(part)
    return True


def _find(needle: list[str], hay: list[str], start: int) -> int:
    n = len(needle)
    for i in range(start, len(hay) - n + 1):
        if hay[i : i + n] == needle:
            return i
    return -1


def quotes_in(text: str, min_words: int = 3) -> list[str]:
    """Quoted passages of a point's text long enough to be a quotation, not a scare quote."""
    return [inner for _, _, inner in quote_spans(text) if len(words(inner)) >= min_words]


def speaker_keys(speaker: str) -> list[str]:
    """The name words that identify a speaker: titles and lower-case words dropped.

    "Lord Cameron" and "David Cameron" both give a list ending in "Cameron".
    """
    keys = [
        w
        for w in words(speaker)
        if w[0].isupper() and w.lower() not in TITLES and w.lower() not in _NOT_NAMES
    ]
    return keys or [w for w in words(speaker) if len(w) > 3 and w.lower() not in TITLES]


def attributed(text: str) -> list[str]:
    """Names the text attributes a statement to ("X said", "said X", "according to X")."""
    outside = without_quotes(text)
    found = []
    for pattern in _ATTRIBUTION:
        for m in pattern.finditer(outside):
            name = m["name"].strip()
            keys = speaker_keys(name)
            if keys and not all(k.lower() in _NOT_NAMES for k in keys):
                found.append(name)
    return found


def speaker_mentioned(speaker: str, context: list[str]) -> bool:
    """The speaker's surname (last name word) is a word of the context."""
    keys = speaker_keys(speaker)
    if not keys:
        return True
    surname = keys[-1]
    return any(name_matches(surname, w) for text in context for w in words(text))


def speaker_problem(speaker: str, cited: list[str], before: list[str]) -> str | None:
    """Why `speaker` is not the one the source credits, or None when it is.

    `before` holds the sentences just ahead of the cited ones ("…," he said).
    """
    names_said = [n for text in cited for n in attributed(text)]
    surname = (speaker_keys(speaker) or [""])[-1]
    if names_said and not any(
        speaker_mentioned(surname, [n]) or speaker_mentioned(n, [speaker]) for n in names_said
    ):
        return f"the source attributes it to {names_said[0]}, not {speaker}"
    if not speaker_mentioned(speaker, cited + before):
        return f"{speaker} is not named in the cited sentences or just before them"
    return None
