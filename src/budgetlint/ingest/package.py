"""Office files before anything parses them: what a file is, by its content, and whether it is
safe to open.

A .docx or .xlsx is a zip package of XML parts. Before python-docx or openpyxl sees one, the
package is checked here, from its central directory alone (nothing is decompressed):

* it is a zip at all and its directory is complete (a truncated download is not);
* no part is larger, and the parts together are not larger, than the limits below once
  decompressed, and no part decompresses more than MAX_RATIO times its stored size (a zip bomb);
  Python's zipfile never inflates a part past the size its directory declares (it stops there
  and fails the part's CRC), so the declared sizes are the sizes read;
* it holds a document (word/document.xml) or a workbook (xl/workbook.xml);
* it holds no macros (vbaProject.bin) and no ActiveX controls. budgetlint never runs code from a
  document; a file with macros is refused rather than read, so that what is checked is what
  will be published (a macro may rewrite the content when the file is opened).

Legacy binary formats (.doc .xls .wps .et: OLE2 compound files) and OpenDocument files are
recognised by content and refused with how to convert them. .xls is not read (yet): xlrd 2.0.x
is light (pure Python) and still maintained, and with formatting_info it gives values, number
formats and merged ranges, but not formulas (so DC015 could not run) and it is one more parser of
an untrusted binary format; the budget systems and the official templates are .xlsx, and a
one-step 另存为 checks the file that will be published. See docs/evaluation-office.md.

Limits are named constants here until the project's limits module lands.
"""

from __future__ import annotations

import io
from typing import TYPE_CHECKING, Literal

from budgetlint.errors import InputError

if TYPE_CHECKING:
    import zipfile

MAX_PARTS = 10_000  # zip members
MAX_PART_BYTES = 256 * 1024 * 1024  # one part, decompressed
MAX_PACKAGE_BYTES = 512 * 1024 * 1024  # all parts, decompressed
MAX_RATIO = 200  # decompressed / compressed size of a part above which it is a zip bomb
RATIO_FLOOR = 4 * 1024 * 1024  # parts smaller than this decompressed are never a bomb

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGIC = b"PK\x03\x04"
ENCRYPTED_OOXML = "EncryptedPackage".encode("utf-16-le")  # an OLE stream of password-protected .docx/.xlsx

PackageKind = Literal["docx", "xlsx"]

_WORD_SUFFIXES = (".doc", ".wps", ".docx", ".docm", ".wpt", ".dot")
_SHEET_SUFFIXES = (".xls", ".et", ".xlsx", ".xlsm", ".ett", ".xlt")
_CONVERT_WORD = "请用 Word 或 WPS 文字打开，另存为 .docx（或导出为 PDF）后再检查"
_CONVERT_SHEET = "请用 Excel 或 WPS 表格打开，另存为 .xlsx（或导出为 PDF）后再检查"
_CONVERT_ANY = "请用 Word/Excel 或 WPS 打开，另存为 .docx、.xlsx 或 PDF 后再检查"


# Suffixes of the binary office formats: whatever such a file holds (OLE2, or the HTML, RTF or
# XML that some systems save under these names), it is not read, only a zip package is.
LEGACY_SUFFIXES = (".doc", ".xls", ".wps", ".et", ".dot", ".xlt", ".wpt", ".ett")


def looks_like_office(data: bytes, path: str) -> bool:
    """A zip package, an OLE2 compound file or a legacy suffix: for this module, never decoded as text."""
    return data.startswith((ZIP_MAGIC, OLE_MAGIC)) or path.lower().endswith(LEGACY_SUFFIXES)


def _convert_hint(path: str) -> str:
    lower = path.lower()
    if lower.endswith(_WORD_SUFFIXES):
        return _CONVERT_WORD
    if lower.endswith(_SHEET_SUFFIXES):
        return _CONVERT_SHEET
    return _CONVERT_ANY


def refuse_legacy(data: bytes, path: str) -> InputError:
    """The one message for a file that is not a zip package: a legacy .doc/.xls/.wps/.et, or a
    password-protected .docx/.xlsx (which Office stores as an OLE2 file around the encrypted package)."""
    if data.startswith(OLE_MAGIC) and ENCRYPTED_OOXML in data:
        return InputError(
            "文件设置了打开密码（已加密），无法读取", path=path, hint="请在 Word/Excel 或 WPS 中取消密码后另存，再检查"
        )
    return InputError(
        "这是旧版 Office/WPS 文件格式（.doc/.xls/.wps/.et），budgetlint 不能直接读取",
        path=path,
        hint=_convert_hint(path),
    )


def _corrupt(path: str) -> InputError:
    return InputError(
        "文件损坏或不完整（压缩包无法打开），可能下载或复制不完整",
        path=path,
        hint="请重新导出或另存为 .docx/.xlsx 后再检查",
    )


def open_package(data: bytes, path: str) -> tuple[PackageKind, zipfile.ZipFile]:
    """The checked zip package and what it holds; InputError with one message otherwise."""
    import zipfile  # here: only office files are zips, and the preload then needs no zipfile

    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        infos = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError) as exc:
        raise _corrupt(path) from exc
    names = {info.filename for info in infos}
    if len(infos) > MAX_PARTS:
        raise InputError(f"压缩包内的部件过多（{len(infos)} 个），不像是正常的 Word/Excel 文件", path=path)
    total = 0
    for info in infos:
        total += info.file_size
        ratio_bomb = info.file_size > RATIO_FLOOR and info.file_size > MAX_RATIO * max(info.compress_size, 1)
        if info.file_size > MAX_PART_BYTES or total > MAX_PACKAGE_BYTES or ratio_bomb:
            raise InputError(
                "文件解压后异常巨大（疑似“压缩炸弹”），已拒绝读取",
                path=path,
                hint=f"单个部件不超过 {MAX_PART_BYTES // 2**20} MB、合计不超过 "
                f"{MAX_PACKAGE_BYTES // 2**20} MB，压缩比不超过 {MAX_RATIO} 倍",
            )
    if any(
        n.lower().endswith("vbaproject.bin") or n.lower().startswith(("word/activex/", "xl/activex/")) for n in names
    ):
        raise InputError(
            "文件含有宏或控件代码（如 .xlsm/.docm）：为安全起见不予读取，budgetlint 从不运行文档中的代码",
            path=path,
            hint="请另存为不含宏的 .xlsx 或 .docx 后再检查",
        )
    if "word/document.xml" in names:
        return "docx", archive
    if "xl/workbook.xml" in names:
        return "xlsx", archive
    if "mimetype" in names or "content.xml" in names:
        raise InputError(
            "这是 OpenDocument 文件（.odt/.ods），budgetlint 不能直接读取", path=path, hint=_convert_hint(path)
        )
    raise InputError(
        "这是一个压缩包，但不是 Word（.docx）或 Excel（.xlsx）文件",
        path=path,
        hint="支持 PDF、.docx、.xlsx 和从 PDF/DOCX 提取的文本",
    )
