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
    ("We spoke to Grace Okoth-Lindqvist, the union's leader, about pay.", "Grace Okoth-Lindqvist", "Person"),
    ("The Treasury says there is no money for a rise.", "Treasury", "Organisation"),
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


def categories(pipeline, text):
    """Each name's coarse category, by the text of every mention."""
    x = pipeline.run(article_from_text(text, publisher=""))
    return {x.article.text[s.start:s.end]: e.category for e in x.entities for s in e.mentions}


def test_a_line_that_lists_names_is_no_headline(pipeline):
    found = categories(pipeline, "Freedonia squad to face Sylvania.\n"
                                 "Freedonia: Tomas Brenek (captain), Ivan Dorosh, Nolan Brisk, Petr Hlavac.\n")
    assert {found[n] for n in ("Tomas Brenek", "Ivan Dorosh", "Nolan Brisk", "Petr Hlavac")} == {"Person"}


@pytest.mark.parametrize("text, name, kind", [
    ("Talks stall again.\nMINSK 2024-03-02\nThe talks stalled on Friday.", "MINSK", "Region"),
    ("Talks stall again.\nZORIANIVKA 2024-03-02\nThe talks stalled on Friday.", "ZORIANIVKA", "Region"),
    ("Talks stall again.\nPORT VELMARA, Freedonia, March 2\nThe talks stalled.", "PORT VELMARA", "Region"),
    ("SOCCER - BELGIUM BEAT TURKEY IN WORLD CUP QUALIFIER.\nThe match was close.", "TURKEY", "Region"),
])
def test_places_in_capitals_and_datelines(pipeline, text, name, kind):
    assert categories(pipeline, text).get(name) == kind


def test_every_sovereign_country_is_known(pipeline):
    x = pipeline.run(article_from_text("Ministers from Kenya, Peru and Bhutan met in Laos.", publisher=""))
    known = {e.label: e for e in x.entities}
    assert {known[n].type for n in ("Kenya", "Peru", "Bhutan", "Laos")} == {"Country"}
    assert known["Kenya"].country == "KE" and known["Peru"].country == "PE"


def test_a_surname_opening_a_sentence_is_the_person_named_later(pipeline):
    x = pipeline.run(article_from_text("Hlavac was not there. Later coach Petr Hlavac said he was ill.", publisher=""))
    people = [e for e in x.entities if e.label == "Petr Hlavac"]
    assert people and people[0].category == "Person" and len(people[0].mentions) == 2


@pytest.mark.parametrize("text, names", [
    ("Executives of Vandersloot Corp and Brightwell Inc said on Monday that they would merge.",
     {"Vandersloot Corp": "Organisation", "Brightwell Inc": "Organisation"}),
    ("\"It is slow,\" said economist Marta Kowal of Brightwell Securities Inc.",
     {"Marta Kowal": "Person", "Brightwell Securities Inc": "Organisation"}),
    ("Freedonian Prime Minister Tarvel Osk said the deal was done.", {"Tarvel Osk": "Person"}),
    ("Officials said the Fisheries Board's Ivan Kowalczyk had resigned.",
     {"Fisheries Board": "Organisation", "Ivan Kowalczyk": "Person"}),
])
def test_names_glued_together_are_separate_mentions(pipeline, text, names):
    found = categories(pipeline, text)
    for name, kind in names.items():
        assert found.get(name) == kind, (name, found)


def test_a_place_inside_an_organisation_name_is_the_organisation(pipeline):
    found = categories(pipeline, "Shares fell on the Moscow Stock Exchange on Monday.")
    assert found.get("Moscow Stock Exchange") == "Organisation" and "Moscow" not in found


def test_a_given_name_beats_a_place_preposition(pipeline):
    assert categories(pipeline, "The award went to Ivan Dorosh on Friday.").get("Ivan Dorosh") == "Person"


def test_a_place_name_inside_a_persons_name_is_no_place(pipeline):
    found = categories(pipeline, "Michael Jordan scored 30 points on Friday.")
    assert found.get("Michael Jordan") == "Person" and "Jordan" not in found


@pytest.mark.parametrize("text, name, kind", [
    ("Brightwell SpA reported a loss. Analysts said Brightwell would recover.", "Brightwell", "Organisation"),
    ("Shares of the packaging company Veltrona fell on Friday.", "Veltrona", "Organisation"),
    ("The deal helps Ohio-based Veltrona grow.", "Veltrona", "Organisation"),
])
def test_organisations_by_their_context(pipeline, text, name, kind):
    assert categories(pipeline, text).get(name) == kind


def test_sides_in_lines_of_results_are_organisations(pipeline):
    found = categories(pipeline, "Freedonian league results.\nHartfield 2 Dunmore 1\nKestrel 4 3 1 0 9 4 10\n"
                                 "Postponed: Riverton v Ashcombe, Dunmore v Kestrel\n")
    assert {found.get(n) for n in ("Hartfield", "Dunmore", "Kestrel", "Riverton", "Ashcombe")} == {"Organisation"}


def test_one_name_takes_the_type_of_its_strongest_evidence(pipeline):
    found = categories(pipeline, "Shelling hit Velmarivka overnight. Velmarivka has no power.\n"
                                 "Residents of Velmarivka left.")
    assert found.get("Velmarivka") == "Region"


def test_an_acronym_nothing_else_types_names_an_organisation(pipeline):
    from newsprov.extract.tokens import tokenize
    text = "Officials of the KFP said the GDP grew."
    found = {m.span.text: m.entity.category
             for m in pipeline.entity_finder.unknown_mentions(tokenize(text), text, {0}, [], [])}
    assert found.get("KFP") == "Organisation" and found.get("GDP") != "Organisation"


def test_a_sentence_full_of_names_is_no_headline(pipeline):
    found = categories(pipeline, "Shares of Vandersloot Corp and Brightwell Inc rose on Monday.")
    assert found.get("Vandersloot Corp") == "Organisation" and found.get("Brightwell Inc") == "Organisation"


def test_a_place_name_that_is_a_persons_surname_links_to_the_person(pipeline):
    x = pipeline.run(article_from_text("Director Neil Jordan defends his film.\n"
                                       "Jordan said it was hard. He flew to Jordan later.", publisher=""))
    text = x.article.text
    kinds = {(text[s.start:s.end], s.start): e.category for e in x.entities for s in e.mentions}
    assert kinds[("Jordan", text.index("Jordan said"))] == "Person"
    assert kinds[("Jordan", text.index("Jordan later"))] == "Region"


def test_a_name_that_speaks_is_no_place(pipeline):
    from newsprov.extract.entities import RECOGNISED, EntityMention, reconcile
    from newsprov.model import Entity, Span
    said = EntityMention(Span(0, 7, "Nerweyi"), Entity(key="nerweyi", label="Nerweyi", type="Region"),
                         strength=RECOGNISED, recognised="Region", speaks=True)
    again = EntityMention(Span(30, 37, "Nerweyi"), Entity(key="nerweyi", label="Nerweyi", type="Region"),
                          strength=RECOGNISED, recognised="Region")
    assert {m.entity.type for m in reconcile([said, again])} == {"Person"}


@pytest.mark.parametrize("text, name", [
    ("The Velmarian Farmers Union (VFU) said prices fell. The VFU asked for help.", "VFU"),
    ("\"We will not sign,\" said Surrey captain Chris Lewis on Friday.", "Surrey"),
])
def test_organisations_by_what_stands_beside_them(pipeline, text, name):
    assert categories(pipeline, text).get(name) == "Organisation"


@pytest.mark.parametrize("text, name", [
    ("The plane came down over Velmarby, Scotland, in 1988.", "Velmarby"),
    ("The truck was found in Ostrand, Fla., on Friday.", "Ostrand"),
    ("The town lies 200 km east of the capital Dushgorod.", "Dushgorod"),
])
def test_places_by_what_stands_beside_them(pipeline, text, name):
    assert categories(pipeline, text).get(name) == "Region"


def test_a_demonym_before_a_head_word_is_part_of_the_name(pipeline):
    found = categories(pipeline, "The Palestinian Authority said it would protest. British Airways cancelled flights.")
    assert found.get("Palestinian Authority") == "Organisation" and found.get("British Airways") == "Organisation"


@pytest.mark.parametrize("text, written", [
    ("The UK Ministry of\u200b Defence said 12 tanks were destroyed.", "UK Ministry of\u200b Defence"),
    ("The UK Min\u00adistry of De\u00adfence said 12 tanks were destroyed.", "UK Min\u00adistry of De\u00adfence"),
    ("The \u2066UK Ministry of Defence\u2069 said 12 tanks were destroyed.", "UK Ministry of Defence"),
])
def test_format_characters_inside_or_around_a_name_are_read_past(pipeline, text, written):
    x = pipeline.run(article_from_text(text))
    [attribution] = x.attributions
    assert attribution.source.key == "uk-mod" and attribution.source_span.text == written
    span = attribution.source_span
    assert text[span.start:span.end] == written


@pytest.mark.parametrize("text", [
    "\u2066Olena Kovalenko\u2069 said 40 drones were downed over Kyiv.",
    "\u202bOlena Kovalenko\u202c said 40 drones were downed over Kyiv.",
    "\u200fOlena\u200f Kovalenko said 40 drones were downed over Kyiv.",
    "Olena\u200d Kova\u200blenko said 40 drones were downed over Kyiv.",
])
def test_bidi_controls_and_joiners_do_not_break_a_name(pipeline, text):
    x = pipeline.run(article_from_text(text))
    assert [(a.source.label, a.source.type) for a in x.attributions] == [("Olena Kovalenko", "Person")]
