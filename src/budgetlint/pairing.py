"""Pair the two halves of a split disclosure found among the files of one run, by their content.

Many units publish the text (cover, 情况说明) in one file and the tables in another. Checked
apart, the text half is "not a disclosure" (it has no table) and the tables half has nothing to
hold its figures against. A file is a half when:

* **tables**: it is recognised (a template's tables found) but states no amount in narrative;
* **text**: no template's tables are found, it states amounts in narrative, and its cover or
  titles name a unit and a year by some template's patterns (recognize.identify).

Each half has a key, (role, unit, year, kind, template). Two halves pair when unit, year, kind
(budget / final account) and template agree and they are the only tables half and the only text
half with them; the pair is checked as one document (ingest.combine), the text first. Nothing
here looks at file names: the same two files renamed pair the same way, and two files named
alike but stating different units never do. Several candidates for one identity are not guessed
between: each file stays alone, and the text half's message says how to check it together.
`find_pairs` works on keys alone, so a run that keeps only small records (batch) pairs as well.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from budgetlint.errors import InputError
from budgetlint.labels import squeeze
from budgetlint.model import Disclosure, SourceDocument
from budgetlint.model.results import HalfKey
from budgetlint.recognize import identify, recognize
from budgetlint.recognize.narrative.reader import extract_narrative


@dataclass(frozen=True)
class Half:
    role: Literal["tables", "text"]
    key: HalfKey
    error: InputError | None = None  # the text half: why it is no disclosure on its own


def classify(source: SourceDocument) -> tuple[Disclosure | None, Half | None]:
    """(the disclosure when there are tables, the document as a half when it is one); the
    recognition's InputError when it is neither a disclosure nor a text half."""
    try:
        disclosure = recognize(source)
    except InputError as exc:
        identity = identify(source)
        if identity is None or not any(c.kind == "amount" for c in extract_narrative(source).claims):
            raise
        key = ("text", identity.unit, identity.year, identity.kind, identity.template)
        return None, Half("text", key, error=exc)
    if any(c.kind == "amount" for c in disclosure.claims) or not (disclosure.unit and disclosure.year):
        return disclosure, None
    key = ("tables", squeeze(disclosure.unit), disclosure.year, disclosure.kind, disclosure.template)
    return disclosure, Half("tables", key)


def find_pairs(keys: list[HalfKey | None]) -> list[tuple[int, int]]:
    """(text index, tables index) of every identity held by exactly one text and one tables half,
    in the order of the first file of each."""
    groups: dict[tuple, dict[str, list[int]]] = {}
    for index, key in enumerate(keys):
        if key is not None:
            groups.setdefault(tuple(key[1:]), {"text": [], "tables": []})[key[0]].append(index)
    pairs = [(g["text"][0], g["tables"][0]) for g in groups.values() if len(g["text"]) == 1 and len(g["tables"]) == 1]
    return sorted(pairs, key=min)
