"""Figures: numbers that count or measure something, with hedge, measure and period.

Reads the normalised text and the sentence spans; adds Figure objects. Years,
dates, times, durations, ages, ordinals, model names and article numbers are
not figures.
"""
from __future__ import annotations

import math
import re
from bisect import bisect_left
from collections.abc import Container
from dataclasses import dataclass

from ..model import Figure, Span
from .lexicon import Lexicons, WordStartPattern, phrase_pattern
from .text import title_case_words

UNITS = {"zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
         "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
         "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
         "nineteen": 19}
TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
        "eighty": 80, "ninety": 90}
SCALES = {"hundred": 100, "thousand": 1_000, "lakh": 100_000, "million": 1_000_000, "crore": 10_000_000,
          "billion": 1_000_000_000, "trillion": 1_000_000_000_000}
_SCALE = "hundred|thousand|lakh|million|crore|billion|trillion"
SHORT_SCALES = {"k": 1_000, "m": 1_000_000, "mn": 1_000_000, "mln": 1_000_000, "bn": 1_000_000_000,
                "b": 1_000_000_000, "tn": 1_000_000_000_000}
# vague multiples: the value is the lower bound, as annotators write it
VAGUE = {"dozens": (12, 99), "scores": (20, 99), "hundreds": (100, 999), "thousands": (1_000, 9_999),
         "tens of thousands": (10_000, 99_999), "hundreds of thousands": (100_000, 999_999),
         "millions": (1_000_000, 9_999_999)}
CURRENCIES = {"£": "GBP", "$": "USD", "€": "EUR", "₴": "UAH", "₽": "RUB"}
MONTHS = ("january|february|march|april|may|june|july|august|september|october|november|december|"
          "jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec")
TIME_UNITS = r"(?:second|minute|min|hr|hour|day|week|fortnight|month|year|decade|century|night|morning|quarter(?!s?\s+of\b))s?"
PERIOD_UNITS = r"(?:hour|day|week|fortnight|month|year|decade)s?"
# the words a period phrase of FigureFinder.period_re can start with, besides the months
PERIOD_FIRST_WORDS = ("in", "during", "over", "for", "since", "throughout", "by", "from", "until", "last", "this",
                      "next", "yesterday", "overnight", "so", "to", "on", "between")

_WORD = "|".join(sorted([*UNITS, *TENS, *SCALES], key=len, reverse=True))
_DIGITS = r"\d{1,2}(?:,\d{2})+,\d{3}(?:\.\d+)?|\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"  # Indian grouping first: 1,09,999
_WORD_BRANCHES = (
    rf"""|(?<![\w-])(?P<vague>(?:tens|hundreds)\s+of\s+thousands|dozens|scores|hundreds|thousands|millions)(?=\s+of\b|\s+(?:more|of|were|have|had|are|died|killed|wounded)\b|\s*["'.,;]|\s+[a-z])"""
    rf"""|(?<![\w-])(?P<words>(?:a|an|half(?:\s+a)?|a\s+half|a\s+quarter|quarter(?:\s+of)?(?:\s+a)?)(?:[\s-]+(?:and\s+)?(?:a\s+half\s+)?(?:{_WORD}))+"""
    rf"""|(?:{_WORD})(?:[\s-]+(?:and\s+)?(?:a\s+half\s+)?(?:{_WORD}))*)\b""")
_WORD_STARTS = ["a", "an", "half", "quarter", "tens", "hundreds", "dozens", "scores", "thousands", "millions",
                *UNITS, *TENS, *SCALES]


def _alternatives(spellings) -> str:
    """One regular expression for many literal spellings, as a trie of their characters (a plain
    alternation is tried branch by branch after every number), the longest spelling first."""
    trie: dict = {}
    for spelling in set(spellings):
        node = trie
        for char in spelling:
            node = node.setdefault(char, {})
        node[""] = {}

    def walk(node: dict) -> str:
        branches = [re.escape(char) + walk(child) for char, child in sorted(node.items()) if char]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if "" in node else body

    return walk(trie)


def number_pattern(units: dict[str, dict] | None = None) -> WordStartPattern:
    """Numbers in digits (signed, with a currency sign or code before, a scale word, a percent or a
    unit of ``units`` after: 'USD5m', '-0.8%', '210km/h', '3 hundred million') or in words."""
    units = units or {}
    codes = [p for row in units.values() if row["position"] == "before" for p in row["patterns"]]
    glued = [p for row in units.values() if row["position"] == "after" and row.get("glued") for p in row["patterns"]]
    spaced = [p for row in units.values() if row["position"] == "after"
              for p in row["patterns"] if p not in row.get("glued_only", [])]
    code = rf"(?:(?-i:(?P<code>{_alternatives(codes)}))\s?)?" if codes else ""
    after = ""
    if glued or spaced:
        after = (rf"|(?-i:(?P<glued>{_alternatives(glued) or '(?!)'}))(?![\w/°])"
                 rf"|[\s-](?-i:(?P<spaced>{_alternatives(spaced) or '(?!)'}))(?![\w/])")
    regex = re.compile(
        rf"""(?P<sign>(?<![\w.,%-])[-\u2212](?=[£$€₴₽\d]|(?-i:[A-Z]{{3}})\d)|(?<![\w-])minus\s+)?{code}(?:(?P<cur>[£$€₴₽])\s?)?(?P<digits>{_DIGITS})(?:\s?(?P<scale>(?:{_SCALE})(?:\s+(?:{_SCALE}))*)\b|(?P<short>k|m|mn|mln|bn|b|tn)\b)?(?:(?P<pct>\s?%|\s(?:per\s?cent|percent)\b){after})?"""
        + _WORD_BRANCHES, re.IGNORECASE)
    starts = [*_WORD_STARTS, "minus", *(re.match(r"\w+", c).group() for c in codes if re.match(r"\w", c))]
    # a code written against its number ('USD5m') is one word with it: tried where the code starts
    # a code written against its number ('USD5m', 'Rs3', 'US$5') is one word with it: tried where the
    # code starts (a capital that can start one: three capitals and a digit, a '$' sign, 'Rs')
    return WordStartPattern(regex, starts, also=re.compile(
        r"[£$€₴₽\d]|[\u2212-](?=[£$€₴₽\d])|[A-Z](?=[A-Z]{2}\s?\d|[A-Z]?\$|s\.?\s?\d)"))


NUMBER = number_pattern()
RANGE_LINK = re.compile(r"^\s*(?:-|to|and|or)\s*$", re.IGNORECASE)


@dataclass
class _Number:
    start: int
    end: int
    value: float
    unit: str = ""
    vague: tuple[int, int] | None = None
    is_word: bool = False


def words_to_number(phrase: str) -> float | None:
    """'half a million' -> 500000, 'a THOUSAND' -> 1000, 'nine hundred' -> 900."""
    tokens = [t for t in re.split(r"[\s-]+", phrase.lower()) if t and t not in ("and", "a", "an", "of")]
    total, current, fraction, seen_number = 0.0, 0.0, 0.0, False
    for token in tokens:
        if token == "half":
            fraction += 0.5
        elif token == "quarter":
            fraction += 0.25
        elif token in UNITS:
            current += UNITS[token]
            seen_number = True
        elif token in TENS:
            current += TENS[token]
            seen_number = True
        elif token in SCALES:
            seen_number = True
            if SCALES[token] == 100:
                current = (current or 1.0) * 100  # a float: 'hundred' said 200 times overflows to inf, not to an int
            else:
                total += ((current + fraction) or 1.0) * SCALES[token]
                current, fraction = 0.0, 0.0
        else:
            return None
    return total + current if seen_number else None


def _numbers(norm: str, start: int, end: int, pattern: WordStartPattern = NUMBER,
             unit_of: dict[str, str] | None = None) -> list[_Number]:
    unit_of = unit_of or {}
    found = []
    for match in pattern.finditer(norm, start, end):
        if match.group("digits"):
            digits = match.group("digits")
            value = float(digits.replace(",", ""))
            scale = match.group("scale") or match.group("short")
            unit = CURRENCIES.get(match.group("cur") or "", "") or unit_of.get(_group(match, "code"), "")
            if match.group("short") and not unit and match.group("short").lower() not in ("k", "bn", "mn", "mln"):
                continue  # '203m' is a distance, '5b' a label; only money takes m/b
            if scale:
                for word in scale.lower().split():
                    value *= SCALES.get(word) or SHORT_SCALES[word]
            if match.group("pct"):
                unit = "percent"
            elif _group(match, "glued") or _group(match, "spaced"):
                unit = unit_of.get(_group(match, "glued") or " ".join(_group(match, "spaced").split()), "")
            if not math.isfinite(value):
                continue  # a run of hundreds of digits counts nothing, and has no decimal form
            first = match.start()
            sign = match.group("sign")
            if sign and sign.strip() in ("-", "\u2212") and re.search(r"[\d%]\s*$", norm[max(start, first - 8):first]):
                sign, first = None, match.start() + len(sign)  # '1,500 -1,800': a range's hyphen, not a minus
                first = first if not match.group("cur") else match.start("cur")
            if sign:
                value = -value
            found.append(_Number(first, match.end(), value, unit))
        elif match.group("vague"):
            low, high = VAGUE[re.sub(r"\s+", " ", match.group("vague").lower())]
            found.append(_Number(match.start(), match.end(), low, vague=(low, high), is_word=True))
        else:
            phrase = match.group("words")
            if phrase.lower() in ("a", "an", "half", "a half", "quarter", "a quarter"):
                continue
            value = words_to_number(phrase)
            if value is None or not math.isfinite(value):
                continue  # 'hundred' said hundreds of times over counts nothing either
            s, e = match.start(), match.end()
            found.append(_Number(s, e, value, is_word=True))
    return found


_PRE_EXCLUDE = re.compile(
    rf"(?:[A-Za-z]-?|\d[:./]|\b(?:article|section|chapter|paragraph|no\.|number|resolution|page|flight|route|unit|aged|age of|ages of|{MONTHS})\.?\s+)$",
    re.IGNORECASE)
_POST_EXCLUDE = re.compile(
    rf"^(?:st|nd|rd|th)\b|^[:./]\d|^\s?(?:am|pm|a\.m\.|p\.m\.|gmt|bst|cet|utc)(?!\w)|^[A-Za-z]|^-[A-Za-z]+\d|^[-–]\d+(?:\.\d+)?[\s-]*(?:{TIME_UNITS})\b"
    rf"|^[\s-]*(?:{TIME_UNITS})\b(?![- ]?(?:old|-old))|^[\s-]*(?:{TIME_UNITS})[\s-]+old\b|^-year|^\s*(?:{MONTHS})\b",
    re.IGNORECASE)


AGE = re.compile(r"[A-Z][\w'-]+,\s*$")
ISO_DATE = re.compile(r"\b\d{4}-\d{1,2}-\d{1,2}\b")
DAY_LIST = re.compile(rf"\b(?:{MONTHS})\.?\s+\d{{1,2}}(?:st|nd|rd|th)?\s*(?:and|-|to|or|,)\s*$", re.IGNORECASE)


def _group(match: re.Match, name: str) -> str:
    """A named group's text, '' when the pattern has no such group or it did not take part."""
    try:
        return match.group(name) or ""
    except IndexError:
        return ""


def _excluded(norm: str, number: _Number, context: "_Sentence") -> bool:
    sentence = context.span
    before = norm[max(sentence.start, number.start - 24):number.start]
    after = norm[number.end:min(sentence.end, number.end + 24)]
    text = norm[number.start:number.end]
    if not number.is_word and number.value < 120 and AGE.search(before) and after[:1] == ",":
        return True  # 'Valentyna Hordiyenko, 61, a retired teacher'
    if DAY_LIST.search(before):
        return True  # 'on November 27 and 28'
    if "-" in norm[max(0, number.start - 6):number.end + 6] and any(
            m.start() < number.end and number.start < m.end()
            for m in ISO_DATE.finditer(norm, max(0, number.start - 8), min(len(norm), number.end + 8))):
        return True  # '2024-05-25': a date
    if _PRE_EXCLUDE.search(before) or _POST_EXCLUDE.search(after):
        return True
    if not number.is_word and not number.unit and re.fullmatch(r"(?:19|20)\d\d", text):
        return True  # a year: people write counts of this size with a separator
    if number.is_word:
        first = text.split()[0]
        inside = number.start > context.first_word
        if first[:1].isupper() and not text.isupper() and inside:
            return True  # 'World War Two', 'Formula One': part of a name
        if text.lower() in ("one", "a"):
            return True  # decided by the caller only with a counted noun
    return False


def _one_with_noun(norm: str, number: _Number, measures: WordStartPattern) -> bool:
    after = norm[number.end:number.end + 40]
    return bool(re.match(r"\s+(?:[A-Za-z-]+\s+)?" + measures.regex.pattern, after, re.IGNORECASE))


class FigureFinder:
    """Finds figures in sentences; hedges, measures and periods come from the lexicons."""

    def __init__(self, lexicons: Lexicons):
        self.number_re = number_pattern(lexicons.units)
        self.unit_of = {spelling: row["label"] for row in lexicons.units.values() for spelling in row["patterns"]}
        self.hedges = dict(lexicons.hedges)
        self.hedge_re = re.compile(
            r"(?:^|[\s\"'(])(?P<hedge>" + phrase_pattern(self.hedges) + r")(?:\s+(?:a|the|a\s+total\s+of|a\s+staggering|a\s+record|a\s+massive|just))*\s+$",
            re.IGNORECASE)
        measure_words = []
        self.measure_of = {}
        for row in lexicons.measures.values():
            for pattern in row["patterns"]:
                measure_words.append(pattern)
                self.measure_of[pattern.lower()] = row["label"]
        self.measure_re = WordStartPattern.of_phrases(measure_words, r"\b", r"\b")
        # a loss word after another counted noun counts that noun's losses ('drone losses', 'tank losses')
        self.compound_words = {w.lower() for row in lexicons.measures.values() for w in row.get("compound_heads", [])}
        self.family = {row["label"]: row.get("family", row["id"]) for row in lexicons.measures.values()}
        self.outcomes = {"killed": "killed", "dead": "killed", "deaths": "killed", "died": "killed",
                         "wounded": "wounded", "injured": "wounded", "injuries": "wounded", "casualties": "casualties",
                         "lost": "lost", "losses": "lost", "destroyed": "destroyed", "deported": "deported",
                         "evacuated": "evacuated", "repatriated": "repatriated", "downed": "downed",
                         "shot down": "downed", "captured": "captured", "missing": "missing",
                         "killed or wounded": "killed or wounded", "dead and injured": "killed or wounded",
                         "dead or wounded": "killed or wounded", "killed and wounded": "killed or wounded"}
        self.outcome_re = WordStartPattern.of_phrases(self.outcomes, r"\b", r"\b")
        self.period_re = WordStartPattern(re.compile(
            rf"\b(?:(?:in|during)\s+the\s+month\s+of\s+(?:{MONTHS})\b(?:\s+\d{{4}})?|(?:in|during|over|for|since|throughout|by|from|until)\s+(?:the\s+)?(?:(?:past|last|first|previous|same|preceding)\s+)?(?:(?:\d+|one|two|three|four|five|six|seven|ten|twelve|24|48|72)[\s-]+)?(?:{PERIOD_UNITS})"
            rf"|(?:in|during)\s+the\s+month\s+of\s+(?:{MONTHS})\b(?:\s+\d{{4}})?"
            rf"|(?:in|during|since|by|for|throughout|until|from)\s+(?:early\s+|late\s+|mid-?\s*)?(?:{MONTHS})\b(?:\s+\d{{4}}|\s+(?:last|this)\s+year)?|(?:in|since|during)\s+(?:early\s+|late\s+)?(?:19|20)\d\d\b"
            rf"|(?:last|this|next)\s+(?:week|month|year|weekend)|yesterday|overnight|so\s+far|to\s+date"
            rf"|since\s+the\s+(?:start\s+of\s+the\s+)?(?:war|invasion|full-scale\s+invasion|conflict)(?:\s+began)?|since\s+(?:the\s+start\s+of\s+)?(?:the\s+)?(?:full-scale\s+)?invasion"
            rf"|(?:in|on)\s+(?:a\s+single|one)\s+day|(?:{MONTHS})\s+(?:19|20)\d\d|between\s+(?:{MONTHS})\s+\d+\s+and\s+(?:{MONTHS})\s+\d+(?:,?\s+\d{{4}})?)\b",
            re.IGNORECASE), [*PERIOD_FIRST_WORDS, *MONTHS.split("|")])
        self.rate_re = WordStartPattern(re.compile(
            r"\b(?:(?:a|per|each|every)\s+(?:day|week|month|year|hour)|daily|weekly|monthly)\b", re.IGNORECASE),
            ["a", "per", "each", "every", "daily", "weekly", "monthly"])

    def find(self, norm: str, original: str, sentence: Span, plural_at: Container[int] = ()) -> list[Figure]:
        """The figures of one sentence; ``plural_at`` holds where the tagger's plural nouns start."""
        numbers = _ratios(norm, _numbers(norm, sentence.start, sentence.end, self.number_re, self.unit_of))
        if not numbers:
            return []
        context = _Sentence(norm, sentence, self.period_re)
        kept = []
        for number in numbers:
            text = norm[number.start:number.end].lower()
            if text in ("one", "a", "an") or (number.is_word and text.split()[0] in ("a", "an") and len(text.split()) == 1):
                if text == "one" and (_one_with_noun(norm, number, self.measure_re) or _ONE_IN.match(norm, number.end)) \
                        and not _excluded_one(norm, number):
                    kept.append(number)
                continue
            if _excluded(norm, number, context) or _in_name(norm, number, context, self.measure_re, plural_at) \
                    or _names_a_kind(norm, number):
                continue
            kept.append(number)
        figures = []
        skip = set()
        for i, number in enumerate(kept):
            if i in skip:
                continue
            start, end, value, value_max, qualifier = number.start, number.end, number.value, None, "exact"
            # ranges: 'between 1,000 and 1,200', '1,000 to 1,200', '1,000-1,200'
            if i + 1 < len(kept):
                nxt = kept[i + 1]
                link = norm[end:nxt.start]
                if RANGE_LINK.match(link) and (nxt.value > value or nxt.value < value < 0) and (link.strip() != "and" or re.search(r"\bbetween\s+$", norm[max(0, start - 12):start], re.I)) \
                        and not (number.unit and nxt.unit and number.unit != nxt.unit) \
                        and not (link.strip().lower() == "to" and CHANGE.search(norm, max(sentence.start, start - 40), start)):
                    end, value_max, qualifier = nxt.end, nxt.value, "range"
                    value, value_max = min(value, value_max), max(value, value_max)  # '-15C to -18C': -18 to -15
                    number.unit = number.unit or nxt.unit  # '130 to 145km/h', '4-6%': the unit written once
                    skip.add(i + 1)
            if qualifier == "exact" and i + 1 < len(kept) and re.fullmatch(r"\s+in\s+", norm[end:kept[i + 1].start]) \
                    and kept[i + 1].value > value > 0 and not number.unit and not kept[i + 1].unit:
                nxt = kept[i + 1]  # '3 in 10 families', 'one in 12': a ratio, one figure
                end, value, number.unit = nxt.end, value / nxt.value, "ratio"
                skip.add(i + 1)
            if number.vague:
                value, value_max, qualifier = number.vague[0], number.vague[1], "range"
            hedge_span = None
            window = norm[max(sentence.start, start - 40):start]
            match = self.hedge_re.search(window)
            if match and (qualifier == "exact" or self.hedge_of(match.group("hedge")) == "approximate"):
                # a range keeps its qualifier and its hedge ('roughly 1,500-1,800')
                qualifier = self.hedge_of(match.group("hedge")) if qualifier == "exact" else qualifier
                offset = max(sentence.start, start - 40)
                hedge_span = Span(offset + match.start("hedge"), offset + match.end("hedge"),
                                  original[offset + match.start("hedge"):offset + match.end("hedge")])
            if qualifier not in ("range",):
                tail = norm[end:end + 12]
                if re.match(r"\s*(?:or\s+more|\+|-plus|plus)\b", tail, re.I):
                    qualifier = "at_least"
                elif re.match(r"\s*or\s+so\b", tail, re.I):
                    qualifier = "approximate"
            span = Span(start, end, original[start:end])
            figures.append(Figure(
                span=span, value=value, qualifier=qualifier, value_max=value_max, unit=number.unit,
                measure=self.measure(norm, context, start, end), period=self.period(norm, original, context, start, end),
                hedge=hedge_span,
            ))
        return figures

    def hedge_of(self, phrase: str) -> str:
        return self.hedges[re.sub(r"\s+", " ", phrase.lower())]

    def measure(self, norm: str, context: "_Sentence", start: int, end: int) -> str:
        sentence = context.span
        clause_end = context.clause_end(end)
        after = self.measure_re.search(norm, end, min(clause_end, end + 60))
        counted = None
        if after and len(norm[end:after.start()].split()) <= 6:
            counted = after
        if counted is None:
            before = [m for m in self.measure_re.finditer(norm, max(sentence.start, start - 120), start)]
            counted = before[-1] if before else None
        if counted is None:
            return ""
        label = self.measure_of.get(counted.group().lower(), counted.group().lower())
        outcome = None
        window_end = min(clause_end, counted.end() + 80)
        o = self.outcome_re.search(norm, max(counted.end(), end), window_end)
        if o is None:
            earlier = list(self.outcome_re.finditer(norm, max(sentence.start, start - 80), start))
            o = earlier[-1] if earlier else None
        if o is not None:
            outcome = self.outcomes[o.group().lower()]
            both = self.outcome_re.regex.match(norm, o.end() + len(_OR_SUFFERED.match(norm, o.end()).group()))
            if both is not None and {outcome, self.outcomes[both.group().lower()]} == {"killed", "wounded"}:
                outcome = "killed or wounded"  # 'have died or suffered injuries'
                if self.family.get(self.measure_of.get(outcome, "")) == self.family.get(label):
                    return self.measure_of[outcome]  # troops killed or wounded are casualties
        if counted.group().lower() in self.compound_words and counted.start() > sentence.start:
            before = self.measure_re.search(norm, max(sentence.start, counted.start() - 30), counted.start())
            if before is not None and not norm[before.end():counted.start()].strip():
                return f"{self.measure_of.get(before.group().lower(), before.group().lower())} lost"  # 'drone losses'
        if outcome and outcome not in label and label not in ("casualties", "killed", "wounded"):
            return f"{label} {outcome}"
        return label

    def period(self, norm: str, original: str, context: "_Sentence", start: int, end: int) -> str:
        sentence = context.span
        clause_end = context.clause_end(end)
        parts = []
        rate = self.rate_re.search(norm, end, min(clause_end, end + 60))
        if rate is None:
            rate = next(iter(reversed(list(self.rate_re.finditer(norm, max(sentence.start, start - 60), start)))), None)
        if rate:
            parts.append(original[rate.start():rate.end()])
        span = context.period_after(end, clause_end)
        if span is None:
            span = context.period_before(start)
        if span is None and context.lead is not None and context.lead.end() <= start:
            month = context.lead.start() + len(context.lead.group()) - len(context.lead.group().lstrip())
            parts.append(original[month:context.lead.end()])
        if span:
            phrase = original[span.start():span.end()]
            if phrase[:3].lower() == "in " and _SINCE_BEGAN.search(norm, max(sentence.start, span.start() - 100), span.start()):
                phrase = "since " + phrase[3:]  # 'since the invasion began in February 2022': a running total from then
            elif phrase[:6].lower() == "since " and not _DATED.search(phrase):
                began = _BEGAN_IN.match(norm, span.end(), clause_end)
                if began is not None:  # 'since the war began in February last year': since then
                    phrase = "since " + original[began.start("date"):began.end("date")]
            parts.append(phrase)
        return ", ".join(dict.fromkeys(parts))


_SINCE_BEGAN = re.compile(r"\bsince\s[^.;,]{0,80}?\b(?:began|begun|started|broke\s+out|launched)\s+$", re.IGNORECASE)
_DATED = re.compile(rf"\b(?:{MONTHS}|(?:19|20)\d\d)\b", re.IGNORECASE)
_BEGAN_IN = re.compile(rf"[^.;,]{{0,60}}?\b(?:began|begun|started|broke\s+out|launched)\s+in\s+"
                       rf"(?P<date>(?:{MONTHS})\b(?:\s+(?:19|20)\d\d|\s+(?:last|this)\s+year)?|(?:19|20)\d\d\b)", re.IGNORECASE)
_OR_SUFFERED = re.compile(r"\s+(?:or|and)\s+(?:(?:were|was|been|have|has|suffered|sustained)\s+)*|", re.IGNORECASE)

# a change told by a verb: 'rose 4.2 percent to 81.50', 'fell from 12 to 9' give two figures, not a range
CHANGE = re.compile(r"\b(?:rose|rise[sn]?|rising|fell|falls?|fallen|falling|climb(?:ed|s|ing)?|drop(?:ped|s|ping)?|"
                    r"increas(?:ed|es|ing)|decreas(?:ed|es|ing)|jump(?:ed|s|ing)?|slip(?:ped|s|ping)?|gain(?:ed|s|ing)?|"
                    r"gr[eo]w(?:n|s|ing)?|declin(?:ed|es|ing)|surg(?:ed|es|ing)|plung(?:ed|es|ing)|soar(?:ed|s|ing)?|"
                    r"slump(?:ed|s|ing)?|edg(?:ed|es|ing)|tumbl(?:ed|es|ing)|sank|sinks?|rall(?:ied|ies|ying)|"
                    r"advanc(?:ed|es|ing)|eas(?:ed|es|ing)|cut|rais(?:ed|es|ing)|lower(?:ed|s|ing)?|went|moved?)"
                    r"(?:\s+(?:by|from|up|down|nearly|almost|about|around|some|roughly|over|more\s+than))*\s*(?:[£$€₴₽]|[-\u2212])?\s*$",
                    re.IGNORECASE)
# words that stand before a number without making it a name: a sentence's opening word, hedges
_NOT_NAMES = re.compile(r"(?:about|almost|around|nearly|some|over|under|only|just|more|less|fewer|up|at|by|to|"
                        r"of|in|on|for|from|with|than|and|or|the|a|an|no|all|another|roughly|approximately|"
                        r"top|page|vs|v)$", re.IGNORECASE)
_SCORE_OR_UNIT_AFTER = re.compile(r"^(?:\s*[-–]\s*\d|\s*(?:%|per\s?cent|percent)|\s*[,;]\s*[A-Z][\w&'-]*(?:\s+[A-Z][\w&'-]*)*\s+\d)")


# a calibre or a format: a length glued to its number that modifies the noun after it ('155mm shells',
# '35mm film') names a kind of thing; a length that is measured is followed by 'of', a verb or a stop
_KIND_OF_THING = re.compile(r"^\s+(?!(?:of|and|or|in|on|at|by|per|from|to|over|since|a|an|the|this|that|last|"
                            r"fell|was|were|is|are|has|had|have|will|would|could|may|might|overnight|each|every|"
                            r"an?|daily|deep|long|high|wide|tall|thick|away|across|below|above)\b)[a-z]")


def _names_a_kind(norm: str, number: _Number) -> bool:
    text = norm[number.start:number.end]
    return number.unit in ("mm", "cm") and text[-2:] in ("mm", "cm") and text[-3:-2].isdigit() \
        and bool(_KIND_OF_THING.match(norm[number.end:number.end + 24]))


def _in_name(norm: str, number: _Number, context: "_Sentence", measures: WordStartPattern,
             plural_at: Container[int] = ()) -> bool:
    """A number written right after a capitalised word inside the sentence, and counting nothing, is
    part of a name: 'Boeing 787', 'FTSE 100', 'Game 6', 'Apollo 11'. Not in a Title Case headline,
    not a score ('beat Leeds 3-1'), not a list of results ('Labour 412, Reform 98'), and not when a
    counted noun follows ('Labour 412 seats'): one the tagger read as plural (``plural_at``: where such
    nouns start) or one the measures lexicon knows."""
    if number.is_word or number.unit or number.value < 0 or number.start < 2 or norm[number.start - 1] != " " \
            or not (norm[number.start - 2].isalnum() or norm[number.start - 2] in "&.'’-"):
        return False
    before = norm[max(context.span.start, number.start - 40):number.start]
    name = re.search(r"(?<![\w'’-])([A-Z][\w&'’.-]*)\s$", before)
    if name is None or context.title_case or number.start - len(name.group()) <= context.first_word:
        return False
    if _NOT_NAMES.match(name.group(1)) or re.fullmatch(rf"(?:{MONTHS})\.?", name.group(1), re.IGNORECASE):
        return False
    after = norm[number.end:min(context.span.end, number.end + 60)]
    if _SCORE_OR_UNIT_AFTER.match(after) or re.search(r"\d\s*[,;]\s*$", before[:-len(name.group())]):
        return False  # a score, or a list of results ("Labour 412, Reform 98, Greens 4")
    if after[:1] == " " and number.end + 1 in plural_at:
        return False  # 'Reform 98 councillors': the tagger's plural noun is counted, whatever list knows it
    counted = measures.regex.match(norm, number.end + (len(after) - len(after.lstrip())), number.end + 40) \
        if after[:1] == " " else None
    return counted is None


def _ratios(norm: str, numbers: list[_Number]) -> list[_Number]:
    """'900 parts per million', '12 per 100,000': the scale after 'per' is the unit of the number before,
    not a figure of its own; 'per 100,000' stays a figure only in words of its own."""
    kept: list[_Number] = []
    for number in numbers:
        between = norm[kept[-1].end:number.start].lower() if kept else ""
        if "per" not in between:
            kept.append(number)
            continue
        text = norm[number.start:number.end].lower()
        if re.fullmatch(r"\s+per\s+", between) and not number.unit and \
                ((number.is_word and text in SCALES) or re.fullmatch(r"1(?:0|,000)+", text)):
            kept[-1].unit = kept[-1].unit or f"per {text}"  # '212.6 per 100,000', '3 per thousand'
            continue
        kept.append(number)
    return kept


_ONE_IN = re.compile(r"\s+in\s+(?:\d|(?:ten|five|four|three|six|eight|twenty|fifty|a\s+hundred|a\s+thousand)\b)",
                     re.IGNORECASE)  # 'one in 12', 'one in five'


def _excluded_one(norm: str, number: _Number) -> bool:
    before = norm[max(0, number.start - 12):number.start].lower()
    return bool(re.search(r"\b(?:no|any|every|each|this|that|the|at|in|for)\s+$", before))


_CLAUSE_BREAK = r"[;:]|,\s+(?:while|but|whereas|with|and\s+(?:the|a)\b|according|which)\b|\s-\s"
_CLAUSE_BREAKS = re.compile(rf"(?=(?:{_CLAUSE_BREAK}))")  # every place one starts, overlapping ones included
# a date that opens the sentence ('January 2025 saw ...'), after its opening quotation marks
_LEAD_DATE = re.compile(rf"\s*(?:{MONTHS})\s+(?:19|20)\d\d\b", re.IGNORECASE)


class _Sentence:
    """What every figure of one sentence looks up, found once for the sentence: where its clauses
    break, where its period phrases stand, where its first word starts and the date that opens it.

    Looked up again for each figure, from the figure to the end of the sentence (or from the
    sentence's start to the figure), they made a sentence of n figures cost n squared: 10,000
    figures in one sentence took over a minute. Each look-up is now a bisection. The answers are
    those of the searches they replace: a period phrase is read over the whole sentence, and one
    that runs past the place a figure's search stops at is read again up to that place.
    """

    def __init__(self, norm: str, span: Span, period_re: WordStartPattern):
        self.norm, self.span, self.period_re = norm, span, period_re
        self.breaks = [match.start() for match in _CLAUSE_BREAKS.finditer(norm, span.start, span.end)]
        self.periods = period_re.matches_at_each_start(norm, span.start, span.end)
        self.period_starts = [match.start() for match in self.periods]
        self.chain = []  # the period phrases finditer reads from the sentence's start, none overlapping
        resume = span.start
        for match in self.periods:
            if match.start() >= resume:
                self.chain.append(match)
                resume = match.end()
        self.chain_starts = [match.start() for match in self.chain]
        first = span.start
        while first < span.end and norm[first] in " \"'-(":
            first += 1
        self.first_word = first  # a number after it is inside the sentence ('World War Two'), not its opening
        lead_from = span.start
        while lead_from < span.end and norm[lead_from] in "\"' ":
            lead_from += 1
        self.lead = _LEAD_DATE.match(norm, lead_from, span.end)
        self._title_case: bool | None = None

    @property
    def title_case(self) -> bool:
        """Whether most of the sentence's words are capitalised (a headline in Title Case); read once, when asked."""
        if self._title_case is None:
            self._title_case = title_case_words(self.norm[self.span.start:self.span.end]) is not None
        return self._title_case

    def clause_end(self, pos: int) -> int:
        """Where the clause that holds ``pos`` ends: a break at or after ``pos``, else the sentence's end."""
        index = bisect_left(self.breaks, pos)
        return self.breaks[index] if index < len(self.breaks) else self.span.end

    def period_after(self, pos: int, limit: int) -> re.Match | None:
        """The first period phrase that starts at or after ``pos`` and ends by ``limit``."""
        for index in range(bisect_left(self.period_starts, pos), len(self.periods)):
            match = self.periods[index]
            if match.start() >= limit:
                return None
            if match.end() <= limit:
                return match
            cut = self.period_re.regex.match(self.norm, match.start(), limit)
            if cut is not None:
                return cut
        return None

    def period_before(self, pos: int) -> re.Match | None:
        """The last period phrase read from the sentence's start that ends by ``pos``."""
        index = bisect_left(self.chain_starts, pos) - 1
        if index < 0:
            return None
        last = self.chain[index]
        if last.end() <= pos:
            return last
        cut = list(self.period_re.finditer(self.norm, last.start(), pos))
        if cut:
            return cut[-1]
        return self.chain[index - 1] if index > 0 else None
