"""A real browser opens the review page: headless Chromium renders it to a PNG screenshot.

Skipped, saying why, where Chromium is not installed (``.ci/run`` installs Debian's ``chromium`` and
``fonts-noto-cjk``). The page must load from a file with every network feature off; the screenshot
must have the requested size and real content (a blank page compresses to a few kilobytes).
"""

from __future__ import annotations

import shutil
import struct
import subprocess

import pytest
from _html_sample import write_defective

from checker.api import check
from checker.formatters import html

CHROMIUM = shutil.which("chromium")
WIDTH, HEIGHT = 1280, 2000


def _png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and data[12:16] == b"IHDR", "not a PNG file"
    return struct.unpack(">II", data[16:24])


@pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed (apt-get install chromium fonts-noto-cjk)")
def test_chromium_renders_the_review_page(tmp_path):
    result = check(write_defective(tmp_path), lang="zh", include_document=True)
    assert any(f.rule == "ID-T3-BALANCE" for f in result.findings)
    page = tmp_path / "review.html"
    page.write_text(html.render([result], {}, lang="zh"), encoding="utf-8")
    shot = tmp_path / "review.png"
    command = [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
               "--disable-background-networking", "--disable-component-update", "--disable-sync",
               f"--user-data-dir={tmp_path / 'profile'}", f"--screenshot={shot}",
               f"--window-size={WIDTH},{HEIGHT}", page.as_uri()]
    try:
        run = subprocess.run(command, capture_output=True, text=True, timeout=120, check=False)
    except subprocess.TimeoutExpired:
        pytest.fail("chromium did not finish the screenshot within 120 s")
    assert shot.exists(), f"no screenshot; chromium said: {run.stderr[-2000:]}"
    data = shot.read_bytes()
    assert _png_size(data) == (WIDTH, HEIGHT)
    assert len(data) > 50_000, "the screenshot looks blank"
