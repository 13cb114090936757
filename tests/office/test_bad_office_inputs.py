"""Bad office inputs: one Chinese message each, exit code 2, nothing parsed that is not safe to parse.
Every hostile file is made here (nothing big is committed)."""

from __future__ import annotations

import io
import zipfile

import docx
import pytest
from cli_helpers import run_main
from make_case_workbooks import three_public, xlsx_bytes

OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504


def _docx_bytes() -> bytes:
    buffer = io.BytesIO()
    document = docx.Document()
    document.add_paragraph("上海市普陀区2026年区级部门预算")
    document.save(buffer)
    return buffer.getvalue()


def _with_part(data: bytes, name: str, payload: bytes) -> bytes:
    buffer = io.BytesIO(data)
    with zipfile.ZipFile(buffer, "a", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(name, payload)
    return buffer.getvalue()


def _million_rows() -> bytes:
    """One sheet of 1,000,000 numbered rows (no <dimension>: nothing says how big it is), written
    in chunks of 10,000 rows and stored uncompressed (52 MB, made in a second or two)."""
    chunks = (
        "".join(f'<row r="{i}"><c r="A{i}"><v>{i * 7919 % 100003}</v></c></row>' for i in range(start, start + 10_000))
        for start in range(1, 1_000_001, 10_000)
    )
    return xlsx_bytes([{"name": "明细", "rows_xml": chunks}], stored=True)


def _flip_compressed_bytes(data: bytes) -> bytes:
    """A valid zip whose sheet part's compressed bytes are damaged (its CRC no longer matches)."""
    archive = zipfile.ZipFile(io.BytesIO(data))
    info = archive.getinfo("xl/worksheets/sheet1.xml")
    start = info.header_offset + 30 + len(info.filename) + len(info.extra)
    damaged = bytearray(data)
    for k in range(start + 10, start + 40):
        damaged[k] ^= 0x5A
    return bytes(damaged)


CASES = {
    "truncated.docx": (lambda: _docx_bytes()[:4000], "文件损坏或不完整"),
    "truncated.xlsx": (lambda: xlsx_bytes(three_public(10.71))[:1500], "文件损坏或不完整"),
    "damaged.xlsx": (lambda: _flip_compressed_bytes(xlsx_bytes(three_public(10.71))), "Excel 文件损坏"),
    "bomb.xlsx": (
        lambda: _with_part(xlsx_bytes(three_public(10.71)), "xl/media/zeros.bin", bytes(64 * 2**20)),
        "压缩炸弹",
    ),
    "million.xlsx": (_million_rows, "超过 65536 行"),
    "macros.xlsm": (
        lambda: _with_part(xlsx_bytes(three_public(10.71)), "xl/vbaProject.bin", b"Attribute VB_Name"),
        "含有宏",
    ),
    "macros.docm": (lambda: _with_part(_docx_bytes(), "word/vbaProject.bin", b"Attribute VB_Name"), "含有宏"),
    "old.doc": (lambda: OLE, "另存为 .docx"),
    "old.wps": (lambda: OLE, "另存为 .docx"),
    "old.xls": (lambda: OLE, "另存为 .xlsx"),
    "old.et": (lambda: OLE, "另存为 .xlsx"),
    "web-page.xls": (lambda: "<html><table><tr><td>合计</td></tr></table></html>".encode(), "另存为 .xlsx"),
    "locked.xlsx": (lambda: OLE + "EncryptedPackage".encode("utf-16-le"), "打开密码"),
    "report.odt": (lambda: _with_part(xlsx_bytes([])[:0] or _odt(), "content.xml", b"<x/>"), "OpenDocument"),
}


def _odt() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.text")
    return buffer.getvalue()


@pytest.mark.parametrize("name", sorted(CASES))
def test_a_bad_office_file_is_one_message_and_exit_2(name, tmp_path, monkeypatch, capsys):
    make, words = CASES[name]
    path = tmp_path / name
    path.write_bytes(make())
    code, out, err = run_main(monkeypatch, capsys, "check", str(path))
    assert code == 2
    lines = [line for line in err.splitlines() if line.strip()]
    assert len(lines) == 1 and words in lines[0] and lines[0].startswith(str(path)), err
    assert "Traceback" not in out + err


def test_a_file_with_macros_is_refused_before_any_office_library_parses_it(tmp_path, monkeypatch, capsys):
    """No code in a document ever runs; a macro file is not even handed to openpyxl or python-docx."""
    from openpyxl.reader import excel

    paths = []
    for name in ("macros.xlsm", "macros.docm"):
        paths.append(tmp_path / name)
        paths[-1].write_bytes(CASES[name][0]())

    def refuse(*args, **kwargs):
        raise AssertionError("parsed a file with macros")

    monkeypatch.setattr(excel, "ExcelReader", refuse)
    monkeypatch.setattr(docx, "Document", refuse)
    for path in paths:
        code, _, err = run_main(monkeypatch, capsys, "check", str(path))
        assert code == 2 and "含有宏" in err


def test_in_a_folder_the_bad_files_are_reported_and_the_good_one_is_checked(fixtures, tmp_path, monkeypatch, capsys):
    import shutil

    shutil.copy(fixtures / "seeds" / "000_b2c7b50d282cc0b6.txt", tmp_path / "good.txt")
    for name in ("old.xls", "macros.xlsm", "truncated.docx"):
        (tmp_path / name).write_bytes(CASES[name][0]())
    code, out, err = run_main(monkeypatch, capsys, "check", str(tmp_path), "--format", "json", "--fail-on", "never")
    assert code == 2
    import json

    documents = json.loads(out)["documents"]
    assert [d["path"].rsplit("/", 1)[-1] for d in documents] == ["good.txt", "macros.xlsm", "old.xls", "truncated.docx"]
    assert documents[0]["error"] is None if "error" in documents[0] else documents[0]["summary"]
    assert all(d.get("error") for d in documents[1:])
    assert len([line for line in err.splitlines() if line.strip()]) == 3
