"""A finding's fingerprint: the same defect keeps the same fingerprint when the document is edited
elsewhere, so a waiver written today still names it tomorrow.

The fingerprint hashes three things and nothing positional (no line, page or box, no path):
* the rule id;
* the document's identity: unit, year, kind (budget / final account) and scope (部门 / 单位),
  as recognised (the 司法局's 部门预算 and 单位预算 share unit, year and kind);
* what the finding is about: its subject; for each table cell on the reported side, the table's
  kind (its title where the template has no kind for it), the row label and the column; for each
  narrative claim it decided on, the claim's sentence; for each place in running text, the text
  around the match; and the quoted text. Amounts in tables are not part of it: a waived
  difference stays waived while the amounts around it are corrected, as long as the cell is the same.

Two findings of one document that are about the same thing (the same sentence printed twice)
are told apart by their order: the second gets "-2". Findings merged because they say the same
thing at several places hash the sorted contents of all of them.
"""

from __future__ import annotations

import hashlib
import json
import re

from budgetlint.labels import squeeze
from budgetlint.model import Disclosure, Evaluation, Location, Paragraph

CONTEXT = 12  # characters each side of a match in running text that identify it
_POSITION = re.compile(r"第\s*\d+\s*[行页]")  # a position named in a subject: not content

Content = list[str]


class Identity:
    """What the fingerprints of one document are computed from (built once per document)."""

    def __init__(self, disclosure: Disclosure) -> None:
        parts = disclosure.parts
        self.document = [
            disclosure.unit or "",
            str(disclosure.year or ""),
            disclosure.kind,
            (parts.scope if parts is not None else None) or "",
        ]
        self.kinds = {squeeze(t.title): t.kind for t in disclosure.tables}
        # squeezed when a finding names the claim, once per sentence: the claims of one sentence share
        # its text, and a hostile paragraph holds thousands of claims in one 20,000-character sentence
        self.sentences = {f"{c.location.line}:{c.span.start}": c.sentence for c in disclosure.claims}
        self._squeezed: dict[str, str] = {}
        self.texts = {
            b.location.line: b.text
            for b in disclosure.source.blocks
            if isinstance(b, Paragraph) and b.location.line is not None
        }

    def _sentence(self, sentence: str) -> str:
        squeezed = self._squeezed.get(sentence)
        if squeezed is None:
            squeezed = self._squeezed[sentence] = squeeze(sentence)
        return squeezed

    def _cell(self, loc: Location) -> str:
        table = squeeze(loc.table or "")
        return "|".join([self.kinds.get(table, table), squeeze(loc.row or ""), squeeze(loc.column or "")])

    def _text(self, loc: Location) -> str | None:
        text = self.texts.get(loc.line) if loc.line is not None else None
        if text is None or loc.span is None:
            return None
        start, end = loc.span
        return squeeze(text[max(start - CONTEXT, 0) : end + CONTEXT])

    def content(self, e: Evaluation) -> Content:
        """What `e` is about, as strings in a fixed order."""
        reported = [a.location for a in e.addends if a.side == "reported"] or list(e.locations)
        out = ["s:" + _POSITION.sub("", squeeze(e.subject)), "q:" + squeeze(e.values.get("quote", ""))]
        out += ["c:" + self._cell(loc) for loc in reported if loc.column]
        out += ["n:" + self._sentence(self.sentences[key]) for key in e.claims if key in self.sentences]
        out += ["t:" + text for loc in e.locations if not loc.column and (text := self._text(loc))]
        return out

    def fingerprint(self, rule: str, content: Content) -> str:
        data = json.dumps([rule, self.document, content], ensure_ascii=False, separators=(",", ":"))
        return hashlib.sha256(data.encode("utf-8")).hexdigest()[:16]


def group_content(contents: list[Content]) -> Content:
    """The content of findings merged into one: every member's, sorted, without repeats."""
    return sorted({json.dumps(c, ensure_ascii=False) for c in contents})


def numbered(fingerprints: list[str]) -> list[str]:
    """Repeats told apart by their order: the second of a kind gets -2, the third -3."""
    seen: dict[str, int] = {}
    out = []
    for fp in fingerprints:
        seen[fp] = seen.get(fp, 0) + 1
        out.append(fp if seen[fp] == 1 else f"{fp}-{seen[fp]}")
    return out
