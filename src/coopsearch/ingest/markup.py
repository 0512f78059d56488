"""Markup → text: HTML pages and fragments to paragraphs, and markup files decoded with the
charset they declare (saved pages, feeds)."""
from __future__ import annotations

import re
from pathlib import Path

import lxml.etree
import lxml.html

from .decoding import decode_bytes, read_whole
from .model import InputError

_BLOCKS = ("p", "div", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "table", "blockquote", "section", "article", "pre", "figure", "figcaption")
_DROPPED = ("script", "style", "noscript", "iframe", "template")
_BLANK_LINES = re.compile(r"\n\s*\n\s*")


def decoded_markup(path: Path, declaration: re.Pattern[bytes], head: int) -> tuple[str, list[str]]:
    """A markup file's text, decoded with the charset its first `head` bytes declare (else detected),
    and the decoding note, if any."""
    data = read_whole(path)
    if not data.strip():
        raise InputError("empty file")
    declared = declaration.search(data[:head])
    text, note = decode_bytes(data, declared.group(1).decode("ascii") if declared else "")
    return text, [note] if note else []


def tidy(text: str) -> str:
    """Lines stripped; paragraphs separated by one blank line."""
    lines = [" ".join(line.split()) for line in text.replace("\r\n", "\n").split("\n")]
    return _BLANK_LINES.sub("\n\n", "\n".join(lines)).strip()


def html_to_text(html: str) -> str:
    """All visible text of an HTML page or fragment, one paragraph per block element."""
    if not html or not html.strip():
        return ""
    if "<" not in html:
        return tidy(html)
    try:
        root = lxml.html.fragment_fromstring(html, create_parent="div")
    except (lxml.etree.LxmlError, ValueError, AssertionError):  # lxml asserts on a page with two <body>s
        return ""
    for el in list(root.iter(*_DROPPED)):
        el.drop_tree()
    for el in root.iter(*_BLOCKS):
        el.tail = "\n\n" + (el.tail or "")
    for el in root.iter("br"):
        el.tail = "\n" + (el.tail or "")
    for el in root.iter("td", "th"):
        el.tail = " " + (el.tail or "")
    return tidy(root.text_content())
