"""Writes the saved-page fixtures of the extraction benchmark into pages/ (NAME.html, NAME.gold.txt, NAME.meta.json).

    .venv/bin/python benchmarks/extraction/make_pages.py

The pages are hand-written imitations of Russian-language regional news sites (all sites, people,
companies and figures are invented). Each page's article paragraphs are written once below, with
their inline markup; the page layout wraps them, and the gold text is the same paragraphs with the
markup removed, so page and gold cannot drift apart. Gold policy (see pages/README.md): the article
body as a reader sees it, paragraphs and sub-headings separated by blank lines, table rows one per
line with cells joined by " | "; no headline, byline, date, lead photo or gallery captions, tags,
share buttons, "read also" links, comments, banners or footers.

Running it again rewrites the same bytes (no dates or randomness are generated).
"""
from __future__ import annotations

import json
import re
from pathlib import Path

import lxml.html

PAGES = Path(__file__).resolve().parent / "pages"


def plain(fragment: str) -> str:
    """The text a reader sees in an inline-HTML paragraph: tags dropped, entities decoded, spaces collapsed."""
    text = lxml.html.fragment_fromstring(f"<p>{fragment}</p>").text_content()
    return re.sub(r"\s+", " ", text.replace("\xa0", " ")).strip()


def ps(paras: list[str], cls: str = "") -> str:
    attr = f' class="{cls}"' if cls else ""
    return "\n".join(f"<p{attr}>{p}</p>" for p in paras)


def links(items: list[tuple[str, str]], li_cls: str = "") -> str:
    attr = f' class="{li_cls}"' if li_cls else ""
    return "\n".join(f'<li{attr}><a href="{href}">{text}</a></li>' for href, text in items)


COOKIE = (
    '<div class="cookie-banner" id="cookie-notice"><p>Мы используем файлы cookie, чтобы сайт работал лучше. '
    'Продолжая пользоваться сайтом, вы соглашаетесь с <a href="/privacy/">политикой обработки персональных данных</a>.</p>'
    '<button type="button" class="cookie-banner__ok">Понятно</button></div>'
)

SHARE = (
    '<div class="share"><span class="share__title">Поделиться:</span>'
    '<a class="share__vk" href="https://vk.com/share.php?url=">ВКонтакте</a>'
    '<a class="share__ok" href="https://connect.ok.ru/offer?url=">Одноклассники</a>'
    '<a class="share__tg" href="https://t.me/share/url?url=">Telegram</a>'
    '<a class="share__wa" href="https://wa.me/?text=">WhatsApp</a></div>'
)

# name -> dict(title, date, source, paras (list of inline-HTML strings; a ("h2", text) tuple is a
# sub-heading; a ("table", rows) tuple is a table), encoding, render(page) -> html)
SPECS: dict[str, dict] = {}


def page(name: str, **spec):
    def deco(render):
        SPECS[name] = {**spec, "render": render}
        return render

    return deco


def body_html(paras: list, p_cls: str = "") -> str:
    """Paragraphs, sub-headings and tables of an article body as HTML."""
    out = []
    for p in paras:
        if isinstance(p, tuple) and p[0] == "h2":
            out.append(f"<h2>{p[1]}</h2>")
        elif isinstance(p, tuple) and p[0] == "table":
            head, *rows = p[1]
            cells = "".join(f"<th>{c}</th>" for c in head)
            trs = "\n".join("<tr>" + "".join(f"<td>{c}</td>" for c in r) + "</tr>" for r in rows)
            out.append(f'<table class="table-contracts">\n<thead><tr>{cells}</tr></thead>\n<tbody>\n{trs}\n</tbody>\n</table>')
        else:
            out.append(ps([p], p_cls))
    return "\n".join(out)


def gold_text(paras: list) -> str:
    blocks = []
    for p in paras:
        if isinstance(p, tuple) and p[0] == "h2":
            blocks.append(plain(p[1]))
        elif isinstance(p, tuple) and p[0] == "table":
            blocks.append("\n".join(" | ".join(plain(c) for c in row) for row in p[1]))
        else:
            blocks.append(plain(p))
    return "\n\n".join(blocks) + "\n"


# 1. Regional government portal: top menu, breadcrumbs, left menu, "Новости" sidebar; date as dd.mm.yyyy text.
@page(
    "gov_region_news",
    title="Омская и Павлодарская области утвердили план совместных мероприятий на 2024–2026 годы",
    date="2024-03-14",
    source="Правительство Омской области (официальный портал)",
    paras=[
        "В Доме Правительства Омской области состоялось заседание рабочей группы по межрегиональному "
        "сотрудничеству с Павлодарской областью Республики Казахстан. Стороны утвердили план совместных "
        "мероприятий на 2024–2026 годы, который включает 37 пунктов в сфере промышленности, сельского "
        "хозяйства, транспорта, образования и культуры.",
        "Заседание провели первый заместитель Председателя Правительства Омской области Андрей Ковалёв и "
        "заместитель акима Павлодарской области Ерлан Сагинтаев. По словам Андрея Ковалёва, за 2023 год "
        "товарооборот между регионами вырос на 14&nbsp;процентов и превысил 520 миллионов долларов США.",
        "«Павлодарская область — наш ближайший сосед и один из ключевых партнёров. Мы договорились, что "
        "каждый пункт плана будет иметь ответственного исполнителя и срок. Раз в полгода рабочая группа "
        "будет подводить итоги», — отметил первый вице-премьер.",
        "В числе приоритетов — создание совместного предприятия по выпуску запасных частей для "
        "сельскохозяйственной техники, организация регулярного автобусного сообщения Омск — Павлодар и "
        "обмен студентами между <a href=\"/organizations/omgau/\">Омским аграрным университетом</a> и "
        "Торайгыров университетом.",
        "Отдельное внимание уделено подготовке к Форуму межрегионального сотрудничества России и Казахстана. "
        "Омские предприятия планируют представить на нём не менее 40 инвестиционных проектов.",
    ],
)
def gov_region_news(s):
    sidebar = [
        ("14.03.2024", "/news/78112/", "Губернатор провёл приём граждан по личным вопросам"),
        ("13.03.2024", "/news/78105/", "В Омской области стартовал конкурс «Лучший экспортёр года»"),
        ("13.03.2024", "/news/78101/", "Региональный центр поддержки экспорта провёл семинар для аграриев"),
        ("12.03.2024", "/news/78093/", "Омские школьники стали призёрами Всероссийской олимпиады по химии"),
        ("12.03.2024", "/news/78090/", "В Таре завершён ремонт районной больницы"),
        ("11.03.2024", "/news/78084/", "Минсельхозпрод подвёл итоги зимовки скота"),
    ]
    side = "\n".join(
        f'<div class="news-list__item"><div class="news-list__date">{d}</div><a href="{h}">{t}</a></div>' for d, h, t in sidebar
    )
    return f"""<!DOCTYPE html>
<html lang="ru">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{s['title']} | Правительство Омской области</title>
<meta name="description" content="Официальный портал Правительства Омской области">
<link rel="stylesheet" href="/local/templates/omskportal/css/main.css">
<link rel="icon" href="/favicon.ico">
</head>
<body class="page-news">
<div class="special-version"><a href="?special_version=Y">Версия для слабовидящих</a></div>
<header class="header">
 <div class="header__logo"><a href="/"><img src="/local/templates/omskportal/img/gerb.svg" alt="Герб Омской области"></a>
 <div class="header__name">Официальный портал<br>Правительства Омской области</div></div>
 <form class="header__search" action="/search/"><input type="text" name="q" placeholder="Поиск по сайту"><button>Найти</button></form>
 <nav class="main-menu"><ul>
 {links([("/gubernator/", "Губернатор"), ("/government/", "Правительство"), ("/authorities/", "Органы власти"), ("/economy/", "Экономика"), ("/docs/", "Документы"), ("/appeals/", "Обращения граждан"), ("/news/", "Пресс-центр"), ("/contacts/", "Контакты")])}
 </ul></nav>
</header>
<div class="breadcrumbs"><a href="/">Главная</a> / <a href="/news/">Пресс-центр</a> / <a href="/news/list/">Новости</a></div>
<div class="layout">
<aside class="left-menu"><ul>
{links([("/news/list/", "Новости"), ("/news/announce/", "Анонсы"), ("/news/photo/", "Фоторепортажи"), ("/news/video/", "Видео"), ("/news/releases/", "Пресс-релизы"), ("/news/accreditation/", "Аккредитация СМИ"), ("/news/contacts/", "Контакты пресс-службы")])}
</ul></aside>
<main class="content">
<div class="news-detail">
<h1 class="news-detail__title">{s['title']}</h1>
<div class="news-detail__date">14.03.2024 11:20</div>
<div class="news-detail__image"><img src="/upload/iblock/5a1/rabochaya-gruppa.jpg" alt="Заседание рабочей группы"></div>
<div class="news-detail__text">
{body_html(s['paras'])}
</div>
<div class="news-detail__tags">Теги: <a href="/tags/mezhregionalnoe-sotrudnichestvo/">межрегиональное сотрудничество</a>, <a href="/tags/kazakhstan/">Казахстан</a></div>
{SHARE}
<div class="news-detail__back"><a href="/news/list/">← Вернуться к списку новостей</a></div>
</div>
</main>
<aside class="sidebar">
<div class="sidebar__title">Новости</div>
<div class="news-list">
{side}
</div>
<a class="sidebar__all" href="/news/list/">Все новости</a>
<div class="sidebar__banner"><a href="https://www.gosuslugi.ru/"><img src="/upload/banners/gosuslugi.png" alt="Госуслуги"></a></div>
</aside>
</div>
<footer class="footer">
<div class="footer__address">644002, г. Омск, ул. Красный Путь, д. 1. Телефон приёмной: +7 (3812) 00-00-00</div>
<div class="footer__copy">© 2024 Правительство Омской области. При использовании материалов ссылка на портал обязательна.</div>
<div class="footer__counters"><!-- счётчики --></div>
</footer>
{COOKIE}
<script src="/local/templates/omskportal/js/main.js"></script>
</body>
</html>
"""


# 2. News agency with <article>, <time datetime>, article:published_time, share buttons, tags, "Главное" aside.
@page(
    "agency_article",
    title="Новосибирские производители заключили в Астане контракты на 1,2 млрд рублей",
    date="2024-04-02",
    source="Сибирское информационное агентство",
    paras=[
        "<strong>Двадцать три новосибирских предприятия подписали экспортные контракты на общую сумму "
        "около 1,2 млрд рублей по итогам бизнес-миссии в Астану, сообщили в региональном центре поддержки "
        "экспорта.</strong>",
        "Бизнес-миссия прошла с 27 по 29 марта. Новосибирские компании провели более 180 переговоров с "
        "казахстанскими дистрибьюторами, торговыми сетями и строительными холдингами. Наибольший интерес "
        "партнёры проявили к продукции машиностроения, строительным материалам и продуктам питания.",
        "Крупнейший контракт — на поставку электротехнического оборудования для подстанций — заключил "
        "завод «Сибэлектрощит». Его сумма составила 340 млн рублей, поставки начнутся во втором квартале.",
        "«Казахстан остаётся для новосибирского бизнеса рынком номер один. Там понятные правила, нет "
        "языкового барьера и короткое логистическое плечо. В этом году мы планируем ещё две миссии — в "
        "Караганду и Усть-Каменогорск», — рассказала директор центра поддержки экспорта Наталья Громова.",
        "По данным регионального министерства промышленности, торговли и развития предпринимательства, "
        "в 2023 году экспорт Новосибирской области в Казахстан составил 780 млн долларов, что на 9% больше, "
        "чем годом ранее.",
        "Участие компаний в миссии было бесплатным: расходы на перелёт, аренду переговорных площадок и "
        "услуги переводчиков взял на себя центр поддержки экспорта в рамках национального проекта "
        "«Международная кооперация и экспорт».",
    ],
)
def agency_article(s):
    main_news = [
        ("/news/2024/04/02/mer-otchet/", "Мэр Новосибирска отчитался перед депутатами"),
        ("/news/2024/04/02/metro/", "Строительство станции метро «Спортивная» вышло на финальный этап"),
        ("/news/2024/04/01/pogoda/", "Синоптики пообещали новосибирцам тёплые выходные"),
        ("/news/2024/04/01/aeroport/", "Аэропорт Толмачёво открыл прямой рейс в Ташкент"),
    ]
    return f"""<!DOCTYPE html>
<html lang="ru" prefix="og: http://ogp.me/ns#">
<head>
<meta charset="utf-8">
<title>{s['title']} - СИА</title>
<meta property="og:type" content="article">
<meta property="og:title" content="{s['title']}">
<meta property="og:description" content="Двадцать три новосибирских предприятия подписали экспортные контракты по итогам бизнес-миссии">
<meta property="og:url" content="https://sia-news.ru/news/2024/04/02/astana-kontrakty/">
<meta property="og:site_name" content="Сибирское информационное агентство">
<meta property="article:published_time" content="2024-04-02T09:30:00+07:00">
<meta property="article:section" content="Экономика">
<link rel="canonical" href="https://sia-news.ru/news/2024/04/02/astana-kontrakty/">
</head>
<body>
<div class="topline"><span class="topline__weather">Новосибирск −3°</span> <span class="topline__currency">USD 92,4 · EUR 99,8</span></div>
<header class="site-header"><a class="logo" href="/">СИА</a>
<nav><ul class="nav">{links([("/politics/", "Политика"), ("/economy/", "Экономика"), ("/society/", "Общество"), ("/incidents/", "Происшествия"), ("/sport/", "Спорт"), ("/culture/", "Культура")])}</ul></nav>
</header>
<div class="container">
<article class="article">
<div class="article__rubric"><a href="/economy/">Экономика</a></div>
<h1 class="article__title">{s['title']}</h1>
<div class="article__meta"><time class="article__date" datetime="2024-04-02T09:30:00+07:00">2 апреля 2024, 09:30</time>
<span class="article__author">Автор: Мария Ершова</span> <span class="article__views">1 284 просмотра</span></div>
<figure class="article__image"><img src="/upload/2024/04/astana.jpg" alt="">
<figcaption>Переговоры на бизнес-миссии. Фото: пресс-служба центра поддержки экспорта</figcaption></figure>
<div class="article__body">
{body_html(s['paras'])}
</div>
<div class="article__tags"><a href="/tags/eksport/">экспорт</a> <a href="/tags/kazakhstan/">Казахстан</a> <a href="/tags/biznes/">бизнес</a></div>
{SHARE}
<div class="article__subscribe">Подписывайтесь на СИА в <a href="https://t.me/">Telegram</a> и <a href="https://dzen.ru/">Дзене</a>. Нашли ошибку? Выделите её и нажмите Ctrl+Enter.</div>
</article>
<aside class="main-news"><h3>Главное</h3><ul>{links(main_news)}</ul></aside>
</div>
<footer class="site-footer"><p>Сетевое издание «Сибирское информационное агентство». Регистрационный номер ЭЛ № ФС 77-00000. 18+</p>
<p>© 2008–2024 СИА. Все права защищены.</p></footer>
{COOKIE}
</body>
</html>
"""


# 3. City portal: many related-link lists around the text and a long comments block.
@page(
    "related_comments",
    title="Алтайский край и Восточно-Казахстанская область создадут совместное предприятие по переработке зерна",
    date="2023-11-21",
    source="Барнаул.Инфо (городской портал)",
    paras=[
        "Соглашение о создании совместного предприятия по глубокой переработке зерна подписали в Барнауле "
        "представители агрохолдинга «Алтайская нива» и казахстанской компании «Ертіс Агро». Документ "
        "подписан в присутствии руководителей Алтайского края и Восточно-Казахстанской области.",
        "Завод мощностью 120 тысяч тонн зерна в год планируется построить в Рубцовске, недалеко от границы "
        "с Казахстаном. Предприятие будет выпускать крахмал, глютен и кормовые добавки. Объём инвестиций "
        "оценивается в 6,5 млрд рублей, доли партнёров распределены поровну.",
        "По словам генерального директора «Алтайской нивы» Виктора Сёмина, сырьё будут закупать как у "
        "алтайских, так и у казахстанских аграриев. «Для хозяйств приграничных районов это гарантированный "
        "сбыт в пределах ста километров. Для нас — стабильная загрузка мощностей», — пояснил он.",
        "Строительство начнётся весной 2024 года, запуск первой очереди запланирован на конец 2025-го. На "
        "предприятии будет создано около 300 рабочих мест. Проект планируется включить в перечень "
        "приоритетных инвестиционных проектов региона, что даст право на налоговые льготы.",
        "Восточно-Казахстанская область — один из крупнейших торговых партнёров Алтайского края. В 2022 году "
        "товарооборот между регионами составил 410 млн долларов.",
    ],
)
def related_comments(s):
    popular = [("/news/1001/", "В Барнауле изменят схему движения на Павловском тракте"), ("/news/1002/", "Цены на бензин на Алтае выросли за неделю на 1%"), ("/news/1003/", "Открыт набор в школу фермеров"), ("/news/1004/", "Названа дата открытия ледового городка")]
    partners = [("https://partner.example/a", "Как получить налоговый вычет за лечение в 2023 году"), ("https://partner.example/b", "Пять ошибок при покупке квартиры в новостройке"), ("https://partner.example/c", "Врачи назвали продукты, которые помогут пережить зиму")]
    same_topic = [("/news/0990/", "Алтайские аграрии выйдут на рынок Монголии"), ("/news/0981/", "В Рубцовске построят логистический центр"), ("/news/0975/", "Экспорт алтайской муки в Казахстан вырос на треть"), ("/news/0966/", "Губернатор обсудил с послом Казахстана поставки угля")]
    comments = [
        ("Сергей_55", "21 ноября 2023, 18:40", "Хорошая новость для Рубцовска, там с работой совсем плохо. Только бы не получилось как с прошлым заводом, который обещали построить ещё в 2015 году, а в итоге на этом месте до сих пор пустырь и забор."),
        ("Ольга М.", "21 ноября 2023, 19:12", "Интересно, а экология? Крахмальное производство это стоки и запах. Хотелось бы, чтобы жителей спросили до начала строительства, а не после. Проводились ли общественные слушания?"),
        ("агроном", "22 ноября 2023, 08:03", "Для хозяйств юга края это реально выход, сейчас зерно возим за триста километров на элеваторы и теряем на логистике. Если будут брать по нормальной цене, все будут только рады."),
        ("Дмитрий", "22 ноября 2023, 10:27", "Шесть с половиной миллиардов на двоих это немного для такого завода. Посмотрим, что будет через два года, пока это только бумага."),
    ]
    com = "\n".join(
        f'<div class="comment"><div class="comment__head"><span class="comment__author">{a}</span> <span class="comment__date">{d}</span></div>'
        f'<div class="comment__text"><p>{t}</p></div><div class="comment__actions"><a href="#">Ответить</a> <span>👍 {i + 3}</span></div></div>'
        for i, (a, d, t) in enumerate(comments)
    )
    return f"""<!DOCTYPE html>
<html lang="ru">
<head>
<meta charset="UTF-8">
<title>{s['title']} — Барнаул.Инфо</title>
<meta property="og:title" content="{s['title']}">
<meta property="og:site_name" content="Барнаул.Инфо">
<meta name="description" content="Завод мощностью 120 тысяч тонн зерна в год построят в Рубцовске">
</head>
<body>
<div class="ad-top"><a href="https://ads.example/click?id=1"><img src="/ad/top.gif" alt="Реклама"></a></div>
<header><a href="/" class="logo">Барнаул.Инфо</a>
<ul class="menu">{links([("/news/", "Новости"), ("/afisha/", "Афиша"), ("/realty/", "Недвижимость"), ("/auto/", "Авто"), ("/job/", "Работа"), ("/forum/", "Форум")])}</ul></header>
<div class="wrap">
<div class="col-main">
<div class="news-item">
<h1>{s['title']}</h1>
<div class="news-item__info"><time datetime="2023-11-21T16:05:00+07:00">21 ноября 2023, 16:05</time> · Экономика · <a href="#comments">4 комментария</a></div>
<div class="news-item__text">
{body_html(s['paras'][:3])}
<div class="inline-related"><b>По теме:</b> <a href="/news/0975/">Экспорт алтайской муки в Казахстан вырос на треть</a></div>
{body_html(s['paras'][3:])}
</div>
<div class="news-item__source">Источник: пресс-служба правительства Алтайского края</div>
{SHARE}
</div>
<div class="related"><h3>Новости по теме</h3><ul>{links(same_topic)}</ul></div>
<div class="related related--partners"><h3>Новости партнёров</h3><ul>{links(partners)}</ul></div>
<div class="comments" id="comments"><h3>Комментарии (4)</h3>
{com}
<form class="comment-form"><textarea placeholder="Ваш комментарий"></textarea><button>Отправить</button>
<p class="comment-form__rules">Комментарии публикуются после модерации. <a href="/rules/">Правила комментирования</a></p></form>
</div>
</div>
<div class="col-side"><h3>Популярное</h3><ul>{links(popular)}</ul>
<h3>Курсы валют</h3><p>USD 88,12 ▲ · EUR 96,40 ▼ · KZT 0,19</p></div>
</div>
<footer><ul>{links([("/about/", "О проекте"), ("/ads/", "Реклама на сайте"), ("/contacts/", "Контакты")])}</ul>
<p>© 2003–2023 Барнаул.Инфо. 16+</p></footer>
</body>
</html>
"""


# 4. Text in <div>s with <br><br> instead of <p>; date only as Russian text in the byline.
@page(
    "div_br",
    title="Челябинская делегация провела переговоры с деловыми кругами Костаная",
    date="2024-02-05",
    source="Южноуральская панорама (сетевое издание)",
    paras=[
        "Делегация Челябинской области во главе с министром промышленности, новых технологий и природных "
        "ресурсов региона Павлом Лыковым посетила Костанай. В её состав вошли представители 18 предприятий "
        "машиностроения, металлургии и пищевой промышленности.",
        "В ходе визита состоялся бизнес-форум, на котором челябинские и костанайские компании провели около "
        "ста встреч в формате B2B. Подписано семь соглашений о намерениях, в том числе о поставках "
        "трубной продукции и о сборке коммунальной техники на площадке костанайского завода.",
        "Стороны также обсудили развитие железнодорожных перевозок через станцию Тобол и открытие "
        "прямого пассажирского поезда Челябинск — Костанай, который не курсирует с 2020 года.",
        "Ответный визит костанайской делегации в Челябинск запланирован на июнь: он будет приурочен к "
        "Иннопромовской неделе и международной выставке «Агро-Урал».",
    ],
)
def div_br(s):
    body = "<br>\n<br>\n".join(s["paras"])
    return f"""<!DOCTYPE html>
<html>
<head>
<meta http-equiv="Content-Type" content="text/html; charset=utf-8">
<title>Южноуральская панорама - {s['title']}</title>
</head>
<body>
<div id="wrapper">
<div id="top"><div class="logo"><a href="/">Южноуральская панорама</a></div>
<div class="topmenu"><a href="/">Главная</a> | <a href="/news/">Новости</a> | <a href="/articles/">Статьи</a> | <a href="/docs/">Официально</a> | <a href="/archive/">Архив номеров</a> | <a href="/subscribe/">Подписка</a></div></div>
<div id="left">
<div class="block"><div class="block-title">Рубрики</div>
<div class="rubrics"><a href="/rub/economy/">Экономика</a><br><a href="/rub/power/">Власть</a><br><a href="/rub/society/">Общество</a><br><a href="/rub/agro/">Село</a><br><a href="/rub/sport/">Спорт</a></div></div>
<div class="block"><div class="block-title">Номер газеты</div><div><a href="/archive/2024-14/"><img src="/covers/2024-14.jpg" alt="Обложка"></a><br>№ 14 от 03.02.2024</div></div>
</div>
<div id="center">
<div class="path"><a href="/">Главная</a> &raquo; <a href="/news/">Новости</a> &raquo; <a href="/rub/economy/">Экономика</a></div>
<div class="news-title">{s['title']}</div>
<div class="news-byline">5 февраля 2024 года, 14:37 &nbsp;|&nbsp; Текст: Ирина Кравец &nbsp;|&nbsp; Фото: пресс-служба минпрома</div>
<div class="news-text">
{body}
</div>
<div class="news-print"><a href="?print=1">Версия для печати</a> &nbsp; <a href="/news/">Все новости рубрики</a></div>
<div class="news-more"><div class="block-title">Другие новости</div>
<div><a href="/news/31245/">Магнитогорский комбинат увеличил отгрузки в Казахстан</a> <span>04.02.2024</span></div>
<div><a href="/news/31240/">В Троицке откроют новый пункт пропуска</a> <span>03.02.2024</span></div>
<div><a href="/news/31236/">Аграрии региона получат субсидии на экспорт зерна</a> <span>02.02.2024</span></div>
</div>
</div>
<div id="footer">Сетевое издание «Южноуральская панорама». Учредитель: ОГУП «Редакция газеты». Перепечатка материалов только с письменного разрешения редакции.<br>
<a href="/about/">О газете</a> | <a href="/adv/">Реклама</a> | <a href="/contacts/">Контакты</a></div>
</div>
<script>var _tmr = window._tmr || (window._tmr = []); _tmr.push({{id: "0000000", type: "pageView"}});</script>
</body>
</html>
"""


# 5. Article with a table of contracts inside the body; article:published_time meta.
@page(
    "table_article",
    title="Оренбургская область подвела итоги торговой миссии в Актобе: подписано 14 контрактов",
    date="2024-06-18",
    source="Оренбург Медиа",
    paras=[
        "Оренбургские компании по итогам торговой миссии в Актюбинскую область Казахстана подписали 14 "
        "контрактов на общую сумму 2,3 млрд рублей. Миссию организовал региональный центр поддержки "
        "экспорта при участии торгового представительства России в Казахстане.",
        "В миссии приняли участие 22 предприятия — производители строительных материалов, продуктов "
        "питания, оборудования для нефтегазовой отрасли. Крупнейшие соглашения приведены в таблице.",
        ("table", [
            ["Компания", "Продукция", "Покупатель", "Сумма, млн руб."],
            ["ООО «Оренбургский кирпич»", "Облицовочный кирпич", "ТОО «Актобе Курылыс»", "640"],
            ["АО «Орскнефтемаш»", "Насосное оборудование", "ТОО «Жем Мунай Сервис»", "520"],
            ["ООО «Степной молочник»", "Сыры и сливочное масло", "Торговая сеть «Дастархан»", "310"],
            ["ООО «УралТеплоПром»", "Котельное оборудование", "ГКП «Актобе Жылу»", "275"],
        ]),
        "Остальные десять контрактов заключены на суммы от 20 до 150 млн рублей. По словам министра "
        "экономического развития Оренбургской области Олега Бекетова, половина участников миссии вышла "
        "на казахстанский рынок впервые.",
        "Следующая торговая миссия оренбургских предприятий пройдёт в сентябре в Уральске.",
    ],
)
def table_article(s):
    return f"""<!DOCTYPE html>
<html lang="ru">
<head>
<meta charset="utf-8">
<title>{s['title']} | Оренбург Медиа</title>
<meta name="description" content="Оренбургские компании подписали 14 контрактов на 2,3 млрд рублей">
<meta property="og:title" content="{s['title']}">
<meta property="og:type" content="article">
<meta property="article:published_time" content="2024-06-18T12:45:00+05:00">
<meta property="article:modified_time" content="2024-06-19T08:10:00+05:00">
<meta property="og:site_name" content="Оренбург Медиа">
</head>
<body>
<header class="hdr"><a href="/" class="hdr__logo">Оренбург Медиа</a>
<nav class="hdr__nav"><a href="/news/">Новости</a><a href="/business/">Бизнес</a><a href="/city/">Город</a><a href="/region/">Область</a><a href="/interview/">Интервью</a><a href="/special/">Спецпроекты</a></nav></header>
<div class="page">
<div class="post">
<div class="post__cat"><a href="/business/">Бизнес</a></div>
<h1 class="post__h1">{s['title']}</h1>
<div class="post__date">18 июня 2024, 12:45 · Обновлено 19 июня 2024, 08:10</div>
<div class="post__content">
{body_html(s['paras'])}
</div>
<div class="post__author">Материал подготовила Анна Лепёхина</div>
{SHARE}
</div>
<div class="more"><div class="more__title">Читайте также</div>
<ul>{links([("/business/2024/06/17/eksport/", "Экспорт оренбургской пшеницы в Казахстан вырос вдвое"), ("/region/2024/06/15/granica/", "На границе с Казахстаном откроют новый пункт пропуска"), ("/business/2024/06/12/forum/", "Оренбург примет форум приграничного сотрудничества")])}</ul></div>
</div>
<footer class="ftr">© 2024 «Оренбург Медиа». Все права защищены. 12+<br>Использование материалов возможно только с указанием активной ссылки на источник.</footer>
{COOKIE}
</body>
</html>
"""


# 6. JSON-LD NewsArticle with datePublished, OpenGraph, a big inline app-state script; no other date.
@page(
    "jsonld_og",
    title="Тюменская область и Узбекистан договорились о сборке сельхозтехники в Ташкенте",
    date="2024-05-27",
    source="Вслух о Тюмени",
    paras=[
        "Тюменский завод «СибАгроМаш» и узбекская компания «Agro Texnika Servis» подписали соглашение о "
        "создании совместного предприятия по сборке прицепной сельскохозяйственной техники в Ташкентской "
        "области. Документ подписан в рамках визита тюменской делегации в Узбекистан.",
        "На первом этапе на площадке в Чирчике будут собирать культиваторы и сеялки из тюменских "
        "машинокомплектов. Мощность производства — до 1 500 единиц техники в год. Уровень локализации "
        "в течение трёх лет планируется довести до 50%.",
        "«Узбекистан активно обновляет парк сельхозтехники, и наша продукция хорошо подходит для местных "
        "условий. Совместное производство позволит снизить цену для фермеров и сократить сроки поставки», — "
        "отметил генеральный директор «СибАгроМаша» Игорь Латышев.",
        "Кроме того, в ходе визита тюменские вузы договорились с Ташкентским государственным аграрным "
        "университетом о программе двойных дипломов по направлению «Агроинженерия».",
        "В 2023 году товарооборот Тюменской области с Узбекистаном составил 96 млн долларов. Основу "
        "тюменского экспорта составляют продукция машиностроения, лесоматериалы и нефтепродукты.",
        "Следующее заседание российско-узбекской межрегиональной рабочей группы пройдёт в Тюмени осенью.",
    ],
)
def jsonld_og(s):
    ld = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": s["title"],
        "datePublished": "2024-05-27T11:00:00+05:00",
        "dateModified": "2024-05-28T09:15:00+05:00",
        "author": {"@type": "Person", "name": "Константин Жуков"},
        "publisher": {"@type": "Organization", "name": "Вслух о Тюмени", "logo": {"@type": "ImageObject", "url": "https://vsluh-tmn.ru/logo.png"}},
        "image": ["https://vsluh-tmn.ru/upload/2024/05/tashkent.jpg"],
        "mainEntityOfPage": "https://vsluh-tmn.ru/news/economy/2024-05-27-uzbekistan/",
        "description": "Совместное предприятие будет собирать культиваторы и сеялки из тюменских машинокомплектов",
    }
    state = {
        "page": {"type": "article", "id": 184522, "rubric": "economy", "commentsEnabled": False},
        "user": {"auth": False, "region": "72"},
        "ads": {"slots": ["top_970x250", "side_300x600", "inread"], "provider": "adfox"},
        "menu": [{"title": t, "url": u} for t, u in (("Новости", "/news/"), ("Экономика", "/news/economy/"), ("Политика", "/news/politics/"), ("Происшествия", "/news/incidents/"))],
        "trending": [{"id": 184519, "title": "В Тюмени перекроют улицу Республики"}, {"id": 184501, "title": "Тюменцы стали чаще брать ипотеку"}],
    }
    return f"""<!doctype html>
<html lang="ru">
<head>
<meta charset="utf-8">
<title>{s['title']} — Вслух о Тюмени</title>
<meta property="og:title" content="{s['title']}">
<meta property="og:description" content="{ld['description']}">
<meta property="og:image" content="https://vsluh-tmn.ru/upload/2024/05/tashkent.jpg">
<meta property="og:url" content="https://vsluh-tmn.ru/news/economy/2024-05-27-uzbekistan/">
<meta property="og:type" content="article">
<meta property="og:site_name" content="Вслух о Тюмени">
<meta name="twitter:card" content="summary_large_image">
<link rel="canonical" href="https://vsluh-tmn.ru/news/economy/2024-05-27-uzbekistan/">
<script type="application/ld+json">{json.dumps(ld, ensure_ascii=False)}</script>
<script>window.__APP_STATE__ = {json.dumps(state, ensure_ascii=False)};</script>
<script async src="https://yastatic.net/pcode/adfox/loader.js"></script>
</head>
<body>
<div id="app">
<div class="adv adv--top" data-slot="top_970x250"></div>
<header class="Header"><a class="Header-logo" href="/">Вслух о Тюмени</a>
<nav class="Header-nav">{''.join(f'<a href="{m["url"]}">{m["title"]}</a>' for m in state['menu'])}</nav>
<button class="Header-burger" aria-label="Меню">☰</button></header>
<main class="Article">
<div class="Article-header"><h1 class="Article-title">{s['title']}</h1>
</div>
<div class="Article-photo"><img src="/upload/2024/05/tashkent.jpg" alt=""><span class="Article-photoCaption">Фото: пресс-служба правительства Тюменской области</span></div>
<div class="Article-body">
{body_html(s['paras'][:3])}
<div class="adv adv--inread" data-slot="inread">Реклама</div>
{body_html(s['paras'][3:])}
</div>
<div class="Article-author">Константин Жуков</div>
<div class="Article-share">{SHARE}</div>
</main>
<section class="Trending"><h2>Сейчас читают</h2>{''.join(f'<a class="Trending-item" href="/news/{t["id"]}/">{t["title"]}</a>' for t in state['trending'])}</section>
<footer class="Footer">© 2024 «Вслух о Тюмени». 18+. Сетевое издание зарегистрировано Роскомнадзором.</footer>
</div>
<noscript><div><img src="https://mc.yandex.ru/watch/00000000" style="position:absolute; left:-9999px;" alt=""></div></noscript>
</body>
</html>
"""


# 7. windows-1251 page (<meta charset=windows-1251>, saved as cp1251 bytes); date only as Russian text.
@page(
    "cp1251_kurgan",
    encoding="cp1251",
    title="Курганская область расширяет экспорт молочной продукции в Казахстан",
    date="2024-03-12",
    source="Курган-Инфо",
    paras=[
        "Молочный комбинат «Зауральский» заключил договор на поставку сливочного масла и сыров в торговые "
        "сети Северо-Казахстанской и Костанайской областей. Объём поставок в 2024 году составит около "
        "1,8 тысячи тонн продукции.",
        "По данным департамента агропромышленного комплекса Курганской области, в прошлом году экспорт "
        "молочной продукции из региона вырос на 22% и достиг 11 млн долларов. Более 80% поставок "
        "приходится на Казахстан.",
        "«Соседи ценят наше масло за натуральный состав. Мы прошли все процедуры регистрации продукции в "
        "ЕАЭС, поэтому никаких дополнительных барьеров нет — только логистика», — рассказал директор "
        "комбината Геннадий Тюменцев.",
        "Для наращивания поставок предприятие до конца года введёт в строй новый цех по производству "
        "полутвёрдых сыров мощностью 15 тонн в сутки. Часть затрат будет компенсирована из областного "
        "бюджета по программе поддержки экспортёров.",
        "Напомним, в феврале курганские аграрии приняли участие в выставке «Агро Експо» в Петропавловске, "
        "где подписали соглашения о поставках семян и племенного скота.",
    ],
)
def cp1251_kurgan(s):
    return f"""<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">
<html xmlns="http://www.w3.org/1999/xhtml">
<head>
<meta charset=windows-1251>
<title>{s['title']} :: Курган-Инфо</title>
<meta name="keywords" content="Курган, новости, экспорт, Казахстан, молоко">
<link href="/bitrix/templates/kurgan/styles.css" type="text/css" rel="stylesheet" />
</head>
<body>
<div class="header"><a href="/"><img src="/images/logo.gif" alt="Курган-Инфо" width="220" height="60" /></a>
<div class="menu"><a href="/news/">Новости</a> <a href="/economics/">Экономика</a> <a href="/politics/">Политика</a> <a href="/incidents/">Происшествия</a> <a href="/photo/">Фото</a> <a href="/contacts/">Контакты</a></div></div>
<div class="main">
<div class="left-col">
<h1>{s['title']}</h1>
<div class="byline">12 марта 2024 года &bull; Экономика &bull; Автор: Светлана Мухина</div>
<div class="detail-text">
{body_html(s['paras'])}
</div>
<div class="social"><script type="text/javascript" src="//yastatic.net/share2/share.js"></script><div class="ya-share2" data-services="vkontakte,odnoklassniki,telegram"></div></div>
<div class="other-news"><b>Другие новости раздела:</b><br />
<a href="/news/50123/">Шадринский завод увеличил выпуск автоагрегатов</a> (11.03.2024)<br />
<a href="/news/50117/">В Кургане обсудили развитие ярмарок выходного дня</a> (10.03.2024)<br />
<a href="/news/50110/">Курганские фермеры получат гранты «Агростартап»</a> (07.03.2024)</div>
</div>
<div class="right-col"><div class="informer">Погода в Кургане: −5…−9 °C</div>
<div class="vote"><b>Опрос:</b> Покупаете ли вы продукты местных производителей?<br /><input type="radio" name="v" /> Да, всегда<br /><input type="radio" name="v" /> Иногда<br /><input type="radio" name="v" /> Нет</div></div>
</div>
<div class="footer">© 2004–2024 Курган-Инфо. Информационное агентство. Свидетельство о регистрации СМИ ИА № ФС77-00000.<br />При перепечатке ссылка на Курган-Инфо обязательна.</div>
<!-- Yandex.Metrika counter --><script type="text/javascript">(function(m,e,t,r,i,k,a){{m[i]=m[i]||function(){{(m[i].a=m[i].a||[]).push(arguments)}};}})(window, document, "script", "https://mc.yandex.ru/metrika/tag.js", "ym");</script>
</body>
</html>
"""


# 8. koi8-r page declared with http-equiv Content-Type; an old regional newspaper; no date at all.
@page(
    "koi8r_saratov",
    encoding="koi8-r",
    title="Саратовская и Западно-Казахстанская области подписали соглашение о сотрудничестве",
    date="",
    source="Саратовский вестник",
    paras=[
        "Губернатор Саратовской области и аким Западно-Казахстанской области подписали соглашение о "
        "торгово-экономическом, научно-техническом и культурном сотрудничестве. Документ рассчитан на пять "
        "лет и предусматривает ежегодное согласование плана совместных мероприятий.",
        "Стороны договорились развивать кооперацию в нефтегазовом машиностроении, переработке "
        "сельскохозяйственной продукции и строительстве. Саратовские предприятия готовы поставлять в "
        "Уральск трубы, кабельную продукцию, стекло и лифтовое оборудование.",
        "Отдельный раздел соглашения посвящён приграничной торговле. В Озинском районе планируется "
        "открыть оптово-розничный рынок, где смогут работать предприниматели обеих стран.",
        "По итогам прошлого года товарооборот Саратовской области с Республикой Казахстан превысил "
        "300 млн долларов. Западно-Казахстанская область обеспечивает почти треть этого объёма.",
    ],
)
def koi8r_saratov(s):
    return f"""<HTML>
<HEAD>
<META http-equiv="Content-Type" content="text/html; charset=koi8-r">
<TITLE>Саратовский вестник: {s['title']}</TITLE>
<LINK rel="stylesheet" href="/css/main.css" type="text/css">
</HEAD>
<BODY bgcolor="#FFFFFF" leftmargin="0" topmargin="0">
<div id="head"><img src="/img/vestnik.gif" alt="Саратовский вестник" width="468" height="80"><br>
<span class="slogan">Общественно-политическая газета Саратовской области</span></div>
<div id="nav"><a href="/">Главная</a> &middot; <a href="/news/">Лента новостей</a> &middot; <a href="/economy/">Экономика</a> &middot; <a href="/power/">Власть</a> &middot; <a href="/culture/">Культура</a> &middot; <a href="/archive/">Архив</a> &middot; <a href="/guestbook/">Гостевая книга</a></div>
<div id="content">
<h2 class="title">{s['title']}</h2>
<div class="text">
{body_html(s['paras'])}
</div>
<div class="source">Пресс-служба губернатора Саратовской области</div>
<div class="print"><a href="print.php?id=8812">Версия для печати</a> | <a href="mailto:?subject=vestnik">Отправить другу</a></div>
</div>
<div id="right">
<div class="rtitle">Последние новости</div>
<a href="/news/8811/">В Энгельсе открыли новый мост через железную дорогу</a><br>
<a href="/news/8810/">Саратовские аграрии начали посевную</a><br>
<a href="/news/8809/">Областная дума приняла бюджет в первом чтении</a><br>
<div class="rtitle">Партнёры</div>
<a href="http://www.regnum.example/"><img src="/banners/88x31-1.gif" width="88" height="31" border="0" alt="Партнёр"></a>
<a href="http://top.example/"><img src="/banners/88x31-2.gif" width="88" height="31" border="0" alt="Рейтинг"></a>
</div>
<div id="foot">Copyright &copy; 2001-2024 Редакция газеты &laquo;Саратовский вестник&raquo;. Все права защищены.<br>
Адрес редакции: 410000, г. Саратов, ул. Московская, д. 0. E-mail: redaktor@vestnik.example</div>
</BODY>
</HTML>
"""


# 9. Very short news item (2 paragraphs) inside a heavy layout; no date.
@page(
    "short_item",
    title="Астраханские рыбопереработчики подписали контракт с партнёрами из Азербайджана",
    date="",
    source="АстраханьПресс",
    paras=[
        "Рыбоперерабатывающий завод «Каспий-Фиш» заключил контракт на поставку 400 тонн мороженой рыбы "
        "в Баку. Соглашение подписано на полях российско-азербайджанского межрегионального форума.",
        "Поставки начнутся в мае морским транспортом через порт Оля. Сумма контракта не раскрывается.",
    ],
)
def short_item(s):
    feed = [
        ("/news/4411/", "Астраханский порт нарастил перевалку грузов в Иран", "10:42"),
        ("/news/4410/", "В Ахтубинске отремонтируют набережную", "10:15"),
        ("/news/4409/", "Рыбаки готовятся к весенней путине", "09:58"),
        ("/news/4408/", "Сборная региона по гребле вернулась с медалями", "09:30"),
        ("/news/4407/", "На трассе Астрахань — Махачкала ограничат движение", "09:02"),
        ("/news/4406/", "Региональный минэкономики объявил конкурс для малого бизнеса", "08:45"),
        ("/news/4405/", "Синоптики прогнозируют дожди в выходные", "08:10"),
        ("/news/4404/", "В Астрахани пройдёт фестиваль каспийской кухни", "07:55"),
    ]
    items = "\n".join(f'<li><span class="time">{t}</span> <a href="{h}">{x}</a></li>' for h, x, t in feed)
    return f"""<!DOCTYPE html>
<html lang="ru">
<head>
<meta charset="utf-8">
<title>{s['title']}</title>
<meta name="viewport" content="width=device-width">
</head>
<body>
<header><div class="logo"><a href="/">АстраханьПресс</a></div>
<nav><a href="/news/">Лента</a> <a href="/economy/">Экономика</a> <a href="/society/">Общество</a> <a href="/caspian/">Каспий</a> <a href="/sport/">Спорт</a> <a href="/photo/">Фото</a> <a href="/tv/">ТВ</a></nav>
<div class="header-social"><a href="https://vk.com/">ВК</a> <a href="https://t.me/">TG</a> <a href="https://ok.ru/">ОК</a></div></header>
<div class="grid">
<div class="feed"><div class="feed__title">Лента новостей</div><ul>{items}</ul><a href="/news/">Вся лента</a></div>
<div class="story">
<h1>{s['title']}</h1>
{body_html(s['paras'])}
<div class="story__tags"><a href="/tags/ryba/">рыба</a> <a href="/tags/azerbaijan/">Азербайджан</a> <a href="/tags/export/">экспорт</a></div>
{SHARE}
</div>
<div class="promo"><div class="promo__title">Партнёрский материал</div><p>Где в Астрахани купить квартиру с отделкой и ипотекой от 6%: обзор новостроек весны. Застройщики рассказали о новых жилых комплексах в Советском и Кировском районах, о сроках сдачи домов и о том, какие программы господдержки действуют в этом году.</p><a href="/promo/123/">Подробнее</a></div>
</div>
<footer><p>© 2024 АстраханьПресс. Сетевое издание. 16+</p><p><a href="/about/">О нас</a> · <a href="/advert/">Реклама</a> · <a href="/policy/">Политика конфиденциальности</a></p></footer>
{COOKIE}
</body>
</html>
"""


# 10. Long analytical article (18 blocks with two sub-headings); article:published_time + <time>.
@page(
    "long_article",
    title="Как регионы Урала и Сибири наращивают торговлю с Казахстаном: итоги года",
    date="2024-02-20",
    source="Деловой Урал (журнал)",
    paras=[
        "Приграничные регионы России в 2023 году нарастили товарооборот с Казахстаном, несмотря на "
        "логистические сложности и колебания курсов валют. Мы изучили статистику и поговорили с "
        "экспортёрами, чиновниками и экспертами, чтобы понять, что стоит за этими цифрами.",
        "По оценке экспертов, на двенадцать российских регионов, граничащих с Казахстаном, приходится "
        "около 40% всей российско-казахстанской торговли. Лидерами остаются Челябинская, Оренбургская и "
        "Омская области, но быстрее всех растут поставки из Новосибирской и Тюменской областей.",
        ("h2", "Машиностроение вместо сырья"),
        "Главная перемена последних лет — структура экспорта. Если десять лет назад приграничные регионы "
        "поставляли в Казахстан в основном металл, уголь и зерно, то теперь всё большую долю занимают "
        "готовые изделия: автобусы, коммунальная техника, электрооборудование, строительные материалы.",
        "«Казахстанские заказчики перестали покупать просто железо. Им нужны решения под ключ — с монтажом, "
        "сервисом и обучением персонала. Тот, кто может это предложить, выигрывает тендеры», — объясняет "
        "коммерческий директор екатеринбургского завода электрооборудования Алексей Варенцов.",
        "Его предприятие за год открыло сервисные центры в Костанае и Актобе. Доля Казахстана в выручке "
        "завода выросла с 12 до 19%, а число постоянных клиентов в республике превысило сотню.",
        "Похожую стратегию выбрали челябинские производители коммунальной техники. Они не только продают "
        "машины, но и организуют их сборку на казахстанских площадках. Это позволяет участвовать в "
        "госзакупках, где действуют требования к местному содержанию.",
        "Курганская и Омская области делают ставку на переработку сельхозсырья. Молочные комбинаты, "
        "мукомольные заводы и мясокомбинаты приграничья получают до трети выручки от продаж в Казахстан, а "
        "местные власти компенсируют часть транспортных расходов экспортёров.",
        ("h2", "Совместные предприятия и инфраструктура"),
        "Второй заметный тренд — совместные предприятия. Только за прошлый год на межрегиональных форумах "
        "было объявлено о создании более двадцати российско-казахстанских производств — от переработки "
        "зерна в Рубцовске до выпуска запасных частей для сельхозтехники в Павлодаре.",
        "Впрочем, далеко не все объявленные проекты доходят до стройки. По подсчётам консалтинговой "
        "компании «Евразийский мост», реализуется примерно каждый третий. Основные причины неудач — "
        "сложности с финансированием и несогласованность регуляторных требований.",
        "Серьёзным ограничением остаётся пропускная способность границы. В пиковые месяцы очереди грузовиков "
        "на отдельных пунктах пропуска растягиваются на несколько километров. Модернизация пунктов "
        "«Петухово», «Маштаково» и «Бугристое» должна завершиться к 2026 году.",
        "Параллельно развиваются железнодорожные маршруты. Контейнерные поезда из Екатеринбурга и "
        "Новосибирска в Алматы и Ташкент ходят по регулярному расписанию, а время в пути сократилось почти "
        "на сутки благодаря упрощению таможенных процедур.",
        "Регионы всё активнее используют и инструменты поддержки экспорта. Региональные центры организуют "
        "бизнес-миссии, оплачивают участие в выставках и сертификацию продукции. По словам участников "
        "рынка, для небольших компаний это зачастую единственный способ выйти на зарубежный рынок.",
        "Есть и обратный поток: казахстанские компании открывают производства в российском приграничье. "
        "Так, павлодарский производитель металлоконструкций в прошлом году запустил цех в Омской области, "
        "а костанайский агрохолдинг арендовал элеватор в Курганской.",
        "Эксперты сходятся во мнении, что потенциал межрегиональной торговли далеко не исчерпан. Главные "
        "резервы — в промышленной кооперации, цифровизации таможенных процедур и развитии сервисов для "
        "малого бизнеса.",
        "«Ближайшие два-три года покажут, смогут ли регионы превратить протоколы о намерениях в реальные "
        "заводы. Пока соотношение примерно один к трём, и это можно и нужно улучшать», — резюмирует "
        "руководитель «Евразийского моста» Дарья Ким.",
        "Следующий, XXI Форум межрегионального сотрудничества России и Казахстана пройдёт осенью. Его "
        "главной темой станет промышленная кооперация приграничных регионов.",
    ],
)
def long_article(s):
    return f"""<!DOCTYPE html>
<html lang="ru">
<head>
<meta charset="utf-8">
<title>{s['title']} — Деловой Урал</title>
<meta property="og:title" content="{s['title']}">
<meta property="og:type" content="article">
<meta property="og:site_name" content="Деловой Урал">
<meta property="article:published_time" content="2024-02-20T07:00:00+05:00">
<meta property="article:author" content="Евгения Соболева">
<meta name="description" content="Приграничные регионы России нарастили товарооборот с Казахстаном">
</head>
<body>
<div class="subscribe-bar">Журнал «Деловой Урал» — подписка на 2024 год со скидкой 20%. <a href="/subscribe/">Оформить</a></div>
<header><a href="/" class="logo">Деловой Урал</a>
<nav><a href="/magazine/">Журнал</a> <a href="/analytics/">Аналитика</a> <a href="/rating/">Рейтинги</a> <a href="/events/">События</a> <a href="/people/">Люди</a></nav></header>
<main>
<article class="longread">
<header class="longread__head"><div class="longread__rubric">Аналитика</div>
<h1>{s['title']}</h1>
<div class="longread__meta">Текст: Евгения Соболева · <time datetime="2024-02-20">20 февраля 2024</time> · 12 минут чтения</div></header>
<div class="longread__body">
{body_html(s['paras'])}
</div>
<footer class="longread__foot"><p class="longread__note">Материал опубликован в февральском номере журнала «Деловой Урал».</p>{SHARE}</footer>
</article>
<section class="also"><h3>Ещё по теме</h3><ul>{links([("/analytics/2024/01/export-rating/", "Рейтинг экспортёров Урала — 2023"), ("/analytics/2023/12/logistics/", "Логистика на восток: что изменилось за год"), ("/people/2023/11/interview-kim/", "Дарья Ким: «Кооперация — это про доверие»")])}</ul></section>
</main>
<footer class="site-foot">© 2024 ООО «Деловой Урал». Все права защищены. 16+</footer>
</body>
</html>
"""


# 11. Photo report: lead photo + gallery with captions after a short text; <time datetime>.
@page(
    "gallery_omsk",
    title="В Омске открылась выставка-ярмарка казахстанских товаров",
    date="2024-07-09",
    source="Омск Сегодня",
    paras=[
        "В выставочном центре «Интерсиб» открылась выставка-ярмарка «Казахстан — Омск», в которой "
        "участвуют более 60 производителей из Павлодарской, Северо-Казахстанской и Акмолинской областей.",
        "Посетители могут приобрести мёд, кондитерские изделия, кумыс, текстиль и изделия из войлока. "
        "Отдельная площадка отведена для переговоров казахстанских производителей с омскими торговыми "
        "сетями.",
        "По словам организаторов, в первый день ярмарку посетили около пяти тысяч человек. Выставка "
        "продлится до 14 июля, вход свободный.",
        "В прошлом году по итогам аналогичной ярмарки омские сети заключили договоры на поставку "
        "казахстанской продукции на сумму более 200 млн рублей.",
    ],
)
def gallery_omsk(s):
    captions = [
        "Торжественное открытие ярмарки",
        "Павлодарские кондитеры привезли более 40 видов сладостей",
        "Изделия из войлока мастеров Акмолинской области",
        "Дегустация кумыса и шубата",
        "Переговоры с представителями омских торговых сетей",
        "Юные посетители ярмарки",
    ]
    figs = "\n".join(
        f'<figure class="gallery__item"><a href="/upload/photo/2024/07/yarmarka-{i}.jpg"><img src="/upload/photo/2024/07/yarmarka-{i}-thumb.jpg" alt="{c}"></a>'
        f'<figcaption>{c}. Фото: Дмитрий Ремизов</figcaption></figure>'
        for i, c in enumerate(captions, 1)
    )
    return f"""<!DOCTYPE html>
<html lang="ru">
<head>
<meta charset="utf-8">
<title>{s['title']}. Фоторепортаж — Омск Сегодня</title>
<meta property="og:title" content="{s['title']}">
<meta property="og:type" content="article">
<link rel="stylesheet" href="/css/fotorama.css">
</head>
<body>
<header class="top"><a href="/" class="top__logo">Омск Сегодня</a>
<ul class="top__menu">{links([("/news/", "Новости"), ("/photo/", "Фоторепортажи"), ("/video/", "Видео"), ("/afisha/", "Афиша"), ("/weather/", "Погода")])}</ul></header>
<div class="content">
<div class="photo-report">
<h1>{s['title']}</h1>
<div class="photo-report__info"><time datetime="2024-07-09T13:20:00+06:00">9 июля 2024, 13:20</time> · Фото: Дмитрий Ремизов</div>
<figure class="photo-report__lead"><img src="/upload/photo/2024/07/yarmarka-0.jpg" alt=""><figcaption>Ярмарка продлится до 14 июля. Фото: Дмитрий Ремизов</figcaption></figure>
<div class="photo-report__text">
{body_html(s['paras'])}
</div>
<div class="gallery fotorama" data-nav="thumbs"><div class="gallery__title">Фотогалерея (6 фото)</div>
{figs}
</div>
{SHARE}
</div>
<aside class="more-photo"><h3>Другие фоторепортажи</h3><ul>{links([("/photo/2024/07/08/den-goroda/", "Подготовка ко Дню города: фоторепортаж"), ("/photo/2024/07/05/most/", "Как строят новый мост через Иртыш"), ("/photo/2024/07/02/festival/", "Фестиваль «Сибирские узоры»")])}</ul></aside>
</div>
<footer><p>© 2024 «Омск Сегодня». При использовании фотографий ссылка обязательна. 12+</p></footer>
{COOKIE}
<script src="/js/fotorama.js"></script>
</body>
</html>
"""


# 12. Kazakh regional site in Russian: Kazakh menu, language switch, body followed by "Читайте также".
@page(
    "kz_pavlodar",
    title="Делегация Павлодарской области подписала в Новосибирске соглашения на 8 млрд тенге",
    date="2024-09-12",
    source="Pavlodar Today (Казахстан)",
    paras=[
        "Делегация Павлодарской области во главе с акимом региона посетила Новосибирск с рабочим визитом. "
        "По итогам переговоров подписано шесть соглашений на общую сумму около 8 млрд тенге.",
        "Наиболее крупный документ подписали ТОО «Павлодарский машиностроительный завод» и новосибирская "
        "компания «Сибирские технологии». Партнёры организуют в Павлодаре совместное производство "
        "электродвигателей для насосного оборудования. Планируемый объём выпуска — 3 тысячи двигателей в год.",
        "Кроме того, павлодарские аграрии договорились о поставках 25 тысяч тонн пшеницы и 5 тысяч тонн "
        "подсолнечного масла в Новосибирскую область, а Павлодарский педагогический университет подписал "
        "меморандум с Новосибирским государственным техническим университетом.",
        "«Новосибирская область — один из наших стратегических партнёров. Товарооборот за семь месяцев "
        "этого года вырос на 18%. Мы видим большой потенциал в промышленной кооперации и логистике», — "
        "отметил аким области.",
        "Во время визита делегация посетила технопарк новосибирского Академгородка и завод по производству "
        "светодиодной техники. Стороны также обсудили открытие прямого авиарейса Павлодар — Новосибирск.",
        "Ответный визит новосибирской делегации в Павлодар запланирован на ноябрь в рамках Форума "
        "межрегионального сотрудничества.",
    ],
)
def kz_pavlodar(s):
    also = [
        ("/news/2024/09/11/ekibastuz/", "В Экибастузе запустили новую линию по производству кабеля", "11.09.2024"),
        ("/news/2024/09/10/most/", "Ремонт моста через Иртыш завершат к концу октября", "10.09.2024"),
        ("/news/2024/09/06/omsk/", "Павлодарские и омские предприниматели провели онлайн-переговоры", "06.09.2024"),
        ("/news/2024/09/03/zerno/", "Аграрии области приступили к уборке зерновых", "03.09.2024"),
    ]
    also_html = "\n".join(f'<div class="read-also__item"><a href="{h}">{t}</a><span class="read-also__date">{d}</span></div>' for h, t, d in also)
    return f"""<!DOCTYPE html>
<html lang="ru">
<head>
<meta charset="utf-8">
<title>{s['title']} - Pavlodar Today</title>
<meta property="og:title" content="{s['title']}">
<meta property="og:site_name" content="Pavlodar Today">
<meta property="og:url" content="https://pavlodar-today.kz/ru/news/2024/09/12/novosibirsk/">
<meta property="article:published_time" content="2024-09-12T15:10:00+05:00">
<meta name="description" content="Подписано шесть соглашений на общую сумму около 8 млрд тенге">
</head>
<body>
<div class="lang-bar"><a href="/kz/">ҚАЗ</a> <a class="active" href="/ru/">РУС</a> <a href="/en/">ENG</a></div>
<header><a class="logo" href="/ru/">Pavlodar Today</a>
<nav class="menu"><a href="/ru/">Басты бет</a> <a href="/ru/news/">Жаңалықтар</a> <a href="/ru/economy/">Экономика</a> <a href="/ru/society/">Общество</a> <a href="/ru/region/">Регион</a> <a href="/ru/contacts/">Байланыс</a></nav>
<div class="rates">USD 479,85 · RUB 5,31 · EUR 531,20</div></header>
<div class="container">
<div class="article">
<div class="article__meta"><span class="article__date">12.09.2024 15:10</span> <span class="article__views">👁 2 417</span></div>
<h1>{s['title']}</h1>
<div class="article__img"><img src="/uploads/2024/09/novosibirsk.jpg" alt=""><span>Фото: пресс-служба акимата Павлодарской области</span></div>
<div class="article__text">
{body_html(s['paras'])}
</div>
<div class="article__author">Айгерим Жумабаева</div>
<div class="read-also"><div class="read-also__title">Читайте также</div>
{also_html}
</div>
<div class="article__tg">Подписывайтесь на наш <a href="https://t.me/">Telegram-канал</a> и <a href="https://instagram.com/">Instagram</a>, чтобы первыми узнавать новости Павлодарской области.</div>
{SHARE}
</div>
<div class="sidebar"><div class="sidebar__title">Популярное</div><ul>{links([("/ru/news/2024/09/09/avtobus/", "В Павлодаре изменится маршрут автобуса № 21"), ("/ru/news/2024/09/08/akim/", "Аким области провёл приём граждан"), ("/ru/news/2024/09/07/pogoda/", "В регионе ожидаются заморозки")])}</ul></div>
</div>
<footer><p>© 2024 Pavlodar Today. Свидетельство о постановке на учёт сетевого издания № KZ00VPY00000000 выдано Министерством информации и общественного развития Республики Казахстан.</p>
<p>Мнение редакции может не совпадать с мнением авторов материалов.</p></footer>
</body>
</html>
"""


# 13. 2000s table layout: nested tables, <font>, spacer gifs, headline in <b> (no <h1>); Russian date text.
@page(
    "table_layout_old",
    title="Астраханская и Атырауская области создадут совместное судоремонтное предприятие",
    date="2006-10-17",
    source="Администрация Астраханской области (архив сайта)",
    paras=[
        "В Астрахани состоялась встреча губернатора Астраханской области с делегацией Атырауской области "
        "Республики Казахстан, которую возглавил заместитель акима области.",
        "Стороны обсудили ход выполнения Программы межрегионального сотрудничества на 2005–2007 годы. "
        "Отмечено, что товарооборот между областями за девять месяцев текущего года вырос в полтора раза.",
        "Главным итогом встречи стало подписание протокола о создании совместного судоремонтного "
        "предприятия на базе одного из астраханских заводов. Предприятие будет обслуживать суда, работающие "
        "на казахстанских месторождениях Каспийского шельфа.",
        "Кроме того, достигнута договорённость о проведении в 2007 году в Атырау выставки астраханских "
        "товаропроизводителей и об обмене опытом в сфере рыбоводства и охраны осетровых.",
        "По мнению участников встречи, реализация совместных проектов позволит создать в регионах не менее "
        "500 новых рабочих мест.",
    ],
)
def table_layout_old(s):
    menu = "".join(
        f'<tr><td><img src="/img/arrow.gif" width="7" height="7"> <a href="{h}" class="menu">{t}</a></td></tr>'
        for h, t in (("/index.php", "Главная"), ("/governor/", "Губернатор"), ("/admin/", "Администрация"), ("/news/", "Новости"), ("/economy/", "Экономика"), ("/invest/", "Инвестиции"), ("/docs/", "Документы"), ("/links/", "Ссылки"))
    )
    text = "\n".join(f'<p align="justify"><font face="Verdana, Arial" size="2">{p}</font></p>' for p in s["paras"])
    return f"""<!DOCTYPE HTML PUBLIC "-//W3C//DTD HTML 4.01 Transitional//EN">
<html>
<head>
<meta http-equiv="Content-Type" content="text/html; charset=utf-8">
<title>Новости :: Администрация Астраханской области</title>
</head>
<body bgcolor="#FFFFFF" text="#000000" leftmargin="0" topmargin="0" marginwidth="0" marginheight="0">
<table width="100%" border="0" cellspacing="0" cellpadding="0">
<tr><td bgcolor="#003366" height="90"><img src="/img/top_gerb.gif" width="780" height="90" alt="Администрация Астраханской области"></td></tr>
<tr><td bgcolor="#CCCCCC"><font face="Verdana" size="1">&nbsp;<a href="/index.php">Главная</a> | <a href="/sitemap/">Карта сайта</a> | <a href="/feedback/">Обратная связь</a> | <a href="/eng/">English</a></font></td></tr>
</table>
<table width="100%" border="0" cellspacing="0" cellpadding="5">
<tr>
<td width="180" valign="top" bgcolor="#E8EEF4">
<table width="100%" border="0" cellspacing="2" cellpadding="0">{menu}</table>
<br><font face="Verdana" size="1"><b>Поиск:</b></font><form action="/search.php"><input type="text" name="q" size="15"> <input type="submit" value="OK"></form>
<img src="/img/spacer.gif" width="1" height="10"><br>
<a href="http://www.gov.example/"><img src="/img/banner_president.gif" width="160" height="60" border="0" alt="Официальный сайт Президента"></a>
</td>
<td width="1" bgcolor="#999999"><img src="/img/spacer.gif" width="1" height="1"></td>
<td valign="top">
<table width="100%" border="0" cellspacing="0" cellpadding="0">
<tr><td><font face="Verdana" size="1" color="#666666">Новости / Внешнеэкономические связи</font></td></tr>
<tr><td><img src="/img/spacer.gif" width="1" height="8"></td></tr>
<tr><td><font face="Verdana, Arial" size="3" color="#003366"><b>{s['title']}</b></font></td></tr>
<tr><td><font face="Verdana" size="1" color="#666666">17 октября 2006 года</font></td></tr>
<tr><td>
{text}
</td></tr>
<tr><td align="right"><font face="Verdana" size="1">Пресс-служба Губернатора Астраханской области</font></td></tr>
<tr><td><font face="Verdana" size="1"><a href="/news/">&lt;&lt; к списку новостей</a> &nbsp; <a href="javascript:window.print()">Распечатать</a></font></td></tr>
</table>
</td>
<td width="200" valign="top" bgcolor="#F4F4F4"><font face="Verdana" size="1"><b>Последние новости:</b><br><br>
16.10.2006 <a href="/news/2006/10/16/1/">Губернатор провёл совещание по подготовке к зиме</a><br><br>
16.10.2006 <a href="/news/2006/10/16/2/">В области завершена уборка риса</a><br><br>
13.10.2006 <a href="/news/2006/10/13/1/">Открыт новый причал в порту Оля</a><br><br>
12.10.2006 <a href="/news/2006/10/12/1/">Итоги социально-экономического развития за 9 месяцев</a></font></td>
</tr>
</table>
<table width="100%" border="0" cellspacing="0" cellpadding="3"><tr><td bgcolor="#003366" align="center"><font face="Verdana" size="1" color="#FFFFFF">© 2001–2006 Администрация Астраханской области. Разработка сайта: ООО «Веб-Студия».<br>
<a href="http://top.example/"><img src="/img/counter.gif" width="88" height="31" border="0"></a></font></td></tr></table>
</body>
</html>
"""


# 14. AMP page: <html ⚡>, amp-boilerplate, amp-img, amp-sidebar, amp-analytics config, JSON-LD.
@page(
    "amp_samara",
    title="Самарская компания построит завод автокомпонентов в Узбекистане",
    date="2024-08-15",
    source="Самара Онлайн (AMP-версия)",
    paras=[
        "Самарский производитель автокомпонентов «ВолгаПласт» и узбекская компания «UzAuto Komponent» "
        "создадут совместное предприятие по выпуску пластиковых деталей салона для легковых автомобилей.",
        "Завод разместится в свободной экономической зоне «Джизак». Инвестиции в проект составят около "
        "30 млн долларов, из которых 40% вложит самарская сторона. Запуск производства намечен на "
        "2026 год.",
        "«Мы давно поставляем комплектующие узбекским автосборщикам. Локализация на месте позволит "
        "сократить логистические издержки и стать полноценным участником их производственной цепочки», — "
        "сообщил генеральный директор «ВолгаПласта» Роман Еремеев.",
        "На предприятии планируется создать около 450 рабочих мест. Обучение персонала пройдёт на "
        "самарской площадке компании.",
        "Соглашение подписано в ходе визита делегации Самарской области в Узбекистан. Всего за время "
        "визита стороны заключили документы на сумму более 150 млн долларов.",
    ],
)
def amp_samara(s):
    ld = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": s["title"],
        "datePublished": "2024-08-15T10:05:00+04:00",
        "author": {"@type": "Person", "name": "Ольга Гринько"},
        "publisher": {"@type": "Organization", "name": "Самара Онлайн"},
        "mainEntityOfPage": "https://samara-online.example/news/2024/08/15/uzbekistan/",
    }
    analytics = {"vars": {"counterId": "00000000"}, "triggers": {"notBounce": {"on": "timer", "timerSpec": {"immediate": False, "interval": 15, "maxTimerLength": 14}, "request": "notBounce"}}}
    return f"""<!doctype html>
<html ⚡ lang="ru">
<head>
<meta charset="utf-8">
<script async src="https://cdn.ampproject.org/v0.js"></script>
<script async custom-element="amp-sidebar" src="https://cdn.ampproject.org/v0/amp-sidebar-0.1.js"></script>
<script async custom-element="amp-analytics" src="https://cdn.ampproject.org/v0/amp-analytics-0.1.js"></script>
<script async custom-element="amp-social-share" src="https://cdn.ampproject.org/v0/amp-social-share-0.1.js"></script>
<title>{s['title']}</title>
<link rel="canonical" href="https://samara-online.example/news/2024/08/15/uzbekistan/">
<meta name="viewport" content="width=device-width,minimum-scale=1,initial-scale=1">
<script type="application/ld+json">{json.dumps(ld, ensure_ascii=False)}</script>
<style amp-boilerplate>body{{-webkit-animation:-amp-start 8s steps(1,end) 0s 1 normal both;animation:-amp-start 8s steps(1,end) 0s 1 normal both}}@keyframes -amp-start{{from{{visibility:hidden}}to{{visibility:visible}}}}</style><noscript><style amp-boilerplate>body{{-webkit-animation:none;animation:none}}</style></noscript>
<style amp-custom>body{{font-family:Arial,sans-serif}}.hdr{{background:#0b3d6e;color:#fff}}.story p{{line-height:1.5}}</style>
</head>
<body>
<amp-sidebar id="menu" layout="nodisplay" side="left"><ul>{links([("/news/", "Все новости"), ("/economy/", "Экономика"), ("/city/", "Город"), ("/auto/", "Авто"), ("/sport/", "Спорт")])}</ul></amp-sidebar>
<header class="hdr"><button on="tap:menu.toggle">☰</button> <a href="/">Самара Онлайн</a></header>
<div class="story">
<h1>{s['title']}</h1>
<div class="story__meta"><time datetime="2024-08-15T10:05:00+04:00">15 августа 2024, 10:05</time> · Ольга Гринько</div>
<amp-img src="/upload/2024/08/volgaplast.jpg" width="800" height="450" layout="responsive" alt="Цех компании"></amp-img>
{body_html(s['paras'])}
<div class="story__share"><amp-social-share type="vk" width="40" height="40"></amp-social-share><amp-social-share type="telegram" width="40" height="40"></amp-social-share></div>
<a class="story__full" href="https://samara-online.example/news/2024/08/15/uzbekistan/">Полная версия материала</a>
</div>
<div class="more"><h3>Читайте также</h3><ul>{links([("/amp/news/2024/08/14/avtovaz/", "АвтоВАЗ увеличил выпуск Lada Vesta"), ("/amp/news/2024/08/13/port/", "В Тольятти модернизируют речной порт")])}</ul></div>
<footer>© 2024 Самара Онлайн. 16+</footer>
<amp-analytics type="metrika"><script type="application/json">{json.dumps(analytics)}</script></amp-analytics>
</body>
</html>
"""


README = """# Extraction benchmark pages

Hand-written imitations of Russian-language regional news pages (sites, people, companies and
figures are invented), written by `../make_pages.py`; used by `python -m benchmarks.extraction`.
Each page is `NAME.html` (bytes as saved, in the charset it declares), `NAME.gold.txt` and
`NAME.meta.json` (`title`, `date` as YYYY-MM-DD or "" when the page shows none, `source`,
plus `encoding` and `shape`, a note on the layout).

Gold text = the article body as a reader sees it: paragraphs and sub-headings separated by blank
lines, table rows one per line with cells joined by " | ". Left out: the headline, byline and date,
photo and gallery captions, tags, share and subscribe buttons, "read also"/related links, comments,
banners, cookie notices, sidebars and footers.

| page | shape | encoding | date given as |
|---|---|---|---|
"""


def main() -> None:
    PAGES.mkdir(parents=True, exist_ok=True)
    rows = []
    for name, spec in SPECS.items():
        encoding = spec.get("encoding", "utf-8")
        html = spec["render"](spec)
        data = html.encode(encoding, "xmlcharrefreplace")
        assert len(data) < 40_000, (name, len(data))
        (PAGES / f"{name}.html").write_bytes(data)
        (PAGES / f"{name}.gold.txt").write_text(gold_text(spec["paras"]), encoding="utf-8")
        meta = {"title": spec["title"], "date": spec["date"], "source": spec["source"], "encoding": encoding, "shape": SHAPES[name]}
        (PAGES / f"{name}.meta.json").write_text(json.dumps(meta, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        rows.append(f"| {name} | {SHAPES[name]} | {encoding} | {DATE_HOW[name]} |")
        print(f"{name}: {len(data)} bytes, {len(spec['paras'])} blocks")
    (PAGES / "README.md").write_text(README + "\n".join(rows) + "\n", encoding="utf-8")


SHAPES = {
    "gov_region_news": "regional government portal: menus, breadcrumbs, left menu, «Новости» sidebar",
    "agency_article": "news agency, <article>, share buttons, tags, «Главное» aside",
    "related_comments": "city portal: related/partner/popular link lists, inline «По теме», 4 comments",
    "div_br": "text in one <div> with <br><br> instead of <p>",
    "table_article": "table of contracts inside the body",
    "jsonld_og": "JSON-LD NewsArticle, OpenGraph, big inline app-state script, in-read ad",
    "cp1251_kurgan": "<meta charset=windows-1251>, cp1251 bytes",
    "koi8r_saratov": "old newspaper site, http-equiv charset=koi8-r, koi8-r bytes",
    "short_item": "2-paragraph item in a heavy layout (news feed, long promo block)",
    "long_article": "long read, 16 paragraphs + 2 sub-headings",
    "gallery_omsk": "photo report: lead photo, 6-photo gallery with captions",
    "kz_pavlodar": "Kazakhstan site in Russian, Kazakh menu, «Читайте также» after the body",
    "table_layout_old": "2000s nested-table layout, <font>, headline in <b>, no <h1>",
    "amp_samara": "AMP page (<html ⚡>, amp-img, amp-sidebar, amp-analytics)",
}
DATE_HOW = {
    "gov_region_news": "text 14.03.2024 11:20",
    "agency_article": "article:published_time + <time datetime>",
    "related_comments": "<time datetime> (comments dated later)",
    "div_br": "Russian text «5 февраля 2024 года» in byline",
    "table_article": "article:published_time (+ modified_time)",
    "jsonld_og": "JSON-LD datePublished (+ dateModified)",
    "cp1251_kurgan": "Russian text «12 марта 2024 года» in byline",
    "koi8r_saratov": "none (gold \"\"; footer © 2001-2024)",
    "short_item": "none (gold \"\"; footer © 2024)",
    "long_article": "article:published_time + <time datetime>",
    "gallery_omsk": "<time datetime>",
    "kz_pavlodar": "article:published_time + text 12.09.2024",
    "table_layout_old": "Russian text «17 октября 2006 года»",
    "amp_samara": "JSON-LD datePublished + <time datetime>",
}

if __name__ == "__main__":
    main()
