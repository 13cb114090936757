"""From a SourceDocument to a Disclosure: choose the template, find titles, build tables."""

from __future__ import annotations

import re
from dataclasses import dataclass

from budgetlint.errors import InputError
from budgetlint.labels import squeeze
from budgetlint.model import Disclosure, SourceDocument
from budgetlint.model.document import Paragraph, RawTable
from budgetlint.model.templates import TableSpec, TemplateSpec
from budgetlint.numbers import exact_decimals
from budgetlint.recognize.narrative import narrative_paragraphs, read_narrative
from budgetlint.recognize.narrative.binding import bind_claims
from budgetlint.recognize.narrative.execution import extract_execution
from budgetlint.recognize.narrative.items import bind_items, item_class_names, read_items, unquote_class_names
from budgetlint.recognize.parts import find_parts, match_toc
from budgetlint.recognize.performance import parse_overall_target_table, parse_self_evaluations, parse_target_tables
from budgetlint.recognize.tables import TableBuilder
from budgetlint.recognize.templates import load_templates

_UNIT = re.compile(r"单位[:：]\s*(亿元|万元|元)")
_YEAR = re.compile(r"(20\d\d)\s*年")
_UNIT_TAIL = re.compile(r"\s*单位[:：]\s*(?:亿元|万元|元)\s*$")
TITLE_LOOKBACK = 6  # paragraphs between a table title and its table: 单位名称, 单位, 表N …


@dataclass
class Match:
    raw: RawTable
    spec: TableSpec
    title: str
    unit: str | None
    empty_note: str | None


def _clean_title(text: str) -> str:
    """The title as printed, without what the paragraph glued to it: a unit after it (收入决算表单位：
    万元) or a note before it (…故本表无数据。国有资本经营预算财政拨款收入支出决算表)."""
    title = _UNIT_TAIL.sub("", text.strip()) or text.strip()
    head, dot, tail = title.rpartition("。")
    return tail.strip() if dot and tail.strip() else title


def _raw_width(raw: RawTable) -> int:
    return max((len(r.cells) for r in raw.rows), default=0)


def _pick(candidates: list[TableSpec], raw: RawTable) -> TableSpec | None:
    """The spec for a table whose title several specs match: the one of the table's width.

    A template may describe one table in two layouts under the same id (codes in one column or
    split over 类/款/项 columns); the printed width tells them apart. Otherwise the first.
    """
    if not candidates:
        return None
    if len(candidates) > 1:
        width = _raw_width(raw)
        for spec in candidates:
            if spec.width == width:
                return spec
    return candidates[0]


def _title_in_rows(raw: RawTable, template: TemplateSpec) -> tuple[TableSpec | None, str | None, str | None]:
    """A title printed as the table's own first row (a one-cell row), and a unit in the rows
    above the header (编制单位：… | 单位：元)."""
    first_row = [c for c in raw.rows[0].cells if c] if raw.rows else []
    if len(first_row) != 1:
        return None, None, None
    text = squeeze(first_row[0])
    spec = _pick([t for t in template.tables if not t.title_in_first_row and t.matches_squeezed(text)], raw)
    if spec is None:
        return None, None, None
    unit = None
    for row in raw.rows[:3]:
        for cell in row.cells:
            m = _UNIT.search(cell)
            if m:
                unit = m.group(1)
                break
        if unit:
            break
    return spec, first_row[0].strip(), unit


def _classify(blocks: tuple, template: TemplateSpec, squeezed: dict[int, str]) -> list[Match]:
    """Tables of `blocks` that this template knows; `squeezed` holds each paragraph's squeezed text."""
    matches: list[Match] = []
    note = re.compile(template.empty_note_pattern)
    for i, block in enumerate(blocks):
        if not isinstance(block, RawTable):
            continue
        title, unit, spec = None, None, None
        first_row = [c for c in block.rows[0].cells if c] if block.rows else []
        for candidate in template.tables:
            if candidate.title_in_first_row and len(first_row) == 1 and candidate.matches_title(first_row[0]):
                spec, title = candidate, first_row[0]
                break
        if spec is None:
            for back in range(i - 1, max(i - 1 - TITLE_LOOKBACK, -1), -1):
                previous = blocks[back]
                if not isinstance(previous, Paragraph):
                    break
                m = _UNIT.search(previous.text)
                if m and unit is None:
                    unit = m.group(1)
                text = squeezed[back]
                found = _pick([t for t in template.tables
                               if not t.title_in_first_row and t.matches_squeezed(text)], block)
                if found:
                    spec, title = found, _clean_title(previous.text)
                    break
        if spec is None:
            spec, title, row_unit = _title_in_rows(block, template)
            unit = row_unit or unit
        if spec is None:
            continue
        empty_note = None
        if i + 1 < len(blocks) and isinstance(blocks[i + 1], Paragraph) and note.search(blocks[i + 1].text):
            empty_note = blocks[i + 1].text.strip()
        matches.append(Match(block, spec, title, unit, empty_note))
    return matches


def _first(patterns: list[str], paragraphs: list[str], group: str) -> str | None:
    for pattern in patterns:
        rx = re.compile(pattern)
        for text in paragraphs:
            m = rx.search(text)
            if m:
                return m.group(group).strip()
    return None


def squeezed_paragraphs(source: SourceDocument) -> dict[int, str]:
    return {i: squeeze(b.text) for i, b in enumerate(source.blocks) if isinstance(b, Paragraph)}


def choose_template(source: SourceDocument, templates: tuple[TemplateSpec, ...]) -> tuple[TemplateSpec, list[Match]]:
    best: tuple[TemplateSpec, list[Match]] | None = None
    squeezed = squeezed_paragraphs(source)
    for template in templates:
        matches = _classify(source.blocks, template, squeezed)
        distinct = len({m.spec.id for m in matches})
        if distinct >= template.min_tables and (best is None or distinct > len({m.spec.id for m in best[1]})):
            best = (template, matches)
    if best is None:
        raise InputError("未识别出任何预算或决算公开表格，这不像是一份预决算公开文件", path=source.path,
                         hint="支持的模板：" + "、".join(t.title for t in templates))
    return best


@exact_decimals
def recognize(source: SourceDocument, template_id: str | None = None) -> Disclosure:
    """Recognise everything in a document once, into one Disclosure: its tables, narrative claims and
    their bindings, performance tables, parts and 目录 links. `template_id` forces a template (rule
    cases use it)."""
    templates = load_templates()
    if template_id is not None:
        chosen = [t for t in templates if t.id == template_id]
        if not chosen:
            raise InputError(f"未知模板：{template_id}", path=source.path)
        template, matches = chosen[0], _classify(source.blocks, chosen[0], squeezed_paragraphs(source))
    else:
        template, matches = choose_template(source, templates)
    tables = []
    for m in matches:
        builder = TableBuilder(m.spec, path=source.path, title=m.title,
                               unit=m.unit or m.spec.unit or template.unit, page_basis=source.page_basis)
        tables.append(builder.build(m.raw, empty_note=m.empty_note))
    paragraphs = [b.text for b in source.blocks if isinstance(b, Paragraph)]
    unit_name = _first(template.unit_name_patterns, paragraphs, "unit")
    year_text = _first(template.year_patterns, paragraphs, "year")
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
        stats = stats.model_copy(update={"class_name": stats.class_name + len(added)})
    disclosure = Disclosure(path=source.path, unit=unit_name, year=int(year_text) if year_text else None,
                            kind=template.kind, template=template.id, template_spec=template, tables=tuple(tables),
                            source=source, narrative=tuple(paragraphs),
                            claims=claims + tuple(extract_execution(paragraphs)), narrative_stats=stats,
                            targets=tuple(parse_target_tables(source)),
                            overall_target=parse_overall_target_table(source),
                            self_evaluations=tuple(parse_self_evaluations(source)))
    bindings = bind_claims(disclosure, template.narrative) if template.narrative is not None else ()
    if template.narrative_items:
        bindings += bind_items(disclosure, template.narrative_items, items, bindings)
    parts = find_parts(disclosure, template)
    links, unlisted = match_toc(disclosure, parts)
    return disclosure.model_copy(update={"bindings": bindings, "parts": parts, "toc_links": tuple(links),
                                         "toc_unlisted": tuple(unlisted)})
