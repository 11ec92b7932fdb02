"""A loopback HTTP server that serves RSS and Atom documents (and the bad answers a feed URL can
give) for the tests: feeds are reached through the real outbound fetcher, at the wire."""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass
from datetime import datetime
from email.utils import format_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from xml.sax.saxutils import escape


@dataclass
class Page:
    body: bytes
    content_type: str = "application/rss+xml; charset=utf-8"
    status: int = 200
    delay: float = 0.0  # seconds before the answer
    location: str = ""  # a redirect's target (with a 3xx status)


class FeedServer:
    def __init__(self):
        self.pages: dict[str, Page] = {}
        self.hits: dict[str, int] = {}
        pages, hits = self.pages, self.hits

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):  # noqa: N802 (http.server's name)
                hits[self.path] = hits.get(self.path, 0) + 1
                page = pages.get(self.path)
                if page is None:
                    self.send_error(404)
                    return
                if page.delay:
                    time.sleep(page.delay)
                try:
                    self.send_response(page.status)
                    self.send_header("Content-Type", page.content_type)
                    if page.location:
                        self.send_header("Location", page.location)
                    self.send_header("Content-Length", str(len(page.body)))
                    self.end_headers()
                    self.wfile.write(page.body)
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the client gave up (the timeout test)

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}{path}"

    def serve(self, path: str, page: Page) -> str:
        self.pages[path] = page
        return self.url(path)

    def redirect(self, path: str, to: str, *, status: int = 302) -> str:
        return self.serve(path, Page(b"", content_type="text/plain", status=status, location=to))

    def close(self):
        self.server.shutdown()
        self.server.server_close()


@dataclass
class Item:
    title: str
    published: datetime | None
    guid: str | None = None
    link: str | None = None
    summary: str = ""


def rss(items: list[Item], *, title: str = "Test feed") -> bytes:
    entries = []
    for item in items:
        parts = [f"<title>{escape(item.title)}</title>"]
        if item.link:
            parts.append(f"<link>{escape(item.link)}</link>")
        if item.guid:
            parts.append(f'<guid isPermaLink="false">{escape(item.guid)}</guid>')
        if item.summary:
            parts.append(f"<description>{escape(item.summary)}</description>")
        if item.published:
            parts.append(f"<pubDate>{format_datetime(item.published)}</pubDate>")
        entries.append(f"<item>{''.join(parts)}</item>")
    return (
        '<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel>'
        f"<title>{escape(title)}</title><link>https://example.com/</link><description>d</description>"
        f"{''.join(entries)}</channel></rss>"
    ).encode()


def atom(items: list[Item], *, title: str = "Test Atom feed") -> bytes:
    entries = []
    for item in items:
        parts = [f"<title>{escape(item.title)}</title>", f"<id>{escape(item.guid or item.link or '')}</id>"]
        if item.link:
            parts.append(f'<link href="{escape(item.link)}"/>')
        if item.published:
            stamp = item.published.isoformat()
            parts.append(f"<updated>{stamp}</updated><published>{stamp}</published>")
        if item.summary:
            parts.append(f"<summary>{escape(item.summary)}</summary>")
        entries.append(f"<entry>{''.join(parts)}</entry>")
    return (
        '<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">'
        f"<title>{escape(title)}</title><id>urn:test:feed</id><updated>2026-01-01T00:00:00Z</updated>"
        f"{''.join(entries)}</feed>"
    ).encode()
