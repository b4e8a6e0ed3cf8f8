"""Sentence kinds, speakers and quotes as the extractive engine reads them."""

from __future__ import annotations

import pytest

from brief.classify import read


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
