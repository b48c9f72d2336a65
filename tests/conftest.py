"""Canonical examples, named once and reused by every test that needs them."""
from __future__ import annotations

import threading
from http.server import BaseHTTPRequestHandler, HTTPServer
from pathlib import Path

import pytest
from click.testing import CliRunner

from newsprov.extract.pipeline import Pipeline
from newsprov.read import article_from_text

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
REFERENCE = ROOT / "seeds" / "reference"  # the General Staff's tallies, shipped with the demo corpus

# A British tabloid relaying the UK MoD, which credits the General Staff: a two-hop chain.
TABLOID_CHAIN = (
    "Russia lost 1,556 troops a day in January, the highest toll yet.\n"
    "A statement posted on X by the Ministry of Defence (MoD) this week added that: "
    "\u201cJanuary 2025 saw an average daily loss rate of 1,556, according to Ukrainian General Staff reporting.\n"
    "\u201cThis represents no significant change from December 2024\u2019s total of 1,570.\u201d\n"
)
# The same figure printed with no source at all.
UNATTRIBUTED = "The casualty rate averages 1,556 Russian personnel per day during these two months.\n"


@pytest.fixture(scope="session")
def pipeline() -> Pipeline:
    return Pipeline()


@pytest.fixture
def tabloid_article():
    return article_from_text(TABLOID_CHAIN, source_file="tabloid.txt", publisher="The Sun", published="2025-02")


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture
def store_path(tmp_path) -> Path:
    return tmp_path / "store.db"


@pytest.fixture(scope="session")
def seeded_store(tmp_path_factory) -> Path:
    """A store with the five seed articles ingested once for the whole session."""
    from newsprov.cli import cli

    path = tmp_path_factory.mktemp("seeded") / "newsprov.db"
    result = CliRunner().invoke(cli, ["ingest", "-q", "--store", str(path), str(SEEDS)])
    assert result.exit_code == 0, result.output
    return path


@pytest.fixture(scope="session")
def referenced_store(tmp_path_factory):
    """The seeds with the General Staff's personnel and equipment series."""
    from newsprov.cli import cli

    personnel = REFERENCE / "russia_losses_personnel.json"
    equipment = REFERENCE / "russia_losses_equipment.json"
    path = tmp_path_factory.mktemp("referenced") / "store.db"
    runner = CliRunner()
    for args in (["ingest", "-q", SEEDS],
                 ["reference", "add", personnel, "--source", "Ukrainian General Staff", "--measure", "personnel",
                  "--credited-as", "Ministry of Defence of Ukraine"],
                 ["reference", "add", equipment, "--source", "Ukrainian General Staff", "--measure", "tank",
                  "--measure", "aircraft", "--measure", "drone", "--measure", "helicopter"]):
        result = runner.invoke(cli, ["--store", str(path), *map(str, args)])
        assert result.exit_code == 0, result.output
    return path


def break_articles(monkeypatch, prefix: str) -> None:
    """Make the graphs of the articles whose file name starts with ``prefix`` invalid (no text,
    nif:isString), as a bug in graph building would, so that SHACL refuses them."""
    import newsprov.work as work_module  # where ingest calls it

    real = work_module.build_ntriples
    text_predicate = "<http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#isString>"

    def build_breaking(extraction, *args, **kwargs):
        text = real(extraction, *args, **kwargs)
        if extraction.article.source_file.startswith(prefix):
            text = "".join(line for line in text.splitlines(keepends=True) if text_predicate not in line)
        return text

    monkeypatch.setattr(work_module, "build_ntriples", build_breaking)


def one_line_error(result, code: int) -> str:
    """The command failed with ``code``, saying one line 'Error: ...' and no traceback; that line."""
    assert result.exit_code == code, result.output
    assert "Traceback" not in result.output
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("Error: "), result.output
    return lines[0]


def ctrl_c_reaches_it() -> None:
    """preexec_fn for a command a test stops with SIGINT: a shell running the tests in the
    background ignores SIGINT, and a child would inherit that and never see Ctrl-C."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_DFL)


@pytest.fixture
def decoy():
    """An HTTP server on 127.0.0.1 that counts the requests it gets: where a SERVICE call or a
    forged query would go. Yields its URL and the list of paths it was asked for."""
    hits: list[str] = []

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):
            hits.append(self.path)
            length = int(self.headers.get("Content-Length") or 0)
            if length:
                self.rfile.read(length)
            body = b'{"head":{"vars":[]},"results":{"bindings":[{}]}}'
            self.send_response(200)
            self.send_header("Content-Type", "application/sparql-results+json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        do_POST = do_GET

        def log_message(self, *args):
            pass

    server = HTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_port}/sparql", hits
    server.shutdown()
    server.server_close()


class LocalSite:
    """An HTTP server on 127.0.0.1, in threads of its own, for the tests that fetch: each GET is
    recorded as [path, start, end] (monotonic seconds) and answered by ``answer(handler)``."""

    def __init__(self):
        from http.server import ThreadingHTTPServer
        import time

        self.requests: list[list] = []
        site = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def do_GET(self):
                record = [self.path, time.monotonic(), None]
                site.requests.append(record)
                try:
                    site.answer(self)
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the client gave up waiting (a timeout)
                finally:
                    record[2] = time.monotonic()

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.base = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def answer(self, handler: BaseHTTPRequestHandler) -> None:
        handler.send_error(404)

    @staticmethod
    def send(handler, status: int, content_type: str, body: bytes) -> None:
        handler.send_response(status)
        handler.send_header("Content-Type", content_type)
        handler.send_header("Content-Length", str(len(body)))
        handler.end_headers()
        handler.wfile.write(body)

    def paths(self) -> list[str]:
        return [path for path, _, _ in self.requests]

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()
