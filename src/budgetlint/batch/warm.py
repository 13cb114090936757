"""Imported once in the forkserver (pool.PRELOAD): the default rule set, the templates and the
vocabularies recognition reads are loaded there (from the load cache when the CLI uses one), so
every worker forked from it starts with them, shared with its siblings, instead of loading them
itself -- the vocabularies on its first document.

A run with other options (--select, --rules, a project file's severities) still loads its own
selection in each worker (document.rules_for is keyed by them); a rule pack that fails to load
fails here silently and says so in the worker, once per document, as before.
"""

import contextlib

from budgetlint import load_cache
from budgetlint.batch.document import Settings, rules_for
from budgetlint.recognize.composition import composition_words
from budgetlint.recognize.figures import quantity_vocabulary
from budgetlint.recognize.narrative.prose_vocabulary import prose_vocabulary
from budgetlint.recognize.national import load_national
from budgetlint.recognize.performance.vocabulary import vocabulary
from budgetlint.recognize.templates import load_templates

load_cache.enable_from_environment()
for load in (load_templates, load_national, vocabulary, prose_vocabulary, composition_words, quantity_vocabulary):
    with contextlib.suppress(Exception):
        load()
with contextlib.suppress(Exception):
    rules_for(Settings())
