"""Load rule packs: every <ID>.yaml under rules/ (templates/, vocabulary/ and *.cases.yaml excluded)."""

from __future__ import annotations

from pathlib import Path

import yaml
from pydantic import ValidationError

from budgetlint.checks import CHECK_KINDS
from budgetlint.checks.across import ACROSS_KINDS
from budgetlint.errors import RuleError
from budgetlint.model.rule import Rule
from budgetlint.paths import rules_root
from budgetlint.yaml_loader import load_yaml


def rule_files(root: Path) -> list[Path]:
    files = []
    for path in sorted(root.rglob("*.yaml")):
        rel = path.relative_to(root)
        if rel.parts[0] in ("templates", "vocabulary") or path.name.endswith(".cases.yaml") or path.name == "pack.yaml":
            continue
        files.append(path)
    return files


def load_rule(path: Path) -> Rule:
    try:
        data = load_yaml(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise RuleError(f"规则文件无法读取或不是合法的 YAML：{exc}", path=str(path)) from exc
    if not isinstance(data, dict):
        raise RuleError("规则文件应为一个 YAML 映射", path=str(path))
    try:
        rule = Rule(**data, path=str(path))
    except (ValidationError, TypeError) as exc:
        raise RuleError(f"规则定义有误：{_short(exc)}", path=str(path)) from exc
    if path.stem != rule.id:
        raise RuleError(f"规则文件名应与 id 一致：{rule.id}.yaml", path=str(path))
    kind = rule.check.get("kind")
    module = (CHECK_KINDS.get(kind) or ACROSS_KINDS.get(kind)) if isinstance(kind, str) else None
    if module is None:
        known = sorted([*CHECK_KINDS, *ACROSS_KINDS])
        raise RuleError(f"未知的检查类型 kind: {kind!r}（可用：{', '.join(known)}）", path=str(path))
    params = {k: v for k, v in rule.check.items() if k != "kind"}
    try:
        parsed = module.Params(**params)
    except (ValidationError, TypeError) as exc:
        raise RuleError(f"检查参数有误：{_short(exc)}", path=str(path)) from exc
    return rule.model_copy(update={"params": parsed})


def _short(exc: Exception) -> str:
    if isinstance(exc, ValidationError):
        return "；".join(f"{'.'.join(str(p) for p in e['loc'])}: {e['msg']}" for e in exc.errors()[:3])
    return str(exc)


def load_rules(extra_dirs: list[Path] | None = None) -> list[Rule]:
    """Bundled rules plus those under extra_dirs, sorted by id; ids and aliases must be unique.

    Loaded once per process: while the rule files stay as they are (path, size, modification
    time), a later call returns the same (frozen) rules without reading YAML again.
    """
    paths = rule_files(rules_root())
    for folder in extra_dirs or []:
        if not Path(folder).is_dir():
            raise RuleError("规则目录不存在", path=str(folder))
        paths += rule_files(Path(folder))
    key = tuple((str(p), p.stat().st_mtime_ns, p.stat().st_size) for p in paths)
    rules = _LOADED.get(key)
    if rules is None:
        rules = _load(paths)
        if len(_LOADED) >= _LOADED_MAX:
            _LOADED.pop(next(iter(_LOADED)))
        _LOADED[key] = rules
    return list(rules)


_LOADED: dict[tuple, list[Rule]] = {}  # the rule files' (path, mtime, size) -> their rules
_LOADED_MAX = 8


def _load(paths: list[Path]) -> list[Rule]:
    rules = [load_rule(p) for p in paths]
    seen: dict[str, str] = {}
    for rule in rules:
        for key in [rule.id, *rule.aliases]:
            if key in seen:
                raise RuleError(f"规则 id 或别名重复：{key}（另见 {seen[key]}）", path=rule.path)
            seen[key] = rule.path
    return sorted(rules, key=lambda r: r.id)
