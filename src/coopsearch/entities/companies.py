"""Organisations: rule candidates (candidates.py) merged with NER ORG spans and registry names,
normalized, and classified as companies (businesses) or other organisations."""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, replace

from ..analysis import normalize, parses
from .candidates import (
    BODY_TRIGGERS, COMPANY_TRIGGERS, LATIN_WORD, MAX_NAME_CHARS, ROMAN, THING_TRIGGERS, Candidate, looks_like_name,
    rule_candidates, trigger,
)
from .names import Registry, clean_name, nominative
from .ner import Span
from .places import LOCATIVE_PREPOSITIONS
from .text import Tok, back, in_capitals, is_common_word, sentence_start

# Common abbreviations that NER takes for organisations but that name kinds of things or places.
NOT_ORGANISATIONS = frozenset("сми вуз нко дтп ввп ндс опг чп жкх зож ит пк мкс".split())
# Heads of names of buildings and facilities: places, not organisations («Дворец молодёжи»).
FACILITY_HEADS = frozenset("аэропорт дворец дом станция вокзал стадион космодром телескоп".split())
_STATE_PREFIXES = ("мин", "гос")  # Минфин, Минэкономразвития, Госдума
_STATE_SUFFIXES = ("надзор", "дума")


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
    if any(LATIN_WORD.match(w) for w in words):
        return not (len(words) == 1 and (ROMAN.match(words[0]) or len(words[0]) <= 2))
    if len(words) == 1:
        w = words[0]
        if w.isupper() and len(w) <= 5:
            return False  # МВД, ООН, СНГ: abbreviations are bodies unless the registry says otherwise
        return not is_common_word(normalize(w))
    # «Новосибирский завод химконцентратов» names a company; «Усть-Каменогорский автозавод» only
    # describes one; «Аким ВКО» or «Внешнеторговая палата» are not businesses at all.
    # «Фабрика ёлочных игрушек» starts with the generic word: a description too.
    return head in COMPANY_TRIGGERS and len(words) > 2 and head_lemma(words[0]) != head


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
        pos = back(text, pos)
        if pos == 0 or text[pos - 1] != "(":
            return None
        pos = back(text, pos - 1)
        for end in (pos, back(text, pos, "»\"“”")):  # «Ла стампа» (La Stampa)
            if end in ends:
                return end
        if pos == 0 or text[pos - 1] != ")":
            return None
        opening = text.rfind("(", max(0, pos - MAX_NAME_CHARS), pos)
        if opening < 0:
            return None
        pos = opening + 1  # the loop steps back over this parenthesis again
    return None



def merge_ner(text: str, toks: list[Tok], candidates: list[Candidate], ner: list[Span]) -> list[Candidate]:
    """Join rule candidates with NER ORG spans.

    A weak rule candidate (no legal form, trigger or earlier mention) is kept only inside an
    NER ORG span; several candidates inside one span become that span («Industrial and
    Commercial Bank of China»); NER spans no rule found are added. A weak candidate outside
    NER spans is kept when it is in parentheses right after an organisation, or when the same
    name is kept elsewhere in the text.
    """
    orgs = [part for s in ner if s.type == "ORG" for part in _split_parenthesis(text, s)]
    inside, kept, loose = _by_span(text, candidates, orgs)
    starts = [t.start for t in toks]
    for k, span in enumerate(orgs):
        kept.extend(_span_names(text, toks, starts, span, inside.get(k, [])))
    kept.extend(_repeated_latin(kept, loose))
    return sorted(set(kept), key=lambda c: (c.start, -c.end))


def _by_span(
    text: str, candidates: list[Candidate], orgs: list[Span]
) -> tuple[dict[int, list[Candidate]], list[Candidate], list[Candidate]]:
    """Candidates by the NER ORG spans they overlap, then the strong and the weak ones outside every span."""
    inside: dict[int, list[Candidate]] = {}
    kept: list[Candidate] = []
    loose: list[Candidate] = []  # weak candidates outside NER spans
    ends = {s.stop for s in orgs} | {c.end for c in candidates if c.strong}
    for c in candidates:
        if not c.strong and _after_name(text, c.start, ends) is not None:
            c = replace(c, strong=True)  # «Международная амнистия (Amnesty International)»
        hits = [k for k, s in enumerate(orgs) if _overlaps(c.start, c.end, s)]
        for k in hits:
            inside.setdefault(k, []).append(c)
        if not hits:
            (kept if c.strong else loose).append(c)
    return inside, kept, loose


def _span_names(text: str, toks: list[Tok], starts: list[int], span: Span, found: list[Candidate]) -> list[Candidate]:
    """What an NER ORG span keeps: its one candidate or its strong ones, else the span as one name over its candidates."""
    strong = [c for c in found if c.strong]
    if len(found) == 1 or strong:  # «Завод «Элсиб»»: the quoted name beats the span
        return strong or found
    raw = clean_name(text[span.start : span.stop])
    if not raw or not looks_like_name(raw):
        return []
    hint = next((c.hint for c in found if c.hint), None) or trigger(text, toks, bisect.bisect_left(starts, span.start))
    start, end = min([span.start, *(c.start for c in found)]), max([span.stop, *(c.end for c in found)])
    return [Candidate(start, end, nominative(raw), hint, False)]


def _repeated_latin(kept: list[Candidate], loose: list[Candidate]) -> list[Candidate]:
    """Weak Latin names outside NER spans that name an organisation kept elsewhere in the text («рабочие в Vestas»)."""
    # Quoted names have their own repetition rule (the hints of candidates.rule_candidates).
    names = {c.name.casefold() for c in kept if c.hint != "thing"}
    return [replace(c, strong=True) for c in loose if c.name.casefold() in names and LATIN_WORD.match(c.name.split()[0])]


_DOMAIN = re.compile(r"\.(?:ру|рф|ru|su|com|net|org|kz|by|ua|info)\b", re.IGNORECASE)


def _with_domain(text: str, c: Candidate) -> Candidate:
    """«Лента» in «Лента.ру» is the site, not the retailer: take the domain along."""
    m = _DOMAIN.match(text, c.end)
    return c if m is None else Candidate(c.start, m.end(), c.name + m.group(), c.hint, c.strong)


_ABBREVIATION = re.compile(r"^(?P<name>.*\S)\s*\((?P<abbr>[\w.&-]{2,12})\)$")


def _without_abbreviation(c: Candidate) -> Candidate:
    """«Запорожский автомобилестроительный завод (ЗАЗ)» → the name without its abbreviation."""
    m = _ABBREVIATION.match(c.name)
    return c if m is None else replace(c, name=m.group("name"))


def _coreferent(text: str, candidates: list[Candidate]) -> dict[str, str]:
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


def _located(text: str, toks: list[Tok], starts: list[int], c: Candidate) -> bool:
    """A one-word place name right after a locative preposition: «Самолёт приземлился в Домодедово»
    (but «перешёл в «Ливерпуль»» and «игроки «Урала»» are clubs)."""
    i = bisect.bisect_left(starts, c.start)
    return (
        0 < i < len(toks)
        and toks[i - 1].norm in LOCATIVE_PREPOSITIONS
        and not text[toks[i - 1].end : c.start].strip()
        and _place_name(c.name)
    )


def _classify(c: Candidate, registry: Registry) -> tuple[str, bool, str | None]:
    """The facet value of a candidate, whether it is a company, and its registry kind (None when
    the registry did not decide)."""
    info = registry.lookup(c.name)
    common = len(c.name.split()) == 1 and is_common_word(normalize(c.name))
    if info is not None and (c.strong or not common):  # «Самолёт приземлился» is not the developer
        return info.canonical, info.kind == "company", info.kind
    if c.hint:
        return c.name, c.hint == "company", None
    return c.name, _looks_like_company(c.name) and not _place_name(c.name), None


def find_orgs(text: str, toks: list[Tok], ner: list[Span] | None, registry: Registry) -> list[OrgMatch]:
    """Organisation mentions in reading order, each a company or another kind of organisation;
    `ner` is None without NER."""
    candidates = rule_candidates(text, toks)
    if ner is not None:
        candidates = merge_ner(text, toks, candidates, ner)
    known = _known_candidates(text, toks, registry)
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
        name, company, kind = _classify(replace(c, name=same[c.name]) if c.name in same else c, registry)
        out.append(OrgMatch(c.start, c.end, text[c.start : c.end], name, company, kind=kind))
    return out + _units(text, toks, starts, candidates)


def _units(text: str, toks: list[Tok], starts: list[int], candidates: list[Candidate]) -> list[OrgMatch]:
    """Mentions of the units named right before organisation names («пресс-служба МЧС»)."""
    taken = bytearray(len(text))
    for c in candidates:
        taken[c.start : c.end] = b"\x01" * (c.end - c.start)
    out = []
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


def _with_repeats(text: str, toks: list[Tok], candidates: list[Candidate], ner: list[Span]) -> list[Candidate]:
    """Add the other occurrences of one-word names found in the text that no rule or NER span
    covers: «По его словам, ФИФА не намерена…» after «Президент ФИФА». Only abbreviations and
    Latin names (quoted names repeat through the hints of candidates.rule_candidates)."""
    starts = {t.start: t for t in toks}
    names: dict[str, Candidate] = {}
    for c in candidates:
        tok = starts.get(c.start)
        if tok is None or tok.end != c.end or not tok.capitalized:
            continue
        if tok.upper or LATIN_WORD.match(tok.text):
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
            extra.append(Candidate(tok.start, tok.end, c.name, c.hint, True))
    return sorted(candidates + extra, key=lambda c: c.start) if extra else candidates


def _cover(a: Candidate, b: Candidate) -> bool:
    return a.start < b.end and b.start < a.end


def _known_candidates(text: str, toks: list[Tok], reg: Registry) -> list[Candidate]:
    """Names of the organisation registry found in the text (any inflection, as capitalized).

    A name that is also a common word counts only when capitalized inside a sentence
    («с представителями Сбербанка», not «Самолёт приземлился»).
    """
    found: list[Candidate] = []
    i = 0
    while i < len(toks):
        for length, (info, caps) in reg.by_lemmas.at(toks, i):
            window = toks[i : i + length]
            common = length == 1 and is_common_word(window[0].norm) and sentence_start(text, window[0])
            if not common and window[0].capitalized and (not caps or in_capitals(window)):
                found.append(Candidate(window[0].start, window[-1].end, info.canonical, None, True))
                i += length
                break
        else:
            i += 1
    return found