"""The IRIs newsprov mints, as plain strings: naming a thing needs no RDF library."""
from __future__ import annotations

import re

ID_BASE = "https://w3id.org/newsprov/id/"


def article_iri(article_id: str) -> str:
    return f"{ID_BASE}article/{article_id}"


def entity_iri(key: str) -> str:
    return ID_BASE + "entity/" + re.sub(r"[^A-Za-z0-9/_.-]", "-", key)


CORRECTIONS_GRAPH = f"{ID_BASE}graph/corrections"


def correction_iri(correction_id: str) -> str:
    return f"{ID_BASE}correction/{correction_id}"


def person_iri(name: str) -> str:
    """The person who made a correction, named by a slug of the name they gave."""
    return ID_BASE + "person/" + (re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-") or "someone")
