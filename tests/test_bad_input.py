"""Bad input gets one line naming the file, a documented exit code, and no half-written store."""
from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from newsprov.cli import cli

from conftest import SEEDS, break_articles, one_line_error


def invoke(runner, *args):
    return runner.invoke(cli, [str(a) for a in args])


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


def test_a_50_mb_text_is_refused_as_one_article_with_what_to_do(runner, tmp_path):
    path = tmp_path / "huge.txt"
    path.write_bytes(b"Russia lost 1,556 troops. " * (50 * 1024 * 1024 // 26))
    line = one_line_error(invoke(runner, "ingest", "--store", tmp_path / "s.db", path), 2)
    assert "huge.txt: 49 MB is larger than the 20 MB limit for one article" in line and "JSON Lines" in line
    assert not (tmp_path / "s.db").exists()


@pytest.mark.slow
def test_an_article_with_10000_figures_lands_whole(runner, tmp_path):
    import random

    rng = random.Random(7)
    units = ["drones", "missiles", "shells", "tanks", "soldiers"]
    rows = [f"On {rng.choice(['Monday', 'Tuesday', 'Friday'])} the army said {rng.randint(100, 99999):,} "
            f"{rng.choice(units)} were counted." for _ in range(10_000)]
    path = tmp_path / "tally.txt"
    path.write_text("\n\n".join(" ".join(rows[i:i + 10]) for i in range(0, len(rows), 10)) + "\n", encoding="utf-8")
    store = tmp_path / "s.db"
    result = invoke(runner, "ingest", "-q", "-f", "json", "--store", store, path)
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["added"] == 1
    count = json.loads(invoke(runner, "query", "--store", store, "--format", "json",
                              "SELECT (COUNT(?f) AS ?n) WHERE { ?f a np:Figure }").stdout)
    assert int(count[0]["n"]) >= 10_000
    assert invoke(runner, "trace", rows[-1].split(" said ")[1].split()[0], "--store", store).exit_code == 0


def test_a_number_hundreds_of_digits_long_is_no_figure(runner, tmp_path):
    path = tmp_path / "digits.txt"
    path.write_text(f"Russia lost 1{'0' * 400} soldiers, a{' hundred' * 200} drones and 12 tanks, the ministry said.\n",
                    encoding="utf-8")
    result = invoke(runner, "extract", path)
    assert result.exit_code == 0, result.output
    [document] = json.loads(result.stdout)
    assert [f["text"] for c in document["claims"] for f in c["figures"]] == ["12"]


def test_zero_width_and_bidi_characters_are_read_past_and_kept(runner, tmp_path):
    path = tmp_path / "hidden.txt"
    text = "The UK Ministry of\u200b Defence said 7,\u200b000 soldiers were lost near \u2066Kyiv\u2069.\n"
    path.write_text(text, encoding="utf-8")
    result = invoke(runner, "ingest", "-q", "-f", "json", "--store", tmp_path / "s.db", path)
    assert result.exit_code == 0, result.output  # every span checked against the text as read: SHACL conforms
    [document] = json.loads(invoke(runner, "extract", path).stdout)
    [figure] = [f for c in document["claims"] for f in c["figures"]]
    assert (figure["value"], figure["text"]) == (7000, "7,\u200b000")
    assert [a["source"]["label"] for a in document["attributions"]] == ["UK Ministry of Defence"]


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


def test_a_store_path_that_is_a_folder_of_something_else_is_left_alone(runner, tmp_path):
    """'--store seeds' by mistake: no database files written among the articles, for any command."""
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "a.txt").write_text("Kyiv said 40 drones were downed.\n", encoding="utf-8")
    for command in (["ingest", "-q", folder], ["trace", "40"]):
        line = one_line_error(invoke(runner, *command, "--store", folder), 4)
        assert "not a newsprov store" in line
    assert [p.name for p in folder.iterdir()] == ["a.txt"]


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


def test_a_corrupt_store_is_one_line_for_every_command(runner, tmp_path):
    store = tmp_path / "s.db"
    assert invoke(runner, "ingest", "-q", "--store", store, SEEDS).exit_code == 0
    for table in store.glob("*.sst"):  # flip bytes in the middle of every table file
        data = bytearray(table.read_bytes())
        middle = len(data) // 2
        data[middle:middle + 64] = bytes(b ^ 0xFF for b in data[middle:middle + 64])
        table.write_bytes(bytes(data))
    for command in (["trace", "1556"], ["query", "--example", "claims-by-root-source"], ["export"],
                    ["ingest", "-q", SEEDS]):
        line = one_line_error(invoke(runner, *command, "--store", store), 4)
        assert str(store) in line and "damaged" in line and "ingest again into a new store" in line


def _full_disk_by_tmpfs(tmp_path):
    """A 2 MB filesystem, where this machine lets the tests mount one (as root)."""
    import os
    import subprocess

    mount = tmp_path / "tiny"
    mount.mkdir()
    if os.geteuid() != 0 or subprocess.run(["mount", "-t", "tmpfs", "-o", "size=2m", "tmpfs", str(mount)],
                                           capture_output=True).returncode != 0:
        pytest.skip("mounting a tiny tmpfs needs root; the file-size limit case covers a full disk")
    grow = ["mount", "-o", "remount,size=200m", str(mount)]
    return mount, None, lambda: subprocess.run(grow, check=True), lambda: subprocess.run(["umount", str(mount)])


def _full_disk_by_file_size_limit(tmp_path):
    """RLIMIT_FSIZE: no file may grow past 300 KB, as under a quota; any user can set it."""
    import resource

    def limit():
        resource.setrlimit(resource.RLIMIT_FSIZE, (300_000, 300_000))

    return tmp_path, limit, lambda: None, lambda: None


@pytest.mark.slow
@pytest.mark.parametrize("make_full_disk", [_full_disk_by_tmpfs, _full_disk_by_file_size_limit])
def test_a_full_disk_keeps_whole_articles_says_so_and_a_rerun_completes(tmp_path, make_full_disk):
    import subprocess
    import sys

    from conftest import ROOT

    corpus = ROOT / "tests" / "corpus"
    where, preexec, free_space, cleanup = make_full_disk(tmp_path)
    store = where / "s.db"
    try:
        command = [sys.executable, "-m", "newsprov", "ingest", "-q", "--batch-size", "2", "--store", str(store),
                   str(corpus)]
        full = subprocess.run(command, capture_output=True, text=True, preexec_fn=preexec, timeout=300)
        assert full.returncode == 4, full.stderr
        assert "Traceback" not in full.stderr and len(full.stderr.strip().splitlines()) == 1
        assert "the disk is full" in full.stderr and "run the same command again" in full.stderr
        free_space()
        rerun = subprocess.run(command[:-1] + ["-f", "json", str(corpus)], capture_output=True, text=True,
                               timeout=300)
        assert rerun.returncode == 0, rerun.stderr
        summary = json.loads(rerun.stdout)
        assert summary["articles"] == summary["added"] + summary["unchanged"] == len(list(corpus.glob("*.txt")))
        reference = tmp_path / "reference.db"
        assert invoke(CliRunner(), "ingest", "-q", "--store", reference, corpus).exit_code == 0
        assert _nquads(store) == _nquads(reference)
    finally:
        cleanup()


def _nquads(store) -> set[str]:
    result = invoke(CliRunner(), "export", "-f", "nquads", "--store", store)
    assert result.exit_code == 0, result.output
    return set(result.stdout.splitlines())


def test_invalid_sparql_is_one_line_with_its_line_and_column(runner, seeded_store):
    line = one_line_error(invoke(runner, "query", "--store", seeded_store,
                                 "SELECT ?s WHERE {\n  ?s a np:Claim .\n  FILTER(?s = ) }"), 2)
    assert line.startswith("Error: invalid SPARQL: error at 3:") and "expected" in line


def test_a_store_held_by_another_process_is_one_line_and_left_as_it_was(runner, tmp_path):
    """Another process has the store open for writing (as a running ingest has): an ingest
    says so and waits for nothing; the reading commands still work."""
    import subprocess
    import sys

    store = tmp_path / "s.db"
    assert invoke(runner, "ingest", "-q", "--store", store, SEEDS / "000_2315ef88bd53205f.txt").exit_code == 0
    holder = subprocess.Popen([sys.executable, "-c", "import sys, time, pyoxigraph; s = pyoxigraph.Store(sys.argv[1]); "
                               "print('open', flush=True); time.sleep(600)", str(store)],
                              stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "open"
        line = one_line_error(invoke(runner, "ingest", "-q", "--store", store, SEEDS), 4)
        assert str(store) in line and "locked by another newsprov process" in line
        assert invoke(runner, "trace", "1556", "--store", store).exit_code == 0
    finally:
        holder.kill()
        holder.wait()
    summary = json.loads(invoke(runner, "ingest", "-q", "-f", "json", "--store", store, SEEDS).stdout)
    assert summary["added"] == 4 and summary["unchanged"] == 1


# -- standard output --------------------------------------------------------------------------------

def _newsprov(*args, **kwargs):
    import subprocess
    import sys

    return subprocess.run([sys.executable, "-m", "newsprov", *map(str, args)], timeout=300, **kwargs)


@pytest.mark.parametrize("command", [["trace", "1556"], ["export", "-f", "nquads"], ["claims", "-f", "csv"],
                                     ["query", "--example", "claims-by-root-source"]], ids=lambda c: c[0])
def test_a_full_standard_output_is_one_line_exit_2(seeded_store, command):
    """'newsprov trace 1556 > /dev/full': the disk the data goes to is full, not a bug."""
    import os

    if not os.path.exists("/dev/full"):
        pytest.skip("no /dev/full on this system")
    with open("/dev/full", "wb") as full:
        result = _newsprov(*command, "--store", seeded_store, stdout=full, stderr=-1, text=True)
    assert result.returncode == 2, result.stderr
    assert result.stderr == "Error: cannot write to standard output: No space left on device\n"


@pytest.mark.parametrize("command", [["export", "-f", "nquads"], ["query", "--format", "csv",
                                     "SELECT * WHERE { ?s ?p ?o }"], ["trace", "1556"]], ids=lambda c: c[0])
def test_a_reader_that_goes_away_ends_any_command_quietly(seeded_store, command):
    """'newsprov export | head -1': exit 0, nothing on stderr, as Unix tools end in a pipe."""
    import subprocess
    import sys

    process = subprocess.Popen([sys.executable, "-m", "newsprov", *command, "--store", str(seeded_store)],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    process.stdout.readline()
    process.stdout.close()
    error = process.stderr.read().decode()
    assert process.wait(timeout=120) == 0 and error == ""


# -- a read-only store ------------------------------------------------------------------------------

def _read_only_by_chmod(store):
    import os
    import subprocess

    if os.geteuid() == 0:
        pytest.skip("root writes through chmod; the read-only mount and the recorded error cover it")
    subprocess.run(["chmod", "-R", "a-w", str(store)], check=True)
    return lambda: subprocess.run(["chmod", "-R", "u+w", str(store)], check=True)


def _read_only_by_mount(store):
    """A tmpfs remounted read-only under the store, where the tests run as root."""
    import os
    import shutil
    import subprocess

    if os.geteuid() != 0 or subprocess.run(["mount", "-t", "tmpfs", "-o", "size=20m", "tmpfs", str(store)],
                                           capture_output=True).returncode != 0:
        pytest.skip("mounting a tmpfs needs root; chmod and the recorded error cover it")
    shutil.copytree(store.with_name("copy.db"), store, dirs_exist_ok=True)
    subprocess.run(["mount", "-o", "remount,ro", str(store)], check=True)
    return lambda: subprocess.run(["umount", str(store)], check=True)


@pytest.mark.parametrize("make_read_only, why", [(_read_only_by_chmod, "permission denied"),
                                                 (_read_only_by_mount, "read-only file system")])
def test_a_read_only_store_is_said_to_be_read_only_not_damaged(runner, tmp_path, make_read_only, why):
    import shutil

    store = tmp_path / "s.db"
    assert invoke(runner, "ingest", "-q", "--store", store, SEEDS / "000_2315ef88bd53205f.txt").exit_code == 0
    shutil.copytree(store, tmp_path / "copy.db")
    restore = make_read_only(store)
    try:
        result = _newsprov("ingest", "-q", "--store", store, SEEDS / "002_5fb06999ae962a69.txt", capture_output=True,
                           text=True)
        assert result.returncode == 4 and len(result.stderr.splitlines()) == 1, result.stderr
        assert result.stderr.startswith(f"Error: the store at {store} is read-only ({why}); ")
        assert "damaged" not in result.stderr and "move it aside" not in result.stderr
        assert _newsprov("trace", "1556", "--store", store, capture_output=True).returncode == 0  # reading works
    finally:
        restore()


@pytest.mark.parametrize("exists, error, said", [
    # what pyoxigraph 0.5 raises, as recorded on a store made read-only by chmod, on a read-only
    # mount, and for a new store in a read-only folder
    (True, "IO error: While open a file for appending: {store}/LOG: Permission denied",
     "Error: the store at {store} is read-only (permission denied); make it writable (chmod -R u+w {store}) "
     "or pass another --store; the commands that only read it work as it is"),
    (True, "IO error: While open a file for appending: {store}/LOG: Read-only file system",
     "Error: the store at {store} is read-only (read-only file system); copy it to a writable disk or pass "
     "another --store; the commands that only read it work as it is"),
    (False, "IO error: While mkdir if missing: {store}: Permission denied",
     "Error: cannot create the store at {store}: its folder is read-only (permission denied); pass another --store"),
])
def test_the_read_only_errors_of_the_store_are_said_as_such(runner, tmp_path, monkeypatch, exists, error, said):
    """The same cases, whoever runs the tests: the store's opener raises what it raises for them."""
    import pyoxigraph

    store = tmp_path / "s.db"
    if exists:
        assert invoke(runner, "ingest", "-q", "--store", store, SEEDS / "000_2315ef88bd53205f.txt").exit_code == 0

    class ReadOnlyStore:
        def __init__(self, path):
            raise OSError(error.format(store=path))

    monkeypatch.setattr(pyoxigraph, "Store", ReadOnlyStore)
    assert one_line_error(invoke(runner, "ingest", "-q", "--store", store, SEEDS), 4) == said.format(store=store)


# -- command-line text that is not UTF-8 ------------------------------------------------------------

def test_a_query_or_a_source_that_is_not_utf8_is_one_line(runner, seeded_store, tmp_path):
    import os

    line = one_line_error(invoke(runner, "query", "--store", seeded_store,
                                 os.fsdecode(b'SELECT ?x WHERE { ?x ?p "\xff" }')), 2)
    assert line == "Error: the query is not UTF-8 text (character 26); give it in UTF-8"
    (tmp_path / "q.rq").write_bytes(b'SELECT ?x WHERE { ?x ?p "\xff" }')
    line = one_line_error(invoke(runner, "query", "--store", seeded_store, "--file", tmp_path / "q.rq"), 2)
    assert line.endswith("q.rq: the query is not UTF-8 text (byte 25); convert it with iconv -t utf-8")
    series = tmp_path / "series.json"
    series.write_text('[{"date": "2025-01-01", "personnel": 1}]', encoding="utf-8")
    line = one_line_error(invoke(runner, "reference", "add", series, "--store", tmp_path / "s.db",
                                 "--source", os.fsdecode(b"Gen\xff"), "--measure", "personnel"), 2)
    assert line == "Error: --source is not UTF-8 text (character 4); give it in UTF-8"
