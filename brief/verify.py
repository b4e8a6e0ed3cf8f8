"""Verify: every point checked against the sentences it cites; each problem becomes a Flag.

Codes: unsupported, misquote, number_mismatch, disagreement, single_source, opinion, stale.
The cited sentences are read from the Articles by sentence id, never from Citation.text.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache

from brief.models import Article, BottomLine, Citation, CutPoint, Flag, Point, Sentence
from brief.opinion import ATTRIBUTED, Judge, opinion_rule
from brief.text import content_stems, name_matches, names, quote_spans, without_quotes
from brief.text import words as word_list
from brief.verify_numbers import Quantity, head_stems, latest_date, quantities
from brief.verify_quotes import quote_found, quotes_in, speaker_mentioned, speaker_problem

BLOCKING = ("unsupported", "misquote")
CODES = (
    "unsupported",
    "misquote",
    "number_mismatch",
    "disagreement",
    "single_source",
    "opinion",
    "stale",
)
# A point must reuse this share of its content words, overall and in every clause of it.
MIN_COVERAGE = 0.6
MIN_CLAUSE_COVERAGE = 0.5
_CLAUSE = re.compile(r"[,;:()–—]|\s-\s|\b(?:and|but|while|whereas|although)\b")

_HEDGE = re.compile(
    r"\b(?:about|around|approximately|roughly|some|nearly|almost|more than|over|at least|"
    r"up to|fewer than|less than|under|close to|upwards of|an estimated|estimated)\s*$",
    re.I,
)


@dataclass(frozen=True)
class Cited:
    """A citation resolved against the articles: the sentence as it stands in the file.

    `problem` says why the sentence was not found when the plain reason does not fit.
    """

    citation: Citation
    article: Article | None
    sentence: Sentence | None
    position: int = -1  # index of `sentence` in `article.sentences`
    problem: str | None = None


@dataclass(frozen=True)
class Figure:
    """One figure of one sentence, as the disagreement check looks it up."""

    article: Article
    sentence: Sentence
    quantity: Quantity
    siblings: tuple[Quantity, ...]  # every figure of the same sentence


@dataclass
class Sources:
    """The articles indexed once per verify call: by path, sentence id, and figure kind and unit."""

    articles: list[Article]
    by_path: dict[str, Article] = field(init=False)
    position: dict[str, int] = field(init=False)
    _figures: dict[tuple[str, str | None], list[Figure]] | None = field(init=False, default=None)

    def __post_init__(self) -> None:
        self.by_path = {a.path: a for a in self.articles}
        self.position = {s.id: i for a in self.articles for i, s in enumerate(a.sentences)}

    def figures(self, kind: str, unit: str | None) -> list[Figure]:
        """Every figure of this kind and unit, in reading order (built on first use)."""
        if self._figures is None:
            index: dict[tuple[str, str | None], list[Figure]] = {}
            for article in self.articles:
                for sentence in article.sentences:
                    found = tuple(quantities(sentence.text))
                    for q in found:
                        index.setdefault((q.kind, q.unit), []).append(
                            Figure(article, sentence, q, found)
                        )
            self._figures = index
        return self._figures.get((kind, unit), [])


Locate = Callable[[Citation, Sources], Cited]


def resolve(citation: Citation, sources: Sources) -> Cited:
    """Find the cited sentence by file path and sentence number (ids are "a3.s12")."""
    article = sources.by_path.get(citation.source)
    if article is None:
        return Cited(citation, None, None)
    suffix = citation.sentence.rsplit(".", 1)[-1]
    i = sources.position.get(f"{article.id}.{suffix}")
    if i is None:
        return Cited(citation, article, None)
    return Cited(citation, article, article.sentences[i], i)


def verify(
    points: list[Point],
    articles: list[Article],
    *,
    today: dt.date,
    stale_days: int = 30,
    locate: Locate = resolve,
    judge: Judge = opinion_rule,
) -> list[Point]:
    """The points with `flags` replaced by the result of every check.

    `locate` finds each cited sentence; `brief check` passes one that follows edited files.
    """
    sources = Sources(articles)
    return [
        point.model_copy(
            update={
                "flags": check_point(
                    point, sources, today=today, stale_days=stale_days, locate=locate, judge=judge
                )
            }
        )
        for point in points
    ]


def verify_bottom_line(
    bottom: BottomLine,
    articles: list[Article],
    *,
    today: dt.date,
    stale_days: int = 30,
    locate: Locate = resolve,
    judge: Judge = opinion_rule,
) -> list[Flag]:
    """Flags for the bottom line (all checks but single_source: it sums up many sources)."""
    if not bottom.citations:
        return [Flag(code="unsupported", detail="the bottom line cites no sentence")]
    point = Point(
        id="bottom_line", rank=0, kind="open_question", text=bottom.text, citations=bottom.citations
    )
    return check_point(
        point, Sources(articles), today=today, stale_days=stale_days, locate=locate, judge=judge
    )


def apply_policy(points: list[Point], *, keep_flagged: bool) -> tuple[list[Point], list[CutPoint]]:
    """Split points into (kept, cut): unsupported or misquote points are cut unless kept."""
    if keep_flagged:
        return list(points), []
    kept: list[Point] = []
    cut: list[CutPoint] = []
    for point in points:
        blocking = [f.code for f in point.flags if f.code in BLOCKING]
        if blocking:
            reason = "flagged " + " and ".join(dict.fromkeys(blocking))
            cut.append(CutPoint(**point.model_dump(), reason=reason))
        else:
            kept.append(point)
    return kept, cut


def check_point(
    point: Point,
    sources: Sources,
    *,
    today: dt.date,
    stale_days: int = 30,
    locate: Locate = resolve,
    judge: Judge = opinion_rule,
) -> list[Flag]:
    """Every check on one point, in a fixed order."""
    cited = [locate(c, sources) for c in point.citations]
    flags = [_missing_flag(c) for c in cited if c.sentence is None]
    found = [c for c in cited if c.sentence is not None]
    if not found:
        return flags
    texts = [c.sentence.text for c in found if c.sentence]
    flags += check_support(point.text, texts)
    flags += check_quotes(point, found)
    flags += check_numbers(point.text, texts)
    flags += check_disagreement(point.text, found, sources)
    if point.kind in ("decision", "context") and len({c.citation.source for c in found}) == 1:
        only = found[0].citation.source
        flags.append(Flag(code="single_source", detail=f"only {only} supports this {point.kind}"))
    flags += check_opinion(point, found, judge)
    flags += check_stale(found, today=today, stale_days=stale_days)
    return flags


def _missing_flag(c: Cited) -> Flag:
    where = c.citation.source
    if c.problem:
        detail = c.problem
    elif c.article is None:
        detail = f"cited file {where} is not among the sources (deleted, renamed or unreadable)"
    else:
        detail = f"cited sentence {c.citation.sentence} no longer exists in {where}"
    return Flag(code="unsupported", detail=detail)


def check_support(text: str, cited: list[str]) -> list[Flag]:
    """Content words (stemmed) and names of the point must come from the cited sentences."""
    pool = set(content_stems(" ".join(cited)))
    pool_words = [w for t in cited for w in word_list(t)]
    missing_names = [
        n for n in dict.fromkeys(names(text)) if not any(name_matches(n, w) for w in pool_words)
    ]
    if missing_names:
        return [
            Flag(
                code="unsupported",
                detail=f"name(s) not in the cited sentences: {', '.join(missing_names)}",
            )
        ]
    stems = content_stems(text)
    if not stems:
        return []
    coverage = sum(s in pool for s in stems) / len(stems)
    if coverage < MIN_COVERAGE:
        missing = [s for s in dict.fromkeys(stems) if s not in pool]
        return [
            Flag(
                code="unsupported",
                detail=f"only {coverage:.0%} of the point's words are in the cited "
                f"sentences (missing: {', '.join(missing[:8])})",
            )
        ]
    for clause in _CLAUSE.split(text):
        part = content_stems(clause)
        if len(part) >= 3 and sum(s in pool for s in part) / len(part) < MIN_CLAUSE_COVERAGE:
            return [
                Flag(
                    code="unsupported",
                    detail=f"this part is not in the cited sentences: {clause.strip()!r}",
                )
            ]
    return []


def check_quotes(point: Point, found: list[Cited]) -> list[Flag]:
    """Quotes verbatim in a cited sentence, and credited to the speaker the source names."""
    texts = [c.sentence.text for c in found if c.sentence]
    flags = []
    quotes = [q for q in [point.quote, *quotes_in(point.text)] if q]
    for quote in dict.fromkeys(quotes):
        if not quote_found(quote, texts):
            flags.append(
                Flag(
                    code="misquote", detail=f"quote not verbatim in the cited sentences: “{quote}”"
                )
            )
    if point.speaker and quotes:
        problem = speaker_problem(point.speaker, texts, _before(found))
        if problem:
            flags.append(Flag(code="misquote", detail=problem))
    elif point.speaker and not speaker_mentioned(point.speaker, texts + _before(found)):
        # A reaction without a quote still credits someone: it must be the one the source names.
        detail = f"{point.speaker} is not named in the cited sentences or just before them"
        flags.append(Flag(code="misquote", detail=detail))
    return flags


def _before(found: list[Cited], n: int = 2) -> list[str]:
    out = []
    for c in found:
        if c.article and c.sentence and c.position >= 0:
            i = c.position
            out += [s.text for s in c.article.sentences[max(0, i - n) : i]]
    return out


def check_numbers(text: str, cited: list[str]) -> list[Flag]:
    """Every figure of the point appears in the cited sentences, with the same unit."""
    pool = [q for t in cited for q in quantities(t)]
    flags = []
    flagged: list[Quantity] = []
    for q in quantities(text):
        if any(q.agrees(s) for s in pool):
            continue
        if any((q.start < f.end and f.start < q.end) or q.text == f.text for f in flagged):
            continue  # "March 26, 2005" already flagged: not again for "2005", nor twice
        flagged.append(q)
        slip = next((s for s in pool if s.same_value(q) and s.unit and q.unit), None)
        if slip:
            detail = f"{q.show()} in the point, but the source says {slip.show()}"
        else:
            detail = f"{q.show()} is not in the cited sentences"
        flags.append(Flag(code="number_mismatch", detail=detail))
    return flags


def check_disagreement(text: str, found: list[Cited], sources: Sources) -> list[Flag]:
    """Another source gives a different figure for the same thing the point states."""
    point_qs = quantities(text)
    flags: list[Flag] = []
    for c in found:
        if not c.sentence or not c.article:
            continue
        for q in quantities(c.sentence.text):
            if not any(p.agrees(q) for p in point_qs):
                continue
            other = _conflict(c.sentence.text, q, c.article, sources)
            if other:
                art, sent, oq = other
                flags.append(
                    Flag(
                        code="disagreement",
                        detail=f"{c.citation.source} line {c.sentence.line} says "
                        f"{q.show()}; {art.path} line {sent.line} says "
                        f"{oq.show()}: “{sent.text}”",
                    )
                )
    return flags


@lru_cache(maxsize=65536)
def _frame(text: str, q: Quantity, width: int = 10) -> tuple[frozenset[str], frozenset[str]]:
    """Names and content stems within `width` words of a figure: what the figure is about."""
    before = word_list(text[: q.start])[-width:]
    after = word_list(text[q.end :])[:width]
    window = " ".join(before + after)
    return frozenset(n.lower() for n in names("x " + window)), frozenset(content_stems(window))


def _conflict(
    text: str, q: Quantity, own: Article, sources: Sources
) -> tuple[Article, Sentence, Quantity] | None:
    # Conservative on purpose. Two figures are about the same thing only with the same kind and
    # unit, the same words right before and after them ("deployment of N troops"), exactly the
    # same names around them and three shared words nearby. "10,000 North Korean troops" and
    # "50,000 Russian troops" differ in names, so they are two facts, not a disagreement.
    if q.kind in ("year", "month"):
        return None  # a bare year differs across facts too often to mean anything
    q_before, q_after = _neighbours(text, q)
    if q.kind == "number" and not (q.unit or q_after):
        return None
    q_names, q_words = _frame(text, q)
    own_qs = quantities(text)
    for fig in sources.figures(q.kind, q.unit):
        o, sentence = fig.quantity, fig.sentence
        if fig.article.path == own.path or any(x.agrees(q, loose=True) for x in fig.siblings):
            continue  # it states the same figure; its other figures are about other things
        if any(o.agrees(x) for x in own_qs):
            continue
        if (_hedged(text, q) or _hedged(sentence.text, o)) and _close(q, o):
            continue  # "some 2,700 pages" is not a different figure from "2,702 pages"
        o_before, o_after = _neighbours(sentence.text, o)
        if not (_same(q_before, o_before) and _same(q_after, o_after)):
            continue
        o_names, o_words = _frame(sentence.text, o)
        if o_names == q_names and len(o_words & q_words) >= 3:
            return fig.article, sentence, o
    return None


def _same(a: frozenset[str], b: frozenset[str]) -> bool:
    return bool(a & b) or not (a or b)


@lru_cache(maxsize=65536)
def _neighbours(text: str, q: Quantity) -> tuple[frozenset[str], frozenset[str]]:
    """The two content words (stemmed) just before and just after a figure."""
    return frozenset(content_stems(text[: q.start])[-2:]), frozenset(head_stems(text, q))


def _hedged(text: str, q: Quantity) -> bool:
    return bool(_HEDGE.search(text[max(0, q.start - 24) : q.start]))


def _close(a: Quantity, b: Quantity) -> bool:
    """Within 25%: what two hedged figures ("at least 150", "more than 180") allow."""
    low, high = sorted((abs(a.value), abs(b.value)))
    return high <= 1.25 * low


def check_opinion(point: Point, found: list[Cited], judge: Judge = opinion_rule) -> list[Flag]:
    """A cited sentence speaks in the author's own voice: judgement or speculation, unattributed."""
    flags = []
    for c in found:
        if not c.sentence:
            continue
        text = c.sentence.text
        own = without_quotes(text)
        if ATTRIBUTED.search(own) or (point.quote and quote_spans(text)):
            continue
        found_rule = judge(own)
        if found_rule:
            rule, marker = found_rule
            flags.append(
                Flag(
                    code="opinion",
                    detail=f"{c.citation.source} line {c.sentence.line} is the author's "
                    f"view (“{marker}”: {rule}), not a reported fact",
                )
            )
    return flags


def check_stale(found: list[Cited], *, today: dt.date, stale_days: int) -> list[Flag]:
    """A cited source (or the latest date its sentence reports) is older than `stale_days`."""
    limit = today - dt.timedelta(days=stale_days)
    flags = []
    seen: set[str] = set()
    for c in found:
        if not c.article or not c.sentence or c.article.path in seen:
            continue
        seen.add(c.article.path)
        when = c.article.published
        what = "published"
        if when is None:
            when, what = latest_date(c.sentence.text), "reports"
        if when is not None and when < limit:
            age = (today - when).days
            flags.append(
                Flag(
                    code="stale",
                    detail=f"{c.citation.source} {what} {when.isoformat()}, "
                    f"{age} days before {today.isoformat()}",
                )
            )
    return flags
