"""Regex parameters of rules and templates: refused at load when they cannot run in bounded time."""

import pytest
from pydantic import BaseModel, ValidationError

from budgetlint.limits import Limits
from budgetlint.patterns import Regex, pattern_problem, validation_context


@pytest.mark.parametrize(
    "pattern",
    [
        r"增加（减少）",
        r"\d,(?=\d)(?!\d{3}(?!\d))\d*(?:\.\d+)?",
        r"([。，；、！？：])\1",
        r"(?:\(cid:\d++\))+",
        r"(?>a+)+",
        r"(a{1,20})+",
        r"(?:x|y){2,5}",
        r"^(?!第[一二三四五]部分)(?P<unit>.+?)20\d\d年度(?:部门|单位)决算$",
    ],
)
def test_ordinary_patterns_pass(pattern):
    assert pattern_problem(pattern) is None


@pytest.mark.parametrize(
    "pattern, words",
    [
        ("a{4294967295}", "重复次数过大"),
        ("a{100000}", "超过上限"),
        ("(a+)+", "嵌套"),
        (r"(\s*x)*", "嵌套"),
        ("(a|b+)*", "嵌套"),
        (r"(?:\d+\.)+\d+", "嵌套"),
        ("(unclosed", "正则表达式有误"),
        ("x" * 2001, "超过上限"),
    ],
)
def test_patterns_that_could_run_for_ever_or_not_at_all_are_refused(pattern, words):
    assert words in pattern_problem(pattern)


def test_the_limits_come_from_the_validation_context():
    class Params(BaseModel):
        pattern: Regex

    Params.model_validate({"pattern": "a{500}"})
    with pytest.raises(ValidationError):
        Params.model_validate({"pattern": "a{500}"}, context=validation_context(Limits(pattern_repeat=100)))
    Params.model_validate({"pattern": "a{5000}"}, context=validation_context(Limits(pattern_repeat=10_000)))
