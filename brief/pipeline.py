"""`brief run`: ingest → condense → assemble → verify → fit to one page → write, atomically.

Every stage is a plain function; this module only orders them, times them and writes the files.
Nothing reaches a final path until every stage has succeeded.
"""

from __future__ import annotations

import datetime as dt
import time
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

from brief import __version__, extractive
from brief.assemble import assemble, renumber
from brief.assets import check_templates
from brief.errors import ConfigError
from brief.ingest import ingest_folder
from brief.models import (
    Article,
    BottomLine,
    Brief,
    CutNote,
    Draft,
    Point,
    ReadFile,
    RunReport,
)
from brief.opinion import Judge, opinion_rule, with_reader
from brief.opinion_model import load_opinion_model
from brief.outfiles import remove_stale, run_lock, write_atomically
from brief.settings import NO_ENDPOINT, Settings
from brief.text import without_quotes

Progress = Callable[[str], None]
OUTPUTS = {"brief.json", "brief.html", "draft.html", "brief.pdf"}


@dataclass
class RunResult:
    brief: Brief
    report: RunReport
    out_dir: Path
    files: dict[str, Path] = field(default_factory=dict)


@dataclass
class _Clock:
    timings: dict[str, float] = field(default_factory=dict)

    @contextmanager
    def stage(self, name: str) -> Iterator[None]:
        start = time.perf_counter()
        try:
            yield
        finally:
            self.timings[name] = round(self.timings.get(name, 0.0) + time.perf_counter() - start, 4)


def _quiet(_: str) -> None:
    return None


def run_brief(
    settings: Settings,
    *,
    today: dt.date,
    now: dt.datetime | None = None,
    progress: Progress = _quiet,
) -> RunResult:
    """Make the brief of `settings.input_dir` for `today` into `settings.out/<today>/`."""
    started = now or dt.datetime.now(dt.UTC)
    clock = _Clock()
    engine_name = settings.resolved_engine()
    if engine_name == "llm" and not settings.llm_configured:
        raise ConfigError(NO_ENDPOINT)
    if settings.templates is not None:
        check_templates(settings.templates)  # before any work, and before any paid call
    # a missing brief[model] fails here, before any work
    reader = load_opinion_model() if settings.opinion_model else None
    judge = with_reader(reader.rule) if reader else opinion_rule
    out_dir = settings.out / today.isoformat()
    with run_lock(settings.out):
        progress("Reading articles")
        with clock.stage("ingest"):
            ingested = ingest_folder(
                settings.input_dir, max_bytes=settings.max_file_bytes, exclude=settings.out
            )
        articles = ingested.articles

        progress(f"Condensing {len(articles)} articles ({engine_name} engine)")
        with clock.stage("condense"):
            if reader:  # one batch for every sentence the engine and the verifier will read
                reader.prime([without_quotes(s.text) for a in articles for s in a.sentences])
            draft = _condense(engine_name, settings, articles, progress, judge)

        with clock.stage("assemble"):
            brief, dropped = assemble(
                draft, articles, today=today, title=settings.title, skipped=ingested.skipped
            )

        progress("Checking every point against its sources")
        with clock.stage("verify"):
            brief = _verify(brief, articles, settings, today, dropped, judge)

        progress("Fitting the brief on one page")
        with clock.stage("render"):
            rendered = _render(brief, settings)
        brief = rendered.brief

        counts: Counter[str] = Counter(draft.counts)
        counts.update(dropped)
        report = RunReport(
            date=today,
            started_at=started,
            input_dir=str(settings.input_dir.resolve()),
            out_dir=str(out_dir),
            engine=brief.engine,
            opinion_reader="rules+learned" if settings.opinion_model else "rules",
            read=[
                ReadFile(
                    path=a.path,
                    article=a.id,
                    title=a.title,
                    sentences=len(a.sentences),
                    sha256=a.sha256,
                )
                for a in articles
            ],
            skipped=ingested.skipped,
            flagged=ingested.flagged,
            removed_lines=ingested.removed_lines,
            counts=dict(counts),
            points=dict(Counter(p.kind for p in brief.points)),
            flags=dict(Counter(f.code for p in _flagged(brief) for f in p.flags)),
            cut=[CutNote(id=p.id, rank=p.rank, reason=p.reason) for p in brief.cut],
            timings=clock.timings,
            usage=brief.usage,
        )
        progress("Writing files")
        with clock.stage("write"):
            contents = _contents(brief, rendered, settings)
            files = write_atomically(out_dir, contents)
            remove_stale(out_dir, OUTPUTS, keep=set(contents))
        # run.json last, so it can report how long writing the brief took
        report.files = sorted([*contents, "run.json"])
        report.timings = clock.timings
        files.update(write_atomically(out_dir, {"run.json": report.to_json().encode()}))
    return RunResult(brief=brief, report=report, out_dir=out_dir, files=files)


def _condense(
    engine_name: str,
    settings: Settings,
    articles: list[Article],
    progress: Progress,
    judge: Judge = opinion_rule,
) -> Draft:
    if engine_name == "extractive":
        draft = extractive.condense(articles, judge)
        reader = ["opinion reader"] if settings.opinion_model else []
        return draft.model_copy(
            update={"fingerprint": settings.fingerprint(f"extractive {__version__}", *reader)}
        )
    from brief import estimate, llm_engine, llm_prompt

    plan = llm_prompt.plan(articles, settings)  # built once: estimated, then sent
    check = estimate.estimate(articles, settings, plan=plan)
    estimate.check_budget(check, settings)

    def chunks(done: int, total: int) -> None:
        progress(f"LLM: {done}/{total} calls")

    return llm_engine.condense(articles, settings, progress=chunks, plan=plan)


def _verify(
    brief: Brief,
    articles: list[Article],
    settings: Settings,
    today: dt.date,
    counts: Counter[str],
    judge: Judge = opinion_rule,
) -> Brief:
    from brief.verify import BLOCKING, apply_policy, verify, verify_bottom_line

    checked = verify(
        brief.points, articles, today=today, stale_days=settings.stale_days, judge=judge
    )
    kept, cut = apply_policy(checked, keep_flagged=settings.keep_flagged)
    bottom = brief.bottom_line
    if bottom is not None:
        flags = verify_bottom_line(
            bottom, articles, today=today, stale_days=settings.stale_days, judge=judge
        )
        bottom = bottom.model_copy(update={"flags": flags})
        if not settings.keep_flagged and any(f.code in BLOCKING for f in flags):
            # never lead the subscriber brief with a sentence its sources do not support
            bottom = None
            counts["bottom_line_dropped_flagged"] += 1
    update = {"points": kept, "cut": [*brief.cut, *cut], "bottom_line": bottom}
    return renumber(brief.model_copy(update=update))


def _flagged(brief: Brief) -> list[BottomLine | Point]:
    """Everything that carries flags: the bottom line, the printed points, the cut ones."""
    bottom: list[BottomLine | Point] = [brief.bottom_line] if brief.bottom_line else []
    return [*bottom, *brief.points, *brief.cut]


@dataclass
class _Rendered:
    brief: Brief
    pdf: bytes
    html: str
    draft_html: str


def _render(brief: Brief, settings: Settings) -> _Rendered:
    from brief.pdf import fit_page
    from brief.render import render_html

    def subscriber(b: Brief) -> str:
        return render_html(
            b, variant="subscriber", page_size=settings.page_size, templates_dir=settings.templates
        )

    fitted = fit_page(
        brief, subscriber, settings.page_size, finalize=partial(renumber, reading_order=True)
    )
    draft = render_html(
        fitted.brief,
        variant="draft",
        page_size=settings.page_size,
        templates_dir=settings.templates,
    )
    return _Rendered(brief=fitted.brief, pdf=fitted.pdf, html=fitted.html, draft_html=draft)


def _contents(brief: Brief, rendered: _Rendered, settings: Settings) -> dict[str, bytes]:
    contents: dict[str, bytes] = {}
    if "json" in settings.formats:
        contents["brief.json"] = brief.to_json().encode()
    if "html" in settings.formats:
        contents["brief.html"] = rendered.html.encode()
        contents["draft.html"] = rendered.draft_html.encode()
    if "pdf" in settings.formats:
        contents["brief.pdf"] = rendered.pdf
    return contents
