"""empty_table_note: a table without data says so in its own note (注：本表无数据), and only then.

For every table part of the template that is found: the note is a paragraph inside the table's
part (between its title and the next part) matching `note`. A table without data (no cell holds a
number other than zero)
  - that the template says may not be empty is a finding;
  - without a note is a finding;
  - whose note names another table (its words, `note_words` of another part, appear and none of
    this table's own do) is a finding: the note was copied from that table.
A table with data that carries such a note is a finding (a note left over or put under the wrong
table). Anything else passes.

Params:
  note: regex over the squeezed paragraph (no white space) that marks a no-data note

not_applicable when the template lists no table parts or none is found.

    check: {kind: empty_table_note, note: '^注：?.*无数据'}
"""

from __future__ import annotations

import re
from bisect import bisect_right

from budgetlint.checks.compare import not_decided
from budgetlint.checks.refs import Regex, Strict
from budgetlint.labels import squeeze
from budgetlint.model import Disclosure, Evaluation, Outcome, Paragraph
from budgetlint.model.parts import DocumentParts, FoundPart, has_data


class Params(Strict):
    note: Regex


class _Paragraphs:
    """The document's paragraphs as `_note` reads them, once per evaluation: each squeezed when first
    read, and, when they stand in line order (as documents read them), a part's own found by
    bisection, not by a walk over all of them per part (a document of many tables would cost
    tables × paragraphs)."""

    def __init__(self, paragraphs: tuple[Paragraph, ...]) -> None:
        self.paragraphs = paragraphs
        self.lines = [para.location.line or 0 for para in paragraphs]
        self.ordered = all(a <= b for a, b in zip(self.lines, self.lines[1:]))
        self.squeezed: dict[int, str] = {}

    def text(self, i: int) -> str:
        text = self.squeezed.get(i)
        if text is None:
            text = self.squeezed[i] = squeeze(self.paragraphs[i].text)
        return text

    def note(self, part: FoundPart, rx: re.Pattern) -> Paragraph | None:
        """The first paragraph after the part's title line and before its end that matches `rx`."""
        start, end = part.location.line or 0, part.end_line
        first = bisect_right(self.lines, start) if self.ordered else 0
        for i in range(first, len(self.lines)):
            line = self.lines[i]
            if end is not None and line >= end and self.ordered:
                break
            if line > start and (end is None or line < end) and rx.search(self.text(i)):
                return self.paragraphs[i]
        return None


def _other_tables_named(parts: DocumentParts, part: FoundPart, text: str) -> list[str]:
    if any(w in text for w in part.spec.note_words):
        return []
    return [s.name for s in parts.specs if s.table and s.id != part.spec.id and any(w in text for w in s.note_words)]


def _fail(rule, part: FoundPart, location, *, detail: str, quote: str = "") -> Evaluation:
    return Evaluation(
        rule=rule.id,
        outcome=Outcome.FAIL,
        subject=part.spec.name,
        actual=quote or None,
        detail=detail,
        locations=(location,),
        values={"table": part.spec.name, "quote": quote},
    )


def evaluate(rule, disclosure: Disclosure) -> list[Evaluation]:
    p: Params = rule.params
    parts = disclosure.parts
    tables = [(f, f.table) for f in parts.found if f.spec.table and f.table is not None] if parts else []
    if parts is None or not tables:
        return [not_decided(rule.id, "not_applicable", "模板未列出表格或文件中没有这些表")]
    rx = re.compile(p.note)
    paragraphs = _Paragraphs(parts.paragraphs)
    out = []
    for part, table in tables:
        note = paragraphs.note(part, rx)
        quote = note.text.strip() if note else ""
        where = note.location.at_cell(table=part.spec.name) if note else part.location
        if has_data(table):
            if note is not None:
                out.append(
                    _fail(
                        rule,
                        part,
                        where,
                        quote=quote,
                        detail=f"“{part.title}”有数据，却注明“{quote}”（第{note.location.line}行）",
                    )
                )
            else:
                out.append(
                    Evaluation(rule=rule.id, outcome=Outcome.PASS, subject=part.spec.name, locations=(part.location,))
                )
            continue
        if not part.spec.may_be_empty:
            out.append(_fail(rule, part, part.location, detail=f"“{part.title}”没有数据，按模板这张表不应为空"))
        elif note is None:
            out.append(_fail(rule, part, part.location, detail=f"“{part.title}”没有数据，也没有注明本表无数据"))
        elif others := _other_tables_named(parts, part, squeeze(quote)):
            out.append(
                _fail(rule, part, where, quote=quote, detail=f"“{part.title}”的注释“{quote}”说的是{'、'.join(others)}")
            )
        else:
            out.append(Evaluation(rule=rule.id, outcome=Outcome.PASS, subject=part.spec.name, locations=(where,)))
    return out
