
"use strict";
const DATA = JSON.parse(document.getElementById("newsprov-data").textContent);
const $ = (id) => document.getElementById(id);
const IRI = /^[^<>"{}|^`\\\s]+$/;
const NAMESPACES = Object.entries(DATA.prefixes).sort((a, b) => b[1].length - a[1].length);

function el(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined && text !== null) node.textContent = String(text);
  return node;
}
function clear(node) { while (node.firstChild) node.removeChild(node.firstChild); }
function add(parent, ...children) {
  for (const child of children) parent.appendChild(typeof child === "string" ? document.createTextNode(child) : child);
  return parent;
}
function compact(iri) {
  for (const [prefix, ns] of NAMESPACES) {
    if (iri.startsWith(ns) && iri.length > ns.length) return prefix + ":" + iri.slice(ns.length);
  }
  return iri;
}
function setUrl(key, value) {
  const params = new URLSearchParams(location.search);
  params.set(key, value);
  history.replaceState(null, "", "?" + params.toString());
}
function showError(target, status, text) {
  clear(target);
  target.appendChild(el("div", "error", (status ? "HTTP " + status + ": " : "") + text.trim()));
}
async function request(url, options) {
  try {
    const response = await fetch(url, options);
    return {response, body: await response.text()};
  } catch (error) {
    return {response: null, body: "the server did not answer (" + error + ")"};
  }
}

// ---- the query box
const select = $("example");
add(select, el("option", "", "(your own query)"));
select.firstChild.value = "";
for (const example of DATA.examples) {
  const option = el("option", "", example.name);
  option.value = example.name;
  select.appendChild(option);
}
function chooseExample(name) {
  const example = DATA.examples.find((e) => e.name === name);
  $("example-description").textContent = example ? example.description : "";
  if (example) $("query").value = example.query;
}
select.addEventListener("change", () => chooseExample(select.value));
$("query").addEventListener("input", () => { select.value = ""; $("example-description").textContent = ""; });

function termCell(term) {
  const cell = el("td");
  if (!term) return cell;
  if (term.type === "uri") {
    add(cell, el("span", "iri", compact(term.value))).title = term.value;
  } else if (term.type === "bnode") {
    add(cell, el("span", "iri", "_:" + term.value));
  } else if (term.type === "triple") {
    const v = term.value;
    cell.textContent = "<< " + [v.subject, v.predicate, v.object].map((t) => t.type === "uri" ? compact(t.value) : t.value).join(" ") + " >>";
  } else {
    add(cell, el("span", "", term.value));
    if (term["xml:lang"]) add(cell, el("span", "tag", "@" + term["xml:lang"]));
    else if (term.datatype) cell.title = compact(term.datatype);
  }
  return cell;
}

function resultsTable(vars, bindings) {
  const table = el("table");
  const head = add(el("tr"), el("th", "", "#"));
  for (const name of vars) head.appendChild(el("th", "", name));
  add(table, add(el("thead"), head));
  const body = el("tbody");
  bindings.forEach((binding, index) => {
    const row = add(el("tr"), el("td", "n", index + 1));
    for (const name of vars) row.appendChild(termCell(binding[name]));
    body.appendChild(row);
  });
  table.appendChild(body);
  return add(el("div", "table-wrap"), table);
}

function downloads(text, graph) {
  const target = $("downloads");
  clear(target);
  add(target, el("span", "status", "download:"));
  for (const format of graph ? ["turtle", "nt", "xml", "jsonld"] : ["json", "csv", "tsv", "xml"]) {
    const link = el("a", "", format);
    link.href = "/sparql?" + new URLSearchParams({query: text, format: format}).toString();
    link.setAttribute("download", "results." + ({turtle: "ttl", jsonld: "jsonld", nt: "nt"}[format] || format));
    target.appendChild(link);
  }
}

async function runQuery(updateUrl) {
  const text = $("query").value;
  const out = $("results");
  clear(out);
  clear($("downloads"));
  if (!text.trim()) return;
  if (updateUrl) setUrl("query", text);
  $("query-status").textContent = "running…";
  const started = performance.now();
  const {response, body} = await request("/sparql", {
    method: "POST",
    headers: {"Content-Type": "application/x-www-form-urlencoded",
              "Accept": "application/sparql-results+json, text/turtle;q=0.9"},
    body: new URLSearchParams({query: text}),
  });
  const took = Math.round(performance.now() - started) + " ms";
  if (!response || !response.ok) {
    $("query-status").textContent = "failed after " + took;
    showError(out, response && response.status, body);
    return;
  }
  const type = response.headers.get("Content-Type") || "";
  const truncated = response.headers.get("X-Newsprov-Truncated") === "true";
  const rows = response.headers.get("X-Newsprov-Rows");
  if (type.startsWith("application/sparql-results+json")) {
    const data = JSON.parse(body);
    if ("boolean" in data) {
      $("query-status").textContent = "ASK, " + took;
      out.appendChild(el("p", "boolean", data.boolean ? "true" : "false"));
      return;
    }
    const count = data.results.bindings.length;
    $("query-status").textContent = count + (count === 1 ? " row" : " rows") + " in " + took;
    downloads(text, false);
    if (truncated) out.appendChild(el("p", "note", "Only the first " + count + " rows are shown: the server returns at most "
      + DATA.limit + " rows (newsprov serve --limit). Add LIMIT, OFFSET or GROUP BY to see the rest."));
    out.appendChild(resultsTable(data.head.vars, data.results.bindings));
  } else {
    $("query-status").textContent = (rows || "?") + " triples in " + took;
    downloads(text, true);
    if (truncated) out.appendChild(el("p", "note", "Only the first " + rows + " triples are shown: the server returns at most "
      + DATA.limit + " (newsprov serve --limit)."));
    out.appendChild(el("pre", "", body));
  }
}
$("query-form").addEventListener("submit", (event) => { event.preventDefault(); runQuery(true); });

// ---- the trace of a figure
async function articleTitles(occurrences) {
  const iris = [...new Set(occurrences.map((o) => (o.article || {}).iri).filter((iri) => iri && IRI.test(iri)))];
  if (!iris.length) return {};
  const query = "SELECT ?article ?title WHERE { VALUES ?article { " + iris.map((i) => "<" + i + ">").join(" ")
    + " } ?article schema:headline ?title }";
  const {response, body} = await request("/sparql", {
    method: "POST", headers: {"Content-Type": "application/sparql-query", "Accept": "application/sparql-results+json"},
    body: query});
  const titles = {};
  if (response && response.ok) {
    for (const b of JSON.parse(body).results.bindings) titles[b.article.value] = b.title.value;
  }
  return titles;
}

function quote(text, figure) {
  const block = el("blockquote");
  const at = figure ? text.indexOf(figure) : -1;
  if (at < 0) return add(block, text);
  return add(block, text.slice(0, at), el("mark", "", figure), text.slice(at + figure.length));
}

function sourceHop(source, className) {
  const hop = el("span", "hop" + (className ? " " + className : ""));
  const dot = el("span", "dot");
  dot.style.background = DATA.colours[source.type] || DATA.colours.Entity;
  add(hop, dot, source.label || source.entity || "?");
  hop.title = (source.type || "untyped") + (source.entity ? "\n" + source.entity : "");
  return hop;
}

function occurrenceCard(occurrence, titles) {
  const article = occurrence.article || {}, figure = occurrence.figure || {}, claim = occurrence.claim || {};
  const card = el("div", "occurrence");
  const line = add(el("div"), el("span", "outlet", article.publisher || "unknown outlet"));
  if (titles[article.iri]) add(line, " · ", el("span", "title", titles[article.iri]));
  add(line, " ", el("span", "meta", "· " + [article.published || "undated", article.source_file || article.id].join(" · ")));
  card.appendChild(line);
  const facts = [figure.qualifier && figure.qualifier !== "exact" ? figure.qualifier : "", figure.measure, figure.period]
    .filter(Boolean).join(", ");
  card.appendChild(el("div", "meta", "figure " + (figure.text || "") + (facts ? " (" + facts + ")" : "")));
  card.appendChild(quote(claim.text || "", figure.text || ""));
  const chain = el("div", "chain");
  chain.appendChild(el("span", "hop outlet-hop", article.publisher || "unknown outlet"));
  const hops = occurrence.chain || [];
  hops.forEach((hop, position) => {
    add(chain, el("span", "cue", "→ " + (hop.cue || "credited") + " →"));
    const node = sourceHop(hop.source || {});
    if (position === hops.length - 1) node.appendChild(el("span", "badge", "ROOT (" + ((occurrence.root || {}).status || "named") + ")"));
    chain.appendChild(node);
  });
  if (!hops.length) {
    add(chain, el("span", "cue", "→"), add(el("span", "hop none", "no source given"), el("span", "badge", "ROOT: UNATTRIBUTED")));
  }
  card.appendChild(chain);
  const guesses = occurrence.inferred_roots || [];
  if (guesses.length) {
    const list = el("ul", "inferred-list");
    guesses.forEach((guess, rank) => {
      const evidence = guess.evidence || {}, other = evidence.article || {};
      const item = add(el("li"), el("span", "badge inferred", "INFERRED #" + (guess.rank || rank + 1)), " ",
                       sourceHop(guess.source || {}, "inferred"));
      const why = [evidence.reason, evidence.arithmetic].filter(Boolean).join(": ");
      const where = other.publisher || other.source_file || other.id || "";
      add(item, el("span", "meta", " " + why + ((evidence.figure || {}).text && where ? " (" + evidence.figure.text + " in " + where + ")" : "")));
      list.appendChild(item);
    });
    card.appendChild(list);
  }
  for (const match of occurrence.reference || []) {
    const series = (match.series || {}).label || "a reference series";
    card.appendChild(el("div", "meta", "reference: " + series + " — " + (match.arithmetic || "") + " [" + (match.agreement || "")
      + "]; credit: " + (match.credit || "")));
  }
  return card;
}

async function picture(target, url, alt) {
  let response = null, failure = "";
  try {
    response = await fetch(url);
    if (response.ok) {
      const img = el("img");
      img.alt = alt;
      img.src = URL.createObjectURL(await response.blob());
      clear(target);
      target.appendChild(img);
      return;
    }
    failure = await response.text();
  } catch (error) {
    failure = "the server did not answer (" + error + ")";
  }
  showError(target, response && response.status, failure);
}

async function runTrace(updateUrl) {
  const figure = $("figure").value.trim();
  const out = $("trace");
  clear(out);
  if (!figure) return;
  if (updateUrl) setUrl("figure", figure);
  $("trace-status").textContent = "tracing…";
  const {response, body} = await request("/api/trace?" + new URLSearchParams({figure: figure}).toString());
  if (!response || !response.ok) {
    $("trace-status").textContent = "";
    showError(out, response && response.status, body);
    return;
  }
  const occurrences = JSON.parse(body);
  const titles = await articleTitles(occurrences);
  const articles = new Set(occurrences.map((o) => (o.article || {}).id)).size;
  $("trace-status").textContent = "";
  out.appendChild(el("div", "trace-heading", figure + ": " + occurrences.length + (occurrences.length === 1 ? " occurrence" : " occurrences")
    + " in " + articles + (articles === 1 ? " article" : " articles")));
  const cards = el("div", "occurrences");
  for (const occurrence of occurrences) cards.appendChild(occurrenceCard(occurrence, titles));
  out.appendChild(cards);
  const box = add(el("div", "picture"), el("span", "status", "drawing…"));
  out.appendChild(box);
  picture(box, "/trace.svg?" + new URLSearchParams({figure: figure}).toString(), "the trace of " + figure);
}
$("trace-form").addEventListener("submit", (event) => { event.preventDefault(); runTrace(true); });

// ---- on load: the URL's query and figure, else the first example; the citation picture
const start = new URLSearchParams(location.search);
if (start.has("query")) {
  $("query").value = start.get("query");
  runQuery(false);
} else if (DATA.examples.length) {
  select.value = DATA.examples[0].name;
  chooseExample(DATA.examples[0].name);
}
if (start.has("figure")) {
  $("figure").value = start.get("figure");
  runTrace(false);
}
picture($("citations"), "/citations.svg", "the citation network");
