"""Ingest: one reader per input shape; `read_document` chooses the reader."""

from budgetlint.ingest.sniff import read_document, read_text

__all__ = ["read_document", "read_text"]
