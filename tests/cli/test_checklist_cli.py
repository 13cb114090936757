"""The CLI's checklist format and the terminal report's per-part overview."""

import openpyxl
from cli_helpers import SEED_000, SEED_001, run, run_main


def test_checklist_without_output_is_one_line_and_exit_2(monkeypatch, capsys):
    code, out, err = run_main(monkeypatch, capsys, "check", SEED_000, "--format", "checklist")
    assert code == 2 and out == ""
    assert len(err.strip().splitlines()) == 1
    assert "--output" in err and ".xlsx" in err and "Traceback" not in err


def test_checklist_output_must_be_an_xlsx_file(monkeypatch, capsys, tmp_path):
    target = tmp_path / "report.txt"
    code, _, err = run_main(monkeypatch, capsys, "check", SEED_000, "--format", "checklist", "--output", str(target))
    assert code == 2 and len(err.strip().splitlines()) == 1 and ".xlsx" in err
    assert not target.exists()


def test_checklist_writes_a_workbook_with_a_row_per_part(tmp_path):
    target = tmp_path / "检查表.xlsx"
    result = run("check", SEED_000, SEED_001, "--format", "checklist", "--output", str(target))
    assert result.exit_code == 1 and result.output == ""  # 001 has findings
    wb = openpyxl.load_workbook(target)
    assert wb.sheetnames == ["忻州职业技术学院", "长治职业技术学院"]
    ws = wb["长治职业技术学院"]
    rows = {
        ws.cell(r, 2).value: (ws.cell(r, 4).value, ws.cell(r, 5).value)
        for r in range(7, ws.max_row + 1)
        if ws.cell(r, 4).value
    }
    overall = rows["整体支出绩效目标申报表"]
    assert overall[0] == "否" and "缺少整体支出绩效目标申报表" in overall[1]
    assert rows["封面"] == ("是", None)


def test_rich_report_opens_with_the_parts_overview():
    output = run("check", SEED_001, "--fail-on", "never").output
    overview = output[output.index("各部分检查结果") : output.index("\n■")]
    lines = {line.split()[0]: line.split()[1:] for line in overview.splitlines()[2:] if line.strip()}
    assert lines["封面"][0] == "✓" and lines["整体支出绩效目标申报表"][:2] == ["✗", "1"]
    assert lines["《预算支出总表》"][:2] == ["✗", "1"] and lines["其他"][0] == "✓"
