"""Ingest: a folder of article files becomes `Article`s with sentence ids and line numbers.

(First cut: plain-text files. HTML, page furniture and bad input handling grow here.)
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

from brief import sentences
from brief.errors import NoInputError
from brief.models import Article, IngestResult, Sentence, Skipped

TEXT_SUFFIXES = {".txt", ".md"}
_HEADER = re.compile(r"^(source|outlet|date|published|by|author|url|link)\s*[:]\s*(.+)$", re.I)


def ingest_folder(folder: Path) -> IngestResult:
    """Read every article file of `folder` (sorted by path); raise NoInputError if none."""
    if not folder.is_dir():
        raise NoInputError(f"input folder not found: {folder} (pass an existing folder)")
    articles: list[Article] = []
    skipped: list[Skipped] = []
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        rel = path.relative_to(folder).as_posix()
        if path.suffix.lower() not in TEXT_SUFFIXES:
            skipped.append(Skipped(path=rel, reason=f"unsupported file type {path.suffix!r}"))
            continue
        raw = path.read_bytes()
        article = parse_text(raw.decode("utf-8"), rel, f"a{len(articles) + 1}", raw)
        if not article.sentences:
            skipped.append(Skipped(path=rel, reason="no article text"))
            continue
        articles.append(article)
    if not articles:
        raise NoInputError(f"no usable article in {folder} (add .txt, .md or .html files)")
    return IngestResult(articles=articles, skipped=skipped)


def parse_text(text: str, rel: str, article_id: str, raw: bytes) -> Article:
    """Title from the first non-empty line, header lines after it as metadata, then sentences."""
    lines = text.splitlines(keepends=True)
    offsets = [0]
    for line in lines:
        offsets.append(offsets[-1] + len(line))
    title = ""
    meta: dict[str, str] = {}
    body_start = 0
    for i, line in enumerate(lines):
        stripped = line.strip()
        if not stripped:
            continue
        if not title:
            title = stripped
            body_start = i + 1
            continue
        match = _HEADER.match(stripped)
        if match:
            meta[match.group(1).lower()] = match.group(2).strip()
            body_start = i + 1
            continue
        break
    sents: list[Sentence] = []
    for i in range(body_start, len(lines)):
        line = lines[i]
        if not line.strip():
            continue
        for start, end in sentences.split(line):
            sents.append(
                Sentence(
                    id=f"{article_id}.s{len(sents) + 1}",
                    text=sentences.fold(line[start:end]),
                    line=i + 1,
                    start=offsets[i] + start,
                    end=offsets[i] + end,
                )
            )
    return Article(
        id=article_id,
        path=rel,
        title=title or rel,
        outlet=meta.get("source") or meta.get("outlet"),
        url=meta.get("url") or meta.get("link"),
        author=meta.get("by") or meta.get("author"),
        sentences=sents,
        sha256=hashlib.sha256(raw).hexdigest(),
    )
