"""How the embedded engine grows: time and peak memory of `condense` on 250 … 2,000 articles.

Articles are pooled from the corpus and ingested once, outside the timing. Each time is the
median of several runs and is read as a ratio: time per article against the smallest size, and
against a linear baseline (one pass tokenizing every sentence) measured in the same run.
"""

from __future__ import annotations

import io
import tracemalloc
from functools import partial

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt

from bench import corpus
from bench.common import Headline, Plot, Section, Table, median_time
from brief.extractive import condense
from brief.models import Article
from brief.text import words

SIZES = (250, 500, 1000, 2000)
QUICK_SIZES = (50, 100, 200)


def _repeats(size: int) -> int:
    return 5 if size <= 250 else 3 if size <= 1000 else 2


def _baseline(articles: list[Article]) -> None:
    """A linear pass over the same text: what any engine must at least do."""
    for a in articles:
        for s in a.sentences:
            words(s.text)


def _peak_mb(articles: list[Article]) -> float:
    tracemalloc.start()
    try:
        condense(articles)
        return tracemalloc.get_traced_memory()[1] / 1e6
    finally:
        tracemalloc.stop()


def run(quick: bool) -> Section:
    section = Section(
        name="scale", title="Engine time and peak memory against the number of articles"
    )
    sizes = QUICK_SIZES if quick else SIZES
    pool = corpus.pooled_articles(max(sizes))
    distinct = len({a.sha256 for a in pool})
    rows = []
    times: list[float] = []
    counts: list[int] = []
    peaks: list[float] = []
    for size in sizes:
        articles = pool[:size]
        n_sentences = sum(len(a.sentences) for a in articles)
        condense(articles)  # warm-up: imports and caches are not the engine's growth
        t = median_time(partial(condense, articles), _repeats(size))
        base = median_time(partial(_baseline, articles), _repeats(size))
        peak = _peak_mb(articles)
        times.append(t)
        counts.append(n_sentences)
        peaks.append(peak)
        per_sentence = (t / n_sentences) / (times[0] / counts[0])
        rows.append(
            [
                size,
                n_sentences,
                round(t, 3),
                round(per_sentence, 2),
                round(t / base, 1),
                round(peak, 1),
                round((peak / size) / (peaks[0] / sizes[0]), 2),
            ]
        )
        key = f"scale.{size}"
        section.figures[f"{key}.seconds"] = round(t, 4)
        section.figures[f"{key}.time_per_sentence_vs_smallest"] = round(per_sentence, 3)
        section.figures[f"{key}.time_vs_linear_baseline"] = round(t / base, 2)
        section.figures[f"{key}.peak_mb"] = round(peak, 2)
    section.tables.append(
        Table(
            title="condense() on pooled corpus articles (median of 5/3/2 runs)",
            columns=[
                "articles",
                "sentences",
                "seconds",
                "time/sentence ÷ smallest",
                "time ÷ linear baseline",
                "peak MB",
                "MB/article ÷ smallest",
            ],
            rows=rows,
            note="Pooled articles differ in length, so growth is read per sentence: a ratio "
            "near 1.0 in the 'time/sentence' column means linear growth; 2.0 at "
            "each doubling would mean quadratic. The baseline tokenizes every sentence once.",
        )
    )
    if distinct < max(sizes):
        section.notes.append(
            f"The corpus holds {distinct} distinct articles; larger sizes repeat them under new "
            "ids (which the engine merges as duplicates)."
        )
    section.plots.append(Plot(title="Engine time and peak memory", png=_plot(sizes, times, peaks)))
    growth = times[-1] / times[0]
    section.headlines.append(
        Headline(
            f"Engine time, {sizes[-1]} vs {sizes[0]} articles",
            f"{growth:.1f}×",
            f"{counts[-1] / counts[0]:.1f}× the sentences",
            "linear growth means the two are close; quadratic would square the second",
        )
    )
    return section


def _plot(sizes: tuple[int, ...], times: list[float], peaks: list[float]) -> bytes:
    fig, (left, right) = plt.subplots(1, 2, figsize=(9, 3.4))
    linear = [times[0] * s / sizes[0] for s in sizes]
    left.plot(sizes, times, "o-", label="condense")
    left.plot(sizes, linear, "--", color="grey", label="linear from smallest")
    left.set(xlabel="articles", ylabel="seconds", title="Time")
    left.legend()
    right.plot(sizes, peaks, "o-", color="tab:orange", label="peak (tracemalloc)")
    right.plot(
        sizes,
        [peaks[0] * s / sizes[0] for s in sizes],
        "--",
        color="grey",
        label="linear from smallest",
    )
    right.set(xlabel="articles", ylabel="MB", title="Peak memory")
    right.legend()
    fig.tight_layout()
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=110)
    plt.close(fig)
    return buf.getvalue()
