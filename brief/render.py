"""Brief → HTML with Jinja: the subscriber page (also printed to PDF) and the editors' draft."""

from __future__ import annotations

import functools
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import Literal

import jinja2
from markupsafe import Markup

from brief import assets
from brief.errors import ConfigError
from brief.models import Brief, EngineInfo, Point, PointKind, Source
from brief.settings import PageSize

Variant = Literal["subscriber", "draft"]

TEMPLATES: dict[Variant, str] = {
    "subscriber": assets.SUBSCRIBER_TEMPLATE,
    "draft": assets.DRAFT_TEMPLATE,
}
SECTIONS: tuple[tuple[PointKind, str], ...] = (
    ("decision", "Decisions"),
    ("reaction", "Reactions"),
    ("open_question", "Open questions"),
    ("context", "Key facts"),
)


@dataclass(frozen=True)
class Section:
    kind: PointKind
    title: str
    points: list[Point]


@dataclass(frozen=True)
class Note:
    """What a citation number points to, for the list at the foot of the page."""

    n: int
    source: Source
    line: int


def render_html(
    brief: Brief,
    *,
    variant: Variant = "subscriber",
    page_size: PageSize = "A4",
    templates_dir: Path | None = None,
) -> str:
    """The brief as one self-contained HTML page; `draft` adds flags, evidence and cut points."""
    folder = templates_dir or assets.templates_dir()
    env = _environment(folder.resolve())
    notes = citation_notes(brief)
    try:
        stylesheet = _source(env, assets.STYLESHEET)
        template = env.get_template(TEMPLATES[variant])
        return template.render(
            brief=brief,
            variant=variant,
            page_size=page_size,
            stylesheet=Markup(stylesheet),  # our own (or the user's) CSS file, not article text
            engine=engine_label(brief.engine),
            sections=sections(brief.points),
            notes=notes,
            sources=brief.sources if variant == "draft" else cited_sources(notes),
            flag_counts=sorted(Counter(f.code for p in brief.points for f in p.flags).items()),
        )
    except jinja2.TemplateSyntaxError as exc:
        where = f"{exc.filename or exc.name}, line {exc.lineno}"
        raise ConfigError(
            f"template error in {where}: {exc.message}; {_fix(templates_dir)}"
        ) from exc
    except jinja2.TemplateNotFound as exc:
        raise ConfigError(
            f"template {exc.name!r} not found in {folder}; {_fix(templates_dir)}"
        ) from exc
    except jinja2.TemplateError as exc:
        where = _template_location(exc.__traceback__) or str(folder)
        raise ConfigError(f"template error in {where}: {exc}; {_fix(templates_dir)}") from exc


def engine_label(engine: EngineInfo) -> str:
    """Which engine made the brief, as printed in its header."""
    if engine.name == "extractive":
        return "embedded extractive engine"
    if engine.name == "llm":
        return f"LLM: {engine.model or 'unknown model'}"
    return engine.name if engine.model is None else f"{engine.name}: {engine.model}"


def sections(points: list[Point]) -> list[Section]:
    """Points grouped by kind in the printed order, by rank within; empty sections left out."""
    grouped = [
        Section(kind, title, sorted((p for p in points if p.kind == kind), key=lambda p: p.rank))
        for kind, title in SECTIONS
    ]
    return [s for s in grouped if s.points]


def citation_notes(brief: Brief) -> list[Note]:
    """One note per printed citation number (bottom line and points), by number."""
    cited = list(brief.bottom_line.citations) if brief.bottom_line else []
    for point in brief.points:
        cited.extend(point.citations)
    by_path = {s.path: s for s in brief.sources}
    by_number = {c.n: c for c in cited if c.source in by_path}
    return [Note(n, by_path[c.source], c.line) for n, c in sorted(by_number.items())]


def cited_sources(notes: list[Note]) -> list[Source]:
    """The sources the printed citations point into, by source number."""
    unique = {note.source.n: note.source for note in notes}
    return [unique[n] for n in sorted(unique)]


@functools.lru_cache(maxsize=8)
def _environment(folder: Path) -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(folder),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )


def _source(env: jinja2.Environment, name: str) -> str:
    assert env.loader is not None
    text, _, _ = env.loader.get_source(env, name)
    return text


def _template_location(tb: TracebackType | None) -> str | None:
    """`file, line N` of the innermost template frame (Jinja rewrites frames to template lines)."""
    where = None
    while tb is not None:
        filename = tb.tb_frame.f_code.co_filename
        if filename.endswith(".j2"):
            where = f"{filename}, line {tb.tb_lineno}"
        tb = tb.tb_next
    return where


def _fix(templates_dir: Path | None) -> str:
    if templates_dir is None:
        return "the bundled templates are broken: reinstall brief"
    return f"fix the template in {templates_dir} or drop --templates to use the bundled ones"
