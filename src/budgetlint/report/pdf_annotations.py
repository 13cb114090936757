"""The annotated PDF (`--format pdf -o 标注.pdf`): the original PDF with every finding drawn on the page.

For each document: first the list of its findings (pdf_summary.py), each line linked to the page
of its first place; then the original pages, where each place of each finding (its box: a table
cell, the printed lines of a narrative number) carries a highlight coloured by severity (错误
red, 警告 orange, 提示 blue, waived grey) whose note holds the message, the two sides, the
working and the 修改建议. A place known only by its page (a blank or scanned page) gets a note
in the page's top-left corner. Consequences of a cause are named in the cause's note instead of
being drawn again. A text input has no pages to draw on: its findings are listed, and the list
says so.

Bytes, not text: the CLI writes them to --output. The same input gives the same bytes (the file
identifier is derived from the content, not the clock).
"""

from __future__ import annotations

import hashlib
import io

from budgetlint.errors import ReportError
from budgetlint.model import Finding, Location
from budgetlint.model.results import Results
from budgetlint.report.pdf_summary import HEIGHT, WIDTH, Line, font_resources, typeset
from budgetlint.report.phrases import SEVERITY_WORDS, consequences, values_line, where
from budgetlint.report.record import DocumentRecord, record_of

BINARY = True
SUFFIX = ".pdf"

COLORS = {"error": "ff3b30", "warning": "ff9500", "info": "34aadc", "waived": "a0a0a0"}
TEXT_COLORS = {
    "error": (0.8, 0.0, 0.0),
    "warning": (0.75, 0.4, 0.0),
    "info": (0.1, 0.4, 0.7),
    "waived": (0.45, 0.45, 0.45),
}
NOTE_SIZE = 18.0  # the side of a note icon placed by page only, in points
AUTHOR = "budgetlint"


def kind_of(f: Finding) -> str:
    return "waived" if f.waiver is not None else f.severity


def note_text(f: Finding, findings: tuple[Finding, ...]) -> str:
    """What a highlight's note says: everything a reader needs without the terminal report."""
    parts = [f"{SEVERITY_WORDS[f.severity]} {f.rule} {f.title}", f.message]
    parts += [x for x in (values_line(f), f.formula) if x]
    if f.fix:
        parts.append(f"修改建议：{f.fix}")
    parts += [f"同一原因还导致：{g.rule} {g.title}" for g in consequences(f, findings)]
    if f.waiver is not None:
        parts.append(f"已豁免：{f.waiver.reason}")
    return "\n".join(parts)


def drawn_places(f: Finding) -> list[Location]:
    """The places of `f` to draw, each box once (a narrative statement's numbers share one box)."""
    seen: set[tuple] = set()
    out = []
    for loc in f.locations:
        if loc.page is None or loc.page_basis != "pdf":
            continue
        key = (loc.page, loc.bbox)
        if key not in seen:
            seen.add(key)
            out.append(loc)
    return out


def pdf_rect(page, bbox: tuple[float, float, float, float]) -> tuple[float, float, float, float]:
    """A box with the origin at the page's top-left (the reader's) in the page's PDF space.

    Pages turned by /Rotate are not handled: the reader does not read their tables yet either."""
    box = page.mediabox
    left, bottom, height = float(box.left), float(box.bottom), float(box.height)
    x0, top, x1, low = bbox
    return left + x0, bottom + height - low, left + x1, bottom + height - top


def _annotate(writer, index: int, f: Finding, loc: Location, findings: tuple[Finding, ...]) -> None:
    from pypdf.annotations import AnnotationDictionary, Highlight, Text
    from pypdf.generic import ArrayObject, FloatObject, NameObject, TextStringObject

    page = writer.pages[index]
    annotation: AnnotationDictionary
    if loc.bbox is not None:
        x0, y0, x1, y1 = pdf_rect(page, loc.bbox)
        quad = ArrayObject([FloatObject(v) for v in (x0, y1, x1, y1, x0, y0, x1, y0)])
        annotation = Highlight(
            rect=(x0, y0, x1, y1), quad_points=quad, highlight_color=COLORS[kind_of(f)], printing=True
        )
    else:  # a whole page (blank, scanned): a note at its top-left corner
        box = page.mediabox
        top, left = float(box.top), float(box.left)
        annotation = Text(rect=(left + 10, top - 10 - NOTE_SIZE, left + 10 + NOTE_SIZE, top - 10), text="")
        annotation[NameObject("/C")] = ArrayObject([FloatObject(c) for c in TEXT_COLORS[kind_of(f)]])
    annotation[NameObject("/Contents")] = TextStringObject(note_text(f, findings))
    annotation[NameObject("/T")] = TextStringObject(f"{AUTHOR} {f.rule}")
    annotation[NameObject("/NM")] = TextStringObject(f"{f.fingerprint}-{loc.page}-{len(page.get('/Annots', []))}")
    writer.add_annotation(index, annotation)


def is_pdf(record: DocumentRecord) -> bool:
    """A document read from a PDF: its findings stand on pages that can be drawn on."""
    return record.checked and record.path.lower().endswith(".pdf")


def _summary_lines(d: DocumentRecord, offset: int, summary_pages: int) -> list[Line]:
    """The list of a document's findings; targets are output page indexes."""
    title = f"budgetlint 检查结果：{d.path}"
    if not d.checked:
        return [Line(title, size=14.0), Line(f"无法检查：{d.reason}", color=TEXT_COLORS["error"])]
    shown = [f for f in d.findings if f.shown]
    counts = "，".join(
        f"{SEVERITY_WORDS[s]} {sum(1 for f in shown if f.severity == s and f.waiver is None)}"
        for s in ("error", "warning", "info")
    )
    waived = sum(1 for f in shown if f.waiver is not None)
    lines = [
        Line(title, size=14.0),
        Line(
            f"{d.unit or '（单位未识别）'} {d.year or ''}年 {d.template}，共 {len(shown)} 个问题（{counts}"
            + (f"，已豁免 {waived}" if waived else "")
            + "）"
        ),
    ]
    pdf = is_pdf(d)
    if not pdf:
        lines.append(
            Line("这不是 PDF 文件，没有原文页面可以标注：以下只列出问题及其所在行。", color=TEXT_COLORS["warning"])
        )
    else:
        lines.append(Line("点击一行可跳到该页；页面上的高亮即问题所在，其批注写明问题、两边的数值和修改建议。"))
    number = 0
    for row in d.parts:
        if not row.findings:
            continue
        lines.append(Line(f"■ {row.name}", size=10.5))
        for f in (d.findings[i] for i in row.findings):
            number += 1
            first = f.locations[0] if f.locations else None
            target = offset + summary_pages + first.page - 1 if pdf and first and first.page else None
            count = f"（共 {f.occurrences} 处）" if f.occurrences > 1 else ""
            waived_mark = "（已豁免）" if f.waiver is not None else ""
            lines.append(
                Line(
                    f"{number}. {SEVERITY_WORDS[f.severity]}{waived_mark} {f.rule} {where(first)}{count}：{f.message}",
                    target=target,
                    color=TEXT_COLORS[kind_of(f)],
                )
            )
    if number == 0:
        lines.append(Line("未发现问题。"))
    return lines


def _document(writer, doc: DocumentRecord) -> None:
    from pypdf import PdfReader
    from pypdf.annotations import Link
    from pypdf.generic import DecodedStreamObject, NameObject

    offset = len(writer.pages)
    # the list's length decides where the document's pages start: typeset once to count its pages
    count = len(typeset(_summary_lines(doc, offset, 0))[0])
    pages, placed = typeset(_summary_lines(doc, offset, count))
    for content in pages:
        page = writer.add_blank_page(WIDTH, HEIGHT)
        stream = DecodedStreamObject()
        stream.set_data(content)
        page[NameObject("/Contents")] = writer._add_object(stream)
        page[NameObject("/Resources")] = font_resources()
    if is_pdf(doc):
        try:
            writer.append(PdfReader(doc.path), import_outline=False)
        except Exception as exc:  # the file was read a moment ago; it may have changed or gone since
            raise ReportError(f"无法把原文加入标注文件：{type(exc).__name__}", path=doc.path) from exc
        for f in doc.findings:
            if f.shown:
                for loc in drawn_places(f):
                    if loc.page is not None:  # always: drawn_places keeps the places on a page
                        _annotate(writer, offset + count + loc.page - 1, f, loc, doc.findings)
    for p in placed:
        writer.add_annotation(offset + p.page, Link(rect=p.rect, target_page_index=p.target))


def render(results: Results, **_: object) -> bytes:
    return render_records([record_of(doc) for doc in results.documents])


def render_records(records: list[DocumentRecord], **_: object) -> bytes:
    try:
        from pypdf import PdfWriter
        from pypdf.generic import ByteStringObject
    except ImportError as exc:  # pragma: no cover - depends on the installation
        raise ReportError("生成标注 PDF 需要 pypdf") from exc
    writer = PdfWriter()
    for record in records:
        _document(writer, record)
    writer.add_metadata({"/Producer": "budgetlint", "/Title": "budgetlint 检查结果"})
    buffer = io.BytesIO()
    writer.write(buffer)  # a first time, to derive a stable file identifier from the content
    digest = hashlib.md5(buffer.getvalue()).digest()
    from pypdf.generic import ArrayObject

    writer._ID = ArrayObject([ByteStringObject(digest), ByteStringObject(digest)])
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()
