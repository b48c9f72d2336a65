"""Coreference of sources: who a pronoun or a description stands for, read over the whole article.

Reads the article's mentions and sentences; adds a ``Coreference`` that the attribution step asks
when a source is 'he', 'she' or 'the spokeswoman':

- what the article says of each person: a gender from a title ('Mr', 'Dame', 'Queen'), a given name
  or a role word ('spokeswoman', 'mother') by the conventions listed in ``lexicons/coref.jsonl``
  (a name used for both sexes is in neither list: unknown, never guessed), or from an earlier 'she'
  already tied to them; a role and an organisation from a title before the name ('Governor X',
  'Pentagon spokesman X') or an apposition after it ('X, a spokesman for Y,');
- the entries of a live blog ('14:32', '2.15pm', 'Key events'): a pronoun or description is never
  resolved across the start of an entry, whose sources are its own.

A pronoun goes to the one person it can be: among the earlier persons whose gender and role fit,
those of the nearest sentence that holds one; a speaker before a person merely named; in a quoted
exchange the other side of the dialogue. Two that fit equally leave it unresolved, not guessed.

The headline step (``headline_sources``) gives a figure of the headline, the standfirst or a live blog's
'Key events' the chain of the same figure (same value, same measure) in the body.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field, replace

from ..model import Claim, Entity, Span
from .entities import EntityMention
from .lexicon import CorefWords

PRONOUN_GENDER = {"he": "masculine", "she": "feminine"}
# a live blog's entry opens with its time on a line of its own, or before its heading or first words
ENTRY_TIME = re.compile(
    r"^[ \t]*(?:\d{1,2}[:.]\d{2}(?:[ \t]*(?:[ap]\.?m\.?))?|\d{1,2}[ \t]*[ap]\.?m\.?)"
    r"(?:[ \t]*(?:GMT|BST|UTC|CET|CEST|EET|EEST|ET|EST|EDT|PT|PST|PDT|local(?:[ \t]+time)?))?[ \t]*(?:$|[-\u2013\u2014:|][ \t]*|(?<=[ \t])(?=(?-i:[A-Z])))",
    re.MULTILINE | re.IGNORECASE)
ENTRY_HEADING = re.compile(r"^[ \t]*(?:key[ \t]+events|summary|recap|what[ \t]+we[ \t]+know[ \t]+so[ \t]+far)[ \t]*:?[ \t]*$",
                           re.MULTILINE | re.IGNORECASE)
# '..., a spokesman for the council,' '..., 54, the club's chairman,': a role after a name set off by a comma
APPOSITION = re.compile(r"[ \t]*,[ \t]+(?:(?:aged[ \t]+)?\d{1,3},[ \t]+)?(?:a|an|the|its|their|his|her)[ \t]+"
                        r"((?:[\w'-]+[ \t]+){0,4}?)([\w-]+)(?=[ \t]*(?:[,.;]|[ \t](?:for|at|of|with|to|in)[ \t]))")
AFFILIATION = re.compile(r"[ \t]+(?:for|at|of|with|to|in)[ \t]+(?:the[ \t]+)?")
# titles that say how to address someone, not what they do
NO_ROLE = {"mr", "mrs", "ms", "miss", "dr", "prof", "mme", "mlle", "herr", "frau", "signor", "senor", "señor"}
ORGANISATIONS = {"Organisation", "GovernmentBody", "MilitaryBody", "NewsOutlet", "ResearchOrganisation",
                 "InternationalOrganisation", "MilitaryUnit"}


@dataclass
class PersonFacts:
    """What the article says of one person."""

    genders: set[str] = field(default_factory=set)  # more than one: the evidence conflicts, so unknown
    role: str = ""            # 'spokesman', 'health minister'
    affiliation: Entity | None = None

    @property
    def gender(self) -> str:
        return next(iter(self.genders)) if len(self.genders) == 1 else ""


@dataclass
class _Turn:
    key: str
    at: int
    quoted: bool


class Coreference:
    """The article's coreference layer: facts about its people, the entries of a live blog, and the turns
    of speech so far (told by the attribution step as it reads the article in order)."""

    def __init__(self, words: CorefWords, people: dict[str, PersonFacts] | None = None,
                 entries: list[int] | None = None, sentence_starts: list[int] | None = None,
                 roles: frozenset[str] = frozenset(), recaps: list[tuple[int, int]] | None = None):
        self.words = words
        self.recaps = recaps or []  # a live blog's 'Key events' or summary: from its heading to the next entry
        self.roles = roles  # titles and role words, lower case: 'Health Minister' is a role, not a person's name
        self.people = people or {}
        self.entries = entries or []
        self.sentence_starts = sentence_starts or [0]
        self.turns: list[_Turn] = []

    # -- what is known ---------------------------------------------------------------------------
    def gender(self, entity: Entity) -> str:
        facts = self.people.get(entity.key)
        return facts.gender if facts else ""

    def role(self, entity: Entity) -> str:
        facts = self.people.get(entity.key)
        return facts.role if facts else ""

    def entry_start(self, offset: int) -> int:
        """Where the live-blog entry holding ``offset`` starts (0 in an article that is no live blog)."""
        i = bisect_right(self.entries, offset)
        return self.entries[i - 1] if i else 0

    def _sentence_start(self, offset: int) -> int:
        i = bisect_right(self.sentence_starts, offset)
        return self.sentence_starts[i - 1] if i else 0

    def spoke(self, entity: Entity | None, at: int, quoted: bool) -> None:
        """A hop of ``entity`` was read at ``at``; ``quoted``: what it says is a quotation (a turn of a dialogue)."""
        if entity is not None and entity.type == "Person":
            self.turns.append(_Turn(entity.key, at, quoted))

    # -- resolution -------------------------------------------------------------------------------
    def person(self, at: int, candidates, gender: str = "", role: str = "", quoted: bool = False,
               lemma: str = "", restrictive: bool = False) -> Entity | None:
        """The person a pronoun or a role description at ``at`` stands for, among ``candidates`` (agents,
        latest first, kind 'speaker' for those that spoke), or None when none fits or two fit equally.
        ``gender`` is the pronoun's or the role word's; ``role`` the description's head ('minister');
        ``quoted``: the pronoun speaks a quotation, so in a two-sided exchange it answers the last speaker
        (unless its verb goes on, 'he added'); ``restrictive``: the description says whose it is ('the mayor
        of Odesa'), so only a person known in that role is meant."""
        entry = self.entry_start(at)
        order: list[Entity] = []
        spoke_at: dict[str, int] = {}  # where each person last spoke
        first_at: dict[str, int] = {}  # where each person was last named or spoke
        for candidate in candidates:
            entity = candidate.entity
            if entity is None or candidate.span.start < entry or not (
                    entity.type == "Person" or (_untyped_name(entity) and entity.label.split()[-1].lower() not in self.roles)):
                continue
            if gender and self.gender(entity) not in ("", gender):
                continue
            if role and not _fits_role(self.role(entity), role, restrictive):
                continue
            if candidate.kind == "speaker":
                spoke_at[entity.key] = max(spoke_at.get(entity.key, -1), candidate.span.start)
            if entity.key not in first_at:
                order.append(entity)
            first_at[entity.key] = max(first_at.get(entity.key, -1), candidate.span.start)
        if not order:
            return None
        order.sort(key=lambda e: -first_at[e.key])
        known_in_role = [e for e in order if role and _fits_role(self.role(e), role, True)]
        if known_in_role:
            return known_in_role[0]  # 'the minister': the last person the article called minister, before anyone else
        if quoted and lemma not in self.words.continuing:
            other = self._other_side(at, order, first_at)
            if other is not None:
                return other
        # the nearest sentence that names one who fits, and whoever spoke in it or in the sentence before it:
        # a person just named competes with the one who has been speaking ('Captain X is back. "...," he said.')
        nearest = self._sentence_start(first_at[order[0].key])
        since = self._sentence_start(nearest - 1) if nearest > 0 else 0
        window = [e for e in order if first_at[e.key] >= nearest or spoke_at.get(e.key, -1) >= since]
        speakers = sorted((e for e in window if spoke_at.get(e.key, -1) >= since), key=lambda e: -spoke_at[e.key])
        chosen = self._one_of(window, speakers, gender, role)
        if chosen is not None and gender and not self.gender(chosen) and len(window) == 1:
            # a 'she' that could be no one else tells later pronouns her gender
            self.people.setdefault(chosen.key, PersonFacts()).genders.add(gender)
        return chosen

    def _one_of(self, window: list[Entity], speakers: list[Entity], gender: str, role: str) -> Entity | None:
        if len(window) == 1:
            return window[0]
        if speakers:
            latest = speakers[0]
            surer = [e for e in window if e not in speakers and gender and self.gender(e) == gender]
            if gender and not self.gender(latest) and surer:
                return None  # the speaker might be meant, or the one whose gender is known to fit: no guess
            return latest  # the one who has been speaking goes on
        if role:
            exact = [e for e in window if _fits_role(self.role(e), role, True)]
            if len(exact) == 1:
                return exact[0]
        if gender:
            sure = [e for e in window if self.gender(e) == gender]
            if len(sure) == 1:
                return sure[0]
        return None  # two people fit equally: unresolved rather than guessed

    def _other_side(self, at: int, order: list[Entity], first_at: dict[str, int]) -> Entity | None:
        """In an exchange of quotations between two people ('"...," A said. "...," B replied. "...," she said'),
        the one who spoke before the last speaker, when both fit, the last two turns were quoted and no one else
        who fits has been named since the first of them (several people answering in turn are no dialogue)."""
        turns = [t for t in self.turns if t.at < at][-2:]
        if len(turns) < 2 or not all(t.quoted for t in turns) or turns[0].key == turns[1].key \
                or turns[0].at < self.entry_start(at):
            return None
        pair = {turns[0].key, turns[1].key}
        if not pair <= set(first_at) or any(e.key not in pair and first_at[e.key] >= turns[0].at for e in order):
            return None
        return next(e for e in order if e.key == turns[0].key)

def _untyped_name(entity: Entity) -> bool:
    """A full name no evidence typed ('Ola Brenn'): a person if a pronoun takes it up."""
    return entity.type == "Entity" and len(entity.label.split()) >= 2 and not entity.known


def _fits_role(known: str, role: str, restrictive: bool) -> bool:
    """Whether a person known as ``known`` ('health minister', or '' when nothing is known) can be 'the ``role``'."""
    if not known:
        return not restrictive
    return role.lower() in known.lower().split() or known.lower().endswith(role.lower())


def build(words: CorefWords, titles: frozenset[str], norm: str, sentences: list[Span],
          mentions: list[EntityMention]) -> Coreference:
    """The article's coreference layer: what its text says of each person named, and its live-blog entries."""
    people: dict[str, PersonFacts] = {}
    lowered_titles = {t.lower().rstrip(".") for t in titles}
    organisations = [m for m in mentions if m.entity.type in ORGANISATIONS]
    for mention in mentions:
        entity = mention.entity
        if entity.type != "Person" and not _untyped_name(entity):
            continue
        facts = people.setdefault(entity.key, PersonFacts())
        first = entity.label.split()[0] if entity.label.split() else ""
        if first in words.names and len(entity.label.split()) >= 2:
            facts.genders.add(words.names[first])
        _title_before(words, lowered_titles, norm, mention, facts, organisations)
        _apposition_after(words, lowered_titles, norm, mention, facts, organisations)
    headings = [m.start() for m in ENTRY_HEADING.finditer(norm)]
    entries = sorted({m.start() for m in ENTRY_TIME.finditer(norm)} | set(headings))
    if len(entries) < 2:
        entries = []  # one time in a story is a time, not a live blog
    recaps = [(start, next((e for e in entries if e > start), len(norm))) for start in headings if entries]
    return Coreference(words, people, entries, [s.start for s in sentences] or [0],
                       frozenset(lowered_titles | set(words.roles)), recaps)


def _title_before(words: CorefWords, lowered_titles: set[str], norm: str, mention: EntityMention, facts: PersonFacts,
                  organisations: list[EntityMention]) -> None:
    """'Mrs Okafor', 'Governor Oleh Kiper', 'Pentagon spokeswoman Jane Doe': the words before a name."""
    before = norm[max(0, mention.span.start - 40):mention.span.start]
    match = re.search(r"([\w.-]+)[ \t]+$", before)
    if match is None:
        return
    word = match.group(1)
    gender = words.titles.get(word) or words.titles.get(word.rstrip(".")) or words.roles.get(word.lower())
    if gender:
        facts.genders.add(gender)
    if word.lower().rstrip(".") in lowered_titles and word.lower().rstrip(".") not in NO_ROLE \
            and word not in words.titles:
        facts.role = facts.role or word.lower()
        title_start = mention.span.start - len(before) + match.start()
        owner = next((m for m in organisations if m.span.end <= title_start
                      and not norm[m.span.end:title_start].strip(" \t's")), None)
        if owner is not None and facts.affiliation is None:
            facts.affiliation = owner.entity



def _apposition_after(words: CorefWords, lowered_titles: set[str], norm: str, mention: EntityMention,
                      facts: PersonFacts, organisations: list[EntityMention]) -> None:
    """'X, a spokeswoman for Y,', 'X, 54, the club's chairman': role, gender and organisation from an apposition."""
    match = APPOSITION.match(norm, mention.span.end, min(len(norm), mention.span.end + 120))
    if match is None:
        return
    head = match.group(2).lower()
    gender = words.roles.get(head)
    if head not in lowered_titles and gender is None:
        return
    if gender:
        facts.genders.add(gender)
    facts.role = facts.role or " ".join((match.group(1) + head).split())
    after = AFFILIATION.match(norm, match.end())
    if after is not None and facts.affiliation is None:
        owner = next((m for m in organisations if m.span.start == after.end()), None)
        if owner is not None:
            facts.affiliation = owner.entity


def headline_sources(claims: list[Claim], norm: str, layer: Coreference | None = None) -> list[Claim]:
    """The claims, where a figure of the headline, the standfirst or a live blog's 'Key events' with no source of
    its own takes the chain of the same figure (same value, same measure) in the body. The chain is established
    from the body, where the article says who gave the figure; the summary repeats it in fewer words."""
    top = _top_lines(norm)
    summaries = ([(0, top)] if top is not None else []) + (layer.recaps if layer is not None else [])
    if not summaries:
        return list(claims)

    def in_summary(claim: Claim) -> bool:
        return any(lo <= claim.span.start < hi for lo, hi in summaries)

    body = [c for c in claims if c.attributions and not in_summary(c)]
    shared = []
    for claim in claims:
        if not claim.attributions and claim.figures and in_summary(claim):
            # each figure's chain in the body; a claim whose figures come from different places, or from nowhere
            # the body says ('fewer than 100,000 ... more than 900,000' over a survey of estimates), keeps none
            chains = {tuple(next((c.attributions for c in body if any(_same_figure(norm, f, g) for g in c.figures)), ()))
                      for f in claim.figures}
            if len(chains) == 1 and () not in chains:
                claim = replace(claim, attributions=list(chains.pop()))
        shared.append(claim)
    return shared


def _top_lines(norm: str) -> int | None:
    """Where the body starts after a headline and, if there is one, a standfirst: the first line, and the
    second when it is short (two sentences at most) and not the last; None for a text of one paragraph."""
    lines = [m for m in re.finditer(r"[^\n]+", norm) if m.group().strip()]
    if len(lines) < 2:
        return None
    headline = lines[0]
    if len(headline.group()) > 200:
        return None
    if len(lines) > 2 and len(lines[1].group()) <= 300 and len(re.findall(r"[.!?](?:\s|$)", lines[1].group())) <= 2:
        return lines[2].start()
    return lines[1].start()


def _same_figure(norm: str, a, b) -> bool:
    """Same value and same measure: the measure the figure finder gave, else the unit, else the word that follows
    the number ('1,280 patients')."""
    if a.value != b.value or a.value_max != b.value_max:
        return False
    if a.measure or b.measure:
        return a.measure == b.measure
    if a.unit or b.unit:
        return a.unit == b.unit
    return _word_after(norm, a.span.end) is not None and _word_after(norm, a.span.end) == _word_after(norm, b.span.end)


def _word_after(norm: str, end: int) -> str | None:
    word = re.match(r"[ \t]+([A-Za-z][\w-]*)", norm[end:end + 40])
    return word.group(1).lower() if word else None
