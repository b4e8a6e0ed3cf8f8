"""Layout of an article's text: title, header metadata (source, date, author, URL), sentence spans.

Works on decoded text, whatever file it came from; page furniture is dropped via `furniture`.
"""

from __future__ import annotations

import datetime as dt
import re

from pydantic import Field

from brief import furniture, sentences
from brief.models import Strict


class Layout(Strict):
    """What the lines of an article's text hold: title, metadata, sentence spans."""

    title: str
    outlet: str | None = None
    published: dt.date | None = None
    author: str | None = None
    url: str | None = None
    spans: list[tuple[int, int]]
    removed: int = 0
    notes: list[str] = Field(default_factory=list)


_HEADER = re.compile(
    r"^(source|outlet|publisher|publication|date|published|updated|posted|by|author|authors"
    r"|written by|url|link|original url)\s*:\s*(\S.*)$",
    re.IGNORECASE,
)
_BYLINE = re.compile(r"^[Bb]y\s+([A-Z][^.!?:]{1,80})$")
_MD_HEADING = re.compile(r"^#{1,6}\s")
_SITE_ICON = re.compile(r"^site (?:icon|logo)\s+(.+)$", re.IGNORECASE)
_FIELD = {
    "title": "title",  # Markdown front matter only; a "Title:" header line is not one
    "source": "outlet",
    "outlet": "outlet",
    "publisher": "outlet",
    "publication": "outlet",
    "date": "published",
    "published": "published",
    "posted": "published",
    "updated": "updated",
    "by": "author",
    "author": "author",
    "authors": "author",
    "written by": "author",
    "url": "url",
    "link": "url",
    "original url": "url",
}
_TITLE_MAX_WORDS = 40


def parse_layout(text: str, *, title: str | None = None) -> Layout:
    """Title (first non-furniture line, unless given), header metadata, then sentence spans."""
    lines = text.split("\n")
    offsets = [0]
    for line in lines:
        offsets.append(offsets[-1] + len(line) + 1)
    verdicts = furniture.classify(lines)
    meta: dict[str, str] = {}
    notes: list[str] = []
    i = _front_matter(lines, meta)
    title = title or meta.get("title")
    site = None
    # Before the title only page furniture (not a caption) can stand; the title is never dropped.
    while i < len(lines) and (not lines[i].strip() or verdicts[i] not in (None, "photo_caption")):
        icon = _SITE_ICON.match(lines[i].strip())
        site = site or (icon.group(1).strip() if icon else None)
        i += 1
    if i < len(lines):
        first = sentences.fold(lines[i].lstrip("# \t"))
        if (title is None and len(first.split()) <= _TITLE_MAX_WORDS) or (
            title is not None and first == sentences.fold(title)
        ):
            title = title or first
            verdicts[i] = None
            i += 1
    # Header lines (and blank or furniture lines) right after the title are metadata.
    while i < len(lines):
        stripped = lines[i].strip()
        header = _HEADER.match(stripped)
        byline = _BYLINE.match(stripped)
        if header:
            meta.setdefault(_FIELD[header.group(1).lower()], header.group(2).strip())
            verdicts[i] = None  # metadata, not furniture ("Source: …")
        elif byline:
            meta.setdefault("author", byline.group(1).strip())
        elif stripped and len(stripped.split()) <= 6 and parse_date(stripped):
            meta.setdefault("published", stripped)
        elif stripped and not verdicts[i]:
            break
        i += 1
    published = meta.get("published") or meta.get("updated")
    date = parse_date(published) if published else None
    if published and date is None:
        notes.append(f"date not understood: {published!r}")
    spans = [
        (p_start + s, p_start + e)
        for p_start, p_end in _paragraphs(lines, offsets, verdicts, i)
        for s, e in sentences.split(text[p_start:p_end])
        if any(ch.isalpha() for ch in text[p_start + s : p_start + e])
    ]
    body_title = title or (sentences.fold(text[spans[0][0] : spans[0][1]])[:120] if spans else "")
    return Layout(
        title=body_title,
        outlet=meta.get("outlet") or site,
        published=date,
        author=meta.get("author"),
        url=meta.get("url"),
        spans=spans,
        removed=sum(1 for v in verdicts if v),
        notes=notes,
    )


def _front_matter(lines: list[str], meta: dict[str, str]) -> int:
    """Index after a Markdown front-matter block ("---" … "---"), its fields put in `meta`."""
    if not lines or lines[0].strip() != "---":
        return 0
    for j in range(1, min(len(lines), 40)):
        if lines[j].strip() == "---":
            for line in lines[1:j]:
                key, _, value = line.partition(":")
                field = _FIELD.get(key.strip().lower())
                if field and value.strip():
                    meta.setdefault(field, value.strip().strip("\"'"))
            return j + 1
    return 0


def _paragraphs(
    lines: list[str], offsets: list[int], verdicts: list[str | None], first: int
) -> list[tuple[int, int]]:
    """(start, end) of each body paragraph: headings and furniture left out, bullets unmarked.

    A paragraph is one line, except in hard-wrapped text, where it runs on to a blank line,
    a bullet or a furniture line.
    """
    width = _wrap_width(lines[first:])
    paragraphs: list[tuple[int, int]] = []
    open_para = False
    for i in range(first, len(lines)):
        line = lines[i]
        stripped = line.strip()
        if not stripped or verdicts[i]:
            open_para = False
            continue
        bullet = furniture.list_item_body(line)
        end = offsets[i] + len(line.rstrip())
        if open_para and bullet is None:
            paragraphs[-1] = (paragraphs[-1][0], end)
            continue
        if bullet is None and _is_heading(stripped, lines, i, width):
            open_para = False
            continue
        paragraphs.append((offsets[i] + (bullet or 0), end))
        open_para = width is not None
    return paragraphs


def _is_heading(stripped: str, lines: list[str], i: int, width: int | None) -> bool:
    """A section heading; in wrapped text only a short line standing alone or before a break."""
    if _MD_HEADING.match(stripped):
        return True
    if not furniture.is_heading(stripped):
        return False
    if width is None:
        return True
    alone = i + 1 >= len(lines) or not lines[i + 1].strip()
    return alone or len(stripped) < 0.6 * width


def _wrap_width(lines: list[str]) -> int | None:
    """The width text was wrapped at by hand (most lines end near it, ≤ 100 chars), or None."""
    lengths = [len(line.rstrip()) for line in lines if line.strip()]
    if len(lengths) < 4:
        return None
    width = max(lengths)
    wrapped = width <= 100 and sum(n >= 0.7 * width for n in lengths) >= 0.6 * len(lengths)
    return width if wrapped else None


_DATE_FORMATS = (
    "%B %d, %Y",
    "%b %d, %Y",
    "%b. %d, %Y",
    "%d %B %Y",
    "%d %b %Y",
    "%B %d %Y",
    "%Y/%m/%d",
    "%d.%m.%Y",
)
_ISO = re.compile(r"(?<!\d)(\d{4})-(\d{2})-(\d{2})(?!\d)")
_WEEKDAY = re.compile(r"^(mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s+", re.IGNORECASE)
_TIME_TAIL = re.compile(r"(,|\s+at)?\s+\d{1,2}[:.]\d{2}.*$|\s+(updated|published)\b.*$", re.I)


def parse_date(value: str) -> dt.date | None:
    """A date from a header value ("2024-11-18", "Nov. 18, 2024", "Monday, 18 November 2024")."""
    iso = _ISO.search(value)
    if iso:
        try:
            return dt.date(int(iso.group(1)), int(iso.group(2)), int(iso.group(3)))
        except ValueError:
            return None
    cleaned = _TIME_TAIL.sub("", _WEEKDAY.sub("", value.strip())).strip()
    for fmt in _DATE_FORMATS:
        try:
            return dt.datetime.strptime(cleaned, fmt).date()
        except ValueError:
            continue
    return None
