"""Write examples/inputs/crawl.warc.gz: a small crawl, as CC-NEWS ships them.

Two article pages (one in Windows-1252, said in its HTTP header), an image and a
redirect, each a WARC response record. The pages are made up.

    .venv/bin/python scripts/make_example_crawl.py
"""
from __future__ import annotations

import io
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

OUT = Path(__file__).resolve().parents[1] / "examples" / "inputs" / "crawl.warc.gz"

KYIV = """<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<title>Kyiv says Russia launched 267 drones | The Capital Courier</title>
<meta property="og:site_name" content="The Capital Courier">
<meta property="article:published_time" content="2025-02-23T08:00:00Z"></head>
<body><nav><a href="/">Home</a> <a href="/news">News</a></nav>
<article><h1>Kyiv says Russia launched 267 drones</h1>
<p>Russia launched 267 drones at Ukraine overnight, the largest attack of its kind, Ukraine's air force said on Sunday.</p>
<p>The air force said 138 drones were shot down and 119 were lost to electronic jamming.</p></article>
<footer>Copyright 2025 The Capital Courier</footer></body></html>"""

LVIV = """<html><head><title>Lviv counts the cost</title>
<meta property="og:site_name" content="Western Review"></head>
<body><div id="content"><h1>Lviv counts the cost</h1>
<p>City officials in Lviv said nearly 30 buildings were damaged in the strike, the mayor\u2019s office said on Friday.</p>
<p>\u201cWe will rebuild every one,\u201d the mayor told reporters, adding that 2 people were injured.</p></div></body></html>"""


def main() -> None:
    records = [
        ("https://courier.example/2025/02/23/drones", KYIV.encode("utf-8"), "text/html; charset=utf-8", "200 OK"),
        ("https://courier.example/logo.png", b"\x89PNG\r\n\x1a\n" + bytes(64), "image/png", "200 OK"),
        ("https://courier.example/old-story", b"", "text/html", "301 Moved Permanently"),
        ("https://review.example/lviv", LVIV.encode("cp1252"), "text/html; charset=windows-1252", "200 OK"),
    ]
    with OUT.open("wb") as handle:
        writer = WARCWriter(handle, gzip=True)
        writer.write_record(writer.create_warcinfo_record(OUT.name, {"software": "newsprov example"}))
        for uri, body, content_type, status in records:
            headers = StatusAndHeaders(status, [("Content-Type", content_type)], protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(uri, "response", payload=io.BytesIO(body),
                                                          http_headers=headers))
    print(f"wrote {OUT}")


if __name__ == "__main__":
    main()
