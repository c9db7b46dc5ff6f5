import json

import pytest

from core.errors import BadInput
from workflows.ingest import read_jsonl


def write(tmp_path, lines, name="in.jsonl"):
    path = tmp_path / name
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def good(**extra):
    record = {"url": "https://x.kz/a", "title": "Тақырып", "text": "Мәтін"}
    record.update(extra)
    return json.dumps(record, ensure_ascii=False)


def test_reads_records_with_optional_fields(tmp_path):
    records = read_jsonl(write(tmp_path, [good(published="2026-11-20", source="x", language="kk"), "", good()]))
    assert len(records) == 2
    assert records[0]["published"].isoformat() == "2026-11-20T00:00:00+00:00"
    assert records[1]["source"] == "ingest" and records[1]["language"] is None


@pytest.mark.parametrize("line, expected", [
    ("{not json", "invalid JSON"),
    ('["a list"]', "expected a JSON object"),
    (good(url="not-a-url"), "'url'"),
    (json.dumps({"url": "https://x.kz/b", "title": "t"}), "missing or empty 'text'"),
    (good(published="yesterday"), "'published'"),
    (good(language=7), "'language'"),
])
def test_bad_line_is_named_and_rejects_the_file(tmp_path, line, expected):
    path = write(tmp_path, [good(), line, good()])
    with pytest.raises(BadInput) as err:
        read_jsonl(path)
    assert f"{path}:2:" in str(err.value) and expected in str(err.value)


@pytest.mark.parametrize("content, expected", [
    (b"", "empty file"), (b"\x00\x01\x02binary", "binary"), (b"\xff\xfe{", "not UTF-8"),
])
def test_empty_binary_or_undecodable_file(tmp_path, content, expected):
    path = tmp_path / "bad.jsonl"
    path.write_bytes(content)
    with pytest.raises(BadInput, match=expected):
        read_jsonl(path)


def test_missing_file(tmp_path):
    with pytest.raises(BadInput, match="no such file"):
        read_jsonl(tmp_path / "nope.jsonl")
