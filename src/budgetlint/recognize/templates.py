"""Loading template specs (rules/templates/<id>/): the YAML validated into model/templates.py's types."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import TypeVar

from pydantic import BaseModel, ValidationError

from budgetlint.errors import TemplateError
from budgetlint.load_cache import bundled
from budgetlint.model.templates import TableSpec, TemplateSpec, Vocabulary
from budgetlint.paths import rules_root
from budgetlint.validation import validation_message
from budgetlint.yaml_loader import load_yaml_file

_Spec = TypeVar("_Spec", bound=BaseModel)


def _load_yaml(path: Path, what: str = "模板文件") -> dict:
    data = load_yaml_file(path, TemplateError, what) or {}
    if not isinstance(data, dict):
        raise TemplateError(f"{what}应为一个 YAML 映射（键: 值）", path=str(path))
    return data


def _validated(model: type[_Spec], path: Path, what: str, data: dict) -> _Spec:
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        raise TemplateError(f"{what}有误：{validation_message(exc)}", path=str(path)) from exc


def _table_data(path: Path, folder: Path) -> dict:
    """A table file's data. `extends: TEMPLATE` takes the table of the same id in that template (a
    sibling folder) and replaces only the fields this file states -- the Shanghai 单位 tables print
    the 部门 ones under other titles, so they state their titles and what else differs, not a copy."""
    data = _load_yaml(path)
    base_id = data.pop("extends", None)
    if base_id is None:
        return data
    base_tables = sorted((folder.parent / str(base_id) / "tables").glob("*.yaml"))
    base = next((d for d in map(_load_yaml, base_tables) if d.get("id") == data.get("id")), None)
    if base is None:
        raise TemplateError(f"字段 extends：模板 {base_id} 中没有 id 为 {data.get('id')} 的表", path=str(path))
    if "extends" in base:
        raise TemplateError(
            f"字段 extends：模板 {base_id} 的表 {data.get('id')} 本身也是 extends，只能继承一层", path=str(path)
        )
    return {**base, **data}


def load_template(folder: Path) -> TemplateSpec:
    """A template folder: template.yaml, tables/*.yaml (each possibly extending a table of another
    template) and narrative.yaml (the subjects narrative amounts bind to; none: this template binds
    none). A problem names the file it is in."""
    tables = [
        _validated(TableSpec, p, "表定义", _table_data(p, folder)) for p in sorted((folder / "tables").glob("*.yaml"))
    ]
    vocabulary = folder / "narrative.yaml"
    narrative = (
        _validated(Vocabulary, vocabulary, "正文主题词表", _load_yaml(vocabulary, "正文主题词表"))
        if vocabulary.exists()
        else None
    )
    main = folder / "template.yaml"
    return _validated(TemplateSpec, main, "模板定义", {**_load_yaml(main), "tables": tables, "narrative": narrative})


@cache
@bundled("templates")
def load_templates(root: Path | None = None) -> tuple[TemplateSpec, ...]:
    """All templates under rules/templates/, in id order."""
    base = (root or rules_root()) / "templates"
    folders = sorted(p for p in base.iterdir() if (p / "template.yaml").exists())
    templates = tuple(load_template(f) for f in folders)
    ids = [t.id for t in templates]
    if len(ids) != len(set(ids)):
        raise TemplateError("模板 id 重复", path=str(base))
    by_id = {t.id: t for t in templates}
    for t in templates:
        if t.extends is not None and (t.extends not in by_id or not by_id[t.extends].national):
            raise TemplateError(f"模板 {t.id} 的 extends 应为一个全国基础模板：{t.extends}", path=str(base))
    return tuple(_with_base_vocabulary(t, by_id) for t in templates)


def _with_base_vocabulary(template: TemplateSpec, by_id: dict[str, TemplateSpec]) -> TemplateSpec:
    """A template extending a base binds its narrative through the base's vocabulary, its own
    narrative.yaml on top (model/templates.py Vocabulary.extended_by)."""
    base = by_id[template.extends].narrative if template.extends else None
    if base is None:
        return template
    return template.model_copy(update={"narrative": base.extended_by(template.narrative)})


def lineage(template_id: str) -> tuple[str, ...]:
    """The template and the base it extends (a rule written for either applies)."""
    template = next((t for t in load_templates() if t.id == template_id), None)
    if template is None or template.extends is None:
        return (template_id,)
    return (template_id, template.extends)


def national_base(kind: str) -> TemplateSpec | None:
    """The national base template for a document kind (budget | final_account)."""
    return next((t for t in load_templates() if t.national and t.kind == kind), None)
