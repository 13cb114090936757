"""scope_wording: a 单位 disclosure does not speak as a 部门, and a 部门 disclosure not as a 单位.

The document's scope is told by its cover/title line (the template's `parts.scope` patterns, e.g.
2024年度单位预算公开). For that scope, each regex listed under `wrong` is searched in every body
paragraph after the 目录 and in the 目录 entries; a match (本部门 or 部门预算安排 in a 单位预算) is a
finding at that paragraph quoting the words, placed in the part the paragraph belongs to. One pass
per pattern without a match. Table cells are not read (headers such as 部门预算支出经济科目名称 are
the template's).

Params:
  wrong: {department: [regex…], unit: [regex…]}: wording that must not appear in a disclosure of
         that scope
  toc_part: the id of the template part that is the 目录 (its entries are read too)

not_applicable when the document does not say whether it is a 部门 or 单位 disclosure.

    check:
      kind: scope_wording
      wrong: {unit: ['本部门'], department: ['本单位']}
"""

from __future__ import annotations

import re
from dataclasses import replace

from budgetlint.checks.compare import not_decided
from budgetlint.checks.refs import Regex, Strict
from budgetlint.model import Disclosure, Evaluation, Outcome
from budgetlint.model.parts import toc_entry_location
from budgetlint.model.templates import Scope

SCOPE_NAMES = {"department": "部门", "unit": "单位"}


class Params(Strict):
    wrong: dict[Scope, list[Regex]]
    toc_part: str | None = None


def evaluate(rule, disclosure: Disclosure) -> list[Evaluation]:
    p: Params = rule.params
    parts = disclosure.parts
    if parts is None or parts.scope is None:
        return [not_decided(rule.id, "not_applicable", "文件未写明是部门预算还是单位预算")]
    kind = SCOPE_NAMES[parts.scope]
    # (text, its location, whether match offsets are offsets in the block's own text)
    texts = [(para.text, para.location, True) for para in parts.paragraphs if (para.location.line or 0) > parts.toc_end]
    for entry in parts.toc_lines:
        texts.append((entry.title, toc_entry_location(disclosure, parts, p.toc_part, entry), False))
    texts.sort(key=lambda t: t[1].line or 0)
    out = []
    for pattern in p.wrong.get(parts.scope, []):
        rx = re.compile(pattern)
        hits = 0
        for text, location, own_text in texts:
            for m in rx.finditer(text):
                hits += 1
                part = parts.part_at(location.line)
                start, end = max(m.start() - 12, 0), min(m.end() + 12, len(text))
                context = ("…" if start else "") + text[start:end] + ("…" if end < len(text) else "")
                out.append(
                    Evaluation(
                        rule=rule.id,
                        outcome=Outcome.FAIL,
                        subject=m.group(0),
                        actual=m.group(0),
                        detail=context,
                        locations=(
                            replace(
                                location.at_cell(table=part.spec.name if part else location.table, row=m.group(0)),
                                span=m.span() if own_text else None,
                            ),
                        ),
                        values={"table": part.spec.name if part else "", "quote": m.group(0), "row": kind},
                    )
                )
        if not hits:
            out.append(Evaluation(rule=rule.id, outcome=Outcome.PASS, subject=pattern))
    return out or [not_decided(rule.id, "not_applicable", f"没有为{kind}预算列出不应出现的用语")]
