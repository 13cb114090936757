"""Figures kept of each document for the across-documents rules (XD): filled in below."""

from __future__ import annotations


def figures_of(disclosure) -> tuple:
    return ()
