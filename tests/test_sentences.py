"""Sentence segmentation: abbreviations hold, spans point at the exact text."""

from __future__ import annotations

from brief import sentences


def pieces(text: str) -> list[str]:
    return [text[start:end] for start, end in sentences.split(text)]


def test_abbreviations_and_titles_do_not_break_a_sentence() -> None:
    text = (
        "The U.S. has supplied Ukraine with tanks. UK Foreign Secretary Lord Cameron agreed "
        "with Mr. Blinken on Jan. 5. The U.N. Secretary-General urged calm."
    )
    assert pieces(text) == [
        "The U.S. has supplied Ukraine with tanks.",
        "UK Foreign Secretary Lord Cameron agreed with Mr. Blinken on Jan. 5.",
        "The U.N. Secretary-General urged calm.",
    ]


def test_quotes_stay_with_their_sentence() -> None:
    text = "“It is over,” he said. Peskov called it “a new situation.” Talks may follow."
    assert pieces(text) == [
        "“It is over,” he said.",
        "Peskov called it “a new situation.”",
        "Talks may follow.",
    ]


def test_line_breaks_inside_a_paragraph_are_spaces_and_spans_keep_offsets() -> None:
    text = "  The missiles can reach\n190 miles. Officials\r\nconfirmed it.  "
    spans = sentences.split(text)
    assert [sentences.fold(text[a:b]) for a, b in spans] == [
        "The missiles can reach 190 miles.",
        "Officials confirmed it.",
    ]
    assert spans[0][0] == 2 and text[spans[-1][1] - 1] == "."


def test_fold_collapses_whitespace() -> None:
    assert sentences.fold("  a\t b\n\nc  ") == "a b c"
