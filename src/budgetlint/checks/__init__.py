"""Check kinds: one module per kind, each with Params and evaluate(rule, disclosure).

The registry is explicit; tests fail when it and this folder disagree.
"""

from budgetlint.checks import (
    claim_amount,
    claim_change,
    claim_class_name,
    claim_count,
    claim_execution,
    claim_parts,
    claim_repeat,
    claim_share,
    claim_year,
    code_hierarchy,
    column_sum,
    equal,
    group_sum,
    indicator_score,
    nested_sum,
    overall_target,
    row_match,
    row_sum,
    self_eval_funding,
    target_funding,
    target_vs_table,
    text_pattern,
    # document level (completeness, 目录, scope)
    empty_table_note,
    part_order,
    part_present,
    scope_parts,
    scope_wording,
    title_year,
    toc_match,
    toc_page,
)

CHECK_KINDS = {
    "claim_amount": claim_amount,
    "claim_change": claim_change,
    "claim_class_name": claim_class_name,
    "claim_count": claim_count,
    "claim_execution": claim_execution,
    "claim_parts": claim_parts,
    "claim_repeat": claim_repeat,
    "claim_share": claim_share,
    "claim_year": claim_year,
    "code_hierarchy": code_hierarchy,
    "column_sum": column_sum,
    "equal": equal,
    "group_sum": group_sum,
    "indicator_score": indicator_score,
    "nested_sum": nested_sum,
    "overall_target": overall_target,
    "row_match": row_match,
    "row_sum": row_sum,
    "self_eval_funding": self_eval_funding,
    "target_funding": target_funding,
    "target_vs_table": target_vs_table,
    "text_pattern": text_pattern,
    "empty_table_note": empty_table_note,
    "part_order": part_order,
    "part_present": part_present,
    "scope_parts": scope_parts,
    "scope_wording": scope_wording,
    "title_year": title_year,
    "toc_match": toc_match,
    "toc_page": toc_page,
}

# modules in this folder that are shared support, not kinds
SUPPORT_MODULES = {"claims", "compare", "performance_facts", "refs", "scoring"}
