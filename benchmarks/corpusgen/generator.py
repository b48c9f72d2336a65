"""The generator: articles written from the tables in ``tables/``, with their gold (see the package's docstring)."""
from __future__ import annotations

import calendar
import csv
import datetime as dt
import json
import random
import re
import time
from collections import Counter
from pathlib import Path

from newsprov.extract.figures import SCALES, TENS, UNITS
from newsprov.extract.lexicon import load_lexicons

from .tables import TABLES, org, person

LEXICONS = load_lexicons()
START_DATE = dt.date.fromisoformat(TABLES["articles"]["start_date"])
END_DATE = dt.date.fromisoformat(TABLES["articles"]["end_date"])
MIN_WORDS, MAX_WORDS = TABLES["articles"]["min_words"], TABLES["articles"]["max_words"]
CATEGORY = TABLES["articles"]["category"]

# ---------------------------------------------------------------------------------------------
# The gazetteer: ids, aliases and the country of each entry

def _load_gazetteer():
    """The project's own gazetteer, through its validating loader."""
    entries, aliases = {}, {}
    for entry in LEXICONS.gazetteer:
        entries[entry.id] = entry
        for alias in entry.aliases:
            aliases.setdefault(_key(alias), set()).add(entry.id)
    return entries, aliases


def _key(surface: str) -> str:
    return re.sub(r"^the\s+", "", surface.replace("\u2019", "'").lower()).strip()


GAZ, GAZ_ALIASES = _load_gazetteer()
DEMONYM_COUNTRY = {}
for _entry in GAZ.values():
    if _entry.type == "Country":
        for _d in [*_entry.demonyms, *_entry.aliases]:
            DEMONYM_COUNTRY.setdefault(_d.lower(), _entry.country)


def gaz_ids(surface: str) -> set[str]:
    return GAZ_ALIASES.get(_key(surface), set())


def check_alias(surface: str, entity_id: str) -> None:
    """``surface`` names ``entity_id`` for any reader: one of its aliases, or a country word and an
    alias the entry shares with others of other countries ('the Russian Defence Ministry')."""
    if entity_id not in GAZ:
        raise ValueError(f"{entity_id}: not in the gazetteer")
    ids = gaz_ids(surface)
    if ids == {entity_id} or (entity_id in ids and len(ids) == 1):
        return
    words = _key(surface).split(" ", 1)
    if len(words) == 2:
        country = DEMONYM_COUNTRY.get(words[0].removesuffix("'s")) or DEMONYM_COUNTRY.get(words[0])
        if country and country == GAZ[entity_id].country and entity_id in gaz_ids(words[1]):
            return
    raise ValueError(f"{surface!r} is not an unambiguous name of {entity_id} (aliases give {sorted(ids)})")


def check_new(surface: str) -> None:
    if gaz_ids(surface):
        raise ValueError(f"{surface!r} is in the gazetteer ({sorted(gaz_ids(surface))}); use its id")


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


# ---------------------------------------------------------------------------------------------
# Hedges: phrase -> qualifier, as the project's hedge lexicon names them

HEDGES = TABLES["figures"]["hedges"]
HEDGE_WEIGHTS = TABLES["figures"]["hedge_weights"]


def _check_hedges():
    lexicon = LEXICONS.hedges
    for qualifier, phrases in HEDGES.items():
        for phrase in phrases:
            if lexicon.get(phrase) != qualifier:
                raise ValueError(f"hedge {phrase!r}: the project's lexicon says {lexicon.get(phrase)}")
    return lexicon


HEDGE_LEXICON = _check_hedges()

# ---------------------------------------------------------------------------------------------
# Places, units, outlets and other names

UA_CITIES = TABLES["places"]["ua_cities"]
CITY_FORMS = TABLES["places"]["city_forms"]
FRONT_TOWNS_GAZ = TABLES["places"]["front_towns_gaz"]
# front-line places the gazetteer lacks
FRONT_TOWNS_NEW = TABLES["places"]["front_towns_new"]
OBLASTS = TABLES["places"]["oblasts"]
RU_REGIONS = TABLES["places"]["ru_regions"]
RU_REPUBLICS = TABLES["places"]["ru_republics"]
DONORS = TABLES["places"]["donors"]
SPEAK_CITIES = TABLES["places"]["speak_cities"]
SPEAK_FORMS = TABLES["places"]["speak_forms"]

UA_UNIT_TYPES = TABLES["places"]["ua_unit_types"]
RU_UNIT_TYPES = TABLES["places"]["ru_unit_types"]
GAZ_UNIT_NUMBERS = TABLES["places"]["gaz_unit_numbers"]


def ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def _units():
    rng = random.Random("units")
    numbers = [n for n in range(5, 160) if n not in GAZ_UNIT_NUMBERS]
    rng.shuffle(numbers)
    ua, ru = [], []
    for i, n in enumerate(numbers[:90]):
        side = ua if i % 3 else ru
        kind = rng.choice(UA_UNIT_TYPES if side is ua else RU_UNIT_TYPES)
        full = f"{ordinal(n)} {kind}"
        short = f"{ordinal(n)} {kind.split()[-1]}"
        check_new(full)
        check_new(short)
        side.append({"id": f"unit:{slug(full)}", "full": full, "short": short, "side": "ua" if side is ua else "ru"})
    return ua, ru


UA_UNITS, RU_UNITS = _units()

# ---------------------------------------------------------------------------------------------
# Invented people: a fixed pool, so the same person recurs across articles and seeds

UA_MALE = TABLES["people"]["ua_male"]
UA_FEMALE = TABLES["people"]["ua_female"]
UA_SURNAMES = TABLES["people"]["ua_surnames"]
RU_MALE = TABLES["people"]["ru_male"]
RU_FEMALE = TABLES["people"]["ru_female"]
RU_SURNAMES = TABLES["people"]["ru_surnames"]
WEST_MALE = TABLES["people"]["west_male"]
WEST_FEMALE = TABLES["people"]["west_female"]
WEST_SURNAMES = TABLES["people"]["west_surnames"]

# roles: (nationality, gender or None, title or "", appositive with {UNIT}/{ORG}/{OBLAST}/{CITY}, kind)
# kind: soldier | official | analyst | blogger
ROLES = TABLES["people"]["roles"]
THINK_TANKS = TABLES["people"]["think_tanks"]


def _people():
    rng = random.Random("people")
    used, pool = set(), []
    gaz_surnames = {_key(a) for e in GAZ.values() if e.type == "Person" for a in e.aliases}
    while len(pool) < 360:
        nationality, gender, title, appositive, kind = rng.choice(ROLES)
        gender = gender or rng.choice("mf")
        if nationality == "ua":
            first = rng.choice(UA_MALE if gender == "m" else UA_FEMALE)
            last = rng.choice(UA_SURNAMES)
        elif nationality == "ru":
            first = rng.choice(RU_MALE if gender == "m" else RU_FEMALE)
            last = rng.choice(RU_SURNAMES)[0 if gender == "m" else 1]
        else:
            first = rng.choice(WEST_MALE if gender == "m" else WEST_FEMALE)
            last = rng.choice(WEST_SURNAMES)
        name = f"{first} {last}"
        if name in used or _key(last) in gaz_surnames or gaz_ids(name):
            continue
        used.add(name)
        person = {"id": f"person:{slug(name)}", "name": name, "first": first, "last": last, "gender": gender,
                  "title": title, "appositive": appositive, "kind": kind, "nationality": nationality}
        if "{UNIT}" in appositive:
            person["unit"] = rng.randrange(len(UA_UNITS))
        if "{RUNIT}" in appositive:
            person["unit"] = rng.randrange(len(RU_UNITS))
        if "{OBLAST}" in appositive:
            person["oblast"] = rng.randrange(len(OBLASTS))
        if "{CITY}" in appositive:
            person["city"] = rng.choice(UA_CITIES)
        if "{THINKTANK}" in appositive:
            person["thinktank"] = rng.randrange(len(THINK_TANKS))
        pool.append(person)
    reporters = []
    while len(reporters) < 160:
        gender = rng.choice("mf")
        nationality = rng.choice(["ua", "west", "west", "ru"])
        if nationality == "ua":
            first, last = rng.choice(UA_MALE if gender == "m" else UA_FEMALE), rng.choice(UA_SURNAMES)
        elif nationality == "ru":
            first, last = rng.choice(RU_MALE if gender == "m" else RU_FEMALE), rng.choice(RU_SURNAMES)[0 if gender == "m" else 1]
        else:
            first, last = rng.choice(WEST_MALE if gender == "m" else WEST_FEMALE), rng.choice(WEST_SURNAMES)
        name = f"{first} {last}"
        if name in used or _key(last) in gaz_surnames or gaz_ids(name):
            continue
        used.add(name)
        reporters.append({"id": f"person:{slug(name)}", "name": name, "last": last, "nationality": nationality})
    return pool, reporters


PEOPLE, REPORTERS = _people()
PEOPLE_BY_KIND = {}
for _p in PEOPLE:
    PEOPLE_BY_KIND.setdefault(_p["kind"], []).append(_p)
    PEOPLE_BY_KIND.setdefault(f"{_p['kind']}-{_p['nationality']}", []).append(_p)

# ---------------------------------------------------------------------------------------------
# Named sources. Forms are (words before the name, the name); the name is an alias of the entry.
# "gb": forms only a British outlet uses, where "the Ministry of Defence" can only be the UK's.


ORGS = {row["key"]: org(**row) for row in TABLES["sources"]["orgs"]}
for _s in ORGS.values():
    for _pre, _name in [*_s["forms"], *_s["later"], *_s["gb"]]:
        if _s["key"].startswith("new:"):
            check_new(_name)
        elif (_pre, _name) in _s["forms"]:
            check_alias(_name, _s["key"])
        else:
            # a later or British form: the article (or the outlet's country) has already said which
            assert _s["key"] in gaz_ids(_name), _name


KNOWN_PEOPLE = {row["key"]: person(**row) for row in TABLES["people"]["known_people"]}
for _p in KNOWN_PEOPLE.values():
    check_alias(_p["name"], _p["key"])
    _p["last"] = {"ursula-von-der-leyen": "von der Leyen"}.get(_p["key"], _p["last"])

# other outlets, as sources, as relays or as the outlet someone spoke to
OUTLETS = {row["key"]: org(**row) for row in TABLES["sources"]["outlets"]}
for _s in OUTLETS.values():
    _s["kind"] = "outlet"
    for _pre, _name in _s["forms"]:
        (check_new(_name) if _s["key"].startswith("new:") else check_alias(_name, _s["key"]))

# Unnamed sources: the gold writes vague:<the phrase in lower case>
VAGUE = TABLES["sources"]["vague"]
for _group in VAGUE.values():
    for _v in _group:
        assert not gaz_ids(re.sub(r"\[\[([^|\]]+)[^\]]*\]\]", r"\1", _v)), _v

# ---------------------------------------------------------------------------------------------
# Publishers: (name as in metadata, gazetteer id or "", country, style, domain)
# styles: tabloid, broadsheet, wire, us, ua, ru, independent, europe, monitor

PUBLISHERS = TABLES["sources"]["publishers"]
for _name, _id, _c, _s in PUBLISHERS:
    if _id:
        check_alias(_name, _id)
    else:
        check_new(_name)
# how often each style publishes
STYLE_WEIGHT = TABLES["sources"]["style_weight"]
PUBLISHER_WEIGHTS = [STYLE_WEIGHT[s] for _n, _i, _c, s in PUBLISHERS]
DESKS = TABLES["sources"]["desks"]

# ---------------------------------------------------------------------------------------------
# Templates. Slots: {F:kind} a figure ({F:kind:n} when a plural noun follows, so "hundreds of"
# may stand for it), {TOWN} {CITY} {OBLAST} {RUREGION} {REPUBLIC} {DONOR} {UUNIT} {RUNIT} places and
# units, {YEAR} {LASTYEAR} {NEXTYEAR} {MONTH} {DUR} {AGE} {MODEL} {TIME} {DAY} words that hold
# numbers that are not figures. [[Name|T|id]] is a name written out, with its type and id.
# Claims are written in reported speech ("Russia had lost ..."); quotes in the speaker's words.

CLAIMS = TABLES["claims"]["claims"]

# Sentences with figures the article states in its own voice: no source
UNATTRIBUTED = TABLES["sentences"]["unattributed"]
# Headlines: {S} marks where the source goes, if the headline names one
HEADLINES = TABLES["sentences"]["headlines"]

# Frames: how a sentence credits its source. {S} the source, {C} a claim, {Q} a quotation,
# {OUT} an outlet someone spoke to, {A} a relay citing {B}, itself citing {D}; {P} refers back to the
# source of the sentence before. The tag after each frame names what the source must be:
# any, org (an "it") or person.
FRAMES_1 = TABLES["sentences"]["frames_1"]
FRAMES_TOLD = TABLES["sentences"]["frames_told"]
FRAMES_2 = TABLES["sentences"]["frames_2"]
FRAMES_3 = TABLES["sentences"]["frames_3"]
FRAMES_Q = TABLES["sentences"]["frames_q"]
FRAMES_Q_TOLD = TABLES["sentences"]["frames_q_told"]
FRAMES_FOLLOW = TABLES["sentences"]["frames_follow"]
FRAMES_FOLLOW_Q = TABLES["sentences"]["frames_follow_q"]
QUOTE_COLOUR = TABLES["sentences"]["quote_colour"]

FILLER = TABLES["sentences"]["filler"]
AUTO_ENTITIES = TABLES["words"]["auto_entities"]
# capitalised words that are no entity of the gold's kinds
ALLOWED_CAPITALS = TABLES["words"]["allowed_capitals"]
# the number words the project reads as figures, and the vague multiples and fractions it knows, which
# no sentence outside a figure slot may contain
NUMBER_WORDS = re.compile(r"\b(?:" + "|".join(sorted([*UNITS, *TENS, *SCALES, *(w + "s" for w in SCALES), "dozens?", "scores",
                                                     "half", "quarter"], key=len, reverse=True)) + r")\b",
                          re.IGNORECASE)
ALLOWED_DIGITS = re.compile(r"\b(?:24/7|Article 5|(?:past|previous) 24 hours|Su-34|Shahed-136|20[12]\d)\b")

# ---------------------------------------------------------------------------------------------
# Figures. A kind is (low, high, form): count, pct, money, millions, roubles, hryvnias.
# "total" grows with the date, as the running tallies do.

KINDS = TABLES["figures"]["kinds"]
# numbers spelled with the project's own number words
UNITS_WORDS = {value: word for word, value in UNITS.items()}
TENS_WORDS = {value // 10: word for word, value in TENS.items()}
VAGUE_MULTIPLES = TABLES["figures"]["vague_multiples"]


def words(n: int) -> str | None:
    """'nine', 'forty-two', 'nine hundred', 'two thousand', 'forty thousand', 'half a million'."""
    if n < 20:
        return UNITS_WORDS[n]
    if n < 100:
        return TENS_WORDS[n // 10] + ("" if n % 10 == 0 else "-" + UNITS_WORDS[n % 10])
    if n < 1000 and n % 100 == 0:
        return f"{UNITS_WORDS[n // 100]} hundred"
    if n < 100_000 and n % 1000 == 0:
        return f"{words(n // 1000)} thousand"
    if n == 500_000:
        return "half a million"
    return None


def round_sig(n: int, digits: int) -> int:
    if n < 10 ** digits:
        return n
    scale = 10 ** (len(str(n)) - digits)
    return max(scale, round(n / scale) * scale)


def money_text(rng, value: int, currency: str) -> tuple[str, int]:
    """'$175 billion', '€20bn', '£3billion', '$2.6bn', '€500m', '£150million', '$2,900'."""
    if value >= 1_000_000_000:
        amount = round(value / 1e9, 1) if value < 10_000_000_000 else round(value / 1e9)
        shown = f"{amount:g}"
        suffix = rng.choice([" billion", "bn", "bn", "billion" if currency == "£" else " billion"])
        return f"{currency}{shown}{suffix}", round(float(shown) * 1_000_000_000)
    if value >= 1_000_000:
        amount = round(value / 1e6) if value >= 10_000_000 else round(value / 1e6, 1)
        shown = f"{amount:g}"
        suffix = rng.choice([" million", " million", "m", "million" if currency == "£" else " million"])
        return f"{currency}{shown}{suffix}", round(float(shown) * 1_000_000)
    value = round_sig(value, 2)
    return f"{currency}{value:,}", value


def render_figure(rng, kind: str, noun: bool, ctx: dict) -> tuple[str, str, str, int | float, str]:
    """(words before, figure text, words after, value, qualifier) for one figure of ``kind``."""
    low, high, form = KINDS[kind]
    if kind in ("total", "killed"):
        days = max(30, (ctx["date"] - START_DATE).days)
        low, high = int(days * 650), int(days * 1000)
        if kind == "killed":
            low, high = low // 5, high // 3
    qualifier, before, after = "exact", "", ""
    hedged = rng.random() < 0.3
    if hedged:
        qualifier = rng.choices(list(HEDGE_WEIGHTS), weights=list(HEDGE_WEIGHTS.values()))[0]
        if form in ("money", "money_gbp", "pct", "millions", "roubles", "hryvnias") and qualifier == "less_than":
            before = "less than "
        else:
            before = rng.choice(HEDGES[qualifier]) + " "
    if form == "pct":
        value = rng.randint(low, high)
        if rng.random() < 0.15 and value < 20:
            value = round(value + rng.randint(1, 9) / 10, 1)
        text = f"{value:g}" + rng.choice(["%", "%", "%", " per cent", " percent"])
        return before, text, after, value, qualifier
    if form in ("money", "money_gbp"):
        currency = "£" if form == "money_gbp" else ctx.get("currency") or rng.choice("$$€£")
        text, value = money_text(rng, rng.randint(low, high), currency)
        return before, text, after, value, qualifier
    if form == "millions":
        value10 = rng.randint(low, high)
        text = f"{value10 / 10:g} million"
        return before, text, after, value10 * 100_000, qualifier
    if form in ("roubles", "hryvnias"):
        value = round_sig(rng.randint(low, high), 2)
        if value >= 1_000_000:
            text = f"{value / 1e6:g} million {form}"
        else:
            text = f"{value:,} {form}"
        return before, text, after, value, qualifier
    value = rng.randint(low, high)
    if hedged and value >= 100 and rng.random() < 0.7:
        value = round_sig(value, 2)
    # a vague multiple: 'hundreds of', 'tens of thousands of'
    if noun and not hedged and value >= 12 and rng.random() < 0.05:
        for floor, phrase in VAGUE_MULTIPLES:
            if value >= floor:
                return "", phrase, " of", floor, "range"
    # a range: 'between 1,000 and 1,200', '30 to 40'
    if not hedged and value >= 20 and rng.random() < 0.07:
        value = round_sig(value, 1 if value < 100 else 2)
        upper = round_sig(int(value * rng.uniform(1.1, 1.4)), 2)
        if upper > value:
            if rng.random() < 0.6:
                return "between ", f"{value:,} and {upper:,}", "", value, "range"
            return "", f"{value:,} to {upper:,}", "", value, "range"
    if value >= 1_000_000 and rng.random() < 0.5:
        value = round_sig(value, 2)
        return before, f"{value / 1e6:g} million", after, value, qualifier
    if ctx.get("headline"):
        return before, f"{value:,}", after, value, qualifier  # headlines print numerals
    if value < 10:
        text = words(value) if rng.random() < 0.75 else str(value)
        return before, text, after, value, qualifier
    if value >= 100 and rng.random() < 0.08:
        for candidate in (round_sig(value, 1), 500_000 if 350_000 < value < 650_000 else 0):
            if candidate and low <= candidate <= max(high, candidate) and words(candidate):
                return before, words(candidate), after, candidate, qualifier
    return before, f"{value:,}", after, value, qualifier

# ---------------------------------------------------------------------------------------------
# Templates are compiled once into ops: ("lit", text), ("slot", name, arg, noun), ("ent", text, type, key).
# Compiling checks what a template may not hold: numbers, hedges or range words next to a figure
# slot, and capitalised names the gold would not list.

SLOT = re.compile(r"\{([A-Z]+)(?::([a-z_]+))?(?::(n))?\}|\[\[([^|\]]+)(?:\|([ROPM]))?(?:\|([^\]]+))?\]\]")
AUTO = re.compile(r"\b(" + "|".join(sorted(map(re.escape, AUTO_ENTITIES), key=len, reverse=True)) + r")\b")
HEDGE_END = re.compile(r"(?:^|\s)(?:" + "|".join(sorted(map(re.escape, HEDGE_LEXICON), key=len, reverse=True))
                       + r")\s*$", re.IGNORECASE)
DURATION = re.compile(r"\b(?:one|two|three|four|five|six|seven|eight|nine|ten)\s+(?:hours|days|weeks|months|years|decades)\b",
                      re.IGNORECASE)
_compiled: dict[str, tuple] = {}


def _entity_key(surface: str, key: str | None) -> str:
    if key:
        return key
    ids = gaz_ids(surface)
    return next(iter(ids)) if len(ids) == 1 else f"new:{surface}"


def compile_template(template: str) -> tuple:
    ops = _compiled.get(template)
    if ops is not None:
        return ops
    ops = []
    position = 0
    for match in SLOT.finditer(template):
        if match.start() > position:
            ops.extend(_literal(template[position:match.start()]))
        if match.group(1):
            ops.append(("slot", match.group(1), match.group(2), bool(match.group(3))))
        else:
            surface = match.group(4)
            auto = AUTO_ENTITIES.get(surface)
            category = match.group(5) or (auto[0] if auto else "O")
            ops.append(("ent", surface, CATEGORY[category], _entity_key(surface, match.group(6) or (auto[1] if auto else None))))
        position = match.end()
    if position < len(template):
        ops.extend(_literal(template[position:]))
    _check(template, ops)
    ops = tuple(ops)
    _compiled[template] = ops
    return ops


def _literal(text: str) -> list:
    ops, position = [], 0
    for match in AUTO.finditer(text):
        if match.start() > position:
            ops.append(("lit", text[position:match.start()]))
        category, key = AUTO_ENTITIES[match.group(1)]
        ops.append(("ent", match.group(1), CATEGORY[category], key))
        position = match.end()
    if position < len(text):
        ops.append(("lit", text[position:]))
    return ops


def _check(template: str, ops: list) -> None:
    for i, op in enumerate(ops):
        if op[0] != "lit":
            if op[0] == "slot" and op[1] == "F":
                if op[2] not in KINDS:
                    raise ValueError(f"{template!r}: unknown figure kind {op[2]}")
                before = ops[i - 1][1] if i and ops[i - 1][0] == "lit" else ""
                after = ops[i + 1][1] if i + 1 < len(ops) and ops[i + 1][0] == "lit" else ""
                if HEDGE_END.search(before) or re.match(r"\s*(?:or\s+more|or\s+so|\+|plus)\b", after):
                    raise ValueError(f"{template!r}: a hedge next to a figure belongs to the figure")
                if i + 2 < len(ops) and ops[i + 2][:2] == ("slot", "F") and re.fullmatch(r"\s*(?:-|to|and|or)\s*", after):
                    raise ValueError(f"{template!r}: two figures read as a range")
            continue
        text = op[1]
        plain = DURATION.sub("", ALLOWED_DIGITS.sub("", text))
        if re.search(r"\d", plain) or NUMBER_WORDS.search(plain):
            raise ValueError(f"{template!r}: a number outside a slot ({text!r})")
        for word in re.finditer(r"(?<![\w'-])[A-Z][\w'-]*", text):
            start = word.start()
            sentence_start = (i == 0 and not text[:start].strip(" \"\u201c")) or re.search(r"[.:]\s*[\"\u201c]?\s*$", text[:start])
            if not sentence_start and word.group() not in ALLOWED_CAPITALS:
                raise ValueError(f"{template!r}: capitalised {word.group()!r} is a name the gold would not list")


def _compile_all() -> None:
    errors = []
    global compile_template
    checked = compile_template

    def compile_template(t):  # noqa: F811 - collects every error before raising
        try:
            return checked(t)
        except ValueError as exc:
            errors.append(str(exc))
    try:
        _compile_each()
    finally:
        compile_template = checked
    if errors:
        raise ValueError("\n".join(errors))


def _compile_each() -> None:
    for group in CLAIMS.values():
        for t in [*group["reported"], *group["quotes"]]:
            compile_template(t)
    for table in (UNATTRIBUTED, HEADLINES, FILLER):
        for templates in table.values():
            for t in templates:
                compile_template(t)
    for t, _ in [*FRAMES_1, *FRAMES_2, *FRAMES_Q]:
        compile_template(t)
    for t in [*FRAMES_TOLD, *FRAMES_3, *FRAMES_Q_TOLD, *FRAMES_FOLLOW, *FRAMES_FOLLOW_Q, *QUOTE_COLOUR]:
        compile_template(t)
    for someone in PEOPLE:
        compile_template(someone["appositive"])
    for p in KNOWN_PEOPLE.values():
        for a in p["appos"]:
            compile_template(a)
    for phrases in VAGUE.values():
        for v in phrases:
            compile_template(v)


# ---------------------------------------------------------------------------------------------
# Building text with its gold

class Para:
    """One paragraph: text parts and the gold found in it, with offsets from its start."""

    __slots__ = ("parts", "pos", "figures", "entities", "mentions", "sentence")

    def __init__(self):
        self.parts, self.pos = [], 0
        self.figures, self.entities, self.mentions = [], [], []
        self.sentence = 0

    def add(self, text: str) -> None:
        self.parts.append(text)
        self.pos += len(text)

    def entity(self, text: str, category: str, key: str, mention: str | None = None) -> None:
        self.entities.append((key, text, category))
        if mention:
            self.mentions.append((self.pos, self.pos + len(text), mention))
        self.add(text)

    def begin(self) -> None:
        if self.parts and not self.parts[-1].endswith(" "):
            self.add(" ")
        self.sentence = len(self.parts)

    def end(self) -> None:
        """Capitalise the sentence's first letter (same length: offsets hold)."""
        for k in range(self.sentence, len(self.parts)):
            part = self.parts[k]
            for j, ch in enumerate(part):
                if ch.isalpha():
                    if ch.islower():
                        self.parts[k] = part[:j] + ch.upper() + part[j + 1:]
                    return
                if ch not in " \"\u201c'\u2018(":
                    return

    def text(self) -> str:
        return "".join(self.parts)


class Article:
    """The state of the article being written: its outlet, date, sources named so far."""

    def __init__(self, rng: random.Random, index: int, seed: int):
        self.rng = rng
        self.index = index
        name, pid, country, style = rng.choices(PUBLISHERS, weights=PUBLISHER_WEIGHTS)[0]
        self.publisher, self.publisher_id, self.country, self.style = name, pid, country, style
        self.date = START_DATE + dt.timedelta(days=rng.randrange((END_DATE - START_DATE).days + 1))
        self.quotes = ("\u201c", "\u201d") if style in ("tabloid", "broadsheet", "europe", "monitor") and rng.random() < 0.7 else ('"', '"')
        self.hops: dict[str, str] = {}      # source id -> the hop the gold writes for it
        self.surnames: set[str] = set()
        self.people_here: set[str] = set()
        self.used: set[str] = set()         # templates already written: an article does not repeat itself
        self.ctx = {"date": self.date, "currency": {"GB": "£", "US": "$", "DE": "€", "FR": "€", "LV": "€",
                                                    "RO": "€", "SE": "€"}.get(country) if rng.random() < 0.6 else None}

    # -- slots that are not sources ------------------------------------------------------------
    def fill(self, para: Para, name: str, arg: str | None, noun: bool, chain: list, construction: str) -> None:
        rng = self.rng
        if name == "F":
            before, text, after, value, qualifier = render_figure(rng, arg, noun, self.ctx)
            para.add(before)
            para.figures.append([para.pos, para.pos + len(text), text, value, qualifier, chain, construction])
            para.add(text)
            para.add(after)
        elif name == "TOWN":
            if rng.random() < 0.4:
                key = rng.choice(FRONT_TOWNS_GAZ)
                para.entity(CITY_FORMS[key], "Region", key)
            else:
                town = rng.choice(FRONT_TOWNS_NEW)
                para.entity(town, "Region", f"new:{town}")
        elif name == "CITY":
            key = rng.choice(UA_CITIES)
            para.entity(CITY_FORMS[key], "Region", key)
        elif name == "SPEAKCITY":
            key = rng.choice(SPEAK_CITIES)
            para.entity(SPEAK_FORMS[key], "Region", key)
        elif name == "OBLAST":
            key, surface = rng.choice(OBLASTS)
            para.entity(surface, "Region", key)
        elif name == "RUREGION":
            key, surface = rng.choice(RU_REGIONS)
            para.entity(surface, "Region", key or f"new:{surface}")
        elif name == "REPUBLIC":
            republic = rng.choice(RU_REPUBLICS)
            para.entity(republic, "Region", f"new:{republic}")
        elif name == "DONOR":
            key, surface = rng.choice(DONORS)
            if surface.startswith("the "):
                para.add("the ")
                surface = surface[4:]
            para.entity(surface, "Region", key or f"new:{surface}")
        elif name in ("UUNIT", "RUNIT", "UNIT"):
            unit = rng.choice(UA_UNITS if name != "RUNIT" else RU_UNITS)
            self.unit(para, unit)
        elif name == "THINKTANK":
            key, surface = rng.choice(THINK_TANKS)
            para.entity(surface, "Organisation", key)
        elif name == "YEAR":
            para.add(str(rng.randint(2022, self.date.year)))
        elif name == "LASTYEAR":
            para.add(str(max(2022, self.date.year - 1)))
        elif name == "NEXTYEAR":
            para.add(str(self.date.year + 1))
        elif name == "STARTYEAR":
            para.add("2022")
        elif name == "MONTH":
            para.add(rng.choice(MONTH_NAMES))
        elif name == "DUR":
            para.add(rng.choice(["two weeks", "three months", "six months", "two years", "three weeks", "four months",
                                 "several weeks", "a month", "a year"]))
        elif name == "AGE":
            para.add(str(rng.randint(9, 74)))
        elif name == "MODEL":
            para.add(rng.choice(MODELS[arg or "tank"]))
        elif name == "TIME":
            para.add(rng.choice(["2am", "3.40am", "1:15 a.m.", "11pm", "4:30 a.m.", "midnight"]))
        elif name == "DAY":
            para.add(rng.choice(WEEKDAYS))
        elif name == "INVASION":
            para.add(rng.choice(["February 24, 2022", "24 February 2022", "Feb. 24, 2022"]))
        elif name == "WARYEAR":
            para.add(["first", "second", "third", "fourth", "fifth"][min(4, (self.date - START_DATE).days // 365)])
        elif name in ("LQ", "RQ"):
            para.add(self.quotes[0] if name == "LQ" else self.quotes[1])
        else:
            raise KeyError(name)

    def unit(self, para: Para, unit: dict, short: bool | None = None) -> None:
        if short is None:
            short = unit["id"] in self.hops and self.rng.random() < 0.7
        surface = unit["short"] if short else unit["full"]
        para.entity(surface, "MilitaryUnit", unit["id"], mention=unit["id"])
        self.hops.setdefault(unit["id"], f"new:{surface}")

    def render(self, para: Para, template: str, chain: list, construction: str, sources: dict | None = None,
               content: tuple | None = None) -> None:
        ops = compile_template(template)
        for i, op in enumerate(ops):
            kind = op[0]
            if kind == "lit":
                para.add(op[1])
            elif kind == "ent":
                para.entity(op[1], op[2], op[3])
            elif sources and op[1] in sources:
                following = ops[i + 1][1] if i + 1 < len(ops) and ops[i + 1][0] == "lit" else ""
                sources["hops"][op[1]] = self.source(para, sources[op[1]], following)
            elif op[1] in ("C", "Q"):
                self.render(para, content[0], chain, construction)
            else:
                self.fill(para, op[1], op[2], op[3], chain, construction)

    def pick(self, templates: list[str]) -> str:
        """A template this article has not used yet, if one is left after a few tries."""
        for _ in range(6):
            template = self.rng.choice(templates)
            if template not in self.used:
                break
        self.used.add(template)
        return template

    # -- sources ------------------------------------------------------------------------------
    def pick_source(self, selector: str) -> dict:
        """A source of a claim group: a gazetteer entry, an invented person or unit, or an unnamed source."""
        rng = self.rng
        if selector.startswith("@vague:"):
            groups = [selector[7:]] + (["gb"] if self.country == "GB" and selector == "@vague:west" else [])
            return {"type": "vague", "phrase": rng.choice(VAGUE[rng.choice(groups)])}
        if selector == "@unit-ua":
            return {"type": "unit", "unit": rng.choice(UA_UNITS)}
        if selector.startswith("@"):
            pool = PEOPLE_BY_KIND[selector[1:]]
            for _ in range(8):
                person = rng.choice(pool)
                # one surname, one person, within an article: a bare surname must say who
                if person["id"] in self.people_here or person["last"] not in self.surnames:
                    return {"type": "pool", "person": person}
            return {"type": "vague", "phrase": rng.choice(VAGUE["ua"])}
        if selector in KNOWN_PEOPLE:
            known = KNOWN_PEOPLE[selector]
            if not known["years"][0] <= self.date.year <= known["years"][1]:
                return self.pick_source("@vague:west")
            return {"type": "known", "person": known}
        if selector in ORGS:
            return {"type": "org", "org": ORGS[selector]}
        if selector in OUTLETS:
            return {"type": "org", "org": OUTLETS[selector]}
        raise KeyError(selector)

    @staticmethod
    def kind_of(source: dict) -> str:
        return "person" if source["type"] in ("known", "pool") else "vague" if source["type"] == "vague" else "org"

    def source(self, para: Para, source: dict, following: str = "") -> str:
        """Write the source's name where it stands; return the hop the gold writes for it."""
        rng = self.rng
        kind = source["type"]
        close = "" if following[:1] in (",", ".", ":") else ","
        if kind == "refer":
            return self.refer_back(para, source["source"], source["hop"])
        if kind == "self":
            return self.own_outlet(para)
        if kind == "org":
            org = source["org"]
            key = org["key"]
            if key in self.hops and org["later"] and rng.random() < 0.6:
                pre, name = rng.choice(org["later"])
            elif self.country == "GB" and org["gb"] and rng.random() < 0.5:
                pre, name = rng.choice(org["gb"])
            else:
                pre, name = rng.choice(org["forms"])
            para.add(pre)
            para.entity(name, CATEGORY[org["cat"]], key)
            self.hops.setdefault(key, key)
            return key
        if kind == "vague":
            self.render(para, source["phrase"], [], "")
            return "vague:" + re.sub(r"\[\[([^|\]]+)[^\]]*\]\]", r"\1", source["phrase"]).lower()
        if kind == "unit":
            unit = source["unit"]
            para.add("the ")
            self.unit(para, unit)
            return self.hops[unit["id"]]
        if kind == "known":
            person = source["person"]
            key = person["key"]
            if key in self.hops:
                para.entity(person["last"], "Person", key)
                return key
            self.hops[key] = key
            self.surnames.add(person["last"])
            form = rng.random()
            if person["titles"] and form < 0.5:
                para.add(rng.choice(person["titles"]) + " ")
                para.entity(person["name"], "Person", key)
            elif person["appos"] and form < 0.85:
                para.entity(person["name"], "Person", key)
                para.add(", ")
                self.render(para, rng.choice(person["appos"]), [], "")
                para.add(close)
            else:
                para.entity(person["name"], "Person", key)
            return key
        person = source["person"]
        pid = person["id"]
        if pid in self.hops:
            para.entity(person["last"], "Person", pid, mention=pid)
            return self.hops[pid]
        title = person["title"] if person["title"] and rng.random() < 0.8 else ""
        if title:
            para.add(title + " ")
        para.entity(person["name"], "Person", pid, mention=pid)
        self.hops[pid] = "new:" + (f"{title} " if title else "") + person["name"]
        self.surnames.add(person["last"])
        self.people_here.add(pid)
        if rng.random() < 0.85:
            if person["kind"] == "soldier" and rng.random() < 0.3:
                para.add(f", {24 + _age(person) + self.date.year - 2022}")  # an age, which is no figure
            para.add(", ")
            self.person_appositive(para, person)
            para.add(close)
        return self.hops[pid]

    def person_appositive(self, para: Para, person: dict) -> None:
        ops = compile_template(person["appositive"])
        for op in ops:
            if op[0] == "lit":
                para.add(op[1])
            elif op[0] == "ent":
                para.entity(op[1], op[2], op[3])
            elif op[1] == "UNIT":
                self.unit(para, UA_UNITS[person["unit"]])
            elif op[1] == "RUNIT":
                self.unit(para, RU_UNITS[person["unit"]])
            elif op[1] == "OBLAST":
                key, surface = OBLASTS[person["oblast"]]
                para.entity(surface, "Region", key)
            elif op[1] == "CITY":
                para.entity(CITY_FORMS[person["city"]], "Region", person["city"])
            elif op[1] == "THINKTANK":
                key, surface = THINK_TANKS[person["thinktank"]]
                para.entity(surface, "Organisation", key)

    def refer_back(self, para: Para, source: dict, hop: str) -> str | None:
        """'He', 'She', a surname or 'the ministry' for the source of the sentence before, or None."""
        rng = self.rng
        kind = source["type"]
        if kind in ("known", "pool"):
            person = source["person"]
            if rng.random() < 0.5:
                para.add("he" if person.get("gender", "m") == "m" else "she")
            elif kind == "known":
                para.entity(person["last"], "Person", person["key"])
            else:
                para.entity(person["last"], "Person", person["id"], mention=person["id"])
            return hop
        if kind == "org" and source["org"]["desc"]:
            para.add(source["org"]["desc"])
            return hop
        return None


def _age(person: dict) -> int:
    return sum(map(ord, person["name"])) % 25


MODELS = TABLES["words"]["models"]
AP_MONTHS = TABLES["words"]["ap_months"]
MONTH_NAMES = list(calendar.month_name)[1:]
WEEKDAYS = list(calendar.day_name)


# the frames a person, an organisation or an unnamed source can take, by index
FRAMES_1_FOR = {kind: [k for k, (_t, tag) in enumerate(FRAMES_1) if tag in ("any", kind)] for kind in ("person", "org", "vague")}
FRAMES_Q_FOR = {kind: [k for k, (_t, tag) in enumerate(FRAMES_Q) if tag in ("any", kind)] for kind in ("person", "org", "vague")}
RU_RELAYS = TABLES["sources"]["ru_relays"]
WEST_RELAYS = [k for k in OUTLETS if k not in ("tass", "ria-novosti", "interfax", "new:Izvestia", "new:Kommersant")]
OWN_ARTICLE = TABLES["sources"]["own_article"]
FAMILY_WEIGHTS = TABLES["articles"]["family_weights"]
ARTICLE_TOPICS = TABLES["articles"]["article_topics"]
TOPIC_WEIGHTS = TABLES["articles"]["topic_weights"]
RU_TOPIC_WEIGHTS = TABLES["articles"]["ru_topic_weights"]
FIRST_PERSON = re.compile(r"\b(?:I|my|My)\b")
SMALL_WORDS = TABLES["words"]["small_words"]


class Writer(Article):
    """Writes one article: header, lead, body paragraphs, closing line."""

    def own_outlet(self, para: Para) -> None:
        if self.style in ("broadsheet", "us", "independent") and self.rng.random() < 0.5:
            para.add("this newspaper")
            return None
        name = self.publisher
        if name in OWN_ARTICLE:
            para.add("the ")
        para.entity(name, "Organisation", self.publisher_id or f"new:{name}")
        return None

    def frame(self, para: Para, template: str, sources: dict, content: str, construction: str) -> list:
        chain: list = []
        sources["hops"] = {}
        para.begin()
        self.render(para, template, chain, construction, sources, (content,))
        para.end()
        return chain

    def claim(self, para: Para, group_name: str, families=None) -> tuple | None:
        """One attributed sentence of the group; returns (source, hop) when a follow-up may refer back."""
        rng = self.rng
        group = CLAIMS[group_name]
        families = families or FAMILY_WEIGHTS
        family = rng.choices(list(families), weights=list(families.values()))[0]
        org_relays = [r for r in group["relays"] if r in ORGS]
        roots = [s for s in group["sources"] if s in ORGS]
        if family == "chain3" and not (org_relays and roots):
            family = "chain2"
        if family == "quote" and not group["quotes"]:
            family = "single"
        relays = RU_RELAYS if group_name.startswith("ru_") else WEST_RELAYS
        relays = [r for r in relays if r != self.publisher_id]
        if family == "single":
            source = self.pick_source(rng.choice(group["sources"]))
            k = rng.choice(FRAMES_1_FOR[self.kind_of(source)])
            sources = {"S": source}
            chain = self.frame(para, FRAMES_1[k][0], sources, self.pick(group["reported"]), f"single/{k}")
            chain[:] = [sources["hops"]["S"]]
            return (source, chain[0])
        if family == "told":
            source = self.pick_source(rng.choice(group["sources"]))
            out = {"type": "self"} if rng.random() < 0.4 else {"type": "org", "org": OUTLETS[rng.choice(relays)]}
            k = rng.randrange(len(FRAMES_TOLD))
            sources = {"S": source, "OUT": out}
            chain = self.frame(para, FRAMES_TOLD[k], sources, self.pick(group["reported"]),
                               f"told-{'own' if out['type'] == 'self' else 'other'}/{k}")
            chain[:] = [h for h in (sources["hops"]["OUT"], sources["hops"]["S"]) if h]
            return (source, chain[0]) if len(chain) == 1 else None
        if family == "chain2":
            if org_relays and roots and rng.random() < 0.5:
                a = self.pick_source(rng.choice(org_relays))
                b = self.pick_source(rng.choice([r for r in roots if r != a["org"]["key"]] or roots))
            else:
                a = {"type": "org", "org": OUTLETS[rng.choice(relays)]}
                b = self.pick_source(rng.choice(group["sources"]))
            if b.get("org", {}).get("key") == a["org"]["key"]:
                return self.claim(para, group_name, {"single": 1})
            k = rng.randrange(len(FRAMES_2))
            sources = {"A": a, "B": b}
            chain = self.frame(para, FRAMES_2[k][0], sources, self.pick(group["reported"]), f"chain2/{k}")
            chain[:] = [sources["hops"]["A"], sources["hops"]["B"]]
            return None
        if family == "chain3":
            a = {"type": "org", "org": OUTLETS[rng.choice(relays)]}
            b = self.pick_source(rng.choice(org_relays))
            d_keys = [r for r in roots if r != b["org"]["key"]]
            if not d_keys:
                return self.claim(para, group_name, {"chain2": 1})
            d = self.pick_source(rng.choice(d_keys))
            k = rng.randrange(len(FRAMES_3))
            sources = {"A": a, "B": b, "D": d}
            chain = self.frame(para, FRAMES_3[k], sources, self.pick(group["reported"]), f"chain3/{k}")
            chain[:] = [sources["hops"]["A"], sources["hops"]["B"], sources["hops"]["D"]]
            return None
        # a quotation
        source = self.pick_source(rng.choice(group["sources"]))
        quotes = group["quotes"] if self.kind_of(source) == "person" else \
            [q for q in group["quotes"] if not FIRST_PERSON.search(q)] or QUOTE_COLOUR
        quote = self.pick(quotes) if rng.random() < 0.85 else self.pick(QUOTE_COLOUR)
        if rng.random() < 0.2:
            out = {"type": "self"} if rng.random() < 0.5 else {"type": "org", "org": OUTLETS[rng.choice(relays)]}
            k = rng.randrange(len(FRAMES_Q_TOLD))
            sources = {"S": source, "OUT": out}
            chain = self.frame(para, FRAMES_Q_TOLD[k], sources, quote,
                               f"quote-told-{'own' if out['type'] == 'self' else 'other'}/{k}")
            chain[:] = [h for h in (sources["hops"]["OUT"], sources["hops"]["S"]) if h]
        else:
            k = rng.choice(FRAMES_Q_FOR[self.kind_of(source)])
            sources = {"S": source}
            chain = self.frame(para, FRAMES_Q[k][0], sources, quote, f"quote/{k}")
            chain[:] = [sources["hops"]["S"]]
        if len(chain) == 1 and rng.random() < 0.25:
            # the quotation goes on in a sentence of its own
            para.begin()
            self.render(para, "{LQ}{Q}.{RQ}", chain, "quote-continued", None, (self.pick(quotes + QUOTE_COLOUR),))
            para.end()
        return (source, chain[0]) if len(chain) == 1 else None

    def follow_up(self, para: Para, group_name: str, source: dict, hop: str) -> None:
        rng = self.rng
        group = CLAIMS[group_name]
        if self.kind_of(source) == "vague" or (self.kind_of(source) == "org" and not source.get("org", {}).get("desc")):
            return
        if self.kind_of(source) == "org" and source["type"] == "unit":
            return
        sources = {"P": {"type": "refer", "source": source, "hop": hop}}
        if group["quotes"] and rng.random() < 0.3 and self.kind_of(source) == "person":
            k = rng.randrange(len(FRAMES_FOLLOW_Q))
            chain = self.frame(para, FRAMES_FOLLOW_Q[k], sources, self.pick(group["quotes"]), f"follow-quote/{k}")
        else:
            k = rng.randrange(len(FRAMES_FOLLOW))
            chain = self.frame(para, FRAMES_FOLLOW[k], sources, self.pick(group["reported"]), f"follow/{k}")
        chain[:] = [hop]

    def filler(self, para: Para, sets: list[str], count: int) -> None:
        for _ in range(count):
            para.begin()
            self.render(para, self.pick(FILLER[self.rng.choice(sets)]), [], "")
            para.end()

    def unattributed(self, para: Para, sets: list[str]) -> None:
        para.begin()
        self.render(para, self.pick(UNATTRIBUTED[self.rng.choice(sets)]), [], "unattributed")
        para.end()


    # -- the whole article ------------------------------------------------------------------------
    def reporters(self) -> list[dict]:
        return random.Random(self.publisher).sample(REPORTERS, 4)

    def byline(self, para: Para, prefix: str = "By ") -> None:
        reporter = self.rng.choice(self.reporters())
        para.add(prefix)
        para.entity(reporter["name"], "Person", reporter["id"], mention=reporter["id"])

    def headline(self, group_name: str, lead: tuple | None) -> Para:
        rng = self.rng
        para = Para()
        chain: list = []
        style = rng.random()
        source, hop = lead if lead else (None, None)
        named = source is not None and style < 0.55
        if named and style < 0.15 and self.kind_of(source) == "org":
            self.short_name(para, source)
            para.add(": ")
        self.ctx["headline"] = True
        self.render(para, rng.choice(HEADLINES[group_name]), chain, "headline")
        self.ctx["headline"] = False
        if named and not (style < 0.15 and self.kind_of(source) == "org"):
            para.add(rng.choice([", ", " \u2013 "]))
            self.short_name(para, source)
            if para.parts[-2] == ", ":
                para.add(" says" if not source.get("plural") else " say")
        para.sentence = 0
        para.end()
        if named:
            chain.append(hop)
        if self.style == "us" and rng.random() < 0.5:
            para.parts = [" ".join(w if w in SMALL_WORDS and k else (w[:1].upper() + w[1:]) for k, w in enumerate(part.split(" ")))
                          for part in para.parts]
        return para

    def short_name(self, para: Para, source: dict) -> None:
        kind = source["type"]
        if kind == "org":
            org = source["org"]
            name = (org["later"] or org["gb"] or org["forms"])[0][1] if org["later"] or (self.country == "GB" and org["gb"]) \
                else org["forms"][0][1]
            para.entity(name, CATEGORY[org["cat"]], org["key"])
        elif kind == "known":
            para.entity(source["person"]["last"], "Person", source["person"]["key"])
        elif kind == "pool":
            person = source["person"]
            para.entity(person["last"], "Person", person["id"], mention=person["id"])
        elif kind == "unit":
            para.entity(source["unit"]["short"], "MilitaryUnit", source["unit"]["id"], mention=source["unit"]["id"])
        else:
            phrase = re.sub(r"^(?:a|an|the)\s+", "", source["phrase"])
            source["plural"] = not re.search(r"(?:official|diplomat|commander|blogger|source|milblogger|official\]\])$", phrase)
            self.render(para, phrase, [], "")

    def dateline(self, para: Para) -> None:
        d = self.date
        if self.style == "wire":
            city = self.rng.choice(["kyiv", "kyiv", "moscow", "london", "brussels", "kharkiv", "odesa"])
            surface = {"kyiv": "KYIV", "moscow": "MOSCOW", "london": "LONDON", "brussels": "BRUSSELS",
                       "kharkiv": "KHARKIV", "odesa": "ODESA"}[city]
            para.entity(surface, "Region", city)
            para.add(f", {MONTH_NAMES[d.month - 1][:3]} {d.day} (")
            para.entity(self.publisher.replace("Agence France-Presse", "AFP"), "Organisation",
                        self.publisher_id or f"new:{self.publisher}")
            para.add(") - ")
        elif self.style == "us":
            city = self.rng.choice(["washington", "kyiv", "kharkiv"])
            para.entity({"washington": "WASHINGTON", "kyiv": "KYIV", "kharkiv": "KHARKIV"}[city], "Region", city)
            para.add(" \u2014 ")
        elif self.style == "ru":
            para.entity("MOSCOW", "Region", "moscow")
            para.add(f", {MONTH_NAMES[d.month - 1]} {d.day}. /")
            para.entity(self.publisher, "Organisation", self.publisher_id)
            para.add("/. ")

    def header(self, headline: Para) -> list[Para]:
        rng, d = self.rng, self.date
        lines = [headline]
        line = Para()
        month = MONTH_NAMES[d.month - 1]
        hh, mm = rng.randint(6, 22), rng.randint(0, 59)
        if self.style == "tabloid":
            self.byline(line)
            line.add(f", {rng.choice(DESKS)}")
            lines.append(line)
            line = Para()
            line.add(f"{d.day} {month} {d.year}, {hh:02d}:{mm:02d}")
        elif self.style == "broadsheet":
            self.byline(line, "")
            line.add(" in ")
            self.fill(line, "SPEAKCITY", None, False, [], "")
            lines.append(line)
            line = Para()
            line.add(f"{WEEKDAYS[d.weekday()][:3]} {d.day} {month[:3]} {d.year} {hh:02d}.{mm:02d} GMT")
        elif self.style == "wire":
            line.add(f"{month} {d.day}, {d.year} {hh % 12 or 12}:{mm:02d} {'AM' if hh < 12 else 'PM'} GMT")
        elif self.style == "us":
            self.byline(line)
            lines.append(line)
            line = Para()
            line.add(f"{AP_MONTHS[d.month - 1]} {d.day}, {d.year}")
        elif self.style == "ua":
            self.byline(line, "by ")
            lines.append(line)
            line = Para()
            line.add(f"{month} {d.day}, {d.year} {hh % 12 or 12}:{mm:02d} {'AM' if hh < 12 else 'PM'}")
        elif self.style == "ru":
            return lines
        elif self.style == "europe":
            line.add(f"{d.month:02d}/{d.day:02d}/{d.year}")
        elif self.style == "monitor":
            self.byline(line, "")
            line.add(" and ")
            self.byline(line, "")
            lines.append(line)
            line = Para()
            line.add(f"{month} {d.day}, {d.year}")
        else:
            line.add(f"{AP_MONTHS[d.month - 1]} {d.day}, {d.year}")
        lines.append(line)
        return lines

    def closing(self) -> Para | None:
        para = Para()
        if self.style == "wire" and self.rng.random() < 0.7:
            self.byline(para, "(Reporting by ")
            para.add("; Editing by ")
            self.byline(para, "")
            para.add(")")
            return para
        if self.style == "europe" and self.rng.random() < 0.5:
            self.byline(para, "Edited by: ")
            return para
        return None

    def write(self) -> tuple[str, list, list, list, str, dict]:
        rng = self.rng
        topic_weights = RU_TOPIC_WEIGHTS if self.style == "ru" else TOPIC_WEIGHTS
        topic = rng.choices(list(topic_weights), weights=list(topic_weights.values()))[0]
        groups, filler_sets, unattributed_sets = ARTICLE_TOPICS[topic]
        group_names, group_weights = list(groups), list(groups.values())
        lead_group = group_names[0]
        target = rng.randint(MIN_WORDS + 30, MAX_WORDS - 60)
        # the lead: one claim, credited, after the dateline
        lead = Para()
        self.dateline(lead)
        lead_source = self.claim(lead, lead_group, {"single": 6, "told": 1, "chain2": 3, "chain3": 1})
        headline = self.headline(lead_group, lead_source)
        paras = [*self.header(headline), lead]
        closing = self.closing()
        words = sum(len(p.text().split()) for p in paras) + (len(closing.text().split()) if closing else 0)
        attempts = 0
        while words < target and attempts < 60:
            attempts += 1
            para = Para()
            kind = rng.choices(["claim", "filler", "unattributed"], weights=[55, 33, 12])[0]
            if kind == "claim":
                group = rng.choices(group_names, weights=group_weights)[0]
                back = self.claim(para, group)
                if back and rng.random() < 0.4:
                    self.follow_up(para, group, *back)
                if rng.random() < 0.2:
                    self.filler(para, filler_sets + ["general"], 1)
            elif kind == "filler":
                self.filler(para, filler_sets + ["general"], rng.randint(1, 3))
            else:
                self.unattributed(para, unattributed_sets)
                if rng.random() < 0.5:
                    self.filler(para, filler_sets, 1)
            count = len(para.text().split())
            if words + count > MAX_WORDS:
                continue
            paras.append(para)
            words += count
        while words < MIN_WORDS:
            para = Para()
            self.filler(para, ["general"], 1)
            count = len(para.text().split())
            if words + count <= MAX_WORDS:
                paras.append(para)
                words += count
        if closing:
            paras.append(closing)
        return self.assemble(paras, topic)

    def assemble(self, paras: list[Para], topic: str):
        parts, figures, entities, mentions, offset = [], [], {}, [], 0
        for para in paras:
            text = para.text()
            for start, end, shown, value, qualifier, chain, construction in para.figures:
                figures.append((start + offset, end + offset, shown, value, qualifier, chain, construction))
            for key, surface, category in para.entities:
                entities.setdefault(key, (surface, category))
            for start, end, entity in para.mentions:
                mentions.append((start + offset, end + offset, entity))
            parts.append(text)
            offset += len(text) + 1
        text = "\n".join(parts) + "\n"
        title = paras[0].text()
        return text, figures, entities, mentions, title, topic


# ---------------------------------------------------------------------------------------------
# Writing the corpus

def article(seed: int, index: int) -> dict:
    """Article ``index`` of the corpus of ``seed``: its text, metadata and gold."""
    rng = random.Random(f"{seed}:{index}")
    writer = Writer(rng, index, seed)
    text, figures, entities, mentions, title, topic = writer.write()
    name = f"{index:06d}-{slug(writer.publisher)}.txt"
    gold_figures = []
    for start, end, shown, value, qualifier, chain, construction in sorted(figures, key=lambda f: f[0]):
        if text[start:end].lower() != shown.lower():
            raise AssertionError(f"{name}: figure {shown!r} at {start} reads {text[start:end]!r}")
        gold_figures.append({"text": text[start:end], "start": start, "end": end, "value": value,
                             "qualifier": qualifier, "chain": list(chain), "construction": construction})
    gold_entities = []
    for key, (surface, category) in entities.items():
        gold_entities.append({"text": surface, "type": category})
    entity_lines = []
    for start, end, entity in mentions:
        entity_lines.append({"file": name, "start": start, "end": end, "text": text[start:end], "entity": entity})
    d = writer.date.isoformat()
    return {
        "file": name, "text": text, "title": title, "topic": topic,
        "metadata": {"file": name, "publisher": writer.publisher, "published": d,
                     "url": f"https://news.example/{slug(writer.publisher)}/{d.replace('-', '/')}/{slug(title)[:60]}-{index}",
                     "title": title},
        "gold": {"file": name, "publisher": writer.publisher, "published": d, "topic": topic,
                 "words": len(text.split()), "figures": gold_figures, "entities": gold_entities},
        "mentions": entity_lines,
    }


def generate(n: int, out_dir, seed: int = 0) -> dict:
    """Write ``n`` articles, their metadata, gold and entity mentions into ``out_dir``; return counts."""
    started = time.perf_counter()
    out = Path(out_dir)
    (out / "gold").mkdir(parents=True, exist_ok=True)
    counts = {"articles": 0, "words": 0, "min_words": None, "max_words": 0, "figures": 0, "attributed_figures": 0,
              "hops": Counter(), "constructions": Counter(), "qualifiers": Counter(), "publishers": Counter(),
              "topics": Counter(), "entity_mentions": 0, "entities": 0}
    with (out / "metadata.csv").open("w", encoding="utf-8", newline="") as meta, \
            (out / "entities.jsonl").open("w", encoding="utf-8") as mentions:
        rows = csv.DictWriter(meta, fieldnames=["file", "publisher", "published", "url", "title"])
        rows.writeheader()
        for index in range(n):
            a = article(seed, index)
            (out / a["file"]).write_text(a["text"], encoding="utf-8")
            gold_name = a["file"][:-4] + ".gold.json"
            (out / "gold" / gold_name).write_text(json.dumps(a["gold"], ensure_ascii=False), encoding="utf-8")
            rows.writerow(a["metadata"])
            for line in a["mentions"]:
                mentions.write(json.dumps(line, ensure_ascii=False) + "\n")
            words = a["gold"]["words"]
            counts["articles"] += 1
            counts["words"] += words
            counts["min_words"] = words if counts["min_words"] is None else min(counts["min_words"], words)
            counts["max_words"] = max(counts["max_words"], words)
            counts["publishers"][a["metadata"]["publisher"]] += 1
            counts["topics"][a["topic"]] += 1
            counts["entities"] += len(a["gold"]["entities"])
            counts["entity_mentions"] += len(a["mentions"])
            for f in a["gold"]["figures"]:
                counts["figures"] += 1
                counts["attributed_figures"] += bool(f["chain"])
                counts["hops"][len(f["chain"])] += 1
                counts["constructions"][f["construction"].split("/")[0]] += 1
                counts["qualifiers"][f["qualifier"]] += 1
    counts["seconds"] = round(time.perf_counter() - started, 2)
    counts["hops"] = dict(sorted(counts["hops"].items()))
    for key in ("constructions", "qualifiers", "topics"):
        counts[key] = dict(counts[key].most_common())
    counts["distinct_publishers"] = len(counts["publishers"])
    counts["publishers"] = dict(counts["publishers"].most_common())
    return counts


_compile_all()
