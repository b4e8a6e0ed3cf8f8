"""What every benchmark section returns, and small helpers they share.

Each section module exposes `run(quick: bool) -> Section`. The harness (`python -m bench`) runs
them all, writes bench/results/results.json and report.html.
"""

from __future__ import annotations

import io
import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus"
RESULTS = ROOT / "bench" / "results"


@dataclass
class Table:
    title: str
    columns: list[str]
    rows: list[list[Any]]
    note: str = ""


@dataclass
class Plot:
    title: str
    png: bytes


@dataclass
class Headline:
    """One row of the report's summary table: a measure, our figure and what it is compared to."""

    measure: str
    value: str
    baseline: str = ""
    note: str = ""


@dataclass
class Section:
    name: str
    title: str
    figures: dict[str, Any] = field(default_factory=dict)
    tables: list[Table] = field(default_factory=list)
    plots: list[Plot] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    headlines: list[Headline] = field(default_factory=list)


def figure_png(fig: Figure) -> bytes:
    """A matplotlib figure as PNG bytes (for `Plot.png`)."""
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=144, bbox_inches="tight")
    return buf.getvalue()


def new_figure(width: float = 7.0, height: float = 3.5) -> tuple[Figure, Axes]:
    """A figure with one axes, outside pyplot so no GUI backend or global state is involved."""
    from matplotlib.figure import Figure

    fig = Figure(figsize=(width, height), layout="constrained")
    return fig, fig.add_subplot()


def median_time(fn: Callable[[], object], repeats: int) -> float:
    """Median wall time of `repeats` calls of `fn`, in seconds."""
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)
