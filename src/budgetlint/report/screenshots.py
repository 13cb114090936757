"""Pictures of where findings stand on the page (the 检查表's 问题截图), rendered with pypdfium2.

A finding's region is the band of its page holding its boxes on that page (the page of its first
place), the width of the page's text, with a line or so above and below; each box is outlined
in the severity's colour. The pictures of one 检查表 row are stacked into one image, each under
its number, so the picture lines up with the numbered sentences beside it. A finding known only
by its page (a blank or scanned page) shows the top of that page.
"""

from __future__ import annotations

import io
from collections.abc import Iterable
from typing import TYPE_CHECKING

from budgetlint.model import Finding, Location

if TYPE_CHECKING:  # Pillow is imported only when pictures are drawn
    from PIL.Image import Image

SCALE = 1.5  # pixels per point
CONTEXT = 18.0  # points shown above and below the boxes
MAX_BAND = 260.0  # points: a taller region is cut to its first part (a long column sum)
WIDTH_PX = 620  # every picture is scaled to this width, so a row's pictures line up
OUTLINE = {"error": (230, 30, 30), "warning": (240, 140, 0), "info": (40, 140, 210)}


class PageRenderer:
    """Renders pages of one PDF, each once, keeping the images for the findings on them."""

    def __init__(self, path: str) -> None:
        import pypdfium2 as pdfium

        self.document = pdfium.PdfDocument(path)
        self.pages: dict[int, Image] = {}

    def page(self, number: int) -> Image:
        if number not in self.pages:
            self.pages[number] = self.document[number - 1].render(scale=SCALE).to_pil().convert("RGB")
        return self.pages[number]

    def close(self) -> None:
        self.document.close()


def _places(f: Finding) -> tuple[int, list[Location]] | None:
    """The PDF page of `f`'s first place and its places on that page; None when it has no place on a PDF page."""
    first = f.locations[0] if f.locations else None
    if first is None or first.page is None or first.page_basis != "pdf":
        return None
    return first.page, [loc for loc in f.locations if loc.page == first.page]


def region(renderer: PageRenderer, f: Finding) -> Image | None:
    """The picture of `f`'s region, or None when it has no place on a PDF page."""
    from PIL import ImageDraw

    placed = _places(f)
    if placed is None:
        return None
    page, places = placed
    image = renderer.page(page).copy()
    boxes = [loc.bbox for loc in places if loc.bbox is not None]
    draw = ImageDraw.Draw(image)
    for x0, top, x1, bottom in boxes:
        draw.rectangle(
            [x0 * SCALE - 2, top * SCALE - 2, x1 * SCALE + 2, bottom * SCALE + 2], outline=OUTLINE[f.severity], width=3
        )
    width, height = image.size
    if boxes:
        top = max(min(b[1] for b in boxes) - CONTEXT, 0.0)
        bottom = min(max(b[3] for b in boxes) + CONTEXT, top + MAX_BAND)
    else:
        top, bottom = 0.0, MAX_BAND
    picture = image.crop((0, int(top * SCALE), width, min(int(bottom * SCALE), height)))
    scale = WIDTH_PX / picture.size[0]
    return picture.resize((WIDTH_PX, max(1, int(picture.size[1] * scale))))


def row_picture(renderer: PageRenderer, numbered: Iterable[tuple[int, Finding]]) -> bytes | None:
    """The regions of a row's findings stacked under their numbers, as PNG bytes (None: nothing to show)."""
    from PIL import Image, ImageDraw

    pictures = [(n, picture) for n, f in numbered if (picture := region(renderer, f)) is not None]
    if not pictures:
        return None
    label = 16
    height = sum(p.size[1] + label for _, p in pictures)
    sheet = Image.new("RGB", (WIDTH_PX, height), "white")
    draw = ImageDraw.Draw(sheet)
    y = 0
    for n, picture in pictures:
        draw.text((4, y + 2), f"{n}.", fill=(0, 0, 0))
        sheet.paste(picture, (0, y + label))
        y += picture.size[1] + label
    buffer = io.BytesIO()
    sheet.save(buffer, format="PNG")
    return buffer.getvalue()
