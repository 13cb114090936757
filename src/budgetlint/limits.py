"""Resource limits: how large an input, a PDF stream or a rule pattern may be before it is refused.

Every limit is stated here once, with its default; docs/limits.md lists them (a test keeps the two
in step) and `--limit NAME=VALUE` changes one for a run (`budgetlint check --limit file_mb=300 …`).
A file over a limit is refused with one message naming the limit and the option, so a larger
document can still be checked on purpose, while a hostile one cannot take the machine: a 1.5 MB
Flate bomb expands to 4 GB, a 200 MB file or a FIFO never ends.

Why these defaults: the largest real disclosure seen (a 决算 with scanned pages) is ~40 MB and 300
pages; its largest content stream is under 1 MB and a page image under 40 MB; a real 情况说明
paragraph is a few thousand characters and a whole text disclosure under 1 MB. Each default is
ten times or more above what real documents need and keeps one document under 1 GiB of memory.
"""

from __future__ import annotations

from dataclasses import dataclass, fields, replace

from budgetlint.errors import BudgetlintError


@dataclass(frozen=True)
class Limits:
    """The limits of one run: each a default here, any of them changed by `--limit NAME=VALUE`."""

    file_mb: int = 100  # size of any input file, in MB (10^6 bytes)
    text_mb: int = 20  # size of a text input (the decoded text is several times larger in memory)
    decompressed_mb: int = 200  # a PDF's streams decompressed, all together (images are not decoded, not counted)
    pages: int = 2000  # pages of a PDF
    line_chars: int = 2_000_000  # characters of one text line or one PDF paragraph
    cells: int = 2_000_000  # table cells in one document
    pattern_chars: int = 2000  # length of a regular expression in a rule or template
    pattern_repeat: int = 1000  # the largest bounded repetition {m,n} in such a pattern

    def with_options(self, options: list[str] | tuple[str, ...]) -> Limits:
        """These limits with `NAME=VALUE` options applied (--limit); a bad option is refused."""
        known = {f.name for f in fields(self)}
        changes: dict[str, int] = {}
        for option in options:
            name, sep, value = option.partition("=")
            name = name.strip().replace("-", "_")
            if not sep or name not in known:
                raise BudgetlintError(f"--limit {option}：应为 名称=数值，名称为 {'、'.join(sorted(known))} 之一")
            try:
                number = int(value.strip().replace("_", ""))
            except ValueError:
                number = 0
            if number <= 0:
                raise BudgetlintError(f"--limit {option}：数值应为正整数")
            if number > MAX_LIMIT:  # 10^20 MB overflowed a read's size: a file's 内部错误, found by fuzzing
                raise BudgetlintError(f"--limit {option}：数值过大（最大 {MAX_LIMIT}）")
            changes[name] = number
        return replace(self, **changes)


DEFAULT_LIMITS = Limits()
MAX_LIMIT = 10**12  # any limit; in MB still a size every read and sum can hold

OPTION_HINT = "可用 --limit {name}=… 调高上限"


def over_limit(what: str, value: int | str | None, name: str, limit: int, unit: str = "") -> str:
    """The message for an input over a limit: what, how much (None: counting stopped at the limit),
    the limit and how to raise it."""
    amount = f"为 {value}{unit}，" if value is not None else ""
    return f"{what}{amount}超过上限 {limit}{unit}（{OPTION_HINT.format(name=name)}）"
