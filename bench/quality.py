"""Quality of the embedded engine on the evaluation corpus, beside Lead, LexRank and TextRank.

Method of the corpus README: each summary is cut to its reference's word count and scored with
ROUGE-1/2/Lsum F1 (rouge-score, stemming on); all systems are computed in this run.
"""

from __future__ import annotations

import statistics
from collections.abc import Callable

from rouge_score.rouge_scorer import RougeScorer
from sumy.models.dom import ObjectDocumentModel, Paragraph, Sentence
from sumy.nlp.stemmers import Stemmer
from sumy.summarizers.lex_rank import LexRankSummarizer
from sumy.summarizers.text_rank import TextRankSummarizer
from sumy.utils import get_stop_words

from bench import corpus
from bench.common import Headline, Plot, Section, Table, figure_png, new_figure
from brief import sentences
from brief.extractive import condense
from brief.models import Article, Draft
from brief.text import WORD as _WORD

METRICS = ("rouge1", "rouge2", "rougeLsum")
QUICK_CLUSTERS = 6

Summarizer = Callable[[list[Article], int], list[str]]


class _Tokenizer:
    """sumy's own tokenizer needs NLTK punkt data; this one uses the product's segmenter."""

    language = "english"

    def to_sentences(self, paragraph: str) -> list[str]:
        return [paragraph[a:b] for a, b in sentences.split(paragraph)]

    def to_words(self, sentence: str) -> list[str]:
        return _WORD.findall(sentence)


def brief_text(draft: Draft) -> list[str]:
    """The brief's text: bottom line, then the points in rank order, each sentence once."""
    texts = [draft.bottom_line.text] if draft.bottom_line else []
    texts += [p.text for p in draft.points]
    return list(dict.fromkeys(texts))


def extractive(articles: list[Article], budget: int) -> list[str]:
    return brief_text(condense(articles))


def lead(articles: list[Article], budget: int) -> list[str]:
    """First sentence of each article, then the second of each, and so on (round-robin)."""
    out: list[str] = []
    depth = max(len(a.sentences) for a in articles)
    for i in range(depth):
        out += [a.sentences[i].text for a in articles if i < len(a.sentences)]
    return out


def _graph(summarizer_cls: type[LexRankSummarizer] | type[TextRankSummarizer]) -> Summarizer:
    tokenizer = _Tokenizer()

    class Rated(summarizer_cls):  # type: ignore[valid-type,misc]
        """Keeps sumy's sentence ratings instead of its top-k cut, so the budget decides."""

        def _get_best_sentences(self, sents, count, rating, *args, **kwargs):  # type: ignore[no-untyped-def]
            self.ratings = rating
            return ()

    def summarize(articles: list[Article], budget: int) -> list[str]:
        doc = ObjectDocumentModel(
            [Paragraph([Sentence(s.text, tokenizer) for s in a.sentences]) for a in articles]
        )
        summarizer = Rated(Stemmer("english"))
        summarizer.stop_words = get_stop_words("english")
        summarizer(doc, 1)
        order = {id(s): i for i, s in enumerate(doc.sentences)}
        ranked = sorted(doc.sentences, key=lambda s: (-summarizer.ratings[s], order[id(s)]))
        chosen, words = [], 0
        for s in ranked:
            if words >= budget:
                break
            chosen.append(s)
            words += len(str(s).split())
        # Like sumy's own output: the chosen sentences in document order.
        return [str(s) for s in sorted(chosen, key=lambda s: order[id(s)])]

    return summarize


SUMMARIZERS: dict[str, Summarizer] = {
    "extractive": extractive,
    "lead": lead,
    "lexrank": _graph(LexRankSummarizer),
    "textrank": _graph(TextRankSummarizer),
}


def llm(articles: list[Article], budget: int) -> list[str]:
    """The LLM engine's brief text, when an endpoint is configured (answers are cached)."""
    from brief import llm_engine
    from brief.settings import load_settings

    return brief_text(llm_engine.condense(articles, load_settings(engine="llm")))


def systems() -> tuple[str, ...]:
    """The systems scored in this run: the LLM engine joins when OPENAI_* is set."""
    from brief.settings import load_settings

    if load_settings().llm_configured:
        SUMMARIZERS["llm"] = llm
    return tuple(SUMMARIZERS)


def cut(texts: list[str], budget: int) -> str:
    """Sentences kept whole until the word budget, the last one trimmed; one per line (Lsum)."""
    lines: list[str] = []
    left = budget
    for text in texts:
        if left <= 0:
            break
        tokens = text.split()[:left]
        lines.append(" ".join(tokens))
        left -= len(tokens)
    return "\n".join(lines)


def score_set(
    set_name: str, split: str, limit: int | None, scorer: RougeScorer
) -> tuple[int, dict[str, dict[str, float]]]:
    """Mean F1 ×100 per system and metric over the clusters of one set and split."""
    scores: dict[str, dict[str, list[float]]] = {s: {m: [] for m in METRICS} for s in SUMMARIZERS}
    n = 0
    for cluster in corpus.clusters(set_name, split, limit):
        n += 1
        budget = len(cluster.reference.split())
        target = "\n".join(cluster.reference[a:b] for a, b in sentences.split(cluster.reference))
        for system, summarize in SUMMARIZERS.items():
            summary = cut(summarize(cluster.articles, budget), budget)
            result = scorer.score(target, summary)
            for metric in METRICS:
                scores[system][metric].append(100 * result[metric].fmeasure)
    means = {
        s: {m: statistics.fmean(v) if v else 0.0 for m, v in per.items()}
        for s, per in scores.items()
    }
    return n, means


def run(quick: bool) -> Section:
    section = Section(name="quality", title="Quality of the engines (ROUGE F1 ×100)")
    scorer = RougeScorer(list(METRICS), use_stemmer=True)
    splits = ("dev",) if quick else corpus.SPLITS
    limit = QUICK_CLUSTERS if quick else None
    names = systems()
    rows = []
    for set_name in corpus.SETS:
        for split in splits:
            n, means = score_set(set_name, split, limit, scorer)
            for system in names:
                row = [round(means[system][m], 2) for m in METRICS]
                rows.append([set_name, split, n, system, *row])
                for metric, value in zip(METRICS, row, strict=True):
                    section.figures[f"quality.{set_name}.{split}.{system}.{metric}"] = value
            section.figures[f"quality.{set_name}.{split}.clusters"] = n
    section.tables.append(
        Table(
            title="ROUGE F1 ×100, summaries cut to the reference's word count",
            columns=["set", "split", "clusters", "system", "ROUGE-1", "ROUGE-2", "ROUGE-Lsum"],
            rows=rows,
            note="Tuned on dev only. neus_allsides: reference = first paragraph. "
            "README test figures (R2): neus Lead 15.84, LexRank 15.82, TextRank 15.51; "
            "mmds Lead 14.79, LexRank 14.29, TextRank 12.82.",
        )
    )
    section.plots.append(
        Plot(title="ROUGE-2 F1 ×100 per system", png=_bars(section.figures, splits, names))
    )
    for set_name in corpus.SETS:
        for split in splits:
            ours = section.figures[f"quality.{set_name}.{split}.extractive.rouge2"]
            base = section.figures[f"quality.{set_name}.{split}.lead.rouge2"]
            verdict = "beats" if ours > base else "does not beat"
            section.notes.append(
                f"{set_name}/{split}: the engine {verdict} Lead on ROUGE-2 ({ours} vs {base})."
            )
            section.headlines.append(
                Headline(
                    f"ROUGE-2 F1 ×100, embedded engine, {set_name} {split}",
                    f"{ours:.2f}",
                    f"Lead {base:.2f}",
                    f"{ours - base:+.2f}",
                )
            )
    return section


def _bars(figures: dict[str, float], splits: tuple[str, ...], names: tuple[str, ...]) -> bytes:
    """Grouped bars: one group per set and split, one bar per system."""
    groups = [(name, split) for name in corpus.SETS for split in splits]
    fig, ax = new_figure(7.5, 3.2)
    width = 0.8 / len(names)
    for i, system in enumerate(names):
        values = [figures[f"quality.{n}.{sp}.{system}.rouge2"] for n, sp in groups]
        xs = [g + (i - (len(names) - 1) / 2) * width for g in range(len(groups))]
        ax.bar(xs, values, width, label=system)
    ax.set_xticks(range(len(groups)), [f"{n}\n{sp}" for n, sp in groups])
    ax.set_ylabel("ROUGE-2 F1 ×100")
    fig.legend(loc="outside right upper", fontsize="small")
    return figure_png(fig)
