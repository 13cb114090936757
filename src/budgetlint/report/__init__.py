"""Reporters: one module per output format; each renders Results to text (or, with BINARY = True,
to the bytes of a file, which the CLI writes only to --output).

REPORTERS names each format's module; `reporter(fmt)` imports it when a report is written, so a
run pays for one format's dependencies (rich, openpyxl) and `budgetlint --version` for none.

A streaming format's `document` gets the DocumentRecord of its document; one that reads the
record's 检查表 rows (its `parts`, report/part_map.py) says so with READS_PARTS = True, and for the
others the worker does not build them.

part_map.py is shared support, not a format: which 检查表 row (part of the disclosure) a finding
belongs to, for the checklist and the terminal overview alike.
"""

from __future__ import annotations

from importlib import import_module
from types import ModuleType

REPORTERS = {
    "checklist": "xlsx_checklist",
    "json": "json_contract",
    "junit": "junit",
    "pdf": "pdf_annotations",
    "rich": "terminal",
    "sarif": "sarif",
}

# modules in this folder that are shared support, not `check` formats: record.py (a checked
# document without its Disclosure); part_map.py, phrases.py, screenshots.py and pdf_summary.py, used
# by the human formats; and the formats of `budgetlint report`, written from a results store:
# summary.py (terminal table, CSV), html_page.py, summary_xlsx.py
SUPPORT_MODULES = {
    "part_map",
    "phrases",
    "pdf_summary",
    "screenshots",
    "record",
    "summary",
    "html_page",
    "summary_xlsx",
}


def reporter(fmt: str) -> ModuleType:
    """The module that renders format `fmt` (a key of REPORTERS)."""
    return import_module(f"{__name__}.{REPORTERS[fmt]}")
