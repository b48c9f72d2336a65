"""SPARQL text: the one place that turns values into query terms, and reads a query's keywords.

**Values into queries.** No value that came from outside (a figure or claim IRI typed by a user,
an IRI read back from the store) is ever pasted into query text as it is: :func:`iri` writes
an IRI term after checking that it is one (SPARQL's IRIREF excludes ``<>"{}|^`\\``, spaces
and control characters, so nothing can close the term and go on as query text), and
:func:`literal` writes a string with every quote, backslash and line break escaped. A value
that is not a valid IRI is the user's error (:class:`InputError`), never query text.

**Keywords of a query.** :func:`keywords` reads a query with the terminals of the grammar that
the store's engine (Oxigraph 0.5) parses, SPARQL 1.2's: an IRI is ``<...>`` with ``\\u``
escapes allowed inside it, a string runs to its closing quote with backslash escapes inside
it, a comment runs from ``#`` to the end of the line, and nothing else may hold an escape
(checked: Oxigraph refuses ``\\u0053ERVICE`` and a ``\\u007d`` standing for ``}``, and reads
``"a\\u0022"`` as the string ``a"``). Words inside IRIs, strings, comments, prefixed names
and variables are not keywords. A string left open is where the engine's parse would fail
too; everything after it is treated as unknown (``clean`` is False), so a caller that must
be safe treats the word it looks for as present anywhere in the rest. Each token is matched
with possessive repetition and an open string ends the reading, so the work is linear in the
length of the query whatever it holds (an unterminated string tried again at every quote
was quadratic).
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from ..errors import InputError

# SPARQL 1.2 IRIREF: no <>"{}|^`\ and no character up to the space, except \u escapes (UCHAR)
_IRI_CHARS = r"""(?:[^<>"{}|^`\\\x00-\x20]|\\u[0-9A-Fa-f]{4}|\\U[0-9A-Fa-f]{8})"""
_IRI_VALUE = re.compile(r"""[^<>"{}|^`\\\x00-\x20]+""")
_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.\-]*:")

_TOKEN = re.compile(rf"""
    (?P<space>\s++)
  | (?P<comment>\#[^\r\n]*+)
  | (?P<iri><{_IRI_CHARS}*+>)
  | (?P<string>\"\"\"(?:[^"\\]|\\.|"(?!""))*+\"\"\"
              | '''(?:[^'\\]|\\.|'(?!''))*+'''
              | "(?:[^"\\\n\r]|\\.)*+"
              | '(?:[^'\\\n\r]|\\.)*+')
  | (?P<open>\"\"\"|'''|["'])
  | (?P<var>[?$]\w++)
  | (?P<bnode>_:[\w.\-]*+)
  | (?P<lang>@[A-Za-z]++(?:-[A-Za-z0-9]++)*+(?:--[A-Za-z]++)?+)
  | (?P<pname>(?:[^\W\d_][\w.\-]*+)?:(?:[\w:.\-%]|\\[_~.\-!$&'()*+,;=/?\#@%])*+)
  | (?P<word>[^\W\d]\w*+)
  | (?P<number>\d*+\.?\d++(?:[eE][+-]?\d++)?+)
  | (?P<other>.)
""", re.VERBOSE | re.DOTALL)

QUERY_FORMS = {"SELECT": "select", "ASK": "ask", "CONSTRUCT": "construct", "DESCRIBE": "describe"}
UPDATE_WORDS = {"INSERT", "DELETE", "LOAD", "CLEAR", "CREATE", "DROP", "COPY", "MOVE", "ADD", "WITH"}


@dataclass(frozen=True)
class Keywords:
    """The bare words of a query (keywords and function names), upper-cased, in order; and
    whether the whole text was read (False: a string was left open at ``rest``)."""

    words: tuple[str, ...]
    clean: bool
    rest: str = ""

    def has(self, word: str) -> bool:
        """True if ``word`` is one of the query's keywords, or may be: after a string left
        open, any occurrence of it counts."""
        word = word.upper()
        return word in self.words or (not self.clean and word in self.rest.upper())


def keywords(sparql: str) -> Keywords:
    words: list[str] = []
    for match in _TOKEN.finditer(sparql):
        kind = match.lastgroup
        if kind == "word":
            words.append(match.group().upper())
        elif kind == "open":
            return Keywords(tuple(words), False, sparql[match.start():])
    return Keywords(tuple(words), True)


def query_form(sparql: str) -> str | None:
    """'select', 'ask', 'construct', 'describe', 'update' (the first keyword after BASE and
    PREFIX starts an update operation) or None (not a query the engine could parse anyway)."""
    first = next((w for w in keywords(sparql).words if w not in ("BASE", "PREFIX")), None)
    if first in UPDATE_WORDS:
        return "update"
    return QUERY_FORMS.get(first or "")


def uses_service(sparql: str) -> bool:
    """True if the query calls another endpoint (the SERVICE keyword), or may."""
    return keywords(sparql).has("SERVICE")


def names_dataset(sparql: str) -> bool:
    """True if the query names its own dataset (FROM or FROM NAMED): then the store answers
    over the graphs it names, not over the union of all articles."""
    return keywords(sparql).has("FROM")


SERVICE_REFUSED = ("SERVICE is refused: newsprov does not call other endpoints from a query "
                   "unless told to")


def iri(value: str) -> str:
    """``value`` as an IRI term (``<value>``); InputError if it is not an absolute IRI that
    SPARQL can hold as it is."""
    if not isinstance(value, str) or not _IRI_VALUE.fullmatch(value) or not _SCHEME.match(value):
        shown = value if isinstance(value, str) and len(value) <= 80 else f"{str(value)[:77]}..."
        raise InputError(f"{shown!r} is not an IRI (an absolute IRI has no spaces, quotes, "
                         f"angle brackets, braces, |, ^, ` or backslashes)")
    return f"<{value}>"


def iris(values) -> str:
    """Terms for a VALUES block: each checked by :func:`iri`."""
    return " ".join(iri(v) for v in values)


_LITERAL_ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t", "\b": "\\b", "\f": "\\f"}
_LITERAL_SPECIAL = re.compile(r'[\\"\n\r\t\b\f]')


def literal(value: str, datatype: str | None = None) -> str:
    """``value`` as a string literal, every quote, backslash and line break escaped; typed
    with ``datatype`` (an IRI, checked) if given."""
    text = '"' + _LITERAL_SPECIAL.sub(lambda m: _LITERAL_ESCAPES[m.group()], value) + '"'
    return text + ("^^" + iri(datatype) if datatype else "")


_SLASHED_REST = re.compile(r"(?:/[\w.\-]++)++(?![\w.\-]*+:)")


def syntax_hint(sparql: str) -> str:
    """A hint for a common mistake the parser's message does not name: a prefixed name with
    a slash (``npid:entity/uk-mod``), which SPARQL reads as the name ``npid:entity`` and a
    path. '' if there is none. Read with the same linear tokens as :func:`keywords` (a path
    of prefixed names, ``schema:publisher/rdfs:label``, is SPARQL and gets no hint)."""
    for match in _TOKEN.finditer(sparql):
        kind = match.lastgroup
        if kind == "open":
            break
        if kind != "pname" or ":" not in match.group():
            continue
        rest = _SLASHED_REST.match(sparql, match.end())
        if rest:
            name, local = match.group(), sparql[match.end():rest.end()]
            prefix = name.split(":", 1)[0]
            escaped = (name.split(":", 1)[1] + local).replace("/", "\\/")
            return (f"; a prefixed name cannot hold '/': write {prefix}:{escaped} or the whole IRI in <...> "
                    f"(SPARQL read {name} and then a path)")
    return ""
