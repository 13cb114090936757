"""Binding a goal-cell number to the indicator its clause names by its words (indicator_words.py and
cell_binding.py's `by_words`), on phrases taken from seeds 003 and 004: the name's words in order with
other words between, a generic head left out or said otherwise, and fail-closed where two indicators
fit, where the number ends a range, or where the cell gives the indicator's own name elsewhere."""

import pytest

from budgetlint.ingest import read_text
from budgetlint.recognize import recognize
from budgetlint.recognize.narrative.indicator_words import names_in_order, qualifier_in
from budgetlint.testing.cases import to_tab_layout


@pytest.mark.parametrize(
    "name, clause",
    [
        ("建设实训室", "已建设中医针灸推拿实训室"),  # 003 line 1250
        ("建设精品在线开放课程", "建设《药理学》精品在线开放课程"),
        ("验收合格率", "项目验收合格率"),  # 003 line 262
        ("培训（会议）天数", "培训时间"),  # 004 line 793: the head 天数 said as 时间
        ("全年发放次数", "全年共发放"),  # the head 次数 left out
        ("取暖费经费支出", "其中支出取暖费"),
        ("学院运转保障经费", "学院运转保障经费投入"),  # only a head after the name
        ("氛围营造、宣传投入", "氛围营造宣传投入经费"),
        ("中等职业教育国家助学金发放准确率%", "中等职业教育国家助学金发放准确率"),
        ("困难残疾人生活补贴、重度残疾人护理补贴发放率", "困难残疾人生活补贴发放率和重度残疾人护理补贴发放率"),
        ("体检部门", "本项目实施参与体检部门"),  # 参与 joins nothing
        ("建设精品在线开放课程", "、建设《药理学》精品在线开放课程"),  # after the number before it
        ("电费缴纳次数", "缴纳电费"),  # 003 line 4075: the verb first in prose, last in the name
        ("支付取暖费次数", "我校完成取暖费支付"),  # 003 line 7505: the reverse
        ("遗属补助发放金额", "共需发放遗属补助"),  # 004 line 1129
        ("参加幼儿照护督导员培训人数", "教师幼儿照护督导员培训"),  # 003 line 7902: 参加 left out
        ("参与体检部门", "本项目计划体检部门"),  # 003 line 3059
        ("发表相关论文", "发表论文"),  # 003 line 8331: 相关 names nothing
        ("举办国赛", "本项目计划举办全国职业院校技能大赛"),  # 003 line 6107: the sector's abbreviation
        ("取暖补贴发放人数", "发放采暖补贴"),  # 采暖 and 取暖 are one word
    ],
)
def test_a_clause_names_an_indicator_by_its_words_in_order(name, clause):
    assert names_in_order(name, clause)


@pytest.mark.parametrize(
    "name, clause",
    [
        ("设备验收数量", "验收设备"),  # the words in another order, 验收 no verb of name_verbs
        ("学生培训人数", "培训各类学生和教师"),  # joined with more than the name
        ("发放率", "发放准确率"),  # 率 alone is no piece: another rate
        ("取暖费经费支出", "取暖费结余"),  # more than a head after the name
        ("学生就业率", "就业率"),  # a word of the name missing
        ("实训室验收合格率", "项目完成及时率"),
        ("培训（会议）天", "培训时间"),  # a name cut short keeps its 天: no head to leave out
        ("培训学生人数", "参加培训教师和学生共"),  # teachers and students: more than the indicator counts
        ("培训学生人数", "教师及培训学生"),
        ("参加培训人数", "培训"),  # without 参加 one generic piece would be left: 参加 stays a word
        ("参与单位数量", "共建单位"),
        ("举办国赛", "举办全国大学生数学建模竞赛"),  # another national contest
        ("发表相关论文", "发表论文和专著"),  # more than the name after it
        ("参加幼儿照护督导员培训人数", "督导员培训"),  # 003 line 7903: 幼儿照护 missing
        ("培训教师人数", "比上年增加培训教师"),  # a change, not a count of the indicator's
    ],
)
def test_a_clause_missing_a_word_or_adding_more_than_a_head_names_nothing(name, clause):
    assert not names_in_order(name, clause)


def test_a_standard_qualified_by_its_words_names_the_cost_row_holding_them():
    assert qualifier_in("体检", "体检费补助标准")
    assert qualifier_in("培训", "单位培训（会议）成本")
    assert not qualifier_in("住宿费补助", "教材费补助标准")


SELF_EVALUATION = """ | 项目支出绩效自评表

 | 项目名称
 | 某项目

 | 年度总体目标
 | 预期目标
 | 实际完成情况

 |
 | {expected}
 | {actual}

 |
 | 一级指标
 | 二级指标
 | 三级指标
 | 权重
 | 目标值
 | 业绩值
 | 完成率
 | 指标得分
{rows}"""
ROW = """
 | {section}
 | {level1}
 | {level2}
 | {level3}
 | 20
 | {target}
 | {actual}
 | 100%
 | 20
"""


def bindings(expected: str, actual: str, indicators: list[tuple[str, str, str]]):
    rows = "".join(
        ROW.format(
            section="年度绩效指标完成情况" if k == 0 else "",
            level1="产出指标" if k == 0 else "",
            level2="数量指标" if k == 0 else "",
            level3=name,
            target=target,
            actual=value,
        )
        for k, (name, target, value) in enumerate(indicators)
    )
    text = SELF_EVALUATION.format(expected=expected, actual=actual, rows=rows)
    d = recognize(read_text(to_tab_layout(text), path="se.txt"), template_id="xinjiang-final-account")
    return [(b.prose_number.text + b.prose_number.unit, b.via, b.role) for b in d.prose_bindings]


def test_the_one_indicator_whose_words_the_clause_gives_binds():
    bound = bindings(
        "建设实训室1个。",
        "已建设中医针灸推拿实训室1个、建设《药理学》精品在线开放课程1门，项目验收合格率100%。",
        [
            ("建设实训室", ">=1个", "=1个"),
            ("建设精品在线开放课程", ">=1门", "=1门"),
            ("验收合格率", ">=95%", "=100%"),
        ],
    )
    assert bound == [
        ("1个", "建设实训室", "target"),
        ("1个", "建设实训室", "actual"),
        ("1门", "建设精品在线开放课程", "actual"),  # its clause starts after 1个: 实训室 is the first number's
        ("100%", "验收合格率", "actual"),
    ]


def test_two_fitting_indicators_a_range_and_a_named_indicator_bind_nothing_by_words():
    bound = bindings(
        "撰写及发表论文1～2篇，联合体理事会参与单位52家，联合体参与单位不少于50个。",
        "参加培训教师和学生共20人。",
        [
            ("发表论文", ">=2篇", "=2篇"),
            ("联合体参与单位", ">=50个", "=57个"),
            ("培训教师人数", ">=20人", "=20人"),
            ("培训学生人数", ">=20人", "=20人"),
        ],
    )
    # 1～2篇 ends a range; 52家 fits 联合体参与单位 by its words, but the cell names that indicator as
    # printed (不少于50个); 20人 fits both 培训教师人数 and 培训学生人数
    assert bound == [("50个", "联合体参与单位", "target")]


def test_the_noun_after_the_number_completes_its_words_when_the_clause_alone_names_nothing():
    bound = bindings(
        "购置1批次设备，建立1个教学大数据中心。",
        "已购置1批次设备。",
        [("购置设备数量", "=1批", "=1批"), ("建成实训室", "=1个", "=1个")],
    )
    # 003 line 2073: 购置 … 设备 names 购置设备数量; a 教学大数据中心 is no 实训室
    assert bound == [("1批次", "购置设备数量", "target"), ("1批次", "购置设备数量", "actual")]


EXPECTED_DUTIES = "完成7名教师高级证书培训和2名教师督导员培训。"
TRAINING = [("参加高级师资培训人数", ">=7人", "=7人"), ("参加督导员培训人数", ">=2人", "=2人")]


def test_the_noun_after_the_number_alone_names_it_when_the_words_before_are_another_items():
    bound = bindings(EXPECTED_DUTIES, "已完成。", TRAINING)
    # 003 line 7902: 2名 is 参加督导员培训人数's (its words before, …证书培训和, are the item before);
    # 7名's noun says 证书 where the name says 师资: unbound
    assert bound == [("2名", "参加督导员培训人数", "target")]


@pytest.mark.parametrize(
    "actual",
    [
        "已完成2名教师督导员培训和考评。",  # the noun joins another thing
        "原计划（年初）完成2名教师督导员培训。",  # the plan, though outside the number's phrase
        "已发放2人2024年督导员培训。",  # the noun after stops at another number (a date): 2人 names nothing
        "比上年增加2名教师督导员培训。",  # a change
    ],
)
def test_a_noun_after_the_number_joining_more_or_after_a_plan_binds_nothing(actual):
    assert bindings("已完成。", actual, TRAINING) == []


def test_two_indicators_the_noun_after_names_bind_nothing():
    bound = bindings(
        "完成专题培训和2名教师督导员培训。",
        "已完成。",
        [("参加督导员培训人数", ">=2人", "=2人"), ("督导员培训人数", ">=2人", "=3人")],
    )
    assert bound == []
