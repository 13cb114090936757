"""Snapshot budgetlint's JSON on the evaluation corpus, and compare two snapshots.

The corpus is every seed in fixtures/seeds, every PDF in fixtures/pdf and, when ../shared sits
beside the repository, every PDF under ../shared/peer-samples. Each file's JSON contract (as
`budgetlint check FILE --format json` prints it) goes to OUT/<name>.json, so a change can be shown
byte-identical, or its differences listed finding by finding (paths are written as seen from the
repository, so two checkouts compare equal):

    .venv/bin/python tools/corpus.py snapshot /tmp/before
    ... change the code ...
    .venv/bin/python tools/corpus.py snapshot /tmp/after
    .venv/bin/python tools/corpus.py compare /tmp/before /tmp/after

`compare` prints, per file, the findings only one side has (rule, page, line, message) and the
summary counts that moved, then a total; its exit code is 1 when anything differs.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"


def corpus() -> list[Path]:
    files = sorted((REPO / "fixtures" / "seeds").glob("*.txt")) + sorted((REPO / "fixtures" / "pdf").glob("*.pdf"))
    peer = SHARED / "peer-samples"
    if peer.is_dir():
        files += sorted(peer.rglob("*.pdf"))
    return files


def name_of(path: Path) -> str:
    path = path.resolve()
    try:
        rel = path.relative_to(SHARED.resolve())
    except ValueError:
        rel = path.relative_to(REPO)
    return str(rel).replace("/", "__")


def _shown(path: Path) -> str:
    path = path.resolve()
    try:
        return "../shared/" + str(path.relative_to(SHARED.resolve()))
    except ValueError:
        return str(path.relative_to(REPO))


def _in_json(text: object) -> str:
    return json.dumps(str(text), ensure_ascii=False)[1:-1]


def snapshot(out: Path, files: list[Path]) -> None:
    from budgetlint import api
    from budgetlint.report import json_contract

    out.mkdir(parents=True, exist_ok=True)
    for path in files:
        results = api.audit([path])
        # the path as seen from the repository, so snapshots of two checkouts compare equal
        text = json_contract.render(results).replace(_in_json(path), _in_json(_shown(path)))
        (out / f"{name_of(path)}.json").write_text(text, encoding="utf-8")
        doc = results.documents[0]
        count = len(doc.run.findings) if doc.run else 0
        print(f"{name_of(path)}: {doc.error or f'{count} findings'}", file=sys.stderr)


def _finding_key(f: dict) -> tuple:
    loc = f["locations"][0] if f["locations"] else {}
    return (f["rule"], loc.get("page"), loc.get("line"), f["message"])


def compare(before: Path, after: Path) -> int:
    changed = 0
    names = sorted({p.name for p in before.glob("*.json")} | {p.name for p in after.glob("*.json")})
    for name in names:
        a, b = before / name, after / name
        if not a.exists() or not b.exists():
            print(f"{name}: only in {'after' if b.exists() else 'before'}")
            changed += 1
            continue
        if a.read_bytes() == b.read_bytes():
            continue
        changed += 1
        da, db = json.loads(a.read_text()), json.loads(b.read_text())
        print(f"{name}: differs")
        for doc_a, doc_b in zip(da["documents"], db["documents"]):
            ka = {_finding_key(f) for f in doc_a.get("findings", [])}
            kb = {_finding_key(f) for f in doc_b.get("findings", [])}
            for key in sorted(ka - kb, key=str):
                print(f"  - {key}")
            for key in sorted(kb - ka, key=str):
                print(f"  + {key}")
            if doc_a.get("summary") != doc_b.get("summary"):
                print(f"  summary {doc_a.get('summary')} -> {doc_b.get('summary')}")
            if doc_a.get("error") != doc_b.get("error"):
                print(f"  error {doc_a.get('error')!r} -> {doc_b.get('error')!r}")
    print(f"{changed} of {len(names)} files differ")
    return 1 if changed else 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    snap = sub.add_parser("snapshot", help="write OUT/<file>.json for every corpus file")
    snap.add_argument("out", type=Path)
    snap.add_argument("files", nargs="*", type=Path, help="instead of the corpus")
    cmp_ = sub.add_parser("compare", help="list what differs between two snapshots")
    cmp_.add_argument("before", type=Path)
    cmp_.add_argument("after", type=Path)
    args = parser.parse_args()
    if args.command == "snapshot":
        snapshot(args.out, args.files or corpus())
        return 0
    return compare(args.before, args.after)


if __name__ == "__main__":
    sys.exit(main())
