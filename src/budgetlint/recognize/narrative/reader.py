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

import re
from bisect import bisect_right

from budgetlint.model.claims import CLAIM_KINDS, Claim, ExtractionStats, NarrativeClaims
from budgetlint.model.document import Paragraph, SourceDocument
from budgetlint.numbers import parse_amount
from budgetlint.recognize.narrative.drafts import (
    AmountDraft,
    ChangeDraft,
    ClassDraft,
    CountDraft,
    Draft,
    ListDraft,
    SentenceMemo,
    ShareDraft,
    YearDraft,
    freeze,
)
from budgetlint.recognize.narrative.grammar import (
    AMOUNT,
    BARE_CHANGE,
    BARE_MEASURE,
    CHANGE,
    CLASS_CHAIN,
    CLASS_LEVEL,
    CODE_NAME,
    COUNT,
    DIRECTIONS,
    ENDS_MEASURE,
    INTRODUCER,
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
    count_family,
    decimal_and_places,
)
from budgetlint.recognize.narrative.passages import Passage, Segments, narrative_paragraphs, passages_of, segments_of
from budgetlint.recognize.narrative.subjects import LEAD_WORDS, clean_subject


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
    for passage in passages:
        reader.read(passage)
    claims = freeze(reader.drafts)
    stats = ExtractionStats(narrative_found=found, paragraphs=len(paragraphs), passages=len(passages),
                            **_count_kinds(claims))
    return NarrativeClaims(claims=tuple(claims), stats=stats)


def _count_kinds(claims: list[Claim]) -> dict[str, int]:
    counts = dict.fromkeys(CLAIM_KINDS, 0)
    for c in claims:
        counts[c.kind] += 1
    return counts


class Reader:
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
        amounts = self._amounts(passage, seg, deltas, reasons, classes)
        counts = self._counts(passage, seg, reasons)
        shares = self._shares(passage, seg, amounts)
        by_sentence = self._last_per_sentence(amounts, counts)
        lists = self._lists(passage, seg, amounts, counts, changes, by_sentence)
        self._bind_changes(passage, seg, changes, amounts, by_sentence)
        years = self._years(passage, seg)
        self.drafts.extend([*classes, *amounts, *shares, *changes, *counts, *lists, *years])
        last = len(seg.sentence_ends) - 1
        self.memo = SentenceMemo(*self._previous(by_sentence, last + 1))

    def _previous(self, by_sentence: dict, sentence: int) -> tuple[AmountDraft | None, CountDraft | None]:
        """Last amount and count of the sentence before `sentence` (of the previous passage for 0)."""
        if sentence == 0:
            return self.memo.amount, self.memo.count
        return by_sentence.get(sentence - 1, (None, None))

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
    def _reason_spans(norm: str, seg: Segments) -> list[tuple[int, int]]:
        """主要原因… up to the end of its clause, and over the numbered clauses that continue it
        (主要原因是1. …；2. …；)."""
        spans = []
        for m in REASON.finditer(norm):
            clause = seg.clause_of(m.start())
            end = seg.clause_span(clause)[1]
            last = len(seg.clause_ends) - 1
            while clause < last and seg.sentence_of(end) == seg.sentence_of(m.start()) and \
                    REASON_ITEM.match(norm, end):
                clause += 1
                end = seg.clause_span(clause)[1]
            spans.append((m.start(), end))
        return spans

    @staticmethod
    def _draft_args(passage, seg, start, end) -> dict:
        return {"passage": passage, "start": start, "end": end, "sentence": seg.sentence_of(start),
                "clause": seg.clause_of(start)}

    def _subject_before(self, passage: Passage, seg: Segments, pos: int) -> str | None:
        return clean_subject(passage.text[seg.phrase_start(pos):pos])

    # -- class names -------------------------------------------------------------------------

    def _classes(self, passage, seg) -> list[ClassDraft]:
        found: list[ClassDraft] = []
        for m in CLASS_CHAIN.finditer(passage.norm):
            names, levels = [], []
            for level in CLASS_LEVEL.finditer(m.group("chain")):
                names.append(level.group("name"))
                levels.append(level.group("level"))
            first = LEAD_WORDS.sub("", names[0]) or names[0]  # 主要用于教育支出(类) -> 教育支出
            lead, names[0] = len(names[0]) - len(first), first
            start = m.start("code") if m.group("code") else m.start("chain") + lead
            found.append(ClassDraft(**self._draft_args(passage, seg, start, m.end()), code=m.group("code"),
                                     names=tuple(names), levels=tuple(levels)))
        taken = [(c.start, c.end) for c in found]
        for m in CODE_NAME.finditer(passage.norm):
            if any(s < m.end() and m.start() < e for s, e in taken):
                continue
            found.append(ClassDraft(**self._draft_args(passage, seg, m.start(), m.end()), code=m.group("code"),
                                     names=(m.group("name"),), levels=(None,)))
        found.sort(key=lambda c: c.start)
        return found

    # -- changes -----------------------------------------------------------------------------

    def _changes(self, passage, seg) -> list[ChangeDraft]:
        norm = passage.norm
        found: list[ChangeDraft] = []
        for m in CHANGE.finditer(norm):
            fields = self._change_fields(m)
            fields.update(base=m.group("base"), base_year=int(m.group("year")) if m.group("year") else None,
                          base_basis=basis_of(m.group("basis") or m.group("basis2")))
            direction = 0 if m.group("same") else DIRECTIONS[m.group("verb")]
            found.append(ChangeDraft(**self._draft_args(passage, seg, m.start(), m.end()), anchored=True,
                                      direction=direction, fields=fields))
        taken = [(c.start, c.end) for c in found]
        for m in BARE_CHANGE.finditer(norm):
            if any(s < m.end() and m.start() < e for s, e in taken):
                continue
            found.append(ChangeDraft(**self._draft_args(passage, seg, m.start(), m.end()), anchored=False,
                                      direction=DIRECTIONS[m.group("verb")], fields=self._change_fields(m),
                                      subject=self._subject_before(passage, seg, m.start())))
        found.sort(key=lambda c: c.start)
        return found

    @staticmethod
    def _change_fields(m: re.Match) -> dict:
        fields: dict = {"amount_start": None}
        amount = decimal_and_places(m.group("amount")) if m.group("amount") else None
        if amount is not None:
            fields.update(amount=amount[0], amount_decimals=amount[1], unit=m.group("unit"),
                          amount_start=m.start("amount"))
        groups = m.groupdict()
        rate = groups.get("rate2") or groups.get("rate")
        read = decimal_and_places(rate) if rate else None
        if read is not None:
            value, places = read
            word = groups.get("verb2") if groups.get("rate2") else groups.get("verb")
            fields.update(rate=value, rate_decimals=places, rate_direction=DIRECTIONS[word])
        return fields

    def _bind_changes(self, passage, seg, changes, amounts, by_sentence) -> None:
        """The amount each anchored change is stated for (see ChangeClaim.refers_to)."""
        for change in changes:
            if not change.anchored or change.refers_to == "list_total":
                continue
            phrase_start = seg.phrase_start(change.start)
            in_phrase = [a for a in amounts if phrase_start <= a.start and a.end <= change.start]
            named = self._subject_before(passage, seg, change.start)
            sentence_start = seg.sentence_span(change.sentence)[0]
            if in_phrase:
                change.current, change.refers_to = in_phrase[-1], "same_clause"
            elif named:  # 收入支出总体与上年相比: its own subject, no amount
                change.subject = named
                continue
            elif not passage.norm[sentence_start:change.start].strip(" ，,；;：:"):
                change.current = self._previous(by_sentence, change.sentence)[0]
                change.refers_to = "previous_sentence" if change.current else None
            else:
                before = [a for a in amounts if sentence_start <= a.start and a.end <= change.start]
                if before:
                    change.current = before[-1]
                    change.refers_to = "same_clause" if before[-1].clause == change.clause else "same_sentence"
            change.subject = change.current.subject if change.current else None

    # -- amounts, counts, shares --------------------------------------------------------------

    def _amounts(self, passage, seg, deltas, reasons, classes) -> list[AmountDraft]:
        norm = passage.norm
        found: list[AmountDraft] = []
        for m in AMOUNT.finditer(norm):
            start = m.start("num")
            threshold = (THRESHOLD_AFTER.match(norm, m.end())
                         or THRESHOLD_BEFORE.search(norm, max(0, start - 4), start))
            if start in deltas or threshold:
                continue  # a difference (stated by a ChangeClaim) or a threshold (100万元以上)
            read = decimal_and_places(m.group("num"))
            if read is None:
                continue
            value, places = read
            args = self._draft_args(passage, seg, start, m.end())
            clause_start = seg.clause_span(args["clause"])[0]
            prior = [a for a in found if a.start >= clause_start]
            after = prior[-1].end if prior else clause_start
            class_ref = next((c for c in reversed(classes) if after <= c.start and c.end <= start), None)
            found.append(AmountDraft(**args, value=value, decimals=places, unit=m.group("unit"),
                                      subject=self._subject_before(passage, seg, start),
                                      in_reason=any(s <= start < e for s, e in reasons), class_ref=class_ref))
        return found

    def _counts(self, passage, seg, reasons) -> list[CountDraft]:
        norm = passage.norm
        found: list[CountDraft] = []
        for m in COUNT.finditer(norm):
            start = m.start("num")
            if VERB_BEFORE.search(norm, max(0, start - 4), start):
                continue  # 增加23人: a difference
            if parse_amount(m.group("num")) is None:
                continue  # more digits than any count (numbers.MAX_AMOUNT_DIGITS)
            found.append(CountDraft(**self._draft_args(passage, seg, start, m.end()),
                                     value=int(m.group("num").replace(",", "")), classifier=m.group("cls"),
                                     subject=self._subject_before(passage, seg, start),
                                     in_reason=any(s <= start < e for s, e in reasons)))
        return found

    def _shares(self, passage, seg, amounts) -> list[ShareDraft]:
        found: list[ShareDraft] = []
        for m in SHARE.finditer(passage.norm):
            args = self._draft_args(passage, seg, m.start(), m.end())
            clause_start = seg.clause_span(args["clause"])[0]
            before = [a for a in amounts if clause_start <= a.start and a.end <= m.start()]
            amount = before[-1] if before else None
            read = decimal_and_places(m.group("num"))
            if read is None:
                continue
            value, places = read
            whole = passage.text[m.start("whole"):m.end("whole")] if m.group("whole") else None
            found.append(ShareDraft(**args, percent=value, decimals=places, whole=whole, amount=amount,
                                     subject=amount.subject if amount else None))
        return found

    # -- lists ---------------------------------------------------------------------------------------

    def _lists(self, passage, seg, amounts, counts, changes, by_sentence) -> list[ListDraft]:
        """其中/主要包括 … lists: a total and ≥ 2 items (one item is a subset, not a sum)."""
        norm = passage.norm
        intros = list(INTRODUCER.finditer(norm))
        found: list[ListDraft] = []
        for k, m in enumerate(intros):
            sentence = seg.sentence_of(m.start())
            end = seg.sentence_span(sentence)[1]
            later = [n.start() for n in intros[k + 1:] if n.group() == "其中" and n.start() < end]
            end = min([end, *later])
            first_item = self._first_item(norm, seg, m.end())
            if not any(first_item[0] <= q.start < first_item[1] for q in [*amounts, *counts]):
                continue  # 主要包括:离休费、…: names, not quantities
            total_amount, total_count = self._totals(passage, seg, m, amounts, counts, by_sentence)
            items, end = self._amount_items(amounts, changes, m.end(), end, total_amount)
            if total_amount and len(items) >= 2 and not _measure_pairs(items):
                for p in items:
                    p.list_total = total_amount
                found.append(ListDraft(**self._draft_args(passage, seg, m.start(), items[-1].end),
                                       introducer=m.group(), total=total_amount, items=items))
            count_items = []
            for c in counts:
                if m.end() <= c.start < end and not c.in_reason:
                    if total_count and count_family(c) != count_family(total_count):
                        break  # 车辆…0辆；…设备1台（套）: the list of vehicles ended
                    count_items.append(c)
            if total_count and len(count_items) >= 2 and not total_count.items:
                total_count.items = count_items
                for c in count_items:
                    c.list_total = total_count
        return found

    @staticmethod
    def _first_item(norm: str, seg: Segments, pos: int) -> tuple[int, int]:
        start = pos
        while start < len(norm) and norm[start] in " :：":
            start += 1
        k = bisect_right(seg.phrase_bound_starts, start)
        end = seg.phrase_bound_starts[k] if k < len(seg.phrase_bound_starts) else len(norm)
        return start, end

    def _totals(self, passage, seg, m, amounts, counts, by_sentence):
        """The total a list belongs to: the last amount/count before the introducer in its clause.

        An introducer opening its clause takes the previous clause of the sentence; one opening
        the sentence takes the previous sentence, or that sentence's own list total (。其中：… 。其中：…).
        """
        clause = seg.clause_of(m.start())
        clause_start, _ = seg.clause_span(clause)
        scope_start = clause_start
        if not passage.norm[clause_start:m.start()].strip(" ，,；;：:。"):
            sentence = seg.sentence_of(m.start())
            if clause_start <= seg.sentence_span(sentence)[0]:
                amount, count = self._previous(by_sentence, sentence)
                return (amount.list_total or amount if amount else None,
                        count.list_total or count if count else None)
            scope_start = seg.clause_span(clause - 1)[0]
        amount = next((a for a in reversed(amounts)
                       if scope_start <= a.start < m.start() and not a.in_reason), None)
        count = next((c for c in reversed(counts)
                      if scope_start <= c.start < m.start() and not c.in_reason), None)
        return amount, count

    @staticmethod
    def _amount_items(amounts, changes, start, end, total):
        """Amounts listed in [start, end); a change after ≥ 2 items of one clause closes the list
        and is stated for the total (…上年结转300.24万元，比上年增加…)."""
        events = sorted([a for a in amounts if start <= a.start < end]
                        + [c for c in changes if c.anchored and start <= c.start < end], key=lambda d: d.start)
        items: list[AmountDraft] = []
        per_clause: dict[int, int] = {}
        for event in events:
            if isinstance(event, ChangeDraft):
                if per_clause.get(event.clause, 0) >= 2:
                    if total is not None and len(items) >= 2:
                        event.current, event.refers_to = total, "list_total"
                        event.subject = total.subject
                    return items, event.start
                continue
            if event.in_reason:
                continue
            items.append(event)
            per_clause[event.clause] = per_clause.get(event.clause, 0) + 1
        return items, end

    # -- years -----------------------------------------------------------------------------------

    def _years(self, passage, seg) -> list[YearDraft]:
        norm = passage.norm
        found: list[YearDraft] = []
        for m in YEAR.finditer(norm):
            before = max(0, m.start() - 2)
            with_base = YEAR_WITH_BEFORE.search(norm, before, m.start()) and YEAR_WITH_AFTER.match(norm, m.end())
            compared = bool(YEAR_BASE_BEFORE.search(norm, before, m.start()) or with_base
                            or YEAR_COMPARED_AFTER.match(norm, m.end()))
            found.append(YearDraft(**self._draft_args(passage, seg, m.start(), m.end()), year=int(m.group("year")),
                                    basis=basis_of(m.group("basis")), comparison=compared,
                                    is_date=bool(YEAR_DATE_AFTER.match(norm, m.end()))))
        return found


def _measure_pairs(items: list[AmountDraft]) -> bool:
    """…全年预算数0.40万元，决算数0.40万元: two measures of one item, not two items of a total."""
    return any(BARE_MEASURE.match(b.subject or "") and ENDS_MEASURE.search(a.subject or "")
               for a, b in zip(items, items[1:]))
