"""The CLI through click's CliRunner: exit codes, the JSON contract, bad inputs."""

import json
import re

import pytest
from cli_helpers import FIXTURES, SEED_000, SEED_001, SEED_004, run, run_main


@pytest.mark.parametrize("seed", [SEED_000, SEED_001, SEED_004])
def test_check_json_has_the_contract_and_at_least_300_passes(seed):
    result = run("check", seed, "--format", "json", "--fail-on", "never")
    assert result.exit_code == 0
    data = json.loads(result.output)
    assert data["tool"]["name"] == "budgetlint"
    [doc] = data["documents"]
    assert set(doc) >= {"path", "unit", "year", "kind", "template", "tables", "findings", "summary"}
    assert set(doc["summary"]) == {"pass", "fail", "not_applicable", "insufficient_data", "error"}
    assert doc["summary"]["pass"] >= 300
    assert doc["summary"]["error"] == 0
    assert len(doc["tables"]) == 13
    for finding in doc["findings"]:
        assert set(finding) >= {"rule", "severity", "message", "expected", "actual", "difference", "locations"}
        for loc in finding["locations"]:
            assert set(loc) >= {
                "page",
                "page_basis",
                "line",
                "table",
                "row",
                "column",
                "page_line",
                "bbox",
                "page_size",
            }
            assert loc["line"] >= 1


def test_clean_seed_exits_zero_and_seed_with_findings_exits_one():
    # 000's tables are clean; its narrative has one real error (84.3% for 83.67%, line 468)
    assert run("check", SEED_000, "--select", "TB", "--select", "XT").exit_code == 0
    assert run("check", SEED_000).exit_code == 1
    assert run("check", SEED_001).exit_code == 1
    assert run("check", SEED_001, "--fail-on", "never").exit_code == 0


def test_findings_on_seed_001_point_at_the_lines_of_every_number():
    data = json.loads(run("check", SEED_001, "--format", "json").output)
    findings = data["documents"][0]["findings"]
    by_rule = {}
    for f in findings:
        by_rule.setdefault(f["rule"], []).append(f)
    # 支出总表 项目支出 16879.62 (line 157) vs 本年 14171.00 (line 374) + 上年结转 2282.13 (line 486)
    [project] = by_rule["XT011"]
    assert [loc["line"] for loc in project["locations"]] == [157, 374, 486]
    assert (project["actual"], project["expected"], project["difference"]) == ("16879.62", "16453.13", "426.49")
    # 基金收入表 2.95 (line 311) against an empty 政府性基金 cell of 收入总表 (line 119) and 财政拨款收支总表 (line 196)
    assert sorted(tuple(loc["line"] for loc in f["locations"]) for f in by_rule["XT010"]) == [(311, 119), (311, 196)]


def test_inspect_json_lists_tables_with_location_and_unit():
    result = run("inspect", SEED_004, "--format", "json")
    data = json.loads(result.output)
    assert data["template"] == "shanxi-budget" and data["unit"] == "忻州市民政局"
    first = data["tables"][0]
    assert first["kind"] == "budget_summary" and first["unit"] == "万元"
    assert first["location"]["line"] == 100 and first["location"]["page"] == 3


def test_inspect_rich_names_every_table():
    result = run("inspect", SEED_000)
    assert result.exit_code == 0
    assert result.output.count("\n  表") == 13


def test_inspect_shows_the_national_base_and_each_tables_kind_and_roles():
    """Issue 10: per document the template (here the national base: no province template fits),
    per table its kind and the roles found (and those missing, when any)."""
    result = run("inspect", str(FIXTURES / "national" / "constructed_2024_budget_shandong_titles.txt"))
    assert result.exit_code == 0
    assert "模板 national-budget（全国基础模板" in result.output
    assert re.search(r"expenditure_summary .*\n\s+角色：total、basic、project\n", result.output)
    assert result.output.count("角色：") == 9


def test_rules_lists_and_shows_and_tests():
    listing = run("rules").output
    assert "TB001" in listing and "XT011" in listing
    shown = run("rules", "show", "TB001").output
    assert "检查什么" in shown and "fail_item_changed" in shown
    # one rule's cases: pytest runs every case once (tests/rules/test_rule_cases.py)
    tested = run("rules", "test", str(FIXTURES.parent / "rules" / "tables" / "TB001.yaml"))
    assert tested.exit_code == 0 and re.search(r"rules test: [1-9]\d* passed, 0 failed", tested.output)


@pytest.mark.parametrize(
    "name, words",
    [("empty.txt", "为空"), ("binary.txt", "二进制"), ("not_a_disclosure.txt", "不像是一份预决算公开文件")],
)
def test_bad_input_is_one_line_and_exit_2(monkeypatch, capsys, name, words):
    code, _, err = run_main(monkeypatch, capsys, "check", str(FIXTURES / "bad" / name))
    assert code == 2
    assert words in err
    assert "Traceback" not in err and len(err.strip().splitlines()) == 1


def test_a_bad_file_does_not_stop_the_others(monkeypatch, capsys):
    code, out, _ = run_main(
        monkeypatch, capsys, "check", str(FIXTURES / "bad" / "empty.txt"), SEED_000, "--format", "json"
    )
    assert code == 2
    docs = json.loads(out)["documents"]
    assert [bool(d.get("error")) for d in docs] == [True, False]
    assert docs[1]["summary"]["pass"] >= 300


def test_malformed_rule_dir_is_exit_2(monkeypatch, capsys):
    code, _, err = run_main(monkeypatch, capsys, "check", SEED_000, "--rules", str(FIXTURES / "bad" / "malformed-rule"))
    assert code == 2
    assert "TB901.yaml" in err and "YAML" in err and "Traceback" not in err


def test_missing_file_is_exit_2(monkeypatch, capsys):
    code, _, err = run_main(monkeypatch, capsys, "check", str(FIXTURES / "nope.txt"))
    assert code == 2 and "不存在" in err


def test_directory_input_checks_every_file(monkeypatch, capsys):
    code, out, _ = run_main(
        monkeypatch, capsys, "check", str(FIXTURES / "seeds"), "--format", "json", "--fail-on", "never"
    )
    assert code == 0
    assert len(json.loads(out)["documents"]) == 4


def test_output_option_writes_the_report(tmp_path):
    target = tmp_path / "report.json"
    result = run("check", SEED_000, "--format", "json", "--output", str(target), "--fail-on", "never")
    assert result.exit_code == 0 and result.output == ""
    assert json.loads(target.read_text(encoding="utf-8"))["documents"][0]["unit"] == "忻州职业技术学院"
