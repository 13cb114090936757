"""Choose the reader for a file by its content: PDF, DOCX or XLSX (ingest.package checks the zip
first), else text decoded (UTF-8, UTF-8 with BOM, GB18030/GBK) in its layout."""

from __future__ import annotations

import logging
import re
from itertools import chain
from operator import attrgetter
from pathlib import Path

from budgetlint.errors import InputError, os_reason
from budgetlint.ingest import package, text_cells, text_rows
from budgetlint.ingest.files import display_path, open_regular
from budgetlint.limits import DEFAULT_LIMITS, Limits, over_limit
from budgetlint.model import Paragraph, SourceDocument

log = logging.getLogger(__name__)

MB = 1_000_000
PDF_HEADER_WINDOW = 1024  # a PDF's %PDF- header may follow up to this many bytes of junk (as readers allow)
MAX_CONTROL_RATIO = 0.01  # more control characters than this and the file is binary, not text


def decode_text(data: bytes, path: str) -> tuple[str, str]:
    """Decode bytes as UTF-8 (with or without BOM) or GB18030; return (text, encoding).

    UTF-8 with a few broken bytes (a character split by a cut-and-paste, a truncated last line)
    is still UTF-8: those bytes become U+FFFD, a warning names their lines, and rule DC012 reports
    the garbled text where it stands. A GB18030 file fails UTF-8 at nearly every Chinese character,
    so it never passes for UTF-8 with damage.
    """
    if not data.strip():
        raise InputError("文件为空，没有可检查的内容", path=path)
    if b"\x00" in data[:65536]:
        raise InputError(
            "这是二进制文件，不是文本或受支持的公开文件",
            path=path,
            hint="支持 PDF、Word（.docx）、Excel（.xlsx）和从 PDF/DOCX 提取的文本",
        )
    candidates = [
        ("utf-8-sig", lambda: data.decode("utf-8-sig")),
        ("utf-8", lambda: _damaged_utf8(data, path)),
        ("gb18030", lambda: data.decode("gb18030")),
    ]
    for encoding, decode in candidates:
        try:
            text = decode()
        except UnicodeDecodeError:
            continue
        if text is None:
            continue
        name = "utf-8" if encoding == "utf-8-sig" and not data.startswith(b"\xef\xbb\xbf") else encoding
        if _control_ratio(text) > MAX_CONTROL_RATIO:
            break
        return text, name
    raise InputError(
        "无法识别文件编码，或文件不是文本", path=path, hint="支持 UTF-8、带 BOM 的 UTF-8 和 GBK/GB18030 编码的文本"
    )


MAX_BAD_UTF8 = 8  # broken UTF-8 sequences tolerated in an otherwise UTF-8 text


def _damaged_utf8(data: bytes, path: str) -> str | None:
    """UTF-8 with at most MAX_BAD_UTF8 broken sequences (each one U+FFFD), when at least ten times
    as many characters decoded as non-ASCII UTF-8; None otherwise."""
    parts: list[str] = []
    lines: list[int] = []
    pos = 0
    while True:
        try:
            parts.append(data[pos:].decode("utf-8-sig" if pos == 0 else "utf-8"))
            break
        except UnicodeDecodeError as exc:
            if len(lines) == MAX_BAD_UTF8:
                return None
            parts.append(data[pos : pos + exc.start].decode("utf-8-sig" if pos == 0 else "utf-8"))
            parts.append("\ufffd")
            lines.append(data.count(b"\n", 0, pos + exc.start) + 1)
            pos += exc.end
    text = "".join(parts)
    if sum(1 for ch in text if ord(ch) > 127) - len(lines) < 10 * len(lines):
        return None
    log.warning(
        "%s: 有 %d 处字节不是合法的 UTF-8（第 %s 行），已替换为 �",
        path,
        len(lines),
        "、".join(str(n) for n in dict.fromkeys(lines)),
    )
    return text


_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f]")


def _control_ratio(text: str) -> float:
    sample = text[:65536]
    return len(_CONTROL.findall(sample)) / max(len(sample), 1)


def looks_like_cell_layout(lines: list[str]) -> bool:
    """One-cell-per-line layout (design.md §1.3): most TAB lines are a single leading TAB + text."""
    cell_lines = row_lines = 0
    for line in lines:
        if "\t" not in line:
            continue
        if line.startswith("\t") and line.count("\t") == 1:
            cell_lines += 1
        else:
            row_lines += 1
    return cell_lines > 2 * row_lines and cell_lines >= 20


def read_document(path: str | Path, limits: Limits = DEFAULT_LIMITS) -> SourceDocument:
    """Read a file into a SourceDocument; raise InputError with one clear message if impossible.

    Only a regular file is opened (ingest/files.py); its size is checked against the limits before
    it is read, a PDF's decompressed streams before a parser sees it (ingest/pdf_streams.py), and
    the document's lines and cells after (`check_size`).
    """
    p = Path(path)
    shown = display_path(path)
    fh, size = open_regular(path, shown)
    with fh:
        if size > limits.file_mb * MB:
            raise InputError(over_limit("文件大小", _mb(size), "file_mb", limits.file_mb, " MB"), path=shown)
        try:
            head = fh.read(PDF_HEADER_WINDOW)
            is_pdf = b"%PDF-" in head
            office = not is_pdf and package.looks_like_office(head, shown)
            # a text is read to one byte over its limit, an office package whole (its size is checked)
            # (never more than the file holds: a limit of 10^12 MB is no buffer to allocate)
            rest = -1 if office else max(min(limits.text_mb * MB, size) + 1 - len(head), 0)
            data = b"" if is_pdf else head + fh.read(rest)
        except OSError as exc:
            raise InputError(f"无法读取文件：{os_reason(exc)}", path=shown) from exc
    if is_pdf:
        from budgetlint.ingest import pdf  # pdfium loads only when a PDF is read
        from budgetlint.ingest.pdf_streams import check_streams

        check_streams(p, shown, limits)
        document = pdf.read(str(p), shown=shown, limits=limits)
    elif office:
        document = read_office(data, shown)
    else:
        if len(data) > limits.text_mb * MB:
            raise InputError(over_limit("文本文件大小", _mb(len(data)), "text_mb", limits.text_mb, " MB"), path=shown)
        text, encoding = decode_text(data, shown)
        document = read_text(text, path=shown, encoding=encoding)
        if _text_within_limits(text, document, limits):
            return document
    check_size(document, limits)
    return document


def _text_within_limits(text: str, document: SourceDocument, limits: Limits) -> bool:
    """Whether a text's own size already keeps its document within `check_size`'s limits, so its
    cells need not be measured one by one (a pass over every cell of every table).

    Every paragraph and cell of a text is a piece of it (a cell over several lines keeps their line
    breaks), so none is longer than the text; a row has one cell more than its TABs and a cell line
    one cell, so there are at most as many cells as characters and lines together.
    """
    return len(text) <= limits.line_chars and len(text) + document.line_count <= limits.cells


def _mb(size: int) -> str:
    return f"{size / MB:.1f}"


_CELLS = attrgetter("cells")


def check_size(document: SourceDocument, limits: Limits) -> None:
    """Refuse a document with a paragraph or cell longer than Limits.line_chars or more table
    cells than Limits.cells: the work per document stays bounded whatever the reader."""
    cells = 0
    for block in document.blocks:
        if isinstance(block, Paragraph):
            _check_length(block.text, block.location.line, document.path, limits)
            continue
        # the table's count and its longest cell in C loops: almost every table is within the limits
        texts = list(map(_CELLS, block.rows))
        cells += sum(map(len, texts))
        if max(map(len, chain.from_iterable(texts)), default=0) > limits.line_chars:
            for row in block.rows:
                for text in row.cells:
                    _check_length(text, row.line, document.path, limits)
        if cells > limits.cells:
            raise InputError(over_limit("表格单元格数", None, "cells", limits.cells), path=document.path)


def _check_length(text: str, line: int | None, path: str, limits: Limits) -> None:
    if len(text) > limits.line_chars:
        raise InputError(
            over_limit("一行（一段）文字长度", len(text), "line_chars", limits.line_chars, " 字符"),
            path=path,
            line=line,
        )


def read_office(data: bytes, path: str) -> SourceDocument:
    """A .docx or .xlsx, by content; a legacy or unsafe office file is one clear InputError."""
    if not data.startswith(package.ZIP_MAGIC):
        raise package.refuse_legacy(data, path)
    kind, _ = package.open_package(data, path)
    if kind == "docx":
        from budgetlint.ingest import docx  # python-docx loads only when a DOCX is read

        return docx.read(data, path)
    from budgetlint.ingest import xlsx  # openpyxl loads only when a workbook is read

    return xlsx.read(data, path)


def read_text(text: str, *, path: str, encoding: str = "utf-8") -> SourceDocument:
    """A document from text already decoded (rule cases and tests use it directly)."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    if looks_like_cell_layout(lines):
        return text_cells.read(lines, path=path, encoding=encoding)
    return text_rows.read(lines, path=path, encoding=encoding)
