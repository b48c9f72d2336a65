"""Universal Dependencies (CoNLL-U) plus Universal NER (IOB2) -> spaCy's binary training files.

One Doc per treebank sentence, with the treebank's own words (multiword tokens
such as "don't" give their syntactic words "do" and "n't", as spaCy's English
tokenizer splits them), fine tags (XPOS), lemmas, heads and relations (with
their subtypes: nsubj:pass, obl:agent and nmod:poss are what attribution reads)
and the PER, ORG and LOC entities of Universal NER on the same sentence,
matched by ``sent_id``. Universal NER's OTH (other names) is left out: the
recogniser is trained for the three types newsprov types from.

    python training/convert.py ../shared/ud training/corpus
"""
from __future__ import annotations

import sys
from pathlib import Path

ENTITY_TYPES = {"PER", "ORG", "LOC"}
SPLITS = ("train", "dev", "test")


def _blocks(path: Path):
    """(sent_id, rows) per sentence of a CoNLL-style file: its ``# sent_id`` and its tab-split word lines."""
    sent_id, rows = None, []
    with path.open(encoding="utf-8") as lines:
        for line in lines:
            line = line.rstrip("\n")
            if line.startswith("# sent_id = "):
                sent_id = line[len("# sent_id = "):].strip()
            elif not line:
                if rows or sent_id is not None:
                    yield sent_id, rows
                sent_id, rows = None, []
            elif not line.startswith("#"):
                rows.append(line.split("\t"))
    if rows or sent_id is not None:
        yield sent_id, rows


def read_conllu(path: Path):
    """(sent_id, words) per sentence; each word a dict of form, lemma, tag, head, dep, space."""
    for sent_id, rows in _blocks(path):
        words, mwt_end, mwt_space = [], 0, True
        for cols in rows:
            if "." in cols[0]:
                continue  # an empty node of the enhanced graph
            if "-" in cols[0]:  # a multiword token: its words carry no space between them
                mwt_end = int(cols[0].split("-")[1])
                mwt_space = "SpaceAfter=No" not in cols[9]
                continue
            index = int(cols[0])
            space = "SpaceAfter=No" not in cols[9]
            if index < mwt_end:
                space = False
            elif index == mwt_end:
                space = mwt_space
            words.append({"form": cols[1], "lemma": cols[2], "tag": cols[4], "head": int(cols[6]),
                          "dep": cols[7], "space": space})
        if words:
            yield sent_id, words


def read_iob2(path: Path) -> dict[str, list[str]]:
    """sent_id -> one BIO tag per word."""
    return {sent_id: [cols[2] for cols in rows] for sent_id, rows in _blocks(path) if sent_id is not None}


def entities_of(bio: list[str]) -> list[str]:
    """Keep PER, ORG and LOC; anything else (OTH, a stray 'B-O') becomes outside."""
    result = []
    for tag in bio:
        kind = tag[2:] if tag[:2] in ("B-", "I-") else ""
        if kind not in ENTITY_TYPES:
            result.append("O")
        elif tag.startswith("I-") and result and result[-1] != "O" and result[-1][2:] == kind:
            result.append(tag)
        else:
            result.append("B-" + kind)
    return result


def convert(ud: Path, out: Path) -> dict[str, int]:
    import spacy
    from spacy.tokens import Doc, DocBin

    nlp = spacy.blank("en")
    out.mkdir(parents=True, exist_ok=True)
    counts = {}
    for split in SPLITS:
        entities = read_iob2(ud / f"uner_en_ewt-ud-{split}.iob2")
        bin_ = DocBin(attrs=["ORTH", "TAG", "LEMMA", "HEAD", "DEP", "SENT_START", "ENT_IOB", "ENT_TYPE"],
                      store_user_data=False)
        n = 0
        for sent_id, words in read_conllu(ud / f"en_ewt-ud-{split}.conllu"):
            bio = entities.get(sent_id)
            if bio is not None and len(bio) != len(words):
                bio = None  # tokenised differently: the sentence trains the syntax, not the entities
            heads = [w["head"] - 1 if w["head"] else i for i, w in enumerate(words)]
            deps = ["ROOT" if w["dep"] == "root" else w["dep"] for w in words]
            doc = Doc(nlp.vocab, words=[w["form"] for w in words], spaces=[w["space"] for w in words],
                      tags=[w["tag"] for w in words], lemmas=[w["lemma"] for w in words],
                      heads=heads, deps=deps, sent_starts=[i == 0 for i in range(len(words))],
                      ents=entities_of(bio) if bio is not None else None)
            bin_.add(doc)
            n += 1
        bin_.to_disk(out / f"{split}.spacy")
        counts[split] = n
    return counts


if __name__ == "__main__":
    print(convert(Path(sys.argv[1]), Path(sys.argv[2])))
