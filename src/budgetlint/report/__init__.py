"""Reporters: one module per output format; each renders Results to text."""

from budgetlint.report import json_contract, terminal

REPORTERS = {
    "json": json_contract,
    "rich": terminal,
}
