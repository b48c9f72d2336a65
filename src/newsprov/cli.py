"""The `newsprov` command: one click group, thin commands.

Exit codes: 0 success (also when the reader of stdout goes away); 1 invalid data
(validate: does not conform; ingest: an article failed SHACL); 2 usage, input or
output error (an -o file or stdout that cannot be written); 3 not found (unknown
figure, no store, no citations to draw); 4 store error (locked, corrupt, read-only,
SPARQL server unreachable or failing); 70 internal error.
"""
from __future__ import annotations

import errno
import json
import signal
import sys
import threading
from pathlib import Path

import click

from .formats import GRAPH_FORMATS, TRACE_FORMATS
from .read.articles import INPUT_FORMATS
from .errors import EXIT_INTERNAL, EXIT_INVALID, InputError, NewsprovError, spell_settings

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


def _emit(text: str, output: Path | None, fmt: str) -> None:
    """Text to stdout, or to the --output file with one line on stderr saying so."""
    if output is None:
        click.echo(text, nl=not text.endswith("\n"))
        return
    _write_output(output, fmt, lambda handle: handle.write(text.encode("utf-8")))


def _write_output(output: Path, fmt: str, write) -> None:
    """The --output file, replaced whole by what ``write(binary file)`` writes, or left as it
    was if that fails; one line on stderr says which."""
    from .output import replaced_whole

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
    from click.core import ParameterSource

    from .graph.location import store_location

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
    from .graph.location import open_store

    return open_store(_store_location(path), read_only=read_only)


def _utf8(value: str, what: str) -> str:
    """A command-line value, refused if it is not UTF-8 (Python keeps such bytes as lone
    surrogates, which no store, file or terminal can take)."""
    from .read.decode import SURROGATE

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
    from .read import iter_articles

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
        from .output import StdoutError, guarded_stdout, silence_stdout

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
            import os

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


@cli.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@store_option
@gazetteer_option
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
def ingest(paths, store_path, gazetteers, skip_invalid, workers, batch_size, shacl_engine, engine, scheduler,
           encoding, input_format, follow_links, quiet, fmt):
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

    \b
    Example:
      newsprov ingest seeds/
      newsprov ingest pages/ crawl.warc.gz articles.jsonl
      curl -s https://example.org/story.html | newsprov ingest - --input-format html
      newsprov ingest old-archive/ --encoding cp1252
      newsprov ingest shared/ --follow-links
      newsprov ingest corpus/ --workers 2 --skip-invalid --store /data/news.db
      newsprov ingest corpus/ --engine dask --scheduler tcp://127.0.0.1:8786
    """
    import os

    from .ingest import ingest as run_ingest

    if engine == "dask" and not scheduler:
        raise InputError("--engine dask needs --scheduler ADDRESS (or NEWSPROV_DASK_SCHEDULER)")
    if engine == "local" and scheduler:
        raise InputError("--scheduler goes with --engine dask")
    from .progress import ENV, progress

    articles = _articles(paths, encoding, input_format, follow_links, None if quiet else _echo_err)
    lines = os.environ.get(ENV, "").strip() == "lines"
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
    if fmt == "json":
        click.echo(json.dumps(data, indent=2))
    else:
        click.echo(f"{summary.articles} articles: {summary.added} added, {summary.replaced} replaced, "
                   f"{summary.unchanged} unchanged, {len(summary.refused)} refused")
        click.echo(f"{summary.claims} claims, {summary.attributions} attributions, {summary.entities} entities, "
                   f"{summary.triples} triples written; the store at {data['store']} holds {data['store_triples']} triples")
        if summary.added or summary.replaced:
            click.echo(f"{summary.figure_links} figure links across articles, "
                       f"{summary.inferred_roots} inferred roots for unattributed figures"
                       + (f", {summary.reference_matches} reference matches" if summary.reference_matches else ""))


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
    from .contract import extraction_json

    pipeline = _pipeline(gazetteers)
    articles = _articles(paths, encoding, input_format, follow_links, None if quiet else _echo_err)
    if fmt in ("jsonl", "nquads"):  # one article at a time, written as it is done
        from .work import article_nquads

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
        from rdflib import Graph

        from .graph.build import build_graph
        from .graph.vocab import bind

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
@output_option
@store_option
def trace(figure_or_claim, article, fmt, output, store_path):
    """Trace a figure or claim in every article to its root source.

    FIGURE_OR_CLAIM is a number as written or not ("1556", "1,556", "half a
    million") or a claim IRI. Each occurrence is shown as a chain from the
    article's outlet to the root source, which is marked; exit 3 if the figure
    occurs nowhere.

    csv has one row per hop, outermost first, numbered by occurrence; the
    last hop has root=true. A figure printed with no source has one row with
    no hop, then its probable roots (inferred=true, best rank first).

    \b
    Example:
      newsprov trace 1556
      newsprov trace 48,240 --format json
      newsprov trace 1556 --format csv -o trace-1556.csv
      newsprov trace 1556 --format html -o trace-1556.html
    """
    from .analyse.trace import trace as run_trace
    from .draw import trace_picture
    from .render import TRACE_COLUMNS, render, trace_rows, trace_text

    with _open_store(store_path, read_only=True) as store:
        occurrences = run_trace(store, figure_or_claim, article)
    if fmt == "json":
        text = json.dumps(occurrences, indent=2, ensure_ascii=False)
    elif fmt == "csv":
        text = render(trace_rows(occurrences), "csv", TRACE_COLUMNS)
    elif fmt in TRACE_FORMATS:
        text = trace_picture(occurrences, figure_or_claim, fmt)
    else:
        text = trace_text(occurrences, figure_or_claim)
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
    from .analyse.network import citation_graph
    from .draw import citation_picture

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
    from .queries import example_queries, load_example

    if list_examples:
        rows = [{"name": name, "description": description} for name, description in example_queries()]
        click.echo(_render(rows, fmt))
        return
    chosen = [x for x in (sparql, query_file, example) if x]
    if len(chosen) != 1:
        raise InputError("give exactly one of: a SPARQL string, --file FILE or --example NAME")
    text = _query_text(query_file) if query_file else load_example(example) if example else _utf8(sparql, "the query")
    from .queries import run_query

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
    from .progress import CountingWriter, progress

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
@output_option
@store_option
def claims(figure, fmt, output, store_path):
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
    is a plain number. Exit 3 if the --figure occurs nowhere.

    \b
    Example:
      newsprov claims
      newsprov claims --format csv -o claims.csv
      newsprov claims --figure 1556 --format json
    """
    from .analyse.claims import COLUMNS, TABLE_COLUMNS, claims as list_claims

    with _open_store(store_path, read_only=True) as store:
        rows = list_claims(store, figure)
    columns = TABLE_COLUMNS if fmt == "table" else COLUMNS if fmt == "csv" else None
    _emit(_render(rows, fmt, columns), output, fmt)


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
    from rdflib import Dataset, Graph

    from .check import report_text, validate as run_validate

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
        click.echo(report_text(conforms, findings))
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
    from .analyse.sources import sources as list_sources

    with _open_store(store_path, read_only=True) as store:
        rows = list_sources(store)
    click.echo(_render(rows, fmt, ["source", "type", "claims", "articles", "cites", "cited_by"]
                       if fmt in ("table", "csv") else None))


@cli.command()
@click.argument("figure", required=False)
@click.option("--linked", is_flag=True, help="The whole story: also every figure linked to it (daily averages, rounded forms).")
@click.option("--measure", help="Instead of one figure, every figure of a measure ('tanks', 'casualties').")
@click.option("-f", "--format", "fmt", type=click.Choice(["text", "json"]), default="text")
@store_option
def independence(figure, linked, measure, fmt, store_path):
    """How many outlets carry a figure, and how many independent sources stand behind it.

    A source that, for this figure, cites another (the UK MoD citing the
    General Staff) is a relay, not a second source; a figure found in a
    reference series counts for the series' source, whoever the article
    credits; an unattributed repeat of a figure adds no source (inferred).
    Exit 3 if the figure occurs nowhere.

    \b
    Example:
      newsprov independence 1556
      newsprov independence 48,240 --linked --format json
      newsprov independence --measure tanks
    """
    from .analyse.independence import independence as run
    from .render import independence_text

    if bool(figure) == bool(measure):
        raise InputError("give a FIGURE or --measure MEASURE, not both")
    with _open_store(store_path, read_only=True) as store:
        result = run(store, figure, linked, measure)
    click.echo(json.dumps(result, indent=2, ensure_ascii=False) if fmt == "json" else independence_text(result))


@cli.command()
@click.option("-f", "--format", "fmt", type=click.Choice(["text", "json"]), default="text")
@store_option
def report(fmt, store_path):
    """A corpus report: single-source stories, unattributed figures per outlet,
    misattributions, drift, most-cited primary sources and relays.

    \b
    Example:
      newsprov report
      newsprov report --format json > report.json
    """
    from .analyse.independence import report as run
    from .render import report_text

    with _open_store(store_path, read_only=True) as store:
        result = run(store)
    click.echo(json.dumps(result, indent=2, ensure_ascii=False) if fmt == "json" else report_text(result))


@cli.group()
def reference():
    """Reference series: a primary source's own tally, to check figures against.

    \b
    Example:
      newsprov reference add seeds/reference/russia_losses_personnel.json \\
          --source "General Staff of the Armed Forces of Ukraine" --measure personnel
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
    from .derived import add_series

    source_label = _utf8(source_label, "--source")
    measures = [_utf8(m, "--measure") for m in measures]
    credited_as = [_utf8(c, "--credited-as") for c in credited_as]
    with _open_store(store_path, read_only=False) as store:
        rows = add_series(store, _utf8(file, "FILE"), source_label, measures, credited_as, timeout)
    click.echo(_render(rows, fmt, ["series", "measure", "days", "first", "last", "changed", "matches"]
                       if fmt in ("table", "csv") else None))


@reference.command(name="list")
@click.option("-f", "--format", "fmt", type=click.Choice(FORMATS_ROWS), default="table")
@store_option
def reference_list(fmt, store_path):
    """List the reference series in the store and how many figures match each.

    \b
    Example:
      newsprov reference list --format json
    """
    from .analyse.reference import list_series

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
    from .derived import remove_series

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
    from .evaluate import evaluate

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
    from .render import render

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

