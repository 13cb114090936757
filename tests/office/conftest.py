"""Office inputs: the builders beside this file, fixtures/make_case_workbooks.py and the CLI tests'
helpers are importable, and the PDFs the office tests compare against are read once per session."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
FIXTURES = HERE.parents[1] / "fixtures"
for folder in (HERE, FIXTURES, HERE.parent / "cli"):  # tests/cli/cli_helpers.run_main
    if str(folder) not in sys.path:
        sys.path.insert(0, str(folder))


@pytest.fixture(scope="session")
def fixtures() -> Path:
    return FIXTURES


@pytest.fixture(scope="session")
def dept_pdf() -> Path:
    return FIXTURES / "pdf" / "sfj_2026_dept_budget.pdf"


@pytest.fixture(scope="session")
def unit_pdf() -> Path:
    return FIXTURES / "pdf" / "sfj_2026_unit_budget.pdf"


@pytest.fixture(scope="session")
def rules():
    from budgetlint.rulebook import load_rules

    return load_rules()


@pytest.fixture(scope="session")
def dept_source(dept_pdf):
    import documents  # tests/documents.py: the fixture PDFs, parsed once per session and shared

    return documents.source(dept_pdf)


@pytest.fixture(scope="session")
def unit_source(unit_pdf):
    import documents

    return documents.source(unit_pdf)


@pytest.fixture(scope="session")
def dept_whole(dept_pdf):
    """The 司法局 部门预算 PDF checked whole: the result every split or refilled copy is held to."""
    import documents

    return documents.results(dept_pdf).documents[0]


@pytest.fixture(scope="session")
def unit_whole(unit_pdf):
    import documents

    return documents.results(unit_pdf).documents[0]
