"""Entities: gazetteer aliases collapse to one node; unknown names are typed, not dropped."""
from __future__ import annotations

import pytest

from newsprov.read import article_from_text


def entities(pipeline, text, publisher=""):
    x = pipeline.run(article_from_text(text, publisher=publisher))
    return {e.label: e for e in x.entities}


def test_aliases_collapse_to_one_entity(pipeline):
    found = entities(pipeline, "The Institute for the Study of War (ISW) said so. The ISW added more.")
    isw = found["Institute for the Study of War"]
    assert isw.key == "isw" and len(isw.mentions) == 3


@pytest.mark.parametrize("text, label, kind", [
    ("Russian Ambassador Alexander Matsegora has claimed that talks failed.", "Alexander Matsegora", "Person"),
    ("Lt. Col. Dwayne Harker told reporters the goal was near.", "Dwayne Harker", "Person"),
    ("Daria Herasymchuk disclosed the information.", "Daria Herasymchuk", "Person"),
    ("The group, reportedly from the 241th Territorial Defense Brigade, fired.", "241th Territorial Defense Brigade", "MilitaryUnit"),
    ("Troops of the 153rd Rifle Brigade held the line.", "153rd Rifle Brigade", "MilitaryUnit"),
    ("Shelling hit Zorianivka Oblast overnight.", "Zorianivka Oblast", "Region"),
    ("Shelling hit the Zorianivka district overnight.", "Zorianivka", "Region"),
    ("Ukraine's Regional Human Rights Centre has identified 13 institutions.", "Regional Human Rights Centre", "Organisation"),
    ("The Ministry of Strategic Industries announced a plan.", "Ministry of Strategic Industries", "Organisation"),
    ("Fighting raged in Vovchansk and near Kyslivka.", "Vovchansk", "Region"),
])
def test_unknown_names_are_typed(pipeline, text, label, kind):
    found = entities(pipeline, text)
    assert label in found, sorted(found)
    assert found[label].category == kind


def test_surname_refers_to_the_full_name(pipeline):
    found = entities(pipeline, "Governor Maksym Lytvynenko spoke first. Later Lytvynenko said more.")
    assert len(found["Maksym Lytvynenko"].mentions) == 2
    assert "Lytvynenko" not in found


def test_wikidata_only_where_known(pipeline):
    found = entities(pipeline, "Vladimir Putin met officials in Moscow.")
    assert found["Vladimir Putin"].wikidata == "Q7747"


def test_sentence_words_are_not_entities(pipeline):
    found = entities(pipeline, "Experts say this matters. Meanwhile, the war goes on. This is new.")
    assert "Meanwhile" not in found and "This" not in found
    assert found["Experts"].type == "VagueSource"  # a source, but not a name


def test_unknown_name_keeps_one_type_across_mentions(pipeline):
    x = pipeline.run(article_from_text("Shelling hit Zorianivka overnight. Zorianivka has no power.\n"
                                       "Residents of Zorianivka left.", publisher=""))
    places = [e for e in x.entities if e.label == "Zorianivka"]
    assert len(places) == 1 and places[0].category == "Region" and len(places[0].mentions) == 3
