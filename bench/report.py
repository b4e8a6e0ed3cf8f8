"""Write a benchmark run as results.json (every figure) and report.html (for a person to read)."""

from __future__ import annotations

import base64
import dataclasses
import datetime as dt
import json
import os
import platform
import re
import subprocess
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from jinja2 import Environment, FileSystemLoader, StrictUndefined

from bench.common import ROOT, Headline, Section

TEMPLATE = "report.html.j2"


@dataclass
class SectionResult:
    """What running one section gave: its Section, or the error that stopped it."""

    name: str
    status: Literal["ok", "failed"]
    seconds: float
    section: Section | None = None
    error: str | None = None
    traceback: str | None = None

    @property
    def title(self) -> str:
        return self.section.title if self.section else self.name


@dataclass
class RunMeta:
    date: str
    commit: str | None
    dirty: bool | None
    quick: bool
    cores: int
    python: str
    platform: str
    wall_seconds: float = 0.0
    section_seconds: dict[str, float] = field(default_factory=dict)


def _git(*args: str) -> str | None:
    try:
        done = subprocess.run(
            ["git", "-C", str(ROOT), *args], capture_output=True, text=True, timeout=10
        )
    except (OSError, subprocess.SubprocessError):
        return None
    return done.stdout.strip() if done.returncode == 0 else None


def collect_meta(quick: bool) -> RunMeta:
    """Date, commit and machine of this run; a copy without git gets commit None."""
    commit = _git("rev-parse", "HEAD")
    status = _git("status", "--porcelain") if commit else None
    return RunMeta(
        date=dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        commit=commit,
        dirty=None if status is None else bool(status),
        quick=quick,
        cores=os.cpu_count() or 1,
        python=platform.python_version(),
        platform=platform.platform(),
    )


def _jsonable(value: Any) -> Any:
    """json.dumps fallback for what sections put in `figures`: numpy scalars, dates, models."""
    if hasattr(value, "model_dump"):
        return value.model_dump(mode="json")
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return dataclasses.asdict(value)
    if hasattr(value, "item"):  # numpy scalar
        return value.item()
    if hasattr(value, "tolist"):  # numpy array
        return value.tolist()
    return str(value)


def _section_record(result: SectionResult) -> dict[str, Any]:
    record: dict[str, Any] = {
        "status": result.status,
        "title": result.title,
        "seconds": round(result.seconds, 3),
        "error": result.error,
    }
    if result.traceback:
        record["traceback"] = result.traceback
    section = result.section
    if section is not None:
        record["figures"] = section.figures
        record["headlines"] = [dataclasses.asdict(h) for h in section.headlines]
        record["tables"] = [dataclasses.asdict(t) for t in section.tables]
        record["plots"] = [p.title for p in section.plots]
        record["notes"] = section.notes
    return record


def results_json(meta: RunMeta, results: list[SectionResult]) -> str:
    """Every figure of every section, plus the run's metadata, as JSON text."""
    payload = {
        "meta": dataclasses.asdict(meta),
        "sections": {r.name: _section_record(r) for r in results},
    }
    return json.dumps(payload, indent=2, default=_jsonable, ensure_ascii=False)


def fmt_cell(value: Any) -> str:
    """Numbers as a reader wants them: thousands separators, a few decimals, '—' for none."""
    if value is None:
        return "—"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, int):
        return f"{value:,}"
    if isinstance(value, float):
        if value == 0:
            return "0"
        if abs(value) >= 100:
            return f"{value:,.0f}"
        if abs(value) >= 1:
            return f"{value:.2f}"
        if abs(value) >= 0.01:
            return f"{value:.3f}"
        return f"{value:.4f}"
    return str(value)


_NUMERIC = re.compile(r"[-+−]?[\d,.]+(\s*–\s*[\d,.]+)?\s*(%|×|x)?")


def _is_number(value: Any) -> bool:
    """Numbers, and text such as "100.0", "2.4×" or "60%", are right-aligned in tables."""
    if isinstance(value, str):
        return bool(_NUMERIC.fullmatch(value.strip()))
    return isinstance(value, int | float) and not isinstance(value, bool)


def _data_uri(png: bytes) -> str:
    return "data:image/png;base64," + base64.b64encode(png).decode("ascii")


def headline_rows(results: list[SectionResult]) -> list[tuple[str, Headline]]:
    """The summary table: each section's headlines, or one line saying it failed / has none."""
    rows: list[tuple[str, Headline]] = []
    for r in results:
        if r.section is None:
            rows.append((r.title, Headline("section failed", "FAILED", note=r.error or "")))
        elif not r.section.headlines:
            rows.append((r.title, Headline("(no headline figures)", "see section")))
        else:
            rows.extend((r.title, h) for h in r.section.headlines)
    return rows


def render_html(meta: RunMeta, results: list[SectionResult]) -> str:
    """The self-contained report page (CSS inline, plots as data: URIs)."""
    env = Environment(
        loader=FileSystemLoader(Path(__file__).parent),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["cell"] = fmt_cell
    env.filters["data_uri"] = _data_uri
    env.tests["number"] = _is_number
    return env.get_template(TEMPLATE).render(
        meta=meta,
        results=results,
        headlines=headline_rows(results),
        failed=[r for r in results if r.status != "ok"],
    )


def summary_text(results: list[SectionResult]) -> str:
    """The summary table as Markdown, for the terminal and for pasting into an issue note."""
    lines = ["| Section | Measure | brief | Baseline | Note |", "|---|---|---|---|---|"]
    for title, h in headline_rows(results):
        cells = [title, h.measure, h.value, h.baseline, h.note]
        cells = [c.replace("|", "\\|").replace("\n", " ") for c in cells]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def _write(path: Path, text: str) -> None:
    # Write then rename, so a reader never sees half a report.
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(text, encoding="utf-8")
    tmp.replace(path)


def write_results(folder: Path, meta: RunMeta, results: list[SectionResult]) -> Path:
    """Write results.json, report.html and summary.md into `folder`; return the report's path."""
    folder.mkdir(parents=True, exist_ok=True)
    meta.section_seconds = {r.name: round(r.seconds, 3) for r in results}
    _write(folder / "results.json", results_json(meta, results))
    _write(folder / "summary.md", summary_text(results) + "\n")
    report = folder / "report.html"
    _write(report, render_html(meta, results))
    return report


__all__ = [
    "RunMeta",
    "SectionResult",
    "collect_meta",
    "fmt_cell",
    "render_html",
    "results_json",
    "summary_text",
    "write_results",
]
