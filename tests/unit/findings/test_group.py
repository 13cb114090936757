"""One cause, one finding: repeated sentences merged; one cell that breaks several identities is the
cause, the identities it breaks are its consequences."""

from decimal import Decimal

from budgetlint.findings.group import root_causes
from budgetlint.model import Finding, Location
from budgetlint.model.findings import Addend, Quantity


def test_the_five_identical_year_comparisons_are_one_finding(audited):
    doc = audited("pdf/sfj_2026_dept_budget.pdf").documents[0]
    [years] = [f for f in doc.run.findings if f.rule == "NA007"]
    assert years.occurrences == 5 and len(years.locations) == 5
    assert {loc.page for loc in years.locations} == {8}
    assert years.fix == "将“2026年”改为“2025年”"
    assert doc.run.summary["fail"] == len(doc.run.findings) + 4  # five failing checks, one finding


def test_the_administration_cell_is_reported_once_per_table_as_the_cause(audited):
    doc = audited("pdf/sfj_2026_unit_budget.pdf").documents[0]
    by_rule = {f.rule: f for f in doc.run.findings if f.rule.startswith("TB")}
    assert set(by_rule) == {"TB009", "TB010", "TB018", "TB019"}
    for lead, follower, table in [
        ("TB009", "TB010", "2026年预算单位支出预算总表"),
        ("TB018", "TB019", "2026年预算单位一般公共预算支出功能分类预算表"),
    ]:
        cause = by_rule[lead].cause
        place = (cause.location.table, cause.location.row, cause.location.column)
        assert place == (table, "2040601 行政运行", "项目支出")
        assert (cause.printed, cause.suggested) == ("64,840,547.00", "0.00")
        assert cause.explains == (by_rule[lead].fingerprint, by_rule[follower].fingerprint)
        assert by_rule[follower].consequence_of == by_rule[lead].fingerprint and not by_rule[follower].shown
        assert "64,840,547.00" in by_rule[lead].fix and "0.00" in by_rule[lead].fix
    shown = [f.rule for f in doc.run.findings if f.shown and f.rule.startswith("TB")]
    assert shown == ["TB009", "TB018"]


def _sum(rule: str, reported: tuple[str, str], computed: list[tuple[str, str]], row: str = "r") -> Finding:
    """A failing sum: `reported` (column, value) against `computed` cells of one row."""

    def addend(side, column, value):
        return Addend(
            side=side,
            name=column,
            printed=value,
            value=value,
            unit="元",
            location=Location(file="f", table="t", row=row, column=column, line=1),
        )

    total = sum(Decimal(v) for _, v in computed)
    return Finding(
        rule=rule,
        name=rule,
        severity="error",
        message=rule,
        fingerprint=rule,
        unit="元",
        reported=Quantity(printed=reported[1], value=reported[1], unit="元"),
        computed=Quantity(printed=str(total), value=str(total), unit="元"),
        addends=(addend("reported", *reported), *(addend("computed", c, v) for c, v in computed)),
    )


def test_a_cell_needs_the_same_change_in_two_findings_to_be_their_cause():
    # the row total 10 where 4 + 5 = 9 (the 合计 cell must be 9); the column total wants it to be 9 as well
    row = _sum("TB001", ("合计", "10"), [("a", "4"), ("b", "5")])
    column = _sum("TB002", ("合计", "10"), [("x", "9")])
    led = root_causes([row, column])
    assert led[1].cause is not None and led[1].cause.suggested == "9"  # fewest addends leads
    assert led[0].consequence_of == "TB002"
    # a different change for the same cell is no common cause
    other = _sum("TB002", ("合计", "10"), [("x", "8")])
    assert all(f.cause is None and f.consequence_of is None for f in root_causes([row, other]))
    # one failing sum alone never names a cell
    assert root_causes([row])[0].cause is None
