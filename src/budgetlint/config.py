"""The project file: rule selection, severities and waived findings, like ruff's configuration.

Found from the current folder upward: the first folder holding `budgetlint.toml`, or a
`pyproject.toml` with a `[tool.budgetlint]` table, is the project (a budgetlint.toml wins in its
folder). `--config FILE` names one; `--isolated` uses none.

```toml
select = ["core", "NA"]          # as --select (--select on the command line replaces it)
ignore = ["NA012"]               # as --ignore
[severity]                       # a rule's severity, by id, name, group or prefix
NA014 = "info"
[[waivers]]                      # a finding accepted as it is
fingerprint = "6c9d39c571d44d7e" # the finding's fingerprint (JSON `fingerprint`)
reason = "与2025年预算比较的表述经主管部门同意"
expires = 2026-12-31             # optional: after this day the finding is reported again
rule = "NA007"                   # optional, for the reader
unit = "上海市普陀区司法局"          # optional: the document it was written for (unit, year), so
year = 2026                      # a waiver is called unused only where its document was checked
message = "…"                    # optional, for the reader
```

A mistake in the file (bad TOML, a waiver without fingerprint or reason, an unknown severity) is
a RuleError: one Chinese line naming the file, exit code 2.
"""

from __future__ import annotations

from pathlib import Path

from pydantic import BaseModel, ConfigDict, ValidationError

from budgetlint.errors import RuleError, os_reason
from budgetlint.model.findings import Waiver

PROJECT_FILE = "budgetlint.toml"
PYPROJECT = "pyproject.toml"


class Config(BaseModel):
    """A project file as validated (`load_config`), or none (`NO_CONFIG`). Its validator is built
    when a file is read: a run without one (and an import of this module) builds none."""

    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)

    select: list[str] | None = None
    ignore: list[str] | None = None
    # plain defaults, which pydantic copies for each instance: with `default_factory=list`,
    # `model_construct` asked inspect for list's signature, tokenizing its text (1.5 ms, once a process)
    severity: dict[str, str] = {}
    waivers: list[Waiver] = []
    path: str | None = None  # where it was read from (set by the loader)


def no_config() -> Config:
    """The configuration of a run without a project file: every default, nothing to validate."""
    return Config.model_construct()


def find_config(start: Path | None = None) -> Path | None:
    """The project file for `start` (default: the current folder) or any folder above it."""
    folder = (start or Path.cwd()).resolve()
    for candidate in [folder, *folder.parents]:
        own = candidate / PROJECT_FILE
        if own.is_file():
            return own
        pyproject = candidate / PYPROJECT
        if pyproject.is_file() and "budgetlint" in _table(pyproject).get("tool", {}):
            return pyproject
    return None


def _table(path: Path) -> dict:
    import tomllib  # only where a project file or pyproject.toml is there to read

    try:
        with path.open("rb") as fh:
            return tomllib.load(fh)
    except OSError as exc:
        raise RuleError(f"无法读取配置文件：{os_reason(exc)}", path=str(path)) from exc
    except tomllib.TOMLDecodeError as exc:
        raise RuleError(f"配置文件不是合法的 TOML：{exc}", path=str(path)) from exc


def load_config(path: Path) -> Config:
    data = _table(path)
    if path.name == PYPROJECT:
        data = data.get("tool", {}).get("budgetlint", {})
    try:
        config = Config(**data)
    except ValidationError as exc:
        problems = "；".join(f"{'.'.join(str(p) for p in e['loc'])}: {e['msg']}" for e in exc.errors()[:3])
        raise RuleError(f"配置文件有误：{problems}", path=str(path)) from exc
    bad = {rule: level for rule, level in config.severity.items() if level not in ("error", "warning", "info")}
    if bad:
        raise RuleError(f"配置文件有误：severity 只能是 error、warning 或 info（{bad}）", path=str(path))
    return config.model_copy(update={"path": str(path)})


def project_config(explicit: str | None = None, isolated: bool = False) -> Config:
    """The configuration a run uses: `explicit`, else the project file found upward, else none."""
    if isolated:
        return no_config()
    if explicit:
        if not Path(explicit).is_file():
            raise RuleError("配置文件不存在", path=explicit)
        return load_config(Path(explicit))
    path = find_config()
    return load_config(path) if path is not None else no_config()


def _quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


def _toml_list(items: list[str]) -> str:
    return "[" + ", ".join(_quote(i) for i in items) + "]"


def baseline_text(config: Config, waivers: list[Waiver]) -> str:
    """A project file holding `config`'s selection and severities and exactly `waivers`."""
    lines = ["# budgetlint 项目文件（budgetlint baseline 生成）：规则选择、级别和已豁免的问题", ""]
    if config.select is not None:
        lines.append(f"select = {_toml_list(config.select)}")
    if config.ignore is not None:
        lines.append(f"ignore = {_toml_list(config.ignore)}")
    if config.severity:
        lines += ["", "[severity]"] + [f"{_quote(k)} = {_quote(v)}" for k, v in sorted(config.severity.items())]
    for w in waivers:
        lines += ["", "[[waivers]]", f"fingerprint = {_quote(w.fingerprint)}"]
        lines += [f"{key} = {_quote(value)}" for key, value in (("rule", w.rule), ("unit", w.unit)) if value]
        if w.year is not None:
            lines.append(f"year = {w.year}")
        lines.append(f"reason = {_quote(w.reason)}")
        if w.expires is not None:
            lines.append(f"expires = {w.expires.isoformat()}")
        if w.message:
            lines.append(f"message = {_quote(w.message)}")
    return "\n".join(lines) + "\n"
