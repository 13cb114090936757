"""The shape of a rule's <ID>.cases.yaml as types: what load_cases accepts (testing/cases.py says what
each field means), validated before a case runs and published as a JSON Schema (rulebook/schema.py)."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

from budgetlint.model.findings import Severity


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


SHARED_NAME = r"[a-z0-9][a-z0-9.-]*"  # a file name in rules/cases/documents/, never a path


class Shared(_Strict):
    """A document kept once in rules/cases/documents/NAME.txt."""

    shared: str = Field(pattern=f"^{SHARED_NAME}$")


Text = str | Shared  # a document in the TAB-row layout (` | ` for TAB), or a shared one


class OtherDocument(_Strict):
    """Another document of a rule across documents, when it uses another template than the case."""

    template: str | None = None
    document: Text


Other = Text | OtherDocument


class Edit(_Strict):
    """The first occurrence of `find` becomes `to`."""

    find: str
    to: str | int | float


class ExpectedFinding(_Strict):
    """What a fail case expects of one finding's first location; only the fields given are compared."""

    at: str | None = None  # text of the document that names the finding's line
    line: int | None = None
    page: int | None = None
    row: str | None = None
    column: str | None = None
    sheet: str | None = None  # a workbook case (an .xlsx `file`): the worksheet and the cell, as "三公经费", "A7"
    cell: str | None = None
    severity: Severity | None = None


class Expectation(_Strict):
    findings: list[ExpectedFinding] = Field(default_factory=list)


class CaseSpec(_Strict):
    name: str = Field(pattern=r"^(todo_)?(pass|fail|na|insufficient)_")
    template: str | None = None
    document: Text | None = None
    edit: Edit | list[Edit] | None = None
    file: str | None = None  # a PDF beside the cases file instead of a document
    expect: Expectation = Field(default_factory=Expectation)
    previous: Other | None = None
    previous_edit: Edit | list[Edit] | None = None
    units: list[Other] | None = None


class CasesFile(_Strict):
    """<ID>.cases.yaml."""

    template: str | None = None
    document: Text = ""
    previous: Other | None = None
    units: list[Other] = Field(default_factory=list)
    cases: list[CaseSpec] = Field(default_factory=list)
