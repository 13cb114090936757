"""The 项目资金 block of a 项目支出绩效目标表 as Facts, for the kinds that read it
(target_funding_sum, target_one_year_phases, target_vs_table).

Many targets share one title, so a target table is named by its title and its project; a
funding line becomes a Fact in the table's own unit (元, as printed after 项目资金), with the line,
the phase's printed label as its column and the source's label as its row.
"""

from __future__ import annotations

from budgetlint.checks.memo import document_memo
from budgetlint.checks.performance_facts import make_fact
from budgetlint.model import Disclosure, Fact


def table_name(target) -> str:
    """The target table as findings name it: its title and the project (many share one title)."""
    name = target.project_name.text if target.project_name else f"第{target.title_line}行"
    return f"{target.title}（{name}）"


def project_name(target) -> str:
    return target.project_name.text if target.project_name else f"第{target.title_line}行的绩效目标表"


def label(text: str) -> str:
    """A printed label without its colon (资金总额：)."""
    return text.strip().rstrip(":：").strip()


def phase_label(funding, fallback: str) -> str:
    return label(funding.total.label) if funding is not None and funding.total is not None else fallback


def line_fact(disclosure: Disclosure, target, line, column: str) -> Fact:
    """A FundingLine of `target` as a Fact (amounts in the table's unit).

    Three kinds read every funding line, so its Fact is kept with the document (checks/memo.py):
    one entry per target and column (a phase's label), the target held in it so that its id stays
    its own, and in it the Facts of its lines by id (the target's own lines, held by it)."""
    made = document_memo(disclosure, "_line_facts", disclosure.source)
    key = (disclosure.path, id(target), column)
    held = made.get(key)
    if held is None:
        held = made[key] = (target, table_name(target), {})
    name: str = held[1]
    facts: dict[int, Fact] = held[2]
    fact = facts.get(id(line))
    if fact is None:
        fact = facts[id(line)] = make_fact(
            disclosure, line.amount, name, label(line.label), column, line.line, line.text, target.unit
        )
    return fact
