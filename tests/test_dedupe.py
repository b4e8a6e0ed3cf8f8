"""Near-duplicate grouping: what the LLM engine relies on to send each distinct sentence once."""

from __future__ import annotations

from pathlib import Path

from brief.dedupe import group_sentences
from brief.ingest import ingest_folder
from brief.models import Article


def _articles(tmp_path: Path, bodies: list[str]) -> list[Article]:
    for i, body in enumerate(bodies):
        (tmp_path / f"{i:02d}.txt").write_text(f"Title {i}\n\n{body}\n", encoding="utf-8")
    return ingest_folder(tmp_path).articles


def test_same_sentence_in_two_outlets_is_one_group_led_by_the_earliest(tmp_path: Path) -> None:
    arts = _articles(
        tmp_path,
        [
            "The council approved the new budget of 40 million euros on Tuesday. Rain fell.",
            "Markets were calm. The council approved the new budget of 40 million euros Tuesday.",
        ],
    )
    groups = group_sentences(arts)
    merged = [g for g in groups if len(g.ids) > 1]
    assert len(merged) == 1
    assert merged[0].ids == [arts[0].sentences[0].id, arts[1].sentences[1].id]
    assert merged[0].text == arts[0].sentences[0].text


def test_every_sentence_once_and_groups_in_reading_order(tmp_path: Path) -> None:
    arts = _articles(
        tmp_path,
        [
            "The mayor resigned on Friday. The city council will meet next week.",
            "Storms hit the coast overnight. The mayor resigned on Friday.",
        ],
    )
    groups = group_sentences(arts)
    ids = [i for g in groups for i in g.ids]
    every = [s.id for a in arts for s in a.sentences]
    assert sorted(ids) == sorted(every)
    assert len(ids) == len(set(ids))
    assert [g.ids[0] for g in groups] == sorted((g.ids[0] for g in groups), key=every.index)
    assert len(groups) == 3


def test_different_sentences_on_the_same_topic_stay_apart(tmp_path: Path) -> None:
    arts = _articles(
        tmp_path,
        [
            "The central bank raised interest rates by half a point on Wednesday.",
            "The central bank kept interest rates unchanged, surprising most economists.",
        ],
    )
    assert len(group_sentences(arts)) == 2
