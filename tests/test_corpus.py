"""Readers: formats, ids, titles, encodings, and bad input reported with file, line and reason."""
from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from coopsearch.ingest import Document, Problem, csvfile, decode_bytes, decoding, read_paths
from coopsearch.ingest.dates import parse_date
from coopsearch.ingest.decoding import MAX_FILE_BYTES

TEXT = "Новосибирская область сотрудничает с Казахстаном.\nВторая строка текста."


def read(*paths: Path) -> tuple[list[Document], list[Problem]]:
    items = list(read_paths(paths))
    return [i for i in items if isinstance(i, Document)], [i for i in items if isinstance(i, Problem)]


def test_txt_title_is_first_nonempty_line(tmp_path):
    (tmp_path / "a.txt").write_text("\n\n  Заголовок статьи  \n\nТекст статьи.\n", encoding="utf-8")
    (tmp_path / "b.md").write_text("# Заголовок в markdown\n\nТекст.\n", encoding="utf-8")
    docs, problems = read(tmp_path)
    assert not problems
    assert [(d.id, d.title, d.text) for d in docs] == [
        ("a.txt", "Заголовок статьи", "Текст статьи."),
        ("b.md", "Заголовок в markdown", "Текст."),
    ]


def test_long_first_line_is_not_a_title(tmp_path):
    paragraph = "Казахстанская деловая миссия побывала в Новосибирской области. " * 10
    (tmp_path / "a.txt").write_text(paragraph, encoding="utf-8")
    [doc], _ = read(tmp_path / "a.txt")
    assert doc.title == "Казахстанская деловая миссия побывала в Новосибирской области"
    assert doc.text == paragraph.strip()


@pytest.mark.parametrize("encoding", ["cp1251", "koi8_r", "utf-16", "utf-8-sig"])
def test_txt_encodings(tmp_path, encoding):
    (tmp_path / "a.txt").write_bytes(TEXT.encode(encoding))
    [doc], problems = read(tmp_path)
    assert not problems
    assert doc.title == "Новосибирская область сотрудничает с Казахстаном."


def test_folders_are_walked_recursively_and_readme_skipped(tmp_path):
    (tmp_path / "x" / "y").mkdir(parents=True)
    (tmp_path / "x" / "y" / "deep.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "README.md").write_text("# О корпусе", encoding="utf-8")
    (tmp_path / ".hidden.txt").write_text(TEXT, encoding="utf-8")
    docs, problems = read(tmp_path)
    assert [d.id for d in docs] == ["x/y/deep.txt"] and not problems


def test_jsonl_keys_ids_and_bad_lines(tmp_path):
    lines = [
        json.dumps({"id": "a1", "title": "Т1", "content": "текст", "published": "2019-03-12T10:00:00Z", "source": "S", "extra": 1}),
        "{not json",
        json.dumps({"url": "https://x.ru/2", "title": "Т2", "body": "текст", "date": "12.03.2019"}),
        json.dumps(["a", "list"]),
        json.dumps({"title": "Т3", "text": "текст", "summary": "кратко"}),
        json.dumps({"title": "", "text": ""}),
        "",
        json.dumps({"title": "Т4", "text": "текст", "date": "вчера"}),
    ]
    path = tmp_path / "news.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    docs, problems = read(path)
    assert [(d.id, d.date, d.source) for d in docs] == [
        ("a1", "2019-03-12", "S"),
        ("https://x.ru/2", "2019-03-12", ""),
        ("news.jsonl:5", "", ""),
        ("news.jsonl:8", "", ""),  # a bad date is dropped, the document kept
    ]
    assert docs[2].summary == "кратко"
    assert [(p.line, p.reason.split(":")[0], p.skipped) for p in problems] == [
        (2, "malformed JSON", True),
        (4, "expected a JSON object, got list", True),
        (6, "no text (expected one of the keys text, content, body, title)", True),
        (8, "unrecognized date 'вчера' (use YYYY-MM-DD); indexed without a date", False),
    ]
    assert all(p.file == str(path) for p in problems)


def test_jsonl_gz_and_invalid_utf8_line(tmp_path):
    path = tmp_path / "news.jsonl.gz"
    with gzip.open(path, "wb") as f:
        f.write(json.dumps({"id": "g1", "title": "Т", "text": "текст"}, ensure_ascii=False).encode() + b"\n")
        f.write(b'{"id": "g2", "title": "\xff\xfe"}\n')
    docs, problems = read(path)
    assert [d.id for d in docs] == ["g1"]
    assert problems[0].line == 2 and problems[0].reason.startswith("invalid UTF-8")


def test_truncated_gzip_is_reported(tmp_path):
    path = tmp_path / "bad.jsonl.gz"
    data = gzip.compress(b'{"id": "a", "text": "x"}\n' * 1000)
    path.write_bytes(data[: len(data) // 2])
    docs, problems = read(path)
    assert problems and problems[-1].line == 0 and "compressed" in problems[-1].reason


def test_csv_with_missing_and_extra_columns(tmp_path):
    path = tmp_path / "news.csv"
    path.write_text(
        "id,title,text,date\n"
        'c1,Заголовок,"Текст, с запятой",2020-01-02\n'
        "c2,Только заголовок\n"
        "c3,З,Т,2020-01-03,лишнее\n"
        "c4,З4,Т4,\n",
        encoding="utf-8",
    )
    docs, problems = read(path)
    assert [(d.id, d.text, d.date) for d in docs] == [("c1", "Текст, с запятой", "2020-01-02"), ("c4", "Т4", "")]
    assert [(p.line, p.reason) for p in problems] == [
        (3, "expected 4 columns, found 2"),
        (4, "expected 4 columns, found 5"),
    ]


def test_csv_with_a_long_article_and_a_broken_row(tmp_path, monkeypatch):
    """A field longer than the csv module's default limit (131,072 characters) is an article,
    not an error; a row the csv parser rejects is reported with its line, the rows before kept."""
    long_text = "Павлодарский завод. " * 10_000  # 200,000 characters
    path = tmp_path / "news.csv"
    path.write_text(f'id,title,text\nc1,Длинная,"{long_text}"\nc2,Короткая,Текст\n', encoding="utf-8")
    docs, problems = read(path)
    assert [(d.id, len(d.text)) for d in docs] == [("c1", len(long_text.strip())), ("c2", len("Текст"))] and not problems
    monkeypatch.setattr(csvfile, "FIELD_LIMIT", 50)
    broken = tmp_path / "broken.csv"
    broken.write_text(f"id,title,text\nc1,Первая,Текст\nc2,Вторая,{'слово ' * 20}\nc3,Третья,Текст\n", encoding="utf-8")
    docs, problems = read(broken)
    assert [d.id for d in docs] == ["c1"]
    assert [(p.line, p.reason) for p in problems] == [(3, "malformed CSV: field larger than field limit (50); the rest of the file is skipped")]


def test_csv_over_the_size_cap_is_reported_and_skipped(tmp_path, monkeypatch):
    monkeypatch.setattr(decoding, "MAX_FILE_BYTES", 200)
    path = tmp_path / "news.csv"
    path.write_text("id,title,text\n" + "".join(f"c{i},Заголовок {i},Текст\n" for i in range(20)), encoding="utf-8")
    size = path.stat().st_size
    docs, problems = read(path)
    assert not docs
    assert [(p.line, p.reason, p.skipped) for p in problems] == [(0, f"file of {size:,} bytes is larger than 200 bytes", True)]


def test_csv_over_the_size_cap_is_not_read(tmp_path):
    path = tmp_path / "huge.csv"
    path.write_text("id,title,text\nc1,Заголовок,Текст\n", encoding="utf-8")
    with path.open("r+b") as f:
        f.truncate(MAX_FILE_BYTES + 1)  # sparse: no disk or time spent unless the reader reads it
    docs, problems = read(path)
    assert not docs
    assert [p.reason for p in problems] == [f"file of {MAX_FILE_BYTES + 1:,} bytes is larger than {MAX_FILE_BYTES:,} bytes"]


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        ("empty.txt", b"", "empty file"),
        ("blank.txt", b"  \n\n", "empty file"),
        ("binary.txt", b"\x00\x01\x02\x03garbage", "binary file (contains NUL bytes)"),
        ("random.txt", bytes(range(128, 256)) * 4, "not UTF-8, cp1251 or koi8-r text"),
        ("doc.pdf", b"%PDF-1.4", "unsupported file type"),
        ("nohead.csv", b"a,b\n1,2\n", "no known columns in header"),
    ],
)
def test_bad_files_are_reported_and_skipped(tmp_path, name, content, reason):
    (tmp_path / name).write_bytes(content)
    (tmp_path / "good.txt").write_text(TEXT, encoding="utf-8")
    docs, problems = read(tmp_path)
    assert [d.id for d in docs] == ["good.txt"]
    [problem] = problems
    assert problem.file.endswith(name) and problem.line == 0 and problem.reason.startswith(reason)
    assert name in str(problem) and "skipped" in str(problem)


def test_missing_path_is_reported(tmp_path):
    docs, problems = read(tmp_path / "nope")
    assert not docs and problems[0].reason == "no such file or directory"


@pytest.mark.parametrize(
    ("raw", "iso"),
    [("2019-03-12", "2019-03-12"), ("2019-03-12T23:59:00+03:00", "2019-03-12"), ("12.03.2019", "2019-03-12"), ("", ""), (None, "")],
)
def test_parse_date(raw, iso):
    assert parse_date(raw) == iso


def test_decode_prefers_utf8():
    assert decode_bytes("привет".encode()) == ("привет", "")
