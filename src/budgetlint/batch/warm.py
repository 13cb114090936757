"""Imported once in the forkserver (forkserver.PRELOAD): what every worker would otherwise build on
its first document is built here, once, and every worker forked from the server starts with it,
shared with its siblings:

1. the checker's modules, the default rule set, the templates and the vocabularies recognition
   reads (from the load cache when the CLI uses one; what was not in it is added: the CLI's own
   process loads only the rules, so without this a batch read the templates' YAML on every run);
2. the PDF reader and pdfium (a worker imported them on its first PDF: a tenth of a second).

Not pydantic validators: the models a checked document is made of are records now (model/record.py),
and the few models it holds are made without validation (`model_construct`), so a worker builds no
validator (pydantic builds one on a model's first validation: model/__init__.py, defer_build) and
never imports pydantic's plugin loader; building them here cost the start-up some 25 ms for nothing.

The forkserver is a fresh interpreter, with Python's default collector: it ran every 700 new
objects through these imports and scanned the growing heap again and again, a quarter of their
time. So the collector is off while this loads, and what was loaded is frozen afterwards
(gc_tuning.loading), as the CLI's own process does.

Nothing document-specific runs here. A run with other options (--select, --rules, a project
file's severities) still loads its own selection in each worker (document.rules_for is keyed by
them); a rule pack that fails to load fails here silently and says so in the worker, once per
document, as before.
"""

import contextlib

from budgetlint import gc_tuning


def warm() -> None:
    from budgetlint import load_cache
    from budgetlint.batch import pool  # noqa: F401  (the workers' own module)
    from budgetlint.batch.document import Settings, rules_for
    from budgetlint.ingest import pdf, pdf_streams  # noqa: F401  (the PDF reader and pdfium)
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
    load_cache.save()


with gc_tuning.loading():
    warm()
