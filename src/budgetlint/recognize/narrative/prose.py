"""Numbers in prose, read once per document: the performance tables' prose cells (cells.py) and the
情况说明's paragraphs (prose_numbers.py), the totals they state (sums.py), the cell numbers tied to their
own table (cell_binding.py) and the register of standing facts (register.py)."""

from __future__ import annotations

from dataclasses import dataclass, replace

from budgetlint.model.document import Paragraph, SourceDocument
from budgetlint.model.performance import OverallTargetTable, SelfEvaluation, TargetTable
from budgetlint.model.prose import (
    CellBinding,
    ProseCell,
    ProseNumber,
    StatedFact,
    SumStatement,
)
from budgetlint.recognize.narrative.cell_binding import bind_cells
from budgetlint.recognize.narrative.cells import read_prose_cells
from budgetlint.recognize.narrative.passages import passages_of
from budgetlint.recognize.narrative.prose_numbers import read_numbers
from budgetlint.recognize.narrative.reader import MAX_PASSAGE_CHARS
from budgetlint.recognize.narrative.register import stated_facts
from budgetlint.recognize.narrative.sums import read_sums

NARRATIVE_TABLE = "情况说明"  # how a finding names the narrative part when no section heading is known


@dataclass(frozen=True)
class ProseReading:
    """The Disclosure fields of prose numbers (model/disclosure.py)."""

    prose_cells: tuple[ProseCell, ...]
    narrative_numbers: tuple[ProseNumber, ...]
    prose_sums: tuple[SumStatement, ...]
    prose_bindings: tuple[CellBinding, ...]
    stated_facts: tuple[StatedFact, ...]


def _narrative_texts(paragraphs: list[Paragraph]) -> list[tuple[str, tuple[ProseNumber, ...]]]:
    """Each narrative paragraph with its numbers, located at its section (as claims are)."""
    texts = []
    for passage in passages_of(paragraphs):
        # as much of a passage as the claim reader reads (it says where it stopped): a one-megabyte
        # line costs what 20,000 characters cost
        cut = passage.cut(MAX_PASSAGE_CHARS) if len(passage.text) > MAX_PASSAGE_CHARS else None
        for paragraph, offset in zip(passage.paragraphs, passage.offsets):
            text = paragraph.text if cut is None else paragraph.text[: max(len(cut.text) - offset, 0)]
            location = replace(paragraph.location, table=passage.section or NARRATIVE_TABLE)
            numbers = read_numbers(
                text, location=location, source="narrative", key_prefix=f"{paragraph.location.line}:"
            )
            texts.append((text, tuple(numbers)))
    return texts


def read_prose(
    source: SourceDocument,
    paragraphs: list[Paragraph],
    targets: tuple[TargetTable, ...],
    overall: OverallTargetTable | None,
    self_evaluations: tuple[SelfEvaluation, ...],
) -> ProseReading:
    cells = read_prose_cells(targets, overall, self_evaluations, path=source.path, page_at=source.page_at)
    narrative = _narrative_texts(paragraphs)
    sums = [s for i, c in enumerate(cells) for s in read_sums(c.text, c.numbers, source=c.source, cell=i)]
    sums += [s for text, numbers in narrative for s in read_sums(text, numbers, source="narrative")]
    bindings = bind_cells(cells, targets, overall, self_evaluations, tuple(sums))
    facts = stated_facts([(c.text, c.numbers) for c in cells] + narrative)
    return ProseReading(
        prose_cells=cells,
        narrative_numbers=tuple(q for _, qs in narrative for q in qs),
        prose_sums=tuple(sums),
        prose_bindings=bindings,
        stated_facts=facts,
    )
