"""Label normalisation shared by templates and documents: width, numbering, wrapped spaces."""

from __future__ import annotations

import re
from functools import lru_cache

_WIDTH = (("(", "（"), (")", "）"), (":", "："), (",", "，"), (";", "；"), ("\u3000", ""))
# 一、 / （一） / 1、 / 1. / ① … at the start of a label
_NUMBERING = re.compile(r"^(?:[一二三四五六七八九十百]+[、．.]|（[一二三四五六七八九十]+）|\d{1,2}[、．.](?!\d)|[①-⑳])")
CODE = re.compile(r"^\d{3}(?:\d{2}){0,2}$")  # 科目编码: 类 3, 款 5, 项 7 digits
_SUBJECT_NOISE = re.compile(r"^(其中|主要包括|包括|主要用于|共计|合计为?|共)+|(为|是|共计|达|共)$|（类）|（款）|（项）")
_QUOTES = str.maketrans("", "", "“”\"'‘’")


_KEPT_CHARS = 128  # texts up to this long are squeezed once per process (_squeeze_kept)


def squeeze(text: str) -> str:
    """Remove all white space (wrapped cells read 国有资本经营 预算) and unify bracket width.

    Titles, labels and short paragraphs are squeezed by recognition and by several checks each
    (four in five calls on a seed repeat a text): a short text's result is kept (lru, 4096 texts
    of at most _KEPT_CHARS characters: about 2 MB at most, whatever the batch)."""
    return _squeeze_kept(text) if len(text) <= _KEPT_CHARS else _squeezed(text)


@lru_cache(maxsize=4096)
def _squeeze_kept(text: str) -> str:
    return _squeezed(text)


def _squeezed(text: str) -> str:
    """str.split and join, not a regex: the same white space (str.isspace's, which \\s also means), three
    to four times faster. str.replace per mark, not str.translate: translate looks every character
    of a Chinese text up in a dict (0.24 s for a 1 MB paragraph), replace scans at memchr speed
    (0.007 s)."""
    text = "".join(text.split())
    for mark, wide in _WIDTH:
        text = text.replace(mark, wide)
    return text


def normalise_label(text: str) -> tuple[str, bool]:
    """Label without numbering; second value tells whether it was numbered (一、 …)."""
    s = squeeze(text)
    m = _NUMBERING.match(s)
    if m:
        return s[m.end() :], True
    return s, False


def normalise_subject(subject: str | None) -> str:
    """Subject as compared with vocabulary names: squeezed, no lead-in words, quotes or 的."""
    if not subject:
        return ""
    return _SUBJECT_NOISE.sub("", squeeze(subject)).replace("的", "").translate(_QUOTES)


def is_code(text: str) -> bool:
    return bool(CODE.match(text.strip()))


def code_level(code: str) -> int:
    """1 for 类 (3 digits), 2 for 款 (5), 3 for 项 (7)."""
    return {3: 1, 5: 2, 7: 3}[len(code)]


def is_han(char: str) -> bool:
    """A Chinese character (CJK Unified Ideographs, U+4E00 to U+9FFF). A comparison, not the regex
    class [\\u4e00-\\u9fff]: re compiles that class by walking its 20,992 code points, 1 ms each time."""
    return "\u4e00" <= char <= "\u9fff"
