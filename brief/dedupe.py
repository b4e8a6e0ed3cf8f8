"""Near-duplicate sentences: MinHash LSH proposes candidate pairs, exact Jaccard confirms them.

LSH keeps the work near-linear in the number of sentences; no loop over all pairs.
"""

from __future__ import annotations

from collections.abc import Sequence

from datasketch import MinHash, MinHashLSH

from brief.models import Article, Strict
from brief.text import STOPWORDS, stem, words

# `words` stays importable from here for bench/scale.py.
__all__ = ["SentenceGroup", "cluster", "content_terms", "group_sentences", "words"]

NUM_PERM = 64
SAME_THRESHOLD = 0.7  # word-set Jaccard above which two sentences say the same thing


class SentenceGroup(Strict):
    """Sentences saying the same thing; ids[0] is the representative (earliest in reading order)."""

    ids: list[str]
    text: str


def content_terms(text: str) -> frozenset[str]:
    """Stemmed content words of a text: what a loose "says the same" comparison looks at."""
    return frozenset(stem(w) for w in words(text) if w.lower() not in STOPWORDS)


def cluster(term_sets: Sequence[frozenset[str]], threshold: float) -> list[int]:
    """For each item, the index of the earliest item of its cluster (Jaccard ≥ threshold).

    Items with no terms only join items with the same (empty) set, i.e. each other.
    """
    parent = list(range(len(term_sets)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    lsh = MinHashLSH(threshold=threshold, num_perm=NUM_PERM)
    hashes = MinHash.bulk([[t.encode() for t in s] for s in term_sets], num_perm=NUM_PERM)
    first_empty: int | None = None
    for i, (terms, mh) in enumerate(zip(term_sets, hashes, strict=True)):
        if not terms:
            if first_empty is None:
                first_empty = i
            else:
                parent[i] = root(first_empty)
            continue
        for j in lsh.query(mh):
            other = term_sets[j]
            if len(terms & other) / len(terms | other) >= threshold:
                a, b = root(i), root(j)
                # The smaller index stays root: the representative is the earliest sentence.
                parent[max(a, b)] = min(a, b)
        lsh.insert(i, mh)
    return [root(i) for i in range(len(term_sets))]


def group_sentences(
    articles: list[Article], threshold: float = SAME_THRESHOLD
) -> list[SentenceGroup]:
    """Every sentence in exactly one group; groups in order of first appearance."""
    flat = [s for a in articles for s in a.sentences]
    roots = cluster([frozenset(w.lower() for w in words(s.text)) for s in flat], threshold)
    members: dict[int, list[str]] = {}
    for i, r in enumerate(roots):
        members.setdefault(r, []).append(flat[i].id)
    return [SentenceGroup(ids=ids, text=flat[r].text) for r, ids in sorted(members.items())]
