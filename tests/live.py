"""`coopsearch serve` as a subprocess, and a headless Debian Chromium driven by selenium.

Shared by the server and browser tests and scripts/screenshots.py. Nothing is downloaded: the browser
and its driver come from Debian's chromium and chromium-driver packages (installed by
scripts/ensure-browser.sh from `make test`).
"""
from __future__ import annotations

import contextlib
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMEDRIVER = shutil.which("chromedriver") or "/usr/bin/chromedriver"


def missing() -> str | None:
    """Why a browser cannot run here, or None."""
    try:
        import selenium  # noqa: F401
    except ImportError:
        return "selenium is not installed (pip install -e '.[dev]')"
    for path in (CHROMIUM, CHROMEDRIVER):
        if not Path(path).exists():
            return f"{path} not found: install Debian's chromium and chromium-driver (scripts/ensure-browser.sh)"
    return None


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def server(index_dir: Path, processes: int = 1) -> Iterator[tuple[str, subprocess.Popen]]:
    """`coopsearch serve` on a free loopback port; yields its base URL and the process."""
    port = free_port()
    errors = tempfile.TemporaryFile()  # not a pipe: a full pipe nobody reads would block the server
    proc = subprocess.Popen(
        [sys.executable, "-m", "coopsearch", "serve", "--index", str(index_dir), "--port", str(port), "--processes", str(processes)],
        stdout=subprocess.DEVNULL,
        stderr=errors,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                urllib.request.urlopen(base + "/api/search?q=", timeout=2).close()
                break
            except (urllib.error.URLError, ConnectionError):
                if proc.poll() is not None or time.monotonic() > deadline:
                    errors.seek(0)
                    raise RuntimeError(f"server did not start: {errors.read().decode()}") from None
                time.sleep(0.2)
        yield base, proc
    finally:
        proc.terminate()
        proc.wait(10)
        errors.close()


@contextlib.contextmanager
def chrome(width: int = 1440, height: int = 1000, downloads: Path | None = None) -> Iterator[object]:
    """A headless Chromium window of the given size."""
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    profile = tempfile.mkdtemp(prefix="coopsearch-chrome-")
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in (
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-extensions",
        f"--user-data-dir={profile}",
        f"--window-size={width},{height}",
        "--lang=ru",
    ):
        options.add_argument(flag)
    if downloads is not None:
        options.add_experimental_option(
            "prefs", {"download.default_directory": str(downloads), "download.prompt_for_download": False}
        )
    driver = webdriver.Chrome(service=Service(executable_path=CHROMEDRIVER), options=options)
    try:
        driver.set_page_load_timeout(30)
        if width < 600:  # desktop windows have a minimum width: emulate a phone screen instead
            driver.execute_cdp_cmd(
                "Emulation.setDeviceMetricsOverride",
                {"width": width, "height": height, "deviceScaleFactor": 2, "mobile": True},
            )
        yield driver
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)
