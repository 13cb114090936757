"""Pair the two halves of a split disclosure found among the files of one run, by their content.

Many units publish the text (cover, 情况说明) in one file and the tables in another. Checked
apart, the text half is "not a disclosure" (it has no table) and the tables half has nothing to
hold its figures against. A file is a half when:

* **tables**: it is recognised (a template's tables found) but states no amount in narrative;
* **text**: no template's tables are found, it states amounts in narrative, and its cover or
  titles name a unit and a year by some template's patterns (recognize.identify).

Two halves pair when their unit, year, kind (budget / final account) and template agree and
they are the only tables half and the only text half with that identity; the pair is checked as
one document (ingest.combine), text first. Nothing here looks at file names: the same two files
renamed pair the same way, and two files named alike but stating different units never do.
Several candidates for one identity are not guessed between: each file is checked alone and the
report says why it was not paired.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from budgetlint.errors import InputError
from budgetlint.model import Disclosure, SourceDocument
from budgetlint.recognize import Identity, identify, recognize
from budgetlint.recognize.labels import squeeze
from budgetlint.recognize.narrative import extract_narrative


@dataclass
class Half:
    path: str
    source: SourceDocument
    role: Literal["tables", "text"]
    identity: Identity
    disclosure: Disclosure | None = None  # the tables half's own recognition, reused when unpaired
    error: InputError | None = None  # why the text half alone is not a disclosure


@dataclass
class Pairing:
    """The outcome for a group of halves with one identity: paired, or why not."""

    identity: Identity
    halves: list[Half] = field(default_factory=list)

    @property
    def paired(self) -> bool:
        roles = sorted(h.role for h in self.halves)
        return roles == ["tables", "text"]

    def ordered(self) -> list[Half]:
        """Text first: the cover and 目录 open the document."""
        return sorted(self.halves, key=lambda h: h.role != "text")


def _states_amounts(source: SourceDocument) -> bool:
    return any(c.kind == "amount" for c in extract_narrative(source).claims)


def classify(path: str, source: SourceDocument) -> tuple[Disclosure | None, Half | None, InputError | None]:
    """(the disclosure when the file is whole, the file as a half, the error when it is neither)."""
    try:
        disclosure = recognize(source)
    except InputError as exc:
        identity = identify(source)
        if identity is not None and _states_amounts(source):
            return None, Half(path, source, "text", identity, error=exc), None
        return None, None, exc
    has_amounts = any(c.kind == "amount" for c in disclosure.claims)
    if not has_amounts and disclosure.unit and disclosure.year:
        identity = Identity(unit=squeeze(disclosure.unit), year=disclosure.year, kind=disclosure.kind,
                            template=disclosure.template)
        return None, Half(path, source, "tables", identity, disclosure=disclosure), None
    return disclosure, None, None


def group_halves(halves: list[Half]) -> list[Pairing]:
    """Halves grouped by identity, in the order their first file was given."""
    groups: dict[Identity, Pairing] = {}
    for half in halves:
        groups.setdefault(half.identity, Pairing(half.identity)).halves.append(half)
    return list(groups.values())
