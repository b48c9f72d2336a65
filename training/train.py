"""Train, score and package newsprov's syntactic model: ``make model``.

    python training/train.py --ud ../shared/ud

1. converts the Universal Dependencies English Web Treebank and Universal NER
   (read from ``--ud``, never copied into the project) to spaCy's binary files
   under ``training/corpus/`` (ignored by git);
2. trains the pipeline of ``training/config.cfg`` (a shared CNN encoder, tagger,
   edit-tree lemmatiser, transition-based dependency parser and entity
   recogniser) with ``spacy train``, keeping the best model on the dev split;
3. scores that model on the treebank's test split (tags, lemmas, UAS, LAS,
   entities per type), which training never saw;
4. writes it to ``src/newsprov/extract/model/`` with its name, version,
   licence, sources and both scores in ``meta.json``, and the licence notice
   the treebank asks for beside it.

``--out`` writes the model elsewhere (to compare before replacing the shipped one);
``--steps`` shortens a trial run. Training takes about two hours on two cores.
"""
from __future__ import annotations

import argparse
import json
import shutil
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

from convert import convert  # noqa: E402
from newsprov.extract.syntax import MODEL_DIR as SHIPPED, MODEL_NAME, MODEL_VERSION  # noqa: E402
KEPT_SCORES = ("tag_acc", "lemma_acc", "dep_uas", "dep_las", "ents_p", "ents_r", "ents_f", "ents_per_type",
               "dep_las_per_type", "sents_f", "speed")
LICENCE = """newsprov's syntactic model (newsprov_ud_en) is trained on

- Universal Dependencies English Web Treebank (UD_English-EWT), by Natalia
  Silveira, Timothy Dozat, Marie-Catherine de Marneffe, Samuel Bowman, Miriam
  Connor, John Bauer, Christopher D. Manning and the UD contributors; and
- Universal NER's English EWT annotation (Mayhew et al., "Universal NER: A
  Gold-Standard Multilingual Named Entity Recognition Benchmark", NAACL 2024),

both under the Creative Commons Attribution-ShareAlike 4.0 International licence
(https://creativecommons.org/licenses/by-sa/4.0/). The model's weights are
shared under the same licence. newsprov's code is under the MIT licence.
Changes: the treebank's sentences were converted to spaCy's format, Universal
NER's OTH entities were left out, and a tagger, lemmatiser, parser and entity
recogniser were trained on the result by training/train.py.
"""


def score(model: Path, data: Path) -> dict:
    from spacy.cli.evaluate import evaluate

    scores = evaluate(str(model), data, silent=True)
    return {k: _rounded(v) for k, v in scores.items() if k in KEPT_SCORES}


def _rounded(value):
    if isinstance(value, dict):
        return {k: _rounded(v) for k, v in value.items()}
    return round(value, 4) if isinstance(value, float) else value


UNUSED = ("trainable_lemmatizer",)  # trained beside the others (it shares their encoder); newsprov reads lemmas from forms


def strip(best: Path, into: Path) -> Path:
    """The best model without the components newsprov does not run, written to ``into``."""
    import spacy

    nlp = spacy.load(best)
    for name in UNUSED:
        if name in nlp.pipe_names:
            nlp.remove_pipe(name)
    if into.exists():
        shutil.rmtree(into)
    nlp.to_disk(into)
    return into


def package(best: Path, out: Path, dev: dict, test: dict, seconds: float | None, config: Path) -> None:
    meta = json.loads((best / "meta.json").read_text(encoding="utf-8"))
    meta.update({
        "name": MODEL_NAME,
        "version": MODEL_VERSION,
        "description": "Tagger (Penn tags), lemmatiser, UD dependency parser and PER/ORG/LOC recogniser "
                       "for newsprov's attribution and entity steps",
        "license": "CC BY-SA 4.0",
        "author": "newsprov",
        "sources": [
            {"name": "Universal Dependencies English Web Treebank (UD_English-EWT) v2.16",
             "url": "https://github.com/UniversalDependencies/UD_English-EWT", "license": "CC BY-SA 4.0"},
            {"name": "Universal NER, English EWT", "url": "https://github.com/UniversalNER/UNER_English-EWT",
             "license": "CC BY-SA 4.0"},
        ],
        "performance": dev,
        "newsprov": {"test_scores": test, "dev_scores": dev,
                     "training_seconds": round(seconds) if seconds is not None else None,
                     "config": config.name, "removed_components": list(UNUSED)},
    })
    if out.exists():
        shutil.rmtree(out)
    shutil.copytree(best, out)
    (out / "meta.json").write_text(json.dumps(meta, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    (out / "LICENSE").write_text(LICENCE, encoding="utf-8")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--ud", type=Path, default=ROOT.parent / "shared" / "ud",
                        help="folder with en_ewt-ud-*.conllu and uner_en_ewt-ud-*.iob2")
    parser.add_argument("--config", type=Path, default=HERE / "config.cfg")
    parser.add_argument("--out", type=Path, default=SHIPPED, help="where the packaged model goes")
    parser.add_argument("--work", type=Path, default=HERE / "output", help="spaCy's training output")
    parser.add_argument("--steps", type=int, default=None, help="stop after this many steps (a trial run)")
    parser.add_argument("--package-only", action="store_true",
                        help="score and package the model-best already in --work, without training again")
    args = parser.parse_args(argv)
    needed = [args.ud / f"en_ewt-ud-{s}.conllu" for s in ("train", "dev", "test")]
    missing = [str(p) for p in needed if not p.is_file()]
    if missing:
        print(f"train: the treebank is not at {args.ud} (missing {', '.join(missing)}); pass --ud", file=sys.stderr)
        return 2
    from spacy.cli.train import train

    corpus = HERE / "corpus"
    print("converting", convert(args.ud, corpus), file=sys.stderr)
    seconds = None
    if not args.package_only:
        overrides = {"paths.train": str(corpus / "train.spacy"), "paths.dev": str(corpus / "dev.spacy")}
        if args.steps:
            overrides["training.max_steps"] = args.steps
        started = time.time()
        train(args.config, args.work, overrides=overrides)
        seconds = time.time() - started
    best = strip(args.work / "model-best", args.work / "model-shipped")
    dev, test = score(best, corpus / "dev.spacy"), score(best, corpus / "test.spacy")
    package(best, args.out, dev, test, seconds, args.config)
    print(json.dumps({"test": {k: v for k, v in test.items() if not k.endswith("per_type")},
                      "ents_per_type": test.get("ents_per_type")}, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
