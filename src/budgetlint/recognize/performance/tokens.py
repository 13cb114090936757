"""Rows as tokens: the content-based reading of the PDF-extracted budget tables, whose cells drift
left and right. A row is its non-empty cells with their index; labels pair with the amounts after
them."""

from __future__ import annotations

from collections.abc import Mapping
from functools import lru_cache

from budgetlint.model.document import RawRow
from budgetlint.model.performance import FundingLine
from budgetlint.numbers import parse_amount
from budgetlint.recognize.performance.values import LEADING_OF_WHICH, CellMemo, clean, is_placeholder, label_key, lookup
from budgetlint.recognize.performance.vocabulary import vocabulary

Token = tuple[str, int]  # (cleaned text, cell index)


def tokens_of(row: RawRow) -> list[Token]:
    """Non-empty cells with their index (the readers strip cells; residue is rare)."""
    tokens = [(cell, i) for i, cell in enumerate(row.cells) if cell]
    joined = "".join(row.cells)
    if "[" in joined or "<" in joined:
        tokens = [(text, i) for t, i in tokens if (text := clean(t))]
    return tokens


def nearest(index: int, anchors: list[int]) -> int:
    """Position of the anchor column closest to a cell index (ties go to the first)."""
    if not anchors:
        return 0
    return min(range(len(anchors)), key=lambda a: (abs(anchors[a] - index), a))


def split_label(token: Token, labels: Mapping[str, str]) -> list[Token]:
    """'实施单位 长治职业技术学院' (label and value merged in one cell) → two tokens."""
    text, index = token
    for label in labels:
        if text.startswith(label) and len(text) > len(label) and text[len(label)] in " :：\t":
            return [(label, index), (text[len(label) :].lstrip(" :：\t"), index)]
    return [token]


_AMOUNT_START = frozenset("0123456789０１２３４５６７８９(（-—－/／+\\无")  # labels never start so


@lru_cache(maxsize=4096)
def amount_like(text: str) -> bool:
    return text[0] in _AMOUNT_START and (is_placeholder(text) or parse_amount(text) is not None)


@lru_cache(maxsize=4096)
def funding_key(label: str, table: str) -> str | None:
    """Normalised key of a funding label in one of the alias tables (其中： and colon dropped)."""
    return lookup(LEADING_OF_WHICH.sub("", label_key(label)), vocabulary().funding_aliases[table])


def funding_line(label: str, amount_text: str, line: int, unit: str | None, table: str, memo: CellMemo) -> FundingLine:
    """A label and its amount as a FundingLine; the same label and amount on the same line are one
    record (the 实施期 and 年度 sides of a row print the same sources with the same amounts)."""
    key = (label, amount_text, line, unit, table)
    made = memo.funding.get(key)
    if made is None:
        amount = memo.number(amount_text, unit) if amount_text else None
        made = memo.funding[key] = FundingLine(
            label=label.strip(), key=funding_key(label, table), amount=amount, text=amount_text.strip(), line=line
        )
    return made


def label_amount_pairs(tokens: list[Token]) -> tuple[list[tuple[Token, Token | None]], list[str]]:
    """[(label, amount or None)] in reading order; stray amounts are reported."""
    pairs: list[tuple[Token, Token | None]] = []
    stray: list[str] = []
    i = 0
    while i < len(tokens):
        if amount_like(tokens[i][0]):
            stray.append(tokens[i][0])
            i += 1
            continue
        amount = tokens[i + 1] if i + 1 < len(tokens) and amount_like(tokens[i + 1][0]) else None
        pairs.append((tokens[i], amount))
        i += 2 if amount else 1
    return pairs, stray
