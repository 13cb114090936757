"""The narrative reader: what the 情况说明 states in words, as typed, located claims (model/claims.py).

A claim is one statement found in the narrative text: an amount (预算收入总计13,901.07万元), a
share (占55.40%), a change against another year (比上年增加2246.20万元，增长19.27%), a count
(二级项目19个), a total with its listed items (总额216.17万元。其中：货物45.92万元、…), a
budget-class name (教育支出(类)职业教育(款)…) or a year (2023年预算).

Nothing here looks at tables: claims are never bound to table values (that is the binder's job,
design.md §2). The reader works on passages (passages.py) and binds claims by position inside
them: sentences, clauses and phrases. It keeps mutable drafts (drafts.py) while it reads and
freezes them into claims at the end."""

from __future__ import annotations

import logging
import re

from budgetlint.model.claims import CLAIM_KINDS, Claim, ExtractionStats, NarrativeClaims
from budgetlint.model.document import Paragraph, SourceDocument
from budgetlint.numbers import parse_amount
from budgetlint.recognize.narrative.drafts import (
    AmountDraft,
    ChangeDraft,
    ClassDraft,
    CountDraft,
    Draft,
    InOrder,
    SentenceMemo,
    ShareDraft,
    Spans,
    YearDraft,
    freeze,
)
from budgetlint.recognize.narrative.grammar import (
    AMOUNT,
    BARE_CHANGE,
    CHANGE,
    CLASS_CHAIN,
    CLASS_LEVEL,
    CLASS_MARK,
    CODE_NAME,
    COUNT,
    DIRECTIONS,
    REASON,
    REASON_ITEM,
    SHARE,
    THRESHOLD_AFTER,
    THRESHOLD_BEFORE,
    VERB_BEFORE,
    YEAR,
    YEAR_BASE_BEFORE,
    YEAR_COMPARED_AFTER,
    YEAR_DATE_AFTER,
    YEAR_WITH_AFTER,
    YEAR_WITH_BEFORE,
    basis_of,
    decimal_and_places,
)
from budgetlint.recognize.narrative.list_reader import ListReader, only_characters
from budgetlint.recognize.narrative.passages import Passage, Segments, narrative_paragraphs, passages_of, segments_of
from budgetlint.recognize.narrative.subjects import LEAD_WORDS, clean_subject

log = logging.getLogger(__name__)

# A real 情况说明 paragraph has a few thousand characters and some dozens of numbers. The reader
# reads at most MAX_PASSAGE_CHARS of a passage (to a clause end) and says so: the work per
# paragraph is bounded, so a one-megabyte line costs what 20,000 characters cost.
MAX_PASSAGE_CHARS = 20_000
SUBJECT_WINDOW = 200  # characters before a number its subject is looked for in


def extract_claims(source: SourceDocument) -> list[Claim]:
    """The claims of the document's narrative (情况说明), in reading order."""
    return list(extract_narrative(source).claims)


def extract_narrative(source: SourceDocument) -> NarrativeClaims:
    """The claims of the document's narrative and how many of each kind were found."""
    return read_narrative(*narrative_paragraphs(source))


def read_narrative(paragraphs: list[Paragraph], found: bool) -> NarrativeClaims:
    """The claims of the narrative's paragraphs (`found`: they are a 情况说明 part, not every paragraph)."""
    passages = passages_of(paragraphs)
    reader = Reader()
    cut = 0
    for passage in passages:
        if len(passage.text) > MAX_PASSAGE_CHARS:
            cut += 1
            where = passage.paragraphs[0].location
            log.warning(
                "%s: 第 %s 行起的段落长 %d 个字符，只读取了前 %d 个字符中的数字",
                where.file,
                where.line,
                len(passage.text),
                MAX_PASSAGE_CHARS,
            )
            passage = passage.cut(MAX_PASSAGE_CHARS)
        reader.read(passage)
    claims = freeze(reader.drafts)
    stats = ExtractionStats(
        narrative_found=found,
        paragraphs=len(paragraphs),
        passages=len(passages),
        passages_cut=cut,
        **_count_kinds(claims),
    )
    return NarrativeClaims(claims=tuple(claims), stats=stats)


def _count_kinds(claims: list[Claim]) -> dict[str, int]:
    counts = dict.fromkeys(CLAIM_KINDS, 0)
    for c in claims:
        counts[c.kind] += 1
    return counts


class Reader(ListReader):
    """Reads passages in order and keeps the drafts; `freeze` turns them into claims."""

    def __init__(self) -> None:
        self.drafts: list[Draft] = []
        self.memo = SentenceMemo()

    # -- one passage -------------------------------------------------------------------------

    def read(self, passage: Passage) -> None:
        if passage.starts_section:
            self.memo = SentenceMemo()
        seg = segments_of(passage)
        norm = passage.norm
        classes = self._classes(passage, seg)
        changes = self._changes(passage, seg)
        deltas = {c.fields["amount_start"] for c in changes if c.fields.get("amount_start") is not None}
        reasons = self._reason_spans(norm, seg)
        amounts = self._amounts(passage, seg, deltas, reasons, InOrder(classes))
        counts = self._counts(passage, seg, reasons)
        in_order = InOrder(amounts)
        shares = self._shares(passage, seg, in_order)
        by_sentence = self._last_per_sentence(amounts, counts)
        lists = self._lists(passage, seg, in_order, InOrder(counts), changes, by_sentence)
        self._bind_changes(passage, seg, changes, in_order, by_sentence)
        years = self._years(passage, seg)
        self.drafts.extend([*classes, *amounts, *shares, *changes, *counts, *lists, *years])
        last = len(seg.sentence_ends) - 1
        self.memo = SentenceMemo(*self._previous(by_sentence, last + 1))

    @staticmethod
    def _last_per_sentence(amounts, counts) -> dict[int, tuple]:
        """sentence -> (last amount, last count) stated outside a reason."""
        last: dict[int, list] = {}
        for a in amounts:
            if not a.in_reason:
                last.setdefault(a.sentence, [None, None])[0] = a
        for c in counts:
            if not c.in_reason:
                last.setdefault(c.sentence, [None, None])[1] = c
        return {k: (v[0], v[1]) for k, v in last.items()}

    @staticmethod
    def _reason_spans(norm: str, seg: Segments) -> Spans:
        """主要原因… up to the end of its clause, and over the numbered clauses that continue it
        (主要原因是1. …；2. …；)."""
        found = list(REASON.finditer(norm))
        if not found:
            return Spans([])
        # the last clause a reason starting in clause k runs to, computed once from the right: a
        # clause ending inside its sentence, followed by a numbered item, continues into the next
        last = len(seg.clause_ends) - 1
        reach = list(range(last + 1))
        for clause in range(last - 1, -1, -1):
            start, end = seg.clause_span(clause)
            if seg.sentence_of(end) == seg.sentence_of(start) and REASON_ITEM.match(norm, end):
                reach[clause] = reach[clause + 1]
        return Spans([(m.start(), seg.clause_span(reach[seg.clause_of(m.start())])[1]) for m in found])

    def _subject_before(self, passage: Passage, seg: Segments, pos: int) -> str | None:
        """The subject read from the phrase before `pos`, at most its last SUBJECT_WINDOW characters:
        a subject has at most 40, and a phrase of a megabyte read for each of its numbers would
        cost the square of its length."""
        return clean_subject(passage.text[max(seg.phrase_start(pos), pos - SUBJECT_WINDOW) : pos])

    # -- class names -------------------------------------------------------------------------

    def _classes(self, passage, seg) -> list[ClassDraft]:
        found: list[ClassDraft] = []
        chains = CLASS_CHAIN.finditer(passage.norm) if CLASS_MARK.search(passage.norm) else ()
        for m in chains:
            names, levels = [], []
            for level in CLASS_LEVEL.finditer(m.group("chain")):
                names.append(level.group("name"))
                levels.append(level.group("level"))
            first = LEAD_WORDS.sub("", names[0]) or names[0]  # 主要用于教育支出(类) -> 教育支出
            lead, names[0] = len(names[0]) - len(first), first
            start = m.start("code") if m.group("code") else m.start("chain") + lead
            found.append(
                ClassDraft(
                    **self._draft_args(passage, seg, start, m.end()),
                    code=m.group("code"),
                    names=tuple(names),
                    levels=tuple(levels),
                )
            )
        taken = InOrder(list(found))
        for m in CODE_NAME.finditer(passage.norm):
            if taken.overlaps(m.start(), m.end()):
                continue
            found.append(
                ClassDraft(
                    **self._draft_args(passage, seg, m.start(), m.end()),
                    code=m.group("code"),
                    names=(m.group("name"),),
                    levels=(None,),
                )
            )
        found.sort(key=lambda c: c.start)
        return found

    # -- changes -----------------------------------------------------------------------------

    def _changes(self, passage, seg) -> list[ChangeDraft]:
        norm = passage.norm
        found: list[ChangeDraft] = []
        for m in CHANGE.finditer(norm):
            basis = basis_of(m.group("basis") or m.group("basis2"))
            if basis == "执行" and not m.group("amount"):
                continue  # …比2025年预算执行数增加R% / 持平: an item's execution statement (execution.py reads it)
            fields = self._change_fields(m)
            fields.update(
                base=m.group("base"), base_year=int(m.group("year")) if m.group("year") else None, base_basis=basis
            )
            direction = 0 if m.group("same") else DIRECTIONS[m.group("verb")]
            found.append(
                ChangeDraft(
                    **self._draft_args(passage, seg, m.start(), m.end()),
                    anchored=True,
                    direction=direction,
                    fields=fields,
                )
            )
        anchored = InOrder(list(found))
        for m in BARE_CHANGE.finditer(norm):
            if anchored.overlaps(m.start(), m.end()):
                continue
            found.append(
                ChangeDraft(
                    **self._draft_args(passage, seg, m.start(), m.end()),
                    anchored=False,
                    direction=DIRECTIONS[m.group("verb")],
                    fields=self._change_fields(m),
                    subject=self._subject_before(passage, seg, m.start()),
                )
            )
        found.sort(key=lambda c: c.start)
        return found

    @staticmethod
    def _change_fields(m: re.Match[str]) -> dict:
        fields: dict = {"amount_start": None}
        amount = decimal_and_places(m.group("amount")) if m.group("amount") else None
        if amount is not None:
            fields.update(
                amount=amount[0], amount_decimals=amount[1], unit=m.group("unit"), amount_start=m.start("amount")
            )
        groups = m.groupdict()
        rate = groups.get("rate2") or groups.get("rate")
        read = decimal_and_places(rate) if rate else None
        if read is not None:
            value, places = read
            word = m.group("verb2") if groups.get("rate2") else m.group("verb")  # a rate follows its verb
            fields.update(rate=value, rate_decimals=places, rate_direction=DIRECTIONS[word])
        return fields

    def _bind_changes(self, passage, seg, changes, amounts, by_sentence) -> None:
        """The amount each anchored change is stated for (see ChangeClaim.refers_to)."""
        for change in changes:
            if not change.anchored or change.refers_to == "list_total":
                continue
            in_phrase = amounts.last_ending_by(change.start, since=seg.phrase_start(change.start))
            named = self._subject_before(passage, seg, change.start)
            sentence_start = seg.sentence_span(change.sentence)[0]
            if in_phrase:
                change.current, change.refers_to = in_phrase, "same_clause"
            elif named:  # 收入支出总体与上年相比: its own subject, no amount
                change.subject = named
                continue
            elif only_characters(passage.norm, sentence_start, change.start, " ，,；;：:"):
                change.current = self._previous(by_sentence, change.sentence)[0]
                change.refers_to = "previous_sentence" if change.current else None
            else:
                before = amounts.last_ending_by(change.start, since=sentence_start)
                if before:
                    change.current = before
                    change.refers_to = "same_clause" if before.clause == change.clause else "same_sentence"
            change.subject = change.current.subject if change.current else None

    # -- amounts, counts, shares --------------------------------------------------------------

    def _amounts(self, passage, seg, deltas, reasons: Spans, classes: InOrder[ClassDraft]) -> list[AmountDraft]:
        norm = passage.norm
        found: list[AmountDraft] = []
        for m in AMOUNT.finditer(norm):
            start = m.start("num")
            threshold = THRESHOLD_AFTER.match(norm, m.end()) or THRESHOLD_BEFORE.search(norm, max(0, start - 4), start)
            if start in deltas or threshold:
                continue  # a difference (stated by a ChangeClaim) or a threshold (100万元以上)
            read = decimal_and_places(m.group("num"))
            if read is None:
                continue
            value, places = read
            args = self._draft_args(passage, seg, start, m.end())
            clause_start = seg.clause_span(args["clause"])[0]
            after = found[-1].end if found and found[-1].start >= clause_start else clause_start
            class_ref = classes.last_ending_by(start, since=after)
            found.append(
                AmountDraft(
                    **args,
                    value=value,
                    decimals=places,
                    unit=m.group("unit"),
                    subject=self._subject_before(passage, seg, start),
                    in_reason=start in reasons,
                    class_ref=class_ref,
                )
            )
        return found

    def _counts(self, passage, seg, reasons: Spans) -> list[CountDraft]:
        norm = passage.norm
        found: list[CountDraft] = []
        for m in COUNT.finditer(norm):
            start = m.start("num")
            if VERB_BEFORE.search(norm, max(0, start - 4), start):
                continue  # 增加23人: a difference
            if parse_amount(m.group("num")) is None:
                continue  # more digits than any count (numbers.MAX_AMOUNT_DIGITS)
            found.append(
                CountDraft(
                    **self._draft_args(passage, seg, start, m.end()),
                    value=int(m.group("num").replace(",", "")),
                    classifier=m.group("cls"),
                    subject=self._subject_before(passage, seg, start),
                    in_reason=start in reasons,
                )
            )
        return found

    def _shares(self, passage, seg, amounts: InOrder[AmountDraft]) -> list[ShareDraft]:
        found: list[ShareDraft] = []
        for m in SHARE.finditer(passage.norm):
            args = self._draft_args(passage, seg, m.start(), m.end())
            amount = amounts.last_ending_by(m.start(), since=seg.clause_span(args["clause"])[0])
            read = decimal_and_places(m.group("num"))
            if read is None:
                continue
            value, places = read
            whole = passage.text[m.start("whole") : m.end("whole")] if m.group("whole") else None
            found.append(
                ShareDraft(
                    **args,
                    percent=value,
                    decimals=places,
                    whole=whole,
                    amount=amount,
                    subject=amount.subject if amount else None,
                )
            )
        return found

    # -- years -----------------------------------------------------------------------------------

    def _years(self, passage, seg) -> list[YearDraft]:
        norm = passage.norm
        found: list[YearDraft] = []
        for m in YEAR.finditer(norm):
            before = max(0, m.start() - 2)
            with_base = YEAR_WITH_BEFORE.search(norm, before, m.start()) and YEAR_WITH_AFTER.match(norm, m.end())
            compared = bool(
                YEAR_BASE_BEFORE.search(norm, before, m.start())
                or with_base
                or YEAR_COMPARED_AFTER.match(norm, m.end())
            )
            found.append(
                YearDraft(
                    **self._draft_args(passage, seg, m.start(), m.end()),
                    year=int(m.group("year")),
                    basis=basis_of(m.group("basis")),
                    comparison=compared,
                    is_date=bool(YEAR_DATE_AFTER.match(norm, m.end())),
                )
            )
        return found
