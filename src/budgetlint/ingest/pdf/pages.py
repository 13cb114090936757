"""A PDF's pages as lines and table parts, top to bottom, with what only the page shows.

Invisible text is ignored: characters whose centre is outside the page and, in documents where
text runs off a page (the mark of generators that print a whole overflowing text frame on each
page it spans), characters outside their clipping path. Clipping paths are read where text runs
off some page (to drop the hidden copies everywhere) and on pages without tables (to find cut
lines); a table's characters are checked against their cell instead, which costs nothing.
"""

from __future__ import annotations

import mmap
from dataclasses import dataclass, field

from budgetlint.errors import InputError, os_reason
from budgetlint.ingest.pdf.geometry import Box, Char, centre_inside, intersect
from budgetlint.ingest.pdf.grid import Table, find_tables
from budgetlint.ingest.pdf.lines import Line, make_lines
from budgetlint.ingest.pdf.page_defects import cut_lines, is_cut
from budgetlint.ingest.pdf.page_objects import PdfFile
from budgetlint.ingest.pdf.tables import TablePart, table_parts
from budgetlint.limits import Limits, over_limit

EOF_TAIL_BYTES = 8192  # a PDF whose last bytes hold no %%EOF is truncated


@dataclass(slots=True)
class Page:
    number: int
    width: float
    height: float
    items: list[Line | TablePart] = field(default_factory=list)  # top to bottom
    pictures: bool = False  # images or curves: a page with them is not blank even without text
    images: bool = False  # images: a page with them and no text is a scanned page
    cut: list[tuple[str, Box]] = field(default_factory=list)  # lines of which only part shows
    spaced: bool = False  # paragraphs on this page are set apart by extra space (set by read)


@dataclass(slots=True)
class _Read:
    """A page as read in the first pass, before the document-wide decision on clipping."""

    number: int
    width: float
    height: float
    chars: list[Char]
    tables: list[Table]
    pictures: bool
    images: bool
    clips: list[Box | None] | None  # None: not read


def load_pages(path: str, shown: str, limits: Limits) -> list[Page]:
    """Every page's lines and table parts (module docstring); InputError for a PDF that cannot
    be read, has more pages than Limits.pages or has no text at all. `shown` is the path as
    messages print it."""
    _check_tail(path, shown)
    read: list[_Read] = []
    runs_off_page = False
    with PdfFile(path, shown) as pdf:
        if len(pdf) == 0:
            raise InputError("PDF 文件损坏或不完整", path=shown, hint="文件中没有页面")
        if len(pdf) > limits.pages:
            raise InputError(over_limit("PDF 页数", len(pdf), "pages", limits.pages), path=shown)
        for index in range(len(pdf)):
            with pdf.page(index) as page:
                page_box = (0.0, 0.0, page.width, page.height)
                chars = page.chars
                runs_off_page = runs_off_page or any(not centre_inside(c, page_box) for c in chars)
                tables = find_tables(page.rulings) if page.rulings else []
                # a ruled frame with a single column is a box around text, not a table
                tables = [t for t in tables if t.rows and len(t.rows[0]) >= 2]
                clips = page.clips() if chars and (runs_off_page or not tables) else None
                read.append(
                    _Read(page.number, page.width, page.height, chars, tables, page.pictures, page.images, clips)
                )
        if runs_off_page:  # text ran off a later page: read the clips skipped before it
            for entry in read:
                if entry.clips is None and entry.chars:
                    with pdf.page(entry.number - 1) as page:
                        entry.clips = page.clips()
    pages = [_visible(entry, runs_off_page) for entry in read]
    if not any(p.items for p in pages):
        raise InputError(
            "所有页面都没有文字层，可能是扫描件",
            path=shown,
            hint="请先对 PDF 做文字识别（OCR），或提供带文字层的原始 PDF",
        )
    return pages


def _visible(entry: _Read, runs_off_page: bool) -> Page:
    """The page's visible characters as lines and table parts; its cut lines."""
    page_box = (0.0, 0.0, entry.width, entry.height)
    chars = entry.chars
    clips = entry.clips or [None] * len(chars)
    shown_in = [page_box if clip is None else intersect(page_box, clip) for clip in clips]
    cut = [c for c, box in zip(chars, shown_in) if is_cut(c, box)]
    visible = [c for c, box in zip(chars, shown_in) if centre_inside(c, box if runs_off_page else page_box)]
    parts, free, cut_in_cells = table_parts(entry.number, entry.tables, visible)
    items: list[Line | TablePart] = [*make_lines(free, entry.number), *parts]
    items.sort(key=lambda it: it.band_top if isinstance(it, Line) else it.bbox[1])
    seen = {id(c) for c in cut}
    cut += [c for c in cut_in_cells if id(c) not in seen]
    return Page(
        entry.number, entry.width, entry.height, items, pictures=entry.pictures, images=entry.images, cut=cut_lines(cut)
    )


def _check_tail(path: str, shown: str) -> None:
    """A PDF ends with %%EOF, give or take trailing bytes some tools add: look at the last 8 KB,
    then (a file with more junk after it) anywhere."""
    try:
        with open(path, "rb") as fh:
            fh.seek(0, 2)
            size = fh.tell()
            fh.seek(max(0, size - EOF_TAIL_BYTES))
            found = b"%%EOF" in fh.read()
            if not found and size > EOF_TAIL_BYTES:
                with mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ) as data:
                    found = data.rfind(b"%%EOF") >= 0
    except OSError as exc:
        raise InputError(f"无法读取文件：{os_reason(exc)}", path=shown) from exc
    if not found:
        raise InputError(
            "PDF 文件损坏或不完整", path=shown, hint="文件末尾缺少 %%EOF，可能下载或复制时被截断；请重新获取原文件"
        )
