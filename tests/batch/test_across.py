"""The rules across documents on real series (fixtures/pdf: 万里街道 2024 and 2025 部门预算; 普陀区
人民政府办公室 2025 部门预算 and its 单位预算), in the store and in `check`'s report."""

from __future__ import annotations

import json
import sqlite3
from dataclasses import replace
from decimal import Decimal

import pytest
from documents import PDF, SEEDS, disclosure

from budgetlint.batch.across import Kept, check_across, run_all
from budgetlint.batch.document import Settings
from budgetlint.batch.scan import scan
from budgetlint.batch.store import Store
from budgetlint.engine import run_across
from budgetlint.model.figures import DocumentFigures, Entry, Library
from budgetlint.model.results import DocumentResult, RuleRun
from budgetlint.recognize.figures import figures_of
from budgetlint.report import json_contract, terminal
from budgetlint.report.record import Totals, record_of
from budgetlint.rulebook import load_rules

WANLI_2024 = PDF / "wanli_2024_dept_budget.pdf"
WANLI_2025 = PDF / "wanli_2025_dept_budget.pdf"
BGS_DEPT = PDF / "bgs_2025_dept_budget.pdf"
BGS_UNIT = PDF / "bgs_2025_unit_budget.pdf"
SEED_000 = SEEDS / "000_b2c7b50d282cc0b6.txt"
RULES = [r for r in load_rules() if r.id.startswith("YR")]


def figures(path) -> DocumentFigures:
    return figures_of(disclosure(path))


def outcomes(run: RuleRun, rule: str) -> list[str]:
    return [e.outcome.value for e in run.evaluations if e.rule == rule]


def with_value(doc: DocumentFigures, quantity: str, value: Decimal) -> DocumentFigures:
    """The document as if it had printed `value` (元, table and text alike) for `quantity`."""

    def changed(figure):
        if figure.quantity != quantity or not figure.stated or figure.year != doc.year:
            return figure
        facts = tuple(replace(f, value=value / (10000 if f.unit == "万元" else 1)) for f in figure.facts)
        return replace(figure, facts=facts)

    return doc.model_copy(update={"figures": tuple(changed(f) for f in doc.figures)})


def test_2025_states_the_2024_figures_that_2024_published():
    # 18,976.76 − 3,355.65 = 15,621.11万元 against 156,211,123元, and 37.91 + 10 = 47.91 (三公), …
    runs = run_across(RULES, [figures(WANLI_2025), figures(WANLI_2024)])
    assert outcomes(runs[0], "YR001") == ["pass"] * 11
    subjects = [e.subject for e in runs[0].evaluations if e.rule == "YR001"]
    assert "2024年财政拨款收入（预算）" in subjects and "2024年“三公”经费（预算）" in subjects
    # 2024's own statements are about 2023, whose document is not here: nothing compared, said so
    assert set(outcomes(runs[1], "YR001")) == {"not_applicable"}


def test_a_wrong_previous_year_figure_is_found_with_both_files_located():
    last_year = with_value(figures(WANLI_2024), "fiscal_revenue", Decimal(156311123))  # +10万元
    run = run_across(RULES, [figures(WANLI_2025), last_year])[0]
    [finding] = run.findings
    assert finding.rule == "YR001" and finding.actual == "15621.11" and finding.expected == "15631.11"
    files = [loc.file for loc in finding.locations]
    assert files[0] == str(WANLI_2025) and str(WANLI_2024) in files  # this document's numbers first
    assert "wanli_2024_dept_budget.pdf" in finding.message and "3,355.65" in finding.message


def test_a_previous_document_printing_the_figure_twice_differently_is_not_compared():
    last_year = figures(WANLI_2024)
    tampered = tuple(
        replace(f, facts=tuple(replace(x, value=Decimal(1)) for x in f.facts))
        if f.quantity == "fiscal_revenue" and f.source == "table"
        else f
        for f in last_year.figures
    )
    run = run_across(RULES, [figures(WANLI_2025), last_year.model_copy(update={"figures": tampered})])[0]
    assert not run.findings
    assert "insufficient_data" in outcomes(run, "YR001")


def test_the_same_unit_is_known_by_its_printed_name_not_by_file_name():
    other_unit = figures(WANLI_2024).model_copy(update={"unit_key": "上海市普陀区某街道办事处"})
    run = run_across(RULES, [figures(WANLI_2025), other_unit])[0]
    assert set(outcomes(run, "YR001")) == {"not_applicable"}


def test_a_department_equals_its_only_unit_and_says_so():
    # 办公室: 本部 and a 事业单位 不单列预算, so the department is its own unit's budget
    department, unit = figures(BGS_DEPT), figures(BGS_UNIT)
    assert department.scope == "department" and unit.scope == "unit"
    assert department.composition is not None and department.composition.own
    run = run_across(RULES, [department, unit])[0]
    assert outcomes(run, "YR003") == ["pass"] * 6
    wrong = run_across(RULES, [department, with_value(unit, "revenue_grand_total", Decimal("91016775.36") + 100)])[0]
    assert [f.rule for f in wrong.findings] == ["YR003"]
    assert outcomes(run_across(RULES, [department])[0], "YR003") == ["not_applicable"]


def test_a_department_whose_listed_unit_is_missing_is_insufficient_data():
    department = figures(WANLI_2025)  # lists 本部 and five 事业单位
    assert department.composition is not None and len(department.composition.units) == 5
    own_unit = figures(BGS_UNIT).model_copy(
        update={"unit_key": department.unit_key, "year": department.year, "path": "own-unit.pdf"}
    )
    run = run_across(RULES, [department, own_unit])[0]
    [evaluation] = [e for e in run.evaluations if e.rule == "YR003"]
    assert evaluation.outcome.value == "insufficient_data" and "社区事务受理服务中心" in (evaluation.detail or "")


def test_the_library_loads_only_what_a_rule_asks_for():
    docs = [figures(WANLI_2025), figures(WANLI_2024), figures(BGS_DEPT)]
    loaded: list[int] = []
    library = Library([Entry.of(i, d) for i, d in enumerate(docs)], lambda key: loaded.append(key) or docs[key])
    run = run_across(RULES, [docs[0]], library)[0]
    assert outcomes(run, "YR001") == ["pass"] * 11
    assert loaded == [1]  # 2024's 万里, never the 办公室


def test_scan_store_keeps_across_findings_under_their_family(tmp_path):
    wrong_2024 = with_value(figures(WANLI_2024), "fiscal_revenue", Decimal(156311123))
    with Store(tmp_path / "r.sqlite") as store:
        for n, path in enumerate([WANLI_2024, WANLI_2025]):
            d = disclosure(path)
            record = replace(
                record_of(
                    DocumentResult(
                        path=str(path), disclosure=d, run=RuleRun(evaluations=(), findings=(), summary={"pass": 0})
                    ),
                    seconds=0.0,
                ),
                sha256=f"sha{n}",
            )
            if path == WANLI_2024:
                record = replace(record, figures=wrong_2024)
            store.save(record, "rs")
        counts = check_across(store, "rs", RULES)
        assert counts.documents == 2 and counts.findings == 1
        again = check_across(store, "rs", RULES)  # a rerun replaces, never adds
        assert again.findings == 1
        rows = store.db.execute("SELECT source, rule, contract FROM findings").fetchall()
        assert [(r[0], r[1]) for r in rows] == [("YR", "YR001")]
        files = {loc["file"] for loc in json.loads(rows[0][2])["locations"]}
        assert files == {str(WANLI_2024), str(WANLI_2025)}
        [record_2025] = [r for _, r in store.records(store.document_ids("rs")) if r.year == 2025]
        assert record_2025.summary["fail"] == 1 and record_2025.summary["pass"] == 10
        assert {loc.file for loc in record_2025.findings[0].locations} == files


def test_a_scan_of_two_years_stores_what_the_later_one_states_wrongly(tmp_path):
    # seed 000 (2024) and the same text as a 2025 budget: its 比上年增加2246.20万元 then says the 2024
    # budget was 13,901.07 − 2,246.20 = 11,654.87, while the 2024 document published 13,901.07
    text = SEED_000.read_text(encoding="utf-8")
    earlier, later = tmp_path / "a.txt", tmp_path / "b.txt"
    earlier.write_text(text, encoding="utf-8")
    later.write_text(text.replace("2024", "2025").replace("2023", "2024"), encoding="utf-8")
    with Store(tmp_path / "r.sqlite") as store:
        _, ruleset, shas = scan([earlier, later], store, Settings(), jobs=1)
        records = {r.year: r for _, r in store.records(store.document_ids(ruleset, shas))}
        sources = dict(store.db.execute("SELECT rule, source FROM findings WHERE rule LIKE 'YR%'").fetchall())
    found = [f for f in records[2025].findings if f.rule == "YR001"]
    assert {f.actual for f in found} >= {"11654.87"} and sources == {"YR001": "YR"}
    assert {loc.file for loc in found[0].locations} == {str(earlier), str(later)}
    assert not [f for f in records[2024].findings if f.rule.startswith("YR")]


def test_a_store_written_before_the_across_columns_is_opened_and_extended(tmp_path):
    path = tmp_path / "old.sqlite"
    with Store(path) as store:
        store.db.execute("ALTER TABLE documents DROP COLUMN figures")
        store.db.execute("ALTER TABLE documents DROP COLUMN across")
    with Store(path) as store:
        columns = {row[1] for row in store.db.execute("PRAGMA table_info(documents)")}
    assert {"figures", "across"} <= columns
    sqlite3.connect(path).close()


def test_check_reports_across_findings_last_in_json_and_terminal():
    kept = Kept()
    kept.add(0, figures(WANLI_2025))
    kept.add(1, with_value(figures(WANLI_2024), "fiscal_revenue", Decimal(156311123)))
    totals = Totals()  # no document part written: head + tail is then a whole JSON object
    for key, run in run_all(RULES, kept.entries, kept.load):
        totals.add_across(["2025.pdf", "2024.pdf"][key], run.summary, run.findings)
    assert totals.findings == 1
    tail = json.loads(json_contract.head() + json_contract.tail(totals))
    assert tail["across"]["summary"]["fail"] == 1
    [entry] = tail["across"]["findings"]
    assert entry["document"] == "2025.pdf" and entry["rule"] == "YR001"
    assert {loc["file"] for loc in entry["locations"]} == {str(WANLI_2024), str(WANLI_2025)}
    text = terminal.tail(totals)
    assert "跨文件检查" in text and "YR001" in text and "wanli_2024_dept_budget.pdf" in text


def test_kept_figures_come_back_whole_from_the_temporary_file_in_any_order():
    """`check` keeps each document's figures on disk until the rules across documents ask for them."""
    documents = {3: figures(WANLI_2025), 7: figures(SEED_000), 9: figures(WANLI_2024)}
    with Kept() as kept:
        kept.add(5, None)  # a document that was not checked has no figures
        for key, document in documents.items():
            kept.add(key, document)
        assert [e.key for e in kept.entries] == [3, 7, 9]
        for key in (9, 3, 7, 9):
            assert kept.load(key) == documents[key]


@pytest.mark.parametrize("path", [WANLI_2024, BGS_UNIT])
def test_one_file_alone_has_no_across_section(path):
    totals = Totals(files=1)
    assert '"across"' not in json_contract.tail(totals) and "跨文件检查" not in terminal.tail(totals)


def test_check_of_two_years_ends_with_the_across_findings(tmp_path):
    from click.testing import CliRunner

    from budgetlint.cli import cli

    text = SEED_000.read_text(encoding="utf-8")
    earlier, later = tmp_path / "a.txt", tmp_path / "b.txt"
    earlier.write_text(text, encoding="utf-8")
    later.write_text(text.replace("2024", "2025").replace("2023", "2024"), encoding="utf-8")
    result = CliRunner().invoke(
        cli,
        ["check", str(earlier), str(later), "-j", "1", "--format", "json", "--select", "YR"],
        catch_exceptions=False,
    )
    assert result.exit_code == 1  # YR001 is an error
    output = json.loads(result.output)
    assert [d["findings"] for d in output["documents"]] == [[], []]  # the documents' own rules: none selected
    assert {f["document"] for f in output["across"]["findings"]} == {str(later)}
    assert output["across"]["summary"]["fail"] == len(output["across"]["findings"]) >= 2
