"""Speed: `brief run seeds/` against a bare WeasyPrint render of the same HTML, as ratios.

Both sides are measured in this run on this machine, each the median of several runs: once as
fresh processes (what a user waits for) and once in-process with imports warm (the work itself).
"""

from __future__ import annotations

import datetime as dt
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from bench.common import ROOT, Headline, Plot, Section, Table, figure_png, new_figure

SEEDS = ROOT / "seeds"
DATE = dt.date(2026, 1, 1)  # fixed, so every run writes OUT/2026-01-01/
BARE_SCRIPT = (
    "import sys, pathlib, weasyprint; "
    "weasyprint.HTML(string=pathlib.Path(sys.argv[1]).read_text()).write_pdf(sys.argv[2])"
)


@dataclass
class Timings:
    """Wall seconds of each repeat of one measured thing."""

    label: str
    runs: list[float]

    @property
    def median(self) -> float:
        return statistics.median(self.runs)


def _timed(label: str, cmd: list[str], cwd: Path) -> float:
    start = time.perf_counter()
    done = subprocess.run(cmd, cwd=cwd, capture_output=True, text=True)
    seconds = time.perf_counter() - start
    if done.returncode != 0:
        output = (done.stderr or done.stdout).strip()
        last = output.splitlines()[-1] if output else "no output"
        raise RuntimeError(f"{label} exited {done.returncode}: {last}\n{output[-3000:]}")
    return seconds


def time_processes(work: Path, repeats: int) -> tuple[Timings, Timings, Path]:
    """`brief run seeds` and a bare render of its HTML, each a fresh process, taken in turns.

    Alternating the two spreads any slowdown of a shared machine over both sides of the ratio.
    """
    html = work / "cli0" / DATE.isoformat() / "brief.html"
    cli: list[float] = []
    bare: list[float] = []
    for i in range(repeats):
        cmd = [sys.executable, "-m", "brief", "run", str(SEEDS), "--out", str(work / f"cli{i}")]
        cmd += ["--engine", "extractive", "--date", DATE.isoformat(), "--quiet"]
        # cwd=work: a brief.toml in the project folder must not change what is measured.
        cli.append(_timed("brief run", cmd, cwd=work))
        if not html.is_file():
            raise RuntimeError(f"`brief run` exited 0 but wrote no {html}")
        cmd = [sys.executable, "-c", BARE_SCRIPT, str(html), str(work / "bare.pdf")]
        bare.append(_timed("bare WeasyPrint render", cmd, cwd=work))
    return (
        Timings("brief run seeds/ (fresh process)", cli),
        Timings("bare WeasyPrint render (fresh process)", bare),
        html,
    )


def time_pipeline(work: Path, repeats: int) -> tuple[Timings, dict[str, float]]:
    """`run_brief()` in this process after one warm-up run; median seconds per stage too."""
    from brief.pipeline import run_brief
    from brief.settings import Settings

    settings = Settings(input_dir=SEEDS, out=work / "inproc", engine="extractive")
    run_brief(settings, today=DATE)  # warm-up: imports, font cache
    runs: list[float] = []
    stages: dict[str, list[float]] = {}
    for _ in range(repeats):
        start = time.perf_counter()
        result = run_brief(settings, today=DATE)
        runs.append(time.perf_counter() - start)
        for name, seconds in result.report.timings.items():
            stages.setdefault(name, []).append(seconds)
    if not stages:
        raise RuntimeError("run_brief() reported no stage timings in run.json")
    medians = {name: statistics.median(values) for name, values in stages.items()}
    return Timings("run_brief() in-process", runs), medians


def time_bare(html: str, repeats: int) -> Timings:
    """`weasyprint.HTML(string=html).write_pdf()` in this process, after one warm-up render."""
    import weasyprint

    def render() -> None:
        weasyprint.HTML(string=html).write_pdf()

    render()
    runs = []
    for _ in range(repeats):
        start = time.perf_counter()
        render()
        runs.append(time.perf_counter() - start)
    return Timings("bare WeasyPrint render in-process", runs)


def _stage_plot(stages: dict[str, float], pipeline: Timings, bare: Timings) -> bytes:
    fig, ax = new_figure(7.5, 2.4)
    left = 0.0
    colors = ["#1f5f99", "#4c8fc7", "#7fb3de", "#e08a2c", "#c0504d", "#8064a2", "#4bacc6"]
    parts = [*stages.items(), ("other", max(pipeline.median - sum(stages.values()), 0.0))]
    for i, (name, seconds) in enumerate(parts):
        color = "#bbbbbb" if name == "other" else colors[i % len(colors)]
        ax.barh(1, seconds, left=left, color=color, edgecolor="white", label=name)
        left += seconds
    ax.barh(0, bare.median, color="#555555", edgecolor="white")
    ax.set_yticks([1, 0], ["run_brief()", "bare render"])
    ax.set_xlabel("seconds, median (in-process, imports warm)")
    ax.legend(ncols=len(parts), loc="lower center", bbox_to_anchor=(0.5, 1.0), frameon=False)
    ax.spines[["top", "right"]].set_visible(False)
    return figure_png(fig)


def _row(t: Timings, baseline: Timings) -> list[object]:
    spread = f"{min(t.runs):.2f}–{max(t.runs):.2f}"
    return [t.label, t.median, spread, f"{t.median / baseline.median:.2f}×"]


def run(quick: bool) -> Section:
    """Time the brief of seeds/ and a bare render of its HTML, end to end and in-process."""
    repeats = 3 if quick else 7
    with tempfile.TemporaryDirectory(prefix="bench-speed-") as tmp:
        work = Path(tmp)
        cli, bare_process, html_file = time_processes(work, repeats)
        pipeline, stages = time_pipeline(work, repeats)
        bare = time_bare(html_file.read_text(encoding="utf-8"), repeats)

    ratio_process = cli.median / bare_process.median
    ratio_inprocess = pipeline.median / bare.median
    total = pipeline.median
    shares = {name: seconds / total for name, seconds in stages.items()}
    largest = max(stages, key=lambda name: stages[name])
    # What a fresh process pays on top of the work itself: interpreter start, imports, output.
    startup = max(cli.median - pipeline.median, 0.0)

    section = Section(name="speed", title="Speed: brief run vs a bare WeasyPrint render")
    section.figures = {
        "repeats": repeats,
        "articles": sorted(p.name for p in SEEDS.iterdir() if p.is_file()),
        "cli_seconds": cli.runs,
        "cli_median": cli.median,
        "bare_process_seconds": bare_process.runs,
        "bare_process_median": bare_process.median,
        "ratio_process": ratio_process,
        "startup_seconds": startup,
        "startup_share": startup / cli.median,
        "pipeline_seconds": pipeline.runs,
        "pipeline_median": pipeline.median,
        "bare_seconds": bare.runs,
        "bare_median": bare.median,
        "ratio_inprocess": ratio_inprocess,
        "stage_seconds": stages,
        "stage_shares": shares,
    }
    section.headlines = [
        Headline(
            "brief run seeds/ ÷ bare WeasyPrint render (fresh processes)",
            f"{ratio_process:.2f}×",
            f"bare render = 1× ({bare_process.median:.2f} s here)",
            f"median of {repeats} runs each; start-up and imports are "
            f"{startup / cli.median:.0%} of the run",
        ),
        Headline(
            "run_brief() ÷ bare render, in-process",
            f"{ratio_inprocess:.2f}×",
            f"bare render = 1× ({bare.median:.2f} s here)",
            f"largest stage: {largest} ({shares[largest]:.0%} of the run)",
        ),
    ]
    section.tables = [
        Table(
            title=f"Wall time, median of {repeats} runs",
            columns=["What", "Median s", "Range s", "÷ bare render"],
            rows=[
                _row(cli, bare_process),
                [
                    f"… of which start-up and imports ({startup / cli.median:.0%}): "
                    "fresh process − in-process run",
                    startup,
                    "",
                    "",
                ],
                _row(bare_process, bare_process),
                _row(pipeline, bare),
                _row(bare, bare),
            ],
            note="Fresh-process rows are compared with each other, in-process rows likewise.",
        ),
        Table(
            title="Where run_brief() spends its time (in-process, median per stage)",
            columns=["Stage", "Median s", "Share of the run", "÷ bare render"],
            rows=[
                [name, seconds, f"{shares[name]:.0%}", f"{seconds / bare.median:.2f}×"]
                for name, seconds in stages.items()
            ]
            + [["whole run", total, "100%", f"{ratio_inprocess:.2f}×"]],
            note="Stage times are the ones run_brief() records in run.json; the rest of the "
            "run (lock, bookkeeping) is the difference between their sum and the whole run.",
        ),
    ]
    section.plots = [
        Plot(
            "Stages of run_brief() on seeds/ beside a bare WeasyPrint render of the same HTML",
            _stage_plot(stages, pipeline, bare),
        )
    ]
    section.notes = [
        f"Input: the {len(section.figures['articles'])} files of seeds/, embedded engine "
        f"(--engine extractive), date fixed to {DATE}, output in a temporary folder.",
        "Fresh process: `python -m brief run seeds --quiet` timed from spawn to exit, against a "
        "fresh `python -c` that imports WeasyPrint and calls "
        "weasyprint.HTML(string=html).write_pdf() on the brief.html that run wrote. Both pay "
        "interpreter start and imports; that is what a user waits for.",
        "In-process: brief.pipeline.run_brief() and the bare render, each after one untimed "
        "warm-up call so imports and font caches are loaded; this isolates the work itself.",
        f"Every figure is the median of {repeats} runs; the ratios divide medians measured in "
        "this same run, so they travel between machines better than the seconds do.",
    ]
    return section
