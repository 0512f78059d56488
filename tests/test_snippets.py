"""Snippets and highlighting: every inflected form is marked, whatever else the text holds."""
from __future__ import annotations

import pytest

from coopsearch.analysis import lemma
from coopsearch.snippets import highlight, make_snippet


def marked(text: str, words: list[str]) -> list[str]:
    return [t for t, m in highlight(text, {lemma(w) for w in words}, set()).parts if m]


@pytest.mark.parametrize(
    ("text", "words", "expected"),
    [
        ("Павлодарская область и павлодарские заводы.", ["павлодарский"], ["Павлодарская", "павлодарские"]),
        ("ЗАВОД в Павлодаре, завода нет.", ["завод"], ["ЗАВОД", "завода"]),
        ("Ёлочные игрушки и елочный базар.", ["ёлочный"], ["Ёлочные", "елочный"]),
        # a letter whose lower case is longer («İ» → «i̇») must not switch capitalised words off
        ("İstanbul: Павлодарский завод отправил Заводу партию.", ["завод"], ["завод", "Заводу"]),
        ("Компания İnci открыла Завод в Павлодаре.", ["завод", "павлодар"], ["Завод", "Павлодаре"]),
    ],
)
def test_highlight_marks_every_form(text, words, expected):
    assert marked(text, words) == expected


def test_snippet_window_holds_the_matches():
    text = "Вступление. " * 40 + "Завод в Павлодаре отправил партию алюминия." + " Окончание." * 40
    snippet = make_snippet(text, {"завод", "павлодар", "алюминий"}, set())
    assert [t for t, m in snippet.parts if m] == ["Завод", "Павлодаре", "алюминия"]
    assert snippet.cut_start and snippet.cut_end and len(snippet.text()) <= 245
