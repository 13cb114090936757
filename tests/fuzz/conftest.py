"""Make the fuzz modules importable as plain modules (harness, text_inputs …), and the hand-built
PDF writer of fixtures/make_case_pdfs.py with them. Imports budgetlint's modules (the CLI imports
a command's modules only when it runs) and loads the bundled rules and templates once, so each
forked run (harness.py) costs only its own work: what the hostile input costs, not start-up."""

from __future__ import annotations

import sys
from pathlib import Path

import pypdfium2  # noqa: F401

import budgetlint.cli
import budgetlint.cli.check
import budgetlint.cli.inspect
import budgetlint.cli.rules
import budgetlint.ingest.pdf
import budgetlint.report.json_contract
import budgetlint.report.terminal  # noqa: F401
from budgetlint.recognize.templates import load_templates
from budgetlint.rulebook import load_rules

HERE = Path(__file__).resolve().parent
for folder in (HERE, HERE.parents[1] / "fixtures"):
    if str(folder) not in sys.path:
        sys.path.insert(0, str(folder))

load_templates()
load_rules()
