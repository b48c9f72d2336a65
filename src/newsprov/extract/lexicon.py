"""Load and validate the lexicons: cues, hedges, measures, gazetteer...

Lexicons are data (JSON Lines), checked when loaded: a bad line fails loudly
with its file and line number instead of silently matching nothing.
"""
from __future__ import annotations

import json
import re
from bisect import bisect_left
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from ..errors import LexiconError
from ..model import ENTITY_TYPES, QUALIFIERS
from ..resources import lexicon_dir

GAZETTEER_KEYS = {"id", "label", "type", "country", "aliases", "wikidata", "demonyms"}
CUE_KINDS = {"verb", "according_to", "noun", "relay"}
CUE_CLASSES = {"speech", "evidential", "attitude", "nominal", "according", "relay", "listener", "infinitive", "clause",
               "topic", "agent", "to-topic", "naming"}


def read_jsonl(path: Path) -> list[tuple[int, dict]]:
    rows = []
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise LexiconError(f"{path}: cannot read lexicon ({exc})") from None
    for number, line in enumerate(lines, 1):
        if not line.strip() or line.lstrip().startswith("//"):
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as exc:
            raise LexiconError(f"{path}:{number}: not valid JSON ({exc.msg})") from None
        if not isinstance(row, dict):
            raise LexiconError(f"{path}:{number}: each line must be a JSON object")
        rows.append((number, row))
    return rows


def _strings(path: Path, number: int, row: dict, key: str, allow_empty: bool = False) -> list[str]:
    value = row.get(key)
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise LexiconError(f"{path}:{number}: {key!r} must be a list of non-empty strings")
    if not value and not allow_empty:
        raise LexiconError(f"{path}:{number}: {key!r} is empty")
    return value


@dataclass(frozen=True)
class GazetteerEntry:
    id: str
    label: str
    type: str
    country: str
    aliases: tuple[str, ...]
    wikidata: str
    demonyms: tuple[str, ...]


def load_gazetteer(path: Path) -> list[GazetteerEntry]:
    entries, seen = [], set()
    for number, row in read_jsonl(path):
        missing = GAZETTEER_KEYS - row.keys()
        if missing:
            raise LexiconError(f"{path}:{number}: gazetteer entry lacks {sorted(missing)}")
        if not isinstance(row["id"], str) or not row["id"]:
            raise LexiconError(f"{path}:{number}: 'id' must be a non-empty string")
        if row["id"] in seen:
            raise LexiconError(f"{path}:{number}: duplicate id {row['id']!r}")
        if row["type"] not in ENTITY_TYPES or row["type"] in ("VagueSource", "Entity"):
            raise LexiconError(f"{path}:{number}: unknown type {row['type']!r}")
        wikidata = row["wikidata"] or ""
        if wikidata and not (wikidata.startswith("Q") and wikidata[1:].isdigit()):
            raise LexiconError(f"{path}:{number}: wikidata must look like Q123, not {wikidata!r}")
        seen.add(row["id"])
        entries.append(
            GazetteerEntry(
                id=row["id"],
                label=str(row["label"]),
                type=row["type"],
                country=str(row["country"] or ""),
                aliases=tuple(_strings(path, number, row, "aliases")),
                wikidata=wikidata,
                demonyms=tuple(_strings(path, number, row, "demonyms", allow_empty=True)),
            )
        )
    return entries


def load_patterns(name: str) -> dict[str, dict]:
    """A ``{"id", "label", "patterns", ...}`` lexicon keyed by id."""
    path = lexicon_dir() / name
    table = {}
    for number, row in read_jsonl(path):
        if not isinstance(row.get("id"), str):
            raise LexiconError(f"{path}:{number}: 'id' must be a string")
        _strings(path, number, row, "patterns")
        if "family" in row and not (isinstance(row["family"], str) and row["family"].strip()):
            raise LexiconError(f"{path}:{number}: 'family' must be a non-empty string")
        if "kind" in row and row["kind"] not in CUE_KINDS:
            raise LexiconError(f"{path}:{number}: unknown cue kind {row['kind']!r}")
        if "reported_as" in row:
            _strings(path, number, row, "reported_as")
        table[row["id"]] = row
    for row in table.values():
        unknown = [m for m in row.get("reported_as", []) if m not in table]
        if unknown:
            raise LexiconError(f"{path}: {row['id']!r}: 'reported_as' names unknown measures {unknown}")
    return table


@dataclass(frozen=True)
class Cues:
    """The cue lexicon as the attribution step reads it: lemma -> class, and the few lexical facts the
    structure cannot give (a verb whose object is its listener, 'told reporters')."""

    verbs: dict[str, str]            # lemma -> speech | evidential | attitude
    nouns: frozenset[str]            # nominal cues: 'statement', 'figures', 'poll'
    according: frozenset[str]        # heads of crediting prepositions: 'according', 'per'
    relays: frozenset[str]           # 'cite', 'quote', 'base (on)'
    listener_object: frozenset[str]  # 'tell', 'ask', 'urge': the object listens, it is not what is said
    infinitive: frozenset[str]       # 'vow', 'urge', 'want': their 'to' clause is what they credit
    clause_only: frozenset[str]      # 'find', 'show', 'think': they credit a clause, not a plain object
    topic: frozenset[str]            # 'about', 'of', 'on': the preposition of what a cue is about
    needs_agent: frozenset[str]      # 'claim', 'show': their subject is a source only if it is known to be one
    to_topic: frozenset[str]         # 'point', 'refer': their 'to' phrase is what they are about
    naming: frozenset[str] = frozenset()  # 'call', 'label': what follows their object is what it is called

    @property
    def words(self) -> frozenset[str]:
        """Every lemma that makes a sentence worth parsing."""
        return frozenset(self.verbs) | self.nouns | self.according | self.relays


def load_cues(path: Path) -> Cues:
    verbs: dict[str, str] = {}
    sets: dict[str, set[str]] = {"nominal": set(), "according": set(), "relay": set(), "listener": set(),
                                 "infinitive": set(), "clause": set(), "topic": set(), "agent": set(), "to-topic": set(),
                                 "naming": set()}
    for number, row in read_jsonl(path):
        if not isinstance(row.get("id"), str) or row.get("kind") not in CUE_KINDS or row.get("class") not in CUE_CLASSES:
            raise LexiconError(f"{path}:{number}: a cue class needs an 'id', a 'kind' in {sorted(CUE_KINDS)} "
                               f"and a 'class' in {sorted(CUE_CLASSES)}")
        lemmas = _strings(path, number, row, "lemmas")
        if any(lemma != lemma.lower() or " " in lemma for lemma in lemmas):
            raise LexiconError(f"{path}:{number}: lemmas are single lower-case words, not phrasings")
        if row["class"] in sets:
            sets[row["class"]].update(lemmas)
            continue
        for lemma in lemmas:
            if lemma in verbs:
                raise LexiconError(f"{path}:{number}: {lemma!r} is already in class {verbs[lemma]!r}")
            verbs[lemma] = row["class"]
    for kind in ("listener", "infinitive", "clause", "agent", "to-topic", "naming"):
        strays = sorted(sets[kind] - verbs.keys())
        if strays:
            raise LexiconError(f"{path}: class {kind!r} names verbs that are no cue: {strays}")
    return Cues(verbs=verbs, nouns=frozenset(sets["nominal"]), according=frozenset(sets["according"]),
                relays=frozenset(sets["relay"]), listener_object=frozenset(sets["listener"]),
                infinitive=frozenset(sets["infinitive"]), clause_only=frozenset(sets["clause"]),
                topic=frozenset(sets["topic"]), needs_agent=frozenset(sets["agent"]),
                to_topic=frozenset(sets["to-topic"]), naming=frozenset(sets["naming"]))


GENDERS = ("feminine", "masculine")
COREF_KINDS = ("name", "title", "role", "continuing")


@dataclass(frozen=True)
class CorefWords:
    """What coreference reads of words (coref.jsonl): the gender a given name, a title or a role word
    tells by convention (a word of both genders is in neither list: unknown, never guessed), and the
    speech verbs by which a speaker goes on rather than answers."""

    names: dict[str, str] = field(default_factory=dict)   # 'Sarah' -> feminine
    titles: dict[str, str] = field(default_factory=dict)  # 'Mr' -> masculine
    roles: dict[str, str] = field(default_factory=dict)   # 'spokeswoman' -> feminine (lower case)
    continuing: frozenset[str] = frozenset()              # 'add', 'continue'


def load_coref_words(path: Path) -> CorefWords:
    tables: dict[str, dict[str, str]] = {"name": {}, "title": {}, "role": {}}
    continuing: set[str] = set()
    for number, row in read_jsonl(path):
        kind = row.get("kind")
        if kind not in COREF_KINDS:
            raise LexiconError(f"{path}:{number}: 'kind' must be one of {list(COREF_KINDS)}")
        words = _strings(path, number, row, "patterns")
        if kind == "continuing":
            continuing.update(words)
            continue
        if row.get("gender") not in GENDERS:
            raise LexiconError(f"{path}:{number}: 'gender' must be one of {list(GENDERS)}")
        for word in words:
            key = word.lower() if kind == "role" else word
            if tables[kind].get(key, row["gender"]) != row["gender"]:
                raise LexiconError(f"{path}:{number}: {word!r} is listed under both genders")
            tables[kind][key] = row["gender"]
    return CorefWords(names=tables["name"], titles=tables["title"], roles=tables["role"],
                      continuing=frozenset(continuing))


@dataclass
class Lexicons:
    gazetteer: list[GazetteerEntry]
    cues: Cues
    hedges: dict[str, str] = field(default_factory=dict)  # phrase -> qualifier
    measures: dict[str, dict] = field(default_factory=dict)
    vague: dict[str, dict] = field(default_factory=dict)
    entity_heads: dict[str, list[str]] = field(default_factory=dict)
    titles: frozenset[str] = frozenset()
    first_names: frozenset[str] = frozenset()
    descriptors: dict[str, dict] = field(default_factory=dict)
    irregular: dict[str, str] = field(default_factory=dict)  # 'said' -> 'say'
    units: dict[str, dict] = field(default_factory=dict)  # units written with a number (units.jsonl)
    coref: CorefWords = field(default_factory=CorefWords)  # genders of names, titles and roles (coref.jsonl)


@cache
def load_lexicons(extra_gazetteers: tuple[str, ...] = ()) -> Lexicons:
    gazetteer = load_gazetteer(lexicon_dir() / "gazetteer.jsonl")
    known = {e.id for e in gazetteer}
    for extra in extra_gazetteers:
        for entry in load_gazetteer(Path(extra)):
            if entry.id in known:  # a user's entry overrides the shipped one
                gazetteer = [e for e in gazetteer if e.id != entry.id]
            gazetteer.append(entry)
            known.add(entry.id)
    hedges = {}
    for qualifier, row in load_patterns("hedges.jsonl").items():
        if qualifier not in QUALIFIERS:
            raise LexiconError(f"hedges.jsonl: unknown qualifier {qualifier!r}")
        for phrase in row["patterns"]:
            hedges[phrase.lower()] = qualifier
    heads = {k: v["patterns"] for k, v in load_patterns("entity_heads.jsonl").items()}
    for kind in heads:
        if kind not in ENTITY_TYPES:
            raise LexiconError(f"entity_heads.jsonl: unknown type {kind!r}")
    descriptors = load_patterns("descriptors.jsonl")
    for row in descriptors.values():
        for kind in row.get("types", []):
            if kind not in ENTITY_TYPES:
                raise LexiconError(f"descriptors.jsonl: unknown type {kind!r}")
    return Lexicons(
        gazetteer=gazetteer,
        cues=load_cues(lexicon_dir() / "cues.jsonl"),
        hedges=hedges,
        measures=load_patterns("measures.jsonl"),
        vague=load_patterns("vague_sources.jsonl"),
        entity_heads=heads,
        titles=frozenset(load_patterns("person_titles.jsonl")["titles"]["patterns"]),
        first_names=frozenset(load_patterns("first_names.jsonl")["first-names"]["patterns"]),
        descriptors=descriptors,
        irregular={form.lower(): lemma for lemma, row in load_patterns("irregular_forms.jsonl").items()
                   for form in row["patterns"]},
        units=_units(load_patterns("units.jsonl")),
        coref=load_coref_words(lexicon_dir() / "coref.jsonl"),
    )


def _units(table: dict[str, dict]) -> dict[str, dict]:
    for unit_id, row in table.items():
        if row.get("position") not in ("before", "after"):
            raise LexiconError(f"units.jsonl: {unit_id!r}: 'position' must be 'before' or 'after'")
        if not isinstance(row.get("label"), str) or not row["label"]:
            raise LexiconError(f"units.jsonl: {unit_id!r}: 'label' must be a non-empty string")
    return table


def phrase_pattern(phrases, wildcard: str = r"(?:[\w'-]+\s+){0,6}?[\w'-]+") -> str:
    """One regular expression for many phrases, as a trie of their words.

    Python's ``re`` tries the branches of ``a|b|c`` one by one at every position;
    sharing prefixes ('said', 'says', 'said that') makes a large lexicon cheap to
    match. Words are separated by any whitespace; '*' stands for a few words.
    """
    trie: dict = {}
    for phrase in phrases:
        node = trie
        for word in phrase.split():
            node = node.setdefault(word.lower(), {})
        node[""] = {}

    def emit(node: dict) -> str:
        branches = []
        for word in sorted((w for w in node if w), key=len, reverse=True):
            piece = wildcard if word == "*" else re.escape(word)
            rest = node[word]
            follow = emit(rest)
            branches.append(piece + (rf"(?:\s+{follow})?" if "" in rest and follow else rf"\s+{follow}" if follow else ""))
        if not branches:
            return ""
        return "(?:" + "|".join(branches) + ")" if len(branches) > 1 else branches[0]

    return emit(trie)


_RUN = re.compile(r"\w+")


def _lowered(by_word: dict[str, list[int]]) -> dict[str, list[int]]:
    """Merge the starts of words that differ only in case (lower-casing a whole non-ASCII
    text could change its length and shift every offset after the change)."""
    merged: dict[str, list[int]] = {}
    for word, starts in by_word.items():
        merged.setdefault(word.lower(), []).extend(starts)
    return {word: sorted(starts) for word, starts in merged.items()}


class WordStartPattern:
    """A regular expression that can only match where a word starts, tried only there.

    ``re`` tries a pattern at every character; a lexicon pattern (a trie of
    phrases behind a word boundary) can only match at the start of a word that
    begins one of its phrases. ``finditer`` and ``search`` return exactly what
    the compiled pattern's own methods return for the same ``pos`` and
    ``endpos`` (except that a word cut by ``endpos`` is not matched by its cut
    part: 'count' is not found in 'count|ries'), at a fraction of the cost: the positions of the text's words
    whose first ``\\w+`` run is in ``first_words`` are listed once per text,
    and the pattern runs only there. Each branch of the pattern must begin with
    ``\\b`` or ``(?<![\\w-])`` followed by one of ``first_words``, or with a
    character that ``also`` matches.
    """

    _words: dict[int, tuple[str, dict[str, list[int]]]] = {}  # id(text) -> (text, word -> its starts)

    def __init__(self, regex: re.Pattern, first_words, also: re.Pattern | None = None):
        self.regex = regex
        self.also = also  # characters where a match can start too, inside words or not ('£', a digit)
        self.first_words = set()
        for word in first_words:
            run = _RUN.match(word.lower())
            if run is None:
                raise ValueError(f"{word!r} does not start with a word character")
            self.first_words.add(run.group())
        self._candidates: tuple[str | None, list[int]] = (None, [])

    @classmethod
    def of_phrases(cls, phrases, before: str = r"(?<![\w-])", after: str = r"(?![\w-])",
                   flags: int = re.IGNORECASE) -> "WordStartPattern":
        phrases = list(phrases)
        regex = re.compile(before + "(?:" + phrase_pattern(phrases) + ")" + after, flags)
        return cls(regex, (p.split()[0] for p in phrases))

    @classmethod
    def _starts_by_word(cls, text: str) -> dict[str, list[int]]:
        cached = cls._words.get(id(text))
        if cached is None or cached[0] is not text:
            by_word: dict[str, list[int]] = {}
            for match in _RUN.finditer(text.lower() if text.isascii() else text):
                by_word.setdefault(match[0], []).append(match.start())
            if not text.isascii():
                by_word = _lowered(by_word)
            if len(cls._words) >= 8:
                cls._words.clear()  # the cache serves the few texts of one article at a time
            cached = cls._words[id(text)] = (text, by_word)
        return cached[1]

    def candidates(self, text: str) -> list[int]:
        """Sorted starts of the words of ``text`` that can begin a match."""
        if self._candidates[0] is not text:
            by_word = self._starts_by_word(text)
            found = [start for word in self.first_words & by_word.keys() for start in by_word[word]]
            if self.also is not None:
                found += [match.start() for match in self.also.finditer(text)]
            self._candidates = (text, sorted(found))
        return self._candidates[1]

    def finditer(self, text: str, pos: int = 0, endpos: int | None = None):
        endpos = len(text) if endpos is None else endpos
        if len(text) < 400:
            yield from self.regex.finditer(text, pos, endpos)  # a short piece: listing its words costs more
            return
        starts = self.candidates(text)
        match_ = self.regex.match
        resume = pos
        for i in range(bisect_left(starts, pos), len(starts)):
            start = starts[i]
            if start >= endpos:
                break
            if start < resume:
                continue
            match = match_(text, start, endpos)
            if match:
                resume = match.end()
                yield match

    def search(self, text: str, pos: int = 0, endpos: int | None = None) -> re.Match | None:
        return next(self.finditer(text, pos, endpos), None)

    def matches_at_each_start(self, text: str, pos: int = 0, endpos: int | None = None) -> list[re.Match]:
        """The match at every place where one can start, overlapping ones included, by start:
        ``finditer`` keeps those of them that do not overlap an earlier one."""
        endpos = len(text) if endpos is None else endpos
        if len(text) < 400:
            starts = range(pos, endpos)
        else:
            every = self.candidates(text)
            starts = every[bisect_left(every, pos):bisect_left(every, endpos)]
        match_ = self.regex.match
        return [match for match in (match_(text, start, endpos) for start in starts) if match]
