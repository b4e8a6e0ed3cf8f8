"""Planted faults: correct points built from the dev corpus and seeds/, corrupted in known ways.

Each clean point is a sentence cited for itself (or a faithful trim of it, or a reaction whose
quote and speaker come from an attributed sentence). Each fault changes one thing and expects one
flag code. Everything is built at run time from the files; nothing from the corpus is stored.
"""

from __future__ import annotations

import datetime as dt
import json
import random
import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from bench.common import ROOT, Headline, Section, Table
from bench.corpus import root
from brief.errors import BriefError
from brief.ingest import ingest_folder
from brief.models import Article, Citation, Point, PointKind, Sentence
from brief.verify import ATTRIBUTED, CODES, verify
from brief.verify_numbers import Quantity, quantities
from brief.verify_quotes import attributed, speaker_keys
from brief.verify_text import content_stems, quote_spans, words

STALE_DAYS = 30
_QUOTE_MARK = re.compile(r"[\"“”«»]")
PER_CLUSTER = 3  # sentences drawn per fault type and cluster
QUICK_NEUS = 6
FAULT_CODES = {
    "number_swap": "number_mismatch",
    "unit_swap": "number_mismatch",
    "speaker_swap": "misquote",
    "quote_edit": "misquote",
    "wrong_sentence": "unsupported",
    "added_claim": "unsupported",
    "opinion_as_fact": "opinion",
    "opinion_as_fact (held-out wording)": "opinion",
    "opinion_as_fact (fresh wording)": "opinion",
    "conflicting_source": "disagreement",
    "one_source": "single_source",
    "old_source": "stale",
}
# Wordings the opinion rules were written from, and wordings kept out of them on purpose.
OPINION_SEEN = (
    "Worryingly, {s}",
    "Clearly, {s}",
    "{c}, which should alarm everyone.",
    "Sadly, {s}",
    "Arguably, {s}",
    "It seems that {l}",
)
OPINION_HELD_OUT = (
    "Predictably, {s}",
    "{c}, a grave mistake.",
    "{c}, and that is a scandal.",
    "Astonishingly, {s}",
    "{c} — a blunder for the ages.",
)
# Written after the rules were widened from the held-out row's misses: the freshest wording.
OPINION_FRESH = (
    "Incredibly, {s}",
    "{c}, a decision history will judge harshly.",
    "{c}; nobody serious can defend that.",
    "Mercifully, {s}",
    "{c}, which is simply indefensible.",
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
    fault: str  # "clean" or a key of FAULT_CODES
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


def pools(quick: bool) -> Iterator[Pool]:
    """seeds/, then the dev clusters: multiling2011, mmds2025 (English only), neus_allsides."""
    seeds = _pool("seeds", ROOT / "seeds", dt.date(2024, 11, 20))
    if seeds:
        yield seeds
    base = root()
    for d in sorted((base / "multiling2011" / "dev").iterdir())[: 1 if quick else None]:
        if (p := _pool(f"multiling/{d.name}", d / "articles", None)) is not None:
            yield p
    if not quick:
        for d in sorted((base / "mmds2025" / "dev").iterdir()):
            if (p := _pool(f"mmds/{d.name}", d / "articles", None)) is not None:
                yield p
    for d in sorted((base / "neus_allsides" / "dev").iterdir())[: QUICK_NEUS if quick else None]:
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


def cases_for(pool: Pool, others: list[str], names: list[str], rng: random.Random) -> list[Case]:
    """Clean points and planted faults for one cluster."""
    arts, today = pool.articles, pool.today
    cands = [(a, s) for a in arts for s in a.sentences if _ok(s) and not _QUOTE_MARK.search(s.text)]
    if not cands:
        return []
    out: list[Case] = []

    def add(
        fault: str,
        point: Point,
        articles: list[Article] | None = None,
        day: dt.date | None = None,
        article: Article | None = None,
    ) -> None:
        neutral = article is None or article.path not in pool.opinion_paths
        out.append(Case(fault, point, articles or arts, day or _fresh_day(point), neutral))

    def _fresh_day(point: Point) -> dt.date:
        # The day after the latest cited article appeared (clusters span months): fresh news.
        paths = {c.source for c in point.citations}
        dates = [a.published for a in arts if a.path in paths and a.published]
        return max(dates) + dt.timedelta(days=1) if dates else today

    def pick(items: list[tuple[Article, Sentence]]) -> list[tuple[Article, Sentence]]:
        return rng.sample(items, min(PER_CLUSTER, len(items)))

    def swap(article: Article, new: Article) -> list[Article]:
        return [new if x.id == article.id else x for x in arts]

    # Clean: the sentence for itself, a trim at its first comma, a two-source decision.
    for a, s in pick(cands):
        add("clean", _point(s.text, [(a, s)]), article=a)
        cut = s.text.find(", ", len(s.text) // 3)
        if cut > 0:
            add("clean", _point(s.text[:cut] + ".", [(a, s)]), article=a)
        other = [(b, t) for b, t in cands if b.id != a.id]
        if other:
            b, t = rng.choice(other)
            add("clean", _point(s.text, [(a, s), (b, t)], kind="decision"), article=a)
    reactions = _reactions(pool)
    for a, s, speaker, quote in rng.sample(reactions, min(PER_CLUSTER, len(reactions))):
        add(
            "clean",
            _point(f"{speaker}: “{quote}”", [(a, s)], speaker=speaker, quote=quote),
            article=a,
        )
        context = " ".join(t.text for t in a.sentences)
        stranger = next(
            (n for n in rng.sample(names, len(names)) if speaker_keys(n)[-1] not in context), None
        )
        stranger = stranger or rng.choice(FALLBACK_SPEAKERS)
        add(
            "speaker_swap",
            _point(f"{stranger}: “{quote}”", [(a, s)], speaker=stranger, quote=quote),
        )
        qw = quote.split()
        i = rng.randrange(len(qw))
        qw[i] = "never" if qw[i].lower() != "never" else "always"
        edited = " ".join(qw)
        add("quote_edit", _point(f"{speaker}: “{edited}”", [(a, s)], speaker=speaker, quote=edited))

    # Figures: a changed number, a swapped unit, a conflicting second source.
    with_numbers = [
        (a, s, q) for a, s in cands for q in quantities(s.text) if q.kind in ("number", "date")
    ]
    for a, s, q in rng.sample(with_numbers, min(PER_CLUSTER, len(with_numbers))):
        changed = _changed(q)
        if changed is None:
            continue
        wrong = s.text[: q.start] + changed + s.text[q.end :]
        new_q = next((n for n in quantities(wrong) if n.start == q.start), None)
        if new_q is None or any(new_q.agrees(other) for other in quantities(s.text)):
            continue  # the new figure is another one of the sentence: not a detectable fault
        add("number_swap", _point(wrong, [(a, s)]))
        others_arts = [b for b in arts if b.id != a.id]
        if others_arts:
            b = rng.choice(others_arts)
            planted = Sentence(
                id=f"{b.id}.s{len(b.sentences) + 1}",
                text=wrong,
                line=b.sentences[-1].line + 2,
                start=0,
                end=1,
            )
            new_b = b.model_copy(update={"sentences": [*b.sentences, planted]})
            add("conflicting_source", _point(s.text, [(a, s)]), swap(b, new_b))
    with_units = [(a, s, q) for a, s, q in with_numbers if q.unit]
    for a, s, q in rng.sample(with_units, min(PER_CLUSTER, len(with_units))):
        digits = re.search(r"[\d.,]+\d|\d", q.text)
        if digits is None:
            continue
        if q.unit in CURRENCY_SWAP:
            new_text = re.sub(r"US\$|S\$|[$€£¥]", CURRENCY_SWAP[q.unit], q.text, count=1)
            if new_text == q.text:
                new_text = (
                    q.text[: digits.end()] + " " + ("euros" if q.unit != "EUR" else "dollars")
                )
        else:
            new_text = q.text[: digits.end()] + " " + UNIT_SWAP.get(q.unit, "km")
        add("unit_swap", _point(s.text[: q.start] + new_text + s.text[q.end :], [(a, s)]))

    # Support: a sentence of another article cited, a made-up clause added.
    for a, s in pick(cands):
        unrelated = [(b, t) for b, t in cands if b.id != a.id and _overlap(s.text, t.text) < 0.5]
        if unrelated:
            b, t = rng.choice(unrelated)
            add("wrong_sentence", _point(s.text, [(b, t)]))
        claim = " ".join(rng.choice(others).rstrip(".").split()[:12])
        add(
            "added_claim",
            _point(s.text.rstrip(".!?") + ", and " + claim[0].lower() + claim[1:] + ".", [(a, s)]),
        )

    # Opinion as fact: the source sentence becomes the author's judgement; the point keeps the fact.
    # Attributed sentences are excluded: a view the source attributes is not the author's.
    plain = [(a, s) for a, s in cands if not ATTRIBUTED.search(s.text)]
    for a, s in pick(plain):
        for fault, templates in (
            ("opinion_as_fact", OPINION_SEEN),
            ("opinion_as_fact (held-out wording)", OPINION_HELD_OUT),
            ("opinion_as_fact (fresh wording)", OPINION_FRESH),
        ):
            body = s.text.rstrip(".!?")
            opinion = rng.choice(templates).format(
                s=s.text, c=body, l=s.text[0].lower() + s.text[1:]
            )
            add(fault, _point(s.text, [(a, s)]), swap(a, _replace_sentence(a, s, opinion)))

    # A decision from one file; a source far older than the run's date.
    for a, s in pick(cands):
        add("one_source", _point(s.text, [(a, s)], kind="decision"))
        stale_point = _point(s.text, [(a, s)])
        day = _fresh_day(stale_point)
        old = day - dt.timedelta(days=STALE_DAYS + rng.randint(1, 400))
        add("old_source", stale_point, swap(a, a.model_copy(update={"published": old})), day)
    return out


def _overlap(a: str, b: str) -> float:
    sa, sb = set(content_stems(a)), set(content_stems(b))
    return len(sa & sb) / max(1, min(len(sa), len(sb)))


# --- running and scoring --------------------------------------------------------------------


def build(quick: bool, seed: int = 7) -> list[Case]:
    """Every case of every pool, reproducibly."""
    all_pools = list(pools(quick))
    sentences = [s.text for p in all_pools for a in p.articles for s in a.sentences if _ok(s)]
    names = sorted({r[2] for p in all_pools for r in _reactions(p)})
    cases: list[Case] = []
    for pool in all_pools:
        rng = random.Random(f"{seed}/{pool.name}")
        own = {s.text for a in pool.articles for s in a.sentences}
        others = [
            t
            for t in rng.sample(sentences, min(50, len(sentences)))
            if t not in own and len(content_stems(" ".join(t.split()[:12]))) >= 6
        ]
        others = others or ["officials confirmed 4,000 new jobs in the steel sector"]
        cases += cases_for(pool, others, names or list(FALLBACK_SPEAKERS), rng)
    return cases


def score(cases: list[Case]) -> tuple[list[list[object]], list[list[object]], dict[str, float]]:
    """Per-code rows (caught, wrongly flagged), per-fault rows, and headline figures."""
    fired = [
        {
            f.code
            for f in verify([c.point], c.articles, today=c.today, stale_days=STALE_DAYS)[0].flags
        }
        for c in cases
    ]
    clean = [(c, f) for c, f in zip(cases, fired, strict=True) if c.fault == "clean"]
    code_rows: list[list[object]] = []
    figures: dict[str, float] = {}
    for code in CODES:
        planted = [
            code in f for c, f in zip(cases, fired, strict=True) if FAULT_CODES.get(c.fault) == code
        ]
        controls = [code in f for c, f in clean if code != "opinion" or c.neutral]
        caught = 100 * sum(planted) / len(planted) if planted else float("nan")
        wrong = 100 * sum(controls) / len(controls) if controls else float("nan")
        figures[f"{code}_caught_pct"] = round(caught, 1)
        figures[f"{code}_wrongly_flagged_pct"] = round(wrong, 1)
        code_rows.append([code, len(planted), f"{caught:.1f}", len(controls), f"{wrong:.1f}"])
    fault_rows: list[list[object]] = []
    for fault, code in FAULT_CODES.items():
        hits = [f for c, f in zip(cases, fired, strict=True) if c.fault == fault]
        if not hits:
            continue
        caught = 100 * sum(code in f for f in hits) / len(hits)
        also = Counter(x for f in hits for x in f if x != code).most_common(3)
        fault_rows.append(
            [fault, code, len(hits), f"{caught:.1f}", ", ".join(f"{x} {n}" for x, n in also)]
        )
    opinion_all = [("opinion" in f) for c, f in clean if not c.neutral]
    if opinion_all:
        figures["opinion_flagged_on_opinion_outlets_pct"] = round(
            100 * sum(opinion_all) / len(opinion_all), 1
        )
    return code_rows, fault_rows, figures


def run(quick: bool) -> Section:
    cases = build(quick)
    code_rows, fault_rows, figures = score(cases)
    figures["cases"] = len(cases)
    figures["clean_points"] = sum(c.fault == "clean" for c in cases)
    caught = {code: figures[f"{code}_caught_pct"] for code in CODES}
    wrong = {code: figures[f"{code}_wrongly_flagged_pct"] for code in CODES}
    low, high = min(caught, key=caught.__getitem__), max(wrong, key=wrong.__getitem__)
    headlines = [
        Headline(
            "planted faults caught, weakest flag code",
            f"{caught[low]:.1f}% ({low})",
            "goal ≥ 95% per code",
            f"{figures['cases']} cases",
        ),
        Headline(
            "clean points wrongly flagged, worst flag code",
            f"{wrong[high]:.1f}% ({high})",
            "goal ≤ 5% per code",
            f"{figures['clean_points']} clean points",
        ),
    ]
    return Section(
        name="planted",
        title="Verification: planted faults caught, clean points wrongly flagged",
        figures=figures,
        headlines=headlines,
        tables=[
            Table(
                title="Per flag code (goal: ≥ 95% caught, ≤ 5% wrongly flagged)",
                columns=["code", "planted", "caught %", "clean points", "wrongly flagged %"],
                rows=code_rows,
                note="Clean points for `opinion` exclude opinion outlets (neus_allsides sides "
                "marked Opinion), where an opinion flag is often right.",
            ),
            Table(
                title="Per planted fault",
                columns=["fault", "expected code", "cases", "caught %", "other flags raised"],
                rows=fault_rows,
            ),
        ],
        notes=[
            "Built at run time from seeds/ and the dev clusters (multiling2011, English mmds2025 "
            "articles, neus_allsides); non-English articles are skipped (the checks are "
            "English-only).",
            "What this can show: that each mechanical fault is caught and that verbatim or "
            "trimmed sentences and real attributed quotes are not flagged. What it cannot show: "
            "recall on paraphrases an LLM writes, on subtle misattributions (a speaker who is "
            "named in the sentence but did not say the quote) or on real disagreements between "
            "outlets; the opinion faults use template wordings, some of which the rules were "
            "written from (the held-out wordings row is the fairer figure).",
            "Clean points can carry true flags: a real opinion sentence in a news outlet, a real "
            "disagreement between two articles, a sentence reporting an old date. Those count "
            "as wrongly flagged here, so the false-flag rates are upper bounds.",
        ],
    )
