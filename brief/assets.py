"""Where the bundled templates and stylesheet live, in a source tree or an installed wheel."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

STYLESHEET = "brief.css"


def templates_dir() -> Path:
    """The bundled `templates/` folder (package `brief.templates` once installed)."""
    try:
        bundled = resources.files("brief.templates")
    except ModuleNotFoundError:
        bundled = None
    # Jinja's FileSystemLoader and the PDF fetcher need a real folder, not a zip member.
    if isinstance(bundled, Path) and (bundled / STYLESHEET).is_file():
        return bundled
    return Path(__file__).resolve().parent.parent / "templates"
