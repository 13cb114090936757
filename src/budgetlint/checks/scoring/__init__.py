"""Rates and scores of 绩效自评表, shared by the kinds execution_rate, execution_score (资金) and
completion_rate, indicator_score (指标): accepted scoring formulas (formulas.py), the 完成率 implied by 目标值
and 业绩值 (rates.py), and evaluations of printed derived values (derived.py)."""

from budgetlint.checks.scoring.derived import derived
from budgetlint.checks.scoring.formulas import HUNDRED, ONE, ZERO, Candidate, Formula, printed_rate, scores
from budgetlint.checks.scoring.rates import Implied, QualitativeValues, RateMethods, actual_against_target, implied_rate

__all__ = [
    "HUNDRED",
    "ONE",
    "ZERO",
    "Candidate",
    "Formula",
    "Implied",
    "QualitativeValues",
    "RateMethods",
    "actual_against_target",
    "derived",
    "implied_rate",
    "printed_rate",
    "scores",
]
