"""Structured findings on the 司法局 2026 budgets: values as printed and as intervals, every addend
with its location, boxes that hold the printed numbers, page-local lines, fixes."""

import re
from decimal import Decimal

import pdfplumber
import pytest

from budgetlint.checks.compare import balance, by_row
from budgetlint.findings.build import draft_of, message_of
from budgetlint.model import Fact, Location
from budgetlint.rulebook import load_rules

SFJ = ["pdf/sfj_2026_dept_budget.pdf", "pdf/sfj_2026_unit_budget.pdf"]


def _squeezed(text: str) -> str:
    return re.sub(r"\s+", "", text)


@pytest.mark.parametrize("name", SFJ)
def test_every_printed_addend_is_inside_its_box_on_its_page(audited, name):
    doc = audited(name).documents[0]
    checked = 0
    with pdfplumber.open(doc.path) as pdf:
        for f in doc.run.findings:
            for a in f.addends:
                loc = a.location
                if not a.printed:
                    continue
                assert loc.bbox is not None and loc.page_size is not None, (f.rule, a.name)
                page = pdf.pages[loc.page - 1]
                assert loc.page_size == (float(page.width), float(page.height))
                inside = page.crop(loc.bbox, strict=False).extract_text()
                # a narrative number is its claim's text ("201.50万元"); the box holds whole lines
                assert _squeezed(a.printed.replace("%", "")) in _squeezed(inside), (f.rule, a.printed, inside)
                checked += 1
    assert checked >= 15


def test_a_table_finding_shows_both_sides_with_intervals_and_every_addend(audited):
    doc = audited("pdf/sfj_2026_unit_budget.pdf").documents[0]
    [row] = [f for f in doc.run.findings if f.rule == "TB009"]
    assert row.title == "支出总表各行合计不等于基本支出加项目支出"
    assert row.reported.printed == "14,348,853.34" and (row.reported.low, row.reported.high) == (
        "14348853.335",
        "14348853.345",
    )
    assert row.computed.value == "79189400.34" and row.unit == "元"
    assert [(a.side, a.name, a.printed) for a in row.addends] == [
        ("reported", "合计", "14,348,853.34"),
        ("computed", "基本支出", "14,348,853.34"),
        ("computed", "项目支出", "64,840,547.00"),
    ]
    # the row 行政运行 is the 8th line of page 11: title, 编制单位, three header rows, 公共安全支出, 司法
    assert {(loc.page, loc.page_line) for loc in row.locations} == {(11, 8)}
    # intervals are technical detail: in `formula`, never in the message
    assert "[" not in row.message and row.formula.startswith("按四舍五入区间")


def test_narrative_findings_point_at_the_line_on_their_page_and_say_what_to_change(audited):
    doc = audited("pdf/sfj_2026_dept_budget.pdf").documents[0]
    [amount] = [f for f in doc.run.findings if f.rule == "NA001"]
    stated, table = amount.locations
    assert stated.page == 9 and stated.page_line is not None and stated.bbox is not None
    assert (table.page, table.row, table.column) == (16, "2210201 住房公积金", "合计")
    assert amount.fix == "将正文中的 201.50万元 改为表中的 208.80万元"
    rates = [f for f in doc.run.findings if f.rule == "NA010"]
    assert rates and all("÷" in f.formula and "÷" not in f.message for f in rates)
    # lines are counted on the page: no page of this document has 40 lines
    assert all(loc.page_line < 40 for f in doc.run.findings for loc in f.locations if loc.page_line)


@pytest.mark.parametrize("difference, shown", [("", "计算值 无对应行。"), ("-3.00", "相差 -3.00元。")])
def test_a_message_never_says_a_difference_without_an_amount(difference, shown):
    template = "{subject}：报告值 {actual}，计算值 {expected}，相差 {difference}{unit}。"
    values = {
        "subject": "表1",
        "actual": "5",
        "expected": "无对应行" if not difference else "8",
        "difference": difference,
        "unit": "元",
    }
    text = message_of(template, values)
    assert text.endswith(shown.replace("无对应行", values["expected"]))
    assert "相差 元" not in text


@pytest.mark.parametrize("name", SFJ)
def test_a_finding_comes_back_whole_from_its_contract(audited, name):
    """The results store keeps findings as their JSON contract; reading one back loses nothing."""
    from budgetlint.model import Finding

    for f in audited(name).documents[0].run.findings:
        again = Finding.from_contract(f.contract(), f.locations[0].file)
        assert again.contract() == f.contract()
        assert (again.cause, again.reported, again.waiver) == (f.cause, f.reported, f.waiver)


def test_an_addend_with_no_page_to_place_it_on_is_the_evaluations_own():
    """Placing an addend (a PDF's page, box and page-local line: the test above) copies it only
    where there is something to place."""

    def fact(text: str, line: int) -> Fact:
        return Fact(value=Decimal(text), decimals=2, unit="万元", text=text, location=Location(file="x", line=line))

    evaluation = balance("R", "s", [fact("3.50", 1)], [fact("1.00", 2), fact("2.00", 3)], name=by_row)
    finding = draft_of(load_rules()[0], evaluation).finding
    assert len(finding.addends) == 3 and all(a is b for a, b in zip(finding.addends, evaluation.addends))
