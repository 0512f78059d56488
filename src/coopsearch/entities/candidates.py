"""Organisation name candidates found by rules: quoted names, names after legal forms, Latin runs and
Orgn-tagged words, each with the hint that the words before it give (a business, another body, a thing)."""
from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from dataclasses import dataclass

from ..analysis import normalize, parses
from .names import LEGAL_FORMS, clean_name, nominative
from .text import Tok, back, has_break, is_common_word, sentence_start

# Lemmas that, just before a name, say the name is a business; as the head of a name, too.
COMPANY_TRIGGERS = frozenset(
    """компания фирма предприятие завод комбинат фабрика концерн холдинг агрохолдинг корпорация
    группа банк производитель дистрибьютор поставщик оператор ритейлер перевозчик авиакомпания
    застройщик девелопер разработчик стартап экспортер импортер трейдер маркетплейс автопроизводитель
    автозавод агрофирма птицефабрика мясокомбинат молокозавод бренд представительство
    дочка подрядчик""".split()
)
# Lemmas that, before a name or as its head, say it is an organisation but not a business.
BODY_TRIGGERS = frozenset(
    """движение партия фонд союз клуб команда сборная газета журнал телеканал радиостанция агентство
    издание канал университет институт академия школа музей театр центр министерство ведомство служба
    комитет палата правительство администрация мэрия дума парламент суд прокуратура совет департамент
    управление ассоциация организация миссия делегация посольство консульство полиция армия федерация
    церковь конгресс сенат кабинет аким акимат губернатор мэр глава президент премьер министр""".split()
)
# Lemmas that, before a quoted name, say it names a thing, not an organisation («корабль «Союз»»).
THING_TRIGGERS = frozenset(
    """акция фестиваль форум программа проект фильм сериал песня альбом книга роман статья игра
    операция премия конкурс выставка ярмарка конференция саммит лозунг слово орден медаль закон указ
    постановление соглашение договор меморандум стратегия марш митинг кампания корабль спутник
    станция ракета самолет шаттл модуль судно ледокол поезд телескоп аэропорт вокзал стадион космодром
    бизнес-центр технопарк""".split()
)
_QUOTES = {"«": "»", "„": "“", "“": "”", '"': '"'}
MAX_NAME_CHARS = 60
_MAX_NAME_WORDS = 6
LATIN_WORD = re.compile(r"^[A-Za-z][A-Za-z0-9&'.+-]*$")
ROMAN = re.compile(r"^[IVXLCDM]+$")


@dataclass(frozen=True)
class Candidate:
    """A possible organisation name: character span, name, the hint of the words before it and its evidence."""

    start: int
    end: int
    name: str
    hint: str | None  # "company", "body", "thing" or None (decide by the name)
    strong: bool  # a legal form, a trigger word or an earlier mention backs it


class _Taken:
    """Characters of the text that a candidate already covers."""

    def __init__(self, size: int) -> None:
        self.marks = bytearray(size)

    def mark(self, start: int, end: int) -> None:
        """Cover characters [start, end)."""
        self.marks[start:end] = b"\x01" * (end - start)

    def free(self, start: int, end: int) -> bool:
        """No character of [start, end) is covered."""
        return self.marks.find(1, start, end) < 0


def quoted_spans(text: str) -> Iterator[tuple[int, int]]:
    """(start, end) of the inside of top-level quoted names, nesting allowed («Молодежное «Яблоко»»)."""
    i = 0
    for match in re.finditer("[«„“\"]", text):
        if match.start() < i:
            continue
        i = match.start()
        opener = text[i]
        closer = _QUOTES[opener]
        depth, j = 1, i + 1
        limit = min(len(text), i + 1 + MAX_NAME_CHARS * 4)
        while j < limit:
            c = text[j]
            if c == closer and (opener != '"' or depth == 1):
                depth -= 1
                if depth == 0:
                    break
            elif c == opener and opener != '"':
                depth += 1
            elif c == "\n":
                break
            j += 1
        if j < limit and depth == 0:
            yield i + 1, j
            i = j + 1
        else:
            i += 1


def looks_like_name(name: str) -> bool:
    """At most MAX_NAME_CHARS characters in a few words, starting with a capital or a digit, no exclamation."""
    words = name.split()
    return (
        0 < len(words) <= _MAX_NAME_WORDS
        and len(name) <= MAX_NAME_CHARS
        and (name[:1].isupper() or name[:1].isdigit())
        and not name.endswith(("!", "?"))
    )


_SENTENCE_END = re.compile(r"[.!?;\n]")
# Plural forms of «акция» are shares of a company («акций Facebook»), not a campaign («акция «…»»).
_SHARES = frozenset({"акций", "акциям", "акциями", "акциях"})


def trigger(text: str, toks: list[Tok], first: int, quoted: bool = False) -> str | None:
    """'company' (also after a legal form), 'body', 'thing' or None from up to four words before
    token `first`, within the sentence («ПАО. Корабль…» has none) and, beyond the word right
    before the name, not across other punctuation. An unquoted name is a thing only right
    after the thing word."""
    if not quoted and first < len(toks):
        before = back(text, toks[first].start)
        quoted = before > 0 and text[before - 1] in _QUOTES
    for steps, k in enumerate(range(first - 1, -1, -1)):
        gap = text[toks[k].end : toks[k + 1].start if k + 1 < len(toks) else len(text)]
        if steps >= 4 or _SENTENCE_END.search(gap) or (steps > 0 and has_break(text, toks[k], toks[k + 1])):
            return None
        tok = toks[k]
        if tok.norm in LEGAL_FORMS or tok.lemma in COMPANY_TRIGGERS or tok.norm in _SHARES:
            return "company"
        if tok.lemma in BODY_TRIGGERS:
            return "body"
        if tok.lemma in THING_TRIGGERS:
            # «в статье «Жара продолжается»» names a thing, but «игры в Google» or «по стратегии
            # развития бизнеса Philips» name the company: unquoted, only the word right before counts.
            # «По его словам, ФИФА…»: not across a comma either.
            if (steps == 0 and gap.strip(" \t«„“\"") == "") or (steps > 0 and quoted):
                return "thing"
            return None
    return None


def _genitive_only(name: str) -> bool:
    """The first word of a Cyrillic name is a known word in the genitive only: «станция „Водоканала“»
    is the station of an organisation, not a thing named «Водоканал» (but «в игре с «Филадельфией»»,
    «программа «Агенда»»)."""
    word = name.split()[0]
    if not re.match(r"[А-ЯЁа-яё]", word):
        return False
    found = parses(normalize(word))
    return bool(found) and all(
        p.tag.case in ("gent", "gen2") and type(p.methods_stack[0][0]).__name__ == "DictionaryAnalyzer" for p in found
    )


def rule_candidates(text: str, toks: list[Tok]) -> list[Candidate]:
    """Quoted names, names after legal forms, Latin runs and Orgn-tagged words, in order."""
    taken = _Taken(len(text) + 2)
    hints: dict[str, str | None] = {}  # casefolded quoted name → its hint
    found = _quoted(text, toks, taken, hints) + _unquoted(text, toks, taken, hints)
    found.sort(key=lambda c: c.start)
    return found


def _quoted(text: str, toks: list[Tok], taken: _Taken, hints: dict[str, str | None]) -> list[Candidate]:
    """Quoted names with a trigger word before them, seen before with one, or brand-like; fills `hints`."""
    found: list[Candidate] = []
    starts = [t.start for t in toks]
    last_quote: tuple[int, str | None] | None = None  # token index after the last quote, its hint
    for qs, qe in quoted_spans(text):
        name = clean_name(text[qs:qe])
        if not looks_like_name(name):
            continue
        trig = _quote_trigger(text, toks, bisect.bisect_left(starts, qs), name, last_quote)
        if trig is None:  # no generic word before the quotes, so the name itself declines: «Спартака»
            name = nominative(name)
        evidence = _quote_evidence(name, trig, hints)
        if evidence is None:
            continue
        hint, strong = evidence
        hints.setdefault(name.casefold(), hint)
        found.append(Candidate(qs, qe, name, hint, strong))
        taken.mark(max(qs - 1, 0), qe + 1)
        last_quote = (bisect.bisect_left(starts, qe), hint)
    return found


def _quote_trigger(
    text: str, toks: list[Tok], first: int, name: str, last_quote: tuple[int, str | None] | None
) -> str | None:
    """The hint of the words before a quoted name at token `first`; after «X» и/или, that of «X»."""
    trig = trigger(text, toks, first, quoted=True)
    if trig == "thing" and _genitive_only(name):
        trig = None
    prev = toks[first - 1] if first > 0 else None
    if trig is None and last_quote and prev and last_quote[0] == first - 1 and prev.lemma in ("и", "или"):
        trig = last_quote[1]  # «АвтоВАЗ» и «БИПЭК Авто»
    return trig


def _quote_evidence(name: str, trig: str | None, hints: dict[str, str | None]) -> tuple[str | None, bool] | None:
    """(hint, strong) of a quoted name: from its trigger, from an earlier quote, weak if brand-like; None if none."""
    key = name.casefold()
    if trig is None and key in hints:
        return hints[key], True
    if trig is not None:
        return trig, True
    if _brand_like(name):
        return None, False
    return None


def _unquoted(text: str, toks: list[Tok], taken: _Taken, hints: dict[str, str | None]) -> list[Candidate]:
    """Names after legal forms, Latin runs and Orgn-tagged words outside the characters `taken`."""
    found: list[Candidate] = []
    i = 0
    while i < len(toks):
        if not taken.free(toks[i].start, toks[i].end):
            i += 1
            continue
        step = _legal_form_name(text, toks, i, taken) or _latin_name(text, toks, i)
        c, i = step or (_orgn_word(text, toks, i, hints), i + 1)
        if c is not None:
            found.append(c)
            taken.mark(c.start, c.end)
    return found


def _legal_form_name(text: str, toks: list[Tok], i: int, taken: _Taken) -> tuple[Candidate, int] | None:
    """The capitalized words after a legal form at token i («ТОО Alina»), with the index of the token after them."""
    tok = toks[i]
    if tok.norm not in LEGAL_FORMS or not (tok.upper or tok.norm.isascii()):
        return None
    j = i + 1
    while j < len(toks) and j - i <= 4 and toks[j].capitalized and taken.free(toks[j].start, toks[j].end):
        if has_break(text, toks[j - 1], toks[j]):  # «…от ПАО. Корабль…» names nothing
            break
        j += 1
    if j == i + 1:
        return None
    s, e = toks[i + 1].start, toks[j - 1].end
    return Candidate(s, e, clean_name(text[s:e]), "company", True), j


def _latin_name(text: str, toks: list[Tok], i: int) -> tuple[Candidate | None, int] | None:
    """A run of Latin words from token i and the index of the token after it (no candidate for an address)."""
    tok = toks[i]
    if not (LATIN_WORD.match(tok.text) and tok.capitalized and not ROMAN.match(tok.text)):
        return None
    if len(tok.text) <= 2 and not _latin_next(text, toks, i):
        return None
    j = i + 1
    while (
        j < len(toks)
        and j - i < 4
        and (LATIN_WORD.match(toks[j].text) or toks[j].text.isdigit())
        and not has_break(text, toks[j - 1], toks[j])
    ):
        j += 1
    s, e = tok.start, toks[j - 1].end
    if "." in text[s:e] or "@" in text[s:e]:
        return None, j
    return Candidate(s, e, text[s:e], trigger(text, toks, i), False), j


def _orgn_word(text: str, toks: list[Tok], i: int, hints: dict[str, str | None]) -> Candidate | None:
    """Token i if the dictionary tags it as an organisation, unless it starts a sentence and was not quoted before."""
    tok = toks[i]
    if tok.capitalized and "Orgn" in tok.tags() and "Abbr" not in tok.tags():
        if not sentence_start(text, tok) or tok.lemma in hints:
            return Candidate(tok.start, tok.end, nominative(tok.text), None, False)
    return None


def _latin_next(text: str, toks: list[Tok], i: int) -> bool:
    """A short Latin word starts a name when a capitalized Latin word follows: «La Stampa», «El País»."""
    nxt = toks[i + 1] if i + 1 < len(toks) else None
    return nxt is not None and nxt.capitalized and bool(LATIN_WORD.match(nxt.text)) and not has_break(text, toks[i], nxt)


def _brand_like(name: str) -> bool:
    """A name that is not ordinary Russian words: Latin, capitals, unknown or Orgn words."""
    words = name.split()
    if any(re.search(r"[A-Za-z]", w) for w in words):
        return True
    if len(words) == 1 and words[0].isupper() and len(words[0]) > 2:
        return True
    if len(words) > 2:
        return False
    return any(not is_common_word(normalize(w)) for w in words)
