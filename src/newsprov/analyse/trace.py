"""Trace a figure (or a claim) in every article to the root of its attribution chain."""
from __future__ import annotations

import re

from ..errors import InputError, NotFoundError
from ..extract.figures import words_to_number
from ..graph.base import Store
from ..graph.sparql import iri, literal
from ..graph.vocab import NS
from ..model import decimal_text
from .corrections import apply_to_occurrences, read_corrections
from .links import REASON_LABELS, compared
from .network import _values, attribution_graph, chain_of, entity_labels, source_of
from .reference import matches_of
from .scope import Scope

XSD_DECIMAL = "http://www.w3.org/2001/XMLSchema#decimal"


def parse_figure(text: str) -> float:
    """'1556', '1,556', '1 556', '1.2 million', 'half a million' -> a number."""
    cleaned = text.strip().lower().replace("\u00a0", " ")
    match = re.fullmatch(r"([0-9][0-9, ]*(?:\.[0-9]+)?)\s*(thousand|million|billion|k|m|bn)?", cleaned)
    if match:
        value = float(match.group(1).replace(",", "").replace(" ", ""))
        scale = {"thousand": 1e3, "k": 1e3, "million": 1e6, "m": 1e6, "billion": 1e9, "bn": 1e9}
        return value * scale.get(match.group(2) or "", 1)
    value = words_to_number(cleaned)
    if value is None:
        raise InputError(f"{text!r} is neither a figure (like 1556, 1,556 or 1.2 million) nor a claim IRI")
    return value


def trace_claims(store: Store, claims: list[str], scope: Scope = Scope()) -> list[dict]:
    """The occurrences of the given claims' figures (those in ``scope``), as ``trace`` gives them."""
    if not claims:
        return []
    return trace(store, "", where=f"VALUES ?claim {{ {_values(claims)} }} ?claim np:hasFigure ?figure .", scope=scope)


def trace(store: Store, figure_or_claim: str, article: str | None = None, where: str | None = None,
          scope: Scope = Scope()) -> list[dict]:
    """Every occurrence of a figure (or a claim's figures) in the articles and figures in ``scope``,
    with its chain, probable roots and reference matches."""
    if where:
        missing = "none of the claims has a figure"
    elif figure_or_claim.startswith(("http://", "https://")):
        where = f"BIND({iri(figure_or_claim)} AS ?claim) ?claim np:hasFigure ?figure ."
        missing = f"no claim {figure_or_claim} with a figure in the store"
    else:
        value = parse_figure(figure_or_claim)
        # the value as a term (an index lookup), in the lexical form the graph builder writes
        where = f"?figure schema:value {literal(decimal_text(value), XSD_DECIMAL)} . ?claim np:hasFigure ?figure ."
        missing = f"the figure {figure_or_claim} does not occur in any ingested article"
    scope = scope.resolve(store)
    rows = _occurrences(store, f"{where} {scope.figure_where('?figure', '?claim')}")
    if article:
        rows = [r for r in rows if article in (r["aid"], r["file"], r["article"]) or (r["file"] or "").startswith(article)]
    if not rows and scope and store.select(f"{_PREFIXES} SELECT ?figure WHERE {{ {where} }} LIMIT 1"):
        raise NotFoundError(scope.excluded(f"every occurrence of {figure_or_claim or 'the claims'}"))
    if not rows:
        raise NotFoundError(missing + (f" in article {article}" if article else ""))
    rows.sort(key=lambda r: (r["published"] or "", r["file"] or r["aid"], int(r["begin"])))
    graph = attribution_graph(store, sorted({r["claim"] for r in rows}))
    inferred = inferred_roots(store, sorted({r["figure"] for r in rows}), scope)
    reference = matches_of(store, sorted({r["figure"] for r in rows}))
    result = []
    for row in rows:
        chain = []
        for hop in chain_of(graph, row["claim"]):
            agent = source_of(graph, hop)
            node = graph.nodes[agent]
            chain.append({
                "source": {"label": node["label"], "entity": agent, "type": node["type"]},
                "cue": graph.nodes[hop]["cue"], "speech": graph.nodes[hop]["speech"], "inferred": False,
                # 'stated' in the claim's sentence, or 'article-level' with the sentence that establishes it
                "basis": graph.nodes[hop]["basis"], "established_by": graph.nodes[hop]["established"],
            })
        if chain:
            last = chain[-1]["source"]
            root = {"label": last["label"], "entity": last["entity"],
                    "status": "vague" if last["type"] in ("VagueSource", "UntypedEntity") else "named"}
        else:
            root = {"label": None, "entity": None, "status": "unattributed"}
        result.append({
            "article": {"id": row["aid"], "iri": row["article"], "source_file": row["file"],
                        "publisher": row["plabel"], "published": row["published"]},
            "claim": {"id": row["claim"], "text": row["ctext"]},
            "figure": {"iri": row["figure"], "text": row["ftext"], "value": float(row["value"]), "qualifier": row["qualifier"].rsplit("#", 1)[-1],
                       "measure": row["measure"], "period": row["period"]},
            "chain": chain,
            "root": root,
            # probable roots of a figure printed with no source: never part of the stated chain
            "inferred_roots": inferred.get(row["figure"], []) if not chain else [],
            # the figure found in a reference series: its date, primary source and how the article credits it
            "reference": reference.get(row["figure"], []),
        })
    return apply_to_occurrences(store, result)


def orphaned_corrections(store: Store, figure_or_claim: str) -> list[dict]:
    """The corrections made on this figure (or claim) whose claim's text is no longer in the store."""
    orphans = [c for c in read_corrections(store) if c.claim_now is None]
    if figure_or_claim.startswith(("http://", "https://")):
        return [c.summary() for c in orphans if c.claim == figure_or_claim]
    value = parse_figure(figure_or_claim)
    found = []
    for c in orphans:
        try:
            if any(parse_figure(text) == value for text in c.figures):
                found.append({**c.summary(), "figures": list(c.figures), "article": c.article})
        except InputError:
            continue
    return found


_PREFIXES = f"""PREFIX np: <{NS}> PREFIX schema: <https://schema.org/> PREFIX prov: <http://www.w3.org/ns/prov#>
    PREFIX nif: <http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#>"""


def _articles(store: Store, articles: list[str]) -> dict[str, dict]:
    """Article IRI -> its id, file, date, publisher and the publisher's label."""
    if not articles:
        return {}
    rows = store.select(f"""{_PREFIXES}
        SELECT ?article ?aid ?file ?published ?publisher WHERE {{
            VALUES ?article {{ {_values(articles)} }}
            ?article schema:identifier ?aid .
            OPTIONAL {{ ?article np:sourceFile ?file }}
            OPTIONAL {{ ?article schema:datePublished ?published }}
            OPTIONAL {{ ?article schema:publisher ?publisher }}
        }}""")
    labels = entity_labels(store, sorted({r["publisher"] for r in rows if r["publisher"]}))
    return {r["article"]: {**r, "plabel": labels[r["publisher"]][0] if r["publisher"] else None} for r in rows}


def _occurrences(store: Store, where: str) -> list[dict]:
    """The figures ``where`` selects, one row each with its claim and article, in three steps
    that each start from what the last one found (the store is one graph per article)."""
    found = store.select(f"{_PREFIXES} SELECT DISTINCT ?claim ?figure WHERE {{ {where} }}")
    if not found:
        return []
    # one small query per kind of fact, each starting from the figures (or claims) found: joined
    # in one query with its OPTIONALs, the store planned a scan of every span (32 s at 10,000 articles)
    figures = _values(sorted({r["figure"] for r in found}))
    claims = _values(sorted({r["claim"] for r in found}))
    facts = {r["figure"]: r for r in store.select(f"""{_PREFIXES}
        SELECT ?figure ?ftext ?value ?qualifier ?begin WHERE {{
            VALUES ?figure {{ {figures} }}
            ?figure nif:anchorOf ?ftext ; schema:value ?value ; np:qualifier ?qualifier ; nif:beginIndex ?begin .
        }}""")}
    optional = {name: {r["figure"]: r[name] for r in store.select(
        f"{_PREFIXES} SELECT ?figure ?{name} WHERE {{ VALUES ?figure {{ {figures} }} ?figure np:{name} ?{name} }}")}
        for name in ("measure", "period")}
    texts = {r["claim"]: r for r in store.select(f"""{_PREFIXES}
        SELECT ?claim ?ctext ?article WHERE {{ VALUES ?claim {{ {claims} }} ?claim nif:anchorOf ?ctext ; nif:referenceContext ?article }}""")}
    rows = [{"claim": r["claim"], **facts[r["figure"]], "measure": optional["measure"].get(r["figure"]),
             "period": optional["period"].get(r["figure"]), "ctext": texts[r["claim"]]["ctext"],
             "article": texts[r["claim"]]["article"]}
            for r in found if r["figure"] in facts and r["claim"] in texts]
    articles = _articles(store, sorted({r["article"] for r in rows}))
    for row in rows:
        meta = articles.get(row["article"], {})
        row.update(aid=meta.get("aid"), file=meta.get("file"), published=meta.get("published"),
                   publisher=meta.get("publisher"), plabel=meta.get("plabel"))
    return [r for r in rows if r["aid"] is not None]


def inferred_roots(store: Store, figures: list[str], scope: Scope = Scope()) -> dict[str, list[dict]]:
    """Figure IRI -> its claim's probable roots, best first, each with the link that supports it;
    a root whose evidence (the figure at the other end of the link) is outside ``scope`` is left out."""
    if not figures:
        return {}
    inferred = store.select(f"""{_PREFIXES}
        SELECT DISTINCT ?figure ?agent ?rank ?link WHERE {{
            VALUES ?figure {{ {_values(figures)} }}
            ?claim np:hasFigure ?figure ; np:inferredAttribution ?inferred .
            ?inferred prov:agent ?agent ; np:rank ?rank ; np:evidence ?link .
        }}""")
    if not inferred:
        return {}
    links = {r["link"]: r for r in store.select(f"""{_PREFIXES}
        SELECT DISTINCT ?link ?reason ?arithmetic ?drift ?from ?to ?subject ?measure ?time WHERE {{
            VALUES ?link {{ {_values(sorted({r["link"] for r in inferred}))} }}
            ?link np:linkReason ?reason ; np:arithmetic ?arithmetic ; np:drift ?drift ; np:fromFigure ?from ; np:toFigure ?to .
            OPTIONAL {{ ?link np:subjectComparison ?subject }} OPTIONAL {{ ?link np:measureComparison ?measure }}
            OPTIONAL {{ ?link np:timeComparison ?time }}
        }}""")}
    inferred = [r for r in inferred if r["link"] in links]
    for r in inferred:  # the figure at the other end of the link
        link = links[r["link"]]
        r["other"] = link["to"] if link["from"] == r["figure"] else link["from"]
    details = {r["other"]: r for r in store.select(f"""{_PREFIXES}
        SELECT DISTINCT ?other ?otext ?ovalue ?article WHERE {{
            VALUES ?other {{ {_values(sorted({r["other"] for r in inferred}))} }}
            ?other nif:anchorOf ?otext ; schema:value ?ovalue . ?oclaim np:hasFigure ?other ; nif:referenceContext ?article .
            {scope.where("?article", "?other")}
        }}""")}
    articles = _articles(store, sorted({d["article"] for d in details.values()}))
    agents = entity_labels(store, sorted({r["agent"] for r in inferred}))
    rows = []
    for r in inferred:
        link, detail = links[r["link"]], details.get(r["other"])
        if detail is None:
            continue
        meta = articles.get(detail["article"], {})
        label, type_ = agents[r["agent"]]
        rows.append({**r, "label": label, "type": NS + type_ if type_ else None, "reason": link["reason"],
                     "arithmetic": link["arithmetic"], "drift": link["drift"], "compared": compared(link),
                     "otext": detail["otext"],
                     "ovalue": detail["ovalue"], "aid": meta.get("aid"), "file": meta.get("file"),
                     "plabel": meta.get("plabel"), "published": meta.get("published")})
    found: dict[str, list[dict]] = {}
    seen = set()
    for row in sorted(rows, key=lambda r: (r["figure"], int(r["rank"]), r["type"] or "", r["label"] or "", r["plabel"] or "")):
        if (row["figure"], row["rank"]) in seen:
            continue  # one row per probable root, whatever the store holds
        seen.add((row["figure"], row["rank"]))
        found.setdefault(row["figure"], []).append({
            "source": {"label": row["label"] or row["agent"], "entity": row["agent"],
                       "type": (row["type"] or "").rsplit("#", 1)[-1]},
            "inferred": True,
            "rank": int(row["rank"]),
            "evidence": {
                "reason": REASON_LABELS.get(row["reason"].rsplit("#", 1)[-1], row["reason"]),
                "arithmetic": row["arithmetic"], "drift": float(row["drift"]), "compared": row["compared"],
                "figure": {"text": row["otext"], "value": float(row["ovalue"])},
                "article": {"id": row["aid"], "source_file": row["file"], "publisher": row["plabel"],
                            "published": row["published"]},
            },
        })
    return found
