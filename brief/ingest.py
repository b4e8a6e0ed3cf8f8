"""Ingest: a folder of article files becomes `Article`s with sentence ids and line numbers.

Reads .txt, .md and .html/.htm. Bad input never crashes the run: every file not read is in
`skipped` with its reason, every file read with a caveat is in `flagged`.
"""

from __future__ import annotations

import codecs
import contextlib
import hashlib
import os
import re
import stat
from pathlib import Path

import charset_normalizer

from brief import sentences
from brief.errors import NoInputError
from brief.layout import parse_date, parse_layout
from brief.models import Article, IngestResult, Sentence, Skipped, Strict

TEXT_SUFFIXES = frozenset({".txt", ".md"})
HTML_SUFFIXES = frozenset({".html", ".htm"})
SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES
_HASH_CHUNK = 1 << 20


class Loaded(Strict):
    """A file's decoded text and what reading it raised."""

    text: str
    sha256: str
    notes: list[str]


def ingest_folder(
    folder: Path, *, max_bytes: int = 2_000_000, exclude: Path | None = None
) -> IngestResult:
    """Read the article files of `folder` in path order; NoInputError if none is usable.

    `exclude` (the output folder) is never read, so yesterday's brief is not today's article.
    """
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
    for rel, path in _files(root, skipped, exclude.resolve() if exclude else None):
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


def _files(root: Path, skipped: list[Skipped], exclude: Path | None) -> list[tuple[str, Path]]:
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
            elif exclude is not None and (here / name).resolve() == exclude:
                skipped.append(Skipped(path=f"{rel}/", reason="the output folder, not read"))
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
            # The hash covers the whole file (design: "sha256 of the raw bytes"), so two large
            # files that differ only past the cap are not taken for duplicates.
            digest = hashlib.sha256(data)
            while chunk := fh.read(_HASH_CHUNK):
                digest.update(chunk)
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
    return Loaded(text=text, sha256=digest.hexdigest(), notes=notes)


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
