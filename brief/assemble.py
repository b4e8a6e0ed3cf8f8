"""Draft → Brief: sentence ids become citations with file, line and text; nothing else does.

An engine (extractive or LLM) only ever names sentence ids. This is the one place where they are
turned into citations: an id that does not exist is dropped, and a point left with no valid id is
dropped; both are counted for run.json.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field

from brief.models import (
    POINT_KINDS,
    Article,
    BottomLine,
    Brief,
    Citation,
    Draft,
    DraftPoint,
    Point,
    Sentence,
    Skipped,
    Source,
)


@dataclass
class _Citer:
    """Numbers citations in order of first appearance; one number per distinct sentence."""

    index: dict[str, tuple[Article, Sentence]]
    numbers: dict[str, int] = field(default_factory=dict)
    counts: Counter[str] = field(default_factory=Counter)

    def cite(self, ids: list[str]) -> list[Citation]:
        citations: list[Citation] = []
        for sid in dict.fromkeys(ids):
            found = self.index.get(sid)
            if found is None:
                self.counts["unknown_ids_dropped"] += 1
                continue
            article, sentence = found
            n = self.numbers.setdefault(sid, len(self.numbers) + 1)
            citations.append(
                Citation(
                    n=n,
                    source=article.path,
                    sentence=sid,
                    line=sentence.line,
                    text=sentence.text,
                )
            )
        return citations


def sentence_index(articles: list[Article]) -> dict[str, tuple[Article, Sentence]]:
    return {s.id: (a, s) for a in articles for s in a.sentences}


def assemble(
    draft: Draft,
    articles: list[Article],
    *,
    today: dt.date,
    title: str | None = None,
    skipped: list[Skipped] | None = None,
) -> tuple[Brief, Counter[str]]:
    """The brief record for `draft`, and counters of what was dropped on the way."""
    citer = _Citer(sentence_index(articles))
    bottom: BottomLine | None = None
    if draft.bottom_line is not None:
        cites = citer.cite(draft.bottom_line.sentence_ids)
        if cites:
            bottom = BottomLine(text=draft.bottom_line.text, citations=cites)
        else:
            citer.counts["bottom_line_dropped"] += 1
    points: list[Point] = []
    for dp in interleave(draft.points):
        point = _point(dp, citer, len(points) + 1)
        if point is None:
            citer.counts["points_without_citation_dropped"] += 1
        else:
            points.append(point)
    sources = [
        Source(
            n=i, path=a.path, title=a.title, outlet=a.outlet, published=a.published, sha256=a.sha256
        )
        for i, a in enumerate(articles, start=1)
    ]
    brief = Brief(
        title=title or _default_title(bottom, articles, today),
        date=today,
        engine=draft.engine,
        bottom_line=bottom,
        points=points,
        sources=sources,
        skipped=skipped or [],
        usage=draft.usage,
        fingerprint=draft.fingerprint,
    )
    return brief, citer.counts


def interleave(points: list[DraftPoint]) -> list[DraftPoint]:
    """Rank round-robin across sections, each section keeping the engine's order.

    The one-page fit drops the lowest-ranked points; interleaving makes it trim every section a
    little instead of emptying the last section (open questions would always go first).
    """
    by_kind: dict[str, list[DraftPoint]] = {}
    for dp in points:
        by_kind.setdefault(dp.kind, []).append(dp)
    queues = [by_kind[k] for k in POINT_KINDS if k in by_kind]
    ranked: list[DraftPoint] = []
    for depth in range(max((len(q) for q in queues), default=0)):
        ranked.extend(q[depth] for q in queues if depth < len(q))
    return ranked


def _point(dp: DraftPoint, citer: _Citer, rank: int) -> Point | None:
    citations = citer.cite(dp.sentence_ids)
    if not citations:
        return None
    return Point(
        id=f"p{rank}",
        rank=rank,
        kind=dp.kind,
        text=dp.text,
        speaker=dp.speaker,
        quote=dp.quote,
        citations=citations,
    )


def _default_title(bottom: BottomLine | None, articles: list[Article], today: dt.date) -> str:
    """The headline of the article the bottom line comes from; else a dated generic title."""
    if bottom is not None:
        path = bottom.citations[0].source
        for article in articles:
            if article.path == path:
                return article.title
    return f"News brief, {today:%d %B %Y}"


def renumber(brief: Brief, *, reading_order: bool = False) -> Brief:
    """Citation numbers 1..k in order of first appearance over the bottom line and points.

    By rank (the default), points cut later for space are the lowest-ranked, so their numbers are
    the highest and the printed ones stay 1..k: the one-page fit measures on that. In reading
    order (sections as printed, by rank within), a reader meets the numbers ascending.
    """
    numbers: dict[str, int] = {}
    if reading_order:
        ordered = sorted(brief.points, key=lambda p: (POINT_KINDS.index(p.kind), p.rank))
        for c in [
            *(brief.bottom_line.citations if brief.bottom_line else []),
            *(c for p in ordered for c in p.citations),
        ]:
            numbers.setdefault(c.sentence, len(numbers) + 1)

    def cites(citations: list[Citation]) -> list[Citation]:
        return [
            c.model_copy(update={"n": numbers.setdefault(c.sentence, len(numbers) + 1)})
            for c in citations
        ]

    bottom = (
        brief.bottom_line.model_copy(update={"citations": cites(brief.bottom_line.citations)})
        if brief.bottom_line
        else None
    )
    points = [p.model_copy(update={"citations": cites(p.citations)}) for p in brief.points]
    cut = [p.model_copy(update={"citations": cites(p.citations)}) for p in brief.cut]
    return brief.model_copy(update={"bottom_line": bottom, "points": points, "cut": cut})
