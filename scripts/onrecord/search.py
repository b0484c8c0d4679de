"""The search index: Pagefind, one index per year of documents and one for speakers and events.

    site/pagefind/
      shards.json            the indexes, in the order the search dialog asks them
      pagefind.js, wasm.*    the engine, once for all indexes
      pages/                 speakers, events, about (lists are navigation, not searched)
      2025/, 2024/, …        the documents of each year, newest first
      undated/               documents without a date

One index for a large archive makes every reader's first search download a page list and
word chunks that grow with the archive (about 500 KB at 10,000 documents), and its indexing
needs about 5 GB. Per year, a search fetches the engine and the newest years' small indexes
until it has enough results; the reader asks for earlier years. The dialog (docs/assets/
search.js) serves every index from the one engine file.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from . import export

BUNDLE = "pagefind"
MANIFEST = "shards.json"
# permalink marks and the citation block would only add noise to the index
EXCLUDE = ".headerlink, .or-cite"
ENGINE = ("pagefind.js", "wasm.en.pagefind", "wasm.unknown.pagefind")


@dataclass(frozen=True)
class Shard:
    name: str  # folder under site/pagefind/
    label: str  # what the dialog calls it
    pages: tuple[str, ...]  # site-relative HTML files


def plan(site: Path) -> list[Shard]:
    """The indexes to build: documents by year (from data/index.json), then everything else."""
    listed = json.loads((site / export.INDEX).read_text(encoding="utf-8"))["documents"]
    by_year: dict[str, list[str]] = {}
    documents = set()
    for row in listed:
        page = f"{row['url']}index.html"
        documents.add(page)
        by_year.setdefault(row["date"][:4] if row["date"] else "undated", []).append(page)
    # a list's words are its documents' titles: it would only stand in front of the documents
    others = sorted(
        p.relative_to(site).as_posix()
        for p in site.rglob("*/*/index.html")
        if p.parent.parent.name in ("speakers", "events")
    )
    if (site / "about" / "index.html").is_file():
        others.append("about/index.html")
    shards = [Shard("pages", "speakers and events", tuple(p for p in others if p not in documents))]
    years = sorted((y for y in by_year if y != "undated"), reverse=True)
    shards += [Shard(y, y, tuple(sorted(by_year[y]))) for y in years]
    if "undated" in by_year:
        shards.append(Shard("undated", "undated documents", tuple(sorted(by_year["undated"]))))
    return shards


def _index(site: Path, shard: Shard, out: Path, quiet: bool) -> subprocess.CompletedProcess:
    """Pagefind over the shard's pages only: they are linked into a scratch copy of the site's
    layout, so the URLs in the index are the site's."""
    with tempfile.TemporaryDirectory(prefix=f"pagefind-{shard.name}-", dir=site.parent) as scratch:
        for rel in shard.pages:
            target = Path(scratch) / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            try:
                os.link(site / rel, target)
            except OSError:  # another file system: copy instead
                shutil.copy2(site / rel, target)
        command = [
            sys.executable,
            "-m",
            "pagefind_bin",
            "--site",
            scratch,
            "--output-path",
            str(out / shard.name),
            "--exclude-selectors",
            EXCLUDE,
        ]
        return subprocess.run(
            command + (["--quiet"] if quiet else []), capture_output=True, text=True
        )


def build(site: Path, quiet: bool = True, jobs: int | None = None) -> list[Shard]:
    """Index the built site into site/pagefind/. Raises RuntimeError if Pagefind fails."""
    out = site / BUNDLE
    shutil.rmtree(out, ignore_errors=True)
    out.mkdir(parents=True)
    shards = [s for s in plan(site) if s.pages]
    with ThreadPoolExecutor(max_workers=jobs or os.cpu_count() or 1) as pool:
        runs = list(pool.map(lambda s: _index(site, s, out, quiet), shards))
    failed = [(s, r) for s, r in zip(shards, runs, strict=True) if r.returncode != 0]
    if failed:
        shard, run = failed[0]
        raise RuntimeError(f"pagefind failed on the {shard.label} index:\n{run.stderr[-2000:]}")
    # the engine is the same in every index: keep one copy, beside the manifest
    for name in ENGINE:
        shutil.copy2(out / shards[0].name / name, out / name)
    for shard in shards:
        folder = out / shard.name
        for path in folder.iterdir():
            if path.is_file() and (path.suffix in (".js", ".css") or path.name.startswith("wasm.")):
                path.unlink()
    manifest = {
        "shards": [{"path": f"{s.name}/", "label": s.label, "pages": len(s.pages)} for s in shards]
    }
    (out / MANIFEST).write_text(json.dumps(manifest, indent=1) + "\n", encoding="utf-8")
    return shards


def describe(shards: list[Shard]) -> str:
    return f"{len(shards)} indexes ({', '.join(s.name for s in shards[:4])}{', …' if len(shards) > 4 else ''})"


def main(argv: list[str] | None = None) -> int:
    """`python -m onrecord.search SITE`: (re)build the search indexes of a built site."""
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 1:
        print("usage: python -m onrecord.search SITE_DIR", file=sys.stderr)
        return 2
    try:
        shards = build(Path(args[0]))
    except (RuntimeError, OSError, ValueError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    print(f"search: {len(shards)} indexes, {sum(len(s.pages) for s in shards):,} pages")
    return 0


if __name__ == "__main__":
    sys.exit(main())
