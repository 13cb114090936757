"""Check kinds: one module per kind, each with Params and evaluate(rule, disclosure).

The registry is explicit; tests fail when it and this folder disagree.
"""

from budgetlint.checks import code_hierarchy, column_sum, equal, group_sum, nested_sum, row_match, row_sum

CHECK_KINDS = {
    "code_hierarchy": code_hierarchy,
    "column_sum": column_sum,
    "equal": equal,
    "group_sum": group_sum,
    "nested_sum": nested_sum,
    "row_match": row_match,
    "row_sum": row_sum,
}

# modules in this folder that are shared support, not kinds
SUPPORT_MODULES = {"compare", "refs"}
