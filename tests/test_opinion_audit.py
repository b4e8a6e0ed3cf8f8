"""The hand-labelled opinion audit: labels are read strictly, and only unchanged sentences count."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from bench import opinion_audit
from bench.planted import fire
from bench.planted_cases import Pool
from brief.ingest import ingest_folder


def _pool(tmp_path: Path) -> Pool:
    tmp_path.mkdir()
    (tmp_path / "a.txt").write_text(
        "Port deal\n\nThe council approved the port deal on Monday by nine votes to four. "
        "It is a shameful giveaway that taxpayers will regret for decades.\n",
        encoding="utf-8",
    )
    return Pool("test/one", ingest_folder(tmp_path).articles, dt.date(2026, 11, 23))


def _row(pool: Pool, n: int, labels: str, digest: str | None = None) -> str:
    article = pool.articles[0]
    s = article.sentences[n]
    return f"{pool.name}\t{article.path}\t{s.id}\t{digest or opinion_audit.sha(s.text)}\t{labels}"


def test_a_label_counts_only_when_every_reader_gave_it() -> None:
    def item(*labels: str) -> opinion_audit.Labelled:
        return opinion_audit.Labelled("p", "a.txt", "a1.s1", "0" * 12, labels)

    assert item("opinion").label == "opinion"
    assert item("fact", "fact").label == "fact"
    assert item("opinion", "fact").label is None
    assert item("unsure").label is None
    readers = [item("fact", "fact"), item("opinion", "fact"), item("fact")]
    assert opinion_audit.agreement(readers) == (2, 50.0)


def test_an_unknown_label_is_refused_with_its_line(tmp_path: Path) -> None:
    bad = tmp_path / "audit.tsv"
    bad.write_text("# header\np\ta.txt\ta1.s1\t000000000000\topinion,maybe\n", encoding="utf-8")

    with pytest.raises(ValueError, match=r"audit.tsv:2"):
        opinion_audit.load(bad)


def test_sentences_are_found_by_id_and_skipped_when_their_text_changed(tmp_path: Path) -> None:
    pool = _pool(tmp_path / "art")
    audit = tmp_path / "audit.tsv"
    audit.write_text(
        "\n".join(
            [
                _row(pool, 0, "fact,fact"),
                _row(pool, 1, "opinion"),
                _row(pool, 1, "opinion", digest="ffffffffffff"),  # the corpus text changed
            ]
        )
        + "\n",
        encoding="utf-8",
    )
    labelled = opinion_audit.load(audit)

    pairs = opinion_audit.cases([pool], labelled)

    assert [x.label for _, x in pairs] == ["fact", "opinion"]
    assert pairs[1][0].point.citations[0].text.startswith("It is a shameful giveaway")
    flagged = ["opinion" in f for f in fire([c for c, _ in pairs])]
    assert flagged == [False, True]
    assert opinion_audit.rates(flagged, [x for _, x in pairs]) == (1, 100.0, 1, 0.0)


@pytest.mark.parametrize(("split", "size", "twice"), [("dev", 600, 60), ("test", 1200, 120)])
def test_the_shipped_audits_name_their_sentences_and_keep_no_corpus_text(
    split: str, size: int, twice: int
) -> None:
    path = opinion_audit.AUDIT_FILES[split]
    labelled = opinion_audit.load(path)

    assert len(labelled) == size
    assert all(len(x.sha) == 12 and int(x.sha, 16) >= 0 for x in labelled)
    assert opinion_audit.agreement(labelled)[0] == twice
    # five short columns per line: names and a hash, never a sentence
    longest = max(len(line) for line in path.read_text().splitlines()[1:])
    assert longest < 120
