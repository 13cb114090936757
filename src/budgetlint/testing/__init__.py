"""Rule-case runner: shared by `budgetlint rules test` and pytest."""

from budgetlint.testing.cases import CaseResult, collect_cases, rule_doc, run_all_cases, run_case

__all__ = ["CaseResult", "collect_cases", "rule_doc", "run_all_cases", "run_case"]
