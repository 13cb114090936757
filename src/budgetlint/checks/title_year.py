"""title_year: every title names the document's year.

Titles are those of the template's parts found in the body (the cover line, part and section
headings, table titles), the 目录 entries, and the year line of each 绩效目标表 (（2024年度）). A
title naming a year other than the document's (a 2024 table titled 2023年预算收支总表, a 目录 entry
for 第三部分 2023年度…) is a finding; one pass per title with a year. Titles without a year are not
counted.

Params:
  toc_part: the id of the template part that is the 目录 (its entries' findings go in its row)

not_applicable when the document's year is not known or no title names a year.

    check: {kind: title_year, toc_part: toc}
"""

from __future__ import annotations

from dataclasses import replace

from budgetlint.checks.compare import not_decided
from budgetlint.checks.refs import Strict
from budgetlint.model import Disclosure, Evaluation, Location, Outcome
from budgetlint.model.parts import toc_entry_location
from budgetlint.recognize.parts import years_in


class Params(Strict):
    toc_part: str | None = None


def _check(rule, year: int, title: str, years: list[int], location: Location) -> Evaluation:
    wrong = [y for y in years if y != year]
    if not wrong:
        return Evaluation(rule=rule.id, outcome=Outcome.PASS, subject=title, locations=(location,))
    return Evaluation(
        rule=rule.id,
        outcome=Outcome.FAIL,
        subject=title,
        expected=str(year),
        actual="、".join(str(y) for y in wrong),
        unit="年",
        locations=(location,),
        detail=f"{year}年度的文件，标题写成{'、'.join(f'{y}年' for y in wrong)}",
        values={"table": location.table or "", "quote": title},
    )


def evaluate(rule, disclosure: Disclosure) -> list[Evaluation]:
    p: Params = rule.params
    year = disclosure.year
    if year is None:
        return [not_decided(rule.id, "not_applicable", "未识别出文件年度")]
    parts = disclosure.parts
    out = []
    for part in parts.found if parts else ():
        if part.spec.text:
            continue  # found by a sentence, not a title
        if years := years_in(part.title):
            out.append(_check(rule, year, part.title, years, part.location))
    for entry in parts.toc_lines if parts else disclosure.source.toc:
        if years := years_in(entry.title):
            out.append(_check(rule, year, entry.title, years, toc_entry_location(disclosure, parts, p.toc_part, entry)))
    performance = [
        (t, t.year) for t in (disclosure.overall_target, *disclosure.targets) if t is not None and t.year is not None
    ]
    for target, target_year in performance:
        name = getattr(target, "project_name", None)
        location = Location(
            file=disclosure.path, line=target.title_line, table=target.title, row=name.text if name else None
        )
        holder = parts.part_at(target.title_line) if parts else None
        if holder is not None:  # the page of the part it sits in is the best known
            location = replace(location, page=holder.location.page, page_basis=holder.location.page_basis)
        out.append(_check(rule, year, f"{target.title}（{target_year}年度）", [target_year], location))
    return out or [not_decided(rule.id, "not_applicable", "没有写明年份的标题")]
