"""The embedded engine: typed, cited, ranked points from a folder of articles."""

from __future__ import annotations

from pathlib import Path

from brief.extractive import condense
from brief.ingest import ingest_folder
from brief.models import Article, Draft

ROOT = Path(__file__).resolve().parent.parent
DECISION = "The city council approved a ban on diesel cars in the old town on Tuesday."


def _articles(tmp_path: Path, bodies: list[str]) -> list[Article]:
    for i, body in enumerate(bodies):
        (tmp_path / f"{i:02d}.txt").write_text(
            f"Title {i}\nSource: Outlet {i}\n\n{body}\n", encoding="utf-8"
        )
    return ingest_folder(tmp_path).articles


def _texts(articles: list[Article]) -> dict[str, str]:
    return {s.id: s.text for a in articles for s in a.sentences}


def _story(tmp_path: Path) -> tuple[list[Article], Draft]:
    arts = _articles(
        tmp_path,
        [
            f"{DECISION} The ban starts in March 2027 and covers 12 streets. "
            "“This is a victory for every child with asthma,” Mayor Ana Lopez said. "
            "This shameful decision will clearly ruin local shops.",
            f"{DECISION} Whether the ban will survive a court challenge remains to be seen. "
            "Shop owners' association chair Tom Berg warned that sales would fall.",
            "The city council approved a ban on diesel cars in the old town Tuesday. "
            "Dieses Jahr gibt es keine Änderung im Verkehr der Altstadt. "
            "Drivers face fines of 150 euros.",
        ],
    )
    return arts, condense(arts)


def test_decision_reported_by_three_sources_is_the_bottom_line_citing_all(
    tmp_path: Path,
) -> None:
    arts, draft = _story(tmp_path)
    assert draft.bottom_line is not None
    assert draft.bottom_line.kind == "decision"
    assert DECISION.startswith(draft.bottom_line.text[:40])
    cited_articles = {i.split(".")[0] for i in draft.bottom_line.sentence_ids}
    assert cited_articles == {a.id for a in arts}


def test_reaction_has_speaker_and_verbatim_quote(tmp_path: Path) -> None:
    arts, draft = _story(tmp_path)
    texts = _texts(arts)
    reactions = [p for p in draft.points if p.kind == "reaction"]
    lopez = next(p for p in reactions if p.speaker == "Mayor Ana Lopez")
    assert lopez.quote == "This is a victory for every child with asthma,"
    assert lopez.quote in texts[lopez.sentence_ids[0]]
    assert any(p.speaker and "Tom Berg" in p.speaker for p in reactions)


def test_opinion_and_foreign_sentences_are_left_out(tmp_path: Path) -> None:
    _, draft = _story(tmp_path)
    every = [draft.bottom_line, *draft.points] if draft.bottom_line else draft.points
    assert not any("shameful" in p.text or "Altstadt" in p.text for p in every)
    assert draft.counts["opinion_dropped"] == 1


def test_open_question_and_figures_are_typed(tmp_path: Path) -> None:
    _, draft = _story(tmp_path)
    kinds = {p.text: p.kind for p in draft.points}
    assert kinds["Whether the ban will survive a court challenge remains to be seen."] == (
        "open_question"
    )
    assert kinds["Drivers face fines of 150 euros."] == "context"


def test_points_are_cited_sentences_in_rank_order_and_deterministic(tmp_path: Path) -> None:
    arts, draft = _story(tmp_path)
    texts = _texts(arts)
    for p in draft.points:
        assert p.text in texts[p.sentence_ids[0]]
        assert all(i in texts for i in p.sentence_ids)
    scores = [p.score for p in draft.points]
    assert scores == sorted(scores, reverse=True)
    assert draft.engine.name == "extractive" and draft.engine.model is None
    assert condense(arts) == draft


def test_seed_brief_reads_like_a_brief() -> None:
    arts = ingest_folder(ROOT / "seeds").articles
    draft = condense(arts)
    texts = _texts(arts)
    assert draft.bottom_line is not None and "Biden" in draft.bottom_line.text
    assert "authori" in draft.bottom_line.text
    speakers = " ".join(p.speaker or "" for p in draft.points if p.kind == "reaction")
    for name in ("Putin", "Peskov", "Macron", "German"):
        assert name in speakers
    facts = " ".join(p.text for p in draft.points if p.kind == "context")
    assert "50,000" in facts and "10,000" in facts and "190 miles" in facts
    assert sum(p.kind == "open_question" for p in draft.points) >= 2
    assert not any("weak against" in p.text for p in draft.points)
    for p in draft.points:
        cited = " ".join(texts[i] for i in p.sentence_ids)
        assert p.quote is None or p.quote in cited
        assert p.speaker is None or p.speaker in cited
