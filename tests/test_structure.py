"""Attribution read from the parse: whoever fills the source role of a reporting construction is the
source, whether or not any list knows the name, the title or the phrasing.

Every sentence here is made up for the test and names people and bodies no lexicon lists.
"""
from __future__ import annotations

import pytest

from newsprov.read import article_from_text


def hops(pipeline, text):
    """(source phrase, source type, cue, content) of each attribution."""
    x = pipeline.run(article_from_text(text))
    return [(a.source_span.text, a.source.type, a.cue.text if a.cue else None, a.content.text if a.content else None)
            for a in x.attributions]


def credited(pipeline, text):
    """figure -> the source phrases of its chain, outermost first."""
    x = pipeline.run(article_from_text(text))
    by_id = {a.id: a for a in x.attributions}
    return {f.span.text: [by_id[i].source_span.text for i in c.attributions] for c in x.claims for f in c.figures}


# The six sentences that credited no one while the lexicons were the gate.
@pytest.mark.parametrize("text, figure, source", [
    ("Smith said 12 soldiers were killed.", "12", "Smith"),
    ("The senator said 40 soldiers were killed.", "40", "The senator"),
    ("The network said 40 reporters were detained.", "40", "The network"),
    ("Her campaign said the senator had raised $4 million.", "$4 million", "Her campaign"),
    ("Okafor said in her letter to the minister that 12 people had died.", "12", "Okafor"),
    ("Lindqvist said 3 men approached her.", "3", "Lindqvist"),
])
def test_a_source_no_list_knows_is_credited(pipeline, text, figure, source):
    assert credited(pipeline, text)[figure] == [source]


def test_an_unknown_surname_is_a_person_from_the_recogniser(pipeline):
    [(phrase, kind, cue, _)] = hops(pipeline, "Nakamura-Reyes said the plant would close by March.")
    assert (phrase, kind, cue) == ("Nakamura-Reyes", "Person", "said")


def test_a_description_is_kept_as_an_unnamed_source_not_dropped(pipeline):
    [(phrase, kind, _, content)] = hops(pipeline, "The union said 300 drivers would strike on Friday.")
    assert phrase == "The union" and kind == "VagueSource" and "300 drivers" in content


@pytest.mark.parametrize("text, source, content_part", [
    ("The council will cut 120 jobs, Mayor Ines Vallejo said.", "Ines Vallejo", "cut 120 jobs"),
    ("The council will cut 120 jobs, said Ines Vallejo, the mayor.", "Ines Vallejo", "cut 120 jobs"),
    ("The council, Vallejo said, will cut 120 jobs.", "Vallejo", "The council"),
])
def test_speaker_after_the_content_in_either_order(pipeline, text, source, content_part):
    [(phrase, _, cue, content)] = hops(pipeline, text)
    assert phrase == source and cue == "said" and content_part in content


def test_agent_of_a_passive_is_the_source(pipeline):
    assert credited(pipeline, "The 14 cases were reported by the county health board on Monday.") == \
        {"14": ["the county health board"]}


def test_object_of_according_to_is_the_source(pipeline):
    assert credited(pipeline, "Turnout reached 61 percent, according to the Harwick electoral commission.") == \
        {"61 percent": ["the Harwick electoral commission"]}


@pytest.mark.parametrize("text, figure, owner", [
    ("Brennan Analytics' tally puts the number of closures at 48.", "48", "Brennan Analytics"),
    ("Figures from the Tarrow Port Authority show 2,300 containers were lost.", "2,300", "Tarrow Port Authority"),
    ("A report by the Vance Institute found that rents rose 9%.", "9%", "Vance Institute"),
])
def test_owner_of_a_nominal_cue_is_the_source(pipeline, text, figure, owner):
    assert owner in credited(pipeline, text)[figure][0]


def test_in_a_statement_the_subject_speaks(pipeline):
    [(phrase, _, cue, content)] = hops(pipeline, "In a statement, Halden Mining said it had laid off 85 workers.")
    assert phrase == "Halden Mining" and cue == "said" and "85 workers" in content


def test_put_at_however_much_stands_between(pipeline):
    text = "In its evening briefing, shared on its website, the Corvel Water Board put the leak's cost at 2.3 million."
    assert credited(pipeline, text)["2.3 million"] == ["Corvel Water Board"]


def test_an_apposition_is_not_the_source(pipeline):
    text = "Marlow Trust, a Leeds charity, put the number of families waiting at about 600."
    assert credited(pipeline, text)["600"] == ["Marlow Trust"]


def test_a_fronted_adverbial_is_not_the_source(pipeline):
    text = "After the vote in Brussels, the finance minister said the deficit would fall to 2.1%."
    [(phrase, _, _, _)] = hops(pipeline, text)
    assert phrase == "the finance minister"


def test_speaker_before_a_colon_and_a_quotation(pipeline):
    text = 'Coach Aurelio Benitez: "We lost 3 players to injury this week."'
    [(phrase, _, cue, content)] = hops(pipeline, text)
    assert phrase.endswith("Aurelio Benitez") and cue == ":" and content.startswith('"We lost 3')


def test_quotation_then_speaker(pipeline):
    text = '"We have treated 41 patients since Sunday," said Dr Tamsin Achebe, who runs the clinic.'
    assert credited(pipeline, text)["41"] == ["Tamsin Achebe"]


@pytest.mark.parametrize("verb", ["warned", "estimated", "claimed", "wrote", "tweeted", "insisted", "believes"])
def test_cues_are_classes_of_verbs_not_phrasings(pipeline, verb):
    [(phrase, _, cue, content)] = hops(pipeline, f"Councillor Pryce {verb} that 200 homes would flood.")
    assert phrase.endswith("Pryce") and cue == verb and "200 homes" in content


@pytest.mark.parametrize("text, cue", [
    ("The mayor called for 50 more buses.", "called"),
    ("The coach vowed to win 3 of the last 4 games.", "vowed"),
    ("Rivera denied that the firm owed 2 million euros.", "denied"),
    ("The governor wants to hire 400 nurses.", "wants"),
])
def test_evidential_and_attitude_predicates(pipeline, text, cue):
    [(_, _, found_cue, _)] = hops(pipeline, text)
    assert found_cue == cue


def test_nested_chain_from_structure(pipeline):
    text = "The ombudsman said the hospital had told her that 17 patients waited over a year."
    assert credited(pipeline, text)["17"] == ["The ombudsman", "the hospital"]


def test_citing_passes_the_words_through(pipeline):
    text = "The agency said 900 flights were cancelled, citing figures from the Orla airport operator."
    assert credited(pipeline, text)["900"] == ["The agency", "the Orla airport operator"]


def test_a_pronoun_finds_its_speaker(pipeline):
    text = "Mira Sandoval runs the food bank in Corby.\nShe said 120 families came last week."
    [chain] = credited(pipeline, text).values()
    assert chain == ["She"]
    x = pipeline.run(article_from_text(text))
    assert x.attributions[0].source.label == "Mira Sandoval"


def test_a_reporters_caveat_credits_no_one(pipeline):
    text = "The figures could not be independently verified by Reuters."
    assert hops(pipeline, text) == []


def test_a_verb_without_content_credits_nothing(pipeline):
    assert hops(pipeline, "The spokesman declined to comment on Tuesday.") == []


def test_a_plain_event_is_not_an_attribution(pipeline):
    assert hops(pipeline, "The storm killed 14 people and cut power to 20,000 homes.") == []


def test_a_thing_not_said_is_no_content(pipeline):
    assert hops(pipeline, "The Pellham water company did not comment on the figure.") == []


@pytest.mark.parametrize("text, inner_source, outer_source, inner_content", [
    ("Local officials said nearly 50 shops were looted overnight, the mayor's spokesman said on Saturday.",
     "Local officials", "the mayor's spokesman", "nearly 50 shops were looted overnight"),
    ("The senator said 40 soldiers were killed, the agency reported.",
     "The senator", "the agency", "40 soldiers were killed"),
    ("Parish councillors in Ebbing said nearly 30 homes were flooded in the storm, the county office said on Monday.",
     "Parish councillors in Ebbing", "the county office", "nearly 30 homes were flooded in the storm"),
])
def test_a_framing_reporter_after_a_comma_ends_the_inner_content(pipeline, text, inner_source, outer_source, inner_content):
    found = {phrase: content for phrase, _, _, content in hops(pipeline, text)}
    assert found[inner_source] == inner_content
    assert found[outer_source].startswith(inner_source) and inner_content in found[outer_source]


def test_a_source_moving_its_own_count_to_a_value(pipeline):
    text = "The ministry raised its estimate of the dead to 212 on Sunday."
    assert credited(pipeline, text) == {"212": ["The ministry"]}


def test_a_reporting_verb_the_tagger_read_as_a_plural_noun(pipeline):
    # 'reveals' tagged as a noun after 'audit': the complete clause after it shows it is the verb
    chain = credited(pipeline, "A disturbing audit reveals the trust has lost 14,000 patient records since 2021.")["14,000"]
    assert len(chain) == 1 and chain[0].endswith("audit")
    assert credited(pipeline, "The claims the council has rejected were first made in 2019.").get("2019", []) == []


def test_the_agency_can_be_an_international_body(pipeline):
    x = pipeline.run(article_from_text(
        "UNICEF said on Monday that 40 schools had closed in the region. The agency said 12,000 children were out of class."))
    assert [a.source.label for a in x.attributions] == ["UNICEF", "UNICEF"]


def test_an_interview_answer_is_its_guests_to_the_end_of_the_paragraph(pipeline):
    text = ("We spoke to Marta Quillfeather, head of the Dunmore tenants' association, about rents.\n\n"
            "Q: How many families have left?\n"
            "A: Most of the old families are gone. We counted 214 evictions last year alone.\n\n"
            "Q: What do you want from the council?\n"
            "A: A cap. The council's own survey says 61% of tenants support one.\n")
    x = pipeline.run(article_from_text(text))
    by_id = {a.id: a for a in x.attributions}
    chains = {f.span.text: [by_id[i].source.label for i in c.attributions] for c in x.claims for f in c.figures}
    assert chains["214"] == ["Marta Quillfeather"]
    assert chains["61%"][0] == "Marta Quillfeather" and len(chains["61%"]) == 2


class _Recorder:
    """A Doc that notes which of its layers each step reads and writes."""

    def __init__(self, doc):
        object.__setattr__(self, "_doc", doc)
        object.__setattr__(self, "read", set())
        object.__setattr__(self, "written", set())

    def __getattr__(self, name):
        self.read.add(name)
        return getattr(self._doc, name)

    def __setattr__(self, name, value):
        self.written.add(name)
        setattr(self._doc, name, value)


def test_pipeline_steps_read_and_write_only_what_they_declare(pipeline):
    """Each step, run on a real article, touches exactly the layers it declares (a list it
    extends counts as read and written)."""
    from dataclasses import fields

    from newsprov.extract.pipeline import Doc
    from newsprov.read import article_from_text

    article = article_from_text("Clinic strike\n\nThe union said 4,200 nurses walked out, according to "
                                "figures from the health board, which put the cost at £3 million.\n"
                                "Additionally, 300 porters joined them.\nOfficials said 12 clinics closed.\n"
                                "The figures come from the Northfield Health Board's weekly report.\n")
    doc = Doc(article)
    lists = {f.name for f in fields(Doc) if f.name != "article"}
    for step in pipeline.steps:
        before = {name: list(getattr(doc, name)) if isinstance(getattr(doc, name), list) else getattr(doc, name)
                  for name in lists}
        recorder = _Recorder(doc)
        step.run(pipeline, recorder)
        changed = {name for name in lists if getattr(doc, name) != before[name]} | recorder.written
        assert changed <= set(step.writes) and changed, (step.name, changed)
        assert recorder.read - set(step.writes) <= set(step.reads), (step.name, recorder.read)


def test_a_pipeline_refuses_a_step_whose_inputs_nothing_provides():
    from newsprov.extract.pipeline import check_steps

    with pytest.raises(ValueError, match="'claims' reads attributions, figures, which no step before it writes"):
        check_steps(["layout", "syntax", "tokens", "entities", "claims"])
    with pytest.raises(ValueError, match="no pipeline step writes claims"):
        check_steps(["layout", "syntax", "tokens", "entities", "coref", "attributions", "figures"])
    with pytest.raises(ValueError, match="unknown pipeline step"):
        check_steps(["layout", "parse"])
    assert [s.name for s in check_steps(["layout", "tokens", "syntax", "entities", "coref", "figures", "attributions",
                                         "claims"])][-1] == "claims"


# A participle with no subject of its own that opens an adverbial clause is said by the subject of the clause
# it modifies; its complement ends where that clause begins.
@pytest.mark.parametrize("text, cue, source, content", [
    ("While discussing the budget with the mayor, the governor said taxes would rise.", "discussing", "the governor",
     "the budget"),
    ("After saying the pitch was too wet, the referee stopped the match.", "saying", "the referee",
     "the pitch was too wet"),
])
def test_an_opening_participle_takes_the_subject_of_its_clause(pipeline, text, cue, source, content):
    found = {c: (s, ct) for s, _, c, ct in hops(pipeline, text)}
    assert found[cue] == (source, content)


def test_a_participle_with_a_subject_of_its_own_is_not_the_clause_subjects(pipeline):
    found = {c: s for s, _, c, _ in hops(pipeline, "With the board saying the deal was dead, the shares fell 9%.")}
    assert found.get("saying") != "the shares"


def test_the_clause_before_a_transitive_cue_is_not_its_content(pipeline):
    found = {c: ct for _, _, c, ct in hops(pipeline, "Speaking to reporters in Lyon, the striker praised his teammates.")}
    assert found["praised"] == "his teammates"


# A verb with two objects ('called the referee a disgrace') says the second of the first.
def test_the_second_object_of_a_naming_verb_is_the_content(pipeline):
    found = {c: (s, ct) for s, _, c, ct in hops(pipeline, "The striker attacked the coach, calling him a coward.")}
    assert found["calling"] == ("The striker", "a coward")


def test_a_negated_naming_verb_credits_nothing(pipeline):
    found = {c for _, _, c, _ in hops(pipeline, "The striker did not call him a coward.")}
    assert not any(c and "call" in c for c in found)


# Verbs of praising, complaining and reminding, and nouns of criticism and endorsement, are cues like 'said'.
@pytest.mark.parametrize("text, cue, source", [
    ("The union leader bemoaned the slow pace of the wage talks.", "bemoaned", "The union leader"),
    ("The chairman congratulated the players on a fine season.", "congratulated", "The chairman"),
    ("The judge reminded jurors that the defendant had not testified.", "reminded", "The judge"),
    ("The harbour authority understands that the ferry will be sold.", "understands", "The harbour authority"),
])
def test_more_verbs_of_saying_and_knowing_are_cues(pipeline, text, cue, source):
    found = {c: s for s, _, c, _ in hops(pipeline, text)}
    assert found.get(cue) == source


def test_a_noun_of_criticism_with_an_owner_is_a_cue(pipeline):
    found = {c: s for s, _, c, _ in hops(pipeline, "The mayor's criticism that the budget ignored buses angered the council.")}
    assert found.get("criticism") == "The mayor"


def test_a_refusal_is_no_cue(pipeline):
    found = {c for _, _, c, _ in hops(pipeline, "The minister declined to give a number.")}
    assert "declined" not in found


# A word inside a name ('Vale Research', 'United States') is part of the name, not a cue.
def test_a_word_inside_a_name_is_no_cue(pipeline):
    found = hops(pipeline, "Farmers in the United States are worried, a survey by Halvorsen Research found.")
    assert [(s, c) for s, _, c, _ in found] == [("Halvorsen Research", "found")]


def test_a_cue_word_outside_a_name_is_still_a_cue(pipeline):
    found = {c for _, _, c, _ in hops(pipeline, "Halvorsen's research shows that farmers are worried.")}
    assert "shows" in found


# Two cues of one source mention are two acts in turn: the first one's content stops where the second begins.
def test_a_second_act_of_the_same_speaker_is_not_in_the_first_ones_content(pipeline):
    found = {c: ct for _, _, c, ct in hops(pipeline, "The senator called for an inquiry into the contract, saying the deal was corrupt.")}
    assert found["called"] == "for an inquiry into the contract" and found["saying"] == "the deal was corrupt"


def test_a_cue_of_another_speaker_inside_a_content_stays_there(pipeline):
    found = {c: ct for _, _, c, ct in hops(pipeline, "The mayor said the auditor had found that the contract was corrupt.")}
    assert "found that the contract was corrupt" in found["said"]


# A name spelt like a word of time ('the Times', 'Day') is a subject; a word of time is not.
@pytest.mark.parametrize("text, source", [
    ("The Valley Times said the mill would close in June.", "Times"),
    ("Day said the mill would close in June.", "Day"),
])
def test_a_name_spelt_like_a_time_word_is_a_source(pipeline, text, source):
    found = {c: s for s, _, c, _ in hops(pipeline, text)}
    assert source in found.get("said", "")


def test_a_time_word_is_no_source(pipeline):
    found = {s for s, _, _, _ in hops(pipeline, "Last week said nothing about the mill.")}
    assert not any("week" in s for s in found)


# A main verb the parse hung on the name before it as a modifier is still the sentence's verb.
def test_a_main_verb_read_as_a_modifier_is_a_cue(pipeline):
    from newsprov.extract.attribution import _main_verb_read_as_modifier
    from spacy.tokens import Doc
    # 'Brannigan praised Ferreira's courage' with the parse making 'praised' a modifier of 'courage'
    words = ["Brannigan", "praised", "Ferreira", "'s", "courage", "."]
    doc = Doc(pipeline.syntax.nlp.vocab, words=words, tags=["NNP", "VBD", "NNP", "POS", "NN", "."],
              heads=[0, 4, 4, 2, 0, 0], deps=["ROOT", "amod", "nmod:poss", "case", "appos", "punct"])
    assert _main_verb_read_as_modifier(doc[1])
    # a participle that does modify its noun, in a sentence with a finite verb of its own
    words = ["The", "praised", "bridge", "collapsed", "."]
    doc = Doc(pipeline.syntax.nlp.vocab, words=words, tags=["DT", "VBN", "NN", "VBD", "."],
              heads=[2, 2, 3, 3, 3], deps=["det", "amod", "nsubj", "ROOT", "punct"])
    assert not _main_verb_read_as_modifier(doc[1])


def test_a_participle_that_modifies_a_noun_is_no_cue(pipeline):
    found = {c for _, _, c, _ in hops(pipeline, "The long-praised bridge over the river collapsed on Sunday.")}
    assert "praised" not in " ".join(c or "" for c in found)


# A 'to' clause of purpose is done by the subject of the clause it modifies ('went on the radio to criticise');
# not when an object stands before it ('asked the firm to explain': the firm explains), nor when the clause it
# modifies is itself a report ('speaking on condition of anonymity to discuss').
def test_a_purpose_clause_takes_the_subject_of_its_clause(pipeline):
    found = {c: (s, ct) for s, _, c, ct in hops(pipeline, "The coach went on the radio to openly criticise the referee.")}
    assert found["criticise"] == ("The coach", "the referee")


def test_an_object_before_the_to_clause_does_what_it_says(pipeline):
    found = {c: s for s, _, c, _ in hops(pipeline, "The board asked the firm to explain the losses.")}
    assert found.get("explain") != "The board"


def test_the_purpose_of_a_report_is_no_second_report(pipeline):
    found = {c for _, _, c, _ in hops(pipeline, '"Prices will rise," the trader said, speaking on condition of anonymity to discuss the fund.')}
    assert "discuss" not in found


def test_an_adverb_between_the_comma_and_the_participle(pipeline):
    found = {c: s for s, _, c, _ in hops(pipeline, "The senator attacked the budget on Monday, wrongly hinting that it cut pensions.")}
    assert found.get("hinting") == "The senator"


# 'X said A and said B' with the second verb hung on A: both are X's.
def test_a_repeated_cue_joined_to_the_first_ones_complement_keeps_its_speaker(pipeline):
    found = [(s, ct) for s, _, c, ct in hops(
        pipeline, "Moreno said the new stand has doubled ticket sales and said that the old ground was unsafe.")]
    assert found == [("Moreno", "the new stand has doubled ticket sales"), ("Moreno", "that the old ground was unsafe")]


def test_a_different_verb_joined_to_a_complement_keeps_the_complements_subject(pipeline):
    found = {c: s for s, _, c, _ in hops(pipeline, "Moreno said the board had met in May and approved the merger.")}
    assert "approved" not in found


# A one-word answer is what is said ('said yes', 'said so'); a quantity is a subject like a name.
@pytest.mark.parametrize("text, source, content", [
    ("Asked about the ferry timetable, 61 percent of islanders said yes.", "61 percent of islanders", "yes"),
    ("Shopkeepers backed the levy this year, after 38 percent said so in the spring survey.", "38 percent", "so"),
])
def test_a_one_word_answer_is_the_content(pipeline, text, source, content):
    found = {c: (s, ct) for s, _, c, ct in hops(pipeline, text)}
    assert found["said"] == (source, content)


def test_so_that_opens_a_phrase_is_no_answer(pipeline):
    found = {c: ct for _, _, c, ct in hops(pipeline, "The landlord said so many tenants had left that the block was sold.")}
    assert found.get("said") != "so"


def _parsed(pipeline, words, tags, heads, deps):
    from spacy.tokens import Doc
    return Doc(pipeline.syntax.nlp.vocab, words=words, tags=tags, heads=heads, deps=deps)


def test_a_share_of_people_before_the_verb_is_its_source(pipeline):
    from newsprov.extract.attribution import _noun_phrase_before
    # 'In Leeds, about half of hospital nurses said ...' with 'half' hung on 'Leeds' by the parse
    doc = _parsed(pipeline, ["In", "Leeds", ",", "about", "half", "of", "hospital", "nurses", "said", "they", "would", "strike"],
                  ["IN", "NNP", ",", "IN", "NN", "IN", "NN", "NNS", "VBD", "PRP", "MD", "VB"],
                  [1, 8, 4, 4, 1, 7, 7, 4, 8, 11, 11, 8],
                  ["case", "obl", "punct", "advmod", "punct", "case", "compound", "nmod", "ROOT", "nsubj", "aux", "ccomp"])
    assert _noun_phrase_before(doc[8]).text == "nurses"
    # a preposition that is no part of a quantity still ends the phrase: 'the plant in Leeds said'
    doc = _parsed(pipeline, ["Work", "at", "the", "plant", "said", "nothing"], ["NN", "IN", "DT", "NN", "VBD", "NN"],
                  [4, 3, 3, 0, 4, 4], ["nsubj", "case", "det", "nmod", "ROOT", "obj"])
    assert _noun_phrase_before(doc[4]) is None


def test_a_question_names_no_source(pipeline):
    found = {s for s, _, _, _ in hops(pipeline, "Were 300 jobs at the mill really cut, and who said so?")}
    assert "who" not in found


# ', saying B' hung on the complement of a report is the reporter going on; 'per' in '88 per cent' credits no one.
def test_a_participle_hung_on_a_complement_goes_on_with_the_speaker(pipeline):
    found = {c: (s, ct) for s, _, c, ct in hops(
        pipeline, "The trust denied that patients were being failed, saying in a statement that 88 per cent of operations went ahead.")}
    assert found["denied"] == ("The trust", "that patients were being failed")
    assert found["saying"] == ("The trust", "that 88 per cent of operations went ahead")


def test_a_participle_with_its_own_subject_is_not_the_speakers(pipeline):
    found = {c: s for s, _, c, _ in hops(pipeline, "The trust said that nurses walked out, with doctors saying they would join them.")}
    assert found.get("saying") != "The trust"


# A Title Case headline is read as running text: its inflected cue verbs are verbs, its names stay names.
def test_a_title_case_headline_verb_is_a_cue(pipeline):
    found = {c: (s, ct) for s, _, c, ct in hops(pipeline, "Okonkwo Says Harbour Deal Is Dead On Arrival\n\nThe port said nothing.")}
    assert found.get("Says", (None,))[0] == "Okonkwo"


def test_recasing_keeps_names_and_running_text(pipeline):
    finder = pipeline.attribution_finder
    assert finder.recase("Voters In The United States Remain Divided Over Trade") == \
        "Voters In The United States Remain Divided Over Trade"
    assert finder.recase("The mayor Says the plan works.") == "The mayor Says the plan works."  # not a title
    assert finder.recase("Okonkwo Praises Harbour Deal, Slams Critics") == "Okonkwo praises Harbour Deal, slams Critics"


# 'show', 'suggest', 'find' credit a finite clause to any subject; with a plain object they need a known source.
def test_a_document_subject_of_a_clause_is_a_source(pipeline):
    found = {c: (s, ct) for s, _, c, ct in hops(pipeline, "Unpublished receipts show that the club owes its players two months of wages.")}
    assert found["show"] == ("Unpublished receipts", "that the club owes its players two months of wages")


def test_an_unknown_subject_of_a_plain_object_is_still_no_source(pipeline):
    found = {c for _, _, c, _ in hops(pipeline, "The new stadium roof shows signs of rust.")}
    assert "shows" not in found


# A verb in -s read as a plural noun, subject of the 'to' clause after it, is the cue; a noun's own 'to' clause is not.
def test_a_verb_read_as_the_subject_of_its_to_clause(pipeline):
    found = {c: (s, ct) for s, _, c, ct in hops(pipeline, "Okafor vows to appeal the ruling.")}
    assert found["vows"] == ("Okafor", "to appeal the ruling")


def test_a_plural_noun_with_its_own_to_clause_is_no_cue(pipeline):
    found = {c for _, _, c, _ in hops(pipeline, "His plans to visit the harbour were dropped.")}
    assert "plans" not in found


# A verb that names its object credits the quotation right after the object; another verb's object keeps its name.
def test_a_quotation_after_the_object_of_a_naming_verb_is_the_content(pipeline):
    found = {c: ct for _, _, c, ct in hops(pipeline, 'Okafor called the ferry contract "a shambles from start to finish."')}
    assert found["called"] == '"a shambles from start to finish."'


def test_a_title_in_quotes_after_another_verbs_object_is_part_of_the_object(pipeline):
    found = {c: ct for _, _, c, ct in hops(pipeline, 'The mayor praised the film "Harbour Lights" on Monday.')}
    assert found["praised"].startswith("the film")


# A heading led by an article ('The Update:') is no speaker; a name or a poll before a colon is.
def test_a_heading_led_by_an_article_is_no_speaker(pipeline):
    found = {s for s, _, _, _ in hops(pipeline, "The Update: Dockers say the strike will go on.")}
    assert found == {"Dockers"}


def test_a_noun_cue_before_a_colon_is_still_a_speaker(pipeline):
    found = {(s, c) for s, _, c, _ in hops(pipeline, "Poll: Okafor leads by four points.")}
    assert ("Poll", ":") in found


# A transcript's speaker in capitals before a colon speaks what follows; a long capitalised heading does not.
def test_a_transcript_speaker_in_capitals(pipeline):
    found = {(s, c) for s, _, c, _ in hops(pipeline, "HOST: Will the ferry run on Sunday?\nOKAFOR: I believe the ferry will run.")}
    assert ("OKAFOR", ":") in found


def test_a_long_heading_in_capitals_is_no_speaker(pipeline):
    found = {s for s, _, _, _ in hops(pipeline, "LOCAL NEWS FROM THE HARBOUR TODAY: the ferry will run on Sunday.")}
    assert not any(s.startswith("LOCAL") for s in found)


# 'According to X' whose noun phrase the parse tore apart is read to its comma; 'That is according to X' credits
# what the sentence before said.
def test_according_to_read_to_its_comma(pipeline):
    found = {c: (s, ct) for s, _, c, ct in hops(pipeline, "According to city rules, no one may park a van within 20 metres of a school gate.")}
    assert found["According to"][1] == "no one may park a van within 20 metres of a school gate"
    assert "rules" in found["According to"][0]


def test_that_is_according_to_credits_the_sentence_before(pipeline):
    found = {c: (s, ct) for s, _, c, ct in hops(
        pipeline, "The club lost $4 million last year. That is according to accounts filed by its auditors.")}
    assert "$4 million" in found["according to"][1]


# 'As X put it' says what follows its comma or colon; 'put the toll at 300' stays a value put at a figure.
@pytest.mark.parametrize("text, content", [
    ("As the coach put it, the team simply ran out of ideas.", "the team simply ran out of ideas"),
    ("As Professor Lindqvist put it: 'The harbour needs dredging.'", "'The harbour needs dredging.'"),
])
def test_as_x_put_it(pipeline, text, content):
    found = {c: ct for _, _, c, ct in hops(pipeline, text)}
    assert found["put"] == content


def test_put_with_a_thing_and_no_value_is_no_cue(pipeline):
    found = {c for _, _, c, _ in hops(pipeline, "The ministry put the files in a safe.")}
    assert "put" not in found


# A verb with an active subject and no passive auxiliary is active, whatever else the parse hung on it.
def test_a_passive_subject_beside_an_active_one_is_a_slip(pipeline):
    found = {c: s for s, _, c, _ in hops(pipeline, "The appeal of lower taxes itself, Mr. Lindqvist argued, is mostly a mirage.")}
    assert found.get("argued") == "Lindqvist"


def test_a_true_passive_still_takes_its_agent(pipeline):
    found = {c: s for s, _, c, _ in hops(pipeline, "The figure was confirmed by the harbour authority on Monday.")}
    assert found.get("confirmed", "").startswith("the harbour authority")


# 'which' and 'that' as the subject of a relative clause stand for their antecedent, as 'who' does.
def test_which_stands_for_its_antecedent(pipeline):
    x = pipeline.run(article_from_text("The council published an audit, which found that the pool had been overcharged."))
    found = {a.cue.text: a for a in x.attributions if a.cue}
    assert found["found"].source.label == "an audit"
    assert found["found"].content.text == "that the pool had been overcharged"


def test_a_time_is_no_antecedent_of_a_source(pipeline):
    x = pipeline.run(article_from_text("The club published its accounts in March, which showed it had lost money."))
    assert all(a.source.label != "March" for a in x.attributions)


def test_which_with_no_reporting_verb_is_no_source(pipeline):
    found = {s for s, _, _, _ in hops(pipeline, "The club sold the stadium, which had stood empty for years.")}
    assert "which" not in found


@pytest.mark.parametrize("text, figure, chain", [
    # a trailing reporter whose relay follows it: the relay says nothing new, the clause before is the content,
    # and ', which in turn cited Z' relays the relay
    ("Wages in Dunmore fell by 4% last year, the Tarrow Courier has reported, citing the Vance Institute, "
     "which in turn cited tax records from the Harwick Revenue Office.", "4%",
     ["Tarrow Courier", "Vance Institute", "Harwick Revenue Office"]),
    ("Wages in Dunmore fell by 4% last year, the Tarrow Courier has reported, citing the Vance Institute.", "4%",
     ["Tarrow Courier", "Vance Institute"]),
    # near case: what is cited is a figure, not a source
    ("Wages in Dunmore fell by 4% last year, the Tarrow Courier has reported, citing 12 closures.", "4%",
     ["Tarrow Courier"]),
])
def test_a_relay_after_a_trailing_reporter(pipeline, text, figure, chain):
    found = credited(pipeline, text)[figure]
    assert len(found) == len(chain) and all(name in phrase for name, phrase in zip(chain, found))


@pytest.mark.parametrize("text, chain", [
    ("The Halden Gazette, citing two council officials, reported last week that 35 libraries would close.",
     ["Halden Gazette", "officials"]),
    ("The Halden Gazette reported last week that 35 libraries would close.", ["Halden Gazette"]),
])
def test_a_relay_between_the_source_and_its_verb_with_a_time_before_that(pipeline, text, chain):
    found = credited(pipeline, text)["35"]
    assert len(found) == len(chain) and all(name in phrase for name, phrase in zip(chain, found))
    outer = [content for phrase, _, cue, content in hops(pipeline, text) if cue == "reported"]
    assert outer == ["that 35 libraries would close"]  # 'last week' is when it was said, not what


def test_a_name_ending_in_times_is_a_source_a_time_is_not(pipeline):
    [source] = credited(pipeline, "The Dunmore Times said 14 ferries were cancelled.")["14"]
    assert source.endswith("Times")
    found = credited(pipeline, "A notice posted this week said 14 ferries were cancelled.")["14"]
    assert found and "week" not in found[0]


def test_a_relative_clause_inside_a_later_subject_does_not_end_the_content_early(pipeline):
    text = ("The Tarrow Courier reported that 30 clinics had closed, while Ana Brisk, a nurse who advises the local "
            "health board, said that 12 more were at risk.")
    found = credited(pipeline, text)
    assert found["30"] == ["Tarrow Courier"] and found["12"] == ["Ana Brisk"]
    courier = [content for phrase, _, _, content in hops(pipeline, text) if phrase == "Tarrow Courier"]
    assert courier == ["that 30 clinics had closed"]


@pytest.mark.parametrize("text, chain", [
    ("The Tarrow Courier reported that 400 homes had been sold, a figure the council has disputed.",
     ["Tarrow Courier"]),
    ("Some 400 homes had been sold, the council has said.", ["the council"]),  # near case: the council says it
])
def test_a_figure_someone_disputes_is_not_theirs(pipeline, text, chain):
    assert credited(pipeline, text)["400"] == chain


@pytest.mark.parametrize("text, expected", [
    # a second source after ', while' or ', and' with a cue of its own ends the first content, however it was parsed
    ("Figures released by the Harwick Port Authority show 2,300 containers were lost, while the Vance Institute "
     "estimates that 900 more were damaged.", {"2,300": ["Harwick Port Authority"], "900": ["Vance Institute"]}),
    ("A survey by the Tarrow Institute shows that rents rose by 9% in the north, while Peter Ambry, a tax adviser now "
     "living in Ghent, estimates that the scheme could cost $2 billion.",
     {"9%": ["Tarrow Institute"], "$2 billion": ["Peter Ambry"]}),
    ("The Tarrow Institute has put the cost at up to $40 million, and the Harwick council now speaks of close to "
     "$55 million.", {"$40 million": ["Tarrow Institute"], "$55 million": ["Harwick council"]}),
    # near cases: no second source, the first goes on
    ("Figures released by the Harwick Port Authority show 2,300 containers were lost, while 900 more were damaged.",
     {"2,300": ["Harwick Port Authority"], "900": ["Harwick Port Authority"]}),
    ("The Tarrow Institute said that rents rose by 9%, and that 300 families had moved.",
     {"9%": ["Tarrow Institute"], "300": ["Tarrow Institute"]}),
])
def test_a_second_statement_with_its_own_source_is_not_the_first_ones_content(pipeline, text, expected):
    found = credited(pipeline, text)
    for figure, chain in expected.items():
        assert len(found[figure]) == len(chain) and all(name in phrase for name, phrase in zip(chain, found[figure])), figure


def test_a_semicolon_ends_a_statement_and_an_active_verb_keeps_its_subject(pipeline):
    text = ("Ines Vallejo told reporters on Monday that the port had lost 300 jobs; the Dunmore Institute has put the "
            "losses at 450, citing remarks by Tomas Brenner, and the institute has also estimated that 12 firms closed.")
    found = credited(pipeline, text)
    assert found["300"] == ["Ines Vallejo"]
    assert [p.split()[-1] for p in found["450"]] == ["Institute", "Brenner"]  # Brenner is cited, not the one who put it
    assert len(found["12"]) == 1 and found["12"][0].lower().endswith("institute")


@pytest.mark.parametrize("text, chain", [
    ("Ines Vallejo has put the losses at 450, citing remarks by Tomas Brenner.", ["Ines Vallejo", "Tomas Brenner"]),
    ("The losses were put at 450 by Tomas Brenner.", ["Tomas Brenner"]),  # near case: a real passive
])
def test_an_agent_phrase_after_an_active_verb_is_no_passive_agent(pipeline, text, chain):
    assert credited(pipeline, text)["450"] == chain


@pytest.mark.parametrize("text, figure, owner", [
    # the last word after a nominal cue is the verb, whatever tag it got: the clause before the comma is credited
    ("Rents rose by 9% in the north last year, figures from the Vance Institute show.", "9%", "Vance Institute"),
    ("Harwick lost the most jobs of any town, at 300, followed by Ebbing with 250, the Tarrow Institute's data show.",
     "250", "Tarrow Institute"),
])
def test_a_closing_cue_verb_after_a_nominal_cue(pipeline, text, figure, owner):
    found = credited(pipeline, text)[figure]
    assert found and owner in found[0]


@pytest.mark.parametrize("text", [
    "Rents rose by 9% in the north last year, a new record.",  # near case: a closing noun, no verb, no source
    "Rents rose by 9% in the north, the highest count.",
])
def test_a_closing_noun_is_no_cue(pipeline, text):
    assert credited(pipeline, text)["9%"] == []


def test_a_closing_relative_clause_speaks_of_its_noun_not_the_sentence(pipeline):
    text = "The mayor has said the plan would cost up to 300 jobs, a claim the Harwick Greens dispute."
    assert credited(pipeline, text)["300"] == ["The mayor"]
    assert ("Harwick Greens", "dispute", "a claim") in {(p, c, t) for p, _, c, t in hops(pipeline, text)}


@pytest.mark.parametrize("text", [
    "Published: 09:14 GMT, 3 March 2025\n\nThe ferry carried 210 passengers.",
    "Updated: 3 March 2025\n\nThe ferry carried 210 passengers.",
    "Edited by: Tomasz Wren\n\nThe ferry carried 210 passengers.",
    "Pictured: Passengers leave the ferry at Ebbing. The ferry carried 210 passengers.",
    "Next week: why 210 ferries run late.",
    "Analysis: Can the port survive 210 more cancellations?",
    "EXCLUSIVE: Harwick port 'losing 210 jobs a week'",
])
def test_a_page_label_before_a_colon_is_no_speaker(pipeline, text):
    x = pipeline.run(article_from_text(text))
    assert [a.source.label for a in x.attributions] == []


@pytest.mark.parametrize("text, source", [
    ("Poll: Brisk leads Ambry by 4 points among voters in Ebbing.", "Poll"),  # near cases: a nominal cue, a name
    ("Harwick Council: 40 posts will go in the spring.", "Harwick Council"),
    ("Operator: services could resume for 300 commuters this week.", "Operator"),
])
def test_a_speaker_before_a_colon_is_still_one(pipeline, text, source):
    x = pipeline.run(article_from_text(text))
    assert [a.source_span.text for a in x.attributions] == [source]


@pytest.mark.parametrize("text, figure, chain", [
    # a participle set off by a comma before the subject says how the source worked, not what it said
    ("Using court records, the Vance Institute estimated that 1,400 tenants were evicted.", "1,400", ["Vance Institute"]),
    # near case: a quotation whose verb is a participle with its own subject is what is said
    ('"They are losing around 120 ferries a year," the official said.', "120", ["the official"]),
])
def test_a_fronted_participle_is_not_the_content(pipeline, text, figure, chain):
    found = credited(pipeline, text)[figure]
    assert len(found) == len(chain) and all(name in phrase for name, phrase in zip(chain, found))


@pytest.mark.parametrize("text, chain", [
    ("On rents, Ana Brisk cites a Harwick Port Authority estimate that 300 cranes are idle.",
     ["Ana Brisk", "Harwick Port Authority"]),
    ("Ana Brisk quoted the Tarrow Institute as saying that 300 cranes are idle.", ["Ana Brisk", "Tarrow Institute"]),
    # near case: a relay joined to a report, with a pronoun for what it relays, belongs to that report
    ("The Courier reported the same figure of 300 but credited it to the Tarrow Institute.", ["Courier"]),
])
def test_a_relay_verb_with_its_own_subject_makes_it_a_source(pipeline, text, chain):
    found = credited(pipeline, text)["300"]
    assert len(found) >= 1 and all(name in phrase for name, phrase in zip(chain, found))
    assert len(found) == len(chain) or chain == ["Courier"]


@pytest.mark.parametrize("text, expected", [
    ("The Vance Institute estimates that 1,400 homes were sold last year; Harwick Watch, a project that counts only "
     "sales recorded in deeds, lists 900.", {"1,400": ["Vance Institute"], "900": ["Harwick Watch"]}),
    ("Brisk Analytics has counted 1,000 closures, while Harwick Watch, which uses a stricter test, lists 943.",
     {"1,000": ["Brisk Analytics"], "943": ["Harwick Watch"]}),
    ("Harwick Watch has documented 900 sales recorded in deeds.", {"900": ["Harwick Watch"]}),  # near case: 'has'
])
def test_a_subject_is_not_found_across_a_semicolon_and_a_participle_after_a_noun_modifies_it(pipeline, text, expected):
    found = credited(pipeline, text)
    for figure, chain in expected.items():
        assert len(found[figure]) == len(chain) and all(n in p for n, p in zip(chain, found[figure])), figure
    assert not any(cue == "recorded" for _, _, cue, _ in hops(pipeline, text))


@pytest.mark.parametrize("text, figure, source", [
    # a headline with its reporter after a comma and no stop; the 'subject' that carries the clause's verb is not his
    ("Flooding in Harwick rose by 30% in 2024, says Vance Institute", "30%", "Vance Institute"),
    ("Ana Brisk, the council leader, says 30 homes were flooded.", "30", "Ana Brisk"),  # near case: a real subject
    # a reporter interrupting a clause hung on its subject: the whole clause is said
    ("The port's target for 2026, Hale adds, is as many as 4,000 ships.", "4,000", "Hale"),
    # what follows 'according to X:' is X's too
    ("Rents rose faster than wages, according to the Vance Institute: 9% against 4%.", "4%", "Vance Institute"),
    # '<clause>, X said, with ...': the clause goes on after its reporter
    ("The port's tally of lost containers reached 2,155 by December, the authority said, with 186 ships delayed.",
     "186", "the authority"),
])
def test_a_reporter_inside_or_after_its_clause(pipeline, text, figure, source):
    assert credited(pipeline, text)[figure] == [source]


def test_a_clause_after_a_reporter_with_its_own_source_is_not_the_first_ones(pipeline):
    text = ("The port's tally of lost containers reached 2,155 by December, the authority said, while Ana Brisk "
            "said that 186 ships were delayed.")
    found = credited(pipeline, text)
    assert found["2,155"] == ["the authority"] and found["186"] == ["Ana Brisk"]


@pytest.mark.parametrize("text, figure, chain", [
    # a title with its 'of' before the name that closes the sentence
    ("In Ebbing, the river rose by 40 centimetres overnight, Head of the Ebbing Flood Board Marta Quill wrote on "
     "her channel.", "40 centimetres", ["Marta Quill"]),
    # 'told <outlet>, citing Y, that': the outlet relays the speaker, who relays Y
    ("Marta Quill, the port director, told Reuters news agency, citing dock foremen, that 75% of cranes were idle.",
     "75%", ["Reuters", "Marta Quill", "dock foremen"]),
    # near case: a listener who is no outlet relays nothing
    ("Tomas Brenner, the port director, told reporters, citing dock foremen, that 75% of cranes were idle.",
     "75%", ["Tomas Brenner", "dock foremen"]),
])
def test_title_of_and_told_an_outlet_citing(pipeline, text, figure, chain):
    found = credited(pipeline, text)[figure]
    assert len(found) == len(chain) and all(name in phrase for name, phrase in zip(chain, found))


def test_a_relative_that_after_a_relay_is_no_complement_and_a_name_word_is_no_cue(pipeline):
    text = ("Sales fell by 4% in March, the Tarrow Courier reported, citing an assessment by Harwick Defence "
            "Intelligence that drew on tax records from the Harwick Revenue Office.")
    found = credited(pipeline, text)["4%"]
    assert found[0] == "Tarrow Courier" and len(found) >= 2
    assert "Intelligence" not in [cue for _, _, cue, _ in hops(pipeline, text)]
    # near case: a nominal cue after a name is a cue
    assert "figures" in [cue for _, _, cue, _ in hops(pipeline, "Harwick Defence figures show sales fell by 4%.")]


@pytest.mark.parametrize("head, chain", [
    # a wire story: the outlet in the byline wrote it, so what its reporters were told is relayed by no one
    ("By ANA BRISK and TOMAS WREN Associated Press\n\n", ["officials"]),
    ("HARWICK, Wessex (AP) -- ", ["officials"]),
    # near case: no byline, the outlet is another's and relays the officials
    ("", ["Associated Press", "officials"]),
])
def test_told_the_outlet_that_wrote_the_story(pipeline, head, chain):
    text = head + "Senior port officials told The Associated Press that 30 cranes had been damaged in the storm."
    found = credited(pipeline, text)["30"]
    assert len(found) == len(chain) and all(name in phrase for name, phrase in zip(chain, found))


def test_a_complement_ends_at_a_relay_and_whose_relays_the_relay(pipeline):
    text = ("The Tarrow Courier reported this week that rents had passed 900 pounds, citing the Vance Institute, "
            "whose estimate was based on data from the Harwick Revenue Office.")
    found = credited(pipeline, text)["900"]
    assert [p.split()[-1] for p in found] == ["Courier", "Institute", "Office"]
    courier = [content for phrase, _, cue, content in hops(pipeline, text) if cue == "reported"]
    assert courier == ["that rents had passed 900 pounds"]


@pytest.mark.parametrize("text, source", [
    # a speaker with two asides (an age, a description) before the verb, in a 'where' clause
    ("The damage is plain in towns like Ebbing, where Marta Quill, 61, a retired nurse, said some 200 homes in "
     "her street had been flooded.", "Marta Quill"),
    # near case: an inverted speaker with a place after it is still the speaker
    ("Some 200 homes had been flooded, said Marta Quill in Ebbing.", "Marta Quill"),
])
def test_asides_before_a_speaker_and_no_inverted_subject_of_a_clause(pipeline, text, source):
    found = credited(pipeline, text)
    figure = next(f for f in found if f.startswith("200"))
    assert found[figure] == [source]


@pytest.mark.parametrize("text, figure, source", [
    # a name opening the sentence, whatever tag it got, owns 'its tally' moved by a value
    ("Harwick updated its tally of flooded homes by 1,030 on Sunday, adding to its total of 13,190 since March.",
     "13,190", "Harwick"),
    # a caption without a stop: what follows 'say' is said
    ("Officials say the depot ships around 4,000 parcels a day", "4,000", "Officials"),
])
def test_a_sentence_opening_name_and_a_caption_without_a_stop(pipeline, text, figure, source):
    assert credited(pipeline, text)[figure] == [source]


def test_say_with_no_number_after_it_is_not_read_by_words(pipeline):
    # near case: 'say goodbye' says nothing that is a claim
    assert [cue for _, _, cue, _ in hops(pipeline, "Officials say goodbye to the old depot on Friday")] == []


def test_he_is_the_speaker_named_outside_the_quotation(pipeline):
    text = ('Colonel Ines Vallejo, a former harbour master, told Reuters: "They are losing ships every week. '
            'Even Tomas Brenner knows it." He told the agency that 3,000 containers had been lost since March.')
    x = pipeline.run(article_from_text(text))
    by_id = {a.id: a for a in x.attributions}
    chains = {f.span.text: [by_id[i].source.label for i in c.attributions] for c in x.claims for f in c.figures}
    assert "Vallejo" in chains["3,000"][-1]
    # near case: with no one named outside the quotation, the one inside is still a candidate
    text = ('"Even Tomas Brenner knows it," the notice read. He told the paper that 3,000 containers had been lost.')
    x = pipeline.run(article_from_text(text))
    assert [a.source.label for a in x.attributions if a.cue and a.cue.text == "told"] == ["Tomas Brenner"]


@pytest.mark.parametrize("text, key", [
    ("In its latest update, the U.K. Defense Ministry said that 1,000 soldiers a day were lost.", "uk-mod"),
    ("In its latest update, Britain's Defense Ministry said that 1,000 soldiers a day were lost.", "uk-mod"),
    ("In its latest update, Ukraine's Defense Ministry said that 1,000 soldiers a day were lost.", "ua-mod"),
])
def test_the_country_before_a_shared_name_decides_it_whatever_its_case(pipeline, text, key):
    x = pipeline.run(article_from_text(text))
    assert [a.source.key for a in x.attributions] == [key]


def test_a_country_and_a_common_noun_describe_an_earlier_source(pipeline):
    text = "Newsweek reported on Monday that 40 ferries were cancelled. The US magazine added that 12 ports had closed."
    x = pipeline.run(article_from_text(text))
    assert [a.source.key for a in x.attributions] == ["newsweek", "newsweek"]
    # near case: a place before a common noun names a body of its own
    assert credited(pipeline, "The Harwick commission said 12 ports had closed.") == {"12": ["The Harwick commission"]}


@pytest.mark.parametrize("text", [
    "The port has agreed to close some 12 long-range berths in Ebbing, as reported by the Harwick Courier.",
    "The port has agreed to close some 12 long-range berths in Ebbing, as the Harwick Courier reported.",
    "As the Harwick Courier reported, the port has agreed to close some 12 long-range berths in Ebbing.",  # near case
])
def test_as_reported_by_credits_the_whole_clause(pipeline, text):
    found = credited(pipeline, text)["12"]
    assert found and "Harwick Courier" in found[0]
    courier = [content for phrase, _, _, content in hops(pipeline, text) if "Courier" in phrase]
    assert courier and "The port has agreed" in courier[0] or "the port has agreed" in courier[0]


@pytest.mark.parametrize("text, chain", [
    # data after 'according to' is what the reporter of the clause went by
    ("The Tarrow Courier noted that the port lost 2,100 jobs in a single year, according to the official figures.",
     ["Tarrow Courier", "figures"]),
    # near case: a body after 'according to' reports the reporter
    ("The Tarrow Courier noted that the port lost 2,100 jobs in a single year, according to the Harwick Revenue Office.",
     ["Harwick Revenue Office", "Tarrow Courier"]),
])
def test_according_to_data_is_the_reporters_basis(pipeline, text, chain):
    found = credited(pipeline, text)["2,100"]
    assert len(found) == len(chain) and all(name in phrase for name, phrase in zip(chain, found))


def test_a_that_found_by_its_place_opens_a_clause_with_a_cue_of_its_own(pipeline):
    text = ("A senior port official, who spoke on condition of anonymity, told Reuters that the board believed the "
            "yard was building about 300 hulls a year.")
    found = credited(pipeline, text)["300"]
    # the outlet relays the official, who reports what the board believes
    assert [p.split()[-1] for p in found] == ["Reuters", "official", "board"]


def test_a_vague_head_that_modifies_another_is_part_of_one_source(pipeline):
    text = "The port is losing as many as 40 ships a week, a Western intelligence source has revealed."
    assert credited(pipeline, text)["40"] == ["a Western intelligence source"]


@pytest.mark.parametrize("text, source", [
    # who saw or reviewed a document did not write it: the document is the source
    ("Port spending will rise to 13.5 million pounds next year, according to budget documents reviewed by the "
     "Tarrow Courier.", "budget documents"),
    # near case: who released figures owns them
    ("Port spending will rise to 13.5 million pounds next year, according to figures released by the Harwick "
     "Revenue Office.", "Harwick Revenue Office"),
])
def test_a_document_seen_by_an_outlet_is_the_documents(pipeline, text, source):
    found = credited(pipeline, text)["13.5 million"]
    assert len(found) == 1 and source in found[0]


@pytest.mark.parametrize("text, figure, chain", [
    # a headline opening with a name the tagger read as an adjective
    ("Harwick says storms on the coast destroyed 13 boats, damaged 30", "13", ["Harwick"]),
    # a relative clause between the speaker and the verb is stepped over; being briefed makes a listener
    ("The port authority put the loss at 12,000 crates, dockers who were briefed by the authority told reporters.",
     "12,000", ["dockers"]),
])
def test_a_headline_name_and_a_relative_clause_before_the_verb(pipeline, text, figure, chain):
    found = credited(pipeline, text)[figure]
    assert found and chain[0] in found[0]
    assert "briefed" not in [cue for _, _, cue, _ in hops(pipeline, text)]


@pytest.mark.parametrize("text, source", [
    # a sentence that reports no one: 'it' opening the next takes up its opening subject, not an earlier speaker
    ("The Harwick Revenue Office said 40 firms had closed. The Tarrow Port Authority did not comment on the figure. "
     "It said separately that 34 cranes were idle.", "Tarrow Port Authority"),
    # near case: a sentence whose clause is reported: 'it' is its speaker, not the clause's subject
    ("The Harwick Revenue Office said 40 firms had closed. Tarrow Port lost 12 cranes overnight, the Vance Institute "
     "said in a post. It said 34 cranes were idle.", "Vance Institute"),
])
def test_it_opening_a_sentence_takes_up_the_subject_before_when_no_one_spoke(pipeline, text, source):
    x = pipeline.run(article_from_text(text))
    by_id = {a.id: a for a in x.attributions}
    chains = {f.span.text: [by_id[i].source.label for i in c.attributions] for c in x.claims for f in c.figures}
    assert source in chains["34"][0]


@pytest.mark.parametrize("text, expected", [
    ("Harwick flooding: 300 homes evacuated overnight", []),  # a name and a common noun: the topic
    ("Harwick officials: 300 homes evacuated overnight", ["officials"]),  # near case: an unnamed source
])
def test_a_topic_before_a_colon_is_no_speaker(pipeline, text, expected):
    assert [p.split()[-1] for p in credited(pipeline, text)["300"]] == expected


def test_two_sources_joined_by_and_and_an_aside_before_the_auxiliary(pipeline):
    text = ("The Tarrow Courier and Mediazona, working together, have identified 8,055 sailors by name, using "
            "obituaries.")
    x = pipeline.run(article_from_text(text, publisher="Tarrow Courier"))
    by_id = {a.id: a for a in x.attributions}
    chains = {f.span.text: [by_id[i].source.label for i in c.attributions] for c in x.claims for f in c.figures}
    assert chains["8,055"] == ["Mediazona"]  # the publisher's own hop is no attribution; its partner's is


@pytest.mark.parametrize("text, chain", [
    ("The port lost about 700 jobs, according to officials quoted by the Tarrow Courier.",
     ["Tarrow Courier", "officials"]),
    ("The port lost about 700 jobs, according to officials in Harwick.", ["officials"]),  # near case: no relay
])
def test_according_to_someone_quoted_by_an_outlet(pipeline, text, chain):
    found = credited(pipeline, text)["700"]
    assert len(found) == len(chain) and all(name in phrase for name, phrase in zip(chain, found))


@pytest.mark.parametrize("text, figure, chain", [
    # a name hung by the parse on the description after it
    ("Ines Vallejo, a senior fellow at the Harwick Institute, cautioned that 40 ports could close.", "40",
     ["Ines Vallejo"]),
    # a past participle with an object, after a noun and its own modifier, is the verb
    ("In fact, the daily update published by the Tarrow Institute that morning listed 1,950 idle cranes.",
     "1,950", ["Tarrow Institute"]),
    # a label over a line that names its own source is no speaker
    ("Claim: A widely shared post says the port lost 2,000 jobs in March.", "2,000", ["shared post"]),
    # near case: a nominal cue before a colon over a line with no source is the speaker
    ("Poll: the port lost 2,000 jobs in March.", "2,000", ["Poll"]),
])
def test_names_on_descriptions_participles_with_objects_and_labels_over_sources(pipeline, text, figure, chain):
    found = credited(pipeline, text)[figure]
    assert len(found) == len(chain) and all(name in phrase for name, phrase in zip(chain, found))


@pytest.mark.parametrize("text, expected", [
    ("Harwick's losses in Ebbing: 300 homes evacuated", []),  # what a name owns, before a colon, is the topic
    ("Harwick's officials: 300 homes evacuated", ["officials"]),  # near case: a source the name owns
])
def test_a_possessed_or_governed_name_before_a_colon_is_a_topic(pipeline, text, expected):
    assert [p.split()[-1] for p in credited(pipeline, text)["300"]] == expected


@pytest.mark.parametrize("text", [
    "As stated by the spokesperson for the harbour board, Marta Quill, the port has lost 3,200 jobs since March.",
    "As stated by Marta Quill, the port has lost 3,200 jobs since March.",  # near case: the name is the agent
])
def test_a_name_set_off_after_its_description_is_the_source(pipeline, text):
    found = credited(pipeline, text)["3,200"]
    assert found == ["Marta Quill"]
    assert all(content is None or "Marta" not in content for _, _, _, content in hops(pipeline, text))


def test_quoted_as_saying_is_the_relay_not_a_second_report_of_the_relayer(pipeline):
    found = credited(pipeline, "Lena Ostrova quoted the Harbour Trust as saying that 40 berths are empty.")["40"]
    assert len(found) == 2 and "Lena Ostrova" in found[0] and "Harbour Trust" in found[1]
    # near case: 'saying' after a comma is the subject's own second report
    said = credited(pipeline, "Lena Ostrova praised the Harbour Trust, saying that 40 berths are empty.")["40"]
    assert len(said) == 1 and "Lena Ostrova" in said[0]


def test_a_transcript_speaker_keeps_a_line_in_the_first_person(pipeline):
    found = {(s, c) for s, _, c, _ in hops(pipeline, "HOST: Will the buses run?\nMARLOWE: We think 12 routes will run.")}
    assert ("MARLOWE", ":") in found
