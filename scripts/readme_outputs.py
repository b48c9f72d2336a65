"""Refresh the command output shown in README.md from real runs.

Every fenced block preceded by a line ``<!-- output: COMMAND -->`` is replaced by
``$ COMMAND`` and what the command printed (stdout and stderr), all in one fresh
store; the ``ingest`` commands run first, then ``reference add``, in the order they
appear, so every other block sees the seeds and the series. ``| head -N`` keeps N lines.

    .venv/bin/python scripts/readme_outputs.py            # rewrite the blocks
    .venv/bin/python scripts/readme_outputs.py --check    # exit 1 and name each block that differs

``tests/test_readme.py`` runs the check, so every block shown is what its command prints.
"""
from __future__ import annotations

import os
import re
import shlex
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BLOCK = re.compile(r"(<!-- output: (?P<command>.+?) -->\n)```\n.*?```", re.DOTALL)


def run(command: str, env: dict) -> str:
    keep = None
    cut = re.search(r"\s*\|\s*(head|tail) -(\d+)\s*$", command)
    shown = command
    if cut:
        keep = int(cut.group(2)) if cut.group(1) == "head" else -int(cut.group(2))
        command = command[: cut.start()]
    argv = shlex.split(command)
    argv[0] = str(Path(sys.executable).parent / argv[0])
    result = subprocess.run(argv, cwd=env["PWD"], env=env, capture_output=True, text=True, check=False)
    lines = (result.stderr + result.stdout).rstrip("\n").splitlines()
    if keep is not None and keep > 0 and len(lines) > keep:
        lines = lines[:keep] + ["..."]
    elif keep is not None and keep < 0 and len(lines) > -keep:
        lines = ["..."] + lines[keep:]
    return f"$ {shown}\n" + "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    check = "--check" in (sys.argv[1:] if argv is None else argv)
    original = readme = (ROOT / "README.md").read_text(encoding="utf-8")
    with tempfile.TemporaryDirectory() as folder:
        # run where a user would: a folder with seeds/ and the default store ./newsprov.db
        (Path(folder) / "seeds").symlink_to(ROOT / "seeds")
        (Path(folder) / "tests").symlink_to(ROOT / "tests")
        (Path(folder) / "examples").symlink_to(ROOT / "examples")
        env = {k: v for k, v in os.environ.items() if k != "NEWSPROV_STORE"}
        env["PWD"] = folder
        outputs = {}
        commands = [m.group("command") for m in BLOCK.finditer(readme)]
        def order(command: str) -> int:  # articles first, then reference series, then the rest
            return 0 if command.startswith("newsprov ingest") else 1 if command.startswith("newsprov reference add") else 2

        for command in sorted(commands, key=order):
            if command not in outputs:
                outputs[command] = run(command, env)

        def replace(match: re.Match) -> str:
            command = match.group("command")
            return match.group(1) + "```\n" + outputs[command] + "```"

        readme = BLOCK.sub(replace, readme)
    if not check:
        (ROOT / "README.md").write_text(readme, encoding="utf-8")
        return 0
    shown = {m.group("command"): m.group(0) for m in BLOCK.finditer(original)}
    printed = {m.group("command"): m.group(0) for m in BLOCK.finditer(readme)}
    stale = [command for command in shown if shown[command] != printed[command]]
    for command in stale:
        print(f"README.md shows other output than `{command}` prints now", file=sys.stderr)
    return 1 if stale else 0


if __name__ == "__main__":
    sys.exit(main())
