"""The planted-fault set: correct points built from the dev corpus and seeds/, then corrupted.

Each clean point is a sentence cited for itself (or a faithful trim of it, or a reaction whose
quote and speaker come from an attributed sentence). Each fault changes one thing and expects one
flag code. Everything is built at run time from the files; nothing from the corpus is stored.
"""

from __future__ import annotations

import datetime as dt
import json
import random
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

from bench.common import ROOT
from bench.corpus import root
from bench.opinion_fresh_dev import FRESH_DEV_NEUTRAL, FRESH_DEV_OPINION
from bench.opinion_fresh_test import FRESH_TEST_NEUTRAL, FRESH_TEST_OPINION
from bench.opinion_heldout import HELD_OUT_NEUTRAL, HELD_OUT_OPINION
from brief.errors import BriefError
from brief.ingest import ingest_folder
from brief.models import Article, Citation, Point, PointKind, Sentence
from brief.opinion import ATTRIBUTED
from brief.text import content_stems, quote_spans, words
from brief.verify_numbers import Quantity, quantities
from brief.verify_quotes import attributed, speaker_keys

T = TypeVar("T")
Cand = tuple[Article, Sentence]
STALE_DAYS = 30
_QUOTE_MARK = re.compile(r"[\"“”«»]")
PER_CLUSTER = 3  # sentences drawn per fault type and cluster
QUICK_NEUS = 6
# Controls that must NOT raise their code: a neutral, reported addition to the sentence.
CONTROL_CODES = {
    "neutral addition (held-out)": "opinion",
    "neutral addition (fresh dev)": "opinion",
    "neutral addition (fresh test)": "opinion",
}
FAULT_CODES = {
    "number_swap": "number_mismatch",
    "unit_swap": "number_mismatch",
    "speaker_swap": "misquote",
    "quote_edit": "misquote",
    "wrong_sentence": "unsupported",
    "added_claim": "unsupported",
    "opinion_as_fact": "opinion",
    "opinion_as_fact (second wording)": "opinion",
    "opinion_as_fact (fresh wording)": "opinion",
    "opinion_as_fact (held-out)": "opinion",
    "opinion_as_fact (fresh dev)": "opinion",
    "opinion_as_fact (fresh test)": "opinion",
    "conflicting_source": "disagreement",
    "one_source": "single_source",
    "old_source": "stale",
}
# Opinion wordings, in three sets, all seen while writing the rules: the first is what the
# rules were written from; the second was held out at first (12.5% caught), then its misses
# widened the rules; the third was written alongside that widening and its misses (60%) led to
# the named rules of brief/opinion.py. Two more sets were seen later: bench/opinion_heldout.py
# (held out at first, 68.6%, then studied) and bench/opinion_fresh_dev.py (34.2%, then
# studied). Only bench/opinion_fresh_test.py has never been read by anyone tuning the rules:
# the per-code `opinion` figure counts that set alone (TUNED_ON lists the others).
OPINION_WORDINGS = {
    "opinion_as_fact": (
        "Worryingly, {s}",
        "Clearly, {s}",
        "{c}, which should alarm everyone.",
        "Sadly, {s}",
        "Arguably, {s}",
        "It seems that {l}",
    ),
    "opinion_as_fact (second wording)": (
        "Predictably, {s}",
        "{c}, a grave mistake.",
        "{c}, and that is a scandal.",
        "Astonishingly, {s}",
        "{c} — a blunder for the ages.",
    ),
    "opinion_as_fact (fresh wording)": (
        "Incredibly, {s}",
        "{c}, a decision history will judge harshly.",
        "{c}; nobody serious can defend that.",
        "Mercifully, {s}",
        "{c}, which is simply indefensible.",
    ),
}
TUNED_ON = frozenset(
    {
        "opinion_as_fact",
        "opinion_as_fact (second wording)",
        "opinion_as_fact (fresh wording)",
        "opinion_as_fact (held-out)",
        "opinion_as_fact (fresh dev)",
    }
)
UNIT_SWAP = {
    "mile": "kilometres",
    "km": "miles",
    "kg": "lb",
    "lb": "kg",
    "m": "feet",
    "ft": "metres",
    "day": "weeks",
    "week": "days",
    "month": "years",
    "year": "months",
    "hour": "minutes",
    "minute": "hours",
    "%": "percentage points",
    "pp": "%",
    "ton": "kg",
}
CURRENCY_SWAP = {"USD": "€", "EUR": "$", "GBP": "$", "JPY": "$", "SGD": "€", "CNY": "$"}
FALLBACK_SPEAKERS = ("Marta Lindqvist", "Tomasz Brenner", "Aiko Tanaka-Ruiz")


@dataclass
class Pool:
    """One cluster: its articles, the date its points are judged on, its opinion outlets."""

    name: str
    articles: list[Article]
    today: dt.date
    opinion_paths: set[str] = field(default_factory=set)


@dataclass
class Case:
    fault: str  # "clean", a key of FAULT_CODES or of CONTROL_CODES
    point: Point
    articles: list[Article]
    today: dt.date
    neutral: bool = True  # not from an opinion outlet (the opinion control uses these only)


# --- reading the pools ----------------------------------------------------------------------


def _english(article: Article) -> bool:
    tokens = [w.lower() for s in article.sentences[:20] for w in words(s.text)]
    return len(tokens) > 20 and sum(
        t in {"the", "and", "of", "to", "a"} for t in tokens
    ) > 0.08 * len(tokens)


def _pool(name: str, folder: Path, today: dt.date | None) -> Pool | None:
    try:
        articles = [a for a in ingest_folder(folder).articles if _english(a)]
    except BriefError:
        return None
    dates = [a.published for a in articles if a.published]
    when = today or (max(dates) + dt.timedelta(days=1) if dates else dt.date(2026, 11, 23))
    return Pool(name, articles, when) if articles else None


def pools(quick: bool, split: str = "dev") -> Iterator[Pool]:
    """The clusters of `split`: seeds/ and multiling2011 (dev only), mmds2025 (English only),
    neus_allsides. The planted faults use dev; only the opinion audit reads test."""
    base = root()
    if split == "dev":
        if seeds := _pool("seeds", ROOT / "seeds", dt.date(2024, 11, 20)):
            yield seeds
        for d in sorted((base / "multiling2011" / "dev").iterdir())[: 1 if quick else None]:
            if (p := _pool(f"multiling/{d.name}", d / "articles", None)) is not None:
                yield p
    if not quick:
        for d in sorted((base / "mmds2025" / split).iterdir()):
            if (p := _pool(f"mmds/{d.name}", d / "articles", None)) is not None:
                yield p
    for d in sorted((base / "neus_allsides" / split).iterdir())[: QUICK_NEUS if quick else None]:
        meta = json.loads((d / "meta.json").read_text(encoding="utf-8"))
        day = dt.date.fromisoformat(meta["date"][:10]) + dt.timedelta(days=1)
        if (p := _pool(f"neus/{d.name}", d / "articles", day)) is None:
            continue
        for side, src in meta.get("sources", {}).items():
            if "opinion" in (src.get("outlet") or "").lower() + (src.get("url") or "").lower():
                p.opinion_paths.add(f"{side}.txt")
        yield p


# --- building points ------------------------------------------------------------------------


def _ok(sentence: Sentence) -> bool:
    n = len(words(sentence.text))
    return 8 <= n <= 45 and sentence.text.rstrip("”\"’')")[-1:] in ".!?"


def _point(
    text: str,
    cites: list[tuple[Article, Sentence]],
    kind: PointKind = "reaction",
    speaker: str | None = None,
    quote: str | None = None,
) -> Point:
    citations = [
        Citation(n=i, source=a.path, sentence=s.id, line=s.line, text=s.text)
        for i, (a, s) in enumerate(cites, 1)
    ]
    return Point(
        id="p", rank=1, kind=kind, text=text, speaker=speaker, quote=quote, citations=citations
    )


def _replace_sentence(article: Article, sentence: Sentence, text: str) -> Article:
    sents = [
        s.model_copy(update={"text": text}) if s.id == sentence.id else s for s in article.sentences
    ]
    return article.model_copy(update={"sentences": sents})


def _changed(q: Quantity) -> str | None:
    """The figure's text, changed: a date two days off, else its first digit (50,000 -> 70,000)."""
    if q.kind == "date":
        day = re.findall(r"\d+", q.text)[0]
        return q.text.replace(day, str(int(day) + 2 if int(day) <= 27 else int(day) - 2), 1)
    m = re.search(r"\d", q.text)
    if not m:
        return None
    new = str((int(m.group(0)) + 2) % 10 or 3)
    return q.text[: m.start()] + new + q.text[m.end() :]


def _reactions(pool: Pool) -> list[tuple[Article, Sentence, str, str]]:
    """(article, sentence, speaker, quote) for sentences quoting a named, attributed speaker."""
    out = []
    for a in pool.articles:
        for s in a.sentences:
            said = attributed(s.text)
            quotes = [q for _, _, q in quote_spans(s.text) if len(words(q)) >= 4]
            if said and quotes:
                out.append((a, s, said[0], quotes[0].strip(" ,.")))
    return out


@dataclass
class _Builder:
    """Builds the cases of one cluster; each method adds one family of faults."""

    pool: Pool
    rng: random.Random
    out: list[Case] = field(default_factory=list)

    @property
    def arts(self) -> list[Article]:
        return self.pool.articles

    def add(
        self,
        fault: str,
        point: Point,
        articles: list[Article] | None = None,
        day: dt.date | None = None,
        article: Article | None = None,
    ) -> None:
        neutral = article is None or article.path not in self.pool.opinion_paths
        self.out.append(
            Case(fault, point, articles or self.arts, day or self.fresh_day(point), neutral)
        )

    def fresh_day(self, point: Point) -> dt.date:
        """The day after the latest cited article appeared (clusters span months)."""
        paths = {c.source for c in point.citations}
        dates = [a.published for a in self.arts if a.path in paths and a.published]
        return max(dates) + dt.timedelta(days=1) if dates else self.pool.today

    def pick(self, items: list[T]) -> list[T]:
        return self.rng.sample(items, min(PER_CLUSTER, len(items)))

    def swap(self, article: Article, new: Article) -> list[Article]:
        return [new if x.id == article.id else x for x in self.arts]

    def clean(self, cands: list[Cand]) -> None:
        """The sentence for itself, a trim at a comma, a decision citing a second file too."""
        for a, s in self.pick(cands):
            self.add("clean", _point(s.text, [(a, s)]), article=a)
            cut = s.text.find(", ", len(s.text) // 3)
            if cut > 0:
                self.add("clean", _point(s.text[:cut] + ".", [(a, s)]), article=a)
            other = [(b, t) for b, t in cands if b.id != a.id]
            if other:
                b, t = self.rng.choice(other)
                self.add("clean", _point(s.text, [(a, s), (b, t)], kind="decision"), article=a)

    def quotes(self, names: list[str]) -> None:
        """A correct reaction; the same with another speaker; the same with a word changed."""
        for a, s, speaker, quote in self.pick(_reactions(self.pool)):
            point = _point(f"{speaker}: “{quote}”", [(a, s)], speaker=speaker, quote=quote)
            self.add("clean", point, article=a)
            context = " ".join(t.text for t in a.sentences)
            strangers = [n for n in names if speaker_keys(n)[-1] not in context]
            other = self.rng.choice(strangers or list(FALLBACK_SPEAKERS))
            swapped = _point(f"{other}: “{quote}”", [(a, s)], speaker=other, quote=quote)
            self.add("speaker_swap", swapped)
            qw = quote.split()
            i = self.rng.randrange(len(qw))
            qw[i] = "never" if qw[i].lower() != "never" else "always"
            edited = " ".join(qw)
            self.add(
                "quote_edit",
                _point(f"{speaker}: “{edited}”", [(a, s)], speaker=speaker, quote=edited),
            )

    def figures(self, cands: list[Cand]) -> None:
        """A changed figure; the same change in a second source; a swapped unit."""
        with_numbers = [
            (a, s, q) for a, s in cands for q in quantities(s.text) if q.kind in ("number", "date")
        ]
        for a, s, q in self.pick(with_numbers):
            changed = _changed(q)
            if changed is None:
                continue
            wrong = s.text[: q.start] + changed + s.text[q.end :]
            new_q = next((n for n in quantities(wrong) if n.start == q.start), None)
            if new_q is None or any(new_q.agrees(other) for other in quantities(s.text)):
                continue  # the new figure is another one of the sentence: not a detectable fault
            self.add("number_swap", _point(wrong, [(a, s)]))
            others = [b for b in self.arts if b.id != a.id]
            if others:
                b = self.rng.choice(others)
                line = b.sentences[-1].line + 2
                planted = Sentence(
                    id=f"{b.id}.s{len(b.sentences) + 1}",
                    text=wrong,
                    line=line,
                    start=0,
                    end=len(wrong),
                )
                new_b = b.model_copy(update={"sentences": [*b.sentences, planted]})
                self.add("conflicting_source", _point(s.text, [(a, s)]), self.swap(b, new_b))
        for a, s, q in self.pick([(a, s, q) for a, s, q in with_numbers if q.unit]):
            new_text = _unit_swapped(q)
            if new_text:
                self.add(
                    "unit_swap", _point(s.text[: q.start] + new_text + s.text[q.end :], [(a, s)])
                )

    def support(self, cands: list[Cand], claims: list[str]) -> None:
        """A sentence of another article cited; a clause from another cluster added."""
        for a, s in self.pick(cands):
            unrelated = [
                (b, t) for b, t in cands if b.id != a.id and _overlap(s.text, t.text) < 0.5
            ]
            if unrelated:
                b, t = self.rng.choice(unrelated)
                self.add("wrong_sentence", _point(s.text, [(b, t)]))
            claim = " ".join(self.rng.choice(claims).rstrip(".").split()[:12])
            text = s.text.rstrip(".!?") + ", and " + claim[0].lower() + claim[1:] + "."
            self.add("added_claim", _point(text, [(a, s)]))

    def opinions(self, cands: list[Cand]) -> None:
        """The source sentence becomes the author's judgement; the point states it as fact.

        Attributed sentences are left out: a view the source attributes is not the author's.
        """
        plain = [(a, s) for a, s in cands if not ATTRIBUTED.search(s.text)]
        for a, s in self.pick(plain):
            body, low = s.text.rstrip(".!?"), s.text[0].lower() + s.text[1:]
            for fault, templates in OPINION_WORDINGS.items():
                opinion = self.rng.choice(templates).format(s=s.text, c=body, l=low)
                changed = self.swap(a, _replace_sentence(a, s, opinion))
                self.add(fault, _point(s.text, [(a, s)]), changed)
            # Wordings by engineers who had not read the rules, with neutral controls.
            for fault, templates in (
                ("opinion_as_fact (held-out)", HELD_OUT_OPINION),
                ("neutral addition (held-out)", HELD_OUT_NEUTRAL),
                ("opinion_as_fact (fresh dev)", FRESH_DEV_OPINION),
                ("neutral addition (fresh dev)", FRESH_DEV_NEUTRAL),
                ("opinion_as_fact (fresh test)", FRESH_TEST_OPINION),
                ("neutral addition (fresh test)", FRESH_TEST_NEUTRAL),
            ):
                added = self.rng.choice(templates).format(s=s.text, c=body, l=low)
                changed = self.swap(a, _replace_sentence(a, s, added))
                self.add(fault, _point(s.text, [(a, s)]), changed)

    def sources(self, cands: list[Cand]) -> None:
        """A decision from one file; a source far older than the run's date."""
        for a, s in self.pick(cands):
            self.add("one_source", _point(s.text, [(a, s)], kind="decision"))
            point = _point(s.text, [(a, s)])
            day = self.fresh_day(point)
            old = day - dt.timedelta(days=STALE_DAYS + self.rng.randint(1, 400))
            aged = self.swap(a, a.model_copy(update={"published": old}))
            self.add("old_source", point, aged, day)


def cases_for(pool: Pool, claims: list[str], names: list[str], rng: random.Random) -> list[Case]:
    """Clean points and planted faults for one cluster."""
    cands = [
        (a, s)
        for a in pool.articles
        for s in a.sentences
        if _ok(s) and not _QUOTE_MARK.search(s.text)
    ]
    if not cands:
        return []
    builder = _Builder(pool, rng)
    builder.clean(cands)
    builder.quotes(names)
    builder.figures(cands)
    builder.support(cands, claims)
    builder.opinions(cands)
    builder.sources(cands)
    return builder.out


def _unit_swapped(q: Quantity) -> str | None:
    """The figure's text in another unit of the same kind (190 miles -> 190 kilometres)."""
    digits = re.search(r"[\d.,]+\d|\d", q.text)
    if digits is None or q.unit is None:
        return None
    if q.unit in CURRENCY_SWAP:
        new_text = re.sub(r"US\$|S\$|[$€£¥]", CURRENCY_SWAP[q.unit], q.text, count=1)
        if new_text != q.text:
            return new_text
        return q.text[: digits.end()] + " " + ("euros" if q.unit != "EUR" else "dollars")
    return q.text[: digits.end()] + " " + UNIT_SWAP.get(q.unit, "km")


def _overlap(a: str, b: str) -> float:
    sa, sb = set(content_stems(a)), set(content_stems(b))
    return len(sa & sb) / max(1, min(len(sa), len(sb)))


# --- the whole set --------------------------------------------------------------------------


def build(quick: bool, seed: int = 7, all_pools: list[Pool] | None = None) -> list[Case]:
    """Every case of every pool (read afresh unless given), reproducibly."""
    all_pools = list(pools(quick)) if all_pools is None else all_pools
    sentences = [s.text for p in all_pools for a in p.articles for s in a.sentences if _ok(s)]
    names = sorted({r[2] for p in all_pools for r in _reactions(p)})
    cases: list[Case] = []
    for pool in all_pools:
        rng = random.Random(f"{seed}/{pool.name}")
        own = {s.text for a in pool.articles for s in a.sentences}
        claims = [
            t
            for t in rng.sample(sentences, min(50, len(sentences)))
            if t not in own and len(content_stems(" ".join(t.split()[:12]))) >= 6
        ]
        claims = claims or ["officials confirmed 4,000 new jobs in the steel sector"]
        cases += cases_for(pool, claims, names or list(FALLBACK_SPEAKERS), rng)
    return cases
