"""What rules produce: one Evaluation per check; failing ones become Findings.

A Finding carries everything a reporter shows as data, so no reporter reads message text: the
reported and computed values (as printed and as the intervals they stand for), every addend with
its location, a fix when the rule can tell which side to change, a fingerprint that survives edits
elsewhere in the document, and how it relates to other findings (one root cause, several
consequences) and to the waiver file.

A Finding and its parts are records (model/record.py): checks and findings/ build them from typed
values, and the JSON contract is written field by field (`contract()`); only a finding read back
from the results store is validated (`from_contract`, through a pydantic TypeAdapter built then).
A Waiver, read from the project file, is a pydantic model.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import field
from enum import Enum
from functools import lru_cache
from typing import Literal, cast

from pydantic import BaseModel, ConfigDict, Field, TypeAdapter

from budgetlint.model.location import Location
from budgetlint.model.record import record

Severity = Literal["error", "warning", "info"]
SEVERITY_RANK = {"info": 0, "warning": 1, "error": 2}
Side = Literal["reported", "computed"]


class Outcome(str, Enum):
    PASS = "pass"
    FAIL = "fail"
    NOT_APPLICABLE = "not_applicable"
    INSUFFICIENT_DATA = "insufficient_data"
    ERROR = "error"


@record
class Quantity:
    """One side of a comparison: the value as shown, and the interval it stands for.

    `printed` is the text as the document prints it for a single reported cell, otherwise the value
    formatted at the precision of its parts; `low`/`high` are the rounding interval (design.md §3),
    absent where the value is not an amount (a year, a name, a percentage statement).
    """

    printed: str
    value: str | None = None  # the Decimal as a plain string
    low: str | None = None
    high: str | None = None
    unit: str | None = None

    def contract(self) -> dict[str, object]:
        return {
            "printed": self.printed,
            "value": self.value,
            "interval": [self.low, self.high] if self.low is not None else None,
            "unit": self.unit,
        }

    @staticmethod
    def fields_of(data: dict[str, object]) -> dict[str, object]:
        """The fields of the quantity a contract() dict describes (its interval as low and high)."""
        interval = data.get("interval")
        low, high = cast(list[str], interval) if interval else (None, None)
        return {k: v for k, v in data.items() if k != "interval"} | {"low": low, "high": high}


@record
class Addend:
    """One printed number a comparison used: which side it is on, what it is, where it stands."""

    side: Side
    name: str  # as the message names it: a row label, a column header, 表「行」列
    printed: str  # the text in the document ("" for an empty cell, counted as 0)
    value: str | None = None
    unit: str | None = None
    location: Location

    def contract(self, *, with_file: bool = False) -> dict[str, object]:
        return {
            "side": self.side,
            "name": self.name,
            "printed": self.printed,
            "value": self.value,
            "unit": self.unit,
            "location": self.location.contract(with_file=with_file),
        }


@record
class Evaluation:
    """The result of one check on one subject (a row, a column, a pair of facts).

    A record (model/record.py), not a pydantic model like the finding parts below: checks make one per
    subject (thousands per document) from values they have already typed, and no evaluation is
    ever read back from a file."""

    rule: str
    outcome: Outcome
    subject: str = ""  # what was checked, e.g. "表3 205 教育支出 / 合计"
    expected: str | None = None
    actual: str | None = None
    difference: str | None = None
    unit: str | None = None
    detail: str | None = None  # why not applicable / insufficient, or the addends
    # how the computed side was worked out (a formula, the rounding intervals): technical detail
    # that reports show apart from the message (a dimmer second line, or with -v)
    formula: str | None = None
    severity: Severity | None = None  # overrides the rule's severity (e.g. a rounding tail is info)
    locations: tuple[Location, ...] = ()
    values: dict[str, str] = field(default_factory=dict)  # extra message placeholders
    claims: tuple[str, ...] = ()  # keys of the narrative claims this evaluation decided on
    reported: Quantity | None = None  # the side the document states (a total, a narrative number)
    computed: Quantity | None = None  # what the other numbers make of it
    addends: tuple[Addend, ...] = ()  # every number both sides were made of


@record
class Cause:
    """A single printed cell that, changed by one amount, would make several failing checks pass."""

    location: Location
    name: str
    printed: str
    suggested: str  # the value it would have to be (same unit and precision)
    unit: str | None = None
    explains: tuple[str, ...]  # fingerprints of the findings it explains, this one first

    def contract(self, *, with_file: bool = False) -> dict[str, object]:
        return {
            "location": self.location.contract(with_file=with_file),
            "name": self.name,
            "printed": self.printed,
            "suggested": self.suggested,
            "unit": self.unit,
            "explains": list(self.explains),
        }


class Waiver(BaseModel):
    """A finding accepted as it is: one `[[waivers]]` entry of the project file (config.py)."""

    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)

    fingerprint: str = Field(min_length=1)
    reason: str = Field(min_length=1)
    expires: dt.date | None = None  # after this day the finding is reported again
    rule: str | None = None  # for the reader
    unit: str | None = None  # the document it was written for: a waiver is called unused only
    year: int | None = None  # where a document of this unit and year was checked
    message: str | None = None  # for the reader

    def contract(self) -> dict[str, object]:
        return {
            "fingerprint": self.fingerprint,
            "reason": self.reason,
            "expires": self.expires.isoformat() if self.expires else None,
            "rule": self.rule,
            "unit": self.unit,
            "year": self.year,
        }


@record
class Finding:
    rule: str
    name: str
    severity: Severity
    message: str
    expected: str | None = None
    actual: str | None = None
    difference: str | None = None
    locations: tuple[Location, ...] = ()
    title: str = ""  # the rule's title
    fingerprint: str = ""  # rule + document identity + what it is about (findings/fingerprint.py)
    unit: str | None = None
    reported: Quantity | None = None
    computed: Quantity | None = None
    addends: tuple[Addend, ...] = ()
    detail: str | None = None  # the evaluation's explanation (what the message's {detail} says)
    formula: str | None = None  # technical detail: formulas, rounding intervals (never in the message)
    fix: str | None = None  # 修改建议: which side to change, when the rule (or a root cause) tells
    quote: str | None = None  # the document's own words the finding is about (a claim, a match, cut text)
    occurrences: int = 1  # fail evaluations with this same message merged into this finding
    cause: Cause | None = None  # this finding leads: one cell explains it and the ones listed
    consequence_of: str | None = None  # fingerprint of the finding whose cause explains this one
    waiver: Waiver | None = None  # accepted in the waiver file: counted, not failing
    # indexes into the run's evaluations of the failing checks this finding stands for (not in
    # the contract: JUnit reports one test case per evaluation and needs the finding of each)
    sources: tuple[int, ...] = ()
    # the placeholders the rule's message fills (not in the contract): a report repeats a value
    # beside the message only when the message does not already say it
    message_shows: tuple[str, ...] = ()

    def sort_key(self) -> tuple[int, int, int, str, str]:
        """Page order: page, the line on the page where it is known (PDF), the line, rule, message."""
        first = self.locations[0] if self.locations else None
        if first is None:
            return (0, 0, 0, self.rule, self.message)
        return (first.page or 0, first.page_line or 0, first.line or 0, self.rule, self.message)

    @property
    def shown(self) -> bool:
        """Listed in human reports: not a consequence of another finding's cause."""
        return self.consequence_of is None

    def contract(self, *, with_file: bool = False) -> dict[str, object]:
        """The JSON contract's finding; `with_file`: every location names its file (a document read
        from several files)."""
        return {
            "rule": self.rule,
            "severity": self.severity,
            "message": self.message,
            "expected": self.expected,
            "actual": self.actual,
            "difference": self.difference,
            "locations": [loc.contract(with_file=with_file) for loc in self.locations],
            "name": self.name,
            "title": self.title,
            "fingerprint": self.fingerprint,
            "unit": self.unit,
            "reported": self.reported.contract() if self.reported else None,
            "computed": self.computed.contract() if self.computed else None,
            "addends": [a.contract(with_file=with_file) for a in self.addends],
            "detail": self.detail,
            "formula": self.formula,
            "fix": self.fix,
            "quote": self.quote,
            "occurrences": self.occurrences,
            "cause": self.cause.contract(with_file=with_file) if self.cause else None,
            "consequence_of": self.consequence_of,
            "waived": self.waiver.contract() if self.waiver else None,
        }

    @classmethod
    def from_contract(cls, data: dict[str, object], file: str) -> Finding:
        """The finding a contract() dict describes (the results store keeps findings as JSON);
        `file` is the document's path, which locations in the contract leave out."""

        def place(loc: object) -> dict[str, object]:
            return {"file": file, **cast(dict[str, object], loc)}

        def placed(item: object) -> dict[str, object]:
            entry = cast(dict[str, object], item)
            return {**entry, "location": place(entry["location"])}

        fields = {k: v for k, v in data.items() if k not in ("waived", "reported", "computed", "cause", "addends")}
        fields["locations"] = [place(loc) for loc in cast(list[object], data.get("locations") or [])]
        fields["addends"] = [placed(a) for a in cast(list[object], data.get("addends") or [])]
        for side in ("reported", "computed"):
            if data.get(side):
                fields[side] = Quantity.fields_of(cast(dict[str, object], data[side]))
        if data.get("cause"):
            fields["cause"] = placed(data["cause"])
        if data.get("waived"):
            fields["waiver"] = data["waived"]
        return _finding_adapter().validate_python(fields)


@lru_cache(maxsize=1)
def _finding_adapter() -> TypeAdapter[Finding]:
    """What validates a finding read back from the results store (the one place a Finding is
    validated: the reports and checks build theirs from typed values)."""
    return TypeAdapter(Finding)
