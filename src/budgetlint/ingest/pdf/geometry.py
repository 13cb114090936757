"""Boxes and characters in page space: PDF points from the top-left corner of the page as shown
(its /Rotate applied), x to the right, y down."""

from __future__ import annotations

from dataclasses import dataclass

Box = tuple[float, float, float, float]  # x0, top, x1, bottom


@dataclass(slots=True)
class Char:
    """One character as printed: its text and its em box.

    The box is the character's advance wide and one font size tall, standing on the font's
    descent below the baseline (the box pdfminer gives, so that positions mean what they meant
    before the reader moved to pdfium). `size` is the box's height: the font size as printed.
    """

    text: str
    x0: float
    top: float
    x1: float
    bottom: float
    size: float


def rounded(box: Box) -> Box:
    """A box as the model stores it: to 0.01 point."""
    return (round(box[0], 2), round(box[1], 2), round(box[2], 2), round(box[3], 2))


def intersect(a: Box, b: Box) -> Box:
    return (max(a[0], b[0]), max(a[1], b[1]), min(a[2], b[2]), min(a[3], b[3]))


def union(boxes: list[Box]) -> Box:
    return (min(b[0] for b in boxes), min(b[1] for b in boxes), max(b[2] for b in boxes), max(b[3] for b in boxes))


def centre_inside(c: Char, box: Box) -> bool:
    """Is the character's centre inside `box` (half a point of slack)?"""
    cx, cy = (c.x0 + c.x1) / 2, (c.top + c.bottom) / 2
    return box[0] - 0.5 <= cx <= box[2] + 0.5 and box[1] - 0.5 <= cy <= box[3] + 0.5


def shown_share(c: Char, box: Box) -> float:
    """The share of a character's box inside `box`."""
    width, height = max(c.x1 - c.x0, 0.01), max(c.bottom - c.top, 0.01)
    fx = max(0.0, min(c.x1, box[2]) - max(c.x0, box[0])) / width
    fy = max(0.0, min(c.bottom, box[3]) - max(c.top, box[1])) / height
    return fx * fy
