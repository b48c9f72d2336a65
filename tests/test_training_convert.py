"""training/convert.py: the treebank and its entities become spaCy training documents, word for word.

The two sentences below are written for the test in the treebank's formats (CoNLL-U and IOB2)."""
from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

CONLLU = """\
# sent_id = t-0001
# text = Mayor Ines Vallejo didn't sign it.
1\tMayor\tmayor\tPROPN\tNNP\t_\t3\tcompound\t_\t_
2\tInes\tInes\tPROPN\tNNP\t_\t3\tcompound\t_\t_
3\tVallejo\tVallejo\tPROPN\tNNP\t_\t6\tnsubj\t_\t_
4-5\tdidn't\t_\t_\t_\t_\t_\t_\t_\t_
4\tdid\tdo\tAUX\tVBD\t_\t6\taux\t_\t_
5\tn't\tnot\tPART\tRB\t_\t6\tadvmod\t_\t_
6\tsign\tsign\tVERB\tVB\t_\t0\troot\t_\t_
7\tit\tit\tPRON\tPRP\t_\t6\tobj\t_\tSpaceAfter=No
8\t.\t.\tPUNCT\t.\t_\t6\tpunct\t_\t_

# sent_id = t-0002
# text = It was reported by Harwick Council.
1\tIt\tit\tPRON\tPRP\t_\t3\tnsubj:pass\t_\t_
2\twas\tbe\tAUX\tVBD\t_\t3\taux:pass\t_\t_
3\treported\treport\tVERB\tVBN\t_\t0\troot\t_\t_
4\tby\tby\tADP\tIN\t_\t6\tcase\t_\t_
5\tHarwick\tHarwick\tPROPN\tNNP\t_\t6\tcompound\t_\t_
6\tCouncil\tCouncil\tPROPN\tNNP\t_\t3\tobl:agent\t_\tSpaceAfter=No
7\t.\t.\tPUNCT\t.\t_\t3\tpunct\t_\t_

"""

IOB2 = """\
# sent_id = t-0001
1\tMayor\tO
2\tInes\tB-PER
3\tVallejo\tI-PER
4\tdid\tO
5\tn't\tO
6\tsign\tO
7\tit\tO
8\t.\tO

# sent_id = t-0002
1\tIt\tO
2\twas\tO
3\treported\tO
4\tby\tO
5\tHarwick\tB-OTH
6\tCouncil\tI-ORG
7\t.\tO

"""


def _convert_module():
    spec = importlib.util.spec_from_file_location("newsprov_training_convert", ROOT / "training" / "convert.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def test_treebank_and_entities_become_training_documents(tmp_path):
    import spacy
    from spacy.tokens import DocBin

    ud = tmp_path / "ud"
    ud.mkdir()
    for split in ("train", "dev", "test"):
        (ud / f"en_ewt-ud-{split}.conllu").write_text(CONLLU, encoding="utf-8")
        (ud / f"uner_en_ewt-ud-{split}.iob2").write_text(IOB2, encoding="utf-8")
    counts = _convert_module().convert(ud, tmp_path / "corpus")
    assert counts == {"train": 2, "dev": 2, "test": 2}

    vocab = spacy.blank("en").vocab
    first, second = DocBin().from_disk(tmp_path / "corpus" / "dev.spacy").get_docs(vocab)
    # the multiword token gives its syntactic words, with no space between them, and the text reads back
    assert [t.text for t in first] == ["Mayor", "Ines", "Vallejo", "did", "n't", "sign", "it", "."]
    assert first.text.rstrip() == "Mayor Ines Vallejo didn't sign it."
    assert [t.tag_ for t in first][3:6] == ["VBD", "RB", "VB"]
    assert first[5].dep_ == "ROOT" and first[2].head.i == 5 and first[2].dep_ == "nsubj"
    assert [(e.text, e.label_) for e in first.ents] == [("Ines Vallejo", "PER")]
    # relation subtypes are kept; OTH is dropped and an I- tag after it starts its own entity
    assert second[5].dep_ == "obl:agent" and second[0].dep_ == "nsubj:pass"
    assert [(e.text, e.label_) for e in second.ents] == [("Council", "ORG")]
