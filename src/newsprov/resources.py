"""One place that finds the project's data files, installed or in a checkout.

A wheel carries ``ontology/`` and ``shapes/`` under ``newsprov/_resources``;
an editable install or a checkout finds them at the repository root.
"""
from __future__ import annotations

from functools import cache
from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


@cache
def resource_path(relative: str) -> Path:
    """Path of a project data file such as ``"shapes/newsprov.shapes.ttl"``."""
    for base in (_PACKAGE / "_resources", _PACKAGE.parents[1], _PACKAGE):
        candidate = base / relative
        if candidate.exists():
            return candidate
    raise FileNotFoundError(f"newsprov data file {relative!r} is missing from the installation")


def ontology_path() -> Path:
    return resource_path("ontology/newsprov.ttl")


def shapes_path() -> Path:
    return resource_path("shapes/newsprov.shapes.ttl")


def lexicon_dir() -> Path:
    return _PACKAGE / "extract" / "lexicons"

