"""The lists a passage states (总额A。其中：B、C…; 共N个：…) and the totals over them: the part of
the narrative reader (reader.py) that reads items after an introducer, kept as a base class of
Reader so each room stays small. Bounded: one introducer reads at most MAX_LIST_ITEMS items."""

from __future__ import annotations

from bisect import bisect_right
from itertools import pairwise

from budgetlint.recognize.narrative.drafts import (
    AmountDraft,
    ChangeDraft,
    CountDraft,
    InOrder,
    ListDraft,
    SentenceMemo,
)
from budgetlint.recognize.narrative.grammar import (
    BARE_MEASURE,
    ENDS_MEASURE,
    INTRODUCER,
    count_family,
)
from budgetlint.recognize.narrative.passages import Segments

MAX_LIST_ITEMS = 200  # amounts or counts after one introducer beyond which no list is read


class ListReader:
    """Lists and totals; Reader (reader.py) reads everything else and keeps `memo`."""

    memo: SentenceMemo

    def _previous(self, by_sentence: dict, sentence: int) -> tuple[AmountDraft | None, CountDraft | None]:
        """Last amount and count of the sentence before `sentence` (of the previous passage for 0)."""
        if sentence == 0:
            return self.memo.amount, self.memo.count
        return by_sentence.get(sentence - 1, (None, None))

    @staticmethod
    def _draft_args(passage, seg, start, end) -> dict:
        return {
            "passage": passage,
            "start": start,
            "end": end,
            "sentence": seg.sentence_of(start),
            "clause": seg.clause_of(start),
        }

    # -- lists ---------------------------------------------------------------------------------------

    def _lists(
        self, passage, seg, amounts: InOrder[AmountDraft], counts: InOrder[CountDraft], changes, by_sentence
    ) -> list[ListDraft]:
        """其中/主要包括 … lists: a total and ≥ 2 items (one item is a subset, not a sum). A list is
        read up to the end of its sentence or the next 其中; one with more than MAX_LIST_ITEMS
        amounts or counts there is no list (no real list is that long, and reading it is work per
        item for every introducer before it)."""
        norm = passage.norm
        intros = list(INTRODUCER.finditer(norm))
        next_qizhong: list[int | None] = [None] * len(intros)  # where the next 其中 after each starts
        following = None
        for k in range(len(intros) - 1, -1, -1):
            next_qizhong[k] = following
            if intros[k].group() == "其中":
                following = intros[k].start()
        anchored = InOrder([c for c in changes if c.anchored])
        stated = (
            InOrder([a for a in amounts.drafts if not a.in_reason]),
            InOrder([c for c in counts.drafts if not c.in_reason]),
        )
        found: list[ListDraft] = []
        for k, m in enumerate(intros):
            end = seg.sentence_span(seg.sentence_of(m.start()))[1]
            if next_qizhong[k] is not None:
                end = min(end, next_qizhong[k])
            first_item = self._first_item(norm, seg, m.end())
            if not (amounts.count_starting_in(*first_item) or counts.count_starting_in(*first_item)):
                continue  # 主要包括:离休费、…: names, not quantities
            total_amount, total_count = self._totals(passage, seg, m, *stated, by_sentence)
            if amounts.count_starting_in(m.end(), end) + anchored.count_starting_in(m.end(), end) <= MAX_LIST_ITEMS:
                items, end = self._amount_items(amounts, anchored, m.end(), end, total_amount)
                if total_amount and len(items) >= 2 and not _measure_pairs(items):
                    for p in items:
                        p.list_total = total_amount
                    found.append(
                        ListDraft(
                            **self._draft_args(passage, seg, m.start(), items[-1].end),
                            introducer=m.group(),
                            total=total_amount,
                            items=items,
                        )
                    )
            # a count that is already a list's total or item heads no list of its own: lists of
            # counts nest one level at most (a chain would nest claims without bound)
            if (
                total_count is None
                or total_count.items
                or total_count.list_total
                or counts.count_starting_in(m.end(), end) > MAX_LIST_ITEMS
            ):
                continue
            count_items = []
            for c in counts.starting_in(m.end(), end):
                if not c.in_reason:
                    if count_family(c) != count_family(total_count):
                        break  # 车辆…0辆；…设备1台（套）: the list of vehicles ended
                    count_items.append(c)
            if len(count_items) >= 2:
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

    def _totals(self, passage, seg, m, amounts: InOrder[AmountDraft], counts: InOrder[CountDraft], by_sentence):
        """The total a list belongs to: the last amount/count (stated outside a reason) before the
        introducer in its clause.

        An introducer opening its clause takes the previous clause of the sentence; one opening
        the sentence takes the previous sentence, or that sentence's own list total (。其中：… 。其中：…).
        """
        clause = seg.clause_of(m.start())
        clause_start, _ = seg.clause_span(clause)
        scope_start = clause_start
        if only_characters(passage.norm, clause_start, m.start(), " ，,；;：:。"):
            sentence = seg.sentence_of(m.start())
            if clause_start <= seg.sentence_span(sentence)[0]:
                amount, count = self._previous(by_sentence, sentence)
                return (amount.list_total or amount if amount else None, count.list_total or count if count else None)
            scope_start = seg.clause_span(clause - 1)[0]
        return (
            amounts.last_starting_before(m.start(), since=scope_start),
            counts.last_starting_before(m.start(), since=scope_start),
        )

    @staticmethod
    def _amount_items(amounts: InOrder[AmountDraft], changes: InOrder[ChangeDraft], start, end, total):
        """Amounts listed in [start, end); a change after ≥ 2 items of one clause closes the list
        and is stated for the total (…上年结转300.24万元，比上年增加…)."""
        events = sorted([*amounts.starting_in(start, end), *changes.starting_in(start, end)], key=lambda d: d.start)
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
            if not isinstance(event, AmountDraft) or event.in_reason:
                continue
            items.append(event)
            per_clause[event.clause] = per_clause.get(event.clause, 0) + 1
        return items, end


def only_characters(text: str, start: int, end: int, characters: str) -> bool:
    """text[start:end] holds nothing but `characters`: read backwards from `end`, so the cost is the
    run of those characters, not the whole span (a clause may be a megabyte long)."""
    while end > start and text[end - 1] in characters:
        end -= 1
    return end <= start


def _measure_pairs(items: list[AmountDraft]) -> bool:
    """…全年预算数0.40万元，决算数0.40万元: two measures of one item, not two items of a total."""
    return any(BARE_MEASURE.match(b.subject or "") and ENDS_MEASURE.search(a.subject or "") for a, b in pairwise(items))
