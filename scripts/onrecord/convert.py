"""The orchestrator: cleaned transcripts and registries in, Markdown pages in docs/ out.

    0. policy    the checkout asks nothing the build does not allow: no links, safe settings
                 (policy.py; stops before anything is read or written)
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

import gc
import hashlib
import os
import pickle
import zlib
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from . import archive as archive_io
from . import export, feeds, links, pages, parallel, policy, settings as settings_io
from .records import Archive

GENERATED = ("index.md", "transcripts", "speakers", "events", "data", "feeds")
CACHE = Path(".onrecord-cache")
SHARDS = 64  # the records read are saved in this many files: a correction rewrites one of them


@dataclass(frozen=True)
class Result:
    written: tuple[str, ...]
    unchanged: int
    removed: tuple[str, ...]


@dataclass(frozen=True)
class Job:
    """Files made together from the same inputs. `fingerprint` digests everything they are made
    from; None: always made (cheap, or depends on everything)."""
    key: str
    fingerprint: str | None
    make: Callable[[], dict[str, str]]  # docs/-relative path -> text


@dataclass
class Cache:
    code: str = ""
    known: dict = field(default_factory=dict)  # archive_io.Known by cleaned-file path
    made: dict[str, tuple[str, tuple[str, ...]]] = field(default_factory=dict)  # job key -> (fingerprint, paths)
    memo: dict = field(default_factory=dict)  # quote matches and version alignments (links.compute)


def _digest(*parts) -> str:
    # reprs of frozen records are deterministic: dates, strings and tuples all the way down
    return hashlib.blake2b(repr(parts).encode("utf-8"), digest_size=16).hexdigest()


def _one(path: str, make: Callable[[], str]) -> Callable[[], dict[str, str]]:
    return lambda: {path: make()}


def plan(archive: Archive, cross: links.Links, site: settings_io.Settings) -> list[Job]:
    """Every generated file, with what it depends on. A fingerprint may cover more than a page
    uses (a page is then re-rendered for nothing) but never less (it would go stale)."""
    speakers, events, digests = archive.speakers, archive.events, archive.digests
    by_id = {t.id: t for t in archive.transcripts}
    speaker_fp = {sid: _digest(s) for sid, s in speakers.items()}
    event_fp = {eid: _digest(e) for eid, e in events.items()}
    site_fp = _digest(site)

    docs: dict[str, str] = {}

    def doc(t) -> str:
        """A document as the pages around it show it: its text, its speakers, its event."""
        if t.id not in docs:
            docs[t.id] = _digest(digests.get(t.id), tuple(speaker_fp[s] for s in t.speaker_ids()),
                                 event_fp.get(t.event or ""))
        return docs[t.id]

    def listing(t) -> tuple:
        """A document as lists show it: no text, but who speaks how often (counts of turns)."""
        return (t.id, t.title, t.date, t.event, t.source_kind, tuple(x.speaker for x in t.turns),
                tuple(q.speaker for q in t.quotes))

    jobs: list[Job] = []
    for t in archive.transcripts:
        family = cross.family(t.event)
        related = [o for eid in family for o in cross.by_event.get(eid, [])]
        path = pages.transcript_path(t.id)
        fp = _digest("transcript", doc(t), tuple(event_fp[e] for e in family), tuple(doc(o) for o in related), site_fp)
        jobs.append(Job(path, fp, _one(path, lambda t=t: pages.transcript_page(t, archive, cross, site).text)))
        path = export.document_path(t.id)
        jobs.append(Job(path, _digest("json", doc(t)), _one(path, lambda t=t: export.document_json(t, archive))))
    for sid in sorted(speakers):
        apps = cross.appearances.get(sid)
        if not apps:
            continue
        path = pages.speaker_path(sid)
        fp = _digest("speaker", speaker_fp[sid], tuple(doc(a.transcript) for a in apps), site_fp)
        jobs.append(Job(path, fp, _one(path, lambda sid=sid: pages.speaker_page(speakers[sid], archive, cross, site).text)))
    for e in sorted(events.values(), key=lambda e: e.id):
        family = cross.family(e.id)
        path = pages.event_path(e.id)
        fp = _digest("event", tuple(event_fp[x] for x in family),
                     tuple(doc(by_id[t.id]) for t in cross.by_event.get(e.id, [])))
        jobs.append(Job(path, fp, _one(path, lambda e=e: pages.event_page(e, archive, cross).text)))
    # the lists depend on every document's metadata but not on its words: one fingerprint for all
    fp = _digest("lists", tuple(listing(t) for t in archive.transcripts), speaker_fp, event_fp)
    jobs.append(Job("index pages", fp, lambda: {p.path: p.text for p in pages.index_pages(archive, cross)}))
    jobs.append(Job(export.INDEX, fp, _one(export.INDEX, lambda: export.index_json(archive))))
    for feed in feeds.plan(archive, cross, site):
        fp = _digest("feed", feed.path, feed.feed_id, feed.title, feed.page_url, tuple(doc(t) for t in feed.entries), site_fp)
        jobs.append(Job(feed.path, fp, _one(feed.path, lambda feed=feed: feeds.render(feed, archive, site))))
    return jobs


def render(archive: Archive, site: settings_io.Settings) -> dict[str, str]:
    """Every generated file of docs/, by path (no cache)."""
    return {path: text for job in plan(archive, links.compute(archive), site) for path, text in job.make().items()}


def existing(docs: Path) -> set[str]:
    """The generated files now in docs/ (docs/-relative paths), found in one walk."""
    found = set()
    for top in GENERATED:
        base = os.path.join(docs, top)
        if os.path.isfile(base):
            found.add(top)
        for folder, _, names in os.walk(base):
            prefix = os.path.relpath(folder, docs).replace(os.sep, "/")
            found.update(f"{prefix}/{name}" for name in names)
    return found


def write(docs: Path, files: dict[str, str | None], present: set[str] | None = None) -> Result:
    """Write changed files; a None value means "known unchanged": keep the file as it is.
    Generated files that are not in `files` are removed."""
    present = existing(docs) if present is None else present
    written, unchanged = [], 0
    for rel, text in sorted(files.items()):
        if text is None:
            unchanged += 1
            continue
        target = docs / rel
        data = text.encode("utf-8")
        if rel in present and target.read_bytes() == data:
            unchanged += 1
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        _atomic(target, data)
        written.append(rel)
    removed = sorted(present - files.keys())
    for rel in removed:
        (docs / rel).unlink()
    return Result(tuple(written), unchanged, tuple(removed))


def code_version() -> str:
    """The package's own source: pages change when the code that writes them changes."""
    h = hashlib.blake2b(digest_size=16)
    for path in sorted(Path(__file__).parent.rglob("*.py")):
        h.update(path.read_bytes())
    return h.hexdigest()


@contextmanager
def _no_gc():
    """Unpickling and planning make millions of objects that live to the end of the run: the
    cycle collector would walk them again and again for nothing (2.6 s -> 0.4 s to load 10,000)."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        # re-enabled as is, the collector's next pass would walk them all once more (0.3 s)
        gc.freeze()
        gc.unfreeze()  # ...into the oldest generation, seldom collected
        if was:
            gc.enable()


def _shard(key: str) -> int:
    return zlib.crc32(key.encode("utf-8")) % SHARDS


def _read_pickle(path: Path):
    try:
        return pickle.loads(path.read_bytes())
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError, TypeError, ValueError):
        return None


def has_cache(root: Path) -> bool:
    """Whether a cache made by this code is there (without loading the records)."""
    state = _read_pickle(root / CACHE / "state.pickle")
    return isinstance(state, dict) and state.get("code") == code_version() and bool(state.get("made"))


def _load_cache(root: Path) -> Cache:
    """The cache is state.pickle (code version, what was made, the memo) and the records read,
    in SHARDS files by path; any missing or stale part discards the whole cache."""
    folder = root / CACHE
    state = _read_pickle(folder / "state.pickle")
    if not isinstance(state, dict) or state.get("code") != code_version():
        return Cache(code_version())
    known: dict = {}
    for n in range(SHARDS):
        part = _read_pickle(folder / f"records-{n:02d}.pickle")
        if not isinstance(part, dict):
            return Cache(code_version())
        known.update(part)
    return Cache(state["code"], known, state["made"], state["memo"])


def _save_cache(root: Path, cache: Cache, before: dict) -> None:
    """Write the state, and the record shards whose entries changed since `before`."""
    folder = root / CACHE
    folder.mkdir(exist_ok=True)
    (folder / ".gitignore").write_text("*\n")
    shards: list[dict] = [{} for _ in range(SHARDS)]
    for key, value in cache.known.items():
        shards[_shard(key)][key] = value
    changed = {_shard(k) for k in set(before) | set(cache.known) if before.get(k) is not cache.known.get(k)}
    for n, part in enumerate(shards):
        target = folder / f"records-{n:02d}.pickle"
        if n in changed or not target.is_file():
            _atomic(target, pickle.dumps(part, protocol=pickle.HIGHEST_PROTOCOL))
    state = {"code": cache.code, "made": cache.made, "memo": cache.memo}
    _atomic(folder / "state.pickle", pickle.dumps(state, protocol=pickle.HIGHEST_PROTOCOL))


def _atomic(target: Path, data: bytes) -> None:
    tmp = target.with_name(f".{target.name}.tmp")
    tmp.write_bytes(data)
    tmp.replace(target)


def convert(root: Path, use_cache: bool = True) -> Result:
    layout = archive_io.Layout(root)
    policy.enforce(root)  # before docs/ is touched: a linked docs/transcripts would be written through
    with _no_gc():
        cache = _load_cache(root) if use_cache else Cache(code_version())
        before = dict(cache.known)
        archive = archive_io.load_archive(layout, known=cache.known)
        site = settings_io.load(root)
        jobs = plan(archive, links.compute(archive, cache.memo), site)
        present = existing(layout.docs)
        files: dict[str, str | None] = {}
        made: dict[str, tuple[str, tuple[str, ...]]] = {}
        stale = []
        for job in jobs:
            previous = cache.made.get(job.key)
            if (job.fingerprint is not None and previous and previous[0] == job.fingerprint
                    and all(p in present for p in previous[1])):
                files.update(dict.fromkeys(previous[1]))  # None: known unchanged, keep the file
                made[job.key] = previous
            else:
                stale.append(job)
        # pages are made independently of each other: on every core when there are many
        for job, output in zip(stale, parallel.fork_map(lambda job: job.make(), stale)):
            files.update(output)
            if job.fingerprint is not None:
                made[job.key] = (job.fingerprint, tuple(output))
        result = write(layout.docs, files, present)
        if result.written or result.removed or made != cache.made or archive.read:
            cache.made = made
            _save_cache(root, cache, before)  # else nothing new learnt: the cache on disk is still exact
    return result
