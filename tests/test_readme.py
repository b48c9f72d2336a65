"""The README shows what the commands print: every output block marked ``<!-- output: COMMAND -->``
is run again, in a fresh store with the seeds and the shipped reference series, and compared."""
from __future__ import annotations

import subprocess
import sys

import pytest

from conftest import ROOT


@pytest.mark.slow
def test_every_output_block_in_the_readme_is_what_its_command_prints():
    result = subprocess.run([sys.executable, str(ROOT / "scripts" / "readme_outputs.py"), "--check"],
                            capture_output=True, text=True, check=False, timeout=900)
    assert result.returncode == 0, result.stderr
