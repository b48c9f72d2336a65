"""Rows -> table | csv | json | jsonl. Data goes to stdout; messages go to stderr.

What is printed for people to read (tables, trace trees, reports) writes the bidi controls of
article text out as escapes (``shown``); csv and json carry the text as it is.
"""
from __future__ import annotations

import csv
import io
import json
import re

from .model import compared_text, outlet_label

# what a spreadsheet takes for the start of a formula (OWASP, CSV injection), and plain numbers
# (one, or a list as a cell lists several figures), which it reads as data whatever their sign
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = r"[+-]?(?:\d[\d,]*(?:\.\d+)?|\.\d+)(?:[eE][+-]?\d+)?"
PLAIN_NUMBERS = re.compile(rf"{_NUMBER}(?:; {_NUMBER})*")


def spreadsheet_safe(cell: str) -> str:
    """A CSV cell that a spreadsheet shows as text rather than running as a formula: a cell that
    starts like one ('=HYPERLINK(...)', '@SUM(...)', '+1+2') gets a leading single quote. A
    plain number ('-3.5', '+44', '-1,556', or '-3.5; 2' for several) is left alone: it is data,
    and runs nothing."""
    if cell.startswith(FORMULA_START) and not PLAIN_NUMBERS.fullmatch(cell):
        return "'" + cell
    return cell


def csv_cell(value) -> str:
    """A value as the project's CSV writes it: as in the table, and safe for a spreadsheet."""
    return spreadsheet_safe(_cell(value))


# the characters Unicode lists as Bidi_Control: printed as they are, an embedding, override or
# isolate in an article would reorder the rest of its line on the terminal, and what a reader
# takes for a source or a figure would not be what the text says
_BIDI_CONTROLS = "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
_ESCAPED = {ord(c): f"\\u{ord(c):04x}" for c in _BIDI_CONTROLS}


def shown(text: str) -> str:
    """Text for a terminal: each bidi control written out as its escape ('\\u202e')."""
    return text.translate(_ESCAPED)


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):  # as in JSON, so that a CSV and a JSON export read the same
        return "true" if value else "false"
    if isinstance(value, (list, tuple)):
        return "; ".join(_cell(v) for v in value)
    if isinstance(value, float) and value == int(value):
        return str(int(value))
    return str(value)


def render(rows: list[dict], fmt: str, columns: list[str] | None = None) -> str:
    columns = columns or (list(rows[0].keys()) if rows else [])
    if fmt == "json":
        return json.dumps(rows, indent=2, ensure_ascii=False)
    if fmt == "jsonl":
        return "\n".join(json.dumps(r, ensure_ascii=False) for r in rows)
    if fmt == "csv":
        return "\n".join(csv_lines([columns, *([csv_cell(row.get(c)) for c in columns] for row in rows)]))
    return table(rows, columns)


def csv_lines(rows) -> list[str]:
    """Each row as one CSV record, without its line end. The csv module quotes a cell holding a
    character of the line terminator only, so a lone carriage return would go out bare and split
    the record; written with '\\r\\n', then cut off, every record ends in a plain '\\n'."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    lines = []
    for row in rows:
        writer.writerow(row)
        lines.append(buffer.getvalue()[:-2])
        buffer.seek(0)
        buffer.truncate()
    return lines


def table(rows: list[dict], columns: list[str], max_width: int = 60) -> str:
    cells = [[" ".join(_cell(r.get(c)).split()) for c in columns] for r in rows]  # a line break would break the table
    cells = [[shown(v if len(v) <= max_width else v[: max_width - 1] + "…") for v in row] for row in cells]
    columns = [shown(c) for c in columns]
    widths = [max([len(c)] + [len(row[i]) for row in cells]) for i, c in enumerate(columns)]
    lines = ["  ".join(c.ljust(w) for c, w in zip(columns, widths)).rstrip(),
             "  ".join("-" * w for w in widths)]
    lines += ["  ".join(v.ljust(w) for v, w in zip(row, widths)).rstrip() for row in cells]
    return "\n".join(lines)


def trace_heading(occurrences: list[dict], query: str) -> str:
    """'1556: 2 occurrences in 2 articles'."""
    articles = {o["article"]["id"] for o in occurrences}
    return f"{query}: {_plural(len(occurrences), 'occurrence')} in {_plural(len(articles), 'article')}"


def trace_text(occurrences: list[dict], query: str) -> str:
    """An indented tree per occurrence, from the outlet to the root source."""
    lines = [trace_heading(occurrences, query)]
    for o in occurrences:
        a, f = o["article"], o["figure"]
        outlet = outlet_label(a["publisher"], a["source_file"], a["id"])
        lines.append("")
        where = [outlet, a["source_file"] or a["id"]] if a["publisher"] else [outlet]
        lines.append(" | ".join([*where, a["published"] or "undated"]))
        details = ", ".join(x for x in (f["qualifier"] if f["qualifier"] != "exact" else "", f["measure"], f["period"]) if x)
        lines.append(f"  figure: {f['text']}" + (f" ({details})" if details else ""))
        lines.append(f"  claim:  \"{_excerpt(o['claim']['text'], f['text'])}\"")
        lines.append(f"  {outlet}")
        indent = "  "
        if o["root"]["status"] == "rejected":
            lines.append(f"{indent}└─ (extracted chain rejected; no source known)  <= root: rejected")
        elif not o["chain"]:
            lines.append(f"{indent}└─ (no source given)  <= root: unattributed")
            for guess in o.get("inferred_roots", []):
                lines.append(f"{indent}   ?  probable root, INFERRED: {guess['source']['label']} [{guess['source']['type']}]"
                             f" — {evidence_text(guess['evidence'])}")
        for position, hop in enumerate(o["chain"]):
            cue = hop["cue"] or "?"
            marker = ""
            if position == len(o["chain"]) - 1:
                marker = f"  <= root ({o['root']['status']})"
            kind = hop["source"]["type"]
            if hop.get("basis") == "corrected":
                lines.append(f"{indent}└─ CORRECTED → {hop['source']['label']} [{kind or 'untyped'}]{marker}")
            else:
                basis = f"  (article-level: '{_clipped(hop.get('established_by'))}')" if hop.get("established_by") else ""
                lines.append(f"{indent}└─ {cue} → {hop['source']['label']} [{kind}, {hop['speech']}]{basis}{marker}")
            indent += "   "
        lines.extend(_correction_lines(o.get("correction")))
        for match in o.get("reference", []):
            lines.extend(_reference_lines(match))
    return shown("\n".join(lines))


def _clipped(sentence: str | None, words: int = 14) -> str:
    """The words that establish an article-level hop, cut short: 'The General Staff of Ukraine's Armed Forces announced ...'."""
    parts = (sentence or "").split()
    return " ".join(parts) if len(parts) <= words else " ".join(parts[:words]) + " ..."


def _correction_lines(correction: dict | None) -> list[str]:
    """Who judged the chain, when and why, and the extracted chain a correction set aside."""
    if not correction:
        return []
    what = {"replaced": "corrected", "confirmed": "confirmed", "rejected": "rejected"}[correction["verdict"]]
    lines = [f"  {what} by {correction['by']} on {correction['at'][:10]}: {correction['note']} [{correction['id']}]"]
    if correction["verdict"] != "confirmed":
        extracted = " → ".join(h["source"]["label"] for h in correction["extracted_chain"]) or "(no source given)"
        lines.append(f"  extracted, set aside: {extracted}")
    return lines


def evidence_text(e: dict) -> str:
    """Why a root is inferred, in one line: 'daily average of a monthly total: 48,240 / 31 = 1,556.1 (48,240 in GB News)'."""
    where = e["article"]["publisher"] or e["article"]["source_file"] or e["article"]["id"]
    checked = f"; {compared_text(e['compared'])}" if e.get("compared") else ""
    return f"{e['reason']}: {e['arithmetic']} ({e['figure']['text']} in {where}{checked})"


TRACE_COLUMNS = ["occurrence", "article", "article_iri", "source_file", "publisher", "published", "claim",
                 "figure", "figure_text", "figure_value", "qualifier", "measure", "period", "root_status",
                 "hop", "source", "source_iri", "source_type", "cue", "speech", "root", "inferred", "rank",
                 "evidence", "claim_text", "basis"]


def trace_rows(occurrences: list[dict]) -> list[dict]:
    """The occurrences of ``trace`` as rows, one per hop of each chain, outermost first (the
    last marked root). An occurrence with no source given has one row with no hop and no
    source, then one row per probable root (inferred, best rank first). Each row repeats its
    occurrence's number, article, figure and claim, so that the rows can be filtered alone."""
    rows = []
    columns = trace_columns(occurrences)
    for number, o in enumerate(occurrences, 1):
        a, f = o["article"], o["figure"]
        common = {"occurrence": number, "article": a["id"], "article_iri": a["iri"], "source_file": a["source_file"],
                  "publisher": a["publisher"], "published": a["published"], "claim": o["claim"]["id"],
                  "figure": f["iri"], "figure_text": f["text"], "figure_value": f["value"], "qualifier": f["qualifier"],
                  "measure": f["measure"], "period": f["period"], "root_status": o["root"]["status"],
                  "claim_text": o["claim"]["text"]}
        hops = [{"hop": position, "source": hop["source"]["label"], "source_iri": hop["source"]["entity"],
                 "source_type": hop["source"]["type"], "cue": hop["cue"], "speech": hop["speech"],
                 "root": position == len(o["chain"]), "inferred": False, "basis": hop.get("basis", "stated"),
                 "evidence": hop.get("established_by")}
                for position, hop in enumerate(o["chain"], 1)]
        if not hops:
            hops = [{"root": False, "inferred": False}]
            for guess in o.get("inferred_roots", []):
                hops.append({"source": guess["source"]["label"], "source_iri": guess["source"]["entity"],
                             "source_type": guess["source"]["type"], "root": False, "inferred": True,
                             "rank": guess["rank"], "evidence": evidence_text(guess["evidence"]),
                             "basis": "inferred"})
        if "correction" in o:  # a person's correction applies to one of the occurrences: say which rows it made
            c = o["correction"] or {}
            common.update(corrected_by=c.get("by"), corrected_at=c.get("at"), correction_note=c.get("note"),
                          correction=c.get("id"))
            for hop, stated in zip(hops, o["chain"] or [None]):
                hop["basis"] = stated["basis"] if stated else "rejected" if c.get("verdict") == "rejected" else None
            for hop in hops[1:] if not o["chain"] else ():
                hop["basis"] = "inferred"
        rows += [{column: {**common, **hop}.get(column) for column in columns} for hop in hops]
    return rows


TRACE_CORRECTION_COLUMNS = ["correction", "corrected_by", "corrected_at", "correction_note"]  # 'basis' is always there


def trace_columns(occurrences: list[dict]) -> list[str]:
    """The CSV columns: with the correction columns when a person's correction applies to an occurrence."""
    return TRACE_COLUMNS + TRACE_CORRECTION_COLUMNS if any("correction" in o for o in occurrences) else TRACE_COLUMNS


def _reference_lines(match: dict) -> list[str]:
    """A reference match: when and by whom the figure was first published, and how the article credits it."""
    what = match["arithmetic"] if match["date"] else f"{match['kind']} of {match['month']}: {match['arithmetic']}"
    lines = [f"  reference: {match['series']['label']} — {what} [{match['agreement']}]"]
    primary = match["primary_source"]["label"]
    stated = (match["stated_source"] or {}).get("label")
    verdicts = {
        "correct": f"credited correctly to {primary}",
        "related body": f"credited to {stated}, declared as related to {primary}",
        "relay": f"credited to {stated}, which relays {primary}",
        "country or place": f"credited broadly to {stated}; the primary source is {primary}",
        "unnamed source": f"credited to an unnamed source ({stated}); the primary source is {primary}",
        "unattributed": f"printed with no source; the primary source is {primary}",
        "misattributed": f"MISATTRIBUTED: the article credits {stated}, but it is {primary}'s tally"
                         + (f" of {match['date']}" if match["date"] else f" for {match['month']}"),
    }
    verdict = verdicts.get(match["credit"], match["credit"])
    if match["agreement"] == "drift":
        verdict += f"; DRIFT: printed {match['drift']:+.1%} off the tally"
    lines.append(f"             {verdict}")
    return lines


def _excerpt(text: str, figure: str, width: int = 150) -> str:
    text = " ".join(text.split())
    if len(text) <= width:
        return text
    at = max(0, text.find(figure))
    start = max(0, min(at - width // 2, len(text) - width))
    piece = text[start:start + width]
    return ("…" if start else "") + piece + ("…" if start + width < len(text) else "")


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def independence_text(result: dict) -> str:
    figures = ", ".join(result["figures"])
    lines = [f"{result['query']}{' and linked figures (' + figures + ')' if result['linked'] else ''}: "
             f"{_plural(result['occurrences'], 'occurrence')} in {_plural(result['articles'], 'article')}, "
             f"{_plural(len(result['outlets']), 'outlet')}: {', '.join(result['outlets'])}",
             f"independent root sources: {result['independent_root_count']}"
             + (f" ({result['stated_root_count']} stated or from a reference series, the others INFERRED)"
                if result["stated_root_count"] != result["independent_root_count"] else "")]
    for root in result["independent_roots"]:
        basis = "INFERRED" if root["basis"] == ["inferred"] else " and ".join(root["basis"])
        lines.append(f"  {root['source']['label']} [{root['source'].get('type') or 'source'}] ({basis}): "
                     f"{_plural(root['occurrences'], 'occurrence')} in {', '.join(root['outlets'])}"
                     + (f"; through {', '.join(root['through'])}" if root["through"] else ""))
    if result["relays"]:
        lines.append(f"relays, not independent: {', '.join(result['relays'])}")
    for u in result["unattributed"]:
        if u["resolution"] == "rejected":
            c = u["correction"]
            lines.append(f"unattributed: {u['figure']} in {u['outlet']} ({u['article']}): extracted chain rejected by "
                         f"{c['by']} on {c['at'][:10]}: {c['note']}")
            continue
        if u["resolution"] == "unknown origin":
            lines.append(f"unattributed: {u['figure']} in {u['outlet']} ({u['article']}): origin unknown")
            continue
        e = u["evidence"]
        verb = "repeats" if u["resolution"] == "repeat" else "probable root"
        checked = f" ({compared_text(e['compared'])})" if e.get("compared") else ""
        lines.append(f"unattributed: {u['figure']} in {u['outlet']} ({u['article']}): INFERRED {verb} "
                     f"{u['source']['label']} — {e['reason']}: {e['arithmetic']}{checked}")
    for link in result.get("links", []):
        lines.append(f"linked: {link['from']} to {link['to']} — {link['reason']}: {link['arithmetic']} "
                     f"({compared_text(link['compared'])})")
    return shown("\n".join(lines))


def report_text(r: dict) -> str:
    lines = [f"{_plural(r['articles'], 'article')}, {_plural(r['figures'], 'figure')}, "
             f"{r['unattributed']} with no source given", ""]
    lines.append(f"Single-source stories ({len(r['single_source_stories'])} of {len(r['stories'])} stories in more than one article)")
    for story in r["single_source_stories"]:
        lines.append(f"  {', '.join(story['figures'])}: {len(story['outlets'])} outlets ({', '.join(story['outlets'])}), "
                     f"one root: {story['independent_roots'][0] if story['independent_roots'] else 'unknown'}")
    sections = [
        ("Unattributed figures per outlet", r["outlets"], ["outlet", "articles", "figures", "unattributed", "unattributed_share"]),
        ("Misattributions (a reference series says whose figure it is)", r["misattributions"],
         ["figure", "outlet", "stated_source", "primary_source", "date"]),
        ("Drift from the reference series", r["drift"], ["figure", "outlet", "series_value", "date", "arithmetic"]),
        ("Rounded or hedged on the way", r["changes_on_the_way"], ["printed", "outlet", "for", "exact_in", "arithmetic", "compared"]),
        ("Most-cited primary sources", r["primary_sources"][:10], ["source", "type", "figures", "articles", "outlets"]),
        ("Relays (betweenness in the citation network)", r["relays"][:10], ["source", "type", "betweenness", "cited_by", "cites"]),
    ]
    if "corrections" in r:
        sections.append(("Corrections by people", r["corrections"], ["id", "verdict", "figures", "chain", "by", "at", "status"]))
    for title, rows, columns in sections:
        lines += ["", f"{title}: {len(rows)}" if rows else f"{title}: none"]
        if rows:
            lines.append(table(rows, columns))
    return shown("\n".join(lines))


def script_json(data) -> str:
    """JSON that is safe inside an HTML <script> element (the viewer pages of draw and serve)."""
    return (json.dumps(data, ensure_ascii=False, separators=(",", ":"))
            .replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026"))
