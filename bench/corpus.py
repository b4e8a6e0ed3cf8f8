"""The evaluation corpus (../shared/corpus, or $BRIEF_CORPUS): clusters of articles with references.

Articles are read with the product's own ingest, so the engine sees exactly what `brief run` sees.
Nothing is copied out of the corpus.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from bench.common import CORPUS
from brief.errors import BriefError
from brief.ingest import ingest_folder
from brief.models import Article

SETS = ("neus_allsides", "mmds2025")
SPLITS = ("dev", "test")


@dataclass
class Cluster:
    name: str
    articles: list[Article]
    reference: str


def root() -> Path:
    """The corpus folder: $BRIEF_CORPUS when set, else ../shared/corpus."""
    return Path(os.environ.get("BRIEF_CORPUS", CORPUS))


def cluster_dirs(set_name: str, split: str) -> list[Path]:
    folder = root() / set_name / split
    return sorted(p for p in folder.iterdir() if (p / "articles").is_dir())


def reference(cluster_dir: Path, set_name: str) -> str:
    """The cluster's reference; for neus_allsides only its first paragraph (the README's rule:
    the second paragraph describes media coverage, not the event)."""
    text = sorted((cluster_dir / "references").glob("*.txt"))[0].read_text(encoding="utf-8")
    if set_name == "neus_allsides":
        text = text.strip().split("\n\n")[0]
    return text.strip()


def clusters(set_name: str, split: str, limit: int | None = None) -> Iterator[Cluster]:
    """Clusters of one set and split, in name order; clusters with no usable article skipped."""
    for path in cluster_dirs(set_name, split)[:limit]:
        try:
            articles = ingest_folder(path / "articles").articles
        except BriefError:
            continue
        yield Cluster(name=path.name, articles=articles, reference=reference(path, set_name))


def pooled_articles(count: int) -> list[Article]:
    """`count` articles pooled from every cluster of the corpus, ids renumbered to stay unique."""
    pool: list[Article] = []
    for set_name in SETS:
        for split in SPLITS:
            for cluster in clusters(set_name, split):
                for article in cluster.articles:
                    pool.append(_renumber(article, f"a{len(pool) + 1}"))
                    if len(pool) == count:
                        return pool
    if len(pool) < count:
        # Fewer articles than asked: repeat the pool under new ids (said so by the caller).
        base = list(pool)
        while len(pool) < count:
            pool.append(_renumber(base[len(pool) % len(base)], f"a{len(pool) + 1}"))
    return pool


def _renumber(article: Article, new_id: str) -> Article:
    sentences = [
        s.model_copy(update={"id": new_id + s.id[s.id.index(".") :]}) for s in article.sentences
    ]
    return article.model_copy(
        update={"id": new_id, "path": f"{new_id}/{article.path}", "sentences": sentences}
    )
