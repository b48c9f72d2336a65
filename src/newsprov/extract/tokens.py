"""Tokens and phrase matching: one compiled regular expression and a dictionary.

The entity step needs word boundaries with exact offsets and a fast lookup of
the gazetteer's multi-word names, nothing more. A rule tokenizer in one regular
expression, with the splits news English needs ('Ukraine' + "'s", 'military' +
'-' + 'industrial', but 'T-72', 'U.K.', 'Lt.', '1,556', '2.6bn' whole), does
that several times faster than a general-purpose tokenizer and loads instantly.
"""
from __future__ import annotations

import re

# Abbreviations that keep their full stop: 'U.K.', 'Lt.', 'Col.', and an initial
# before a name ('J. Smith'). A title's stop is kept only when a word follows.
_ABBREVIATION = (r"(?:[A-Za-z]\.){2,}"
                 r"|(?:Mr|Mrs|Ms|Dr|Prof|Gen|Lt|Col|Maj|Sgt|Capt|Cpl|Adm|Brig|St|Jan|Feb|Mar|Apr|Jun|Jul|Aug"
                 r"|Sep|Sept|Oct|Nov|Dec|Inc|Ltd|Co|Jr|Sr|Rep|Sen|Gov|vs|etc|No)\.(?=\s+[\w(])"
                 r"|[A-Z]\.(?=\s*[A-Z])")
_TOKEN = re.compile(
    rf"{_ABBREVIATION}"
    # a word or number: '1,556', '2.6bn', '6:45pm', 'T-72B3s', 'Orlan-10', "isn't"; a hyphen
    # before a letter splits ('military-industrial'), the possessive 's splits ('Ukraine' "'s")
    r"|\w+(?:[.,:/](?=\d)\w+|-(?=\d)\w+)*(?:'(?![sS]\b)\w+)?"
    r"|'[sS]\b"
    r"|\S"
)
_TOKEN_AND_SPACE = re.compile(rf"({_TOKEN.pattern})(\s*)")


class Token:
    """A token with its offset, its index and the whitespace that follows it."""

    __slots__ = ("text", "idx", "i", "whitespace_", "lower_")

    def __init__(self, text: str, idx: int, i: int, whitespace: str):
        self.text, self.idx, self.i, self.whitespace_ = text, idx, i, whitespace
        self.lower_ = text.lower()

    @property
    def end(self) -> int:
        return self.idx + len(self.text)

    def __repr__(self) -> str:
        return f"Token({self.text!r}, {self.idx})"


def tokenize(text: str) -> list[Token]:
    return [Token(match[1], match.start(), i, match[2]) for i, match in enumerate(_TOKEN_AND_SPACE.finditer(text))]


class PhraseMatcher:
    """Multi-word phrases found on token boundaries, matched exactly or ignoring case.

    ``matches`` returns the longest phrases that do not overlap, earlier first
    among equals, as ``(key, first token, token after the last)``.
    """

    def __init__(self) -> None:
        self._exact: dict[tuple[str, ...], str] = {}
        self._folded: dict[tuple[str, ...], str] = {}
        self._lengths: dict[str, set[int]] = {}  # first token, lower-cased -> phrase lengths

    def add(self, key: str, phrase: str, *, ignore_case: bool) -> None:
        words = tuple(t.text for t in tokenize(phrase))
        if not words:
            return
        if ignore_case:
            self._folded[tuple(w.lower() for w in words)] = key
        else:
            self._exact[words] = key
        self._lengths.setdefault(words[0].lower(), set()).add(len(words))

    def matches(self, tokens: list[Token]) -> list[tuple[str, int, int]]:
        found = []
        texts = [t.text for t in tokens]
        lowers = [t.lower_ for t in tokens]
        for i, first in enumerate(lowers):
            lengths = self._lengths.get(first)
            if not lengths:
                continue
            for n in lengths:
                if i + n > len(tokens):
                    continue
                key = self._exact.get(tuple(texts[i:i + n])) or self._folded.get(tuple(lowers[i:i + n]))
                if key is not None:
                    found.append((key, i, i + n))
        found.sort(key=lambda m: (m[2] - m[1], -m[1]), reverse=True)
        taken: set[int] = set()
        chosen = []
        for key, start, end in found:
            if taken.isdisjoint(range(start, end)):
                chosen.append((key, start, end))
                taken.update(range(start, end))
        return sorted(chosen, key=lambda m: m[1])
