"""Configuration: option > BRIEF_* variable > brief.toml > default, and clear errors."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from brief.errors import ConfigError
from brief.settings import load_settings


def _toml(text: str | bytes) -> Path:
    path = Path(os.environ["BRIEF_CONFIG"])
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text)
    return path


def test_option_beats_variable_beats_toml_beats_default(monkeypatch: pytest.MonkeyPatch) -> None:
    assert load_settings().page_size == "A4"
    _toml('page_size = "Letter"\nstale_days = 7\n')
    assert load_settings().page_size == "Letter"
    monkeypatch.setenv("BRIEF_PAGE_SIZE", "A4")
    assert load_settings().page_size == "A4"
    assert load_settings(page_size="Letter").page_size == "Letter"
    assert load_settings().stale_days == 7  # untouched keys still come from the file


def test_engine_auto_picks_llm_only_with_an_endpoint(monkeypatch: pytest.MonkeyPatch) -> None:
    assert load_settings().resolved_engine() == "extractive"
    monkeypatch.setenv("OPENAI_BASE_URL", "http://127.0.0.1:9/v1")
    assert load_settings().resolved_engine() == "llm"
    assert load_settings(engine="extractive").resolved_engine() == "extractive"


@pytest.mark.parametrize(
    ("variable", "value", "words"),
    [
        ("BRIEF_FORMATS", "xml", "take JSON"),
        ("BRIEF_FORMATS", '["xml"]', "formats"),
        ("BRIEF_FORMATS", "[]", "formats"),
        ("BRIEF_CONCURRENCY", "0", "concurrency"),
    ],
)
def test_bad_variables_are_config_errors_naming_the_setting(
    monkeypatch: pytest.MonkeyPatch, variable: str, value: str, words: str
) -> None:
    monkeypatch.setenv(variable, value)
    with pytest.raises(ConfigError, match=words):
        load_settings()


@pytest.mark.parametrize("content", ["engine = [unclosed\n", b"title = '\xff\xfe'\n"])
def test_a_broken_brief_toml_is_a_config_error_naming_it(content: str | bytes) -> None:
    path = _toml(content)
    with pytest.raises(ConfigError, match=path.name):
        load_settings()


def test_an_unknown_key_in_brief_toml_is_refused() -> None:
    _toml('enigne = "llm"\n')
    with pytest.raises(ConfigError, match="enigne"):
        load_settings()
