"""`brief check` end to end on files in tmp_path: an editor edits brief.json by hand."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from brief.check import check_brief
from brief.cli import app
from brief.errors import InvalidDataError, NoInputError
from brief.ingest import ingest_folder
from brief.models import Brief, Citation, EngineInfo, Point, Source

TODAY = dt.date(2026, 11, 23)

ONE = """Council backs bridge plan
Date: 2026-11-20

The council of Brambleton approved $4.2 million for two new bridges on Monday.

“We will start building in spring,” Mayor Ellen Varga said after the vote.
"""
TWO = """Bridges for Brambleton
Date: 2026-11-21

Brambleton's council voted for two bridges costing $4.2 million, officials said.
"""


@pytest.fixture
def made(tmp_path: Path) -> tuple[Path, Path]:
    """An input folder, and out/<date>/brief.json + run.json made from it like `brief run` does."""
    src = tmp_path / "articles"
    src.mkdir()
    (src / "one.txt").write_text(ONE, encoding="utf-8")
    (src / "two.txt").write_text(TWO, encoding="utf-8")
    articles = ingest_folder(src).articles
    one, two = articles

    def cite(n: int, art_index: int, s: int) -> Citation:
        a = articles[art_index]
        sent = a.sentences[s]
        return Citation(n=n, source=a.path, sentence=sent.id, line=sent.line, text=sent.text)

    points = [
        Point(
            id="p1",
            rank=1,
            kind="decision",
            text="Brambleton's council approved $4.2 million for two new bridges.",
            citations=[cite(1, 0, 0), cite(2, 1, 0)],
        ),
        Point(
            id="p2",
            rank=2,
            kind="reaction",
            text="Mayor Ellen Varga: “We will start building in spring.”",
            speaker="Ellen Varga",
            quote="We will start building in spring",
            citations=[cite(1, 0, 1)],
        ),
    ]
    brief = Brief(
        title="Bridges",
        date=TODAY,
        engine=EngineInfo(name="extractive"),
        bottom_line=None,
        points=points,
        sources=[
            Source(n=1, path=one.path, title=one.title, sha256=one.sha256),
            Source(n=2, path=two.path, title=two.title, sha256=two.sha256),
        ],
    )
    out = tmp_path / "out" / TODAY.isoformat()
    out.mkdir(parents=True)
    (out / "brief.json").write_text(brief.to_json(), encoding="utf-8")
    (out / "run.json").write_text(json.dumps({"input_dir": str(src)}), encoding="utf-8")
    return out / "brief.json", src


def edit(path: Path, point: int, **changes: object) -> None:
    """What an editor does: open the JSON, change a field of a point, save."""
    data = json.loads(path.read_text(encoding="utf-8"))
    data["points"][point].update(changes)
    path.write_text(json.dumps(data, indent=2), encoding="utf-8")


def flags_on_disk(path: Path) -> dict[str, list[str]]:
    brief = Brief.model_validate_json(path.read_text(encoding="utf-8"))
    return {p.id: [f.code for f in p.flags] for p in brief.points}


def test_an_untouched_brief_checks_clean(made: tuple[Path, Path]) -> None:
    brief_json, _ = made
    result = check_brief(brief_json, None, today=TODAY)
    assert result.blocking == []
    assert flags_on_disk(brief_json) == {"p1": [], "p2": []}
    assert result.lines()[-1].endswith("no flags")


def test_a_hand_edited_quote_is_flagged_written_back_and_blocks(made: tuple[Path, Path]) -> None:
    brief_json, src = made
    edit(brief_json, 1, quote="We will start building in winter")
    result = check_brief(brief_json, src, today=TODAY)
    assert result.blocking == ["p2"]
    assert flags_on_disk(brief_json)["p2"] == ["misquote"]
    assert any("p2 misquote" in line for line in result.lines())


def test_a_hand_edited_number_is_flagged_but_does_not_block(made: tuple[Path, Path]) -> None:
    brief_json, _ = made
    edit(brief_json, 0, text="Brambleton's council approved $4.5 million for two new bridges.")
    result = check_brief(brief_json, None, today=TODAY)
    assert result.blocking == []
    assert flags_on_disk(brief_json)["p1"] == ["number_mismatch"]


def test_the_citation_text_in_the_json_is_not_trusted(made: tuple[Path, Path]) -> None:
    brief_json, _ = made
    data = json.loads(brief_json.read_text(encoding="utf-8"))
    forged = "Mayor Ellen Varga said: “We will start building in winter.”"
    data["points"][1]["quote"] = "We will start building in winter"
    data["points"][1]["citations"][0]["text"] = forged
    brief_json.write_text(json.dumps(data), encoding="utf-8")
    result = check_brief(brief_json, None, today=TODAY)
    assert result.blocking == ["p2"]
    on_disk = Brief.model_validate_json(brief_json.read_text(encoding="utf-8"))
    assert "spring" in on_disk.points[1].citations[0].text  # restored from the file


def test_a_deleted_source_file_blocks_every_point_citing_it(made: tuple[Path, Path]) -> None:
    brief_json, src = made
    (src / "one.txt").unlink()
    result = check_brief(brief_json, None, today=TODAY)
    # p1 is also supported by two.txt, but a citation nobody can open must still be fixed.
    assert result.blocking == ["p1", "p2"]
    p2 = next(p for p in result.points if p.id == "p2")
    assert "one.txt" in p2.flags[0].detail and "not among the sources" in p2.flags[0].detail
    assert flags_on_disk(brief_json)["p2"] == ["unsupported"]


def citations_on_disk(path: Path, point: int) -> list[Citation]:
    return Brief.model_validate_json(path.read_text(encoding="utf-8")).points[point].citations


def test_a_sentence_added_to_a_source_moves_its_citations_without_flags(
    made: tuple[Path, Path],
) -> None:
    brief_json, src = made
    before = citations_on_disk(brief_json, 1)[0]
    added = ONE.replace(
        "The council", "Residents filled the town hall before the meeting.\n\nThe council"
    )
    (src / "one.txt").write_text(added, encoding="utf-8")
    result = check_brief(brief_json, None, today=TODAY)
    assert result.lines()[-1].endswith("no flags")
    after = citations_on_disk(brief_json, 1)[0]
    assert after.text == before.text
    assert (after.sentence, after.line) == ("a1.s3", before.line + 2)
    assert added.splitlines()[after.line - 1].startswith("“We will start building")


def test_a_reworded_cited_sentence_is_flagged_and_its_citation_kept(
    made: tuple[Path, Path],
) -> None:
    brief_json, src = made
    before = citations_on_disk(brief_json, 0)[0]
    reworded = ONE.replace("two new bridges", "three new bridges")
    (src / "one.txt").write_text(reworded, encoding="utf-8")
    result = check_brief(brief_json, None, today=TODAY)
    assert result.blocking == ["p1"]
    p1 = next(p for p in result.points if p.id == "p1")
    assert "source one.txt changed since the brief was made; cited sentence not found" in (
        p1.flags[0].detail
    )
    assert citations_on_disk(brief_json, 0)[0] == before
    assert flags_on_disk(brief_json)["p2"] == []


def test_a_file_is_read_only_up_to_the_size_limit(made: tuple[Path, Path]) -> None:
    brief_json, _ = made
    limit = ONE.encode().index("“".encode())  # the quote p2 cites lies past the limit
    result = check_brief(brief_json, None, today=TODAY, max_bytes=limit)
    assert result.blocking == ["p2"]


def test_a_brief_that_is_not_json_names_the_file_and_the_fix(made: tuple[Path, Path]) -> None:
    brief_json, src = made
    brief_json.write_text('{"title": "oops",', encoding="utf-8")
    with pytest.raises(InvalidDataError, match=r"brief\.json: not valid JSON.*brief run"):
        check_brief(brief_json, src, today=TODAY)


def test_a_brief_off_the_schema_names_the_field(made: tuple[Path, Path]) -> None:
    brief_json, src = made
    edit(brief_json, 0, kind="rumour")
    with pytest.raises(InvalidDataError, match=r"points\.0\.kind"):
        check_brief(brief_json, src, today=TODAY)


def test_without_run_json_the_input_folder_must_be_given(made: tuple[Path, Path]) -> None:
    brief_json, src = made
    (brief_json.parent / "run.json").unlink()
    with pytest.raises(NoInputError, match="--input"):
        check_brief(brief_json, None, today=TODAY)
    assert check_brief(brief_json, src, today=TODAY).blocking == []


def test_the_command_exits_65_on_a_blocked_point_and_0_otherwise(made: tuple[Path, Path]) -> None:
    brief_json, src = made
    runner = CliRunner()
    args = ["check", str(brief_json), "--input", str(src), "--date", TODAY.isoformat()]
    assert runner.invoke(app, args).exit_code == 0
    edit(brief_json, 1, speaker="Olaf Scholz")
    result = runner.invoke(app, args)
    assert result.exit_code == 65
    assert "misquote" in result.output
