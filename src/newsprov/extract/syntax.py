"""The syntactic model: tags, lemmas, dependency trees and named entities per sentence.

The model is a spaCy pipeline trained by ``make model`` (training/) on the
Universal Dependencies English Web Treebank and Universal NER, shipped inside
the package (``extract/model/``) and loaded once per process. Nothing is
downloaded.

Each sentence of the article becomes a Doc of its own. The tagger, lemmatiser
and recogniser read every sentence; the parser, the costliest step, reads only
the sentences a caller asks for (those with a cue of attribution), and takes
the token vectors the shared encoder already computed for them.
"""
from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Callable

from ..errors import NewsprovError
from ..model import Span

MODEL_DIR = Path(__file__).resolve().parent / "model"
MODEL_NAME = "newsprov_ud_en"
MODEL_VERSION = "1.0.0"  # the model this code is written for; training/train.py stamps it
MODEL_ENV = "NEWSPROV_MODEL"  # a folder with another trained model, for experiments
TAGGING = ("tok2vec", "tagger", "ner")  # no lemmatiser: cue words are found by their forms (attribution.Lemmas)
LONGEST_PARSED = 250  # tokens: a longer 'sentence' is a table or a list, parsed by no one
LONGEST_RUN = 500  # characters without a space read by the tokenizer at once; no word or link is longer
LONGEST_TAGGED = 2_000  # tokens tagged as one doc: a longer 'sentence' (a table, a run of marks) is tagged in pieces
BATCH_TOKENS = 20_000  # tokens the model reads in one batch: its memory grows by some ten kilobytes a token
_RUN = re.compile(r"\S+")
_SPACES = re.compile(r"\s*")


def _in_batches(component, docs: list) -> list:
    """The docs through one component of the model, in batches of at most ``BATCH_TOKENS`` tokens."""
    done, batch, size = [], [], 0
    for doc in [*docs, None]:
        if batch and (doc is None or size + len(doc) > BATCH_TOKENS):
            done.extend(component.pipe(batch, batch_size=len(batch)))
            batch, size = [], 0
        if doc is not None:
            batch.append(doc)
            size += len(doc)
    return done


class ModelError(NewsprovError):
    """The shipped model is missing or cannot be read."""


@dataclass
class Sentence:
    """One sentence as the model read it; ``offset`` maps a token's ``idx`` into the article."""

    span: Span
    doc: object  # spacy.tokens.Doc
    parsed: bool

    @property
    def offset(self) -> int:
        return self.span.start

    def start(self, token) -> int:
        return self.span.start + token.idx

    def end(self, token) -> int:
        return self.span.start + token.idx + len(token.text)

    def extent(self, tokens) -> tuple[int, int]:
        """Article offsets from the first to the last of ``tokens``."""
        tokens = list(tokens)
        return self.start(min(tokens, key=lambda t: t.i)), self.end(max(tokens, key=lambda t: t.i))


def model_path() -> Path:
    return Path(os.environ.get(MODEL_ENV) or MODEL_DIR)


def model_meta(path: Path | None = None) -> dict:
    """The model's name, version and scores as recorded when it was trained."""
    path = path or model_path()
    try:
        return json.loads((path / "meta.json").read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise ModelError(f"{path}: no readable meta.json ({exc}); reinstall newsprov or run 'make model'") from None


@cache
def load_model(path: str | None = None):
    """The spaCy pipeline, loaded once per process and path."""
    import spacy  # lazily: commands that never extract never pay for it

    location = Path(path) if path else model_path()
    if not (location / "config.cfg").is_file():
        raise ModelError(f"{location}: the syntactic model is missing; reinstall newsprov or run 'make model'")
    try:
        return spacy.load(location)
    except (OSError, ValueError) as exc:
        raise ModelError(f"{location}: the syntactic model cannot be loaded ({exc})") from None


class Syntax:
    """Runs the model over an article's sentences."""

    def __init__(self, path: str | None = None, abbreviations=()):
        self.nlp = load_model(path)
        for word in abbreviations:  # 'Lt.', 'Col.', 'Sen.': a title's full stop ends no sentence and no name
            if word.endswith(".") and len(word) > 1 and " " not in word:
                self.nlp.tokenizer.add_special_case(word, [{"ORTH": word}])
        self.tagging = [self.nlp.get_pipe(name) for name in TAGGING if name in self.nlp.pipe_names]
        self.parser = self.nlp.get_pipe("parser")

    def analyse(self, norm: str, sentences: list[Span], wants_parse: Callable[[object], bool],
                recase: Callable[[str], str] | None = None) -> list[Sentence]:
        """Tags, lemmas and entities for every sentence; a parse for those ``wants_parse`` accepts.

        The model reads batches of at most ``BATCH_TOKENS`` tokens, and a sentence longer than
        ``LONGEST_TAGGED`` tokens in pieces of that length whose docs are joined again: the memory
        it takes grows with the tokens it reads at once, and a 'sentence' of 460,000 quotation marks
        read whole took 4.6 GB."""
        from spacy.tokens import Doc  # lazily: spaCy is loaded with the model

        texts = [norm[s.start:s.end] for s in sentences]
        if recase is not None:  # same length, same offsets: only the case of some letters may change
            texts = [recase(text) for text in texts]
        docs = [self.make_doc(text) for text in texts]
        pieces = [[doc] if len(doc) <= LONGEST_TAGGED else
                  [doc[i:i + LONGEST_TAGGED].as_doc() for i in range(0, len(doc), LONGEST_TAGGED)] for doc in docs]
        tagged = [piece for group in pieces for piece in group]
        for component in self.tagging:
            tagged = _in_batches(component, tagged)
        docs, at = [], 0
        for group in pieces:
            docs.append(tagged[at] if len(group) == 1 else Doc.from_docs(tagged[at:at + len(group)], ensure_whitespace=False))
            at += len(group)
        chosen = [d for d in docs if len(d) <= LONGEST_PARSED and wants_parse(d)]
        _in_batches(self.parser, chosen)
        picked = {id(d) for d in chosen}
        return [Sentence(span, doc, id(doc) in picked) for span, doc in zip(sentences, docs)]

    def make_doc(self, text: str):
        """The text as the model's tokens.

        spaCy's tokenizer reads a run of characters without a space in time that grows with the
        square of its length: after each prefix or suffix it splits off, it searches the whole rest
        of the run for the next suffix, so a line of 8,000 quotation marks or brackets took 27 s.
        A run longer than ``LONGEST_RUN`` is therefore read in pieces of that length, each alone,
        and the pieces' docs are joined into one whose text is the sentence's, offsets included.
        The tokenizer reads each run between spaces on its own anyway, so every other run gets
        the tokens it always had.
        """
        if len(text) <= LONGEST_RUN or max(map(len, text.split())) <= LONGEST_RUN:
            return self.nlp.make_doc(text)
        from spacy.tokens import Doc  # lazily: spaCy is loaded with the model

        cuts = []
        for run in _RUN.finditer(text):
            if run.end() - run.start() > LONGEST_RUN:
                cuts.extend(range(run.start(), run.end(), LONGEST_RUN))
                cuts.append(_SPACES.match(text, run.end()).end())  # the spaces after the run stay with it
        bounds = sorted(set([0, *cuts, len(text)]))
        pieces = [self.nlp.make_doc(text[start:end]) for start, end in zip(bounds, bounds[1:])]
        return Doc.from_docs(pieces, ensure_whitespace=False)
