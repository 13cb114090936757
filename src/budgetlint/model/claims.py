"""What the narrative (情况说明) states, as typed, located claims; and what binds them to table cells.

recognize/narrative/ reads them (see its modules for how); checks and reporters only read them.
Every claim has a Span inside the paragraph at its Location (the paragraph text as ingest produced
it). A claim may run on into the next paragraph when the printed text broke there ("…283.20万" /
"元、…"); then span.end exceeds that paragraph's length and `end_line` names the line it ends on.
Where the text does not say something in the same clause -- the subject of an amount, the amount a
share belongs to -- the field is None rather than a guess.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated, Literal

from pydantic import Field

from budgetlint.model.facts import Fact
from budgetlint.model.location import Location
from budgetlint.model.record import record

Unit = Literal["元", "万元", "亿元"]
Direction = Literal[-1, 0, 1]
Level = Literal["类", "款", "项"]
YearBasis = Literal["预算", "决算"]
# how a change's `current` amount was found (ChangeClaim.refers_to)
RefersTo = Literal["same_clause", "same_sentence", "list_total", "previous_sentence"]
ExecutionForm = Literal["variance", "completion", "year_on_year"]
ExecutionWord = Literal["大于", "小于", "等于"]


@record
class Span:
    """Where a claim's text stands: offsets inside the paragraph at the claim's location."""

    start: int
    end: int  # may exceed the paragraph when the claim runs on into the next one (see end_line)
    text: str  # the matched text as printed


@record
class _ClaimBase:
    span: Span
    location: Location  # the paragraph's location; line = the paragraph's line
    end_line: int | None = None  # line the matched text ends on, when it is not location.line
    section: str | None = None  # e.g. 二、收入预算情况说明
    subsection: str | None = None  # e.g. （一）一般公共预算当年支出规模变化情况
    sentence: str  # the sentence (to 。) the claim was found in
    clause: str  # the clause (to ；) the claim was found in


@record
class ClassNameClaim(_ClaimBase):
    """教育支出(类)职业教育(款)中等职业教育(项) or 205教育支出: a budget class named in the text."""

    kind: Literal["class_name"] = "class_name"
    code: str | None = None
    names: tuple[str, ...]
    levels: tuple[Level | None, ...]  # per name; None when only a code says


@record
class AmountClaim(_ClaimBase):
    """An amount of money stated with its unit: 一般公共预算拨款收入7,700.83万元."""

    kind: Literal["amount"] = "amount"
    subject: str | None  # the noun phrase right before the number in the same phrase
    value: Decimal
    decimals: int
    unit: Unit
    in_reason: bool = False  # stated inside a 主要原因… explanation
    class_name: ClassNameClaim | None = None  # a class named earlier in the same clause


@record
class ShareClaim(_ClaimBase):
    """占55.40% / 占比… / 比重… / 占本年支出合计的75.65%."""

    kind: Literal["share"] = "share"
    percent: Decimal
    decimals: int
    whole: str | None = None  # 本年支出合计 in 占本年支出合计的75.65%
    amount: AmountClaim | None  # the amount just before it in the same clause
    subject: str | None


@record
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
    base_basis: Literal["预算", "决算", "执行"] | None = None  # 执行: 预算执行数
    subject: str | None = None
    current: AmountClaim | None = None  # the amount the change is stated for
    # how `current` was found: the nearest amount of the clause/sentence, the total of a
    # 其中 list the change follows, or the last amount of the previous sentence when the
    # sentence opens with the comparison (与上年相比，增加…)
    refers_to: RefersTo | None = None
    # the amount the change started from, where the text states it (由600.00万元增加到700.00万元)
    base_amount: AmountClaim | None = None


@record
class CountClaim(_ClaimBase):
    """二级项目19个 (and, for a total followed by 其中, its items: 14个, 5个)."""

    kind: Literal["count"] = "count"
    value: int
    classifier: str  # 个, 辆, 人, …
    subject: str | None
    in_reason: bool = False
    items: tuple[CountClaim, ...] = ()  # the counts listed after it (其中：…14个、…5个)


@record
class ListClaim(_ClaimBase):
    """A total and the items listed after 其中/主要包括/主要用于: 总额216.17万元。其中：a、b、c.

    Its kind is "parts" (the name in the JSON contract's counts and in the check kind claim_parts).
    """

    kind: Literal["parts"] = "parts"
    introducer: str  # 其中, 主要包括, …
    total: AmountClaim
    items: tuple[AmountClaim, ...]
    subject: str | None
    # an item names two things (公务用车购置及运行费) and another item repeats one of them:
    # the list is probably hierarchical, so Σ items = total may not hold as printed
    overlap_suspected: bool = False


@record
class YearMention(_ClaimBase):
    """Every 20XX年 with what it qualifies."""

    kind: Literal["year"] = "year"
    year: int
    basis: YearBasis | None = None  # 2023年预算数, 2024年度部门决算
    comparison: bool = False  # 比2023年…, 与2023年…相比
    is_date: bool = False  # 2024年12月31日


# -- final accounts: budget-execution statements (recognize/narrative/execution.py) ------------------


@record
class Printed:
    value: Decimal
    decimals: int
    text: str


@record
class ExecutionClaim:
    kind: Literal["execution"] = "execution"
    form: ExecutionForm
    budget: Printed
    final: Printed
    rate: Printed | None = None
    word: ExecutionWord | None = None
    direction: Literal[-1, 1] | None = None  # year_on_year: 增加/增长 +1, 减少/下降 −1
    span: Span
    location: Location
    end_line: int | None = None
    section: str | None = None
    subsection: str | None = None
    sentence: str
    clause: str


Claim = Annotated[
    AmountClaim | ShareClaim | ChangeClaim | CountClaim | ListClaim | ClassNameClaim | YearMention | ExecutionClaim,
    Field(discriminator="kind"),
]


@record
class Binding:
    claim: AmountClaim
    subject: str  # the vocabulary name or 类 name it matched
    claim_fact: Fact
    facts: tuple[Fact, ...]


# the kinds read from sentences (an execution statement is counted apart); "parts" is a ListClaim
CLAIM_KINDS = ("amount", "share", "change", "count", "parts", "class_name", "year")


@record
class ExtractionStats:
    """How much the extraction found: claims per kind and what it read."""

    narrative_found: bool  # a 情况说明/编制说明 heading was found (else every paragraph was read)
    paragraphs: int
    passages: int
    passages_cut: int = 0  # passages longer than the reader reads: only their start was read
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


@record
class NarrativeClaims:
    claims: tuple[Claim, ...]
    stats: ExtractionStats
