"""Where the bundled templates and stylesheet live, in a source tree or an installed wheel."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

STYLESHEET = "brief.css"


def templates_dir() -> Path:
    """The bundled `templates/` folder (package `brief.templates` once installed)."""
    try:
        # brief.templates has no __init__.py, so files() may be a MultiplexedPath; joining a
        # name gives a real file path whose parent is the folder.
        stylesheet = resources.files("brief.templates") / STYLESHEET
    except ModuleNotFoundError:
        stylesheet = None
    # Jinja's FileSystemLoader and the PDF fetcher need a real folder, not a zip member.
    if isinstance(stylesheet, Path) and stylesheet.is_file():
        return stylesheet.parent
    return Path(__file__).resolve().parent.parent / "templates"
