"""The parts of a disclosure (封面, 目录, each table, each 情况说明 section …) as its template lists them.

`find_parts(disclosure, template)` finds each part of the template's `parts:` list in the document: a
table part by the recognised table of that kind (its title paragraph), a heading part by the first
short heading-like paragraph its regex matches (after the 目录, unless the 目录 does not list it), a
text part by the first paragraph its regex is found in, a performance part by the recognised
绩效目标表. It also tells the document's scope (部门 or 单位) from the cover/title line and gives
every found part a span of lines (up to the next part that is not inside it), so any line can be
placed in its innermost part.

The 目录's lines are the ingest's 目录 entries (a 目录 with page numbers) or, for a 目录 printed
without page numbers (the Shanghai PDFs), the heading-like paragraphs under the 目录 heading.
`match_toc(disclosure, parts)` pairs each line with the body heading of the same title (numbering,
spaces, leader dots and a 表N prefix ignored), in order; a line without one is paired with the part of
the template it names (the body words it differently: 一、部门主要职能 over 上海市××局主要职能), or taken
as a group title when the body has the lines numbered under it (五、部门预算表 over 1.…9.), or
with nothing.

recognize() finds both once per document; the completeness check kinds and the reporters read them
from the Disclosure (`parts`, `toc_links`, `toc_unlisted`).
"""

from __future__ import annotations

import re

from budgetlint.ingest.pages import normalise_title
from budgetlint.labels import squeeze
from budgetlint.model import Disclosure, Location, Paragraph, RawTable, Table
from budgetlint.model.parts import DocumentParts, FoundPart, TocLine, TocLink, inside
from budgetlint.model.templates import PartSpec, Scope, TemplateSpec
from budgetlint.recognize.national import strip_numbering, title_kind

HEADING_MAX = 60  # a heading is short and has no 。
SIMILAR = 0.75  # a 目录 line and a body heading this alike are one title worded two ways
_YEAR = re.compile(r"(20\d\d)\s*年")
# numbering in front of a 目录 line or heading: 一、 / （一） / 1、 / 1． / 1. / ①; an ASCII dot followed by a
# digit is numbering only before a year (9.2025年单位…), never inside a number like 1.5
_NUMBERING = re.compile(
    r"^\s*(?:[一二三四五六七八九十]+[、．.]|[（(][一二三四五六七八九十]+[)）]|\d{1,2}[、．]"
    r"|\d{1,2}\.(?:\s+|(?=20\d\d年)|(?=\D))|[①-⑳])\s*"
)


def title_key(text: str) -> str:
    """A title as compared between 目录 and body: no numbering (一、, 表N, 公开04表：, 附表1 …), spaces
    or leader dots."""
    key = normalise_title(_NUMBERING.sub("", text, count=1))
    return strip_numbering(key, year=False)[0] or key


def _depth(spec: PartSpec, specs: dict[str, PartSpec]) -> int:
    depth, parent = 0, spec.parent
    while parent and depth < len(specs):
        depth, parent = depth + 1, specs[parent].parent
    return depth


def is_heading_like(squeezed: str) -> bool:
    return 0 < len(squeezed) <= HEADING_MAX and "。" not in squeezed


def _title_paragraph(blocks: tuple, table: Table) -> Paragraph | None:
    """The paragraph that printed the table's title (recognition looked back from the table)."""
    index = next(
        (i for i, b in enumerate(blocks) if isinstance(b, RawTable) and b.location.line == table.location.line), None
    )
    if index is None:
        return None
    for back in range(index - 1, max(index - 8, -1), -1):
        block = blocks[back]
        if not isinstance(block, Paragraph):
            break
        if block.text.strip() == table.title:
            return block
    return None


def _located(spec: PartSpec, location: Location) -> Location:
    return location.at_cell(table=spec.name)


def _scope(template: TemplateSpec, paragraphs: list[tuple[Paragraph, str]]) -> tuple[Scope | None, Location | None]:
    patterns = {scope: re.compile(p) for scope, p in (template.parts.scope.items() if template.parts else [])}
    for para, squeezed in paragraphs:
        if not is_heading_like(squeezed):
            continue
        for scope, rx in patterns.items():
            if rx.search(squeezed):
                return scope, para.location
    return None, None


def _find(
    spec: PartSpec,
    disclosure: Disclosure,
    blocks: tuple,
    paragraphs: list[tuple[Paragraph, str]],
    toc_end: int,
    by_line: dict[int, Paragraph],
    after: int = 0,
) -> FoundPart | None:
    """The part `spec` names; a heading or text part is looked for after line `after` (its parent's
    heading: a section is not a 目录 line or a heading of another part with the same words)."""
    if spec.table:
        tables = disclosure.tables_of(spec.table)
        if not tables:
            return None
        table = tables[0]
        para = _title_paragraph(blocks, table)
        location = para.location if para else table.location
        return FoundPart(spec, table.title, _located(spec, location), table=table)
    if spec.performance:
        if spec.performance == "overall":
            target = disclosure.overall_target
            if target is None:
                return None
            title, line = target.title, target.title_line
        else:
            if not disclosure.targets:
                return None
            first = min(disclosure.targets, key=lambda t: t.title_line)
            title, line = first.title, first.title_line
        para = by_line.get(line)
        location = para.location if para else Location(file=disclosure.path, line=line)
        return FoundPart(spec, title, _located(spec, location))
    rx = re.compile(spec.heading or spec.text or "")
    for para, squeezed in paragraphs:
        if spec.toc and (para.location.line or 0) <= toc_end:
            continue  # the 目录's own lines are not the body
        if (para.location.line or 0) <= after:
            continue
        if spec.heading and is_heading_like(squeezed) and rx.search(squeezed):
            return FoundPart(spec, para.text.strip(), _located(spec, para.location))
        if spec.text and rx.search(squeezed):
            return FoundPart(spec, para.text.strip(), _located(spec, para.location))
    return None


def _toc_region(template: TemplateSpec, source, paragraphs: list[tuple[Paragraph, str]]) -> tuple[int, list[TocLine]]:
    """The 目录's last line and its lines.

    From the ingest's 目录 entries when it found them (a 目录 with page numbers). Otherwise the
    heading-like paragraphs right under the 目录 heading (the template's `toc` part), up to a sentence
    or a title repeated (the body starting over); past the 目录 heading's own page (or anywhere, when
    pages are not exact) only numbered lines (一、 / 1. / 第二部分 …) continue it, so the body's first
    heading (上海市××局主要职能) is not taken for a 目录 line.
    """
    if source.toc:
        return max(e.line for e in source.toc), [TocLine(e.title, e.page, e.line) for e in source.toc]
    spec = template.parts.get(template.parts.toc) if template.parts else None
    if spec is None or not spec.heading:
        return 0, []
    rx = re.compile(spec.heading)
    start = next((i for i, (_, sq) in enumerate(paragraphs) if is_heading_like(sq) and rx.search(sq)), None)
    if start is None:
        return 0, []
    heading = paragraphs[start][0]
    exact = heading.location.page is not None and heading.location.page_basis in ("pdf", "formfeed")
    lines: list[TocLine] = []
    seen: set[str] = set()
    for para, squeezed in paragraphs[start + 1 :]:
        key = title_key(para.text)
        same_page = exact and para.location.page == heading.location.page
        if not is_heading_like(squeezed) or key in seen or (not same_page and toc_level(para.text) is None):
            break
        seen.add(key)
        lines.append(TocLine(para.text.strip(), None, para.location.line or 0))
    return (lines[-1].line if lines else heading.location.line or 0), lines


def _with_spans(found: list[FoundPart], specs: dict[str, PartSpec]) -> tuple[FoundPart, ...]:
    ordered = sorted(found, key=lambda f: (f.location.line or 0, _depth(f.spec, specs)))
    out = []
    for i, part in enumerate(ordered):
        end = next(
            (
                later.location.line
                for later in ordered[i + 1 :]
                if not inside(later.spec, part.spec.id, specs)
                and (later.location.line or 0) > (part.location.line or 0)
            ),
            None,
        )
        out.append(FoundPart(part.spec, part.title, part.location, part.table, end, _depth(part.spec, specs)))
    return tuple(out)


def find_parts(disclosure: Disclosure, template: TemplateSpec, fits: bool = True) -> DocumentParts | None:
    """The template's parts found in `disclosure`; None when the template lists no parts, or when it
    does not fit the document (`fits` False: checked with the national base, whose part list --
    the official layout's -- is not imposed on another province's document)."""
    result = None
    if template.parts is not None and fits:
        source = disclosure.source
        blocks = source.blocks
        paragraphs = [(b, squeeze(b.text)) for b in blocks if isinstance(b, Paragraph)]
        by_line = {p.location.line: p for p, _ in paragraphs if p.location.line is not None}
        toc_end, toc_lines = _toc_region(template, source, paragraphs)
        specs = {p.id: p for p in template.parts.items}
        found: list[FoundPart] = []
        for spec in template.parts.items:  # in document order: a parent before its parts
            parent = next((f for f in found if f.spec.id == spec.parent), None)
            after = (parent.location.line or 0) if parent is not None else 0
            if (f := _find(spec, disclosure, blocks, paragraphs, toc_end, by_line, after)) is not None:
                found.append(f)
        scope, scope_location = _scope(template, paragraphs)
        result = DocumentParts(
            template,
            scope,
            scope_location,
            _with_spans(found, specs),
            toc_end,
            tuple(p for p, _ in paragraphs),
            tuple(toc_lines),
        )
    return result


def _names_part(spec: PartSpec, template: TemplateSpec, squeezed: str) -> bool:
    """A 目录 line names a table part when it reads as the table's title by the template's own
    files or, in words of another province, names the same national kind."""
    if spec.table:
        table = template.table(spec.table)
        if table is not None and table.matches_squeezed(squeezed):
            return True
        named = title_kind(squeezed, template.kind) if template.national or template.extends else None
        return named is not None and named[0].id == spec.table
    pattern = spec.heading or spec.text
    return bool(pattern and re.search(pattern, squeezed))


# how deep a 目录 line's numbering is: 第二部分 0, 一、 1, （一） and 表一 2, 1、 / 1. 3, ① 4
_LEVELS = [
    (re.compile(r"^\s*第[一二三四五六七八九十]+部分"), 0),
    (re.compile(r"^\s*[一二三四五六七八九十]+[、．.]"), 1),
    (re.compile(r"^\s*(?:[（(][一二三四五六七八九十]+[)）]|表[一二三四五六七八九十]+)"), 2),
    (re.compile(r"^\s*\d{1,2}(?:[、．]|\.\s)"), 3),
    (re.compile(r"^\s*[①-⑳]"), 4),
]


def toc_level(title: str) -> int | None:
    return next((level for rx, level in _LEVELS if rx.match(title)), None)


def _sub_lines(links: list[TocLink], i: int) -> list[int]:
    """Indexes of the lines numbered under line i (deeper numbering, up to the next line as deep)."""
    level = toc_level(links[i].entry.title)
    if level is None:
        return []
    out = []
    for j in range(i + 1, len(links)):
        deeper = toc_level(links[j].entry.title)
        if deeper is None or deeper <= level:
            break
        out.append(j)
    return out


def match_toc(disclosure: Disclosure, parts: DocumentParts | None) -> tuple[list[TocLink], list[FoundPart]]:
    """Each 目录 line with the body heading (or part) it names; and the found parts the 目录 omits."""
    toc = parts.toc_lines if parts else tuple(TocLine(e.title, e.page, e.line) for e in disclosure.source.toc)
    if not toc:
        return [], []
    end = max(e.line for e in toc)
    source_paragraphs = parts.paragraphs if parts else [b for b in disclosure.source.blocks if isinstance(b, Paragraph)]
    body = [p for p in source_paragraphs if (p.location.line or 0) > end and is_heading_like(squeeze(p.text))]
    # keyed once per text: a document prints one title above many tables (83 绩效目标表)
    key_of = {text: title_key(text) for text in dict.fromkeys(p.text for p in body)}
    keys = [key_of[p.text] for p in body]
    part_at_line = {f.location.line: f for f in (parts.found if parts else ())}
    used: set[int] = set()
    links: list[TocLink] = []
    position = 0
    for entry in toc:
        want = title_key(entry.title)
        hit = next((i for i in range(position, len(body)) if i not in used and keys[i] == want), None)
        if hit is None:
            hit = next((i for i in range(len(body)) if i not in used and keys[i] == want), None)
        else:
            position = hit + 1
        if hit is not None:
            used.add(hit)
            links.append(TocLink(entry, body[hit], part_at_line.get(body[hit].location.line), True))
            continue
        links.append(TocLink(entry, None, None, False))
    if parts is not None:  # lines whose title differs from the body's: pair them with the part they name
        linked = {id(link.part) for link in links if link.part is not None}
        for i, link in enumerate(links):
            if link.exact:
                continue
            squeezed = squeeze(title_key(link.entry.title))
            named = next(
                (
                    f
                    for f in parts.found
                    if f.spec.toc and id(f) not in linked and _names_part(f.spec, parts.template, squeezed)
                ),
                None,
            )
            if named is not None:
                linked.add(id(named))
                links[i] = TocLink(link.entry, None, named, False)
                continue
    for i, link in enumerate(links):  # a group title the body does not print, over lines it has
        if not link.found and any(links[j].found for j in _sub_lines(links, i)):
            links[i] = TocLink(link.entry, None, None, False, group=True)
    for i, link in enumerate(links):  # still nothing: the closest unused body heading, if close
        if not link.found:
            from difflib import SequenceMatcher  # here: a rare fallback, and the preload then needs no difflib

            want = title_key(link.entry.title)
            scored = [(SequenceMatcher(None, want, keys[j]).ratio(), j) for j in range(len(body)) if j not in used]
            ratio, j = max(scored, default=(0.0, -1))
            if ratio >= SIMILAR:
                links[i] = TocLink(link.entry, None, None, False, similar=body[j])
    listed = {id(link.part) for link in links if link.part is not None}
    unlisted = [f for f in (parts.found if parts else ()) if f.spec.toc and id(f) not in listed]
    return links, unlisted


def years_in(text: str) -> list[int]:
    return [int(y) for y in _YEAR.findall(text)]
