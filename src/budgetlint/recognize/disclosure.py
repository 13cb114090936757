"""From a SourceDocument to a Disclosure: choose the template, find titles, build tables."""

from __future__ import annotations

import re
from dataclasses import dataclass

from budgetlint.errors import InputError
from budgetlint.model import Disclosure, SourceDocument
from budgetlint.model.document import Paragraph, RawTable
from budgetlint.recognize.labels import normalise_label, squeeze
from budgetlint.recognize.narrative import extract_narrative
from budgetlint.recognize.narrative.binding import Binding, amount_fact, bind_claims, load_vocabulary, normalise_subject
from budgetlint.recognize.narrative.claims import AmountClaim, ClassNameClaim, Span, narrative_paragraphs
from budgetlint.recognize.narrative.execution import extract_execution
from budgetlint.recognize.performance import parse_overall_target_table, parse_self_evaluations, parse_target_tables
from budgetlint.recognize.tables import TableBuilder
from budgetlint.recognize.templates import NarrativeItemsSpec, TableSpec, TemplateSpec, load_templates

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


def recognize(source: SourceDocument, template_id: str | None = None) -> Disclosure:
    """Recognise the tables of a document; `template_id` forces a template (rule cases use it)."""
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
    narrative = extract_narrative(source)
    claims, stats = _unquote_class_names(narrative.claims), narrative.stats
    items = _read_items(source) if template.narrative_items else []
    added = _item_class_names(items, claims)
    if added:
        claims = claims + tuple(added)
        stats = stats.model_copy(update={"class_name": stats.class_name + len(added)})
    disclosure = Disclosure(path=source.path, unit=unit_name, year=int(year_text) if year_text else None,
                            kind=template.kind, template=template.id, tables=tuple(tables), source=source,
                            claims=claims + tuple(extract_execution(source)),
                            narrative_stats=stats,
                            targets=tuple(parse_target_tables(source)),
                            overall_target=parse_overall_target_table(source),
                            self_evaluations=tuple(parse_self_evaluations(source)))
    vocabulary = load_vocabulary(template.id)
    bindings = bind_claims(disclosure, vocabulary) if vocabulary is not None else ()
    if template.narrative_items:
        bindings += _bind_items(disclosure, template.narrative_items, items, bindings)
    if not bindings:
        return disclosure
    return disclosure.model_copy(update={"bindings": bindings})


# ---------------------------------------------------------------------------------------------
# 编制说明 items (TemplateSpec.narrative_items)
# ---------------------------------------------------------------------------------------------

_ITEM_NUMBER = re.compile(r"^\s*\d{1,2}\s*[、.．]\s*")
# 公共安全支出（204类） / “一般公共服务支出（类） / 司法（06款） / 行政运行（01项）”
_ITEM_LEVEL = re.compile(r"“?(?P<name>[^（()“”、，,。；;：:\d\s][^（()“”、，,。；;：:]*?)\s*"
                         r"[（(]\s*(?P<code>\d{2,3})?\s*(?P<level>类|款|项)\s*[)）]\s*”?")
# “一般公共服务支出-政府办公厅（室）及相关机构事务-行政运行”科目 / “一般公共服务支出”科目
_ITEM_QUOTED = re.compile(r"“(?P<chain>[^“”]{2,80}?)”\s*科目")
_ITEM_AMOUNT = re.compile(r"\s*”?\s*(?:科目)?\s*(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)\s*万元")
_LEVELS = ("类", "款", "项")
_CODE_DIGITS = {"类": 3, "款": 2, "项": 2}
_YEAR_IN_TEXT = re.compile(r"(20\d\d)\s*年")


@dataclass
class _Item:
    paragraph: Paragraph
    names: list[str]
    levels: list[str]
    codes: list[str | None]
    spans: list[tuple[int, int]]  # of each name in the paragraph
    amount_start: int  # where the item's amount (its number) starts in the paragraph


def _unquote_class_names(claims: tuple) -> tuple:
    """Class names without the quotation marks some documents print around a whole 类/款/项 chain
    (“一般公共服务支出（类）…（项）”): the name is 一般公共服务支出, not “一般公共服务支出."""
    def clean(claim):
        names = tuple(n.strip("“”\"") for n in claim.names)
        return claim if names == claim.names else claim.model_copy(update={"names": names})

    out = []
    for claim in claims:
        if isinstance(claim, ClassNameClaim):
            claim = clean(claim)
        elif isinstance(claim, AmountClaim) and claim.class_name is not None:
            inner = clean(claim.class_name)
            if inner is not claim.class_name:
                claim = claim.model_copy(update={"class_name": inner})
        out.append(claim)
    return tuple(out)


def _parse_item(paragraph: Paragraph) -> _Item | None:
    text = paragraph.text
    m = _ITEM_NUMBER.match(text)
    if not m:
        return None
    pos = m.end()
    names, levels, codes, spans = [], [], [], []
    while len(names) < 3:
        lv = _ITEM_LEVEL.match(text, pos)
        if not lv or lv.group("level") != _LEVELS[len(names)]:
            break
        code = lv.group("code")
        if code is not None and len(code) != _CODE_DIGITS[lv.group("level")]:
            return None
        names.append(lv.group("name").strip())
        levels.append(lv.group("level"))
        codes.append(code)
        spans.append((lv.start("name"), lv.end("name")))
        pos = lv.end()
    if not names:
        q = _ITEM_QUOTED.match(text, pos)
        if not q:
            return None
        parts = re.split(r"[-－—–]", q.group("chain"))
        if len(parts) > 3 or not all(parts):
            return None
        start = q.start("chain")
        for level, part in zip(_LEVELS, parts):
            names.append(part.strip())
            levels.append(level)
            codes.append(None)
            spans.append((start, start + len(part)))
            start += len(part) + 1
        pos = q.end()
    amount = _ITEM_AMOUNT.match(text, pos)
    if not amount:
        return None
    return _Item(paragraph, names, levels, codes, spans, amount.start("num"))


def _read_items(source: SourceDocument) -> list[_Item]:
    paragraphs, _ = narrative_paragraphs(source)
    return [item for item in map(_parse_item, paragraphs) if item is not None]


def _item_class_names(items: list[_Item], claims: tuple) -> list[ClassNameClaim]:
    """Class-name claims for items the claim extractor does not read as such (公共安全支出（204类）…):
    one per level, with the code of that level when the item prints every code up to it."""
    lines = {c.location.line for c in claims if isinstance(c, ClassNameClaim)}
    out = []
    for item in items:
        para = item.paragraph
        if para.location.line in lines or not all(item.codes):
            continue
        neighbour = next((c for c in claims if c.location.line == para.location.line), None)
        for k, (name, level, (start, end)) in enumerate(zip(item.names, item.levels, item.spans)):
            out.append(ClassNameClaim(
                span=Span(start=start, end=end, text=name), location=para.location,
                section=neighbour.section if neighbour else None,
                subsection=neighbour.subsection if neighbour else None,
                sentence=neighbour.sentence if neighbour else para.text,
                clause=neighbour.clause if neighbour else para.text,
                code="".join(item.codes[:k + 1]), names=(name,), levels=(level,)))
    return out


def _label(name: str) -> str:
    return normalise_label(name.strip("“”\""))[0]


def _item_rows(disclosure: Disclosure, spec: NarrativeItemsSpec, item: _Item) -> list:
    """The rows of `spec.tables` that print the item's class: by its codes, else by its names."""
    found = []
    code = "".join(item.codes) if all(item.codes) else None
    for table_id in spec.tables:
        for table in disclosure.tables_of(table_id):
            if code is not None:
                found += [r for r in table.rows if r.code == code]
                continue
            candidates = [r for r in table.rows if r.code and len(r.code) == 3 and r.label == _label(item.names[0])]
            for name in item.names[1:]:
                candidates = [r for r in table.rows for parent in candidates
                              if r.code and len(r.code) == len(parent.code) + 2 and r.code.startswith(parent.code)
                              and r.label == _label(name)]
            found += candidates
    return found


def _other_year(claim, year: int | None) -> bool:
    """The phrase of the amount (2026年预算安排…, not the 2025年当年预算执行数 before it) names
    another year than the document's."""
    if year is None:
        return False
    phrase = re.split(r"[，,；;。：:]", claim.clause.split(claim.span.text)[0])[-1]
    return any(int(y) != year for y in _YEAR_IN_TEXT.findall(phrase))


def _bind_items(disclosure: Disclosure, spec: NarrativeItemsSpec, items: list[_Item], bound: tuple) -> tuple:
    """Bindings of each item's amount, and of its restated amounts (预算安排…), to the class's row."""
    taken = {(b.claim.location.line, b.claim.span.start) for b in bound}
    restated = {normalise_subject(s) for s in spec.restated}
    by_line: dict[int, list[AmountClaim]] = {}
    for claim in disclosure.claims:
        if isinstance(claim, AmountClaim):
            by_line.setdefault(claim.location.line, []).append(claim)
    out = []
    for item in items:
        rows = _item_rows(disclosure, spec, item)
        if len(rows) != 1 or spec.column not in rows[0].cells:
            continue
        row = rows[0]
        fact = row.cells[spec.column]
        claims = by_line.get(item.paragraph.location.line, [])
        first = next((c for c in claims if c.span.start == item.amount_start), None)
        if first is None:
            continue
        chosen = [first] + [c for c in claims if c.span.start > first.span.start and not c.in_reason
                            and normalise_subject(c.subject) in restated and not _other_year(c, disclosure.year)]
        for claim in chosen:
            key = (claim.location.line, claim.span.start)
            if key in taken:
                continue
            taken.add(key)
            out.append(Binding(claim=claim, subject=row.label, claim_fact=amount_fact(claim), facts=(fact,)))
    return tuple(out)
