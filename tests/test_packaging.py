"""An installed newsprov carries its ontology, shapes, lexicons and queries, and the command works."""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from conftest import ROOT, SEEDS

pytestmark = pytest.mark.slow


MODEL_FILES = ("config.cfg", "meta.json", "LICENSE", "tok2vec/model", "parser/model", "ner/model", "tagger/model",
               "vocab/strings.json", "tokenizer")


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """A wheel and an sdist built from a copy of the checkout, as a release would be."""
    from hatchling.builders.sdist import SdistBuilder
    from hatchling.builders.wheel import WheelBuilder

    tmp_path = tmp_path_factory.mktemp("build")
    source = tmp_path / "src-copy"
    shutil.copytree(ROOT, source, ignore=shutil.ignore_patterns(".venv", ".git", "*.db", "__pycache__", ".pytest_cache",
                                                                 "corpus", "output"))
    wheel = Path(next(iter(WheelBuilder(str(source)).build(directory=str(tmp_path / "dist"), versions=["standard"]))))
    sdist = Path(next(iter(SdistBuilder(str(source)).build(directory=str(tmp_path / "dist"), versions=["standard"]))))
    return wheel, sdist


def test_wheel_contains_the_data_files(built):
    wheel, _ = built
    names = set(zipfile.ZipFile(wheel).namelist())
    for required in ("newsprov/_resources/ontology/newsprov.ttl", "newsprov/_resources/shapes/newsprov.shapes.ttl",
                     "newsprov/extract/lexicons/gazetteer.jsonl", "newsprov/extract/lexicons/cues.jsonl",
                     "newsprov/queries/who-cites-whom.rq", "newsprov/viewer.html", "newsprov/serve.html",
                     "newsprov/serve.css", "newsprov/serve.js"):
        assert required in names, required


def test_the_model_travels_in_the_wheel_and_the_sdist_within_25_mb(built):
    import tarfile

    wheel, sdist = built
    in_wheel = {i.filename: i.file_size for i in zipfile.ZipFile(wheel).infolist()}
    with tarfile.open(sdist) as archive:
        in_sdist = {m.name.split("/", 1)[1]: m.size for m in archive.getmembers()}
    for name in MODEL_FILES:
        assert any(n.startswith(f"newsprov/extract/model/{name}") for n in in_wheel), name
        assert any(n.startswith(f"src/newsprov/extract/model/{name}") for n in in_sdist), name
    model_bytes = sum(size for n, size in in_wheel.items() if n.startswith("newsprov/extract/model/"))
    assert 1_000_000 < model_bytes <= 25_000_000
    assert not any("corpus/" in n and n.endswith(".spacy") for n in in_sdist)  # converted treebank stays out


def test_make_demo_tells_the_whole_story_from_the_shipped_files(tmp_path):
    """The Makefile's demo recipe, run as written (the installed command, the shipped seeds and
    reference series, nothing from beside the project): both reference findings are shown."""
    import re
    import shlex

    makefile = (ROOT / "Makefile").read_text(encoding="utf-8").replace("\\\n", " ")
    recipe = re.search(r"^demo:.*\n((?:\t.*\n)+)", makefile, re.MULTILINE).group(1)
    bin_dir = str(Path(sys.executable).parent)
    env = {**os.environ, "NEWSPROV_STORE": str(tmp_path / "demo.db")}
    printed = ""
    for line in recipe.splitlines():
        argv = [part.replace("$(BIN)", bin_dir) for part in shlex.split(line.strip())]
        assert argv[0] == f"{bin_dir}/newsprov", line
        assert all(not part.startswith("..") for part in argv), line  # nothing from beside the project
        result = subprocess.run(argv, cwd=ROOT, capture_output=True, text=True, env=env, check=False)
        assert result.returncode == 0, (line, result.stderr)
        printed += result.stdout
    assert "reference: General Staff of the Armed Forces of Ukraine: personnel" in printed
    assert "48,240) / 31 = 1,556.1 [exact]" in printed
    assert re.search(r"MISATTRIBUTED: the article credits Ukrainian intelligence services, but it is General Staff "
                     r"of the Armed Forces of Ukraine's tally of 2025-02-03", printed)


def test_console_script_demo(tmp_path):
    """What `make demo` does: the installed command ingests the seeds and traces 1,556."""
    command = shutil.which("newsprov", path=str(Path(sys.executable).parent))
    assert command, "the newsprov console script is not installed"
    env = {**os.environ, "NEWSPROV_STORE": str(tmp_path / "demo.db")}
    ingest = subprocess.run([command, "ingest", str(SEEDS)], capture_output=True, text=True, env=env, check=False)
    assert ingest.returncode == 0, ingest.stderr
    assert "5 added" in ingest.stdout and ingest.stderr == ""  # no progress drawn into a pipe
    trace = subprocess.run([command, "trace", "1556", "--format", "json"], capture_output=True, text=True, env=env,
                           check=False)
    occurrences = json.loads(trace.stdout)
    assert {o["article"]["publisher"] for o in occurrences} == {"The Sun", "GB News"}
    assert subprocess.run([command, "trace", "31337"], capture_output=True, text=True, env=env).returncode == 3
