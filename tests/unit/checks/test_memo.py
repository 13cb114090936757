"""What checks derive once per document (checks/memo.py) is the same as made afresh, and is never
taken for another document: a copy with another path or other blocks makes its own."""

from dataclasses import asdict

from documents import SEEDS, disclosure

from budgetlint.checks import text_pattern
from budgetlint.checks.memo import document_memo
from budgetlint.checks.performance_facts import _new_fact, points
from budgetlint.checks.self_eval_cells import indicator_cell, table_name

SEED_003 = SEEDS / "003_b609326f3d399845.txt"  # a final account with 绩效自评表


def test_a_memo_holds_for_its_basis_objects_only():
    d = disclosure(SEED_003)
    memo = document_memo(d, "_test", d.source)
    memo["k"] = 1
    assert document_memo(d, "_test", d.source) == {"k": 1}
    other = d.source.model_copy()  # equal, but another object: its memo starts empty
    assert document_memo(d, "_test", other) == {}


def test_a_performance_fact_is_made_once_and_equals_one_made_afresh():
    d = disclosure(SEED_003)
    evaluation = next(e for e in d.self_evaluations if e.indicators)
    indicator = next(i for i in evaluation.indicators if i.weight is not None)
    first = indicator_cell(d, evaluation, indicator, "weight")
    assert indicator_cell(d, evaluation, indicator, "weight") is first
    column = first.location.column
    fresh = _new_fact(
        d, indicator.weight, table_name(evaluation), indicator.level3, column, indicator.weight.line, "", "元"
    )
    assert asdict(first) == asdict(fresh)
    wider = points(
        d, indicator.weight, table=table_name(evaluation), row=indicator.level3, column=column, min_decimals=3
    )
    assert wider.decimals == 3 and wider is not first and first.decimals < 3


def test_a_copy_with_another_path_gets_facts_of_its_own():
    d = disclosure(SEED_003)
    evaluation = next(e for e in d.self_evaluations if e.indicators)
    indicator = evaluation.indicators[0]
    assert indicator_cell(d, evaluation, indicator, "weight").location.file == d.path
    moved = d.model_copy(update={"path": "elsewhere.txt"})  # __dict__ copied, memo included
    assert indicator_cell(moved, evaluation, indicator, "weight").location.file == "elsewhere.txt"


def test_text_pattern_searches_the_texts_of_the_disclosure_it_is_given():
    d = disclosure(SEED_003)
    document = text_pattern._joined(d, "document")
    assert text_pattern._joined(d, "document") is document
    assert document == "\n".join(text for text, *_ in text_pattern._texts(d, "document"))
    assert text_pattern._joined(d, "narrative") == "\n".join(p.text for p in d.narrative)
    fewer = d.model_copy(update={"source": d.source.model_copy(update={"blocks": d.source.blocks[:5]})})
    assert text_pattern._joined(fewer, "document") == "\n".join(t for t, *_ in text_pattern._texts(fewer, "document"))
