"""The document's register of standing facts: what the unit is (现有实训室88个, 在校生12000人), wherever
the document states it.

A number enters the register only when the words before it in its phrase carry a standing marker of
the prose vocabulary (现有, 共有, 共需, 在校生 …); those words name the fact (现有实训室, 我院共需实训室). Where
the noun follows the number (现有88个实训室…), the fact is the one another statement names with the
same words and a noun the text after the number starts with (现有实训室), else the words and that
text. A year named in the same sentence before the number is part of the name (截至2023年底共有车辆5辆
is another fact than 2024's).
Approximate numbers (约12000人), differences (在职人员增加23人) and money (what a unit has costs
differently in each project) are left out. Only facts stated at least twice are kept: precision
first, a fact is compared only with statements naming it the same way.
"""

from __future__ import annotations

import re

from budgetlint.labels import squeeze
from budgetlint.model.prose import ProseNumber, StatedFact
from budgetlint.recognize.narrative.grammar import normalise
from budgetlint.recognize.narrative.prose_numbers import is_difference
from budgetlint.recognize.narrative.prose_vocabulary import prose_vocabulary

_YEAR = re.compile(r"(20\d\d)\s*年")
_SENTENCE_END = re.compile(r"[。！？!?]")


def _holds_marker(subject: str, markers: list[str]) -> str | None:
    """The standing marker the subject holds, preferring one that ends it (现有 in 农林系现有)."""
    ending = [m for m in markers if subject.endswith(m)]
    if ending:
        return max(ending, key=len)
    return next((m for m in markers if m in subject), None)


def _years_before(text: str, start: int) -> tuple[str, ...]:
    norm = normalise(text)
    ends = [m.end() for m in _SENTENCE_END.finditer(norm, 0, start)]
    return tuple(sorted(set(_YEAR.findall(norm, ends[-1] if ends else 0, start))))


def stated_facts(texts: list[tuple[str, tuple[ProseNumber, ...]]]) -> tuple[StatedFact, ...]:
    """Facts stated at least twice, from the numbers of each text."""
    markers = prose_vocabulary().standing_markers
    named: list[tuple[str, tuple[str, ...], ProseNumber]] = []  # name, years, number
    trailing: list[tuple[str, tuple[str, ...], ProseNumber]] = []  # the noun follows the number: 现有88个实训室
    for text, numbers in texts:
        for q in numbers:
            if q.approximate or q.measure == "money" or is_difference(q):
                continue
            subject = squeeze(q.subject or "")
            marker = _holds_marker(subject, markers)
            if marker is None:
                continue
            years = _years_before(text, q.span.start)
            if subject.endswith(marker) and q.after:
                trailing.append((subject, years, q))
            elif not subject.endswith(marker):
                named.append((subject, years, q))
    names = {name for name, _, _ in named}
    for subject, years, q in trailing:
        after = squeeze(q.after or "")
        known = [n for n in names if n.startswith(subject) and after.startswith(n[len(subject) :])]
        named.append((max(known, key=len) if known else subject + after, years, q))
    register: dict[tuple, list[ProseNumber]] = {}
    for name, years, q in named:
        register.setdefault((name, years, q.measure, q.per), []).append(q)
    facts = [
        StatedFact(subject="".join(f"{y}年" for y in years) + name, measure=measure, statements=tuple(qs))
        for (name, years, measure, _), qs in register.items()
        if len(qs) >= 2
    ]
    return tuple(sorted(facts, key=lambda f: (f.statements[0].location.line or 0, f.subject)))
