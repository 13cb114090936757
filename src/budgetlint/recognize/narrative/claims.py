"""Narrative claims: what the 情况说明 states in words, as typed, located claims.

A claim is one statement found in the narrative text: an amount (预算收入总计13,901.07万元), a
share (占55.40%), a change against another year (比上年增加2246.20万元，增长19.27%), a count
(二级项目19个), a total with its listed parts (总额216.17万元。其中：货物45.92万元、…), a
budget-class name (教育支出(类)职业教育(款)…) or a year (2023年预算).

Nothing here looks at tables: claims are never bound to table values (that is the binder's job,
design.md §2). Where the text does not say something in the same clause -- the subject of an
amount, the amount a share belongs to -- the field is None rather than a guess.

Offsets: every claim has a Span inside the paragraph at its Location (paragraph text as ingest
produced it). A claim may run on into the next paragraph when the printed text broke there
("…283.20万" / "元、…"); then span.end exceeds that paragraph's length and `end_line` names
the line it ends on.

The extraction works on *passages*: a paragraph, joined with the next one when it ends in the
middle of a sentence (with 万 before 元, or with ，；：、). Inside a passage it splits sentences
(。！？), clauses (；, and 。 followed by ；, a template artefact: "…增加。；本年…") and phrases
(，、：) and binds claims by position.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Annotated, Literal, Union

from pydantic import BaseModel, ConfigDict, Field

from budgetlint.model.document import Paragraph, RawTable, SourceDocument
from budgetlint.model.location import Location
from budgetlint.numbers import parse_amount

# ---------------------------------------------------------------------------------------------
# Models
# ---------------------------------------------------------------------------------------------

Unit = Literal["元", "万元", "亿元"]
Direction = Literal[-1, 0, 1]


class Span(BaseModel):
    """Where a claim's text stands: offsets inside the paragraph at the claim's location."""

    model_config = ConfigDict(frozen=True)

    start: int
    end: int  # may exceed the paragraph when the claim runs on into the next one (see end_line)
    text: str  # the matched text as printed


class _ClaimBase(BaseModel):
    model_config = ConfigDict(frozen=True)

    span: Span
    location: Location  # the paragraph's location; line = the paragraph's line
    end_line: int | None = None  # line the matched text ends on, when it is not location.line
    section: str | None = None  # e.g. 二、收入预算情况说明
    subsection: str | None = None  # e.g. （一）一般公共预算当年支出规模变化情况
    sentence: str  # the sentence (to 。) the claim was found in
    clause: str  # the clause (to ；) the claim was found in


class ClassNameClaim(_ClaimBase):
    """教育支出(类)职业教育(款)中等职业教育(项) or 205教育支出: a budget class named in the text."""

    kind: Literal["class_name"] = "class_name"
    code: str | None = None
    names: tuple[str, ...]
    levels: tuple[Literal["类", "款", "项"] | None, ...]  # per name; None when only a code says


class AmountClaim(_ClaimBase):
    """An amount of money stated with its unit: 一般公共预算拨款收入7,700.83万元."""

    kind: Literal["amount"] = "amount"
    subject: str | None  # the noun phrase right before the number in the same phrase
    value: Decimal
    decimals: int
    unit: Unit
    in_reason: bool = False  # stated inside a 主要原因… explanation
    class_name: ClassNameClaim | None = None  # a class named earlier in the same clause


class ShareClaim(_ClaimBase):
    """占55.40% / 占比… / 比重… / 占本年支出合计的75.65%."""

    kind: Literal["share"] = "share"
    percent: Decimal
    decimals: int
    whole: str | None = None  # 本年支出合计 in 占本年支出合计的75.65%
    amount: AmountClaim | None  # the amount just before it in the same clause
    subject: str | None


class ChangeClaim(_ClaimBase):
    """比上年增加A万元，增长B% / 与上年预算数相同 / 比2023年预算减少… / 增加0.5万元 (no base)."""

    kind: Literal["change"] = "change"
    direction: Direction
    amount: Decimal | None = None
    amount_decimals: int | None = None
    unit: Unit | None = None
    rate: Decimal | None = None  # percent
    rate_decimals: int | None = None
    rate_direction: Direction | None = None  # the word before the rate (增长/下降)
    base: str | None = None  # 上年 / 2023年 as printed; None when the text names no base
    base_year: int | None = None
    base_basis: Literal["预算", "决算"] | None = None
    subject: str | None = None
    current: AmountClaim | None = None  # the amount the change is stated for
    # how `current` was found: the nearest amount of the clause/sentence, the total of a
    # 其中 list the change follows, or the last amount of the previous sentence when the
    # sentence opens with the comparison (与上年相比，增加…)
    refers_to: Literal["same_clause", "same_sentence", "parts_total", "previous_sentence"] | None = None


class CountClaim(_ClaimBase):
    """二级项目19个 (and, for a total followed by 其中, its parts: 14个, 5个)."""

    kind: Literal["count"] = "count"
    value: int
    classifier: str  # 个, 辆, 人, …
    subject: str | None
    in_reason: bool = False
    parts: tuple[CountClaim, ...] = ()


class PartsClaim(_ClaimBase):
    """A total and the parts listed after 其中/主要包括/主要用于: 总额216.17万元。其中：a、b、c."""

    kind: Literal["parts"] = "parts"
    introducer: str  # 其中, 主要包括, …
    total: AmountClaim
    parts: tuple[AmountClaim, ...]
    subject: str | None
    # a part names two things (公务用车购置及运行费) and another part repeats one of them:
    # the list is probably hierarchical, so Σ parts = total may not hold as printed
    overlap_suspected: bool = False


class YearMention(_ClaimBase):
    """Every 20XX年 with what it qualifies."""

    kind: Literal["year"] = "year"
    year: int
    basis: Literal["预算", "决算"] | None = None  # 2023年预算数, 2024年度部门决算
    comparison: bool = False  # 比2023年…, 与2023年…相比
    is_date: bool = False  # 2024年12月31日


Claim = Annotated[Union[AmountClaim, ShareClaim, ChangeClaim, CountClaim, PartsClaim, ClassNameClaim,
                        YearMention], Field(discriminator="kind")]

CLAIM_KINDS = ("amount", "share", "change", "count", "parts", "class_name", "year")


class ExtractionStats(BaseModel):
    """How much the extraction found: claims per kind and what it read."""

    model_config = ConfigDict(frozen=True)

    narrative_found: bool  # a 情况说明/编制说明 heading was found (else every paragraph was read)
    paragraphs: int
    passages: int
    amount: int = 0
    share: int = 0
    change: int = 0
    count: int = 0
    parts: int = 0
    class_name: int = 0
    year: int = 0

    @property
    def total(self) -> int:
        return sum(getattr(self, k) for k in CLAIM_KINDS)

    def by_kind(self) -> dict[str, int]:
        return {k: getattr(self, k) for k in CLAIM_KINDS}


class NarrativeClaims(BaseModel):
    model_config = ConfigDict(frozen=True)

    claims: tuple[Claim, ...]
    stats: ExtractionStats


# ---------------------------------------------------------------------------------------------
# Patterns (run on the passage text with full-width digits, ．, ％ and thousands commas made
# ASCII; the same length, so offsets are those of the printed text)
# ---------------------------------------------------------------------------------------------

_NORMALISE = str.maketrans("０１２３４５６７８９．％", "0123456789.%")
# a full-width comma between digits that is a thousands separator: １，２３４
_WIDE_THOUSANDS = re.compile(r"(?<=\d)，(?=\d{3}(?!\d))")
_NUM = r"(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?"  # 13,901.07 / 13901.07 / 0
_NOT_IN_NUMBER = r"(?<![\d.])(?<!\d,)"  # not the tail of a longer number
_VERB = r"增加|减少|增长|下降|上升|降低"
_DIRECTIONS = {"增加": 1, "增长": 1, "上升": 1, "减少": -1, "下降": -1, "降低": -1}

# 第三部分 2024年度单位预算情况说明 / 第二部分 部门决算情况说明 / …编制说明: the narrative opens
_NARRATIVE_START = re.compile(r"^第[二三]部分.*情况说明|编制说明")
# 第四部分 名词解释: the next part closes the narrative
_PART_HEADING = re.compile(r"^第[一二三四五六七八九十]+部分")
# 整体支出绩效目标申报表 / 项目支出绩效目标表 / 项目支出绩效自评表: the performance tables follow
_PERFORMANCE_TITLE = re.compile(r"绩效(?:目标|自评)(?:申报)?表$")
# 二、收入预算情况说明: a section heading
_SECTION_HEADING = re.compile(r"^[一二三四五六七八九十]{1,3}、")
# （一）… / (二)… / 1、整体绩效目标 / 2.…: a subsection heading
_SUBSECTION_HEADING = re.compile(r"^(?:[（(][一二三四五六七八九十]{1,3}[)）]|\d{1,2}[、.．](?!\d))")
HEADING_MAX = 40  # a heading is short, has no 。 and states no amount
# a paragraph ends mid-sentence (joins the next): after punctuation that cannot end a sentence
_RUNS_ON = re.compile(r"[，,；;：:、]$")

# sentence end: 。 (unless followed by ；, see module doc), ！, ？
_SENTENCE_END = re.compile(r"。(?![；;])|[！？!?]")
# clause end: ； or a sentence end
_CLAUSE_END = re.compile(r"[；;]|。(?![；;])|[！？!?]")
# phrase boundary: ，、：；。 and an ASCII comma that is not a thousands separator
_PHRASE_BOUNDARY = re.compile(r"[，、：:；;。！？!?]|(?<!\d),|,(?!\d)")

# an amount of money: number + 元/万元/亿元
_AMOUNT = re.compile(rf"{_NOT_IN_NUMBER}(?P<num>{_NUM})\s*(?P<unit>万元|亿元|元)")
# a threshold, not an amount: 单价100万元（含）以上 / ≤300万元
_THRESHOLD_AFTER = re.compile(r"\s*(?:[（(]含[)）])?\s*(?:以上|以下|以内)")
_THRESHOLD_BEFORE = re.compile(r"(?:[≥≤<>]|不超过|不低于|不少于|超过|低于)\s*$")
# a share: 占55.40% / 占比X% / 比重X% / 占本年支出合计的75.65% / 占…的比重为X%
_SHARE = re.compile(rf"(?:占比|比重|占)(?:(?P<whole>[^，,；;。：:%\d]{{1,40}}?)(?:的比重|的比例|的))?"
                    rf"(?:为|是|达)?\s*(?P<num>{_NUM})\s*%")
# a change against a stated base: 比上年(预算)增加A万元，增长B% / 与上年预算数相同 /
# 与上年相比，增加… / 比2023年预算减少… / 与2023年比略有减少
_CHANGE = re.compile(
    rf"(?:比|较|与)(?P<base>上年|上一年度?|去年|(?P<year>20\d{{2}})年度?)(?P<basis>预算数?|决算数?|同期)?"
    rf"(?:相比|比)?[，,]?\s*(?P<basis2>预算数?|决算数?)?\s*"
    rf"(?:(?P<same>基本持平|持平|相同|一致)"
    rf"|(?:略有|有所)?(?P<verb>{_VERB})了?\s*"
    rf"(?:(?P<amount>{_NUM})\s*(?P<unit>万元|亿元|元)"
    rf"(?:[，,]\s*(?P<verb2>{_VERB})了?\s*(?P<rate2>{_NUM})\s*%)?"
    rf"|(?P<rate>{_NUM})\s*%"
    rf"|(?!\s*\d)))")
# a change with no base in the text: 公务接待费增加0.5万元 / 增加预算0.5万元
_BARE_CHANGE = re.compile(rf"(?P<verb>{_VERB})了?(?:预算)?\s*(?P<amount>{_NUM})\s*(?P<unit>万元|亿元|元)"
                          rf"(?:[，,]\s*(?P<verb2>{_VERB})了?\s*(?P<rate2>{_NUM})\s*%)?")
# a change verb right before a position (a count after it is a difference, not a count)
_VERB_BEFORE = re.compile(rf"(?:{_VERB})了?\s*$")
# a count: 19个 / 29辆 / 11台（套） / 0批次 / 1人次 / 9998人 (not 12个月, not 第3条)
_COUNT = re.compile(rf"{_NOT_IN_NUMBER}(?<!第)(?P<num>\d{{1,3}}(?:,\d{{3}})+|\d+)(?!\.\d)\s*"
                    r"(?P<cls>个(?!月|百分点)|家|辆|台[（(]套[)）]|台|套|人次|批次|人|项(?!目)|所|条)")
# measure words that count the same things: a list's parts are counted like its total
_COUNT_FAMILIES = {"家": "个", "所": "个", "套": "台", "台（套）": "台", "台(套)": "台"}


def _count_family(count) -> str:
    return _COUNT_FAMILIES.get(count.classifier, count.classifier)


# 教育支出(类)职业教育(款)中等职业教育(项), optionally after a code: 205教育支出(类)
_CLASS_CHAIN = re.compile(r"(?:(?<![\d.,])(?P<code>[123]\d{2}(?:\d{2}){0,2}))?"
                          r"(?P<chain>(?:[\u4e00-\u9fff“”]+?[（(](?:类|款|项)[)）])+)")
_CLASS_LEVEL = re.compile(r"(?P<name>[\u4e00-\u9fff“”]+?)[（(](?P<level>类|款|项)[)）]")
# 205教育支出 / 2050305高等职业教育: a 3/5/7-digit code glued to a name (not 100万元, 666人)
_CODE_NAME = re.compile(r"(?<![\d.,])(?P<code>[123]\d{2}(?:\d{2}){0,2})(?![\d.,%])"
                        r"(?![年月日个人万元亿辆台套家批项次号所条度期])"
                        r"(?P<name>[\u4e00-\u9fff]{2,30}?)(?=[\d，,、；;。：:\s（(]|$)")
# 2024年 / 2024年度 / 2023年预算(数) / 2024年度部门决算
_YEAR = re.compile(r"(?<!\d)(?P<year>20\d{2})\s*年(?:度)?(?P<basis>(?:部门|单位)?(?:预算|决算)数?)?")
_YEAR_BASE_BEFORE = re.compile(r"(?:比|较)\s*$")  # 比2023年…: a base year
_YEAR_WITH_BEFORE = re.compile(r"与\s*$")  # 与2023年… is a base only with 相比/相同… after it
_YEAR_WITH_AFTER = re.compile(r"(?:预算数?|决算数?)?(?:相比|比|相同|一致|持平)")  # 与2023年(预算数)相同
_YEAR_COMPARED_AFTER = re.compile(r"(?:预算数?|决算数?)?相比")  # (于)2023年相比 (not 2024年比…)
_YEAR_DATE_AFTER = re.compile(r"\d{1,2}\s*月")  # 2024年12月31日
# a list of parts begins: 其中 / 主要包括 / 包括 / 主要用于以下方面 / 主要用于
_INTRODUCER = re.compile(r"其中|主要包括|主要用于以下方面|主要用于|包括")
# a reason begins; it runs to the end of its clause
_REASON = re.compile(r"主要原因|原因(?:是|为)")
# a numbered item of a reason: 2. 学院… / 2、…
_REASON_ITEM = re.compile(r"\s*\d{1,2}\s*[、.．](?!\d)")

# subject clean-up, in order
_LEAD_ENUM = re.compile(r"^\s*(?:\d{1,2}\s*[、.．](?!\d)|[（(][一二三四五六七八九十\d]{1,3}[)）]|"
                        r"[一二三四五六七八九十]{1,3}、)\s*")  # 1、 / 1. / （一） / 二、
# everything up to the last quantity in the phrase: 2024年度…, 1家…, 9998人…
_LEAD_QUANTITY = re.compile(r"^.*\d\s*(?:年度?|月|日|个|家|辆|台|套|人次|批次|人|项|所|条|万元|亿元|元|%)")
# lead-in words that are not part of the subject
_LEAD_WORDS = re.compile(r"^(?:其中|主要包括|包括|主要用于以下方面|主要用于|支出包括|主要原因是|主要原因为|"
                         r"原因是|原因为|主要是|另外|此外|同时|具体为|分别是|分别为|"
                         r"(?:[（(]含[)）])?(?:以上|以下|以内))[:：]?\s*")
# the unit's own name after a leading year: 2024年度|忻州职业技术学院|预算收入总计
_LEAD_ORG = re.compile(r"^.{0,30}?(?:学院|学校|大学|委员会|局|中心|医院|办公室|研究院|研究所)"
                       r"(?:[（(][^（）()]{0,10}[)）])?")
_TRAIL_WORDS = re.compile(r"(?:为|是|达到|达|约)$")
# a subject that is only a measure (决算数) and one that ends with a measure (全年预算数)
_BARE_MEASURE = re.compile(r"^(?:全年|年初)?(?:预算|决算|执行)数$")
_ENDS_MEASURE = re.compile(r"(?:预算|决算|执行)数$")
# 及 joining two things (购置及运行费), not the verb 涉及
_AND = re.compile(r"(?<!涉)及")
_HAS_CJK = re.compile(r"[\u4e00-\u9fff]")
_SUBJECT_MAX = 40  # a longer "subject" is a clause, not a noun phrase


# ---------------------------------------------------------------------------------------------
# Public API
# ---------------------------------------------------------------------------------------------

def extract_claims(source: SourceDocument) -> list[Claim]:
    """The claims of the document's narrative (情况说明), in reading order."""
    return list(extract_narrative(source).claims)


def extract_narrative(source: SourceDocument) -> NarrativeClaims:
    """The claims of the document's narrative and how many of each kind were found."""
    paragraphs, found = narrative_paragraphs(source)
    passages = _passages(paragraphs)
    reader = _Reader()
    for passage in passages:
        reader.read(passage)
    claims = reader.freeze()
    stats = ExtractionStats(narrative_found=found, paragraphs=len(paragraphs), passages=len(passages),
                            **_count_kinds(claims))
    return NarrativeClaims(claims=tuple(claims), stats=stats)


SPLIT_HEADING_TAIL = 6  # the second line of a part heading printed over two: 情况说明


def narrative_paragraphs(source: SourceDocument) -> tuple[list[Paragraph], bool]:
    """Paragraphs of the 情况说明 part(s), and whether such a part was found.

    A part opens at a heading 第二/三部分…情况说明 or …编制说明 (also printed over two lines:
    第三部分…2024年度部门决算 / 情况说明) and closes at the next 第X部分 heading or a performance
    table title. Without such a heading every paragraph is read.
    """
    selected: list[Paragraph] = []
    found = inside = False
    blocks = source.blocks
    for k, block in enumerate(blocks):
        if isinstance(block, RawTable):
            if inside and _is_performance_table(block):
                inside = False
            continue
        text = block.text.strip()
        after = blocks[k + 1] if k + 1 < len(blocks) else None
        if _is_narrative_start(text) or (
                _PART_HEADING.match(text) and isinstance(after, Paragraph)
                and len(after.text.strip()) <= SPLIT_HEADING_TAIL and _is_narrative_start(text + after.text.strip())):
            found = inside = True
        elif inside and _is_heading_like(text) and (_PART_HEADING.match(text) or _PERFORMANCE_TITLE.search(text)):
            inside = False
        if inside:
            selected.append(block)
    if not found:
        selected = [b for b in source.blocks if isinstance(b, Paragraph)]
    return selected, found


# ---------------------------------------------------------------------------------------------
# Sections and passages
# ---------------------------------------------------------------------------------------------

def _normalise(text: str) -> str:
    """ASCII digits, ．, ％ and thousands commas; the same length, so offsets carry over."""
    return _WIDE_THOUSANDS.sub(",", text.translate(_NORMALISE))


def _is_heading_like(text: str) -> bool:
    return 0 < len(text) <= HEADING_MAX and "。" not in text and not _AMOUNT.search(_normalise(text))


def _is_narrative_start(text: str) -> bool:
    return _is_heading_like(text) and bool(_NARRATIVE_START.search(text))


def _is_performance_table(table: RawTable) -> bool:
    first = table.rows[0].cells if table.rows else ()
    return any(_PERFORMANCE_TITLE.search(c.strip()) for c in first[:2] if c)


def _heading_level(text: str) -> int:
    """1 for 二、…, 2 for （一）… / 1、…, 0 for body text."""
    if not _is_heading_like(text) or _RUNS_ON.search(text):
        return 0
    if _SECTION_HEADING.match(text):
        return 1
    if _SUBSECTION_HEADING.match(text):
        return 2
    return 0


@dataclass(eq=False)
class _Passage:
    """Paragraphs read as one text (a sentence broken over paragraphs), with their offsets."""

    text: str
    paragraphs: list[Paragraph]
    offsets: list[int]  # start of each paragraph in text
    section: str | None
    subsection: str | None
    starts_section: bool  # a heading precedes it directly: no sentence carries over into it
    norm: str = ""

    def __post_init__(self) -> None:
        self.norm = _normalise(self.text)

    def place(self, start: int, end: int) -> tuple[Location, Span, int | None]:
        i = bisect_right(self.offsets, start) - 1
        j = bisect_right(self.offsets, max(end - 1, start)) - 1
        base = self.offsets[i]
        span = Span(start=start - base, end=end - base, text=self.text[start:end])
        end_line = self.paragraphs[j].location.line if j != i else None
        return self.paragraphs[i].location, span, end_line


def _joins_next(text: str, following: str) -> bool:
    """A paragraph runs on into the next one: 283.20万 + 元…, or it stops at ，；：、."""
    if text.endswith("万") and following.startswith("元"):
        return True
    return bool(_RUNS_ON.search(text)) and _heading_level(following) == 0


def _passages(paragraphs: list[Paragraph]) -> list[_Passage]:
    passages: list[_Passage] = []
    section = subsection = None
    after_heading = True
    i = 0
    while i < len(paragraphs):
        text = paragraphs[i].text.strip()
        level = _heading_level(text)
        if level == 1:
            section, subsection = text, None
        elif _is_narrative_start(text):
            section = subsection = None
        elif level == 2:
            subsection = text
        group = [paragraphs[i]]
        while i + 1 < len(paragraphs) and _joins_next(group[-1].text.strip(), paragraphs[i + 1].text.strip()):
            i += 1
            group.append(paragraphs[i])
        offsets, parts, pos = [], [], 0
        for p in group:
            offsets.append(pos)
            parts.append(p.text)
            pos += len(p.text)
        passages.append(_Passage("".join(parts), group, offsets, section, subsection,
                                 starts_section=after_heading))
        after_heading = level > 0
        i += 1
    return passages


class _Segments:
    """Sentence, clause and phrase boundaries of a passage, for position look-ups."""

    def __init__(self, norm: str) -> None:
        n = len(norm)
        self.sentence_ends = self._ends(_SENTENCE_END, norm, n)
        self.clause_ends = self._ends(_CLAUSE_END, norm, n)
        bounds = list(_PHRASE_BOUNDARY.finditer(norm))
        self.phrase_bound_starts = [m.start() for m in bounds]
        self.phrase_bound_ends = [m.end() for m in bounds]

    @staticmethod
    def _ends(pattern: re.Pattern, norm: str, n: int) -> list[int]:
        ends = [m.end() for m in pattern.finditer(norm)]
        if not ends or ends[-1] != n:
            ends.append(n)
        return ends

    def sentence_of(self, pos: int) -> int:
        return min(bisect_right(self.sentence_ends, pos), len(self.sentence_ends) - 1)

    def clause_of(self, pos: int) -> int:
        return min(bisect_right(self.clause_ends, pos), len(self.clause_ends) - 1)

    def sentence_span(self, index: int) -> tuple[int, int]:
        return (self.sentence_ends[index - 1] if index else 0), self.sentence_ends[index]

    def clause_span(self, index: int) -> tuple[int, int]:
        return (self.clause_ends[index - 1] if index else 0), self.clause_ends[index]

    def phrase_start(self, pos: int) -> int:
        """Start of the phrase holding pos: just after the last boundary ending at or before pos."""
        k = bisect_right(self.phrase_bound_ends, pos) - 1
        return self.phrase_bound_ends[k] if k >= 0 else 0


# ---------------------------------------------------------------------------------------------
# Subjects
# ---------------------------------------------------------------------------------------------

def clean_subject(raw: str) -> str | None:
    """The noun phrase in the text before a number: drop numbering, years, the unit's name, lead-ins.

    '2024年度忻州职业技术学院预算收入总计' -> '预算收入总计'; '其中基本支出' -> '基本支出';
    '1.教育支出(类)' -> '教育支出(类)'; '支出决算数为' -> '支出决算数'; '' -> None.
    """
    s = raw.strip()
    s = _LEAD_ENUM.sub("", s)
    cut = _LEAD_QUANTITY.match(_normalise(s))
    had_year = False
    if cut:
        had_year = "年" in cut.group(0)
        s = s[cut.end():].lstrip("度 ")
    while True:
        stripped = _LEAD_WORDS.sub("", s)
        if stripped == s:
            break
        s = stripped
    if had_year:
        org = _LEAD_ORG.match(s)
        if org and org.end() < len(s):
            s = s[org.end():]
    s = _TRAIL_WORDS.sub("", s).strip(" :：")
    if not s or not _HAS_CJK.search(s) or len(s) > _SUBJECT_MAX:
        return None
    return s


# ---------------------------------------------------------------------------------------------
# Drafts: mutable while a passage is read, frozen into claims at the end
# ---------------------------------------------------------------------------------------------

@dataclass(eq=False)
class _Draft:
    passage: _Passage
    start: int
    end: int
    sentence: int
    clause: int


@dataclass(eq=False)
class _ClassDraft(_Draft):
    code: str | None
    names: tuple[str, ...]
    levels: tuple[str | None, ...]


@dataclass(eq=False)
class _AmountDraft(_Draft):
    value: Decimal
    decimals: int
    unit: str
    subject: str | None
    in_reason: bool
    class_ref: _ClassDraft | None = None
    list_total: _AmountDraft | None = None  # set when the amount is a part of a 其中 list


@dataclass(eq=False)
class _ShareDraft(_Draft):
    percent: Decimal
    decimals: int
    whole: str | None
    amount: _AmountDraft | None
    subject: str | None


@dataclass(eq=False)
class _ChangeDraft(_Draft):
    anchored: bool
    direction: int
    fields: dict
    subject: str | None = None
    current: _AmountDraft | None = None
    refers_to: str | None = None


@dataclass(eq=False)
class _CountDraft(_Draft):
    value: int
    classifier: str
    subject: str | None
    in_reason: bool
    parts: list[_CountDraft] = field(default_factory=list)
    list_total: _CountDraft | None = None


@dataclass(eq=False)
class _PartsDraft(_Draft):
    introducer: str
    total: _AmountDraft
    parts: list[_AmountDraft]


@dataclass(eq=False)
class _YearDraft(_Draft):
    year: int
    basis: str | None
    comparison: bool
    is_date: bool


@dataclass
class _Memo:
    """The last sentence read, for a sentence that opens with 其中 / 与上年相比."""

    amount: _AmountDraft | None = None
    count: _CountDraft | None = None


def _decimal_and_places(text: str) -> tuple[Decimal, int] | None:
    """The number the patterns matched; None when it has more digits than an amount can
    (numbers.MAX_AMOUNT_DIGITS): no claim is read from it."""
    parsed = parse_amount(text)
    return (parsed.value, parsed.decimals) if parsed is not None else None


def _basis(text: str | None) -> str | None:
    if not text:
        return None
    return "预算" if "预算" in text else "决算" if "决算" in text else None


# ---------------------------------------------------------------------------------------------
# Reading a passage
# ---------------------------------------------------------------------------------------------

class _Reader:
    """Reads passages in order and keeps the drafts; `freeze` turns them into claims."""

    def __init__(self) -> None:
        self.drafts: list[_Draft] = []
        self.memo = _Memo()

    # -- one passage -------------------------------------------------------------------------

    def read(self, passage: _Passage) -> None:
        if passage.starts_section:
            self.memo = _Memo()
        seg = _segments_of(passage)
        norm = passage.norm
        classes = self._classes(passage, seg)
        changes = self._changes(passage, seg)
        deltas = {c.fields["amount_start"] for c in changes if c.fields.get("amount_start") is not None}
        reasons = self._reason_spans(norm, seg)
        amounts = self._amounts(passage, seg, deltas, reasons, classes)
        counts = self._counts(passage, seg, reasons)
        shares = self._shares(passage, seg, amounts)
        by_sentence = self._last_per_sentence(amounts, counts)
        lists = self._lists(passage, seg, amounts, counts, changes, by_sentence)
        self._bind_changes(passage, seg, changes, amounts, by_sentence)
        years = self._years(passage, seg)
        self.drafts.extend([*classes, *amounts, *shares, *changes, *counts, *lists, *years])
        last = len(seg.sentence_ends) - 1
        self.memo = _Memo(*self._previous(by_sentence, last + 1))

    def _previous(self, by_sentence: dict, sentence: int) -> tuple[_AmountDraft | None, _CountDraft | None]:
        """Last amount and count of the sentence before `sentence` (of the previous passage for 0)."""
        if sentence == 0:
            return self.memo.amount, self.memo.count
        return by_sentence.get(sentence - 1, (None, None))

    @staticmethod
    def _last_per_sentence(amounts, counts) -> dict[int, tuple]:
        """sentence -> (last amount, last count) stated outside a reason."""
        last: dict[int, list] = {}
        for a in amounts:
            if not a.in_reason:
                last.setdefault(a.sentence, [None, None])[0] = a
        for c in counts:
            if not c.in_reason:
                last.setdefault(c.sentence, [None, None])[1] = c
        return {k: (v[0], v[1]) for k, v in last.items()}

    @staticmethod
    def _reason_spans(norm: str, seg: _Segments) -> list[tuple[int, int]]:
        """主要原因… up to the end of its clause, and over the numbered clauses that continue it
        (主要原因是1. …；2. …；)."""
        spans = []
        for m in _REASON.finditer(norm):
            clause = seg.clause_of(m.start())
            end = seg.clause_span(clause)[1]
            last = len(seg.clause_ends) - 1
            while clause < last and seg.sentence_of(end) == seg.sentence_of(m.start()) and \
                    _REASON_ITEM.match(norm, end):
                clause += 1
                end = seg.clause_span(clause)[1]
            spans.append((m.start(), end))
        return spans

    @staticmethod
    def _draft_args(passage, seg, start, end) -> dict:
        return {"passage": passage, "start": start, "end": end, "sentence": seg.sentence_of(start),
                "clause": seg.clause_of(start)}

    def _subject_before(self, passage: _Passage, seg: _Segments, pos: int) -> str | None:
        return clean_subject(passage.text[seg.phrase_start(pos):pos])

    # -- class names -------------------------------------------------------------------------

    def _classes(self, passage, seg) -> list[_ClassDraft]:
        found: list[_ClassDraft] = []
        for m in _CLASS_CHAIN.finditer(passage.norm):
            names, levels = [], []
            for level in _CLASS_LEVEL.finditer(m.group("chain")):
                names.append(level.group("name"))
                levels.append(level.group("level"))
            first = _LEAD_WORDS.sub("", names[0]) or names[0]  # 主要用于教育支出(类) -> 教育支出
            lead, names[0] = len(names[0]) - len(first), first
            start = m.start("code") if m.group("code") else m.start("chain") + lead
            found.append(_ClassDraft(**self._draft_args(passage, seg, start, m.end()), code=m.group("code"),
                                     names=tuple(names), levels=tuple(levels)))
        taken = [(c.start, c.end) for c in found]
        for m in _CODE_NAME.finditer(passage.norm):
            if any(s < m.end() and m.start() < e for s, e in taken):
                continue
            found.append(_ClassDraft(**self._draft_args(passage, seg, m.start(), m.end()), code=m.group("code"),
                                     names=(m.group("name"),), levels=(None,)))
        found.sort(key=lambda c: c.start)
        return found

    # -- changes -----------------------------------------------------------------------------

    def _changes(self, passage, seg) -> list[_ChangeDraft]:
        norm = passage.norm
        found: list[_ChangeDraft] = []
        for m in _CHANGE.finditer(norm):
            fields = self._change_fields(m)
            fields.update(base=m.group("base"), base_year=int(m.group("year")) if m.group("year") else None,
                          base_basis=_basis(m.group("basis") or m.group("basis2")))
            direction = 0 if m.group("same") else _DIRECTIONS[m.group("verb")]
            found.append(_ChangeDraft(**self._draft_args(passage, seg, m.start(), m.end()), anchored=True,
                                      direction=direction, fields=fields))
        taken = [(c.start, c.end) for c in found]
        for m in _BARE_CHANGE.finditer(norm):
            if any(s < m.end() and m.start() < e for s, e in taken):
                continue
            found.append(_ChangeDraft(**self._draft_args(passage, seg, m.start(), m.end()), anchored=False,
                                      direction=_DIRECTIONS[m.group("verb")], fields=self._change_fields(m),
                                      subject=self._subject_before(passage, seg, m.start())))
        found.sort(key=lambda c: c.start)
        return found

    @staticmethod
    def _change_fields(m: re.Match) -> dict:
        fields: dict = {"amount_start": None}
        amount = _decimal_and_places(m.group("amount")) if m.group("amount") else None
        if amount is not None:
            fields.update(amount=amount[0], amount_decimals=amount[1], unit=m.group("unit"),
                          amount_start=m.start("amount"))
        groups = m.groupdict()
        rate = groups.get("rate2") or groups.get("rate")
        read = _decimal_and_places(rate) if rate else None
        if read is not None:
            value, places = read
            word = groups.get("verb2") if groups.get("rate2") else groups.get("verb")
            fields.update(rate=value, rate_decimals=places, rate_direction=_DIRECTIONS[word])
        return fields

    def _bind_changes(self, passage, seg, changes, amounts, by_sentence) -> None:
        """The amount each anchored change is stated for (see ChangeClaim.refers_to)."""
        for change in changes:
            if not change.anchored or change.refers_to == "parts_total":
                continue
            phrase_start = seg.phrase_start(change.start)
            in_phrase = [a for a in amounts if phrase_start <= a.start and a.end <= change.start]
            named = self._subject_before(passage, seg, change.start)
            sentence_start = seg.sentence_span(change.sentence)[0]
            if in_phrase:
                change.current, change.refers_to = in_phrase[-1], "same_clause"
            elif named:  # 收入支出总体与上年相比: its own subject, no amount
                change.subject = named
                continue
            elif not passage.norm[sentence_start:change.start].strip(" ，,；;：:"):
                change.current = self._previous(by_sentence, change.sentence)[0]
                change.refers_to = "previous_sentence" if change.current else None
            else:
                before = [a for a in amounts if sentence_start <= a.start and a.end <= change.start]
                if before:
                    change.current = before[-1]
                    change.refers_to = "same_clause" if before[-1].clause == change.clause else "same_sentence"
            change.subject = change.current.subject if change.current else None

    # -- amounts, counts, shares --------------------------------------------------------------

    def _amounts(self, passage, seg, deltas, reasons, classes) -> list[_AmountDraft]:
        norm = passage.norm
        found: list[_AmountDraft] = []
        for m in _AMOUNT.finditer(norm):
            start = m.start("num")
            threshold = (_THRESHOLD_AFTER.match(norm, m.end())
                         or _THRESHOLD_BEFORE.search(norm, max(0, start - 4), start))
            if start in deltas or threshold:
                continue  # a difference (stated by a ChangeClaim) or a threshold (100万元以上)
            read = _decimal_and_places(m.group("num"))
            if read is None:
                continue
            value, places = read
            args = self._draft_args(passage, seg, start, m.end())
            clause_start = seg.clause_span(args["clause"])[0]
            prior = [a for a in found if a.start >= clause_start]
            after = prior[-1].end if prior else clause_start
            class_ref = next((c for c in reversed(classes) if after <= c.start and c.end <= start), None)
            found.append(_AmountDraft(**args, value=value, decimals=places, unit=m.group("unit"),
                                      subject=self._subject_before(passage, seg, start),
                                      in_reason=any(s <= start < e for s, e in reasons), class_ref=class_ref))
        return found

    def _counts(self, passage, seg, reasons) -> list[_CountDraft]:
        norm = passage.norm
        found: list[_CountDraft] = []
        for m in _COUNT.finditer(norm):
            start = m.start("num")
            if _VERB_BEFORE.search(norm, max(0, start - 4), start):
                continue  # 增加23人: a difference
            if parse_amount(m.group("num")) is None:
                continue  # more digits than any count (numbers.MAX_AMOUNT_DIGITS)
            found.append(_CountDraft(**self._draft_args(passage, seg, start, m.end()),
                                     value=int(m.group("num").replace(",", "")), classifier=m.group("cls"),
                                     subject=self._subject_before(passage, seg, start),
                                     in_reason=any(s <= start < e for s, e in reasons)))
        return found

    def _shares(self, passage, seg, amounts) -> list[_ShareDraft]:
        found: list[_ShareDraft] = []
        for m in _SHARE.finditer(passage.norm):
            args = self._draft_args(passage, seg, m.start(), m.end())
            clause_start = seg.clause_span(args["clause"])[0]
            before = [a for a in amounts if clause_start <= a.start and a.end <= m.start()]
            amount = before[-1] if before else None
            read = _decimal_and_places(m.group("num"))
            if read is None:
                continue
            value, places = read
            whole = passage.text[m.start("whole"):m.end("whole")] if m.group("whole") else None
            found.append(_ShareDraft(**args, percent=value, decimals=places, whole=whole, amount=amount,
                                     subject=amount.subject if amount else None))
        return found

    # -- lists of parts ------------------------------------------------------------------------

    def _lists(self, passage, seg, amounts, counts, changes, by_sentence) -> list[_PartsDraft]:
        """其中/主要包括 … lists: a total and ≥ 2 parts (one part is a subset, not a sum)."""
        norm = passage.norm
        intros = list(_INTRODUCER.finditer(norm))
        found: list[_PartsDraft] = []
        for k, m in enumerate(intros):
            sentence = seg.sentence_of(m.start())
            end = seg.sentence_span(sentence)[1]
            later = [n.start() for n in intros[k + 1:] if n.group() == "其中" and n.start() < end]
            end = min([end, *later])
            first_item = self._first_item(norm, seg, m.end())
            if not any(first_item[0] <= q.start < first_item[1] for q in [*amounts, *counts]):
                continue  # 主要包括:离休费、…: names, not quantities
            total_amount, total_count = self._totals(passage, seg, m, amounts, counts, by_sentence)
            parts, end = self._amount_parts(amounts, changes, m.end(), end, total_amount)
            if total_amount and len(parts) >= 2 and not _measure_pairs(parts):
                for p in parts:
                    p.list_total = total_amount
                found.append(_PartsDraft(**self._draft_args(passage, seg, m.start(), parts[-1].end),
                                         introducer=m.group(), total=total_amount, parts=parts))
            count_parts = []
            for c in counts:
                if m.end() <= c.start < end and not c.in_reason:
                    if total_count and _count_family(c) != _count_family(total_count):
                        break  # 车辆…0辆；…设备1台（套）: the list of vehicles ended
                    count_parts.append(c)
            if total_count and len(count_parts) >= 2 and not total_count.parts:
                total_count.parts = count_parts
                for c in count_parts:
                    c.list_total = total_count
        return found

    @staticmethod
    def _first_item(norm: str, seg: _Segments, pos: int) -> tuple[int, int]:
        start = pos
        while start < len(norm) and norm[start] in " :：":
            start += 1
        k = bisect_right(seg.phrase_bound_starts, start)
        end = seg.phrase_bound_starts[k] if k < len(seg.phrase_bound_starts) else len(norm)
        return start, end

    def _totals(self, passage, seg, m, amounts, counts, by_sentence):
        """The total a list belongs to: the last amount/count before the introducer in its clause.

        An introducer opening its clause takes the previous clause of the sentence; one opening
        the sentence takes the previous sentence, or that sentence's own list total (。其中：… 。其中：…).
        """
        clause = seg.clause_of(m.start())
        clause_start, _ = seg.clause_span(clause)
        scope_start = clause_start
        if not passage.norm[clause_start:m.start()].strip(" ，,；;：:。"):
            sentence = seg.sentence_of(m.start())
            if clause_start <= seg.sentence_span(sentence)[0]:
                amount, count = self._previous(by_sentence, sentence)
                return (amount.list_total or amount if amount else None,
                        count.list_total or count if count else None)
            scope_start = seg.clause_span(clause - 1)[0]
        amount = next((a for a in reversed(amounts)
                       if scope_start <= a.start < m.start() and not a.in_reason), None)
        count = next((c for c in reversed(counts)
                      if scope_start <= c.start < m.start() and not c.in_reason), None)
        return amount, count

    @staticmethod
    def _amount_parts(amounts, changes, start, end, total):
        """Amounts listed in [start, end); a change after ≥ 2 parts of one clause closes the list
        and is stated for the total (…上年结转300.24万元，比上年增加…)."""
        events = sorted([a for a in amounts if start <= a.start < end]
                        + [c for c in changes if c.anchored and start <= c.start < end], key=lambda d: d.start)
        parts: list[_AmountDraft] = []
        per_clause: dict[int, int] = {}
        for event in events:
            if isinstance(event, _ChangeDraft):
                if per_clause.get(event.clause, 0) >= 2:
                    if total is not None and len(parts) >= 2:
                        event.current, event.refers_to = total, "parts_total"
                        event.subject = total.subject
                    return parts, event.start
                continue
            if event.in_reason:
                continue
            parts.append(event)
            per_clause[event.clause] = per_clause.get(event.clause, 0) + 1
        return parts, end

    # -- years -----------------------------------------------------------------------------------

    def _years(self, passage, seg) -> list[_YearDraft]:
        norm = passage.norm
        found: list[_YearDraft] = []
        for m in _YEAR.finditer(norm):
            before = max(0, m.start() - 2)
            with_base = _YEAR_WITH_BEFORE.search(norm, before, m.start()) and _YEAR_WITH_AFTER.match(norm, m.end())
            compared = bool(_YEAR_BASE_BEFORE.search(norm, before, m.start()) or with_base
                            or _YEAR_COMPARED_AFTER.match(norm, m.end()))
            found.append(_YearDraft(**self._draft_args(passage, seg, m.start(), m.end()), year=int(m.group("year")),
                                    basis=_basis(m.group("basis")), comparison=compared,
                                    is_date=bool(_YEAR_DATE_AFTER.match(norm, m.end()))))
        return found

    # -- freezing --------------------------------------------------------------------------------

    def freeze(self) -> list[Claim]:
        cache: dict[int, BaseModel] = {}
        claims = [self._freeze(d, cache) for d in self.drafts]
        order = {k: i for i, k in enumerate(("class_name", "year", "amount", "share", "change", "count", "parts"))}
        claims.sort(key=lambda c: (c.location.line or 0, c.span.start, order[c.kind]))
        return claims

    def _freeze(self, draft: _Draft, cache: dict[int, BaseModel]):
        if id(draft) in cache:
            return cache[id(draft)]
        p = draft.passage
        location, span, end_line = p.place(draft.start, draft.end)
        seg_text = self._context(draft)
        common = dict(span=span, location=location, end_line=end_line, section=p.section,
                      subsection=p.subsection, sentence=seg_text[0], clause=seg_text[1])
        f = lambda d: self._freeze(d, cache) if d is not None else None  # noqa: E731
        if isinstance(draft, _ClassDraft):
            claim = ClassNameClaim(**common, code=draft.code, names=draft.names, levels=draft.levels)
        elif isinstance(draft, _AmountDraft):
            claim = AmountClaim(**common, subject=draft.subject, value=draft.value, decimals=draft.decimals,
                                unit=draft.unit, in_reason=draft.in_reason, class_name=f(draft.class_ref))
        elif isinstance(draft, _ShareDraft):
            claim = ShareClaim(**common, percent=draft.percent, decimals=draft.decimals, whole=draft.whole,
                               amount=f(draft.amount), subject=draft.subject)
        elif isinstance(draft, _ChangeDraft):
            fields = {k: v for k, v in draft.fields.items() if k != "amount_start"}
            claim = ChangeClaim(**common, direction=draft.direction, **fields, subject=draft.subject,
                                current=f(draft.current), refers_to=draft.refers_to)
        elif isinstance(draft, _CountDraft):
            claim = CountClaim(**common, value=draft.value, classifier=draft.classifier, subject=draft.subject,
                               in_reason=draft.in_reason, parts=tuple(f(c) for c in draft.parts))
        elif isinstance(draft, _PartsDraft):
            parts = tuple(f(a) for a in draft.parts)
            claim = PartsClaim(**common, introducer=draft.introducer, total=f(draft.total), parts=parts,
                               subject=draft.total.subject, overlap_suspected=_overlapping(parts))
        else:
            assert isinstance(draft, _YearDraft)
            claim = YearMention(**common, year=draft.year, basis=draft.basis, comparison=draft.comparison,
                                is_date=draft.is_date)
        cache[id(draft)] = claim
        return claim

    @staticmethod
    def _context(draft: _Draft) -> tuple[str, str]:
        seg = _segments_of(draft.passage)
        s0, s1 = seg.sentence_span(draft.sentence)
        c0, c1 = seg.clause_span(draft.clause)
        text = draft.passage.text
        return text[s0:s1].strip(), text[c0:c1].strip()


def _segments_of(passage: _Passage) -> _Segments:
    cached = getattr(passage, "_segments", None)
    if cached is None:
        cached = _Segments(passage.norm)
        passage._segments = cached  # type: ignore[attr-defined]
    return cached


def _measure_pairs(parts: list[_AmountDraft]) -> bool:
    """…全年预算数0.40万元，决算数0.40万元: two measures of one item, not two parts of a total."""
    return any(_BARE_MEASURE.match(b.subject or "") and _ENDS_MEASURE.search(a.subject or "")
               for a, b in zip(parts, parts[1:]))


def _overlapping(parts: tuple[AmountClaim, ...]) -> bool:
    """A part like 公务用车购置及运行费 and another part 公务用车运行维护费 sharing its stem."""
    subjects = [p.subject or "" for p in parts]
    for s in subjects:
        if len(s) < 4 or not _AND.search(s):
            continue
        if any(t != s and t[:4] == s[:4] for t in subjects):
            return True
    return False


def _count_kinds(claims: list[Claim]) -> dict[str, int]:
    counts = dict.fromkeys(CLAIM_KINDS, 0)
    for c in claims:
        counts[c.kind] += 1
    return counts
