"""toc_page: the page numbers of the 目录 agree with where the body prints each part.

Only where pages are exact (page_basis pdf or formfeed); with pages estimated from the 目录 itself
the comparison would be circular. Printed page numbers usually start after the cover and the 目录,
so the 目录's numbers and the physical pages differ by a constant: the most frequent difference over
the entries is taken as that offset (ties: the smallest), and an entry that differs from it is a
finding showing the page printed, the page expected and the page the body is on.

Params:
  toc_part: the id of the template part that is the 目录 (findings are put in its row)
  min_entries: fewer entries with a body page than this: insufficient_data (default 3)

not_applicable without a 目录 with page numbers or without exact pages.

    check: {kind: toc_page, toc_part: toc}
"""

from __future__ import annotations

from collections import Counter

from budgetlint.checks.compare import not_decided
from budgetlint.checks.refs import Strict
from budgetlint.model import Disclosure, Evaluation, Location, Outcome
from budgetlint.model.parts import TocLine, toc_entry_location

# Looks over the whole document for what it compares (unread.py):
# the heading a 目录 page number points at may be on a page that was not read
READS_WHOLE_DOCUMENT = True

EXACT = ("pdf", "formfeed")
BASIS_NAMES = {"pdf": "PDF 页", "formfeed": "按分页符计"}


class Params(Strict):
    toc_part: str
    min_entries: int = 3


def evaluate(rule, disclosure: Disclosure) -> list[Evaluation]:
    p: Params = rule.params
    source = disclosure.source
    if not source.toc:
        return [not_decided(rule.id, "not_applicable", "文件没有带页码的目录")]
    if source.page_basis not in EXACT:
        return [not_decided(rule.id, "not_applicable", "页码不确切（据目录估计或未知），无法核对目录页码")]
    parts = disclosure.parts
    spec = parts.spec(p.toc_part) if parts else None
    toc_name = spec.name if spec else None
    links = disclosure.toc_links
    paired: list[tuple[TocLine, int, Location, int]] = []  # entry, the page it names, the body, its page
    for link in links:
        if link.entry.page is None:
            continue
        body = link.heading.location if link.heading is not None else (link.part.location if link.part else None)
        if body is not None and body.page is not None and body.page_basis in EXACT:
            paired.append((link.entry, link.entry.page, body, body.page))
    if len(paired) < p.min_entries:
        return [not_decided(rule.id, "insufficient_data", f"目录中只有 {len(paired)} 条能与正文对上页码")]
    diffs = Counter(body_page - page for _, page, _, body_page in paired)
    offset = min(diffs, key=lambda d: (-diffs[d], abs(d)))
    out = []
    for entry, page, body, body_page in paired:
        where = toc_entry_location(disclosure, parts, p.toc_part, entry)
        if body_page - page == offset:
            out.append(Evaluation(rule=rule.id, outcome=Outcome.PASS, subject=entry.title, locations=(where,)))
            continue
        expected = body_page - offset
        out.append(
            Evaluation(
                rule=rule.id,
                outcome=Outcome.FAIL,
                subject=entry.title,
                expected=str(expected),
                actual=str(page),
                difference=str(page - expected),
                locations=(where, body),
                detail=(
                    f"正文在第{body_page}页（{BASIS_NAMES[body.page_basis]}）；其余目录条目的页码与实际页相差"
                    f"{offset}，此条应为{expected}"
                ),
                values={"table": toc_name or "", "quote": entry.title},
            )
        )
    return out
