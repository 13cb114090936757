"""The national base's narrative vocabulary (rules/templates/national-budget/narrative.yaml): a
document no province template fits binds its 情况说明 amounts to its tables, only through listed
subjects; a province vocabulary extends the base's instead of copying it."""

from __future__ import annotations

from pathlib import Path

from budgetlint.api import check_disclosure
from budgetlint.ingest import read_text
from budgetlint.model.templates import FactPath, SubjectSpec, Vocabulary
from budgetlint.recognize import recognize
from budgetlint.recognize.templates import load_templates
from budgetlint.rulebook import load_rules
from budgetlint.rulebook.select import select_rules

SHANDONG = Path(__file__).resolve().parents[3] / "fixtures" / "national" / "constructed_2024_budget_shandong_titles.txt"


def _check(text: str):
    disclosure = recognize(read_text(text, path="national.txt"))
    return disclosure, check_disclosure(disclosure, select_rules(load_rules(), ["NA001"], None))


def test_the_base_binds_the_narrative_of_a_document_no_province_template_fits():
    disclosure, run = _check(SHANDONG.read_text(encoding="utf-8"))
    assert disclosure.template == "national-budget"
    bound = {(b.subject, b.facts[0].location.table, b.facts[0].location.row) for b in disclosure.bindings}
    assert {s for s, _, _ in bound} == {
        "收入预算",
        "一般公共预算拨款收入",
        "事业收入",
        "上年结转",
        "三公经费预算",
        "因公出国（境）费",
        "公务用车购置及运行费",
        "公务接待费",
    }
    assert ("事业收入", "一、收支预算总表", "三、事业收入") in bound
    assert [e.outcome.value for e in run.evaluations] == ["pass"] * 8 and not run.findings


def test_a_bound_amount_that_differs_is_a_finding():
    text = SHANDONG.read_text(encoding="utf-8").replace("事业收入300.00万元，占19.35%", "事业收入310.00万元，占19.35%")
    _, run = _check(text)
    assert [(f.rule, f.actual, f.expected) for f in run.findings] == [("NA001", "310.00", "300.00")]


def test_a_subject_no_entry_lists_stays_unbound():
    """Fail-closed: 其他资金 is no listed subject, 事业收入 outside a section the entry allows binds nothing."""
    text = SHANDONG.read_text(encoding="utf-8")
    text = text.replace("上年结转50.00万元，占3.23%", "其他资金50.00万元，占3.23%")
    text = text.replace("公务接待费10.00万元。", "公务接待费10.00万元。事业收入99.00万元。")
    disclosure, run = _check(text)
    subjects = [b.subject for b in disclosure.bindings]
    assert "其他资金" not in subjects and subjects.count("事业收入") == 1
    assert not run.findings


def test_a_province_vocabulary_extends_the_base():
    """The Shanxi narrative.yaml lists no 三公 entry: the base's bind its 三公 section; its own
    一般公共预算拨款 (this year's and the carried-over) replaces the base's meaning of that name."""
    shanxi = next(t for t in load_templates() if t.id == "shanxi-budget").narrative

    def facts(name: str) -> list[list[tuple[str, str, str]]]:
        return [[(p.table, p.row, p.column) for p in s.facts] for s in shanxi.subjects if name in s.names]

    assert facts("公务接待费") == [[("three_public", "reception", "total")], [("three_public", "total", "reception")]]
    assert facts("一般公共预算拨款") == [
        [
            ("fiscal_summary", "revenue_general_budget", "amount"),
            ("fiscal_summary", "carryover_general_budget", "amount"),
        ]
    ]


def test_an_own_entry_replaces_every_base_entry_sharing_a_name_and_keeps_their_other_names():
    def spec(names: list[str], row: str) -> SubjectSpec:
        return SubjectSpec(names=names, facts=[FactPath(table="t", row=row, column="c")])

    base = Vocabulary(subjects=[spec(["甲", "乙"], "base1"), spec(["甲"], "base2"), spec(["丙"], "base3")])
    merged = base.extended_by(Vocabulary(subjects=[spec(["甲"], "own")]))
    assert [(s.names, s.facts[0].row) for s in merged.subjects] == [
        (["甲"], "own"),
        (["乙"], "base1"),
        (["丙"], "base3"),
    ]
    assert base.extended_by(None) is base
