"""Template specs as typed data: what a template's tables look like (rules/templates/<id>/template.yaml
and tables/*.yaml), the parts a disclosure of it must have, and its narrative vocabulary
(narrative.yaml). recognize/templates.py loads them; every later layer reads them."""

from __future__ import annotations

import re
from functools import cached_property
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from budgetlint.labels import normalise_subject, squeeze
from budgetlint.patterns import Regex


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)  # validator built on first use


class ColumnSpec(Strict):
    role: str
    index: int  # position among the printed cells of a data row
    header: str  # what users read, e.g. 一般公共预算


class SideSpec(Strict):
    """One side of a table: a label column and value columns (收支总表 has two sides)."""

    name: str = "main"
    label: list[int]  # cell positions that hold the row label (code, name)
    # 科目编码 printed over several cells (类 | 款 | 项: "204" "06" "01"), joined into one code
    # ("2040601"); a 类 row fills only the first. The label cells then hold the name only.
    code_columns: list[int] = Field(default_factory=list)
    columns: list[ColumnSpec] = Field(default_factory=list)
    text_columns: list[ColumnSpec] = Field(default_factory=list)  # labels kept as text, e.g. 经济分类


class RowRoleSpec(Strict):
    """How a row gets a role: by label, pattern, numbering, position or empty text columns."""

    role: str
    side: str = "main"
    labels: list[str] = Field(default_factory=list)
    pattern: Regex | None = None
    numbered: bool | None = None
    empty: list[str] = Field(default_factory=list)  # text columns that must be empty
    not_empty: list[str] = Field(default_factory=list)
    coded: bool | None = None  # True: only rows with a 科目编码; False: only rows without
    code_digits: int | None = None  # only rows whose 科目编码 has this many digits (3: 类)
    after: str | None = None  # only rows after the (first) row with this role
    before: str | None = None  # only rows before the (first) row with this role
    first: bool = False  # only the first data row of its side (a table's own total row)


class TableSpec(Strict):
    id: str
    number: str  # 表1 …: how the template numbers the table
    name: str  # canonical Chinese name
    title_patterns: list[Regex]
    title_in_first_row: bool = False  # the title is the table's own first row (one-cell-per-line)
    unit: str | None = None  # overrides the template unit when the document prints none
    width: int | None = None  # printed cells in a full data row
    right_anchored: int = 0  # in a short row, this many last cells keep their place at the right
    sides: list[SideSpec] = Field(default_factory=list)
    rows: list[RowRoleSpec] = Field(default_factory=list)
    expected: list[str] = Field(default_factory=list)  # column roles the kind has even where a header lacks them
    unplaced: list[str] = Field(default_factory=list)  # headers of value columns no role was found for
    header_rows: int | None = None  # leading rows that are the header (set when read from it); None: found by labels

    def matches_title(self, title: str) -> bool:
        """`title` as printed; see matches_squeezed for a title already squeezed."""
        return self.matches_squeezed(squeeze(title))

    def matches_squeezed(self, squeezed: str) -> bool:
        return any(p.search(squeezed) for p in self._compiled)

    @cached_property
    def _compiled(self) -> tuple[re.Pattern[str], ...]:
        # compiled once per spec: template choice asks every spec about every title-like paragraph
        return tuple(re.compile(p) for p in self.title_patterns)

    @property
    def value_roles(self) -> list[str]:
        """Value column roles in order; a role printed on two sides (决算数 | 决算数) counts once."""
        return list(dict.fromkeys(c.role for s in self.sides for c in s.columns))

    @model_validator(mode="after")
    def _consistent(self) -> TableSpec:
        side_names = {s.name for s in self.sides}
        # a role is unique within a side; two sides may print the same measure (基本支出决算表
        # prints 经济分类 | 决算数 twice side by side), but a text role is never a value role
        for side in self.sides:
            roles = [c.role for c in side.columns + side.text_columns]
            if len(roles) != len(set(roles)):
                raise ValueError(f"表 {self.id}：同一列角色用了两次")
        value = {c.role for s in self.sides for c in s.columns}
        if value & {c.role for s in self.sides for c in s.text_columns}:
            raise ValueError(f"表 {self.id}：同一列角色既是数值列又是文字列")
        for r in self.rows:
            if r.side not in side_names:
                raise ValueError(f"表 {self.id}：行角色 {r.role} 的 side {r.side} 不存在")
        return self


Scope = Literal["department", "unit"]  # 部门 or 单位 disclosure


class PartSpec(Strict):
    """One part an inspector's 检查表 names (封面, 目录, a table, a 情况说明 section …) and how it is found.

    Exactly one of `table` (a table id of this template), `heading` (a regex over short heading-like
    paragraphs, squeezed: no white space, full-width brackets), `text` (a regex searched in any
    paragraph) or `performance` (the recognised 整体支出绩效目标申报表 `overall` or 项目支出绩效目标表
    `project`).
    """

    id: str
    name: str  # the row name of the 检查表
    table: str | None = None
    heading: Regex | None = None
    text: Regex | None = None
    performance: Literal["overall", "project"] | None = None
    titles: list[Regex] = Field(default_factory=list)  # regexes: finding locations (squeezed) that belong here
    parent: str | None = None  # the part this one sits in (a 情况说明 section in 情况说明)
    group: str | None = None  # parts whose order is checked together (tables, narrative)
    required: bool = True
    required_if_data: str | None = None  # a table id: required only when that table has data
    scopes: list[Scope] = Field(default_factory=list)  # empty: both; [department]: only 部门 disclosures have it
    toc: bool = True  # the 目录 lists it
    row: bool = True  # the 检查表 has a row for it; False: checked, but its findings go to its parent's row
    may_be_empty: bool = False  # tables: may be empty, but then only with a 本表无数据 note
    note_words: list[str] = Field(default_factory=list)  # words that name this table in a 无数据 note

    @model_validator(mode="after")
    def _one_way_to_find(self) -> PartSpec:
        ways = [w for w in (self.table, self.heading, self.text, self.performance) if w]
        if len(ways) != 1:
            raise ValueError(f"部分 {self.id}：table、heading、text、performance 只能且必须给出一个")
        return self


class PartsSpec(Strict):
    """The parts a disclosure of this template must have, in document order, and how its scope is told."""

    scope: dict[Scope, Regex] = Field(default_factory=dict)  # regex over squeezed paragraphs (cover/title)
    toc: str = "toc"  # the id of the part that is the 目录 (its lines are not the body)
    items: list[PartSpec] = Field(default_factory=list)

    def get(self, part_id: str) -> PartSpec | None:
        return next((p for p in self.items if p.id == part_id), None)


class NarrativeItemsSpec(Strict):
    """Numbered 编制说明 items that name a budget class and state its amount, as Shanghai budgets print
    them: 1、公共安全支出（204类）司法（06款）行政运行（01项）1672.67万元 … 2026年预算安排1672.67万元 /
    1.“一般公共服务支出（类）财政事务（款）行政运行（项）”1,623.18万元 / 1.“X-Y-Z”科目A万元 /
    1.“一般公共服务支出”科目12,789万元.

    The item's first amount and the later amounts whose subject is one of `restated` (预算安排) bind to
    the class's row -- found by its codes, or by its names along the code hierarchy -- in the first of
    `tables` that prints it; a class no table prints, or prints twice, stays unbound.
    """

    tables: list[str]
    column: str = "total"
    restated: list[str] = Field(default_factory=lambda: ["预算安排"])


# -- narrative.yaml: the subjects a narrative amount may be bound to ---------------------------------


class FactPath(Strict):
    table: str
    row: str
    column: str


class SubjectSpec(Strict):
    names: list[str]
    sections: list[Regex] = Field(default_factory=list)  # regexes on the section heading; empty: anywhere
    facts: list[FactPath]  # added up when several

    @cached_property
    def normalised_names(self) -> frozenset[str]:
        return frozenset(normalise_subject(n) for n in self.names)


class ClassSpec(Strict):
    """In these sections a 类 name (教育支出) binds to the 类 row of `table` with that name."""

    sections: list[Regex]
    table: str
    column: str
    roles: list[str] = Field(default_factory=list)  # rows with these roles (tables without codes)


class Vocabulary(Strict):
    subjects: list[SubjectSpec] = Field(default_factory=list)
    classes: list[ClassSpec] = Field(default_factory=list)

    def extended_by(self, own: Vocabulary | None) -> Vocabulary:
        """This (a national base's) vocabulary with a province's own on top: an own entry replaces
        every entry here that shares one of its names (whose other names stay), own 类 entries
        replace these. So a province's narrative.yaml says only what differs from the base."""
        if own is None:
            return self
        taken = {n for spec in own.subjects for n in spec.normalised_names}
        kept = []
        for spec in self.subjects:
            names = [n for n in spec.names if normalise_subject(n) not in taken]
            if names:
                kept.append(spec if len(names) == len(spec.names) else spec.model_copy(update={"names": names}))
        return Vocabulary(subjects=own.subjects + kept, classes=own.classes or self.classes)


class TemplateSpec(Strict):
    id: str
    title: str
    kind: str  # budget | final_account
    region: str
    unit: str  # default unit of the tables
    min_tables: int = 1  # a document uses this template when at least this many tables are found
    # A national base (national-budget, national-final-account): besides its own table files, it
    # recognises every national table kind of its document kind by meaning (recognize/national.py),
    # and a document no province template fits is checked with it.
    national: bool = False
    # The base a province template extends: rules written for the base apply to it, and a table its
    # own files do not describe is recognised by the base's national vocabulary.
    extends: str | None = None
    unit_name_patterns: list[Regex] = Field(default_factory=list)
    year_patterns: list[Regex] = Field(default_factory=list)
    empty_note_pattern: Regex = r"^注[:：]?\s*本表无数据"
    tables: list[TableSpec] = Field(default_factory=list)
    parts: PartsSpec | None = None  # required parts for completeness rules and the 检查表 (optional)
    narrative_items: NarrativeItemsSpec | None = None  # 编制说明 items bound to coded rows (optional)
    narrative: Vocabulary | None = None  # narrative.yaml beside template.yaml, loaded with it (optional)

    def table(self, table_id: str) -> TableSpec | None:
        return next((t for t in self.tables if t.id == table_id), None)

    def titled(self, squeezed: str) -> list[TableSpec]:
        """The tables, titled above them (not in their own first row), whose title patterns match
        the squeezed paragraph `squeezed`, in the template's order."""
        screen = self._title_screen
        if screen is not None and not screen.search(squeezed):
            return []
        return [t for t in self.tables if not t.title_in_first_row and t.matches_squeezed(squeezed)]

    @cached_property
    def _title_screen(self) -> re.Pattern[str] | None:
        """The alternation of every table's title patterns: it matches exactly where one of them
        does, so most paragraphs (no title) are ruled out by one search instead of one per table --
        template choice asks every template about every paragraph above a table. None when the
        patterns do not combine (a group name used by two)."""
        try:
            return re.compile("|".join(f"(?:{p})" for t in self.tables for p in t.title_patterns))
        except re.error:
            return None

    @model_validator(mode="after")
    def _parts_refer_to_known_things(self) -> TemplateSpec:
        if self.parts is None:
            return self
        ids = [p.id for p in self.parts.items]
        if len(ids) != len(set(ids)):
            raise ValueError("parts：部分 id 重复")
        table_ids = {t.id for t in self.tables}
        for part in self.parts.items:
            for ref in (part.table, part.required_if_data):
                if ref and ref not in table_ids:
                    raise ValueError(f"部分 {part.id}：表 {ref} 不在本模板中")
            if part.parent and part.parent not in ids:
                raise ValueError(f"部分 {part.id}：上级部分 {part.parent} 不存在")
        return self
