"""Nothing unchecked looks like a pass: unknown rule codes, skipped files, undecided checks; and the
CLI speaks Chinese (help, usage errors, OS errors)."""

import json
import shutil

import pytest
from cli_helpers import SEED_000, SEED_004, run, run_main


@pytest.mark.parametrize(
    "args, words",
    [
        (["--select", "NA0O1"], ["--select NA0O1", "是否想用", "NA001"]),
        (["--ignore", "tabels"], ["--ignore tabels", "是否想用", "tables"]),
        (["--select", "NOPE"], ["--select NOPE", "budgetlint rules"]),
        (["--select", ""], ["--select 的值为空"]),
        (["--ignore", " "], ["--ignore 的值为空"]),
    ],
)
def test_a_rule_code_that_selects_nothing_is_exit_2_with_a_suggestion(monkeypatch, capsys, args, words):
    code, out, err = run_main(monkeypatch, capsys, "check", SEED_000, *args)
    assert code == 2 and out == ""
    assert len(err.strip().splitlines()) == 1 and all(w in err for w in words), err


def test_help_is_chinese_with_examples_and_exit_codes():
    text = run("check", "--help").output
    assert "用法：" in text and "选项：" in text and "示例：" in text and "退出码：" in text
    assert "显示本帮助并退出" in text and "[默认：" in text
    for english in ("Usage:", "Options:", "Show this message", "[default"):
        assert english not in text
    assert "命令：" in run("--help").output


@pytest.mark.parametrize(
    "args, words",
    [
        (["check", SEED_000, "--formt", "json"], ["没有这个选项：--formt", "--format"]),
        (["check", SEED_000, "--format", "xml"], ["--format 的值无效", "json"]),
        (["check"], ["缺少参数"]),
        (["chek"], ["没有这个命令：chek"]),
    ],
)
def test_usage_errors_are_one_chinese_line(monkeypatch, capsys, args, words):
    code, _, err = run_main(monkeypatch, capsys, *args)
    assert code == 2 and len(err.strip().splitlines()) == 1, err
    assert all(w in err for w in words) and "Error" not in err and "Usage" not in err, err


def test_os_errors_are_said_in_chinese(monkeypatch, capsys, tmp_path):
    code, _, err = run_main(monkeypatch, capsys, "check", SEED_000, "--format", "json", "-o", str(tmp_path))
    assert code == 2 and "是一个目录" in err and "Is a directory" not in err
    code, _, err = run_main(monkeypatch, capsys, "check", str(tmp_path / "没有.txt"))
    assert code == 2 and "不存在" in err and "No such file" not in err


def test_files_skipped_in_a_folder_are_listed(monkeypatch, capsys, tmp_path):
    shutil.copy(SEED_000, tmp_path / "a.txt")
    (tmp_path / "扫描件.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    (tmp_path / "备份.rar").write_bytes(b"Rar!\x1a\x07\x00")
    text = run("check", str(tmp_path), "--fail-on", "never").output
    assert "未检查：" in text and "扫描件.png" in text and "备份.rar" in text and "2 个文件未检查" in text
    data = json.loads(run("check", str(tmp_path), "--format", "json", "--fail-on", "never").stdout)
    assert sorted(s["path"].rsplit("/", 1)[-1] for s in data["skipped"]) == ["备份.rar", "扫描件.png"]
    assert all("不支持的文件类型" in s["reason"] for s in data["skipped"])
    code, _, err = run_main(monkeypatch, capsys, "check", str(tmp_path), "--format", "json", "--fail-on", "never")
    assert code == 0 and err.count("未检查：") == 2  # other formats say it on stderr


def test_office_files_in_a_folder_are_read_not_skipped(tmp_path):
    """.docx and .xlsx are inputs now (issue 15): a damaged one is a file that could not be checked,
    with its reason, never a file silently passed over."""
    shutil.copy(SEED_000, tmp_path / "a.txt")
    (tmp_path / "说明.docx").write_bytes(b"PK\x03\x04")
    data = json.loads(run("check", str(tmp_path), "--format", "json", "--fail-on", "never").stdout)
    assert data["skipped"] == []
    damaged = next(d for d in data["documents"] if d["path"].endswith("说明.docx"))
    assert "文件损坏或不完整" in damaged["error"]


def test_show_skipped_lists_every_undecided_check_with_its_reason():
    data = json.loads(run("check", SEED_004, "--format", "json", "--fail-on", "never").output)
    [doc] = data["documents"]
    undecided = doc["undecided"]
    summary = doc["summary"]
    assert len(undecided) == summary["not_applicable"] + summary["insufficient_data"] + summary["error"]
    assert undecided and all(u["reason"] for u in undecided)
    plain = run("check", SEED_004, "--fail-on", "never").output
    assert "--show-skipped" in plain and "不适用" in plain
    shown = "".join(run("check", SEED_004, "--fail-on", "never", "--show-skipped").output.split())  # wrapped lines
    for u in undecided:
        assert u["rule"] in shown and "".join(u["reason"].split()) in shown


def test_severity_words_are_chinese_in_the_terminal_and_english_in_json():
    text = run("check", SEED_004, "--fail-on", "never").output
    assert "错误 NA003" in text and "警告" not in text.split("各部分检查结果")[0]
    assert not any(w in text for w in ("error ", "warning ", "info "))
    data = json.loads(run("check", SEED_004, "--format", "json", "--fail-on", "never").output)
    assert {f["severity"] for f in data["documents"][0]["findings"]} <= {"error", "warning", "info"}
