"""pydantic's validation errors as one Chinese line: the rule and template files' messages.

`validation_message` turns pydantic's multi-line English report (with its URL) into
"字段 tables[3].rows[2].pattern：正则表达式有误…", using the check's own Chinese message where a
validator wrote one.
"""

from __future__ import annotations

import re

from pydantic import ValidationError
from pydantic_core import ErrorDetails

# ---------------------------------------------------------------------------------------------

_TYPE_TEXT = {
    "missing": "缺少必填字段",
    "extra_forbidden": "不认识的字段（拼写错误？）",
    "string_type": "应为文本",
    "string_too_short": "不能为空",
    "int_type": "应为整数",
    "int_parsing": "应为整数",
    "int_from_float": "应为整数",
    "float_type": "应为数字",
    "float_parsing": "应为数字",
    "decimal_parsing": "应为数字",
    "bool_type": "应为 true 或 false",
    "bool_parsing": "应为 true 或 false",
    "list_type": "应为列表",
    "tuple_type": "应为列表",
    "dict_type": "应为映射（键: 值）",
    "model_type": "应为映射（键: 值）",
    "model_attributes_type": "应为映射（键: 值）",
    "none_required": "应为空",
    "too_long": "项数过多",
    "too_short": "项数过少",
    "union_tag_invalid": "类型标记不认识",
    "union_tag_not_found": "缺少类型标记",
    "greater_than_equal": "取值过小",
    "less_than_equal": "取值过大",
    "greater_than": "取值过小",
    "less_than": "取值过大",
    "is_instance_of": "类型不对",
}


_UNION_MEMBER = re.compile(r"^[A-Z]\w*$|\[")  # pydantic names the member of a union it tried: Edit, list[Edit]


def field_path(loc: tuple) -> str:
    """('tables', 3, 'rows', 2, 'pattern') -> 'tables[3].rows[2].pattern' (the fields are
    snake_case; a union's member names, which pydantic puts in the path, are left out)."""
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        elif _UNION_MEMBER.search(str(part)):
            continue
        else:
            out += ("." if out else "") + str(part)
    return out


def _problem(error: ErrorDetails) -> str:
    kind = error["type"]
    ctx = error.get("ctx") or {}
    if kind in ("value_error", "assertion_error"):
        message = str(ctx.get("error", error["msg"]))
        return message.removeprefix("Value error, ").removeprefix("Assertion failed, ")
    if kind in ("literal_error", "enum"):
        return f"应为 {ctx.get('expected', '')} 之一"
    if kind == "string_pattern_mismatch":
        return f"不符合格式 {ctx.get('pattern', '')}"
    return _TYPE_TEXT.get(kind, f"取值不合法（{kind}）")


def validation_message(exc: ValidationError, prefix: tuple = (), limit: int = 3) -> str:
    """The first `limit` problems of a pydantic error, each as 字段 PATH：PROBLEM, in one line."""
    errors = exc.errors(include_url=False)
    parts = []
    for error in errors[:limit]:
        where = field_path(prefix + tuple(error["loc"]))
        parts.append(f"字段 {where}：{_problem(error)}" if where else _problem(error))
    more = f"（另有 {len(errors) - limit} 处）" if len(errors) > limit else ""
    return "；".join(parts) + more
