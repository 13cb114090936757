"""Hypothesis strategies: rule packs and command lines.

- Rule packs: a bundled rule and its cases, renumbered (TB9xx …) so it is a pack of its own, then
  edited as data (kind, message, patterns, parameters, fields removed, added or retyped) or as a
  file (GBK, binary, duplicate keys, 10,000-deep nesting, alias bombs, cut short), and used the
  three ways a pack is used: `check --rules`, `rules test`, `rules show`.
- Command lines: every command and option with values a user mistypes or an attacker chooses --
  empty, missing, a file for a folder, a FIFO, a device, bad limits, unknown codes, outputs that
  cannot be written.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import yaml
from harness import SPECIAL, FuzzInput
from hypothesis import strategies as st

from budgetlint.rulebook.load import rule_files

REPO = Path(__file__).resolve().parents[2]
RULE_FILES = rule_files(REPO / "rules")  # the rules themselves: not their cases, templates or vocabularies
SEED = REPO / "fixtures" / "seeds" / "000_b2c7b50d282cc0b6.txt"
SMALL_PDF = REPO / "rules" / "document" / "DC011.fail_line_cut_by_frame.pdf"

fractions = st.floats(0, 1, exclude_max=True)
_REGEXES = [
    "(a+)+",
    "a{4294967295}",
    "a{100000}",
    "(",
    r"(?:\d+\.)+\d+",
    r"\d+万元",
    "x" * 3000,
    "(?P<x>a)(?P=x)",
    r"(?<=\d{1,3})x",
    "[",
    r"\1",
    "(?i)合计",
    "^$",
    ".*.*.*=.*",
    "(a|aa)+$",
    "\\",
]
_MESSAGES = [
    "{subject:d}",
    "{subject:>10000000}",
    "{subject!r}",
    "{}",
    "{0}",
    "{nope}",
    "{subject",
    "}",
    "{{}}",
    "{subject.__class__.__mro__}",
    "{actual[0]}",
    "{expected}{actual}{difference}{unit}{detail}",
    "",
    "纯文字",
]
_VALUES = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(2**70), 2**70),
    st.floats(allow_nan=True),
    st.text(max_size=20),
    st.lists(st.text(max_size=5), max_size=3),
    st.dictionaries(st.text(max_size=5), st.integers(), max_size=2),
    st.sampled_from(_REGEXES),
)


@cache
def rule_data(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


@cache
def cases_text(path: Path) -> str:
    cases = path.with_name(f"{path.stem}.cases.yaml")
    return cases.read_text(encoding="utf-8") if cases.exists() else ""


def _set_pattern(data: dict, regex: str) -> None:
    def visit(node):
        if isinstance(node, dict):
            for key, value in node.items():
                if key in ("pattern", "note", "line", "name_end", "part_words") and isinstance(value, str):
                    node[key] = regex
                    return True
                if visit(value):
                    return True
        elif isinstance(node, list):
            return any(visit(item) for item in node)
        return False

    visit(data.get("check", {}))


def _data_edits():
    def field(path: tuple[str, ...]):
        return st.builds(lambda value: lambda d: _put(d, path, value), _VALUES)

    return st.one_of(
        st.sampled_from(_MESSAGES).map(lambda m: lambda d: d.__setitem__("message", m)),
        st.sampled_from(_REGEXES).map(lambda r: lambda d: _set_pattern(d, r)),
        st.sampled_from(["kind", "message", "doc", "id", "name", "severity", "check", "since", "title"]).map(
            lambda key: lambda d: d.pop(key, None)
        ),
        *[
            field(p)
            for p in [
                ("check", "kind"),
                ("severity",),
                ("applies_to",),
                ("applies_to", "templates"),
                ("groups",),
                ("check", "table"),
                ("check", "tolerance"),
                ("check", "columns"),
                ("extra_field",),
                ("doc", "example"),
                ("check", "patterns"),
            ]
        ],
    )


def _put(data: dict, path: tuple[str, ...], value) -> None:
    node = data
    for key in path[:-1]:
        if not isinstance(node.get(key), dict):
            node[key] = {}
        node = node[key]
    node[path[-1]] = value


def _deep(depth: int) -> str:
    return "deep: " + "[" * depth + "]" * depth + "\n"


def _alias_bomb() -> str:
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    lines += [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 10)}]" for i in range(1, 9)]
    return "\n".join(lines) + "\n"


_file_edits = st.one_of(
    st.just(lambda t: t.encode("gbk", errors="replace")),
    st.builds(lambda junk: lambda t: junk + t.encode("utf-8"), st.binary(min_size=1, max_size=64)),
    st.builds(lambda f: lambda t: t.encode("utf-8")[: int(f * len(t.encode("utf-8")))], fractions),
    st.just(lambda t: (t + "severity: info\n").encode("utf-8")),  # a duplicate key
    st.sampled_from([10, 999, 10_000]).map(lambda n: lambda t: (t + _deep(n)).encode("utf-8")),
    st.just(lambda t: (t + _alias_bomb()).encode("utf-8")),
    st.just(lambda t: (t + "x: !!python/object/apply:os.system ['true']\n").encode("utf-8")),
    st.builds(lambda f: lambda t: (t[: int(f * len(t))] + "\t:" + t[int(f * len(t)) :]).encode("utf-8"), fractions),
)


def _renumbered(rule_id: str, number: int) -> str:
    return f"{rule_id[:2]}9{number:02d}"


@st.composite
def rule_pack_jobs(draw) -> FuzzInput:
    source = draw(st.sampled_from(RULE_FILES))
    data = dict(rule_data(source))
    new_id = _renumbered(data["id"], draw(st.integers(0, 99)))
    data = yaml.safe_load(yaml.safe_dump(data, allow_unicode=True))  # a deep copy
    data["id"] = new_id
    for edit in draw(st.lists(_data_edits(), max_size=3)):
        edit(data)
    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
    raw = draw(st.one_of(st.none(), _file_edits))
    rule_bytes = raw(text) if raw else text.encode("utf-8")
    cases = re.sub(r"\b" + re.escape(rule_data(source)["id"]) + r"\b", new_id, cases_text(source))
    cases_edit = draw(st.one_of(st.none(), _file_edits))
    cases_bytes = cases_edit(cases) if cases_edit else cases.encode("utf-8")
    files = [(f"pack/{new_id}.yaml", rule_bytes), (f"pack/{new_id}.cases.yaml", cases_bytes)]
    files += [(f"pack/{p.name}", p.read_bytes()) for p in source.parent.glob(f"{rule_data(source)['id']}.*.pdf")]
    use = draw(
        st.sampled_from(
            [
                ("check", str(SEED), "--rules", "pack", "--format", "json"),
                ("check", str(SEED), "--rules", "pack", "--select", new_id, "--format", "json"),
                ("rules", "--rules", "pack", "test", "pack"),
                ("rules", "--rules", "pack", "show", new_id),
                ("rules", "--rules", "pack"),
            ]
        )
    )
    return FuzzInput(kind="rules", args=use, files=tuple(files), note=f"from {source.name}")


# ---------------------------------------------------------------------------------------------
# command lines
# ---------------------------------------------------------------------------------------------

_PATHS = [
    "",
    ".",
    "missing.txt",
    str(SEED),
    str(SMALL_PDF),
    "pipe.txt",
    "/dev/null",
    "/dev/zero",
    "folder",
    "seed-link.txt",
    "broken.pdf",
    str(REPO / "fixtures" / "bad" / "binary.txt"),
    str(REPO / "fixtures" / "bad" / "encrypted.pdf"),
    str(REPO / "fixtures" / "bad" / "truncated.pdf"),
    "\udcff\udcfe.txt",
    "-",
    "--",
    "folder/../folder",
]
_TOKENS = st.sampled_from(["", "TB", "TB001", "ZZZ", "core", "*", "-", "NA0", "narrative", "TB001,TB002", " "])
_OPTIONS = st.one_of(
    st.tuples(st.just("--format"), st.sampled_from(["json", "rich", "checklist", "sarif", ""])),
    st.tuples(st.just("--fail-on"), st.sampled_from(["error", "warning", "info", "never", "all", ""])),
    st.tuples(st.just("--select"), _TOKENS),
    st.tuples(st.just("--ignore"), _TOKENS),
    st.tuples(st.just("--rules"), st.sampled_from(["", "pack", "missing", str(SEED), "folder", "/dev/null"])),
    st.tuples(
        st.just("--output"),
        st.sampled_from(["out.json", "out.xlsx", "folder", "/nonexistent/x.json", "/dev/full", "", "pipe.txt"]),
    ),
    st.tuples(
        st.just("--limit"),
        st.sampled_from(
            [
                "file_mb=1",
                "cells=10",
                "pages=0",
                "x=1",
                "line_chars=50",
                "decompressed_mb=1",
                "=",
                "text_mb=99999999999999999999",
            ]
        ),
    ),
    st.tuples(st.sampled_from(["--color", "--no-color"])),
)


def _option_files() -> tuple[tuple[str, bytes], ...]:
    seed = SEED.read_bytes()
    return (
        ("pipe.txt", SPECIAL.encode()),
        ("folder/a.txt", seed),
        ("folder/fifo.txt", SPECIAL.encode()),
        ("seed-link.txt", seed),
        ("broken.pdf", b"%PDF-1.4\n%%EOF\n"),
        ("pack/README", b"no rules here"),
        ("\udcff\udcfe.txt", seed),
    )


@st.composite
def option_jobs(draw) -> FuzzInput:
    command = draw(
        st.sampled_from(
            [
                ["check"],
                ["check"],
                ["check"],
                ["inspect"],
                ["rules"],
                ["rules", "show"],
                ["rules", "test"],
                ["--version"],
                ["-v", "check"],
                ["nosuch"],
            ]
        )
    )
    options = [part for option in draw(st.lists(_OPTIONS, max_size=4)) for part in option]
    paths = draw(st.lists(st.sampled_from(_PATHS), min_size=0, max_size=3))
    if command[:2] == ["rules", "show"]:
        paths = [draw(st.sampled_from(["TB001", "ZZZ", "", "core", "TB999"]))]
    args = [*command, *paths, *options] if command[0] != "rules" else [*command, *paths]
    return FuzzInput(kind="options", args=tuple(args), files=_option_files(), note="command line")
