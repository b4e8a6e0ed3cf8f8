"""Where the bundled templates, stylesheet and prompts live, in a source tree or an installed wheel.

`check_templates` vets a user's --templates folder before any work (or LLM cost) is spent.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

import jinja2
from jinja2 import meta

from brief.errors import ConfigError

STYLESHEET = "brief.css"
SUBSCRIBER_TEMPLATE = "brief.html.j2"
DRAFT_TEMPLATE = "draft.html.j2"
# What the renderer opens by name; what these extend, import or include is found by parsing.
REQUIRED = (SUBSCRIBER_TEMPLATE, DRAFT_TEMPLATE, STYLESHEET)
_SOURCE_ROOT = Path(__file__).resolve().parent.parent


def templates_dir() -> Path:
    """The bundled `templates/` folder (package `brief.templates` once installed)."""
    return _bundled("brief.templates", STYLESHEET, _SOURCE_ROOT / "templates")


def prompts_dir() -> Path:
    """The bundled `prompts/` folder (package `brief.prompts` once installed)."""
    return _bundled("brief.prompts", "system.j2", _SOURCE_ROOT / "prompts")


def _bundled(package: str, probe: str, source: Path) -> Path:
    """The folder of `package` if it holds `probe`, else the source tree's folder."""
    try:
        # These packages have no __init__.py, so files() may be a MultiplexedPath; joining a
        # name gives a real file path whose parent is the folder.
        member = resources.files(package) / probe
    except ModuleNotFoundError:
        member = None
    # Jinja's FileSystemLoader and the PDF fetcher need a real folder, not a zip member.
    if isinstance(member, Path) and member.is_file():
        return member.parent
    return source


def check_templates(folder: Path) -> None:
    """ConfigError (78) unless `folder` holds every template the renderer needs, parseable."""
    fix = f"copy the bundled ones from {templates_dir()} and edit them, or drop --templates"
    if not folder.is_dir():
        raise ConfigError(f"templates folder not found: {folder}; {fix}")
    for name in REQUIRED:
        if not (folder / name).is_file():
            raise ConfigError(
                f"templates folder {folder} lacks {name} (it needs {', '.join(REQUIRED)}); {fix}"
            )
    env = jinja2.Environment()  # parsing only: references are checked as files below
    todo = [SUBSCRIBER_TEMPLATE, DRAFT_TEMPLATE]
    done: set[str] = set()
    while todo:
        name = todo.pop()
        if name in done:
            continue
        done.add(name)
        for needed in _references(env, folder, name):
            if not (folder / needed).is_file():
                raise ConfigError(
                    f"templates folder {folder} lacks {needed} (used by {name}); {fix}"
                )
            todo.append(needed)


def _references(env: jinja2.Environment, folder: Path, name: str) -> list[str]:
    """The templates `name` extends, imports or includes by a literal name."""
    try:
        source = (folder / name).read_text(encoding="utf-8")
        tree = env.parse(source, name=name, filename=str(folder / name))
    except jinja2.TemplateSyntaxError as exc:
        raise ConfigError(
            f"template error in {folder / name}, line {exc.lineno}: {exc.message}; "
            f"fix the template in {folder} or drop --templates to use the bundled ones"
        ) from exc
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(
            f"cannot read {folder / name}: {exc}; save it as a UTF-8 text file"
        ) from exc
    # None stands for a name computed at render time: the renderer reports those itself.
    return sorted(ref for ref in meta.find_referenced_templates(tree) if ref is not None)
