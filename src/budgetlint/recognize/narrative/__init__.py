"""Narrative (情况说明) reading: typed claims with their place in the text."""

from budgetlint.recognize.narrative.claims import (
    CLAIM_KINDS,
    AmountClaim,
    ChangeClaim,
    Claim,
    ClassNameClaim,
    CountClaim,
    ExtractionStats,
    NarrativeClaims,
    PartsClaim,
    ShareClaim,
    Span,
    YearMention,
    clean_subject,
    extract_claims,
    extract_narrative,
    narrative_paragraphs,
)

__all__ = [
    "CLAIM_KINDS", "AmountClaim", "ChangeClaim", "Claim", "ClassNameClaim", "CountClaim", "ExtractionStats",
    "NarrativeClaims", "PartsClaim", "ShareClaim", "Span", "YearMention", "clean_subject", "extract_claims",
    "extract_narrative", "narrative_paragraphs",
]
