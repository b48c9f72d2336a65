"""The `newsprov` command: one click group, thin commands.

Exit codes: 0 success (also when the reader of stdout goes away); 1 invalid data
(validate: does not conform; ingest: an article failed SHACL); 2 usage, input or
output error (an -o file or stdout that cannot be written); 3 not found (unknown
figure, no store, no citations to draw); 4 store error (locked, corrupt, read-only,
SPARQL server unreachable or failing); 70 internal error.
"""
from __future__ import annotations

import errno
import os
import functools
import json
import signal
import sys
import threading
from pathlib import Path

import click

from click.core import ParameterSource

from .contract import extraction_json
from .crawl import Crawler, default_cache
from .errors import EXIT_INTERNAL, EXIT_INVALID, InputError, NewsprovError, spell_settings
from .formats import GRAPH_FORMATS, TRACE_FORMATS
from .output import StdoutError, guarded_stdout, replaced_whole, silence_stdout
from .progress import ENV, CountingWriter, progress
from .read import iter_articles
from .read.articles import INPUT_FORMATS
from .read.decode import SURROGATE
from .read.urls import Joined, page_articles, read_url_list
from .render import independence_text, render, report_text, trace_columns, trace_rows, trace_text

FORMATS_ROWS = ["table", "csv", "json", "jsonl"]


def store_option(fn):
    return click.option(
        "--store", "store_path", envvar="NEWSPROV_STORE", type=click.Path(), metavar="PATH|URL",
        default=None, show_envvar=True,
        help="Store folder, or the http(s) URL of a SPARQL server (default ./newsprov.db; "
             "the environment variable NEWSPROV_STORE overrides).",
    )(fn)


def gazetteer_option(fn):
    return click.option(
        "--gazetteer", "gazetteers", multiple=True, type=click.Path(exists=True, dir_okay=False),
        help="Extra gazetteer (JSON Lines: id, label, type, country, aliases, wikidata, demonyms); repeatable.",
    )(fn)


def output_option(fn):
    return click.option(
        "-o", "--output", type=click.Path(dir_okay=False, path_type=Path), default=None,
        help="Write to this file instead of stdout.",
    )(fn)


def scope_options(fn):
    """--since, --until, --outlet, --measure and --subject, given to the command as one ``scope``
    (``analyse.scope.Scope``), which the analyses put into their queries."""
    @functools.wraps(fn)
    def command(*args, since, until, outlets, measure, subject, **kwargs):
        from .analyse.scope import Scope  # lazily: rdflib (through the vocabulary)

        return fn(*args, scope=Scope.parse(since, until, outlets, measure, subject), **kwargs)

    for option in reversed([
        click.option("--since", metavar="DATE",
                     help="Only articles published on or after DATE: YYYY-MM-DD, or YYYY-MM / YYYY from the first "
                          "day of that month or year. Articles with no date are left out; one dated only by month "
                          "or year is in only if that whole month or year is."),
        click.option("--until", metavar="DATE",
                     help="Only articles published on or before DATE: YYYY-MM-DD, or YYYY-MM / YYYY to the last day "
                          "of that month or year. Articles with no date are left out."),
        click.option("--outlet", "outlets", multiple=True, metavar="TEXT",
                     help="Only articles of this outlet: its publisher's name, or the web domain of the article's "
                          "URL (thesun.co.uk matches www.thesun.co.uk), case aside; repeatable: any of them."),
        click.option("--measure", metavar="TEXT",
                     help="Only figures of this measure's family ('tanks'; 'troops' and 'casualties' are one)."),
        click.option("--subject", metavar="TEXT",
                     help="Only figures whose stated subject (whose losses, votes, revenue) contains TEXT, case "
                          "aside ('russian' matches 'Russian forces'); figures that state none are left out."),
    ]):
        command = option(command)
    return command


def _headed(scope, text: str) -> str:
    """Text output, with the active filters on a first line when there are any."""
    return f"{scope.header()}\n{text}" if scope else text


def _emit(text: str, output: Path | None, fmt: str) -> None:
    """Text to stdout, or to the --output file with one line on stderr saying so."""
    if output is None:
        click.echo(text, nl=not text.endswith("\n"))
        return
    _write_output(output, fmt, lambda handle: handle.write(text.encode("utf-8")))


def _write_output(output: Path, fmt: str, write) -> None:
    """The --output file, replaced whole by what ``write(binary file)`` writes, or left as it
    was if that fails; one line on stderr says which."""
    existed = output.exists()
    try:
        with replaced_whole(output) as handle:
            write(handle)
    except OSError as exc:
        left = f"{output} is left as it was" if existed else "nothing was written"
        full = exc.errno in (errno.ENOSPC, errno.EFBIG, errno.EDQUOT)
        fix = "free some space or choose another --output" if full else "choose another --output"
        raise InputError(f"cannot write {output}: {exc.strerror or exc}; {left}; {fix}") from None
    _echo_err(f"wrote {output.stat().st_size} bytes of {fmt} to {output}")


def _store_location(path: str | None) -> str:
    """Which store a command uses: a --store given after the command, else one given before it
    (`newsprov --store PATH trace ...`), else NEWSPROV_STORE, else ./newsprov.db. Two different
    stores given on the command line, before and after the command, are an error (exit 2)."""
    from .graph.location import store_location  # lazily: rdflib (through the vocabulary)

    ctx = click.get_current_context()
    root = ctx.find_root()
    group_path = (root.obj or {}).get("store") if isinstance(root.obj, dict) else None
    own_given = ctx.get_parameter_source("store_path") == ParameterSource.COMMANDLINE
    group_given = root.get_parameter_source("store_path") == ParameterSource.COMMANDLINE
    if own_given and group_given and str(path) != str(group_path):
        raise InputError(f"two stores given: --store {group_path} before the command and --store {path} "
                         f"after it; give one")
    if not own_given and group_given:
        path = group_path
    elif path is None:
        path = group_path
    return store_location(str(path) if path else None)


def _open_store(path: str | None, read_only: bool):
    """The store a command uses (see _store_location), opened; an http(s) URL is a SPARQL server
    (read_only: send no updates)."""
    from .graph.location import open_store  # lazily: rdflib (through the vocabulary)

    return open_store(_store_location(path), read_only=read_only)


def _utf8(value: str, what: str) -> str:
    """A command-line value, refused if it is not UTF-8 (Python keeps such bytes as lone
    surrogates, which no store, file or terminal can take)."""
    found = SURROGATE.search(value)
    if found:
        raise InputError(f"{what} is not UTF-8 text (character {found.start() + 1}); give it in UTF-8")
    return value


def _query_text(path: Path) -> str:
    try:
        return path.read_bytes().decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InputError(f"{path}: the query is not UTF-8 text (byte {exc.start}); convert it with iconv -t utf-8") from None
    except OSError as exc:
        raise InputError(f"{path}: cannot read ({exc.strerror or exc})") from None


def _pipeline(gazetteers: tuple[str, ...]):
    # lazily: the extraction rules compile their patterns on import, which only extracting commands need
    from .extract.lexicon import load_lexicons
    from .extract.pipeline import Pipeline

    return Pipeline(load_lexicons(tuple(str(Path(g).resolve()) for g in gazetteers)))


def _echo_err(message: str) -> None:
    click.echo(spell_settings(message, option_flag), err=True)


def reading_options(fn):
    """--encoding, --input-format and --follow-links, for the commands that read articles."""
    fn = click.option(
        "--follow-links", is_flag=True,
        help="Follow symbolic links in folders that lead out of them (by default they are not read, and "
             "each is said on stderr). Links inside a folder, and files named here, are read anyway.")(fn)
    fn = click.option(
        "--input-format", type=click.Choice(INPUT_FORMATS), default="auto",
        show_default=True, help="What a named file or stdin holds; auto goes by the file name, else sniffs the "
                                "content. Files in folders always go by name.")(fn)
    return click.option(
        "--encoding", metavar="CODEC",
        help="Read text and pages in this encoding (e.g. cp1252, latin-1, cp1251) instead of UTF-8 "
             "or what is detected.")(fn)


def _articles(paths, encoding, input_format, follow_links, warn):
    """The articles under PATHS, every input checked before the first is yielded."""
    return iter_articles(list(paths), encoding=encoding, input_format=input_format, warn=warn,
                         follow_links=follow_links)


def option_flag(setting: str) -> str:
    """How the command line spells a setting an error names (``allow_service``: ``--allow-service``)."""
    return "--" + setting.replace("_", "-")


class Failure(click.ClickException):
    """A library error as the command line says it: ``Error: ...`` on stderr, its documented exit code."""
    def __init__(self, error: NewsprovError):
        super().__init__(error.format_message(option_flag))
        self.exit_code = error.exit_code

    def format_message(self) -> str:
        return self.message


class _Group(click.Group):
    """Says a library error as one line with its exit code, and an unexpected failure as one line
    (exit 70); NEWSPROV_DEBUG=1 shows the traceback."""
    def make_context(self, info_name, args, parent=None, **extra):
        try:
            return super().make_context(info_name, args, parent=parent, **extra)
        except NewsprovError as exc:
            raise Failure(exc) from None

    def invoke(self, ctx):

        try:
            with guarded_stdout():
                return super().invoke(ctx)
        except (click.exceptions.Exit, click.ClickException, click.exceptions.Abort, SystemExit):
            raise
        except NewsprovError as exc:
            raise Failure(exc) from None
        except (BrokenPipeError, StdoutError) as exc:
            # the reader went away ('newsprov extract seeds/ -f jsonl | head'): stop quietly, as
            # Unix tools do; a full disk is said. Either way Python must not fail again on what
            # is still buffered when it flushes stdout at exit.
            silence_stdout()
            if exc.errno == errno.EPIPE:
                ctx.exit(0)
            raise Failure(InputError(f"cannot write to standard output: {exc.strerror or exc}")) from None
        except Exception as exc:  # noqa: BLE001 - the last line of defence for users

            if os.environ.get("NEWSPROV_DEBUG"):
                raise
            click.echo(f"Error: internal error ({type(exc).__name__}: {exc}); "
                       f"rerun with NEWSPROV_DEBUG=1 for the traceback and report it", err=True)
            ctx.exit(EXIT_INTERNAL)


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="newsprov")
@click.option("--store", "store_path", envvar="NEWSPROV_STORE", type=click.Path(), metavar="PATH|URL", default=None,
              help="Store folder, or the http(s) URL of a SPARQL server, for every command "
                   "(default ./newsprov.db; NEWSPROV_STORE overrides).")
@click.pass_context
def cli(ctx, store_path):
    """newsprov: trace figures in news articles back to who said them first.

    \b
    Example:
      newsprov ingest seeds/
      newsprov trace 1556
      newsprov --store /data/news.db trace 48,240
      newsprov --store http://127.0.0.1:7878 ingest seeds/
    """
    ctx.ensure_object(dict)["store"] = store_path


def url_options(fn):
    """--urls and how its pages are fetched, for ingest."""
    fn = click.option("--cache", type=click.Path(file_okay=False, path_type=Path), default=None, metavar="DIR",
                      help="Keep fetched pages here (default: beside the store, STORE.pages); a rerun fetches "
                           "only what is not kept.")(fn)
    fn = click.option("--timeout", type=click.FloatRange(0, min_open=True), default=30.0, show_default=True,
                      metavar="SECONDS", help="With --urls: give up on a server silent for this long.")(fn)
    fn = click.option("--retries", type=click.IntRange(0, 10), default=3, show_default=True, metavar="N",
                      help="With --urls: try again N times after a 429, a 5xx, a timeout or a lost connection, "
                           "waiting 1, 2, 4, ... s (or a Retry-After of up to 60 s).")(fn)
    fn = click.option("--delay", type=click.FloatRange(0), default=1.0, show_default=True, metavar="SECONDS",
                      help="With --urls: wait this long between two requests to one host (longer if its "
                           "robots.txt asks).")(fn)
    return click.option("--urls", "urls_file", type=click.Path(path_type=Path), default=None, metavar="FILE",
                        help="Also fetch and ingest the pages listed in FILE: one URL a line, a CSV file with a "
                             "url or link column, or JSON Lines with a url field.")(fn)


@cli.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@store_option
@gazetteer_option
@url_options
@click.option("--skip-invalid", is_flag=True, help="Ingest the valid articles even if others fail SHACL.")
@click.option("-w", "--workers", type=click.IntRange(0), default=1, show_default=True,
              help="Processes for extraction and SHACL; 0 means one per core.")
@click.option("--batch-size", type=click.IntRange(1), default=500, show_default=True,
              help="Articles validated and written together, in one transaction.")
@click.option("--shacl-engine", type=click.Choice(["turbo", "pyshacl"]), default=None,
              help="SHACL engine (default: turbo when installed, else pyshacl; env NEWSPROV_SHACL).")
@click.option("--engine", type=click.Choice(["local", "dask"]), default="local", show_default=True,
              help="Where extraction runs: here (--workers), or on a Dask cluster (--scheduler).")
@click.option("--scheduler", envvar="NEWSPROV_DASK_SCHEDULER", show_envvar=True,
              help="Address of the Dask scheduler for --engine dask, e.g. tcp://10.0.0.5:8786.")
@reading_options
@click.option("-q", "--quiet", is_flag=True,
              help="Nothing on stderr but errors: no progress, refused articles or guessed encodings.")
@click.option("-f", "--format", "fmt", type=click.Choice(["text", "json"]), default="text", help="Summary format.")
def ingest(paths, store_path, gazetteers, urls_file, delay, retries, timeout, cache, skip_invalid, workers, batch_size,
           shacl_engine, engine, scheduler, encoding, input_format, follow_links, quiet, fmt):
    """Read articles, extract, validate with SHACL and store them.

    PATHS are files, folders (searched recursively for .txt, .html and .warc
    files) or - for stdin: plain text (.txt), web pages (.html: main text,
    title, date and outlet by trafilatura), JSON Lines (.jsonl, named: one
    article a line with text, url, publisher, published, title) and WARC
    crawls (.warc, .warc.gz). A metadata.csv or metadata.json in a folder
    (file, publisher, published, url, title) gives its texts' and pages'
    metadata. Text that is not UTF-8 is detected (and said) unless --encoding
    names it. A symbolic link that leads out of a folder is not read (and is
    said) unless --follow-links. Each article becomes one named graph;
    re-ingesting an unchanged article changes nothing.

    Articles are streamed in batches: each batch is checked with SHACL and
    written in one transaction, so memory does not grow with the corpus. A
    batch lands whole or not at all; an ingest that fits in one batch too. If
    an article fails validation (exit 1), its batch is not written; batches
    that landed before stay, and running the command again skips them.
    Ctrl-C stops the same way (exit 130) and says how many articles landed.

    --urls FILE fetches the pages FILE lists, politely (robots.txt obeyed,
    one request at a time per host, --delay between them, --retries on 429
    and 5xx), keeps them in --cache so a rerun fetches nothing, and reads
    each like a saved page, its address as its URL. A URL that fails (a bad
    address, no network, 404, timeout, not HTML, robots.txt) is said on
    stderr with why and does not stop the others (exit 0); if none gives an
    article, nothing is written (exit 2).

    \b
    Example:
      newsprov ingest seeds/
      newsprov ingest --urls links.txt --delay 2
      newsprov ingest --urls mediacloud-export.csv pages/ --cache ~/newsprov-pages
      newsprov ingest pages/ crawl.warc.gz articles.jsonl
      curl -s https://example.org/story.html | newsprov ingest - --input-format html
      newsprov ingest old-archive/ --encoding cp1252
      newsprov ingest shared/ --follow-links
      newsprov ingest corpus/ --workers 2 --skip-invalid --store /data/news.db
      newsprov ingest corpus/ --engine dask --scheduler tcp://127.0.0.1:8786
    """
    from .ingest import ingest as run_ingest  # lazily: rdflib (through the vocabulary)

    if engine == "dask" and not scheduler:
        raise InputError("--engine dask needs --scheduler ADDRESS (or NEWSPROV_DASK_SCHEDULER)")
    if engine == "local" and scheduler:
        raise InputError("--scheduler goes with --engine dask")

    if not paths and urls_file is None:
        raise InputError("nothing to ingest: give PATHS (files, folders or -), --urls FILE, or both")
    listed = _url_list(urls_file, None if quiet else _echo_err) if urls_file is not None else None
    articles = _articles(paths, encoding, input_format, follow_links, None if quiet else _echo_err) if paths else []
    lines = os.environ.get(ENV, "").strip() == "lines"
    from_urls = None
    if listed is not None:  # before the store is opened: when no URL gives an article, no store is made
        from_urls = _fetch_urls(listed, cache or _default_cache(store_path), delay, retries, timeout, encoding,
                                quiet, lines)
        articles = _joined(articles, from_urls)
    with _open_store(store_path, read_only=False) as store, \
            progress("ingesting", total=len(articles), unit="articles", enabled=not quiet and not lines) as bar:
        def report(message: str, kind: str) -> None:
            if kind == "phase":
                bar.describe(message)
                return
            bar.advance()
            if lines or (kind == "refused" and not quiet):
                _echo_err(message)

        summary = run_ingest(articles, store, None, tuple(str(Path(g).resolve()) for g in gazetteers), skip_invalid,
                             progress=report, workers=workers or os.cpu_count() or 1,
                             batch_size=batch_size, shacl=shacl_engine, scheduler=scheduler)
        data = summary.as_dict()
        data["store"] = str(store.path)
        data["store_triples"] = store.triple_count()
        if from_urls is not None:
            data["urls"] = _url_summary(urls_file, listed, from_urls)
    if fmt == "json":
        click.echo(json.dumps(data, indent=2))
    else:
        if from_urls is not None:
            click.echo(f"{len(listed.urls)} URLs: {from_urls.fetched} pages fetched, {from_urls.cached} from the cache, "
                       f"{len(from_urls.failed)} failed" + (" (listed on stderr)" if from_urls.failed else ""))
        click.echo(f"{summary.articles} articles: {summary.added} added, {summary.replaced} replaced, "
                   f"{summary.unchanged} unchanged, {len(summary.refused)} refused")
        click.echo(f"{summary.claims} claims, {summary.attributions} attributions, {summary.entities} entities, "
                   f"{summary.triples} triples written; the store at {data['store']} holds {data['store_triples']} triples")
        if summary.added or summary.replaced:
            click.echo(f"{summary.figure_links} figure links across articles, "
                       f"{summary.inferred_roots} inferred roots for unattributed figures"
                       + (f", {summary.reference_matches} reference matches" if summary.reference_matches else ""))


def _url_list(path: Path, warn):
    """The URLs listed in --urls FILE (a bad list: exit 2, before anything is fetched); says which column it used."""
    listed = read_url_list(path)
    if warn and listed.column:
        warn(f"{path}: URLs from the {'column' if listed.form == 'csv' else 'field'} {listed.column!r}")
    if warn and listed.repeated:
        warn(f"{path}: {listed.repeated} URL(s) listed more than once, fetched once")
    return listed


def _default_cache(store_path: str | None) -> Path:

    return default_cache(_store_location(store_path))


def _fetch_urls(listed, cache: Path, delay: float, retries: int, timeout: float, encoding, quiet: bool, lines: bool):
    """The articles of the listed pages; each failed URL said on stderr; none at all: exit 2."""
    with progress("fetching", total=len(listed.urls), unit="URLs", enabled=not quiet and not lines) as bar:
        def told(url, outcome) -> None:
            bar.advance()
            if lines and not hasattr(outcome, "reason"):  # failures are listed together below
                _echo_err(f"{url}: {'from the cache' if outcome.from_cache else 'fetched'}")

        crawled = Crawler(cache, delay=delay, retries=retries, timeout=timeout, progress=told).crawl(listed.urls)
    found = page_articles(crawled, encoding)
    for failure in found.failed:
        _echo_err(f"{failure.url}: failed: {failure.reason}")
    if not found.articles:
        raise InputError(f"none of the {len(listed.urls)} URL(s) gave an article (first: {found.failed[0].url}: "
                         f"{found.failed[0].reason}); nothing was written")
    return found


def _joined(articles, from_urls):

    return Joined(articles, from_urls)


def _url_summary(path: Path, listed, found) -> dict:
    return {"list": str(path), "form": listed.form, "column": listed.column, "listed": len(listed.urls),
            "repeated": listed.repeated, "fetched": found.fetched, "cached": found.cached,
            "requests": found.requests, "articles": len(found.articles),
            "failed": [{"url": f.url, "reason": f.reason} for f in found.failed]}


@cli.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@gazetteer_option
@click.option("-f", "--format", "fmt", type=click.Choice(["json", "jsonl", "turtle", "nquads"]), default="json",
              help="json: a list, one object per article; jsonl: one article per line; turtle: the RDF; "
                   "nquads: each article's named graph as ingest stores it, streamed.")
@reading_options
@click.option("-q", "--quiet", is_flag=True, help="Say nothing on stderr of guessed encodings or skipped pages.")
def extract(paths, gazetteers, fmt, encoding, input_format, follow_links, quiet):
    """Extract entities, figures, attributions and claims, without a store.

    PATHS are read as by `ingest`: text, HTML, JSON Lines, WARC, folders, or
    - for stdin. jsonl and nquads stream: each article is written as soon as
    it is done, so memory stays flat. The N-Quads are exactly what `ingest` stores (one
    named graph per article, with its fingerprint), ready for a bulk loader.

    \b
    Example:
      newsprov extract seeds/000_2315ef88bd53205f.txt
      newsprov extract seeds/ --format jsonl > extraction.jsonl
      echo "Kyiv said 1,556 soldiers were killed." | newsprov extract -
      newsprov extract corpus/ --format nquads | gzip > corpus.nq.gz
    """
    pipeline = _pipeline(gazetteers)
    articles = _articles(paths, encoding, input_format, follow_links, None if quiet else _echo_err)
    if fmt in ("jsonl", "nquads"):  # one article at a time, written as it is done
        from .work import article_nquads  # lazily: rdflib (through the vocabulary)

        resolved = tuple(str(Path(g).resolve()) for g in gazetteers)
        out = sys.stdout
        for article in articles:
            if fmt == "nquads":
                out.write(article_nquads(article, pipeline, resolved))
            else:
                out.write(json.dumps(extraction_json(pipeline.run(article)), ensure_ascii=False) + "\n")
        out.flush()
        return
    extractions = [pipeline.run(a) for a in articles]
    if fmt == "turtle":
        from rdflib import Graph  # lazily: rdflib, for this command only

        from .graph.build import build_graph  # lazily: rdflib (through the vocabulary)
        from .graph.vocab import bind  # lazily: rdflib (through the vocabulary)

        merged = bind(Graph())
        for x in extractions:
            merged += build_graph(x, pipeline.publisher_entity(x.article.publisher))
        click.echo(merged.serialize(format="turtle"))
        return
    click.echo(json.dumps([extraction_json(x) for x in extractions], indent=2, ensure_ascii=False))


@cli.command()
@click.argument("figure_or_claim")
@click.option("--article", help="Only this article (its id, file name or IRI).")
@click.option("-f", "--format", "fmt", type=click.Choice(["text", "json", "csv", *TRACE_FORMATS]), default="text",
              help="text: a tree; json: the occurrences; csv: one row per hop of each chain; "
                   "svg or html: a picture of the chains (html is interactive).")
@scope_options
@output_option
@store_option
def trace(figure_or_claim, article, scope, fmt, output, store_path):
    """Trace a figure or claim in every article to its root source.

    FIGURE_OR_CLAIM is a number as written or not ("1556", "1,556", "half a
    million") or a claim IRI. Each occurrence is shown as a chain from the
    article's outlet to the root source, which is marked; exit 3 if the figure
    occurs nowhere, or if the filters leave none of its occurrences.

    csv has one row per hop, outermost first, numbered by occurrence; the
    last hop has root=true. A figure printed with no source has one row with
    no hop, then its probable roots (inferred=true, best rank first).

    \b
    Example:
      newsprov trace 1556
      newsprov trace 48,240 --format json
      newsprov trace 1556 --format csv -o trace-1556.csv
      newsprov trace 1556 --format html -o trace-1556.html
      newsprov trace 1,000 --since 2025-01 --until 2025-03 --outlet "The Sun" --outlet gbnews.com
    """
    from .analyse.trace import orphaned_corrections, trace as run_trace  # lazily: rdflib and networkx
    from .draw import trace_picture  # lazily: the drawing modules, for the picture formats only

    with _open_store(store_path, read_only=True) as store:
        for orphan in orphaned_corrections(store, figure_or_claim):
            _echo_err(f"correction {orphan['id']} by {orphan['by']} on {orphan['at'][:10]} is {orphan['status']}; "
                      f"it is not applied (`newsprov corrections list` shows it)")
        occurrences = run_trace(store, figure_or_claim, article, scope=scope)
    if fmt == "json":
        text = json.dumps(occurrences, indent=2, ensure_ascii=False)
    elif fmt == "csv":
        text = render(trace_rows(occurrences), "csv", trace_columns(occurrences))
    elif fmt in TRACE_FORMATS:
        text = trace_picture(occurrences, figure_or_claim, fmt)
    else:
        text = _headed(scope, trace_text(occurrences, figure_or_claim))
    _emit(text, output, fmt)


@cli.command()
@click.option("-f", "--format", "fmt", type=click.Choice(GRAPH_FORMATS), default="html",
              help="html: one self-contained interactive page; svg; dot for Graphviz; graphml or gexf for Gephi.")
@output_option
@store_option
def graph(fmt, output, store_path):
    """Draw the citation network: who cites whom, weighted by claims.

    Outlets and articles that only cite are on the left, relays in the middle,
    primary sources on the right; colours are entity types, a source's size
    the claims credited to it, a citation's width the claims along it. Exit 3
    if the store holds no citations.

    \b
    Example:
      newsprov graph -o citations.html
      newsprov graph --format gexf -o citations.gexf
      newsprov graph --format dot | dot -Tpng > citations.png
    """
    from .analyse.network import citation_graph  # lazily: rdflib and networkx
    from .draw import citation_picture  # lazily: the drawing modules, for the picture formats only

    with _open_store(store_path, read_only=True) as store:
        network = citation_graph(store)
    _emit(citation_picture(network, fmt), output, fmt)


@cli.command()
@click.argument("sparql", required=False)
@click.option("--file", "query_file", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="Read the query from a file.")
@click.option("-e", "--example", help="Run a shipped example query by name (see --list).")
@click.option("--list", "list_examples", is_flag=True, help="List the shipped example queries.")
@click.option("-f", "--format", "fmt", type=click.Choice(FORMATS_ROWS), default="table")
@click.option("--allow-service", is_flag=True,
              help="Let the query call other SPARQL endpoints with SERVICE (refused without it).")
@store_option
def query(sparql, query_file, example, list_examples, fmt, allow_service, store_path):
    """Run a SPARQL query over all articles (the union of their graphs).

    The prefixes np, npid, prov, schema, nif, itsrdf, skos, owl, rdf, rdfs,
    xsd and wd are predeclared. SELECT gives rows, ASK true or false,
    CONSTRUCT and DESCRIBE Turtle. Invalid SPARQL exits 2 with the error.
    A query with FROM or FROM NAMED reads the graphs it names instead of
    the union. SERVICE, which makes this machine call another endpoint, is
    refused (exit 2) unless --allow-service is given.

    \b
    Example:
      newsprov query --example claims-by-root-source
      newsprov query 'SELECT ?s (COUNT(*) AS ?n) WHERE { ?c prov:wasAttributedTo ?s } GROUP BY ?s'
    """
    from .queries import example_queries, load_example  # lazily: rdflib (through the vocabulary)

    if list_examples:
        rows = [{"name": name, "description": description} for name, description in example_queries()]
        click.echo(_render(rows, fmt))
        return
    chosen = [x for x in (sparql, query_file, example) if x]
    if len(chosen) != 1:
        raise InputError("give exactly one of: a SPARQL string, --file FILE or --example NAME")
    text = _query_text(query_file) if query_file else load_example(example) if example else _utf8(sparql, "the query")
    from .queries import run_query  # lazily: rdflib (through the vocabulary)

    with _open_store(store_path, read_only=True) as store:
        kind, payload = run_query(store, text, allow_service=allow_service)
    if kind == "rows":
        if not payload:
            _echo_err("no rows")  # said, not printed: standard output holds no blank lines
            if fmt == "json":
                click.echo("[]")  # still a JSON document for the program reading it
            return
        click.echo(_render(payload, fmt))
    elif kind == "boolean":
        click.echo(json.dumps(payload) if fmt in ("json", "jsonl") else ("true" if payload else "false"))
    else:
        click.echo(payload)


@cli.command()
@click.option("-f", "--format", "fmt", type=click.Choice(["turtle", "nt", "nquads", "trig", "jsonld", "xml"]),
              default="turtle", help="turtle, nt and xml merge all graphs; nquads, trig and jsonld keep one named "
                                     "graph per article; jsonld is compacted with the project's prefixes.")
@output_option
@store_option
def export(fmt, output, store_path):
    """Export the store as RDF.

    nquads, trig and jsonld keep one named graph per article, named by the
    article's IRI; turtle, nt and xml merge the graphs into one. turtle, trig,
    xml and jsonld use the prefixes np, npid, prov, schema, nif, itsrdf, skos,
    owl, rdf, rdfs, xsd and wd; jsonld declares them as its @context (the
    same context is ontology/context.jsonld), so its keys read np:hasFigure.

    -o FILE is replaced only once the whole export is written: a write that
    fails (a full disk) leaves the old file as it was.

    A long export shows its progress on stderr (bytes written, rate, time)
    when stderr is a terminal and the data does not go to that terminal;
    NEWSPROV_PROGRESS=1 shows it anyway, NEWSPROV_PROGRESS=0 never.

    \b
    Example:
      newsprov export --format trig -o corpus.trig
      newsprov export --format jsonld -o corpus.jsonld
      newsprov export > corpus.ttl
    """
    with _open_store(store_path, read_only=True) as store:
        if output:
            def write(handle):
                with progress(f"exporting {fmt} to {output.name}", unit="bytes") as bar:
                    store.export(fmt, CountingWriter(handle, bar))

            _write_output(output, fmt, write)
        else:
            # data and a progress display on the same terminal would garble each other
            with progress(f"exporting {fmt}", unit="bytes", enabled=not sys.stdout.isatty()) as bar:
                store.export(fmt, CountingWriter(sys.stdout.buffer, bar))
            sys.stdout.buffer.flush()


@cli.command()
@click.option("--figure", help="Only the claims that state this figure, as written or not (1556, 1,556, half a million).")
@click.option("-f", "--format", "fmt", type=click.Choice(FORMATS_ROWS), default="table",
              help="table: the main columns; csv, json and jsonl: every column.")
@scope_options
@output_option
@store_option
def claims(figure, scope, fmt, output, store_path):
    """List every claim, one row each: article, figures, first hop and root source.

    \b
    Columns (csv, json, jsonl):
      claim, article, article_iri, source_file, publisher, published, title
      text, start, end            the claim as written and its offsets
      figure_value, figure_text, qualifier, hedge, unit, measure, period
      attributed, first_hop, first_hop_iri, cue, hops
      root, root_iri, root_status (named, vague or unattributed)
      inferred_root, inferred_root_iri

    A claim with several figures lists them in text order in each figure
    column (a list in json, separated by "; " in csv). first_hop and root
    come from the chain the article states; inferred_root holds the probable
    roots of a claim printed with no source, best first, and is empty when a
    source is stated. An empty cell is unknown or absent. In csv, a cell that
    starts like a spreadsheet formula (=, +, -, @) gets a leading ' unless it
    is a plain number. Exit 3 if the --figure occurs nowhere, or if the
    filters leave no claim; the table then starts with a line naming them.

    \b
    Example:
      newsprov claims
      newsprov claims --format csv -o claims.csv
      newsprov claims --figure 1556 --format json
      newsprov claims --since 2025-01 --outlet "The Sun" --outlet gbnews.com --measure tanks
    """
    from .analyse.claims import claims as list_claims, columns_of  # lazily: rdflib and networkx

    with _open_store(store_path, read_only=True) as store:
        rows = list_claims(store, figure, scope)
    columns = columns_of(rows, table=True) if fmt == "table" else columns_of(rows) if fmt == "csv" else None
    text = _render(rows, fmt, columns)
    _emit(_headed(scope, text) if fmt == "table" else text, output, fmt)


@cli.command()
@click.argument("claim")
@click.option("--source", "source_label", metavar="LABEL",
              help="The claim's root source, who said it first: replaces the extracted chain.")
@click.option("--via", multiple=True, metavar="LABEL",
              help="With --source: a relay the claim came through, outermost first (the source the article "
                   "credits first); repeatable.")
@click.option("--confirm", is_flag=True, help="Instead of --source: the extracted chain is right.")
@click.option("--reject", is_flag=True, help="Instead of --source: the extracted chain is wrong, and no source is known.")
@click.option("--note", required=True, metavar="TEXT", help="Why: what the text says, what was checked.")
@click.option("--by", metavar="NAME", envvar="NEWSPROV_USER", show_envvar=True,
              help="Who makes the correction (default: NEWSPROV_USER, else the login name).")
@click.option("--at", metavar="TIME", help="When the judgement was made, ISO 8601 (2026-01-15T10:00:00Z; "
                                          "no zone: UTC); default now.")
@click.option("--article", help="With a figure: the article it is in (its id, file name or IRI).")
@click.option("-f", "--format", "fmt", type=click.Choice(["text", "json"]), default="text")
@store_option
def correct(claim, source_label, via, confirm, reject, note, by, at, article, fmt, store_path):
    """Correct a claim's attribution chain, or confirm or reject it, with a note.

    CLAIM is a claim IRI, or a figure as `trace` reads it (1556, 1,556) with
    --article when several claims state it (several: exit 2, naming them;
    none: exit 3). The judgement is kept in a graph of its own, with who, when
    and why, and anchored to the claim's text: re-ingesting the article keeps
    it. trace, claims, independence and report then use it, marked apart
    from what was extracted. The chain is --via relays (outermost first),
    then --source, the root; each name is resolved through the gazetteer.

    \b
    Example:
      newsprov correct 1556 --article 002_5fb06999ae962a69.txt \\
          --source "General Staff of the Armed Forces of Ukraine" --note "the tally is the General Staff's"
      newsprov correct 1556 --article 000_2315ef88bd53205f.txt --confirm --note "checked against the text"
      newsprov correct https://w3id.org/newsprov/id/claim/... --reject --by "A. Researcher" --note "misread"
    """
    from .corrections import add_correction  # lazily: rdflib and networkx

    chosen = [name for name, given in (("--source", source_label), ("--confirm", confirm), ("--reject", reject)) if given]
    if len(chosen) != 1:
        raise InputError("give one of --source LABEL, --confirm or --reject")
    if via and not source_label:
        raise InputError("--via goes with --source")
    verdict = "replaced" if source_label else "confirmed" if confirm else "rejected"
    sources = [_utf8(label, "--via") for label in via] + ([_utf8(source_label, "--source")] if source_label else [])
    _open_store(store_path, read_only=True).close()  # no store: exit 3, and none is created
    with _open_store(store_path, read_only=False) as store:
        made = add_correction(store, _utf8(claim, "CLAIM"), verdict, _utf8(note, "--note"),
                              _utf8(by, "--by") if by else None, sources, article, at)
    summary = {**made.summary(), "claim": made.claim, "figures": list(made.figures),
               "chain": [h["label"] for h in made.hops]}
    if fmt == "json":
        click.echo(json.dumps(summary, indent=2, ensure_ascii=False))
        return
    what = {"replaced": "chain corrected to " + " → ".join(summary["chain"]), "confirmed": "chain confirmed",
            "rejected": "chain rejected"}[made.verdict]
    click.echo(f"{made.id}: {', '.join(made.figures) or 'the claim'}: {what}, by {made.by} on {made.at[:10]}")


@cli.group()
def corrections():
    """The corrections people have made: list, remove, export as gold.

    \b
    Example:
      newsprov corrections list
      newsprov corrections remove c-0123456789ab
      newsprov corrections export gold/ && newsprov eval gold/
    """

@corrections.command(name="list")
@click.option("-f", "--format", "fmt", type=click.Choice(FORMATS_ROWS), default="table")
@store_option
def corrections_list(fmt, store_path):
    """List every correction: verdict, chain, who, when, and whether it still applies.

    A correction whose claim's text is no longer in the store (the article
    changed) is listed as orphaned, and applied nowhere.

    \b
    Example:
      newsprov corrections list --format json
    """
    from .corrections import correction_rows  # lazily: rdflib and networkx

    with _open_store(store_path, read_only=True) as store:
        rows = correction_rows(store)
    if not rows:
        _echo_err("no corrections")
        if fmt == "json":
            click.echo("[]")
        return
    click.echo(_render(rows, fmt, ["id", "verdict", "figures", "chain", "by", "at", "status", "note"]
                       if fmt == "table" else None))


@corrections.command(name="remove")
@click.argument("correction_id", metavar="ID")
@store_option
def corrections_remove(correction_id, store_path):
    """Remove a correction by its id or IRI; exit 3 if there is none.

    \b
    Example:
      newsprov corrections remove c-0123456789ab
    """
    from .corrections import remove_correction  # lazily: rdflib and networkx

    _open_store(store_path, read_only=True).close()  # no store: exit 3, and none is created
    with _open_store(store_path, read_only=False) as store:
        gone = remove_correction(store, correction_id)
    _echo_err(f"removed {gone.id}")


@corrections.command(name="export")
@click.argument("folder", type=click.Path(file_okay=False, path_type=Path))
@store_option
def corrections_export(folder, store_path):
    """Write the corrections as gold for `newsprov eval`: NAME.gold.json beside each article's text.

    Each corrected or confirmed claim's figures are gold figures whose chain
    is the corrected (or confirmed) one. A rejection names no right chain and
    an orphaned correction no figure: neither is written, both are counted.

    \b
    Example:
      newsprov corrections export gold/
      newsprov eval gold/ --errors
    """
    from .corrections import export_gold  # lazily: rdflib and networkx

    with _open_store(store_path, read_only=True) as store:
        done = export_gold(store, folder)
    _echo_err(f"wrote {done['figures']} gold figure(s) of {done['articles']} article(s) to {folder}"
              + (f"; left out {done['rejected']} rejection(s)" if done["rejected"] else "")
              + (f"; left out {done['orphaned']} orphaned correction(s)" if done["orphaned"] else ""))


@cli.command()
@click.option("-f", "--format", "fmt", type=click.Choice(["text", "json"]), default="text")
@click.argument("rdf_file", required=False, type=click.Path(exists=True, dir_okay=False, path_type=Path))
@store_option
def validate(fmt, rdf_file, store_path):
    """Check the store (or an RDF file) against the SHACL shapes.

    Exit 0 if it conforms, 1 if it does not, 2 on a usage or load error.
    Warnings (soft gaps such as a figure with no attribution) never fail.

    \b
    Example:
      newsprov validate
      newsprov validate export.ttl --format json
    """
    from rdflib import Dataset, Graph  # lazily: rdflib, for this command only

    from .check import report_text as shacl_report, validate as run_validate  # lazily: rdflib, pySHACL

    if rdf_file:
        try:
            graph = Graph().parse(rdf_file)
        except Exception as exc:  # rdflib raises many parser types
            raise InputError(f"{rdf_file}: cannot parse as RDF ({str(exc).splitlines()[0] if str(exc) else type(exc).__name__})") from None
    else:
        with _open_store(store_path, read_only=True) as store:
            nquads = store.export("nquads")
        graph = Graph()
        dataset = Dataset()
        dataset.parse(data=nquads, format="nquads")
        for quad in dataset.quads((None, None, None, None)):
            graph.add(quad[:3])
    conforms, _results, findings = run_validate(graph)
    if fmt == "json":
        click.echo(json.dumps({"conforms": conforms, "findings": findings}, indent=2))
    else:
        click.echo(shacl_report(conforms, findings))
    if not conforms:
        sys.exit(EXIT_INVALID)


@cli.command()
@click.option("-f", "--format", "fmt", type=click.Choice(FORMATS_ROWS), default="table")
@store_option
def sources(fmt, store_path):
    """List every source: claims credited, articles, whom it cites, who cites it.

    \b
    Example:
      newsprov sources
      newsprov sources --format csv > sources.csv
    """
    from .analyse.sources import sources as list_sources  # lazily: rdflib and networkx

    with _open_store(store_path, read_only=True) as store:
        rows = list_sources(store)
    click.echo(_render(rows, fmt, ["source", "type", "claims", "articles", "cites", "cited_by"]
                       if fmt in ("table", "csv") else None))


@cli.command()
@click.argument("figure", required=False)
@click.option("--linked", is_flag=True, help="The whole story: also every figure linked to it (daily averages, rounded "
                                             "forms) that is in scope of the filters.")
@scope_options
@click.option("-f", "--format", "fmt", type=click.Choice(["text", "json"]), default="text")
@store_option
def independence(figure, linked, scope, fmt, store_path):
    """How many outlets carry a figure, and how many independent sources stand behind it.

    A source that, for this figure, cites another (the UK MoD citing the
    General Staff) is a relay, not a second source; a figure found in a
    reference series counts for the series' source, whoever the article
    credits; an unattributed repeat of a figure adds no source (inferred).
    With no FIGURE, --measure takes every figure of that measure. The
    filters count only the articles and figures in scope, linked ones too.
    Exit 3 if the figure occurs nowhere, or the filters leave none of it.

    \b
    Example:
      newsprov independence 1556
      newsprov independence 48,240 --linked --format json
      newsprov independence --measure tanks
      newsprov independence 1,000 --measure casualties --since 2025 --outlet "The Sun"
    """
    from .analyse.independence import independence as run  # lazily: rdflib and networkx

    if not figure and not scope.measure:
        raise InputError("give a FIGURE, or --measure MEASURE for every figure of a measure")
    with _open_store(store_path, read_only=True) as store:
        result = run(store, figure, linked, scope)
    shown_scope = scope if figure else scope.without_measure()  # the measure alone is the question
    click.echo(json.dumps(result, indent=2, ensure_ascii=False) if fmt == "json"
               else _headed(shown_scope, independence_text(result)))


@cli.command()
@scope_options
@click.option("-f", "--format", "fmt", type=click.Choice(["text", "json"]), default="text")
@store_option
def report(scope, fmt, store_path):
    """A corpus report: single-source stories, unattributed figures per outlet,
    misattributions, drift, most-cited primary sources and relays.

    With filters, every part is computed from the articles and figures in
    scope only: stories are linked figures in scope, relays come from their
    claims. Exit 3 if the filters leave no figure.

    \b
    Example:
      newsprov report
      newsprov report --format json > report.json
      newsprov report --since 2025-01-01 --until 2025-03-31 --outlet "GB News"
    """
    from .analyse.independence import report as run  # lazily: rdflib and networkx

    with _open_store(store_path, read_only=True) as store:
        result = run(store, scope)
    click.echo(json.dumps(result, indent=2, ensure_ascii=False) if fmt == "json" else _headed(scope, report_text(result)))


@cli.group()
def reference():
    """Reference series: a primary source's own tally, to check figures against.

    \b
    Example:
      newsprov reference add seeds/reference/russia_losses_personnel.json \\
          --source "General Staff of the Armed Forces of Ukraine" --measure personnel
      newsprov reference fetch
      newsprov reference list
    """

@reference.command(name="add")
@click.argument("file", metavar="FILE|URL")
@click.option("--source", "source_label", required=True,
              help="Who publishes the series; a gazetteer name or alias links it to the same entity as in the articles.")
@click.option("--measure", "measures", multiple=True, required=True,
              help="A column of the file, named like a measure ('personnel', 'tank'), or COLUMN=MEASURE "
                   "('APC=armoured vehicles'); repeatable.")
@click.option("--credited-as", "credited_as", multiple=True,
              help="A body that may fairly be credited for the series (a ministry that republishes it); repeatable.")
@click.option("--timeout", type=click.FloatRange(0, min_open=True), default=30.0, show_default=True,
              metavar="SECONDS", help="With a URL: give up when the server has not answered for this long.")
@click.option("-f", "--format", "fmt", type=click.Choice(FORMATS_ROWS), default="table")
@store_option
def reference_add(file, source_label, measures, credited_as, timeout, fmt, store_path):
    """Load a daily cumulative series and match every figure in the store against it.

    FILE is a JSON list of records (or a CSV file) with a "date" (YYYY-MM-DD)
    and one number per column: the cumulative total as published that day.
    An http(s) URL is downloaded (a redirect followed, a web page, an error
    or a download cut short refused in one line, nothing loaded); the URL,
    the time and the digest of the download are kept with the series.
    Each --measure column becomes one series, stored in its own named graph;
    adding the same source's column again replaces it. Figures are matched as
    the total on a date, the difference over a calendar month and the daily
    average over a month; see `newsprov trace` and `newsprov report`.

    \b
    Example:
      newsprov reference add seeds/reference/russia_losses_personnel.json \\
          --source "General Staff of the Armed Forces of Ukraine" --measure personnel \\
          --credited-as "Ministry of Defence of Ukraine"
      newsprov reference add seeds/reference/russia_losses_equipment.json --source "Ukrainian General Staff" \\
          --measure tank --measure "APC=armoured vehicles" --measure aircraft
      newsprov reference add https://raw.githubusercontent.com/PetroIvaniuk/2022-Ukraine-Russia-War-Dataset/main/data/russia_losses_personnel.json \\
          --source "General Staff of the Armed Forces of Ukraine" --measure personnel
    """
    from .derived import add_series  # lazily: rdflib (through the vocabulary)

    source_label = _utf8(source_label, "--source")
    measures = [_utf8(m, "--measure") for m in measures]
    credited_as = [_utf8(c, "--credited-as") for c in credited_as]
    with _open_store(store_path, read_only=False) as store:
        rows = add_series(store, _utf8(file, "FILE"), source_label, measures, credited_as, timeout)
    _series_loaded(rows, fmt)


def _series_loaded(rows, fmt) -> None:
    click.echo(_render(rows, fmt, ["series", "measure", "days", "first", "last", "changed", "matches"]
                       if fmt in ("table", "csv") else None))


@reference.command(name="fetch")
@click.option("--url", "urls", multiple=True, metavar="URL",
              help="Download this URL instead (a mirror, or a pinned version); its file name says which series "
                   "it holds, unless --source and --measure are given. Repeatable.")
@click.option("--base-url", envvar="NEWSPROV_REFERENCE_BASE_URL", show_envvar=True, metavar="URL|FOLDER",
              help="Where the files are: the dataset's raw data/ folder by default; another URL, or a folder "
                   "holding a copy (seeds/reference).")
@click.option("--source", "source_label", help="With --url: who publishes the series (as for reference add).")
@click.option("--measure", "measures", multiple=True, help="With --url: a column to load (as for reference add); repeatable.")
@click.option("--credited-as", "credited_as", multiple=True,
              help="With --url: a body that may fairly be credited for the series; repeatable.")
@click.option("--timeout", type=click.FloatRange(0, min_open=True), default=30.0, show_default=True,
              metavar="SECONDS", help="Give up when the server has not answered for this long.")
@click.option("-f", "--format", "fmt", type=click.Choice(FORMATS_ROWS), default="table")
@store_option
def reference_fetch(urls, base_url, source_label, measures, credited_as, timeout, fmt, store_path):
    """Download the General Staff's daily tallies of Russian losses and load them.

    Fetches russia_losses_personnel.json and russia_losses_equipment.json
    from the public dataset PetroIvaniuk/2022-Ukraine-Russia-War-Dataset
    (raw files on GitHub) and loads them as `make demo` loads the shipped
    snapshot: source "Ukrainian General Staff"; personnel, credited as the
    Ministry of Defence of Ukraine; tank, APC, aircraft, helicopter, drone,
    naval ship (ships) and submarines, credited as the Armed Forces of
    Ukraine. Both files are downloaded before anything is written; a
    failed download (offline, an HTTP error, a web page) is one line, exit
    2, and the store is left as it was.

    \b
    Example:
      newsprov reference fetch
      newsprov reference fetch --base-url seeds/reference
      newsprov reference fetch --url https://example.org/mirror/russia_losses_personnel.json
    """
    from .analyse.reference import SeriesFile, general_staff_plan  # lazily: rdflib (through the vocabulary)
    from .derived import add_series_files  # lazily: rdflib (through the vocabulary)

    given = None
    if source_label or measures or credited_as:
        if not urls or not source_label or not measures:
            raise InputError("--source, --measure and --credited-as go with --url, and --url with them needs "
                             "both --source and --measure")
        given = SeriesFile("", _utf8(source_label, "--source"), tuple(_utf8(m, "--measure") for m in measures),
                           tuple(_utf8(c, "--credited-as") for c in credited_as))
    plan = general_staff_plan(_utf8(base_url, "--base-url") if base_url else None,
                              tuple(_utf8(u, "--url") for u in urls), given)
    with _open_store(store_path, read_only=False) as store:
        rows = add_series_files(store, plan, timeout)
    _series_loaded(rows, fmt)


@reference.command(name="list")
@click.option("-f", "--format", "fmt", type=click.Choice(FORMATS_ROWS), default="table")
@store_option
def reference_list(fmt, store_path):
    """List the reference series in the store and how many figures match each.

    \b
    Example:
      newsprov reference list --format json
    """
    from .analyse.reference import list_series  # lazily: rdflib (through the vocabulary)

    with _open_store(store_path, read_only=True) as store:
        rows = list_series(store)
    click.echo(_render(rows, fmt, ["series", "measure", "days", "first", "last", "matches", "file"]
                       if fmt in ("table", "csv") else None))


@reference.command(name="remove")
@click.argument("series")
@store_option
def reference_remove(series, store_path):
    """Remove a reference series (its IRI, label or column) and its matches; exit 3 if unknown.

    \b
    Example:
      newsprov reference remove personnel
    """
    from .derived import remove_series  # lazily: rdflib (through the vocabulary)

    with _open_store(store_path, read_only=False) as store:
        gone = remove_series(store, series)
    _echo_err(f"removed {len(gone)} series: {', '.join(gone)}")


@cli.command(name="eval")
@click.argument("gold", type=click.Path(exists=True, path_type=Path))
@click.option("--texts", type=click.Path(exists=True, file_okay=False, path_type=Path),
              help="Folder of the article texts (default: beside the gold files).")
@click.option("-f", "--format", "fmt", type=click.Choice(["table", "json"]), default="table")
@click.option("--errors", is_flag=True, help="Also list every missed, spurious or wrongly attributed figure.")
@gazetteer_option
def evaluate_command(gold, texts, fmt, errors, gazetteers):
    """Measure extraction against gold annotations.

    GOLD is a folder of *.gold.json files (each beside its .txt) or one JSON
    file listing articles. Prints precision, recall and F1 for figures, the
    share of figures whose first hop and whole chain are right, and entity
    recall per type.

    \b
    Example:
      newsprov eval tests/corpus
      newsprov eval tests/gold/seeds.json --texts seeds --format json
    """
    from .evaluate import evaluate  # lazily: the extraction rules compile their patterns on import

    report = evaluate(gold, texts, _pipeline(gazetteers))
    if fmt == "json":
        if not errors:
            report.pop("errors")
        click.echo(json.dumps(report, indent=2, ensure_ascii=False))
        return
    rows = [{"metric": k, "value": v} for k, v in report["metrics"].items()]
    rows += [{"metric": k, "value": v} for k, v in report["counts"].items()]
    click.echo(_render(rows, "table"))
    if errors:
        click.echo("")
        click.echo(_render([{k: str(v) for k, v in e.items()} for e in report["errors"]], "table",
                           ["file", "error", "figure", "entity", "gold", "predicted"]))


def _render(rows, fmt, columns=None):

    return render(rows, fmt, columns)


from .serve import defaults as serve_defaults  # noqa: E402 - the server's defaults, shown in its --help


def _stop_on_sigterm(signum, frame):
    raise KeyboardInterrupt


@cli.command(name="serve")
@click.option("--store", "store_path", envvar="NEWSPROV_STORE", type=click.Path(), metavar="PATH|URL",
              default=None, show_envvar=True,
              help="Store folder, or the http(s) URL of a SPARQL server (default ./newsprov.db; "
                   "the environment variable NEWSPROV_STORE overrides).")
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on; any but a loopback address lets other machines read the store "
                   "(a warning says so).")
@click.option("--port", type=click.IntRange(0, 65535), default=serve_defaults.DEFAULT_PORT, show_default=True, metavar="PORT",
              help="Port to listen on; 0 picks a free one.")
@click.option("--timeout", type=click.FloatRange(0, min_open=True), default=serve_defaults.DEFAULT_TIMEOUT, show_default=True,
              metavar="SECONDS", help="A request that runs longer is stopped and answered 503.")
@click.option("--limit", type=click.IntRange(1), default=serve_defaults.DEFAULT_LIMIT, show_default=True, metavar="ROWS",
              help="Most rows (or triples) in an answer; a cut answer says so.")
@click.option("--workers", type=click.IntRange(1), default=serve_defaults.DEFAULT_WORKERS, show_default=True, metavar="N",
              help="Processes that answer queries: as many requests run at once.")
@click.option("--memory", type=click.IntRange(256), default=serve_defaults.DEFAULT_MEMORY, show_default=True, metavar="MIB",
              help="Address space a query worker may use; a query that needs more is answered 503.")
@click.option("--client-timeout", type=click.FloatRange(0, min_open=True), default=serve_defaults.DEFAULT_CLIENT_TIMEOUT,
              show_default=True, metavar="SECONDS",
              help="Time a client has to send its whole request; a slower one is disconnected.")
@click.option("--allow-host", "allow_hosts", multiple=True, metavar="NAME",
              help="Also answer requests addressed to this host name (repeatable); IP addresses, localhost "
                   "and the --host name always are, other names are refused against DNS rebinding.")
@click.option("-q", "--quiet", is_flag=True, help="No line on stderr for each request.")
def serve_command(store_path, host, port, timeout, limit, workers, memory, client_timeout, allow_hosts, quiet):
    """Serve the store read-only: a SPARQL endpoint and a page to query and trace.

    The SPARQL 1.1 Protocol at /sparql (GET, or POST of a form or of a
    query), with the prefixes of `newsprov query` predeclared; results as
    JSON, XML, CSV or TSV, graphs as Turtle or N-Triples, by the Accept
    header or format=. Updates and SERVICE are refused (403). /api/trace
    gives `trace --format json`, /trace.svg and /citations.svg the pictures,
    and the page at / puts them together. Ctrl-C stops the server (exit 0).

    \b
    Example:
      newsprov serve
      newsprov serve --store /data/news.db --port 0 --timeout 30
      newsprov serve --host 0.0.0.0 --allow-host news.example.org --memory 4096
      curl -H 'Accept: text/csv' http://127.0.0.1:7879/sparql \\
          --data-urlencode 'query=SELECT ?s WHERE { ?s a np:Claim } LIMIT 5'
    """
    from .serve.server import start_server  # lazily: the server's modules are needed by this command only

    location = _store_location(store_path)
    in_main_thread = threading.current_thread() is threading.main_thread()
    previous = signal.signal(signal.SIGTERM, _stop_on_sigterm) if in_main_thread else None
    server = None
    try:
        server = start_server(location, host, port, timeout, limit, workers, log=not quiet,
                              allow_hosts=allow_hosts, memory=memory, client_timeout=client_timeout)
        if not server.loopback:
            click.echo(f"warning: listening on {host}: anyone who can reach this machine can read the whole "
                       f"store (the endpoint has no login)", err=True)
        click.echo(f"serving {server.label} at {server.url} (read-only; Ctrl-C to stop)", err=True)
        server.serve_forever()
    except KeyboardInterrupt:
        click.echo("stopped", err=True)
    finally:
        if server is not None:
            server.close()
        if in_main_thread:
            signal.signal(signal.SIGTERM, previous)

