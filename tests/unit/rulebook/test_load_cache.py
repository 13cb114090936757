"""The load cache (load_cache.py): what a later process reads is what it would have loaded from
YAML; any change of code or data, a damaged file or an unwritable folder means loading from YAML."""

from __future__ import annotations

import os
import pickle

import pytest

from budgetlint import load_cache
from budgetlint.recognize.national import load_national
from budgetlint.recognize.templates import load_templates
from budgetlint.rulebook import load as rulebook_load
from budgetlint.rulebook import load_rules


@pytest.fixture
def cache(tmp_path, monkeypatch):
    monkeypatch.setenv(load_cache.ENV, "")  # restored after the test, whatever enable() sets
    load_cache.disable()
    yield tmp_path / "cache"
    load_cache.disable()


def _files(folder):
    return sorted(p.name for p in folder.glob("load-*.pickle")) if folder.exists() else []


def _refuse_yaml(monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("loaded from YAML although the cache held it")

    monkeypatch.setattr(rulebook_load, "_load", refuse)


def test_a_later_process_reads_what_the_first_loaded_without_reading_yaml(cache, monkeypatch):
    fresh_rules, fresh_templates, fresh_national = load_rules(), load_templates(), load_national()
    load_cache.enable(cache)
    assert load_rules() == fresh_rules
    load_templates.__wrapped__()  # past functools.cache: through the load cache
    load_national.__wrapped__()
    load_cache.save()
    assert len(_files(cache)) == 1
    load_cache.disable()

    load_cache.enable(cache)  # as the next process would
    _refuse_yaml(monkeypatch)
    assert load_rules() == fresh_rules
    assert load_templates.__wrapped__() == fresh_templates
    assert load_national.__wrapped__() == fresh_national


def test_without_enable_nothing_is_read_or_written(cache, monkeypatch):
    load_cache.enable(cache)
    load_rules()
    load_cache.save()
    load_cache.disable()
    calls = []
    real = rulebook_load._load
    monkeypatch.setattr(rulebook_load, "_load", lambda *a: calls.append(1) or real(*a))
    rulebook_load._LOADED.clear()
    load_rules()  # the library: from YAML
    load_cache.save()
    assert calls == [1]


def test_other_code_or_data_is_another_file_and_only_the_newest_files_stay(cache, monkeypatch):
    load_cache.enable(cache)
    load_rules()
    load_cache.save()
    first = _files(cache)
    load_cache.disable()
    keys = [str(i) * 32 for i in range(load_cache.KEEP + 1)]
    for number, other in enumerate(keys):  # what edited files (or other installs sharing the folder) do to the key
        monkeypatch.setattr(load_cache, "key", lambda other=other: other)
        load_cache.enable(cache)
        built: list[int] = []
        assert load_cache.cached("rules", lambda built=built: built.append(1) or ["from yaml"]) == ["from yaml"]
        assert built == [1]
        load_cache.save()
        load_cache.disable()
        newest = [f"load-{k}.pickle" for k in keys[: number + 1]][-load_cache.KEEP :]
        if number + 1 < load_cache.KEEP:
            newest += first
        assert _files(cache) == sorted(newest)
        for name in _files(cache):  # distinct write times, as minutes between runs would give
            path = cache / name
            os.utime(path, ns=(path.stat().st_atime_ns, path.stat().st_mtime_ns - 1_000_000))


def test_processes_of_one_run_keep_each_others_entries(cache):
    """A batch's forkserver loads the templates, the CLI the rules: whichever saves last keeps both."""
    load_cache.enable(cache)
    assert load_cache.cached("rules", lambda: ["rules"]) == ["rules"]  # the file did not exist yet
    cache.mkdir()
    with open(cache / f"load-{load_cache.key()}.pickle", "wb") as handle:  # the forkserver saves meanwhile
        pickle.dump({"templates": ["templates"]}, handle)
    load_cache.save()
    with open(cache / f"load-{load_cache.key()}.pickle", "rb") as handle:
        assert pickle.load(handle) == {"rules": ["rules"], "templates": ["templates"]}


def test_the_key_follows_every_yaml_file_and_python_file(tmp_path, monkeypatch):
    rules = tmp_path / "rules"
    rules.mkdir()
    (rules / "A001.yaml").write_text("id: A001\n")
    monkeypatch.setattr("budgetlint.paths.rules_root", lambda: rules)
    before = load_cache.key()
    assert load_cache.key() == before
    stat = (rules / "A001.yaml").stat()
    os.utime(rules / "A001.yaml", ns=(stat.st_atime_ns, stat.st_mtime_ns + 1))
    touched = load_cache.key()
    assert touched != before
    (rules / "A002.yaml").write_text("id: A002\n")
    assert load_cache.key() not in (before, touched)


def test_a_damaged_file_is_ignored_and_replaced(cache):
    load_cache.enable(cache)
    cache.mkdir()
    (cache / f"load-{load_cache.key()}.pickle").write_bytes(b"not a pickle")
    assert load_cache.cached("x", lambda: 41 + 1) == 42
    load_cache.save()
    with open(cache / f"load-{load_cache.key()}.pickle", "rb") as handle:
        assert pickle.load(handle) == {"x": 42}


def test_an_unwritable_folder_or_an_unpicklable_value_is_no_error(cache, tmp_path):
    blocked = tmp_path / "a-file"
    blocked.write_text("")
    load_cache.enable(blocked / "cache")  # a folder under a file: cannot be made
    assert load_cache.cached("x", lambda: 1) == 1
    load_cache.save()
    load_cache.enable(cache)
    assert load_cache.cached("f", lambda: lambda: 1)() == 1  # a lambda does not pickle
    load_cache.save()
    assert not [p for p in cache.iterdir() if p.name.startswith(".tmp-")]


def test_an_empty_environment_variable_turns_it_off(cache, monkeypatch):
    monkeypatch.setenv(load_cache.ENV, "")
    load_cache.enable()
    assert load_cache.cached("x", lambda: 1) == 1
    load_cache.save()
    assert not cache.exists()
