"""Whether the words before a prose number name an indicator, when they do not end with its name.

Prose seldom copies a 三级指标 name: 已建设中医针灸推拿实训室1个 states the indicator 建设实训室, 项目验收合格率100%
states 验收合格率, 培训时间为2天 states 培训（会议）天数, 其中经费投入生活补助2.70万元 states 生活补助. The name's words
are all there, in the name's order, with other words between them (中医针灸推拿), before them (项目, 其中经费投入)
or in place of a generic head the unit already says (天数 → 时间 before a number of 天). So a name fits a
clause when:

* the name, without bracketed parts (（会议）, （%）) and list marks (、), and without the generic heads at its
  end (`indicator_heads` in rules/vocabulary/prose.yaml: 人数, 天数, 数量, 经费, 费用 …), splits into
  pieces of at least two characters that stand in the clause in that order (a single character matches
  too much: 发放率 is no piece of 发放准确率);
* nothing but generic heads follows the last piece (学院运转保障经费投入 names 学院运转保障经费; 取暖费结余 does not
  name 取暖费经费支出);
* the words before and between the pieces join nothing else (`list_words`: 参加培训教师和学生共20人 counts
  more than 培训学生人数), unless the name is itself a list, and state no change (比上年增加培训教师2名 is a
  difference, not the indicator's value).

A name may put a verb after its object where prose puts it first (`name_verbs`: 电费缴纳次数 / 缴纳电费1次),
or the reverse: the core with its verb moved is tried as well. A verb of taking part at the name's start
(`name_leads`: 参加幼儿照护督导员培训人数 / 2名教师幼儿照护督导员培训) may be left out when what remains still has
two pieces' worth of words, and a qualifier naming nothing (`name_fillers`: 发表相关论文 / 发表2篇论文) is no
word the prose must give. A general synonym or abbreviation (`name_synonyms`: 全国职业院校技能大赛 / 国赛) is read
as one word in the name and in the prose alike.

The pieces are taken greedily, the longest first that the clause holds after the previous one; a name
that fits only with another split is not bound (fail-closed). The unit's measure and the uniqueness of the
fitting indicator are the binder's (cell_binding.py): this module reads words only, never values.
"""

from __future__ import annotations

import re
from functools import cache, lru_cache
from itertools import pairwise

from budgetlint.labels import squeeze
from budgetlint.recognize.narrative.grammar import VERB
from budgetlint.recognize.narrative.prose_vocabulary import alternation, prose_vocabulary

_BRACKETED = re.compile(r"[（(][^（）()]*[）)]")
_MARKS = re.compile(r"[、，,/／·\s“”\"'‘’《》%％]")
_CLAUSE_MARKS = re.compile(r"[，,/／·\s“”\"'‘’《》%％]")  # 、 kept: it joins things
_MIN_PIECE = 2
_CHANGE = re.compile(VERB)


def _without_heads(text: str) -> str:
    """`text` without the generic heads at its end (培训天数 → 培训; 取暖费经费支出 → 取暖费), two characters kept."""
    heads = prose_vocabulary().indicator_heads_longest_first
    while True:
        head = next((h for h in heads if text.endswith(h) and len(text) - len(h) >= _MIN_PIECE), None)
        if head is None:
            return text
        text = text[: -len(head)]


def _plain(name: str) -> str:
    """A name without bracketed parts and marks: 单位培训（会议）成本 → 单位培训成本."""
    return _MARKS.sub("", _BRACKETED.sub("", squeeze(name)))


@cache
def _synonyms() -> tuple[re.Pattern[str], dict[str, str]]:
    synonyms = prose_vocabulary().name_synonyms
    return re.compile(alternation(synonyms)), synonyms


def _as_one_word(text: str) -> str:
    """`text` with each general synonym read as its canonical word (全国职业院校技能大赛 → 国赛)."""
    pattern, synonyms = _synonyms()
    return pattern.sub(lambda m: synonyms[m.group()], text) if synonyms else text


@lru_cache(maxsize=4096)
def name_core(name: str) -> str:
    """The words of a name the prose must give: 培训（会议）天数 → 培训, 氛围营造、宣传投入 → 氛围营造宣传,
    发表相关论文 → 发表论文."""
    core = _as_one_word(_plain(name))
    for filler in prose_vocabulary().name_fillers:
        core = core.replace(filler, "")
    return _without_heads(core)


def _with_verb_moved(core: str) -> str | None:
    """The core with its verb and object swapped when it ends or starts with a verb of `name_verbs`."""
    for verb in prose_vocabulary().name_verbs:
        if core.endswith(verb) and len(core) - len(verb) >= _MIN_PIECE:
            return verb + core[: -len(verb)]
        if core.startswith(verb) and len(core) - len(verb) >= _MIN_PIECE:
            return core[len(verb) :] + verb
    return None


@lru_cache(maxsize=4096)
def name_cores(name: str) -> tuple[str, ...]:
    """The core; the core with its verb and object swapped (a name puts the object first: 电费缴纳次数,
    遗属补助发放金额; prose the verb: 缴纳电费1次); and the core without a lead verb of taking part
    (`name_leads`: 参与体检部门 → 体检部门) when two pieces' worth of words remain."""
    core = name_core(name)
    lead = next((w for w in prose_vocabulary().name_leads if core.startswith(w)), "")
    rest = core[len(lead) :]
    cores = [core, _with_verb_moved(core)]
    if lead and len(rest) >= 2 * _MIN_PIECE:
        cores += [rest, _with_verb_moved(rest)]
    return tuple(dict.fromkeys(c for c in cores if c))


def _only_heads(rest: str) -> bool:
    heads = prose_vocabulary().indicator_heads_longest_first
    while rest:
        head = next((h for h in heads if rest.startswith(h)), None)
        if head is None:
            return False
        rest = rest[len(head) :]
    return True


def _pieces(core: str, text: str) -> list[tuple[int, int]] | None:
    """Where the pieces of `core` stand in `text`, taken greedily in order; None when one is missing."""
    spans: list[tuple[int, int]] = []
    i = at = 0
    while i < len(core):
        k = len(core) - i
        while k >= _MIN_PIECE and text.find(core[i : i + k], at) < 0:
            k -= 1
        if k < _MIN_PIECE:
            return None
        at = text.find(core[i : i + k], at)
        spans.append((at, at + k))
        at, i = at + k, i + k
    return spans or None


def _lists(text: str) -> bool:
    """`text` joins things (教师和学生, 设备、耗材), once the words only holding a list word (参与, 及时) are out."""
    v = prose_vocabulary()
    for word in v.list_word_inside:
        text = text.replace(word, "")
    return any(word in text for word in v.list_words)


def names_in_order(name: str, clause: str) -> bool:
    """The pieces of the name's core stand in `clause` in order, only generic heads follow the last one,
    and the words around them join nothing else (培训教师和学生 names no 培训学生人数) unless the name itself
    is a list (困难残疾人生活补贴、重度残疾人护理补贴发放率); the core may have its verb first or last."""
    text = _as_one_word(_CLAUSE_MARKS.sub("", squeeze(clause)).lstrip("".join(prose_vocabulary().list_words)))
    for core in name_cores(name):
        spans = _pieces(core, text)
        if spans is None or not _only_heads(text[spans[-1][1] :]):
            continue
        around = text[: spans[0][0]] + "".join(text[a[1] : b[0]] for a, b in pairwise(spans))
        if _CHANGE.search(around):
            continue  # 比上年增加培训教师 / 增加2名培训教师: a change, not the indicator's value
        if not _lists(around) or _lists(squeeze(name)):
            return True
    return False


def qualifier_in(qualifier: str, name: str) -> bool:
    """A standard's own words (人均体检标准 → 体检) stand in a cost row's name (体检费补助标准), in order."""
    return _pieces(qualifier, _plain(name)) is not None
