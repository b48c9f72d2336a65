"""Attributions: who the article credits, with the cue, the content and the chain.

Reads sentences, quotations and entity mentions; adds Attribution objects.
Each attribution is one hop: a source (named, vague, or a pronoun or
description resolved to an earlier source), a cue ("according to", "said",
"figures from"...), the content it covers, and the outer hop it is reported
through (``via``), so "the MoD added that: '... according to Ukrainian
General Staff reporting'" gives the General Staff via the MoD.
"""
from __future__ import annotations

import hashlib
import re
from bisect import bisect_left
from itertools import islice
from dataclasses import dataclass

from ..model import Attribution, Entity, Span, SpanIndex
from .entities import EntityFinder, EntityMention, slug
from .figures import SCALES, TENS, UNITS
from .lexicon import Lexicons, WordStartPattern, phrase_pattern
from .text import BYLINE, Quote

SOURCE_TYPES = {"Person", "Country", "Region", "Organisation", "GovernmentBody", "MilitaryBody",
                "NewsOutlet", "ResearchOrganisation", "InternationalOrganisation", "MilitaryUnit",
                "VagueSource", "Entity"}  # not Platform (a channel) nor Event
LOOKBACK = 200  # sources and mentions a pronoun or description may refer back to
ARMED_NOUNS = r"(?:armed\s+forces|forces|army|military|troops|soldiers)"
# where reported speech that is not quoted stops: a new clause that brings its own source
SIBLING_BOUNDARY = re.compile(r",?\s+(?:with|while|whereas|but|as|and)\s+|,\s+(?:when|after|before|although|though|since|because)\s+|[;:]\s*|,\s+(?=[A-Z])")
# a name inside an aside after the subject is not the speaker: 'X, cited by RIA Novosti, claimed'
CITED_BY = re.compile(r",\s*(?:(?:cited|quoted|as\s+reported|as\s+quoted)\s+by|citing|quoting|according\s+to|"
                      r"(?:working|together|in\s+partnership|in\s+cooperation)\s+with|alongside|with\s+help\s+from)\s+(?:the\s+)?(?:[\w'-]+\s+){0,3}$",
                      re.IGNORECASE)
PASSIVE_AUX = re.compile(r"\b(?:was|were|been|being|is|are|be)\s+(?:\w+ly\s+)?$", re.IGNORECASE)
ANAPHORIC = re.compile(r"\s*(?:this|that|these|those|the\s+(?:figures?|data|numbers|information|tally))\s+(?:was|were|is|are|has\s+been|have\s+been)\s+(?:\w+\s+)?", re.IGNORECASE)
LIST_ITEM = re.compile(r"\s*(?:[-*\u2022\u2013]\s*|[a-z(])")
CAVEAT = re.compile(r"\s*(?:cannot|can\s*not|can't|could\s+not|couldn't|could\s+not\s+yet|have\s+not|has\s+not|had\s+not|"
                    r"were\s+not|was\s+not|are\s+not|is\s+not|haven't|hasn't|weren't|wasn't|aren't|isn't)\s+"
                    r"(?:yet\s+)?(?:be\s+|been\s+)?(?:independently\s+|immediately\s+|separately\s+)?"
                    r"(?:verified|confirmed|corroborated|checked)\b", re.IGNORECASE)
COUNTING = re.compile(r"counts|counted|tallies|tallied|logs|logged|tracks|lists|listed")
# a number in digits or words, with the figure finder's own number words
NUMBER = re.compile(rf"\d|\b(?:{'|'.join([*UNITS, *TENS, *SCALES])}|dozen|score|half)s?\b", re.IGNORECASE)
NEGATION = re.compile(r"\b(?:not|n't|never|declined\s+to|refused\s+to|would\s+not|did\s+not|does\s+not)\b", re.IGNORECASE)
TELL_OBJECT = re.compile(r"\s*(?:reporters|journalists|lawmakers|legislators|parliament|congress|senators|a\s+(?:news\s+)?(?:briefing|conference)|(?:the\s+)?[A-Z][\w.&'-]*(?:\s+[A-Z][\w.&'-]*){0,3}|(?:the|a|an)\s+[\w-]+(?:\s+[\w-]+)?)(?=[\s,.:;]|$)")
TRAILING = re.compile(r"^\s*,?\s*(?:[.!?;)\]]+\s*$|(?:on|in|at|to|during|via|through|late|early|earlier|later|this|last|yesterday|today|tonight|overnight|while|when|after|before|as|citing|speaking|adding|noting|quoting|according|who|which|without|with|separately|also|monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b|$)", re.IGNORECASE)
IMPERSONAL = re.compile(r"\b(?:been|is|was|are|were|be)\s+(?:also\s+|widely\s+|now\s+)?$", re.IGNORECASE)


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



class AttributionFinder:
    def __init__(self, lexicons: Lexicons, entities: EntityFinder):
        self.entities = entities
        self._previous_sentence: Span | None = None
        self.cue_res = {
            kind: WordStartPattern.of_phrases(sorted({p for row in lexicons.cues.values() if row["kind"] == kind for p in row["patterns"]}))
            for kind in ("verb", "according_to", "passive", "noun", "relay")
        }
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
            inside = [a for a in named if start <= a.span.start and a.span.end < end - len(head)
                      and head not in self.data_heads and head not in self.documents] if taken.overlaps(start, end) else []
            if inside:
                for a in inside:
                    taken.remove(a.span.start, a.span.end)
                if taken.overlaps(start, end):
                    for a in inside:
                        taken.add(a.span.start, a.span.end)
                else:
                    # 'a senior Pentagon official': the name is the unnamed source's affiliation
                    result = [a for a in result if a not in inside]
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
                owner = next((a for a in named if a.span.start in (after, after + 4) and
                              norm[after:a.span.start].lower() in ("", "the ")), None)
                if owner is not None:
                    end_all = owner.span.end
            label = original[start:end_all]
            entity = Entity(key=f"{article_id}/vague/{slug(label)}", label=label, type="VagueSource", country=country)
            if end_all != end:
                result = [a for a in result if not (a.kind == "named" and a.span.end == end_all)]
            result.append(Agent(Span(start, end_all, label), entity, "vague"))
            taken.add(start, end_all)
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
    def resolve(self, agent: Agent, history: list[Agent], mentions: list[EntityMention], article_id: str = "") -> Agent | None:
        """The entity a pronoun or description ('he', 'the ministry') stands for: the nearest fitting
        source before it, speakers first, looking back at most ``LOOKBACK`` sources and mentions
        (so an article of ten thousand attributions costs ten thousand short looks, not a square)."""
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
        row = self.descriptors[key]
        types = set(row.get("types", []))
        words = [w.lower() for w in row.get("label_words", [])]
        earlier = list(islice((h for h in reversed(history) if h.span.end <= agent.span.start), LOOKBACK))
        if key == "he":
            candidates = earlier  # 'he' and 'she' are the person last named, speaking or not
        else:
            candidates = [h for h in earlier if h.kind == "speaker"] + [h for h in earlier if h.kind != "speaker"]
        if key in ("he",):
            candidates += [Agent(m.span, m.entity, "named") for m in before if m.entity.type == "Person"]
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

    # -- attributions ----------------------------------------------------------------------
    def find(self, norm: str, original: str, sentences: list[Span], quotes: list[Quote],
             mentions: list[EntityMention], article_id: str, publisher_key: str) -> list[Attribution]:
        agents = self.agents(norm, original, mentions, article_id)
        cues = self._cues(norm, original)
        hops: list[_Hop] = []
        history: list[Agent] = []
        agent_starts = [a.span.start for a in agents]
        cue_starts = [c.span.start for c in cues]
        previous = None
        for sentence in sentences:
            self._previous_sentence, previous = previous, sentence
            if BYLINE.match(norm, sentence.start):
                continue
            # agents and cues are sorted by start: take each sentence's share by bisection
            s_agents = [a for a in agents[bisect_left(agent_starts, sentence.start):bisect_left(agent_starts, sentence.end)]
                        if a.span.end <= sentence.end]
            s_cues = cues[bisect_left(cue_starts, sentence.start):bisect_left(cue_starts, sentence.end)]
            used: set[int] = set()
            sentence_hops: list[_Hop] = []
            agent_spans = [a.span for a in s_agents]
            consumed: list[tuple[int, int]] = []
            for kind in ("verb", "according_to", "passive", "noun", "relay"):
                for cue in (c for c in s_cues if c.kind == kind):
                    if kind == "verb" and any(_overlaps((cue.span.start, cue.span.end), (s.start, s.end)) for s in agent_spans):
                        continue  # 'reports' inside 'according to reports' is a noun
                    if any(_overlaps((cue.span.start, cue.span.end), c) for c in consumed):
                        continue  # 'tally' inside 'updated its tally'

                    hop = getattr(self, f"_{kind}")(norm, sentence, cue, s_agents, used, quotes, sentence_hops)
                    if hop is None or (hop.content is not None and not re.search(r"\w", norm[hop.content[0]:hop.content[1]])):
                        continue
                    if hop.content is not None and _not_a_claim(norm, cue, norm[hop.content[0]:hop.content[1]]):
                        continue
                    current = [a for a in s_agents if a.entity is not None and a.kind == "named"] + \
                              [Agent(h.agent.span, h.agent.entity, "speaker") for h in sentence_hops]
                    resolved = hop.agent if hop.agent.entity is not None else \
                        self.resolve(hop.agent, history + current, mentions, article_id)
                    if resolved is None:
                        continue
                    hop.own = bool(resolved.entity and resolved.entity.key == publisher_key)
                    hop.agent = resolved
                    used.add(id_of(hop.agent.span))
                    consumed.append((cue.span.start, cue.span.end))
                    sentence_hops.append(hop)
                    outlet = self._told_outlet(norm, cue, s_agents, publisher_key) if kind == "verb" else None
                    if outlet is not None:
                        outer = _Hop(outlet, cue, hop.content)
                        hop.relay_parent = outer
                        used.add(id_of(outlet.span))
                        sentence_hops.append(outer)
            if not sentence_hops:
                headline = self._headline(norm, sentence, s_agents)
                if headline is not None:
                    sentence_hops.append(headline)
            self._truncate_siblings(norm, sentence, sentence_hops, quotes)
            new = [Agent(hop.agent.span, hop.agent.entity, "speaker")
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
        return self._to_model(hops, norm, original, quotes, article_id)

    def _told_outlet(self, norm, cue, agents, publisher_key) -> Agent | None:
        """'told the business daily Vedomosti': an outlet that is not the article's own relays the speaker."""
        if cue.form not in ("told", "tells", "tell", "telling"):
            return None
        window = norm[cue.span.end:cue.span.end + 60]
        obj = TELL_OBJECT.match(window) or re.match(r"\s*(?:the\s+)?(?:[\w-]+\s+){0,3}", window)
        limit = cue.span.end + (obj.end() if obj else 0) + 1
        for agent in agents:
            if cue.span.end < agent.span.start <= limit and agent.entity is not None \
                    and agent.entity.type == "NewsOutlet" and agent.entity.key != publisher_key:
                return agent
        return None

    def _headline(self, norm, sentence, agents) -> _Hop | None:
        """Headline forms: 'General Staff: Russia has lost 849,870 troops' and '... 1,700 troops - Defense Ministry'."""
        text = norm[sentence.start:sentence.end]
        first = next((a for a in agents if a.span.start == sentence.start and a.entity is not None), None)
        if first is not None and re.match(r"\s*:\s+\S", norm[first.span.end:sentence.end]):
            colon = norm.index(":", first.span.end)
            return _Hop(first, _Cue(Span(colon, colon + 1, ":"), "verb", ":"), _trim(norm, colon + 1, sentence.end))
        last = next((a for a in reversed(agents) if a.entity is not None), None)
        if last is not None and re.fullmatch(r"\s*[.!?]?\s*", norm[last.span.end:sentence.end]):
            dash = re.search(r"\s-\s+(?:the\s+)?$", norm[sentence.start:last.span.start], re.IGNORECASE)
            if dash and len(text.split()) > 4:
                at = sentence.start + dash.start() + 1
                return _Hop(last, _Cue(Span(at, at + 1, "-"), "verb", "-"), _trim(norm, sentence.start, at))
        return None

    def _list_items(self, norm, hops) -> list[_Hop]:
        """A paragraph ending with a colon introduces a list: its source covers the items that follow
        ('The General Staff gives the following breakdown:' / 'tanks - 10,641 (+4);')."""
        extra = []
        for hop in [h for h in hops if h.content is not None and h.relay_parent is None and not h.own]:
            line_end = norm.find("\n", hop.content[0])
            line_end = len(norm) if line_end == -1 else line_end
            if not norm[:line_end].rstrip().endswith(":") or hop.content[1] < len(norm[:line_end].rstrip()) - 1:
                continue
            position = line_end + 1
            while position < len(norm):
                end = norm.find("\n", position)
                end = len(norm) if end == -1 else end
                item = norm[position:end]
                if not item.strip() or not (LIST_ITEM.match(item) or len(item.split()) <= 8) or self._has_cue(item):
                    break
                extra.append(_Hop(hop.agent, None, _trim(norm, position, end)))
                position = end + 1
        return extra

    def _continued_quotes(self, norm, quotes, hops) -> list[_Hop]:
        """A quotation with no speaker of its own, right after one that has, in the same
        paragraph, is the same speaker going on: '"...," she said. "Last night it was nine."'"""
        extra = []
        for quote in quotes:
            if any(h.content and h.content[0] <= quote.span.start < h.content[1] for h in hops):
                continue
            paragraph_start = norm.rfind("\n", 0, quote.span.start) + 1
            owners = [h for h in hops if h.content and h.relay_parent is None
                      and paragraph_start <= h.content[0] and h.content[1] <= quote.span.start
                      and _quote_containing(quotes, h.content[0] + 1) is not None]
            if not owners:
                continue
            owner = max(owners, key=lambda h: h.content[1])
            between = norm[owner.content[1]:quote.span.start]
            if between.count('"') or len(between.split()) > 25 or self._has_cue(between.replace(owner.cue.span.text if owner.cue else "\0", "")):
                continue
            extra.append(_Hop(owner.agent, None, (quote.span.start, quote.span.end)))
        return extra

    def _cues(self, norm: str, original: str) -> list[_Cue]:
        cues = []
        for kind, match in ((kind, match) for kind, pattern in self.cue_res.items() for match in pattern.finditer(norm)):
            form = match.group().lower()
            if kind == "according_to" and form == "per" and not re.match(r"\s+(?:the\s+)?[A-Z]", norm[match.end():match.end() + 6]):
                continue
            if kind == "according_to" and form != "per" and not match.group()[0].islower() and match.start() > 0 and norm[match.start() - 1] not in ' "\'(\n':
                continue
            cues.append(_Cue(Span(match.start(), match.end(), original[match.start():match.end()]), kind, form))
        cues.sort(key=lambda c: c.span.start)
        return cues

    # each kind of cue: find the source agent and the content span
    def _verb(self, norm, sentence, cue, agents, used, quotes, hops) -> _Hop | None:
        if cue.form.endswith("ing") and re.search(r",\s*$", norm[sentence.start:cue.span.start]):
            # ', adding that...' shares the main verb's source; with no source yet in the sentence,
            # the sentence's subject speaks: 'Zelensky renewed his appeal, saying ...'
            opener = next((a for a in agents if a.entity is not None and len(norm[sentence.start:a.span.start].split()) <= 3), None)
            if hops or opener is None or id_of(opener.span) in used:
                return None
            return _Hop(opener, cue, _trim(norm, cue.span.end, sentence.end))
        before = [a for a in agents if a.span.end <= cue.span.start and id_of(a.span) not in used]
        subject = None
        if PASSIVE_AUX.search(norm[max(sentence.start, cue.span.start - 16):cue.span.start]) \
                and re.match(r"\s+by\b", norm[cue.span.end:cue.span.end + 4]):
            return None  # 'were reported by the General Staff': the passive cue's source
        after_comma = norm[sentence.start:cue.span.start].rstrip().endswith(",")
        if hops and re.search(r"\b(?:and|but|then)\s+(?:\w+\s+)?$", norm[sentence.start:cue.span.start]):
            return None  # 'X said ..., and said separately that ...': X's content already runs to the end
        for agent in reversed(before):
            gap = norm[agent.span.end:cue.span.start]
            words = len(gap.split())
            if agent.entity is not None and agent.entity.type == "Platform":
                continue
            if CITED_BY.search(norm[max(sentence.start, agent.span.start - 60):agent.span.start]):
                continue  # 'X, cited by RIA Novosti, claimed': RIA is an outer hop, X the speaker
            parenthetical = re.fullmatch(r"\s*,(?:[^,;\"]{0,140},){0,3}\s*", gap)
            if after_comma and not parenthetical:
                tail = gap.strip().rstrip(",")
                if agent.entity is not None and agent.entity.type != "Person" and len(tail.split()) <= 3 \
                        and not re.search(r"\d|\b(?:that|which|who)\b", tail):
                    subject = agent  # 'Mark Rutte, the Nato secretary-general, told': the apposition below
                    break
                continue  # '..., claims Ukraine.' puts the source after the verb; a name inside an aside is not it
            if not parenthetical:
                if '"' in gap or ";" in gap or re.search(r"\b(?:that|which|who)\b", gap):
                    break
                if words > (3 if agent.kind == "pronoun" else 8):
                    break
            if IMPERSONAL.search(gap) and agent.kind == "pronoun":
                return None
            subject = agent
            break
        if subject is not None and subject.entity is not None and subject.entity.type != "Person" \
                and re.search(r",\s*$", norm[subject.span.end:cue.span.start]):
            # 'Colonel X, a former commander of the Royal Tank Regiment, said': the person speaks
            appositive = re.search(r",\s*(?:a|an|the|who|whose|which|former|then)\b[^,]*$",
                                   norm[sentence.start:subject.span.start])
            if appositive:
                comma = sentence.start + appositive.start()
                head = [a for a in before if a.span.end <= comma and re.fullmatch(r"\s*", norm[a.span.end:comma])
                        and a.entity is not None and a.entity.type == "Person"]
                if head:
                    subject = head[-1]
        quote_before = _quote_ending_before(norm, quotes, subject.span.start if subject else cue.span.start, sentence.start)
        if subject is None:
            # inverted: '"...," said Colonel X.' or '..., claims Ukraine.'
            lead = norm[sentence.start:cue.span.start].rstrip()
            if not (lead.endswith(",") or lead.endswith('"') or lead.endswith("'") or quote_before is not None):
                return None
            after = [a for a in agents if a.span.start >= cue.span.end and id_of(a.span) not in used
                     and re.fullmatch(r"\s*(?:[\w.-]+\s+){0,3}", norm[cue.span.end:a.span.start])
                     and not re.search(r"\b(?:that|to|of|in)\b", norm[cue.span.end:a.span.start])]
            if not after or cue.form.endswith("ing") or cue.form in ("told", "tells", "tell"):
                return None
            subject = after[0]
            content = quote_before or (sentence.start, _strip_end(norm, sentence.start, len(lead) + sentence.start))
            return _Hop(subject, cue, _trim(norm, *content))
        if NEGATION.search(" ".join(norm[subject.span.end:cue.span.start].split()[-3:])):
            return None  # 'It did not say whether...'
        rest = norm[cue.span.end:sentence.end]
        if cue.form in ("told", "tells", "tell", "telling"):
            obj = TELL_OBJECT.match(rest)
            if obj and not obj.group().strip().lower().startswith("that"):
                rest = rest[obj.end():]
        lead = norm[sentence.start:subject.span.start].rstrip()
        comma = max(lead.rfind(","), lead.rfind('"'))
        preamble = lead[comma + 1:]
        speaker_after = quote_before is not None or (
            comma > 0 and len(preamble.split()) <= 10
            and not re.search(r"\b(?:according|to|by|from|citing|per|with|as|that)\b", preamble, re.IGNORECASE))
        participle = re.match(r"\s*,\s*(?:adding|noting|saying|claiming|stressing|explaining|insisting|warning|citing|quoting)\b", rest)
        if speaker_after and participle and (participle.group().strip(" ,") in ("citing", "quoting")
                                             or not self._has_cue(rest[participle.end():])):
            return _Hop(subject, cue, _trim(norm, sentence.start, sentence.end))
        if speaker_after and TRAILING.match(rest) and not re.search(r"\bthat\b|:|\"", " ".join(rest.split()[:6])):
            content = quote_before or (sentence.start, sentence.start + comma)
            if quote_before is None and re.search(r",\s+\w+[^,]*\w", rest) and not self._has_cue(rest):
                content = (sentence.start, sentence.end)  # '..., X said on Monday, still short of 100,000.'
            return _Hop(subject, cue, _trim(norm, *content))
        quote = _quote_starting_after(norm, quotes, cue.span.end, sentence.end)
        if quote is not None and quote.words > 3:
            gap = norm[cue.span.end:quote.span.start]
            if (":" in gap and len(gap.split()) <= 12) or len(gap.split()) <= 2:
                return _Hop(subject, cue, (quote.span.start, quote.span.end))
        start = sentence.end - len(rest)
        # 'said in a post on Telegram that ...': the place of speaking is not content
        lead_in = re.match(r"\s*(?:(?:(?:on|in|at|during|via)\s+(?:a|an|the|its|his|her|their)?\s*[\w-]+(?:\s+(?:on|to)\s+[\w-]+)?\s+)?(?:that\s*:?|:|,))?\s*", norm[start:sentence.end])
        start += lead_in.end() if lead_in else 0
        content = _trim(norm, start, sentence.end)
        if not re.search(r"\w", norm[content[0]:content[1]]):
            return None  # 'according to General Staff reporting.': a noun, not a verb
        return _Hop(subject, cue, content)

    def _according_to(self, norm, sentence, cue, agents, used, quotes, hops) -> _Hop | None:
        after = [a for a in agents if a.span.start >= cue.span.end and id_of(a.span) not in used]
        phrase = []
        for agent in after:
            gap = norm[cue.span.end:agent.span.start]
            if "," in gap or len(gap.split()) > 6:
                break
            if agent.entity is not None and agent.entity.type == "Platform":
                continue
            phrase.append(agent)
        # 'according to figures from the Ukrainian Ministry of Defence': the name, not 'figures'
        source = next((a for a in phrase if a.kind != "vague"), phrase[0] if phrase else None)
        if source is None:
            return None
        quote = _quote_containing(quotes, cue.span.start)
        floor = max(sentence.start, quote.inner[0]) if quote else sentence.start
        ceiling = min(sentence.end, quote.inner[1]) if quote else sentence.end
        lead = norm[floor:cue.span.start]
        if lead.rstrip().endswith(",") and norm[_np_end(norm, source.span.end, ceiling) - 1:_np_end(norm, source.span.end, ceiling)] == ",":
            return _Hop(source, cue, _trim(norm, floor, ceiling))  # '..., by the reckoning of X, was losing ...'
        if len(re.findall(r"\w+", lead)) >= 3:
            tail = norm[_np_end(norm, source.span.end, ceiling):ceiling]
            if re.match(r"\s*:\s*\S", norm[source.span.end:ceiling]):
                return _Hop(source, cue, _trim(norm, floor, ceiling))  # 'according to the Kiel Institute: 132bn against 114bn'
            if re.match(r"\s*and\s+\w", tail) and not self._has_cue(tail):
                return _Hop(source, cue, _trim(norm, floor, ceiling))  # '..., according to X, and aims to build Y'
            return _Hop(source, cue, _trim(norm, floor, _strip_end(norm, floor, cue.span.start)))
        np_end = _np_end(norm, source.span.end, ceiling)
        return _Hop(source, cue, _trim(norm, np_end, ceiling))

    def _has_cue(self, text: str) -> bool:
        return any(pattern.search(text) for kind, pattern in self.cue_res.items() if kind != "noun")

    def _passive(self, norm, sentence, cue, agents, used, quotes, hops) -> _Hop | None:
        after = [a for a in agents if a.span.start >= cue.span.end and id_of(a.span) not in used
                 and len(norm[cue.span.end:a.span.start].split()) <= 3]
        if not after:
            return None
        lead = norm[sentence.start:cue.span.start]
        if NEGATION.search(" ".join(lead.split()[-4:])):
            return None  # 'could not be independently confirmed by Reuters': Reuters confirmed nothing
        previous = self._previous_sentence
        if previous is not None and ANAPHORIC.fullmatch(lead) and "\n" not in norm[previous.end:sentence.start]:
            return _Hop(after[0], cue, _trim(norm, previous.start, sentence.end))  # '... 931,500 personnel. This was reported by X.'
        if len(re.findall(r"\w+", lead)) >= 2:
            return _Hop(after[0], cue, _trim(norm, sentence.start, sentence.end))
        return _Hop(after[0], cue, _trim(norm, _np_end(norm, after[0].span.end, sentence.end), sentence.end))

    def _noun(self, norm, sentence, cue, agents, used, quotes, hops) -> _Hop | None:
        owner = None
        after = [a for a in agents if a.span.start >= cue.span.end and a.kind != "vague"]
        if after and re.fullmatch(r"\s*(?:(?:published|compiled|released|provided|issued|gathered|collected)\s+)?(?:from|by)\s+(?:the\s+)?", norm[cue.span.end:after[0].span.start], re.IGNORECASE):
            owner = after[0]  # 'figures from the Ukrainian Ministry of Defence'
        if owner is None:
            owner = next((a for a in agents if a.span.start <= cue.span.start and cue.span.end <= a.span.end), None)
        if owner is None:
            before = [a for a in agents if a.span.end <= cue.span.start]
            if before:
                gap = norm[before[-1].span.end:cue.span.start]
                if re.fullmatch(r"\s*(?:'s?|\)|\(\w+\))?\s*(?:(?:latest|new|own|daily|official|previous|updated|most\s+recent|last)\s+)*", gap, re.IGNORECASE):
                    owner = before[-1]
        if owner is None:
            after = [a for a in agents if a.span.start >= cue.span.end]
            if after and re.fullmatch(r"\s*(?:(?:published|compiled|released|provided|issued|gathered|collected)\s+)?(?:from|by|of)\s+(?:the\s+)?", norm[cue.span.end:after[0].span.start], re.IGNORECASE):
                owner = after[0]
        if owner is None or id_of(owner.span) in used or (owner.entity is not None and owner.entity.type == "Platform"):
            return None
        start = max(cue.span.end, owner.span.end)
        if re.match(r"\s+(?:that|show|shows|showed|suggest|suggests|indicate|indicates|say|says|said)\b", norm[start:sentence.end], re.I) is None:
            start = _np_end(norm, start, sentence.end) if norm[start:start + 2].strip().startswith(",") else start
        return _Hop(owner, cue, _trim(norm, start, sentence.end))

    def _relay(self, norm, sentence, cue, agents, used, quotes, hops) -> _Hop | None:
        after = [a for a in agents if a.span.start >= cue.span.end and id_of(a.span) not in used
                 and len(norm[cue.span.end:a.span.start].split()) <= 5 and "," not in norm[cue.span.end:a.span.start]]
        if not after:
            return None
        if after[0].kind == "vague" and after[0].entity is not None:
            head = after[0].entity.label.lower().split()[-1]
            named = [a for a in after if a.kind != "vague"]
            if named and (head in self.data_heads or head in self.documents):
                after = named  # 'citing figures from the Ukrainian General Staff'
        parents = [h for h in hops if h.agent.span.end <= cue.span.start]
        if parents:
            parent = max(parents, key=lambda h: h.agent.span.end)
        else:  # 'Citing Western officials, he says ...'
            later = [h for h in hops if h.agent.span.start > cue.span.end and h.relay_parent is None]
            if not later:
                return None
            parent = min(later, key=lambda h: h.agent.span.start)
        hop = _Hop(after[0], cue, parent.content, relay_parent=parent)
        return hop

    # -- structure --------------------------------------------------------------------------
    def _truncate_siblings(self, norm, sentence, hops, quotes) -> None:
        """Reported speech stops where a new clause brings its own source (', with figures from X')."""
        for hop in hops:
            if hop.content is None or hop.relay_parent is not None:
                continue
            if _quote_containing(quotes, hop.content[0]) is not None:
                continue
            for other in hops:
                if other is hop or other.relay_parent is not None or other.cue is None:
                    continue
                first = min(other.agent.span.start, other.cue.span.start)
                if not (hop.content[0] < first < hop.content[1]):
                    continue
                if _quote_containing(quotes, first) is not None:
                    continue
                boundary = None
                for match in SIBLING_BOUNDARY.finditer(norm, hop.content[0], first):
                    boundary = match
                if boundary is not None and not re.search(r"\b(?:that|:)\s*$", norm[hop.content[0]:boundary.start()]):
                    hop.content = _trim(norm, hop.content[0], boundary.start())
        for hop in hops:
            if hop.relay_parent is not None:
                hop.content = hop.relay_parent.content  # a relay covers what its parent covers

    def _nest(self, hops: list[_Hop]) -> None:
        outers = SpanIndex((h.content[0], h.content[1], h) for h in hops
                           if h.content is not None and h.relay_parent is None)
        for hop in hops:
            if hop.relay_parent is not None:
                hop.via = hop.relay_parent
                continue
            anchor = hop.cue.span.start if hop.cue else hop.agent.span.start
            best = None
            for outer in outers.containing(min(anchor, hop.agent.span.start), max(anchor, hop.agent.span.end)):
                if outer is hop:
                    continue
                if best is None or (outer.content[1] - outer.content[0]) < (best.content[1] - best.content[0]):
                    best = outer
            if best is not None and not _reaches(best, hop):
                hop.via = best

    def _to_model(self, hops, norm, original, quotes, article_id) -> list[Attribution]:
        ids = {}
        result = []
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


def _not_a_claim(norm: str, cue, content: str) -> bool:
    """What follows the cue is the reporter's caveat ('The figures could not be independently
    verified'), or a counting verb counts no number ('Lviv counts the cost'): no one is
    credited with a claim there."""
    if CAVEAT.match(content):
        return True
    return cue.kind == "verb" and COUNTING.fullmatch(norm[cue.span.start:cue.span.end].lower()) is not None \
        and not NUMBER.search(content)


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


def id_of(span: Span) -> int:
    return span.start * 100003 + span.end


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def _trim(norm: str, start: int, end: int) -> tuple[int, int]:
    while start < end and norm[start] in " ,:;-\n":
        start += 1
    while end > start and norm[end - 1] in " ,:;-\n":
        end -= 1
    return start, end


def _strip_end(norm: str, start: int, end: int) -> int:
    while end > start and norm[end - 1] in " ,:;-\n":
        end -= 1
    return end


def _np_end(norm: str, pos: int, limit: int) -> int:
    """End of the phrase that names the source: the next comma, or the limit."""
    comma = norm.find(",", pos, limit)
    return comma + 1 if comma != -1 else limit


def _quote_containing(quotes: list[Quote], pos: int) -> Quote | None:
    return next((q for q in quotes if q.span.start < pos < q.span.end), None)


def _quote_ending_before(norm: str, quotes: list[Quote], pos: int, floor: int = 0) -> tuple[int, int] | None:
    """The quotation that ends just before ``pos`` (a speaker's name), inside the same sentence."""
    for quote in quotes:
        if floor < quote.span.end <= pos and re.fullmatch(r"[ \t,]*(?:[\w.'-]+[ \t]+){0,4}", norm[quote.span.end:pos]) and quote.words > 2:
            return quote.span.start, quote.span.end
        if quote.span.end > pos:
            break
    # a quotation whose closing mark follows its last comma: '"...,"'
    return None


def _quote_starting_after(norm: str, quotes: list[Quote], pos: int, limit: int) -> Quote | None:
    return next((q for q in quotes if pos <= q.span.start < limit), None)


def _speech_kind(norm: str, quotes: list[Quote], content: tuple[int, int]) -> str:
    quoted = 0
    for quote in quotes:
        lo, hi = max(quote.span.start, content[0]), min(quote.span.end, content[1])
        if hi > lo:
            quoted += hi - lo
    length = max(1, content[1] - content[0])
    if quoted >= 0.9 * length:
        return "direct"
    if quoted > 0:
        return "mixed"
    return "indirect"
