"""Inputs over a limit are refused with one message naming the limit and the option that raises it."""

import time
import zlib
from pathlib import Path

import pytest
from make_case_pdfs import COVER, DUTIES, ORGANISATION, pdf_bytes

from budgetlint.errors import InputError
from budgetlint.ingest import read_document, sniff
from budgetlint.ingest.pdf_streams import check_streams
from budgetlint.limits import DEFAULT_LIMITS, Limits

SEED = Path(__file__).resolve().parents[3] / "fixtures" / "seeds" / "000_b2c7b50d282cc0b6.txt"


def _refused(path: Path, limits: Limits = DEFAULT_LIMITS) -> str:
    with pytest.raises(InputError) as info:
        read_document(path, limits)
    text = info.value.user_text()
    assert str(path) in text and "\n" not in text
    return text


def test_a_file_over_the_size_limit_is_refused_without_being_read(tmp_path):
    big = tmp_path / "big.pdf"
    with open(big, "wb") as fh:  # 200 MB, sparse: no disk and no time
        fh.write(b"%PDF-1.4\n")
        fh.truncate(200_000_000)
    started = time.monotonic()
    assert "--limit file_mb=" in _refused(big)
    assert time.monotonic() - started < 1


def test_a_text_over_its_limit_is_refused(tmp_path):
    text = tmp_path / "long.txt"
    text.write_bytes(SEED.read_bytes() * 30)  # about 1.5 MB
    assert "text_mb" in _refused(text, Limits(text_mb=1))
    assert read_document(text).line_count > 0


def test_a_line_or_cell_over_the_limits_is_refused(tmp_path):
    long_line = tmp_path / "line.txt"
    long_line.write_text(SEED.read_text(encoding="utf-8") + "说明" * 600 + "\n", encoding="utf-8")
    assert "line_chars" in _refused(long_line, Limits(line_chars=1000))
    assert "cells" in _refused(SEED, Limits(cells=100))
    read_document(long_line)  # within the defaults


def test_a_table_cell_over_the_limit_is_refused_at_its_row(tmp_path):
    """A row is measured by its longest cell first (check_size): the long cell still names its row."""
    lines = SEED.read_text(encoding="utf-8").split("\n")
    k = next(i for i, line in enumerate(lines) if line.count("\t") >= 2)
    lines[k] += "\t" + "说明" * 600 + "\t1.00"
    long_cell = tmp_path / "cell.txt"
    long_cell.write_text("\n".join(lines), encoding="utf-8")
    with pytest.raises(InputError) as info:
        read_document(long_cell, Limits(line_chars=1000))
    assert "line_chars" in info.value.user_text() and info.value.line == k + 1
    read_document(long_cell)  # within the defaults


def test_a_text_is_measured_cell_by_cell_only_when_its_size_could_pass_a_limit(monkeypatch):
    """No paragraph or cell of a text is longer than the text, nor are there more cells than its
    characters and lines: a text within both by its size needs no pass over its cells."""
    measured: list[Limits] = []
    monkeypatch.setattr(sniff, "check_size", lambda document, limits: measured.append(limits))
    read_document(SEED)
    assert measured == []
    size = len(SEED.read_bytes().decode("utf-8"))
    read_document(SEED, Limits(line_chars=size - 1))
    read_document(SEED, Limits(cells=size))
    assert len(measured) == 2


def test_a_pdf_with_more_pages_than_the_limit_is_refused(tmp_path):
    pdf = tmp_path / "three.pdf"
    pdf.write_bytes(pdf_bytes([COVER, DUTIES, ORGANISATION], compress=True))
    assert "pages" in _refused(pdf, Limits(pages=2))
    assert len(read_document(pdf).blocks) > 0


def _bomb(tmp_path: Path, megabytes: int) -> Path:
    """A one-page PDF whose content stream inflates to `megabytes` MB of spaces (a Flate bomb)."""
    squeezer = zlib.compressobj(1)  # fast to make; still ~230 times smaller
    data = b"".join(squeezer.compress(b" " * 1_000_000) for _ in range(megabytes)) + squeezer.flush()
    marker = zlib.compress(b"MARKER")
    pdf = pdf_bytes([b"MARKER"], compress=True)
    pdf = pdf.replace(b"/Length %d /Filter" % len(marker), b"/Length %d /Filter" % len(data)).replace(marker, data)
    path = tmp_path / "bomb.pdf"
    path.write_bytes(pdf)
    return path


def test_a_flate_bomb_is_refused_within_its_limit(tmp_path):
    bomb = _bomb(tmp_path, 250)  # ~1 MB of file, 250 MB inflated; the default limit is 200 MB
    assert bomb.stat().st_size < 1_200_000
    started = time.process_time()
    assert "decompressed_mb" in _refused(bomb)
    assert time.process_time() - started < 10


def test_the_streams_of_a_real_pdf_are_counted_within_the_limit(tmp_path):
    bomb = _bomb(tmp_path, 3)
    assert 3_000_000 <= check_streams(bomb, str(bomb), DEFAULT_LIMITS) < 3_100_000
    assert "decompressed_mb" in _refused(bomb, Limits(decompressed_mb=2))


def _lzw_encode(data: bytes) -> bytes:
    """PDF's LZW (9 to 12-bit codes, early change; a clear code when the table is nearly full)."""
    table = {bytes([i]): i for i in range(256)}
    codes, width, word = [(256, 9)], 9, b""
    for byte in data:
        longer = word + bytes([byte])
        if longer in table:
            word = longer
            continue
        codes.append((table[word], width))
        if len(table) + 2 < 4000:
            table[longer] = len(table) + 2
            width += (len(table) + 2) in (512, 1024, 2048)
        else:
            codes.append((256, width))
            table, width = {bytes([i]): i for i in range(256)}, 9
        word = bytes([byte])
    codes += [(table[word], width), (257, width)] if word else [(257, width)]
    bits = "".join(format(code, f"0{size}b") for code, size in codes)
    bits += "0" * (-len(bits) % 8)
    return int(bits, 2).to_bytes(len(bits) // 8, "big")


@pytest.mark.parametrize("data", [b"0" * 300_000, bytes(range(256)) * 40, "一般公共预算拨款收入".encode() * 2000])
def test_lzw_streams_are_decoded_piece_by_piece(data):
    from budgetlint.ingest.pdf_streams import _lzw

    encoded = _lzw_encode(data)
    assert b"".join(_lzw(encoded[i : i + 1000] for i in range(0, len(encoded), 1000))) == data


def test_an_lzw_bomb_is_refused(tmp_path):
    encoded = _lzw_encode(b" " * 3_000_000)
    pdf = pdf_bytes([b"MARKER"])
    pdf = pdf.replace(b"/Length 6", b"/Length %d /Filter /LZWDecode" % len(encoded)).replace(b"MARKER", encoded)
    path = tmp_path / "lzw.pdf"
    path.write_bytes(pdf)
    assert 3_000_000 <= check_streams(path, str(path), DEFAULT_LIMITS) < 3_100_000
    assert "decompressed_mb" in _refused(path, Limits(decompressed_mb=2))


def test_closing_a_pdf_never_hides_why_reading_failed(monkeypatch):
    """pdfplumber raised again on close and its own message was lost (内部错误 for the batch)."""
    from budgetlint.ingest.pdf.page_objects import PdfFile

    def fails(self):
        raise RuntimeError("close failed")

    pdf_path = str(Path(__file__).resolve().parents[3] / "rules" / "document" / "DC010.pass_no_blank.pdf")
    with pytest.raises(InputError, match="第一个错误"), PdfFile(pdf_path) as pdf:
        monkeypatch.setattr(type(pdf._doc), "close", fails)
        raise InputError("第一个错误")
    with pytest.raises(InputError, match="PDF 文件损坏"), PdfFile(pdf_path):  # alone, a failed close is the message
        pass


def test_a_broken_pdf_after_an_encrypted_one_is_not_called_encrypted(tmp_path):
    """pdfium keeps its last error when a load fails without one of its own: after an encrypted
    PDF, a file without a page tree read as 已加密 in the same process (a batch worker)."""
    fixtures = Path(__file__).resolve().parents[3] / "fixtures"
    broken = tmp_path / "broken.pdf"
    broken.write_bytes((fixtures / "pdf" / "sfj_2026_unit_budget.pdf").read_bytes().replace(b"/Pages", b"/Pagex"))
    assert "PDF 已加密" in _refused(fixtures / "bad" / "encrypted.pdf")
    assert "页面树" in _refused(broken)
