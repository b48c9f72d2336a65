"""Attributions: who the article credits, with the cue, the content and the chain.

Reads sentences, quotations and entity mentions; adds Attribution objects.
Each attribution is one hop: a source (named, vague, or a pronoun or
description resolved to an earlier source), a cue ("according to", "said",
"figures from"...), the content it covers, and the outer hop it is reported
through (``via``), so "the MoD added that: '... according to Ukrainian
General Staff reporting'" gives the General Staff via the MoD.
"""
from __future__ import annotations

import calendar
import hashlib
import re
from bisect import bisect_left, bisect_right
from itertools import chain, islice
from dataclasses import dataclass
from functools import lru_cache

from ..model import Attribution, Entity, Span, SpanIndex
from .coref import PRONOUN_GENDER, Coreference
from .entities import EntityFinder, EntityMention, slug
from .figures import SCALES, TENS, UNITS
from .lexicon import Lexicons, WordStartPattern, phrase_pattern
from .syntax import Sentence
from .text import BYLINE, DATELINE, Lines, Quote, Quotes, title_case_words

SOURCE_TYPES = {"Person", "Country", "Region", "Organisation", "GovernmentBody", "MilitaryBody",
                "NewsOutlet", "ResearchOrganisation", "InternationalOrganisation", "MilitaryUnit",
                "VagueSource", "Entity"}  # not Platform (a channel) nor Event
LOOKBACK = 200  # sources and mentions a pronoun or description may refer back to
ARMED_NOUNS = r"(?:armed\s+forces|forces|army|military|troops|soldiers)"
LIST_ITEM = re.compile(r"\s*(?:[-*\u2022\u2013]\s*|[a-z(])")
CAVEAT = re.compile(r"\s*(?:cannot|can\s*not|can't|could\s+not|couldn't|could\s+not\s+yet|have\s+not|has\s+not|had\s+not|"
                    r"were\s+not|was\s+not|are\s+not|is\s+not|haven't|hasn't|weren't|wasn't|aren't|isn't)\s+"
                    r"(?:yet\s+)?(?:be\s+|been\s+)?(?:independently\s+|immediately\s+|separately\s+)?"
                    r"(?:verified|confirmed|corroborated|checked)\b", re.IGNORECASE)
COUNTING = {"count", "tally", "log", "track", "list", "record"}
# verbs that take a 'that' clause without crediting anyone: 'make sure that', 'ensure that', 'mean that'
NOT_REPORTING = {"be", "have", "do", "make", "ensure", "mean", "require", "ask", "seem", "appear", "happen", "turn",
                 "prove", "become", "get", "take", "give", "demand", "insure", "assure", "see", "so", "suggest"}
SEEING = {"see", "review", "obtain", "read", "examine", "view", "inspect", "study"}  # who saw a document did not write it
VERIFYING = {"verify", "confirm", "corroborate", "check", "substantiate", "authenticate"}
# what stands for the sentence before: 'This was reported by X', 'The figures were published by Y'
ANAPHORS = {"this", "that", "these", "those", "it", "figure", "figures", "data", "numbers", "information", "tally", "report"}
# a number in digits or words, with the figure finder's own number words
NUMBER = re.compile(rf"\d|\b(?:{'|'.join([*UNITS, *TENS, *SCALES])}|dozen|score|half)s?\b", re.IGNORECASE)


@dataclass
class Agent:
    """A phrase that can be a source: a name, an unnamed source, a pronoun or a description."""

    span: Span
    entity: Entity | None
    kind: str  # named | vague | pronoun | descriptor
    descriptor: dict | None = None


@dataclass
class _Cue:
    span: Span
    kind: str
    form: str


@dataclass
class _Hop:
    agent: Agent
    cue: _Cue | None
    content: tuple[int, int] | None
    via: "_Hop | None" = None
    relay_parent: "_Hop | None" = None
    own: bool = False  # the article's own outlet: kept for nesting, never a hop of the output
    told: tuple[int, int] | None = None  # the listener of 'told', which may be an outlet that relays
    cited_by: object = None  # 'X, cited by RIA Novosti, claimed': the participle that names who relays X



class AttributionFinder:
    def __init__(self, lexicons: Lexicons, entities: EntityFinder):
        self.entities = entities
        self._previous_sentence: Span | None = None
        self.cues = lexicons.cues
        self.cue_words = lexicons.cues.words
        self.lemmas = Lemmas(lexicons.irregular)
        self._cue_starts: list[int] = []
        self._previous: Span | None = None
        self._classes: dict[tuple[int, int], str | None] = {}
        self._lines: Lines | None = None
        self._interviewee: _MostNamed | None = None
        self._turns: list[int] = []  # where the questions and answers of an interview start ('Q: ...', 'A: ...')
        self._quotes: Quotes | None = None
        self._coref = Coreference(lexicons.coref)  # the article's (extract/coref.py), set by find
        self._turn: tuple[bool, str] = (False, "")  # whether the hop being resolved speaks a quotation, and its cue
        self.person_roles = {t.lower().rstrip(".") for t in lexicons.titles} | set(lexicons.coref.roles)
        self._norm, self._sentence_start, self._lead = "", 0, None  # the subject opening the sentence before
        # 'per' only as a cue when followed by a name-like word
        vague = lexicons.vague
        heads = vague["heads"]["patterns"]
        modifiers = vague["modifiers"]["patterns"]
        self.standalone_only = {h.lower() for h in vague["standalone_only_after_preposition"]["patterns"]}
        self.data_heads = {h.lower() for h in vague["needs_source_modifier"]["patterns"]}
        self.source_modifiers = {m.lower() for m in vague["source_modifiers"]["patterns"]}
        self.documents = {h.lower() for h in vague["documents"]["patterns"]}
        # an unnamed source is found by its head noun, then extended back over its modifiers
        self.vague_head_re = WordStartPattern.of_phrases(heads)
        self.vague_heads = {h.lower() for h in heads if " " not in h}
        self.vague_modifiers_re = WordStartPattern(re.compile(
            r"(?:(?<![\w-])(?:" + phrase_pattern([*modifiers, *entities.demonyms]) + r")[\s-]+){1,4}$", re.IGNORECASE),
            (p.split()[0] for p in [*modifiers, *entities.demonyms]))
        self.affiliation_re = re.compile(
            r"\s+(?:at|in|from|within|inside|close\s+to|familiar\s+with|with\s+knowledge\s+of)\s+", re.IGNORECASE)
        self.demonym_country = {d.lower(): entities.by_id[i].country for d, i in entities.demonyms.items()}
        self.descriptors = lexicons.descriptors
        forms = {(p, key) for key, row in lexicons.descriptors.items() for p in row["patterns"]}
        self.descriptor_re = WordStartPattern.of_phrases(sorted(p for p, _ in forms))
        self.descriptor_key = {p.lower(): key for p, key in forms}
        # 'the company' and 'the US magazine' end with the word of a description the lexicon knows
        self.descriptor_by_head = {p.split()[-1].lower(): key for p, key in sorted(forms)
                                   if p.lower().startswith("the ") and len(p.split()) == 2}

    # -- agents ------------------------------------------------------------------------
    def agents(self, norm: str, original: str, mentions: list[EntityMention], article_id: str) -> list[Agent]:
        named = []
        for m in mentions:
            if m.entity.type not in SOURCE_TYPES:
                continue
            agent = Agent(m.span, m.entity, "named")
            if m.entity.country and m.entity.type in ("Person", "Country", "Region"):
                agent = self._possessed(norm, original, m) or agent
            named.append(agent)
        taken = _Coverage(len(norm))
        for a in named:
            taken.add(a.span.start, a.span.end)
        named_starts = [a.span.start for a in named]  # mentions come by start
        named_at: dict[int, list[Agent]] = {}
        for a in named:
            named_at.setdefault(a.span.start, []).append(a)
        removed: dict[Span, list[Agent]] = {}  # names that turned out to be part of an unnamed source
        removed_ends: set[int] = set()  # names an unnamed source's affiliation ends with
        result = list(named)
        for match in self.descriptor_re.finditer(norm):
            start, end = match.span()
            if taken.overlaps(start, end):
                continue
            key = self.descriptor_key[" ".join(match.group().lower().split())]
            tail = re.match(rf"'s?\s+{ARMED_NOUNS}\b", norm[end:end + 24], re.IGNORECASE)
            if key == "country" and tail:
                end += tail.end()
                key = "country-forces"
            elif key == "country":
                continue
            result.append(Agent(Span(start, end, original[start:end]), None,
                                "pronoun" if key in ("he", "it", "they") else "descriptor", {"key": key}))
            taken.add(start, end)
        for start, end, head, affiliation_end in self._vague_phrases(norm):
            inside = [a for a in named[bisect_left(named_starts, start):bisect_left(named_starts, end - len(head))]
                      if a.span.end < end - len(head) and head not in self.data_heads and head not in self.documents] \
                if taken.overlaps(start, end) else []
            if inside:
                for a in inside:
                    taken.remove(a.span.start, a.span.end)
                if taken.overlaps(start, end):
                    for a in inside:
                        taken.add(a.span.start, a.span.end)
                else:
                    # 'a senior Pentagon official': the name is the unnamed source's affiliation
                    for a in inside:
                        removed.setdefault(a.span, []).append(a)
            shorter = [a for a in result if a.kind == "vague" and start <= a.span.start and a.span.end <= end - len(head)]
            for a in shorter:  # 'a Western intelligence source': 'intelligence' was a modifier of the source
                result.remove(a)
                taken.remove(a.span.start, a.span.end)
            if taken.overlaps(start, end):
                # a vague head right after a name ('MoD figures') belongs to the name
                continue
            phrase_text = norm[start:end]
            words = phrase_text.split()
            if not self._is_vague_source(norm, start, words, head, taken):
                continue
            country = ""
            for word in words:
                country = country or self.demonym_country.get(word.lower(), "")
            end_all = end
            if affiliation_end is not None and head not in self.data_heads and head not in self.documents:
                after = affiliation_end
                owner = next((a for a in named_at.get(after, []) + named_at.get(after + 4, [])
                              if norm[after:a.span.start].lower() in ("", "the ")), None)
                if owner is not None:
                    end_all = owner.span.end
            label = original[start:end_all]
            entity = Entity(key=f"{article_id}/vague/{slug(label)}", label=label, type="VagueSource", country=country)
            if end_all != end:
                removed_ends.add(end_all)
            result.append(Agent(Span(start, end_all, label), entity, "vague"))
            taken.add(start, end_all)
        # only names are removed, and only names were in the result when they were found
        result = [a for a in result if a not in removed.get(a.span, ())
                  and not (a.kind == "named" and a.span.end in removed_ends)]
        result.sort(key=lambda a: (a.span.start, -a.span.end))
        return result

    def _vague_phrases(self, norm: str):
        """(start, end, head, end of 'at|from|close to' or None) of each unnamed-source phrase."""
        for match in self.vague_head_re.finditer(norm):
            start = match.start()
            modifiers = self.vague_modifiers_re.search(norm, max(0, start - 80), start)
            if modifiers:
                start = modifiers.start()
            affiliation = self.affiliation_re.match(norm, match.end())
            yield start, match.end(), " ".join(match.group().lower().split()), affiliation.end() if affiliation else None

    def _possessed(self, norm: str, original: str, mention: EntityMention) -> Agent | None:
        """'Zelensky's forces', 'Kyiv's military intelligence': the country's body of that name."""
        tail = re.match(r"'s?\s+((?:[A-Za-z-]+\s+){0,2}[A-Za-z-]+)", norm[mention.span.end:mention.span.end + 40])
        if not tail:
            return None
        country = self.entities.by_country.get(mention.entity.country)
        words = tail.group(1).split()
        for n in range(len(words), 0, -1):
            noun = " ".join(words[:n])
            found = None
            if re.fullmatch(ARMED_NOUNS, noun, re.IGNORECASE):
                found = self.entities.armed_forces_of(mention.entity.country)
            elif country is not None:
                for demonym in country.demonyms:
                    found = found or self.entities.lookup(f"{demonym} {noun}")
            if found is not None and found.type not in ("Country", "Region", "Person"):
                end = mention.span.end + tail.start(1) + len(noun)
                return Agent(Span(mention.span.start, end, original[mention.span.start:end]), self.entities.entity_of(found), "named")
        return None

    def _is_vague_source(self, norm: str, start: int, words: list[str], head: str, taken: "_Coverage") -> bool:
        """'reports', 'figures', 'claims' name a source only in some places: not after a name
        ('Ukraine reports', 'MoD figures'), and data words only with a source-like modifier
        ('Ukrainian estimates', 'Western intelligence') or after 'according to'."""
        before = norm[max(0, start - 24):start]
        if head in self.standalone_only and taken.ends_before(norm, start):
            return False
        governed = re.search(r"(?:according\s+to|amid|citing|per|following|after|despite|of)\s+(?:the\s+|these\s+|such\s+|new\s+|latest\s+|recent\s+)*$", before, re.IGNORECASE)
        modifiers = [w.lower() for w in words[:-1] if w.lower() != head]
        sourcelike = any(m in self.demonym_country or m in self.source_modifiers for m in modifiers)
        if head in self.data_heads:
            return bool(governed or sourcelike)
        if head in self.documents:
            sentence_initial = re.search(r"(?:^|[.!?\n\"]\s*)$", before) is not None
            return bool(governed or sourcelike or sentence_initial or modifiers)
        return True

    # -- resolution of pronouns and descriptions ---------------------------------------------
    def resolve(self, agent: Agent, history: list[Agent], mentions: list[EntityMention], article_id: str = "",
                current: list[Agent] = ()) -> Agent | None:
        """The entity a pronoun or description ('he', 'the ministry') stands for: the nearest fitting
        source before it, speakers first, looking back at most ``LOOKBACK`` sources and mentions
        (so an article of ten thousand attributions costs ten thousand short looks, not a square).
        ``current`` are the sources of the sentence so far, read as if they followed ``history``."""
        if agent.entity is not None:
            return agent
        key = agent.descriptor["key"]
        last = bisect_left(mentions, agent.span.start, key=lambda m: m.span.start)  # mentions are sorted by start
        before = [mentions[i] for i in range(last - 1, max(-1, last - 1 - LOOKBACK), -1)
                  if mentions[i].span.end <= agent.span.start]
        if key == "country-forces":
            country = next((m.entity for m in before if m.entity.type == "Country"), None)
            forces = self.entities.armed_forces_of(country.country) if country else None
            if forces is None:
                return None
            return Agent(agent.span, self.entities.entity_of(forces), "named")
        latest_first = chain(reversed(current), reversed(history))
        earlier = list(islice((h for h in latest_first if h.span.end <= agent.span.start), LOOKBACK))
        entry = self._coref.entry_start(agent.span.start)
        if entry:  # a live blog's entry keeps its own sources: nothing before it is taken up
            earlier = [h for h in earlier if h.span.start >= entry]
            before = [m for m in before if m.span.start >= entry]
        if key == "head" and agent.descriptor["head"] in self.person_roles:
            key = "person"  # 'the chairman', 'the mother': a person already named, in that role if one is known
        if key in ("he", "person"):
            return self._person(agent, key, earlier, before, article_id)
        if key == "head":
            # 'the board', 'the directorate': the body named before whose name has that word ('Australian
            # Electoral Standards Board'); failing that, what the descriptor lexicon says of the word; failing
            # that, an unnamed source of its own
            word = agent.descriptor["head"]
            named = [h.entity for h in earlier if h.entity is not None and h.entity.type != "VagueSource"]
            named += [m.entity for m in before]
            match = next((e for e in named if re.search(rf"(?<![\w-]){re.escape(word)}s?(?![\w-])", e.label, re.IGNORECASE)), None)
            if match is not None:
                return Agent(agent.span, match, "named")
            by_word = self.descriptor_by_head.get(word)
            if by_word is None:
                label = agent.span.text
                return Agent(agent.span, Entity(key=f"{article_id}/vague/{slug(label)}", label=label, type="VagueSource"), "vague")
            key = by_word
        row = self.descriptors[key]
        types = set(row.get("types", []))
        words = [w.lower() for w in row.get("label_words", [])]
        if row.get("resolve") == "salient":
            # 'the company said': the organisation the article is about so far, the one named most often
            # before (the nearer on a tie), not merely the last one named
            counts: dict[str, int] = {}
            latest: dict[str, Entity] = {}
            for position, m in enumerate(before):
                if m.entity.type in types:
                    counts[m.entity.key] = counts.get(m.entity.key, 0) + 1
                    latest.setdefault(m.entity.key, m.entity)
            if counts:
                order = {k: i for i, k in enumerate(latest)}
                best = max(counts, key=lambda k: (counts[k], -order[k]))
                return Agent(agent.span, latest[best], "named")
            label = agent.span.text
            return Agent(agent.span, Entity(key=f"{article_id}/vague/{slug(label)}", label=label, type="VagueSource"), "vague")
        candidates = [h for h in earlier if h.kind == "speaker"] + [h for h in earlier if h.kind != "speaker"]
        lead = self._lead
        if lead is not None and key in ("it", "they") and not self._norm[self._sentence_start:agent.span.start].strip() \
                and lead.span.start >= entry:
            # 'X did not comment. It said separately that ...': a pronoun opening a sentence takes up the
            # subject that opened the one before, speaking or not
            candidates = [lead] + candidates
        for candidate in candidates:
            entity = candidate.entity
            if entity is None or entity.type not in types:
                continue
            if entity.type == "VagueSource" and _plural(entity.label) != (key == "they") and key in ("it", "they"):
                continue  # 'it' is not 'officials'; 'they' is not 'a source'
            if words and not any(w in entity.label.lower() or w in candidate.span.text.lower() for w in words):
                if entity.type != "Person" or key != "official":
                    continue
            return Agent(agent.span, entity, "named" if entity.type != "VagueSource" else "vague")
        if agent.kind == "descriptor" and key not in ("country-forces",):
            # 'the report' with nothing to refer to: an unnamed source of its own
            label = agent.span.text
            return Agent(agent.span, Entity(key=f"{article_id}/vague/{slug(label)}", label=label, type="VagueSource"), "vague")
        return None

    def _person(self, agent: Agent, key: str, earlier: list[Agent], before: list[EntityMention],
                article_id: str) -> Agent | None:
        """'he', 'she', 'the spokeswoman', 'the minister': the one earlier person that fits by gender, role and
        place in the exchange (extract/coref.py), or, for a pronoun, no one when none or two fit equally."""
        candidates = earlier + [Agent(m.span, m.entity, "named") for m in before if m.entity.type == "Person"]
        quotes = self._quotes
        if quotes is not None and quotes.containing(agent.span.start) is None:
            # 'X told GB News: "... even for Putin." He told the channel ...': a person named only inside a
            # quotation is not who speaks outside it, unless no one is named outside
            outside = [c for c in candidates if c.kind == "speaker" or quotes.containing(c.span.start) is None]
            if any(c.entity is not None and c.entity.type in ("Person", "Entity") for c in outside):
                candidates = outside
        quoted, lemma = self._turn
        if key == "he":
            chosen = self._coref.person(agent.span.start, candidates, gender=PRONOUN_GENDER.get(agent.span.text.lower(), ""),
                                        quoted=quoted, lemma=lemma)
            if chosen is not None:
                if chosen.type == "Entity":
                    chosen.type = "Person"  # an untyped full name that 'he' or 'she' takes up is a person: evidence, not a guess
                    if self._interviewee is not None:
                        self._interviewee.retyped(chosen)
                return Agent(agent.span, chosen, "named")
            # no one, or two who fit equally: the speaker stays the pronoun, an unnamed source of its own, not a guess
            label = agent.span.text
            return Agent(agent.span, Entity(key=f"{article_id}/vague/{slug(label)}-{agent.span.start}", label=label,
                                            type="VagueSource"), "vague")
        role = agent.span.text.split()[-1].lower()
        restrictive = re.match(r"[ \t]+(?:of|for|at|in)[ \t]+(?:the[ \t]+)?[A-Z]", self._norm[agent.span.end:agent.span.end + 40])
        chosen = self._coref.person(agent.span.start, candidates, gender=self._coref.words.roles.get(role, ""), role=role,
                                    quoted=quoted, lemma=lemma, restrictive=restrictive is not None)
        if chosen is not None:
            return Agent(agent.span, chosen, "named")
        label = agent.span.text  # 'the mayor of Odesa' with no mayor named before: an unnamed source of its own
        return Agent(agent.span, Entity(key=f"{article_id}/vague/{slug(label)}", label=label, type="VagueSource"), "vague")

    # -- attributions ----------------------------------------------------------------------
    def recase(self, text: str) -> str:
        """A headline in Title Case ('Senator Slams Budget, Says Cuts Hurt Schools') as the model reads
        running text: an inflected cue verb ('Slams', 'Says', 'Praised', 'Calling') loses its capital, so that
        it is tagged as the verb it is, not as one more word of a name. Nothing else changes, not even the
        length: offsets stay those of the text. A word that ends a known name ('United States') is kept."""
        words = title_case_words(text)
        if words is None:
            return text
        out = list(text)
        for previous, word in zip(words, words[1:]):
            form = word.group()
            if not (form[0].isupper() and form[1:].islower() and form.lower().endswith(("s", "ed", "ing", "said", "told"))):
                continue
            if not any(lemma in self.cues.verbs for lemma in self.lemmas.of(form.lower())):
                continue
            if previous.group()[0].isupper() and self.entities.lookup(f"{previous.group()} {form}") is not None:
                continue
            out[word.start()] = form[0].lower()
        return "".join(out)

    def wants_parse(self, doc) -> bool:
        """Whether a tagged sentence holds a cue: a reporting verb (or a cue word tagged as a noun
        with a subject-like name before it), 'according to', or a nominal cue with an owner beside it
        ('X's figures', 'data from X'). Only those sentences are parsed."""
        verbs, nouns, according = self.cues.verbs, self.cues.nouns, self.cues.according
        for t in doc:
            forms = self.lemmas(t)
            if (t.tag_.startswith("VB") or t.tag_ in ("NNS", "NN")) and any(c in verbs for c in forms):
                return True
            if t.lower_ in according:
                return True
            if any(c in nouns for c in forms):
                before = doc[t.i - 1] if t.i else None
                after = doc[t.i + 1] if t.i + 1 < len(doc) else None
                if (before is not None and (before.tag_ in ("POS", "NNP", "NNPS", "PRP$") or before.lower_ in ("'s", "'"))) or \
                        (after is not None and after.lower_ in ("by", "from", "of", "that")):
                    return True
        return False

    def find(self, norm: str, original: str, sentences: list[Sentence], quotes: Quotes,
             mentions: list[EntityMention], article_id: str, publisher_key: str,
             coref: Coreference | None = None) -> list[Attribution]:
        agents = self.agents(norm, original, mentions, article_id)
        self._coref = coref or Coreference(self._coref.words)
        hops: list[_Hop] = []
        history: list[Agent] = []
        agent_starts = [a.span.start for a in agents]
        self._classes: dict[tuple[int, int], str | None] = {}  # this article's tokens only: ids are reused later
        self._cue_starts = sorted(sentence.start(t) for sentence in sentences if sentence.parsed
                                  for t in sentence.doc if self._verb_class(t))
        self._previous = None
        self._lines = Lines(norm)
        self._interviewee = _MostNamed(mentions)
        self._turns = [sentence.span.start for sentence in sentences if _interview_turn(sentence.doc)]
        self._quotes = quotes
        own = {publisher_key} | self._wire(norm, sentences, mentions)
        self._norm, self._lead = norm, None
        for sentence in sentences:
            span = sentence.span
            self._sentence_start = span.start
            if BYLINE.match(norm, span.start):
                continue
            # agents are sorted by start: take each sentence's share by bisection
            s_agents = [a for a in agents[bisect_left(agent_starts, span.start):bisect_left(agent_starts, span.end)]
                        if a.span.end <= span.end]
            sentence_hops: list[_Hop] = []
            found = self._read_structure(norm, sentence, s_agents, quotes, article_id) if sentence.parsed else []
            for hop in found:
                if hop.content is None or not re.search(r"\w", norm[hop.content[0]:hop.content[1]]):
                    continue
                if _not_a_claim(hop.cue, norm[hop.content[0]:hop.content[1]]):
                    continue
                current = [a for a in s_agents if a.entity is not None and a.kind == "named"] + \
                          [Agent(h.agent.span, h.agent.entity, "speaker") for h in sentence_hops]
                quoted = hop.content is not None and quotes.containing(hop.content[0] + 1) is not None
                self._turn = (quoted, hop.cue.form if hop.cue else "")
                resolved = hop.agent if hop.agent.entity is not None or hop.agent.kind == "first" else \
                    self.resolve(hop.agent, history, mentions, article_id, current)
                if resolved is None:
                    continue
                if hop.relay_parent is None:
                    self._coref.spoke(resolved.entity, resolved.span.start, quoted)
                hop.agent = resolved
                hop.own = bool(resolved.entity and resolved.entity.key in own)
                sentence_hops.append(hop)
                if hop.told is not None:
                    outlet = next((a for a in s_agents if a.entity is not None and a.entity.type == "NewsOutlet"
                                   and a.entity.key not in own and _overlaps((a.span.start, a.span.end), hop.told)), None)
                    if outlet is not None:  # 'told the business daily Vedomosti': the outlet relays the speaker
                        outer = _Hop(outlet, hop.cue, hop.content)
                        hop.relay_parent = outer
                        sentence_hops.append(outer)
            sentence_hops = [h for h in sentence_hops if h.relay_parent is None or h.relay_parent in sentence_hops]
            self._previous = span
            self._lead = None if sentence_hops else next(  # a sentence that reports no one: its opening subject
                (a for a in s_agents if a.entity is not None and a.entity.type != "VagueSource"
                 and len(norm[span.start:a.span.start].split()) <= 1), None)
            speaker = self._speaker_label(norm, sentence, s_agents, article_id)
            if speaker is not None and _interview_turn(sentence.doc) is None \
                    and not (speaker.agent.entity is not None and speaker.agent.entity.known) and any(
                    h.cue is not None and h.cue.kind == "verb" and h.agent.span.start > speaker.cue.span.start
                    and h.agent.span.text.lower() not in FIRST_PERSON for h in sentence_hops):
                speaker = None  # 'Claim: A post says X': a label no one is, over a line that names its own source
                # (not 'OKAFOR: I believe ...', where 'I' is the speaker before the colon)
            if speaker is not None:  # 'X: ...' holds whatever the sentence reports in turn
                sentence_hops.append(speaker)
            elif not sentence_hops:
                headline = self._headline(norm, sentence, s_agents, article_id)
                if headline is not None:
                    sentence_hops.append(headline)
            # whom a relay cites ('citing police') is named there, it does not speak on: 'It said' is the relayer
            new = [Agent(hop.agent.span, hop.agent.entity, "speaker" if hop.relay_parent is None else "named")
                   for hop in sorted(sentence_hops, key=lambda h: h.agent.span.start)]
            new = sorted(new + [a for a in s_agents if a.entity is not None], key=lambda a: a.span.start)
            if new and history and new[0].span.start < history[-1].span.start:
                history.extend(new)
                history.sort(key=lambda a: a.span.start)
            else:  # the usual case: this sentence's agents all come after the last ones, no need to sort it all
                history.extend(new)
            hops.extend(sentence_hops)
        hops.extend(self._continued_quotes(norm, quotes, hops))
        hops.extend(self._list_items(norm, hops))
        self._nest(hops)
        self._first_person(hops)
        return self._to_model(hops, norm, original, quotes, article_id)

    def _wire(self, norm, sentences, mentions) -> set[str]:
        """The outlets that wrote the article besides its publisher: one named in a byline ('By X and Y
        Associated Press') or in a dateline's brackets ('KYIV (AP) --'). 'told The Associated Press' in its
        story is told to its own reporters: that outlet relays no one."""
        spans = [(s.span.start, s.span.end) for s in sentences[:8] if BYLINE.match(norm, s.span.start)]
        for s in sentences[:8]:
            line = norm.rfind("\n", 0, s.span.start) + 1  # the sentence as parsed starts after its dateline
            dateline = DATELINE.match(norm, line, s.span.end)
            if dateline is not None:
                spans.append((line, dateline.end()))
        return {m.entity.key for m in mentions if m.entity.type == "NewsOutlet"
                and any(lo <= m.span.start and m.span.end <= hi for lo, hi in spans)}

    # -- reading the parse ------------------------------------------------------------------
    def _verb_class(self, token) -> str | None:
        """``_cue_class`` of the token, once per token (the readers ask it of the same tokens many times)."""
        key = (id(token.doc), token.i)
        found = self._classes.get(key, False)
        if found is False:
            found = self._classes[key] = self._cue_class(token)
        return found

    def _cue_class(self, token) -> str | None:
        """The cue class of a verb; a cue word the tagger took for a noun counts as a verb when the
        parse gives it a subject and a clause ('The ISW reports that ...'). A verb no list knows is a cue
        by its structure when it governs a 'that' clause ('X conceded that ...'): class 'open', whose
        subject must be a known source (see _verb_hop)."""
        kind = next((self.cues.verbs[lemma] for lemma in self.lemmas(token) if lemma in self.cues.verbs), None) \
            if token.tag_.startswith(("VB", "NN")) else None
        if kind is None and token.tag_.startswith("VB") and self.lemmas(token)[0] not in NOT_REPORTING \
                and any(c.dep_ == "ccomp" and any(m.dep_ == "mark" and m.lower_ == "that" for m in c.children)
                        for c in token.children):
            return "open"
        if kind is None or token.tag_.startswith("VB"):
            return kind
        if token.tag_ in ("NNS", "NN") and any(c.dep_ in ("nsubj",) for c in token.children) \
                and any(c.dep_ in ("ccomp", "xcomp", "obj") for c in token.children):  # a noun has no object
            return kind
        if token.tag_ == "NNS" and token.dep_ in ("parataxis", "conj", "ROOT") and _mistagged_subject(token) is not None:
            return kind  # '..., Ukraine claims.' with 'claims' read as a plural noun
        if _mistagged_before_to(token) and any(lemma in self.cues.infinitive for lemma in self.lemmas(token)):
            return kind  # 'The company plans to expand abroad' with 'plans' read as the subject of 'expand'
        before = token.doc[token.i - 1] if token.i else None
        if token.tag_ == "NNS" and token.lower_.endswith("s") and before is not None and before.tag_ in ("NN", "NNS") \
                and before.dep_ == "compound" and before.head.i == token.i and any(
                    c.i > token.i and c.dep_ in ("acl:relcl", "acl", "ccomp")
                    and any(g.dep_ in ("nsubj", "nsubj:pass") and g.i > token.i for g in c.children)
                    and any(g.dep_ in ("obj", "ccomp", "xcomp", "nsubj:pass") for g in c.children) for c in token.children):
            # 'a new report reveals Russia has deported 20,000 children' read as one noun phrase: a clause with its
            # subject and object complete follows, so it is no relative clause ('the claims Russia has made')
            return kind
        if self._closing_comma(token) is not None:
            return kind  # '..., figures from the ministry show.': the last word, after its subject, is the verb
        following = token.doc[token.i + 1] if token.i + 1 < len(token.doc) else None
        if token.tag_ == "NNS" and token.lower_.endswith("s") and following is not None \
                and (following.lower_ == "that" or (following.like_num and token.doc[token.i - 1].text == ",")) \
                and token.i > 0 and (token.doc[token.i - 1].tag_.startswith("NNP") or _capital_word(token.doc[token.i - 1])
                                     or (token.doc[token.i - 1].text == "," and _noun_phrase_before(token) is not None
                                         and not any(c.dep_ in ("det", "nmod:poss", "amod", "nummod") for c in token.children))):
            return kind  # 'The World Bank reckons that ...', 'X, an economist, estimates that ...' read as a plural noun
        return None

    def _read_structure(self, norm: str, sentence: Sentence, agents: list[Agent], quotes: Quotes,
                        article_id: str) -> list[_Hop]:
        """Every reporting construction of one parsed sentence, as hops: who (the source role), the cue
        and what is credited (the content role), whatever words fill them."""
        hops: dict[int, _Hop] = {}  # cue token index -> hop
        relays = []
        # a word inside a name after its first word ('United States', 'Halvorsen Research') names, it reports nothing
        inside_names = [(a.span.start, a.span.end) for a in agents if a.kind == "named"]
        for token in sentence.doc:
            forms = self.lemmas(token)
            hop = None
            at = sentence.start(token)
            if token.tag_.startswith("NNP") and any(start < at < end for start, end in inside_names):
                continue
            if self._verb_class(token):
                hop = self._verb_hop(norm, sentence, token, agents, quotes, article_id)
            elif token.lower_ in self.cues.according and self._crediting(token):
                hop = self._according_hop(norm, sentence, token, agents, article_id)
                if hop is not None and token.dep_ in ("case", "mark", "fixed") and token.head.i != token.i:
                    hop.cited_by = self._cited_by(token.head)  # 'according to officials quoted by the Times'
            elif token.tag_.startswith("NN") and any(c in self.cues.nouns for c in forms) \
                    and not _in_longer_name(sentence, token, agents):  # 'UK Defence Intelligence' is a name, not a cue
                hop = self._noun_hop(norm, sentence, token, agents, article_id)
            elif any(c in self.cues.nouns for c in forms) and token.i > 1 and token.doc[token.i - 1].lower_ in ("'s", "'") \
                    and _named(token.doc[token.i - 2]):
                hop = self._possessed_hop(norm, sentence, token, agents, article_id)
            if hop is None and any(c in self.cues.relays for c in forms):
                relays.append(token)
            if hop is not None:
                hops[token.i] = hop
                if hop.cue is not None and hop.cue.kind == "verb":
                    for n, extra in enumerate(self._conjoined(norm, sentence, hop, agents, article_id)):
                        hops[-len(sentence.doc) - 1 - token.i * 4 - n] = extra
        for token in relays:
            outer = self._relaying_hop(norm, sentence, token, agents, article_id)
            if outer is not None:  # 'X cites Y's estimate that ...': X passes on what Y said
                hops[-1 - token.i] = outer
                if any(outer.content[0] <= h.agent.span.start < outer.content[1] for h in hops.values() if h is not outer):
                    continue  # the cited source has a hop of its own ('an estimate by Y that ...'), nested in X's
            relay = self._relay_hop(norm, sentence, token, agents, hops, article_id, parent=outer)
            if relay is not None:
                hops[token.i] = relay
        for hop in list(hops.values()):
            participle = hop.cited_by
            if participle is None or participle.i in hops or hop.content is None:
                continue
            relayer = self._source_agent(norm, sentence, _child(participle, "obl:agent") or _by_phrase(participle),
                                         agents, article_id)
            if relayer is not None:  # 'X, cited by RIA Novosti, claimed ...': RIA Novosti passes X's words on
                outer = _Hop(relayer, _Cue(Span(*sentence.extent([participle]), ""), "relay", self._relay_lemma(participle)),
                             hop.content)
                hop.relay_parent = outer
                hops[participle.i] = outer
        self._contrasted(norm, hops)
        self._data_behind(norm, hops)
        for hop in hops.values():
            if hop.content is None or hop.relay_parent is not None:
                continue
            anchor = hop.cue.span.start if hop.cue else hop.agent.span.start
            inside = quotes.containing(anchor)
            if inside is not None:  # speech reported inside a quotation stays inside it
                lo, hi = max(hop.content[0], inside.inner[0]), min(hop.content[1], inside.inner[1])
                hop.content = _trim(norm, lo, hi) if hi > lo else None
            else:
                hop.content = self._snap_to_quote(norm, quotes, hop.content, sentence.span)
        self._one_act_each(norm, sentence, hops)
        for hop in hops.values():
            if hop.relay_parent is not None:
                hop.content = hop.relay_parent.content  # a relay covers what its parent covers
        return sorted(hops.values(), key=lambda h: h.cue.span.start if h.cue else h.agent.span.start)

    @staticmethod
    def _one_act_each(norm, sentence, hops: dict) -> None:
        """Two cues of one source mention ('X called him a coward and urged him to quit', 'X praised the plan,
        saying ...') are two acts of the same speaker, one after the other: the first's content ends where the
        second's clause begins (its auxiliaries, adverbs and conjunction included), never holds it."""
        doc = sentence.doc
        for i, later in hops.items():
            if i < 0 or later.cue is None or later.cue.kind != "verb" or later.relay_parent is not None:
                continue  # (a negative key is a hop that no verb token of its own holds: a relay's, an extra one)
            token = doc[i]
            lead = [c.i for c in token.children if c.i < i and c.dep_ in ("aux", "aux:pass", "advmod", "cc", "mark", "punct")]
            first = min([i] + [k for k in lead if all(doc[m].dep_ in ("aux", "aux:pass", "advmod", "cc", "mark", "punct")
                                                    or doc[m].head.i in lead for m in range(k, i))])
            cut = sentence.start(doc[first])
            for j, earlier in hops.items():
                if j >= i or earlier.content is None or earlier.cue is None or earlier.agent.span != later.agent.span:
                    continue
                if earlier.content[0] < cut < earlier.content[1] and earlier.cue.span.end <= cut:
                    end = cut
                    while end > earlier.content[0] and (norm[end - 1].isspace() or norm[end - 1] in ",;:-\u2013\u2014"):
                        end -= 1
                    if end > earlier.content[0]:
                        earlier.content = _trim(norm, earlier.content[0], end)

    def _closing_comma(self, token) -> int | None:
        """Where the comma stands before a closing reporting clause the tagger read as a noun phrase: '...,
        figures from the ministry show.', "..., X's data show." (a nominal cue before the last word), or a last word
        with no determiner of its own after a noun ('..., the board says.')."""
        doc = token.doc
        if token.i <= 2 or not all(t.is_punct for t in doc[token.i + 1:]):
            return None
        comma = next((i for i in range(token.i - 1, 0, -1) if doc[i].text == ","), None)
        words = doc[comma + 1:token.i] if comma is not None else []
        if not words or len(words) > 10 or doc[token.i - 1].tag_ not in ("NN", "NNS", "NNP", "NNPS") or not all(
                _in_noun_phrase(t) or t.lower_ in ("of", "from", "by", "for") for t in words):
            return None
        nominal = any(self._noun_cue(t) is not None for t in words)
        if nominal or not any(c.dep_ in ("det", "nmod:poss", "amod", "nummod", "case") for c in token.children):
            return comma
        return None

    def _closing_hop(self, norm, sentence, verb, agents, article_id) -> _Hop | None:
        """The hop of a closing reporting clause read by its words (see _closing_comma): the owner of its nominal
        cue ('figures from X', "X's data") or its last noun is the source, the sentence before the comma the content."""
        comma = self._closing_comma(verb)
        doc = verb.doc
        words = doc[comma + 1:verb.i]
        cue_word = next((t for t in words if self._noun_cue(t) is not None), None)
        if cue_word is not None:
            named = [t for t in words if t.i > cue_word.i and _named(t)]
            head = named[-1] if named else (self._owner(cue_word) or cue_word)
        else:
            head = next((t for t in reversed(words) if t.tag_.startswith("NN") or _capital_word(t)), None)
        before = [t for t in doc[:comma] if not t.is_punct]
        if head is None or not any(t.is_alpha for t in before):
            return None
        agent = self._source_agent(norm, sentence, head, agents, article_id,
                                   known_only=self._lemma(verb) in self.cues.needs_agent and cue_word is None)
        if agent is None:
            return None
        cue = _Cue(Span(*sentence.extent([verb]), ""), "verb", self._lemma(verb))
        antecedent = [t for t in words if sentence.end(t) <= agent.span.start]
        while antecedent and antecedent[-1].tag_ in ("DT", "POS"):
            antecedent.pop()
        if antecedent and antecedent[-1].tag_.startswith("NN"):
            # '..., a claim the Greens dispute.': a relative clause whose object is the noun before it; that noun,
            # not the sentence, is what the source speaks of
            return _Hop(agent, cue, sentence.extent(antecedent))
        return _Hop(agent, cue, _trim(norm, sentence.start(before[0]), sentence.end(before[-1])))

    def _data_behind(self, norm, hops: dict) -> None:
        """'X noted that A, according to the Ukrainian figures': figures, data or estimates after 'according to'
        are what the reporter of the clause went by, so that hop is nested in the reporter's: its content is the
        reporter's, and the reporter's runs over the phrase."""
        for hop in hops.values():
            unnamed = hop.agent.kind == "descriptor" or (hop.agent.entity is not None and hop.agent.entity.type == "VagueSource")
            if hop.cue is None or hop.cue.kind != "according_to" or hop.content is None or not unnamed \
                    or hop.cue.span.start < hop.content[1]:
                continue
            head = hop.agent.span.text.split()[-1].lower() if hop.agent.span.text.split() else ""
            if head not in self.data_heads:
                continue
            reporter = next((h for h in hops.values() if h is not hop and h.cue is not None and h.cue.kind == "verb"
                             and h.content is not None and h.relay_parent is None
                             and hop.content[0] <= h.agent.span.start < h.cue.span.start < h.content[0]
                             and h.content[1] <= hop.cue.span.start), None)
            if reporter is None:
                continue
            inner = reporter.content
            reporter.content = (inner[0], hop.agent.span.end)
            hop.content = inner

    def _contrasted(self, norm, hops: dict) -> None:
        """'X says A, while Y estimates B', 'X put A at 5, and Y speaks of 8': a content that runs over another
        source with a cue of its own, introduced by ', while', ', whereas', ', but', ', and' or a semicolon,
        ends before it, however the parse hung the second statement (a reading by punctuation)."""
        for hop in hops.values():
            if hop.content is None or hop.relay_parent is not None:
                continue
            lo, hi = hop.content
            for other in hops.values():
                if other is hop or other.relay_parent is not None or other.cue is None or other.content is None:
                    continue
                at = other.agent.span.start
                if not (lo < at < hi and at < other.cue.span.start and other.content[1] > other.cue.span.start):
                    continue  # a later source before its own cue, saying what follows it
                joint = _CONTRAST.search(norm, lo, at)
                if joint is not None and joint.start() > lo:
                    hi = joint.start()
            if hi < hop.content[1]:
                hop.content = _trim(norm, lo, hi)

    def _verb_hop(self, norm, sentence, verb, agents, quotes, article_id) -> _Hop | None:
        kind = self._verb_class(verb)
        lemma = self._lemma(verb)
        if verb.tag_.startswith("NN") and self._closing_comma(verb) is not None:
            return self._closing_hop(norm, sentence, verb, agents, article_id)
        if verb.tag_ == "VBG" and any(c.dep_ == "mark" and c.lower_ == "as" for c in verb.children) \
                and self._relay_lemma(verb.head) in self.cues.relays and _child(verb.head, "obj") is not None:
            return None  # 'X quoted Y as saying that ...': the relay reads it, Y the speaker, X the one who relays
        if verb.tag_ == "VBN" and verb.i > 0 and (verb.doc[verb.i - 1].tag_.startswith("NN") or verb.doc[verb.i - 1].lower_.endswith("s")) and not any(
                c.dep_ in ("aux", "aux:pass", "nsubj", "nsubj:pass", "obl:agent", "ccomp") for c in verb.children) \
                and not _by_phrase(verb) and verb.dep_ not in ("ROOT", "conj") and not _object_after_subject(verb):
            return None  # 'losses documented in photographs': a participle after a plural noun modifies it, however hung
        if verb.dep_ in ("acl", "amod") and not (_child(verb, "obl:agent") or _by_phrase(verb)) \
                and not any(_finite_clause(c) or c.dep_ == "ccomp" for c in verb.children) \
                and not (_broken(verb) or _object_after_subject(verb)):
            if _main_verb_read_as_modifier(verb):
                return self._main_verb_hop(norm, sentence, verb, agents, article_id)
            return None  # 'voters supporting the bill', 'the figures released': a modifier, not a report
        if verb.tag_ == "VB" and _adjunct_participle(verb) and self._verb_class(verb.head):
            return None  # 'speaking on condition of anonymity to discuss X': the purpose of a report is no report
        inverted = _inverted_speaker(verb) if kind == "speech" and (lemma not in self.cues.listener_object
                                                                     or lemma == "say") else None
        if inverted is not None:  # '..., claims Ukraine.', '"...," said Colonel X.'
            agent = self._source_agent(norm, sentence, inverted, agents, article_id)
            content = self._adjacent_quote(norm, sentence, verb, quotes) or self._lead_content(norm, sentence, verb)
            if agent is None or content is None:
                return None
            return _Hop(agent, _Cue(Span(*sentence.extent(_cue_tokens(verb)), ""), "verb", lemma), content)
        source = self._source_token(sentence, verb, agents)
        if source is None or source.dep_ == "expl" or source.lower_ in ("there",):
            return None
        content = self._verb_content(norm, sentence, verb, kind, quotes, source)
        if content is None:
            return None
        if _negated(verb) and re.match(r"\s*(?:whether|if|how|when|why|what|who)\b", norm[content[0]:content[1]], re.I):
            return None  # 'did not say whether ...': nothing is credited
        if _negated(verb) and lemma in VERIFYING:
            return None  # 'could not be independently verified by Reuters': the reporter's caveat, no one's claim
        # 'court papers show (that) the club owes ...': what governs a finite clause credits it, whatever its subject is;
        # 'the war claimed lives', 'the map shows the front' are events and pictures, not claims
        clausal = any(c.dep_ == "ccomp" and c.i > verb.i and _finite_clause(c) for c in verb.children) \
            and source.tag_.startswith("NN")
        agent = self._source_agent(norm, sentence, source, agents, article_id,  # a passive's agent is a source by its role
                                   known_only=(lemma in self.cues.needs_agent and not _passive(verb) and not clausal)
                                   or kind == "open")
        if agent is None:
            return None
        cue = _Cue(Span(*sentence.extent(_cue_tokens(verb)), ""), "verb", lemma)
        hop = _Hop(agent, cue, content)
        hop.cited_by = self._cited_by(source)
        if lemma in self.cues.listener_object:
            listener = _child(verb, "iobj") or _child(verb, "obj")
            if listener is not None:
                hop.told = sentence.extent(_phrase(listener))
            else:  # 'told TASS, citing ...' with the listener hung elsewhere: the words up to the comma or 'that'
                doc = verb.doc
                stop = next((t.i for t in doc[verb.i + 1:] if t.is_punct or t.lower_ == "that"), len(doc))
                words = [t for t in doc[verb.i + 1:stop] if t.dep_ != "compound:prt"]
                if 0 < len(words) <= 5 and any(_named(t) or _capital_word(t) for t in words):
                    hop.told = sentence.extent(words)
        return hop

    def _main_verb_hop(self, norm, sentence, verb, agents, article_id) -> _Hop | None:
        """A sentence's main verb the parse made a modifier ('Okafor praised the mayor's plan' read as a noun
        phrase): the noun phrase before it is its source and what follows it, up to a comma, its content."""
        source = _noun_phrase_before(verb)
        doc = verb.doc
        if source is None or not _nominal(source):
            return None
        after = []
        for t in doc[verb.i + 1:]:
            if t.text in (",", ";", ":", "--") or (t.is_punct and t.i == len(doc) - 1):
                break
            after.append(t)
        if not any(t.is_alpha for t in after):
            return None
        agent = self._source_agent(norm, sentence, source, agents, article_id,
                                   known_only=self._lemma(verb) in self.cues.needs_agent)
        if agent is None:
            return None
        return _Hop(agent, _Cue(Span(*sentence.extent(_cue_tokens(verb)), ""), "verb", self._lemma(verb)),
                    _trim(norm, *sentence.extent(after)))

    def _source_token(self, sentence, verb, agents):
        """The head of the source role of a verb: a passive's agent; else a name set off by commas right before
        the verb, the noun phrase the parse left unattached before it, or its subject; a participle after a comma
        (', noting that ...') takes the source of the verb it hangs on."""
        if _passive(verb):
            return _child(verb, "obl:agent") or _by_phrase(verb)
        outer = verb.head.head
        if verb.dep_ == "conj" and verb.head.dep_ == "ccomp" and outer.i < verb.head.i \
                and not any(c.dep_ in ("nsubj", "nsubj:pass") for c in verb.children) \
                and self._lemma(outer) == self._lemma(verb) and outer.tag_.startswith("VB"):
            # 'X said A and said B' with the second 'said' hung on A: it is X's, as the first
            return self._source_token(sentence, outer, agents)
        if verb.tag_ == "VBG" and _after_comma(verb) and verb.dep_ in ("advcl", "conj", "parataxis", "xcomp") \
                and verb.head.dep_ == "ccomp" and outer.i < verb.head.i and self._verb_class(outer) in ("speech", "attitude") \
                and self._verb_class(verb) == "speech" and not any(c.dep_ in ("nsubj", "nsubj:pass") for c in verb.children):
            # 'X argued that A, saying B' with 'saying' hung on A: the speaker goes on speaking
            return self._source_token(sentence, outer, agents)
        if (verb.tag_ == "VBG" and _after_comma(verb)) or _adjunct_participle(verb):
            governor = verb.head
            while governor.head.i != governor.i and not governor.tag_.startswith("VB"):
                governor = governor.head
            if governor.i != verb.i and governor.tag_.startswith("VB") and not any(
                    c.dep_ in ("nsubj", "nsubj:pass") for c in verb.children):
                return self._source_token(sentence, governor, agents)
        own = any(c.dep_ in ("nsubj", "nsubj:outer", "csubj") and _nominal(c) and not _opening_participle(c, verb)
                  for c in verb.children)
        before = None if own or verb.tag_ == "VBG" else _noun_phrase_before(verb)
        named = _appositive_name_before(verb) if verb.tag_ != "VBG" else None
        if named is not None and self._person_at(sentence, named, agents) and self._in_relay_aside(named) is None:
            before = named  # 'Presidential Advisor on Children's Issues, Daria Herasymchuk, disclosed'
        source = before or _subject(verb)  # '..., Pentagon spokesman X told reporters', the verb hung on the clause
        relay = self._in_relay_aside(source) if source is not None and source.i < verb.i \
            and _appositive_name_before(verb) is not None else None
        if relay is not None and relay.i >= 2 and relay.doc[relay.i - 1].text == ",":
            source = relay.doc[relay.i - 2]  # 'X, quoting Y, Jane Doe, reported': X, before the relay, reports
        if source is not None and source.tag_ in ("NN", "NNS") and not _named(source):
            name = next((c for c in source.children if c.i < source.i and _named(c) and c.dep_ in ("nsubj", "appos")
                         and c.right_edge.i + 1 < source.i and verb.doc[c.right_edge.i + 1].text == ","
                         and c.left_edge.i == source.left_edge.i), None)
            if name is not None:
                source = name  # 'X, a senior fellow at Y, cautioned' with X hung on the description
        if source is not None and source.i < verb.i and any(t.text == ";" for t in verb.doc[source.i:verb.i]):
            source = _noun_phrase_before(verb)  # a semicolon ends a clause: 'X estimates A; Y, a project, lists B'
        return source if source is not None and _nominal(source) else None

    def _in_relay_aside(self, name):
        """'X, quoting the head of the council, Jane Doe, reported': the relay participle whose object a name set off
        before the verb is (it names whom the relay cites, not who reports), or None."""
        doc = name.doc
        opening = next((j for j in range(name.i - 1, -1, -1) if doc[j].text == ","), None)
        if opening is None:
            return None
        start = next((j for j in range(opening - 1, -1, -1) if doc[j].text == ","), None)
        first = doc[start + 1] if start is not None and start + 1 < opening else None
        if first is not None and first.lower_.endswith("ing") and self._relay_lemma(first) in self.cues.relays:
            return first
        return None

    def _lemma(self, token) -> str:
        """The lemma under which the lexicon knows a cue verb, else the model's."""
        forms = self.lemmas(token)
        return next((lemma for lemma in forms if lemma in self.cues.verbs), forms[0])

    def _relay_lemma(self, token) -> str:
        forms = self.lemmas(token)
        return next((lemma for lemma in forms if lemma in self.cues.relays), forms[0])

    def _noun_cue(self, token) -> str | None:
        """The lemma under which a word is a nominal cue ('figures' -> figure), or None."""
        return next((lemma for lemma in self.lemmas(token) if lemma in self.cues.nouns), None)

    def _verb_content(self, norm, sentence, verb, kind, quotes, source=None) -> tuple[int, int] | None:
        """The content role, tried in order: a clause the verb governs (however the parse labelled or
        misplaced it), the clause it interrupts or follows ('..., X said', 'As X reported, ...'), what a
        passive reports, a value put at ('put losses at 884,470'), a quotation beside it, the clause
        before its subject, its object or topic when that is what is said, what follows its colon."""
        lemma = self._lemma(verb)
        doc = verb.doc
        if _mistagged_before_to(verb):  # 'plans to visit Ohio': the 'to' clause the parse hung the cue on
            return _trim(norm, *sentence.extent([t for t in verb.head.subtree if t.i > verb.i]))
        answer = doc[verb.i + 1] if verb.i + 1 < len(doc) else None
        if kind == "speech" and answer is not None and answer.lower_ in ANSWERS and answer.tag_ in ("UH", "RB", "DT") and (
                answer.i + 1 == len(doc) or doc[answer.i + 1].is_punct or doc[answer.i + 1].tag_ == "IN"):
            return sentence.extent([answer])  # '75 percent said yes', 'half said so in December': the answer is what is said
        complements = [c for c in verb.children if c.dep_ in ("ccomp", "csubj") and not (
            c.tag_ == "VBG" and doc[c.i - 1].text == "," and self._relay_lemma(c) in self.cues.relays) and not (
            c.i < verb.i and c.tag_ == "VBG" and c.left_edge.i == 0 and any(t.text == "," for t in doc[c.i:verb.i])
            and not any(g.dep_ in ("nsubj", "nsubj:pass", "aux", "expl") for g in c.children))]
        # ('Using court records, X estimated that': a participle set off by a comma says how, not what)
        # a second complement that is a reporting clause with its own subject after a comma is no half of the
        # content: 'X said A, the office said on Friday' with the second 'said' hung on the first
        complements = [c for c in complements if not (
            c.i > verb.i and any(o.i > verb.i and o.i < c.i for o in complements) and self._verb_class(c)
            and any(g.dep_ in ("nsubj", "nsubj:pass") and g.i < c.i and doc[g.left_edge.i - 1].text == ","
                    for g in c.children))]
        for child in verb.children:
            clause = child.tag_.startswith(("VB", "MD")) or any(c.dep_ in ("cop", "nsubj", "nsubj:pass", "mark", "aux")
                                                               for c in child.children)
            if (child in complements and (clause or child.i < verb.i)) or \
                    (child.dep_ == "xcomp" and lemma in self.cues.infinitive):
                side = [c for c in complements if (c.i < verb.i) == (child.i < verb.i)]
                later = [c for c in complements if c.i > verb.i]
                if child.i < verb.i and later and doc[later[0].left_edge.i].lower_ in ("with", "including", "while", "as") \
                        and doc[later[0].left_edge.i - 1].text == ",":
                    # '<A>, the agency said, with 186 killed': the clause goes on after its reporter
                    return _trim(norm, sentence.start(child.left_edge), sentence.end(later[-1].right_edge))
                if len(side) > 1 and child.i > verb.i:  # a semicolon ends what was said: 'told X that A; Y put B'
                    stop = next((t.i for t in doc[verb.i + 1:] if t.text == ";"), len(doc))
                    side = [c for c in side if c.i < stop] or side
                if len(side) > 1:  # one clause the parse cut in two complements
                    first, last = min(side, key=lambda c: c.i), max(side, key=lambda c: c.i)
                    lo, hi = sentence.start(first.left_edge), sentence.end(last.right_edge)
                    if child.i > verb.i:
                        return self._open_ended(norm, sentence, verb, last, lo)
                    return _trim(norm, lo, hi)
                return self._open_ended(norm, sentence, verb, child)
        for child in verb.rights:  # a clause of its own, whatever label the parse gave it; a clause joined
            # by 'and' is a second statement of the reporter's unless it opens with 'that'
            if _second_statement(child):
                continue  # ', and Y speaks of 8', ', while Y says ...' hung on the verb
            if (child.dep_ in ("xcomp", "acl", "acl:relcl", "advcl", "dep", "parataxis", "obj") and _finite_clause(child)) or (
                    child.dep_ == "conj" and any(m.dep_ == "mark" and m.lower_ == "that" for m in child.children)):
                return self._open_ended(norm, sentence, verb, child)
        if lemma in ("put", "peg", "place", "estimate", "set"):
            ats = [t for t in verb.subtree if t.lower_ == "at" and t.i > verb.i]
            valued = ats and any(t.tag_ == "CD" or t.like_num for t in doc[ats[0].i:verb.right_edge.i + 1])
            level = [c for c in verb.children if c.dep_ in ("xcomp", "advmod") and c.tag_ in ("JJR", "RBR")]
            if valued or (level and _child(verb, "obj")):  # 'put total losses at 884,470', 'put the toll lower'
                return _trim(norm, sentence.start(doc[verb.i + 1]), sentence.end(verb.right_edge))
            said_it = lemma == "put" and any(c.dep_ == "obj" and c.lower_ == "it" for c in verb.children)
            if lemma != "estimate" and not said_it:  # 'as the coach put it, ...' says what follows
                return None
        that = _that_after(verb)
        if that is not None:  # 'warned, however, that ...', 'told the daily Vedomosti that ...' in a broken parse
            return self._open_ended(norm, sentence, verb, that)
        clause = _complement_below(verb)
        if clause is not None:  # 'said in its latest update that ...', the clause hung on 'update'
            return self._open_ended(norm, sentence, verb, clause)
        opening = next((m for m in verb.children if m.dep_ == "mark" and m.lower_ in ("as", "like")), None)
        if opening is None and doc[0].lower_ in ("as", "like") and verb.dep_ == "advcl" and verb.i < verb.head.i:
            opening = doc[0]  # 'As the coach put it, ...' with 'as' hung on the subject
        if opening is not None and opening.i > 1 and doc[opening.i - 1].text == "," \
                and all(t.is_punct for t in doc[verb.right_edge.i + 1:]):
            # '<clause>, as reported by X.', '<clause>, as X said.': what stands before the comma, however hung
            begin = next((t.i + 1 for t in reversed(doc[:opening.i - 1]) if t.text == ";"), 0)
            before = [t for t in doc[begin:opening.i - 1]]
            if any(t.is_alpha for t in before):
                return _trim(norm, sentence.start(before[0]), sentence.end(before[-1]))
        if opening is not None and opening.i <= 1:
            # 'As the Kyiv Independent reported last week, citing the General Staff, <content>': read by its commas
            i = verb.i + 1
            while i < len(doc) and doc[i].text not in (",", ":"):
                i += 1
            name = next((j for j in range(i + 1, min(i + 6, len(doc))) if doc[j].text == ","), None)
            if name is not None and name > i + 1 and all(t.tag_.startswith("NNP") or _capital_word(t) for t in doc[i + 1:name]):
                i = name  # 'As stated by the spokesperson for the group, Nazar Voloshyn, <content>': a name in apposition
            if i + 1 < len(doc) and (self._relay_lemma(doc[i + 1]) in self.cues.relays or doc[i + 1].lower_ in self.cues.according):
                i += 1
                while i < len(doc) and doc[i].text != ",":
                    i += 1
            rest = [t for t in doc[i + 1:]]
            if any(t.is_alpha for t in rest):
                return _trim(norm, sentence.start(rest[0]), sentence.span.end)
        if (verb.dep_ == "parataxis" and not any(t.text == ":" for t in doc[min(verb.i, verb.head.i):max(verb.i, verb.head.i)])) \
                or (verb.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in ("as", "like") for m in verb.children)):
            # (a clause after a label and its colon is not what the label interrupts)
            clause = verb.head  # 'X's target, he adds, is 4.5 million' hung on 'target': the clause it interrupts
            while verb.dep_ == "parataxis" and clause.head.i != clause.i and clause.tag_.startswith(("NN", "PRP")) \
                    and clause.dep_ in ("nsubj", "nsubj:pass"):
                clause = clause.head
            host = [t for t in clause.subtree if not _within(t, verb)] if verb.head.i != verb.i else []
            # a second 'subject' the parse gave the reporting verb belongs to what is reported
            stray = [t for c in verb.children if c.dep_ in ("nsubj", "nsubj:pass") and source is not None
                     and c.i != source.i and c.i < verb.i for t in c.subtree]
            host = sorted(host + stray, key=lambda t: t.i)
            before = [t for t in host if t.i < verb.i]
            after = [t for t in host if t.i > verb.i]
            if verb.dep_ == "advcl" and verb.i < verb.head.i and after:  # 'As the Kyiv Independent reported, ... fell to 1,150'
                return _trim(norm, *sentence.extent(after))
            if before and after and any(t.is_alpha for t in after) and any(t.is_alpha for t in before):
                return _trim(norm, *sentence.extent(host))  # 'The council, Vallejo said, will cut 120 jobs'
            if before and not all(t.is_punct for t in before):
                return _trim(norm, *sentence.extent(before))
            if host:
                return _trim(norm, *sentence.extent(host))
        for child in verb.children:  # '"...," he said' read as said -> parataxis -> the quotation
            if child.dep_ == "parataxis" and child.i < verb.i:
                return _trim(norm, *sentence.extent(child.subtree))
        if _passive(verb) and kind != "attitude" and lemma not in self.cues.listener_object:  # 'who were briefed': a listener
            agent = _child(verb, "obl:agent") or _by_phrase(verb)
            clause = [t for t in verb.subtree if agent is None or not _within(t, agent)]
            if agent is not None:
                side = [t for t in clause if t.i < agent.left_edge.i]
                clause = side if any(not t.is_punct for t in side) else clause
            said = [t for t in clause if t.i < verb.i and not t.is_punct and t.dep_ not in ("aux", "aux:pass", "advmod")]
            if said and self._previous is not None and all(t.lower_ in ANAPHORS or t.dep_ == "det" for t in said):
                return _trim(norm, self._previous.start, sentence.span.end)  # '... 931,500 personnel. This was reported by X.'
            if agent is not None and (verb.dep_ == "ROOT" or verb.head.dep_ == "ROOT") and verb.dep_ in ("ROOT", "conj"):
                before = [t for t in doc[:agent.left_edge.i] if not t.is_punct]  # the sentence up to 'by X'
                if before:
                    return _trim(norm, sentence.start(before[0]), sentence.end(before[-1]))
            if said:
                return _trim(norm, *sentence.extent(clause))
        obj = _child(verb, "obj")
        if obj is not None and obj.i > verb.i and lemma in self.cues.naming and not _negated(verb):
            # 'called the contract "a shambles"': the quotation right after the object names it
            own = [t for t in obj.subtree if t.i >= obj.i and not t.is_punct and t.tag_ not in ("``", "''")]
            at = quotes.index_starting_from(sentence.end(obj))
            if at < len(quotes):
                quote = quotes[at]
                before = [t for t in own if sentence.end(t) <= quote.span.start]
                if before and quote.span.end <= sentence.span.end + 1 and \
                        _INTRODUCING_CHARS.fullmatch(norm, sentence.end(max(before, key=lambda t: t.i)), quote.span.start):
                    return quote.span.start, quote.span.end
        second = next((c for c in verb.children if c.dep_ in ("obj", "xcomp") and obj is not None and c.i > obj.right_edge.i
                       and c.tag_.startswith(("NN", "JJ"))), None)
        if second is not None and not _negated(verb):
            # 'called the referee a disgrace', 'calling him "a loser"': what the first object is called is said of it
            return _trim(norm, sentence.start(second.left_edge), sentence.end(second.right_edge))
        if lemma == "call":
            target = next((c for c in verb.children if c.dep_ == "obl"
                           and any(g.lower_ in ("for", "on") for g in c.children if g.dep_ == "case")), None)
            return _trim(norm, *sentence.extent(target.subtree)) if target is not None else None
        quote = self._adjacent_quote(norm, sentence, verb, quotes)
        if quote is not None:
            return quote
        subject = source if source is not None else _subject(verb)
        if subject is not None and subject.i < verb.i and not _passive(verb):
            first = subject.i  # the subject's noun phrase, read from the words before it: the parse may hang more on it
            while first > 0 and (_in_noun_phrase(doc[first - 1]) or doc[first - 1].tag_ == "POS" or (
                    doc[first - 1].lower_ in ("of", "for") and first > 1 and _in_noun_phrase(doc[first - 2])
                    and doc[first - 2].text[:1].isupper())):  # 'Head of the Regional Administration X wrote'

                first -= 1
            lead = sentence.start(doc[first])
            tail = norm[sentence.end(verb.right_edge):sentence.span.end]
            before = [t for t in doc if sentence.start(t) < lead and t.is_alpha]
            relayed = next((t.i for t in doc[verb.i + 2:] if doc[t.i - 1].text == "," and (
                t.tag_ in ("VBG", "VBN") and self._relay_lemma(t) in self.cues.relays
                or t.lower_ in ("while", "whereas", "whilst", "but"))), len(doc))
            # ', citing Y, which ...' relays, says nothing new; ', while Y said ...' is another statement
            after = [t for t in doc[verb.i + 1:relayed] if t.is_alpha]
            closing = len(after) <= 6 and not any(t.tag_.startswith("VB") for t in after)
            if lemma not in self.cues.listener_object and _child(verb, "obj") is not None:
                closing = False  # 'Speaking in Lyon, the striker praised his teammates': the object is what is said
            relative = verb.dep_ == "acl:relcl" and _child(verb, "obj") is None  # 'a figure Kiev has disputed'
            if lead > sentence.span.start and norm[sentence.span.start:lead].rstrip().endswith(",") and not relative \
                    and re.match(r"\s*(?:[.!?]|,|$)", tail) and len(before) >= 3 and closing:
                return _trim(norm, sentence.span.start, lead)  # '..., the ministry said on Tuesday.'
        obj = _child(verb, "obj")
        if obj is not None and obj.tag_ == "PRP":  # 'declaring it "another super Tuesday"': what it is called
            said = next((c for c in verb.children if c.dep_ in ("xcomp", "obl") and c.i > obj.i), None)
            quote = _next_quote(norm, quotes, sentence.end(obj), _COMMAS, _COMMAS, fits=lambda quote: True)
            if quote is not None:
                return quote.span.start, quote.span.end
            if said is not None:
                return _trim(norm, *sentence.extent(said.subtree))
            obj = None
        if obj is not None and lemma == "say" and len([t for t in obj.subtree if t.is_alpha]) >= 2 \
                and all(t.is_punct for t in doc[obj.right_edge.i + 1:]) and obj.tag_ in ("NNS", "NN"):
            return _trim(norm, *sentence.extent(obj.subtree))  # 'Experts say this matters', a clause read as a noun
        if _negated(verb):
            return None  # 'did not comment on the figure': a thing not said is no content, only a clause not said is
        if obj is not None and lemma not in self.cues.listener_object and kind != "attitude":
            documented = subject is not None and self._noun_cue(subject) is not None
            counted = any(t.tag_ == "CD" for t in obj.subtree)
            if lemma not in self.cues.clause_only or documented or counted:  # 'the study found 40%', 'identified 13 sites'
                own = [t for t in obj.subtree if not any(_within(t, c) for c in obj.subtree
                                                         if c.dep_ in ("acl:relcl", "advcl", "parataxis") and c.i != obj.i)]
                block = [t for t in own if t.i >= obj.left_edge.i]
                last = obj.i  # contiguous from the object on: 'its losses in 2022', not ', when X put the figure at ...'
                while last + 1 < len(doc) and doc[last + 1] in block:
                    last += 1
                return _trim(norm, sentence.start(obj.left_edge), sentence.end(doc[last]))
        topic = next((c for c in verb.rights if c.dep_ in ("obl", "nmod") and (
            _content_case(c) in self.cues.topic or (_content_case(c) == "to" and lemma in self.cues.to_topic))
            and (_content_case(c) != "on" or not c.tag_.startswith("NNP"))), None)
        if topic is not None and kind != "evidential":  # 'spoke about the plan', 'warned of cuts'
            counted = next((c for c in verb.rights if c.i > topic.i and c.dep_ in ("obl", "nmod")
                            and any(t.like_num for t in c.subtree)), None)
            if counted is not None and not any(t.like_num for t in topic.subtree):
                return _trim(norm, sentence.start(topic.left_edge), sentence.end(counted.right_edge))  # 'of close to 850,000'
            return _trim(norm, *sentence.extent(topic.subtree))
        colon = next((t for t in verb.rights if t.text == ":"), None)
        if colon is not None:
            end = sentence.span.end
            return _trim(norm, sentence.end(colon), end) if end > sentence.end(colon) else None
        if kind != "attitude":  # a complement the parse attached loosely: 'shows 45% support the plan'
            loose = [c for c in verb.rights if c.dep_ in ("acl", "dep", "ccomp", "parataxis")
                     or (c.dep_ == "xcomp" and lemma in self.cues.infinitive)]
            if loose and lemma not in self.cues.listener_object:
                return _trim(norm, sentence.start(loose[0].left_edge), sentence.end(verb.right_edge))
        rest = [t for t in doc[verb.i + 1:] if not t.is_punct]
        if kind in ("speech", "evidential") and subject is not None and subject.i < verb.i and rest and rest[0].dep_ != "compound:prt" \
                and verb.dep_ not in ("acl:relcl", "acl") \
                and any(t.tag_ in ("VBD", "VBZ", "VBP") or (t.tag_ == "VBN" and any(a.dep_.startswith("aux") for a in t.children))
                        for t in rest):
            return _trim(norm, sentence.start(rest[0]), sentence.span.end)  # 'Ukraine claims <a clause the parse broke>'
        if lemma == "say" and subject is not None and subject.i < verb.i and len(rest) >= 3 and rest[0].i == verb.i + 1 \
                and any(t.like_num for t in rest) and not any(t.is_punct for t in doc[verb.i + 1:rest[-1].i]):
            return _trim(norm, sentence.start(rest[0]), sentence.end(rest[-1]))  # 'Officials say the plant makes 4,000 a month'
        if not verb.tag_.startswith("VB") and rest and rest[0].i == verb.i + 1 and rest[0].like_num:
            stop = next((t.i for t in doc[verb.i + 1:] if t.text in (";", ",")), len(doc))
            return _trim(norm, sentence.start(rest[0]), sentence.end(doc[stop - 1]))  # 'X, a project ..., lists 900.'
        return None

    def _open_ended(self, norm, sentence, verb, clause, start: int | None = None) -> tuple[int, int]:
        """A complement clause after its cue runs to the end of the sentence, whatever the parse cut off
        ('claimed that A, and that B'), up to the clause of a later cue the complement does not hold
        ('..., while Y argued that ...'); a complement before its cue keeps its own extent."""
        if clause.lower_ == "that" and clause.dep_ == "mark" and clause.i < clause.head.i and clause.i > verb.i \
                and not _within(verb, clause.head):
            clause = clause.head  # a 'that' found by its place: the clause it opens, a cue of its own included
        first, end = sentence.extent(clause.subtree)
        start = first if start is None else start
        doc = verb.doc
        if clause.i > verb.i and not _broken(verb) and not any(c.dep_ in ("nsubj", "nsubj:pass", "expl", "mark") for c in clause.children):
            gap = [t for t in doc[verb.i + 1:clause.left_edge.i] if not t.is_punct]
            heard = {t.i for c in verb.children if c.dep_ in ("iobj", "obj") and self._lemma(verb) in self.cues.listener_object
                     for t in c.subtree}
            placed = {t.i for c in verb.children if (c.dep_ == "obl" and _content_case(c) in PLACES)
                      or c.dep_ in ("obl:unmarked", "obl:tmod") for t in c.subtree}  # 'on Telegram', 'last month'
            placed |= {t.i for c in verb.children if c.tag_ == "VBG" and self._relay_lemma(c) in self.cues.relays
                       for t in c.subtree}  # ', citing X,' is who is relayed, not what is said
            lost = [t for t in gap if t.i not in heard and t.i not in placed]
            if lost and any(t.tag_.startswith("NN") or t.tag_ in ("CD", "PRP") for t in lost):
                start = min(start, sentence.start(lost[0]))  # 'says up to 200 sailors may have died', 'up to 200' hung on 'says'
        if clause.i < verb.i:
            return _trim(norm, start, end)
        if verb.dep_ == "advcl" and verb.i < verb.head.i:
            # 'After saying he was tired, the coach left': an adverbial clause before the clause it modifies ends there
            return _trim(norm, start, min(sentence.end(verb.right_edge), sentence.start(verb.head.left_edge)
                                          if verb.head.left_edge.i > verb.right_edge.i else sentence.end(verb.right_edge)))
        for token in doc[clause.left_edge.i + 1:]:
            if token.lower_ in self.cues.according and self._crediting(token) and token.i > 0 and doc[token.i - 1].text == "," \
                    and sentence.start(token) < end:
                return _trim(norm, start, sentence.start(doc[token.i - 1]))  # '..., according to X' credits its own scope
        for token in doc[clause.left_edge.i + 1:]:
            # ', with figures from X citing ...': a clause that brings its own source ends what was reported
            if self._noun_cue(token) is not None and self._owner(token) is not None:
                joint = next((j for j in range(token.i - 1, max(clause.left_edge.i, token.i - 5), -1)
                              if doc[j].lower_ in ("with", "while", "whereas", "but") and doc[j - 1].text == ","), None)
                if joint is not None:
                    return _trim(norm, start, sentence.start(doc[joint - 1]))
        for token in doc[clause.i + 1:clause.right_edge.i + 1]:
            # '..., the agency reported.' hung inside the complement: a reporting clause with a subject of its
            # own after a comma is another statement or the one that frames this, never part of it
            if token.i != verb.i and token.dep_ in ("conj", "parataxis", "ccomp", "advcl") and self._verb_class(token) \
                    and _within(token, clause):
                own = next((c for c in token.children if c.dep_ in ("nsubj", "nsubj:pass") and c.i < token.i), None)
                if own is None or own.left_edge.i <= clause.i + 1:
                    continue
                comma = own.left_edge.i - 1
                if doc[comma].lower_ in ("while", "whereas", "but", "and") and doc[comma - 1].text == ",":
                    comma -= 1  # ', while Y said that ...'
                if doc[comma].text == ",":
                    return _trim(norm, start, sentence.start(doc[comma]))
        stop = len(doc)
        relay = next((t.i for t in doc[clause.i + 1:] if t.tag_ == "VBG" and doc[t.i - 1].text == ","
                      and self._relay_lemma(t) in self.cues.relays), None)
        if relay is not None:  # ', citing X' ends what was said: X is who said it first
            stop = relay - 1
            end = min(end, sentence.start(doc[relay - 1]))
        semicolon = next((t.i for t in doc[clause.i + 1:stop] if t.text == ";"), None)
        if semicolon is not None:  # a semicolon ends a statement: 'X said that A; Y put B at C'
            stop = semicolon
            end = min(end, sentence.start(doc[semicolon]))
        for token in doc[clause.right_edge.i + 1:stop]:
            if (self._verb_class(token) or (token.lower_ in self.cues.according and self._crediting(token))) and not _within(token, clause):
                subject = _subject(token) if self._verb_class(token) else None
                if subject is not None and subject.tag_ in ("WP", "WDT"):
                    continue  # 'X, who advises Y, said': a relative clause describes a source, the cue comes later
                cut = min([token.i] + ([subject.left_edge.i] if subject is not None and subject.i > clause.right_edge.i else []))
                commas = [t.i for t in doc[clause.right_edge.i + 1:cut] if t.text in (",", ";", "--", "-")]
                stop = commas[-1] if commas else cut
                break
        if stop > clause.right_edge.i + 1:
            end = max(end, sentence.end(doc[stop - 1]))
        return _trim(norm, start, end)

    def _lead_content(self, norm, sentence, verb) -> tuple[int, int] | None:
        """What stands before an inverted reporting clause, up to its comma: '<content>, claims Ukraine.'"""
        cut = verb.i
        while cut > 0 and sentence.doc[cut - 1].is_punct:
            cut -= 1
        before = [t for t in sentence.doc[:cut]]
        if not any(t.tag_.startswith("VB") for t in before):
            return None
        return _trim(norm, *sentence.extent(before))

    def _adjacent_quote(self, norm, sentence, verb, quotes) -> tuple[int, int] | None:
        """A quotation just before the reporting clause ('"...," she said') or just after it ('said: "..."',
        'told the Sun: "..."')."""
        stop = next((t.i for t in verb.doc[verb.i + 1:] if t.is_punct or t.tag_ in ("``", "''")), len(verb.doc))
        heard = [verb] + [t for c in verb.children if c.dep_ in ("iobj", "obj", "obl", "obl:unmarked", "obl:tmod",
                                                                 "compound:prt") and c.i > verb.i
                          for t in c.subtree if t.i < stop]
        said_end = sentence.end(max(heard, key=lambda t: t.i))
        quote = _next_quote(norm, quotes, said_end, _INTRODUCING, _INTRODUCING_CHARS)
        if quote is not None:
            return quote.span.start, quote.span.end
        clause = [t for t in verb.subtree]
        first, last = sentence.extent(clause)
        # the nearest quotation that ends before the clause with only stops and spaces between; a
        # quotation further back has this one between it and the clause
        before = None
        for index in range(quotes.index_ending_after(first) - 1, -1, -1):
            quote = quotes[index]
            if not _TRAILING.fullmatch(norm, quote.span.end, first):
                break
            if quote.words >= 2:
                before = quote
        if before is not None:
            return before.span.start, before.span.end
        quote = _next_quote(norm, quotes, last, _INTRODUCING, _INTRODUCING_CHARS,
                            lambda quote: quote.words >= 2 and norm[last - 1:quote.span.start].strip() != ".")
        if quote is not None:
            return quote.span.start, quote.span.end  # 'X said:' then the quotation; not the next sentence's
        # the verb inside the quotation's sentence, after it: '"...," said Okafor, ...'
        verb_at = sentence.start(verb)
        for index in range(quotes.index_ending_after(sentence.span.start), quotes.index_ending_after(verb_at)):
            quote = quotes[index]
            if quote.words >= 2 and _SAID_AFTER.fullmatch(norm, quote.span.end, verb_at):
                return quote.span.start, quote.span.end
        return None

    def _crediting(self, token) -> bool:
        """'according to X', 'per X': a preposition whose object is a source ('per day' is not)."""
        if token.lower_ == "per":
            obj = token.head if token.dep_ == "case" else None
            return obj is not None and (obj.tag_.startswith("NNP") or obj.ent_type_ in ("PER", "ORG"))
        return token.lower_ == "according"

    def _cited_by(self, source):
        """'X, cited by RIA Novosti', 'officials quoted by the Times': the participle that names who relays X."""
        return next((c for c in source.children if c.dep_ in ("acl", "appos", "amod") and c.tag_ == "VBN"
                     and self._relay_lemma(c) in self.cues.relays and (_child(c, "obl:agent") or _by_phrase(c))), None)

    def _conjoined(self, norm, sentence, hop, agents, article_id) -> list[_Hop]:
        """'The BBC and Mediazona have identified ...': each source joined by 'and' to the subject reports too."""
        inside = [t for t in sentence.doc if hop.agent.span.start <= sentence.start(t) < hop.agent.span.end]
        heads = [t for t in inside if t.head not in inside or t.head.i == t.i]
        if len(heads) != 1 or not heads[0].dep_.startswith("nsubj"):
            return []
        extra = []
        for conj in heads[0].children:
            if conj.dep_ == "conj" and conj.i > heads[0].i and (_named(conj) or conj.tag_.startswith("NN")):
                agent = self._source_agent(norm, sentence, conj, agents, article_id, known_only=True)
                if agent is not None and agent.span != hop.agent.span:
                    extra.append(_Hop(agent, hop.cue, hop.content))
        return extra

    def _according_hop(self, norm, sentence, token, agents, article_id) -> _Hop | None:
        source = token.head if token.dep_ in ("case", "mark", "fixed") and token.head.i != token.i else \
            next((c for c in token.subtree if c.dep_ in ("obl", "pobj", "nmod") and c.i > token.i), None)
        doc = token.doc
        if source is None and token.i + 1 < len(doc) and doc[token.i + 1].lower_ == "to":
            # 'According to city rules, ...' with the phrase torn apart by the parse: its noun phrase runs to the comma
            phrase = []
            for t in doc[token.i + 2:]:
                if t.is_punct:
                    break
                phrase.append(t)
            nouns = [t for t in phrase if t.tag_.startswith("NN") or t.tag_ == "PRP" or _capital_word(t)]
            if nouns and len(phrase) <= 8:
                source = nouns[-1]
        if source is None or source.i == token.i:
            return None
        owner = self._owner(source)
        agent = self._source_agent(norm, sentence, owner or source, agents, article_id)
        if agent is None:
            return None
        doc = token.doc
        colon = next((t.i for t in doc[token.i:] if t.text == ":"), len(doc))  # 'according to X: A against B'
        phrase = [t for t in source.subtree if not t.is_punct and t.i < colon] + [token]
        lo, hi = min(t.i for t in phrase), max(t.i for t in phrase)
        if lo > 0 and doc[lo - 1].text == "," and (hi + 1 >= len(doc) or doc[hi + 1].is_punct):
            begin = lo - 1  # '<clause>, according to X.': the phrase set off by commas credits what stands before it
            while begin > 0 and doc[begin - 1].text != ";":
                begin -= 1
            before = [t for t in doc[begin:lo - 1]]
            if any(t.is_alpha for t in before):
                cue = _Cue(Span(*sentence.extent([token] + [t for t in doc[token.i + 1:token.i + 2] if t.lower_ == "to"]), ""),
                           "according_to", token.lower_)
                end = sentence.end(before[-1])
                if hi + 1 < len(doc) and doc[hi + 1].text == ":" and hi + 2 < len(doc):
                    end = sentence.span.end  # '..., according to the Kiel Institute: €132bn against €114bn'
                return _Hop(agent, cue, _trim(norm, sentence.start(before[0]), end))
        if token.i == 0 or (token.i <= 2 and all(t.is_punct for t in doc[:token.i])):
            # 'According to X, <content>' (X's own aside, ', which tracks ...,', stepped over), read by its commas
            i = token.i + 1
            while i < len(doc) and doc[i].text != ",":
                i += 1
            if i + 1 < len(doc) and doc[i + 1].lower_ in ("which", "who", "whose", "a", "an", "the", "itself"):
                i += 1
                while i < len(doc) and doc[i].text != ",":
                    i += 1
            after = [t for t in doc[i + 1:]]
            if any(t.is_alpha for t in after):
                cue = _Cue(Span(*sentence.extent([token] + [t for t in doc[token.i + 1:token.i + 2] if t.lower_ == "to"]), ""),
                           "according_to", token.lower_)
                return _Hop(agent, cue, _trim(norm, sentence.start(after[0]), sentence.span.end))
        if lo == 0 or (lo <= 2 and doc[0].is_punct):
            after = [t for t in doc[hi + 1:] if not (t.i == hi + 1 and t.is_punct)]
            if any(t.is_alpha for t in after):  # 'According to X, ...'
                cue = _Cue(Span(*sentence.extent([token] + [t for t in doc[token.i + 1:token.i + 2] if t.lower_ == "to"]), ""),
                           "according_to", token.lower_)
                return _Hop(agent, cue, _trim(norm, *sentence.extent(after)))
        host = source.head if source.head.i != source.i else None
        said = [t for t in doc[:token.i] if not t.is_punct and t.dep_ not in ("cop", "aux", "advmod", "cc")]
        if host is None and said and any(c.dep_ == "cop" for c in source.children):
            # 'That is according to X': the phrase is the sentence's predicate; what stands before it is credited,
            # and a 'that' or 'this' there stands for what the sentence before said
            if self._previous is not None and all(t.lower_ in ANAPHORS for t in said):
                return _Hop(agent, self._according_cue(sentence, token), _trim(norm, self._previous.start, sentence.start(token)))
            return _Hop(agent, self._according_cue(sentence, token), _trim(norm, *sentence.extent(said)))
        if host is not None:
            clause = [t for t in host.subtree if not _within(t, source) and t.i != token.i]
            if not any(not t.is_punct for t in clause):
                clause = []
        else:  # 'According to X, ...': X heads the tree by mistake; the rest of the sentence is said
            clause = [t for t in sentence.doc if not _within(t, source) and t.i != token.i]
        lo, hi = min(t.i for t in phrase), max(t.i for t in phrase)
        if not clause:
            return None
        before = [t for t in clause if t.i < lo]
        after = [t for t in clause if t.i > hi]
        if after and not before:
            content = sentence.extent(after)
        elif before and not after:
            content = sentence.extent(before)
        else:
            content = sentence.extent(clause)
        fixed = [c for c in token.children if c.dep_ == "fixed"] + \
            [t for t in sentence.doc[token.i + 1:token.i + 2] if t.lower_ == "to"]
        cue = _Cue(Span(*sentence.extent([token, *fixed]), ""), "according_to", token.lower_)
        return _Hop(agent, cue, _trim(norm, *content))

    @staticmethod
    def _according_cue(sentence, token) -> _Cue:
        return _Cue(Span(*sentence.extent([token] + [t for t in token.doc[token.i + 1:token.i + 2] if t.lower_ == "to"]), ""),
                    "according_to", token.lower_)

    def _noun_hop(self, norm, sentence, noun, agents, article_id) -> _Hop | None:
        """'X's figures', 'a report by X', 'Pentagon data': the owner is the source, when the noun is not
        already the subject or object of a cue that credits it."""
        if noun.dep_ in ("nsubj", "nsubj:pass") and self._verb_class(noun.head):
            return None  # 'the report found that': the verb is the cue, the report's owner its source
        if noun.dep_ in ("obj", "obl", "iobj") and self._verb_class(noun.head):
            return None  # 'said in a statement', 'released its figures'
        if any(c.lower_ in self.cues.according for c in noun.children):
            return None  # 'according to figures from X': the preposition is the cue
        owner = self._owner(noun)
        given = noun.dep_ == "obj" and owner is None and (_subject(noun.head) or _noun_phrase_before(noun.head))
        if given is not None and given is not False and given.dep_ != "expl":
            owner = given  # 'The General Staff gives the following breakdown:', 'X updated its tally'
        content = None
        if given and sentence.span.text.rstrip().endswith(":"):
            content = (sentence.start(noun), sentence.span.end)  # a list follows: see _list_items
        for child in noun.children:
            if child.dep_ in ("acl", "ccomp", "acl:relcl") and _finite_clause(child) and child.i > noun.i \
                    and _complete(child):
                content = sentence.extent(child.subtree)  # 'X's claim that ...', 'amid claims that ...'
        own = noun.dep_ == "obj" and any(c.dep_ == "nmod:poss" and c.lower_ in ("its", "their", "his", "her", "our")
                                         for c in noun.children)
        subject = (_subject(noun.head) or _noun_phrase_before(noun.head)) if own else None
        if content is None and subject is not None and subject.dep_ != "expl":
            # 'X updated its tally by 1,030', 'the ministry raised its estimate to 212': the subject's own count, moved to a value
            values = [c for c in list(noun.head.children) + list(noun.children) if c.i > noun.i and c.dep_ in ("obl", "nmod")
                      and _content_case(c) in ("to", "by", "at") and any(t.like_num for t in c.subtree)]
            if values:
                owner = subject
                first = next(t for t in min(values, key=lambda v: v.i).subtree if t.dep_ != "case")
                content = (sentence.start(first), sentence.end(noun.head.right_edge))
        if content is None and owner is not None:  # 'figures from X showing 500 deaths', the participle hung on X
            showing = next((t for t in noun.subtree if t.dep_ == "acl" and t.tag_ == "VBG" and t.i > noun.i), None)
            if showing is not None:
                content = sentence.extent(showing.subtree)
        if content is None and owner is not None and noun.dep_ in ("obl", "nmod", "obl:agent") \
                and _content_case(noun) in ("by", "in", "from") and noun.head.i != noun.i:
            # 'By Mediazona's tally, at least 97,208 ...', 'The army was, by the reckoning of X, losing 1,200 a day':
            # the phrase from its preposition to the owner's name credits the rest of the sentence
            doc = noun.doc
            first = min(c.i for c in noun.children if c.dep_ == "case")
            last = max(owner.i, noun.i)
            while last + 1 < len(doc) and doc[last + 1].text not in (",", ";", ".", ":") and _within(doc[last + 1], owner):
                last += 1
            rest = [t for t in doc if (t.i < first or t.i > last) and not t.is_punct]
            if any(t.is_alpha for t in rest):
                content = sentence.extent(rest)
        if content is None and noun.dep_ in ("nsubj", "nsubj:pass") and noun.head.i != noun.i:
            clause = [t for t in noun.head.subtree if not _within(t, noun)]
            if any(not t.is_punct for t in clause):
                content = sentence.extent([t for t in clause if t.i > noun.i] or clause)  # 'X's tally stood at 1,500'
        if content is None or (owner is None and not (_finite_clause_child(noun) and any(
                c.dep_ in ("case", "det") for c in noun.children))):
            return None  # an owner, or a determiner or preposition before 'claims that': else a verb the tagger missed
        if owner is not None:
            agent = self._source_agent(norm, sentence, owner, agents, article_id)
        else:  # 'amid claims that ...': the claims themselves, unnamed, are the source; what they say is not
            words = [t for t in noun.lefts if t.dep_ in ("amod", "compound", "det") and t.i >= noun.left_edge.i] + [noun]
            agent = self._new_source(norm, sentence, noun, words, *sentence.extent(words), article_id)
        if agent is None:
            return None
        cue = _Cue(Span(*sentence.extent([noun]), ""), "noun", self._noun_cue(noun) or noun.lower_)
        return _Hop(agent, cue, _trim(norm, *content))

    def _possessed_hop(self, norm, sentence, noun, agents, article_id) -> _Hop | None:
        """'Mediazona's tally now stands at 95,000' with the possessive read as 'is' and the noun as an adverb:
        the name before 's owns the cue, and the rest of the sentence is what it counts."""
        doc = noun.doc
        rest = [t for t in doc[noun.i + 1:] if not t.is_punct]
        if not any(t.tag_.startswith("VB") for t in rest) or not any(t.like_num for t in rest):
            return None
        agent = self._source_agent(norm, sentence, doc[noun.i - 2], agents, article_id)
        if agent is None:
            return None
        cue = _Cue(Span(*sentence.extent([noun]), ""), "noun", self._noun_cue(noun) or noun.lower_)
        return _Hop(agent, cue, _trim(norm, sentence.start(rest[0]), sentence.end(rest[-1])))

    def _owner(self, noun):
        """Whose figures, report or data: a possessor, a 'by' or 'from' phrase, or a name before the noun."""
        if self._noun_cue(noun) is None:
            return None
        for child in noun.children:
            if child.dep_ == "nmod:poss" and child.lower_ not in ("its", "their", "his", "her", "our", "my", "your"):
                return child
        for child in noun.children:
            if child.dep_ in ("nmod", "acl"):
                case = {g.lower_ for g in child.children if g.dep_ == "case"}
                if case & {"by", "from"} or (case & {"of"} and _named(child)):
                    return child
                if child.dep_ == "acl" and not any(lemma in SEEING for lemma in self.lemmas(child)):
                    # 'figures released by the ministry'; not 'documents seen by Reuters', who only read them
                    agent = _child(child, "obl:agent") or _by_phrase(child)
                    if agent is not None:
                        named = [c for c in agent.children if c.dep_ == "compound" and _named(c)]
                        return named[-1] if named and not _named(agent) else agent  # 'by Mediazona shows', 'shows' a verb
        doc = noun.doc
        if noun.i + 2 < len(doc) and doc[noun.i + 1].lower_ in ("by", "from") and (
                doc[noun.i + 2].tag_ in ("DT", "NNP", "NNPS") or _named(doc[noun.i + 2])):
            after = _noun_phrase_after(doc[noun.i + 1])  # 'remarks by X' with 'by X' hung elsewhere in the parse
            if after is not None and _named(after):
                return after
        for child in noun.children:
            if child.dep_ == "compound" and child.i < noun.i and _named(child):
                return child
        for child in noun.children:
            if child.dep_ == "nmod:poss":
                return child  # 'its figures', resolved as a pronoun
        doc = noun.doc
        i = noun.i - 1
        while i >= 0 and (doc[i].text in (")", "(") or doc[i].lower_ in ("latest", "new", "official", "daily", "updated",
                                                                         "own", "previous", "weekly", "monthly")):
            i -= 1
        if i > 0 and doc[i].lower_ in ("'s", "'"):
            i -= 1  # "Oryx's latest update", the possessive hung elsewhere
        if i >= 0 and (doc[i].tag_.startswith("NNP") or _capital_word(doc[i]) or (
                i == 0 and doc[i].is_title and doc[i].tag_ not in FUNCTION_TAGS)) \
                and doc[i].dep_ != "nsubj":
            return doc[i]  # 'Latest Ministry of Defence (MoD) figures say', 'TASS calculations': a name left unattached
        return None

    def _relaying_hop(self, norm, sentence, token, agents, article_id) -> _Hop | None:
        """'X cites Y ...', 'X quoted Y as saying ...': a relay verb in the present or past tense with a subject of its
        own (no relative pronoun) in a main clause makes its subject a source of what follows it."""
        if token.tag_ not in ("VBZ", "VBD", "VBP") or token.dep_ not in ("ROOT", "conj", "parataxis") \
                or token.i + 1 >= len(token.doc) or _negated(token):
            return None
        if (token.dep_ == "conj" and self._verb_class(token.head)) or any(
                c.dep_ == "obj" and c.tag_ == "PRP" for c in token.children):
            return None  # 'X reported the figure but credited it to Y': the relay belongs to the statement before
        source = self._source_token(sentence, token, agents)
        if source is None or source.tag_ in ("WDT", "WP") or source.dep_ == "expl":
            return None
        rest = [t for t in token.doc[token.i + 1:] if not t.is_punct]
        if not rest:
            return None
        agent = self._source_agent(norm, sentence, source, agents, article_id)
        if agent is None:
            return None
        cue = _Cue(Span(*sentence.extent(_cue_tokens(token)), ""), "relay", self._relay_lemma(token))
        return _Hop(agent, cue, _trim(norm, sentence.start(rest[0]), sentence.span.end))

    def _relay_hop(self, norm, sentence, token, agents, hops, article_id, parent=None) -> _Hop | None:
        """'citing X', 'based on figures from X', 'attributed the figure to X': X passes its words through
        the source of the cue this phrase hangs on."""
        lemma = self._relay_lemma(token)
        if token.dep_ in ("case", "mark") and token.head.i != token.i:
            cited = token.head  # 'based on the ministry's data' read as one preposition
        elif lemma in ("cite", "quote"):
            cited = _child(token, "obj") or next((c for c in token.children if c.dep_ == "obl" and c.i > token.i
                                                  and _content_case(c) not in PLACES), None) or _noun_phrase_after(token)
        else:
            cited = next((c for c in token.children if c.dep_ in ("obl", "obj")
                          and {g.lower_ for g in c.children if g.dep_ == "case"} & {"on", "from", "to", "with"}), None)
        if cited is None:
            return None
        given = next((c for c in token.children if c.dep_ == "obl" and c.i > cited.i and _content_case(c) in ("from", "by")), None)
        if given is not None and not _named(cited) and self._owner(cited) is None:
            cited = given  # 'cited tax records from X' with 'from X' hung on the verb: X owns what is cited
        cited = self._owner(cited) or cited
        at = sentence.start(cited)
        if any(t.tag_ == "CD" for t in _phrase(cited)) and not _named(cited) \
                and not any(a.span.start <= at < a.span.end and a.entity is not None for a in agents):
            return None  # 'citing 500 deaths': what is cited is a figure, not a source ('two officials' is one)
        relative = next((c for c in token.children if c.dep_ in ("nsubj", "nsubj:pass") and c.lower_ in ("which", "who", "that")), None)
        if relative is None and parent is None:  # ', which in turn cited X' however the parse hung 'which': the words between are adverbs
            i = token.i - 1
            while i > 0 and token.doc[i].dep_ in ("advmod", "obl", "case", "aux", "aux:pass", "det", "nsubj", "nsubj:pass") \
                    and token.doc[i].text != "," and token.doc[i].lower_ not in ("which", "who", "whose"):
                i -= 1
            if i > 0 and token.doc[i].lower_ in ("which", "who", "whose") and token.doc[i - 1].text == ",":
                relative = token.doc[i]  # ', whose estimate was based on X' too
        if relative is not None and parent is None:  # 'UK Defence Intelligence, which cited X': the hop whose source the pronoun stands for
            at = sentence.start(relative)
            before = [h for h in hops.values() if h.agent.span.end <= at and not norm[h.agent.span.end:at].strip(" ,")]
            if before:
                parent = before[-1]
        node = token
        sources = {}
        for hop in hops.values():
            for t in sentence.doc:
                if hop.agent.span.start <= sentence.start(t) < hop.agent.span.end:
                    sources.setdefault(t.i, hop)
        unread = False  # the phrase hangs on a cue that gave no hop: it belongs to that cue, not to another
        while node.head.i != node.i and parent is None and relative is None:
            node = node.head
            parent = hops.get(node.i) or sources.get(node.i)  # 'according to the Council, which cited figures from X'
            unread = unread or (parent is None and bool(self._verb_class(node)))
        if parent is None and not unread:
            parent = next((h for h in hops.values() if h.relay_parent is None), None) if len(hops) == 1 else None
        if parent is None or parent.content is None:
            return None
        agent = self._source_agent(norm, sentence, cited, agents, article_id)
        if agent is not None and agent.span.start <= sentence.start(token) < agent.span.end:
            agent = self._after_relay_word(norm, sentence, token, cited, agents, article_id)
        if agent is None or agent.span == parent.agent.span:
            return None
        cue = _Cue(Span(*sentence.extent(_cue_tokens(token)), ""), "relay", lemma)
        return _Hop(agent, cue, parent.content, relay_parent=parent)

    def _after_relay_word(self, norm, sentence, token, cited, agents, article_id) -> Agent | None:
        """'Citing hospital data, ...' read as one noun phrase: what is cited is the words after the relay word,
        a name among them if there is one."""
        if cited.i <= token.i and token.head.i > token.i:
            cited = token.head  # the relay word read as the owner of the noun it was made part of
        lo, hi = sentence.end(token), sentence.end(cited)
        named = [a for a in agents if lo <= a.span.start and a.span.end <= hi and a.entity is not None]
        if named:
            return named[-1]
        lo = next((i for i in range(lo, hi) if not norm[i].isspace()), hi)
        label = norm[lo:hi]
        if not re.search(r"\w", label):
            return None
        original = sentence.span.text[lo - sentence.span.start:hi - sentence.span.start]
        return Agent(Span(lo, hi, original), Entity(key=f"{article_id}/vague/{slug(label)}", label=label, type="VagueSource"),
                     "vague")

    def _source_agent(self, norm, sentence, head, agents, article_id, known_only: bool = False) -> Agent | None:
        """The agent that fills a source role headed by ``head``: the name, unnamed source, pronoun
        or description found there; failing those, the phrase itself as a source of its own (unless
        ``known_only``: then a common noun no list knows is no source: 'the war claimed lives')."""
        if head.lower_ in ("who", "which", "that") and head.head.dep_ == "acl:relcl" and head.head.head.i != head.head.i:
            # 'the minister, who said': 'who' stands there for its antecedent, as 'she' would; a time the parse
            # hung the clause on ('published its accounts in March, which showed') is no antecedent of a speaker
            if _time_word(head.head.head) or head.head.head.lower_ in MONTHS:
                return None
            antecedent = self._source_agent(norm, sentence, head.head.head, agents, article_id, known_only)
            if antecedent is None or antecedent.entity is None:
                return antecedent
            at = Span(sentence.start(head), sentence.end(head), norm[sentence.start(head):sentence.end(head)])
            return Agent(at, antecedent.entity, antecedent.kind)
        if head.tag_ == "WP" and sentence.span.text.rstrip().endswith("?"):
            return None  # 'and who said so?': a question names no one
        if self._noun_cue(head) is not None:
            owner = self._owner(head)
            if owner is not None:
                head = owner  # 'a report by X found', 'X's figures show'
        appos = next((c for c in head.children if c.dep_ == "appos" and _named(c)), None)
        if appos is not None and (not _named(head) or self._person_at(sentence, appos, agents)
                                  and not self._person_at(sentence, head, agents)):
            head = appos  # 'a spokeswoman for the council, Jane Doe, said', 'Presidential Advisor X, Jane Doe, said'
        phrase = _phrase(head)
        start, end = sentence.extent(phrase)
        head_start, head_end = sentence.start(head), sentence.end(head)
        if not _named(head):  # 'the spokesperson for the group, Nazar Voloshyn,': the name set off after the description
            gap = re.match(r"[ \t]*,[ \t]*", norm[end:end + 4])
            named = next((a for a in agents if gap and a.span.start == end + gap.end() and a.entity is not None
                          and a.entity.type == "Person" and re.match(r"[ \t]*,", norm[a.span.end:a.span.end + 3])), None)
            if named is not None:
                return named
        covering = [a for a in agents if a.span.start <= head_start and head_end <= a.span.end]
        people = [a for a in agents if start <= a.span.start and a.span.end <= end and a.kind == "named"
                  and a.entity is not None and a.entity.type == "Person"]
        if covering:
            best = max(covering, key=lambda a: a.span.end - a.span.start)
            if best.kind in ("vague", "descriptor") and people:
                return people[-1]  # 'Mayor Andriy Lysenko', 'Pentagon spokesman Lt. Col. X': the title is not the source
            if best.kind in ("vague", "descriptor") and start < best.span.start and head.tag_.startswith("NN") \
                    and any(c.dep_ == "nmod:poss" for c in head.children) and best.span.end >= head_end:
                # "the mayor's spokesman": the source phrase is the whole description, its owner included
                return Agent(Span(start, best.span.end, norm[start:best.span.end]), best.entity, best.kind, best.descriptor)
            return best
        named = [a for a in agents if start <= a.span.start and a.span.end <= end and a.kind == "named"]
        if named and _named(head):
            return min(named, key=lambda a: abs(a.span.end - head_end))
        if head.lower_ in ("i", "we", "me", "us", "my", "our"):
            return Agent(Span(head_start, head_end, norm[head_start:head_end]), None, "first")  # see _first_person
        if head.tag_ in ("PRP", "PRP$"):
            return None  # 'you', 'one': no one to credit
        definite = head.tag_ in ("NN", "NNS") and any(c.dep_ in ("det", "nmod:poss") and c.lower_ in (
            "the", "this", "that", "these", "those", "its", "their") for c in head.children) \
            and not any(c.dep_ in ("compound", "amod") and _named(c) and not self._country_word(sentence, c, agents)
                        for c in head.children)  # 'the US magazine' describes; 'the Harwick commission' names
        if definite:  # 'the board', 'the US magazine': who was named before, resolved with the pronouns
            return Agent(Span(start, end, norm[start:end]), None, "descriptor",
                         {"key": "head", "head": self.lemmas(head)[-1] if head.tag_ == "NNS" else head.lower_})
        if known_only and not _named(head) and self._noun_cue(head) is None:
            inside = [a for a in agents if start <= a.span.start and a.span.end <= head_start and a.kind == "named"
                      and not re.search(r"'s?\b|\b(?:of|in|for|from)\b", norm[a.span.end:head_start])]
            return inside[-1] if inside else None  # 'Interfax news agency reported': the name it describes, not a possessor
        return self._new_source(norm, sentence, head, phrase, start, end, article_id)

    def _country_word(self, sentence, token, agents) -> bool:
        """A country's name or adjective ('US', 'British')."""
        start, end = sentence.start(token), sentence.end(token)
        return token.lower_ in self.demonym_country or any(
            a.span.start <= start and end <= a.span.end and a.entity is not None and a.entity.type == "Country" for a in agents)

    def _person_at(self, sentence, token, agents) -> bool:
        start, end = sentence.start(token), sentence.end(token)
        return token.ent_type_ == "PER" or any(a.span.start <= start and end <= a.span.end and a.entity is not None
                                               and a.entity.type == "Person" for a in agents)

    def _new_source(self, norm, sentence, head, phrase, start, end, article_id) -> Agent | None:
        """A source no list knows: a name typed from the recogniser and its head word, or a description
        ('the senator', 'her campaign') kept as an unnamed source of this article."""
        original_text = sentence.span.text  # same length as norm: offsets agree
        if _named(head):
            tokens = [t for t in phrase if t.dep_ in ("compound", "flat", "flat:name") or t.i == head.i
                      or (t.tag_.startswith("NNP") and t.i < head.i)]
            lo, hi = sentence.extent(tokens)
            label = " ".join(norm[lo:hi].split()) or head.text.strip()
            if not label:
                return None
            kind = {"PER": "Person", "ORG": "Organisation", "LOC": "Region"}.get(head.ent_type_) \
                or self.entities.type_from_head(label) or ("Person" if self.entities.looks_personal(label) else "Entity")
            entity = Entity(key=slug(label), label=label, type=kind)
            return Agent(Span(lo, hi, original_text[lo - sentence.span.start:hi - sentence.span.start]), entity, "named")
        label = re.sub(r"^(?:the|a|an)\s+", "", norm[start:end], flags=re.I)
        if any(t.dep_ == "compound" and _named(t) for t in head.children) and head.tag_ == "NN" \
                and not head.lower_ in self.vague_heads:
            # 'the Harwick electoral commission': a body named by its place or owner, not an unnamed source
            entity = Entity(key=slug(label), label=label, type=self.entities.type_from_head(label.title()) or "Organisation")
            return Agent(Span(start, end, original_text[start - sentence.span.start:end - sentence.span.start]), entity, "named")
        entity = Entity(key=f"{article_id}/vague/{slug(label)}", label=norm[start:end], type="VagueSource")
        return Agent(Span(start, end, original_text[start - sentence.span.start:end - sentence.span.start]), entity, "vague")

    def _snap_to_quote(self, norm, quotes, content, sentence) -> tuple[int, int]:
        """A content that starts or ends inside a quotation takes the whole quotation, marks included,
        even where the quotation runs over sentences."""
        lo, hi = content
        index = quotes.index_ending_after(lo)  # those that end sooner lie wholly before it
        while index < len(quotes) and quotes.starts[index] < hi:
            q0, q1 = quotes.starts[index], quotes.ends[index]
            inner = (max(lo, q0), min(hi, q1))
            if inner[1] - inner[0] >= 0.5 * (hi - lo) or (q0 <= lo and hi <= q1):
                lo, hi = min(lo, q0), max(hi, q1)
            index += 1
        return lo, hi

    def _first_person(self, hops: list[_Hop]) -> None:
        """'"We estimate ...," the ministry said': I and we inside a quotation are its speaker; with no
        speaker around them they credit no one."""
        for hop in hops:
            if hop.agent.kind == "first" and hop.via is not None and hop.via.agent.entity is not None:
                hop.agent = Agent(hop.agent.span, hop.via.agent.entity, hop.via.agent.kind)

    def _speaker_label(self, norm, parsed: Sentence, agents, article_id) -> _Hop | None:
        """A speaker before a colon: 'General Staff: Russia has lost 849,870 troops', 'Poll: X leads by 4',
        'Warren to donors: ...' (a short phrase led by a name or a nominal cue, with no verb), and the
        answers of an interview ('A: ...', the person the article is about; a question 'Q:' credits no one)."""
        sentence = parsed.span
        doc = parsed.doc
        colon = next((t for t in doc[:8] if t.text == ":"), None)
        turn = _interview_turn(doc)
        if turn is not None:
            if turn in ("Q", "Question"):
                return None
            who = self._interviewee.before(sentence.start)  # the person interviewed: named most before the answers
            if who is None:
                return None
            at = parsed.start(colon)
            # an answer runs to the end of its paragraph, over its sentences, or to the next question or answer
            following = bisect_right(self._turns, sentence.start)
            turn_end = self._turns[following] if following < len(self._turns) else len(norm)
            end = max(sentence.end, min(self._lines.end(at), turn_end))
            return _Hop(Agent(Span(sentence.start, at, norm[sentence.start:at]), who, "named"),
                        _Cue(Span(at, at + 1, ":"), "verb", ":"), _trim(norm, at + 1, end))
        if colon is not None and 0 < colon.i < len(doc) - 1 and not any(
                t.tag_.startswith(("VB", "MD")) and not t.is_title for t in doc[:colon.i]):
            lead = doc[0]
            colon_at = parsed.start(colon)
            if norm[colon_at:sentence.end].rstrip().endswith("?"):
                return None  # 'Analysis: How long can X last?': a question credits no one with a claim
            first = next((a for a in agents if sentence.start <= a.span.start and a.span.end <= colon_at
                          and a.entity is not None and not norm[a.span.end:colon_at].strip()
                          and not re.search(r"\b(?:in|on|of|for|at|from|over|against)\s+(?:the\s+)?$",
                                            norm[sentence.start:a.span.start], re.IGNORECASE)), None)
            # ('Russia's losses in Ukraine:' is a topic: a name after a preposition speaks for nothing)
            if first is None and _label(doc[:colon.i]) and (self._noun_cue(lead) is None or lead.lower_.endswith("ed")):
                return None  # 'Published:', 'Edited by:', 'Read more:', 'Next week:': a label of the page, no speaker
            if first is None and lead.tag_ not in FUNCTION_TAGS and (
                    lead.tag_.startswith("NNP") or lead.ent_type_ or lead.is_title or self._noun_cue(lead) is not None
                    or (lead.is_upper and lead.is_alpha and len(lead) > 1 and colon.i <= 3)):  # a transcript's 'OKAFOR:'
                # 'Warren to donors:', 'Poll:'; not 'The Update:', a heading led by an article, which no name is
                run = [lead]
                for t in doc[1:colon.i]:
                    if not (t.tag_.startswith("NNP") or t.ent_type_ == lead.ent_type_ != "") or t.is_punct:
                        break
                    run.append(t)
                first = self._new_source(norm, parsed, run[-1], run, *parsed.extent(run), article_id)
            between = norm[first.span.end:colon_at].split() if first is not None else []
            if between and between[0] in ("'s", "’s") and len(between) > 1:
                between = between[1:]  # "Russia's losses in Ukraine:": what a name owns is the topic, unless a source
                if between[0].islower():  # 'in Ukraine', 'of the war' after the topic belong to it
                    cut = next((n for n, w in enumerate(between) if w.lower() in ("in", "on", "of", "for", "at", "over")),
                               len(between))
                    between = between[:cut]
            if between and all(w.isalpha() and w.islower() and self.lemmas.of(w)[-1] not in self.vague_heads
                               and self.lemmas.of(w)[-1] not in self.descriptor_by_head and not re.fullmatch(ARMED_NOUNS, w)
                               and not any(f in self.cues.nouns for f in self.lemmas.of(w)) for w in between):
                return None  # 'Ukraine war:', 'Kursk offensive:': a name and a common noun give the topic, not a speaker
            if first is not None and norm[first.span.end:sentence.start + colon.idx].strip(" ") == "" or \
                    first is not None and len(doc[:colon.i]) <= 6:
                at = parsed.start(colon)
                if re.match(r"\s*\S", norm[at + 1:sentence.end]):
                    return _Hop(first, _Cue(Span(at, at + 1, ":"), "verb", ":"), _trim(norm, at + 1, sentence.end))
        return None

    def _headline(self, norm, parsed: Sentence, agents, article_id) -> _Hop | None:
        """A headline with its source after a dash: '... 1,700 troops - Defense Ministry'."""
        sentence = parsed.span
        text = norm[sentence.start:sentence.end]
        last = next((a for a in reversed(agents) if a.entity is not None), None)
        if last is not None and re.fullmatch(r"\s*[.!?]?\s*", norm[last.span.end:sentence.end]):
            dash = re.search(r"\s-\s+(?:the\s+)?$", norm[sentence.start:last.span.start], re.IGNORECASE)
            if dash and len(text.split()) > 4:
                at = sentence.start + dash.start() + 1
                return _Hop(last, _Cue(Span(at, at + 1, "-"), "verb", "-"), _trim(norm, sentence.start, at))
        return None

    def _has_cue(self, start: int, end: int) -> bool:
        """Whether a reporting verb stands between two offsets (the parse's own cues)."""
        i = bisect_left(self._cue_starts, start)
        return i < len(self._cue_starts) and self._cue_starts[i] < end

    def _list_items(self, norm, hops) -> list[_Hop]:
        """A paragraph ending with a colon introduces a list: its source covers the items that follow
        ('The General Staff gives the following breakdown:' / 'tanks - 10,641 (+4);')."""
        extra = []
        lines = self._lines
        text_ends: dict[int, int] = {}  # a line's end -> where its text ends, before trailing white space
        for hop in [h for h in hops if h.content is not None and h.relay_parent is None and not h.own]:
            line_end = lines.end(hop.content[0])
            if line_end not in text_ends:
                text_end = line_end
                while text_end > 0 and norm[text_end - 1].isspace():
                    text_end -= 1
                text_ends[line_end] = text_end
            text_end = text_ends[line_end]
            if text_end == 0 or norm[text_end - 1] != ":" or hop.content[1] < text_end - 1:
                continue
            position = line_end + 1
            while position < len(norm):
                end = lines.end(position)
                item = norm[position:end]
                if not item.strip() or not (LIST_ITEM.match(item) or len(item.split()) <= 8) or self._has_cue(position, end):
                    break
                extra.append(_Hop(hop.agent, None, _trim(norm, position, end)))
                position = end + 1
        return extra

    def _continued_quotes(self, norm, quotes: Quotes, hops) -> list[_Hop]:
        """A quotation with no speaker of its own, right after one that has, in the same
        paragraph, is the same speaker going on: '"...," she said. "Last night it was nine."'

        Each quotation's look-ups (is it credited already, whose quotation ends last before it, who
        speaks in between) are bisections over the hops sorted once, not walks over all of them."""
        lines = self._lines
        credited = _Union((h.content[0], h.content[1]) for h in hops if h.content)
        # the hops whose content is a quotation, by where their content ends (the first hop first on a tie)
        quoting = sorted(((h.content[1], -n, h) for n, h in enumerate(hops)
                          if h.content and h.relay_parent is None and quotes.containing(h.content[0] + 1) is not None),
                         key=lambda item: item[:2])
        quoting_ends = [end for end, _, _ in quoting]
        cues = sorted(((h.cue.span.start, n) for n, h in enumerate(hops) if h.cue is not None))
        far_word: dict[int, int] = {}  # where the 26th word after a hop's content starts
        extra = []
        for quote in quotes:
            if credited.covers(quote.span.start):
                continue
            paragraph_start = lines.start(quote.span.start)
            owner = None
            for index in range(bisect_right(quoting_ends, quote.span.start) - 1, -1, -1):
                end, _, hop = quoting[index]
                if end < paragraph_start:
                    break
                if hop.content[0] >= paragraph_start:
                    owner = hop  # the hop of the quotation that ends last before this one, in its paragraph
                    break
            if owner is None:
                continue
            if id(owner) not in far_word:
                words = islice(_WORD.finditer(norm, owner.content[1]), 25, 26)
                far_word[id(owner)] = next((word.start() for word in words), len(norm))
            if far_word[id(owner)] < quote.span.start or norm.find('"', owner.content[1], quote.span.start) != -1:
                continue  # more than 25 words between, or another quotation
            cue_end = owner.cue.span.end if owner.cue else owner.content[1]
            speakers = (hops[n] for _, n in cues[bisect_left(cues, (max(owner.content[1], cue_end), -1)):
                                                 bisect_left(cues, (quote.span.start, -1))])
            if any(h.agent.entity is not None and owner.agent.entity is not None
                   and h.agent.entity.key != owner.agent.entity.key for h in speakers):
                continue  # another source speaks in between
            extra.append(_Hop(owner.agent, None, (quote.span.start, quote.span.end)))
        return extra

    def _nest(self, hops: list[_Hop]) -> None:
        def relayed(h):  # how many relays stand above a hop: 'X told Y, citing Z' puts Z below X below Y
            depth = 0
            while h.relay_parent is not None and depth < 8:
                h, depth = h.relay_parent, depth + 1
            return depth

        outers = SpanIndex((h.content[0], h.content[1], h) for h in hops if h.content is not None)
        for hop in hops:
            if hop.relay_parent is not None:
                hop.via = hop.relay_parent
                continue
            anchor = hop.cue.span.start if hop.cue else hop.agent.span.start
            best = None
            for outer in outers.containing(min(anchor, hop.agent.span.start), max(anchor, hop.agent.span.end)):
                if outer is hop or _reaches(outer, hop) or (outer.relay_parent is not None and outer.cue is not None
                                                            and outer.cue.kind == "relay"):
                    continue  # a relay ('citing Z') gives a source, not a statement: what is nested goes to its parent
                size, best_size = outer.content[1] - outer.content[0], (best.content[1] - best.content[0]) if best else 0
                if best is None or size < best_size or (size == best_size and relayed(outer) > relayed(best)):
                    best = outer
            if best is not None and not _reaches(best, hop):
                hop.via = best

    def _to_model(self, hops, norm, original, quotes, article_id) -> list[Attribution]:
        ids = {}
        result = []
        hops = [h for h in hops if h.agent.entity is not None]
        for hop in sorted(hops, key=lambda h: (h.cue.span.start if h.cue else h.agent.span.start)):
            if hop.own:
                continue
            if hop.via is not None and hop.via.agent.entity is not None and hop.agent.entity is not None \
                    and hop.via.agent.entity.key == hop.agent.entity.key:
                continue  # 'The ISW states it has documented...': the same source twice
            # with no cue, one source mention can introduce several items ('The General Staff gives
            # the following: ... ; ... ;'): each is an attribution of its own, told apart by its content
            anchor = f"{article_id}:{hop.agent.span.start}:" + (
                str(hop.cue.span.start) if hop.cue else f"c{hop.content[0]}" if hop.content else "")
            ids[id(hop)] = "attr-" + hashlib.sha1(anchor.encode()).hexdigest()[:12]
        for hop in sorted(hops, key=lambda h: (h.cue.span.start if h.cue else h.agent.span.start)):
            if id(hop) not in ids:
                continue
            via = hop.via
            while via is not None and id(via) not in ids:
                via = via.via
            content = None
            kind = "indirect"
            if hop.content is not None and hop.content[1] > hop.content[0]:
                content = Span(hop.content[0], hop.content[1], original[hop.content[0]:hop.content[1]])
                kind = _speech_kind(norm, quotes, hop.content)
            cue = Span(hop.cue.span.start, hop.cue.span.end, original[hop.cue.span.start:hop.cue.span.end]) if hop.cue else None
            source_span = Span(hop.agent.span.start, hop.agent.span.end, original[hop.agent.span.start:hop.agent.span.end])
            result.append(Attribution(
                id=ids[id(hop)], source=hop.agent.entity, source_span=source_span,
                cue=cue, content=content, kind=kind,
                via=ids[id(via)] if via is not None else None,
            ))
        return result


# -- the parse, read by role -------------------------------------------------------------------
_OWN_CLAUSE = {"appos", "acl", "acl:relcl", "parataxis", "advcl", "punct", "cc", "dep", "discourse", "list", "vocative"}


def _interview_turn(doc) -> str | None:
    """'A' or 'Q' (or 'Answer', 'Question') when the sentence opens with that label and a colon."""
    if len(doc) > 1 and doc[1].text == ":" and doc[0].text in ("A", "Q", "Answer", "Question"):
        return doc[0].text
    return None


def _child(token, dep: str):
    return next((c for c in token.children if c.dep_ == dep), None)


def _within(token, root) -> bool:
    """Whether ``token`` is ``root`` or below it."""
    while True:
        if token.i == root.i:
            return True
        if token.head.i == token.i:
            return False
        token = token.head


def _passive(verb) -> bool:
    """A passive, or a participle modifying a noun ('figures released by X'), unless it governs a clause of
    its own ('officials estimated that ...' read as a modifier of 'officials')."""
    deps = {c.dep_ for c in verb.children}
    if "aux:pass" in deps:
        return True
    if deps & {"nsubj:pass", "obl:agent"}:
        # an active verb the parse gave a passive's role: a subject of its own ('X has put it at 5, citing remarks by
        # Y'), a finite form ('X estimated that'), or 'has' with no 'been' ('the think tank has estimated that')
        auxes = [c.lower_ for c in verb.children if c.dep_ == "aux"]
        active = "nsubj" in deps or verb.tag_ in ("VBD", "VBZ", "VBP") or (
            any(a in ("has", "have", "had", "'s", "'ve", "'d") for a in auxes)
            and not any(a in ("be", "been", "being", "is", "was", "were", "are", "'re", "get", "got") for a in auxes))
        if not active:
            return True
    return verb.tag_ == "VBN" and verb.dep_ in ("acl", "amod") and not any(
        c.dep_ == "ccomp" or _finite_clause(c) for c in verb.children) and not _object_after_subject(verb)


def _object_after_subject(verb) -> bool:
    """A past participle with an object of its own, hung on a noun with its own modifier between them ('the
    update published by X that morning listed 1,950 deaths'): a verb in the past tense the tagger missed."""
    return verb.tag_ == "VBN" and _child(verb, "obj") is not None and verb.i > 0 and verb.head.i < verb.i and any(
            c.dep_ in ("acl", "acl:relcl") and c.i < verb.i for c in verb.head.children if c.i != verb.i)


def _by_phrase(verb):
    """A passive's agent read as a plain 'by' phrase, where the parse did not label it."""
    return next((c for c in verb.children if c.dep_ == "obl"
                 and any(g.lower_ == "by" for g in c.children if g.dep_ == "case")), None)


def _inverted_speaker(verb):
    """The speaker after an inverted reporting verb at the end of a clause: '..., said X' or '..., claims X',
    read from the shape (a comma or a quotation mark before the verb, no subject before it, a name or noun
    phrase right after it) whatever relation the parse gave that noun."""
    doc = verb.doc
    if verb.i == 0 or not (doc[verb.i - 1].text in (",", '"', "'", "''") or doc[verb.i - 1].tag_ in ("''", ",")):
        return None
    quoted_until = max((t.i for t in doc[:verb.i] if t.tag_ in ("''", "``") or t.text in ('"', "'")), default=-1)
    if any(c.dep_ in ("nsubj", "nsubj:pass") and quoted_until < c.i < verb.i and not _carries_clause(c) for c in verb.children):
        return None  # 'X, the secretary-general, told ...': the subject stands before; one inside a quotation does not count
    speaker = _noun_phrase_after(verb)
    if speaker is None:
        return None
    end = speaker.i + 1
    while end < len(doc) and _in_noun_phrase(doc[end]) and doc[end].tag_ != "POS":
        end += 1
    # the phrase ends the clause ('..., said X.', '..., said X, a ...'), or it is the subject of what follows
    if end < len(doc) and not (doc[end].is_punct or doc[end].lower_ in ("on", "in", "at", "last", "this", "after", "before",
                                                                       "during", "who", "which", "as", "when", "while")):
        return None
    stop = next((t.i for t in doc[end:] if t.is_punct), len(doc))
    if doc[end:stop] and doc[end].lower_ in ("on", "in", "at", "after", "before", "during") \
            and any(t.tag_ in ("VBD", "VBZ", "VBP", "MD") for t in doc[end:stop]):
        return None  # 'said some 200 flats in her district had been damaged': the subject of what is said
    return speaker


def _carries_clause(noun) -> bool:
    """A 'subject' that carries a finite verb of its own, hung on it with no relative pronoun ('Deaths rose by 30%,
    says X' read as 'deaths (that) rose ... says'): the subject of what is said, not of the reporting verb."""
    return any(c.dep_ in ("acl", "acl:relcl") and c.tag_ in ("VBD", "VBZ", "VBP") and c.i > noun.i
               and not any(g.tag_ in ("WDT", "WP") or g.lower_ == "that" for g in c.children) for c in noun.children)


def _noun_phrase_after(verb):
    """The noun phrase right after a verb ('said former governor Howard Dean (D), a ...'): its last noun,
    read from the tags, whatever the parse made of it."""
    doc = verb.doc
    i = verb.i + 1
    while i < len(doc) and doc[i].dep_ == "compound:prt":
        i += 1
    start = i
    while i < len(doc) and _in_noun_phrase(doc[i]) and doc[i].tag_ != "POS":
        i += 1
    nouns = [t for t in doc[start:i] if t.tag_.startswith("NN") or t.tag_ == "PRP" or _capital_word(t)]
    if not nouns or doc[start].tag_ == "PRP$" or doc[start].lower_ in ("it", "them", "him", "her", "this", "that"):
        return None
    return nouns[-1]


NOUN_PHRASE_TAGS = ("NNP", "NNPS", "NN", "NNS", "DT", "JJ", "JJS", "JJR", "POS", "PRP$", "HYPH", "CD", "PRP")


def _appositive_name_before(verb):
    """A name set off by commas right before the verb: 'the city's mayor, Vitali Klitschko, said'."""
    doc = verb.doc
    i = verb.i - 1
    if i <= 0 or doc[i].text != ",":
        return None
    opening = next((j for j in range(i - 1, -1, -1) if doc[j].text == ","), None)
    inside = doc[opening + 1:i] if opening is not None else []
    if inside and all(_in_noun_phrase(t) for t in inside) and any(t.tag_.startswith("NNP") or t.ent_type_ == "PER" for t in inside):
        return [t for t in inside if t.tag_.startswith("NN") or _capital_word(t)][-1]
    return None


def _opening_participle(token, verb) -> bool:
    """'Citing Ukrainian data, the ministry says', 'Quoting the mayor, X said': a participle opening the
    sentence, read by the parse as a name and the subject, is an adverbial: a comma closes it before the verb,
    and the noun phrase after that comma is the subject."""
    doc = token.doc
    start = token.left_edge.i
    opening = doc[start]  # the participle, or the word the parse made it part of ('Citing hospital data')
    return opening.lower_.endswith("ing") and opening.tag_ in ("VBG", "NNP", "NN") and token.i < verb.i \
        and all(t.is_punct for t in doc[:start]) and any(t.text == "," for t in doc[token.i + 1:verb.i])


def _noun_phrase_before(verb):
    """The noun phrase just before a verb that the parse gave no subject, when a comma, a quotation mark
    or the sentence's start closes it on the left ('..., Governor Maksym Lytvynenko said'): its last noun.
    An aside between commas right before the verb is stepped over ('Okafor, who has proposed ..., said')."""
    doc = verb.doc
    i = verb.i - 1
    while i > 0 and doc[i].dep_ == "aux" and doc[i - 1].text == "," and doc[i].lower_ in ("has", "have", "had", "will", "would"):
        i -= 1  # 'X, working together, have identified'
    if i > 0 and doc[i].text == ",":
        opening = next((j for j in range(i - 1, -1, -1) if doc[j].text == ","), None)
        inside = doc[opening + 1:i] if opening is not None else []
        if inside and all(_in_noun_phrase(t) for t in inside) and any(t.tag_.startswith("NNP") or t.ent_type_ == "PER" for t in inside):
            return [t for t in inside if t.tag_.startswith("NN") or _capital_word(t)][-1]  # 'the mayor, Vitali Klitschko, said'
        if opening is not None and opening > 0 and (
                doc[opening + 1].lower_ in ("who", "whose", "which", "a", "an", "the", "now", "then", "citing", "quoting")
                or doc[opening + 1].tag_ in ("JJ", "DT", "WP", "WP$", "VBG", "VBN")
                or doc[opening - 1].tag_.startswith("NNP") or _capital_word(doc[opening - 1])):
            i = opening - 1  # 'X, spokesperson for the brigade, said', 'TASS, citing the ministry, put it at ...'
            while i > 1 and doc[i].like_num and doc[i - 1].text == ",":
                i -= 2  # 'X, 61, a retired teacher, said': an age is an aside too
    relative = next((j for j in range(i, max(0, i - 12), -1) if doc[j].is_punct or doc[j].lower_ in ("who", "which")), None)
    if relative is not None and doc[relative].lower_ in ("who", "which") and relative > 0 \
            and (doc[relative - 1].tag_.startswith("NN") or _capital_word(doc[relative - 1])):
        i = relative - 1  # 'lawmakers who were briefed by the agency told reporters': the relative clause stepped over
    while i >= 0 and (doc[i].tag_ in ("RB", "MD") or doc[i].dep_ == "aux") \
            and doc[i].lower_ in ("also", "later", "then", "previously", "has", "had", "have", "would", "will"):
        i -= 1
    end = i
    while i >= 0 and (_in_noun_phrase(doc[i]) or (i == 0 and doc[i].is_title) or _in_quantity(doc, i, end)
                      or (doc[i].lower_ == "and" and 0 < i < end and doc[i + 1].tag_ in ("NNP", "NNPS")
                          and doc[i - 1].tag_ in ("NNP", "NNPS"))  # 'The BBC and Mediazona, working together, have'
                      or (doc[i].lower_ in ("of", "for", "from", "by") and i + 1 <= end and i > 0
                                                 and (doc[i - 1].tag_.startswith("NN") or _capital_word(doc[i - 1])
                                                      or (i == 1 and doc[0].is_title))
                                                 and (doc[i + 1].tag_ in ("DT", "NNP", "NNPS") or _capital_word(doc[i + 1])))):
        i -= 1  # a title with its 'of' ('Head of the Regional Military Administration Oleksandr Kovalchuk')
    if end < 0 or i == end or not (i < 0 or doc[i].text in (",", '"', "'", ":", ";", "-", "--") or doc[i].tag_ in ("''", "``")
                                   or (doc[i].lower_ in ("while", "whereas", "but", "and", "where", "when") and i > 0
                                       and doc[i - 1].text == ",")):
        return None
    nouns = [t for t in doc[i + 1:end + 1] if t.tag_.startswith("NN") or t.tag_ == "PRP" or _capital_word(t)
             or (t.i == 0 and t.is_title and t.tag_ not in FUNCTION_TAGS)]  # 'Kyiv updated ...' with 'Kyiv' an adverb
    return nouns[-1] if nouns else None


APPROXIMATORS = {"about", "nearly", "almost", "roughly", "around", "only", "just", "some", "over", "under", "fewer",
                 "less", "more", "than", "least", "at", "most", "barely"}


def _in_quantity(doc, i, end) -> bool:
    """A word of a quantity that heads a noun phrase: 'about half of voters', 'more than 4 in 10', '55 percent
    of Democrats' (its approximators, the 'in' of a ratio, the 'of' after a number or a share)."""
    if i >= end:
        return False
    word, after = doc[i], doc[i + 1]
    if word.lower_ in APPROXIMATORS:
        return after.tag_ == "CD" or after.lower_ in APPROXIMATORS or after.lower_ in ("half", "a", "one", "two", "three")
    if word.lower_ == "in":
        return i > 0 and doc[i - 1].tag_ == "CD" and after.tag_ == "CD"
    if word.lower_ == "of":
        return i > 0 and (doc[i - 1].tag_ == "CD" or doc[i - 1].lower_ in ("half", "percent", "majority", "third", "thirds",
                                                                          "quarter", "quarters", "most", "many", "all"))
    return False


class Lemmas:
    """The lemmas a word may have: an irregular form's ('said' -> say, from irregular_forms.jsonl), then the
    regular ones of its suffix ('insisted' -> insist, insiste). No trained lemmatiser runs: the cue lexicon
    only needs to know which verbs and nouns a word can be, and these rules answer that for any word, cached
    by its form."""

    def __init__(self, irregular: dict[str, str]):
        self.irregular = irregular
        self.of = lru_cache(maxsize=1 << 16)(self._candidates)

    def _candidates(self, lower: str) -> tuple[str, ...]:
        found = [self.irregular[lower]] if lower in self.irregular else []
        found.append(lower)
        for suffix, repl in (("ies", "y"), ("ied", "y"), ("es", ""), ("s", ""), ("ed", ""), ("ed", "e"), ("d", ""),
                             ("ing", ""), ("ing", "e")):
            if lower.endswith(suffix) and len(lower) > len(suffix) + 2:
                stem = lower[: -len(suffix)] + repl
                found.append(stem)
                if repl == "" and len(stem) > 3 and stem[-1] == stem[-2] and suffix in ("ed", "ing"):
                    found.append(stem[:-1])  # 'admitted' -> admit
        return tuple(dict.fromkeys(found))

    def __call__(self, token) -> tuple[str, ...]:
        return self.of(token.lower_)


FUNCTION_TAGS = ("DT", "PDT", "IN", "CC", "PRP", "PRP$", "WDT", "WP", "WP$", "WRB", "EX", "TO", "MD")  # never a name


def _capital_word(token) -> bool:
    """A capitalised word inside a sentence: a name whatever tag it got ('added Pavone' tagged as an adverb)."""
    return token.is_alpha and token.text[:1].isupper() and token.i > 0 and not token.is_sent_start


def _in_noun_phrase(token) -> bool:
    return (token.tag_ in NOUN_PHRASE_TAGS or _capital_word(token)) and not token.is_punct


def _nominal(token) -> bool:
    """A token that can head a source: a noun, a pronoun, a number ('Both said', 'The two said'), a name
    whatever its tag ('TASS' read as an adjective), a word after 'the' read as an adjective ('the general')."""
    return token.tag_.startswith("NN") or token.tag_ in ("PRP", "CD", "DT", "WP", "WDT", "EX", "FW") or _capital_word(token) \
        or (token.i == 0 and token.is_title and token.dep_.startswith("nsubj") and token.tag_ not in FUNCTION_TAGS) \
        or (token.tag_ == "JJ" and token.dep_.startswith("nsubj") and any(c.dep_ == "det" for c in token.children))


def _mistagged_subject(token):
    """The name before a reporting verb the tagger took for a plural noun ('Ukraine claims', 'the ISW reports',
    'X, who studies Y, estimates that' with the verb hung on X)."""
    left = [c for c in token.children if c.i < token.i and c.dep_ in ("nsubj", "compound", "nmod:poss", "amod")
            and (c.tag_ in ("NNP", "NNPS", "PRP") or c.ent_type_ or _capital_word(c))]
    if left:
        return max(left, key=lambda c: c.i)
    head = token.head
    if token.dep_ == "parataxis" and head.i < token.i and (head.tag_ in ("NNP", "NNPS") or head.ent_type_ == "PER"):
        return head
    return None


def _subject(verb):
    """The subject of a verb, or of the verb it is joined to ('said ... and added', 'went on to say',
    ', adding that ...')."""
    if verb.tag_.startswith("NN"):
        return next((c for c in verb.children if c.dep_ == "nsubj"), None) or _mistagged_subject(verb) \
            or _noun_phrase_before(verb)
    node = verb
    for _ in range(4):
        subjects = [c for c in node.children if c.dep_ in ("nsubj", "nsubj:outer", "csubj") and not _time_word(c)]
        if not subjects and node.tag_.startswith("VB") and not _passive(node):
            subjects = [c for c in node.children if c.dep_ == "nsubj:pass"]  # an active verb's subject mislabelled
        if len(subjects) > 1:  # two subjects is a misparse: a name before a common noun, else the one nearest the verb
            named = [c for c in subjects if c.tag_.startswith("NNP") or c.ent_type_ in ("PER", "ORG")]
            subjects = named or subjects
        if subjects:
            return min(subjects, key=lambda c: abs(c.i - node.i))
        participle = node.tag_ == "VBG" and _after_comma(node) and node.dep_ in (
            "advcl", "ccomp", "conj", "parataxis", "dep", "xcomp")  # ', adding that ...' however it was hung
        participle = participle or _adjunct_participle(node)  # 'While discussing the budget, the mayor ...'
        if node.dep_ in ("xcomp", "conj") or participle:
            if node.head.i == node.i:
                return None
            node = node.head
            if node.tag_.startswith("NN") and node.i < verb.i and verb.tag_ != "VBG":
                return node  # 'Ukraine's top commander, General X, claimed', the verb hung on the subject
            if _passive(node) and node.dep_ != "conj":
                return next((c for c in node.children if c.dep_ == "nsubj:pass"), None)
            continue
        if node.dep_ == "acl" and node.tag_ == "VBG" and node.i > 0 and node.doc[node.i - 1].text == ",":
            governor = node.head  # ', noting that ...' hung on the object: it shares the clause's subject
            while governor.head.i != governor.i and not governor.tag_.startswith("VB"):
                governor = governor.head
            if governor.tag_.startswith("VB") and governor.i != node.i:
                node = governor
                continue
            return None
        if node.dep_ in ("acl:relcl", "acl"):
            return node.head  # 'officials who said', 'officials estimated that' read as a modifier
        return None
    return None


PARTICIPLE_MARKS = {"while", "when", "after", "before", "since", "by", "in", "despite", "without", "upon", "on",
                    "through", "for", "from", "as"}


def _mistagged_before_to(token) -> bool:
    """A verb in -s the tagger took for a plural noun, subject of the 'to' clause right after it ('the company
    plans to expand', 'Okafor vows to appeal'); a noun's 'to' clause hangs on the noun instead ('his plans to
    expand were dropped')."""
    doc = token.doc
    return token.tag_ == "NNS" and token.lower_.endswith("s") and token.dep_ in ("nsubj", "nsubj:pass") \
        and token.i + 2 < len(doc) and doc[token.i + 1].lower_ == "to" and token.head.i == token.i + 2 \
        and token.head.tag_ == "VB" and not any(c.dep_ == "nmod:poss" or c.tag_ == "PRP$" for c in token.children)


def _after_comma(verb) -> bool:
    """A comma right before the verb, or before the adverbs before it (', wrongly hinting that ...')."""
    i = verb.i - 1
    while i > 0 and verb.doc[i].tag_ in ("RB", "RBR") and verb.doc[i].head.i == verb.i:
        i -= 1
    return i >= 0 and i < verb.i and verb.doc[i].text == ","


def _adjunct_participle(verb) -> bool:
    """A participle with no subject of its own that opens an adverbial clause ('While discussing the budget,',
    'after saying that', 'by promising') or the sentence ('Speaking to reporters, X said'): the subject of the
    clause it modifies does what it says."""
    if verb.dep_ != "advcl" or verb.head.i == verb.i or not verb.head.tag_.startswith("VB"):
        return False
    if any(c.dep_ in ("nsubj", "nsubj:pass", "csubj", "expl") for c in verb.children):
        return False
    if verb.tag_ == "VB":  # 'took to Twitter to say thanks', 'went on the show to talk about': a purpose
        listener = any(c.dep_ == "iobj" or (c.dep_ == "obj" and c.right_edge.i == verb.left_edge.i - 1)
                       for c in verb.head.children)
        if listener:
            return False  # 'asked the firm to explain': the one asked does what the clause says
        return any(c.dep_ == "mark" and c.lower_ == "to" and c.i == verb.i - 1 for c in verb.children) \
            or any(c.dep_ == "mark" and c.lower_ == "to" for c in verb.children) and verb.doc[verb.i - 1].tag_ == "RB"
    if verb.tag_ != "VBG":
        return False
    marked = any(c.dep_ in ("mark", "case") and c.lower_ in PARTICIPLE_MARKS and c.i < verb.i for c in verb.children)
    opening = verb.i == 0 or all(t.is_punct for t in verb.doc[:verb.i])
    return (marked or opening) and verb.dep_ == "advcl"


MONTHS = {name.lower() for name in calendar.month_name if name}
DAYS = {"today", "yesterday", "tonight", *(name.lower() for name in calendar.day_name)}


def _time_word(token) -> bool:
    """A word of time read as a subject ('Last week said ...' misparsed); a name spelt like one ('the Times said',
    'Day said', a capitalised proper noun that is no day of the week) is a subject like any other."""
    if token.lower_.rstrip("s") not in TIME_WORDS:
        return False
    return not (token.tag_ in ("NNP", "NNPS") and token.text[:1].isupper() and token.lower_ not in DAYS)


FINITE = ("VBD", "VBZ", "VBP")
ANSWERS = {"yes", "no", "so"}  # a whole answer in one word: 'said yes', 'said no', 'said so'


def _main_verb_read_as_modifier(verb) -> bool:
    """A verb the parse hung on a noun as a modifier that is the sentence's main verb: a finite form, or a past
    participle with no auxiliary right after a name or a pronoun, in a sentence with no other finite verb
    ('Brannigan praised the plan' read as 'Brannigan, the praised plan')."""
    if verb.dep_ not in ("amod", "acl") or any(c.dep_.startswith("aux") for c in verb.children):
        return False
    before = verb.doc[verb.i - 1] if verb.i else None
    if before is None or not (before.tag_ in ("NNP", "NNPS", "PRP") or _capital_word(before)):
        return False
    others = [t for t in verb.doc if t.i != verb.i and (t.tag_ in FINITE or t.tag_ == "MD")]
    if verb.tag_ in FINITE:
        return not any(t.dep_ == "ROOT" for t in others)
    return verb.tag_ == "VBN" and not others


def _that_after(verb):
    """A 'that' standing after the verb, past its particles, adverbs, commas and listener ('told the business
    daily Vedomosti that'): the start of its complement, whatever the parse made of it."""
    doc = verb.doc
    i = verb.i + 1
    listener = {t.i for c in verb.children if c.dep_ in ("iobj", "obj", "obl", "obl:unmarked", "obl:tmod") and c.i > verb.i
                for t in c.subtree}  # the listener, and when: 'reported last month that'
    broken = _broken(verb)  # a finite verb the parse made a modifier: its listener is read from the words
    relayed = {t.i for c in verb.children if c.tag_ == "VBG" and c.i > verb.i and doc[c.i - 1].text == ","
               and c.lower_ in ("citing", "quoting") for t in c.subtree}  # 'told reporters, citing X, that ...'
    listener |= relayed
    while i < len(doc) and (doc[i].dep_ in ("compound:prt", "advmod") or doc[i].is_punct or i in listener
                            or (broken and (_in_noun_phrase(doc[i]) or doc[i].tag_ == "IN"))) \
            and doc[i].lower_ != "that" and doc[i].text not in ('"', "'"):
        i += 1
    if i < len(doc) - 1 and doc[i].lower_ == "that" and i - verb.i <= 12 and (i == verb.i + 1 or (
            doc[i].tag_ in ("IN", "DT", "WDT") and (i - 1 not in relayed or doc[i].dep_ not in ("nsubj", "nsubj:pass", "obj")))):
        # (not the relative pronoun of 'citing an assessment by X that drew on ...')
        return doc[i]
    return None


def _in_longer_name(sentence, token, agents) -> bool:
    """Whether the word is part of a longer name found in the text ('Defence Intelligence', 'Statistics Office')."""
    start, end = sentence.start(token), sentence.end(token)
    return any(a.kind == "named" and a.span.start <= start and end <= a.span.end and a.span.end - a.span.start > end - start
               for a in agents)


FIRST_PERSON = {"i", "we"}  # in a speaker's own line, the speaker

# words a page shouts before a colon to label what follows (with any word in -ed or -ing)
SHOUTED = {"exclusive", "update", "analysis", "opinion", "comment", "editorial", "correction", "latest", "watch",
           "live", "warning", "verdict", "explainer", "factcheck"}


def _label(words) -> bool:
    """Words before a colon that label a part of the page rather than name a speaker: a verb ('Published',
    'Updated', 'Edited by', 'Pictured', 'Read more', 'Watch') or a time ('Next week')."""
    if any(t.lower_ in TIME_WORDS for t in words):
        return True
    lead = words[0] if len(words) else None
    if lead is None or lead.ent_type_ in ("PER", "ORG"):
        return False
    if len(words) == 1 and lead.is_upper and len(lead.text) >= 6 and (
            lead.lower_ in SHOUTED or lead.lower_.endswith(("ed", "ing"))):
        return True  # 'EXCLUSIVE:', 'BREAKING:', 'REVEALED:'; a name in capitals is a transcript's speaker ('OKAFOR:')
    return lead.tag_.startswith("VB") or (lead.lower_.endswith("ed") and not lead.tag_.startswith("NNP"))


def _broken(verb) -> bool:
    """A verb in the past or present tense that the parse hung as a modifier of a noun ('X told reporters that'
    read as 'told reporters'): a finite verb modifies no noun, so its roles are read from the words around it."""
    return verb.tag_ in ("VBD", "VBZ") and verb.dep_ in ("amod", "compound") and not any(
        c.dep_ in ("nsubj", "nsubj:pass", "obj", "ccomp") for c in verb.children)


def _complement_below(verb):
    """A 'that' clause the parse hung on a noun under the verb ('said in a letter to the minister that
    ...'): with 'that' as its complementiser, not a relative pronoun, it is the verb's complement."""
    for token in verb.subtree:
        if token.dep_ in ("acl", "acl:relcl", "ccomp") and token.head.i != verb.i and token.head.tag_.startswith("NN") \
                and token.head.dep_ in ("obl", "obj", "nmod", "iobj", "obl:npmod") \
                and any(c.dep_ == "mark" and c.lower_ == "that" for c in token.children) \
                and any(c.dep_ in ("nsubj", "nsubj:pass", "expl") for c in token.children):
            node = token.head
            while node.i != verb.i and node.head.i != node.i and node.dep_ not in ("ccomp", "xcomp", "advcl", "acl:relcl", "parataxis"):
                node = node.head
            if node.i == verb.i:
                return token
    return None


# nouns of time, which the parse sometimes takes for a subject ('a statement posted this week added')
TIME_WORDS = {"week", "month", "year", "day", "morning", "evening", "night", "weekend", "time", "hour", "today",
              "yesterday", "tonight", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
              "spring", "summer", "autumn", "winter", "fall", "decade", "minute"}
# prepositions of the circumstances of speaking, not of what is said: 'said in a statement', 'on Telegram'
PLACES = {"in", "on", "at", "during", "via", "through", "for", "after", "before", "with", "from", "by", "since", "over"}
ADVERBIAL_MARKS = {"because", "when", "as", "after", "before", "while", "if", "since", "although", "though", "until",
                   "unless", "once", "where", "so", "than", "whereas"}


def _finite_clause(token) -> bool:
    """A complement clause by its shape: introduced by 'that' or 'whether', or with a subject of its own
    and no adverbial conjunction ('said 12 soldiers were killed', not 'said so because it rained')."""
    marks = [c for c in token.children if c.dep_ == "mark"]
    if any(m.lower_ in ("that", "whether") and m.i == token.left_edge.i for m in marks):
        return True
    first = next((t for t in token.subtree if not t.is_punct), token)
    if first.lower_ in ADVERBIAL_MARKS or first.lower_ in ("where", "when", "while", "which", "who", "whose"):
        return False  # ', when X put the figure at ...': a clause of its own, not what is said
    if any(m.lower_ in ADVERBIAL_MARKS or m.lower_ == "to" for m in marks):
        return False
    return token.tag_.startswith("VB") and any(c.dep_ in ("nsubj", "nsubj:pass", "expl") for c in token.children) \
        or (token.dep_ == "parataxis" and token.tag_.startswith(("VB", "JJ", "NN")))


def _second_statement(clause) -> bool:
    """A clause after ', and', ', but', ', while' or ', whereas' with a subject of its own: another statement
    beside the one before it, not its content ('X put it at 5, and Y speaks of 8')."""
    words = [t for t in clause.subtree if not t.is_punct]
    doc = clause.doc
    if not words or words[0].i == 0 or doc[words[0].i - 1].text not in (",", ";"):
        return False
    return words[0].lower_ in ("and", "but", "while", "whereas", "whilst") and any(
        c.dep_ in ("nsubj", "nsubj:pass") for c in clause.children)


def _finite_clause_child(noun) -> bool:
    return any(c.dep_ in ("acl", "ccomp", "acl:relcl") and c.i > noun.i and _finite_clause(c) and _complete(c)
               for c in noun.children)


def _complete(clause) -> bool:
    """A clause after a noun that is what the noun says, not a relative clause about it: opened by 'that' or
    'whether', or with nothing missing ('claims Russia has lost 40 tanks'), where a relative clause lacks its
    object ('the claims the council has rejected')."""
    if any(c.dep_ == "mark" and c.lower_ in ("that", "whether") for c in clause.children):
        return True
    return any(c.dep_ in ("obj", "ccomp", "xcomp", "nsubj:pass", "cop", "expl") for c in clause.children)


def _content_case(noun) -> str:
    return next((g.lower_ for g in noun.children if g.dep_ == "case"), "")


def _negated(verb) -> bool:
    return any(c.dep_ in ("neg",) or (c.dep_ == "advmod" and c.lower_ in ("not", "n't", "never")) for c in verb.children)


def _named(token) -> bool:
    """A proper name by its tag or the recogniser."""
    return token.tag_ in ("NNP", "NNPS") or token.ent_type_ in ("PER", "ORG", "LOC")


def _phrase(head) -> list:
    """The noun phrase of ``head``: its subtree without clauses, appositions and asides, kept
    contiguous around the head."""
    keep = {head.i}
    stack = [head]
    while stack:
        node = stack.pop()
        for child in node.children:
            if child.dep_ in _OWN_CLAUSE or (node is head and child.dep_ in ("case", "mark")):
                continue  # 'by the ministry', 'according to X': the preposition is not the source
            if child.tag_ == "VBG" and child.i > 0 and child.doc[child.i - 1].text == ",":
                continue  # ', citing dock foremen' hung inside the phrase: a participle after a comma is a clause
            keep.add(child.i)
            stack.append(child)
    doc = head.doc
    lo = hi = head.i
    while lo - 1 in keep:
        lo -= 1
    while hi + 1 in keep:
        hi += 1
    tokens = [t for t in doc[lo:hi + 1]]
    while len(tokens) > 1 and tokens[0].is_punct:
        tokens = tokens[1:]
    while len(tokens) > 1 and (tokens[-1].is_punct or tokens[-1].tag_ == "POS"):
        tokens = tokens[:-1]
    return tokens


def _cue_tokens(verb) -> list:
    """The cue's words: the verb and its particle ('pointed out', 'hit back')."""
    return [verb] + [c for c in verb.children if c.dep_ == "compound:prt" and c.i == verb.i + 1]


class _MostNamed:
    """The person the article names most often before an offset (the first named, on a tie): who an
    interview's answers ('A: ...') are from. Asked for offsets in order, it counts each mention once,
    as the offsets pass it, rather than all the mentions before each answer again."""

    def __init__(self, mentions: list[EntityMention]):
        self.mentions = mentions
        self.by_end = sorted(range(len(mentions)), key=lambda n: (mentions[n].span.end, n))
        self._start()

    def _start(self) -> None:
        self.passed, self.offset, self.best = 0, -1, None
        self.count: dict[str, int] = {}
        self.first: dict[str, int] = {}  # a person's first mention counted, by its place in the list
        self.last: dict[str, tuple[int, Entity]] = {}  # and the entity of their last one
        self.waiting: dict[int, list[int]] = {}  # mentions passed whose entity is not (yet) a person

    def _count(self, n: int) -> None:
        entity = self.mentions[n].entity
        key = entity.key
        self.count[key] = self.count.get(key, 0) + 1
        self.first[key] = min(self.first.get(key, n), n)
        if n >= self.last.get(key, (-1, None))[0]:
            self.last[key] = (n, entity)
        if self.best is None or (self.count[key], -self.first[key]) > (self.count[self.best], -self.first[self.best]):
            self.best = key  # only this person's standing rose

    def before(self, offset: int) -> Entity | None:
        if offset < self.offset:
            self._start()
        self.offset = offset
        while self.passed < len(self.by_end) and self.mentions[self.by_end[self.passed]].span.end <= offset:
            n = self.by_end[self.passed]
            self.passed += 1
            if self.mentions[n].entity.type == "Person":
                self._count(n)
            else:
                self.waiting.setdefault(id(self.mentions[n].entity), []).append(n)
        return self.last[self.best][1] if self.best is not None else None

    def retyped(self, entity: Entity) -> None:
        """``entity`` has become a person: its mentions passed already count now."""
        for n in self.waiting.pop(id(entity), []):
            self._count(n)


class _Coverage:
    """Which characters of the text are already claimed by a name or a source phrase."""

    def __init__(self, length: int):
        self.count = [0] * (length + 1)

    def add(self, start: int, end: int) -> None:
        for i in range(start, end):
            self.count[i] += 1

    def remove(self, start: int, end: int) -> None:
        for i in range(start, end):
            self.count[i] -= 1

    def overlaps(self, start: int, end: int) -> bool:
        return any(self.count[start:end])

    def ends_before(self, norm: str, start: int) -> bool:
        """Whether a claimed phrase ends right before ``start`` ('MoD figures', "Ukraine's numbers")."""
        i = start
        while i > 0:
            if self.count[i - 1]:
                return True
            if norm[i - 1] in " '()\t\n":
                i -= 1
            elif norm[i - 1] == "s" and i > 1 and norm[i - 2] == "'":
                i -= 2
            else:
                return False
        return False


def _plural(label: str) -> bool:
    word = label.split()[-1].lower() if label.split() else ""
    return word.endswith("s") and not word.endswith("ss")


def _not_a_claim(cue, content: str) -> bool:
    """What follows the cue is the reporter's caveat ('The figures could not be independently
    verified'), or a counting verb counts no number ('Lviv counts the cost'): no one is
    credited with a claim there."""
    if CAVEAT.match(content):
        return True
    return cue is not None and cue.kind == "verb" and cue.form in COUNTING and not NUMBER.search(content)


def _reaches(start: _Hop, target: _Hop) -> bool:
    """Whether following ``via`` from ``start`` arrives at ``target`` (nesting must stay a tree)."""
    seen = set()
    current = start
    while current is not None and id(current) not in seen:
        if current is target:
            return True
        seen.add(id(current))
        current = current.via
    return False


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def _trim(norm: str, start: int, end: int) -> tuple[int, int]:
    """Without the spaces and punctuation at its edges; a sentence's closing stop is not content."""
    while start < end and norm[start] in " ,:;-\n":
        start += 1
    while end > start and norm[end - 1] in " ,:;-\n.!?":
        end -= 1
    return start, end


# what may stand between a cue and its quotation ('said: "..."', 'told the Sun, "..."'), and the
# characters such a gap is made of
_INTRODUCING, _INTRODUCING_CHARS = re.compile(r"[ \t]*[:,-][ \t]*"), re.compile(r"[ \t:,-]*")
_COMMAS = re.compile(r"[ ,:]*")  # between 'declaring it' and '"another super Tuesday"'
_TRAILING = re.compile(r"[ \t,:;.-]*")  # between '"...,"' and 'she said'
_SAID_AFTER = re.compile(r"[\s,:;.-]*(?:[\w.'-]+\s+){0,5}")  # '"...," said Okafor': at most five words between


_WORD = re.compile(r"\S+")
# what opens a second statement with its own source: ', while the ', '; ', ', but '
_CONTRAST = re.compile(r"(?:,\s*(?:while|whereas|but|and|whilst)|;)\s+(?:the\s+|a\s+|an\s+)?\Z", re.IGNORECASE)


class _Union:
    """The characters that any of some spans covers, as sorted disjoint spans: whether an offset is
    covered is a bisection."""

    def __init__(self, spans):
        self.starts, self.ends = [], []
        for start, end in sorted(span for span in spans if span[1] > span[0]):
            if self.ends and start <= self.ends[-1]:
                self.ends[-1] = max(self.ends[-1], end)
            else:
                self.starts.append(start)
                self.ends.append(end)

    def covers(self, offset: int) -> bool:
        index = bisect_right(self.starts, offset) - 1
        return index >= 0 and offset < self.ends[index]


def _two_words(quote: Quote) -> bool:
    return quote.words >= 2


def _next_quote(norm: str, quotes: Quotes, pos: int, gap: re.Pattern, chars: re.Pattern, fits=_two_words) -> Quote | None:
    """The first quotation after ``pos`` that ``fits``, with only ``gap`` between. ``chars`` matches any
    run of the characters ``gap`` may hold, none of them a quotation mark: a gap with another
    character in it is part of every gap to a later quotation, so the search stops there."""
    for index in range(quotes.index_starting_from(pos), len(quotes)):
        quote = quotes[index]
        if not chars.fullmatch(norm, pos, quote.span.start):
            return None
        if fits(quote) and gap.fullmatch(norm, pos, quote.span.start):
            return quote
    return None


def _speech_kind(norm: str, quotes: Quotes, content: tuple[int, int]) -> str:
    quoted = 0
    for quote in quotes.overlapping(*content):
        lo, hi = max(quote.span.start, content[0]), min(quote.span.end, content[1])
        if hi > lo:
            quoted += hi - lo
    length = max(1, content[1] - content[0])
    if quoted >= 0.9 * length:
        return "direct"
    if quoted > 0:
        return "mixed"
    return "indirect"
