"""The project's own YAML data files (rules, rule cases, templates, vocabularies): read strictly,
and every problem said in one Chinese line that names the file, the line or the field.

Why strict: a rule pack is code that somebody else may have written. A duplicate key in YAML is
accepted by PyYAML (the later value silently wins), so two `message:` lines would hide one of
them; it is refused here, naming the key and its line. A file saved as GBK, a binary file, YAML
nested deeper than libyaml's limit (1,000 levels) or a document whose aliases expand beyond
MAX_ALIAS_NODES nodes is refused with the reason, never an internal error.

Why one line: `validation_message` turns pydantic's multi-line English report (with its URL)
into "字段 tables[3].rows[2].pattern：正则表达式有误…", using the check's own Chinese message where
a validator wrote one.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from budgetlint.errors import BudgetlintError

_BaseLoader: type = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when present (fast, bounded depth)

MAX_ALIAS_NODES = 100_000  # nodes an alias may stand for, all aliases together ("billion laughs")


class StrictLoader(_BaseLoader):  # type: ignore[misc, valid-type]
    """Safe YAML that refuses duplicate keys and alias expansion beyond MAX_ALIAS_NODES nodes."""

    def __init__(self, stream: Any) -> None:
        super().__init__(stream)
        self._alias_nodes = 0

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict:
        seen: dict[Any, int] = {}
        for key_node, _ in node.value:
            if isinstance(key_node, yaml.ScalarNode):
                key = key_node.value
                if key in seen and key_node.tag != "tag:yaml.org,2002:merge":
                    raise yaml.constructor.ConstructorError(
                        None, None, f"重复的键 {key!r}（第 {seen[key]} 行已有）", key_node.start_mark)
                seen[key] = key_node.start_mark.line + 1
        return super().construct_mapping(node, deep=deep)

    def construct_object(self, node: yaml.Node, deep: bool = False) -> Any:
        if node in self.constructed_objects:  # an alias: count what it stands for again
            self._alias_nodes += _size(node)
            if self._alias_nodes > MAX_ALIAS_NODES:
                raise yaml.constructor.ConstructorError(
                    None, None, f"别名展开后超过 {MAX_ALIAS_NODES} 个节点", node.start_mark)
        return super().construct_object(node, deep=deep)


def _size(node: yaml.Node, limit: int = MAX_ALIAS_NODES + 1) -> int:
    """Nodes under `node` (counted iteratively, stopping past `limit`)."""
    count, stack = 0, [node]
    while stack and count <= limit:
        n = stack.pop()
        count += 1
        if isinstance(n, yaml.SequenceNode):
            stack.extend(n.value)
        elif isinstance(n, yaml.MappingNode):
            for k, v in n.value:
                stack.extend((k, v))
    return count


def load_yaml(path: Path, error: type[BudgetlintError], what: str) -> Any:
    """The YAML document in `path`; `error` (RuleError, TemplateError …) with one line otherwise.

    `what` names the file's role in the message (规则文件, 用例文件, 模板文件 …).
    """
    shown = str(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise error(f"{what}无法读取：{exc.strerror or exc}", path=shown) from exc
    if b"\x00" in data:
        raise error(f"{what}不是文本文件（含二进制内容）", path=shown)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[:exc.start].count(b"\n") + 1
        raise error(f"{what}不是 UTF-8 编码（第 {line} 行起），请另存为 UTF-8", path=shown) from exc
    try:
        return yaml.load(text, Loader=StrictLoader)  # noqa: S506 - StrictLoader is a SafeLoader
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        problem = _yaml_problem(exc)
        raise error(f"{what}不是合法的 YAML：{problem}", path=shown,
                    line=mark.line + 1 if mark else None) from exc
    except (yaml.YAMLError, RecursionError) as exc:
        raise error(f"{what}不是合法的 YAML：嵌套过深或结构有误", path=shown) from exc


_YAML_PROBLEMS = {  # libyaml's and PyYAML's wording -> what a rule author reads
    "exceeded maximum nesting depth": "嵌套层数过多",
    "found duplicate anchor": "锚点重复",
    "found undefined alias": "引用了未定义的别名",
    "could not determine a constructor": "不支持的标签",
    "found character that cannot start any token": "出现了不能开始一个记号的字符（制表符缩进？）",
    "mapping values are not allowed here": "此处不能出现“键: 值”（缩进或冒号有误？）",
    "did not find expected key": "缺少预期的键（缩进有误？）",
    "found unexpected end of stream": "文件意外结束（引号或括号未闭合？）",
    "expected <block end>, but found": "缩进有误",
    "found unexpected ':'": "冒号位置有误",
    "control characters are not allowed": "含有不允许的控制字符",
}


def _yaml_problem(exc: yaml.MarkedYAMLError) -> str:
    problem = exc.problem or ""
    if any("\u4e00" <= ch <= "\u9fff" for ch in problem):
        return problem  # our own (StrictLoader)
    for english, chinese in _YAML_PROBLEMS.items():
        if english in problem or english in (exc.context or ""):
            return chinese
    return "语法错误"


# ---------------------------------------------------------------------------------------------
# pydantic validation errors -> one Chinese line
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


def field_path(loc: tuple) -> str:
    """('tables', 3, 'rows', 2, 'pattern') -> 'tables[3].rows[2].pattern'."""
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + str(part)
    return out


def _problem(error: dict) -> str:
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
