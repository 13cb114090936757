"""Reader for Word documents (.docx): paragraphs and tables in document order, as Word prints them.

What it produces (model/document.py):

* **Paragraphs**: the body's paragraphs in order, content controls (the 目录 is often one) and
  text boxes (a cover's title often is one) included. A paragraph's text is its runs as printed:
  w:tab is a TAB, hidden text (w:vanish) and deleted revisions are left out, inserted revisions
  kept, field codes left out and field results kept (a 目录 entry "一、部门主要职能<TAB>3").
  Automatic numbering is put back in front of the text as Word prints it (docx_numbering:
  "一、", "（二）", "1、"), so headings and numbered items read as in the PDF. A line break inside a
  paragraph (w:br, w:cr) starts a new Paragraph block: authors use it as a paragraph break, and a
  heading set off that way must stay apart from its text.
* **Tables**: one RawTable per w:tbl, rows on the table's grid (w:tblGrid): a cell spanning
  columns (w:gridSpan) has its text in its first column and "" in the others, a cell continuing a
  vertical merge (w:vMerge) is "" -- the PDF reader's convention, so templates place cells
  alike. A cell's paragraphs are joined by "\\n" (nested tables' text included). Trailing rows
  that are one cell spanning the whole grid with no number in it (注：本表无数据 typed into the
  table) are the table's notes: they follow the table as paragraphs, where a PDF puts them.
* **Locations**: `paragraph` (1-based, counting every body paragraph, empty ones too) on
  paragraphs; `table_index` and `cell` ("R5C2": grid row 5, column 2) on table cells; `line` a
  running index (office_blocks).
* **Pages** are estimated, never exact (Word lays pages out when it opens the file): a page break
  is a hard break (w:br type page), w:pageBreakBefore (on the paragraph or its style), a section
  break that starts a new page, or a w:lastRenderedPageBreak (where Word last broke the page when
  it saved the file; one right after a hard break is the same break). When Word left its own
  breaks, pages are counted from the breaks (page_basis "breaks"). Otherwise, when the document
  has a 目录 with page numbers, each entry anchors the heading it names, as for text files, and
  hard breaks add pages between anchors (page_basis "toc"); otherwise hard breaks alone count
  pages ("breaks"); with none of these pages are unknown.

Headings: a paragraph whose style (or style chain) is a heading style or sets an outline level
is a heading; headings come first when 目录 entries are matched to the body.
"""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass, field

from docx.oxml.ns import qn

from budgetlint.errors import InputError
from budgetlint.ingest.docx_numbering import Numbering
from budgetlint.ingest.office_blocks import BlockWriter, Cell
from budgetlint.ingest.pages import PageEstimator, anchor_pages
from budgetlint.model import SourceDocument

MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
_HEADING_STYLE = re.compile(r"^(?:heading|标题)\s*\d$", re.IGNORECASE)
_NUMBER = re.compile(r"\d")
MAX_PARAGRAPHS = 200_000  # body paragraphs and table rows together; a disclosure has a few thousand
MAX_PART_BYTES = 64 * 2**20  # one XML part of the document, decompressed (a 300-page report has ~10 MB)

W_P, W_TBL, W_SDT, W_R = qn("w:p"), qn("w:tbl"), qn("w:sdt"), qn("w:r")


@dataclass
class _Pages:
    """The page state while walking the body (see the module docstring)."""

    page: int = 1
    fresh: bool = True  # nothing printed yet on this page
    rendered: int = 0  # w:lastRenderedPageBreak seen
    explicit: list[float] = field(default_factory=list)  # lines between which a hard break falls

    def hard(self, after_line: int) -> None:
        self.page += 1
        self.fresh = True
        self.explicit.append(after_line + 0.5)

    def soft(self) -> None:
        self.rendered += 1
        if not self.fresh:
            self.page += 1
            self.fresh = True


class _Styles:
    def __init__(self, styles_element) -> None:
        self.heading: set[str] = set()
        self.break_before: set[str] = set()
        parents: dict[str, str] = {}
        own_heading, own_break = set(), set()
        for style in styles_element.findall(qn("w:style")) if styles_element is not None else ():
            sid = style.get(qn("w:styleId"))
            name = style.find(qn("w:name"))
            p_pr = style.find(qn("w:pPr"))
            based = style.find(qn("w:basedOn"))
            if based is not None:
                parents[sid] = based.get(qn("w:val"))
            if (name is not None and _HEADING_STYLE.match(name.get(qn("w:val"), ""))) or (
                p_pr is not None and p_pr.find(qn("w:outlineLvl")) is not None
            ):
                own_heading.add(sid)
            if p_pr is not None and _on(p_pr.find(qn("w:pageBreakBefore"))):
                own_break.add(sid)
        for sid in set(parents) | own_heading | own_break:
            chain, seen = sid, set()
            while chain and chain not in seen:
                seen.add(chain)
                if chain in own_heading:
                    self.heading.add(sid)
                if chain in own_break:
                    self.break_before.add(sid)
                chain = parents.get(chain)


def _on(element) -> bool:
    """A w:ON/OFF property present and not switched off."""
    return element is not None and element.get(qn("w:val"), "true") not in ("0", "false", "off")


def _style_of(p) -> str | None:
    p_pr = p.find(qn("w:pPr"))
    style = p_pr.find(qn("w:pStyle")) if p_pr is not None else None
    return style.get(qn("w:val")) if style is not None else None


class _Reader:
    def __init__(self, document, path: str) -> None:
        self.path = path
        part = document.part
        styles = part.styles.element  # python-docx supplies default styles when the file has none
        self.styles = _Styles(styles)
        numbering = part.numbering_part.element if _has_numbering(part) else None
        self.numbering = Numbering(numbering, styles)
        self.writer = BlockWriter(path)
        self.pages = _Pages()
        self.block_pages: dict[int, int] = {}  # line -> page when stated
        self.headings: set[int] = set()  # lines of heading paragraphs
        self.paragraphs = 0
        self.tables = 0
        self.text_page: int | None = None

    # --- text of a paragraph ---------------------------------------------------------------
    def _runs(self, element, out: list[str], boxes: list) -> None:
        """Append the printed text of `element`'s runs; note page breaks; collect text boxes."""
        for child in element:
            tag = child.tag
            if tag == W_R:
                self._run(child, out, boxes)
            elif tag == qn("w:del") or tag == qn("w:moveFrom") or tag == qn("w:pPr"):
                continue
            elif tag == MC + "AlternateContent":
                choice = child.find(MC + "Choice")
                if choice is not None:
                    self._runs(choice, out, boxes)
            elif tag in (
                qn("w:hyperlink"),
                qn("w:ins"),
                qn("w:moveTo"),
                qn("w:smartTag"),
                qn("w:customXml"),
                qn("w:fldSimple"),
                qn("w:sdtContent"),
                qn("w:bdo"),
                qn("w:dir"),
            ):
                self._runs(child, out, boxes)
            elif tag == W_SDT:
                content = child.find(qn("w:sdtContent"))
                if content is not None:
                    self._runs(content, out, boxes)

    def _run(self, run, out: list[str], boxes: list) -> None:
        r_pr = run.find(qn("w:rPr"))
        hidden = r_pr is not None and _on(r_pr.find(qn("w:vanish")))
        for child in run:
            tag = child.tag
            if tag == qn("w:t"):
                if not hidden:
                    out.append(child.text or "")
                    if (child.text or "").strip():
                        self.pages.fresh = False
                        if self.text_page is None:
                            self.text_page = self.pages.page
            elif tag == qn("w:tab") and not hidden:
                out.append("\t")
            elif tag in (qn("w:br"), qn("w:cr")):
                if child.get(qn("w:type")) == "page":
                    self.pages.hard(self.writer.line)
                elif child.get(qn("w:type")) != "column" and not hidden:
                    out.append("\n")
            elif tag == qn("w:lastRenderedPageBreak"):
                self.pages.soft()
            elif tag == qn("w:noBreakHyphen") and not hidden:
                out.append("-")
            elif tag in (qn("w:drawing"), qn("w:pict"), MC + "AlternateContent"):
                self._boxes(child, boxes)

    @staticmethod
    def _boxes(element, boxes: list) -> None:
        """Paragraphs of text boxes inside a drawing, once (not again from mc:Fallback)."""
        for box in element.iter(qn("w:txbxContent")):
            if not any(a.tag == MC + "Fallback" for a in box.iterancestors()):
                boxes.append(box)

    def paragraph_text(self, p) -> tuple[str, list]:
        """The paragraph as printed, its text boxes; `text_page` is then the page its text starts on."""
        out: list[str] = []
        boxes: list = []
        self.text_page = None
        self._runs(p, out, boxes)
        label = self.numbering.label(p.find(qn("w:pPr")), _style_of(p)) if "".join(out).strip() else ""
        return label + "".join(out), boxes

    # --- body ------------------------------------------------------------------------------
    def _budget(self) -> None:
        if self.writer.line > MAX_PARAGRAPHS:
            raise InputError(
                f"文档的段落和表格行超过 {MAX_PARAGRAPHS} 个，不像是预决算公开文件，已停止读取", path=self.path
            )

    def body(self, element) -> None:
        for child in element:
            if child.tag == W_P:
                self.paragraph(child)
            elif child.tag == W_TBL:
                self.table(child)
            elif child.tag in (W_SDT, qn("w:customXml")):
                content = child.find(qn("w:sdtContent")) if child.tag == W_SDT else child
                if content is not None:
                    self.body(content)
            self._budget()

    def paragraph(self, p) -> None:
        self.paragraphs += 1
        index = self.paragraphs
        p_pr = p.find(qn("w:pPr"))
        style = _style_of(p)
        break_before = (
            p_pr is not None and _on(p_pr.find(qn("w:pageBreakBefore")))
        ) or style in self.styles.break_before
        if break_before and not self.pages.fresh:
            self.pages.hard(self.writer.line)
        text, boxes = self.paragraph_text(p)
        page = self.text_page or self.pages.page
        for box in boxes:
            for inner in box.iter(W_P):
                box_text, _ = self.paragraph_text(inner)
                self._emit(box_text, index, page, heading=False)
        self._emit(text, index, page, heading=style in self.styles.heading)
        section = p_pr.find(qn("w:sectPr")) if p_pr is not None else None
        if section is not None:
            kind = section.find(qn("w:type"))
            if kind is None or kind.get(qn("w:val")) != "continuous":
                self.pages.hard(self.writer.line)

    def _emit(self, text: str, index: int, page: int, *, heading: bool) -> None:
        for piece in text.split("\n"):
            if piece.strip():
                self.writer.paragraph(piece.strip(), paragraph=index)
                self.block_pages[self.writer.line] = page
                if heading:
                    self.headings.add(self.writer.line)

    def _cell_text(self, tc) -> str:
        lines = []
        for p in tc.iter(W_P):  # a text box's paragraphs are among them: its boxes need no second read
            text, _ = self.paragraph_text(p)
            if text.strip():
                lines.append(text.strip())
        return "\n".join(lines)

    def table(self, tbl) -> None:
        self.tables += 1
        grid = tbl.find(qn("w:tblGrid"))
        width = len(grid.findall(qn("w:gridCol"))) if grid is not None else 0
        rows: list[list[str]] = []
        spans: list[list[int]] = []  # grid columns of each cell, per row
        row_pages: list[int] = []
        for tr in tbl.findall(qn("w:tr")):
            cells, cell_spans = self._row(tr)
            row_pages.append(self.pages.page)  # a row in which Word broke the page starts the new page
            width = max(width, len(cells))
            rows.append(cells)
            spans.append(cell_spans)
        if not rows:
            return
        notes: list[str] = []
        while (
            rows
            and len(spans[-1]) == 1
            and spans[-1][0] >= width
            and not _NUMBER.search(rows[-1][0])
            and rows[-1][0].strip()
        ):
            notes.insert(0, rows.pop()[0])
            spans.pop()
            row_pages.pop()
        grid_rows = [
            [Cell(cells[c] if c < len(cells) else "", f"R{r}C{c + 1}") for c in range(width)]
            for r, cells in enumerate(rows, start=1)
        ]
        first_line = self.writer.line + 1
        self.writer.table(grid_rows, table_index=self.tables)
        for offset, page in enumerate(row_pages):
            self.block_pages[first_line + offset] = page
        for note in notes:
            for piece in note.split("\n"):
                if piece.strip():
                    self.writer.paragraph(piece.strip(), table_index=self.tables)
                    self.block_pages[self.writer.line] = self.pages.page

    def _row(self, tr) -> tuple[list[str], list[int]]:
        cells: list[str] = []
        spans: list[int] = []
        tr_pr = tr.find(qn("w:trPr"))
        skip = tr_pr.find(qn("w:gridBefore")) if tr_pr is not None else None
        if skip is not None:
            cells += [""] * int(skip.get(qn("w:val"), "0"))
        for tc in tr.findall(qn("w:tc")):
            tc_pr = tc.find(qn("w:tcPr"))
            span_el = tc_pr.find(qn("w:gridSpan")) if tc_pr is not None else None
            span = int(span_el.get(qn("w:val"), "1")) if span_el is not None else 1
            merge = tc_pr.find(qn("w:vMerge")) if tc_pr is not None else None
            continued = merge is not None and merge.get(qn("w:val"), "continue") == "continue"
            text = self._cell_text(tc)  # walked even when continued: page breaks inside count
            cells += [("" if continued else text)] + [""] * (span - 1)
            spans.append(span)
        return cells, spans


def _has_numbering(part) -> bool:
    from docx.opc.constants import RELATIONSHIP_TYPE as RT

    return any(rel.reltype == RT.NUMBERING for rel in part.rels.values())


def _check_parts(data: bytes, path: str) -> None:
    """python-docx holds the document part as a DOM (several times its size in memory): it has a
    limit of its own, tighter than the package's."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        for info in archive.infolist():
            if info.filename.startswith("word/") and info.filename.endswith(".xml") and info.file_size > MAX_PART_BYTES:
                raise InputError(
                    f"Word 文件的“{info.filename}”部件过大（{info.file_size // 2**20} MB），不像是预决算公开文件",
                    path=path,
                )


def read(data: bytes, path: str) -> SourceDocument:
    """Read a .docx already checked by ingest.package."""
    import docx

    try:
        _check_parts(data, path)
        document = docx.Document(io.BytesIO(data))
    except InputError:
        raise
    except Exception as exc:  # python-docx and lxml raise many types on a malformed package
        raise InputError(
            "Word 文件损坏或格式不正确，无法读取", path=path, hint="请在 Word 或 WPS 中打开后另存为 .docx 再检查"
        ) from exc
    try:
        reader = _Reader(document, path)
        reader.body(document.element.body)
    except InputError:
        raise
    except Exception as exc:
        raise InputError(
            "Word 文件内容无法解析", path=path, hint="请在 Word 或 WPS 中打开后另存为 .docx 再检查"
        ) from exc
    writer = reader.writer
    if writer.line == 0:
        raise InputError("Word 文件中没有任何文字", path=path)
    pages = reader.pages
    toc = writer.toc()
    if pages.rendered:
        return writer.document(layout="docx", page_basis="breaks", page_of=reader.block_pages.get)
    if toc:
        toc_end = max(e.line for e in toc)
        headings = [(line, text) for line, text in writer.headings() if line > toc_end]
        styled = [h for h in headings if h[0] in reader.headings]
        anchors = anchor_pages(toc, styled) if styled else []
        if len(anchors) < len(toc) // 2:
            anchors = anchor_pages(toc, headings)
        if anchors:
            estimator = PageEstimator(anchors, pages.explicit)  # type: ignore[arg-type]
            return writer.document(layout="docx", page_basis="toc", page_of=estimator.page_of)
    if pages.explicit:
        return writer.document(layout="docx", page_basis="breaks", page_of=reader.block_pages.get)
    return writer.document(layout="docx", page_basis="none")
