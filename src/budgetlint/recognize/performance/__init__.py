"""Performance tables as typed records (model/performance.py): budget 绩效目标表 and 决算 绩效自评表.

Three readers, one per table family (design.md §1.4 "Performance tables" / "Self-evaluation
tables"):

* `parse_target_tables` (target_table.py) — 项目支出绩效目标表 of a budget (seeds 000, 001, 004): found
  by their title paragraph, the RawTable right after it. Text extracted from PDF shifts cells left
  and right, so these tables are read by CONTENT, not by column: a row is split into tokens
  (tokens.py: non-empty cells) and each token is classified (indicator_rows.py: 一级/二级 label,
  amount, name, value).
* `parse_overall_target_table` (overall_table.py) — the 整体支出绩效目标申报表 of the same documents.
* `parse_self_evaluations` (self_evaluation.py) — 项目支出/单位整体支出绩效自评表 in the
  one-cell-per-line layout (seed 003). Those rows keep their columns, so they are read by the
  header's column roles.

Printed values (amounts, 指标值) are read in values.py; the Chinese labels are data
(rules/vocabulary/performance.yaml, vocabulary.py). Nothing is dropped silently: a row that cannot
be placed becomes a `ParseProblem` on its table, and an indicator whose value cannot be parsed is
kept with `parsed=False`.
"""

from budgetlint.recognize.performance.overall_table import parse_overall_target_table
from budgetlint.recognize.performance.self_evaluation import parse_self_evaluations
from budgetlint.recognize.performance.target_table import parse_target_tables
from budgetlint.recognize.performance.values import parse_indicator_value, parse_printed_number

__all__ = [
    "parse_indicator_value",
    "parse_overall_target_table",
    "parse_printed_number",
    "parse_self_evaluations",
    "parse_target_tables",
]
