"""The orchestrator: cleaned transcripts and registries in, Markdown pages in docs/ out.

    1. read      load and validate everything (stops with every problem listed)
    2. link      compute cross-links once: appearances, co-speakers, events
    3. render    every page as text, in memory
    4. write     only pages whose bytes changed; remove pages whose source is gone

Writing only what changed keeps unchanged pages byte-identical with their old
modification times, so a one-transcript correction touches only what depends on it.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from . import archive as archive_io
from . import export, feeds, links, pages, settings as settings_io
from .records import Archive

GENERATED = ("index.md", "transcripts", "speakers", "events", "data", "feeds")


@dataclass(frozen=True)
class Result:
    written: tuple[str, ...]
    unchanged: int
    removed: tuple[str, ...]


def render(archive: Archive, site: settings_io.Settings) -> dict[str, str]:
    """Every generated file of docs/, by path."""
    cross = links.compute(archive)
    out: list[pages.Page] = []
    out.extend(pages.transcript_page(t, archive, cross, site) for t in archive.transcripts)
    out.extend(pages.speaker_page(archive.speakers[sid], archive, cross, site)
               for sid in sorted(archive.speakers) if cross.appearances.get(sid))
    out.extend(pages.event_page(e, archive, cross) for e in sorted(archive.events.values(), key=lambda e: e.id))
    out.extend(pages.index_pages(archive, cross))
    files = {p.path: p.text for p in out}
    files["data/transcripts.json"] = export.transcripts_json(archive)
    files.update(feeds.feeds(archive, cross, site))
    return files


def write(docs: Path, files: dict[str, str]) -> Result:
    written, unchanged = [], 0
    for rel, text in sorted(files.items()):
        target = docs / rel
        data = text.encode("utf-8")
        if target.is_file() and target.read_bytes() == data:
            unchanged += 1
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp = target.with_name(f".{target.name}.tmp")
        tmp.write_bytes(data)
        tmp.replace(target)
        written.append(rel)
    removed = []
    for top in GENERATED:
        base = docs / top
        candidates = [base] if base.is_file() else (p for p in base.rglob("*") if p.is_file()) if base.is_dir() else []
        for path in sorted(candidates):
            rel = path.relative_to(docs).as_posix()
            if rel not in files:
                path.unlink()
                removed.append(rel)
    return Result(tuple(written), unchanged, tuple(removed))


def convert(root: Path) -> Result:
    layout = archive_io.Layout(root)
    archive = archive_io.load_archive(layout)
    return write(layout.docs, render(archive, settings_io.load(root)))
