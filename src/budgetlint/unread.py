"""Pages that were not read (a scanned page in a PDF with text) turn the failures they may explain
into insufficient_data: "not checked" never becomes a false error.

Without its text, a page's contents are simply absent: a part printed there is "missing", its 目录
entry points at nothing, a table that runs over it is cut in two, a paragraph broken by it ends
mid-sentence. So when the reader recorded pages without a text layer, a failing evaluation is
insufficient_data, with the pages named, when
* its check kind looks at the whole document for something (a part, a 目录 entry, the tables a
  count or a total is made of: the kind's module says READS_WHOLE_DOCUMENT = True) — the thing
  may be on the unread page; or
* one of its numbers stands in a block next to the unread page — the last block before it (ending
  on the page before) or the first after it (starting on the page after) — that may be missing
  its other half: anywhere in a table; in a paragraph, in the sentence cut at the gap (before the
  first 。 of a paragraph after it, after the last 。 of one before it).
An evaluation placed on the unread page itself is about the page (DC014) and stands.
Findings elsewhere stand: a wrong sum on page 20 is wrong whatever page 8 says. The unread pages
themselves are findings of their own (page_defect no_text_layer, DC014).
"""

from __future__ import annotations

from dataclasses import replace

from budgetlint.model import Block, Disclosure, Evaluation, Outcome, RawTable


def unread_pages(disclosure: Disclosure) -> list[int]:
    return sorted(
        {
            d.location.page
            for d in getattr(disclosure.source, "page_defects", ())
            if d.kind == "no_text_layer" and d.location.page is not None
        }
    )


def _pages_of(block: Block) -> tuple[int, int] | None:
    """The first and last page a block stands on; None when it has no page (a text input)."""
    if isinstance(block, RawTable):
        first, last = (block.rows[0].page, block.rows[-1].page) if block.rows else (None, None)
    elif block.lines:
        first, last = block.lines[0].page, block.lines[-1].page
    else:
        first = last = block.location.page
    return (first, last) if first is not None and last is not None else None


def _beside(disclosure: Disclosure, pages: list[int]) -> dict[int, tuple[int, int] | None]:
    """The blocks next to each unread page: the last one before it and the first one after it.

    line -> the characters of a paragraph that are whole sentences all the same (a paragraph
    after the gap may have lost its start, up to its first 。; one before it its end, after its
    last 。), or None for a table (any of its rows may be on the other side)."""
    placed = [(b, span) for b in disclosure.source.blocks if (span := _pages_of(b)) is not None]
    out: dict[int, tuple[int, int] | None] = {}
    for page in pages:
        before = [(b, last) for b, (_, last) in placed if last < page]
        after = [(b, first) for b, (first, _) in placed if first > page]
        if before and before[-1][1] == page - 1:
            _mark(out, before[-1][0], lost_start=False)
        if after and after[0][1] == page + 1:
            _mark(out, after[0][0], lost_start=True)
    return out


def _mark(out: dict[int, tuple[int, int] | None], block: Block, *, lost_start: bool) -> None:
    if isinstance(block, RawTable):
        for row in block.rows:
            for row_line in (row.line, *row.cell_lines):
                out[row_line] = None
        return
    line = block.location.line
    if line is None:
        return
    text = block.text
    whole = out.get(line, (0, len(text)))
    if whole is None:
        return
    if lost_start:
        whole = (max(whole[0], text.find("。") + 1 if "。" in text else len(text)), whole[1])
    else:
        whole = (whole[0], min(whole[1], text.rfind("。") + 1))
    out[line] = whole


def _affected(loc, beside: dict[int, tuple[int, int] | None]) -> bool:
    if loc.line not in beside:
        return False
    whole = beside[loc.line]
    return whole is None or loc.span is None or not (whole[0] <= loc.span[0] and loc.span[1] <= whole[1])


def adjust(
    evaluations: list[Evaluation], disclosure: Disclosure, whole_document: set[str], kinds: dict[str, str]
) -> list[Evaluation]:
    """`evaluations` with the failures unread pages may explain made insufficient_data.

    `whole_document`: the check kinds that look over the whole document; `kinds`: rule id -> kind."""
    pages = unread_pages(disclosure)
    if not pages:
        return evaluations
    beside = _beside(disclosure, pages)
    named = "、".join(str(p) for p in pages)
    out = []
    for e in evaluations:
        on_unread = any(loc.page in pages for loc in e.locations)  # about the page itself (DC014)
        if (
            e.outcome == Outcome.FAIL
            and not on_unread
            and (kinds.get(e.rule) in whole_document or any(_affected(loc, beside) for loc in e.locations))
        ):
            reason = f"第{named}页没有文字层，未能读取；本项所需的内容可能在这些页上"
            e = replace(e, outcome=Outcome.INSUFFICIENT_DATA, detail=reason)
        out.append(e)
    return out
