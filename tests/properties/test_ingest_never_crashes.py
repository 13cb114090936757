"""Any bytes fed to ingest (and then recognize) give a result or a BudgetlintError, never another exception."""

from __future__ import annotations

import contextlib
import itertools

import pytest
from hypothesis import example, given
from hypothesis import strategies as st
from strategies import encoded, layout_texts, spliced_texts

from budgetlint.errors import BudgetlintError, InputError
from budgetlint.ingest import read_document, read_text
from budgetlint.ingest.sniff import decode_text
from budgetlint.model import SourceDocument
from budgetlint.recognize import recognize

any_bytes = st.one_of(st.binary(max_size=2000), encoded(layout_texts), encoded(spliced_texts()))
_counter = itertools.count()


def _ingest_bytes(data: bytes) -> None:
    try:
        text, encoding = decode_text(data, "fuzz.txt")
    except BudgetlintError:
        return
    assert isinstance(text, str)
    _ingest_text(text, encoding)


def _ingest_text(text: str, encoding: str = "utf-8") -> None:
    try:
        source = read_text(text, path="fuzz.txt", encoding=encoding)
    except BudgetlintError:
        return
    assert isinstance(source, SourceDocument)
    for template_id in (None, "shanxi-budget", "xinjiang-final-account"):
        with contextlib.suppress(BudgetlintError):
            recognize(source, template_id=template_id)


EDGE_BYTES = [
    b"",
    b" \n\t\f\r\n",
    b"\xef\xbb\xbf",
    b"\xff\xfe\x00a",
    b"%PDF-1.7\n",
    b"\x00" * 10,
    b"\t" * 50 + b"\n" * 50,
    b"\x81\x30\x81",
    "标题\n\t单元格\n续行\n\n".encode("gb18030"),
    ("目 录\n表一2024年预算收支总表\t2\n" + "2024年预算收支总表\n甲\t1\n" * 7).encode(),
]


def _with_edges(test):
    for data in EDGE_BYTES:
        test = example(data)(test)
    return test


@_with_edges
@given(any_bytes)
def test_decode_read_and_recognize_bytes_raise_only_budgetlint_errors(data):
    _ingest_bytes(data)


@given(st.one_of(layout_texts, spliced_texts()))
def test_read_text_and_recognize_raise_only_budgetlint_errors(text):
    _ingest_text(text)


@_with_edges
@given(any_bytes)
def test_read_document_on_a_file_raises_only_budgetlint_errors(tmp_path_factory, data):
    path = tmp_path_factory.mktemp("fuzz") / f"doc{next(_counter)}.txt"
    path.write_bytes(data)
    try:
        source = read_document(path)
    except BudgetlintError:
        return
    with contextlib.suppress(BudgetlintError):
        recognize(source)


def test_paths_that_are_not_readable_files_raise_input_errors(tmp_path):
    for path in (tmp_path, tmp_path / "missing.txt"):
        with pytest.raises(InputError):
            read_document(path)
