"""Every rule's own cases (rules/**/<ID>.cases.yaml), one pytest id each: TB001::fail_item_changed."""

import pytest

from budgetlint.testing import collect_cases, run_case

CASES = collect_cases()


@pytest.mark.parametrize("case", CASES, ids=[c.case_id for c in CASES])
def test_rule_case(case):
    result = run_case(case)
    assert result.ok, result.problem
