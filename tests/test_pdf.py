"""brief.pdf: one page always, cut points recorded, and nothing fetched but bundled assets."""

from __future__ import annotations

import io
import re
import threading
from collections.abc import Callable, Iterator
from functools import partial
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from pypdf import PdfReader

from brief.assemble import renumber
from brief.errors import InvalidDataError
from brief.models import Brief, Point
from brief.pdf import (
    DID_NOT_FIT,
    FitStats,
    SafeFetcher,
    fit_page,
    html_to_pdf,
)
from brief.render import render_html
from tests.test_render import long_points, make_brief


def pdf_text(pdf: bytes) -> str:
    reader = PdfReader(io.BytesIO(pdf))
    return " ".join(" ".join(page.extract_text() for page in reader.pages).split())


def page_count(pdf: bytes) -> int:
    return len(PdfReader(io.BytesIO(pdf)).pages)


def counting(page_size: str = "A4") -> tuple[Callable[[Brief], str], list[int]]:
    calls: list[int] = []

    def render(brief: Brief) -> str:
        calls.append(len(brief.points))
        return render_html(brief, page_size=page_size)  # type: ignore[arg-type]

    return render, calls


def test_a_brief_that_fits_is_printed_whole_on_one_page_with_citations_and_sources() -> None:
    brief = make_brief()
    stats = FitStats()
    fitted = fit_page(brief, counting()[0], stats=stats)
    text = pdf_text(fitted.pdf)

    assert page_count(fitted.pdf) == 1
    assert stats.layouts == 2 and stats.renders == 1 and fitted.brief == brief
    assert fitted.html == render_html(brief)  # the page the PDF was laid out from, for brief.html
    for point in brief.points:
        assert point.text in text
    assert "Kursk.3" in text  # the superscript citation right after its point
    assert (
        "SOURCES" in text and "001_guardian.txt" in text and "Kyiv fires British missiles" in text
    )
    assert "1 S1 line 3" in text and "3 S2 line 11" in text
    assert "embedded extractive engine" in text


@pytest.mark.parametrize(("page_size", "points"), [("A4", (595, 842)), ("Letter", (612, 792))])
def test_page_size(page_size: str, points: tuple[int, int]) -> None:
    pdf = fit_page(make_brief(), counting(page_size)[0], page_size).pdf  # type: ignore[arg-type]
    box = PdfReader(io.BytesIO(pdf)).pages[0].mediabox

    assert (round(float(box.width)), round(float(box.height))) == points


def test_sixty_long_points_are_cut_to_one_full_page_in_three_renders_at_most() -> None:
    brief = make_brief(long_points(60))
    render, calls = counting()
    stats = FitStats()
    fitted = fit_page(brief, render, stats=stats)
    printed, pdf = fitted.brief, fitted.pdf
    text = pdf_text(pdf)

    assert page_count(pdf) == 1
    assert len(calls) <= 3 and stats.layouts <= 3
    assert len(calls) == 2 and stats.layouts == 2  # usual case: measure once, print once
    kept = sorted(p.rank for p in printed.points)
    assert 3 <= len(kept) < 60
    assert kept == list(range(1, len(kept) + 1))  # the lowest-ranked went, in rank order
    assert sorted(c.rank for c in printed.cut) == list(range(len(kept) + 1, 61))
    assert {c.reason for c in printed.cut} == {DID_NOT_FIT}
    for rank in kept:
        assert f"Point number {rank}." in text
    assert f"Point number {len(kept) + 1}." not in text
    # Nothing was cut that would have fitted: one more point makes a second page.
    one_more = brief.model_copy(update={"points": brief.points[: len(kept) + 1]})
    assert page_count(html_to_pdf(render_html(one_more))) == 2
    assert fitted.html == render_html(printed) and "Point number 60." not in fitted.html


def test_finalize_shapes_the_printed_page_and_its_html() -> None:
    """The lead renumbers citations in reading order once the points are chosen."""
    brief = make_brief(long_points(60))
    stats = FitStats()
    fitted = fit_page(
        brief, counting()[0], stats=stats, finalize=partial(renumber, reading_order=True)
    )

    assert fitted.brief == renumber(fitted.brief, reading_order=True)
    assert fitted.html == render_html(fitted.brief)
    assert stats.renders == 3 and stats.layouts == 2  # measure, cut, final: no render after
    # Decisions print first, so the top decision (rank 4) now carries note 3, in the PDF too.
    (top_decision,) = [p for p in fitted.brief.points if p.rank == 4]
    assert top_decision.kind == "decision" and top_decision.citations[0].n == 3
    printed_note = re.search(r"Point number 4\. .*?anonymity\.(\d+)", pdf_text(fitted.pdf))
    assert printed_note is not None and printed_note.group(1) == "3"

    retitled = fit_page(
        make_brief(), counting()[0], finalize=lambda b: b.model_copy(update={"title": "Late ed."})
    )
    assert retitled.brief.title == "Late ed."
    assert "Late ed." in retitled.html and "Late ed." in pdf_text(retitled.pdf)


def test_a_bottom_line_too_long_for_the_page_is_invalid_data() -> None:
    endless = " ".join(["The ministry approved a further package of measures."] * 400)
    brief = make_brief(long_points(3), bottom=endless)

    with pytest.raises(InvalidDataError, match="do not fit on one A4 page") as caught:
        fit_page(brief, counting()[0])
    assert caught.value.exit_code == 65


# --- fetching ------------------------------------------------------------------------------


class _Server(ThreadingHTTPServer):
    requests: list[str]


@pytest.fixture
def loopback() -> Iterator[_Server]:
    """A real HTTP server on loopback that records every request it gets."""

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            server.requests.append(self.path)
            body = b"body { color: red }"
            self.send_response(200)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            pass

    server = _Server(("127.0.0.1", 0), Handler)
    server.requests = []
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()


def hostile_page(tmp_path: Path, port: int) -> tuple[str, list[str]]:
    secret_txt = tmp_path / "canary.txt"
    secret_txt.write_text("CANARY-TXT-7731\n")
    secret_svg = tmp_path / "canary.svg"
    secret_svg.write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" width="300" height="40">'
        '<text x="0" y="30">CANARY-SVG-7731</text></svg>'
    )
    http = f"http://127.0.0.1:{port}"
    html = f"""<!DOCTYPE html><html><head><style>
      @import url("{http}/import.css");
      body {{ background: url("{http}/background.png") }}
    </style><link rel="stylesheet" href="{http}/linked.css"></head><body>
      <p>Hostile article</p>
      <img src="{secret_svg.as_uri()}"> <img src="{secret_txt.as_uri()}">
      <a rel="attachment" href="{secret_txt.as_uri()}">attached</a>
    </body></html>"""
    return html, [secret_svg.as_uri(), secret_txt.as_uri(), f"{http}/background.png"]


def test_fetcher_refuses_local_files_and_network(tmp_path: Path, loopback: _Server) -> None:
    html, urls = hostile_page(tmp_path, loopback.server_address[1])
    fetcher = SafeFetcher()
    pdf = html_to_pdf(html, fetcher=fetcher)
    reader = PdfReader(io.BytesIO(pdf))

    assert loopback.requests == []
    assert set(urls) <= set(fetcher.refused)
    assert "CANARY" not in pdf_text(pdf)
    assert not reader.attachments
    assert b"CANARY" not in pdf


def test_without_the_safe_fetcher_the_same_page_leaks(tmp_path: Path, loopback: _Server) -> None:
    """The control for the test above: WeasyPrint's default fetcher reads and connects."""
    from weasyprint import HTML

    html, _ = hostile_page(tmp_path, loopback.server_address[1])
    pdf = HTML(string=html).write_pdf()

    assert loopback.requests
    assert "CANARY-SVG-7731" in pdf_text(pdf) or PdfReader(io.BytesIO(pdf)).attachments


def test_markup_in_article_text_is_printed_as_text_and_fetches_nothing(tmp_path: Path) -> None:
    secret = tmp_path / "canary.svg"
    secret.write_text('<svg xmlns="http://www.w3.org/2000/svg"><text>CANARY</text></svg>')
    hostile = f'<img src="{secret.as_uri()}"> <script>alert(1)</script>'
    point = Point(
        id="p1",
        rank=1,
        kind="decision",
        text=f"The board published {hostile} on its site.",
        citations=make_brief().points[0].citations,
    )
    fetcher = SafeFetcher()
    pdf = html_to_pdf(render_html(make_brief([point])), fetcher=fetcher)

    assert fetcher.refused == []
    assert "<script>alert(1)</script>" in pdf_text(pdf)
    assert "<img src=" in pdf_text(pdf)
