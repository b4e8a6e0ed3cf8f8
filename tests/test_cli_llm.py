"""`brief run --engine llm` as an operator sees it, against a real Chat Completions server."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from typer.testing import CliRunner

from brief.cli import app
from tests.llm_server import ChatServer, Response, completion, error, faithful_answer, fixed

runner = CliRunner()
FAST = {"retry-after-ms": "5"}


def _run(server: ChatServer, seeds: Path, out: Path, *extra: str) -> tuple[int, str]:
    result = runner.invoke(
        app,
        ["run", str(seeds), "--out", str(out), "--date", "2026-11-23", "-q", *extra],
        env={"OPENAI_BASE_URL": server.url, "BRIEF_LLM_TIMEOUT": "5", "BRIEF_LLM_RETRIES": "2"},
    )
    # every outcome is an exit code; an exception here would be a traceback for the operator
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.output


def test_llm_run_writes_the_brief_and_a_rerun_makes_no_call(seeds: Path, tmp_path: Path) -> None:
    with ChatServer(default=faithful_answer) as server:
        code, output = _run(server, seeds, tmp_path)
        assert code == 0, output
        first_calls = len(server.requests)
        assert first_calls >= 1
        record = json.loads((tmp_path / "2026-11-23" / "brief.json").read_text())
        assert record["engine"]["name"] == "llm"
        assert record["usage"]["llm_calls"] == first_calls
        assert f"{first_calls} calls" in output

        code, output = _run(server, seeds, tmp_path)
        assert code == 0, output
        assert len(server.requests) == first_calls  # answered from the cache
        again = json.loads((tmp_path / "2026-11-23" / "brief.json").read_text())
        assert again["points"] == record["points"]
        assert again["usage"]["cache_hit"] is True
        assert "(from cache)" in output


def test_server_errors_that_outlast_retries_exit_75_and_write_nothing(
    seeds: Path, tmp_path: Path
) -> None:
    with ChatServer(default=fixed(error(500, "upstream exploded", **FAST))) as server:
        code, output = _run(server, seeds, tmp_path)
    assert code == 75, output
    assert len(server.requests) == 3  # the first try and two retries
    assert not (tmp_path / "2026-11-23").exists()


def test_a_bad_key_exits_78_with_the_servers_message(seeds: Path, tmp_path: Path) -> None:
    with ChatServer(default=fixed(error(401, "Incorrect API key provided"))) as server:
        code, output = _run(server, seeds, tmp_path)
    assert code == 78, output
    assert "Incorrect API key provided" in output
    assert not (tmp_path / "2026-11-23").exists()


def test_over_budget_refuses_before_sending_anything(seeds: Path, tmp_path: Path) -> None:
    with ChatServer(default=faithful_answer) as server:
        code, output = _run(server, seeds, tmp_path, "--max-input-tokens", "100")
        assert code == 78, output
        assert "nothing was sent" in output
        code, output = _run(server, seeds, tmp_path, "--max-cost", "0.0000001")
        assert code == 78, output
        assert server.requests == []


def test_estimate_prints_tokens_and_cost_without_a_call(seeds: Path) -> None:
    result = runner.invoke(app, ["estimate", str(seeds), "--model", "gpt-4.1-mini"])
    assert result.exit_code == 0, result.output
    assert "gpt-4.1-mini" in result.output
    assert "input   ~" in result.output
    assert "nothing sent" in result.output
    assert "$" in result.output


def test_an_unsupported_bottom_line_never_leads_the_brief(seeds: Path, tmp_path: Path) -> None:
    def invented_bottom_line(body: dict[str, Any]) -> Response:
        answer = json.loads(faithful_answer(body).body["choices"][0]["message"]["content"])
        answer["bottom_line"]["text"] = "Aliens landed in Kyiv and signed a treaty with Mars."
        return completion(json.dumps(answer))

    with ChatServer(default=invented_bottom_line) as server:
        code, output = _run(server, seeds, tmp_path)
    assert code == 0, output
    day = tmp_path / "2026-11-23"
    assert json.loads((day / "brief.json").read_text())["bottom_line"] is None
    assert json.loads((day / "run.json").read_text())["counts"]["bottom_line_dropped_flagged"] == 1
    assert "Aliens" not in (day / "brief.html").read_text()
