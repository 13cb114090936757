"""stated_figure: what this document states of another year (or basis) against the document that publishes it.

A 2025 budget's 财政拨款收入18,976.76万元，比2024年预算增加3,355.65万元 states that the 2024 budget
was 15,621.11万元; the 2024 budget of the same unit publishes 156,211,123元. A 决算's 年初预算为
2,993.92万元 states its year's budget, which that year's budget disclosure published. Each such
statement (model/figures.py) is compared, as rounding intervals, with the publishing document's own
figure of the same quantity: the same unit (as printed, normalised) and scope, the statement's year,
and the kind that publishes its basis (budget: a budget disclosure; final: a final account).

A change states last year's value as current − A (增加), current + A (减少) or current (持平): a
derived value, compared as the interval of its printed parts; every number involved is located,
this document's first.

Params:
  sources: which statements: `change` (比上年…), `table` / `narrative` / `execution` (a 决算's
           预算数 columns and 年初预算 statements). Default [change].
  bases:   bases compared (budget, final). A statement of another basis (预算执行数) is
           not_applicable: no disclosure publishes it.

Outcomes, one per statement:
  not_applicable     the store holds no other document of the unit (one evaluation), no document
                     publishing that year's figures (what another document of the unit states of the
                     same year and basis -- a 决算's 年初预算 against the next budget's 比上年预算 --
                     is named in the detail, not compared: the next budget may compare with an
                     adjusted budget), or the basis is not compared;
  insufficient_data  the amount is bound to no quantity; this document prints the figure twice
                     differently; the publishing document does not state the
                     quantity, or states it twice with different values; two publishing documents
                     (different files) state it differently -- never a guess;
  pass / fail        the identity holds / does not hold within rounding.

    check:
      kind: stated_figure
      sources: [change]
"""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal
from pathlib import Path

from budgetlint.checks.compare import addends, balance, not_decided, value_in
from budgetlint.checks.refs import Strict
from budgetlint.model import Evaluation, Fact, Outcome
from budgetlint.model.figures import Basis, DocumentFigures, Figure, Library, Source
from budgetlint.model.rule import Rule
from budgetlint.numbers import format_amount
from budgetlint.recognize.figures import quantity_vocabulary

PUBLISHER_KIND = {"budget": "budget", "final": "final_account"}


class Params(Strict):
    sources: list[Source] = ["change"]
    bases: list[Basis] = ["budget", "final"]


def by_place(fact: Fact) -> str:
    """A number named by its file, page and row: the two sides stand in different files."""
    loc = fact.location
    return f"{Path(loc.file).name} p.{loc.page or '?'} {loc.row or loc.table or ''}".rstrip()


def subject_of(figure: Figure) -> str:
    vocabulary = quantity_vocabulary()
    return vocabulary.subject.format(
        year=figure.year,
        basis=vocabulary.bases.get(figure.basis, figure.basis),
        title=vocabulary.title(figure.quantity),
    )


def agreed(figures: list[Figure]) -> Figure | str:
    """The one value several statements give (a table cell first), or why there is none."""
    if not figures:
        return "missing"
    first = min(figures, key=lambda f: f.source != "table")
    for other in figures:
        if not other.interval().overlaps(first.interval()):
            return "conflict"
    return first


def evaluate(rule: Rule, document: DocumentFigures, library: Library) -> list[Evaluation]:
    p = rule.params
    assert isinstance(p, Params)
    own = (document.year, document.basis)
    statements = [f for f in document.figures if f.source in p.sources and (f.year, f.basis) != own]
    if not statements:
        return [not_decided(rule.id, "not_applicable", "本文件没有陈述其他年度（或口径）的数")]
    if not library.has_others(document):
        return [not_decided(rule.id, "not_applicable", "结果库中没有同一单位的其他文件")]
    out = [_one(rule.id, [figure], document, library, p) for figure in statements if figure.source == "change"]
    printed: dict[tuple, list[Figure]] = {}  # a printed figure may be printed twice (table and text): one statement
    for figure in statements:
        if figure.source != "change":
            printed.setdefault((figure.quantity, figure.year, figure.basis), []).append(figure)
    return out + [_one(rule.id, group, document, library, p) for group in printed.values()]


def _one(rule: str, group: list[Figure], document: DocumentFigures, library: Library, p: Params) -> Evaluation:
    figure = group[0]
    subject = subject_of(figure)
    if figure.basis not in p.bases or figure.basis not in PUBLISHER_KIND:
        return not_decided(rule, "not_applicable", "没有公开文件公布这一口径的数（如预算执行数）", subject)
    publishers = library.find(
        document.unit_key, figure.year, PUBLISHER_KIND[figure.basis], document.scope, besides=document.path
    )
    if not publishers:
        return not_decided(rule, "not_applicable", _no_publisher(figure, document, library), subject)
    if figure.quantity is None:
        return not_decided(rule, "insufficient_data", f"所述金额未能对应到具体数量：{figure.quote}", subject)
    stated = agreed(group)
    if not isinstance(stated, Figure):
        return not_decided(rule, "insufficient_data", "本文件自身两处所列不一致", subject)
    values = [agreed(d.own(figure.quantity)) for d in publishers]
    if any(v == "conflict" for v in values):
        return not_decided(rule, "insufficient_data", "公布该数的文件自身有两处不一致的数", subject)
    found = [v for v in values if isinstance(v, Figure)]
    if not found:
        return not_decided(rule, "insufficient_data", "公布年度的文件没有列示该数", subject)
    published = agreed(found)
    if not isinstance(published, Figure):
        names = "、".join(Path(d.path).name for d in publishers)
        return not_decided(rule, "insufficient_data", f"结果库中有多份公布该数的文件，所列不一致：{names}", subject)
    return _compare(rule, subject, stated, published)


def _no_publisher(figure: Figure, document: DocumentFigures, library: Library) -> str:
    """Why nothing is compared; naming what another document of the unit states of the same year and
    basis (a 决算's 年初预算 vs the next budget's 比上年预算): two statements, neither the publisher's,
    which need not be the same quantity (the next budget may compare with an adjusted 上年预算)."""
    reason = "结果库中没有公布该年度该口径数的同一单位文件"
    if figure.quantity is None:
        return reason
    for other in library.find(document.unit_key, figure.year, scope=document.scope, besides=document.path):
        said = agreed(other.stated_of(figure.year, figure.basis, figure.quantity))
        if isinstance(said, Figure):
            shown = "、".join(f"{f.text or 0}{f.unit}" for f in said.facts)
            reason += f"；{Path(other.path).name} 另列 {shown}（{by_place(said.facts[0])}），口径未必相同，未作比较"
    return reason


def _compare(rule: str, subject: str, stated: Figure, published: Figure) -> Evaluation:
    """The stated value (derived from a change, or printed) against the published one, as rounding
    intervals; a direct printing against one printing at the same precision must match exactly."""
    if stated.source != "change":
        return replace(
            balance(rule, subject, list(stated.facts), list(published.facts), name=by_place),
            values={"other": Path(published.facts[0].location.file).name, "quote": ""},
        )
    assert stated.current is not None
    unit = "万元"
    decimals = max(f.decimals for f in (stated.current, stated.change, *published.facts) if f is not None)
    actual, expected = _value(stated, unit), _value(published, unit)
    left, right = stated.interval(unit), published.interval(unit)
    ok = left.overlaps(right)
    sign = {1: " − ", -1: " + "}.get(stated.direction, "")
    how = by_place(stated.current) + " " + stated.current.text
    if stated.change is not None and sign:
        how += sign + stated.change.text
    detail = f"{how}；{addends(list(published.facts), by_place)}"
    if not ok:
        detail += f"（按四舍五入区间：所述 {left}，公布 {right}，不重叠）"
    return Evaluation(
        rule=rule,
        outcome=Outcome.PASS if ok else Outcome.FAIL,
        subject=subject,
        expected=format_amount(expected, decimals),
        actual=format_amount(actual, decimals),
        difference=format_amount(actual - expected, decimals),
        unit=unit,
        detail=detail,
        locations=stated.locations() + published.locations(),
        values={"other": Path(published.facts[0].location.file).name, "quote": stated.quote},
    )


def _value(figure: Figure, unit: str) -> Decimal:
    """The printed value (a change: current ∓ A), in `unit`."""
    if figure.source != "change":
        return sum((value_in(f, unit) for f in figure.facts), Decimal(0))
    assert figure.current is not None
    value = value_in(figure.current, unit)
    if figure.change is not None:
        value -= figure.direction * value_in(figure.change, unit)
    return value
