"""Regular expressions written in rule and template YAML: the `Regex` type, checked when they load.

A pattern in a rule pack runs over every paragraph of every document, so a bad one must fail the
rule's loading, not the run. `Regex` refuses, with the reason in Chinese:
- a pattern that does not compile, or whose repetition count Python cannot hold (a{4294967295});
- one longer than Limits.pattern_chars, or with a bounded repetition above Limits.pattern_repeat
  (a{100000} compiles, and then costs that much per position);
- a repetition inside a repetition where both may repeat without bound: (a+)+, (\\s*x)*, (a|b+)* take
  time exponential in the text on a near miss. Write the inner one possessive (a++), atomic
  ((?>a+)), or bounded (a{1,20}).
Overlapping alternatives under one repetition ((a|ab)*) are not detected.

Validation takes the limits from the pydantic validation context ({"limits": Limits}), the
defaults when none is given.
"""

from __future__ import annotations

import re
from typing import Annotated, Any

from pydantic import AfterValidator, ValidationInfo

from budgetlint.limits import DEFAULT_LIMITS, Limits

try:  # the standard library's own parser of pattern syntax (private, stable since 3.11)
    import re._constants as _c  # type: ignore[import-not-found]
    from re import _parser  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover - another Python: only compiling and length are checked
    _parser = None  # type: ignore[assignment]

_UNBOUNDED_LIMIT = 1000  # a repetition this large counts as unbounded when nested


def pattern_problem(pattern: str, limits: Limits = DEFAULT_LIMITS) -> str | None:
    """Why `pattern` is refused (Chinese), or None when it is fine."""
    if len(pattern) > limits.pattern_chars:
        return f"正则表达式长 {len(pattern)} 个字符，超过上限 {limits.pattern_chars}"
    try:
        re.compile(pattern)
    except (re.error, OverflowError, RecursionError, ValueError) as exc:
        return f"正则表达式有误（{_reason(exc)}）"
    if _parser is None:
        return None
    try:
        tree = _parser.parse(pattern)
    except (re.error, OverflowError, RecursionError, ValueError):  # pragma: no cover - it compiled above
        return None
    return _structure_problem(list(tree), limits, inside_unbounded=False)


def _reason(exc: Exception) -> str:
    if isinstance(exc, OverflowError):
        return "重复次数过大"
    if isinstance(exc, re.error):
        return f"{exc.msg}，位置 {exc.pos}" if exc.pos is not None else exc.msg
    return type(exc).__name__


def _structure_problem(items: list, limits: Limits, inside_unbounded: bool) -> str | None:
    for op, arg in items:
        if op in (_c.MAX_REPEAT, _c.MIN_REPEAT, _c.POSSESSIVE_REPEAT):
            low, high, body = arg
            bounded_high = high if high != _c.MAXREPEAT else None
            for n in (low, bounded_high):
                if n is not None and n > limits.pattern_repeat:
                    return f"重复次数 {n} 超过上限 {limits.pattern_repeat}"
            unbounded = bounded_high is None or bounded_high > _UNBOUNDED_LIMIT
            fresh = op == _c.POSSESSIVE_REPEAT
            if inside_unbounded and unbounded and not fresh:
                return (
                    "重复中嵌套了不限次数的重复（如 (a+)+），遇到不匹配的文本时耗时呈指数增长；"
                    "请把内层写成占有式 a++ 或限定次数"
                )
            # a possessive repetition never gives back what it matched: an outer one cannot
            # re-split it, so its body counts from scratch (as an atomic group's does)
            problem = _structure_problem(list(body), limits, False if fresh else inside_unbounded or unbounded)
        elif op == _c.ATOMIC_GROUP:
            problem = _structure_problem(list(arg), limits, False)
        elif op == _c.SUBPATTERN:
            problem = _structure_problem(list(arg[-1]), limits, inside_unbounded)
        elif op == _c.BRANCH:
            problem = next(
                (p for branch in arg[1] if (p := _structure_problem(list(branch), limits, inside_unbounded))), None
            )
        elif op in (_c.ASSERT, _c.ASSERT_NOT):
            problem = _structure_problem(list(arg[1]), limits, inside_unbounded)
        elif op == _c.GROUPREF_EXISTS:
            problem = next(
                (
                    p
                    for branch in arg[1:]
                    if branch is not None
                    if (p := _structure_problem(list(branch), limits, inside_unbounded))
                ),
                None,
            )
        else:
            continue
        if problem:
            return problem
    return None


def _check(pattern: str, info: ValidationInfo) -> str:
    limits = (info.context or {}).get("limits", DEFAULT_LIMITS) if isinstance(info.context, dict) else DEFAULT_LIMITS
    problem = pattern_problem(pattern, limits)
    if problem:
        raise ValueError(f"{problem}：{_shown(pattern)}")
    return pattern


def _shown(pattern: str, width: int = 80) -> str:
    return pattern if len(pattern) <= width else pattern[:width] + "…"


Regex = Annotated[str, AfterValidator(_check)]  # a rule or template parameter that is a regular expression


def validation_context(limits: Limits) -> dict[str, Any]:
    """The pydantic context that makes `Regex` use these limits."""
    return {"limits": limits}
