"""National variants of a real disclosure's text (issue 10): what another province prints of the
same tables -- other numbering and word order in the titles, 预算 moved, the tables in another
order, the text and the tables as two files. Imported as a plain module (conftest.py).

The rewrites work on the TAB-row text of the Shanxi seeds, line by line:

- a table's title is found as the paragraph line that reads exactly as the recognised table's
  title; the same title inside a 目录 line is rewritten the same way, so the 目录 still names the
  body (a 目录 naming a title the body does not print is a finding of its own, DC004);
- a table block is its title line up to the line before the next table's title (单位名称, 单位 and
  注 lines travel with it); the last block ends at the first heading of the 情况说明 part.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from budgetlint.model import Disclosure

CN = "一二三四五六七八九十"

# word-order rewrites that keep the meaning: 预算 moved, 年 -> 年度, a shorter name (never 部门 added:
# in a 单位预算 that is a real finding, DC008). The first group rewrites the Shanxi seeds' titles;
# the second the Shanghai PDFs' (市/区级 表式) towards the Ministry of Finance's own titles (部门收支总表,
# 一般公共预算支出表 …); the third the national 决算 titles as other provinces print them.
WORD_ORDER = [
    (r"预算收支总表", "收支预算总表"),
    (r"预算收入总表", "收入预算总表"),
    (r"预算支出总表", "支出预算总表"),
    (r"财政拨款收支总表", "财政拨款收支预算总表"),
    (r"一般公共预算支出预算表", "一般公共预算支出表"),
    (r"政府性基金预算收入表", "政府性基金收入预算表"),
    (r"政府性基金预算支出表", "政府性基金支出预算表"),
    (r"^(20\d\d)年(?!度)", r"\1年度"),
    (r"^(20\d\d年度?)预算单位", r"\1单位"),
    (r"财务收支预算总表", "收支总表"),
    (r"(收入|支出)预算总表", r"预算\1总表"),
    (r"财政拨款收支预算总表", "财政拨款预算收支总表"),
    (r"(一般公共|政府性基金|国有资本经营)预算支出功能分类预算表", r"\1预算支出表"),
    (r"基本支出部门预算经济分类预算表", "基本支出预算表"),
    (r"“三公”经费和机关运行经费预算表", "一般公共预算“三公”经费和机关运行经费支出表"),
    (r"收入支出决算(总)?表", r"收支决算\1表"),
    (r"^(?!一般公共预算)财政拨款“三公”", "一般公共预算财政拨款“三公”"),
]


def _cn(n: int) -> str:
    return CN[n - 1] if n <= 10 else "十" + CN[n - 11]


NUMBERINGS = [
    lambda n: f"公开{n:02d}表",
    lambda n: f"公开表{_cn(n)}",
    lambda n: f"表{_cn(n)}",
    lambda n: f"附表{n}：",
    lambda n: f"{n}.",
    lambda n: f"表1-{n} ",
    lambda n: "",
]


def retitle(title: str, number: int, numbering: int, orders: list[bool]) -> str:
    """`title` with numbering style `numbering` (table `number`) and the word-order rewrites chosen."""
    out = title
    for (pattern, to), on in zip(WORD_ORDER, orders):
        if on:
            out = re.sub(pattern, to, out)
    return NUMBERINGS[numbering](number) + out


@dataclass(frozen=True)
class Block:
    start: int  # 0-based line index of the title
    end: int  # exclusive
    title: str


def table_blocks(text: str, disclosure: Disclosure) -> tuple[list[str], list[Block]]:
    """The text's lines and its table blocks, in document order."""
    lines = text.split("\n")
    starts: list[tuple[int, str]] = []
    for table in disclosure.tables:
        first_row = table.location.line - 1
        at = next(i for i in range(first_row, -1, -1) if lines[i].strip() == table.title)
        starts.append((at, table.title))
    starts.sort()
    last_row = max(r.line for t in disclosure.tables for r in t.rows)
    end = next(i for i in range(last_row, len(lines)) if lines[i].startswith("第三部分"))
    blocks = [Block(s, starts[k + 1][0] if k + 1 < len(starts) else end, title) for k, (s, title) in enumerate(starts)]
    return lines, blocks


def national_variant(text: str, disclosure: Disclosure, numbering: int, orders: list[bool], order: list[int]) -> str:
    """The seed with every table retitled and the table blocks in `order` (a permutation)."""
    lines, blocks = table_blocks(text, disclosure)
    renamed = {b.title: retitle(b.title, k + 1, numbering, orders) for k, b in enumerate(blocks)}
    body = []
    for k in order:
        block = lines[blocks[k].start : blocks[k].end]
        body += [renamed[blocks[k].title], *block[1:]]
    head = lines[: blocks[0].start]
    for i, line in enumerate(head):  # the 目录 names the same titles
        for old, new in renamed.items():
            if old in line:
                head[i] = line.replace(old, new)
    return "\n".join(head + body + lines[blocks[-1].end :])


def tables_of(disclosure: Disclosure) -> list[tuple]:
    """What recognition made of the tables, titles aside: each table's kind, rows (role, label) and
    cells (column role, text as printed), in a stable order."""
    return sorted(
        (t.kind, tuple((r.role, r.label, tuple(sorted((k, f.text) for k, f in r.cells.items()))) for r in t.rows))
        for t in disclosure.tables
    )


def split_files(text: str, disclosure: Disclosure) -> tuple[str, str]:
    """(the text without the tables, the tables alone with their titles): a disclosure published as
    two files."""
    lines, blocks = table_blocks(text, disclosure)
    first, last = blocks[0].start, blocks[-1].end
    return "\n".join(lines[:first] + lines[last:]), "\n".join(lines[first:last])
