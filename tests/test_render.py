"""brief.render: the subscriber page and the editors' draft, as HTML (no PDF here)."""

from __future__ import annotations

import datetime as dt
import re
import shutil
import subprocess
import sys
import zipfile
from html import unescape
from pathlib import Path

import pytest

from brief import assets
from brief.errors import ConfigError
from brief.models import (
    BottomLine,
    Brief,
    Citation,
    CutPoint,
    EngineInfo,
    Flag,
    Point,
    PointKind,
    Source,
)
from brief.render import render_html

# Briefs are built by hand here (the engine is tested elsewhere); test_pdf.py uses them too.

SOURCES = [
    Source(n=1, path="001_guardian.txt", title="Britain clears long-range strikes", outlet="Daily"),
    Source(n=2, path="002_wire.txt", title="Kyiv fires British missiles at depot", outlet="Wire"),
    Source(n=3, path="003_blog.txt", title="What the decision means", outlet=None),
]

POINTS: list[tuple[PointKind, str, str | None, str | None]] = [
    ("decision", "The defence ministry approved strikes on military targets in Kursk.", None, None),
    (
        "reaction",
        "Maria Ortega said the move was a turning point.",
        "Maria Ortega",
        "a turning point",
    ),
    (
        "open_question",
        "Whether Washington follows with its own missiles remains unclear.",
        None,
        None,
    ),
    ("context", "The missile has a range of about 250 km and costs 790,000 pounds.", None, None),
]


def cite(n: int, source: int, line: int, text: str | None = None) -> Citation:
    return Citation(
        n=n,
        source=SOURCES[source - 1].path,
        sentence=f"a{source}.s{line}",
        line=line,
        text=text or f"Sentence {n} as it stands in the file.",
    )


def make_brief(
    points: list[Point] | None = None,
    *,
    bottom: str = "Britain let Kyiv strike inside Russia and Kyiv fired within days.",
    engine: EngineInfo | None = None,
    cut: list[CutPoint] | None = None,
) -> Brief:
    """A small brief: a bottom line citing 1-2 and four points (one per kind) citing 3-7."""
    if points is None:
        points = [
            Point(
                id=f"p{i}",
                rank=i,
                kind=kind,
                text=text,
                speaker=speaker,
                quote=quote,
                citations=[cite(i + 2, 1 + (i % 3), 10 + i)],
            )
            for i, (kind, text, speaker, quote) in enumerate(POINTS, start=1)
        ]
    return Brief(
        title="Britain lets Ukraine strike inside Russia",
        date=dt.date(2026, 11, 23),
        engine=engine or EngineInfo(name="extractive"),
        bottom_line=BottomLine(text=bottom, citations=[cite(1, 1, 3), cite(2, 2, 5)]),
        points=points,
        sources=SOURCES,
        cut=cut or [],
    )


def long_points(count: int) -> list[Point]:
    """`count` long points, ranked 1..count, citing numbers in rank order (as assemble does)."""
    kinds: list[PointKind] = ["decision", "reaction", "open_question", "context"]
    body = (
        "Officials in the capital confirmed on Wednesday that the approval covers military "
        "targets only and that the first strikes were carried out within forty-eight hours, "
        "according to three people briefed on the operation who spoke on condition of anonymity."
    )
    return [
        Point(
            id=f"p{r}",
            rank=r,
            kind=kinds[r % 4],
            text=f"Point number {r}. {body}",
            citations=[cite(2 + r, 1 + r % 3, 10 + r)],
            flags=[Flag(code="single_source", detail="only one source")],
        )
        for r in range(1, count + 1)
    ]


def text_of(html: str) -> str:
    """The page's visible text, tags stripped and whitespace folded (good enough for asserts)."""
    body = re.sub(r"<style.*?</style>", " ", html, flags=re.S)
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", body)).split())


def test_sections_follow_the_bottom_line_in_order_and_empty_ones_are_left_out() -> None:
    brief = make_brief()
    no_reactions = [p for p in brief.points if p.kind != "reaction"]
    text = text_of(render_html(brief.model_copy(update={"points": no_reactions})))

    order = [text.index(h) for h in ("Bottom line", "Decisions", "Open questions", "Key facts")]
    assert order == sorted(order)
    assert "Reactions" not in text
    assert "Britain let Kyiv strike inside Russia" in text
    assert "Monday 23 November 2026" in text


def test_header_names_the_engine() -> None:
    extractive = text_of(render_html(make_brief()))
    llm = text_of(render_html(make_brief(engine=EngineInfo(name="llm", model="gpt-4.1-mini"))))

    assert "embedded extractive engine" in extractive
    assert "LLM: gpt-4.1-mini" in llm
    assert "extractive" not in llm


def test_reaction_names_the_speaker_and_keeps_the_quote_verbatim() -> None:
    point = Point(
        id="p1",
        rank=1,
        kind="reaction",
        text="The minister welcomed the decision.",
        speaker="Maria Ortega",
        quote="We have waited far too long for this",
        citations=[cite(3, 1, 4)],
    )
    text = text_of(render_html(make_brief([point])))

    assert "Maria Ortega:" in text
    assert "The minister welcomed the decision. We have waited far too long for this" in text


def test_superscripts_and_sources_list_each_citation_with_its_file_and_line() -> None:
    html = render_html(make_brief())
    text = text_of(html)

    assert '<sup class="cite"><a href="#c1">1</a>,<a href="#c2">2</a></sup>' in html
    for source in SOURCES:
        assert source.path in text and source.title in text
    # bottom line cites S1 line 3 and S2 line 5; point 1 (n=3) cites S2 line 11
    for note in ("1 S1 line 3", "2 S2 line 5", "3 S2 line 11"):
        assert note in text


def test_subscriber_sources_list_only_files_the_page_cites() -> None:
    only_first = make_brief().points[:1]  # cites S2; the bottom line cites S1 and S2
    text = text_of(render_html(make_brief(only_first)))

    assert "001_guardian.txt" in text and "002_wire.txt" in text
    assert "003_blog.txt" not in text


def test_article_text_is_escaped_never_markup() -> None:
    hostile = '<img src="file:///etc/passwd"> <script>alert(1)</script>'
    point = Point(
        id="p1",
        rank=1,
        kind="reaction",
        text=f"He said {hostile}",
        speaker="<b>Mallory</b>",
        quote=hostile,
        citations=[cite(3, 1, 4, text=hostile)],
        flags=[Flag(code="misquote", detail=hostile)],
    )
    brief = make_brief([point], bottom=hostile)
    brief.sources[0] = brief.sources[0].model_copy(update={"title": hostile})
    for variant in ("subscriber", "draft"):
        html = render_html(brief, variant=variant)
        assert "<script" not in html and "<img" not in html and "<b>Mallory" not in html
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_page_is_self_contained_with_the_requested_page_size() -> None:
    a4 = render_html(make_brief())
    letter = render_html(make_brief(), page_size="Letter")

    assert "@page { size: A4 portrait; }" in a4
    assert "@page { size: Letter portrait; }" in letter
    assert (assets.templates_dir() / "brief.css").read_text().strip()[:40] in a4
    assert not re.search(r"<link|<script|src=|url\(", a4)


def test_draft_shows_flags_cited_sentences_and_cut_points_that_the_subscriber_page_hides() -> None:
    flagged = (
        make_brief()
        .points[0]
        .model_copy(
            update={"flags": [Flag(code="single_source", detail="only Wire reports the approval")]}
        )
    )
    cut = CutPoint(
        id="p9",
        rank=9,
        kind="context",
        text="A claim the editors dropped.",
        citations=[cite(9, 3, 40, text="The blog's sentence on line forty.")],
        flags=[Flag(code="unsupported", detail="no cited sentence says so")],
        reason="flagged unsupported",
    )
    brief = make_brief([flagged, *make_brief().points[1:]], cut=[cut])
    draft = text_of(render_html(brief, variant="draft"))
    subscriber = text_of(render_html(brief))

    for shown in (
        "single source",
        "only Wire reports the approval",
        "[3] 002_wire.txt, line 11",
        "Sentence 3 as it stands in the file.",
        "A claim the editors dropped.",
        "flagged unsupported",
        "no cited sentence says so",
        "The blog's sentence on line forty.",
    ):
        assert shown in draft, shown
        assert shown not in subscriber, shown


def test_user_templates_dir_is_used(tmp_path: Path) -> None:
    mine = tmp_path / "t"
    shutil.copytree(assets.templates_dir(), mine)
    css = mine / "brief.css"
    css.write_text(css.read_text() + "\n/* house style 7f3a */\n")

    assert "house style 7f3a" in render_html(make_brief(), templates_dir=mine)


@pytest.mark.parametrize(
    ("broken", "message"),
    [
        ("{{ brief.no_such_field }}", "brief.html.j2, line 5"),
        ("{% if %}", "brief.html.j2, line 5"),
    ],
)
def test_template_error_is_a_config_error_naming_file_and_line(
    tmp_path: Path, broken: str, message: str
) -> None:
    mine = tmp_path / "t"
    shutil.copytree(assets.templates_dir(), mine)
    page = mine / "brief.html.j2"
    lines = page.read_text().splitlines()
    lines.insert(4, broken)  # becomes line 5, inside the body block
    page.write_text("\n".join(lines) + "\n")

    with pytest.raises(ConfigError) as caught:
        render_html(make_brief(), templates_dir=mine)
    assert message in caught.value.message
    assert caught.value.exit_code == 78


def test_missing_template_is_a_config_error(tmp_path: Path) -> None:
    mine = tmp_path / "t"
    shutil.copytree(assets.templates_dir(), mine)
    (mine / "draft.html.j2").unlink()

    with pytest.raises(ConfigError, match=r"draft\.html\.j2"):
        render_html(make_brief(), variant="draft", templates_dir=mine)


@pytest.mark.parametrize("missing", assets.REQUIRED)
def test_check_templates_names_the_folder_and_the_missing_file(
    tmp_path: Path, missing: str
) -> None:
    mine = tmp_path / "house"
    shutil.copytree(assets.templates_dir(), mine)
    (mine / missing).unlink()

    with pytest.raises(ConfigError) as caught:
        assets.check_templates(mine)
    assert f"templates folder {mine} lacks {missing}" in caught.value.message
    assert caught.value.exit_code == 78


def test_check_templates_follows_extends_and_imports(tmp_path: Path) -> None:
    mine = tmp_path / "house"
    shutil.copytree(assets.templates_dir(), mine)
    assets.check_templates(mine)  # a full copy is fine
    (mine / "macros.j2").unlink()  # imported by base.html.j2, which both pages extend

    with pytest.raises(ConfigError, match=r"lacks macros\.j2 \(used by base\.html\.j2\)"):
        assets.check_templates(mine)


def test_check_templates_reports_a_syntax_error_and_a_missing_folder(tmp_path: Path) -> None:
    mine = tmp_path / "house"
    shutil.copytree(assets.templates_dir(), mine)
    draft = mine / "draft.html.j2"
    draft.write_text(draft.read_text() + "\n{% if %}\n")
    lines = len(draft.read_text().splitlines())

    with pytest.raises(ConfigError, match=rf"draft\.html\.j2, line {lines}") as caught:
        assets.check_templates(mine)
    assert caught.value.exit_code == 78
    with pytest.raises(ConfigError, match="templates folder not found"):
        assets.check_templates(tmp_path / "nowhere")


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A real wheel of the project, built offline from a copy (building writes build/)."""
    tree = tmp_path_factory.mktemp("tree")
    source = Path(assets.__file__).resolve().parent.parent
    skip = shutil.ignore_patterns("__pycache__", "*.pyc")
    shutil.copy(source / "pyproject.toml", tree)
    for folder in ("brief", "templates", "prompts"):
        shutil.copytree(source / folder, tree / folder, ignore=skip)
    out = tmp_path_factory.mktemp("wheel")
    pip = [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q"]
    subprocess.run(
        [*pip, "-w", str(out), str(tree)],
        check=True,
        capture_output=True,
    )
    (built,) = out.glob("brief-*.whl")
    return built


def test_every_bundled_template_and_prompt_ships_in_the_wheel(wheel: Path) -> None:
    """pyproject's package-data must cover every file of templates/ and prompts/."""
    names = set(zipfile.ZipFile(wheel).namelist())
    bundled = {
        f"brief/{kind}/{p.name}"
        for kind, folder in (
            ("templates", assets.templates_dir()),
            ("prompts", assets.prompts_dir()),
        )
        for p in folder.iterdir()
        if p.is_file()
    }

    assert {"brief/templates/brief.html.j2", "brief/prompts/system.j2"} <= bundled
    assert bundled <= names


def test_installed_wheel_finds_templates_and_prompts_inside_the_package(
    wheel: Path, tmp_path: Path
) -> None:
    """Installed, there is no source tree: both folders are found under brief/."""
    zipfile.ZipFile(wheel).extractall(tmp_path)
    probe = "from brief import assets; print(assets.templates_dir()); print(assets.prompts_dir())"
    found = subprocess.run(
        [sys.executable, "-c", probe], cwd=tmp_path, capture_output=True, text=True, check=True
    )

    assert [Path(line) for line in found.stdout.split()] == [
        tmp_path / "brief" / "templates",
        tmp_path / "brief" / "prompts",
    ]
