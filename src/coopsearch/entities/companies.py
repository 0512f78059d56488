"""Organisations and companies by rules: quoted names, legal forms, Latin names, pymorphy3 Orgn tags."""
from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from ..analysis import normalize, parses
from .text import Tok, has_break, sentence_start

LEGAL_FORMS = frozenset(
    "ооо оао ао пао зао тоо ип нао чп уп гуп муп фгуп llp jsc ltd llc gmbh inc plc corp ag sa oy".split()
)
# Lemmas that, just before a name, say the name is a business.
COMPANY_TRIGGERS = frozenset(
    """компания фирма предприятие завод комбинат фабрика концерн холдинг агрохолдинг корпорация
    группа банк производитель дистрибьютор поставщик оператор ритейлер сеть перевозчик авиакомпания
    застройщик девелопер разработчик стартап инвестор экспортер импортер трейдер маркетплейс
    автопроизводитель автозавод агрофирма птицефабрика мясокомбинат молокозавод бренд марка
    представительство дочка акционер партнер подрядчик""".split()
)
# Lemmas that, just before a name, say it is something else (an event, a party, a work...).
OTHER_TRIGGERS = frozenset(
    """движение партия фонд акция фестиваль форум программа проект фильм песня книга роман
    операция премия конкурс выставка ярмарка конференция саммит лозунг слово союз клуб команда
    газета журнал телеканал радиостанция агентство издание сайт портал университет институт
    школа музей театр центр министерство ведомство служба комитет палата орден медаль закон
    указ постановление соглашение договор меморандум стратегия марш митинг кампания""".split()
)
# Ministries, state agencies and parliaments that pymorphy3 tags as Orgn: never companies.
_STATE_PREFIXES = ("мин", "гос")
_STATE_SUFFIXES = ("надзор", "дума")
_QUOTES = {"«": "»", "„": "“", "“": "”", '"': '"'}
_MAX_NAME_CHARS = 60
_MAX_NAME_WORDS = 6
_LATIN_WORD = re.compile(r"^[A-Za-z][A-Za-z0-9&'.+-]*$")


@dataclass(frozen=True)
class OrgMatch:
    """An organisation mention: character span, surface text, normalized name, company or not."""

    start: int
    end: int
    text: str
    name: str
    company: bool


def quoted_spans(text: str) -> Iterator[tuple[int, int]]:
    """(start, end) of the inside of top-level quoted names, nesting allowed («Молодежное «Яблоко»»)."""
    i = 0
    while i < len(text):
        opener = text[i]
        closer = _QUOTES.get(opener)
        if closer is None:
            i += 1
            continue
        depth, j = 1, i + 1
        limit = min(len(text), i + 1 + _MAX_NAME_CHARS * 4)
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


def clean_name(name: str) -> str:
    """Strip quotes, legal forms and extra spaces from an organisation name."""
    name = re.sub(r"[«»„“”\"]", "", name)
    words = name.split()
    while words and words[0].lower().strip(".,") in LEGAL_FORMS:
        words = words[1:]
    while words and words[-1].lower().strip(".,") in LEGAL_FORMS:
        words = words[:-1]
    return " ".join(words).strip(" ,.-")


def _looks_like_name(name: str) -> bool:
    words = name.split()
    return (
        0 < len(words) <= _MAX_NAME_WORDS
        and len(name) <= _MAX_NAME_CHARS
        and (name[:1].isupper() or name[:1].isdigit())
        and not name.endswith(("!", "?"))
    )


def _tok_index(toks: list[Tok], start: int, end: int) -> tuple[int, int]:
    """Indices of the first token at/after start and of the first token at/after end."""
    first = next((k for k, t in enumerate(toks) if t.start >= start), len(toks))
    after = next((k for k, t in enumerate(toks) if t.start >= end), len(toks))
    return first, after


def _trigger(text: str, toks: list[Tok], first: int) -> str | None:
    """'company', 'other', 'legal' or None from up to four words before a name."""
    k = first - 1
    steps = 0
    while k >= 0 and steps < 4:
        tok = toks[k]
        if tok.norm in LEGAL_FORMS:
            return "legal"
        if tok.lemma in COMPANY_TRIGGERS:
            return "company"
        if tok.lemma in OTHER_TRIGGERS:
            return "other"
        if k > 0 and has_break(text, toks[k - 1], tok):
            return None
        k -= 1
        steps += 1
    return None


def _brand_like(name: str) -> bool:
    """A name that is not ordinary Russian words: Latin, capitals, unknown or Orgn words."""
    words = name.split()
    if any(re.search(r"[A-Za-z]", w) for w in words):
        return True
    if len(words) == 1 and words[0].isupper() and len(words[0]) > 2:
        return True
    if len(words) > 2:
        return False
    for w in words:
        p = parses(normalize(w))[0]
        if "Orgn" in p.tag or type(p.methods_stack[0][0]).__name__ != "DictionaryAnalyzer":
            return True
    return False


def _state_body(lemma_: str) -> bool:
    return lemma_.startswith(_STATE_PREFIXES) or lemma_.endswith(_STATE_SUFFIXES)


def _nominative(tok: Tok) -> str:
    """A single inflected name in the nominative, keeping the writer's letter case."""
    lem = tok.lemma
    if tok.norm.startswith(lem):
        return tok.text[: len(lem)]
    return lem.capitalize() if tok.capitalized else lem


def find_orgs(text: str, toks: list[Tok]) -> list[OrgMatch]:
    """Organisation mentions in reading order; `company` tells businesses from other bodies."""
    found: list[OrgMatch] = []
    taken: list[tuple[int, int]] = []
    previous_class: dict[str, bool] = {}
    last_quote: tuple[int, bool] | None = None  # token index after the last quote, its class

    for qs, qe in quoted_spans(text):
        name = clean_name(text[qs:qe])
        if not _looks_like_name(name):
            continue
        first, after = _tok_index(toks, qs, qe)
        trig = _trigger(text, toks, first)
        if trig is None and last_quote and last_quote[0] == first - 1 and toks[first - 1].lemma in ("и", "или"):
            trig = "company" if last_quote[1] else "other"
        if trig in ("legal", "company"):
            company = True
        elif trig == "other":
            company = False
        elif name.lower() in previous_class:
            company = previous_class[name.lower()]
        elif _brand_like(name):
            company = True
        else:
            continue
        previous_class.setdefault(name.lower(), company)
        found.append(OrgMatch(qs, qe, text[qs:qe], name, company))
        taken.append((qs - 1, qe + 1))
        last_quote = (after, company)

    def free(s: int, e: int) -> bool:
        return all(e <= a or s >= b for a, b in taken)

    i = 0
    while i < len(toks):
        tok = toks[i]
        if not free(tok.start, tok.end):
            i += 1
            continue
        # Legal form followed by capitalized or Latin words: ООО Ромашка, TOO Alina Group.
        if tok.norm in LEGAL_FORMS and (tok.upper or tok.norm.isascii()):
            j = i + 1
            while j < len(toks) and j - i <= 4 and toks[j].capitalized and free(toks[j].start, toks[j].end):
                if j > i + 1 and has_break(text, toks[j - 1], toks[j]):
                    break
                j += 1
            if j > i + 1:
                s, e = toks[i + 1].start, toks[j - 1].end
                found.append(OrgMatch(s, e, text[s:e], clean_name(text[s:e]), True))
                taken.append((s, e))
                i = j
                continue
        # A run of capitalized Latin words in Russian text: Milk Project, KAZNEX INVEST.
        if _LATIN_WORD.match(tok.text) and tok.capitalized and len(tok.text) > 2:
            j = i + 1
            while (
                j < len(toks)
                and j - i < 4
                and _LATIN_WORD.match(toks[j].text)
                and not has_break(text, toks[j - 1], toks[j])
            ):
                j += 1
            s, e = tok.start, toks[j - 1].end
            if "." not in text[s:e] and "@" not in text[s:e]:
                found.append(OrgMatch(s, e, text[s:e], text[s:e], True))
                taken.append((s, e))
            i = j
            continue
        # A capitalized word pymorphy3 knows as an organisation: Газпрома, АвтоВАЗа.
        if tok.capitalized and "Orgn" in tok.tags() and "Abbr" not in tok.tags():
            if not sentence_start(text, tok) or tok.lemma in previous_class:
                company = not _state_body(tok.lemma)
                found.append(OrgMatch(tok.start, tok.end, tok.text, _nominative(tok), company))
                taken.append((tok.start, tok.end))
        i += 1
    found.sort(key=lambda m: m.start)
    return found
