"""Make the fuzz modules importable as plain modules (harness, text_inputs …), and the hand-built
PDF writer of fixtures/make_case_pdfs.py with them. Imports budgetlint's heavy modules once, so
each forked run (harness.py) costs only its own work."""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
for folder in (HERE, HERE.parents[1] / "fixtures"):
    if str(folder) not in sys.path:
        sys.path.insert(0, str(folder))

import pypdfium2  # noqa: F401

import budgetlint.cli
import budgetlint.ingest.pdf  # noqa: F401
