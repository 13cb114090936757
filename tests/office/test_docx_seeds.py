"""A Word document made from a seed's text gives the findings the text gives.

Seed 003 was extracted from a DOCX (one cell per line); seed 001 from a PDF (TAB rows). The
builder (office_builders.docx_from_source) writes each paragraph as a Word paragraph and each
table as a Word table on a grid, short rows ending in a merged cell; the "一、" headings of
seed 001 become Word list numbering, so the reader must print the labels back for the parts and
their order to be found."""

from __future__ import annotations

import documents
import pytest
from findings import finding_keys, outcome_counts
from office_builders import docx_from_source

from budgetlint import api
from budgetlint.ingest import read_document

SEEDS = ["003_b609326f3d399845.txt", "001_e1c2a9d2af1eed61.txt"]


@pytest.fixture(scope="module", params=SEEDS)
def seed_and_docx(request, fixtures, tmp_path_factory):
    """(the seed's path, a .docx made from it): built once per seed."""
    path = fixtures / "seeds" / request.param
    docx_path = docx_from_source(
        documents.source(path), tmp_path_factory.mktemp("docx") / "seed.docx", number_headings=True
    )
    return path, docx_path


def test_docx_made_from_a_seed_gives_the_seeds_findings(seed_and_docx, rules):
    path, docx_path = seed_and_docx
    from_text = documents.results(path).documents[0]
    source = read_document(docx_path)
    assert source.layout == "docx"
    from_docx = api.check_source(source.path, source, rules)
    assert from_docx.error is None
    assert from_text.run.findings, "the comparison needs findings to compare"
    assert finding_keys(from_docx) == finding_keys(from_text)
    assert outcome_counts(from_docx) == outcome_counts(from_text)
    assert from_docx.disclosure.template == from_text.disclosure.template
    assert len(from_docx.disclosure.tables) == len(from_text.disclosure.tables)


def test_numbered_headings_are_printed_back(seed_and_docx):
    """Seed 001's "一、…" headings are Word numbering in the file, and read back with their labels."""
    import docx

    path, docx_path = seed_and_docx
    raw = [p.text for p in docx.Document(docx_path).paragraphs]
    printed = [b.text for b in read_document(docx_path).blocks if hasattr(b, "text")]
    expected = [b.text for b in documents.source(path).blocks if hasattr(b, "text")]
    assert printed == expected
    if path.name.startswith("001"):
        assert not any(t.startswith("十、") for t in raw)  # the label is numbering, not text
        assert any(t.startswith("十、") for t in printed)
