"""Opinion: does a sentence speak in its author's own voice (judgement, speculation)?

Rule-based and deliberately visible: a lexicon of stance words, comment adverbs opening a
sentence, first person outside quotes. Attributed statements ("X said …") are not opinion.
One detector for both the extractive engine (which leaves such sentences out) and the verifier
(which flags points resting on them), so the engine never offers what the verifier flags.
"""

from __future__ import annotations

import re

from brief.text import say_verbs_re, without_quotes, wordlist

_OPINION = re.compile(
    r"\b(?:should|ought to|shouldn't|it seems|seems to|appears to|suggests that|arguably|"
    r"perhaps|probably|presumably|clearly|obviously|undoubtedly|surely|of course|no doubt|"
    r"in my view|in our view|i think|i believe|we believe|we think|alarming|alarmingly|"
    r"worrying|worryingly|troubling|disturbing|shocking|shameful|disgraceful|outrageous|"
    r"reckless|absurd|ridiculous|foolish|misguided|ill-advised|deplorable|appalling|"
    r"disastrous|catastrophic blunder|brilliant|admirable|laudable|commendable|courageous|"
    r"cowardly|sadly|unfortunately|fortunately|thankfully|hopefully|tragically|"
    r"ironically|remarkably|shamefully|frankly|needless to say|mistake|blunder|scandal|"
    r"scandalous|disgrace|travesty|farce|fiasco|debacle|folly|embarrassing|indefensible|"
    r"inexcusable|unforgivable|irresponsible|short-sighted|shortsighted|naive|incompetent|"
    r"incompetence|hypocritical|hypocrisy|pathetic|laughable|shameless|woeful|dismal|"
    r"weak|ignominious\w*|heroic|terrible|horrible|shockingly|despicable)\b",
    re.I,
)
# A comment adverb opening a sentence ("Predictably, ...") is the author's stance; these
# adverbs only order or date the facts.
_COMMENT_ADVERB = re.compile(r"(?:^|[;:]\s+)([A-Z][a-z]+ly),\s")
_NEUTRAL_ADVERBS = frozenset(
    wordlist(
        """additionally similarly finally recently currently previously initially subsequently
        consequently accordingly separately originally ultimately eventually lastly firstly
        secondly thirdly notably importantly early earlier likewise reportedly officially
        publicly privately specifically meanwhile increasingly simultaneously alternatively
        traditionally historically typically generally usually formerly"""
    )
)
_FIRST_PERSON = re.compile(r"\b(?:I|we|We|our|Our|us|my|My)\b")
_INDIRECT = re.compile(r"\b(?:whether|to which|how|what|debated?)\b", re.I)
# A view credited to someone ("X said", "according to X", "X believes") is not the author's.
ATTRIBUTED = re.compile(
    rf"\b(?:{say_verbs_re()}|according to|in a statement|believes|believed|thinks|"
    r"thought)\b",
    re.I,
)


def own_opinion(text: str) -> str | None:
    """The opinion marker in the author's own words (quoted passages left out), or None."""
    return opinion_marker(without_quotes(text))


def opinion_marker(text: str) -> str | None:
    """The first word that makes `text` the author's judgement, or None."""
    for m in _OPINION.finditer(text):
        # "the extent to which Ukraine should be allowed", "whether it should": a question
        # being reported, not the author's advice.
        if m.group(0).lower() == "should" and _INDIRECT.search(
            text[max(0, m.start() - 40) : m.start()]
        ):
            continue
        return m.group(0)
    adverb = _COMMENT_ADVERB.search(text)
    if adverb and adverb.group(1).lower() not in _NEUTRAL_ADVERBS:
        return adverb.group(1)
    first_person = _FIRST_PERSON.search(text)
    return first_person.group(0) if first_person else None
