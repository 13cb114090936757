"""Narrative claim extraction: real sentences from the seeds, and every seed end to end."""

from __future__ import annotations

from decimal import Decimal
from functools import cache
from pathlib import Path

import pytest

from budgetlint.ingest import read_document
from budgetlint.model.claims import (
    AmountClaim,
    ChangeClaim,
    ClassNameClaim,
    CountClaim,
    ListClaim,
    ShareClaim,
    YearMention,
)
from budgetlint.model.document import Paragraph, RawRow, RawTable, SourceDocument
from budgetlint.model.location import Location
from budgetlint.recognize.narrative import (
    clean_subject,
    extract_claims,
    extract_narrative,
    narrative_paragraphs,
)

SEEDS = Path(__file__).resolve().parents[3] / "fixtures" / "seeds"
SEED_000 = SEEDS / "000_b2c7b50d282cc0b6.txt"
SEED_001 = SEEDS / "001_e1c2a9d2af1eed61.txt"
SEED_003 = SEEDS / "003_b609326f3d399845.txt"
SEED_004 = SEEDS / "004_b39ab111367c9db1.txt"


def doc(*texts: str, first_line: int = 1) -> SourceDocument:
    """A document of paragraphs, one per line from first_line (no narrative heading: all are read)."""
    blocks = tuple(Paragraph(text=t, location=Location(file="t.txt", line=first_line + i)) for i, t in enumerate(texts))
    return SourceDocument(path="t.txt", layout="text_rows", encoding="utf-8", page_basis="none", blocks=blocks)


def of_kind(claims, cls):
    return [c for c in claims if isinstance(c, cls)]


@cache
def seed_claims(path: Path):
    return extract_narrative(read_document(path))


# ---------------------------------------------------------------------------------------------
# Amounts
# ---------------------------------------------------------------------------------------------

AMOUNT_CASES = [
    # seed 004 line 550 (thousands separators, 其中 list, change amounts are not amounts)
    (
        "2024年度忻州市民政局预算收入总计8,261.00万元，其中：本年收入7,762.27万元，上年结转498.73万元，"
        "比上年增加1410.69万元，增长20.59%",
        [("预算收入总计", "8261.00", 2), ("本年收入", "7762.27", 2), ("上年结转", "498.73", 2)],
    ),
    # seed 000 line 404 (0万元, 主要包括)
    (
        "2024年度忻州职业技术学院预算收入13,901.07万元，主要包括一般公共预算拨款收入7,700.83万元，占55.40%；"
        "政府性基金预算拨款收入0万元，占0%",
        [("预算收入", "13901.07", 2), ("一般公共预算拨款收入", "7700.83", 2), ("政府性基金预算拨款收入", "0", 0)],
    ),
    # seed 004 line 560 (no separators, integer amount)
    (
        "2024年度忻州市民政局支出预算8261万元，其中：基本支出6644.08万元，占80.43%；项目支出1616.92万元，占19.57%。",
        [("支出预算", "8261", 0), ("基本支出", "6644.08", 2), ("项目支出", "1616.92", 2)],
    ),
    # seed 004 line 606
    (
        "2024年忻州市民政局政府采购预算总额216.17万元。其中：政府采购货物预算45.92万元、政府采购工程预算0万元、"
        "政府采购服务预算170.25万元。",
        [
            ("政府采购预算总额", "216.17", 2),
            ("政府采购货物预算", "45.92", 2),
            ("政府采购工程预算", "0", 0),
            ("政府采购服务预算", "170.25", 2),
        ],
    ),
    # seed 000 line 442 (subject with quotes; 比2023年增加 and 增加0.5万元 are changes)
    (
        "2024年忻州职业技术学院财政拨款安排的“三公”经费预算12.50万元比2023年增加0.50万元,"
        "主要原因是公务接待费增加0.5万元。",
        [("财政拨款安排的“三公”经费预算", "12.50", 2)],
    ),
    # seed 004 line 602 (a count inside the phrase: 1家)
    (
        "本部门2024年所属忻州市民政局1家行政单位机关运行经费财政拨款预算65.14万元，比2023年预算减少1.88万元，下降2.9%",
        [("行政单位机关运行经费财政拨款预算", "65.14", 2)],
    ),
    # seed 003 line 23 (subject with a parenthesis)
    (
        "2024年度收入总计26,854.92万元，其中：本年收入合计26,256.62万元，使用非财政拨款结余（含专用结余）0.00万元，"
        "年初结转和结余598.30万元。",
        [
            ("收入总计", "26854.92", 2),
            ("本年收入合计", "26256.62", 2),
            ("使用非财政拨款结余（含专用结余）", "0.00", 2),
            ("年初结转和结余", "598.30", 2),
        ],
    ),
    # seed 003 line 44 (…为 dropped from the subject)
    (
        "3.教育支出(类)职业教育(款)中等职业教育(项):支出决算数为2,299.80万元，比上年决算减少189.52万元，下降7.61%",
        [("支出决算数", "2299.80", 2)],
    ),
    # seed 003 line 37 (numbering dropped)
    ("1.教育支出(类)20,288.05万元,占99.90%。", [("教育支出(类)", "20288.05", 2)]),
    # seed 003 line 77 (平方米 is no money; 100万元（含）以上 is a threshold, not an amount)
    (
        "截至2024年12月31日，房屋313,872.75平方米，价值65,134.93万元。单价100万元（含）以上设备（不含车辆）11台（套）。",
        [("价值", "65134.93", 2)],
    ),
    # no subject in the phrase: None, never a guess
    ("预算收入总计，8,261.00万元。", [(None, "8261.00", 2)]),
]


@pytest.mark.parametrize("text, expected", AMOUNT_CASES)
def test_amounts_subjects_and_values(text, expected):
    amounts = of_kind(extract_claims(doc(text)), AmountClaim)
    assert [(a.subject, str(a.value), a.decimals) for a in amounts] == expected
    assert all(a.unit == "万元" for a in amounts)


def test_amount_span_location_and_context():
    text = (
        "2024年度忻州职业技术学院支出预算13901.07万元，其中：基本支出6503.95万元，占46.79%；"
        "项目支出7397.12万元，占53.21%。"
    )
    claims = extract_claims(doc("三、支出预算情况说明", text, first_line=408))
    basic = next(a for a in of_kind(claims, AmountClaim) if a.subject == "基本支出")
    assert (basic.span.start, basic.span.end, basic.span.text) == (36, 45, "6503.95万元")
    assert text[basic.span.start : basic.span.end] == basic.span.text
    assert basic.location.line == 409 and basic.end_line is None
    assert basic.section == "三、支出预算情况说明"
    assert basic.clause == "2024年度忻州职业技术学院支出预算13901.07万元，其中：基本支出6503.95万元，占46.79%；"
    assert basic.sentence == text


def test_amount_in_yuan_and_full_width_digits():
    amounts = of_kind(extract_claims(doc("本年收入１，２３４．５万元，其他收入1,000元。")), AmountClaim)
    assert [(a.subject, a.value, a.decimals, a.unit) for a in amounts] == [
        ("本年收入", Decimal("1234.5"), 1, "万元"),
        ("其他收入", Decimal("1000"), 0, "元"),
    ]
    assert amounts[0].span.text == "１，２３４．５万元"


def test_number_split_over_two_paragraphs():
    """seed 000 lines 414/416: '…卫生健康支出283.20万' + '元、农林水支出19.60万元…'."""
    first = "支出包括：教育支出6,129.53万元、社会保障和就业支出1,029.20万元、卫生健康支出283.20万"
    claims = extract_claims(doc(first, "元、农林水支出19.60万元、住房保障支出539.54万元等。", first_line=414))
    amounts = of_kind(claims, AmountClaim)
    health = next(a for a in amounts if a.subject == "卫生健康支出")
    assert health.value == Decimal("283.20") and health.unit == "万元"
    assert health.location.line == 414 and health.end_line == 415
    assert health.span.text == "283.20万元" and health.span.start == first.index("283.20")
    water = next(a for a in amounts if a.subject == "农林水支出")
    assert water.location.line == 415 and water.span.start == 7 and water.end_line is None


def test_amounts_in_a_reason_are_marked():
    text = (
        "比上年增加7574.28万元，增长44.60%，主要原因是1. 招生人数增加3283人，生均拨款增加；"
        "2. 学院现代农业产教融合基地项目结转2108.28万元；本年部门预算支出总计24,556.07万元。"
    )
    amounts = of_kind(extract_claims(doc(text)), AmountClaim)
    assert [(a.subject, a.in_reason) for a in amounts] == [
        ("学院现代农业产教融合基地项目结转", True),
        ("本年部门预算支出总计", False),
    ]
    assert not of_kind(extract_claims(doc(text)), CountClaim)  # 增加3283人 is a difference


# ---------------------------------------------------------------------------------------------
# Shares
# ---------------------------------------------------------------------------------------------

SHARE_CASES = [
    (
        "2024年度忻州职业技术学院预算收入13,901.07万元，主要包括一般公共预算拨款收入7,700.83万元，占55.40%；"
        "政府性基金预算拨款收入0万元，占0%；上年结转300.24万元，占2.16%。",
        [
            ("55.40", 2, "一般公共预算拨款收入", None),
            ("0", 0, "政府性基金预算拨款收入", None),
            ("2.16", 2, "上年结转", None),
        ],
    ),
    (
        "主要用于以下方面:教育支出5,829.29万元,占75.70%;社会保障和就业支出1,029.20万元,占13.36%;",
        [("75.70", 2, "教育支出", None), ("13.36", 2, "社会保障和就业支出", None)],
    ),
    (
        "2024年度一般公共预算财政拨款支出20,307.48万元，占本年支出合计的75.65%。",
        [("75.65", 2, "一般公共预算财政拨款支出", "本年支出合计")],
    ),
    (
        "公开项目绩效目标14个，涉及项目金额5,938.11万元，占部门（单位）项目支出总额的84.3%。",
        [("84.3", 1, "涉及项目金额", "部门（单位）项目支出总额")],
    ),
    (
        "授予中小企业合同金额3,505.96万元，占政府采购支出总额的81.90%",
        [("81.90", 2, "授予中小企业合同金额", "政府采购支出总额")],
    ),
    (
        "人员支出100万元，占比12.5%；公用支出50万元，比重为3%。",
        [("12.5", 1, "人员支出", None), ("3", 0, "公用支出", None)],
    ),
    # the amount is in another clause: not bound
    ("基本支出100万元；占50%。", [("50", 0, None, None)]),
]


@pytest.mark.parametrize("text, expected", SHARE_CASES)
def test_shares(text, expected):
    shares = of_kind(extract_claims(doc(text)), ShareClaim)
    assert [(str(s.percent), s.decimals, s.subject, s.whole) for s in shares] == expected
    for share in shares:
        if share.subject is not None:
            assert share.amount is not None and share.amount.subject == share.subject
        else:
            assert share.amount is None


def test_share_span():
    text = "1.教育支出(类)20,288.05万元,占99.90%。"
    (share,) = of_kind(extract_claims(doc(text)), ShareClaim)
    assert share.span.text == "占99.90%" and text[share.span.start : share.span.end] == "占99.90%"
    assert share.amount.value == Decimal("20288.05")


# ---------------------------------------------------------------------------------------------
# Changes
# ---------------------------------------------------------------------------------------------

CHANGE_CASES = [
    # (text, direction, amount, rate, base, base_year, base_basis, subject, current, refers_to)
    (
        "2024年度忻州职业技术学院一般公共预算当年支出7,700.83万元,比上年增加1674.45万元,增长27.79%。",
        1,
        "1674.45",
        "27.79",
        "上年",
        None,
        None,
        "一般公共预算当年支出",
        "7700.83",
        "same_clause",
    ),
    # the change follows a 其中 list: it is stated for the total
    (
        "2024年度忻州职业技术学院预算收入总计13,901.07万元，其中：本年收入13,600.83万元，上年结转300.24万元，"
        "比上年增加2246.20万元，增长19.27%，主要原因是在职人员人数增加。",
        1,
        "2246.20",
        "19.27",
        "上年",
        None,
        None,
        "预算收入总计",
        "13901.07",
        "list_total",
    ),
    (
        "2025年长治职业技术学院财政拨款安排的“三公”经费预算4.00万元比2024年减少 3.00万元,主要原因是严控“三公”经费。",
        -1,
        "3.00",
        None,
        "2024年",
        2024,
        None,
        "财政拨款安排的“三公”经费预算",
        "4.00",
        "same_clause",
    ),
    (
        "本部门2024年所属忻州市民政局1家行政单位机关运行经费财政拨款预算65.14万元，比2023年预算减少1.88万元，下降2.9%，",
        -1,
        "1.88",
        "2.9",
        "2023年",
        2023,
        "预算",
        "行政单位机关运行经费财政拨款预算",
        "65.14",
        "same_clause",
    ),
    (
        "其中:因公出国(境)费0万元,与上年预算数相同;",
        0,
        None,
        None,
        "上年",
        None,
        "预算",
        "因公出国(境)费",
        "0",
        "same_clause",
    ),
    (
        "公务接待费0.50万元,与上年相比预算数增加0.50万元,",
        1,
        "0.50",
        None,
        "上年",
        None,
        "预算",
        "公务接待费",
        "0.50",
        "same_clause",
    ),
    (
        "2024年忻州市民政局财政拨款安排的“三公”经费预算13.20万元与2023年预算数相同。",
        0,
        None,
        None,
        "2023年",
        2023,
        "预算",
        "财政拨款安排的“三公”经费预算",
        "13.20",
        "same_clause",
    ),
    (
        "2.教育支出(类)教育管理事务(款)一般行政管理事务(项):支出决算数为0.00万元，比上年决算减少1.27万元，下降100.00%,",
        -1,
        "1.27",
        "100.00",
        "上年",
        None,
        "决算",
        "支出决算数",
        "0.00",
        "same_clause",
    ),
    # its own subject, no amount in the sentence
    (
        "收入支出总体与上年相比，增加1,294.81万元，增长5.07%，主要原因是：本年在职人员增加23人。",
        1,
        "1294.81",
        "5.07",
        "上年",
        None,
        None,
        "收入支出总体",
        None,
        None,
    ),
    # no base in the text
    ("主要原因是公务接待费增加0.5万元。", 1, "0.5", None, None, None, None, "公务接待费", None, None),
    ("与2023年比略有减少。", -1, None, None, "2023年", 2023, None, None, None, None),
]


@pytest.mark.parametrize(
    "text, direction, amount, rate, base, base_year, basis, subject, current, refers_to", CHANGE_CASES
)
def test_changes(text, direction, amount, rate, base, base_year, basis, subject, current, refers_to):
    (change,) = of_kind(extract_claims(doc(text)), ChangeClaim)
    assert change.direction == direction
    assert (str(change.amount) if change.amount is not None else None) == amount
    assert (str(change.rate) if change.rate is not None else None) == rate
    assert (change.base, change.base_year, change.base_basis) == (base, base_year, basis)
    assert change.subject == subject
    assert (str(change.current.value) if change.current else None) == current
    assert change.refers_to == refers_to
    assert text[change.span.start : change.span.end] == change.span.text


def test_change_opening_a_sentence_refers_to_the_previous_sentence():
    """seed 003 line 35."""
    text = (
        "2024年度一般公共预算财政拨款支出20,307.48万元，占本年支出合计的75.65%。与上年相比，增加1,266.35万元，"
        "增长6.65%，主要原因是：本年在职人员增加23人。"
    )
    (change,) = of_kind(extract_claims(doc(text)), ChangeClaim)
    assert change.span.text == "与上年相比，增加1,266.35万元，增长6.65%"
    assert (change.amount, change.rate, change.rate_direction) == (Decimal("1266.35"), Decimal("6.65"), 1)
    assert change.current.value == Decimal("20307.48") and change.refers_to == "previous_sentence"
    assert change.subject == "一般公共预算财政拨款支出"


def test_change_of_people_is_not_a_money_change():
    claims = extract_claims(doc("在职人员666人，比上年增加23人。"))
    assert not of_kind(claims, ChangeClaim)
    assert [(c.subject, c.value) for c in of_kind(claims, CountClaim)] == [("在职人员", 666)]


# ---------------------------------------------------------------------------------------------
# Counts and parts
# ---------------------------------------------------------------------------------------------

PROJECTS_000 = (
    "2024年忻州职业技术学院纳入绩效目标管理的二级项目19个，共计金额7,096.88万元。其中：其他运转类项目14个，"
    "涉及金额5,938.11万元；特定目标类项目5个，涉及金额1,158.77万元。公开项目绩效目标14个，涉及项目金额5,938.11万元，"
    "占部门（单位）项目支出总额的84.3%。其中：其他运转类项目14个，涉及项目金额5,938.11万元；特定目标类项目0个，"
    "涉及项目金额0万元。"
)


def test_counts_with_their_breakdown():
    counts = of_kind(extract_claims(doc(PROJECTS_000)), CountClaim)
    assert [(c.subject, c.value, c.classifier) for c in counts] == [
        ("纳入绩效目标管理的二级项目", 19, "个"),
        ("其他运转类项目", 14, "个"),
        ("特定目标类项目", 5, "个"),
        ("公开项目绩效目标", 14, "个"),
        ("其他运转类项目", 14, "个"),
        ("特定目标类项目", 0, "个"),
    ]
    assert [p.value for p in counts[0].items] == [14, 5]
    assert [p.value for p in counts[3].items] == [14, 0]
    assert all(not c.items for c in counts[1:3] + counts[4:])


def test_amount_parts_after_a_sentence_opening_with_qizhong():
    parts = of_kind(extract_claims(doc(PROJECTS_000)), ListClaim)
    assert [(p.total.value, [a.value for a in p.items]) for p in parts] == [
        (Decimal("7096.88"), [Decimal("5938.11"), Decimal("1158.77")]),
        (Decimal("5938.11"), [Decimal("5938.11"), Decimal("0")]),
    ]
    assert not any(p.overlap_suspected for p in parts)


def test_counts_of_vehicles():
    """seed 003 line 77."""
    text = (
        "车辆29辆，价值672.54万元，其中：副部（省）级及以上领导用车0辆、主要负责人用车0辆、机要通信用车0辆、"
        "其他用车29辆，其他用车主要是：通勤车。"
    )
    counts = of_kind(extract_claims(doc(text)), CountClaim)
    assert (counts[0].subject, counts[0].value, counts[0].classifier) == ("车辆", 29, "辆")
    assert [(p.subject, p.value) for p in counts[0].items] == [
        ("副部（省）级及以上领导用车", 0),
        ("主要负责人用车", 0),
        ("机要通信用车", 0),
        ("其他用车", 29),
    ]


def test_single_part_is_no_parts_claim_and_count_without_subject():
    """seed 001 line 566: 其中1个单位 is a subset, not a sum; its count has no subject before it."""
    text = (
        "2024年长治职业技术学院整体支出绩效目标，涉及部门预算资金21847.45万元，其中基本支出7676.45万元，"
        "项目支出14171万元；机关及下属预算单位1个，其中1个单位（包括机关）编报了单位整体绩效目标，涉及资金21847.45万元。"
    )
    claims = extract_claims(doc(text))
    (parts,) = of_kind(claims, ListClaim)
    assert parts.introducer == "其中" and parts.subject == "涉及部门预算资金"
    assert [(p.subject, p.value) for p in parts.items] == [
        ("基本支出", Decimal("7676.45")),
        ("项目支出", Decimal("14171")),
    ]
    counts = of_kind(claims, CountClaim)
    assert [(c.subject, c.value, c.items) for c in counts] == [("机关及下属预算单位", 1, ()), (None, 1, ())]


PARTS_CASES = [
    (
        "2024年忻州市民政局政府采购预算总额216.17万元。其中：政府采购货物预算45.92万元、政府采购工程预算0万元、"
        "政府采购服务预算170.25万元。",
        "其中",
        "216.17",
        ["45.92", "0", "170.25"],
    ),
    (
        "2024年度忻州职业技术学院财政拨款收支总预算8,001.07万元。其中：一般公共预算拨款8,001.07万元，政府性基金预算拨款0万元，"
        "国有资本经营预算拨款0万元。其中：当年拨款收入7,700.83万元，上年结转收入300.24万元。",
        "其中",
        "8001.07",
        ["8001.07", "0", "0"],
    ),
    (
        "2024年度忻州职业技术学院一般公共预算当年支出7,700.83万元,主要用于以下方面:教育支出5,829.29万元,占75.70%;"
        "住房保障支出539.54万元,占7.01%等。",
        "主要用于以下方面",
        "7700.83",
        ["5829.29", "539.54"],
    ),
    # 主要包括 followed by names, not quantities: no list
    (
        "一般公共预算安排基本支出6,503.95万元,其中:人员经费5,980.02万元,主要包括:离休费、绩效工资等;公用经费523.93万元,"
        "主要包括:办公费、邮电费等。",
        "其中",
        "6503.95",
        ["5980.02", "523.93"],
    ),
]


@pytest.mark.parametrize("text, introducer, total, parts", PARTS_CASES)
def test_parts(text, introducer, total, parts):
    found = of_kind(extract_claims(doc(text)), ListClaim)
    first = found[0]
    assert first.introducer == introducer
    assert str(first.total.value) == total
    assert [str(p.value) for p in first.items] == parts
    assert first.span.text.startswith(introducer) and text[first.span.start : first.span.end] == first.span.text


def test_second_qizhong_sentence_takes_the_same_total():
    claims = extract_claims(doc(PARTS_CASES[1][0]))
    second = of_kind(claims, ListClaim)[1]
    assert second.total.value == Decimal("8001.07") and second.total.subject == "财政拨款收支总预算"
    assert [p.subject for p in second.items] == ["当年拨款收入", "上年结转收入"]


def test_parts_across_paragraphs_and_overlap_flag():
    """seed 001 lines 549-550: the 其中 paragraph lists parts of the previous paragraph's total;
    公务用车购置及运行费 and 公务用车运行维护费 overlap."""
    total = "2025年长治职业技术学院财政拨款安排的“三公”经费预算4.00万元比2024年减少 3.00万元,主要原因是严控“三公”经费。"
    detail = (
        "其中:因公出国(境)费0万元,与上年预算数相同;公务接待费1.00万元,与上年相比预算数减少1.00万元,"
        "主要原因是厉行节约;公务用车购置及运行费3.00万元,与上年相比预算数减少2.00万元,主要原因是节俭高效,"
        "公务用车运行维护费3.00万元,与上年相比预算数减少2.00万元,主要原因是节俭高效;公务用车购置费0万元,与上年预算数相同。"
    )
    (parts,) = of_kind(extract_claims(doc(total, detail, first_line=549)), ListClaim)
    assert parts.total.value == Decimal("4.00") and parts.total.location.line == 549
    assert parts.location.line == 550
    assert [p.subject for p in parts.items] == [
        "因公出国(境)费",
        "公务接待费",
        "公务用车购置及运行费",
        "公务用车购置费",
    ]
    assert parts.overlap_suspected


def test_measure_pairs_are_not_parts():
    """seed 003 line 69: 全年预算数 … 决算数 … are two measures of one item."""
    text = (
        "与全年预算相比，财政拨款“三公”经费支出全年预算数0.40万元，决算数0.40万元，预决算差异率0.00%。"
        "其中：因公出国（境）费全年预算数0.40万元，决算数0.40万元，预决算差异率0.00%。"
    )
    assert not of_kind(extract_claims(doc(text)), ListClaim)


def test_parts_span_three_paragraphs():
    """seed 001 lines 543-545: '其中:' ends a paragraph; the parts follow on two lines."""
    lines = (
        "2025年度长治职业技术学院一般公共预算安排基本支出7,676.45万元,其中:",
        "人员经费6,825.30万元,主要包括:绩效工资、基本工资等;",
        "公用经费851.15万元,主要包括:办公费、印刷费等。",
    )
    claims = extract_claims(doc(*lines, first_line=543))
    (parts,) = of_kind(claims, ListClaim)
    assert parts.location.line == 543 and parts.end_line == 545
    assert [(p.subject, p.location.line) for p in parts.items] == [("人员经费", 544), ("公用经费", 545)]


# ---------------------------------------------------------------------------------------------
# Class names and years
# ---------------------------------------------------------------------------------------------

CLASS_CASES = [
    (
        "5.教育支出(类)职业教育(款)高等职业教育(项):支出决算数为17,655.98万元，",
        None,
        ("教育支出", "职业教育", "高等职业教育"),
        ("类", "款", "项"),
        "教育支出(类)职业教育(款)高等职业教育(项)",
    ),
    (
        "1.其他支出(类)彩票公益金安排的支出(款)用于体育事业的彩票公益金支出(项):支出决算数为0.00万元，",
        None,
        ("其他支出", "彩票公益金安排的支出", "用于体育事业的彩票公益金支出"),
        ("类", "款", "项"),
        None,
    ),
    ("2.科学技术支出(类)3.90万元,占0.02%。", None, ("科学技术支出",), ("类",), "科学技术支出(类)"),
    ("主要用于205教育支出5,829.29万元。", "205", ("教育支出",), (None,), "205教育支出"),
    ("2050305高等职业教育100.00万元。", "2050305", ("高等职业教育",), (None,), "2050305高等职业教育"),
]


@pytest.mark.parametrize("text, code, names, levels, span_text", CLASS_CASES)
def test_class_names(text, code, names, levels, span_text):
    claims = extract_claims(doc(text))
    (cls,) = of_kind(claims, ClassNameClaim)
    assert (cls.code, cls.names, cls.levels) == (code, names, levels)
    if span_text:
        assert cls.span.text == span_text
    (amount,) = of_kind(claims, AmountClaim)
    assert amount.class_name == cls


def test_no_class_name_from_plain_numbers():
    claims = extract_claims(doc("2024年在校学生9998人，单价100万元以上设备11台，价值313,872.75万元，项目14171万元。"))
    assert not of_kind(claims, ClassNameClaim)


YEAR_CASES = [
    ("第三部分 2024年度单位预算情况说明", [(2024, "预算", False, False)]),
    ("2024年度部门决算", [(2024, "决算", False, False)]),
    ("“三公”经费预算13.20万元与2023年预算数相同。", [(2023, "预算", True, False)]),
    ("“三公”经费预算12.50万元比2023年增加0.50万元", [(2023, None, True, False)]),
    ("于2023年相比，2024年度我部门人员基础绩效有所增长", [(2023, None, True, False), (2024, None, False, False)]),
    ("2023年与2024年均未安排公务接待费支出。", [(2023, None, False, False), (2024, None, False, False)]),
    ("截至2024年12月31日，房屋313,872.75平方米", [(2024, None, False, True)]),
]


@pytest.mark.parametrize("text, expected", YEAR_CASES)
def test_years(text, expected):
    years = of_kind(extract_claims(doc(text)), YearMention)
    assert [(y.year, y.basis, y.comparison, y.is_date) for y in years] == expected


# ---------------------------------------------------------------------------------------------
# Subjects and narrative selection
# ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "raw, subject",
    [
        ("2024年度忻州职业技术学院预算收入总计", "预算收入总计"),
        ("2024年度昌吉职业技术学院（事业单位）公用经费支出", "公用经费支出"),
        ("2024年度忻州市民政局一般公共预算当年支出", "一般公共预算当年支出"),
        ("其中基本支出", "基本支出"),
        ("主要包括一般公共预算拨款收入", "一般公共预算拨款收入"),
        ("1.教育支出(类)", "教育支出(类)"),
        ("支出决算数为", "支出决算数"),
        ("2024年度政府采购支出总额", "政府采购支出总额"),
        ("", None),
        ("其中", None),
    ],
)
def test_clean_subject(raw, subject):
    assert clean_subject(raw) == subject


def test_narrative_part_only():
    loc = lambda n: Location(file="t.txt", line=n)  # noqa: E731
    blocks = (
        Paragraph(text="第一部分 概况", location=loc(1)),
        Paragraph(text="在职人员100人，经费1.00万元。", location=loc(2)),
        Paragraph(text="第三部分 2024年度单位预算情况说明", location=loc(3)),
        Paragraph(text="二、收入预算情况说明", location=loc(4)),
        Paragraph(text="预算收入5.00万元。", location=loc(5)),
        Paragraph(text="忻州职业技术学院整体支出绩效目标申报表", location=loc(6)),
        Paragraph(text="年度资金总额9.00万元。", location=loc(7)),
    )
    source = SourceDocument(path="t.txt", layout="text_rows", encoding="utf-8", page_basis="none", blocks=blocks)
    paragraphs, found = narrative_paragraphs(source)
    assert found and [p.location.line for p in paragraphs] == [3, 4, 5]
    result = extract_narrative(source)
    amounts = of_kind(result.claims, AmountClaim)
    assert [(a.subject, a.section) for a in amounts] == [("预算收入", "二、收入预算情况说明")]
    assert result.stats.narrative_found and result.stats.amount == 1 and result.stats.year == 1


def test_narrative_ends_at_a_performance_table_in_cell_layout():
    loc = lambda n: Location(file="t.txt", line=n)  # noqa: E731
    table = RawTable(rows=(RawRow(cells=("项目支出绩效自评表",), line=4),), location=loc(4))
    blocks = (
        Paragraph(text="第二部分 部门决算情况说明", location=loc(1)),
        Paragraph(text="本年收入2.00万元。", location=loc(2)),
        table,
        Paragraph(text="年度资金总额9.00万元。", location=loc(6)),
    )
    source = SourceDocument(path="t.txt", layout="text_cells", encoding="utf-8", page_basis="none", blocks=blocks)
    assert [p.location.line for p in narrative_paragraphs(source)[0]] == [1, 2]


def test_a_narrative_heading_printed_over_two_lines_opens_the_narrative():
    # 规划局 / 社工部 2024 决算: “第三部分…2024年度部门决算” and “情况说明” are two paragraphs; the
    # 目录 line before it names the whole heading and is closed by the 目录's 第四部分 line
    source = doc(
        "第三部分上海市某局2024年度部门决算情况说明",
        "第四部分名词解释",
        "第三部分上海市某局2024年度部门决算",
        "情况说明",
        "一、收入支出决算总体情况说明",
        "2024年度收入、支出决算总计100.00万元。",
        "第四部分 名词解释",
        "一、财政拨款收入：指…1.00万元。",
    )
    paragraphs, found = narrative_paragraphs(source)
    assert found and [p.location.line for p in paragraphs] == [1, 3, 4, 5, 6]
    # a part heading followed by a long paragraph is not a split heading
    source = doc("第三部分上海市某局2024年度部门决算", "情况说明是对上表的解释，收支总计100.00万元。")
    assert not narrative_paragraphs(source)[1]


def test_without_a_narrative_heading_every_paragraph_is_read():
    result = extract_narrative(doc("预算收入5.00万元。", "支出5.00万元。"))
    assert not result.stats.narrative_found and result.stats.amount == 2 and result.stats.paragraphs == 2


# ---------------------------------------------------------------------------------------------
# Seeds end to end
# ---------------------------------------------------------------------------------------------

# Minimums counted by hand in each seed's 情况说明 (grep of 万元 minus 增加/减少 amounts, 占…%, N个/辆/人…,
# 其中 lists with a total and ≥ 2 parts, 20XX年, (类) chains).
SEED_MINIMUMS = {
    SEED_000: {"amount": 53, "share": 14, "change": 10, "count": 7, "parts": 12, "year": 18, "class_name": 0},
    SEED_001: {"amount": 59, "share": 14, "change": 9, "count": 8, "parts": 13, "year": 13, "class_name": 0},
    SEED_003: {"amount": 92, "share": 21, "change": 22, "count": 19, "parts": 10, "year": 21, "class_name": 16},
    SEED_004: {"amount": 58, "share": 14, "change": 10, "count": 9, "parts": 13, "year": 20, "class_name": 0},
}
SEED_SECTIONS = {SEED_000: (396, 470), SEED_001: (507, 572), SEED_003: (21, 79), SEED_004: (546, 618)}


@pytest.mark.parametrize("path", list(SEED_MINIMUMS), ids=lambda p: p.name[:3])
def test_seed_counts(path):
    result = seed_claims(path)
    counts = result.stats.by_kind()
    for kind, minimum in SEED_MINIMUMS[path].items():
        assert counts[kind] >= minimum, (kind, counts)
    assert result.stats.narrative_found
    assert result.stats.total == len(result.claims)


@pytest.mark.parametrize("path", list(SEED_MINIMUMS), ids=lambda p: p.name[:3])
def test_seed_claims_point_at_their_lines(path):
    lines = path.read_text(encoding="utf-8").split("\n")
    first, last = SEED_SECTIONS[path]
    for claim in seed_claims(path).claims:
        line = claim.location.line
        assert first <= line <= last, claim
        printed = lines[line - 1].strip()
        span = claim.span
        if claim.end_line is None:
            assert printed[span.start : span.end] == span.text, claim
        else:  # runs on: this line holds the start, the following lines the rest
            assert span.text.startswith(printed[span.start :]), claim
            rest = "".join(x.strip() for x in lines[line : claim.end_line])
            assert (printed[span.start :] + rest).startswith(span.text), claim


@pytest.mark.parametrize("path", list(SEED_MINIMUMS), ids=lambda p: p.name[:3])
def test_seed_claims_have_sections(path):
    claims = seed_claims(path).claims
    amounts = of_kind(claims, AmountClaim)
    assert all(a.section and a.section[0] in "一二三四五六七八九十" for a in amounts)
    assert sum(a.subject is None for a in amounts) == 0


def test_seed_000_known_claims():
    claims = seed_claims(SEED_000).claims
    procurement = [p for p in of_kind(claims, ListClaim) if p.subject == "政府采购预算总额"]
    assert [(p.total.value, [x.value for x in p.items], p.location.line) for p in procurement] == [
        (Decimal("1753.74"), [Decimal("787.40"), Decimal("660.00"), Decimal("306.34")], 456)
    ]
    three = [p for p in of_kind(claims, ListClaim) if p.location.line == 444]
    assert [(p.total.value, p.total.location.line, [x.value for x in p.items]) for p in three] == [
        (Decimal("12.50"), 442, [Decimal("0"), Decimal("0.50"), Decimal("12.00"), Decimal("0")])
    ]
    split = next(a for a in of_kind(claims, AmountClaim) if a.end_line)
    assert (split.subject, split.value, split.location.line, split.end_line) == (
        "卫生健康支出",
        Decimal("283.20"),
        414,
        416,
    )
    assert split.section == "四、财政拨款收支预算总体情况说明"


def test_seed_003_class_items_and_changes():
    claims = seed_claims(SEED_003).claims
    item = next(
        c
        for c in of_kind(claims, ChangeClaim)
        if c.current and c.current.class_name and c.current.class_name.names[-1] == "技校教育"
    )
    assert (item.direction, item.amount, item.rate, item.base_basis) == (1, Decimal("2.83"), Decimal("0.86"), "决算")
    assert item.current.value == Decimal("332.26") and item.location.line == 45
    assert item.subsection == "（三）一般公共预算财政拨款支出决算具体情况"
