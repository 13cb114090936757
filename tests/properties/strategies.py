"""Shared helpers and hypothesis strategies for the property tests (style.md §9).

Imported as a plain module: tests/properties/conftest.py puts this folder on sys.path.

Three groups:
- seeds: reading the Shanxi seeds, auditing a text in memory, finding the printed cell of a Fact
  on its line, rewriting exactly that cell, and telling new findings from the baseline ones;
- amounts: Decimal amounts with 2 decimals, deltas of at least 1.00, half-up rounding;
- synthetic documents: consistent Shanxi tables (code hierarchy, 合计 = 基本 + 项目, 收入总表,
  “三公”表) rendered in the TAB-row layout, exact in 万元 or derived from unrounded 元 amounts.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from functools import cache
from pathlib import Path

from hypothesis import strategies as st

from budgetlint.engine import run_rules
from budgetlint.ingest import read_text
from budgetlint.model import Disclosure, Finding
from budgetlint.model.results import RuleRun
from budgetlint.model.templates import TableSpec
from budgetlint.recognize import recognize
from budgetlint.recognize.tables import place_cells
from budgetlint.recognize.templates import load_templates
from budgetlint.rulebook import Rule, load_rules

REPO = Path(__file__).resolve().parents[2]
SEEDS = REPO / "fixtures" / "seeds"
SHANXI_SEEDS = ["000_b2c7b50d282cc0b6.txt", "001_e1c2a9d2af1eed61.txt", "004_b39ab111367c9db1.txt"]
CENT = Decimal("0.01")
WAN = Decimal(10000)


# ---------------------------------------------------------------------------------------- seeds


@cache
def rules() -> tuple[Rule, ...]:
    return tuple(load_rules())


@cache
def seed_text(name: str) -> str:
    return (SEEDS / name).read_text(encoding="utf-8")


def audit_text(
    text: str, path: str = "mem.txt", template_id: str | None = None, skip_groups: tuple[str, ...] = ()
) -> tuple[Disclosure, RuleRun]:
    """read_text + recognize + run_rules (every rule but those in `skip_groups`), all in memory."""
    disclosure = recognize(read_text(text, path=path), template_id=template_id)
    chosen = [r for r in rules() if not set(r.groups) & set(skip_groups)]
    return disclosure, run_rules(chosen, disclosure)


@cache
def seed_baseline(name: str) -> RuleRun:
    """The rule run on the unchanged seed (001 and 004 have real findings, see test_seed_mutation)."""
    return audit_text(seed_text(name), path=name)[1]


@dataclass(frozen=True)
class Cell:
    """A printed number of a recognised table: where it is on its line, and what it means."""

    line: int  # 1-based line of the input
    raw_index: int  # position among the line's TAB-separated cells
    text: str  # as printed (stripped)
    value: Decimal
    table: str  # table kind
    row: str  # row label as printed
    column: str  # column role

    def describe(self) -> str:
        return f"line {self.line} {self.table} 「{self.row}」 {self.column} = {self.text}"


def _spec(template_id: str, kind: str) -> TableSpec:
    template = next(t for t in load_templates() if t.id == template_id)
    spec = template.table(kind)
    assert spec is not None, kind
    return spec


def _raw_index(raw_cells: list[str], spec: TableSpec, column_index: int) -> int:
    """Map a template column position back to the printed cell it came from.

    place_cells pads short rows in the middle; placing unique markers (keeping empty cells
    empty) through the same function tells which printed cell lands at `column_index`.
    """
    markers = [f"#{i}" if c else "" for i, c in enumerate(raw_cells)]
    placed = place_cells(markers, spec)
    assert placed is not None and placed[column_index].startswith("#"), (raw_cells, column_index)
    return int(placed[column_index][1:])


@cache
def seed_cells(name: str) -> tuple[Cell, ...]:
    """Every Fact with a value, across all tables of a seed, in table and row order."""
    text = seed_text(name)
    lines = text.split("\n")
    disclosure, _ = audit_text(text, path=name)
    out: list[Cell] = []
    for table in disclosure.tables:
        spec = _spec(disclosure.template, table.kind)
        columns = {c.role: c.index for s in spec.sides for c in s.columns}
        for row in table.rows:
            raw = [c.strip() for c in lines[row.line - 1].replace("\f", "").split("\t")]
            for role, fact in row.cells.items():
                if fact.value is None:
                    continue
                index = _raw_index(raw, spec, columns[role])
                assert raw[index] == fact.text, (row.line, raw, fact.text)
                out.append(Cell(row.line, index, fact.text, fact.value, table.kind, row.printed_label, role))
    return tuple(out)


def replace_cell(text: str, cell: Cell, new_text: str) -> str:
    """The text with exactly that cell of that line rewritten (surrounding spaces kept)."""
    lines = text.split("\n")
    parts = lines[cell.line - 1].split("\t")
    old = parts[cell.raw_index]
    assert old.strip() == cell.text, (old, cell)
    parts[cell.raw_index] = old.replace(cell.text, new_text, 1)
    lines[cell.line - 1] = "\t".join(parts)
    return "\n".join(lines)


def finding_key(f: Finding) -> tuple:
    return (
        f.rule,
        f.message,
        f.expected,
        f.actual,
        tuple((loc.line, loc.table, loc.row, loc.column) for loc in f.locations),
    )


def new_findings_at(baseline: RuleRun, run: RuleRun, line: int) -> list[Finding]:
    """Findings of `run` that point at `line` and are not a baseline finding unchanged.

    A baseline finding whose expected/actual changed has a different key, so it counts.
    """
    before = {finding_key(f) for f in baseline.findings}
    return [f for f in run.findings if any(loc.line == line for loc in f.locations) and finding_key(f) not in before]


# -------------------------------------------------------------------------------------- amounts


def fmt(value: Decimal) -> str:
    """As the seeds print amounts: 2 decimals, no thousands separator."""
    return str(value.quantize(CENT, rounding=ROUND_HALF_UP))


def round_half_up(value: Decimal, places: int = 2) -> Decimal:
    return value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def cents(low: int, high: int) -> st.SearchStrategy[Decimal]:
    """Amounts low/100 … high/100 with exactly 2 decimals."""
    return st.integers(low, high).map(lambda c: Decimal(c).scaleb(-2))


# at least 1.00 (far outside any rounding interval of the seeds' sums), mostly small
deltas = st.tuples(st.one_of(cents(100, 999), cents(100, 10_000_000)), st.sampled_from([1, -1])).map(
    lambda t: t[0] * t[1]
)


def mutated_value(value: Decimal, delta: Decimal) -> Decimal:
    """value + delta, or value + |delta| when that would go negative: |change| >= 1.00 either way."""
    new = value + delta
    return new if new >= 0 else value + abs(delta)


# ---------------------------------------------------------------------------- synthetic documents


@dataclass(frozen=True)
class Leaf:
    """One 项 of the budget. Amounts are exact, in the Budget's own unit (万元 or 元), 2 decimals."""

    code: str  # 7 digits
    basic: Decimal
    project: Decimal
    carryover: Decimal = Decimal(0)  # part of the project money that is 上年结转, not this year's income
    unit_funds: Decimal = Decimal(0)  # part of this year's income that is 单位资金, the rest 一般公共预算

    @property
    def total(self) -> Decimal:
        return self.basic + self.project

    @property
    def income(self) -> Decimal:
        return self.total - self.carryover


@dataclass(frozen=True)
class Budget:
    """A unit's budget: 项 leaves under 款 under 类, and its “三公” expenses.

    `scale` is how many 元 one amount unit is: 1 for amounts drawn in 元 (more decimals),
    WAN when the amounts are already in 万元.
    """

    leaves: tuple[Leaf, ...]
    abroad: Decimal
    reception: Decimal
    car_purchase: Decimal
    car_operation: Decimal
    scale: Decimal


CLASS_NAMES = {
    "201": "一般公共服务支出",
    "205": "教育支出",
    "208": "社会保障和就业支出",
    "210": "卫生健康支出",
    "213": "农林水支出",
    "221": "住房保障支出",
}


@st.composite
def code_trees(draw, max_classes: int = 3, max_kuan: int = 3, max_xiang: int = 3) -> list[str]:
    """Distinct 7-digit 项 codes grouped under up to `max_classes` 类 and their 款."""
    classes = draw(st.lists(st.sampled_from(sorted(CLASS_NAMES)), min_size=1, max_size=max_classes, unique=True))
    codes: list[str] = []
    for cls in sorted(classes):
        for kuan in sorted(draw(st.lists(st.integers(1, 99), min_size=1, max_size=max_kuan, unique=True))):
            for xiang in sorted(draw(st.lists(st.integers(1, 99), min_size=1, max_size=max_xiang, unique=True))):
                codes.append(f"{cls}{kuan:02d}{xiang:02d}")
    return codes


def _amounts(in_yuan: bool, max_wan: int = 50_000, low: int = 0) -> st.SearchStrategy[Decimal]:
    """An amount up to `max_wan` 万元: in 万元 with 2 decimals, or in 元 with 2 decimals (分).

    Zero (an empty cell) is drawn often, as in real tables.
    """
    if in_yuan:
        drawn = st.integers(max(low, 1), max_wan * 10000 * 100).map(lambda c: Decimal(c).scaleb(-2))
    else:
        drawn = cents(max(low, 1), max_wan * 100)
    return drawn if low else st.one_of(st.just(Decimal(0)), drawn)


def _share(draw, amount: Decimal) -> Decimal:
    """A part of `amount`: none, all, or a drawn fraction, kept to 2 decimals of its unit."""
    percent = draw(st.one_of(st.just(0), st.just(100), st.integers(0, 100)))
    return (amount * percent / 100).quantize(CENT)


@st.composite
def budgets(draw, in_yuan: bool = False) -> Budget:
    amounts = _amounts(in_yuan)
    codes = draw(code_trees())
    leaves = []
    for i, code in enumerate(codes):
        # the first leaf has a basic amount, so that no table is empty (an empty table is not_applicable)
        basic = draw(_amounts(in_yuan, low=1) if i == 0 else amounts)
        project = draw(amounts)
        carryover = _share(draw, project)
        leaves.append(Leaf(code, basic, project, carryover, _share(draw, basic + project - carryover)))
    leaves = tuple(leaves)
    small = _amounts(in_yuan, max_wan=200)
    return Budget(
        leaves=leaves,
        abroad=draw(small),
        reception=draw(small),
        car_purchase=draw(small),
        car_operation=draw(small),
        scale=Decimal(1) if in_yuan else WAN,
    )


def _wan(amount: Decimal, scale: Decimal) -> str:
    """Printed in 万元: exact sums converted, then rounded half-up to 2 decimals."""
    return fmt(amount * scale / WAN)


def _aggregate(leaves: tuple[Leaf, ...]) -> list[tuple[str | None, Leaf]]:
    """(code, or None for 合计; summed amounts) for 合计, every 类, 款 and 项, parents before children.

    Parents are sums of the UNROUNDED leaf amounts; rounding happens only when printing.
    """
    sums: dict[str | None, Leaf] = {}
    for leaf in leaves:
        for key in (None, leaf.code[:3], leaf.code[:5], leaf.code):
            acc = sums.get(key, Leaf(key or "", Decimal(0), Decimal(0)))
            sums[key] = Leaf(
                acc.code,
                acc.basic + leaf.basic,
                acc.project + leaf.project,
                acc.carryover + leaf.carryover,
                acc.unit_funds + leaf.unit_funds,
            )
    ordered = [None, *sorted(k for k in sums if k is not None)]
    return [(k, sums[k]) for k in ordered]


def _name(code: str | None) -> str:
    if code is None:
        return "合计"
    return CLASS_NAMES[code] if len(code) == 3 else f"科目{code}"


def _cell(amount: Decimal, scale: Decimal) -> str:
    return "" if amount == 0 else _wan(amount, scale)


def render_budget(b: Budget, year: int = 2024) -> str:
    """预算收入总表, 预算支出总表 and 三公 table of `b` as text in the Shanxi TAB-row layout.

    收入总表: per code, 本年收入 (一般公共预算 + 单位资金) + 上年结转 = the 支出总表's 合计 (XT004),
    本年收入合计 = Σ sources (TB007), and the same code hierarchy in every column (TB008).
    """
    rows = _aggregate(b.leaves)
    lines = [f"{year}年部门预算公开", "", "单位名称：测试单位", ""]

    lines += [
        f"{year}年预算收入总表",
        "",
        "单位：万元",
        "",
        "项目\t\t本年收入\t\t\t\t\t\t上年结转",
        "科目编码\t科目名称\t合计\t一般公共预算\t政府性基金\t国有资本经营预算\t财政专户管理资金\t单位资金\t",
    ]
    for code, a in rows:
        lines.append(
            "\t".join(
                [
                    code or "合计",
                    "" if code is None else _name(code),
                    _cell(a.income, b.scale),
                    _cell(a.income - a.unit_funds, b.scale),
                    "",
                    "",
                    "",
                    _cell(a.unit_funds, b.scale),
                    _cell(a.carryover, b.scale),
                ]
            )
        )

    lines += [
        "",
        f"{year}年预算支出总表",
        "",
        "单位：万元",
        "",
        "项目\t\t" + f"{year}年预算数\t\t",
        "科目编码\t科目名称\t合计\t基本支出\t项目支出",
    ]
    for code, a in rows:
        lines.append(
            "\t".join(
                [
                    code or "合计",
                    "" if code is None else _name(code),
                    _cell(a.total, b.scale),
                    _cell(a.basic, b.scale),
                    _cell(a.project, b.scale),
                ]
            )
        )

    cars = b.car_purchase + b.car_operation
    total = b.abroad + b.reception + cars
    lines += [
        "",
        f"{year}年财政拨款安排“三公”经费支出预算表",
        "",
        "单位：万元",
        "",
        "项目\t合计\t一般公共预算\t政府性基金预算\t国有资本经营预算",
    ]
    for label, amount in [
        ("合计", total),
        ("因公出国（境）费", b.abroad),
        ("公务接待费", b.reception),
        ("公务用车购置及运行费", cars),
        ("公务用车购置费", b.car_purchase),
        ("公务用车运行维护费", b.car_operation),
    ]:
        printed = _wan(amount, b.scale)
        lines.append("\t".join([label, printed, printed, "", ""]))
    lines.append("")
    return "\n".join(lines)


# ------------------------------------------------------------------------------------- raw input

# text shaped like the inputs: CJK, digits, TABs, newlines, form feeds, CR, BOM, full-width digits
_ALPHABET = st.sampled_from(
    list(
        "\t\t\t\n\n\f\r 0123456789.,-()%：:（）年表合计总科目编码一二三、预算收支支出单位万元"
        "项目支出绩效自评表\ufeff０１２"
    )
)
layout_texts = st.one_of(
    st.text(_ALPHABET, max_size=400),
    st.text(max_size=200),
    st.lists(
        st.lists(st.one_of(st.text(_ALPHABET, max_size=8), cents(0, 10**8).map(str)), max_size=8).map("\t".join),
        max_size=30,
    ).map("\n".join),
)


@cache
def seed_fragments() -> tuple[str, ...]:
    """Slices of the real seeds (beginning, a table, the cell layout) to splice into random text."""
    out = []
    for name in [*SHANXI_SEEDS, "003_b609326f3d399845.txt"]:
        lines = seed_text(name).split("\n")
        out += ["\n".join(lines[i : i + 60]) for i in range(0, min(len(lines), 600), 60)]
    return tuple(out)


def spliced_texts() -> st.SearchStrategy[str]:
    """A seed fragment with random text inserted, or lines cut: near-real documents."""
    return st.builds(
        lambda frag, pos, junk: frag[: pos % (len(frag) + 1)] + junk + frag[pos % (len(frag) + 1) :],
        st.sampled_from(seed_fragments()),
        st.integers(0, 10**6),
        layout_texts,
    )


def encoded(texts: st.SearchStrategy[str]) -> st.SearchStrategy[bytes]:
    """Text encoded as the inputs may be: UTF-8, UTF-8 with BOM, GB18030, UTF-16 (a wrong guess)."""
    return st.builds(
        lambda t, enc: t.encode(enc, errors="replace"),
        texts,
        st.sampled_from(["utf-8", "utf-8-sig", "gb18030", "utf-16"]),
    )
