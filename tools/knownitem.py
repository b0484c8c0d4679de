"""Known-item search: does the site's search put the turn a reader is looking for first?

    python -m tools.knownitem SITE [--peer PEER_SITE] [--phrases 24] [--seed S]

A reader has read a line in the news and wants to know who said it, when, and in what context.
The evaluation picks turns of the project's own archive (source_texts/) with a fixed seed,
takes six consecutive words from the middle of each, and types them into the header search box
of a built site in headless Chromium, as a reader would: unquoted, then in double quotes. The
figure for each query is the rank of the first result that opens that document at that turn
(its link ends in `transcripts/<id>/#t-NNN`, a query string allowed); top-1 is the share of
queries where that result is first, MRR the mean of 1/rank (0 when it is not on the first
screen of results).

The same queries run against any site: this project's search (the header dialog, whatever
engine is behind it) and the theme's built-in search built on the same pages (the peer,
`peer_site()` builds it). `tools/bench.py` runs both on the shipped archive and on the shipped
archive grown with synthetic transcripts (`tools.synthetic.grow`).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import shutil
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from tools import browser
from tools.synthetic import PROJECT

SEED = 20250601
PHRASES = 24
WORDS = 6
# what a reader does not type: punctuation around a word (an apostrophe inside one stays)
_EDGE = re.compile(r"^[^\w’']+|[^\w’']+$")


@dataclass(frozen=True)
class Target:
    document: str  # transcript id
    turn: str  # "t-007"
    phrase: str  # the six words, as typed


def _memorable(words: list[str], middle: int) -> int | None:
    """The start of the six words nearest the middle that hold at least two words a reader
    remembers (not function words: "to do and we we have" is no one's quotation), or None."""
    from onrecord.search import STOP, tokens

    for shift in range(len(words)):
        for start in (middle - shift, middle + shift):
            if 0 <= start <= len(words) - WORDS:
                window = tokens(" ".join(words[start : start + WORDS]))
                if sum(1 for w in window if w not in STOP) >= 2:
                    return start
    return None


def targets(count: int = PHRASES, seed: int = SEED, root: Path = PROJECT) -> list[Target]:
    """`count` turns of the archive at `root`, picked with `seed`, each with six consecutive words
    from its middle (the nearest six that hold two words other than function words). Turns of
    fewer than twelve words are left out (their middle is their edge)."""
    from onrecord import archive

    loaded = archive.load_archive(archive.Layout(root), check_raw=False)
    pool = []
    for t in sorted(loaded.transcripts, key=lambda t: t.id):
        for turn in t.turns:
            words = [w for w in (_EDGE.sub("", w) for w in turn.speech.split()) if w]
            if len(words) >= 2 * WORDS:
                start = _memorable(words, len(words) // 2 - WORDS // 2)
                if start is not None:
                    pool.append(Target(t.id, turn.id, " ".join(words[start : start + WORDS])))
    return random.Random(seed).sample(pool, min(count, len(pool)))


# In the page: the result items as lists of their links' addresses, once the search is done.
_RESULTS = """() => [...document.querySelectorAll('.md-search-result__list > li.md-search-result__item')]
  .map(li => [...li.querySelectorAll('a')].map(a => a.href))"""
# This project's dialog marks its list busy until the first screenful is in; the theme's says
# how many documents matched.
_DONE = {
    "site": """() => {
      const list = document.querySelector('.md-search-result__list');
      const meta = document.querySelector('.md-search-result__meta');
      const input = document.querySelector('.md-search__input');
      // the results of what is typed, not of a keystroke before (data-query: this project's dialog)
      const shown = list && list.getAttribute('data-query');
      return list && list.getAttribute('aria-busy') === 'false' && meta
        && (shown === null || shown === input.value.trim())
        && (list.children.length > 0 || /^No /.test(meta.textContent.trim()));
    }""",
    "peer": """() => {
      const meta = document.querySelector('.md-search-result__meta');
      return meta && /matching document/i.test(meta.textContent);
    }""",
}


def rank(items: list[list[str]], target: Target) -> int:
    """1-based rank of the first result item with a link to the target turn; 0 if none."""
    wanted = re.compile(
        rf"/transcripts/{re.escape(target.document)}/(\?[^#]*)?#{re.escape(target.turn)}$"
    )
    for i, links in enumerate(items, 1):
        if any(wanted.search(h) for h in links):
            return i
    return 0


def run(
    site: Path,
    found: list[Target],
    kind: str = "site",
    quoted: tuple[bool, ...] = (False, True),
    timeout: float = 60.0,
) -> dict:
    """Each target's phrase typed into the header search of `site` (kind "site": this project's
    dialog, a fresh page per query; "peer": the theme's, one page for all, as its search builds
    its whole index in the browser before the first result)."""
    from playwright.sync_api import sync_playwright

    out: dict = {}
    with browser.serve(site, compress=True) as base, sync_playwright() as p:
        chromium = browser.launch(p)
        context = chromium.new_context(viewport={"width": 1280, "height": 900})
        page = None
        for q in quoted:
            rows = []
            for target in found:
                query = f'"{target.phrase}"' if q else target.phrase
                if page is None or kind != "peer":
                    page = context.new_page()
                    page.goto(base)
                    page.wait_for_load_state("load")
                    page.keyboard.press("/")  # both searches open on "/", from anywhere
                    page.wait_for_function(
                        "document.activeElement.classList.contains('md-search__input')",
                        timeout=10_000,
                    )
                    if kind == "peer":  # its index is built in the browser once, before any result
                        page.wait_for_function(
                            "!/initializing/i.test(document.querySelector("
                            "'.md-search-result__meta').textContent)",
                            timeout=timeout * 1000,
                        )
                else:  # the theme's search, ready: an empty box, and the old count gone
                    page.locator(".md-search__input").fill("")
                    page.evaluate(
                        "document.querySelector('.md-search-result__meta').textContent = '';"
                        "document.querySelector('.md-search-result__list').textContent = ''"
                    )
                    page.locator(".md-search__input").focus()
                start = time.perf_counter()
                page.keyboard.type(query)
                page.wait_for_timeout(150)  # past the dialogs' wait for the reader to stop typing
                try:
                    page.wait_for_function(_DONE[kind], timeout=timeout * 1000, polling=20)
                    items = page.evaluate(_RESULTS)
                    error = None
                except Exception as exc:
                    items, error = [], str(exc).splitlines()[0][:120]
                seconds = time.perf_counter() - start
                r = rank(items, target)
                rows.append(
                    {
                        "document": target.document,
                        "turn": target.turn,
                        "query": query,
                        "rank": r,
                        "results": len(items),
                        "seconds": seconds,
                        **({"error": error} if error else {}),
                        "first": items[0][0] if items and items[0] else None,
                    }
                )
                if kind != "peer":
                    page.close()
            out["quoted" if q else "unquoted"] = summary(rows)
        chromium.close()
    return out


def summary(rows: list[dict]) -> dict:
    ranks = [r["rank"] for r in rows]
    return {
        "n": len(rows),
        "top1": sum(1 for r in ranks if r == 1),
        "mrr": statistics.fmean(1 / r if r else 0 for r in ranks) if ranks else 0.0,
        "median_s": statistics.median(r["seconds"] for r in rows) if rows else None,
        "rows": rows,
    }


def peer_site(root: Path, out: Path, timeout: float = 4 * 3600) -> dict:
    """The theme's built-in search (Material's `search` plugin) on the same pages: the project's
    mkdocs.yml with that plugin, the theme overrides less the two that replace its search box,
    and without this project's search script. Builds `root`'s docs/ (converted already) into
    `out`; returns the build's seconds, or an error."""
    import yaml

    from onrecord.settings import _Loader

    work = out.parent / f".{out.name}-config"
    shutil.rmtree(work, ignore_errors=True)
    theme = work / "theme"
    shutil.copytree(PROJECT / "scripts" / "onrecord" / "theme", theme)
    for name in ("partials/search.html", "partials/header.html"):
        (theme / name).unlink(missing_ok=True)
    config = yaml.load((root / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_Loader)
    config["plugins"] = ["search"]
    config["theme"]["custom_dir"] = str(theme)
    config["extra_javascript"] = [
        x for x in config.get("extra_javascript", []) if "search" not in str(x)
    ]
    config["docs_dir"] = str((root / "docs").resolve())
    config["hooks"] = [str((root / h).resolve()) for h in config.get("hooks", [])]
    config["site_dir"] = str(out.resolve())
    config.pop("watch", None)
    config_file = root / ".mkdocs-peer.yml"
    config_file.write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")
    start = time.perf_counter()
    p = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--config-file", str(config_file)],
        cwd=root,
        capture_output=True,
        text=True,
        timeout=timeout,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1", "ONRECORD_ROOT": str(root)},
    )
    seconds = time.perf_counter() - start
    config_file.unlink(missing_ok=True)
    if p.returncode != 0:
        return {
            "error": (p.stderr or p.stdout).strip().splitlines()[-1][:300]
            if (p.stderr or p.stdout)
            else "failed"
        }
    index = out / "search" / "search_index.json"
    return {"seconds": seconds, "index_bytes": index.stat().st_size if index.exists() else None}


def line(name: str, figures: dict) -> str:
    u, q = figures.get("unquoted"), figures.get("quoted")

    def cell(s):
        return f"{s['top1']}/{s['n']} first, MRR {s['mrr']:.2f}" if s else "—"

    return f"{name}: unquoted {cell(u)} · quoted {cell(q)}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m tools.knownitem", description=__doc__.split("\n\n")[0]
    )
    parser.add_argument("site", type=Path, help="a built site (this project's search)")
    parser.add_argument(
        "--peer", type=Path, help="a built site with the theme's search, to compare"
    )
    parser.add_argument("--phrases", type=int, default=PHRASES)
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument("--json", type=Path, help="write every query's rank here")
    args = parser.parse_args(argv)
    if browser.missing():
        print(f"error: {browser.missing()}", file=sys.stderr)
        return 2
    found = targets(args.phrases, args.seed)
    results = {"site": run(args.site, found, "site")}
    print(line("site", results["site"]))
    if args.peer:
        results["peer"] = run(args.peer, found, "peer")
        print(line("peer", results["peer"]))
    if args.json:
        args.json.write_text(json.dumps(results, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
