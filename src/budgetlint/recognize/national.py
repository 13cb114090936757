"""The national table kinds, recognised by meaning (rules/vocabulary/national-tables.yaml).

Every province prints the Ministry of Finance's tables with its own titles, numbering, word order
and column sets; a template that spells each title and places each column by position only knows
the samples it was written from. Here a table is recognised by what it is:

* its **kind** from the title's key words, in any order, after the numbering printed before it
  (公开01表, 公开表一, 表1-1, 附表1, 1., 一、 …) is stripped: 收支预算总表, 预算收支总表 and
  部门收支总体情况表 are one kind;
* its **columns** from the header rows above the first data row: each value column takes the role
  its header names (合计, 基本支出, 一般公共预算, 上年结转 …), a bare measure word (预算数, 决算数)
  the role of the header above it; label columns (names, 科目编码, 类/款/项) are told by their
  header words and by what their cells hold;
* its **rows** by the same row-role selectors a template uses.

The result is an ordinary TableSpec, so TableBuilder and every rule work on it unchanged. A title
that names no kind, or a header that places no value column, gives None: the table stays
unrecognised and is reported as such, never guessed.
"""

from __future__ import annotations

import re
from functools import cache, cached_property, lru_cache
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from budgetlint.errors import TemplateError
from budgetlint.labels import is_code, squeeze
from budgetlint.load_cache import bundled
from budgetlint.model.document import RawTable
from budgetlint.model.templates import ColumnSpec, RowRoleSpec, SideSpec, TableSpec
from budgetlint.numbers import parse_amount
from budgetlint.paths import rules_root
from budgetlint.patterns import Regex
from budgetlint.recognize.tables import is_column_numbers
from budgetlint.validation import validation_message
from budgetlint.yaml_loader import load_yaml_file

VOCABULARY = "vocabulary/national-tables.yaml"
_BOOK_QUOTES = str.maketrans("", "", "《》")
_CODE_PART = re.compile(r"^\d{2,3}$")


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)  # validator built on first use


class ColumnWord(Strict):
    role: str
    header: Regex  # regex on the squeezed header text
    side: str | None = None  # only on this side of a two-sided table
    parent: str | None = None  # only under a header (the row above) that matches this regex
    beside: str | None = None  # only in a table that also prints a column of this role


class KindSpec(Strict):
    id: str
    name: str
    all: list[Regex]  # regexes that must all be found in the title
    not_: list[Regex] = Field(default_factory=list, alias="not")
    two_sided: list[str] = Field(default_factory=list)  # side names, left to right
    expect: list[str] = Field(default_factory=list)  # column roles the kind has (reported when missing)
    columns: list[ColumnWord] = Field(default_factory=list)
    text_columns: list[ColumnWord] = Field(default_factory=list)  # label-like columns kept as text (经济分类)
    rows: list[RowRoleSpec] = Field(default_factory=list)

    def names(self, title: str) -> bool:
        return all(re.search(p, title) for p in self.all) and not any(re.search(p, title) for p in self.not_)


class NationalVocabulary(Strict):
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)  # validator built on first use

    numbering: list[Regex]
    measure_words: Regex
    title_shape: Regex  # how a table title ends (…表, …表（本年预算）)
    title_max: int = 60
    year_prefix: Regex
    not_tables: Regex
    unit_line: Regex  # a unit printed after a title (…总表单位：万元), cut before the title is read
    total_label: Regex  # the label of a total row
    label_headers: Regex  # headers of label columns (names, codes)
    code_headers: Regex  # headers of 科目编码 columns (类 | 款 | 项, 科目编码)
    disclosure: list[Regex] = Field(default_factory=list)
    columns: list[ColumnWord]
    three_public_columns: list[ColumnWord] = Field(default_factory=list)  # an anchor the kinds reuse
    budget: list[KindSpec]
    final_account: list[KindSpec]

    def kinds(self, document_kind: str) -> list[KindSpec]:
        return self.final_account if document_kind == "final_account" else self.budget

    @cached_property
    def numbering_patterns(self) -> tuple[re.Pattern[str], ...]:
        # compiled once: strip_numbering tries each of them up to three times per title
        return tuple(re.compile(p) for p in self.numbering)

    @cached_property
    def year_pattern(self) -> re.Pattern[str]:
        return re.compile(self.year_prefix)


@cache
@bundled("national")
def load_national(root: Path | None = None) -> NationalVocabulary:
    path = (root or rules_root()) / VOCABULARY
    data = load_yaml_file(path, TemplateError, "全国表式词表")
    if not isinstance(data, dict):
        raise TemplateError("全国表式词表应为一个 YAML 映射（键: 值）", path=str(path))
    try:
        return NationalVocabulary.model_validate(data)
    except ValidationError as exc:
        raise TemplateError(f"全国表式词表有误：{validation_message(exc)}", path=str(path)) from exc


def strip_numbering(squeezed: str, vocabulary: NationalVocabulary | None = None, year: bool = True) -> tuple[str, str]:
    """(title without its numbering prefix -- and, with `year`, its leading year --, the numbering as printed)."""
    vocabulary = vocabulary or load_national()
    title, number = squeezed.translate(_BOOK_QUOTES), ""
    for _ in range(3):  # 附表1、2024年… : numbering, then year, in either order
        before = title
        for pattern in vocabulary.numbering_patterns:
            m = pattern.search(title)
            if m and m.group(0):
                if m.start() == 0 and not number:
                    number = m.group(0).rstrip("：:、.．")
                title = title[: m.start()] + title[m.end() :]
        if year:
            title = vocabulary.year_pattern.sub("", title)
        if title == before:
            break
    return title, number


def _shaped(squeezed: str, vocabulary: NationalVocabulary) -> tuple[str, str] | None:
    """(title without numbering, unit and year; the numbering) when the text reads as a table title."""
    title, number = strip_numbering(re.sub(vocabulary.unit_line, "", squeezed), vocabulary)
    if not title or len(title) > vocabulary.title_max or "。" in title or not re.search(vocabulary.title_shape, title):
        return None
    return title, number


@lru_cache(maxsize=4096)  # a title is asked about by every table it heads (83 绩效目标表 in one document)
def is_table_title(squeezed: str) -> bool | None:
    """None: the text is no table title; False: a title of a table left to others (绩效); True: a table title."""
    vocabulary = load_national()
    shaped = _shaped(squeezed, vocabulary)
    if shaped is None:
        return None
    return not re.search(vocabulary.not_tables, shaped[0])


@lru_cache(maxsize=4096)  # every template asks about the same paragraphs
def title_kind(squeezed: str, document_kind: str) -> tuple[KindSpec, str] | None:
    """The national kind a squeezed title names, and its printed numbering; None when it names none."""
    vocabulary = load_national()
    shaped = _shaped(squeezed, vocabulary)
    if shaped is None or re.search(vocabulary.not_tables, shaped[0]):
        return None
    kind = next((k for k in vocabulary.kinds(document_kind) if k.names(shaped[0])), None)
    return (kind, shaped[1]) if kind else None


# ------------------------------------------------------------------------------------- header


def _filled_left(row: tuple[str, ...], width: int) -> list[str]:
    """A header row with each merged cell's text carried over the empty cells to its right."""
    out, last = [], ""
    for j in range(width):
        text = squeeze(row[j]) if j < len(row) else ""
        last = text or last
        out.append(last)
    return out


def _header_texts(header: list[tuple[str, ...]], width: int) -> list[tuple[str, str]]:
    """Per column: (leaf, parent). The leaf is the lowest header text printed in the column; the
    parent the text of the row above it, carried over merged cells (本年支出 over 合计 | 基本支出)."""
    out = []
    filled = [_filled_left(row, width) for row in header]
    for j in range(width):
        leaf_row = next(
            (r for r in range(len(header) - 1, -1, -1) if j < len(header[r]) and squeeze(header[r][j])), None
        )
        if leaf_row is None:
            out.append(("", ""))
            continue
        leaf = squeeze(header[leaf_row][j])
        parent = filled[leaf_row - 1][j] if leaf_row > 0 else ""
        out.append((leaf, parent if parent != leaf else ""))
    return out


def _split(raw: RawTable) -> tuple[list[tuple[str, ...]], list[tuple[str, ...]]]:
    """Header rows (up to the first row holding an amount or a 科目编码; column-number rows left out)
    and data rows. Unlike a template's split, a row label proves nothing here: the one-row 三公 table
    prints 合计 as a column header."""
    rows = [r.cells for r in raw.rows if not is_column_numbers(list(r.cells))]
    label = re.compile(load_national().label_headers)
    start = next((i for i, cells in enumerate(rows) if _is_data(cells, i > 0, label)), len(rows))
    return rows[:start], rows[start:]


def _is_data(cells: tuple[str, ...], below_header: bool, label: re.Pattern) -> bool:
    """A row with an amount or a 科目编码; or, under a header, a row that prints only its label in
    the first column (an empty item: 因公出国（境）费 with no amount, an empty table's 合计) -- not a
    header row, which names columns (the one-row 三公 table prints 合计 among them)."""
    filled = [(j, c.strip()) for j, c in enumerate(cells) if c.strip()]
    if any(is_code(c) or parse_amount(c) is not None for _, c in filled):
        return True
    if len(filled) != 1 or filled[0][0] != 0:
        return False
    text = squeeze(filled[0][1])
    return bool(re.search(load_national().total_label, text)) or (below_header and not label.search(text))


def _content(data: list[tuple[str, ...]], j: int) -> tuple[int, int, int]:
    """(amounts, codes, texts) among the filled cells of column j."""
    amounts = codes = texts = 0
    for row in data:
        text = row[j].strip() if j < len(row) else ""
        if not text:
            continue
        if is_code(text):
            codes += 1
        elif parse_amount(text) is not None:
            amounts += 1
        else:
            texts += 1
    return amounts, codes, texts


def _role(
    leaf: str,
    parent: str,
    side: str | None,
    kind: KindSpec,
    vocabulary: NationalVocabulary,
    final: bool,
    printed: set[str] | None = None,
) -> str | None:
    """The role a column's header names; `printed`: the roles the table's other headers name (None
    on the first pass, which leaves out the words that depend on them)."""
    words = [
        w
        for w in kind.columns
        if w.side in (None, side)
        and (w.parent is None or re.search(w.parent, parent))
        and (w.beside is None or (printed is not None and w.beside in printed))
    ] + vocabulary.columns
    measure = bool(re.match(vocabulary.measure_words, leaf))
    texts = [parent + leaf, leaf] if measure else [leaf, parent + leaf]
    for text in texts:
        role = next((w.role for w in words if re.search(w.header, text)), None)
        if role:
            if final and measure and leaf.startswith("预算") and parent:
                return f"{role}_budget"  # 三公 决算表: 预算数 | 决算数 under each item
            return role
    return None


def resolve(kind: KindSpec, raw: RawTable, document_kind: str, number: str = "") -> TableSpec | None:
    """A TableSpec for `raw` as a table of `kind`, its columns placed by their headers."""
    vocabulary = load_national()
    header, data = _split(raw)
    width = max((len(r.cells) for r in raw.rows), default=0)
    texts = _header_texts(header, width)
    label_rx, code_rx = re.compile(vocabulary.label_headers), re.compile(vocabulary.code_headers)
    kinds: list[str] = []  # per column: label | code | value | none
    for j in range(width):
        leaf = texts[j][0]
        amounts, coded, words = _content(data, j)
        if code_rx.search(leaf) or (coded and coded >= amounts + words):
            kinds.append("code")
        elif label_rx.search(leaf) or words > amounts:
            kinds.append("label")
        elif leaf or amounts:
            kinds.append("value")
        else:
            kinds.append("none")
    # sides: a label column after a value column starts the next side
    groups: list[list[int]] = [[]]
    for j, k in enumerate(kinds):
        if k in ("label", "code") and any(kinds[i] == "value" for i in groups[-1]):
            groups.append([])
        groups[-1].append(j)
    names = kind.two_sided or ["main"]
    if len(groups) > len(names):
        return None  # more sides than the kind has: not this kind's layout
    final = document_kind == "final_account"
    sides, unplaced = [], []
    groups += [[] for _ in range(len(names) - len(groups))]
    named = (_role(*texts[j], None, kind, vocabulary, final) for j in range(width) if kinds[j] == "value")
    printed = {role for role in named if role is not None}
    for name, columns in zip(names, groups):
        codes = [j for j in columns if kinds[j] == "code"]
        labels = [j for j in columns if kinds[j] == "label"]
        text_columns = []
        for j in labels[1:]:
            role = next((w.role for w in kind.text_columns if re.search(w.header, texts[j][0])), None)
            if role:
                text_columns.append(ColumnSpec(role=role, index=j, header=texts[j][0]))
        labels = [j for j in labels if j not in {c.index for c in text_columns}]
        split = len(codes) > 1 or (codes and not _full_codes(data, codes[0]))
        values, seen = [], set()
        for j in columns:
            if kinds[j] != "value":
                continue
            role = _role(*texts[j], name if kind.two_sided else None, kind, vocabulary, final, printed)
            shown = "·".join(t for t in (texts[j][1], texts[j][0]) if t)
            if role and role not in seen:
                seen.add(role)
                values.append(ColumnSpec(role=role, index=j, header=shown or role))
            elif any(r[j].strip() for r in data if j < len(r)):
                unplaced.append(shown or f"#{j + 1}")
        sides.append(
            SideSpec(
                name=name,
                label=labels if split else codes[:1] + labels,
                code_columns=codes if split else [],
                columns=values,
                text_columns=text_columns,
            )
        )
    if not any(s.columns for s in sides):
        return None
    printed = {c.role for s in sides for c in s.text_columns}
    rows = [r for r in kind.rows if set(r.empty + r.not_empty) <= printed]  # selectors on columns printed
    return TableSpec(
        id=kind.id,
        number=number,
        name=kind.name,
        title_patterns=[],
        width=width,
        sides=sides,
        rows=rows,
        expected=kind.expect,
        unplaced=unplaced,
        header_rows=len(header),
    )


def _full_codes(data: list[tuple[str, ...]], j: int) -> bool:
    """Column j holds whole 科目编码 (205, 20503, 2050302), not one part of a split code."""
    cells = [r[j].strip() for r in data if j < len(r) and r[j].strip()]
    return any(len(c) > 3 for c in cells if _CODE_PART.match(c) or is_code(c))


def looks_like_disclosure(paragraphs: list[str]) -> bool:
    """Title words of a budget or final-account disclosure in a heading-like paragraph."""
    patterns = [re.compile(p) for p in load_national().disclosure]
    return any(len(p) <= 60 and any(rx.search(p) for rx in patterns) for p in paragraphs)
