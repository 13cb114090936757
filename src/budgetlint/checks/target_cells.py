"""The 项目资金 block of a 项目支出绩效目标表 as Facts, for the kinds that read it
(target_funding_sum, target_one_year_phases, target_vs_table).

Many targets share one title, so a target table is named by its title and its project; a
funding line becomes a Fact in the table's own unit (元, as printed after 项目资金), with the line,
the phase's printed label as its column and the source's label as its row.
"""

from __future__ import annotations

from budgetlint.checks.memo import document_memo
from budgetlint.checks.performance_facts import fact_at, location
from budgetlint.model import Disclosure, Fact, Location


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

    Three kinds read every funding line, and their evaluations show the same place: its Location is
    made once and kept with the document (checks/memo.py), by column (a phase's label) and by the
    line's id -- a funding line is one target table's own (recognize reads each table with a memo
    of its own) -- with the target kept beside them so that the ids of its lines stay their own.
    Keys are a column's text and an int, which the collector does not track, where a tuple key per
    line would count as an allocation. The Fact itself is made at each read and not kept: it costs
    less to make again than to keep alive (seed 001: 996 Facts, one per line and column)."""
    made: dict[str, dict[int, Location]] = document_memo(disclosure, "_line_locations", disclosure.source)
    places = made.get(column)
    if places is None:
        places = made[column] = {}
    where = places.get(id(line))
    if where is None:
        document_memo(disclosure, "_line_targets", disclosure.source)[id(target)] = target
        where = places[id(line)] = location(
            disclosure,
            line.line,
            table=table_name(target),
            row=label(line.label),
            column=column,
        )
    return fact_at(where, line.amount, line.text, target.unit)
