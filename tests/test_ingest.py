"""Ingestion: saved pages and feeds in several encodings, dates from datelines, near-duplicate groups."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from coopsearch import indexer
from coopsearch.ingest import Document, Problem, decode_bytes, read_paths
from coopsearch.ingest.dates import date_from_text
from coopsearch.indexer import index_paths
from coopsearch.query import QueryError, build_request
from coopsearch.retrieval import search
from coopsearch.web import create_app

from .conftest import ROOT

INGEST = ROOT / "corpus" / "formats"  # the demo corpus's other input formats, also the fixtures here
OMSK_PAGE = "pages/omsk-pavlodar.html"
OMSK_ITEM = "kaz-news-88231"  # the same story reprinted in the feed: another headline, reworded, cut
# id → (title, date, source, words in the text, words that must not be in it)
EXPECTED = {
    OMSK_PAGE: (
        "Омская и Павлодарская области подписали соглашение о сотрудничестве",
        "2024-05-16",
        "Омск Регион",
        ["акимат Павлодарской области", "Торайгыров университет", "пункта пропуска"],
        ["Читайте также", "Все права защищены", "Главная", "Прогноз погоды"],
    ),
    "pages/kabel-cp1251.html": (  # windows-1251 declared in <meta charset>
        "Сибэлектромаш и Казэнергокабель построят завод в Павлодаре",
        "2024-05-14",
        "",
        ["«Казэнергокабель»", "4,5 миллиарда тенге", "200 рабочих мест"],
        ["Читайте также", "Прогноз погоды"],
    ),
    "pages/altai-koi8.htm": (  # koi8-r declared with http-equiv; no date anywhere
        "Алтайские предприниматели договорились о поставках в ВКО",
        "",
        "",
        ["Усть-Каменогорске", "ярмарке в Семее"],
        ["Читайте также"],
    ),
    "word/dogovor-zerno.txt": (  # a Word export in cp1251 with a dateline
        "Договор о поставках зерна между Новосибирской областью и Акмолинской областью",
        "2024-03-12",
        "",
        ["НОВОСИБИРСК, 12 марта 2024 г.", "ТОО «Астык-Трейд»", "элеватора"],
        [],
    ),
    OMSK_ITEM: (  # RSS with content:encoded
        "Омск и Павлодар договорились о поставках техники и зерна",
        "2024-05-17",
        "Казахстан: приграничное сотрудничество",
        ["заключили соглашение", "пресс-служба правительства региона"],
        ["<p>", "Торайгыров"],
    ),
    "kaz-news-88240": (  # RSS item with a description only
        "В Петропавловске открылся торговый дом Курганской области",
        "2024-05-20",
        "Казахстан: приграничное сотрудничество",
        ["молочную продукцию и мебель"],
        [],
    ),
    "kaz-news-88251": (  # RSS item without pubDate
        "Экспортный центр Челябинской области проведёт бизнес-миссию в Костанай",
        "",
        "Казахстан: приграничное сотрудничество",
        ["Костанайскую область"],
        [],
    ),
    "tag:priirtyshye.example,2024:tyumen-astana": (  # Atom in windows-1251 (XML declaration)
        "Тюменская область откроет представительство в Астане",
        "2024-06-03",
        "Вести Прииртышья",
        ["торговое представительство в Астане", "нефтегазового машиностроения"],
        ["&lt;", "<p>"],
    ),
}


@pytest.fixture(scope="module")
def ingest_index(tmp_path_factory) -> Path:
    target = tmp_path_factory.mktemp("ingest") / "index"
    report = index_paths([INGEST], target, workers=1)
    assert (report.added, report.skipped, report.kept_with_notes, report.undated, report.grouped) == (8, 0, 0, 2, 1)
    return target


def documents(*paths: Path) -> dict[str, Document]:
    return {d.id: d for d in read_paths(paths) if isinstance(d, Document)}


@pytest.mark.parametrize("doc_id", sorted(EXPECTED))
def test_titles_dates_sources_and_texts(doc_id):
    title, day, source, present, absent = EXPECTED[doc_id]
    doc = documents(INGEST)[doc_id]
    assert (doc.title, doc.date, doc.source) == (title, day, source)
    for words in present:
        assert words in doc.text
    for words in absent:
        assert words not in doc.text
    assert not doc.text.startswith(title)  # the page's <h1> is not repeated in the text


def test_folder_indexes_with_one_grouped_hit(ingest_index):
    everything = search(ingest_index, build_request(limit=100))
    assert (everything.total, everything.documents) == (7, 8)
    result = search(ingest_index, build_request("соглашение Павлодарской области"))
    grouped = [h for h in result.hits if h.similar]
    assert len(grouped) == 1 and grouped[0].similar == 1
    assert grouped[0].id in (OMSK_PAGE, OMSK_ITEM)
    members = search(ingest_index, build_request(group=grouped[0].group))
    assert {h.id for h in members.hits} == {OMSK_PAGE, OMSK_ITEM}
    assert all(h.similar == 0 for h in members.hits)  # expanded: nothing collapsed
    flat = search(ingest_index, build_request("соглашение Павлодарской области", collapse=0))
    assert {OMSK_PAGE, OMSK_ITEM} <= {h.id for h in flat.hits} and flat.total == flat.documents


def test_facets_count_documents_not_groups(ingest_index):
    result = search(ingest_index, build_request(filters={"region": ["Омская область"]}))
    counts = {v.value: v.count for v in result.facets["region"]}
    assert counts["Омская область"] == 2 and result.total == 1 and result.documents == 2


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("НОВОСИБИРСК, 12 марта 2019 г. — Делегация прибыла в регион.", "2019-03-12"),
        ("НУР-СУЛТАН (Казинформ), 3 апр. 2020 - Стороны подписали", "2020-04-03"),
        ("12.03.2019 10:15\nДелегация прибыла", "2019-03-12"),
        ("Новости региона\n12 мая 2021 года\nДелегация прибыла", "2021-05-12"),
        ("2022-09-01\nСоглашение подписано", "2022-09-01"),
        ("Текст новости.\nОпубликовано: 5 мая 2021 г.", "2021-05-05"),
        ("Текст новости. Дата публикации 05.05.2021", "2021-05-05"),
        # body dates are event dates: not publication dates
        ("14 марта 2018 года задержаны участники группировки", ""),
        ("В рамках форума 22 сентября 2015 года состоялся семинар.", ""),
        ("Выборы пройдут 26 марта 2024 года.", ""),
        # ambiguous, incomplete or impossible
        ("12.03.2019 10:15\nОпубликовано: 13.03.2019", ""),
        ("12 марта\nДелегация прибыла", ""),
        ("31.02.2019\nТекст", ""),
        ("12.03.1890\nТекст", ""),
        ("", ""),
    ],
)
def test_date_from_text(text, expected):
    assert date_from_text(text) == expected


TEXT = "Делегация Омской области подписала соглашение о поставках зерна в Казахстан — «Сибирская нива»."


@pytest.mark.parametrize(
    ("data", "declared", "note"),
    [
        (TEXT.encode("utf-8"), "", ""),
        (b"\xef\xbb\xbf" + TEXT.encode("utf-8"), "windows-1251", ""),  # a BOM beats the declaration
        (TEXT.encode("cp1251"), "windows-1251", ""),
        (TEXT.encode("cp1251"), "", ""),
        (TEXT.replace("—", "-").replace("«", '"').replace("»", '"').encode("koi8_r"), "koi8-r", ""),
        (TEXT.replace("—", "-").replace("«", '"').replace("»", '"').encode("koi8_r"), "", ""),
        (TEXT.replace("—", "-").replace("«", '"').replace("»", '"').encode("cp866"), "", ""),
        (TEXT.encode("cp1251"), "utf-8", "declared charset 'utf-8' does not fit the bytes; read as cp1251"),
        (TEXT.encode("utf-8"), "x-unknown-charset", "unknown charset 'x-unknown-charset' declared; read as UTF-8"),
    ],
)
def test_decode_with_declaration_and_detection(data, declared, note):
    text, got_note = decode_bytes(data, declared)
    assert text.replace("-", "—").replace('"', "«", 1).replace('"', "»", 1) == TEXT
    assert got_note == note


def test_feed_items_stay_when_they_leave_the_feed_and_go_with_the_file(tmp_path):
    feeds = tmp_path / "feeds"
    shutil.copytree(INGEST / "feeds", feeds)
    target = tmp_path / "index"
    assert index_paths([feeds], target, workers=1, pipeline=indexer.Pipeline(ner=False)).added == 4
    rss = feeds / "kaz-news.rss"
    text = rss.read_text(encoding="utf-8")
    first, last = text.index("<item>"), text.index("</item>") + len("</item>")
    rss.write_text(text[:first] + text[last:], encoding="utf-8")  # the oldest item rolled off
    again = index_paths([feeds], target, workers=1, pipeline=indexer.Pipeline(ner=False))
    assert (again.deleted, again.total) == (0, 4)
    rss.unlink()
    gone = index_paths([feeds], target, workers=1, pipeline=indexer.Pipeline(ner=False))
    assert (gone.deleted, gone.total) == (3, 1)


def test_same_item_in_two_copies_of_a_feed_is_indexed_once(tmp_path):
    feeds = tmp_path / "feeds"
    feeds.mkdir()
    for name in ("monday.rss", "tuesday.rss"):
        shutil.copy(INGEST / "feeds" / "kaz-news.rss", feeds / name)
    report = index_paths([feeds], tmp_path / "index", workers=1, pipeline=indexer.Pipeline(ner=False))
    assert (report.added, report.skipped, report.total) == (3, 0, 3)


@pytest.mark.parametrize(
    ("name", "data", "reason"),
    [
        ("broken.rss", b"<?xml version='1.0'?><rss><channel><title>x", "malformed feed: no element found at line 1"),
        ("sitemap.xml", b"<?xml version='1.0'?><urlset><url><loc>https://a.example/</loc></url></urlset>", "not an RSS or Atom feed"),
        ("empty.html", b"", "empty file"),
        ("blank.html", b"<html><body><script>var a = 1;</script></body></html>", "no text found in the HTML page"),
        ("noise.htm", bytes(range(128, 256)) * 8, "not UTF-8, cp1251 or koi8-r text"),
    ],
)
def test_bad_markup_is_reported_with_file_and_reason(tmp_path, name, data, reason):
    (tmp_path / name).write_bytes(data)
    shutil.copy(INGEST / "pages" / "omsk-pavlodar.html", tmp_path / "good.html")
    items = list(read_paths([tmp_path]))
    problems = [p for p in items if isinstance(p, Problem)]
    assert len(problems) == 1 and problems[0].file.endswith(name) and reason in problems[0].reason and problems[0].skipped
    assert [d.id for d in items if isinstance(d, Document)] == ["good.html"]


def test_malformed_feed_with_items_is_read_leniently_with_a_warning(tmp_path):
    rss = (INGEST / "feeds" / "kaz-news.rss").read_text(encoding="utf-8")
    (tmp_path / "cut.rss").write_text(rss[: rss.rindex("</item>")], encoding="utf-8")  # a download cut short
    items = list(read_paths([tmp_path]))
    problems = [p for p in items if isinstance(p, Problem)]
    assert len(problems) == 1 and not problems[0].skipped and "malformed feed" in problems[0].reason
    assert "read leniently, 3 item(s)" in problems[0].reason
    assert len([d for d in items if isinstance(d, Document)]) == 3


def test_item_without_title_or_text_is_reported_and_the_rest_kept(tmp_path):
    rss = (INGEST / "feeds" / "kaz-news.rss").read_text(encoding="utf-8")
    rss = rss.replace("<channel>", "<channel><item><guid>empty-1</guid></item>", 1)
    (tmp_path / "news.rss").write_text(rss, encoding="utf-8")
    items = list(read_paths([tmp_path]))
    problems = [p for p in items if isinstance(p, Problem)]
    assert [(p.line, p.reason) for p in problems] == [(1, "item 1: no title and no text")]
    assert len([d for d in items if isinstance(d, Document)]) == 3


def test_an_index_built_before_grouping_and_organizations_is_upgraded_in_place(tmp_path, monkeypatch):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    shutil.copy(INGEST / "pages" / "omsk-pavlodar.html", corpus)
    target = tmp_path / "index"
    with monkeypatch.context() as m:  # an index whose schema has no group/minhash/organization fields
        m.setattr(indexer, "build_schema", lambda: _schema_without_grouping())
        m.setattr(indexer, "PIPELINE_VERSION", "1")
        fields = indexer._fields
        m.setattr(indexer, "_fields", lambda p, group: {k: v for k, v in fields(p, group).items() if k not in ("group", "minhash", "organization")})
        index_paths([corpus], target, workers=1, pipeline=indexer.Pipeline(ner=False))
    old = search(target, build_request())
    assert [(h.id, h.group, h.similar) for h in old.hits] == [("omsk-pavlodar.html", "", 0)]
    shutil.copy(INGEST / "feeds" / "kaz-news.rss", corpus)
    report = index_paths([corpus], target, workers=1, pipeline=indexer.Pipeline(ner=False))
    assert (report.added, report.updated, report.grouped) == (3, 1, 1)  # the old document is re-analysed
    result = search(target, build_request("соглашение Павлодарской области"))
    assert [h.similar for h in result.hits if h.similar] == [1]


def _schema_without_grouping():
    from coopsearch.schema import build_schema

    schema = build_schema()
    schema.remove("group")
    schema.remove("minhash")
    schema.remove("organization")
    return schema


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"collapse": "2"}, "collapse must be between 0 and 1"),
        ({"collapse": "yes"}, "collapse must be an integer"),
        ({"group": "x" * 3000}, "group too long"),
    ],
)
def test_bad_grouping_parameters(params, message):
    with pytest.raises(QueryError, match=message):
        build_request(**params)


def test_cli_shows_similar_and_expands_a_group(runner, ingest_index):
    out = runner.invoke(_cli(), ["search", "соглашение Павлодарской области", "--index", str(ingest_index)])
    assert out.exit_code == 0, out.output
    assert "(3 documents with near-duplicates)" in out.output or "documents with near-duplicates" in out.output
    line = next(line for line in out.output.splitlines() if "similar: coopsearch search --group" in line)
    assert line.strip().startswith("+ 1 similar")
    key = line.split("--group ", 1)[1].strip("'")
    expanded = runner.invoke(_cli(), ["search", "--group", key, "--index", str(ingest_index), "--format", "json"])
    assert expanded.exit_code == 0
    assert '"documents": 2' in expanded.output and OMSK_PAGE in expanded.output and OMSK_ITEM in expanded.output
    flat = runner.invoke(_cli(), ["search", "соглашение Павлодарской области", "--all", "--index", str(ingest_index)])
    assert "similar: coopsearch" not in flat.output


def test_api_and_page_show_similar_with_a_link(ingest_index):
    client = create_app({"INDEX_DIR": ingest_index, "TESTING": True}).test_client()
    data = client.get("/api/search", query_string={"q": "соглашение Павлодарской области"}).get_json()
    hit = next(h for h in data["hits"] if h["similar"])
    assert data["documents"] == data["total"] + 1 and hit["similar"] == 1 and hit["group"]
    page = client.get("/", query_string={"q": "соглашение Павлодарской области"}).get_data(as_text=True)
    assert "ещё 1 похожий — показать все" in page
    expanded = client.get("/", query_string={"q": "соглашение Павлодарской области", "group": hit["group"]}).get_data(as_text=True)
    assert "Похожие на:" in expanded and expanded.count('class="hit"') == 2
    bad = client.get("/api/search", query_string={"collapse": "9"})
    assert bad.status_code == 400 and "collapse" in bad.get_json()["error"]


def _cli():
    from coopsearch.cli import main

    return main


HOSTILE_PIECES = [
    "<html>", "</html>", "<body>", "</body>", "<head>", "<p>", "</p>", "<div>", "<script>", "</script>", "<!--", "-->",
    "<![CDATA[", "]]>", '<meta charset="koi8-r">', '<meta charset="bogus">', "<title>", "</title>", "&amp;", "&#0;",
    "&#xD800;", "&#99999999;", "&#abc;", "\x00", "\ufeff", "текст ", "Новосибирск ", "<h1>", "<table><tr><td>",
    '<?xml version="1.0" encoding="koi8-r"?>', "<rss>", "<channel>", "<item>", "</item>", "<description>", "<link>",
    "<guid>", "<pubDate>", "Mon, 99 Foo 2024", "<feed>", "<entry>", '<content type="html">', "<content:encoded>",
    "<br/>", '<a href="javascript:x">', "\r\n", " " * 50, "<", ">", '"', "'", '<link rel="canonical" href="::::">',
    '<meta property="article:published_time" content="2024-13-45">', '<time datetime="99999-01-01">', "\ud800",
]


@settings(max_examples=300, deadline=None)
@given(
    pieces=st.lists(st.sampled_from(HOSTILE_PIECES), max_size=60),
    encoding=st.sampled_from(["utf-8", "cp1251", "utf-16"]),
    suffix=st.sampled_from([".html", ".rss", ".xml"]),
)
def test_hostile_markup_is_read_or_reported_never_raised(tmp_path_factory, pieces, encoding, suffix):
    # Found by fuzzing: readability and lxml raise AssertionError on pages with no or two <body>s,
    # feedparser crashes on character references to surrogates, items may have a None summary.
    folder = tmp_path_factory.mktemp("hostile")
    (folder / f"page{suffix}").write_bytes("".join(pieces).encode(encoding, errors="ignore"))
    for item in read_paths([folder]):
        assert isinstance(item, (Document, Problem))
