"""Sentence segmentation: the only module that imports pysbd."""

from __future__ import annotations

import re
from functools import lru_cache

import pysbd

_SPACE = re.compile(r"\s+")


@lru_cache(maxsize=1)
def _segmenter() -> pysbd.Segmenter:
    return pysbd.Segmenter(language="en", clean=False, char_span=True)


def fold(text: str) -> str:
    """Whitespace folded to single spaces, ends stripped: how citations quote a sentence."""
    return _SPACE.sub(" ", text).strip()


def split(paragraph: str) -> list[tuple[int, int]]:
    """Character spans (start, end) of the sentences of one paragraph, trailing space excluded.

    Segmenting paragraph by paragraph is both faster with pysbd and keeps a sentence from
    running across a line break that ends a paragraph or a heading.
    """
    spans: list[tuple[int, int]] = []
    for piece in _segmenter().segment(paragraph):
        start, end = piece.start, piece.end
        while end > start and paragraph[end - 1].isspace():
            end -= 1
        while start < end and paragraph[start].isspace():
            start += 1
        if end > start:
            spans.append((start, end))
    return spans
