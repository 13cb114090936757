"""text_pattern: narrative text that must not appear (template leftovers, empty reasons).

Each pattern is a regex searched in every narrative paragraph; a match is a finding at that
paragraph's line quoting the matched text. One pass per pattern when nothing matches.

Params:
  patterns: list of {pattern, what}: the regex and what it means (shown in the message)

    check:
      kind: text_pattern
      patterns:
        - {pattern: '增加（减少）', what: 模板中的占位文字未改写}
"""

from __future__ import annotations

import re

from pydantic import field_validator

from budgetlint.checks.refs import Strict
from budgetlint.model import Disclosure, Evaluation, Outcome
from budgetlint.recognize.narrative import narrative_paragraphs


class Pattern(Strict):
    pattern: str
    what: str

    @field_validator("pattern")
    @classmethod
    def _compiles(cls, value: str) -> str:
        re.compile(value)
        return value


class Params(Strict):
    patterns: list[Pattern]


def evaluate(rule, disclosure: Disclosure) -> list[Evaluation]:
    p: Params = rule.params
    paragraphs, _ = narrative_paragraphs(disclosure.source)
    out = []
    for spec in p.patterns:
        rx = re.compile(spec.pattern)
        hits = [(para, m) for para in paragraphs for m in rx.finditer(para.text)]
        for para, m in hits:
            start = max(m.start() - 12, 0)
            context = para.text[start:m.end() + 12]
            out.append(Evaluation(
                rule=rule.id, outcome=Outcome.FAIL, subject=spec.what, actual=m.group(0), detail=f"…{context}…",
                locations=(para.location.model_copy(update={"row": spec.what}),),
                values={"table": "情况说明", "row": spec.what, "column": "", "quote": m.group(0)}))
        if not hits:
            out.append(Evaluation(rule=rule.id, outcome=Outcome.PASS, subject=spec.what))
    return out
