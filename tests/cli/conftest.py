"""Make the helper module beside this file importable (no __init__.py here, and the
import must not depend on pytest's import mode)."""

from __future__ import annotations

import sys
from pathlib import Path

HERE = str(Path(__file__).resolve().parent)
if HERE not in sys.path:
    sys.path.insert(0, HERE)
