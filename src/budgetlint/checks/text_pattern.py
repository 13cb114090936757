"""text_pattern: text that must not appear (template leftovers, empty reasons, garbled glyphs).

Each pattern is a regex searched in every narrative paragraph (scope `narrative`, the 情况说明) or
in every paragraph and table cell (scope `document`); a match is a finding at that paragraph's or
cell's line quoting the matched text. One pass per pattern when nothing matches. Anchor patterns
with ^ and $ (each text's ends), never with the whole-string anchors.

Params:
  patterns: list of {pattern, what}: the regex and what it means (shown in the message)
  scope: narrative (default) | document

    check:
      kind: text_pattern
      patterns:
        - {pattern: '增加（减少）', what: 模板中的占位文字未改写}
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import replace
from itertools import chain
from typing import Literal

from budgetlint.checks.memo import document_memo
from budgetlint.checks.refs import Regex, Strict
from budgetlint.model import Disclosure, Evaluation, Location, Outcome, Paragraph, RawRow, RawTable


class Pattern(Strict):
    pattern: Regex
    what: str


class Params(Strict):
    patterns: list[Pattern]
    scope: Literal["narrative", "document"] = "narrative"


def _pieces(disclosure: Disclosure, scope: str) -> Iterator[tuple[Paragraph | RawTable, RawRow | None, Sequence[str]]]:
    """(block, its row in a table or None, the texts there) for every paragraph and table row the
    scope reads: the one walk of a scope, a step per row (a document has thousands of cells)."""
    if scope == "narrative":
        for para in disclosure.narrative:
            yield para, None, (para.text,)
        return
    for block in disclosure.source.blocks:
        if isinstance(block, RawTable):
            for row in block.rows:
                yield block, row, row.cells
        else:
            yield block, None, (block.text,)


def _texts(disclosure: Disclosure, scope: str) -> Iterator[tuple[str, Paragraph | RawTable, RawRow | None, int]]:
    """(text, its block, its row and cell index in a table) for every text the scope reads: each
    paragraph, each table cell that is not empty."""
    for block, row, texts in _pieces(disclosure, scope):
        for i, text in enumerate(texts):
            if text or row is None:
                yield text, block, row, i


def _joined(disclosure: Disclosure, scope: str) -> str:
    """Every text of the scope joined by line breaks, as `_texts` gives them: made once per
    document and scope, since several rules search it (checks/memo.py)."""
    memo = document_memo(disclosure, "_joined_texts", disclosure.source)
    key = (scope, id(disclosure.narrative))  # the narrative is kept beside its text, so its id stays its own
    held = memo.get(key)
    if held is None:
        every = chain.from_iterable(
            texts if row is None else filter(None, texts) for _, row, texts in _pieces(disclosure, scope)
        )
        held = memo[key] = (disclosure.narrative, "\n".join(every))
    return held[1]


def _location(block: Paragraph | RawTable, row: RawRow | None, i: int, what: str, span: tuple[int, int]) -> Location:
    """Built for a match only: a document has thousands of cells."""
    if row is None:
        return replace(block.location, row=what, span=span)
    return replace(
        block.location, line=row.line_of(i), page=row.page, row=what, bbox=row.cell_boxes[i] if row.cell_boxes else None
    )


def evaluate(rule, disclosure: Disclosure) -> list[Evaluation]:
    p: Params = rule.params
    # One search over all texts joined by line breaks finds whether anything can match (a match
    # in one text is a match there too, with ^ and $ at each text's ends): most documents have
    # none, and a document has tens of thousands of cells, so the texts are walked again, each
    # with its place, only for a pattern found in the whole (nothing is kept per cell meanwhile).
    joined = _joined(disclosure, p.scope)
    part = "情况说明" if p.scope == "narrative" else ""
    out = []
    for spec in p.patterns:
        rx = re.compile(spec.pattern)
        maybe = re.search(spec.pattern, joined, re.MULTILINE) is not None
        hits = (
            [(text, block, row, i, m) for text, block, row, i in _texts(disclosure, p.scope) for m in rx.finditer(text)]
            if maybe
            else []
        )
        for text, block, row, i, m in hits:
            start = max(m.start() - 12, 0)
            context = text[start : m.end() + 12]
            out.append(
                Evaluation(
                    rule=rule.id,
                    outcome=Outcome.FAIL,
                    subject=spec.what,
                    actual=m.group(0),
                    detail=f"…{context}…",
                    locations=(_location(block, row, i, spec.what, m.span()),),
                    values={"table": part, "row": spec.what, "column": "", "quote": m.group(0)},
                )
            )
        if not hits:
            out.append(Evaluation(rule=rule.id, outcome=Outcome.PASS, subject=spec.what))
    return out
