"""``python -m corpusgen --articles N --out DIR [--seed S]`` (with ``benchmarks/`` on the path)."""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from .generator import generate


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Generate a synthetic news corpus about the war in Ukraine, with its own gold.")
    parser.add_argument("--articles", type=int, required=True, help="how many articles to write")
    parser.add_argument("--out", type=Path, required=True, help="the folder to write them into")
    parser.add_argument("--seed", type=int, default=0, help="the corpus seed (default 0)")
    args = parser.parse_args(argv)
    if args.articles < 1:
        parser.error("--articles must be at least 1")
    counts = generate(args.articles, args.out, args.seed)
    counts.pop("publishers")
    print(json.dumps(counts, indent=2))
    print(f"{counts['articles']} articles in {counts['seconds']} s; evaluate with:\n"
          f"  newsprov eval {args.out / 'gold'} --texts {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
