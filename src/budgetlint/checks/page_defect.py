"""page_defect: how the pages show, as the reader saw it (SourceDocument.page_defects).

  blank_page    a page with nothing on it -- no text, no image -- before the document's last
                page with text: an empty table frame left after the 目录, a stray page break.
                Needs exact pages (PDF, or text with form feeds). The finding is placed at the
                last line before the page, so it goes in the row of the part the page follows.
  clipped_text  characters of which only part shows: cut by the page edge, by the text frame
                that clips them, or by the border of their table cell. PDF only.
  no_text_layer a page that shows a picture and has no text (scanned, in a PDF whose other pages
                have text): nothing on it was read, so nothing on it was checked. PDF only;
                placed like a blank page. (The engine also turns the failures that the missing
                text may explain into insufficient_data: unread.py.)

One finding per blank page, cut line or page without text; a single pass when the document has none.

Params:
  defect: blank_page | clipped_text | no_text_layer

    check: {kind: page_defect, defect: blank_page}
"""

from __future__ import annotations

from typing import Literal

from budgetlint.checks.compare import not_decided
from budgetlint.checks.refs import Strict
from budgetlint.model import Disclosure, Evaluation, Location, Outcome, Paragraph

EXACT = ("pdf", "formfeed")
CONTEXT_CHARS = 16  # how much of the text before a cut line is quoted to find it


class Params(Strict):
    defect: Literal["blank_page", "clipped_text", "no_text_layer"]


def _text_before(disclosure: Disclosure, line: int | None) -> str:
    """The end of the paragraph a defect is placed at, so a reader can find the spot."""
    block = next((b for b in disclosure.source.blocks if b.location.line == line), None)
    if not isinstance(block, Paragraph):
        return ""
    text = block.text.strip()
    return ("…" if len(text) > CONTEXT_CHARS else "") + text[-CONTEXT_CHARS:]


def evaluate(rule, disclosure: Disclosure) -> list[Evaluation]:
    p: Params = rule.params
    source = disclosure.source
    if p.defect == "blank_page" and source.page_basis not in EXACT:
        return [not_decided(rule.id, "not_applicable", "页码不确切（据目录估计或未知），无法判断空白页")]
    if p.defect == "clipped_text" and "pdf" not in source.layouts:
        return [not_decided(rule.id, "not_applicable", "只有 PDF 能看出文字是否被裁切")]
    if p.defect == "no_text_layer" and "pdf" not in source.layouts:
        return [not_decided(rule.id, "not_applicable", "只有 PDF 能看出页面有没有文字层")]
    out = []
    for defect in source.page_defects:
        if defect.kind != p.defect:
            continue
        where = defect.location
        if p.defect == "blank_page":
            detail = f"第{where.page}页没有任何文字或图片"
        elif p.defect == "no_text_layer":
            detail = f"第{where.page}页只有图片、没有文字层（可能是扫描件），该页内容未检查"
        else:
            before = _text_before(disclosure, where.line)
            detail = f"第{where.page}页的“{defect.text}”只显示出一部分" + (f"（在“{before}”之后）" if before else "")
        out.append(
            Evaluation(
                rule=rule.id,
                outcome=Outcome.FAIL,
                subject=f"第{where.page}页",
                locations=(where,),
                detail=detail,
                values={"quote": defect.text},
            )
        )
    if not out:
        whole = Location(file=disclosure.path, page_basis=source.page_basis)
        out.append(Evaluation(rule=rule.id, outcome=Outcome.PASS, subject="全部页面", locations=(whole,)))
    return out
