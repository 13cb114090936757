"""Hostile and broken inputs through the real entry point: one line each, the others go on, no traceback."""

import json
import os
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from cli_helpers import FIXTURES, SEED_000, run_main

sys.path.insert(0, str(FIXTURES))


def _one_line_each(err: str, count: int) -> list[str]:
    lines = err.strip().splitlines()
    assert len(lines) == count, err
    assert "Traceback" not in err and "内部错误" not in err
    return lines


def test_a_fifo_and_a_device_are_refused_and_the_seed_is_checked(monkeypatch, capsys, tmp_path):
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    code, out, err = run_main(monkeypatch, capsys, "check", str(fifo), "/dev/zero", SEED_000, "--format", "json")
    assert code == 2
    docs = json.loads(out)["documents"]
    assert [bool(d.get("error")) for d in docs] == [True, True, False] and docs[2]["summary"]["pass"] > 300
    lines = _one_line_each(err, 2)
    assert "命名管道" in lines[0] and "设备文件" in lines[1]


def test_a_folder_reports_the_entries_it_skips(monkeypatch, capsys, tmp_path):
    (tmp_path / "seed.txt").write_bytes(Path(SEED_000).read_bytes())
    os.mkfifo(tmp_path / "pipe.txt")
    (tmp_path / "gone.pdf").symlink_to(tmp_path / "nowhere.pdf")
    code, out, err = run_main(monkeypatch, capsys, "check", str(tmp_path), "--format", "json")
    assert code == 2
    assert [Path(d["path"]).name for d in json.loads(out)["documents"]] == ["seed.txt"]
    lines = _one_line_each(err, 2)
    assert "gone.pdf（符号链接指向的文件不存在）" in lines[0]
    assert "pipe.txt（这是命名管道（FIFO），不是普通文件）" in lines[1]
    assert [s["reason"] for s in json.loads(out)["skipped"]] == [
        "符号链接指向的文件不存在",
        "这是命名管道（FIFO），不是普通文件",
    ]


def test_an_empty_path_is_not_the_current_folder(monkeypatch, capsys, tmp_path):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "seed.txt").write_bytes(Path(SEED_000).read_bytes())
    code, out, err = run_main(monkeypatch, capsys, "check", "", "--format", "json")
    assert code == 2 and json.loads(out)["documents"] == []
    assert "路径为空" in _one_line_each(err, 1)[0]


def test_rules_option_errors_are_one_line(monkeypatch, capsys):
    code, _, err = run_main(monkeypatch, capsys, "check", SEED_000, "--rules", "")
    assert code == 2 and "--rules 的值为空" in _one_line_each(err, 1)[0]
    code, _, err = run_main(monkeypatch, capsys, "check", SEED_000, "--rules", SEED_000)
    assert code == 2 and "这是一个文件" in _one_line_each(err, 1)[0]


def test_a_malformed_cases_file_is_one_line_under_rules_test_and_show(monkeypatch, capsys, tmp_path):
    rule = (FIXTURES.parent / "rules" / "tables" / "TB001.yaml").read_text(encoding="utf-8")
    (tmp_path / "TB901.yaml").write_text(rule.replace("TB001", "TB901"), encoding="utf-8")
    (tmp_path / "TB901.cases.yaml").write_text("cases: [{name: pass_x, edit: {find: 1}}]\n", encoding="utf-8")
    for args in (["test", str(tmp_path)], ["show", "TB901"]):
        code, _, err = run_main(monkeypatch, capsys, "rules", "--rules", str(tmp_path), *args)
        line = _one_line_each(err, 1)[0]
        assert code == 2 and "TB901.cases.yaml" in line and "字段 cases[0].edit.to：缺少必填字段" in line


def test_a_path_that_is_not_utf8_keeps_the_json_valid(monkeypatch, capsys, tmp_path):
    monkeypatch.chdir(tmp_path)  # a short path: the terminal header would shorten a long one
    odd = b"\xff\xfe.txt"
    with open(odd, "wb") as fh:
        fh.write(Path(SEED_000).read_bytes())
    code, out, err = run_main(monkeypatch, capsys, "check", os.fsdecode(odd), "--format", "json", "--fail-on", "never")
    assert code == 0 and err == ""
    assert json.loads(out)["documents"][0]["path"].endswith("\\xff\\xfe.txt")
    code, out, err = run_main(monkeypatch, capsys, "check", os.fsdecode(odd), "--fail-on", "never")
    assert code == 0 and "\\xff\\xfe.txt" in out


def test_library_warnings_stay_off_stderr_unless_verbose(monkeypatch, capsys):
    """pdfminer warned about every odd object of a damaged PDF (up to 2,758 lines for one file):
    a library's log records reach stderr only with -v."""
    import logging

    from budgetlint.ingest import sniff

    original = sniff.read_text

    def noisy(*args, **kwargs):
        logging.getLogger("somelibrary.parser").warning("odd object")
        return original(*args, **kwargs)

    monkeypatch.setattr(sniff, "read_text", noisy)
    code, _, err = run_main(monkeypatch, capsys, "check", SEED_000, "--fail-on", "never")
    assert code == 0 and err == ""
    code, _, err = run_main(monkeypatch, capsys, "-v", "check", SEED_000, "--fail-on", "never")
    assert "WARNING somelibrary.parser: odd object" in err


def test_a_limit_option_is_applied_and_a_bad_one_is_one_line(monkeypatch, capsys):
    code, _out, err = run_main(monkeypatch, capsys, "check", SEED_000, "--limit", "cells=10", "--format", "json")
    assert code == 2 and "--limit cells=" in _one_line_each(err, 1)[0]
    code, _, err = run_main(monkeypatch, capsys, "check", SEED_000, "--limit", "cells=many")
    assert code == 2 and "--limit cells=many" in _one_line_each(err, 1)[0]


def _broken_pdf(tmp_path: Path, kind: str) -> Path:
    unit = (FIXTURES / "pdf" / "sfj_2026_unit_budget.pdf").read_bytes()
    data = {
        "no page tree": unit.replace(b"/Pages", b"/Pagex"),
        "cut in half": unit[: len(unit) // 2] + b"\n%%EOF\n",
        "cut short": unit[: len(unit) // 2],
        "encrypted": (FIXTURES / "bad" / "encrypted.pdf").read_bytes(),
    }[kind]
    path = tmp_path / "broken.pdf"
    path.write_bytes(data)
    return path


@pytest.mark.parametrize(
    ("kind", "says"),
    [
        ("no page tree", "页面树"),
        ("cut in half", "文件结构无法解析"),
        ("cut short", "%%EOF"),
        ("encrypted", "PDF 已加密"),
    ],
)
def test_a_pdf_pdfium_cannot_read_is_one_line_and_exit_2(monkeypatch, capsys, tmp_path, kind, says):
    code, out, err = run_main(monkeypatch, capsys, "check", str(_broken_pdf(tmp_path, kind)), "--format", "json")
    assert code == 2 and says in _one_line_each(err, 1)[0]
    assert says in json.loads(out)["documents"][0]["error"]


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full")
@pytest.mark.parametrize("fmt", ["rich", "json"])
def test_a_full_output_device_is_one_line_and_exit_2(monkeypatch, capsys, fmt):
    """Found by the long fuzz run: writing the report to a full disk was 内部错误 OSError."""
    code, _, err = run_main(monkeypatch, capsys, "check", SEED_000, "--format", fmt, "--output", "/dev/full")
    assert code == 2
    assert "无法写入输出" in err and "内部错误" not in err and "Traceback" not in err


@pytest.mark.parametrize("files", [[SEED_000], [SEED_000, SEED_000]])
def test_a_report_to_a_pipe_nobody_reads_is_one_line_not_a_hang(monkeypatch, capsys, tmp_path, files):
    """Found by the long fuzz run: `--output FIFO` with no reader blocked forever opening it."""
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    code, _, err = run_main(monkeypatch, capsys, "check", *files, "--format", "json", "--output", str(fifo))
    assert code == 2
    assert "没有进程在读取" in err and "Traceback" not in err


def test_a_report_to_a_pipe_that_is_read_arrives_whole(monkeypatch, capsys, tmp_path):
    # what `--output >(gzip > r.gz)` gives: a pipe a process reads; it must not be refused
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    reader = os.open(fifo, os.O_RDONLY | os.O_NONBLOCK)
    received = bytearray()
    with ThreadPoolExecutor(1) as pool:

        def drain() -> None:  # until the writer, once it has written, closes its end
            deadline = time.monotonic() + 60
            while time.monotonic() < deadline:
                try:
                    chunk = os.read(reader, 65536)
                except BlockingIOError:  # the writer is there, nothing written yet
                    chunk = None
                if chunk:
                    received.extend(chunk)
                elif chunk == b"" and received:
                    return
                else:
                    time.sleep(0.005)

        done = pool.submit(drain)
        code, _, err = run_main(monkeypatch, capsys, "check", SEED_000, "--format", "json", "--output", str(fifo))
        done.result(timeout=60)
    os.close(reader)
    assert code == 1, err
    assert json.loads(received.decode("utf-8"))["documents"][0]["findings"]


def test_a_usage_error_naming_a_file_that_is_no_utf8_is_one_line(monkeypatch, capsys):
    """Found by the long fuzz run: the message held the raw surrogates and could not be written."""
    code, _, err = run_main(monkeypatch, capsys, "inspect", "-", os.fsdecode(b"\xff\xfe.txt"))
    assert code == 2
    assert "\\xff\\xfe.txt" in err and "\udcff" not in err
    err.encode("utf-8")  # printable on any UTF-8 stream
