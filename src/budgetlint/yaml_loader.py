"""Every YAML file budgetlint reads (rules, rule cases, templates, vocabularies) goes through this
module: `load_yaml_file` for a file of the project's data, `load_yaml` for YAML text.

Fast: it uses libyaml's CSafeLoader when PyYAML was built with it, else PyYAML's pure-Python
SafeLoader. Both build the same data (tests/unit/test_yaml_loader.py reads every file under rules/
both ways); the C loader reads the bundled rules and templates in about an eighth of the time,
which is most of what a `budgetlint check` spends before it opens the first file.

Strict: a rule pack is code that somebody else may have written. A duplicate key in YAML is
accepted by PyYAML (the later value silently wins), so two `message:` lines would hide one of
them; it is refused here, naming the key and its line. A file saved as GBK, a binary file, YAML
nested deeper than libyaml's limit (1,000 levels) or a document whose aliases expand beyond
MAX_ALIAS_NODES nodes ("billion laughs") is refused with the reason in one Chinese line naming the
file and the line, never an internal error.
"""

from __future__ import annotations

import sys
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from budgetlint.errors import BudgetlintError

if TYPE_CHECKING:
    import yaml

SAFE_LOADER: type  # libyaml's CSafeLoader, else PyYAML's SafeLoader: see __getattr__


def __getattr__(name: str) -> Any:
    """SAFE_LOADER, found on first use: PyYAML is imported only by a run that parses YAML (one
    served by the load cache, load_cache.py, parses none)."""
    if name == "SAFE_LOADER":
        import yaml

        return getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


MAX_ALIAS_NODES = 100_000  # nodes an alias may stand for, all aliases together ("billion laughs")


class _Strict:
    """The checks a safe loader gains (mixed in before it): duplicate keys and alias expansion
    beyond MAX_ALIAS_NODES nodes are refused."""

    _alias_nodes = 0
    constructed_objects: dict[yaml.Node, Any]  # the loader's own (BaseConstructor)

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict:
        import yaml

        seen: dict[Any, int] = {}
        for key_node, _ in node.value:
            if isinstance(key_node, yaml.ScalarNode):
                key = key_node.value
                if key in seen and key_node.tag != "tag:yaml.org,2002:merge":
                    raise yaml.constructor.ConstructorError(
                        None, None, f"重复的键 {key!r}（第 {seen[key]} 行已有）", key_node.start_mark
                    )
                seen[key] = key_node.start_mark.line + 1
        return super().construct_mapping(node, deep=deep)  # type: ignore[misc]

    def construct_object(self, node: yaml.Node, deep: bool = False) -> Any:
        import yaml

        if node in self.constructed_objects:  # an alias: count what it stands for again
            self._alias_nodes += _size(node)
            if self._alias_nodes > MAX_ALIAS_NODES:
                raise yaml.constructor.ConstructorError(
                    None, None, f"别名展开后超过 {MAX_ALIAS_NODES} 个节点", node.start_mark
                )
        return super().construct_object(node, deep=deep)  # type: ignore[misc]


def _size(node: yaml.Node, limit: int = MAX_ALIAS_NODES + 1) -> int:
    """Nodes under `node` (counted iteratively, stopping past `limit`)."""
    import yaml

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
        return problem  # our own (_Strict)
    for english, chinese in _YAML_PROBLEMS.items():
        if english in problem or english in (exc.context or ""):
            return chinese
    return "语法错误"


@cache
def _strict(loader: type) -> type:
    """`loader` (a safe loader: libyaml's or PyYAML's) with the strict checks mixed in."""
    return type(f"Strict{loader.__name__}", (_Strict, loader), {})


def load_yaml(text: str, loader: type | None = None) -> Any:
    """The data of a YAML document (safe: plain types only, checked strictly); yaml.YAMLError when
    it does not parse, RecursionError when the pure loader meets deep nesting."""
    import yaml

    return yaml.load(text, Loader=_strict(loader or sys.modules[__name__].SAFE_LOADER))


def load_yaml_file(path: Path, error: type[BudgetlintError], what: str) -> Any:
    """The YAML document in `path`; `error` (RuleError, TemplateError …) with one line otherwise.

    `what` names the file's role in the message (规则文件, 用例文件, 模板文件 …).
    """
    import yaml

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
        line = data[: exc.start].count(b"\n") + 1
        raise error(f"{what}不是 UTF-8 编码（第 {line} 行起），请另存为 UTF-8", path=shown) from exc
    try:
        return load_yaml(text)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        problem = _yaml_problem(exc)
        raise error(f"{what}不是合法的 YAML：{problem}", path=shown, line=mark.line + 1 if mark else None) from exc
    except (yaml.YAMLError, RecursionError) as exc:
        raise error(f"{what}不是合法的 YAML：嵌套过深或结构有误", path=shown) from exc
