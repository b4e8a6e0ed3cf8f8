"""Ingest: a folder of article files becomes `Article`s with sentence ids and line numbers.

Reads .txt, .md and .html/.htm. Bad input never crashes the run: every file not read is in
`skipped` with its reason, every file read with a caveat is in `flagged`.
"""

from __future__ import annotations

import codecs
import contextlib
import datetime as dt
import hashlib
import os
import re
import stat
from pathlib import Path

import charset_normalizer
from pydantic import Field

from brief import furniture, sentences
from brief.errors import NoInputError
from brief.models import Article, IngestResult, Sentence, Skipped, Strict

TEXT_SUFFIXES = frozenset({".txt", ".md"})
HTML_SUFFIXES = frozenset({".html", ".htm"})
SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES


class Loaded(Strict):
    """A file's decoded text and what reading it raised."""

    text: str
    sha256: str
    notes: list[str]


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


def ingest_folder(folder: Path, *, max_bytes: int = 2_000_000) -> IngestResult:
    """Read the article files of `folder` in path order; NoInputError if none is usable."""
    if folder.exists() and not folder.is_dir():
        raise NoInputError(f"input is a file, not a folder: {folder} (pass the folder holding it)")
    if not folder.is_dir():
        raise NoInputError(
            f"input folder not found: {folder} (pass a folder of .txt, .md or .html articles)"
        )
    root = folder.resolve()
    articles: list[Article] = []
    skipped: list[Skipped] = []
    flagged: list[Skipped] = []
    removed = 0
    seen: dict[str, str] = {}
    for rel, path in _files(root, skipped):
        loaded = _load(path, rel, max_bytes)
        if isinstance(loaded, Skipped):
            skipped.append(loaded)
            continue
        if loaded.sha256 in seen:
            skipped.append(Skipped(path=rel, reason=f"duplicate of {seen[loaded.sha256]}"))
            continue
        seen[loaded.sha256] = rel
        article, dropped = _article(loaded, rel, f"a{len(articles) + 1}")
        if not article.sentences:
            skipped.append(
                Skipped(path=rel, reason="no article text (nothing but title/furniture)")
            )
            continue
        articles.append(article)
        removed += dropped
        flagged.extend(Skipped(path=rel, reason=note) for note in article.notes)
    skipped.sort(key=lambda s: s.path)
    if not articles:
        some = "; ".join(f"{s.path}: {s.reason}" for s in skipped[:3])
        why = f" ({len(skipped)} file(s) skipped: {some}{'; …' if len(skipped) > 3 else ''})"
        raise NoInputError(
            f"no usable article in {folder}{why if skipped else ''}; "
            "add .txt, .md or .html articles, one article per file"
        )
    return IngestResult(articles=articles, skipped=skipped, flagged=flagged, removed_lines=removed)


# --- finding and reading files ------------------------------------------------------------


def _files(root: Path, skipped: list[Skipped]) -> list[tuple[str, Path]]:
    """Readable article files under `root`, sorted by relative path; the rest go to `skipped`."""
    found: list[tuple[str, Path]] = []

    def unreadable_folder(exc: OSError) -> None:
        where = Path(exc.filename or root).relative_to(root).as_posix()
        skipped.append(Skipped(path=f"{_printable(where)}/", reason=f"cannot read: {exc.strerror}"))

    for dirpath, dirnames, filenames in os.walk(root, onerror=unreadable_folder):
        here = Path(dirpath)
        for name in sorted(dirnames):
            rel = (here / name).relative_to(root).as_posix()
            if name.startswith("."):
                skipped.append(Skipped(path=f"{rel}/", reason="hidden folder, not read"))
                dirnames.remove(name)
            elif (here / name).is_symlink():
                skipped.append(Skipped(path=f"{rel}/", reason="symlink to a folder, not followed"))
        for name in filenames:
            path = here / name
            rel = path.relative_to(root).as_posix()
            reason = _unreadable(path, root)
            if _printable(rel) != rel:
                reason = "file name is not valid UTF-8 (rename the file)"
            if reason:
                skipped.append(Skipped(path=_printable(rel), reason=reason))
            else:
                found.append((rel, path))
    return sorted(found)


def _printable(name: str) -> str:
    """`name` with undecodable bytes (kept by the OS as surrogates) shown as '�'."""
    return name.encode("utf-8", "surrogateescape").decode("utf-8", "replace")


def _unreadable(path: Path, root: Path) -> str | None:
    """Why `path` is not read at all, or None."""
    if path.name.startswith("."):
        return "hidden file"
    if path.suffix.lower() not in SUFFIXES:
        kind = f"{path.suffix!r}" if path.suffix else "without extension"
        return f"unsupported file type {kind} (reads .txt, .md, .html, .htm)"
    if path.is_symlink():
        try:
            target = path.resolve(strict=True)
        except (OSError, RuntimeError):  # missing target, or a loop of links
            return "broken symlink"
        if not target.is_relative_to(root):
            return f"symlink to {target}, outside the input folder (not followed)"
    try:
        mode = path.stat().st_mode
    except OSError as exc:
        return f"cannot read: {exc.strerror}"
    return None if stat.S_ISREG(mode) else "not a regular file"


def _load(path: Path, rel: str, max_bytes: int) -> Loaded | Skipped:
    """The decoded text of one file, capped at `max_bytes`, or why it cannot be used."""
    try:
        with path.open("rb") as fh:
            data = fh.read(max_bytes + 1)
    except OSError as exc:
        return Skipped(path=rel, reason=f"cannot read: {exc.strerror}")
    notes: list[str] = []
    if len(data) > max_bytes:
        data = data[:max_bytes]
        # Cut at a line end so the last sentence kept is whole (and no character is split).
        last = data.rfind(b"\n")
        if last > max_bytes // 2:
            data = data[: last + 1]
        notes.append(f"truncated at {max_bytes} bytes (file is larger)")
    if not data.strip():
        return Skipped(path=rel, reason="empty file")
    decoded = _decode(data, truncated=bool(notes))
    if decoded is None:
        return Skipped(path=rel, reason="binary file (not text)")
    text, note = decoded
    if note:
        notes.append(note)
    if not text.strip():
        return Skipped(path=rel, reason="empty file")
    return Loaded(text=text, sha256=hashlib.sha256(data).hexdigest(), notes=notes)


_LATIN = re.compile(r"^(cp125\d|latin_1|iso8859_\d+|mac_\w+|ascii)$")
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")


def _decode(data: bytes, *, truncated: bool) -> tuple[str, str | None] | None:
    """(text, note) where note says a fallback was used; None for binary data."""
    data = data.removeprefix(codecs.BOM_UTF8)
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16", errors="replace"), "not UTF-8: decoded as UTF-16"
    if b"\x00" in data:
        return None
    try:
        return data.decode("utf-8"), None
    except UnicodeDecodeError as exc:
        if truncated and exc.start >= len(data) - 3:
            return data[: exc.start].decode("utf-8"), None
    best = charset_normalizer.from_bytes(data).best()
    if best is None:
        return None
    encoding = best.encoding
    text = str(best)
    # Western news text is far more often cp1252 than the cp1250/latin_1 the detector may guess.
    if _LATIN.match(encoding) and encoding != "cp1252":
        with contextlib.suppress(UnicodeDecodeError):
            text, encoding = data.decode("cp1252"), "cp1252"
    if len(_CONTROL.findall(text)) > len(text) // 100:
        return None
    return text, f"not UTF-8: decoded as {encoding} (check odd characters)"


# --- from text to an article --------------------------------------------------------------


def _article(loaded: Loaded, rel: str, article_id: str) -> tuple[Article, int]:
    """The article of one decoded file, and how many furniture lines were dropped."""
    text = loaded.text
    notes = list(loaded.notes)
    if Path(rel).suffix.lower() in HTML_SUFFIXES:
        from brief import html_text  # trafilatura takes ~1 s to import: only when HTML is met

        doc = html_text.extract(text)
        layout = parse_layout(doc.text, title=doc.title)
        layout.outlet = doc.outlet or layout.outlet
        layout.author = doc.author or layout.author
        layout.url = doc.url or layout.url
        layout.published = parse_date(doc.published or "") or layout.published
        located = _locate_html(text, doc.text, layout.spans)
        if len(located) < len(layout.spans):
            missing = len(layout.spans) - len(located)
            notes.append(f"{missing} sentence(s) left out: not found as such in the HTML source")
    else:
        layout = parse_layout(text)
        located = _locate_text(text, layout.spans)
    sents = [
        Sentence(id=f"{article_id}.s{n}", text=body, line=line, start=start, end=end)
        for n, (body, line, start, end) in enumerate(located, start=1)
    ]
    article = Article(
        id=article_id,
        path=rel,
        title=layout.title or Path(rel).stem,
        outlet=layout.outlet,
        published=layout.published,
        url=layout.url,
        author=layout.author,
        sentences=sents,
        sha256=loaded.sha256,
        notes=notes + layout.notes,
    )
    return article, layout.removed


def _locate_text(text: str, spans: list[tuple[int, int]]) -> list[tuple[str, int, int, int]]:
    """(folded text, line, start, end) of each span of a plain-text file."""
    located = []
    line, pos = 1, 0
    for start, end in spans:
        line += text.count("\n", pos, start)
        pos = start
        located.append((sentences.fold(text[start:end]), line, start, end))
    return located


def _locate_html(
    raw: str, main: str, spans: list[tuple[int, int]]
) -> list[tuple[str, int, int, int]]:
    """(folded text, raw line, raw start, raw end) of each span of the extracted main text."""
    from brief import html_text

    locator = html_text.Locator(raw)
    located = []
    for start, end in spans:
        body = sentences.fold(main[start:end])
        where = locator.locate(body)
        if where is not None:
            located.append((body, *where))
    return located


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
