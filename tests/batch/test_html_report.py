"""The HTML report in a real headless Chromium (Debian's chromium + chromedriver, started here):
the summary table renders, sorting works, and a unit's link opens its findings."""

from __future__ import annotations

import shutil
import subprocess
import sys

import pytest
from batch_helpers import REPO, SEED_000

CHROMIUM, CHROMEDRIVER = shutil.which("chromium"), shutil.which("chromedriver")
pytestmark = pytest.mark.skipif(
    not (CHROMIUM and CHROMEDRIVER), reason="chromium/chromedriver missing: make test installs them (apt-get)"
)
# the flags this machine's Chromium needs (no sandbox as root, no network at all)
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--window-size=1400,1000",
]


@pytest.fixture(scope="module")
def page(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("html")
    seed_004 = REPO / "fixtures" / "seeds" / "004_b39ab111367c9db1.txt"
    db, html = tmp / "r.sqlite", tmp / "report.html"
    bm = [sys.executable, "-m", "budgetlint"]
    subprocess.run(
        [
            *bm,
            "scan",
            str(SEED_000),
            str(seed_004),
            str(REPO / "fixtures" / "bad" / "empty.txt"),
            "--db",
            str(db),
            "-j",
            "2",
        ],
        capture_output=True,
        check=False,
    )
    done = subprocess.run(
        [*bm, "report", "--db", str(db), "--format", "html", "-o", str(html)], capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    return html


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in FLAGS:
        options.add_argument(flag)
    options.add_argument(f"--user-data-dir={tmp_path_factory.mktemp('profile')}")
    driver = webdriver.Chrome(service=Service(executable_path=CHROMEDRIVER), options=options)
    yield driver
    driver.quit()


def _painted_fraction(png: bytes) -> float:
    """Share of pixels that are not near-white: a blank page is ~0."""
    import io

    from PIL import Image  # installed with pdfplumber

    image = Image.open(io.BytesIO(png)).convert("L")
    histogram = image.histogram()
    return sum(histogram[:200]) / (image.width * image.height)


def test_summary_table_renders_sorts_and_a_link_opens_the_unit(page, browser, tmp_path):
    from selenium.webdriver.common.by import By

    browser.get(page.as_uri())
    rows = browser.find_elements(By.CSS_SELECTOR, "#summary-table tbody tr")
    assert [r.find_element(By.TAG_NAME, "td").text for r in rows] == ["（未检查）", "忻州市民政局", "忻州职业技术学院"]
    table = browser.find_element(By.ID, "summary-table")
    assert table.is_displayed() and table.size["height"] > 60 and table.location["y"] < 300  # at the top
    shot = browser.get_screenshot_as_png()
    (tmp_path / "summary.png").write_bytes(shot)
    assert _painted_fraction(shot) > 0.01  # text and borders were drawn

    browser.find_element(By.XPATH, "//table[@id='summary-table']//th[text()='错误']").click()
    errors = [
        r.find_elements(By.TAG_NAME, "td")[3].text
        for r in browser.find_elements(By.CSS_SELECTOR, "#summary-table tbody tr")
    ]
    assert errors == sorted(errors, key=lambda v: int(v or 0))

    browser.find_element(By.LINK_TEXT, "忻州职业技术学院").click()
    assert browser.current_url.endswith(
        "#" + browser.find_element(By.XPATH, "//section[h2[starts-with(., '忻州职业技术学院')]]").get_attribute("id")
    )
    section = browser.find_element(By.XPATH, "//section[h2[starts-with(., '忻州职业技术学院')]]")
    top = browser.execute_script("return arguments[0].getBoundingClientRect().top;", section)
    assert -5 <= top < 200  # scrolled to the unit
    assert "NA002" in section.text and "84.3" in section.text
    assert "http" not in page.read_text(encoding="utf-8").replace("http-equiv", "")  # nothing from the network
