"""Any damage to a Word or Excel file gives a document or one InputError, never another exception."""

from __future__ import annotations

import io

import docx
from hypothesis import given
from hypothesis import strategies as st
from make_case_workbooks import three_public, xlsx_bytes

from budgetlint.errors import InputError
from budgetlint.ingest.sniff import read_office
from budgetlint.model import SourceDocument


def _docx() -> bytes:
    buffer = io.BytesIO()
    document = docx.Document()
    document.add_paragraph("2026年部门预算编制说明")
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text, table.cell(1, 1).text = "合计", "1,234.00"
    document.save(buffer)
    return buffer.getvalue()


SAMPLES = {
    "book.xlsx": xlsx_bytes(three_public(("=SUM(B7:D7)", 10.71), hidden_rows=[8], extra={"A8": "其中", "B8": 1.0})),
    "report.docx": _docx(),
}


@given(
    name=st.sampled_from(sorted(SAMPLES)),
    cut=st.integers(min_value=0, max_value=8000),
    flips=st.lists(
        st.tuples(st.integers(min_value=0, max_value=8000), st.integers(min_value=1, max_value=255)), max_size=6
    ),
)
def test_damaged_office_bytes_give_a_document_or_an_input_error(name, cut, flips):
    data = bytearray(SAMPLES[name])
    for position, mask in flips:
        if position < len(data):
            data[position] ^= mask
    if cut:
        data = data[: max(len(data) - cut, 0)]
    try:
        source = read_office(bytes(data), name)
    except InputError:
        return
    assert isinstance(source, SourceDocument)
