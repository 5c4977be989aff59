"""The agreement report's page in a real browser: headless Chromium renders it at 1280 px
with every request sent to a proxy that does not exist, and the screenshot must show the
page and its figures. Skipped, saying why, where no Chromium is installed."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from stancecoder.io.agreement_page import write_report_page
from stancecoder.services.agreement.figures import report_figures

BROWSERS = ("chromium", "chromium-browser", "google-chrome")
BROWSER = next((found for name in BROWSERS if (found := shutil.which(name))), None)
NOWHERE = "127.0.0.1:9"  # the discard port: nothing answers, so any request would fail


def outside_references(page: str) -> list[str]:
    """Whatever a browser would fetch: a src, href or CSS url() leaving the page."""
    found = re.findall(r'(?:src|href)\s*=\s*"([^"#][^"]*)"', page)
    found += re.findall(r"url\(\s*['\"]?([^#'\")][^'\")]*)", page)
    found += re.findall(r"@import", page)
    return found


@pytest.fixture(scope="module")
def page_file(hand_report, tmp_path_factory: pytest.TempPathFactory) -> Path:
    report = hand_report.report
    path = tmp_path_factory.mktemp("page") / "report.html"
    write_report_page(path, report, report_figures(report))
    return path


def test_the_page_fetches_nothing(page_file: Path) -> None:
    page = page_file.read_text(encoding="utf-8")
    assert page.count("<figure>") == 4 and page.count('<div role="img" aria-label="') == 4
    assert outside_references(page) == []


@pytest.mark.skipif(BROWSER is None, reason="no Chromium here (apt-get install chromium)")
def test_chromium_shows_the_page_and_its_figures(page_file: Path, tmp_path: Path) -> None:
    shot = tmp_path / "page.png"
    assert BROWSER is not None
    subprocess.run(
        [BROWSER, "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
         f"--proxy-server={NOWHERE}", "--host-resolver-rules=MAP * ~NOTFOUND",
         "--window-size=1280,2400", f"--screenshot={shot}", page_file.as_uri()],
        capture_output=True, timeout=60, check=True, cwd=tmp_path,
    )  # fmt: skip
    pixels = np.asarray(Image.open(shot).convert("RGB")).astype(int)
    assert pixels.shape[:2] == (2400, 1280)
    inked = (pixels.min(axis=2) < 200).mean()
    assert inked > 0.02, f"only {inked:.1%} of the screenshot is not white"
    red, green, blue = pixels[..., 0], pixels[..., 1], pixels[..., 2]
    tinted = (blue - red > 40) & (blue - green > 10)  # the text is grey; the figures are blue
    rows = np.flatnonzero(tinted.any(axis=1))
    assert tinted.sum() > 5000, "the figures drew nothing"
    assert rows.max() - rows.min() > 600  # the forest plot and the heatmaps below it
