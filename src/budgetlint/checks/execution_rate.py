"""execution_rate: in the 资金 part of each 绩效自评表, 执行率 = 全年执行数 / 全年预算数, in every
row that prints one.

No parameters. A rate is a derived value: a printed 99.96% is accepted when some quotient of the
amounts' rounding intervals prints as it, rounded or truncated. A row whose 全年执行数 or
全年预算数 is not read is insufficient_data; a row whose 全年预算数 is zero has no rate and is not
evaluated. not_applicable when the document has no 绩效自评表 or none prints a 执行率.

    check: {kind: execution_rate}
"""

from __future__ import annotations

from budgetlint.checks.compare import not_decided
from budgetlint.checks.refs import Strict
from budgetlint.checks.scoring import derived
from budgetlint.checks.self_eval_cells import (
    HUNDRED,
    each_table,
    execution_rate_of,
    funding_cell,
    funding_header,
    rate_inputs,
    table_name,
)
from budgetlint.model import Disclosure, Evaluation


class Params(Strict):
    pass


def evaluate(rule, disclosure: Disclosure) -> list[Evaluation]:
    def check(evaluation) -> list[Evaluation]:
        out = []
        for row in evaluation.funding:
            if row.execution_rate is None:
                continue
            subject = f"{table_name(evaluation)}「{row.label}」{funding_header(evaluation, 'execution_rate')}"
            inputs = rate_inputs(disclosure, evaluation, row)
            if inputs is None:
                out.append(not_decided(rule.id, "insufficient_data", "全年执行数或全年预算数没有读到", subject))
                continue
            implied = execution_rate_of(*inputs)
            if implied is None:
                continue  # 全年预算数 zero: no rate
            printed = funding_cell(disclosure, evaluation, row, "execution_rate")
            out.append(derived(rule.id, subject, printed, [implied], list(inputs), unit="%", scale=HUNDRED))
        return out

    return each_table(rule, disclosure, check)
