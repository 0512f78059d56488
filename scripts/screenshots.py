"""Screenshots of the web UI for the README (docs/img/), taken in headless Debian Chromium.

Run from the repository root after `make index`: .venv/bin/python scripts/screenshots.py [INDEX_DIR]
"""
from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests import live  # noqa: E402

PAGES = {
    "search-desktop.png": ("/?region=%D0%9D%D0%BE%D0%B2%D0%BE%D1%81%D0%B8%D0%B1%D0%B8%D1%80%D1%81%D0%BA%D0%B0%D1%8F+%D0%BE%D0%B1%D0%BB%D0%B0%D1%81%D1%82%D1%8C&country=%D0%9A%D0%B0%D0%B7%D0%B0%D1%85%D1%81%D1%82%D0%B0%D0%BD", 1440, 1000),
    "timeline-desktop.png": ("/?q=", 1440, 1000),
    "search-mobile.png": ("/?q=%D0%BD%D0%BE%D0%B2%D0%BE%D1%81%D0%B8%D0%B1%D0%B8%D1%80%D1%81%D0%BA%D0%BE%D0%B9+%D0%BE%D0%B1%D0%BB%D0%B0%D1%81%D1%82%D0%B8", 375, 800),
    "document-desktop.png": ("/doc/seed%2Fkazakh-business-mission-novosibirsk.txt", 1440, 1000),
}


def main() -> None:
    index_dir = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "index"
    out = ROOT / "docs" / "img"
    out.mkdir(parents=True, exist_ok=True)
    with live.server(index_dir) as (base, _):
        for name, (path, width, height) in PAGES.items():
            with live.chrome(width=width, height=height) as driver:
                driver.get(base + path)
                driver.save_screenshot(str(out / name))
                print(out / name)


if __name__ == "__main__":
    main()
