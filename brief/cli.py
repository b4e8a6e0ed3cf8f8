"""The command line, the only module importing typer: commands parse options, call one function."""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, ParamSpec, TypeVar

import typer
from rich.console import Console

from brief import __version__, summary
from brief.errors import BriefError
from brief.settings import FORMATS, EngineChoice, PageSize, load_settings

app = typer.Typer(
    name="brief",
    help="Turn a folder of news articles into a one-page brief (HTML, PDF, JSON) where every "
    "point cites the file and sentence it came from. Exit codes: 0 done, 2 bad usage, 65 invalid "
    "data, 66 no usable input, 75 retry later, 78 configuration error.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_show_locals=False,
)
err = Console(stderr=True, highlight=False)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"brief {__version__}")
        raise typer.Exit()


@app.callback()
def _main(
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="Print the version."),
    ] = False,
) -> None:
    """Options that apply before any command (the app's help text is set on `app`)."""


P = ParamSpec("P")
R = TypeVar("R")


def user_errors(fn: Callable[P, R]) -> Callable[P, R]:
    """A BriefError becomes one red line and its exit code; anything else is a bug and says so."""

    @functools.wraps(fn)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return fn(*args, **kwargs)
        except BriefError as exc:
            err.print(f"[bold red]error:[/] {exc.message}", soft_wrap=True)
            raise typer.Exit(exc.exit_code) from None

    return wrapper


def _date(value: str | None) -> dt.date:
    if value is None:
        return dt.date.today()
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise typer.BadParameter(f"{value!r} is not a date like 2026-11-23") from None


def _formats(value: str | None) -> tuple[str, ...] | None:
    if value is None:
        return None
    chosen = tuple(dict.fromkeys(f.strip().lower() for f in value.split(",") if f.strip()))
    unknown = [f for f in chosen if f not in FORMATS]
    if unknown or not chosen:
        raise typer.BadParameter(f"choose among {', '.join(FORMATS)} (e.g. --format html,pdf)")
    return chosen


InputDir = Annotated[
    Path | None,
    typer.Argument(
        help="Folder of articles (.txt, .md, .html). Default: seeds/. Example: brief run news/",
        show_default=False,
    ),
]
StaleDays = Annotated[
    int | None,
    typer.Option(
        help="Flag a source as stale when older than this many days (default 30). Ex: 7",
        show_default=False,
    ),
]
OpinionModelOpt = Annotated[
    bool | None,
    typer.Option(
        "--opinion-model/--no-opinion-model",
        help="Also read opinion with the learned reader (needs: pip install 'brief[model]').",
        show_default=False,
    ),
]
ModelOpt = Annotated[
    str | None,
    typer.Option(
        "--model",
        help="Model for the LLM engine (env BRIEF_MODEL). Example: --model gpt-4.1-mini",
        show_default=False,
    ),
]


@app.command()
@user_errors
def run(
    input_dir: InputDir = None,
    out: Annotated[
        Path | None,
        typer.Option(help="Output root; files go to OUT/<date>/. Example: --out /srv/briefs"),
    ] = None,
    date: Annotated[
        str | None,
        typer.Option(help="Date of the brief (default today). Example: --date 2026-11-23"),
    ] = None,
    engine: Annotated[
        EngineChoice | None,
        typer.Option(
            help="auto (llm when OPENAI_API_KEY or OPENAI_BASE_URL is set, else extractive), "
            "extractive (embedded, offline) or llm. Example: --engine extractive",
        ),
    ] = None,
    format: Annotated[
        str | None,
        typer.Option(
            "--format", help="Files to write, comma-separated. Example: --format html,pdf,json"
        ),
    ] = None,
    page_size: Annotated[
        PageSize | None, typer.Option(help="A4 or Letter. Example: --page-size Letter")
    ] = None,
    model: ModelOpt = None,
    max_cost: Annotated[
        float | None,
        typer.Option(help="Refuse (exit 78, nothing sent) if the estimate is over. Ex: 0.05"),
    ] = None,
    max_input_tokens: Annotated[
        int | None,
        typer.Option(help="Refuse (exit 78, nothing sent) above this many input tokens. Ex: 50000"),
    ] = None,
    keep_flagged: Annotated[
        bool | None,
        typer.Option(
            "--keep-flagged",
            help="Keep points flagged unsupported or misquote in the subscriber brief "
            "(default: they are cut, and listed under cut in brief.json).",
            show_default=False,
        ),
    ] = None,
    stale_days: StaleDays = None,
    opinion_model: OpinionModelOpt = None,
    title: Annotated[
        str | None, typer.Option(help='Title of the brief. Example: --title "Ukraine, day 1000"')
    ] = None,
    templates: Annotated[
        Path | None,
        typer.Option(help="Folder with your own copy of the templates. Example: --templates t/"),
    ] = None,
    quiet: Annotated[
        bool, typer.Option("--quiet", "-q", help="No progress, summary only. Example: -q")
    ] = False,
) -> None:
    """Make the brief of INPUT_DIR into OUT/<date>/: brief.html, brief.pdf, brief.json, run.json.

    Example: brief run seeds --engine extractive --page-size Letter
    """
    from brief.pipeline import run_brief

    settings = load_settings(
        input_dir=input_dir,
        out=out,
        engine=engine,
        formats=_formats(format),
        page_size=page_size,
        model=model,
        max_cost=max_cost,
        max_input_tokens=max_input_tokens,
        keep_flagged=keep_flagged,
        stale_days=stale_days,
        opinion_model=opinion_model,
        title=title,
        templates=templates,
    )
    today = _date(date)
    console = Console(stderr=True, quiet=quiet, highlight=False)
    if console.is_terminal:
        with console.status("Starting") as status:
            result = run_brief(
                settings, today=today, progress=lambda msg: status.update(f"[bold]{msg}…")
            )
    else:  # cron or a pipe: one timestamped line per stage, for the log
        result = run_brief(settings, today=today, progress=lambda msg: _log(console, msg))
    summary.print_run(result, Console(highlight=False, soft_wrap=True))


def _log(console: Console, message: str) -> None:
    console.print(f"{dt.datetime.now():%Y-%m-%d %H:%M:%S} brief: {message}", soft_wrap=True)


@app.command()
@user_errors
def estimate(input_dir: InputDir = None, model: ModelOpt = None) -> None:
    """Print the tokens a run would send and receive and its cost, before any call.

    Example: brief estimate seeds --model gpt-4.1-mini
    """
    from brief.estimate import estimate as estimate_run
    from brief.ingest import ingest_folder

    settings = load_settings(input_dir=input_dir, model=model)
    ingested = ingest_folder(settings.input_dir, max_bytes=settings.max_file_bytes)
    summary.print_estimate(
        estimate_run(ingested.articles, settings), Console(highlight=False, soft_wrap=True)
    )


@app.command()
@user_errors
def check(
    brief_json: Annotated[
        Path, typer.Argument(help="A brief.json, e.g. out/2026-11-23/brief.json")
    ],
    input_dir: Annotated[
        Path | None,
        typer.Option("--input", help="Folder of the articles it cites. Example: --input seeds"),
    ] = None,
    date: Annotated[
        str | None, typer.Option(help="Date to judge staleness against (default today).")
    ] = None,
    stale_days: StaleDays = None,
    opinion_model: OpinionModelOpt = None,
) -> None:
    """Re-check each point of BRIEF_JSON against its sources (exit 65: unsupported, misquote).

    Flags are written back to BRIEF_JSON; exit 0 when no point is unsupported or misquoted.

    Example: brief check out/2026-11-23/brief.json --input seeds
    """
    from brief.check import check_brief
    from brief.opinion_model import opinion_judge

    settings = load_settings(stale_days=stale_days, opinion_model=opinion_model)
    result = check_brief(
        brief_json,
        input_dir,
        today=_date(date),
        stale_days=settings.stale_days,
        max_bytes=settings.max_file_bytes,
        judge=opinion_judge(settings.opinion_model),
    )
    code = summary.print_check(result, Console(highlight=False, soft_wrap=True))
    raise typer.Exit(code)


def main() -> None:
    """Entry point of the `brief` script and `python -m brief`."""
    app(prog_name="brief")
