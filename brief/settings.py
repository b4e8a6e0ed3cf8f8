"""Settings: command-line option > BRIEF_* environment variable > brief.toml > default.

The OpenAI variables keep their standard names (OPENAI_API_KEY, OPENAI_BASE_URL).
"""

from __future__ import annotations

import hashlib
import os
import tomllib
from pathlib import Path
from typing import Any, Literal

from pydantic import Field, ValidationError
from pydantic_settings import (
    BaseSettings,
    PydanticBaseSettingsSource,
    SettingsConfigDict,
    SettingsError,
    TomlConfigSettingsSource,
)

from brief.errors import ConfigError

EngineChoice = Literal["auto", "extractive", "llm"]
PageSize = Literal["A4", "Letter"]
Format = Literal["html", "pdf", "json"]
FORMATS: tuple[Format, ...] = ("html", "pdf", "json")
DEFAULT_MODEL = "gpt-4.1-mini"
NO_ENDPOINT = (
    "the LLM engine needs an endpoint: set OPENAI_API_KEY (OpenAI) or OPENAI_BASE_URL "
    "(e.g. http://localhost:8000/v1 for vLLM, Ollama or llama.cpp)"
)


def config_file() -> Path:
    """brief.toml in the working directory, or the file named by BRIEF_CONFIG."""
    return Path(os.environ.get("BRIEF_CONFIG", "brief.toml"))


def state_dir() -> Path:
    """Where the LLM cache and other state live; BRIEF_HOME moves all of it."""
    return Path(os.environ.get("BRIEF_HOME", Path.home() / ".cache" / "brief"))


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="BRIEF_", extra="forbid")

    input_dir: Path = Path("seeds")
    out: Path = Path("out")
    engine: EngineChoice = "auto"
    formats: tuple[Format, ...] = Field(FORMATS, min_length=1)
    page_size: PageSize = "A4"
    title: str | None = None
    templates: Path | None = None

    # ingest
    max_file_bytes: int = Field(2_000_000, ge=1_000)

    # LLM step
    model: str = DEFAULT_MODEL
    api_key: str | None = Field(None, validation_alias="OPENAI_API_KEY")
    base_url: str | None = Field(None, validation_alias="OPENAI_BASE_URL")
    max_cost: float | None = None
    max_input_tokens: int | None = None
    llm_timeout: float = 60.0
    llm_deadline: float = 600.0
    llm_retries: int = 2
    concurrency: int = Field(4, ge=1, le=32)
    temperature: float = 0.0
    max_output_tokens: int = 4096
    context_tokens: int | None = Field(
        None, ge=2_000, description="model context window; default from brief/pricing.py"
    )
    cache_dir: Path | None = None

    # verify
    keep_flagged: bool = False
    stale_days: int = 30
    opinion_model: bool = Field(
        False, description="add the learned opinion reader (needs the brief[model] extra)"
    )

    @classmethod
    def settings_customise_sources(
        cls,
        settings_cls: type[BaseSettings],
        init_settings: PydanticBaseSettingsSource,
        env_settings: PydanticBaseSettingsSource,
        dotenv_settings: PydanticBaseSettingsSource,
        file_secret_settings: PydanticBaseSettingsSource,
    ) -> tuple[PydanticBaseSettingsSource, ...]:
        return (
            init_settings,
            env_settings,
            TomlConfigSettingsSource(settings_cls, toml_file=config_file()),
        )

    @property
    def llm_configured(self) -> bool:
        return bool(self.api_key or self.base_url)

    def resolved_engine(self) -> Literal["extractive", "llm"]:
        if self.engine == "auto":
            return "llm" if self.llm_configured else "extractive"
        return self.engine

    def llm_cache_dir(self) -> Path:
        return self.cache_dir or state_dir() / "llm-cache"

    def fingerprint(self, *parts: str) -> str:
        """Hash of the settings that shape a brief, plus any extra parts (prompt files…)."""
        shaping = self.model_dump(
            include={"engine", "model", "base_url", "temperature", "max_output_tokens"}
        )
        blob = repr(sorted(shaping.items())) + "".join(parts)
        return hashlib.sha256(blob.encode()).hexdigest()[:16]


def load_settings(**overrides: Any) -> Settings:
    """Settings from options (None means "not given"), environment and brief.toml."""
    given = {k: v for k, v in overrides.items() if v is not None}
    try:
        return Settings(**given)
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{config_file()}: not valid TOML ({exc}); fix or remove it") from exc
    except OSError as exc:
        raise ConfigError(f"cannot read {config_file()}: {exc.strerror or exc}") from exc
    except SettingsError as exc:
        raise ConfigError(
            f"bad setting: {exc} (BRIEF_* variables holding lists take JSON, "
            'e.g. BRIEF_FORMATS=\'["html","pdf"]\')'
        ) from exc
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"]) or "settings"
        raise ConfigError(
            f"bad setting {where!r}: {first['msg']} (check the option, BRIEF_* variable "
            f"or {config_file()})"
        ) from exc


__all__ = ["FORMATS", "Settings", "load_settings", "state_dir"]
