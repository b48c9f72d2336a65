"""Whose a figure counts: its subject, read from the words around the number in the tagger's tokens.

In order, the first that speaks:

1. the counted noun's own modifiers: '1,030 Russian troops', '300 Ukrainian civilians', and
   after 'of': 'hundreds of wounded Russian fighters';
2. a possessor or modifier of a counted noun before the number, in the same clause: 'Russia's
   total losses ... to 841,660 personnel', 'its tally of Russian military deaths by 1,030';
3. 'of' or 'among' after the counted noun: '120 deaths among Ukrainian civilians';
4. the one who lost or suffered: 'the Kremlin lost 48,000 troops', 'Putin's forces lost 48,670';
5. a possessor before the number in its clause, when the number counts no group of the lexicon:
   'Apple's revenue rose to $94bn', 'Arsenal's 85 goals';
6. a number with no counted noun of its own takes the subject of the figure before it in the
   sentence: '48,670 personnel in December and 48,240 in January'.

The gazetteer's demonyms and the article's entity mentions normalise what is found ('Russian',
'Russia's', 'the Kremlin' and 'Putin's forces' are all Russia's); they are evidence, never the
gate: a possessor no lexicon knows ('Acme's revenue') is kept as written. The measures lexicon's
``whose`` names the group a counted noun belongs to ('forces' for troops, tanks or casualties,
'civilians' for residents): Russia's tanks are 'Russian forces'; civilians with no nation stated
are 'civilians'. Nothing stated, no subject.
"""
from __future__ import annotations

from dataclasses import dataclass

from ..model import Figure
from .entities import EntityFinder, EntityMention
from .lexicon import Lexicons
from .syntax import Sentence

# word forms of the verbs whose subject is the one a count belongs to ('Russia lost', 'has suffered')
LOSS_VERBS = frozenset({"lose", "loses", "lost", "losing", "suffer", "suffers", "suffered", "suffering",
                        "sustain", "sustains", "sustained", "sustaining", "incur", "incurs", "incurred"})
# the words of a noun phrase that can stand between a number and its counted noun
_MODIFIER_TAGS = frozenset({"JJ", "JJR", "JJS", "NNP", "NNPS", "NN", "NNS", "HYPH", "VBN", "POS", "CC"})
# entity types whose forces are their country's ('Putin's forces', 'the Kremlin's troops')
_STATE_TYPES = frozenset({"Person", "GovernmentBody", "MilitaryBody", "Country"})
# modifiers that make a count of deaths or losses a military one ('Russian military deaths')
_MILITARY = frozenset({"military", "army", "armed", "battlefield"})


@dataclass(frozen=True)
class Subject:
    label: str
    entity: str = ""  # the key of an entity of the article, when the subject is one


@dataclass
class _Owner:
    label: str              # as written, or the gazetteer's name
    adjective: str = ""     # 'Russian', to be put before a group: 'Russian forces'
    entity: str = ""        # an entity key of the article
    state: "_Owner | None" = None  # the country whose forces a leader's or a ministry's are


class SubjectReader:
    """Reads the subject of each figure of a sentence; see the module's docstring for the rules."""

    def __init__(self, lexicons: Lexicons, entities: EntityFinder):
        self.entities = entities
        self.whose: dict[str, str] = {}      # a counted word -> the group it belongs to ('troops' -> 'forces')
        self.measured: set[str] = set()      # every one-word counted noun of the measures lexicon
        self.label_whose: dict[str, str] = {}  # a measure label -> its group
        for row in lexicons.measures.values():
            self.label_whose[row["label"]] = row.get("whose", "")
            for pattern in row["patterns"]:
                if " " not in pattern:
                    self.measured.add(pattern.lower())
                    self.whose.setdefault(pattern.lower(), row.get("whose", ""))
        self.labels_longest_first = sorted(self.label_whose, key=len, reverse=True)

    def read(self, norm: str, parsed: Sentence, figures: list[Figure], mentions: list[EntityMention],
             article_entities: set[str]) -> None:
        """Sets ``subject`` and ``subject_entity`` of the sentence's figures, in place."""
        if not len(parsed.doc):
            return
        # the sentence's tokens read once into plain records: a spaCy token is made anew at every look
        tokens = [_Token(t.text, t.lower_, t.tag_, t.idx) for t in parsed.doc]
        starts = _Starts(parsed, tokens)
        previous: Subject | None = None
        for figure in sorted(figures, key=lambda f: f.span.start):
            span = parsed.doc.char_span(figure.span.start - parsed.offset, figure.span.end - parsed.offset,
                                        alignment_mode="expand")
            if span is None or not len(span):
                continue
            subject, own_noun = self._subject(tokens, starts, span.start, span.end - 1, figure, mentions,
                                              article_entities)
            if subject is None and not own_noun and previous is not None:
                subject = previous  # '48,670 personnel in December and 48,240 in January'
            if subject is not None:
                figure.subject, figure.subject_entity = subject.label, subject.entity
                previous = subject

    # -- the rules ------------------------------------------------------------------------------
    def _subject(self, tokens, starts, first, last, figure, mentions, known) -> tuple[Subject | None, bool]:
        group = self._group_of_measure(figure.measure)
        j = last + 1
        while j < len(tokens) and j - last <= 2 and tokens[j].tag_ in ("''", "``", "-RRB-"):
            j += 1  # '"hundreds" of ...'
        if j < len(tokens) and tokens[j].lower_ == "of":
            j += 1  # 'hundreds of wounded Russian fighters'
        head, adjective_head, modifiers = None, None, []
        while j < len(tokens) and j - last <= 6 and tokens[j].tag_ in _MODIFIER_TAGS:
            if tokens[j].lower_ in self.measured:
                if tokens[j].tag_ in ("NN", "NNS", "NNPS"):
                    head = j
                    break
                adjective_head = j if adjective_head is None else adjective_head  # 'killed or wounded soldiers'
            modifiers.append(j)
            j += 1
        head = head if head is not None else adjective_head
        own_noun = head is not None
        if head is not None:
            group = self.whose.get(tokens[head].lower_, group) or group
            owner = self._owner(tokens, starts, [m for m in modifiers if m < head], mentions)
            if owner is None:
                owner = self._owner_after(tokens, starts, head, mentions)
            if owner is not None:
                return self._normalised(owner, group, modifiers, tokens, known), True
        # a counted noun before the number, in the same clause: 'Russia's total losses ... to 841,660'
        for k in range(first - 1, max(-1, first - 16), -1):
            if tokens[k].text in (";", ":") or tokens[k].tag_ in ("VBD", "VBZ", "VBP") and k < first - 8:
                break
            word = tokens[k].lower_
            if word in self.measured and tokens[k].tag_ in ("NN", "NNS", "NNPS"):
                theirs = self.whose.get(word, "")
                if own_noun and theirs and group and theirs != group:
                    break
                span = self._premodifiers(tokens, k)
                owner = self._owner(tokens, starts, span, mentions) or self._owner_after(tokens, starts, k, mentions)
                if owner is not None:
                    return self._normalised(owner, theirs or group, span, tokens, known), own_noun
                # 'Russian casualties ..., with an average daily loss rate of 1,556': read on to the one that is owned
        # the one who lost: 'the Kremlin lost 48,000 troops'
        for k in range(first - 1, max(-1, first - 7), -1):
            if tokens[k].lower_ in LOSS_VERBS and tokens[k].tag_.startswith("VB"):
                owner = self._agent_before(tokens, starts, k, mentions)
                if owner is not None:
                    return self._normalised(owner, group, [], tokens, known), own_noun
                break
            if tokens[k].tag_ not in ("DT", "JJ", "JJR", "RB", "RBR", "IN", "CD", "RP", "PRP$"):
                break
        # a possessor before the number, in its clause, when the number counts nothing of a known
        # group: 'Apple's revenue rose to $94bn', 'Arsenal's 85 goals', 'Britain's inflation fell to 3.2%'
        if not (own_noun and group):
            for k in range(first - 1, max(0, first - 10), -1):
                if tokens[k].text in (";", ":", ",", "(") or tokens[k].lower_ in ("that", "which", "who"):
                    break
                if tokens[k].tag_ == "POS":
                    if head is not None and any(t.tag_.startswith("VB") for t in tokens[k + 1:first]):
                        break  # 'Ukraine's centre has identified 13 institutions': the counter, not the owner
                    owner = self._owner(tokens, starts, [k - 1, k], mentions)
                    if owner is not None:
                        return self._normalised(owner, group, [], tokens, known), own_noun
                    break
        if head is not None and group in ("civilians", "children"):
            return Subject(group), True  # civilians with no nation stated are still civilians
        return None, own_noun

    def _premodifiers(self, tokens, k: int) -> list[int]:
        span = []
        i = k - 1
        while i >= 0 and k - i <= 5 and tokens[i].tag_ in ("JJ", "JJR", "NNP", "NNPS", "NN", "POS", "HYPH", "VBN"):
            span.insert(0, i)
            i -= 1
        return span

    def _owner(self, tokens, starts, indices: list[int], mentions) -> _Owner | None:
        """A nation or a named owner among the given tokens: a demonym ('North Korean'), a
        possessor ('Russia's', 'Acme's') or a mention of the article's entities."""
        if not indices:
            return None
        words = [tokens[i] for i in indices]
        for size in (3, 2, 1):
            for n in range(len(words) - size + 1):
                phrase = " ".join(t.text for t in words[n:n + size])
                phrase = phrase.replace(" 's", "'s").replace(" ’s", "'s")
                key = self.entities.demonyms.get(phrase) or self.entities.demonyms.get(phrase.replace("'s", "").strip())
                if key:
                    return self._of_entry(key)
        for i, token in zip(indices, words):
            mention = _mention_at(mentions, starts[i - 1] if token.tag_ == "POS" and i else starts[i])
            if mention is not None:
                return self._of_mention(mention)
            if token.tag_ == "POS" and i - 1 >= 0 and tokens[i - 1].text[:1].isupper():
                return _Owner(tokens[i - 1].text)  # a possessor no list knows, kept as written
        return None

    def _owner_after(self, tokens, starts, head: int, mentions) -> _Owner | None:
        """'deaths among Ukrainian civilians', 'the losses of the Russian army'."""
        if head + 1 < len(tokens) and tokens[head + 1].lower_ in ("of", "among"):
            span = []
            for i in range(head + 2, min(len(tokens), head + 6)):
                if tokens[i].tag_ == "DT" and not span:
                    continue
                if tokens[i].tag_ not in _MODIFIER_TAGS:
                    break
                span.append(i)
            return self._owner(tokens, starts, span, mentions)
        return None

    def _agent_before(self, tokens, starts, verb: int, mentions) -> _Owner | None:
        """The nearest named owner before a loss verb, within its clause."""
        for k in range(verb - 1, max(-1, verb - 9), -1):
            if tokens[k].text in (";", ":") or tokens[k].tag_ in ("VBD", "VBZ") and tokens[k].lower_ not in ("is", "has", "was", "had"):
                return None
            owner = self._owner(tokens, starts, [k, k + 1] if k + 1 < verb else [k], mentions)
            if owner is not None:
                return owner
        return None

    def _of_entry(self, key: str) -> _Owner:
        entry = self.entities.by_id[key]
        adjective = next((d for d in entry.demonyms if not d.endswith("'s")), entry.label)
        return _Owner(entry.label, adjective, key)

    def _of_mention(self, mention: EntityMention) -> _Owner:
        entity = mention.entity
        if entity.key in self.entities.by_id and entity.type == "Country":
            return self._of_entry(entity.key)
        owner = _Owner(entity.label, "", entity.key)
        country = self.entities.by_country.get(entity.country) if entity.country else None
        if entity.type in _STATE_TYPES and country is not None:
            owner.state = self._of_entry(country.id)  # 'Putin's forces', 'the Kremlin lost 48,000 troops'
        return owner

    def _normalised(self, owner: _Owner, group: str, modifiers: list[int], tokens, known: set[str]) -> Subject:
        if not group and any(tokens[i].lower_ in _MILITARY for i in modifiers):
            group = "forces"
        if group == "forces" and owner.state is not None:
            owner = owner.state
        if group and owner.adjective:
            entity = owner.entity if owner.entity in known else ""
            return Subject(f"{owner.adjective} {group}", entity)
        return Subject(owner.label, owner.entity if owner.entity in known else "")

    def _group_of_measure(self, measure: str) -> str:
        for label in self.labels_longest_first:
            if measure == label or measure.startswith(label + " "):
                return self.label_whose[label]
        return ""


@dataclass(frozen=True, slots=True)
class _Token:
    text: str
    lower_: str
    tag_: str
    idx: int


class _Starts:
    """Where each token of a parsed sentence starts in the article, read when asked."""

    def __init__(self, parsed: Sentence, tokens: list[_Token]):
        self.tokens, self.offset = tokens, parsed.offset

    def __getitem__(self, i: int) -> int:
        return self.offset + self.tokens[i].idx


def _mention_at(mentions: list[EntityMention], start: int) -> EntityMention | None:
    for mention in mentions:
        if mention.span.start <= start < mention.span.end:
            return mention
    return None
