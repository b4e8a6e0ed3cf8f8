"""Sentence kinds for the extractive engine: decision, reaction, open question, fact, opinion.

Rules, not a model: each kind is a small set of cue patterns that a test can pin down. Speaker
and quote are always literal substrings of the sentence, so a verifier can find them.
"""

from __future__ import annotations

import re
from typing import Literal

from brief.models import Strict
from brief.opinion import Judge, opinion_rule
from brief.text import quote_spans, say_verbs_re, without_quotes

Kind = Literal["decision", "reaction", "open_question", "context", "opinion", "other"]

_DASH_SPEAKER = re.compile(r"[”\"]\s*[–—-]+\s*(?P<who>[A-Z][^“”\"]{2,80}?)[.\s]*$")
_SAY = re.compile(rf"\b{say_verbs_re()}\b")
_DECIDE = re.compile(
    r"\b(?:decided|decides|authori[sz]ed|authori[sz]es|approved|approves|announced|announces|"
    r"deployed|deploys|refused|refuses|allowed|allows|signed|signs|ordered|orders|banned|"
    r"bans|imposed|imposes|agreed|agrees|voted|votes|launched|launches|rejected|rejects|"
    r"vetoed|vetoes|declined|declines|lifted|lifts|suspended|suspends|appointed|appoints|"
    r"pledged|pledges|sanctioned|adopted|adopts|enacted|granted|grants|withdrew|"
    r"(?:gave|given|gives)(?=[^.]*green light))\b"
)
# Between a subject and its verb: auxiliaries and adverbs ("has sharply criticized").
_AUX = re.compile(r"^(?:has|have|had|was|were|is|are|also|not|already|now|then|\w+ly)$", re.I)
_NAME_GLUE = {"of", "for", "the", "de", "von", "van", "al", "and"}
_NOT_SPEAKER = {"he", "she", "they", "it", "this", "that", "these", "those", "we", "i", "who"}
_GENERIC = {
    "analysts",
    "officials",
    "critics",
    "experts",
    "observers",
    "many",
    "some",
    "others",
    "reports",
    "sources",
    "residents",
    "people",
    "several",
    "both",
    "most",
    "one",
    "another",
}
# Bodies that decide and speak even when the sentence names them in lower case.
_BODIES = {
    "council",
    "government",
    "court",
    "parliament",
    "board",
    "committee",
    "ministry",
    "senate",
    "congress",
    "commission",
    "agency",
    "regulator",
    "regulators",
    "lawmakers",
    "legislature",
    "cabinet",
    "administration",
    "judge",
    "jury",
    "voters",
    "union",
    "company",
    "bank",
    "police",
    "authorities",
    "assembly",
    "mayor",
    "governor",
    "president",
    "minister",
    "chancellor",
}
_QUESTION = re.compile(
    r"\bwhether\b|remains? to be seen|\?\s*$|\bcould (?:lead|result|trigger|spark|prompt)\b|"
    r"\bmay (?:lead|result)\b|\bunclear\b|\buncertain\w*|\bunanswered\b|"
    r"\bnot yet (?:known|clear)\b|"
    r"\bit is not clear\b|\bwaits? to see\b|\bremains? (?:unknown|open)\b|\bif and when\b",
    re.I,
)
_FACT = re.compile(
    r"\d|\b(?:January|February|March|April|May|June|July|August|September|October|November|"
    r"December|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b"
)
_PROPER = re.compile(r"(?<=\s)[A-Z][a-z]+|(?<=\s)[A-Z]{2,}")


class Reading(Strict):
    """What the rules read in one sentence."""

    kind: Kind
    speaker: str | None = None
    quote: str | None = None


def read(text: str, judge: Judge = opinion_rule) -> Reading:
    """Classify one sentence and pull out speaker and quote where it attributes a statement."""
    quote = _quote(text)
    speaker = _speaker(text, _SAY, quote)
    if speaker and (quote or _SAY.search(text)):
        return Reading(kind="reaction", speaker=speaker, quote=quote)
    own = without_quotes(text)
    # The verifier's reading of the author's own words, so the engine never offers an opinion.
    if judge(own):
        return Reading(kind="opinion")
    if _QUESTION.search(own):
        return Reading(kind="open_question")
    if _speaker(text, _DECIDE, None):
        return Reading(kind="decision")
    if _FACT.search(text) or _PROPER.search(text):
        return Reading(kind="context")
    return Reading(kind="other")


def _quote(text: str) -> str | None:
    """The longest quoted span, verbatim, without its quote marks."""
    spans = [inner.strip() for _, _, inner in quote_spans(text) if len(inner) >= 3]
    return max(spans, key=len) if spans else None


def _speaker(text: str, verbs: re.Pattern[str], quote: str | None) -> str | None:
    """The named subject of the nearest attribution verb (before the quote when there is one)."""
    dash = _DASH_SPEAKER.search(text)
    if quote and dash:
        return dash.group("who").strip()
    limit = text.find(quote) if quote else len(text)
    matches = [m for m in verbs.finditer(text)]
    before = [m for m in matches if m.start() < limit] or matches
    for m in sorted(before, key=lambda m: -m.start()):
        who = _name_before(text[: m.start()]) or _name_after(text[m.end() :])
        if who:
            return who
    return None


def _name_before(head: str) -> str | None:
    """Capitalized words right before a verb ("… Secretary of State Antony Blinken said")."""
    tokens = head.split()
    while tokens and _AUX.match(tokens[-1]):
        tokens.pop()
    name: list[str] = []
    for tok in reversed(tokens):
        if tok[-1] in ',;:”"(' or tok[0] in '“"':
            break
        if tok[0].isupper() or (tok in _NAME_GLUE and name):
            name.insert(0, tok)
        else:
            break
    while name and name[0] in _NAME_GLUE:
        name.pop(0)
    if name and name[-1].lower() not in _NOT_SPEAKER and not _sentence_word(name, tokens):
        return " ".join(name)
    return _subject(tokens)


def _sentence_word(name: list[str], tokens: list[str]) -> bool:
    """A lone generic word that is capitalized only because it opens the sentence."""
    return len(name) == 1 and len(tokens) == 1 and name[0].lower() in _GENERIC


def _subject(tokens: list[str]) -> str | None:
    """A short subject phrase naming someone ("A spokesperson for the German government")."""
    start = 0
    for i, tok in enumerate(tokens):
        if tok[-1] in ',;:”"':
            start = i + 1
    phrase = tokens[start:]
    if not 1 <= len(phrase) <= 8 or phrase[0].lower() in _NOT_SPEAKER:
        return None
    if any(t[0] in '“"' for t in phrase):
        return None
    named = any(t[0].isupper() for t in phrase[1:])
    if named or any(t.lower().strip("’'") in _BODIES for t in phrase):
        return " ".join(phrase)
    return None


def _name_after(tail: str) -> str | None:
    """A name right after the verb, as in '…,” said John Smith, the mayor.'"""
    name: list[str] = []
    for tok in tail.split():
        word = tok.rstrip(".,;:")
        if word and word[0].isupper():
            name.append(word)
            if word != tok:
                break
        else:
            break
    return " ".join(name) if len(name) >= 2 else None
