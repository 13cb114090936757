"""api.audit of a fixture file, once per test process: a 20-page PDF takes seconds to read and
several test modules look at the same run (importable: tests/ is on sys.path through its conftest)."""

from __future__ import annotations

from functools import cache
from pathlib import Path

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"


@cache
def audit_fixture(name: str):
    """`audit_fixture("pdf/sfj_2026_unit_budget.pdf")`: the Results of checking fixtures/NAME."""
    from budgetlint import api

    return api.audit([FIXTURES / name])
