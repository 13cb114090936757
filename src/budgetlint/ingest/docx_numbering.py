"""Word's automatic numbering, rendered as it prints: "一、", "（二）", "3." before the text.

A heading numbered by a list style (一、部门主要职能 with "一、" made by Word) has no "一、" in its
text runs; neither has an item of the 编制说明 ("1、公共安全支出（204类）…"). Recognition reads
numbering from the text, as the PDF shows it, so the DOCX reader puts the label back.

numbering.xml: a paragraph's w:numPr (or its style's) names a w:num and a level; the w:num points
to a w:abstractNum whose w:lvl gives the start value, the number format and the label text
("%1、", "（%2）", "%1.%2"). Counters run per w:num in document order; a paragraph at level k
restarts the levels below it (unless w:lvlRestart says otherwise) and w:startOverride restarts
a w:num's level. Formats rendered: decimal (and zero-padded, full-width, enclosed ①), Chinese
counting (一 … 十一 … 二十 …, 千/百 too), 甲乙丙丁, 子丑寅卯, Roman and Latin letters; bullets print
no text here (they carry no number a rule reads).
"""

from __future__ import annotations

from docx.oxml.ns import qn

_CN_DIGITS = "零一二三四五六七八九"
_HEAVENLY = "甲乙丙丁戊己庚辛壬癸"
_EARTHLY = "子丑寅卯辰巳午未申酉戌亥"
_ROMAN = [
    (1000, "M"),
    (900, "CM"),
    (500, "D"),
    (400, "CD"),
    (100, "C"),
    (90, "XC"),
    (50, "L"),
    (40, "XL"),
    (10, "X"),
    (9, "IX"),
    (5, "V"),
    (4, "IV"),
    (1, "I"),
]


def chinese(n: int) -> str:
    """1 -> 一, 10 -> 十, 11 -> 十一, 20 -> 二十, 105 -> 一百零五 (Word's chineseCounting)."""
    if n <= 0:
        return str(n)
    if n < 10:
        return _CN_DIGITS[n]
    if n < 20:
        return "十" + (_CN_DIGITS[n % 10] if n % 10 else "")
    if n < 100:
        return _CN_DIGITS[n // 10] + "十" + (_CN_DIGITS[n % 10] if n % 10 else "")
    if n < 1000:
        rest = n % 100
        tail = (
            ""
            if rest == 0
            else (
                "零" + _CN_DIGITS[rest]
                if rest < 10
                else (_CN_DIGITS[rest // 10] + "十" + (_CN_DIGITS[rest % 10] if rest % 10 else ""))
            )
        )
        return _CN_DIGITS[n // 100] + "百" + tail
    return str(n)


def _roman(n: int) -> str:
    out = ""
    for value, letters in _ROMAN:
        while n >= value:
            out += letters
            n -= value
    return out


def _letters(n: int) -> str:
    # Word repeats the letter: a..z, aa..zz
    return chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1)


def format_number(n: int, fmt: str) -> str:
    if fmt in (
        "chineseCounting",
        "chineseCountingThousand",
        "chineseLegalSimplified",
        "ideographLegalTraditional",
        "taiwaneseCounting",
        "taiwaneseCountingThousand",
        "japaneseCounting",
    ):
        return chinese(n)
    if fmt == "ideographTraditional":
        return _HEAVENLY[(n - 1) % 10]
    if fmt == "ideographZodiac":
        return _EARTHLY[(n - 1) % 12]
    if fmt == "decimalZero":
        return f"{n:02d}"
    if fmt == "decimalFullWidth" or fmt == "decimalFullWidth2":
        return str(n).translate(str.maketrans("0123456789", "０１２３４５６７８９"))
    if fmt == "decimalEnclosedCircle" or fmt == "decimalEnclosedCircleChinese":
        return chr(0x2460 + n - 1) if 1 <= n <= 20 else str(n)
    if fmt == "decimalEnclosedParen":
        return chr(0x2474 + n - 1) if 1 <= n <= 20 else f"({n})"
    if fmt == "upperRoman":
        return _roman(n)
    if fmt == "lowerRoman":
        return _roman(n).lower()
    if fmt == "upperLetter":
        return _letters(n).upper()
    if fmt == "lowerLetter":
        return _letters(n)
    if fmt in ("bullet", "none"):
        return ""
    return str(n)


def _val(element, tag: str) -> str | None:
    child = element.find(qn(tag)) if element is not None else None
    return child.get(qn("w:val")) if child is not None else None


class _Level:
    def __init__(self, lvl) -> None:
        self.start = int(_val(lvl, "w:start") or 1)
        self.fmt = _val(lvl, "w:numFmt") or "decimal"
        self.text = _val(lvl, "w:lvlText") or ""
        restart = _val(lvl, "w:lvlRestart")
        self.restart = int(restart) if restart is not None else None
        self.legal = lvl.find(qn("w:isLgl")) is not None
        self.suffix = _val(lvl, "w:suff") or "tab"


class Numbering:
    """Renders list labels for paragraphs in document order (see the module docstring)."""

    def __init__(self, numbering_element, styles_element) -> None:
        self.abstract: dict[str, dict[int, _Level]] = {}
        self.nums: dict[str, tuple[str, dict[int, int]]] = {}  # numId -> (abstractNumId, start overrides)
        if numbering_element is not None:
            for abstract in numbering_element.findall(qn("w:abstractNum")):
                levels = {int(lvl.get(qn("w:ilvl"), "0")): _Level(lvl) for lvl in abstract.findall(qn("w:lvl"))}
                self.abstract[abstract.get(qn("w:abstractNumId"))] = levels
            for num in numbering_element.findall(qn("w:num")):
                overrides = {}
                for override in num.findall(qn("w:lvlOverride")):
                    start = _val(override, "w:startOverride")
                    if start is not None:
                        overrides[int(override.get(qn("w:ilvl"), "0"))] = int(start)
                self.nums[num.get(qn("w:numId"))] = (_val(num, "w:abstractNumId") or "", overrides)
        self.style_num: dict[str, tuple[str | None, int | None]] = {}
        self.style_parent: dict[str, str] = {}
        if styles_element is not None:
            for style in styles_element.findall(qn("w:style")):
                sid = style.get(qn("w:styleId"))
                parent = _val(style, "w:basedOn")
                if parent:
                    self.style_parent[sid] = parent
                num_pr = style.find(qn("w:pPr") + "/" + qn("w:numPr"))
                if num_pr is not None:
                    ilvl = _val(num_pr, "w:ilvl")
                    self.style_num[sid] = (_val(num_pr, "w:numId"), int(ilvl) if ilvl is not None else None)
        self.counters: dict[str, dict[int, int]] = {}

    def _num_pr(self, p_pr, style_id: str | None) -> tuple[str | None, int]:
        num_id, ilvl = None, None
        num_pr = p_pr.find(qn("w:numPr")) if p_pr is not None else None
        if num_pr is not None:
            num_id = _val(num_pr, "w:numId")
            level = _val(num_pr, "w:ilvl")
            ilvl = int(level) if level is not None else None
        seen = set()
        while style_id and style_id not in seen and (num_id is None or ilvl is None):
            seen.add(style_id)
            s_num, s_lvl = self.style_num.get(style_id, (None, None))
            num_id = num_id if num_id is not None else s_num
            ilvl = ilvl if ilvl is not None else s_lvl
            style_id = self.style_parent.get(style_id)
        return num_id, ilvl or 0

    def label(self, p_pr, style_id: str | None) -> str:
        """The label Word prints before this paragraph ("" for none); advances the counters."""
        num_id, ilvl = self._num_pr(p_pr, style_id)
        if not num_id or num_id == "0" or num_id not in self.nums:
            return ""
        abstract_id, overrides = self.nums[num_id]
        levels = self.abstract.get(abstract_id, {})
        level = levels.get(ilvl)
        if level is None:
            return ""
        counters = self.counters.setdefault(num_id, {})
        start = overrides.get(ilvl, level.start)
        counters[ilvl] = counters.get(ilvl, start - 1) + 1
        for deeper, deeper_level in levels.items():
            if deeper > ilvl and (deeper_level.restart is None or deeper_level.restart > ilvl) and deeper in counters:
                del counters[deeper]
        if level.fmt == "bullet":
            return ""
        text = level.text
        for k in range(9):
            placeholder = f"%{k + 1}"
            if placeholder in text:
                named = levels.get(k)
                value = counters.get(k, overrides.get(k, named.start if named else 1))
                fmt = "decimal" if level.legal or named is None else named.fmt
                text = text.replace(placeholder, format_number(value, fmt))
        return text + (" " if level.suffix == "space" else "")
