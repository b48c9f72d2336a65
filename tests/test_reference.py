"""Reference series: loading, matching figures against them, and what the commands show."""
from __future__ import annotations

import json
from datetime import date, timedelta

import pytest

from newsprov.analyse.links import FigureFact
from newsprov.analyse.reference import (CORRECT, CUMULATIVE, DAILY, DRIFT, EXACT, HEDGED, MISATTRIBUTED, MONTHLY,
                                        RELATED, RELAY, ROUNDED, UNCREDITED, VAGUE, BROAD, Credit, Series, agreement,
                                        find_matches, publication_window, resolve_measure, resolve_source)
from newsprov.cli import cli
from newsprov.errors import InputError
from newsprov.graph.store import GraphStore

from conftest import REFERENCE, ROOT

PERSONNEL = REFERENCE / "russia_losses_personnel.json"
EQUIPMENT = REFERENCE / "russia_losses_equipment.json"
STAFF = "https://w3id.org/newsprov/id/entity/ua-general-staff"
UK_MOD = "https://w3id.org/newsprov/id/entity/uk-mod"
UA_MOD = "https://w3id.org/newsprov/id/entity/ua-mod"


def series(values: dict[str, float], column="personnel", family="personnel losses", credited_as=()) -> Series:
    days = sorted(date.fromisoformat(d) for d in values)
    return Series(iri=f"urn:series:{column}", source=STAFF, source_label="General Staff", source_type="MilitaryBody",
                  source_country="UA", column=column, measure=column, family=family,
                  accepts=frozenset({family, "killed"} if family == "personnel losses" else {family}),
                  credited_as=tuple(credited_as), days=days, values=[values[d.isoformat()] for d in days])


def daily(start: str, first: float, step: float, n: int) -> dict[str, float]:
    day = date.fromisoformat(start)
    return {(day + timedelta(days=i)).isoformat(): first + step * i for i in range(n)}


def fact(figure, value, article="a1", qualifier="exact", measure="personnel", period="", published="2025-02-05"):
    return FigureFact(figure=figure, claim=f"claim-{figure}", article=article, value=value, qualifier=qualifier,
                      measure=measure, period=period, published=published)


# A few rows typed from the General Staff's tally, enough for the cases below.
PERSONNEL_ROWS = {**daily("2024-12-01", 742_130, 0, 1), "2025-01-01": 790_800, "2025-02-01": 839_040,
                  "2025-02-02": 840_350, "2025-02-03": 841_660}
AIRCRAFT_ROWS = {"2024-05-24": 356, "2024-05-25": 356, "2024-05-26": 357}
TANK_ROWS = {"2024-05-24": 7_640, "2024-05-25": 7_650, "2024-05-26": 7_663}


def kinds(matches):
    return {(m.figure, m.kind, m.agreement) for m in matches}


def test_agreement_of_printed_figures_with_the_value_they_stand_for():
    assert agreement(841_660, "exact", 841_660, allow_drift=False) == (EXACT, 0.0)
    assert agreement(10_400, "exact", 10_414, allow_drift=False)[0] == ROUNDED
    assert agreement(500_000, "exact", 500_080, allow_drift=False)[0] == ROUNDED   # half a million
    assert agreement(50_000, "approximate", 48_240, allow_drift=False)[0] == HEDGED  # nearly 50,000
    assert agreement(50_000, "more_than", 48_240, allow_drift=False) is None         # 'more than' cannot be below
    assert agreement(350, "exact", 356, allow_drift=True)[0] == DRIFT
    assert agreement(350, "exact", 356, allow_drift=False) is None
    assert agreement(300, "exact", 356, allow_drift=True) is None                     # too far to be the same figure
    assert agreement(1_000, "range", 1_000, allow_drift=True) is None


def test_publication_window():
    assert publication_window("2025-02-04") == (date(2025, 2, 4), date(2025, 2, 4))
    assert publication_window("2024-02") == (date(2024, 2, 1), date(2024, 2, 29))
    assert publication_window("2025") == (date(2025, 1, 1), date(2025, 12, 31))
    assert publication_window("") is None and publication_window("2025-02-30") is None


def test_an_exact_total_dates_itself_and_its_articles_other_figures_are_compared_on_that_day():
    facts = [fact("total", 841_660), fact("old", 742_130),  # the tally of two months before: outside the look-back
             fact("aircraft", 350, measure="aircraft lost", published="2024-05"),
             fact("tanks", 7_650, measure="tanks destroyed", published="2024-05"),
             fact("tanks-hedged", 7_000, qualifier="more_than", measure="tanks destroyed", published="2024-05")]
    for f in facts[2:]:
        f.article = "a2"
    matches = find_matches(facts, [series(PERSONNEL_ROWS), series(AIRCRAFT_ROWS, "aircraft", "aircraft"),
                                   series(TANK_ROWS, "tank", "tanks")], {})
    by_figure = {m.figure: m for m in matches}
    assert by_figure["total"].on == date(2025, 2, 3) and by_figure["total"].agreement == EXACT
    assert "old" not in by_figure
    assert by_figure["tanks"].on == date(2024, 5, 25)
    assert (by_figure["aircraft"].agreement, by_figure["aircraft"].series_value, by_figure["aircraft"].on) == \
        (DRIFT, 356, date(2024, 5, 25))
    assert "tanks-hedged" not in by_figure   # 'more than 7,000' is 8.6 % off: not the tally


def test_drift_needs_a_tally_date_from_the_articles_own_exact_figures():
    facts = [fact("aircraft", 350, measure="aircraft lost", published="2024-05-25")]
    assert find_matches(facts, [series(AIRCRAFT_ROWS, "aircraft", "aircraft")], {}) == []


def test_month_differences_and_daily_averages():
    facts = [fact("jan", 48_240, period="in January"), fact("dec", 48_670, period="in December"),
             fact("rate", 1_556, period="a day, in January 2025", article="a2"),
             fact("about", 48_000, period="last month", article="a3"),
             fact("wrong-month", 48_240, period="in March 2024", article="a4"),
             fact("tank-jan", 48_240, period="in January", measure="tanks", article="a5")]
    matches = find_matches(facts, [series(PERSONNEL_ROWS)], {})
    assert kinds(matches) == {("jan", MONTHLY, EXACT), ("dec", MONTHLY, EXACT), ("rate", DAILY, EXACT),
                              ("about", MONTHLY, ROUNDED)}
    rate = next(m for m in matches if m.figure == "rate")
    assert rate.month == (2025, 1) and rate.arithmetic.endswith("/ 31 = 1,556.1")
    assert "839,040 - 790,800 = 48,240" in next(m for m in matches if m.figure == "jan").arithmetic


def test_credit_status_compares_the_stated_chain_with_the_series_source():
    s = series(PERSONNEL_ROWS, credited_as=[UA_MOD])
    credits = {
        "claim-a": Credit((UK_MOD, STAFF), "MilitaryBody", "UA"),
        "claim-b": Credit((UA_MOD,), "GovernmentBody", "UA"),
        "claim-c": Credit((UK_MOD,), "GovernmentBody", "GB"),
        "claim-d": Credit(("urn:ukraine",), "Country", "UA"),
        "claim-e": Credit(("urn:reports",), "VagueSource", ""),
        "claim-f": Credit(("urn:ua-intelligence",), "GovernmentBody", "UA"),
    }
    facts = [fact(x, 841_660, article=x) for x in "abcdefg"]
    matches = find_matches(facts, [s], credits, cites={UK_MOD: {STAFF}})
    assert {m.figure: m.status for m in matches} == {
        "a": CORRECT, "b": RELATED, "c": RELAY, "d": BROAD, "e": VAGUE, "f": MISATTRIBUTED, "g": UNCREDITED}
    assert next(m for m in matches if m.figure == "f").stated == "urn:ua-intelligence"


def test_distractors_do_not_match():
    facts = [fact("money", 841_660, measure="money"), fact("no-measure", 841_660, measure=""),
             fact("range", 841_660, qualifier="range"), fact("future", 841_660, article="a2", published="2024-06-01"),
             fact("tiny", 356, measure="aircraft")]  # small figures never date an article by themselves
    assert find_matches(facts, [series(PERSONNEL_ROWS), series(AIRCRAFT_ROWS, "aircraft", "aircraft")], {}) == []


def test_measures_resolve_from_columns_or_explicit_mappings():
    assert resolve_measure("personnel")[1]["label"] == "personnel"
    assert resolve_measure("APC")[1]["label"] == "armoured vehicles"   # via the pattern 'APCs'
    assert resolve_measure("naval ship=ships")[0] == "naval ship"
    with pytest.raises(InputError, match="naval ship=MEASURE"):
        resolve_measure("naval ship")


def test_sources_resolve_through_the_gazetteer():
    assert resolve_source("Ukrainian General Staff")["iri"] == STAFF
    assert resolve_source("the General Staff of the Armed Forces of Ukraine")["iri"] == STAFF
    with pytest.raises(InputError, match="could be"):
        resolve_source("General Staff")     # Ukraine's or Russia's
    unknown = resolve_source("Kharkiv Casualty Monitor")
    assert unknown["known"] is False and unknown["label"] == "Kharkiv Casualty Monitor"


# ------------------------------------------------------------------ the commands, on the shared series

def invoke(runner, *args):
    return runner.invoke(cli, [str(a) for a in args])


def test_trace_841660_shows_the_misattribution_and_the_date(runner, referenced_store):
    result = invoke(runner, "--store", referenced_store, "trace", "841,660", "--format", "json")
    assert result.exit_code == 0, result.output
    [occurrence] = json.loads(result.output)
    [match] = occurrence["reference"]
    assert (match["date"], match["kind"], match["agreement"], match["credit"]) == \
        ("2025-02-03", "cumulative total", "exact", "misattributed")
    assert match["stated_source"]["label"] == "Ukrainian intelligence services"
    assert match["primary_source"]["entity"] == STAFF
    assert occurrence["chain"][-1]["source"]["label"] == "Ukrainian intelligence services"  # the stated chain is untouched
    text = invoke(runner, "--store", referenced_store, "trace", "841660").output
    assert "MISATTRIBUTED" in text and "2025-02-03" in text


def test_seed_003_prints_350_planes_where_the_tally_said_356(runner, referenced_store):
    [occurrence] = json.loads(invoke(runner, "--store", referenced_store, "trace", "350", "-f", "json").output)
    [match] = occurrence["reference"]
    assert (match["date"], match["agreement"], match["series_value"]) == ("2024-05-25", "drift", 356)
    drones = json.loads(invoke(runner, "--store", referenced_store, "trace", "10,400", "-f", "json").output)
    assert drones[0]["reference"][0]["agreement"] == "rounded" and drones[0]["reference"][0]["series_value"] == 10_414


def test_matches_are_triples_queryable_in_sparql(referenced_store):
    with GraphStore(referenced_store, read_only=True) as store:
        rows = store.select("""
            PREFIX np: <https://w3id.org/newsprov/ns#> PREFIX nif: <http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#>
            SELECT ?text ?month WHERE { ?m np:matchKind np:MonthlyDifference ; np:agreement np:ExactAgreement ;
                                           np:inMonth ?month ; np:matchedFigure/nif:anchorOf ?text }""")
    assert {(r["text"], r["month"]) for r in rows} == {("48,240", "2025-01"), ("48,670", "2024-12")}


def test_reference_list_remove_and_readding(runner, referenced_store, tmp_path):
    rows = json.loads(invoke(runner, "--store", referenced_store, "reference", "list", "-f", "json").output)
    assert {r["column"] for r in rows} == {"personnel", "tank", "aircraft", "drone", "helicopter"}
    assert next(r for r in rows if r["column"] == "personnel")["days"] == 1626
    copy = tmp_path / "copy.db"
    import shutil

    shutil.copytree(referenced_store, copy)
    again = invoke(runner, "--store", copy, "reference", "add", PERSONNEL, "--source", "Ukrainian General Staff",
                   "--measure", "personnel", "-f", "json")
    assert json.loads(again.output)[0]["matches"] == next(r for r in rows if r["column"] == "personnel")["matches"]
    assert invoke(runner, "--store", copy, "reference", "remove", "aircraft").exit_code == 0
    assert json.loads(invoke(runner, "--store", copy, "trace", "350", "-f", "json").output)[0]["reference"] == []
    assert invoke(runner, "--store", copy, "reference", "remove", "aircraft").exit_code == 3


@pytest.mark.parametrize("content, message", [
    (b"", "empty"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\xff\xfe", "not UTF-8"),
    (b"[{\"date\": \"2025-01-01\", ", "not valid JSON"),
    (b"{\"date\": \"2025-01-01\"}", "expected a list"),
    (b"[{\"date\": \"yesterday\", \"personnel\": 1}, {\"date\": \"2025-01-02\", \"personnel\": 2}]", "no ISO date"),
    (b"[{\"date\": \"2025-01-01\", \"personnel\": \"many\"}, {\"date\": \"2025-01-02\", \"personnel\": 2}]", "not a number"),
    (b"[{\"date\": \"2025-01-01\", \"tank\": 1}, {\"date\": \"2025-01-02\", \"tank\": 2}]", "no column 'personnel'"),
])
def test_bad_series_files_give_one_line_and_exit_2(runner, tmp_path, content, message):
    bad = tmp_path / "series.json"
    bad.write_bytes(content)
    result = invoke(runner, "--store", tmp_path / "s.db", "reference", "add", bad, "--source", "Ukrainian General Staff",
                    "--measure", "personnel")
    assert result.exit_code == 2, result.output
    assert message in result.output and "Traceback" not in result.output
    assert len(result.output.strip().splitlines()) == 1


# ------------------------------------------------------------------ measured on articles written for it

def test_matching_on_the_reference_corpus(tmp_path):
    """Ten articles from different kinds of outlets, 2022-2026, with gold for each figure: which
    series value it is, or none (55 distractors: civilians, money, other armies, other tallies)."""
    from click.testing import CliRunner

    from newsprov.analyse.reference import KIND_LABELS, matches_of

    corpus = ROOT / "tests" / "reference_corpus"
    store = tmp_path / "store.db"
    runner = CliRunner()
    assert invoke(runner, "--store", store, "ingest", "-q", corpus).exit_code == 0
    equipment = ["tank", "APC=armoured vehicles", "aircraft", "helicopter", "drone", "naval ship=ships", "submarines",
                 "field artillery=artillery systems", "MRL=artillery systems", "cruise missiles=missiles"]
    for path, columns in ((PERSONNEL, ["personnel"]), (EQUIPMENT, equipment)):
        args = ["--store", store, "reference", "add", path, "--source", "Ukrainian General Staff"]
        result = invoke(runner, *args, *[x for c in columns for x in ("--measure", c)])
        assert result.exit_code == 0, result.output
    with GraphStore(store, read_only=True) as graph_store:
        where = graph_store.select("""
            PREFIX np: <https://w3id.org/newsprov/ns#> PREFIX nif: <http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#>
            SELECT ?f ?text ?file WHERE { ?c np:hasFigure ?f ; nif:referenceContext ?a . ?f nif:anchorOf ?text . ?a np:sourceFile ?file }""")
        found = matches_of(graph_store)
    predicted: dict[tuple[str, str], list[dict]] = {}
    for row in where:
        predicted.setdefault((row["file"], row["text"]), []).extend(found.get(row["f"], []))
    gold = json.loads((corpus / "expectations.json").read_text(encoding="utf-8"))
    labels = {"cumulative": KIND_LABELS[CUMULATIVE], "monthly": KIND_LABELS[MONTHLY], "daily_average": KIND_LABELS[DAILY]}
    hits, expected, wrong, listed = 0, 0, [], set()
    for article in gold:
        for figure in article["figures"]:
            key = (article["file"], figure["text"])
            listed.add(key)
            got = predicted.get(key, [])
            if figure["series"] is None:
                wrong += [(key, m["series"]["label"]) for m in got]
                continue
            expected += 1
            hits += any(m["series"]["label"].endswith(": " + figure["series"]) and m["kind"] == labels[figure["kind"]]
                        and (m["date"] or m["month"]) == (figure["date"] or figure["month"]) for m in got)
    wrong += [(key, m["series"]["label"]) for key, ms in predicted.items() if key not in listed for m in ms]
    # measured: 57 of 63 (the six misses are the extractor's: a wrong or missing measure or period)
    assert hits / expected >= 0.85, f"{hits}/{expected}"
    assert wrong == []


# -- a series downloaded from its URL (a server on 127.0.0.1 stands in for the dataset's host) -----

class _SeriesHost:
    """Serves the shipped personnel series, a revised copy, and the ways a download goes wrong."""

    def __init__(self):
        import http.server
        import threading

        original = json.loads(PERSONNEL.read_text(encoding="utf-8"))
        revised = [dict(row) for row in original] + [{"date": "2026-08-09", "day": 1628, "personnel": 1_300_000}]
        revised[-2]["personnel"] += 10  # the publisher corrected its last day
        self.bodies = {"/data/personnel.json": PERSONNEL.read_bytes(),
                       "/data/revised.json": json.dumps(revised).encode()}
        self.requests: list[str] = []
        host = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self):
                host.requests.append(self.path)
                if self.path in host.bodies:
                    body = host.bodies[self.path]
                    self.send_response(200)
                    self.send_header("Content-Type", "text/plain; charset=utf-8")
                    self.send_header("Content-Length", str(len(body)))
                    self.end_headers()
                    self.wfile.write(body)
                elif self.path == "/moved":
                    self.send_response(301)
                    self.send_header("Location", "/data/personnel.json")
                    self.end_headers()
                elif self.path == "/loop":
                    self.send_response(302)
                    self.send_header("Location", "/loop")
                    self.end_headers()
                elif self.path == "/cut":
                    self.send_response(200)
                    self.send_header("Content-Type", "application/json")
                    self.send_header("Content-Length", str(len(host.bodies["/data/personnel.json"])))
                    self.end_headers()
                    self.wfile.write(host.bodies["/data/personnel.json"][:5000])
                    self.wfile.flush()
                    self.connection.shutdown(2)
                elif self.path == "/page":
                    body = b"<html><body>Sign in to see the data</body></html>"
                    self.send_response(200)
                    self.send_header("Content-Type", "text/html")
                    self.send_header("Content-Length", str(len(body)))
                    self.end_headers()
                    self.wfile.write(body)
                elif self.path == "/slow":
                    import time

                    time.sleep(3)
                    self.send_response(200)
                    self.end_headers()
                else:
                    self.send_error(404)

            def log_message(self, *args):
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self):
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def series_host():
    host = _SeriesHost()
    yield host
    host.close()


def _add(runner, store, url, *extra):
    return runner.invoke(cli, ["reference", "add", url, "--store", str(store), "--source", "Ukrainian General Staff",
                               "--measure", "personnel", "-f", "json", *extra])


def test_a_series_is_downloaded_kept_with_its_url_time_and_digest_and_updated_in_place(runner, series_host, tmp_path):
    import hashlib

    from newsprov.analyse.reference import stored_series

    store = tmp_path / "s.db"
    assert runner.invoke(cli, ["ingest", "-q", "--store", str(store), str(ROOT / "seeds")]).exit_code == 0
    first = _add(runner, store, series_host.url + "/moved")  # a redirect is followed
    assert first.exit_code == 0, first.output
    [row] = json.loads(first.output)
    assert row["days"] == 1626 and row["changed"] == 1626 and row["matches"] > 0
    assert row["retrieved_from"] == series_host.url + "/data/personnel.json" and row["retrieved"].endswith("Z")
    with GraphStore(store, read_only=True) as opened:
        [stored] = stored_series(opened)
        assert stored.file_sha256 == hashlib.sha256(PERSONNEL.read_bytes()).hexdigest()
        assert stored.retrieved_from == row["retrieved_from"]
    again = _add(runner, store, series_host.url + "/data/revised.json")
    [revised] = json.loads(again.output)
    assert revised["days"] == 1627 and revised["changed"] == 2  # the corrected day and the new one
    with GraphStore(store, read_only=True) as opened:
        [stored] = stored_series(opened)
        assert stored.on(date(2026, 8, 9)) == 1_300_000 and stored.iri == row["iri"]
    assert runner.invoke(cli, ["validate", "--store", str(store)]).exit_code == 0


@pytest.mark.parametrize("path, words", [
    ("/missing.json", "HTTP 404"),
    ("/page", "the server sent text/html, not a data file"),
    ("/loop", "redirected in a loop"),
    ("/cut", "the download was cut short (5000 bytes of"),
    ("/slow", "no answer within 1 s"),
])
def test_a_download_that_goes_wrong_is_one_line_and_loads_nothing(runner, series_host, tmp_path, path, words):
    from conftest import one_line_error

    store = tmp_path / "s.db"
    assert runner.invoke(cli, ["ingest", "-q", "--store", str(store), str(ROOT / "seeds")]).exit_code == 0
    line = one_line_error(_add(runner, store, series_host.url + path, "--timeout", "1"), 2)
    assert words in line, line
    listed = runner.invoke(cli, ["reference", "list", "-f", "json", "--store", str(store)])
    assert json.loads(listed.output) == []


def test_offline_a_download_says_so_in_one_line(runner, tmp_path):
    import socket

    from conftest import one_line_error

    with socket.socket() as closed:  # a port nothing listens on
        closed.bind(("127.0.0.1", 0))
        port = closed.getsockname()[1]
    line = one_line_error(_add(runner, tmp_path / "s.db", f"http://127.0.0.1:{port}/personnel.json"), 2)
    assert "cannot fetch" in line and "download the file and give its path" in line
