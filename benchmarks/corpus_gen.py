"""Generate a synthetic news corpus about the war in Ukraine, with its own gold: the command line of
the ``corpusgen`` package beside this file (see its docstring).

    python benchmarks/corpus_gen.py --articles 10000 --out /tmp/corpus [--seed 0]
"""
from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpusgen import main  # noqa: E402  (the package lives beside this script)

if __name__ == "__main__":
    sys.exit(main())
