"""Printed values of the performance tables: cell text cleaned, labels as looked up, amounts,
indicator values (number, date, period or text) read once per text."""

from __future__ import annotations

import re
from collections.abc import Sequence
from decimal import Decimal
from functools import cache, lru_cache

from budgetlint.labels import squeeze
from budgetlint.model.performance import DateValue, FundingLine, IndicatorValue, Operator, PrintedNumber, ValueKind
from budgetlint.numbers import parse_amount
from budgetlint.recognize.performance.vocabulary import vocabulary

_BOOKMARK = re.compile(r"\[bookmark:[^\]]*\]")  # DOCX export residue: [bookmark: _GoBack]
_HTML_TAG = re.compile(r"</?(?:p|br|span)\b[^>]*>")  # <p> left in cells by some generators
_LATEX = (("\\geq", "≥"), ("\\leq", "≤"), ("\\ge", "≥"), ("\\le", "≤"), ("\\%", "%"), ("$", ""))
_SPACES = re.compile(r"\s+")
_VALUE_WIDTH = str.maketrans("０１２３４５６７８９．％＝＞＜，", "0123456789.%=><,")
# 2025年1月至2025年12月 · 2025年1月至12月 · 2024年1-12月 · 2025年1月12月 (separator lost in extraction)
_PERIOD_SEPARATOR = r"(?:至|到|-|－|—|~|～)"
_PERIOD_VALUE = re.compile(
    rf"^(?P<y1>\d{{4}})年(?P<m1>\d{{1,2}})(?:月(?:(?P<d1>\d{{1,2}})日)?{_PERIOD_SEPARATOR}?|{_PERIOD_SEPARATOR})"
    r"(?:(?P<y2>\d{4})年)?(?P<m2>\d{1,2})月(?:(?P<d2>\d{1,2})日?)?(?P<suffix>前|底前)?$"
)
_PRINTED_NUMBER = re.compile(r"^(?P<num>.+?)(?P<unit>%|分|万元|元)?$")  # 99.27% · 89.62分
_UNIT_IN_LABEL = re.compile(r"[（(]\s*(亿元|万元|元)\s*[)）]")  # 项目资金（元） · 预算金额 (万元)
_TRAILING_PAREN = re.compile(r"（[^（）]*）$")  # 项目资金（元） → 项目资金
YEAR_LINE = re.compile(r"^[（(]?(\d{4})[)）]?年度?[)）]?$")  # (2024年度) · （2024）年度
LEADING_OF_WHICH = re.compile(r"^其中[：:]?")  # 其中：中央财政资金
LEVEL2_MIN_PREFIX = 4  # a wrapped/truncated label keeps at least this many characters


@cache
def _value_forms() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """The number and date forms of an indicator value; their operators are vocabulary data."""
    ops = "|".join(re.escape(k) for k in sorted(vocabulary().values.operators, key=len, reverse=True))
    # ≥ 100 人/次 · =0.33万元/生/年 · 95%以上 (the unit holds no digit)
    number = re.compile(
        rf"^(?P<op>{ops})?(?P<num>\d+(?:,\d{{3}})*(?:\.\d+)?)(?P<unit>[^\d]*?)(?P<suffix>及以上|以上|及以下|以下|以内)?$"
    )
    # =2024年12月10日前 · 2024年9月前 · 2024年底前 · 2024年12月31日止 · 2024年12月20 (日 missing) ·
    # 2023年内完成 · 2024年按期发放: a year, maybe month and day, a bound, then words without digits
    date = re.compile(
        rf"^(?P<op>{ops})?(?P<y>(?:19|20)\d{{2}})年(?:(?P<m>\d{{1,2}})月(?:(?P<d>\d{{1,2}})日?)?)?(?P<end>底|末)?"
        r"(?P<suffix>之前|以前|前|为止|止|之后|以后|后|年内|之内|以内|内)?[^\d月]*$"
    )
    return number, date


def clean(text: str) -> str:
    """Cell text without DOCX/HTML residue, stripped."""
    if "[" in text:
        text = _BOOKMARK.sub("", text)
    if "<" in text:
        text = _HTML_TAG.sub("", text)
    return text.strip()


def clean_cells(cells: Sequence[str]) -> list[str]:
    """clean() of every cell of a row: the residue looked for once in the whole row (rare), not
    twice per cell."""
    joined = "".join(cells)
    if "[" in joined or "<" in joined:
        return [clean(c) for c in cells]
    return [c.strip() for c in cells]


@lru_cache(maxsize=4096)
def label_key(text: str) -> str:
    """Squeezed label without a trailing colon: '市县(区)财政资 金：' → '市县（区）财政资金'."""
    return squeeze(clean(text)).rstrip("：")


@lru_cache(maxsize=4096)
def section_key(text: str) -> str:
    """Label as a section name: also without a trailing unit in brackets (项目资金（元）)."""
    return _TRAILING_PAREN.sub("", label_key(text))


def lookup(key: str, aliases: dict[str, str]) -> str | None:
    """Alias value for a label, also when the PDF cut its last characters (市县（区）财政资)."""
    found = aliases.get(key)
    if found is None and len(key) >= LEVEL2_MIN_PREFIX:
        found = next((v for label, v in aliases.items() if label.startswith(key) and len(label) - len(key) <= 2), None)
    return found


def unit_of(label: str) -> str | None:
    m = _UNIT_IN_LABEL.search(label)
    return m.group(1) if m else None


def is_placeholder(text: str) -> bool:
    return label_key(text) in vocabulary().values.placeholders


@lru_cache(maxsize=8192)
def _read_amount(text: str) -> tuple[Decimal, int, str | None] | None:
    """(value, decimals, unit) of '700.00' / '99.27%' / '89.62分'; None if not a number."""
    s = clean(text).translate(_VALUE_WIDTH).replace(" ", "")
    if not s or s in vocabulary().values.placeholders:
        return None
    m = _PRINTED_NUMBER.match(s)
    if m is None:
        return None
    amount = parse_amount(m.group("num"))
    return (amount.value, amount.decimals, m.group("unit")) if amount else None


def parse_printed_number(text: str, unit: str | None = None) -> PrintedNumber | None:
    """'700.00' / '99.27%' / '89.62分' → PrintedNumber; None for an empty, placeholder or other cell."""
    reading = _read_amount(text)
    if reading is None:
        return None
    return PrintedNumber(value=reading[0], decimals=reading[1], text=clean(text), unit=reading[2] or unit)


def _normalise_value(text: str) -> str:
    s = clean(text)
    if "\\" in s or "$" in s:
        for old, new in _LATEX:
            s = s.replace(old, new)
    return _SPACES.sub("", s.translate(_VALUE_WIDTH))


def _date(year: str, month: str | None, day: str | None) -> tuple[int, int | None, int | None] | None:
    m = int(month) if month else None
    d = int(day) if day else None
    if (m is not None and not 1 <= m <= 12) or (d is not None and not 1 <= d <= 31):
        return None
    return int(year), m, d


# What a value text says, without its place: (kind, operator, (value, decimals, unit) | None,
# start date | None, end date | None, parsed).
_Reading = tuple[ValueKind, Operator | None, tuple[Decimal, int, str | None] | None, tuple | None, tuple | None, bool]


def _read_number(m: re.Match) -> _Reading:
    amount = parse_amount(m.group("num"))
    if amount is None:  # more digits than an amount can have: text that fits no known form
        return "text", None, None, None, None, False
    op, values = m.group("op"), vocabulary().values
    operator = values.operators[op] if op else values.suffix_operators.get(m.group("suffix") or "")
    return "number", operator, (amount.value, amount.decimals, m.group("unit") or None), None, None, True


def _read_date(m: re.Match) -> _Reading:
    month = m.group("m") or ("12" if m.group("end") else None)  # 2024年底 → December
    date = _date(m.group("y"), month, m.group("d"))
    op, values = m.group("op"), vocabulary().values
    operator = values.date_suffix_operators.get(m.group("suffix") or "") or (values.operators[op] if op else None)
    return "date", operator, None, date, None, date is not None


def _read_period(m: re.Match) -> _Reading:
    start = _date(m.group("y1"), m.group("m1"), m.group("d1"))
    end = _date(m.group("y2") or m.group("y1"), m.group("m2"), m.group("d2"))
    return "period", "≤" if m.group("suffix") else None, None, start, end, start is not None and end is not None


@lru_cache(maxsize=8192)
def _read_value(text: str) -> _Reading:
    """Read a value text once, whatever cell it stands in (values repeat: ≥95%, 100%, 及时 …)."""
    s = _normalise_value(text)
    if not s:
        return "empty", None, None, None, None, False
    number, date = _value_forms()
    for pattern, read in ((date, _read_date), (_PERIOD_VALUE, _read_period), (number, _read_number)):
        m = pattern.match(s)
        if m:
            return read(m)
    return "text", None, None, None, None, not any(ch.isdigit() for ch in s)


@lru_cache(maxsize=1024)
def _date_value(parts: tuple | None) -> DateValue | None:
    """Dates carry no place, so one frozen record serves every cell printing it."""
    return DateValue(year=parts[0], month=parts[1], day=parts[2]) if parts else None


def parse_indicator_value(text: str) -> IndicatorValue:
    """Read a printed 指标值: '≥1000平方米', '=0.33万元/生/年', '2024年12月10日前', '有效', …

    Qualitative text (no digits) is a valid value (kind text, parsed). Text with digits that fits
    none of the number / date / period forms, and an empty cell, are kept with parsed=False.
    """
    raw = clean(text)  # as printed: DOCX residue such as [bookmark: _GoBack] is not part of it
    kind, operator, number, start, end, parsed = _read_value(raw)
    printed = PrintedNumber(value=number[0], decimals=number[1], text=raw, unit=number[2]) if number else None
    return IndicatorValue(
        text=raw,
        kind=kind,
        operator=operator,
        number=printed,
        date=_date_value(start),
        date_end=_date_value(end),
        parsed=parsed,
    )


class CellMemo:
    """Cells read once per document: a value or number carries no place, so every cell printing the
    same text (≥95%, 100%, 及时 …: a 绩效目标表 repeats its values, and the 实施期 and 年度 sides of a
    row usually print the same) is one frozen record; a funding line has its line, so the same label
    and amount on the same line are one. A memo lives while a document's tables of one family are
    read (what it holds is kept by the records it went into), never across documents."""

    def __init__(self) -> None:
        self.values: dict[str, IndicatorValue] = {}
        self.numbers: dict[tuple[str, str | None], PrintedNumber | None] = {}
        self.funding: dict[tuple[str, str, int, str | None, str], FundingLine] = {}  # tokens.funding_line

    def value(self, text: str) -> IndicatorValue:
        value = self.values.get(text)
        if value is None:
            value = self.values[text] = parse_indicator_value(text)
        return value

    def number(self, text: str, unit: str | None = None) -> PrintedNumber | None:
        key = (text, unit)
        if key not in self.numbers:
            self.numbers[key] = parse_printed_number(text, unit)
        return self.numbers[key]
