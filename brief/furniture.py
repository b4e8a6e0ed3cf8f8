"""Page furniture: lines of a saved web page that are not the article (icons, prompts, captions).

Each rule is small and named; `classify` returns the rule that drops a line, or None. The rules
are conservative: a real sentence kept by mistake costs little, a real sentence dropped is lost.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

# One line, whole: (name, pattern). Patterns are matched against the stripped line.
_LINE_RULES: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (name, re.compile(pattern, re.IGNORECASE))
    for name, pattern in (
        ("site_icon", r"^site (icon|logo)\b"),
        ("mobile_version", r"^(exit|view|switch to) (the )?(mobile|desktop) (version|site)\.?$"),
        ("skip_link", r"^(skip to (main )?content|jump to (main )?content|back to top)\.?$"),
        (
            "share_prompt",
            r"^(share( this( article| story| post| page)?| on \w+| via \w+)?|tweet( this)?"
            r"|email( this)?|print( this( article| page)?)?|copy link|pin it)[.:!]?$",
        ),
        (
            "share_prompt",
            r"^share (this|the) (article|story|post|page)\b.{0,60}$",
        ),
        (
            "subscribe_prompt",
            r"^(subscribe|sign up|sign-up|join)\b.{0,120}\b(newsletter|inbox|updates|alerts"
            r"|podcast|channel|free|now|today|here)\b.{0,40}$",
        ),
        ("subscribe_prompt", r"^(subscribe|sign up|log in|sign in|register)( now| here)?[.!]?$"),
        ("click_prompt", r"^(click|tap) here\b"),
        ("follow_prompt", r"^follow us\b.{0,80}$"),
        ("read_more", r"^(read more|related|see also|more from|recommended|also read)\b\s*[:»›]"),
        (
            "read_more",
            r"^(read more|related( articles| stories| coverage| content)?|see also"
            r"|you may also like|recommended( for you)?|most read|trending( now)?)\s*[:»›]?$",
        ),
        ("advertisement", r"^(advertisement|sponsored( content)?|ad|story continues below)\.?$"),
        ("copyright", r"^(©|copyright (©|\(c\)|\d{4})|\(c\) \d{4})|all rights reserved\.?$"),
        (
            "photo_credit",
            r"^(photo|photograph|image|picture|credit|photo credit|image source|file photo"
            r"|file)(\s*[:/|]|\s+[–—-]\s)",
        ),
        (
            "photo_credit",
            r"[(\[](ap|afp|reuters|getty|epa|photo|photograph|image|credit)\b[^()\[\]]{0,80}"
            r"[)\]]\.?$",
        ),
        ("photo_credit", r"[|/]\s*(getty images|reuters|ap photo|afp|epa|shutterstock)\.?$"),
        (
            "additional_reporting",
            r"^[•*-]?\s*(with )?additional (reporting|information) (by|from)\b",
        ),
        ("source_line", r"^sources?\s*:\s*\S.{0,150}$"),
        ("link_line", r"^(https?://\S+|www\.\S+)$"),
        ("link_line", r"^[^.!?:]{1,60}:\s*(https?://|www\.)\S+$"),
        ("image_markup", r"^!\[[^\]]*\]\([^)]*\)$"),
    )
)

# A "Sources:" style heading; the list of links or headlines under it is furniture too.
_LINK_LIST_HEAD = re.compile(
    r"^(sources?|references|related (links|articles|stories)|further reading|read more"
    r"|links|more on this( story)?)\s*:?$",
    re.IGNORECASE,
)
_LIST_ITEM = re.compile(r"^\s*(?:[-*•–—]|\d{1,3}[.)])\s+(?=\S)")
_LIST_MAX_WORDS = 25
_URL_ONLY = re.compile(r"^\s*(https?://|www\.)\S+\s*$")

# Captions: "<Name> <verb>ing <where/what>." with no finite verb, standing alone.
_CAPTION = re.compile(r"^(?:[A-Z][\w.'’-]*,?\s+){1,7}([a-z]+ing)\s+\S")
_NOT_PARTICIPLE = frozenset(
    re.findall(
        r"\w+",
        "during including according regarding following nothing something everything anything"
        " morning evening building king thing spring string ceiling wedding bring sing",
    )
)
_DETERMINERS = frozenset(("The", "A", "An", "This", "That", "These", "Those", "Its", "Their"))
_FINITE = re.compile(
    r"\b(is|are|was|were|has|have|had|will|would|can|could|should|may|might|must|do|does"
    r"|did|say|said|says|told|tells|\w+ed)\b",
)
_END_PUNCT = tuple(".!?…:;,\"'”’)»")
_QUOTES = '"“”«»'


def rule(line: str) -> str | None:
    """Name of the one-line rule that makes `line` page furniture, or None."""
    text = line.strip()
    if not text:
        return None
    for name, pattern in _LINE_RULES:
        if pattern.search(text):
            return name
    if is_caption(text):
        return "photo_caption"
    return None


def is_caption(line: str) -> bool:
    """A photo caption: a short named subject doing something ("Biden speaking in DC."), no verb."""
    text = line.strip()
    words = text.split()
    if not 4 <= len(words) <= 30 or any(q in text for q in _QUOTES):
        return False
    # Captions end with a full stop; a headline (no stop) or an excerpt ("…") is not one.
    if text.count(". ") or not text.endswith(".") or text.endswith(("..", "…")):
        return False
    if words[0] in _DETERMINERS:
        return False
    match = _CAPTION.match(text)
    if not match or match.group(1) in _NOT_PARTICIPLE:
        return False
    # A conjugated verb anywhere makes it a sentence ("… speaking at the rally was booed").
    return not _FINITE.search(text[match.start(1) :])


def is_heading(line: str) -> bool:
    """A section heading ("At a Glance", "The Road Ahead: What Next"): short, no end punctuation."""
    text = line.strip().lstrip("#").strip()
    if not text or _LIST_ITEM.match(text) or any(q in text for q in _QUOTES):
        return False
    if text.endswith(_END_PUNCT) or not (text[0].isupper() or text[0].isdigit()):
        return False
    return len(text.split()) <= 14


def list_item_body(line: str) -> int | None:
    """Offset where a bullet item's text starts ("- President Biden …" → 2), or None."""
    match = _LIST_ITEM.match(line)
    return match.end() if match else None


def classify(lines: Sequence[str]) -> list[str | None]:
    """Per line, the furniture rule that drops it (None keeps it).

    Besides the one-line rules, a "Sources:" heading drops itself and the list under it:
    bullet items or bare links (blank lines allowed) up to the next other line, or, at the
    end of the file, any short lines (headlines of the linked stories).
    """
    verdicts: list[str | None] = []
    in_link_list = False
    for i, line in enumerate(lines):
        text = line.strip()
        if in_link_list:
            if not text:
                verdicts.append(None)
                continue
            if _LIST_ITEM.match(text) or _URL_ONLY.match(text):
                verdicts.append("link_list")
                continue
            in_link_list = False
        if _LINK_LIST_HEAD.match(text):
            if _short_lines_to_end(lines[i + 1 :]):
                return verdicts + ["link_list" if t.strip() else None for t in lines[i:]]
            in_link_list = True
            verdicts.append("link_list")
            continue
        verdicts.append(rule(text))
    return verdicts


def _short_lines_to_end(lines: Sequence[str]) -> bool:
    """True when a few short lines (≤ 25 words) close the file: a list, not more article."""
    rest = [line for line in lines if line.strip()]
    return 0 < len(rest) <= 15 and all(len(line.split()) <= _LIST_MAX_WORDS for line in rest)
