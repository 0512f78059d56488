"""Regenerate corpus/ (the demo corpus) from ../shared/data: the seed article and factRuEval-2016 dev texts.

Run from the repository root: python scripts/build_demo_corpus.py [SHARED_DATA_DIR]
Only used by maintainers; coopsearch never reads ../shared at run time.
"""
from __future__ import annotations

import json
import re
import sys
from pathlib import Path

import razdel

TITLE_CHARS = 140
MONTHS = "января февраля марта апреля мая июня июля августа сентября октября ноября декабря".split()
FULL_DATE = re.compile(r"\b(\d{1,2})\s+(%s)\s+((?:19|20)\d\d)\b" % "|".join(MONTHS))


def date_of(text: str) -> str:
    """The first full date written in the text («21 мая 2011 года» → 2011-05-21), else empty."""
    m = FULL_DATE.search(text)
    if not m:
        return ""
    return f"{m.group(3)}-{MONTHS.index(m.group(2)) + 1:02d}-{int(m.group(1)):02d}"


def title_of(text: str) -> str:
    """The first line when it is a short heading, else the first sentence, shortened at a word boundary."""
    first_line = text.strip().split("\n", 1)[0].strip()
    if len(first_line) <= TITLE_CHARS and not first_line.endswith("."):
        return first_line
    first = next(iter(razdel.sentenize(first_line))).text
    if len(first) <= TITLE_CHARS:
        return first.rstrip(".")
    cut = first[:TITLE_CHARS].rsplit(" ", 1)[0]
    return cut.rstrip(",;:—- ") + "…"


def main() -> None:
    shared = Path(sys.argv[1] if len(sys.argv) > 1 else "../shared/data")
    out = Path("corpus")
    (out / "seed").mkdir(parents=True, exist_ok=True)
    seed = (shared / "seed" / "kazakh-business-mission-novosibirsk.txt").read_text(encoding="utf-8").strip()
    (out / "seed" / "kazakh-business-mission-novosibirsk.txt").write_text(
        title_of(seed) + "\n\n" + seed + "\n", encoding="utf-8"
    )
    with (out / "factrueval-devset.jsonl").open("w", encoding="utf-8") as f:
        for path in sorted((shared / "factrueval" / "devset").glob("*.txt"), key=lambda p: int(p.stem.split("_")[1])):
            text = path.read_text(encoding="utf-8").strip()
            record = {
                "id": f"factrueval/{path.stem}",
                "title": title_of(text),
                "text": text,
                "source": "factRuEval-2016",
            }
            if date_of(text):
                record["date"] = date_of(text)
            f.write(json.dumps(record, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
