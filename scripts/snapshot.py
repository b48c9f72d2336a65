"""Every command's output on the project's corpora, written to a folder, to compare two versions.

    .venv/bin/python scripts/snapshot.py OUT [--reference DIR]

runs ``newsprov`` (the one installed beside this Python) on four stores built in a temporary
folder: the seeds; the seeds with ``tests/corpus`` and the General Staff's reference series
(from ``--reference``, default the snapshot shipped in ``seeds/reference``); the example inputs (``examples/inputs``); and nothing (an empty store). Each run
writes ``OUT/<store>/<command>.out`` holding the exit code, the standard output and the
standard error, with the temporary folder's path replaced by ``$TMP``, the project's by
``$ROOT``, and the digests of the code (articles' fingerprints) by ``<digest>``. Running it on another
version (checked out elsewhere, and run with ``PYTHONPATH=THAT_CHECKOUT/src``) into another
folder gives two trees that ``diff -r`` compares: a change meant to keep behaviour must leave
them identical.

Each trace, independence and claims run is made for every distinct figure of the store, so a
difference on any one figure shows up; pictures (SVG, HTML) are kept whole.
"""
from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NEWSPROV = str(Path(sys.executable).with_name("newsprov"))
# an article's fingerprint digests the extractor's code, and the derived graphs' seal the
# fingerprints: they differ between any two versions by design, and are written as <digest>
DIGEST = re.compile(r"(fingerprint|derivedFromArticles)(\W{1,40})[0-9a-f]{64}")
# a fixed environment (PYTHONPATH kept: it lets one virtual environment run another checkout's code)
ENV = {"PATH": "/usr/bin:/bin", "LC_ALL": "C.UTF-8",
       **({"PYTHONPATH": os.environ["PYTHONPATH"]} if os.environ.get("PYTHONPATH") else {})}


def _reference_dir(given: str | None) -> Path | None:
    path = Path(given) if given else ROOT / "seeds" / "reference"
    return path if (path / "russia_losses_personnel.json").is_file() else None


class Snapshot:
    def __init__(self, out: Path, tmp: Path):
        self.out = out
        self.tmp = tmp

    def run(self, store: str, name: str, *args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess:
        result = subprocess.run(
            [NEWSPROV, "--store", str(self.tmp / store), *args],
            cwd=cwd, capture_output=True, text=True, env=ENV,
        )
        folder = self.out / store
        folder.mkdir(parents=True, exist_ok=True)
        text = f"$ newsprov {' '.join(args)}\nexit {result.returncode}\n--- stdout\n{result.stdout}--- stderr\n{result.stderr}"
        text = DIGEST.sub(r"\1\2<digest>", text.replace(str(self.tmp), "$TMP").replace(str(ROOT), "$ROOT"))
        (folder / f"{_file_name(name)}.out").write_text(text, encoding="utf-8")
        return result

    def readers(self, store: str) -> None:
        """Every reading command, on every figure the store holds."""
        for fmt in ("table", "csv", "json", "jsonl"):
            self.run(store, f"claims-{fmt}", "claims", "-f", fmt)
            self.run(store, f"sources-{fmt}", "sources", "--format", fmt)
        claims = json.loads(self.run(store, "claims-json", "claims", "-f", "json").stdout or "[]")
        figures = sorted({figure for claim in claims for figure in _figures(claim)})
        for figure in figures:
            self.run(store, f"trace-{figure}", "trace", figure)
            self.run(store, f"trace-{figure}-json", "trace", figure, "-f", "json")
            self.run(store, f"independence-{figure}", "independence", figure, "-f", "json")
        for figure in figures[:3] + ["1556", "841,660"]:
            for fmt in ("csv", "svg", "html"):
                self.run(store, f"trace-{figure}-{fmt}", "trace", figure, "-f", fmt)
            self.run(store, f"independence-{figure}-linked", "independence", figure, "--linked")
            self.run(store, f"claims-figure-{figure}", "claims", "--figure", figure)
        self.run(store, "independence-measure", "independence", "--measure", "personnel")
        for fmt in ("text", "json"):
            self.run(store, f"report-{fmt}", "report", "-f", fmt)
        for fmt in ("html", "svg", "dot", "graphml", "gexf"):
            self.run(store, f"graph-{fmt}", "graph", "-f", fmt)
        for fmt in ("turtle", "nt", "nquads", "trig", "jsonld", "xml"):
            self.run(store, f"export-{fmt}", "export", "-f", fmt)
        self.run(store, "query-list", "query", "--list")
        for example in ("claims-by-root-source", "unattributed-figures", "who-cites-whom"):
            for fmt in ("table", "csv", "json", "jsonl"):
                self.run(store, f"query-{example}-{fmt}", "query", "-e", example, "--format", fmt)
        self.run(store, "validate", "validate")
        self.run(store, "validate-json", "validate", "--format", "json")
        self.run(store, "reference-list", "reference", "list")


def _figures(claim: dict) -> list[str]:
    return [str(text) for text in claim.get("figure_text") or [] if text]


def _file_name(name: str) -> str:
    return "".join(c if c.isalnum() or c in "-_.," else "_" for c in name)[:120]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--reference", help="folder of the General Staff's series")
    args = parser.parse_args()
    if args.out.exists():
        shutil.rmtree(args.out)
    reference = _reference_dir(args.reference)
    with tempfile.TemporaryDirectory(prefix="newsprov-snapshot-") as tmp:
        snap = Snapshot(args.out, Path(tmp))
        snap.run("empty", "claims", "claims")
        snap.run("empty", "trace", "trace", "1556")
        snap.run("empty", "report", "report")

        snap.run("seeds", "ingest", "ingest", "seeds/")
        snap.run("seeds", "ingest-again", "ingest", "seeds/")
        snap.readers("seeds")

        snap.run("corpus", "ingest", "ingest", "seeds/", "tests/corpus/")
        if reference is not None:
            snap.run("corpus", "reference-add-personnel", "reference", "add",
                     str(reference / "russia_losses_personnel.json"),
                     "--source", "General Staff of the Armed Forces of Ukraine", "--measure", "personnel")
            snap.run("corpus", "reference-add-equipment", "reference", "add",
                     str(reference / "russia_losses_equipment.json"), "--source", "General Staff of the Armed Forces of Ukraine",
                     "--measure", "tank", "--measure", "APC=armoured vehicles", "--measure", "aircraft")
        snap.readers("corpus")

        inputs = ROOT / "examples" / "inputs"
        snap.run("examples", "ingest", "ingest", *sorted(str(p) for p in inputs.iterdir() if p.name != "README.md"))
        snap.readers("examples")
        for fmt in ("json", "jsonl", "turtle", "nquads"):
            snap.run("extract", f"extract-seeds-{fmt}", "extract", "seeds/", "-f", fmt)
        snap.run("extract", "extract-examples", "extract", *sorted(str(p) for p in inputs.iterdir() if p.name != "README.md"), "-f", "jsonl")
    print(f"{sum(1 for _ in args.out.rglob('*.out'))} outputs in {args.out}"
          + ("" if reference else " (no reference series found: the corpus store has none)"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
