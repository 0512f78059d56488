"""Bad input files: each bad file or record is reported (file, line, reason), every valid document is indexed."""
from __future__ import annotations

import json
import random

import pytest
from click.testing import CliRunner

from coopsearch.cli import main
from coopsearch.ingest.model import MAX_TEXT_CHARS
from coopsearch.query import build_request
from coopsearch.retrieval import search

TEXT = "Делегация Павлодарской области подписала соглашение с новосибирским заводом.\nЭкспорт кабеля вырастет."
QUOTED = 'Компания "Элсиб" поставит генераторы в Усть-Каменогорск.'
LONG_TITLE = "Длинная строка " + "слово " * 200_000


def _jsonl(*records: object) -> bytes:
    return b"".join((r if isinstance(r, bytes) else json.dumps(r, ensure_ascii=False).encode()) + b"\n" for r in records)


def _big_text() -> bytes:
    sentence = "Новосибирская область торгует с Казахстаном зерном и металлом. ".encode()
    return "Большой файл\n".encode() + sentence * (50 * 1024 * 1024 // len(sentence) + 1)


# file name → (bytes, expected problems as (line, reason fragment, skipped), expected documents id → word in the title)
CASES: dict[str, tuple[bytes, list[tuple[int, str, bool]], dict[str, str]]] = {
    "utf8.txt": (("Соглашение\n" + TEXT).encode(), [], {"utf8.txt": "Соглашение"}),
    "invalid-utf8.txt": (
        ("Заголовок о кабеле\n" + TEXT).encode() + b"\xff\xfe\xfa" + QUOTED.encode(),
        [(0, "invalid UTF-8 (invalid start byte at byte", False)],
        {"invalid-utf8.txt": "Заголовок"},
    ),
    "cp1251.txt": (("Договор\n" + TEXT).encode("cp1251"), [], {"cp1251.txt": "Договор"}),
    "koi8r.txt": (("Меморандум\n" + TEXT + QUOTED).encode("koi8_r"), [], {"koi8r.txt": "Меморандум"}),
    "utf16.txt": (("Контракт\n" + TEXT).encode("utf-16"), [], {"utf16.txt": "Контракт"}),
    "utf16-jsonl.jsonl": (_jsonl({"id": "u16", "text": TEXT}).decode().encode("utf-16"), [(0, "UTF-16 text", True)], {}),
    "empty.txt": (b"", [(0, "empty file", True)], {}),
    "blank.md": (b" \n\n \t\n", [(0, "empty file", True)], {}),
    "binary.txt": (b"\x00\x01PK\x03\x04" + random.Random(1).randbytes(4000), [(0, "binary file", True)], {}),
    "noise.txt": (bytes(random.Random(2).choice(range(0x80, 0x100)) for _ in range(3000)), [(0, "not UTF-8, cp1251 or koi8-r", True)], {}),
    "huge.txt": (_big_text(), [(0, f"only its first {MAX_TEXT_CHARS:,} characters are indexed", False)], {"huge.txt": "Большой"}),
    "one-line.txt": ((("экспорт зерна " * 80_000)[:1_000_000]).encode(), [], {"one-line.txt": "экспорт"}),
    "news.jsonl": (
        _jsonl(
            {"id": "j1", "title": "Первая новость", "text": TEXT},
            b"{broken json",
            {"id": "j1", "title": "Повтор", "text": TEXT},
            [1, 2, 3],
            {"id": "j2", "title": "Дата неверна", "text": TEXT, "date": "31.02.2020"},
            {"id": "j3", "title": 42, "text": {"nested": True}},
            {"id": "j4"},
            json.dumps({"id": "j5", "title": "Битая строка", "text": TEXT}, ensure_ascii=False).encode().replace("Битая".encode(), "Битая".encode() + b"\xff"),
            {"id": "j6", "title": LONG_TITLE, "text": TEXT},
            b"[" * 100_000,
        ),
        [
            (2, "malformed JSON", True),
            (3, "duplicate id 'j1' (first in ", True),
            (4, "expected a JSON object, got list", True),
            (5, "unrecognized date '31.02.2020' (use YYYY-MM-DD); indexed without a date", False),
            (6, "field 'text' must be a string, got dict", True),
            (7, "no text", True),
            (8, "invalid UTF-8 (invalid start byte at byte", False),
            (9, f"title of {len(LONG_TITLE.strip()):,} characters cut to the first 1,000", False),
            (10, "malformed JSON: nested too deeply", True),
        ],
        {"j1": "Первая", "j2": "Дата", "j5": "Битая", "j6": "Длинная"},
    ),
    "table.csv": (
        ("id,title,text,date\nc1,Строка таблицы," + TEXT.replace("\n", " ") + ",2020-05-01\nc2,Мало колонок\n"
         'c3,Лишняя,колонка,2020-01-01,extra\nc4,"Кавычки, запятые",' + '"' + QUOTED.replace('"', '""') + '",\n').encode("cp1251"),
        [(3, "expected 4 columns, found 2", True), (4, "expected 4 columns, found 5", True)],
        {"c1": "таблицы", "c4": "Кавычки"},
    ),
    "no-header.csv": (b"1,2,3\n4,5,6\n", [(0, "no known columns in header", True)], {}),
    "report.pdf": (b"%PDF-1.4\n", [(0, "unsupported file type", True)], {}),
    "archive.jsonl.gz": (b"\x1f\x8b\x08\x00broken", [(0, "cannot read compressed file", True)], {}),
}


@pytest.fixture(scope="module")
def bad_run(tmp_path_factory):
    root = tmp_path_factory.mktemp("bad")
    corpus = root / "corpus"
    corpus.mkdir()
    for name, (data, _, _) in CASES.items():
        (corpus / name).write_bytes(data)
    result = CliRunner().invoke(main, ["index", str(corpus), "--index", str(root / "index"), "--no-ner", "--no-progress"])
    return corpus, root / "index", result


@pytest.mark.parametrize("name", CASES)
def test_each_problem_is_reported_with_file_line_and_reason(bad_run, name):
    corpus, _, result = bad_run
    path = str(corpus / name)
    reported = [line for line in result.output.splitlines() if line.startswith(f"warning: {path}:")]
    expected = CASES[name][1]
    assert len(reported) == len(expected), reported
    for line, reason, skipped in expected:
        where = f"warning: {path}:{line}: " if line else f"warning: {path}: "
        matching = [w for w in reported if w.startswith(where)]
        assert len(matching) == 1, (where, reported)
        assert reason in matching[0]
        assert matching[0].endswith("(skipped)" if skipped else "(kept)")


def test_every_valid_document_is_indexed(bad_run):
    _, index_dir, _ = bad_run
    expected = {doc_id: word for _, _, docs in CASES.values() for doc_id, word in docs.items()}
    found = search(index_dir, build_request("", {}, limit=100), snippets=False)
    titles = {hit.id: hit.title for hit in found.hits}
    assert set(titles) == set(expected)
    for doc_id, word in expected.items():
        assert word in titles[doc_id]


def test_summary_and_exit_code(bad_run):
    _, _, result = bad_run
    skipped = sum(p[2] for _, problems, _ in CASES.values() for p in problems)
    kept = sum(not p[2] for _, problems, _ in CASES.values() for p in problems)
    documents = sum(len(docs) for _, _, docs in CASES.values())
    assert result.exit_code == 0
    summary = result.output.strip().splitlines()[-1]
    assert summary.startswith(f"added {documents}, updated 0, unchanged 0, deleted 0, skipped {skipped}, warnings {kept},")


def test_text_is_recovered_not_mangled(bad_run):
    _, index_dir, _ = bad_run
    for query, doc_id in [("меморандум", "koi8r.txt"), ("договор", "cp1251.txt"), ("контракт", "utf16.txt"), ("Элсиб", "invalid-utf8.txt")]:
        hits = search(index_dir, build_request(query, {}), snippets=False).hits
        assert doc_id in [h.id for h in hits], query


def test_strict_exits_1_when_something_was_skipped(bad_run, runner):
    corpus, index_dir, _ = bad_run
    result = runner.invoke(main, ["index", str(corpus), "--index", str(index_dir), "--no-ner", "--strict", "--no-progress"])
    assert result.exit_code == 1
    assert "added 0, updated 0," in result.output
