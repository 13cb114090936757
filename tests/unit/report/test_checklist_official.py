"""The generated 检查表 against the official one for the 司法局 2026 budgets (peer-samples
GovBudgetChecker/tmp/doc_check/*.xlsx, transcribed here): the same rows say 否.

The official sheets name rows a little differently; each official 否 row is written beside the
row of budgetlint's sheet that stands for it. 及时性 (the publishing date) is not in the file.
"""

import io

import documents
import openpyxl
import pytest

from budgetlint.report import xlsx_checklist

OFFICIAL_NO = {
    "sfj_2026_dept_budget.pdf": {
        "目录": "目录",  # 目录后有一页多余的空表页
        "一、部门主要职能": "主要职能",  # 主要职能中部分文字未正常显示
        "四、部门预算编制说明": "预算编制说明",  # 5×2025年预算, 。, 。。, 17.62%, 210类, 208.8/201.50
        "七、项目经费情况说明": "项目经费情况说明",  # 多了一个右引号
    },
    "sfj_2026_unit_budget.pdf": {
        "四、单位预算编制说明": "预算编制说明",  # 增加（减少）, 1.10%, 56.12/57.8, 207/170.03, 210类
        "预算单位支出预算总表": "《单位支出预算总表》",  # 行政运行: 合计 ≠ 基本 + 项目
        "预算单位一般公共预算支出功能分类预算表": "《单位一般公共预算支出功能分类预算表》",  # the same row
        "六、其他相关情况说明": "其他相关说明",  # 主要原因是。 / 部门预算安排
    },
}


def _verdicts(name: str) -> dict[str, tuple[str, str]]:
    ws = openpyxl.load_workbook(io.BytesIO(xlsx_checklist.render(documents.results(documents.PDF / name)))).active
    return {
        ws.cell(r, 2).value: (ws.cell(r, 4).value, ws.cell(r, 5).value or "")
        for r in range(6, ws.max_row + 1)
        if ws.cell(r, 2).value and ws.cell(r, 4).value
    }


@pytest.mark.parametrize("name", sorted(OFFICIAL_NO))
def test_the_rows_marked_no_are_the_official_ones(name):
    rows = _verdicts(name)
    # the official sheets' 18 rows: 及时性, 封面 … 预算编制说明 (6), the 9 tables, 其他相关说明,
    # 项目经费情况说明 (a 单位预算 without one still has the row, 是); then budgetlint's 其他
    assert len(rows) == 18 + 1 and list(rows)[-1] == "其他"
    assert rows["七、项目经费情况说明"][0] in ("是", "否")
    assert {part for part, (verdict, _) in rows.items() if verdict == "否"} == set(OFFICIAL_NO[name])
    assert all(verdict in ("是", "否") for part, (verdict, _) in rows.items() if not part.startswith("及时"))


def test_the_page_rows_say_what_is_wrong_and_where():
    rows = _verdicts("sfj_2026_dept_budget.pdf")
    assert rows["目录"][1].startswith("1.第3页") and "空白页" in rows["目录"][1]
    duties = rows["一、部门主要职能"][1]
    assert duties.startswith("1.第4页") and "（八）负责本系统警车管理工作" in duties and "只显示出一部分" in duties


@pytest.mark.parametrize("name", sorted(OFFICIAL_NO))
def test_every_no_row_has_a_picture_of_its_problems(name, audited):
    ws = openpyxl.load_workbook(io.BytesIO(xlsx_checklist.render(audited(f"pdf/{name}")))).active
    assert ws["F5"].value == "问题截图"
    pictures = {image.anchor._from.row + 1: image for image in ws._images}  # 0-based anchors
    no_rows = [r for r in range(7, ws.max_row + 1) if ws.cell(r, 4).value == "否"]
    assert len(no_rows) == len(OFFICIAL_NO[name])
    for r in no_rows:
        assert r in pictures and pictures[r].anchor._from.col == 5  # column F
        problems = ws.cell(r, 5).value.count("\n") + 1
        assert pictures[r].height >= 40 * problems  # a region under each numbered problem
        assert ws.row_dimensions[r].height >= pictures[r].height * 0.75  # the row shows it whole
    assert set(pictures) <= set(no_rows) | {r for r in range(7, ws.max_row + 1) if ws.cell(r, 5).value}


def test_a_text_input_has_no_pictures_and_says_so(audited):
    ws = openpyxl.load_workbook(io.BytesIO(xlsx_checklist.render(audited("seeds/004_b39ab111367c9db1.txt")))).active
    assert ws._images == []
    with_problems = [r for r in range(7, ws.max_row + 1) if ws.cell(r, 5).value]
    assert with_problems and all(ws.cell(r, 6).value == xlsx_checklist.NO_PICTURE for r in with_problems)
