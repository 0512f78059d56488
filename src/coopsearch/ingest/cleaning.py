"""Article text without what is not the article: embedded posts, player code, captions, footers.

News bodies exported from web pages keep the text of everything on the page: embedded tweets
and Instagram posts (their text, author line and date), video-player JavaScript, photo captions
and credits («Reuters», «© Jorge Silva»), «Также по теме» teasers and subscription footers, and
sentences cut into lines where they held a link. `clean_text` removes the former and joins the
latter, line by line, so that the indexed body, snippets and entity input are the article alone.
Each rule is a real shape of the RT and NG bodies (tests/test_cleaning.py); a rule never removes
a line that reads as article prose.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

# Author line of an embedded tweet: «— Имя (@handle)», the date follows on the next line.
_TWEET_AUTHOR = re.compile(r"^\s*[—–-]\s*[^\n]{0,80}\(@\w{1,30}\)\s*$")
# Author line of an embedded Instagram post: «Публикация от Имя (@handle)», «Фото опубликовано …».
_POST_AUTHOR = re.compile(r"^\s*(Публикация от|Фото опубликовано|Видео опубликовано|A post shared by)\s[^\n]{0,80}\(@[\w.]{1,30}\)\s*$")
_MONTHS = (
    r"(января|февраля|марта|апреля|мая|июня|июля|августа|сентября|октября|ноября|декабря|"
    r"January|February|March|April|May|June|July|August|September|October|November|December|"
    r"Янв|Фев|Мар|Апр|Май|Мая|Июн|Июл|Авг|Сен|Окт|Ноя|Дек|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Oct|Nov|Dec)\.?"
)
# The date line under an embedded post: «30 апреля 2017 г.», «January 20, 2017», «Сен 22 2017 в 4:21 PDT».
_POST_DATE = re.compile(rf"^\s*(\d{{1,2}}\s+{_MONTHS}\s+\d{{4}}\s*(г\.?)?|{_MONTHS}\s+\d{{1,2}},?\s+\d{{4}}(\s+(в|at)\s+\d{{1,2}}:\d{{2}}\s*\w*)?)\s*$")
# Pieces of a post's text that a page splits into lines of their own: links, hashtags, handles.
_POST_PIECE = re.compile(r"^\s*(pic\.twitter\.com/\S+|https?://t\.co/\S+|https?://\S+|#\w+|@\w+)\s*$")
# Player and widget code (RT's jwplayer blocks, analytics calls).
_CODE = re.compile(
    r"^\s*(jwplayer\b|if\s*\(\s*window\.|return\s*\{|//\s*\w+:|\}\s*[,;)]|for\s*\(\s*var\b|var\s+\w+\s*=|function\s*\(|"
    r"window\.|document\.|googletag\.|ga\(\s*'|\(function\b|\$\(|<(script|iframe|div)\b)"
)
_RELATED = re.compile(r"^\s*(Также по теме|Читайте также|Ранее по теме)\s*:?\s*$", re.IGNORECASE)
_FOOTER = re.compile(r"^\s*(Подписывайтесь|Подпишитесь) на (наш|нас)\b")
_MAX_POST_CHARS = 300  # a tweet holds 280 characters: a longer line is the article's
_SENTENCE_END = ".!?…:;»\"”)"
_CYRILLIC = re.compile(r"[а-яё]", re.IGNORECASE)
_LATIN = re.compile(r"[a-z]", re.IGNORECASE)


@dataclass
class Cleaned:
    """The article text and the number of characters each rule removed."""

    text: str
    removed: Counter[str] = field(default_factory=Counter)


def _blank(line: str) -> bool:
    return not line.strip()


def _wrapped(line: str) -> bool:
    """A line with a space on both sides: how RT exports captions, credits and teasers."""
    return len(line) > 2 and line[0] == " " and line[-1] == " " and bool(line.strip())


def _continues(line: str) -> bool:
    """The line continues the sentence of the line before it (it held a link on the page)."""
    s = line.lstrip()
    return bool(s) and (s[0].islower() or s[0] in ",.;:)»!?") and not _POST_PIECE.match(line)


def _split_before(previous: str, line: str) -> bool:
    """A sentence was cut between two lines: a space at the cut and no sentence end before it."""
    return (line[:1] == " " or previous[-1:].isspace()) and not _ends_sentence(previous)


def _ends_sentence(line: str) -> bool:
    return line.rstrip()[-1:] in _SENTENCE_END


def _mostly_latin(line: str) -> bool:
    return len(_LATIN.findall(line)) > 2 * len(_CYRILLIC.findall(line))


def _post_start(lines: list[str], author: int) -> int:
    """First line of the embedded post whose author line is `author`: its pieces and text lines."""
    i, text_lines = author, 0
    while i > 0:
        line = lines[i - 1]
        if _blank(line) or _CODE.match(line) or len(line) > _MAX_POST_CHARS:
            break
        if _POST_PIECE.match(line) or not any(c.isalpha() for c in line):  # a link, tag, handle or emoji
            i -= 1
            continue
        # The post's last text line is always part of it; earlier ones only while the text runs on
        # (no sentence end before a piece or a continuation) or is in another script than the article.
        following = lines[i] if i < author else ""
        if text_lines and not (_mostly_latin(line) or (not _ends_sentence(line) and (_continues(following) or _POST_PIECE.match(following)))):
            break
        i -= 1
        text_lines += 1
    return i


def _drop(lines: list[str], keep: list[bool], start: int, stop: int, rule: str, removed: Counter[str]) -> None:
    for j in range(start, stop):
        if keep[j]:
            keep[j] = False
            removed[rule] += len(lines[j]) + 1


def clean_text(text: str) -> Cleaned:
    """The article's own text: embedded posts, code, captions, credits, teasers and footers removed,
    lines that a link split out of a sentence joined again."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    keep = [True] * len(lines)
    removed: Counter[str] = Counter()
    n = len(lines)
    for i, line in enumerate(lines):
        if not keep[i]:
            continue
        if _TWEET_AUTHOR.match(line) or _POST_AUTHOR.match(line):
            end = i + 1 + (i + 1 < n and bool(_POST_DATE.match(lines[i + 1])))
            _drop(lines, keep, _post_start(lines, i), end, "embedded posts", removed)
        elif _CODE.match(line):
            _drop(lines, keep, i, i + 1, "player code", removed)
        elif _RELATED.match(line):
            _drop(lines, keep, i, i + 1, "related links", removed)
        elif _FOOTER.match(line):
            end = i + 1
            while end < n and not _blank(lines[end]) and not _ends_sentence(lines[end - 1]):
                end += 1
            _drop(lines, keep, i, end, "footers", removed)
        elif _wrapped(line) and not _continues(line):
            rule = "photo credits" if "©" in line or len(line.split()) <= 3 else "captions"
            _drop(lines, keep, i, i + 1, rule, removed)
        elif "©" in line and len(line) <= 100 and not _ends_sentence(line):
            _drop(lines, keep, i, i + 1, "photo credits", removed)
    out: list[str] = []
    for line, kept in zip(lines, keep):
        if not kept:
            continue
        if out and out[-1].strip() and line.strip() and (_continues(line) or _split_before(out[-1], line)):
            out[-1] += line
        else:
            out.append(line)
    cleaned = re.sub(r"\n{3,}", "\n\n", "\n".join(out)).strip("\n")
    return Cleaned(cleaned, removed)
