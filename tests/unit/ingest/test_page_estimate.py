"""Pages of a text without form feeds (ingest/pages.py): a line is on its 目录 anchor's page plus one
per in-table page break since the anchor, never past the next anchor's page."""

from hypothesis import given
from hypothesis import strategies as st

from budgetlint.ingest.pages import PageEstimator

lines = st.integers(min_value=1, max_value=400)


def _stated(anchors: list[tuple[int, int]], breaks: list[int], line: int) -> int | None:
    """The rule as the module docstring states it, counted one break at a time."""
    ordered = sorted(anchors)
    before = [k for k, (anchor_line, _) in enumerate(ordered) if anchor_line <= line]
    if not before:
        return None
    anchor_line, page = ordered[before[-1]]
    page += sum(1 for b in breaks if anchor_line < b < line)
    following = ordered[before[-1] + 1 :]
    if following and following[0][1] >= ordered[before[-1]][1]:
        page = min(page, following[0][1])
    return page


@given(
    anchors=st.lists(st.tuples(lines, st.integers(min_value=1, max_value=60)), max_size=8),
    breaks=st.lists(lines, max_size=25),
    asked=st.lists(st.integers(min_value=0, max_value=410), min_size=1, max_size=30),
)
def test_a_line_is_on_its_anchors_page_plus_the_breaks_since(anchors, breaks, asked):
    estimator = PageEstimator(anchors, breaks)
    assert [estimator.page_of(line) for line in asked] == [_stated(anchors, breaks, line) for line in asked]


def test_breaks_move_rows_a_page_on_up_to_the_next_anchor():
    estimator = PageEstimator([(10, 3), (50, 5)], [20, 30, 40])
    assert [estimator.page_of(n) for n in (5, 10, 25, 35, 45, 50)] == [None, 3, 4, 5, 5, 5]


@given(
    anchors=st.lists(st.tuples(lines, st.integers(min_value=1, max_value=60)), max_size=8),
    breaks=st.lists(lines, max_size=25),
    count=st.integers(min_value=0, max_value=410),
)
def test_the_pages_of_all_lines_at_once_are_each_lines_page(anchors, breaks, count):
    """assemble asks for every line's page in one pass (PageEstimator.pages), a DOCX reader line by
    line (page_of): both give the same pages, also for anchors and breaks past the last line."""
    estimator = PageEstimator(anchors, breaks)
    assert estimator.pages(count) == [estimator.page_of(line) for line in range(1, count + 1)]
