"""Validates the held-out gold files and prints summary statistics."""
import glob, json, os, re
from collections import Counter

HERE = os.path.dirname(os.path.abspath(__file__))
KNOWN = set("""uk-mod uk-defence-intelligence ua-general-staff ua-armed-forces ua-mod ua-gur
ua-intelligence ua-sbu ru-mod ru-armed-forces kremlin isw oryx mediazona bbc-russian bbc pentagon
csis rusi iiss un-hrmmu ohchr un nato eu who reuters ap afp bloomberg cnn nyt washington-post wsj
newsweek politico the-guardian the-telegraph the-times the-sun daily-mail daily-express
daily-mirror sky-news gb-news kyiv-independent kyiv-post ukrinform ukrainska-pravda tass
ria-novosti interfax meduza moscow-times ukraine russia us gb vladimir-putin volodymyr-zelensky
oleksandr-syrsky kyrylo-budanov dmitry-peskov sergei-shoigu andrei-belousov valery-gerasimov
rustem-umerov lloyd-austin john-healey mark-rutte keir-starmer donald-trump joe-biden""".split())
QUALS = {"exact", "approximate", "more_than", "less_than", "at_least", "at_most", "range"}
TYPES = {"Person", "MilitaryUnit", "Region", "Organisation"}
NUMWORDS = r"\b(one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|dozen|hundred|hundreds|thousand|thousands|million|millions|billion)\b"

files = figs = ents = 0
hops, etypes, quals, errors = Counter(), Counter(), Counter(), []
for gp in sorted(glob.glob(os.path.join(HERE, "h*.gold.json"))):
    g = json.load(open(gp, encoding="utf-8"))
    text = open(os.path.join(HERE, g["file"]), encoding="utf-8").read()
    files += 1
    assert set(g) == {"file", "publisher", "published", "figures", "entities"}, gp
    assert re.fullmatch(r"(\d{4}-\d{2}(-\d{2})?)?", g["published"]), gp
    nw = len(text.split())
    if not 200 <= nw <= 450:
        errors.append(f"{g['file']}: {nw} words")
    covered = set()
    prev = -1
    for f in g["figures"]:
        figs += 1
        if text[f["start"]:f["end"]] != f["text"]:
            errors.append(f"{g['file']}: offset mismatch {f}")
        if f["start"] <= prev:
            errors.append(f"{g['file']}: figures out of order {f}")
        prev = f["start"]
        covered.update(range(f["start"], f["end"]))
        if f["qualifier"] not in QUALS:
            errors.append(f"{g['file']}: bad qualifier {f}")
        if not isinstance(f["value"], (int, float)):
            errors.append(f"{g['file']}: bad value {f}")
        for h in f["chain"]:
            if not (h in KNOWN or re.fullmatch(r"vague:[^A-Z]+", h) or h.startswith("new:")):
                errors.append(f"{g['file']}: bad hop {h}")
        hops[len(f["chain"])] += 1
        quals[f["qualifier"]] += 1
    seen = set()
    for e in g["entities"]:
        ents += 1
        etypes[e["type"]] += 1
        if e["type"] not in TYPES:
            errors.append(f"{g['file']}: bad type {e}")
        if not re.search(r"(?<!\w)" + re.escape(e["text"]) + r"(?!\w)", text):
            errors.append(f"{g['file']}: entity not in text {e}")
        if e["text"] in seen:
            errors.append(f"{g['file']}: duplicate entity {e}")
        seen.add(e["text"])
    # list uncovered numerals / number words for manual review
    if os.environ.get("SHOW_UNCOVERED"):
        for m in re.finditer(r"\d[\d,.]*|" + NUMWORDS, text, flags=re.I):
            if m.start() not in covered:
                print(f"  {g['file'][:3]} uncovered {m.group()!r}: ...{text[max(0,m.start()-25):m.end()+15]!r}")

print("files:", files)
print("figures:", figs)
print("figures by number of hops:", dict(sorted(hops.items())))
print("figures by qualifier:", dict(quals))
print("entities:", ents, dict(etypes))
print("errors:", errors if errors else "none")
