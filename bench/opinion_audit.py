"""Opinion flags on real news sentences that engineers labelled by hand, blind to the checks.

`bench/opinion_audit.tsv` names 600 sentences drawn at random from the news-outlet articles of
the dev clusters, `bench/opinion_audit_test.tsv` 1,200 from the test clusters (cluster, file,
sentence id and a hash of the text; no corpus text is kept). Each was labelled `opinion` (the
author's own view), `fact` or `unsure` by an engineer who saw the sentence alone and no flag;
some were labelled by two, to measure how far two readers agree. The planted rows say how often
templated opinions are caught; these say how the flag fares on sentences real outlets wrote, and
what share of the "clean" sentences are in fact opinion.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from bench.planted_cases import Case, Pool, _point
from brief.models import Article, Sentence

AUDIT_FILE = Path(__file__).with_name("opinion_audit.tsv")
AUDIT_FILES = {"dev": AUDIT_FILE, "test": Path(__file__).with_name("opinion_audit_test.tsv")}
LABELS = ("opinion", "fact", "unsure")


@dataclass(frozen=True)
class Labelled:
    pool: str
    path: str
    sentence: str
    sha: str
    labels: tuple[str, ...]  # one per engineer who read it

    @property
    def label(self) -> str | None:
        """`opinion` or `fact` when every reader said so; None when unsure or split."""
        first = self.labels[0]
        return first if first != "unsure" and all(x == first for x in self.labels) else None


def sha(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:12]


def load(path: Path = AUDIT_FILE) -> list[Labelled]:
    """The labelled sentences; a malformed line is a bug in the file, so it raises."""
    out = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line or line.startswith("#"):
            continue
        pool, art, sent, digest, labels = line.split("\t")
        found = tuple(labels.split(","))
        if not found or any(x not in LABELS for x in found):
            raise ValueError(f"{path}:{n}: labels must be among {LABELS}, got {labels!r}")
        out.append(Labelled(pool, art, sent, digest, found))
    return out


def cases(pools: Iterable[Pool], labelled: list[Labelled]) -> list[tuple[Case, Labelled]]:
    """A clean point citing each labelled sentence that is still in the corpus, unchanged."""
    where: dict[tuple[str, str, str], tuple[Pool, Article, Sentence]] = {
        (p.name, a.path, s.id): (p, a, s) for p in pools for a in p.articles for s in a.sentences
    }
    out = []
    for item in labelled:
        hit = where.get((item.pool, item.path, item.sentence))
        if hit is None or sha(hit[2].text) != item.sha:
            continue
        pool, article, sentence = hit
        point = _point(sentence.text, [(article, sentence)])
        out.append((Case("clean", point, pool.articles, pool.today), item))
    return out


def agreement(labelled: list[Labelled]) -> tuple[int, float]:
    """(sentences read twice, % on which both readers gave the same label)."""
    twice = [x.labels for x in labelled if len(x.labels) > 1]
    same = sum(len(set(x)) == 1 for x in twice)
    return len(twice), 100 * same / max(1, len(twice))


def rates(flagged: list[bool], items: list[Labelled]) -> tuple[int, float, int, float]:
    """(opinion sentences, % flagged; fact sentences, % flagged)."""
    op = [f for f, x in zip(flagged, items, strict=True) if x.label == "opinion"]
    fact = [f for f, x in zip(flagged, items, strict=True) if x.label == "fact"]
    return (
        len(op),
        100 * sum(op) / max(1, len(op)),
        len(fact),
        100 * sum(fact) / max(1, len(fact)),
    )
