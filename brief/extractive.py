"""The embedded engine: offline, deterministic, no LLM. Articles become a ranked, cited Draft.

Sentences are read by rules (brief.classify), near-duplicates merged (brief.dedupe), and each
point is ranked by how many independent sources support it, then by how early and how central
its best sentence is. Point text is a cited sentence itself, so it can always be verified.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass

from brief.classify import read
from brief.dedupe import cluster, content_terms, group_sentences
from brief.models import Article, Draft, DraftPoint, EngineInfo, PointKind
from brief.opinion import Judge, opinion_rule
from brief.text import STOPWORDS, words

ENGINE = EngineInfo(name="extractive", model=None)
# One page: rank order decides what a later fit cuts, these caps keep each section readable.
LIMITS: dict[PointKind, int] = {"decision": 5, "reaction": 6, "open_question": 4, "context": 7}
MERGE_THRESHOLD = 0.3  # content-word Jaccard above which sentences of two sources say alike
SOURCE_WEIGHT = 0.5  # score per extra independent source
POSITION_WEIGHT = 1.0  # news puts what matters first
POSITION_DECAY = 0.5
CENTRALITY_WEIGHT = 4.0  # similarity to the whole set: what the sources are about
KIND_BONUS: dict[PointKind, float] = {
    "decision": 0.3,
    "reaction": 0.0,
    "open_question": -0.2,
    "context": 0.0,
}
FIGURE_BONUS = 0.6  # key facts are figures: amounts, ranges, troop numbers

QUOTE_BONUS = 0.2  # a reaction in the speaker's own words reads better than a paraphrase
_FIGURE = re.compile(r"\d")
_BULLET = re.compile(r"^[-–—•*]\s+")
_ENDS_SENTENCE = re.compile(r"[.!?…”\"’)]\s*$")


@dataclass(frozen=True, slots=True)
class _Candidate:
    """A distinct sentence that may become a point."""

    ids: list[str]  # the sentence and its near-duplicates
    text: str
    kind: PointKind
    speaker: str | None
    quote: str | None
    sources: frozenset[str]
    order: int  # reading order of the representative
    score: float  # position and centrality of this sentence alone


def condense(articles: list[Article], judge: Judge = opinion_rule) -> Draft:
    """A Draft of typed points citing sentence ids, in rank order, with a cited bottom line.

    `judge` reads opinion as the verifier will, so the engine never offers what it flags."""
    groups = group_sentences(articles)
    where = {}
    for a in articles:
        source = a.outlet or a.id
        for i, s in enumerate(a.sentences):
            where[s.id] = (source, i)
    counts: Counter[str] = Counter(sentences=len(where), groups=len(groups))
    counts["merged"] = counts["sentences"] - counts["groups"]

    kept: list[tuple[int, list[str], str]] = []
    for order, group in enumerate(groups):
        text = _BULLET.sub("", group.text)
        if not _is_body(group.text, text):
            counts["headings_skipped"] += 1
        elif not is_english(text):
            counts["non_english_skipped"] += 1
        else:
            kept.append((order, group.ids, text))
    central = _centrality([text for _, _, text in kept])

    candidates: list[_Candidate] = []
    for (order, ids, text), centrality in zip(kept, central, strict=True):
        reading = read(text, judge)
        if reading.kind == "opinion":
            counts["opinion_dropped"] += len(ids)
            continue
        if reading.kind == "other":
            counts["vague_skipped"] += len(ids)
            continue
        position = min(where[i][1] for i in ids)
        candidates.append(
            _Candidate(
                ids=ids,
                text=text,
                kind=reading.kind,
                speaker=reading.speaker,
                quote=reading.quote,
                sources=frozenset(where[i][0] for i in ids),
                order=order,
                score=POSITION_WEIGHT / (1 + position) ** POSITION_DECAY
                + CENTRALITY_WEIGHT * centrality
                + KIND_BONUS[reading.kind]
                + (QUOTE_BONUS if reading.quote else 0.0)
                + (FIGURE_BONUS if reading.kind == "context" and _FIGURE.search(text) else 0.0),
            )
        )
    points = _merge(candidates)
    counts["points"] = len(points)
    bottom = _bottom_line(points)
    if bottom is not None:
        points.remove(bottom)
    return Draft(
        bottom_line=bottom, points=_cap(points), engine=ENGINE, counts=dict(sorted(counts.items()))
    )


def is_english(text: str) -> bool:
    """Mostly Latin letters and some English function words: the brief is written in English."""
    letters = [c for c in text if c.isalpha()]
    if not letters or sum(c.isascii() for c in letters) < 0.8 * len(letters):
        return False
    tokens = words(text)
    # Latin-script neighbours (Malay, Indonesian) share almost none of English function words.
    return len(tokens) < 6 or any(t.lower() in STOPWORDS for t in tokens)


def _is_body(raw: str, text: str) -> bool:
    """Headings ("The Road Ahead") end without punctuation; sentences, bullets and quotes
    signed with a dash ("“…” – Emmanuel Macron") are body text."""
    if _ENDS_SENTENCE.search(text):
        return True
    return len(words(text)) >= 5 and (raw != text or "”" in text or '"' in text)


def _centrality(texts: list[str]) -> list[float]:
    """Cosine of each text's tf-idf vector with the centroid of all of them (linear time)."""
    bags = [Counter(content_terms(t)) for t in texts]
    df: Counter[str] = Counter()
    for bag in bags:
        df.update(bag.keys())
    n = len(bags)
    vectors = []
    centroid: Counter[str] = Counter()
    for bag in bags:
        vec = {t: math.log((1 + n) / (1 + df[t])) + 1.0 for t in bag}
        norm = math.sqrt(sum(v * v for v in vec.values())) or 1.0
        vec = {t: v / norm for t, v in vec.items()}
        vectors.append(vec)
        centroid.update(vec)
    size = math.sqrt(sum(v * v for v in centroid.values())) or 1.0
    return [sum(v * centroid[t] for t, v in vec.items()) / size for vec in vectors]


def _merge(candidates: list[_Candidate]) -> list[DraftPoint]:
    """Candidates that several sources state alike become one point citing all of them."""
    roots = cluster([content_terms(c.text) for c in candidates], MERGE_THRESHOLD)
    # One point per speaker: what one person said, however many outlets report it.
    by_speaker: dict[str, int] = {}
    joined = {r: r for r in roots}
    for c, r in zip(candidates, roots, strict=True):
        if c.kind == "reaction" and c.speaker:
            first = by_speaker.setdefault(_speaker_key(c.speaker), r)
            joined[r] = joined[first]
    clusters: dict[int, list[_Candidate]] = {}
    for c, r in zip(candidates, roots, strict=True):
        clusters.setdefault(joined[r], []).append(c)
    ranked: list[tuple[float, int, DraftPoint]] = []
    for members in clusters.values():
        best = max(members, key=lambda c: (c.score, -c.order))
        sources = frozenset().union(*(c.sources for c in members))
        score = SOURCE_WEIGHT * (len(sources) - 1) + best.score
        ids = [i for c in sorted(members, key=lambda c: c.order) for i in c.ids]
        point = DraftPoint(
            kind=best.kind,
            text=best.text,
            speaker=best.speaker,
            quote=best.quote,
            sentence_ids=[best.ids[0], *(i for i in ids if i != best.ids[0])],
            score=round(score, 4),
        )
        ranked.append((-score, best.order, point))
    ranked.sort(key=lambda r: (r[0], r[1]))
    return [p for _, _, p in ranked]


def _speaker_key(speaker: str) -> str:
    """ "Russian President Vladimir Putin" and "Putin" are one speaker."""
    last = speaker.split()[-1]
    return last.lower() if last[0].isupper() else speaker.lower()


def _bottom_line(points: list[DraftPoint]) -> DraftPoint | None:
    """The best-ranked decision, or the best fact when no decision is near the top."""
    top = next((p for p in points if p.kind in ("decision", "context")), None)
    decision = next((p for p in points if p.kind == "decision"), None)
    if decision is not None and top is not None and decision.score >= 0.8 * top.score:
        return decision
    return top


def _cap(points: list[DraftPoint]) -> list[DraftPoint]:
    """Keep the best few points of each kind, in rank order."""
    seen: Counter[str] = Counter()
    kept = []
    for p in points:
        seen[p.kind] += 1
        if seen[p.kind] <= LIMITS[p.kind]:
            kept.append(p)
    return kept
