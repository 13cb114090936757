"""Build office files in the tests from documents the project already reads (nothing big is committed).

* `docx_from_source`: a Word document holding a SourceDocument's paragraphs and tables, in order.
* `fill_workbook`: an official Excel template filled with a PDF's tables (and its cover's unit).
* `split_pdf`: the pages of a PDF that hold tables, and the others, as two PDFs.
"""

from __future__ import annotations

import re
from pathlib import Path

import docx
from docx.oxml import OxmlElement
from docx.oxml.ns import qn

from budgetlint.ingest.docx_numbering import chinese
from budgetlint.model.document import Paragraph, RawTable, SourceDocument

# Chinese headings "一、…" are written as Word numbering (chineseCounting, "%1、") so the reader
# must print the label back; other paragraphs keep their text.
_CN_HEADING = re.compile(r"^([一二三四五六七八九十]+)、(?=\S)")


def _element(tag: str, text: str | None = None, **attrs: str):
    el = OxmlElement(tag)
    for name, value in attrs.items():
        el.set(qn(name.replace("_", ":", 1)), value)
    if text is not None:
        el.text = text
    return el


def _paragraph_xml(text: str):
    p = _element("w:p")
    run = _element("w:r")
    run.append(_element("w:t", text, xml_space="preserve"))
    p.append(run)
    return p


class _HeadingNumbers:
    """Word list numbering "一、二、三、" for headings: one w:num per run of consecutive numbers
    (a run restarts at its first number with w:startOverride), as Word documents restart lists."""

    def __init__(self, document) -> None:
        self.numbering = document.part.numbering_part.element
        abstract = _element("w:abstractNum", w_abstractNumId="90")
        lvl = _element("w:lvl", w_ilvl="0")
        for tag, value in (("w:start", "1"), ("w:numFmt", "chineseCounting"), ("w:lvlText", "%1、"),
                           ("w:suff", "nothing")):
            lvl.append(_element(tag, w_val=value))
        abstract.append(lvl)
        self.numbering.insert(0, abstract)
        self.num_id = 89
        self.last = 0

    def number(self, paragraph, value: int) -> None:
        if value != self.last + 1:
            self.num_id += 1
            num = _element("w:num", w_numId=str(self.num_id))
            num.append(_element("w:abstractNumId", w_val="90"))
            override = _element("w:lvlOverride", w_ilvl="0")
            override.append(_element("w:startOverride", w_val=str(value)))
            num.append(override)
            self.numbering.append(num)
        self.last = value
        num_pr = _element("w:numPr")
        num_pr.append(_element("w:ilvl", w_val="0"))
        num_pr.append(_element("w:numId", w_val=str(self.num_id)))
        paragraph._p.get_or_add_pPr().append(num_pr)


_CHINESE_NUMBERS = {chinese(n): n for n in range(1, 100)}


def add_table(document, rows: list[list[str]]):
    """A Word table of `rows` on a grid as wide as the widest row; a short row's last cell spans
    the rest of the grid (w:gridSpan), as Word holds a row with fewer cells. Built as XML:
    python-docx's Table.cell() rebuilds the whole cell list on every call."""
    width = max(max(len(r) for r in rows), 1)
    table = document.add_table(rows=0, cols=width)
    for texts in rows:
        texts = texts or [""]
        tr = _element("w:tr")
        for j, text in enumerate(texts):
            tc = _element("w:tc")
            span = width - j if j == len(texts) - 1 else 1
            if span > 1:
                tc_pr = _element("w:tcPr")
                tc_pr.append(_element("w:gridSpan", w_val=str(span)))
                tc.append(tc_pr)
            for line in text.split("\n"):
                tc.append(_paragraph_xml(line))
            tr.append(tc)
        table._tbl.append(tr)
    return table


def docx_from_source(source: SourceDocument, out: Path, *, number_headings: bool = False) -> Path:
    """A .docx with the source's paragraphs and tables in order. A row shorter than the table is
    one merged cell at its end (as Word tables hold short rows); a one-cell row spans the table.
    With `number_headings`, "一、…" headings become Word list paragraphs without the label."""
    document = docx.Document()
    numbers = _HeadingNumbers(document) if number_headings else None
    for block in source.blocks:
        if isinstance(block, Paragraph):
            text = block.text
            m = _CN_HEADING.match(text) if numbers else None
            if m and m.group(1) in _CHINESE_NUMBERS:
                numbers.number(document.add_paragraph(text[m.end():]), _CHINESE_NUMBERS[m.group(1)])
            else:
                document.add_paragraph(text)
            continue
        assert isinstance(block, RawTable)
        add_table(document, [list(row.cells) for row in block.rows])
    document.save(out)
    return out
