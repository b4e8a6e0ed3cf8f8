"""HTML articles: main text and metadata via trafilatura (the only module importing it).

`Locator` maps a sentence of the extracted text back to where it stands in the raw file, so a
citation's line number points into the .html file the user has.
"""

from __future__ import annotations

import bisect
import re

import trafilatura
from trafilatura.settings import Document

from brief.models import Strict


class HtmlDoc(Strict):
    """The main text of a page (one paragraph or list item per line) and its metadata."""

    text: str
    title: str | None = None
    author: str | None = None
    published: str | None = None
    outlet: str | None = None
    url: str | None = None


def extract(html: str) -> HtmlDoc:
    """Main text and metadata of a page; empty text when trafilatura finds no article."""
    doc = trafilatura.bare_extraction(
        html, with_metadata=True, include_comments=False, include_tables=False, as_dict=False
    )
    if not isinstance(doc, Document):
        return HtmlDoc(text="")
    return HtmlDoc(
        text=doc.text or "",
        title=doc.title or None,
        author=doc.author or None,
        published=doc.date or None,
        outlet=doc.sitename or None,
        url=doc.url or None,
    )


# Parts of a page whose text is never the visible article: blanked (same length) before searching.
# Non-breaking spaces are blanked too, so any run of spacing matches a plain \s*.
_HIDDEN = re.compile(
    r"<(head|script|style|noscript|template)\b.*?</\1\s*>|<!--.*?-->|<[^>]*>"
    r"|&nbsp;|&#160;|&#xa0;",
    re.IGNORECASE | re.DOTALL,
)
_TOKEN = re.compile(r"[A-Za-z0-9]+|\S")
_ENTITY = r"&#?\w+;"


def _blank(match: re.Match[str]) -> str:
    return re.sub(r"[^\n]", " ", match.group(0))


class Locator:
    """Finds sentences, in reading order, in the raw HTML: (line, start, end) or None."""

    def __init__(self, html: str) -> None:
        self._visible = _HIDDEN.sub(_blank, html)
        self._newlines = [m.start() for m in re.finditer("\n", html)]
        self._cursor = 0

    def locate(self, sentence: str) -> tuple[int, int, int] | None:
        """Where the whole of `sentence` stands in the file, searching on from the previous one.

        Only the whole sentence is matched: a mere prefix could be the start of another
        sentence, whose line the citation would then show. Not found is None (left out).
        """
        pattern = _pattern(sentence)
        if pattern is None:
            return None
        found = pattern.search(self._visible, self._cursor)
        if found:
            self._cursor = found.end()
        else:
            # Extraction order may differ from the source's: the same words earlier in the
            # file are still the words cited, but they must not pull the cursor back.
            found = pattern.search(self._visible)
            if found is None:
                return None
        line = bisect.bisect_left(self._newlines, found.start()) + 1
        return line, found.start(), found.end()


def _pattern(text: str) -> re.Pattern[str] | None:
    """Regex for `text` as it may stand in HTML: any spacing or tags between words and
    punctuation, punctuation and non-ASCII letters possibly written as entities."""
    parts = [
        re.escape(token)
        if token.isascii() and token.isalnum()
        else f"(?:{re.escape(token)}|{_ENTITY})"
        for token in _TOKEN.findall(text)
    ]
    return re.compile(r"\s*".join(parts)) if parts else None
