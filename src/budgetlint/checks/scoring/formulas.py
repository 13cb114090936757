"""Accepted scoring formulas of 绩效自评表, and the scores they give.

Scoring formulas are rule parameters, never code: each is a small arithmetic expression of `w`
(the printed 权重 / 分值) and `r` (the 完成率 or 执行率 as a fraction, 0.9927 for 99.27%), with the
range of `r` it applies to::

    formulas:
      - {name: 按完成比例, rate: [0, 1], score: 'w * r'}
      - {name: 未达60%不得分, rate: [0, 1], score: 'w * max(r - 0.6, 0) / 0.4'}
      - {name: 完成计满分, rate: [1, null], met: true, score: 'w'}
      - {name: 超额按偏差扣分, rate: [1, null], score: 'w * max(2 - r, 0)'}

Allowed: numbers, w, r, + - * /, unary minus, min(), max(). A formula must be monotone in r over
its range (all of the above are): its value over an interval of r is taken at the two ends.
`met: true` limits a formula to indicators whose target is met (a 完成率 above 100% on a ≤ cost
target is an overrun, not a completion: it may not be scored in full), `met: false` to missed ones.

A printed rate or score is accepted when SOME value the inputs allow prints as it, rounded half
up or truncated (numbers.printed_range): documents do both (95/90 is printed 105.56% or 105.55%).

Indicator values (目标值 / 业绩值) printed without decimals are counts or round targets and stand
for themselves; values printed with decimals (24.38万元, 97.24%) stand for their rounding interval,
except that two printings of the same number (0.2 and 0.20) are the same quantity."""

from __future__ import annotations

import ast
import copy
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache

from pydantic import field_validator

from budgetlint.checks.refs import Strict
from budgetlint.model import Fact
from budgetlint.numbers import INFINITY, Interval, printed_range

ONE = Decimal(1)
ZERO = Decimal(0)
HUNDRED = Decimal(100)


_BINARY = (ast.Add, ast.Sub, ast.Mult, ast.Div)
_CALLS = {"min": min, "max": max}


@lru_cache(maxsize=256)
def _parse(expression: str) -> ast.Expression:
    """The expression's syntax tree; ValueError for anything but the small arithmetic allowed."""
    try:
        tree = ast.parse(expression, mode="eval")
    except SyntaxError as exc:
        raise ValueError(f"公式无法解析：{expression}") from exc
    for node in ast.walk(tree):
        if isinstance(node, (ast.Expression, ast.Load, ast.Add, ast.Sub, ast.Mult, ast.Div, ast.USub, ast.UAdd)):
            continue
        if isinstance(node, ast.BinOp) and isinstance(node.op, _BINARY):
            continue
        if isinstance(node, ast.UnaryOp) and isinstance(node.op, (ast.USub, ast.UAdd)):
            continue
        if isinstance(node, ast.Constant) and isinstance(node.value, (int, float)) and not isinstance(node.value, bool):
            continue
        if isinstance(node, ast.Name) and node.id in ("w", "r", "min", "max"):
            continue
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Name)
            and node.func.id in _CALLS
            and not node.keywords
            and len(node.args) >= 2
        ):
            continue
        raise ValueError(f"公式只能使用数字、w、r、+ - * /、min()、max()：{expression}")
    return tree


@lru_cache(maxsize=256)
def _function(expression: str) -> Callable[[Decimal, Decimal], Decimal]:
    """The expression as a function of (w, r), compiled once: its numbers as Decimals, + - * /
    and min/max as Python applies them to Decimals (a unary plus is dropped: on a Decimal it
    would round). A document has hundreds of indicators, each scored under every formula at both
    ends of its rate: walking the syntax tree for each was most of the self-evaluation rules' time."""
    constants: dict[str, Decimal] = {}

    class Decimals(ast.NodeTransformer):
        def visit_Constant(self, node: ast.Constant) -> ast.AST:
            name = f"_c{len(constants)}"
            constants[name] = Decimal(str(node.value))
            return ast.copy_location(ast.Name(id=name, ctx=ast.Load()), node)

        def visit_UnaryOp(self, node: ast.UnaryOp) -> ast.AST:
            self.generic_visit(node)
            return node.operand if isinstance(node.op, ast.UAdd) else node

    body = Decimals().visit(copy.deepcopy(_parse(expression))).body
    arguments = ast.arguments(
        posonlyargs=[], args=[ast.arg(arg="w"), ast.arg(arg="r")], kwonlyargs=[], kw_defaults=[], defaults=[]
    )
    tree = ast.fix_missing_locations(ast.Expression(body=ast.Lambda(args=arguments, body=body)))
    namespace = {"__builtins__": {}, **_CALLS, **constants}  # only what _parse allows
    # evaluated once, to the function `lambda w, r: <the tree _parse checked>`: calling it costs a
    # call, where eval() of the expression built a namespace for every score
    return eval(compile(tree, "<formula>", "eval"), namespace)


class Formula(Strict):
    """One accepted scoring formula: a name (shown in findings), the range of r, the expression."""

    name: str
    score: str
    rate: tuple[Decimal, Decimal | None] = (ZERO, None)  # r in [low, high]; high null: no upper bound
    met: bool | None = None  # only for targets met (true) / missed (false); null: either

    def applies(self, met: bool | None) -> bool:
        """Whether the formula may score an indicator whose target is `met` (None: not known)."""
        return self.met is None or met is None or self.met == met

    @field_validator("score")
    @classmethod
    def _valid(cls, expression: str) -> str:
        _parse(expression)
        return expression

    def at(self, weight: Decimal, rate: Interval) -> Interval | None:
        """The scores the formula gives for r anywhere in `rate` (None when the ranges do not meet)."""
        low = max(rate.low, self.rate[0])
        high = rate.high if self.rate[1] is None else min(rate.high, self.rate[1])
        if low > high or low == INFINITY:
            return None
        score = _function(self.score)
        ends = [score(weight, low)]
        if high != INFINITY:
            ends.append(score(weight, high))
        else:  # monotone and unbounded: only bounded formulas (max(2 - r, 0) …) settle; sample far out
            ends.append(score(weight, low * 1000 + 1000))
        return Interval(min(ends), max(ends))


@dataclass(frozen=True)
class Candidate:
    """A value the inputs allow, with how it was obtained (shown in the finding's detail)."""

    how: str
    value: Interval


def scores(
    weight: Decimal, rates: list[Candidate], formulas: list[Formula], met: bool | None = None
) -> list[Candidate]:
    """Every score an accepted formula gives for every candidate rate (`met`: the target's status)."""
    out = []
    for rate in rates:
        for formula in formulas:
            if not formula.applies(met):
                continue
            value = formula.at(weight, rate.value)
            if value is not None:
                out.append(Candidate(f"{formula.name}（{formula.score}，{rate.how}）", value))
    return out


def printed_rate(fact: Fact) -> Candidate:
    """A printed rate (99.27 %) as the fractions that print so, rounded or truncated.

    Callers pass only cells whose rate was read; an empty cell has no printing to widen.
    """
    if fact.value is None:
        raise ValueError(f"printed_rate needs a printed number, got the empty cell {fact.location}")
    shown = printed_range(fact.value, fact.decimals)
    return Candidate(f"完成率按印制值 {fact.text}", shown.scale(ONE / HUNDRED))
