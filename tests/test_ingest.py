"""Ingest: articles, metadata, the sentence contract, and every kind of bad input."""

from __future__ import annotations

import datetime as dt
import hashlib
import html
import os
import re
from pathlib import Path

import pytest

from brief.errors import NoInputError
from brief.ingest import ingest_folder
from brief.layout import parse_date
from brief.models import Article, IngestResult
from brief.sentences import fold

ARTICLE = (
    "Allies weigh new aid for Ukraine\n"
    "Source: Daily Bugle\n"
    "Date: November 18, 2024\n"
    "By Jane Roe\n"
    "URL: https://example.com/aid\n"
    "\n"
    "The U.S. has approved a new aid package for Ukraine. Lord Cameron welcomed the move "
    "on Monday.\n"
    "\n"
    "Critics warned that the decision could widen the war.\n"
)


def write(folder: Path, name: str, content: str | bytes) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, str):
        path.write_text(content, encoding="utf-8")
    else:
        path.write_bytes(content)
    return path


def reasons(result: IngestResult) -> dict[str, str]:
    return {s.path: s.reason for s in result.skipped}


def flags(result: IngestResult) -> dict[str, str]:
    return {s.path: s.reason for s in result.flagged}


def assert_found_at_line(lines: list[str], article: Article) -> None:
    """The contract: open the file at `line` and the sentence starts there (whitespace folded)."""
    for sentence in article.sentences:
        here = fold(lines[sentence.line - 1])
        onward = fold(" ".join(lines[sentence.line - 1 :]))
        where = onward.find(sentence.text)
        assert 0 <= where < len(here), (article.path, sentence.line, sentence.text)


def text_lines(folder: Path, article: Article, encoding: str = "utf-8") -> list[str]:
    return (folder / article.path).read_text(encoding=encoding).split("\n")


def html_lines(folder: Path, article: Article) -> list[str]:
    raw = (folder / article.path).read_text(encoding="utf-8")
    return [html.unescape(re.sub(r"<[^>]*>", "", line)) for line in raw.split("\n")]


# --- the seeds ----------------------------------------------------------------------------


def test_seeds_read_without_furniture(seeds: Path) -> None:
    result = ingest_folder(seeds)
    assert [a.id for a in result.articles] == ["a1", "a2", "a3", "a4"]
    assert result.skipped == [] and result.flagged == []
    texts = [s.text for a in result.articles for s in a.sentences]
    assert "Exit mobile version" not in texts
    assert not any(t.startswith(("Site icon", "Sources:")) for t in texts)
    assert not any(t.startswith("Ukraine has been waiting to strike deep") for t in texts)
    assert not any(t.startswith("President Joe Biden speaking from the Oval") for t in texts)
    assert not {"At a Glance", "The Road Ahead"} & set(texts)
    assert result.removed_lines == 6  # icon, caption, exit line, Sources: and its 2 items
    for article in result.articles:
        assert_found_at_line(text_lines(seeds, article), article)
        raw = (seeds / article.path).read_text(encoding="utf-8")
        assert all(fold(raw[s.start : s.end]) == s.text for s in article.sentences)


def test_seeds_titles_outlet_bullets_and_abbreviations(seeds: Path) -> None:
    a1, a2, _, a4 = ingest_folder(seeds).articles
    assert a4.title == "Biden allows Ukraine to strike inside Russia with U.S. long-range weapons"
    assert a4.outlet == "NJTODAY.NET"
    assert a2.sentences[0].text.startswith("President Biden authorizes Ukraine")
    assert a2.sentences[0].line == 3
    assert any("Lord Cameron and other Western officials" in s.text for s in a1.sentences)
    assert all(s.id == f"a2.s{n}" for n, s in enumerate(a2.sentences, start=1))


# --- text, Markdown, HTML -----------------------------------------------------------------


def test_title_and_header_lines_become_metadata(tmp_path: Path) -> None:
    write(tmp_path, "aid.txt", ARTICLE)
    (article,) = ingest_folder(tmp_path).articles
    assert article.title == "Allies weigh new aid for Ukraine"
    assert article.outlet == "Daily Bugle"
    assert article.published == dt.date(2024, 11, 18)
    assert article.author == "Jane Roe"
    assert article.url == "https://example.com/aid"
    assert [(s.text, s.line) for s in article.sentences] == [
        ("The U.S. has approved a new aid package for Ukraine.", 7),
        ("Lord Cameron welcomed the move on Monday.", 7),
        ("Critics warned that the decision could widen the war.", 9),
    ]
    raw = (tmp_path / "aid.txt").read_text(encoding="utf-8")
    assert all(fold(raw[s.start : s.end]) == s.text for s in article.sentences)


def test_caption_shaped_title_is_still_the_title(tmp_path: Path) -> None:
    write(
        tmp_path,
        "a.txt",
        "Lawmakers weighing new sanctions against Moscow.\nSource: Daily Bugle\n\n"
        "The vote is expected on Friday.\n",
    )
    result = ingest_folder(tmp_path)
    assert result.articles[0].title == "Lawmakers weighing new sanctions against Moscow."
    assert result.articles[0].outlet == "Daily Bugle"
    assert result.removed_lines == 0


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2024-11-18", dt.date(2024, 11, 18)),
        ("2024-11-18T10:00:00Z", dt.date(2024, 11, 18)),
        ("Nov. 18, 2024", dt.date(2024, 11, 18)),
        ("Monday, 18 November 2024", dt.date(2024, 11, 18)),
        ("November 18, 2024 at 10:30 am", dt.date(2024, 11, 18)),
        ("sometime last week", None),
    ],
)
def test_parse_date(value: str, expected: dt.date | None) -> None:
    assert parse_date(value) == expected


def test_unreadable_date_is_noted(tmp_path: Path) -> None:
    write(tmp_path, "a.txt", "Title\nDate: last Tuesday-ish\n\nThe talks ended without a deal.\n")
    result = ingest_folder(tmp_path)
    assert result.articles[0].published is None
    assert "date not understood" in flags(result)["a.txt"]


def test_markdown_front_matter_headings_and_bullets(tmp_path: Path) -> None:
    write(
        tmp_path,
        "note.md",
        "---\ntitle: 'Strikes: the full story'\nauthor: Jane Roe\ndate: 2024-11-19\n---\n"
        "# Ukraine strikes deep inside Russia\n\n"
        "## What happened?\n\n"
        "Kyiv fired the missiles overnight.\n\n"
        "* NATO allies were told in advance.\n"
        "* Moscow called it an escalation.\n",
    )
    (article,) = ingest_folder(tmp_path).articles
    assert article.title == "Strikes: the full story"
    assert (article.author, article.published) == ("Jane Roe", dt.date(2024, 11, 19))
    assert [s.text for s in article.sentences] == [
        "Kyiv fired the missiles overnight.",
        "NATO allies were told in advance.",
        "Moscow called it an escalation.",
    ]
    assert_found_at_line(text_lines(tmp_path, article), article)


def test_hard_wrapped_text_joins_lines_into_sentences(tmp_path: Path) -> None:
    body = (
        "Wrapped dispatch\n\n"
        "The foreign ministers met in Prague on Thursday to discuss the war and\n"
        "agreed that Ukraine may strike military targets inside Russia. Italy\n"
        "voiced concerns about the repercussions of such strikes for the region\n"
        "and asked for more talks before any decision was taken by the allies.\n\n"
        "The Road Ahead\n\n"
        "Officials expect a formal statement from the alliance early next week,\n"
        "after consultations with the government in Kyiv and with Washington.\n"
    )
    write(tmp_path, "wrapped.txt", body)
    (article,) = ingest_folder(tmp_path).articles
    assert [(s.text[:30], s.line) for s in article.sentences] == [
        ("The foreign ministers met in P", 3),
        ("Italy voiced concerns about th", 4),
        ("Officials expect a formal stat", 10),
    ]
    assert_found_at_line(text_lines(tmp_path, article), article)


PAGE = """<!doctype html>
<html><head>
<title>Biden allows Ukraine to strike inside Russia | NJ Today</title>
<meta property="og:site_name" content="NJ Today">
<meta property="article:published_time" content="2024-11-18T10:00:00Z">
<script type="application/ld+json">{"articleBody": "For the first time, President Biden has given Ukraine the green light"}</script>
</head>
<body>
<nav><a href="/">Home</a> <a href="/world">World</a></nav>
<article>
<h1>Biden allows Ukraine to strike inside Russia</h1>
<p>For the first time, President <a href="/biden">Biden</a> has given Ukraine the green light
to use powerful American long-range missiles for strikes inside Russia. The U.S.
decision was announced on Sunday.</p>
<h2>Reactions</h2>
<ul><li>Kremlin spokesman Dmitry Peskov condemned the decision.</li>
<li>NATO allies welcomed it &mdash; cautiously.</li></ul>
<p>Officials said the move would deter Pyongyang, and the administration&rsquo;s allies
agreed with it.</p>
<p>Share this article</p>
</article>
<footer>Subscribe to our newsletter</footer>
</body></html>
"""  # noqa: E501


def test_html_main_text_metadata_and_lines_in_the_raw_file(tmp_path: Path) -> None:
    write(tmp_path, "page.html", PAGE)
    result = ingest_folder(tmp_path)
    (article,) = result.articles
    assert article.title == "Biden allows Ukraine to strike inside Russia"
    assert article.outlet == "NJ Today"
    assert article.published == dt.date(2024, 11, 18)
    texts = [s.text for s in article.sentences]
    assert texts[0].startswith("For the first time, President Biden has given Ukraine")
    assert "Kremlin spokesman Dmitry Peskov condemned the decision." in texts
    assert "Officials said the move would deter Pyongyang, and the administration’s allies " \
        "agreed with it." in texts  # fmt: skip
    assert not any("Share this" in t or "Subscribe" in t or "Home" in t for t in texts)
    assert [s.line for s in article.sentences] == [12, 13, 16, 17, 18]
    assert_found_at_line(html_lines(tmp_path, article), article)
    assert result.flagged == []


TWINS = """<!doctype html>
<html><head><title>Bridge to close</title></head>
<body>
<article>
<h1>Bridge to close</h1>
<p>The ministry of transport said on Monday that the old bridge will close for repairs.</p>
<p>Engineers found cracks in two of its piers last spring, the ministry said.</p>
<p>The ministry of transport said on Monday that two ferries
<button>Share</button> will run all night instead.</p>
<p>Local traders said the closure would cost them customers over the winter.</p>
</article>
</body></html>
"""


def test_html_sentence_not_in_the_source_is_left_out_not_given_a_twin_line(
    tmp_path: Path,
) -> None:
    # The page's button text sits inside the ferry sentence, so its extracted text is nowhere
    # in the raw file; its first 40 characters are those of the bridge sentence on line 6.
    write(tmp_path, "twins.html", TWINS)
    result = ingest_folder(tmp_path)
    (article,) = result.articles
    by_text = {s.text: s.line for s in article.sentences}

    assert by_text == {
        "The ministry of transport said on Monday that the old bridge will close for repairs.": 6,
        "Engineers found cracks in two of its piers last spring, the ministry said.": 7,
        "Local traders said the closure would cost them customers over the winter.": 10,
    }
    assert flags(result) == {
        "twins.html": "1 sentence(s) left out: not found as such in the HTML source"
    }
    assert_found_at_line(html_lines(tmp_path, article), article)


def test_html_locator_matches_whole_sentences_only() -> None:
    from brief.html_text import Locator

    page = (
        "<p>The ministry of transport said on Monday that the bridge will close.</p>\n"
        "<p>The ministry of <b>transport</b> said on Monday that ferries&nbsp;will run.</p>\n"
    )
    locator = Locator(page)

    assert locator.locate("The ministry of transport said on Monday that buses will run.") is None
    ferries = locator.locate("The ministry of transport said on Monday that ferries will run.")
    assert ferries is not None and ferries[0] == 2
    # A sentence repeated in the page is found at its next occurrence, in reading order.
    repeated = Locator("<p>Stay calm.</p>\n<p>Stay calm.</p>\n")
    assert [repeated.locate("Stay calm."), repeated.locate("Stay calm.")] == [
        (1, 3, 13),
        (2, 21, 31),
    ]


def test_html_page_without_article_text_is_skipped(tmp_path: Path) -> None:
    write(tmp_path, "good.txt", ARTICLE)
    write(tmp_path, "nav.htm", "<html><body><nav><a href='/'>Home</a></nav></body></html>")
    assert reasons(ingest_folder(tmp_path))["nav.htm"].startswith("no article text")


# --- bad input ----------------------------------------------------------------------------


def test_bad_files_are_skipped_with_reasons_and_never_crash(tmp_path: Path) -> None:
    write(tmp_path, "good.txt", ARTICLE)
    write(tmp_path, "empty.txt", "")
    write(tmp_path, "blank.md", "  \n\n\t\n")
    write(tmp_path, "binary.txt", bytes(range(256)) * 8)
    write(tmp_path, "zcopy.txt", ARTICLE)
    write(tmp_path, "scan.pdf", b"%PDF-1.7\n")
    write(tmp_path, "README", "notes")
    write(tmp_path, ".DS_Store", b"\x00\x01")
    write(tmp_path, ".git/config", "[core]")
    write(tmp_path, "title-only.txt", "Just a headline\n\nExit mobile version\n")
    outside = write(tmp_path.parent / f"{tmp_path.name}-outside", "secret.txt", ARTICLE + "x\n")
    (tmp_path / "linked.txt").symlink_to(outside)
    (tmp_path / "dangling.txt").symlink_to(tmp_path / "nowhere.txt")
    (tmp_path / "loop1.txt").symlink_to(tmp_path / "loop2.txt")
    (tmp_path / "loop2.txt").symlink_to(tmp_path / "loop1.txt")
    os.mkfifo(tmp_path / "pipe.txt")

    result = ingest_folder(tmp_path)

    assert [a.path for a in result.articles] == ["good.txt"]
    why = reasons(result)
    assert why["empty.txt"] == "empty file"
    assert why["blank.md"] == "empty file"
    assert why["binary.txt"].startswith("binary file")
    assert why["zcopy.txt"] == "duplicate of good.txt"
    assert why["scan.pdf"].startswith("unsupported file type '.pdf'")
    assert why["README"].startswith("unsupported file type")
    assert why[".DS_Store"] == "hidden file"
    assert why[".git/"] == "hidden folder, not read"
    assert why["title-only.txt"].startswith("no article text")
    assert "outside the input folder" in why["linked.txt"]
    assert why["dangling.txt"] == why["loop1.txt"] == "broken symlink"
    assert why["pipe.txt"] == "not a regular file"


def test_file_name_that_is_not_utf8_is_skipped(tmp_path: Path) -> None:
    write(tmp_path, "good.txt", ARTICLE)
    (tmp_path / os.fsdecode(b"caf\xe9.txt")).write_text(ARTICLE + "More.\n", encoding="utf-8")
    result = ingest_folder(tmp_path)
    assert reasons(result) == {"caf�.txt": "file name is not valid UTF-8 (rename the file)"}
    assert "caf" in result.model_dump_json()


def test_copy_read_first_in_path_order_wins(tmp_path: Path) -> None:
    write(tmp_path, "b.txt", ARTICLE)
    write(tmp_path, "a/inner.txt", ARTICLE)
    result = ingest_folder(tmp_path)
    assert [a.path for a in result.articles] == ["a/inner.txt"]
    assert reasons(result) == {"b.txt": "duplicate of a/inner.txt"}


def test_articles_are_numbered_over_usable_files_only(tmp_path: Path) -> None:
    write(tmp_path, "a.txt", "")
    write(tmp_path, "b.txt", ARTICLE)
    write(tmp_path, "c.txt", ARTICLE.replace("Critics", "Some critics"))
    result = ingest_folder(tmp_path)
    assert [(a.id, a.path) for a in result.articles] == [("a1", "b.txt"), ("a2", "c.txt")]
    assert result.articles[1].sentences[0].id == "a2.s1"


def test_non_utf8_text_is_decoded_and_flagged(tmp_path: Path) -> None:
    text = ARTICLE + "The café owner said “we are ready” – and naïve hopes faded.\n"
    write(tmp_path, "latin.txt", text.replace("\n", "\r\n").encode("cp1252"))
    result = ingest_folder(tmp_path)
    (article,) = result.articles
    assert article.sentences[-1].text == (
        "The café owner said “we are ready” – and naïve hopes faded."
    )
    assert flags(result)["latin.txt"].startswith("not UTF-8: decoded as cp1252")
    assert_found_at_line(text_lines(tmp_path, article, encoding="cp1252"), article)


def test_utf16_with_bom_is_read(tmp_path: Path) -> None:
    write(tmp_path, "wide.txt", ARTICLE.encode("utf-16"))
    result = ingest_folder(tmp_path)
    assert result.articles[0].title == "Allies weigh new aid for Ukraine"
    assert "UTF-16" in flags(result)["wide.txt"]


def test_utf8_bom_is_not_part_of_the_title(tmp_path: Path) -> None:
    write(tmp_path, "bom.txt", b"\xef\xbb\xbf" + ARTICLE.encode())
    result = ingest_folder(tmp_path)
    assert result.articles[0].title == "Allies weigh new aid for Ukraine"
    assert result.flagged == []


def test_enormous_file_is_capped_and_flagged(tmp_path: Path) -> None:
    paragraph = "Officials met again in Brussels on Monday to discuss the aid. " * 10 + "\n\n"
    write(tmp_path, "huge.txt", "Endless talks\n\n" + paragraph * 400)  # ~250 KB
    result = ingest_folder(tmp_path, max_bytes=10_000)
    (article,) = result.articles
    assert flags(result)["huge.txt"] == "truncated at 10000 bytes (file is larger)"
    assert 0 < len(article.sentences) < 200
    assert article.sentences[-1].text.endswith("aid.")


def test_large_files_alike_up_to_the_cap_are_not_duplicates(tmp_path: Path) -> None:
    head = "Endless talks\n\n" + "Officials met again in Brussels on Monday. " * 300 + "\n"
    first = write(tmp_path, "a.txt", head + "The talks failed.\n")
    second = write(tmp_path, "b.txt", head + "The talks succeeded.\n")
    result = ingest_folder(tmp_path, max_bytes=5_000)

    assert [a.path for a in result.articles] == ["a.txt", "b.txt"]
    assert reasons(result) == {}
    # The hash is of the whole file, as run.json promises, not of the part read.
    assert [a.sha256 for a in result.articles] == [
        hashlib.sha256(first.read_bytes()).hexdigest(),
        hashlib.sha256(second.read_bytes()).hexdigest(),
    ]


def test_truncation_never_splits_a_character(tmp_path: Path) -> None:
    write(tmp_path, "wide.txt", "Titel\n\n" + "Ünïcödé wörds everywhere. " * 400)
    result = ingest_folder(tmp_path, max_bytes=1_001)
    assert "\ufffd" not in " ".join(s.text for s in result.articles[0].sentences)
    assert "not UTF-8" not in flags(result)["wide.txt"]


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads files whatever their permissions")
def test_unreadable_file_is_skipped(tmp_path: Path) -> None:
    write(tmp_path, "good.txt", ARTICLE)
    locked = write(tmp_path, "locked.txt", ARTICLE + "More.\n")
    locked.chmod(0)
    assert reasons(ingest_folder(tmp_path))["locked.txt"].startswith("cannot read")


def test_missing_folder_exits_66(tmp_path: Path) -> None:
    with pytest.raises(NoInputError) as caught:
        ingest_folder(tmp_path / "nope")
    assert caught.value.exit_code == 66
    assert "nope" in caught.value.message and "\n" not in caught.value.message


def test_folder_without_usable_article_exits_66_naming_a_reason(tmp_path: Path) -> None:
    write(tmp_path, "empty.txt", "")
    write(tmp_path, "data.txt", b"\x00\x01 not text")
    with pytest.raises(NoInputError) as caught:
        ingest_folder(tmp_path)
    assert caught.value.exit_code == 66
    message = caught.value.message
    assert str(tmp_path) in message and "\n" not in message
    assert "data.txt: binary file" in message and "empty.txt: empty file" in message


def test_a_file_given_as_folder_exits_66(tmp_path: Path) -> None:
    path = write(tmp_path, "aid.txt", ARTICLE)
    with pytest.raises(NoInputError, match="not a folder"):
        ingest_folder(path)
