"""What every picture shares: one colour and one name per entity type, the inks, the font and its measure."""
from __future__ import annotations



# One colour per entity type, the same in every picture and every format.
TYPE_COLOURS = {
    "NewsOutlet": "#34495e",
    "Article": "#7b8a9a",
    "GovernmentBody": "#0072b2",
    "MilitaryBody": "#009e73",
    "MilitaryUnit": "#66c2a5",
    "Person": "#e69f00",
    "Country": "#cc79a7",
    "Region": "#e3b5d0",
    "Organisation": "#56b4e9",
    "ResearchOrganisation": "#7b52ab",
    "InternationalOrganisation": "#d55e00",
    "Platform": "#c4a900",
    "Event": "#8c6d31",
    "VagueSource": "#a3a3a3",
    "Entity": "#cfcfcf",
}
FALLBACK_COLOUR = TYPE_COLOURS["Entity"]
TYPE_NAMES = {"Article": "article (no publisher)", "UntypedEntity": "untyped name", "": "untyped"}

FONT = "system-ui, -apple-system, 'Segoe UI', Helvetica, Arial, sans-serif"
INK, MUTED, EDGE, INFERRED = "#1d2630", "#5f6b78", "#9aa5b1", "#6d5a8f"
ARTICLE_LEVEL = "#1f7a8c"  # a hop established elsewhere in the article: dotted, in this colour
MARGIN = 28


def type_colour(entity_type: str) -> str:
    return TYPE_COLOURS.get(entity_type, FALLBACK_COLOUR)


def type_name(entity_type: str) -> str:
    """'GovernmentBody' -> 'government body'."""
    if entity_type in TYPE_NAMES:
        return TYPE_NAMES[entity_type]
    words, word = [], ""
    for char in entity_type:
        if char.isupper() and word:
            words.append(word)
            word = ""
        word += char
    return " ".join(words + [word]).lower()


def claims_phrase(count: int) -> str:
    return f"{count} claim{'s' if count != 1 else ''}"


def text_width(text: str, size: float = 12, bold: bool = False, spacing: float = 0.0) -> float:
    """Width of text in a sans-serif font, estimated from character classes (no font files).
    Calibrated on DejaVu Sans, the widest common fallback, so other fonts have room to spare."""
    units = 0.0
    for char in text:
        if char in "ijlI.,;:'!|()[] ":
            units += 0.3
        elif char in "frt-/":
            units += 0.37
        elif char in "mwMW@":
            units += 0.88
        elif char.isdigit():
            units += 0.64
        elif char.isupper():
            units += 0.68
        else:
            units += 0.6
    return units * size * (1.18 if bold else 1.0) + len(text) * spacing * size
