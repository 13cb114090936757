"""target_vs_table: each 绩效目标表's 年度资金总额 equals the project's amount in a project table.

Params:
  table:          the project table kind (project_current, 项目支出预算表（本年预算）)
  column:         its amount column role (total)
  phase:          which funding block of the target table (annual: 年度资金总额)
  skip_roles:     row roles that are not projects (default [total]: the first, department row)
  min_similarity: how alike two names must be (0–1, difflib ratio) for the second matching pass
  unmatched:      fail (default) or insufficient_data — what a project found in no row gives
  unmatched_severity: severity of that finding when unmatched is fail (default warning)

Units are converted (元 in the target table, 万元 in the project table) and compared as rounding
intervals, so 250,728 元 agrees with a printed 25.07 万元.

Matching, in order: (1) by name (labels.squeeze: spaces and bracket width ignored); where several
targets or rows share a name, first by equal amount, then in document order; (2) a target still
without a row takes the one unused row whose name is at least min_similarity alike AND whose
amount agrees (the text layer garbles some names: 靠 系器 测量（手工制图）实训室 is the row
农林系园林测量（手工制图）实训室); the finding says the names differ. A target that matches no
row is not dropped: it is a finding of its own (outcome fail, severity warning by default: the
project is missing from the table, or its name differs too much to tell), or insufficient_data
when the rule says so. Rows without a target are not reported (not every project publishes one).

not_applicable when the document has no 绩效目标表 or no such project table; a target whose
年度资金总额 or unit cannot be read is insufficient_data.

    check: {kind: target_vs_table, table: project_current, column: total}
"""

from __future__ import annotations

from dataclasses import replace
from typing import Literal

from budgetlint.checks.compare import balance, interval_in, not_decided
from budgetlint.checks.refs import Strict, Unresolved, the_table
from budgetlint.checks.target_cells import line_fact, phase_label, project_name
from budgetlint.labels import squeeze
from budgetlint.model import Disclosure, Evaluation, Fact, Outcome
from budgetlint.model.facts import TableRow
from budgetlint.model.findings import Severity
from budgetlint.model.performance import TargetTable, TextCell

# Looks over the whole document for what it compares (unread.py):
# a project's row in the 项目支出预算表 may be on a page that was not read
READS_WHOLE_DOCUMENT = True


class Params(Strict):
    table: str
    column: str = "total"
    phase: Literal["implementation", "annual"] = "annual"
    skip_roles: list[str] = ["total"]
    min_similarity: float = 0.6
    unmatched: Literal["fail", "insufficient_data"] = "fail"
    unmatched_severity: Severity = "warning"


def _same_amount(a: Fact, b: Fact) -> bool:
    return a.parsed and b.parsed and interval_in(a, b.unit).overlaps(interval_in(b, b.unit))


def similarity(a: str, b: str) -> float:
    from difflib import SequenceMatcher  # here: the kind is rare, and the preload then needs no difflib

    return SequenceMatcher(None, a, b, autojunk=False).ratio()


def match(
    targets: list[tuple[str, Fact]], rows: list[tuple[str, Fact]], min_similarity: float
) -> tuple[dict[int, int], set[int]]:
    """Pair targets with rows: {target index: row index} and the targets paired by similar name only.

    `targets` and `rows` are (normalised name, amount) in document order.
    """
    pairs: dict[int, int] = {}
    used: set[int] = set()
    # indexes by name, in document order, found in one pass each (not one pass per name: a
    # document of many projects would cost their number squared); names pair apart, so their
    # order does not matter
    rows_named: dict[str, list[int]] = {}
    for index, (name, _) in enumerate(rows):
        rows_named.setdefault(name, []).append(index)
    targets_named: dict[str, list[int]] = {}
    for index, (name, _) in enumerate(targets):
        targets_named.setdefault(name, []).append(index)
    for name, ts in targets_named.items():
        rs = rows_named.get(name, [])
        for i in ts:  # equal amounts first
            j = next((j for j in rs if j not in used and _same_amount(targets[i][1], rows[j][1])), None)
            if j is not None:
                pairs[i] = j
                used.add(j)
        for i in ts:  # then document order
            if i in pairs:
                continue
            j = next((j for j in rs if j not in used), None)
            if j is not None:
                pairs[i] = j
                used.add(j)
    similar: set[int] = set()
    for i, (name, amount) in enumerate(targets):
        if i in pairs:
            continue
        options = [
            (similarity(name, rows[j][0]), j)
            for j in range(len(rows))
            if j not in used and _same_amount(amount, rows[j][1])
        ]
        options = [o for o in options if o[0] >= min_similarity]
        if options:
            j = max(options)[1]
            pairs[i] = j
            used.add(j)
            similar.add(i)
    return pairs, similar


def _row_fact(row: TableRow, column: str) -> Fact | None:
    return row.cells.get(column)


def evaluate(rule, disclosure: Disclosure) -> list[Evaluation]:
    p: Params = rule.params
    if not disclosure.targets:
        return [not_decided(rule.id, "not_applicable", "文件中没有项目支出绩效目标表")]
    try:
        table = the_table(disclosure, p.table)
    except Unresolved as u:
        return [not_decided(rule.id, u.outcome, u.reason)]
    out: list[Evaluation] = []
    targets: list[tuple[str, Fact]] = []  # (normalised project name, total) for match()
    printed: list[tuple[TargetTable, TextCell]] = []  # each one's table and its printed project name
    for target in disclosure.targets:
        funding = getattr(target, f"{p.phase}_funding")
        name = project_name(target)
        if target.project_name is None or funding is None or funding.total is None or target.unit is None:
            out.append(not_decided(rule.id, "insufficient_data", "没有读到项目名称、资金总额或金额单位", name))
            continue
        fact = line_fact(disclosure, target, funding.total, phase_label(funding, p.phase))
        if fact.value is None or not fact.parsed:
            out.append(not_decided(rule.id, "insufficient_data", f"资金总额不是数字：“{fact.text}”", name))
            continue
        targets.append((squeeze(target.project_name.text), fact))
        printed.append((target, target.project_name))
    candidates = [(squeeze(r.label), r, _row_fact(r, p.column)) for r in table.rows if r.role not in p.skip_roles]
    rows = [(n, r, f) for n, r, f in candidates if f is not None]
    pairs, similar = match(targets, [(n, f) for n, _, f in rows], p.min_similarity)
    for i, (_, fact) in enumerate(targets):
        target, printed_name = printed[i]
        subject = project_name(target)
        if i not in pairs:
            detail = (
                f"{table.title}中没有这个项目：没有同名的行，也没有名称相近且金额相同的行"
                f"（{fact.location.row} {fact.text}{fact.unit}）"
            )
            if p.unmatched == "insufficient_data":
                out.append(
                    Evaluation(
                        rule=rule.id,
                        outcome=Outcome.INSUFFICIENT_DATA,
                        subject=subject,
                        detail=detail,
                        locations=(fact.location,),
                    )
                )
            else:
                out.append(
                    Evaluation(
                        rule=rule.id,
                        outcome=Outcome.FAIL,
                        subject=subject,
                        severity=p.unmatched_severity,
                        actual=fact.text,
                        unit=fact.unit,
                        detail=detail,
                        locations=(fact.location,),
                        values={
                            "table": fact.location.table or "",
                            "row": fact.location.row or "",
                            "column": fact.location.column or "",
                        },
                    )
                )
            continue
        _, row, row_fact = rows[pairs[i]]
        evaluation = balance(
            rule.id, subject, [fact], [row_fact], name=lambda f: f"{f.location.table}「{f.location.row}」"
        )
        shown = (
            f"{fact.location.row} {fact.text}{fact.unit}，{table.title}「{row.printed_label}」"
            f"{row_fact.text or '（空）'}{row_fact.unit}"
        )
        if evaluation.outcome == Outcome.FAIL:
            shown += f"，相差 {evaluation.difference}{evaluation.unit}"
        if i in similar:
            shown += f"（名称不同，按相近名称和相同金额对应：“{printed_name.text}”与“{row.printed_label}”）"
        out.append(replace(evaluation, detail=shown))
    return out
