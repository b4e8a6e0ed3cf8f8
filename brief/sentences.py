"""Sentence segmentation: the only module that imports pysbd."""

from __future__ import annotations

import re
from functools import lru_cache

import pysbd
from pysbd.lang.english import English

_SPACE = re.compile(r"\s+")
# pysbd's cost grows with the square of a paragraph's length (it rescans the whole text for each
# abbreviation-like word), so long paragraphs are first cut where any segmenter would cut:
# "<word>. <Capital>" with <word> not an abbreviation, outside quotation marks.
_LONG = 800
_CHUNK = 400
_SAFE_END = re.compile(r"\b([A-Za-z][a-z]+)[.!?] +(?=[A-Z])")
_ABBREVIATIONS = frozenset(a.strip().lower() for a in English.Abbreviation.ABBREVIATIONS)


@lru_cache(maxsize=1)
def _segmenter() -> pysbd.Segmenter:
    return pysbd.Segmenter(language="en", clean=False)


def fold(text: str) -> str:
    """Whitespace folded to single spaces, ends stripped: how citations quote a sentence."""
    return _SPACE.sub(" ", text).strip()


def split(paragraph: str) -> list[tuple[int, int]]:
    """Character spans (start, end) of the sentences of one paragraph, whitespace excluded.

    Segmenting paragraph by paragraph is both faster with pysbd and keeps a sentence from
    running across a line break that ends a paragraph or a heading.
    """
    # Line breaks inside a paragraph are wrapping, not boundaries; same length keeps offsets.
    flat = paragraph.replace("\n", " ").replace("\r", " ")
    spans: list[tuple[int, int]] = []
    for base, chunk in _chunks(flat):
        cursor = 0
        # processor() is what segment() runs before it re-finds every sentence with a freshly
        # compiled regex over the whole text; the forward search below does that job for less.
        for piece in _segmenter().processor(chunk).process():
            text = piece.strip()
            # clean=False keeps every segment a substring, so a forward search finds it.
            found = chunk.find(text, cursor) if text else -1
            if found < 0:
                continue
            cursor = found + len(text)
            spans.append((base + found, base + cursor))
    return spans


def _chunks(text: str) -> list[tuple[int, str]]:
    """(offset, piece) of `text`, cut at safe sentence ends when it is long."""
    if len(text) <= _LONG:
        return [(0, text)]
    chunks: list[tuple[int, str]] = []
    start = 0
    for match in _SAFE_END.finditer(text):
        cut = match.end()
        piece = text[start:cut]
        if (
            cut - start >= _CHUNK
            and len(text) - cut >= _CHUNK
            and match.group(1).lower() not in _ABBREVIATIONS
            and _quotes_closed(piece)
        ):
            chunks.append((start, piece))
            start = cut
    chunks.append((start, text[start:]))
    return chunks


def _quotes_closed(text: str) -> bool:
    return text.count("“") == text.count("”") and text.count('"') % 2 == 0
