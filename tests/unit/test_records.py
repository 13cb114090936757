"""The internal records (Location, Fact, the claims, Evaluation …) are frozen dataclasses, not
pydantic models: they still cross process boundaries by pickle, still serve as dict keys, and the
pydantic models that hold them (a Finding, DocumentFigures in the results store) still read them
back from JSON as the same records."""

import dataclasses
import pickle
from decimal import Decimal

import pytest
from documents import PDF, SEEDS, disclosure, results

from budgetlint.model import Fact, Finding, Location
from budgetlint.model.figures import DocumentFigures
from budgetlint.recognize.figures import figures_of

SEED_001 = SEEDS / "001_e1c2a9d2af1eed61.txt"
WANLI_2025 = PDF / "wanli_2025_dept_budget.pdf"


def test_a_disclosure_and_its_rule_run_survive_pickling_equal():
    doc = results(SEED_001).documents[0]
    back = pickle.loads(pickle.dumps(doc))
    assert back == doc
    assert back.disclosure is not None and back.disclosure.claims == doc.disclosure.claims
    assert back.run is not None and back.run.evaluations == doc.run.evaluations


def test_records_are_frozen_and_equal_records_are_one_key():
    d = disclosure(SEED_001)
    fact = d.tables[0].rows[0].cells[d.tables[0].columns[0]]
    with pytest.raises(dataclasses.FrozenInstanceError):
        fact.location.line = 1  # type: ignore[misc]
    twin = Location(**{f.name: getattr(fact.location, f.name) for f in dataclasses.fields(Location)})
    assert twin == fact.location and twin is not fact.location
    assert {fact.location: 1}[twin] == 1
    assert len({fact, dataclasses.replace(fact)}) == 1
    assert dataclasses.replace(fact, decimals=fact.decimals + 1) != fact


def test_document_figures_read_back_from_json_hold_the_same_records():
    figures = figures_of(disclosure(WANLI_2025))
    text = figures.model_dump_json()
    back = DocumentFigures.model_validate_json(text)
    assert back == figures and back.model_dump_json() == text
    facts = [f for figure in back.figures for f in figure.facts]
    assert facts and all(isinstance(f, Fact) for f in facts)
    assert all(isinstance(f.value, Decimal) for f in facts if f.value is not None)  # never the JSON's str
    boxes = [f.location.bbox for f in facts if f.location.bbox is not None]
    assert boxes and all(isinstance(b, tuple) for b in boxes)  # a JSON list becomes the tuple it was


def test_a_finding_read_back_from_its_contract_has_locations_as_records():
    finding = next(f for f in results(WANLI_2025).documents[0].run.findings if f.locations)
    back = Finding.from_contract({**finding.contract(), "name": finding.name}, finding.locations[0].file)
    assert back.contract() == finding.contract()
    assert all(isinstance(loc, Location) for loc in back.locations)
