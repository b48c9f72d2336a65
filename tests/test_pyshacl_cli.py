"""The exported seed corpus passes the stock pySHACL command line, not only our wrapper.

Ingest the seeds in-process, export the union as Turtle, and run
``python -m pyshacl`` on it with the shapes, the ontology as extra ontology
graph, no inference, SHACL-AF on (the sh:sparql constraints) and Warnings
allowed: it must conform, and one corrupted offset must make it fail.
"""
from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from newsprov.cli import cli
from newsprov.resources import ontology_path, shapes_path

pytestmark = pytest.mark.slow

SEEDS = Path(__file__).resolve().parents[1] / "seeds"
OFFSETS_MESSAGE = "A span's offsets fall outside its article's text or do not give its nif:anchorOf."


@pytest.fixture(scope="module")
def exported(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("pyshacl-cli")
    store, output = folder / "store.db", folder / "corpus.ttl"
    runner = CliRunner()
    result = runner.invoke(cli, ["ingest", "-q", "--store", str(store), str(SEEDS)])
    assert result.exit_code == 0, result.output
    result = runner.invoke(cli, ["export", "--format", "turtle", "-o", str(output), "--store", str(store)])
    assert result.exit_code == 0, result.output
    assert output.stat().st_size > 0
    return output


def _pyshacl(data: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "pyshacl", "-s", str(shapes_path()), "-e", str(ontology_path()),
         "-i", "none", "-a", "-w", "-f", "human", str(data)],
        capture_output=True, text=True, timeout=600,
    )


def test_exported_seeds_conform_under_pyshacl_cli(exported):
    run = _pyshacl(exported)
    assert run.returncode == 0, run.stdout[-3000:] + run.stderr[-3000:]
    assert "Conforms: True" in run.stdout


def test_one_corrupted_offset_fails_under_pyshacl_cli(exported, tmp_path):
    text = exported.read_text(encoding="utf-8")
    corrupted, count = re.subn(r"(nif:endIndex\s+)\d+", r"\g<1>999999", text, count=1)
    assert count == 1, "no nif:endIndex in the export to corrupt"
    broken = tmp_path / "corrupted.ttl"
    broken.write_text(corrupted, encoding="utf-8")

    run = _pyshacl(broken)
    assert run.returncode != 0, run.stdout[-3000:]
    # pySHACL also exits 1 on input errors: check it is the offsets check that failed.
    assert "Conforms: False" in run.stdout, run.stderr[-3000:]
    assert OFFSETS_MESSAGE in run.stdout
