"""National variants of a real PDF disclosure, made from the PDF itself (issue 10). Imported as a
plain module (conftest.py).

What another province prints of the same tables, done to the published file:

- the tables in another order: the pages of each table (a table with the pages it goes on over)
  move together, with pypdf, the text pages before and after them stay where they are;
- two tables on one page: two pages that each hold one table, with its title and unit line, are
  printed one above the other on one page of the same size (pypdf merge_transformed_page, both
  scaled alike so that they fit, the second right under the first);
- the text and the tables as two files: the text pages in one PDF, the table pages in another;
- other titles: every table title the reader finds is rewritten where the PDF reader gives its
  characters (`retitled_pages`), with another numbering and word order (variants.retitle), on
  every line that prints it alone or after a numbering (the table's own title, a 目录 line). The
  fonts of real PDFs are embedded subsets that lack most of the new characters, so the content
  stream cannot carry the new titles; the characters pdfium reports can, placed in the old
  title's room.

`Variant` says which original pages each page of each file holds, so that a finding's page can
be mapped back: a finding of the variant is the original's when rule, severity, values and
(mapped) page agree.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from unittest import mock

from pypdf import PdfReader, PdfWriter, Transformation
from pypdf.generic import RectangleObject
from variants import retitle

from budgetlint.ingest.pdf import page_objects
from budgetlint.ingest.pdf.geometry import Char
from budgetlint.labels import squeeze
from budgetlint.model import Disclosure, SourceDocument
from budgetlint.model.document import Paragraph, RawTable
from budgetlint.recognize.continuation import join_continuations, part_at_titles
from budgetlint.recognize.national import strip_numbering

MARGIN = 36.0  # points kept free above and below when two pages share one
GAP = 12.0  # points between the first page's content and the second's
CLIP_PAD = 2.0  # points kept around a page's content when it is merged (its frame's rulings)


@dataclass(frozen=True)
class Layout:
    """Where a PDF's tables stand: each table's pages in document order (tables sharing a page are
    one unit), the pages before and after them, and each page's content box (top-down points)."""

    before: tuple[int, ...]
    units: tuple[tuple[int, ...], ...]
    after: tuple[int, ...]
    content: dict[int, tuple[float, float, float, float]]


def layout(disclosure: Disclosure) -> Layout:
    """Where the recognised tables of a PDF stand (pages 1-based). Pages inside the table span that
    hold no table go with the unit after them (a part title page before the first table)."""
    source = disclosure.source
    recognised = {t.location.line for t in disclosure.tables}
    pages_of: list[set[int]] = []
    for block in part_at_titles(join_continuations(source)).blocks:
        if isinstance(block, RawTable) and block.location.line in recognised:
            pages = {r.page for r in block.rows if r.page is not None}
            if pages_of and pages_of[-1] & pages:
                pages_of[-1] |= pages
            else:
                pages_of.append(pages)
    first, last = min(pages_of[0]), max(pages_of[-1])
    units: list[tuple[int, ...]] = []
    waiting: list[int] = []
    for pages in pages_of:
        waiting += [p for p in range(units[-1][-1] + 1 if units else first, min(pages)) if p not in pages]
        units.append(tuple(sorted({*waiting, *pages})))
        waiting = []
    count = len(source.pages)
    return Layout(
        before=tuple(range(1, first)),
        units=tuple(units),
        after=tuple(range(last + 1, count + 1)),
        content=_content_boxes(source),
    )


def _content_boxes(source: SourceDocument) -> dict[int, tuple[float, float, float, float]]:
    """Per page, the box around what it prints: its lines of text, its table frames (empty rows
    too) and every ruling the reader sees (a box drawn above a table is content as well)."""
    boxes: dict[int, list[tuple[float, float, float, float]]] = {}
    for block in source.blocks:
        if isinstance(block, Paragraph):
            for line in block.lines:
                boxes.setdefault(line.page, []).append(line.box)
        elif block.location.page is not None and block.location.bbox is not None:
            boxes.setdefault(block.location.page, []).append(block.location.bbox)
    with page_objects.PdfFile(source.path) as pdf:
        for number in boxes:
            with pdf.page(number - 1) as page:
                for r in page.rulings:
                    box = (
                        (r.start, r.position, r.end, r.position)
                        if r.horizontal
                        else (r.position, r.start, r.position, r.end)
                    )
                    boxes[number].append(box)
    return {
        page: (min(b[0] for b in bs), min(b[1] for b in bs), max(b[2] for b in bs), max(b[3] for b in bs))
        for page, bs in boxes.items()
    }


@dataclass(frozen=True)
class Variant:
    """The files of a variant: per file, per page, the original pages it prints (two when stacked);
    `scaled`: two stacked pages are printed smaller so that they fit the page's height (else the
    page is as tall as they need)."""

    files: tuple[tuple[tuple[int, ...], ...], ...]
    scaled: bool = False

    def where(self) -> dict[int, tuple[int, int]]:
        """original page -> (file index, page in that file), 1-based pages."""
        return {
            original: (f, k + 1)
            for f, pages in enumerate(self.files)
            for k, held in enumerate(pages)
            for original in held
        }


def plan(layout: Layout, order: list[int], stack: int | None, split: bool, scaled: bool = False) -> Variant:
    """The tables' units in `order`; with `stack`, the single-page units at positions `stack` and
    `stack + 1` of the new order on one page (`scaled`: see Variant); with `split`, the table pages
    as a file of their own."""
    units = [layout.units[k] for k in order]
    pages: list[tuple[int, ...]] = []
    k = 0
    while k < len(units):
        if stack == k:
            pages.append((units[k][0], units[k + 1][0]))
            k += 2
            continue
        pages += [(p,) for p in units[k]]
        k += 1
    text = [(p,) for p in (*layout.before, *layout.after)]
    if split:
        return Variant((tuple(text), tuple(pages)), scaled)
    return Variant((tuple([(p,) for p in layout.before] + pages + [(p,) for p in layout.after]),), scaled)


def stackable(layout: Layout, order: list[int]) -> list[int]:
    """Positions k of the new order where units k and k + 1 are one page each: they can share one."""
    one = [len(layout.units[u]) == 1 for u in order]
    return [k for k in range(len(order) - 1) if one[k] and one[k + 1]]


def write(pdf: Path, layout: Layout, variant: Variant, folder: Path) -> list[Path]:
    """The variant's files written into `folder`, named text.pdf / tables.pdf (split) or variant.pdf."""
    reader = PdfReader(pdf)
    names = ["text.pdf", "tables.pdf"] if len(variant.files) == 2 else ["variant.pdf"]
    out = []
    for name, pages in zip(names, variant.files):
        writer = PdfWriter()
        for held in pages:
            if len(held) == 1:
                writer.add_page(reader.pages[held[0] - 1])
            else:
                _stacked(writer, reader, layout, held, variant.scaled)
        path = folder / name
        with open(path, "wb") as fh:
            writer.write(fh)
        out.append(path)
    return out


def _stacked(writer: PdfWriter, reader: PdfReader, layout: Layout, held: tuple[int, ...], scaled: bool) -> None:
    """Pages `held` (two) printed on one page, one under the other, each centred: both scaled by the
    same factor so that they fit the first page's size between its top and bottom margins
    (`scaled`), or at their own size on a page as wide and as tall as they need."""
    sources = [reader.pages[p - 1] for p in held]
    widths = [float(s.mediabox.width) for s in sources]
    width, height = widths[0], float(sources[0].mediabox.height)
    boxes = [layout.content[p] for p in held]
    tall = sum(b[3] - b[1] for b in boxes) + GAP
    if scaled:
        scale = min(1.0, (height - 2 * MARGIN) / tall, *(width / w for w in widths))
    else:
        scale, width, height = 1.0, max(widths), max(height, tall + 2 * MARGIN)
    page = writer.add_blank_page(width=width, height=height)
    top = height - MARGIN  # PDF space (y up): where the next content's top goes
    for source, source_width, (x0, box_top, x1, box_bottom) in zip(sources, widths, boxes):
        # a point at top-down y of its page is at y = page height - y; its content's top lands at `top`
        source_height = float(source.mediabox.height)
        # only the content shows: pypdf clips a merged page to its crop box (a page's white
        # background would cover the other's last row)
        source.cropbox = RectangleObject(
            (x0 - CLIP_PAD, source_height - box_bottom - CLIP_PAD, x1 + CLIP_PAD, source_height - box_top + CLIP_PAD)
        )
        shift_y = top - scale * (source_height - box_top)
        shift_x = (width - scale * source_width) / 2
        page.merge_transformed_page(source, Transformation().scale(scale, scale).translate(shift_x, shift_y))
        top -= scale * (box_bottom - box_top) + GAP


# ----------------------------------------------------------------------------- titles in characters


def new_titles(disclosure: Disclosure, numbering: int, orders: list[bool]) -> dict[str, str]:
    """Each recognised table's title (squeezed) -> its national variant, numbered in document order."""
    titles = [squeeze(t.title) for t in sorted(disclosure.tables, key=lambda t: t.location.line)]
    return {title: retitle(title, k + 1, numbering, orders) for k, title in enumerate(titles)}


def _lines(chars: list[Char]) -> list[list[int]]:
    """Indices of `chars` as printed lines: same baseline (within a point), left to right."""
    order = sorted(range(len(chars)), key=lambda i: (chars[i].bottom, chars[i].x0))
    lines: list[list[int]] = []
    for i in order:
        if lines and abs(chars[lines[-1][0]].bottom - chars[i].bottom) <= 1.0:
            lines[-1].append(i)
        else:
            lines.append([i])
    return [sorted(line, key=lambda i: chars[i].x0) for line in lines]


def retitle_chars(chars: list[Char], titles: dict[str, str]) -> list[tuple[Char, int]]:
    """`chars` with every printed title of `titles` replaced by its new text, where a line prints it
    alone or after a numbering; the new characters fill the old title's width (module docstring).
    Each character comes with the index of the one it stands for (the reader keeps a list of the
    page objects parallel to the characters)."""
    removed: set[int] = set()
    added: list[tuple[Char, int]] = []
    for line in _lines(chars):
        shown = [i for i in line if chars[i].text.strip()]
        text = "".join(chars[i].text for i in shown)
        for old in sorted(titles, key=len, reverse=True):
            at = text.find(old)
            if at < 0 or strip_numbering(text[:at] + old, year=False)[0] != old:
                continue
            run = shown[at : at + len(old)]
            removed.update(run)
            new = titles[old]
            first, last = chars[run[0]], chars[run[-1]]
            step = min((last.x1 - first.x0) / len(new), first.x1 - first.x0)
            added += [
                (Char(ch, first.x0 + k * step, first.top, first.x0 + (k + 1) * step, first.bottom, first.size), run[0])
                for k, ch in enumerate(new)
            ]
            break
    return [(c, i) for i, c in enumerate(chars) if i not in removed] + added


@contextmanager
def retitled_pages(titles: dict[str, str]) -> Iterator[None]:
    """While open, the PDF reader sees every page's characters with `titles` rewritten."""
    original = page_objects.PdfPage.__init__

    def init(self, *args, **kwargs) -> None:
        original(self, *args, **kwargs)
        rewritten = retitle_chars(self.chars, titles)
        self.chars = [c for c, _ in rewritten]
        self._objects = [self._objects[i] for _, i in rewritten]

    with mock.patch.object(page_objects.PdfPage, "__init__", init):
        yield
