"""`brief check`: re-verify a brief.json (often hand-edited) against its source files, afresh."""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter
from pathlib import Path

from pydantic import ValidationError

from brief.errors import InvalidDataError, NoInputError
from brief.ingest import ingest_folder
from brief.models import Article, Brief, Citation, Flag, Strict
from brief.opinion import Judge, opinion_rule
from brief.outfiles import write_atomically
from brief.verify import BLOCKING, Cited, Locate, Sources, resolve, verify, verify_bottom_line


class CheckedPoint(Strict):
    id: str
    text: str
    flags: list[Flag]


class CheckResult(Strict):
    """What `brief check` found; `blocking` lists the points flagged unsupported or misquote."""

    brief_json: Path
    input_dir: Path
    points: list[CheckedPoint]
    blocking: list[str]

    def lines(self) -> list[str]:
        """One line per flag, then a summary line."""
        out = [f"{p.id} {f.code}: {f.detail}" for p in self.points for f in p.flags]
        counts = Counter(f.code for p in self.points for f in p.flags)
        if not counts:
            out.append(f"{self.brief_json}: no flags")
            return out
        per_code = ", ".join(f"{n} {code}" for code, n in sorted(counts.items()))
        out.append(f"{self.brief_json}: {sum(counts.values())} flags ({per_code})")
        if self.blocking:
            out.append(
                f"blocked (unsupported or misquote): {', '.join(self.blocking)}; fix the point "
                "or its citations, or keep it with --keep-flagged"
            )
        return out


def check_brief(
    brief_json: Path,
    input_dir: Path | None,
    *,
    today: dt.date,
    stale_days: int = 30,
    max_bytes: int = 2_000_000,
    judge: Judge = opinion_rule,
) -> CheckResult:
    """Re-run every check on `brief_json`, reading cited sentences afresh; write the flags back."""
    brief = load_brief(brief_json)
    folder = input_dir or recorded_input(brief_json)
    articles = ingest_folder(folder, max_bytes=max_bytes).articles
    locate = locator(brief, articles)
    sources = Sources(articles)

    def fresh(citations: list[Citation]) -> list[Citation]:
        return [_fresh(c, locate(c, sources)) for c in citations]

    points = [p.model_copy(update={"citations": fresh(p.citations)}) for p in brief.points]
    points = verify(
        points, articles, today=today, stale_days=stale_days, locate=locate, judge=judge
    )
    bottom = brief.bottom_line
    checked = [CheckedPoint(id=p.id, text=p.text, flags=p.flags) for p in points]
    if bottom is not None:
        bottom = bottom.model_copy(update={"citations": fresh(bottom.citations)})
        flags = verify_bottom_line(
            bottom, articles, today=today, stale_days=stale_days, locate=locate, judge=judge
        )
        bottom = bottom.model_copy(update={"flags": flags})
        checked.insert(0, CheckedPoint(id="bottom_line", text=bottom.text, flags=flags))
    updated = brief.model_copy(update={"points": points, "bottom_line": bottom})
    write_atomically(brief_json.parent, {brief_json.name: updated.to_json().encode()})
    blocking = [c.id for c in checked if any(f.code in BLOCKING for f in c.flags)]
    return CheckResult(brief_json=brief_json, input_dir=folder, points=checked, blocking=blocking)


def locator(brief: Brief, articles: list[Article]) -> Locate:
    """How to find a cited sentence: by its id, or by its text in a file edited since the brief.

    Ids number sentences by position, so one sentence added to a file moves every later id.
    """
    recorded = {s.path: s.sha256 for s in brief.sources if s.sha256}
    changed = {a.path for a in articles if recorded.get(a.path, a.sha256) != a.sha256}

    def locate(citation: Citation, sources: Sources) -> Cited:
        if citation.source not in changed:
            return resolve(citation, sources)
        return find_by_text(citation, sources.by_path[citation.source])

    return locate


def find_by_text(citation: Citation, article: Article) -> Cited:
    """The sentence of `article` whose text is the citation's (case and spacing aside).

    The citation's text only locates the sentence; the checks read the sentence found.
    """
    wanted = _fold(citation.text)
    matches = [i for i, s in enumerate(article.sentences) if _fold(s.text) == wanted]
    if not matches:
        problem = (
            f"source {citation.source} changed since the brief was made; cited sentence not "
            f"found (it was {citation.sentence}, line {citation.line})"
        )
        return Cited(citation, article, None, problem=problem)
    # The same sentence twice in one file: the one nearest where it was.
    i = min(matches, key=lambda i: abs(article.sentences[i].line - citation.line))
    return Cited(citation, article, article.sentences[i], i)


def _fold(text: str) -> str:
    return " ".join(text.split()).casefold()


def load_brief(path: Path) -> Brief:
    """Read a brief.json; a missing, malformed or off-schema file is an InvalidDataError."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise InvalidDataError(f"cannot read {path}: {exc} (pass the brief.json of a run)") from exc
    try:
        return Brief.model_validate_json(text)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"]) or "the file"
        if first["type"] == "json_invalid":
            problem = f"not valid JSON ({first['msg']})"
        else:
            problem = f"not a brief/1 record: {where}: {first['msg']}"
        raise InvalidDataError(
            f"{path}: {problem}; fix the hand edit or regenerate it with `brief run`"
        ) from exc


def recorded_input(brief_json: Path) -> Path:
    """The input folder recorded in the run.json next to the brief.json."""
    run_json = brief_json.parent / "run.json"
    try:
        recorded = json.loads(run_json.read_text(encoding="utf-8"))["input_dir"]
    except (OSError, ValueError, KeyError, TypeError):
        recorded = None
    if not isinstance(recorded, str) or not Path(recorded).is_dir():
        raise NoInputError(
            f"cannot tell which folder {brief_json} was made from (no usable {run_json}); "
            "pass it with --input DIR"
        )
    return Path(recorded)


def _fresh(citation: Citation, cited: Cited) -> Citation:
    """The citation re-pointed at the sentence found in the file (the JSON's copy is not trusted);
    unchanged when the sentence is not found, so the editor still sees what was cited."""
    if cited.sentence is None:
        return citation
    s = cited.sentence
    return citation.model_copy(update={"sentence": s.id, "line": s.line, "text": s.text})
