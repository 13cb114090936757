"""The patterns the narrative reader matches, and the small conversions beside them.

They run on the passage text with full-width digits, ．, ％ and thousands commas made ASCII
(`normalise`): the same length, so offsets are those of the printed text."""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Literal

from budgetlint.numbers import parse_amount

NORMALISE = str.maketrans("０１２３４５６７８９．％", "0123456789.%")
_WIDE = re.compile("[０-９．％]")  # what NORMALISE changes: searched for before translating (most text has none)
# a full-width comma between digits that is a thousands separator: １，２３４
WIDE_THOUSANDS = re.compile(r"(?<=\d)，(?=\d{3}(?!\d))")
NUM = r"(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?"  # 13,901.07 / 13901.07 / 0
NOT_IN_NUMBER = r"(?<![\d.])(?<!\d,)"  # not the tail of a longer number
VERB = r"增加|减少|增长|下降|上升|降低"
# the word before a rate that follows an amount: a verb, or a noun naming the rate (减少A万元，降幅B%)
RATE_WORD = rf"{VERB}|增幅|涨幅|增长率|降幅|下降率|降低率"
DIRECTIONS: dict[str, Literal[-1, 1]] = {
    "增加": 1,
    "增长": 1,
    "上升": 1,
    "减少": -1,
    "下降": -1,
    "降低": -1,
    "增幅": 1,
    "涨幅": 1,
    "增长率": 1,
    "降幅": -1,
    "下降率": -1,
    "降低率": -1,
}

# 第三部分 2024年度单位预算情况说明 / 第二部分 部门决算情况说明 / …编制说明: the narrative opens
NARRATIVE_START = re.compile(r"^第[二三]部分.*情况说明|编制说明")
# 第四部分 名词解释: the next part closes the narrative
PART_HEADING = re.compile(r"^第[一二三四五六七八九十]+部分")
# 整体支出绩效目标申报表 / 项目支出绩效目标表 / 项目支出绩效自评表: the performance tables follow
PERFORMANCE_TITLE = re.compile(r"绩效(?:目标|自评)(?:申报)?表$")
# 二、收入预算情况说明: a section heading
SECTION_HEADING = re.compile(r"^[一二三四五六七八九十]{1,3}、")
# （一）… / (二)… / 1、整体绩效目标 / 2.…: a subsection heading
SUBSECTION_HEADING = re.compile(r"^(?:[（(][一二三四五六七八九十]{1,3}[)）]|\d{1,2}[、.．](?!\d))")
HEADING_MAX = 40  # a heading is short, has no 。 and states no amount
# a paragraph ends mid-sentence (joins the next): after punctuation that cannot end a sentence
RUNS_ON = re.compile(r"[，,；;：:、]$")

# sentence end: 。 (unless followed by ；, see module doc), ！, ？
SENTENCE_END = re.compile(r"。(?![；;])|[！？!?]")
# clause end: ； or a sentence end
CLAUSE_END = re.compile(r"[；;]|。(?![；;])|[！？!?]")
# phrase boundary: ，、：；。 and an ASCII comma that is not a thousands separator
PHRASE_BOUNDARY = re.compile(r"[，、：:；;。！？!?]|(?<!\d),|,(?!\d)")

# an amount of money: number + 元/万元/亿元
AMOUNT = re.compile(rf"{NOT_IN_NUMBER}(?P<num>{NUM})\s*(?P<unit>万元|亿元|元)")
# a threshold, not an amount: 单价100万元（含）以上 / ≤300万元
THRESHOLD_AFTER = re.compile(r"\s*(?:[（(]含[)）])?\s*(?:以上|以下|以内)")
THRESHOLD_BEFORE = re.compile(r"(?:[≥≤<>]|不超过|不低于|不少于|超过|低于)\s*$")
# a share: 占55.40% / 占比X% / 比重X% / 占本年支出合计的75.65% / 占…的比重为X%
SHARE = re.compile(
    rf"(?:占比|比重|占)(?:(?P<whole>[^，,；;。：:%\d]{{1,40}}?)(?:的比重|的比例|的))?"
    rf"(?:为|是|达)?\s*(?P<num>{NUM})\s*%"
)
# a change against a stated base: 比上年(预算)增加A万元，增长B% / 与上年预算数相同 /
# 与上年相比，增加… / 比2023年预算减少… / 与2023年比略有减少
CHANGE = re.compile(
    rf"(?:比|较|与)(?P<base>上年|上一年度?|去年|(?P<year>20\d{{2}})年度?)(?P<basis>预算执行数|执行数|预算数?|决算数?|同期)?"
    rf"(?:相比|比)?[，,]?\s*(?P<basis2>预算数?|决算数?)?\s*"
    rf"(?:(?P<same>基本持平|持平|相同|一致)"
    rf"|(?:略有|有所)?(?P<verb>{VERB})了?\s*"
    rf"(?:(?P<amount>{NUM})\s*(?P<unit>万元|亿元|元)"
    rf"(?:[，,]\s*(?P<verb2>{RATE_WORD})(?:为|达|是)?了?\s*(?P<rate2>{NUM})\s*%)?"
    rf"|(?P<rate>{NUM})\s*%"
    rf"|(?!\s*\d)))"
)
# a change with no base in the text: 公务接待费增加0.5万元 / 增加预算0.5万元
BARE_CHANGE = re.compile(
    rf"(?P<verb>{VERB})了?(?:预算)?\s*(?P<amount>{NUM})\s*(?P<unit>万元|亿元|元)"
    rf"(?:[，,]\s*(?P<verb2>{RATE_WORD})(?:为|达|是)?了?\s*(?P<rate2>{NUM})\s*%)?"
)
# a change from a stated amount to another: 由600.00万元增加到700.00万元，增长16.67% / 从…下降至…，降幅…
FROM_TO = re.compile(
    rf"(?:由|从)\s*(?P<base>{NUM})\s*(?P<base_unit>万元|亿元|元)\s*(?P<verb>{VERB})(?:到|至|为)\s*"
    rf"(?P<current>{NUM})\s*(?P<unit>万元|亿元|元)"
    rf"(?:[，,]\s*(?:{VERB})了?\s*(?P<amount>{NUM})\s*(?P<amount_unit>万元|亿元|元))?"
    rf"(?:[，,]\s*(?P<verb2>{RATE_WORD})(?:为|达|是)?了?\s*(?P<rate2>{NUM})\s*%)?"
)
# a change verb right before a position (a count after it is a difference, not a count)
VERB_BEFORE = re.compile(rf"(?:{VERB})了?\s*$")
# a count: 19个 / 29辆 / 11台（套） / 0批次 / 1人次 / 9998人 (not 12个月, not 第3条)
COUNT = re.compile(
    rf"{NOT_IN_NUMBER}(?<!第)(?P<num>\d{{1,3}}(?:,\d{{3}})+|\d+)(?!\.\d)\s*"
    r"(?P<cls>个(?!月|百分点)|家|辆|台[（(]套[)）]|台|套|人次|批次|人|项(?!目)|所|条)"
)
# measure words that count the same things: a list's parts are counted like its total
COUNT_FAMILIES = {"家": "个", "所": "个", "套": "台", "台（套）": "台", "台(套)": "台"}


def count_family(count) -> str:
    return COUNT_FAMILIES.get(count.classifier, count.classifier)


# 教育支出(类)职业教育(款)中等职业教育(项), optionally after a code: 205教育支出(类). A name has at
# most CLASS_NAME_MAX characters: unbounded, every start in a long run of Chinese characters
# would scan to the run's end (quadratic time on a paragraph without punctuation)
CLASS_NAME_MAX = 40
CLASS_CHAIN = re.compile(
    r"(?:(?<![\d.,])(?P<code>[123]\d{2}(?:\d{2}){0,2}))?"
    rf"(?P<chain>(?:[\u4e00-\u9fff“”]{{1,{CLASS_NAME_MAX}}}?[（(](?:类|款|项)[)）])+)"
)
# what every chain holds: a passage without one is not searched for chains (CLASS_CHAIN tries up to
# CLASS_NAME_MAX characters at every Chinese character)
CLASS_MARK = re.compile(r"[（(](?:类|款|项)[)）]")
CLASS_LEVEL = re.compile(rf"(?P<name>[\u4e00-\u9fff“”]{{1,{CLASS_NAME_MAX}}}?)[（(](?P<level>类|款|项)[)）]")
# 205教育支出 / 2050305高等职业教育: a 3/5/7-digit code glued to a name (not 100万元, 666人)
CODE_NAME = re.compile(
    r"(?<![\d.,])(?P<code>[123]\d{2}(?:\d{2}){0,2})(?![\d.,%])"
    r"(?![年月日个人万元亿辆台套家批项次号所条度期])"
    r"(?P<name>[\u4e00-\u9fff]{2,30}?)(?=[\d，,、；;。：:\s（(]|$)"
)
# 2024年 / 2024年度 / 2023年预算(数) / 2024年度部门决算
YEAR = re.compile(r"(?<!\d)(?P<year>20\d{2})\s*年(?:度)?(?P<basis>(?:部门|单位)?(?:预算|决算)数?)?")
YEAR_BASE_BEFORE = re.compile(r"(?:比|较)\s*$")  # 比2023年…: a base year
YEAR_WITH_BEFORE = re.compile(r"与\s*$")  # 与2023年… is a base only with 相比/相同… after it
YEAR_WITH_AFTER = re.compile(r"(?:预算数?|决算数?)?(?:相比|比|相同|一致|持平)")  # 与2023年(预算数)相同
YEAR_COMPARED_AFTER = re.compile(r"(?:预算数?|决算数?)?相比")  # (于)2023年相比 (not 2024年比…)
YEAR_DATE_AFTER = re.compile(r"\d{1,2}\s*月")  # 2024年12月31日
# a list of parts begins: 其中 / 主要包括 / 包括 / 主要用于以下方面 / 主要用于
INTRODUCER = re.compile(r"其中|主要包括|主要用于以下方面|主要用于|包括")
# a reason begins; it runs to the end of its clause
REASON = re.compile(r"主要原因|原因(?:是|为)")
# a numbered item of a reason: 2. 学院… / 2、…
REASON_ITEM = re.compile(r"\s*\d{1,2}\s*[、.．](?!\d)")
# a subject that is only a measure (决算数) and one that ends with a measure (全年预算数)
BARE_MEASURE = re.compile(r"^(?:全年|年初)?(?:预算|决算|执行)数$")
ENDS_MEASURE = re.compile(r"(?:预算|决算|执行)数$")
# 及 joining two things (购置及运行费), not the verb 涉及
AND = re.compile(r"(?<!涉)及")


def normalise(text: str) -> str:
    """ASCII digits, ．, ％ and thousands commas; the same length, so offsets carry over. A text
    is translated only when it holds a full-width character to change: translating looks up every
    character, the search is one pass in C."""
    if _WIDE.search(text) is not None:
        text = text.translate(NORMALISE)
    return WIDE_THOUSANDS.sub(",", text)


def decimal_and_places(text: str) -> tuple[Decimal, int] | None:
    """The number the patterns matched; None when it has more digits than an amount can
    (numbers.MAX_AMOUNT_DIGITS): no claim is read from it."""
    parsed = parse_amount(text)
    return (parsed.value, parsed.decimals) if parsed is not None else None


def basis_of(text: str | None) -> str | None:
    if not text:
        return None
    if "执行" in text:  # 预算执行数: the year's execution so far, neither its budget nor its final account
        return "执行"
    return "预算" if "预算" in text else "决算" if "决算" in text else None
