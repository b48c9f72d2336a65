"""The shipped syntactic model: it loads from the package with no network, parses, carries the
version the code expects and the scores the README reports, and loads only when extraction needs it."""
from __future__ import annotations

import json
import os
import re
import subprocess
import sys

import pytest

from newsprov.extract import syntax
from newsprov.extract.syntax import MODEL_DIR, MODEL_NAME, MODEL_VERSION, load_model, model_meta

from conftest import ROOT


def test_the_shipped_model_is_the_version_the_code_expects():
    meta = model_meta(MODEL_DIR)
    assert (meta["name"], meta["version"]) == (MODEL_NAME, MODEL_VERSION)
    assert meta["license"] == "CC BY-SA 4.0" and (MODEL_DIR / "LICENSE").is_file()
    assert {"tok2vec", "tagger", "parser", "ner"} <= set(meta["pipeline"])


def test_it_parses_and_recognises(pipeline):
    nlp = load_model()
    doc = nlp("Maria Lindqvist said the council would close 12 libraries in Uppsala.")
    said = next(t for t in doc if t.lower_ == "said")
    subject = next(t for t in said.children if t.dep_ == "nsubj")
    assert subject.text == "Maria" and [c.dep_ for c in subject.children] == ["flat"]  # UD: a name's first word heads it
    assert said.tag_ == "VBD"
    assert any(c.dep_ == "ccomp" for c in said.children)
    assert [(e.text, e.label_) for e in doc.ents if e.label_ == "PER"] == [("Maria Lindqvist", "PER")]


def test_it_loads_once_per_process():
    assert load_model() is load_model()


def _readme_scores() -> dict[str, float]:
    """The model table of the README: 'metric | value' rows under 'The syntactic model'."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text[text.index("### The syntactic model"):]
    section = section[:section.index("\n## ")]
    return {m[1]: float(m[2]) for m in re.finditer(r"^\| `([a-z_]+(?: [A-Z]+)?)` \| ([0-9.]+) \|", section, re.M)}


def test_the_readme_reports_the_scores_the_model_carries():
    test = model_meta(MODEL_DIR)["newsprov"]["test_scores"]
    reported = _readme_scores()
    expected = {key: round(test[key], 3) for key in ("tag_acc", "dep_uas", "dep_las", "ents_f")}
    expected.update({f"ents_f {kind}": round(scores["f"], 3) for kind, scores in test["ents_per_type"].items()})
    assert reported == expected


def test_no_network_is_needed_to_load_it(tmp_path):
    """Loaded in a process whose sockets all fail: nothing is fetched."""
    code = ("import socket\n"
            "def refuse(*a, **k): raise OSError('no network in this test')\n"
            "socket.socket.connect = refuse; socket.create_connection = refuse\n"
            "from newsprov.extract.syntax import load_model\n"
            "print(len(load_model()('It works.')))\n")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "3"


@pytest.mark.parametrize("args", [["--help"], ["trace", "--help"], ["query", "--help"]])
def test_commands_that_do_not_extract_do_not_load_it(args):
    code = ("import sys\nfrom newsprov.cli import cli\n"
            f"try:\n    cli({args!r})\nexcept SystemExit:\n    pass\n"
            "print('spacy' in sys.modules, file=sys.stderr)\n")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.stderr.strip().splitlines()[-1] == "False"


@pytest.mark.parametrize("args, shown", [
    (["trace", "1556"], "1,556"), (["query", "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"], "n"),
    (["sources"], "General Staff"), (["report"], "articles")])
def test_commands_that_read_a_store_do_not_load_it(seeded_store, args, shown):
    code = ("import sys\nfrom newsprov.cli import cli\n"
            f"try:\n    cli({args + ['--store', str(seeded_store)]!r})\nexcept SystemExit:\n    pass\n"
            "print('spacy' in sys.modules, file=sys.stderr)\n")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert shown in result.stdout
    assert result.stderr.strip().splitlines()[-1] == "False"


def test_a_missing_model_is_one_line_and_exit_2(tmp_path):
    article = tmp_path / "a.txt"
    article.write_text("The council said 12 libraries would close.\n", encoding="utf-8")
    env = {**os.environ, syntax.MODEL_ENV: str(tmp_path / "no-model")}
    result = subprocess.run([sys.executable, "-m", "newsprov", "extract", str(article)], capture_output=True,
                            text=True, env=env)
    assert result.returncode == 2
    [line] = result.stderr.strip().splitlines()
    assert "syntactic model is missing" in line and "Traceback" not in result.stderr


def test_meta_is_valid_json_with_both_splits():
    meta = json.loads((MODEL_DIR / "meta.json").read_text(encoding="utf-8"))
    assert set(meta["newsprov"]) >= {"test_scores", "dev_scores"}
    assert 0 < meta["newsprov"]["test_scores"]["dep_las"] <= 1
