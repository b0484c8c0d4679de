"""A reader's browser on this machine: the built site served on 127.0.0.1 and Debian's Chromium
driven by Playwright, which never downloads a browser of its own.

Shared by the browser tests (tests/browser), the screenshots (tools/screenshots.py) and the
benchmark's searches (tools/bench.py), so all three see the site the same way.
"""

from __future__ import annotations

import contextlib
import functools
import gzip
import http.server
import io
import os
import threading
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

#: Chromium as Debian installs it; $CHROMIUM names another binary.
DEFAULT_CHROMIUM = "/usr/bin/chromium"
#: Quiet, offline, container-friendly Chromium: no sandbox (root in a container), no GPU, and
#: none of the browser's own background traffic (updates, sync, safe-browsing lists).
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def chromium_path() -> str:
    return os.environ.get("CHROMIUM") or DEFAULT_CHROMIUM


def missing() -> str | None:
    """Why a browser cannot be driven here, or None."""
    if not Path(chromium_path()).exists():
        return (
            f"no Chromium at {chromium_path()}: `apt-get install chromium` "
            "(or set $CHROMIUM to a Chromium binary)"
        )
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "the Python package playwright is missing: `make test` installs requirements/dev.txt"
    return None


def is_local(url: str) -> bool:
    """True for a URL that is served from this machine's loopback or needs no network."""
    parts = urlsplit(url)
    if parts.scheme in ("data", "blob", "about"):
        return True
    return parts.hostname == "127.0.0.1"


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    """Static files, no log, no caching: every page load fetches everything again, so each one
    shows all its requests."""

    def log_message(self, format, *args):
        pass

    def end_headers(self):
        self.send_header("Cache-Control", "no-store")
        super().end_headers()


class _PagesLikeHandler(_QuietHandler):
    """Compresses text as GitHub Pages does (gzip when the browser accepts it), so the bytes
    counted are the bytes a reader downloads. Pagefind's own files are already compressed and
    are sent as they are."""

    TEXT = (".html", ".js", ".css", ".json", ".xml", ".svg", ".txt")

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        if (
            path.suffix not in self.TEXT
            or "gzip" not in self.headers.get("Accept-Encoding", "")
            or not path.is_file()
        ):
            return super().send_head()
        body = gzip.compress(path.read_bytes(), compresslevel=6, mtime=0)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)


@contextlib.contextmanager
def serve(directory: Path, compress: bool = False) -> Iterator[str]:
    """Serve `directory` on a free 127.0.0.1 port from a thread; yield its base URL.
    `compress`: gzip text as GitHub Pages does."""
    handler = functools.partial(
        _PagesLikeHandler if compress else _QuietHandler, directory=str(directory)
    )
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, name="onrecord-site", daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


def launch(playwright, **kwargs):
    """Launch the system Chromium headless with CHROMIUM_ARGS."""
    return playwright.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS, **kwargs)


def block_remote(target, blocked: list[str]) -> None:
    """Abort, and note in `blocked`, every request of `target` (a Playwright browser
    context or page) that would leave 127.0.0.1."""

    def abort(route):
        blocked.append(route.request.url)
        route.abort()

    target.route(lambda url: not is_local(url), abort)
