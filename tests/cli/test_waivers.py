"""Accept and remember: `baseline` writes every finding as waived; afterwards only new findings are
reported and decide the exit code; waivers that meet nothing, or have expired, are said out loud."""

import json
import shutil

from cli_helpers import SEED_000, SEED_004, run, run_main

NEW_DEFECT = ("与2023年比略有减少", "与2024年比略有减少")  # a 2024 budget comparing with its own year (NA007)
FIXED = ("下降2.9%", "下降2.8%")  # 1.88 / (65.14 + 1.88) = 2.81%: the seed's one NA003, corrected


def _project(tmp_path, monkeypatch):
    seed = tmp_path / "民政局.txt"
    shutil.copy(SEED_004, seed)
    sub = tmp_path / "子目录"
    sub.mkdir()
    monkeypatch.chdir(sub)  # the project file is found from the current folder upward
    return seed


def _edit(path, old, new):
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_after_a_baseline_only_the_new_defect_is_reported_and_sets_the_exit_code(tmp_path, monkeypatch, capsys):
    seed = _project(tmp_path, monkeypatch)
    before = json.loads(run("check", str(seed), "--format", "json", "--fail-on", "never").stdout)["documents"][0]
    n = len(before["findings"])  # every finding of seed 004, whatever the rules find there today
    assert n > 0
    code, _, err = run_main(
        monkeypatch,
        capsys,
        "baseline",
        str(seed),
        "-o",
        str(tmp_path / "budgetlint.toml"),
        "--reason",
        "已公开，不再修改",
    )
    assert code == 0 and f"{n} 个问题" in err
    text = (tmp_path / "budgetlint.toml").read_text(encoding="utf-8")
    assert text.count("[[waivers]]") == n and "已公开，不再修改" in text

    clean = run("check", str(seed))
    assert clean.exit_code == 0
    assert f"另有 {n} 个已豁免" in clean.output and "错误 " not in clean.output

    _edit(seed, *NEW_DEFECT)
    result = run("check", str(seed))
    assert result.exit_code == 1
    listed = [line for line in result.output.splitlines() if line.startswith(("错误 ", "警告 ", "提示 "))]
    assert len(listed) == 1 and listed[0].startswith("错误 NA007"), listed
    data = json.loads(run("check", str(seed), "--format", "json").stdout)
    fresh = [f for f in data["documents"][0]["findings"] if f["waived"] is None]
    assert [f["rule"] for f in fresh] == ["NA007"]
    assert len(data["documents"][0]["findings"]) == n + 1  # the waived ones are still there, counted
    assert data["waivers"]["unused"] == []


def test_a_waiver_that_meets_nothing_or_has_expired_is_reported(tmp_path, monkeypatch, capsys):
    seed = _project(tmp_path, monkeypatch)
    run_main(monkeypatch, capsys, "baseline", str(seed), "-o", str(tmp_path / "budgetlint.toml"))
    _edit(seed, *FIXED)
    result = run("check", str(seed))
    assert result.exit_code == 0 and "豁免未用上" in result.output and "NA003" in result.output
    data = json.loads(run("check", str(seed), "--format", "json").stdout)
    assert [w["rule"] for w in data["waivers"]["unused"]] == ["NA003"]

    config = tmp_path / "budgetlint.toml"
    text = config.read_text(encoding="utf-8").replace('rule = "PT007"', 'rule = "PT007"\nexpires = 2020-01-01')
    config.write_text(text, encoding="utf-8")
    result = run("check", str(seed))
    assert result.exit_code == 1 and "豁免已过期" in result.output and "错误 PT007" in result.output


def test_pyproject_selects_rules_and_sets_severities(tmp_path, monkeypatch):
    seed = _project(tmp_path, monkeypatch)
    (tmp_path / "pyproject.toml").write_text(
        '[project]\nname = "x"\n\n[tool.budgetlint]\nignore = ["PT"]\n\n[tool.budgetlint.severity]\nNA = "warning"\n',
        encoding="utf-8",
    )
    data = json.loads(run("check", str(seed), "--format", "json").stdout)
    findings = data["documents"][0]["findings"]
    assert findings and not any(f["rule"].startswith("PT") for f in findings)
    assert {f["severity"] for f in findings if f["rule"].startswith("NA")} == {"warning"}
    assert data["waivers"]["config"].endswith("pyproject.toml")
    assert run("check", str(seed)).exit_code == 0  # warnings only, --fail-on error
    assert run("check", str(seed), "--isolated").exit_code == 1


def test_a_broken_project_file_is_one_line_and_exit_2(tmp_path, monkeypatch, capsys):
    seed = _project(tmp_path, monkeypatch)
    (tmp_path / "budgetlint.toml").write_text('[[waivers]]\nreason = "x"\n', encoding="utf-8")
    code, _, err = run_main(monkeypatch, capsys, "check", str(seed))
    assert code == 2 and len(err.strip().splitlines()) == 1 and "budgetlint.toml" in err and "fingerprint" in err
    (tmp_path / "budgetlint.toml").write_text('select = ["NA", \n', encoding="utf-8")
    code, _, err = run_main(monkeypatch, capsys, "check", str(seed))
    assert code == 2 and "不是合法的 TOML" in err


def test_waivers_hold_when_documents_are_checked_in_worker_processes(tmp_path, monkeypatch, capsys):
    seed = _project(tmp_path, monkeypatch)
    shutil.copy(SEED_000, tmp_path / "学院.txt")
    run_main(
        monkeypatch, capsys, "baseline", str(seed), str(tmp_path / "学院.txt"), "-o", str(tmp_path / "budgetlint.toml")
    )
    code, out, _ = run_main(
        monkeypatch, capsys, "check", str(seed), str(tmp_path / "学院.txt"), "-j", "2", "--format", "json"
    )
    assert code == 0
    data = json.loads(out)
    assert len(data["documents"]) == 2 and all(f["waived"] for d in data["documents"] for f in d["findings"])
    assert data["waivers"]["unused"] == []
    _edit(seed, *NEW_DEFECT)
    code, out, _ = run_main(monkeypatch, capsys, "check", str(seed), str(tmp_path / "学院.txt"), "-j", "2")
    assert code == 1 and out.count("错误 NA007") == 1


def test_a_baseline_of_one_document_keeps_the_waivers_of_the_others(tmp_path, monkeypatch, capsys):
    seed = _project(tmp_path, monkeypatch)
    other = tmp_path / "学院.txt"
    shutil.copy(SEED_000, other)
    config = tmp_path / "budgetlint.toml"
    run_main(monkeypatch, capsys, "baseline", str(seed), str(other), "-o", str(config))
    both = config.read_text(encoding="utf-8").count("[[waivers]]")
    _edit(seed, *FIXED)  # 民政局's NA003 is gone: its waiver goes, 学院's stays
    code, _, _ = run_main(monkeypatch, capsys, "baseline", str(seed), "-o", str(config))
    assert code == 0
    text = config.read_text(encoding="utf-8")
    assert text.count("[[waivers]]") == both - 1 and "忻州职业技术学院" in text and 'rule = "NA003"' not in text
    assert run("check", str(seed), str(other)).exit_code == 0
