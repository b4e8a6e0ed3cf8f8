"""The command line as an operator's cron job sees it: exit codes, one-line errors, files."""

from __future__ import annotations

import fcntl
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from brief.cli import app

runner = CliRunner()


def _brief(
    *args: str, cwd: Path | None = None, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    full_env = {**os.environ, **(env or {})}
    return subprocess.run(
        [sys.executable, "-m", "brief", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        env=full_env,
        timeout=120,
    )


def test_run_on_seeds_writes_every_file_and_a_summary(seeds: Path, tmp_path: Path) -> None:
    proc = _brief("run", str(seeds), "--out", str(tmp_path), "--date", "2026-11-23")
    assert proc.returncode == 0, proc.stderr
    day = tmp_path / "2026-11-23"
    assert sorted(p.name for p in day.iterdir() if not p.name.startswith(".")) == [
        "brief.html",
        "brief.json",
        "brief.pdf",
        "draft.html",
        "run.json",
    ]
    record = json.loads((day / "brief.json").read_text())
    assert record["schema"] == "brief/1"
    assert record["engine"] == {"name": "extractive", "model": None}
    assert "embedded extractive engine" in proc.stdout
    assert "4 read, 0 skipped" in proc.stdout
    assert str(day) in proc.stdout
    run = json.loads((day / "run.json").read_text())
    assert {"ingest", "condense", "verify", "render", "write"} <= set(run["timings"])
    assert [r["path"] for r in run["read"]] == sorted(p.name for p in seeds.iterdir())


def test_every_citation_is_found_at_its_line_in_its_source(seeds: Path, tmp_path: Path) -> None:
    result = runner.invoke(
        app, ["run", str(seeds), "--out", str(tmp_path), "--date", "2026-11-23", "-q"]
    )
    assert result.exit_code == 0, result.output
    record = json.loads((tmp_path / "2026-11-23" / "brief.json").read_text())
    citations = [c for p in record["points"] for c in p["citations"]]
    citations += record["bottom_line"]["citations"]
    # a reader meets the citation numbers ascending: bottom line, then sections as printed
    order = ["decision", "reaction", "open_question", "context"]
    printed = sorted(record["points"], key=lambda p: (order.index(p["kind"]), p["rank"]))
    seen: list[int] = []
    for c in record["bottom_line"]["citations"] + [c for p in printed for c in p["citations"]]:
        if c["n"] not in seen:
            seen.append(c["n"])
    assert seen == list(range(1, len(seen) + 1))
    assert len(citations) >= 5
    for c in citations:
        lines = (seeds / c["source"]).read_text(encoding="utf-8").splitlines()
        folded = " ".join(lines[c["line"] - 1].split())
        # the cited sentence starts on that line (the seeds keep a paragraph on one line)
        assert c["text"][:30] in folded, (c, folded)


def test_python_dash_m_shows_help_with_examples() -> None:
    proc = _brief("run", "--help")
    assert proc.returncode == 0
    assert "Example" in proc.stdout
    assert "--page-size" in proc.stdout


@pytest.mark.parametrize(
    ("args", "code", "words"),
    [
        (["run", "{tmp}/missing"], 66, "not found"),
        (["run", "{tmp}/empty"], 66, "no usable article"),
        (["run", "{seeds}", "--engine", "llm"], 78, "OPENAI_API_KEY"),
        (["run", "{seeds}", "--date", "23/11/2026"], 2, "date"),
        (["run", "{seeds}", "--format", "docx"], 2, "html"),
        (["run", "{seeds}", "--page-size", "A3"], 2, "A4"),
        (["run", "{seeds}", "--engine", "gpt"], 2, "extractive"),
        (["run", "{seeds}", "--templates", "{tmp}/empty"], 78, "brief.html.j2"),
    ],
)
def test_user_mistakes_exit_with_their_code_and_one_line(
    args: list[str], code: int, words: str, seeds: Path, tmp_path: Path
) -> None:
    (tmp_path / "empty").mkdir()
    full = [a.format(tmp=tmp_path, seeds=seeds) for a in args] + ["--out", str(tmp_path / "out")]
    result = runner.invoke(app, full)
    assert result.exit_code == code, result.output
    assert words in result.output
    # a user mistake ends in an exit code, never in an exception (a traceback)
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert not list(tmp_path.glob("out/**/brief.*"))


def test_bad_brief_toml_exits_78_naming_the_file(seeds: Path, tmp_path: Path) -> None:
    config = tmp_path / "brief.toml"
    config.write_text("engine = [unclosed\n")
    result = runner.invoke(
        app, ["run", str(seeds), "--out", str(tmp_path)], env={"BRIEF_CONFIG": str(config)}
    )
    assert result.exit_code == 78
    assert "brief.toml" in result.output


def test_a_second_run_while_one_holds_the_lock_exits_75(seeds: Path, tmp_path: Path) -> None:
    tmp_path.mkdir(exist_ok=True)
    with (tmp_path / ".brief.lock").open("a") as held:
        fcntl.flock(held, fcntl.LOCK_EX | fcntl.LOCK_NB)
        result = runner.invoke(app, ["run", str(seeds), "--out", str(tmp_path), "-q"])
    assert result.exit_code == 75
    assert "lock" in result.output
    assert list(tmp_path.iterdir()) == [tmp_path / ".brief.lock"]


def test_rerun_replaces_outputs_and_format_limits_files(seeds: Path, tmp_path: Path) -> None:
    args = ["run", str(seeds), "--out", str(tmp_path), "--date", "2026-11-23", "-q"]
    assert runner.invoke(app, [*args, "--format", "html"]).exit_code == 0
    # a narrower rerun leaves no file of the earlier run beside its own
    assert runner.invoke(app, [*args, "--format", "json"]).exit_code == 0
    day = tmp_path / "2026-11-23"
    assert sorted(p.name for p in day.iterdir() if not p.name.startswith(".")) == [
        "brief.json",
        "run.json",
    ]
    first = (day / "brief.json").read_text()
    assert json.loads(first)["fingerprint"]
    assert runner.invoke(app, [*args, "--format", "json"]).exit_code == 0
    assert (day / "brief.json").read_text() == first  # deterministic rerun
    assert not [p for p in day.iterdir() if p.name.endswith(".tmp")]


def test_without_a_terminal_each_stage_is_logged_to_stderr(seeds: Path, tmp_path: Path) -> None:
    proc = _brief("run", str(seeds), "--out", str(tmp_path))
    assert proc.returncode == 0, proc.stderr
    stages = [line.split("brief: ", 1)[1] for line in proc.stderr.splitlines()]
    assert stages[0] == "Reading articles"
    assert "Fitting the brief on one page" in stages
    assert stages[-1] == "Writing files"


def test_version_and_top_level_help() -> None:
    result = runner.invoke(app, ["--version"])
    assert result.exit_code == 0
    assert result.output.strip() == "brief 0.1.0"
    assert "75 retry later" in runner.invoke(app, ["--help"]).output


def test_an_output_folder_inside_the_input_is_never_read_back(seeds: Path, tmp_path: Path) -> None:
    news = tmp_path / "news"
    shutil.copytree(seeds, news)
    args = ["run", str(news), "--out", str(news / "briefs"), "-q"]
    assert runner.invoke(app, [*args, "--date", "2026-11-22"]).exit_code == 0
    result = runner.invoke(app, [*args, "--date", "2026-11-23"])
    assert result.exit_code == 0, result.output
    run = json.loads((news / "briefs" / "2026-11-23" / "run.json").read_text())
    assert len(run["read"]) == 4
    assert {"path": "briefs/", "reason": "the output folder, not read"} in run["skipped"]


def test_stale_days_sets_when_a_source_counts_as_stale(tmp_path: Path) -> None:
    news = tmp_path / "news"
    news.mkdir()
    (news / "council.txt").write_text(
        "Council approves budget\nDate: 2026-11-01\n\n"
        "The city council approved a $5 million budget on Monday.\n"
        'Mayor Jane Doe said: "This is a good day for the city."\n'
    )

    def flags(*extra: str) -> dict[str, int]:
        args = ["run", str(news), "--out", str(tmp_path / "out"), "--date", "2026-11-23", "-q"]
        result = runner.invoke(app, [*args, *extra])
        assert result.exit_code == 0, result.output
        run = json.loads((tmp_path / "out" / "2026-11-23" / "run.json").read_text())
        return dict(run["flags"])

    assert "stale" not in flags()
    assert flags("--stale-days", "7").get("stale", 0) >= 1
