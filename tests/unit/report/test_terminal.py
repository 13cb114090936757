"""The terminal report: parts under the overview's names, findings in page order within each."""

import pytest

from budgetlint.report import terminal

SFJ = ["pdf/sfj_2026_dept_budget.pdf", "pdf/sfj_2026_unit_budget.pdf"]


@pytest.mark.parametrize("name", SFJ)
def test_the_terminal_lists_findings_in_page_order_under_the_overviews_part_names(audited, name):
    results = audited(name)
    text = terminal.render(results, width=400)
    overview = [
        line.split()[0]
        for line in text[text.index("各部分检查结果") : text.index("\n■")].splitlines()[2:]
        if line.strip()
    ]
    headings = [line[2:] for line in text.splitlines() if line.startswith("■ ")]
    assert headings and all(h in overview for h in headings)
    assert [h for h in overview if h in headings] == headings  # the overview's order
    record = results.documents[0]
    rows = terminal.record_of(record).parts
    for row in rows:
        places = [
            (record.run.findings[i].locations[0].page, record.run.findings[i].locations[0].page_line or 0)
            for i in row.findings
        ]
        assert places == sorted(places)  # page order within the part
