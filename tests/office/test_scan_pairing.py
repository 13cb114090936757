"""`scan` pairs the text half and the tables half of a split disclosure as `check` does: one
document in the store, under the hash of both files, reported; a rerun skips both halves;
--no-pairing keeps them apart. The halves are the 司法局 部门预算 PDF split with pypdf."""

from __future__ import annotations

import pytest
from cli_helpers import run_main
from findings import finding_keys, keys_of
from office_builders import split_pdf, table_pages

from budgetlint.batch.document import Settings
from budgetlint.batch.scan import scan
from budgetlint.batch.store import Store


@pytest.fixture(scope="module")
def folder(dept_pdf, dept_source, tmp_path_factory):
    """The two halves and nothing else; 附件1 (the tables) sorts before 附件2 (the text)."""
    folder = tmp_path_factory.mktemp("split")
    split_pdf(dept_pdf, table_pages(dept_source), folder / "附件2.pdf", folder / "附件1.pdf")
    return folder


def test_scan_stores_the_pair_as_one_document_and_a_rerun_skips_both_halves(
    folder, dept_whole, tmp_path, monkeypatch, capsys
):
    db = tmp_path / "r.sqlite"
    code, out, err = run_main(
        monkeypatch, capsys, "scan", str(folder), "--db", str(db), "-j", "1", "--fail-on", "never"
    )
    assert code == 0, err
    text, tables = folder / "附件2.pdf", folder / "附件1.pdf"
    assert f"已配对：{text} + {tables}" in err  # the text half first
    assert "本次检查 1 个（其中 1 份由正文与表格两个文件配对而成）" in out
    with Store(db) as store:
        counts, ruleset, shas = scan(sorted(folder.iterdir()), store, Settings(), jobs=1)
        assert (counts.skipped, counts.checked, counts.not_checked, counts.paired) == (2, 0, 0, 0)
        [(_, record)] = list(store.records(store.document_ids(ruleset, shas)))
    assert record.checked and record.path == f"{text} + {tables}"
    assert record.unit == "上海市普陀区司法局" and record.year == 2026
    assert keys_of(record.findings) == finding_keys(dept_whole)
    # each location keeps the file it stands in, as the store gives it back
    files = {loc.file for f in record.findings for loc in f.locations}
    assert files == {str(text), str(tables)}


def test_scan_without_pairing_stores_each_half_alone(folder, tmp_path):
    with Store(tmp_path / "r.sqlite") as store:
        counts, ruleset, shas = scan(sorted(folder.iterdir()), store, Settings(), pairing=False, jobs=1)
        assert counts.paired == 0 and counts.checked + counts.not_checked == 2
        records = [r for _, r in store.records(store.document_ids(ruleset, shas))]
    assert sorted(r.path.rsplit("/", 1)[-1] for r in records) == ["附件1.pdf", "附件2.pdf"]
    assert not any(f.rule == "NA001" for r in records for f in r.findings)  # nothing held against the other


def test_a_half_stored_alone_pairs_with_a_partner_added_later(folder, tmp_path):
    """The reviewer scans the tables first; the text arrives later (under another name): the next
    scan pairs it with the stored tables half, whose row gives way to the pair's."""
    import shutil

    inbox = tmp_path / "inbox"
    inbox.mkdir()
    shutil.copy(folder / "附件1.pdf", inbox / "表格.pdf")
    with Store(tmp_path / "r.sqlite") as store:
        first, ruleset, _ = scan(sorted(inbox.iterdir()), store, Settings(), jobs=1)
        assert (first.checked, first.paired) == (1, 0)
        shutil.move(inbox / "表格.pdf", inbox / "部门预算表格.pdf")  # renamed meanwhile: same content
        shutil.copy(folder / "附件2.pdf", inbox / "说明.pdf")
        second, ruleset, _ = scan(sorted(inbox.iterdir()), store, Settings(), jobs=1)
        assert (second.skipped, second.paired) == (1, 1)
        records = [r for _, r in store.records(store.document_ids(ruleset))]  # everything stored
    assert [r.path for r in records] == [f"{inbox / '说明.pdf'} + {inbox / '部门预算表格.pdf'}"]
    assert any(f.rule == "NA001" for f in records[0].findings)  # the text held against the tables
