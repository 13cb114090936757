"""Narrative (情况说明) reading: typed claims (model/claims.py) with their place in the text.

passages.py finds the narrative and its passages, grammar.py holds the patterns, subjects.py cleans
a number's subject, reader.py reads claims (drafts.py freezes them), execution.py reads the
budget-execution statements of final accounts, binding.py and items.py tie amounts to table cells.
"""

from budgetlint.recognize.narrative.passages import narrative_paragraphs
from budgetlint.recognize.narrative.reader import extract_claims, extract_narrative, read_narrative
from budgetlint.recognize.narrative.subjects import clean_subject

__all__ = ["clean_subject", "extract_claims", "extract_narrative", "narrative_paragraphs", "read_narrative"]
