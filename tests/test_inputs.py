"""The inputs people have: web pages, JSON Lines, WARC crawls, sidecars, folders, stdin, encodings."""
from __future__ import annotations

import gzip
import io
import json
from pathlib import Path

import pytest

from newsprov.cli import cli

from conftest import SEEDS, one_line_error

# Three pages built the ways news sites build them: Open Graph tags, schema.org JSON-LD, a bare <title>.
OPEN_GRAPH = """<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<title>Russia lost 1,556 troops a day - The Daily Example</title>
<meta property="og:site_name" content="The Daily Example">
<meta property="article:published_time" content="2025-02-03T10:00:00Z"></head>
<body><nav><a href="/">Home</a> <a href="/world">World</a></nav>
<article><h1>Russia lost 1,556 troops a day in January</h1>
<p>Russia lost an average of 1,556 troops a day in January, the UK Ministry of Defence said on Sunday.</p>
<p>The ministry said the figures came from Ukrainian General Staff reporting.</p></article>
<footer>Copyright 2019 The Daily Example. Subscribe to our newsletter.</footer></body></html>"""
JSON_LD = """<html><head><title>Drone attack on Odesa | Harbour Times</title>
<script type="application/ld+json">{"@context": "https://schema.org", "@type": "NewsArticle",
"headline": "Drone attack on Odesa injures 12", "datePublished": "2024-11-17T06:30:00+02:00",
"publisher": {"@type": "Organization", "name": "Harbour Times"}}</script></head>
<body><div class="menu"><ul><li>News</li><li>Sport</li></ul></div><div class="content">
<h1>Drone attack on Odesa injures 12</h1>
<p>At least 12 people were injured when Russia launched 40 drones at Odesa overnight, regional governor Oleh Kiper said.</p>
<p>Ukraine's air force said it shot down 31 of the drones.</p></div></body></html>"""
UNDATED = """<html><head><title>Shelling in Kharkiv</title></head><body>
<p>Officials in Kharkiv said 7 people were killed by shelling on Tuesday, and more than 20 were wounded.</p>
<p>Copyright 2021 Somebody.</p></body></html>"""
MENU = "<html><body><nav><a href='/'>Home</a> <a href='/a'>About</a></nav></body></html>"


def invoke(runner, *args, **kwargs):
    return runner.invoke(cli, [str(a) for a in args], **kwargs)


def extracted(runner, *args, **kwargs) -> list[dict]:
    result = invoke(runner, "extract", "-f", "jsonl", *args, **kwargs)
    assert result.exit_code == 0, result.output
    return [json.loads(line) for line in result.stdout.splitlines()]


def figures(document: dict) -> set[str]:
    return {f["text"] for claim in document["claims"] for f in claim["figures"]}


def write_warc(path: Path, records: list[tuple[str, bytes, str, str]], gzipped: bool = True) -> None:
    """A WARC file of HTTP responses (uri, body, content type, status line), as a crawler writes it."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with path.open("wb") as handle:
        writer = WARCWriter(handle, gzip=gzipped)
        writer.write_record(writer.create_warcinfo_record(path.name, {"software": "test"}))
        for uri, body, content_type, status in records:
            headers = StatusAndHeaders(status, [("Content-Type", content_type)], protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(uri, "response", payload=io.BytesIO(body),
                                                          http_headers=headers))


# -- web pages ------------------------------------------------------------------------------------

@pytest.mark.parametrize("page, title, published, publisher, figure", [
    (OPEN_GRAPH, "Russia lost 1,556 troops a day in January", "2025-02-03", "The Daily Example", "1,556"),
    (JSON_LD, "Drone attack on Odesa injures 12", "2024-11-17", "Harbour Times", "40"),
    (UNDATED, "Shelling in Kharkiv", "", "", "7"),
])
def test_a_web_page_gives_its_main_text_title_date_and_outlet(runner, tmp_path, page, title, published,
                                                              publisher, figure):
    (tmp_path / "page.html").write_text(page, encoding="utf-8")
    [document] = extracted(runner, tmp_path / "page.html")
    article = document["article"]
    assert (article["title"], article["published"], article["publisher"]) == (title, published, publisher)
    assert figure in figures(document)
    claims = " ".join(claim["text"] for claim in document["claims"])
    assert not {"Home", "Subscribe", "Sport", "2019"} & set(claims.split())


def test_a_page_date_is_never_guessed_from_a_copyright_line(runner, tmp_path):
    (tmp_path / "page.html").write_text(UNDATED, encoding="utf-8")
    [document] = extracted(runner, tmp_path / "page.html")
    assert document["article"]["published"] == ""


def test_offsets_point_into_the_page_s_main_text(runner, tmp_path):
    (tmp_path / "page.html").write_text(JSON_LD, encoding="utf-8")
    result = invoke(runner, "ingest", "-q", "--store", tmp_path / "s.db", tmp_path / "page.html")
    assert result.exit_code == 0, result.output
    rows = json.loads(invoke(runner, "query", "--store", tmp_path / "s.db", "--format", "json", """
        SELECT ?text ?start ?end ?anchor WHERE {
          ?s nif:referenceContext ?ctx ; nif:beginIndex ?start ; nif:endIndex ?end ; nif:anchorOf ?anchor .
          ?ctx nif:isString ?text }""").stdout)
    assert rows
    for row in rows:
        assert row["text"][int(row["start"]):int(row["end"])] == row["anchor"]
    assert "<p>" not in rows[0]["text"] and "Drone attack on Odesa injures 12" in rows[0]["text"]


def test_the_sidecar_wins_over_what_the_page_says(runner, tmp_path):
    (tmp_path / "page.html").write_text(OPEN_GRAPH, encoding="utf-8")
    (tmp_path / "metadata.csv").write_text("file,publisher,published\npage.html,Example Daily,2025-02-04\n",
                                           encoding="utf-8")
    [document] = extracted(runner, tmp_path)
    assert (document["article"]["publisher"], document["article"]["published"]) == ("Example Daily", "2025-02-04")
    assert document["article"]["title"] == "Russia lost 1,556 troops a day in January"


def test_a_page_with_no_article_text_is_a_one_line_error(runner, tmp_path):
    (tmp_path / "menu.html").write_text(MENU, encoding="utf-8")
    line = one_line_error(invoke(runner, "extract", tmp_path / "menu.html"), 2)
    assert "menu.html" in line and "no article text" in line


def test_a_page_in_windows_1252_is_read_by_its_meta_charset(runner, tmp_path):
    page = ('<html><head><meta charset="windows-1252"><title>Caf\u00e9 hit</title></head><body><article>'
            '<p>The ministry said \u201cnearly 2,000\u201d drones were launched at Kyiv in a week.</p>'
            '<p>Officials reported 41 people were injured.</p></article></body></html>')
    (tmp_path / "page.html").write_bytes(page.encode("cp1252"))
    result = invoke(runner, "extract", "-f", "jsonl", tmp_path / "page.html")
    assert result.exit_code == 0 and result.stderr == "", result.output
    document = json.loads(result.stdout)
    assert document["article"]["title"] == "Caf\u00e9 hit" and "2,000" in figures(document)


# -- JSON Lines -----------------------------------------------------------------------------------

def write_jsonl(path: Path, records: list, compress: bool = False) -> None:
    lines = "".join((r if isinstance(r, str) else json.dumps(r, ensure_ascii=False)) + "\n" for r in records)
    path.write_bytes(gzip.compress(lines.encode()) if compress else lines.encode())


@pytest.mark.parametrize("compress", [False, True])
def test_json_lines_one_article_a_line_with_its_metadata(runner, tmp_path, compress):
    name = "articles.jsonl.gz" if compress else "articles.jsonl"
    write_jsonl(tmp_path / name, [
        {"text": "Russia lost 1,556 troops a day in January, the UK Ministry of Defence said.",
         "url": "https://example.org/a", "publisher": "Example Post", "published": "2025-02-04T08:00:00Z",
         "title": "Losses"},
        "",
        {"text": "Ukraine said 48,240 Russian troops were killed in January.", "publisher": "Other Paper"},
    ], compress)
    first, second = extracted(runner, tmp_path / name)
    assert first["article"] | {"id": "", "sha256": ""} == {
        "id": "", "sha256": "", "source_file": f"{name}:1", "publisher": "Example Post",
        "published": "2025-02-04", "url": "https://example.org/a", "title": "Losses"}
    assert second["article"]["source_file"] == f"{name}:3" and second["article"]["publisher"] == "Other Paper"
    assert figures(first) == {"1,556"} and figures(second) == {"48,240"}


@pytest.mark.parametrize("line, words", [
    ('{"text": "Kyiv said 40 drones were downed."', "not JSON"),
    ('["Kyiv said 40 drones were downed."]', "not an object"),
    ('{"url": "https://example.org/x"}', "non-empty string \"text\""),
    ('{"text": "   "}', "non-empty string \"text\""),
    ('{"text": "Kyiv said 40 drones.", "published": "last week"}', "is not a date"),
    ('{"text": "Kyiv said 40 drones.", "url": "example.org"}', "not an http(s) URL"),
    ('{"text": "Kyiv said 40 drones.", "publisher": 7}', "must be a string"),
])
def test_a_bad_json_line_is_named_by_its_line_number_and_nothing_lands(runner, tmp_path, line, words):
    good = json.dumps({"text": "Officials said 12 people were injured in Odesa."})
    (tmp_path / "a.jsonl").write_text(f"{good}\n{good.replace('12', '13')}\n{line}\n", encoding="utf-8")
    store = tmp_path / "s.db"
    error = one_line_error(invoke(runner, "ingest", "-q", "--store", store, tmp_path / "a.jsonl"), 2)
    assert "a.jsonl:3:" in error and words in error
    assert not store.exists()


def test_unknown_json_fields_are_ignored_and_said_once(runner, tmp_path):
    write_jsonl(tmp_path / "a.jsonl", [{"text": f"Officials said {n} drones were downed.", "language": "en",
                                        "authors": ["x"]} for n in (40, 41, 42)])
    result = invoke(runner, "extract", "-f", "jsonl", tmp_path / "a.jsonl")
    assert result.exit_code == 0 and len(result.stdout.splitlines()) == 3
    assert result.stderr.count("ignored field(s) authors, language") == 1


# -- WARC -----------------------------------------------------------------------------------------

@pytest.mark.parametrize("gzipped", [True, False])
def test_a_warc_crawl_gives_one_article_per_html_page(runner, tmp_path, gzipped):
    name = "crawl.warc.gz" if gzipped else "crawl.warc"
    write_warc(tmp_path / name, [
        ("https://example.com/2025/02/03/losses", OPEN_GRAPH.encode(), "text/html; charset=utf-8", "200 OK"),
        ("https://example.com/logo.png", b"\x89PNG\r\n\x1a\n" + bytes(200), "image/png", "200 OK"),
        ("https://example.com/old", b"", "text/html", "301 Moved Permanently"),
        ("https://example.com/menu", MENU.encode(), "text/html", "200 OK"),
        ("https://example.com/odesa", JSON_LD.encode("cp1252"), "text/html; charset=windows-1252", "200 OK"),
    ], gzipped)
    result = invoke(runner, "extract", "-f", "jsonl", tmp_path / name)
    assert result.exit_code == 0, result.output
    documents = [json.loads(line) for line in result.stdout.splitlines()]
    assert [d["article"]["url"] for d in documents] == ["https://example.com/2025/02/03/losses",
                                                         "https://example.com/odesa"]
    assert [d["article"]["publisher"] for d in documents] == ["The Daily Example", "Harbour Times"]
    assert all(d["article"]["source_file"].startswith(f"{name}@") for d in documents)
    assert "skipped 1 page(s) with no article text" in result.stderr


def test_a_broken_warc_is_a_one_line_error_and_nothing_lands(runner, tmp_path):
    write_warc(tmp_path / "crawl.warc", [
        ("https://example.com/a", OPEN_GRAPH.encode(), "text/html", "200 OK"),
        ("https://example.com/b", JSON_LD.encode(), "text/html", "200 OK")], gzipped=False)
    data = (tmp_path / "crawl.warc").read_bytes()
    second = data.index(b"WARC/1", data.index(b"WARC-Target-URI: https://example.com/a"))
    (tmp_path / "crawl.warc").write_bytes(data[:second] + b"GARBAGE" + data[second + 6:])
    store = tmp_path / "s.db"
    line = one_line_error(invoke(runner, "ingest", "-q", "--store", store, tmp_path / "crawl.warc"), 2)
    assert "crawl.warc" in line and "WARC" in line
    assert not store.exists()


@pytest.mark.parametrize("gzipped", [False, True])
def test_a_crawl_cut_short_anywhere_is_refused_not_half_read(runner, tmp_path, gzipped):
    """A download that did not finish: wherever the file ends, one line and nothing stored,
    never the pages before the cut taken for the whole crawl."""
    whole = tmp_path / "whole.warc"
    write_warc(whole, [(f"https://example.com/{i}", page.encode(), "text/html", "200 OK")
                       for i, page in enumerate((OPEN_GRAPH, JSON_LD, UNDATED))]
               + [("https://example.com/logo.png", bytes(300), "image/png", "200 OK")], gzipped)
    data = whole.read_bytes()
    for cut in range(len(data) // 9, len(data) - 4, len(data) // 9):  # only the closing blank lines may go
        name = f"cut-{cut}.warc" + (".gz" if gzipped else "")
        (tmp_path / name).write_bytes(data[:cut])
        store = tmp_path / f"{cut}.db"
        line = one_line_error(invoke(runner, "ingest", "-q", "--store", store, tmp_path / name), 2)
        assert name in line and ("cut short" in line or "ends inside" in line or "WARC" in line), line
        assert not store.exists()


def test_a_50_mb_crawl_streams_past_what_is_not_a_page(runner, tmp_path):
    """A crawl is mostly images and scripts; a 50 MB record is walked past, not read into memory."""
    write_warc(tmp_path / "big.warc.gz", [
        ("https://example.com/video.bin", bytes(50 * 1024 * 1024), "application/octet-stream", "200 OK"),
        ("https://example.com/odesa", JSON_LD.encode(), "text/html", "200 OK")])
    result = invoke(runner, "ingest", "-q", "-f", "json", "--store", tmp_path / "s.db", tmp_path / "big.warc.gz")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["added"] == 1


# -- sidecars, folders, stdin ---------------------------------------------------------------------

@pytest.mark.parametrize("sidecar, content", [
    ("metadata.json", [{"file": "a.txt", "publisher": "The Sun", "published": "2025-02"}]),
    ("metadata.json", {"a.txt": {"publisher": "The Sun", "published": "2025-02"}}),
    ("metadata.csv", "file,publisher,published\na.txt,The Sun,2025-02\n"),
])
def test_a_sidecar_in_csv_or_json_gives_the_metadata(runner, tmp_path, sidecar, content):
    (tmp_path / "a.txt").write_text("Kyiv said 40 drones were downed.\n", encoding="utf-8")
    (tmp_path / sidecar).write_text(content if isinstance(content, str) else json.dumps(content), encoding="utf-8")
    [document] = extracted(runner, tmp_path)
    assert (document["article"]["publisher"], document["article"]["published"]) == ("The Sun", "2025-02")


def test_folders_are_read_recursively_and_the_nearest_sidecar_listing_a_file_wins(runner, tmp_path):
    (tmp_path / "2024" / "nov").mkdir(parents=True)
    (tmp_path / ".cache").mkdir()
    (tmp_path / "top.txt").write_text("Kyiv said 40 drones were downed.\n", encoding="utf-8")
    (tmp_path / "2024" / "nov" / "a.txt").write_text("Odesa said 12 people were injured.\n", encoding="utf-8")
    (tmp_path / "2024" / "nov" / "b.html").write_text(JSON_LD, encoding="utf-8")
    (tmp_path / "2024" / "notes.md").write_text("Officials said 99 things.\n", encoding="utf-8")
    (tmp_path / ".cache" / "c.txt").write_text("Officials said 77 drones were downed.\n", encoding="utf-8")
    (tmp_path / "metadata.csv").write_text("file,publisher\ntop.txt,Top Paper\n2024/nov/a.txt,Far Paper\n",
                                           encoding="utf-8")
    (tmp_path / "2024" / "nov" / "metadata.json").write_text(json.dumps({"b.html": {"publisher": "Near Paper"}}),
                                                             encoding="utf-8")
    documents = extracted(runner, tmp_path)
    assert {d["article"]["source_file"]: d["article"]["publisher"] for d in documents} == {
        "2024/nov/a.txt": "Far Paper", "2024/nov/b.html": "Near Paper", "top.txt": "Top Paper"}


@pytest.mark.parametrize("files, words", [
    ({"metadata.json": '[{"file": "a.txt", "colour": "red"}]'}, "unknown metadata column(s) colour"),
    ({"metadata.json": '{"a.txt": {"publisher": "X"}'}, "not JSON"),
    ({"metadata.json": '[{"file": "gone.txt"}]'}, "lists 'gone.txt'"),
    ({"metadata.json": '[{"file": "a.txt"}, {"file": "a.txt"}]'}, "listed twice"),
    ({"metadata.json": '[{"file": "a.txt"}]', "metadata.csv": "file\na.txt\n"}, "both metadata.csv and metadata.json"),
])
def test_a_malformed_json_sidecar_is_one_line_naming_it(runner, tmp_path, files, words):
    (tmp_path / "a.txt").write_text("Kyiv said 40 drones were downed.\n", encoding="utf-8")
    for name, content in files.items():
        (tmp_path / name).write_text(content, encoding="utf-8")
    line = one_line_error(invoke(runner, "extract", tmp_path), 2)
    assert "metadata" in line and words in line


@pytest.mark.parametrize("data, fmt, expected", [
    ("Kyiv said 1,556 soldiers were killed.\n", [], {"1,556"}),
    (json.dumps({"text": "Kyiv said 48,240 soldiers were killed.", "publisher": "P"}) + "\n", [], {"48,240"}),
    (JSON_LD, [], {"12", "40", "31"}),
    ("<b>Kyiv</b> said 41 drones were downed, officials said in a statement.", ["--input-format", "html"], {"41"}),
])
def test_stdin_is_sniffed_or_read_as_told(runner, data, fmt, expected):
    [document] = extracted(runner, "-", *fmt, input=data)
    assert expected <= figures(document)


def test_ingest_from_stdin_lands_and_traces(runner, tmp_path):
    data = (SEEDS / "000_2315ef88bd53205f.txt").read_text(encoding="utf-8")
    result = invoke(runner, "ingest", "-q", "--store", tmp_path / "s.db", "-", input=data)
    assert result.exit_code == 0, result.output
    assert "stdin" in invoke(runner, "trace", "1556", "--store", tmp_path / "s.db").stdout


# -- encodings ------------------------------------------------------------------------------------

CYRILLIC = "Генштаб ЗСУ повідомив, що Росія втратила 1556 військових за добу, сказав речник.\n"


@pytest.mark.parametrize("data, said", [
    ("The caf\u00e9 owner said 1,556 soldiers were killed, officials said.\n".encode("latin-1"), "detected"),
    (CYRILLIC.encode("cp1251"), "cp1251 (detected)"),
    (CYRILLIC.encode("koi8-u"), "detected"),
    ("Caf\u00e9 said ".encode() + "\u201cnearly 1,556\u201d troops were killed.\n".encode("cp1252"),
     "mixed utf-8 and cp1252"),
    ("Kyiv said 1,556 soldiers were killed.\n".encode("utf-16"), "utf-16 (byte order mark)"),
])
def test_text_that_is_not_utf8_is_detected_and_said(runner, tmp_path, data, said):
    (tmp_path / "a.txt").write_bytes(data)
    result = invoke(runner, "extract", "-f", "jsonl", tmp_path / "a.txt")
    assert result.exit_code == 0, result.output
    document = json.loads(result.stdout)
    assert "1556" in figures(document) or "1,556" in figures(document)
    assert said in result.stderr and "a.txt" in result.stderr and len(result.stderr.splitlines()) == 1


def test_encoding_option_reads_what_detection_cannot_know(runner, tmp_path):
    """A short text fits several code pages; --encoding settles it, and the text is read as given."""
    from newsprov.read.articles import article_id

    text = "Генштаб: 1556 військових.\n"
    (tmp_path / "a.txt").write_bytes(text.encode("cp1251"))
    result = invoke(runner, "extract", "-f", "jsonl", "--encoding", "cp1251", tmp_path / "a.txt")
    assert result.exit_code == 0 and result.stderr == ""
    assert json.loads(result.stdout)["article"]["id"] == article_id(text)


@pytest.mark.parametrize("option, words", [
    ("nonsense-codec", "unknown encoding 'nonsense-codec'"),
    ("ascii", "not valid ascii (byte 3)"),
])
def test_a_wrong_encoding_option_is_one_line(runner, tmp_path, option, words):
    (tmp_path / "a.txt").write_bytes("Caf\u00e9 said 40 drones.".encode("utf-8"))
    line = one_line_error(invoke(runner, "extract", "--encoding", option, tmp_path / "a.txt"), 2)
    assert words in line


# -- symbolic links ---------------------------------------------------------------------------------

def _folder_with_links(tmp_path) -> tuple[Path, Path]:
    """A folder of one article whose links lead out of it (to a file, a folder, a sidecar), to
    nothing, and inside it; and the folder outside, whose text must not become an article unasked."""
    outside = tmp_path / "outside"
    (outside / "more").mkdir(parents=True)
    (outside / "passwd.txt").write_text("root:x:0:0:root:/root:/bin/bash said 99 drones were downed.\n",
                                        encoding="utf-8")
    (outside / "more" / "b.txt").write_text("Odesa said 12 people were injured.\n", encoding="utf-8")
    (outside / "metadata.csv").write_text("file,publisher\na.txt,Leaked Paper\n", encoding="utf-8")
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text("Kyiv said 40 drones were downed.\n", encoding="utf-8")
    (folder / "passwd.txt").symlink_to(outside / "passwd.txt")
    (folder / "etc").symlink_to(outside / "more")
    (folder / "metadata.csv").symlink_to(outside / "metadata.csv")
    (folder / "gone.txt").symlink_to(tmp_path / "nowhere.txt")
    (folder / "again.txt").symlink_to("a.txt")  # inside: read, and found to be the same text
    (folder / "loop").symlink_to(".")
    return folder, outside


def test_a_folder_s_links_out_of_it_are_not_followed_and_each_is_said(runner, tmp_path):
    folder, outside = _folder_with_links(tmp_path)
    result = invoke(runner, "extract", "-f", "jsonl", folder)
    assert result.exit_code == 0, result.output
    [document] = [json.loads(line) for line in result.stdout.splitlines()]
    assert document["article"]["source_file"] == "a.txt" and document["article"]["publisher"] == ""
    said = sorted(result.stderr.splitlines())
    assert said == sorted([
        f"{folder / 'etc'}: a link to the folder {outside / 'more'}, outside {folder}; not followed "
        f"(--follow-links follows it)",
        f"{folder / 'metadata.csv'}: a link to {outside / 'metadata.csv'}, outside {folder}; not read "
        f"(--follow-links reads it)",
        f"{folder / 'passwd.txt'}: a link to {outside / 'passwd.txt'}, outside {folder}; not read "
        f"(--follow-links reads it)",
        f"{folder / 'gone.txt'}: a link to {tmp_path / 'nowhere.txt'}, which does not exist; not read",
        "again.txt: the same text as a.txt, read once",
    ]), result.stderr
    store = tmp_path / "s.db"
    assert invoke(runner, "ingest", "-q", "-f", "json", "--store", store, folder).exit_code == 0
    assert "99" not in invoke(runner, "claims", "-f", "csv", "--store", store).stdout


def test_follow_links_reads_what_they_lead_to_once_and_a_named_link_is_read(runner, tmp_path):
    folder, outside = _folder_with_links(tmp_path)
    (outside / "more" / "self").symlink_to(".")  # links back, followed: no walking in circles
    (outside / "more" / "home").symlink_to(folder)
    documents = extracted(runner, "--follow-links", folder)
    assert {d["article"]["source_file"]: d["article"]["publisher"] for d in documents} == {
        "a.txt": "Leaked Paper", "etc/b.txt": "", "passwd.txt": ""}
    [named] = extracted(runner, folder / "passwd.txt")  # named on the command line: the user's choice
    assert "99" in figures(named)


# -- lone surrogates --------------------------------------------------------------------------------

@pytest.mark.parametrize("field", ["text", "title", "publisher"])
def test_a_lone_surrogate_in_json_lines_is_refused_before_anything_lands(runner, tmp_path, field):
    good = [{"text": "Officials said 12 people were injured in Odesa."},
            {"text": "Officials said 13 people were injured in Kharkiv."}]
    bad = {"text": "Kyiv said 40 drones were downed.", field: "Kyiv \ud800 said 40 drones were downed."}
    write_jsonl(tmp_path / "wire.jsonl", [json.dumps(r) for r in [*good, bad]])  # ASCII: the escape "\ud800"
    assert '"Kyiv \\ud800 said' in (tmp_path / "wire.jsonl").read_text(encoding="ascii")
    store = tmp_path / "s.db"
    line = one_line_error(invoke(runner, "ingest", "-q", "--batch-size", "1", "--store", store,
                                 tmp_path / "wire.jsonl"), 2)
    assert line.startswith(f"Error: wire.jsonl:3: {field} has a lone surrogate (\\ud800) at character 6, ")
    assert not store.exists()


def test_a_lone_surrogate_in_a_sidecar_or_from_an_encoding_is_one_line(runner, tmp_path):
    (tmp_path / "a.txt").write_text("Kyiv said 40 drones were downed.\n", encoding="utf-8")
    (tmp_path / "metadata.json").write_text('[{"file": "a.txt", "title": "x\\udc00"}]', encoding="utf-8")
    line = one_line_error(invoke(runner, "extract", tmp_path), 2)
    assert "metadata.json: entry 1: title has a lone surrogate (\\udc00) at character 2" in line
    (tmp_path / "escaped").mkdir()
    (tmp_path / "escaped" / "b.txt").write_bytes(b"Kyiv said \\ud800 40 drones were downed.")
    line = one_line_error(invoke(runner, "extract", "--encoding", "unicode_escape", tmp_path / "escaped" / "b.txt"), 2)
    assert "b.txt: the text has a lone surrogate (\\ud800) at character 11" in line and "--encoding" in line


def test_a_file_name_that_is_not_utf8_is_stored_with_a_replacement_character(runner, tmp_path):
    import os

    folder = tmp_path / "names"
    folder.mkdir()
    name = os.fsdecode(b"r\xe9port.txt")  # a Latin-1 name: Python keeps its byte as a lone surrogate
    (folder / name).write_text("Kyiv said 40 drones were downed.\n", encoding="utf-8")
    store = tmp_path / "s.db"
    result = invoke(runner, "ingest", "-q", "--store", store, folder)
    assert result.exit_code == 0, result.output
    [row] = json.loads(invoke(runner, "claims", "-f", "json", "--store", store).stdout)
    assert row["source_file"] == "r\ufffdport.txt"


def test_a_new_input_format_is_one_new_module(tmp_path, monkeypatch):
    """The readers are found in newsprov.read.formats: a module declaring a READER there is read
    by name in folders and named files, sniffed on stdin, and given its sidecar metadata."""
    from newsprov.read import formats, iter_articles

    plugins = tmp_path / "plugins"
    plugins.mkdir()
    (plugins / "markdown.py").write_text(
        "from newsprov.read.formats import Reader\n"
        "from newsprov.read.formats.text import read_text_file\n\n"
        "def read(path, name, encoding):\n"
        "    text, found, how = read_text_file(path, name, encoding)\n"
        "    return '\\n'.join(line.lstrip('# ') for line in text.splitlines()) + '\\n', found, how\n\n"
        "READER = Reader(name='markdown', words='Markdown', suffixes=('.md',), shown='.md', order=25, sniff_rank=25,\n"
        "                looks_like=lambda head: head.startswith(b'# '), read=read)\n", encoding="utf-8")
    monkeypatch.setattr(formats, "__path__", [*formats.__path__, str(plugins)])
    formats.readers.cache_clear()
    try:
        assert formats.names() == ("text", "html", "markdown", "jsonl", "warc")
        folder = tmp_path / "news"
        folder.mkdir()
        (folder / "council.md").write_text("# Council backs bus lane\n\nThe council said 14 streets would change.\n",
                                           encoding="utf-8")
        (folder / "notes.rst").write_text("not an article\n", encoding="utf-8")
        (folder / "metadata.csv").write_text("file,publisher\ncouncil.md,The Weekly Herald\n", encoding="utf-8")
        [article] = list(iter_articles([folder]))
        assert article.text.startswith("Council backs bus lane") and article.publisher == "The Weekly Herald"
        assert formats.kind_of(folder / "council.md") == "markdown"
        assert formats.sniff(b"# A headline\n\nText.") == "markdown" and formats.sniff(b"A headline") == "text"
    finally:
        monkeypatch.undo()
        formats.readers.cache_clear()
    assert "markdown" not in formats.names()
