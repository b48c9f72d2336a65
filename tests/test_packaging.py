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


def test_wheel_contains_the_data_files(tmp_path):
    from hatchling.builders.wheel import WheelBuilder

    source = tmp_path / "src-copy"
    shutil.copytree(ROOT, source, ignore=shutil.ignore_patterns(".venv", ".git", "*.db", "__pycache__", ".pytest_cache"))
    wheel = Path(next(iter(WheelBuilder(str(source)).build(directory=str(tmp_path / "dist"), versions=["standard"]))))
    names = set(zipfile.ZipFile(wheel).namelist())
    for required in ("newsprov/_resources/ontology/newsprov.ttl", "newsprov/_resources/shapes/newsprov.shapes.ttl",
                     "newsprov/extract/lexicons/gazetteer.jsonl", "newsprov/extract/lexicons/cues.jsonl",
                     "newsprov/queries/who-cites-whom.rq", "newsprov/viewer.html", "newsprov/serve.html",
                     "newsprov/serve.css", "newsprov/serve.js"):
        assert required in names, required


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
