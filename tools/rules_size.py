"""How much text the rules take: lines and bytes of rules/**/*.yaml, and of the shared case documents.

Issue 11 asks for the YAML under rules/ to shrink by removing its copies (a default message per
check kind, shared case documents, templates that extend a base), not by moving text elsewhere: so
the shared case documents (rules/cases/documents/*.txt) are counted too, and the total is the figure
to compare.

    .venv/bin/python tools/rules_size.py             # the working tree
    .venv/bin/python tools/rules_size.py --rev main  # a commit, read from git without checking it out
"""

from __future__ import annotations

import argparse
import subprocess
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SUFFIXES = {".yaml": "yaml", ".txt": "shared documents"}


def files_at(rev: str | None) -> dict[str, bytes]:
    """Every file under rules/ that is counted, path -> content, in the working tree or at `rev`."""
    if rev is None:
        return {
            str(p.relative_to(REPO)): p.read_bytes()
            for p in sorted((REPO / "rules").rglob("*"))
            if p.is_file() and p.suffix in SUFFIXES
        }
    names = subprocess.run(
        ["git", "ls-tree", "-r", "--name-only", rev, "rules/"], cwd=REPO, check=True, capture_output=True, text=True
    ).stdout.split("\n")
    return {
        n: subprocess.run(["git", "show", f"{rev}:{n}"], cwd=REPO, check=True, capture_output=True).stdout
        for n in names
        if Path(n).suffix in SUFFIXES
    }


def measure(files: dict[str, bytes]) -> dict[str, tuple[int, int]]:
    """(lines, bytes) per kind of file, and the total."""
    sizes: dict[str, tuple[int, int]] = {}
    for name, data in files.items():
        for key in (SUFFIXES[Path(name).suffix], "total"):
            lines, size = sizes.get(key, (0, 0))
            sizes[key] = (lines + data.count(b"\n"), size + len(data))
    return sizes


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rev", help="a git revision (default: the working tree)")
    args = parser.parse_args()
    for key, (lines, size) in sorted(measure(files_at(args.rev)).items()):
        print(f"{key:17} {lines:7} lines {size:9} bytes")


if __name__ == "__main__":
    main()
