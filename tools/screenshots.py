"""Full-page screenshots of a built site, to look at what a reader sees.

    python -m tools.screenshots SITE_DIR OUT_DIR [--scheme light|dark|both]

Builds nothing: SITE_DIR must already hold the output of `onrecord build`. The site is served on
127.0.0.1 and opened in headless Chromium (tools/browser.py); requests that would leave
127.0.0.1 are blocked and reported.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from tools import browser

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


def take(site_dir: Path, out_dir: Path, schemes: list[str], pages=DEFAULT_PAGES) -> list[Path]:
    """Shoot every page at every viewport and colour scheme; return the files written."""
    from playwright.sync_api import sync_playwright

    for _name, path in pages:
        if not (site_dir / path / "index.html").is_file():
            raise SystemExit(
                f"error: {site_dir / path / 'index.html'} does not exist: "
                "build the site first (`onrecord build`)"
            )
    out_dir.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    blocked: list[str] = []
    with browser.serve(site_dir) as base, sync_playwright() as pw:
        chromium = browser.launch(pw)
        try:
            for scheme in schemes:
                for view, size in VIEWPORTS.items():
                    context = chromium.new_context(
                        viewport=size,
                        color_scheme=scheme,
                        reduced_motion="reduce",
                        is_mobile=view == "mobile",
                        has_touch=view == "mobile",
                    )
                    browser.block_remote(context, blocked)
                    page = context.new_page()
                    for name, path in pages:
                        page.goto(base + path, wait_until="networkidle")
                        suffix = "" if len(schemes) == 1 else f"-{scheme}"
                        target = out_dir / f"{name}-{view}{suffix}.png"
                        page.screenshot(path=str(target), full_page=True, animations="disabled")
                        written.append(target)
                    context.close()
        finally:
            chromium.close()
    for url in sorted(set(blocked)):
        print(f"blocked a request leaving 127.0.0.1: {url}", file=sys.stderr)
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m tools.screenshots", description=__doc__.split("\n\n")[0]
    )
    parser.add_argument("site_dir", type=Path, help="a built site (the output of `onrecord build`)")
    parser.add_argument("out_dir", type=Path, help="where to write the PNG files")
    parser.add_argument(
        "--scheme",
        choices=["light", "dark", "both"],
        default="light",
        help="colour scheme the browser prefers (default: light)",
    )
    args = parser.parse_args(argv)
    why = browser.missing()
    if why:
        print(f"error: {why}", file=sys.stderr)
        return 1
    schemes = ["light", "dark"] if args.scheme == "both" else [args.scheme]
    for path in take(args.site_dir, args.out_dir, schemes):
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
