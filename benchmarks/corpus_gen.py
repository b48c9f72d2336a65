"""Generate a synthetic news corpus about the war in Ukraine, with its own gold.

    python benchmarks/corpus_gen.py --articles 10000 --out /tmp/corpus [--seed 0]

Writes, into OUT:

* ``NNNNNN-<outlet>.txt``: one article each, 300 to 800 words, flat in OUT (the
  reader keys ``metadata.csv`` by file name and checks each row against a file
  directly in the folder, so articles cannot go into subfolders);
* ``metadata.csv``: ``file, publisher, published, url, title``;
* ``gold/NNNNNN-<outlet>.gold.json``: the gold of each article in the format of
  ``newsprov eval`` (``newsprov eval OUT/gold --texts OUT``), with every figure's
  text, offsets, value, qualifier and attribution chain, the entities named,
  and, per figure, the construction that produced it;
* ``entities.jsonl``: one line per mention of an invented person or unit,
  ``{"file", "start", "end", "text", "entity"}``, with a stable gold id, so a
  benchmark can check that mentions of one gold entity in different articles
  become one store entity and mentions of different ones do not.

The gold is right by construction: every sentence is assembled from templates
whose figures, hedges and sources the generator chose itself, and the offsets
are checked against the final text before it is written. Article ``i`` depends
only on ``(seed, i)``, so a smaller corpus is a prefix of a larger one; files
are written as they are made, so memory stays flat whatever the size.

Gold conventions (those of tests/corpus and tests/heldout):

* a figure is a number that counts or measures something (troops, drones,
  money, a percentage); years, dates, times, ages, durations, unit ordinals and
  model names are not figures;
* a range keeps both ends in its text ("1,000 and 1,200") and its lower end as
  value, qualifier ``range``; vague multiples ("hundreds of") are ranges from
  their lower bound;
* the qualifier comes from the hedge before the number, as the project's
  hedge lexicon names it ("up to" and "as many as" are ``at_most``);
* a chain lists sources from the outermost reporter to the root: a gazetteer
  id, ``new:<name as first written>`` for a named source the gazetteer lacks,
  ``vague:<phrase, lower case>`` for an unnamed one; the article's own outlet
  is never a hop, another outlet told or cited is; a pronoun or surname refers
  back to the source of the sentence before; figures with no source have ``[]``;
* entities are listed once per article with the text of their first mention
  and their coarse type (Person, MilitaryUnit, Region for places and
  countries, Organisation for bodies, outlets and platforms); a person's text
  leaves the title out.
"""
from __future__ import annotations

import argparse
import csv
import datetime as dt
import json
import random
import re
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LEXICONS = ROOT / "src" / "newsprov" / "extract" / "lexicons"

START_DATE = dt.date(2022, 2, 24)
END_DATE = dt.date(2026, 10, 31)
MIN_WORDS, MAX_WORDS = 300, 800
CATEGORY = {"R": "Region", "O": "Organisation", "P": "Person", "M": "MilitaryUnit"}

# ---------------------------------------------------------------------------------------------
# The gazetteer: ids, aliases and the country of each entry

def _load_gazetteer():
    entries, aliases = {}, {}
    for line in (LEXICONS / "gazetteer.jsonl").read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        row = json.loads(line)
        entries[row["id"]] = row
        for alias in row["aliases"]:
            aliases.setdefault(_key(alias), set()).add(row["id"])
    return entries, aliases


def _key(surface: str) -> str:
    return re.sub(r"^the\s+", "", surface.replace("\u2019", "'").lower()).strip()


GAZ, GAZ_ALIASES = _load_gazetteer()
DEMONYM_COUNTRY = {}
for _row in GAZ.values():
    if _row["type"] == "Country":
        for _d in [*_row.get("demonyms", []), *_row["aliases"]]:
            DEMONYM_COUNTRY.setdefault(_d.lower(), _row.get("country", ""))


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
        if country and country == GAZ[entity_id].get("country") and entity_id in gaz_ids(words[1]):
            return
    raise ValueError(f"{surface!r} is not an unambiguous name of {entity_id} (aliases give {sorted(ids)})")


def check_new(surface: str) -> None:
    if gaz_ids(surface):
        raise ValueError(f"{surface!r} is in the gazetteer ({sorted(gaz_ids(surface))}); use its id")


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


# ---------------------------------------------------------------------------------------------
# Hedges: phrase -> qualifier, as the project's hedge lexicon names them

HEDGES = {
    "approximate": ["nearly", "almost", "around", "about", "roughly", "some", "close to", "an estimated",
                    "approximately"],
    "more_than": ["more than", "over", "upwards of", "in excess of", "well over"],
    "at_least": ["at least", "no fewer than"],
    "less_than": ["fewer than", "less than", "under"],
    "at_most": ["up to", "as many as"],
}
HEDGE_WEIGHTS = {"approximate": 45, "more_than": 30, "at_least": 12, "less_than": 5, "at_most": 8}


def _check_hedges():
    lexicon = {}
    for line in (LEXICONS / "hedges.jsonl").read_text(encoding="utf-8").splitlines():
        if line.strip():
            row = json.loads(line)
            for p in row["patterns"]:
                lexicon[p.lower()] = row["id"]
    for qualifier, phrases in HEDGES.items():
        for phrase in phrases:
            if lexicon.get(phrase) != qualifier:
                raise ValueError(f"hedge {phrase!r}: the project's lexicon says {lexicon.get(phrase)}")
    return lexicon


HEDGE_LEXICON = _check_hedges()

# ---------------------------------------------------------------------------------------------
# Places, units, outlets and other names

UA_CITIES = ["kyiv", "kharkiv", "odesa", "dnipro", "zaporizhzhia", "mykolaiv", "kherson", "sumy", "chernihiv",
             "lviv", "kramatorsk", "sloviansk", "pokrovsk", "kostiantynivka"]
CITY_FORMS = {"kyiv": "Kyiv", "kharkiv": "Kharkiv", "odesa": "Odesa", "dnipro": "Dnipro",
              "zaporizhzhia": "Zaporizhzhia", "mykolaiv": "Mykolaiv", "kherson": "Kherson", "sumy": "Sumy",
              "chernihiv": "Chernihiv", "lviv": "Lviv", "kramatorsk": "Kramatorsk", "sloviansk": "Sloviansk",
              "pokrovsk": "Pokrovsk", "kostiantynivka": "Kostiantynivka", "toretsk": "Toretsk",
              "chasiv-yar": "Chasiv Yar", "kupiansk": "Kupiansk", "vovchansk": "Vovchansk", "lyman": "Lyman",
              "bakhmut": "Bakhmut", "avdiivka": "Avdiivka", "vuhledar": "Vuhledar", "sudzha": "Sudzha"}
FRONT_TOWNS_GAZ = ["pokrovsk", "toretsk", "chasiv-yar", "kupiansk", "vovchansk", "lyman", "bakhmut", "avdiivka",
                   "vuhledar", "kostiantynivka"]
# front-line places the gazetteer lacks
FRONT_TOWNS_NEW = ["Kurakhove", "Velyka Novosilka", "Robotyne", "Orikhiv", "Huliaipole", "Siversk", "Myrnohrad",
                   "Selydove", "Ocheretyne", "Hrodivka", "Novohrodivka", "Dobropillia", "Kreminna", "Udachne",
                   "Kotlyne", "Stepnohirsk", "Borova", "Tsukuryne", "Zolochiv", "Kurdiumivka", "Ivanivske",
                   "Bilohorivka", "Novopavlivka", "Andriivka", "Klishchiivka", "Rozdolivka", "Terny",
                   "Nelipivka", "Shakhove", "Mala Tokmachka"]
OBLASTS = [("kharkiv", "Kharkiv region"), ("kharkiv", "Kharkiv Oblast"), ("donetsk", "Donetsk region"),
           ("donetsk", "Donetsk Oblast"), ("zaporizhzhia", "Zaporizhzhia region"), ("odesa", "Odesa region"),
           ("dnipropetrovsk-oblast", "Dnipropetrovsk region"), ("sumy", "Sumy region"),
           ("kherson", "Kherson region"), ("mykolaiv", "Mykolaiv region"), ("chernihiv", "Chernihiv region"),
           ("luhansk", "Luhansk region"), ("kyiv-oblast", "Kyiv region"), ("lviv", "Lviv region")]
RU_REGIONS = [("kursk", "Kursk region"), ("belgorod", "Belgorod region"), ("bryansk", "Bryansk region"),
              ("rostov", "Rostov region"), (None, "Voronezh region"), (None, "Oryol region"),
              (None, "Tula region"), (None, "Krasnodar region"), (None, "Lipetsk region"),
              (None, "Smolensk region"), (None, "Kaluga region"), (None, "Tambov region")]
RU_REPUBLICS = ["Bashkortostan", "Tatarstan", "Buryatia", "Dagestan", "Tuva", "Chechnya"]
DONORS = [("germany", "Germany"), ("gb", "Britain"), ("us", "the United States"), ("france", "France"),
          ("poland", "Poland"), ("netherlands", "the Netherlands"), ("denmark", "Denmark"), ("sweden", "Sweden"),
          ("norway", "Norway"), ("finland", "Finland"), (None, "Canada"), (None, "Japan")]
SPEAK_CITIES = ["brussels", "washington", "london", "berlin", "paris", "warsaw", "kyiv", "geneva", "the-hague",
                "vienna", "helsinki", "riga", "vilnius", "tallinn"]
SPEAK_FORMS = {"brussels": "Brussels", "washington": "Washington", "london": "London", "berlin": "Berlin",
               "paris": "Paris", "warsaw": "Warsaw", "kyiv": "Kyiv", "geneva": "Geneva", "the-hague": "The Hague",
               "vienna": "Vienna", "helsinki": "Helsinki", "riga": "Riga", "vilnius": "Vilnius", "tallinn": "Tallinn"}

UA_UNIT_TYPES = ["Separate Mechanized Brigade", "Separate Assault Brigade", "Territorial Defence Brigade",
                 "Marine Brigade", "Mountain Assault Brigade", "Jaeger Brigade", "Artillery Brigade",
                 "Air Assault Brigade", "Separate Tank Brigade", "Separate Presidential Brigade", "Coastal Defence Brigade"]
RU_UNIT_TYPES = ["Motorized Rifle Brigade", "Guards Tank Regiment", "Combined Arms Army", "Naval Infantry Brigade",
                 "Motor Rifle Division", "Guards Airborne Regiment", "Separate Reconnaissance Brigade",
                 "Artillery Brigade"]
GAZ_UNIT_NUMBERS = {1, 3, 12, 47, 92, 93, 155, 241}


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

UA_MALE = ["Andriy", "Oleksandr", "Serhiy", "Mykola", "Taras", "Dmytro", "Oleh", "Volodymyr", "Yuriy", "Ivan",
           "Bohdan", "Maksym", "Vasyl", "Petro", "Roman", "Viktor", "Ihor", "Yaroslav", "Artem", "Denys",
           "Vitaliy", "Pavlo", "Stepan", "Ruslan", "Anatoliy", "Kostiantyn", "Yevhen", "Hryhoriy"]
UA_FEMALE = ["Olena", "Oksana", "Iryna", "Nataliya", "Yuliia", "Kateryna", "Svitlana", "Halyna", "Tetiana",
             "Daria", "Olha", "Viktoriia", "Maryna", "Anastasiia", "Liudmyla", "Sofiia", "Khrystyna"]
UA_SURNAMES = ["Shevchenko", "Kovalenko", "Bondarenko", "Tkachenko", "Kravchenko", "Melnyk", "Kovalchuk",
               "Boyko", "Savchenko", "Lysenko", "Marchenko", "Rudenko", "Moroz", "Petrenko", "Kravets",
               "Tkachuk", "Levchuk", "Oliynyk", "Polishchuk", "Hrytsenko", "Sydorenko", "Datsenko", "Skoryk",
               "Fedorchuk", "Lytvynenko", "Voloshyn", "Zinchenko", "Pavlenko", "Kostenko", "Danylyuk",
               "Honcharenko", "Hnatyuk", "Yurchenko", "Prykhodko", "Stepanenko", "Kuzmenko", "Romanyuk",
               "Ostapenko", "Karpenko", "Demchenko", "Klymenko", "Zakharchuk", "Vakulenko", "Horbenko",
               "Semenko", "Koval", "Sokolenko", "Tymoshchuk", "Bilyk", "Dorosh"]
RU_MALE = ["Gennady", "Igor", "Sergei", "Alexei", "Dmitry", "Andrei", "Nikolai", "Viktor", "Pavel", "Yuri",
           "Mikhail", "Konstantin", "Vladislav", "Roman", "Kirill", "Oleg"]
RU_FEMALE = ["Natalia", "Yelena", "Tatiana", "Irina", "Olga", "Svetlana", "Anna", "Marina"]
RU_SURNAMES = [("Zubarev", "Zubareva"), ("Sokolov", "Sokolova"), ("Lavrentyev", "Lavrentyeva"),
               ("Orlov", "Orlova"), ("Morozov", "Morozova"), ("Volkov", "Volkova"), ("Kuznetsov", "Kuznetsova"),
               ("Belyaev", "Belyaeva"), ("Gusev", "Guseva"), ("Fedotov", "Fedotova"), ("Zaitsev", "Zaitseva"),
               ("Grishin", "Grishina"), ("Kotov", "Kotova"), ("Savelyev", "Savelyeva"), ("Tarasov", "Tarasova"),
               ("Nikitin", "Nikitina"), ("Rybakov", "Rybakova"), ("Yermolov", "Yermolova"),
               ("Lebedev", "Lebedeva"), ("Romanov", "Romanova")]
WEST_MALE = ["Richard", "James", "Thomas", "Michael", "David", "Markus", "Tomasz", "Pierre", "Peter", "Mark",
             "Jonathan", "Andrew", "Martin", "Lukas", "Piotr", "Henrik", "Hugh", "Dwayne", "Simon", "Daniel"]
WEST_FEMALE = ["Helen", "Emma", "Catherine", "Sarah", "Laura", "Ingrid", "Julia", "Hannah", "Claire", "Rachel",
               "Sophie", "Katarzyna", "Priya", "Isobel", "Harriet", "Martina"]
WEST_SURNAMES = ["Okafor", "Hale", "Carrow", "Ashworth", "Harker", "Ferrers", "Ridley", "Whitcombe", "Dunmore",
                 "Ashdown", "Keller", "Feldmann", "Lambert", "Moreau", "Novak", "Kowalski", "Bennett",
                 "Hallam", "Fenton", "Marsh", "Quinn", "Voss", "Collins", "Brandt", "Lindqvist", "Nowak",
                 "Hughes", "Sinclair", "Barnes", "Whitaker", "Holm", "Mercer", "Colvin", "Anand", "Grant"]

# roles: (nationality, gender or None, title or "", appositive with {UNIT}/{ORG}/{OBLAST}/{CITY}, kind)
# kind: soldier | official | analyst | blogger
ROLES = [
    ("ua", "m", "Colonel", "a spokesman for the {UNIT}", "soldier"),
    ("ua", "m", "Lieutenant Colonel", "who commands a battalion in the {UNIT}", "soldier"),
    ("ua", "m", "Major", "the chief of staff of a battalion in the {UNIT}", "soldier"),
    ("ua", "m", "Captain", "a company commander with the {UNIT}", "soldier"),
    ("ua", "m", "Captain", "who commands a drone company in the {UNIT}", "soldier"),
    ("ua", "m", "Sergeant", "a drone operator with the {UNIT}", "soldier"),
    ("ua", "m", "Lieutenant", "a platoon commander in the {UNIT}", "soldier"),
    ("ua", "f", "Captain", "a spokeswoman for the {UNIT}", "soldier"),
    ("ua", "f", "", "a combat medic with the {UNIT}", "soldier"),
    ("ua", "f", "Lieutenant", "an air defence officer with the {UNIT}", "soldier"),
    ("ua", None, "Governor", "the head of the {OBLAST} military administration", "official"),
    ("ua", None, "", "the mayor of {CITY}", "official"),
    ("ua", None, "", "the head of the {CITY} city military administration", "official"),
    ("ua", None, "", "a deputy energy minister", "official"),
    ("ua", None, "", "an adviser to [[Ukraine|R]]'s defence minister", "official"),
    ("ua", None, "", "a member of the parliamentary defence committee", "official"),
    ("ru", "m", "", "a Russian military analyst", "analyst"),
    ("ru", None, "", "a pro-Kremlin military blogger", "blogger"),
    ("ru", None, "", "a deputy in the [[State Duma|O|state-duma]]", "official"),
    ("ru", None, "", "the Russian-installed governor of the occupied part of the {OBLAST}", "official"),
    ("ru", "m", "", "a former officer in the {RUNIT}", "blogger"),
    ("west", None, "Dr", "a senior fellow at the {THINKTANK}", "analyst"),
    ("west", None, "", "a military analyst at [[King's College London|O|new:King's College London]]", "analyst"),
    ("west", "m", "Colonel", "a former commander in the [[Royal Tank Regiment|M|new:Royal Tank Regiment]]", "analyst"),
    ("west", None, "", "a defence economist at the [[Kiel Institute|O|kiel-institute]]", "analyst"),
    ("west", None, "Professor", "who studies the Russian military at the [[University of Glasgow|O|new:University of Glasgow]]", "analyst"),
    ("west", "m", "Lieutenant Colonel", "a [[Pentagon|O|pentagon]] spokesman", "official"),
    ("west", None, "", "a researcher at the {THINKTANK}", "analyst"),
]
THINK_TANKS = [("rusi", "Royal United Services Institute"), ("iiss", "International Institute for Strategic Studies"),
               ("chatham-house", "Chatham House"), ("csis", "Center for Strategic and International Studies"),
               ("atlantic-council", "Atlantic Council"), ("carnegie-endowment", "Carnegie Endowment for International Peace")]


def _people():
    rng = random.Random("people")
    used, pool = set(), []
    gaz_surnames = {_key(a) for e in GAZ.values() if e["type"] == "Person" for a in e["aliases"]}
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

def org(key, forms, later=(), desc="", gb=(), cat="O"):
    return {"key": key, "kind": "org", "forms": [f if isinstance(f, tuple) else ("", f) for f in forms],
            "later": [f if isinstance(f, tuple) else ("", f) for f in later], "desc": desc,
            "gb": [f if isinstance(f, tuple) else ("", f) for f in gb], "cat": cat}


ORGS = {s["key"]: s for s in [
    org("ua-general-staff", [("", "Ukraine's General Staff"), ("the ", "Ukrainian General Staff"),
                             ("the ", "General Staff of the Armed Forces of Ukraine"),
                             ("the ", "General Staff of Ukraine's Armed Forces")],
        later=[("the ", "General Staff")], desc="the General Staff"),
    org("uk-mod", [("the ", "UK Ministry of Defence"), ("", "Britain's Ministry of Defence"),
                   ("the ", "British Ministry of Defence"), ("the ", "UK MoD")],
        later=[("the ", "UK MoD")], desc="the ministry", gb=[("the ", "Ministry of Defence"), ("the ", "MoD")]),
    org("uk-defence-intelligence", [("", "UK Defence Intelligence"), ("", "British military intelligence"),
                                    ("", "Defence Intelligence")], desc=""),
    org("ru-mod", [("the ", "Russian Defence Ministry"), ("the ", "Russian Defense Ministry"),
                   ("", "Russia's Ministry of Defence"), ("the ", "Russian Ministry of Defense")],
        desc="the ministry"),
    org("ua-mod", [("", "Ukraine's Ministry of Defence"), ("the ", "Ukrainian Defence Ministry"),
                   ("the ", "Ministry of Defence of Ukraine")], desc="the ministry"),
    org("ua-air-force", [("the ", "Ukrainian Air Force"), ("", "Ukraine's Air Force"),
                         ("the ", "Air Force of Ukraine")], desc="the air force"),
    org("ua-navy", [("the ", "Ukrainian Navy"), ("", "Ukraine's Navy")], desc="the navy"),
    org("ua-gur", [("", "Ukraine's military intelligence"), ("the ", "Main Intelligence Directorate"),
                   ("", "Ukrainian military intelligence")], later=[("the ", "GUR")], desc="the agency"),
    org("ua-sbu", [("the ", "Security Service of Ukraine"), ("", "Ukraine's Security Service")],
        later=[("the ", "SBU")], desc="the service"),
    org("ua-ses", [("the ", "State Emergency Service"), ("", "Ukraine's State Emergency Service")], desc="the service"),
    org("ua-border-guard", [("the ", "State Border Guard Service"), ("", "Ukrainian border guards")], desc=""),
    org("isw", [("the ", "Institute for the Study of War"), ("the ", "US-based Institute for the Study of War")],
        later=[("", "ISW")], desc="the think tank"),
    org("critical-threats", [("the ", "Critical Threats Project")], desc="the project"),
    org("oryx", [("the open-source site ", "Oryx"), ("", "Oryx"), ("the ", "Oryx blog")], later=[("", "Oryx")]),
    org("mediazona", [("the independent Russian outlet ", "Mediazona"), ("", "Mediazona")], later=[("", "Mediazona")],
        desc="the outlet"),
    org("pentagon", [("the ", "Pentagon"), ("the ", "US Department of Defense")], later=[("the ", "Pentagon")],
        desc="the department"),
    org("csis", [("the ", "Center for Strategic and International Studies")], later=[("", "CSIS")],
        desc="the think tank"),
    org("iiss", [("the ", "International Institute for Strategic Studies")], later=[("the ", "IISS")],
        desc="the institute"),
    org("rusi", [("the ", "Royal United Services Institute")], later=[("", "RUSI")], desc="the think tank"),
    org("kiel-institute", [("the ", "Kiel Institute for the World Economy"), ("", "Germany's Kiel Institute")],
        later=[("the ", "Kiel Institute")], desc="the institute"),
    org("sipri", [("the ", "Stockholm International Peace Research Institute")], later=[("", "SIPRI")],
        desc="the institute"),
    org("kse", [("the ", "Kyiv School of Economics")], later=[("", "KSE")], desc=""),
    org("un-hrmmu", [("the ", "UN Human Rights Monitoring Mission in Ukraine"),
                     ("the ", "UN monitoring mission in Ukraine")], later=[("", "HRMMU")], desc="the mission"),
    org("ohchr", [("the ", "UN human rights office"), ("the ", "Office of the UN High Commissioner for Human Rights")],
        desc="the office"),
    org("unhcr", [("the UN refugee agency ", "UNHCR"), ("", "UNHCR")], later=[("", "UNHCR")], desc="the agency"),
    org("unicef", [("", "UNICEF"), ("the UN children's agency ", "UNICEF")], desc="the agency"),
    org("who", [("the ", "World Health Organization")], later=[("the ", "WHO")], desc="the agency"),
    org("ocha", [("the ", "UN Office for the Coordination of Humanitarian Affairs")], later=[("", "OCHA")],
        desc="the office"),
    org("iaea", [("the ", "International Atomic Energy Agency")], later=[("the ", "IAEA")], desc="the agency"),
    org("nato", [("", "NATO")], desc="the alliance"),
    org("ukrenergo", [("the grid operator ", "Ukrenergo"), ("", "Ukrenergo")], later=[("", "Ukrenergo")],
        desc="the company"),
    org("kremlin", [("the ", "Kremlin")], desc=""),
    org("us-state-department", [("the ", "State Department"), ("the ", "US State Department")], desc="the department"),
    org("european-commission", [("the ", "European Commission")], desc="the commission"),
    org("new:Ministry of Strategic Industries", [("", "Ukraine's Ministry of Strategic Industries")],
        desc="the ministry"),
    org("new:International Organization for Migration", [("the ", "International Organization for Migration")],
        later=[("the ", "IOM")], desc="the organisation"),
    org("new:WarSpotting", [("the tracking site ", "WarSpotting"), ("", "WarSpotting")]),
    org("new:DTEK", [("the private energy company ", "DTEK"), ("", "DTEK")], desc="the company"),
    org("new:Naftogaz", [("the state energy company ", "Naftogaz"), ("", "Naftogaz")], desc="the company"),
    org("new:World Bank", [("the ", "World Bank")], desc="the bank"),
    org("new:Central Bank of Russia", [("the ", "Central Bank of Russia")], desc="the bank"),
    org("new:Kharkiv Regional Military Administration", [("the ", "Kharkiv Regional Military Administration")],
        desc=""),
    org("new:Zaporizhzhia Regional Military Administration", [("the ", "Zaporizhzhia Regional Military Administration")],
        desc=""),
]}
for _s in ORGS.values():
    for _pre, _name in [*_s["forms"], *_s["later"], *_s["gb"]]:
        if _s["key"].startswith("new:"):
            check_new(_name)
        elif (_pre, _name) in _s["forms"]:
            check_alias(_name, _s["key"])
        else:
            # a later or British form: the article (or the outlet's country) has already said which
            assert _s["key"] in gaz_ids(_name), _name


def person(key, name, titles=(), appos=(), gender="m", years=(2022, 2026)):
    return {"key": key, "kind": "person", "name": name, "last": name.split()[-1], "titles": list(titles),
            "appos": list(appos), "gender": gender, "years": years}


KNOWN_PEOPLE = {p["key"]: p for p in [
    person("volodymyr-zelensky", "Volodymyr Zelensky", ["President", "Ukrainian President"],
           ["[[Ukraine|R]]'s president"]),
    person("oleksandr-syrsky", "Oleksandr Syrsky", ["General", "Commander-in-Chief"],
           ["[[Ukraine|R]]'s commander-in-chief", "the head of [[Ukraine|R]]'s armed forces"], years=(2024, 2026)),
    person("valerii-zaluzhnyi", "Valerii Zaluzhnyi", ["General"], ["[[Ukraine|R]]'s top commander"], years=(2022, 2023)),
    person("kyrylo-budanov", "Kyrylo Budanov", ["Lieutenant General"],
           ["the head of [[Ukraine|R]]'s military intelligence agency"]),
    person("dmitry-peskov", "Dmitry Peskov", ["Kremlin spokesman"], ["[[Vladimir Putin|P|vladimir-putin]]'s spokesman"]),
    person("vladimir-putin", "Vladimir Putin", ["President", "Russian President"], ["the Russian president"]),
    person("sergei-shoigu", "Sergei Shoigu", ["Defence Minister"], ["[[Russia|R]]'s defence minister"], years=(2022, 2023)),
    person("andrei-belousov", "Andrei Belousov", ["Defence Minister"], ["[[Russia|R]]'s defence minister"], years=(2024, 2026)),
    person("dmitry-medvedev", "Dmitry Medvedev", [], ["the former Russian president"]),
    person("maria-zakharova", "Maria Zakharova", [], ["the Russian foreign ministry spokeswoman"], gender="f"),
    person("john-healey", "John Healey", ["Defence Secretary"], ["[[Britain|R|gb]]'s defence secretary"], years=(2024, 2026)),
    person("ben-wallace", "Ben Wallace", ["Defence Secretary"], ["[[Britain|R|gb]]'s defence secretary"], years=(2022, 2023)),
    person("mark-rutte", "Mark Rutte", ["NATO Secretary General"], ["the NATO secretary general"], years=(2025, 2026)),
    person("jens-stoltenberg", "Jens Stoltenberg", ["NATO Secretary General"], ["the NATO secretary general"], years=(2022, 2024)),
    person("lloyd-austin", "Lloyd Austin", ["US Defense Secretary"], ["the [[US|R|us]] defense secretary"], years=(2022, 2024)),
    person("pete-hegseth", "Pete Hegseth", ["US Defense Secretary"], ["the [[US|R|us]] defense secretary"], years=(2025, 2026)),
    person("rustem-umerov", "Rustem Umerov", ["Defence Minister"], ["[[Ukraine|R]]'s defence minister"], years=(2023, 2025)),
    person("denys-shmyhal", "Denys Shmyhal", ["Prime Minister"], ["[[Ukraine|R]]'s prime minister"], years=(2022, 2025)),
    person("emmanuel-macron", "Emmanuel Macron", ["President"], ["the French president"]),
    person("ursula-von-der-leyen", "Ursula von der Leyen", ["European Commission President"],
           ["the president of the [[European Commission|O|european-commission]]"], gender="f"),
    person("keir-starmer", "Keir Starmer", ["Prime Minister"], ["the British prime minister"], years=(2024, 2026)),
    person("friedrich-merz", "Friedrich Merz", ["Chancellor"], ["the German chancellor"], years=(2025, 2026)),
]}
for _p in KNOWN_PEOPLE.values():
    check_alias(_p["name"], _p["key"])
    _p["last"] = {"ursula-von-der-leyen": "von der Leyen"}.get(_p["key"], _p["last"])

# other outlets, as sources, as relays or as the outlet someone spoke to
OUTLETS = {s["key"]: s for s in [
    org("newsweek", [("the US magazine ", "Newsweek"), ("", "Newsweek")], desc="the magazine"),
    org("reuters", [("", "Reuters"), ("the news agency ", "Reuters")], desc="the agency"),
    org("ap", [("the ", "Associated Press")], desc="the agency"),
    org("afp", [("", "AFP"), ("", "Agence France-Presse")], desc="the agency"),
    org("bloomberg", [("", "Bloomberg"), ("", "Bloomberg News")]),
    org("cnn", [("", "CNN")], desc="the broadcaster"),
    org("nyt", [("", "The New York Times")], desc="the newspaper"),
    org("washington-post", [("", "The Washington Post")], desc="the newspaper"),
    org("wsj", [("", "The Wall Street Journal")], desc="the newspaper"),
    org("the-sun", [("", "The Sun")], desc="the tabloid"),
    org("daily-mail", [("the ", "Daily Mail")], desc="the tabloid"),
    org("the-telegraph", [("", "The Telegraph")], desc="the newspaper"),
    org("the-times", [("", "The Times")], desc="the newspaper"),
    org("bbc", [("the ", "BBC")], desc="the broadcaster"),
    org("bbc-russian", [("", "BBC Russian"), ("the ", "BBC Russian Service")]),
    org("sky-news", [("", "Sky News")], desc="the broadcaster"),
    org("financial-times", [("the ", "Financial Times")], desc="the newspaper"),
    org("the-economist", [("", "The Economist")], desc="the magazine"),
    org("politico", [("", "Politico")]),
    org("kyiv-independent", [("", "The Kyiv Independent")]),
    org("kyiv-post", [("the ", "Kyiv Post")]),
    org("ukrinform", [("the state news agency ", "Ukrinform"), ("", "Ukrinform")], desc="the agency"),
    org("ukrainska-pravda", [("", "Ukrainska Pravda")]),
    org("suspilne", [("the public broadcaster ", "Suspilne"), ("", "Suspilne")], desc="the broadcaster"),
    org("tass", [("the state news agency ", "TASS"), ("", "TASS")], desc="the agency"),
    org("ria-novosti", [("", "RIA Novosti"), ("the state news agency ", "RIA Novosti")], desc="the agency"),
    org("interfax", [("", "Interfax"), ("the news agency ", "Interfax")], desc="the agency"),
    org("meduza", [("the exiled outlet ", "Meduza"), ("", "Meduza")]),
    org("moscow-times", [("", "The Moscow Times")]),
    org("rferl", [("", "Radio Free Europe/Radio Liberty"), ("", "Radio Liberty")]),
    org("deutsche-welle", [("", "Deutsche Welle")], desc="the broadcaster"),
    org("al-jazeera", [("", "Al Jazeera")], desc="the broadcaster"),
    org("new:Vedomosti", [("the business daily ", "Vedomosti")]),
    org("new:RBC-Ukraine", [("the Ukrainian outlet ", "RBC-Ukraine")]),
    org("new:Verstka", [("the independent outlet ", "Verstka")]),
    org("new:dpa", [("the German news agency ", "dpa")]),
    org("new:Kommersant", [("the Russian newspaper ", "Kommersant"), ("", "Kommersant")]),
    org("new:Der Spiegel", [("", "Der Spiegel"), ("the German magazine ", "Der Spiegel")]),
    org("new:Bild", [("the German tabloid ", "Bild")]),
    org("new:Le Monde", [("", "Le Monde")]),
    org("new:Defence24", [("the Polish outlet ", "Defence24")]),
    org("new:Hromadske", [("the Ukrainian broadcaster ", "Hromadske")]),
    org("new:Izvestia", [("the pro-Kremlin daily ", "Izvestia"), ("", "Izvestia")]),
]}
for _s in OUTLETS.values():
    _s["kind"] = "outlet"
    for _pre, _name in _s["forms"]:
        (check_new(_name) if _s["key"].startswith("new:") else check_alias(_name, _s["key"]))

# Unnamed sources: the gold writes vague:<the phrase in lower case>
VAGUE = {
    "west": ["a senior Western official", "Western officials", "a senior [[Pentagon|O|pentagon]] official",
             "American officials", "US officials", "a senior European diplomat", "European diplomats",
             "a [[NATO|O|nato]] official", "Western intelligence officials", "British defence chiefs",
             "people familiar with the matter", "a senior [[US|R|us]] defense official", "independent analysts",
             "military analysts", "Western defence officials"],
    "ua": ["a senior Ukrainian security official", "Ukrainian commanders", "front-line commanders",
           "a battalion commander", "a drone unit commander", "Ukrainian officials", "local officials",
           "regional authorities", "a source in the [[General Staff|O|ua-general-staff]]",
           "Ukrainian security officials", "a senior Ukrainian official", "local authorities",
           "emergency services", "rescuers", "Ukrainian energy officials"],
    "ru": ["a prominent Russian military blogger", "pro-Kremlin war bloggers", "Russian military bloggers",
           "Russian state media", "a source in the Russian security services", "Russian officials",
           "a Russian-installed official", "local media", "Russian milbloggers", "sources close to the Kremlin"],
    "gb": ["sources at the [[MoD|O|uk-mod]]", "defence sources", "Whitehall officials"],
}
for _group in VAGUE.values():
    for _v in _group:
        assert not gaz_ids(re.sub(r"\[\[([^|\]]+)[^\]]*\]\]", r"\1", _v)), _v

# ---------------------------------------------------------------------------------------------
# Publishers: (name as in metadata, gazetteer id or "", country, style, domain)
# styles: tabloid, broadsheet, wire, us, ua, ru, independent, europe, monitor

PUBLISHERS = [
    ("The Sun", "the-sun", "GB", "tabloid"), ("Daily Mail", "daily-mail", "GB", "tabloid"),
    ("Daily Express", "daily-express", "GB", "tabloid"), ("Daily Mirror", "daily-mirror", "GB", "tabloid"),
    ("GB News", "gb-news", "GB", "tabloid"), ("The Northern Clarion", "", "GB", "tabloid"),
    ("The Guardian", "the-guardian", "GB", "broadsheet"), ("The Times", "the-times", "GB", "broadsheet"),
    ("The Telegraph", "the-telegraph", "GB", "broadsheet"), ("The Independent", "the-independent", "GB", "broadsheet"),
    ("Financial Times", "financial-times", "GB", "broadsheet"), ("The Economist", "the-economist", "GB", "broadsheet"),
    ("Sky News", "sky-news", "GB", "broadsheet"), ("BBC", "bbc", "GB", "broadsheet"),
    ("ITV News", "itv-news", "GB", "broadsheet"), ("The Westminster Review", "", "GB", "broadsheet"),
    ("The Yorkshire Chronicle", "", "GB", "broadsheet"),
    ("Reuters", "reuters", "", "wire"), ("Associated Press", "ap", "US", "wire"),
    ("Agence France-Presse", "afp", "FR", "wire"), ("Bloomberg", "bloomberg", "US", "wire"),
    ("Continental Wire Service", "", "", "wire"), ("Atlantic Newswire", "", "", "wire"),
    ("The New York Times", "nyt", "US", "us"), ("The Washington Post", "washington-post", "US", "us"),
    ("CNN", "cnn", "US", "us"), ("Fox News", "fox-news", "US", "us"), ("Politico", "politico", "US", "us"),
    ("Newsweek", "newsweek", "US", "us"), ("The Philadelphia Ledger", "", "US", "us"),
    ("The Lakeshore Tribune", "", "US", "us"), ("The Prairie Sentinel", "", "US", "us"),
    ("The Berkshire Courier", "", "US", "us"),
    ("The Kyiv Independent", "kyiv-independent", "UA", "ua"), ("Kyiv Post", "kyiv-post", "UA", "ua"),
    ("Ukrinform", "ukrinform", "UA", "ua"), ("Ukrainska Pravda", "ukrainska-pravda", "UA", "ua"),
    ("UNIAN", "unian", "UA", "ua"), ("Suspilne", "suspilne", "UA", "ua"), ("Kyiv Dispatch", "", "UA", "ua"),
    ("Dnipro Daily Review", "", "UA", "ua"),
    ("TASS", "tass", "RU", "ru"), ("RIA Novosti", "ria-novosti", "RU", "ru"), ("RT", "rt", "RU", "ru"),
    ("Interfax", "interfax", "RU", "ru"),
    ("Meduza", "meduza", "", "independent"), ("The Moscow Times", "moscow-times", "", "independent"),
    ("Novaya Gazeta", "novaya-gazeta", "", "independent"),
    ("Deutsche Welle", "deutsche-welle", "DE", "europe"), ("Al Jazeera", "al-jazeera", "QA", "europe"),
    ("Radio Free Europe/Radio Liberty", "rferl", "", "europe"), ("Baltic Courier", "", "LV", "europe"),
    ("Danube Post", "", "RO", "europe"), ("Nordic Security Review", "", "SE", "europe"),
    ("European Defence Review", "", "", "europe"), ("The Carpathian Herald", "", "", "europe"),
    ("Attrition Watch", "", "", "monitor"), ("Eastern Front Monitor", "", "", "monitor"),
    ("The Frontline Briefing", "", "", "monitor"), ("Verify Desk", "", "", "monitor"),
]
for _name, _id, _c, _s in PUBLISHERS:
    if _id:
        check_alias(_name, _id)
    else:
        check_new(_name)
# how often each style publishes
STYLE_WEIGHT = {"tabloid": 3, "broadsheet": 3, "wire": 4, "us": 3, "ua": 4, "ru": 2, "independent": 2,
                "europe": 2, "monitor": 1}
PUBLISHER_WEIGHTS = [STYLE_WEIGHT[s] for _n, _i, _c, s in PUBLISHERS]
DESKS = ["Defence Editor", "Foreign News Reporter", "Defence Correspondent", "Chief Foreign Correspondent",
         "Security Correspondent", "Europe Correspondent", "Senior Reporter", "World News Editor"]

# ---------------------------------------------------------------------------------------------
# Templates. Slots: {F:kind} a figure ({F:kind:n} when a plural noun follows, so "hundreds of"
# may stand for it), {TOWN} {CITY} {OBLAST} {RUREGION} {REPUBLIC} {DONOR} {UUNIT} {RUNIT} places and
# units, {YEAR} {LASTYEAR} {NEXTYEAR} {MONTH} {DUR} {AGE} {MODEL} {TIME} {DAY} words that hold
# numbers that are not figures. [[Name|T|id]] is a name written out, with its type and id.
# Claims are written in reported speech ("Russia had lost ..."); quotes in the speaker's words.

CLAIMS = {
    "ua_daily": {
        "sources": ["ua-general-staff"] * 6 + ["@vague:ua"],
        "relays": ["uk-mod", "uk-defence-intelligence", "isw", "critical-threats"],
        "reported": [
            "Russia had lost {F:daily} troops over the past day",
            "Russian forces had lost {F:daily} soldiers in the previous 24 hours",
            "Russia had lost {F:daily} troops, {F:equip} tanks and {F:artillery} artillery systems over the past day",
            "Russian losses over the past day amounted to {F:daily} personnel, {F:equip} armoured combat vehicles and {F:drones} drones",
            "Moscow had lost {F:daily} soldiers in a single day, along with {F:equip} tanks and {F:artillery} artillery systems",
            "Russian troops had suffered {F:daily} casualties on {DAY} alone",
            "the Russian army had lost {F:daily} men killed and wounded over the past day",
            "Russia's losses since the start of the full-scale invasion had risen to {F:total:n} troops, including {F:daily} in the past day",
            "Russian forces had launched {F:assaults} assaults along the front over the past day, {F:assaults_part} of them in the {TOWN} sector",
            "there had been {F:assaults} combat clashes along the front line over the past day",
            "Ukrainian troops had repelled {F:assaults_part} Russian attacks near {TOWN} since the morning",
            "Russian forces had lost {F:equip} tanks, {F:equip} armoured vehicles and {F:artillery} artillery systems in the past day",
            "Russia's total personnel losses stood at {F:total} by {DAY}",
        ],
        "quotes": [
            "The enemy lost {F:daily} men over the past day, and it keeps sending more",
            "Over the past day the enemy lost {F:daily} personnel and {F:equip} tanks",
        ],
    },
    "totals": {
        "sources": ["uk-mod", "uk-defence-intelligence", "pentagon", "csis", "isw", "@vague:west", "@analyst-west",
                    "ua-general-staff", "mark-rutte", "jens-stoltenberg", "john-healey", "ben-wallace"],
        "relays": ["uk-mod", "uk-defence-intelligence", "isw"],
        "reported": [
            "Russia had suffered {F:total:n} casualties, killed and wounded, since the full-scale invasion began",
            "Russian forces had lost {F:total:n} troops killed or wounded since February 2022",
            "Russian casualties had passed {F:total} by the end of {MONTH}",
            "Russia had lost {F:month:n} troops in {MONTH} alone, the highest monthly toll of the war",
            "Russian forces were losing {F:daily_rate} men a day on average",
            "the daily average of Russian casualties in {MONTH} was {F:daily_rate}, down from {F:daily_rate} the month before",
            "Russian losses were running at {F:daily_rate} a day",
            "Moscow had lost {F:month:n} soldiers in the past month",
            "Russia had suffered {F:total:n} casualties, of whom {F:killed} had been killed",
            "the Russian army was losing {F:daily_rate} soldiers a day for every village it captured",
        ],
        "quotes": [
            "Russia has now highly likely sustained {F:total} casualties since the start of the war",
            "They are losing {F:daily_rate} men a day and gaining a handful of villages",
            "[[Putin|P|vladimir-putin]] is feeding {F:daily_rate} young men a day into the meat grinder",
            "The Russians lost {F:month} men last month for a few square kilometres",
        ],
    },
    "deaths_confirmed": {
        "sources": ["mediazona", "bbc-russian", "meduza", "@analyst-ru"],
        "relays": [],
        "reported": [
            "the names of {F:named:n} Russian soldiers killed in Ukraine had been confirmed from obituaries and public records",
            "the names of {F:named:n} Russian servicemen killed in the war had now been verified",
            "the list of confirmed dead had grown by {F:named_week:n} names in the past {DUR}",
            "{REPUBLIC} had recorded the highest number of confirmed deaths of any region, at {F:region_dead}",
            "close relatives had reported {F:named_week:n} new deaths in {REPUBLIC} in {MONTH}",
            "volunteers who signed contracts after the invasion made up {F:pct} of the confirmed dead",
            "prisoners recruited from penal colonies accounted for {F:pct} of the confirmed deaths",
        ],
        "quotes": [
            "Every week we add {F:named_week} names, and those are only the ones we can prove",
        ],
    },
    "ru_claims": {
        "sources": ["ru-mod"] * 5 + ["@vague:ru", "@blogger-ru", "andrei-belousov", "sergei-shoigu"],
        "relays": [],
        "reported": [
            "the Ukrainian army had lost {F:ru_daily} troops in the past 24 hours in the {TOWN} direction",
            "Russian units had repelled {F:counter} counterattacks near {TOWN}",
            "Ukraine's losses over the past day had amounted to {F:ru_daily} servicemen",
            "Russian air defences had shot down {F:drones} Ukrainian drones and {F:rockets} HIMARS rockets",
            "the enemy had lost {F:ru_daily} troops, {F:small} pickup trucks and a Polish-made howitzer near {TOWN}",
            "Russian forces had destroyed {F:equip} armoured vehicles and {F:artillery} field artillery guns, including Western-made systems",
            "Russian troops had taken control of {F:villages} villages in the {OBLAST} since the start of {MONTH}",
            "the {RUNIT} had advanced {F:km} kilometres west of {TOWN}",
            "the [[Russian Armed Forces|O|ru-armed-forces]] had destroyed {F:aircraft} aircraft and {F:helicopters} helicopters since the start of the special military operation",
        ],
        "quotes": [
            "Over the past day the enemy lost {F:ru_daily} servicemen in the {TOWN} direction",
            "Duty air defence systems intercepted and destroyed {F:drones} Ukrainian unmanned aerial vehicles",
        ],
    },
    "ru_air": {
        "sources": ["ru-mod"] * 4 + ["@vague:ru", "@official-ru"],
        "relays": [],
        "reported": [
            "Russian air defence units had destroyed {F:drones} Ukrainian drones across {F:regions} Russian regions overnight",
            "air defences had shot down {F:drones_part} of the drones over the {RUREGION}",
            "air defence systems had intercepted {F:drones} fixed-wing drones overnight, including {F:drones_part} over the {RUREGION}",
            "Ukrainian drones had damaged {F:small} fuel tanks at an oil depot in the {RUREGION}",
            "a Ukrainian drone attack had injured {F:people} people in the {RUREGION}",
        ],
        "quotes": [
            "Air defences destroyed {F:drones} Ukrainian drones over the territory of the {RUREGION}",
        ],
    },
    "ua_air": {
        "sources": ["ua-air-force"] * 5 + ["@official-ua", "@vague:ua", "volodymyr-zelensky"],
        "relays": [],
        "reported": [
            "Russia had launched {F:drones} Shahed-type drones and {F:missiles} missiles at Ukraine overnight",
            "air defences had shot down {F:drones} of the drones, while another {F:drones_part} had been lost from radar",
            "Russian forces had fired {F:missiles} missiles and {F:drones} drones at energy facilities in {F:regions} regions",
            "Russia had launched {F:drones_month:n} attack drones at Ukraine in {MONTH}, a record for a single month",
            "Ukrainian units had shot down {F:pct} of the drones, while electronic warfare had brought down {F:pct}",
            "Russia had fired {F:missiles} cruise missiles and {F:ballistic} ballistic missiles at {CITY}",
            "Russia had used {F:glide_bombs:n} glide bombs against Ukrainian positions in the past week",
        ],
        "quotes": [
            "Every night they send {F:drones} drones at our cities, and every night we have to stop them",
            "Last night they launched {F:drones} drones, and our mobile fire groups shot most of them down",
            "We need {F:small} more Patriot systems to close the sky over our cities",
        ],
    },
    "strike": {
        "sources": ["@official-ua"] * 4 + ["ua-ses", "@vague:ua", "new:Kharkiv Regional Military Administration",
                                           "new:Zaporizhzhia Regional Military Administration"],
        "relays": [],
        "reported": [
            "a Russian missile strike on {CITY} had killed {F:people} people and wounded {F:people}",
            "a drone attack on a residential area of {CITY} had injured {F:people} people, including {F:children_few} children",
            "the attack had damaged {F:apartments:n} apartment buildings",
            "Russian shelling had killed {F:people} civilians in the {OBLAST} over the past day",
            "{CITY} had been hit by {F:small} glide bombs in less than an hour",
            "rescuers had pulled {F:people} people from the rubble of an apartment block",
            "the strike had damaged {F:houses:n} private houses and a school",
            "a guided bomb had wounded {F:people} people in {CITY}, including a child",
        ],
        "quotes": [
            "At night we count the explosions. Last night it was {F:small}",
            "We have evacuated {F:evacuated:n} people from the frontline villages since the summer",
            "We pulled {F:people} people out alive. The rest we are still looking for",
        ],
    },
    "equipment": {
        "sources": ["oryx"] * 3 + ["new:WarSpotting", "ua-general-staff", "iiss", "@analyst-west", "@vague:west"],
        "relays": ["isw", "iiss"],
        "reported": [
            "Russia had lost {F:tanks_total:n} tanks since February 2022, of which {F:tanks_part} had been destroyed",
            "Russia had lost {F:tanks_total:n} tanks since the invasion began",
            "Russian armoured vehicle losses had reached {F:afv_total}",
            "Ukraine had lost {F:ua_tanks:n} tanks, most of them Soviet-era models",
            "Russia had lost {F:sp_guns:n} self-propelled guns, including {F:small} {MODEL:gun} howitzers",
            "Russian helicopter losses stood at {F:helicopters}, including {F:small} {MODEL:heli} attack helicopters",
            "Russia had lost {F:equip_week:n} pieces of equipment in the past week alone",
            "Russia had pulled {F:storage:n} Soviet-era tanks out of storage since the invasion",
        ],
        "quotes": [
            "Our drones hit {F:vehicles} of their vehicles this month",
            "Last week our crew hit {F:small} of their armoured vehicles",
        ],
    },
    "aid": {
        "sources": ["kiel-institute"] * 3 + ["pentagon", "us-state-department", "european-commission", "@official-west",
                                             "john-healey", "lloyd-austin", "pete-hegseth", "ursula-von-der-leyen",
                                             "emmanuel-macron", "friedrich-merz", "keir-starmer", "rustem-umerov",
                                             "@analyst-west", "nato"],
        "relays": ["kiel-institute"],
        "reported": [
            "{DONOR} had committed {F:money_big} in military aid to Ukraine since 2022",
            "European governments had allocated {F:money_big} in military aid to Ukraine since the start of the war",
            "the new package, worth {F:money_mid}, would include {F:small} air defence systems",
            "the package included {F:shells:n} artillery shells and {F:equip} armoured vehicles",
            "weapons and ammunition accounted for {F:pct} of the total",
            "{DONOR} would send {F:small} more IRIS-T air defence systems to Ukraine this year",
            "new pledges in the second part of {LASTYEAR} had been {F:pct} lower than in the first",
            "{DONOR} would finance the production of {F:long_drones:n} long-range strike drones in Ukraine",
            "Ukraine's arms industry could produce {F:money_big} worth of weapons in {NEXTYEAR} if fully funded",
            "the total pledged by European donors had overtaken the American total, at {F:money_big} against {F:money_big}",
            "rebuilding Ukraine would cost {F:money_huge} over the next decade",
        ],
        "quotes": [
            "We will train {F:trainees} more Ukrainian recruits this year",
            "This package is worth {F:money_mid}, and it will arrive before the winter",
            "We have already delivered {F:shells:n} shells this year, and we will deliver more",
        ],
    },
    "recruitment": {
        "sources": ["isw", "uk-mod", "uk-defence-intelligence", "mediazona", "dmitry-medvedev", "kyrylo-budanov",
                    "ua-gur", "mark-rutte", "@analyst-west", "@vague:west", "@analyst-ru", "new:Central Bank of Russia"],
        "relays": ["isw", "uk-mod"],
        "reported": [
            "Russia was recruiting {F:recruits:n} soldiers a month, roughly enough to replace its losses",
            "Russia had signed up {F:recruits_year:n} contract soldiers since January",
            "regional sign-up payments had risen to {F:roubles} in parts of the Volga region",
            "the cost of bonuses and death benefits could reach {F:money_big} next year",
            "recruitment in {F:regions} regions had fallen short of quotas",
            "the monthly intake had fallen to {F:recruits} in {MONTH}",
            "Moscow was paying new volunteers {F:roubles} a month",
            "Russia's defence spending would absorb {F:pct} of GDP next year",
            "Russia's defence budget had reached {F:money_big} this year",
            "an average of {F:recruits_day} people a day had signed contracts with the Russian military in {MONTH}",
        ],
        "quotes": [
            "They are signing up {F:recruits} men a month, but the quality is falling",
            "In my region only {F:recruits_local} of the expected recruits turned up",
        ],
    },
    "civilians": {
        "sources": ["un-hrmmu"] * 3 + ["ohchr", "unicef", "who", "ocha", "unhcr",
                                       "new:International Organization for Migration", "@vague:ua"],
        "relays": [],
        "reported": [
            "the war had killed {F:civ_killed:n} civilians in Ukraine since February 2022, including {F:children:n} children",
            "civilian deaths had reached {F:civ_month} in {MONTH}, with {F:civ_injured} people injured",
            "civilian casualties had risen by {F:pct} in {LASTYEAR}",
            "Europe was hosting {F:refugees} Ukrainian refugees",
            "the number of people displaced inside Ukraine stood at {F:displaced}",
            "attacks on health care in Ukraine had reached {F:health_attacks} by the end of {MONTH}",
            "the humanitarian appeal for Ukraine was only {F:pct} funded",
            "Russia had deported {F:deported:n} Ukrainian children to Russia or occupied territory",
            "schools in front-line areas remained closed to {F:children_out:n} children",
            "the appeal for Ukraine sought {F:money_mid}, of which only {F:pct} had been received",
        ],
        "quotes": [
            "Behind each of these numbers is a family. We have verified {F:civ_month} deaths this month alone",
            "We are seeing {F:children_few} children injured every week in the front-line regions",
        ],
    },
    "energy": {
        "sources": ["ukrenergo"] * 3 + ["new:DTEK", "new:Naftogaz", "@official-ua", "volodymyr-zelensky", "@vague:ua"],
        "relays": [],
        "reported": [
            "the attack had left {F:households:n} households without power in the {OBLAST}",
            "engineers had restored electricity to {F:households:n} customers by the evening",
            "Russia had carried out {F:energy_strikes:n} strikes on energy infrastructure since the autumn",
            "the strikes had damaged {F:small} thermal power plants",
            "Ukraine had lost {F:pct} of its generating capacity",
            "Ukraine would need to import {F:megawatts:n} megawatts of electricity from the EU this winter",
            "repairs to the grid would cost {F:money_mid}",
        ],
        "quotes": [
            "Our crews have restored power to {F:households:n} homes, but every night they hit us again",
            "We have lost {F:pct} of our generation since the spring",
        ],
    },
    "front": {
        "sources": ["@soldier-ua"] * 6 + ["isw", "ua-general-staff", "oleksandr-syrsky", "valerii-zaluzhnyi", "@vague:ua",
                                         "ua-gur", "@analyst-west", "@unit-ua"],
        "relays": ["isw"],
        "reported": [
            "Russian forces had carried out {F:assaults_part} attacks on {TOWN} and surrounding villages in the past 24 hours",
            "Russia had concentrated {F:concentration:n} troops along the {OBLAST} front",
            "Russian forces had captured {F:sqkm:n} square kilometres of territory in {MONTH}",
            "Russia controlled {F:pct} of the {OBLAST}",
            "the enemy had lost {F:front_losses:n} men trying to take {TOWN} in the past week",
            "the {RUNIT} had lost {F:pct} of its combat power since {MONTH}",
            "Ukrainian drone units had destroyed {F:vehicles} Russian vehicles near {TOWN} in the past week",
            "the brigade's drone operators had flown {F:sorties:n} sorties between dusk and dawn",
            "drones now accounted for {F:pct} of Russian casualties on the front",
            "Russia still fired {F:shells_day:n} artillery shells a day along the front",
        ],
        "quotes": [
            "When I came here we had {F:battalion} men in the battalion. Now we have {F:battalion_left} who can fight",
            "Some days we still count {F:bodies} bodies in the fields in front of our positions",
            "They come in small groups, on motorbikes, and we hit them with drones. Yesterday it was {F:small} groups",
            "We sent in {F:boats} boats and lost only {F:small}",
            "The enemy lost {F:front_losses} men trying to take {TOWN} in a week",
            "We shoot down what we can. Last week our crew hit {F:vehicles} of their vehicles",
            "Our drones hit {F:vehicles} Russian vehicles this month. That is what keeps the line",
        ],
    },
    "navy": {
        "sources": ["ua-navy", "ua-gur", "uk-mod", "@vague:ua", "@soldier-ua"],
        "relays": ["uk-mod"],
        "reported": [
            "Ukrainian sea drones had sunk {F:small} Russian warships in a single night",
            "Russia had lost {F:ships:n} vessels from the [[Black Sea Fleet|M|ru-black-sea-fleet]] since the invasion began",
            "the war had killed {F:sailors:n} Russian sailors",
            "the sea drones had struck a patrol ship and {F:small} landing craft near [[Sevastopol|R|sevastopol]]",
        ],
        "quotes": [
            "Each of their ships is a target now. We sent in {F:boats} boats and lost only {F:small}",
        ],
    },
}

# Sentences with figures the article states in its own voice: no source
UNATTRIBUTED = {
    "losses": ["Russian losses have averaged {F:daily_rate} a day over the past {DUR}.",
               "Estimates of Russian casualties range from {F:named:n} confirmed dead to {F:total} killed and wounded.",
               "Russia has pulled {F:storage:n} old tanks out of storage since the invasion."],
    "aid": ["Britain has committed {F:money_uk} a year in military aid to [[Kyiv|R|kyiv]].",
            "[[Ukraine|R|ukraine]] spends {F:pct} of its GDP on defence, the highest share in [[Europe|R|europe]].",
            "Congress has approved {F:money_big} in aid for [[Ukraine|R|ukraine]] since the invasion.",
            "Interest rates in [[Russia|R|russia]] stand at {F:pct}, the highest in two decades."],
    "civilians": ["Together that is {F:displaced} people forced from their homes.",
                  "The attacks left {F:households:n} homes without heating."],
    "air": ["It was the largest attack in {DUR}, with {F:drones} drones launched in a single night.",
            "A Patriot interceptor missile costs {F:money_patriot}, while an interceptor drone costs {F:money_small}."],
    "front": ["Infantrymen here earn {F:hryvnias} a month in combat pay.",
              "The front line now runs for {F:front_km:n} kilometres from the [[Kharkiv region|R|kharkiv]] to the [[Dnipro|R|new:Dnipro river]] river.",
              "Drone units have flown {F:sorties:n} sorties from this position since the spring."],
}
# Headlines: {S} marks where the source goes, if the headline names one
HEADLINES = {
    "ua_daily": ["Russia lost {F:daily} troops over past day", "Russian losses top {F:total} since invasion",
                 "Russia suffers {F:daily} casualties in a single day"],
    "totals": ["Putin's army suffers {F:month} casualties in a month", "Russian losses pass {F:total}",
               "Russia losing {F:daily_rate} troops a day"],
    "deaths_confirmed": ["Names of {F:named} Russian soldiers killed in Ukraine confirmed"],
    "ru_claims": ["Ukraine loses {F:ru_daily} troops in a day in {TOWN} direction"],
    "ru_air": ["Air defences destroy {F:drones} Ukrainian drones over Russian regions"],
    "ua_air": ["Russia launches {F:drones} drones and {F:missiles} missiles at Ukraine overnight"],
    "strike": ["Russian strike on {CITY} kills {F:people}, wounds {F:people}"],
    "equipment": ["Russia has lost {F:tanks_total} tanks since the invasion"],
    "aid": ["{DONOR} pledges {F:money_mid} in new military aid for Ukraine"],
    "recruitment": ["Russia recruiting {F:recruits} soldiers a month", "Sign-up bonuses reach {F:roubles}"],
    "civilians": ["{F:civ_killed} civilians killed in Ukraine since the invasion",
                  "Civilian deaths in Ukraine rose by {F:pct} last year"],
    "energy": ["Russian strikes leave {F:households} without power"],
    "front": ["The enemy lost {F:front_losses} men in a week near {TOWN}", "Russia captures {F:sqkm} square kilometres in {MONTH}"],
    "navy": ["Ukraine's sea drones sink {F:small} Russian warships in a single night"],
}

# Frames: how a sentence credits its source. {S} the source, {C} a claim, {Q} a quotation,
# {OUT} an outlet someone spoke to, {A} a relay citing {B}, itself citing {D}; {P} refers back to the
# source of the sentence before. The tag after each frame names what the source must be:
# any, org (an "it") or person.
FRAMES_1 = [
    ("{S} said {C}.", "any"), ("{S} said on {DAY} that {C}.", "any"), ("{S} said in a statement that {C}.", "any"),
    ("{S} said in its daily update that {C}.", "org"), ("{S} said in a post on Telegram that {C}.", "any"),
    ("{S} wrote on Telegram that {C}.", "any"), ("{S} wrote on X that {C}.", "any"), ("{S} posted on X that {C}.", "any"),
    ("{S} told reporters that {C}.", "any"), ("{S} told reporters in {SPEAKCITY} that {C}.", "person"),
    ("{S} claimed that {C}.", "any"), ("{S} claimed on {DAY} that {C}.", "any"), ("{S} estimated that {C}.", "any"),
    ("{S} reported that {C}.", "any"), ("{S} reported on {DAY} that {C}.", "any"), ("{S} noted that {C}.", "any"),
    ("{S} warned that {C}.", "any"), ("{S} insisted that {C}.", "any"), ("{S} confirmed that {C}.", "any"),
    ("{S} announced that {C}.", "any"), ("{S} acknowledged that {C}.", "any"), ("{S} assessed that {C}.", "org"),
    ("{S} said separately that {C}.", "any"), ("{S} also said {C}.", "any"),
    ("{C}, {S} said.", "any"), ("{C}, {S} said on {DAY}.", "any"), ("{C}, {S} said in a statement.", "any"),
    ("{C}, {S} said in a post on Telegram.", "any"), ("{C}, {S} reported.", "any"), ("{C}, {S} claimed.", "any"),
    ("{C}, {S} estimated.", "any"), ("{C}, {S} told reporters.", "any"), ("{C}, {S} wrote on Telegram.", "any"),
    ("{C}, said {S}.", "person"), ("{C}, according to {S}.", "any"), ("According to {S}, {C}.", "any"),
    ("According to the latest figures from {S}, {C}.", "org"), ("According to an estimate by {S}, {C}.", "any"),
    ("In its latest update, {S} said {C}.", "org"), ("In its daily intelligence update, {S} said {C}.", "org"),
    ("In a statement on {DAY}, {S} said {C}.", "any"), ("In a video address, {S} said {C}.", "person"),
    ("Speaking to reporters in {SPEAKCITY}, {S} said {C}.", "person"),
    ("Speaking on national television, {S} said {C}.", "person"),
    ("Figures released by {S} showed that {C}.", "org"), ("Data published by {S} showed that {C}.", "org"),
    ("{S}, in its latest assessment, said {C}.", "org"),
    ("{S} said {C}, a figure that could not be independently verified.", "any"),
    ("{S} said {C}, though the claim could not be independently verified.", "any"),
]
FRAMES_TOLD = ["{S} told {OUT} that {C}.", "{C}, {S} told {OUT}.", "{S} told {OUT} on {DAY} that {C}."]
FRAMES_2 = [
    ("{A}, citing {B}, said {C}.", "any"), ("{A} reported, citing {B}, that {C}.", "any"),
    ("{C}, {A} reported, citing {B}.", "any"), ("{C}, {A} said, citing figures from {B}.", "any"),
    ("{C}, {A} said, citing data from {B}.", "any"), ("According to {A}, which cited {B}, {C}.", "org"),
    ("{A}, quoting {B}, said {C}.", "any"), ("{B}, cited by {A}, said {C}.", "any"),
    ("{B}, quoted by {A}, said {C}.", "any"), ("{A} said {C}, citing {B}.", "any"),
    ("{A} reported that {C}, citing {B}.", "any"), ("{A}, drawing on figures from {B}, estimated that {C}.", "any"),
    ("{C}, according to {A}, citing {B}.", "any"), ("In its latest update, {A}, citing {B}, said {C}.", "org"),
]
FRAMES_3 = [
    "{C}, {A} reported, citing {B}, which in turn cited figures from {D}.",
    "{A} reported, citing {B}, which in turn cited {D}, that {C}.",
    "{A}, citing {B}, which itself cited {D}, said {C}.",
    "{C}, {A} said, quoting {B}, which drew on data from {D}.",
    "{A} reported that {C}, citing {B}, which in turn cited {D}.",
]
FRAMES_Q = [
    ("{S} said: {LQ}{Q}.{RQ}", "any"), ("{LQ}{Q},{RQ} {S} said.", "any"), ("{LQ}{Q},{RQ} said {S}.", "person"),
    ("{S} told reporters: {LQ}{Q}.{RQ}", "any"), ("{S} wrote on Telegram: {LQ}{Q}.{RQ}", "any"),
    ("In a video address, {S} said: {LQ}{Q}.{RQ}", "person"), ("{LQ}{Q},{RQ} {S} told reporters.", "any"),
    ("{LQ}{Q},{RQ} {S} said in a statement.", "any"), ("{S} said in a statement: {LQ}{Q}.{RQ}", "any"),
]
FRAMES_Q_TOLD = ["{S} told {OUT}: {LQ}{Q}.{RQ}", "{LQ}{Q},{RQ} {S} told {OUT}."]
FRAMES_FOLLOW = ["{P} added that {C}.", "{P} also said {C}.", "{P} said {C}.", "{P} noted that {C}.",
                 "{C}, {P} added.", "{P} said separately that {C}.", "{P} later said {C}."]
FRAMES_FOLLOW_Q = ["{LQ}{Q},{RQ} {P} added.", "{P} added: {LQ}{Q}.{RQ}", "{LQ}{Q},{RQ} {P} said."]
QUOTE_COLOUR = [
    "We are holding, but it is getting harder every week", "Nobody here is thinking about peace talks",
    "The situation is difficult but under control", "We need shells, not promises",
    "They do not count their men. They just send more", "Every night is the same, and every morning we count what is left",
    "Our people are tired, but nobody is leaving", "This is a war of attrition, and attrition is a numbers game",
    "We will not comment on our own losses", "The figures speak for themselves",
]

FILLER = {
    "general": [
        "[[Russia]] launched its full-scale invasion of [[Ukraine]] on {INVASION}.",
        "Neither side publishes full figures for its own losses, and casualty claims cannot be independently verified.",
        "[[Kyiv]] does not disclose its own military casualties.",
        "The [[Kremlin]] has dismissed Western casualty estimates as propaganda.",
        "Fighting has been heaviest around {TOWN} in recent weeks, where the {RUNIT} has been pressing towards the town.",
        "The war is now in its {WARYEAR} year.",
        "Both sides have turned to drones to make up for shortages of artillery shells and infantry.",
        "The {UUNIT} has held its positions near {TOWN} since {MONTH} {YEAR}.",
        "Satellite images published in {MONTH} showed new defensive lines being dug west of {TOWN}.",
        "Ukrainian officials have urged allies to speed up deliveries of air defence systems and artillery ammunition.",
        "The front line has barely moved in {DUR}, despite repeated Russian assaults.",
        "Russian troops use {MODEL:tank} tanks, often fitted with improvised cages against drones.",
        "Drones operate 24/7 over the front, and soldiers say moving in daylight has become almost impossible.",
        "Western estimates usually include the wounded as well as the dead, and the wounded are thought to outnumber the dead several times over.",
        "[[NATO]] defence ministers meet again in [[Brussels]] next month to discuss further support.",
        "Under Article 5 of the [[NATO]] treaty, an attack on any member is an attack on all.",
        "Peace talks brokered by [[Washington]] have made little progress.",
        "[[Moscow]] insists it will achieve all the goals of what it calls its special military operation.",
        "The claims could not be independently verified, and both sides are accused of inflating the other's losses.",
        "Military analysts caution that daily loss figures published by either side should be treated with care.",
        "The pace of the Russian advance has slowed since {MONTH}, according to maps compiled by open-source analysts.",
        "The {UUNIT}, which has fought near {TOWN} since {YEAR}, was pulled back for rest and refitting in {MONTH}.",
    ],
    "losses": [
        "Casualty figures are among the most closely guarded secrets of the war.",
        "The [[General Staff|O|ua-general-staff]]'s daily tally counts Russian soldiers killed, wounded and captured, and has never been broken down further.",
        "Western officials have said for months that Russia is willing to absorb enormous losses for small territorial gains.",
        "Russian commanders have relied on waves of small infantry assaults, often by recently recruited contract soldiers.",
        "The losses have fallen most heavily on poorer regions such as [[Buryatia]] and [[Tuva]].",
        "The {RUNIT} has been rebuilt several times since the start of the war, according to open-source researchers.",
        "In the winter of {YEAR}, the fighting around {TOWN} became some of the bloodiest of the war.",
    ],
    "air": [
        "Shahed-136 drones, designed in [[Iran]], are now assembled at [[Alabuga]] in [[Tatarstan]].",
        "Air raid alerts sounded across much of the country for several hours overnight.",
        "Debris from downed drones damaged cars and the windows of several apartment blocks.",
        "The attack began shortly after {TIME} and lasted until dawn.",
        "Mobile fire groups armed with machine guns now bring down a large share of the drones.",
        "Ukraine has asked its allies for more Patriot systems, which can intercept ballistic missiles.",
        "Russia has also used North Korean ballistic missiles against Ukrainian cities.",
        "Residents of {CITY} spent the night in metro stations and basements.",
        "Interceptor drones, cheap and quick to build, are increasingly used against the Shaheds.",
    ],
    "aid": [
        "The package was announced at a meeting of the [[Ukraine Defense Contact Group|O|udcg]].",
        "[[Kyiv]] has repeatedly asked for long-range missiles that could strike airfields deep inside [[Russia]].",
        "Deliveries have often lagged behind pledges, and Ukrainian commanders complain of shortages at the front.",
        "European governments have promised to ramp up ammunition production, but output is still short of targets.",
        "[[Donald Trump|P|donald-trump]] has repeatedly questioned the cost of American support for [[Ukraine]].",
        "Much of the money is spent in the donor countries themselves, on contracts with their own arms makers.",
        "The aid includes IRIS-T and Patriot air defence systems, artillery ammunition and armoured vehicles.",
    ],
    "recruitment": [
        "[[Moscow]] has so far avoided a second wave of mobilisation, relying instead on cash bonuses.",
        "Regional governments compete for recruits with ever larger sign-up payments.",
        "Many units rely on men in their forties and fifties.",
        "Recruiters have also targeted prisoners, migrants and men in debt.",
        "In [[Ukraine]], mobilisation has become a political issue, with long queues at recruitment centres and complaints about the way men are called up.",
    ],
    "civilians": [
        "The [[UN|O|un]] mission says the real toll is likely to be considerably higher.",
        "Most of the victims were killed by missiles, glide bombs and artillery in front-line areas.",
        "A {AGE}-year-old boy was among the wounded, officials said.",
        "Many of those who fled have settled in [[Poland]] and [[Germany]].",
        "Aid agencies warn that funding for the humanitarian response is running short.",
        "In {CITY}, volunteers handed out food and blankets to residents whose homes were damaged.",
    ],
    "energy": [
        "Ukraine's energy system has been a target of Russian strikes every winter since {STARTYEAR}.",
        "Scheduled power cuts were introduced in [[Kyiv]] and several other regions.",
        "Engineers work around the clock to repair damaged substations.",
        "Businesses in {CITY} have bought generators to keep working through the blackouts.",
    ],
    "front": [
        "The shelling starts before dawn, as it does most days.",
        "Soldiers move between positions at night, when drones are harder to spot.",
        "The brigade's positions sit in a line of shattered tree lines east of {TOWN}.",
        "A {AGE}-year-old drone operator, who gave only his call sign, described the fighting as relentless.",
        "Russian assault groups were backed by {MODEL:tank} tanks and Su-34 bombers.",
        "Wounded soldiers are evacuated at night, often by armoured vehicles that drive without lights.",
        "Ukrainian commanders say they are short of infantry rather than weapons.",
    ],
    "navy": [
        "The [[Black Sea Fleet|M|ru-black-sea-fleet]] has moved most of its ships from [[Sevastopol]] to [[Novorossiysk]].",
        "Ukraine has used sea drones to push Russian warships away from the western part of the [[Black Sea]].",
    ],
    "ru": [
        "The special military operation continues.",
        "Russian forces continue to advance in the [[Donbas]].",
        "The [[Kremlin]] has said the goals of the operation remain unchanged.",
    ],
}
AUTO_ENTITIES = {
    "Russia": ("R", "russia"), "Ukraine": ("R", "ukraine"), "Moscow": ("R", "moscow"), "Kyiv": ("R", "kyiv"),
    "Kremlin": ("O", "kremlin"), "Putin": ("P", "vladimir-putin"), "Europe": ("R", "europe"), "NATO": ("O", "nato"),
    "Britain": ("R", "gb"), "Donbas": ("R", "donbas"), "Washington": ("R", "washington"), "Iran": ("R", "iran"),
    "Telegram": ("O", "telegram"), "X": ("O", "x"), "Volga": ("R", "new:Volga"), "EU": ("O", "eu"),
    "Brussels": ("R", "brussels"), "Buryatia": ("R", "new:Buryatia"), "Tuva": ("R", "new:Tuva"),
    "Alabuga": ("R", "new:Alabuga"), "Tatarstan": ("R", "new:Tatarstan"), "Poland": ("R", "poland"),
    "Germany": ("R", "germany"), "Sevastopol": ("R", "sevastopol"), "Novorossiysk": ("R", "new:Novorossiysk"),
    "Black Sea": ("R", "black-sea"),
}
# capitalised words that are no entity of the gold's kinds
ALLOWED_CAPITALS = {
    "Russian", "Russians", "Ukrainian", "Ukrainians", "Western", "European", "American", "British", "German",
    "Soviet-era", "Polish-made", "Western-made", "North", "Korean", "Shahed-type", "Shahed-136", "Shaheds", "Patriot",
    "HIMARS", "IRIS-T", "GDP", "Article", "Su-34", "I", "Russian-installed", "French",
    "January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November",
    "December", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday",
}
NUMBER_WORDS = re.compile(r"\b(?:zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|"
                          r"fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|"
                          r"eighty|ninety|hundred|thousand|million|billion|dozens?|scores|hundreds|thousands|millions|"
                          r"half|quarter)\b", re.IGNORECASE)
ALLOWED_DIGITS = re.compile(r"\b(?:24/7|Article 5|(?:past|previous) 24 hours|Su-34|Shahed-136|20[12]\d)\b")

# ---------------------------------------------------------------------------------------------
# Figures. A kind is (low, high, form): count, pct, money, millions, roubles, hryvnias.
# "total" grows with the date, as the running tallies do.

KINDS = {
    "daily": (700, 2100, "count"), "daily_rate": (800, 1600, "count"), "month": (20000, 48000, "count"),
    "killed": (50000, 250000, "count"), "equip": (2, 40, "count"), "artillery": (5, 70, "count"),
    "drones": (20, 480, "count"), "drones_part": (5, 60, "count"), "drones_month": (2500, 6500, "count"),
    "assaults": (90, 260, "count"), "assaults_part": (20, 89, "count"), "named": (20000, 200000, "count"),
    "named_week": (300, 2500, "count"), "region_dead": (1500, 6000, "count"), "pct": (2, 90, "pct"),
    "ru_daily": (150, 1800, "count"), "counter": (2, 9, "count"), "rockets": (2, 12, "count"),
    "small": (2, 9, "count"), "villages": (2, 15, "count"), "km": (2, 15, "count"), "aircraft": (300, 700, "count"),
    "helicopters": (100, 350, "count"), "regions": (3, 14, "count"), "people": (2, 40, "count"),
    "children_few": (2, 6, "count"), "apartments": (5, 60, "count"), "houses": (10, 120, "count"),
    "evacuated": (1000, 30000, "count"), "missiles": (3, 90, "count"), "ballistic": (2, 12, "count"),
    "glide_bombs": (400, 3500, "count"), "tanks_total": (2800, 4200, "count"), "tanks_part": (1200, 2200, "count"),
    "afv_total": (5000, 9000, "count"), "ua_tanks": (700, 1300, "count"), "sp_guns": (400, 1100, "count"),
    "equip_week": (150, 450, "count"), "storage": (1500, 4000, "count"), "vehicles": (8, 60, "count"),
    "money_big": (1_000_000_000, 200_000_000_000, "money"), "money_mid": (100_000_000, 3_000_000_000, "money"),
    "money_huge": (400_000_000_000, 600_000_000_000, "money"), "money_small": (2000, 9000, "money"),
    "money_patriot": (2_000_000, 6_000_000, "money"),
    "money_uk": (2_000_000_000, 3_000_000_000, "money_gbp"), "shells": (50000, 500000, "count"),
    "long_drones": (100, 1000, "count"), "trainees": (5000, 20000, "count"), "recruits": (20000, 40000, "count"),
    "recruits_year": (250000, 450000, "count"), "recruits_day": (800, 1500, "count"),
    "recruits_local": (200, 900, "count"), "roubles": (195000, 2500000, "roubles"),
    "hryvnias": (30000, 120000, "hryvnias"), "civ_killed": (8000, 15000, "count"), "civ_month": (100, 600, "count"),
    "civ_injured": (400, 2000, "count"), "children": (400, 3000, "count"), "refugees": (55, 70, "millions"),
    "displaced": (30, 40, "millions"), "health_attacks": (1500, 2500, "count"), "deported": (15000, 20000, "count"),
    "children_out": (100000, 700000, "count"), "households": (20000, 800000, "count"),
    "energy_strikes": (100, 900, "count"), "megawatts": (500, 2000, "count"), "concentration": (30000, 90000, "count"),
    "sqkm": (100, 700, "count"), "front_losses": (200, 1500, "count"), "sorties": (40, 200, "count"),
    "shells_day": (8000, 40000, "count"), "battalion": (500, 900, "count"), "battalion_left": (100, 300, "count"),
    "bodies": (10, 60, "count"), "boats": (5, 20, "count"), "ships": (20, 40, "count"), "sailors": (500, 3000, "count"),
    "front_km": (1000, 1300, "count"), "total": (0, 0, "count"),
}
UNITS_WORDS = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
               "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"]
TENS_WORDS = {2: "twenty", 3: "thirty", 4: "forty", 5: "fifty", 6: "sixty", 7: "seventy", 8: "eighty", 9: "ninety"}
VAGUE_MULTIPLES = [(1_000_000, "millions"), (100_000, "hundreds of thousands"), (10_000, "tens of thousands"),
                   (1000, "thousands"), (100, "hundreds"), (12, "dozens")]


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
    for person in PEOPLE:
        compile_template(person["appositive"])
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


MODELS = {"tank": ["T-72", "T-90M", "T-80BVM", "T-62", "T-72B3"], "heli": ["Ka-52", "Mi-28", "Mi-8", "Mi-24"],
          "gun": ["2S19 Msta-S", "2S7 Pion", "2S3 Akatsiya", "2S1 Gvozdika"]}
AP_MONTHS = ["Jan.", "Feb.", "March", "April", "May", "June", "July", "Aug.", "Sept.", "Oct.", "Nov.", "Dec."]
MONTH_NAMES = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
               "November", "December"]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


# the frames a person, an organisation or an unnamed source can take, by index
FRAMES_1_FOR = {kind: [k for k, (_t, tag) in enumerate(FRAMES_1) if tag in ("any", kind)] for kind in ("person", "org", "vague")}
FRAMES_Q_FOR = {kind: [k for k, (_t, tag) in enumerate(FRAMES_Q) if tag in ("any", kind)] for kind in ("person", "org", "vague")}
RU_RELAYS = ["tass", "ria-novosti", "interfax", "new:Izvestia", "new:Kommersant"]
WEST_RELAYS = [k for k in OUTLETS if k not in ("tass", "ria-novosti", "interfax", "new:Izvestia", "new:Kommersant")]
OWN_ARTICLE = {"Daily Mail", "Daily Express", "Daily Mirror", "Financial Times", "BBC", "Associated Press", "Kyiv Post"}
FAMILY_WEIGHTS = {"single": 48, "told": 8, "chain2": 18, "chain3": 6, "quote": 20}
ARTICLE_TOPICS = {
    "losses": ({"ua_daily": 4, "totals": 4, "deaths_confirmed": 1, "equipment": 1, "recruitment": 1}, ["losses"], ["losses"]),
    "air": ({"ua_air": 5, "strike": 3, "energy": 1, "ru_air": 1}, ["air"], ["air", "civilians"]),
    "russia_claims": ({"ru_claims": 5, "ru_air": 3, "totals": 1}, ["ru", "losses"], ["losses"]),
    "aid": ({"aid": 6, "totals": 1, "ua_air": 1}, ["aid"], ["aid"]),
    "recruitment": ({"recruitment": 6, "totals": 2, "deaths_confirmed": 1}, ["recruitment", "losses"], ["losses", "aid"]),
    "civilians": ({"civilians": 6, "strike": 2, "energy": 1}, ["civilians"], ["civilians"]),
    "energy": ({"energy": 5, "ua_air": 2, "strike": 1}, ["energy", "air"], ["civilians", "air"]),
    "front": ({"front": 6, "ua_daily": 1, "equipment": 1}, ["front"], ["front"]),
    "navy": ({"navy": 5, "front": 1, "ru_air": 1}, ["navy", "front"], ["front"]),
    "equipment": ({"equipment": 5, "ua_daily": 1, "front": 1, "totals": 1}, ["losses", "front"], ["losses"]),
}
TOPIC_WEIGHTS = {"losses": 5, "air": 4, "russia_claims": 1, "aid": 3, "recruitment": 2, "civilians": 2, "energy": 2,
                 "front": 4, "navy": 1, "equipment": 2}
RU_TOPIC_WEIGHTS = {"russia_claims": 8, "losses": 1, "air": 1, "aid": 1}
FIRST_PERSON = re.compile(r"\b(?:I|my|My)\b")
SMALL_WORDS = {"a", "an", "the", "of", "in", "on", "at", "to", "for", "and", "as", "by", "over", "from"}


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


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, required=True, help="how many articles to write")
    parser.add_argument("--out", type=Path, required=True, help="the folder to write them into")
    parser.add_argument("--seed", type=int, default=0, help="the corpus seed (default 0)")
    args = parser.parse_args(argv)
    if args.articles < 1:
        parser.error("--articles must be at least 1")
    counts = generate(args.articles, args.out, args.seed)
    counts.pop("publishers")
    print(json.dumps(counts, indent=2))
    print(f"{counts['articles']} articles in {counts['seconds']} s; evaluate with:\n"
          f"  newsprov eval {args.out / 'gold'} --texts {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
