"""Typesetting the annotated PDF's first pages: the list of findings, a line each, linked to its page.

No layout library: the page is a content stream written here, in the standard CJK font
STSong-Light (UniGB-UCS2-H, not embedded — every PDF reader that shows Chinese has it or a
substitute, and the text stays searchable and extractable). Lines are wrapped by width (a CJK
character is one em, anything else half an em) and carry on to further pages as needed.
"""

from __future__ import annotations

from dataclasses import dataclass

WIDTH, HEIGHT = 595.0, 842.0  # A4 portrait, in points
MARGIN = 50.0
TITLE_SIZE, BODY_SIZE = 14.0, 9.0
LEADING = 1.5  # line pitch, in font sizes
FONT = "F1"


@dataclass(frozen=True)
class Line:
    """One line to print: its text, and the 0-based page of the output it links to (None: no link)."""

    text: str
    target: int | None = None
    color: tuple[float, float, float] = (0.0, 0.0, 0.0)
    size: float = BODY_SIZE


@dataclass(frozen=True)
class Placed:
    """A printed line: its page of the summary, its rectangle (PDF coordinates) and its link target."""

    page: int
    rect: tuple[float, float, float, float]
    target: int | None


def _ems(ch: str) -> float:
    return 0.5 if ord(ch) < 0x7F else 1.0  # the font's half-width Latin (/W below), all else full width


def wrap(text: str, size: float, width: float = WIDTH - 2 * MARGIN) -> list[str]:
    """`text` in lines no wider than `width` points at font size `size`."""
    lines, current, used = [], "", 0.0
    for ch in text:
        w = _ems(ch) * size
        if used + w > width and current:
            lines.append(current)
            current, used = "   ", 1.5 * size  # a continuation is indented
        current += ch
        used += w
    return [*lines, current] if current else lines


def _show(text: str, x: float, y: float, size: float, color: tuple[float, float, float]) -> bytes:
    code = "".join(ch if ord(ch) <= 0xFFFF else "?" for ch in text).encode("utf-16-be").hex()
    return b"%.3f %.3f %.3f rg BT /%s %.1f Tf %.2f %.2f Td <%s> Tj ET\n" % (
        *color,
        FONT.encode(),
        size,
        x,
        y,
        code.encode(),
    )


def typeset(lines: list[Line]) -> tuple[list[bytes], list[Placed]]:
    """The content streams of the summary pages, and where each linked line stands."""
    pages: list[bytes] = []
    placed: list[Placed] = []
    content, y = b"", HEIGHT - MARGIN
    for line in lines:
        for k, piece in enumerate(wrap(line.text, line.size)):
            pitch = line.size * LEADING
            if y - pitch < MARGIN:
                pages.append(content)
                content, y = b"", HEIGHT - MARGIN
            y -= pitch
            content += _show(piece, MARGIN, y, line.size, line.color)
            if line.target is not None and k == 0:  # a wrapped line is linked once, on its first piece
                width = sum(_ems(ch) for ch in piece) * line.size
                placed.append(
                    Placed(len(pages), (MARGIN, y - 0.25 * line.size, MARGIN + width, y + line.size), line.target)
                )
    pages.append(content)
    return pages, placed


def font_resources():
    """The /Resources dictionary the summary pages use (pypdf objects)."""
    from pypdf.generic import ArrayObject, DictionaryObject, NameObject, NumberObject, TextStringObject

    cid = DictionaryObject(
        {
            NameObject("/Type"): NameObject("/Font"),
            NameObject("/Subtype"): NameObject("/CIDFontType0"),
            NameObject("/BaseFont"): NameObject("/STSong-Light"),
            NameObject("/CIDSystemInfo"): DictionaryObject(
                {
                    NameObject("/Registry"): TextStringObject("Adobe"),
                    NameObject("/Ordering"): TextStringObject("GB1"),
                    NameObject("/Supplement"): NumberObject(4),
                }
            ),
            NameObject("/FontDescriptor"): DictionaryObject(
                {
                    NameObject("/Type"): NameObject("/FontDescriptor"),
                    NameObject("/FontName"): NameObject("/STSong-Light"),
                    NameObject("/Flags"): NumberObject(6),
                    NameObject("/FontBBox"): ArrayObject([NumberObject(v) for v in (-25, -254, 1000, 880)]),
                    NameObject("/ItalicAngle"): NumberObject(0),
                    NameObject("/Ascent"): NumberObject(880),
                    NameObject("/Descent"): NumberObject(-120),
                    NameObject("/CapHeight"): NumberObject(880),
                    NameObject("/StemV"): NumberObject(93),
                }
            ),
            NameObject("/DW"): NumberObject(1000),
            # Adobe-GB1's proportional Latin (CIDs 1-95, what UniGB-UCS2-H maps ASCII to) at half width
            NameObject("/W"): ArrayObject([NumberObject(1), NumberObject(95), NumberObject(500)]),
        }
    )
    font = DictionaryObject(
        {
            NameObject("/Type"): NameObject("/Font"),
            NameObject("/Subtype"): NameObject("/Type0"),
            NameObject("/BaseFont"): NameObject("/STSong-Light"),
            NameObject("/Encoding"): NameObject("/UniGB-UCS2-H"),
            NameObject("/DescendantFonts"): ArrayObject([cid]),
        }
    )
    return DictionaryObject({NameObject("/Font"): DictionaryObject({NameObject("/" + FONT): font})})
