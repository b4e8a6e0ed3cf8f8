"""Sentence kinds, speakers and quotes as the extractive engine reads them."""

from __future__ import annotations

import datetime as dt

import pytest

from brief.classify import read
from brief.models import Article, Citation, Point, Sentence
from brief.verify import verify

TODAY = dt.date(2026, 11, 23)


@pytest.mark.parametrize(
    ("text", "speaker", "quote"),
    [
        (
            "“We want peace, we want fair peace.” – U.N. Secretary-General Antonio Guterres",
            "U.N. Secretary-General Antonio Guterres",
            "We want peace, we want fair peace.",
        ),
        (
            "“The plan is dead,” Senator Jane Roe said on Monday.",
            "Senator Jane Roe",
            "The plan is dead,",
        ),
        (
            "Kremlin spokesman Dmitry Peskov condemned the decision, stating it added “fuel to the "
            "fire” and more.",
            "Dmitry Peskov",
            "fuel to the fire",
        ),
        (
            "A spokesperson for the German government stated, “There are certain limits.”",
            "A spokesperson for the German government",
            "There are certain limits.",
        ),
        (
            "Mayor Ana Lopez warned that the bridge would stay closed until spring.",
            "Mayor Ana Lopez",
            None,
        ),
    ],
)
def test_reaction_names_the_speaker_and_keeps_the_quote_verbatim(
    text: str, speaker: str, quote: str | None
) -> None:
    reading = read(text)
    assert reading.kind == "reaction"
    assert reading.speaker == speaker
    assert reading.quote == quote
    assert speaker in text
    assert quote is None or quote in text


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("President Joe Biden has authorized Ukraine to use long-range missiles.", "decision"),
        ("The European Commission approved the merger on Thursday.", "decision"),
        ("Whether the talks resume remains to be seen.", "open_question"),
        ("The new rules could lead to higher prices for farmers.", "open_question"),
        ("Will the ceasefire hold through the winter?", "open_question"),
        ("The missile can strike targets up to 190 miles away.", "context"),
        ("President Donald Trump has been weak against Moscow.", "opinion"),
        ("This alarming development suggests that Russia is struggling.", "opinion"),
        ("We will have to reckon with the consequences of chaos.", "opinion"),
    ],
)
def test_sentence_kinds(text: str, kind: str) -> None:
    assert read(text).kind == kind


def test_he_said_is_not_a_named_reaction() -> None:
    assert read("He said the talks had failed.").kind != "reaction"


def _flags_when_offered(text: str) -> list[str]:
    """The verifier's flags on a point the engine would make of `text`, citing it."""
    reading = read(text)
    assert reading.kind not in ("opinion", "other")
    sentence = Sentence(id="a1.s1", text=text, line=3, start=0, end=len(text))
    article = Article(id="a1", path="one.txt", title="One", sentences=[sentence], sha256="0" * 64)
    cite = Citation(n=1, source="one.txt", sentence="a1.s1", line=3, text=text)
    point = Point(
        id="p1",
        rank=1,
        kind=reading.kind,
        text=text,
        speaker=reading.speaker,
        quote=reading.quote,
        citations=[cite],
    )
    return [f.code for f in verify([point], [article], today=TODAY)[0].flags]


@pytest.mark.parametrize(
    "text",
    [
        "Mayor Tom Hale condemned the reckless decision on Monday.",
        "Councillor Ana Ruiz praised the courageous vote of the council.",
        "“This is a disgrace,” Mayor Tom Hale said of the vote.",
        "The council approved the plan, “a shameful day” for Brambleton, on Monday.",
        "The council approved the plan, ‘a shameful day’ for Brambleton, on Monday.",
    ],
)
def test_what_the_engine_offers_the_verifier_does_not_flag_as_opinion(text: str) -> None:
    assert "opinion" not in _flags_when_offered(text)


@pytest.mark.parametrize(
    "text",
    [
        "Sadly, the council approved the plan on Monday.",
        "The council approved the reckless plan, “a new start”, on Monday.",
        "The reckless plan passed on Monday, “a new start for the city",
    ],
)
def test_an_opinion_outside_the_quotes_is_left_out(text: str) -> None:
    assert read(text).kind == "opinion"


@pytest.mark.parametrize(
    "text",
    [
        "The council approved the plan on Monday, a betrayal of the residents who elected it.",
        "The council approved the plan on Monday; it is hard to see how the city can pay.",
        "Once again the council has failed the residents it serves.",
    ],
)
def test_the_author_passing_judgement_is_left_out(text: str) -> None:
    assert read(text).kind == "opinion"


@pytest.mark.parametrize(
    "text",
    [
        "The council approved a major new plan on Monday, a 12% rise on last year.",
        "The agency reported a significant rise in flood claims after the storm.",
        "The court is likely to rule before the key deadline in March.",
    ],
)
def test_neutral_news_wording_stays_in_the_brief(text: str) -> None:
    assert read(text).kind not in ("opinion", "other")
