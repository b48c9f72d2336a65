"""Lexicons are data, validated when loaded: a bad file fails loudly with file and line."""
from __future__ import annotations

import json

import pytest

from newsprov.errors import LexiconError
from newsprov.extract.lexicon import load_gazetteer, load_lexicons


def write(tmp_path, rows):
    path = tmp_path / "g.jsonl"
    path.write_text("\n".join(r if isinstance(r, str) else json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    return path


GOOD = {"id": "x", "label": "X", "type": "Person", "country": "", "aliases": ["X"], "wikidata": "", "demonyms": []}


@pytest.mark.parametrize("row, words", [
    ("{not json", "not valid JSON"),
    ({**GOOD, "type": "Wizard"}, "unknown type"),
    ({k: v for k, v in GOOD.items() if k != "aliases"}, "lacks"),
    ({**GOOD, "aliases": []}, "empty"),
    ({**GOOD, "wikidata": "7747"}, "Q123"),
])
def test_bad_gazetteer_lines(tmp_path, row, words):
    path = write(tmp_path, [GOOD if not isinstance(row, dict) else {**GOOD, "id": "y"}, row])
    with pytest.raises(LexiconError) as error:
        load_gazetteer(path)
    assert f"{path}:2" in str(error.value.message) and words in error.value.message


def test_duplicate_id(tmp_path):
    with pytest.raises(LexiconError, match="duplicate id"):
        load_gazetteer(write(tmp_path, [GOOD, GOOD]))


def test_shipped_lexicons_load_and_map_aliases_to_one_id():
    lexicons = load_lexicons()
    ids = [e.id for e in lexicons.gazetteer]
    assert len(ids) == len(set(ids)) > 200
    wikidata = [e.wikidata for e in lexicons.gazetteer if e.wikidata]
    assert all(w.startswith("Q") for w in wikidata)
    assert {"uk-mod", "ua-mod", "ua-general-staff", "isw", "ua-gur"} <= set(ids)


def test_a_measure_family_must_be_a_name(tmp_path, monkeypatch):
    import newsprov.extract.lexicon as lexicon

    (tmp_path / "measures.jsonl").write_text(
        json.dumps({"id": "tanks", "label": "tanks", "patterns": ["tanks"]}) + "\n"
        + json.dumps({"id": "troops", "label": "troops", "family": "", "patterns": ["troops"]}) + "\n", encoding="utf-8")
    monkeypatch.setattr(lexicon, "lexicon_dir", lambda: tmp_path)
    with pytest.raises(LexiconError, match=r"measures.jsonl:2: 'family'"):
        lexicon.load_patterns("measures.jsonl")
