"""Reporters: one module per output format; each renders Results to text (or, with BINARY = True,
to the bytes of a file, which the CLI writes only to --output).

part_map.py is shared support, not a format: which 检查表 row (part of the disclosure) a finding
belongs to, for the checklist and the terminal overview alike.
"""

from budgetlint.report import json_contract, terminal, xlsx_checklist

REPORTERS = {
    "checklist": xlsx_checklist,
    "json": json_contract,
    "rich": terminal,
}

# modules in this folder that are shared support, not `check` formats: record.py (a checked
# document without its Disclosure), and the formats of `budgetlint report`, written from a results
# store: summary.py (terminal table, CSV), html_page.py, summary_xlsx.py
SUPPORT_MODULES = {"part_map", "record", "summary", "html_page", "summary_xlsx"}
