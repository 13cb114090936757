"""From a SourceDocument to a Disclosure: choose the template, find titles, build tables."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from functools import cached_property

from budgetlint.errors import InputError
from budgetlint.labels import squeeze
from budgetlint.model import Disclosure, SourceDocument
from budgetlint.model.document import Paragraph, RawTable
from budgetlint.model.templates import TableSpec, TemplateSpec
from budgetlint.numbers import exact_decimals
from budgetlint.recognize.composition import read_composition
from budgetlint.recognize.continuation import join_continuations, part_at_titles
from budgetlint.recognize.figures import read_figures
from budgetlint.recognize.narrative import narrative_paragraphs, read_narrative
from budgetlint.recognize.narrative.binding import bind_claims
from budgetlint.recognize.narrative.execution import extract_execution
from budgetlint.recognize.narrative.items import bind_items, item_class_names, read_items, unquote_class_names
from budgetlint.recognize.narrative.prose import read_prose
from budgetlint.recognize.narrative.stated_bases import read_stated_bases
from budgetlint.recognize.national import is_table_title, load_national, looks_like_disclosure, resolve, title_kind
from budgetlint.recognize.parts import find_parts, match_toc
from budgetlint.recognize.performance import parse_overall_target_table, parse_self_evaluations, parse_target_tables
from budgetlint.recognize.tables import TableBuilder
from budgetlint.recognize.templates import load_templates, national_base

_UNIT = re.compile(r"单位[:：]\s*(亿元|万元|元)")
_YEAR = re.compile(r"(20\d\d)\s*年")
TITLE_LOOKBACK = 6  # paragraphs between a table title and its table: 单位名称, 单位, 表N …


@dataclass
class Match:
    raw: RawTable
    spec: TableSpec
    title: str
    unit: str | None
    empty_note: str | None


def _without_unit_line(text: str) -> str:
    """`text` without a unit line glued after a title (收入决算表单位：万元, …预算表部门名称：某局):
    the national vocabulary's unit_line."""
    return re.sub(load_national().unit_line, "", text).strip()


def _clean_title(text: str) -> str:
    """The title as printed, without what the paragraph glued to it: a unit line after it or a note
    before it (…故本表无数据。国有资本经营预算财政拨款收入支出决算表)."""
    title = _without_unit_line(text) or text.strip()
    _, dot, tail = title.rpartition("。")
    return tail.strip() if dot and tail.strip() else title


class _TitleTexts:
    """Title candidates read once per text for all the tables of a document: a document prints one
    title above many tables (83 项目支出绩效目标表 in a budget)."""

    def __init__(self) -> None:
        self._above: dict[str, tuple[str, str, str | None]] = {}
        self._cleaned: dict[str, tuple[str, str]] = {}

    def above(self, printed: str, squeezed: str) -> tuple[str, str, str | None]:
        """(printed, `squeezed` -- the printed text squeezed -- without a unit line, the unit it states)."""
        if printed not in self._above:
            m = _UNIT.search(printed)
            self._above[printed] = (printed, _without_unit_line(squeezed), m.group(1) if m else None)
        return self._above[printed]

    def cleaned(self, printed: str) -> tuple[str, str]:
        """The title without what a paragraph glued to it (_clean_title), and squeezed."""
        if printed not in self._cleaned:
            title = _clean_title(printed)
            self._cleaned[printed] = (title, squeeze(title))
        return self._cleaned[printed]


class _Table:
    """A table of the document with what every template asks about it whatever the template: its
    first row, the paragraphs above it (its title candidates), the paragraph after it. Worked out
    once per document, since template choice asks every template in turn (choose_template)."""

    def __init__(self, blocks: tuple, i: int, squeezed: dict[int, str], titles: _TitleTexts) -> None:
        self.raw: RawTable = blocks[i]
        self._titles = titles
        self.first_row = [c for c in self.raw.rows[0].cells if c] if self.raw.rows else []
        # the paragraphs above it (up to another table), nearest first: (printed, squeezed)
        self.above: list[tuple[str, str]] = []
        for back in range(i - 1, max(i - 1 - TITLE_LOOKBACK, -1), -1):
            if not isinstance(blocks[back], Paragraph):
                break
            self.above.append((blocks[back].text, squeezed[back]))
        after = blocks[i + 1] if i + 1 < len(blocks) else None
        self.text_after = after.text if isinstance(after, Paragraph) else None

    @cached_property
    def first_cell(self) -> str | None:
        """The squeezed text of a first row of one cell (a title printed in the table)."""
        return squeeze(self.first_row[0]) if len(self.first_row) == 1 else None

    @cached_property
    def titles_above(self) -> list[tuple[str, str, str | None]]:
        """Per paragraph above: (printed, squeezed without a unit line, the unit it states)."""
        return [self._titles.above(printed, squeezed_text) for printed, squeezed_text in self.above]

    @cached_property
    def candidates(self) -> list[tuple[str, str]]:
        """Title candidates, nearest first (printed, squeezed): the paragraphs above, then its own
        first row when that row is one cell."""
        own = [(self.first_row[0], self.first_cell)] if self.first_cell is not None else []
        return self.above + own

    @cached_property
    def cleaned(self) -> list[tuple[str, str]]:
        """Per title candidate: the title without what a paragraph glued to it (_clean_title), and
        squeezed."""
        return [self._titles.cleaned(printed) for printed, _ in self.candidates]

    @cached_property
    def width(self) -> int:
        return max((len(r.cells) for r in self.raw.rows), default=0)

    @cached_property
    def unit_in_rows(self) -> str | None:
        """A unit printed in the rows above the header (编制单位：… | 单位：元)."""
        for row in self.raw.rows[:3]:
            for cell in row.cells:
                m = _UNIT.search(cell)
                if m:
                    return m.group(1)
        return None


def document_tables(source: SourceDocument, squeezed: dict[int, str]) -> list[_Table]:
    """The document's tables as template choice reads them (`squeezed`: squeezed_paragraphs)."""
    titles = _TitleTexts()
    return [_Table(source.blocks, i, squeezed, titles) for i, b in enumerate(source.blocks) if isinstance(b, RawTable)]


def _pick(candidates: list[TableSpec], table: _Table) -> TableSpec | None:
    """The spec for a table whose title several specs match: the one of the table's width.

    A template may describe one table in two layouts under the same id (codes in one column or
    split over 类/款/项 columns); the printed width tells them apart. Otherwise the first.
    """
    if not candidates:
        return None
    if len(candidates) > 1:
        for spec in candidates:
            if spec.width == table.width:
                return spec
    return candidates[0]


def _title_in_rows(
    table: _Table, titled: Callable[[str], list[TableSpec]]
) -> tuple[TableSpec | None, str | None, str | None]:
    """A title printed as the table's own first row (a one-cell row), and a unit in the rows
    above the header (编制单位：… | 单位：元). `titled`: the template's tables a title names."""
    if table.first_cell is None:
        return None, None, None
    spec = _pick(titled(table.first_cell), table)
    if spec is None:
        return None, None, None
    return spec, table.first_row[0].strip(), table.unit_in_rows


def _national(table: _Table, template: TemplateSpec, header: bool) -> tuple[TableSpec, str] | None:
    """The first title candidate that names a national kind, with the spec that places its
    columns: the template's own layout of that kind when the printed width is that layout's (the
    title was only spelled otherwise), else (with `header`) the columns read from the table's
    header. A title is read without what a paragraph glued to it (_clean_title: the note of the
    table before, …故本表无数据。表1-8 国有资本经营预算财政拨款收入支出决算表)."""
    for k, (_, squeezed_text) in enumerate(table.candidates):
        named = title_kind(squeezed_text, template.kind) or title_kind(table.cleaned[k][1], template.kind)
        if named is None:
            continue
        spec = next((t for t in template.tables if t.id == named[0].id and t.width == table.width), None)
        if spec is None and header:
            spec = resolve(named[0], table.raw, template.kind, named[1])
        return (spec, table.cleaned[k][0]) if spec is not None else None
    return None


def _classify(
    tables: list[_Table],
    template: TemplateSpec,
    header: bool = False,
    unrecognised: list[str] | None = None,
) -> list[Match]:
    """Tables of the document (`document_tables`) that this template knows.

    For a national base or a template extending one, a table whose title none of the template's
    own files matches is recognised by the national vocabulary: its kind from the title's key
    words, its columns from the template's own layout of that kind (same printed width) or, with
    `header`, from its header. The titles of tables still unknown go to `unrecognised`.
    """
    by_kind = template.national or template.extends is not None
    matches: list[Match] = []
    note = re.compile(template.empty_note_pattern)
    titled_in_row = [t for t in template.tables if t.title_in_first_row]
    read: dict[str, list[TableSpec]] = {}  # a title printed above many tables (83 绩效目标表) is read once

    def titled(text: str) -> list[TableSpec]:
        if text not in read:
            read[text] = template.titled(text)
        return read[text]

    for table in tables:
        title, unit, spec = None, None, None
        if table.first_cell is not None:
            spec = next((t for t in titled_in_row if t.matches_squeezed(table.first_cell)), None)
            title = table.first_row[0] if spec is not None else None
        if spec is None:
            for printed, text, stated in table.titles_above:
                unit = unit or stated
                found = _pick(titled(text), table)
                if found:
                    spec, title = found, _clean_title(printed)
                    break
        if spec is None:
            spec, title, row_unit = _title_in_rows(table, titled)
            unit = row_unit or unit
        if spec is None and by_kind:
            named = _national(table, template, header)
            if named is not None:
                spec, title = named
                unit = unit or table.unit_in_rows
        if spec is None or title is None:
            if unrecognised is not None:
                _note_unrecognised(table, unrecognised)
            continue
        empty_note = None
        if table.text_after is not None and note.search(table.text_after):
            empty_note = table.text_after.strip()
        matches.append(Match(table.raw, spec, title, unit, empty_note))
    return matches


def _note_unrecognised(table: _Table, out: list[str]) -> None:
    """A table with a title-like paragraph above it (…表) that no kind names: said in the report.
    Tables the vocabulary leaves to others (绩效 tables: recognize/performance.py) are not listed."""
    for printed, text in table.candidates:
        shaped = is_table_title(text)
        if shaped is not None:
            if shaped:
                out.append(_clean_title(printed))
            return


def _first(patterns: list[str], paragraphs: list[str], group: str) -> str | None:
    for pattern in patterns:
        rx = re.compile(pattern)
        for text in paragraphs:
            m = rx.search(text)
            if m:
                return m.group(group).strip()
    return None


@dataclass(frozen=True)
class Identity:
    """Whose disclosure a document is, as its cover and titles state it."""

    unit: str
    year: int
    kind: str  # budget | final_account
    template: str


def identify(source: SourceDocument) -> Identity | None:
    """Unit, year and kind by the first template whose unit-name and year patterns both match the
    document's paragraphs; no table is needed, so the text half of a split disclosure has one too.
    None when no template's patterns name both."""
    paragraphs = [b.text for b in source.blocks if isinstance(b, Paragraph)]
    for template in load_templates():
        unit = _first(template.unit_name_patterns, paragraphs, "unit")
        year = _first(template.year_patterns, paragraphs, "year")
        if unit and year:
            return Identity(unit=squeeze(unit), year=int(year), kind=template.kind, template=template.id)
    return None


def squeezed_paragraphs(source: SourceDocument) -> dict[int, str]:
    return {i: squeeze(b.text) for i, b in enumerate(source.blocks) if isinstance(b, Paragraph)}


def document_kind(squeezed: dict[int, str]) -> str:
    """budget or final_account, by the heading-like paragraphs that name one or the other."""
    final = sum(1 for t in squeezed.values() if len(t) <= 60 and "决算" in t)
    budget = sum(1 for t in squeezed.values() if len(t) <= 60 and "预算" in t and "决算" not in t)
    return "final_account" if final > budget else "budget"


def _distinct(matches: list[Match]) -> int:
    return len({m.spec.id for m in matches})


def choose_template(
    source: SourceDocument, templates: tuple[TemplateSpec, ...]
) -> tuple[TemplateSpec, list[Match], list[str], bool]:
    """The template whose own table files find most distinct tables (at least its min_tables); when
    none does, the national base of the document's kind. Then, for a national base or a template
    that extends one, the tables its files do not describe are recognised by meaning.

    Returns the template, the matches, the titles of tables left unrecognised and whether a template
    fitted. A document is turned away only when nothing in it reads as a budget or final-account
    disclosure.
    """
    squeezed = squeezed_paragraphs(source)
    tables = document_tables(source, squeezed)
    best: tuple[TemplateSpec, list[Match]] | None = None
    for template in templates:
        if not template.tables:
            continue  # a base without table files of its own fits no document by its own tables
        matches = _classify(tables, template)
        if _distinct(matches) >= template.min_tables and (best is None or _distinct(matches) > _distinct(best[1])):
            best = (template, matches)
    chosen = best[0] if best else national_base(document_kind(squeezed))
    if chosen is None:
        raise InputError("未识别出任何预算或决算公开表格，这不像是一份预决算公开文件", path=source.path)
    return (chosen, *_with_national(source, chosen, tables, squeezed, best[1] if best else []), best is not None)


def _with_national(
    source: SourceDocument,
    template: TemplateSpec,
    tables: list[_Table],
    squeezed: dict[int, str],
    matches: list[Match],
    refuse: bool = True,
) -> tuple[list[Match], list[str]]:
    """The template's matches plus the national kinds it leaves open (a kind its own files found
    in this document is not found twice); a document that reads as no disclosure is refused."""
    unrecognised: list[str] = []
    if template.national or template.extends:
        found = _classify(tables, template, True, unrecognised)
        matched = {id(m.spec) for m in matches}  # found by the template's own titles
        exact = {m.spec.id for m in found if id(m.spec) in matched}
        matches = [m for m in found if id(m.spec) in matched or m.spec.id not in exact]
    if refuse and not matches and not looks_like_disclosure(list(squeezed.values())):
        raise InputError(
            "未识别出任何预算或决算公开表格，这不像是一份预决算公开文件",
            path=source.path,
            hint="预决算公开文件应有“部门预算”“单位决算”等标题或预决算表格",
        )
    return matches, unrecognised


@exact_decimals
def recognize(source: SourceDocument, template_id: str | None = None) -> Disclosure:
    """Recognise everything in a document once, into one Disclosure: its tables, narrative claims and
    their bindings, performance tables, parts and 目录 links. `template_id` forces a template (rule
    cases use it)."""
    source = part_at_titles(join_continuations(source))
    templates = load_templates()
    if template_id is not None:
        chosen = [t for t in templates if t.id == template_id]
        if not chosen:
            raise InputError(f"未知模板：{template_id}", path=source.path)
        squeezed = squeezed_paragraphs(source)
        in_document = document_tables(source, squeezed)
        template = chosen[0]
        matches, unrecognised = _with_national(
            source, template, in_document, squeezed, _classify(in_document, template), refuse=False
        )
        fits = True
    else:
        template, matches, unrecognised, fits = choose_template(source, templates)
    tables = []
    for m in matches:
        builder = TableBuilder(
            m.spec,
            path=source.path,
            title=m.title,
            unit=m.unit or m.spec.unit or template.unit,
            page_basis=source.basis_at(m.raw.location.line),
        )
        tables.append(builder.build(m.raw, empty_note=m.empty_note))
    texts = [b.text for b in source.blocks if isinstance(b, Paragraph)]
    unit_name = _first(template.unit_name_patterns, texts, "unit")
    year_text = _first(template.year_patterns, texts, "year")
    if year_text is None and matches:
        y = _YEAR.search(matches[0].title)
        year_text = y.group(1) if y else None
    paragraphs, found = narrative_paragraphs(source)
    narrative = read_narrative(paragraphs, found)
    claims, stats = unquote_class_names(narrative.claims), narrative.stats
    items = read_items(paragraphs) if template.narrative_items else []
    added = item_class_names(items, claims)
    if added:
        claims = claims + tuple(added)
        stats = replace(stats, class_name=stats.class_name + len(added))
    bases = read_stated_bases(paragraphs, claims)
    if bases:
        claims = claims + tuple(bases)
        stats = replace(stats, change=stats.change + len(bases))
    targets = tuple(parse_target_tables(source))
    overall = parse_overall_target_table(source)
    self_evaluations = tuple(parse_self_evaluations(source))
    prose = read_prose(source, paragraphs, targets, overall, self_evaluations)
    disclosure = Disclosure(
        path=source.path,
        unit=unit_name,
        year=int(year_text) if year_text else None,
        kind=template.kind,
        template=template.id,
        template_spec=template,
        tables=tuple(tables),
        unrecognised_tables=tuple(unrecognised),
        template_fits=fits,
        source=source,
        narrative=tuple(paragraphs),
        claims=claims + tuple(extract_execution(paragraphs)),
        narrative_stats=stats,
        targets=targets,
        overall_target=overall,
        self_evaluations=self_evaluations,
        **vars(prose),
    )
    bindings = bind_claims(disclosure, template.narrative) if template.narrative is not None else ()
    if template.narrative_items:
        bindings += bind_items(disclosure, template.narrative_items, items, bindings)
    parts = find_parts(disclosure, template, fits)
    links, unlisted = match_toc(disclosure, parts)
    disclosure = replace(
        disclosure, bindings=bindings, parts=parts, toc_links=tuple(links), toc_unlisted=tuple(unlisted)
    )
    return replace(disclosure, figures=read_figures(disclosure), composition=read_composition(disclosure))
