"""The subject of a narrative number: the noun phrase before it in its phrase, cleaned of
numbering, years, the unit's own name and lead-in words."""

from __future__ import annotations

import re

from budgetlint.labels import is_han
from budgetlint.recognize.narrative.grammar import normalise

# subject clean-up, in order
_LEAD_ENUM = re.compile(
    r"^\s*(?:\d{1,2}\s*[、.．](?!\d)|[（(][一二三四五六七八九十\d]{1,3}[)）]|"
    r"[一二三四五六七八九十]{1,3}、)\s*"
)  # 1、 / 1. / （一） / 二、
# everything up to the last quantity in the phrase: 2024年度…, 1家…, 9998人…
_LEAD_QUANTITY = re.compile(r"^.*\d\s*(?:年度?|月|日|个|家|辆|台|套|人次|批次|人|项|所|条|万元|亿元|元|%)")
# lead-in words that are not part of the subject
LEAD_WORDS = re.compile(
    r"^(?:其中|主要包括|包括|主要用于以下方面|主要用于|支出包括|主要原因是|主要原因为|"
    r"原因是|原因为|主要是|另外|此外|同时|具体为|分别是|分别为|"
    r"(?:[（(]含[)）])?(?:以上|以下|以内))[:：]?\s*"
)
# the unit's own name after a leading year: 2024年度|忻州职业技术学院|预算收入总计
_LEAD_ORG = re.compile(
    r"^.{0,30}?(?:学院|学校|大学|委员会|局|中心|医院|办公室|研究院|研究所)"
    r"(?:[（(][^（）()]{0,10}[)）])?"
)
_TRAIL_WORDS = re.compile(r"(?:为|是|达到|达|约)$")
_SUBJECT_MAX = 40  # a longer "subject" is a clause, not a noun phrase


def clean_subject(raw: str) -> str | None:
    """The noun phrase in the text before a number: drop numbering, years, the unit's name, lead-ins.

    '2024年度忻州职业技术学院预算收入总计' -> '预算收入总计'; '其中基本支出' -> '基本支出';
    '1.教育支出(类)' -> '教育支出(类)'; '支出决算数为' -> '支出决算数'; '' -> None.
    """
    s = raw.strip()
    s = _LEAD_ENUM.sub("", s)
    cut = _LEAD_QUANTITY.match(normalise(s))
    had_year = False
    if cut:
        had_year = "年" in cut.group(0)
        s = s[cut.end() :].lstrip("度 ")
    while True:
        stripped = LEAD_WORDS.sub("", s)
        if stripped == s:
            break
        s = stripped
    if had_year:
        org = _LEAD_ORG.match(s)
        if org and org.end() < len(s):
            s = s[org.end() :]
    s = _TRAIL_WORDS.sub("", s).strip(" :：")
    if not s or not any(map(is_han, s)) or len(s) > _SUBJECT_MAX:
        return None
    return s
