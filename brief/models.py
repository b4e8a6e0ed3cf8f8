"""The data model shared by every stage (see docs: design.md, "Data model").

Stages pass these models, never dicts. Every model is strict: an unknown field is an error.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

PointKind = Literal["decision", "reaction", "open_question", "context"]
POINT_KINDS: tuple[PointKind, ...] = ("decision", "reaction", "open_question", "context")


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


# --- ingest -------------------------------------------------------------------------------


class Sentence(Strict):
    """One sentence of an article; `id` is stable for the same file content ("a3.s12")."""

    id: str
    text: str
    line: int = Field(ge=1, description="1-based line of the file where the sentence starts")
    start: int = Field(ge=0, description="character offset in the decoded file text")
    end: int = Field(ge=0)


class Article(Strict):
    id: str
    path: str = Field(description="path relative to the input folder")
    title: str
    outlet: str | None = None
    published: dt.date | None = None
    url: str | None = None
    author: str | None = None
    sentences: list[Sentence]
    sha256: str
    notes: list[str] = Field(default_factory=list, description="flags raised while reading")


class Skipped(Strict):
    """A file that was not read (or read with a caveat) and why."""

    path: str
    reason: str


class IngestResult(Strict):
    articles: list[Article]
    skipped: list[Skipped] = Field(default_factory=list)
    flagged: list[Skipped] = Field(default_factory=list, description="read, with a caveat")
    removed_lines: int = Field(0, description="page-furniture lines dropped")


# --- condense: what an engine returns -----------------------------------------------------


class DraftPoint(Strict):
    """A point as an engine proposes it: it cites sentence ids, never files or lines."""

    kind: PointKind
    text: str
    speaker: str | None = None
    quote: str | None = None
    sentence_ids: list[str] = Field(min_length=1)
    score: float = 0.0


class EngineInfo(Strict):
    name: str
    model: str | None = None


class Usage(Strict):
    llm_calls: int = 0
    input_tokens: int = 0
    output_tokens: int = 0
    cached_tokens: int = 0
    cost_usd: float | None = Field(0.0, description="None when the model's price is unknown")
    cache_hit: bool = False


class Draft(Strict):
    bottom_line: DraftPoint | None
    points: list[DraftPoint]
    engine: EngineInfo
    usage: Usage = Field(default_factory=Usage)
    counts: dict[str, int] = Field(
        default_factory=dict, description="engine counters for run.json (merged, dropped ids…)"
    )
    fingerprint: str | None = None


# --- the record: brief.json ---------------------------------------------------------------


class Citation(Strict):
    n: int = Field(ge=1, description="citation number shown as a superscript")
    source: str = Field(description="path of the file, relative to the input folder")
    sentence: str
    line: int
    text: str


class Flag(Strict):
    code: str
    detail: str


class Point(Strict):
    id: str
    rank: int
    kind: PointKind
    text: str
    speaker: str | None = None
    quote: str | None = None
    citations: list[Citation] = Field(min_length=1)
    flags: list[Flag] = Field(default_factory=list)


class BottomLine(Strict):
    text: str
    citations: list[Citation]
    flags: list[Flag] = Field(default_factory=list)


class Source(Strict):
    n: int
    path: str
    title: str
    outlet: str | None = None
    published: dt.date | None = None
    sha256: str | None = Field(None, description="of the file as read, to notice later edits")


class CutPoint(Point):
    reason: str


class Brief(Strict):
    model_config = ConfigDict(extra="forbid", populate_by_name=True)

    schema_: Literal["brief/1"] = Field("brief/1", alias="schema")
    title: str
    date: dt.date
    engine: EngineInfo
    bottom_line: BottomLine | None
    points: list[Point]
    sources: list[Source]
    skipped: list[Skipped] = Field(default_factory=list)
    cut: list[CutPoint] = Field(default_factory=list)
    usage: Usage = Field(default_factory=Usage)
    fingerprint: str | None = None

    def to_json(self) -> str:
        return self.model_dump_json(by_alias=True, indent=2)


# --- run.json: what a run did -------------------------------------------------------------


class ReadFile(Strict):
    path: str
    article: str
    title: str
    sentences: int
    sha256: str


class CutNote(Strict):
    id: str
    rank: int
    reason: str


class RunReport(Strict):
    """run.json: what was read, skipped, merged and cut, and how long each stage took."""

    model_config = ConfigDict(extra="forbid", populate_by_name=True)

    schema_: Literal["brief-run/1"] = Field("brief-run/1", alias="schema")
    date: dt.date
    started_at: dt.datetime
    input_dir: str
    out_dir: str
    engine: EngineInfo
    opinion_reader: Literal["rules", "rules+learned"] = Field(
        "rules", description="what read the cited sentences for the opinion check"
    )
    read: list[ReadFile]
    skipped: list[Skipped]
    flagged: list[Skipped]
    removed_lines: int = 0
    counts: dict[str, int] = Field(default_factory=dict)
    points: dict[str, int] = Field(default_factory=dict, description="points per section")
    flags: dict[str, int] = Field(default_factory=dict, description="flags per code")
    cut: list[CutNote] = Field(default_factory=list)
    timings: dict[str, float] = Field(default_factory=dict, description="seconds per stage")
    usage: Usage = Field(default_factory=Usage)
    files: list[str] = Field(default_factory=list)

    def to_json(self) -> str:
        return self.model_dump_json(by_alias=True, indent=2)
