"""The units a department disclosure says it covers (rules/vocabulary/composition.yaml).

A 部门 disclosure's 机构设置 lists, after 具体包括, one numbered item per unit: the department's
own (本部), the units with a budget of their own, and units budgeted inside another (不单列预算).
Only a list found this way tells the rules across documents which units a department's figures
add up: without it, a department is never compared with a sum of units (insufficient_data).
"""

from __future__ import annotations

import re
from functools import cache

from pydantic import BaseModel, ConfigDict, ValidationError

from budgetlint.errors import TemplateError
from budgetlint.labels import squeeze
from budgetlint.load_cache import bundled
from budgetlint.model import Disclosure, Paragraph
from budgetlint.model.figures import Composition
from budgetlint.paths import rules_root
from budgetlint.patterns import Regex
from budgetlint.validation import validation_message
from budgetlint.yaml_loader import load_yaml_file


class CompositionWords(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)  # validator built on first use

    parts: list[str]
    introducer: Regex
    item: Regex
    name_end: Regex
    own: Regex
    folded: Regex
    declared: Regex

    def rx(self, field: str) -> re.Pattern[str]:
        return re.compile(getattr(self, field))


@cache
@bundled("composition")
def composition_words() -> CompositionWords:
    path = rules_root() / "vocabulary" / "composition.yaml"
    data = load_yaml_file(path, TemplateError, "单位构成词表")
    try:
        return CompositionWords.model_validate(data)
    except ValidationError as exc:
        raise TemplateError(f"单位构成词表有误：{validation_message(exc)}", path=str(path)) from exc


def _part_paragraphs(disclosure: Disclosure, part_ids: list[str]) -> list[Paragraph]:
    found = (
        next((f for f in (disclosure.parts.get(i) for i in part_ids) if f is not None), None)
        if disclosure.parts is not None
        else None
    )
    if found is None:
        return []
    start, end = found.location.line or 0, found.end_line
    return [
        p
        for p in disclosure.source.blocks
        if isinstance(p, Paragraph) and (p.location.line or 0) > start and (end is None or (p.location.line or 0) < end)
    ]


def read_composition(disclosure: Disclosure) -> Composition | None:
    """The department's list of units, or None when the document prints none."""
    words = composition_words()
    paragraphs = _part_paragraphs(disclosure, words.parts)
    intro = next((i for i, p in enumerate(paragraphs) if words.rx("introducer").search(squeeze(p.text))), None)
    if intro is None:
        return None
    declared = None
    for p in paragraphs[: intro + 1]:
        m = words.rx("declared").search(squeeze(p.text))
        if m:
            declared = int(m.group("count"))
    units, folded, own = [], [], False
    for p in paragraphs[intro + 1 :]:
        m = words.rx("item").match(squeeze(p.text))
        if m is None:
            continue  # an item's text running on, or a note
        text = m.group("text")
        name = words.rx("name_end").split(text, maxsplit=1)[0]
        if words.rx("folded").search(text):
            folded.append(name)
        elif words.rx("own").search(text):
            own = True
        else:
            units.append(name)
    if not units and not own:
        return None
    return Composition(
        units=tuple(units), own=own, folded=tuple(folded), declared=declared, location=paragraphs[intro].location
    )
