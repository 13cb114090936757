"""Imported once in the forkserver (pool.PRELOAD): the default rule set and the templates are
loaded there, so every worker forked from it starts with them instead of loading them itself.

A run with other options (--select, --rules, a project file's severities) still loads its own
selection in each worker (document.rules_for is keyed by them); a rule pack that fails to load
fails here silently and says so in the worker, once per document, as before.
"""

import contextlib

from budgetlint.batch.document import Settings, rules_for
from budgetlint.recognize.templates import load_templates

with contextlib.suppress(Exception):
    load_templates()
    rules_for(Settings())
