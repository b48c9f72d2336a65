"""Time the corpus analyses on the seeds with the General Staff's series loaded.

    .venv/bin/python benchmarks/bench_analysis.py [--reference DIR] [--rounds 3]

DIR holds russia_losses_personnel.json and russia_losses_equipment.json
(default: the snapshot shipped in seeds/reference). Each step runs in process on a
fresh copy of the store, CPU time, median and best of the rounds.
"""
from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

from click.testing import CliRunner

from newsprov.cli import cli

ROOT = Path(__file__).resolve().parents[1]
EQUIPMENT_COLUMNS = ["tank", "APC", "aircraft", "helicopter", "drone", "naval ship=ships", "submarines"]


def run(*args: str) -> None:
    result = CliRunner().invoke(cli, list(args))
    if result.exit_code != 0:
        raise SystemExit(f"{' '.join(args)} failed: {result.output}")


def timed(step) -> float:
    start = time.process_time()
    step()
    return time.process_time() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reference", type=Path, default=ROOT / "seeds" / "reference")
    parser.add_argument("--rounds", type=int, default=3)
    options = parser.parse_args()
    personnel = options.reference / "russia_losses_personnel.json"
    equipment = options.reference / "russia_losses_equipment.json"
    steps = {
        "reference add personnel (1,626 days)": lambda s: run("--store", s, "reference", "add", str(personnel),
                                                              "--source", "Ukrainian General Staff", "--measure", "personnel"),
        "reference add equipment, 7 columns": lambda s: run("--store", s, "reference", "add", str(equipment), "--source",
                                                            "Ukrainian General Staff",
                                                            *[x for c in EQUIPMENT_COLUMNS for x in ("--measure", c)]),
        "ingest tests/corpus/ into it (extraction, SHACL, links and matches recomputed)":
            lambda s: run("--store", s, "ingest", "-q", str(ROOT / "tests" / "corpus")),
        "trace 841,660": lambda s: run("--store", s, "trace", "841,660"),
        "independence 1556 --linked": lambda s: run("--store", s, "independence", "1556", "--linked"),
        "report": lambda s: run("--store", s, "report"),
    }
    times: dict[str, list[float]] = {name: [] for name in steps}
    for _ in range(options.rounds):
        with tempfile.TemporaryDirectory() as folder:
            store = str(Path(folder) / "store.db")
            run("--store", store, "ingest", "-q", str(ROOT / "seeds"))
            for name, step in steps.items():
                times[name].append(timed(lambda: step(store)))
    for name, values in times.items():
        print(f"{name:80s} median {statistics.median(values):6.2f} s   best {min(values):6.2f} s")


if __name__ == "__main__":
    main()
