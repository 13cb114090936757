"""Numbered items of a Shanghai 编制说明 (TemplateSpec.narrative_items): “1、公共安全支出（204类）司法（06款）
行政运行（01项）1672.67万元。主要用于：…2026年预算安排1672.67万元”.

Each item names a class chain and its amount; `read_items` parses them, `item_class_names` turns
the chains the claim extractor does not read into class-name claims, and `bind_items` binds the
item's amount, and the amounts it restates (预算安排…), to the class's row of the template's tables.
`unquote_class_names` strips the quotation marks some documents print around a whole chain.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import cast

from budgetlint.labels import normalise_label, normalise_subject
from budgetlint.model import Disclosure
from budgetlint.model.claims import AmountClaim, Binding, ClassNameClaim, Level, Span
from budgetlint.model.document import Paragraph
from budgetlint.model.templates import NarrativeItemsSpec
from budgetlint.recognize.narrative.binding import amount_fact

_ITEM_NUMBER = re.compile(r"^\s*\d{1,2}\s*[、.．]\s*")
# 公共安全支出（204类） / “一般公共服务支出（类） / 司法（06款） / 行政运行（01项）”
_ITEM_LEVEL = re.compile(
    r"“?(?P<name>[^（()“”、，,。；;：:\d\s][^（()“”、，,。；;：:]*?)\s*"
    r"[（(]\s*(?P<code>\d{2,3})?\s*(?P<level>类|款|项)\s*[)）]\s*”?"
)
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

    def full_codes(self) -> list[str] | None:
        """The code of every level, when the item prints all of them (公共安全支出（204类）司法（06款）…)."""
        codes = [c for c in self.codes if c is not None]
        return codes if len(codes) == len(self.codes) else None


def unquote_class_names(claims: tuple) -> tuple:
    """Class names without the quotation marks some documents print around a whole 类/款/项 chain
    (“一般公共服务支出（类）…（项）”): the name is 一般公共服务支出, not “一般公共服务支出."""

    def clean(claim):
        names = tuple(n.strip('“”"') for n in claim.names)
        return claim if names == claim.names else replace(claim, names=names)

    out = []
    for claim in claims:
        if isinstance(claim, ClassNameClaim):
            claim = clean(claim)
        elif isinstance(claim, AmountClaim) and claim.class_name is not None:
            inner = clean(claim.class_name)
            if inner is not claim.class_name:
                claim = replace(claim, class_name=inner)
        out.append(claim)
    return tuple(out)


def _parse_item(paragraph: Paragraph) -> _Item | None:
    text = paragraph.text
    m = _ITEM_NUMBER.match(text)
    if not m:
        return None
    pos = m.end()
    names: list[str] = []
    levels: list[str] = []
    codes: list[str | None] = []
    spans: list[tuple[int, int]] = []
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


def read_items(paragraphs: list[Paragraph]) -> list[_Item]:
    return [item for item in map(_parse_item, paragraphs) if item is not None]


def item_class_names(items: list[_Item], claims: tuple) -> list[ClassNameClaim]:
    """Class-name claims for items the claim extractor does not read as such (公共安全支出（204类）…):
    one per level, with the code of that level when the item prints every code up to it."""
    lines = {c.location.line for c in claims if isinstance(c, ClassNameClaim)}
    out = []
    for item in items:
        para = item.paragraph
        codes = item.full_codes()
        if para.location.line in lines or codes is None:
            continue
        neighbour = next((c for c in claims if c.location.line == para.location.line), None)
        for k, (name, level, (start, end)) in enumerate(zip(item.names, item.levels, item.spans)):
            out.append(
                ClassNameClaim(
                    span=Span(start=start, end=end, text=name),
                    location=para.location,
                    section=neighbour.section if neighbour else None,
                    subsection=neighbour.subsection if neighbour else None,
                    sentence=neighbour.sentence if neighbour else para.text,
                    clause=neighbour.clause if neighbour else para.text,
                    code="".join(codes[: k + 1]),
                    names=(name,),
                    levels=(cast(Level, level),),
                )
            )
    return out


def _label(name: str) -> str:
    return normalise_label(name.strip('“”"'))[0]


def _item_rows(disclosure: Disclosure, spec: NarrativeItemsSpec, item: _Item) -> list:
    """The rows of `spec.tables` that print the item's class: by its codes, else by its names."""
    found = []
    codes = item.full_codes()
    code = "".join(codes) if codes is not None else None
    for table_id in spec.tables:
        for table in disclosure.tables_of(table_id):
            if code is not None:
                found += [r for r in table.rows if r.code == code]
                continue
            candidates = [r for r in table.rows if r.code and len(r.code) == 3 and r.label == _label(item.names[0])]
            for name in item.names[1:]:
                candidates = [
                    r
                    for r in table.rows
                    for parent in candidates
                    if r.code
                    and parent.code
                    and len(r.code) == len(parent.code) + 2
                    and r.code.startswith(parent.code)
                    and r.label == _label(name)
                ]
            found += candidates
    return found


def _other_year(claim, year: int | None) -> bool:
    """The phrase of the amount (2026年预算安排…, not the 2025年当年预算执行数 before it) names
    another year than the document's."""
    if year is None:
        return False
    phrase = re.split(r"[，,；;。：:]", claim.clause.split(claim.span.text)[0])[-1]
    return any(int(y) != year for y in _YEAR_IN_TEXT.findall(phrase))


def bind_items(disclosure: Disclosure, spec: NarrativeItemsSpec, items: list[_Item], bound: tuple) -> tuple:
    """Bindings of each item's amount, and of its restated amounts (预算安排…), to the class's row."""
    taken = {(b.claim.location.line, b.claim.span.start) for b in bound}
    restated = {normalise_subject(s) for s in spec.restated}
    by_line: dict[int | None, list[AmountClaim]] = {}  # a claim's line: None where the input has none
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
        chosen = [first] + [
            c
            for c in claims
            if c.span.start > first.span.start
            and not c.in_reason
            and normalise_subject(c.subject) in restated
            and not _other_year(c, disclosure.year)
        ]
        for claim in chosen:
            key = (claim.location.line, claim.span.start)
            if key in taken:
                continue
            taken.add(key)
            out.append(Binding(claim=claim, subject=row.label, claim_fact=amount_fact(claim), facts=(fact,)))
    return tuple(out)
