"""How large a PDF's streams become when decompressed, measured before any parser decodes them.

A PDF parser inflates a Flate (or LZW) stream in one piece: a 1.5 MB stream of zeros becomes 4 GB
in memory ("Flate bomb"). This module walks the file's bytes for `stream` keywords, reads the
stream's dictionary just before it, and inflates every stream whose filters expand (FlateDecode,
LZWDecode, possibly chained) piece by piece, counting the output and stopping as soon as the sum
over the document passes Limits.decompressed_mb. Nothing is kept, so the count costs memory of one
piece. Image XObjects are not counted: text extraction never decodes them, and a scanned page's
image is legitimately large.

What it cannot see: streams of an encrypted PDF (they are refused or decrypted by the parser with
an empty password; such a bomb is not caught here), and filters other than Flate and LZW (RunLength
expands at most 64 times, the image filters are not decoded).
"""

from __future__ import annotations

import mmap
import re
import zlib
from collections.abc import Iterator
from pathlib import Path

from budgetlint.errors import InputError
from budgetlint.limits import Limits, over_limit

MB = 1_000_000
_PIECE = 1 << 16  # bytes of input fed at a time
_OUT_PIECE = 1 << 20  # bytes of output produced at a time
_DICT_WINDOW = 4096  # how far before `stream` its dictionary is looked for

_STREAM = re.compile(rb"stream(?:\r\n|\n|\r)")  # a literal first: searched at memchr speed
_OBJ_START = re.compile(rb"\d+\s+\d+\s+obj\b")
_IMAGE = re.compile(rb"/Subtype\s*/Image\b")
_FILTER = re.compile(rb"/(FlateDecode|Fl|LZWDecode|LZW)(?![A-Za-z])")


def check_streams(path: Path, shown: str, limits: Limits) -> int:
    """The decompressed size of the document's expanding streams; InputError past the limit."""
    limit = limits.decompressed_mb * MB
    total = 0
    with open(path, "rb") as fh:
        try:
            data = mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ)
        except ValueError:  # an empty file cannot be mapped
            return 0
        with data:
            for start, end in _streams(data):
                filters = _filters(data, start)
                for piece in _decoded(data, start, end, filters) if filters else ():
                    total += len(piece)
                    if total > limit:
                        raise InputError(
                            over_limit("PDF 的数据流解压后", None, "decompressed_mb", limits.decompressed_mb, " MB"),
                            path=shown,
                            hint="可能是“解压炸弹”；确认文件可信后再调高上限",
                        )
    return total


def _streams(data: mmap.mmap) -> Iterator[tuple[int, int]]:
    """(where `stream` stands, where its data ends) for each stream: the data runs to the next
    `endstream` -- which the same search finds, as it holds `stream` -- or to the end of the file."""
    opened: int | None = None
    for m in _STREAM.finditer(data):
        closing = m.start() >= 3 and data[m.start() - 3 : m.start()] == b"end"
        if opened is not None:
            yield opened, m.start() - 3 if closing else m.start()
            opened = None
        if not closing:
            opened = m.start()
    if opened is not None:
        yield opened, len(data)


def _filters(data: mmap.mmap, stream_at: int) -> list[bytes]:
    """The expanding filters in the dictionary before `stream`, in order; [] for an image."""
    window = data[max(0, stream_at - _DICT_WINDOW) : stream_at]
    starts = list(_OBJ_START.finditer(window))
    head = window[starts[-1].end() :] if starts else window
    if _IMAGE.search(head):
        return []
    return [m.group(1) for m in _FILTER.finditer(head)]


def _decoded(data: mmap.mmap, start: int, end: int, filters: list[bytes]) -> Iterator[bytes]:
    """The stream's decoded bytes, piece by piece; a piece that does not decode ends it."""
    begin = _STREAM.match(data, start)
    at = begin.end() if begin else start
    pieces: Iterator[bytes] = (data[i : min(i + _PIECE, end)] for i in range(at, end, _PIECE))
    for n, name in enumerate(filters):
        if name.startswith(b"LZW"):
            if n:  # LZW after another filter (never seen): counted up to there
                break
            pieces = _lzw(pieces)
        else:
            pieces = _inflate(pieces)
    return pieces


def _inflate(pieces: Iterator[bytes]) -> Iterator[bytes]:
    inflater = zlib.decompressobj()
    try:
        for piece in pieces:
            while piece:
                out = inflater.decompress(piece, _OUT_PIECE)
                if out:
                    yield out
                if inflater.eof:
                    return
                piece = inflater.unconsumed_tail
    except zlib.error:
        return  # parsers stop at the same place (or decode leniently up to it)


_LZW_CLEAR, _LZW_END, _LZW_SIZE = 256, 257, 4096
_LZW_WIDER = {511: 10, 1023: 11, 2047: 12}  # table size -> code width after it (EarlyChange 1)


def _lzw(pieces: Iterator[bytes]) -> Iterator[bytes]:
    """LZW-decoded bytes (PDF's variant: 9 to 12-bit codes, early change), a code's entry at a
    time; undecodable data ends the stream, as parsers stop there too. The table holds at most
    4,096 entries of at most 4,096 bytes, so memory stays bounded whatever the ratio."""
    first = [bytes([i]) for i in range(256)] + [b"", b""]  # 256: clear, 257: end
    table = list(first)
    previous: bytes | None = None
    width, bits, buffered = 9, 0, 0
    for piece in pieces:
        for byte in piece:
            bits, buffered = (bits << 8) | byte, buffered + 8
            while buffered >= width:
                buffered -= width
                code, bits = bits >> buffered, bits & ((1 << buffered) - 1)
                if code == _LZW_CLEAR:
                    table, previous, width = list(first), None, 9
                    continue
                if code == _LZW_END:
                    return
                if code < len(table):
                    entry = table[code]
                    if previous is not None and len(table) < _LZW_SIZE:
                        table.append(previous + entry[:1])
                elif code == len(table) and previous is not None:
                    entry = previous + previous[:1]
                    table.append(entry)
                else:
                    return
                width = _LZW_WIDER.get(len(table), width)
                previous = entry
                yield entry
