"""Which files a run reads: the files found, and every entry passed over on the way with its reason."""

from __future__ import annotations

from pathlib import Path

from budgetlint.model.record import record


@record
class SkippedFile:
    """A folder entry that was not checked, with the reason -- shown in the report, never dropped
    silently. `unreadable`: it may be a document and could not be read (a broken or looping link,
    a FIFO, a device, a sub-folder that cannot be opened), so the run ends with exit code 2; else
    it is a file of a format budgetlint does not read. `path` is printable
    (ingest.files.display_path)."""

    path: str
    reason: str  # Chinese, for the user: 符号链接指向的文件不存在 …
    unreadable: bool = False


@record
class InputFiles:
    """The files to check, in order (as named, folders walked in sorted order), and what was skipped."""

    files: tuple[Path, ...] = ()
    skipped: tuple[SkippedFile, ...] = ()

    @property
    def unreadable(self) -> tuple[SkippedFile, ...]:
        return tuple(s for s in self.skipped if s.unreadable)
