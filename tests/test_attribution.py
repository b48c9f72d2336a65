"""Attributions: source, cue, content, speech kind and chains, on small texts."""
from __future__ import annotations

import pytest

from newsprov.read import article_from_text

from conftest import TABLOID_CHAIN, UNATTRIBUTED


def run(pipeline, text, publisher=""):
    return pipeline.run(article_from_text(text, publisher=publisher))


def chains(extraction):
    """figure text -> list of source entity keys, outermost first."""
    by_id = {a.id: a for a in extraction.attributions}
    return {f.span.text: [by_id[i].source.key for i in c.attributions]
            for c in extraction.claims for f in c.figures}


def test_nested_chain_through_a_quotation(pipeline):
    x = run(pipeline, TABLOID_CHAIN, "The Sun")
    by_id = {a.id: a for a in x.attributions}
    claim = next(c for c in x.claims if c.figures and c.attributions)
    outer, inner = (by_id[i] for i in claim.attributions)
    assert (outer.source.key, inner.source.key) == ("uk-mod", "ua-general-staff")
    assert inner.via == outer.id and outer.via is None
    assert outer.kind == "direct" and inner.cue.text == "according to"


def test_quotation_over_paragraphs_keeps_its_source(pipeline):
    x = run(pipeline, TABLOID_CHAIN, "The Sun")
    assert chains(x)["1,570"] == ["uk-mod"]


def test_unattributed_figure_has_no_chain(pipeline):
    assert chains(run(pipeline, UNATTRIBUTED, "GB News")) == {"1,556": []}


def test_according_to_with_figures_from(pipeline):
    x = run(pipeline, "According to figures from the Ukrainian Ministry of Defence, Russia lost 48,240 personnel in January.")
    assert chains(x)["48,240"] == ["ua-mod"]


def test_ministry_without_country_follows_the_outlet(pipeline):
    text = "Latest Ministry of Defence (MoD) figures say Russia has suffered more than 875,000 casualties."
    assert chains(run(pipeline, text, "The Sun"))["875,000"] == ["uk-mod"]
    assert chains(run(pipeline, "The Ukrainian Ministry of Defence said 48,240 soldiers died."))["48,240"] == ["ua-mod"]


def test_told_the_outlet_names_the_outlet_not_a_source(pipeline):
    text = "A Western official source told the Sun: \u201cThey lost 40,000 men in January alone.\u201d"
    x = run(pipeline, text, "The Sun")
    [chain] = chains(x).values()
    [source] = [a.source for a in x.attributions]
    assert source.type == "VagueSource" and "official" in source.label
    assert len(chain) == 1


def test_quote_then_speaker(pipeline):
    text = "\u201cAir defence systems destroyed 47 drones overnight,\u201d the Russian Defence Ministry said on Tuesday."
    x = run(pipeline, text)
    assert chains(x)["47"] == ["ru-mod"]
    assert x.attributions[0].kind == "direct"


def test_speaker_colon_quote_is_direct(pipeline):
    text = 'Colonel Andriy Kovalenko said: "We destroyed 12 tanks near Pokrovsk."'
    x = run(pipeline, text)
    [attribution] = x.attributions
    assert attribution.source.label == "Andriy Kovalenko" and attribution.source.type == "Person"
    assert attribution.kind == "direct"


def test_content_before_the_speaker(pipeline):
    text = "More than 1,000 Russian personnel were killed in the past 24 hours, Ukraine claims."
    assert chains(run(pipeline, text))["1,000"] == ["ukraine"]


def test_inverted_speaker(pipeline):
    text = "Russia lost over 500,000 soldiers in the war, claims Ukraine."
    assert chains(run(pipeline, text))["500,000"] == ["ukraine"]


def test_description_resolves_to_earlier_source(pipeline):
    text = ("The Russian Defence Ministry reported new gains on Wednesday.\n"
            "The Ukrainian army lost up to 510 troops in the past day, the ministry said.\n")
    assert chains(run(pipeline, text))["510"] == ["ru-mod"]


def test_pronoun_resolves_to_last_speaker(pipeline):
    text = ("The Ukrainian Air Force said Russia had launched 74 drones at Ukraine overnight.\n"
            "Another 22 were lost from radar, it added.\n")
    x = run(pipeline, text)
    assert chains(x)["22"] == chains(x)["74"]


def test_unresolved_pronoun_is_not_guessed_across_articles(pipeline):
    run(pipeline, "The Russian Defence Ministry said 40 drones were downed.")
    x = run(pipeline, "It said 12 more were downed later.")
    assert chains(x)["12"] == []


def test_relay_gives_a_chain(pipeline):
    text = ("Newsweek reported, citing UK Defence Intelligence, which cited the Ukrainian General Staff, "
            "that Russia lost 45,000 troops in May.")
    assert chains(run(pipeline, text, "GB News"))["45,000"] == ["newsweek", "uk-defence-intelligence", "ua-general-staff"]


def test_sibling_clause_keeps_its_own_source(pipeline):
    text = ("Reports indicate that 1,100 troops are dying each day, with the latest figures from the "
            "General Staff of the Armed Forces of Ukraine citing 500,080 deaths.")
    result = chains(run(pipeline, text))
    assert result["500,080"] == ["ua-general-staff"]
    assert len(result["1,100"]) == 1 and result["1,100"][0].endswith("reports")


def test_negated_speech_is_not_an_attribution(pipeline):
    x = run(pipeline, "The ministry did not say whether 40 people had died.")
    assert chains(x)["40"] == []


def test_offsets_of_all_spans(pipeline):
    x = run(pipeline, TABLOID_CHAIN, "The Sun")
    text = x.article.text
    for a in x.attributions:
        for span in (a.source_span, a.cue, a.content):
            if span is not None:
                assert text[span.start:span.end] == span.text
    for c in x.claims:
        assert text[c.span.start:c.span.end] == c.span.text


def test_cited_by_makes_the_citing_outlet_the_outer_hop(pipeline):
    text = ("The Russian Defence Ministry, cited by RIA Novosti, claimed that more than 5,000 "
            "Ukrainian drones were shot down in January.")
    assert chains(run(pipeline, text, "Daily Mail"))["5,000"] == ["ria-novosti", "ru-mod"]


def test_told_another_outlet_relays_the_speaker(pipeline):
    text = "Sources at the Russian Defence Ministry told the business daily Vedomosti that about 1,100 people a day signed up."
    x = run(pipeline, text, "The Moscow Times")
    [chain] = chains(x).values()
    by_key = {a.source.key: a for a in x.attributions}
    assert chain[0] == "vedomosti" and by_key["vedomosti"].source.type == "NewsOutlet"
    assert "ministry" in by_key[chain[1]].source.label.lower() and by_key[chain[1]].source.type == "VagueSource"


def test_told_the_own_outlet_adds_no_hop(pipeline):
    text = "A Western official told The Sun that Russia lost 40,000 men in January."
    assert len(chains(run(pipeline, text, "The Sun"))["40,000"]) == 1


def test_quotation_continued_after_its_speaker(pipeline):
    text = '"Every night, we count the explosions," Governor Ivan Petrenko said. "Last night it was nine."'
    x = run(pipeline, text)
    assert chains(x)["nine"] and chains(x)["nine"] == [a.source.key for a in x.attributions[:1]]


def test_speaker_after_a_parenthetical(pipeline):
    text = "Valentyna Hordiyenko, 61, a retired schoolteacher, said some 200 apartments had been damaged."
    x = run(pipeline, text)
    [attribution] = x.attributions
    assert attribution.source.label == "Valentyna Hordiyenko" and chains(x)["200"] == [attribution.source.key]


def test_apposition_names_the_person_not_the_unit(pipeline):
    text = "Colonel Hugh Ashworth, a former commander in the Royal Tank Regiment, said Russia loses 1,500 men a day."
    x = run(pipeline, text)
    assert x.attributions[0].source.label == "Hugh Ashworth"


def test_headline_source_colon_claim(pipeline):
    x = run(pipeline, "General Staff: Russia has lost 849,870 troops in Ukraine\nMore follows.\n")
    assert chains(x)["849,870"] == ["ua-general-staff"]


def test_own_outlet_calculation_keeps_its_primary_source(pipeline):
    text = "Ukraine's losses amounted to more than 1,700 servicemen, according to TASS calculations based on the ministry's data."
    prior = "The Russian Defence Ministry reported new gains.\n"
    assert chains(run(pipeline, prior + text, "TASS"))["1,700"] == ["ru-mod"]


def test_subordinate_clause_has_its_own_source(pipeline):
    text = ("The Russian Defence Ministry last disclosed its losses in 2022, when then-Defence Minister "
            "Sergei Shoigu put the figure at 5,937.")
    assert chains(run(pipeline, text))["5,937"] == ["sergei-shoigu"]


def test_list_after_a_colon_keeps_its_source(pipeline):
    text = ("The General Staff gives the following breakdown of Russian losses:\n"
            "tanks - 10,641 (+4);\narmored combat vehicles - 22,172 (+9);\nThe data are being updated.\n")
    result = chains(run(pipeline, text, "Ukrinform"))
    assert result["10,641"] == result["22,172"] == ["ua-general-staff"]


def test_this_was_reported_by_covers_the_sentence_before(pipeline):
    text = "Russia's losses amount to about 931,500 personnel. This was reported by the General Staff of the Armed Forces of Ukraine."
    assert chains(run(pipeline, text, "Ukrinform"))["931,500"] == ["ua-general-staff"]


def test_apposition_after_the_name(pipeline):
    text = "Mark Rutte, the Nato secretary-general, told reporters in Brussels that Moscow recruits about 30,000 soldiers a month."
    assert chains(run(pipeline, text))["30,000"] == ["mark-rutte"]


def test_by_the_reckoning_of(pipeline):
    text = "The army was, by the reckoning of Britain's Defence Intelligence, losing 1,200 men a day."
    assert chains(run(pipeline, text))["1,200"] == ["uk-defence-intelligence"]


def test_put_the_anything_at(pipeline):
    text = "The Institute for the Study of War has put the monthly intake at 30,000."
    assert chains(run(pipeline, text))["30,000"] == ["isw"]


def test_participle_takes_the_sentence_subject(pipeline):
    text = 'President Volodymyr Zelensky renewed his appeal, saying Ukraine needed "at least 10 more Patriot batteries".'
    assert chains(run(pipeline, text))["10"] == ["volodymyr-zelensky"]


def test_possessive_names_the_countrys_body(pipeline):
    text = "Kyiv's military intelligence says up to 200 sailors may have died."
    assert chains(run(pipeline, text))["200"] == ["ua-gur"]


@pytest.mark.parametrize("text, figure, chain", [
    ("Figures published by the General Staff show 1,210 Russian soldiers were lost on Sunday.", "1,210", ["ua-general-staff"]),
    ("Data compiled by Mediazona shows at least 95,000 Russian soldiers have died.", "95,000", ["mediazona"]),
    ("In its latest intelligence update, the Ministry of Defence said Russia lost 1,523 soldiers a day in November.",
     "1,523", ["uk-mod"]),
    ("Russia lost 45,000 men in May, according to Newsweek, which cited the Ukrainian General Staff.",
     "45,000", ["newsweek", "ua-general-staff"]),
    ("The Ukrainian Air Force said in a post on Telegram that 58 drones were shot down.", "58", None),
    ("Mediazona's tally now stands at 95,000 names.", "95,000", ["mediazona"]),
])
def test_issue_constructions(pipeline, text, figure, chain):
    result = chains(run(pipeline, text, "The Guardian"))[figure]
    if chain is None:
        assert len(result) == 1 and "air-force" in result[0]
    else:
        assert result == chain


def test_passive_were_reported_by_an_unnamed_source(pipeline):
    x = run(pipeline, "Some 64 new deaths were reported by local media in February.")
    [attribution] = x.attributions
    assert attribution.source.type == "VagueSource" and attribution.source.label == "local media"
    assert chains(x)["64"] == [attribution.source.key]


def test_outlet_quoting_its_own_reporting_is_not_a_hop(pipeline):
    text = "As the Kyiv Independent reported last week, 1,580 casualties were recorded on one day."
    assert chains(run(pipeline, text, "The Kyiv Independent"))["1,580"] == []
    assert chains(run(pipeline, text, "The Guardian"))["1,580"] == ["kyiv-independent"]


def test_quotation_over_sentences_with_the_speaker_at_the_end(pipeline):
    text = '"We are losing ground. They have 40,000 men near Pokrovsk. We have far fewer," a Ukrainian commander told the BBC.'
    result = chains(run(pipeline, text, "The Guardian"))["40,000"]
    assert result[0] == "bbc" and result[1].endswith("a-ukrainian-commander")


def test_same_figure_credited_differently_by_two_outlets(pipeline):
    sun = run(pipeline, "Russia lost 1,580 troops in a day, according to the Ministry of Defence.", "The Sun")
    gb = run(pipeline, "Russia lost 1,580 troops in a day, according to Ukraine's General Staff.", "GB News")
    assert chains(sun)["1,580"] == ["uk-mod"] and chains(gb)["1,580"] == ["ua-general-staff"]


def test_every_attributed_statement_is_a_claim(pipeline):
    x = run(pipeline, 'The ISW assessed that Russian forces are unlikely to reach the city soon. "The front is stable," the general said.')
    attributed = [c for c in x.claims if c.attributions]
    assert len(attributed) == 2 and all(not c.figures for c in attributed)


@pytest.mark.parametrize("text, figure, key", [
    ("The Institute for the Study of War published its assessment.\nRussia lost 1,200 men a day, the think tank said.",
     "1,200", "isw"),
    ("Colonel Ivan Petrenko briefed the press.\nHe told reporters that 14 tanks were destroyed.", "14", "ivan-petrenko"),
    ("A senior Western official spoke on Monday.\nThe official said 30,000 troops were lost.", "30,000", None),
])
def test_descriptions_and_pronouns_resolve_to_earlier_sources(pipeline, text, figure, key):
    x = run(pipeline, text)
    [chain] = [c for f, c in chains(x).items() if f == figure]
    assert len(chain) == 1
    if key:
        assert chain[0] == key
    else:
        source = next(a.source for a in x.attributions if a.source.key == chain[0])
        assert source.type == "VagueSource" and "Western" in source.label


@pytest.mark.parametrize("caveat", [
    "The figures could not be independently verified.",
    "These claims cannot be verified.",
    "The numbers have not been independently confirmed.",
    "Its tally could not be independently confirmed by Reuters.",
    "The toll was not corroborated by local officials.",
])
def test_a_caveat_on_verification_credits_no_one(pipeline, caveat):
    """The reporter's own caveat after a sourced sentence is not a claim of the source, nor of
    whoever the caveat names as unable to confirm it."""
    x = run(pipeline, f"Regional governor Oleh Kiper said 14 people were injured in Odesa. {caveat}\n")
    start = x.article.text.index(caveat)
    assert [a.source.label for a in x.attributions if a.content and a.content.end > start] == []
    assert chains(x)["14"] == [x.attributions[0].source.key] and x.attributions[0].source.label == "Oleh Kiper"


@pytest.mark.parametrize("text, counted", [
    ("Lviv counts the cost of the night's strikes.\n", False),
    ("The village counted its losses after the flood.\n", False),
    ("The UN counted 12,500 civilian deaths since February 2022.\n", True),
    ("The ministry lists two hundred damaged schools.\n", True),
])
def test_a_counting_verb_credits_a_source_only_with_a_number_counted(pipeline, text, counted):
    x = run(pipeline, text)
    assert bool([a for a in x.attributions if a.cue and a.cue.text.startswith(("count", "list"))]) == counted


# Speaker labels before a colon: a short name- or role-shaped phrase at the start of a line speaks what follows,
# a bracketed party, district or time after the name included; a place, a heading or a list's colon does not.
def speakers(pipeline, text):
    return [(a.source_span.text, a.cue.text, a.content.text) for a in run(pipeline, text).attributions
            if a.cue is not None and a.cue.text == ":"]


@pytest.mark.parametrize("text, source", [
    ("Maria Lopes (Labour): The harbour budget is a disgrace and we will vote against it.", "Maria Lopes"),
    ("Senator Okafor (14:05): We have the votes to pass the ferry bill.", "Okafor"),
    ("Edwin Marsh (R-Harwick): The tax will cost the port 300 jobs.", "Edwin Marsh"),
    ("14:05 \u2014 Dmitri Kovac: The talks on the harbour have collapsed.", "Dmitri Kovac"),
    ("CHAIR: We will now hear from the harbour master.", "CHAIR"),
])
def test_a_speaker_label_before_a_colon(pipeline, text, source):
    assert [s for s, _, _ in speakers(pipeline, text)] == [source]


@pytest.mark.parametrize("text", [
    "Portugal: 12 killed as storm hits the port.",  # a place before a colon is where the news is
    "Brisk Ferries has three routes: Ebbing, Harwick and Sandby.",  # a colon that introduces a list
    "Analysis: How long can the port last?",
    "Explainer: Is there really salt in our tap water?",  # a word a page labels its sections with, asking
])
def test_no_speaker_label_before_a_colon(pipeline, text):
    assert speakers(pipeline, text) == []


def test_a_place_before_a_colon_speaks_when_the_words_are_its_own(pipeline):
    assert [s for s, _, _ in speakers(pipeline, "Russia: we will respond to the strikes on the port.")] == ["Russia"]


def test_a_transcript_speakers_question_and_answer_are_theirs(pipeline):
    text = ("KATE OKAFOR: Why not debate him?\n"
            "JOEL BRISK: This is a man who said he would never run a negative ad.")
    found = speakers(pipeline, text)
    assert [s for s, _, _ in found] == ["KATE OKAFOR", "JOEL BRISK"]
    assert found[0][2].startswith("Why not debate")


def test_a_headline_speaker_in_the_first_person_keeps_the_line(pipeline):
    assert [s for s, _, _ in speakers(pipeline, "Okafor: I'm Confident Voters Will Reject the Harbour Tax.")] == ["Okafor"]


# A closing ', according to X' credits the whole clause before it, its reporting verb included: the verb's content
# ends at the comma and its source is relayed by X. An 'according to' inside what a speaker said stays theirs.
def sources_of(extraction):
    by_id = {a.id: a for a in extraction.attributions}
    return {f.span.text: [by_id[i].source_span.text for i in c.attributions] for c in extraction.claims for f in c.figures}


def test_a_closing_according_to_credits_the_reporting_clause_before_it(pipeline):
    x = run(pipeline, "The harbour board found that 300 jobs were lost last year, according to the Harwick Gazette.")
    assert sources_of(x)["300"] == ["Harwick Gazette", "The harbour board"]
    found = {a.cue.text: a.content.text for a in x.attributions}
    assert found["found"] == "that 300 jobs were lost last year"


def test_an_according_to_inside_a_statement_stays_in_it(pipeline):
    x = run(pipeline, "The mayor said that, according to the harbour board, 300 jobs were lost last year.")
    assert sources_of(x)["300"] == ["The mayor", "the harbour board"]


# A body's name goes on over 'for the', 'of the', 'on the' ('Coordination Headquarters for the Treatment of
# Prisoners of War'): one source, typed by the head before its modifier, not by its last word ('War'). A 'for'
# after a description or a person's name is no part of a name: 'a spokesman for the ministry' still splits.
@pytest.mark.parametrize("text, source, kind", [
    ("The Coordination Headquarters for the Treatment of Prisoners of War said 150 soldiers were returned.",
     "Coordination Headquarters for the Treatment of Prisoners of War", "MilitaryBody"),
    ("The Ebbing Commission on the Future of Harbours said the port would close.",
     "Ebbing Commission on the Future of Harbours", "GovernmentBody"),
    ("The Harwick Office for National Statistics said inflation rose to 3 percent.",
     "Harwick Office for National Statistics", "GovernmentBody"),
])
def test_a_name_with_for_or_of_is_one_source(pipeline, text, source, kind):
    x = run(pipeline, text)
    assert [(a.source_span.text, a.source.type) for a in x.attributions] == [(source, kind)]


@pytest.mark.parametrize("text, source", [
    ("A spokesman for the ministry said 40 people were detained.", "A spokesman"),
    ("Okafor for the Conservatives said 40 people were detained.", "Okafor"),
    ("The Harwick Council on Tuesday said 40 people were detained.", "Harwick Council"),
])
def test_a_for_after_a_complete_name_still_splits(pipeline, text, source):
    assert [a.source_span.text for a in run(pipeline, text).attributions] == [source]


# A phrase of time between the source and its verb ('X on Thursday evening said') is stepped over and left out of
# the source; a time alone before the verb is still no source. A second verb joined to a first whose subject the
# parse misread ('X later tweeted a photo and said ...') takes the noun phrase before the first.
@pytest.mark.parametrize("text, source", [
    ("Harbour spokesman Tomas Okafor on Thursday evening said the ferry was not in danger.", "Tomas Okafor"),
    ("The board on Monday said 40 jobs would go.", "The board"),
    ("Okafor last week told reporters the port would close.", "Okafor"),
])
def test_a_time_between_the_source_and_its_verb_is_stepped_over(pipeline, text, source):
    assert [a.source_span.text for a in run(pipeline, text).attributions] == [source]


def test_a_time_alone_before_the_verb_is_still_no_source(pipeline):
    assert run(pipeline, "Last week said nothing about the port.").attributions == []


def test_a_name_ending_in_a_word_of_time_is_still_a_source(pipeline):
    x = run(pipeline, "The regional news site Harwick Today, citing port data, said 214 people had left by boat.")
    assert "Harwick Today" in {a.source_span.text for a in x.attributions}


def test_a_joined_verb_takes_the_subject_the_parse_misread(pipeline):
    x = run(pipeline, "Fields later tweeted a photograph of her bruised forearm and said she had been pushed.")
    assert {(a.source_span.text, a.cue.text) for a in x.attributions} >= {("Fields", "said")}


# 'according to A and B': each source joined by 'and' to the object of 'according to' credits the clause.
def test_according_to_two_sources_credits_both(pipeline):
    x = run(pipeline, "The ferry will stop running in May, according to Okafor and the Harwick Council.")
    assert {(a.source_span.text, a.content.text) for a in x.attributions} == {
        ("Okafor", "The ferry will stop running in May"), ("Harwick Council", "The ferry will stop running in May")}


def test_according_to_one_source_with_and_inside_its_name_is_one(pipeline):
    x = run(pipeline, "The ferry will stop running in May, according to the Ministry of Trade and Industry.")
    assert [a.source_span.text for a in x.attributions] == ["Ministry of Trade and Industry"]


# A fronted nominal cue with its owner ('In a poll by X, A') credits the rest of the sentence to the owner, however
# the parse hung it; without an owner, or with a reporting clause of its own after the comma, it credits nothing.
def test_a_fronted_poll_by_a_source_credits_the_sentence(pipeline):
    x = run(pipeline, "In a poll by Gallup, 40 percent of voters backed Okafor.")
    assert [(a.source_span.text, a.cue.text, a.content.text) for a in x.attributions] == [
        ("Gallup", "poll", "40 percent of voters backed Okafor")]


@pytest.mark.parametrize("text, sources", [
    ("In a poll, 40 percent of voters backed Okafor.", []),
    ("In a survey by the Harwick Institute, most tenants said rents were too high.", ["most tenants"]),
])
def test_a_fronted_nominal_cue_without_an_owner_or_before_a_speaker(pipeline, text, sources):
    assert [a.source_span.text for a in run(pipeline, text).attributions] == sources


# A passive's content is what it reports, its subject, not the verb: 'The figure was reported by X'.
def test_a_passive_with_an_agent_credits_its_subject(pipeline):
    x = run(pipeline, "The closure of the port was announced by the Harwick Council.")
    assert [(a.source_span.text, a.cue.text, a.content.text) for a in x.attributions] == [
        ("Harwick Council", "announced", "The closure of the port")]


def test_a_passive_after_a_clause_credits_the_clause(pipeline):
    x = run(pipeline, "The port lost 40 ships, as was reported by the harbour board.")
    assert [a.content.text for a in x.attributions] == ["The port lost 40 ships"]


# A quotation typed with two apostrophes (''...'') opens a sentence of its own: the statement before it is not
# run into the quotation's 'he said'.
def test_a_quotation_in_doubled_apostrophes_opens_a_new_sentence(pipeline):
    text = ("Mr. Okafor said he was building a new ferry terminal. ''Without it, the port would be in trouble,'' "
            "he said.")
    found = {(a.source_span.text, a.content.text) for a in run(pipeline, text).attributions}
    assert ("Okafor", "he was building a new ferry terminal") in found
    assert not any("terminal" in content and "trouble" in content for _, content in found)


# A closing '..., analysts say.' credits what stands before its comma even when the parse hung the verb on a noun;
# a verb hung on a noun without that comma ('the ferries the owners sold') is a relative clause, no report.
def test_a_closing_reporting_clause_hung_on_a_noun(pipeline):
    x = run(pipeline, "Neither plan would have any major impact on how much the middle class pays, analysts say.")
    assert [(a.source_span.text, a.cue.text) for a in x.attributions] == [("analysts", "say")]
    assert x.attributions[0].content.text.startswith("Neither plan")


def test_a_relative_clause_is_no_closing_report(pipeline):
    assert run(pipeline, "The port lost the ferries the owners sold.").attributions == []


# A quotation the parse took for a second subject of the verb after it is still the quotation beside the verb.
def test_a_quotation_read_as_a_subject_is_still_what_is_said(pipeline):
    x = run(pipeline, "\u201cAll of my friends are sailors \u2014 overwhelmingly so,\u201d Okafor, 49, told the harbour board.")
    assert [(a.source_span.text, a.content.text) for a in x.attributions if a.cue.text == "told"] == [
        ("Okafor", "\u201cAll of my friends are sailors \u2014 overwhelmingly so,\u201d")]


# An inverted speaker with where they are from ('..., said Representative Tomas Okafor of Harwick, who ...') is the
# speaker; the words after an inverted 'said' that open a clause of their own are still no speaker.
def test_an_inverted_speaker_with_of_and_a_place(pipeline):
    x = run(pipeline, "\u201cThe port will close,\u201d said Representative Tomas Okafor of New Harwick, who backed the plan on Tuesday.")
    assert ("Tomas Okafor", "said") in {(a.source_span.text, a.cue.text) for a in x.attributions}


def test_words_after_an_inverted_said_that_open_a_clause_are_no_speaker(pipeline):
    x = run(pipeline, "The mayor said some 200 flats in her district had been damaged.")
    assert [a.source_span.text for a in x.attributions] == ["The mayor"]
