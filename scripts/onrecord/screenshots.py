"""Full-page screenshots of a built site, to look at what a reader sees.

    python -m onrecord.screenshots SITE_DIR OUT_DIR [--scheme light|dark|both]

Builds nothing: SITE_DIR must already hold the output of `onrecord build`. The site is
served on 127.0.0.1 from a thread (http.server) and opened in headless Chromium through
Playwright (a test dependency: `make test` installs it). Chromium is Debian's
(`apt-get install chromium`), or the browser named by $CHROMIUM; Playwright never
downloads one. Requests that would leave 127.0.0.1 are blocked and reported.

The browser tests (tests/browser) share the server and the launch settings below.
"""
from __future__ import annotations

import argparse
import contextlib
import functools
import http.server
import os
import sys
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
VIEWPORTS = {
    "desktop": {"width": 1280, "height": 800},
    "mobile": {"width": 390, "height": 844},
}
#: The pages shot by default: (name, path under the site root).
DEFAULT_PAGES = [
    ("home", ""),
    ("transcript", "transcripts/2022-06-01-stoltenberg-blinken-press-conference/"),
    ("speaker", "speakers/jens-stoltenberg/"),
    ("event", "events/2022-06-stoltenberg-washington-visit/"),
]


def chromium_path() -> str:
    return os.environ.get("CHROMIUM") or DEFAULT_CHROMIUM


def is_local(url: str) -> bool:
    """True for a URL that is served from this machine's loopback or needs no network."""
    parts = urlsplit(url)
    if parts.scheme in ("data", "blob", "about"):
        return True
    return parts.hostname == "127.0.0.1"


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):  # noqa: A002 - the base class's name
        pass

    def end_headers(self):
        # every page load fetches everything again, so each one shows all its requests
        self.send_header("Cache-Control", "no-store")
        super().end_headers()


@contextlib.contextmanager
def serve(directory: Path) -> Iterator[str]:
    """Serve `directory` on a free 127.0.0.1 port from a thread; yield its base URL."""
    handler = functools.partial(_QuietHandler, directory=str(directory))
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


def take(site_dir: Path, out_dir: Path, schemes: list[str], pages=DEFAULT_PAGES) -> list[Path]:
    """Shoot every page at every viewport and colour scheme; return the files written."""
    from playwright.sync_api import sync_playwright

    for name, path in pages:
        if not (site_dir / path / "index.html").is_file():
            raise SystemExit(f"error: {site_dir / path / 'index.html'} does not exist: "
                             "build the site first (`onrecord build`)")
    out_dir.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    blocked: list[str] = []
    with serve(site_dir) as base, sync_playwright() as pw:
        browser = launch(pw)
        try:
            for scheme in schemes:
                for view, size in VIEWPORTS.items():
                    context = browser.new_context(
                        viewport=size, color_scheme=scheme, reduced_motion="reduce",
                        is_mobile=view == "mobile", has_touch=view == "mobile",
                    )
                    block_remote(context, blocked)
                    page = context.new_page()
                    for name, path in pages:
                        page.goto(base + path, wait_until="networkidle")
                        suffix = "" if len(schemes) == 1 else f"-{scheme}"
                        target = out_dir / f"{name}-{view}{suffix}.png"
                        page.screenshot(path=str(target), full_page=True, animations="disabled")
                        written.append(target)
                    context.close()
        finally:
            browser.close()
    for url in sorted(set(blocked)):
        print(f"blocked a request leaving 127.0.0.1: {url}", file=sys.stderr)
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m onrecord.screenshots",
                                     description=__doc__.split("\n\n")[0])
    parser.add_argument("site_dir", type=Path, help="a built site (the output of `onrecord build`)")
    parser.add_argument("out_dir", type=Path, help="where to write the PNG files")
    parser.add_argument("--scheme", choices=["light", "dark", "both"], default="light",
                        help="colour scheme the browser prefers (default: light)")
    args = parser.parse_args(argv)
    if not Path(chromium_path()).exists():
        print(f"error: no Chromium at {chromium_path()}: `apt-get install chromium` "
              "or set $CHROMIUM", file=sys.stderr)
        return 1
    try:
        import playwright  # noqa: F401
    except ImportError:
        print("error: the Python package playwright is missing (`make test` installs it)",
              file=sys.stderr)
        return 1
    schemes = ["light", "dark"] if args.scheme == "both" else [args.scheme]
    for path in take(args.site_dir, args.out_dir, schemes):
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
