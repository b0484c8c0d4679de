"""What makes a rerun cheap: files known unchanged are not read again, outputs whose inputs are
unchanged are not made again.

    Cache            what one run learnt, handed to the next: the records read (by file stamp), the
                     registries, the fingerprint of every output made, and the cross-link memo
    Output           one output: the function that makes it and the arguments it is made from
    fingerprint()    a digest of an output's arguments: a page is remade when, and only when, it
                     changes

A page builder is a pure function of its arguments, so the arguments *are* the description of
what it depends on: there is no second list of dependencies to keep in step. Records stand in a
fingerprint for the file they were read from (`Transcript.digest`), so a page's fingerprint costs
little however long its document is.

The cache lives in .onrecord-cache/ (never committed): the state in one file, the records in
SHARDS files by path, so that a correction rewrites one of them. A cache made by other code, or
any part of it missing or unreadable, is discarded whole. Pelican's FileStampDataCacher is the
model: a file whose size and modification time are unchanged is taken as read.
"""

from __future__ import annotations

import gc
import hashlib
import hmac
import os
import pickle
import secrets
import zlib
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field, is_dataclass
from datetime import date
from pathlib import Path
from typing import Any

from .records import Event, Speaker, Transcript
from .writing import atomic_write

FOLDER = ".onrecord-cache"
SHARDS = 64  # the records read are saved in this many files: a correction rewrites one of them
# The modules whose code shapes what convert writes: a change to any of them discards the cache.
OUTPUT_MODULES = (
    "archive",
    "cleaned",
    "convert",
    "crossref",
    "export",
    "feeds",
    "incremental",
    "links",
    "markup",
    "pages",
    "records",
    "settings",
    "validate",
    "writing",
    "yamlio",
)

Stamp = tuple[int, int]  # (size, mtime_ns) of a file


def stamp(path: str | Path) -> Stamp | None:
    try:
        st = os.stat(path)
    except OSError:
        return None
    return (st.st_size, st.st_mtime_ns)


@dataclass(frozen=True)
class Known:
    """A file read and checked, and the stamps of the files it was made from."""

    stamps: tuple[Stamp | None, ...]
    value: Any


@dataclass(frozen=True)
class Made:
    """An output made by an earlier run: its fingerprint and the files it wrote (docs/-relative)."""

    fingerprint: str
    paths: tuple[str, ...]


@dataclass(frozen=True)
class Cache:
    code: str = ""
    registries: Known | None = None  # archive.Registries
    files: Mapping[str, Known] = field(default_factory=dict)  # Transcript by cleaned-file path
    made: Mapping[str, Made] = field(default_factory=dict)  # by output key
    memo: Mapping[Any, Any] = field(default_factory=dict)  # cross-link computations (links.compute)


# ---------------------------------------------------------------- outputs and fingerprints


@dataclass(frozen=True)
class Output:
    """One output of convert: `make(*args)` returns {docs/-relative path: text}. `always`: made on
    every run (cheap, or depending on everything)."""

    key: str
    make: Callable[..., Mapping[str, str]]
    args: tuple[Any, ...]
    always: bool = False

    def build(self) -> Mapping[str, str]:
        return self.make(*self.args)


class Fingerprints:
    """Digests of output arguments. Records are frozen, so a record's part is worked out once per
    run: a speaker who appears on a thousand pages is digested once."""

    def __init__(self) -> None:
        self._seen: dict[int, tuple[object, str]] = {}

    def of(self, output: Output) -> str:
        h = hashlib.blake2b(digest_size=16)
        h.update(f"{output.make.__module__}.{output.make.__qualname__}".encode())
        for arg in output.args:
            h.update(self._part(arg).encode("utf-8"))
            h.update(b"\x00")
        return h.hexdigest()

    def _part(self, value: object) -> str:
        if isinstance(value, Transcript):
            return f"T{value.digest}"  # the record is a function of its file, whose digest this is
        if isinstance(value, (str, int, float, bool, date)) or value is None:
            return repr(value)
        key = id(value)
        found = self._seen.get(key)
        if found is not None and found[0] is value:
            return found[1]
        if isinstance(value, (tuple, list)):
            part = "(" + ",".join(self._part(v) for v in value) + ")"
        elif isinstance(value, (Speaker, Event)) or is_dataclass(value):
            # reprs of frozen records are deterministic: dates, strings and tuples all the way down
            part = (
                repr(value)
                if isinstance(value, (Speaker, Event))
                else type(value).__name__
                + "("
                + ",".join(self._part(getattr(value, f)) for f in value.__dataclass_fields__)
                + ")"
            )
        else:
            part = repr(value)
        self._seen[key] = (value, part)  # the value is kept alive, so its id is not reused
        return part


def make(
    outputs: list[Output],
    previous: Mapping[str, Made],
    present: set[str],
    run: Callable[[Callable[[Any], Any], list[Any]], list[Any]],
) -> tuple[dict[str, str | None], dict[str, Made]]:
    """The files of every output: made afresh when its fingerprint changed (or a file of it is
    missing), else None ("known unchanged: keep the file"). `run` maps a function over a list
    (on every core). Returns the files and what was made, for the next run."""
    prints = Fingerprints()
    files: dict[str, str | None] = {}
    made: dict[str, Made] = {}
    stale: list[tuple[Output, str | None]] = []
    for output in outputs:
        fp = None if output.always else prints.of(output)
        before = previous.get(output.key)
        if (
            fp is not None
            and before
            and before.fingerprint == fp
            and all(p in present for p in before.paths)
        ):
            files.update(dict.fromkeys(before.paths))
            made[output.key] = before
        else:
            stale.append((output, fp))
    for (output, fp), result in zip(
        stale, run(lambda job: dict(job[0].build()), stale), strict=True
    ):
        files.update(result)
        if fp is not None:
            made[output.key] = Made(fp, tuple(result))
    return files, made


# ---------------------------------------------------------------- the cache on disk


def code_version() -> str:
    """The code that shapes the output: pages change when it changes."""
    h = hashlib.blake2b(digest_size=16)
    here = Path(__file__).parent
    for name in OUTPUT_MODULES:
        h.update((here / f"{name}.py").read_bytes())
    return h.hexdigest()


def _key() -> bytes:
    """This machine's key for the cache, kept outside the checkout: unpickling runs code, so a
    cache is read only if this machine wrote it. A `.onrecord-cache/` committed by a pull request
    fails the check and is ignored (CI starts with no key, so with no cache)."""
    folder = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "onrecord"
    path = folder / "cache.key"
    try:
        key = path.read_bytes()
        if len(key) == 32:
            return key
    except OSError:
        pass
    folder.mkdir(parents=True, exist_ok=True)
    key = secrets.token_bytes(32)
    tmp = path.with_name(f".cache.key.{os.getpid()}")
    tmp.write_bytes(key)
    os.chmod(tmp, 0o600)
    tmp.replace(path)
    return key


def _signed(data: bytes) -> bytes:
    return hmac.new(_key(), data, hashlib.sha256).digest() + data


def _read_pickle(path: Path) -> Any:
    """What this machine pickled into `path`, or None (missing, altered or written elsewhere)."""
    try:
        blob = path.read_bytes()
    except OSError:
        return None
    mac, data = blob[:32], blob[32:]
    if not hmac.compare_digest(mac, hmac.new(_key(), data, hashlib.sha256).digest()):
        return None
    try:
        return pickle.loads(data)
    except (pickle.UnpicklingError, EOFError, AttributeError, ImportError, TypeError, ValueError):
        return None


def _shard(key: str) -> int:
    return zlib.crc32(key.encode("utf-8")) % SHARDS


def has_cache(root: Path) -> bool:
    """Whether a cache made by this code is there (without loading the records)."""
    state = _read_pickle(root / FOLDER / "state.pickle")
    return (
        isinstance(state, dict) and state.get("code") == code_version() and bool(state.get("made"))
    )


def load(root: Path) -> Cache:
    folder, code = root / FOLDER, code_version()
    state = _read_pickle(folder / "state.pickle")
    if not isinstance(state, dict) or state.get("code") != code:
        return Cache(code)
    files: dict[str, Known] = {}
    for n in range(SHARDS):
        part = _read_pickle(folder / f"records-{n:02d}.pickle")
        if not isinstance(part, dict):
            return Cache(code)
        files.update(part)
    return Cache(code, state["registries"], files, state["made"], state["memo"])


def save(root: Path, cache: Cache, before: Cache) -> None:
    """Write the state, and the record shards whose entries changed since `before`."""
    folder = root / FOLDER
    folder.mkdir(exist_ok=True)
    (folder / ".gitignore").write_text("*\n")
    shards: list[dict[str, Known]] = [{} for _ in range(SHARDS)]
    for key, value in cache.files.items():
        shards[_shard(key)][key] = value
    changed = {
        _shard(k)
        for k in set(before.files) | set(cache.files)
        if before.files.get(k) is not cache.files.get(k)
    }
    for n, part in enumerate(shards):
        target = folder / f"records-{n:02d}.pickle"
        if n in changed or before.code != cache.code or not target.is_file():
            atomic_write(target, _signed(pickle.dumps(part, protocol=pickle.HIGHEST_PROTOCOL)))
    state = {
        "code": cache.code,
        "registries": cache.registries,
        "made": dict(cache.made),
        "memo": dict(cache.memo),
    }
    atomic_write(
        folder / "state.pickle", _signed(pickle.dumps(state, protocol=pickle.HIGHEST_PROTOCOL))
    )


@contextmanager
def no_gc() -> Iterator[None]:
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
