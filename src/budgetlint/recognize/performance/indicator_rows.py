"""Indicator rows of the budget 绩效目标表: each row's tokens split into 一级 / 二级 / 三级 / value per
side (实施期, 年度), 一级 and 二级 carried down from the rows above (merged cells)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from budgetlint.labels import squeeze
from budgetlint.model.performance import ParseProblem, TargetIndicator
from budgetlint.recognize.performance.tokens import Token, nearest
from budgetlint.recognize.performance.values import LEVEL2_MIN_PREFIX, CellMemo, label_key
from budgetlint.recognize.performance.vocabulary import vocabulary

# a value merged into its name cell by extraction: 生均乘车成本(≤5000元
_MERGED_VALUE = re.compile(r"^(?P<name>.*?[^\d\s(（])[（(]?\s*(?P<value>(?:≥|≤|>=|<=|＞|＜|>|<|=|＝)\s*\d.*)$")


@lru_cache(maxsize=4096)
def _level2_key(text: str) -> str | None:
    """Canonical 二级 label for a printed one: 社会效益 / 服务对象满意度指 / 可持续 影响指标 …"""
    k = squeeze(text)
    if len(k) < LEVEL2_MIN_PREFIX:
        return None
    for label in vocabulary().indicators.level2_parents:
        if k == label or (label.startswith(k) and len(label) - len(k) <= 2):
            return label
    return None


@dataclass(slots=True)
class _Group:
    """One side (实施期 or 年度) of an indicator row: the token found in each slot."""

    level1: Token | None = None
    level2: Token | None = None
    name: Token | None = None
    value: Token | None = None


@lru_cache(maxsize=4096)
def _roles(text: str) -> frozenset[str]:
    k = squeeze(text)
    roles = set()
    if k in vocabulary().indicators.level1:
        roles.add("l1")
    if k != "满意度指标" and _level2_key(k):
        roles.add("l2")
    if "l1" not in roles:
        roles.add("name")
    if not roles & {"l1", "l2"}:
        roles.add("value")
    return frozenset(roles)


Slots = tuple[int | None, int | None, int | None, int | None]  # token index of 一级, 二级, name, value


def _side_options(roles: tuple[frozenset[str], ...], i: int, first: bool) -> Iterator[tuple[Slots, int, int]]:
    """Every way one side can start at token i: yields (slots, next index, penalty)."""
    n = len(roles)
    l1_choices: list[tuple[int | None, int, int]] = [(None, i, 0)]
    if first and i < n and "l1" in roles[i]:
        # 成本指标 is 一级 when a 二级 follows (成本指标 | 经济成本指标), else 二级 (Shanxi template)
        ambiguous = "l2" in roles[i] and not (i + 1 < n and "l2" in roles[i + 1])
        l1_choices.append((i, i + 1, 1 if ambiguous else 0))
    for l1, j, pen1 in l1_choices:
        l2_choices: list[tuple[int | None, int]] = [(None, j)]
        if j < n and "l2" in roles[j]:
            l2_choices.append((j, j + 1))
        for l2, k in l2_choices:
            tails: list[tuple[int | None, int | None, int, int]] = [(None, None, k, 0)]
            if k < n and "name" in roles[k]:
                tails.append((k, None, k + 1, 10))  # a name without value: penalised
                if k + 1 < n and "value" in roles[k + 1]:
                    tails.append((k, k + 1, k + 2, 0))
            for name, value, end, pen2 in tails:
                if end > i:
                    yield (l1, l2, name, value), end, pen1 + pen2


@lru_cache(maxsize=1024)
def _split_pattern(roles: tuple[frozenset[str], ...], sides: int) -> tuple[Slots, ...] | None:
    """The best split of a row's token roles into at most `sides` groups that cover every token.

    Best = least penalty (names without value, 成本指标 as 一级), then fewest groups. Rows repeat
    the same few role patterns, so the search runs once per pattern.
    """
    best: tuple[tuple[int, int], tuple[Slots, ...]] | None = None

    def walk(i: int, groups: tuple[Slots, ...], penalty: int) -> None:
        nonlocal best
        if i == len(roles):
            score = (penalty, len(groups))
            if best is None or score < best[0]:
                best = (score, groups)
            return
        if len(groups) == sides:
            return
        for slots, end, pen in _side_options(roles, i, first=not groups):
            walk(end, (*groups, slots), penalty + pen)

    walk(0, (), 0)
    return best[1] if best else None


def _split_groups(tokens: list[Token], sides: int) -> list[_Group] | None:
    """An indicator row's tokens split into its sides' groups (see `_split_pattern`)."""
    pattern = _split_pattern(tuple([_roles(t) for t, _ in tokens]), sides)
    if pattern is None:
        return None
    return [_Group(*[tokens[i] if i is not None else None for i in slots]) for slots in pattern]


def _collapse_repeats(tokens: list[Token]) -> list[Token]:
    """Drop a name printed twice in a row (院养孤儿满意度 | 院养孤儿满意度: a merged cell repeated).

    一级/二级 labels are kept: 生态效益指标 | 生态效益指标 are the two sides' own labels.
    """
    out: list[Token] = []
    for token in tokens:
        if out and out[-1][0] == token[0] and not _roles(token[0]) & {"l1", "l2"}:
            continue
        out.append(token)
    return out


class IndicatorReader:
    """Reads indicator rows of a budget table, keeping 一级/二级 per side across rows."""

    def __init__(self, sides: int, table_line: int, memo: CellMemo) -> None:
        self.memo = memo
        self.sides = sides
        self.table_line = table_line
        self.level3_cols: list[int] = []
        self.level2_cols: list[int] = []
        self.level1 = [""] * 2
        self.level2 = [""] * 2
        self.indicators: list[TargetIndicator] = []
        self.problems: list[ParseProblem] = []

    def header(self, tokens: list[Token]) -> None:
        self.level3_cols = [i for t, i in tokens if label_key(t) == "三级指标"]
        self.level2_cols = [i for t, i in tokens if label_key(t) == "二级指标"]
        if self.sides > 1:
            self.sides = max(1, min(2, len(self.level3_cols)))

    def row(self, tokens: list[Token], line: int) -> None:
        tokens = _collapse_repeats(tokens)
        if not tokens:
            return
        groups = _split_groups(tokens, self.sides)
        if groups is None:
            texts = " | ".join(t for t, _ in tokens)
            self.problems.append(
                ParseProblem(
                    table_line=self.table_line, line=line, reason=f"指标行无法拆分为一级/二级/三级指标和指标值：{texts}"
                )
            )
            return
        for position, group in enumerate(groups):
            side = position if len(groups) > 1 else self._side_of(group)
            self._take(group, side, line)

    def _side_of(self, group: _Group) -> int:
        if self.sides == 1 or group.level1:
            return 0
        if group.name:
            return nearest(group.name[1], self.level3_cols)
        return nearest(group.level2[1], self.level2_cols) if group.level2 else 0

    def _take(self, group: _Group, side: int, line: int) -> None:
        indicators = vocabulary().indicators  # looked up once per call: _take runs for every indicator
        if group.level1:
            level1 = label_key(group.level1[0])
            if group.level2 and label_key(group.level2[0]) == level1:  # 成本指标 | 成本指标: one label printed twice
                level1 = indicators.level2_parents.get(level1, level1)
            self.level1 = [level1] * 2
            self.level2 = ["", ""]
        if group.level2:
            self.level2[side] = label_key(group.level2[0])
            parent = indicators.level2_parents.get(_level2_key(group.level2[0]) or "")
            if parent and not group.level1 and parent != self.level1[side] and parent in indicators.level1:
                self.level1[side] = parent
        if not group.name:
            return
        if not self.level1[side] and self.level2[side]:
            self.level1[side] = indicators.level2_parents.get(_level2_key(self.level2[side]) or "", "")
        name, value_text = group.name[0], group.value[0] if group.value else ""
        merged = _MERGED_VALUE.match(name) if not value_text else None
        if merged:
            name, value_text = merged.group("name"), merged.group("value")
        value = self.memo.value(value_text)
        self.indicators.append(
            TargetIndicator(
                phase="implementation" if side == 0 and self.sides > 1 else "annual",
                level1=self.level1[side],
                level2=self.level2[side],
                level3=label_key(name),
                value=value,
                line=line,
                parsed=value.parsed and bool(self.level2[side]),
            )
        )


def is_indicator_header(tokens: list[Token]) -> bool:
    for t, _ in tokens:  # cheap test first: most rows are not headers
        if "级" in t:
            break
    else:
        return False
    keys = {label_key(t) for t, _ in tokens}
    return "一级指标" in keys or ("二级指标" in keys and "三级指标" in keys)
