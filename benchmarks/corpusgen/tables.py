"""The generator's tables, read from the JSON files beside this module.

Each file holds named tables (``TABLES["places"]["oblasts"]``). JSON has no tuples or sets, so
the tables the generator unpacks or looks up by value are given their Python shape here, in one
place: lists of pairs become lists of tuples, the lists used for membership become sets.
"""
from __future__ import annotations

import json
from pathlib import Path

HERE = Path(__file__).resolve().parent / "tables"

# table -> how its rows are shaped: "pairs" (a list of tuples), "values" (a dict of tuples), "set"
SHAPES = {
    "oblasts": "pairs", "ru_regions": "pairs", "donors": "pairs", "ru_surnames": "pairs", "roles": "pairs",
    "think_tanks": "pairs", "publishers": "pairs", "frames_1": "pairs", "frames_2": "pairs", "frames_q": "pairs",
    "vague_multiples": "pairs", "auto_entities": "values", "kinds": "values", "article_topics": "values",
    "gaz_unit_numbers": "set", "allowed_capitals": "set", "own_article": "set", "small_words": "set",
}


def _shaped(name: str, value):
    shape = SHAPES.get(name)
    if shape == "pairs":
        return [tuple(row) for row in value]
    if shape == "values":
        return {key: tuple(row) for key, row in value.items()}
    if shape == "set":
        return set(value)
    return value


def load(directory: Path = HERE) -> dict[str, dict]:
    tables = {}
    for path in sorted(directory.glob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        tables[path.stem] = {name: _shaped(name, value) for name, value in data.items()}
    return tables


TABLES = load()


def _form(form) -> tuple[str, str]:
    """A source's name as written: a bare name, or [words before it, the name]."""
    return tuple(form) if isinstance(form, list) else ("", form)


def org(key, forms, later=(), desc="", gb=(), cat="O") -> dict:
    """A named source (a body or an outlet) from its row in sources.json."""
    return {"key": key, "kind": "org", "forms": [_form(f) for f in forms], "later": [_form(f) for f in later],
            "desc": desc, "gb": [_form(f) for f in gb], "cat": cat}


def person(key, name, titles=(), appos=(), gender="m", years=(2022, 2026)) -> dict:
    """A known person from its row in people.json."""
    return {"key": key, "kind": "person", "name": name, "last": name.split()[-1], "titles": list(titles),
            "appos": list(appos), "gender": gender, "years": tuple(years)}
