"""Reader for PDF disclosures with a text layer: ruled tables and narrative paragraphs, read from
the characters and ruling lines pdfium gives (docs/pdf.md says what comes out and why).

page_objects (pdfium) -> pages (visible characters; grid: ruled tables; tables: cells; lines)
-> reading_order (paragraphs: layout and joins; the 目录; tables over page breaks)
-> page_defects (blank pages, clipped text).
"""

from budgetlint.ingest.pdf.reading_order import read

__all__ = ["read"]
