"""Reporters: one module per output format; each renders Results to text (or, with BINARY = True,
to the bytes of a file, which the CLI writes only to --output).

part_map.py is shared support, not a format: which 检查表 row (part of the disclosure) a finding
belongs to, for the checklist and the terminal overview alike.
"""

from budgetlint.report import json_contract, junit, pdf_annotations, sarif, terminal, xlsx_checklist

REPORTERS = {
    "checklist": xlsx_checklist,
    "json": json_contract,
    "junit": junit,
    "pdf": pdf_annotations,
    "rich": terminal,
    "sarif": sarif,
}

# modules in this folder that are shared support, not formats
SUPPORT_MODULES = {"part_map", "phrases", "pdf_summary", "screenshots"}
