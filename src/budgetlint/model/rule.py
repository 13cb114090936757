"""A rule as data: identity, documentation, applicability and a parametrised check kind."""

from __future__ import annotations

import string
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from budgetlint.model.findings import Severity

# Placeholders every message may use; a check kind may add its own through Evaluation.values.
MESSAGE_FIELDS = {
    "subject",
    "expected",
    "actual",
    "difference",
    "unit",
    "detail",
    "table",
    "row",
    "column",
    "quote",
    "other",
}  # quote: the narrative text a claim was read from; other: the other document


def check_message_template(message: str) -> None:
    """A message template may name only MESSAGE_FIELDS, plainly: `{actual}`, never `{actual:d}`,
    `{actual!r}`, `{actual.real}` or `{}`. A format spec is not decoration here: `{subject:d}` raises
    on every finding and `{subject:>10000000}` pads each message to ten million characters."""
    try:
        parts = list(string.Formatter().parse(message))
    except ValueError as exc:  # an unbalanced { or }
        raise ValueError(f"消息模板的花括号不成对（{message}）：字面的花括号请写成 {{{{ 或 }}}}") from exc
    for _, name, spec, conversion in parts:
        if name is None:
            continue
        if name not in MESSAGE_FIELDS:
            raise ValueError(f"消息模板使用了未知的占位符 {{{name}}}（可用：{'、'.join(sorted(MESSAGE_FIELDS))}）")
        if spec or conversion:
            raise ValueError(f"消息模板的占位符 {{{name}}} 不能带格式说明或转换（:…、!…），只写 {{{name}}}")


class RuleDoc(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)  # validator built on first use

    what: str = Field(min_length=1)
    why: str = Field(min_length=1)
    example: str = Field(min_length=1)  # the name of a case in the rule's .cases.yaml


class AppliesTo(BaseModel):
    """Which documents a rule is for. A rule reads table kinds and roles (its check names them) and
    runs wherever recognition found them; these fields only narrow that:

    templates: the layouts the rule is written for, a national base (national-budget,
      national-final-account) standing for every template that extends it; empty: every template.
    kind: budget or final_account (an identity of one document kind only); empty: both.
    """

    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)  # validator built on first use

    templates: list[str] = Field(default_factory=list)  # empty: every template
    kind: Literal["budget", "final_account"] | None = None


class Rule(BaseModel):
    # validator built on first use
    model_config = ConfigDict(extra="forbid", frozen=True, arbitrary_types_allowed=True, defer_build=True)

    id: str = Field(pattern=r"^(TB|XT|NA|PT|SE|DC|YR)\d{3}$")
    name: str = Field(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$")
    title: str
    severity: Severity
    status: Literal["preview", "stable", "deprecated"] = "stable"
    since: str
    groups: list[str] = Field(default_factory=list)
    aliases: list[str] = Field(default_factory=list)
    applies_to: AppliesTo = Field(default_factory=AppliesTo)
    check: dict[str, object]  # kind: the check kind; the rest: its parameters
    message: str
    # 修改建议, only where the rule can tell which side to change (a narrative number against the
    # table it restates, a year, a class name): filled like the message
    fix: str | None = None
    doc: RuleDoc
    references: list[str] = Field(default_factory=list)
    # filled by the loader, never written in YAML
    path: str = ""
    params: BaseModel | None = None  # the check kind's Params, validated

    @property
    def kind(self) -> str:
        return str(self.check["kind"])

    @field_validator("message", "fix")
    @classmethod
    def _known_placeholders(cls, message: str | None) -> str | None:
        if message is not None:
            check_message_template(message)
        return message

    def applies(self, lineage: tuple[str, ...] | str, kind: str | None = None) -> bool:
        """`lineage`: the document's template and the base it extends (recognize.templates.lineage);
        a bare template id stands for itself alone."""
        if isinstance(lineage, str):
            lineage = (lineage,)
        if self.applies_to.kind and kind and self.applies_to.kind != kind:
            return False
        return not self.applies_to.templates or any(t in self.applies_to.templates for t in lineage)

    def selected_by(self, token: str) -> bool:
        """--select accepts an id, an alias, a name, a group or an id prefix (TB, XT0)."""
        return (
            token in (self.id, self.name) or token in self.aliases or token in self.groups or self.id.startswith(token)
        )
