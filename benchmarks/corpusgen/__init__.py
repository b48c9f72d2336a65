"""Generate a synthetic news corpus about the war in Ukraine, with its own gold.

    python benchmarks/corpus_gen.py --articles 10000 --out /tmp/corpus [--seed 0]
    PYTHONPATH=benchmarks python -m corpusgen --articles 10000 --out /tmp/corpus

or, from Python, ``corpusgen.generate(n, out_dir, seed)`` and ``corpusgen.article(seed, index)``
(tests and ``bench_scale.py`` put ``benchmarks/`` on the path and import it).
The tables it writes from (places, names, sources, claims, sentence frames, figure kinds) are data
in ``tables/*.json``; the gazetteer, hedges and number words are the project's own, read through
its loaders, so the generator and the extractor cannot disagree about them.

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

from .__main__ import main
from .generator import article, generate

__all__ = ["article", "generate", "main"]
