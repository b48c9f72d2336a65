"""Coreference of sources (extract/coref.py): who 'he', 'she', 'the spokeswoman' or 'the mayor' is, relays that
stand inside the subject, live-blog entries and headlines.

Every sentence is made up for the test; the people and bodies are no lexicon's.
"""
from __future__ import annotations

import pytest

from newsprov.errors import LexiconError
from newsprov.extract import coref
from newsprov.extract.lexicon import load_coref_words, load_lexicons
from newsprov.read import article_from_text


def sources(pipeline, text):
    """source phrase -> the label of the entity credited, for every attribution."""
    x = pipeline.run(article_from_text(text))
    return [(a.source_span.text, a.source.label, a.source.type) for a in x.attributions]


def credited(pipeline, text):
    """figure -> the labels of its chain, outermost first."""
    x = pipeline.run(article_from_text(text))
    by_id = {a.id: a for a in x.attributions}
    return {f.span.text: [by_id[i].source.label for i in c.attributions] for c in x.claims for f in c.figures}


# -- gender ---------------------------------------------------------------------------------------------------
HEARING = ("Dr Sarah Okafor said the trial had worked. The trial was run by Mr James Bell at the Harwick clinic. "
           "{pronoun} said 40 patients recovered.")


def test_she_is_the_woman_who_spoke_not_the_man_named_last(pipeline):
    assert credited(pipeline, HEARING.format(pronoun="She"))["40"] == ["Sarah Okafor"]


def test_he_after_the_same_sentences_is_the_man(pipeline):
    assert credited(pipeline, HEARING.format(pronoun="He"))["40"] == ["James Bell"]


def test_a_title_tells_the_gender_when_the_name_does_not(pipeline):
    text = ("Mrs Ferrow told the court the lease was void. Counsel for the landlord, Mr Kemi Adeyo, disagreed. "
            "She said the rent had risen by 30% in a year.")
    assert credited(pipeline, text)["30%"] == ["Ferrow"]


def test_two_men_either_of_whom_he_could_be_leave_he_unresolved(pipeline):
    text = "Tom Hale met David Wren at the bank's London office on Monday. He said 300 jobs would go."
    found = credited(pipeline, text)["300"]
    assert found == ["He"]  # the pronoun itself, an unnamed source: not Hale, not Wren
    kinds = {label: kind for _, label, kind in sources(pipeline, text)}
    assert kinds["He"] == "VagueSource"


def test_a_man_and_a_woman_leave_he_one_choice(pipeline):
    text = "Tom Hale met Sarah Wren at the bank's London office on Monday. He said 300 jobs would go."
    assert credited(pipeline, text)["300"] == ["Tom Hale"]


def test_a_name_of_either_sex_gives_no_gender():
    words = load_lexicons().coref
    assert "Kim" not in words.names and "Alex" not in words.names and "Jean" not in words.names
    assert words.names["Sarah"] == "feminine" and words.names["James"] == "masculine"


def test_an_unknown_name_is_not_excluded_by_a_pronoun(pipeline):
    # 'Kim' says nothing of sex: 'she' can be Kim Lorne, and no man is around to compete
    text = "Kim Lorne, the party's treasurer, said the campaign was solvent. She said donations rose 18%."
    assert credited(pipeline, text)["18%"] == ["Kim Lorne"]


def test_the_speaker_goes_on_after_a_person_who_is_only_named(pipeline):
    text = ('Tom Hale, the Harwick coach, said the side needed 9 points. Striker Kofi Brandt is fit again after '
            'a knee injury. "Every one of his 14 goals mattered," he said.')
    assert credited(pipeline, text)["14"] == ["Tom Hale"]


def test_a_person_named_with_no_speaker_before_is_who_he_is(pipeline):
    text = ('The side needed 9 points, the table showed. Striker Kofi Brandt is fit again after a knee injury. '
            '"Every one of my 14 goals mattered," he said.')
    assert credited(pipeline, text)["14"] == ["Kofi Brandt"]


# -- role words and appositions ---------------------------------------------------------------------------------
def test_an_apposition_gives_role_gender_and_organisation(pipeline):
    text = ("Jo Tate, a spokeswoman for Harwick City Council, said the road would reopen. "
            "Ian Marsh drives a bus on the route. She said repairs cost £2 million.")
    assert credited(pipeline, text)["£2 million"] == ["Jo Tate"]
    doc_coref = _coref(pipeline, text)
    facts = doc_coref.people["jo-tate"]
    assert facts.gender == "feminine" and facts.role == "spokeswoman"
    assert facts.affiliation is not None and facts.affiliation.label == "Harwick City Council"


def test_the_graph_gives_the_person_a_job_title_and_an_organisation(pipeline):
    from rdflib import Literal, URIRef
    from rdflib.namespace import SDO

    from newsprov.check import validate
    from newsprov.graph.build import build_graph
    from newsprov.ids import entity_iri

    x = pipeline.run(article_from_text("Jo Tate, a spokeswoman for Harwick City Council, said 12 roads were shut. "
                                       "Ian Marsh said 3 buses were late."))
    graph = build_graph(x)
    person = URIRef(entity_iri("jo-tate"))
    assert graph.value(person, SDO.jobTitle) == Literal("spokeswoman")
    assert graph.value(person, SDO.affiliation) == URIRef(entity_iri("harwick-city-council"))
    assert graph.value(URIRef(entity_iri("ian-marsh")), SDO.jobTitle) is None  # nothing said of his role
    assert validate(graph)[0]


def test_a_title_before_the_name_gives_its_role(pipeline):
    facts = _coref(pipeline, "Governor Oleh Marsk said the port was hit.").people["oleh-marsk"]
    assert facts.role == "governor" and facts.gender == "masculine"


def test_the_mayor_of_a_place_is_not_a_governor_named_before(pipeline):
    text = ("Governor Oleh Marsk said the port was hit. "
            "The president's office, quoting the mayor of Harwick, said 14 people were hurt.")
    chain = credited(pipeline, text)["14"]
    assert len(chain) == 2 and "Oleh Marsk" not in chain and chain[1] == "the mayor"


def test_the_mayor_is_the_mayor_named_before(pipeline):
    text = ("Mayor Anna Volkova said the port was hit. Governor Oleh Marsk toured the docks. "
            "The mayor said 14 people were hurt.")
    assert credited(pipeline, text)["14"] == ["Anna Volkova"]


def test_the_spokeswoman_is_a_woman(pipeline):
    text = ("Lena Brandt said the club would appeal. The chairman, Piet Roos, declined to comment. "
            "The spokeswoman said the fine was 20,000 euros.")
    assert credited(pipeline, text)["20,000 euros"] == ["Lena Brandt"]


def test_the_chairman_is_the_man_named_chairman(pipeline):
    text = ("Piet Roos, the club's chairman, said the fine was unfair. Lena Brandt said the club would appeal. "
            "The chairman said 3 players were banned.")
    assert credited(pipeline, text)["3"] == ["Piet Roos"]


def test_the_minister_is_the_person_known_as_minister_not_the_last_speaker(pipeline):
    text = ("Health Minister Ana Ruiz said the budget was fixed. Tom Hale, who runs a ward in Harwick, said staff were tired. "
            "The minister said 12 wards would close.")
    assert credited(pipeline, text)["12"] == ["Ana Ruiz"]


def test_the_minister_with_no_minister_named_is_the_last_speaker(pipeline):
    text = ("Ana Ruiz said the budget was fixed. Tom Hale, who runs a ward in Harwick, said staff were tired. "
            "The minister said 12 wards would close.")
    assert credited(pipeline, text)["12"] == ["Tom Hale"]


def test_the_think_tank_is_the_research_body_not_the_ministry(pipeline):
    text = ("The Halvorsen Institute and the Ministry of Finance of Norland published reports on Monday. "
            "The think tank said 12% of firms had cut staff.")
    assert credited(pipeline, text)["12%"] == ["Halvorsen Institute"]


def test_he_is_never_an_organisation(pipeline):
    text = "Harwick City Council met on Monday. He said 300 homes would be built."
    assert credited(pipeline, text)["300"] == ["He"]


def test_it_is_an_organisation_not_a_person(pipeline):
    text = "Sarah Wren chairs Harwick City Council. It said 300 homes would be built."
    assert credited(pipeline, text)["300"] == ["Harwick City Council"]


# -- dialogue ---------------------------------------------------------------------------------------------------
EXCHANGE = ('"We will appeal," Sarah Okafor said. "The verdict was wrong," replied James Bell. '
            '"It cost us 40 jobs," {pronoun} said.')


@pytest.mark.parametrize("pronoun, speaker", [("she", "Sarah Okafor"), ("he", "James Bell")])
def test_a_dialogue_of_a_man_and_a_woman(pipeline, pronoun, speaker):
    assert credited(pipeline, EXCHANGE.format(pronoun=pronoun))["40"] == [speaker]


def test_in_a_dialogue_of_two_men_he_answers_the_last_speaker(pipeline):
    text = ('"We lost 2-0," Tim Rudd said. "The referee missed three fouls," Ron Ames replied. '
            '"He missed 5 of them," he said.')
    assert credited(pipeline, text)["5"] == ["Tim Rudd"]


def test_he_added_goes_on_with_the_last_speaker(pipeline):
    text = ('"We lost 2-0," Tim Rudd said. "The referee missed three fouls," Ron Ames replied. '
            '"He missed 5 of them," he added.')
    assert credited(pipeline, text)["5"] == ["Ron Ames"]


# -- relays inside the subject ----------------------------------------------------------------------------------
@pytest.mark.parametrize("text", [
    "The Norland Ministry of Health, citing hospital data, says 1,280 patients were treated on Tuesday.",
    "Citing hospital data, the Norland Ministry of Health says 1,280 patients were treated on Tuesday.",
    "The Norland Ministry of Health says 1,280 patients were treated on Tuesday, citing hospital data.",
])
def test_a_relay_gives_two_hops_wherever_it_stands(pipeline, text):
    chain = credited(pipeline, text)["1,280"]
    assert len(chain) == 2 and chain[0].endswith("Ministry of Health") and chain[1] == "hospital data"


def test_an_opening_participle_that_relays_no_one_gives_one_hop(pipeline):
    text = "Speaking to reporters, the Harwick coach said 12 players were injured."
    assert len(credited(pipeline, text)["12"]) == 1


def test_drawing_on_figures_is_a_relay(pipeline):
    text = "The Harwick Housing Trust, drawing on the Norland Statistics Office's figures, said 300 homes were empty."
    assert credited(pipeline, text)["300"] == ["Harwick Housing Trust", "Norland Statistics Office"]


def test_a_name_set_off_inside_a_relay_is_the_cited_not_the_reporter(pipeline):
    text = "Harwick FM, quoting the head of the parish council, Ines Marr, reported that 300 homes had no power."
    assert credited(pipeline, text)["300"] == ["Harwick FM", "Ines Marr"]


def test_a_name_set_off_after_its_title_reports(pipeline):
    text = "The head of the parish council, Ines Marr, reported that 300 homes had no power."
    assert credited(pipeline, text)["300"] == ["Ines Marr"]


def test_it_after_a_relay_is_the_relayer_not_the_cited(pipeline):
    text = ("The Harwick Fire and Rescue Service, citing the coastguard, said two people had drowned. "
            "It said 19 people had been taken to hospital.")
    assert credited(pipeline, text)["19"] == ["Harwick Fire and Rescue Service"]


# -- live blogs -------------------------------------------------------------------------------------------------
LIVE = ("Storm Ilse live\n\n14:32\nMayor Anna Volkova said the river had burst its banks.\n\n"
        "{time}\nShe said 40 homes were flooded.\n")


def test_a_live_blog_entry_keeps_its_own_sources(pipeline):
    found = credited(pipeline, LIVE.format(time="15:05"))["40"]
    assert found != ["Anna Volkova"] and found == ["She"]


def test_without_entries_the_pronoun_takes_up_the_speaker(pipeline):
    assert credited(pipeline, LIVE.format(time="Later"))["40"] == ["Anna Volkova"]


@pytest.mark.parametrize("line, entry", [("2.15pm", True), ("14:32 GMT", True), ("Key events", True),
                                         ("At 14:32 the storm hit", False), ("2.15", True)])
def test_entry_lines(line, entry):
    layer = coref.build(load_lexicons().coref, frozenset(), f"Intro\n{line}\nText.\n{line}\nMore.\n", [], [])
    assert bool(layer.entries) == entry


# -- headlines --------------------------------------------------------------------------------------------------
def test_a_headline_figure_takes_the_chain_of_the_same_figure_in_the_body(pipeline):
    text = ("Clinic waits hit 1,280 patients a day\n\n"
            "The Norland Ministry of Health, citing hospital data, says 1,280 patients a day waited over four hours.\n")
    x = pipeline.run(article_from_text(text))
    by_id = {a.id: a for a in x.attributions}
    chains = [[by_id[i].source.label for i in c.attributions] for c in x.claims if c.figures]
    assert len(chains) == 2 and chains[0] == chains[1] and len(chains[0]) == 2


def test_a_headline_figure_the_body_does_not_give_keeps_no_source(pipeline):
    text = ("Clinic waits hit 1,500 patients a day\n\n"
            "The Norland Ministry of Health, citing hospital data, says 1,280 patients a day waited over four hours.\n")
    assert credited(pipeline, text)["1,500"] == []


RECAP = ("Storm Ilse live\n\nKey events\n- 40 homes flooded in Harwick\n\n15:05\nHomes flooded\n"
         "The Harwick fire service said {n} homes were flooded overnight.\n\n14:32\nRain eases\nThe rain eased.\n")


def test_a_live_blog_recap_takes_the_chain_of_the_entry_that_gives_the_figure(pipeline):
    assert credited(pipeline, RECAP.format(n=40))["40"] == ["The Harwick fire service"]


def test_a_recap_figure_no_entry_gives_keeps_no_source(pipeline):
    assert credited(pipeline, RECAP.format(n=45))["40"] == []


# -- the lexicon ------------------------------------------------------------------------------------------------
def test_a_word_under_both_genders_fails_loudly(tmp_path):
    path = tmp_path / "coref.jsonl"
    path.write_text('{"id": "f", "kind": "name", "gender": "feminine", "patterns": ["Sasha"]}\n'
                    '{"id": "m", "kind": "name", "gender": "masculine", "patterns": ["Sasha"]}\n')
    with pytest.raises(LexiconError, match="both genders"):
        load_coref_words(path)


def _coref(pipeline, text):
    from newsprov.extract.pipeline import Doc

    doc = Doc(article_from_text(text))
    for step in pipeline.steps:
        step.run(pipeline, doc)
        if step.name == "coref":
            return doc.coref
    raise AssertionError("no coref step")
