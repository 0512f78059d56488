"""Dates: metadata dates normalized to YYYY-MM-DD, and publication dates written in Russian text
(datelines and labelled dates), taken only when unambiguous.

A metadata date (a record's `date`, a page's markup, a feed item) is parsed by :func:`parse_date`.
Dates in the body of a news text are mostly event dates (measured on Nezavisimaya Gazeta: of the
texts with exactly one full date in the body, 1 in 190 carried the publication date), so only a
date that starts one of the first three lines (a dateline: «НОВОСИБИРСК, 12 марта 2019 г. — …»,
«12.03.2019 10:15», «12 марта 2019 года» on a line of its own) or one labelled as the publication date anywhere
(«Опубликовано: 12.03.2019», «Дата публикации 12 марта 2019 года») counts. Two different dates
there are ambiguous: no date.
"""
from __future__ import annotations

import re
from datetime import date, datetime, timezone

from .model import InputError

MONTHS = {
    "январ": 1, "янв": 1, "феврал": 2, "фев": 2, "март": 3, "мар": 3, "апрел": 4, "апр": 4,
    "ма": 5, "июн": 6, "июл": 7, "август": 8, "авг": 8, "сентябр": 9, "сен": 9, "сент": 9,
    "октябр": 10, "окт": 10, "ноябр": 11, "ноя": 11, "декабр": 12, "дек": 12,
}  # stems and abbreviations of the month names («марта», «мар.», «мая», «май»)
_MONTH = r"(январ[яь]|янв|феврал[яь]|фев|марта?|мар|апрел[яь]|апр|ма[яй]|июн[яь]|июн|июл[яь]|июл|августа?|авг|сентябр[яь]|сент?|октябр[яь]|окт|ноябр[яь]|ноя|декабр[яь]|дек)\.?"
_WORDS = re.compile(rf"(?<!\d)(\d{{1,2}})\s+{_MONTH}\s+(\d{{4}})(?!\d)", re.IGNORECASE)
_NUMERIC = re.compile(r"(?<![\d.])(\d{1,2})\.(\d{1,2})\.(\d{4})(?![\d.]\d)")
_ISO = re.compile(r"(?<![\d-])(\d{4})-(\d{2})-(\d{2})(?![\d-])")
_LABEL = re.compile(r"(опубликован[оа]?|дата\s+(?:публикации|размещения)|размещен[оа]?)\s*:?\s*", re.IGNORECASE)
_PLACE = re.compile(r"\s*[А-ЯЁA-Z][А-ЯЁA-Z.\- ]{1,40}(?:\([^)]{1,40}\))?,\s*")  # «НОВОСИБИРСК, », «НУР-СУЛТАН (Казинформ), »
# After the date: «г.»/«года», a time, then the end of the line or a dash/bar/dot before the story.
_DATELINE_END = re.compile(r"\s*(?:г\.|года?\b)?\s*,?\s*(?:(?:в\s+)?\d{1,2}:\d{2}(?::\d{2})?)?\s*(?:$|[—–|/•·]|-\s|\.\s)", re.IGNORECASE)
HEAD_LINES = 3
FIRST_YEAR = 1990
_DMY = re.compile(r"^(\d{1,2})\.(\d{1,2})\.(\d{4})$")


def parse_date(value: object) -> str:
    """Normalize a date (ISO date/datetime, DD.MM.YYYY, epoch seconds) to YYYY-MM-DD."""
    if value is None or value == "":
        return ""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return _from_epoch(value)
    if not isinstance(value, str):
        raise InputError(f"date must be a string, got {type(value).__name__}")
    s = value.strip()
    m = _DMY.match(s)
    try:
        if m:
            return date(int(m.group(3)), int(m.group(2)), int(m.group(1))).isoformat()
        return datetime.fromisoformat(s.replace("Z", "+00:00")).date().isoformat()
    except ValueError:
        raise InputError(f"unrecognized date {value!r} (use YYYY-MM-DD)") from None


def _from_epoch(value: float) -> str:
    try:
        return datetime.fromtimestamp(value, tz=timezone.utc).date().isoformat()
    except (OverflowError, OSError, ValueError):
        raise InputError(f"date out of range: {value!r}") from None


def date_or_note(value: object, notes: list[str]) -> str:
    """:func:`parse_date` of a metadata date; a bad one gives "" and a note (the document is kept)."""
    try:
        return parse_date(value)
    except InputError as e:
        notes.append(f"{e}; indexed without a date")
        return ""


def _month(word: str) -> int:
    word = word.lower().rstrip(".")
    for n in range(len(word), 1, -1):
        if word[:n] in MONTHS:
            return MONTHS[word[:n]]
    return 0


def _valid(year: int, month: int, day: int) -> str:
    if not FIRST_YEAR <= year <= date.today().year + 1:
        return ""
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return ""


def _spans(text: str) -> list[tuple[int, int, str]]:
    """(start, end, ISO date) of every valid full date in a text, in reading order."""
    found = [(m.start(), m.end(), _valid(int(m[3]), _month(m[2]), int(m[1]))) for m in _WORDS.finditer(text)]
    found += [(m.start(), m.end(), _valid(int(m[3]), int(m[2]), int(m[1]))) for m in _NUMERIC.finditer(text)]
    found += [(m.start(), m.end(), _valid(int(m[1]), int(m[2]), int(m[3]))) for m in _ISO.finditer(text)]
    return sorted(f for f in found if f[2])


def dates_in(text: str) -> list[tuple[int, str]]:
    """(offset, ISO date) of every full date in a text: «12 марта 2019», «12.03.2019», «2019-03-12»."""
    return [(start, iso) for start, _, iso in _spans(text)]


def _dateline(line: str) -> str:
    """The date a dateline starts with, after an optional upper-case place and comma; "" otherwise."""
    m = _PLACE.match(line)
    rest = line[m.end() if m else 0 :].lstrip()
    found = _spans(rest[:40])
    if not found or found[0][0] != 0:
        return ""
    _, end, iso = found[0]
    return iso if _DATELINE_END.match(rest[end:]) else ""


def _labelled(text: str) -> set[str]:
    found = set()
    for m in _LABEL.finditer(text):
        after = dates_in(text[m.end() : m.end() + 40])
        if after and after[0][0] == 0:
            found.add(after[0][1])
    return found


def date_near(text: str, anchors: list[str], before: int = 2, after: int = 2) -> str:
    """The dateline date within a few lines around the lines holding the `anchors` (a page's headline,
    the first line of its article: bylines sit between them); "" when none or several dates are there."""
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    found = set()
    for anchor in filter(None, anchors):
        at = next((i for i, line in enumerate(lines) if anchor in line), None)
        if at is not None:
            found |= {d for d in map(_dateline, lines[max(0, at - before) : at + after + 1]) if d}
    return found.pop() if len(found) == 1 else ""


def date_from_text(text: str) -> str:
    """The publication date of a text from its dateline or a publication label; "" when none or ambiguous."""
    lines = [line for line in text.splitlines() if line.strip()][:HEAD_LINES]
    candidates = {d for d in map(_dateline, lines) if d} | _labelled(text)
    return candidates.pop() if len(candidates) == 1 else ""
