"""HTML → PDF with WeasyPrint, fitted to exactly one page; the only module importing weasyprint.

Fitting lays the brief out once on a very tall page, reads every point's box height from that
layout, and keeps the highest-ranked points that add up to one page, then lays out the real
page: two layouts in the usual case, never one per dropped point.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit
from urllib.request import url2pathname

from weasyprint import CSS, HTML
from weasyprint.formatting_structure.boxes import LineBox
from weasyprint.urls import URLFetcher, URLFetcherResponse

from brief import assets
from brief.errors import InvalidDataError
from brief.models import BottomLine, Brief, CutPoint, Point
from brief.settings import PageSize

DID_NOT_FIT = "did not fit on one page"
TALL_PAGE_PX = 200_000  # a measuring page tall enough for any brief worth printing
SLACK_PX = 1.0  # rounding between the measuring layout and the real one
MAX_PASSES = 4  # each pass cuts at least one more point; the second is already rare
# Page width and height in CSS px (96 per inch), as the stylesheet's @page size sets them.
PAGE_PX: dict[PageSize, tuple[float, float]] = {
    "A4": (210 / 25.4 * 96, 297 / 25.4 * 96),
    "Letter": (8.5 * 96, 11 * 96),
}


class SafeFetcher(URLFetcher):  # type: ignore[misc]
    """Serves files of the bundled templates folder; refuses (and records) every other URL."""

    def __init__(self, allowed_dir: Path | None = None) -> None:
        super().__init__(allowed_protocols=("file",))
        self.allowed_dir = (allowed_dir or assets.templates_dir()).resolve()
        self.refused: list[str] = []

    def fetch(self, url: str, headers: Any = None) -> URLFetcherResponse:
        path = self._bundled(url)
        if path is None:
            self.refused.append(url)
            raise PermissionError(f"brief does not fetch {url}: only bundled assets are allowed")
        return URLFetcherResponse(url, path.read_bytes())

    def _bundled(self, url: str) -> Path | None:
        parts = urlsplit(url)
        if parts.scheme != "file" or parts.netloc not in ("", "localhost"):
            return None
        # resolve() follows symlinks, so a link inside the folder cannot point outside it.
        path = Path(url2pathname(unquote(parts.path))).resolve()
        if path.parent != self.allowed_dir or not path.is_file():
            return None
        return path


@dataclass
class FitStats:
    """How much work fitting took (for tests and run.json)."""

    layouts: int = 0
    renders: int = 0


def html_to_pdf(html: str, *, fetcher: SafeFetcher | None = None) -> bytes:
    """PDF bytes of `html`, fetching nothing but the bundled assets."""
    pdf: bytes = _layout(html, fetcher).write_pdf()
    return pdf


@dataclass(frozen=True)
class FitResult:
    """The brief as printed, its one-page PDF, and the exact HTML that PDF was laid out from."""

    brief: Brief
    pdf: bytes
    html: str


def fit_page(
    brief: Brief,
    render: Callable[[Brief], str],
    page_size: PageSize = "A4",
    *,
    stats: FitStats | None = None,
    finalize: Callable[[Brief], Brief] | None = None,
) -> FitResult:
    """The brief as printed (lowest-ranked points moved to `cut` if needed), its 1-page PDF and
    the HTML of that page, so the caller need not render it again.

    Two layouts in the usual case, fitting or not: one tall page to measure, one real page.
    `finalize` (e.g. renumbering citations in reading order) is applied to the brief that goes
    on the real page; measuring uses the brief as given.
    """
    stats = stats if stats is not None else FitStats()
    width, height = PAGE_PX[page_size]
    printed = brief
    html = render(printed)
    stats.renders += 1
    for attempt in range(MAX_PASSES):
        tall = _layout(html, tall_width=width)
        stats.layouts += 1
        keep = _points_that_fit(printed, tall, height)
        if attempt:  # the measure was off by a rounding: make sure this pass cuts something
            keep = min(keep, len(printed.points) - 1)
        if keep < len(printed.points):
            printed = _keep_top(printed, keep)
            html = render(printed)
            stats.renders += 1
        final = finalize(printed) if finalize else printed
        page_html = html
        if final != printed:
            page_html = render(final)
            stats.renders += 1
        document = _layout(page_html)
        stats.layouts += 1
        if len(document.pages) == 1:
            return FitResult(brief=final, pdf=document.write_pdf(), html=page_html)
        if not printed.points:
            raise InvalidDataError(
                f"the title and bottom line alone do not fit on one {page_size} page; "
                "shorten them (or the --title) and run again"
            )
    raise InvalidDataError(
        f"could not fit the brief on one {page_size} page in {MAX_PASSES} passes; if you use "
        "--templates, keep the data-rank, data-section and data-source marks of the bundled ones"
    )


# --- layout ---------------------------------------------------------------------------------


def _layout(html: str, fetcher: SafeFetcher | None = None, tall_width: float | None = None) -> Any:
    extra = []
    if tall_width is not None:
        # A user stylesheet needs !important to beat the template's own @page size.
        rule = f"@page {{ size: {tall_width}px {TALL_PAGE_PX}px !important; }}"
        extra.append(CSS(string=rule, url_fetcher=SafeFetcher()))
    source = HTML(string=html, url_fetcher=fetcher or SafeFetcher())
    return source.render(stylesheets=extra)


@dataclass
class _Heights:
    """Box heights and bottoms (CSS px) read from the measuring layout of the whole brief."""

    used: float = 0.0
    chrome: float = 0.0  # page margins, borders and paddings around the content area
    points: dict[int, float] = field(default_factory=dict)  # by rank
    sections: dict[str, float] = field(default_factory=dict)  # whole section, by kind
    sources: dict[int, float] = field(default_factory=dict)  # footer row, by Source.n
    notes_bottom: float = 0.0  # bottom of the "cited lines" paragraph's content
    cite_bottom: dict[int, float] = field(default_factory=dict)  # bottom of the line of note n


_MARKS = (("data-rank", "points"), ("data-section", "sections"), ("data-source", "sources"))


def _measure(document: Any) -> _Heights:
    if len(document.pages) != 1:
        raise InvalidDataError(
            f"the brief is taller than {TALL_PAGE_PX}px even before fitting; it has far too "
            "many points or sources to print"
        )
    heights = _Heights()
    page_box = document.pages[0]._page_box
    heights.chrome = page_box.margin_height() - page_box.height
    heights.used = sum(box.margin_height() for box in page_box.children)
    seen: set[int] = set()
    line_bottom = 0.0
    # Pre-order: an element's first box is its outermost; its line boxes come later.
    for box in page_box.descendants():
        if isinstance(box, LineBox):
            line_bottom = box.position_y + box.height
        element = getattr(box, "element", None)
        if element is None or id(element) in seen:
            continue
        attrs = element.attrib
        if "data-cite" in attrs:
            seen.add(id(element))
            heights.cite_bottom[int(attrs["data-cite"])] = line_bottom
        elif "data-notes" in attrs:
            seen.add(id(element))
            heights.notes_bottom = box.content_box_y() + box.height
        for attr, name in _MARKS:
            if attr in attrs:
                seen.add(id(element))
                table = getattr(heights, name)
                key = attrs[attr] if name == "sections" else int(attrs[attr])
                table[key] = table.get(key, 0.0) + box.margin_height()
    return heights


def _points_that_fit(brief: Brief, document: Any, page_height: float) -> int:
    """How many of the highest-ranked points fit on the page, by the measured heights."""
    heights = _measure(document)
    points = heights.points
    # A section costs its heading and padding once, while it holds a point.
    overhead = {
        kind: total - sum(points.get(p.rank, 0.0) for p in brief.points if p.kind == kind)
        for kind, total in heights.sections.items()
    }
    rows = heights.sources
    used = heights.used - sum(heights.sections.values()) - sum(rows.values())
    available = page_height - heights.chrome - SLACK_PX
    source_n = {s.path: s.n for s in brief.sources}
    listed: set[int] = set()
    kinds: set[str] = set()

    def new_rows(point: Point | BottomLine) -> set[int]:
        return {source_n[c.source] for c in point.citations if c.source in source_n} - listed

    if brief.bottom_line is not None:
        listed |= new_rows(brief.bottom_line)
        used += sum(rows.get(n, 0.0) for n in listed)
    # Citation numbers follow rank order, so the notes kept are a prefix of the full paragraph
    # and its height is read off where the last kept note's line ends.
    numbers = {c.n for c in brief.bottom_line.citations} if brief.bottom_line else set()
    used -= heights.notes_bottom - _notes_line_bottom(heights, numbers)
    kept = 0
    for point in sorted(brief.points, key=_rank):
        extra = new_rows(point)
        cost = points.get(point.rank, 0.0) + sum(rows.get(n, 0.0) for n in extra)
        more = numbers | {c.n for c in point.citations}
        cost += _notes_line_bottom(heights, more) - _notes_line_bottom(heights, numbers)
        if point.kind not in kinds:
            cost += overhead.get(point.kind, 0.0)
        if used + cost > available:
            break
        used += cost
        listed |= extra
        numbers = more
        kinds.add(point.kind)
        kept += 1
    return kept


def _notes_line_bottom(heights: _Heights, numbers: set[int]) -> float:
    """Where the notes paragraph would end if it listed citations up to max(numbers)."""
    bottoms = [heights.cite_bottom[n] for n in numbers if n in heights.cite_bottom]
    return max(bottoms, default=heights.notes_bottom)


def _keep_top(brief: Brief, keep: int) -> Brief:
    """The brief with only its `keep` highest-ranked points; the rest move to `cut`."""
    ranked = sorted(brief.points, key=_rank)
    kept_ids = {p.id for p in ranked[:keep]}
    cut = [
        CutPoint.model_validate({**p.model_dump(), "reason": DID_NOT_FIT}) for p in ranked[keep:]
    ]
    points = [p for p in brief.points if p.id in kept_ids]
    return brief.model_copy(update={"points": points, "cut": [*brief.cut, *cut]})


def _rank(point: Point) -> int:
    return point.rank
