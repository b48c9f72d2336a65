"""Entities: gazetteer names (a phrase matcher over tokens) and unknown names typed by rules.

Reads the normalised text; adds entity mentions. Aliases collapse to one
gazetteer id; an ambiguous alias ("Ministry of Defence") is resolved by the
publisher's country, then by the gazetteer's order. Names the gazetteer lacks
are still extracted and typed, never dropped: by their own strong evidence
(head words such as Brigade, Ministry, Inc; titles; given names; bylines; a
noun before them, 'the packaging company X'; a line of sports results), then
by the recogniser's label, then by weak context (a place preposition, a
toponym's ending, an acronym). ``reconcile`` gives all mentions of one name in
an article one type by the weight of that evidence and links surnames to the
full name.
"""
from __future__ import annotations

import re
from bisect import bisect_left
from collections import Counter, defaultdict
from itertools import accumulate
from dataclasses import dataclass
from types import SimpleNamespace

from ..model import ENTITY_TYPES, Entity, Span
from .lexicon import GazetteerEntry, Lexicons, phrase_pattern
from .text import BYLINE, Lines
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


RECOGNISED_TYPES = {"PER": "Person", "ORG": "Organisation", "LOC": "Region"}
PLACE_TYPES = {"Region", "Country"}
ORGANISATION_TYPES = {"Organisation", "GovernmentBody", "MilitaryBody", "NewsOutlet", "ResearchOrganisation",
                      "InternationalOrganisation", "Platform"}
_NO_ENTRY = SimpleNamespace(type=None)
DIRECTIONS = {"north", "south", "east", "west", "northeast", "northwest", "southeast", "southwest",
              "north-east", "north-west", "south-east", "south-west"}
# what separates the names of a list: ', ', ' and ', ', and ', a parenthesis after a name: ' (captain), '
LIST_GAP = re.compile(r"(?:[ \t]+\([^()\n]{1,30}\))?(?:,[ \t]+(?:and[ \t]+)?|[ \t]+and[ \t]+)")
# a role in a body, just after the body's name: 'Surrey captain', 'Rabobank analyst', 'Cofinec CEO'
MEMBER_ROLES = {"manager", "captain", "coach", "chairman", "chairwoman", "CEO", "owner", "striker", "defender",
                "midfielder", "goalkeeper", "winger", "pitcher", "shortstop", "quarterback", "spokesman",
                "spokeswoman", "spokesperson", "analyst", "economist", "executive", "boss", "general", "shareholders",
                "chief", "teammate", "team-mate", "skipper", "forward", "president", "employees", "staff"}
# the short forms of US states that follow a town's name: 'Jacksonville, Fla.'
US_STATES = {"Ala", "Ariz", "Ark", "Calif", "Colo", "Conn", "Del", "Fla", "Ga", "Ill", "Ind", "Kan", "Ky", "La", "Md",
             "Mass", "Mich", "Minn", "Miss", "Mo", "Mont", "Neb", "Nev", "Okla", "Ore", "Pa", "Tenn", "Tex", "Va",
             "Vt", "Wash", "Wis", "Wyo", "N.Y", "N.J", "N.C", "S.C", "N.M", "N.D", "S.D", "N.H", "W.Va", "D.C"}
# a common noun just before a name that says it names an organisation
ORGANISATION_NOUNS = {"company", "firm", "group", "club", "side", "bank", "maker", "manufacturer", "producer", "carrier",
                      "airline", "insurer", "lender", "retailer", "conglomerate", "operator", "distributor", "chain",
                      "party", "organisation", "organization", "union", "movement", "brokerage", "exporter", "importer",
                      "subsidiary", "consortium", "supplier", "publisher", "utility", "automaker", "carmaker", "charity",
                      "startup", "start-up", "developer", "miner", "refiner", "broadcaster", "federation", "association"}
# plural names of places: 'the Alps', 'the Balkans', 'the Great Lakes'
PLACE_PLURALS = {"Alps", "Balkans", "Andes", "Himalayas", "Rockies", "Pyrenees", "Urals", "Carpathians", "Lakes",
                 "Islands", "Isles", "Mountains", "Highlands", "Lowlands", "Heights", "Hills", "Falls", "Springs",
                 "Plains", "Territories", "Americas", "Caribbeans", "Keys", "Indies", "Emirates", "States", "Baltics",
                 "Midlands", "Dardanelles", "Glades", "Everglades", "Steppes", "Flats", "Narrows", "Gardens", "Woods"}
# peoples, faiths and political camps named in the plural: 'the Kurds', 'the Democrats' name no organisation
PEOPLES = {"Kurds", "Serbs", "Croats", "Arabs", "Jews", "Muslims", "Moslems", "Christians", "Catholics",
           "Protestants", "Hindus", "Sikhs", "Buddhists", "Democrats", "Republicans", "Conservatives", "Liberals",
           "Tories", "Greens", "Turks", "Poles", "Danes", "Swedes", "Finns", "Scots", "Welsh", "Brits", "Americans",
           "Africans", "Asians", "Europeans", "Latinos", "Tamils", "Sunnis", "Shias", "Shiites", "Allies", "Nazis",
           "Soviets", "Britons", "Uzbeks", "Tajiks", "Kazakhs", "Pashtuns", "Uighurs",
           "Uyghurs", "Rohingya", "Hutus", "Tutsis", "Bosniaks", "Albanians", "Saudis", "Emiratis", "Israelis",
           "Iraqis", "Pakistanis", "Afghans", "Somalis", "Yemenis", "Kuwaitis", "Qataris", "Omanis", "Thais",
           "Filipinos", "Chechens", "Ossetians", "Abkhaz", "Cossacks", "Tatars", "Palestinians", "Lebanese"}
# capitals that are no names: units, currencies, times, common abbreviations
NOT_NAMES = {"GDP", "GNP", "CEO", "CFO", "COO", "IPO", "GMT", "EDT", "EST", "BST", "CET", "UTC", "PST", "CST", "RBI",
             "ERA", "AIDS", "HIV", "TV", "PM", "AM", "VAT", "CPI", "PPI", "PMI", "FX", "OK", "USD", "EUR", "GBP",
             "JPY", "CHF", "RUB", "UAH", "ATM", "DNA", "PC", "SMS", "FAQ", "RIP", "MVP", "ID", "PS", "VIP", "POW",
             "MP", "MPs", "KM", "KG", "MW", "GW", "BBL", "BPD", "YOY", "NOTE", "LOL", "FYI", "ASAP", "AKA", "DIY",
             "HQ", "PR", "QB", "RBIs", "ET", "PT", "CT", "ESG", "AI", "IT", "IQ", "EV", "EVs", "SUV", "NB"}
# 'the town of X', 'north of X', 'residents of X': what X is when an 'of' phrase names it
OF_PLACE = {"residents", "inhabitants", "outskirts", "suburbs", "streets", "mayor", "people", "citizens", "centre",
            "center", "heart", "edge"}
PLACE_AFTER = {"region", "regions", "oblast", "province", "district", "village", "town", "city"}
# a head word that opens a name and governs an 'of' phrase: 'University of Michigan', 'Bank of England'
FIRST_HEADS = {"University": "ResearchOrganisation", "College": "ResearchOrganisation", "Academy": "ResearchOrganisation",
               "Bank": "Organisation", "Association": "Organisation", "Federation": "Organisation",
               "Union": "Organisation", "Party": "Organisation", "Society": "Organisation", "Museum": "Organisation",
               "Organisation": "Organisation", "Organization": "Organisation", "League": "Organisation",
               "Agency": "GovernmentBody", "Commission": "GovernmentBody", "Board": "GovernmentBody",
               "Bureau": "GovernmentBody", "Court": "Organisation", "Church": "Organisation", "Order": "Organisation",
               "Ministry": "GovernmentBody", "Institute": "Organisation", "Office": "GovernmentBody",
               "Department": "GovernmentBody", "Directorate": "GovernmentBody", "Centre": "Organisation",
               "Center": "Organisation", "Council": "Organisation", "Committee": "Organisation"}
# titles that, inside a run of capitals, always start a person's name: 'Zairean Prime Minister Kengo'
PERSON_TITLES = {"President", "Minister", "Premier", "Chancellor", "Governor", "Mayor", "Senator", "Ambassador",
                 "Cardinal", "Archbishop", "Bishop", "Pope", "King", "Queen", "Prince", "Princess", "Sheikh",
                 "Mr", "Mrs", "Ms", "Dr", "Sir", "Judge", "Coach", "Rabbi", "Imam", "Colonel", "Lieutenant",
                 "Sergeant", "Admiral", "Rev", "Reverend", "Dame", "Patriarch", "Congressman", "Congresswoman"}
# what may follow a dateline's place: 'MOSCOW, Dec 18', 'MINSK 1996-08-30', 'KYIV (Reuters) -', 'KYIV/MOSCOW'
DATELINE_AFTER = re.compile(r"[ \t]*(?:[,/]|\d{4}-\d\d-\d\d\b|(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?[ \t]+\d"
                            r"|\([A-Z][\w ]*\)[ \t]*-|-{1,2}[ \t]|$)", re.MULTILINE)  # '$': 'MINSK' alone on its line


def _recognised_label(recognised: list[tuple[int, int, str]], start: int, end: int) -> str:
    """The recogniser's label over most of ``start:end``, or ''."""
    best, share = "", 0
    i = bisect_left(recognised, (start, -1))
    for s, e, label in recognised[max(0, i - 2):i + 3]:
        overlap = min(e, end) - max(s, start)
        if overlap > share:
            best, share = label, overlap
    return best if share * 2 >= end - start else ""


# how strongly a mention's own evidence types it: the article's mentions of one name take the type
# of their strongest evidence (then of the most mentions at that strength)
GAZETTEER, STRONG, RECOGNISED, WEAK, NO_EVIDENCE = 4, 3, 2, 1, 0


@dataclass
class EntityMention:
    span: Span
    entity: Entity
    candidates: tuple[str, ...] = ()
    strength: int = GAZETTEER  # GAZETTEER: a known entity; STRONG: a head word, a title, a given name...
    tentative: bool = False  # a lone capitalised word opening a sentence: a name only if named elsewhere
    recognised: str = ""  # the recogniser's type for this span, a vote when the article's mentions are reconciled
    speaks: bool = False  # a speech verb follows ('Nerweyi said'): a person or an organisation, not a place
    before: str = ""  # the word before, lower-cased ('in' Washington)


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
        self.caps_matcher = PhraseMatcher()  # places and people, matched in lines written in capitals
        for entry in lexicons.gazetteer:
            if entry.type in ("Country", "Region", "Person"):
                for alias in entry.aliases:
                    alias = re.sub(r"^(?:the|The)\s+", "", alias.replace("\u2019", "'")).strip()
                    if sum(c.isalpha() for c in alias) >= 4 and alias.lower() in self.alias_ids:
                        self.caps_matcher.add(alias.lower(), alias, ignore_case=True)
        countries = [a for e in lexicons.gazetteer if e.type == "Country" for a in (*e.aliases, *e.demonyms)]
        self.country_before_re = re.compile(r"(?<![\w.])(?P<country>" + phrase_pattern(countries).replace("(?:", "(?:", 1)
                                            + r")(?:'s)?\s+$", re.IGNORECASE)  # the trie is of lower-case words
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
            if after - first == 1 and self.by_id[self.alias_ids[key][0]].type in ("Region", "Country") \
                    and self._in_personal_name(tokens, first):
                continue  # 'Michael Jordan', 'Jordan Henderson': a place's name as a person's
            ids = self.alias_ids[key]
            stated = self._country_before(text, s) if len(ids) > 1 else None
            if stated is not None and any(self.by_id[i].country == stated[0] for i in ids):
                # 'the U.K. Defense Ministry', 'Ukraine's General Staff': the country named decides
                ids = [i for i in ids if self.by_id[i].country == stated[0]]
                s = stated[1]
            chosen = self._resolve(ids, publisher_country)
            entry = self.by_id[chosen]
            mentions.append(EntityMention(Span(s, e, original[s:e]), self.entity_of(entry), tuple(ids),
                                          speaks=_speaks(tokens, first, after), before=tokens[first - 1].lower_ if first else ""))
        mentions.extend(self._shouted_mentions(tokens, original, mentions))
        return mentions

    def _in_personal_name(self, tokens: list[Token], i: int) -> bool:
        """The place name at token ``i`` is part of a person's name: a given name stands just
        before it, or it is a given name itself and a surname follows ('Jordan Henderson')."""
        before = tokens[i - 1] if i > 0 else None
        if before is not None and before.whitespace_ == " " and before.text in self.first_names:
            return True
        nxt = tokens[i + 1] if i + 1 < len(tokens) else None
        return tokens[i].text in self.first_names and nxt is not None and tokens[i].whitespace_ == " " \
            and _capitalised(nxt) and nxt.text[1:].islower() and self.lookup(nxt.text) is None \
            and self._head_type(["x", nxt.text]) is None

    def _shouted_mentions(self, tokens: list[Token], original: str, found: list[EntityMention]) -> list[EntityMention]:
        """A line in capitals ('SOCCER - BELGIUM BEAT TURKEY 2-1', 'MINSK 1996-08-30') names the places
        and people the gazetteer knows whatever their case."""
        taken = set()
        for m in found:
            taken.update(range(m.span.start, m.span.end))
        mentions = []
        starts = [t.idx for t in tokens]
        for line in re.finditer(r"[^\n]+", original):
            text = line.group()
            if not re.search(r"[A-Z]{3}", text) or text.upper() != text:
                continue
            inside = tokens[bisect_left(starts, line.start()):bisect_left(starts, line.end())]
            for key, first, after in self.caps_matcher.matches(inside):
                s, e = inside[first].idx, inside[after - 1].end
                if any(c in taken for c in range(s, e)):
                    continue
                entry = self.by_id[self.alias_ids[key][0]]
                mentions.append(EntityMention(Span(s, e, original[s:e]), self.entity_of(entry), tuple(self.alias_ids[key])))
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
    def unknown_mentions(self, tokens: list[Token], original: str, sentence_starts: set[int], taken: list[Span],
                         recognised: list[tuple[int, int, str]] = ()) -> list[EntityMention]:
        """Names the gazetteer lacks: runs of capitalised words, typed from their own evidence (head
        words, titles, given names, bylines), then the recogniser's label (``recognised``: start, end,
        PER | ORG | LOC), then weaker context (a place preposition, a toponym's ending). Each mention
        carries the strength of the evidence that typed it (``EntityMention.strength``), so that the
        article's mentions of one name can be given one type by the weight of their evidence."""
        recognised = sorted(recognised)
        covered = set()
        for span in taken:
            covered.update(range(span.start, span.end))
        places = sorted((s.start, s.end) for s in taken if (self.lookup(s.text) or _NO_ENTRY).type in PLACE_TYPES)
        headline = set()
        for line in re.finditer(r"[^\n]+", original):
            words = re.findall(r"[A-Za-z][\w'-]*", line.group())
            if BYLINE.match(line.group()):
                continue
            if len(words) >= 4 and sum(w[0].isupper() for w in words if len(w) > 3) >= 0.8 * sum(len(w) > 3 for w in words) \
                    and not _listing(line.group()) and (line.group().upper() == line.group() or not SENTENCE_END.search(line.group())):
                # a Title Case Headline (or a line in capitals) names nothing by its capitals; a line of prose
                # that ends its sentence is read even if most of its words are names ('Ivan Dorosh met Tomas
                # Brenek in Velmara on Monday.')
                headline.update(range(line.start(), line.end()))
        blocked = covered | headline
        runs = []
        i = 0
        while i < len(tokens):
            token = tokens[i]
            if not token.text[:1].isupper() or token.idx in covered or not _capitalised(token) or token.text.title() in MONTHS_DAYS:
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
                if nxt.text in ("of", "for", "on") and j + 3 < len(tokens) and tokens[j + 2].text == "the" \
                        and _capitalised(tokens[j + 3]) and tokens[j + 3].idx not in covered and tokens[j + 3].text not in MONTHS_DAYS \
                        and "\n" not in nxt.whitespace_ + tokens[j + 2].whitespace_ \
                        and self._head_type([t.text for t in tokens[i:j + 1]]) is not None:
                    j += 3  # 'Coordination Headquarters for the Treatment of ...': a body's name goes on over 'for the'
                    continue
                break
            runs.append(tokens[i:j + 1])
            i = j + 1
        mentions = []
        lines = Lines(original)
        teams = _results_teams([(r[0].idx, r[-1].end) for r in runs], [(s.start, s.end) for s in taken], original, lines)
        for start, end in sorted(teams & {(s.start, s.end) for s in taken}):
            name = original[start:end]
            name = name.title() if name.isupper() and len(name) > 4 else name
            mentions.append(EntityMention(Span(start, end, original[start:end]),
                                          Entity(key=slug(name), label=name, type="Organisation"), strength=STRONG))
        for run in self._organisations_around_places(runs, places, tokens, original, recognised, mentions):
            for part in self._segments(run, recognised, lambda token: _opens_sentence(token, original, sentence_starts)):
                mention = self._type_run(part, tokens, original, sentence_starts, recognised, teams, headline, lines=lines)
                if mention:
                    mentions.append(mention)
        found = sorted((m.span.start, m.span.end) for m in mentions)
        for start, end, label in recognised:  # a name only the recogniser saw ('de Klerk', 'eBay')
            i = bisect_left(found, (start, -1))
            near = found[max(0, i - 1):i + 1]
            if any(s < end and start < e for s, e in near) or any(start <= c < end for c in (start, end - 1) if c in blocked):
                continue
            surface = original[start:end]
            if not any(ch.isupper() for ch in surface) or surface in SENTENCE_WORDS or surface in self.titles \
                    or surface in self.demonyms or surface.rstrip("s") in self.demonyms:
                continue
            known = self.lookup(surface)
            entity = self.entity_of(known) if known is not None else \
                Entity(key=slug(surface), label=surface, type=RECOGNISED_TYPES[label])
            mentions.append(EntityMention(Span(start, end, surface), entity, strength=RECOGNISED if known is None else GAZETTEER))
        self._type_acronyms(mentions, taken, original)
        self._type_lists(mentions, taken, original)
        return mentions

    def _type_acronyms(self, mentions: list[EntityMention], taken: list[Span], original: str) -> None:
        """'the Bank Rozwoju Exportu SA (BRE)': an acronym defined in brackets after a name, with the
        name's initial, is of the name's type."""
        by_start = {m.span.start: m for m in mentions}
        names = [(m.span.start, m.span.end, m.entity.type, m.strength) for m in mentions if m.entity.type != "Entity"]
        names += [(t.start, t.end, (self.lookup(t.text) or _NO_ENTRY).type, GAZETTEER) for t in taken]
        for start, end, kind, strength in names:
            if kind is None or original[end:end + 2] != " (":
                continue
            inner = by_start.get(end + 2)
            if inner is None or original[inner.span.end:inner.span.end + 1] != ")" or inner.entity.known:
                continue
            short, long = (inner, original[start:end]) if re.fullmatch(r"[A-Z][A-Z&.-]{1,7}", inner.span.text) else (None, "")
            if short is None or short.strength >= min(strength, STRONG) or short.span.text[0] != re.sub(r"^[Tt]he\s+", "", long)[:1].upper():
                continue
            short.entity.type, short.strength, short.recognised, short.tentative = kind, min(strength, STRONG), "", False

    def _type_lists(self, mentions: list[EntityMention], taken: list[Span], original: str) -> None:
        """'Derek Smith, Colin Hendry, Stuart McCall and Gary McAllister': the names of a list are of
        one kind. Where most of a list's names (three or more) are typed alike, its untyped names and
        those only the recogniser or weak context typed otherwise take that type."""
        items = sorted([(m.span.start, m.span.end, m) for m in mentions]
                       + [(s.start, s.end, None) for s in taken], key=lambda x: (x[0], -x[1]))
        lists, current = [], []
        for item in items:
            if current and current[-1][1] <= item[0] and LIST_GAP.fullmatch(original, current[-1][1], item[0]):
                current.append(item)
            else:
                if len(current) >= 3:
                    lists.append(current)
                current = [item]
        if len(current) >= 3:
            lists.append(current)
        for members in lists:
            kinds = Counter()
            for s, e, m in members:
                if m is None:
                    entry = self.lookup(original[s:e])
                    if entry is not None:
                        kinds[ENTITY_TYPES.get(entry.type, "Entity")] += 1
                elif m.entity.type != "Entity" and m.strength >= RECOGNISED:
                    kinds[m.entity.category] += 1
            if not kinds:
                continue
            kind, votes = kinds.most_common(1)[0]
            if votes < 3 or votes < 0.75 * sum(kinds.values()) or kind not in ("Person", "Organisation", "Region"):
                continue
            for s, e, m in members:
                if m is not None and not m.entity.known and m.strength <= RECOGNISED and m.entity.category != kind:
                    m.entity.type = kind
                    m.strength, m.recognised, m.tentative = RECOGNISED, kind, False

    def _organisations_around_places(self, runs, places, tokens, original, recognised, mentions):
        """'New York Stock Exchange', 'Real Madrid', 'Gold Fields of South Africa Ltd': a place the
        gazetteer knows, inside a longer run of capitals that an organisation's head word ends, or that
        the recogniser reads as one organisation, is part of the organisation's name. Such runs become
        one organisation mention (the place mention inside it is dropped when the article's mentions
        are reconciled); the other runs are returned as they are."""
        if not places:
            return runs
        starts = [s for s, _ in places]
        rest = []
        used = set()
        for n, run in enumerate(runs):
            if n in used:
                continue
            chain_start, chain_end = run[0].idx, run[-1].end
            members = [n]
            touched = False
            # extend right: run, place, run, place ...
            while True:
                k = bisect_left(starts, chain_end)
                if k < len(places) and original[chain_end:places[k][0]] in (" ", " of "):
                    chain_end = places[k][1]
                    touched = True
                    m = members[-1] + 1
                    if m < len(runs) and m not in used and original[chain_end:runs[m][0].idx] in (" ", " of "):
                        chain_end = runs[m][-1].end
                        members.append(m)
                        continue
                break
            # extend left: a place just before the run
            k = bisect_left(starts, chain_start) - 1
            if k >= 0 and original[places[k][1]:chain_start] == " ":
                chain_start = places[k][0]
                touched = True
            if not touched:
                rest.append(run)
                continue
            text = original[chain_start:chain_end]
            kind = self._head_type(text.split())
            strength = STRONG
            if kind not in ORGANISATION_TYPES:
                kind, strength = None, 0
                whole = {label for s, e, label in recognised if s <= chain_start + 1 and e >= chain_end - 1}
                if "ORG" in whole:
                    kind, strength = "Organisation", RECOGNISED
                elif "PER" in whole and len(members) == 1 and run[0].idx == chain_start and len(text.split()) <= 3 \
                        and not text.isupper():
                    kind, strength = "Person", RECOGNISED  # 'MaliVai Washington': a place's name as a surname
            if kind is None:
                rest.append(run)
                continue
            used.update(members)
            if original[chain_start:chain_start + 4] in ("The ", "the "):
                chain_start += 4
                text = original[chain_start:chain_end]
            mentions.append(EntityMention(Span(chain_start, chain_end, text),
                                          Entity(key=slug(text), label=text, type=kind), strength=strength))
        return rest

    def _segments(self, run: list, recognised, opens=lambda token: False) -> list[list]:
        """A run of capitals may hold several names: 'Defense Minister Boris Pistorius', 'Magna and
        Lear', "the Agriculture Department's Drazek", 'John Casesa of Schroder Wertheim & Co'."""
        parts = [run]
        split_of = lambda part, recognised: self._split_of(part, recognised, opens)  # noqa: E731
        for splitter in (self._split_and, self._split_possessive, split_of, self._split_before_name):
            parts = [piece for part in parts for piece in splitter(part, recognised)]
        return [p for p in parts if p]

    @staticmethod
    def _crossed(recognised, left, right) -> bool:
        """The recogniser read one name from the token ``left`` over the token ``right``."""
        i = bisect_left(recognised, (left.idx, -1))
        return any(s <= left.idx and e >= right.end for s, e, _ in recognised[max(0, i - 3):i + 1])

    def _split_and(self, run, recognised) -> list[list]:
        """'Magna, Johnson Controls and Lear': two names joined by 'and' are two names, unless the
        recogniser read one across it ('Procter and Gamble') or a head word governs both ('Ministry
        of Trade and Industry')."""
        for k in range(1, len(run) - 1):
            if run[k].text != "and":
                continue
            lead = run[1] if run[0].text in ("The", "the") and len(run) > 2 else run[0]
            governed = lead.text in FIRST_HEADS and any(t.text in ("of", "for") for t in run[:k])
            if governed or self._crossed(recognised, run[k - 1], run[k + 1]):
                continue
            return [run[:k]] + self._split_and(run[k + 1:], recognised)
        return [run]

    def _place_follows(self, tokens: list[Token], i: int) -> bool:
        """', Scotland.' or ', Fla.' follows token ``i - 1``: a country, region or state abbreviation the
        gazetteer knows (or a US state's short form), ending the phrase."""
        if i + 1 >= len(tokens) or tokens[i].text != ",":
            return False
        nxt = tokens[i + 1]
        end = tokens[i + 2] if i + 2 < len(tokens) else None
        if end is not None and (end.text in ("'s", "'") or _capitalised(end) and not nxt.text.endswith(".")):
            return False  # "Jim Ballantyne, London Newsroom", "Smith, Britain's envoy"
        return (self.lookup(nxt.text) or _NO_ENTRY).type in PLACE_TYPES or nxt.text.rstrip(".") in US_STATES

    def _split_possessive(self, run, recognised) -> list[list]:
        """"the Agriculture Department's Drazek", "Baltimore's Eddie Murray": a possessive ends a name,
        unless what follows is the head of one name ("Boatmen's Bancshares Inc.") or the recogniser read
        one name across it and no given name follows ("Queen's Park")."""
        for k in range(1, len(run) - 1):
            if run[k].text.lower() != "'s":
                continue
            rest = run[k + 1:]
            if self._head_type([run[0].text] + [t.text for t in rest]) in ORGANISATION_TYPES or (
                    self._crossed(recognised, run[k - 1], run[k + 1]) and rest[0].text not in self.first_names
                    and len(rest) == 1 and not rest[0].text.isupper()):
                continue
            return [run[:k]] + self._split_possessive(rest, recognised)
        return [run]

    def _split_of(self, run, recognised, sentence_start=lambda token: False) -> list[list]:
        """'John Casesa of Schroder Wertheim & Co', 'Espanyol of Barcelona': a person's name, or a name
        the recogniser read apart from the next, ends before 'of'; 'University of Michigan' and
        'National Bank of Romania' do not (a head word governs what follows)."""
        for k in range(1, len(run) - 1):
            if run[k].text != "of":
                continue
            left = run[:k]
            words = [t.text for t in left]
            personal = words[0] in self.first_names and len(words) <= 3 and self._head_type(words) is None
            if not personal and (words[0] in FIRST_HEADS or self._head_type(words) is not None
                                 or self._crossed(recognised, run[k - 1], run[k + 1])):
                return [run]
            # 'Shares of Vandersloot Corp', 'Executives of ...': a plural opening a sentence is a common noun
            plural = len(left) == 1 and sentence_start(left[0]) and re.fullmatch(r"[A-Z][a-z]+[^s]s", words[0]) is not None
            apart = _recognised_label(recognised, left[0].idx, left[-1].end) and \
                _recognised_label(recognised, run[k + 1].idx, run[-1].end)
            if personal or apart or plural:
                return [left] + self._split_of(run[k + 1:], recognised, sentence_start)
            return [run]
        return [run]

    def _split_before_name(self, run: list, recognised=()) -> list[list]:
        """'Defense Minister Boris Pistorius', 'Zaporizhzhia Regional Military Administration Oleksandr
        Kovalchuk', 'Chicago Cardinal Joseph Bernardin': a title or a given name inside a run starts a
        person's name."""
        for k in range(1, len(run) - 1):
            word = run[k].text.rstrip(".")
            if word in self.first_names and run[k + 1].text[:1].isupper() and run[k - 1].text not in CONNECTORS \
                    and run[k - 1].text not in self.first_names:
                return [run[:k], run[k:]]
            if (run[k].text in self.titles or word in self.titles) and (run[k + 1].text in self.first_names or word in PERSON_TITLES):
                head = run[:k + 1]
                while head and (head[-1].text in self.titles or head[-1].text.rstrip(".") in self.titles or head[-1].text in ("Prime", "Vice", "Deputy")):
                    head = head[:-1]  # 'Chicago Cardinal' is Chicago; 'Zairean Prime Minister' names no one
                if head and _recognised_label(recognised, head[0].idx, head[-1].end) != "LOC" \
                        and (len(head) < 2 or self._head_type([t.text for t in head]) is None):
                    head = []  # 'Financial Secretary Donald Tsang', 'Defence Minister Volker Ruehe': a role
                return [head, run[k + 1:]] if head else [run[k + 1:]]
        return [run]

    def _type_run(self, run, tokens, original, sentence_starts, recognised=(), teams=frozenset(),
                  headline=frozenset(), *, lines: Lines) -> EntityMention | None:
        titled = False
        if len(run) > 2 and (run[0].text in self.titles or run[0].text.lower() in self.titles) and run[1].text == "of":
            return None  # 'Director of Intelligence', 'Minister of Defence': a role, not a name
        # strip sentence words, demonyms and titles from the front
        while run and (run[0].text in SENTENCE_WORDS and (_opens_sentence(run[0], original, sentence_starts) or len(run) == 1 or run[0].text in ("The", "A", "An"))
                       or (_opens_sentence(run[0], original, sentence_starts) and run[0].lower_.endswith(("ing", "ed")) and len(run[0].text) > 5
                           and run[0].text[1:].islower())
                       or (run[0].text in self.demonyms and not (len(run) == 2 and self._head_type(["x", run[1].text])))
                       or run[0].text in CONNECTORS
                       or run[0].text in self.titles or run[0].text.rstrip(".") in self.titles
                       or (run[0].text.lower() in self.titles and _opens_sentence(run[0], original, sentence_starts))):
            if run[0].text in self.titles or run[0].text.rstrip(".") in self.titles or run[0].text.lower() in self.titles:
                titled = True
            run = run[1:]
        while run and (run[-1].text in CONNECTORS or run[-1].text in ("'s", "'")):
            run = run[:-1]
        if not run:
            return None
        words = [t.text for t in run]
        first = run[0]
        line_start = lines.start(first.idx)
        # 'MOSCOW, Dec 18', 'ORIKHIV, Ukraine', 'MINSK 1996-08-30', 'PANAMA CITY 1996-08-30': words in
        # capitals opening a line, then a comma, a slash or a date
        dateline = len(words) <= 3 and all(w.isupper() for w in words) and lines.opens(first.idx) \
            and DATELINE_AFTER.match(original, run[-1].end) is not None \
            and lines.written_before(line_start) <= 2  # a dateline opens the story
        team = (first.idx, run[-1].end) in teams
        if len(words) == 1 and words[0].isupper() and original[run[-1].end:run[-1].end + 1] == ":":
            return None  # a field's label: 'DATE:', 'NOTE:', 'ISSUER:'
        known_place = all(w.isupper() for w in words) and (self.lookup(" ".join(words)) or _NO_ENTRY).type in PLACE_TYPES
        if all(w.isupper() for w in words) and len(words) > 1 and not dateline and not team and not known_place:
            return None  # a shouted heading such as 'LATEST DEVELOPMENTS'
        if len(words) == 1 and words[0].isupper() and len(words[0]) > 5 and not dateline and not team and not known_place:
            return None  # 'THOUSAND', 'BREAKING'
        before = tokens[first.i - 1] if first.i > 0 else None
        before2 = tokens[first.i - 2] if first.i > 1 else None
        after = tokens[run[-1].i + 1] if run[-1].i + 1 < len(tokens) else None
        if self.title_before.search(original[max(0, first.idx - 60):first.idx]):
            titled = True
        start, end = first.idx, run[-1].end
        label = _recognised_label(recognised, start, end)
        kind, strength = self._head_type(words), STRONG
        if team and kind == "Region":
            kind = None  # 'Manchester City 2 Chelsea 1': a side, named after its city
        if kind == "MilitaryUnit" and before is not None and re.fullmatch(r"\d+(?:st|nd|rd|th)", before.text):
            start = before.idx
        elif kind is None and before is not None and before.lower_ == "by" and BYLINE.match(original, line_start) \
                and 2 <= len(words) <= 3:
            kind = "Person"  # a byline: 'By Tom Mercer', '(Reporting by Pavel Orlov'
        elif kind is None and before is not None and before.lower_ in OUTLET_NOUNS:
            kind = "NewsOutlet"  # 'the business daily Vedomosti'
        elif kind is None and before is not None and (before.lower_ in ORGANISATION_NOUNS or (
                before.lower_ == "based" and before2 is not None and before2.text == "-")):
            kind = "Organisation"  # 'the packaging company Cofinec', 'Belgian club Standard Liege', 'Ontario-based Magna'
        elif kind is None and (titled or words[0] in self.first_names or (re.fullmatch(r"[A-Z]\.", words[0]) and len(words) > 1)) \
                and len(parts := [w for w in words if w != "-"]) <= 4 and all(w[:1].isupper() for w in parts):
            # a double-barrelled surname counts as one: 'Grace Achieng-Holmberg'
            kind = "Person"  # 'Governor Maksym Lytvynenko', 'Daria Herasymchuk', 'K. Spiring'

        elif kind is None and after is not None and after.text in MEMBER_ROLES and original[run[-1].end:after.idx] == " ":
            kind = "Organisation"  # 'Surrey captain Chris Lewis', 'Petofi general manager', 'Cofinec CEO'
        elif kind is None and team:
            kind = "Organisation"  # a side in a line of results: 'Hanwha 6 Samsung 5', 'Wigan 4 3 1 0 9 4 10'
        elif kind is None and before is not None and before.lower_ == "of" and before2 is not None \
                and before2.lower_ in PLACE_NOUNS | DIRECTIONS | OF_PLACE:
            kind = "Region"  # 'the town of Tavildara', 'north of Kyslivka'
        elif kind is None and after is not None and after.lower_ in PLACE_AFTER:
            kind = "Region"  # 'the Zorianivka district'
        elif kind is None and before is not None and before.lower_ in PLACE_NOUNS and before.lower_ == before.text \
                and not before.lower_.endswith("s"):
            kind = "Region"  # 'the capital Dushanbe', 'the port city Velmara'
        elif kind is None and self._place_follows(tokens, run[-1].i + 1):
            kind = "Region"  # 'Jacksonville, Fla.', 'Lockerbie, Scotland': a place, then the place it lies in
        elif kind is None and dateline and len(words[0]) > 3:
            kind = "Region"
        if kind is None and label:
            kind, strength = RECOGNISED_TYPES[label], RECOGNISED
        if kind is None and before is not None and before.lower_ in PLACE_PREPOSITIONS and (
                before.lower_ not in ("of", "and", "to", "at") or (before2 is not None and before2.lower_ in PLACE_NOUNS | PLACE_PREPOSITIONS)):
            kind, strength = "Region", WEAK
        if kind is None and len(words) == 1 and words[0][1:].islower() and TOPONYM.search(words[0].lower()) \
                and words[0] not in self.first_names and words[0] not in SENTENCE_WORDS:
            kind, strength = "Region", WEAK
        if kind is None and before is not None and before.lower_ == "the" and re.fullmatch(r"[A-Z][a-z]+[^s']s", words[-1]) \
                and words[-1] not in PLACE_PLURALS and words[-1] not in PEOPLES and words[-1][:-1] not in self.demonyms \
                and not words[-1].endswith(("ians", "ists", "ites")):
            kind, strength = "Organisation", WEAK  # 'the Cardinals', 'the All Blacks': a team, a group
        if kind is None and len(words) == 1 and re.fullmatch(r"[A-Z]{2,5}", words[0]) and words[0] not in NOT_NAMES \
                and not re.fullmatch(r"[IVXLC]+", words[0]):
            kind, strength = "Organisation", WEAK  # an acronym the rest does not type names an organisation: 'KDP', 'OSCE'
        tentative = False
        if first.idx in headline and not (
                kind == "Person" and strength == STRONG and 2 <= len(words) <= 3 and not all(w.isupper() for w in words)):
            tentative = True  # 'Isobel Grant in Kyiv' names her; 'Putin Says Talks Failed' names no 'Talks Failed'
        if len(words) == 1 and kind is None:
            if words[0] in SENTENCE_WORDS or words[0].rstrip("s") in self.demonyms:
                return None  # 'Meanwhile', 'Russians'
            if _opens_sentence(first, original, sentence_starts):
                tentative = True  # a capitalised first word: a name only if the article names it elsewhere
        if len(words) == 1 and len(words[0].rstrip(".")) == 1:
            return None  # a lone letter: 'X' the platform, the 'Q' of 'Q&A', an initial
        surface = original[start:end]
        known = self.lookup(surface)
        if known is not None:
            return EntityMention(Span(start, end, surface), self.entity_of(known))  # 'KYIV' in a dateline is Kyiv
        name = surface.title() if surface.isupper() and len(surface) > 4 else surface
        entity = Entity(key=slug(name), label=name, type=kind or "Entity")
        return EntityMention(Span(start, end, surface), entity, strength=strength if kind else NO_EVIDENCE,
                             tentative=tentative, recognised=RECOGNISED_TYPES.get(label, ""),
                             speaks=_speaks(tokens, first.i, run[-1].i + 1), before=before.lower_ if before is not None else "")

    def type_from_head(self, label: str) -> str | None:
        """The type a name's head word gives ('... Brigade', '... Ministry'), if any."""
        return self._head_type(label.split())

    def looks_personal(self, label: str) -> bool:
        """A given name or a title opens the name."""
        words = label.split()
        return bool(words) and (words[0] in self.first_names or words[0].rstrip(".") in self.titles or words[0] in self.titles)

    def _head_type(self, words: list[str]) -> str | None:
        cut = next((k for k, w in enumerate(words) if k > 1 and w in ("of", "for", "on")), None)
        if cut is not None:  # 'Coordination Headquarters for the Treatment of Prisoners of War': the head comes before
            head = self._head_type(words[:cut])  # what modifies it, not at the end of the name
            if head is not None:
                return head
        text = " ".join(words)
        for kind, pattern in self.heads:
            if pattern.search(text):
                return kind
        if words[0] in ("Ministry", "Institute", "Office", "Department", "Directorate", "Centre", "Center", "Council", "Committee"):
            return "GovernmentBody" if words[0] in ("Ministry", "Office", "Department", "Directorate") else "Organisation"
        if words[0] in FIRST_HEADS and len(words) >= 3 and words[1] in ("of", "for"):
            return FIRST_HEADS[words[0]]  # 'University of Michigan', 'Bank of England'
        return None


LEGAL_FORMS = {"Inc", "Inc.", "Corp", "Corp.", "Co", "Co.", "Ltd", "Ltd.", "SA", "S.A.", "SpA", "AG", "plc", "PLC",
               "NV", "N.V.", "GmbH", "LLC", "Bros", "Bros.", "Limited", "Corporation", "Group", "Holdings"}


def reconcile(mentions: list[EntityMention]) -> list[EntityMention]:
    """The article's mentions reconciled: one type per name, surnames linked to the full name.

    * A place the gazetteer knows inside an organisation's name ('New York Stock Exchange') is no
      mention of its own.
    * The unknown mentions of one name take one type, by the weight of their evidence: the
      strongest evidence any of them has (a head word, a title or a given name over the
      recogniser's label, over a place preposition), then the type most of them have at that
      strength.
    * 'Herasymchuk' before or after 'Daria Herasymchuk' is the same person.
    * A lone capitalised word opening a sentence is kept only when the article names it elsewhere.

    ``mentions`` come by start, as the pipeline gives them. Every look-up across them is a
    dictionary or a bisection: an article of thousands of names costs thousands of short looks.
    """
    around = _Around(m for m in mentions if not m.entity.known and m.entity.category in ("Organisation", "Person")
                     and m.strength >= RECOGNISED)
    if around:
        mentions = [m for m in mentions if not (
            m.entity.known and m.entity.type in ("Region", "Country") and around.holds(m.span.start, m.span.end))]
    votes: dict[str, Counter] = defaultdict(Counter)
    first_seen: dict[tuple[str, int, str], int] = {}
    for n, m in enumerate(mentions):
        if m.entity.known or m.tentative:
            continue
        cast = []
        if m.entity.type != "Entity":
            cast.append((m.strength, m.entity.type))
        if m.recognised and m.strength != RECOGNISED:
            cast.append((RECOGNISED, m.recognised))
        for strength, kind in cast:
            votes[m.entity.key][(strength, kind)] += 1
            first_seen.setdefault((m.entity.key, strength, kind), n)
    keys = {m.entity.key for m in mentions if not m.entity.known}
    for m in mentions:  # 'Pirelli' is 'Pirelli SpA', 'Douglas & Lomason' is 'Douglas & Lomason Co'
        words = m.entity.label.split()
        if not m.entity.known and m.entity.category == "Organisation" and len(words) > 1 and words[-1] in LEGAL_FORMS:
            short = slug(" ".join(words[:-1]).rstrip(" &,"))
            if short in keys:
                votes[short][(m.strength, m.entity.type)] += 1
                first_seen.setdefault((short, m.strength, m.entity.type), -1)
    resolved: dict[str, tuple[int, str]] = {}
    for key, counter in votes.items():
        top = max(strength for strength, _ in counter)
        kind = max((k for s, k in counter if s == top), key=lambda k: (counter[(top, k)], -first_seen[(key, top, k)]))
        resolved[key] = (top, kind)
    speakers = {m.entity.key for m in mentions if m.speaks and not m.entity.known and m.before not in PLACE_PREPOSITIONS}
    first_label: dict[str, str] = {}
    for m in mentions:
        first_label.setdefault(m.entity.key, m.entity.label)
    after_the = {m.entity.key for m in mentions if m.before == "the"}
    for key in speakers & set(resolved):  # a place does not speak: 'Nerweyi said' names a person
        strength, kind = resolved[key]
        if kind == "Region" and strength <= RECOGNISED:
            label = first_label[key]
            personal = len(label.split()) <= 3 and not label.isupper() and " of " not in label \
                and key not in after_the  # 'the Treasury says'
            resolved[key] = (strength, "Person" if personal else "Organisation")
    for m in mentions:
        if not m.entity.known and m.entity.key in resolved:
            m.entity.type = resolved[m.entity.key][1]
    people: dict[str, list[tuple[int, Entity]]] = defaultdict(list)
    for m in mentions:
        if m.entity.type == "Person" and " " in m.entity.label and not m.entity.label.isupper():
            people[m.entity.label.split()[-1]].append((m.span.start, m.entity))
    starts = {surname: [start for start, _ in named] for surname, named in people.items()}
    kept = []
    for m in mentions:
        entity = m.entity
        label = entity.label
        surname = " " not in label and label in people and (
            not entity.known and not (resolved.get(entity.key, (0, ""))[0] >= STRONG and resolved[entity.key][1] != "Person")
            # 'Jordan said' after 'Neil Jordan': the place's name is his surname, unless a place preposition says otherwise
            or entity.known and entity.type in ("Region", "Country") and m.before not in PLACE_PREPOSITIONS
            and (m.speaks or m.before in ("", "by", "with", "said", "says")))
        if surname:
            before = bisect_left(starts[label], m.span.start)  # the full name last written before, else the first
            m.entity = people[label][before - 1 if before else 0][1]
        elif m.tentative and entity.key not in resolved:
            continue  # a capitalised first word and nothing else: no name
        kept.append(m)
    return kept


class _Around:
    """Names of organisations and people, to ask whether one holds a place's name: whether any of them
    spans more than the place, or exactly the place with a strong claim to be an organisation. A
    bisection and a running maximum, not a walk over all the names for each place."""

    def __init__(self, mentions):
        spans = sorted((m.span.start, m.span.end, m.strength >= STRONG and m.entity.category == "Organisation")
                       for m in mentions)
        self.starts = [start for start, _, _ in spans]
        self.furthest = list(accumulate((end for _, end, _ in spans), max))  # the furthest end of those so far
        self.furthest_from: dict[int, int] = {}  # start -> the furthest end of the names that start there
        self.organisations = {(start, end) for start, end, strong in spans if strong}
        for start, end, _ in spans:
            self.furthest_from[start] = max(end, self.furthest_from.get(start, end))

    def __bool__(self) -> bool:
        return bool(self.starts)

    def holds(self, start: int, end: int) -> bool:
        before = bisect_left(self.starts, start)  # the names that start before the place
        return (before > 0 and self.furthest[before - 1] >= end) or self.furthest_from.get(start, -1) > end \
            or (start, end) in self.organisations


_CAPITALISED = re.compile(r"[A-Z][\w.'-]*")


SENTENCE_END = re.compile(r"[a-z0-9)][.!?][\"')]*\s*$")
_SCORE = r"[ \t]+\d{1,3}[ \t]+"
_TABLE_ROW = re.compile(r"(?:[ \t]+\([A-Z]{1,2}\))?(?:[ \t]+(?:-|\d+(?:/\d+)?|\.\d{3}|\d+[ \t]+\d/\d)){3,}[ \t]*$", re.MULTILINE)
_SCORE_TAIL = re.compile(r"[ \t]+\d{1,3}(?:[ \t]+\([^()\n]*\))?[ \t.]*$", re.MULTILINE)
_FIXTURE = re.compile(r"[ \t]+vs?\.?[ \t]+")


def _results_teams(runs: list[tuple[int, int]], taken: list[tuple[int, int]], original: str,
                   lines: Lines) -> set[tuple[int, int]]:
    """The sides named by lines of sports results, whatever they are named after:
    'Hanwha 6 Samsung 5 (halftime 2-1)' (a score line), 'Wigan 4 3 1 0 9 4 10' (a row of a standings
    table), 'Birmingham v Barnsley, Manchester City v Charlton' (fixtures). A line of numbers after a
    person ('Iain Pyman 71 75 75 71') is typed by the person's given name first."""
    names = sorted(set(runs) | set(taken))
    teams: set[tuple[int, int]] = set()
    by_line: dict[int, list[tuple[int, int]]] = {}
    for start, end in names:
        by_line.setdefault(lines.start(start), []).append((start, end))
    for line_start, items in by_line.items():
        line_end = lines.end(line_start)
        first = items[0]
        if first[0] == line_start and _TABLE_ROW.match(original, first[1]) and _TABLE_ROW.match(original, first[1]).end() == line_end:
            teams.add(first)
            continue
        if len(items) == 2 and first[0] == line_start and re.fullmatch(_SCORE, original[first[1]:items[1][0]]) \
                and _SCORE_TAIL.match(original, items[1][1]) and _SCORE_TAIL.match(original, items[1][1]).end() == line_end:
            teams.update(items)
            continue
        for a, b in zip(items, items[1:]):  # 'Birmingham v Barnsley'
            if _FIXTURE.fullmatch(original, a[1], b[0]) and original[b[1]:b[1] + 1] in ("", ",", "\n", " ", ";", ".") \
                    and (a[0] == line_start or original[a[0] - 2:a[0]] in (", ", ": ")):
                teams.update((a, b))
    return teams


SPEECH_VERBS = {"said", "says", "told", "added", "stated", "explained", "noted", "argued", "insisted", "warned",
                "wrote", "asked", "replied", "recalled", "acknowledged", "admitted", "denied", "claimed", "announced",
                "tweeted", "posted", "declared", "urged", "complained", "conceded", "predicted", "estimated"}


def _speaks(tokens: list[Token], first: int, after: int) -> bool:
    """The name at tokens[first:after] is the subject of a speech verb: 'Nerweyi said', 'Xiao told
    reporters', '"...," said Xiao.' (an inverted speaker)."""
    nxt = tokens[after] if after < len(tokens) else None
    if nxt is not None and nxt.text == "," and after + 1 < len(tokens):  # 'Yeltsin, 65, said' is too far: one step only
        nxt = None
    if nxt is not None and nxt.lower_ in SPEECH_VERBS:
        return True
    before = tokens[first - 1] if first > 0 else None
    end = tokens[after] if after < len(tokens) else None
    return before is not None and before.lower_ in ("said", "says", "told", "added", "asked") \
        and (end is None or end.text in (".", ",", ";", "\"", "'"))


def _opens_sentence(token, original: str, starts: set[int]) -> bool:
    """The token opens a sentence, perhaps after an opening quote or bracket."""
    p = token.idx
    while p > 0 and original[p - 1] in " \t\"'([":
        p -= 1
    return p == 0 or original[p - 1] == "\n" or any(q in starts for q in range(p, token.idx + 1))


def _listing(line: str) -> bool:
    """A line that lists names rather than a headline in Title Case: 'Team: Name (role), Name, Name',
    'Name (Country) beat Name (Country) 6-4', 'Town: Club 214 (Name 84), Club 108'. A headline has no
    parenthesis and no run of commas."""
    body = line.strip()
    separators = body.count(",") + body.count(";")
    return "(" in body or separators >= 2 or (":" in body.rstrip(":") and separators >= 1)


def _capitalised(token) -> bool:
    text = token.text
    if not text[:1].isupper():
        return False
    if not any(c.isalpha() for c in text):
        return False
    return bool(_CAPITALISED.fullmatch(text)) and not text.endswith("-")


def slug(label: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", label.lower().replace("'s", "")).strip("-") or "entity"
