"""The results store: one SQLite file (stdlib sqlite3) that a scan fills as documents finish.

One row per document (path, content hash, rule-set version, unit, year, kind, scope, template,
outcome counts, time, and why it was not checked), one per finding (rule, severity, first
location, expected/actual/difference, and the finding's whole JSON contract, so fields added to
the contract later are kept without a schema change).

Durability: WAL journal, synchronous=FULL, one transaction per document, so a run stopped by
Ctrl-C, SIGTERM, SIGKILL or a power cut keeps every document that had finished. One writer: only
the process that runs the scan writes (workers and Dask workers never open the file).

A document is its content: (sha256, ruleset) is unique, so a rerun skips what is stored and a
document is held exactly once per rule-set version; saving it again (--rerun, or a document that
could not be checked last time and is tried again) deletes the old row first.

The two halves of a split disclosure paired by a scan (pairing.py) are one document, stored under
the hash of both files; `pairs` remembers which two files' hashes made it, so a rerun skips both
halves while the pair is stored, and each location of its findings keeps its own file.
"""

from __future__ import annotations

import json
import sqlite3
import time
from collections.abc import Iterable, Iterator
from dataclasses import asdict
from pathlib import Path

from budgetlint.errors import ReportError
from budgetlint.model import Finding
from budgetlint.model.figures import DocumentFigures
from budgetlint.model.findings import Outcome
from budgetlint.model.results import RuleRun
from budgetlint.report.json_contract import contract_with_files
from budgetlint.report.record import DocumentRecord, PartVerdict

SCHEMA_VERSION = "1"
OUTCOMES = [o.value for o in Outcome]
DOCUMENT = "document"  # a finding of the document's own rules; a rule across documents stores its family (YR)

_SCHEMA = f"""
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS documents (
    id INTEGER PRIMARY KEY,
    path TEXT NOT NULL,
    sha256 TEXT,
    ruleset TEXT NOT NULL,
    status TEXT NOT NULL,
    reason TEXT,
    size INTEGER,
    unit TEXT,
    unit_key TEXT,
    year INTEGER,
    kind TEXT,
    scope TEXT,
    template TEXT,
    {", ".join(f'"{o}" INTEGER NOT NULL DEFAULT 0' for o in OUTCOMES)},
    seconds REAL,
    checked_at TEXT,
    parts TEXT,
    coverage TEXT,
    figures TEXT,
    across TEXT,
    half TEXT
);
CREATE UNIQUE INDEX IF NOT EXISTS documents_content ON documents (sha256, ruleset);
CREATE INDEX IF NOT EXISTS documents_unit ON documents (unit_key, year);
CREATE TABLE IF NOT EXISTS findings (
    document_id INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    source TEXT NOT NULL,
    seq INTEGER NOT NULL,
    rule TEXT NOT NULL,
    name TEXT NOT NULL,
    severity TEXT NOT NULL,
    page INTEGER,
    line INTEGER,
    table_title TEXT,
    row_label TEXT,
    column_label TEXT,
    expected TEXT,
    actual TEXT,
    difference TEXT,
    message TEXT NOT NULL,
    contract TEXT NOT NULL,
    PRIMARY KEY (document_id, source, seq)
);
CREATE INDEX IF NOT EXISTS findings_rule ON findings (rule);
CREATE TABLE IF NOT EXISTS pairs (
    text_sha256 TEXT NOT NULL,
    tables_sha256 TEXT NOT NULL,
    ruleset TEXT NOT NULL,
    sha256 TEXT NOT NULL,
    PRIMARY KEY (text_sha256, tables_sha256, ruleset)
);
"""


def unit_key(unit: str | None) -> str | None:
    """The same unit whatever the spacing or width it was printed with: its identity across
    documents (never the file name)."""
    if not unit:
        return None
    from budgetlint.labels import squeeze

    return squeeze(unit)


class Store:
    def __init__(self, path: str | Path) -> None:
        self.path = str(path)
        target = Path(path)
        if target.is_dir():
            raise ReportError("结果库路径是一个目录，请给出文件名", path=self.path)
        if not target.parent.is_dir():
            raise ReportError("结果库所在的目录不存在", path=self.path)
        try:
            self.db = sqlite3.connect(self.path, isolation_level=None)
            self.db.execute("PRAGMA journal_mode=WAL")
            self.db.execute("PRAGMA synchronous=FULL")
            self.db.execute("PRAGMA foreign_keys=ON")
            self.db.executescript(_SCHEMA)
            found = self.db.execute("SELECT value FROM meta WHERE key='schema'").fetchone()
            if found is None:
                self.db.execute("INSERT INTO meta VALUES ('schema', ?)", (SCHEMA_VERSION,))
            elif found[0] != SCHEMA_VERSION:
                raise ReportError(
                    f"结果库的格式版本 {found[0]} 与本程序（{SCHEMA_VERSION}）不同，请换一个文件", path=self.path
                )
            self._add_columns()
        except sqlite3.DatabaseError as exc:
            raise ReportError(f"无法打开结果库（不是 SQLite 文件或无写入权限）：{exc}", path=self.path) from exc

    def _add_columns(self) -> None:
        """A store written before the rules across documents (or pairing) lacks their columns: add them (nullable)."""
        have = {row[1] for row in self.db.execute("PRAGMA table_info(documents)")}
        for column in ("figures", "across", "half"):
            if column not in have:
                self.db.execute(f"ALTER TABLE documents ADD COLUMN {column} TEXT")

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- writing -------------------------------------------------------------------------------

    def has(self, sha256: str, ruleset: str) -> bool:
        """Checked already under this rule set (a document that could not be checked is tried again)."""
        return (
            self.db.execute(
                "SELECT 1 FROM documents WHERE sha256=? AND ruleset=? AND status='checked'", (sha256, ruleset)
            ).fetchone()
            is not None
        )

    def save(self, record: DocumentRecord, ruleset: str, *, halves: tuple[str, str] | None = None) -> int:
        """Store one document (replacing the same content's row of this rule set) in one transaction;
        `halves`: the hashes of the text and tables files a paired document was made of."""
        with _transaction(self.db):
            if halves is not None and record.sha256 is not None:
                self.db.execute("INSERT OR REPLACE INTO pairs VALUES (?, ?, ?, ?)", (*halves, ruleset, record.sha256))
                # a half an earlier scan stored alone is now part of the pair
                self.db.execute("DELETE FROM documents WHERE sha256 IN (?, ?) AND ruleset=?", (*halves, ruleset))
            if record.sha256 is not None:
                self.db.execute("DELETE FROM documents WHERE sha256=? AND ruleset=?", (record.sha256, ruleset))
            else:
                self.db.execute(
                    "DELETE FROM documents WHERE path=? AND sha256 IS NULL AND ruleset=?", (record.path, ruleset)
                )
            counts = [record.summary.get(o, 0) for o in OUTCOMES]
            cursor = self.db.execute(
                f"INSERT INTO documents (path, sha256, ruleset, status, reason, size, unit, unit_key, year, kind, "
                f"scope, template, {', '.join(f'{chr(34)}{o}{chr(34)}' for o in OUTCOMES)}, seconds, checked_at, "
                f"parts, coverage, figures, half) VALUES ({', '.join('?' * (18 + len(OUTCOMES)))})",
                (
                    record.path,
                    record.sha256,
                    ruleset,
                    record.status,
                    record.reason,
                    record.size,
                    record.unit,
                    unit_key(record.unit),
                    record.year,
                    record.kind,
                    record.scope,
                    record.template,
                    *counts,
                    record.seconds,
                    time.strftime("%Y-%m-%dT%H:%M:%S"),
                    json.dumps([asdict(p) for p in record.parts], ensure_ascii=False),
                    json.dumps(record.coverage, ensure_ascii=False),
                    record.figures.model_dump_json() if record.figures is not None else None,
                    json.dumps(record.half, ensure_ascii=False) if record.half is not None else None,
                ),
            )
            document_id = cursor.lastrowid
            assert document_id is not None
            self._insert_findings(document_id, DOCUMENT, record.findings, with_files=bool(record.files))
        return document_id

    def _insert_findings(
        self, document_id: int, source: str, findings: Iterable[Finding], *, with_files: bool = False
    ) -> None:
        rows = []
        for seq, f in enumerate(findings):
            loc = f.locations[0] if f.locations else None
            rows.append(
                (
                    document_id,
                    source,
                    seq,
                    f.rule,
                    f.name,
                    f.severity,
                    loc.page if loc else None,
                    loc.line if loc else None,
                    loc.table if loc else None,
                    loc.row if loc else None,
                    loc.column if loc else None,
                    f.expected,
                    f.actual,
                    f.difference,
                    f.message,
                    json.dumps(
                        contract_with_files(f) if source != DOCUMENT else f.contract(with_file=with_files),
                        ensure_ascii=False,
                    ),
                )
            )
        self.db.executemany(f"INSERT INTO findings VALUES ({', '.join('?' * 16)})", rows)

    def save_across(self, document_id: int, run: RuleRun) -> None:
        """The rules across documents' results for one stored document, replacing earlier ones."""
        with _transaction(self.db):
            self.db.execute("DELETE FROM findings WHERE document_id=? AND source<>?", (document_id, DOCUMENT))
            for family in sorted({f.rule[:2] for f in run.findings}):
                self._insert_findings(document_id, family, [f for f in run.findings if f.rule[:2] == family])
            self.db.execute("UPDATE documents SET across=? WHERE id=?", (json.dumps(run.summary), document_id))

    def pairs(self, ruleset: str, shas: set[str]) -> dict[str, str]:
        """Half hash -> its pair's hash, for each checked pair of `ruleset` whose two halves are both
        among `shas` (a half whose partner is gone from the input is checked alone again)."""
        rows = self.db.execute(
            "SELECT p.text_sha256, p.tables_sha256, p.sha256 FROM pairs p JOIN documents d "
            "ON d.sha256 = p.sha256 AND d.ruleset = p.ruleset "
            "WHERE p.ruleset=? AND d.status='checked'",
            (ruleset,),
        ).fetchall()
        return {half: pair for text, tables, pair in rows if text in shas and tables in shas for half in (text, tables)}

    def halves(self, ruleset: str, shas: set[str]) -> list[DocumentRecord]:
        """The halves of split disclosures stored alone under `ruleset` whose content is among
        `shas`: path, hash and half key (what pairing needs), in path order."""
        rows = self.db.execute(
            "SELECT path, sha256, half FROM documents WHERE ruleset=? AND half IS NOT NULL ORDER BY path", (ruleset,)
        ).fetchall()
        return [
            DocumentRecord(path=path, sha256=sha, half=tuple(json.loads(half)))
            for path, sha, half in rows
            if sha in shas
        ]

    def figures(self, ids: Iterable[int]) -> Iterator[tuple[int, DocumentFigures]]:
        """The stored figures of checked documents (model/figures.py), one at a time."""
        for document_id in ids:
            row = self.db.execute(
                "SELECT figures FROM documents WHERE id=? AND status='checked'", (document_id,)
            ).fetchone()
            if row is not None and row[0]:
                yield document_id, DocumentFigures.model_validate_json(row[0])

    def figures_of(self, document_id: int) -> DocumentFigures:
        return next(self.figures([document_id]))[1]

    # -- reading -------------------------------------------------------------------------------

    def document_ids(self, ruleset: str | None = None, shas: Iterable[str] | None = None) -> list[int]:
        """Documents of `ruleset` (default: every rule set, newest row per content), optionally
        only those with the given content hashes; in path order."""
        where, args = [], []
        if ruleset is not None:
            where.append("ruleset=?")
            args.append(ruleset)
        else:
            where.append("id IN (SELECT MAX(id) FROM documents GROUP BY COALESCE(sha256, path))")
        rows = self.db.execute(
            f"SELECT id, sha256 FROM documents WHERE {' AND '.join(where)} ORDER BY path, id", args
        ).fetchall()
        if shas is not None:
            wanted = set(shas)
            rows = [r for r in rows if r[1] in wanted]
        return [r[0] for r in rows]

    def record(self, document_id: int) -> DocumentRecord:
        self.db.row_factory = sqlite3.Row
        try:
            row = self.db.execute("SELECT * FROM documents WHERE id=?", (document_id,)).fetchone()
            findings = [
                self._finding(r, row["path"])
                for r in self.db.execute(
                    "SELECT name, contract FROM findings WHERE document_id=? ORDER BY source DESC, seq", (document_id,)
                )
            ]
        finally:
            self.db.row_factory = None
        return DocumentRecord(
            path=row["path"],
            status=row["status"],
            reason=row["reason"],
            sha256=row["sha256"],
            size=row["size"],
            unit=row["unit"],
            year=row["year"],
            kind=row["kind"],
            scope=row["scope"],
            template=row["template"],
            summary=_with_across({o: row[o] for o in OUTCOMES}, row["across"]),
            findings=tuple(findings),
            parts=tuple(
                PartVerdict(p["id"], p["name"], p["checks"], p["found"], tuple(p["findings"]))
                for p in json.loads(row["parts"] or "[]")
            ),
            coverage=json.loads(row["coverage"] or "{}"),
            seconds=row["seconds"] or 0.0,
        )

    def records(self, ids: Iterable[int]) -> Iterator[tuple[int, DocumentRecord]]:
        for document_id in ids:
            yield document_id, self.record(document_id)

    @staticmethod
    def _finding(row, path: str) -> Finding:
        return Finding.from_contract({**json.loads(row["contract"]), "name": row["name"]}, path)


def _with_across(summary: dict[str, int], across: str | None) -> dict[str, int]:
    """A document's outcome counts with those of the rules across documents added."""
    extra = json.loads(across) if across else {}
    return {o: summary[o] + extra.get(o, 0) for o in summary}


class _transaction:
    """BEGIN IMMEDIATE … COMMIT (ROLLBACK on error) on an autocommit connection."""

    def __init__(self, db: sqlite3.Connection) -> None:
        self.db = db

    def __enter__(self) -> None:
        self.db.execute("BEGIN IMMEDIATE")

    def __exit__(self, kind, *_: object) -> None:
        self.db.execute("COMMIT" if kind is None else "ROLLBACK")
