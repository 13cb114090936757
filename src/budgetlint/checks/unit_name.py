"""unit_name: the unit is named the same way throughout: part headings and 编制单位 lines agree
with the name the disclosure was recognised under (Disclosure.unit, from its cover).

A heading names a unit when the text before its part words (概况, 主要职能, 2024年度部门决算表 …),
without its numbering (第一部分, 一、) and a （部门）/（单位） tag, ends like a unit name (局,
委员会, 办事处, 院 …); an 编制单位/编制部门 line names one after its colon. That name must be the
unit's, or its end (普陀区司法局, 司法局 for 上海市普陀区司法局): a heading that names another body
(上海市规划和自然资源局 in the 决算 of 上海市普陀区规划和自然资源局) or a leftover (上海市普陀区XX局)
is a finding. One pass per heading or line that names a unit.

Params:
  part_words: regex of what follows the unit's name in a heading
  name_end: regex a unit's name ends with (anchored at the end by the check)
  line: regex of a line that names the unit; group `name` is the name

not_applicable when the unit is not known or nothing names a unit.
"""

from __future__ import annotations

import re
from dataclasses import replace

from budgetlint.checks.compare import not_decided
from budgetlint.checks.refs import Regex, Strict
from budgetlint.labels import squeeze
from budgetlint.model import Disclosure, Evaluation, Location, Outcome, RawTable

_NUMBERING = re.compile(r"^(?:第[一二三四五六七八九十]+部分|[一二三四五六七八九十]+、)")
_SCOPE_TAG = re.compile(r"（(?:部门|单位)）$")


class Params(Strict):
    part_words: Regex
    name_end: Regex
    line: Regex


def _heading_name(title: str, part_words: re.Pattern, name_end: re.Pattern) -> str | None:
    text = _NUMBERING.sub("", squeeze(title))
    m = part_words.search(text)
    if m is None:
        return None
    name = _SCOPE_TAG.sub("", text[: m.start()])
    return name if len(name) >= 3 and name_end.search(name) else None


def _named(disclosure: Disclosure, p: Params) -> list[tuple[str, str, Location]]:
    """(what names the unit, the name, where) for headings and 编制单位 lines."""
    part_words, name_end = re.compile(p.part_words), re.compile(f"(?:{p.name_end})$")
    line = re.compile(p.line)
    out = []
    parts = disclosure.parts
    for part in parts.found if parts else ():
        if part.spec.text or part.spec.table or part.spec.performance:
            continue
        if name := _heading_name(part.title, part_words, name_end):
            out.append((part.title, name, part.location))
    for block in disclosure.source.blocks:
        # (text, its row or None): a cell's location is made only for a cell that names the unit
        texts = (
            [(c, r) for r in block.rows[:3] for c in r.cells if c]
            if isinstance(block, RawTable)
            else [(block.text, None)]
        )
        for text, row in texts:
            if (m := line.search(squeeze(text))) and name_end.search(m.group("name")):
                where = replace(block.location, line=row.line, page=row.page) if row else None
                out.append((text.strip(), m.group("name"), where or block.location))
    return out


def evaluate(rule, disclosure: Disclosure) -> list[Evaluation]:
    p: Params = rule.params
    if not disclosure.unit:
        return [not_decided(rule.id, "not_applicable", "未识别出单位名称")]
    unit = squeeze(disclosure.unit)
    out = []
    for text, name, location in _named(disclosure, p):
        if unit.endswith(name):
            out.append(Evaluation(rule=rule.id, outcome=Outcome.PASS, subject=text, locations=(location,)))
            continue
        out.append(
            Evaluation(
                rule=rule.id,
                outcome=Outcome.FAIL,
                subject=text,
                expected=disclosure.unit,
                actual=name,
                locations=(location,),
                detail=f"封面的单位名称是“{disclosure.unit}”，这里写成“{name}”",
                values={"quote": text},
            )
        )
    return out or [not_decided(rule.id, "not_applicable", "没有标题或编制单位行写出单位名称")]
