"""Numbers in prose: every number with a unit (prose_numbers.py), totals of listed items (sums.py), the
register of standing facts (register.py) and the binding of cell numbers to their own table
(cell_binding.py), on texts taken from the seeds."""

from decimal import Decimal

import pytest
from documents import SEEDS, disclosure

from budgetlint.ingest import read_text
from budgetlint.model.location import Location
from budgetlint.recognize import recognize
from budgetlint.recognize.narrative.grammar import normalise
from budgetlint.recognize.narrative.prose_numbers import (
    _number_matches,
    _number_pattern,
    ends_with_word,
    read_numbers,
    unit_measure,
)
from budgetlint.recognize.narrative.prose_vocabulary import prose_vocabulary
from budgetlint.recognize.narrative.register import stated_facts
from budgetlint.recognize.narrative.sums import read_sums
from budgetlint.testing.cases import to_tab_layout

AT = Location(file="t.txt", line=10)


def quantities(text: str):
    return read_numbers(text, location=AT, source="narrative", key_prefix="10:")


@pytest.mark.parametrize(
    "text, expected",
    [
        # (number, unit, measure, per, operator, approximate, subject)
        ("学生证书获取率达到96.3%", [("96.3", "%", "percent", (), None, False, "学生证书获取率")]),
        ("本项目已完成培训学生人数1500人次", [("1500", "人次", "人次", (), None, False, "本项目已完成培训学生人数")]),
        ("住宿费补助标准为每生每年600元", [("600", "元", "money", ("年", "生"), None, False, "住宿费补助标准")]),
        (
            "高职国家助学金平均资助标准3300元每生每年发放",
            [("3300", "元", "money", ("年", "生"), None, False, "高职国家助学金平均资助标准")],
        ),
        ("每生补助标准=20元/生·月", [("20", "元", "money", ("月", "生"), None, False, "每生补助标准")]),
        ("实训室验收合格率不低于96%", [("96", "%", "percent", (), "≥", False, "实训室验收合格率")]),
        ("满意度达到90%以上", [("90", "%", "percent", (), "≥", False, "满意度")]),
        ("其中宿舍改造约30万元", [("30", "万元", "money", (), None, True, "其中宿舍改造")]),
        ("起草文书文件60多份", [("60", "份", "份", (), None, True, "起草文书文件")]),
        ("用于购置图书1,200册", [("1,200", "册", "册", (), None, False, "用于购置图书")]),
    ],
)
def test_a_number_is_read_with_its_unit_bound_and_subject(text, expected):
    got = [(q.text, q.unit, q.measure, q.per, q.operator, q.approximate, q.subject) for q in quantities(text)]
    assert got == expected


@pytest.mark.parametrize("text", ["2024年12月31日", "工作12个月", "下降3个百分点", "第3次", "〔2024〕20号", "共3页"])
def test_dates_months_points_and_ordinals_are_no_quantities(text):
    assert quantities(text) == []


def test_the_noun_after_a_count_and_the_line_of_a_wrapped_cell():
    [q] = quantities("根据要求\n现有88个实训室无法满足教学需求")
    assert (q.subject, q.after, q.location.line) == ("现有", "实训室无法满足教学需求", 11)
    assert q.key == "10:7"  # the line of the text and the offset of the number


@pytest.mark.parametrize(
    "unit, expected",
    [
        ("人", ("人", Decimal(1), ())),
        ("名", ("人", Decimal(1), ())),
        ("台/套", ("台", Decimal(1), ())),
        ("万元/生/年", ("money", Decimal(10000), ("年", "生"))),
        ("元/人/月", ("money", Decimal(1), ("人", "月"))),
        ("万", None),
        (None, None),
    ],
)
def test_the_unit_of_a_table_value_is_read_with_the_same_words(unit, expected):
    assert unit_measure(unit) == expected


def sums(text):
    return [
        (s.marker, s.total.text, [i.text for i in s.items], s.nested)
        for s in read_sums(text, quantities(text), source="narrative")
    ]


def test_a_total_sums_the_items_listed_before_it():
    text = (
        "1、四校区保安42人95.4万元；2、外聘教师100万元；3、劳务派遣人员40人160万元；4、教学督导人员17万元。"
        "以上共计372.4万元。"
    )
    assert sums(text) == [("以上共计", "372.4", ["95.4", "100", "160", "17"], False)]


def test_a_subtotal_stands_for_its_items_and_brackets_hold_parts():
    text = (
        "1、吊顶等35万元；电路工程13万元；共计约48万元；2、宿舍楼电路改造，共计约90万元。3、实训室改造约30万元"
        "（含设计费2万元）。以上共计170万元。"
    )
    assert sums(text) == [("共计", "48", ["35", "13"], True), ("以上共计", "170", ["48", "90", "30"], False)]


@pytest.mark.parametrize(
    "text",
    [
        # a table total's name
        "预算收入总计8,261.00万元，其中：本年收入7,762.27万元，上年结转498.73万元；本年支出总计8,261.00万元。",
        "用水5000吨, 每吨价格为6元, 总计30000元; 用电100000度, 每度价格约为0.5元, 总计50000元。",  # prices, clauses
        "比上年增加100.00万元，减少20.00万元，合计80.00万元",  # differences are no items
        "购置图书30万元，桌椅20万元，电脑20台共计10万元。",  # what the 20 computers cost, not a sum of the rest
    ],
)
def test_no_sum_where_the_words_state_none(text):
    assert sums(text) == []


@pytest.mark.parametrize(
    "lead, after_count, expected",
    [
        ("购置电脑20台共计", True, "共计"),  # a total after a count, where the caller allows it
        ("购置电脑20台共计", False, None),  # glued to 台: not free by default
        ("2025年共计", True, None),  # 年 counts nothing: a year, not a count
        ("办公设备等共计约", False, "共计"),  # after 等, with 约 between the word and the number
        ("支出总计", True, None),  # a table total's name
    ],
)
def test_a_total_word_counts_only_where_it_is_free(lead, after_count, expected):
    v = prose_vocabulary()
    assert ends_with_word(lead, v.sum_markers, glued_after=v.sum_marker_after, after_count=after_count) == expected


def test_the_register_names_a_fact_by_its_words_and_compares_only_those():
    texts = [
        "我院现有实训室88个无法满足需求。",
        "现有88个实训室无法满足需求。",
        "现有实训室38个。",
        "农林系现有38个实训室。",
        "在职人员增加23人。",
        "在职人员增加25人。",
        "学院现有在校生约12000人。",
        "学院现有在校生约11000人。",
    ]
    facts = stated_facts([(t, tuple(quantities(t))) for t in texts])
    assert [(f.subject, sorted(q.text for q in f.statements)) for f in facts] == [("现有实训室", ["38", "88"])]


SELF_EVALUATION = """ | 项目支出绩效自评表

 | 项目名称
 | 某项目

 | 年度总体目标
 | 预期目标
 | 实际完成情况

 |
 | 计划培训学生1500人，培训教师10人次。
 | 本项目已完成培训学生人数1500人，培训教师10人，其中计划培训学生人数1600人。

 |
 | 一级指标
 | 二级指标
 | 三级指标
 | 权重
 | 目标值
 | 业绩值
 | 完成率
 | 指标得分

 | 年度绩效指标完成情况
 | 产出指标
 | 数量指标
 | 培训学生人数
 | 50
 | >=1500人
 | =1500人
 | 100%
 | 50

 |
 |
 |
 | 培训教师数
 | 50
 | >=10人
 | =10人
 | 100%
 | 50
"""


def test_cell_numbers_bind_to_the_indicator_they_name_and_nothing_else():
    d = recognize(read_text(to_tab_layout(SELF_EVALUATION), path="se.txt"), template_id="xinjiang-final-account")
    bound = [(b.prose_number.text + b.prose_number.unit, b.via, b.role, b.value_text) for b in d.prose_bindings]
    # 计划培训学生1500人 names 培训学生人数 without its measure word (人数, which prose leaves out, after the
    # lead word 计划); 培训教师10人次 counts another measure than 培训教师数's 人; the plan in the 实际完成情况
    # (计划培训学生人数1600人) states no 业绩值
    assert bound == [
        ("1500人", "培训学生人数", "target", ">=1500人"),
        ("1500人", "培训学生人数", "actual", "=1500人"),
        ("10人", "培训教师数", "actual", "=10人"),
    ]


def test_numbers_are_found_where_the_pattern_finds_them_on_every_prose_text_of_the_seeds():
    """_number_matches tries the pattern only at 每 and at digits not inside a number: the same
    matches as finditer."""
    texts = ["每生每年600元，每每生3人", "12,345.6万元和1,23元及第3名、（01项）2024年12月达到95%以上"]
    texts.append("1.2.3万元每月4次")
    for seed in ("001_e1c2a9d2af1eed61.txt", "003_b609326f3d399845.txt"):
        d = disclosure(SEEDS / seed)
        texts += [c.text for c in d.prose_cells] + [p.text for p in d.narrative]
    found = 0
    for text in texts:
        norm = normalise(text)
        expected = [m.span() for m in _number_pattern().finditer(norm)]
        assert [m.span() for m in _number_matches(norm)] == expected, text
        found += len(expected)
    assert found > 500


def test_normalise_makes_full_width_digits_points_percents_and_thousands_ascii_at_the_same_offsets():
    assert normalise("１２，３４５．６万元，增长８％") == "12,345.6万元，增长8%"
    assert normalise("1，234元，支出12，34元") == "1,234元，支出12，34元"  # a thousands comma only before 3 digits
    assert normalise("预算支出，无数字") == "预算支出，无数字"
