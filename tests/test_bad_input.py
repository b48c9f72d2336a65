"""Bad input gets one line naming the file, a documented exit code, and no half-written store."""
from __future__ import annotations

import json

import pytest

from newsprov.cli import cli

from conftest import SEEDS, break_articles


def invoke(runner, *args):
    return runner.invoke(cli, [str(a) for a in args])


def one_line_error(result, code):
    assert result.exit_code == code, result.output
    assert "Traceback" not in result.output
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("Error: "), result.output
    return lines[0]


@pytest.mark.parametrize("name, content, words", [
    ("empty.txt", b"", "empty"),
    ("blank.txt", b"   \n\n", "empty"),
    ("binary.txt", bytes(range(256)) * 4, "binary"),
    ("control.txt", bytes(range(1, 32)) * 40, "binary"),
])
def test_unreadable_articles(runner, tmp_path, name, content, words):
    path = tmp_path / name
    path.write_bytes(content)
    line = one_line_error(invoke(runner, "extract", path), 2)
    assert name in line and words in line


def test_huge_file_is_refused(runner, tmp_path):
    path = tmp_path / "huge.txt"
    path.write_bytes(b"Russia lost 1,556 troops. " * (21 * 1024 * 1024 // 26))
    assert "limit" in one_line_error(invoke(runner, "extract", path), 2)


def test_missing_path(runner, tmp_path):
    assert "no such file" in one_line_error(invoke(runner, "extract", tmp_path / "nope.txt"), 2)


@pytest.mark.parametrize("metadata, words", [
    ("publisher,published\nThe Sun,2025\n", "'file' column"),
    ("file,publisher,colour\na.txt,The Sun,red\n", "unknown metadata column"),
    ("file,publisher,published\na.txt,The Sun,last week\n", "is not a date"),
    ("file,publisher\na.txt,The Sun,extra\n", "wrong number of fields"),
    ("file,url\na.txt,not a url\n", "not an http(s) URL"),
])
def test_malformed_metadata(runner, tmp_path, metadata, words):
    (tmp_path / "a.txt").write_text("Kyiv said 40 drones were downed.\n", encoding="utf-8")
    (tmp_path / "metadata.csv").write_text(metadata, encoding="utf-8")
    line = one_line_error(invoke(runner, "extract", tmp_path), 2)
    assert "metadata.csv" in line and words in line


def test_duplicate_article_is_read_once_and_said(runner, tmp_path):
    for name in ("a.txt", "b.txt"):
        (tmp_path / name).write_bytes((SEEDS / "000_2315ef88bd53205f.txt").read_bytes())
    result = invoke(runner, "extract", tmp_path)
    assert len(json.loads(result.stdout)) == 1
    assert result.stderr == "b.txt: the same text as a.txt, read once\n"


def test_an_invalid_article_leaves_the_store_unchanged(runner, tmp_path, monkeypatch):
    """One article whose graph breaks a shape: nothing of the ingest lands, exit 1."""
    store = tmp_path / "s.db"
    assert invoke(runner, "ingest", "-q", "--store", store, SEEDS / "000_2315ef88bd53205f.txt").exit_code == 0
    before = json.loads(invoke(runner, "query", "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }", "--format", "json",
                               "--store", store).output)
    break_articles(monkeypatch, "003")
    result = invoke(runner, "ingest", "-q", "--store", store, SEEDS)
    line = one_line_error(result, 1)
    assert "003_9d25f3013ebffe61.txt" in line and "nothing was written" in line
    after = json.loads(invoke(runner, "query", "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }", "--format", "json",
                              "--store", store).output)
    assert after == before
    result = invoke(runner, "ingest", "-q", "--skip-invalid", "-f", "json", "--store", store, SEEDS)
    summary = json.loads(result.output)
    assert summary["added"] == 3 and summary["unchanged"] == 1 and len(summary["refused"]) == 1


def test_store_path_that_is_a_file(runner, tmp_path):
    path = tmp_path / "store.db"
    path.write_text("not a store", encoding="utf-8")
    assert "not a newsprov store" in one_line_error(invoke(runner, "ingest", "-q", "--store", path, SEEDS), 4)


def test_metadata_with_a_byte_order_mark(runner, tmp_path):
    (tmp_path / "a.txt").write_text("Kyiv said 40 drones were downed.\n", encoding="utf-8")
    (tmp_path / "metadata.csv").write_text("file,publisher\na.txt,The Sun\n", encoding="utf-8-sig")
    [document] = json.loads(invoke(runner, "extract", tmp_path).output)
    assert document["article"]["publisher"] == "The Sun"


def test_a_reader_that_goes_away_ends_the_output_quietly(tmp_path):
    """'newsprov extract seeds/ -f jsonl | head -c 100': no traceback, no error line, exit 0."""
    import subprocess
    import sys

    for i in range(40):
        (tmp_path / f"{i:02d}.txt").write_text(f"Officials said {1000 + i} drones were launched.\n" * 20, encoding="utf-8")
    process = subprocess.Popen([sys.executable, "-m", "newsprov", "extract", str(tmp_path), "--format", "jsonl"],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    process.stdout.read(100)
    process.stdout.close()
    error = process.stderr.read().decode()
    assert process.wait(timeout=60) == 0
    assert error == ""
