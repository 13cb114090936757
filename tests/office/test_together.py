"""One disclosure in several files: `check --together`, and the halves of a split disclosure paired
by their content in a folder. The pair is made here by splitting the 司法局 部门预算 PDF with pypdf
into the pages holding its tables and the others."""

from __future__ import annotations

import json
from dataclasses import replace

import pytest
from cli_helpers import run_main
from findings import finding_keys, outcome_counts
from office_builders import docx_from_source, split_pdf, table_pages

from budgetlint import api
from budgetlint.ingest import read_document
from budgetlint.model import Paragraph


@pytest.fixture(scope="module")
def halves(dept_pdf, dept_source, tmp_path_factory):
    """(text, tables) in one folder, named so that their names say nothing (附件1 is the tables)."""
    folder = tmp_path_factory.mktemp("split")
    pages = table_pages(dept_source)
    assert pages == list(range(10, 22))
    return split_pdf(dept_pdf, pages, folder / "附件2.pdf", folder / "附件1.pdf")


@pytest.fixture(scope="module", autouse=True)
def read_once():
    """Each file is read once in this module: what is tested here is how files come together."""
    import budgetlint.api

    cache: dict[str, object] = {}

    def cached(path, *_limits):
        key = str(path)
        if key not in cache:
            cache[key] = read_document(path)
        return cache[key]

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(budgetlint.api, "read_document", cached)
        yield


@pytest.fixture(scope="module")
def together(halves):
    return api.audit(list(halves), together=True).documents[0]


def test_the_halves_checked_together_give_the_whole_pdfs_findings(together, dept_whole):
    assert together.error is None and together.pairing == "together"
    assert finding_keys(together) == finding_keys(dept_whole)
    assert outcome_counts(together) == outcome_counts(dept_whole)
    # the cross-file checks ran: narrative amounts bound to the other file's tables
    source, tables = together.disclosure.source, str(together.files[1])
    assert any(
        source.local_location(loc).file == tables
        for f in together.run.findings
        if f.rule == "NA001"
        for loc in f.locations
    )


def test_each_half_alone_cannot_be_checked_against_the_other(halves, rules):
    import budgetlint.api

    text, tables = (budgetlint.api.read_document(p) for p in halves)
    text_alone = api.check_source(text.path, text, rules)
    assert not text_alone.disclosure.tables and text_alone.half[0] == "text"  # no table to bind to
    tables_alone = api.check_source(tables.path, tables, rules)
    assert tables_alone.half[0] == "tables"
    for alone in (text_alone, tables_alone):
        assert not any(f.rule == "NA001" for f in alone.run.findings)


def test_every_location_names_its_file_and_its_own_line(halves, monkeypatch, capsys):
    code, out, _ = run_main(
        monkeypatch, capsys, "check", "--together", *map(str, halves), "--format", "json", "--fail-on", "never"
    )
    assert code == 0
    (doc,) = json.loads(out)["documents"]
    assert doc["files"] == [str(p) for p in halves] and doc["pairing"] == "together"
    locations = [loc for f in doc["findings"] for loc in f["locations"]]
    assert locations and all(loc["file"] in doc["files"] for loc in locations)
    tables_lines = [loc["line"] for loc in locations if loc["file"] == doc["files"][1]]
    assert tables_lines and max(tables_lines) <= 140  # the tables file's own running lines
    blank = next(f for f in doc["findings"] if f["rule"] == "DC010")
    assert blank["locations"][0]["file"] == doc["files"][0] and blank["locations"][0]["page"] == 3


def test_a_folder_pairs_the_halves_by_their_content(halves, together):
    (doc,) = api.audit([halves[0].parent]).documents
    assert doc.pairing == "auto"
    assert list(doc.files) == [str(p) for p in halves]  # the text half first, though 附件1 sorts first
    assert finding_keys(doc) == finding_keys(together)


def test_no_pairing_checks_each_file_alone(halves):
    documents = api.audit([halves[0].parent], pairing=False).documents
    assert len(documents) == 2 and all(not d.files for d in documents)
    assert [d.path for d in documents] == [str(halves[1]), str(halves[0])]
    assert [d.half[0] for d in documents] == ["tables", "text"]
    assert not documents[1].disclosure.tables  # the text half alone: its narrative, no table to hold it to


def test_halves_of_different_units_are_not_paired(halves, tmp_path):
    """The text half as a Word document naming another unit: same year and kind, but not the same
    disclosure; nothing pairs, each is checked alone."""
    import budgetlint.api

    text, tables = halves
    source = budgetlint.api.read_document(text)
    renamed = replace(
        source,
        blocks=tuple(
            replace(b, text=b.text.replace("司法局", "民政局")) if isinstance(b, Paragraph) else b
            for b in source.blocks
        ),
    )
    other = docx_from_source(renamed, tmp_path / "正文.docx")
    documents = api.audit([other, tables]).documents
    assert len(documents) == 2 and not any(d.files for d in documents)
    assert [d.half[0] for d in documents] == ["text", "tables"]
    assert documents[0].half[1] == "上海市普陀区民政局" and documents[1].half[1] == "上海市普陀区司法局"


def test_check_pairs_a_word_text_with_its_excel_tables(halves, dept_source, fixtures, tmp_path, monkeypatch, capsys):
    """Any mix of formats: the text half as Word, the tables as the budget system's workbook (the
    official template filled with the PDF's tables, its text sheets removed). `check` on the folder
    (worker processes) pairs them and holds the narrative against the workbook's cells."""
    from office_builders import fill_workbook
    from openpyxl import load_workbook

    import budgetlint.api

    text = budgetlint.api.read_document(halves[0])
    docx_from_source(text, tmp_path / "说明.docx")
    workbook_path = fill_workbook(
        fixtures / "office" / "department_budget_template.xlsx", dept_source, tmp_path / "表格.xlsx"
    )
    workbook = load_workbook(workbook_path)
    for sheet in list(workbook.worksheets):
        if not any(isinstance(c.value, (int, float)) for row in sheet.iter_rows() for c in row):
            workbook.remove(sheet)  # the text sheets
    workbook.save(workbook_path)
    code, out, _ = run_main(
        monkeypatch, capsys, "check", str(tmp_path), "--format", "json", "--fail-on", "never", "-j", "1"
    )
    assert code == 0
    (doc,) = json.loads(out)["documents"]
    assert doc["pairing"] == "auto" and [f.rsplit("/", 1)[-1] for f in doc["files"]] == ["说明.docx", "表格.xlsx"]
    amount = next(f for f in doc["findings"] if f["rule"] == "NA001" and f["actual"] == "201.50")
    stated, table = amount["locations"][0], amount["locations"][1]
    assert stated["file"].endswith("说明.docx") and "paragraph" in stated
    assert table["file"].endswith("表格.xlsx") and table["sheet"] == "部门一般公共预算拨款表"
