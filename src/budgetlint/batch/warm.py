"""Imported once in the forkserver (forkserver.PRELOAD): what every worker would otherwise build on
its first document is built here, once, and every worker forked from the server starts with it,
shared with its siblings:

1. the checker's modules, the default rule set, the templates and the vocabularies recognition
   reads (from the load cache when the CLI uses one; what was not in it is added: the CLI's own
   process loads only the rules, so without this a batch read the templates' YAML on every run);
2. the PDF reader and pdfium (a worker imported them on its first PDF: a tenth of a second);
3. the validators of the models a checked document is made of. pydantic builds a model's
   validator on its first use (model/__init__.py: defer_build), so each worker built the same
   fifty-odd on its first document; `build_document_models` builds them here. Only those: the
   models only ever validated from YAML (rules, templates: FROM_YAML) come finished from the
   load cache.

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
import dataclasses
import typing

from budgetlint import gc_tuning

FROM_YAML = ("budgetlint.model.templates", "budgetlint.model.rule")  # their models come finished from the cache


def document_models(*roots: type) -> set[type]:
    """The pydantic models `roots` are made of: each root and every model its fields hold, at any
    depth (through lists, unions, dicts and dataclasses), but those of FROM_YAML."""
    from pydantic import BaseModel

    found: set[type] = set()
    seen: set[object] = set()

    def visit(annotation: object) -> None:
        if annotation in seen or getattr(annotation, "__module__", None) in FROM_YAML:
            return
        seen.add(annotation)
        if isinstance(annotation, type) and issubclass(annotation, BaseModel):
            found.add(annotation)
            for info in annotation.model_fields.values():
                visit(info.annotation)
        elif isinstance(annotation, type) and dataclasses.is_dataclass(annotation):
            with contextlib.suppress(Exception):  # a hint that cannot be resolved: nothing to build there
                for hint in typing.get_type_hints(annotation).values():
                    visit(hint)
        for argument in typing.get_args(annotation):
            visit(argument)

    for root in roots:
        visit(root)
    return found


def build_document_models() -> None:
    from budgetlint.model.results import DocumentResult
    from budgetlint.report.record import DocumentRecord

    for model in document_models(DocumentResult, DocumentRecord):
        if not model.__pydantic_complete__:  # type: ignore[attr-defined]
            with contextlib.suppress(Exception):  # it is then built on first use, as without this
                model.model_rebuild()  # type: ignore[attr-defined]


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
    build_document_models()


with gc_tuning.loading():
    warm()
