"""`ingest --urls`: pages fetched politely from a site on 127.0.0.1, kept in a cache, read like
saved pages; failed URLs listed with why; bad lists refused before anything is fetched."""
from __future__ import annotations

import json
import time
from http.server import BaseHTTPRequestHandler

import pytest

from newsprov.cli import cli
from newsprov.crawl import Crawler, Failure, Page
from newsprov.graph.location import open_store
from newsprov.read.urls import read_url_list

from conftest import LocalSite

STORY = """<!doctype html><html><head><title>{title}</title>
<meta property="og:site_name" content="The Loopback Gazette"></head>
<body><article><h1>{title}</h1><p>{body}</p><p>The harbour board met again on Thursday evening to
discuss the repairs, and its chair said the work would take most of the spring.</p></article></body></html>"""

PAGES = {
    "/news/ferry.html": ("Ferry timetable changes", "The ferry company said on Monday that 14 crossings a week would be cut."),
    "/news/bridge.html": ("Bridge reopens", "Engineers told the council that 3 lanes of the old bridge were safe again."),
    "/news/market.html": ("Market moves indoors", "Stallholders said 42 pitches would move into the old tram depot."),
    "/news/moved-here.html": ("Library hours extended", "The library trust said it would open 6 evenings a week."),
    "/news/flaky.html": ("Tram fares frozen", "The transport office said fares would stay at 2 pounds until May."),
    "/private/draft.html": ("Unpublished draft", "This page is behind a robots rule and must never be fetched at all."),
}
ROBOTS = "User-agent: *\nDisallow: /private/\n"


class Site(LocalSite):
    """A small news site that records every request: its path, start and end."""

    def __init__(self, robots: str | None = ROBOTS, slow: float = 1.0):
        super().__init__()
        self.agents: set[str] = set()
        self.flaky_seen = 0
        self.robots, self.slow = robots, slow

    def answer(self, handler: BaseHTTPRequestHandler) -> None:
        path = handler.path
        self.agents.add(handler.headers.get("User-Agent", ""))
        if path == "/robots.txt":
            if self.robots is None:
                return self.send(handler, 404, "text/plain", b"no robots here")
            return self.send(handler, 200, "text/plain", self.robots.encode())
        if path == "/news/loop.html":
            return self.empty(handler, 302, Location="/news/loop.html")
        if path == "/news/old-address.html":
            return self.empty(handler, 301, Location="/news/moved-here.html")
        if path == "/news/flaky.html":
            self.flaky_seen += 1
            if self.flaky_seen == 1:
                return self.empty(handler, 503, **{"Retry-After": "0"})
        if path == "/news/slow.html":
            time.sleep(self.slow)
            return self.send(handler, 200, "text/html", b"<html><body><p>late</p></body></html>")
        if path == "/files/report.pdf":
            return self.send(handler, 200, "application/pdf", b"%PDF-1.4 not a page")
        if path == "/news/koi8.html":  # a charset no one knows in the header; the page says its own
            page = STORY.format(title="Bus routes", body="The depot said 9 routes would change in the spring.")
            page = page.replace("<head>", '<head><meta charset="koi8-u">').replace("Bus routes", "Bus маршрути")
            return self.send(handler, 200, "text/html; charset=x-unheard-of", page.encode("koi8-u"))
        if path == "/news/menu.html":
            return self.send(handler, 200, "text/html", b"<html><body><nav>Home | News</nav></body></html>")
        if path in PAGES:
            title, body = PAGES[path]
            return self.send(handler, 200, "text/html; charset=utf-8", STORY.format(title=title, body=body).encode())
        return self.send(handler, 404, "text/html", b"<html><body>gone</body></html>")

    @staticmethod
    def empty(handler, status: int, **headers: str) -> None:
        handler.send_response(status)
        for name, value in headers.items():
            handler.send_header(name, value)
        handler.send_header("Content-Length", "0")
        handler.end_headers()


@pytest.fixture
def site():
    served = Site()
    yield served
    served.close()


def _ingest(runner, store, *args):
    return runner.invoke(cli, ["ingest", "--store", str(store), "-q", "-f", "json", *args])


def _summary(result) -> dict:
    return json.loads(result.stdout)


def _store_urls(store) -> dict[str, str]:
    with open_store(store, read_only=True) as opened:
        rows = opened.select("""PREFIX schema: <https://schema.org/>
            SELECT ?url ?title WHERE { GRAPH ?g { ?a schema:url ?url . OPTIONAL { ?a schema:headline ?title } } }""")
    return {row["url"]: row.get("title") for row in rows}


def test_a_list_of_urls_is_fetched_politely_cached_and_ingested(runner, tmp_path, site):
    good = [f"{site.base}/news/ferry.html", f"{site.base}/news/bridge.html", f"{site.base}/news/market.html"]
    listing = tmp_path / "links.txt"
    listing.write_text("\n".join([
        "# stories to check", *good, "",
        f"{site.base}/news/old-address.html",  # a redirect
        f"{site.base}/news/flaky.html",  # 503 with Retry-After: 0, then 200
        f"{site.base}/news/gone.html",  # 404
        f"{site.base}/private/draft.html",  # robots.txt says no
        f"{site.base}/files/report.pdf",  # not HTML
        f"{site.base}/news/slow.html",  # slower than --timeout
        "ftp://127.0.0.1/nothing.html",  # not http(s)
        "http://",  # no host
    ]), encoding="utf-8")
    store, cache = tmp_path / "s.db", tmp_path / "pages"
    options = ["--urls", str(listing), "--delay", "0.15", "--timeout", "0.4", "--retries", "1", "--cache", str(cache)]

    result = _ingest(runner, store, *options)
    assert result.exit_code == 0, result.output
    summary = _summary(result)
    urls = summary["urls"]
    assert summary["added"] == 5 and urls["listed"] == 11 and urls["fetched"] == 5 and urls["cached"] == 0
    failed = {f["url"].rsplit("/", 1)[-1]: f["reason"] for f in urls["failed"]}
    assert set(failed) == {"gone.html", "draft.html", "report.pdf", "slow.html", "nothing.html", ""}
    assert "404" in failed["gone.html"] and "robots.txt" in failed["draft.html"]
    assert "application/pdf" in failed["report.pdf"] and "0.4 s" in failed["slow.html"]
    assert "http(s)" in failed["nothing.html"] and "host" in failed[""]
    for failure in urls["failed"]:  # and each said on stderr, one line each
        assert f"{failure['url']}: failed: {failure['reason']}" in result.stderr.splitlines()
    # the store holds the articles under the addresses they were read from (a redirect's final one)
    stored = _store_urls(store)
    assert set(stored) == {*good, f"{site.base}/news/moved-here.html", f"{site.base}/news/flaky.html"}
    assert stored[good[1]] == "Bridge reopens"
    # never the disallowed page; robots.txt asked once; the retried page twice; the slow one twice (a retry)
    paths = site.paths()
    assert "/private/draft.html" not in paths and paths.count("/robots.txt") == 1 and paths[0] == "/robots.txt"
    assert paths.count("/news/flaky.html") == 2 and paths.count("/news/slow.html") == 2
    assert site.agents and all(agent.startswith("newsprov/") for agent in site.agents)
    # one request at a time, at least --delay apart: no request starts before the previous one has
    # ended plus the delay (a redirect's next hop and a retry included); the client gives up on the
    # slow page at --timeout, while the server goes on sleeping
    ordered = sorted(site.requests, key=lambda r: r[1])
    for (before, begun, end), (path, start, _) in zip(ordered, ordered[1:]):
        assert start >= (begun + 0.4 if before == "/news/slow.html" else end) + 0.15 - 0.01, path

    # a rerun asks the network only for what may have passed (the slow page), and changes nothing
    before = len(site.requests)
    again = _ingest(runner, store, *options)
    assert again.exit_code == 0, again.output
    rerun = _summary(again)
    assert site.paths()[before:] == ["/news/slow.html", "/news/slow.html"]  # robots.txt is kept a day
    assert rerun["urls"]["cached"] == 5 and rerun["urls"]["fetched"] == 0 and rerun["unchanged"] == 5


def test_a_rerun_of_pages_that_all_came_back_makes_no_request(runner, tmp_path, site):
    listing = tmp_path / "links.txt"
    listing.write_text(f"{site.base}/news/ferry.html\n{site.base}/news/bridge.html\n", encoding="utf-8")
    store = tmp_path / "s.db"
    first = _ingest(runner, store, "--urls", str(listing), "--delay", "0")
    assert first.exit_code == 0, first.output
    assert (tmp_path / "s.db.pages").is_dir()  # the cache lives beside the store by default
    asked = len(site.requests)
    second = _ingest(runner, store, "--urls", str(listing), "--delay", "0")
    assert second.exit_code == 0 and len(site.requests) == asked
    assert _summary(second)["urls"]["cached"] == 2 and _summary(second)["unchanged"] == 2


def test_no_robots_txt_allows_everything_and_paths_go_with_urls(runner, tmp_path):
    served = Site(robots=None)
    try:
        listing = tmp_path / "links.txt"
        listing.write_text(f"{served.base}/private/draft.html\n", encoding="utf-8")
        page = tmp_path / "local.txt"
        page.write_text("The county council said on Friday that 12 new buses would enter service.\n", encoding="utf-8")
        result = _ingest(runner, tmp_path / "s.db", str(page), "--urls", str(listing), "--delay", "0")
        assert result.exit_code == 0, result.output
        assert _summary(result)["added"] == 2 and served.paths() == ["/robots.txt", "/private/draft.html"]
    finally:
        served.close()


def test_when_no_url_gives_an_article_nothing_is_written_and_the_exit_is_2(runner, tmp_path, site):
    listing = tmp_path / "links.txt"
    listing.write_text(f"{site.base}/news/gone.html\n{site.base}/news/menu.html\n", encoding="utf-8")
    store = tmp_path / "s.db"
    result = _ingest(runner, store, "--urls", str(listing), "--delay", "0")
    assert result.exit_code == 2
    assert result.stderr.splitlines()[-1].startswith("Error: none of the 2 URL(s) gave an article")
    assert f"{site.base}/news/menu.html: failed: no article text found" in result.stderr
    assert not store.exists()


def test_offline_is_a_failed_url_with_its_reason(runner, tmp_path):
    listing = tmp_path / "links.txt"
    listing.write_text("http://127.0.0.1:9/news.html\nhttp://no-such-host.invalid/news.html\n", encoding="utf-8")
    result = _ingest(runner, tmp_path / "s.db", "--urls", str(listing), "--delay", "0", "--retries", "0")
    assert result.exit_code == 2
    assert "http://127.0.0.1:9/news.html: failed: cannot connect (Connection refused)" in result.stderr
    assert ("http://no-such-host.invalid/news.html: failed: cannot resolve no-such-host.invalid (no network, or no "
            "such host)") in result.stderr
    assert "Traceback" not in result.output


def test_the_delay_holds_and_hosts_are_asked_side_by_side(tmp_path):
    one, two = Site(), Site()
    try:
        urls = [f"{site.base}{path}" for path in ("/news/ferry.html", "/news/bridge.html", "/news/market.html")
                for site in (one, two)]
        result = Crawler(tmp_path / "pages", delay=0.3).crawl(urls)
        assert all(isinstance(o, Page) for o in result.outcomes) and result.requests == 8
        for site in (one, two):
            ordered = sorted(site.requests, key=lambda r: r[1])
            assert len(ordered) == 4
            for (_, _, end), (_, start, _) in zip(ordered, ordered[1:]):
                assert start >= end + 0.3 - 0.01
        # the two hosts were not taken one after the other
        assert min(s for _, s, _ in two.requests) < max(e for _, _, e in one.requests)
    finally:
        one.close()
        two.close()


def test_backoff_doubles_and_gives_up_after_the_retries(tmp_path):
    served = Site()
    try:
        crawler = Crawler(tmp_path / "pages", delay=0, retries=2, backoff=0.1)
        served_answer = served.answer

        def no_retry_after(handler):
            if handler.path == "/news/flaky.html":
                return Site.empty(handler, 503)
            return served_answer(handler)

        served.answer = no_retry_after
        [outcome] = crawler.crawl([f"{served.base}/news/flaky.html"]).outcomes
        assert isinstance(outcome, Failure) and outcome.reason == "HTTP 503 (Service Unavailable), 3 tries"
        starts = [start for path, start, _ in served.requests if path == "/news/flaky.html"]
        gaps = [b - a for a, b in zip(starts, starts[1:])]
        assert len(gaps) == 2 and gaps[0] >= 0.1 - 0.01 and gaps[1] >= 0.2 - 0.01
    finally:
        served.close()


def test_a_long_retry_after_is_not_waited_for(tmp_path):
    served = Site()
    try:
        served.answer = lambda handler: Site.empty(handler, 429, **{"Retry-After": "3600"}) \
            if handler.path != "/robots.txt" else Site.empty(handler, 404)
        [outcome] = Crawler(tmp_path / "pages", delay=0).crawl([f"{served.base}/news/ferry.html"]).outcomes
        assert isinstance(outcome, Failure) and "wait 3600 s" in outcome.reason
    finally:
        served.close()


def test_a_redirect_loop_fails_the_url_without_going_round(tmp_path, site):
    [outcome] = Crawler(tmp_path / "pages", delay=0).crawl([f"{site.base}/news/loop.html"]).outcomes
    assert isinstance(outcome, Failure) and outcome.reason == "redirected in a loop or more than 5 times"
    assert site.paths() == ["/robots.txt", "/news/loop.html"]


# -- the list itself ------------------------------------------------------------------------------------

def test_csv_lists_use_the_url_column_or_the_only_column_of_urls(tmp_path):
    named = tmp_path / "export.csv"
    named.write_text("title,URL,source\nFerry,https://a.example/1,https://a.example/\nBridge,https://a.example/2,x\n",
                     encoding="utf-8")
    found = read_url_list(named)
    assert found.urls == ["https://a.example/1", "https://a.example/2"] and found.column == "URL"
    unnamed = tmp_path / "sheet.csv"
    unnamed.write_text("headline,address\nFerry,https://a.example/1\nBridge,https://a.example/2\n", encoding="utf-8")
    assert read_url_list(unnamed).column == "address"
    headless = tmp_path / "gdelt.tsv"
    headless.write_text("20250101\t12\thttps://a.example/1\n20250102\t7\thttps://a.example/2\n", encoding="utf-8")
    found = read_url_list(headless)
    assert found.urls == ["https://a.example/1", "https://a.example/2"] and found.column == "column 3"
    tabs = tmp_path / "20250101.export.CSV"  # tab-separated whatever the name says, with commas in places
    tabs.write_text("1\t20250101\tHarbour, North\t4\thttps://a.example/1\n"
                    "2\t20250101\tHarbour, South\t2\thttps://a.example/2\n", encoding="utf-8")
    found = read_url_list(tabs)
    assert found.urls == ["https://a.example/1", "https://a.example/2"] and found.column == "column 5"


def test_json_lines_lists_use_the_url_field(tmp_path):
    export = tmp_path / "export.jsonl"
    export.write_text('{"id": 1, "url": "https://a.example/1"}\n\n{"id": 2, "url": "https://a.example/1"}\n'
                      '{"id": 3, "url": "https://a.example/3"}\n', encoding="utf-8")
    found = read_url_list(export)
    assert found.urls == ["https://a.example/1", "https://a.example/3"] and found.repeated == 1
    assert found.form == "jsonl" and found.column == "url"


def test_csv_and_json_lines_lists_ingest(runner, tmp_path, site):
    csv_list = tmp_path / "export.csv"
    csv_list.write_text(f"title,link\nFerry,{site.base}/news/ferry.html\n", encoding="utf-8")
    jsonl_list = tmp_path / "export.jsonl"
    jsonl_list.write_text(json.dumps({"url": f"{site.base}/news/bridge.html"}) + "\n", encoding="utf-8")
    said = {csv_list: f"{csv_list}: URLs from the column 'link'", jsonl_list: f"{jsonl_list}: URLs from the field 'url'"}
    for listing in (csv_list, jsonl_list):
        result = runner.invoke(cli, ["ingest", "--store", str(tmp_path / "s.db"), "--urls", str(listing),
                                     "--delay", "0", "-f", "json"])
        assert result.exit_code == 0, result.output
        assert _summary(result)["added"] == 1 and said[listing] in result.stderr.splitlines()
    assert set(_store_urls(tmp_path / "s.db")) == {f"{site.base}/news/ferry.html", f"{site.base}/news/bridge.html"}


@pytest.mark.parametrize("name, content, says", [
    ("empty.txt", b"", "lists no URLs"),
    ("comments.txt", b"# nothing yet\n\n", "lists no URLs"),
    ("binary.txt", b"\x00\x01\x02PK\x03\x04" * 50, "binary"),
    ("latin.txt", "https://a.example/caf\xe9\n".encode("latin-1"), "not UTF-8"),
    ("prose.txt", b"This is an article, not a list of links.\n", "no line is an http(s) URL"),
    ("nourl.csv", b"title,date\nFerry,2025-01-01\n", "no column named url or link"),
    ("two.csv", b"a,b\nhttps://x.example/1,https://x.example/2\n", "2 columns hold URLs"),
    ("bad.csv", b'title,url\n"Ferry,https://a.example/1\n', "not a readable CSV"),
    ("bad.jsonl", b'{"url": "https://a.example/1"}\n{"url": \n', "bad.jsonl:2: not JSON"),
    ("nofield.jsonl", b'{"href": "https://a.example/1"}\n', "no url or link field"),
])
def test_a_bad_list_is_one_line_exit_2_and_nothing_fetched_or_written(runner, tmp_path, name, content, says):
    listing = tmp_path / name
    listing.write_bytes(content)
    store = tmp_path / "s.db"
    result = runner.invoke(cli, ["ingest", "--store", str(store), "--urls", str(listing)])
    assert result.exit_code == 2, result.output
    assert len(result.stderr.splitlines()) == 1 and says in result.stderr
    assert not store.exists() and not (tmp_path / "s.db.pages").exists()


def test_ingest_needs_paths_or_urls(runner, tmp_path):
    result = runner.invoke(cli, ["ingest", "--store", str(tmp_path / "s.db")])
    assert result.exit_code == 2 and "give PATHS" in result.stderr
    missing = runner.invoke(cli, ["ingest", "--store", str(tmp_path / "s.db"), "--urls", str(tmp_path / "no.txt")])
    assert missing.exit_code == 2 and "no such file" in missing.stderr


def test_ctrl_c_while_fetching_keeps_the_cache_writes_nothing_and_a_rerun_fetches_the_rest(tmp_path, site):
    import os
    import signal
    import subprocess
    import sys

    from conftest import ctrl_c_reaches_it

    listing = tmp_path / "links.txt"
    listing.write_text("".join(f"{site.base}{path}\n" for path in ("/news/ferry.html", "/news/bridge.html",
                                                                    "/news/market.html")), encoding="utf-8")
    store = tmp_path / "s.db"
    command = [sys.executable, "-m", "newsprov", "ingest", "--store", str(store), "--urls", str(listing),
               "--delay", "1"]
    process = subprocess.Popen(command, stderr=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
                               env={**os.environ, "PYTHONUNBUFFERED": "1", "NEWSPROV_PROGRESS": "lines"},
                               preexec_fn=ctrl_c_reaches_it)
    for line in process.stderr:  # one line per URL done
        if line.endswith(": fetched\n"):
            process.send_signal(signal.SIGINT)  # while it waits its turn for the second page
            break
    _out, err = process.communicate(timeout=60)
    assert process.returncode == 130, err
    last = err.strip().splitlines()[-1]
    assert last.startswith("Error: interrupted while fetching: 1 of 3 URL(s) are in the page cache") and "Traceback" not in err
    assert not store.exists()
    asked = len(site.requests)
    rerun = subprocess.run([*command[:-2], "--delay", "0", "-q"], capture_output=True, text=True, timeout=120)
    assert rerun.returncode == 0, rerun.stderr
    assert sorted(site.paths()[asked:]) == ["/news/bridge.html", "/news/market.html"]  # robots.txt was kept


def test_a_cache_that_cannot_be_written_is_one_line_and_exit_2(runner, tmp_path, site):
    listing = tmp_path / "links.txt"
    listing.write_text(f"{site.base}/news/ferry.html\n", encoding="utf-8")
    (tmp_path / "a-file").write_text("", encoding="utf-8")
    store = tmp_path / "s.db"
    result = runner.invoke(cli, ["ingest", "--store", str(store), "--urls", str(listing), "--delay", "0",
                                 "--cache", str(tmp_path / "a-file" / "pages")])
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [f"Error: cannot write the page cache {tmp_path / 'a-file' / 'pages'}: "
                                          f"Not a directory; choose another --cache"]
    assert not store.exists()


def test_a_charset_no_one_knows_in_the_header_gives_way_to_the_pages_own(runner, tmp_path, site):
    listing = tmp_path / "links.txt"
    listing.write_text(f"{site.base}/news/koi8.html\n", encoding="utf-8")
    result = _ingest(runner, tmp_path / "s.db", "--urls", str(listing), "--delay", "0")
    assert result.exit_code == 0, result.output
    assert _store_urls(tmp_path / "s.db") == {f"{site.base}/news/koi8.html": "Bus маршрути"}
