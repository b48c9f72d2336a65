"""`reference fetch`: the General Staff's two files downloaded with the demo's settings, from a
server on 127.0.0.1 standing in for the dataset's host; both or nothing."""
from __future__ import annotations

import json
import shutil
import socket

import pytest

from newsprov.analyse.reference import general_staff_plan
from newsprov.cli import cli

from conftest import REFERENCE, ROOT, LocalSite, one_line_error

DATASET = "https://raw.githubusercontent.com/PetroIvaniuk/2022-Ukraine-Russia-War-Dataset/main/data/"
DEMO_SERIES = {"personnel", "tank", "APC", "aircraft", "helicopter", "drone", "naval ship", "submarines"}


class _Dataset(LocalSite):
    """The shipped snapshot served under /data/, and a copy under /half/ whose equipment file is missing."""

    FILES = ("russia_losses_personnel.json", "russia_losses_equipment.json")

    def answer(self, handler) -> None:
        folder, _, name = handler.path.rpartition("/")
        if name in self.FILES and (folder == "/data" or (folder == "/half" and "personnel" in name)):
            return self.send(handler, 200, "text/plain; charset=utf-8", (REFERENCE / name).read_bytes())
        return handler.send_error(404)


@pytest.fixture
def dataset():
    served = _Dataset()
    yield served
    served.close()


def _fetch(runner, store, *args, env=None):
    return runner.invoke(cli, ["reference", "fetch", "--store", str(store), "-f", "json", *args], env=env)


def _listed(runner, store) -> list[dict]:
    return json.loads(runner.invoke(cli, ["reference", "list", "--store", str(store), "-f", "json"]).output)


def test_the_default_is_the_datasets_raw_files():
    assert [where for where, _ in general_staff_plan()] == [
        DATASET + "russia_losses_personnel.json", DATASET + "russia_losses_equipment.json"]


def test_both_files_are_downloaded_with_the_demos_settings_and_match_the_articles(runner, dataset, tmp_path,
                                                                                   seeded_store):
    store, local = tmp_path / "s.db", tmp_path / "local.db"
    shutil.copytree(seeded_store, store)
    shutil.copytree(seeded_store, local)
    result = _fetch(runner, store, "--base-url", dataset.base + "/data/")
    assert result.exit_code == 0, result.output
    rows = json.loads(result.output)
    assert {r["column"] for r in rows} == DEMO_SERIES and all(r["days"] >= 1060 for r in rows)
    assert {r["source"] for r in rows} == {"General Staff of the Armed Forces of Ukraine"}
    assert sum(r["matches"] for r in rows) > 0
    assert dataset.paths() == ["/data/russia_losses_personnel.json", "/data/russia_losses_equipment.json"]
    kept = {r["column"]: r["retrieved_from"] for r in _listed(runner, store)}
    assert kept["personnel"] == dataset.base + "/data/russia_losses_personnel.json"
    assert kept["tank"] == dataset.base + "/data/russia_losses_equipment.json"
    # the same series, and the same matches, as the snapshot loaded from its folder (what `make demo` does)
    from_folder = _fetch(runner, local, "--base-url", str(REFERENCE))
    assert from_folder.exit_code == 0, from_folder.output
    shown = ("series", "column", "measure", "days", "first", "last", "matches")
    assert [{k: r[k] for k in shown} for r in json.loads(from_folder.output)] == [{k: r[k] for k in shown} for r in rows]


def test_the_base_url_can_come_from_the_environment(runner, dataset, tmp_path):
    result = _fetch(runner, tmp_path / "s.db", env={"NEWSPROV_REFERENCE_BASE_URL": dataset.base + "/half"})
    assert result.exit_code == 2  # the copy there lacks the equipment file: asked for, so the variable was used
    assert dataset.paths() == ["/half/russia_losses_personnel.json", "/half/russia_losses_equipment.json"]


def test_a_file_that_fails_loads_neither(runner, dataset, tmp_path):
    store = tmp_path / "s.db"
    line = one_line_error(_fetch(runner, store, "--base-url", dataset.base + "/half/"), 2)
    assert "russia_losses_equipment.json" in line and "HTTP 404" in line
    assert dataset.paths() == ["/half/russia_losses_personnel.json", "/half/russia_losses_equipment.json"]
    assert _listed(runner, store) == []


def test_offline_is_one_line_as_for_reference_add(runner, tmp_path):
    with socket.socket() as closed:  # a port nothing listens on
        closed.bind(("127.0.0.1", 0))
        port = closed.getsockname()[1]
    line = one_line_error(_fetch(runner, tmp_path / "s.db", "--base-url", f"http://127.0.0.1:{port}/data/"), 2)
    assert "cannot fetch" in line and "download the file and give its path" in line


def test_a_url_is_read_as_the_series_its_name_says_or_as_told(runner, dataset, tmp_path):
    store = tmp_path / "s.db"
    one = _fetch(runner, store, "--url", dataset.base + "/data/russia_losses_personnel.json")
    assert one.exit_code == 0, one.output
    assert [r["column"] for r in json.loads(one.output)] == ["personnel"]
    line = one_line_error(_fetch(runner, store, "--url", dataset.base + "/data/other.json"), 2)
    assert "not one of the General Staff's series files" in line and "--source" in line
    told = _fetch(runner, store, "--url", dataset.base + "/data/russia_losses_equipment.json",
                  "--source", "Ukrainian General Staff", "--measure", "tank")
    assert told.exit_code == 0, told.output
    assert [r["column"] for r in json.loads(told.output)] == ["tank"]
    alone = one_line_error(_fetch(runner, store, "--source", "Ukrainian General Staff"), 2)
    assert "go with --url" in alone


def test_the_demo_loads_the_snapshot_with_these_settings():
    """One place for the settings: `make demo` runs `reference fetch` on the shipped snapshot."""
    assert all((REFERENCE / where.rsplit("/", 1)[-1]).is_file() for where, _ in general_staff_plan())
    demo = (ROOT / "Makefile").read_text(encoding="utf-8").split("\ndemo:", 1)[1].split("\n\n", 1)[0]
    assert "reference fetch --base-url seeds/reference" in demo and "reference add" not in demo
