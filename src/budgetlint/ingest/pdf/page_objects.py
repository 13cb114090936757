"""What a PDF page draws, read with pdfium (pypdfium2): characters, ruling lines, pictures, clips.

This is the only module that calls pdfium. Everything it returns is in page space
(geometry.py): the page's /Rotate is applied, so a landscape page turned by /Rotate reads as it
is shown.

* Characters come from pdfium's text page in its order, blanks and the characters pdfium makes
  up (spaces, line breaks: no text object draws them) left out; lines are rebuilt from positions.
  A glyph the font maps to no Unicode reads as U+FFFD. Each character gets its em box
  (geometry.Char): for text upright on the page, the advance pdfium measures, one font size tall,
  on the font's descent. Text set at an angle keeps the box pdfium gives (the glyph's extent).
* Ruling lines are the horizontal and vertical straight segments of every painted path (filled or
  stroked, a rectangle's four sides included), at any depth of form XObjects: what a ruled table is
  drawn with. An image, a shading or a Bézier segment makes the page a picture (it is not blank
  without text); a page of straight lines alone (an empty table frame) is not one.
* A character's clipping box is the intersection of the bounding boxes of its text object's
  clipping paths. Reading a clip costs some twenty calls and some generators make every character
  an object: on one baseline, the clip read for an earlier character is reused when it spans this
  one (the cells of a table row have clips of their own, so they are read apart).

Bad input raises InputError: 已加密 (a password or an unsupported security handler), 文件损坏或不完整
(pdfium cannot parse the file or a page).
"""

from __future__ import annotations

import ctypes
import logging
import mmap
import threading
from ctypes import CFUNCTYPE, byref, c_double, c_float, c_int, c_void_p
from dataclasses import dataclass
from typing import Self

import pypdfium2 as pdfium
from pypdfium2 import raw

from budgetlint.errors import InputError
from budgetlint.ingest.pdf.geometry import Box, Char, intersect

UPRIGHT_SLACK = 1e-6  # matrix entries below this are zero: the text is not turned
log = logging.getLogger(__name__)

RULING_SLANT = 0.01  # points: a segment whose ends differ by no more across it is straight
# (a page turned by a `cm` with cos 90° = 6e-17 draws its rules a hair off square)


def _plain(fn, restype, *argtypes):
    """The same pdfium function with plain pointer types: handles come back as ints (usable as
    dict keys) and calls skip pypdfium2's type checks. Used for the calls made once per character."""
    return ctypes.cast(fn, CFUNCTYPE(restype, *argtypes))


_loose_box = _plain(raw.FPDFText_GetLooseCharBox, c_int, c_void_p, c_int, c_void_p)
_origin = _plain(raw.FPDFText_GetCharOrigin, c_int, c_void_p, c_int, c_void_p, c_void_p)
_text_object = _plain(raw.FPDFText_GetTextObject, c_void_p, c_void_p, c_int)
_map_error = _plain(raw.FPDFText_HasUnicodeMapError, c_int, c_void_p, c_int)
_matrix = _plain(raw.FPDFPageObj_GetMatrix, c_int, c_void_p, c_void_p)
_font_size = _plain(raw.FPDFTextObj_GetFontSize, c_int, c_void_p, c_void_p)
_font = _plain(raw.FPDFTextObj_GetFont, c_void_p, c_void_p)
_descent = _plain(raw.FPDFFont_GetDescent, c_int, c_void_p, c_float, c_void_p)
_clip_path = _plain(raw.FPDFPageObj_GetClipPath, c_void_p, c_void_p)
_clip_paths = _plain(raw.FPDFClipPath_CountPaths, c_int, c_void_p)
_clip_segments = _plain(raw.FPDFClipPath_CountPathSegments, c_int, c_void_p, c_int)
_clip_segment = _plain(raw.FPDFClipPath_GetPathSegment, c_void_p, c_void_p, c_int, c_int)
_point = _plain(raw.FPDFPathSegment_GetPoint, c_int, c_void_p, c_void_p, c_void_p)
_segment_type = _plain(raw.FPDFPathSegment_GetType, c_int, c_void_p)
_segment_closes = _plain(raw.FPDFPathSegment_GetClose, c_int, c_void_p)
_path_segments = _plain(raw.FPDFPath_CountSegments, c_int, c_void_p)
_path_segment = _plain(raw.FPDFPath_GetPathSegment, c_void_p, c_void_p, c_int)
_draw_mode = _plain(raw.FPDFPath_GetDrawMode, c_int, c_void_p, c_void_p, c_void_p)
_object_type = _plain(raw.FPDFPageObj_GetType, c_int, c_void_p)
_form_count = _plain(raw.FPDFFormObj_CountObjects, c_int, c_void_p)
_form_object = _plain(raw.FPDFFormObj_GetObject, c_void_p, c_void_p, c_int)
_page_objects = _plain(raw.FPDFPage_CountObjects, c_int, c_void_p)
_page_object = _plain(raw.FPDFPage_GetObject, c_void_p, c_void_p, c_int)
_count_chars = _plain(raw.FPDFText_CountChars, c_int, c_void_p)
_get_text = _plain(raw.FPDFText_GetText, c_int, c_void_p, c_int, c_int, c_void_p)
_unicode = _plain(raw.FPDFText_GetUnicode, ctypes.c_uint, c_void_p, c_int)


@dataclass(frozen=True, slots=True)
class Ruling:
    """A horizontal or vertical straight segment of a painted path, in page space."""

    horizontal: bool
    position: float  # y of a horizontal ruling, x of a vertical one
    start: float  # smaller x (horizontal) or top (vertical)
    end: float


class _PageSpace:
    """PDF user space -> page space: (x, y) -> (a·x + c·y + e, b·x + d·y + f), y growing down."""

    def __init__(self, mediabox: tuple[float, float, float, float], rotation: int) -> None:
        x0, x1 = sorted((mediabox[0], mediabox[2]))
        y0, y1 = sorted((mediabox[1], mediabox[3]))
        self.a, self.b, self.c, self.d, self.e, self.f = {
            0: (1, 0, 0, -1, -x0, y1),
            90: (0, 1, 1, 0, -y0, -x0),
            180: (-1, 0, 0, 1, x1, -y0),
            270: (0, -1, -1, 0, y1, x1),
        }[rotation % 360]
        self.width, self.height = (x1 - x0, y1 - y0) if rotation % 180 == 0 else (y1 - y0, x1 - x0)

    def point(self, x: float, y: float) -> tuple[float, float]:
        return self.a * x + self.c * y + self.e, self.b * x + self.d * y + self.f

    def box(self, xs: list[float], ys: list[float]) -> Box:
        """The page-space bounding box of PDF points."""
        px = [self.a * x + self.c * y + self.e for x, y in zip(xs, ys)]
        py = [self.b * x + self.d * y + self.f for x, y in zip(xs, ys)]
        return (min(px), min(py), max(px), max(py))


# pdfium may not be called from two threads at once (a Dask worker runs its jobs in threads); one
# thread may hold two files open
_PDFIUM = threading.RLock()


class PdfFile:
    """An open PDF; `page(i)` reads what page i draws. Use as a context manager: while it is open,
    this process reads no other PDF (pdfium is not thread-safe). `shown` is the path as messages
    print it.

    Closing never hides why reading failed: a failure to close while another error is on its way
    is logged at debug level (-v) and the first error goes on."""

    def __init__(self, path: str, shown: str | None = None) -> None:
        self.path = shown or path
        _PDFIUM.acquire()
        try:
            self._doc = pdfium.PdfDocument(path)
        except pdfium.PdfiumError as exc:
            _PDFIUM.release()
            if exc.err_code in (raw.FPDF_ERR_PASSWORD, raw.FPDF_ERR_SECURITY) and _names_encryption(path):
                raise InputError("PDF 已加密", path=self.path, hint="请提供未加密、无需密码即可打开的 PDF") from exc
            reason = "文件无法打开" if exc.err_code == raw.FPDF_ERR_FILE else _NOT_OPENED
            raise corrupt(self.path, exc, reason) from exc
        except BaseException:
            _PDFIUM.release()
            raise

    def __enter__(self) -> Self:
        return self

    def __exit__(self, kind: type[BaseException] | None, *exc: object) -> None:
        try:
            self._doc.close()
        except Exception as error:
            if kind is None:
                raise corrupt(self.path, error) from error
            log.debug("closing %s failed while an error was raised", self.path, exc_info=True)
        finally:
            _PDFIUM.release()

    def __len__(self) -> int:
        try:
            return len(self._doc)
        except Exception as exc:  # no page tree pdfium can count
            raise corrupt(self.path, exc) from exc

    def page(self, index: int) -> PdfPage:
        """Page `index` (0-based), open until closed."""
        return PdfPage(self._doc, index, self.path)


def _names_encryption(path: str) -> bool:
    """The file has an /Encrypt entry. pdfium's last error is not reset by a load that fails
    without one of its own (a file without a page tree says "success"): after an encrypted PDF, the
    same process would call the next broken one encrypted too."""
    with open(path, "rb") as fh, mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ) as data:
        return data.find(b"/Encrypt") >= 0


class PdfPage:
    """What one page draws: `chars`, `rulings`, `pictures`; `clips()` reads each character's
    clipping box. Open (pdfium holds the page) until closed; use as a context manager."""

    def __init__(self, doc: pdfium.PdfDocument, index: int, path: str) -> None:
        self.number = index + 1
        self._path = path
        self._page = self._text_page = None
        try:
            self._page = doc[index]
            self._space = _PageSpace(_media_box(self._page), self._page.get_rotation())
            self._text_page = raw.FPDFText_LoadPage(self._page.raw)
            if not self._text_page:
                raise RuntimeError("FPDFText_LoadPage failed")
            self.chars, self._objects = _chars(_address(self._text_page), self._space)
            self.rulings: list[Ruling] = []
            # pictures: an image or a curve (the page is not blank without text); images: a scan
            self.pictures, self.images = _drawings(_address(self._page.raw), self._space, self.rulings)
        except Exception as exc:  # pdfium could not read the page: the file is damaged
            try:
                self.close()
            except Exception:  # a second failure must not hide the first
                log.debug("closing page %d of %s failed", self.number, path, exc_info=True)
            raise corrupt(path, exc) from exc
        self.width, self.height = self._space.width, self._space.height

    def clips(self) -> list[Box | None]:
        """Each character's clipping box (None: not clipped)."""
        return _clips(self.chars, self._objects, self._space)

    def close(self) -> None:
        if self._text_page:
            raw.FPDFText_ClosePage(self._text_page)
            self._text_page = None
        if self._page is not None:
            self._page.close()
            self._page = None

    def __enter__(self) -> Self:
        return self

    def __exit__(self, kind: type[BaseException] | None, *exc: object) -> None:
        try:
            self.close()
        except Exception as error:  # as PdfFile: a failed close never hides why reading failed
            if kind is None:
                raise corrupt(self._path, error) from error
            log.debug("closing page %d of %s failed while an error was raised", self.number, self._path, exc_info=True)


def _media_box(page: pdfium.PdfPage) -> tuple[float, float, float, float]:
    """The page's /MediaBox, inherited from the page tree when the page has none of its own.

    pdfium's FPDFPage_GetMediaBox reads only the page's own dictionary: a file that states the box
    once on its /Pages node (valid, and some producers do) would read as 612 × 792 pt, cutting an A4
    landscape table's right-hand columns off and making hundreds of false findings.
    FPDF_GetPageBoundingBox inherits (it is the box intersected with the /CropBox, which is what a
    viewer shows); it falls back to 612 × 792 as viewers do when no node states a box at all."""
    return page.get_mediabox(fallback_ok=False) or page.get_bbox()


def _address(handle: ctypes._Pointer) -> int:
    """A pypdfium2 handle as the int the functions of this module take."""
    return ctypes.cast(handle, c_void_p).value or 0


# why pdfium could not open a file (it often says no more than "failed"): the file or its structure
_NOT_OPENED = "文件结构无法解析（交叉引用表、文档目录或页面树缺失或损坏）"


def corrupt(path: str, exc: BaseException, reason: str | None = None) -> InputError:
    reason = reason or f"无法解析：{type(exc).__name__}"
    return InputError("PDF 文件损坏或不完整", path=path, hint=f"{reason}；请重新下载或重新导出该 PDF")


def _page_text(text_page: int, count: int) -> str:
    """All characters of the text page, one per index."""
    buffer = ctypes.create_string_buffer(2 * (count + 1))
    written = _get_text(text_page, 0, count, buffer)
    text = buffer.raw[: 2 * max(written - 1, 0)].decode("utf-16-le", errors="replace")
    if len(text) != count:  # characters outside the BMP take two UTF-16 units: ask one by one
        text = "".join(chr(_unicode(text_page, k)) for k in range(count))
    return text


def _chars(text_page: int, space: _PageSpace) -> tuple[list[Char], list[int]]:
    """The page's characters (blanks left out) and the text object each belongs to."""
    text = _page_text(text_page, _count_chars(text_page))
    rect, ox, oy = raw.FS_RECTF(), c_double(), c_double()
    matrix, size, descent = raw.FS_MATRIX(), c_float(), c_float()
    p_rect, p_ox, p_oy = byref(rect), byref(ox), byref(oy)
    p_matrix, p_size, p_descent = byref(matrix), byref(size), byref(descent)
    a, b, c, d, e, f = space.a, space.b, space.c, space.d, space.e, space.f
    # per text object: (upright, font size in page space, depth of the descent in page space)
    styles: dict[int, tuple[bool, float, float]] = {}
    chars: list[Char] = []
    objects: list[int] = []
    for k, ch in enumerate(text):
        if ch.isspace():
            continue
        obj = _text_object(text_page, k)
        if not obj:  # a character pdfium made up (a hyphen, a break), not one the page draws
            continue
        _loose_box(text_page, k, p_rect)
        style = styles.get(obj)
        if style is None:
            matrix.a, matrix.b, matrix.c, matrix.d = 1.0, 0.0, 0.0, 1.0
            size.value = descent.value = 0.0
            _matrix(obj, p_matrix)
            _font_size(obj, p_size)
            font = _font(obj)
            if font:
                _descent(font, size.value, p_descent)
            # the object's matrix seen in page space (y up): upright when it only scales
            ma, mb = a * matrix.a + c * matrix.b, -(b * matrix.a + d * matrix.b)
            mc, md = a * matrix.c + c * matrix.d, -(b * matrix.c + d * matrix.d)
            upright = abs(mb) < UPRIGHT_SLACK and abs(mc) < UPRIGHT_SLACK and ma > 0 and md > 0
            scale = md if upright else abs(ma * md - mb * mc) ** 0.5
            style = styles[obj] = (upright, size.value * scale, abs(descent.value) * scale)
        if _map_error(text_page, k):
            ch = "\ufffd"
        xs, ys = (rect.left, rect.right, rect.left, rect.right), (rect.bottom, rect.bottom, rect.top, rect.top)
        px = [a * x + c * y + e for x, y in zip(xs, ys)]
        x0, x1 = min(px), max(px)
        if style[0]:
            # the em box: one font size tall, its bottom at the descent below the baseline
            _origin(text_page, k, p_ox, p_oy)
            baseline = b * ox.value + d * oy.value + f
            bottom = baseline + style[2]
            top = bottom - style[1]
            chars.append(Char(ch, x0, top, x1, bottom, style[1]))
        else:
            py = [b * x + d * y + f for x, y in zip(xs, ys)]
            chars.append(Char(ch, x0, min(py), x1, max(py), style[1]))
        objects.append(obj)
    return chars, objects


def _clips(chars: list[Char], objects: list[int], space: _PageSpace) -> list[Box | None]:
    """Each character's clipping box (module docstring)."""
    x, y = c_float(), c_float()
    p_x, p_y = byref(x), byref(y)
    read: dict[int, Box | None] = {}
    line_clips: dict[float, Box | None] = {}  # baseline -> the clip last read there
    out: list[Box | None] = []
    for ch, obj in zip(chars, objects):
        if obj in read:
            out.append(read[obj])
            continue
        baseline = round(ch.bottom, 1)
        box = line_clips.get(baseline)
        if box is None or not box[0] <= (ch.x0 + ch.x1) / 2 <= box[2]:
            box = None
            clip = _clip_path(obj)
            for n in range(_clip_paths(clip) if clip else 0):
                xs, ys = [], []
                for s in range(_clip_segments(clip, n)):
                    _point(_clip_segment(clip, n, s), p_x, p_y)
                    xs.append(x.value)
                    ys.append(y.value)
                if xs:
                    path_box = space.box(xs, ys)
                    box = path_box if box is None else intersect(box, path_box)
            line_clips[baseline] = box
        read[obj] = box
        out.append(box)
    return out


_IDENTITY = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)


def _compose(m: tuple[float, ...], n: tuple[float, ...]) -> tuple[float, ...]:
    """m then n, as PDF matrices [a b c d e f]."""
    a, b, c, d, e, f = m
    na, nb, nc, nd, ne, nf = n
    return (
        a * na + b * nc,
        a * nb + b * nd,
        c * na + d * nc,
        c * nb + d * nd,
        e * na + f * nc + ne,
        e * nb + f * nd + nf,
    )


def _drawings(page: int, space: _PageSpace, rulings: list[Ruling]) -> tuple[bool, bool]:
    """Append the page's ruling lines to `rulings`; return whether it has a picture (an image, a
    shading or a curve) and whether it has an image."""
    matrix = raw.FS_MATRIX()
    fill, stroke = c_int(), c_int()
    x, y = c_float(), c_float()
    p_matrix, p_fill, p_stroke, p_x, p_y = byref(matrix), byref(fill), byref(stroke), byref(x), byref(y)
    pictures = images = False

    def walk(objects: list[int], outer: tuple[float, ...]) -> None:
        nonlocal pictures, images
        for obj in objects:
            kind = _object_type(obj)
            if kind == raw.FPDF_PAGEOBJ_IMAGE or kind == raw.FPDF_PAGEOBJ_SHADING:
                pictures = True
                images = images or kind == raw.FPDF_PAGEOBJ_IMAGE
                continue
            if kind not in (raw.FPDF_PAGEOBJ_PATH, raw.FPDF_PAGEOBJ_FORM):
                continue
            _matrix(obj, p_matrix)
            m = _compose((matrix.a, matrix.b, matrix.c, matrix.d, matrix.e, matrix.f), outer)
            if kind == raw.FPDF_PAGEOBJ_FORM:
                walk([_form_object(obj, i) for i in range(_form_count(obj))], m)
                continue
            _draw_mode(obj, p_fill, p_stroke)
            if not fill.value and not stroke.value:
                continue  # a path neither filled nor stroked draws nothing
            figure: list[tuple[float, float]] = []
            for i in range(_path_segments(obj)):
                segment = _path_segment(obj, i)
                _point(segment, p_x, p_y)
                kind = _segment_type(segment)
                point = space.point(m[0] * x.value + m[2] * y.value + m[4], m[1] * x.value + m[3] * y.value + m[5])
                if kind == raw.FPDF_SEGMENT_MOVETO:
                    figure = [point]
                elif kind == raw.FPDF_SEGMENT_BEZIERTO:
                    pictures = True
                    figure.append(point)
                    continue
                else:
                    _add_ruling(figure[-1] if figure else point, point, rulings)
                    figure.append(point)
                if _segment_closes(segment) and figure:
                    _add_ruling(point, figure[0], rulings)

    walk([_page_object(page, i) for i in range(_page_objects(page))], _IDENTITY)
    return pictures, images


def _add_ruling(p: tuple[float, float], q: tuple[float, float], rulings: list[Ruling]) -> None:
    dx, dy = abs(p[0] - q[0]), abs(p[1] - q[1])
    if dy <= RULING_SLANT < dx:
        rulings.append(Ruling(True, (p[1] + q[1]) / 2, min(p[0], q[0]), max(p[0], q[0])))
    elif dx <= RULING_SLANT < dy:
        rulings.append(Ruling(False, (p[0] + q[0]) / 2, min(p[1], q[1]), max(p[1], q[1])))
