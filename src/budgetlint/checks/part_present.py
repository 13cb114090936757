"""part_present: every part the template requires (封面, 目录, each table, each 情况说明 section …) is there.

The parts are the template's `parts:` list (rules/templates/<id>/template.yaml). A part is required
when it is marked required, belongs to the document's scope (部门 or 单位; a part limited to one
scope is required only there, and not at all when the scope is not told) and, for a part with
`required_if_data`, when that table has data. One pass per part found, one finding per part missing;
the finding names the part (table and row = the part's name) and stands where the part was
expected: at the heading of the part found before it in template order (line 1 when none is). A
part of the document's scope that is not required and not there passes there too (the 检查表 still
has its row: a 单位预算 without 项目经费情况说明 is 是).

Params:
  parts: only these part ids (default: every required part)

not_applicable when the template lists no parts.

    check: {kind: part_present}
"""

from __future__ import annotations

from budgetlint.checks.compare import not_decided
from budgetlint.checks.refs import Strict
from budgetlint.model import Disclosure, Evaluation, Location, Outcome
from budgetlint.model.parts import in_scope, required_parts

# Looks over the whole document for what it compares (unread.py):
# a part may be printed on a page that was not read
READS_WHOLE_DOCUMENT = True


class Params(Strict):
    parts: list[str] | None = None


def evaluate(rule, disclosure: Disclosure) -> list[Evaluation]:
    p: Params = rule.params
    parts = disclosure.parts
    if parts is None or not parts.specs:
        return [not_decided(rule.id, "not_applicable", "模板未列出必备部分")]
    required = {spec.id for spec in required_parts(parts, disclosure)}
    out = []
    previous = None  # the last part found, in template order
    for spec in parts.specs:
        found = parts.get(spec.id)
        if p.parts is not None and spec.id not in p.parts:
            pass
        elif found is not None and spec.id in required:
            out.append(Evaluation(rule=rule.id, outcome=Outcome.PASS, subject=spec.name, locations=(found.location,)))
        elif found is None and (spec.id in required or in_scope(parts, spec)):
            after = (
                f"按模板应位于“{previous.title}”（第{previous.location.line}行）之后"
                if previous
                else "按模板应位于文件开头"
            )
            place = previous.location if previous else Location(file=disclosure.path, line=1)
            missing = spec.id in required
            out.append(
                Evaluation(
                    rule=rule.id,
                    outcome=Outcome.FAIL if missing else Outcome.PASS,
                    subject=spec.name,
                    detail=after if missing else "非必需的部分，文件中没有",
                    locations=(place.at_cell(table=spec.name, row=spec.name),),
                    values={"table": spec.name},
                )
            )
        if found is not None:
            previous = found
    return out or [not_decided(rule.id, "not_applicable", "没有要求的部分")]
