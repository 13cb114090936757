"""Generated narratives built from a table: consistent text is clean, one altered number is found.

The generated document is a small Shanxi budget disclosure: a 预算支出总表 (合计 row and one or two
类 rows, 合计 = 基本支出 + 项目支出 exactly, in 万元 with 2 decimals) followed by a 情况说明 with

- 三、支出预算情况说明: “…支出预算T万元，其中：基本支出B万元，占b%；项目支出P万元，占p%。” where T, B
  and P are the table's 合计 row (NA001 binds them to it) and b, p are B/T and P/T rounded half-up
  to 2 decimals (NA002, NA004 check them against each other);
- 五、一般公共预算支出情况说明: “…一般公共预算当年支出C万元，比上年增加A万元，增长r%。” (or 减少 …
  下降), r = A / (C ∓ A) × 100 rounded half-up (NA003). The document has no 一般公共预算支出表, so C
  stays unbound and only the rate ties C, A and r together.

Numbers are printed with or without thousands separators (13,901.07 / 13901.07), independently
in the table and in the text.

Property 1: the consistent document gives no finding at all (and the narrative rules really pass).
Property 2: altering exactly one printed narrative number -- an amount by ±1.00 … 1000.00, a share
or a rate by ±0.50 … 20.00 percentage points, never below zero -- gives a finding located on the
line of the sentence holding that number.

What cannot be detected by design, and how the generator avoids it (rather than weakening the
assertion):

- T, B, P are bound to table cells, so any change of ≥ 1.00 is an NA001 finding whatever the sizes.
- A share b is checked against B / T with B and T read as intervals (±0.005); its tolerance is
  about 100 × 0.005 × (1/T + B/T²) ≤ 1/T percentage points plus the printed step (0.01, rounded
  or truncated). T ≥ 10.00 keeps that ≤ 0.11 points, far inside the ≥ 0.50 alteration.
- C and A are bound to nothing: only r relates them. With prev = C ∓ A (last year), altering A by
  δ moves the true rate by 100·δ·C / (prev·(prev ∓ δ)), altering C by δ moves it by
  100·δ·A / (prev·(prev + δ)); the smallest move (|δ| = 1.00, away from zero) is
  100·min(A, C) / (prev·(prev + 1)). For large amounts that is below the printed step (“支出
  50,000.00万元，比上年增加5,000.00万元，增长11.11%” still reads 11.11% with A = 5,001.00), so no
  checker could see it. The generator asks that smallest move to be ≥ MIN_RATE_MOVE (0.20
  points, twenty printed steps), which bounds last year (PREV_MAX, PREV_MAX_DECREASE) and, for
  decreases, needs both A and C above the bound. A move that makes last year zero or negative is
  the “上年为零” finding, also at the line.
- The rate's own tolerance from the ±0.005 intervals of A and C is about
  100 × 0.005 × (A + C) / prev² points; the generator keeps it ≤ MAX_RATE_SPREAD (0.05 points),
  so an altered rate (≥ 0.50 points) and a 0.20-point move both leave it with room to spare for
  the printed step (0.01, rounded or truncated).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from decimal import ROUND_CEILING, ROUND_FLOOR, ROUND_HALF_UP, Decimal

from hypothesis import given, note
from hypothesis import strategies as st
from strategies import CENT, audit_text, cents, round_half_up

from budgetlint.model import Outcome

YEAR = 2024
UNIT = "某局"
CLASSES = [("201", "一般公共服务支出"), ("205", "教育支出"), ("208", "社会保障和就业支出"), ("210", "卫生健康支出")]

MIN_TOTAL = Decimal("10.00")  # share tolerance ≤ 1/T points (module docstring)
MIN_RATE_MOVE = Decimal("0.20")  # smallest rate move from a ±1.00 change of A or C, in points
MAX_RATE_SPREAD = Decimal("0.05")  # rate tolerance from the ±0.005 intervals of A and C, in points
PREV_MIN = Decimal("20.00")  # increases: below it no A satisfies both bounds
PREV_MAX = Decimal("900.00")  # increases: the A needed grows as prev² (near 900 the rate is ≥ 180%)
PREV_MAX_DECREASE = Decimal("240.00")  # decreases: A and C both ≥ 0.002·prev·(prev+1) needs prev < 249

# which numbers of the narrative may be altered, and how
AMOUNTS = ("T", "B", "P", "C", "A")
PERCENTS = ("b", "p", "r")
NAMES = AMOUNTS + PERCENTS

# the rules that check these sentences; each must really pass on the consistent document
NARRATIVE_RULES = {"NA001", "NA002", "NA003", "NA004"}


def fmt(value: Decimal, sep: bool) -> str:
    """2 decimals, with thousands separators when `sep`."""
    value = value.quantize(CENT, rounding=ROUND_HALF_UP)
    return f"{value:,.2f}" if sep else f"{value:.2f}"


@dataclass(frozen=True)
class Doc:
    classes: tuple[tuple[str, str, Decimal, Decimal], ...]  # (code, name, basic, project) per 类 row
    table_sep: tuple[bool, ...]  # per table row (合计 first): thousands separators in its cells
    values: dict  # name -> printed value (T, B, P, b, p, C, A, r)
    seps: dict  # name -> thousands separators in the narrative (amounts only)
    direction: int  # +1 增加/增长, -1 减少/下降

    @property
    def basic(self) -> Decimal:
        return sum((c[2] for c in self.classes), Decimal(0))

    @property
    def project(self) -> Decimal:
        return sum((c[3] for c in self.classes), Decimal(0))

    def number(self, name: str) -> str:
        if name in PERCENTS:
            return fmt(self.values[name], False)
        return fmt(self.values[name], self.seps[name])

    def sentences(self) -> tuple[str, str]:
        n = self.number
        spending = (
            f"{YEAR}年度{UNIT}支出预算{n('T')}万元，其中：基本支出{n('B')}万元，占{n('b')}%；"
            f"项目支出{n('P')}万元，占{n('p')}%。"
        )
        verb, rate_verb = ("增加", "增长") if self.direction > 0 else ("减少", "下降")
        change = f"{YEAR}年度{UNIT}一般公共预算当年支出{n('C')}万元，比上年{verb}{n('A')}万元，{rate_verb}{n('r')}%。"
        return spending, change

    def sentence_of(self, name: str) -> int:
        return 0 if name in ("T", "B", "P", "b", "p") else 1

    def render(self) -> str:
        def row(code: str, name: str, basic: Decimal, project: Decimal, sep: bool) -> str:
            return "\t".join([code, name, fmt(basic + project, sep), fmt(basic, sep), fmt(project, sep)])

        spending, change = self.sentences()
        lines = [
            UNIT,
            f"{YEAR}年度单位预算公开",
            "",
            f"{YEAR}年预算支出总表",
            "单位：万元",
            "科目编码\t科目名称\t合计\t基本支出\t项目支出",
            row("合计", "", self.basic, self.project, self.table_sep[0]),
        ]
        lines += [row(code, name, b, p, sep) for (code, name, b, p), sep in zip(self.classes, self.table_sep[1:])]
        lines += [
            "",
            f"第三部分 {YEAR}年度单位预算情况说明",
            "三、支出预算情况说明",
            spending,
            "五、一般公共预算支出情况说明",
            change,
            "",
        ]
        return "\n".join(lines)

    def line_of(self, name: str) -> int:
        """1-based line of the sentence holding `name`, found in the rendered text."""
        sentence = self.sentences()[self.sentence_of(name)]
        lines = self.render().split("\n")
        assert lines.count(sentence) == 1, sentence
        return lines.index(sentence) + 1


def _ceil_cent(value: Decimal) -> Decimal:
    return value.quantize(CENT, rounding=ROUND_CEILING)


def _floor_cent(value: Decimal) -> Decimal:
    return value.quantize(CENT, rounding=ROUND_FLOOR)


def _decimal_between(draw, low: Decimal, high: Decimal) -> Decimal:
    assert low <= high, (low, high)
    return draw(cents(int(low * 100), int(high * 100)))


@st.composite
def _changes(draw) -> tuple[int, Decimal, Decimal]:
    """(direction, C, A) with last year prev = C − direction·A, inside the detectable region.

    Needs 100·min(A, C) / (prev·(prev+1)) ≥ MIN_RATE_MOVE, i.e. min(A, C) ≥ L = 0.002·prev·(prev+1),
    and 0.5·(A + C) / prev² ≤ MAX_RATE_SPREAD, i.e. A + C ≤ 0.1·prev² (module docstring).
    """
    direction = draw(st.sampled_from([1, -1]))
    high_prev = PREV_MAX if direction > 0 else PREV_MAX_DECREASE
    prev = _decimal_between(draw, PREV_MIN, high_prev)
    low = max(_ceil_cent(prev * (prev + 1) * MIN_RATE_MOVE / 100), Decimal("1.00"))
    spread = MAX_RATE_SPREAD * 2 * prev * prev  # A + C may be at most this
    if direction > 0:  # C = prev + A ≥ A, so min(A, C) = A; A + C = prev + 2A
        high = _floor_cent((spread - prev) / 2)
        amount = _decimal_between(draw, low, high)
        return direction, prev + amount, amount
    # decrease: C = prev − A, A + C = prev (within spread for prev ≥ 10); both A and C ≥ low
    amount = _decimal_between(draw, low, prev - low)
    return direction, prev - amount, amount


@st.composite
def documents(draw) -> Doc:
    n_classes = draw(st.integers(1, 2))
    chosen = draw(st.lists(st.sampled_from(CLASSES), min_size=n_classes, max_size=n_classes, unique=True))
    chosen.sort()
    amount = st.one_of(st.just(Decimal(0)), cents(1, 100), cents(1, 5_000_000))
    classes = []
    for code, name in chosen:
        basic, project = draw(amount), draw(amount)
        if basic + project == 0:  # no empty 类 row
            basic = Decimal("0.01")
        classes.append((code, name, basic, project))
    total = sum((c[2] + c[3] for c in classes), Decimal(0))
    if total < MIN_TOTAL:  # share tolerance: keep T ≥ 10.00 (module docstring)
        code, name, basic, project = classes[0]
        classes[0] = (code, name, basic + MIN_TOTAL, project)
        total += MIN_TOTAL
    basic = sum((c[2] for c in classes), Decimal(0))
    project = sum((c[3] for c in classes), Decimal(0))
    direction, current, change = draw(_changes())
    prev = current - direction * change
    values = {
        "T": total,
        "B": basic,
        "P": project,
        "b": round_half_up(basic / total * 100),
        "p": round_half_up(project / total * 100),
        "C": current,
        "A": change,
        "r": round_half_up(change / prev * 100),
    }
    seps = {name: draw(st.booleans()) for name in AMOUNTS}
    table_sep = tuple(draw(st.booleans()) for _ in range(n_classes + 1))
    return Doc(classes=tuple(classes), table_sep=table_sep, values=values, seps=seps, direction=direction)


@st.composite
def alterations(draw) -> tuple[str, Decimal]:
    """(name, signed change): amounts by ±1.00 … 1000.00, percentages by ±0.50 … 20.00 points."""
    name = draw(st.sampled_from(NAMES))
    size = draw(cents(100, 100_000) if name in AMOUNTS else cents(50, 2_000))
    return name, size * draw(st.sampled_from([1, -1]))


def altered(doc: Doc, name: str, delta: Decimal) -> Doc:
    """`doc` with one printed number changed by delta, or by |delta| when it would go below zero."""
    value = doc.values[name] + delta
    if value < 0:
        value = doc.values[name] + abs(delta)
    return replace(doc, values={**doc.values, name: value})


def _report(run) -> str:
    return "\n".join(f"{f.rule} lines={[loc.line for loc in f.locations]} {f.message}" for f in run.findings)


@given(documents())
def test_consistent_generated_narrative_gives_no_finding(doc):
    text = doc.render()
    note(text)
    # a one-table document lacks the other parts by design: the completeness (document) rules stay out
    disclosure, run = audit_text(text, path="generated.txt", template_id="shanxi-budget", skip_groups=("document",))
    assert [t.kind for t in disclosure.tables] == ["expenditure_summary"]
    assert run.findings == (), _report(run)
    passed = {e.rule for e in run.evaluations if e.outcome == Outcome.PASS}
    # a rule that quietly stopped applying would also give no finding: ask for real passes
    assert passed >= NARRATIVE_RULES, NARRATIVE_RULES - passed
    assert len(disclosure.bindings) == 3  # T, B, P; C has no table in this document


@given(documents(), alterations())
def test_one_altered_narrative_number_gives_a_finding_at_its_line(doc, alteration):
    name, delta = alteration
    changed = altered(doc, name, delta)
    original, text = doc.render(), changed.render()
    # exactly one printed number differs, on the line of its sentence
    diff = [i + 1 for i, (a, b) in enumerate(zip(original.split("\n"), text.split("\n"), strict=True)) if a != b]
    line = changed.line_of(name)
    assert diff == [line]
    assert [n for n in NAMES if doc.number(n) != changed.number(n)] == [name]
    note(f"altered {name}: {doc.number(name)} -> {changed.number(name)} on line {line}")
    note(text)
    _, run = audit_text(text, path="generated.txt", template_id="shanxi-budget")
    at_line = [f for f in run.findings if any(loc.line == line for loc in f.locations)]
    assert at_line, f"no finding at line {line}\n{_report(run)}"
