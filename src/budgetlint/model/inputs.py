"""Which files a run reads: the files found, and every entry skipped on the way with its reason."""

from __future__ import annotations

from pathlib import Path

from pydantic import BaseModel, ConfigDict


class SkippedEntry(BaseModel):
    """A folder entry that was not read, said out loud: a broken or looping link, a FIFO, a device,
    a sub-folder that cannot be opened. `path` is printable (see ingest.files.display_path)."""

    model_config = ConfigDict(frozen=True)

    path: str
    reason: str  # Chinese, for the user: 符号链接指向的文件不存在 …

    def user_text(self) -> str:
        return f"{self.path}: 已跳过，{self.reason}"


class InputFiles(BaseModel):
    """The files to check, in order (as named, folders walked in sorted order), and what was skipped."""

    model_config = ConfigDict(frozen=True)

    files: tuple[Path, ...] = ()
    skipped: tuple[SkippedEntry, ...] = ()
