"""The internal records (Location, Fact, the claims, Evaluation …) are `@record` dataclasses, not
pydantic models: frozen for mypy (not at run time: model/record.py says why), they still cross
process boundaries by pickle, still serve as dict keys, and the pydantic models that hold them (a
Finding, DocumentFigures in the results store) still read them back from JSON as the same records."""

import dataclasses
import pickle
from decimal import Decimal
from pathlib import Path

import mypy.api
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


def test_equal_records_are_one_key():
    d = disclosure(SEED_001)
    fact = d.tables[0].rows[0].cells[d.tables[0].columns[0]]
    assert hash(fact.location) == hash(dataclasses.astuple(fact.location))  # the hash frozen would give
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


def _mypy(tmp_path: Path, monkeypatch, code: str) -> list[str]:
    """mypy's error lines for `code`, checked against budgetlint's model (imports not reported)."""
    snippet = tmp_path / "snippet.py"
    snippet.write_text(code, encoding="utf-8")
    monkeypatch.setenv("MYPYPATH", str(Path(__file__).resolve().parents[2] / "src"))
    out, _, _ = mypy.api.run(
        ["--config-file=", "--cache-dir=/dev/null", "--follow-imports=silent", "--no-error-summary", str(snippet)]
    )
    return [line for line in out.splitlines() if ": error:" in line]


def test_mypy_refuses_assigning_a_field_of_a_record(tmp_path, monkeypatch):
    built = (
        "import dataclasses\n"
        "from budgetlint.model.document import RawRow\n"
        "from budgetlint.model.location import Location\n"
        "loc = Location(file='a', line=3)\n"
        "row = RawRow(('x',), 3)\n"
        "wider = dataclasses.replace(loc.at_cell(table='t'), row='r')\n"
    )
    assert _mypy(tmp_path, monkeypatch, built) == []  # building, replace and at_cell type-check
    errors = _mypy(tmp_path, monkeypatch, built + "loc.line = 1\nrow.line = 4\nwider.table = None\n")
    assert [e.split(": error: ")[1] for e in errors] == [
        'Property "line" defined in "Location" is read-only  [misc]',
        'Property "line" defined in "RawRow" is read-only  [misc]',
        'Property "table" defined in "Location" is read-only  [misc]',
    ]


def test_a_record_keeps_its_fields_in_order_with_their_defaults():
    loc = Location(file="a", line=3)
    assert [f.name for f in dataclasses.fields(Location)][:4] == ["file", "page", "page_basis", "line"]
    assert dataclasses.asdict(loc)["page_basis"] == "none"
    assert pickle.loads(pickle.dumps(loc)) == loc
    assert dataclasses.replace(loc, line=4) == Location(file="a", line=4)


def test_at_cell_keeps_every_other_field():
    full = Location(**{f.name: f"v{i}" for i, f in enumerate(dataclasses.fields(Location))})
    assert full.at_cell(row="r") == dataclasses.replace(full, row="r")
    assert full.at_cell() == full
