"""Reader for PDF disclosures with a text layer (pdfplumber): ruled tables and narrative paragraphs.

What it produces (model/document.py):

* Pages are exact: every block and row carries its 1-based PDF page, page_basis "pdf".
* A PDF has no lines, so `line` is a running 1-based index, in reading order across the whole
  document, of the blocks it emits: each paragraph takes one number, each table row one number.
  `SourceDocument.line_count` is the last number used; `encoding` is "binary". The same file
  always gives the same numbers.
* Boxes are (x0, top, x1, bottom) in PDF points with the origin at the page's top-left corner
  (pdfplumber's convention), rounded to 0.01. A paragraph's Location.bbox covers its lines on its
  first page (Location.page); a table's Location.bbox is the frame of its first part;
  `RawRow.cell_boxes` has one box per cell, and the columns a merged cell spans all get its box;
  `Paragraph.lines` has each printed line's page, box and start in the paragraph's text.
  `SourceDocument.pages` has every page's size and whether any text was read on it.

Tables are pdfplumber's ruled tables (`find_tables`, lines strategy: drawn lines and rectangle
edges). A "table" with one column is a frame around text (the 目录 of the Shanghai budgets is
one): its text is read as narrative. Rows without any text are dropped; a merged cell's text is
in its first column, the other columns it spans are "". A cell's text is rebuilt from its
characters like narrative lines (below); the lines of a wrapped cell are joined without a space
("国有资本经营\n预算" -> "国有资本经营预算") unless both sides are Latin letters or digits.
A table that ends a page continues on the next page when the next page starts with a table in
the same frame: same left and right edge, and every column boundary one of the first part's (a
part may have fewer where its rows merge cells, as a 合计 row alone on a page does) -- and its
first part is emitted as a RawTable of its own marked `continues`, with its columns spread as the
first part's and its leading rows that repeat the table's own first rows (a repeated header)
dropped. Whether it is joined -- or is another table that happens to start on the next page
with a title row of its own -- recognition decides (recognize/continuation.py).

Narrative text is rebuilt from character positions, not the content-stream order, because some
generators set numbers (in a Latin font) about 40% of the font size below the Chinese text around
them; plain extraction then puts every number on a line of its own (the 情况说明 of the 财政局
2024 决算). Characters are clustered into lines by vertical overlap with the line's first
character (at least half the smaller height); lines are read top to bottom, characters left to
right. A space is kept only where the gap shows one: more than a fifth of the font size between
Latin letters or digits, more than a full character where a Chinese character or punctuation
mark is involved (justified Chinese text is spread with smaller gaps). Invisible text is
ignored: characters outside the page box, and, in documents where text runs off a page (the mark
of generators that print a whole overflowing text frame on each page it spans), characters
outside their clipping path (read with pdfium, since pdfminer ignores clipping).

Lines become paragraphs. Margins are measured per page, line spacing and body font size per page
width. A line continues the paragraph above it when it has the same font size and is not further
below than the usual line spacing (plus half a character), and either
* it starts with closing punctuation (a lone "。" wrapped onto the next line), or
* both lines are centred and the first does not end a sentence (a title printed over two lines),
  or
* it starts at the left margin, is not a heading (一、 （一） 1、 1. 第X部分 注： …), and: in
  documents that mark paragraphs by a first-line indent, the line above reaches the right margin
  (within four characters) or does not end a sentence (。！？); in documents without indents, the
  line above reaches the right margin and does not end a sentence -- unless the page sets
  paragraphs apart by extra space and this line follows closely.
A colon or semicolon at a line end does not end a paragraph: "主要用于：" often wraps just there
and the amounts after it belong to the same item. The same rule joins the last line of a page to
the first line of the next, so a sentence split by a page break is one paragraph. Bare page
numbers ("3", "- 3 -", "第3页") as the first or last line in the top or bottom 12% of a page are
dropped.

The 目录: the line 目录 and the lines after it on that page (and on following pages that still
look like a 目录: only short lines without sentences, no tables, not starting with the 目录's
first title) are one paragraph per entry (an entry wrapped onto a second line is one entry) and
are parsed with `parse_toc_row`; entries without a page number are not TocEntries.

What only the page shows is recorded as `SourceDocument.page_defects`: a page with no text left
(after page numbers are dropped) and no image or curve is a blank page (an empty table frame is
one), placed at the last block before it; a page with images and no text is a page without a
text layer (a scanned page), placed the same way; a line of characters of which only 1-75% of the box lies
inside the page and their clipping path (read on pages without ruled tables, and everywhere in
documents where text runs off a page) or inside their table cell is clipped text, placed at the
block it stands in or the one above.

Bad input raises InputError with one message: PDF 已加密; PDF 文件损坏或不完整 (truncated: no
%%EOF near the end; or pdfminer cannot parse it); 所有页面都没有文字层，可能是扫描件.
"""

from __future__ import annotations

import logging
import mmap
import re
from bisect import bisect_right
from collections import Counter
from dataclasses import dataclass, field

from budgetlint.errors import InputError, os_reason
from budgetlint.ingest.pages import PAGE_NUMBER, normalise_title, parse_toc_row
from budgetlint.limits import DEFAULT_LIMITS, Limits, over_limit
from budgetlint.model import SourceDocument
from budgetlint.model.document import PageDefect, PageInfo, Paragraph, RawRow, RawTable, TextLine, TocEntry
from budgetlint.model.location import Location

log = logging.getLogger(__name__)

Box = tuple[float, float, float, float]

# pdfplumber's defaults made explicit: ruled tables only (drawn lines and rectangle edges)
TABLE_SETTINGS = {
    "vertical_strategy": "lines",
    "horizontal_strategy": "lines",
    "snap_tolerance": 3,
    "join_tolerance": 3,
    "edge_min_length": 3,
    "intersection_tolerance": 3,
}

LINE_OVERLAP = 0.5  # a character joins a line when it overlaps the line's band by this share
LATIN_SPACE_GAP = 0.2  # gap (× font size) that means a space between Latin letters/digits
CJK_SPACE_GAP = 1.0  # gap (× font size) that means a space next to a Chinese character
PARA_GAP = 0.5  # a line further below the previous one than the usual line pitch plus this
# share of the font size starts a paragraph
FULL_LINE = 4.0  # a line within this many characters of the right margin is full (Chinese line
# breaking moves up to three characters, and lines mixing fonts are not always justified)
MARGIN_EDGE = 0.12  # page-number lines are looked for in this share of the page at top/bottom
CUT_MIN, CUT_MAX = 0.01, 0.75  # a character with this share of its box showing is cut
EOF_TAIL_BYTES = 8192  # a PDF whose last bytes hold no %%EOF is truncated

_SENTENCE_END = re.compile(r"[。！？!?][”’」』）)]*$")
_CLOSING_START = re.compile(r"^[。，、；：！？）)」』”’%％]")
_HEADING = re.compile(
    r"^(第[一二三四五六七八九十百零〇\d]+部分"
    r"|[一二三四五六七八九十百]+[、．.]"
    r"|[（(](?:[一二三四五六七八九十百]+|\d{1,2})[）)]"
    r"|\d{1,3}\s*[、．]"
    r"|\d{1,3}\.(?!\d)"
    r"|[①-⑳]"
    r"|附件|附表|注[:：])"
)
_TOC_HEADING = re.compile(r"^目\s*录$")
_TOC_PAGE = re.compile(r"[.．·…\s]\d{1,4}$")  # a 目录 line ending in its page number


# ---------------------------------------------------------------------------------------------
# characters -> lines
# ---------------------------------------------------------------------------------------------

def _is_cjk(ch: str) -> bool:
    o = ord(ch)
    return (0x2E80 <= o <= 0x9FFF or 0xF900 <= o <= 0xFAFF or 0xFF00 <= o <= 0xFFEF
            or 0x3000 <= o <= 0x303F or 0x2010 <= o <= 0x206F)


def _is_latin(ch: str) -> bool:
    return ch.isascii() and ch.isalnum()


def _join(left: str, right: str) -> str:
    """Join two pieces of one text split by a line break: a space only between Latin/digits."""
    if left and right and _is_latin(left[-1]) and _is_latin(right[0]):
        return f"{left} {right}"
    return left + right


@dataclass(slots=True)
class _Line:
    text: str
    x0: float
    top: float
    x1: float
    bottom: float
    band_top: float  # the band of the line's first character: its main text, not shifted numbers
    band_bottom: float
    size: float
    page: int = 0


def _cluster(chars: list[dict]) -> list[list[dict]]:
    """Group characters into lines by vertical overlap with each line's first character."""
    chars = sorted(chars, key=lambda c: (c["top"], c["x0"]))
    lines: list[list] = []  # [band_top, band_bottom, chars]
    open_lines: list[list] = []
    for c in chars:
        top, bottom = c["top"], c["bottom"]
        height = max(bottom - top, 0.1)
        open_lines = [ln for ln in open_lines if ln[1] > top]
        best, best_share = None, 0.0
        for ln in open_lines:
            overlap = min(bottom, ln[1]) - max(top, ln[0])
            share = overlap / min(height, max(ln[1] - ln[0], 0.1))
            if share > best_share:
                best, best_share = ln, share
        if best is not None and best_share >= LINE_OVERLAP:
            best[2].append(c)
        else:
            ln = [top, bottom, [c]]
            lines.append(ln)
            open_lines.append(ln)
    return [ln[2] for ln in lines]


def _line_text(chars: list[dict]) -> str:
    """Characters of one line, left to right, with spaces only where the gap shows one."""
    parts: list[str] = []
    prev = None
    for c in chars:
        text = c["text"]
        if prev is not None:
            gap = c["x0"] - prev["x1"]
            size = max(min(c["size"], prev["size"]), 1.0)
            cjk = _is_cjk(prev["text"][-1]) or _is_cjk(text[0])
            if gap > (CJK_SPACE_GAP if cjk else LATIN_SPACE_GAP) * size:
                parts.append(" ")
        parts.append(text)
        prev = c
    return "".join(parts)


def _make_lines(chars: list[dict], page: int) -> list[_Line]:
    out = []
    for group in _cluster(chars):
        first = group[0]
        group.sort(key=lambda c: c["x0"])
        sizes = Counter(round(c["size"], 1) for c in group)
        out.append(_Line(
            text=_line_text(group),
            x0=min(c["x0"] for c in group), top=min(c["top"] for c in group),
            x1=max(c["x1"] for c in group), bottom=max(c["bottom"] for c in group),
            band_top=first["top"], band_bottom=first["bottom"],
            size=sizes.most_common(1)[0][0], page=page))
    out.sort(key=lambda ln: (ln.band_top, ln.x0))
    return out


def _cell_text(chars: list[dict]) -> str:
    text = ""
    for group in _cluster(chars):
        group.sort(key=lambda c: c["x0"])
        text = _join(text, _line_text(group))
    return text.strip()


# ---------------------------------------------------------------------------------------------
# tables
# ---------------------------------------------------------------------------------------------

@dataclass(slots=True)
class _TablePart:
    page: int
    bbox: Box
    edges: tuple[float, ...]  # x positions of the column boundaries
    rows: list[tuple[tuple[str, ...], tuple[Box, ...]]]


def _r(box) -> Box:
    return tuple(round(float(v), 2) for v in box)  # type: ignore[return-value]


class _Grid:
    """Find the (merged) cell holding a point: cell edges as a grid, each grid square -> cell."""

    def __init__(self, cells: list[Box]) -> None:
        self.xs = sorted({v for c in cells for v in (c[0], c[2])})
        self.ys = sorted({v for c in cells for v in (c[1], c[3])})
        self.map: dict[tuple[int, int], int] = {}
        for k, (x0, top, x1, bottom) in enumerate(cells):
            i0, i1 = self.xs.index(x0), self.xs.index(x1)
            j0, j1 = self.ys.index(top), self.ys.index(bottom)
            for i in range(i0, i1):
                for j in range(j0, j1):
                    self.map.setdefault((i, j), k)

    def find(self, x: float, y: float) -> int | None:
        i = bisect_right(self.xs, x) - 1
        j = bisect_right(self.ys, y) - 1
        if i < 0 or j < 0 or i >= len(self.xs) - 1 or j >= len(self.ys) - 1:
            return None
        return self.map.get((i, j))


def _table_parts(page_no: int, tables, chars: list[dict]) -> tuple[list[_TablePart], list[dict], list[dict]]:
    """Assign characters to the cells of the page's tables; return table parts, free characters
    and characters cut by their cell's border (a cell clips its text, or the text crosses a rule)."""
    if not tables:
        return [], chars, []
    grids = []
    for t in tables:
        cells = [tuple(c) for c in t.cells]
        grids.append((t, cells, _Grid(cells)))
    owned: list[list[list[dict]]] = [[[] for _ in cells] for _, cells, _ in grids]
    free: list[dict] = []
    cut: list[dict] = []
    for c in chars:
        cx, cy = (c["x0"] + c["x1"]) / 2, (c["top"] + c["bottom"]) / 2
        for n, (t, cells, grid) in enumerate(grids):
            x0, top, x1, bottom = t.bbox
            if x0 <= cx <= x1 and top <= cy <= bottom:
                k = grid.find(cx, cy)
                if k is not None:
                    owned[n][k].append(c)
                    if _is_cut(c, cells[k]):
                        cut.append(c)
                    break
        else:
            free.append(c)

    parts: list[_TablePart] = []
    for n, (t, cells, grid) in enumerate(grids):
        index = {cell: k for k, cell in enumerate(cells)}
        texts = [_cell_text(chs) if chs else "" for chs in owned[n]]
        columns = [col.bbox for col in t.columns]
        rows = []
        for row in t.rows:
            row_top, row_bottom = row.bbox[1], row.bbox[3]
            cell_texts, boxes = [], []
            for j, cell in enumerate(row.cells):
                if cell is not None:
                    cell = tuple(cell)
                    cell_texts.append(texts[index[cell]] if cell in index else "")
                    boxes.append(_r(cell))
                    continue
                cell_texts.append("")
                col = columns[j] if j < len(columns) else row.bbox
                k = grid.find((col[0] + col[2]) / 2, row_top + 0.01)
                boxes.append(_r(cells[k]) if k is not None else _r((col[0], row_top, col[2], row_bottom)))
            if any(cell_texts):
                rows.append((tuple(cell_texts), tuple(boxes)))
        if not rows:
            continue
        edges = tuple(sorted({round(col[0], 1) for col in columns} | {round(columns[-1][2], 1)}))
        parts.append(_TablePart(page=page_no, bbox=_r(t.bbox), edges=edges, rows=rows))
    return parts, free, cut


def _column_map(a: _TablePart, b: _TablePart) -> list[int] | None:
    """Columns of `b` as columns of `a` when `b` can continue `a`, else None.

    The frames must agree: same left and right edge, and every column boundary of `b` is one of
    `a`'s. `b` may have fewer boundaries where all its rows merge cells (a 合计 row alone on a
    page spans the 类/款/项/名称 columns).
    """
    tolerance = 3.0

    def find(x: float) -> int | None:
        for i, y in enumerate(a.edges):
            if abs(x - y) <= tolerance:
                return i
        return None

    positions = [find(x) for x in b.edges]
    if None in positions or positions[0] != 0 or positions[-1] != len(a.edges) - 1:
        return None
    if len(b.rows[0][0]) != len(b.edges) - 1 or len(a.rows[0][0]) != len(a.edges) - 1:
        return None
    return positions[:-1]  # type: ignore[return-value]


def _remap(part: _TablePart, columns: list[int], width: int) -> None:
    """Spread `part`'s cells over `width` columns; a merged cell's box fills the columns it spans."""
    if columns == list(range(width)):
        return
    rows = []
    for cells, boxes in part.rows:
        new_cells, new_boxes = [""] * width, [None] * width
        for j, (text, box) in enumerate(zip(cells, boxes)):
            end = columns[j + 1] if j + 1 < len(columns) else width
            for k in range(columns[j], end):
                new_boxes[k] = box
            new_cells[columns[j]] = text
        rows.append((tuple(new_cells), tuple(new_boxes)))
    part.rows = rows
    part.edges = ()


# ---------------------------------------------------------------------------------------------
# reading the file
# ---------------------------------------------------------------------------------------------

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
        raise InputError("PDF 文件损坏或不完整", path=shown,
                         hint="文件末尾缺少 %%EOF，可能下载或复制时被截断；请重新获取原文件")


def _corrupt(path: str, exc: BaseException) -> InputError:
    return InputError("PDF 文件损坏或不完整", path=path,
                      hint=f"无法解析：{type(exc).__name__}；请重新下载或重新导出该 PDF")


def _encrypted(path: str) -> InputError:
    return InputError("PDF 已加密", path=path, hint="请提供未加密、无需密码即可打开的 PDF")


def _is_password_error(exc: BaseException) -> bool:
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect

    seen = 0
    while exc is not None and seen < 5:
        if isinstance(exc, (PDFPasswordIncorrect, PDFEncryptionError)):
            return True
        inner = exc.args[0] if exc.args and isinstance(exc.args[0], BaseException) else None
        exc = inner or exc.__cause__ or exc.__context__
        seen += 1
    return False


@dataclass(slots=True)
class _Page:
    number: int
    width: float
    height: float
    items: list = field(default_factory=list)  # _Line | _TablePart, top to bottom
    pictures: bool = False  # images or curves: a page with them is not blank even without text
    images: bool = False  # images: a page with them and no text is a scanned page
    cut: list[tuple[str, Box]] = field(default_factory=list)  # lines of which only part shows
    spaced: bool = False  # paragraphs on this page are set apart by extra space (set by read)


class _Clipper:
    """Clipping paths of text objects, read with pdfium (pdfminer does not track clipping).

    Some generators print a whole text frame on every page it spans and clip it to the part that
    belongs there, so the off-page and clipped text is a hidden copy of the neighbouring pages'
    text; and a frame too small for its text cuts a line in half. Each text object's clipping
    region is taken as the intersection of its paths' bounding boxes.
    """

    def __init__(self, path: str) -> None:
        self.path = path
        self.doc = None

    def boxes(self, index: int, mediabox, chars: list[dict]) -> list[Box | None]:
        """Each character's clipping box (None: not clipped, or pdfium could not read the page)."""
        try:
            objects = self._text_objects(index, mediabox)
        except Exception:  # pdfium could not read what pdfminer could: keep the text
            return [None] * len(chars)
        clips = {clip for _, clip in objects}
        if len(clips) <= 1:
            return [next(iter(clips), None)] * len(chars)
        # objects in 10-point bands of the page; a box is banded only where it lies on the page, so
        # a glyph a million points tall costs the page's height in bands, not its own
        last_band = int(float(mediabox[3] - mediabox[1]) // 10)

        def bands(top: float, bottom: float) -> range:
            return range(max(0, int(top // 10)), min(last_band, int(bottom // 10)) + 1)

        buckets: dict[int, list[tuple[Box, Box | None]]] = {}
        for bounds, clip in objects:
            for key in bands(bounds[1], bounds[3]):
                buckets.setdefault(key, []).append((bounds, clip))
        out: list[Box | None] = []
        for c in chars:
            cx, cy = (c["x0"] + c["x1"]) / 2, (c["top"] + c["bottom"]) / 2
            near = [(bounds, clip) for key in bands(c["top"], c["bottom"])
                    for bounds, clip in buckets.get(key, ()) if bounds[0] - 0.5 <= cx <= bounds[2] + 0.5]
            # the object whose bounds hold the character's centre; else one its box overlaps
            # (pdfium gives a font it cannot load bounds of no height, on the baseline)
            hit = next((clip for bounds, clip in near if bounds[1] - 0.5 <= cy <= bounds[3] + 0.5),
                       next((clip for bounds, clip in near
                             if bounds[1] - 0.5 <= c["bottom"] and c["top"] <= bounds[3] + 0.5), None))
            out.append(hit)
        return out

    def _text_objects(self, index: int, mediabox) -> list[tuple[Box, Box | None]]:
        import ctypes

        import pypdfium2 as pdfium
        import pypdfium2.raw as raw

        if self.doc is None:
            self.doc = pdfium.PdfDocument(self.path)
        page = self.doc[index]
        left, top_y = float(mediabox[0]), float(mediabox[3])
        # one set of out-parameters for the whole page: these calls run once per character
        lo, bo, ro, to, x, y = (ctypes.c_float() for _ in range(6))
        bounds_out = tuple(ctypes.byref(v) for v in (lo, bo, ro, to))
        px, py = ctypes.byref(x), ctypes.byref(y)
        get_object, get_type, get_bounds = raw.FPDFPage_GetObject, raw.FPDFPageObj_GetType, raw.FPDFPageObj_GetBounds
        get_clip, count_paths = raw.FPDFPageObj_GetClipPath, raw.FPDFClipPath_CountPaths
        count_segments, get_segment = raw.FPDFClipPath_CountPathSegments, raw.FPDFClipPath_GetPathSegment
        get_point, text_type = raw.FPDFPathSegment_GetPoint, raw.FPDF_PAGEOBJ_TEXT
        out = []
        line_clips: dict[float, Box | None] = {}  # baseline -> the clip last read there
        try:
            for i in range(raw.FPDFPage_CountObjects(page.raw)):
                obj = get_object(page.raw, i)
                if get_type(obj) != text_type:
                    continue
                get_bounds(obj, *bounds_out)
                bounds = (lo.value - left, top_y - to.value, ro.value - left, top_y - bo.value)
                # Reading a clip path costs some twenty calls and some generators make every
                # character an object: on one baseline, reuse the clip read for an object before
                # when it spans this one (cells of a table row have clips of their own).
                baseline = round(bounds[3], 1)
                box = line_clips.get(baseline)
                if box is None or not box[0] <= (bounds[0] + bounds[2]) / 2 <= box[2]:
                    box = None
                    clip = get_clip(obj)
                    for k in range(count_paths(clip) if clip else 0):
                        xs, ys = [], []
                        for n in range(count_segments(clip, k)):
                            get_point(get_segment(clip, k, n), px, py)
                            xs.append(x.value)
                            ys.append(y.value)
                        if xs:
                            path_box = (min(xs) - left, top_y - max(ys), max(xs) - left, top_y - min(ys))
                            box = path_box if box is None else _intersect(box, path_box)
                    line_clips[baseline] = box
                out.append((bounds, box))
        finally:
            page.close()
        return out

    def close(self) -> None:
        if self.doc is not None:
            self.doc.close()
            self.doc = None


def _intersect(a: Box, b: Box) -> Box:
    return (max(a[0], b[0]), max(a[1], b[1]), min(a[2], b[2]), min(a[3], b[3]))


def _inside(c: dict, box: Box) -> bool:
    cx, cy = (c["x0"] + c["x1"]) / 2, (c["top"] + c["bottom"]) / 2
    return box[0] - 0.5 <= cx <= box[2] + 0.5 and box[1] - 0.5 <= cy <= box[3] + 0.5


def _shown(c: dict, box: Box) -> float:
    """The share of a character's box inside `box`."""
    width, height = max(c["x1"] - c["x0"], 0.01), max(c["bottom"] - c["top"], 0.01)
    fx = max(0.0, min(c["x1"], box[2]) - max(c["x0"], box[0])) / width
    fy = max(0.0, min(c["bottom"], box[3]) - max(c["top"], box[1])) / height
    return fx * fy


def _is_cut(c: dict, box: Box) -> bool:
    """Only part of the character's box shows (a box is not the glyph's ink: CJK fonts sit about
    a tenth of the size off it, hence the margins both ways)."""
    return CUT_MIN < _shown(c, box) <= CUT_MAX


def _cut_lines(chars: list[dict]) -> list[tuple[str, Box]]:
    """Cut characters as lines of text with their box. A line of cut punctuation alone is left
    out: a mark's box is a full em but its ink a corner of it."""
    return [(_line_text(sorted(group, key=lambda c: c["x0"])),
             _r((min(c["x0"] for c in group), min(c["top"] for c in group),
                 max(c["x1"] for c in group), max(c["bottom"] for c in group))))
            for group in _cluster(chars) if any(c["text"].isalnum() for c in group)]


def _close(pdf) -> None:
    """pdfplumber's close() walks the page list again: when that list could not be built it
    raises a second time and would hide the first error; the file is closed all the same."""
    try:
        pdf.close()
    except Exception:
        log.debug("pdfplumber close failed", exc_info=True)
        stream = getattr(pdf, "stream", None)
        if stream is not None and not getattr(pdf, "stream_is_external", True):
            stream.close()


def _load_pages(path: str, shown: str, limits: Limits) -> list[_Page]:
    """Open the PDF and extract every page's lines and table parts (pdfplumber does the parsing)."""
    import pdfplumber

    try:
        pdf = pdfplumber.open(path)
    except Exception as exc:  # pdfplumber wraps every pdfminer error in PdfminerException
        if _is_password_error(exc):
            raise _encrypted(shown) from exc
        raise _corrupt(shown, exc) from exc
    pages: list[_Page] = []
    try:
        try:
            plumber_pages = pdf.pages
        except Exception as exc:
            raise _corrupt(shown, exc) from exc
        if not plumber_pages:
            raise InputError("PDF 文件损坏或不完整", path=shown, hint="文件中没有页面")
        if len(plumber_pages) > limits.pages:
            raise InputError(over_limit("PDF 页数", len(plumber_pages), "pages", limits.pages), path=shown)
        raw_pages = []  # (number, width, height, box, chars, tables, mediabox or None, has pictures, has images)
        runs_off_page = False
        for number, page in enumerate(plumber_pages, start=1):
            try:
                chars = [c for c in page.chars if c["text"].strip()]
                runs_off_page = runs_off_page or any(not _inside(c, page.bbox) for c in chars)
                tables = page.find_tables(TABLE_SETTINGS) if page.edges else []
                # a ruled frame with a single column is a box around text, not a table
                tables = [t for t in tables if t.rows and len(t.rows[0].cells) >= 2]
                raw_pages.append((number, float(page.width), float(page.height), tuple(page.bbox), chars,
                                  tables, None if page.rotation else page.page_obj.mediabox,
                                  bool(page.images or page.curves), bool(page.images)))
            except Exception as exc:
                raise _corrupt(shown, exc) from exc
            finally:
                page.close()
    finally:
        _close(pdf)
    clipper = _Clipper(path)
    try:
        for number, width, height, page_box, chars, tables, mediabox, pictures, images in raw_pages:
            # Clipping paths are read where text runs off some page (to drop the hidden copies
            # everywhere) and on pages without tables (to find cut lines; a table's cells are
            # checked against the cell boxes instead, which costs nothing).
            read_clips = bool(chars) and mediabox is not None and (runs_off_page or not tables)
            clips = clipper.boxes(number - 1, mediabox, chars) if read_clips else [None] * len(chars)
            shown_in = [page_box if clip is None else _intersect(page_box, clip) for clip in clips]
            cut = [c for c, box in zip(chars, shown_in) if _is_cut(c, box)]
            chars = [c for c, box in zip(chars, shown_in)
                     if _inside(c, box if runs_off_page else page_box)]
            parts, free, cut_in_cells = _table_parts(number, tables, chars)
            lines = _make_lines(free, number)
            items: list = [*lines, *parts]
            items.sort(key=lambda it: it.band_top if isinstance(it, _Line) else it.bbox[1])
            seen = {id(c) for c in cut}
            cut += [c for c in cut_in_cells if id(c) not in seen]
            pages.append(_Page(number, width, height, items, pictures=pictures, images=images,
                               cut=_cut_lines(cut)))
    finally:
        clipper.close()
    if not any(p.items for p in pages):
        raise InputError("所有页面都没有文字层，可能是扫描件", path=shown,
                         hint="请先对 PDF 做文字识别（OCR），或提供带文字层的原始 PDF")
    return pages


def _pitches(lines: list[_Line]) -> list[tuple[float, _Line]]:
    """Distances between the tops of consecutive lines of one size that share some width."""
    return [(b.band_top - a.band_top, b) for a, b in zip(lines, lines[1:])
            if abs(a.size - b.size) <= 0.6 and a.x0 < b.x1 and b.x0 < a.x1
            and 0 < b.band_top - a.band_top < 3 * b.size]


def _drop_page_numbers(page: _Page) -> None:
    lines = [(i, it) for i, it in enumerate(page.items) if isinstance(it, _Line)]
    if not lines:
        return
    drop = set()
    for i, line in (lines[0], lines[-1]):
        near_edge = line.bottom <= page.height * MARGIN_EDGE or line.top >= page.height * (1 - MARGIN_EDGE)
        if near_edge and PAGE_NUMBER.match(line.text):
            drop.add(i)
    if drop:
        page.items = [it for i, it in enumerate(page.items) if i not in drop]


@dataclass(slots=True)
class _Layout:
    """Body font size and line pitch per page width; margins per page; paragraph indents.

    Margins are measured per page (some generators shift the text block from page to page): the
    left margin is the leftmost start shared by two body lines, the right margin the rightmost
    end shared by two body lines (to 2 points); a page without such lines uses the most common
    values of pages of its width.
    """

    width: dict[int, float]  # page -> width
    left: dict[int, float]  # page -> left margin
    right: dict[int, float]  # page -> right margin
    body: dict[float, float]  # width -> body font size
    pitch: dict[float, float]  # width -> usual distance between the tops of consecutive body lines
    indented: bool

    @classmethod
    def measure(cls, pages: list[_Page]) -> _Layout:
        by_width: dict[float, list[_Line]] = {}
        pitches: dict[float, Counter] = {}
        for page in pages:
            lines = [it for it in page.items if isinstance(it, _Line)]
            by_width.setdefault(round(page.width), []).extend(lines)
            pitches.setdefault(round(page.width), Counter()).update(round(p) for p, _ in _pitches(lines))
        body, pitch = {}, {}
        for width, lines in by_width.items():
            if pitches[width]:
                pitch[width] = pitches[width].most_common(1)[0][0]
            sizes: Counter = Counter()
            for ln in lines:
                sizes[ln.size] += len(ln.text)
            if sizes:
                body[width] = sizes.most_common(1)[0][0]

        widths, left, right = {}, {}, {}
        fallback_left: dict[float, Counter] = {}
        fallback_right: dict[float, Counter] = {}
        for page in pages:
            w = round(page.width)
            widths[page.number] = page.width
            lines = [it for it in page.items if isinstance(it, _Line)
                     and abs(it.size - body.get(w, it.size)) <= 0.6]
            starts = Counter(round(ln.x0) for ln in lines)
            ends = Counter(2 * round(ln.x1 / 2) for ln in lines)
            shared_starts = [x for x, n in starts.items() if n >= 2]
            shared_ends = [x for x, n in ends.items() if n >= 2]
            if shared_starts:
                left[page.number] = min(shared_starts)
                fallback_left.setdefault(w, Counter())[left[page.number]] += 1
            if shared_ends:
                right[page.number] = max(shared_ends)
                fallback_right.setdefault(w, Counter())[right[page.number]] += 1
        for page in pages:
            w = round(page.width)
            if page.number not in left and fallback_left.get(w):
                left[page.number] = fallback_left[w].most_common(1)[0][0]
            if page.number not in right and fallback_right.get(w):
                right[page.number] = fallback_right[w].most_common(1)[0][0]

        indents = body_lines = 0
        for page in pages:
            margin = left.get(page.number)
            if margin is None:
                continue
            for ln in page.items:
                if isinstance(ln, _Line) and abs(ln.size - body.get(round(page.width), ln.size)) <= 0.6:
                    body_lines += 1
                    if abs(ln.x0 - margin - 2 * ln.size) <= 0.4 * ln.size:
                        indents += 1
        return cls(widths, left, right, body, pitch, indented=indents >= max(3, 0.03 * body_lines))

    def body_size(self, line: _Line) -> float:
        return self.body.get(round(self.width[line.page]), line.size)

    def far_below(self, prev: _Line, line: _Line) -> bool:
        """Is `line` set apart from `prev` by more than the usual line spacing?"""
        usual = self.pitch.get(round(self.width[line.page]))
        if usual is None or abs(line.size - self.body_size(line)) > 0.6:
            usual = 1.5 * line.size  # titles: their own size sets the spacing
        return line.band_top - prev.band_top > usual + PARA_GAP * line.size

    def spaced(self, page: _Page) -> bool:
        """Does the page set paragraphs apart by extra space (at least twice), besides tight lines?"""
        pairs = _pitches([it for it in page.items if isinstance(it, _Line)])
        usual = self.pitch.get(round(page.width))
        if usual is None:
            return False
        wide = sum(1 for p, ln in pairs if p > usual + PARA_GAP * ln.size)
        tight = sum(1 for p, ln in pairs if p <= usual + 0.25 * ln.size)
        return wide >= 2 and tight >= 2

    def starts_at_margin(self, line: _Line) -> bool:
        return abs(line.x0 - self.left.get(line.page, line.x0)) <= 0.6 * line.size

    def is_full(self, line: _Line) -> bool:
        return line.x1 >= self.right.get(line.page, line.x1) - FULL_LINE * line.size

    def is_centred(self, line: _Line, *, short: bool) -> bool:
        """Centred on the page; `short`: also narrower than 70% of the text block."""
        width = self.width[line.page]
        if abs((line.x0 + line.x1) / 2 - width / 2) > 1.5 * line.size:
            return False
        text_width = self.right.get(line.page, width) - self.left.get(line.page, 0)
        return not short or (line.x1 - line.x0) < 0.7 * max(text_width, 1.0)


def _continues(prev: _Line, line: _Line, layout: _Layout, spaced: bool) -> bool:
    """Does `line` continue the paragraph whose last line is `prev`? (module docstring)"""
    same_page = prev.page == line.page
    if abs(prev.size - line.size) > 0.6:
        return False
    if same_page and layout.far_below(prev, line):
        return False
    if _CLOSING_START.match(line.text):
        return True
    # a title over two lines: the first may be as wide as the page (a larger font) or short
    if (same_page and not _SENTENCE_END.search(prev.text) and not _HEADING.match(line.text)
            and layout.is_centred(line, short=True)
            and layout.is_centred(prev, short=prev.size <= layout.body_size(prev) + 1)):
        return True
    if _HEADING.match(line.text) or not layout.starts_at_margin(line):
        return False
    if layout.indented:  # a paragraph starts with an indent; a short line ends one only after 。
        return layout.is_full(prev) or not _SENTENCE_END.search(prev.text)
    if not layout.is_full(prev):
        return False
    # without indents, a full line ending a sentence ends the paragraph, unless the page sets
    # paragraphs apart by space and this line follows closely
    tight = same_page and spaced and not layout.far_below(prev, line)
    return tight or not _SENTENCE_END.search(prev.text)


def _looks_like_toc_page(page: _Page, first_title: str | None) -> bool:
    lines = [it for it in page.items if isinstance(it, _Line)]
    if not lines or len(lines) != len(page.items):
        return False
    if first_title and normalise_title(lines[0].text) == first_title:
        return False
    return all(len(ln.text) <= 60 and not re.search(r"[。；，]", ln.text) for ln in lines)


def _union(lines: list[_Line]) -> Box:
    page = lines[0].page
    same = [ln for ln in lines if ln.page == page]
    return _r((min(ln.x0 for ln in same), min(ln.top for ln in same),
               max(ln.x1 for ln in same), max(ln.bottom for ln in same)))


def read(path: str, shown: str | None = None, limits: Limits = DEFAULT_LIMITS) -> SourceDocument:
    """Read a PDF disclosure into a SourceDocument (see the module docstring). `shown` is the path
    as messages and locations print it (ingest.files.display_path)."""
    path = str(path)
    shown = shown or path
    _check_tail(path, shown)
    pages = _load_pages(path, shown, limits)
    for page in pages:
        _drop_page_numbers(page)
    layout = _Layout.measure(pages)
    for page in pages:
        page.spaced = layout.spaced(page)

    blocks: list[Paragraph | RawTable] = []
    toc: list[TocEntry] = []
    counter = 0

    def next_line() -> int:
        nonlocal counter
        counter += 1
        return counter

    def loc(page: int, line: int, bbox: Box) -> Location:
        return Location(file=shown, page=page, page_basis="pdf", line=line, bbox=bbox)

    para: list[_Line] = []
    table: list[_TablePart] = []
    frame: list[_TablePart] = []  # the first part of the table that may go on onto the next page
    continues = [False]  # the parts in `table` continue the table above (RawTable.continues)

    def flush_para() -> Paragraph | None:
        if not para:
            return None
        text, lines = "", []
        for ln in para:
            text = _join(text, ln.text)
            lines.append(TextLine(page=ln.page, start=len(text) - len(ln.text),
                                  box=_r((ln.x0, ln.top, ln.x1, ln.bottom))))
        block = Paragraph(text=text, location=loc(para[0].page, next_line(), _union(para)), lines=tuple(lines))
        blocks.append(block)
        para.clear()
        return block

    def flush_table() -> list[RawRow]:
        if not table:
            return []
        rows = []
        for part in table:
            for cells, boxes in part.rows:
                rows.append(RawRow(cells=cells, line=next_line(), cell_lines=(), page=part.page,
                                   cell_boxes=boxes))
        first = table[0]
        blocks.append(RawTable(rows=tuple(rows), location=loc(first.page, rows[0].line, first.bbox),
                               continues=continues[0]))
        table.clear()
        return rows

    def add_toc_entry(block: Paragraph | None) -> None:
        entry = parse_toc_row([block.text], block.location.line) if block else None
        if entry:
            toc.append(entry)

    toc_mode = False
    toc_first: str | None = None
    for page in pages:
        if toc_mode and not _looks_like_toc_page(page, toc_first):
            add_toc_entry(flush_para())
            toc_mode = False
        for position, item in enumerate(page.items):
            first_on_page = position == 0
            if isinstance(item, _TablePart):
                if toc_mode:
                    add_toc_entry(flush_para())
                flush_para()
                columns = (_column_map(frame[0], item) if table and frame and first_on_page
                           and table[-1].page == page.number - 1 else None)
                if columns is not None:
                    # the frame goes on at the top of this page: its own RawTable, marked as continuing;
                    # recognition joins it unless a title stands first (RawTable.continues)
                    _remap(item, columns, len(frame[0].rows[0][0]))
                    header = frame[0].rows
                    k = 0
                    while k < min(len(header), len(item.rows) - 1) and item.rows[k][0] == header[k][0]:
                        k += 1
                    item.rows = item.rows[k:]
                    flush_table()
                    table.append(item)
                    continues[0] = True
                    continue
                rows = flush_table()
                table.append(item)
                frame[:] = [item]
                continues[0] = False
                if toc_mode:
                    rows = flush_table()
                    for row in rows:
                        entry = parse_toc_row(list(row.cells), row.line)
                        if entry:
                            toc.append(entry)
                continue
            line = item
            flush_table()
            if _TOC_HEADING.match(line.text.replace(" ", "")) and not toc and not toc_mode:
                flush_para()
                para.append(line)
                flush_para()
                toc_mode = True
                continue
            if toc_mode:
                # one paragraph per entry; an entry wrapped onto a second line is one entry
                if not (para and para[-1].page == line.page and not _TOC_PAGE.search(para[-1].text)
                        and _continues(para[-1], line, layout, False)):
                    add_toc_entry(flush_para())
                para.append(line)
                toc_first = toc_first or normalise_title(line.text)
                continue
            if para:
                prev = para[-1]
                same_page = prev.page == line.page
                joinable = same_page or (first_on_page and prev.page == page.number - 1)
                if joinable and _continues(prev, line, layout, page.spaced):
                    para.append(line)
                    continue
                flush_para()
            para.append(line)
    if toc_mode:
        add_toc_entry(flush_para())
    flush_para()
    flush_table()
    return SourceDocument(path=shown, layout="pdf", encoding="binary", page_basis="pdf",
                          blocks=tuple(blocks), toc=tuple(toc), line_count=counter,
                          page_defects=_page_defects(pages, blocks, shown),
                          pages=tuple(PageInfo(number=p.number, width=round(p.width, 2), height=round(p.height, 2),
                                               text=bool(p.items)) for p in pages))


def _page_defects(pages: list[_Page], blocks: list, path: str) -> tuple[PageDefect, ...]:
    """Blank pages and cut lines, each placed at the last block that starts before it."""
    starts = [(b.location.page, b.location.bbox[1] if b.location.bbox else 0.0) for b in blocks]

    def anchor(page: int, top: float) -> int:
        k = bisect_right(starts, (page, top)) - 1
        return blocks[max(k, 0)].location.line if blocks else 0

    out = []
    for page in pages:
        if not page.items and (not page.pictures or page.images):
            kind = "no_text_layer" if page.images else "blank_page"
            out.append(PageDefect(kind=kind, location=Location(
                file=path, page=page.number, page_basis="pdf", line=anchor(page.number, -1.0))))
        for text, box in page.cut:
            out.append(PageDefect(kind="clipped_text", text=text, location=Location(
                file=path, page=page.number, page_basis="pdf", line=anchor(page.number, box[1]), bbox=box)))
    return tuple(out)
