"""Hypothesis strategies: text disclosures made from the real seeds by the edits an attacker or an
unlucky user makes -- numbers at the edges of their domain, cells and rows lost or repeated,
tables emptied or collapsed to one column, junk, truncation, very long lines, other encodings.

Every edit draws its place as a fraction of the text (or of its numbers, lines, cells), so one
strategy serves all four seeds and a failing example shrinks towards the start of the text.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache
from pathlib import Path

from harness import FuzzInput
from hypothesis import strategies as st

REPO = Path(__file__).resolve().parents[2]
SEEDS = sorted((REPO / "fixtures" / "seeds").glob("*.txt"))

Edit = Callable[[str], str]

_NUMBER = re.compile(r"\d[\d,]*(?:\.\d+)?")
# the values issue 17 found crashing, and their neighbours
EDGE_NUMBERS = [
    "0",
    "0.00",
    "-5",
    "-0.01",
    "1" + "0" * 40,
    "1E+30",
    "1e-30",
    "9" * 29 + ".99",
    "-",
    "—",
    "－",
    "",
    "１２３．４",
    "(5.00)",
    "NaN",
    "Infinity",
    "9" * 61,
    "9" * 5000,
    "1,234,567,890,123,456,789,012,345,678.12",
    ".5",
    "5.",
    "12.3.4",
    "1,1,1,1",
    "100%",
    "-100%",
    "∞",
    "½",
    "0.000000001",
    "00000",
    "1,2345",
    "2024年",
]
_JUNK = st.text(
    alphabet=st.sampled_from(
        list(
            "0123456789.,-+%，。；：、（）()“”\"' \t\f\r\n"
            "万元亿个人合计小计增加减少占比上年本年一二三四五六七八九十类款项表注："
            "\x00\x07\x1b\u200b\ufeff\ufffd\ue000𠀀"
        )
    ),
    max_size=200,
)
_WORDS = [
    "合计",
    "小计",
    "总计",
    "本年",
    "上年",
    "增加",
    "减少",
    "增长",
    "下降",
    "万元",
    "元",
    "%",
    "情况说明",
    "其中",
    "项目支出",
    "基本支出",
    "一般公共预算",
    "单位：万元",
    "单位：元",
    "表",
    "（类）",
    "（款）",
    "（项）",
]
_LONG_TOKENS = [
    "1,",
    "9",
    "增加",
    "占比10%",
    "1.5万元",
    "（一）",
    "。",
    "1.1.",
    "\t",
    "比上年增加1万元，增长1%，",
    "其中：",
    "教育支出（类）",
    "2024年",
    "（",
    "个",
    "a" * 7,
]


def _at(fraction: float, size: int) -> int:
    return min(int(fraction * size), max(size - 1, 0))


def _replace_number(fraction: float, new: str, text: str) -> str:
    found = list(_NUMBER.finditer(text))
    if not found:
        return text
    m = found[_at(fraction, len(found))]
    return text[: m.start()] + new + text[m.end() :]


def _on_lines(fraction: float, change: Callable[[list[str], int], None], text: str) -> str:
    lines = text.split("\n")
    change(lines, _at(fraction, len(lines)))
    return "\n".join(lines)


def _drop_cell(lines: list[str], i: int) -> None:
    cells = lines[i].split("\t")
    if len(cells) > 1:
        del cells[len(cells) // 2]
    lines[i] = "\t".join(cells)


def _empty_cells(lines: list[str], i: int, count: int) -> None:
    """Blank every number in `count` lines from line i: an empty table."""
    for k in range(i, min(i + count, len(lines))):
        lines[k] = "\t".join("" if _NUMBER.fullmatch(c.strip()) else c for c in lines[k].split("\t"))


def _one_column(lines: list[str], i: int, count: int) -> None:
    for k in range(i, min(i + count, len(lines))):
        lines[k] = lines[k].replace("\t", " ")


numbers = st.one_of(
    st.sampled_from(EDGE_NUMBERS),
    st.integers(-(10**45), 10**45).map(str),
    st.decimals(allow_nan=False, allow_infinity=False, places=2).map(str),
)
fractions = st.floats(0, 1, exclude_max=True)


def _edits(max_long: int) -> st.SearchStrategy[Edit]:
    def edit(function, *parts):
        return st.tuples(*parts).map(lambda args: lambda text: function(*args, text))

    return st.one_of(
        edit(_replace_number, fractions, numbers),
        edit(_replace_number, fractions, numbers),
        edit(lambda f, text: _on_lines(f, lambda ls, i: ls.pop(i) if ls else None, text), fractions),
        edit(
            lambda f, n, text: _on_lines(f, lambda ls, i: ls.__setitem__(slice(i, i), [ls[i]] * n), text),
            fractions,
            st.integers(1, 50),
        ),
        edit(
            lambda f, g, text: _on_lines(f, lambda ls, i: ls.insert(_at(g, len(ls)), ls.pop(i)), text),
            fractions,
            fractions,
        ),
        edit(lambda f, text: _on_lines(f, _drop_cell, text), fractions),
        edit(lambda f, text: _on_lines(f, lambda ls, i: ls.__setitem__(i, ls[i] + "\t"), text), fractions),
        edit(
            lambda f, n, text: _on_lines(f, lambda ls, i: _empty_cells(ls, i, n), text), fractions, st.integers(1, 60)
        ),
        edit(lambda f, n, text: _on_lines(f, lambda ls, i: _one_column(ls, i, n), text), fractions, st.integers(1, 60)),
        edit(lambda f, junk, text: text[: _at(f, len(text))] + junk + text[_at(f, len(text)) :], fractions, _JUNK),
        edit(lambda f, text: text[: _at(f, len(text))], fractions),
        edit(
            lambda f, token, n, text: _on_lines(f, lambda ls, i: ls.__setitem__(i, ls[i] + token * n), text),
            fractions,
            st.sampled_from(_LONG_TOKENS),
            st.integers(1, max_long),
        ),
        edit(lambda a, b, text: text.replace(a, b), st.sampled_from(_WORDS), st.sampled_from(_WORDS)),
        edit(
            lambda text: text.translate(str.maketrans("0123456789.%", "０１２３４５６７８９．％")),
        ),
        edit(
            lambda text: text.replace("\n", "\r\n"),
        ),
        edit(lambda f, text: _on_lines(f, lambda ls, i: ls.insert(i, "\f"), text), fractions),
    )


_ENCODINGS = ["utf-8", "utf-8", "utf-8", "utf-8-sig", "gb18030", "utf-16", "split", "nul", "latin-ish"]


def _encode(text: str, encoding: str, fraction: float) -> bytes:
    if encoding == "split":  # one multi-byte character cut in half
        data = text.encode("utf-8")
        at = _at(fraction, len(data))
        while at < len(data) and data[at] < 0x80:
            at += 1
        return data[: at + 1] + data[at + 2 :] if at < len(data) else data
    if encoding == "nul":
        data = text.encode("utf-8")
        return data[: _at(fraction, len(data))] + b"\x00" + data[_at(fraction, len(data)) :]
    if encoding == "latin-ish":  # bytes no decoder accepts cleanly
        return text.encode("utf-8")[: _at(fraction, len(text))] + bytes(range(0x80, 0x100)) * 3
    return text.encode(encoding, errors="replace")


@cache
def seed_text(path: Path) -> str:
    return path.read_text(encoding="utf-8")


@st.composite
def text_jobs(draw, max_long: int = 20_000) -> FuzzInput:
    seed = draw(st.sampled_from(SEEDS))
    text = seed_text(seed)
    edits = draw(st.lists(_edits(max_long), min_size=1, max_size=6))
    for edit in edits:
        text = edit(text)
    encoding = draw(st.sampled_from(_ENCODINGS))
    data = _encode(text, encoding, draw(fractions))
    return FuzzInput(
        kind="text",
        args=("check", "mutant.txt", "--format", "json"),
        files=(("mutant.txt", data),),
        note=f"{seed.name}, {len(edits)} edits, {encoding}, {len(data)} bytes",
    )
