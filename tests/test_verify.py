"""Each check on small articles written here, with the tricky cases that must not be flagged."""

from __future__ import annotations

import datetime as dt

import pytest

from brief.models import Article, BottomLine, Citation, Point, PointKind, Sentence
from brief.opinion import opinion_rule
from brief.verify import apply_policy, verify, verify_bottom_line

TODAY = dt.date(2026, 11, 23)


def article(n: int, *sentences: str, published: dt.date | None = TODAY) -> Article:
    sents = [
        Sentence(id=f"a{n}.s{i}", text=t, line=i + 2, start=0, end=len(t))
        for i, t in enumerate(sentences, 1)
    ]
    return Article(
        id=f"a{n}",
        path=f"{n:03d}.txt",
        title=f"Article {n}",
        published=published,
        sentences=sents,
        sha256="0" * 64,
    )


def point(
    text: str,
    *cites: tuple[Article, int],
    kind: PointKind = "reaction",
    speaker: str | None = None,
    quote: str | None = None,
) -> Point:
    citations = [
        Citation(
            n=i,
            source=a.path,
            sentence=f"{a.id}.s{s}",
            line=a.sentences[s - 1].line,
            text=a.sentences[s - 1].text,
        )
        for i, (a, s) in enumerate(cites, 1)
    ]
    return Point(
        id="p1", rank=1, kind=kind, text=text, speaker=speaker, quote=quote, citations=citations
    )


def codes(p: Point, articles: list[Article], today: dt.date = TODAY) -> list[str]:
    return [f.code for f in verify([p], articles, today=today)[0].flags]


def details(p: Point, articles: list[Article]) -> str:
    return " | ".join(f.detail for f in verify([p], articles, today=TODAY)[0].flags)


A = article(
    1,
    "The city council of Brambleton approved a budget of $4.2 million for new bridges on Monday.",
    "Mayor Ellen Varga said the vote came after two months of debate.",
    "“We will start building in spring,” Varga said.",
    "The ferry service will stop 30 miles north of the harbour.",
)


# --- unsupported ----------------------------------------------------------------------------


def test_a_sentence_cited_for_itself_has_no_flags() -> None:
    assert codes(point(A.sentences[0].text, (A, 1)), [A]) == []


def test_a_paraphrase_that_keeps_the_names_is_supported() -> None:
    p = point("Brambleton's council approved $4.2 million budget for bridges.", (A, 1))
    assert codes(p, [A]) == []


def test_a_claim_found_in_no_cited_sentence_is_unsupported() -> None:
    p = point("Farmers protested against a new tax on diesel imports.", (A, 1))
    assert codes(p, [A]) == ["unsupported"]


def test_a_made_up_clause_added_to_a_true_sentence_is_unsupported() -> None:
    text = A.sentences[0].text[:-1] + ", and protesters blocked the airport overnight."
    flags = verify([point(text, (A, 1))], [A], today=TODAY)[0].flags
    assert [f.code for f in flags] == ["unsupported"]
    assert "protesters blocked the airport" in flags[0].detail


def test_a_name_absent_from_the_cited_sentences_is_unsupported() -> None:
    p = point("The city council of Brambleton and Governor Holt approved the budget.", (A, 1))
    assert "Holt" in details(p, [A])


def test_the_cited_sentence_is_read_from_the_article_not_from_the_citation_text() -> None:
    forged = point("Farmers protested against a new tax on diesel imports.", (A, 1))
    forged.citations[0].text = forged.text
    assert codes(forged, [A]) == ["unsupported"]


def test_a_cited_file_that_is_not_among_the_articles_is_unsupported() -> None:
    p = point(A.sentences[0].text, (A, 1))
    assert codes(p, [article(2, "Something else entirely happened.")]) == ["unsupported"]
    assert "001.txt" in details(p, [article(2, "Other.")])


# --- number_mismatch ------------------------------------------------------------------------


def test_numbers_written_as_words_match_digits() -> None:
    src = article(2, "About 10,000 troops arrived after 2 months of training.")
    p = point("Ten thousand troops arrived after two months of training.", (src, 1))
    assert codes(p, [src]) == []


def test_a_rounded_figure_matches_the_precise_one() -> None:
    src = article(2, "The United States has provided $56.2 billion in aid.")
    p = point("The United States has provided about $56 billion in aid.", (src, 1))
    assert codes(p, [src]) == []


def test_a_changed_figure_is_a_number_mismatch() -> None:
    p = point(
        "The city council of Brambleton approved a budget of $5.2 million for new bridges.",
        (A, 1),
    )
    assert codes(p, [A]) == ["number_mismatch"]


def test_a_unit_slip_is_named_in_the_flag() -> None:
    p = point("The ferry service will stop 30 kilometres north of the harbour.", (A, 4))
    flags = verify([p], [A], today=TODAY)[0].flags
    assert [f.code for f in flags] == ["number_mismatch"]
    assert "30 kilometres" in flags[0].detail and "30 miles" in flags[0].detail


def test_a_wrong_date_is_a_number_mismatch() -> None:
    src = article(2, "The treaty was signed on November 17 in Geneva.")
    assert codes(point("The treaty was signed on November 18 in Geneva.", (src, 1)), [src]) == [
        "number_mismatch"
    ]
    assert codes(point("The treaty was signed on 17 November in Geneva.", (src, 1)), [src]) == []


# --- misquote -------------------------------------------------------------------------------


def test_a_verbatim_quote_with_other_quote_marks_and_spacing_is_not_a_misquote() -> None:
    p = point(
        'Varga: "We will  start building in spring."',
        (A, 3),
        speaker="Ellen Varga",
        quote='"We will start building   in spring"',
    )
    assert codes(p, [A]) == []


def test_an_altered_quote_is_a_misquote() -> None:
    p = point(
        "Varga: “We will start building in summer.”",
        (A, 3),
        speaker="Ellen Varga",
        quote="We will start building in summer",
    )
    assert "misquote" in codes(p, [A])


def test_a_quote_in_the_point_text_is_checked_too() -> None:
    p = point("Varga said “we will never build bridges”.", (A, 3), speaker="Ellen Varga")
    assert "misquote" in codes(p, [A])


def test_a_title_instead_of_a_first_name_is_the_same_speaker() -> None:
    src = article(2, "“Ukraine has the right to defend itself,” David Cameron said on Friday.")
    p = point(
        "Lord Cameron: “Ukraine has the right to defend itself.”",
        (src, 1),
        speaker="Lord Cameron",
        quote="Ukraine has the right to defend itself",
    )
    assert codes(p, [src]) == []


def test_an_entirely_different_speaker_is_a_misquote() -> None:
    src = article(2, "“Ukraine has the right to defend itself,” David Cameron said on Friday.")
    p = point(
        "“Ukraine has the right to defend itself.”",
        (src, 1),
        speaker="Olaf Scholz",
        quote="Ukraine has the right to defend itself",
    )
    flags = verify([p], [src], today=TODAY)[0].flags
    assert [f.code for f in flags] == ["misquote"]
    assert "Cameron" in flags[0].detail


def test_a_pronoun_speaker_is_found_in_the_sentence_before() -> None:
    src = article(
        2,
        "Foreign minister Ana Ruiz spoke to reporters in Madrid.",
        "“The border stays open,” she said.",
    )
    good = point(
        "“The border stays open.”", (src, 2), speaker="Ana Ruiz", quote="The border stays open"
    )
    bad = point(
        "“The border stays open.”", (src, 2), speaker="Karl Weber", quote="The border stays open"
    )
    assert codes(good, [src]) == []
    assert codes(bad, [src]) == ["misquote"]


def test_a_reaction_without_a_quote_must_name_the_speaker_the_source_names() -> None:
    good = point(
        "Mayor Varga said the vote followed two months of debate.", (A, 2), speaker="Ellen Varga"
    )
    bad = point("The vote followed two months of debate.", (A, 2), speaker="Tom Berg")
    assert codes(good, [A]) == []
    assert codes(bad, [A]) == ["misquote"]


# --- disagreement ---------------------------------------------------------------------------


def test_two_sources_with_different_figures_for_the_same_thing_disagree() -> None:
    one = article(1, "Russia moved 50,000 troops to the Kursk region this week.")
    two = article(2, "This week Russia moved 40,000 troops to the Kursk region.")
    flags = verify([point(one.sentences[0].text, (one, 1))], [one, two], today=TODAY)[0].flags
    assert [f.code for f in flags] == ["disagreement"]
    assert "001.txt" in flags[0].detail and "002.txt" in flags[0].detail


def test_different_figures_for_different_things_are_not_a_disagreement() -> None:
    one = article(1, "The move follows Russia's deployment of 50,000 troops to the Kursk region.")
    two = article(2, "North Korea deployed 10,000 elite troops to help Russia's war in Ukraine.")
    assert codes(point(one.sentences[0].text, (one, 1)), [one, two]) == []


def test_a_different_date_for_the_same_event_is_a_disagreement() -> None:
    one = article(1, "President Lane announced the decision on November 17 in Washington.")
    two = article(2, "President Lane announced the decision on November 15 in Washington.")
    assert codes(point(one.sentences[0].text, (one, 1)), [one, two]) == ["disagreement"]


def test_hedged_figures_that_are_close_do_not_disagree() -> None:
    one = article(1, "The new act runs to 2,702 pages, the clerk of the Senate confirmed.")
    two = article(2, "The new act runs to some 2,700 pages, the clerk of the Senate confirmed.")
    assert codes(point(one.sentences[0].text, (one, 1)), [one, two]) == []


def test_a_sentence_repeating_the_figure_does_not_disagree_through_its_other_figures() -> None:
    one = article(1, "The Senate passed the bill 69 to 30 after a debate of 19 hours.")
    two = article(2, "The Senate passed the bill 69 to 30 after a debate of 19 hours on Sunday.")
    assert codes(point(one.sentences[0].text, (one, 1)), [one, two]) == []


# --- single_source --------------------------------------------------------------------------


def test_a_decision_from_one_file_is_single_source_but_from_two_is_not() -> None:
    one = article(1, "The council approved the bridge budget on Monday.")
    two = article(2, "On Monday the council approved the bridge budget.")
    text = "The council approved the bridge budget on Monday."
    assert codes(point(text, (one, 1), kind="decision"), [one, two]) == ["single_source"]
    assert codes(point(text, (one, 1), (two, 1), kind="decision"), [one, two]) == []
    assert codes(point(text, (one, 1), kind="reaction"), [one, two]) == []


# --- opinion --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "sentence",
    [
        "This alarming decision should worry every taxpayer in the city.",
        "The budget suggests that the council has lost control of spending.",
        "Sadly, the council approved the budget without a debate.",
        "We think the council approved the budget too quickly.",
    ],
)
def test_the_authors_own_judgement_is_opinion(sentence: str) -> None:
    src = article(2, sentence)
    assert codes(point(sentence, (src, 1)), [src]) == ["opinion"]


@pytest.mark.parametrize(
    "sentence",
    [
        "Mayor Varga said the decision was alarming for taxpayers.",
        "According to the auditor, the council should cut the budget.",
        "The council debated whether the city should borrow more money.",
        "The council approved the budget of $4.2 million on Monday.",
    ],
)
def test_reported_facts_and_attributed_views_are_not_opinion(sentence: str) -> None:
    src = article(2, sentence)
    assert codes(point(sentence, (src, 1)), [src]) == []


@pytest.mark.parametrize(
    ("sentence", "rule"),
    [
        (
            "The council approved the budget, a decision voters will come to regret.",
            "author prediction",
        ),
        (
            "The council approved the budget; no sensible person would defend it.",
            "rhetorical device",
        ),
        ("The truth is that the council approved the budget on Monday.", "rhetorical device"),
        (
            "The new parking fee is simply unacceptable to most residents.",
            "intensified verdict",
        ),
        (
            "The council approved the budget on Monday, a cheap stunt before the election.",
            "trailing verdict",
        ),
        ("The council, tellingly, approved the budget on Monday.", "comment adverb"),
        ("Let's hope the council approved the budget in time.", "editorial voice"),
        ("The council approved the budget, but is anyone listening?", "rhetorical question"),
        ("The council approved the budget, and it will end in tears.", "author forecast"),
        ("The council approved the budget, an act of sheer vanity.", "intensifier"),
        ("The council approved the budget, the least one could expect.", "generic one"),
    ],
)
def test_stance_without_a_stance_word_is_opinion(sentence: str, rule: str) -> None:
    src = article(2, sentence)
    found = opinion_rule(sentence)
    assert found is not None and found[0] == rule
    assert codes(point(sentence, (src, 1)), [src]) == ["opinion"]
    # The editor is told which rule fired, at which line of which file.
    assert f"002.txt line 3 is the author's view (“{found[1]}”: {rule})" in details(
        point(sentence, (src, 1)), [src]
    )


@pytest.mark.parametrize(
    "sentence",
    [
        "The agency reported a significant rise in cases, the first since 2019.",
        "The storm caused a sharp drop in output, a major blow to the key port.",
        "No one was injured and nobody could be reached for comment on Tuesday.",
        "The bill is likely to face a vote next week, which is the last day of the session.",
        "The regulator opened an inquiry into the botched rollout, which was delayed twice.",
        "The council, meanwhile, approved a new budget, a 5% increase on last year.",
        "If you live in the flood zone, you can call the hotline for sandbags.",
        "The bridge is in critical condition after a dramatic collapse in March.",
        "The mayor, who was wrongly accused of fraud, returned to work at the height of the storm.",
        # A scheduled consequence is dated, counted or named: not the author's forecast.
        "The council approved the budget, which will take effect in January.",
        "The council approved the budget, and it will cost residents $40 a year.",
        "The council approved the budget, which will be reviewed next month.",
        # A question inside a quotation belongs to the speaker; "I" as a party or an initial.
        "The mayor asked residents, “Who will pay for this?” before the vote on Monday.",
        "Sen. Angus King (I-Maine) and the C.P.I. figures were both cited in the report.",
    ],
)
def test_neutral_news_wording_is_not_opinion(sentence: str) -> None:
    src = article(2, sentence)
    assert opinion_rule(sentence) is None
    assert codes(point(sentence, (src, 1)), [src]) == []


def test_a_verdict_inside_quotes_or_credited_to_someone_is_not_opinion() -> None:
    quoted = "The council approved the budget, “a decision history will judge harshly”."
    credited = (
        "The council approved the budget, a decision history will judge harshly, Ms Varga said."
    )
    for sentence in (quoted, credited):
        src = article(2, sentence)
        assert codes(point(sentence, (src, 1)), [src]) == []


# --- stale ----------------------------------------------------------------------------------


def test_an_old_source_is_stale_and_a_recent_one_is_not() -> None:
    old = article(2, "The council approved the budget.", published=TODAY - dt.timedelta(days=60))
    new = article(3, "The council approved the budget.", published=TODAY - dt.timedelta(days=10))
    flags = verify([point("The council approved the budget.", (old, 1))], [old], today=TODAY)
    assert [f.code for f in flags[0].flags] == ["stale"]
    assert codes(point("The council approved the budget.", (new, 1)), [new]) == []
    # The threshold is the caller's.
    long = verify(
        [point("The council approved the budget.", (old, 1))], [old], today=TODAY, stale_days=90
    )
    assert long[0].flags == []


def test_an_undated_source_is_judged_by_the_date_its_sentence_reports() -> None:
    src = article(
        2,
        "The council approved the budget in March 2019.",
        "Aid has flowed since February 2026 without a pause.",
        published=None,
    )
    assert codes(point("The council approved the budget in March 2019.", (src, 1)), [src]) == [
        "stale"
    ]
    assert (
        codes(point("Aid has flowed since February 2026 without a pause.", (src, 2)), [src]) == []
    )


# --- policy and bottom line -----------------------------------------------------------------


def test_policy_cuts_unsupported_and_misquoted_points_unless_kept() -> None:
    bad = point("Farmers protested against a new tax on diesel imports.", (A, 1))
    opinion_only = point("Sadly, the council met.", (article(2, "Sadly, the council met."), 1))
    checked = verify([bad, opinion_only], [A, article(2, "Sadly, the council met.")], today=TODAY)
    kept, cut = apply_policy(checked, keep_flagged=False)
    assert [p.text for p in kept] == ["Sadly, the council met."]
    assert len(cut) == 1 and "unsupported" in cut[0].reason
    kept, cut = apply_policy(checked, keep_flagged=True)
    assert len(kept) == 2 and cut == []


def test_the_bottom_line_is_checked_like_a_point() -> None:
    bottom = BottomLine(
        text="Brambleton approved $9 million for bridges.",
        citations=point(A.sentences[0].text, (A, 1)).citations,
    )
    assert [f.code for f in verify_bottom_line(bottom, [A], today=TODAY)] == ["number_mismatch"]
