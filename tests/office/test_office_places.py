"""A worksheet place is `sheet!A12` wherever a page would be shown: the terminal, the JSON
contract (sheet and cell), the 检查表 and SARIF. The workbook is DC015's failing case: its 三公
合计 A7 stores 11.71 for =SUM(B7:D7) = 10.71."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
from cli_helpers import run_main
from openpyxl import load_workbook

WORKBOOK = Path(__file__).resolve().parents[2] / "rules" / "document" / "DC015.fail_cached_value_stale.xlsx"
PLACE = "三公经费!A7"


def _check(monkeypatch, capsys, *args: str) -> str:
    code, out, err = run_main(monkeypatch, capsys, "check", str(WORKBOOK), "--select", "DC015", "--no-color", *args)
    assert code == 1, err  # the stale value is a warning; each call fails on warnings
    return out


@pytest.fixture(autouse=True)
def wide_terminal(monkeypatch):
    monkeypatch.setenv("COLUMNS", "160")


def test_terminal_and_sarif_name_the_cell(monkeypatch, capsys):
    assert PLACE in _check(monkeypatch, capsys, "--fail-on", "warning")
    sarif = json.loads(_check(monkeypatch, capsys, "--fail-on", "warning", "--format", "sarif"))
    jsonschema.validate(
        sarif,
        json.loads(
            (WORKBOOK.parents[2] / "fixtures" / "schemas" / "sarif-2.1.0-rtm.5.json").read_text(encoding="utf-8")
        ),
    )
    [result] = sarif["runs"][0]["results"]
    assert any(PLACE in loc["physicalLocation"]["region"]["message"]["text"] for loc in result["locations"])


def test_json_gives_sheet_and_cell(monkeypatch, capsys):
    (doc,) = json.loads(_check(monkeypatch, capsys, "--fail-on", "warning", "--format", "json"))["documents"]
    [finding] = doc["findings"]
    assert (finding["locations"][0]["sheet"], finding["locations"][0]["cell"]) == ("三公经费", "A7")


def test_the_checklist_names_the_cell(monkeypatch, capsys, tmp_path):
    out = tmp_path / "检查表.xlsx"
    _check(monkeypatch, capsys, "--fail-on", "warning", "--format", "checklist", "-o", str(out))
    texts = [
        str(c.value)
        for sheet in load_workbook(out).worksheets
        for row in sheet.iter_rows()
        for c in row
        if c.value is not None
    ]
    assert any(PLACE in t for t in texts)
