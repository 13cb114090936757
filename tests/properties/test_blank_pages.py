"""Blank pages in text with form feeds: paging a real seed anywhere and leaving some pages empty
gives exactly one DC010 finding per empty page, at that page, and none when no page is empty.

The seed (000) is cut into pages at drawn lines (a form feed opens each page, as pdftotext writes
it); then some of the cuts get a second form feed, which opens a page with nothing on it. Pages are
counted independently here from the cut positions.
"""

from __future__ import annotations

from hypothesis import given, note
from hypothesis import strategies as st
from strategies import seed_text

from budgetlint.engine import run_rules
from budgetlint.ingest import read_text
from budgetlint.recognize import recognize
from budgetlint.rulebook import load_rules

SEED = "000_b2c7b50d282cc0b6.txt"
LINES = seed_text(SEED).split("\n")
DC010 = [r for r in load_rules() if r.id == "DC010"]
CONTENT = [i for i, line in enumerate(LINES) if line.strip()]


@st.composite
def paged(draw):
    cuts = sorted(draw(st.sets(st.sampled_from(CONTENT[1:]), min_size=1, max_size=12)))
    doubled = sorted(draw(st.sets(st.sampled_from(cuts), max_size=len(cuts))))
    return cuts, doubled


@given(paged())
def test_each_empty_page_is_one_finding_at_its_page(paging):
    cuts, doubled = paging
    lines = list(LINES)
    for i in cuts:
        lines[i] = ("\f\f" if i in doubled else "\f") + lines[i]
    expected, page = [], 1
    for i in cuts:
        if i in doubled:
            page += 1
            expected.append(page)  # the page the first form feed opened, left empty
        page += 1
    note(f"cuts {cuts}, doubled {doubled}, blank pages {expected}")
    disclosure = recognize(read_text("\n".join(lines), path=SEED), template_id="shanxi-budget")
    run = run_rules(DC010, disclosure)
    assert sorted(f.locations[0].page for f in run.findings) == expected
    assert all(
        f.locations[0].line == i + 1 for f, i in zip(sorted(run.findings, key=lambda f: f.locations[0].page), doubled)
    )
