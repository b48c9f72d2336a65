"""Pictures: the citation network and traces as SVG, HTML, DOT, GraphML and GEXF."""
from __future__ import annotations

import io
import json
import os
import re
import struct
import subprocess
import time
import xml.etree.ElementTree as ET
import zlib
from collections import Counter
from pathlib import Path

import networkx as nx
import pytest

from newsprov.analyse.network import citation_graph
from newsprov.cli import cli
from newsprov.draw import TYPE_COLOURS, citation_picture, layered_layout, trace_picture
from newsprov.graph.store import GraphStore

SVG = "{http://www.w3.org/2000/svg}"
CHROMIUM = "/usr/bin/chromium"


def invoke(runner, *args):
    return runner.invoke(cli, [str(a) for a in args])


@pytest.fixture(scope="module")
def citations(seeded_store) -> nx.DiGraph:
    with GraphStore(seeded_store, read_only=True) as store:
        return citation_graph(store)


@pytest.fixture(scope="module")
def occurrences_1556(seeded_store) -> list[dict]:
    from newsprov.analyse.trace import trace

    with GraphStore(seeded_store, read_only=True) as store:
        return trace(store, "1556")


def has_class(element, name: str) -> bool:
    return name in (element.get("class") or "").split()


def node_groups(svg_text: str) -> list:
    root = ET.fromstring(svg_text)
    assert root.tag == SVG + "svg"
    return [g for g in root.iter(SVG + "g") if has_class(g, "node")]


# ---------------------------------------------------------------- the citation network


def test_citation_svg_has_one_node_group_per_node_with_tooltip_label_and_type(runner, seeded_store, citations):
    result = invoke(runner, "graph", "--format", "svg", "--store", seeded_store)
    assert result.exit_code == 0, result.output
    root = ET.fromstring(result.stdout)
    groups = node_groups(result.stdout)
    assert sorted(g.get("data-iri") for g in groups) == sorted(citations.nodes)
    for group in groups:
        node = citations.nodes[group.get("data-iri")]
        assert group.get("data-type") == node["type"]
        assert group.find(SVG + "title").text.startswith(node["label"])
        assert group.find(SVG + "text").text == node["label"]
    edges = [g for g in root.iter(SVG + "g") if has_class(g, "edge")]
    assert len(edges) == citations.number_of_edges()
    assert all(len(edge.findall(SVG + "path")) == 2 for edge in edges)  # the line and its arrowhead
    assert any(has_class(g, "legend") for g in root.iter(SVG + "g"))
    assert root.find(SVG + "title").text.startswith("Who cites whom")


def test_outlets_are_pills_left_and_primary_sources_circles_right(citations):
    svg = citation_picture(citations, "svg")
    shapes = {g.get("data-iri"): (has_class(g, "outlet"), g.find(SVG + "rect"), g.find(SVG + "circle"))
              for g in node_groups(svg)}
    for iri, (outlet, rect, circle) in shapes.items():
        cites_only = "claims" not in citations.nodes[iri]
        assert outlet == cites_only and (rect is not None) == cites_only and (circle is not None) != cites_only
    x = {iri: float(circle.get("cx")) if circle is not None else float(rect.get("x")) + float(rect.get("width"))
         for iri, (_, rect, circle) in shapes.items()}
    outlets = [iri for iri in citations if citations.in_degree(iri) == 0]
    primary = [iri for iri in citations if citations.out_degree(iri) == 0]
    relays = [iri for iri in citations if iri not in outlets and iri not in primary]
    assert relays, "the seeds have relays (the UK MoD, ISW)"
    assert max(x[i] for i in outlets) < min(x[i] for i in relays) <= max(x[i] for i in relays) < min(x[i] for i in primary)
    assert len({x[i] for i in primary}) == 1  # one column


def test_colours_come_from_the_fixed_palette_and_sizes_grow_with_claims(citations):
    groups = {g.get("data-iri"): g for g in node_groups(citation_picture(citations, "svg"))}
    isw, experts = (groups[next(n for n in citations if n.endswith(end))] for end in ("/isw", "/vague/experts"))
    assert isw.find(SVG + "circle").get("fill") == TYPE_COLOURS["ResearchOrganisation"]
    assert experts.find(SVG + "circle").get("fill") == TYPE_COLOURS["VagueSource"]
    assert float(isw.find(SVG + "circle").get("r")) > float(experts.find(SVG + "circle").get("r"))  # 7 claims > 1


def test_pictures_are_deterministic(citations, occurrences_1556):
    assert citation_picture(citations, "svg") == citation_picture(citations.copy(), "svg")
    assert trace_picture(occurrences_1556, "1556", "html") == trace_picture(occurrences_1556, "1556", "html")


@pytest.mark.parametrize("fmt, read", [("graphml", nx.read_graphml), ("gexf", nx.read_gexf)])
def test_graphml_and_gexf_read_back_with_the_same_nodes_edges_and_attributes(runner, seeded_store, citations, fmt, read):
    result = invoke(runner, "graph", "--format", fmt, "--store", seeded_store)
    assert result.exit_code == 0, result.output
    back = read(io.BytesIO(result.stdout.encode("utf-8")))
    assert set(back.nodes) == set(citations.nodes)
    assert set(back.edges) == set(citations.edges)
    for iri, data in citations.nodes(data=True):
        assert back.nodes[iri]["label"] == data["label"]
        assert back.nodes[iri]["type"] == data["type"]
        assert int(back.nodes[iri]["claims"]) == len(data.get("claims", ()))
    for u, v, data in citations.edges(data=True):
        assert int(back.edges[u, v]["weight"]) == data["weight"]


def test_gexf_carries_colour_size_and_position_for_gephi(citations):
    back = nx.read_gexf(io.BytesIO(citation_picture(citations, "gexf").encode("utf-8")))
    gs = next(n for n in back if n.endswith("/ua-general-staff"))
    viz = back.nodes[gs]["viz"]
    assert (viz["color"]["r"], viz["color"]["g"], viz["color"]["b"]) == tuple(
        int(TYPE_COLOURS["MilitaryBody"][i:i + 2], 16) for i in (1, 3, 5))
    assert viz["size"] > 0 and {"x", "y"} <= set(viz["position"])


def test_dot_has_one_node_line_per_node_and_one_line_per_edge(runner, seeded_store, citations):
    result = invoke(runner, "graph", "-f", "dot", "--store", seeded_store)
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0] == "digraph citations {" and lines[-1] == "}"
    node_lines = [re.match(r'\s*"((?:[^"\\]|\\.)*)" \[label="', line) for line in lines if " -> " not in line]
    assert sorted(m.group(1) for m in node_lines if m) == sorted(citations.nodes)
    edge_lines = [line for line in lines if " -> " in line]
    assert len(edge_lines) == citations.number_of_edges()
    assert all("penwidth=" in line for line in edge_lines)
    assert all("fillcolor=" in line for line in lines if re.match(r'\s*"[^"]+" \[label=', line))


def test_html_is_one_file_with_no_network_references_and_the_data_as_json(citations):
    page = citation_picture(citations, "html")
    assert not re.search(r"<(script|link|img|iframe)\b[^>]*\b(src|href)\s*=", page, re.I)
    assert not re.search(r"(@import|url\()\s*['\"]?\s*(https?:)?//", page, re.I)
    assert not re.search(r"(src|href)\s*=\s*['\"]?\s*(https?:)?//", page, re.I)
    data = json.loads(re.search(r'<script type="application/json" id="newsprov-data">(.*?)</script>', page, re.S).group(1))
    assert len(data["nodes"]) == citations.number_of_nodes()
    assert len(node_groups(data["svg"])) == citations.number_of_nodes()
    assert "<g class=\"node" not in page.replace(data["svg"], "")  # the nodes exist only once the script draws them


def test_graph_writes_a_file_with_o_and_says_so_on_stderr(runner, seeded_store, tmp_path):
    target = tmp_path / "citations.html"
    result = invoke(runner, "graph", "-o", target, "--store", seeded_store)
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    assert f"bytes of html to {target}" in result.stderr
    assert target.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


def test_graph_of_an_empty_store_is_a_one_line_error_exit_3(runner, tmp_path):
    with GraphStore(tmp_path / "empty.db"):
        pass
    result = invoke(runner, "graph", "--store", tmp_path / "empty.db")
    assert result.exit_code == 3
    assert result.output.startswith("Error: ") and len(result.output.strip().splitlines()) == 1
    assert "no citations" in result.output and "Traceback" not in result.output


def test_layout_survives_cycles_and_self_citations():
    graph = nx.DiGraph()
    for node, claims in (("outlet", None), ("a", 2), ("b", 1), ("c", 3)):
        graph.add_node(node, label=node, type="NewsOutlet" if claims is None else "Person",
                       **({} if claims is None else {"claims": set(range(claims)), "articles": {"x"}}))
    graph.add_edges_from([("outlet", "a"), ("a", "b"), ("b", "a"), ("b", "c"), ("c", "c")], weight=1)
    layout = layered_layout(graph, lambda item, column, last: (8, 8))
    assert layout.column["outlet"] == 0 and layout.column["c"] == layout.columns - 1
    assert len(node_groups(citation_picture(graph, "svg"))) == 4


# ---------------------------------------------------------------- traces


def test_trace_svg_draws_each_chain_and_the_inferred_roots_dashed(runner, seeded_store, occurrences_1556):
    result = invoke(runner, "trace", "1556", "--format", "svg", "--store", seeded_store)
    assert result.exit_code == 0, result.output
    root = ET.fromstring(result.stdout)
    groups = node_groups(result.stdout)
    outlets = [g for g in groups if has_class(g, "outlet")]
    sources = [g for g in groups if not has_class(g, "outlet")]
    assert len(outlets) == len(occurrences_1556) == 2
    expected = [hop["source"]["entity"] for o in occurrences_1556 for hop in o["chain"]]
    expected += [guess["source"]["entity"] for o in occurrences_1556 for guess in o["inferred_roots"]]
    assert sorted(g.get("data-iri") for g in sources) == sorted(expected)

    stated = [g for g in sources if not has_class(g, "inferred")]
    inferred = [g for g in sources if has_class(g, "inferred")]
    assert [g.get("data-iri").rsplit("/", 1)[-1] for g in inferred] == ["ua-mod", "ua-general-staff"]
    edges = {g.get("data-to"): g for g in root.iter(SVG + "g") if has_class(g, "edge")}
    for group in inferred:  # GB News's unattributed 1,556: dashed arrow, dashed hollow circle, the word INFERRED
        assert group.find(SVG + "circle").get("stroke-dasharray")
        assert edges[group.get("data-key")].find(SVG + "path").get("stroke-dasharray")
        assert any("INFERRED" in (t.text or "") for t in group.iter(SVG + "text"))
    for group in stated:  # the Sun's stated chain never looks like that
        assert not group.find(SVG + "circle").get("stroke-dasharray")
        assert not edges[group.get("data-key")].find(SVG + "path").get("stroke-dasharray")
        assert not any("INFERRED" in (t.text or "") for t in group.iter(SVG + "text"))
    [sun_root] = [g for g in stated if has_class(g, "root")]
    assert sun_root.get("data-iri").endswith("/ua-general-staff")
    texts = [t.text for t in root.iter(SVG + "text")]
    assert "no source given" in texts and "ROOT: UNATTRIBUTED" in texts


def test_trace_picture_ignores_keys_it_does_not_know(occurrences_1556):
    extended = json.loads(json.dumps(occurrences_1556))
    for occurrence in extended:
        occurrence["reference"] = {"series": "ua-general-staff-daily", "value": 1556, "nested": [1, {"x": None}]}
        for hop in occurrence["chain"] + occurrence["inferred_roots"]:
            hop["reference"] = None
    for fmt in ("svg", "html"):
        assert trace_picture(extended, "1556", fmt) == trace_picture(occurrences_1556, "1556", fmt)


def test_trace_html_to_a_file(runner, seeded_store, tmp_path):
    target = tmp_path / "trace.html"
    result = invoke(runner, "trace", "1556", "-f", "html", "-o", target, "--store", seeded_store)
    assert result.exit_code == 0, result.output
    page = target.read_text(encoding="utf-8")
    assert "Trace of 1556" in page and not re.search(r"(src|href)\s*=\s*['\"]?\s*(https?:)?//", page)


# ---------------------------------------------------------------- in a real browser


def chromium() -> str:
    if Path(CHROMIUM).exists():
        return CHROMIUM
    if os.environ.get("NEWSPROV_REQUIRE_BROWSER") == "1":
        pytest.fail(f"NEWSPROV_REQUIRE_BROWSER=1 but there is no {CHROMIUM}: install Debian's chromium")
    pytest.skip(f"no {CHROMIUM}: install Debian's chromium (apt-get install chromium) to run the browser test")


def run_chromium(tmp_path: Path, *args: str) -> str:
    profile = tmp_path / f"profile-{len(list(tmp_path.glob('profile-*')))}"
    flags = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
             "--disable-background-networking", "--disable-component-update", "--disable-sync",
             "--hide-scrollbars", f"--user-data-dir={profile}"]
    run = subprocess.run([chromium(), *flags, *args], capture_output=True, text=True, timeout=120, check=False)
    assert run.returncode == 0, run.stderr[-2000:]
    return run.stdout


def png_colours(data: bytes) -> tuple[int, int, Counter]:
    """Width, height and pixel count per RGB colour of an 8-bit RGB(A) PNG, decoded with zlib alone."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    at, idat = 8, []
    while at < len(data):
        length, kind = struct.unpack(">I4s", data[at:at + 8])
        body = data[at + 8:at + 8 + length]
        at += 12 + length
        if kind == b"IHDR":
            width, height, depth, colour_type, _, _, interlace = struct.unpack(">IIBBBBB", body)
        elif kind == b"IDAT":
            idat.append(body)
    assert depth == 8 and colour_type in (2, 6) and not interlace, "expected an 8-bit RGB or RGBA PNG"
    bpp = 3 if colour_type == 2 else 4
    stride, raw = width * bpp, zlib.decompress(b"".join(idat))
    previous, colours = bytearray(stride), Counter()
    for y in range(height):
        start = y * (stride + 1)
        kind, line = raw[start], bytearray(raw[start + 1:start + 1 + stride])
        if kind == 1:
            for i in range(bpp, stride):
                line[i] = (line[i] + line[i - bpp]) & 255
        elif kind == 2:
            line = bytearray((a + b) & 255 for a, b in zip(line, previous))
        elif kind == 3:
            for i in range(stride):
                line[i] = (line[i] + ((line[i - bpp] if i >= bpp else 0) + previous[i]) // 2) & 255
        elif kind == 4:
            for i in range(stride):
                a, b, c = (line[i - bpp], previous[i], previous[i - bpp]) if i >= bpp else (0, previous[i], 0)
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        colours.update(bytes(line[i:i + 3]) for i in range(0, stride, bpp))
        previous = line
    return width, height, colours


@pytest.mark.slow
def test_the_html_viewer_draws_every_node_in_a_real_browser(runner, seeded_store, citations, occurrences_1556, tmp_path):
    chromium()
    started = time.perf_counter()
    page = tmp_path / "citations.html"
    assert invoke(runner, "graph", "-o", page, "--store", seeded_store).exit_code == 0
    dom = run_chromium(tmp_path, "--dump-dom", page.as_uri())
    drawn = re.findall(r'<g class="node[ "][^>]*data-iri="([^"]+)"', dom)
    assert sorted(drawn) == sorted(citations.nodes)
    assert f'data-nodes="{citations.number_of_nodes()}"' in dom  # the script ran to its end

    shot = tmp_path / "citations.png"
    run_chromium(tmp_path, "--window-size=1400,900", f"--screenshot={shot}", page.as_uri())
    width, height, colours = png_colours(shot.read_bytes())
    assert (width, height) == (1400, 900)
    assert len(colours) > 300, "the screenshot is nearly blank"
    painted = {name: colours[bytes.fromhex(TYPE_COLOURS[name][1:])] for name in ("GovernmentBody", "MilitaryBody", "Person")}
    assert all(count > 150 for count in painted.values()), painted  # the nodes, in their type colours

    trace_page = tmp_path / "trace.html"
    trace_page.write_text(trace_picture(occurrences_1556, "1556", "html"), encoding="utf-8")
    dom = run_chromium(tmp_path, "--dump-dom", trace_page.as_uri())
    assert len(re.findall(r'<g class="node[ "]', dom)) == 6  # 2 outlets, 2 stated hops, 2 inferred roots
    assert len(re.findall(r'<g class="node source inferred"', dom)) == 2
    print(f"browser test: {time.perf_counter() - started:.1f} s")
