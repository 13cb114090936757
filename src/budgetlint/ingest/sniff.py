"""Choose the reader for a file by its content: PDF, DOCX or XLSX (ingest.package checks the zip
first), else text decoded (UTF-8, UTF-8 with BOM, GB18030/GBK) in its layout."""

from __future__ import annotations

import re
from pathlib import Path

from budgetlint.errors import InputError, os_reason
from budgetlint.ingest import package, text_cells, text_rows
from budgetlint.model import SourceDocument

MAX_CONTROL_RATIO = 0.01  # more control characters than this and the file is binary, not text


def decode_text(data: bytes, path: str) -> tuple[str, str]:
    """Decode bytes as UTF-8 (with or without BOM) or GB18030; return (text, encoding)."""
    if not data.strip():
        raise InputError("文件为空，没有可检查的内容", path=path)
    if b"\x00" in data[:65536]:
        raise InputError("这是二进制文件，不是文本或受支持的公开文件", path=path,
                         hint="支持 PDF、Word（.docx）、Excel（.xlsx）和从 PDF/DOCX 提取的文本")
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        name = "utf-8" if encoding == "utf-8-sig" and not data.startswith(b"\xef\xbb\xbf") else encoding
        if _control_ratio(text) > MAX_CONTROL_RATIO:
            break
        return text, name
    raise InputError("无法识别文件编码，或文件不是文本", path=path,
                     hint="支持 UTF-8、带 BOM 的 UTF-8 和 GBK/GB18030 编码的文本")


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


def read_document(path: str | Path) -> SourceDocument:
    """Read a file into a SourceDocument; raise InputError with one clear message if impossible."""
    p = Path(path)
    shown = str(path)
    if not p.exists():
        raise InputError("文件不存在", path=shown)
    if p.is_dir():
        raise InputError("这是一个目录，不是文件", path=shown)
    try:
        data = p.read_bytes()
    except OSError as exc:
        raise InputError(f"无法读取文件：{os_reason(exc)}", path=shown) from exc
    if data.startswith(b"%PDF"):
        from budgetlint.ingest import pdf  # pdfium loads only when a PDF is read

        return pdf.read(shown)
    if package.looks_like_office(data, shown):
        return read_office(data, shown)
    text, encoding = decode_text(data, shown)
    return read_text(text, path=shown, encoding=encoding)


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
