"""Consistent synthetic tables, rounded as printed, never produce a finding (design.md §3).

The generated document holds the Shanxi 预算收入总表, 预算支出总表 (类 3 / 款 5 / 项 7 digits,
合计 = 基本支出 + 项目支出, every parent the exact sum of its children), a 预算收入总表 that funds
each code from 一般公共预算, 单位资金 and 上年结转 (本年收入 + 上年结转 = the code's 支出 合计), and
the “三公” table (合计 = 出国 + 接待 + 公务用车, 公务用车 = 购置 + 运行维护).
In the 元 variant the amounts carry 元 precision: every parent is the sum of the UNROUNDED
amounts, rounded half-up to 2 decimals of 万元 only when printed, as real tables are produced, so
printed parents differ from the sum of printed children by a few hundredths. The interval model
must accept that without a fudge factor.
"""

from __future__ import annotations

from decimal import Decimal

from hypothesis import given
from strategies import Budget, Leaf, audit_text, budgets, render_budget

from budgetlint.model import Outcome

EXPECTED_TABLES = ["revenue_summary", "expenditure_summary", "three_public"]
# Rules of the "document" group (DC…) check that a disclosure has all its parts, 目录 and 无数据
# notes; a three-table document lacks them by construction, so they are left out. Every other rule
# (tables, cross-table, narrative, performance, self-evaluation) runs and must find nothing.
SKIP_GROUPS = ("document",)
# the rules that check the generated tables themselves; each must really have passed
CORE_RULES = {"TB007", "TB008", "TB009", "TB010", "TB026", "TB027", "TB028", "XT004"}


def _assert_clean(text: str) -> None:
    disclosure, run = audit_text(text, path="synthetic.txt", template_id="shanxi-budget", skip_groups=SKIP_GROUPS)
    assert [t.kind for t in disclosure.tables] == EXPECTED_TABLES
    assert all(not t.unparsed_rows for t in disclosure.tables)
    assert run.findings == (), "\n".join(f"{f.rule} {f.message}" for f in run.findings) + "\n\n" + text
    assert run.summary["error"] == 0
    passed = {e.rule for e in run.evaluations if e.outcome == Outcome.PASS}
    # a rule that quietly stopped applying would also give no finding: ask for real passes
    assert passed >= CORE_RULES, CORE_RULES - passed


@given(budgets(in_yuan=False))
def test_consistent_tables_in_wan_yuan_give_no_finding(budget):
    _assert_clean(render_budget(budget))


@given(budgets(in_yuan=True))
def test_tables_rounded_from_yuan_give_no_finding(budget):
    _assert_clean(render_budget(budget))


def test_the_generator_really_tests_rounding():
    """Guard against a vacuous 元 variant: some printed parent must differ from its printed children's sum."""
    leaves = tuple(Leaf(f"2050{i}01", Decimal("33.33"), Decimal("0")) for i in range(1, 4))  # 3 × 0.003333 万元
    budget = Budget(
        leaves=leaves,
        abroad=Decimal(0),
        reception=Decimal(0),
        car_purchase=Decimal(0),
        car_operation=Decimal(0),
        scale=Decimal(1),
    )
    text = render_budget(budget)
    assert "\n205\t教育支出\t0.01\t" in text  # 0.009999 rounds to 0.01 …
    assert "\n2050101\t科目2050101\t0.00\t" in text  # … while each child prints 0.00
    _assert_clean(text)
