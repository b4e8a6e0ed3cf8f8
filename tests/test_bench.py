"""The benchmark harness: every section runs, failures are reported, the report is written."""

from __future__ import annotations

import json
import subprocess
import sys
import types
from pathlib import Path

import pytest
from markupsafe import escape

from bench.__main__ import SECTIONS, run_section
from bench.common import ROOT, Headline, Section, Table
from bench.report import collect_meta, write_results


def _bench(*args: str, timeout: float) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "bench", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=timeout,
    )


def test_missing_section_fails_the_run_but_the_report_is_written(tmp_path: Path) -> None:
    done = _bench("--only", "no_such_section", "--results", str(tmp_path), timeout=60)

    assert done.returncode == 1
    assert "FAILED sections: no_such_section" in done.stderr
    results = json.loads((tmp_path / "results.json").read_text())
    section = results["sections"]["no_such_section"]
    assert section["status"] == "failed"
    assert "No module named 'bench.no_such_section'" in section["error"]
    assert results["meta"]["quick"] is False
    report = (tmp_path / "report.html").read_text()
    assert "1 of 1 sections failed" in report
    assert "No module named" in report


def _good(quick: bool) -> Section:
    return Section(
        name="good",
        title="A section that works",
        figures={"ratio": 2.5},
        tables=[Table("Timings <all>", ["What", "Seconds"], [["<b>run</b>", 12345.0]])],
        notes=["measured with a stopwatch"],
        headlines=[Headline("run ÷ baseline", "2.50×", "baseline = 1×")],
    )


def _boom(quick: bool) -> Section:
    raise ValueError("corpus split 'test' is empty")


def test_a_section_that_raises_is_failed_and_the_others_still_reported(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for name, fn in (("good", _good), ("boom", _boom)):
        module = types.ModuleType(f"bench.{name}")
        module.run = fn  # type: ignore[attr-defined]
        monkeypatch.setitem(sys.modules, f"bench.{name}", module)

    results = [run_section("good", quick=True), run_section("boom", quick=True)]
    report = write_results(tmp_path, collect_meta(quick=True), results)

    assert [r.status for r in results] == ["ok", "failed"]
    assert results[1].error == "ValueError: corpus split 'test' is empty"
    figures = json.loads((tmp_path / "results.json").read_text())
    assert figures["sections"]["good"]["figures"] == {"ratio": 2.5}
    assert figures["sections"]["good"]["headlines"][0]["value"] == "2.50×"
    html = report.read_text()
    assert "A section that works" in html
    assert "2.50×" in html  # the headline reaches the summary table
    assert "12,345" in html  # numbers are formatted for reading
    assert "&lt;b&gt;run&lt;/b&gt;" in html  # autoescaped
    assert "corpus split &#39;test&#39; is empty" in html
    assert "| boom | section failed | FAILED |" in (tmp_path / "summary.md").read_text()


@pytest.mark.bench
def test_quick_benchmark_runs_every_section(tmp_path: Path) -> None:
    done = _bench("--quick", "--results", str(tmp_path), timeout=600)

    results = json.loads((tmp_path / "results.json").read_text())
    statuses = {name: s["status"] for name, s in results["sections"].items()}
    errors = {name: s["error"] for name, s in results["sections"].items() if s["error"]}
    assert statuses == dict.fromkeys(SECTIONS, "ok"), errors
    assert done.returncode == 0, done.stderr[-2000:]
    # its wall time is reported (results.json meta), not asserted: timings vary with load
    assert results["meta"]["wall_seconds"] > 0
    report = (tmp_path / "report.html").read_text()
    for section in results["sections"].values():
        assert str(escape(section["title"])) in report
