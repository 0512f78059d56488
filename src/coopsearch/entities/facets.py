"""Which organisation mentions become facet values (rules in docs/entities.md, "Facet values").

Mentions stay as found (they are measured as spans on factRuEval); a facet value is a stronger
claim — that the article is about, or involves, this organisation — so it needs more:

- a media outlet (registry kind `media`, or named after «газета», «телеканал», «агентство»…) is
  an `organization` value only when some mention of it is not a citation («сообщает ТАСС»,
  «в интервью RT», «пишет The Guardian») or it is in the title;
- a social network or messenger named as a channel («написал в Twitter») is no value at all;
- events, exercises, storms, weapons and products («Запад-2017», «UFC 219», «ураган „Харви“»),
  bare generic names («Вооружённые силы», «ВС», «НИИ»), names cut at a line break or a bracket
  are no values;
- a company value needs the evidence the registry, a legal form or a business word gives, or the
  look of a brand; a registry `media`, `state`, `education`… kind goes to `organization`.
"""
from __future__ import annotations

import bisect
import re
from collections.abc import Iterable

from .candidates import COMPANY_TRIGGERS
from .companies import OrgMatch, head_lemma
from .text import Tok

# Lemmas right before a name that make it a media outlet.
MEDIA_WORDS = frozenset(
    """газета издание телеканал канал радиостанция радио агентство информагентство журнал портал
    сайт таблоид еженедельник ежедневник телекомпания медиа""".split()
)
# Social networks and messengers: named as the channel of a statement, they are no facet value.
SOCIAL_NETWORKS = frozenset(
    "twitter facebook meta instagram telegram youtube вконтакте vk whatsapp tiktok snapchat ok.ru одноклассники".split()
)
# Lemmas of sports reporting: in an article full of them, an unknown name is a club, not a company.
SPORTS_WORDS = frozenset(
    """матч клуб сезон гол турнир чемпионат игрок тренер нападающий защитник вратарь полузащитник
    форвард шайба плей-офф финал полуфинал лига сборная болельщик стадион счёт счет очко победа
    поражение ничья тур""".split()
)
_SPORTS_SHARE = 0.01  # sports lemmas among all words that make an article a sports report
# Lemmas around a mention that make it a cited source («сообщает ТАСС», «в беседе с RT»).
CITATION_WORDS = frozenset(
    """сообщать сообщить рассказать рассказывать заявить заявлять пояснить прокомментировать цитировать
    привести приводить писать передать передавать отметить сказать интервью беседа эфир ссылка
    данные источник слово корреспондент журналист обозреватель редакция колумнист публикация
    материал статья опубликовать информация со""".split()
)
# Lemmas right before a name that make it a channel («написал в Twitter», «в своём Instagram»).
CHANNEL_WORDS = frozenset("в во написать опубликовать сообщить заявить выложить свой аккаунт страница микроблог пост запись".split())
# Names that only denote a kind of body, not one organisation.
GENERIC = frozenset(
    """вс вмс ввс вкс пво сизо нии вуз мо гу управление министерство правительство ведомство
    генпрокуратура полиция армия парламент""".split()
) | {"вооруженные силы", "военно-морские силы", "военно-воздушные силы", "сухопутные войска"}
# Words before a quoted or capitalized name that make it an event, a storm, a weapon or a product.
THING_WORDS = frozenset(
    """ураган шторм тайфун циклон учение учения турнир чемпионат кубок комплекс беспилотник дрон танк
    вертолёт вертолет истребитель бомбардировщик ракета зрк система индекс рейтинг опрос барометр
    модель смартфон автомобиль препарат вакцина""".split()
)
VISITS = frozenset({"миссия", "делегация", "визит"})
_EVENT = re.compile(r"^[\w-]+[- ]\d{2,4}$|^[A-ZА-ЯЁ]{2,6} \d{1,4}$")  # «Запад-2017», «UFC 219», «Армия-2018»
_WINDOW = 3  # words looked at on each side of a mention


def _words_around(toks: list[Tok], starts: list[int], start: int, end: int) -> tuple[list[Tok], list[Tok]]:
    i = bisect.bisect_left(starts, start)
    j = bisect.bisect_left(starts, end)
    return toks[max(0, i - _WINDOW) : i], toks[j : j + _WINDOW - 1]


def _cited(text: str, org: OrgMatch, before: list[Tok], after: list[Tok]) -> bool:
    """Named as a source: a citation word around it, or an editor's note «(… — RT)»."""
    note = text[max(0, org.start - 3) : org.start].strip() in ("—", "–") and text[org.end : org.end + 1] == ")"
    return note or any(t.lemma in CITATION_WORDS for t in before) or any(t.lemma in CITATION_WORDS for t in after[:1])


def _thing(name: str, before: list[Tok]) -> bool:
    return bool(_EVENT.match(name)) or any(t.lemma in THING_WORDS for t in before[-2:])


def _generic(name: str) -> bool:
    return name.casefold().replace("ё", "е") in GENERIC


def _malformed(name: str) -> bool:
    return "\n" in name or name.count("(") != name.count(")") or len(name) < 2


def facet_values(orgs: Iterable[OrgMatch], text: str, toks: list[Tok], shift: int) -> tuple[list[str], list[str]]:
    """Company and organization values (with repeats: one per counted mention) of organisation
    mentions in `text`, whose first `shift` characters are the title."""
    starts = [t.start for t in toks]
    by_name: dict[str, list[tuple[OrgMatch, list[Tok], list[Tok]]]] = {}
    for org in orgs:
        if org.inner is not None:  # a unit («пресс-служба МЧС») is a mention, not a value
            continue
        before, after = _words_around(toks, starts, org.start, org.end)
        by_name.setdefault(org.name, []).append((org, before, after))
    companies: list[str] = []
    organizations: list[str] = []
    sports = sum(t.lemma in SPORTS_WORDS for t in toks) >= _SPORTS_SHARE * len(toks)
    for name, mentions in by_name.items():
        kind = next((m.kind for m, _, _ in mentions if m.kind is not None), None)
        if _malformed(name) or _generic(name) or (kind is None and any(_thing(name, b) for _, b, _ in mentions)):
            continue
        in_title = any(m.start < shift for m, _, _ in mentions)
        if name.casefold() in SOCIAL_NETWORKS:  # registry names are canonical already (Facebook → Meta)
            acting = [m for m, b, _ in mentions if not any(t.lemma in CHANNEL_WORDS for t in b[-2:])]
            if acting or in_title:
                companies.extend([name] * max(1, len(acting)))
            continue
        media = kind == "media" or any(b and b[-1].lemma in MEDIA_WORDS for _, b, _ in mentions)
        acting = [m for m, b, a in mentions if not _cited(text, m, b, a)]
        if media or kind is None and not acting:  # an unknown name only ever cited is a source too
            if acting or in_title:
                organizations.extend([name] * max(1, len(acting)))
            continue
        company = mentions[0][0].company and kind in (None, "company") and not (sports and kind is None)
        if kind is None and not company and head_lemma(name) in COMPANY_TRIGGERS | VISITS:
            continue  # «Усть-Каменогорский автозавод» describes a business; a delegation is a visit
        target = companies if company else organizations
        target.extend([name] * len(mentions))
    return companies, organizations
