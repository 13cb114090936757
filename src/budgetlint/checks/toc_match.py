"""toc_match: the 目录 and the body list the same parts.

Each 目录 line (with or without a page number) is paired, in order, with the body heading of the
same title (numbering, white space, leader dots and a 表N prefix ignored); a line without one is
paired with the part of the template it names, or taken as a group title when the body has the
lines numbered under it (1.… under 五、), or else paired with the closest body heading when that is
close (another wording of the same title).

`direction: toc_to_body` checks the lines: one pass per line whose title the body prints, that
names a part the body has under other words (一、部门主要职能 over 上海市××局主要职能), or that is a
group title over lines the body has (五、部门预算表); a finding for a line the body words otherwise
(the body's heading is shown: （一）政府购买服务指导性目录 vs （一）政府购买服务的指导性目录) and for a line
naming nothing in the body. `direction: body_to_toc` checks the body: one pass per found part the
template says the 目录 lists (`toc: true`) that a line points at, a finding for one the 目录 leaves
out.

Findings sit at the 目录 entry (or, for a part left out, at the part's heading) and name the 目录
part (`toc_part`), so a checklist puts them in the 目录's row.

Params:
  direction: toc_to_body | body_to_toc
  toc_part: the id of the template part that is the 目录

not_applicable when the document has no 目录 (a missing 目录 is part_present's finding).

    check: {kind: toc_match, direction: toc_to_body, toc_part: toc}
"""

from __future__ import annotations

from typing import Literal

from budgetlint.checks.compare import not_decided
from budgetlint.checks.refs import Strict
from budgetlint.model import Disclosure, Evaluation, Outcome
from budgetlint.model.parts import toc_entry_location

# Looks over the whole document for what it compares (unread.py):
# a 目录 entry's heading, or the 目录 itself, may be on a page that was not read
READS_WHOLE_DOCUMENT = True


class Params(Strict):
    direction: Literal["toc_to_body", "body_to_toc"]
    toc_part: str


def evaluate(rule, disclosure: Disclosure) -> list[Evaluation]:
    p: Params = rule.params
    parts = disclosure.parts
    if not (parts.toc_lines if parts else disclosure.source.toc):
        return [not_decided(rule.id, "not_applicable", "文件没有可识别的目录")]
    spec = parts.spec(p.toc_part) if parts else None
    toc_name = spec.name if spec else None
    links, unlisted = disclosure.toc_links, disclosure.toc_unlisted
    out = []
    if p.direction == "toc_to_body":
        for link in links:
            entry = link.entry
            where = toc_entry_location(disclosure, parts, p.toc_part, entry)
            if link.found:
                out.append(Evaluation(rule=rule.id, outcome=Outcome.PASS, subject=entry.title, locations=(where,)))
            elif link.similar is not None:
                body = link.similar
                out.append(
                    Evaluation(
                        rule=rule.id,
                        outcome=Outcome.FAIL,
                        subject=entry.title,
                        expected=body.text.strip(),
                        actual=entry.title,
                        locations=(where, body.location.at_cell(table=toc_name)),
                        detail=f"目录第{entry.line}行写“{entry.title}”，正文第{body.location.line}行的标题是“{body.text.strip()}”",
                        values={"table": toc_name or "", "quote": entry.title},
                    )
                )
            else:
                page = f"（第{entry.page}页）" if entry.page else ""
                out.append(
                    Evaluation(
                        rule=rule.id,
                        outcome=Outcome.FAIL,
                        subject=entry.title,
                        locations=(where,),
                        detail=f"目录第{entry.line}行列出“{entry.title}”{page}，正文中找不到",
                        values={"table": toc_name or "", "quote": entry.title},
                    )
                )
        return out
    listed = {id(link.part) for link in links if link.part is not None}
    for part in parts.found if parts else ():
        if not part.spec.toc:
            continue
        if id(part) in listed:
            out.append(
                Evaluation(rule=rule.id, outcome=Outcome.PASS, subject=part.spec.name, locations=(part.location,))
            )
    for part in unlisted:
        out.append(
            Evaluation(
                rule=rule.id,
                outcome=Outcome.FAIL,
                subject=part.title,
                locations=(part.location.at_cell(table=toc_name, row=part.title),),
                detail=f"正文第{part.location.line}行的“{part.title}”没有列入目录",
                values={"table": toc_name or "", "quote": part.title},
            )
        )
    return out or [not_decided(rule.id, "not_applicable", "正文中没有应列入目录的部分")]
