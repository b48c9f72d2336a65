"""Entities: gazetteer names (a phrase matcher over tokens) and unknown names typed by rules.

Reads the normalised text; adds entity mentions. Aliases collapse to one
gazetteer id; an ambiguous alias ("Ministry of Defence") is resolved by the
publisher's country, then by the gazetteer's order. Names the gazetteer lacks
are still extracted and typed from titles, given names, head words
(Brigade, Ministry, Oblast...) and place prepositions, never dropped.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from ..model import Entity, Span
from .lexicon import GazetteerEntry, Lexicons, phrase_pattern
from .text import BYLINE
from .tokens import PhraseMatcher, Token, tokenize

MONTHS_DAYS = {
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday",
    "Saturday", "Sunday", "Easter", "Christmas", "New", "Year",
    "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec",
}
CONNECTORS = {"of", "for", "the", "and", "on", "de", "du", "al", "'s", "&"}
INSTITUTION_AFTER = re.compile(r"[ \t]+(?:[A-Z][\w'-]+[ \t]+(?:(?:of|for|and|the)[ \t]+)*){0,4}"
                               r"(?:Institute|University|College|School|Centre|Center|Foundation|Academy|Museum|Bank|Fund|Observatory)\b")
OUTLET_NOUNS = {"outlet", "newspaper", "daily", "broadcaster", "channel", "website", "tabloid", "magazine",
                "agency", "paper", "portal", "weekly", "site", "publication", "network", "station"}
PLACE_PREPOSITIONS = {"in", "near", "around", "outside", "towards", "toward", "into", "across",
                      "from", "at", "to", "of", "through", "along", "between", "and", "nearby", "within"}
# Endings of Ukrainian and Russian place names, for names no other rule could type.
TOPONYM = re.compile(r"(?:ivka|yivka|ilka|ivske|ivsk|ove|eve|yne|chne|shne|dne|tne|lne|ske|sk|ino|ovo|evo|stan|grad|hrad|pil|pol|opol|ivtsi|yntsi|kiv|ychi|ovychi|yanka|anka|ynka)$")
PLACE_NOUNS = {"community", "communities", "hamlet", "suburb", "area", "areas",
               "town", "towns", "city", "cities", "village", "villages", "region", "regions",
               "settlement", "settlements", "oblast", "province", "district", "outskirts", "port",
               "island", "border", "capital", "frontline", "direction", "sector", "coast"}
SENTENCE_WORDS = {
    "The", "A", "An", "In", "On", "At", "It", "Its", "This", "That", "These", "Those", "There", "Their",
    "They", "He", "She", "We", "You", "I", "But", "And", "Or", "As", "If", "When", "While", "After",
    "Before", "Since", "Despite", "Meanwhile", "However", "Although", "Though", "Yet", "So", "Also",
    "Many", "Some", "Most", "More", "Other", "Another", "Such", "Each", "Every", "All", "Both", "Several",
    "One", "Two", "New", "Latest", "Last", "Next", "Earlier", "Later", "According", "Following",
    "Outside", "Inside", "Under", "Over", "With", "Without", "From", "For", "By", "To", "Of", "Here",
    "Read", "More", "Comments", "Post", "Advertisement", "Trending", "Most", "Don't", "Miss",
    "Analysts", "Experts", "Officials", "Reports", "Sources", "Observers", "Critics", "Residents",
    "Moreover", "Additionally", "Still", "Now", "Then", "Today", "Yesterday", "Overall", "Separately",
    "Our", "My", "His", "Her", "Your", "What", "Who", "Why", "How", "Where", "Which", "Not", "No", "Yes",
    "Western", "Eastern", "Northern", "Southern", "European", "Soviet", "Baltic", "Nordic", "Allied",
    "Breaking", "Live", "Update", "Updated", "Watch", "Photo", "Video", "Image", "Pictured", "Credit",
}


@dataclass
class EntityMention:
    span: Span
    entity: Entity
    candidates: tuple[str, ...] = ()


class EntityFinder:
    def __init__(self, lexicons: Lexicons):
        self.lexicons = lexicons
        self.by_id: dict[str, GazetteerEntry] = {e.id: e for e in lexicons.gazetteer}
        self.alias_ids: dict[str, list[str]] = {}
        self.demonyms: dict[str, str] = {}  # 'Ukrainian' -> 'ukraine'
        self.by_country: dict[str, GazetteerEntry] = {}
        self.surface_to_id: dict[str, list[str]] = {}
        self.matcher = PhraseMatcher()
        for entry in lexicons.gazetteer:
            if entry.type == "Country" and entry.country:
                self.by_country.setdefault(entry.country, entry)
            for demonym in entry.demonyms:
                self.demonyms[demonym] = entry.id
            for alias in entry.aliases:
                alias = re.sub(r"^(?:the|The)\s+", "", alias.replace("\u2019", "'")).strip()
                if not alias:
                    continue
                key = alias.lower()
                ids = self.alias_ids.setdefault(key, [])
                if entry.id not in ids:
                    ids.append(entry.id)
                self.surface_to_id.setdefault(key, ids)
                case_sensitive = len(tokenize(alias)) == 1 or any(c.isupper() for c in alias[1:]) and len(alias) <= 6
                self.matcher.add(key, alias, ignore_case=not case_sensitive)
        countries = [a for e in lexicons.gazetteer if e.type == "Country" for a in (*e.aliases, *e.demonyms)]
        self.country_before_re = re.compile(r"(?<![\w.])(?P<country>" + phrase_pattern(countries).replace("(?:", "(?:", 1)
                                            + r")(?:'s)?\s+$")
        self.titles = lexicons.titles
        titles = "|".join(sorted((re.escape(t.rstrip(".")) for t in lexicons.titles), key=len, reverse=True))
        # 'Lt. Col.', 'Governor', 'Advisor on Children's Issues,' just before a name
        self.title_before = re.compile(rf"\b(?:{titles})\.?(?:\s+(?:on|for|of)\s+[\w' ]{{1,30}},)?\s+$")
        self.first_names = lexicons.first_names
        # a name ends with a head word of its kind ('... Brigade', '... Oblast'); a head alone is no name
        self.heads = [(kind, re.compile(r"\s(?:" + phrase_pattern(words) + r")$", re.IGNORECASE))
                      for kind, words in lexicons.entity_heads.items()]

    # -- gazetteer -----------------------------------------------------------------
    def gazetteer_mentions(self, tokens: list[Token], original: str, publisher_country: str) -> list[EntityMention]:
        mentions = []
        text = original
        for key, first, after in self.matcher.matches(tokens):
            s, e = tokens[first].idx, tokens[after - 1].end
            if (s > 1 and text[s - 1] == "-" and text[s - 2].isalnum()) or (e + 1 < len(text) and text[e] == "-" and text[e + 1].isalnum()):
                continue  # 'RBC-Ukraine' is a name of its own; 'military-industrial' is not the military
            if INSTITUTION_AFTER.match(text, e) and self.by_id[self.alias_ids[key][0]].type in ("Region", "Country"):
                continue  # 'Stockholm International Peace Research Institute', 'Kyiv School of Economics'
            ids = self.alias_ids[key]
            stated = self._country_before(text, s) if len(ids) > 1 else None
            if stated is not None and any(self.by_id[i].country == stated[0] for i in ids):
                # 'the U.K. Defense Ministry', 'Ukraine's General Staff': the country named decides
                ids = [i for i in ids if self.by_id[i].country == stated[0]]
                s = stated[1]
            chosen = self._resolve(ids, publisher_country)
            entry = self.by_id[chosen]
            mentions.append(EntityMention(Span(s, e, original[s:e]), self.entity_of(entry), tuple(ids)))
        return mentions

    def _country_before(self, text: str, start: int) -> tuple[str, int] | None:
        """(country code, start) of a country name or adjective right before ``start``."""
        match = self.country_before_re.search(text, max(0, start - 24), start)
        if match is None:
            return None
        entry = self.lookup(match.group("country")) if match.group("country") not in self.demonyms else \
            self.by_id[self.demonyms[match.group("country")]]
        if entry is None or not entry.country:
            return None
        return entry.country, match.start("country")

    def _resolve(self, ids: list[str], publisher_country: str) -> str:
        if len(ids) == 1:
            return ids[0]
        for entity_id in ids:
            if publisher_country and self.by_id[entity_id].country == publisher_country:
                return entity_id
        return ids[0]

    def entity_of(self, entry: GazetteerEntry) -> Entity:
        return Entity(key=entry.id, label=entry.label, type=entry.type, wikidata=entry.wikidata,
                      country=entry.country, known=True)

    def _ids(self, surface: str) -> list[str]:
        return self.alias_ids.get(re.sub(r"^the\s+", "", surface.lower().replace("\u2019", "'")).strip(), [])

    def candidates(self, surface: str) -> list[GazetteerEntry]:
        """Every gazetteer entry one of whose aliases is this name ('the' and curly quotes aside)."""
        return [self.by_id[i] for i in self._ids(surface)]

    def lookup(self, surface: str) -> GazetteerEntry | None:
        ids = self._ids(surface)  # called for every candidate name: no list built
        return self.by_id[ids[0]] if ids else None

    def armed_forces_of(self, country: str) -> GazetteerEntry | None:
        entry = self.by_country.get(country)
        if not entry:
            return None
        for demonym in entry.demonyms:
            for noun in ("armed forces", "forces", "military"):
                found = self.lookup(f"{demonym} {noun}")
                if found and found.type == "MilitaryBody":
                    return found
        return None

    # -- names the gazetteer lacks -----------------------------------------------------
    def unknown_mentions(self, tokens: list[Token], original: str, sentence_starts: set[int], taken: list[Span]) -> list[EntityMention]:
        covered = set()
        for span in taken:
            covered.update(range(span.start, span.end))
        for line in re.finditer(r"[^\n]+", original):
            words = re.findall(r"[A-Za-z][\w'-]*", line.group())
            if BYLINE.match(line.group()):
                continue
            if len(words) >= 4 and sum(w[0].isupper() for w in words if len(w) > 3) >= 0.8 * sum(len(w) > 3 for w in words):
                covered.update(range(line.start(), line.end()))  # a Title Case Headline names nothing by its capitals
        mentions = []
        i = 0
        while i < len(tokens):
            token = tokens[i]
            if not token.text[:1].isupper() or token.idx in covered or not _capitalised(token) or token.text in MONTHS_DAYS:
                i += 1
                continue
            j = i
            while j + 1 < len(tokens):
                nxt = tokens[j + 1]
                if nxt.idx in covered or "\n" in tokens[j].whitespace_:
                    break
                if nxt.text == "-" and not tokens[j].whitespace_ and not nxt.whitespace_ and j + 2 < len(tokens) \
                        and _capitalised(tokens[j + 2]) and tokens[j + 2].idx not in covered:
                    j += 2  # 'RBC-Ukraine'
                    continue
                if _capitalised(nxt) and nxt.text not in MONTHS_DAYS:
                    j += 1
                    continue
                if nxt.text in CONNECTORS and (tokens[j].whitespace_ or nxt.text == "'s") and j + 2 < len(tokens) and _capitalised(tokens[j + 2]) and tokens[j + 2].idx not in covered \
                        and tokens[j + 2].text not in MONTHS_DAYS:
                    j += 2
                    continue
                break
            run = tokens[i:j + 1]
            i = j + 1
            for part in self._split_before_name(run):
                mention = self._type_run(part, tokens, original, sentence_starts)
                if mention:
                    mentions.append(mention)
        return mentions

    def _split_before_name(self, run: list) -> list[list]:
        """'Defense Minister Boris Pistorius', 'Zaporizhzhia Regional Military Administration Oleksandr
        Kovalchuk': a title or a given name inside a run starts a person's name."""
        for k in range(1, len(run) - 1):
            word = run[k].text.rstrip(".")
            if word in self.first_names and run[k + 1].text[:1].isupper() and run[k - 1].text not in CONNECTORS:
                return [run[:k], run[k:]]
            if (run[k].text in self.titles or word in self.titles) and run[k + 1].text in self.first_names:
                return [run[:k + 1], run[k + 1:]]
        return [run]

    def _type_run(self, run, tokens, original, sentence_starts) -> EntityMention | None:
        titled = False
        # strip sentence words, demonyms and titles from the front
        while run and (run[0].text in SENTENCE_WORDS and (run[0].idx in sentence_starts or len(run) == 1 or run[0].text in ("The", "A", "An"))
                       or (run[0].idx in sentence_starts and run[0].lower_.endswith(("ing", "ed")) and len(run[0].text) > 5)
                       or run[0].text in self.demonyms or run[0].text in CONNECTORS
                       or run[0].text in self.titles or run[0].text.rstrip(".") in self.titles):
            if run[0].text in self.titles or run[0].text.rstrip(".") in self.titles:
                titled = True
            run = run[1:]
        while run and (run[-1].text in CONNECTORS or run[-1].text in ("'s", "'")):
            run = run[:-1]
        if not run:
            return None
        words = [t.text for t in run]
        if all(w.isupper() for w in words) and len(words) > 1:
            return None  # a shouted heading such as 'LATEST DEVELOPMENTS'
        first = run[0]
        line_start = original.rfind("\n", 0, first.idx) + 1
        # 'MOSCOW, Dec 18', 'ORIKHIV, Ukraine': one word in capitals opening a line, then a comma or slash
        dateline = len(words) == 1 and words[0].isupper() and not original[line_start:first.idx].strip() \
            and re.match(r"\s*[,/]", original[first.idx + len(words[0]):]) is not None
        if len(words) == 1 and words[0].isupper() and len(words[0]) > 5 and not dateline:
            return None  # 'THOUSAND', 'BREAKING'
        before = tokens[first.i - 1] if first.i > 0 else None
        before2 = tokens[first.i - 2] if first.i > 1 else None
        if self.title_before.search(original[max(0, first.idx - 60):first.idx]):
            titled = True
        kind = self._head_type(words)
        start, end = first.idx, run[-1].idx + len(run[-1].text)
        if kind == "MilitaryUnit" and before is not None and re.fullmatch(r"\d+(?:st|nd|rd|th)", before.text):
            start = before.idx
        elif kind is None and before is not None and before.lower_ == "by" and BYLINE.match(original, line_start) \
                and 2 <= len(words) <= 3:
            kind = "Person"  # a byline: 'By Tom Mercer', '(Reporting by Pavel Orlov'
        elif kind is None and before is not None and before.lower_ in OUTLET_NOUNS:
            kind = "NewsOutlet"  # 'the business daily Vedomosti'
        elif kind is None and (titled or words[0] in self.first_names) and len(words) <= 4 and all(w[:1].isupper() for w in words):
            kind = "Person"
        elif kind is None and before is not None and before.lower_ in PLACE_PREPOSITIONS and (
                before.lower_ not in ("of", "and", "to", "at") or (before2 is not None and before2.lower_ in PLACE_NOUNS | PLACE_PREPOSITIONS | {"north", "south", "east", "west"})):
            kind = "Region"
        elif kind is None:
            after = tokens[run[-1].i + 1] if run[-1].i + 1 < len(tokens) else None
            if after is not None and after.lower_ in ("region", "regions", "oblast", "province", "district"):
                kind = "Region"
        if kind is None and dateline and len(words[0]) > 3:
            kind = "Region"
        if kind is None and len(words) == 1 and words[0][1:].islower() and TOPONYM.search(words[0].lower()) \
                and words[0] not in self.first_names and words[0] not in SENTENCE_WORDS:
            kind = "Region"
        if len(words) == 1 and kind is None and (first.idx in sentence_starts or words[0] in SENTENCE_WORDS
                                                 or words[0].rstrip("s") in self.demonyms):
            return None  # a capitalised first word, or 'Russians', with no other evidence of a name
        if len(words) == 1 and len(words[0].rstrip(".")) == 1:
            return None  # a lone letter: 'X' the platform, the 'Q' of 'Q&A', an initial
        surface = original[start:end]
        known = self.lookup(surface)
        if known is not None:
            return EntityMention(Span(start, end, surface), self.entity_of(known))  # 'KYIV' in a dateline is Kyiv
        label = surface.title() if surface.isupper() and len(surface) > 4 else surface
        entity = Entity(key=slug(label), label=label, type=kind or "Entity")
        return EntityMention(Span(start, end, surface), entity)

    def _head_type(self, words: list[str]) -> str | None:
        text = " ".join(words)
        for kind, pattern in self.heads:
            if pattern.search(text):
                return kind
        if words[0] in ("Ministry", "Institute", "Office", "Department", "Directorate", "Centre", "Center", "Council", "Committee"):
            return "GovernmentBody" if words[0] in ("Ministry", "Office", "Department", "Directorate") else "Organisation"
        return None


_CAPITALISED = re.compile(r"[A-Z][\w.'-]*")


def _capitalised(token) -> bool:
    text = token.text
    if not text[:1].isupper():
        return False
    if not any(c.isalpha() for c in text):
        return False
    return bool(_CAPITALISED.fullmatch(text)) and not text.endswith("-")


def slug(label: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", label.lower().replace("'s", "")).strip("-") or "entity"
