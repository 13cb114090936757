"""Load rule packs: every <ID>.yaml under rules/ (templates/, vocabulary/ and *.cases.yaml excluded)."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from pydantic import ValidationError

from budgetlint.checks import CHECK_KINDS
from budgetlint.checks.across import ACROSS_KINDS
from budgetlint.errors import RuleError
from budgetlint.limits import DEFAULT_LIMITS, Limits
from budgetlint.model.rule import Rule
from budgetlint.paths import rules_root
from budgetlint.patterns import validation_context
from budgetlint.validation import validation_message
from budgetlint.yaml_loader import load_yaml_file


def rule_files(root: Path) -> list[Path]:
    files = []
    for path in sorted(root.rglob("*.yaml")):
        rel = path.relative_to(root)
        if rel.parts[0] in ("templates", "vocabulary") or path.name.endswith(".cases.yaml") or path.name == "pack.yaml":
            continue
        files.append(path)
    return files


def load_rule(path: Path, limits: Limits = DEFAULT_LIMITS) -> Rule:
    context = validation_context(limits)
    data = load_yaml_file(path, RuleError, "规则文件")
    if not isinstance(data, dict):
        raise RuleError("规则文件应为一个 YAML 映射（键: 值）", path=str(path))
    try:
        rule = Rule.model_validate({**data, "path": str(path)}, context=context)
    except ValidationError as exc:
        raise RuleError(f"规则定义有误：{validation_message(exc)}", path=str(path)) from exc
    if path.stem != rule.id:
        raise RuleError(f"规则文件名应与 id 一致：{rule.id}.yaml", path=str(path))
    kind = rule.check.get("kind")
    module = (CHECK_KINDS.get(kind) or ACROSS_KINDS.get(kind)) if isinstance(kind, str) else None
    if module is None:
        known = sorted([*CHECK_KINDS, *ACROSS_KINDS])
        raise RuleError(f"字段 check.kind：未知的检查类型 {kind!r}（可用：{', '.join(known)}）", path=str(path))
    params = {k: v for k, v in rule.check.items() if k != "kind"}
    try:
        parsed = module.Params.model_validate(params, context=context)
    except ValidationError as exc:
        raise RuleError(f"检查参数有误：{validation_message(exc, prefix=('check',))}", path=str(path)) from exc
    return rule.model_copy(update={"params": parsed})


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
    YAML again.
    """
    paths = rule_files(rules_root())
    for folder in extra_dirs or []:
        paths += rule_files(rules_folder(folder))
    key = (limits, tuple((str(p), p.stat().st_mtime_ns, p.stat().st_size) for p in paths))
    rules = _LOADED.get(key)
    if rules is None:
        rules = _load(paths, limits)
        if len(_LOADED) >= _LOADED_MAX:
            _LOADED.pop(next(iter(_LOADED)))
        _LOADED[key] = rules
    return list(rules)


_LOADED: dict[tuple, list[Rule]] = {}  # (limits, the rule files' (path, mtime, size)) -> their rules
_LOADED_MAX = 8


def _load(paths: list[Path], limits: Limits) -> list[Rule]:
    rules = [load_rule(p, limits) for p in paths]
    seen: dict[str, str] = {}
    for rule in rules:
        for key in [rule.id, *rule.aliases]:
            if key in seen:
                raise RuleError(f"规则 id 或别名重复：{key}（另见 {seen[key]}）", path=rule.path)
            seen[key] = rule.path
    return sorted(rules, key=lambda r: r.id)
