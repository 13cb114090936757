"""What checks derive once per document (checks/memo.py) is the same as made afresh, and is never
taken for another document or rule: a copy with another path, other blocks or other tables makes
its own, and a rule with other parameters its own."""

from dataclasses import asdict, replace

from documents import SEEDS, disclosure

from budgetlint.checks import completion_rate, target_cells, text_pattern
from budgetlint.checks.claims import class_rows
from budgetlint.checks.memo import document_memo
from budgetlint.checks.performance_facts import fact_at, location, points
from budgetlint.checks.scoring import implied_rate
from budgetlint.checks.self_eval_cells import indicator_cell, table_name
from budgetlint.checks.target_cells import line_fact
from budgetlint.model import RawTable
from budgetlint.recognize.narrative.binding import all_class_rows

SEED_003 = SEEDS / "003_b609326f3d399845.txt"  # a final account with 绩效自评表


def test_a_memo_holds_for_its_basis_objects_only():
    d = disclosure(SEED_003)
    memo = document_memo(d, "_test", d.source)
    memo["k"] = 1
    assert document_memo(d, "_test", d.source) == {"k": 1}
    other = replace(d.source)  # equal, but another object: its memo starts empty
    assert document_memo(d, "_test", other) == {}


def test_a_performance_cell_location_is_made_once_and_its_fact_equals_one_made_afresh():
    d = disclosure(SEED_003)
    evaluation = next(e for e in d.self_evaluations if e.indicators)
    indicator = next(i for i in evaluation.indicators if i.weight is not None)
    first = indicator_cell(d, evaluation, indicator, "weight")
    again = indicator_cell(d, evaluation, indicator, "weight")
    assert again == first and again.location is first.location  # the Fact made again, at the one place kept
    column, line = first.location.column, indicator.cell_lines["weight"]
    where = location(d, line, table=table_name(evaluation), row=indicator.level3, column=column)
    assert asdict(first) == asdict(fact_at(where, indicator.weight, "", "元"))
    wider = points(
        d,
        indicator.weight,
        table=table_name(evaluation),
        row=indicator.level3,
        column=column,
        line=line,
        min_decimals=3,
    )
    assert wider.decimals == 3 and wider.location is first.location and first.decimals < 3


def test_a_copy_with_another_path_gets_facts_of_its_own():
    d = disclosure(SEED_003)
    evaluation = next(e for e in d.self_evaluations if e.indicators)
    indicator = evaluation.indicators[0]
    assert indicator_cell(d, evaluation, indicator, "weight").location.file == d.path
    moved = replace(d, path="elsewhere.txt")  # a copy: no memo of its own yet
    assert indicator_cell(moved, evaluation, indicator, "weight").location.file == "elsewhere.txt"


def test_text_pattern_searches_the_texts_of_the_disclosure_it_is_given():
    d = disclosure(SEED_003)
    document = text_pattern._joined(d, "document")
    assert text_pattern._joined(d, "document") is document
    assert document == "\n".join(text for text, *_ in text_pattern._texts(d, "document"))
    # every paragraph and every table cell that is not empty, each once
    cells = [c for b in d.source.blocks if isinstance(b, RawTable) for r in b.rows for c in r.cells]
    paragraphs = [b for b in d.source.blocks if not isinstance(b, RawTable)]
    walked = [text for text, *_ in text_pattern._texts(d, "document")]
    assert "" in cells and len(walked) == len(paragraphs) + sum(1 for c in cells if c)
    assert text_pattern._joined(d, "narrative") == "\n".join(p.text for p in d.narrative)
    fewer = replace(d, source=replace(d.source, blocks=d.source.blocks[:5]))
    assert text_pattern._joined(fewer, "document") == "\n".join(t for t, *_ in text_pattern._texts(fewer, "document"))


SEED_001 = SEEDS / "001_e1c2a9d2af1eed61.txt"  # a budget with 项目支出绩效目标表


def test_an_implied_rate_is_kept_per_rule_methods_and_equals_one_worked_out_afresh():
    d = disclosure(SEED_003)
    indicator = next(
        i for e in d.self_evaluations for i in e.indicators if i.target.kind == "number" and i.actual.kind == "number"
    )
    ratio = completion_rate.Params(rates={"at_least": ["ratio"], "at_most": ["ratio"], "equal": ["ratio"]})
    met = completion_rate.Params(rates={"at_least": ["met_full"], "at_most": ["met_full"], "equal": ["met_full"]})
    first = completion_rate.implied(d, indicator, ratio)
    assert completion_rate.implied(d, indicator, ratio) is first
    assert first == implied_rate(indicator.target, indicator.actual, ratio.rates, ratio.qualitative)
    other = completion_rate.implied(d, indicator, met)  # another rule's methods: never the first rule's rates
    assert other == implied_rate(indicator.target, indicator.actual, met.rates, met.qualitative)
    assert [c.how for c in other.rates] != [c.how for c in first.rates]
    same = completion_rate.Params(rates={"at_least": ["ratio"], "at_most": ["ratio"], "equal": ["ratio"]})
    assert completion_rate.implied(d, indicator, same) is first  # equal methods of another rule: shared


def test_a_funding_line_location_is_made_once_and_a_copy_with_another_path_gets_its_own():
    d = disclosure(SEED_001)
    target = next(t for t in d.targets if t.annual_funding and t.annual_funding.total)
    line = target.annual_funding.total
    fact = line_fact(d, target, line, "年度资金总额")
    again = line_fact(d, target, line, "年度资金总额")
    assert again == fact and again.location is fact.location  # the Fact made again, at the one place kept
    name, row = target_cells.table_name(target), target_cells.label(line.label)
    where = location(d, line.line, table=name, row=row, column="年度资金总额")
    assert asdict(fact_at(where, line.amount, line.text, target.unit)) == asdict(fact)
    assert line_fact(d, target, line, "实施期资金总额").location.column == "实施期资金总额"
    moved = replace(d, path="elsewhere.txt")  # a copy: no memo of its own yet
    assert line_fact(moved, target, line, "年度资金总额").location.file == "elsewhere.txt"
    assert fact.location.file == d.path


def test_class_rows_are_those_of_the_tables_of_the_disclosure_given():
    d = disclosure(SEED_001)
    rows = class_rows(d)
    assert rows is not None and any(rows) and class_rows(d) is rows
    assert rows == all_class_rows(d, d.template_spec.narrative)
    fewer = replace(d, tables=())  # same source: other tables, other rows
    assert class_rows(fewer) == [{} for _ in rows]
