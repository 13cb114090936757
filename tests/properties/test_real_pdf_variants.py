"""Another province's printing of a real PDF disclosure is the same disclosure (issue 10).

Two real PDFs from ../shared (copied into fixtures/pdf: a Shanghai 单位预算 in 元 with table
findings, and a 部门决算 in 万元 with findings of every family) are rewritten into national variants
by pdf_variants.py, from the PDF itself: the tables in another order (each table's pages move
together), two one-page tables printed on one page, the text and the tables as two files checked
together (`check --together`) or found
as a pair among the files of one run (pairing.py), and every table title rewritten in the characters the reader gets
(another numbering -- 公开01表, 公开表一, 表一, 附表1：, 1., 表1-1, none -- and word order: 预算 moved,
年度, the Ministry's shorter titles, 收支决算总表 …), the 目录 lines naming them alike.

The same tables must be recognised (kinds, rows, cells; none left unrecognised) and the same
findings come out, compared by rule, severity, values and page -- the original page mapped to
where the variant prints it (file and page). The one expected difference: with the tables in
another order, DC002 (parts in the template's order) reports it, so its findings are compared
only when the order is kept.
"""

from __future__ import annotations

from collections import Counter
from functools import cache
from pathlib import Path
from tempfile import TemporaryDirectory

import pytest
from hypothesis import Phase, example, given, settings
from hypothesis import strategies as st
from pdf_variants import Layout, Variant, layout, new_titles, plan, retitled_pages, stackable, write
from variants import NUMBERINGS, WORD_ORDER, tables_of

from budgetlint import api
from budgetlint.model.results import DocumentResult

PDFS = Path(__file__).resolve().parents[2] / "fixtures" / "pdf"
REAL = ["sfj_2026_unit_budget.pdf", "czj_2024_final_bad.pdf"]
# the 决算's table pages name neither its unit nor its year: nothing to pair its halves by, only
# `check --together` joins them
UNNAMED_TABLES = {"czj_2024_final_bad.pdf"}
MAX_UNITS = 12  # tables (with their pages) a PDF here has at most: the shuffle keys cover them


@cache
def original(name: str) -> tuple[DocumentResult, Layout]:
    result = api.audit([PDFS / name]).documents[0]
    assert result.disclosure is not None and result.run is not None
    return result, layout(result.disclosure)


def findings(
    result: DocumentResult, where: dict[int, tuple[int, int]] | None, files: list[str], drop: tuple[str, ...]
) -> Counter:
    """Findings by rule, severity, values and page: (file index, page) of the variant; `where` maps
    an original page to it."""
    assert result.run is not None

    def page(f) -> tuple[int, int] | None:
        loc = f.locations[0] if f.locations else None
        if loc is None or loc.page is None:
            return None
        return where[loc.page] if where is not None else (files.index(Path(loc.file).name), loc.page)

    return Counter(
        (f.rule, f.severity, f.expected, f.actual, page(f)) for f in result.run.findings if f.rule not in drop
    )


@pytest.mark.parametrize("name", REAL)
@settings(max_examples=3, phases=[Phase.explicit, Phase.generate], deadline=None)  # ~1.5 s a variant
@given(
    keys=st.lists(st.integers(0, 99), min_size=MAX_UNITS, max_size=MAX_UNITS),
    stack=st.integers(-1, MAX_UNITS),
    scaled=st.booleans(),
    split=st.sampled_from(["one file", "together", "paired"]),
    numbering=st.integers(0, len(NUMBERINGS) - 1),
    orders=st.lists(st.booleans(), min_size=len(WORD_ORDER), max_size=len(WORD_ORDER)),
)
# every change at once: reversed, stacked, split, 表一 numbering (表四一般公共预算…), every rewrite
@example(
    keys=list(range(MAX_UNITS, 0, -1)),
    stack=0,
    scaled=True,
    split="together",
    numbering=2,
    orders=[True] * len(WORD_ORDER),
)
# in place, found as a pair, 表1-8 numbering: a title glued to the note of the table before (…故本表无数据。表1-8 …)
@example(
    keys=list(range(MAX_UNITS)), stack=-1, scaled=False, split="paired", numbering=5, orders=[False] * len(WORD_ORDER)
)
# two tables printed at 0.6 on one page, their column borders 2.6 pt apart: the grid moved both to
# their mean and a digit flush against the upper one overhung its cell (DC011; ingest/pdf/grid.py)
@example(
    keys=[69, 82, 59, 75, 5, 86, 57, 12, 96, 93, 17, 4],
    stack=0,
    scaled=True,
    split="paired",
    numbering=2,
    orders=[c == "1" for c in "00011011011001100"],
)
# found by a wider run (before the stacking clipped each page to what it prints)
@example(
    keys=[65, 17, 51, 10, 21, 95, 22, 85, 68, 97, 94, 61],
    stack=12,
    scaled=True,
    split="together",
    numbering=6,
    orders=[c == "1" for c in "10011111000001011"],
)
def test_a_real_pdf_printed_as_a_national_variant_gives_the_same_tables_and_findings(
    name, keys, stack, scaled, split, numbering, orders
):
    if split == "paired" and name in UNNAMED_TABLES:
        split = "together"
    result, where_tables = original(name)
    assert result.disclosure is not None
    count = len(where_tables.units)
    order = sorted(range(count), key=lambda k: (keys[k], k))
    positions = stackable(where_tables, order)
    at = positions[stack % len(positions)] if stack >= 0 and positions else None
    variant: Variant = plan(where_tables, order, at, split != "one file", scaled)
    titles = new_titles(result.disclosure, numbering, orders)
    with TemporaryDirectory() as folder:
        paths = write(PDFS / name, where_tables, variant, Path(folder))
        with retitled_pages(titles):
            [checked] = api.audit(paths, together=split == "together").documents
    assert checked.error is None and checked.disclosure is not None
    assert checked.pairing == {"one file": None, "together": "together", "paired": "auto"}[split]
    assert tables_of(checked.disclosure) == tables_of(result.disclosure)
    assert checked.disclosure.unrecognised_tables == ()
    drop = () if order == sorted(order) else ("DC002",)
    names = [p.name for p in paths]
    assert findings(checked, None, names, drop) == findings(result, variant.where(), names, drop)
