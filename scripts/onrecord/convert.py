"""The orchestrator: cleaned transcripts and registries in, Markdown pages in docs/ out.

    1. read      load and validate everything (stops with every problem listed)
    2. link      compute cross-links once: appearances, co-speakers, events, quotes, versions
    3. plan      every page with a fingerprint of everything it is made from
    4. render    only pages whose fingerprint changed (all of them without a cache)
    5. write     only files whose bytes changed; remove files whose source is gone

Unchanged pages stay byte-identical with their old modification times, so a one-transcript
correction rewrites only what depends on it. The cache (.onrecord-cache/, never committed)
remembers the files read and the fingerprints written; a change to the code discards it.
"""
from __future__ import annotations

import hashlib
import pickle
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from . import archive as archive_io
from . import export, feeds, links, pages, settings as settings_io
from .records import Archive

GENERATED = ("index.md", "transcripts", "speakers", "events", "data", "feeds")
CACHE = Path(".onrecord-cache") / "convert.pickle"


@dataclass(frozen=True)
class Result:
    written: tuple[str, ...]
    unchanged: int
    removed: tuple[str, ...]


@dataclass(frozen=True)
class Job:
    path: str  # relative to docs/
    fingerprint: str | None  # None: always rendered (cheap, or depends on everything)
    make: Callable[[], str]


@dataclass
class Cache:
    code: str = ""
    known: dict = field(default_factory=dict)  # archive_io.Known by cleaned-file path
    fingerprints: dict[str, str] = field(default_factory=dict)  # docs path -> fingerprint written
    memo: dict = field(default_factory=dict)  # quote matches and version alignments (links.compute)
    fragments: dict = field(default_factory=dict)  # each document's JSON (export)


def _digest(*parts) -> str:
    # reprs of frozen records are deterministic: dates, strings and tuples all the way down
    return hashlib.blake2b(repr(parts).encode("utf-8"), digest_size=16).hexdigest()


def plan(archive: Archive, cross: links.Links, site: settings_io.Settings, cache: "Cache | None" = None) -> list[Job]:
    """Every generated file, with what it depends on. A fingerprint may cover more than a page
    uses (a page is then re-rendered for nothing) but never less (it would go stale)."""
    speakers, events, digests = archive.speakers, archive.events, archive.digests
    by_id = {t.id: t for t in archive.transcripts}

    docs: dict[str, str] = {}

    def doc(t) -> str:
        """A document as the pages around it show it: its text, its speakers, its event."""
        if t.id not in docs:
            docs[t.id] = _digest(digests.get(t.id), tuple(speakers[s] for s in t.speaker_ids()),
                                 events.get(t.event or ""))
        return docs[t.id]

    jobs: list[Job] = []
    for t in archive.transcripts:
        family = cross.family(t.event)
        related = [o for eid in family for o in cross.by_event.get(eid, [])]
        fp = _digest("transcript", doc(t), tuple(events.get(e) for e in family), tuple(doc(o) for o in related), site)
        jobs.append(Job(pages.transcript_path(t.id), fp,
                        lambda t=t: pages.transcript_page(t, archive, cross, site).text))
    for sid in sorted(speakers):
        apps = cross.appearances.get(sid)
        if not apps:
            continue
        fp = _digest("speaker", speakers[sid], tuple(doc(a.transcript) for a in apps), site)
        jobs.append(Job(pages.speaker_path(sid), fp,
                        lambda sid=sid: pages.speaker_page(speakers[sid], archive, cross, site).text))
    for e in sorted(events.values(), key=lambda e: e.id):
        family = cross.family(e.id)
        fp = _digest("event", tuple(events.get(x) for x in family),
                     tuple(doc(by_id[t.id]) for t in cross.by_event.get(e.id, [])), site)
        jobs.append(Job(pages.event_path(e.id), fp, lambda e=e: pages.event_page(e, archive, cross).text))
    index = pages.index_pages(archive, cross)  # cheap and they depend on every document: always made
    jobs.extend(Job(p.path, None, lambda p=p: p.text) for p in index)
    fragments = cache.fragments if cache else None
    jobs.append(Job("data/transcripts.json", None, lambda: export.transcripts_json(archive, fragments)))
    jobs.extend(Job(path, None, lambda text=text: text) for path, text in feeds.feeds(archive, cross, site).items())
    return jobs


def render(archive: Archive, site: settings_io.Settings) -> dict[str, str]:
    """Every generated file of docs/, by path (no cache)."""
    return {job.path: job.make() for job in plan(archive, links.compute(archive), site)}


def write(docs: Path, files: dict[str, str | None]) -> Result:
    """Write changed files; a None value means "known unchanged": keep the file as it is."""
    written, unchanged = [], 0
    for rel, text in sorted(files.items()):
        target = docs / rel
        if text is None:
            unchanged += 1
            continue
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


def code_version() -> str:
    """The package's own source: pages change when the code that writes them changes."""
    h = hashlib.blake2b(digest_size=16)
    for path in sorted(Path(__file__).parent.rglob("*.py")):
        h.update(path.read_bytes())
    return h.hexdigest()


def _load_cache(root: Path) -> Cache:
    try:
        cache = pickle.loads((root / CACHE).read_bytes())
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError, TypeError):
        return Cache(code_version())
    return cache if isinstance(cache, Cache) and cache.code == code_version() else Cache(code_version())


def _save_cache(root: Path, cache: Cache) -> None:
    target = root / CACHE
    target.parent.mkdir(exist_ok=True)
    (target.parent / ".gitignore").write_text("*\n")
    tmp = target.with_suffix(".tmp")
    tmp.write_bytes(pickle.dumps(cache, protocol=pickle.HIGHEST_PROTOCOL))
    tmp.replace(target)


def convert(root: Path, use_cache: bool = True) -> Result:
    layout = archive_io.Layout(root)
    cache = _load_cache(root) if use_cache else Cache(code_version())
    archive = archive_io.load_archive(layout, known=cache.known)
    site = settings_io.load(root)
    jobs = plan(archive, links.compute(archive, cache.memo), site, cache)
    files: dict[str, str | None] = {}
    for job in jobs:
        fresh = job.fingerprint is not None and cache.fingerprints.get(job.path) == job.fingerprint
        files[job.path] = None if fresh and (layout.docs / job.path).is_file() else job.make()
    result = write(layout.docs, files)
    fingerprints = {job.path: job.fingerprint for job in jobs if job.fingerprint is not None}
    if result.written or result.removed or fingerprints != cache.fingerprints or archive.read:
        cache.fingerprints = fingerprints
        _save_cache(root, cache)  # nothing new learnt: the cache on disk is still exact
    return result
