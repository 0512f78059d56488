"""Organisations: rule candidates (quotes, legal forms, Latin names, Orgn words) merged with NER ORG
spans, normalized, and classified as companies (businesses) or other organisations."""
from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from dataclasses import dataclass, replace

from ..analysis import normalize, parses
from .names import LEGAL_FORMS, Registry, clean_name, lookup, nominative, registry
from .ner import Span
from .places import LOCATIVE_PREPOSITIONS
from .text import Tok, has_break, is_common_word, sentence_start

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
# Common abbreviations that NER takes for organisations but that name kinds of things or places.
NOT_ORGANISATIONS = frozenset("сми вуз нко дтп ввп ндс опг чп жкх зож ит пк мкс".split())
# Heads of names of buildings and facilities: places, not organisations («Дворец молодёжи»).
FACILITY_HEADS = frozenset("аэропорт дворец дом станция вокзал стадион космодром телескоп".split())
_STATE_PREFIXES = ("мин", "гос")  # Минфин, Минэкономразвития, Госдума
_STATE_SUFFIXES = ("надзор", "дума")
_QUOTES = {"«": "»", "„": "“", "“": "”", '"': '"'}
_MAX_NAME_CHARS = 60
_MAX_NAME_WORDS = 6
_LATIN_WORD = re.compile(r"^[A-Za-z][A-Za-z0-9&'.+-]*$")
_ROMAN = re.compile(r"^[IVXLCDM]+$")


@dataclass(frozen=True)
class OrgMatch:
    """An organisation mention: character span, surface text, normalized name, company or not,
    and the registry kind of the name when the registry decided it."""

    start: int
    end: int
    text: str
    name: str
    company: bool
    inner: int | None = None  # for a unit of an organisation («пресс-служба МЧС»), the start of the organisation
    kind: str | None = None


@dataclass(frozen=True)
class _Candidate:
    start: int
    end: int
    name: str
    hint: str | None  # "company", "body", "thing" or None (decide by the name)
    strong: bool  # a legal form, a trigger word or an earlier mention backs it


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


def _looks_like_name(name: str) -> bool:
    words = name.split()
    return (
        0 < len(words) <= _MAX_NAME_WORDS
        and len(name) <= _MAX_NAME_CHARS
        and (name[:1].isupper() or name[:1].isdigit())
        and not name.endswith(("!", "?"))
    )


_SENTENCE_END = re.compile(r"[.!?;\n]")
# Plural forms of «акция» are shares of a company («акций Facebook»), not a campaign («акция «…»»).
_SHARES = frozenset({"акций", "акциям", "акциями", "акциях"})


def _trigger(text: str, toks: list[Tok], first: int, quoted: bool = False) -> str | None:
    """'company' (also after a legal form), 'body', 'thing' or None from up to four words before
    token `first`, within the sentence («ПАО. Корабль…» has none) and, beyond the word right
    before the name, not across other punctuation. An unquoted name is a thing only right
    after the thing word."""
    if not quoted and first < len(toks):
        before = _back(text, toks[first].start)
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


def head_lemma(name: str) -> str:
    """Lemma of the first noun of a name ("" when it has none)."""
    for w in name.split():
        p = parses(normalize(w))[0]
        if p.tag.POS == "NOUN":
            return p.normal_form
    return ""


def _looks_like_company(name: str) -> bool:
    """For names without a trigger: a brand (Latin, unknown or Orgn word) or «X завод Y»; not a body."""
    words = name.split()
    head = head_lemma(name)
    if head in BODY_TRIGGERS or head in THING_TRIGGERS or head.startswith(_STATE_PREFIXES) or head.endswith(_STATE_SUFFIXES):
        return False
    if any(_LATIN_WORD.match(w) for w in words):
        return not (len(words) == 1 and (_ROMAN.match(words[0]) or len(words[0]) <= 2))
    if len(words) == 1:
        w = words[0]
        if w.isupper() and len(w) <= 5:
            return False  # МВД, ООН, СНГ: abbreviations are bodies unless the registry says otherwise
        return not is_common_word(normalize(w))
    # «Новосибирский завод химконцентратов» names a company; «Усть-Каменогорский автозавод» only
    # describes one; «Аким ВКО» or «Внешнеторговая палата» are not businesses at all.
    # «Фабрика ёлочных игрушек» starts with the generic word: a description too.
    return head in COMPANY_TRIGGERS and len(words) > 2 and head_lemma(words[0]) != head


def _rule_candidates(text: str, toks: list[Tok]) -> list[_Candidate]:
    """Quoted names, names after legal forms, Latin runs and Orgn-tagged words, in order."""
    found: list[_Candidate] = []
    taken = bytearray(len(text) + 2)  # 1 where a candidate already covers the character
    hints: dict[str, str | None] = {}
    starts = [t.start for t in toks]
    last_quote: tuple[int, str | None] | None = None  # token index after the last quote, its hint

    for qs, qe in quoted_spans(text):
        name = clean_name(text[qs:qe])
        if not _looks_like_name(name):
            continue
        first = bisect.bisect_left(starts, qs)
        after = bisect.bisect_left(starts, qe)
        trig = _trigger(text, toks, first, quoted=True)
        if trig == "thing" and _genitive_only(name):
            trig = None
        prev = toks[first - 1] if first > 0 else None
        if trig is None and last_quote and prev and last_quote[0] == first - 1 and prev.lemma in ("и", "или"):
            trig = last_quote[1]  # «АвтоВАЗ» и «БИПЭК Авто»
        if trig is None:  # no generic word before the quotes, so the name itself declines: «Спартака»
            name = nominative(name)
        key = name.casefold()
        if trig is None and key in hints:
            hint, strong = hints[key], True
        elif trig is not None:
            hint, strong = trig, True
        elif _brand_like(name):
            hint, strong = None, False
        else:
            continue
        hints.setdefault(key, hint)
        found.append(_Candidate(qs, qe, name, hint, strong))
        taken[max(qs - 1, 0) : qe + 1] = b"\x01" * (qe + 1 - max(qs - 1, 0))
        last_quote = (after, hint)

    def free(s: int, e: int) -> bool:
        return taken.find(1, s, e) < 0

    i = 0
    while i < len(toks):
        tok = toks[i]
        if not free(tok.start, tok.end):
            i += 1
            continue
        if tok.norm in LEGAL_FORMS and (tok.upper or tok.norm.isascii()):
            j = i + 1
            while j < len(toks) and j - i <= 4 and toks[j].capitalized and free(toks[j].start, toks[j].end):
                if has_break(text, toks[j - 1], toks[j]):  # «…от ПАО. Корабль…» names nothing
                    break
                j += 1
            if j > i + 1:
                s, e = toks[i + 1].start, toks[j - 1].end
                found.append(_Candidate(s, e, clean_name(text[s:e]), "company", True))
                taken[s:e] = b"\x01" * (e - s)
                i = j
                continue
        if _LATIN_WORD.match(tok.text) and tok.capitalized and not _ROMAN.match(tok.text) and (len(tok.text) > 2 or _latin_next(text, toks, i)):
            j = i + 1
            while (
                j < len(toks)
                and j - i < 4
                and (_LATIN_WORD.match(toks[j].text) or toks[j].text.isdigit())
                and not has_break(text, toks[j - 1], toks[j])
            ):
                j += 1
            s, e = tok.start, toks[j - 1].end
            if "." not in text[s:e] and "@" not in text[s:e]:
                found.append(_Candidate(s, e, text[s:e], _trigger(text, toks, i), False))
                taken[s:e] = b"\x01" * (e - s)
            i = j
            continue
        if tok.capitalized and "Orgn" in tok.tags() and "Abbr" not in tok.tags():
            if not sentence_start(text, tok) or tok.lemma in hints:
                found.append(_Candidate(tok.start, tok.end, nominative(tok.text), None, False))
                taken[tok.start : tok.end] = b"\x01" * (tok.end - tok.start)
        i += 1
    found.sort(key=lambda c: c.start)
    return found


def _latin_next(text: str, toks: list[Tok], i: int) -> bool:
    """A short Latin word starts a name when a capitalized Latin word follows: «La Stampa», «El País»."""
    nxt = toks[i + 1] if i + 1 < len(toks) else None
    return nxt is not None and nxt.capitalized and bool(_LATIN_WORD.match(nxt.text)) and not has_break(text, toks[i], nxt)


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


def _overlaps(a_start: int, a_end: int, span: Span) -> bool:
    return a_start < span.stop and span.start < a_end


_PARENTHESIS = re.compile(r"\s*\(\s*([^()]+?)\s*\)?\s*$")


def _split_parenthesis(text: str, span: Span) -> list[Span]:
    """«Комитет защиты журналистов (КЗЖ)», one NER span, names the organisation twice: split it
    into the name and the name in parentheses (an abbreviation or a translation)."""
    m = _PARENTHESIS.search(text, span.start, span.stop)
    if m is None or m.start() == span.start or "(" in text[span.start : m.start()]:
        return [span]
    return [Span(span.start, m.start(), span.type), Span(m.start(1), m.end(1), span.type)]


def _back(text: str, pos: int, chars: str = " \t\n") -> int:
    """`pos` moved back over `chars` (no copy of the text, unlike text[:pos].rstrip())."""
    while pos > 0 and text[pos - 1] in chars:
        pos -= 1
    return pos


_CLOSING = re.compile(r"[ \t»\"“”]*")
_WORD_SPACE = re.compile(r"[\w-]+[ \t]+")


def _bracketed(text: str, end: int, name: str) -> bool:
    """«(name)» follows position `end` of the text, after at most two words."""
    pos = _CLOSING.match(text, end).end()
    for _ in range(3):
        if text.startswith(f"({name})", pos):
            return True
        m = _WORD_SPACE.match(text, pos)
        if m is None:
            return False
        pos = m.end()
    return False


def _after_name(text: str, start: int, ends: set[int]) -> int | None:
    """The end in `ends` of the name that the parenthesis opening just before `start` follows,
    over other parentheses: «Комитет защиты журналистов (КЗЖ) (Committee to Protect Journalists)»."""
    pos = start
    for _ in range(3):
        pos = _back(text, pos)
        if pos == 0 or text[pos - 1] != "(":
            return None
        pos = _back(text, pos - 1)
        for end in (pos, _back(text, pos, "»\"“”")):  # «Ла стампа» (La Stampa)
            if end in ends:
                return end
        if pos == 0 or text[pos - 1] != ")":
            return None
        opening = text.rfind("(", max(0, pos - _MAX_NAME_CHARS), pos)
        if opening < 0:
            return None
        pos = opening + 1  # the loop steps back over this parenthesis again
    return None


def _merge_ner(text: str, toks: list[Tok], candidates: list[_Candidate], ner: list[Span]) -> list[_Candidate]:
    """Join rule candidates with NER ORG spans.

    A weak rule candidate (no legal form, trigger or earlier mention) is kept only inside an
    NER ORG span; several candidates inside one span become that span («Industrial and
    Commercial Bank of China»); NER spans no rule found are added. A weak candidate outside
    NER spans is kept when it is in parentheses right after an organisation, or when the same
    name is kept elsewhere in the text.
    """
    orgs = [part for s in ner if s.type == "ORG" for part in _split_parenthesis(text, s)]
    starts = [t.start for t in toks]
    inside: dict[int, list[_Candidate]] = {}
    kept: list[_Candidate] = []
    loose: list[_Candidate] = []  # weak candidates outside NER spans
    ends = {s.stop for s in orgs} | {c.end for c in candidates if c.strong}
    for c in candidates:
        if not c.strong and _after_name(text, c.start, ends) is not None:
            c = replace(c, strong=True)  # «Международная амнистия (Amnesty International)»
        hits = [k for k, s in enumerate(orgs) if _overlaps(c.start, c.end, s)]
        for k in hits:
            inside.setdefault(k, []).append(c)
        if c.strong and not hits:
            kept.append(c)
        elif not hits:
            loose.append(c)
    for k, span in enumerate(orgs):
        found = inside.get(k, [])
        strong = [c for c in found if c.strong]
        if len(found) == 1 or strong:  # «Завод «Элсиб»»: the quoted name beats the span
            kept.extend(strong or found)
            continue
        raw = clean_name(text[span.start : span.stop])
        if not raw or not _looks_like_name(raw):
            kept.extend(c for c in found if c.strong)
            continue
        hint = next((c.hint for c in found if c.hint), None) or _trigger(text, toks, bisect.bisect_left(starts, span.start))
        start, end = min([span.start, *(c.start for c in found)]), max([span.stop, *(c.end for c in found)])
        kept.append(_Candidate(start, end, nominative(raw), hint, False))
    # A name found as an organisation elsewhere in the text is one here too («рабочие в Vestas»).
    names = {c.name.casefold() for c in kept if c.hint != "thing"}
    # Quoted names have their own repetition rule (hints in _rule_candidates); this is for Latin ones.
    kept.extend(replace(c, strong=True) for c in loose if c.name.casefold() in names and _LATIN_WORD.match(c.name.split()[0]))
    return sorted(set(kept), key=lambda c: (c.start, -c.end))


_DOMAIN = re.compile(r"\.(?:ру|рф|ru|su|com|net|org|kz|by|ua|info)\b", re.IGNORECASE)


def _with_domain(text: str, c: _Candidate) -> _Candidate:
    """«Лента» in «Лента.ру» is the site, not the retailer: take the domain along."""
    m = _DOMAIN.match(text, c.end)
    return c if m is None else _Candidate(c.start, m.end(), c.name + m.group(), c.hint, c.strong)


_ABBREVIATION = re.compile(r"^(?P<name>.*\S)\s*\((?P<abbr>[\w.&-]{2,12})\)$")


def _without_abbreviation(c: _Candidate) -> _Candidate:
    """«Запорожский автомобилестроительный завод (ЗАЗ)» → the name without its abbreviation."""
    m = _ABBREVIATION.match(c.name)
    return c if m is None else replace(c, name=m.group("name"))


def _coreferent(text: str, candidates: list[_Candidate]) -> dict[str, str]:
    """Names that stand for a longer name in the same text: a name in parentheses right after
    another («Запорожский автомобилестроительный завод (ЗАЗ)», «Международная амнистия (Amnesty
    International)»), its initials (ICBC), or its first word (Sun for Sun Microsystems)."""
    longer = [c for c in candidates if len(c.name.split()) > 1]
    same: dict[str, str] = {}
    by_end = {c.end: c for c in candidates}
    ends = set(by_end)
    for c in candidates:
        end = _after_name(text, c.start, ends)
        if end is not None and c.name not in same and by_end[end].name != c.name:
            first = by_end[end].name  # «Международная амнистия (Amnesty International)»: one organisation
            same[c.name] = same.get(first, first)
            continue
        if len(c.name.split()) > 1:
            continue
        for full in longer:
            words = [w for w in full.name.split() if w[:1].isupper() or w[:1].isdigit()]
            initials = "".join(w[0] for w in words).upper()
            # «(ЗАЗ)» right after the full name or its last words («Федерация бобслея России (ФБР)»),
            # not anywhere later in the text
            if (
                (c.name.isupper() and c.name == initials)
                or c.name == full.name.split()[0]
                or (c.start > full.start and _bracketed(text, full.end, c.name))
            ):
                same[c.name] = full.name
                break
    return same


def _place_name(name: str) -> bool:
    """A one-word name that is a place («Сколково», «Домодедово», «Колумбии»)."""
    words = name.split()
    return len(words) == 1 and any("Geox" in p.tag for p in parses(normalize(words[0]))[:2])


def _located(text: str, toks: list[Tok], starts: list[int], c: _Candidate) -> bool:
    """A one-word place name right after a locative preposition: «Самолёт приземлился в Домодедово»
    (but «перешёл в «Ливерпуль»» and «игроки «Урала»» are clubs)."""
    i = bisect.bisect_left(starts, c.start)
    return (
        0 < i < len(toks)
        and toks[i - 1].norm in LOCATIVE_PREPOSITIONS
        and not text[toks[i - 1].end : c.start].strip()
        and _place_name(c.name)
    )


def _classify(c: _Candidate, aliases: str | None) -> tuple[str, bool, str | None]:
    """The facet value of a candidate, whether it is a company, and its registry kind (None when
    the registry did not decide)."""
    info = lookup(c.name, aliases)
    common = len(c.name.split()) == 1 and is_common_word(normalize(c.name))
    if info is not None and (c.strong or not common):  # «Самолёт приземлился» is not the developer
        return info.canonical, info.kind == "company", info.kind
    if c.hint:
        return c.name, c.hint == "company", None
    return c.name, _looks_like_company(c.name) and not _place_name(c.name), None


def find_orgs(text: str, toks: list[Tok], ner: list[Span] | None = None, aliases: str | None = None) -> list[OrgMatch]:
    """Organisation mentions in reading order, each a company or another kind of organisation."""
    candidates = _rule_candidates(text, toks)
    if ner is not None:
        candidates = _merge_ner(text, toks, candidates, ner)
    known = _known_candidates(text, toks, registry(aliases))
    # A registry name inside a candidate is evidence for it; elsewhere it is a candidate itself.
    candidates = [replace(c, strong=True) if any(_cover(c, k) for k in known) else c for c in candidates]
    known = [k for k in known if not any(_cover(c, k) for c in candidates)]
    starts = [t.start for t in toks]
    candidates = [
        _with_domain(text, c)
        for c in sorted(candidates + known, key=lambda c: c.start)
        if c.hint != "thing"
        and c.name.casefold() not in NOT_ORGANISATIONS
        and head_lemma(c.name) not in FACILITY_HEADS
        and (c.strong or c.hint or not _located(text, toks, starts, c))
    ]
    candidates = _with_repeats(text, toks, [_without_abbreviation(c) for c in candidates], ner or [])
    same = _coreferent(text, candidates)
    out = []
    for c in candidates:
        name, company, kind = _classify(replace(c, name=same[c.name]) if c.name in same else c, aliases)
        out.append(OrgMatch(c.start, c.end, text[c.start : c.end], name, company, kind=kind))
    taken = bytearray(len(text))
    for c in candidates:
        taken[c.start : c.end] = b"\x01" * (c.end - c.start)
    for c in candidates:
        start = _unit_start(text, toks, bisect.bisect_left(starts, c.start), taken)
        if start is not None:
            out.append(OrgMatch(start, c.end, text[start : c.end], nominative(clean_name(text[start : c.end])), False, c.start))
    return out


# Lemmas of the units of an organisation: «пресс-служба МЧС», «Судейский комитет ФИФА».
UNIT_HEADS = frozenset({
    "служба", "пресс-служба", "комитет", "комиссия", "совет", "бюро", "отделение", "отдел", "президиум",
    "департамент", "управление", "филиал", "подразделение", "кафедра", "факультет", "цех",
    "представительство", "секретариат", "штаб",
})
_UNIT_WORDS = 5  # words between the unit head and the organisation name («отдела корпоративных серверов и сетей HP»)


def _unit_start(text: str, toks: list[Tok], i: int, taken: bytearray) -> int | None:
    """Start of «[adjectives] unit-head [lower-case words]» right before the organisation name that
    starts at token `i`, if any; `taken` marks the characters of other organisation names."""
    j = i - 1
    head = None
    while j >= 0 and i - j <= _UNIT_WORDS + 1:
        tok = toks[j]
        gap = text[tok.end : toks[j + 1].start]
        if gap.strip(" \t«„“\"" if j == i - 1 else " \t") or taken.find(1, tok.start, tok.end) >= 0:
            return None
        if tok.lemma in UNIT_HEADS:
            head = j
            break
        if tok.capitalized:
            return None
        j -= 1
    if head is None:
        return None
    while head > 0 and not text[toks[head - 1].end : toks[head].start].strip() and "ADJF" in toks[head - 1].tags():
        head -= 1
    return toks[head].start


def _with_repeats(text: str, toks: list[Tok], candidates: list[_Candidate], ner: list[Span]) -> list[_Candidate]:
    """Add the other occurrences of one-word names found in the text that no rule or NER span
    covers: «По его словам, ФИФА не намерена…» after «Президент ФИФА». Only abbreviations and
    Latin names (quoted names repeat through the hints of _rule_candidates)."""
    starts = {t.start: t for t in toks}
    names: dict[str, _Candidate] = {}
    for c in candidates:
        tok = starts.get(c.start)
        if tok is None or tok.end != c.end or not tok.capitalized:
            continue
        if tok.upper or _LATIN_WORD.match(tok.text):
            names.setdefault(tok.lemma, c)
    if not names:
        return candidates
    taken = [(c.start, c.end) for c in candidates] + [(s.start, s.stop) for s in ner]
    extra = []
    for tok in toks:
        c = names.get(tok.lemma)
        if c is None or not tok.capitalized or (text[c.start : c.end].isupper() and not tok.upper):
            continue
        if not any(s < tok.end and tok.start < e for s, e in taken):
            extra.append(_Candidate(tok.start, tok.end, c.name, c.hint, True))
    return sorted(candidates + extra, key=lambda c: c.start) if extra else candidates


def _cover(a: _Candidate, b: _Candidate) -> bool:
    return a.start < b.end and b.start < a.end


def _known_candidates(text: str, toks: list[Tok], reg: Registry) -> list[_Candidate]:
    """Names of the organisation registry found in the text (any inflection, as capitalized).

    A name that is also a common word counts only when capitalized inside a sentence
    («с представителями Сбербанка», not «Самолёт приземлился»).
    """
    found: list[_Candidate] = []
    i = 0
    while i < len(toks):
        longest = min(reg.longest.get(toks[i].lemma, 0), len(toks) - i)
        for length in range(longest, 0, -1):
            window = toks[i : i + length]
            entry = reg.by_lemmas.get(tuple(t.lemma for t in window))
            if entry is None:
                continue
            info, caps = entry
            common = length == 1 and is_common_word(window[0].norm) and sentence_start(text, window[0])
            if not common and window[0].capitalized and (not caps or all(t.upper for t in window if t.text[:1].isalpha())):
                found.append(_Candidate(window[0].start, window[-1].end, info.canonical, None, True))
                i += length
                break
        else:
            i += 1
    return found
