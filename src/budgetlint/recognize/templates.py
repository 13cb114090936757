"""Template specs (rules/templates/<id>/): what a template's tables look like, as validated data."""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from budgetlint.errors import TemplateError
from budgetlint.paths import rules_root
from budgetlint.recognize.labels import squeeze


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class ColumnSpec(Strict):
    role: str
    index: int  # position among the printed cells of a data row
    header: str  # what users read, e.g. 一般公共预算


class SideSpec(Strict):
    """One side of a table: a label column and value columns (收支总表 has two sides)."""

    name: str = "main"
    label: list[int]  # cell positions that hold the row label (code, name)
    columns: list[ColumnSpec] = Field(default_factory=list)
    text_columns: list[ColumnSpec] = Field(default_factory=list)  # labels kept as text, e.g. 经济分类


class RowRoleSpec(Strict):
    """How a row gets a role: by label, pattern, numbering, position or empty text columns."""

    role: str
    side: str = "main"
    labels: list[str] = Field(default_factory=list)
    pattern: str | None = None
    numbered: bool | None = None
    empty: list[str] = Field(default_factory=list)  # text columns that must be empty
    not_empty: list[str] = Field(default_factory=list)
    coded: bool | None = None  # True: only rows with a 科目编码; False: only rows without
    after: str | None = None  # only rows after the (first) row with this role
    before: str | None = None  # only rows before the (first) row with this role
    first: bool = False  # only the first data row of its side (a table's own total row)

    @model_validator(mode="after")
    def _compile(self) -> RowRoleSpec:
        if self.pattern:
            try:
                re.compile(self.pattern)
            except re.error as exc:
                raise ValueError(f"bad pattern {self.pattern!r}: {exc}") from exc
        return self


class TableSpec(Strict):
    id: str
    number: str  # 表1 …: how the template numbers the table
    name: str  # canonical Chinese name
    title_patterns: list[str]
    title_in_first_row: bool = False  # the title is the table's own first row (one-cell-per-line)
    unit: str | None = None  # overrides the template unit when the document prints none
    width: int | None = None  # printed cells in a full data row
    right_anchored: int = 0  # in a short row, this many last cells keep their place at the right
    sides: list[SideSpec] = Field(default_factory=list)
    rows: list[RowRoleSpec] = Field(default_factory=list)

    def matches_title(self, title: str) -> bool:
        """`title` as printed; see matches_squeezed for a title already squeezed."""
        return self.matches_squeezed(squeeze(title))

    def matches_squeezed(self, squeezed: str) -> bool:
        return any(p.search(squeezed) for p in self._compiled)

    @property
    def _compiled(self) -> list[re.Pattern]:
        return [re.compile(p) for p in self.title_patterns]  # re caches compiled patterns

    @property
    def value_roles(self) -> list[str]:
        return [c.role for s in self.sides for c in s.columns]

    @model_validator(mode="after")
    def _consistent(self) -> TableSpec:
        side_names = {s.name for s in self.sides}
        roles = [c.role for s in self.sides for c in s.columns + s.text_columns]
        if len(roles) != len(set(roles)):
            raise ValueError(f"table {self.id}: a column role is used twice")
        for r in self.rows:
            if r.side not in side_names:
                raise ValueError(f"table {self.id}: row role {r.role} names unknown side {r.side}")
        return self


class TemplateSpec(Strict):
    id: str
    title: str
    kind: str  # budget | final_account
    region: str
    unit: str  # default unit of the tables
    min_tables: int = 1  # a document uses this template when at least this many tables are found
    unit_name_patterns: list[str] = Field(default_factory=list)
    year_patterns: list[str] = Field(default_factory=list)
    empty_note_pattern: str = r"^注[:：]?\s*本表无数据"
    tables: list[TableSpec] = Field(default_factory=list)

    def table(self, table_id: str) -> TableSpec | None:
        return next((t for t in self.tables if t.id == table_id), None)


def _load_yaml(path: Path) -> dict:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise TemplateError(f"模板文件无法读取或不是合法的 YAML：{exc}", path=str(path)) from exc
    if not isinstance(data, dict):
        raise TemplateError("模板文件应为一个 YAML 映射", path=str(path))
    return data


def load_template(folder: Path) -> TemplateSpec:
    data = _load_yaml(folder / "template.yaml")
    tables = [_load_yaml(p) for p in sorted((folder / "tables").glob("*.yaml"))]
    try:
        return TemplateSpec(**data, tables=tables)
    except (ValidationError, TypeError) as exc:
        raise TemplateError(f"模板定义有误：{exc}", path=str(folder)) from exc


@cache
def load_templates(root: Path | None = None) -> tuple[TemplateSpec, ...]:
    """All templates under rules/templates/, in id order."""
    base = (root or rules_root()) / "templates"
    folders = sorted(p for p in base.iterdir() if (p / "template.yaml").exists())
    templates = tuple(load_template(f) for f in folders)
    ids = [t.id for t in templates]
    if len(ids) != len(set(ids)):
        raise TemplateError("模板 id 重复", path=str(base))
    return templates
