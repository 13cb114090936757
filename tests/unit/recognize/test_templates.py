"""Template loading: every template under rules/templates/, its tables, parts and narrative vocabulary
validated at load; a mistake is a TemplateError naming the file, never a crash later."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from budgetlint.errors import TemplateError
from budgetlint.paths import rules_root
from budgetlint.recognize.templates import load_template, load_templates

SHANXI = rules_root() / "templates" / "shanxi-budget"


def test_the_bundled_templates_load_in_id_order_with_their_vocabulary():
    templates = load_templates()
    ids = [t.id for t in templates]
    assert ids == sorted(ids) and "shanxi-budget" in ids
    by_id = {t.id: t for t in templates}
    for template in templates:  # narrative.yaml beside template.yaml (or its base's) is read with it, once
        has_file = any(
            (rules_root() / "templates" / t / "narrative.yaml").exists() for t in (template.id, template.extends) if t
        )
        assert (template.narrative is not None) == has_file
    assert by_id["shanxi-budget"].table("revenue_summary") is not None


def _copy(tmp_path: Path) -> Path:
    folder = tmp_path / "templates" / "shanxi-budget"
    shutil.copytree(SHANXI, folder)
    return folder


def _break(path: Path, find: str, to: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert find in text
    path.write_text(text.replace(find, to, 1), encoding="utf-8")


def test_a_copy_loads_like_the_original(tmp_path):
    assert load_template(_copy(tmp_path)) == load_template(SHANXI)


def test_a_template_extending_a_base_binds_through_the_bases_vocabulary_under_its_own():
    by_id = {t.id: t for t in load_templates()}
    own = load_template(SHANXI).narrative
    assert by_id["shanxi-budget"].narrative == by_id["national-budget"].narrative.extended_by(own)
    assert by_id["xinjiang-final-account"].narrative == by_id["national-final-account"].narrative


def test_a_part_naming_an_unknown_table_is_a_template_error(tmp_path):
    folder = _copy(tmp_path)
    text = (folder / "template.yaml").read_text(encoding="utf-8")
    table = next(line for line in text.splitlines() if "table: " in line and "{id:" in line)
    _break(folder / "template.yaml", table, table.replace("table: ", "table: no_such_", 1))
    with pytest.raises(TemplateError) as info:
        load_template(folder)
    assert "表 no_such_" in info.value.message and info.value.path == str(folder / "template.yaml")


def test_broken_yaml_is_a_template_error_naming_the_file(tmp_path):
    folder = _copy(tmp_path)
    (folder / "template.yaml").write_text("id: [unclosed\n", encoding="utf-8")
    with pytest.raises(TemplateError) as info:
        load_template(folder)
    assert "YAML" in info.value.message and info.value.path == str(folder / "template.yaml")


def test_a_bad_narrative_vocabulary_is_a_template_error_naming_its_file(tmp_path):
    folder = _copy(tmp_path)
    (folder / "narrative.yaml").write_text("subjects:\n  - {names: [x], facts: [{table: t}]}\n", encoding="utf-8")
    with pytest.raises(TemplateError) as info:
        load_template(folder)
    assert info.value.path == str(folder / "narrative.yaml")


def test_two_templates_with_one_id_are_refused(tmp_path):
    folder = _copy(tmp_path)
    shutil.copytree(folder, tmp_path / "templates" / "shanxi-copy")
    with pytest.raises(TemplateError):
        load_templates(tmp_path)


def test_a_broken_table_file_names_itself_and_its_fields_in_one_line(tmp_path):
    folder = _copy(tmp_path)
    table = folder / "tables" / "01-budget-summary.yaml"
    _break(table, "width: 6", "width: six")
    _break(table, "预算收支总表$'", "预算收支总表($'")
    with pytest.raises(TemplateError) as info:
        load_template(folder)
    text = info.value.user_text()
    assert info.value.path == str(table) and "\n" not in text and "http" not in text
    assert "字段 title_patterns[0]：正则表达式有误" in text and "字段 width：应为整数" in text


def _shanghai_pair(tmp_path: Path) -> Path:
    for name in ("shanghai-district-budget", "shanghai-municipal-budget"):
        shutil.copytree(rules_root() / "templates" / name, tmp_path / "templates" / name)
    return tmp_path / "templates" / "shanghai-municipal-budget"


def test_a_table_that_extends_takes_the_same_table_of_the_base_and_replaces_what_it_states(tmp_path):
    municipal = next(t for t in load_templates() if t.id == "shanghai-municipal-budget")
    district = next(t for t in load_templates() if t.id == "shanghai-district-budget")
    revenue = municipal.table("revenue_summary")
    assert revenue is not None and revenue.name == "预算单位收入预算总表"
    assert revenue.model_copy(
        update={
            "name": district.table("revenue_summary").name,
            "title_patterns": district.table("revenue_summary").title_patterns,
        }
    ) == district.table("revenue_summary")
    assert "extends:" in (
        rules_root() / "templates" / "shanghai-municipal-budget" / "tables" / "02-revenue-summary.yaml"
    ).read_text(encoding="utf-8")
    folder = _shanghai_pair(tmp_path)
    assert load_template(folder).tables == municipal.tables  # (the narrative comes from the base, at load_templates)
    _break(folder / "tables" / "02-revenue-summary.yaml", "id: revenue_summary", "id: no_such_table")
    with pytest.raises(TemplateError) as info:
        load_template(folder)
    assert "extends" in info.value.message and info.value.path.endswith("02-revenue-summary.yaml")


def test_a_table_extends_one_level_only(tmp_path):
    folder = _shanghai_pair(tmp_path)
    base = tmp_path / "templates" / "shanghai-district-budget" / "tables" / "02-revenue-summary.yaml"
    base.write_text("extends: shanxi-budget\n" + base.read_text(encoding="utf-8"), encoding="utf-8")
    with pytest.raises(TemplateError, match="只能继承一层"):
        load_template(folder)


def test_the_title_screen_finds_exactly_the_tables_each_pattern_finds():
    """TemplateSpec.titled rules paragraphs out by one search of all title patterns joined: on every
    paragraph of the seeds it gives what asking each table gives, and every bundled template's
    patterns combine (none falls back to asking each table)."""
    from documents import SEEDS, source

    from budgetlint.labels import squeeze
    from budgetlint.model.document import Paragraph

    templates = load_templates()
    assert all(t._title_screen is not None for t in templates)
    texts = {
        squeeze(b.text) for path in sorted(SEEDS.glob("*.txt")) for b in source(path).blocks if isinstance(b, Paragraph)
    }
    titles = 0
    for template in templates:
        for text in texts:
            each = [t for t in template.tables if not t.title_in_first_row and t.matches_squeezed(text)]
            assert template.titled(text) == each, (template.id, text)
            titles += bool(each)
    assert titles > 20  # the documents hold titles, not only text the screen rules out
