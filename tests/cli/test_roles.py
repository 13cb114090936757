"""`budgetlint roles`: the table kinds and roles rules may name, and those one document offers."""

import json

from cli_helpers import SEED_000, run

from budgetlint.recognize.roles import common_column_roles, known_roles
from budgetlint.rulebook import load_rules


def test_every_table_and_role_a_rule_names_is_listed():
    """A rule naming a table kind or a role nobody recognises would be not_applicable everywhere."""
    kinds = known_roles()
    tables = {k.table for k in kinds}
    roles = {r for k in kinds for r in (*k.columns, *k.rows)} | set(common_column_roles())
    unknown = []
    for rule in load_rules():
        check = rule.check
        if isinstance(check.get("table"), str) and check["table"] not in tables:
            unknown.append((rule.id, check["table"]))
        for key in ("total", "column"):
            if isinstance(check.get(key), str) and check[key] not in roles:
                unknown.append((rule.id, check[key]))
    assert unknown == []
    fiscal = next(k for k in kinds if k.document_kind == "budget" and k.table == "fiscal_summary")
    assert "revenue_general_budget" in fiscal.rows and "shanxi-budget" in fiscal.templates


def test_roles_lists_the_vocabulary_and_a_documents_tables():
    listed = run("roles")
    assert listed.exit_code == 0 and "预算 fiscal_summary  财政拨款收支总表" in listed.output
    data = json.loads(run("roles", SEED_000, "--format", "json").output)
    found = {k["table"]: k for k in data["kinds"]}
    assert "budget_summary" in found and "current_year_revenue_total" in found["budget_summary"]["rows"]
    assert data["common_columns"] == []  # a document lists what it offers, not what headers could
