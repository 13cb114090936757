"""Pair the two halves of a split disclosure found among the files of one run, by their content.

Many units publish the text (cover, 情况说明) in one file and the tables in another. Checked
apart, the text half is "not a disclosure" (it has no table) and the tables half has nothing to
hold its figures against. A file is a half when:

* **tables**: it is recognised (a template's tables found) but states no amount in narrative;
* **text**: no table is found in it (it is checked against the national base alone, or refused),
  it states amounts in narrative, and its cover or titles name a unit and a year by some
  template's patterns (recognize.identify).

Each half has a key, (role, unit, year, kind, template). Two halves pair when unit, year and kind
(budget / final account) agree, their templates are one family -- the same, or one is the national
base the other extends: a text half has no table to tell a province's template by, and its cover
may read alike in both (a 单位预算's text names the national base while its tables fit the Shanghai
template) -- and each is the other's only partner so; the pair is checked as one document
(ingest.combine), the text first. Nothing
here looks at file names: the same two files renamed pair the same way, and two files named
alike but stating different units never do. Several candidates for one identity are not guessed
between: each file is checked alone.
`find_pairs` works on keys alone, so a run that keeps only small records (batch) pairs as well.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Literal

from budgetlint.errors import InputError
from budgetlint.labels import squeeze
from budgetlint.model import Disclosure, SourceDocument
from budgetlint.model.results import HalfKey
from budgetlint.recognize import identify, recognize
from budgetlint.recognize.narrative.reader import extract_narrative
from budgetlint.recognize.templates import load_templates


@dataclass(frozen=True)
class Half:
    role: Literal["tables", "text"]
    key: HalfKey
    error: InputError | None = None  # the text half: why it is no disclosure on its own


def classify(source: SourceDocument) -> tuple[Disclosure | None, Half | None]:
    """(the disclosure, the document as a half when it is one). A document with no table is
    recognised against the national base when it reads as a disclosure (its disclosure is
    returned), or refused; either way it is a text half when it states amounts and names its unit
    and year. The recognition's InputError is raised when the document is neither a disclosure nor
    a text half."""
    try:
        disclosure: Disclosure | None = recognize(source)
    except InputError as exc:
        half = _text_half(source, error=exc)
        if half is None:
            raise
        return None, half
    assert disclosure is not None
    if not disclosure.tables:
        return disclosure, _text_half(source, claims=disclosure.claims)
    if _states_amounts(disclosure.claims) or not (disclosure.unit and disclosure.year):
        return disclosure, None
    key = ("tables", squeeze(disclosure.unit), disclosure.year, disclosure.kind, disclosure.template)
    return disclosure, Half("tables", key)


def _states_amounts(claims) -> bool:
    return any(c.kind == "amount" for c in claims)


def _text_half(source: SourceDocument, error: InputError | None = None, claims=None) -> Half | None:
    """`claims`: the narrative's, when the document was recognised (read here otherwise)."""
    identity = identify(source)
    if identity is None or not _states_amounts(extract_narrative(source).claims if claims is None else claims):
        return None
    return Half("text", ("text", identity.unit, identity.year, identity.kind, identity.template), error=error)


@cache
def _bases(template: str) -> frozenset[str]:
    """The template and every template it extends."""
    by_id = {t.id: t for t in load_templates()}
    out: set[str] = set()
    current: str | None = template
    while current is not None and current not in out:
        out.add(current)
        spec = by_id.get(current)
        current = spec.extends if spec is not None else None
    return frozenset(out)


def _one_family(a: str, b: str) -> bool:
    return a == b or a in _bases(b) or b in _bases(a)


def find_pairs(keys: list[HalfKey | None]) -> list[tuple[int, int]]:
    """(text index, tables index) of every text half and tables half that are each other's only
    partner (module docstring), in the order of the first file of each."""
    groups: dict[tuple, dict[str, list[tuple[int, str]]]] = {}  # (unit, year, kind) -> role -> halves
    for index, key in enumerate(keys):
        if key is not None:
            groups.setdefault(tuple(key[1:4]), {"text": [], "tables": []})[key[0]].append((index, key[4]))
    pairs = []
    for group in groups.values():
        for text, template in group["text"]:
            found = [(i, t) for i, t in group["tables"] if _one_family(t, template)]
            if len(found) == 1 and [i for i, t in group["text"] if _one_family(t, found[0][1])] == [text]:
                pairs.append((text, found[0][0]))
    return sorted(pairs, key=min)
