from __future__ import annotations

import datetime as dt

from brief.assemble import assemble, renumber
from brief.models import Article, Draft, DraftPoint, EngineInfo, Sentence

TODAY = dt.date(2026, 11, 23)


def _article(n: int, texts: list[str]) -> Article:
    sentences = [
        Sentence(id=f"a{n}.s{i}", text=t, line=i + 2, start=0, end=len(t))
        for i, t in enumerate(texts, start=1)
    ]
    return Article(
        id=f"a{n}",
        path=f"{n:03d}.txt",
        title=f"Headline {n}",
        sentences=sentences,
        sha256="0" * 64,
    )


ARTICLES = [
    _article(1, ["The council approved the budget.", "The mayor praised it."]),
    _article(2, ["The budget was approved on Monday.", "Nobody knows if it will pass."]),
]


def _draft(points: list[DraftPoint], bottom: DraftPoint | None = None) -> Draft:
    return Draft(bottom_line=bottom, points=points, engine=EngineInfo(name="extractive"))


def test_ids_become_citations_with_file_line_and_exact_text() -> None:
    draft = _draft(
        [DraftPoint(kind="decision", text="Budget approved.", sentence_ids=["a1.s1", "a2.s1"])],
        bottom=DraftPoint(kind="decision", text="Budget approved.", sentence_ids=["a2.s1"]),
    )
    brief, counts = assemble(draft, ARTICLES, today=TODAY)
    assert brief.bottom_line is not None
    assert [(c.n, c.source, c.line) for c in brief.bottom_line.citations] == [(1, "002.txt", 3)]
    cites = brief.points[0].citations
    # a sentence already cited keeps its number; a new one gets the next
    assert [(c.n, c.sentence, c.text) for c in cites] == [
        (2, "a1.s1", "The council approved the budget."),
        (1, "a2.s1", "The budget was approved on Monday."),
    ]
    assert brief.title == "Headline 2"
    assert [s.path for s in brief.sources] == ["001.txt", "002.txt"]
    assert not counts


def test_unknown_ids_are_dropped_and_uncited_points_removed() -> None:
    draft = _draft(
        [
            DraftPoint(kind="reaction", text="Mayor praised.", sentence_ids=["a1.s2", "a9.s9"]),
            DraftPoint(kind="context", text="Invented.", sentence_ids=["a7.s1"]),
        ]
    )
    brief, counts = assemble(draft, ARTICLES, today=TODAY)
    assert [p.text for p in brief.points] == ["Mayor praised."]
    assert [c.sentence for c in brief.points[0].citations] == ["a1.s2"]
    assert counts == {"unknown_ids_dropped": 2, "points_without_citation_dropped": 1}
    assert brief.title == "News brief, 23 November 2026"


def test_renumber_closes_gaps_left_by_removed_points() -> None:
    draft = _draft(
        [
            DraftPoint(kind="decision", text="A", sentence_ids=["a1.s1"]),
            DraftPoint(kind="reaction", text="B", sentence_ids=["a2.s2"]),
            DraftPoint(kind="context", text="C", sentence_ids=["a1.s2", "a1.s1"]),
        ]
    )
    brief, _ = assemble(draft, ARTICLES, today=TODAY)
    trimmed = renumber(brief.model_copy(update={"points": [brief.points[0], brief.points[2]]}))
    assert [[c.n for c in p.citations] for p in trimmed.points] == [[1], [2, 1]]


def test_ranks_interleave_sections_so_a_cut_trims_each_section() -> None:
    draft = _draft(
        [DraftPoint(kind="decision", text=f"D{i}", sentence_ids=["a1.s1"]) for i in range(3)]
        + [DraftPoint(kind="open_question", text="Q0", sentence_ids=["a2.s2"])]
        + [DraftPoint(kind="reaction", text=f"R{i}", sentence_ids=["a1.s2"]) for i in range(2)]
    )
    brief, _ = assemble(draft, ARTICLES, today=TODAY)
    assert [(p.rank, p.text) for p in brief.points] == [
        (1, "D0"),
        (2, "R0"),
        (3, "Q0"),
        (4, "D1"),
        (5, "R1"),
        (6, "D2"),
    ]


def test_reading_order_numbers_ascend_as_the_sections_are_printed() -> None:
    draft = _draft(
        [
            DraftPoint(kind="context", text="C", sentence_ids=["a2.s2"]),
            DraftPoint(kind="reaction", text="R", sentence_ids=["a1.s2"]),
            DraftPoint(kind="decision", text="D", sentence_ids=["a1.s1"]),
        ]
    )
    brief, _ = assemble(draft, ARTICLES, today=TODAY)
    printed = renumber(brief, reading_order=True)
    by_text = {p.text: [c.n for c in p.citations] for p in printed.points}
    assert by_text == {"D": [1], "R": [2], "C": [3]}
