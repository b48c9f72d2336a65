"""Plain data passed between the stages: read -> extract -> graph.

Offsets are Python string indices into the article text as read, so that
``text[start:end]`` is always the span.
"""
from __future__ import annotations

from dataclasses import dataclass, field

def decimal_text(value: float) -> str:
    """The one lexical form of an xsd:decimal newsprov writes, so that a value can be looked up as a term."""
    return f"{value:f}".rstrip("0").rstrip(".") if value != int(value) else str(int(value))


BASES = ("stated", "article-level")  # how an extracted hop is known (Attribution.basis)

QUALIFIERS = ("exact", "approximate", "more_than", "less_than", "at_least", "at_most", "range")


def qualifier_name(qualifier: str) -> str:
    """How every output spells a qualifier: the ontology's term (``more_than``: ``moreThan``)."""
    head, *rest = qualifier.split("_")
    return head + "".join(part.capitalize() for part in rest)


def outlet_label(publisher: str | None, source_file: str | None, article_id: str) -> str:
    """What an article is called where its outlet would be: the publisher, or for an article
    without one its file (or id) and "(no publisher)", so that two such articles never merge."""
    return publisher or f"{source_file or article_id} (no publisher)"

# Fine entity types and the coarse category each belongs to.
ENTITY_TYPES = {
    "Person": "Person",
    "MilitaryUnit": "MilitaryUnit",
    "Region": "Region",
    "Country": "Region",
    "Organisation": "Organisation",
    "GovernmentBody": "Organisation",
    "MilitaryBody": "Organisation",
    "NewsOutlet": "Organisation",
    "ResearchOrganisation": "Organisation",
    "InternationalOrganisation": "Organisation",
    "Platform": "Organisation",
    "Event": "Event",
    "VagueSource": "VagueSource",
    "Entity": "Entity",
}


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    text: str

    def as_dict(self) -> dict:
        return {"start": self.start, "end": self.end, "text": self.text}

    def contains(self, other: "Span") -> bool:
        return self.start <= other.start and other.end <= self.end


class SpanIndex:
    """Intervals found by the span they contain, in time proportional to the intervals near it, not
    to all of them: each (start, end, item) is filed under every block of ``BLOCK`` characters it
    touches. ``containing`` keeps the order the items were given in."""

    BLOCK = 512

    def __init__(self, items):
        self.blocks: dict[int, list] = {}
        for start, end, item in items:
            for block in range(start // self.BLOCK, end // self.BLOCK + 1):
                self.blocks.setdefault(block, []).append((start, end, item))

    def containing(self, start: int, end: int) -> list:
        return [item for s, e, item in self.blocks.get(start // self.BLOCK, ()) if s <= start and end <= e]


@dataclass
class Article:
    id: str
    text: str
    source_file: str = ""
    publisher: str = ""
    published: str = ""
    url: str = ""
    title: str = ""
    sha256: str = ""


@dataclass
class Entity:
    """Something named or described in the text: a person, unit, place, organisation
    or an unnamed source. ``key`` is stable across articles for named entities and
    article-scoped for vague ones."""

    key: str
    label: str
    type: str
    wikidata: str = ""
    country: str = ""
    known: bool = False
    mentions: list[Span] = field(default_factory=list)
    role: str = ""         # a person's role in this article ('spokeswoman'), from a title or an apposition
    affiliation: str = ""  # the key of the organisation the article names as theirs ('a spokeswoman for Y')

    @property
    def category(self) -> str:
        return ENTITY_TYPES.get(self.type, "Entity")


@dataclass
class Figure:
    span: Span
    value: float
    qualifier: str = "exact"
    value_max: float | None = None
    unit: str = ""
    measure: str = ""
    period: str = ""
    hedge: Span | None = None
    subject: str = ""          # whose the count is, normalised ('Russian forces'), where the text says
    subject_entity: str = ""   # the key of the article's entity the subject is, if it is one
    period_kind: str = ""      # 'day', 'period' or 'cumulative' (extract/periods.py)
    period_start: str = ""     # ISO dates, where the period and the publication date give them
    period_end: str = ""


@dataclass
class Attribution:
    id: str
    source: Entity
    source_span: Span
    cue: Span | None
    content: Span | None
    kind: str = "indirect"
    via: str | None = None
    # how the hop is known: 'stated' in the claim's own sentence, or 'article-level' when it is established
    # elsewhere in the article (extract/discourse.py), with the sentence that establishes it as evidence
    basis: str = "stated"
    evidence: Span | None = None


@dataclass
class Claim:
    id: str
    span: Span
    figures: list[Figure] = field(default_factory=list)
    attributions: list[str] = field(default_factory=list)  # outermost hop first


@dataclass
class Extraction:
    article: Article
    entities: list[Entity]
    claims: list[Claim]
    attributions: list[Attribution]


# what a figure link compares of its two figures (analyse/links.py), in the order it is told
COMPARED = ("subject", "measure", "time")


def compared_text(comparison: dict[str, str]) -> str:
    """A link's comparison in words: 'subject same, measure compatible, time unstated'."""
    return ", ".join(f"{name} {comparison[name]}" for name in COMPARED if name in comparison)
