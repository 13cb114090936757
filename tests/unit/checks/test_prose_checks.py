"""Check kinds on numbers in prose that the rule cases do not show on their own: a 项 stated with
its 类's amount (NA001), and the coverage of prose numbers in the JSON contract."""

from budgetlint.engine import run_rules
from budgetlint.ingest import read_text
from budgetlint.model.results import DocumentResult, prose_coverage
from budgetlint.recognize import recognize
from budgetlint.rulebook import load_rules
from budgetlint.testing.cases import to_tab_layout

ITEM_WITH_CLASS_AMOUNT = """上海市普陀区2026年区级部门预算
2026年部门一般公共预算支出功能分类预算表
编制部门：某局 单位：元
项目 | | | | 一般公共预算支出 | |
功能分类科目编码 | | | 功能分类科目名称 | 合计 | 基本支出 | 项目支出
类 | 款 | 项 | | | |
210 | | | 卫生健康支出 | 1149678.00 | 1149678.00 | 0.00
210 | 11 | | 行政事业单位医疗 | 1149678.00 | 1149678.00 | 0.00
210 | 11 | 01 | 行政单位医疗 | 1000000.00 | 1000000.00 | 0.00
210 | 11 | 02 | 事业单位医疗 | 149678.00 | 149678.00 | 0.00
合计 | | | | 1149678.00 | 1149678.00 | 0.00
2026年部门预算编制说明
财政拨款支出主要内容如下：
1、卫生健康支出（210类）行政事业单位医疗（11款）行政单位医疗（01项）{amount}万元。主要用于：行政单位医疗保险缴费经费。
"""


def _na001(amount: str):
    text = to_tab_layout(ITEM_WITH_CLASS_AMOUNT.format(amount=amount))
    disclosure = recognize(read_text(text, path="items.txt"), template_id="shanghai-district-budget")
    rules = [r for r in load_rules() if r.id == "NA001"]
    return run_rules(rules, disclosure).findings


def test_an_item_stated_with_its_class_amount_says_so():
    [finding] = _na001("114.97")
    assert "上级科目" in finding.message and "1149678.00" in finding.message
    assert len(finding.locations) == 3  # the text, the 项 row, and the 类 (or 款) row whose amount it is


def test_an_item_stated_with_another_wrong_amount_names_no_parent():
    [finding] = _na001("120.00")
    assert "上级科目" not in finding.message


def test_an_item_stated_with_its_own_amount_passes():
    assert not _na001("100.00")


def test_prose_coverage_counts_found_bound_and_checked_per_part():
    text = to_tab_layout(ITEM_WITH_CLASS_AMOUNT.format(amount="100.00"))
    disclosure = recognize(read_text(text, path="items.txt"), template_id="shanghai-district-budget")
    run = run_rules(list(load_rules()), disclosure)
    coverage = prose_coverage(DocumentResult(path="items.txt", disclosure=disclosure, run=run))
    assert coverage["performance_tables"] == {"found": 0, "bound": 0, "checked": 0}
    assert coverage["narrative"] == {"found": 1, "bound": 1, "checked": 1}
