"""The JSON contract of `newsprov extract`: fields may be added, never renamed."""
from __future__ import annotations

from .ids import entity_iri
from .model import Extraction, qualifier_name


def extraction_json(x: Extraction) -> dict:
    by_id = {a.id: a for a in x.attributions}
    return {
        "article": {"id": x.article.id, "source_file": x.article.source_file,
                    "publisher": x.article.publisher, "published": x.article.published,
                    "url": x.article.url, "title": x.article.title, "sha256": x.article.sha256},
        "entities": [{
            "id": e.key, "iri": entity_iri(e.key), "label": e.label, "type": e.type, "category": e.category,
            "wikidata": e.wikidata or None, "country": e.country or None, "known": e.known,
            "mentions": [s.as_dict() for s in e.mentions],
        } for e in x.entities],
        "claims": [{
            "id": c.id, "text": c.span.text, "start": c.span.start, "end": c.span.end,
            "figures": [{
                "text": f.span.text, "start": f.span.start, "end": f.span.end, "value": f.value,
                "value_max": f.value_max, "qualifier": qualifier_name(f.qualifier), "unit": f.unit or None,
                "measure": f.measure or None, "period": f.period or None,
                "subject": f.subject or None, "subject_entity": f.subject_entity or None,
                "period_kind": f.period_kind or None, "period_start": f.period_start or None,
                "period_end": f.period_end or None,
            } for f in c.figures],
            "attributions": list(c.attributions),
        } for c in x.claims],
        "attributions": [{
            "id": a.id,
            "source": {"label": a.source.label, "entity": a.source.key, "type": a.source.type,
                       "text": a.source_span.text, "start": a.source_span.start, "end": a.source_span.end},
            "cue": a.cue.as_dict() if a.cue else None,
            "content": {"start": a.content.start, "end": a.content.end} if a.content else None,
            "kind": a.kind,
            "via": a.via if a.via in by_id else None,
            "basis": a.basis,
            "evidence": a.evidence.as_dict() if a.evidence else None,
        } for a in x.attributions],
    }
