"""SARIF 2.1.0 validated against its JSON schema (fixtures/schemas), and JUnit with one test case per
check outcome."""

import datetime as dt
import json
import xml.etree.ElementTree as ET
from pathlib import Path

import jsonschema
import pytest

from budgetlint.api import waived
from budgetlint.model.findings import Waiver
from budgetlint.report import junit, reporter, sarif

SCHEMA = json.loads(
    (Path(__file__).resolve().parents[3] / "fixtures" / "schemas" / "sarif-2.1.0-rtm.5.json").read_text(
        encoding="utf-8"
    )
)
INPUTS = ["pdf/sfj_2026_unit_budget.pdf", "pdf/sfj_2026_dept_budget.pdf", "seeds/004_b39ab111367c9db1.txt"]


def _with_one_waived(results):
    first = results.documents[0].run.findings[0]
    return waived(results, [Waiver(fingerprint=first.fingerprint, reason="主管部门同意")], dt.date(2026, 1, 1)), first


@pytest.mark.parametrize("name", INPUTS)
def test_sarif_is_valid_and_carries_every_finding(audited, name):
    results, first = _with_one_waived(audited(name))
    data = json.loads(sarif.render(results))
    jsonschema.validate(data, SCHEMA)
    assert reporter("sarif") is sarif and data["version"] == "2.1.0"
    [run] = data["runs"]  # a run per document (and one for notes, when there are any)
    findings = results.documents[0].run.findings
    assert len(run["results"]) == len(findings)
    rules = run["tool"]["driver"]["rules"]
    assert [r["id"] for r in rules] == sorted({f.rule for f in findings})  # the rules its results refer to
    assert all(r["shortDescription"]["text"] and r["fullDescription"]["text"] for r in rules)
    for result, f in zip(run["results"], findings):
        assert rules[result["ruleIndex"]]["id"] == f.rule
        assert result["partialFingerprints"]["budgetlint/v1"] == f.fingerprint
        assert result["level"] == {"error": "error", "warning": "warning", "info": "note"}[f.severity]
        assert len(result["locations"]) == max(len(f.locations), 1)
        for loc, place in zip(result["locations"], f.locations):
            region = loc["physicalLocation"].get("region", {})
            if place.page_basis == "pdf":
                assert region["properties"]["page"] == place.page
                if place.bbox:
                    assert region["properties"]["bbox"] == list(place.bbox) and region["properties"]["pageSize"]
            elif place.line:
                assert region["startLine"] == place.line
        assert ("suppressions" in result) == (f.fingerprint == first.fingerprint)
    suppressed = [r for r in run["results"] if "suppressions" in r]
    assert suppressed[0]["suppressions"] == [
        {"kind": "external", "status": "accepted", "justification": "主管部门同意"}
    ]


def test_sarif_names_the_cause_of_a_consequence(audited):
    run = json.loads(sarif.render(audited("pdf/sfj_2026_unit_budget.pdf")))["runs"][0]
    [follower] = [r for r in run["results"] if r["ruleId"] == "TB010"]
    assert follower["properties"]["consequenceOf"]
    assert "64,840,547.00" in follower["relatedLocations"][0]["message"]["text"]


@pytest.mark.parametrize("name", INPUTS)
def test_junit_has_one_test_case_per_check_outcome(audited, name):
    results, first = _with_one_waived(audited(name))
    root = ET.fromstring(junit.render(results))
    [suite] = root.findall("testsuite")
    run = results.documents[0].run
    cases = suite.findall("testcase")
    assert len(cases) == len(run.evaluations) == int(suite.get("tests"))
    summary = run.summary
    failing = [c for c in cases if c.find("failure") is not None]
    skipped = [c for c in cases if c.find("skipped") is not None]
    waived_checks = len(first.sources)
    assert len(failing) == summary["fail"] - waived_checks == int(suite.get("failures"))
    assert len(skipped) == summary["not_applicable"] + summary["insufficient_data"] + waived_checks
    assert len([c for c in cases if c.find("error") is not None]) == summary["error"] == int(suite.get("errors"))
    assert sum(1 for c in skipped if c.find("skipped").get("message").startswith("已豁免")) == waived_checks
    messages = {c.find("failure").get("message") for c in failing}
    assert messages == {f.message for f in run.findings if f.waiver is None}


def test_an_unreadable_file_is_an_error_in_junit_and_an_unsuccessful_run_in_sarif(tmp_path):
    from budgetlint import api

    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    (tmp_path / "说明.docx").write_bytes(b"PK")
    results = api.audit([tmp_path])
    root = ET.fromstring(junit.render(results))
    assert root.find("testsuite").get("errors") == "1" and root.find("testsuite/testcase/error") is not None
    data = json.loads(sarif.render(results))
    jsonschema.validate(data, SCHEMA)
    unread, notes = data["runs"]
    assert unread["invocations"][0]["executionSuccessful"] is False
    assert "说明.docx" in notes["invocations"][0]["toolExecutionNotifications"][0]["message"]["text"]
