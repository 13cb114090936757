"""A Word document made from a seed's text gives the findings the text gives.

Seed 003 was extracted from a DOCX (one cell per line); seed 001 from a PDF (TAB rows). The
builder (office_builders.docx_from_source) writes each paragraph as a Word paragraph and each
table as a Word table on a grid, short rows ending in a merged cell; the "一、" headings of
seed 001 become Word list numbering, so the reader must print the labels back for the parts and
their order to be found."""

from __future__ import annotations

import pytest
from findings import finding_keys, outcome_counts
from office_builders import docx_from_source

from budgetlint import api
from budgetlint.ingest import read_document

SEEDS = ["003_b609326f3d399845.txt", "001_e1c2a9d2af1eed61.txt"]


@pytest.mark.parametrize("seed", SEEDS)
def test_docx_made_from_a_seed_gives_the_seeds_findings(fixtures, rules, seed, tmp_path):
    text = read_document(fixtures / "seeds" / seed)
    from_text = api.check_source(text.path, text, rules)
    path = docx_from_source(text, tmp_path / "seed.docx", number_headings=True)
    source = read_document(path)
    assert source.layout == "docx"
    from_docx = api.check_source(source.path, source, rules)
    assert from_docx.error is None
    assert from_text.run.findings, "the comparison needs findings to compare"
    assert finding_keys(from_docx) == finding_keys(from_text)
    assert outcome_counts(from_docx) == outcome_counts(from_text)
    assert from_docx.disclosure.template == from_text.disclosure.template
    assert len(from_docx.disclosure.tables) == len(from_text.disclosure.tables)


def test_numbered_headings_are_printed_back(fixtures, tmp_path):
    text = read_document(fixtures / "seeds" / "001_e1c2a9d2af1eed61.txt")
    path = docx_from_source(text, tmp_path / "seed.docx", number_headings=True)
    import docx

    raw = [p.text for p in docx.Document(path).paragraphs]
    assert not any(t.startswith("十、") for t in raw)  # the label is numbering, not text
    printed = [b.text for b in read_document(path).blocks if hasattr(b, "text")]
    expected = [b.text for b in text.blocks if hasattr(b, "text")]
    assert printed == expected
