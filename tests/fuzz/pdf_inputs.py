"""Hypothesis strategies: PDFs, two ways.

- Built: pages drawn as content streams (fixtures/make_case_pdfs.py writes the file): text at any
  size and place (a glyph taller than the page, text off the page, font size 0), clipping
  rectangles, ruled grids that read as tables, odd matrices, numbers from the edge of their
  domain; then, often, broken by the byte edits below.
- Mutated: the fixture PDFs and the rule-case PDFs, edited as bytes (flips, cuts, repeats, junk
  before %PDF and after %%EOF, the page tree's keys renamed so no page list can be built,
  /MediaBox removed) or through a content stream (inflated, its numbers and operators edited,
  deflated again, with or without the right /Length).
"""

from __future__ import annotations

import re
import zlib
from functools import cache
from pathlib import Path

from harness import FuzzInput
from hypothesis import strategies as st
from make_case_pdfs import pdf_bytes

REPO = Path(__file__).resolve().parents[2]
PDFS = sorted((REPO / "fixtures" / "pdf").glob("*.pdf")) + sorted((REPO / "rules" / "document").glob("*.pdf"))

fractions = st.floats(0, 1, exclude_max=True)
_SIZES = [0, 0.01, 1, 9, 12, 18, 100, 1000, 50_000, 1e6]
_COORDS = st.one_of(st.floats(-100, 900), st.sampled_from([-1e6, 0, 1e6, 1e9]))
_WORDS = [
    "合计",
    "一般公共预算",
    "8,50.25万元",
    "比上年增加1.5万元，增长1%",
    "1,234.56",
    "—",
    "9" * 40,
    "（一）",
    "单位：万元",
    "预算收支总表",
    "占比10%",
    "2024年",
    "目录",
    "3",
    "注：本表无数据",
]


def _text(x: float, y: float, size: float, text: str) -> bytes:
    return b"BT /F1 %g Tf %g %g Td <%s> Tj ET\n" % (size, x, y, text.encode("utf-16-be").hex().encode())


_ops = st.one_of(
    st.builds(_text, _COORDS, _COORDS, st.sampled_from(_SIZES), st.sampled_from(_WORDS)),
    st.builds(lambda x, y, w, h: b"q %g %g %g %g re W n\n" % (x, y, w, h), _COORDS, _COORDS, _COORDS, _COORDS),
    st.just(b"Q\n"),
    st.builds(lambda x, y, w, h: b"0.5 w %g %g %g %g re S\n" % (x, y, w, h), _COORDS, _COORDS, _COORDS, _COORDS),
    st.builds(
        lambda a, d: b"%g 0 0 %g 0 0 cm\n" % (a, d),
        st.sampled_from([0, -1, 1e-9, 1e9, 2]),
        st.sampled_from([0, -1, 1e-9, 1e9, 2]),
    ),
    st.sampled_from([b"1 0 0 /x 0 0 cm\n", b"BT ET\n", b"ET\n", b"(unclosed Tj\n", b"[1 2 3] 0 d\n", b"/F9 12 Tf\n"]),
)


def _grid(x: float, y: float, rows: int, columns: int, cell: tuple[float, float], texts: list[str]) -> bytes:
    """A ruled table: every cell a stroked rectangle with a word in it."""
    w, h = cell
    out = b""
    for r in range(rows):
        for c in range(columns):
            out += b"0.5 w %g %g %g %g re S\n" % (x + c * w, y - r * h, w, h)
            out += _text(x + c * w + 2, y - r * h + 3, 9, texts[(r * columns + c) % len(texts)])
    return out


_grids = st.builds(
    _grid,
    st.floats(20, 300),
    st.floats(200, 800),
    st.integers(1, 12),
    st.integers(1, 8),
    st.tuples(st.sampled_from([0.1, 40, 80]), st.sampled_from([0.1, 14, 20])),
    st.lists(st.sampled_from(_WORDS), min_size=1, max_size=8),
)
_pages = st.lists(st.one_of(_ops, _grids), min_size=0, max_size=25).map(b"".join)


@st.composite
def built_pdf(draw) -> tuple[bytes, str]:
    pages = draw(st.lists(_pages, min_size=1, max_size=6))
    return pdf_bytes(pages, compress=draw(st.booleans())), f"built, {len(pages)} pages"


# ---------------------------------------------------------------------------------------------
# byte and stream edits
# ---------------------------------------------------------------------------------------------


def _at(fraction: float, size: int) -> int:
    return min(int(fraction * size), max(size - 1, 0))


_STREAM = re.compile(rb"stream\r?\n")
_NUMBER = re.compile(rb"-?\d+(?:\.\d+)?")


def _edit_stream(data: bytes, fraction: float, edit) -> bytes:
    """Inflate the chosen stream, `edit` its content, deflate it back (its /Length left as was)."""
    starts = [m.end() for m in _STREAM.finditer(data) if data[max(0, m.start() - 3) : m.start()] != b"end"]
    if not starts:
        return data
    start = starts[_at(fraction, len(starts))]
    end = data.find(b"endstream", start)
    if end < 0:
        return data
    raw = data[start:end].rstrip(b"\r\n")
    try:
        content, packed = zlib.decompress(raw), True
    except zlib.error:
        content, packed = raw, False
    content = edit(content)
    return data[:start] + (zlib.compress(content) if packed else content) + b"\n" + data[end:]


_content_edits = st.one_of(
    st.sampled_from([b"1e6", b"-1", b"0", b"99999999999", b"1e-9", b"nan"]).map(
        lambda value: lambda content: _NUMBER.sub(value, content, count=25)
    ),
    st.sampled_from([b"Tf", b"Tj", b"TJ", b"re", b"cm", b"BT", b"ET", b"W", b"q", b"Q"]).map(
        lambda op: lambda content: content.replace(op, b"", 3)
    ),
    st.builds(lambda junk: lambda content: junk + content, st.binary(max_size=64)),
    st.just(lambda content: content * 3),
    st.just(lambda content: content[: len(content) // 2]),
    st.just(lambda content: b"/F1 100000 Tf " + content),
)

_byte_edits = st.one_of(
    st.builds(
        lambda f, b: lambda d: d[: _at(f, len(d))] + bytes([b]) + d[_at(f, len(d)) + 1 :],
        fractions,
        st.integers(0, 255),
    ),
    st.builds(lambda f: lambda d: d[: _at(f, len(d))], fractions),
    st.builds(lambda f: lambda d: d[: _at(f, len(d))] + b"\n%%EOF\n", fractions),
    st.builds(lambda f, g: lambda d: d[: _at(f, len(d))] + d[_at(g, len(d)) :], fractions, fractions),
    st.builds(
        lambda f, g: lambda d: d[: _at(g, len(d))] + d[_at(f, len(d)) : _at(f, len(d)) + 4096] + d[_at(g, len(d)) :],
        fractions,
        fractions,
    ),
    st.builds(lambda junk: lambda d: junk + d, st.binary(min_size=1, max_size=900)),
    st.builds(lambda n: lambda d: d + b"\0" * n, st.integers(1, 20_000)),
    st.sampled_from(
        [
            (b"/MediaBox", b"/MediaBux"),
            (b"/Kids", b"/Kidz"),
            (b"/Pages", b"/Pagez"),
            (b"/Count", b"/Cnt"),
            (b"/Root", b"/Rooo"),
            (b"/Length", b"/Lenght"),
            (b"/FlateDecode", b"/FlateDekode"),
            (b"/Type /Page", b"/Type /Pages"),
            (b"/Parent", b"/Kids [1 0 R] /Parent"),
            (b"startxref", b"startxrof"),
            (b"/Font", b"/Fonts"),
            (b"/Count ", b"/Count 999999999"),
        ]
    ).map(lambda pair: lambda d: d.replace(pair[0], pair[1])),
    st.builds(lambda f, e: lambda d: _edit_stream(d, f, e), fractions, _content_edits),
    st.builds(
        lambda f, n: lambda d: d[: _at(f, len(d))] + bytes(n) + d[_at(f, len(d)) :], fractions, st.integers(1, 5000)
    ),
)


@cache
def fixture_bytes(path: Path) -> bytes:
    return path.read_bytes()


@st.composite
def pdf_jobs(draw, fixtures: bool = True) -> FuzzInput:
    """A PDF made or mutated; `fixtures=False` keeps to built PDFs (fast: for the short run)."""
    if fixtures and draw(st.booleans()):
        path = draw(st.sampled_from(PDFS))
        data, note = fixture_bytes(path), path.name
        edits = draw(st.lists(_byte_edits, min_size=1, max_size=2))
    else:
        data, note = draw(built_pdf())
        edits = draw(st.lists(_byte_edits, max_size=3))
    for edit in edits:
        data = edit(data)
    return FuzzInput(
        kind="pdf",
        args=("check", "mutant.pdf", "--format", "json"),
        files=(("mutant.pdf", data),),
        note=f"{note}, {len(edits)} edits, {len(data)} bytes",
    )
