"""Organisation names: cleaning, nominative case, and the alias registry (one value per company)."""
from __future__ import annotations

import csv
import functools
import re
from dataclasses import dataclass
from importlib import resources

from ..analysis import fold, iter_words, lemma, normalize, parses
from .phrases import PhraseTable
from .text import all_caps

LEGAL_FORMS = frozenset(
    "ооо оао ао пао зао тоо ип нао чп уп гуп муп фгуп фгбу мкпао llp jsc ltd llc gmbh inc plc corp ag sa oy".split()
)
KINDS = ("company", "state", "international", "media", "party", "education", "other")
_QUOTE_CHARS = re.compile(r"[«»„“”\"]")
_CASES_TO_NOMINATIVE = frozenset({"gent", "datv", "accs", "ablt", "loct", "gen2", "loc2", "acc2"})


def clean_name(name: str) -> str:
    """Strip quotes, legal forms and extra spaces: «ТОО «Alina»» → Alina."""
    words = _QUOTE_CHARS.sub(" ", name).split()
    while words and words[0].lower().strip(".,") in LEGAL_FORMS:
        words = words[1:]
    while words and words[-1].lower().strip(".,") in LEGAL_FORMS:
        words = words[:-1]
    return " ".join(words).strip(" ,.-–—")


def _with_case_of(original: str, word: str) -> str:
    """Copy the writer's letter case onto another form of the word, letter by letter."""
    if original.isupper() and len(original) > 1:
        return word.upper()
    return "".join(c.upper() if i < len(original) and original[i].isupper() else c for i, c in enumerate(word))


def _nominative_word(word: str, grammemes: set[str]) -> str | None:
    """The word put into the nominative, agreeing with `grammemes` (number, gender); None if unsure."""
    for p in parses(normalize(word)):
        if p.tag.case in _CASES_TO_NOMINATIVE and p.tag.POS in ("NOUN", "ADJF", "PRTF"):
            form = p.inflect({"nomn", *grammemes})
            if form is not None:
                return _with_case_of(word, form.word)
    return None


@functools.lru_cache(maxsize=1 << 16)
def nominative(name: str, assume_oblique: bool = False) -> str:
    """Put the head of an organisation name into the nominative, keeping its genitive tail.

    «Внешнеторговой палаты Казахстана» → «Внешнеторговая палата Казахстана»,
    «Казэнергокабеля» → «Казэнергокабель», «Министерства индустрии …» → «Министерство индустрии …».
    Names already in the nominative, Latin names and names starting with a number are kept;
    a head that may be either («Банка»: банк or банка) is kept unless `assume_oblique`.
    """
    words = name.split()
    if not words or not re.match(r"[А-ЯЁа-яё]", words[0]):
        return name
    head = None
    for i, w in enumerate(words):
        p = parses(normalize(w))[0]
        if p.tag.POS == "NOUN" or "Orgn" in p.tag or "UNKN" in p.tag:
            head = i
            break
        if p.tag.POS not in ("ADJF", "PRTF"):
            return name
    if head is None:
        return name
    if words[head].isupper():
        return name  # abbreviations (ЕАБР) do not decline
    head_parses = [p for p in parses(normalize(words[head])) if p.tag.POS == "NOUN"]
    if head:  # adjectives before the head tell its case and number: «Российские железные дороги»
        lead = parses(normalize(words[0]))[0].tag
        if lead.case == "nomn":
            return name
        head_parses = [p for p in head_parses if p.tag.case == lead.case and p.tag.number == lead.number]
    elif not assume_oblique and any(p.tag.case == "nomn" and p.tag.number == "sing" for p in head_parses):
        return name  # «Аким ВКО»: may already be the nominative
    else:  # organisation names are singular: «палаты» is «палата», not plural «палаты»
        head_parses = [p for p in head_parses if p.tag.number == "sing"]
    head_parse = next((p for p in head_parses if p.tag.case in _CASES_TO_NOMINATIVE), None)
    if head_parse is None:
        return name
    agree = {g for g in (head_parse.tag.number, head_parse.tag.gender if head_parse.tag.number == "sing" else None) if g}
    out = []
    for w in words[:head]:
        form = _nominative_word(w, agree)
        if form is None:
            return name
        out.append(form)
    head_form = head_parse.inflect({"nomn", head_parse.tag.number or "sing"})
    if head_form is None:
        return name
    out.append(_keep_spelling(words[head], head_form.word))
    return " ".join(out + words[head + 1 :])


def _keep_spelling(original: str, form: str) -> str:
    """Apply the writer's letter case (АвтоВАЗа → АвтоВАЗ) to a new form of the word."""
    low = fold(original.lower())
    if low.startswith(fold(form)):
        return original[: len(form)]
    return _with_case_of(original, form)


@functools.lru_cache(maxsize=1 << 16)
def name_key(name: str) -> str:
    """Comparison key of a name: case, ё, quotes, legal forms and spacing ignored."""
    return fold(clean_name(name).casefold())


@dataclass(frozen=True)
class OrgInfo:
    """A known organisation: canonical name and kind (company, state, media, …)."""

    canonical: str
    kind: str


def _load(text: str, source: str) -> dict[str, OrgInfo]:
    """Alias (as written) → organisation, from a registry file."""
    table: dict[str, OrgInfo] = {}
    rows = [line for line in text.splitlines() if line.strip() and not line.startswith("#")]
    for number, row in enumerate(csv.reader(rows, delimiter="\t", quoting=csv.QUOTE_NONE), 1):
        if not row or row[0] == "canonical":
            continue
        if len(row) < 2 or row[1] not in KINDS:
            raise ValueError(f"{source}: row {number}: expected canonical<TAB>kind<TAB>aliases, kind one of {KINDS}")
        info = OrgInfo(row[0].strip(), row[1])
        for alias in [row[0], *(row[2].split("|") if len(row) > 2 else [])]:
            if alias.strip():
                table[alias.strip()] = info
    return table


class Registry:
    """Known organisations, by name key and by the lemma sequence of each capitalized alias
    (with whether the alias is written in capitals)."""

    def __init__(self, entries: dict[str, OrgInfo]) -> None:
        self.by_key = {name_key(alias): info for alias, info in entries.items()}
        self.by_lemmas: PhraseTable[tuple[OrgInfo, bool]] = PhraseTable()
        for alias, info in entries.items():
            name = clean_name(alias)
            if len(name) < 2 or not (name[:1].isupper() or name[:1].isdigit()):
                continue
            key = tuple(lemma(w.text) for w in iter_words(name) if not w.part)
            if key:
                # min_letters=0: an alias with one letter (S7, X5, G20) counts as capitals, as it always has
                self.by_lemmas[key] = (info, all_caps(name, min_letters=0))

    def lookup(self, name: str) -> OrgInfo | None:
        """The entry of a name, trying it as written and put into the nominative."""
        for candidate in (name, nominative(name), nominative(name, assume_oblique=True)):
            info = self.by_key.get(name_key(candidate))
            if info is not None:
                return info
        return None


@functools.lru_cache(maxsize=8)
def load_registry(aliases: str = "", source: str = "") -> Registry:
    """Known organisations: the packaged organizations.tsv, then the user's alias table `aliases`
    (the text of an alias file, same format; its entries win). `source` names it in errors."""
    packaged = resources.files(__package__).joinpath("data", "organizations.tsv").read_text(encoding="utf-8")
    entries = _load(packaged, "organizations.tsv")
    if aliases:
        entries.update(_load(aliases, source or "aliases"))
    return Registry(entries)
