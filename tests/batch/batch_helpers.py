"""Shared by the batch tests: small distinct documents, and per-document functions that misbehave
on purpose (run in worker processes, so they live in an importable module)."""

from __future__ import annotations

import os
import signal
import time
from pathlib import Path

from budgetlint.batch.document import check_document

REPO = Path(__file__).resolve().parents[2]
SEED_000 = REPO / "fixtures" / "seeds" / "000_b2c7b50d282cc0b6.txt"


def distinct_copies(folder: Path, n: int, source: Path = SEED_000) -> list[Path]:
    """n copies of a seed that differ in their bytes (a trailing line), so each is its own document."""
    text = source.read_text(encoding="utf-8")
    folder.mkdir(parents=True, exist_ok=True)
    out = []
    for i in range(n):
        path = folder / f"doc{i:02d}.txt"
        path.write_text(text + f"\n附注{i}\n", encoding="utf-8")
        out.append(path)
    return out


def misbehaving(job, settings):
    """Hang, crash or eat memory when the file name says so; otherwise the real function."""
    name = Path(job.path).name
    if "hang" in name:
        time.sleep(3600)
    if "crash" in name:
        os.kill(os.getpid(), signal.SIGKILL)
    if "hog" in name:
        hog = bytearray(1 << 30)
        hog[::4096] = b"x" * len(hog[::4096])
        time.sleep(60)
    return check_document(job, settings)
