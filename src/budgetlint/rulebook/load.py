"""Load rule packs: every <ID>.yaml under rules/ (templates/, vocabulary/, cases/, *.cases.yaml and the
check kinds' default messages, rules/messages.yaml, excluded).

A rule states its `message` only when it says more than its check kind's default (messages.yaml):
the loader fills the default in, so a loaded Rule always holds its effective message.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from pydantic import ValidationError

from budgetlint.checks import CHECK_KINDS
from budgetlint.checks.across import ACROSS_KINDS
from budgetlint.errors import RuleError
from budgetlint.limits import DEFAULT_LIMITS, Limits
from budgetlint.load_cache import cached
from budgetlint.model.rule import Rule, check_message_template
from budgetlint.paths import rules_root
from budgetlint.patterns import validation_context
from budgetlint.validation import validation_message
from budgetlint.yaml_loader import load_yaml_file


def rule_files(root: Path) -> list[Path]:
    files = []
    for path in sorted(root.rglob("*.yaml")):
        rel = path.relative_to(root)
        if (
            rel.parts[0] in ("templates", "vocabulary", "cases")
            or path.name.endswith(".cases.yaml")
            or path.name in ("pack.yaml", MESSAGES_FILE)
        ):
            continue
        files.append(path)
    return files


MESSAGES_FILE = "messages.yaml"


def default_messages() -> dict[str, str]:
    """Check kind -> the message its rules print unless they state their own (rules/messages.yaml)."""
    path = rules_root() / MESSAGES_FILE
    data = load_yaml_file(path, RuleError, "默认消息文件")
    if not isinstance(data, dict) or not all(isinstance(k, str) and isinstance(v, str) for k, v in data.items()):
        raise RuleError("默认消息文件应为“检查类型: 消息”的映射", path=str(path))
    for kind, message in data.items():
        try:
            check_message_template(message)
        except ValueError as exc:
            raise RuleError(f"字段 {kind}：{exc}", path=str(path)) from exc
    return data


def load_rule(path: Path, messages: dict[str, str] | None = None, limits: Limits = DEFAULT_LIMITS) -> Rule:
    """The rule of one file; `messages` (default_messages()) supplies the message a rule omits."""
    context = validation_context(limits)
    data = load_yaml_file(path, RuleError, "规则文件")
    if not isinstance(data, dict):
        raise RuleError("规则文件应为一个 YAML 映射（键: 值）", path=str(path))
    if "message" not in data and isinstance(data.get("check"), dict):
        _module_of(data["check"].get("kind"), path)  # an unknown kind is said as such, not as a missing message
        default = (default_messages() if messages is None else messages).get(str(data["check"].get("kind")))
        if default is None:
            raise RuleError(
                f"规则未写 message，检查类型 {data['check'].get('kind')!r} 也没有默认消息（{MESSAGES_FILE}）",
                path=str(path),
            )
        data = {**data, "message": default}
    try:
        rule = Rule.model_validate({**data, "path": str(path)}, context=context)
    except ValidationError as exc:
        raise RuleError(f"规则定义有误：{validation_message(exc)}", path=str(path)) from exc
    if path.stem != rule.id:
        raise RuleError(f"规则文件名应与 id 一致：{rule.id}.yaml", path=str(path))
    kind = rule.check.get("kind")
    module = _module_of(kind, path)
    params = {k: v for k, v in rule.check.items() if k != "kind"}
    try:
        parsed = module.Params.model_validate(params, context=context)
    except ValidationError as exc:
        raise RuleError(f"检查参数有误：{validation_message(exc, prefix=('check',))}", path=str(path)) from exc
    return rule.model_copy(update={"params": parsed})


def _module_of(kind: object, path: Path):
    """The module of a check kind; RuleError naming the field when there is none."""
    module = (CHECK_KINDS.get(kind) or ACROSS_KINDS.get(kind)) if isinstance(kind, str) else None
    if module is None:
        known = sorted([*CHECK_KINDS, *ACROSS_KINDS])
        raise RuleError(f"字段 check.kind：未知的检查类型 {kind!r}（可用：{', '.join(known)}）", path=str(path))
    return module


def rules_folder(value: str | Path) -> Path:
    """A folder named by --rules: it must exist and be a folder ("" is not the current folder)."""
    if str(value) == "":
        raise RuleError("--rules 的值为空：请给出规则目录")
    folder = Path(value)
    if folder.is_file():
        raise RuleError("这是一个文件，--rules 需要规则所在的目录", path=str(value))
    if not folder.is_dir():
        raise RuleError("规则目录不存在", path=str(value))
    return folder


def load_rules(extra_dirs: Sequence[str | Path] | None = None, limits: Limits = DEFAULT_LIMITS) -> list[Rule]:
    """Bundled rules plus those under extra_dirs, sorted by id; ids and aliases must be unique.

    Loaded once per process: while the rule files stay as they are (path, size, modification
    time) and the limits the same, a later call returns the same (frozen) rules without reading
    YAML again. The bundled rules alone, under the default limits, come from the load cache
    when the CLI uses one (load_cache.py).
    """
    if not extra_dirs and limits == DEFAULT_LIMITS:
        return list(cached("rules", lambda: _reused(rule_files(rules_root()), limits)))
    paths = rule_files(rules_root())
    for folder in extra_dirs or []:
        paths += rule_files(rules_folder(folder))
    return list(_reused(paths, limits))


def _reused(paths: list[Path], limits: Limits) -> list[Rule]:
    """The rules of `paths`, loaded again only when a file changed since this process loaded them."""
    key = (limits, tuple((str(p), p.stat().st_mtime_ns, p.stat().st_size) for p in paths))
    rules = _LOADED.get(key)
    if rules is None:
        rules = _load(paths, limits)
        if len(_LOADED) >= _LOADED_MAX:
            _LOADED.pop(next(iter(_LOADED)))
        _LOADED[key] = rules
    return rules


_LOADED: dict[tuple, list[Rule]] = {}  # (limits, the rule files' (path, mtime, size)) -> their rules
_LOADED_MAX = 8


def _load(paths: list[Path], limits: Limits) -> list[Rule]:
    messages = default_messages()
    rules = [load_rule(p, messages, limits) for p in paths]
    seen: dict[str, str] = {}
    for rule in rules:
        for key in [rule.id, *rule.aliases]:
            if key in seen:
                raise RuleError(f"规则 id 或别名重复：{key}（另见 {seen[key]}）", path=rule.path)
            seen[key] = rule.path
    return sorted(rules, key=lambda r: r.id)
