"""Recompute a worksheet formula from the values the workbook stores in the cells it refers to.

A workbook keeps, beside each formula, the value Excel last computed: that value is what a reader
sees and what a PDF export prints. A script that fills a template, a calculation set to manual, or
a value typed over a referenced cell after the last recalculation leaves that stored value stale:
the 合计 shows one figure while its formula says another. The reader recomputes each formula from
the stored values of the cells it refers to (one step, not a chain: each stale formula is then
reported where it stands) and records both (model.document.FormulaCell).

Budget workbooks use arithmetic and a few functions, and that is what is evaluated: numbers, cell
and range references (on this sheet or another, 'Sheet name'!A1:B9, whole columns A:A), + - * / ^,
unary minus, %, parentheses, SUM, ROUND, ROUNDUP, ROUNDDOWN, ABS, MIN, MAX, AVERAGE. Anything else
(IF, VLOOKUP, comparisons, text, other workbooks, defined names) raises Unsupported: the formula is
then not recomputed and the rule says so rather than guessing. Tokens come from openpyxl's
formula tokenizer; arithmetic is Decimal.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from decimal import ROUND_DOWN, ROUND_HALF_UP, ROUND_UP, Decimal, InvalidOperation

from openpyxl.formula.tokenizer import Token, Tokenizer
from openpyxl.utils.cell import column_index_from_string

Value = Decimal | str | None
# (sheet or None for the formula's own sheet, row, column) -> stored value
Lookup = Callable[[str | None, int, int], Value]
# (sheet, min_row, min_col, max_row, max_col) -> stored values in the range (None bounds: whole column/row)
RangeLookup = Callable[[str | None, int | None, int | None, int | None, int | None], Iterable[Value]]

_AREA = re.compile(r"^(?P<c1>[A-Z]{1,3})?(?P<r1>\d+)?(?::(?P<c2>[A-Z]{1,3})?(?P<r2>\d+)?)?$")
_PRECEDENCE = {"^": 4, "*": 3, "/": 3, "+": 2, "-": 2}


class Unsupported(Exception):
    """The formula uses something budgetlint does not evaluate; the message says what."""


def _number(value: Value) -> Decimal:
    """A referenced value in arithmetic: empty is 0, numeric text counts, other text is #VALUE!."""
    if value is None:
        return Decimal(0)
    if isinstance(value, Decimal):
        return value
    try:
        return Decimal(value.replace(",", "").strip())
    except InvalidOperation as exc:
        raise Unsupported(f"引用了文字单元格（“{value[:12]}”）") from exc


def _round(mode: str) -> Callable[[list], Decimal]:
    rounding = {"ROUND": ROUND_HALF_UP, "ROUNDUP": ROUND_UP, "ROUNDDOWN": ROUND_DOWN}[mode]

    def fn(args: list) -> Decimal:
        if len(args) != 2:
            raise Unsupported(f"{mode} 的参数个数不对")
        value, digits = _scalar(args[0]), int(_scalar(args[1]))
        return value.quantize(Decimal(1).scaleb(-digits), rounding=rounding)

    return fn


def _scalar(arg) -> Decimal:
    if isinstance(arg, list):
        if len(arg) != 1:
            raise Unsupported("区域不能直接参与运算")
        return _number(arg[0])
    return arg


def _numbers(args: list) -> list[Decimal]:
    """Function arguments as SUM sees them: numbers in ranges (text and blanks skipped), scalars."""
    out: list[Decimal] = []
    for arg in args:
        if isinstance(arg, list):
            out += [v for v in arg if isinstance(v, Decimal)]
        else:
            out.append(arg)
    return out


def _average(args: list) -> Decimal:
    values = _numbers(args)
    if not values:
        raise Unsupported("AVERAGE 没有数值")
    return sum(values, Decimal(0)) / len(values)


FUNCTIONS: dict[str, Callable[[list], Decimal]] = {
    "SUM": lambda args: sum(_numbers(args), Decimal(0)),
    "ROUND": _round("ROUND"),
    "ROUNDUP": _round("ROUNDUP"),
    "ROUNDDOWN": _round("ROUNDDOWN"),
    "ABS": lambda args: abs(_scalar(args[0])) if len(args) == 1 else _raise("ABS 的参数个数不对"),
    "MIN": lambda args: min(_numbers(args), default=Decimal(0)),
    "MAX": lambda args: max(_numbers(args), default=Decimal(0)),
    "AVERAGE": _average,
}


def _raise(message: str) -> Decimal:
    raise Unsupported(message)


def _parse_ref(text: str) -> tuple[str | None, int | None, int | None, int | None, int | None]:
    if text.startswith("["):
        raise Unsupported("引用了其他工作簿")
    sheet, _, area = text.rpartition("!")
    m = _AREA.match(area.replace("$", "").upper())
    if not m or not (m.group("c1") or m.group("r1")):
        raise Unsupported(f"不支持的引用或名称（{text}）")
    if sheet.startswith("'"):
        sheet = sheet[1:-1].replace("''", "'")
    c1 = column_index_from_string(m.group("c1")) if m.group("c1") else None
    r1 = int(m.group("r1")) if m.group("r1") else None
    if ":" not in text:
        if c1 is None or r1 is None:
            raise Unsupported(f"不支持的引用（{text}）")
        return sheet or None, r1, c1, r1, c1
    c2 = column_index_from_string(m.group("c2")) if m.group("c2") else None
    r2 = int(m.group("r2")) if m.group("r2") else None
    return sheet or None, r1, c1, r2, c2


class _Evaluator:
    def __init__(self, tokens: list[Token], lookup: Lookup, in_range: RangeLookup) -> None:
        self.tokens = tokens
        self.i = 0
        self.lookup = lookup
        self.in_range = in_range

    def peek(self) -> Token | None:
        return self.tokens[self.i] if self.i < len(self.tokens) else None

    def take(self) -> Token:
        token = self.tokens[self.i]
        self.i += 1
        return token

    def expression(self, min_precedence: int = 0):
        left = self.unary()
        while True:
            token = self.peek()
            if token is None or token.type != Token.OP_IN:
                return left
            if token.value not in _PRECEDENCE:
                raise Unsupported(f"不支持的运算符“{token.value}”")
            precedence = _PRECEDENCE[token.value]
            if precedence < min_precedence:
                return left
            self.take()
            right = self.expression(precedence + (0 if token.value == "^" else 1))
            left = self.apply(token.value, _scalar(left), _scalar(right))

    @staticmethod
    def apply(op: str, a: Decimal, b: Decimal) -> Decimal:
        if op == "+":
            return a + b
        if op == "-":
            return a - b
        if op == "*":
            return a * b
        if op == "/":
            if b == 0:
                raise Unsupported("除数为零（#DIV/0!）")
            return a / b
        return a**b if b == b.to_integral_value() else Decimal(float(a) ** float(b))

    def unary(self):
        token = self.peek()
        if token is not None and token.type == Token.OP_PRE:
            self.take()
            value = _scalar(self.unary())
            return -value if token.value == "-" else value
        value = self.primary()
        while (token := self.peek()) is not None and token.type == Token.OP_POST:
            self.take()
            value = _scalar(value) / 100
        return value

    def primary(self):
        token = self.take()
        if token.type == Token.OPERAND:
            if token.subtype == Token.NUMBER:
                return Decimal(token.value)
            if token.subtype == Token.RANGE:
                sheet, r1, c1, r2, c2 = _parse_ref(token.value)
                if r1 == r2 and c1 == c2 and r1 is not None and c1 is not None:
                    return [self.lookup(sheet, r1, c1)]
                return list(self.in_range(sheet, r1, c1, r2, c2))
            raise Unsupported(f"不支持的值（{token.value}）")
        if token.type == Token.PAREN and token.subtype == Token.OPEN:
            value = self.expression()
            self.expect(Token.PAREN)
            return value
        if token.type == Token.FUNC and token.subtype == Token.OPEN:
            name = token.value[:-1].upper().removeprefix("_XLFN.")
            if name not in FUNCTIONS:
                raise Unsupported(f"不支持的函数 {name}")
            args = []
            if not (self.peek() is not None and self.peek().type == Token.FUNC):
                args.append(self.expression())
                while (sep := self.peek()) is not None and sep.type == Token.SEP:
                    self.take()
                    args.append(self.expression())
            self.expect(Token.FUNC)
            return FUNCTIONS[name](args)
        raise Unsupported(f"无法解析“{token.value}”")

    def expect(self, kind: str) -> None:
        token = self.peek()
        if token is None or token.type != kind or token.subtype != Token.CLOSE:
            raise Unsupported("括号不配对")
        self.take()


def evaluate(formula: str, lookup: Lookup, in_range: RangeLookup) -> Decimal:
    """The value of `formula` ("=SUM(B9:B19)") from the stored values; Unsupported otherwise."""
    try:
        tokens = [t for t in Tokenizer(formula).items if t.type != Token.WSPACE]
    except Exception as exc:  # the tokenizer raises on malformed formulas
        raise Unsupported("公式无法解析") from exc
    if not tokens:
        raise Unsupported("空公式")
    evaluator = _Evaluator(tokens, lookup, in_range)
    try:
        value = _scalar(evaluator.expression())
    except (IndexError, InvalidOperation, OverflowError, ValueError) as exc:
        raise Unsupported("公式无法计算") from exc
    rest = evaluator.peek()
    if rest is not None:
        raise Unsupported(f"不支持的写法（“{rest.value}”）")
    return value
