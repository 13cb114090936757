"""What pdfium gives the PDF reader (ingest/pdf/page_objects.py): characters with pdfminer's boxes,
ruling lines from paths at any depth, page space with /Rotate applied."""

from collections import Counter
from pathlib import Path

import pdfplumber
import pytest
from pypdf import PdfWriter, Transformation
from pypdf.generic import ArrayObject, DecodedStreamObject, DictionaryObject, NameObject, NumberObject, RectangleObject

from budgetlint.ingest.pdf.grid import find_tables
from budgetlint.ingest.pdf.lines import make_lines
from budgetlint.ingest.pdf.page_objects import PdfFile

PDF = Path(__file__).resolve().parents[3] / "fixtures" / "pdf"


@pytest.mark.parametrize(
    ("name", "page"),
    [
        ("czj_2024_final_good.pdf", 21),  # FangSong text with Times New Roman numbers 5pt lower
        ("sfj_2026_dept_budget.pdf", 9),  # text drawn at size 360 under a 0.05 matrix
    ],
)
def test_characters_have_the_boxes_pdfminer_gives(name, page):
    with PdfFile(str(PDF / name)) as pdf, pdf.page(page - 1) as objects:
        ours = objects.chars
    with pdfplumber.open(PDF / name) as plumber:
        theirs = [c for c in plumber.pages[page - 1].chars if c["text"].strip()]
    assert Counter(c.text for c in ours) == Counter(c["text"] for c in theirs)
    by_place = {(c["text"], round(c["x0"]), round(c["bottom"])): c for c in theirs}
    for c in ours:
        ref = by_place[(c.text, round(c.x0), round(c.bottom))]
        assert (c.x0, c.top, c.bottom, c.size) == pytest.approx(
            (ref["x0"], ref["top"], ref["bottom"], ref["size"]), abs=0.01
        )
        # the advance: pdfium measures a few glyphs from the font program, pdfminer from /W
        assert c.x1 == pytest.approx(ref["x1"], abs=0.25)


def test_a_page_turned_by_rotate_reads_as_it_is_shown(tmp_path):
    # each page's content turned a quarter left and /Rotate 90 turning it back: shown as before
    source = PDF / "sfj_2026_unit_budget.pdf"
    writer = PdfWriter(clone_from=source)
    for page in writer.pages:
        width, height = float(page.mediabox.width), float(page.mediabox.height)
        page.add_transformation(Transformation().rotate(90).translate(height, 0))
        page.mediabox = page.cropbox = RectangleObject([0, 0, height, width])
        page.rotate(90)
    turned = tmp_path / "turned.pdf"
    writer.write(turned)
    with PdfFile(str(source)) as a, PdfFile(str(turned)) as b:
        for index in (5, 10):  # narrative, a table
            with a.page(index) as plain, b.page(index) as rotated:
                assert (rotated.width, rotated.height) == (plain.width, plain.height)
                assert [ln.text for ln in make_lines(rotated.chars, 1)] == [
                    ln.text for ln in make_lines(plain.chars, 1)
                ]
                corners = [v for c in rotated.chars for v in (c.x0, c.top, c.x1, c.bottom)]
                plain_corners = [v for c in plain.chars for v in (c.x0, c.top, c.x1, c.bottom)]
                assert corners == pytest.approx(plain_corners, abs=0.01)
                assert len(find_tables(rotated.rulings)) == len(find_tables(plain.rulings))
    with PdfFile(str(turned)) as b, b.page(10) as table_page:
        assert len(find_tables(table_page.rulings)) == 1


def test_a_media_box_stated_once_on_the_page_tree_is_inherited(tmp_path):
    # valid PDF: the box on the /Pages node only; pdfium's own-box call would say 612 x 792 and cut
    # an A4 landscape table's right-hand columns off
    source = PDF / "wanli_2025_dept_budget.pdf"
    writer = PdfWriter(clone_from=source)
    box = writer.pages[0].mediabox
    for page in writer.pages:
        for key in ("/MediaBox", "/CropBox"):
            page.pop(key, None)
    writer.root_object["/Pages"].get_object()[NameObject("/MediaBox")] = RectangleObject(box)
    inherited = tmp_path / "inherited.pdf"
    writer.write(inherited)
    with PdfFile(str(source)) as a, PdfFile(str(inherited)) as b, a.page(3) as own, b.page(3) as tree:
        assert (tree.width, tree.height) == (own.width, own.height) == pytest.approx((841.85, 595.25), abs=0.01)
        assert [(c.text, c.x0, c.top) for c in tree.chars] == [(c.text, c.x0, c.top) for c in own.chars]
        assert tree.clips() == own.clips()


def test_rules_drawn_inside_a_form_xobject_are_in_page_space(tmp_path):
    writer = PdfWriter()
    page = writer.add_blank_page(595, 842)
    form = DecodedStreamObject()
    form.set_data(
        b"0.5 w 0 0 m 200 0 l S 0 50 m 200 50 l S 0 100 m 200 100 l S "
        b"0 0 m 0 100 l S 100 0 m 100 100 l S 200 0 m 200 100 l S"
    )  # a 2 x 2 grid
    form.update(
        {
            NameObject("/Type"): NameObject("/XObject"),
            NameObject("/Subtype"): NameObject("/Form"),
            NameObject("/BBox"): ArrayObject([NumberObject(v) for v in (0, 0, 200, 100)]),
        }
    )
    page[NameObject("/Resources")] = DictionaryObject(
        {NameObject("/XObject"): DictionaryObject({NameObject("/Fm0"): writer._add_object(form)})}
    )
    content = DecodedStreamObject()
    content.set_data(b"q 0.5 0 0 0.5 100 600 cm /Fm0 Do Q")  # half size, its corner at (100, 600)
    page[NameObject("/Contents")] = writer._add_object(content)
    path = tmp_path / "form.pdf"
    writer.write(path)
    with PdfFile(str(path)) as pdf, pdf.page(0) as objects:
        [table] = find_tables(objects.rulings)
        assert not objects.pictures and not objects.chars
    assert table.bbox == (100, 842 - 650, 200, 842 - 600)
    assert len(table.cells) == 4


def test_pdfs_read_in_threads_read_as_one_at_a_time():
    # a Dask worker checks documents in threads; pdfium is not thread-safe, so reads take turns
    import threading

    from budgetlint.ingest.pdf import read

    rules = Path(__file__).resolve().parents[3] / "rules" / "document"
    paths = [str(p) for p in sorted(rules.glob("DC01*.pdf"))]
    alone = {p: read(p) for p in paths}
    together: dict[str, list] = {p: [] for p in paths}
    threads = [threading.Thread(target=lambda p=p: together[p].append(read(p))) for p in paths * 3]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert all(docs == [alone[p]] * 3 for p, docs in together.items())
