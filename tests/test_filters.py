"""--since, --until, --outlet and --measure on trace, independence, report and claims.

The corpus: the same value, 1,000, in four unrelated stories (a flood, a campaign, a drone raid,
a charity), three outlets, dates of a day or only a month, and one article with no date; and one
story told three times (7,340 tanks, 'nearly 7,400', a repeat with no source) across outlets and
months, so that linked figures and inferred roots straddle the filters.
"""
from __future__ import annotations

import json

import pytest

from newsprov.analyse.scope import Scope
from newsprov.analyse.trace import trace
from newsprov.cli import cli
from newsprov.errors import InputError
from newsprov.graph.location import open_store, store_location

ARTICLES = {
    "flood.txt": ("Flooding forced 1,000 civilians from their homes in the river valley, the regional emergency "
                  "service said on Tuesday.\nCrews expect the water to fall by the weekend.\n"),
    "campaign.txt": ("The army lost 1,000 tanks in the autumn campaign, according to the Defence Ministry.\n"
                     "Officials gave no figure for the spring.\n"),
    "drones.txt": "About 1,000 drones were launched overnight, the air force said.\nAir raid sirens sounded until dawn.\n",
    "meals.txt": "Volunteers handed out 1,000 meals to families at the town hall, the organisers said.\n",
    "tally.txt": "The General Staff said 7,340 tanks had been destroyed since the invasion began.\n",
    "blogger.txt": "Nearly 7,400 tanks have been destroyed since the invasion began, a military blogger claimed.\n",
    "repeat.txt": "Russia has now lost 7,340 tanks since the invasion began.\n",
}
METADATA = """file,publisher,published,url,title
flood.txt,Harbour Gazette,2024-03-05,https://www.harbourgazette.example/news/flood,
campaign.txt,Valley Courier,2024-09-12,https://valleycourier.example/campaign,
drones.txt,Northern Ledger,2025-01,https://news.northernledger.example/drones,
meals.txt,,,,
tally.txt,Valley Courier,2024-09-20,https://valleycourier.example/tally,
blogger.txt,Northern Ledger,2025-01-22,https://news.northernledger.example/blogger,
repeat.txt,Harbour Gazette,2025-02-03,https://www.harbourgazette.example/news/repeat,
"""


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    from click.testing import CliRunner

    folder = tmp_path_factory.mktemp("filters")
    corpus = folder / "corpus"
    corpus.mkdir()
    for name, text in ARTICLES.items():
        (corpus / name).write_text(text, encoding="utf-8")
    (corpus / "metadata.csv").write_text(METADATA, encoding="utf-8")
    path = folder / "store.db"
    result = CliRunner().invoke(cli, ["--store", str(path), "ingest", "-q", str(corpus)])
    assert result.exit_code == 0, result.output
    return path


def run(runner, store, *args):
    return runner.invoke(cli, ["--store", str(store), *args])


def traced_files(runner, store, figure, *filters) -> list[str]:
    result = run(runner, store, "trace", figure, "-f", "json", *filters)
    assert result.exit_code == 0, result.output
    return sorted(o["article"]["source_file"] for o in json.loads(result.output))


def claim_files(runner, store, *filters) -> list[str]:
    result = run(runner, store, "claims", "-f", "json", *filters)
    assert result.exit_code == 0, result.output
    return sorted(row["source_file"] for row in json.loads(result.output))


# -- trace --------------------------------------------------------------------------------------

def test_without_filters_every_1000_is_traced_and_no_filter_line_is_shown(runner, store):
    assert traced_files(runner, store, "1000") == ["campaign.txt", "drones.txt", "flood.txt", "meals.txt"]
    assert "filters:" not in run(runner, store, "trace", "1000").output


@pytest.mark.parametrize("filters, expected", [
    (["--since", "2024-06"], ["campaign.txt", "drones.txt"]),
    (["--since", "2024-03-05"], ["campaign.txt", "drones.txt", "flood.txt"]),
    (["--since", "2024-03-06"], ["campaign.txt", "drones.txt"]),
    (["--until", "2024-12"], ["campaign.txt", "flood.txt"]),
    (["--until", "2024-09-12"], ["campaign.txt", "flood.txt"]),
    (["--until", "2024-09-11"], ["flood.txt"]),
    (["--since", "2024"], ["campaign.txt", "drones.txt", "flood.txt"]),
    # dated only by month: in scope only when the whole month is
    (["--since", "2025-01"], ["drones.txt"]),
    (["--since", "2025-01-10"], []),
    (["--until", "2025-01-31"], ["campaign.txt", "drones.txt", "flood.txt"]),
    (["--until", "2025-01-30"], ["campaign.txt", "flood.txt"]),
    (["--outlet", "valley courier"], ["campaign.txt"]),
    (["--outlet", "VALLEYCOURIER.EXAMPLE"], ["campaign.txt"]),
    (["--outlet", "harbourgazette.example"], ["flood.txt"]),  # the host is www.harbourgazette.example
    (["--outlet", "https://news.northernledger.example/x"], ["drones.txt"]),
    (["--outlet", "courier"], []),  # not a name, not a domain
    (["--outlet", "ledger.example"], []),  # not a domain the host is in
    (["--outlet", "Harbour Gazette", "--outlet", "northernledger.example"], ["drones.txt", "flood.txt"]),
    (["--measure", "tanks"], ["campaign.txt"]),
    (["--measure", "civilians"], ["flood.txt"]),
    (["--since", "2024", "--until", "2024", "--outlet", "Harbour Gazette", "--outlet", "Valley Courier",
      "--measure", "tanks"], ["campaign.txt"]),
    (["--since", "2024", "--outlet", "Harbour Gazette", "--measure", "tanks"], []),
])
def test_trace_keeps_the_occurrences_in_scope(runner, store, filters, expected):
    if expected:
        assert traced_files(runner, store, "1,000", *filters) == expected
    else:
        result = run(runner, store, "trace", "1,000", *filters)
        assert result.exit_code == 3
        assert result.output.startswith("Error: the filters (") and "excluded every occurrence of 1,000" in result.output


def test_an_undated_article_is_left_out_by_any_date_filter(runner, store):
    assert "meals.txt" in traced_files(runner, store, "1000")
    for filters in (["--since", "1900"], ["--until", "2999"]):
        assert "meals.txt" not in traced_files(runner, store, "1000", *filters)


def test_text_output_names_the_filters_on_its_first_line(runner, store):
    result = run(runner, store, "trace", "1000", "--since", "2024-06", "--outlet", "Valley Courier")
    assert result.exit_code == 0
    first, second = result.output.splitlines()[:2]
    assert first == "filters: since 2024-06-01, outlet Valley Courier (undated articles left out)"
    assert second == "1000: 1 occurrence in 1 article"
    assert not run(runner, store, "trace", "1000", "--since", "2024-06", "-f", "csv").output.startswith("filters")


def test_an_inferred_root_whose_evidence_is_out_of_scope_is_not_shown(runner, store):
    everything = json.loads(run(runner, store, "trace", "7340", "-f", "json").output)
    repeat = next(o for o in everything if o["article"]["source_file"] == "repeat.txt")
    assert {g["evidence"]["article"]["source_file"] for g in repeat["inferred_roots"]} == {"tally.txt", "blogger.txt"}
    narrowed = json.loads(run(runner, store, "trace", "7340", "-f", "json", "--since", "2025").output)
    assert [o["article"]["source_file"] for o in narrowed] == ["repeat.txt"]
    assert [g["evidence"]["article"]["source_file"] for g in narrowed[0]["inferred_roots"]] == ["blogger.txt"]


def test_claims_show_no_inferred_root_whose_evidence_is_out_of_scope(runner, store):
    def repeat(*filters):
        rows = json.loads(run(runner, store, "claims", "-f", "json", "--figure", "7340", *filters).output)
        return next(r["inferred_root"] for r in rows if r["source_file"] == "repeat.txt")

    assert set(repeat()) == {"General Staff of the Armed Forces of Ukraine", "a military blogger"}
    assert repeat("--since", "2025") == ["a military blogger"]
    assert repeat("--outlet", "Harbour Gazette") == []


def test_a_figure_that_occurs_nowhere_is_still_said_as_such_with_filters(runner, store):
    result = run(runner, store, "trace", "4321", "--since", "2024")
    assert result.exit_code == 3 and "does not occur in any ingested article" in result.output


# -- the filter is in the query ------------------------------------------------------------------

class RecordingStore:
    """A store that keeps every query it is asked and what it answered."""

    def __init__(self, store):
        self.store = store
        self.asked: list[tuple[str, list]] = []

    def select(self, sparql):
        rows = self.store.select(sparql)
        self.asked.append((sparql, rows))
        return rows

    def tuples(self, sparql):
        rows = list(self.store.tuples(sparql))
        self.asked.append((sparql, rows))
        return iter(rows)


def test_the_filters_are_inside_the_query_that_selects_the_figures(store):
    with open_store(store_location(str(store)), read_only=True) as opened:
        recording = RecordingStore(opened)
        found = trace(recording, "1000", scope=Scope.parse(since="2024-06", outlets=["Valley Courier"]))
    assert [o["article"]["source_file"] for o in found] == ["campaign.txt"]
    selecting = [(q, rows) for q, rows in recording.asked if '"1000"^^' in q]
    assert len(selecting) == 1
    query, rows = selecting[0]
    assert "FILTER" in query and '"2024-05-31"' in query and '"valley courier"' in query
    assert len(rows) == 1  # the store answered with the one occurrence in scope, not four to sift


def test_claims_are_selected_by_the_query_not_sifted_afterwards(store):
    from newsprov.analyse.claims import claims

    with open_store(store_location(str(store)), read_only=True) as opened:
        recording = RecordingStore(opened)
        rows = claims(recording, scope=Scope.parse(until="2024-12"))
    assert sorted(r["source_file"] for r in rows) == ["campaign.txt", "flood.txt", "tally.txt"]
    selecting = [(q, found) for q, found in recording.asked if "nif:beginIndex ?start ; nif:endIndex ?end" in q]
    assert selecting and '"2025-01-01"' in selecting[0][0] and len(selecting[0][1]) == 3


def test_a_scope_renders_nothing_without_filters_and_a_clause_per_filter():
    assert not Scope() and Scope().where() == "" and Scope().header() == ""
    dated = Scope.parse(since="2024-02", until="2024")
    assert dated.since.isoformat() == "2024-02-01" and dated.until.isoformat() == "2024-12-31"
    assert dated.where().count("FILTER EXISTS") == 1 and '"2024-01-31"' in dated.where() and '"2025-01-01"' in dated.where()
    assert Scope.parse(until="2024-02").until.isoformat() == "2024-02-29"  # a leap year
    outlets = Scope.parse(outlets=["The Sun", "https://www.gbnews.com/news"]).where()
    assert '"the sun"' in outlets and '".gbnews.com"' not in outlets and '".www.gbnews.com"' in outlets


@pytest.mark.parametrize("since, until", [("2025-13", None), ("yesterday", None), ("2025-02-30", None),
                                          (None, "25-01-01"), ("2025-03", "2025-02")])
def test_a_bad_date_is_an_input_error(since, until):
    with pytest.raises(InputError):
        Scope.parse(since=since, until=until)


# -- independence ----------------------------------------------------------------------------------

def independence(runner, store, *args) -> dict:
    result = run(runner, store, "independence", *args, "-f", "json")
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


def test_independence_counts_only_the_outlets_in_scope(runner, store):
    assert independence(runner, store, "1000")["outlets"] == [
        "Harbour Gazette", "Northern Ledger", "Valley Courier", "meals.txt (no publisher)"]
    narrowed = independence(runner, store, "1000", "--since", "2024-06")
    assert narrowed["outlets"] == ["Northern Ledger", "Valley Courier"] and narrowed["occurrences"] == 2
    assert narrowed["filters"]["since"] == "2024-06-01"
    assert "filters" not in independence(runner, store, "1000")
    assert independence(runner, store, "1000", "--outlet", "valleycourier.example")["independent_root_count"] == 1
    assert independence(runner, store, "1000", "--measure", "drones")["outlets"] == ["Northern Ledger"]


def test_independence_linked_counts_no_linked_figure_outside_the_scope(runner, store):
    whole = independence(runner, store, "7340", "--linked")
    assert whole["figures"] == ["7,340", "7,400"] and len(whole["outlets"]) == 3
    early = independence(runner, store, "7340", "--linked", "--until", "2024-12")
    assert early["figures"] == ["7,340"] and early["outlets"] == ["Valley Courier"]
    assert [r["source"]["label"] for r in early["independent_roots"]] == ["General Staff of the Armed Forces of Ukraine"]
    late = independence(runner, store, "7340", "--linked", "--since", "2025")
    assert late["figures"] == ["7,340", "7,400"] and late["outlets"] == ["Harbour Gazette", "Northern Ledger"]
    assert "General Staff of the Armed Forces of Ukraine" not in {r["source"]["label"] for r in late["independent_roots"]}
    alone = independence(runner, store, "7340", "--linked", "--outlet", "Harbour Gazette")
    assert alone["figures"] == ["7,340"] and alone["unattributed"][0]["resolution"] == "unknown origin"


def test_independence_of_a_measure_within_the_filters(runner, store):
    every = independence(runner, store, "--measure", "tanks")
    assert every["occurrences"] == 4 and "filters" not in every
    late = independence(runner, store, "--measure", "tanks", "--since", "2025")
    assert late["occurrences"] == 2 and late["outlets"] == ["Harbour Gazette", "Northern Ledger"]
    text = run(runner, store, "independence", "--measure", "tanks").output
    assert text.startswith("measure tanks: ")  # the measure alone is the question, not a filter
    result = run(runner, store, "independence", "--measure", "tanks", "--outlet", "nobody")
    assert result.exit_code == 3 and "the filters (outlet nobody) excluded every figure of the measure 'tanks'" in result.output


# -- report ---------------------------------------------------------------------------------------

def report(runner, store, *args) -> dict:
    result = run(runner, store, "report", "-f", "json", *args)
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


def test_report_is_computed_from_the_articles_in_scope_only(runner, store):
    whole = report(runner, store)
    assert whole["articles"] == 7 and "filters" not in whole
    assert any(set(s["figures"]) == {"7,340", "7,400"} and len(s["outlets"]) == 3 for s in whole["stories"])
    early = report(runner, store, "--until", "2024-12")
    assert early["articles"] == 3 and early["figures"] == 3 and early["stories"] == []
    assert sorted(r["outlet"] for r in early["outlets"]) == ["Harbour Gazette", "Valley Courier"]
    late = report(runner, store, "--since", "2025")
    assert [(s["figures"], s["outlets"]) for s in late["stories"]] == [
        (["7,340", "7,400"], ["Harbour Gazette", "Northern Ledger"])]
    assert {r["printed"] for r in late["changes_on_the_way"]} <= {"7,400", "Nearly 7,400"}
    assert all("Valley Courier" not in (r["outlet"], r["exact_in"]) for r in late["changes_on_the_way"])
    tanks = report(runner, store, "--measure", "tanks", "--outlet", "Valley Courier")
    assert tanks["figures"] == 2 and [r["outlet"] for r in tanks["outlets"]] == ["Valley Courier"]
    assert tanks["filters"] == {"since": None, "until": None, "outlets": ["Valley Courier"], "measure": "tanks"}


def test_report_text_names_its_filters_and_a_report_of_nothing_is_exit_3(runner, store):
    text = run(runner, store, "report", "--outlet", "Northern Ledger").output
    assert text.splitlines()[0] == "filters: outlet Northern Ledger"
    assert text.splitlines()[1].startswith("2 articles, 2 figures")
    result = run(runner, store, "report", "--since", "2030")
    assert result.exit_code == 3 and "excluded every figure in the store" in result.output


# -- claims -----------------------------------------------------------------------------------------

@pytest.mark.parametrize("filters, expected", [
    ([], ["blogger.txt", "campaign.txt", "drones.txt", "flood.txt", "meals.txt", "repeat.txt", "tally.txt"]),
    (["--since", "2025"], ["blogger.txt", "drones.txt", "repeat.txt"]),
    (["--until", "2024-09-12"], ["campaign.txt", "flood.txt"]),
    (["--outlet", "northernledger.example"], ["blogger.txt", "drones.txt"]),
    (["--measure", "tanks"], ["blogger.txt", "campaign.txt", "repeat.txt", "tally.txt"]),
    (["--measure", "tanks", "--until", "2024", "--outlet", "Valley Courier"], ["campaign.txt", "tally.txt"]),
    (["--figure", "1000", "--since", "2024-06"], ["campaign.txt", "drones.txt"]),
    (["--figure", "1000", "--measure", "civilians"], ["flood.txt"]),
])
def test_claims_keeps_the_claims_in_scope(runner, store, filters, expected):
    assert claim_files(runner, store, *filters) == expected


def test_claims_table_names_the_filters_and_data_formats_do_not(runner, store):
    table = run(runner, store, "claims", "--outlet", "Valley Courier").output
    assert table.splitlines()[0] == "filters: outlet Valley Courier" and table.splitlines()[1].startswith("publisher")
    assert run(runner, store, "claims", "--outlet", "Valley Courier", "-f", "csv").output.startswith("claim,")
    assert not run(runner, store, "claims").output.startswith("filters")


def test_claims_that_the_filters_all_exclude_are_exit_3(runner, store):
    result = run(runner, store, "claims", "--since", "2030")
    assert result.exit_code == 3 and "the filters (since 2030-01-01) excluded every claim in the store" in result.output
    result = run(runner, store, "claims", "--figure", "7340", "--outlet", "Northern Ledger")
    assert result.exit_code == 3 and "excluded every claim that states 7340" in result.output


# -- bad options ------------------------------------------------------------------------------------

@pytest.mark.parametrize("command", [["trace", "1000"], ["independence", "1000"], ["report"], ["claims"]])
@pytest.mark.parametrize("option, value, message", [
    ("--since", "2025-13", "Error: --since '2025-13' is not a date: give YYYY-MM-DD, YYYY-MM (the whole month) or YYYY"),
    ("--until", "last week", "Error: --until 'last week' is not a date"),
    ("--since", "2025-02-29", "Error: --since '2025-02-29' is not a date"),
])
def test_a_bad_date_is_one_line_and_exit_2(runner, store, command, option, value, message):
    result = run(runner, store, *command, option, value)
    assert result.exit_code == 2
    assert result.output.startswith(message) and len(result.output.splitlines()) == 1


def test_since_after_until_is_refused(runner, store):
    result = run(runner, store, "claims", "--since", "2025-03", "--until", "2025-02")
    assert result.exit_code == 2 and result.output.strip() == (
        "Error: --since 2025-03 is after --until 2025-02: no article can be in between")


def test_an_unknown_measure_is_refused_as_before(runner, store):
    result = run(runner, store, "trace", "1000", "--measure", "bananas")
    assert result.exit_code == 2 and "names no measure newsprov knows" in result.output


# -- the figure's subject -----------------------------------------------------------------------

def test_subject_keeps_the_figures_whose_stated_subject_contains_the_words(runner, store):
    """'1,000 civilians' states whose the thousand is; the tanks, drones and meals state no one's."""
    assert traced_files(runner, store, "1000", "--subject", "CIVILIANS") == ["flood.txt"]
    assert traced_files(runner, store, "7340", "--subject", "russian") == ["repeat.txt"]  # 'Russia has now lost'
    assert claim_files(runner, store, "--subject", "civilian") == ["flood.txt"]


def test_a_subject_no_figure_states_excludes_everything_and_says_so(runner, store):
    result = run(runner, store, "trace", "7340", "--subject", "north korean")
    assert result.exit_code == 3
    assert "subject north korean" in result.output and "excluded" in result.output


def test_subject_is_a_clause_of_the_query_and_an_empty_one_is_refused(store):
    scope = Scope.parse(subject="  Russian   forces ")
    assert scope.subject == "Russian forces" and "figureSubject" in scope.where("?a", "?f")
    assert scope.as_dict()["subject"] == "Russian forces" and "subject Russian forces" in scope.header()
    with pytest.raises(InputError, match="subject"):
        Scope.parse(subject="  ")
    with open_store(store_location(str(store)), read_only=True) as opened:
        assert [o["article"]["source_file"] for o in trace(opened, "7340", scope=scope)] == ["repeat.txt"]
