"""The 检查表 workbook: opened with openpyxl, its rows say what the rules found, part by part."""

import io
from dataclasses import replace
from pathlib import Path

import openpyxl
import pytest

from budgetlint import api
from budgetlint.model import Finding, Location
from budgetlint.report import reporter, xlsx_checklist
from budgetlint.report.xlsx_checklist import problem_sentence, sheet_name

SEEDS = Path(__file__).resolve().parents[3] / "fixtures" / "seeds"
SEED_000 = SEEDS / "000_b2c7b50d282cc0b6.txt"

# three defects seeded into the clean 单位预算 of seed 000
DEFECTS = [
    ("2024年政府性基金预算收入表（不含上年结转）", "注：本表无数据\n", ""),  # the empty 表7 loses its note
    (
        "2024年预算支出总表\n",
        "20805\t行政事业单位养老支出\t967.07\t967.07\t",
        "20805\t行政事业单位养老支出\t967.07\t957.07\t",
    ),  # 表3: 合计 ≠ 基本支出 + 项目支出
    (
        "忻州职业技术学院2024年无机关运行经费。",
        "忻州职业技术学院2024年无机关运行经费。",
        "本部门2024年无机关运行经费。",
    ),
]


def _seeded(tmp_path) -> Path:
    text = SEED_000.read_text(encoding="utf-8")
    for anchor, find, to in DEFECTS:
        start = text.index(anchor)
        at = text.index(find, start)
        text = text[:at] + to + text[at + len(find) :]
    path = tmp_path / "seeded.txt"
    path.write_text(text, encoding="utf-8")
    return path


def _rows(ws) -> dict[str, tuple[str, str]]:
    """Part name -> (符合要求, 问题) for the rows under the header."""
    out = {}
    for r in range(6, ws.max_row + 1):
        name, verdict = ws.cell(r, 2).value, ws.cell(r, 4).value
        if name and verdict:
            out[name] = (verdict, ws.cell(r, 5).value or "")
    return out


@pytest.fixture(scope="module")
def seeded_book(tmp_path_factory):
    path = _seeded(tmp_path_factory.mktemp("seeded"))
    results = api.audit([path])
    data = xlsx_checklist.render(results)
    return results, data, openpyxl.load_workbook(io.BytesIO(data))


def test_the_sheet_has_the_official_shape(seeded_book):
    _, _, wb = seeded_book
    [ws] = wb.worksheets
    assert ws.title == "忻州职业技术学院"
    assert ws["A1"].value == "2024年度忻州职业技术学院单位预算公开情况检查表"
    assert ws["A3"].value == "单位名称：忻州职业技术学院"
    assert [ws["A5"].value, ws["D5"].value, ws["E5"].value] == ["2024年度单位预算公开检查内容", "符合要求", "存在问题"]
    assert [ws["A6"].value, ws["B6"].value] == ["及时性", "及时公开单位预算"]
    assert ws["A7"].value == "内容规范性"
    names = list(_rows(ws))
    assert names[1:8] == [
        "封面",
        "目录",
        "第一部分 概况",
        "主要职能",
        "机构设置",
        "第二部分 预算报表",
        "《预算收支总表》",
    ]
    assert names[-2:] == ["名词解释", "其他"]
    assert "部门预算单位构成" not in names  # only 部门 disclosures have it
    assert len([n for n in names if n.startswith("《")]) == 13


def test_each_seeded_defect_fails_its_own_row_and_nothing_else(seeded_book):
    _, _, wb = seeded_book
    rows = _rows(wb.worksheets[0])
    failing = {name for name, (verdict, _) in rows.items() if verdict == "否"}
    # the three seeded defects, and 000's own real error in 十 (占…项目支出总额的84.3%, true 83.67%)
    assert failing == {
        "《政府性基金预算收入表》",
        "《预算支出总表》",
        "八、机关运行经费增减变动原因说明",
        "十、绩效管理情况",
    }
    assert "84.3" in rows["十、绩效管理情况"][1]
    assert rows["《政府性基金预算收入表》"][1].startswith("1.第10页（据目录估计）第281行：")
    assert "没有注明本表无数据" in rows["《政府性基金预算收入表》"][1]
    expenditure = rows["《预算支出总表》"][1]
    assert expenditure.startswith("1.") and "967.07" in expenditure and "957.07" in expenditure
    assert "第5页（据目录估计）" in expenditure
    wording = rows["八、机关运行经费增减变动原因说明"][1]
    # 451: a note line less
    assert wording == "1.第18页（据目录估计）第451行：这是单位预算，却写了“本部门”：本部门2024年无机关运行经费…。"
    assert rows["封面"] == ("是", "") and rows["其他"] == ("是", "")


def test_every_finding_is_in_exactly_one_row(seeded_book):
    results, _, wb = seeded_book
    text = "\n".join(problem for _, problem in _rows(wb.worksheets[0]).values() if problem)
    numbered = [line for line in text.split("\n") if line[:1].isdigit()]
    findings = results.documents[0].run.findings
    shown = [f for f in findings if f.shown]
    assert len(numbered) == len(shown)
    # 基本支出 957.07 breaks its row and its column: one sentence names the cell and both identities
    followers = [f for f in findings if not f.shown]
    assert followers and all(f.consequence_of for f in followers)
    [cause] = [line for line in numbered if "同一原因还导致" in line]
    assert "「20805 行政事业单位养老支出」基本支出 957.07 可能有误：这一格改为 967.07" in cause
    assert all(f.rule in cause for f in followers)


def test_the_same_input_gives_the_same_bytes(seeded_book):
    results, data, _ = seeded_book
    assert xlsx_checklist.render(results) == data


def test_one_sheet_per_document_and_a_sheet_for_a_file_that_failed(tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    results = api.audit([SEEDS / "000_b2c7b50d282cc0b6.txt", SEEDS / "004_b39ab111367c9db1.txt", empty])
    wb = openpyxl.load_workbook(io.BytesIO(xlsx_checklist.render(results)))
    assert wb.sheetnames == ["忻州职业技术学院", "忻州市民政局", "empty.txt"]
    assert "部门预算单位构成" in _rows(wb["忻州市民政局"])
    assert wb["empty.txt"]["A1"].value == "无法检查的文件"


def test_problem_sentence_shows_page_line_and_values_not_in_the_message():
    f = Finding(
        rule="TB009",
        name="x",
        severity="error",
        message="表3 合计不等于基本支出加项目支出。",
        expected="967.07",
        actual="957.07",
        difference="10.00",
        locations=(
            Location(file="x", page=5, page_basis="toc", line=145, table="2024年预算支出总表"),
            Location(file="x", page=5, page_basis="toc", line=145, table="2024年预算支出总表"),
            Location(
                file="x",
                page=6,
                page_basis="pdf",
                line=88,
                page_line=12,
                table="财政拨款收支总表",
                row="合计",
                column="本年支出",
            ),
        ),
    )
    assert problem_sentence(2, f) == (
        "2.第5页（据目录估计）第145行：表3 合计不等于基本支出加项目支出"
        "（报告值 957.07，应为 967.07，相差 10.00）"
        "（另见：财政拨款收支总表 「合计」 本年支出 第6页第12行）。"
    )
    # values the rule's message already shows are not repeated (read from its template, not its text)
    info = replace(
        f, severity="info", locations=(), message="报告值 957.07，应为 967.07", message_shows=("actual", "expected")
    )
    assert problem_sentence(1, info) == "1.（提示）报告值 957.07，应为 967.07。"
    fixed = replace(info, fix="将 957.07 改为 967.07")
    assert problem_sentence(1, fixed).endswith("（建议：将 957.07 改为 967.07）。")


def test_sheet_names_are_valid_and_unique():
    class Doc:
        disclosure = None
        path = "a/b[1]:c?.txt"

    taken: set[str] = set()
    assert sheet_name(Doc, 1, taken) == "b_1__c_.txt"
    assert sheet_name(Doc, 2, taken) == "b_1__c_.txt(2)"


def test_checklist_is_registered_as_a_binary_format():
    assert reporter("checklist") is xlsx_checklist and xlsx_checklist.BINARY


def test_a_part_no_rule_looked_at_is_not_checked_never_passed():
    results = api.audit([SEED_000], select=["TB"])  # table rules only: nothing checks the cover or the narrative
    rows = _rows(openpyxl.load_workbook(io.BytesIO(xlsx_checklist.render(results))).worksheets[0])
    assert rows["封面"][0] == "未检查" and rows["三、支出预算情况说明"][0] == "未检查"
    assert rows["《预算收支总表》"][0] == "是" and rows["其他"][0] == "是"
