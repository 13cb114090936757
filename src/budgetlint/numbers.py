"""Printed numbers: parsing, precision, rounding intervals and units (元 / 万元).

A printed value v with d decimals stands for the interval [v - 0.5*10^-d, v + 0.5*10^-d]
(XBRL Calculations 1.1). An empty cell is an exact zero. Money is Decimal throughout.

Size: a printed amount has at most MAX_AMOUNT_DIGITS digits (a real budget's largest, 全国一般公共
预算支出 in 元 with 分, has 16); a longer run of digits is text, not a number, so a check that needs
it says insufficient_data. Arithmetic runs in CONTEXT, wide enough that sums of such amounts, their
unit conversions and their rounding to printed decimals are exact: Python's default context keeps
28 digits, so 10^40 + 0.01 would round silently and `quantize` would raise on a 30-digit amount.
recognize() and the rule engine run under `exact_decimals`.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Context, Decimal, InvalidOperation, localcontext
from typing import ParamSpec, TypeVar

MAX_AMOUNT_DIGITS = 60
# 2 × the digits (integer digits of one amount + decimals of another, aligned in a sum) + 9 for a
# 亿元 factor + 9 for sums of up to 10^9 addends; divisions round at this precision.
CONTEXT = Context(prec=2 * MAX_AMOUNT_DIGITS + 18, Emax=999_999, Emin=-999_999)

_P = ParamSpec("_P")
_R = TypeVar("_R")


def exact_decimals(func: Callable[_P, _R]) -> Callable[_P, _R]:
    """Run `func` with CONTEXT as the decimal context (the caller's is restored afterwards)."""

    @functools.wraps(func)
    def wrapper(*args: _P.args, **kwargs: _P.kwargs) -> _R:
        with localcontext(CONTEXT):
            return func(*args, **kwargs)

    return wrapper


# 元 per unit; amounts are compared after conversion to one unit.
UNIT_FACTORS: dict[str, Decimal] = {"元": Decimal(1), "万元": Decimal(10000), "亿元": Decimal(100000000)}

_FULLWIDTH = str.maketrans("０１２３４５６７８９．，－（）％", "0123456789.,-()%")
_AMOUNT = re.compile(r"^[-+]?(\d{1,3}(,\d{3})+|\d+)(\.\d+)?$")


@dataclass(frozen=True)
class Amount:
    """A parsed printed amount: its value and how many decimals it was printed with."""

    value: Decimal
    decimals: int

    @property
    def half_ulp(self) -> Decimal:
        return Decimal(5).scaleb(-(self.decimals + 1))


@functools.lru_cache(maxsize=8192)
def parse_amount(text: str) -> Amount | None:
    """Parse '1,234.50', '１２３．４', '-5', '(5.00)' into an Amount; None if not a plain number.

    Kept per text (lru, 8192): a document prints the same few amounts (0.00, its totals) in many
    cells, and an Amount is immutable; Decimal(str) is exact in any context, so a kept Amount is
    the one any caller would have made."""
    s = text.strip().translate(_FULLWIDTH).replace(" ", "")
    negative = False
    if s.startswith("(") and s.endswith(")"):
        negative, s = True, s[1:-1]
    if not s or (len(s) > MAX_AMOUNT_DIGITS and sum(ch.isdigit() for ch in s) > MAX_AMOUNT_DIGITS):
        return None
    if not _AMOUNT.match(s):
        return None
    try:
        value = Decimal(s.replace(",", ""))
    except InvalidOperation:  # pragma: no cover - the regex already guards this
        return None
    decimals = len(s.split(".", 1)[1]) if "." in s else 0
    return Amount(value.copy_negate() if negative else value, decimals)


@dataclass(frozen=True, slots=True)
class Interval:
    """A closed interval [low, high] of Decimals."""

    low: Decimal
    high: Decimal

    def __add__(self, other: Interval) -> Interval:
        return Interval(self.low + other.low, self.high + other.high)

    def __sub__(self, other: Interval) -> Interval:
        return Interval(self.low - other.high, self.high - other.low)

    def scale(self, factor: Decimal) -> Interval:
        a, b = self.low * factor, self.high * factor
        return Interval(min(a, b), max(a, b))

    def overlaps(self, other: Interval, floor: Decimal = Decimal(0)) -> bool:
        """True when the intervals, each widened by `floor`, share a point."""
        return self.low - floor <= other.high + floor and other.low - floor <= self.high + floor

    @property
    def mid(self) -> Decimal:
        return (self.low + self.high) / 2

    def __str__(self) -> str:
        return f"[{self.low}, {self.high}]"


ZERO = Interval(Decimal(0), Decimal(0))


_HALF_UNITS = [Decimal(5).scaleb(-(d + 1)) for d in range(12)]  # ½·10⁻ᵈ, computed once per d


def half_unit(decimals: int | None) -> Decimal:
    """½·10⁻ᵈ: half a unit of the last of `decimals` printed decimals."""
    d = decimals or 0
    return _HALF_UNITS[d] if 0 <= d < len(_HALF_UNITS) else Decimal(5).scaleb(-(d + 1))


def interval_of(value: Decimal | None, decimals: int | None) -> Interval:
    """The interval a printed value stands for; an empty cell (None) is an exact zero."""
    if value is None:
        return ZERO
    half = half_unit(decimals)
    return Interval(value - half, value + half)


def sum_intervals(intervals) -> Interval:
    low = high = Decimal(0)
    for item in intervals:
        low += item.low
        high += item.high
    return Interval(low, high)


def convert(value: Decimal, unit: str, to_unit: str) -> Decimal:
    """Convert an amount between 元, 万元 and 亿元."""
    return value * UNIT_FACTORS[unit] / UNIT_FACTORS[to_unit]


_STEPS = [Decimal(1).scaleb(-d) for d in range(12)]  # 10⁻ᵈ, computed once per d


def format_amount(value: Decimal, decimals: int = 2) -> str:
    """Print an amount with a fixed number of decimals (no thousands separators). Quantized in
    CONTEXT (passed, not entered: every finding prints three of these)."""
    q = _STEPS[decimals] if 0 <= decimals < len(_STEPS) else Decimal(1).scaleb(-decimals)
    return str(value.quantize(q, context=CONTEXT))


def ratio_percent(part: Interval, whole: Interval) -> Interval | None:
    """part / whole × 100 as an interval; None when the whole may be zero (the share is meaningless)."""
    if whole.low <= 0:
        return None
    ends = [part.low / whole.low, part.low / whole.high, part.high / whole.low, part.high / whole.high]
    return Interval(min(ends) * 100, max(ends) * 100)


def percent_accepts(percent: Decimal, decimals: int, value: Interval) -> bool:
    """Could a true percentage inside `value` be printed as `percent`, rounded or truncated?

    Rounding prints [p − ½·10⁻ᵈ, p + ½·10⁻ᵈ] as p; truncation prints [p, p + 10⁻ᵈ) as p
    (documents do both: 95/90 is printed as 105.55%).
    """
    step = Decimal(1).scaleb(-decimals)
    return value.overlaps(Interval(percent - step / 2, percent + step))


# ---------------------------------------------------------------------------------------------
# Derived values: ratios and how a derived value may be printed (rounded or truncated)
# ---------------------------------------------------------------------------------------------

INFINITY = Decimal("Infinity")


def exact(value: Decimal) -> Interval:
    """A value that stands for itself (a count, a round target): a point interval."""
    return Interval(value, value)


def ratio_interval(numerator: Interval, denominator: Interval) -> Interval | None:
    """All quotients n / d for n, d in the intervals (both non-negative); None when d may be 0.

    An unbounded numerator (high = Infinity, a value printed as "≥ 90%") gives an unbounded ratio.
    """
    if denominator.low <= 0 or numerator.low < 0:
        return None
    return Interval(numerator.low / denominator.high, numerator.high / denominator.low)


def printed_range(printed: Decimal, decimals: int) -> Interval:
    """Every value that prints as `printed` at `decimals` when documents round half up OR truncate.

    Rounding covers [v − ½·10⁻ᵈ, v + ½·10⁻ᵈ]; truncation (toward zero) covers [v, v + 10⁻ᵈ] for
    v ≥ 0 (95/90 = 105.555… is printed 105.56% or 105.55%). The union is closed at both ends.
    """
    half = Decimal(5).scaleb(-(decimals + 1))
    unit = Decimal(1).scaleb(-decimals)
    if printed >= 0:
        return Interval(printed - half, printed + unit)
    return Interval(printed - unit, printed + half)


def prints_as(printed: Decimal, decimals: int, value: Interval) -> bool:
    """True when some value in `value` prints as `printed` (rounded or truncated, see printed_range)."""
    return value.overlaps(printed_range(printed, decimals))
